/* Locale facts come from ICU, never from hand-written tables. */
#include "locale.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <unicode/ucol.h>
#include <unicode/udat.h>
#include <unicode/uldnames.h>
#include <unicode/unum.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>

#include "diag.h"
#include "util.h"

int
locale_name_in(const char *id, const char *in, int in_sentence, char *out,
    size_t cap)
{
	UDisplayContext ctx[] = {in_sentence ?
	        UDISPCTX_CAPITALIZATION_FOR_MIDDLE_OF_SENTENCE :
	        UDISPCTX_CAPITALIZATION_FOR_UI_LIST_OR_MENU,
	    UDISPCTX_DIALECT_NAMES};
	UErrorCode st = U_ZERO_ERROR;
	ULocaleDisplayNames *ldn = uldn_openForContext(in, ctx, 2, &st);
	UChar name[128];
	int32_t n;

	if (U_FAILURE(st))
		return -1;
	n = uldn_localeDisplayName(ldn, id, name, 128, &st);
	uldn_close(ldn);
	if (U_FAILURE(st))
		return -1;
	u_strToUTF8(out, (int32_t)cap, NULL, name, n, &st);
	return ICU_FITS(st) ? 0 : -1;
}

/* --- tags written the gettext way --- */

/* Whether ICU has locale data for id itself ("zh_Hant", "sr_Latn"):
 * true only for languages written in more than one script. */
static int
icu_has_locale(const char *id)
{
	int32_t i, n = uloc_countAvailable();

	for (i = 0; i < n; i++)
		if (strcmp(uloc_getAvailable(i), id) == 0)
			return 1;
	return 0;
}

/* The English name of the language of ICU id, for a message. */
static void
english_name(const char *id, char *out, size_t cap)
{
	if (locale_name_in(id, "en", 1, out, cap) < 0)
		snprintf(out, cap, "%s", id);
}

/* The BCP 47 tag of ICU id (canonical), or "" when ICU cannot say. */
static void
bcp47(const char *id, char *out, size_t cap)
{
	UErrorCode st = U_ZERO_ERROR;

	uloc_toLanguageTag(id, out, (int32_t)cap, 1, &st);
	if (!ICU_FITS(st))
		*out = '\0';
}

/*
 * The language alone, or with its script when ICU keeps a locale for
 * that script ("zh_CN" gives "zh-Hans", "fa_IR" gives "fa").
 */
static void
general_tag(const char *id, char *out, size_t cap)
{
	UErrorCode st = U_ZERO_ERROR;
	char max[96], lang[16], script[8], ls[32];

	uloc_addLikelySubtags(id, max, sizeof(max), &st);
	uloc_getLanguage(ICU_FITS(st) ? max : id, lang, sizeof(lang), &st);
	if (!ICU_FITS(st)) {
		*out = '\0';
		return;
	}
	st = U_ZERO_ERROR;
	uloc_getScript(max, script, sizeof(script), &st);
	snprintf(ls, sizeof(ls), "%s_%s", lang, script);
	bcp47(ICU_FITS(st) && *script && icu_has_locale(ls) ? ls : lang, out,
	    cap);
}

char *
locale_suggest_tags(const char *name)
{
	char *copy, id[96], gid[96], exact[64], general[64], en1[128], en2[128];
	UErrorCode st = U_ZERO_ERROR;
	size_t len = strcspn(name, ".@");

	if (strpbrk(name, "_.@") == NULL || len == 0 || len > 60)
		return NULL;
	copy = xstrdup(name);
	copy[len] = '\0';
	uloc_canonicalize(copy, id, sizeof(id), &st);
	free(copy);
	if (!ICU_FITS(st) || *uloc_getISO3Language(id) == '\0')
		return NULL;
	bcp47(id, exact, sizeof(exact));
	general_tag(id, general, sizeof(general));
	if (*exact == '\0' || *general == '\0')
		return NULL;
	english_name(id, en1, sizeof(en1));
	if (strcmp(exact, general) == 0)
		return xasprintf("'%s' (%s)", exact, en1);
	st = U_ZERO_ERROR;
	uloc_forLanguageTag(general, gid, sizeof(gid), NULL, &st);
	english_name(ICU_FITS(st) ? gid : general, en2, sizeof(en2));
	return xasprintf("'%s' (%s, for readers everywhere) or '%s' (%s)",
	    general, en2, exact, en1);
}

static int
well_formed(const char *tag)
{
	size_t n = strlen(tag), i;

	if (n == 0 || n > 35)
		return 0;
	for (i = 0; i < n; i++) {
		char c = tag[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		        (c >= '0' && c <= '9') || c == '-'))
			return 0;
	}
	return tag[0] != '-' && tag[n - 1] != '-' && !strstr(tag, "--");
}

/* A tag that is not BCP 47; "fa_IR" gets the names to use instead. */
static int
not_a_tag(const char *tag, const char *what)
{
	char *hint = locale_suggest_tags(tag);

	if (hint == NULL)
		return diag(DIAG_ERROR, what, 0, 0,
		    "'%s' is not a BCP 47 language tag", tag);
	diag(DIAG_ERROR, what, 0, 0,
	    "'%s' is not a BCP 47 language tag (it is written the gettext "
	    "way): use %s",
	    tag, hint);
	free(hint);
	return -1;
}

