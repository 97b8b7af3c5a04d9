/* Checks of each translation against its source text. */
#ifndef GEN_LINT_H
#define GEN_LINT_H

struct catalog;

/*
 * Compares every translated, non-fuzzy entry of po (a po_file_t of the
 * catalog c, passed as void * to keep gettext's types out of this header)
 * with its msgid, and reports at the entry's line:
 *  - errors: a placeholder ({n}, {query}, %s) missing, misspelled or added;
 *  - warnings: a link target or footnote marker dropped, unbalanced '*' or
 *    '**', a bidirectional control character inside Markdown syntax (link
 *    brackets, targets, footnote markers), a web address of the source
 *    missing, a number of the source replaced by another.
 * With lint_set_complete(1), every untranslated or fuzzy entry is an error
 * too. Returns the number of errors reported.
 */
int lint_catalog(const struct catalog *c, void *po);

/* Makes untranslated and fuzzy entries errors (check --complete). */
void lint_set_complete(int on);

/* Returns 1 when s has a {name} placeholder (python-brace-format). */
int lint_has_brace_placeholder(const char *s);

#endif
