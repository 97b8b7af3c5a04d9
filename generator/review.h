/*
 * The review trail of a translation: translations/TAG.reviews records who
 * checked which chapter, and what exactly they checked (a hash of the
 * chapter's source units and one of their translations). A review goes
 * stale by itself when either side changes.
 */
#ifndef GEN_REVIEW_H
#define GEN_REVIEW_H

struct book;
struct catalog;

/* SHA-256 in lower-case hex, with its NUL. */
#define REVIEW_HASH_LEN 65

enum review_state {
	REVIEW_DRAFT, /* never reviewed, or not wholly translated */
	REVIEW_STALE, /* reviewed, then the source or translation changed */
	REVIEW_REVIEWED, /* the review matches the chapter as it is */
	REVIEW_SOURCE, /* the book's own language: nothing to review */
};

/* One block of the file: a chapter's most recent review. */
struct review_record {
	char *chapter; /* file name, "02-attachment.md" */
	char *by, *role;
	char date[11]; /* YYYY-MM-DD */
	char source[REVIEW_HASH_LEN], translation[REVIEW_HASH_LEN];
	int line; /* of its [chapter] line */
};

struct review_file {
	char *path;
	struct review_record *records;
	int nrecords;
};

/* A chapter's state in one locale. */
struct review_status {
	enum review_state state;
	const struct review_record *record; /* NULL when never reviewed */
	int units, translated; /* the chapter's units, and how many are
	                          translated (the review needs all) */
};

/*
 * Reads path (translations/TAG.reviews). A missing file is an empty
 * trail. Every problem is reported at path:line:col; returns NULL if there
 * was one. Free with review_file_free.
 */
struct review_file *review_file_load(const char *path);
void review_file_free(struct review_file *r);

/* The path of the trail beside a catalog: "translations/sw.reviews". */
char *review_path(const char *translations, const char *tag);

/*
 * The two hashes of chapter (an index in the manifest) in cat: its source
 * units in order, and what the reader sees for each (the translation, or
 * nothing for an untranslated or fuzzy entry).
 */
void review_hashes(const struct book *b, const struct catalog *cat, int chapter,
    char source[REVIEW_HASH_LEN], char translation[REVIEW_HASH_LEN]);

/*
 * The state of every chapter (nchapters entries in out). cat NULL: the
 * source language (every chapter REVIEW_SOURCE). r may be NULL. Returns
 * how many chapters are reviewed (REVIEW_REVIEWED or REVIEW_SOURCE).
 */
int review_status(const struct book *b, const struct catalog *cat,
    const struct review_file *r, struct review_status *out);

/* "draft", "stale", "reviewed" or "source". */
const char *review_state_name(enum review_state s);

/*
 * Records a review of chapter (its file name) by who, in role, on date
 * (YYYY-MM-DD; NULL: today, UTC) and rewrites r->path. Refuses, with a
 * message, a chapter the book does not have, one not wholly translated,
 * a bad date, or a name or role that is empty, too long or holds control
 * characters. Returns 0 or -1.
 */
int review_approve(struct review_file *r, const struct book *b,
    const struct catalog *cat, const char *chapter, const char *who,
    const char *role, const char *date);

#endif
