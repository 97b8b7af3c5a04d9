/* Themes run in a sandbox: C decides which files exist and writes them. */
#include "theme.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libexslt/exslt.h>
#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <libxml/xmlsave.h>
#include <libxml/xpathInternals.h>
#include <libxslt/documents.h>
#include <libxslt/extensions.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/variables.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

#include "catalog.h"
#include "bounds.h"
#include "diag.h"
#include "util.h"
#include "watchdog.h"
#include "wrap.h"
#include "xmlsafe.h"

struct theme {
	char *dir;
	char *entry; /* dir/handbook.xsl */
	xsltStylesheet *style;
	char *
	    *dirs; /* where <hb:copy> looks: the theme, then what it imports */
	int ndirs;
};

static xsltSecurityPrefs *security;
static struct buf xslt_line; /* libxslt prints messages in pieces */

/*
 * libxslt reports one fault as several lines: libxml2's XPath message,
 * then "runtime error: file F line N element E", then its own sentence.
 * They are held here while the theme compiles or runs and printed as one
 * "F:N: error: ..." per fault (theme_messages_flush).
 */
struct xslt_piece {
	char *text;
	int warning;
};
static struct xslt_piece *pieces;
static int npieces;

static void
add_piece(const char *text, int warning)
{
	if (*text == '\0' || strcmp(text, "error") == 0)
		return; /* libxslt prints a bare "error" before some messages */
	pieces = xrealloc(pieces, (size_t)(npieces + 1) * sizeof(*pieces));
	pieces[npieces].text = xstrdup(text);
	pieces[npieces++].warning = warning;
}

/* Gathers libxslt's printf fragments into lines. */
static void
xslt_message(void *ctx, const char *fmt, ...)
{
	va_list ap;
	char *nl;
	char piece[2048];

	(void)ctx;
	va_start(ap, fmt);
	vsnprintf(piece, sizeof(piece), fmt, ap);
	va_end(ap);
	buf_addstr(&xslt_line, piece);
	while (xslt_line.data && (nl = strchr(xslt_line.data, '\n'))) {
		*nl = '\0';
		add_piece(xslt_line.data,
		    strncmp(xslt_line.data, "Warning", 7) == 0 ||
		        strstr(xslt_line.data, "warning"));
		memmove(xslt_line.data, nl + 1, strlen(nl + 1) + 1);
		xslt_line.len = strlen(xslt_line.data);
	}
}

/* libxml2's own errors (XPath) while the theme runs. */
static void
xslt_structured(void *ctx, xmlErrorPtr e)
{
	char *msg, *end;

	(void)ctx;
	if (e == NULL || e->level == XML_ERR_NONE)
		return;
	if (e->file && e->line) { /* a parse error in an imported file */
		xmlsafe_report(e);
		return;
	}
	msg = xstrdup(e->message ? e->message : "XML error");
	end = msg + strlen(msg);
	while (end > msg && (end[-1] == '\n' || end[-1] == ' '))
		*--end = '\0';
	add_piece(msg, e->level == XML_ERR_WARNING);
	free(msg);
}

static void
messages_begin(void)
{
	xmlSetStructuredErrorFunc(NULL, xslt_structured);
}

/* "runtime error: file F line N element E": the fault's position. */
static int
parse_location(const char *text, char *file, size_t size, int *line, char *elem)
{
	const char *p = strstr(text, "error: file ");
	const char *q;

	if (p == NULL || (q = strstr(p, " line ")) == NULL)
		return 0;
	p += strlen("error: file ");
	if ((size_t)(q - p) >= size)
		return 0;
	memcpy(file, p, (size_t)(q - p));
	file[q - p] = '\0';
	*elem = '\0';
	return sscanf(q, " line %d element %63s", line, elem) >= 1;
}

/* One fault: its sentences and, once libxslt names it, its position. */
struct xslt_fault {
	struct buf text;
	char file[1024], elem[64];
	int line, located, complete, warning;
};

