/*
 * The bilingual review edition (handbook review TAG): a review document
 * built here from the book's units, the catalog (every entry, with its
 * line, state and translator comments), the review trail and the
 * terminology note; the theme's part 'review' lays it out for print.
 */
#include "review_edition.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <libxml/HTMLparser.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "bounds.h"
#include "diag.h"
#include "manifest.h"
#include "markdown.h"
#include "output.h"
#include "strmap.h"
#include "util.h"

static void
set_int(xmlNode *n, const char *name, int v)
{
	char num[16];

	snprintf(num, sizeof(num), "%d", v);
	xmlNewProp(n, BAD_CAST name, BAD_CAST num);
}

/* Counts of the distinct units of a chapter, by state. */
struct counts {
	int units, translated, fuzzy, untranslated;
};

static void
set_counts(xmlNode *n, const struct counts *c)
{
	set_int(n, "units", c->units);
	set_int(n, "translated", c->translated);
	set_int(n, "fuzzy", c->fuzzy);
	set_int(n, "untranslated", c->untranslated);
}

static const char *
state_name(enum catalog_state s)
{
	return s == CAT_TRANSLATED ? "translated" :
	    s == CAT_FUZZY         ? "fuzzy" :
	                             "untranslated";
}

/* Comments as libgettextpo gives them, one line each, without the final
 * newline. */
static void
add_comment(xmlNode *unit, const char *name, const char *text)
{
	char *s;
	size_t len = strlen(text);

	while (len && text[len - 1] == '\n')
		len--;
	if (len == 0)
		return;
	s = xstrndup(text, len);
	xmlNewTextChild(unit, NULL, BAD_CAST name, BAD_CAST s);
	free(s);
}

/*
 * <name>s</name> under parent. In a right-to-left translation each
 * left-to-right run (a citation, a link target, a name) is an <ltr> child,
 * which the theme isolates, so that "(Bowlby, 1973)." and the Markdown of
 * a link keep their order at a line start; the characters are unchanged.
 */
static void
add_text(xmlNode *parent, const char *name, const char *s, int rtl)
{
	xmlNode *x = xmlNewChild(parent, NULL, BAD_CAST name, NULL);
	const uint8_t *u = (const uint8_t *)s;
	int32_t n = (int32_t)strlen(s), pos = 0, start, end;

	while (rtl && book_next_ltr_run(u, pos, n, &start, &end, 1)) {
		xmlAddChild(x,
		    xmlNewDocTextLen(x->doc, BAD_CAST(s + pos), start - pos));
		xmlAddChild(xmlNewChild(x, NULL, BAD_CAST "ltr", NULL),
		    xmlNewDocTextLen(x->doc, BAD_CAST(s + start), end - start));
		pos = end;
	}
	xmlAddChild(x, xmlNewDocTextLen(x->doc, BAD_CAST(s + pos), n - pos));
}

/*
 * One <unit> for u: its source, the catalog's entry (translated, fuzzy or
 * absent) with its line and the translator's comments.
 */
static xmlNode *
add_unit(xmlNode *parent, const struct unit *u, const struct catalog *cat,
    int rtl, int n, struct counts *counts)
{
	xmlNode *x = xmlNewChild(parent, NULL, BAD_CAST "unit", NULL);
	struct catalog_entry e;

	catalog_entry(cat, NULL, u->msgid, &e);
	set_int(x, "n", n);
	xmlNewProp(x, BAD_CAST "kind", BAD_CAST u->kind);
	if (u->chapter >= 0)
		set_int(x, "source-line", u->line);
	if (e.line)
		set_int(x, "po-line", e.line);
	xmlNewProp(x, BAD_CAST "state", BAD_CAST state_name(e.state));
	/* Text nodes: the reviewer sees the Markdown exactly as the
	 * translator does, never rendered. */
	xmlNewTextChild(x, NULL, BAD_CAST "source", BAD_CAST u->msgid);
	add_text(x, "translation", e.msgstr, rtl);
	add_comment(x, "note", e.comments);
	add_comment(x, "extracted", e.extracted);
	counts->units++;
	counts->translated += e.state == CAT_TRANSLATED;
	counts->fuzzy += e.state == CAT_FUZZY;
	counts->untranslated += e.state == CAT_UNTRANSLATED;
	return x;
}

/*
 * The units of chapter c (-1: the book's metadata) under parent, each
 * distinct msgid once; a repeat adds its line to also-lines.
 */
