/* handbook: the command line. Parses arguments and runs the stages in order. */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "bookdoc.h"
#include "diag.h"
#include "epub.h"
#include "locale.h"
#include "manifest.h"
#include "markdown.h"
#include "output.h"
#include "theme.h"
#include "util.h"
#include "xmlsafe.h"

#ifndef HANDBOOK_DATADIR
#define HANDBOOK_DATADIR "/usr/local/share/handbook"
#endif

#define EXIT_INPUT 1
#define EXIT_USAGE 2

struct options {
	const char *content, *translations, *theme, *output;
	char **locales; /* from --locale, in the order given */
	int nlocales;
};

static void
usage(FILE *f)
{
	fputs("usage: handbook build [--content DIR] [--translations DIR] "
	      "[--theme DIR]\n"
	      "                      [--locale TAG]... [--output DIR]\n"
	      "       handbook --help | --version\n"
	      "\n"
	      "Builds, for every locale, an offline HTML handbook, a print "
	      "page and an EPUB 3\nbook from Markdown chapters.\n"
	      "\n"
	      "  --content DIR       chapters and book.xml (default: content)\n"
	      "  --translations DIR  one TAG.po per language (default: "
	      "translations)\n"
	      "  --theme DIR         XSLT theme (default: themes/default)\n"
	      "  --locale TAG        build only this locale; may be repeated\n"
	      "                      (default: the source locale and one per "
	      ".po file)\n"
	      "  --output DIR        where dist/<locale>/ folders go "
	      "(default: dist)\n"
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

/* The source locale first, then one per TAG.po in sorted order. */
static int
find_locales(const struct options *opt, const char *source,
    struct locale_info **out)
{
	char **tags = NULL, *path;
	int n = 0, i, ok = 0;
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
	*out = xcalloc((size_t)n, sizeof(**out));
	for (i = 0; i < n; i++) {
		path = i ? xasprintf("%s/%s.po", opt->translations, tags[i])
			 : xasprintf("%s/book.xml", opt->content);
		if (locale_lookup(tags[i], path, &(*out)[ok]) == 0)
			ok++;
		free(path);
		free(tags[i]);
	}
	free(tags);
	return ok;
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

static int
write_locale(const char *dist, const struct locale_info *loc,
    const struct theme_result *res, long long date)
{
	struct outdir *o = output_begin(dist, loc->tag);
	char *epub, *epub_name;
	int i, rc = 0;

	if (o == NULL)
		return -1;
	for (i = 0; i < res->nfiles && rc == 0; i++)
		if (res->files[i].target == TARGET_SITE)
			rc = output_write(o, res->files[i].path,
			    res->files[i].data, res->files[i].len);
	epub_name = xasprintf("handbook-%s.epub", loc->tag);
	epub = xasprintf("%s/%s", output_tmp_path(o), epub_name);
	if (rc == 0)
		rc = epub_write(epub, res->files, res->nfiles, date);
	free(epub);
	free(epub_name);
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

static int
build_locale(const struct options *opt, struct book *b, struct theme *t,
    const struct locale_info *all, int nall, int which, long long date)
{
	const struct locale_info *loc = &all[which];
	char *epub_name = xasprintf("handbook-%s.epub", loc->tag);
	const char *params[] = {"epub-file", epub_name, "root-files",
	    which == 0 ? "yes" : "no", NULL};
	struct theme_result res;
	xmlDoc *doc = book_document(b, loc, all, nall, date);
	int rc;

	rc = theme_apply(t, doc, params, &res);
	xmlFreeDoc(doc);
	free(epub_name);
	if (rc < 0)
		return diag(DIAG_ERROR, NULL, 0, 0,
		    "locale '%s' not built; its previous output is kept",
		    loc->tag);
	rc = write_locale(opt->output, loc, &res, date);
	if (rc == 0 && which == 0)
		rc = write_root_files(opt->output, &res);
	theme_result_free(&res);
	return rc;
}

static int
cmd_build(const struct options *opt)
{
	struct locale_info *all = NULL;
	struct theme *t = NULL;
	struct book *b;
	long long date;
	int nall = 0, i, built = 0;

	b = book_load(opt->content);
	if (b)
		nall = find_locales(opt, b->manifest->language, &all);
	for (i = 0; i < opt->nlocales; i++) {
		int j, found = 0;
		for (j = 0; j < nall; j++)
			found |= strcmp(all[j].tag, opt->locales[i]) == 0;
		if (b && !found)
			diag_err("no locale '%s': no %s/%s.po", opt->locales[i],
			    opt->translations, opt->locales[i]);
	}
	t = theme_load(opt->theme);
	if (b == NULL || t == NULL || diag_errors() || build_date(b, &date))
		goto out;
	for (i = 0; i < nall; i++) {
		if (!is_selected(opt, all[i].tag))
			continue;
		if (build_locale(opt, b, t, all, nall, i, date) == 0)
			built++;
	}
out:
	free(all);
	theme_free(t);
	book_free(b);
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
	    {"output", required_argument, NULL, 'o'},
	    {NULL, 0, NULL, 0}};
	int c;

	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
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
		case 'o':
			opt->output = optarg;
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
	return 0;
}

int
main(int argc, char **argv)
{
	struct options opt = {"content", "translations", "themes/default",
	    "dist", NULL, 0};
	int rc;

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
	if (argc < 2 || strcmp(argv[1], "build") != 0) {
		if (argc >= 2)
			fprintf(stderr, "handbook: error: unknown command "
					"'%s'\n",
			    argv[1]);
		usage(stderr);
		return EXIT_USAGE;
	}
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
	rc = cmd_build(&opt);
	free(opt.locales);
	theme_cleanup();
	xmlsafe_cleanup();
	xmlCleanupParser();
	return rc;
}
