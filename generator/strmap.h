/* A hash map from strings to ints: the one hash table of the generator. */
#ifndef GEN_STRMAP_H
#define GEN_STRMAP_H

#include <stddef.h>

/* Zero-initialise (struct strmap m = {0}); free with strmap_free. */
struct strmap {
	char **keys; /* owned copies; NULL marks a free slot */
	int *values;
	size_t nslots, count;
};

/*
 * The value of key, added with the value 0 when absent (*added is then 1
 * when added is not NULL). The pointer stays valid until the next call
 * that adds a key.
 */
int *strmap_put(struct strmap *m, const char *key, int *added);

/* The value of key, or NULL when absent. */
int *strmap_get(const struct strmap *m, const char *key);

void strmap_free(struct strmap *m);

#endif
