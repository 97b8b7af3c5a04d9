/*
 * Search index. The browser has no ICU, so normalization here is limited
 * to what JavaScript can repeat exactly (String.normalize, toLowerCase and
 * the explicit ranges below); search.js mirrors every step, and test
 * vectors written by search_vectors_json keep the two from drifting apart.
 */
#include "search.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include "diag.h"
#include "locale.h"
#include "markdown.h"
#include "strmap.h"
#include "util.h"

/* --- normalization (mirrored in search.js: normalizeText) --- */

static int
is_alphabet_base(UChar32 c)
{
	return (c >= 0x41 && c <= 0x24f) || /* Latin */
	    (c >= 0x1e00 && c <= 0x1eff) || (c >= 0x370 && c <= 0x3ff) ||
	    (c >= 0x1f00 && c <= 0x1fff) || /* Greek */
	    (c >= 0x400 && c <= 0x4ff); /* Cyrillic */
}

static int
is_cjk(UChar32 c)
{
	return (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x4dbf) ||
	    (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) ||
	    (c >= 0x20000 && c <= 0x2ffff);
}

static int
is_word_char(UChar32 c)
{
	return (U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_M_MASK | U_GC_N_MASK)) !=
	    0;
}

/*
 * Normalizes s with n2 into a new buffer of the size ICU asks for, so that
 * no text is ever lost (U+FDFA alone becomes 18 code units under NFKC).
 */
static UChar *
apply(const UNormalizer2 *n2, const UChar *s, int32_t len, int32_t *out)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t cap = len + 16;
	UChar *d = xmalloc((size_t)cap * sizeof(UChar));

	*out = unorm2_normalize(n2, s, len, d, cap, &st);
	if (st == U_BUFFER_OVERFLOW_ERROR) {
		cap = *out + 1;
		d = xrealloc(d, (size_t)cap * sizeof(UChar));
		st = U_ZERO_ERROR;
		*out = unorm2_normalize(n2, s, len, d, cap, &st);
	}
	if (U_FAILURE(st))
		*out = 0;
	return d;
}

/* Lower case, in a buffer of the size ICU asks for. */
static UChar *
lower(const UChar *s, int32_t len, int32_t *out)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t cap = len + 16;
	UChar *d = xmalloc((size_t)cap * sizeof(UChar));

	*out = u_strToLower(d, cap, s, len, "", &st);
	if (st == U_BUFFER_OVERFLOW_ERROR) {
		cap = *out + 1;
		d = xrealloc(d, (size_t)cap * sizeof(UChar));
		st = U_ZERO_ERROR;
		*out = u_strToLower(d, cap, s, len, "", &st);
	}
	if (U_FAILURE(st))
		*out = 0;
	return d;
}

/*
 * One letter for the variants of Arabic script that writers mix: alef
 * forms as alef; Arabic yeh and alef maksura as Persian yeh (ی); Arabic
 * kaf as keheh (ک), so that Persian and Urdu text typed on an Arabic
 * keyboard finds the same words.
 */
static UChar32
fold_arabic_letter(UChar32 ch)
{
	if (ch == 0x622 || ch == 0x623 || ch == 0x625 || ch == 0x671)
		return 0x627;
	if (ch == 0x649 || ch == 0x64a)
		return 0x6cc;
	if (ch == 0x643)
		return 0x6a9;
	return ch;
}

/*
 * Ukrainian writes the apostrophe three ways; between Cyrillic letters it
 * is part of the word and dropped. Elsewhere it still separates words, as
 * French elisions need (d’ancrage finds ancrage).
 */
static int
is_apostrophe(UChar32 c)
{
	return c == 0x27 || c == 0x2019 || c == 0x2bc;
}

static int
is_cyrillic(UChar32 c)
{
	return c >= 0x400 && c <= 0x52f;
}

static UChar32
next_char(const UChar *s, int32_t i, int32_t n)
{
	UChar32 c;

	U16_NEXT(s, i, n, c);
	return c;
}

