/* The source book (parsed once) and the per-locale book document. */
#ifndef GEN_BOOKDOC_H
#define GEN_BOOKDOC_H

#include <libxml/tree.h>

struct catalog;
struct manifest;
struct locale_info;
struct review_status;

/* A translatable unit of the source: a heading, paragraph, cell or label. */
struct unit {
	int chapter; /* index in the manifest; -1 for the book's metadata */
	int line; /* line in the chapter's file */
	const char *kind;
	char *msgid;
};

/* The source text: the manifest and each chapter's CommonMark XML tree. */
struct book {
	struct manifest *manifest;
	char *content_dir;
	xmlDoc **chapters; /* one per manifest chapter, same order */
	struct unit *units; /* in reading order: metadata, then chapters; a
	                     * unit without text has an empty msgid */
	int nunits;
};

/* Translation counts of a set of units, each msgid counted once. */
struct book_stats {
	int translated, fuzzy, untranslated;
};

/*
 * Reads the manifest and every chapter of content_dir, checks them and
 * resolves links between chapters. Reports every problem found; returns
 * NULL if there was any. Free with book_free.
 */
struct book *book_load(const char *content_dir);

void book_free(struct book *b);

/*
 * Assembles the book document for one locale: metadata, the locale's facts,
 * the list of all locales (for language switching) and every chapter,
 * translated from cat (NULL for the source language). A unit without a
 * usable translation keeps its source text and gets fallback="true". date
 * is the build's timestamp (SOURCE_DATE_EPOCH). reviews (one per chapter,
 * or NULL) gives each translated chapter its review state. Free with
 * xmlFreeDoc.
 */
xmlDoc *book_document(const struct book *b, const struct locale_info *loc,
    const struct catalog *cat, const struct review_status *reviews,
    const struct locale_info *all, int nall, long long date);

/*
 * Counts the translation state of the book's units in cat: over the whole
 * book into *total, and per chapter into per_chapter (nchapters entries)
 * when it is not NULL. ui lists the theme's UI strings (counted in total).
 */
void book_stats(const struct book *b, const struct catalog *cat,
    char *const *ui, int nui, struct book_stats *total,
    struct book_stats *per_chapter);

/* The line of the heading of section id in chapter, 0 when none. */
int book_section_line(const struct book *b, int chapter, const char *id);

/* Percentage of translated entries, rounded down (100 when empty). */
int book_stats_percent(const struct book_stats *s);

#endif
