/*
 * ctl_resources: the knowledge files under data/ (lexicons, name lists,
 * gazetteers), loaded once and shared read-only by every stage and thread.
 */
#ifndef CTIMELINE_RESOURCES_H
#define CTIMELINE_RESOURCES_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ctl_resources ctl_resources;

/*
 * Loads every data file from `data_dir` (NULL: $CTIMELINE_DATA_DIR, else the
 * directory compiled in). The caller frees the result with
 * ctl_resources_free. Fails with CTL_ENOTFOUND or CTL_EDATA naming the file.
 */
int ctl_resources_new(ctl_resources **out, const char *data_dir, ctl_error *err);
void ctl_resources_free(ctl_resources *res);
/*
 * Adds the named events of a user gazetteer file (the format of
 * data/events/gazetteer.tsv) to those loaded. Fails with CTL_EDATA naming
 * the file and line.
 */
int ctl_resources_add_gazetteer(ctl_resources *res, const char *path, ctl_error *err);

/* The directory the resources were loaded from (owned by res). */
const char *ctl_resources_dir(const ctl_resources *res);

#ifdef __cplusplus
}
#endif
#endif