/* NFKC, lower case, NFD, marks, ZWNJ and Arabic letter forms, NFC. */
static UChar *
normalize(const UChar *s, int32_t len, int32_t *out)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t n, m, i, o = 0;
	UChar *a, *b, *c;
	UChar32 ch, base = 0;

	a = apply(unorm2_getNFKCInstance(&st), s, len, &n);
	b = lower(a, n, &n);
	free(a);
	a = apply(unorm2_getNFDInstance(&st), b, n, &m);
	free(b);
	b = xmalloc(((size_t)m + 1) * sizeof(UChar));
	for (i = 0; i < m;) {
		int32_t start = i;
		U16_NEXT(a, i, m, ch);
		if (ch >= 0x300 && ch <= 0x36f && is_alphabet_base(base))
			continue; /* accents of Latin, Greek, Cyrillic */
		if ((ch >= 0x64b && ch <= 0x65f) || ch == 0x670 ||
		    ch == 0x640 || ch == 0x200c)
			continue; /* Arabic diacritics, tatweel, ZWNJ */
		/* NFKC splits Thai and Lao SARA AM (U+0E33, U+0EB3) in two;
		 * ICU's dictionaries know words only with the one character. */
		if ((ch == 0xe4d || ch == 0xecd) && i < m &&
		    next_char(a, i, m) == ch - 0x1b) {
			b[o++] = (UChar)(ch - 0x1a);
			base = ch - 0x1a;
			i++;
			continue;
		}
		if (is_apostrophe(ch) && is_cyrillic(base) && i < m &&
		    is_cyrillic(next_char(a, i, m)))
			continue; /* пам’ять, памʼять, пам'ять: one word */
		ch = fold_arabic_letter(ch);
		if (!(ch >= 0x300 && ch <= 0x36f))
			base = ch;
		if (ch == 0x627 || ch == 0x6cc || ch == 0x6a9)
			b[o++] = (UChar)ch;
		else
			while (start < i)
				b[o++] = a[start++];
	}
	free(a);
	c = apply(unorm2_getNFCInstance(&st), b, o, out);
	free(b);
	return c;
}

/* --- tokens --- */

struct emitter {
	void (*add)(const char *, void *);
	void *arg;
	UChar *cjk; /* the pending run of CJK characters */
	int32_t ncjk, cjk_end;
};

static void
emit(struct emitter *e, const UChar *s, int32_t len)
{
	char out[512];
	UErrorCode st = U_ZERO_ERROR;

	if (len <= 0 || len > 120)
		return;
	u_strToUTF8(out, sizeof(out), NULL, s, len, &st);
	if (U_SUCCESS(st))
		e->add(out, e->arg);
}

/* A run of Chinese or Japanese characters becomes overlapping pairs. */
static void
flush_cjk(struct emitter *e)
{
	int32_t i = 0, next, after;
	UChar32 c;

	if (e->ncjk == 0)
		return;
	U16_NEXT(e->cjk, i, e->ncjk, c);
	if (i == e->ncjk)
		emit(e, e->cjk, e->ncjk);
	for (next = 0; i < e->ncjk;) {
		after = i;
		U16_NEXT(e->cjk, after, e->ncjk, c);
		emit(e, e->cjk + next, after - next);
		next = i;
		i = after;
	}
	(void)c;
	e->ncjk = 0;
}

/* One run of letters, marks and digits, starting at offset pos. */
static void
word_run(struct emitter *e, const UChar *s, int32_t pos, int32_t len)
{
	int32_t i = 0, start, count;
	UChar32 c;
	int cjk;

	while (i < len) {
		start = i;
		U16_NEXT(s, i, len, c);
		cjk = is_cjk(c);
		while (i < len) {
			int32_t j = i;
			UChar32 d;
			U16_NEXT(s, j, len, d);
			if (is_cjk(d) != cjk)
				break;
			i = j;
		}
		if (cjk) {
			if (e->ncjk && e->cjk_end != pos + start)
				flush_cjk(e);
			memcpy(e->cjk + e->ncjk, s + start,
			    (size_t)(i - start) * sizeof(UChar));
			e->ncjk += i - start;
			e->cjk_end = pos + i;
			continue;
		}
		flush_cjk(e);
		count = u_countChar32(s + start, i - start);
		if (count >= 2)
			emit(e, s + start, i - start);
	}
}

