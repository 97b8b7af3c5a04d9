/* The build: loads a session, then writes each locale and the chooser. */
#include "build.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libxml/tree.h>

#include "diag.h"
#include "epub.h"
#include "bounds.h"
#include "manifest.h"
#include "output.h"
#include "search.h"
#include "util.h"
#include "watchdog.h"

/* Time spent in each stage, for --timings (make bench). */
enum stage {
	ST_PARSE,
	ST_LOCALIZE,
	ST_TRANSFORM,
	ST_SEARCH,
	ST_EPUB,
	ST_WRITE,
	ST_COUNT
};
static const char *const stage_names[] = {"parse", "localize", "transform",
    "search index", "epub", "write"};
static double stage_seconds[ST_COUNT];

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

#define TIMED(stage, stmt) \
	do { \
		double t0_ = now(); \
		stmt; \
		stage_seconds[stage] += now() - t0_; \
	} while (0)

int
build_date(const struct book *b, long long *date)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	struct stat st;
	char *end, *path;
	int i;

	if (sde && *sde) {
		errno = 0;
		*date = strtoll(sde, &end, 10);
		if (errno || *end || !(*sde >= '0' && *sde <= '9'))
			return diag_err("SOURCE_DATE_EPOCH must be a number of "
			                "seconds, got '%.40s'",
			    sde);
		/* Zip (DOS) times hold 1980-2107 only: refuse, rather than
		 * give the EPUB a date its package does not state. */
		if (*date < DATE_MIN || *date > DATE_MAX)
			return diag_err("SOURCE_DATE_EPOCH %lld is outside "
			                "%lld-%lld (1980-01-01 to 2107-12-31, "
			                "the range of zip times)",
			    *date, DATE_MIN, DATE_MAX);
		return 0;
	}
	*date = 0;
	for (i = -1; i < b->manifest->nchapters; i++) {
		path = i < 0 ? xstrdup(b->manifest->path) :
		               xasprintf("%s/%s", b->content_dir,
		                   b->manifest->chapters[i].file);
		if (stat(path, &st) == 0 && st.st_mtime > *date)
			*date = st.st_mtime;
		free(path);
	}
	return 0;
}

int
session_selected_catalog(const struct build_options *opt,
    const struct session *s, const char *what)
{
	int i;

	for (i = 1; i < s->nall && !build_is_selected(opt, s->all[i].tag); i++)
		;
	if (i < s->nall && s->cats[i] != NULL)
		return i;
	if (s->nall > 0 && build_is_selected(opt, s->all[0].tag))
		return diag_err("%s: '%s' is the book's own language; only "
		                "translations are reviewed",
		    what, s->all[0].tag);
	return diag_err("%s: no catalog %s/%s.po", what, opt->translations,
	    opt->nlocales ? opt->locales[0] : "TAG");
}

int
build_is_selected(const struct build_options *opt, const char *tag)
{
	int i;

	if (opt->nlocales == 0)
		return 1;
	for (i = 0; i < opt->nlocales; i++)
		if (strcmp(opt->locales[i], tag) == 0)
			return 1;
	return 0;
}

/*
 * The source locale first, then one per TAG.po in sorted order. Only the
 * catalogs a command needs are read (reading is most of a one-locale
 * build's time); the others are listed by their tag alone.
 */
static void
find_locales(const struct build_options *opt, const char *source,
    struct session *s, enum session_catalogs which)
{
	char **tags = NULL, *path;
	int n = 0, i;
	struct dirent *e;
	DIR *d;

