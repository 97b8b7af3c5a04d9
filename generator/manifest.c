/* The manifest: book.xml gives the chapter order and the book's metadata. */
#include "manifest.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "bounds.h"
#include "diag.h"
#include "util.h"
#include "xmlsafe.h"

int
manifest_valid_chapter_name(const char *name)
{
	size_t n = strlen(name), i;

	if (n < 4 || n > 80 || !str_endswith(name, ".md"))
		return 0;
	for (i = 0; i < n - 3; i++) {
		char c = name[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		        c == '-'))
			return 0;
	}
	return name[0] != '-';
}

/* The element's text, white space collapsed: book.xml wraps freely. */
static char *
node_text(xmlNode *n)
{
	xmlChar *t = xmlNodeGetContent(n);
	struct buf b = {0};

	buf_addstr(&b, "");
	buf_add_collapsed(&b, t ? (const char *)t : "");
	buf_trim_end(&b);
	xmlFree(t);
	return b.data;
}

/* placeholder="local-contacts other-id": section ids, checked later
 * against the chapter's headings (book_load). */
static void
add_placeholders(struct manifest_chapter *c, const char *list)
{
	const char *p = list, *end;

	while (*p) {
		while (is_ascii_space(*p))
			p++;
		for (end = p; *end && !is_ascii_space(*end); end++)
			;
		if (end > p) {
			c->placeholders = xrealloc(c->placeholders,
			    (size_t)(c->nplaceholders + 1) * sizeof(char *));
			c->placeholders[c->nplaceholders++] =
			    xstrndup(p, (size_t)(end - p));
		}
		p = end;
	}
}

int
manifest_chapter_index(const struct manifest *m, const char *file, size_t len)
{
	int i;

	for (i = 0; i < m->nchapters; i++)
		if (strlen(m->chapters[i].file) == len &&
		    strncmp(m->chapters[i].file, file, len) == 0)
			return i;
	return -1;
}

static void
add_chapter(struct manifest *m, xmlNode *n, const char *content_dir)
{
	xmlChar *file = xmlGetProp(n, BAD_CAST "file"), *sort, *note, *v;
	int line = xmlGetLineNo(n), i;
	struct manifest_chapter *c;
	char *path;

	if (file == NULL) {
		diag(DIAG_ERROR, m->path, line, 0,
		    "<chapter> needs a 'file' attribute");
		return;
	}
	if (!manifest_valid_chapter_name((const char *)file)) {
		diag(DIAG_ERROR, m->path, line, 0,
		    "chapter file name '%s' must be letters a-z, digits and "
		    "hyphens ending in '.md', inside the content folder",
		    (const char *)file);
		goto out;
	}
	for (i = 0; i < m->nchapters; i++)
		if (strcmp(m->chapters[i].file, (const char *)file) == 0) {
			diag(DIAG_ERROR, m->path, line, 0,
			    "chapter '%s' is listed twice (first on line %d)",
			    (const char *)file, m->chapters[i].line);
			goto out;
		}
	path = xasprintf("%s/%s", content_dir, (const char *)file);
	if (access(path, R_OK) != 0)
		diag(DIAG_ERROR, m->path, line, 0, "missing chapter '%s': %s",
		    (const char *)file, strerror(errno));
	free(path);
	m->chapters = xrealloc(m->chapters,
	    (size_t)(m->nchapters + 1) * sizeof(*m->chapters));
	c = &m->chapters[m->nchapters++];
	memset(c, 0, sizeof(*c));
	c->file = xstrdup((const char *)file);
	c->id = xstrdup(c->file);
	c->id[strlen(c->id) - 3] = '\0';
	c->line = line;
	note = xmlGetProp(n, BAD_CAST "content-note");
	c->content_note = note && strcmp((const char *)note, "yes") == 0;
	xmlFree(note);
	v = xmlGetProp(n, BAD_CAST "safety-critical");
	c->safety_critical = v && strcmp((const char *)v, "yes") == 0;
	if (v && !c->safety_critical)
		diag(DIAG_ERROR, m->path, line, 0,
		    "safety-critical is 'yes' or absent, not '%.20s'",
		    (const char *)v);
	xmlFree(v);
	v = xmlGetProp(n, BAD_CAST "placeholder");
	if (v)
		add_placeholders(c, (const char *)v);
	xmlFree(v);
	sort = xmlGetProp(n, BAD_CAST "sort");
	if (sort && strcmp((const char *)sort, "sections") == 0)
		c->sort_sections = 1;
	else if (sort)
		diag(DIAG_ERROR, m->path, line, 0,
		    "unknown sort '%s' (the only one is 'sections')",
		    (const char *)sort);
	xmlFree(sort);
out:
	xmlFree(file);
}

static void
add_link(struct manifest *m, xmlNode *n)
{
	xmlChar *rel = xmlGetProp(n, BAD_CAST "rel");
	xmlChar *href = xmlGetProp(n, BAD_CAST "href");
	struct manifest_link *l;

	if (rel == NULL || href == NULL)
		diag(DIAG_ERROR, m->path, xmlGetLineNo(n), 0,
		    "<link> needs 'rel' and 'href' attributes");
	else {
		m->links = xrealloc(m->links,
		    (size_t)(m->nlinks + 1) * sizeof(*m->links));
		l = &m->links[m->nlinks++];
		l->rel = xstrdup((const char *)rel);
		l->href = xstrdup((const char *)href);
		l->line = xmlGetLineNo(n);
	}
	xmlFree(rel);
	xmlFree(href);
}

