/*
 * Fuzz target: the time-expression tagger on arbitrary text, with and
 * without a document date. The first two bytes choose the date so that
 * relative expressions resolve against varied days.
 */
#include <stdlib.h>
#include <string.h>
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const ctl_resources *res = fuzz_resources();
	ctl_day dct = CTL_DAY_NONE;
	if (size >= 2) {
		/* days since the epoch, 1970 .. about 2149 */
		dct = (ctl_day)((data[0] << 8 | data[1]) % 65536);
		data += 2;
		size -= 2;
	}
	/* the tagger reads NUL-terminated text, as documents hold it */
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	ctl_error err;
	ctl_error_clear(&err);
	ctl_timex_list list;
	ctl_timex_list_init(&list);
	(void)ctl_timex_tag(&list, res, text, size, CTL_DAY_NONE, &err);
	ctl_timex_list_release(&list);
	ctl_timex_list_init(&list);
	(void)ctl_timex_tag(&list, res, text, size, dct, &err);
	ctl_timex_list_release(&list);
	free(text);
	return 0;
}
