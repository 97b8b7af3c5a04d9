<?xml version="1.0" encoding="UTF-8"?>
<!--
  The book's cover, 1200 x 1800, as SVG: the logo (content/logo.svg, given
  by the generator as /book/meta/logo), the title and subtitle in the
  locale's language and script, the creator. `handbook cover` writes it
  (the part "cover"); make rasterises it with rsvg-convert into the PNG
  that `handbook build \-\-covers` packs as the EPUB's cover-image and shows
  on cover.xhtml. The text stays text here, in the Noto family of its
  script (the fonts the PDFs use): the PNG then carries the glyphs, so a
  reader's fonts never matter. SVG text does not wrap: hb:wrap() breaks
  the title and subtitle at ICU's line breaks for an estimated width.
-->
<xsl:stylesheet version="1.0"
    xmlns="http://www.w3.org/2000/svg"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:hb="urn:x-handbook:1"
    xmlns:svg="http://www.w3.org/2000/svg"
    xmlns:str="http://exslt.org/strings"
    exclude-result-prefixes="hb svg str">

  <!-- The cover's part: one file, cover.svg. -->
  <xsl:template name="cover-files">
    <hb:file path="cover.svg" method="xml">
      <xsl:call-template name="cover-svg"/>
    </hb:file>
  </xsl:template>

  <!-- The Noto family of the locale's script, and its line height. -->
  <xsl:template name="cover-font">
    <xsl:variable name="l" select="substring-before(concat($lang, '-'), '-')"/>
    <xsl:choose>
      <xsl:when test="$l = 'ar' or $l = 'fa'">Noto Naskh Arabic</xsl:when>
      <xsl:when test="$l = 'ur'">Noto Nastaliq Urdu</xsl:when>
      <xsl:when test="$l = 'hi' or $l = 'mr' or $l = 'ne'">Noto Sans Devanagari</xsl:when>
      <xsl:when test="$l = 'bn'">Noto Sans Bengali</xsl:when>
      <xsl:when test="$l = 'th'">Noto Sans Thai</xsl:when>
      <xsl:when test="$lang = 'zh-Hant' or starts-with($lang, 'zh-Hant-')">Noto Sans CJK TC</xsl:when>
      <xsl:when test="$l = 'zh'">Noto Sans CJK SC</xsl:when>
      <xsl:when test="$l = 'ja'">Noto Sans CJK JP</xsl:when>
      <xsl:when test="$l = 'ko'">Noto Sans CJK KR</xsl:when>
      <xsl:otherwise>Noto Sans</xsl:otherwise>
    </xsl:choose>
    <xsl:text>, Noto Sans, sans-serif</xsl:text>
  </xsl:template>

  <xsl:template name="cover-line-height">
    <xsl:variable name="l" select="substring-before(concat($lang, '-'), '-')"/>
    <xsl:choose>
      <xsl:when test="$l = 'ur'">2.1</xsl:when>
      <xsl:when test="$l = 'ar' or $l = 'fa'">1.55</xsl:when>
      <xsl:when test="$l = 'th' or $l = 'bn' or $l = 'hi'">1.5</xsl:when>
      <xsl:otherwise>1.25</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!--
    Lines of text at $y (the first baseline), $size px, at most $max lines
    (the last one ends in an ellipsis when the text is longer).
  -->
  <xsl:template name="cover-lines">
    <xsl:param name="lines"/>
    <xsl:param name="y"/>
    <xsl:param name="size"/>
    <xsl:param name="leading"/>
    <xsl:param name="max"/>
    <xsl:param name="weight" select="'normal'"/>
    <xsl:param name="fill"/>
    <xsl:param name="font"/>
    <text font-family="{$font}" font-size="{$size}" font-weight="{$weight}"
        fill="{$fill}" xml:lang="{$lang}" direction="{$dir}">
      <!-- text-anchor "start" is the right end in right-to-left text. -->
      <xsl:for-each select="$lines[position() &lt;= $max]">
        <tspan y="{round($y + (position() - 1) * $size * $leading)}">
          <xsl:attribute name="x">
            <xsl:choose>
              <xsl:when test="$dir = 'rtl'">1100</xsl:when>
              <xsl:otherwise>100</xsl:otherwise>
            </xsl:choose>
          </xsl:attribute>
          <xsl:value-of select="."/>
          <xsl:if test="position() = $max and count($lines) &gt; $max">…</xsl:if>
        </tspan>
      </xsl:for-each>
    </text>
  </xsl:template>

  <xsl:template name="cover-svg">
    <xsl:variable name="font"><xsl:call-template name="cover-font"/></xsl:variable>
    <xsl:variable name="leading"><xsl:call-template name="cover-line-height"/></xsl:variable>
    <xsl:variable name="title-text" select="normalize-space(/book/meta/title)"/>
    <!-- The title as large as three lines allow, else smaller. -->
    <xsl:variable name="big" select="str:tokenize(hb:wrap($title-text, 1000 div 112), '&#10;')"/>
    <xsl:variable name="title-size">
      <xsl:choose>
        <xsl:when test="count($big) &lt;= 3">112</xsl:when>
        <xsl:otherwise>84</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="title-lines" select="str:tokenize(hb:wrap($title-text, 1000 div $title-size), '&#10;')"/>
    <xsl:variable name="title-y" select="760"/>
    <xsl:variable name="shown" select="count($title-lines[position() &lt;= 5])"/>
    <xsl:variable name="rule-y" select="round($title-y + ($shown - 1) * $title-size * $leading + $title-size * 0.9)"/>
    <xsl:variable name="logo" select="/book/meta/logo/svg:svg"/>
    <svg width="1200" height="1800" viewBox="0 0 1200 1800">
      <rect width="1200" height="1800" fill="#1d5c63"/>
      <rect y="1560" width="1200" height="240" fill="#f2c14e"/>
      <xsl:if test="$logo">
        <svg y="180" width="360" height="360">
          <xsl:attribute name="x">
            <xsl:choose>
              <xsl:when test="$dir = 'rtl'">740</xsl:when>
              <xsl:otherwise>100</xsl:otherwise>
            </xsl:choose>
          </xsl:attribute>
          <xsl:if test="$logo/@viewBox">
            <xsl:attribute name="viewBox"><xsl:value-of select="$logo/@viewBox"/></xsl:attribute>
          </xsl:if>
          <xsl:copy-of select="$logo/svg:*"/>
        </svg>
      </xsl:if>
      <xsl:call-template name="cover-lines">
        <xsl:with-param name="lines" select="$title-lines"/>
        <xsl:with-param name="y" select="$title-y"/>
        <xsl:with-param name="size" select="$title-size"/>
        <xsl:with-param name="leading" select="$leading"/>
        <xsl:with-param name="max" select="5"/>
        <xsl:with-param name="weight" select="'bold'"/>
        <xsl:with-param name="fill" select="'#ffffff'"/>
        <xsl:with-param name="font" select="$font"/>
      </xsl:call-template>
      <rect y="{$rule-y}" width="160" height="10" fill="#f2c14e">
        <xsl:attribute name="x">
          <xsl:choose>
            <xsl:when test="$dir = 'rtl'">940</xsl:when>
            <xsl:otherwise>100</xsl:otherwise>
          </xsl:choose>
        </xsl:attribute>
      </rect>
      <!-- The subtitle down to y 1500, smaller when it needs more lines. -->
      <xsl:variable name="sub-text" select="normalize-space(/book/meta/subtitle)"/>
      <xsl:variable name="sub-room" select="1500 - $rule-y - 60"/>
      <xsl:variable name="sub-size">
        <xsl:choose>
          <xsl:when test="count(str:tokenize(hb:wrap($sub-text, 1000 div 54), '&#10;')) * 54 * $leading &lt;= $sub-room">54</xsl:when>
          <xsl:otherwise>44</xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <xsl:call-template name="cover-lines">
        <xsl:with-param name="lines" select="str:tokenize(hb:wrap($sub-text, 1000 div $sub-size), '&#10;')"/>
        <xsl:with-param name="y" select="round($rule-y + 60 + $sub-size * $leading)"/>
        <xsl:with-param name="size" select="$sub-size"/>
        <xsl:with-param name="leading" select="$leading"/>
        <xsl:with-param name="max" select="floor($sub-room div ($sub-size * $leading))"/>
        <xsl:with-param name="fill" select="'#e3f1f2'"/>
        <xsl:with-param name="font" select="$font"/>
      </xsl:call-template>
      <!-- The creator on one line in the band: smaller when it is long. -->
      <xsl:variable name="creator" select="normalize-space(/book/meta/creator)"/>
      <xsl:variable name="creator-size">
        <xsl:choose>
          <xsl:when test="not(contains(hb:wrap($creator, 1000 div 36), '&#10;'))">36</xsl:when>
          <xsl:otherwise>28</xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <xsl:call-template name="cover-lines">
        <xsl:with-param name="lines" select="str:tokenize(hb:wrap($creator, 1000 div $creator-size), '&#10;')"/>
        <xsl:with-param name="y" select="1690"/>
        <xsl:with-param name="size" select="$creator-size"/>
        <xsl:with-param name="leading" select="$leading"/>
        <xsl:with-param name="max" select="1"/>
        <xsl:with-param name="fill" select="'#10363a'"/>
        <xsl:with-param name="font" select="$font"/>
      </xsl:call-template>
    </svg>
  </xsl:template>
</xsl:stylesheet>
