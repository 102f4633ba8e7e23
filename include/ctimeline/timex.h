/*
 * Time expressions: find and normalise dates, times, durations and sets in
 * text, in the TimeML TIMEX3 convention (values such as "2017-07-12",
 * "XXXX-01-24", "2017-W28", "P2D", "PRESENT_REF").
 */
#ifndef CTIMELINE_TIMEX_H
#define CTIMELINE_TIMEX_H

#include "common.h"
#include "date.h"
#include "resources.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ctl_timex_type {
	CTL_TIMEX_DATE = 0,
	CTL_TIMEX_TIME,
	CTL_TIMEX_DURATION,
	CTL_TIMEX_SET
} ctl_timex_type;

/* How a DATE/TIME value was fixed. */
typedef enum ctl_timex_anchor {
	CTL_ANCHOR_ABSOLUTE = 0, /* the text states every part of the value */
	CTL_ANCHOR_DCT,          /* resolved against the document date */
	CTL_ANCHOR_ANAPHORIC,    /* resolved against an earlier date in the text */
	CTL_ANCHOR_NONE          /* not resolved: value keeps X placeholders */
} ctl_timex_anchor;

typedef struct ctl_timex {
	uint32_t start, end;     /* byte offsets into the text, [start, end) */
	ctl_timex_type type;
	ctl_timex_anchor anchor;
	char value[40];          /* TIMEX3 value */
	char freq[16];           /* SET frequency ("1X") or "" */
	char mod[16];            /* TIMEX3 mod ("START", "APPROX") or "" */
	/* The days the value covers (DATE/TIME): [earliest, latest], with the
	 * precision of the value; both CTL_DAY_NONE when it covers no fixed
	 * day (durations, sets, PAST_REF, unresolved values). Weeks, weekends,
	 * quarters, halves, seasons, decades and centuries have both bounds
	 * and precision CTL_PREC_NONE; a `mod` ("early December") does not
	 * narrow them. Certainty: stated for CTL_ANCHOR_ABSOLUTE, else
	 * inferred. DURATION and SET expressions have anchor
	 * CTL_ANCHOR_ABSOLUTE, *_REF values CTL_ANCHOR_NONE. */
	ctl_interval when;
} ctl_timex;

typedef struct ctl_timex_list {
	ctl_timex *items;
	size_t len, cap;
} ctl_timex_list;

void ctl_timex_list_init(ctl_timex_list *list);
void ctl_timex_list_release(ctl_timex_list *list);

/*
 * Tags the text's byte ranges `spans` (in order; anaphoric resolution runs
 * across them) and appends the expressions found to `out`. `dct` is the
 * document date or CTL_DAY_NONE when unknown: relative expressions then
 * keep X placeholders and never invent a date.
 */
int ctl_timex_tag_spans(ctl_timex_list *out, const ctl_resources *res,
		const char *text, const ctl_span *spans, size_t nspans,
		ctl_day dct, ctl_error *err);

/* Tags the whole text as one span. */
int ctl_timex_tag(ctl_timex_list *out, const ctl_resources *res,
		const char *text, size_t len, ctl_day dct, ctl_error *err);

const char *ctl_timex_type_name(ctl_timex_type t); /* "DATE", ... */

#ifdef __cplusplus
}
#endif
#endif
