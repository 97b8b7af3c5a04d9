<?xml version="1.0" encoding="UTF-8"?>
<!--
  The bilingual review edition (part 'review', handbook review TAG): one
  HTML file (and its style sheet, assets/review.css) for a reviewer with a
  pen, printed or made into a PDF (tests/make-review-pdf.sh). The input is the generator's <review>
  document (generator/review_edition.h), not a <book>.

  The edition's own words (headings, labels, the how-to) stay in English on
  purpose: its readers review a translation from English, so they read
  both languages, and the catalogs then need no entries for it. That is why
  nothing here goes through the theme's translation function.

  Layout: the page is left to right, as its English labels are; each unit
  is one table row, the English source left, the translation right, then a
  ruled column for handwritten remarks. A right-to-left translation sits
  against the right edge of its column, where its lines start, so an
  Arabic reader meets the translation first and the English beside it.
  Each cell carries its own lang and dir, so that the browser (or
  WeasyPrint) lays out each text by its own rules and picks its font.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:hb="urn:x-handbook:1"
    exclude-result-prefixes="hb">

  <xsl:template name="review-files">
    <xsl:variable name="r" select="/review"/>
    <hb:copy from="assets/review.css" path="handbook-review.css" target="root"/>
    <hb:file path="handbook-{$r/@lang}-review.html" target="root">
      <html lang="en" dir="ltr">
        <head>
          <meta charset="utf-8"/>
          <meta name="viewport" content="width=device-width, initial-scale=1"/>
          <meta http-equiv="Content-Security-Policy"
                content="default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'none'"/>
          <meta name="generator" content="{$r/@generator}"/>
          <title>
            <xsl:value-of select="concat('Review edition: ', $r/@english, ' (', $r/@lang, ') – ', $r/@title)"/>
          </title>
          <link rel="stylesheet" href="handbook-review.css"/>
          <xsl:call-template name="review-extra-head"/>
        </head>
        <body>
          <xsl:call-template name="review-cover"/>
          <xsl:call-template name="review-summary"/>
          <xsl:call-template name="review-terminology"/>
          <xsl:apply-templates select="$r/metadata | $r/chapter" mode="review"/>
        </body>
      </html>
    </hb:file>
  </xsl:template>

  <!-- A hook for editions: another stylesheet after the default one. -->
  <xsl:template name="review-extra-head"/>

  <!-- The translation's language in words: "Arabic (العربية)". -->
  <xsl:template name="review-language">
    <xsl:value-of select="/review/@english"/>
    <xsl:if test="/review/@name != /review/@english">
      <xsl:text> (</xsl:text>
      <span lang="{/review/@lang}" dir="{/review/@dir}">
        <xsl:value-of select="/review/@name"/>
      </span>
      <xsl:text>)</xsl:text>
    </xsl:if>
  </xsl:template>

  <xsl:template name="review-cover">
    <xsl:variable name="r" select="/review"/>
    <header class="cover">
      <p class="kicker">
        <xsl:value-of select="concat('Review edition · ', $r/@english, ' (', $r/@lang, ')')"/>
      </p>
      <h1><xsl:value-of select="$r/@title"/></h1>
      <p class="cover-lang">
        <xsl:text>English and </xsl:text>
        <xsl:call-template name="review-language"/>
      </p>
      <p class="file"><xsl:value-of select="$r/@po"/></p>
      <p class="cover-date">
        <xsl:value-of select="concat('Made on ', $r/@date, ' by ', $r/@generator, '.')"/>
      </p>
      <p>
        This edition is for people who read both English and
        <xsl:value-of select="$r/@english"/> and check the translation
        before readers depend on it. Each row is one entry of
        <xsl:value-of select="$r/@po"/>: the English source on the left, the
        translation beside it, and room on the right for your remarks. The
        texts are shown exactly as translators see them, with their
        Markdown marks (<code>**bold**</code>, <code>[link](…)</code>,
        <code>[^note]</code>): a translation must keep the same marks.
      </p>
      <p class="care">
        The handbook is about painful experiences: attachment trauma,
        neglect, violence and crisis. Reviewing it means reading all of it
        closely. Take breaks, review a chapter at a time, and stop when you
        need to; the edition keeps your place.
      </p>
    </header>
  </xsl:template>

  <!-- The review state of a chapter, as a short phrase. -->
  <xsl:template name="review-state">
    <xsl:param name="c" select="."/>
    <span class="state state-{$c/@state}">
      <xsl:choose>
        <xsl:when test="$c/@state = 'reviewed'">reviewed</xsl:when>
        <xsl:when test="$c/@state = 'stale'">stale: changed since the review</xsl:when>
        <xsl:otherwise>draft: not reviewed</xsl:otherwise>
      </xsl:choose>
    </span>
    <xsl:if test="$c/@by">
      <xsl:text> </xsl:text>
      <span class="by">
        <xsl:text>(</xsl:text>
        <xsl:if test="$c/@state = 'stale'">reviewed </xsl:if>
        <xsl:text>by </xsl:text>
        <bdi><xsl:value-of select="$c/@by"/></bdi>
        <xsl:text>, </xsl:text>
        <bdi><xsl:value-of select="$c/@role"/></bdi>
        <xsl:value-of select="concat(', ', $c/@date, ')')"/>
      </span>
    </xsl:if>
  </xsl:template>

  <xsl:template name="review-summary">
    <xsl:variable name="r" select="/review"/>
    <xsl:variable name="s" select="$r/summary"/>
    <section class="summary" id="summary">
      <h2>Summary</h2>
      <p>
        <xsl:value-of select="concat($s/@units, ' entries: ', $s/@translated, ' translated, ',
                                     $s/@fuzzy, ' fuzzy (not shown to readers), ',
                                     $s/@untranslated, ' not translated. ',
                                     $s/@reviewed, ' of ', $s/@chapters, ' chapters reviewed.')"/>
      </p>
      <table class="summary-table">
        <thead>
          <tr>
            <th scope="col">Chapter</th>
            <th scope="col" class="num">Entries</th>
            <th scope="col" class="num">Translated</th>
            <th scope="col" class="num">Fuzzy</th>
            <th scope="col" class="num">Not translated</th>
            <th scope="col">Review</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Book title and description</th>
            <xsl:call-template name="review-counts">
              <xsl:with-param name="c" select="$r/metadata"/>
            </xsl:call-template>
            <td>(part of every chapter's review)</td>
          </tr>
          <xsl:for-each select="$r/chapter">
            <tr class="row-{@state}">
              <th scope="row">
                <a href="#{@id}">
                  <xsl:value-of select="concat(@n, '. ', @title-source)"/>
                </a>
                <xsl:if test="@title-translation">
                  <br/>
                  <span class="title-tr" lang="{$r/@lang}" dir="{$r/@dir}">
                    <xsl:value-of select="@title-translation"/>
                  </span>
                </xsl:if>
                <br/>
                <span class="file"><xsl:value-of select="@file"/></span>
                <xsl:if test="@safety-critical = 'yes'">
                  <span class="safety"> · safety-critical</span>
                </xsl:if>
              </th>
              <xsl:call-template name="review-counts"/>
              <td><xsl:call-template name="review-state"/></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
      <h3>How to record a review</h3>
      <p>
        When you have read a chapter through and its translation is right
        (correct what is not in the catalog first, and leave no entry fuzzy
        or untranslated), record your review in the project, with your name
        and your role:
      </p>
      <pre><xsl:value-of select="$s/@approve"/></pre>
      <p>
        for example
        <code>
          <xsl:value-of select="concat('handbook review ', $r/@lang, ' --approve ',
                                       $r/chapter[1]/@file, ' --by &quot;Your Name&quot; --role &quot;Clinical psychologist&quot;')"/>
        </code>.
        The review is written to <xsl:value-of select="concat(substring-before($r/@po, '.po'), '.reviews')"/>
        with a fingerprint of the English and of the translation: when
        either changes, the chapter shows as <em>stale</em> here and in
        <code>handbook stats</code> until it is reviewed again.
      </p>
      <h3>Marks in this edition</h3>
      <ul class="legend">
        <li><span class="flag flag-fuzzy">Fuzzy: not shown to readers</span>
          the translator's draft for a changed English text; readers see the
          English until it is checked.</li>
        <li><span class="flag flag-untranslated">Not translated</span>
          readers see the English.</li>
        <li><code><xsl:value-of select="concat($r/@po, ':123')"/></code> and
          <code><xsl:value-of select="concat($r/chapter[1]/@file, ':45')"/></code>:
          the line of the entry in the catalog and of the text in the
          chapter, to find them quickly.</li>
        <xsl:if test="$r/@dir = 'rtl'">
          <li>In the right-to-left column, left-to-right runs (citations,
            link targets) are kept in their reading order; a long link
            target that wraps onto the next line may show its two halves in
            an odd order: the catalog line finds the exact text.</li>
        </xsl:if>
      </ul>
    </section>
  </xsl:template>

  <xsl:template name="review-counts">
    <xsl:param name="c" select="."/>
    <td class="num"><xsl:value-of select="$c/@units"/></td>
    <td class="num"><xsl:value-of select="$c/@translated"/></td>
    <td class="num"><xsl:value-of select="$c/@fuzzy"/></td>
    <td class="num"><xsl:value-of select="$c/@untranslated"/></td>
  </xsl:template>

  <!-- The translator's terminology note, shown once. -->
  <xsl:template name="review-terminology">
    <xsl:variable name="t" select="/review/terminology"/>
    <section class="terminology" id="terminology">
      <h2>Terminology</h2>
      <p class="file">
        <xsl:value-of select="$t/@path"/>
      </p>
      <xsl:choose>
        <xsl:when test="$t/@missing = 'yes'">
          <p>
            There is no terminology note for this language yet. Translators
            write one at <xsl:value-of select="$t/@path"/> (see
            translations/README.md).
          </p>
        </xsl:when>
        <xsl:otherwise>
          <div class="note-body">
            <xsl:apply-templates select="$t/*" mode="review-html"/>
          </div>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <!--
    The terminology note's HTML (cmark-gfm, safe mode): only the elements a
    note needs are kept, without their attributes; headings move below the
    edition's own; links become their text, followed by the address.
  -->
  <xsl:template match="p | ul | ol | li | strong | em | code | pre | blockquote |
                       table | thead | tbody | tr | hr | br | del" mode="review-html">
    <xsl:element name="{local-name()}">
      <xsl:apply-templates mode="review-html"/>
    </xsl:element>
  </xsl:template>
  <xsl:template match="th | td" mode="review-html">
    <xsl:element name="{local-name()}">
      <xsl:if test="@align = 'right' or @align = 'center'">
        <xsl:attribute name="class"><xsl:value-of select="concat('align-', @align)"/></xsl:attribute>
      </xsl:if>
      <xsl:apply-templates mode="review-html"/>
    </xsl:element>
  </xsl:template>
  <xsl:template match="h1 | h2 | h3 | h4 | h5 | h6" mode="review-html">
    <xsl:variable name="level" select="number(substring(local-name(), 2)) + 2"/>
    <xsl:element name="{concat('h', $level - ($level &gt; 6) * ($level - 6))}">
      <xsl:apply-templates mode="review-html"/>
    </xsl:element>
  </xsl:template>
  <xsl:template match="a" mode="review-html">
    <xsl:apply-templates mode="review-html"/>
    <xsl:if test="string(@href) != '' and string(@href) != string(.)">
      <xsl:value-of select="concat(' (', @href, ')')"/>
    </xsl:if>
  </xsl:template>
  <xsl:template match="*" mode="review-html">
    <xsl:apply-templates mode="review-html"/>
  </xsl:template>
  <xsl:template match="text()" mode="review-html">
    <xsl:value-of select="."/>
  </xsl:template>

  <!-- A chapter, or the book's metadata, as a table of its units. -->
  <xsl:template match="metadata | chapter" mode="review">
    <xsl:variable name="r" select="/review"/>
    <xsl:variable name="id">
      <xsl:choose>
        <xsl:when test="self::metadata">book-metadata</xsl:when>
        <xsl:otherwise><xsl:value-of select="@id"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <section class="chapter" id="{$id}">
      <h2 class="chapter-head">
        <xsl:choose>
          <xsl:when test="self::metadata">Book title and description</xsl:when>
          <xsl:otherwise>
            <xsl:value-of select="concat(@n, '. ', @title-source)"/>
          </xsl:otherwise>
        </xsl:choose>
      </h2>
      <xsl:if test="@title-translation">
        <p class="chapter-title-tr" lang="{$r/@lang}" dir="{$r/@dir}">
          <xsl:value-of select="@title-translation"/>
        </p>
      </xsl:if>
      <p class="chapter-facts">
        <xsl:choose>
          <xsl:when test="self::metadata">
            <xsl:value-of select="concat(@file, ' · the title, subtitle, description, rights and creator of the book')"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:value-of select="concat($r/@content, '/', @file, ' · ')"/>
            <xsl:call-template name="review-state"/>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:value-of select="concat(' · ', @units, ' entries, ', @translated, ' translated')"/>
        <xsl:if test="@fuzzy &gt; 0">
          <xsl:value-of select="concat(', ', @fuzzy, ' fuzzy')"/>
        </xsl:if>
        <xsl:if test="@untranslated &gt; 0">
          <xsl:value-of select="concat(', ', @untranslated, ' not translated')"/>
        </xsl:if>
      </p>
      <table class="units">
        <colgroup>
          <col class="c-src"/>
          <col class="c-tr"/>
          <col class="c-rem"/>
        </colgroup>
        <thead>
          <tr>
            <th scope="col">English (source)</th>
            <th scope="col">
              <xsl:value-of select="concat($r/@english, ' (translation)')"/>
            </th>
            <th scope="col">Remarks</th>
          </tr>
        </thead>
        <tbody>
          <xsl:apply-templates select="unit" mode="review">
            <xsl:with-param name="id" select="$id"/>
          </xsl:apply-templates>
        </tbody>
      </table>
    </section>
  </xsl:template>

  <xsl:template match="unit" mode="review">
    <xsl:param name="id"/>
    <xsl:variable name="r" select="/review"/>
    <xsl:variable name="file">
      <xsl:choose>
        <xsl:when test="parent::metadata"><xsl:value-of select="../@file"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="concat(../@file, ':', @source-line)"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <tr class="unit {@state}" id="{$id}-{@n}">
      <td class="src" lang="{$r/@source-lang}" dir="ltr">
        <p class="ref">
          <span class="n"><xsl:value-of select="@n"/></span>
          <xsl:value-of select="concat(' · ', @kind, ' · ', $file)"/>
          <xsl:if test="@also-lines">
            <xsl:value-of select="concat(' (also on line', substring('s', 1, contains(@also-lines, ' ')),
                                         ' ', translate(@also-lines, ' ', ','), ')')"/>
          </xsl:if>
        </p>
        <p class="text"><xsl:value-of select="source"/></p>
      </td>
      <td class="tr" lang="{$r/@lang}" dir="{$r/@dir}">
        <p class="ref" lang="en" dir="ltr">
          <span class="po">
            <xsl:value-of select="$r/@po"/>
            <xsl:if test="@po-line">
              <xsl:value-of select="concat(':', @po-line)"/>
            </xsl:if>
          </span>
          <xsl:choose>
            <xsl:when test="@state = 'fuzzy'">
              <xsl:text> </xsl:text>
              <span class="flag flag-fuzzy">Fuzzy: not shown to readers</span>
            </xsl:when>
            <xsl:when test="@state = 'untranslated'">
              <xsl:text> </xsl:text>
              <span class="flag flag-untranslated">
                <xsl:choose>
                  <xsl:when test="@po-line">Not translated: readers see the English</xsl:when>
                  <xsl:otherwise>Not in the catalog: readers see the English</xsl:otherwise>
                </xsl:choose>
              </span>
            </xsl:when>
          </xsl:choose>
        </p>
        <xsl:if test="string(translation) != ''">
          <p class="text"><xsl:apply-templates select="translation/node()" mode="review-text"/></p>
        </xsl:if>
        <xsl:if test="note">
          <div class="note" dir="auto">
            <p class="note-label" lang="en" dir="ltr">Translator's note</p>
            <p class="text"><xsl:value-of select="note"/></p>
          </div>
        </xsl:if>
      </td>
      <td class="remarks"></td>
    </tr>
  </xsl:template>

  <!--
    A left-to-right run of a right-to-left translation (a citation, a link
    target): isolated with RLM LRI … PDI RLM, as on the print page, because
    WeasyPrint ignores <bdi> at a line start.
  -->
  <xsl:template match="ltr" mode="review-text">
    <xsl:variable name="run" select="concat('&#x200F;&#x2066;', ., '&#x2069;&#x200F;')"/>
    <xsl:choose>
      <!-- A short run (a citation, a link target) is not broken across
           lines, where its halves would change places; a long one wraps. -->
      <xsl:when test="string-length(.) &lt;= 28">
        <span class="keep"><xsl:value-of select="$run"/></span>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$run"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="text()" mode="review-text">
    <xsl:value-of select="."/>
  </xsl:template>
</xsl:stylesheet>
