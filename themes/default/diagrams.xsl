<?xml version="1.0" encoding="UTF-8"?>
<!--
  Diagrams, drawn as inline SVG from labels written in the Markdown (so
  they are translated like any other text). Text wraps by a character
  budget; Chinese and Japanese, which have no spaces, wrap anywhere. The
  shapes use currentColor and translucent fills, so they read in light and
  dark schemes and in print. Every diagram keeps its labels as the SVG's
  title and description for screen readers.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:cm="http://commonmark.org/xml/1.0"
    xmlns:exsl="http://exslt.org/common"
    xmlns="http://www.w3.org/2000/svg"
    xmlns:hb="urn:x-handbook:1"
    extension-element-prefixes="exsl"
    exclude-result-prefixes="cm hb exsl">

  <!-- Position (1-based) of the last space in $s, 0 when there is none. -->
  <xsl:template name="last-space">
    <xsl:param name="s"/>
    <xsl:param name="offset" select="0"/>
    <xsl:choose>
      <xsl:when test="contains($s, ' ')">
        <xsl:call-template name="last-space">
          <xsl:with-param name="s" select="substring-after($s, ' ')"/>
          <xsl:with-param name="offset" select="$offset + string-length(substring-before($s, ' ')) + 1"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$offset"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Splits $text into <line> elements of at most about $max characters. -->
  <xsl:template name="wrap">
    <xsl:param name="text"/>
    <xsl:param name="max"/>
    <xsl:choose>
      <xsl:when test="string-length($text) &lt;= $max">
        <line><xsl:value-of select="$text"/></line>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="space">
          <xsl:call-template name="last-space">
            <xsl:with-param name="s" select="substring($text, 1, $max + 1)"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:variable name="cut" select="number($space) * ($space &gt; 1) + $max * ($space &lt;= 1)"/>
        <line><xsl:value-of select="normalize-space(substring($text, 1, $cut))"/></line>
        <xsl:call-template name="wrap">
          <xsl:with-param name="text" select="normalize-space(substring($text, $cut + 1))"/>
          <xsl:with-param name="max" select="$max"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A label as lines of SVG text centred on ($x, $y). -->
  <xsl:template name="svg-label">
    <xsl:param name="text"/>
    <xsl:param name="x"/>
    <xsl:param name="y"/>
    <xsl:param name="max" select="30"/>
    <xsl:param name="size" select="13"/>
    <xsl:param name="class" select="'label'"/>
    <xsl:variable name="budget" select="$max - floor($max div 2) * boolean($book/@lang = 'zh-Hans' or $book/@lang = 'ja' or starts-with($book/@lang, 'zh'))"/>
    <xsl:variable name="lines-rtf">
      <xsl:call-template name="wrap">
        <xsl:with-param name="text" select="normalize-space($text)"/>
        <xsl:with-param name="max" select="$budget"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="lines" select="exsl:node-set($lines-rtf)/*"/>
    <text class="{$class}" x="{$x}" text-anchor="middle" font-size="{$size}" fill="currentColor">
      <xsl:for-each select="$lines">
        <tspan x="{$x}" y="{$y + (position() - (count($lines) + 1) div 2) * $size * 1.3 + $size * 0.35}">
          <xsl:value-of select="."/>
        </tspan>
      </xsl:for-each>
    </text>
  </xsl:template>

  <xsl:template name="svg-open">
    <xsl:param name="id"/>
    <xsl:param name="width"/>
    <xsl:param name="height"/>
    <xsl:param name="body"/>
    <svg viewBox="0 0 {$width} {$height}" role="img"
        aria-labelledby="{$id}-title {$id}-desc" class="diagram-svg">
      <desc id="{$id}-desc">
        <xsl:for-each select="cm:label[@key != 'title']">
          <xsl:value-of select="."/>
          <xsl:if test="position() != last()">; </xsl:if>
        </xsl:for-each>
      </desc>
      <xsl:copy-of select="$body"/>
    </svg>
  </xsl:template>

  <!-- Three bands: hyperarousal above, the window, hypoarousal below. -->
  <xsl:template match="cm:diagram[@name = 'window-of-tolerance']" mode="svg">
    <xsl:param name="id"/>
    <xsl:call-template name="svg-open">
      <xsl:with-param name="id" select="$id"/>
      <xsl:with-param name="width" select="340"/>
      <xsl:with-param name="height" select="300"/>
      <xsl:with-param name="body">
        <rect x="4" y="4" width="332" height="88" rx="10" class="band-high" fill="#d9534f" fill-opacity="0.22" stroke="currentColor" stroke-opacity="0.4"/>
        <rect x="4" y="106" width="332" height="88" rx="10" class="band-window" fill="#3c9d5d" fill-opacity="0.25" stroke="currentColor" stroke-width="2"/>
        <rect x="4" y="208" width="332" height="88" rx="10" class="band-low" fill="#4a78c2" fill-opacity="0.22" stroke="currentColor" stroke-opacity="0.4"/>
        <xsl:call-template name="svg-label">
          <xsl:with-param name="text" select="cm:label[@key = 'high']"/>
          <xsl:with-param name="x" select="170"/><xsl:with-param name="y" select="48"/>
          <xsl:with-param name="max" select="38"/>
        </xsl:call-template>
        <xsl:call-template name="svg-label">
          <xsl:with-param name="text" select="cm:label[@key = 'window']"/>
          <xsl:with-param name="x" select="170"/><xsl:with-param name="y" select="150"/>
          <xsl:with-param name="max" select="38"/>
          <xsl:with-param name="class" select="'label strong'"/>
        </xsl:call-template>
        <xsl:call-template name="svg-label">
          <xsl:with-param name="text" select="cm:label[@key = 'low']"/>
          <xsl:with-param name="x" select="170"/><xsl:with-param name="y" select="252"/>
          <xsl:with-param name="max" select="38"/>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- Two axes, four quadrants (Bartholomew and Horowitz's four patterns). -->
  <xsl:template match="cm:diagram[@name = 'attachment-patterns']" mode="svg">
    <xsl:param name="id"/>
    <xsl:call-template name="svg-open">
      <xsl:with-param name="id" select="$id"/>
      <xsl:with-param name="width" select="360"/>
      <xsl:with-param name="height" select="360"/>
      <xsl:with-param name="body">
        <rect x="40" y="10" width="150" height="150" rx="6" fill="#e0a030" fill-opacity="0.2" stroke="currentColor" stroke-opacity="0.4"/>
        <rect x="200" y="10" width="150" height="150" rx="6" fill="#d9534f" fill-opacity="0.2" stroke="currentColor" stroke-opacity="0.4"/>
        <rect x="40" y="170" width="150" height="150" rx="6" fill="#3c9d5d" fill-opacity="0.25" stroke="currentColor" stroke-opacity="0.4"/>
        <rect x="200" y="170" width="150" height="150" rx="6" fill="#4a78c2" fill-opacity="0.2" stroke="currentColor" stroke-opacity="0.4"/>
        <path d="M40 330 H350 M343 325 L350 330 L343 335 M30 320 V10 M25 17 L30 10 L35 17" stroke="currentColor" fill="none" stroke-width="1.5"/>
        <xsl:call-template name="svg-label">
          <xsl:with-param name="text" select="cm:label[@key = 'preoccupied']"/>
          <xsl:with-param name="x" select="115"/><xsl:with-param name="y" select="85"/>
          <xsl:with-param name="max" select="18"/><xsl:with-param name="size" select="12"/>
        </xsl:call-template>
        <xsl:call-template name="svg-label">
          <xsl:with-param name="text" select="cm:label[@key = 'fearful']"/>
          <xsl:with-param name="x" select="275"/><xsl:with-param name="y" select="85"/>
          <xsl:with-param name="max" select="18"/><xsl:with-param name="size" select="12"/>
        </xsl:call-template>
        <xsl:call-template name="svg-label">
          <xsl:with-param name="text" select="cm:label[@key = 'secure']"/>
          <xsl:with-param name="x" select="115"/><xsl:with-param name="y" select="245"/>
          <xsl:with-param name="max" select="18"/><xsl:with-param name="size" select="12"/>
        </xsl:call-template>
        <xsl:call-template name="svg-label">
          <xsl:with-param name="text" select="cm:label[@key = 'dismissing']"/>
          <xsl:with-param name="x" select="275"/><xsl:with-param name="y" select="245"/>
          <xsl:with-param name="max" select="18"/><xsl:with-param name="size" select="12"/>
        </xsl:call-template>
        <xsl:call-template name="svg-label">
          <xsl:with-param name="text" select="cm:label[@key = 'x-axis']"/>
          <xsl:with-param name="x" select="195"/><xsl:with-param name="y" select="348"/>
          <xsl:with-param name="max" select="50"/><xsl:with-param name="size" select="12"/>
        </xsl:call-template>
        <g transform="rotate(-90 14 165)">
          <xsl:call-template name="svg-label">
            <xsl:with-param name="text" select="cm:label[@key = 'y-axis']"/>
            <xsl:with-param name="x" select="14"/><xsl:with-param name="y" select="165"/>
            <xsl:with-param name="max" select="50"/><xsl:with-param name="size" select="12"/>
          </xsl:call-template>
        </g>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!--
    Three phases, one below the other, and an arrow back up beside them: the
    arrow goes on the side where lines end, so right-to-left pages mirror it.
  -->
  <xsl:template match="cm:diagram[@name = 'phases-of-recovery']" mode="svg">
    <xsl:param name="id"/>
    <xsl:variable name="rtl" select="$book/@dir = 'rtl'"/>
    <xsl:variable name="box-x" select="10 + 50 * $rtl"/>
    <xsl:variable name="mid" select="$box-x + 135"/>
    <xsl:variable name="side" select="310 - 290 * $rtl"/>
    <xsl:call-template name="svg-open">
      <xsl:with-param name="id" select="$id"/>
      <xsl:with-param name="width" select="340"/>
      <xsl:with-param name="height" select="390"/>
      <xsl:with-param name="body">
        <rect x="{$box-x}" y="6" width="270" height="80" rx="10" fill="#3c9d5d" fill-opacity="0.22" stroke="currentColor" stroke-opacity="0.5"/>
        <rect x="{$box-x}" y="116" width="270" height="80" rx="10" fill="#e0a030" fill-opacity="0.2" stroke="currentColor" stroke-opacity="0.5"/>
        <rect x="{$box-x}" y="226" width="270" height="80" rx="10" fill="#4a78c2" fill-opacity="0.2" stroke="currentColor" stroke-opacity="0.5"/>
        <path d="M{$mid} 88 V112 M{$mid - 5} 106 L{$mid} 113 L{$mid + 5} 106 M{$mid} 198 V222 M{$mid - 5} 216 L{$mid} 223 L{$mid + 5} 216" stroke="currentColor" fill="none" stroke-width="2"/>
        <path d="M{$side} 266 V46 M{$side - 5} 53 L{$side} 46 L{$side + 5} 53" stroke="currentColor" fill="none" stroke-width="1.5" stroke-dasharray="4 3"/>
        <xsl:call-template name="svg-label">
          <xsl:with-param name="text" select="cm:label[@key = 'phase1']"/>
          <xsl:with-param name="x" select="$mid"/><xsl:with-param name="y" select="46"/>
          <xsl:with-param name="max" select="34"/>
        </xsl:call-template>
        <xsl:call-template name="svg-label">
          <xsl:with-param name="text" select="cm:label[@key = 'phase2']"/>
          <xsl:with-param name="x" select="$mid"/><xsl:with-param name="y" select="156"/>
          <xsl:with-param name="max" select="34"/>
        </xsl:call-template>
        <xsl:call-template name="svg-label">
          <xsl:with-param name="text" select="cm:label[@key = 'phase3']"/>
          <xsl:with-param name="x" select="$mid"/><xsl:with-param name="y" select="266"/>
          <xsl:with-param name="max" select="34"/>
        </xsl:call-template>
        <xsl:call-template name="svg-label">
          <xsl:with-param name="text" select="cm:label[@key = 'note']"/>
          <xsl:with-param name="x" select="170"/><xsl:with-param name="y" select="350"/>
          <xsl:with-param name="max" select="46"/><xsl:with-param name="size" select="12"/>
          <xsl:with-param name="class" select="'label note'"/>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
