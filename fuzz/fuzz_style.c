/* Fuzz target: style files (JSON), as `render --style FILE` reads them. */
#include <stdlib.h>
#include <string.h>
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = fuzz_copy(data, size);
	if (!copy)
		return 0;
	ctl_error err;
	ctl_error_clear(&err);
	ctl_style *style = NULL;
	if (ctl_style_parse(&style, "fuzz.json", copy, size, &err) == 0)
		(void)ctl_style_source(style);
	ctl_style_free(style);
	free(copy);
	return 0;
}
