/*
 * The pipeline driver: per-document stages, then the merge across
 * documents. Documents are released by the caller as soon as they are
 * added: only what the timeline keeps stays in memory.
 */
#include <stdlib.h>
#include "ctimeline/extract.h"
#include "ctimeline/actors.h"
#include "ctimeline/timex.h"
#include "events.h"
#include "util.h"

struct ctl_extractor {
	const ctl_resources *res;
	ctl_timeline *tl;
	ctl_actor_set *actors;
	ctl_event_store *events;
};

ctl_extractor *ctl_extractor_new(const ctl_resources *res)
{
	ctl_extractor *x = ctl_xcalloc(1, sizeof(*x));
	x->res = res;
	x->tl = ctl_timeline_new();
	x->actors = ctl_actor_set_new(res);
	x->events = ctl_event_store_new(res);
	return x;
}

void ctl_extractor_free(ctl_extractor *x)
{
	if (!x)
		return;
	ctl_event_store_free(x->events);
	ctl_actor_set_free(x->actors);
	ctl_timeline_free(x->tl);
	free(x);
}

/* The spans extraction reads: the headline, then the body's sentences. */
static ctl_span *kept_spans(const ctl_document *doc, size_t *n)
{
	ctl_span *spans = ctl_xmalloc((doc->nsentences + 1) * sizeof(*spans));
	size_t k = 0;
	for (size_t i = 0; i < doc->nlines; i++)
		if (doc->lines[i].kind == CTL_LINE_TITLE) {
			spans[k].start = doc->lines[i].start;
			spans[k++].end = doc->lines[i].end;
			break;
		}
	/* the headline comes first in the file, so the spans stay in text order */
	for (size_t i = 0; i < doc->nsentences; i++)
		if (!k || doc->sentences[i].start >= spans[0].end)
			spans[k++] = doc->sentences[i];
	*n = k;
	return spans;
}

int ctl_extractor_add(ctl_extractor *x, const ctl_document *doc, ctl_error *err)
{
	size_t di = ctl_timeline_add_document(x->tl, doc);
	ctl_timex_list tx;
	ctl_mention_list mentions;
	ctl_timex_list_init(&tx);
	ctl_mention_list_init(&mentions);
	size_t nspans;
	ctl_span *spans = kept_spans(doc, &nspans);
	ctl_day dct = doc->dct.precision == CTL_PREC_DAY ? doc->dct.earliest : CTL_DAY_NONE;
	int rc = ctl_timex_tag_spans(&tx, x->res, doc->text, spans, nspans, dct, err);
	if (!rc)
		rc = ctl_mentions_find(&mentions, x->res, doc, err);
	if (!rc) {
		ctl_actor_set_add(x->actors, di, &mentions);
		rc = ctl_events_find(x->events, doc, di, &x->tl->docs[di], &tx, &mentions, err);
	}
	free(spans);
	ctl_timex_list_release(&tx);
	ctl_mention_list_release(&mentions);
	return rc;
}

int ctl_extractor_finish(ctl_extractor *x, ctl_timeline **out, ctl_error *err)
{
	int rc = ctl_actor_set_finish(x->actors, x->tl, err);
	if (!rc)
		rc = ctl_events_finish(x->events, x->tl, x->actors, err);
	if (rc)
		return rc;
	*out = x->tl;
	x->tl = NULL;
	return 0;
}