static char **
field(struct manifest *m, const char *name)
{
	static const char *const names[] = {"title", "subtitle", "creator",
	    "publisher", "rights", "rights-url", "identifier", "language",
	    "description"};
	char **slots[] = {&m->title, &m->subtitle, &m->creator, &m->publisher,
	    &m->rights, &m->rights_url, &m->identifier, &m->language,
	    &m->description};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(name, names[i]) == 0)
			return slots[i];
	return NULL;
}

static int
valid_uuid_urn(const char *s)
{
	const char *u = s + 9;
	int i;

	if (strncmp(s, "urn:uuid:", 9) != 0 || strlen(u) != 36)
		return 0;
	for (i = 0; i < 36; i++) {
		int dash = i == 8 || i == 13 || i == 18 || i == 23;
		if (dash ? u[i] != '-' : !strchr("0123456789abcdef", u[i]))
			return 0;
	}
	return 1;
}

static void
read_book(struct manifest *m, xmlNode *root, const char *content_dir)
{
	xmlNode *n, *c;
	char **slot;

	for (n = root->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)n->name, "chapters") == 0) {
			for (c = n->children; c; c = c->next) {
				if (c->type != XML_ELEMENT_NODE)
					continue;
				if (strcmp((const char *)c->name, "chapter"))
					diag(DIAG_ERROR, m->path,
					    xmlGetLineNo(c), 0,
					    "unexpected <%s> in <chapters>",
					    (const char *)c->name);
				else
					add_chapter(m, c, content_dir);
			}
			continue;
		}
		if (strcmp((const char *)n->name, "link") == 0) {
			add_link(m, n);
			continue;
		}
		slot = field(m, (const char *)n->name);
		if (slot == NULL) {
			diag(DIAG_ERROR, m->path, xmlGetLineNo(n), 0,
			    "unknown element <%s>", (const char *)n->name);
			continue;
		}
		if (*slot != NULL)
			diag(DIAG_ERROR, m->path, xmlGetLineNo(n), 0,
			    "<%s> given twice", (const char *)n->name);
		free(*slot);
		*slot = node_text(n);
	}
}

static void
check_required(struct manifest *m)
{
	if (m->title == NULL || *m->title == '\0')
		diag(DIAG_ERROR, m->path, 0, 0, "the book needs a <title>");
	if (m->language == NULL)
		diag(DIAG_ERROR, m->path, 0, 0,
		    "the book needs a <language> (the source text's BCP 47 "
		    "tag, for example 'en')");
	if (m->rights == NULL)
		diag(DIAG_ERROR, m->path, 0, 0,
		    "the book needs <rights> (the text's licence)");
	if (m->identifier == NULL || !valid_uuid_urn(m->identifier))
		diag(DIAG_ERROR, m->path, 0, 0,
		    "the book needs an <identifier> of the form "
		    "'urn:uuid:xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx' (lower "
		    "case), which never changes");
	if (m->nchapters == 0)
		diag(DIAG_ERROR, m->path, 0, 0, "the book lists no chapters");
	if (m->creator == NULL)
		m->creator = xstrdup(m->title ? m->title : "");
}

struct manifest *
manifest_load(const char *content_dir)
{
	struct manifest *m = xcalloc(1, sizeof(*m));
	int before = diag_errors();
	xmlDoc *doc;
	xmlNode *root;

	m->path = xasprintf("%s/book.xml", content_dir);
	doc = xmlsafe_read_file(m->path, MANIFEST_MAX_BYTES);
	if (doc == NULL)
		goto fail;
	root = xmlDocGetRootElement(doc);
	if (root == NULL || strcmp((const char *)root->name, "book") != 0 ||
	    root->ns != NULL)
		diag(DIAG_ERROR, m->path, root ? xmlGetLineNo(root) : 0, 0,
		    "the root element must be <book>");
	else
		read_book(m, root, content_dir);
	xmlFreeDoc(doc);
	check_required(m);
	if (diag_errors() == before)
		return m;
fail:
	manifest_free(m);
	return NULL;
}

void
manifest_free(struct manifest *m)
{
	int i;

	if (m == NULL)
		return;
	for (i = 0; i < m->nchapters; i++) {
		free(m->chapters[i].file);
		free(m->chapters[i].id);
		strings_free(m->chapters[i].placeholders,
		    (size_t)m->chapters[i].nplaceholders);
	}
	free(m->chapters);
	for (i = 0; i < m->nlinks; i++) {
		free(m->links[i].rel);
		free(m->links[i].href);
	}
	free(m->links);
	free(m->path);
	free(m->title);
	free(m->subtitle);
	free(m->creator);
	free(m->publisher);
	free(m->rights);
	free(m->rights_url);
	free(m->identifier);
	free(m->language);
	free(m->description);
	free(m);
}
