<?xml version="1.0" encoding="UTF-8"?>
<!--
  An example edition: an imaginary organisation's Kenya edition. It imports
  the default theme and overrides only its logo, its colours and the local
  contacts of the crisis chapter, which it takes from contacts.xml for the
  reader's language. Build it with:

      handbook build \-\-theme themes/example-ngo \-\-output dist-ngo
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:cm="http://commonmark.org/xml/1.0"
    xmlns:hb="urn:x-handbook:1"
    exclude-result-prefixes="cm">

  <xsl:import href="../default/handbook.xsl"/>

  <xsl:variable name="contacts" select="document('contacts.xml')/contacts"/>
  <xsl:variable name="edition"
      select="($contacts/locale[@tag = $lang] | $contacts/locale[@tag = $contacts/@fallback])[1]"/>

  <!-- Everything the default writes per locale, and this edition's
       stylesheet. -->
  <xsl:template name="locale-files">
    <xsl:call-template name="site-files"/>
    <xsl:call-template name="epub-files"/>
    <hb:copy from="assets/ngo.css" path="assets/ngo.css"/>
  </xsl:template>

  <xsl:template name="extra-head">
    <link rel="stylesheet" href="assets/ngo.css"/>
  </xsl:template>

  <!-- The logo, drawn inline: no file to list in the EPUB, no request. -->
  <xsl:template name="brand">
    <span class="ngo-brand">
      <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40" width="32" height="32"
          role="img" aria-label="{$contacts/@organisation}" class="ngo-logo">
        <circle cx="20" cy="20" r="18" fill="#0b6e4f"/>
        <path d="M11 22 C15 12, 25 12, 29 22 C25 30, 15 30, 11 22 Z" fill="#f2c14e"/>
        <circle cx="20" cy="21" r="3.5" fill="#0b6e4f"/>
      </svg>
      <span class="ngo-name"><xsl:value-of select="$contacts/@organisation"/></span>
    </span>
  </xsl:template>

  <!-- The crisis chapter's local contacts: this edition's, in this language. -->
  <xsl:template match="cm:heading[@id = 'local-contacts']" mode="cm">
    <xsl:param name="fmt"/>
    <xsl:call-template name="render-heading">
      <xsl:with-param name="fmt" select="$fmt"/>
    </xsl:call-template>
    <div class="local-contacts" lang="{$edition/@tag}">
      <p><xsl:value-of select="$edition/intro"/></p>
      <ul>
        <xsl:for-each select="$edition/service">
          <li>
            <strong><xsl:value-of select="@name"/></strong>
            <xsl:text>: </xsl:text>
            <bdi dir="ltr"><xsl:value-of select="@phone"/></bdi>
            <xsl:if test="@hours">
              <xsl:text> (</xsl:text><xsl:value-of select="@hours"/><xsl:text>)</xsl:text>
            </xsl:if>
            <xsl:if test="normalize-space(.)">
              <xsl:text> – </xsl:text><xsl:value-of select="normalize-space(.)"/>
            </xsl:if>
          </li>
        </xsl:for-each>
      </ul>
    </div>
  </xsl:template>

  <!-- The default's placeholder paragraphs in that section are replaced. -->
  <xsl:template match="cm:*[preceding-sibling::cm:heading[@level = 2][1]/@id = 'local-contacts']
                        [not(self::cm:heading)]" mode="cm"/>
</xsl:stylesheet>