	tags = xrealloc(tags, sizeof(char *));
	tags[n++] = xstrdup(source);
	d = opendir(opt->translations);
	while (d && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' || !str_endswith(e->d_name, ".po"))
			continue;
		if (strncmp(e->d_name, source, strlen(source)) == 0 &&
		    strcmp(e->d_name + strlen(source), ".po") == 0) {
			/* It would replace the source edition. */
			diag(DIAG_ERROR, NULL, 0, 0,
			    "%s/%s: '%s' is the book's own language "
			    "(<language> in book.xml); a catalog cannot "
			    "translate the book into it; remove or rename it",
			    opt->translations, e->d_name, source);
			continue;
		}
		tags = xrealloc(tags, (size_t)(n + 1) * sizeof(char *));
		tags[n] = xstrdup(e->d_name);
		tags[n++][strlen(e->d_name) - 3] = '\0';
	}
	if (d)
		closedir(d);
	qsort(tags + 1, (size_t)n - 1, sizeof(char *), str_compare);
	s->all = xcalloc((size_t)n, sizeof(*s->all));
	s->cats = xcalloc((size_t)n, sizeof(*s->cats));
	for (i = 0; i < n; i++) {
		path = i ? xasprintf("%s/%s.po", opt->translations, tags[i]) :
		           xasprintf("%s/book.xml", opt->content);
		if (locale_lookup(tags[i], path, &s->all[s->nall]) == 0) {
			const char *tag = s->all[s->nall].tag;
			int read = i > 0 &&
			    (which == SESSION_ALL_CATALOGS ||
			        (which == SESSION_SELECTED &&
			            build_is_selected(opt, tag)));

			/* A catalog that does not load drops its locale. */
			if (!read ||
			    (s->cats[s->nall] = catalog_load(path, tag)) !=
			        NULL)
				s->nall++;
		}
		free(path);
		free(tags[i]);
	}
	free(tags);
}

/* Each read catalog's review trail, and every chapter's state. */
static void
load_reviews(const struct build_options *opt, struct session *s)
{
	int i, n = s->book ? s->book->manifest->nchapters : 0;
	char *path;

	s->reviews = xcalloc((size_t)s->nall + 1, sizeof(*s->reviews));
	s->status = xcalloc((size_t)s->nall + 1, sizeof(*s->status));
	for (i = 0; s->book && i < s->nall; i++) {
		if (s->cats[i] == NULL)
			continue;
		path = review_path(opt->translations, s->all[i].tag);
		s->reviews[i] = review_file_load(path);
		free(path);
		s->status[i] = xcalloc((size_t)n, sizeof(**s->status));
		s->all[i].reviewed = review_status(s->book, s->cats[i],
		    s->reviews[i], s->status[i]);
	}
}

int
session_load(const struct build_options *opt, struct session *s,
    enum session_catalogs which)
{
	struct book_stats st;
	int i, j, found;

	TIMED(ST_PARSE, s->book = book_load(opt->content));
	s->theme = theme_load(opt->theme);
	/* The template does not depend on the catalogs: broken ones do not
	 * stop it. */
	if (s->book && which != SESSION_NO_CATALOGS)
		find_locales(opt, s->book->manifest->language, s, which);
	if (s->theme)
		s->nui = theme_strings(s->theme, &s->ui);
	for (i = 0; s->book && i < opt->nlocales; i++) {
		for (j = found = 0; j < s->nall; j++)
			found |= strcmp(s->all[j].tag, opt->locales[i]) == 0;
		if (!found)
			diag_err("no locale '%.64s': no usable %s/%.64s.po",
			    opt->locales[i], opt->translations,
			    opt->locales[i]);
	}
	s->ui_texts = xcalloc((size_t)s->nui + 1, sizeof(char *));
	for (i = 0; i < s->nui; i++)
		s->ui_texts[i] = s->ui[i].text;
	load_reviews(opt, s);
	for (i = 0; s->book && i < s->nall; i++) {
		if (s->cats[i] == NULL) { /* the source, or not read */
			s->all[i].percent = -1;
			continue;
		}
		book_stats(s->book, s->cats[i], s->ui_texts, s->nui, &st, NULL);
		s->all[i].percent = book_stats_percent(&st);
		locale_set_title(&s->all[i],
		    catalog_lookup(s->cats[i], NULL, s->book->manifest->title,
		        NULL));
	}
	return s->book && s->theme ? 0 : -1;
}

void
session_free(struct session *s)
{
	int i;

	for (i = 0; i < s->nall; i++) {
		catalog_free(s->cats[i]);
		if (s->reviews)
			review_file_free(s->reviews[i]);
		if (s->status)
			free(s->status[i]);
	}
	free(s->reviews);
	free(s->status);
	free(s->cats);
	free(s->all);
	free(s->ui_texts);
	theme_strings_free(s->ui, s->nui);
	theme_free(s->theme);
	book_free(s->book);
}

