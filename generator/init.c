/*
 * handbook init TAG. gettext's msginit leaves Plural-Forms as a
 * placeholder for most languages and writes Language as "fa_IR"; this
 * writes a catalog that builds at once: the template's entries through
 * libgettextpo's own writer (so msgcat and msgmerge leave it byte for
 * byte), under a header with the language's CLDR plural rule.
 */
#include "init.h"

#include <errno.h>
#include <getopt.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <gettext-po.h>

#include "diag.h"
#include "locale.h"
#include "manifest.h"
#include "plural_rules.h"
#include "util.h"

#define EXIT_INPUT 1
#define EXIT_USAGE 2

/* --- reading the template and writing the catalog --- */

static jmp_buf po_fatal;
static const char *po_path;

static void
on_error(int severity, po_message_t message, const char *file, size_t line,
    size_t col, int multiline, const char *text)
{
	(void)message;
	(void)multiline;
	(void)col;
	diag(severity == PO_SEVERITY_WARNING ? DIAG_WARNING : DIAG_ERROR,
	    file ? file : po_path, line == (size_t)-1 ? 0 : (int)line, 0, "%s",
	    text);
	if (severity == PO_SEVERITY_FATAL_ERROR)
		longjmp(po_fatal, 1);
}

static void
on_error2(int severity, po_message_t m1, const char *file1, size_t line1,
    size_t col1, int ml1, const char *text1, po_message_t m2, const char *file2,
    size_t line2, size_t col2, int ml2, const char *text2)
{
	(void)m2;
	(void)file2;
	(void)line2;
	(void)col2;
	(void)ml2;
	(void)text2;
	on_error(severity, m1, file1, line1, col1, ml1, text1);
}

static const struct po_xerror_handler handler = {on_error, on_error2};

/* The header's revision date: SOURCE_DATE_EPOCH (for tests), else now. */
static void
revision_date(char *out, size_t cap)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	time_t t = sde && *sde ? (time_t)strtoll(sde, NULL, 10) : time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, cap, "%Y-%m-%d %H:%M+0000", &tm);
}

static void
set_header(po_file_t po, const struct locale_info *loc, const char *forms,
    const char *title)
{
	po_message_iterator_t it = po_message_iterator(po, NULL);
	po_message_t h = po_next_message(it);
	char date[32], *text, *comment;

	revision_date(date, sizeof(date));
	text = xasprintf("Project-Id-Version: handbook\n"
	                 "PO-Revision-Date: %s\n"
	                 "Last-Translator: \n"
	                 "Language-Team: %s (draft, needs review)\n"
	                 "Language: %s\n"
	                 "MIME-Version: 1.0\n"
	                 "Content-Type: text/plain; charset=UTF-8\n"
	                 "Content-Transfer-Encoding: 8bit\n"
	                 "Plural-Forms: %s\n",
	    date, loc->english, loc->tag, forms);
	comment = xasprintf(
	    "%s translation of \"%s\".\n"
	    "Machine-assisted draft; needs review by a native-speaking "
	    "mental-health professional.\n"
	    "(Started with \"handbook init %s\". Edit the two lines above to "
	    "say how\nthe text was translated and who reviewed it; see "
	    "translations/README.md.)\n",
	    loc->english, title, loc->tag);
	if (h && *po_message_msgid(h) == '\0') {
		po_message_set_msgstr(h, text);
		po_message_set_comments(h, comment);
		po_message_set_fuzzy(h, 0);
	}
	free(text);
	free(comment);
	po_message_iterator_free(it);
}

/* Gives every plural entry exactly nplurals empty forms. */
static void
set_plural_forms(po_file_t po, int nplurals)
{
	po_message_iterator_t it = po_message_iterator(po, NULL);
	po_message_t m;
	int k;

	while ((m = po_next_message(it)) != NULL) {
		if (po_message_msgid_plural(m) == NULL)
			continue;
		for (k = 0; k < nplurals; k++)
			po_message_set_msgstr_plural(m, k, "");
		for (k = 8; k >= nplurals; k--)
			po_message_set_msgstr_plural(m, k, NULL);
	}
	po_message_iterator_free(it);
}