static void
fault_print(const struct theme *t, struct xslt_fault *f)
{
	if (f->text.len || f->located)
		diag(f->warning ? DIAG_WARNING : DIAG_ERROR,
		    f->located ? f->file : t->entry, f->line, 0,
		    "theme: %s%s%s%s", f->text.len ? f->text.data : "error",
		    *f->elem ? " (xsl:" : "", f->elem, *f->elem ? ")" : "");
	buf_free(&f->text);
	memset(f, 0, sizeof(*f));
	f->warning = 1;
}

/* Prints the held pieces, one diagnostic per fault, and forgets them. */
static void
messages_end(const struct theme *t)
{
	struct xslt_fault f = {.warning = 1}, at;
	int i;

	if (xslt_line.len)
		xslt_message(NULL, "\n");
	xmlsafe_init_errors();
	for (i = 0; i < npieces; i++) {
		if (parse_location(pieces[i].text, at.file, sizeof(at.file),
		        &at.line, at.elem)) {
			if (f.located)
				fault_print(t, &f);
			memcpy(f.file, at.file, sizeof(f.file));
			memcpy(f.elem, at.elem, sizeof(f.elem));
			f.line = at.line;
			f.located = 1;
			f.warning &= strstr(pieces[i].text, "warning") != NULL;
		} else {
			/* libxslt's own sentence follows the position. */
			if (f.complete)
				fault_print(t, &f);
			buf_printf(&f.text, "%s%s", f.text.len ? "; " : "",
			    pieces[i].text);
			f.warning &= pieces[i].warning;
			f.complete = f.located;
		}
		free(pieces[i].text);
	}
	fault_print(t, &f);
	free(pieces);
	pieces = NULL;
	npieces = 0;
}

/*
 * A stylesheet may be imported from another theme: a folder with its own
 * handbook.xsl. That folder then joins the fence, so the imported theme
 * reads its own files; the parent folders of themes stay closed.
 */
static int
import_allowed(const char *path)
{
	char *dir, *entry, *slash;
	int ok;

	if (xmlsafe_path_allowed(path))
		return 1;
	dir = xstrdup(path);
	slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	entry = xasprintf("%s/handbook.xsl", slash ? dir : ".");
	ok = access(entry, R_OK) == 0 && access(path, R_OK) == 0;
	if (ok)
		xmlsafe_allow_dir(slash ? dir : ".");
	free(entry);
	free(dir);
	return ok && xmlsafe_path_allowed(path);
}

/* libxslt asks before each read: ctxt is NULL while a stylesheet compiles
 * (xsl:import, xsl:include), set during the transform (document()). */
static int
read_allowed(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt,
    const char *value)
{
	const char *path = value;

	(void)sec;
	if (strncmp(path, "file://", 7) == 0)
		path += 7;
	if (strstr(path, "://") == NULL &&
	    (ctxt ? xmlsafe_path_allowed(path) : import_allowed(path)))
		return 1;
	diag(DIAG_ERROR, NULL, 0, 0, "theme: refused to read '%s'", value);
	return 0;
}

