/* The book's cover, drawn by the theme (part "cover") as SVG. */
#ifndef GEN_COVER_H
#define GEN_COVER_H

#include "build.h"

/*
 * Writes the first selected locale's cover, the theme's cover.svg (with
 * CONTENT/logo.svg given to it as /book/meta/logo), to out, or standard
 * output. Returns an exit status.
 */
int command_cover(const struct build_options *opt, struct session *s,
    const char *out);

#endif
