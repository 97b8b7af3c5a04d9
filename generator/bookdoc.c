/* Source book loading, link resolution and the per-locale book document. */
#include "bookdoc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/tree.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "catalog.h"
#include "bounds.h"
#include "diag.h"
#include "locale.h"
#include "segment.h"
#include "manifest.h"
#include "markdown.h"
#include "review.h"
#include "util.h"
#include "watchdog.h"

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

/* The heading whose id is id, under n and its following siblings. */
static xmlNode *
find_heading(xmlNode *n, const char *id)
{
	xmlNode *found = NULL;
	xmlChar *v;

	for (; n && !found; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (markdown_is_element(n, "heading")) {
			v = xmlGetProp(n, BAD_CAST "id");
			if (v && strcmp((const char *)v, id) == 0)
				found = n;
			xmlFree(v);
		} else
			found = find_heading(n->children, id);
	}
	return found;
}

static int
has_heading_id(xmlNode *n, const char *id)
{
	return find_heading(n, id) != NULL;
}

int
book_section_line(const struct book *b, int chapter, const char *id)
{
	xmlNode *h =
	    find_heading(xmlDocGetRootElement(b->chapters[chapter]), id);
	int line = 0, col;

	if (h)
		node_pos(h, &line, &col);
	return line;
}

/*
 * Finds the chapter (index) and anchor of an internal target "file.md#id",
 * "#id" (in chapter self) or "file.md". Returns the chapter index, or -1
 * after reporting at file:line:col.
 */
static int
resolve_target(const struct book *b, int self, const char *d,
    const char **anchor, const char *file, int line, int col)
{
	const struct manifest *m = b->manifest;
	const char *hash = strchr(d, '#');
	int target;

	if (hash == NULL)
		hash = d + strlen(d);
	target =
	    hash == d ? self : manifest_chapter_index(m, d, (size_t)(hash - d));
	if (target < 0) {
		diag(DIAG_ERROR, file, line, col,
		    "link to missing chapter '%.*s'", (int)(hash - d), d);
		return -1;
	}
	*anchor = *hash && hash[1] ? hash + 1 : NULL;
	if (*anchor &&
	    !has_heading_id(xmlDocGetRootElement(b->chapters[target]),
	        *anchor)) {
		diag(DIAG_ERROR, file, line, col,
		    "link to missing section '%s' in '%s'", *anchor,
		    m->chapters[target].file);
		return -1;
	}
	return target;
}

/* Checks one link and records its target as chapter + anchor or href. */
static void
resolve_link(struct book *b, int self, xmlNode *link)
{
	const struct manifest *m = b->manifest;
	xmlChar *dest = xmlGetProp(link, BAD_CAST "destination");
	const char *d = (const char *)dest, *anchor;
	char *file = xasprintf("%s/%s", b->content_dir, m->chapters[self].file);
	int line, col, target;

	node_pos(link, &line, &col);
	if (dest == NULL)
		goto out;
	if (markdown_link_kind(d) == LINK_EXTERNAL) {
		xmlNewProp(link, BAD_CAST "href", dest);
		goto out;
	}
	target = resolve_target(b, self, d, &anchor, file, line, col);
	if (target < 0)
		goto out;
	xmlNewProp(link, BAD_CAST "chapter", BAD_CAST m->chapters[target].id);
	if (anchor)
		xmlNewProp(link, BAD_CAST "anchor", BAD_CAST anchor);
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
		if (markdown_is_element(n, "link"))
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
		if (!markdown_is_element(n, "heading"))
			continue;
		level = xmlGetProp(n, BAD_CAST "level");
		if (level && strcmp((const char *)level, "1") == 0 && h1++) {
			node_pos(n, &line, &col);
			diag(DIAG_ERROR, file, line, col,
			    "a chapter has one level-1 heading, its title");
		}
		xmlFree(level);
	}
	if (first == NULL || h1 == 0 || !markdown_is_element(first, "heading"))
		diag(DIAG_ERROR, file, 1, 1,
		    "a chapter must begin with its title as a level-1 "
		    "heading ('# Title')");
}

