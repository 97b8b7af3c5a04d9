/* Locale facts come from ICU, never from hand-written tables. */
#include "locale.h"

#include <string.h>

#include <unicode/uldnames.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>

#include "diag.h"

static int
display_name(const char *id, const char *in, char *out, size_t cap)
{
	UDisplayContext ctx[] = {UDISPCTX_CAPITALIZATION_FOR_UI_LIST_OR_MENU,
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
	return U_FAILURE(st) ? -1 : 0;
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
	if (U_FAILURE(st) || parsed != (int32_t)strlen(tag))
		return diag(DIAG_ERROR, what, 0, 0,
		    "'%s' is not a well-formed BCP 47 language tag", tag);
	uloc_toLanguageTag(out->icu_id, canon, sizeof(canon), 1, &st);
	if (U_FAILURE(st))
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
	if (display_name(out->icu_id, out->icu_id, out->name,
		sizeof(out->name)) < 0 ||
	    display_name(out->icu_id, "en", out->english,
		sizeof(out->english)) < 0)
		return diag(DIAG_ERROR, what, 0, 0,
		    "ICU has no name for language '%s'", tag);
	out->rtl = uloc_isRightToLeft(out->icu_id) ? 1 : 0;
	return 0;
}
