/* handbook: the command line. Parses arguments and runs the stages in order. */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "bookdoc.h"
#include "catalog.h"
#include "diag.h"
#include "epub.h"
#include "locale.h"
#include "manifest.h"
#include "markdown.h"
#include "output.h"
#include "search.h"
#include "theme.h"
#include "util.h"
#include "xmlsafe.h"

#ifndef HANDBOOK_DATADIR
#define HANDBOOK_DATADIR "/usr/local/share/handbook"
#endif

#define EXIT_INPUT 1
#define EXIT_USAGE 2

/* Time spent in each stage, for --timings (make bench). */
enum stage { ST_PARSE, ST_LOCALIZE, ST_TRANSFORM, ST_SEARCH, ST_EPUB,
	ST_WRITE, ST_COUNT };
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

#define TIMED(stage, stmt)                                                   \
	do {                                                                 \
		double t0_ = now();                                          \
		stmt;                                                        \
		stage_seconds[stage] += now() - t0_;                          \
	} while (0)

struct options {
	const char *command;
	const char *content, *translations, *theme, *output, *pot;
	char **locales; /* from --locale, in the order given */
	int nlocales;
	int chapters; /* stats --chapters */
	int timings;  /* build --timings */
	int root_only; /* build --root-only */
};

/* Everything loaded before a command runs. */
struct session {
	struct book *book;
	struct theme *theme;
	struct locale_info *all; /* the source locale first */
	struct catalog **cats;   /* one per locale; NULL for the source */
	int nall;
	struct theme_string *ui;
	char **ui_texts; /* the msgids of ui, for book_stats */
	int nui;
};

static void
usage(FILE *f)
{
	fputs("usage: handbook build [--content DIR] [--translations DIR] "
	      "[--theme DIR]\n"
	      "                      [--locale TAG]... [--output DIR] "
	      "[--timings]\n"
	      "       handbook build --root-only [options]\n"
	      "       handbook extract [-o FILE] [--content DIR] [--theme DIR] "
	      "[--translations DIR]\n"
	      "       handbook stats [--chapters] [--locale TAG]... [options]\n"
	      "       handbook check [options]\n"
	      "       handbook tokens [--locale TAG] [-o FILE] [options]\n"
	      "       handbook --help | --version\n"
	      "\n"
	      "  build    write, for every locale, the HTML site, the print "
	      "page and the EPUB\n"
	      "  extract  write the translation template "
	      "(default: translations/handbook.pot)\n"
	      "  stats    show how much of each catalog is translated\n"
	      "  check    check the content, the theme and every catalog; "
	      "write nothing\n"
	      "  tokens   write search tokenizer test vectors (JSON) for a "
	      "locale\n"
	      "\n"
	      "  --content DIR       chapters and book.xml (default: content)\n"
	      "  --translations DIR  one TAG.po per language (default: "
	      "translations)\n"
	      "  --theme DIR         XSLT theme (default: themes/default)\n"
	      "  --locale TAG        only this locale; may be repeated\n"
	      "                      (default: the source locale and one per "
	      ".po file)\n"
	      "  --output DIR        where dist/<locale>/ folders go "
	      "(default: dist)\n"
	      "  --root-only         build only the files at the top of the "
	      "output folder\n"
	      "                      (the language chooser); without it, "
	      "--locale skips them\n"
	      "  --timings           print the time spent in each stage\n"
	      "\n"
	      "Exit status: 0 success, 1 errors in the input, 2 usage "
	      "errors.\n",
	    f);
}

/* The build's timestamp: SOURCE_DATE_EPOCH, else the newest input's mtime. */
static int
build_date(const struct book *b, long long *date)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	struct stat st;
	char *end, *path;
	int i;

	if (sde && *sde) {
		errno = 0;
		*date = strtoll(sde, &end, 10);
		if (errno || *end || *date < 0 || *date > 253402300799LL)
			return diag_err("SOURCE_DATE_EPOCH must be a number of "
					"seconds, got '%s'",
			    sde);
		return 0;
	}
	*date = 0;
	for (i = -1; i < b->manifest->nchapters; i++) {
		path = i < 0 ? xstrdup(b->manifest->path)
			     : xasprintf("%s/%s", b->content_dir,
				   b->manifest->chapters[i].file);
		if (stat(path, &st) == 0 && st.st_mtime > *date)
			*date = st.st_mtime;
		free(path);
	}
	return 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
