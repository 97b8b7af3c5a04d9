/* Markdown → CommonMark XML, built node by node so that nothing unsafe passes.
 */
#include "markdown.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "bounds.h"
#include "diag.h"
#include "strmap.h"
#include "util.h"

#define MAX_TEXT_ERRORS 5

/* State of one conversion. */
struct conv {
	const char *file;
	int fixed_line; /* > 0: report every problem at this line (catalogs) */
	xmlDoc *doc;
	xmlNs *ns;
	/* Heading ids used so far in this chapter; the value at an id is the
	 * last suffix tried for headings whose slug is that id. */
	struct strmap ids;
	int footnotes; /* footnote definitions seen so far */
	int errors;
};

void
markdown_init(void)
{
	cmark_gfm_core_extensions_ensure_registered();
}

int
markdown_check_text(const char *file, const char *text, size_t len)
{
	const uint8_t *s = (const uint8_t *)text;
	int32_t i = 0, start, n = (int32_t)len;
	int line = 1, col, errors = 0;
	const uint8_t *line_start = s;
	UChar32 c;

	if (len > (size_t)INT32_MAX)
		return diag(DIAG_ERROR, file, 0, 0, "file too large");
	while (i < n && errors < MAX_TEXT_ERRORS) {
		start = i;
		U8_NEXT(s, i, n, c);
		col = (int)(s + start - line_start) + 1;
		if (c < 0) {
			diag(DIAG_ERROR, file, line, col,
			    "invalid UTF-8 byte 0x%02x", s[start]);
			errors++;
		} else if (c == 0) {
			diag(DIAG_ERROR, file, line, col, "NUL byte in text");
			errors++;
		} else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
		    c == 0x7f) {
			diag(DIAG_ERROR, file, line, col,
			    "control character U+%04X in text", (unsigned)c);
			errors++;
		} else if (c == 0xfeff && start != 0) {
			diag(DIAG_ERROR, file, line, col,
			    "byte-order mark inside the text");
			errors++;
		} else if (c == '\n') {
			line++;
			line_start = s + i;
		}
	}
	return errors ? -1 : 0;
}

char *
markdown_slug(const char *text)
{
	const uint8_t *s = (const uint8_t *)text;
	int32_t i = 0, n = (int32_t)strlen(text), o = 0;
	uint8_t *out = xmalloc((size_t)n * 4 + 8);
	UChar32 c;
	UBool err = 0;

	while (i < n) {
		U8_NEXT(s, i, n, c);
		if (c < 0)
			continue;
		if (c == ' ' || c == '-' || c == '\t' || c == '\n')
			c = '-';
		else if (u_isalnum(c) || u_charType(c) == U_NON_SPACING_MARK ||
		    u_charType(c) == U_COMBINING_SPACING_MARK)
			c = u_tolower(c);
		else
			continue;
		U8_APPEND(out, o, n * 4 + 8, c, err);
	}
	out[o] = '\0';
	(void)err; /* the buffer is large enough for every code point */
	if (o == 0) {
		free(out);
		return xstrdup("section");
	}
	return (char *)out;
}

int
markdown_is_element(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns &&
	    strcmp((const char *)n->ns->href, CM_NS) == 0 &&
	    strcmp((const char *)n->name, name) == 0;
}

enum link_kind
markdown_link_kind(const char *dest)
{
	size_t i;

	if (strncmp(dest, "//", 2) == 0)
		return LINK_FORBIDDEN;
	for (i = 0; dest[i]; i++) {
		char c = dest[i];
		if (c == ':')
			break;
		if (c == '/' || c == '?' || c == '#')
			return LINK_INTERNAL;
	}
	if (dest[i] != ':')
		return LINK_INTERNAL;
	if ((i == 4 && strncasecmp(dest, "http", 4) == 0) ||
	    (i == 5 && strncasecmp(dest, "https", 5) == 0) ||
	    (i == 6 && strncasecmp(dest, "mailto", 6) == 0))
		return LINK_EXTERNAL;
	return LINK_FORBIDDEN;
}

