/*
 * Translation catalogs. libgettextpo (gettext's own reader) parses and
 * checks the PO syntax; it does not tell which line each message starts
 * on, so a small scan of the text maps messages to lines for diagnostics.
 */
#include "catalog.h"

#include <ctype.h>
#include <errno.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <gettext-po.h>
#include <unicode/uloc.h>
#include <unicode/utf8.h>

#include "bounds.h"
#include "diag.h"
#include "lint.h"
#include "locale.h"
#include "markdown.h"
#include "memlimit.h"
#include "pohint.h"
#include "strmap.h"
#include "util.h"

struct entry {
	char *key; /* msgctxt "\004" msgid, or msgid */
	char *msgstr;
	char **plural; /* msgstr[0..nplural-1] of plural entries */
	int nplural;
	int state;
	char *comments; /* translator comments ("# ..."), or NULL */
	char *extracted; /* extracted comments ("#. ..."), or NULL */
	int line; /* of its msgid */
	int str_line; /* of its (first) msgstr */
};

struct catalog {
	char *path;
	char *plural_expr; /* "plural=" part of the Plural-Forms header */
	int nplurals;
	int plural_line; /* line of Plural-Forms, for diagnostics */
	char *plural_hint; /* "for Persian write `...`", or NULL */
	int plural_reported; /* Plural-Forms already reported as wrong */
	struct entry *entries; /* in the order first seen */
	size_t count, cap;
	struct strmap index; /* key -> its place in entries */
};

/* --- a small hash table of entries, keyed by context and msgid --- */

static char *
make_key(const char *ctxt, const char *msgid)
{
	return ctxt ? xasprintf("%s\004%s", ctxt, msgid) : xstrdup(msgid);
}

/* The entry of key (made by make_key, freed here), added when absent. */
static struct entry *
insert(struct catalog *c, char *key)
{
	int added, *at = strmap_put(&c->index, key, &added);

	if (added) {
		if (c->count == c->cap) {
			c->cap = c->cap ? c->cap * 2 : 256;
			c->entries =
			    xrealloc(c->entries, c->cap * sizeof(*c->entries));
		}
		memset(&c->entries[c->count], 0, sizeof(*c->entries));
		c->entries[c->count].key = key;
		*at = (int)c->count++;
	} else
		free(key);
	return &c->entries[*at];
}

static const struct entry *
lookup(const struct catalog *c, const char *ctxt, const char *msgid)
{
	char *key = make_key(ctxt, msgid);
	const int *at = strmap_get(&c->index, key);

	free(key);
	return at ? &c->entries[*at] : NULL;
}

/* --- error handling: libgettextpo's messages go to diag --- */

static jmp_buf po_fatal;
static const char *po_current;
static struct catalog *po_catalog; /* the catalog being read, or NULL */

static void
report(int severity, const char *file, size_t line, size_t col,
    const char *text)
{
	char *msg, *end;

	/* The headers that matter are checked below; the rest is noise. */
	if (severity == PO_SEVERITY_WARNING && strstr(text, "header field"))
		return;
	/* A wrong Plural-Forms was reported by check_header, with its line. */
	if (po_catalog && po_catalog->plural_reported &&
	    (strstr(text, "nplurals") || strstr(text, "plural expression") ||
	        strstr(text, "plural form")))
		return;
	msg = xstrdup(text);
	end = msg + strlen(msg);
	while (end > msg && end[-1] == '\n')
		*--end = '\0';
	for (end = msg; *end; end++)
		if (*end == '\n')
			*end = ' ';
	diag(severity == PO_SEVERITY_WARNING ? DIAG_WARNING : DIAG_ERROR,
	    file ? file : po_current, line == (size_t)-1 ? 0 : (int)line,
	    col == (size_t)-1 ? 0 : (int)col, "%s", msg);
	free(msg);
}

