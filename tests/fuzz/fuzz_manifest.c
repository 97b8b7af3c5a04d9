/* libFuzzer: the manifest reader (book.xml). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "../../generator/diag.h"
#include "fuzz.h"
#include "../../generator/manifest.h"
#include "../../generator/xmlsafe.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64], path[96];

static void
remove_input(void)
{
	unlink(path);
	rmdir(dir);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!dir[0]) {
		snprintf(dir, sizeof(dir), "/tmp/fuzz-manifest-%d", (int)getpid());
		snprintf(path, sizeof(path), "%s/book.xml", dir);
		mkdir(dir, 0700);
		xmlsafe_init();
		diag_set_quiet(1);
		atexit(remove_input);
	}
	if (fuzz_write_file(path, data, size) < 0)
		return 0;
	manifest_free(manifest_load(dir));
	return 0;
}
