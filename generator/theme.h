/* Themes: sandboxed XSLT that turns a book document into output files. */
#ifndef GEN_THEME_H
#define GEN_THEME_H

#include <stddef.h>
#include <libxml/tree.h>

/* Namespace of the theme's result (<hb:files>) and extension functions. */
#define HB_NS "urn:x-handbook:1"

struct theme;
struct catalog;

enum theme_target { TARGET_SITE, TARGET_EPUB, TARGET_ROOT };

/* One file a theme asked for, serialized and ready to write. */
struct theme_output {
	enum theme_target target;
	char *path; /* relative, checked: [A-Za-z0-9._-] components */
	char *data;
	size_t len;
};

struct theme_result {
	struct theme_output *files;
	int nfiles;
};

/* Sets up libxslt's security preferences and extension functions. */
void theme_init(void);
void theme_cleanup(void);

/*
 * Loads dir/handbook.xsl. Reading is fenced to the theme's folder; writing
 * and network access are forbidden. Returns NULL after reporting errors.
 */
struct theme *theme_load(const char *dir);
void theme_free(struct theme *t);

/*
 * Runs the theme on a book document. params is a NULL-terminated list of
 * name, value pairs passed as string parameters; hb:t() translates UI
 * strings from the catalog ui (NULL: keep them as written). On success fills
 * *res (free with theme_result_free) and returns 0; returns -1 after reporting
 * errors, with *res empty.
 */
int theme_apply(struct theme *t, xmlDoc *book, const char **params,
    const struct catalog *ui, struct theme_result *res);

/* A language whose UI strings the root part may ask for:
 * hb:t('text', 'sw') looks the text up in catalog. */
struct theme_language {
	const char *tag;
	const struct catalog *catalog;
};

/* theme_apply, with the catalogs of languages for hb:t's second
 * argument (the chooser says things in each language). */
int theme_apply_languages(struct theme *t, xmlDoc *book, const char **params,
    const struct catalog *ui, const struct theme_language *languages,
    int nlanguages, struct theme_result *res);

/* A UI string the theme translates with hb:t(), and where it is. */
struct theme_string {
	char *text;
	char *plural; /* hb:tn()'s plural msgid, or NULL */
	char *file;
	int line;
};

/*
 * Lists the literal strings passed to hb:t() in the theme's stylesheets
 * (imported and included ones too), in order of appearance. Returns the
 * count; free with theme_strings_free.
 */
int theme_strings(const struct theme *t, struct theme_string **out);
void theme_strings_free(struct theme_string *s, int n);
void theme_result_free(struct theme_result *res);

/* Returns 1 when path is a safe relative output path. */
int theme_valid_output_path(const char *path);

#endif