static void
on_xerror(int severity, po_message_t message, const char *file, size_t line,
    size_t col, int multiline, const char *text)
{
	(void)message;
	(void)multiline;
	report(severity, file, line, col, text);
	if (severity == PO_SEVERITY_FATAL_ERROR)
		longjmp(po_fatal, 1);
}

/* The line where message m starts, from the scan of the file; 0 if none. */
static int
message_line(po_message_t m)
{
	const struct entry *e;

	if (m == NULL || po_catalog == NULL)
		return 0;
	if (*po_message_msgid(m) == '\0')
		return po_catalog->plural_line;
	e = lookup(po_catalog, po_message_msgctxt(m), po_message_msgid(m));
	return e ? e->line : 0;
}

/*
 * Two messages about two places ("duplicate message definition" + "this
 * is the location of the first definition"; "nplurals = 3" + "but some
 * messages have only 2 plural forms"): one sentence naming both lines.
 * libgettextpo gives no line for the second place, nor for the header.
 */
static void
on_xerror2(int severity, po_message_t m1, const char *file1, size_t line1,
    size_t col1, int multiline1, const char *text1, po_message_t m2,
    const char *file2, size_t line2, size_t col2, int multiline2,
    const char *text2)
{
	int first =
	    line2 && line2 != (size_t)-1 ? (int)line2 : message_line(m2);
	char *both;

	(void)multiline1;
	(void)multiline2;
	(void)file2;
	(void)col2;
	if (line1 == 0 || line1 == (size_t)-1)
		line1 = (size_t)message_line(m1);
	if (strncmp(text2, "this is the location", 20) == 0)
		both = xasprintf("%s; the first is on line %d", text1, first);
	else if (m1 && *po_message_msgid(m1) == '\0')
		both =
		    xasprintf("Plural-Forms says %s, %s, such as the entry on "
		              "line %d%s%s",
		        text1, text2, first,
		        po_catalog && po_catalog->plural_hint ? "; " : "",
		        po_catalog && po_catalog->plural_hint ?
		            po_catalog->plural_hint :
		            "");
	else
		both = xasprintf("%s (%s: line %d)", text1, text2, first);
	report(severity, file1, line1, col1, both);
	if (po_catalog && m1 && *po_message_msgid(m1) == '\0')
		po_catalog->plural_reported = 1;
	free(both);
	if (severity == PO_SEVERITY_FATAL_ERROR)
		longjmp(po_fatal, 1);
}

static const struct po_xerror_handler handler = {on_xerror, on_xerror2};

/* --- lines of entries, and what libgettextpo lets through --- */

/* The value of the octal (\\0 … \\377) or hex (\\x..) escape at p. */
static unsigned long
escape_value(const char **p)
{
	unsigned long v = 0;
	int i;

	if (**p == 'x') {
		while (isxdigit((unsigned char)(*p)[1]) && v < 0x100) {
			(*p)++;
			v = v * 16 +
			    (unsigned long)(isdigit((unsigned char)**p) ?
			            **p - '0' :
			            (tolower((unsigned char)**p) - 'a' + 10));
		}
		return v;
	}
	for (i = 0; i < 3 && **p >= '0' && **p <= '7'; i++, (*p)++)
		v = v * 8 + (unsigned long)(**p - '0');
	(*p)--;
	return v;
}

/*
 * Appends the C-escaped PO string starting at p (after the quote). Sets
 * *has_nul for an escape whose value is 0, which gettext accepts and then
 * silently cuts the string at.
 */
static int
append_po_string(struct buf *b, const char *p, int *has_nul)
{
	for (; *p && *p != '"'; p++) {
		if (*p != '\\') {
			buf_addch(b, *p);
			continue;
		}
		switch (*++p) {
		case 'n': buf_addch(b, '\n'); break;
		case 't': buf_addch(b, '\t'); break;
		case '\0': return -1;
		default:
			if (*p == 'x' || (*p >= '0' && *p <= '7')) {
				if (escape_value(&p) == 0)
					*has_nul = 1;
			} else
				buf_addch(b, *p);
		}
	}
	return 0;
}

