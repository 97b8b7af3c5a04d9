/* Translatable units: which blocks they are, their msgid, translating them. */
#ifndef GEN_SEGMENT_H
#define GEN_SEGMENT_H

#include <libxml/tree.h>

/* Returns 1 when n is a translatable unit: a heading, a paragraph, a table
 * cell or a diagram label of a chapter's CommonMark XML. */
int segment_is_unit(xmlNode *n);

/* What kind of unit n is, as told to translators ("heading", "list item"). */
const char *segment_kind(xmlNode *n);

/*
 * Returns the unit's msgid: its inline Markdown with whitespace normalized,
 * so that re-wrapping the source never changes it. The caller frees it.
 */
char *segment_msgid(xmlNode *unit);

/*
 * Replaces the unit's content with msgstr parsed as inline Markdown. A
 * translation that is not one paragraph of inline text, or that adds a
 * link target or footnote its source lacks, is reported as a warning at
 * po:line and the unit keeps its source text. Returns 0 when the
 * translation was applied, -1 when the unit fell back to the source.
 */
int segment_translate(xmlNode *unit, const char *msgstr, const char *po,
    int line);

#endif
