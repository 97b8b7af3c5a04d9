/* libxml2 set up for untrusted input: no network, no entities, no DTDs. */
#ifndef GEN_XMLSAFE_H
#define GEN_XMLSAFE_H

#include <stddef.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

/* The only parser options used anywhere (see SECURITY.md). */
#define XMLSAFE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA)

/*
 * Installs the libxml2 error handler (errors go to diag with file:line:col)
 * and an external entity loader that refuses every path not under one of
 * the folders allowed with xmlsafe_allow_dir. Call once at start-up.
 */
void xmlsafe_init(void);

/* Reports one libxml2 error through diag (file:line:col). */
void xmlsafe_report(xmlErrorPtr e);

/* Routes libxml2's errors to xmlsafe_report again (after a stage that
 * collected them itself, such as a theme's transform). */
void xmlsafe_init_errors(void);

/* Allows the loader to open files beneath dir (a real path, no symlinks). */
void xmlsafe_allow_dir(const char *dir);

/* Returns 1 when path resolves to a file beneath an allowed folder. */
int xmlsafe_path_allowed(const char *path);

/*
 * Parses an XML file of at most max bytes with XMLSAFE_OPTIONS. A document
 * type declaration is an error. Returns NULL after reporting any problem.
 * Free the result with xmlFreeDoc.
 */
xmlDoc *xmlsafe_read_file(const char *path, size_t max);

/* Releases what xmlsafe_init allocated. */
void xmlsafe_cleanup(void);

#endif
