/* Offline search: ICU tokenizer and the per-locale index, a JavaScript file. */
#ifndef GEN_SEARCH_H
#define GEN_SEARCH_H

#include <stddef.h>
#include <libxml/tree.h>

struct locale_info;

/*
 * Splits text into search tokens the way search.js does in the browser:
 * NFKC, lower case, accents removed from Latin, Greek and Cyrillic letters,
 * Arabic diacritics, tatweel and ZWNJ removed, alef forms unified, Arabic
 * yeh and alef maksura as Persian yeh, Arabic kaf as keheh, ICU
 * word boundaries for the locale, runs of Chinese and Japanese characters
 * as overlapping pairs. Calls add(token, arg) for each token in order.
 */
void search_tokenize(const char *text, const char *icu_locale,
    void (*add)(const char *token, void *arg), void *arg);

/*
 * search_tokenize keeps one word-break iterator between calls (not
 * reentrant: add must not call it); this frees it.
 */
void search_cleanup(void);

/*
 * Builds the search index of a book document (its sections, titles, text
 * and postings) as a JavaScript file that sets window.hbSearchIndex.
 * Returns a malloc'd buffer and its length in *len.
 */
char *search_index_js(xmlDoc *book, const struct locale_info *loc, size_t *len);

/*
 * Writes test vectors as JSON: for each paragraph of the book and a few
 * fixed strings, the text and its expected tokens, so that a browser test
 * can check that search.js tokenizes exactly as the index does.
 */
char *search_vectors_json(xmlDoc *book, const struct locale_info *loc,
    size_t *len);

#endif
