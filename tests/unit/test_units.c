/* Unit tests of the generator's stages that need no files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "../../generator/catalog.h"
#include "../../generator/diag.h"
#include "../../generator/locale.h"
#include "../../generator/manifest.h"
#include "../../generator/markdown.h"
#include "../../generator/segment.h"
#include "../../generator/theme.h"
#include "../../generator/xmlsafe.h"
#include "harness.h"

int test_passed, test_failed;

static void
test_slug(void)
{
	char *s;

	s = markdown_slug("The secure base");
	CHECK_STR(s, "the-secure-base");
	free(s);
	s = markdown_slug("What EMDR is (and is not)");
	CHECK_STR(s, "what-emdr-is-and-is-not");
	free(s);
	s = markdown_slug("Post-traumatic stress disorder (PTSD)");
	CHECK_STR(s, "post-traumatic-stress-disorder-ptsd");
	free(s);
	s = markdown_slug("Qué ES");
	CHECK_STR(s, "qué-es");
	free(s);
	s = markdown_slug("नमस्ते दुनिया"); /* vowel signs are kept */
	CHECK_STR(s, "नमस्ते-दुनिया");
	free(s);
	s = markdown_slug("!!!");
	CHECK_STR(s, "section");
	free(s);
}

static void
test_link_kind(void)
{
	CHECK_INT(markdown_link_kind("https://example.org"), LINK_EXTERNAL);
	CHECK_INT(markdown_link_kind("HTTP://example.org"), LINK_EXTERNAL);
	CHECK_INT(markdown_link_kind("mailto:a@b.org"), LINK_EXTERNAL);
	CHECK_INT(markdown_link_kind("02-attachment.md#x"), LINK_INTERNAL);
	CHECK_INT(markdown_link_kind("#x"), LINK_INTERNAL);
	CHECK_INT(markdown_link_kind("a/b:c"), LINK_INTERNAL);
	CHECK_INT(markdown_link_kind("javascript:alert(1)"), LINK_FORBIDDEN);
	CHECK_INT(markdown_link_kind("JaVaScRiPt:alert(1)"), LINK_FORBIDDEN);
	CHECK_INT(markdown_link_kind("vbscript:x"), LINK_FORBIDDEN);
	CHECK_INT(markdown_link_kind("data:text/html,x"), LINK_FORBIDDEN);
	CHECK_INT(markdown_link_kind("file:///etc/passwd"), LINK_FORBIDDEN);
	CHECK_INT(markdown_link_kind("//evil.example/x"), LINK_FORBIDDEN);
}

static void
test_check_text(void)
{
	CHECK_INT(markdown_check_text("t", "plain\ttext\r\n", 12), 0);
	CHECK_INT(markdown_check_text("t", "\xef\xbb\xbfwith BOM", 11), 0);
	CHECK_INT(markdown_check_text("t", "bad \xff byte", 10), -1);
	CHECK_INT(markdown_check_text("t", "nul\0byte", 8), -1);
	CHECK_INT(markdown_check_text("t", "bell\a", 5), -1);
	CHECK_INT(markdown_check_text("t", "\xc3\x28", 2), -1); /* truncated */
	CHECK_INT(markdown_check_text("t", "\xed\xa0\x80", 3), -1); /* surrogate */
}

static void
test_names(void)
{
	CHECK(manifest_valid_chapter_name("02-attachment.md"));
	CHECK(!manifest_valid_chapter_name("../etc/passwd.md"));
	CHECK(!manifest_valid_chapter_name("/abs.md"));
	CHECK(!manifest_valid_chapter_name("Upper.md"));
	CHECK(!manifest_valid_chapter_name("-x.md"));
	CHECK(!manifest_valid_chapter_name("x.txt"));
	CHECK(theme_valid_output_path("OEBPS/nav.xhtml"));
	CHECK(theme_valid_output_path("assets/handbook.css"));
	CHECK(!theme_valid_output_path("../evil"));
	CHECK(!theme_valid_output_path("a/../evil"));
	CHECK(!theme_valid_output_path("/etc/passwd"));
	CHECK(!theme_valid_output_path("a//b"));
	CHECK(!theme_valid_output_path(".hidden"));
	CHECK(!theme_valid_output_path("dir/"));
	CHECK(!theme_valid_output_path("a:b"));
	CHECK(!theme_valid_output_path("a?b"));
	CHECK(!theme_valid_output_path(""));
}