static void
set_pos(xmlNode *x, cmark_node *n)
{
	char pos[32];

	snprintf(pos, sizeof(pos), "%d:%d", cmark_node_get_start_line(n),
	    cmark_node_get_start_column(n));
	xmlNewProp(x, BAD_CAST "sourcepos", BAD_CAST pos);
}

static void
set_int(xmlNode *x, const char *name, int v)
{
	char s[16];

	snprintf(s, sizeof(s), "%d", v);
	xmlNewProp(x, BAD_CAST name, BAD_CAST s);
}

static void conv_error(struct conv *cv, cmark_node *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
conv_error(struct conv *cv, cmark_node *n, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (cv->fixed_line)
		diag(DIAG_WARNING, cv->file, cv->fixed_line, 0, "%s", msg);
	else
		diag(DIAG_ERROR, cv->file, cmark_node_get_start_line(n),
		    cmark_node_get_start_column(n), "%s", msg);
	cv->errors++;
}

/* The slug of the heading's text; a repeated one gets "-1", "-2" … */
static void
assign_heading_id(struct conv *cv, xmlNode *h)
{
	xmlChar *text = xmlNodeGetContent(h);
	char *base = markdown_slug((const char *)text), *id = xstrdup(base);
	int *next, k, added;

	xmlFree(text);
	next = strmap_get(&cv->ids, base);
	k = next ? *next : 0;
	/* Each base remembers its last suffix: n equal headings cost n
	 * lookups, not n squared. */
	while (strmap_get(&cv->ids, id)) {
		free(id);
		id = xasprintf("%s-%d", base, ++k);
	}
	strmap_put(&cv->ids, id, &added);
	*strmap_put(&cv->ids, base, NULL) = k;
	free(base);
	xmlNewProp(h, BAD_CAST "id", BAD_CAST id);
	free(id);
}

/* A fenced block "```diagram NAME" whose lines are "key: label". */
static xmlNode *
diagram_node(struct conv *cv, cmark_node *n, const char *name)
{
	xmlNode *d = xmlNewDocNode(cv->doc, cv->ns, BAD_CAST "diagram", NULL);
	const char *lit = cmark_node_get_literal(n), *p, *eol, *colon;
	int line = cmark_node_get_start_line(n);
	xmlNode *label;
	char *key;

	xmlNewProp(d, BAD_CAST "name", BAD_CAST name);
	for (p = lit; p && *p; p = *eol ? eol + 1 : eol) {
		line++;
		eol = strchr(p, '\n');
		if (eol == NULL)
			eol = p + strlen(p);
		if (eol == p)
			continue;
		colon = memchr(p, ':', (size_t)(eol - p));
		if (colon == NULL || colon == p) {
			diag(DIAG_ERROR, cv->file, line, 1,
			    "diagram lines must be 'key: label'");
			cv->errors++;
			continue;
		}
		label = xmlNewDocNode(cv->doc, cv->ns, BAD_CAST "label", NULL);
		key = xstrndup(p, (size_t)(colon - p));
		xmlNewProp(label, BAD_CAST "key", BAD_CAST key);
		free(key);
		for (colon++; *colon == ' '; colon++)
			;
		xmlNodeAddContentLen(label, BAD_CAST colon, (int)(eol - colon));
		xmlAddChild(d, label);
	}
	return d;
}

static const char *
list_type(cmark_node *n)
{
	return cmark_node_get_list_type(n) == CMARK_ORDERED_LIST ? "ordered" :
	                                                           "bullet";
}

/* Adds the attributes that carry a node's meaning beyond its name. */
static void
add_attributes(struct conv *cv, xmlNode *x, cmark_node *n)
{
	const char *title;

	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_HEADING:
		set_int(x, "level", cmark_node_get_heading_level(n));
		break;
	case CMARK_NODE_LIST:
		xmlNewProp(x, BAD_CAST "type", BAD_CAST list_type(n));
		if (cmark_node_get_list_type(n) == CMARK_ORDERED_LIST)
			set_int(x, "start", cmark_node_get_list_start(n));
		xmlNewProp(x, BAD_CAST "tight",
		    BAD_CAST(cmark_node_get_list_tight(n) ? "true" : "false"));
		break;
	case CMARK_NODE_CODE_BLOCK:
		if (*cmark_node_get_fence_info(n))
			xmlNewProp(x, BAD_CAST "info",
			    BAD_CAST cmark_node_get_fence_info(n));
		break;
	case CMARK_NODE_LINK:
		switch (markdown_link_kind(cmark_node_get_url(n))) {
		case LINK_FORBIDDEN:
			conv_error(cv, n,
			    "link target '%s' is not allowed "
			    "(only http, https, mailto and links "
			    "to chapters)",
			    cmark_node_get_url(n));
			break;
		default:
			xmlNewProp(x, BAD_CAST "destination",
			    BAD_CAST cmark_node_get_url(n));
		}
		title = cmark_node_get_title(n);
		if (title && *title)
			xmlNewProp(x, BAD_CAST "title", BAD_CAST title);
		break;
	default: break;
	}
}

