#include <stdlib.h>
#include <string.h>
#include "ctimeline/timeline.h"
#include "util.h"

ctl_timeline *ctl_timeline_new(void)
{
	return ctl_xcalloc(1, sizeof(ctl_timeline));
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

/* The arrays grow by doubling; the capacity is derived from the length so
 * that the public struct carries no capacity fields. */
static void *grow_by_one(void *items, size_t len, size_t size)
{
	if (len && (len & (len - 1)) == 0 && len >= 8)
		return ctl_xrealloc(items, 2 * len * size);
	if (!len)
		return ctl_xmalloc(8 * size);
	return items;
}

ctl_doc_info *ctl_timeline_add_doc_info(ctl_timeline *tl)
{
	tl->docs = grow_by_one(tl->docs, tl->ndocs, sizeof(*tl->docs));
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
	tl->actors = grow_by_one(tl->actors, tl->nactors, sizeof(*tl->actors));
	ctl_actor *a = &tl->actors[tl->nactors++];
	memset(a, 0, sizeof(*a));
	return a;
}

ctl_event *ctl_timeline_add_event(ctl_timeline *tl)
{
	tl->events = grow_by_one(tl->events, tl->nevents, sizeof(*tl->events));
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
