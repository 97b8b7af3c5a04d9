/* handbook: the command line. Parses arguments and runs one command. */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "bounds.h"
#include "build.h"
#include "commands.h"
#include "cover.h"
#include "diag.h"
#include "init.h"
#include "lint.h"
#include "markdown.h"
#include "memlimit.h"
#include "search.h"
#include "theme.h"
#include "util.h"
#include "xmlsafe.h"

#ifndef HANDBOOK_DATADIR
#define HANDBOOK_DATADIR "/usr/local/share/handbook"
#endif

#define EXIT_INPUT 1
#define EXIT_USAGE 2

/* Long options; each command accepts those in its mask. */
enum {
	OPT_CONTENT = 1 << 0,
	OPT_TRANSLATIONS = 1 << 1,
	OPT_THEME = 1 << 2,
	OPT_LOCALE = 1 << 3,
	OPT_OUTPUT = 1 << 4,
	OPT_CHAPTERS = 1 << 5,
	OPT_TIMINGS = 1 << 6,
	OPT_ROOT_ONLY = 1 << 7,
	OPT_PDF = 1 << 8,
	OPT_FILE = 1 << 9, /* -o FILE */
	OPT_MEMORY = 1 << 10,
	OPT_STRICT = 1 << 11, /* every warning is an error */
	OPT_COMPLETE = 1 << 12, /* every entry must be translated */
	OPT_JSON = 1 << 13,
	OPT_APPROVE = 1 << 14, /* --approve, --by, --role, --date */
	OPT_RELEASE = 1 << 15,
	OPT_ZIM = 1 << 16,
	OPT_COVERS = 1 << 17,
	OPT_INPUTS = OPT_CONTENT | OPT_TRANSLATIONS | OPT_THEME | OPT_MEMORY,
};

struct cli {
	struct build_options build;
	const struct command *command;
	const char *file; /* -o */
	int chapters; /* stats --chapters */
	int json; /* stats --json */
	const char *approve, *by, *role, *date; /* review --approve ... */
	unsigned long memory_mb;
};

struct command {
	const char *name;
	int (*run)(struct cli *c, struct session *s);
	enum session_catalogs catalogs;
	unsigned options;
};

static int
run_build(struct cli *c, struct session *s)
{
	return build_run(&c->build, s, 1) < 0 ? EXIT_INPUT : 0;
}

static int
run_check(struct cli *c, struct session *s)
{
	return build_run(&c->build, s, 0) < 0 ? EXIT_INPUT : 0;
}

static int
run_extract(struct cli *c, struct session *s)
{
	return command_extract(&c->build, s, c->file);
}

static int
run_stats(struct cli *c, struct session *s)
{
	return command_stats(&c->build, s, c->chapters, c->json);
}

static int
run_review(struct cli *c, struct session *s)
{
	if (c->approve == NULL)
		return command_review_edition(&c->build, s);
	if (c->by == NULL || c->role == NULL) {
		fprintf(stderr,
		    "handbook: error: review --approve needs --by "
		    "NAME and --role ROLE\n");
		return EXIT_USAGE;
	}
	return command_review_approve(&c->build, s, c->approve, c->by, c->role,
	    c->date);
}

static int
run_meta(struct cli *c, struct session *s)
{
	return command_meta(&c->build, s, c->file);
}

static int
run_tokens(struct cli *c, struct session *s)
{
	return command_tokens(&c->build, s, c->file);
}

static int
run_cover(struct cli *c, struct session *s)
{
	return command_cover(&c->build, s, c->file);
}

