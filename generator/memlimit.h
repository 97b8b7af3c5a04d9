/*
 * A memory ceiling for a whole run. cmark aborts and libxml2 may crash
 * when an allocation fails, so the run happens in a child process with an
 * address-space limit; the parent names the input being read when the
 * child ran out, and the previous output stays, as after any error.
 */
#ifndef GEN_MEMLIMIT_H
#define GEN_MEMLIMIT_H

/* Exit status of a run that ran out of memory (also without a limit). */
#define EXIT_OUT_OF_MEMORY 3

/*
 * Routes the allocations of libxml2 and ICU through allocators that end
 * the process with EXIT_OUT_OF_MEMORY instead of returning NULL. Call
 * first thing in main, before any library is used.
 */
void memlimit_init(void);

/*
 * Runs fn(arg) in a child process limited to limit_mb megabytes of data
 * (0: no limit, fn runs in this process) and returns its result. When the
 * child runs out of memory or is killed, reports which input it was
 * reading and returns 1.
 */
int memlimit_run(unsigned long limit_mb, int (*fn)(void *), void *arg);

/* Ends the process with EXIT_OUT_OF_MEMORY (and a message when no parent
 * reports it). */
void memlimit_out_of_memory(void) __attribute__((noreturn));

/* Names the input being read now (a chapter, a catalog, the theme), for
 * the message above. what is copied. */
void memlimit_note(const char *what);

#endif