/* Writes po beside path, then links it into place: never overwrites. */
static int
write_new(po_file_t po, const char *path)
{
	char *tmp = xasprintf("%s.init-%ld", path, (long)getpid());
	int rc = 0;

	po_path = tmp;
	if (setjmp(po_fatal) != 0 || po_file_write(po, tmp, &handler) == NULL)
		rc = diag(DIAG_ERROR, path, 0, 0, "cannot write: %s",
		    strerror(errno));
	else if (link(tmp, path) != 0)
		rc = diag(DIAG_ERROR, path, 0, 0,
		    errno == EEXIST ? "the catalog already exists; init never "
		                      "overwrites one (delete it to start "
		                      "again)" :
		                      "cannot write: %s",
		    strerror(errno));
	unlink(tmp);
	free(tmp);
	return rc;
}

/* The Plural-Forms of loc, from the table or else from ICU. */
static const char *
plural_forms(const struct locale_info *loc)
{
	const char *forms = plural_rules_lookup(loc->tag);

	if (forms == NULL)
		forms = plural_rules_from_icu(loc->icu_id);
	if (forms == NULL)
		diag_err("no plural rule is known for %s ('%s'); write its "
		         "Plural-Forms by hand (see translations/README.md)",
		    loc->english, loc->tag);
	return forms;
}

/* Checks the tag the user gave: a canonical BCP 47 tag, not the source. */
static int
check_tag(const char *tag, const char *content, struct locale_info *loc)
{
	struct manifest *m;
	char *hint = locale_suggest_tags(tag);
	int rc = 0;

	if (hint) {
		diag_err("'%s' is written the gettext way; catalogs are named "
		         "by BCP 47 tags: use %s",
		    tag, hint);
		free(hint);
		return EXIT_USAGE;
	}
	if (locale_lookup(tag, "handbook init", loc) < 0)
		return EXIT_USAGE;
	m = manifest_load(content);
	if (m && strcmp(m->language, loc->tag) == 0)
		rc = diag_err("'%s' is the language of the source text (%s); "
		              "it has no catalog",
		    tag, m->path);
	manifest_free(m);
	return rc < 0 ? EXIT_USAGE : 0;
}

static int
parse(int argc, char **argv, const char **dir, const char **content)
{
	static const struct option longopts[] = {{"translations",
	                                             required_argument, NULL,
	                                             't'},
	    {"content", required_argument, NULL, 'c'}, {NULL, 0, NULL, 0}};
	int c;

	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (c == 't')
			*dir = optarg;
		else if (c == 'c')
			*content = optarg;
		else
			return -1;
	}
	if (optind != argc - 1) {
		fputs("usage: handbook init TAG [--translations DIR] "
		      "[--content DIR]\n",
		    stderr);
		return -1;
	}
	return optind;
}

/* Reads the template; NULL (reported) when it cannot. */
static po_file_t
read_template(const char *pot)
{
	po_file_t volatile po = NULL;

	po_path = pot;
	if (setjmp(po_fatal) == 0)
		po = po_file_read(pot, &handler);
	if (po == NULL)
		diag(DIAG_ERROR, pot, 0, 0, "cannot read the template");
	return po;
}

static int
init_catalog(const char *tag, const char *dir, const char *content)
{
	struct locale_info loc;
	struct manifest *m;
	const char *forms = NULL;
	char *pot, *path;
	po_file_t po = NULL;
	int rc = check_tag(tag, content, &loc);

	if (rc != 0 || (forms = plural_forms(&loc)) == NULL)
		return rc ? rc : EXIT_INPUT;
	pot = xasprintf("%s/handbook.pot", dir);
	path = xasprintf("%s/%s.po", dir, loc.tag);
	if (access(path, F_OK) == 0)
		rc = diag(DIAG_ERROR, path, 0, 0,
		    "the catalog already exists; "
		    "init never overwrites one (delete it to start again)");
	else if ((po = read_template(pot)) == NULL)
		rc = -1;
	else {
		m = manifest_load(content);
		set_header(po, &loc, forms, m ? m->title : "the handbook");
		manifest_free(m);
		set_plural_forms(po, atoi(forms + strlen("nplurals=")));
		rc = write_new(po, path);
		po_file_free(po);
	}
	if (rc == 0)
		printf("wrote %s: %s, %s, Plural-Forms: %s\n"
		       "Translate it (Poedit, Weblate or a text editor), then "
		       "run make and open dist/%s/index.html.\n",
		    path, loc.english,
		    loc.rtl ? "right to left" : "left to right", forms,
		    loc.tag);
	free(pot);
	free(path);
	return rc == 0 && diag_errors() == 0 ? 0 : EXIT_INPUT;
}

int
init_command(int argc, char **argv)
{
	const char *dir = "translations", *content = "content";
	int i = parse(argc, argv, &dir, &content);

	return i < 0 ? EXIT_USAGE : init_catalog(argv[i], dir, content);
}