/* Starts accumulating a new PO string field into b. */
static void
start_field(struct buf *b)
{
	buf_free(b);
	buf_addch(b, '\0');
	b->len = 0;
}

/*
 * Records the line of every msgid, and reports the escaped NUL that
 * msgfmt accepts and silently cuts the string at. Obsolete entries ("#~")
 * are comments here, as they are for gettext.
 */
static void
scan_lines(struct catalog *c, const char *text, int *errors)
{
	struct buf ctxt = {0}, id = {0}, str = {0}, *field = NULL;
	int line = 0, id_line = 0, in_ctxt = 0, pending = 0, has_nul;
	const char *p = text, *eol;
	struct entry *e;

	for (; *p; p = *eol ? eol + 1 : eol) {
		eol = strchr(p, '\n');
		if (eol == NULL)
			eol = p + strlen(p);
		line++;
		has_nul = 0;
		if (strncmp(p, "msgctxt \"", 9) == 0) {
			start_field(&ctxt);
			field = &ctxt;
			in_ctxt = 1;
			append_po_string(field, p + 9, &has_nul);
		} else if (strncmp(p, "msgid \"", 7) == 0) {
			start_field(&id);
			id_line = line;
			pending = 1;
			field = &id;
			append_po_string(field, p + 7, &has_nul);
		} else if (strncmp(p, "msgstr", 6) == 0 && strchr(p, '"')) {
			if (pending) {
				e = insert(c,
				    make_key(in_ctxt ? ctxt.data : NULL,
				        id.data));
				if (e->line ==
				    0) { /* a duplicate's first line */
					e->line = id_line;
					e->str_line = line;
				}
			}
			in_ctxt = pending = 0;
			start_field(&str);
			field = &str;
			append_po_string(field, strchr(p, '"') + 1, &has_nul);
		} else if (*p == '"' && field) {
			append_po_string(field, p + 1, &has_nul);
		} else if (strncmp(p, "msgid_plural \"", 14) == 0) {
			start_field(&str);
			field = &str;
			append_po_string(field, p + 14, &has_nul);
		} else
			field = NULL;
		if (has_nul) {
			diag(DIAG_ERROR, c->path, line, 0,
			    "an escaped NUL character (\\0 or \\x00) is not "
			    "allowed in a catalog: gettext would cut the text there");
			(*errors)++;
		}
	}
	buf_free(&ctxt);
	buf_free(&id);
	buf_free(&str);
}

static void check_plural(struct catalog *c, int line, int *errors);
/* Checks Language against the file's tag (Poedit writes pt_BR). */
static void
check_language(struct catalog *c, const char *lang, const char *tag, int line,
    int *errors)
{
	char id[96], canon[64];
	UErrorCode st = U_ZERO_ERROR;

	if (lang == NULL || *lang == '\0') {
		diag(DIAG_ERROR, c->path, line, 0,
		    "the header has no Language field; write `Language: %s`",
		    tag);
		(*errors)++;
		return;
	}
	uloc_canonicalize(lang, id, sizeof(id), &st);
	if (ICU_FITS(st))
		uloc_toLanguageTag(id, canon, sizeof(canon), 0, &st);
	if (!ICU_FITS(st) || strcmp(canon, tag) != 0) {
		diag(DIAG_ERROR, c->path, line, 0,
		    "the header says Language '%s' but the file is named for "
		    "'%s'; write `Language: %s` (or rename the file)",
		    lang, tag, tag);
		(*errors)++;
	}
}

