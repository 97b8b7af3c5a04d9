/* The review trail: translations/TAG.reviews, read, checked and written. */
#include "review.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/xmlstring.h>
#include <openssl/evp.h>

#include "bookdoc.h"
#include "bounds.h"
#include "catalog.h"
#include "diag.h"
#include "manifest.h"
#include "output.h"
#include "util.h"

/* The hashes name what they cover: a new definition gets a new prefix, so
 * that old records go stale instead of matching by accident. */
#define HASH_PREFIX "handbook-review-1"

const char *
review_state_name(enum review_state s)
{
	switch (s) {
	case REVIEW_STALE: return "stale";
	case REVIEW_REVIEWED: return "reviewed";
	case REVIEW_SOURCE: return "source";
	default: return "draft";
	}
}

char *
review_path(const char *translations, const char *tag)
{
	return xasprintf("%s/%s.reviews", translations, tag);
}

void
review_file_free(struct review_file *r)
{
	int i;

	if (r == NULL)
		return;
	for (i = 0; i < r->nrecords; i++) {
		free(r->records[i].chapter);
		free(r->records[i].by);
		free(r->records[i].role);
	}
	free(r->records);
	free(r->path);
	free(r);
}

/* NULL when s is a usable name or role, else why not. */
static const char *
bad_text(const char *s)
{
	const unsigned char *p;

	if (*s == '\0')
		return "is empty";
	if (strlen(s) > REVIEW_MAX_TEXT)
		return "is longer than 200 bytes";
	if (!xmlCheckUTF8((const unsigned char *)s))
		return "is not UTF-8";
	for (p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return "holds a control character";
	if (is_ascii_space(*s) || is_ascii_space(s[strlen(s) - 1]))
		return "starts or ends with a space";
	return NULL;
}

/* 1 when s is a real calendar date YYYY-MM-DD in 1980-2107. */
static int
valid_date(const char *s)
{
	static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30,
	    31};
	int y, m, d, i;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (y < 1980 || y > 2107 || m < 1 || m > 12 || d < 1 || d > days[m - 1])
		return 0;
	/* 29 February only in leap years. */
	return !(m == 2 && d == 29 &&
	    !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
}

static int
valid_hash(const char *s)
{
	int i;

	for (i = 0; i < REVIEW_HASH_LEN - 1; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		        (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return s[i] == '\0';
}

/* Checks the block that ends before line end; reports what it lacks. */
static int
check_record(const struct review_file *r, const struct review_record *rec)
{
	const char *missing = !rec->by ? "by" :
	    !rec->role                 ? "role" :
	    !rec->date[0]              ? "date" :
	    !rec->source[0]            ? "source" :
	    !rec->translation[0]       ? "translation" :
	                                 NULL;

	if (missing)
		return diag(DIAG_ERROR, r->path, rec->line, 1,
		    "the review of '%s' has no '%s:' line", rec->chapter,
		    missing);
	return 0;
}

/* One "key: value" line of the block rec. */
static void
read_field(struct review_file *r, struct review_record *rec, char *line,
    int lineno)
{
	char *colon = strchr(line, ':'), *value;
	const char *why;
	size_t klen;

	if (colon == NULL) {
		diag(DIAG_ERROR, r->path, lineno, 1,
		    "expected 'key: value' or '[chapter.md]'");
		return;
	}
	klen = (size_t)(colon - line);
	value = colon + 1;
	while (*value == ' ' || *value == '\t')
		value++;
#define KEY(k) (klen == strlen(k) && strncmp(line, k, klen) == 0)
	if (KEY("by") || KEY("role")) {
		char **slot = KEY("by") ? &rec->by : &rec->role;

		if ((why = bad_text(value)) != NULL)
			diag(DIAG_ERROR, r->path, lineno,
			    (int)(value - line) + 1, "the %s %s",
			    KEY("by") ? "name" : "role", why);
		else if (*slot)
			diag(DIAG_ERROR, r->path, lineno, 1,
			    "a second '%.*s:' line in this review", (int)klen,
			    line);
		else
			*slot = xstrdup(value);
	} else if (KEY("date")) {
		if (!valid_date(value))
			diag(DIAG_ERROR, r->path, lineno,
			    (int)(value - line) + 1,
			    "the date must be a real date YYYY-MM-DD "
			    "(1980-2107)");
		else
			memcpy(rec->date, value, sizeof(rec->date));
	} else if (KEY("source") || KEY("translation")) {
		char *slot = KEY("source") ? rec->source : rec->translation;

		if (!valid_hash(value))
			diag(DIAG_ERROR, r->path, lineno,
			    (int)(value - line) + 1,
			    "expected a SHA-256 hash (64 hex digits, lower "
			    "case), as `handbook review --approve` writes");
		else
			memcpy(slot, value, REVIEW_HASH_LEN);
	} else
		diag(DIAG_ERROR, r->path, lineno, 1,
		    "unknown key '%.*s' (a review has by, role, date, source "
		    "and translation)",
		    (int)(klen > 40 ? 40 : klen), line);
#undef KEY
}

/* "[02-attachment.md]": starts the block of a chapter. */
static struct review_record *
start_record(struct review_file *r, char *line, int lineno)
{
	char *end = strchr(line, ']');
	struct review_record *rec;
	int i;

	if (end == NULL || end[1] != '\0') {
		diag(DIAG_ERROR, r->path, lineno, 1,
		    "expected '[chapter.md]' alone on its line");
		return NULL;
	}
	*end = '\0';
	if (!manifest_valid_chapter_name(line + 1)) {
		diag(DIAG_ERROR, r->path, lineno, 2,
		    "'%.64s' is not a chapter file name", line + 1);
		return NULL;
	}
	for (i = 0; i < r->nrecords; i++)
		if (strcmp(r->records[i].chapter, line + 1) == 0) {
			diag(DIAG_ERROR, r->path, lineno, 1,
			    "a second review of '%s' (the first is on line "
			    "%d); keep the newest",
			    line + 1, r->records[i].line);
			return NULL;
		}
	r->records = xrealloc(r->records,
	    (size_t)(r->nrecords + 1) * sizeof(*r->records));
	rec = &r->records[r->nrecords++];
	memset(rec, 0, sizeof(*rec));
	rec->chapter = xstrdup(line + 1);
	rec->line = lineno;
	return rec;
}

struct review_file *
review_file_load(const char *path)
{
	struct review_file *r = xcalloc(1, sizeof(*r));
	struct review_record *rec = NULL;
	int errors = diag_errors(), lineno = 0, i;
	size_t len;
	char *text, *line, *next;

	r->path = xstrdup(path);
	text = file_read(path, REVIEW_MAX_BYTES, &len);
	if (text == NULL) {
		if (errno == ENOENT)
			return r;
		diag_read_failed(path, "review trail", REVIEW_MAX_BYTES);
		review_file_free(r);
		return NULL;
	}
	if (memchr(text, '\0', len) != NULL) {
		diag(DIAG_ERROR, path, 0, 0, "holds a NUL byte");
		*text = '\0';
	}
	for (line = text; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		len = strlen(line); /* a CRLF file: the line without its \r */
		if (len && line[len - 1] == '\r')
			line[--len] = '\0';
		if (*line == '\0' || *line == '#')
			continue;
		if (*line == '[')
			rec = start_record(r, line, lineno);
		else if (rec == NULL)
			diag(DIAG_ERROR, path, lineno, 1,
			    "a review starts with its chapter: "
			    "'[chapter.md]'");
		else
			read_field(r, rec, line, lineno);
	}
	free(text);
	for (i = 0; i < r->nrecords; i++)
		check_record(r, &r->records[i]);
	if (diag_errors() > errors) {
		review_file_free(r);
		return NULL;
	}
	return r;
}

/* Hashes one string and its terminating NUL. */
static void
hash_string(EVP_MD_CTX *ctx, const char *s)
{
	EVP_DigestUpdate(ctx, s, strlen(s) + 1);
}

static void
hash_finish(EVP_MD_CTX *ctx, char out[REVIEW_HASH_LEN])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0, i;

	EVP_DigestFinal_ex(ctx, md, &n);
	for (i = 0; i < n && i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
}

void
review_hashes(const struct book *b, const struct catalog *cat, int chapter,
    char source[REVIEW_HASH_LEN], char translation[REVIEW_HASH_LEN])
{
	EVP_MD_CTX *src = EVP_MD_CTX_new(), *tr = EVP_MD_CTX_new();
	const char *msgstr;
	int i;

	if (src == NULL || tr == NULL ||
	    !EVP_DigestInit_ex(src, EVP_sha256(), NULL) ||
	    !EVP_DigestInit_ex(tr, EVP_sha256(), NULL)) {
		fprintf(stderr, "handbook: error: OpenSSL has no SHA-256\n");
		exit(1);
	}
	hash_string(src, HASH_PREFIX);
	hash_string(tr, HASH_PREFIX);
	for (i = 0; i < b->nunits; i++) {
		if (b->units[i].chapter != chapter || !*b->units[i].msgid)
			continue;
		hash_string(src, b->units[i].msgid);
		msgstr = cat ?
		    catalog_lookup(cat, NULL, b->units[i].msgid, NULL) :
		    NULL;
		hash_string(tr, msgstr ? msgstr : "");
	}
	hash_finish(src, source);
	hash_finish(tr, translation);
	EVP_MD_CTX_free(src);
	EVP_MD_CTX_free(tr);
}

static const struct review_record *
find_record(const struct review_file *r, const char *chapter)
{
	int i;

	for (i = 0; r && i < r->nrecords; i++)
		if (strcmp(r->records[i].chapter, chapter) == 0)
			return &r->records[i];
	return NULL;
}

/* Each chapter's units, and how many are translated: one pass. */
static void
count_units(const struct book *b, const struct catalog *cat,
    struct review_status *out)
{
	const struct unit *u;
	int c;

	for (c = 0; c < b->manifest->nchapters; c++)
		out[c].units = out[c].translated = 0;
	for (u = b->units; u < b->units + b->nunits; u++)
		if (u->chapter >= 0 && *u->msgid) {
			out[u->chapter].units++;
			out[u->chapter].translated += cat == NULL ||
			    catalog_lookup(cat, NULL, u->msgid, NULL) != NULL;
		}
}

int
review_status(const struct book *b, const struct catalog *cat,
    const struct review_file *r, struct review_status *out)
{
	const struct manifest *m = b->manifest;
	char src[REVIEW_HASH_LEN], tr[REVIEW_HASH_LEN];
	int c, reviewed = 0;

	count_units(b, cat, out);
	for (c = 0; c < m->nchapters; c++) {
		struct review_status *st = &out[c];

		st->record = cat ? find_record(r, m->chapters[c].file) : NULL;
		if (cat == NULL)
			st->state = REVIEW_SOURCE;
		else if (st->record == NULL)
			st->state = REVIEW_DRAFT;
		else {
			review_hashes(b, cat, c, src, tr);
			st->state = strcmp(src, st->record->source) == 0 &&
			        strcmp(tr, st->record->translation) == 0 &&
			        st->translated == st->units ?
			    REVIEW_REVIEWED :
			    REVIEW_STALE;
		}
		reviewed +=
		    st->state == REVIEW_REVIEWED || st->state == REVIEW_SOURCE;
	}
	return reviewed;
}

static void
render_record(struct buf *out, const struct review_record *rec)
{
	buf_printf(out,
	    "\n[%s]\nby: %s\nrole: %s\ndate: %s\nsource: %s\n"
	    "translation: %s\n",
	    rec->chapter, rec->by, rec->role, rec->date, rec->source,
	    rec->translation);
}

/* The file's text: a header, then the records in the book's order (any
 * chapter the book no longer has, last). */
static char *
render(const struct review_file *r, const struct book *b, size_t *len)
{
	const struct manifest *m = b->manifest;
	const struct review_record *rec;
	struct buf out = {0};
	int c, i;

	buf_printf(&out,
	    "# Reviews of this translation, one block per chapter, written by\n"
	    "# `handbook review TAG --approve CHAPTER --by NAME --role ROLE`.\n"
	    "# source and translation are SHA-256 hashes of the chapter's "
	    "source\n"
	    "# units and of their translations as reviewed: when either "
	    "changes,\n"
	    "# the review is stale until the chapter is approved again.\n");
	for (c = 0; c < m->nchapters; c++)
		if ((rec = find_record(r, m->chapters[c].file)) != NULL)
			render_record(&out, rec);
	for (i = 0; i < r->nrecords; i++)
		if (manifest_chapter_index(m, r->records[i].chapter,
		        strlen(r->records[i].chapter)) < 0)
			render_record(&out, &r->records[i]);
	*len = out.len;
	return out.data;
}

int
review_approve(struct review_file *r, const struct book *b,
    const struct catalog *cat, const char *chapter, const char *who,
    const char *role, const char *date)
{
	const struct manifest *m = b->manifest;
	struct review_record *rec = NULL;
	struct review_status *st;
	char today[11];
	const char *why;
	time_t now;
	size_t len;
	char *text;
	int c, i, rc;

	if ((c = manifest_chapter_index(m, chapter, strlen(chapter))) < 0)
		return diag_err("the book has no chapter '%.64s' (give its "
		                "file name in %s/, e.g. '%s')",
		    chapter, b->content_dir, m->chapters[0].file);
	if ((why = bad_text(who)) != NULL)
		return diag_err("--by: the name %s", why);
	if ((why = bad_text(role)) != NULL)
		return diag_err("--role: the role %s", why);
	if (date == NULL) {
		now = time(NULL);
		strftime(today, sizeof(today), "%Y-%m-%d", gmtime(&now));
		date = today;
	}
	if (!valid_date(date))
		return diag_err("--date '%.20s' must be a real date YYYY-MM-DD "
		                "(1980-2107)",
		    date);
	st = xcalloc((size_t)m->nchapters, sizeof(*st));
	count_units(b, cat, st);
	i = st[c].units - st[c].translated;
	rc = st[c].units;
	free(st);
	if (i > 0)
		return diag_err("%s: %d of the %d entries of %s are not "
		                "translated (or fuzzy); a review covers a "
		                "wholly translated chapter",
		    catalog_path(cat), i, rc, chapter);
	for (i = 0; i < r->nrecords; i++)
		if (strcmp(r->records[i].chapter, chapter) == 0)
			rec = &r->records[i];
	if (rec == NULL) {
		r->records = xrealloc(r->records,
		    (size_t)(r->nrecords + 1) * sizeof(*r->records));
		rec = &r->records[r->nrecords++];
		memset(rec, 0, sizeof(*rec));
		rec->chapter = xstrdup(chapter);
	}
	free(rec->by);
	free(rec->role);
	rec->by = xstrdup(who);
	rec->role = xstrdup(role);
	memcpy(rec->date, date, sizeof(rec->date));
	review_hashes(b, cat, c, rec->source, rec->translation);
	text = render(r, b, &len);
	rc = output_replace_path(r->path, text, len);
	free(text);
	return rc;
}