/* A locale page shows only its own completeness; the chooser shows all. */
static const struct command commands[] = {
    {"build", run_build, SESSION_SELECTED,
        OPT_INPUTS | OPT_LOCALE | OPT_OUTPUT | OPT_TIMINGS | OPT_ROOT_ONLY |
            OPT_PDF | OPT_ZIM | OPT_COVERS | OPT_STRICT | OPT_COMPLETE |
            OPT_RELEASE},
    {"check", run_check, SESSION_ALL_CATALOGS,
        OPT_INPUTS | OPT_LOCALE | OPT_STRICT | OPT_COMPLETE},
    {"extract", run_extract, SESSION_NO_CATALOGS, OPT_INPUTS | OPT_FILE},
    {"stats", run_stats, SESSION_SELECTED,
        OPT_INPUTS | OPT_LOCALE | OPT_CHAPTERS | OPT_JSON},
    /* The locale comes as its first argument (handbook review TAG). */
    {"review", run_review, SESSION_SELECTED,
        OPT_INPUTS | OPT_OUTPUT | OPT_APPROVE},
    {"meta", run_meta, SESSION_SELECTED, OPT_INPUTS | OPT_LOCALE | OPT_FILE},
    {"tokens", run_tokens, SESSION_SELECTED,
        OPT_INPUTS | OPT_LOCALE | OPT_FILE},
    {"cover", run_cover, SESSION_SELECTED, OPT_INPUTS | OPT_LOCALE | OPT_FILE},
};

static void
usage(FILE *f)
{
	fputs(
	    "usage: handbook build [--content DIR] [--translations DIR] "
	    "[--theme DIR]\n"
	    "                      [--locale TAG]... [--output DIR] "
	    "[--covers DIR] [--timings]\n"
	    "       handbook build --release [--locale TAG]... [options]\n"
	    "       handbook build --root-only [--pdf TAG]... [--zim TAG]... "
	    "[options]\n"
	    "       handbook extract [-o FILE] [--content DIR] [--theme DIR] "
	    "[--translations DIR]\n"
	    "       handbook stats [--chapters | --json] [--locale TAG]... "
	    "[options]\n"
	    "       handbook check [--strict [--complete]] [--locale TAG]... "
	    "[options]\n"
	    "       handbook init TAG [--translations DIR]\n"
	    "       handbook tokens [--locale TAG] [-o FILE] [options]\n"
	    "       handbook meta [--locale TAG]... [-o FILE] [options]\n"
	    "       handbook cover [--locale TAG] [-o FILE] [options]\n"
	    "       handbook review TAG --approve CHAPTER --by NAME --role "
	    "ROLE [--date YYYY-MM-DD]\n"
	    "       handbook review TAG [--output DIR] [options]\n"
	    "       handbook --help | --version\n"
	    "\n"
	    "  build    write, for every locale, the HTML site, the print "
	    "page and the EPUB\n"
	    "  extract  write the translation template "
	    "(default: translations/handbook.pot)\n"
	    "  stats    show how much of each catalog is translated and "
	    "reviewed\n"
	    "  check    check the content, the theme and every catalog; "
	    "write nothing\n"
	    "  init     start the catalog of a new language: "
	    "translations/TAG.po\n"
	    "  tokens   write search tokenizer test vectors (JSON) for a "
	    "locale\n"
	    "  meta     write each locale's translated title, description, "
	    "ISO 639-3 code (XML)\n"
	    "  cover    write a locale's cover (SVG, for rsvg-convert)\n"
	    "  review   record a reviewed chapter (--approve), or write the "
	    "bilingual review\n"
	    "           edition of a locale for reviewers "
	    "(DIR/review/handbook-TAG-review.html)\n"
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
	    "  --pdf TAG           the chooser and opds.xml link "
	    "DIR/handbook-TAG.pdf (make pdf)\n"
	    "  --zim TAG           opds.xml links DIR/handbook-TAG.zim "
	    "(make zim)\n"
	    "  --covers DIR        DIR/TAG.png is the EPUB's cover "
	    "(and TAG.thumb.png, opds.xml's)\n"
	    "  --timings           print the time spent in each stage\n"
	    "  --strict            (build, check) every warning is an error\n"
	    "  --complete          (build, check) an untranslated or fuzzy "
	    "entry is an error\n"
	    "  --release           (build) refuse a locale that still shows a "
	    "placeholder or\n"
	    "                      whose safety-critical chapters are not "
	    "reviewed\n"
	    "  --json              (stats) per locale and chapter, as JSON\n"
	    "  --memory-limit MB   stop cleanly past MB megabytes "
	    "(default 1024; 0: none)\n"
	    "\n"
	    "Exit status: 0 success, 1 errors in the input (or out of "
	    "memory), 2 usage errors.\n",
	    f);
}

