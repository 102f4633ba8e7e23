/*
 * Events (internal): per-document event candidates, then the merge across
 * documents. Called by the pipeline driver (extract.c).
 */
#ifndef CTL_EVENTS_H
#define CTL_EVENTS_H

#include "ctimeline/actors.h"
#include "ctimeline/document.h"
#include "ctimeline/timeline.h"
#include "ctimeline/timex.h"
#include "partial.h"
#include "util.h"

typedef struct ctl_event_store ctl_event_store;

ctl_event_store *ctl_event_store_new(const ctl_resources *res);
void ctl_event_store_free(ctl_event_store *st);
/*
 * From now on, candidates absorbed into the store keep their trigger,
 * sentence and title in a temporary file ($TMPDIR, else /tmp; deleted on
 * creation), read back by ctl_events_finish for the events only: these
 * texts are most of what a long run keeps until the merge. Without a
 * writable temporary directory they stay in memory; a write error is
 * reported by ctl_events_finish.
 */
void ctl_event_store_spill(ctl_event_store *st);

/*
 * Finds the event candidates of one document: sentences with a trigger and a
 * date (a time expression, a named event of the gazetteer, or the report's
 * own date for statements). `tx` are the document's time expressions (tagged
 * over its title and sentences), `mentions` its named mentions. May narrow
 * `info->dct` for an undated document from what the text implies.
 */
int ctl_events_find(ctl_event_store *st, const ctl_document *doc, size_t doc_index,
		ctl_doc_info *info, const ctl_timex_list *tx, const ctl_mention_list *mentions,
		ctl_error *err);

/*
 * Maps candidates' mentions to actors, merges candidates that report the
 * same event (order-independent), and appends the events to tl->events.
 * Its steps run on the pool's threads (NULL: on the caller's); the result
 * is the same for any number. The actor set's mention lookup is spent
 * afterwards (dropped).
 */
int ctl_events_finish(ctl_event_store *st, ctl_timeline *tl, ctl_actor_set *actors,
		ctl_pool *pool, ctl_error *err);

/*
 * The per-document result (partial.c): a store holding one document's
 * candidates (found with doc_index 0) is moved into the extractor's store
 * as document `doc_index`; `from` is left with only what `st` does not
 * keep (the texts `st` wrote to its spill file), which ctl_event_store_free
 * frees: on the thread that allocated them, if the caller wants (a
 * memory allocator keeps a heap per thread, and freeing into another
 * thread's heap waits for its lock). After the documents are
 * put in their canonical order, every candidate's document is renumbered
 * (new_index[old]). Candidates are written as, and read from, a JSON array.
 */
void ctl_event_store_absorb(ctl_event_store *st, ctl_event_store *from, size_t doc_index);
void ctl_event_store_remap_docs(ctl_event_store *st, const size_t *new_index,
		const ctl_timeline *tl);
void ctl_event_store_write_json(const ctl_event_store *st, ctl_buf *b);
int ctl_event_store_from_cjson(ctl_event_store *st, const cJSON *arr, ctl_pj *p);

/* Adds the rows of a user gazetteer file (format of data/events/gazetteer.tsv). */
int ctl_events_add_gazetteer(ctl_resources *res, const char *path, ctl_error *err);

#endif