/* Checks Plural-Forms: present, not msginit's placeholder, parsed. */
static void
check_plural_forms(struct catalog *c, const char *plural, int *errors)
{
	const char *hint =
	    c->plural_hint ? c->plural_hint : "see translations/README.md";

	if (plural &&
	    (strstr(plural, "INTEGER") || strstr(plural, "EXPRESSION")))
		diag(DIAG_ERROR, c->path, c->plural_line, 0,
		    "Plural-Forms still has the template placeholder; %s",
		    hint);
	else if (plural == NULL || strstr(plural, "nplurals=") == NULL ||
	    strstr(plural, "plural=") == NULL)
		diag(DIAG_ERROR, c->path, c->plural_line, 0,
		    "the header has no Plural-Forms field; %s", hint);
	else {
		c->nplurals = atoi(strstr(plural, "nplurals=") + 9);
		c->plural_expr = xstrdup(strstr(plural, " plural=") ?
		        strstr(plural, " plural=") + 8 :
		        strstr(plural, "plural=") + 7);
		return;
	}
	c->plural_reported = 1;
	(*errors)++;
}

/* Header checks that msgfmt does not make (see SECURITY.md). */
static void
check_header(struct catalog *c, po_file_t po, const char *tag, const char *text,
    int *errors)
{
	const char *header = po_file_domain_header(po, NULL);
	char *ct = NULL, *lang = NULL, *plural = NULL;

	if (header == NULL) {
		diag(DIAG_ERROR, c->path, 1, 0,
		    "the catalog has no header entry (msgid \"\"); start it "
		    "with \"handbook init %s\"",
		    tag);
		(*errors)++;
		return;
	}
	ct = po_header_field(header, "Content-Type");
	lang = po_header_field(header, "Language");
	plural = po_header_field(header, "Plural-Forms");
	if (ct == NULL || strcasestr(ct, "charset=UTF-8") == NULL) {
		diag(DIAG_ERROR, c->path,
		    pohint_field_line(text, "Content-Type"), 0,
		    "the catalog must be UTF-8 (Content-Type: text/plain; "
		    "charset=UTF-8), not '%s'",
		    ct ? ct : "");
		(*errors)++;
	}
	check_language(c, lang, tag, pohint_field_line(text, "Language"),
	    errors);
	check_plural_forms(c, plural, errors);
	free(ct);
	free(lang);
	free(plural);
}

/*
 * A string as gettext gives it, after its escapes: "\\377" or "\\f" can
 * make bytes that are not UTF-8 or control characters that XML forbids.
 */
static void
check_unescaped(const struct catalog *c, int line, const char *s)
{
	int32_t i = 0, at, n = (int32_t)strlen(s);
	UChar32 ch;

	while (i < n) {
		at = i;
		U8_NEXT((const uint8_t *)s, i, n, ch);
		if (ch < 0) {
			diag(DIAG_ERROR, c->path, line, 0,
			    "the byte 0x%02X (an escape such as '\\%o') is not "
			    "UTF-8; write the character itself",
			    (unsigned char)s[at], (unsigned char)s[at]);
			return;
		}
		if ((ch < 0x20 && ch != '\n' && ch != '\t') || ch == 0x7f ||
		    (ch >= 0x80 && ch < 0xa0)) {
			diag(DIAG_ERROR, c->path, line, 0,
			    "the control character U+%04X (from an escape such as "
			    "'\\f', '\\b' or '\\v') is not allowed",
			    (unsigned)ch);
			return;
		}
	}
}

static void
check_message(const struct catalog *c, const struct entry *e, po_message_t m)
{
	const char *id = po_message_msgid(m);
	int k;

	check_unescaped(c, e->line, id);
	if (po_message_msgid_plural(m))
		check_unescaped(c, e->line, po_message_msgid_plural(m));
	check_unescaped(c, e->str_line, e->msgstr);
	for (k = 0; k < e->nplural; k++)
		check_unescaped(c, e->str_line, e->plural[k]);
}

