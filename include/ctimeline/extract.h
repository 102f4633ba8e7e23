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
 * the timeline needs; the caller may free `doc` right after.
 */
int ctl_extractor_add(ctl_extractor *x, const ctl_document *doc, ctl_error *err);

/*
 * Merges everything added into a timeline that the caller owns (free with
 * ctl_timeline_free). The extractor is spent afterwards: free it.
 */
int ctl_extractor_finish(ctl_extractor *x, ctl_timeline **out, ctl_error *err);

#ifdef __cplusplus
}
#endif
#endif
