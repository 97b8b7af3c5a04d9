/* Translation catalogs: gettext PO files read with libgettextpo. */
#ifndef GEN_CATALOG_H
#define GEN_CATALOG_H

#include "bounds.h"

struct catalog;

enum catalog_state { CAT_UNTRANSLATED, CAT_FUZZY, CAT_TRANSLATED };

/*
 * Reads and validates path, the catalog of the language tag (a canonical
 * BCP 47 tag). Checks syntax, the UTF-8 charset, the Language and
 * Plural-Forms headers, duplicates and plural forms; every problem is
 * reported at path:line. Returns NULL if there was an error; free the
 * result with catalog_free.
 */
struct catalog *catalog_load(const char *path, const char *tag);
void catalog_free(struct catalog *c);

/* The catalog's file name, for diagnostics. */
const char *catalog_path(const struct catalog *c);

/*
 * Returns the translation of msgid (msgctxt may be NULL) when the catalog
 * has a translated, non-fuzzy entry for it, else NULL. *line, when not
 * NULL, receives the entry's line in the PO file (0 when there is none).
 */
const char *catalog_lookup(const struct catalog *c, const char *msgctxt,
    const char *msgid, int *line);

/* What a reviewer sees of one entry, whatever its state. */
struct catalog_entry {
	enum catalog_state state;
	int line; /* of its msgid in the PO file */
	const char *msgstr; /* "" when untranslated; a fuzzy entry's text */
	const char *comments; /* translator comments ("# " lines), "" if none */
	const char
	    *extracted; /* extracted comments ("#. " lines), "" if none */
};

/*
 * Fills *out with msgid's entry (msgctxt may be NULL), translated, fuzzy
 * or untranslated; the strings belong to the catalog. Returns 0, or -1
 * when the catalog has no entry for msgid (*out then says untranslated,
 * line 0, every string "").
 */
int catalog_entry(const struct catalog *c, const char *msgctxt,
    const char *msgid, struct catalog_entry *out);

/*
 * Returns the index-th plural form of msgid/msgid_plural when the catalog
 * has a translated, non-fuzzy plural entry, else NULL.
 */
const char *catalog_lookup_plural(const struct catalog *c, const char *msgid,
    int index);

/*
 * Writes into table[0..199] the plural form index that the catalog's
 * Plural-Forms expression gives for n = 0..199 (a number n of 200 or more
 * behaves as 100 + n % 100 in every gettext rule). With no catalog, the
 * English rule. Returns the number of forms.
 */
int catalog_plural_table(const struct catalog *c, int table[PLURAL_TABLE_SIZE]);

/* The state of msgid's entry. */
enum catalog_state catalog_state(const struct catalog *c, const char *msgctxt,
    const char *msgid);

/*
 * Writes a translation template (a .pot file) at path from the messages
 * added with catalog_template_add, through libgettextpo's own writer.
 */
struct catalog_template;
struct catalog_template *catalog_template_new(const char *title);
/* Adds a reference to msgid (creating its entry on first use). comment is
 * an extracted comment for translators, shown once per entry. */
void catalog_template_add(struct catalog_template *t, const char *msgctxt,
    const char *msgid, const char *file, int line, const char *comment);
/* Marks msgid's entry (added before) as plural, with msgid_plural. */
void catalog_template_set_plural(struct catalog_template *t, const char *msgid,
    const char *msgid_plural);
int catalog_template_write(struct catalog_template *t, const char *path);
void catalog_template_free(struct catalog_template *t);

#endif