static void
read_messages(struct catalog *c, po_file_t po)
{
	po_message_iterator_t it = po_message_iterator(po, NULL);
	po_message_t m;
	struct entry *e;
	const char *id, *str;

	while ((m = po_next_message(it)) != NULL) {
		id = po_message_msgid(m);
		if (*id == '\0' || po_message_is_obsolete(m))
			continue;
		e = insert(c, make_key(po_message_msgctxt(m), id));
		str = po_message_msgid_plural(m) ?
		    po_message_msgstr_plural(m, 0) :
		    po_message_msgstr(m);
		free(e->msgstr);
		e->msgstr = xstrdup(str ? str : "");
		if (po_message_msgid_plural(m)) {
			int k;
			for (k = 0; po_message_msgstr_plural(m, k); k++) {
				e->plural = xrealloc(e->plural,
				    (size_t)(k + 1) * sizeof(char *));
				e->plural[k] =
				    xstrdup(po_message_msgstr_plural(m, k));
				e->nplural = k + 1;
				if (*e->plural[k] == '\0')
					str = "";
			}
			if (str == NULL || *str == '\0')
				e->msgstr[0] = '\0';
		}
		free(e->comments);
		free(e->extracted);
		e->comments = *po_message_comments(m) ?
		    xstrdup(po_message_comments(m)) :
		    NULL;
		e->extracted = *po_message_extracted_comments(m) ?
		    xstrdup(po_message_extracted_comments(m)) :
		    NULL;
		check_message(c, e, m);
		if (e->msgstr[0] == '\0')
			e->state = CAT_UNTRANSLATED;
		else
			e->state =
			    po_message_is_fuzzy(m) ? CAT_FUZZY : CAT_TRANSLATED;
	}
	po_message_iterator_free(it);
}

struct catalog *
catalog_load(const char *path, const char *tag)
{
	struct catalog *c = xcalloc(1, sizeof(*c));
	int before = diag_errors(), errors = 0;
	po_file_t volatile po = NULL;
	char *volatile saved_env = NULL;
	size_t len;
	char *volatile text; /* read after setjmp */

	c->path = xstrdup(path);
	memlimit_note(path);
	text = file_read(path, CATALOG_MAX_BYTES, &len);
	if (text == NULL) {
		diag_read_failed(path, "cannot read", CATALOG_MAX_BYTES);
		goto fail;
	}
	if (pohint_encoding(path, text, len) < 0 ||
	    markdown_check_text(path, text, len) < 0 ||
	    (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)) {
		if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
			diag(DIAG_ERROR, path, 1, 1,
			    "a byte-order mark is not allowed in a catalog; "
			    "save it as UTF-8 without a byte-order mark (BOM)");
		free(text);
		goto fail;
	}
	scan_lines(c, text, &errors);
	c->plural_line = pohint_field_line(text, "Plural-Forms");
	c->plural_hint = pohint_plural(tag);
	po_current = path;
	po_catalog = c;
	/*
	 * The text is known to be valid UTF-8, and any other charset is
	 * refused below. OLD_PO_FILE_INPUT (a gettext variable) makes the
	 * lexer read bytes instead of passing every character through
	 * iconv(), which was two thirds of the reading time. No byte of a
	 * UTF-8 multibyte character is '"', '\\' or a newline, so the
	 * strings read are the same.
	 */
	saved_env = getenv("OLD_PO_FILE_INPUT");
	saved_env = saved_env ? xstrdup(saved_env) : NULL;
	setenv("OLD_PO_FILE_INPUT", "1", 1);
	if (setjmp(po_fatal) == 0) {
		po = po_file_read(path, &handler);
		if (po != NULL) {
			check_header(c, po, tag, text, &errors);
			if (c->plural_expr)
				check_plural(c, c->plural_line, &errors);
			po_file_check_all(po, &handler);
			read_messages(c, po);
			errors += lint_catalog(c, po);
		}
	}
	po_catalog = NULL;
	free(text);
	if (saved_env)
		setenv("OLD_PO_FILE_INPUT", saved_env, 1);
	else
		unsetenv("OLD_PO_FILE_INPUT");
	free(saved_env);
	if (po)
		po_file_free(po);
	if (po == NULL || errors || diag_errors() != before)
		goto fail;
	return c;
fail:
	catalog_free(c);
	return NULL;
}

