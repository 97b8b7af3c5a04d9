/*
 * Units of translation. A unit's msgid is its inline Markdown written back
 * from the tree (not sliced from the file), so it is the same however the
 * source was wrapped, and its translation is parsed back into a tree that
 * may only use the link targets and footnotes of the source.
 */
#include "segment.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "markdown.h"
#include "util.h"

int
segment_is_unit(xmlNode *n)
{
	return markdown_is_element(n, "paragraph") ||
	    markdown_is_element(n, "heading") ||
	    markdown_is_element(n, "table_cell") ||
	    (markdown_is_element(n, "label") &&
	        markdown_is_element(n->parent, "diagram"));
}

const char *
segment_kind(xmlNode *n)
{
	xmlNode *p = n->parent;

	if (markdown_is_element(n, "heading")) {
		xmlChar *level = xmlGetProp(n, BAD_CAST "level");
		int title = level && strcmp((const char *)level, "1") == 0;
		xmlFree(level);
		return title ? "chapter title" : "heading";
	}
	if (markdown_is_element(n, "table_cell"))
		return "table cell";
	if (markdown_is_element(n, "label"))
		return "diagram label";
	for (; p; p = p->parent) {
		if (markdown_is_element(p, "footnote_definition"))
			return "footnote";
		if (markdown_is_element(p, "item") ||
		    markdown_is_element(p, "tasklist"))
			return "list item";
		if (markdown_is_element(p, "block_quote"))
			return "quotation";
	}
	return "paragraph";
}

/* --- unit → Markdown --- */

static void
add_text(struct buf *b, const char *s)
{
	for (; *s; s++) {
		char c = *s;
		if (is_ascii_space(c)) {
			if (b->len && b->data[b->len - 1] != ' ')
				buf_addch(b, ' ');
			continue;
		}
		if (strchr("\\`*_[]<~", c) ||
		    (c == '&' && (isalnum((unsigned char)s[1]) || s[1] == '#')))
			buf_addch(b, '\\');
		buf_addch(b, c);
	}
}

static void add_inlines(struct buf *b, xmlNode *n);

static void
add_wrapped(struct buf *b, xmlNode *n, const char *mark)
{
	buf_addstr(b, mark);
	add_inlines(b, n->children);
	buf_addstr(b, mark);
}

static void
add_code(struct buf *b, const char *code)
{
	int run = 0, longest = 0, i;
	const char *p;

	for (p = code; *p; p++) {
		run = *p == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	for (i = 0; i <= longest; i++)
		buf_addch(b, '`');
	if (*code == '`' || (*code && code[strlen(code) - 1] == '`'))
		buf_addch(b, ' ');
	for (p = code; *p; p++)
		buf_addch(b, *p == '\n' ? ' ' : *p);
	if (*code == '`' || (*code && code[strlen(code) - 1] == '`'))
		buf_addch(b, ' ');
	for (i = 0; i <= longest; i++)
		buf_addch(b, '`');
}

static void
add_link(struct buf *b, xmlNode *n)
{
	xmlChar *dest = xmlGetProp(n, BAD_CAST "destination");
	xmlChar *title = xmlGetProp(n, BAD_CAST "title");
	xmlChar *text = xmlNodeGetContent(n);
	const char *d = dest ? (const char *)dest : "", *p;

	/* "![" would make an image of the link. */
	if (b->len && b->data[b->len - 1] == '!') {
		b->data[b->len - 1] = '\\';
		buf_addch(b, '!');
	}
	if (title == NULL && text && strcmp((const char *)text, d) == 0 &&
	    strncmp(d, "http", 4) == 0) {
		buf_printf(b, "<%s>", d); /* an autolink stays one */
		goto out;
	}
	buf_addch(b, '[');
	add_inlines(b, n->children);
	buf_addstr(b, "](");
	if (strpbrk(d, " ()<>") != NULL)
		buf_printf(b, "<%s>", d);
	else
		buf_addstr(b, d);
	if (title) {
		buf_addstr(b, " \"");
		for (p = (const char *)title; *p; p++) {
			if (*p == '"' || *p == '\\')
				buf_addch(b, '\\');
			buf_addch(b, *p);
		}
		buf_addch(b, '"');
	}
	buf_addch(b, ')');
out:
	xmlFree(dest);
	xmlFree(title);
	xmlFree(text);
}

static void
add_inlines(struct buf *b, xmlNode *n)
{
	xmlChar *s;

	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (markdown_is_element(n, "text") ||
		    markdown_is_element(n, "code")) {
			s = xmlNodeGetContent(n);
			if (markdown_is_element(n, "text"))
				add_text(b, (const char *)s);
			else
				add_code(b, (const char *)s);
			xmlFree(s);
		} else if (markdown_is_element(n, "softbreak"))
			add_text(b, " ");
		else if (markdown_is_element(n, "linebreak"))
			buf_addstr(b, "\\\n");
		else if (markdown_is_element(n, "emph"))
			add_wrapped(b, n, "*");
		else if (markdown_is_element(n, "strong"))
			add_wrapped(b, n, "**");
		else if (markdown_is_element(n, "strikethrough"))
			add_wrapped(b, n, "~~");
		else if (markdown_is_element(n, "link"))
			add_link(b, n);
		else if (markdown_is_element(n, "footnote_reference")) {
			s = xmlGetProp(n, BAD_CAST "n");
			buf_printf(b, "[^%s]", s ? (const char *)s : "");
			xmlFree(s);
		}
	}
}

