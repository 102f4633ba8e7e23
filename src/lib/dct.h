/* Document dates (internal): what the events stage shares with dct.c. */
#ifndef CTL_DCT_H
#define CTL_DCT_H

#include "ctimeline/resources.h"

/*
 * Does a future cue ("will", "until", "scheduled", data/dct/cues.tsv) stand
 * among the four words before `pos` in its clause? Such a date lies ahead of
 * the writer and bounds nothing about the document's date. `ls` is the
 * start of pos's line.
 */
bool ctl_dct_future_cue(const ctl_resources *res, const char *t, uint32_t ls, uint32_t pos);

#endif