/* Every document libxslt loads (xsl:import, document()) comes through here. */
static xmlDocPtr
fenced_doc_loader(const xmlChar *uri, xmlDictPtr dict, int options, void *ctxt,
    xsltLoadType type)
{
	const char *path = (const char *)uri;
	xmlParserCtxtPtr pctxt;
	xmlDocPtr doc;

	(void)options;
	(void)ctxt;
	(void)type;
	if (strncmp(path, "file://", 7) == 0)
		path += 7;
	if (strstr(path, "://") || !xmlsafe_path_allowed(path)) {
		diag(DIAG_ERROR, NULL, 0, 0, "theme: refused to read '%s'",
		    (const char *)uri);
		return NULL;
	}
	pctxt = xmlNewParserCtxt();
	if (pctxt == NULL)
		return NULL;
	if (dict) {
		xmlDictFree(pctxt->dict);
		pctxt->dict = dict;
		xmlDictReference(dict);
	}
	doc = xmlCtxtReadFile(pctxt, path, NULL, XMLSAFE_OPTIONS);
	xmlFreeParserCtxt(pctxt);
	if (doc && doc->intSubset) {
		diag(DIAG_ERROR, path, 0, 0,
		    "a document type declaration (<!DOCTYPE>) is not allowed");
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

/*
 * The catalogs hb:t() reads: the locale's own (ui), and, in the root part,
 * every locale's, so that the chooser can say a thing in each language.
 */
struct theme_ui {
	const struct catalog *ui;
	const struct theme_language *languages;
	int nlanguages;
};

/* The catalog of the language tag (an optional last argument of hb:t,
 * hb:tn and hb:plural-table); the locale's own catalog otherwise. */
static const struct catalog *
ui_catalog(xmlXPathParserContextPtr ctxt, int with_tag)
{
	xsltTransformContextPtr tctxt = xsltXPathGetTransformContext(ctxt);
	const struct theme_ui *u = tctxt ? tctxt->_private : NULL;
	const struct catalog *cat = u ? u->ui : NULL;
	xmlChar *tag;
	int i;

	if (!with_tag)
		return cat;
	tag = xmlXPathPopString(ctxt);
	for (i = 0; u && tag && i < u->nlanguages; i++)
		if (strcmp(u->languages[i].tag, (const char *)tag) == 0)
			cat = u->languages[i].catalog;
	xmlFree(tag);
	return cat;
}

/* hb:t('UI string' [, tag]): the UI string in the book's language (or in
 * the language tag's, in the root part). */
static void
hb_t(xmlXPathParserContextPtr ctxt, int nargs)
{
	const struct catalog *ui;
	const char *t;
	xmlChar *s;

	if (nargs != 1 && nargs != 2) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	ui = ui_catalog(ctxt, nargs == 2);
	s = xmlXPathPopString(ctxt);
	t = ui ? catalog_lookup(ui, NULL, (const char *)s, NULL) : NULL;
	valuePush(ctxt, xmlXPathNewString(t ? BAD_CAST t : s));
	xmlFree(s);
}

/*
 * hb:tn('{n} result', '{n} results', i [, tag]): the i-th plural form of
 * the UI string in the book's language ('' past the last form), for
 * scripts that choose the form at run time with hb:plural-table().
 */
static void
hb_tn(xmlXPathParserContextPtr ctxt, int nargs)
{
	const struct catalog *ui;
	xmlChar *one, *many;
	const char *t;
	int i;

	if (nargs != 3 && nargs != 4) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	ui = ui_catalog(ctxt, nargs == 4);
	i = (int)xmlXPathPopNumber(ctxt);
	many = xmlXPathPopString(ctxt);
	one = xmlXPathPopString(ctxt);
	if (catalog_lookup_plural(ui, (const char *)one, 0))
		t = catalog_lookup_plural(ui, (const char *)one, i);
	else
		t = i == 0 ? (const char *)one :
		    i == 1 ? (const char *)many :
		             NULL;
	valuePush(ctxt, xmlXPathNewString(BAD_CAST(t ? t : "")));
	xmlFree(one);
	xmlFree(many);
}

/* hb:plural-table('{n} result' [, tag]): plural form index for
 * n = 0..199. */
static void
hb_plural_table(xmlXPathParserContextPtr ctxt, int nargs)
{
	const struct catalog *ui;
	struct buf b = {0};
	xmlChar *one;
	int table[PLURAL_TABLE_SIZE], n;

	if (nargs != 1 && nargs != 2) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	ui = ui_catalog(ctxt, nargs == 2);
	one = xmlXPathPopString(ctxt);
	catalog_plural_table(catalog_lookup_plural(ui, (const char *)one, 0) ?
	        ui :
	        NULL,
	    table);
	for (n = 0; n < PLURAL_TABLE_SIZE; n++)
		buf_printf(&b, n ? ",%d" : "%d", table[n]);
	valuePush(ctxt, xmlXPathNewString(BAD_CAST b.data));
	buf_free(&b);
	xmlFree(one);
}

/*
 * hb:wrap(text, width): the text in lines of at most width ems, joined by
 * newlines (ICU line breaks: words, Chinese characters, Thai by its
 * dictionary), for SVG text that cannot wrap itself (the cover).
 */
static void
hb_wrap(xmlXPathParserContextPtr ctxt, int nargs)
{
	double width;
	xmlChar *s;
	char *lines;

	if (nargs != 2) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	width = xmlXPathPopNumber(ctxt);
	s = xmlXPathPopString(ctxt);
	lines = text_wrap((const char *)s, width > 1 ? width : 1);
	valuePush(ctxt, xmlXPathNewString(BAD_CAST lines));
	free(lines);
	xmlFree(s);
}

void
theme_init(void)
{
	xsltSetGenericErrorFunc(NULL, xslt_message);
	xmlSetGenericErrorFunc(NULL, xslt_message);
	exsltRegisterAll();
	security = xsltNewSecurityPrefs();
	xsltSetSecurityPrefs(security, XSLT_SECPREF_READ_FILE, read_allowed);
	xsltSetSecurityPrefs(security, XSLT_SECPREF_WRITE_FILE,
	    xsltSecurityForbid);
	xsltSetSecurityPrefs(security, XSLT_SECPREF_CREATE_DIRECTORY,
	    xsltSecurityForbid);
	xsltSetSecurityPrefs(security, XSLT_SECPREF_READ_NETWORK,
	    xsltSecurityForbid);
	xsltSetSecurityPrefs(security, XSLT_SECPREF_WRITE_NETWORK,
	    xsltSecurityForbid);
	xsltSetDefaultSecurityPrefs(security);
	xsltSetLoaderFunc(fenced_doc_loader);
	xsltRegisterExtModuleFunction(BAD_CAST "t", BAD_CAST HB_NS, hb_t);
	xsltRegisterExtModuleFunction(BAD_CAST "tn", BAD_CAST HB_NS, hb_tn);
	xsltRegisterExtModuleFunction(BAD_CAST "plural-table", BAD_CAST HB_NS,
	    hb_plural_table);
	xsltRegisterExtModuleFunction(BAD_CAST "wrap", BAD_CAST HB_NS, hb_wrap);
}

void
theme_cleanup(void)
{
	xsltFreeSecurityPrefs(security);
	security = NULL;
	buf_free(&xslt_line);
	xsltCleanupGlobals();
}

/* The folders of the theme's stylesheet and of those it imports. */
static void
add_dirs(struct theme *t, xsltStylesheetPtr style)
{
	char *d, *slash;

	for (; style; style = style->next) {
		if (style->doc && style->doc->URL) {
			d = xstrdup((const char *)style->doc->URL);
			slash = strrchr(d, '/');
			if (slash)
				*slash = '\0';
			else
				strcpy(d, ".");
			t->dirs = xrealloc(t->dirs,
			    (size_t)(t->ndirs + 1) * sizeof(char *));
			t->dirs[t->ndirs++] = d;
		}
		add_dirs(t, style->imports);
	}
}

struct theme *
theme_load(const char *dir)
{
	struct theme *t = xcalloc(1, sizeof(*t));
	int before = diag_errors();
	xmlDoc *doc;

	t->dir = xstrdup(dir);
	t->entry = xasprintf("%s/handbook.xsl", dir);
	if (access(t->entry, R_OK) != 0) {
		diag(DIAG_ERROR, t->entry, 0, 0,
		    "the theme has no entry stylesheet: %s", strerror(errno));
		goto fail;
	}
	/* Reads stay in the theme's folder and those of the themes it
	 * imports (import_allowed). */
	xmlsafe_allow_dir(dir);
	doc = xmlsafe_read_file(t->entry, THEME_MAX_FILE_BYTES);
	if (doc == NULL)
		goto fail;
	messages_begin();
	t->style = xsltParseStylesheetDoc(doc);
	messages_end(t);
	if (t->style == NULL) {
		xmlFreeDoc(doc);
		diag(DIAG_ERROR, t->entry, 0, 0, "the theme does not compile");
		goto fail;
	}
	/* libxslt may report an error yet leave style->errors at 0. */
	if (t->style->errors || diag_errors() != before) {
		diag(DIAG_ERROR, t->entry, 0, 0, "the theme does not compile");
		goto fail;
	}
	add_dirs(t, t->style);
	return t;
fail:
	theme_free(t);
	return NULL;
}

void
theme_free(struct theme *t)
{
	if (t == NULL)
		return;
	if (t->style)
		xsltFreeStylesheet(t->style);
	while (t->ndirs > 0)
		free(t->dirs[--t->ndirs]);
	free(t->dirs);
	free(t->dir);
	free(t->entry);
	free(t);
}

int
theme_valid_output_path(const char *path)
{
	const char *p = path, *start;
	size_t n = strlen(path);

	if (n == 0 || n > THEME_MAX_PATH)
		return 0;
	while (*p) {
		start = p;
		while (*p && *p != '/') {
			char c = *p++;
			if (!((c >= 'a' && c <= 'z') ||
			        (c >= 'A' && c <= 'Z') ||
			        (c >= '0' && c <= '9') || c == '.' ||
			        c == '-' || c == '_'))
				return 0;
		}
		/* No empty, hidden, "." or ".." components. */
		if (p == start || *start == '.')
			return 0;
		if (*p == '/' && *++p == '\0')
			return 0;
	}
	return 1;
}

static char *
serialize_html(xmlDoc *res, xmlNode *el, size_t *len)
{
	xmlOutputBuffer *out = xmlAllocOutputBuffer(NULL);
	struct buf b = {0};

	htmlNodeDumpFormatOutput(out, res, el, "UTF-8", 0);
	xmlOutputBufferFlush(out);
	buf_addstr(&b, "<!DOCTYPE html>\n");
	buf_add(&b, xmlOutputBufferGetContent(out),
	    xmlOutputBufferGetSize(out));
	buf_addch(&b, '\n');
	xmlOutputBufferClose(out);
	*len = b.len;
	return b.data;
}

/* Moves elements that have no namespace into ns (for XHTML pages). */
static void
adopt_namespace(xmlNode *n, xmlNs *ns)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (n->ns == NULL)
			n->ns = ns;
		adopt_namespace(n->children, ns);
	}
}

