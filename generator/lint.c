/*
 * Each translation against its source. The build already refuses a
 * translation that adds a link target or footnote, and parses every
 * msgstr with cmark; what it cannot see is what the translation lost or
 * garbled: a placeholder the program fills in, a dropped link, an odd
 * number of '**', an invisible direction mark that breaks "](". These are
 * token checks on the msgid, which the generator writes itself (so its
 * Markdown is regular), and on the msgstr.
 */
#include "lint.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gettext-po.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "catalog.h"
#include "diag.h"
#include "util.h"

static int complete;

void
lint_set_complete(int on)
{
	complete = on;
}

/* --- token lists --- */

struct list {
	char **v;
	int n;
};

static void
list_add(struct list *l, const char *s, size_t len)
{
	l->v = xrealloc(l->v, (size_t)(l->n + 1) * sizeof(char *));
	l->v[l->n] = xmalloc(len + 1);
	memcpy(l->v[l->n], s, len);
	l->v[l->n++][len] = '\0';
}

static void
list_free(struct list *l)
{
	while (l->n > 0)
		free(l->v[--l->n]);
	free(l->v);
	l->v = NULL;
}

static int
list_has(const struct list *l, const char *s)
{
	int i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return 1;
	return 0;
}

/* --- placeholders: {name} and printf's %s, %d, %1$s --- */

static size_t
brace_len(const char *p)
{
	size_t i = 1;

	if (p[0] != '{' ||
	    !(p[1] == '_' || (p[1] >= 'a' && p[1] <= 'z') ||
	        (p[1] >= 'A' && p[1] <= 'Z')))
		return 0;
	while (p[i] == '_' || (p[i] >= 'a' && p[i] <= 'z') ||
	    (p[i] >= 'A' && p[i] <= 'Z') || (p[i] >= '0' && p[i] <= '9'))
		i++;
	return p[i] == '}' ? i + 1 : 0;
}

static size_t
printf_len(const char *p)
{
	size_t i = 1;

	if (p[0] != '%')
		return 0;
	while (p[i] >= '0' && p[i] <= '9')
		i++;
	if (i > 1 && p[i] == '$')
		i++;
	else
		i = 1;
	return p[i] && strchr("sdiu", p[i]) ? i + 1 : 0;
}

static void
placeholders(const char *s, struct list *out)
{
	size_t n;

	for (; *s; s++) {
		if (s[0] == '%' && s[1] == '%') {
			s++;
			continue;
		}
		if ((n = brace_len(s)) || (n = printf_len(s))) {
			list_add(out, s, n);
			s += n - 1;
		}
	}
}

int
lint_has_brace_placeholder(const char *s)
{
	for (; *s; s++)
		if (brace_len(s))
			return 1;
	return 0;
}

/* --- Markdown tokens of the source: link targets, footnotes, URLs --- */

static const char *skip_bidi(const char *p);

static void
link_targets(const char *s, struct list *out)
{
	const char *p, *end;

	for (p = s; (p = strchr(p, ']')) != NULL; p++) {
		const char *q = skip_bidi(p + 1);
		if (*q != '(')
			continue;
		q = skip_bidi(q + 1);
		end = *q == '<' ? strchr(q, '>') : q + strcspn(q, " )");
		if (end && end > q)
			list_add(out, q + (*q == '<'),
			    (size_t)(end - q) - (*q == '<'));
	}
	for (p = s; (p = strchr(p, '<')) != NULL; p++)
		if ((strncmp(p + 1, "http", 4) == 0 ||
		        strncmp(p + 1, "mailto:", 7) == 0) &&
		    (end = strchr(p, '>')) != NULL)
			list_add(out, p + 1, (size_t)(end - p - 1));
}

static void
footnotes(const char *s, struct list *out)
{
	const char *p;
	size_t n;

	for (p = s; (p = strstr(p, "[^")) != NULL; p += 2)
		if ((n = strspn(p + 2, "0123456789")) > 0 && p[2 + n] == ']')
			list_add(out, p, n + 3);
}

static void
web_addresses(const char *s, struct list *out)
{
	const char *p;

	for (p = s; (p = strstr(p, "://")) != NULL; p += 3) {
		const char *start = p;
		while (start > s && ((start[-1] >= 'a' && start[-1] <= 'z')))
			start--;
		if (strncmp(start, "http", 4) == 0)
			list_add(out, start, strcspn(start, " )>\n\"'"));
	}
}

/* Numbers by value, in any script's digits ("١٩٧٨" is "1978"). */
static void
numbers(const char *s, struct list *out)
{
	int32_t i = 0, n = (int32_t)strlen(s);
	struct buf b = {0};
	UChar32 c;

	while (i <= n) {
		c = 0;
		if (i < n)
			U8_NEXT((const uint8_t *)s, i, n, c);
		else
			i++;
		if (c > 0 && u_isdigit(c)) {
			buf_addch(&b, (char)('0' + u_charDigitValue(c)));
			continue;
		}
		if (b.len)
			list_add(out, b.data, b.len);
		b.len = 0;
	}
	buf_free(&b);
}

