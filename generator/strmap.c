/* Open addressing with linear probing, at most half full. */
#include "strmap.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

static size_t
find(char *const *keys, size_t nslots, const char *key)
{
	size_t i = str_hash(key) & (nslots - 1);

	while (keys[i] && strcmp(keys[i], key) != 0)
		i = (i + 1) & (nslots - 1);
	return i;
}

static void
grow(struct strmap *m)
{
	char **keys = m->keys;
	int *values = m->values;
	size_t i, j, n = m->nslots;

	m->nslots = n ? n * 2 : 64;
	m->keys = xcalloc(m->nslots, sizeof(*m->keys));
	m->values = xcalloc(m->nslots, sizeof(*m->values));
	for (i = 0; i < n; i++)
		if (keys[i]) {
			j = find(m->keys, m->nslots, keys[i]);
			m->keys[j] = keys[i];
			m->values[j] = values[i];
		}
	free(keys);
	free(values);
}

int *
strmap_put(struct strmap *m, const char *key, int *added)
{
	size_t i;

	if ((m->count + 1) * 2 > m->nslots)
		grow(m);
	i = find(m->keys, m->nslots, key);
	if (added)
		*added = m->keys[i] == NULL;
	if (m->keys[i] == NULL) {
		m->keys[i] = xstrdup(key);
		m->values[i] = 0;
		m->count++;
	}
	return &m->values[i];
}

int *
strmap_get(const struct strmap *m, const char *key)
{
	size_t i;

	if (m->nslots == 0)
		return NULL;
	i = find(m->keys, m->nslots, key);
	return m->keys[i] ? &m->values[i] : NULL;
}

void
strmap_free(struct strmap *m)
{
	size_t i;

	for (i = 0; i < m->nslots; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->values);
	memset(m, 0, sizeof(*m));
}