static int
write_locale(const char *dist, const struct locale_info *loc,
    const struct theme_result *res, long long date)
{
	struct outdir *o = output_begin(dist, loc->tag);
	char *epub, *shown;
	int i, rc = 0;

	if (o == NULL)
		return -1;
	for (i = 0; i < res->nfiles && rc == 0; i++)
		if (res->files[i].target == TARGET_SITE)
			rc = output_write(o, res->files[i].path,
			    res->files[i].data, res->files[i].len);
	/* Written in the temporary folder, named as where it will be. */
	epub = xasprintf("%s/handbook-%s.epub", output_tmp_path(o), loc->tag);
	shown = xasprintf("%s/%s/handbook-%s.epub", dist, loc->tag, loc->tag);
	if (rc == 0)
		TIMED(ST_EPUB,
		    rc =
		        epub_write(epub, shown, res->files, res->nfiles, date));
	free(epub);
	free(shown);
	if (rc < 0) {
		output_abort(o);
		return -1;
	}
	return output_commit(o);
}

static int
write_root_files(const char *dist, const struct theme_result *res)
{
	int i, rc = 0;

	for (i = 0; i < res->nfiles; i++)
		if (res->files[i].target == TARGET_ROOT &&
		    output_replace_file(dist, res->files[i].path,
		        res->files[i].data, res->files[i].len) < 0)
			rc = -1;
	return rc;
}

/* dist/handbook-<tag>.zip: the locale folder as one file to pass on. */
static int
write_locale_zip(const char *dist, const struct locale_info *loc,
    long long date)
{
	char *dir = xasprintf("%s/%s", dist, loc->tag);
	char *zip = xasprintf("%s/handbook-%s.zip", dist, loc->tag);
	int rc = epub_zip_folder(zip, dir, loc->tag, date);

	free(dir);
	free(zip);
	return rc;
}

/* The search index is the generator's own output, beside the theme's. */
static void
add_search_index(struct theme_result *res, xmlDoc *doc,
    const struct locale_info *loc)
{
	size_t len;
	char *js = search_index_js(doc, loc, &len);

	res->files = xrealloc(res->files,
	    (size_t)(res->nfiles + 1) * sizeof(*res->files));
	res->files[res->nfiles++] = (struct theme_output){TARGET_SITE,
	    xstrdup("search-index.js"), js, len};
}

/* The mark the default theme puts on placeholder text (content.xsl). */
static const char placeholder_mark[] = "data-placeholder=\"";

/* Safety-critical chapters whose translation is not reviewed. */
static void
check_release_reviews(const struct session *s, int which)
{
	const struct manifest *m = s->book->manifest;
	const char *tag = s->all[which].tag;
	int c;

	for (c = 0; s->cats[which] && c < m->nchapters; c++) {
		enum review_state st = s->status[which][c].state;

		if (!m->chapters[c].safety_critical || st == REVIEW_REVIEWED)
			continue;
		diag(DIAG_ERROR, catalog_path(s->cats[which]), 0, 0,
		    "release of '%s': %s is safety-critical and its "
		    "translation is %s; a mental-health professional reviews "
		    "it first (handbook review %s --approve %s --by NAME "
		    "--role ROLE)",
		    tag, m->chapters[c].file,
		    st == REVIEW_STALE ? "stale (changed since its review)" :
		                         "not reviewed",
		    tag, m->chapters[c].file);
	}
}

/* The number of placeholder="name[0..len)" in book.xml's order, or -1. */
static int
placeholder_number(const struct manifest *m, const char *name, size_t len)
{
	int c, k, n = 0;

	for (c = 0; c < m->nchapters; c++)
		for (k = 0; k < m->chapters[c].nplaceholders; k++, n++)
			if (strlen(m->chapters[c].placeholders[k]) == len &&
			    memcmp(name, m->chapters[c].placeholders[k], len) ==
			        0)
				return n;
	return -1;
}

/*
 * Placeholder sections still shown: one pass over the locale's files
 * finds every mark. A section of book.xml is reported once, at its
 * heading's line, with the first file that shows it; a mark book.xml does
 * not list (a theme's own), at that file.
 */
