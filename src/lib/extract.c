/*
 * The pipeline driver: per-document stages (partial.c:
 * ctl_extract_document), then the merge across documents. Documents are
 * released by the caller as soon as they are added: only what the timeline
 * keeps stays in memory.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ctimeline/extract.h"
#include "ctimeline/actors.h"
#include "actors_internal.h"
#include "events.h"
#include "partial.h"
#include "util.h"

struct ctl_extractor {
	const ctl_resources *res;
	ctl_timeline *tl;
	ctl_actor_set *actors;
	ctl_event_store *events;
	ctl_workspace *ws;        /* for ctl_extractor_add */
};

ctl_extractor *ctl_extractor_new(const ctl_resources *res)
{
	ctl_extractor *x = ctl_xcalloc(1, sizeof(*x));
	x->res = res;
	x->tl = ctl_timeline_new();
	x->actors = ctl_actor_set_new(res);
	x->events = ctl_event_store_new(res);
	ctl_event_store_spill(x->events);
	x->ws = ctl_workspace_new();
	return x;
}

void ctl_extractor_free(ctl_extractor *x)
{
	if (!x)
		return;
	ctl_event_store_free(x->events);
	ctl_actor_set_free(x->actors);
	ctl_timeline_free(x->tl);
	ctl_workspace_free(x->ws);
	free(x);
}

void ctl_extractor_absorb_result(ctl_extractor *x, ctl_doc_result *r)
{
	ctl_doc_info *d = ctl_timeline_add_doc_info(x->tl);
	size_t di = x->tl->ndocs - 1;
	const ctl_mention_list *mentions;
	ctl_event_store *events;
	ctl_doc_result_parts(r, d, &mentions, &events);
	ctl_actor_set_add(x->actors, di, mentions);
	ctl_event_store_absorb(x->events, events, di);
}

void ctl_extractor_add_result(ctl_extractor *x, ctl_doc_result *r)
{
	ctl_extractor_absorb_result(x, r);
	ctl_doc_result_free(r);
}

int ctl_extractor_add(ctl_extractor *x, const ctl_document *doc, ctl_error *err)
{
	ctl_doc_result *r;
	int rc = ctl_extract_document_ws(&r, x->res, doc, x->ws, err);
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

static int cmp_id(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Ids must be unique (references name documents by id): x.txt in two
 * directories become "x" and "x~2", in canonical order. `sorted` are the
 * original ids in order, for telling a new id is free. */
static void unique_ids(ctl_doc_info *docs, size_t n, char **sorted)
{
	for (size_t k = 1; k < n; k++) {
		if (strcmp(docs[k].id, sorted[k - 1]) != 0)
			continue;
		size_t base = strlen(sorted[k - 1]);
		char *id = ctl_xmalloc(base + 24);
		for (unsigned long m = 2;; m++) {
			snprintf(id, base + 24, "%s~%lu", sorted[k - 1], m);
			/* taken by an original id, or by the one before in this run */
			bool taken = bsearch(&id, sorted, n, sizeof(*sorted), cmp_id) != NULL ||
				!strcmp(id, docs[k - 1].id);
			if (!taken)
				break;
		}
		free(docs[k].id);
		docs[k].id = id;
	}
}

/* Puts the documents in their canonical order (id, then path), so that the
 * result does not depend on the order they were added in, nor on how a
 * corpus was split between runs that are merged. The same article twice
 * (same id and path) is an error. */
static int sort_documents(ctl_extractor *x, ctl_error *err)
{
	size_t n = x->tl->ndocs;
	if (n == 0)
		return 0; /* and no NULL into memcpy (found by fuzz_merge) */
	doc_order *ord = ctl_xmalloc((n + 1) * sizeof(*ord));
	for (size_t i = 0; i < n; i++)
		ord[i] = (doc_order){ &x->tl->docs[i], i };
	qsort(ord, n, sizeof(*ord), cmp_doc_order);
	for (size_t k = 1; k < n; k++)
		if (!strcmp(ord[k].d->id, ord[k - 1].d->id) && !strcmp(ord[k].d->path, ord[k - 1].d->path)) {
			int rc = ctl_error_set(err, CTL_EDATA, "%s: the same article given twice "
				"(document id '%s')", ord[k].d->path, ord[k].d->id);
			free(ord);
			return rc;
		}
	size_t *new_index = ctl_xmalloc((n + 1) * sizeof(*new_index));
	ctl_doc_info *docs = ctl_xmalloc((n + 1) * sizeof(*docs));
	char **sorted = ctl_xmalloc((n + 1) * sizeof(*sorted));
	for (size_t k = 0; k < n; k++) {
		new_index[ord[k].i] = k;
		docs[k] = *ord[k].d;
		sorted[k] = ctl_xstrdup(docs[k].id);
	}
	unique_ids(docs, n, sorted);
	for (size_t k = 0; k < n; k++)
		free(sorted[k]);
	free(sorted);
	memcpy(x->tl->docs, docs, n * sizeof(*docs));
	free(docs);
	free(ord);
	/* documents that came in order (a directory, sorted by name) need no
	 * renumbering: skip copying every mention and candidate */
	bool same = true;
	for (size_t k = 0; k < n && same; k++)
		same = new_index[k] == k;
	if (!same) {
		ctl_actor_set_remap_docs(x->actors, new_index, n);
		ctl_event_store_remap_docs(x->events, new_index, x->tl);
	}
	free(new_index);
	return 0;
}

int ctl_extractor_finish(ctl_extractor *x, ctl_timeline **out, ctl_error *err)
{
	return ctl_extractor_finish_mt(x, 1, out, err);
}

int ctl_extractor_finish_mt(ctl_extractor *x, unsigned threads, ctl_timeline **out,
		ctl_error *err)
{
	/* one pool for the merge's steps: threads made per step were seen to
	 * start too late to help */
	ctl_pool *pool = ctl_pool_new(threads);
	int rc = sort_documents(x, err);
	if (!rc)
		rc = ctl_actor_set_finish_pool(x->actors, x->tl, pool, err);
	if (!rc)
		rc = ctl_events_finish(x->events, x->tl, x->actors, pool, err);
	ctl_pool_free(pool);
	if (rc)
		return rc;
	*out = x->tl;
	x->tl = NULL;
	return 0;
}
