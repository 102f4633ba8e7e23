/*
 * Document dates: find the publication date (DCT) a page states, in a header
 * line, a wire dateline or a date-only line near the top; infer a missing
 * year; or, with no such date, bound it by the dates the article states.
 * The time tagger finds the dates; this module only judges where they stand.
 * Cues live in data/dct/cues.tsv (see data/dct/README.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ctimeline/document.h"
#include "ctimeline/timex.h"
#include "lexicon.h"
#include "resources.h"
#include "dct.h"
#include "util.h"

struct ctl_dct_data {
	ctl_lexicon *cues;
};

int ctl_dct_data_load(struct ctl_dct_data **out, const char *dir, ctl_error *err)
{
	char *path = ctl_path_join(dir, "dct/cues.tsv");
	struct ctl_dct_data *d = ctl_xcalloc(1, sizeof(*d));
	int rc = ctl_lexicon_load(&d->cues, path, err);
	free(path);
	if (rc) {
		free(d);
		return rc;
	}
	*out = d;
	return 0;
}

void ctl_dct_data_free(struct ctl_dct_data *d)
{
	if (!d)
		return;
	ctl_lexicon_free(d->cues);
	free(d);
}

/* What a timex value says of the calendar: year (0 if XXXX), month, day. */
typedef struct ymd {
	int y, m, d;
} ymd;

/* Parses "YYYY-MM-DD..." or "XXXX-MM-DD..." (a time may follow). */
static bool value_ymd(const char *v, ymd *out)
{
	if (strlen(v) < 10 || v[4] != '-' || v[7] != '-')
		return false;
	out->y = memcmp(v, "XXXX", 4) ? ctl_digits(v, 4) : 0;
	out->m = ctl_digits(v + 5, 2);
	out->d = ctl_digits(v + 8, 2);
	return out->y >= 0 && out->m >= 1 && out->m <= 12 && out->d >= 1 && out->d <= 31;
}

static const char *cue_kind(const struct ctl_dct_data *dd, const char *w, size_t n)
{
	const ctl_lex_entry *e = ctl_lexicon_get(dd->cues, w, n);
	return e && e->nfields > 1 ? e->fields[1] : NULL;
}

/* Whether a cue's kind dates the page: "publication" or "update". */
static bool page_cue(const char *kind)
{
	return kind && (!strcmp(kind, "publication") || !strcmp(kind, "update"));
}

/* The word that ends just before `pos` on the line [ls, pos), skipping
 * punctuation and the prepositions "on"/"in"/"at" ("published on May 3"). */
static bool word_before(const char *t, uint32_t ls, uint32_t pos, const char **w, size_t *n)
{
	uint32_t e = pos;
	for (int tries = 0; tries < 2; tries++) {
		while (e > ls && !ctl_is_alpha((unsigned char)t[e - 1]))
			e--;
		uint32_t s = e;
		while (s > ls && ctl_is_alpha((unsigned char)t[s - 1]))
			s--;
		if (s == e)
			return false;
		size_t len = e - s;
		if ((len == 2 && (ctl_eq_nocase(t + s, 2, "on") || ctl_eq_nocase(t + s, 2, "in") ||
		                  ctl_eq_nocase(t + s, 2, "at"))) && tries == 0) {
			e = s;
			continue;
		}
		*w = t + s;
		*n = len;
		return true;
	}
	return false;
}

/* Is there a future cue among the (up to) four words before pos, within
 * its clause (no sentence punctuation between)? */
static bool future_before(const struct ctl_dct_data *dd, const char *t, uint32_t ls, uint32_t pos)
{
	uint32_t e = pos;
	for (int words = 0; words < 4 && e > ls; words++) {
		while (e > ls && !ctl_is_alpha((unsigned char)t[e - 1])) {
			if (t[e - 1] == '.' || t[e - 1] == ';' || t[e - 1] == '"')
				return false;
			e--;
		}
		uint32_t s = e;
		while (s > ls && ctl_is_alpha((unsigned char)t[s - 1]))
			s--;
		const char *kind = cue_kind(dd, t + s, e - s);
		if (kind && !strcmp(kind, "future"))
			return true;
		e = s;
	}
	return false;
}

int ctl_timex_value_weekday(const char *v)
{
	if (strncmp(v, "XXXX-WXX-", 9) || !ctl_is_digit((unsigned char)v[9]) || v[10])
		return 0;
	int w = v[9] - '0';
	return w >= 1 && w <= 7 ? w : 0;
}

