#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "ctimeline/timeline.h"
#include "timeline_internal.h"
#include "util.h"

/* The public struct with the arrays' capacities, which it does not carry:
 * every timeline comes from ctl_timeline_new. */
typedef struct timeline_impl {
	ctl_timeline tl;          /* first: a ctl_timeline * is a timeline_impl * */
	size_t doccap, actorcap, eventcap;
} timeline_impl;

static timeline_impl *impl(ctl_timeline *tl)
{
	return (timeline_impl *)tl;
}

ctl_timeline *ctl_timeline_new(void)
{
	timeline_impl *t = ctl_xcalloc(1, sizeof(*t));
	return &t->tl;
}

static void actor_release(ctl_actor *a)
{
	free(a->id);
	free(a->name);
	for (size_t i = 0; i < a->naliases; i++)
		free(a->aliases[i]);
	free(a->aliases);
	for (size_t i = 0; i < a->nmentions; i++)
		free(a->mentions[i].text);
	free(a->mentions);
}

static void event_release(ctl_event *e)
{
	free(e->id);
	free(e->title);
	free(e->type);
	free(e->place);
	free(e->actors);
	free(e->trigger.text);
	for (size_t i = 0; i < e->nsources; i++)
		free(e->sources[i].text);
	free(e->sources);
}

void ctl_timeline_free(ctl_timeline *tl)
{
	if (!tl)
		return;
	for (size_t i = 0; i < tl->ndocs; i++) {
		free(tl->docs[i].id);
		free(tl->docs[i].path);
		free(tl->docs[i].title);
		free(tl->docs[i].dct_source);
	}
	free(tl->docs);
	for (size_t i = 0; i < tl->nactors; i++)
		actor_release(&tl->actors[i]);
	free(tl->actors);
	for (size_t i = 0; i < tl->nevents; i++)
		event_release(&tl->events[i]);
	free(tl->events);
	free(tl);
}

/* The arrays grow by doubling, from 8. */
static void *grow_by_one(void *items, size_t len, size_t *cap, size_t size)
{
	ctl_array_grow(&items, cap, len + 1, size);
	return items;
}

void ctl_timeline_reserve_events(ctl_timeline *tl, size_t more)
{
	size_t *cap = &impl(tl)->eventcap;
	if (more > SIZE_MAX / sizeof(ctl_event) - tl->nevents)
		abort();
	if (tl->nevents + more <= *cap)
		return;
	tl->events = ctl_xrealloc(tl->events, (tl->nevents + more) * sizeof(ctl_event));
	*cap = tl->nevents + more;
}

ctl_doc_info *ctl_timeline_add_doc_info(ctl_timeline *tl)
{
	tl->docs = grow_by_one(tl->docs, tl->ndocs, &impl(tl)->doccap, sizeof(*tl->docs));
	ctl_doc_info *d = &tl->docs[tl->ndocs++];
	memset(d, 0, sizeof(*d));
	d->dct = ctl_interval_unknown();
	return d;
}

size_t ctl_timeline_add_document(ctl_timeline *tl, const ctl_document *doc)
{
	ctl_doc_info *d = ctl_timeline_add_doc_info(tl);
	d->id = ctl_xstrdup(doc->id);
	d->path = ctl_xstrdup(doc->path);
	d->title = doc->title ? ctl_xstrdup(doc->title) : NULL;
	d->dct = doc->dct;
	d->dct_source = ctl_xstrdup(doc->dct_source);
	return tl->ndocs - 1;
}

ctl_actor *ctl_timeline_add_actor(ctl_timeline *tl)
{
	tl->actors = grow_by_one(tl->actors, tl->nactors, &impl(tl)->actorcap, sizeof(*tl->actors));
	ctl_actor *a = &tl->actors[tl->nactors++];
	memset(a, 0, sizeof(*a));
	return a;
}

ctl_event *ctl_timeline_add_event(ctl_timeline *tl)
{
	tl->events = grow_by_one(tl->events, tl->nevents, &impl(tl)->eventcap, sizeof(*tl->events));
	ctl_event *e = &tl->events[tl->nevents++];
	memset(e, 0, sizeof(*e));
	e->when = ctl_interval_unknown();
	return e;
}

static const char *const actor_type_names[] = {
	"person", "organization", "country", "group", "other"
};

const char *ctl_actor_type_name(ctl_actor_type t)
{
	return (unsigned)t < 5 ? actor_type_names[t] : "other";
}

int ctl_actor_type_parse(const char *s, ctl_actor_type *out)
{
	for (int i = 0; i < 5; i++)
		if (!strcmp(s, actor_type_names[i])) {
			*out = (ctl_actor_type)i;
			return 0;
		}
	return CTL_EDATA;
}