is_selected(const struct options *opt, const char *tag)
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
find_locales(const struct options *opt, const char *source,
    struct session *s, int all_catalogs)
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
		tags = xrealloc(tags, (size_t)(n + 1) * sizeof(char *));
		tags[n] = xstrdup(e->d_name);
		tags[n++][strlen(e->d_name) - 3] = '\0';
	}
	if (d)
		closedir(d);
	qsort(tags + 1, (size_t)n - 1, sizeof(char *), cmp_str);
	s->all = xcalloc((size_t)n, sizeof(*s->all));
	s->cats = xcalloc((size_t)n, sizeof(*s->cats));
	for (i = 0; i < n; i++) {
		path = i ? xasprintf("%s/%s.po", opt->translations, tags[i])
			 : xasprintf("%s/book.xml", opt->content);
		if (locale_lookup(tags[i], path, &s->all[s->nall]) == 0) {
			const char *tag = s->all[s->nall].tag;
			int read = i > 0 && (all_catalogs || is_selected(opt, tag));

			/* A catalog that does not load drops its locale. */
			if (!read || (s->cats[s->nall] = catalog_load(path,
					  tag)) != NULL)
				s->nall++;
		}
		free(path);
		free(tags[i]);
	}
	free(tags);
}


/* Loads the book, the theme, the locales and their catalogs. */
static int
load_session(const struct options *opt, struct session *s)
{
	struct book_stats st;
	int i, j, found;
	/* The language chooser shows every catalog's completeness. */
	int all_catalogs = strcmp(opt->command, "check") == 0 ||
			   (strcmp(opt->command, "build") == 0 &&
			       (opt->nlocales == 0 || opt->root_only));

	TIMED(ST_PARSE, s->book = book_load(opt->content));
	s->theme = theme_load(opt->theme);
	/* The template does not depend on the catalogs: broken ones do not
	 * stop it. */
	if (s->book && strcmp(opt->command, "extract") != 0)
		find_locales(opt, s->book->manifest->language, s,
		    all_catalogs);
	if (s->theme)
		s->nui = theme_strings(s->theme, &s->ui);
	for (i = 0; s->book && i < opt->nlocales; i++) {
		for (j = found = 0; j < s->nall; j++)
			found |= strcmp(s->all[j].tag, opt->locales[i]) == 0;
		if (!found)
			diag_err("no locale '%s': no usable %s/%s.po",
			    opt->locales[i], opt->translations, opt->locales[i]);
	}
	s->ui_texts = xcalloc((size_t)s->nui + 1, sizeof(char *));
	for (i = 0; i < s->nui; i++)
		s->ui_texts[i] = s->ui[i].text;
	for (i = 0; s->book && i < s->nall; i++) {
		if (s->cats[i] == NULL) { /* the source, or not read */
			s->all[i].percent = -1;
			continue;
		}
		book_stats(s->book, s->cats[i], s->ui_texts, s->nui, &st, NULL);
		s->all[i].percent = book_stats_percent(&st);
	}
	return s->book && s->theme ? 0 : -1;
}