static char *
serialize_xml(xmlNode *el, int xhtml, size_t *len)
{
	xmlDoc *doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNode *copy = xmlDocCopyNode(el, doc, 1);
	xmlChar *mem = NULL;
	int size = 0;
	char *data;

	xmlDocSetRootElement(doc, copy);
	if (xhtml)
		adopt_namespace(copy,
		    xmlNewNs(copy, BAD_CAST "http://www.w3.org/1999/xhtml",
		        NULL));
	xmlReconciliateNs(doc, copy);
	xmlDocDumpMemoryEnc(doc, &mem, &size, "UTF-8");
	xmlFreeDoc(doc);
	data = xmalloc((size_t)size + 1);
	memcpy(data, mem, (size_t)size);
	data[size] = '\0';
	xmlFree(mem);
	*len = (size_t)size;
	return data;
}

static xmlNode *
only_element(xmlNode *n)
{
	xmlNode *found = NULL;

	for (n = n->children; n; n = n->next) {
		if (n->type == XML_ELEMENT_NODE) {
			if (found)
				return NULL;
			found = n;
		} else if (n->type == XML_TEXT_NODE && !xmlIsBlankNode(n))
			return NULL;
	}
	return found;
}

static char *
get_attr(xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST name);
	char *s = v ? xstrdup((const char *)v) : NULL;

	xmlFree(v);
	return s;
}