bool ctl_dct_future_cue(const ctl_resources *res, const char *t, uint32_t ls, uint32_t pos)
{
	return future_before(res->dct, t, ls, pos);
}

/* The words in t[s, e), counted up to `max` only: callers ask "more than
 * 8?" or "none?", and counting a whole long line for each time expression
 * on it was quadratic. */
static size_t count_words(const char *t, uint32_t s, uint32_t e, size_t max)
{
	size_t n = 0;
	bool in = false;
	for (uint32_t i = s; i < e && n <= max; i++) {
		bool w = !ctl_is_space((unsigned char)t[i]);
		n += w && !in;
		in = w;
	}
	return n;
}

/* How far from a date its field's bars are looked for (bytes): a page of
 * one long line has thousands of dates, each must not scan the line. */
#define BAR_REACH 128

/* Whether t[i] begins (or, looking back, ends) a spaced field separator
 * of a header line: " — ", " – " or " · ". */
static bool field_sep(const char *t, uint32_t i, uint32_t ls, uint32_t le)
{
	const unsigned char *s = (const unsigned char *)t;
	/* the separator's first byte at i, or its last */
	for (uint32_t a = i >= 2 ? i - 2 : 0; a <= i; a++) {
		size_t k = (a + 2 < le && s[a] == 0xE2 && s[a + 1] == 0x80 && (s[a + 2] == 0x93 || s[a + 2] == 0x94)) ? 3 :
			(a + 1 < le && s[a] == 0xC2 && s[a + 1] == 0xB7) ? 2 : 0;
		if (k && a + k - 1 >= i && a > ls && s[a - 1] == ' ' && a + k < le && s[a + k] == ' ')
			return true;
	}
	return false;
}

/* The end of the word at t[i, le) if it is a page cue ("Updated",
 * "Published"), else i. */
static uint32_t page_cue_end(const struct ctl_dct_data *dd, const char *t, uint32_t i, uint32_t le)
{
	uint32_t e = i;
	while (e < le && ctl_is_alpha((unsigned char)t[e]))
		e++;
	return e > i && page_cue(cue_kind(dd, t + i, e - i)) ? e : i;
}

/* Whether a capitalised page cue opens a word at t[i]. */
static bool cue_at(const struct ctl_dct_data *dd, const char *t, uint32_t i, uint32_t le)
{
	return ctl_is_upper((unsigned char)t[i]) && page_cue_end(dd, t, i, le) > i;
}

/* Does the line hold little but the date: no lowercase word of 4+ letters
 * outside the date (times, zones and capitalised place names may stand). */
static bool date_only_line(const struct ctl_dct_data *dd, const char *t, uint32_t ls, uint32_t le,
		uint32_t ts, uint32_t te)
{
	/* a header's fields between bars, or spaced dashes or dots:
	 * "Thursday 13 June 2024 | By Ana Ruiz, Amsterdam | 6 min read", "Aug
	 * 14, 2025 — 6 min read" are judged by the date's own field; after
	 * the date, also a run of spaces or a page cue ("March 3, 2025 8:14
	 * AM GMT-3  Updated 2 hours ago") */
	for (uint32_t i = ts; i > ls && ts - i < BAR_REACH; i--)
		if (t[i - 1] == '|' || field_sep(t, i - 1, ls, le)) {
			ls = i;
			break;
		}
	for (uint32_t i = te; i < le && i - te < BAR_REACH; i++)
		if (t[i] == '|' || field_sep(t, i, ls, le) ||
		    (t[i] == ' ' && i + 1 < le && (t[i + 1] == ' ' || t[i + 1] == '\t')) || t[i] == '\t' ||
		    (i > te && t[i - 1] == ' ' && cue_at(dd, t, i, le))) {
			le = i;
			break;
		}
	if (count_words(t, ls, le, 8) > 8)
		return false;
	for (uint32_t i = ls; i < le;) {
		if (i >= ts && i < te) {
			i = te;
			continue;
		}
		uint32_t s = i;
		while (i < le && ctl_is_alpha((unsigned char)t[i]))
			i++;
		if (i - s >= 4 && ctl_is_lower((unsigned char)t[s]))
			return false;
		if (i == s)
			i++;
	}
	return true;
}

static size_t line_of(const ctl_document *doc, uint32_t pos, size_t hint)
{
	size_t i = hint;
	while (i + 1 < doc->nlines && doc->lines[i].end < pos)
		i++;
	return i;
}

