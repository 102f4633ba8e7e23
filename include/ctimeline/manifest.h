/*
 * A manifest: user-supplied publication dates (and optionally URL and title)
 * for articles, as CSV with a header row naming at least the columns
 * `path` and `date` (ISO YYYY-MM-DD); `url` and `title` are optional, other
 * columns are ignored, columns may come in any order.
 */
#ifndef CTIMELINE_MANIFEST_H
#define CTIMELINE_MANIFEST_H

#include "common.h"
#include "date.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ctl_manifest ctl_manifest;

/* Reads and validates `path`; errors name "FILE:LINE:COLUMN". The caller
 * frees the result with ctl_manifest_free. */
int ctl_manifest_load(ctl_manifest **out, const char *path, ctl_error *err);
void ctl_manifest_free(ctl_manifest *m);

/*
 * Finds the row for a document path: the row whose path equals `doc_path`,
 * else the row whose path equals its base name. Returns true and sets *day
 * (and *title, owned by the manifest, NULL when the row has none).
 */
bool ctl_manifest_lookup(const ctl_manifest *m, const char *doc_path,
		ctl_day *day, const char **title);

#ifdef __cplusplus
}
#endif
#endif