static int
add_output(struct theme_result *res, enum theme_target target, char *path,
    char *data, size_t len)
{
	int i;

	for (i = 0; i < res->nfiles; i++)
		if (res->files[i].target == target &&
		    strcmp(res->files[i].path, path) == 0) {
			diag(DIAG_ERROR, NULL, 0, 0,
			    "theme: output '%s' produced twice", path);
			free(path);
			free(data);
			return -1;
		}
	res->files = xrealloc(res->files,
	    (size_t)(res->nfiles + 1) * sizeof(*res->files));
	res->files[res->nfiles++] =
	    (struct theme_output){target, path, data, len};
	return 0;
}

/* <hb:copy from="assets/x.css" path="assets/x.css"/>: a file of the theme. */
static int
copy_from_theme(struct theme *t, xmlNode *n, char **data, size_t *len)
{
	char *from = get_attr(n, "from"), *full;
	int rc = -1, i;

	if (from == NULL || !theme_valid_output_path(from)) {
		diag(DIAG_ERROR, t->entry, 0, 0,
		    "theme: <hb:copy> needs a relative 'from' inside the theme, "
		    "got '%s'",
		    from ? from : "");
		goto out;
	}
	full = xasprintf("%s/%s", t->dir, from);
	for (i = 0; i < t->ndirs && access(full, R_OK) != 0; i++) {
		free(full);
		full = xasprintf("%s/%s", t->dirs[i], from);
	}
	if (!xmlsafe_path_allowed(full)) {
		diag(DIAG_ERROR, full, 0, 0,
		    "theme: cannot copy: not a file "
		    "inside the theme");
	} else if ((*data = file_read(full, THEME_MAX_FILE_BYTES, len)) ==
	    NULL) {
		diag(DIAG_ERROR, full, 0, 0, "cannot read: %s",
		    strerror(errno));
	} else
		rc = 0;
	free(full);
out:
	free(from);
	return rc;
}