/*
 * One word-break iterator per locale, reused for every text: opening one
 * costs more than breaking a section's text.
 */
static UBreakIterator *cached_bi;
static char cached_locale[ULOC_FULLNAME_CAPACITY];

static UBreakIterator *
word_breaker(const char *icu_locale, const UChar *s, int32_t n, UErrorCode *st)
{
	if (cached_bi == NULL || strcmp(cached_locale, icu_locale) != 0) {
		search_cleanup();
		cached_bi = ubrk_open(UBRK_WORD, icu_locale, s, n, st);
		if (U_FAILURE(*st))
			return NULL;
		snprintf(cached_locale, sizeof(cached_locale), "%s",
		    icu_locale);
		return cached_bi;
	}
	ubrk_setText(cached_bi, s, n, st);
	return U_FAILURE(*st) ? NULL : cached_bi;
}

void
search_cleanup(void)
{
	if (cached_bi)
		ubrk_close(cached_bi);
	cached_bi = NULL;
	cached_locale[0] = '\0';
}

void
search_tokenize(const char *text, const char *icu_locale,
    void (*add)(const char *token, void *arg), void *arg)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t n16 = 0, n, start, end, i, runstart;
	UChar *s16, *norm;
	UBreakIterator *bi;
	struct emitter e = {add, arg, NULL, 0, 0};
	UChar32 c;

	u_strFromUTF8(NULL, 0, &n16, text, -1, &st);
	st = U_ZERO_ERROR;
	s16 = xmalloc(((size_t)n16 + 1) * sizeof(UChar));
	u_strFromUTF8(s16, n16 + 1, NULL, text, -1, &st);
	norm = normalize(s16, n16, &n);
	free(s16);
	e.cjk = xmalloc(((size_t)n + 1) * sizeof(UChar));
	st = U_ZERO_ERROR;
	bi = word_breaker(icu_locale, norm, n, &st);
	if (bi == NULL) {
		diag_err("ICU word breaking failed: %s", u_errorName(st));
		goto out;
	}
	for (start = ubrk_first(bi), end = ubrk_next(bi); end != UBRK_DONE;
	     start = end, end = ubrk_next(bi)) {
		if (ubrk_getRuleStatus(bi) < UBRK_WORD_NONE_LIMIT)
			continue;
		/* Split the segment at anything but letters, marks, digits. */
		for (i = runstart = start; i < end;) {
			int32_t at = i;
			U16_NEXT(norm, i, end, c);
			if (!is_word_char(c)) {
				word_run(&e, norm + runstart, runstart,
				    at - runstart);
				runstart = i;
			}
		}
		word_run(&e, norm + runstart, runstart, end - runstart);
	}
	flush_cjk(&e);
	st = U_ZERO_ERROR;
	ubrk_setText(bi, NULL, 0, &st); /* norm is freed below */
out:
	free(e.cjk);
	free(norm);
}

/* --- the index --- */

struct posting_list {
	char *term;
	int *data; /* pairs: section, tf * 2 + (in title) */
	int n, cap;
};

struct index {
	struct posting_list *terms; /* in the order first seen */
	size_t count, cap;
	struct strmap where; /* term -> its place in terms */
	int section; /* the section being added */
	int in_title;
	int length; /* tokens in the section */
};

static void
index_add(const char *term, void *arg)
{
	struct index *x = arg;
	struct posting_list *p;
	int added, *at = strmap_put(&x->where, term, &added);

	if (added) {
		if (x->count == x->cap) {
			x->cap = x->cap ? x->cap * 2 : 4096;
			x->terms =
			    xrealloc(x->terms, x->cap * sizeof(*x->terms));
		}
		x->terms[x->count] =
		    (struct posting_list){xstrdup(term), NULL, 0, 0};
		*at = (int)x->count++;
	}
	p = &x->terms[*at];
	x->length++;
	if (p->n == 0 || p->data[p->n - 2] != x->section) {
		if (p->n + 2 > p->cap) {
			p->cap = p->cap ? p->cap * 2 : 8;
			p->data =
			    xrealloc(p->data, (size_t)p->cap * sizeof(int));
		}
		p->data[p->n++] = x->section;
		p->data[p->n++] = 0;
	}
	p->data[p->n - 1] = ((p->data[p->n - 1] >> 1) + 1) << 1 |
	    (x->in_title | (p->data[p->n - 1] & 1));
}

