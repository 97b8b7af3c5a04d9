/*
 * Plural rules as gettext expressions. CLDR states them for ICU, but ICU
 * has no way to print one as a C expression, and gettext's own table
 * (msginit) leaves most languages with a placeholder. So this table
 * writes each CLDR rule by hand, for the UN languages, Wikipedia's most
 * spoken languages and their neighbours; tests/unit compares every entry
 * with ICU's uplrules for n = 0..199, so an entry cannot drift from CLDR.
 * Forms are in CLDR's order (zero, one, two, few, many, other), without
 * the categories that only fractions or exact millions reach (French,
 * Spanish, Italian, Portuguese and Catalan "many"; Czech "many").
 */
#include "plural_rules.h"

#include <string.h>

#include <unicode/uenum.h>
#include <unicode/upluralrules.h>

#include "locale.h"

#define ONE_FORM "nplurals=1; plural=0;"
#define ONE_IS_1 "nplurals=2; plural=(n != 1);"
#define ONE_IS_0_1 "nplurals=2; plural=(n > 1);"
/* Russian, Ukrainian, Belarusian, Serbian, Croatian, Bosnian. */
#define EAST_SLAVIC \
	"nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && " \
	"n%10<=4 && (n%100<12 || n%100>14) ? 1 : 2);"
/* Icelandic, Macedonian: one for 1, 21, 31… but not 11. */
#define ONE_ENDS_1 "nplurals=2; plural=(n%10!=1 || n%100==11);"
/* Filipino, Cebuano: "other" only for numbers ending in 4, 6 or 9. */
#define FILIPINO "nplurals=2; plural=(n%10==4 || n%10==6 || n%10==9);"

struct rule {
	const char *tag;
	const char *forms;
};

/* Sorted by tag; a regional or script entry follows its language. */
static const struct rule rules[] = {
    {"af", ONE_IS_1},
    {"ak", ONE_IS_0_1},
    {"am", ONE_IS_0_1},
    {"ar",
        "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
        "n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);"},
    {"as", ONE_IS_0_1},
    {"az", ONE_IS_1},
    {"be", EAST_SLAVIC},
    {"bg", ONE_IS_1},
    {"bho", ONE_IS_0_1},
    {"bn", ONE_IS_0_1},
    {"bo", ONE_FORM},
    {"bs", EAST_SLAVIC},
    {"ca", ONE_IS_1},
    {"ceb", FILIPINO},
    {"ckb", ONE_IS_1},
    {"cs", "nplurals=3; plural=(n==1 ? 0 : n>=2 && n<=4 ? 1 : 2);"},
    {"cy",
        "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n==3 ? 3 "
        ": n==6 ? 4 : 5);"},
    {"da", ONE_IS_1},
    {"de", ONE_IS_1},
    {"dv", ONE_IS_1},
    {"dz", ONE_FORM},
    {"el", ONE_IS_1},
    {"en", ONE_IS_1},
    {"es", ONE_IS_1},
    {"et", ONE_IS_1},
    {"eu", ONE_IS_1},
    {"fa", ONE_IS_0_1},
    {"ff", ONE_IS_0_1},
    {"fi", ONE_IS_1},
    {"fil", FILIPINO},
    {"fr", ONE_IS_0_1},
    {"fy", ONE_IS_1},
    {"ga",
        "nplurals=5; plural=(n==1 ? 0 : n==2 ? 1 : n>=3 && n<=6 ? 2 : "
        "n>=7 && n<=10 ? 3 : 4);"},
    {"gd",
        "nplurals=4; plural=(n==1 || n==11 ? 0 : n==2 || n==12 ? 1 : "
        "n>=3 && n<=19 ? 2 : 3);"},
    {"gl", ONE_IS_1},
    {"gu", ONE_IS_0_1},
    {"ha", ONE_IS_1},
    {"he", "nplurals=3; plural=(n==1 ? 0 : n==2 ? 1 : 2);"},
    {"hi", ONE_IS_0_1},
    {"hr", EAST_SLAVIC},
    {"hu", ONE_IS_1},
    {"hy", ONE_IS_0_1},
    {"id", ONE_FORM},
    {"ig", ONE_FORM},
    {"is", ONE_ENDS_1},
    {"it", ONE_IS_1},
    {"ja", ONE_FORM},
    {"jv", ONE_FORM},
    {"ka", ONE_IS_1},
    {"kk", ONE_IS_1},
    {"km", ONE_FORM},
    {"kn", ONE_IS_0_1},
    {"ko", ONE_FORM},
    {"ku", ONE_IS_1},
    {"ky", ONE_IS_1},
    {"lb", ONE_IS_1},
    {"ln", ONE_IS_0_1},
    {"lo", ONE_FORM},
    {"lt",
        "nplurals=3; plural=(n%10==1 && (n%100<11 || n%100>19) ? 0 : "
        "n%10>=2 && (n%100<11 || n%100>19) ? 1 : 2);"},
    {"lv",
        "nplurals=3; plural=(n%10==0 || (n%100>=11 && n%100<=19) ? 0 : "
        "n%10==1 && n%100!=11 ? 1 : 2);"},
    {"mg", ONE_IS_0_1},
    {"mk", ONE_ENDS_1},
    {"ml", ONE_IS_1},
    {"mn", ONE_IS_1},
    {"mr", ONE_IS_1},
    {"ms", ONE_FORM},
    {"mt",
        "nplurals=5; plural=(n==1 ? 0 : n==2 ? 1 : n==0 || "
        "(n%100>=3 && n%100<=10) ? 2 : n%100>=11 && n%100<=19 ? 3 : 4);"},
    {"my", ONE_FORM},
    {"nb", ONE_IS_1},
    {"ne", ONE_IS_1},
    {"nl", ONE_IS_1},
    {"nn", ONE_IS_1},
    {"no", ONE_IS_1},
    {"ny", ONE_IS_1},
    {"om", ONE_IS_1},
    {"or", ONE_IS_1},
    {"pa", ONE_IS_0_1},
    {"pcm", ONE_IS_0_1},
    {"pl",
        "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && "
        "(n%100<12 || n%100>14) ? 1 : 2);"},
    {"ps", ONE_IS_1},
    {"pt", ONE_IS_0_1},
    {"pt-PT", ONE_IS_1},
    {"ro",
        "nplurals=3; plural=(n==1 ? 0 : n==0 || (n%100>=1 && "
        "n%100<=19) ? 1 : 2);"},
    {"ru", EAST_SLAVIC},
    {"sd", ONE_IS_1},
    {"si", ONE_IS_0_1},
    {"sk", "nplurals=3; plural=(n==1 ? 0 : n>=2 && n<=4 ? 1 : 2);"},
    {"sl",
        "nplurals=4; plural=(n%100==1 ? 0 : n%100==2 ? 1 : n%100==3 || "
        "n%100==4 ? 2 : 3);"},
    {"sn", ONE_IS_1},
    {"so", ONE_IS_1},
    {"sq", ONE_IS_1},
    {"sr", EAST_SLAVIC},
    {"st", ONE_IS_1},
    {"su", ONE_FORM},
    {"sv", ONE_IS_1},
    {"sw", ONE_IS_1},
    {"ta", ONE_IS_1},
    {"te", ONE_IS_1},
    {"th", ONE_FORM},
    {"ti", ONE_IS_0_1},
    {"tk", ONE_IS_1},
    {"tn", ONE_IS_1},
    {"tr", ONE_IS_1},
    {"ts", ONE_IS_1},
    {"ug", ONE_IS_1},
    {"uk", EAST_SLAVIC},
    {"ur", ONE_IS_1},
    {"uz", ONE_IS_1},
    {"vi", ONE_FORM},
    {"wo", ONE_FORM},
    {"xh", ONE_IS_1},
    {"yo", ONE_FORM},
    {"yue", ONE_FORM},
    {"zh", ONE_FORM},
    {"zu", ONE_IS_0_1},
};