int ctl_dct_detect(ctl_document *doc, const ctl_resources *res, ctl_error *err)
{
	return ctl_dct_detect_keep(doc, res, NULL, err);
}

/* What the page's time expressions say of its date, read in text order
 * (dct_read); the tagger may stop once it is settled (dct_settled). */
/* How many of the article's first body lines may name the weekday that
 * settles a header date in figures */
#define LEAD_LINES 2

typedef struct dct_state {
	const ctl_document *doc;
	const struct ctl_dct_data *dd;
	size_t done;              /* time expressions read */
	/* candidates: rank 3 header cue or dateline, 2 date-only line near the top */
	int best_rank;
	ymd best;
	const char *best_src;
	int year_votes_y[16];
	int year_votes_n[16];
	size_t nyears;
	ctl_day content_bound;
	size_t li;
	size_t top;
	size_t best_li;  /* the best candidate's line */
	unsigned lead_wds; /* the weekdays named on that line ("on Tuesday"): bit 1-7 */
	int body_wd;     /* the first weekday the article's first body lines name, or 0 */
	size_t body_lines; /* body lines read, for body_wd */
	size_t body_li;  /* the last body line counted */
	bool has_prev;   /* a full date read before, on line prev_li: */
	size_t prev_li;
	ymd prev;
} dct_state;

/* How much a year the page names says about the page's own year: a date
 * or a year after a preposition dates a fact ("in August 2021", "the last
 * meeting of 2023"): 2; a bare year that modifies a noun after a
 * determiner names a plan, forecast or season as often as a fact ("its
 * 2024 growth forecast", "the 2026 season"): 1. */
static int year_weight(const char *t, uint32_t ls, const ctl_timex *x)
{
	static const char *const dets[] = { "the", "its", "a", "his", "her", "their", "our", "this",
		"next", NULL };
	if (x->end - x->start != 4 || strlen(x->value) != 4)
		return 2;
	uint32_t e = x->start;
	while (e > ls && t[e - 1] == ' ')
		e--;
	uint32_t s = e;
	while (s > ls && ctl_is_alpha((unsigned char)t[s - 1]))
		s--;
	bool det = false;
	for (size_t i = 0; dets[i] && !det; i++)
		det = ctl_eq_nocase(t + s, e - s, dets[i]);
	return det && t[x->end] == ' ' && ctl_is_lower((unsigned char)t[x->end + 1]) ? 1 : 2;
}