static void
free_session(struct session *s)
{
	int i;

	for (i = 0; i < s->nall; i++)
		catalog_free(s->cats[i]);
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
	char *epub;
	int i, rc = 0;

	if (o == NULL)
		return -1;
	for (i = 0; i < res->nfiles && rc == 0; i++)
		if (res->files[i].target == TARGET_SITE)
			rc = output_write(o, res->files[i].path,
			    res->files[i].data, res->files[i].len);
	epub = xasprintf("%s/handbook-%s.epub", output_tmp_path(o), loc->tag);
	if (rc == 0)
		TIMED(ST_EPUB, rc = epub_write(epub, res->files, res->nfiles, date));
	free(epub);
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

/* Builds one locale; with write 0 only checks that it would build. */
static int
build_locale(const struct options *opt, struct session *s, int which,
    long long date, int write)
{
	const struct locale_info *loc = &s->all[which];
	char *epub_name = xasprintf("handbook-%s.epub", loc->tag);
	const char *params[] = {"epub-file", epub_name, "part", "locale",
	    "root-files", "no", NULL};
	struct locale_info *others = xcalloc((size_t)s->nall, sizeof(*others));
	struct theme_result res;
	xmlDoc *doc;
	int i, rc;

	/* A locale's pages must not depend on other catalogs' contents:
	 * building it alone then gives the same bytes as the full build. */
	for (i = 0; i < s->nall; i++) {
		others[i] = s->all[i];
		if (i != which)
			others[i].percent = -1;
	}
	TIMED(ST_LOCALIZE, doc = book_document(s->book, loc, s->cats[which],
			       others, s->nall, date));
	free(others);
	TIMED(ST_TRANSFORM,
	    rc = theme_apply(s->theme, doc, params, s->cats[which], &res));
	if (rc == 0)
		TIMED(ST_SEARCH, add_search_index(&res, doc, loc));
	xmlFreeDoc(doc);
	free(epub_name);
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

/*
 * PDFs are made after the build (make pdf) beside the locale zips; the
 * chooser links those that exist and are current: <locale
 * pdf="handbook-TAG.pdf">. A PDF older than its locale's print page (whose
 * time changes only when its bytes do) was made from older text.
 */
static int
pdf_is_current(const char *dist, const char *tag, const char *pdf)
{
	char *print = xasprintf("%s/%s/print.html", dist, tag);
	struct stat p, h;
	int ok = stat(pdf, &p) == 0 && stat(print, &h) == 0 &&
		 (p.st_mtim.tv_sec > h.st_mtim.tv_sec ||
		     (p.st_mtim.tv_sec == h.st_mtim.tv_sec &&
			 p.st_mtim.tv_nsec >= h.st_mtim.tv_nsec));

	free(print);
	return ok;
}

static void
mark_pdfs(xmlDoc *doc, const char *dist)
{
	xmlNode *n = xmlDocGetRootElement(doc)->children, *l;
	xmlChar *tag;
	char *name, *path;

	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE ||
		    !xmlStrEqual(n->name, BAD_CAST "locales"))
			continue;
		for (l = n->children; l; l = l->next) {
			if (l->type != XML_ELEMENT_NODE ||
			    (tag = xmlGetProp(l, BAD_CAST "tag")) == NULL)
				continue;
			name = xasprintf("handbook-%s.pdf", (char *)tag);
			path = xasprintf("%s/%s", dist, name);
			if (pdf_is_current(dist, (char *)tag, path))
				xmlNewProp(l, BAD_CAST "pdf", BAD_CAST name);
			free(name);
			free(path);
			xmlFree(tag);
		}
	}
}

