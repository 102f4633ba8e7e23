/* Segmentation: split kept lines into sentences. (stub) */
#include <stdlib.h>
#include "ctimeline/document.h"
#include "resources.h"
#include "util.h"

struct ctl_segment_data { int unused; };

int ctl_segment_data_load(struct ctl_segment_data **out, const char *dir, ctl_error *err)
{
	(void)dir; (void)err;
	*out = ctl_xcalloc(1, sizeof(**out));
	return 0;
}

void ctl_segment_data_free(struct ctl_segment_data *d) { free(d); }

int ctl_segment(ctl_document *doc, const ctl_resources *res, ctl_error *err)
{
	(void)res; (void)err;
	size_t cap = 0;
	for (size_t i = 0; i < doc->nlines; i++)
		if (doc->lines[i].kind == CTL_LINE_BODY) {
			ctl_span *s = CTL_ARRAY_PUSH(doc->sentences, doc->nsentences, cap);
			s->start = doc->lines[i].start;
			s->end = doc->lines[i].end;
		}
	return 0;
}
