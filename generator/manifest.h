/* The book's manifest: chapter order and metadata, read from book.xml. */
#ifndef GEN_MANIFEST_H
#define GEN_MANIFEST_H

#include <stddef.h>

struct manifest_chapter {
	char *file; /* file name inside the content folder, e.g.
	               "02-attachment.md" */
	char *
	    id; /* file name without ".md"; names every output of the chapter */
	int line; /* line of the <chapter> element in book.xml */
	int sort_sections; /* sort="sections": level-2 sections in collation
	                      order */
	int content_note; /* content-note="yes": the theme warns before it */
	int safety_critical; /* safety-critical="yes": a release needs its
	                        translation reviewed */
	char **placeholders; /* placeholder="id ...": sections whose text an
	                        edition must replace before release */
	int nplaceholders;
};

/* <link rel="grounding" href="08-practical-strategies.md#grounding"/>:
 * places in the book that the theme links from every page. */
struct manifest_link {
	char *rel, *href;
	int line;
};

struct manifest {
	char *path; /* "content/book.xml", for diagnostics */
	char *title, *subtitle, *creator, *publisher, *rights, *rights_url;
	char *identifier; /* "urn:uuid:..." */
	char *language; /* BCP 47 tag of the source text */
	char *description;
	struct manifest_chapter *chapters;
	int nchapters;
	struct manifest_link *links;
	int nlinks;
};

/*
 * Reads content_dir/book.xml. Reports every problem found through diag and
 * returns NULL if there was any; otherwise returns a manifest to be freed
 * with manifest_free.
 */
struct manifest *manifest_load(const char *content_dir);

void manifest_free(struct manifest *m);

/* The index of the chapter whose file name is file[0..len), or -1. */
int manifest_chapter_index(const struct manifest *m, const char *file,
    size_t len);

/* Returns 1 when name is a valid chapter file name: [a-z0-9-]+\.md. */
int manifest_valid_chapter_name(const char *name);

#endif
