/* The source book (parsed once) and the per-locale book document. */
#ifndef GEN_BOOKDOC_H
#define GEN_BOOKDOC_H

#include <libxml/tree.h>

struct manifest;
struct locale_info;

/* The source text: the manifest and each chapter's CommonMark XML tree. */
struct book {
	struct manifest *manifest;
	char *content_dir;
	xmlDoc **chapters; /* one per manifest chapter, same order */
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
 * the list of all locales (for language switching) and every chapter. date
 * is the build's timestamp (SOURCE_DATE_EPOCH). Free with xmlFreeDoc.
 */
xmlDoc *book_document(const struct book *b, const struct locale_info *loc,
    const struct locale_info *all, int nall, long long date);

#endif