#define NRULES ((int)(sizeof(rules) / sizeof(rules[0])))

static const char *
find(const char *tag, size_t len)
{
	int i;

	for (i = 0; i < NRULES; i++)
		if (strlen(rules[i].tag) == len &&
		    strncmp(rules[i].tag, tag, len) == 0)
			return rules[i].forms;
	return NULL;
}

const char *
plural_rules_lookup(const char *tag)
{
	size_t len = strlen(tag);
	const char *forms;

	/* "pt-PT", then "pt": drop one subtag at a time. */
	for (;;) {
		if ((forms = find(tag, len)) != NULL)
			return forms;
		while (len > 0 && tag[len - 1] != '-')
			len--;
		if (len == 0)
			return NULL;
		len--;
	}
}

/* The category ICU gives the whole number n, as a short string. */
static int
category(const UPluralRules *pr, int n, char *out, int32_t cap)
{
	UErrorCode st = U_ZERO_ERROR;
	UChar word[16];
	int32_t len = uplrules_select(pr, n, word, 16, &st), i;

	if (!ICU_FITS(st) || len >= cap)
		return -1;
	for (i = 0; i < len; i++)
		out[i] = (char)word[i];
	out[len] = '\0';
	return 0;
}

const char *
plural_rules_from_icu(const char *icu_id)
{
	UErrorCode st = U_ZERO_ERROR;
	UPluralRules *pr = uplrules_open(icu_id, &st);
	char cat[200][16];
	int n, other_from = -1, ok = U_SUCCESS(st);

	for (n = 0; ok && n < 200; n++)
		ok = category(pr, n, cat[n], 16) == 0;
	uplrules_close(pr);
	if (!ok)
		return NULL;
	/* Every number from other_from on is "other". */
	for (n = 199; n >= 0 && strcmp(cat[n], "other") == 0; n--)
		other_from = n;
	if (other_from == 0)
		return ONE_FORM;
	if (other_from == 2 && strcmp(cat[1], "one") == 0 &&
	    strcmp(cat[0], "one") == 0)
		return ONE_IS_0_1;
	if (other_from == 2 && strcmp(cat[1], "one") == 0 &&
	    strcmp(cat[0], "other") == 0)
		return ONE_IS_1;
	return NULL;
}

int
plural_rules_count(void)
{
	return NRULES;
}

const char *
plural_rules_tag(int i)
{
	return i >= 0 && i < NRULES ? rules[i].tag : NULL;
}