int
locale_lookup(const char *tag, const char *what, struct locale_info *out)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t parsed = 0;
	char canon[64];

	memset(out, 0, sizeof(*out));
	if (!well_formed(tag))
		return not_a_tag(tag, what);
	uloc_forLanguageTag(tag, out->icu_id, sizeof(out->icu_id), &parsed,
	    &st);
	if (!ICU_FITS(st) || parsed != (int32_t)strlen(tag))
		return diag(DIAG_ERROR, what, 0, 0,
		    "'%s' is not a well-formed BCP 47 language tag", tag);
	uloc_toLanguageTag(out->icu_id, canon, sizeof(canon), 1, &st);
	if (!ICU_FITS(st))
		return diag(DIAG_ERROR, what, 0, 0,
		    "'%s' is not a valid language tag: %s", tag,
		    u_errorName(st));
	if (strcmp(canon, tag) != 0)
		return diag(DIAG_ERROR, what, 0, 0,
		    "language tag '%s' should be written '%s'", tag, canon);
	if (*uloc_getISO3Language(out->icu_id) == '\0')
		return diag(DIAG_ERROR, what, 0, 0, "unknown language in '%s'",
		    tag);
	strcpy(out->tag, canon);
	if (locale_name_in(out->icu_id, out->icu_id, 0, out->name,
	        sizeof(out->name)) < 0 ||
	    locale_name_in(out->icu_id, "en", 0, out->english,
	        sizeof(out->english)) < 0)
		return diag(DIAG_ERROR, what, 0, 0,
		    "ICU has no name for language '%s'", tag);
	out->rtl = uloc_isRightToLeft(out->icu_id) ? 1 : 0;
	out->reviewed = -1;
	return 0;
}

void
locale_iso639_3(const struct locale_info *l, char *out, size_t cap)
{
	snprintf(out, cap, "%s", uloc_getISO3Language(l->icu_id));
}

/* value formatted by ICU in style for the locale; fallback when ICU
 * cannot. */
static void
format_number(const struct locale_info *l, UNumberFormatStyle style,
    double value, const char *fallback, char *out, size_t cap)
{
	UErrorCode st = U_ZERO_ERROR;
	UNumberFormat *nf = unum_open(style, NULL, 0, l->icu_id, NULL, &st);
	UChar text[64];
	int32_t n;

	if (U_SUCCESS(st)) {
		n = unum_formatDouble(nf, value, text, 64, NULL, &st);
		if (U_SUCCESS(st))
			u_strToUTF8(out, (int32_t)cap, NULL, text, n, &st);
	}
	unum_close(nf);
	if (!ICU_FITS(st))
		snprintf(out, cap, "%s", fallback);
}

void
locale_format_percent(const struct locale_info *l, int percent, char *out,
    size_t cap)
{
	char fallback[16];

	snprintf(fallback, sizeof(fallback), "%d%%", percent);
	format_number(l, UNUM_PERCENT, percent / 100.0, fallback, out, cap);
}

void
locale_format_number(const struct locale_info *l, int n, char *out, size_t cap)
{
	char fallback[16];

	snprintf(fallback, sizeof(fallback), "%d", n);
	format_number(l, UNUM_DECIMAL, n, fallback, out, cap);
}

void
locale_format_date(const struct locale_info *l, const char *iso, char *out,
    size_t cap)
{
	UErrorCode st = U_ZERO_ERROR;
	UDateFormat *df = NULL;
	UChar text[128];
	struct tm tm = {0};
	int32_t len;
	time_t t;

	/* Noon UTC: the same day in every calendar's day boundary. */
	if (sscanf(iso, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) !=
	    3)
		goto fallback;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_hour = 12;
	t = timegm(&tm);
	df = udat_open(UDAT_NONE, UDAT_LONG, l->icu_id, u"UTC", -1, NULL, 0,
	    &st);
	if (U_SUCCESS(st)) {
		len = udat_format(df, (UDate)t * 1000.0, text, 128, NULL, &st);
		if (U_SUCCESS(st))
			u_strToUTF8(out, (int32_t)cap, NULL, text, len, &st);
	}
	udat_close(df);
	if (ICU_FITS(st))
		return;
fallback:
	snprintf(out, cap, "%s", iso);
}

struct locale_collator {
	UCollator *coll;
};

struct locale_collator *
locale_collator_new(const struct locale_info *l)
{
	UErrorCode st = U_ZERO_ERROR;
	struct locale_collator *c = xmalloc(sizeof(*c));

	c->coll = ucol_open(l->icu_id, &st);
	if (U_FAILURE(st)) {
		diag_err("ICU has no collation for '%s': %s", l->tag,
		    u_errorName(st));
		free(c);
		return NULL;
	}
	return c;
}

int
locale_collate(struct locale_collator *c, const char *a, const char *b)
{
	UErrorCode st = U_ZERO_ERROR;

	return ucol_strcollUTF8(c->coll, a, -1, b, -1, &st);
}

void
locale_collator_free(struct locale_collator *c)
{
	if (c == NULL)
		return;
	ucol_close(c->coll);
	free(c);
}

void
locale_set_title(struct locale_info *l, const char *title)
{
	size_t n = title ? strlen(title) : 0;

	if (n >= sizeof(l->title))
		n = 0;
	memcpy(l->title, title ? title : "", n);
	l->title[n] = '\0';
}