static void
check_release_placeholders(const struct session *s, int which,
    const struct theme_result *res)
{
	const struct manifest *m = s->book->manifest;
	const struct theme_output **shown;
	const char *p, *q, *end, *id;
	char *path;
	int c, k, i, n = 0, line;

	for (c = 0; c < m->nchapters; c++)
		n += m->chapters[c].nplaceholders;
	shown = xcalloc((size_t)n + 1, sizeof(*shown));
	for (i = 0; i < res->nfiles; i++) {
		if (res->files[i].target == TARGET_ROOT)
			continue;
		end = res->files[i].data + res->files[i].len;
		for (p = res->files[i].data;
		     (p = memmem(p, (size_t)(end - p), placeholder_mark,
		          sizeof(placeholder_mark) - 1)) != NULL;
		     p = q) {
			p += sizeof(placeholder_mark) - 1;
			if ((q = memchr(p, '"', (size_t)(end - p))) == NULL)
				break;
			if ((k = placeholder_number(m, p, (size_t)(q - p))) <
			    0) {
				diag(DIAG_ERROR, res->files[i].path, 0, 0,
				    "release of '%s': the page shows a "
				    "placeholder ('%.*s')",
				    s->all[which].tag,
				    (int)(q - p > 64 ? 64 : q - p), p);
				break;
			}
			if (shown[k] == NULL)
				shown[k] = &res->files[i];
		}
	}
	for (c = n = 0; c < m->nchapters; c++)
		for (k = 0; k < m->chapters[c].nplaceholders; k++, n++) {
			if (shown[n] == NULL)
				continue;
			id = m->chapters[c].placeholders[k];
			line = book_section_line(s->book, c, id);
			path = xasprintf("%s/%s", s->book->content_dir,
			    m->chapters[c].file);
			diag(DIAG_ERROR, path, line, line ? 1 : 0,
			    "release of '%s': the placeholder section '%s' is "
			    "still shown (%s); before release, an edition's "
			    "theme must replace it with checked local "
			    "information (see themes/README.md)",
			    s->all[which].tag, id, shown[n]->path);
			free(path);
		}
	free(shown);
}

/*
 * --release: a locale an organisation hands out shows no placeholder and
 * its safety-critical chapters are reviewed. Reports each reason; returns
 * -1 when there is one.
 */
static int
check_release(const struct session *s, int which,
    const struct theme_result *res)
{
	int errors = diag_errors();

	check_release_reviews(s, which);
	check_release_placeholders(s, which, res);
	return diag_errors() > errors ? -1 : 0;
}

/*
 * The covers make rasterises from `handbook cover` (--covers DIR):
 * DIR/TAG.png, required, and DIR/TAG.thumb.png, optional. Reads the PNG
 * of tag into *data (NULL when there is none); returns 0, or -1 after an
 * error.
 */