/* The table cell's alignment comes from its table and its column. */
static void
add_cell_align(xmlNode *x, cmark_node *cell)
{
	cmark_node *row = cmark_node_parent(cell), *table, *c;
	uint8_t *align;
	int col = 0;
	uint16_t ncols;

	if (row == NULL || (table = cmark_node_parent(row)) == NULL)
		return;
	for (c = cmark_node_first_child(row); c && c != cell;
	     c = cmark_node_next(c))
		col++;
	ncols = cmark_gfm_extensions_get_table_columns(table);
	align = cmark_gfm_extensions_get_table_alignments(table);
	if (align == NULL || col >= ncols)
		return;
	switch (align[col]) {
	case 'l': xmlNewProp(x, BAD_CAST "align", BAD_CAST "left"); break;
	case 'c': xmlNewProp(x, BAD_CAST "align", BAD_CAST "center"); break;
	case 'r': xmlNewProp(x, BAD_CAST "align", BAD_CAST "right"); break;
	}
}

/* The element name of a node; NULL for nodes that are dropped. */
static const char *
element_name(cmark_node *n)
{
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_HTML_BLOCK:
	case CMARK_NODE_HTML_INLINE: return NULL;
	case CMARK_NODE_FOOTNOTE_DEFINITION: return "footnote_definition";
	case CMARK_NODE_FOOTNOTE_REFERENCE: return "footnote_reference";
	default: return cmark_node_get_type_string(n);
	}
}

/* Creates the element for one node entered during the walk. */
static xmlNode *
open_node(struct conv *cv, cmark_node *n)
{
	const char *name = element_name(n), *info, *lit;
	cmark_node_type type = cmark_node_get_type(n);
	xmlNode *x;

	if (type == CMARK_NODE_IMAGE) {
		conv_error(cv, n, "images are not supported yet ('%s')",
		    cmark_node_get_url(n));
		return NULL;
	}
	if (type == CMARK_NODE_CODE_BLOCK) {
		info = cmark_node_get_fence_info(n);
		if (strncmp(info, "diagram ", 8) == 0) {
			x = diagram_node(cv, n, info + 8);
			set_pos(x, n);
			return x;
		}
	}
	x = xmlNewDocNode(cv->doc, cv->ns, BAD_CAST name, NULL);
	set_pos(x, n);
	add_attributes(cv, x, n);
	if (strcmp(name, "table_cell") == 0)
		add_cell_align(x, n);
	if (strcmp(name, "tasklist") == 0)
		xmlNewProp(x, BAD_CAST "completed",
		    BAD_CAST(cmark_gfm_extensions_get_tasklist_item_checked(n) ?
		            "true" :
		            "false"));
	if (type == CMARK_NODE_FOOTNOTE_DEFINITION)
		set_int(x, "n", ++cv->footnotes);
	if (type == CMARK_NODE_FOOTNOTE_REFERENCE)
		xmlNewProp(x, BAD_CAST "n", BAD_CAST cmark_node_get_literal(n));
	else if ((lit = cmark_node_get_literal(n)) != NULL)
		xmlNodeAddContent(x, BAD_CAST lit);
	return x;
}

