/* Shared by the fuzz harnesses: the input as a file, for readers of paths. */
#ifndef TEST_FUZZ_H
#define TEST_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* Writes data to path; returns 0, or -1 when the file cannot be written. */
static inline int
fuzz_write_file(const char *path, const uint8_t *data, size_t size)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL)
		return -1;
	fwrite(data, 1, size, f);
	return fclose(f) == 0 ? 0 : -1;
}

static char fuzz_path[96];

static void
fuzz_remove_input(void)
{
	unlink(fuzz_path);
}

/* The file each input is written to, /tmp/fuzz-PID.SUFFIX, removed at
 * exit; made on the first call. */
static inline const char *
fuzz_input_path(const char *suffix)
{
	if (!fuzz_path[0]) {
		snprintf(fuzz_path, sizeof(fuzz_path), "/tmp/fuzz-%d.%s",
		    (int)getpid(), suffix);
		atexit(fuzz_remove_input);
	}
	return fuzz_path;
}

#endif