static void
test_locale(void)
{
	struct locale_info l;

	CHECK_INT(locale_lookup("en", "t", &l), 0);
	CHECK_STR(l.name, "English");
	CHECK_INT(l.rtl, 0);
	CHECK_INT(locale_lookup("ar", "t", &l), 0);
	CHECK_STR(l.name, "العربية");
	CHECK_INT(l.rtl, 1);
	CHECK_INT(locale_lookup("zh-Hans", "t", &l), 0);
	CHECK_STR(l.english, "Simplified Chinese");
	CHECK_INT(locale_lookup("pt-BR", "t", &l), 0);
	CHECK_STR(l.icu_id, "pt_BR");
	CHECK_INT(locale_lookup("es", "t", &l), 0);
	CHECK_STR(l.name, "Español"); /* capitalized for a menu */
	CHECK_INT(locale_lookup("pt-br", "t", &l), -1); /* not canonical */
	CHECK_INT(locale_lookup("../../x", "t", &l), -1);
	CHECK_INT(locale_lookup("xx-INVALID", "t", &l), -1);
	CHECK_INT(locale_lookup("qq", "t", &l), -1);
	CHECK_INT(locale_lookup("", "t", &l), -1);
}

/* Evaluates an XPath expression over a chapter tree, as a string. */
static char *
xpath_string(xmlDoc *doc, const char *expr)
{
	xmlXPathContext *ctx = xmlXPathNewContext(doc);
	xmlXPathObject *o;
	char *s;

	xmlXPathRegisterNs(ctx, BAD_CAST "cm", BAD_CAST CM_NS);
	o = xmlXPathEvalExpression(BAD_CAST expr, ctx);
	s = (char *)xmlXPathCastToString(o);
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(ctx);
	return s;
}

static void
check_xpath(xmlDoc *doc, const char *expr, const char *want)
{
	char *got = xpath_string(doc, expr);

	CHECK_STR(got, want);
	if (strcmp(got, want) != 0)
		fprintf(stderr, "  (expression: %s)\n", expr);
	xmlFree(got);
}

static void
test_parse(void)
{
	static const char md[] =
	    "# Title\n\n## Same\n\n## Same\n\n"
	    "Text <em>raw</em> [x](javascript:alert(1)).\n";
	static const char ok[] =
	    "# Title\n\n## Same\n\n## Same\n\n"
	    "A [link](other.md#same \"t\") and<br>raw.[^n]\n\n"
	    "```diagram phases\ntitle: Phases\nphase1: Safety\n```\n\n"
	    "| a | b |\n|:-:|--:|\n| 1 | 2 |\n\n[^n]: Note.\n";
	xmlDoc *doc;

	/* A forbidden link fails the whole chapter. */
	CHECK(markdown_parse("t.md", md, sizeof(md) - 1) == NULL);
	doc = markdown_parse("t.md", ok, sizeof(ok) - 1);
	CHECK(doc != NULL);
	if (doc == NULL)
		return;
	check_xpath(doc, "string(/cm:document/cm:heading[2]/@id)", "same");
	check_xpath(doc, "string(/cm:document/cm:heading[3]/@id)", "same-1");
	check_xpath(doc, "string(//cm:link/@destination)", "other.md#same");
	check_xpath(doc, "string(//cm:link/@title)", "t");
	check_xpath(doc, "string(//cm:link/@sourcepos)", "7:3");
	check_xpath(doc, "count(//cm:html_inline | //cm:html_block)", "0");
	check_xpath(doc, "string(//cm:diagram/@name)", "phases");
	check_xpath(doc, "string(//cm:diagram/cm:label[@key='phase1'])",
	    "Safety");
	check_xpath(doc, "string(//cm:table_cell[1]/@align)", "center");
	check_xpath(doc, "string(//cm:table_cell[2]/@align)", "right");
	check_xpath(doc, "string(//cm:footnote_reference/@n)", "1");
	check_xpath(doc, "string(//cm:footnote_definition/@n)", "1");
	xmlFreeDoc(doc);
}

/* A unit that starts like a block gets its marker escaped (found by fuzzing:
 * the escape once wrote past the buffer). */
