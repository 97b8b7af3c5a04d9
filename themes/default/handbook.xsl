<?xml version="1.0" encoding="UTF-8"?>
<!--
  The default theme's entry point. The generator runs it once per locale on
  the book document and writes the files it lists:

    <hb:files>
      <hb:file path="x.html" [method="html|xhtml|xml|text"] [target="site|epub|root"]>…</hb:file>
      <hb:copy from="assets/x.css" path="assets/x.css" [target="…"]/>
    </hb:files>

  target "site" is dist/<locale>/, "epub" the EPUB's members, "root" dist/
  itself. The generator asks for one part at a time: $part is 'locale'
  (a locale's folder and EPUB, once per locale), 'root' (the files at the
  top of dist/, once per build, from the source locale's document, which
  alone carries every catalog's completeness), 'cover' (cover.svg, for
  `handbook cover`) or 'review' (handbook review TAG: the bilingual review
  edition, from a <review> document, written to dist/review/; see
  review.xsl). A theme computes documents
  and never reads or writes files itself: the generator forbids it.

  Another theme customizes this one by importing it and overriding only
  what differs: see themes/README.md.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:cm="http://commonmark.org/xml/1.0"
    xmlns:hb="urn:x-handbook:1"
    exclude-result-prefixes="cm">

  <xsl:include href="content.xsl"/>
  <xsl:include href="diagrams.xsl"/>
  <xsl:include href="site.xsl"/>
  <xsl:include href="epub.xsl"/>
  <xsl:include href="cover.xsl"/>
  <xsl:include href="opds.xsl"/>
  <xsl:include href="review.xsl"/>

  <xsl:output method="xml" encoding="UTF-8"/>

  <!-- Parameters from the generator. -->
  <xsl:param name="epub-file"/>
  <xsl:param name="part" select="'locale'"/>
  <!-- The EPUB's cover image (OEBPS/cover.png), when build had one. -->
  <xsl:param name="cover-image"/>
  <!-- Older editions test $root-files ('yes' in the root part): kept so
       that they still build. New themes use $part. -->
  <xsl:param name="root-files" select="'no'"/>

  <!-- Facts about the book used everywhere. -->
  <xsl:variable name="book" select="/book"/>
  <xsl:variable name="lang" select="/book/@lang"/>
  <xsl:variable name="dir" select="/book/@dir"/>
  <xsl:variable name="title" select="/book/meta/title"/>

  <xsl:template match="/">
    <hb:files>
      <xsl:choose>
        <xsl:when test="$part = 'root'">
          <xsl:call-template name="root-files"/>
        </xsl:when>
        <xsl:when test="$part = 'cover'">
          <xsl:call-template name="cover-files"/>
        </xsl:when>
        <xsl:when test="$part = 'review'">
          <xsl:call-template name="review-files"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="locale-files"/>
        </xsl:otherwise>
      </xsl:choose>
    </hb:files>
  </xsl:template>

  <!-- A locale's part: its site and its EPUB. Editions add files here. -->
  <xsl:template name="locale-files">
    <xsl:call-template name="site-files"/>
    <xsl:call-template name="epub-files"/>
  </xsl:template>

  <!--
    Hooks for editions (see themes/README.md): a brand mark shown in the
    header, on the print title page and on the EPUB cover, and extra
    elements for the <head> of HTML pages (an edition's own stylesheet).
  -->
  <xsl:template name="brand"/>
  <xsl:template name="extra-head"/>

  <!-- A chapter's title: its level-1 heading as plain text. -->
  <xsl:template name="chapter-title">
    <xsl:param name="chapter" select="."/>
    <xsl:value-of select="normalize-space($chapter/cm:document/cm:heading[@level = 1][1])"/>
  </xsl:template>
</xsl:stylesheet>
