/* The commands besides build and check: the template, statistics, tokens,
 * metadata. */
#include "commands.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "diag.h"
#include "manifest.h"
#include "review_edition.h"
#include "search.h"
#include "util.h"

/* Test vectors for search.js, from the first selected locale's text. */
int
command_tokens(const struct build_options *opt, struct session *s,
    const char *out)
{
	xmlDoc *doc;
	char *json;
	size_t len;
	int i;
	FILE *f;

	for (i = 0; i < s->nall && !build_is_selected(opt, s->all[i].tag); i++)
		;
	if (i == s->nall || diag_errors())
		return 1;
	doc = book_document(s->book, &s->all[i], s->cats[i], s->status[i],
	    s->all, s->nall, 0);
	json = search_vectors_json(doc, &s->all[i], &len);
	xmlFreeDoc(doc);
	f = out ? fopen(out, "w") : stdout;
	if (f == NULL || fwrite(json, 1, len, f) != len ||
	    (f != stdout && fclose(f) != 0)) {
		diag_err("cannot write '%s': %s", out, strerror(errno));
		free(json);
		return 1;
	}
	free(json);
	return 0;
}

int
command_extract(const struct build_options *opt, struct session *s,
    const char *out)
{
	const struct manifest *m = s->book->manifest;
	struct catalog_template *t = catalog_template_new(m->title);
	char *pot = out ? xstrdup(out) :
	                  xasprintf("%s/handbook.pot", opt->translations);
	char *file;
	const struct unit *u;
	int i, rc;

	for (i = 0; i < s->book->nunits; i++) {
		u = &s->book->units[i];
		if (*u->msgid == '\0')
			continue;
		file = u->chapter < 0 ? xstrdup(m->path) :
		                        xasprintf("%s/%s", opt->content,
		                            m->chapters[u->chapter].file);
		catalog_template_add(t, NULL, u->msgid, file,
		    u->chapter < 0 ? -1 : u->line, u->kind);
		free(file);
	}
	for (i = 0; i < s->nui; i++) {
		catalog_template_add(t, NULL, s->ui[i].text, s->ui[i].file,
		    s->ui[i].line, "UI string of the theme");
		if (s->ui[i].plural)
			catalog_template_set_plural(t, s->ui[i].text,
			    s->ui[i].plural);
	}
	rc = catalog_template_write(t, pot);
	catalog_template_free(t);
	free(pot);
	return rc < 0 || diag_errors() ? 1 : 0;
}

static void
print_stats(const char *name, const struct book_stats *st, const char *review)
{
	printf("%-32s %10d %6d %12d %7d%%  %s\n", name, st->translated,
	    st->fuzzy, st->untranslated, book_stats_percent(st), review);
}

/* A JSON string: the names and roles of reviewers come from strangers. */
static void
json_string(struct buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	buf_addch(b, '"');
	for (; *p; p++) {
		if (*p == '"' || *p == '\\')
			buf_printf(b, "\\%c", *p);
		else if (*p < 0x20)
			buf_printf(b, "\\u%04x", *p);
		else
			buf_addch(b, (char)*p);
	}
	buf_addch(b, '"');
}

static void
json_counts(struct buf *b, const struct book_stats *st)
{
	buf_printf(b,
	    "\"translated\": %d, \"fuzzy\": %d, \"untranslated\": %d, "
	    "\"percent\": %d",
	    st->translated, st->fuzzy, st->untranslated,
	    book_stats_percent(st));
}

/* stats --json: every selected catalog, with each chapter's review. */
static void
json_locale(struct buf *b, const struct session *s, int i,
    const struct book_stats *total, const struct book_stats *per)
{
	const struct manifest *m = s->book->manifest;
	const struct review_status *rs;
	int c;

	buf_addstr(b, "    {\"locale\": ");
	json_string(b, s->all[i].tag);
	buf_addstr(b, ", ");
	json_counts(b, total);
	buf_printf(b, ", \"reviewed\": %d, \"chapter_count\": %d,\n",
	    s->all[i].reviewed, m->nchapters);
	buf_addstr(b, "     \"chapters\": [\n");
	for (c = 0; c < m->nchapters; c++) {
		rs = &s->status[i][c];
		buf_addstr(b, "      {\"chapter\": ");
		json_string(b, m->chapters[c].file);
		buf_addstr(b, ", ");
		json_counts(b, &per[c]);
		buf_printf(b, ", \"review\": \"%s\"",
		    review_state_name(rs->state));
		if (rs->record) {
			buf_addstr(b, ", \"by\": ");
			json_string(b, rs->record->by);
			buf_addstr(b, ", \"role\": ");
			json_string(b, rs->record->role);
			buf_printf(b, ", \"date\": \"%s\"", rs->record->date);
		}
		buf_printf(b, "}%s\n", c + 1 < m->nchapters ? "," : "");
	}
	buf_addstr(b, "     ]}");
}

/* "reviewed: NAME (ROLE), DATE", "stale (reviewed by …)", "draft". */
static char *
review_summary(const struct review_status *rs)
{
	if (rs->record == NULL)
		return xstrdup(review_state_name(rs->state));
	return xasprintf("%s: %s (%s), %s", review_state_name(rs->state),
	    rs->record->by, rs->record->role, rs->record->date);
}

