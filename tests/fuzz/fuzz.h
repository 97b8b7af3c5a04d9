/* Shared by the fuzz harnesses: the input as a file, for readers of paths. */
#ifndef TEST_FUZZ_H
#define TEST_FUZZ_H

#include <stdint.h>
#include <stdio.h>

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

#endif
