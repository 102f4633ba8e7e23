/*
 * Fuzz target: the events JSON import (what render, export and report read).
 * Whatever is accepted must serialise, and what is serialised must read back
 * and serialise to the same bytes (the round trip the README promises).
 */
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
	ctl_timeline *tl = NULL;
	if (ctl_timeline_from_json(&tl, "fuzz.json", copy, size, &err) == 0) {
		char *json = NULL, *again = NULL;
		ctl_timeline *back = NULL;
		if (ctl_timeline_to_json(&json, tl, &err))
			abort();
		if (ctl_timeline_from_json(&back, "fuzz.json", json, strlen(json), &err))
			abort();
		if (ctl_timeline_to_json(&again, back, &err) || strcmp(json, again))
			abort();
		/* the other outputs read the same timeline */
		ctl_csv_files csv;
		if (ctl_export_csv(&csv, tl, &err) == 0)
			ctl_csv_files_release(&csv);
		char *out = NULL;
		size_t len = 0;
		if (ctl_export(&out, &len, tl, CTL_EXPORT_TIMELINEJS, NULL, &err) == 0)
			free(out);
		free(json);
		free(again);
		ctl_timeline_free(back);
	}
	ctl_timeline_free(tl);
	free(copy);
	return 0;
}
