/*
 * Fuzz target: what `merge` reads, per-article results (extract --jsonl)
 * from untrusted files: any bytes through ctl_extractor_add_json, then the
 * merge and the events JSON out.
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
	ctl_extractor *x = ctl_extractor_new(fuzz_resources());
	size_t added = 0;
	ctl_timeline *tl = NULL;
	if (ctl_extractor_add_json(x, "fuzz.jsonl", 1, copy, size, &added, &err) == 0 &&
	    ctl_extractor_finish(x, &tl, &err) == 0) {
		char *json = NULL;
		if (ctl_timeline_to_json(&json, tl, &err) == 0) {
			ctl_timeline *back = NULL;
			if (ctl_timeline_from_json(&back, "fuzz.json", json, strlen(json), &err))
				abort();
			ctl_timeline_free(back);
		}
		free(json);
	}
	ctl_timeline_free(tl);
	ctl_extractor_free(x);
	free(copy);
	return 0;
}
