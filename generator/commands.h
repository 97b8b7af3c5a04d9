/* The commands that read a session but write no handbook. */
#ifndef GEN_COMMANDS_H
#define GEN_COMMANDS_H

#include "build.h"

/* Writes the translation template to out (default:
 * TRANSLATIONS/handbook.pot). Returns an exit status. */
int command_extract(const struct build_options *opt, struct session *s,
    const char *out);

/* Prints how much of each selected catalog is translated (per chapter
 * too with chapters). Returns an exit status. */
int command_stats(const struct build_options *opt, struct session *s,
    int chapters);

/* Writes search tokenizer test vectors (JSON) from the first selected
 * locale's text to out, or standard output. Returns an exit status. */
int command_tokens(const struct build_options *opt, struct session *s,
    const char *out);

/* Writes, as XML, each selected locale's tag, ISO 639-3 code, direction,
 * names and translated book metadata (title, subtitle, description, …) to
 * out, or standard output. Returns an exit status. */
int command_meta(const struct build_options *opt, struct session *s,
    const char *out);

#endif