static int
is_leaf(cmark_node *n)
{
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_TEXT:
	case CMARK_NODE_CODE:
	case CMARK_NODE_CODE_BLOCK:
	case CMARK_NODE_HTML_BLOCK:
	case CMARK_NODE_HTML_INLINE:
	case CMARK_NODE_SOFTBREAK:
	case CMARK_NODE_LINEBREAK:
	case CMARK_NODE_THEMATIC_BREAK:
		return 1; /* as cmark's iterator: no exit event for these */
	default: return 0;
	}
}

/*
 * Real text nests a handful of levels; thousands of "> > > …" would make
 * every later stage (the theme's templates above all) recurse that deep.
 */

/* Walks the cmark tree and mirrors it as XML under root. */
static void
convert(struct conv *cv, cmark_node *doc, xmlNode *root)
{
	cmark_iter *it = cmark_iter_new(doc);
	xmlNode *cur = root, *x;
	cmark_event_type ev;
	cmark_node *n;
	int skip_depth = 0, depth = 0, too_deep = 0;

	cmark_iter_next(it); /* the document itself is root */
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (n == doc)
			break;
		if (skip_depth) {
			/* Inside a dropped image: its alt text goes too. */
			if (!is_leaf(n))
				skip_depth += ev == CMARK_EVENT_ENTER ? 1 : -1;
			continue;
		}
		if (ev == CMARK_EVENT_EXIT) {
			if (cmark_node_get_type(n) == CMARK_NODE_HEADING)
				assign_heading_id(cv, cur);
			cur = cur->parent;
			depth--;
			continue;
		}
		if (!is_leaf(n) && depth >= MARKDOWN_MAX_NESTING) {
			if (!too_deep++) {
				diag(DIAG_ERROR, cv->file,
				    cv->fixed_line ?
				        cv->fixed_line :
				        cmark_node_get_start_line(n),
				    cv->fixed_line ?
				        0 :
				        cmark_node_get_start_column(n),
				    "more than %d levels of quotes, lists or "
				    "emphasis inside each other",
				    MARKDOWN_MAX_NESTING);
				cv->errors++;
			}
			skip_depth = 1;
			continue;
		}
		if (element_name(n) == NULL) {
			diag(DIAG_WARNING, cv->file,
			    cv->fixed_line ? cv->fixed_line :
			                     cmark_node_get_start_line(n),
			    cv->fixed_line ? 0 : cmark_node_get_start_column(n),
			    "raw HTML is not passed through; it was dropped");
			continue;
		}
		x = open_node(cv, n);
		if (x == NULL) {
			skip_depth = is_leaf(n) ? 0 : 1;
			continue;
		}
		xmlAddChild(cur, x);
		if (!is_leaf(n) && strcmp((const char *)x->name, "diagram")) {
			cur = x;
			depth++;
		}
	}
	cmark_iter_free(it);
}

/* Limits checked before cmark sees a chapter, because cmark cannot fail
 * gracefully (bounds.h). */

/* Cells in a GFM delimiter row ("| --- | :-: |"), or 0 when it is not one. */
static long
delimiter_cells(const char *p, const char *eol)
{
	long cells = 0, dashes = 0;

	for (; p < eol; p++) {
		if (*p == '|') {
			cells += dashes > 0;
			dashes = 0;
		} else if (*p == '-')
			dashes++;
		else if (*p != ':' && *p != ' ' && *p != '\t')
			return 0;
	}
	return cells + (dashes > 0);
}