static int
read_png(const char *path, int required, char **data, size_t *len)
{
	static const char sig[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

	*data = NULL;
	*len = 0;
	if (!required && access(path, F_OK) != 0)
		return 0;
	if ((*data = file_read(path, COVER_MAX_BYTES, len)) == NULL)
		return diag(DIAG_ERROR, path, 0, 0,
		    "cannot read the cover (make it with handbook cover and "
		    "rsvg-convert)");
	if (*len < 24 || memcmp(*data, sig, sizeof(sig) - 1) != 0) {
		free(*data);
		*data = NULL;
		return diag(DIAG_ERROR, path, 0, 0, "a cover must be a PNG");
	}
	return 0;
}

static int
read_covers(const struct build_options *opt, const char *tag, char **cover,
    size_t *cover_len, char **thumb, size_t *thumb_len)
{
	char *path;
	int rc;

	*cover = *thumb = NULL;
	if (opt->covers == NULL)
		return 0;
	path = xasprintf("%s/%s.png", opt->covers, tag);
	rc = read_png(path, 1, cover, cover_len);
	free(path);
	path = xasprintf("%s/%s.thumb.png", opt->covers, tag);
	if (rc == 0)
		rc = read_png(path, 0, thumb, thumb_len);
	free(path);
	if (rc < 0) {
		free(*cover);
		*cover = NULL;
	}
	return rc;
}

/*
 * The cover in the EPUB (OEBPS/cover.png, the package's cover-image) and
 * beside the pages, with its thumbnail, for opds.xml. Takes the buffers.
 */
static void
add_cover(struct theme_result *res, char **cover, size_t cover_len,
    char **thumb, size_t thumb_len)
{
	int n = 2 + (*thumb != NULL);
	char *copy = xmalloc(cover_len);

	memcpy(copy, *cover, cover_len);
	res->files = xrealloc(res->files,
	    (size_t)(res->nfiles + n) * sizeof(*res->files));
	res->files[res->nfiles++] = (struct theme_output){TARGET_EPUB,
	    xstrdup("OEBPS/cover.png"), *cover, cover_len};
	res->files[res->nfiles++] = (struct theme_output){TARGET_SITE,
	    xstrdup("cover.png"), copy, cover_len};
	if (*thumb)
		res->files[res->nfiles++] = (struct theme_output){TARGET_SITE,
		    xstrdup("cover-thumb.png"), *thumb, thumb_len};
	*cover = *thumb = NULL;
}

/* Builds one locale; with write 0 only checks that it would build. */
static int
build_locale(const struct build_options *opt, struct session *s, int which,
    long long date, int write)
{
	const struct locale_info *loc = &s->all[which];
	char *epub_name = xasprintf("handbook-%s.epub", loc->tag);
	const char *params[] = {"epub-file", epub_name, "part", "locale",
	    "root-files", "no", NULL, NULL, NULL};
	struct locale_info *others = xcalloc((size_t)s->nall, sizeof(*others));
	struct theme_result res;
	char *cover = NULL, *thumb = NULL;
	size_t cover_len = 0, thumb_len = 0;
	xmlDoc *doc;
	int i, rc;

	if (read_covers(opt, loc->tag, &cover, &cover_len, &thumb, &thumb_len) <
	    0) {
		free(epub_name);
		return -1;
	}

	/* A locale's pages must not depend on other catalogs' contents:
	 * building it alone then gives the same bytes as the full build. */
	for (i = 0; i < s->nall; i++) {
		others[i] = s->all[i];
		if (i != which)
			others[i].percent = others[i].reviewed = -1;
	}
	/* Translating is linear in the catalog, but a 32 MB catalog is
	 * large: the same time limit as a chapter's parse. */
	watchdog_start(s->cats[which] ? catalog_path(s->cats[which]) :
	                                opt->content,
	    WATCHDOG_PARSE_SECONDS);
	TIMED(ST_LOCALIZE,
	    doc = book_document(s->book, loc, s->cats[which], s->status[which],
	        others, s->nall, date));
	watchdog_stop();
	free(others);
	if (cover)
		params[6] = "cover-image", params[7] = "cover.png";
	TIMED(ST_TRANSFORM,
	    rc = theme_apply(s->theme, doc, params, s->cats[which], &res));
	if (rc == 0)
		TIMED(ST_SEARCH, add_search_index(&res, doc, loc));
	if (rc == 0 && cover)
		add_cover(&res, &cover, cover_len, &thumb, thumb_len);
	xmlFreeDoc(doc);
	free(epub_name);
	free(cover);
	free(thumb);
	if (rc == 0 && opt->release && check_release(s, which, &res) < 0) {
		theme_result_free(&res);
		rc = -1;
	}
	if (rc < 0)
		return diag(DIAG_ERROR, NULL, 0, 0,
		    "locale '%s' not built; its previous output is kept",
		    loc->tag);
	if (write) {
		double t0 = now(), epub0 = stage_seconds[ST_EPUB];
		rc = write_locale(opt->output, loc, &res, date);
		if (rc == 0)
			rc = write_locale_zip(opt->output, loc, date);
		stage_seconds[ST_WRITE] +=
		    now() - t0 - (stage_seconds[ST_EPUB] - epub0);
	}
	theme_result_free(&res);
	return rc;
}

/* 1 when tag is in list. */
static int
listed(char **list, int n, const char *tag)
{
	int i;

	for (i = 0; i < n; i++)
		if (strcmp(list[i], tag) == 0)
			return 1;
	return 0;
}

/* A text of book.xml in a locale's language, as bookdoc.c's <meta>. */
static void
set_translated(xmlNode *l, const char *name, const struct catalog *cat,
    const char *text)
{
	const char *t =
	    text && cat ? catalog_lookup(cat, NULL, text, NULL) : NULL;

	if (t || text)
		xmlNewProp(l, BAD_CAST name, BAD_CAST(t ? t : text));
}

/*
 * PDFs and ZIMs are made after the build (make pdf, make zim) beside the
 * locale zips. The Makefile names those that are current (--pdf TAG,
 * --zim TAG); the chooser and opds.xml link them: <locale
 * pdf="handbook-TAG.pdf" zim="handbook-TAG.zim">. With --covers, cover
 * and thumbnail name the locale's cover files (its build put them beside
 * its pages). Nothing in the output folder is read back: the same options
 * give the same bytes. opds.xml also gets each locale's description and
 * creator in its language, as the locale's <meta> has them.
 */
static void
mark_downloads(xmlDoc *doc, const struct build_options *opt,
    const struct session *s)
{
	const struct manifest *m = s->book->manifest;
	xmlNode *n = xmlDocGetRootElement(doc)->children, *l;
	const char *d;
	xmlChar *tag;
	char *name;
	int i;

	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE ||
		    !xmlStrEqual(n->name, BAD_CAST "locales"))
			continue;
		for (l = n->children; l; l = l->next) {
			if (l->type != XML_ELEMENT_NODE ||
			    (tag = xmlGetProp(l, BAD_CAST "tag")) == NULL)
				continue;
			if (listed(opt->pdfs, opt->npdfs, (char *)tag)) {
				name =
				    xasprintf("handbook-%s.pdf", (char *)tag);
				xmlNewProp(l, BAD_CAST "pdf", BAD_CAST name);
				free(name);
			}
			if (listed(opt->zims, opt->nzims, (char *)tag)) {
				name =
				    xasprintf("handbook-%s.zim", (char *)tag);
				xmlNewProp(l, BAD_CAST "zim", BAD_CAST name);
				free(name);
			}
			if (opt->covers) {
				name = xasprintf("%s/%s.thumb.png", opt->covers,
				    (char *)tag);
				d = access(name, F_OK) == 0 ? "cover-thumb" :
				                              "cover";
				free(name);
				name = xasprintf("%s/cover.png", (char *)tag);
				xmlNewProp(l, BAD_CAST "cover", BAD_CAST name);
				free(name);
				name = xasprintf("%s/%s.png", (char *)tag, d);
				xmlNewProp(l, BAD_CAST "thumbnail",
				    BAD_CAST name);
				free(name);
			}
			for (i = 0; i < s->nall; i++)
				if (strcmp(s->all[i].tag, (char *)tag) == 0) {
					set_translated(l, "description",
					    s->cats[i], m->description);
					set_translated(l, "creator", s->cats[i],
					    m->creator);
				}
			xmlFree(tag);
		}
	}
}

