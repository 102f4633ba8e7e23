/* Time expression tagger. (stub) */
#include <stdlib.h>
#include "ctimeline/timex.h"
#include "resources.h"
#include "util.h"

struct ctl_timex_data { int unused; };

int ctl_timex_data_load(struct ctl_timex_data **out, const char *dir, ctl_error *err)
{
	(void)dir; (void)err;
	*out = ctl_xcalloc(1, sizeof(**out));
	return 0;
}

void ctl_timex_data_free(struct ctl_timex_data *d) { free(d); }

void ctl_timex_list_init(ctl_timex_list *list)
{
	list->items = NULL;
	list->len = list->cap = 0;
}

void ctl_timex_list_release(ctl_timex_list *list)
{
	free(list->items);
	ctl_timex_list_init(list);
}

int ctl_timex_tag_spans(ctl_timex_list *out, const ctl_resources *res,
		const char *text, const ctl_span *spans, size_t nspans,
		ctl_day dct, ctl_error *err)
{
	(void)out; (void)res; (void)text; (void)spans; (void)nspans; (void)dct; (void)err;
	return 0;
}

int ctl_timex_tag(ctl_timex_list *out, const ctl_resources *res,
		const char *text, size_t len, ctl_day dct, ctl_error *err)
{
	ctl_span s = { 0, (uint32_t)len };
	return ctl_timex_tag_spans(out, res, text, &s, 1, dct, err);
}

const char *ctl_timex_type_name(ctl_timex_type t)
{
	static const char *const names[] = { "DATE", "TIME", "DURATION", "SET" };
	return (unsigned)t < 4 ? names[t] : "DATE";
}
