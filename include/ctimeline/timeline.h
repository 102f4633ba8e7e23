/*
 * ctl_timeline: the container every stage fills and every output reads:
 * documents, actors and events. It owns all of them.
 */
#ifndef CTIMELINE_TIMELINE_H
#define CTIMELINE_TIMELINE_H

#include "common.h"
#include "io.h"
#include "date.h"
#include "document.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The events JSON format written by `extract` and read by every command. */
#define CTL_EVENTS_FORMAT "ctimeline-events"
#define CTL_EVENTS_VERSION 1

typedef enum ctl_actor_type {
	CTL_ACTOR_PERSON = 0,
	CTL_ACTOR_ORGANIZATION,
	CTL_ACTOR_COUNTRY,
	CTL_ACTOR_GROUP,
	CTL_ACTOR_OTHER
} ctl_actor_type;

/* Where an actor or event was read: document index + byte range. */
typedef struct ctl_ref {
	size_t doc;            /* index into timeline->docs */
	uint32_t start, end;
	char *text;            /* copy of the bytes (for events JSON), or NULL */
} ctl_ref;

typedef struct ctl_actor {
	char *id;              /* "a1", ... */
	char *name;
	ctl_actor_type type;
	char **aliases;
	size_t naliases;
	ctl_ref *mentions;     /* text is NULL for mentions */
	size_t nmentions;
} ctl_actor;

typedef struct ctl_event {
	char *id;              /* "e1", ... */
	ctl_interval when;
	char *title;
	char *type;            /* statement, meeting, ... (see data/event-types) */
	char *place;           /* or NULL */
	size_t *actors;        /* indices into timeline->actors */
	size_t nactors;
	ctl_ref trigger;
	ctl_ref *sources;
	size_t nsources;
} ctl_event;

/* A document entry as the timeline keeps it (the text is not kept). */
typedef struct ctl_doc_info {
	char *id;
	char *path;
	char *title;           /* or NULL */
	ctl_interval dct;      /* see ctl_document.dct */
	char *dct_source;      /* "" when unknown */
} ctl_doc_info;

typedef struct ctl_timeline {
	ctl_doc_info *docs;
	size_t ndocs;
	ctl_actor *actors;
	size_t nactors;
	ctl_event *events;
	size_t nevents;
} ctl_timeline;

/* A new empty timeline; the caller frees it with ctl_timeline_free. */
ctl_timeline *ctl_timeline_new(void);
void ctl_timeline_free(ctl_timeline *tl);

/* Records a document's metadata (copied); returns its index. */
size_t ctl_timeline_add_document(ctl_timeline *tl, const ctl_document *doc);

/* Appends an empty document entry (all NULL, unknown dct) and returns it. */
ctl_doc_info *ctl_timeline_add_doc_info(ctl_timeline *tl);

/* Appends an empty actor / event owned by the timeline and returns it. */
ctl_actor *ctl_timeline_add_actor(ctl_timeline *tl);
ctl_event *ctl_timeline_add_event(ctl_timeline *tl);

const char *ctl_actor_type_name(ctl_actor_type t);
int ctl_actor_type_parse(const char *s, ctl_actor_type *out);

/*
 * Serialises the timeline as events JSON version 1 into a new string (the
 * caller frees it with free()). Deterministic: the same timeline gives the
 * same bytes, and reading them back and writing again gives identical bytes.
 */
int ctl_timeline_to_json(char **out, const ctl_timeline *tl, ctl_error *err);

/* The same bytes, written into an output stream (io.h) a megabyte at a
 * time; the caller commits or aborts the stream. */
int ctl_timeline_write_json(ctl_out *out, const ctl_timeline *tl, ctl_error *err);
/* The same bytes, the documents, actors and events formatted a chunk of
 * about a megabyte at a time on up to `threads` threads (1: the calling
 * thread only); memory holds one chunk per thread. */
int ctl_timeline_write_json_mt(ctl_out *out, const ctl_timeline *tl, unsigned threads,
		ctl_error *err);

/*
 * Parses events JSON (any version this build knows) from `data`; `name`
 * names the input in messages. The caller frees the result with
 * ctl_timeline_free. Fails with CTL_EDATA and a message naming the problem
 * and where it is ("events.json: events[3].earliest: not a date").
 */
int ctl_timeline_from_json(ctl_timeline **out, const char *name,
		const char *data, size_t len, ctl_error *err);

#ifdef __cplusplus
}
#endif
#endif
