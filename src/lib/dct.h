/* Document dates (internal): what the events stage shares with dct.c. */
#ifndef CTL_DCT_H
#define CTL_DCT_H

#include "ctimeline/document.h"
#include "ctimeline/resources.h"
#include "timex_tokens.h"

/* ctl_dct_detect, keeping the time tagger's tokens of the page in `keep`
 * (NULL: none) for the pass over the sentences. */
int ctl_dct_detect_keep(ctl_document *doc, const ctl_resources *res, ctl_tx_tokens *keep,
		ctl_error *err);

/*
 * Does a future cue ("will", "until", "scheduled", data/dct/cues.tsv) stand
 * among the four words before `pos` in its clause? Such a date lies ahead of
 * the writer and bounds nothing about the document's date. `ls` is the
 * start of pos's line.
 */
bool ctl_dct_future_cue(const ctl_resources *res, const char *t, uint32_t ls, uint32_t pos);

/* The weekday (1 = Monday ... 7) of a timex value with its week unknown
 * ("XXXX-WXX-2", a bare "Tuesday" with no document date), else 0. */
int ctl_timex_value_weekday(const char *value);

#endif
