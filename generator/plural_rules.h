/* Each language's plural rule (CLDR) written as a gettext Plural-Forms. */
#ifndef GEN_PLURAL_RULES_H
#define GEN_PLURAL_RULES_H

/*
 * Returns the Plural-Forms value for the language of a canonical BCP 47
 * tag ("nplurals=2; plural=(n > 1);" for "fa"), a static string, or NULL
 * when no rule is known. The most specific entry wins ("pt-PT" before
 * "pt"). The rules are CLDR's, restricted to whole numbers below one
 * million (as gettext's own rules are); the unit tests compare every
 * entry with ICU's plural rules.
 */
const char *plural_rules_lookup(const char *tag);

/*
 * For languages missing from the table: derives a Plural-Forms value from
 * ICU's plural rules when they are one of the common shapes for whole
 * numbers (one form; "one" for 1 only; "one" for 0 and 1). icu_id is
 * ICU's locale id. Returns a static string, or NULL.
 */
const char *plural_rules_from_icu(const char *icu_id);

/* The number of entries of the table, and the tag of the i-th; for tests. */
int plural_rules_count(void);
const char *plural_rules_tag(int i);

#endif
