/* The build: a session (book, theme, locales, catalogs) and its outputs. */
#ifndef GEN_BUILD_H
#define GEN_BUILD_H

#include "bookdoc.h"
#include "catalog.h"
#include "locale.h"
#include "review.h"
#include "theme.h"

/* What the command line asked for; the strings belong to the caller. */
struct build_options {
	const char *content, *translations, *theme, *output;
	char **locales; /* --locale, in the order given; none means all */
	int nlocales;
	char **pdfs; /* --pdf: locales whose PDF is current in output/ */
	int npdfs;
	char **zims; /* --zim: locales whose ZIM is current in output/ */
	int nzims;
	const char *covers; /* --covers: a folder of TAG.png covers, or NULL */
	int root_only; /* only the files at the top of output/ */
	int timings; /* print the time spent in each stage */
	int release; /* refuse a locale that shows a placeholder or whose
	                safety-critical chapters are not reviewed */
};

/* Which catalogs a command reads. */
enum session_catalogs {
	SESSION_NO_CATALOGS, /* extract: the template needs none */
	SESSION_SELECTED, /* only those of the selected locales */
	SESSION_ALL_CATALOGS, /* every one (the chooser shows each's share) */
};

/* Everything loaded before a command runs. */
struct session {
	struct book *book;
	struct theme *theme;
	struct locale_info *all; /* the source locale first */
	struct catalog **cats; /* one per locale; NULL for the source or
	                          a catalog not read */
	struct review_file **reviews; /* each read catalog's review trail */
	struct review_status **status; /* per locale, one per chapter (NULL
	                                  where there is no catalog) */
	int nall;
	struct theme_string *ui;
	char **ui_texts; /* the msgids of ui, for book_stats */
	int nui;
};

/*
 * Loads the book, the theme, the locales (the source first, then one per
 * TAG.po in sorted order) and the catalogs asked for. Returns 0, or -1
 * after reporting errors; free the session with session_free either way.
 */
int session_load(const struct build_options *opt, struct session *s,
    enum session_catalogs which);
void session_free(struct session *s);

/*
 * The build's timestamp in *date: SOURCE_DATE_EPOCH, else the newest
 * input's time. Returns 0, or -1 after reporting a bad SOURCE_DATE_EPOCH.
 */
int build_date(const struct book *b, long long *date);

/* The index of the first selected locale that has a catalog, or -1 after
 * reporting (what: the command, for the message). */
int session_selected_catalog(const struct build_options *opt,
    const struct session *s, const char *what);

/* 1 when tag was selected with --locale, or when none was. */
int build_is_selected(const struct build_options *opt, const char *tag);

/*
 * Builds every selected locale and, unless --locale was given, the files
 * at the top of the output folder. With write 0 it only checks that all
 * would build (handbook check). Returns 0, or -1 after reporting errors;
 * a locale that fails keeps its previous output.
 */
int build_run(const struct build_options *opt, struct session *s, int write);

#endif
