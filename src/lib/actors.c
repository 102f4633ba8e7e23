/* Actors: named mentions and their merging. (stub) */
#include <stdlib.h>
#include "ctimeline/actors.h"
#include "resources.h"
#include "util.h"

struct ctl_actors_data { int unused; };

int ctl_actors_data_load(struct ctl_actors_data **out, const char *dir, ctl_error *err)
{
	(void)dir; (void)err;
	*out = ctl_xcalloc(1, sizeof(**out));
	return 0;
}

void ctl_actors_data_free(struct ctl_actors_data *d) { free(d); }

void ctl_mention_list_init(ctl_mention_list *list)
{
	list->items = NULL;
	list->len = list->cap = 0;
}

void ctl_mention_list_release(ctl_mention_list *list)
{
	for (size_t i = 0; i < list->len; i++) {
		free(list->items[i].name);
		free(list->items[i].resolved);
		free(list->items[i].title);
	}
	free(list->items);
	ctl_mention_list_init(list);
}

int ctl_mentions_find(ctl_mention_list *out, const ctl_resources *res,
		const ctl_document *doc, ctl_error *err)
{
	(void)out; (void)res; (void)doc; (void)err;
	return 0;
}

struct ctl_actor_set { int unused; };

ctl_actor_set *ctl_actor_set_new(const ctl_resources *res)
{
	(void)res;
	return ctl_xcalloc(1, sizeof(ctl_actor_set));
}

void ctl_actor_set_free(ctl_actor_set *set) { free(set); }

void ctl_actor_set_add(ctl_actor_set *set, size_t doc_index, const ctl_mention_list *mentions)
{
	(void)set; (void)doc_index; (void)mentions;
}

int ctl_actor_set_finish(ctl_actor_set *set, ctl_timeline *tl, ctl_error *err)
{
	(void)set; (void)tl; (void)err;
	return 0;
}

size_t ctl_actor_set_lookup(const ctl_actor_set *set, size_t doc_index, uint32_t start, uint32_t end)
{
	(void)set; (void)doc_index; (void)start; (void)end;
	return SIZE_MAX;
}