void
catalog_free(struct catalog *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->count; i++) {
		int k;
		free(c->entries[i].key);
		free(c->entries[i].msgstr);
		free(c->entries[i].comments);
		free(c->entries[i].extracted);
		for (k = 0; k < c->entries[i].nplural; k++)
			free(c->entries[i].plural[k]);
		free(c->entries[i].plural);
	}
	free(c->entries);
	strmap_free(&c->index);
	free(c->plural_expr);
	free(c->plural_hint);
	free(c->path);
	free(c);
}

const char *
catalog_path(const struct catalog *c)
{
	return c->path;
}

const char *
catalog_lookup(const struct catalog *c, const char *msgctxt, const char *msgid,
    int *line)
{
	const struct entry *e = c ? lookup(c, msgctxt, msgid) : NULL;

	if (line)
		*line = e ? e->line : 0;
	return e && e->state == CAT_TRANSLATED ? e->msgstr : NULL;
}

int
catalog_entry(const struct catalog *c, const char *msgctxt, const char *msgid,
    struct catalog_entry *out)
{
	const struct entry *e = c ? lookup(c, msgctxt, msgid) : NULL;

	memset(out, 0, sizeof(*out));
	out->state = CAT_UNTRANSLATED;
	out->msgstr = out->comments = out->extracted = "";
	if (e == NULL || e->msgstr == NULL)
		return -1;
	out->state = (enum catalog_state)e->state;
	out->line = e->line;
	out->msgstr = e->msgstr;
	out->comments = e->comments ? e->comments : "";
	out->extracted = e->extracted ? e->extracted : "";
	return 0;
}

const char *
catalog_lookup_plural(const struct catalog *c, const char *msgid, int index)
{
	const struct entry *e = c ? lookup(c, NULL, msgid) : NULL;

	if (e == NULL || e->state != CAT_TRANSLATED || index < 0 ||
	    index >= e->nplural)
		return NULL;
	return e->plural[index];
}

/*
 * A small evaluator for the C expressions of Plural-Forms (n, integers,
 * ! * / % + - < > <= >= == != && || ?: and parentheses). gettext has one
 * but does not export it.
 */
struct plural_parser {
	const char *p;
	unsigned long n; /* gettext evaluates in unsigned long too */
	int depth; /* nested parentheses, '!' and '?:' */
	int bad;
};

/*
 * A parenthesis costs two levels (a ternary and a primary). 1000 levels
 * are far deeper than any real rule (Arabic's needs 12) and gettext's own
 * parser, yet keep a hostile header off the stack, also under ASan. A rule
 * deeper than that is refused when the catalog is read (check_plural).
 */
#define PLURAL_MAX_DEPTH 1000

static unsigned long plural_ternary(struct plural_parser *pp);

static void
skip_space(struct plural_parser *pp)
{
	while (*pp->p == ' ' || *pp->p == '\t')
		pp->p++;
}

/* Consumes c, or marks the expression bad (never stepping past the end). */
static void
expect_char(struct plural_parser *pp, char c)
{
	skip_space(pp);
	if (*pp->p == c)
		pp->p++;
	else
		pp->bad = 1;
}

static unsigned long
plural_primary(struct plural_parser *pp)
{
	unsigned long v;

	skip_space(pp);
	if (pp->bad || ++pp->depth > PLURAL_MAX_DEPTH) {
		pp->bad = 1;
		return 0;
	}
	if (*pp->p == '(') {
		pp->p++;
		v = plural_ternary(pp);
		expect_char(pp, ')');
	} else if (*pp->p == '!') {
		pp->p++;
		v = !plural_primary(pp);
	} else if (*pp->p == 'n') {
		pp->p++;
		v = pp->n;
	} else if (*pp->p >= '0' && *pp->p <= '9') {
		v = strtoul(pp->p, (char **)&pp->p, 10);
	} else {
		pp->bad = 1;
		v = 0;
	}
	pp->depth--;
	return v;
}