/* JSON string with <, >, & and line separators escaped (it is a script). */
static void
json_string(struct buf *b, const char *s)
{
	buf_addch(b, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			buf_printf(b, "\\%c", c);
		else if (c < 0x20 || c == '<' || c == '>' || c == '&')
			buf_printf(b, "\\u%04x", c);
		else if (c == 0xe2 && (unsigned char)s[1] == 0x80 &&
		    ((unsigned char)s[2] == 0xa8 ||
		        (unsigned char)s[2] == 0xa9)) {
			buf_printf(b, "\\u%04x",
			    (unsigned char)s[2] == 0xa8 ? 0x2028 : 0x2029);
			s += 2;
		} else
			buf_addch(b, (char)c);
	}
	buf_addch(b, '"');
}

static int
heading_level(xmlNode *n)
{
	xmlChar *v = markdown_is_element(n, "heading") ?
	    xmlGetProp(n, BAD_CAST "level") :
	    NULL;
	int level = v ? atoi((const char *)v) : 0;

	xmlFree(v);
	return level;
}

/* Collapses white space so that snippets read as running text. */
static void
add_plain(struct buf *b, const char *s)
{
	buf_add_collapsed(b, s);
	if (b->len && b->data[b->len - 1] != ' ')
		buf_addch(b, ' ');
}

struct section_out {
	struct buf *json;
	struct index *idx;
	const char *icu;
	const char *chapter, *chapter_title;
	int count;
};

static void
flush_section(struct section_out *o, const char *anchor, const char *title,
    struct buf *text)
{
	buf_trim_end(text);
	o->idx->section = o->count;
	o->idx->length = 0;
	o->idx->in_title = 1;
	search_tokenize(title, o->icu, index_add, o->idx);
	o->idx->in_title = 0;
	search_tokenize(text->data ? text->data : "", o->icu, index_add,
	    o->idx);
	buf_addstr(o->json, o->count ? ",\n[" : "\n[");
	json_string(o->json, o->chapter);
	buf_addch(o->json, ',');
	json_string(o->json, anchor);
	buf_addch(o->json, ',');
	json_string(o->json, title);
	buf_addch(o->json, ',');
	json_string(o->json, o->chapter_title);
	buf_addch(o->json, ',');
	json_string(o->json, text->data ? text->data : "");
	buf_printf(o->json, ",%d]", o->idx->length);
	o->count++;
	buf_free(text);
}

static void
add_chapter_sections(struct section_out *o, xmlNode *chapter)
{
	xmlNode *doc = NULL, *n;
	xmlChar *id = xmlGetProp(chapter, BAD_CAST "id"), *t, *a;
	struct buf text = {0};
	char *title = NULL, *anchor = xstrdup(""), *chapter_title = NULL;

	for (n = chapter->children; n && !doc; n = n->next)
		if (markdown_is_element(n, "document"))
			doc = n;
	for (n = doc ? doc->children : NULL; n; n = n->next) {
		int level = heading_level(n);
		if (n->type != XML_ELEMENT_NODE)
			continue;
		t = xmlNodeGetContent(n);
		if (level == 1) {
			chapter_title = xstrdup((const char *)t);
			title = xstrdup((const char *)t);
			o->chapter = (const char *)id;
			o->chapter_title = chapter_title;
		} else if (level == 2 || level == 3) {
			if (title)
				flush_section(o, anchor, title, &text);
			free(title);
			free(anchor);
			a = xmlGetProp(n, BAD_CAST "id");
			anchor = xstrdup(a ? (const char *)a : "");
			xmlFree(a);
			title = xstrdup((const char *)t);
		} else
			add_plain(&text, (const char *)t);
		xmlFree(t);
	}
	if (title)
		flush_section(o, anchor, title, &text);
	buf_free(&text);
	free(title);
	free(anchor);
	free(chapter_title);
	xmlFree(id);
}

