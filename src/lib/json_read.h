/*
 * Reading JSON with cJSON (internal): the small member readers that the
 * events JSON (json.c) and the per-article results (partial.c) share. Each
 * failure is one message in `err`: "<input>: <where>.<key>: <problem>",
 * e.g. "events.json: events[3].earliest: not a date (YYYY-MM-DD)".
 */
#ifndef CTL_JSON_READ_H
#define CTL_JSON_READ_H

#include <stdbool.h>
#include <stdint.h>
#include <cjson/cJSON.h>
#include "ctimeline/common.h"
#include "ctimeline/date.h"

typedef struct ctl_pj {
	ctl_error *err;
	const char *name;   /* the input, for messages */
	char where[128];    /* the object being read, e.g. "events[3]"; "" at the top */
} ctl_pj;

int ctl_pj_fail(ctl_pj *p, const char *key, const char *problem);
/* Member `key` of o if present and of a type in type_mask; NULL (and *rc
 * set) if missing or of another type, NULL (rc untouched) if null and
 * `nullable`. */
const cJSON *ctl_pj_get(ctl_pj *p, const cJSON *o, const char *key, int type_mask,
		bool nullable, int *rc);
/* A string member, copied into *out (NULL when null and `nullable`). */
int ctl_pj_string(ctl_pj *p, const cJSON *o, const char *key, bool nullable, char **out);
int ctl_pj_u32(ctl_pj *p, const cJSON *o, const char *key, uint32_t *out);
int ctl_pj_int(ctl_pj *p, const cJSON *o, const char *key, int lo, int hi, int *out);
int ctl_pj_bool(ctl_pj *p, const cJSON *o, const char *key, bool *out);
/*
 * An interval: "<prefix>earliest"/"<prefix>latest" (ISO day or null),
 * "<prefix>precision", "<prefix>certainty"; and, unless date_key is NULL,
 * the summary date under date_key, which must agree with them.
 */
int ctl_pj_interval(ctl_pj *p, const cJSON *o, const char *date_key, const char *prefix,
		ctl_interval *out);
/* [start, end] of byte offsets */
int ctl_pj_span(ctl_pj *p, const cJSON *v, const char *key, uint32_t *s, uint32_t *e);

#endif
