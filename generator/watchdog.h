/* A time limit on library calls that cannot be cancelled (cmark, libxslt). */
#ifndef GEN_WATCHDOG_H
#define GEN_WATCHDOG_H

/*
 * Starts a timer: if watchdog_stop is not called within seconds, the
 * process prints "what: error: …took longer than N s…" and exits with
 * status 1. Output is written atomically, so nothing is left half done.
 */
void watchdog_start(const char *what, unsigned seconds);
void watchdog_stop(void);

#endif
