/* libFuzzer: the review trail reader (translations/TAG.reviews), a file
 * that translators and reviewers edit by hand. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "../../generator/diag.h"
#include "fuzz.h"
#include "../../generator/review.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[64];

static void
remove_input(void)
{
	unlink(path);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!path[0]) {
		snprintf(path, sizeof(path), "/tmp/fuzz-reviews-%d.reviews",
		    (int)getpid());
		diag_set_quiet(1);
		atexit(remove_input);
	}
	if (fuzz_write_file(path, data, size) < 0)
		return 0;
	review_file_free(review_file_load(path));
	return 0;
}
