/*
 * The extraction pipeline, left to right: for each analysed document
 * (ingest -> clean -> segment -> dates, see document.h) the per-document
 * stages run (time expressions -> actors -> events); ctl_extractor_finish
 * then merges across documents (actors, events) into one timeline.
 */
#ifndef CTIMELINE_EXTRACT_H
#define CTIMELINE_EXTRACT_H

#include "common.h"
#include "document.h"
#include "resources.h"
#include "timeline.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ctl_extractor ctl_extractor;

/* A new extractor using `res` (which must outlive it); free with ctl_extractor_free. */
ctl_extractor *ctl_extractor_new(const ctl_resources *res);
void ctl_extractor_free(ctl_extractor *x);

/*
 * Runs the per-document stages on `doc` (already analysed) and keeps what
 * the timeline needs; the caller may free `doc` right after. The same as
 * ctl_extract_document then ctl_extractor_add_result.
 */
int ctl_extractor_add(ctl_extractor *x, const ctl_document *doc, ctl_error *err);

/*
 * One document's result before the merge across documents: what
 * ctl_extractor_add keeps of it. ctl_extract_document only reads `res`, so
 * several threads may extract documents at once; results may be added in
 * any order (the finished timeline is the same), or written as one JSON
 * line (format "ctimeline-partial", version 1, docs/partial.md) and read
 * back, on another machine, for the merge.
 */
typedef struct ctl_doc_result ctl_doc_result;

int ctl_extract_document(ctl_doc_result **out, const ctl_resources *res,
		const ctl_document *doc, ctl_error *err);

/*
 * Working memory one thread keeps from document to document: caches of
 * what the per-document stages look up in `res` (bounded, a few megabytes
 * at most). The results are the same with or without it; it only saves
 * the look-ups. One workspace per thread; it may be used with any
 * resources (it empties itself when they change).
 */
typedef struct ctl_workspace ctl_workspace;
ctl_workspace *ctl_workspace_new(void);
void ctl_workspace_free(ctl_workspace *ws);

/*
 * ctl_document_analyze with a workspace (NULL: the same as without). The
 * workspace keeps the time tagger's tokens of the page, so that
 * ctl_extract_document_ws of this document with this workspace, next,
 * does not tokenize the page again. The results are the same either way.
 */
int ctl_document_analyze_ws(ctl_document *doc, const ctl_resources *res, ctl_workspace *ws,
		ctl_error *err);

/* ctl_extract_document with a workspace (NULL: the same as without). */
int ctl_extract_document_ws(ctl_doc_result **out, const ctl_resources *res,
		const ctl_document *doc, ctl_workspace *ws, ctl_error *err);
void ctl_doc_result_free(ctl_doc_result *r);

/* The result's document entry (id, path, title, date). */
const ctl_doc_info *ctl_doc_result_info(const ctl_doc_result *r);

/* Writes the result as one line of JSON (no newline) into a new string
 * the caller frees with free(). */
int ctl_doc_result_to_json(char **out, const ctl_doc_result *r, ctl_error *err);

/* Reads one result; `name` names the input in messages ("part.jsonl:3"). */
int ctl_doc_result_from_json(ctl_doc_result **out, const char *name, const char *data,
		size_t len, ctl_error *err);

/* Adds a result to the extractor, which takes it over (do not free it). */
void ctl_extractor_add_result(ctl_extractor *x, ctl_doc_result *r);
/*
 * Adds a result to the extractor, which takes what it keeps out of `r`;
 * the caller still frees `r` (ctl_doc_result_free), and may do it on any
 * thread: best on the one that made it, since a memory allocator keeps a
 * heap per thread and freeing into another thread's heap waits for its
 * lock (extract -j frees each result on its worker). The timeline is the
 * same as with ctl_extractor_add_result.
 */
void ctl_extractor_absorb_result(ctl_extractor *x, ctl_doc_result *r);

/*
 * Reads results written by ctl_doc_result_to_json from `data`: JSON values
 * one after another (one per line, or pretty-printed), each an object or an
 * array of objects, and adds them; *added counts them. Messages name
 * `name` and the line (counted from first_line): "part.jsonl:3: ...".
 */
int ctl_extractor_add_json(ctl_extractor *x, const char *name, size_t first_line,
		const char *data, size_t len, size_t *added, ctl_error *err);

/*
 * Merges everything added into a timeline that the caller owns (free with
 * ctl_timeline_free). The documents are listed in the order of their ids
 * (then paths), whatever order they were added in. The extractor is spent
 * afterwards: free it.
 */
int ctl_extractor_finish(ctl_extractor *x, ctl_timeline **out, ctl_error *err);
/* ctl_extractor_finish with parts of the merge on up to `threads` threads
 * (1: the calling thread only); the timeline is the same for any number. */
int ctl_extractor_finish_mt(ctl_extractor *x, unsigned threads, ctl_timeline **out,
		ctl_error *err);

#ifdef __cplusplus
}
#endif
#endif
