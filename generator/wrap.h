/* Lines of a short text for a fixed width (the cover's title). */
#ifndef GEN_WRAP_H
#define GEN_WRAP_H

/*
 * Breaks the UTF-8 text s into lines of at most width ems, at ICU's line
 * break opportunities (between words; between characters in Chinese;
 * Thai by its dictionary), and inside a word only when it alone is wider.
 * A character's width is estimated: 1 em for East Asian wide ones, none
 * for combining marks and format characters, 0.5 em for Arabic letters
 * (joined, narrower), 0.6 em for the others.
 * Returns the lines joined by '\n', malloc'd (empty for an empty or
 * invalid text).
 */
char *text_wrap(const char *s, double width);

#endif
