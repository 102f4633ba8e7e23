/*
 * Fuzz target: arbitrary bytes as one article, through the whole extraction
 * pipeline (ingest -> clean -> segment -> dates -> time expressions ->
 * actors -> events -> merge) and out as events JSON, which is read back.
 */
#include <stdlib.h>
#include <string.h>
#include <ctimeline/ctimeline.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The knowledge files are loaded once per process and shared read-only. */
static const ctl_resources *resources(void)
{
	static ctl_resources *res;
	if (!res) {
		ctl_error err;
		ctl_error_clear(&err);
		if (ctl_resources_new(&res, NULL, &err))
			abort();
	}
	return res;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const ctl_resources *res = resources();
	ctl_error err;
	ctl_error_clear(&err);
	ctl_document *doc = NULL;
	if (ctl_document_from_memory(&doc, "fuzz.txt", (const char *)data, size, NULL, &err))
		return 0;
	ctl_extractor *x = ctl_extractor_new(res);
	ctl_timeline *tl = NULL;
	if (ctl_document_analyze(doc, res, &err) == 0 && ctl_extractor_add(x, doc, &err) == 0
			&& ctl_extractor_finish(x, &tl, &err) == 0) {
		char *json = NULL;
		if (ctl_timeline_to_json(&json, tl, &err) == 0) {
			/* what extract writes, every command must read back */
			ctl_timeline *back = NULL;
			if (ctl_timeline_from_json(&back, "fuzz.json", json, strlen(json), &err))
				abort();
			ctl_timeline_free(back);
		}
		free(json);
	}
	ctl_timeline_free(tl);
	ctl_extractor_free(x);
	ctl_document_free(doc);
	return 0;
}