/* Binary operators by precedence, lowest first. */
static const char *const levels[][4] = {{"||"}, {"&&"}, {"==", "!="},
    {"<=", ">=", "<", ">"}, {"+", "-"}, {"*", "/", "%"}};

static unsigned long
plural_binary(struct plural_parser *pp, int level)
{
	unsigned long a, b;
	int i, found;

	if (level == 6)
		return plural_primary(pp);
	a = plural_binary(pp, level + 1);
	while (!pp->bad) {
		skip_space(pp);
		for (i = found = 0; i < 4 && levels[level][i] && !found; i++)
			if (strncmp(pp->p, levels[level][i],
			        strlen(levels[level][i])) == 0)
				found = i + 1;
		if (!found)
			return a;
		pp->p += strlen(levels[level][found - 1]);
		b = plural_binary(pp, level + 1);
		switch (levels[level][found - 1][0] * 256 +
		    levels[level][found - 1][1]) {
		case '|' * 256 + '|': a = a || b; break;
		case '&' * 256 + '&': a = a && b; break;
		case '=' * 256 + '=': a = a == b; break;
		case '!' * 256 + '=': a = a != b; break;
		case '<' * 256 + '=': a = a <= b; break;
		case '>' * 256 + '=': a = a >= b; break;
		case '<' * 256: a = a < b; break;
		case '>' * 256: a = a > b; break;
		case '+' * 256: a = a + b; break;
		case '-' * 256: a = a - b; break;
		case '*' * 256: a = a * b; break;
		case '/' * 256: a = b ? a / b : (pp->bad = 1, 0); break;
		case '%' * 256: a = b ? a % b : (pp->bad = 1, 0); break;
		}
	}
	return 0;
}

static unsigned long
plural_ternary(struct plural_parser *pp)
{
	unsigned long c, a, b;

	if (++pp->depth > PLURAL_MAX_DEPTH) {
		pp->bad = 1;
		return 0;
	}
	c = plural_binary(pp, 0);
	skip_space(pp);
	if (!pp->bad && *pp->p == '?') {
		pp->p++;
		a = plural_ternary(pp);
		expect_char(pp, ':');
		b = pp->bad ? 0 : plural_ternary(pp);
		c = c ? a : b;
	}
	pp->depth--;
	return c;
}

/* A rule gettext accepts but this evaluator cannot is an error, never a
 * silent table of zeros. */
static void
check_plural(struct catalog *c, int line, int *errors)
{
	int n;

	for (n = 0; n < PLURAL_TABLE_SIZE; n++) {
		struct plural_parser pp = {c->plural_expr, (unsigned long)n, 0,
		    0};
		plural_ternary(&pp);
		if (pp.bad) {
			diag(DIAG_ERROR, c->path, line, 0,
			    "the Plural-Forms rule cannot be evaluated for n = "
			    "%d (nested more than %d levels, or malformed)",
			    n, PLURAL_MAX_DEPTH / 2);
			(*errors)++;
			return;
		}
	}
}

int
catalog_plural_table(const struct catalog *c, int table[PLURAL_TABLE_SIZE])
{
	struct plural_parser pp;
	unsigned long v;
	int n, forms = c && c->nplurals > 0 ? c->nplurals : 2;

	for (n = 0; n < PLURAL_TABLE_SIZE; n++) {
		if (c == NULL || c->plural_expr == NULL) {
			table[n] = n != 1;
			continue;
		}
		pp = (struct plural_parser){c->plural_expr, (unsigned long)n, 0,
		    0};
		v = plural_ternary(&pp);
		table[n] = pp.bad || v >= (unsigned long)forms ? 0 : (int)v;
	}
	return forms;
}

