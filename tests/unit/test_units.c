/* Unit tests of the generator's stages that need no files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <unicode/upluralrules.h>
#include <unicode/ustring.h>

#include "../../generator/catalog.h"
#include "../../generator/diag.h"
#include "../../generator/locale.h"
#include "../../generator/manifest.h"
#include "../../generator/markdown.h"
#include "../../generator/plural_rules.h"
#include "../../generator/search.h"
#include "../../generator/segment.h"
#include "../../generator/theme.h"
#include "../../generator/util.h"
#include "../../generator/wrap.h"
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
	CHECK_INT(markdown_check_text("t", "\xed\xa0\x80", 3),
	    -1); /* surrogate */
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
	static const char md[] =
	    "# T\n\n\\# not a heading\n\n1\\. not a list\n";
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
	fprintf(f,
	    "msgid \"\"\nmsgstr \"\"\n\"Language: ar\\n\"\n"
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

/* A catalog with only a header, for tag, its Plural-Forms given. */
static struct catalog *
catalog_for(const char *tag, const char *forms)
{
	char path[] = "/tmp/hb-unit-XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fd < 0 ? NULL : fdopen(fd, "w");
	struct catalog *c;

	if (f == NULL)
		return NULL;
	fprintf(f,
	    "msgid \"\"\nmsgstr \"\"\n\"Language: %s\\n\"\n"
	    "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
	    "\"Plural-Forms: %s\\n\"\n",
	    tag, forms);
	fclose(f);
	c = catalog_load(path, tag);
	unlink(path);
	return c;
}

/*
 * 1 when the gettext rule (forms) puts n = 0..199 into the same classes
 * as ICU's CLDR rule for the locale, one form per category.
 */
static int
same_as_icu(const char *tag, const char *forms)
{
	struct locale_info loc;
	struct catalog *c;
	UErrorCode st = U_ZERO_ERROR;
	UPluralRules *pr;
	UChar cat[200][12], *form_cat[8] = {0};
	int t[200], n, nforms, used = 0, ok = 1;

	if (locale_lookup(tag, "test", &loc) < 0 ||
	    (c = catalog_for(tag, forms)) == NULL)
		return 0;
	nforms = catalog_plural_table(c, t);
	catalog_free(c);
	pr = uplrules_open(loc.icu_id, &st);
	for (n = 0; n < 200 && U_SUCCESS(st); n++)
		uplrules_select(pr, n, cat[n], 12, &st);
	uplrules_close(pr);
	if (U_FAILURE(st) || nforms > 8)
		return 0;
	for (n = 0; n < 200; n++) {
		if (form_cat[t[n]] == NULL) {
			form_cat[t[n]] = cat[n];
			used++;
		}
		/* One category per form, and one form per category. */
		ok &= u_strcmp(form_cat[t[n]], cat[n]) == 0;
		for (int k = 0; k < nforms; k++)
			ok &= k == t[n] || form_cat[k] == NULL ||
			    u_strcmp(form_cat[k], cat[n]) != 0;
	}
	if (!ok || used != nforms)
		fprintf(stderr, "plural rule of '%s' differs from CLDR\n", tag);
	return ok && used == nforms;
}

static void
test_plural_rules(void)
{
	static const char *const shipped[] = {"ar", "es", "fr", "hi", "pt-BR",
	    "sw", "zh-Hans"};
	int i, bad = 0;

	for (i = 0; i < plural_rules_count(); i++)
		bad += !same_as_icu(plural_rules_tag(i),
		    plural_rules_lookup(plural_rules_tag(i)));
	CHECK_INT(bad, 0);
	CHECK(plural_rules_count() >= 100);
	CHECK_STR(plural_rules_lookup("fa"), "nplurals=2; plural=(n > 1);");
	CHECK_STR(plural_rules_lookup("fa-IR"), "nplurals=2; plural=(n > 1);");
	CHECK_STR(plural_rules_lookup("pt-BR"), "nplurals=2; plural=(n > 1);");
	CHECK_STR(plural_rules_lookup("pt-PT"), "nplurals=2; plural=(n != 1);");
	CHECK_STR(plural_rules_lookup("zh-Hans"), "nplurals=1; plural=0;");
	CHECK(plural_rules_lookup("uk") &&
	    strstr(plural_rules_lookup("uk"), "nplurals=3;"));
	CHECK(plural_rules_lookup("ar") &&
	    strstr(plural_rules_lookup("ar"), "nplurals=6;"));
	CHECK(plural_rules_lookup("xx") == NULL);
	/* The languages already shipped: the same classes as their catalogs. */
	for (i = 0; i < 7; i++)
		CHECK(same_as_icu(shipped[i], plural_rules_lookup(shipped[i])));
	/* Derived from ICU when the table has no entry. */
	CHECK_STR(plural_rules_from_icu("ja"), "nplurals=1; plural=0;");
	CHECK_STR(plural_rules_from_icu("de"), "nplurals=2; plural=(n != 1);");
	CHECK_STR(plural_rules_from_icu("fa"), "nplurals=2; plural=(n > 1);");
	CHECK(plural_rules_from_icu("ru") == NULL);
	/* A wrong rule is caught by the comparison. */
	CHECK(!same_as_icu("fa", "nplurals=2; plural=(n != 1);"));
	CHECK(!same_as_icu("ru", "nplurals=2; plural=(n != 1);"));
}

static void
join_token(const char *token, void *arg)
{
	struct buf *b = arg;

	buf_addstr(b, token);
	buf_addch(b, '|');
}

/* The tokens of text for an ICU locale, joined by '|'. */
static char *
tokens_of(const char *text, const char *locale)
{
	struct buf b = {0};

	search_tokenize(text, locale, join_token, &b);
	if (b.data == NULL)
		buf_addstr(&b, "");
	return b.data;
}

/* Arabic-script variants find each other (the same folding as search.js). */
static void
test_arabic_script_folding(void)
{
	static const char *const same[][2] = {
	    {"میتوانید", "می\u200cتوانید"}, /* ZWNJ */
	    {"زندگي", "زندگی"}, /* Arabic yeh, Persian yeh */
	    {"كتاب", "کتاب"}, /* Arabic kaf, keheh */
	    {"مـــادر", "مادر"}, /* tatweel */
	    {"مَادَر", "مادر"}, /* harakat */
	    {"ى", "ی"}, /* alef maksura */
	};
	size_t i;
	char *a, *b;

	for (i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
		a = tokens_of(same[i][0], "fa");
		b = tokens_of(same[i][1], "fa");
		CHECK_STR(a, b);
		free(a);
		free(b);
	}
	a = tokens_of("می\u200cتوانید", "ur");
	CHECK_STR(a, "میتوانید|");
	free(a);
}

/* text_wrap(text, width) gives want. */
static void
check_wrap(const char *text, double width, const char *want)
{
	char *s = text_wrap(text, width);

	CHECK_STR(s, want);
	free(s);
}

/* hb:wrap's lines: words, Chinese characters, Thai words, a long word. */
static void
test_wrap(void)
{
	check_wrap("Healing Attachment Trauma", 10,
	    "Healing\nAttachment\nTrauma");
	check_wrap("  one two  ", 10, "one two");
	/* 1 em per Chinese character: 3 per line. */
	check_wrap("疗愈依恋创伤", 3, "疗愈依\n恋创伤");
	/* Thai has no spaces: ICU's dictionary finds the words. */
	check_wrap("เยียวยาบาดแผลทางใจ", 5, "เยียวยา\nบาดแผล\nทางใจ");
	/* Wider than a line alone: cut between characters. */
	check_wrap("abcdefghij", 3, "abcde\nfghij");
	check_wrap("", 3, "");
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
	test_plural_rules();
	test_arabic_script_folding();
	test_wrap();
	search_cleanup();
	xmlsafe_cleanup();
	xmlCleanupParser();
	printf("unit: %d passed, %d failed, 0 skipped\n", test_passed,
	    test_failed);
	return test_failed != 0;
}
