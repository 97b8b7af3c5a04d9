/*
 * The bilingual review edition of one locale (handbook review TAG): the
 * source and the translation side by side, unit by unit, for a reviewer
 * with a pen. The generator builds a review document; the theme's part
 * 'review' turns it into OUTPUT/review/handbook-TAG-review.html.
 */
#ifndef GEN_REVIEW_EDITION_H
#define GEN_REVIEW_EDITION_H

#include <libxml/tree.h>

#include "build.h"

/*
 * The review document of locale (an index in s->all, a translated locale):
 *
 *   <review lang dir source-lang name english date po>
 *     <summary units translated fuzzy untranslated reviewed chapters
 *              approve="handbook review TAG --approve …"/>
 *     <terminology path [missing="yes"]>…rendered HTML…</terminology>
 *     <metadata file><unit …/>…</metadata>
 *     <chapter id file n state [by role date] title-source
 *              title-translation units translated fuzzy untranslated>
 *       <unit n kind source-line po-line state [also-lines]>
 *         <source/><translation/>[<note/>][<extracted/>]
 *       </unit>…
 *     </chapter>…
 *   </review>
 *
 * A chapter lists each distinct msgid once (as handbook stats counts
 * them), at its first place; also-lines gives the others. terminology is
 * the path of the locale's terminology note (Markdown), which is rendered
 * in cmark-gfm's safe mode. Returns NULL after reporting errors.
 */
xmlDoc *review_edition_document(const struct session *s, int locale,
    const char *terminology, long long date);

/*
 * Builds the review document of opt->locales[0], applies the theme with
 * part 'review' and writes its root files into OUTPUT/review/. Returns an
 * exit status.
 */
int review_edition_write(const struct build_options *opt, struct session *s);

#endif
