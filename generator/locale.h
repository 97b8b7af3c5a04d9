/* Locale facts from ICU: canonical tags, names, writing direction. */
#ifndef GEN_LOCALE_H
#define GEN_LOCALE_H

struct locale_info {
	char tag[64];        /* canonical BCP 47 tag, e.g. "pt-BR", "zh-Hans" */
	char icu_id[96];     /* ICU's locale id, e.g. "pt_BR" */
	char name[192];      /* the language's own name, as in a menu, UTF-8 */
	char english[192];   /* its English name, UTF-8 */
	int rtl;             /* 1 when written right to left */
};

/*
 * Looks up a BCP 47 tag. Fails (returns -1, with a message naming where,
 * the "what" argument, e.g. "translations/xx.po") when the tag is not
 * well-formed, not in canonical form, or names a language ICU does not
 * know. Fills *out and returns 0 otherwise.
 */
int locale_lookup(const char *tag, const char *what, struct locale_info *out);

#endif