static xmlDoc *
load_chapter(const char *content_dir, const struct manifest_chapter *c)
{
	char *path = xasprintf("%s/%s", content_dir, c->file);
	size_t len;
	char *text = file_read(path, CHAPTER_MAX_BYTES, &len);
	xmlDoc *doc = NULL;

	if (text == NULL) {
		diag_read_failed(path, "cannot read chapter",
		    CHAPTER_MAX_BYTES);
		goto out;
	}
	/* cmark cannot be cancelled: a chapter that takes too long stops the
	 * build (nothing has been written yet). */
	watchdog_start(path, WATCHDOG_PARSE_SECONDS);
	doc = markdown_parse(path, text, len);
	watchdog_stop();
	if (doc)
		check_structure(path, doc);
out:
	free(text);
	free(path);
	return doc;
}

/* Appends the units under n to list, in document order. */
static void
collect_unit_nodes(xmlNode *n, xmlNode ***list, int *count)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (segment_is_unit(n)) {
			*list = xrealloc(*list,
			    (size_t)(*count + 1) * sizeof(**list));
			(*list)[(*count)++] = n;
		} else
			collect_unit_nodes(n->children, list, count);
	}
}

/* Units with an empty msgid are kept (the order matches the tree) but
 * have no catalog entry. */
static void
add_unit(struct book *b, int chapter, int line, const char *kind, char *msgid)
{
	b->units =
	    xrealloc(b->units, (size_t)(b->nunits + 1) * sizeof(*b->units));
	b->units[b->nunits++] = (struct unit){chapter, line, kind, msgid};
}

static void
collect_units(struct book *b)
{
	/* The manifest's texts that a reader sees, in the template's order. */
	const char *meta[] = {b->manifest->title, b->manifest->subtitle,
	    b->manifest->description, b->manifest->rights,
	    b->manifest->creator};
	xmlNode **nodes = NULL;
	int i, k, n, line, col;

	for (i = 0; i < 5; i++)
		if (meta[i])
			add_unit(b, -1, 0, "book metadata", xstrdup(meta[i]));
	for (i = 0; i < b->manifest->nchapters; i++) {
		n = 0;
		collect_unit_nodes(xmlDocGetRootElement(b->chapters[i]), &nodes,
		    &n);
		for (k = 0; k < n; k++) {
			node_pos(nodes[k], &line, &col);
			if (line ==
			    0) /* diagram labels: their diagram's line */
				node_pos(nodes[k]->parent, &line, &col);
			add_unit(b, i, line, segment_kind(nodes[k]),
			    segment_msgid(nodes[k]));
		}
	}
	free(nodes);
}