static int
parse_target(const char *s, enum theme_target *target)
{
	if (s == NULL || strcmp(s, "site") == 0)
		*target = TARGET_SITE;
	else if (strcmp(s, "epub") == 0)
		*target = TARGET_EPUB;
	else if (strcmp(s, "root") == 0)
		*target = TARGET_ROOT;
	else
		return -1;
	return 0;
}

/*
 * A theme may not put script or event handlers into pages, even by
 * copying text from a catalog or the content unescaped: scripts must be
 * files of the theme (<script src="assets/…"></script>), no attribute may
 * start with "on", and no address may use javascript:, vbscript: or data:
 * (images may use data:).
 */
static int
unsafe_address(const xmlChar *v)
{
	char scheme[16];
	size_t i = 0;

	while (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r')
		v++;
	for (; v[i] && v[i] != ':' && i < sizeof(scheme) - 1; i++)
		scheme[i] =
		    (char)((v[i] >= 'A' && v[i] <= 'Z') ? v[i] + 32 : v[i]);
	scheme[i] = '\0';
	return v[i] == ':' &&
	    (strcmp(scheme, "javascript") == 0 ||
	        strcmp(scheme, "vbscript") == 0 || strcmp(scheme, "data") == 0);
}

static int
check_safe_tree(xmlNode *n, const char *path)
{
	xmlAttr *a;
	xmlChar *v;
	int bad = 0;

	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (xmlStrcasecmp(n->name, BAD_CAST "script") == 0) {
			v = xmlGetProp(n, BAD_CAST "src");
			if (v == NULL || strchr((const char *)v, ':') ||
			    v[0] == '/' || n->children) {
				diag(DIAG_ERROR, NULL, 0, 0,
				    "theme: '%s' has a script that is not a file "
				    "of the theme",
				    path);
				bad = 1;
			}
			xmlFree(v);
		}
		for (a = n->properties; a; a = a->next) {
			if (xmlStrncasecmp(a->name, BAD_CAST "on", 2) == 0) {
				diag(DIAG_ERROR, NULL, 0, 0,
				    "theme: '%s' has an event handler '%s'",
				    path, (const char *)a->name);
				bad = 1;
				continue;
			}
			v = xmlNodeListGetString(n->doc, a->children, 1);
			if (v && unsafe_address(v) &&
			    !(xmlStrcasecmp(n->name, BAD_CAST "img") == 0 &&
			        xmlStrncasecmp(v, BAD_CAST "data:", 5) == 0)) {
				diag(DIAG_ERROR, NULL, 0, 0,
				    "theme: '%s' has a %s address in '%s'",
				    path, (const char *)a->name,
				    (const char *)v);
				bad = 1;
			}
			xmlFree(v);
		}
		if (check_safe_tree(n->children, path) < 0)
			bad = 1;
	}
	return bad ? -1 : 0;
}

/* Turns one <hb:file> or <hb:copy> into an output. */
static int
collect_one(struct theme *t, xmlDoc *resdoc, xmlNode *n,
    struct theme_result *res)
{
	char *path = get_attr(n, "path"), *target_s = get_attr(n, "target");
	char *method = get_attr(n, "method"), *data = NULL;
	enum theme_target target;
	xmlNode *el;
	xmlChar *text;
	size_t len = 0;
	int rc = -1;

