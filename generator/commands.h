/* The commands that read a session but write no handbook. */
#ifndef GEN_COMMANDS_H
#define GEN_COMMANDS_H

#include "build.h"

/* Writes the translation template to out (default:
 * TRANSLATIONS/handbook.pot). Returns an exit status. */
int command_extract(const struct build_options *opt, struct session *s,
    const char *out);

/* Prints how much of each selected catalog is translated and reviewed
 * (per chapter too with chapters; as JSON, always per chapter, with
 * json). Returns an exit status. */
int command_stats(const struct build_options *opt, struct session *s,
    int chapters, int json);

/* handbook review TAG --approve CHAPTER --by NAME --role ROLE [--date D]:
 * records the review in TRANSLATIONS/TAG.reviews. Returns an exit
 * status. */
int command_review_approve(const struct build_options *opt, struct session *s,
    const char *chapter, const char *by, const char *role, const char *date);

/* Writes search tokenizer test vectors (JSON) from the first selected
 * locale's text to out, or standard output. Returns an exit status. */
int command_tokens(const struct build_options *opt, struct session *s,
    const char *out);

/* Writes, as XML, each selected locale's tag, ISO 639-3 code, direction,
 * names and translated book metadata (title, subtitle, description, …) to
 * out, or standard output. Returns an exit status. */
int command_meta(const struct build_options *opt, struct session *s,
    const char *out);

/* handbook review TAG: the bilingual review edition of the locale, in
 * OUTPUT/review/. Returns an exit status. */
int command_review_edition(const struct build_options *opt, struct session *s);

#endif
