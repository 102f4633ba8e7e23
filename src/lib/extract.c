/*
 * The pipeline driver: per-document stages, then the merge across
 * documents. Documents are released by the caller as soon as they are
 * added: only what the timeline keeps stays in memory.
 */
#include <stdlib.h>
#include "ctimeline/extract.h"
#include "ctimeline/actors.h"
#include "ctimeline/timex.h"
#include "util.h"

struct ctl_extractor {
	const ctl_resources *res;
	ctl_timeline *tl;
	ctl_actor_set *actors;
};

ctl_extractor *ctl_extractor_new(const ctl_resources *res)
{
	ctl_extractor *x = ctl_xcalloc(1, sizeof(*x));
	x->res = res;
	x->tl = ctl_timeline_new();
	x->actors = ctl_actor_set_new(res);
	return x;
}

void ctl_extractor_free(ctl_extractor *x)
{
	if (!x)
		return;
	ctl_actor_set_free(x->actors);
	ctl_timeline_free(x->tl);
	free(x);
}

int ctl_extractor_add(ctl_extractor *x, const ctl_document *doc, ctl_error *err)
{
	size_t di = ctl_timeline_add_document(x->tl, doc);
	ctl_mention_list mentions;
	ctl_mention_list_init(&mentions);
	int rc = ctl_mentions_find(&mentions, x->res, doc, err);
	if (!rc)
		ctl_actor_set_add(x->actors, di, &mentions);
	ctl_mention_list_release(&mentions);
	return rc;
}

int ctl_extractor_finish(ctl_extractor *x, ctl_timeline **out, ctl_error *err)
{
	int rc = ctl_actor_set_finish(x->actors, x->tl, err);
	if (rc)
		return rc;
	*out = x->tl;
	x->tl = NULL;
	return 0;
}