static void
add_units(xmlNode *parent, const struct book *b, const struct catalog *cat,
    int rtl, int c, struct counts *counts)
{
	struct strmap seen = {0};
	xmlNode **nodes = NULL;
	xmlChar *also;
	char *lines;
	int i, n = 0, added, *at;

	memset(counts, 0, sizeof(*counts));
	for (i = 0; i < b->nunits; i++) {
		const struct unit *u = &b->units[i];

		if (u->chapter != c || *u->msgid == '\0')
			continue;
		at = strmap_put(&seen, u->msgid, &added);
		if (added) {
			nodes =
			    xrealloc(nodes, (size_t)(n + 1) * sizeof(*nodes));
			nodes[n] = add_unit(parent, u, cat, rtl, n + 1, counts);
			*at = n++;
			continue;
		}
		if (c < 0)
			continue;
		also = xmlGetProp(nodes[*at], BAD_CAST "also-lines");
		lines = also ? xasprintf("%s %d", (const char *)also, u->line) :
		               xasprintf("%d", u->line);
		xmlSetProp(nodes[*at], BAD_CAST "also-lines", BAD_CAST lines);
		free(lines);
		xmlFree(also);
	}
	free(nodes);
	strmap_free(&seen);
}

/* The msgid of chapter c's title (its level-1 heading), or NULL. */
static const char *
chapter_title(const struct book *b, int c)
{
	int i;

	for (i = 0; i < b->nunits; i++)
		if (b->units[i].chapter == c &&
		    strcmp(b->units[i].kind, "chapter title") == 0)
			return b->units[i].msgid;
	return NULL;
}

static void
add_chapter(xmlNode *root, const struct book *b, const struct catalog *cat,
    int rtl, const struct review_status *st, int c, struct counts *total)
{
	const struct manifest_chapter *mc = &b->manifest->chapters[c];
	xmlNode *ch = xmlNewChild(root, NULL, BAD_CAST "chapter", NULL);
	const char *title = chapter_title(b, c), *tr;
	struct counts counts;

	xmlNewProp(ch, BAD_CAST "id", BAD_CAST mc->id);
	xmlNewProp(ch, BAD_CAST "file", BAD_CAST mc->file);
	set_int(ch, "n", c + 1);
	xmlNewProp(ch, BAD_CAST "state", BAD_CAST review_state_name(st->state));
	if (st->record) {
		xmlNewProp(ch, BAD_CAST "by", BAD_CAST st->record->by);
		xmlNewProp(ch, BAD_CAST "role", BAD_CAST st->record->role);
		xmlNewProp(ch, BAD_CAST "date", BAD_CAST st->record->date);
	}
	if (mc->safety_critical)
		xmlNewProp(ch, BAD_CAST "safety-critical", BAD_CAST "yes");
	xmlNewProp(ch, BAD_CAST "title-source",
	    BAD_CAST(title ? title : mc->file));
	tr = title ? catalog_lookup(cat, NULL, title, NULL) : NULL;
	if (tr)
		xmlNewProp(ch, BAD_CAST "title-translation", BAD_CAST tr);
	add_units(ch, b, cat, rtl, c, &counts);
	set_counts(ch, &counts);
	total->units += counts.units;
	total->translated += counts.translated;
	total->fuzzy += counts.fuzzy;
	total->untranslated += counts.untranslated;
}

/*
 * The terminology note, Markdown rendered by cmark-gfm (tables on) in its
 * safe mode, which drops raw HTML and unsafe link targets, then parsed
 * with libxml2's HTML parser (no network) into <terminology>.
 */