static const struct command *
find_command(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static void
add_string(char ***list, int *n, char *s)
{
	*list = xrealloc(*list, (size_t)(*n + 1) * sizeof(char *));
	(*list)[(*n)++] = s;
}

/* Stores one option's value; returns its OPT_ bit, or 0 when unknown. */
static unsigned
set_option(struct cli *c, int ch, char *arg)
{
	struct build_options *b = &c->build;
	char *end;

	switch (ch) {
	case 'c': b->content = arg; return OPT_CONTENT;
	case 't': b->translations = arg; return OPT_TRANSLATIONS;
	case 'T': b->theme = arg; return OPT_THEME;
	case 'O': b->output = arg; return OPT_OUTPUT;
	case 'o': c->file = arg; return OPT_FILE;
	case 'C': c->chapters = 1; return OPT_CHAPTERS;
	case 'M': b->timings = 1; return OPT_TIMINGS;
	case 'R': b->root_only = 1; return OPT_ROOT_ONLY;
	case 'l': add_string(&b->locales, &b->nlocales, arg); return OPT_LOCALE;
	case 'P': add_string(&b->pdfs, &b->npdfs, arg); return OPT_PDF;
	case 'Z': add_string(&b->zims, &b->nzims, arg); return OPT_ZIM;
	case 'V': b->covers = arg; return OPT_COVERS;
	case 'S': diag_set_strict(1); return OPT_STRICT;
	case 'A': lint_set_complete(1); return OPT_COMPLETE;
	case 'J': c->json = 1; return OPT_JSON;
	case 'a': c->approve = arg; return OPT_APPROVE;
	case 'b': c->by = arg; return OPT_APPROVE;
	case 'r': c->role = arg; return OPT_APPROVE;
	case 'd': c->date = arg; return OPT_APPROVE;
	case 'E': b->release = 1; return OPT_RELEASE;
	case 'm':
		errno = 0;
		c->memory_mb = strtoul(arg, &end, 10);
		return errno || *end || *arg < '0' || *arg > '9' ? 0 :
		                                                   OPT_MEMORY;
	}
	return 0;
}

static int
parse_options(int argc, char **argv, struct cli *c)
{
	static const struct option longopts[] = {{"content", required_argument,
	                                             NULL, 'c'},
	    {"translations", required_argument, NULL, 't'},
	    {"theme", required_argument, NULL, 'T'},
	    {"locale", required_argument, NULL, 'l'},
	    {"output", required_argument, NULL, 'O'},
	    {"chapters", no_argument, NULL, 'C'},
	    {"timings", no_argument, NULL, 'M'},
	    {"root-only", no_argument, NULL, 'R'},
	    {"pdf", required_argument, NULL, 'P'},
	    {"zim", required_argument, NULL, 'Z'},
	    {"covers", required_argument, NULL, 'V'},
	    {"memory-limit", required_argument, NULL, 'm'},
	    {"strict", no_argument, NULL, 'S'},
	    {"complete", no_argument, NULL, 'A'},
	    {"json", no_argument, NULL, 'J'},
	    {"approve", required_argument, NULL, 'a'},
	    {"by", required_argument, NULL, 'b'},
	    {"role", required_argument, NULL, 'r'},
	    {"date", required_argument, NULL, 'd'},
	    {"release", no_argument, NULL, 'E'}, {NULL, 0, NULL, 0}};
	const char *shortopts = c->command->options & OPT_FILE ? "o:" : "";
	unsigned bit;
	int ch, index = -1;

	while (
	    (ch = getopt_long(argc, argv, shortopts, longopts, &index)) != -1) {
		if (ch == '?' || ch == ':')
			return -1;
		bit = set_option(c, ch, optarg);
		if (bit == 0) {
			fprintf(stderr,
			    "handbook: error: --memory-limit wants "
			    "a number of megabytes\n");
			return -1;
		}
		if (!(c->command->options & bit)) {
			fprintf(stderr,
			    "handbook: error: --%s is not an "
			    "option of '%s'\n",
			    index >= 0 ? longopts[index].name : "o",
			    c->command->name);
			return -1;
		}
		index = -1;
	}
	if (optind != argc) {
		fprintf(stderr,
		    "handbook: error: unexpected argument '%.64s'\n",
		    argv[optind]);
		return -1;
	}
	if (c->build.root_only && c->build.nlocales > 0) {
		fprintf(stderr,
		    "handbook: error: --root-only and --locale "
		    "exclude each other\n");
		return -1;
	}
	return 0;
}

/* The command itself, in the process that has the memory limit. */
static int
run_command(void *arg)
{
	struct cli *c = arg;
	struct session s = {0};
	int rc;

	xmlsafe_init();
	markdown_init();
	theme_init();
	if (session_load(&c->build, &s, c->command->catalogs) < 0)
		rc = EXIT_INPUT;
	else
		rc = c->command->run(c, &s);
	session_free(&s);
	search_cleanup();
	theme_cleanup();
	xmlsafe_cleanup();
	xmlCleanupParser();
	return rc;
}

/* handbook init TAG: reads only the template and book.xml. */
static int
run_init(int argc, char **argv)
{
	int rc;

	xmlsafe_init();
	rc = init_command(argc, argv);
	xmlsafe_cleanup();
	xmlCleanupParser();
	return rc;
}

int
main(int argc, char **argv)
{
	struct cli c = {.build = {.content = "content",
	                    .translations = "translations",
	                    .theme = "themes/default",
	                    .output = "dist"},
	    .memory_mb = MEMORY_LIMIT_DEFAULT_MB};
	int rc;

	memlimit_init();
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
	if (argc >= 2 && strcmp(argv[1], "init") == 0)
		return run_init(argc - 1, argv + 1);
	if (argc < 2 || (c.command = find_command(argv[1])) == NULL) {
		if (argc >= 2)
			fprintf(stderr,
			    "handbook: error: unknown command "
			    "'%.64s'\n",
			    argv[1]);
		usage(stderr);
		return EXIT_USAGE;
	}
	/* handbook review TAG ...: TAG is the one locale (getopt then takes
	 * it for the program's name). */
	if (strcmp(c.command->name, "review") == 0) {
		if (argc < 3 || argv[2][0] == '-') {
			fprintf(stderr,
			    "handbook: error: review needs the "
			    "locale: handbook review TAG\n");
			usage(stderr);
			rc = EXIT_USAGE;
			goto out;
		}
		add_string(&c.build.locales, &c.build.nlocales, argv[2]);
		argc--, argv++;
	}
	if (parse_options(argc - 1, argv + 1, &c) < 0) {
		usage(stderr);
		rc = EXIT_USAGE;
		goto out;
	}
	/* An installed generator finds its default theme in its data folder. */
	if (strcmp(c.build.theme, "themes/default") == 0 &&
	    access("themes/default/handbook.xsl", R_OK) != 0)
		c.build.theme = HANDBOOK_DATADIR "/themes/default";
	rc = memlimit_run(c.memory_mb, run_command, &c);
out:
	free(c.build.locales);
	free(c.build.pdfs);
	free(c.build.zims);
	return rc;
}
