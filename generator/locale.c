/* Locale facts come from ICU, never from hand-written tables. */
#include "locale.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ucol.h>
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
	UDisplayContext ctx[] = {in_sentence
				     ? UDISPCTX_CAPITALIZATION_FOR_MIDDLE_OF_SENTENCE
				     : UDISPCTX_CAPITALIZATION_FOR_UI_LIST_OR_MENU,
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

int
locale_lookup(const char *tag, const char *what, struct locale_info *out)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t parsed = 0;
	char canon[64];

	memset(out, 0, sizeof(*out));
	if (!well_formed(tag))
		return diag(DIAG_ERROR, what, 0, 0,
		    "'%s' is not a BCP 47 language tag", tag);
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
	return 0;
}

void
locale_format_percent(const struct locale_info *l, int percent, char *out,
    size_t cap)
{
	UErrorCode st = U_ZERO_ERROR;
	UNumberFormat *nf = unum_open(UNUM_PERCENT, NULL, 0, l->icu_id, NULL,
	    &st);
	UChar text[64];
	int32_t n;

	if (U_SUCCESS(st)) {
		n = unum_formatDouble(nf, percent / 100.0, text, 64, NULL, &st);
		if (U_SUCCESS(st))
			u_strToUTF8(out, (int32_t)cap, NULL, text, n, &st);
	}
	unum_close(nf);
	if (!ICU_FITS(st))
		snprintf(out, cap, "%d%%", percent);
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
