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

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_input_path("reviews");

	diag_set_quiet(1);
	if (fuzz_write_file(path, data, size) < 0)
		return 0;
	review_file_free(review_file_load(path));
	return 0;
}