static int
by_term(const void *a, const void *b)
{
	const struct posting_list *x = a, *y = b;

	return strcmp(x->term, y->term);
}

char *
search_index_js(xmlDoc *book, const struct locale_info *loc, size_t *len)
{
	struct buf js = {0};
	struct index idx = {0};
	struct section_out o = {&js, &idx, loc->icu_id, "", "", 0};
	xmlNode *n;
	size_t i;
	int j, prev;

	buf_printf(&js,
	    "/* Search index of this handbook, %s. Generated; "
	    "do not edit. */\nwindow.hbSearchIndex = {\"lang\":",
	    loc->tag);
	json_string(&js, loc->tag);
	buf_addstr(&js, ",\n\"sections\":[");
	for (n = xmlDocGetRootElement(book)->children; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)n->name, "chapter") == 0)
			add_chapter_sections(&o, n);
	buf_addstr(&js, "],\n\"terms\":{");
	/* Sorted terms: the same input always gives the same file. */
	strmap_free(&idx.where);
	qsort(idx.terms, idx.count, sizeof(*idx.terms), by_term);
	for (i = 0; i < idx.count; i++) {
		buf_addstr(&js, i ? ",\n" : "\n");
		json_string(&js, idx.terms[i].term);
		buf_addstr(&js, ":[");
		/* Sections as differences from the previous one: shorter. */
		for (j = 0, prev = 0; j < idx.terms[i].n; j += 2) {
			buf_printf(&js, "%s%d,%d", j ? "," : "",
			    idx.terms[i].data[j] - prev,
			    idx.terms[i].data[j + 1]);
			prev = idx.terms[i].data[j];
		}
		buf_addch(&js, ']');
		free(idx.terms[i].term);
		free(idx.terms[i].data);
	}
	buf_addstr(&js, "}};\n");
	free(idx.terms);
	*len = js.len;
	return js.data;
}

/* --- test vectors for search.js --- */

struct vector_out {
	struct buf *json;
	int first;
};

static void
vector_add(const char *token, void *arg)
{
	struct vector_out *v = arg;

	if (!v->first)
		buf_addch(v->json, ',');
	v->first = 0;
	json_string(v->json, token);
}

static void
add_vector(struct buf *json, const char *text, const char *icu, int *count)
{
	struct vector_out v = {json, 1};

	buf_addstr(json, (*count)++ ? ",\n{\"text\":" : "\n{\"text\":");
	json_string(json, text);
	buf_addstr(json, ",\"tokens\":[");
	search_tokenize(text, icu, vector_add, &v);
	buf_addstr(json, "]}");
}

static void
vectors_from(xmlNode *n, struct buf *json, const char *icu, int *count)
{
	xmlChar *t;

	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (markdown_is_element(n, "paragraph") ||
		    markdown_is_element(n, "heading")) {
			t = xmlNodeGetContent(n);
			add_vector(json, (const char *)t, icu, count);
			xmlFree(t);
		} else
			vectors_from(n->children, json, icu, count);
	}
}

char *
search_vectors_json(xmlDoc *book, const struct locale_info *loc, size_t *len)
{
	static const char *const fixed[] = {"Límites, LÍMITES and limites",
	    "Ǆemal Ωmega ΆΈΉ Ёлка", "ﬁne ｆｕｌｌ-width ①②",
	    "self-care, don't 3.5", "العَرَبِيَّة أإآٱ ى ـــ",
	    "میتوانید می\u200cتوانید", "زندگي زندگی كتاب کتاب مـــادر",
	    "हिन्दी क़िताब", "依恋理论与创伤。安全基地", "カタカナとひらがな漢字",
	    "中文English混合123", "ß İstanbul ΣΊΣΥΦΟΣ",
	    "пам’ять памʼять пам'ять ПАМ’ЯТЬ d’ancrage"};
	struct buf json = {0};
	int count = 0;
	size_t i;

	buf_addstr(&json, "[");
	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		add_vector(&json, fixed[i], loc->icu_id, &count);
	vectors_from(xmlDocGetRootElement(book), &json, loc->icu_id, &count);
	buf_addstr(&json, "\n]\n");
	*len = json.len;
	return json.data;
}