/* A unit that starts like a block (heading, list, quote) gets escaped. */
static void
escape_block_start(struct buf *b)
{
	size_t i = 0;

	if (b->len == 0)
		return;
	if (strchr("#>+-=|", b->data[0])) {
		buf_addch(b, ' '); /* room for the backslash */
		memmove(b->data + 1, b->data, b->len - 1);
		b->data[0] = '\\';
		return;
	}
	while (i < b->len && i < 9 && isdigit((unsigned char)b->data[i]))
		i++;
	if (i > 0 && i < b->len && (b->data[i] == '.' || b->data[i] == ')') &&
	    (i + 1 == b->len || b->data[i + 1] == ' ')) {
		buf_addch(b, ' ');
		memmove(b->data + i + 1, b->data + i, b->len - i - 1);
		b->data[i] = '\\';
	}
}

char *
segment_msgid(xmlNode *unit)
{
	struct buf b = {0};
	xmlChar *s;

	if (markdown_is_element(unit, "label")) {
		s = xmlNodeGetContent(unit);
		buf_addstr(&b, (const char *)s);
		xmlFree(s);
		return b.data;
	}
	add_inlines(&b, unit->children);
	while (b.len && b.data[b.len - 1] == ' ')
		b.data[--b.len] = '\0';
	escape_block_start(&b);
	if (b.data == NULL)
		buf_addstr(&b, "");
	return b.data;
}

/* --- translation → unit --- */

/* Joins neighbouring <text> elements, so that "[^1]" is found whole. */
static void
merge_texts(xmlNode *parent)
{
	xmlNode *n, *next;
	xmlChar *s;

	for (n = parent->children; n; n = next) {
		next = n->next;
		if (n->type == XML_ELEMENT_NODE &&
		    !markdown_is_element(n, "text"))
			merge_texts(n);
		if (markdown_is_element(n, "text") &&
		    markdown_is_element(next, "text")) {
			s = xmlNodeGetContent(next);
			xmlNodeAddContent(n, s);
			xmlFree(s);
			xmlUnlinkNode(next);
			xmlFreeNode(next);
			next = n;
		}
	}
}

static int
source_has(xmlNode *src, const char *element, const char *attr,
    const char *value, xmlNode **found)
{
	xmlNode *n;
	xmlChar *v;
	int hit = 0;

	for (n = src; n && !hit; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (markdown_is_element(n, element)) {
			v = xmlGetProp(n, BAD_CAST attr);
			hit = v && strcmp((const char *)v, value) == 0;
			xmlFree(v);
			if (hit && found)
				*found = n;
		}
		if (!hit)
			hit = source_has(n->children, element, attr, value,
			    found);
	}
	return hit;
}