static void dct_read(dct_state *ds, const ctl_timex_list *tx)
{
	const ctl_document *doc = ds->doc;
	for (size_t i = ds->done; i < tx->len; i++) {
		const ctl_timex *x = &tx->items[i];
		if (x->type != CTL_TIMEX_DATE && x->type != CTL_TIMEX_TIME)
			continue;
		ds->li = line_of(doc, x->start, ds->li);
		const ctl_line *l = &doc->lines[ds->li];
		ymd v;
		bool full = value_ymd(x->value, &v);
		/* every year the page names votes for a missing year */
		int year = full ? v.y : (strlen(x->value) >= 4 ? ctl_digits(x->value, 4) : -1);
		if (year > 0) {
			size_t k = 0;
			while (k < ds->nyears && ds->year_votes_y[k] != year)
				k++;
			if (k == ds->nyears && ds->nyears < 16) {
				ds->year_votes_y[ds->nyears] = year;
				ds->year_votes_n[ds->nyears++] = 0;
			}
			if (k < ds->nyears)
				ds->year_votes_n[k] += year_weight(doc->text, l->start, x);
		}
		const char *w;
		size_t wn;
		const char *kind = word_before(doc->text, l->start, x->start, &w, &wn) ?
			cue_kind(ds->dd, w, wn) : NULL;
		/* a lower bound from the article's own statements, not from what
		 * lies ahead ("will meet again on ...") */
		if (year > 0 && l->kind == CTL_LINE_BODY && x->when.earliest != CTL_DAY_NONE &&
		    !future_before(ds->dd, doc->text, l->start, x->start) &&
		    (ds->content_bound == CTL_DAY_NONE || x->when.earliest > ds->content_bound))
			ds->content_bound = x->when.earliest;
		/* the weekday the article opens with ("resigned on Wednesday"):
		 * it tells which reading of "06/03/2024" the header means */
		if (l->kind == CTL_LINE_BODY && ds->li != ds->body_li) {
			ds->body_li = ds->li;
			ds->body_lines++;
		}
		if (l->kind == CTL_LINE_BODY && !ds->body_wd && ds->body_lines <= LEAD_LINES)
			ds->body_wd = ctl_timex_value_weekday(x->value);
		/* "SEOUL, Nov 30 (Agency) - ... on Thursday": the weekdays of the
		 * report's own line tell a missing year */
		if (!full && ds->best_rank == 3 && !ds->best.y && ds->li == ds->best_li)
			ds->lead_wds |= 1u << ctl_timex_value_weekday(x->value);
		if (!full)
			continue;
		int rank = 0;
		const char *src = NULL;
		ymd read = v;
		uint32_t dl = ctl_dateline_end(doc->text, l->start, l->end, NULL);
		/* not "it will be published on May 14" */
		if (page_cue(kind) && future_before(ds->dd, doc->text, l->start, x->start))
			kind = NULL;
		if (kind && !strcmp(kind, "publication")) {
			rank = 3;
			src = "header";
		} else if (kind && !strcmp(kind, "update")) {
			/* "15.02.2024, 18:22 | Updated 16.02.2024": the date before
			 * the update on its line is the publication's */
			rank = 3;
			src = "header";
			if (ds->has_prev && ds->prev_li == ds->li &&
			    (ds->prev.y < v.y || (ds->prev.y == v.y && (ds->prev.m < v.m ||
			     (ds->prev.m == v.m && ds->prev.d <= v.d)))))
				v = ds->prev;
		} else if (dl && count_words(doc->text, dl, x->start, 0) == 0) {
			rank = 3;
			src = "dateline";
		} else if (ds->li < ds->top && date_only_line(ds->dd, doc->text, l->start, l->end, x->start, x->end)) {
			rank = 2;
			src = "header";
		}
		/* a full year beats a partial date of the same rank */
		if (rank > ds->best_rank || (rank == ds->best_rank && rank && v.y && !ds->best.y)) {
			ds->best_rank = rank;
			ds->best_li = ds->li;
			ds->lead_wds = 0;
			ds->best = v;
			ds->best_src = src;
		}
		if (read.y) {
			ds->has_prev = true;
			ds->prev_li = ds->li;
			ds->prev = read;
		}
	}
	ds->done = tx->len;
}

/* After a header or dateline date with its year (the highest rank, which
 * no later date replaces), nothing the rest of the page says changes the
 * date: the tagger stops there, and the rest of the page is read only by
 * the stages after cleaning (most pages state their date at the top). */
static bool dct_settled(void *ctx, const ctl_timex_list *tx)
{
	dct_state *ds = ctx;
	dct_read(ds, tx);
	return ds->best_rank == 3 && ds->best.y &&
		ctl_date_valid(ds->best.y, ds->best.m, ds->best.d);
}

/* A header line that opens with a date in figures the time tagger leaves
 * alone, after "Published" or "Updated:" if so, day and month both 12 or
 * less ("06/03/2024 18:42": 6 March or June 3?). The reading on whose
 * weekday, or the day after it, the article's first lines name ("resigned
 * on Wednesday") is the date, inferred; with no such weekday, or both
 * readings fitting, the date is bounded by the two. Returns whether it set
 * one. */
static bool numeric_header_date(ctl_document *doc, const dct_state *ds)
{
	const unsigned char *t = (const unsigned char *)doc->text;
	for (size_t i = 0; i < doc->nlines && i < ds->top; i++) {
		const ctl_line *l = &doc->lines[i];
		uint32_t p = ctl_skip_space(t, l->start, l->end);
		/* "Updated: 05/11/2023 6:52 p.m." */
		uint32_t we = page_cue_end(ds->dd, doc->text, p, l->end);
		if (we > p) {
			if (we < l->end && t[we] == ':')
				we++;
			p = ctl_skip_space(t, we, l->end);
		}
		uint32_t ds0 = p;
		int f[3] = { 0, 0, 0 }, nd[3] = { 0, 0, 0 };
		char sep = 0;
		for (int k = 0; k < 3; k++) {
			while (p < l->end && ctl_is_digit(t[p]) && nd[k] < 4)
				f[k] = f[k] * 10 + (t[p++] - '0'), nd[k]++;
			if (k < 2) {
				if (p >= l->end || (t[p] != '/' && t[p] != '-' && t[p] != '.') || (sep && t[p] != sep))
					break;
				sep = (char)t[p++];
			}
		}
		if (nd[0] < 1 || nd[0] > 2 || nd[1] < 1 || nd[1] > 2 || nd[2] != 4 ||
		    (p < l->end && !ctl_is_space(t[p]) && t[p] != '|' && t[p] != ','))
			continue;
		if (f[0] < 1 || f[0] > 12 || f[1] < 1 || f[1] > 12 || f[0] == f[1] ||
		    !date_only_line(ds->dd, doc->text, l->start, l->end, ds0, p))
			continue;
		ctl_day a = ctl_day_from_ymd(f[2], f[1], f[0]);   /* day first */
		ctl_day b = ctl_day_from_ymd(f[2], f[0], f[1]);   /* month first */
		int wa = ctl_day_weekday(a), wb = ctl_day_weekday(b), w = ds->body_wd;
		bool fa = w && (wa == w || ctl_day_weekday(a - 1) == w);
		bool fb = w && (wb == w || ctl_day_weekday(b - 1) == w);
		if (fa != fb) {
			doc->dct = ctl_interval_day(fa ? a : b, CTL_CERT_INFERRED);
			snprintf(doc->dct_source, sizeof(doc->dct_source), "header+weekday");
		} else {
			doc->dct = ctl_interval_unknown();
			doc->dct.earliest = a < b ? a : b;
			doc->dct.latest = a < b ? b : a;
			doc->dct.certainty = CTL_CERT_BOUNDED;
			snprintf(doc->dct_source, sizeof(doc->dct_source), "header-ambiguous");
		}
		return true;
	}
	return false;
}