/* Every placeholder="id" of a chapter names one of its sections. */
static void
check_placeholders(const struct book *b, int c)
{
	const struct manifest_chapter *mc = &b->manifest->chapters[c];
	int k;

	for (k = 0; k < mc->nplaceholders; k++)
		if (!has_heading_id(xmlDocGetRootElement(b->chapters[c]),
		        mc->placeholders[k]))
			diag(DIAG_ERROR, b->manifest->path, mc->line, 0,
			    "placeholder '%.64s': %s has no section with that "
			    "identifier",
			    mc->placeholders[k], mc->file);
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
	if (diag_errors() == before) {
		const char *anchor;
		for (i = 0; i < m->nchapters; i++)
			resolve_links(b, i,
			    xmlDocGetRootElement(b->chapters[i])->children);
		for (i = 0; i < m->nlinks; i++)
			resolve_target(b, -1, m->links[i].href, &anchor,
			    m->path, m->links[i].line, 0);
		for (i = 0; i < m->nchapters; i++)
			check_placeholders(b, i);
	}
	if (diag_errors() != before) {
		book_free(b);
		return NULL;
	}
	collect_units(b);
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
	for (i = 0; i < b->nunits; i++)
		free(b->units[i].msgid);
	free(b->units);
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
add_locale(xmlNode *parent, const struct locale_info *l,
    const struct manifest *m)
{
	xmlNode *n = xmlNewChild(parent, NULL, BAD_CAST "locale", NULL);
	char num[16], text[64];

	if (l->percent >= 0) {
		snprintf(num, sizeof(num), "%d", l->percent);
		xmlNewProp(n, BAD_CAST "percent", BAD_CAST num);
		locale_format_percent(l, l->percent, text, sizeof(text));
		xmlNewProp(n, BAD_CAST "percent-text", BAD_CAST text);
	}

	if (l->reviewed >= 0) {
		snprintf(num, sizeof(num), "%d", l->reviewed);
		xmlNewProp(n, BAD_CAST "reviewed", BAD_CAST num);
		locale_format_number(l, l->reviewed, text, sizeof(text));
		xmlNewProp(n, BAD_CAST "reviewed-text", BAD_CAST text);
		snprintf(num, sizeof(num), "%d", m->nchapters);
		xmlNewProp(n, BAD_CAST "chapters", BAD_CAST num);
		locale_format_number(l, m->nchapters, text, sizeof(text));
		xmlNewProp(n, BAD_CAST "chapters-text", BAD_CAST text);
	}
	xmlNewProp(n, BAD_CAST "tag", BAD_CAST l->tag);
	xmlNewProp(n, BAD_CAST "name", BAD_CAST l->name);
	xmlNewProp(n, BAD_CAST "english", BAD_CAST l->english);
	xmlNewProp(n, BAD_CAST "dir", BAD_CAST(l->rtl ? "rtl" : "ltr"));
	if (strcmp(l->tag, m->language) == 0)
		xmlNewProp(n, BAD_CAST "source", BAD_CAST "true");
	if (l->title[0])
		xmlNewProp(n, BAD_CAST "title", BAD_CAST l->title);
}

/* A text of the manifest in the locale's language, when translated. */
static const char *
tr(const struct catalog *cat, const char *s)
{
	const char *t = s && cat ? catalog_lookup(cat, NULL, s, NULL) : NULL;

	return t ? t : s;
}

/* <link rel="…" chapter="…" anchor="…"/> for the manifest's links. */
static void
add_meta_links(xmlNode *meta, const struct book *b)
{
	const struct manifest *m = b->manifest;
	const char *d, *hash;
	xmlNode *l;
	int i;

	for (i = 0; i < m->nlinks; i++) {
		d = m->links[i].href;
		hash = strchr(d, '#');
		l = xmlNewChild(meta, NULL, BAD_CAST "link", NULL);
		xmlNewProp(l, BAD_CAST "rel", BAD_CAST m->links[i].rel);
		xmlNewProp(l, BAD_CAST "chapter",
		    BAD_CAST m
		        ->chapters[manifest_chapter_index(m, d,
		            hash ? (size_t)(hash - d) : strlen(d))]
		        .id);
		if (hash && hash[1])
			xmlNewProp(l, BAD_CAST "anchor", BAD_CAST(hash + 1));
	}
}

static void
add_meta(xmlNode *root, const struct book *b, const struct catalog *cat,
    long long date)
{
	const struct manifest *m = b->manifest;
	xmlNode *meta = xmlNewChild(root, NULL, BAD_CAST "meta", NULL);
	time_t t = (time_t)date;
	struct tm tm;
	char stamp[32], day[16];

	gmtime_r(&t, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
	strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	add_text_child(meta, "title", tr(cat, m->title));
	add_text_child(meta, "subtitle", tr(cat, m->subtitle));
	add_text_child(meta, "creator", tr(cat, m->creator));
	add_text_child(meta, "publisher", m->publisher);
	add_text_child(meta, "rights", tr(cat, m->rights));
	add_text_child(meta, "rights-url", m->rights_url);
	add_text_child(meta, "identifier", m->identifier);
	add_text_child(meta, "description", tr(cat, m->description));
	add_text_child(meta, "modified", stamp);
	add_meta_links(meta, b);
	add_text_child(meta, "date", day);
}

/*
 * In right-to-left text, a run of left-to-right words (an acronym, a name,
 * a citation such as "Bowlby, 1969") is isolated in <ltr>, which themes
 * render as <bdi>, so that its punctuation and numbers stay in place.
 */
/* Adds a <text> holding s[0..len) after *at, and makes it the new *at. */
static void
add_text_after(xmlNode **at, const xmlChar *s, int32_t len, int ltr)
{
	xmlNode *t =
	    xmlNewDocNode((*at)->doc, (*at)->ns, BAD_CAST "text", NULL);
	xmlNode *node = t;

	xmlNodeAddContentLen(t, s, len);
	if (ltr) {
		node =
		    xmlNewDocNode((*at)->doc, (*at)->ns, BAD_CAST "ltr", NULL);
		xmlAddChild(node, t);
	}
	xmlAddNextSibling(*at, node);
	*at = node;
}

/* Depth of the brackets ( and [ in s[from..to). */
static int
bracket_depth(const uint8_t *s, int32_t from, int32_t to)
{
	int depth = 0;

	for (; from < to; from++)
		depth += (s[from] == '(' || s[from] == '[') -
		    (s[from] == ')' || s[from] == ']');
	return depth;
}

int
book_next_ltr_run(const uint8_t *s, int32_t from, int32_t n, int32_t *start,
    int32_t *end, int markdown)
{
	int32_t i = from, at;
	UChar32 c;
	UCharDirection d;
	int depth;

	*start = *end = -1;
	while (i < n) {
		at = i;
		U8_NEXT(s, i, n, c);
		d = c < 0 ? U_OTHER_NEUTRAL : u_charDirection(c);
		if (d == U_LEFT_TO_RIGHT) {
			if (*start < 0)
				*start = at;
			*end = i;
		} else if (d == U_EUROPEAN_NUMBER && *start >= 0)
			*end = i;
		else if ((d == U_RIGHT_TO_LEFT ||
		             d == U_RIGHT_TO_LEFT_ARABIC) &&
		    *start >= 0)
			break;
		else if (markdown && c == ' ' && *start >= 0 && i < n &&
		    (s[i] == '(' || s[i] == '[') &&
		    bracket_depth(s, *start, *end) <= 0)
			break;
	}
	if (*start < 0)
		return 0;
	if (!markdown)
		return 1;
	while (*start > from && strchr("0123456789+-.,:/#%([", s[*start - 1]))
		(*start)--;
	for (depth = bracket_depth(s, *start, *end);
	     depth > 0 && *end < n && (s[*end] == ')' || s[*end] == ']');
	     depth--)
		(*end)++;
	return 1;
}

/*
 * In right-to-left text, a run of left-to-right words (an acronym, a name,
 * a citation such as "Bowlby, 1969") is isolated in <ltr>, which themes
 * render as <bdi>, so that its punctuation and numbers stay in place.
 * One pass over the text: linear in its length, whatever the number of runs.
 */
static void
isolate_ltr(xmlNode *text)
{
	xmlChar *content = xmlNodeGetContent(text);
	const uint8_t *s = (const uint8_t *)content;
	int32_t n = (int32_t)strlen((const char *)content), pos, start, end;
	int32_t first_end = -1;
	xmlNode *at = text;

	for (pos = 0; book_next_ltr_run(s, pos, n, &start, &end, 0);
	     pos = end) {
		if (first_end < 0)
			first_end =
			    start; /* text keeps what precedes the first */
		else
			add_text_after(&at, content + pos, start - pos, 0);
		add_text_after(&at, content + start, end - start, 1);
	}
	if (first_end >= 0) {
		/* Empty <text> nodes between and after runs are kept: the
		 * book document has the same shape as it always had. */
		add_text_after(&at, content + pos, n - pos, 0);
		xmlNodeSetContentLen(text, content, first_end);
	}
	xmlFree(content);
}

static void
isolate_ltr_runs(xmlNode *n)
{
	xmlNode *next;

	for (; n; n = next) {
		next = n->next;
		if (n->type != XML_ELEMENT_NODE ||
		    markdown_is_element(n, "code") ||
		    markdown_is_element(n, "ltr"))
			continue;
		if (markdown_is_element(n, "text"))
			isolate_ltr(n);
		else
			isolate_ltr_runs(n->children);
	}
}

/*
 * Translates the units of one chapter's copy, which are the source's units
 * of that chapter in the same order (their msgids were made once, at load).
 * Returns how many were translated.
 */
static int
translate_chapter(const struct book *b, int chapter, xmlNode *copy,
    const struct catalog *cat, int rtl, int *nunits)
{
	const struct unit *u = b->units;
	xmlNode **nodes = NULL;
	const char *msgstr, *msgid;
	int n = 0, i, done = 0, line;

	while (u < b->units + b->nunits && u->chapter != chapter)
		u++;
	collect_unit_nodes(copy, &nodes, &n);
	for (i = 0; i < n; i++, u++) {
		/* Units with an empty msgid have no entry: they stay as they
		 * are. */
		msgid = u->msgid;
		if (*msgid) {
			msgstr = catalog_lookup(cat, NULL, msgid, &line);
			if (msgstr &&
			    segment_translate(nodes[i], msgstr,
			        catalog_path(cat), line) == 0) {
				done++;
				if (rtl)
					isolate_ltr_runs(nodes[i]->children);
			} else
				xmlNewProp(nodes[i], BAD_CAST "fallback",
				    BAD_CAST "true");
			(*nunits)++;
		}
	}
	free(nodes);
	return done;
}

/* The text of a level-2 heading, the key a sorted section is sorted by. */
struct section {
	xmlNode *first, *last;
	char *key;
	int order;
};

/* qsort_r comparator; ctx is the locale's collator. */
static int
by_collation(const void *a, const void *b, void *ctx)
{
	const struct section *x = a, *y = b;
	int c = locale_collate(ctx, x->key, y->key);

	return c ? c : x->order - y->order;
}

/* Puts the level-2 sections of a chapter (a glossary) in collation order. */
static void
sort_sections(xmlNode *document, const struct locale_info *loc)
{
	struct section *sec = NULL;
	struct locale_collator *collator;
	xmlNode *n, *next, *anchor = NULL;
	xmlChar *level;
	int count = 0, i, h2, end;

	for (n = document->children; n; n = n->next) {
		level = markdown_is_element(n, "heading") ?
		    xmlGetProp(n, BAD_CAST "level") :
		    NULL;
		h2 = level && strcmp((const char *)level, "2") == 0;
		xmlFree(level);
		if (h2) {
			sec = xrealloc(sec, (size_t)(count + 1) * sizeof(*sec));
			sec[count] = (struct section){n, n,
			    (char *)xmlNodeGetContent(n), count};
			count++;
		} else if (count)
			sec[count - 1].last = n;
		else
			anchor = n;
	}
	collator = locale_collator_new(loc);
	if (collator && count > 1) {
		qsort_r(sec, (size_t)count, sizeof(*sec), by_collation,
		    collator);
		for (i = 0; i < count; i++) {
			for (n = sec[i].first;; n = next) {
				next = n->next;
				end = n == sec[i].last;
				xmlUnlinkNode(n);
				if (anchor)
					xmlAddNextSibling(anchor, n);
				else
					xmlAddChild(document, n);
				anchor = n;
				if (end)
					break;
			}
		}
	}
	locale_collator_free(collator);
	for (i = 0; i < count; i++)
		xmlFree(sec[i].key);
	free(sec);
}

static void
set_int_prop(xmlNode *n, const char *name, int v)
{
	char num[16];

	snprintf(num, sizeof(num), "%d", v);
	xmlNewProp(n, BAD_CAST name, BAD_CAST num);
}

/*
 * The units of a placeholder section (from its heading to the next heading
 * of the same or a higher level) get placeholder="id": the theme marks
 * them (data-placeholder), and a release refuses pages that still show
 * them.
 */
static void
mark_placeholder(xmlNode *document, const char *id)
{
	xmlNode *h = find_heading(document->children, id), *n, **units = NULL;
	xmlChar *level, *lv;
	int count = 0, k, stop;

	if (h == NULL)
		return;
	level = xmlGetProp(h, BAD_CAST "level");
	for (n = h->next; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (markdown_is_element(n, "heading")) {
			lv = xmlGetProp(n, BAD_CAST "level");
			stop = lv && level &&
			    atoi((const char *)lv) <= atoi((const char *)level);
			xmlFree(lv);
			if (stop)
				break;
		}
		if (segment_is_unit(n)) {
			units = xrealloc(units,
			    (size_t)(count + 1) * sizeof(*units));
			units[count++] = n;
		} else
			collect_unit_nodes(n->children, &units, &count);
	}
	for (k = 0; k < count; k++)
		xmlSetProp(units[k], BAD_CAST "placeholder", BAD_CAST id);
	xmlFree(level);
	free(units);
}

/* review="draft|stale|reviewed" and, once reviewed, who, role and when. */
static void
add_review(xmlNode *ch, const struct locale_info *loc,
    const struct review_status *st)
{
	char text[128];

	xmlNewProp(ch, BAD_CAST "review",
	    BAD_CAST review_state_name(st->state));
	if (st->record == NULL)
		return;
	xmlNewProp(ch, BAD_CAST "review-by", BAD_CAST st->record->by);
	xmlNewProp(ch, BAD_CAST "review-role", BAD_CAST st->record->role);
	xmlNewProp(ch, BAD_CAST "review-date", BAD_CAST st->record->date);
	locale_format_date(loc, st->record->date, text, sizeof(text));
	xmlNewProp(ch, BAD_CAST "review-date-text", BAD_CAST text);
}

static void
add_chapter(xmlNode *root, const struct book *b, int i,
    const struct locale_info *loc, const struct catalog *cat,
    const struct review_status *reviews)
{
	const struct manifest_chapter *mc = &b->manifest->chapters[i];
	xmlNode *ch = xmlNewChild(root, NULL, BAD_CAST "chapter", NULL);
	xmlNode *copy =
	    xmlDocCopyNode(xmlDocGetRootElement(b->chapters[i]), root->doc, 1);
	int units = 0, done, percent, k;
	char text[64];

	xmlNewProp(ch, BAD_CAST "id", BAD_CAST mc->id);
	xmlNewProp(ch, BAD_CAST "file", BAD_CAST mc->file);
	set_int_prop(ch, "n", i + 1);
	if (mc->content_note)
		xmlNewProp(ch, BAD_CAST "content-note", BAD_CAST "yes");
	xmlAddChild(ch, copy);
	if (cat) {
		done = translate_chapter(b, i, copy, cat, loc->rtl, &units);
		percent = units ? done * 100 / units : 100;
		set_int_prop(ch, "units", units);
		set_int_prop(ch, "translated", done);
		set_int_prop(ch, "percent", percent);
		locale_format_percent(loc, percent, text, sizeof(text));
		xmlNewProp(ch, BAD_CAST "percent-text", BAD_CAST text);
	}
	if (cat && reviews)
		add_review(ch, loc, &reviews[i]);
	for (k = 0; k < mc->nplaceholders; k++)
		mark_placeholder(copy, mc->placeholders[k]);
	if (mc->safety_critical)
		xmlNewProp(ch, BAD_CAST "safety-critical", BAD_CAST "yes");
	if (mc->sort_sections)
		sort_sections(copy, loc);
}

struct locale_order {
	struct locale_collator *collator;
	const struct locale_info *all;
};

/* qsort_r comparator of indexes into ctx->all, by name. */
static int
by_locale_name(const void *a, const void *b, void *ctx)
{
	const struct locale_order *o = ctx;
	const struct locale_info *x = &o->all[*(const int *)a];
	const struct locale_info *y = &o->all[*(const int *)b];
	int c = locale_collate(o->collator, x->name, y->name);

	return c ? c : strcmp(x->tag, y->tag);
}

/* The language list in the collation order of the reader's language. */
static void
add_locales_sorted(xmlNode *list, const struct locale_info *loc,
    const struct locale_info *all, int nall, const struct manifest *m)
{
	int *order = xcalloc((size_t)nall + 1, sizeof(int)), i;
	struct locale_order o = {locale_collator_new(loc), all};

	for (i = 0; i < nall; i++)
		order[i] = i;
	if (o.collator)
		qsort_r(order, (size_t)nall, sizeof(int), by_locale_name, &o);
	locale_collator_free(o.collator);
	for (i = 0; i < nall; i++)
		add_locale(list, &all[order[i]], m);
	free(order);
}

xmlDoc *
book_document(const struct book *b, const struct locale_info *loc,
    const struct catalog *cat, const struct review_status *reviews,
    const struct locale_info *all, int nall, long long date)
{
	const struct manifest *m = b->manifest;
	xmlDoc *doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNode *root = xmlNewDocNode(doc, NULL, BAD_CAST "book", NULL);
	xmlNode *list;
	char name[192], source_id[96];
	int i;

	xmlDocSetRootElement(doc, root);
	xmlNewProp(root, BAD_CAST "lang", BAD_CAST loc->tag);
	xmlNewProp(root, BAD_CAST "dir", BAD_CAST(loc->rtl ? "rtl" : "ltr"));
	xmlNewProp(root, BAD_CAST "source-lang", BAD_CAST m->language);
	for (i = 0; i < nall; i++)
		if (strcmp(all[i].tag, m->language) == 0) {
			xmlNewProp(root, BAD_CAST "source-dir",
			    BAD_CAST(all[i].rtl ? "rtl" : "ltr"));
			strcpy(source_id, all[i].icu_id);
			if (locale_name_in(source_id, loc->icu_id, 1, name,
			        sizeof(name)) == 0)
				xmlNewProp(root, BAD_CAST "source-name",
				    BAD_CAST name);
		}
	xmlNewProp(root, BAD_CAST "generator",
	    BAD_CAST "handbook " HANDBOOK_VERSION);
	add_meta(root, b, cat, date);
	add_locale(root, loc, m);
	list = xmlNewChild(root, NULL, BAD_CAST "locales", NULL);
	add_locales_sorted(list, loc, all, nall, m);
	for (i = 0; i < m->nchapters; i++)
		add_chapter(root, b, i, loc, cat, reviews);
	return doc;
}

/* Counts each distinct msgid of list once. */
static void
count_unique(const struct catalog *cat, char **list, int n,
    struct book_stats *s)
{
	int i;

	qsort(list, (size_t)n, sizeof(*list), str_compare);
	for (i = 0; i < n; i++) {
		if (i && strcmp(list[i], list[i - 1]) == 0)
			continue;
		switch (catalog_state(cat, NULL, list[i])) {
		case CAT_TRANSLATED: s->translated++; break;
		case CAT_FUZZY: s->fuzzy++; break;
		default: s->untranslated++;
		}
	}
}

void
book_stats(const struct book *b, const struct catalog *cat, char *const *ui,
    int nui, struct book_stats *total, struct book_stats *per_chapter)
{
	char **list = xcalloc((size_t)(b->nunits + nui) + 1, sizeof(char *));
	int i, c, n = 0;

	memset(total, 0, sizeof(*total));
	for (i = 0; i < b->nunits; i++)
		if (*b->units[i].msgid)
			list[n++] = b->units[i].msgid;
	for (i = 0; i < nui; i++)
		list[n++] = ui[i];
	count_unique(cat, list, n, total);
	for (c = 0; per_chapter && c < b->manifest->nchapters; c++) {
		memset(&per_chapter[c], 0, sizeof(per_chapter[c]));
		for (i = n = 0; i < b->nunits; i++)
			if (b->units[i].chapter == c && *b->units[i].msgid)
				list[n++] = b->units[i].msgid;
		count_unique(cat, list, n, &per_chapter[c]);
	}
	free(list);
}

int
book_stats_percent(const struct book_stats *s)
{
	int all = s->translated + s->fuzzy + s->untranslated;

	return all ? s->translated * 100 / all : 100;
}
