/*
 * The spec corpus's driver: runs the generator's stages on one small book
 * in the current folder (content/book.xml, its chapters, at most one
 * catalog in translations/) as `handbook build` does, and writes what a
 * reviewer signs off: the book document of the catalog's locale (or of
 * the source when there is none) and the page the theme made from each
 * chapter. Diagnostics go to standard error as in the generator.
 *
 * usage: spec THEME OUTDIR
 * Exit status: 0, or 1 when the input had errors (as the generator).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "../../generator/bookdoc.h"
#include "../../generator/catalog.h"
#include "../../generator/diag.h"
#include "../../generator/locale.h"
#include "../../generator/manifest.h"
#include "../../generator/markdown.h"
#include "../../generator/theme.h"
#include "../../generator/util.h"
#include "../../generator/xmlsafe.h"

/* The one catalog of translations/, as TAG.po; NULL when there is none. */
static char *
find_catalog(void)
{
	DIR *d = opendir("translations");
	struct dirent *e;
	char *tag = NULL;

	while (d && (e = readdir(d)) != NULL)
		if (e->d_name[0] != '.' && str_endswith(e->d_name, ".po") &&
		    tag == NULL) {
			tag = xstrdup(e->d_name);
			tag[strlen(tag) - 3] = '\0';
		}
	if (d)
		closedir(d);
	return tag;
}

/* Writes OUTDIR/ID.html, the page the theme made for each chapter. */
static int
write_pages(const struct book *b, const struct theme_result *res,
    const char *outdir)
{
	char *want, *path;
	FILE *f;
	int i, j;

	for (i = 0; i < b->manifest->nchapters; i++) {
		want = xasprintf("%s.html", b->manifest->chapters[i].id);
		for (j = 0; j < res->nfiles; j++)
			if (res->files[j].target == TARGET_SITE &&
			    strcmp(res->files[j].path, want) == 0)
				break;
		path = xasprintf("%s/%s", outdir, want);
		f = j < res->nfiles ? fopen(path, "w") : NULL;
		if (f) {
			fwrite(res->files[j].data, 1, res->files[j].len, f);
			fclose(f);
		} else {
			fprintf(stderr, "spec: no page %s\n", want);
		}
		free(path);
		free(want);
	}
	return 0;
}

/* The share of the book and the theme's UI strings translated in cat. */
static int
percent(const struct book *b, const struct theme *theme,
    const struct catalog *cat)
{
	struct theme_string *ui = NULL;
	struct book_stats st;
	char **texts;
	int nui = theme ? theme_strings(theme, &ui) : 0, i;

	texts = xcalloc((size_t)nui + 1, sizeof(char *));
	for (i = 0; i < nui; i++)
		texts[i] = ui[i].text;
	book_stats(b, cat, texts, nui, &st, NULL);
	free(texts);
	theme_strings_free(ui, nui);
	return book_stats_percent(&st);
}

static int
run(const char *theme_dir, const char *outdir)
{
	struct locale_info all[2];
	struct catalog *cat = NULL;
	struct theme_result res;
	struct theme *theme;
	struct book *b;
	char *tag = find_catalog(), *po = NULL, *path;
	const char *params[] = {"epub-file", "handbook.epub", "part", "locale",
	    "root-files", "no", NULL};
	int n = 1, rc = 1;
	xmlDoc *doc;

	b = book_load("content");
	theme = theme_load(theme_dir);
	if (b &&
	    locale_lookup(b->manifest->language, "content/book.xml", &all[0]) ==
	        0) {
		all[0].percent = -1;
		if (tag) {
			po = xasprintf("translations/%s.po", tag);
			if (locale_lookup(tag, po, &all[1]) == 0 &&
			    (cat = catalog_load(po, all[1].tag)) != NULL) {
				all[1].percent = percent(b, theme, cat);
				n = 2;
			}
		}
	}
	if (b && theme && (tag == NULL || cat)) {
		doc = book_document(b, &all[n - 1], cat, NULL, all, n,
		    1700000000);
		path = xasprintf("%s/book.xml", outdir);
		xmlSaveFormatFileEnc(path, doc, "UTF-8", 1);
		free(path);
		if (theme_apply(theme, doc, params, cat, &res) == 0) {
			write_pages(b, &res, outdir);
			theme_result_free(&res);
		}
		xmlFreeDoc(doc);
	}
	if (diag_errors() == 0)
		rc = 0;
	catalog_free(cat);
	theme_free(theme);
	book_free(b);
	free(tag);
	free(po);
	return rc;
}

int
main(int argc, char **argv)
{
	int rc;

	if (argc != 3) {
		fprintf(stderr, "usage: spec THEME OUTDIR\n");
		return 2;
	}
	setenv("TZ", "UTC", 1);
	xmlsafe_init();
	markdown_init();
	theme_init();
	rc = run(argv[1], argv[2]);
	theme_cleanup();
	xmlsafe_cleanup();
	xmlCleanupParser();
	return rc;
}
