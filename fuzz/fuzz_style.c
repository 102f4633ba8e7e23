/* Fuzz target: style files (JSON), as `render --style FILE` reads them. */
#include <stdlib.h>
#include <string.h>
#include <ctimeline/ctimeline.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* an exact-size copy: reading past `size` is a bug ASan reports */
	char *copy = malloc(size ? size : 1);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	ctl_error err;
	ctl_error_clear(&err);
	ctl_style *style = NULL;
	if (ctl_style_parse(&style, "fuzz.json", copy, size, &err) == 0)
		(void)ctl_style_source(style);
	ctl_style_free(style);
	free(copy);
	return 0;
}
