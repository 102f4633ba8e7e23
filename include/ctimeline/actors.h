/*
 * Actors: named mentions of people, organisations, countries and groups in a
 * document, and their merging across documents into actors with aliases.
 *
 * Two steps, so that merging is order-independent and can be replayed from
 * per-document results (map and merge):
 *   1. ctl_mentions_find: one document's named mentions, each with a type
 *      guess and its surface name (title/role stripped);
 *   2. ctl_actor_set: collects the mentions of every document, then
 *      ctl_actor_set_finish clusters them (full names, surname-only
 *      mentions, transliteration variants, metonyms such as a capital for
 *      its country's government) into the timeline's actors.
 */
#ifndef CTIMELINE_ACTORS_H
#define CTIMELINE_ACTORS_H

#include "common.h"
#include "document.h"
#include "resources.h"
#include "timeline.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ctl_mention_role {
	CTL_MENTION_ACTOR = 0, /* names an actor ("Moscow is ready to discuss") */
	CTL_MENTION_PLACE      /* names a place where something happens ("met in Lisbon") */
} ctl_mention_role;

/* How a mention's type was decided, weakest first: the actor set weighs the
 * types of an actor's mentions by it. */
typedef enum ctl_mention_cue {
	CTL_CUE_GUESS = 0,   /* no cue: the default for a capitalised name */
	CTL_CUE_SHAPE,       /* the name's shape (an acronym, several words) */
	CTL_CUE_CONTEXT,     /* a neighbouring word ("the X newspaper", "X hackers",
	                        "X, who"), or the document's other mentions */
	CTL_CUE_LEXICON      /* the name itself: a list (first names, countries,
	                        organisations), a title before it, a suffix (Inc.) */
} ctl_mention_cue;

typedef struct ctl_mention {
	uint32_t start, end;       /* the name itself, e.g. "Anna Weber" */
	uint32_t ext_start;        /* start of the whole phrase incl. a title or role
	                              ("Freedonian Foreign Minister Anna Weber"); == start if none */
	ctl_actor_type type;
	ctl_mention_role role;
	char *name;                /* the name as written, NUL-terminated copy */
	char *resolved;            /* canonical name when knowledge maps it (a capital or
	                              demonym to its country, "U.S." to "United States"), or NULL */
	char *title;               /* the title/role words before it ("Foreign Minister"), or NULL */
	uint8_t cue;               /* ctl_mention_cue: how sure the type is */
	uint8_t tentative;         /* a word capitalised only because it opens a sentence,
	                              that nothing in its document vouches for ("Korvell
	                              plans ..."): the actor set keeps it only when other
	                              mentions name the same actor */
} ctl_mention;

typedef struct ctl_mention_list {
	ctl_mention *items;
	size_t len, cap;
} ctl_mention_list;

void ctl_mention_list_init(ctl_mention_list *list);
void ctl_mention_list_release(ctl_mention_list *list);

/*
 * Finds the named mentions in the document's kept text (title and body
 * sentences; never in furniture), in text order, and appends them to out.
 */
int ctl_mentions_find(ctl_mention_list *out, const ctl_resources *res,
		const ctl_document *doc, ctl_error *err);

typedef struct ctl_actor_set ctl_actor_set;

/* A new empty set; the caller frees it with ctl_actor_set_free. */
ctl_actor_set *ctl_actor_set_new(const ctl_resources *res);
void ctl_actor_set_free(ctl_actor_set *set);

/*
 * Records the mentions of the document `doc_index` (its index in the
 * timeline's documents). Mentions whose role is CTL_MENTION_PLACE are kept
 * as places, not actors; tentative mentions become actors only if other
 * mentions name the same actor. The set copies what it needs.
 */
void ctl_actor_set_add(ctl_actor_set *set, size_t doc_index, const ctl_mention_list *mentions);

/* Renumbers the recorded mentions' documents (old index i becomes
 * new_index[i], of ndocs) and puts them in that order. */
void ctl_actor_set_remap_docs(ctl_actor_set *set, const size_t *new_index, size_t ndocs);

/*
 * Clusters every recorded mention into actors and appends them to
 * tl->actors, with canonical names, types, aliases and mentions, ids "a1",
 * "a2", ... in a deterministic order that does not depend on the order the
 * documents were added in. Afterwards ctl_actor_set_lookup maps a recorded
 * mention to its actor's index in tl->actors.
 */
int ctl_actor_set_finish(ctl_actor_set *set, ctl_timeline *tl, ctl_error *err);
/* ctl_actor_set_finish with the actors built on up to `threads` threads;
 * the result is the same for any number. */
int ctl_actor_set_finish_mt(ctl_actor_set *set, ctl_timeline *tl, unsigned threads,
		ctl_error *err);

/* The actor index of the mention [start,end) of document doc_index, or
 * SIZE_MAX when it is no actor (a place, or not recorded). */
size_t ctl_actor_set_lookup(const ctl_actor_set *set, size_t doc_index,
		uint32_t start, uint32_t end);

#ifdef __cplusplus
}
#endif
#endif
