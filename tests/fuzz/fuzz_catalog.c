/* libFuzzer: PO catalogs through libgettextpo and our own checks. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "../../generator/catalog.h"
#include "../../generator/diag.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_input_path("po");
	struct catalog *c;
	int table[200];

	diag_set_quiet(1);
	if (fuzz_write_file(path, data, size) < 0)
		return 0;
	c = catalog_load(path, "es");
	if (c) {
		catalog_lookup(c, NULL, "Contents", NULL);
		catalog_plural_table(c, table);
		catalog_free(c);
	}
	return 0;
}
