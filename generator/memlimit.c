/* The memory ceiling: RLIMIT_DATA in a child, a shared note of the input. */
#include "memlimit.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libxml/globals.h>
#include <libxml/xmlmemory.h>
#include <unicode/uclean.h>

#include "diag.h"

/* Shared between the child, which writes it, and the parent. */
static char *note;
#define NOTE_SIZE 1024

void
memlimit_note(const char *what)
{
	if (note == NULL)
		return;
	snprintf(note, NOTE_SIZE, "%s", what ? what : "");
}

void
memlimit_out_of_memory(void)
{
	/* The parent, if any, says which input; stdio may need memory. */
	if (note == NULL) {
		static const char msg[] = "handbook: error: out of memory\n";
		if (write(STDERR_FILENO, msg, sizeof(msg) - 1) < 0)
			_exit(EXIT_OUT_OF_MEMORY);
	}
	_exit(EXIT_OUT_OF_MEMORY);
}

static void *
checked_malloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		memlimit_out_of_memory();
	return p;
}

static void *
checked_realloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		memlimit_out_of_memory();
	return p;
}

static char *
checked_strdup(const char *s)
{
	char *p = strdup(s);

	if (p == NULL)
		memlimit_out_of_memory();
	return p;
}

static void *U_CALLCONV
icu_malloc(const void *ctx, size_t n)
{
	(void)ctx;
	return checked_malloc(n);
}

static void *U_CALLCONV
icu_realloc(const void *ctx, void *p, size_t n)
{
	(void)ctx;
	return checked_realloc(p, n);
}

static void U_CALLCONV
icu_free(const void *ctx, void *p)
{
	(void)ctx;
	free(p);
}

void
memlimit_init(void)
{
	UErrorCode st = U_ZERO_ERROR;

	xmlMemSetup(free, checked_malloc, checked_realloc, checked_strdup);
	u_setMemoryFunctions(NULL, icu_malloc, icu_realloc, icu_free, &st);
}

/* Sanitizers reserve terabytes of address space: no limit under them. */
static int
under_sanitizer(void)
{
#if defined(__SANITIZE_ADDRESS__)
	return 1;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
	return 1;
#endif
#endif
	return 0;
}

int
memlimit_run(unsigned long limit_mb, int (*fn)(void *), void *arg)
{
	struct rlimit rl;
	pid_t pid;
	int status;
	const char *what;

	if (limit_mb == 0 || under_sanitizer())
		return fn(arg);
	note = mmap(NULL, NOTE_SIZE, PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (note == MAP_FAILED) {
		note = NULL;
		return fn(arg);
	}
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		rl.rlim_cur = rl.rlim_max = (rlim_t)limit_mb << 20;
		setrlimit(RLIMIT_DATA, &rl);
		status = fn(arg);
		fflush(NULL);
		_exit(status);
	}
	while (pid > 0 && waitpid(pid, &status, 0) < 0)
		;
	what = *note ? note : "handbook";
	if (pid < 0)
		status = fn(arg); /* no fork: run without the ceiling */
	else if (WIFEXITED(status) && WEXITSTATUS(status) != EXIT_OUT_OF_MEMORY)
		status = WEXITSTATUS(status);
	else {
		if (WIFSIGNALED(status) && WTERMSIG(status) != SIGABRT &&
		    WTERMSIG(status) != SIGKILL)
			diag(DIAG_ERROR, what, 0, 0,
			    "the build stopped with "
			    "signal %d while reading this; the previous output "
			    "is kept",
			    WTERMSIG(status));
		else
			diag(DIAG_ERROR, what, 0, 0,
			    "needs more than the "
			    "memory limit of %lu MB (--memory-limit); stopped, "
			    "the previous output is kept",
			    limit_mb);
		status = 1;
	}
	munmap(note, NOTE_SIZE);
	note = NULL;
	return status;
}