/* The files at the top of the output folder: the language chooser. */
static int
build_root(const struct options *opt, struct session *s, long long date,
    int write)
{
	const char *params[] = {"part", "root", "root-files", "yes", NULL};
	struct theme_result res;
	xmlDoc *doc;
	int i, n = 0, rc;

	doc = book_document(s->book, &s->all[0], NULL, s->all, s->nall, date);
	mark_pdfs(doc, opt->output);
	TIMED(ST_TRANSFORM, rc = theme_apply(s->theme, doc, params, NULL, &res));
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

static int
cmd_build(const struct options *opt, struct session *s, int write)
{
	long long date;
	int i;

	if (diag_errors() || build_date(s->book, &date))
		return EXIT_INPUT;
	for (i = 0; i < s->nall && !opt->root_only; i++)
		if (is_selected(opt, s->all[i].tag))
			build_locale(opt, s, i, date, write);
	if (opt->root_only || opt->nlocales == 0)
		build_root(opt, s, date, write);
	if (opt->timings)
		for (i = 0; i < ST_COUNT; i++)
			fprintf(stderr, "timing: %-12s %8.1f ms\n", stage_names[i],
			    stage_seconds[i] * 1000);
	return diag_errors() ? EXIT_INPUT : 0;
}

/* Test vectors for search.js, from the first selected locale's text. */
static int
cmd_tokens(const struct options *opt, struct session *s)
{
	xmlDoc *doc;
	char *json;
	size_t len;
	int i;
	FILE *f;

	for (i = 0; i < s->nall && !is_selected(opt, s->all[i].tag); i++)
		;
	if (i == s->nall || diag_errors())
		return EXIT_INPUT;
	doc = book_document(s->book, &s->all[i], s->cats[i], s->all, s->nall,
	    0);
	json = search_vectors_json(doc, &s->all[i], &len);
	xmlFreeDoc(doc);
	f = opt->pot ? fopen(opt->pot, "w") : stdout;
	if (f == NULL || fwrite(json, 1, len, f) != len ||
	    (f != stdout && fclose(f) != 0)) {
		diag_err("cannot write '%s': %s", opt->pot, strerror(errno));
		free(json);
		return EXIT_INPUT;
	}
	free(json);
	return 0;
}

static int
cmd_extract(const struct options *opt, struct session *s)
{
	const struct manifest *m = s->book->manifest;
	struct catalog_template *t = catalog_template_new(m->title);
	char *pot = opt->pot ? xstrdup(opt->pot)
			     : xasprintf("%s/handbook.pot", opt->translations);
	char *file;
	const struct unit *u;
	int i, rc;

	for (i = 0; i < s->book->nunits; i++) {
		u = &s->book->units[i];
		if (*u->msgid == '\0')
			continue;
		file = u->chapter < 0
			   ? xstrdup(m->path)
			   : xasprintf("%s/%s", opt->content,
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
	return rc < 0 || diag_errors() ? EXIT_INPUT : 0;
}

static void
print_stats(const char *name, const struct book_stats *st)
{
	printf("%-32s %10d %6d %12d %7d%%\n", name, st->translated, st->fuzzy,
	    st->untranslated, book_stats_percent(st));
}

static int
cmd_stats(const struct options *opt, struct session *s)
{
	const struct manifest *m = s->book->manifest;
	struct book_stats total, *per = xcalloc((size_t)m->nchapters,
						    sizeof(*per));
	int i, c;

	printf("%-32s %10s %6s %12s %8s\n", "locale", "translated", "fuzzy",
	    "untranslated", "percent");
	for (i = 1; i < s->nall; i++) {
		if (!is_selected(opt, s->all[i].tag))
			continue;
		book_stats(s->book, s->cats[i], s->ui_texts, s->nui, &total,
		    per);
		print_stats(s->all[i].tag, &total);
		for (c = 0; opt->chapters && c < m->nchapters; c++) {
			char *name = xasprintf("  %s", m->chapters[c].id);
			print_stats(name, &per[c]);
			free(name);
		}
	}
	if (s->nall < 2)
		printf("(no catalogs in %s/)\n", opt->translations);
	free(per);
	return diag_errors() ? EXIT_INPUT : 0;
}

static int
parse_options(int argc, char **argv, struct options *opt)
{
	static const struct option longopts[] = {
	    {"content", required_argument, NULL, 'c'},
	    {"translations", required_argument, NULL, 't'},
	    {"theme", required_argument, NULL, 'T'},
	    {"locale", required_argument, NULL, 'l'},
	    {"output", required_argument, NULL, 'O'},
	    {"chapters", no_argument, NULL, 'C'},
	    {"timings", no_argument, NULL, 'M'},
	    {"root-only", no_argument, NULL, 'R'},
	    {NULL, 0, NULL, 0}};
	int extract = strcmp(opt->command, "extract") == 0 ||
		      strcmp(opt->command, "tokens") == 0;
	int stats = strcmp(opt->command, "stats") == 0;
	int c;

	while ((c = getopt_long(argc, argv, extract ? "o:" : "", longopts,
		    NULL)) != -1) {
		switch (c) {
		case 'c':
			opt->content = optarg;
			break;
		case 't':
			opt->translations = optarg;
			break;
		case 'T':
			opt->theme = optarg;
			break;
		case 'O':
			opt->output = optarg;
			break;
		case 'o':
			opt->pot = optarg;
			break;
		case 'C':
			if (!stats)
				goto bad;
			opt->chapters = 1;
			break;
		case 'M':
			opt->timings = 1;
			break;
		case 'R':
			if (strcmp(opt->command, "build") != 0)
				goto bad;
			opt->root_only = 1;
			break;
		case 'l':
			opt->locales = xrealloc(opt->locales,
			    (size_t)(opt->nlocales + 1) * sizeof(char *));
			opt->locales[opt->nlocales++] = optarg;
			break;
		default:
			return -1;
		}
	}
	if (optind != argc) {
		fprintf(stderr, "handbook: error: unexpected argument '%s'\n",
		    argv[optind]);
		return -1;
	}
	if (opt->root_only && opt->nlocales > 0) {
		fprintf(stderr, "handbook: error: --root-only and --locale "
				"exclude each other\n");
		return -1;
	}
	return 0;
bad:
	fprintf(stderr, "handbook: error: --%s is an option of '%s'\n",
	    c == 'C' ? "chapters" : "root-only", c == 'C' ? "stats" : "build");
	return -1;
}

static int
is_command(const char *s)
{
	return strcmp(s, "build") == 0 || strcmp(s, "extract") == 0 ||
	       strcmp(s, "stats") == 0 || strcmp(s, "check") == 0 ||
	       strcmp(s, "tokens") == 0;
}

int
main(int argc, char **argv)
{
	struct options opt = {.content = "content",
	    .translations = "translations",
	    .theme = "themes/default",
	    .output = "dist"};
	struct session s = {0};
	int rc;

	/* Past a file size limit, write() fails with EFBIG and the build
	 * stops cleanly, as when the disk is full; the signal would kill. */
	signal(SIGXFSZ, SIG_IGN);
	setenv("TZ", "UTC", 1); /* zip entry times are local time */
	tzset();
	if (argc >= 2 && strcmp(argv[1], "--help") == 0) {
		usage(stdout);
		return 0;
	}
	if (argc >= 2 && strcmp(argv[1], "--version") == 0) {
		printf("handbook %s\n", HANDBOOK_VERSION);
		return 0;
	}
	if (argc < 2 || !is_command(argv[1])) {
		if (argc >= 2)
			fprintf(stderr, "handbook: error: unknown command "
					"'%s'\n",
			    argv[1]);
		usage(stderr);
		return EXIT_USAGE;
	}
	opt.command = argv[1];
	if (parse_options(argc - 1, argv + 1, &opt) < 0) {
		usage(stderr);
		free(opt.locales);
		return EXIT_USAGE;
	}
	/* An installed generator finds its default theme in its data folder. */
	if (strcmp(opt.theme, "themes/default") == 0 &&
	    access("themes/default/handbook.xsl", R_OK) != 0)
		opt.theme = HANDBOOK_DATADIR "/themes/default";
	xmlsafe_init();
	markdown_init();
	theme_init();
	if (load_session(&opt, &s) < 0)
		rc = EXIT_INPUT;
	else if (strcmp(opt.command, "extract") == 0)
		rc = cmd_extract(&opt, &s);
	else if (strcmp(opt.command, "stats") == 0)
		rc = cmd_stats(&opt, &s);
	else if (strcmp(opt.command, "tokens") == 0)
		rc = cmd_tokens(&opt, &s);
	else
		rc = cmd_build(&opt, &s, strcmp(opt.command, "build") == 0);
	free_session(&s);
	free(opt.locales);
	search_cleanup();
	theme_cleanup();
	xmlsafe_cleanup();
	xmlCleanupParser();
	return rc;
}
