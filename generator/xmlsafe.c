/* libxml2 hardened for untrusted files: errors routed to diag, reads fenced. */
#include "xmlsafe.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include "diag.h"
#include "util.h"

static char **allowed;
static int nallowed;

void
xmlsafe_report(xmlErrorPtr e)
{
	char *msg, *end;

	if (e == NULL || e->level == XML_ERR_NONE)
		return;
	msg = xstrdup(e->message ? e->message : "XML error");
	end = msg + strlen(msg);
	while (end > msg && (end[-1] == '\n' || end[-1] == ' '))
		*--end = '\0';
	diag(e->level == XML_ERR_WARNING ? DIAG_WARNING : DIAG_ERROR, e->file,
	    e->line, e->int2, "%s", msg);
	free(msg);
}

/* Debian 12 ships libxml2 2.9.14, whose handler takes a non-const error. */
static void
structured_error(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	xmlsafe_report(e);
}

void
xmlsafe_init_errors(void)
{
	xmlSetStructuredErrorFunc(NULL, structured_error);
}

int
xmlsafe_path_allowed(const char *path)
{
	char real[PATH_MAX];
	int i;
	size_t n;

	if (realpath(path, real) == NULL)
		return 0;
	for (i = 0; i < nallowed; i++) {
		n = strlen(allowed[i]);
		if (strncmp(real, allowed[i], n) == 0 && real[n] == '/')
			return 1;
	}
	return 0;
}

static xmlParserInputPtr
fenced_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	const char *path = url;

	(void)id;
	if (url != NULL && strncmp(url, "file://", 7) == 0)
		path = url + 7;
	if (url == NULL || (strstr(url, "://") != NULL && path == url) ||
	    !xmlsafe_path_allowed(path)) {
		diag(DIAG_ERROR, NULL, 0, 0, "refused to read '%s'",
		    url ? url : "(null)");
		return NULL;
	}
	return xmlNewInputFromFile(ctxt, path);
}

void
xmlsafe_init(void)
{
	xmlInitParser();
	xmlsafe_init_errors();
	xmlSetExternalEntityLoader(fenced_loader);
	/* Old global defaults that would expand or load entities. */
	xmlSubstituteEntitiesDefault(0);
	xmlLoadExtDtdDefaultValue = 0;
}

void
xmlsafe_allow_dir(const char *dir)
{
	char real[PATH_MAX];

	if (realpath(dir, real) == NULL)
		return;
	allowed = xrealloc(allowed, (size_t)(nallowed + 1) * sizeof(*allowed));
	allowed[nallowed++] = xstrdup(real);
}

/* libxml2 keeps no line for the DTD node: find it in the text. */
static int
doctype_line(const char *text)
{
	const char *p = strstr(text, "<!DOCTYPE"), *q;
	int line = 1;

	if (p == NULL)
		return 0;
	for (q = text; q < p; q++)
		line += *q == '\n';
	return line;
}

xmlDoc *
xmlsafe_read_file(const char *path, size_t max)
{
	size_t len;
	char *data = file_read(path, max, &len);
	xmlDoc *doc;

	if (data == NULL) {
		diag(DIAG_ERROR, path, 0, 0, "cannot read: %s",
		    errno == EFBIG ? "file too large" : strerror(errno));
		return NULL;
	}
	doc = xmlReadMemory(data, (int)len, path, "UTF-8", XMLSAFE_OPTIONS);
	if (doc != NULL && doc->intSubset != NULL) {
		diag(DIAG_ERROR, path, doctype_line(data), 0,
		    "a document type declaration (<!DOCTYPE>) is not allowed");
		xmlFreeDoc(doc);
		doc = NULL;
	}
	free(data);
	return doc;
}

void
xmlsafe_cleanup(void)
{
	int i;

	for (i = 0; i < nallowed; i++)
		free(allowed[i]);
	free(allowed);
	allowed = NULL;
	nallowed = 0;
}