	if (path == NULL || !theme_valid_output_path(path)) {
		diag(DIAG_ERROR, NULL, 0, 0, "theme: unsafe output path '%s'",
		    path ? path : "");
		goto out;
	}
	if (parse_target(target_s, &target) < 0) {
		diag(DIAG_ERROR, NULL, 0, 0, "theme: unknown target '%s'",
		    target_s);
		goto out;
	}
	if (strcmp((const char *)n->name, "copy") == 0) {
		if (copy_from_theme(t, n, &data, &len) < 0)
			goto out;
	} else if (method && strcmp(method, "text") == 0) {
		text = xmlNodeGetContent(n);
		data = xstrdup(text ? (const char *)text : "");
		len = strlen(data);
		xmlFree(text);
	} else if ((el = only_element(n)) == NULL) {
		diag(DIAG_ERROR, NULL, 0, 0,
		    "theme: <hb:file path='%s'> must hold one element", path);
		goto out;
	} else if (check_safe_tree(el, path) < 0)
		goto out;
	else if (method == NULL || strcmp(method, "html") == 0)
		data = serialize_html(resdoc, el, &len);
	else if (strcmp(method, "xml") == 0 || strcmp(method, "xhtml") == 0)
		data = serialize_xml(el, strcmp(method, "xhtml") == 0, &len);
	else {
		diag(DIAG_ERROR, NULL, 0, 0, "theme: unknown method '%s'",
		    method);
		goto out;
	}
	rc = add_output(res, target, path, data, len);
	path = NULL;
out:
	free(path);
	free(target_s);
	free(method);
	return rc;
}

static int
collect_outputs(struct theme *t, xmlDoc *resdoc, struct theme_result *res)
{
	xmlNode *root = xmlDocGetRootElement(resdoc), *n;
	int rc = 0;

	if (root == NULL || root->ns == NULL ||
	    strcmp((const char *)root->ns->href, HB_NS) ||
	    strcmp((const char *)root->name, "files"))
		return diag(DIAG_ERROR, t->entry, 0, 0,
		    "theme: the result must be an <hb:files> element in "
		    "namespace '%s'",
		    HB_NS);
	for (n = root->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (n->ns == NULL || strcmp((const char *)n->ns->href, HB_NS) ||
		    (strcmp((const char *)n->name, "file") &&
		        strcmp((const char *)n->name, "copy"))) {
			rc = diag(DIAG_ERROR, NULL, 0, 0,
			    "theme: unexpected <%s> in <hb:files>",
			    (const char *)n->name);
			continue;
		}
		if (collect_one(t, resdoc, n, res) < 0)
			rc = -1;
	}
	return rc;
}

int
theme_apply(struct theme *t, xmlDoc *book, const char **params,
    const struct catalog *ui, struct theme_result *res)
{
	return theme_apply_languages(t, book, params, ui, NULL, 0, res);
}

int
theme_apply_languages(struct theme *t, xmlDoc *book, const char **params,
    const struct catalog *ui, const struct theme_language *languages,
    int nlanguages, struct theme_result *res)
{
	struct theme_ui u = {ui, languages, nlanguages};
	xsltTransformContext *ctxt;
	int before = diag_errors(), rc = -1;
	xmlDoc *out;

	memset(res, 0, sizeof(*res));
	ctxt = xsltNewTransformContext(t->style, book);
	if (ctxt == NULL)
		return diag_err("theme: cannot create a transform context");
	xsltSetCtxtSecurityPrefs(security, ctxt);
	xsltSetCtxtParseOptions(ctxt, XMLSAFE_OPTIONS);
	ctxt->_private = &u;
	ctxt->maxTemplateDepth = THEME_MAX_TEMPLATE_DEPTH;
	ctxt->opLimit = THEME_MAX_OPERATIONS;
	ctxt->xpathCtxt->opLimit = THEME_MAX_XPATH_OPERATIONS;
	if (params && xsltQuoteUserParams(ctxt, params) != 0)
		diag_err("theme: bad parameters");
	watchdog_start(t->entry, WATCHDOG_THEME_SECONDS);
	messages_begin();
	out = xsltApplyStylesheetUser(t->style, book, NULL, NULL, NULL, ctxt);
	messages_end(t);
	watchdog_stop();
	if (out == NULL || ctxt->state != XSLT_STATE_OK ||
	    diag_errors() != before)
		diag(DIAG_ERROR, t->entry, 0, 0, "theme: the transform failed");
	else
		rc = collect_outputs(t, out, res);
	xsltFreeTransformContext(ctxt);
	xmlFreeDoc(out);
	if (rc < 0)
		theme_result_free(res);
	return rc;
}

