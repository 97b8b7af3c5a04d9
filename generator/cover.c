/* handbook cover: a locale's cover as SVG, made by the theme, for make to
 * rasterise (rsvg-convert) and pass back with build --covers. */
#include "cover.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/tree.h>

#include "bounds.h"
#include "diag.h"
#include "util.h"
#include "xmlsafe.h"

/*
 * CONTENT/logo.svg, when there is one, as /book/meta/logo/svg:svg: the
 * theme cannot read outside its folder, so the generator hands it over.
 */
static int
add_logo(xmlDoc *doc, const char *content)
{
	char *path = xasprintf("%s/logo.svg", content);
	xmlNode *n, *logo;
	xmlDoc *svg;

	if (access(path, F_OK) != 0) {
		free(path);
		return 0;
	}
	svg = xmlsafe_read_file(path, LOGO_MAX_BYTES);
	if (svg == NULL) {
		free(path);
		return -1;
	}
	n = xmlDocGetRootElement(svg);
	if (n == NULL || n->ns == NULL ||
	    !xmlStrEqual(n->ns->href, BAD_CAST "http://www.w3.org/2000/svg") ||
	    !xmlStrEqual(n->name, BAD_CAST "svg")) {
		diag(DIAG_ERROR, path, 0, 0,
		    "the logo must be an SVG document (<svg> in the SVG "
		    "namespace)");
		xmlFreeDoc(svg);
		free(path);
		return -1;
	}
	for (logo = xmlDocGetRootElement(doc)->children; logo;
	     logo = logo->next)
		if (logo->type == XML_ELEMENT_NODE &&
		    xmlStrEqual(logo->name, BAD_CAST "meta"))
			break;
	if (logo) {
		logo = xmlNewChild(logo, NULL, BAD_CAST "logo", NULL);
		xmlAddChild(logo, xmlDocCopyNode(n, doc, 1));
	}
	xmlFreeDoc(svg);
	free(path);
	return 0;
}

int
command_cover(const struct build_options *opt, struct session *s,
    const char *out)
{
	const char *params[] = {"part", "cover", "root-files", "no", NULL};
	struct theme_result res;
	long long date;
	xmlDoc *doc;
	int i, k, rc;
	FILE *f;

	for (i = 0; i < s->nall && !build_is_selected(opt, s->all[i].tag); i++)
		;
	if (i == s->nall || diag_errors() || build_date(s->book, &date) < 0)
		return 1;
	doc = book_document(s->book, &s->all[i], s->cats[i], s->status[i],
	    s->all, s->nall, date);
	if (add_logo(doc, opt->content) < 0) {
		xmlFreeDoc(doc);
		return 1;
	}
	rc = theme_apply(s->theme, doc, params, s->cats[i], &res);
	xmlFreeDoc(doc);
	if (rc < 0)
		return 1;
	for (k = 0; k < res.nfiles; k++)
		if (strcmp(res.files[k].path, "cover.svg") == 0)
			break;
	if (k == res.nfiles) {
		diag(DIAG_ERROR, opt->theme, 0, 0,
		    "the theme's cover part wrote no cover.svg");
		theme_result_free(&res);
		return 1;
	}
	f = out ? fopen(out, "w") : stdout;
	rc = f == NULL ||
	    fwrite(res.files[k].data, 1, res.files[k].len, f) !=
	        res.files[k].len ||
	    (f != stdout && fclose(f) != 0);
	theme_result_free(&res);
	if (rc) {
		diag_err("cannot write '%s': %s", out ? out : "-",
		    strerror(errno));
		return 1;
	}
	return diag_errors() ? 1 : 0;
}
