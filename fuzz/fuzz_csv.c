/*
 * Fuzz target: the CSV import of the curation loop (events.csv and its
 * sibling tables). The input holds up to four tables in the order events,
 * actors, links, documents, separated by the line "----8<----"; a table
 * that is not there is absent. Whatever is accepted must export again.
 */
#include <stdlib.h>
#include <string.h>
#include "fuzz_common.h"

static const char SEP[] = "\n----8<----\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ctl_csv_source src[CTL_CSV_NTABLES];
	char *copies[CTL_CSV_NTABLES] = {0};
	memset(src, 0, sizeof src);
	const char *p = (const char *)data, *end = p + size;
	size_t seplen = sizeof SEP - 1;
	for (int t = 0; t < CTL_CSV_NTABLES && p; t++) {
		const char *cut = NULL;
		for (const char *q = p; t + 1 < CTL_CSV_NTABLES && (size_t)(end - q) >= seplen; q++)
			if (!memcmp(q, SEP, seplen)) {
				cut = q;
				break;
			}
		size_t n = (size_t)((cut ? cut : end) - p);
		/* exact-size copies: reading past a table's end is a bug ASan reports */
		copies[t] = malloc(n ? n : 1);
		if (!copies[t])
			goto out;
		memcpy(copies[t], p, n);
		src[t].name = ctl_csv_table_file((ctl_csv_table)t);
		src[t].data = copies[t];
		src[t].len = n;
		p = cut ? cut + seplen : NULL;
	}
	ctl_error err;
	ctl_error_clear(&err);
	ctl_timeline *tl = NULL;
	if (ctl_timeline_from_csv_data(&tl, src, &err) == 0) {
		ctl_csv_files csv;
		if (ctl_export_csv(&csv, tl, &err) == 0)
			ctl_csv_files_release(&csv);
		char *json = NULL;
		if (ctl_timeline_to_json(&json, tl, &err) == 0)
			free(json);
	}
	ctl_timeline_free(tl);
out:
	for (int t = 0; t < CTL_CSV_NTABLES; t++)
		free(copies[t]);
	return 0;
}