/* --- bidirectional controls inside Markdown syntax --- */

static int
bidi_at(const char *p, UChar32 *cp)
{
	int32_t i = 0;
	UChar32 c;

	U8_NEXT((const uint8_t *)p, i, 4, c);
	*cp = c;
	return (c == 0x061c || c == 0x200e || c == 0x200f ||
	           (c >= 0x202a && c <= 0x202e) ||
	           (c >= 0x2066 && c <= 0x2069)) ?
	    i :
	    0;
}

static const char *
skip_bidi(const char *p)
{
	UChar32 c;
	int n;

	while (*p && (n = bidi_at(p, &c)) > 0)
		p += n;
	return p;
}

/*
 * The first bidi control that sits inside Markdown syntax: between ']'
 * and '(', '[' and '^', two '*', or inside a link target. Returns its
 * code point, or 0.
 */
static UChar32
bidi_in_syntax(const char *s)
{
	const char *p, *after;
	UChar32 c;
	int n, in_target = 0;
	char prev = 0;

	for (p = s; *p; p++) {
		if ((n = bidi_at(p, &c)) > 0) {
			after = skip_bidi(p);
			if (in_target || (prev == ']' && *after == '(') ||
			    (prev == '[' && *after == '^') ||
			    (prev == '*' && *after == '*'))
				return c;
			p = after - 1;
			continue;
		}
		if (prev == ']' && *p == '(')
			in_target = 1;
		else if (in_target && (*p == ')' || *p == ' ' || *p == '>'))
			in_target = 0;
		prev = *p;
	}
	return 0;
}

/* --- emphasis --- */

/* Counts runs of unescaped '*': *single for '*', *dbl for '**'. */
static void
stars(const char *s, int *single, int *dbl)
{
	int run;

	*single = *dbl = 0;
	for (; *s; s++) {
		if (*s == '\\' && s[1]) {
			s++;
			continue;
		}
		for (run = 0; s[run] == '*'; run++)
			;
		if (run == 0)
			continue;
		*single += run % 2;
		*dbl += run / 2;
		s += run - 1;
	}
}

/* --- the checks of one entry --- */

struct entry_ctx {
	const char *path;
	int line;
	int errors;
};

static void
check_placeholders(struct entry_ctx *e, const struct list *src, const char *str,
    int may_omit_count)
{
	struct list got = {0};
	const char *missing = NULL;
	int i;

	placeholders(str, &got);
	for (i = 0; i < src->n; i++) {
		if (list_has(&got, src->v[i]))
			continue;
		if (may_omit_count &&
		    (strcmp(src->v[i], "{n}") == 0 ||
		        strcmp(src->v[i], "%d") == 0))
			continue;
		missing = src->v[i];
		diag(DIAG_ERROR, e->path, e->line, 0,
		    "the translation lacks the placeholder '%s' of its "
		    "source; copy it as it is (the program puts the value "
		    "there)",
		    src->v[i]);
		e->errors++;
	}
	for (i = 0; i < got.n; i++)
		if (!list_has(src, got.v[i])) {
			diag(DIAG_ERROR, e->path, e->line, 0,
			    "the translation has the placeholder '%s', which "
			    "its source does not have%s%s%s",
			    got.v[i], missing ? " (the source has '" : "",
			    missing ? missing : "", missing ? "')" : "");
			e->errors++;
		}
	list_free(&got);
}

/* Reports each item of src missing from got, with fmt naming it. */
static void
check_kept(struct entry_ctx *e, const struct list *src, const struct list *got,
    const char *what)
{
	int i;

	for (i = 0; i < src->n; i++)
		if (!list_has(got, src->v[i]))
			diag(DIAG_WARNING, e->path, e->line, 0,
			    "the translation drops %s '%s' of its source", what,
			    src->v[i]);
}

/*
 * A number of the source replaced by another ("1987" for "1978", a
 * changed page or phone number). A number only missing is not reported:
 * the translation may write it as a word ("11th" as "第十一").
 */
static void
check_numbers(struct entry_ctx *e, const struct list *src,
    const struct list *got)
{
	int i, j;

	for (i = 0; i < src->n; i++) {
		if (list_has(got, src->v[i]))
			continue;
		for (j = 0; j < got->n && list_has(src, got->v[j]); j++)
			;
		if (j < got->n) {
			diag(DIAG_WARNING, e->path, e->line, 0,
			    "the translation has the number '%s' where its "
			    "source has '%s'",
			    got->v[j], src->v[i]);
			return;
		}
	}
}

/*
 * A link of the source that the translation dropped. A changed or added
 * target is not reported here: the build refuses it with its own warning
 * (segment_translate) and shows the source text.
 */
