/* The source book (parsed once) and the per-locale book document. */
#ifndef GEN_BOOKDOC_H
#define GEN_BOOKDOC_H

#include <stdint.h>

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

/*
 * The next left-to-right run of UTF-8 s[from..n): from a strong LTR
 * character to the last strong LTR character or European digit before the
 * next strong RTL one; in *start, *end. Returns 0 when there is none. With
 * markdown (source text, as the review edition shows it) the run is made
 * whole for Markdown: the digits, signs and opening brackets just before it
 * ("(13-glossary.md", "(Bowlby") and the closing brackets that balance it
 * belong to it, and it ends before " (" at bracket depth 0, so that a link
 * target and the citation after it are two runs.
 */
int book_next_ltr_run(const uint8_t *s, int32_t from, int32_t n, int32_t *start,
    int32_t *end, int markdown);

/* The line of the heading of section id in chapter, 0 when none. */
int book_section_line(const struct book *b, int chapter, const char *id);

/* Percentage of translated entries, rounded down (100 when empty). */
int book_stats_percent(const struct book_stats *s);

#endif
