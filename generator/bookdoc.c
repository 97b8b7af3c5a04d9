/* Source book loading, link resolution and the per-locale book document. */
#include "bookdoc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/tree.h>

#include "diag.h"
#include "locale.h"
#include "manifest.h"
#include "markdown.h"
#include "util.h"

static int
is_cm(xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns &&
	       strcmp((const char *)n->ns->href, CM_NS) == 0 &&
	       strcmp((const char *)n->name, name) == 0;
}

/* Line and column from the "sourcepos" attribute of an element. */
static void
node_pos(xmlNode *n, int *line, int *col)
{
	xmlChar *pos = xmlGetProp(n, BAD_CAST "sourcepos");

	*line = *col = 0;
	if (pos)
		sscanf((const char *)pos, "%d:%d", line, col);
	xmlFree(pos);
}

static int
chapter_index(const struct manifest *m, const char *file, size_t len)
{
	int i;

	for (i = 0; i < m->nchapters; i++)
		if (strlen(m->chapters[i].file) == len &&
		    strncmp(m->chapters[i].file, file, len) == 0)
			return i;
	return -1;
}

static int
has_heading_id(xmlNode *n, const char *id)
{
	xmlChar *v;
	int found = 0;

	for (; n && !found; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (is_cm(n, "heading")) {
			v = xmlGetProp(n, BAD_CAST "id");
			found = v && strcmp((const char *)v, id) == 0;
			xmlFree(v);
		} else
			found = has_heading_id(n->children, id);
	}
	return found;
}

/* Checks one link and records its target as chapter + anchor or href. */
static void
resolve_link(struct book *b, int self, xmlNode *link)
{
	const struct manifest *m = b->manifest;
	xmlChar *dest = xmlGetProp(link, BAD_CAST "destination");
	const char *d = (const char *)dest, *hash;
	char *file = xasprintf("%s/%s", b->content_dir, m->chapters[self].file);
	int line, col, target;

	node_pos(link, &line, &col);
	if (dest == NULL)
		goto out;
	if (markdown_link_kind(d) == LINK_EXTERNAL) {
		xmlNewProp(link, BAD_CAST "href", dest);
		goto out;
	}
	hash = strchr(d, '#');
	if (hash == NULL)
		hash = d + strlen(d);
	target = hash == d ? self : chapter_index(m, d, (size_t)(hash - d));
	if (target < 0) {
		diag(DIAG_ERROR, file, line, col,
		    "link to missing chapter '%.*s'", (int)(hash - d), d);
		goto out;
	}
	if (*hash && hash[1] &&
	    !has_heading_id(xmlDocGetRootElement(b->chapters[target]),
		hash + 1)) {
		diag(DIAG_ERROR, file, line, col,
		    "link to missing section '%s' in '%s'", hash + 1,
		    m->chapters[target].file);
		goto out;
	}
	xmlNewProp(link, BAD_CAST "chapter", BAD_CAST m->chapters[target].id);
	if (*hash && hash[1])
		xmlNewProp(link, BAD_CAST "anchor", BAD_CAST(hash + 1));
out:
	free(file);
	xmlFree(dest);
}

static void
resolve_links(struct book *b, int self, xmlNode *n)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (is_cm(n, "link"))
			resolve_link(b, self, n);
		resolve_links(b, self, n->children);
	}
}

/* A chapter opens with its title, the only level-1 heading. */
static void
check_structure(const char *file, xmlDoc *doc)
{
	xmlNode *root = xmlDocGetRootElement(doc), *n, *first = NULL;
	xmlChar *level;
	int line, col, h1 = 0;

	for (n = root->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (first == NULL)
			first = n;
		if (!is_cm(n, "heading"))
			continue;
		level = xmlGetProp(n, BAD_CAST "level");
		if (level && strcmp((const char *)level, "1") == 0 && h1++) {
			node_pos(n, &line, &col);
			diag(DIAG_ERROR, file, line, col,
			    "a chapter has one level-1 heading, its title");
		}
		xmlFree(level);
	}
	if (first == NULL || h1 == 0 || !is_cm(first, "heading"))
		diag(DIAG_ERROR, file, 1, 1,
		    "a chapter must begin with its title as a level-1 "
		    "heading ('# Title')");
}

static xmlDoc *
load_chapter(const char *content_dir, const struct manifest_chapter *c)
{
	char *path = xasprintf("%s/%s", content_dir, c->file);
	size_t len;
	char *text = file_read(path, MARKDOWN_MAX_BYTES, &len);
	xmlDoc *doc = NULL;

	if (text == NULL) {
		diag(DIAG_ERROR, path, 0, 0, "cannot read chapter: %s",
		    errno == EFBIG ? "larger than 2 MB" : strerror(errno));
		goto out;
	}
	doc = markdown_parse(path, text, len);
	if (doc)
		check_structure(path, doc);
out:
	free(text);
	free(path);
	return doc;
}

