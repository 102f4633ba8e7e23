/* Cleaning: classify each line as article text or page furniture. (stub) */
#include "ctimeline/document.h"
#include "resources.h"
#include <stdlib.h>
#include "util.h"

struct ctl_clean_data { int unused; };

int ctl_clean_data_load(struct ctl_clean_data **out, const char *dir, ctl_error *err)
{
	(void)dir; (void)err;
	*out = ctl_xcalloc(1, sizeof(**out));
	return 0;
}

void ctl_clean_data_free(struct ctl_clean_data *d) { free(d); }

int ctl_clean(ctl_document *doc, const ctl_resources *res, ctl_error *err)
{
	(void)res; (void)err;
	for (size_t i = 0; i < doc->nlines; i++)
		doc->lines[i].kind = doc->lines[i].start == doc->lines[i].end ? CTL_LINE_BLANK : CTL_LINE_BODY;
	return 0;
}
