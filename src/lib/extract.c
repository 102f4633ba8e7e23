/*
 * The pipeline driver: per-document stages (partial.c:
 * ctl_extract_document), then the merge across documents. Documents are
 * released by the caller as soon as they are added: only what the timeline
 * keeps stays in memory.
 */
#include <stdlib.h>
#include <string.h>
#include "ctimeline/extract.h"
#include "ctimeline/actors.h"
#include "events.h"
#include "partial.h"
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

void ctl_extractor_add_result(ctl_extractor *x, ctl_doc_result *r)
{
	ctl_doc_info *d = ctl_timeline_add_doc_info(x->tl);
	size_t di = x->tl->ndocs - 1;
	ctl_mention_list mentions;
	ctl_event_store *events;
	ctl_doc_result_take(r, d, &mentions, &events);
	ctl_actor_set_add(x->actors, di, &mentions);
	ctl_event_store_absorb(x->events, events, di, d->id);
	ctl_mention_list_release(&mentions);
	ctl_event_store_free(events);
}

int ctl_extractor_add(ctl_extractor *x, const ctl_document *doc, ctl_error *err)
{
	ctl_doc_result *r;
	int rc = ctl_extract_document(&r, x->res, doc, err);
	if (rc)
		return rc;
	ctl_extractor_add_result(x, r);
	return 0;
}

typedef struct doc_order {
	const ctl_doc_info *d;
	size_t i;
} doc_order;

static int cmp_doc_order(const void *a, const void *b)
{
	const doc_order *x = a, *y = b;
	int c = strcmp(x->d->id, y->d->id);
	if (!c)
		c = strcmp(x->d->path, y->d->path);
	return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* Puts the documents in their canonical order (id, then path), so that the
 * result does not depend on the order they were added in, nor on how a
 * corpus was split between runs that are merged. */
static void sort_documents(ctl_extractor *x)
{
	size_t n = x->tl->ndocs;
	if (n == 0)
		return; /* and no NULL into memcpy (found by fuzz_merge) */
	doc_order *ord = ctl_xmalloc((n + 1) * sizeof(*ord));
	for (size_t i = 0; i < n; i++)
		ord[i] = (doc_order){ &x->tl->docs[i], i };
	qsort(ord, n, sizeof(*ord), cmp_doc_order);
	size_t *new_index = ctl_xmalloc((n + 1) * sizeof(*new_index));
	ctl_doc_info *docs = ctl_xmalloc((n + 1) * sizeof(*docs));
	for (size_t k = 0; k < n; k++) {
		new_index[ord[k].i] = k;
		docs[k] = *ord[k].d;
	}
	memcpy(x->tl->docs, docs, n * sizeof(*docs));
	free(docs);
	free(ord);
	ctl_actor_set_remap_docs(x->actors, new_index, n);
	ctl_event_store_remap_docs(x->events, new_index, x->tl);
	free(new_index);
}

int ctl_extractor_finish(ctl_extractor *x, ctl_timeline **out, ctl_error *err)
{
	sort_documents(x);
	int rc = ctl_actor_set_finish(x->actors, x->tl, err);
	if (!rc)
		rc = ctl_events_finish(x->events, x->tl, x->actors, err);
	if (rc)
		return rc;
	*out = x->tl;
	x->tl = NULL;
	return 0;
}
