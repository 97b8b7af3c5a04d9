<?xml version="1.0" encoding="UTF-8"?>
<!--
  Chapter content: CommonMark XML → HTML elements (no namespace; the
  generator moves them into the XHTML namespace for the EPUB).

  Every template takes $fmt: 'html' (one page per chapter), 'print' (the
  whole book on one page, so ids carry the chapter's id) or 'epub'.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:cm="http://commonmark.org/xml/1.0"
    xmlns:hb="urn:x-handbook:1"
    exclude-result-prefixes="cm hb">

  <!-- The references to each footnote of each chapter, in document order. -->
  <xsl:key name="footnote-refs" match="cm:footnote_reference"
      use="concat(generate-id(ancestor::cm:document), '|', @n)"/>

  <!-- The id of an element inside the chapter $chapter, in format $fmt. -->
  <xsl:template name="local-id">
    <xsl:param name="fmt"/>
    <xsl:param name="chapter"/>
    <xsl:param name="id"/>
    <xsl:if test="$fmt = 'print'">
      <xsl:value-of select="concat($chapter, '--')"/>
    </xsl:if>
    <xsl:value-of select="$id"/>
  </xsl:template>

  <!-- The address of a chapter (and a section in it) in format $fmt. -->
  <xsl:template name="chapter-href">
    <xsl:param name="fmt"/>
    <xsl:param name="chapter"/>
    <xsl:param name="anchor"/>
    <xsl:choose>
      <xsl:when test="$fmt = 'print' and $anchor">
        <xsl:value-of select="concat('#', $chapter, '--', $anchor)"/>
      </xsl:when>
      <xsl:when test="$fmt = 'print'">
        <xsl:value-of select="concat('#', $chapter)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$chapter"/>
        <xsl:value-of select="substring('.html', 1 div ($fmt != 'epub'))"/>
        <xsl:value-of select="substring('.xhtml', 1 div ($fmt = 'epub'))"/>
        <xsl:if test="$anchor">
          <xsl:value-of select="concat('#', $anchor)"/>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!--
    A unit with no usable translation keeps the source text: it says so in
    its lang and dir, so that screen readers switch voice and fonts script.
  -->
  <xsl:template name="fallback-lang">
    <xsl:if test="@fallback = 'true'">
      <xsl:attribute name="lang"><xsl:value-of select="/book/@source-lang"/></xsl:attribute>
      <xsl:attribute name="dir"><xsl:value-of select="/book/@source-dir"/></xsl:attribute>
    </xsl:if>
    <!-- Text an edition must replace before release (placeholder= in
         book.xml): `handbook build \-\-release` refuses pages that show
         it. Called on every unit, so kept here. -->
    <xsl:if test="@placeholder">
      <xsl:attribute name="data-placeholder"><xsl:value-of select="@placeholder"/></xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!--
    On an element that names a chapter (contents, navigation): the source's
    lang and dir when the chapter's title is not translated.
  -->
  <xsl:template name="chapter-title-lang">
    <xsl:for-each select="cm:document/cm:heading[@level = 1][1]">
      <xsl:call-template name="fallback-lang"/>
    </xsl:for-each>
  </xsl:template>

  <!-- Replaces {name} in text by value (UI strings with a placeholder). -->
  <xsl:template name="fill">
    <xsl:param name="text"/>
    <xsl:param name="name"/>
    <xsl:param name="value"/>
    <xsl:variable name="mark" select="concat('{', $name, '}')"/>
    <xsl:choose>
      <xsl:when test="contains($text, $mark)">
        <xsl:value-of select="concat(substring-before($text, $mark), $value, substring-after($text, $mark))"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="cm:document" mode="cm">
    <xsl:param name="fmt"/>
    <xsl:apply-templates select="*[not(self::cm:footnote_definition)]" mode="cm">
      <xsl:with-param name="fmt" select="$fmt"/>
    </xsl:apply-templates>
    <xsl:if test="cm:footnote_definition">
      <section class="footnotes" aria-label="{hb:t('Footnotes')}">
        <ol>
          <xsl:apply-templates select="cm:footnote_definition" mode="cm">
            <xsl:with-param name="fmt" select="$fmt"/>
          </xsl:apply-templates>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template match="cm:heading" mode="cm">
    <xsl:param name="fmt"/>
    <xsl:call-template name="render-heading">
      <xsl:with-param name="fmt" select="$fmt"/>
    </xsl:call-template>
  </xsl:template>

  <!-- A section heading with its stable id (named: editions reuse it). -->
  <xsl:template name="render-heading">
    <xsl:param name="fmt"/>
    <xsl:element name="h{@level + ($fmt = 'print')}">
      <xsl:attribute name="id">
        <xsl:call-template name="local-id">
          <xsl:with-param name="fmt" select="$fmt"/>
          <xsl:with-param name="chapter" select="ancestor::chapter/@id"/>
          <xsl:with-param name="id" select="@id"/>
        </xsl:call-template>
      </xsl:attribute>
      <xsl:call-template name="fallback-lang"/>
      <xsl:apply-templates mode="cm">
        <xsl:with-param name="fmt" select="$fmt"/>
      </xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <!-- The chapter's title is drawn by the page, not here. -->
  <xsl:template match="cm:heading[@level = 1]" mode="cm"/>

  <xsl:template match="cm:paragraph" mode="cm">
    <xsl:param name="fmt"/>
    <p>
      <xsl:call-template name="fallback-lang"/>
      <xsl:apply-templates mode="cm">
        <xsl:with-param name="fmt" select="$fmt"/>
      </xsl:apply-templates>
    </p>
  </xsl:template>

  <!-- In tight lists, paragraphs are not wrapped. -->
  <xsl:template match="cm:list[@tight = 'true']/*/cm:paragraph" mode="cm">
    <xsl:param name="fmt"/>
    <xsl:choose>
      <xsl:when test="@fallback = 'true' or @placeholder">
        <span>
          <xsl:call-template name="fallback-lang"/>
          <xsl:apply-templates mode="cm">
            <xsl:with-param name="fmt" select="$fmt"/>
          </xsl:apply-templates>
        </span>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates mode="cm">
          <xsl:with-param name="fmt" select="$fmt"/>
        </xsl:apply-templates>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="cm:block_quote" mode="cm">
    <xsl:param name="fmt"/>
    <blockquote>
      <xsl:apply-templates mode="cm">
        <xsl:with-param name="fmt" select="$fmt"/>
      </xsl:apply-templates>
    </blockquote>
  </xsl:template>

  <xsl:template match="cm:list[@type = 'bullet']" mode="cm">
    <xsl:param name="fmt"/>
    <ul>
      <xsl:apply-templates mode="cm">
        <xsl:with-param name="fmt" select="$fmt"/>
      </xsl:apply-templates>
    </ul>
  </xsl:template>

  <xsl:template match="cm:list[@type = 'ordered']" mode="cm">
    <xsl:param name="fmt"/>
    <ol>
      <xsl:if test="@start and @start != 1">
        <xsl:attribute name="start"><xsl:value-of select="@start"/></xsl:attribute>
      </xsl:if>
      <xsl:apply-templates mode="cm">
        <xsl:with-param name="fmt" select="$fmt"/>
      </xsl:apply-templates>
    </ol>
  </xsl:template>

  <xsl:template match="cm:item" mode="cm">
    <xsl:param name="fmt"/>
    <li>
      <xsl:apply-templates mode="cm">
        <xsl:with-param name="fmt" select="$fmt"/>
      </xsl:apply-templates>
    </li>
  </xsl:template>

  <!-- A task list item shows its state as text, not as a form control. -->
  <xsl:template match="cm:tasklist" mode="cm">
    <xsl:param name="fmt"/>
    <li class="task">
      <span class="task-box" aria-hidden="true">
        <xsl:value-of select="substring('☑☐', 1 + (@completed != 'true'), 1)"/>
      </span>
      <xsl:text> </xsl:text>
      <xsl:apply-templates mode="cm">
        <xsl:with-param name="fmt" select="$fmt"/>
      </xsl:apply-templates>
    </li>
  </xsl:template>

  <xsl:template match="cm:code_block" mode="cm">
    <pre><code><xsl:value-of select="."/></code></pre>
  </xsl:template>

  <!-- Before a chapter that discusses abuse: a warning and a way out. -->
  <xsl:template name="content-note">
    <xsl:param name="fmt" select="'html'"/>
    <xsl:if test="@content-note = 'yes'">
      <div class="content-note" role="note">
        <p>
          <xsl:variable name="label" select="hb:t('Content note:')"/>
          <strong><xsl:value-of select="$label"/></strong>
          <!-- Full-width punctuation (Chinese, Japanese) has its own space. -->
          <xsl:if test="not(contains('：。，；！？', substring($label, string-length($label))))">
            <xsl:text> </xsl:text>
          </xsl:if>
          <xsl:value-of select="hb:t('this chapter talks about painful experiences in childhood and in relationships, including neglect and abuse. You can read it in small parts, skip it, or come back later.')"/>
        </p>
        <xsl:for-each select="/book/meta/link[@rel = 'grounding']">
          <p>
            <a>
              <xsl:attribute name="href">
                <xsl:call-template name="chapter-href">
                  <xsl:with-param name="fmt" select="$fmt"/>
                  <xsl:with-param name="chapter" select="@chapter"/>
                  <xsl:with-param name="anchor" select="@anchor"/>
                </xsl:call-template>
              </xsl:attribute>
              <xsl:value-of select="hb:t('Grounding exercises')"/>
            </a>
          </p>
        </xsl:for-each>
      </div>
    </xsl:if>
  </xsl:template>

  <!-- Says, in the reader's language, how much of a chapter is translated. -->
  <xsl:template name="translation-note">
    <xsl:param name="chapter" select="."/>
    <xsl:call-template name="review-note">
      <xsl:with-param name="chapter" select="$chapter"/>
    </xsl:call-template>
    <xsl:if test="$chapter/@units and $chapter/@translated &lt; $chapter/@units">
      <p class="translation-note" role="note">
        <xsl:variable name="with-percent">
          <xsl:call-template name="fill">
            <xsl:with-param name="text" select="hb:t('This chapter is {percent} translated. The rest is shown in {language}.')"/>
            <xsl:with-param name="name" select="'percent'"/>
            <xsl:with-param name="value" select="$chapter/@percent-text"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:call-template name="fill">
          <xsl:with-param name="text" select="$with-percent"/>
          <xsl:with-param name="name" select="'language'"/>
          <xsl:with-param name="value" select="/book/@source-name"/>
        </xsl:call-template>
      </p>
    </xsl:if>
  </xsl:template>

  <!--
    Whether a mental-health professional has checked this chapter's
    translation (translations/TAG.reviews). data-review is "draft",
    "stale" (changed since its review) or "reviewed"; the source language
    has no note.
  -->
  <xsl:template name="review-note">
    <xsl:param name="chapter" select="."/>
    <xsl:choose>
      <xsl:when test="$chapter/@review = 'reviewed'">
        <p class="review-note" role="note" data-review="reviewed">
          <xsl:call-template name="fill-review">
            <xsl:with-param name="text" select="hb:t('Translation checked by {name} ({role}), {date}.')"/>
            <xsl:with-param name="chapter" select="$chapter"/>
          </xsl:call-template>
        </p>
      </xsl:when>
      <xsl:when test="$chapter/@review">
        <p class="review-note" role="note" data-review="{$chapter/@review}">
          <xsl:value-of select="hb:t('This translation has not yet been checked by a mental-health professional.')"/>
        </p>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- Fills {name}, {role} and {date} in the order the translation puts
       them; a name or role (often in another script) is isolated. -->
  <xsl:template name="fill-review">
    <xsl:param name="text"/>
    <xsl:param name="chapter"/>
    <xsl:variable name="rest" select="substring-after($text, '{')"/>
    <xsl:choose>
      <xsl:when test="contains($rest, '}')">
        <xsl:variable name="key" select="substring-before($rest, '}')"/>
        <xsl:value-of select="substring-before($text, '{')"/>
        <xsl:choose>
          <xsl:when test="$key = 'name'"><bdi><xsl:value-of select="$chapter/@review-by"/></bdi></xsl:when>
          <xsl:when test="$key = 'role'"><bdi><xsl:value-of select="$chapter/@review-role"/></bdi></xsl:when>
          <xsl:when test="$key = 'date'"><xsl:value-of select="$chapter/@review-date-text"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="concat('{', $key, '}')"/></xsl:otherwise>
        </xsl:choose>
        <xsl:call-template name="fill-review">
          <xsl:with-param name="text" select="substring-after($rest, '}')"/>
          <xsl:with-param name="chapter" select="$chapter"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!--
    How much of a locale is reviewed ($locale: a <locale> of the book
    document), for its home page and the language chooser.
  -->
  <xsl:template name="review-share">
    <xsl:param name="locale"/>
    <xsl:if test="$locale/@reviewed">
      <!-- In the locale's own language, also on the chooser (hb:t's
           second argument). -->
      <xsl:variable name="tag" select="string($locale/@tag)"/>
      <xsl:variable name="table" select="hb:plural-table('{reviewed} of {n} chapter checked by a mental-health professional', $tag)"/>
      <xsl:variable name="n" select="$locale/@chapters"/>
      <!-- The form for n: one digit per entry of "0,1,1,…" (n = 0..199;
           past that, the form of 100 + n mod 100). -->
      <xsl:variable name="index" select="$n * ($n &lt; 200) + (100 + $n mod 100) * ($n &gt;= 200)"/>
      <xsl:variable name="form" select="substring($table, 2 * $index + 1, 1)"/>
      <xsl:variable name="state">
        <xsl:choose>
          <xsl:when test="$locale/@reviewed = 0">draft</xsl:when>
          <xsl:when test="$locale/@reviewed = $n">reviewed</xsl:when>
          <xsl:otherwise>partial</xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <p class="review-share" lang="{$tag}" dir="{$locale/@dir}" data-review="{$state}">
        <xsl:choose>
          <xsl:when test="$locale/@reviewed = 0">
            <xsl:value-of select="hb:t('This translation has not yet been checked by a mental-health professional.', $tag)"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:variable name="with-reviewed">
              <xsl:call-template name="fill">
                <xsl:with-param name="text" select="hb:tn('{reviewed} of {n} chapter checked by a mental-health professional', '{reviewed} of {n} chapters checked by a mental-health professional', $form, $tag)"/>
                <xsl:with-param name="name" select="'reviewed'"/>
                <xsl:with-param name="value" select="$locale/@reviewed-text"/>
              </xsl:call-template>
            </xsl:variable>
            <xsl:call-template name="fill">
              <xsl:with-param name="text" select="$with-reviewed"/>
              <xsl:with-param name="name" select="'n'"/>
              <xsl:with-param name="value" select="$locale/@chapters-text"/>
            </xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </p>
    </xsl:if>
  </xsl:template>

  <xsl:template match="cm:thematic_break" mode="cm">
    <hr/>
  </xsl:template>

  <!-- The figure around every diagram: caption, and labels as its description. -->
  <xsl:template match="cm:diagram" mode="cm">
    <xsl:param name="fmt"/>
    <xsl:variable name="id" select="concat('diagram-', ancestor::chapter/@id, '-', count(preceding-sibling::cm:diagram) + 1)"/>
    <figure class="diagram diagram-{@name}">
      <xsl:apply-templates select="." mode="svg">
        <xsl:with-param name="id" select="$id"/>
      </xsl:apply-templates>
      <figcaption id="{$id}-title">
        <xsl:for-each select="cm:label[@key = 'title']">
          <xsl:call-template name="fallback-lang"/>
          <xsl:value-of select="."/>
        </xsl:for-each>
      </figcaption>
    </figure>
  </xsl:template>

  <!-- Unknown diagrams: the labels as a list. -->
  <xsl:template match="cm:diagram" mode="svg">
    <ul>
      <xsl:for-each select="cm:label[@key != 'title']">
        <li><xsl:call-template name="fallback-lang"/><xsl:value-of select="."/></li>
      </xsl:for-each>
    </ul>
  </xsl:template>

  <xsl:template match="cm:table" mode="cm">
    <xsl:param name="fmt"/>
    <div class="table">
      <table>
        <thead>
          <xsl:apply-templates select="cm:table_header" mode="cm">
            <xsl:with-param name="fmt" select="$fmt"/>
          </xsl:apply-templates>
        </thead>
        <xsl:if test="cm:table_row">
          <tbody>
            <xsl:apply-templates select="cm:table_row" mode="cm">
              <xsl:with-param name="fmt" select="$fmt"/>
            </xsl:apply-templates>
          </tbody>
        </xsl:if>
      </table>
    </div>
  </xsl:template>

  <xsl:template match="cm:table_header | cm:table_row" mode="cm">
    <xsl:param name="fmt"/>
    <tr>
      <xsl:apply-templates mode="cm">
        <xsl:with-param name="fmt" select="$fmt"/>
      </xsl:apply-templates>
    </tr>
  </xsl:template>

  <xsl:template match="cm:table_cell" mode="cm">
    <xsl:param name="fmt"/>
    <xsl:element name="{substring('td', 1, 2 * not(parent::cm:table_header))}{substring('th', 1, 2 * boolean(parent::cm:table_header))}">
      <xsl:if test="parent::cm:table_header">
        <xsl:attribute name="scope">col</xsl:attribute>
      </xsl:if>
      <xsl:if test="@align">
        <xsl:attribute name="class">align-<xsl:value-of select="@align"/></xsl:attribute>
      </xsl:if>
      <xsl:call-template name="fallback-lang"/>
      <xsl:apply-templates mode="cm">
        <xsl:with-param name="fmt" select="$fmt"/>
      </xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <xsl:template match="cm:text" mode="cm">
    <xsl:value-of select="."/>
  </xsl:template>

  <!-- A left-to-right run inside right-to-left text (set by the generator).
       The print page goes to WeasyPrint, whose layout keeps an inline
       element's text apart from the paragraph's bidi ordering: a citation
       starting a line came out as ").Ainsworth et al., 1978(". There the
       run is isolated with the Unicode characters LRI … PDI instead, which
       the paragraph's own bidi algorithm (FriBidi) honours (tested on the
       PDF's text: tests/run-all.sh, pdf). -->
  <xsl:template match="cm:ltr" mode="cm">
    <xsl:param name="fmt"/>
    <xsl:choose>
      <xsl:when test="$fmt = 'print'">
        <!-- RLM on both sides keeps the line right to left when the run
             starts or ends it; a short run (a citation) does not break. -->
        <xsl:variable name="run">
          <xsl:choose>
            <xsl:when test="string-length(.) &lt;= 40">
              <xsl:value-of select="translate(., ' ', '&#xA0;')"/>
            </xsl:when>
            <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:value-of select="concat('&#x200F;&#x2066;', $run, '&#x2069;&#x200F;')"/>
      </xsl:when>
      <xsl:otherwise>
        <bdi dir="ltr"><xsl:value-of select="."/></bdi>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="cm:softbreak" mode="cm">
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="cm:linebreak" mode="cm">
    <br/>
  </xsl:template>

  <xsl:template match="cm:code" mode="cm">
    <code><xsl:value-of select="."/></code>
  </xsl:template>

  <xsl:template match="cm:emph" mode="cm">
    <xsl:param name="fmt"/>
    <em>
      <xsl:apply-templates mode="cm">
        <xsl:with-param name="fmt" select="$fmt"/>
      </xsl:apply-templates>
    </em>
  </xsl:template>

  <xsl:template match="cm:strong" mode="cm">
    <xsl:param name="fmt"/>
    <strong>
      <xsl:apply-templates mode="cm">
        <xsl:with-param name="fmt" select="$fmt"/>
      </xsl:apply-templates>
    </strong>
  </xsl:template>

  <xsl:template match="cm:strikethrough" mode="cm">
    <xsl:param name="fmt"/>
    <del>
      <xsl:apply-templates mode="cm">
        <xsl:with-param name="fmt" select="$fmt"/>
      </xsl:apply-templates>
    </del>
  </xsl:template>

  <!--
    Links: the generator has checked every target. @href is an external
    address (http, https, mailto); @chapter and @anchor name a place in
    the book.
  -->
  <xsl:template match="cm:link" mode="cm">
    <xsl:param name="fmt"/>
    <a>
      <xsl:attribute name="href">
        <xsl:choose>
          <xsl:when test="@href"><xsl:value-of select="@href"/></xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="chapter-href">
              <xsl:with-param name="fmt" select="$fmt"/>
              <xsl:with-param name="chapter" select="@chapter"/>
              <xsl:with-param name="anchor" select="@anchor"/>
            </xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <xsl:if test="@title">
        <xsl:attribute name="title"><xsl:value-of select="@title"/></xsl:attribute>
      </xsl:if>
      <xsl:if test="@href">
        <xsl:attribute name="class">external</xsl:attribute>
      </xsl:if>
      <xsl:apply-templates mode="cm">
        <xsl:with-param name="fmt" select="$fmt"/>
      </xsl:apply-templates>
    </a>
    <!-- On paper a link is useless unless its address is printed. -->
    <xsl:if test="$fmt = 'print' and @href and string(.) != @href">
      <span class="print-url"> (<xsl:value-of select="@href"/>)</span>
    </xsl:if>
  </xsl:template>

  <xsl:template match="cm:footnote_reference" mode="cm">
    <xsl:param name="fmt"/>
    <xsl:variable name="prefix">
      <xsl:if test="$fmt = 'print'">
        <xsl:value-of select="concat(ancestor::chapter/@id, '--')"/>
      </xsl:if>
    </xsl:variable>
    <sup>
      <a href="#{$prefix}fn-{@n}" class="footnote-ref">
        <xsl:if test="generate-id() = generate-id(key('footnote-refs', concat(generate-id(ancestor::cm:document), '|', @n))[1])">
          <xsl:attribute name="id">
            <xsl:value-of select="concat($prefix, 'fnref-', @n)"/>
          </xsl:attribute>
        </xsl:if>
        <xsl:if test="$fmt = 'epub'">
          <xsl:attribute name="epub:type" namespace="http://www.idpf.org/2007/ops">noteref</xsl:attribute>
        </xsl:if>
        <xsl:value-of select="@n"/>
      </a>
    </sup>
  </xsl:template>

  <xsl:template match="cm:footnote_definition" mode="cm">
    <xsl:param name="fmt"/>
    <xsl:variable name="prefix">
      <xsl:if test="$fmt = 'print'">
        <xsl:value-of select="concat(ancestor::chapter/@id, '--')"/>
      </xsl:if>
    </xsl:variable>
    <li id="{$prefix}fn-{@n}">
      <xsl:apply-templates mode="cm">
        <xsl:with-param name="fmt" select="$fmt"/>
      </xsl:apply-templates>
      <p class="backlink">
        <a href="#{$prefix}fnref-{@n}" aria-label="{hb:t('Back to text')}">↩</a>
      </p>
    </li>
  </xsl:template>
</xsl:stylesheet>