enum catalog_state
catalog_state(const struct catalog *c, const char *msgctxt, const char *msgid)
{
	const struct entry *e = c ? lookup(c, msgctxt, msgid) : NULL;

	return e && e->msgstr ? (enum catalog_state)e->state : CAT_UNTRANSLATED;
}

/* --- the template --- */

struct catalog_template {
	po_file_t po;
	po_message_iterator_t it;
	struct strmap index; /* key -> its message in messages */
	po_message_t *messages;
	size_t nmessages;
};

struct catalog_template *
catalog_template_new(const char *title)
{
	struct catalog_template *t = xcalloc(1, sizeof(*t));
	po_message_t header = po_message_create();
	char *comment;

	t->po = po_file_create();
	t->it = po_message_iterator(t->po, NULL);
	/* No creation date: the same sources give the same template. */
	po_message_set_msgid(header, "");
	po_message_set_msgstr(header,
	    "Project-Id-Version: handbook\n"
	    "Language: \n"
	    "MIME-Version: 1.0\n"
	    "Content-Type: text/plain; charset=UTF-8\n"
	    "Content-Transfer-Encoding: 8bit\n"
	    "Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\n");
	comment = xasprintf("Translation template of \"%s\".\n"
	                    "Generated by \"handbook extract\"; do not edit: "
	                    "translate a copy (see translations/README.md).\n",
	    title);
	po_message_set_comments(header, comment);
	free(comment);
	po_message_set_fuzzy(header, 1);
	po_message_insert(t->it, header);
	return t;
}

void
catalog_template_add(struct catalog_template *t, const char *msgctxt,
    const char *msgid, const char *file, int line, const char *comment)
{
	char *key = make_key(msgctxt, msgid);
	int added, *at = strmap_put(&t->index, key, &added);
	po_message_t m;

	free(key);
	if (added) {
		m = po_message_create();
		if (msgctxt)
			po_message_set_msgctxt(m, msgctxt);
		po_message_set_msgid(m, msgid);
		po_message_set_msgstr(m, "");
		if (comment)
			po_message_set_extracted_comments(m, comment);
		/* msgfmt --check, Poedit, Weblate and pofilter then check
		 * that translations keep {n}, {query}, {percent}. */
		if (lint_has_brace_placeholder(msgid))
			po_message_set_format(m, "python-brace-format", 1);
		po_message_insert(t->it, m);
		t->messages = xrealloc(t->messages,
		    (t->nmessages + 1) * sizeof(*t->messages));
		t->messages[t->nmessages] = m;
		*at = (int)t->nmessages++;
	}
	po_message_add_filepos(t->messages[*at], file, (size_t)line);
}

void
catalog_template_set_plural(struct catalog_template *t, const char *msgid,
    const char *msgid_plural)
{
	const int *at = strmap_get(&t->index, msgid);
	po_message_t m;

	if (at == NULL)
		return;
	m = t->messages[*at];
	po_message_set_msgid_plural(m, msgid_plural);
	po_message_set_msgstr_plural(m, 0, "");
	po_message_set_msgstr_plural(m, 1, "");
}

int
catalog_template_write(struct catalog_template *t, const char *path)
{
	char *tmp = xasprintf("%s.tmp", path);
	int rc = 0;

	po_current = path;
	if (setjmp(po_fatal) != 0 ||
	    po_file_write(t->po, tmp, &handler) == NULL ||
	    rename(tmp, path) != 0) {
		diag(DIAG_ERROR, path, 0, 0, "cannot write the template: %s",
		    strerror(errno));
		remove(tmp);
		rc = -1;
	}
	free(tmp);
	return rc;
}

void
catalog_template_free(struct catalog_template *t)
{
	if (t == NULL)
		return;
	po_message_iterator_free(t->it);
	po_file_free(t->po);
	strmap_free(&t->index);
	free(t->messages);
	free(t);
}
