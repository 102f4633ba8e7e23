/*
 * The time tagger's tokens of a page, kept from the pass that finds the
 * document date (the whole page, no date known) for the pass over the
 * sentences (internal). A sentence is read from the tokens kept for its
 * line when nothing at its edges could tokenize differently; otherwise it
 * is tokenized again. The result is the same either way.
 */
#ifndef CTL_TIMEX_TOKENS_H
#define CTL_TIMEX_TOKENS_H

#include <stdbool.h>
#include <stddef.h>
#include "ctimeline/timex.h"

typedef struct ctl_tx_tokens ctl_tx_tokens;

ctl_tx_tokens *ctl_tx_tokens_new(void);
void ctl_tx_tokens_free(ctl_tx_tokens *k);

/* Forgets the page (the memory stays for the next one). */
void ctl_tx_tokens_clear(ctl_tx_tokens *k);

/* Are these the tokens of exactly this text (same bytes, same place)? */
bool ctl_tx_tokens_match(const ctl_tx_tokens *k, const char *text, size_t len);

/* Whether a time expression alone on its line is a live page's day
 * heading ("Thursday 19 February 2026", "Tuesday, July 15"): a day, stated
 * or resolved against the report's date `dct`, within the 60 days before
 * it. The lines under it speak from that day (timex.c resolves their
 * "yesterday", events.c dates their statements). */
bool ctl_timex_day_heading(const ctl_timex *x, ctl_day dct);

/* Whether the word s[0, n) may stand beside a day heading as a note on its
 * times ("All times Eastern. Wednesday, June 9, unless noted."). */
bool ctl_timex_heading_note(const char *s, size_t n);

/* ctl_timex_tag over the whole text, keeping its tokens in `keep` (NULL:
 * none kept). At most a fixed number of tokens are kept (a few MB); the
 * lines past it are tokenized again later. */
int ctl_timex_tag_keep(ctl_timex_list *out, const ctl_resources *res, const char *text,
		size_t len, ctl_day dct, ctl_tx_tokens *keep, ctl_error *err);

/* ctl_timex_tag_keep that stops after the line on which stop(ctx, out)
 * first returns true (it is called after each line with what is found so
 * far); the tokens of the lines read are kept. */
typedef bool (*ctl_timex_stop_fn)(void *ctx, const ctl_timex_list *out);
int ctl_timex_tag_keep_until(ctl_timex_list *out, const ctl_resources *res, const char *text,
		size_t len, ctl_day dct, ctl_tx_tokens *keep, ctl_timex_stop_fn stop, void *ctx,
		ctl_error *err);

/* ctl_timex_tag_spans reading the tokens kept for `text` where it can.
 * `kept` is NULL or holds the tokens of this text: the caller checks with
 * ctl_tx_tokens_match. */
int ctl_timex_tag_spans_kept(ctl_timex_list *out, const ctl_resources *res,
		const char *text, const ctl_span *spans, size_t nspans, ctl_day dct,
		const ctl_tx_tokens *kept, ctl_error *err);

/* The tokens a workspace keeps (partial.c), or NULL for NULL. */
typedef struct ctl_workspace ctl_workspace;
ctl_tx_tokens *ctl_workspace_tokens(ctl_workspace *ws);

#endif