struct book *
book_load(const char *content_dir)
{
	struct book *b;
	int i, before = diag_errors();
	struct manifest *m = manifest_load(content_dir);

	if (m == NULL)
		return NULL;
	b = xcalloc(1, sizeof(*b));
	b->manifest = m;
	b->content_dir = xstrdup(content_dir);
	b->chapters = xcalloc((size_t)m->nchapters, sizeof(xmlDoc *));
	for (i = 0; i < m->nchapters; i++)
		b->chapters[i] = load_chapter(content_dir, &m->chapters[i]);
	if (diag_errors() == before)
		for (i = 0; i < m->nchapters; i++)
			resolve_links(b, i,
			    xmlDocGetRootElement(b->chapters[i])->children);
	if (diag_errors() != before) {
		book_free(b);
		return NULL;
	}
	return b;
}

void
book_free(struct book *b)
{
	int i;

	if (b == NULL)
		return;
	for (i = 0; i < b->manifest->nchapters; i++)
		xmlFreeDoc(b->chapters[i]);
	free(b->chapters);
	free(b->content_dir);
	manifest_free(b->manifest);
	free(b);
}

static void
add_text_child(xmlNode *parent, const char *name, const char *value)
{
	if (value)
		xmlNewTextChild(parent, NULL, BAD_CAST name, BAD_CAST value);
}

static void
add_locale(xmlNode *parent, const struct locale_info *l, const char *source)
{
	xmlNode *n = xmlNewChild(parent, NULL, BAD_CAST "locale", NULL);

	xmlNewProp(n, BAD_CAST "tag", BAD_CAST l->tag);
	xmlNewProp(n, BAD_CAST "name", BAD_CAST l->name);
	xmlNewProp(n, BAD_CAST "english", BAD_CAST l->english);
	xmlNewProp(n, BAD_CAST "dir", BAD_CAST(l->rtl ? "rtl" : "ltr"));
	if (strcmp(l->tag, source) == 0)
		xmlNewProp(n, BAD_CAST "source", BAD_CAST "true");
}

static void
add_meta(xmlNode *root, const struct manifest *m, long long date)
{
	xmlNode *meta = xmlNewChild(root, NULL, BAD_CAST "meta", NULL);
	time_t t = (time_t)date;
	struct tm tm;
	char stamp[32], day[16];

	gmtime_r(&t, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
	strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	add_text_child(meta, "title", m->title);
	add_text_child(meta, "subtitle", m->subtitle);
	add_text_child(meta, "creator", m->creator);
	add_text_child(meta, "publisher", m->publisher);
	add_text_child(meta, "rights", m->rights);
	add_text_child(meta, "rights-url", m->rights_url);
	add_text_child(meta, "identifier", m->identifier);
	add_text_child(meta, "description", m->description);
	add_text_child(meta, "modified", stamp);
	add_text_child(meta, "date", day);
}

xmlDoc *
book_document(const struct book *b, const struct locale_info *loc,
    const struct locale_info *all, int nall, long long date)
{
	const struct manifest *m = b->manifest;
	xmlDoc *doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNode *root = xmlNewDocNode(doc, NULL, BAD_CAST "book", NULL);
	xmlNode *list, *ch, *copy;
	char num[16];
	int i;

	xmlDocSetRootElement(doc, root);
	xmlNewProp(root, BAD_CAST "lang", BAD_CAST loc->tag);
	xmlNewProp(root, BAD_CAST "dir", BAD_CAST(loc->rtl ? "rtl" : "ltr"));
	xmlNewProp(root, BAD_CAST "source-lang", BAD_CAST m->language);
	xmlNewProp(root, BAD_CAST "generator",
	    BAD_CAST "handbook " HANDBOOK_VERSION);
	add_meta(root, m, date);
	add_locale(root, loc, m->language);
	list = xmlNewChild(root, NULL, BAD_CAST "locales", NULL);
	for (i = 0; i < nall; i++)
		add_locale(list, &all[i], m->language);
	for (i = 0; i < m->nchapters; i++) {
		ch = xmlNewChild(root, NULL, BAD_CAST "chapter", NULL);
		xmlNewProp(ch, BAD_CAST "id", BAD_CAST m->chapters[i].id);
		xmlNewProp(ch, BAD_CAST "file", BAD_CAST m->chapters[i].file);
		snprintf(num, sizeof(num), "%d", i + 1);
		xmlNewProp(ch, BAD_CAST "n", BAD_CAST num);
		copy = xmlDocCopyNode(xmlDocGetRootElement(b->chapters[i]), doc,
		    1);
		xmlAddChild(ch, copy);
	}
	return doc;
}