int
command_stats(const struct build_options *opt, struct session *s, int chapters,
    int json)
{
	const struct manifest *m = s->book->manifest;
	struct book_stats total,
	    *per = xcalloc((size_t)m->nchapters, sizeof(*per));
	struct buf out = {0};
	char *name, *summary;
	int i, c, first = 1;

	if (diag_errors()) {
		free(per);
		return 1;
	}
	if (json)
		buf_addstr(&out, "{\"locales\": [\n");
	else
		printf("%-32s %10s %6s %12s %8s  %s\n", "locale", "translated",
		    "fuzzy", "untranslated", "percent", "reviewed");
	for (i = 1; i < s->nall; i++) {
		if (!build_is_selected(opt, s->all[i].tag))
			continue;
		book_stats(s->book, s->cats[i], s->ui_texts, s->nui, &total,
		    per);
		if (json) {
			buf_addstr(&out, first ? "" : ",\n");
			json_locale(&out, s, i, &total, per);
			first = 0;
			continue;
		}
		summary = xasprintf("%d of %d chapters", s->all[i].reviewed,
		    m->nchapters);
		print_stats(s->all[i].tag, &total, summary);
		free(summary);
		for (c = 0; chapters && c < m->nchapters; c++) {
			name = xasprintf("  %s", m->chapters[c].id);
			summary = review_summary(&s->status[i][c]);
			print_stats(name, &per[c], summary);
			free(summary);
			free(name);
		}
	}
	if (json) {
		buf_addstr(&out, "\n]}\n");
		fwrite(out.data, 1, out.len, stdout);
		buf_free(&out);
	} else if (s->nall < 2)
		printf("(no catalogs in %s/)\n", opt->translations);
	free(per);
	return diag_errors() ? 1 : 0;
}

int
command_review_approve(const struct build_options *opt, struct session *s,
    const char *chapter, const char *by, const char *role, const char *date)
{
	struct review_status *st;
	int i, c;

	if (diag_errors())
		return 1;
	if ((i = session_selected_catalog(opt, s, "review")) < 0)
		return 1;
	if (review_approve(s->reviews[i], s->book, s->cats[i], chapter, by,
	        role, date) < 0)
		return 1;
	/* The state as read back: the new record against the catalog. */
	st = s->status[i];
	review_status(s->book, s->cats[i], s->reviews[i], st);
	c = manifest_chapter_index(s->book->manifest, chapter, strlen(chapter));
	printf("%s: %s %s: %s (%s), %s\n", s->reviews[i]->path, chapter,
	    review_state_name(st[c].state), by, role, st[c].record->date);
	return 0;
}

/* One <edition>: the locale's facts and its book document's <meta>. */
static void
add_edition(xmlNode *list, const struct locale_info *l, xmlDoc *book)
{
	xmlNode *e = xmlNewChild(list, NULL, BAD_CAST "edition", NULL), *n;
	char iso3[16];

	locale_iso639_3(l, iso3, sizeof(iso3));
	xmlNewProp(e, BAD_CAST "tag", BAD_CAST l->tag);
	xmlNewProp(e, BAD_CAST "iso639-3", BAD_CAST iso3);
	xmlNewProp(e, BAD_CAST "dir", BAD_CAST(l->rtl ? "rtl" : "ltr"));
	xmlNewProp(e, BAD_CAST "name", BAD_CAST l->name);
	xmlNewProp(e, BAD_CAST "english", BAD_CAST l->english);
	for (n = xmlDocGetRootElement(book)->children; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    xmlStrcmp(n->name, BAD_CAST "meta") == 0)
			break;
	for (n = n ? n->children : NULL; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    xmlStrcmp(n->name, BAD_CAST "link") != 0)
			xmlAddChild(e, xmlDocCopyNode(n, list->doc, 1));
}

/* The translated metadata of every selected locale, as XML, for the
 * packagers (tools/zim.sh, tools/opds.sh). */
int
command_meta(const struct build_options *opt, struct session *s,
    const char *out)
{
	xmlDoc *res, *doc;
	xmlNode *root;
	xmlChar *text;
	long long date;
	FILE *f;
	int i, len, rc;

	if (diag_errors() || build_date(s->book, &date) < 0)
		return 1;
	res = xmlNewDoc(BAD_CAST "1.0");
	root = xmlNewDocNode(res, NULL, BAD_CAST "editions", NULL);
	xmlDocSetRootElement(res, root);
	xmlNewProp(root, BAD_CAST "generator",
	    BAD_CAST "handbook " HANDBOOK_VERSION);
	xmlNewProp(root, BAD_CAST "source-lang",
	    BAD_CAST s->book->manifest->language);
	for (i = 0; i < s->nall; i++) {
		if (!build_is_selected(opt, s->all[i].tag))
			continue;
		doc = book_document(s->book, &s->all[i], s->cats[i],
		    s->status[i], s->all, s->nall, date);
		add_edition(root, &s->all[i], doc);
		xmlFreeDoc(doc);
	}
	xmlDocDumpFormatMemoryEnc(res, &text, &len, "UTF-8", 1);
	xmlFreeDoc(res);
	f = out ? fopen(out, "w") : stdout;
	rc = f == NULL || fwrite(text, 1, (size_t)len, f) != (size_t)len ||
	    (f != stdout && fclose(f) != 0);
	xmlFree(text);
	if (rc) {
		diag_err("cannot write '%s': %s", out ? out : "-",
		    strerror(errno));
		return 1;
	}
	return diag_errors() ? 1 : 0;
}

int
command_review_edition(const struct build_options *opt, struct session *s)
{
	return review_edition_write(opt, s);
}