/* Turns "[^N]" in text into footnote references the source has. */
static int
make_footnotes(xmlNode *parent, xmlNode *src, const char *po, int line)
{
	xmlNode *n, *next, *ref, *rest;
	xmlChar *s;
	char *open, *close, num[16];
	size_t len;

	for (n = parent->children; n; n = next) {
		next = n->next;
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (!markdown_is_element(n, "text")) {
			if (make_footnotes(n, src, po, line) < 0)
				return -1;
			continue;
		}
		s = xmlNodeGetContent(n);
		open = strstr((char *)s, "[^");
		close = open ? strchr(open, ']') : NULL;
		len = close ? (size_t)(close - open - 2) : 0;
		if (!close || len == 0 || len >= sizeof(num) ||
		    strspn(open + 2, "0123456789") != len) {
			xmlFree(s);
			continue;
		}
		memcpy(num, open + 2, len);
		num[len] = '\0';
		if (!source_has(src, "footnote_reference", "n", num, NULL)) {
			diag(DIAG_WARNING, po, line, 0,
			    "the translation adds footnote '[^%s]' that its "
			    "source does not have; the source text is used",
			    num);
			xmlFree(s);
			return -1;
		}
		ref = xmlNewDocNode(n->doc, n->ns,
		    BAD_CAST "footnote_reference", NULL);
		xmlNewProp(ref, BAD_CAST "n", BAD_CAST num);
		rest = xmlNewDocNode(n->doc, n->ns, BAD_CAST "text", NULL);
		xmlNodeAddContent(rest, BAD_CAST(close + 1));
		*open = '\0';
		xmlNodeSetContent(n, NULL);
		xmlNodeAddContent(n, s);
		xmlFree(s);
		xmlAddNextSibling(n, ref);
		xmlAddNextSibling(ref, rest);
		next = rest; /* more references may follow */
	}
	return 0;
}

/* A translated link keeps the resolved target of its source twin. */
static int
check_links(xmlNode *n, xmlNode *src, const char *po, int line)
{
	static const char *const attrs[] = {"href", "chapter", "anchor"};
	xmlNode *twin = NULL;
	xmlChar *dest, *v;
	size_t i;

	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (markdown_is_element(n, "link")) {
			dest = xmlGetProp(n, BAD_CAST "destination");
			if (!dest ||
			    !source_has(src, "link", "destination",
			        (const char *)dest, &twin)) {
				diag(DIAG_WARNING, po, line, 0,
				    "the translation links to '%s', which its "
				    "source does not; the source text is used",
				    dest ? (const char *)dest : "");
				xmlFree(dest);
				return -1;
			}
			xmlFree(dest);
			for (i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++)
				if ((v = xmlGetProp(twin, BAD_CAST attrs[i]))) {
					xmlSetProp(n, BAD_CAST attrs[i], v);
					xmlFree(v);
				}
		}
		if (check_links(n->children, src, po, line) < 0)
			return -1;
	}
	return 0;
}

int
segment_translate(xmlNode *unit, const char *msgstr, const char *po, int line)
{
	xmlDoc *doc;
	xmlNode *root, *para = NULL, *n, *next;
	int blocks = 0;

	if (markdown_check_text(po, msgstr, strlen(msgstr)) < 0)
		return -1;
	if (markdown_is_element(unit, "label")) {
		xmlNodeSetContent(unit, NULL);
		xmlNodeAddContent(unit, BAD_CAST msgstr);
		return 0;
	}
	doc = markdown_parse_fragment(po, line, msgstr);
	if (doc == NULL)
		return -1;
	root = xmlDocGetRootElement(doc);
	for (n = root->children; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE) {
			blocks++;
			para = n;
		}
	if (blocks != 1 || !markdown_is_element(para, "paragraph")) {
		diag(DIAG_WARNING, po, line, 0,
		    "the translation must be one paragraph of text (escape a "
		    "leading '#', '-' or '1.' with '\\'); the source text is "
		    "used");
		goto fail;
	}
	merge_texts(para);
	if (make_footnotes(para, unit->children, po, line) < 0 ||
	    check_links(para->children, unit->children, po, line) < 0)
		goto fail;
	for (n = unit->children; n; n = next) {
		next = n->next;
		xmlUnlinkNode(n);
		xmlFreeNode(n);
	}
	for (n = para->children; n; n = next) {
		next = n->next;
		xmlUnlinkNode(n);
		xmlAddChild(unit, xmlDocCopyNode(n, unit->doc, 1));
		xmlFreeNode(n);
	}
	xmlFreeDoc(doc);
	return 0;
fail:
	xmlFreeDoc(doc);
	return -1;
}