static int
add_terminology(xmlNode *root, const char *path)
{
	xmlNode *t = xmlNewChild(root, NULL, BAD_CAST "terminology", NULL);
	cmark_parser *parser;
	cmark_node *tree;
	htmlDocPtr html;
	xmlNode *body, *n;
	char *text, *out;
	size_t len;

	xmlNewProp(t, BAD_CAST "path", BAD_CAST path);
	/* Notes are chapter-sized, and cmark's memory grows as for one. */
	text = file_read(path, CHAPTER_MAX_BYTES, &len);
	if (text == NULL) {
		if (errno == ENOENT) {
			xmlNewProp(t, BAD_CAST "missing", BAD_CAST "yes");
			return 0;
		}
		return diag_read_failed(path, "terminology note",
		    CHAPTER_MAX_BYTES);
	}
	if (markdown_check_text(path, text, len) < 0) {
		free(text);
		return -1;
	}
	parser = cmark_parser_new(CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8);
	cmark_parser_attach_syntax_extension(parser,
	    cmark_find_syntax_extension("table"));
	cmark_parser_feed(parser, text, len);
	tree = cmark_parser_finish(parser);
	/* Without CMARK_OPT_UNSAFE: raw HTML becomes a comment and
	 * javascript: or data: links become empty. */
	out = cmark_render_html(tree, CMARK_OPT_DEFAULT,
	    cmark_parser_get_syntax_extensions(parser));
	html = htmlReadMemory(out, (int)strlen(out), NULL, "UTF-8",
	    HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	body = NULL;
	for (n = html ? xmlDocGetRootElement(html) : NULL; n; n = n->children)
		if (n->type == XML_ELEMENT_NODE &&
		    xmlStrcasecmp(n->name, BAD_CAST "body") == 0) {
			body = n;
			break;
		} else if (n->type == XML_ELEMENT_NODE &&
		    xmlStrcasecmp(n->name, BAD_CAST "html") != 0)
			break;
	for (n = body ? body->children : NULL; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			xmlAddChild(t, xmlDocCopyNode(n, root->doc, 1));
	xmlFreeDoc(html);
	free(out);
	cmark_node_free(tree);
	cmark_parser_free(parser);
	free(text);
	return 0;
}

xmlDoc *
review_edition_document(const struct session *s, int locale,
    const char *terminology, long long date)
{
	const struct book *b = s->book;
	const struct manifest *m = b->manifest;
	const struct locale_info *loc = &s->all[locale];
	const struct catalog *cat = s->cats[locale];
	xmlDoc *doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNode *root = xmlNewDocNode(doc, NULL, BAD_CAST "review", NULL);
	xmlNode *summary, *meta;
	struct counts total = {0}, counts;
	time_t t = (time_t)date;
	struct tm tm;
	char day[16], *approve;
	int c;

	xmlDocSetRootElement(doc, root);
	gmtime_r(&t, &tm);
	strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	xmlNewProp(root, BAD_CAST "lang", BAD_CAST loc->tag);
	xmlNewProp(root, BAD_CAST "dir", BAD_CAST(loc->rtl ? "rtl" : "ltr"));
	xmlNewProp(root, BAD_CAST "source-lang", BAD_CAST m->language);
	xmlNewProp(root, BAD_CAST "name", BAD_CAST loc->name);
	xmlNewProp(root, BAD_CAST "english", BAD_CAST loc->english);
	xmlNewProp(root, BAD_CAST "date", BAD_CAST day);
	xmlNewProp(root, BAD_CAST "po", BAD_CAST catalog_path(cat));
	xmlNewProp(root, BAD_CAST "manifest", BAD_CAST m->path);
	xmlNewProp(root, BAD_CAST "content", BAD_CAST b->content_dir);
	xmlNewProp(root, BAD_CAST "title", BAD_CAST m->title);
	xmlNewProp(root, BAD_CAST "generator",
	    BAD_CAST "handbook " HANDBOOK_VERSION);
	summary = xmlNewChild(root, NULL, BAD_CAST "summary", NULL);
	if (add_terminology(root, terminology) < 0) {
		xmlFreeDoc(doc);
		return NULL;
	}
	meta = xmlNewChild(root, NULL, BAD_CAST "metadata", NULL);
	xmlNewProp(meta, BAD_CAST "file", BAD_CAST m->path);
	add_units(meta, b, cat, loc->rtl, -1, &counts);
	set_counts(meta, &counts);
	for (c = 0; c < m->nchapters; c++)
		add_chapter(root, b, cat, loc->rtl, &s->status[locale][c], c,
		    &total);
	total.units += counts.units;
	total.translated += counts.translated;
	total.fuzzy += counts.fuzzy;
	total.untranslated += counts.untranslated;
	set_counts(summary, &total);
	set_int(summary, "reviewed", loc->reviewed);
	set_int(summary, "chapters", m->nchapters);
	approve = xasprintf("handbook review %s --approve CHAPTER --by NAME "
	                    "--role ROLE",
	    loc->tag);
	xmlNewProp(summary, BAD_CAST "approve", BAD_CAST approve);
	free(approve);
	return doc;
}

int
review_edition_write(const struct build_options *opt, struct session *s)
{
	const char *params[] = {"part", "review", NULL};
	struct theme_result res;
	char *terminology, *dir;
	long long date;
	xmlDoc *doc;
	int i, rc = 0, written = 0;

	if (diag_errors() || build_date(s->book, &date) < 0)
		return 1;
	if ((i = session_selected_catalog(opt, s, "review")) < 0)
		return 1;
	terminology =
	    xasprintf("%s/terminology/%s.md", opt->translations, s->all[i].tag);
	doc = review_edition_document(s, i, terminology, date);
	free(terminology);
	if (doc == NULL)
		return 1;
	/* No UI catalog: the edition's own words stay in English, for
	 * reviewers who read both languages (review.xsl uses no hb:t). */
	if (theme_apply(s->theme, doc, params, NULL, &res) < 0) {
		xmlFreeDoc(doc);
		return 1;
	}
	xmlFreeDoc(doc);
	dir = xasprintf("%s/review", opt->output);
	for (i = 0; i < res.nfiles; i++) {
		if (res.files[i].target != TARGET_ROOT)
			continue;
		if (output_replace_file(dir, res.files[i].path,
		        res.files[i].data, res.files[i].len) < 0)
			rc = 1;
		else {
			printf("%s/%s\n", dir, res.files[i].path);
			written++;
		}
	}
	if (written == 0 && rc == 0) {
		diag_err("review: the theme wrote no review edition (it has no "
		         "part 'review', see themes/README.md)");
		rc = 1;
	}
	free(dir);
	theme_result_free(&res);
	return rc || diag_errors() ? 1 : 0;
}
