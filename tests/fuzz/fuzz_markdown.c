/* libFuzzer: Markdown → CommonMark XML, unit extraction and splicing. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "../../generator/diag.h"
#include "../../generator/markdown.h"
#include "../../generator/segment.h"
#include "../../generator/xmlsafe.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
units(xmlNode *n)
{
	char *msgid;

	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (segment_is_unit(n)) {
			msgid = segment_msgid(n);
			/* Splicing the unit's own msgid back must always work. */
			segment_translate(n, msgid, "fuzz.po", 1);
			free(msgid);
		} else
			units(n->children);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	char *text;
	xmlDoc *doc;

	if (!ready) {
		xmlsafe_init();
		markdown_init();
		diag_set_quiet(1);
		ready = 1;
	}
	if (size > 64 * 1024)
		return 0;
	text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	doc = markdown_parse("fuzz.md", text, size);
	if (doc) {
		units(xmlDocGetRootElement(doc));
		xmlFreeDoc(doc);
	}
	free(text);
	return 0;
}
