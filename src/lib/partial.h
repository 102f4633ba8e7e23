/*
 * One document's extraction result as a JSON object (internal): what
 * partial.c and events.c share to write and read it.
 */
#ifndef CTL_PARTIAL_H
#define CTL_PARTIAL_H

#include <stdbool.h>
#include <stdint.h>
#include <cjson/cJSON.h>
#include "ctimeline/common.h"
#include "ctimeline/date.h"
#include "json_read.h"
#include "json_write.h"
#include "ctimeline/buf.h"
#include "ctimeline/actors.h"
#include "ctimeline/extract.h"
#include "ctimeline/timeline.h"

typedef struct ctl_event_store ctl_event_store;

/* Moves a result's document entry into *info, and points at its mentions
 * and its candidates, which stay r's (the extractor copies the mentions it
 * records and moves the candidates out: ctl_event_store_absorb). */
void ctl_doc_result_parts(ctl_doc_result *r, ctl_doc_info *info,
		const ctl_mention_list **mentions, ctl_event_store **events);

/* Writers of what json_read.h reads, with no spaces (as
 * cJSON_PrintUnformatted): a string (NULL: null); an interval's four
 * members under `prefix` ("key":value pairs joined by commas, none before
 * or after); a [start,end] span. */
void ctl_pj_put_str(ctl_buf *b, const char *s);
void ctl_pj_put_interval(ctl_buf *b, const char *prefix, const ctl_interval *iv);
void ctl_pj_put_span(ctl_buf *b, uint32_t s, uint32_t e);

#endif
