/*
 * Fuzz target: arbitrary bytes as one article, through the whole extraction
 * pipeline (ingest -> clean -> segment -> dates -> time expressions ->
 * actors -> events -> merge) and out as events JSON, which is read back.
 */
#include <stdlib.h>
#include <string.h>
#include "fuzz_common.h"

/* The timeline of one result, as events JSON (NULL if finishing fails). */
static char *finish_json(const ctl_resources *res, ctl_doc_result *r)
{
	ctl_error err;
	ctl_error_clear(&err);
	ctl_extractor *x = ctl_extractor_new(res);
	ctl_extractor_add_result(x, r);
	ctl_timeline *tl = NULL;
	char *json = NULL;
	if (ctl_extractor_finish(x, &tl, &err) == 0 && ctl_timeline_to_json(&json, tl, &err))
		json = NULL;
	ctl_timeline_free(tl);
	ctl_extractor_free(x);
	return json;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const ctl_resources *res = fuzz_resources();
	ctl_error err;
	ctl_error_clear(&err);
	ctl_document *doc = NULL;
	if (ctl_document_from_memory(&doc, "fuzz.txt", (const char *)data, size, NULL, &err))
		return 0;
	ctl_doc_result *r = NULL, *back_r = NULL;
	if (ctl_document_analyze(doc, res, &err) == 0 && ctl_extract_document(&r, res, doc, &err) == 0) {
		/* the per-article result (extract --jsonl) reads back losslessly:
		 * merging it gives the same timeline as the result itself */
		char *line = NULL;
		if (ctl_doc_result_to_json(&line, r, &err))
			abort();
		if (ctl_doc_result_from_json(&back_r, "fuzz.jsonl", line, strlen(line), &err))
			abort();
		free(line);
		char *json = finish_json(res, r);
		char *again = finish_json(res, back_r);
		if (!json || !again || strcmp(json, again))
			abort();
		/* what extract writes, every command must read back */
		ctl_timeline *back = NULL;
		if (ctl_timeline_from_json(&back, "fuzz.json", json, strlen(json), &err))
			abort();
		ctl_timeline_free(back);
		free(json);
		free(again);
	}
	ctl_document_free(doc);
	return 0;
}