int ctl_dct_detect_keep(ctl_document *doc, const ctl_resources *res, ctl_tx_tokens *keep,
		ctl_error *err)
{
	ctl_timex_list tx;
	ctl_timex_list_init(&tx);
	dct_state ds;
	memset(&ds, 0, sizeof(ds));
	ds.doc = doc;
	ds.dd = res->dct;
	ds.content_bound = CTL_DAY_NONE;
	ds.top = doc->nlines / 2 + 3;
	/* the whole page: headers and sidebars are furniture, but they carry the date */
	int rc = ctl_timex_tag_keep_until(&tx, res, doc->text, doc->len, CTL_DAY_NONE, keep,
		dct_settled, &ds, err);
	if (rc)
		goto out;
	dct_read(&ds, &tx);

	if (ds.best_rank && ds.best.y) {
		if (ctl_date_valid(ds.best.y, ds.best.m, ds.best.d)) {
			ctl_document_set_dct(doc, ctl_day_from_ymd(ds.best.y, ds.best.m, ds.best.d),
				ds.best_src);
			goto out;
		}
	} else if (ds.best_rank && ds.nyears) {
		/* the year the page names most often; the later one on a tie;
		 * each weekday the report's line names that falls on the date or
		 * the day before it (a wire's "April 28 ... collapsed late on
		 * Thursday ... said on Friday") counts more than any count of
		 * mentions ("targets for 2026", "guidance for 2023") */
		size_t k = 0;
		int score[16];
		for (size_t j = 0; j < ds.nyears; j++) {
			score[j] = ds.year_votes_n[j];
			if (!ctl_date_valid(ds.year_votes_y[j], ds.best.m, ds.best.d))
				continue;
			ctl_day day = ctl_day_from_ymd(ds.year_votes_y[j], ds.best.m, ds.best.d);
			unsigned fit = 1u << ctl_day_weekday(day) | 1u << ctl_day_weekday(day - 1);
			for (int wd = 1; wd <= 7; wd++)
				score[j] += (ds.lead_wds & fit & 1u << wd) ? 1000 : 0;
		}
		for (size_t j = 1; j < ds.nyears; j++)
			if (score[j] > score[k] || (score[j] == score[k] && ds.year_votes_y[j] > ds.year_votes_y[k]))
				k = j;
		if (ctl_date_valid(ds.year_votes_y[k], ds.best.m, ds.best.d)) {
			doc->dct = ctl_interval_day(ctl_day_from_ymd(ds.year_votes_y[k], ds.best.m, ds.best.d),
				CTL_CERT_INFERRED);
			snprintf(doc->dct_source, sizeof(doc->dct_source), "%s+year-inferred", ds.best_src);
			goto out;
		}
	}
	if (!ds.best_rank && numeric_header_date(doc, &ds))
		goto out;
	if (ds.content_bound != CTL_DAY_NONE) {
		doc->dct = ctl_interval_unknown();
		doc->dct.earliest = ds.content_bound;
		snprintf(doc->dct_source, sizeof(doc->dct_source), "content-bounds");
	}
out:
	ctl_timex_list_release(&tx);
	return rc;
}