static void
test_msgid_escape(void)
{
	static const char md[] = "# T\n\n\\# not a heading\n\n1\\. not a list\n";
	xmlDoc *doc = markdown_parse("t.md", md, sizeof(md) - 1);
	xmlNode *root, *n;
	char *ids[3] = {NULL, NULL, NULL};
	int k = 0;

	CHECK(doc != NULL);
	if (doc == NULL)
		return;
	root = xmlDocGetRootElement(doc);
	for (n = root->children; n && k < 3; n = n->next)
		if (n->type == XML_ELEMENT_NODE && segment_is_unit(n))
			ids[k++] = segment_msgid(n);
	CHECK_STR(ids[1], "\\# not a heading");
	CHECK_STR(ids[2], "1\\. not a list");
	while (k > 0)
		free(ids[--k]);
	xmlFreeDoc(doc);
}

/* A catalog with only a header, its Plural-Forms given. */
static struct catalog *
catalog_with_plural(const char *forms)
{
	char path[] = "/tmp/hb-unit-XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fd < 0 ? NULL : fdopen(fd, "w");
	struct catalog *c;

	if (f == NULL)
		return NULL;
	fprintf(f, "msgid \"\"\nmsgstr \"\"\n\"Language: ar\\n\"\n"
		   "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
		   "\"Plural-Forms: %s\\n\"\n",
	    forms);
	fclose(f);
	c = catalog_load(path, "ar");
	unlink(path);
	return c;
}

static void
test_plural_table(void)
{
	struct catalog *c;
	int t[200];

	/* Arabic's six forms, as gettext evaluates them. */
	c = catalog_with_plural("nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : "
				"n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
				"n%100>=11 ? 4 : 5;");
	CHECK(c != NULL);
	CHECK_INT(catalog_plural_table(c, t), 6);
	CHECK_INT(t[0], 0);
	CHECK_INT(t[1], 1);
	CHECK_INT(t[2], 2);
	CHECK_INT(t[3], 3);
	CHECK_INT(t[11], 4);
	CHECK_INT(t[100], 5);
	CHECK_INT(t[103], 3);
	CHECK_INT(t[111], 4);
	catalog_free(c);

	/* A hostile rule gettext lets through (found by fuzzing: unclosed
	 * parentheses) is refused when the catalog is read, never evaluated
	 * past the end of the string nor turned into a table of zeros. */
	c = catalog_load("tests/fuzz/corpus/catalog/"
			 "regression-plural-unclosed-parentheses.po",
	    "es");
	CHECK(c == NULL);
	catalog_free(c);

	/* 40 nested parentheses are valid C and valid for gettext. */
	c = catalog_with_plural("nplurals=2; plural=(((((((((((((((((((((((((("
				"((((((((((((((n != 1))))))))))))))))))))))))"
				"))))))))))))))));");
	CHECK(c != NULL);
	if (c) {
		catalog_plural_table(c, t);
		CHECK_INT(t[0], 1);
		CHECK_INT(t[1], 0);
		CHECK_INT(t[2], 1);
		catalog_free(c);
	}

	/*
	 * Products that overflow wrap, as unsigned long does in gettext:
	 * n * 4000000000^3 mod 2^64 is 0 for n = 0 and above 2^63 for
	 * n = 1..3, so it is > 1 in unsigned arithmetic (form 1) and negative
	 * in signed arithmetic (form 0).
	 */
	c = catalog_with_plural("nplurals=2; plural=n*4000000000*4000000000*"
				"4000000000 > 1;");
	CHECK(c != NULL);
	CHECK_INT(catalog_plural_table(c, t), 2);
	CHECK_INT(t[0], 0);
	CHECK_INT(t[1], 1);
	CHECK_INT(t[2], 1);
	CHECK_INT(t[3], 1);
	catalog_free(c);
}

int
main(void)
{
	xmlsafe_init();
	markdown_init();
	diag_set_quiet(1);
	test_slug();
	test_link_kind();
	test_check_text();
	test_names();
	test_locale();
	test_parse();
	test_msgid_escape();
	test_plural_table();
	xmlsafe_cleanup();
	xmlCleanupParser();
	printf("unit: %d passed, %d failed, 0 skipped\n", test_passed, test_failed);
	return test_failed != 0;
}