static void
check_links(struct entry_ctx *e, const struct list *src, const struct list *got)
{
	int i, j;

	for (j = 0; j < got->n && list_has(src, got->v[j]); j++)
		;
	if (j < got->n)
		return;
	for (i = 0; i < src->n; i++)
		if (!list_has(got, src->v[i]))
			diag(DIAG_WARNING, e->path, e->line, 0,
			    "the translation drops the link to '%s' of its "
			    "source",
			    src->v[i]);
}

static void
check_markup(struct entry_ctx *e, const char *id, const char *str)
{
	struct list a = {0}, b = {0};
	int s1, d1, s2, d2;
	UChar32 c;

	link_targets(id, &a);
	link_targets(str, &b);
	check_links(e, &a, &b);
	list_free(&a);
	list_free(&b);
	footnotes(id, &a);
	footnotes(str, &b);
	check_kept(e, &a, &b, "the footnote marker");
	list_free(&a);
	list_free(&b);
	web_addresses(id, &a);
	web_addresses(str, &b);
	check_kept(e, &a, &b, "the web address");
	list_free(&a);
	list_free(&b);
	numbers(id, &a);
	numbers(str, &b);
	check_numbers(e, &a, &b);
	list_free(&a);
	list_free(&b);
	stars(id, &s1, &d1);
	stars(str, &s2, &d2);
	if (d2 % 2 && !(d1 % 2))
		diag(DIAG_WARNING, e->path, e->line, 0,
		    "unbalanced '**' in the translation (%d of them): readers "
		    "would see the asterisks",
		    d2);
	if (s2 % 2 && !(s1 % 2))
		diag(DIAG_WARNING, e->path, e->line, 0,
		    "unbalanced '*' in the translation: readers would see the "
		    "asterisk (write '\\*' for a literal one)");
	if ((c = bidi_in_syntax(str)) != 0)
		diag(DIAG_WARNING, e->path, e->line, 0,
		    "an invisible direction mark (U+%04X) inside a link or "
		    "footnote's Markdown ('](', the target, '[^' or '**') "
		    "breaks it; delete it (direction marks may go outside the "
		    "brackets)",
		    (unsigned)c);
}

/* Form k of a plural entry is used for one n only (Arabic's zero, one,
 * two): it may write the number as a word and omit {n}. */
static int
form_is_single(const int table[200], int k)
{
	int n, count = 0;

	for (n = 0; n < 200; n++)
		count += table[n] == k;
	return count <= 1;
}

static void
check_message(const struct catalog *c, po_message_t m, const int table[200],
    int *errors)
{
	struct entry_ctx e = {catalog_path(c), 0, 0};
	const char *id = po_message_msgid(m),
	           *plural = po_message_msgid_plural(m);
	struct list src = {0};
	int k;

	catalog_lookup(c, po_message_msgctxt(m), id, &e.line);
	placeholders(id, &src);
	if (plural) {
		struct list more = {0};
		placeholders(plural, &more);
		for (k = 0; k < more.n; k++)
			if (!list_has(&src, more.v[k]))
				list_add(&src, more.v[k], strlen(more.v[k]));
		list_free(&more);
		for (k = 0; po_message_msgstr_plural(m, k); k++)
			check_placeholders(&e, &src,
			    po_message_msgstr_plural(m, k),
			    form_is_single(table, k));
	} else {
		check_placeholders(&e, &src, po_message_msgstr(m), 0);
		check_markup(&e, id, po_message_msgstr(m));
	}
	list_free(&src);
	*errors += e.errors;
}

static int
is_translated(po_message_t m)
{
	int k;

	if (po_message_is_fuzzy(m))
		return 0;
	if (po_message_msgid_plural(m) == NULL)
		return *po_message_msgstr(m) != '\0';
	for (k = 0; po_message_msgstr_plural(m, k); k++)
		if (*po_message_msgstr_plural(m, k) == '\0')
			return 0;
	return k > 0;
}

int
lint_catalog(const struct catalog *c, void *po)
{
	po_message_iterator_t it = po_message_iterator((po_file_t)po, NULL);
	po_message_t m;
	int table[200], errors = 0, missing = 0, first = 0, line;

	catalog_plural_table(c, table);
	while ((m = po_next_message(it)) != NULL) {
		if (*po_message_msgid(m) == '\0' || po_message_is_obsolete(m))
			continue;
		if (is_translated(m)) {
			check_message(c, m, table, &errors);
			continue;
		}
		catalog_lookup(c, po_message_msgctxt(m), po_message_msgid(m),
		    &line);
		if (missing++ == 0)
			first = line;
	}
	po_message_iterator_free(it);
	if (complete && missing) {
		diag(DIAG_ERROR, catalog_path(c), first, 0,
		    "%d entries are untranslated or fuzzy (this is the first); "
		    "--complete requires every entry translated",
		    missing);
		errors++;
	}
	return errors;
}
