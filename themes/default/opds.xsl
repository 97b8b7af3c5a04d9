<?xml version="1.0" encoding="UTF-8"?>
<!--
  dist/opds.xml: an OPDS 1.2 acquisition feed (Atom) for e-reader apps
  and library servers (KOReader, Thorium, Calibre, Kiwix-like catalogues):
  one entry per locale, its title and summary in its own language, its
  cover, and links to what the build made: the EPUB, the zip, and the PDF
  and ZIM when make says they are current (\-\-pdf, \-\-zim). Written in the
  root part, beside the chooser, which links it; every address is relative
  to dist/. An acquisition feed needs no opds: element (the OPDS
  namespace, http://opds-spec.org/2010/catalog, is for prices and
  indirect acquisition), so none is declared.
-->
<xsl:stylesheet version="1.0"
    xmlns="http://www.w3.org/2005/Atom"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:hb="urn:x-handbook:1"
    xmlns:dc="http://purl.org/dc/terms/"
    exclude-result-prefixes="hb">

  <xsl:variable name="opds-type" select="'application/atom+xml;profile=opds-catalog;kind=acquisition'"/>

  <xsl:template name="opds-file">
    <hb:file path="opds.xml" method="xml" target="root">
      <feed xml:lang="{$lang}">
        <id><xsl:value-of select="/book/meta/identifier"/></id>
        <title><xsl:value-of select="$title"/></title>
        <updated><xsl:value-of select="/book/meta/modified"/></updated>
        <author><name><xsl:value-of select="/book/meta/creator"/></name></author>
        <link rel="self" href="opds.xml" type="{$opds-type}"/>
        <link rel="start" href="opds.xml" type="{$opds-type}"/>
        <xsl:for-each select="/book/locales/locale">
          <xsl:call-template name="opds-entry"/>
        </xsl:for-each>
      </feed>
    </hb:file>
  </xsl:template>

  <!-- One locale (a <locale> of the root part's document). -->
  <xsl:template name="opds-entry">
    <entry xml:lang="{@tag}">
      <title>
        <xsl:choose>
          <xsl:when test="@title"><xsl:value-of select="@title"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$title"/></xsl:otherwise>
        </xsl:choose>
      </title>
      <id><xsl:value-of select="concat(/book/meta/identifier, '#', @tag)"/></id>
      <updated><xsl:value-of select="/book/meta/modified"/></updated>
      <author><name><xsl:value-of select="@creator"/></name></author>
      <dc:language><xsl:value-of select="@tag"/></dc:language>
      <xsl:if test="@description">
        <summary><xsl:value-of select="@description"/></summary>
      </xsl:if>
      <xsl:if test="@cover">
        <link rel="http://opds-spec.org/image" href="{@cover}" type="image/png"/>
        <link rel="http://opds-spec.org/image/thumbnail" href="{@thumbnail}" type="image/png"/>
      </xsl:if>
      <link rel="alternate" href="{@tag}/index.html" type="text/html" hreflang="{@tag}"/>
      <link rel="http://opds-spec.org/acquisition" href="{@tag}/handbook-{@tag}.epub" type="application/epub+zip"/>
      <link rel="http://opds-spec.org/acquisition" href="handbook-{@tag}.zip" type="application/zip"/>
      <xsl:if test="@pdf">
        <link rel="http://opds-spec.org/acquisition" href="{@pdf}" type="application/pdf"/>
      </xsl:if>
      <!-- Kiwix's own catalogue names ZIM files application/x-zim. -->
      <xsl:if test="@zim">
        <link rel="http://opds-spec.org/acquisition" href="{@zim}" type="application/x-zim"/>
      </xsl:if>
    </entry>
  </xsl:template>
</xsl:stylesheet>
