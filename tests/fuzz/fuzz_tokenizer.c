/* libFuzzer: the search tokenizer (ICU word breaks and normalization). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../generator/search.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
count(const char *token, void *arg)
{
	(*(size_t *)arg) += strlen(token);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const locales[] = {"en", "zh_Hans", "ar", "th"};
	char *text;
	size_t total = 0;

	if (size < 1 || size > 16 * 1024)
		return 0;
	text = malloc(size);
	memcpy(text, data + 1, size - 1);
	text[size - 1] = '\0';
	search_tokenize(text, locales[data[0] % 4], count, &total);
	free(text);
	return 0;
}
