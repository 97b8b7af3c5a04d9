<?xml version="1.0" encoding="UTF-8"?>
<!--
  The EPUB 3 book: package document, navigation (with landmarks), an NCX
  for older readers, a cover page and one XHTML file per chapter. The
  generator adds "mimetype" first and zips the rest deterministically.
  Pages use method "xhtml": elements without a namespace are put into the
  XHTML namespace, so the content templates serve the site and the EPUB.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:cm="http://commonmark.org/xml/1.0"
    xmlns:hb="urn:x-handbook:1"
    xmlns:epub="http://www.idpf.org/2007/ops"
    xmlns:exsl="http://exslt.org/common"
    xmlns:svg="http://www.w3.org/2000/svg"
    exclude-result-prefixes="cm hb exsl svg">

  <xsl:template name="epub-files">
    <hb:file path="META-INF/container.xml" method="xml" target="epub">
      <container xmlns="urn:oasis:names:tc:opendocument:xmlns:container" version="1.0">
        <rootfiles>
          <rootfile full-path="OEBPS/package.opf" media-type="application/oebps-package+xml"/>
        </rootfiles>
      </container>
    </hb:file>
    <hb:copy from="assets/epub.css" path="OEBPS/style.css" target="epub"/>
    <hb:file path="OEBPS/package.opf" method="xml" target="epub">
      <xsl:call-template name="epub-package"/>
    </hb:file>
    <hb:file path="OEBPS/toc.ncx" method="xml" target="epub">
      <xsl:call-template name="epub-ncx"/>
    </hb:file>
    <hb:file path="OEBPS/nav.xhtml" method="xhtml" target="epub">
      <xsl:call-template name="epub-page">
        <xsl:with-param name="page-title" select="hb:t('Contents')"/>
        <xsl:with-param name="body">
          <xsl:call-template name="epub-nav"/>
        </xsl:with-param>
      </xsl:call-template>
    </hb:file>
    <hb:file path="OEBPS/cover.xhtml" method="xhtml" target="epub">
      <xsl:call-template name="epub-page">
        <xsl:with-param name="page-title" select="$title"/>
        <xsl:with-param name="body">
          <section class="cover" epub:type="cover">
            <!-- The picture repeats the text below it: alt="" (the text
                 is the page's content for every reader). -->
            <xsl:if test="$cover-image">
              <img class="cover-image" src="{$cover-image}" alt=""/>
            </xsl:if>
            <xsl:call-template name="brand"/>
            <h1><xsl:value-of select="$title"/></h1>
            <p class="subtitle"><xsl:value-of select="/book/meta/subtitle"/></p>
            <p class="creator"><xsl:value-of select="/book/meta/creator"/></p>
            <p class="rights"><xsl:value-of select="/book/meta/rights"/>
              <xsl:if test="/book/meta/rights-url">
                <xsl:text> </xsl:text>
                <a href="{/book/meta/rights-url}"><xsl:value-of select="/book/meta/rights-url"/></a>
              </xsl:if>
            </p>
          </section>
        </xsl:with-param>
      </xsl:call-template>
    </hb:file>
    <xsl:for-each select="/book/chapter">
      <hb:file path="OEBPS/{@id}.xhtml" method="xhtml" target="epub">
        <xsl:call-template name="epub-page">
          <xsl:with-param name="page-title">
            <xsl:call-template name="chapter-title"/>
          </xsl:with-param>
          <xsl:with-param name="body">
            <section class="chapter" epub:type="chapter">
              <h1>
                <xsl:for-each select="cm:document/cm:heading[@level = 1][1]">
                  <xsl:call-template name="fallback-lang"/>
                </xsl:for-each>
                <xsl:call-template name="chapter-title"/>
              </h1>
              <xsl:call-template name="translation-note"/>
              <xsl:call-template name="content-note">
                <xsl:with-param name="fmt" select="'epub'"/>
              </xsl:call-template>
              <xsl:apply-templates select="cm:document" mode="cm">
                <xsl:with-param name="fmt" select="'epub'"/>
              </xsl:apply-templates>
            </section>
          </xsl:with-param>
        </xsl:call-template>
      </hb:file>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="epub-page">
    <xsl:param name="page-title"/>
    <xsl:param name="body"/>
    <html lang="{$lang}" xml:lang="{$lang}" dir="{$dir}">
      <head>
        <meta charset="utf-8"/>
        <title><xsl:value-of select="$page-title"/></title>
        <link rel="stylesheet" type="text/css" href="style.css"/>
      </head>
      <body>
        <xsl:copy-of select="$body"/>
      </body>
    </html>
  </xsl:template>

  <xsl:template name="epub-nav">
    <nav epub:type="toc" id="toc">
      <h1><xsl:value-of select="hb:t('Contents')"/></h1>
      <ol>
        <xsl:for-each select="/book/chapter">
          <xsl:variable name="chapter" select="@id"/>
          <li>
            <a href="{@id}.xhtml"><xsl:call-template name="chapter-title-lang"/><xsl:call-template name="chapter-title"/></a>
            <xsl:if test="cm:document/cm:heading[@level = 2]">
              <ol>
                <xsl:for-each select="cm:document/cm:heading[@level = 2]">
                  <li><a href="{$chapter}.xhtml#{@id}"><xsl:call-template name="fallback-lang"/><xsl:value-of select="normalize-space(.)"/></a></li>
                </xsl:for-each>
              </ol>
            </xsl:if>
          </li>
        </xsl:for-each>
      </ol>
    </nav>
    <nav epub:type="landmarks" id="landmarks" hidden="hidden">
      <h2><xsl:value-of select="hb:t('Landmarks')"/></h2>
      <ol>
        <li><a epub:type="cover" href="cover.xhtml"><xsl:value-of select="hb:t('Cover')"/></a></li>
        <li><a epub:type="toc" href="nav.xhtml#toc"><xsl:value-of select="hb:t('Contents')"/></a></li>
        <li><a epub:type="bodymatter" href="{/book/chapter[1]/@id}.xhtml"><xsl:value-of select="hb:t('Start of content')"/></a></li>
      </ol>
    </nav>
  </xsl:template>

  <xsl:template name="epub-package">
    <package xmlns="http://www.idpf.org/2007/opf" version="3.0"
        unique-identifier="book-id" xml:lang="{$lang}" dir="{$dir}">
      <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
        <dc:identifier id="book-id"><xsl:value-of select="/book/meta/identifier"/></dc:identifier>
        <dc:title><xsl:value-of select="$title"/></dc:title>
        <dc:language><xsl:value-of select="$lang"/></dc:language>
        <dc:creator><xsl:value-of select="/book/meta/creator"/></dc:creator>
        <xsl:if test="/book/meta/publisher">
          <dc:publisher><xsl:value-of select="/book/meta/publisher"/></dc:publisher>
        </xsl:if>
        <xsl:if test="/book/meta/description">
          <dc:description><xsl:value-of select="/book/meta/description"/></dc:description>
        </xsl:if>
        <dc:rights><xsl:value-of select="/book/meta/rights"/></dc:rights>
        <dc:date><xsl:value-of select="/book/meta/date"/></dc:date>
        <meta property="dcterms:modified"><xsl:value-of select="/book/meta/modified"/></meta>
        <xsl:if test="/book/meta/rights-url">
          <link rel="dcterms:license" href="{/book/meta/rights-url}"/>
        </xsl:if>
        <!-- EPUB 2 readers find the cover picture by this. -->
        <xsl:if test="$cover-image">
          <meta name="cover" content="cover-image"/>
        </xsl:if>
        <meta property="dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.2 Level AA</meta>
        <meta property="schema:accessMode">textual</meta>
        <meta property="schema:accessMode">visual</meta>
        <meta property="schema:accessModeSufficient">textual</meta>
        <meta property="schema:accessibilityFeature">structuralNavigation</meta>
        <meta property="schema:accessibilityFeature">tableOfContents</meta>
        <meta property="schema:accessibilityFeature">readingOrder</meta>
        <meta property="schema:accessibilityFeature">longDescription</meta>
        <meta property="schema:accessibilityFeature">displayTransformability</meta>
        <meta property="schema:accessibilityHazard">none</meta>
        <meta property="schema:accessibilitySummary"><xsl:value-of select="hb:t('Text with headings and a table of contents. Each of the three diagrams is also described in words.')"/></meta>
      </metadata>
      <manifest>
        <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
        <item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>
        <item id="css" href="style.css" media-type="text/css"/>
        <item id="cover" href="cover.xhtml" media-type="application/xhtml+xml">
          <!-- An edition's brand mark may be inline SVG. -->
          <xsl:variable name="brand"><xsl:call-template name="brand"/></xsl:variable>
          <xsl:if test="exsl:node-set($brand)//svg:svg">
            <xsl:attribute name="properties">svg</xsl:attribute>
          </xsl:if>
        </item>
        <!-- The cover picture that libraries and OPDS clients show
             (a PNG, made by make; `handbook build \-\-covers`). -->
        <xsl:if test="$cover-image">
          <item id="cover-image" href="{$cover-image}" media-type="image/png" properties="cover-image"/>
        </xsl:if>
        <xsl:for-each select="/book/chapter">
          <item id="c-{@id}" href="{@id}.xhtml" media-type="application/xhtml+xml">
            <xsl:if test=".//cm:diagram">
              <xsl:attribute name="properties">svg</xsl:attribute>
            </xsl:if>
          </item>
        </xsl:for-each>
      </manifest>
      <spine toc="ncx" page-progression-direction="{$dir}">
        <itemref idref="cover"/>
        <itemref idref="nav"/>
        <xsl:for-each select="/book/chapter">
          <itemref idref="c-{@id}"/>
        </xsl:for-each>
      </spine>
    </package>
  </xsl:template>

  <xsl:template name="epub-ncx">
    <ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1" xml:lang="{$lang}">
      <head>
        <meta name="dtb:uid" content="{/book/meta/identifier}"/>
        <meta name="dtb:depth" content="1"/>
        <meta name="dtb:totalPageCount" content="0"/>
        <meta name="dtb:maxPageNumber" content="0"/>
      </head>
      <docTitle><text><xsl:value-of select="$title"/></text></docTitle>
      <navMap>
        <xsl:for-each select="/book/chapter">
          <navPoint id="np-{position()}" playOrder="{position()}">
            <navLabel><text><xsl:call-template name="chapter-title"/></text></navLabel>
            <content src="{@id}.xhtml"/>
          </navPoint>
        </xsl:for-each>
      </navMap>
    </ncx>
  </xsl:template>
</xsl:stylesheet>
