/*
 * One document's extraction result as a JSON object (internal): the small
 * cJSON readers the document, mention and candidate parts share, each
 * failing with "<where>: <problem>" in `err`.
 */
#ifndef CTL_PARTIAL_H
#define CTL_PARTIAL_H

#include <stdbool.h>
#include <stdint.h>
#include <cjson/cJSON.h>
#include "ctimeline/common.h"
#include "ctimeline/date.h"
#include "ctimeline/actors.h"
#include "ctimeline/extract.h"
#include "ctimeline/timeline.h"

typedef struct ctl_event_store ctl_event_store;

/* Hands a result's parts over to the extractor and frees the rest. */
void ctl_doc_result_take(ctl_doc_result *r, ctl_doc_info *info, ctl_mention_list *mentions,
		ctl_event_store **events);

typedef struct ctl_pj {
	ctl_error *err;
	const char *name;   /* the input, for messages */
	char where[96];     /* the object being read, e.g. "candidates[3]" */
} ctl_pj;

int ctl_pj_fail(ctl_pj *p, const char *key, const char *problem);
/* A string member; NULL when null and `nullable`. Copied into *out. */
int ctl_pj_string(ctl_pj *p, const cJSON *o, const char *key, bool nullable, char **out);
int ctl_pj_u32(ctl_pj *p, const cJSON *o, const char *key, uint32_t *out);
int ctl_pj_int(ctl_pj *p, const cJSON *o, const char *key, int lo, int hi, int *out);
int ctl_pj_bool(ctl_pj *p, const cJSON *o, const char *key, bool *out);
/* "earliest"/"latest" (ISO day or null), "precision", "certainty" under `prefix` */
int ctl_pj_interval(ctl_pj *p, const cJSON *o, const char *prefix, ctl_interval *out);
void ctl_pj_add_interval(cJSON *o, const char *prefix, const ctl_interval *iv);
/* [start, end] of uint32 */
int ctl_pj_span(ctl_pj *p, const cJSON *v, const char *key, uint32_t *s, uint32_t *e);
cJSON *ctl_pj_span_new(uint32_t s, uint32_t e);

#endif
