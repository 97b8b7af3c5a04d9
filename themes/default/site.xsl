<?xml version="1.0" encoding="UTF-8"?>
<!-- The HTML site: home page, one page per chapter, print page, chooser. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:cm="http://commonmark.org/xml/1.0"
    xmlns:hb="urn:x-handbook:1"
    exclude-result-prefixes="cm hb">

  <!-- Books with more chapters show the full contents only on index.html. -->
  <xsl:param name="max-toc-chapters" select="60"/>

  <!-- No network: everything comes from the locale's own folder. -->
  <xsl:variable name="csp">default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'</xsl:variable>

  <xsl:template name="site-files">
    <hb:copy from="assets/handbook.css" path="assets/handbook.css"/>
    <hb:file path="index.html">
      <xsl:call-template name="page">
        <xsl:with-param name="page" select="'index'"/>
        <xsl:with-param name="page-title" select="$title"/>
        <xsl:with-param name="body">
          <xsl:call-template name="home"/>
        </xsl:with-param>
      </xsl:call-template>
    </hb:file>
    <xsl:for-each select="/book/chapter">
      <hb:file path="{@id}.html">
        <xsl:call-template name="page">
          <xsl:with-param name="page" select="@id"/>
          <xsl:with-param name="page-title">
            <xsl:call-template name="chapter-title"/>
          </xsl:with-param>
          <xsl:with-param name="body">
            <xsl:call-template name="chapter-page"/>
          </xsl:with-param>
        </xsl:call-template>
      </hb:file>
    </xsl:for-each>
    <hb:copy from="assets/search.js" path="assets/search.js"/>
    <hb:copy from="assets/exit.js" path="assets/exit.js"/>
    <hb:file path="leave.html">
      <xsl:call-template name="leave-page"/>
    </hb:file>
    <hb:file path="search.html">
      <xsl:call-template name="page">
        <xsl:with-param name="page" select="'search'"/>
        <xsl:with-param name="page-title" select="hb:t('Search')"/>
        <xsl:with-param name="body">
          <xsl:call-template name="search-page"/>
        </xsl:with-param>
      </xsl:call-template>
    </hb:file>
    <hb:file path="print.html">
      <xsl:call-template name="print-page"/>
    </hb:file>
  </xsl:template>

  <xsl:template name="head">
    <xsl:param name="page-title"/>
    <xsl:param name="css" select="'assets/handbook.css'"/>
    <xsl:param name="links"/>
    <head>
      <meta charset="utf-8"/>
      <meta name="viewport" content="width=device-width, initial-scale=1"/>
      <meta http-equiv="Content-Security-Policy" content="{$csp}"/>
      <meta name="generator" content="{/book/@generator}"/>
      <title>
        <xsl:value-of select="$page-title"/>
        <xsl:if test="$page-title != $title">
          <xsl:value-of select="concat(' – ', $title)"/>
        </xsl:if>
      </title>
      <link rel="stylesheet" href="{$css}"/>
      <xsl:copy-of select="$links"/>
      <xsl:call-template name="extra-head"/>
    </head>
  </xsl:template>

  <!-- The frame shared by the home page and the chapter pages. -->
  <xsl:template name="page">
    <xsl:param name="page"/>
    <xsl:param name="page-title"/>
    <xsl:param name="body"/>
    <html lang="{$lang}" dir="{$dir}">
      <xsl:call-template name="head">
        <xsl:with-param name="page-title" select="$page-title"/>
      </xsl:call-template>
      <body>
        <a class="skip-link" href="#main"><xsl:value-of select="hb:t('Skip to content')"/></a>
        <xsl:call-template name="safety-bar"/>
        <header class="site-header">
          <xsl:call-template name="brand"/>
          <a class="book-title" href="index.html"><xsl:value-of select="$title"/></a>
          <xsl:call-template name="search-form"/>
          <xsl:call-template name="language-switcher">
            <xsl:with-param name="page" select="$page"/>
          </xsl:call-template>
        </header>
        <div class="layout">
          <main id="main">
            <xsl:copy-of select="$body"/>
          </main>
          <nav class="toc" aria-label="{hb:t('Contents')}">
            <h2 class="toc-title"><xsl:value-of select="hb:t('Contents')"/></h2>
            <xsl:choose>
              <!-- A very long book links to its contents instead of
                   repeating them on every page: output grows linearly. -->
              <xsl:when test="count(/book/chapter) &gt; $max-toc-chapters">
                <p><a href="index.html"><xsl:value-of select="hb:t('Contents')"/></a></p>
              </xsl:when>
              <xsl:otherwise>
                <xsl:call-template name="chapter-list">
                  <xsl:with-param name="current" select="$page"/>
                </xsl:call-template>
              </xsl:otherwise>
            </xsl:choose>
          </nav>
        </div>
        <xsl:call-template name="site-footer"/>
        <script src="assets/exit.js"></script>
      </body>
    </html>
  </xsl:template>

  <!--
    On every page: a way out (for someone who must hide what they read) and
    a way to the grounding exercises and the crisis steps.
  -->
  <xsl:template name="safety-bar">
    <!-- The way out stays on screen (a sticky strip of its own, see
         handbook.css); the help links stay at the top of the page. -->
    <nav class="exit-bar" aria-label="{hb:t('Quick exit')}">
      <a id="quick-exit" class="quick-exit" href="leave.html"><xsl:value-of select="hb:t('Leave this page quickly (Esc)')"/></a>
    </nav>
    <xsl:if test="/book/meta/link[@rel = 'grounding' or @rel = 'crisis']">
      <nav class="safety-bar" aria-label="{hb:t('Help')}">
        <xsl:for-each select="/book/meta/link[@rel = 'grounding']">
          <a class="help-link" href="{@chapter}.html#{@anchor}"><xsl:value-of select="hb:t('Feeling overwhelmed? Grounding exercises')"/></a>
        </xsl:for-each>
        <xsl:for-each select="/book/meta/link[@rel = 'crisis']">
          <a class="help-link" href="{@chapter}.html#{@anchor}"><xsl:value-of select="hb:t('In danger? What to do now')"/></a>
        </xsl:for-each>
      </nav>
    </xsl:if>
  </xsl:template>

  <!-- A neutral page to leave to: nothing on it tells what was read. -->
  <xsl:template name="leave-page">
    <xsl:param name="css" select="'assets/handbook.css'"/>
    <html lang="{$lang}" dir="{$dir}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta http-equiv="Content-Security-Policy" content="{$csp}"/>
        <title><xsl:value-of select="hb:t('Notes')"/></title>
        <link rel="stylesheet" href="{$css}"/>
      </head>
      <body>
        <main id="main" class="leave">
          <h1><xsl:value-of select="hb:t('Notes')"/></h1>
          <p><xsl:value-of select="hb:t('No notes yet.')"/></p>
          <p class="leave-note"><xsl:value-of select="hb:t('This page replaced the one on the screen. Nothing was erased: the Back button and the browser history can still show the pages opened before. To remove them, clear the browsing history in the browser settings, or read in a private window.')"/></p>
        </main>
      </body>
    </html>
  </xsl:template>

  <!-- A plain GET form: search.html?q=… is a link one can share. -->
  <xsl:template name="search-form">
    <form class="search-form" role="search" action="search.html" method="get">
      <label for="search-input"><xsl:value-of select="hb:t('Search')"/></label>
      <input id="search-input" type="search" name="q" maxlength="200" autocomplete="off"/>
      <button type="submit"><xsl:value-of select="hb:t('Search')"/></button>
    </form>
  </xsl:template>

  <xsl:template name="search-page">
    <h1><xsl:value-of select="hb:t('Search')"/></h1>
    <p id="search-status" role="status" aria-live="polite"
        data-searching="{hb:t('Searching…')}"
        data-no-results="{hb:t('Nothing found for “{query}”. Try fewer words, shorter words or another spelling.')}"
        data-plural="{hb:plural-table('{n} section found for “{query}”')}">
      <xsl:call-template name="plural-attributes"/>
    </p>
    <div id="search-results"></div>
    <noscript><p><xsl:value-of select="hb:t('Search needs JavaScript. Every chapter can be read without it.')"/></p></noscript>
    <script src="assets/search.js"></script>
  </xsl:template>

  <!-- data-results-0 … data-results-5: the plural forms of the result count. -->
  <xsl:template name="plural-attributes">
    <xsl:attribute name="data-results-0"><xsl:value-of select="hb:tn('{n} section found for “{query}”', '{n} sections found for “{query}”', 0)"/></xsl:attribute>
    <xsl:attribute name="data-results-1"><xsl:value-of select="hb:tn('{n} section found for “{query}”', '{n} sections found for “{query}”', 1)"/></xsl:attribute>
    <xsl:attribute name="data-results-2"><xsl:value-of select="hb:tn('{n} section found for “{query}”', '{n} sections found for “{query}”', 2)"/></xsl:attribute>
    <xsl:attribute name="data-results-3"><xsl:value-of select="hb:tn('{n} section found for “{query}”', '{n} sections found for “{query}”', 3)"/></xsl:attribute>
    <xsl:attribute name="data-results-4"><xsl:value-of select="hb:tn('{n} section found for “{query}”', '{n} sections found for “{query}”', 4)"/></xsl:attribute>
    <xsl:attribute name="data-results-5"><xsl:value-of select="hb:tn('{n} section found for “{query}”', '{n} sections found for “{query}”', 5)"/></xsl:attribute>
  </xsl:template>

  <xsl:template name="language-switcher">
    <xsl:param name="page"/>
    <xsl:if test="count(/book/locales/locale) &gt; 1">
      <nav class="languages" aria-label="{hb:t('Languages')}">
        <ul>
          <xsl:for-each select="/book/locales/locale">
            <li>
              <xsl:choose>
                <xsl:when test="@tag = $lang">
                  <span lang="{@tag}" dir="{@dir}" aria-current="true"><xsl:value-of select="@name"/></span>
                </xsl:when>
                <xsl:otherwise>
                  <a href="../{@tag}/{$page}.html" lang="{@tag}" hreflang="{@tag}" dir="{@dir}">
                    <xsl:value-of select="@name"/>
                  </a>
                </xsl:otherwise>
              </xsl:choose>
            </li>
          </xsl:for-each>
        </ul>
      </nav>
    </xsl:if>
  </xsl:template>

  <xsl:template name="chapter-list">
    <xsl:param name="current"/>
    <ol class="chapters">
      <xsl:for-each select="/book/chapter">
        <li>
          <a href="{@id}.html">
            <xsl:if test="@id = $current">
              <xsl:attribute name="aria-current">page</xsl:attribute>
            </xsl:if>
            <xsl:call-template name="chapter-title-lang"/>
            <xsl:call-template name="chapter-title"/>
          </a>
        </li>
      </xsl:for-each>
    </ol>
  </xsl:template>

  <xsl:template name="site-footer">
    <footer class="site-footer">
      <ul class="downloads">
        <li><a href="print.html"><xsl:value-of select="hb:t('Print edition')"/></a></li>
        <li><a href="{$epub-file}" download=""><xsl:value-of select="hb:t('Download the EPUB book')"/></a></li>
      </ul>
      <p class="rights"><xsl:value-of select="/book/meta/rights"/></p>
    </footer>
  </xsl:template>

  <xsl:template name="home">
    <div class="home">
      <h1><xsl:value-of select="$title"/></h1>
      <xsl:if test="/book/meta/subtitle">
        <p class="subtitle"><xsl:value-of select="/book/meta/subtitle"/></p>
      </xsl:if>
      <p class="description"><xsl:value-of select="/book/meta/description"/></p>
      <xsl:call-template name="review-share">
        <xsl:with-param name="locale" select="/book/locale"/>
      </xsl:call-template>
      <h2><xsl:value-of select="hb:t('Contents')"/></h2>
      <ol class="full-toc">
        <xsl:for-each select="/book/chapter">
          <li>
            <a href="{@id}.html"><xsl:call-template name="chapter-title-lang"/><xsl:call-template name="chapter-title"/></a>
            <xsl:variable name="chapter" select="@id"/>
            <xsl:if test="cm:document/cm:heading[@level = 2]">
              <ul>
                <xsl:for-each select="cm:document/cm:heading[@level = 2]">
                  <li><a href="{$chapter}.html#{@id}"><xsl:call-template name="fallback-lang"/><xsl:value-of select="normalize-space(.)"/></a></li>
                </xsl:for-each>
              </ul>
            </xsl:if>
          </li>
        </xsl:for-each>
      </ol>
    </div>
  </xsl:template>

  <xsl:template name="chapter-page">
    <xsl:variable name="prev" select="preceding-sibling::chapter[1]"/>
    <xsl:variable name="next" select="following-sibling::chapter[1]"/>
    <article class="chapter">
      <h1 id="top">
        <xsl:for-each select="cm:document/cm:heading[@level = 1][1]">
          <xsl:call-template name="fallback-lang"/>
        </xsl:for-each>
        <xsl:call-template name="chapter-title"/>
      </h1>
      <xsl:call-template name="translation-note"/>
      <xsl:call-template name="content-note"/>
      <xsl:apply-templates select="cm:document" mode="cm">
        <xsl:with-param name="fmt" select="'html'"/>
      </xsl:apply-templates>
    </article>
    <nav class="pager" aria-label="{hb:t('Previous and next chapter')}">
      <xsl:if test="$prev">
        <a class="prev" rel="prev" href="{$prev/@id}.html">
          <span class="pager-label"><xsl:value-of select="hb:t('Previous chapter')"/></span>
          <span class="pager-title"><xsl:call-template name="chapter-title"><xsl:with-param name="chapter" select="$prev"/></xsl:call-template></span>
        </a>
      </xsl:if>
      <xsl:if test="$next">
        <a class="next" rel="next" href="{$next/@id}.html">
          <span class="pager-label"><xsl:value-of select="hb:t('Next chapter')"/></span>
          <span class="pager-title"><xsl:call-template name="chapter-title"><xsl:with-param name="chapter" select="$next"/></xsl:call-template></span>
        </a>
      </xsl:if>
    </nav>
  </xsl:template>

  <!-- The whole book on one page, for printing. -->
  <xsl:template name="print-page">
    <html lang="{$lang}" dir="{$dir}" class="print">
      <xsl:call-template name="head">
        <xsl:with-param name="page-title" select="hb:t('Print edition')"/>
      </xsl:call-template>
      <body>
        <a class="skip-link" href="#main"><xsl:value-of select="hb:t('Skip to content')"/></a>
        <xsl:call-template name="safety-bar"/>
        <main id="main">
          <section class="title-page">
            <xsl:call-template name="brand"/>
            <h1><xsl:value-of select="$title"/></h1>
            <p class="subtitle"><xsl:value-of select="/book/meta/subtitle"/></p>
            <p class="creator"><xsl:value-of select="/book/meta/creator"/></p>
            <p class="rights"><xsl:value-of select="/book/meta/rights"/>
              <xsl:if test="/book/meta/rights-url">
                <xsl:text> </xsl:text>
                <a href="{/book/meta/rights-url}" dir="ltr"><xsl:value-of select="/book/meta/rights-url"/></a>
              </xsl:if>
            </p>
          </section>
          <nav class="print-toc" aria-label="{hb:t('Contents')}">
            <h2><xsl:value-of select="hb:t('Contents')"/></h2>
            <ol>
              <xsl:for-each select="/book/chapter">
                <li><a href="#{@id}"><xsl:call-template name="chapter-title-lang"/><xsl:call-template name="chapter-title"/></a></li>
              </xsl:for-each>
            </ol>
          </nav>
          <xsl:for-each select="/book/chapter">
            <section class="chapter" id="{@id}">
              <h2 class="chapter-title">
                <xsl:for-each select="cm:document/cm:heading[@level = 1][1]">
                  <xsl:call-template name="fallback-lang"/>
                </xsl:for-each>
                <xsl:call-template name="chapter-title"/>
              </h2>
              <xsl:call-template name="translation-note"/>
              <xsl:call-template name="content-note">
                <xsl:with-param name="fmt" select="'print'"/>
              </xsl:call-template>
              <div class="chapter-body">
                <xsl:apply-templates select="cm:document" mode="cm">
                  <xsl:with-param name="fmt" select="'print'"/>
                </xsl:apply-templates>
              </div>
            </section>
          </xsl:for-each>
        </main>
        <script src="assets/exit.js"></script>
      </body>
    </html>
  </xsl:template>

  <!-- dist/index.html: every language by its own name. -->
  <xsl:template name="root-files">
    <hb:copy from="assets/handbook.css" path="handbook.css" target="root"/>
    <hb:copy from="assets/chooser.js" path="chooser.js" target="root"/>
    <hb:copy from="assets/exit.js" path="exit.js" target="root"/>
    <hb:file path="leave.html" target="root">
      <xsl:call-template name="leave-page">
        <xsl:with-param name="css" select="'handbook.css'"/>
      </xsl:call-template>
    </hb:file>
    <xsl:call-template name="opds-file"/>
    <hb:file path="index.html" target="root">
      <html lang="{$lang}" dir="{$dir}">
        <xsl:call-template name="head">
          <xsl:with-param name="page-title" select="$title"/>
          <xsl:with-param name="css" select="'handbook.css'"/>
          <!-- The catalogue for e-reader apps (opds.xsl). -->
          <xsl:with-param name="links">
            <link rel="alternate" type="application/atom+xml;profile=opds-catalog;kind=acquisition" href="opds.xml" title="{$title} (OPDS)"/>
          </xsl:with-param>
        </xsl:call-template>
        <body>
          <a class="skip-link" href="#main"><xsl:value-of select="hb:t('Skip to content')"/></a>
          <nav class="exit-bar" aria-label="{hb:t('Quick exit')}">
            <a id="quick-exit" class="quick-exit" href="leave.html"><xsl:value-of select="hb:t('Leave this page quickly (Esc)')"/></a>
          </nav>
          <main id="main" class="chooser">
            <h1 id="chooser-title"><xsl:value-of select="$title"/></h1>
            <ul class="locales">
              <xsl:for-each select="/book/locales/locale">
                <li>
                  <!-- The book's title in this language: the heading when
                       the reader's browser asks for it (chooser.js). -->
                  <xsl:if test="@title">
                    <xsl:attribute name="data-title"><xsl:value-of select="@title"/></xsl:attribute>
                  </xsl:if>
                  <a href="{@tag}/index.html" lang="{@tag}" hreflang="{@tag}" dir="{@dir}">
                    <xsl:value-of select="@name"/>
                  </a>
                  <xsl:if test="@percent &lt; 100">
                    <xsl:text> </xsl:text>
                    <span class="completeness" lang="{@tag}" dir="{@dir}">(<xsl:value-of select="@percent-text"/>)</span>
                  </xsl:if>
                  <span class="downloads">
                    <a href="{@tag}/handbook-{@tag}.epub" hreflang="{@tag}" download="" aria-label="EPUB {@english}">EPUB</a>
                    <a href="handbook-{@tag}.zip" hreflang="{@tag}" download="" aria-label="ZIP {@english}">ZIP</a>
                    <xsl:if test="@pdf">
                      <a href="{@pdf}" hreflang="{@tag}" download="" aria-label="PDF {@english}">PDF</a>
                    </xsl:if>
                  </span>
                  <xsl:call-template name="review-share">
                    <xsl:with-param name="locale" select="."/>
                  </xsl:call-template>
                </li>
              </xsl:for-each>
            </ul>
          </main>
          <script src="chooser.js"></script>
          <script src="exit.js"></script>
        </body>
      </html>
    </hb:file>
  </xsl:template>
</xsl:stylesheet>
