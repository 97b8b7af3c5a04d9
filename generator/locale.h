/* Locale facts from ICU: canonical tags, names, writing direction. */
#ifndef GEN_LOCALE_H
#define GEN_LOCALE_H

#include <stddef.h>

/*
 * ICU reports a result that exactly fills the caller's buffer as a success
 * (U_STRING_NOT_TERMINATED_WARNING) and leaves it without its NUL: such a
 * result is too long for us.
 */
#define ICU_FITS(status) \
	(U_SUCCESS(status) && (status) != U_STRING_NOT_TERMINATED_WARNING)

struct locale_info {
	char tag[64]; /* canonical BCP 47 tag, e.g. "pt-BR", "zh-Hans" */
	char icu_id[96]; /* ICU's locale id, e.g. "pt_BR" */
	char name[192]; /* the language's own name, as in a menu, UTF-8 */
	char english[192]; /* its English name, UTF-8 */
	int rtl; /* 1 when written right to left */
	int percent; /* share of the book translated; -1 for the source */
	int reviewed; /* chapters whose translation is reviewed; -1: not
	                 shown (the source, or another locale's page) */
	char title[512]; /* the book's title in the language, "" when not
	                    translated (the chooser's heading) */
};

struct locale_collator;

/*
 * Looks up a BCP 47 tag. Fails (returns -1, with a message naming where,
 * the "what" argument, e.g. "translations/xx.po") when the tag is not
 * well-formed, not in canonical form, or names a language ICU does not
 * know. Fills *out and returns 0 otherwise.
 */
int locale_lookup(const char *tag, const char *what, struct locale_info *out);

/*
 * When name ("fa_IR", "pt_BR.UTF-8", "zh_CN") is a tag written the
 * gettext way, returns a malloc'd phrase naming the BCP 47 tags to use
 * instead ("'fa' (Persian, for readers everywhere) or 'fa-IR' (Persian
 * (Iran))"); otherwise NULL. The caller frees the result.
 */
char *locale_suggest_tags(const char *name);

/* The name of the language with ICU id "id" in the language of "in",
 * capitalized for a menu, or for the middle of a sentence. */
int locale_name_in(const char *id, const char *in, int in_sentence, char *out,
    size_t cap);

/* The ISO 639-3 (three-letter) code of the locale's language, as Kiwix
 * and OPDS readers want it ("zho" for zh-Hans); "" when ICU has none. */
void locale_iso639_3(const struct locale_info *l, char *out, size_t cap);

/* Keeps the book's title in the language (too long a title: none). */
void locale_set_title(struct locale_info *l, const char *title);

/* Formats a percentage (0-100) with the locale's own digits and sign. */
void locale_format_percent(const struct locale_info *l, int percent, char *out,
    size_t cap);

/* Formats n with the locale's own digits. */
void locale_format_number(const struct locale_info *l, int n, char *out,
    size_t cap);
/* Formats the date iso (YYYY-MM-DD) in the locale's long style and its
 * usual calendar ("6 December 2026"); iso itself when ICU cannot. */
void locale_format_date(const struct locale_info *l, const char *iso, char *out,
    size_t cap);
/* A collator for the locale's sort order; free with locale_collator_free. */
struct locale_collator *locale_collator_new(const struct locale_info *l);
int locale_collate(struct locale_collator *c, const char *a, const char *b);
void locale_collator_free(struct locale_collator *c);

#endif