void
theme_result_free(struct theme_result *res)
{
	int i;

	for (i = 0; i < res->nfiles; i++) {
		free(res->files[i].path);
		free(res->files[i].data);
	}
	free(res->files);
	memset(res, 0, sizeof(*res));
}

/* --- UI strings for the translation template --- */

static void
add_string(struct theme_string **out, int *n, const char *text, size_t len,
    const char *file, int line)
{
	*out = xrealloc(*out, (size_t)(*n + 1) * sizeof(**out));
	(*out)[*n].plural = NULL;
	(*out)[*n].text = xstrndup(text, len);
	(*out)[*n].file = xstrdup(file ? file : "");
	(*out)[*n].line = line;
	(*n)++;
}

/* Reads a quoted literal at *p; returns its length or -1. */
static int
literal(const char **p, const char **start)
{
	const char *q;
	char quote;

	while (**p == ' ')
		(*p)++;
	quote = **p;
	if (quote != '\'' && quote != '"')
		return -1;
	q = strchr(*p + 1, quote);
	if (q == NULL)
		return -1;
	*start = *p + 1;
	*p = q + 1;
	return (int)(q - *start);
}

/* Finds hb:t('...') and hb:tn('...', '...', i) calls in XPath text. */
static void
scan_value(const char *v, const char *file, int line, struct theme_string **out,
    int *n)
{
	const char *p = v, *a, *b;
	int plural, la, lb;

	while ((p = strstr(p, "hb:t")) != NULL) {
		p += 4;
		plural = *p == 'n';
		if (*(p += plural) != '(')
			continue;
		p++;
		if ((la = literal(&p, &a)) < 0)
			continue;
		add_string(out, n, a, (size_t)la, file, line);
		while (plural && (*p == ' ' || *p == ','))
			p++;
		if (plural && (lb = literal(&p, &b)) >= 0)
			(*out)[*n - 1].plural = xstrndup(b, (size_t)lb);
	}
}

static void
scan_node(xmlNode *node, const char *file, struct theme_string **out, int *n)
{
	xmlAttr *a;
	xmlChar *v;

	for (; node; node = node->next) {
		if (node->type != XML_ELEMENT_NODE)
			continue;
		for (a = node->properties; a; a = a->next) {
			v = xmlNodeListGetString(node->doc, a->children, 1);
			if (v)
				scan_value((const char *)v, file,
				    xmlGetLineNo(node), out, n);
			xmlFree(v);
		}
		scan_node(node->children, file, out, n);
	}
}

static void
scan_stylesheet(xsltStylesheetPtr style, struct theme_string **out, int *n)
{
	xsltDocumentPtr inc;

	for (; style; style = style->next) {
		if (style->doc)
			scan_node(xmlDocGetRootElement(style->doc),
			    (const char *)style->doc->URL, out, n);
		for (inc = style->docList; inc; inc = inc->next)
			if (inc->doc)
				scan_node(xmlDocGetRootElement(inc->doc),
				    (const char *)inc->doc->URL, out, n);
		scan_stylesheet(style->imports, out, n);
	}
}

int
theme_strings(const struct theme *t, struct theme_string **out)
{
	int n = 0;

	*out = NULL;
	scan_stylesheet(t->style, out, &n);
	return n;
}

void
theme_strings_free(struct theme_string *s, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		free(s[i].text);
		free(s[i].plural);
		free(s[i].file);
	}
	free(s);
}
