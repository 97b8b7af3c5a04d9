<!-- A resource bomb: doubles a string 30 times (16 GB if nothing stops
     it). Used by tests/defects.sh and make bench for the memory ceiling. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:hb="urn:x-handbook:1">
<xsl:template name="double"><xsl:param name="s"/><xsl:param name="n"/>
<xsl:choose><xsl:when test="$n = 0"><xsl:value-of select="string-length($s)"/></xsl:when>
<xsl:otherwise><xsl:call-template name="double"><xsl:with-param name="s" select="concat($s, $s)"/>
<xsl:with-param name="n" select="$n - 1"/></xsl:call-template></xsl:otherwise></xsl:choose></xsl:template>
<xsl:template match="/"><hb:files><hb:file path="x.html"><p><xsl:call-template name="double">
<xsl:with-param name="s" select="'0123456789abcdef'"/><xsl:with-param name="n" select="30"/>
</xsl:call-template></p></hb:file></hb:files></xsl:template></xsl:stylesheet>