static int
check_sizes(const char *file, const char *text, size_t len)
{
	const char *p = text, *end = text + len, *eol;
	long cells = 0, rows = 0, footnotes = 0, line = 0, table_line = 0;

	for (; p < end; p = eol + (eol < end)) {
		eol = memchr(p, '\n', (size_t)(end - p));
		if (eol == NULL)
			eol = end;
		line++;
		if (eol == p || (eol - p == 1 && *p == '\r')) {
			cells = rows = 0; /* a blank line ends a table */
			continue;
		}
		if (strncmp(p, "[^", 2) == 0 &&
		    ++footnotes > MARKDOWN_MAX_FOOTNOTES)
			return diag(DIAG_ERROR, file, (int)line, 1,
			    "more than %d footnotes in one chapter",
			    MARKDOWN_MAX_FOOTNOTES);
		if (cells == 0 && memchr(p, '|', (size_t)(eol - p)) &&
		    (cells = delimiter_cells(p, eol)) > 0) {
			table_line = line;
			rows = 1;
		} else if (cells > 0 &&
		    ++rows * cells > MARKDOWN_MAX_TABLE_CELLS)
			return diag(DIAG_ERROR, file, (int)table_line, 1,
			    "a table of %ld columns and over %ld rows: more than "
			    "%d cells",
			    cells, rows, MARKDOWN_MAX_TABLE_CELLS);
	}
	return 0;
}

static xmlDoc *
parse_common(const char *file, int fixed_line, const char *text, size_t len)
{
	static const char *const block_extensions[] = {"table", "strikethrough",
	    "autolink", "tasklist"};
	static const char *const inline_extensions[] = {"strikethrough",
	    "autolink"};
	const char *const *extensions =
	    fixed_line ? inline_extensions : block_extensions;
	size_t nextensions = fixed_line ? 2 : 4;
	int options = CMARK_OPT_SOURCEPOS | CMARK_OPT_VALIDATE_UTF8 |
	    (fixed_line ? 0 : CMARK_OPT_FOOTNOTES);
	struct conv cv = {.file = file, .fixed_line = fixed_line};
	cmark_parser *parser;
	cmark_node *tree;
	xmlNode *root;
	size_t i;

	parser = cmark_parser_new(options);
	for (i = 0; i < nextensions; i++)
		cmark_parser_attach_syntax_extension(parser,
		    cmark_find_syntax_extension(extensions[i]));
	cmark_parser_feed(parser, text, len);
	tree = cmark_parser_finish(parser);

	cv.doc = xmlNewDoc(BAD_CAST "1.0");
	root = xmlNewDocNode(cv.doc, NULL, BAD_CAST "document", NULL);
	cv.ns = xmlNewNs(root, BAD_CAST CM_NS, NULL);
	xmlSetNs(root, cv.ns);
	xmlDocSetRootElement(cv.doc, root);
	convert(&cv, tree, root);

	cmark_node_free(tree);
	cmark_parser_free(parser);
	strmap_free(&cv.ids);
	if (cv.errors) {
		xmlFreeDoc(cv.doc);
		return NULL;
	}
	return cv.doc;
}

xmlDoc *
markdown_parse(const char *file, const char *text, size_t len)
{
	if (markdown_check_text(file, text, len) < 0)
		return NULL;
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
		text += 3; /* cmark would keep the byte-order mark as text */
		len -= 3;
	}
	if (check_sizes(file, text, len) < 0)
		return NULL;
	return parse_common(file, 0, text, len);
}

xmlDoc *
markdown_parse_fragment(const char *file, int line, const char *text)
{
	return parse_common(file, line, text, strlen(text));
}