/* The files at the top of the output folder: the language chooser. */
static int
build_root(const struct build_options *opt, struct session *s, long long date,
    int write)
{
	const char *params[] = {"part", "root", "root-files", "yes", NULL};
	struct theme_language *langs;
	struct theme_result res;
	xmlDoc *doc;
	int i, n = 0, rc;

	doc = book_document(s->book, &s->all[0], NULL, NULL, s->all, s->nall,
	    date);
	mark_downloads(doc, opt, s);
	langs = xcalloc((size_t)s->nall + 1, sizeof(*langs));
	for (i = 0; i < s->nall; i++)
		langs[i] = (struct theme_language){s->all[i].tag, s->cats[i]};
	TIMED(ST_TRANSFORM,
	    rc = theme_apply_languages(s->theme, doc, params, NULL, langs,
	        s->nall, &res));
	free(langs);
	xmlFreeDoc(doc);
	if (rc < 0)
		return diag(DIAG_ERROR, NULL, 0, 0,
		    "the files of %s/ not built; the previous ones are kept",
		    opt->output);
	for (i = 0; i < res.nfiles; i++)
		n += res.files[i].target == TARGET_ROOT;
	if (n == 0)
		diag(DIAG_WARNING, opt->theme, 0, 0,
		    "the theme's root part wrote no file for the top of %s/ "
		    "(the language chooser)",
		    opt->output);
	if (write)
		TIMED(ST_WRITE, rc = write_root_files(opt->output, &res));
	theme_result_free(&res);
	return rc;
}

int
build_run(const struct build_options *opt, struct session *s, int write)
{
	long long date;
	int i;

	if (diag_errors() || build_date(s->book, &date))
		return -1;
	for (i = 0; i < s->nall && !opt->root_only; i++)
		if (build_is_selected(opt, s->all[i].tag))
			build_locale(opt, s, i, date, write);
	/* A refused release leaves the chooser as it was. */
	if ((opt->root_only || opt->nlocales == 0) &&
	    !(opt->release && diag_errors()))
		build_root(opt, s, date, write);
	if (opt->timings)
		for (i = 0; i < ST_COUNT; i++)
			fprintf(stderr, "timing: %-12s %8.1f ms\n",
			    stage_names[i], stage_seconds[i] * 1000);
	return diag_errors() ? -1 : 0;
}
