/* handbook init TAG: starts the catalog of a new language. */
#ifndef GEN_INIT_H
#define GEN_INIT_H

/*
 * Runs "handbook init" with its arguments (argv[0] is "init"): writes
 * TRANSLATIONS/TAG.po from TRANSLATIONS/handbook.pot with a complete
 * header (Language, the language's plural rule, UTF-8, team, a draft
 * notice), never overwriting a file. A gettext-style tag ("fa_IR") is
 * refused with the BCP 47 names to use instead. Returns the exit status:
 * 0, 1 (input error) or 2 (usage error).
 */
int init_command(int argc, char **argv);

#endif
