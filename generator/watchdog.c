/* The watchdog: SIGALRM, and only async-signal-safe calls in the handler. */
#include "watchdog.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "memlimit.h"

static char message[512];
static size_t message_len;

static void
expired(int sig)
{
	(void)sig;
	if (write(STDERR_FILENO, message, message_len) < 0)
		_exit(1);
	_exit(1);
}

void
watchdog_start(const char *what, unsigned seconds)
{
	struct sigaction sa;
	int n;

	memlimit_note(what);
	n = snprintf(message, sizeof(message),
	    "%s: error: took longer than %u s (pathological input?); "
	    "stopped, the previous output is kept\n",
	    what, seconds);
	message_len = n > 0 && (size_t)n < sizeof(message) ?
	    (size_t)n :
	    sizeof(message) - 1;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = expired;
	sigaction(SIGALRM, &sa, NULL);
	alarm(seconds);
}

void
watchdog_stop(void)
{
	alarm(0);
}
