/*
 * Events: from a document's sentences, time expressions and named mentions,
 * the events a reader would put on a timeline, each with an honest date;
 * then the merge of events that several articles report.
 *
 * Per document, sentence by sentence (one pass over each sentence's tokens):
 *   1. triggers: words and phrases of data/events/triggers.tsv;
 *   2. date sources: DATE/TIME expressions, and named recurring events of
 *      data/events/gazetteer.tsv ("the G7 summit in Elmau");
 *   3. each date source dates the trigger it belongs to: the reporting verb
 *      right before it ("said Thursday"), else the most specific trigger,
 *      nearest first; a named event no verb claims is an event itself;
 *   4. a sentence with a reporting verb and a speaker is a statement, dated
 *      by the report (the document date) unless a date is attached to it.
 * Dates without a year are completed from the text: after the event the
 * sentence refers back to ("In January, X issued a report on the 2016
 * election" is January 2017), else the occurrence nearest the last date the
 * narrative stated. For an undated document, the report's date is bounded by
 * the latest fact the text dates and the end of that year, narrowed when a
 * named event is also placed "last Friday" (TimeML's DCT reasoning turned
 * around: the document date follows from the event's).
 *
 * Across documents: candidates that describe the same event (same merge
 * group, intersecting dates, the same speaker for statements, shared actors
 * or place otherwise) become one event citing every source, dated by what
 * all of them allow. The partition is computed with union-find over
 * symmetric pair tests, so the input order does not change the result;
 * pairs are only tested within an actor's bucket, never all against all.
 */
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ctimeline/buf.h"
#include "actors_internal.h"
#include "events.h"
#include "dct.h"
#include "lexicon.h"
#include "resources.h"
#include "spill.h"
#include "timeline_internal.h"
#include "util.h"

/* ---- knowledge ---------------------------------------------------------- */

typedef struct gaz_row {
	char *phrase;
	ctl_day start, end;
	char *place;
	char **cues;
	size_t ncues;
} gaz_row;

struct ctl_events_data {
	ctl_lexicon *triggers;
	ctl_lexicon *types;
	ctl_lexicon *periods;    /* nouns a date names the period of (periods.tsv) */
	ctl_lexicon *past;       /* past forms that may anchor an event (past_verbs.tsv) */
	ctl_lexicon *present;    /* a one-word verb trigger's present form -> the trigger
	                            (from triggers.tsv's fourth field) */
	ctl_lexicon *gaz_index;  /* phrase -> "first<TAB>count" into gaz (sorted) */
	gaz_row *gaz;
	size_t ngaz, gazcap;
	size_t max_trigger_words, max_gaz_words;
};

static void gaz_row_release(gaz_row *r)
{
	free(r->phrase);
	free(r->place);
	for (size_t i = 0; i < r->ncues; i++)
		free(r->cues[i]);
	free(r->cues);
}

static int parse_gazetteer(struct ctl_events_data *d, const ctl_lexicon *lex, ctl_error *err)
{
	for (size_t i = 0; i < ctl_lexicon_count(lex); i++) {
		const ctl_lex_entry *e = ctl_lexicon_at(lex, i);
		ctl_day s, t;
		if (e->nfields < 4 || ctl_day_parse(e->fields[1], strlen(e->fields[1]), &s) ||
		    ctl_day_parse(e->fields[2], strlen(e->fields[2]), &t) || t < s)
			return ctl_error_set(err, CTL_EDATA,
				"%s:%zu: gazetteer rows are phrase, start, end (YYYY-MM-DD), place[, cues]",
				ctl_lexicon_name(lex), e->line);
		gaz_row *r = CTL_ARRAY_PUSH(d->gaz, d->ngaz, d->gazcap);
		memset(r, 0, sizeof(*r));
		r->phrase = ctl_xstrdup(e->key);
		for (char *p = r->phrase; *p; p++)
			*p = (char)ctl_to_lower((unsigned char)*p);
		r->start = s;
		r->end = t;
		r->place = ctl_xstrdup(e->fields[3]);
		if (e->nfields > 4 && *e->fields[4]) {
			const char *c = e->fields[4];
			while (*c) {
				const char *semi = strchr(c, ';');
				size_t n = semi ? (size_t)(semi - c) : strlen(c);
				if (n) {
					r->cues = ctl_xrealloc(r->cues, (r->ncues + 1) * sizeof(char *));
					r->cues[r->ncues++] = ctl_xstrndup(c, n);
				}
				c += n + (semi != NULL);
			}
		}
	}
	return 0;
}

static int cmp_gaz(const void *a, const void *b)
{
	const gaz_row *x = a, *y = b;
	int c = strcmp(x->phrase, y->phrase);
	return c ? c : (x->start > y->start) - (x->start < y->start);
}

/* Sorts the rows by phrase and indexes each phrase's run of rows. */
static int index_gazetteer(struct ctl_events_data *d, ctl_error *err)
{
	qsort(d->gaz, d->ngaz, sizeof(*d->gaz), cmp_gaz);
	ctl_buf b = CTL_BUF_INIT;
	d->max_gaz_words = 0;
	for (size_t i = 0; i < d->ngaz;) {
		size_t j = i;
		while (j < d->ngaz && !strcmp(d->gaz[j].phrase, d->gaz[i].phrase))
			j++;
		ctl_buf_printf(&b, "%s\t%zu\t%zu\n", d->gaz[i].phrase, i, j - i);
		size_t words = 1;
		for (const char *p = d->gaz[i].phrase; *p; p++)
			words += *p == ' ';
		if (words > d->max_gaz_words)
			d->max_gaz_words = words;
		i = j;
	}
	ctl_lexicon_free(d->gaz_index);
	d->gaz_index = NULL;
	int rc = ctl_lexicon_parse(&d->gaz_index, "gazetteer index", b.ptr, b.len, err);
	ctl_buf_release(&b);
	return rc;
}

static int load_lexicon(ctl_lexicon **out, const char *dir, const char *name, ctl_error *err)
{
	char *path = ctl_path_join(dir, name);
	int rc = ctl_lexicon_load(out, path, err);
	free(path);
	return rc;
}

int ctl_events_data_load(struct ctl_events_data **out, const char *dir, ctl_error *err)
{
	struct ctl_events_data *d = ctl_xcalloc(1, sizeof(*d));
	ctl_lexicon *gaz = NULL;
	int rc;
	if ((rc = load_lexicon(&d->triggers, dir, "events/triggers.tsv", err)) ||
	    (rc = load_lexicon(&d->types, dir, "events/types.tsv", err)) ||
	    (rc = load_lexicon(&d->periods, dir, "events/periods.tsv", err)) ||
	    (rc = load_lexicon(&d->past, dir, "events/past_verbs.tsv", err)) ||
	    (rc = load_lexicon(&gaz, dir, "events/gazetteer.tsv", err)) ||
	    (rc = parse_gazetteer(d, gaz, err)) ||
	    (rc = index_gazetteer(d, err))) {
		ctl_lexicon_free(gaz);
		ctl_events_data_free(d);
		return rc;
	}
	ctl_lexicon_free(gaz);
	for (size_t i = 0; i < ctl_lexicon_count(d->triggers); i++) {
		const ctl_lex_entry *e = ctl_lexicon_at(d->triggers, i);
		if (e->nfields < 4 || !ctl_lexicon_get(d->types, e->fields[1], strlen(e->fields[1]))) {
			rc = ctl_error_set(err, CTL_EDATA, "%s:%zu: trigger rows are form, class (of types.tsv), kind, present form",
				ctl_lexicon_name(d->triggers), e->line);
			ctl_events_data_free(d);
			return rc;
		}
	}
	d->max_trigger_words = ctl_lexicon_max_words(d->triggers);
	/* the present forms of one-word verb triggers, for a chronology's
	 * entries ("March 2019 – Raises £60m in a round ...") */
	ctl_buf b = CTL_BUF_INIT;
	for (size_t i = 0; i < ctl_lexicon_count(d->triggers); i++) {
		const ctl_lex_entry *e = ctl_lexicon_at(d->triggers, i);
		if (strcmp(e->fields[2], "verb") || strchr(e->key, ' ') || strchr(e->fields[3], ' ') ||
		    ctl_lexicon_get(d->triggers, e->fields[3], strlen(e->fields[3])))
			continue;
		ctl_buf_printf(&b, "%s\t%s\n", e->fields[3], e->key);
	}
	rc = ctl_lexicon_parse(&d->present, "events/triggers.tsv (present forms)", b.ptr, b.len, err);
	ctl_buf_release(&b);
	if (rc) {
		ctl_events_data_free(d);
		return rc;
	}
	*out = d;
	return 0;
}

void ctl_events_data_free(struct ctl_events_data *d)
{
	if (!d)
		return;
	ctl_lexicon_free(d->triggers);
	ctl_lexicon_free(d->types);
	ctl_lexicon_free(d->periods);
	ctl_lexicon_free(d->past);
	ctl_lexicon_free(d->present);
	ctl_lexicon_free(d->gaz_index);
	for (size_t i = 0; i < d->ngaz; i++)
		gaz_row_release(&d->gaz[i]);
	free(d->gaz);
	free(d);
}

int ctl_events_add_gazetteer(ctl_resources *res, const char *path, ctl_error *err)
{
	ctl_lexicon *lex = NULL;
	int rc = ctl_lexicon_load(&lex, path, err);
	if (!rc)
		rc = parse_gazetteer(res->events, lex, err);
	if (!rc)
		rc = index_gazetteer(res->events, err);
	ctl_lexicon_free(lex);
	return rc;
}

/* ---- tokens ------------------------------------------------------------- */

typedef struct tok {
	uint32_t s, e;
	bool hashed;  /* h is known (first_word_max) */
	uint32_t shape; /* ctl_lex_shape_bit of the word */
	uint64_t h;   /* ctl_hash_nocase of the word, for the first-word indexes */
} tok;

/* The first-word index entry of token k in lex (whose first-word shapes
 * are `shapes`): 0 if no key begins with it. The word is hashed once, and
 * only when its shape may begin a key. */
static size_t first_word_max(const ctl_lexicon *lex, const uint64_t *shapes, const char *t,
		tok *k)
{
	if (!ctl_lex_shape_has(shapes, k->shape))
		return 0;
	if (!k->hashed) {
		k->h = ctl_hash_nocase(t + k->s, k->e - k->s);
		k->hashed = true;
	}
	return ctl_lexicon_first_word_max_h(lex, k->h);
}

/* Is the byte at t[i] inside a word? ASCII letters, digits, inner
 * apostrophes and hyphens, and non-ASCII letters; not the UTF-8 general
 * punctuation block (curly quotes, dashes: E2 80 xx) or a no-break space. */
static inline size_t word_byte(const char *t, size_t i, size_t e)
{
	unsigned char c = (unsigned char)t[i];
	if (ctl_is_alnum(c))
		return 1;
	if (c < 0x80)
		return 0;
	if (c == 0xE2 && i + 2 < e && (unsigned char)t[i + 1] == 0x80)
		return 0;
	if (c == 0xC2 && i + 1 < e && ((unsigned char)t[i + 1] == 0xA0 || (unsigned char)t[i + 1] == 0xAB ||
	                               (unsigned char)t[i + 1] == 0xBB))
		return 0;
	size_t k = ctl_utf8_seq_len((const unsigned char *)t + i, e - i);
	return k ? k : 1;
}

static size_t tokenize(const char *t, uint32_t s, uint32_t e, tok **toks, size_t *cap)
{
	size_t n = 0;
	uint32_t i = s;
	while (i < e) {
		size_t k = word_byte(t, i, e);
		if (!k) {
			/* skip the whole separator (a curly quote is three bytes) */
			size_t sl = (unsigned char)t[i] >= 0x80 ?
				ctl_utf8_seq_len((const unsigned char *)t + i, e - i) : 1;
			i += sl ? (uint32_t)sl : 1;
			continue;
		}
		uint32_t start = i;
		while (i < e) {
			unsigned char c = (unsigned char)t[i];
			if (ctl_is_alnum(c)) { /* most bytes: a run at once, no call */
				i += 1 + (uint32_t)ctl_ascii_run(t + i + 1, e - i - 1, true, NULL);
				continue;
			}
			k = c < 0x80 ? 0 : word_byte(t, i, e);
			if (k) {
				i += (uint32_t)k;
				continue;
			}
			/* inner ' or - joins ("Russia's", "Russian-US") */
			if ((t[i] == '\'' || t[i] == '-') && i + 1 < e && word_byte(t, i + 1, e)) {
				i++;
				continue;
			}
			break;
		}
		tok *tk = CTL_ARRAY_PUSH(*toks, n, *cap);
		tk->s = start;
		tk->e = i;
		tk->hashed = false;
		tk->shape = (uint32_t)ctl_lex_shape_bit(t + start, i - start);
	}
	return n;
}

/* Joins tokens [a, a+k) with single spaces into buf; false if too long. */
static bool phrase(const char *t, const tok *tk, size_t a, size_t k, char *buf, size_t cap, size_t *len)
{
	size_t n = 0;
	for (size_t i = 0; i < k; i++) {
		size_t w = tk[a + i].e - tk[a + i].s;
		if (n + w + 2 > cap)
			return false;
		if (i)
			buf[n++] = ' ';
		memcpy(buf + n, t + tk[a + i].s, w);
		n += w;
	}
	buf[n] = '\0';
	*len = n;
	return true;
}

static bool tok_is(const char *t, const tok *tk, const char *w)
{
	return ctl_eq_nocase(t + tk->s, tk->e - tk->s, w);
}

static bool has_digit(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (ctl_is_digit((unsigned char)s[i]))
			return true;
	return false;
}

static bool is_period_noun(const struct ctl_events_data *d, const char *t, const tok *k)
{
	return ctl_lexicon_get(d->periods, t + k->s, k->e - k->s) != NULL;
}

/* Whether the date on tokens [a, b) names the period of a forecast, a
 * target or a budget (events/periods.tsv) rather than the time of an
 * event: "its inflation forecast for next year", "targets for 2026", and a
 * year between a determiner and the noun, "its 2024 growth forecast". */
static bool names_period(const struct ctl_events_data *d, const char *t, const tok *tk,
		size_t ntok, size_t a, size_t b, const ctl_timex *X)
{
	if (a >= 2 && tok_is(t, &tk[a - 1], "for") && is_period_noun(d, t, &tk[a - 2]))
		return true;
	if (X->when.precision != CTL_PREC_YEAR || b - a != 1 || a == 0)
		return false;
	static const char *const det[] = { "its", "the", "their", "his", "her", "our", "a", "this", NULL };
	bool after_det = false;
	for (size_t i = 0; det[i] && !after_det; i++)
		after_det = tok_is(t, &tk[a - 1], det[i]);
	if (!after_det)
		return false;
	for (size_t i = b; i < ntok && i <= b + 2; i++) {
		const char *w = t + tk[i].s;
		if (!ctl_is_lower((unsigned char)w[0]))
			return false; /* "the 2024 Olympics" */
		if (is_period_noun(d, t, &tk[i]))
			return true;
	}
	return false;
}

/* Whether token k is "and" or "but": a verb after it may share the
 * clause's subject ("received ... in 1994 and retired in 2001"). */
static bool is_and_but(const char *t, const tok *k)
{
	return tok_is(t, k, "and") || tok_is(t, k, "but");
}

/* The length of a dash at t[i] (before `end`) that separates parts of a
 * sentence: a hyphen with a space on each side, or an en or em dash; else
 * 0. */
static size_t dash_len(const char *t, uint32_t i, uint32_t end)
{
	const unsigned char *u = (const unsigned char *)t;
	if (u[i] == '-')
		return i > 0 && u[i - 1] == ' ' && i + 1 < end && u[i + 1] == ' ';
	return u[i] == 0xE2 && i + 2 < end && u[i + 1] == 0x80 && (u[i + 2] == 0x93 || u[i + 2] == 0x94) ? 3 : 0;
}

/* ---- candidates --------------------------------------------------------- */

typedef enum date_kind {
	DATE_NONE = 0,
	DATE_OWN,      /* a date source of the sentence dates it */
	DATE_REPORT,   /* dated by the report: the document date or its bounds */
	DATE_WEEKDAY,  /* a weekday whose week is known only through the bounds */
	DATE_BEFORE,   /* undated background: only "before the report" is known;
	                  kept only if it merges with an event dated elsewhere */
} date_kind;

/* An event candidate: 200 bytes, of which a 100 MB corpus has 300,000. */
typedef struct cand {
	ctl_interval when;
	const char *cls, *group;  /* lexicon memory */
	/* the texts: in memory, or (spilled, in the extractor's store) in its
	 * spill file, trigger, sentence and title one after the other */
	union {
		struct {
			char *trigger_text, *sentence_text;
			char *title;      /* NULL: none */
		};
		struct {
			uint64_t spill_off;
			uint32_t trigger_len, sentence_len;
			uint32_t title_len;  /* NO_TITLE: none */
		};
	};
	char *place;
	/* the actor mentions' spans as (start, end) pairs; at finish, the first
	 * nactors entries become the actors' indices */
	union {
		uint32_t *m;
		uint32_t *actors;
	};
	size_t mcap;              /* entries of m allocated */
	/* hashes of content words, for statement similarity: 64-bit hashes
	 * folded to 32 bits (word_hash32), which halves a candidate's biggest
	 * field: a 100 MB corpus keeps some 400,000 candidates */
	uint32_t words[8];
	uint32_t speaker;         /* resolved at finish: actor index or NO_ACTOR */
	uint32_t doc;
	uint32_t ts, te;          /* trigger */
	uint32_t ss, se;          /* sentence */
	uint32_t sps, spe;        /* speaker mention */
	uint32_t nm;              /* mentions in m */
	uint32_t nactors;
	uint8_t dk;               /* date_kind */
	int8_t weekday;           /* DATE_WEEKDAY: 1 = Monday ... 7 = Sunday */
	uint8_t nwords;
	bool spilled;
	bool has_speaker;
	bool main;
	bool future;              /* its date lies ahead of the writer */
} cand;

#define NO_TITLE UINT32_MAX
#define NO_ACTOR UINT32_MAX

static uint32_t word_hash32(uint64_t h)
{
	return (uint32_t)(h ^ h >> 32);
}

struct ctl_event_store {
	const ctl_resources *res;
	cand *c;
	size_t n, cap;
	char **pool;              /* class names of candidates read from JSON */
	size_t npool, poolcap;
	bool spill_wanted;        /* ctl_event_store_spill was called */
	ctl_spill *spill;         /* NULL: none (yet, or none could be made) */
	ctl_error spill_err;      /* the first write error, reported by finish */
};

ctl_event_store *ctl_event_store_new(const ctl_resources *res)
{
	ctl_event_store *st = ctl_xcalloc(1, sizeof(*st));
	st->res = res;
	return st;
}

void ctl_event_store_spill(ctl_event_store *st)
{
	st->spill_wanted = true;
}

/* A text to read back from the spill file is queued in 16 bytes, not 24
 * (a 100 MB corpus queues some 800,000 while its candidates and events are
 * all in memory: the run's peak), its offset and length in one word:
 * spill_texts keeps in memory a text these bits cannot place. */
#define PENDING_LEN_BITS 24
#define PENDING_MAX_LEN (((uint64_t)1 << PENDING_LEN_BITS) - 1)
#define PENDING_MAX_OFF (((uint64_t)1 << (64 - PENDING_LEN_BITS)) - 1)

/* Writes c's trigger, sentence and title to the spill file and points c
 * at them there; returns true if it did. The texts themselves are not
 * freed: their owner frees them (ctl_event_store_absorb). */
static bool spill_texts(ctl_event_store *st, cand *c)
{
	if (!st->spill) {
		st->spill = ctl_spill_new();
		if (!st->spill) {
			st->spill_wanted = false; /* no temporary file: keep them in memory */
			return false;
		}
	}
	if (st->spill_err.code)
		return false;
	const char *trig = c->trigger_text, *sent = c->sentence_text, *title = c->title;
	size_t tl = strlen(trig), sl = strlen(sent), til = title ? strlen(title) : 0;
	if (tl > PENDING_MAX_LEN || sl > PENDING_MAX_LEN || til > PENDING_MAX_LEN ||
	    ctl_spill_size(st->spill) > PENDING_MAX_OFF - tl - sl - til)
		return false;
	uint64_t off, o2;
	if (ctl_spill_put(st->spill, trig, tl, &off, &st->spill_err) ||
	    ctl_spill_put(st->spill, sent, sl, &o2, &st->spill_err) ||
	    (title && ctl_spill_put(st->spill, title, til, &o2, &st->spill_err)))
		return false;
	/* the union's other side from here on */
	c->spill_off = off;
	c->trigger_len = (uint32_t)tl;
	c->sentence_len = (uint32_t)sl;
	c->title_len = title ? (uint32_t)til : NO_TITLE;
	c->spilled = true;
	return true;
}

/* A text of an event still in the spill file: read back once the
 * candidates are freed, in file order. slot: -1 the title, -2 the trigger,
 * k >= 0 source k. */
typedef struct pending {
	uint64_t at;              /* offset << PENDING_LEN_BITS | length */
	uint32_t ev;              /* the event, counted from the first one made */
	int32_t slot;
} pending;

static uint64_t pending_off(const pending *p)
{
	return p->at >> PENDING_LEN_BITS;
}

static uint32_t pending_len(const pending *p)
{
	return (uint32_t)(p->at & PENDING_MAX_LEN);
}

typedef struct pending_list {
	pending *p;
	size_t n, cap;
} pending_list;

static bool cand_has_title(const cand *c)
{
	return c->spilled ? c->title_len != NO_TITLE : c->title != NULL;
}

/* A copy of the candidate's trigger (which 0), sentence (1) or title (2;
 * NULL if none) if it is in memory; if it was spilled, NULL, and the read is
 * queued on pl for the event's slot. */
static char *cand_text(const cand *c, int which, size_t ev, int32_t slot, pending_list *pl)
{
	if (!c->spilled) {
		const char *t = which == 0 ? c->trigger_text : which == 1 ? c->sentence_text : c->title;
		return t ? ctl_xstrdup(t) : NULL;
	}
	uint64_t off = c->spill_off;
	uint32_t len = c->trigger_len;
	if (which >= 1) {
		off += c->trigger_len;
		len = c->sentence_len;
	}
	if (which == 2) {
		if (c->title_len == NO_TITLE)
			return NULL;
		off += c->sentence_len;
		len = c->title_len;
	}
	*CTL_ARRAY_PUSH(pl->p, pl->n, pl->cap) =
		(pending){ off << PENDING_LEN_BITS | len, (uint32_t)ev, slot };
	return NULL;
}

/* The queued texts are read into the events made from first_event on, the
 * file a block of 256 KB at a time (one system call per text would be one
 * per source sentence): the reads are put in the order of the blocks they
 * begin in (a counting sort), and each block is read once, from its start. */
#define SPILL_BLOCK_SHIFT 18

/* The reads queued on lists[0, nlists) (the merge's parts), in the order
 * of their blocks: a counting sort into one list, the queues freed. */
static pending_list pending_by_block(pending_list *lists, unsigned nlists, uint64_t total)
{
	size_t nblocks = (size_t)(total >> SPILL_BLOCK_SHIFT) + 1, n = 0;
	size_t *start = ctl_xcalloc(nblocks + 1, sizeof(size_t));
	for (unsigned k = 0; k < nlists; k++)
		for (size_t i = 0; i < lists[k].n; i++, n++)
			start[(pending_off(&lists[k].p[i]) >> SPILL_BLOCK_SHIFT) + 1]++;
	for (size_t b = 0; b < nblocks; b++)
		start[b + 1] += start[b];
	pending_list out = { ctl_xmalloc((n ? n : 1) * sizeof(pending)), n, n };
	for (unsigned k = 0; k < nlists; k++) {
		for (size_t i = 0; i < lists[k].n; i++)
			out.p[start[pending_off(&lists[k].p[i]) >> SPILL_BLOCK_SHIFT]++] = lists[k].p[i];
		free(lists[k].p);
		lists[k] = (pending_list){ 0 };
	}
	free(start);
	return out;
}

/* The merge runs in this many parts at most (on as many threads): each
 * part of the bucket scan holds a union-find of a word per candidate. */
#define MERGE_PARTS 4

typedef struct read_job {
	ctl_spill *spill;
	uint64_t total;           /* the spill file's size */
	ctl_event *events;        /* the events made from first_event on */
	const pending_list *pl;   /* the reads, in block order */
	size_t bound[MERGE_PARTS + 1]; /* part k reads pl entries [bound[k], bound[k + 1]) */
	int rc[MERGE_PARTS];
	ctl_error err[MERGE_PARTS];
} read_job;

/* Reads part k's texts, each block of the file once (into a buffer of its
 * own), into their events' slots. */
static void read_part(void *ctx, unsigned k)
{
	read_job *j = ctx;
	const uint64_t block_size = (uint64_t)1 << SPILL_BLOCK_SHIFT;
	char *block = NULL;
	uint64_t boff = 0, bend = 0;     /* the file's bytes [boff, bend) are in block */
	j->rc[k] = 0;
	for (size_t i = j->bound[k]; i < j->bound[k + 1]; i++) {
		const pending *p = &j->pl->p[i];
		uint64_t off = pending_off(p);
		uint32_t len = pending_len(p);
		if (off < boff || off + len > bend) {
			uint64_t from = off >> SPILL_BLOCK_SHIFT << SPILL_BLOCK_SHIFT;
			uint64_t want = off + len - from;  /* a text may run on */
			if (want < block_size)
				want = block_size;
			if (want > j->total - from)
				want = j->total - from;
			free(block);
			block = ctl_xmalloc(want ? (size_t)want : 1);
			ctl_error_clear(&j->err[k]);
			j->rc[k] = ctl_spill_get(j->spill, from, (size_t)want, block, &j->err[k]);
			if (j->rc[k])
				break;
			boff = from;
			bend = from + want;
		}
		char *t = ctl_xmalloc((size_t)len + 1);
		memcpy(t, block + (off - boff), len);
		t[len] = '\0';
		ctl_event *e = &j->events[p->ev];
		if (p->slot == -1)
			e->title = t;
		else if (p->slot == -2)
			e->trigger.text = t;
		else
			e->sources[p->slot].text = t;
	}
	free(block);
}

/* Reads the texts queued on lists[0, nlists) (which it empties), in up to
 * `parts` parts of whole blocks (ctl_spill_get reads with pread). */
static int read_pending(ctl_event_store *st, ctl_timeline *tl, size_t first_event,
		pending_list *lists, unsigned nlists, ctl_pool *pool, unsigned parts, ctl_error *err)
{
	uint64_t total = st->spill ? ctl_spill_size(st->spill) : 0;
	pending_list sorted = pending_by_block(lists, nlists, total);
	/* with no events at all tl->events is NULL, and NULL + 0 is
	 * undefined behaviour (as in sort_events) */
	ctl_event *events = tl->nevents > first_event ? tl->events + first_event : NULL;
	read_job j = { st->spill, total, events, &sorted, { 0 }, { 0 }, { { 0 } } };
	if (parts > MERGE_PARTS)
		parts = MERGE_PARTS;
	if (parts > sorted.n / 4096) /* parts of 4096 texts at least */
		parts = (unsigned)(sorted.n / 4096);
	if (parts < 1)
		parts = 1;
	for (unsigned k = 1; k < parts; k++) {
		size_t b = ctl_part_begin(sorted.n, parts, k);
		if (b < j.bound[k - 1])
			b = j.bound[k - 1];
		/* at a block's first text: no block read by two parts */
		while (b > j.bound[k - 1] && b < sorted.n &&
		       pending_off(&sorted.p[b]) >> SPILL_BLOCK_SHIFT ==
		       pending_off(&sorted.p[b - 1]) >> SPILL_BLOCK_SHIFT)
			b++;
		j.bound[k] = b;
	}
	j.bound[parts] = sorted.n;
	ctl_pool_run(pool, parts, read_part, &j);
	free(sorted.p);
	for (unsigned k = 0; k < parts; k++)
		if (j.rc[k]) {
			*err = j.err[k];
			return j.rc[k];
		}
	return 0;
}

static void cand_release(cand *c)
{
	if (!c->spilled) {
		free(c->trigger_text);
		free(c->sentence_text);
		free(c->title);
	}
	free(c->m); /* c->actors */
	free(c->place);
}

void ctl_event_store_free(ctl_event_store *st)
{
	if (!st)
		return;
	for (size_t i = 0; i < st->n; i++)
		cand_release(&st->c[i]);
	ctl_big_free(st->c, st->cap * sizeof(*st->c));
	for (size_t i = 0; i < st->npool; i++)
		free(st->pool[i]);
	free(st->pool);
	ctl_spill_free(st->spill);
	free(st);
}

/* ---- dates -------------------------------------------------------------- */

/* A value with the year missing: "XXXX-MM" or "XXXX-MM-DD". */
static bool partial_md(const char *v, int *m, int *d)
{
	if (strncmp(v, "XXXX-", 5) || strlen(v) < 7)
		return false;
	int mm = ctl_digits(v + 5, 2), dd = 0;
	if (mm < 1 || mm > 12)
		return false;
	if (v[7] == '-') {
		dd = ctl_digits(v + 8, 2);
		if (dd < 1 || dd > 31)
			return false;
	}
	*m = mm;
	*d = dd;
	return true;
}

static ctl_interval md_interval(int y, int m, int d)
{
	if (d) {
		if (!ctl_date_valid(y, m, d))
			return ctl_interval_unknown();
		return ctl_interval_day(ctl_day_from_ymd(y, m, d), CTL_CERT_INFERRED);
	}
	return ctl_interval_month(y, m, CTL_CERT_INFERRED);
}

static ctl_day mid(const ctl_interval *iv)
{
	return iv->earliest + (iv->latest - iv->earliest) / 2;
}

/* The year for a month(-day) nearest the anchor day. */
static ctl_interval nearest_year(int m, int d, ctl_day anchor)
{
	int y, am, ad;
	ctl_day_to_ymd(anchor, &y, &am, &ad);
	ctl_interval best = ctl_interval_unknown();
	int64_t bestdist = INT64_MAX;
	for (int yy = y - 1; yy <= y + 1; yy++) {
		ctl_interval iv = md_interval(yy, m, d);
		if (iv.earliest == CTL_DAY_NONE)
			continue;
		int64_t dist = (int64_t)mid(&iv) - anchor;
		if (dist < 0)
			dist = -dist;
		if (dist < bestdist) {
			bestdist = dist;
			best = iv;
		}
	}
	return best;
}

/* The first year in which the month(-day) begins after `after`. */
static ctl_interval year_after(int m, int d, ctl_day after)
{
	int y, am, ad;
	ctl_day_to_ymd(after, &y, &am, &ad);
	for (int yy = y; yy <= y + 1; yy++) {
		ctl_interval iv = md_interval(yy, m, d);
		if (iv.earliest != CTL_DAY_NONE && iv.earliest > after)
			return iv;
	}
	return ctl_interval_unknown();
}

static ctl_interval intersect(ctl_interval a, ctl_interval b)
{
	ctl_interval r = a;
	if (b.earliest != CTL_DAY_NONE && (r.earliest == CTL_DAY_NONE || b.earliest > r.earliest))
		r.earliest = b.earliest;
	if (b.latest != CTL_DAY_NONE && (r.latest == CTL_DAY_NONE || b.latest < r.latest))
		r.latest = b.latest;
	return r;
}

static bool overlaps(const ctl_interval *a, const ctl_interval *b)
{
	if (a->earliest != CTL_DAY_NONE && b->latest != CTL_DAY_NONE && a->earliest > b->latest)
		return false;
	if (b->earliest != CTL_DAY_NONE && a->latest != CTL_DAY_NONE && b->earliest > a->latest)
		return false;
	return true;
}

/* Sets precision from the bounds: a day, a calendar month or year, or none. */
static void fit_precision(ctl_interval *iv)
{
	if (iv->earliest == CTL_DAY_NONE || iv->latest == CTL_DAY_NONE) {
		iv->precision = CTL_PREC_NONE;
		return;
	}
	int y1, m1, d1, y2, m2, d2;
	ctl_day_to_ymd(iv->earliest, &y1, &m1, &d1);
	ctl_day_to_ymd(iv->latest, &y2, &m2, &d2);
	if (iv->earliest == iv->latest)
		iv->precision = CTL_PREC_DAY;
	else if (y1 == y2 && m1 == m2 && d1 == 1 && d2 == ctl_days_in_month(y2, m2))
		iv->precision = CTL_PREC_MONTH;
	else if (y1 == y2 && m1 == 1 && d1 == 1 && m2 == 12 && d2 == 31)
		iv->precision = CTL_PREC_YEAR;
	else
		iv->precision = CTL_PREC_NONE;
}

/* ---- one sentence ------------------------------------------------------- */

typedef struct trig {
	size_t a, b;              /* token range */
	const ctl_lex_entry *e;   /* form, class, kind, present */
	int prio;
	bool report;
	int dated;                /* index of the date source dating it + 1, or 0 */
} trig;

typedef enum src_kind { SRC_TIMEX, SRC_GAZ } src_kind;

typedef struct dsrc {
	src_kind kind;
	uint32_t s, e;            /* text span */
	size_t a, b;              /* token range */
	ctl_interval iv;          /* resolved interval or unknown */
	int pm, pd;               /* partial month/day when the year is missing */
	int weekday;              /* partial weekday */
	bool last;                /* "last <weekday>" */
	const gaz_row *row;
	size_t trig;              /* trigger index + 1 it dates, or 0 */
} dsrc;

/* Specific classes win over reporting and generic ones when a date picks
 * its trigger. */
static int class_priority(const char *cls, bool report)
{
	if (report || !strcmp(cls, "statement"))
		return 0;
	if (!strcmp(cls, "other"))
		return 1;
	if (!strcmp(cls, "report"))
		return 2;
	return 3;
}

typedef struct doc_state {
	const ctl_resources *res;
	const struct ctl_events_data *d;
	const ctl_document *doc;
	const ctl_mention_list *mentions;
	ctl_day dct;              /* exact document date or NONE */
	ctl_day anchor;           /* the last date the narrative stated */
	ctl_day section_day;      /* a live page's day the sentences are under, or NONE */
	ctl_day ref;              /* a reference date for choosing among gazetteer rows */
	bool has_last_person;
	uint32_t lps, lpe;        /* the last person mentioned outside quotes */
	bool has_last_org;
	uint32_t los, loe;        /* the last organisation mentioned outside quotes */
	bool has_last_speaker;
	uint32_t lss, lse;        /* the last statement's speaker */
	char *dateline_place;
	/* the current sentence's tokens, and its relative clauses once
	 * counted (opens_ready): opens[i], those that open at its tokens
	 * before i (clause_opens_in) */
	const tok *tk;
	size_t ntok;
	bool opens_ready;
	uint32_t *opens;
	size_t opens_cap;
	size_t ncands_doc;
	uint8_t *row_seen;        /* per gazetteer row: 0 unknown, 1 not in doc, 2 in doc */
	uint32_t dl_end;          /* end of the current line's wire dateline, or 0 */
	uint32_t sent_start;      /* the current sentence's first byte */
	/* quotation marks of the current sentence, for in_quotes() */
	uint32_t q_scan;          /* quotes counted up to here ... */
	bool q_open;              /* ... and open there */
	uint32_t q_ss;            /* the sentence's start; q_open_at_ss: open there */
	bool q_open_at_ss;
	uint32_t *q_pos;          /* quote characters in the sentence */
	size_t q_n, q_cap;
	size_t line_cur;          /* the current sentence's line in doc->lines */
	size_t sent_index;        /* the current sentence's, counted from 0 */
} doc_state;

/* The mention at exactly [start, end), by binary search (mentions are in
 * text order), or NULL. */
static const ctl_mention *find_mention(const ctl_mention_list *ml, uint32_t start, uint32_t end)
{
	size_t lo = 0, hi = ml->len;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ml->items[mid].start < start)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < ml->len && ml->items[lo].start == start; lo++)
		if (ml->items[lo].end == end)
			return &ml->items[lo];
	return NULL;
}

/* Does a whole word (or phrase) `w` occur in t[s, e), case-insensitively? */
static bool has_word(const char *t, uint32_t s, uint32_t e, const char *w)
{
	size_t n = strlen(w);
	for (uint32_t i = s; i < e; i++) {
		size_t k = ctl_find_str_nocase(t + i, e - i, w, n);
		if (k == e - i)
			return false;
		i += (uint32_t)k;
		if ((i == s || !ctl_is_alnum((unsigned char)t[i - 1])) &&
		    (i + n == e || !ctl_is_alnum((unsigned char)t[i + n])))
			return true; /* a whole word, not inside a longer one */
	}
	return false;
}

static bool doc_has_word(const ctl_document *doc, const char *w);

/* Whether row i's place or one of its cues occurs in the document's kept
 * text, looked up once per document and row. */
static bool row_in_doc(doc_state *ds, size_t i)
{
	if (!ds->row_seen) {
		ds->row_seen = ctl_xcalloc(ds->d->ngaz ? ds->d->ngaz : 1, 1);
	}
	if (!ds->row_seen[i]) {
		const gaz_row *r = &ds->d->gaz[i];
		bool in = *r->place && doc_has_word(ds->doc, r->place);
		for (size_t k = 0; k < r->ncues && !in; k++)
			in = doc_has_word(ds->doc, r->cues[k]);
		ds->row_seen[i] = in ? 2 : 1;
	}
	return ds->row_seen[i] == 2;
}

static bool doc_has_word(const ctl_document *doc, const char *w)
{
	for (size_t i = 0; i < doc->nlines; i++) {
		const ctl_line *l = &doc->lines[i];
		if ((l->kind == CTL_LINE_BODY || l->kind == CTL_LINE_TITLE) &&
		    has_word(doc->text, l->start, l->end, w))
			return true;
	}
	return false;
}

/* Picks the gazetteer row for a phrase found in the sentence: its place in
 * the sentence counts 3, a stated year 2, a cue word 2, its place or a cue
 * anywhere in the document 1; at least 3 is needed, and a tie goes to the
 * row nearest the document's reference date (none without one). */
static const gaz_row *pick_row(doc_state *ds, size_t first, size_t count, uint32_t ss, uint32_t se,
		const int *years, size_t nyears)
{
	const struct ctl_events_data *d = ds->d;
	const char *t = ds->doc->text;
	const gaz_row *best = NULL;
	int bestscore = 0;
	int64_t bestdist = INT64_MAX;
	bool tie = false;
	for (size_t i = first; i < first + count; i++) {
		const gaz_row *r = &d->gaz[i];
		int score = 0, y, m, dd;
		ctl_day_to_ymd(r->start, &y, &m, &dd);
		bool in_sentence = *r->place && has_word(t, ss, se, r->place);
		if (in_sentence)
			score += 3;
		for (size_t k = 0; k < nyears; k++)
			if (years[k] == y) {
				score += 2;
				break;
			}
		for (size_t k = 0; k < r->ncues; k++)
			if (has_word(t, ss, se, r->cues[k])) {
				score += 2;
				break;
			}
		if (!in_sentence && score >= 2 && row_in_doc(ds, i))
			score += 1;
		if (score < 3)
			continue;
		int64_t dist = ds->ref == CTL_DAY_NONE ? 0 : (int64_t)r->start - ds->ref;
		if (dist < 0)
			dist = -dist;
		if (score > bestscore || (score == bestscore && dist < bestdist)) {
			best = r;
			bestscore = score;
			bestdist = dist;
			tie = false;
		} else if (score == bestscore && dist == bestdist) {
			tie = true;
		}
	}
	return tie ? NULL : best;
}

static bool is_report_kind(const ctl_lex_entry *e)
{
	return !strcmp(e->fields[2], "report");
}

static const char *group_of(const struct ctl_events_data *d, const char *cls)
{
	const ctl_lex_entry *e = ctl_lexicon_get(d->types, cls, strlen(cls));
	return e && e->nfields > 2 ? e->fields[2] : cls;
}

/* Is t[i] a quotation mark ('"', U+201C or U+201D)? Returns its length. */
static size_t quote_at(const char *t, size_t i, size_t n)
{
	unsigned char c = (unsigned char)t[i];
	if (c == '"')
		return 1;
	if (c == 0xE2 && i + 2 < n && (unsigned char)t[i + 1] == 0x80 &&
	    ((unsigned char)t[i + 2] == 0x9C || (unsigned char)t[i + 2] == 0x9D))
		return 3;
	return 0;
}

/* The first i in [i, e) where a quotation mark may start (a '"' or the
 * first byte of “ and ”), or a newline when nl; e if none. Eight bytes a
 * step: most bytes are neither. */
static uint32_t next_quote_byte(const char *t, uint32_t i, uint32_t e, bool nl)
{
	for (; i < e && e - i >= 8; i += 8) {
		uint64_t x;
		memcpy(&x, t + i, 8);
		if (ctl_has_byte8(x, '"') | ctl_has_byte8(x, 0xE2) | (nl ? ctl_has_byte8(x, '\n') : 0))
			break;
	}
	while (i < e && t[i] != '"' && (unsigned char)t[i] != 0xE2 && !(nl && t[i] == '\n'))
		i++;
	return i;
}

/* Records the sentence's quotation marks and whether a quote is open at its
 * start (counting from its line's start, resumed from the last sentence, so
 * the whole document is scanned once). */
static void scan_quotes(doc_state *ds, uint32_t ss, uint32_t se)
{
	const char *t = ds->doc->text;
	size_t n = ds->doc->len;
	for (uint32_t i = ds->q_scan; (i = next_quote_byte(t, i, ss, true)) < ss; i++) {
		if (t[i] == '\n')
			ds->q_open = false;
		else if (quote_at(t, i, n))
			ds->q_open = !ds->q_open;
	}
	ds->q_ss = ss;
	ds->q_open_at_ss = ds->q_open;
	ds->q_n = 0;
	for (uint32_t i = ss; (i = next_quote_byte(t, i, se, false)) < se; i++) {
		size_t k = quote_at(t, i, n);
		if (k) {
			*CTL_ARRAY_PUSH(ds->q_pos, ds->q_n, ds->q_cap) = i;
			ds->q_open = !ds->q_open;
			i += (uint32_t)k - 1;
		}
	}
	ds->q_scan = se;
}

/* Is pos (in the current sentence) inside quotation marks? Names inside
 * quotes are rarely the subject of the sentence. */
static bool in_quotes(const doc_state *ds, uint32_t pos)
{
	size_t lo = 0, hi = ds->q_n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ds->q_pos[mid] < pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return ds->q_open_at_ss ^ (lo % 2 == 1);
}

/* An organisation by more than a guess (a single unknown name is one by
 * default): a name a cue or a list makes one. */
static bool is_named_org(const ctl_mention *m)
{
	return m->type == CTL_ACTOR_ORGANIZATION && m->cue != CTL_CUE_GUESS;
}

/* Only white space and commas between byte offsets a and b. */
static bool adjacent(const char *t, uint32_t a, uint32_t b)
{
	for (uint32_t i = a; i < b; i++)
		if (!ctl_is_space((unsigned char)t[i]) && t[i] != ',')
			return false;
	return true;
}

/* How far back a role ("the mayor said") is looked for (bytes). */
#define ROLE_REACH 8192

/* Whether the word w (a role: "mayor") stands as a whole word in the
 * ROLE_REACH bytes before `upto`: the text has called someone so. */
static bool role_named_before(const ctl_document *doc, uint32_t upto, const char *w, size_t wn)
{
	const char *t = doc->text;
	char role[32]; /* ctl_find_str_nocase wants the word NUL-terminated */
	if (wn >= sizeof(role))
		return false;
	memcpy(role, w, wn);
	role[wn] = '\0';
	uint32_t lo = upto > ROLE_REACH ? upto - ROLE_REACH : 0;
	for (uint32_t i = lo; i < upto;) {
		size_t k = ctl_find_str_nocase(t + i, upto - i, role, wn);
		if (k == upto - i)
			return false;
		uint32_t p = i + (uint32_t)k;
		if ((p == 0 || !ctl_is_alpha((unsigned char)t[p - 1])) &&
		    (p + wn >= upto || !ctl_is_alpha((unsigned char)t[p + wn])))
			return true;
		i = p + 1;
	}
	return false;
}

/* Whether the words after a country's possessive ending at `pos` name an
 * unnamed body of it ("Indonesia's trade ministry", "France's foreign
 * ministry") that is the subject of the verb at token a: an organisation's
 * head word (data/actors/org_cues.tsv) or a government noun within the
 * three words after "'s", and no comma from there to the verb. */
static bool body_of_country(doc_state *ds, const tok *tk, size_t a, uint32_t pos)
{
	const char *t = ds->doc->text;
	const struct ctl_actors_data *ad = ds->res->actors;
	size_t k = 0;
	while (k < a && tk[k].s < pos)
		k++;
	if (k < a && tk[k].e - tk[k].s == 1 && (t[tk[k].s] == 's' || t[tk[k].s] == 'S'))
		k++; /* the "s" of "'s", if the tokens split it off */
	for (size_t j = k; j < a && j < k + 3; j++) {
		const char *w = t + tk[j].s;
		size_t n = tk[j].e - tk[j].s;
		if (!ctl_is_lower((unsigned char)w[0]))
			return false;
		const ctl_lex_entry *e = ctl_lexicon_get(ad->org_cues, w, n);
		if ((e && !strcmp(ctl_lex_kind(e), "head")) || ctl_lexicon_get(ad->gov_nouns, w, n))
			return !memchr(t + tk[j].e, ',', tk[a].s - tk[j].e);
	}
	return false;
}

static bool only_aux_between(const char *t, uint32_t a, uint32_t b);

/* The speaker of a reporting verb at token range [a, b): a name right
 * before it ("..., Smith said"); "he"/"she" or "the minister" right before
 * it: the last speaker or person named; "the court" or "the company": the
 * last organisation named; "officials", "diplomats" or "the companies":
 * none (no one named speaks); else the nearest person named before it
 * outside quotes, any actor named before it, or a name right after it
 * ("said Smith"). */
static bool find_speaker(doc_state *ds, const tok *tk, size_t ntok, size_t a, size_t b,
		size_t m0, size_t m1, uint32_t *s, uint32_t *e)
{
	const char *t = ds->doc->text;
	const ctl_mention *best = NULL, *any = NULL, *appositive = NULL, *org = NULL, *owner = NULL;
	/* "Chair Anna Weber thanked X for ... and said": the sentence's
	 * subject, named at its start, speaks */
	if (a > 0 && is_and_but(t, &tk[a - 1]))
		for (size_t i = m0; i < m1; i++) {
			const ctl_mention *m = &ds->mentions->items[i];
			if (m->role != CTL_MENTION_ACTOR || in_quotes(ds, m->start) || m->tentative)
				continue;
			if (m->start <= tk[ntok > 3 ? 3 : ntok - 1].s && m->end < tk[a].s) {
				*s = m->start;
				*e = m->end;
				return true;
			}
			break;
		}
	for (size_t i = m0; i < m1; i++) {
		const ctl_mention *m = &ds->mentions->items[i];
		if (m->role != CTL_MENTION_ACTOR || m->end > tk[a].s)
			continue;
		/* "Smith, who is also an envoy of the Ministry, said": the person;
		 * "Veltrix, which was founded in 2016 and has 3.4 million UK
		 * customers, said": the company */
		if (!in_quotes(ds, m->start) && m->end + 2 < tk[a].s && t[m->end] == ',' &&
		    ((m->type == CTL_ACTOR_PERSON && (ctl_eq_nocase(t + m->end + 1, 5, " who ") ||
		                                      ctl_eq_nocase(t + m->end + 1, 5, " the "))) ||
		     (m->type != CTL_ACTOR_PERSON && ctl_eq_nocase(t + m->end + 1, 7, " which "))))
			appositive = m;
		if (adjacent(t, m->end, tk[a].s)) {
			if (m->type != CTL_ACTOR_PERSON && appositive) {
				m = appositive;
			} else if (m->type != CTL_ACTOR_PERSON && memchr(t + m->end, ',', tk[a].s - m->end)) {
				/* "Achieng, a nurse from Kisumu, told": the place ends
				 * an appositive; its head speaks, or no one named */
				uint32_t c = m->start;
				while (c > tk[0].s && t[c - 1] != ',')
					c--;
				if (c > tk[0].s + 1 && (ctl_eq_nocase(t + c, 3, " a ") || ctl_eq_nocase(t + c, 4, " an ") ||
				                        ctl_eq_nocase(t + c, 5, " the "))) {
					const ctl_mention *h = NULL;
					for (size_t j = m0; j < i; j++)
						if (ds->mentions->items[j].end == c - 1 &&
						    ds->mentions->items[j].role == CTL_MENTION_ACTOR)
							h = &ds->mentions->items[j];
					if (!h)
						return false;
					m = h;
				}
			}
			*s = m->start;
			*e = m->end;
			return true;
		}
		/* "Russia's top diplomat said": the country is not the speaker;
		 * "Indonesia's trade ministry on Monday announced": a body of the
		 * country with no name of its own speaks for it */
		if (in_quotes(ds, m->start) || t[m->end] == '\'' ||
		    ((unsigned char)t[m->end] == 0xE2 && (unsigned char)t[m->end + 2] == 0x99)) {
			if (m->type == CTL_ACTOR_COUNTRY && !in_quotes(ds, m->start) &&
			    body_of_country(ds, tk, a, m->end))
				owner = m;
			continue;
		}
		if (m->type == CTL_ACTOR_PERSON)
			best = m;
		else if (is_named_org(m))
			org = m;
		any = m;
	}
	bool pronoun = a > 0 && (tok_is(t, &tk[a - 1], "he") || tok_is(t, &tk[a - 1], "she"));
	/* the word right before the verb */
	const char *w = a > 0 ? t + tk[a - 1].s : t;
	size_t wn = a > 0 ? tk[a - 1].e - tk[a - 1].s : 0;
	const struct ctl_actors_data *ad = ds->res->actors;
	/* "..., officials said": people the article does not name speak */
	if (wn && ctl_is_lower((unsigned char)w[0]) && w[wn - 1] == 's' &&
	    ctl_lexicon_get(ad->gov_nouns, w, wn))
		return false;
	bool nominal = a > 1 && tok_is(t, &tk[a - 2], "the") && ctl_is_lower((unsigned char)w[0]);
	if (nominal && ctl_lex_get_singular(ad->org_cues, w, wn))
		return false; /* "the companies said": no one organisation */
	if (nominal && ctl_lexicon_get(ad->org_cues, w, wn)) {
		/* "..., the court said": the organisation named last speaks (in
		 * this sentence, else before it), not the person */
		if (org || ds->has_last_org) {
			*s = org ? org->start : ds->los;
			*e = org ? org->end : ds->loe;
			return true;
		}
		return false;
	}
	if (pronoun || nominal) {
		/* in news, "he said" is the source quoted last; "the mayor said"
		 * is that source, or the person named last, only if the text has
		 * called someone so before ("Mayor Ana Ruiz"): else it is no one
		 * the article names */
		if (nominal && !role_named_before(ds->doc, tk[a - 1].s, w, wn))
			return false;
		if (ds->has_last_speaker) {
			*s = ds->lss;
			*e = ds->lse;
			return true;
		}
		if (ds->has_last_person) {
			*s = ds->lps;
			*e = ds->lpe;
			return true;
		}
	}
	/* the relative clause closed by a comma right before the verb: its
	 * head speaks, not a name inside it */
	if (appositive && appositive->type != CTL_ACTOR_PERSON && (!best || best->end < appositive->end)) {
		uint32_t c = tk[a].s;
		while (c > appositive->end + 1 && t[c - 1] != ',')
			c--;
		if (c > appositive->end + 1 && only_aux_between(t, c, tk[a].s))
			best = appositive;
	}
	if (!best)
		best = any;
	if (!best && owner && owner->end < tk[a].s)
		best = owner;
	if (!best && b < ntok) {
		for (size_t i = m0; i < m1; i++) {
			const ctl_mention *m = &ds->mentions->items[i];
			if (m->role == CTL_MENTION_ACTOR && m->start >= tk[b - 1].e &&
			    (b + 3 >= ntok || m->start <= tk[b + 2].e)) {
				best = m;
				break;
			}
		}
	}
	if (best) {
		*s = best->start;
		*e = best->end;
		return true;
	}
	return false;
}

/* A name as a title shows it: a person's surname, a canonical name for
 * the rest ("Moscow" -> "Russia"), or the name as written. */
static void put_short_name(ctl_buf *b, doc_state *ds, uint32_t ms, uint32_t me)
{
	const char *t = ds->doc->text;
	uint32_t s = ms;
	const ctl_mention *m = find_mention(ds->mentions, ms, me);
	if (m && m->type == CTL_ACTOR_PERSON) {
		/* the surname: an East Asian family name written first ("Lin
		 * Jian" -> "Lin"), else the last word with the particles before
		 * it ("Mark van Dijk" -> "van Dijk") */
		const struct ctl_actors_data *ad = ds->res->actors;
		const char *sp = memchr(t + ms, ' ', me - ms);
		size_t first = sp ? (size_t)(sp - (t + ms)) : 0;
		const ctl_lex_entry *fam = sp ? ctl_lexicon_get(ad->given, t + ms, first) : NULL;
		if (fam && !strcmp(ctl_lex_kind(fam), "family")) {
			ctl_buf_put(b, t + ms, first);
			return;
		}
		for (uint32_t i = ms; i < me; i++)
			if (t[i] == ' ')
				s = i + 1;
		while (s > ms + 1) {
			uint32_t p = s - 1; /* the space before word s */
			while (p > ms && t[p - 1] != ' ')
				p--;
			if (!ctl_lexicon_get(ad->particles, t + p, s - 1 - p))
				break;
			s = p; /* "De la Cruz" alone: all of it */
			if (p == ms)
				break;
		}
	}
	if (m && m->resolved && m->type != CTL_ACTOR_PERSON)
		ctl_buf_puts(b, m->resolved);
	else
		ctl_buf_put(b, t + s, me - s);
}

/* Whether t[a, b) is " and " (with any run of spaces or tabs for each
 * space: markup read as text leaves such runs). */
static bool joined_by_and(const char *t, uint32_t a, uint32_t b)
{
	uint32_t p = a;
	while (p < b && (t[p] == ' ' || t[p] == '\t'))
		p++;
	if (p == a || b - p < 4 || !ctl_eq_nocase(t + p, 3, "and"))
		return false;
	uint32_t q = p + 3;
	while (q < b && (t[q] == ' ' || t[q] == '\t'))
		q++;
	return q > p + 3 && q == b;
}

/* A form of "to be" before a participle: the trigger is passive. */
static bool is_be(const char *t, const tok *k)
{
	static const char *const forms[] = { "was", "were", "is", "are", "be", "been", "being", NULL };
	for (size_t i = 0; forms[i]; i++)
		if (tok_is(t, k, forms[i]))
			return true;
	return false;
}

/* Whether token k is an adverb that may stand between "was" and its
 * participle ("was almost entirely destroyed", "were not charged"). */
static bool is_adverb(const char *t, const tok *k)
{
	static const char *const words[] = { "not", "also", "almost", "already", "still", "just", "never",
		"then", "later", "since", "now", "once", "subsequently", NULL };
	uint32_t n = k->e - k->s;
	if (!ctl_is_lower((unsigned char)t[k->s]))
		return false;
	if (n >= 5 && t[k->e - 2] == 'l' && t[k->e - 1] == 'y')
		return true;
	for (size_t i = 0; words[i]; i++)
		if (tok_is(t, k, words[i]))
			return true;
	return false;
}

/* The form of "to be" right before token a, or before up to two adverbs
 * there; SIZE_MAX if none. */
static size_t be_before(const char *t, const tok *tk, size_t a)
{
	for (size_t i = a, n = 0; i > 0 && n <= 2; i--, n++) {
		if (is_be(t, &tk[i - 1]))
			return i - 1;
		if (!is_adverb(t, &tk[i - 1]))
			break;
	}
	return SIZE_MAX;
}

/* Whether the bytes [from, to) between two words are the comma of a
 * number's thousands ("27,000"). */
static bool in_number(const char *t, uint32_t from, uint32_t to)
{
	return to == from + 1 && t[from] == ',' && from > 0 && ctl_is_digit((unsigned char)t[from - 1]) &&
	       ctl_is_digit((unsigned char)t[to]);
}

/* Whether t[p] is the ',' or ':' inside a number or a clock ("9,000",
 * "23:59"), which ends no clause. */
static bool inner_mark(const char *t, uint32_t p)
{
	return (t[p] == ',' || t[p] == ':') && p > 0 && ctl_is_digit((unsigned char)t[p - 1]) &&
	       ctl_is_digit((unsigned char)t[p + 1]);
}

/* Whether token k is a subject pronoun ("he", "she", "it", "they", "we");
 * `i_too`: "I" as well. */
static bool subject_pronoun(const char *t, const tok *k, bool i_too)
{
	static const char *const words[] = { "he", "she", "it", "they", "we", NULL };
	for (size_t i = 0; words[i]; i++)
		if (tok_is(t, k, words[i]))
			return true;
	return i_too && tok_is(t, k, "i");
}

/* What a title puts between two words of the text: a space, or the full
 * stop of an abbreviation inside the sentence ("U.S.", "Feb. 24": the
 * segmenter has already ended the sentence at every full stop that ends
 * one), written as it is. False when the two are parts of one word. */
/* The length of a currency sign ending right at t[to) ("$300", "£1.1m",
 * "€2.4bn", "¥600bn"), 0 if none. */
static size_t currency_before(const char *t, uint32_t from, uint32_t to)
{
	const unsigned char *u = (const unsigned char *)t;
	if (to > from && u[to - 1] == '$')
		return 1;
	if (to >= from + 2 && u[to - 2] == 0xC2 && (u[to - 1] == 0xA3 || u[to - 1] == 0xA5))
		return 2;
	if (to >= from + 3 && u[to - 3] == 0xE2 && u[to - 2] == 0x82 && u[to - 1] == 0xAC)
		return 3;
	return 0;
}

/* Whether t[from, to) is a colon and an opening quote (with spaces). */
static bool colon_quote(const char *t, uint32_t from, uint32_t to)
{
	const unsigned char *u = (const unsigned char *)t;
	uint32_t p = from;
	while (p < to && u[p] == ' ')
		p++;
	if (p >= to || u[p] != ':')
		return false;
	for (p++; p < to && u[p] == ' '; p++)
		;
	return p < to && (u[p] == '"' || (p + 2 < to && u[p] == 0xE2 && u[p + 1] == 0x80 && u[p + 2] == 0x9C));
}

static bool put_gap(ctl_buf *b, const char *t, uint32_t from, uint32_t to)
{
	if (in_number(t, from, to)) {
		ctl_buf_putc(b, ','); /* "27,000": one word */
		return false;
	}
	if (to == from + 1 && t[from] == ':' && inner_mark(t, from)) {
		ctl_buf_putc(b, ':'); /* "23:59": one word */
		return false;
	}
	if (from < to && t[from] == '%')
		ctl_buf_putc(b, '%'); /* "fell 14%" */
	const char *dot = memchr(t + from, '.', to - from);
	if (dot)
		ctl_buf_putc(b, '.');
	if (dot && dot + 1 == t + to)
		return false; /* "U.S": one word */
	ctl_buf_putc(b, ' ');
	size_t cur = currency_before(t, from, to);
	if (cur && (to - cur == from || t[to - cur - 1] == ' '))
		ctl_buf_put(b, t + to - cur, cur); /* "pays $300 million" */
	return true;
}

/* A title cut at its word limit does not end on a word that leads to
 * the next ("... for chemistry in 1994 and", "... talks with the"):
 * those words are dropped, in place. */
static char *trim_title(char *title)
{
	static const char *const tail[] = { "and", "or", "but", "the", "a", "an", "of", "in", "on",
		"at", "to", "by", "for", "with", "from", "as", "that", "its", "his", "her", "their", NULL };
	size_t n = strlen(title);
	for (;;) {
		size_t e = n;
		while (e > 0 && title[e - 1] == ' ')
			e--;
		size_t b = e;
		while (b > 0 && title[b - 1] != ' ')
			b--;
		bool cut = false;
		for (size_t i = 0; tail[i] && !cut && b > 0 && e - b <= 5; i++)
			cut = tail[i][0] == title[b] && strlen(tail[i]) == e - b && !memcmp(title + b, tail[i], e - b);
		if (!cut)
			break;
		n = b;
		while (n > 0 && title[n - 1] == ' ')
			n--;
	}
	title[n] = '\0';
	return title;
}

/* Whether t[a, b) holds a closing bracket and spaces only: a name's
 * acronym before its verb ("members of the United Ports Workers' Union
 * (UPWU) downed tools"). */
static bool paren_close_only(const char *t, uint32_t a, uint32_t b)
{
	bool paren = false;
	for (uint32_t p = a; p < b; p++) {
		if (t[p] == ')')
			paren = true;
		else if (t[p] != ' ')
			return false;
	}
	return paren;
}

/* Whether t[a, b), between two words, breaks a clause. */
static bool clause_break(const char *t, uint32_t a, uint32_t b)
{
	for (uint32_t p = a; p < b; p++)
		if (t[p] == ',' || t[p] == ';' || t[p] == ':' || t[p] == '(' || t[p] == ')' || t[p] == '.' ||
		    t[p] == '"') {
			/* not a number's decimal point or thousands' comma ("rose
			 * 3.1% on Tuesday", "more than 2,000 union members") */
			if ((t[p] == '.' || t[p] == ',') && p > 0 && ctl_is_digit((unsigned char)t[p - 1]) &&
			    ctl_is_digit((unsigned char)t[p + 1]))
				continue;
			return true;
		}
	return false;
}

/* The trigger entry of a past-tense verb that no trigger names
 * (events/past_verbs.tsv): class "other", kind "verb", and no present form:
 * the title keeps the verb as written. */
static const char *const past_fields[] = { "", "other", "verb", "" };
static const ctl_lex_entry past_entry = { "", 0, 0, past_fields, 4, 0, 0 };

static size_t dated_line_start(const char *t, const tok *tk, size_t ntok);
static bool break_before(const char *t, const tok *tk, size_t k);

/* A title a person would write: the subject's short name ("Smith and Jones"
 * when two are joined by "and"), the verb in the present, and the words
 * that follow up to the clause's end (at most 9). A reporting verb that
 * ends its sentence ("..., the ministry said") takes what was said. */
static char *make_title(doc_state *ds, const tok *tk, size_t ntok, const trig *tr,
		bool has_subject, uint32_t subs, uint32_t sube)
{
	const char *t = ds->doc->text;
	ctl_buf b = CTL_BUF_INIT;
	bool plural = false;
	/* a passive: after a form of "to be", or a phrase that holds one
	 * ("was held": its title form reads "is held") */
	bool passive_form = !strncmp(tr->e->fields[3], "is ", 3);
	size_t be = be_before(t, tk, tr->a);
	bool passive = has_subject && (be != SIZE_MAX || passive_form);
	/* the participle's phrase, with the adverbs before it ("almost
	 * entirely destroyed") */
	size_t pa = be != SIZE_MAX ? be + 1 : tr->a;
	/* a passive's subject is the words right before it: a name further
	 * off is not ("UNRWA said that 27,000 people had been killed") */
	if (passive) {
		size_t words_before = 0;
		for (size_t i = pa - 1; i > 0 && tk[i - 1].s >= sube; i--)
			words_before++;
		has_subject = words_before <= 2; /* "Lula was", "Lula has been" */
	}
	if (has_subject) {
		const ctl_mention *m = find_mention(ds->mentions, subs, sube);
		/* a subject coordinated with the mention before it */
		if (m && m > ds->mentions->items) {
			const ctl_mention *p = m - 1;
			if (p->role == CTL_MENTION_ACTOR && joined_by_and(t, p->end, m->ext_start)) {
				put_short_name(&b, ds, p->start, p->end);
				ctl_buf_puts(&b, " and ");
				plural = true;
			}
		}
		put_short_name(&b, ds, subs, sube);
		ctl_buf_putc(&b, ' ');
	}
	if (passive || passive_form) {
		/* "Lula was jailed in 2018": "Lula jailed in 2018"; with no
		 * subject, the words before it in its clause ("another special
		 * event to be held on October 12") */
		size_t a0 = has_subject ? pa : tr->a;
		while (!has_subject && a0 > 0 && tr->a - a0 < 4 && !is_and_but(t, &tk[a0 - 1]) &&
		       (!clause_break(t, tk[a0 - 1].e, tk[a0].s) || in_number(t, tk[a0 - 1].e, tk[a0].s)))
			a0--;
		while (a0 > 0 && a0 < tr->a && in_number(t, tk[a0 - 1].e, tk[a0].s))
			a0--; /* a number whole: "27,000" */
		ctl_buf_put(&b, t + tk[a0].s, tk[tr->b - 1].e - tk[a0].s);
	} else {
		/* the verb in the present; one no trigger names, as written */
		const char *verb = tr->e == &past_entry ? "" : tr->e->fields[3];
		size_t vw = strcspn(verb, " ");
		if (tr->e == &past_entry)
			ctl_buf_put(&b, t + tk[tr->a].s, tk[tr->b - 1].e - tk[tr->a].s);
		ctl_buf_put(&b, verb, vw);
		/* "Smith and Jones meet": two subjects drop the third person's -s
		 * ("launches", "passes", "fixes": -es after ch, sh, ss, x and zz;
		 * "closes", "seizes": only the -s) */
		if (plural && vw > 2 && verb[vw - 1] == 's' && verb[vw - 2] != 's') {
			b.len--;
			if (verb[vw - 2] == 'e' && vw > 4 &&
			    (verb[vw - 3] == 'x' || (verb[vw - 3] == 's' && verb[vw - 4] == 's') ||
			     (verb[vw - 3] == 'z' && verb[vw - 4] == 'z') ||
			     (verb[vw - 3] == 'h' && (verb[vw - 4] == 'c' || verb[vw - 4] == 's'))))
				b.len--;
			b.ptr[b.len] = '\0';
		}
		ctl_buf_puts(&b, verb + vw);
	}
	/* a sentence that opens with a quote, its reporting clause after it:
	 * the quote is what was said ("\"We came to stop the killing,\" Haroun
	 * said after the ceremony": not "Haroun says after the ceremony") */
	uint32_t ss = ds->sent_start;
	bool quote_first = tr->report && tk[0].s > ss &&
		(t[ss] == '"' || ((unsigned char)t[ss] == 0xE2 && (unsigned char)t[ss + 1] == 0x80 &&
		                  (unsigned char)t[ss + 2] == 0x9C)) &&
		!in_quotes(ds, tk[tr->a].s);
	/* the speaker after the verb, the clause ending with it ('..., said
	 * Sipho Zungu, who ...', '... said Wang Jianguo.'): what was said is
	 * before the verb (below), not after it */
	bool inverted = false;
	if (has_subject && tr->report && subs >= tk[tr->b - 1].e) {
		size_t k = tr->b;
		while (k < ntok && tk[k].s < subs)
			k++;                      /* the speaker's first token */
		size_t m = k;
		while (m < ntok && tk[m].e <= sube)
			m++;                      /* the token after it */
		/* ... right after a quote or a comma: "'... do?' said X",
		 * not "Regulators said X, Y and Z agreed ..." */
		bool after_quote = tr->a == 0;
		for (uint32_t p = tr->a ? tk[tr->a - 1].e : tk[0].s; p < tk[tr->a].s && !after_quote; p++)
			after_quote = t[p] == ',' || t[p] == '"' || t[p] == '\'' || t[p] == '?' || t[p] == '!' ||
			              ((unsigned char)t[p] == 0xE2 && p + 2 < tk[tr->a].s &&
			               (unsigned char)t[p + 1] == 0x80 &&
			               ((unsigned char)t[p + 2] == 0x9D || (unsigned char)t[p + 2] == 0x99));
		inverted = after_quote && k < ntok && k - tr->b <= 3 && m > k &&
			(m == ntok || break_before(t, tk, m));
	}
	size_t words = 0;
	for (size_t i = tr->b; i < ntok && words < 9 && !quote_first && !inverted; i++) {
		/* what was said after a colon: 'Dean Albright said: "The
		 * ground is tinder-dry ..."' */
		if (i == tr->b && tr->report && colon_quote(t, tk[i - 1].e, tk[i].s)) {
			ctl_buf_puts(&b, ": ");
			ctl_buf_put(&b, t + tk[i].s, tk[i].e - tk[i].s);
			words++;
			continue;
		}
		/* stop at the clause's end: punctuation between tokens (quotes pass) */
		bool stop = false;
		for (uint32_t p = tk[i - 1].e; p < tk[i].s; p++)
			if ((t[p] == ',' && !in_number(t, tk[i - 1].e, tk[i].s)) || t[p] == ';' ||
			    (t[p] == ':' && !inner_mark(t, p)) ||
			    t[p] == '(' || t[p] == '[' ||
			    ((unsigned char)t[p] == 0xE2 && (unsigned char)t[p + 2] >= 0x93 &&
			     (unsigned char)t[p + 2] <= 0x94))
				stop = true;
		if (stop)
			break;
		if (words == 0 && tok_is(t, &tk[i], "that"))
			continue;
		words += put_gap(&b, t, tk[i - 1].e, tk[i].s);
		ctl_buf_put(&b, t + tk[i].s, tk[i].e - tk[i].s);
	}
	if (!words && tr->report && has_subject) {
		/* what was said, before the reporting clause: the words up to
		 * the comma before it ("Netanyahu rejected the terms on
		 * Wednesday, his office said"), else up to the speaker ("During
		 * the talks, X backed the idea, the ministry said."); a speaker
		 * of an earlier sentence ("..., he said") bounds nothing */
		uint32_t end = subs > tk[0].s && subs < tk[tr->a].s ? subs : subs < tk[0].s ? 0 : tk[tr->a].s;
		for (size_t k = tr->a; k-- > 1;)
			if (memchr(t + tk[k - 1].e, ',', tk[k].s - tk[k - 1].e) &&
			    !in_number(t, tk[k - 1].e, tk[k].s)) {
				end = tk[k - 1].e > end ? tk[k - 1].e : end;
				break;
			}
		/* from after a live blog's clock or a chronology's date */
		size_t i0 = dated_line_start(t, tk, ntok);
		for (size_t i = i0; i < ntok && i < i0 + 12 && tk[i].e <= end &&
		                    (!quote_first || in_quotes(ds, tk[i].s)); i++) {
			ctl_buf_puts(&b, i > i0 ? "" : ": ");
			if (i > i0)
				put_gap(&b, t, tk[i - 1].e, tk[i].s);
			ctl_buf_put(&b, t + tk[i].s, tk[i].e - tk[i].s);
		}
	}
	/* words copied from text that held markup keep its runs of spaces */
	if (b.ptr)
		b.len = ctl_squeeze_spaces(b.ptr, b.len);
	if (b.len && ctl_is_lower((unsigned char)b.ptr[0]))
		b.ptr[0] = (char)(b.ptr[0] - 32);
	return trim_title(ctl_buf_detach(&b, NULL));
}

/* How many words after a chronology's date its verb may stand ("2013 –
 * Chaudhry and Lacey found ...") */
#define CHRONO_VERB_REACH 6

/* The first word after a date that opens a line of a chronology ("March
 * 16, 2022 - An air strike hits a theatre ...", "2014: Sylvania annexes ...",
 * a live blog's "11:15 GMT — Shares fell ..."): a dash or a colon within the
 * first six words, a number before it; else 0. */
static size_t dated_line_start(const char *t, const tok *tk, size_t ntok)
{
	bool digit = false;
	for (size_t k = 1; k < ntok && k <= 6; k++) {
		digit |= ctl_is_digit((unsigned char)t[tk[k - 1].s]);
		for (uint32_t p = tk[k - 1].e; p < tk[k].s; p++) {
			if (t[p] == ':' && inner_mark(t, p))
				continue; /* a clock's ("11:15 GMT — ...") */
			if (t[p] == ':' || dash_len(t, p, tk[k].s))
				return digit ? k : 0;
		}
	}
	return 0;
}

/* Whether a clause mark (',', ';', ':', an opening bracket) stands
 * between tokens k - 1 and k. */
static bool break_before(const char *t, const tok *tk, size_t k)
{
	for (uint32_t p = tk[k - 1].e; p < tk[k].s; p++) {
		if (inner_mark(t, p))
			continue; /* "9,000", "00:00" */
		if (t[p] == ',' || t[p] == ';' || t[p] == ':' || t[p] == '(' || t[p] == '[')
			return true;
	}
	return false;
}

/* The words [a, b) of the sentence, squeezed, the first letter capital. */
static char *words_title(const char *t, const tok *tk, size_t a, size_t b)
{
	char *title = ctl_xstrndup_squeezed(t + tk[a].s, tk[b - 1].e - tk[a].s);
	if (ctl_is_lower((unsigned char)title[0]))
		title[0] = (char)(title[0] - 32);
	return title;
}

/* Words [a, b) then [c, e) of the sentence, one space between. */
static char *joined_title(const char *t, const tok *tk, size_t a, size_t b, size_t c, size_t e)
{
	char *head = words_title(t, tk, a, b);
	char *tail = ctl_xstrndup_squeezed(t + tk[c].s, tk[e - 1].e - tk[c].s);
	size_t hl = strlen(head), tl = strlen(tail);
	char *title = ctl_xmalloc(hl + tl + 2);
	memcpy(title, head, hl);
	title[hl] = ' ';
	memcpy(title + hl + 1, tail, tl + 1);
	free(head);
	free(tail);
	return title;
}

/* With no named subject ("A preliminary answer has been given ..."), the
 * sentence's own first words (at most 10, to the clause's end) read best.
 * When the trigger lies beyond that first clause, its own clause (to at
 * most 10 words) is the title if it has a subject ("Under the bill, the
 * new rates would take effect on Jan. 1", "... by the war: the family's
 * house was destroyed"); if it has none, it follows the first clause
 * ("The agreement, announced late on Wednesday, will come into force").
 * A relative or a participle's clause keeps the first clause alone, and
 * so does a first clause cut at 10 words, not at a mark. */
static char *clause_title(doc_state *ds, const tok *tk, size_t ntok, const trig *T)
{
	static const char *const openers[] = { "under", "in", "on", "at", "after", "before",
		"since", "with", "for", "during", "despite", "following", "according", "as",
		"by", "from", "until", "while", "when", "although", "though", "if", NULL };
	static const char *const relatives[] = { "which", "who", "that", "whose", "where", NULL };
	static const char *const subord[] = { "as", "while", "when", "although", "though",
		"whereas", "because", "once", "after", "before", "since", "even", "and", "but", NULL };
	static const char *const aux[] = { "is", "are", "was", "were", "has", "have", "had", "will",
		"would", "could", "can", "may", "might", "should", "must", "did", "does", "also",
		"then", "later", "now", NULL };
	const char *t = ds->doc->text;
	size_t first = dated_line_start(t, tk, ntok);
	size_t n = first + 1;
	while (n < ntok && n < first + 10 && !break_before(t, tk, n))
		n++;
	/* a verb further on, joined by "and" with no subject of its own: its
	 * words ("... in 1994 and retired from the university in 2001":
	 * "Retired from the university in 2001") */
	if (T->a > first + 1 && is_and_but(t, &tk[T->a - 1]))
		return clause_title(ds, tk + T->a, ntok - T->a, &(trig){ .a = 0, .b = T->b - T->a });
	/* ... also after an auxiliary ("... with a broken collarbone and was
	 * discharged on Wednesday": "Was discharged on Wednesday") */
	for (size_t k = 0; aux[k] && T->a > first + 2 && is_and_but(t, &tk[T->a - 2]); k++)
		if (tok_is(t, &tk[T->a - 1], aux[k]))
			return clause_title(ds, tk + T->a - 1, ntok - T->a + 1,
				&(trig){ .a = 1, .b = T->b - T->a + 1 });
	if (T->a >= n && T->b <= ntok) {
		/* "..., the president said she had agreed that parliament would
		 * be dissolved on Monday": a reported clause with a subject of
		 * its own, after "that" */
		size_t r = T->a;
		while (r > first + 1 && !break_before(t, tk, r) && !tok_is(t, &tk[r - 1], "that"))
			r--;
		bool r_aux = false;
		for (size_t k = 0; aux[k] && !r_aux; k++)
			r_aux = tok_is(t, &tk[r], aux[k]);
		if (r > first + 1 && r < T->a && r - 1 >= n && tok_is(t, &tk[r - 1], "that") &&
		    !r_aux && !only_aux_between(t, tk[r].s, tk[T->a].s)) {
			size_t e = T->b;
			while (e < ntok && e < r + 10 && !break_before(t, tk, e) && !is_and_but(t, &tk[e]))
				e++;
			return trim_title(words_title(t, tk, r, e));
		}
		size_t c = T->a; /* the trigger's clause starts at c */
		while (c > first + 1 && !break_before(t, tk, c))
			c--;
		/* no mark before the trigger: the first clause's words; a first
		 * clause cut at ten words, not at a mark, is joined to nothing */
		bool head_whole = n < ntok && break_before(t, tk, n) && n <= c;
		if (!break_before(t, tk, c))
			return trim_title(words_title(t, tk, first, n));
		size_t e = T->b; /* to the clause's end, or to an "and" after the verb */
		while (e < ntok && e < c + 10 && !break_before(t, tk, e) && !is_and_but(t, &tk[e]))
			e++;
		bool opener = false, relative = false;
		for (size_t k = 0; openers[k] && !opener; k++)
			opener = tok_is(t, &tk[first], openers[k]);
		/* "which ...", "the results of which ..." */
		for (size_t k = 0; relatives[k] && !relative; k++)
			for (size_t j = c; j < c + 4 && j < T->a && !relative; j++)
				relative = tok_is(t, &tk[j], relatives[k]) && (j == c || tok_is(t, &tk[j - 1], "of"));
		/* "..., including two who ...": an aside of its own */
		relative |= tk[c].e - tk[c].s > 4 && !memcmp(t + tk[c].e - 3, "ing", 3) &&
			ctl_is_lower((unsigned char)t[tk[c].s]);
		/* the mark before the clause: only a comma sets an aside off */
		bool comma = false;
		for (uint32_t p = tk[c - 1].e; p < tk[c].s; p++)
			comma |= t[p] == ',';
		bool no_subject = c == T->a || only_aux_between(t, tk[c].s, tk[T->a].s);
		for (size_t k = 0; aux[k] && !no_subject; k++)
			no_subject = tok_is(t, &tk[c], aux[k]);
		/* "..., even as the broader market fell sharply": the clause
		 * without its conjunction */
		for (bool more = true; more && c + 1 < T->a;) {
			more = false;
			for (size_t k = 0; subord[k] && !more; k++)
				more = tok_is(t, &tk[c], subord[k]);
			c += more;
		}
		/* "Veltrix, which was founded in 2016 and ...", "The striker,
		 * who joined on loan in January, ...": a short head and its
		 * relative clause, the pronoun dropped */
		if (relative && head_whole && n - first <= 4 && comma && c < T->a && T->a - c <= 6 &&
		    (tok_is(t, &tk[c], "which") || tok_is(t, &tk[c], "who"))) {
			return trim_title(joined_title(t, tk, first, n, c + 1, e));
		}
		if (T->a - c <= 6 && !relative) {
			/* "On Tuesday night, two men, aged 19 and 34, were killed":
			 * the subject after the opening phrase */
			if (opener && no_subject && head_whole && c > n && e - n <= 16)
				return trim_title(words_title(t, tk, n, e));
			if (opener || !comma || !no_subject)
				return trim_title(words_title(t, tk, c, e));
			if (head_whole)
				return trim_title(joined_title(t, tk, first, n, c, e));
		}
		/* an opening phrase alone is no title ("In June 2021, the
		 * village of Lytton was almost entirely destroyed by a
		 * wildfire"): the clause after it */
		if (opener && head_whole && !relative && c >= n && e - c <= 16)
			return trim_title(words_title(t, tk, c, e));
	}
	return trim_title(words_title(t, tk, first, n));
}

/*
 * A "sentence" longer than LONG_SENTENCE_BYTES is a run of text without a
 * sentence end (a list joined by commas, a page without full stops, cut by
 * the segmenter at 4,096 bytes), not a sentence: each event it holds cites
 * the clause around its trigger instead, up to the nearest ',', ';', ':',
 * bracket or dash on each side, at most CLAUSE_MAX_BYTES away, and takes
 * the actors and the place named there. Without this every event of such
 * a run carried the whole run and all its mentions: 10 MB of "A met B in
 * Vienna on Monday, and ..." made 1.5 GB of candidates.
 */
#define LONG_SENTENCE_BYTES 1024
#define CLAUSE_MAX_BYTES 320

static bool clause_mark(const unsigned char *t, uint32_t i, uint32_t se)
{
	unsigned char c = t[i];
	if (c == ',' || c == ';' || c == ':' || c == '(' || c == ')')
		return true;
	return dash_len((const char *)t, i, se) != 0;
}

/* The clause of [ss, se) around the trigger [ts, te): see LONG_SENTENCE_BYTES. */
static void clause_around(const char *text, uint32_t ss, uint32_t se, uint32_t ts, uint32_t te,
		uint32_t *ws, uint32_t *we)
{
	const unsigned char *t = (const unsigned char *)text;
	uint32_t lo = ts - ss > CLAUSE_MAX_BYTES ? ts - CLAUSE_MAX_BYTES : ss;
	uint32_t a = ts;
	while (a > lo && !clause_mark(t, a - 1, se))
		a--;
	if (a == lo && lo > ss) /* no mark: start at a word */
		while (a < ts && t[a - 1] != ' ')
			a++;
	a = ctl_skip_space(t, a, ts);
	uint32_t hi = se - te > CLAUSE_MAX_BYTES ? te + CLAUSE_MAX_BYTES : se;
	uint32_t b = te;
	while (b < hi && !clause_mark(t, b, se))
		b++;
	if (b == hi && hi < se)
		while (b > te && t[b] != ' ')
			b--;
	/* never inside a UTF-8 sequence */
	while (a < ts && (t[a] & 0xC0) == 0x80)
		a++;
	while (b > te && b < se && (t[b] & 0xC0) == 0x80)
		b--;
	*ws = a;
	*we = ctl_trim_end(t, a, b);
}

/* Room for one more candidate at the end of the store (a big block,
 * util.h: the corpus' store is the largest array a run keeps). */
static cand *push_cand(ctl_event_store *st)
{
	ctl_big_grow((void **)&st->c, &st->cap, st->n + 1, sizeof(*st->c));
	return &st->c[st->n++];
}

static cand *new_cand(ctl_event_store *st, doc_state *ds, size_t di,
		const trig *tr, const tok *tk, uint32_t ss, uint32_t se)
{
	cand *c = push_cand(st);
	memset(c, 0, sizeof(*c));
	c->doc = di;
	c->when = ctl_interval_unknown();
	c->cls = tr->e->fields[1];
	c->group = group_of(ds->d, c->cls);
	c->ts = tk[tr->a].s;
	c->te = tk[tr->b - 1].e;
	if (se - ss > LONG_SENTENCE_BYTES)
		clause_around(ds->doc->text, ss, se, c->ts, c->te, &ss, &se);
	c->ss = ss;
	c->se = se;
	c->trigger_text = ctl_xstrndup(ds->doc->text + c->ts, c->te - c->ts);
	c->sentence_text = ctl_xstrndup(ds->doc->text + ss, se - ss);
	c->speaker = NO_ACTOR;
	ds->ncands_doc++;
	return c;
}

static void push_mention(cand *c, uint32_t s, uint32_t e)
{
	for (size_t i = 0; i < c->nm; i++)
		if (c->m[2 * i] == s && c->m[2 * i + 1] == e)
			return;
	ctl_array_grow((void **)&c->m, &c->mcap, 2 * (size_t)c->nm + 2, sizeof(*c->m));
	c->m[2 * c->nm] = s;
	c->m[2 * c->nm + 1] = e;
	c->nm++;
}

static void add_mentions(cand *c, doc_state *ds, size_t m0, size_t m1)
{
	for (size_t i = m0; i < m1; i++) {
		const ctl_mention *m = &ds->mentions->items[i];
		/* "PLACE, July 12. /AGENCY/.": who filed the report takes no part */
		if (m->start < ds->dl_end)
			continue;
		/* the clause of a long run, not all of it (LONG_SENTENCE_BYTES) */
		if (m->start < c->ss || m->end > c->se)
			continue;
		if (m->role == CTL_MENTION_PLACE) {
			if (!c->place)
				c->place = ctl_xstrdup(m->resolved ? m->resolved : m->name);
			continue;
		}
		push_mention(c, m->start, m->end);
	}
	if (c->has_speaker)
		push_mention(c, c->sps, c->spe);
}

/* Hashes of the sentence's common words of 5+ letters (names left out),
 * for telling whether two articles quote the same statement. */
static void content_words(cand *c, const char *t, const tok *tk, size_t ntok)
{
	for (size_t i = 0; i < ntok && c->nwords < 8; i++)
		if (tk[i].e - tk[i].s >= 5 && ctl_is_lower((unsigned char)t[tk[i].s]))
			c->words[c->nwords++] = word_hash32(ctl_hash_fnv_nocase(t + tk[i].s, tk[i].e - tk[i].s));
}

/* Words that, right before a participle, make it an adjective ("the
 * alleged attack", "about alleged interference"), not an event. */
static bool adjective_word(const char *t, const tok *prev)
{
	static const char *const words[] = { "the", "a", "an", "about", "of", "for", "on", "in",
		"with", "his", "her", "their", "its", "over", "against", "into", NULL };
	for (size_t i = 0; words[i]; i++)
		if (tok_is(t, prev, words[i]))
			return true;
	return false;
}

/* Whether the participle at token i is an adjective: after one of those
 * words, or joined by "and"/"or" to a participle that is one ("the
 * alleged and attempted attacks"); a verb joined to a clause before it
 * ("received the prize in 1994 and retired in 2001") is none. */
static bool adjective_context(const char *t, const tok *tk, size_t i)
{
	if (adjective_word(t, &tk[i - 1]))
		return true;
	if (i < 3 || !(tok_is(t, &tk[i - 1], "and") || tok_is(t, &tk[i - 1], "or")))
		return false;
	const tok *p = &tk[i - 2];
	return p->e - p->s > 2 && t[p->e - 2] == 'e' && t[p->e - 1] == 'd' && adjective_word(t, &tk[i - 3]);
}

static bool is_preposition(const char *t, const tok *tk);
static bool clause_comma_before(const char *t, const tok *tk, size_t k);

/* How many words a clause's subject without a name may have ("Commission
 * inspectors", "the company", "The workers' previous three-year wage
 * agreement") */
#define NP_SUBJECT_WORDS 6
/* ... and how many words an appositive after it ("the Dutch company Helion
 * Imaging") */
#define APPOSITIVE_WORDS 9
/* ... and a relative clause there (", who won silver ... ,") */
#define RELATIVE_WORDS 16

/* Whether token k is a determiner ("the", "its", "these"): what opens a
 * subject with no name, and no infinitive after "to" ("marched to the
 * square", not "wanted to expand"). */
static bool determiner(const char *t, const tok *k)
{
	static const char *const det[] = { "the", "a", "an", "its", "his", "her", "their", "our",
		"this", "that", "these", "those", NULL };
	for (size_t i = 0; det[i]; i++)
		if (tok_is(t, k, det[i]))
			return true;
	return false;
}

/* Whether the verb at token k follows its clause's subject, a short noun
 * phrase with no name the actor finder knows: the clause's first words,
 * at most NP_SUBJECT_WORDS, opening with a determiner or a capital (or a
 * bare plural after an opening phrase and its comma; or,
 * after ", and", one or two words: "..., and talks deadlocked"), with no
 * preposition, number or conjunction, then auxiliaries ("the company
 * alerted regulators", "The union had served a strike notice",
 * "Commission inspectors carried out raids"). */
static bool np_subject_before(const char *t, const tok *tk, size_t ntok, size_t k, size_t floor)
{
	static const char *const aux[] = { "has", "have", "had", "was", "were", "is", "are",
		"also", "then", "later", "first", "finally", NULL };
	size_t e = k;
	for (bool more = true; more && e > 0;) {
		more = false;
		for (size_t i = 0; aux[i] && !more; i++)
			more = tok_is(t, &tk[e - 1], aux[i]);
		e -= more;
	}
	/* "Its owner, the Dutch company Helion Imaging, went bankrupt": the
	 * subject before an appositive of at most APPOSITIVE_WORDS */
	if (e > 0 && clause_comma_before(t, tk, e)) {
		/* ... or before a relative clause set off by commas ("The
		 * 27-year-old, who won silver over 1500 metres at the 2022
		 * African Championships, tested positive") */
		size_t reach = APPOSITIVE_WORDS;
		size_t b0 = e - 1;
		for (size_t r = e - 1; r > 0 && e - r <= RELATIVE_WORDS; r--)
			if (clause_break(t, tk[r - 1].e, tk[r].s)) {
				if (clause_comma_before(t, tk, r) &&
				    (tok_is(t, &tk[r], "who") || tok_is(t, &tk[r], "which")))
					reach = RELATIVE_WORDS;
				break;
			}
		while (b0 > 0 && e - b0 <= reach && !clause_break(t, tk[b0 - 1].e, tk[b0].s))
			b0--;
		if (b0 == 0 || e - b0 > reach || !clause_comma_before(t, tk, b0))
			return false;
		e = b0;
	} else if (e == 0 || clause_break(t, tk[e - 1].e, tk[e].s)) {
		return false;
	}
	if (e <= floor)
		return false;
	size_t c = e - 1;
	while (c > floor && e - c <= NP_SUBJECT_WORDS && !clause_break(t, tk[c - 1].e, tk[c].s))
		c--;
	if (e - c > NP_SUBJECT_WORDS || (c > floor && !clause_break(t, tk[c - 1].e, tk[c].s)))
		return false;
	/* a clause after ", and" or ", but": its subject may be a bare noun
	 * ("..., and talks deadlocked last month") */
	bool joined = c + 1 < e && is_and_but(t, &tk[c]);
	c += joined;
	static const char *const wh[] = { "which", "what", "who", "whose", "how", "why", "where",
		"when", NULL };
	bool opener = ctl_starts_upper(t + tk[c].s, tk[c].e - tk[c].s) || (joined && e - c <= 2);
	/* a bare plural after an opening phrase and its comma ("In August,
	 * officers recovered ...", "On Monday, police arrested ...") */
	if (!opener && !joined && c > 0 && e - c <= 2 && clause_comma_before(t, tk, c) &&
	    ctl_is_lower((unsigned char)t[tk[c].s]))
		opener = t[tk[e - 1].e - 1] == 's' || tok_is(t, &tk[e - 1], "police");
	/* ... or a counted one ("On Saturday, more than 2,000 union members
	 * marched", "several hundred residents") */
	static const char *const counts[] = { "more", "about", "some", "several", "nearly", "around",
		"almost", "over", "hundreds", "thousands", "dozens", NULL };
	bool counted = ctl_is_digit((unsigned char)t[tk[c].s]);
	for (size_t i = 0; counts[i] && !counted; i++)
		counted = tok_is(t, &tk[c], counts[i]);
	if (!opener && !joined && c > 0 && e - c <= 6 && counted && clause_comma_before(t, tk, c))
		opener = t[tk[e - 1].e - 1] == 's' || tok_is(t, &tk[e - 1], "people");
	opener |= determiner(t, &tk[c]);
	for (size_t i = 0; wh[i] && opener; i++)
		opener = !tok_is(t, &tk[c], wh[i]); /* a question's ("Which lines are affected") */
	if (!opener)
		return false;
	/* a participle before the clause's own verb: "The principle set out
	 * today is that ...", "The bridge built in 1887 was closed" */
	for (size_t i = k + 1; i < ntok && i < k + 5; i++) {
		if (clause_break(t, tk[i - 1].e, tk[i].s))
			break;
		if (tok_is(t, &tk[i], "is") || tok_is(t, &tk[i], "are") || tok_is(t, &tk[i], "was") ||
		    tok_is(t, &tk[i], "were"))
			return false;
	}
	/* words of letters, any script's ("José Ruiz yesterday appealed") */
	for (size_t i = c; i < e; i++) {
		/* digits in a count, or in a compound ("The 27-year-old") */
		bool digits = counted || memchr(t + tk[i].s, '-', tk[i].e - tk[i].s);
		for (uint32_t p = tk[i].s; p < tk[i].e; p++)
			if (!ctl_is_alpha((unsigned char)t[p]) && (unsigned char)t[p] < 0x80 &&
			    t[p] != '-' && t[p] != '\'' && !(digits && ctl_is_digit((unsigned char)t[p])))
				return false;
		/* a count's "than" and "of" ("more than 2,000 members",
		 * "hundreds of residents") */
		if ((is_preposition(t, &tk[i]) && !(counted && (tok_is(t, &tk[i], "than") || tok_is(t, &tk[i], "of")))) ||
		    is_and_but(t, &tk[i]) || subject_pronoun(t, &tk[i], true))
			return false;
	}
	return true;
}

static bool clause_that(const char *t, const tok *tk, size_t ntok, size_t k);

/* Whether token k is a past-tense verb that may anchor an event no trigger
 * names: an irregular form listed as `past` in events/past_verbs.tsv, or a
 * word of five letters or more ending in -ed and not listed as `not`; in
 * lower case, not used as an adjective, not before "to" and a verb
 * ("wanted to expand"), and right after a name, a subject pronoun, an
 * auxiliary, an adverb or "and", or after a subject with no name
 * (np_subject_before, whose clause starts no earlier than token `floor`). */
static bool past_verb(const struct ctl_events_data *d, const char *t, const tok *tk, size_t ntok,
		size_t k, size_t floor)
{
	const tok *w = &tk[k];
	size_t n = w->e - w->s;
	/* "wanted to expand", not "was adjourned to June 18"; "found that
	 * ..." tells what someone concluded, as a statement does */
	if (!ctl_is_lower((unsigned char)t[w->s]) ||
	    (k + 2 < ntok && tok_is(t, &tk[k + 1], "to") && ctl_is_lower((unsigned char)t[tk[k + 2].s]) &&
	     !determiner(t, &tk[k + 2])) ||
	    (k + 1 < ntok && tok_is(t, &tk[k + 1], "that") && clause_that(t, tk, ntok, k + 1)))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!ctl_is_alpha((unsigned char)t[w->s + i]))
			return false;
	/* the form first, the context after: most words are no past form */
	const ctl_lex_entry *e = ctl_lexicon_get(d->past, t + w->s, n);
	if (e ? e->nfields < 2 || strcmp(e->fields[1], "past")
	      : n < 5 || t[w->e - 2] != 'e' || t[w->e - 1] != 'd')
		return false;
	/* right after its subject, an auxiliary or an adverb: not a participle
	 * after a noun ("an agreement reached between the two companies") */
	static const char *const before[] = { "who", "which", "has", "have", "had", "was", "were", "been",
		"is", "are",
		"also", "then", "later", "first", "finally", "eventually", "recently", "previously",
		"subsequently", "successfully", "and", NULL };
	if (k == 0)
		return false;
	const tok *p = &tk[k - 1];
	bool ok = (ctl_starts_upper(t + p->s, p->e - p->s) &&
	           (!clause_break(t, p->e, w->s) || paren_close_only(t, p->e, w->s))) ||
		subject_pronoun(t, p, true) || np_subject_before(t, tk, ntok, k, floor);
	for (size_t i = 0; before[i] && !ok; i++)
		ok = tok_is(t, p, before[i]);
	return ok && (e || !adjective_context(t, tk, k));
}

/* Where a future construction ending with the verb at token j begins:
 * "will", "must" or "shall" right before it ("will defend", "must submit
 * an updated plan by the end of this year"), or "to" after a word that sets a
 * plan ("expected to begin", "due to open", "hopes to launch"), not after
 * "had" ("had planned to issue"); SIZE_MAX if none. The verb is a
 * lower-case word. */
static size_t future_start(const char *t, const tok *tk, size_t j)
{
	static const char *const cues[] = { "expected", "due", "set", "plans", "plan", "planned",
		"hopes", "hope", "going", "scheduled", "intends", "aims", "poised", NULL };
	const tok *w = &tk[j];
	for (uint32_t i = w->s; i < w->e; i++)
		if (!ctl_is_lower((unsigned char)t[i]))
			return SIZE_MAX;
	if (j >= 1 && (tok_is(t, &tk[j - 1], "will") || tok_is(t, &tk[j - 1], "must") ||
	               tok_is(t, &tk[j - 1], "shall")))
		return j - 1;
	if (j >= 2 && tok_is(t, &tk[j - 1], "to"))
		for (size_t i = 0; cues[i]; i++) {
			if (!tok_is(t, &tk[j - 2], cues[i]))
				continue;
			/* "had planned to issue", "had been due to fly": a plan
			 * that did not happen */
			for (size_t h = j - 2; h-- > 0 && j - 2 - h <= 2;)
				if (tok_is(t, &tk[h], "had"))
					return SIZE_MAX;
			return j - 1;
		}
	return SIZE_MAX;
}

/* Whether token i stands in a clause that "if", "unless" or "whether"
 * opens, up to eight words before it ("..., if no deal is reached",
 * "whether to open a full investigation"). */
static bool in_condition(const char *t, const tok *tk, size_t i)
{
	for (size_t j = i; j-- > 0 && i - j <= 8;) {
		if (break_before(t, tk, j + 1))
			return false;
		if (tok_is(t, &tk[j], "if") || tok_is(t, &tk[j], "unless") || tok_is(t, &tk[j], "whether"))
			return true;
	}
	return false;
}

/* Prepositions that, between a date and a noun, show the date does not
 * modify the noun ("a week before the elections"). */
static bool is_preposition(const char *t, const tok *tk)
{
	static const char *const words[] = { "before", "after", "ahead", "of", "since", "until",
		"by", "in", "on", "at", "for", "from", "to", "during", "amid", NULL };
	for (size_t i = 0; words[i]; i++)
		if (tok_is(t, tk, words[i]))
			return true;
	return false;
}

static bool no_punct_between(const char *t, uint32_t a, uint32_t b)
{
	for (uint32_t i = a; i < b; i++)
		if (t[i] == '.' || t[i] == ';' || t[i] == ':' || t[i] == '"')
			return false;
	return true;
}

/* A relative clause that opens at one of the sentence's first tokens
 * follows its subject ("The striker, who joined ..., opened"). */
#define SUBJECT_CLAUSE_AT 6

/* The sentences of the lead, the title's among them, whose present perfect
 * tells the article's own news ("... has blocked ...") */
#define LEAD_SENTENCES 4
/* ... and how many days before the report it may lie ("X, 84, has died":
 * an obituary follows the death by days) */
#define LEAD_PERFECT_DAYS 7

static bool capitalised(const char *t, const tok *k)
{
	return ctl_starts_upper(t + k->s, k->e - k->s);
}

/* Counts the bounds of the relative clauses set off by a comma (", which",
 * ", who") at the sentence's tokens before each token, into ds->opens
 * (ntok + 1 entries): where one opens, and, for one after the sentence's
 * subject, the comma that closes it ("The company, which sells software to
 * banks, priced its shares ... on Thursday": the date is not the
 * selling's; "... the verdict of a lower court, which acquitted X and his
 * co-defendant, businessman Y, on March 3" runs on past its commas). */
static void count_clauses(doc_state *ds)
{
	static const char *const pronouns[] = { "which", "who", "whom", "whose", NULL };
	const char *t = ds->doc->text;
	const tok *tk = ds->tk;
	size_t ntok = ds->ntok;
	if (ntok + 1 > ds->opens_cap)
		ctl_array_grow((void **)&ds->opens, &ds->opens_cap, ntok + 1, sizeof(*ds->opens));
	ds->opens[0] = 0;
	bool inside = false;
	for (size_t i = 0; i < ntok; i++) {
		bool opens = false, comma = i && clause_comma_before(t, tk, i);
		if (comma && (t[tk[i].s] | 0x20) == 'w')
			for (size_t k = 0; pronouns[k] && !opens; k++)
				opens = tok_is(t, &tk[i], pronouns[k]);
		/* "at his home in Stockbridge, Edinburgh, on Friday": a place's
		 * region between commas closes nothing */
		bool region = comma && i > 0 && capitalised(t, &tk[i - 1]) &&
			((i + 1 < ntok && capitalised(t, &tk[i]) && clause_comma_before(t, tk, i + 1)) ||
			 (i >= 2 && capitalised(t, &tk[i - 2]) && clause_comma_before(t, tk, i - 1)));
		comma &= !region;
		bool closes = inside && comma;
		inside = (opens && i <= SUBJECT_CLAUSE_AT) || (inside && !comma);
		ds->opens[i + 1] = ds->opens[i] + opens + closes;
	}
	ds->opens_ready = true;
}

/* Whether such a clause opens at one of the tokens [from, to): a date on
 * one side of it does not date a verb on the other ("met in Tokyo to sign
 * the deal, which negotiators concluded in December"). */
static bool clause_opens_in(doc_state *ds, size_t from, size_t to)
{
	if (from >= to)
		return false;
	if (!ds->opens_ready) /* counted for the sentences that ask */
		count_clauses(ds);
	return ds->opens[to] > ds->opens[from];
}

/* The words between a date source and a trigger. */
static size_t words_between(const dsrc *s, const trig *T)
{
	return T->b <= s->a ? s->a - T->b : T->a >= s->b ? T->a - s->b : 0;
}

/* How many words further a comma puts a date before its verb, against a
 * date after it ("Built in 1887, the bridge was given a 7.5-tonne weight
 * limit in 2016") */
#define COMMA_WORDS 6

/* Whether a clause's comma stands between two of tokens [a - 1, b]
 * (a >= 1), or "and"/"but" is one of [a, b) ("reached the semifinals in
 * 2024 and beat Ferrand ... in July"). */
static bool comma_between(const char *t, const tok *tk, size_t a, size_t b)
{
	for (size_t i = a; i <= b; i++)
		if (clause_comma_before(t, tk, i) || (i < b && is_and_but(t, &tk[i])))
			return true;
	return false;
}

/* Whether "and" or "but" after a clause's comma is one of tokens [a, b). */
static bool comma_and_between(const char *t, const tok *tk, size_t a, size_t b)
{
	for (size_t i = a ? a : 1; i < b; i++)
		if (is_and_but(t, &tk[i]) && clause_comma_before(t, tk, i))
			return true;
	return false;
}

/* Whether "that" at token k opens a clause ("found that the deal ...",
 * "found that Mateescu received") rather than points at a noun
 * ("certified that result"): a name, a determiner or a pronoun follows. */
static bool clause_that(const char *t, const tok *tk, size_t ntok, size_t k)
{
	static const char *const openers[] = { "the", "a", "an", "he", "she", "it", "they", "we",
		"there", "his", "her", "its", "their", "this", "these", "those", "between", "in", "on",
		"during", "after", "before", "since", "when", "while", "if", NULL };
	if (k + 1 >= ntok || ctl_is_upper((unsigned char)t[tk[k + 1].s]))
		return true;
	for (size_t i = 0; openers[i]; i++)
		if (tok_is(t, &tk[k + 1], openers[i]))
			return true;
	return false;
}

/* Whether "from" at token f follows a figure or a change ("rose 3.8% from
 * a year earlier", "up from last month"), which it compares with, rather
 * than starts something ("due to begin disbursing money from September"):
 * a number, "up" or "down" among the four words before it. */
static bool compared(const char *t, const tok *tk, size_t f)
{
	for (size_t i = f; i-- > 0 && f - i <= 4;)
		if (ctl_is_digit((unsigned char)t[tk[i].s]) || tok_is(t, &tk[i], "up") ||
		    tok_is(t, &tk[i], "down"))
			return true;
	return false;
}

/* Whether "but" or "yet" is one of tokens [a, b). */
static bool contrast_between(const char *t, const tok *tk, size_t a, size_t b)
{
	for (size_t i = a; i < b; i++)
		if (tok_is(t, &tk[i], "but") || tok_is(t, &tk[i], "yet"))
			return true;
	return false;
}

/* Whether t[a, b) is a possessive's "'s" (or "’s"): "Thursday's meeting". */
static bool possessive_tail(const char *t, uint32_t a, uint32_t b)
{
	if (b == a + 2)
		return t[a] == '\'' && (t[a + 1] | 0x20) == 's';
	return b == a + 4 && !memcmp(t + a, "\xE2\x80\x99", 3) && (t[a + 3] | 0x20) == 's';
}

/* How many words after a reporting verb a date may come and still date
 * the statement (the words of "at a news conference in Geneva on"). */
#define REPORT_DATE_REACH 7
/* ... and how far before it: from the sentence's first words ("Earlier on
 * Tuesday, the minister said"), or this near it with no comma between
 * ("Smith on Tuesday said") */
#define REPORT_DATE_OPENING 3
#define REPORT_DATE_NEAR 3

static size_t statement_for(doc_state *ds, const tok *tk, const trig *tr, size_t ntr, const dsrc *s);

/* Which trigger a date source dates (index + 1, or 0). */
static size_t attach(doc_state *ds, const tok *tk, const trig *tr, size_t ntr,
		const dsrc *srcs, const dsrc *s, bool in_dateline)
{
	const char *t = ds->doc->text;
	size_t first_report = SIZE_MAX;
	for (size_t r = 0; r < ntr; r++)
		if (tr[r].report && first_report == SIZE_MAX)
			first_report = r;
	/* a dateline's date is the report's */
	if (in_dateline)
		return first_report == SIZE_MAX ? 0 : first_report + 1;
	/* a chronology's line ("Nov. 21: Halcyon announces ...; Fairbanks is
	 * named chair"): the date that opens it is the first verb's after it */
	size_t opening = dated_line_start(t, tk, ds->ntok);
	if (opening && s->kind == SRC_TIMEX && s->a == 0 && s->b <= opening &&
	    !memchr(t + s->s, ':', s->e - s->s)) /* not a live blog's clock */
		for (size_t r = 0; r < ntr; r++)
			if (tr[r].a >= opening)
				return r + 1;
	if (s->kind == SRC_GAZ) {
		/* what happened at a named event: a meeting-like verb of the sentence */
		size_t pick = SIZE_MAX, bestd = SIZE_MAX;
		for (size_t r = 0; r < ntr; r++) {
			if (tr[r].report || strcmp(tr[r].e->fields[2], "verb") ||
			    strcmp(group_of(ds->d, tr[r].e->fields[1]), "meet") ||
			    (tr[r].dated && srcs[tr[r].dated - 1].kind == SRC_GAZ))
				continue;
			size_t d = tr[r].b <= s->a ? s->a - tr[r].b : tr[r].a - s->b;
			if (d < bestd) {
				bestd = d;
				pick = r;
			}
		}
		if (pick != SIZE_MAX)
			return pick + 1;
		/* else the named event itself, when its phrase holds a trigger */
		for (size_t r = 0; r < ntr; r++)
			if (!tr[r].dated && tr[r].a >= s->a && tr[r].b <= s->b)
				return r + 1;
		return 0;
	}
	/* a reporting verb right before it ("said Thursday", "published on Monday") */
	size_t before = s->a;
	if (before > 0 && tok_is(t, &tk[before - 1], "on"))
		before--;
	for (size_t r = 0; r < ntr; r++)
		if (tr[r].b == before && tr[r].report)
			return r + 1;
	/* ... or right after it ("the trade ministry on Monday announced") */
	for (size_t r = 0; r < ntr; r++)
		if (tr[r].a == s->b && tr[r].report &&
		    ctl_skip_space((const unsigned char *)t, tk[s->b - 1].e, tk[tr[r].a].s) == tk[tr[r].a].s)
			return r + 1;
	/* a noun the date modifies: right after it, no preposition between
	 * ("the November 8, 2016, presidential election") */
	for (size_t r = 0; r < ntr; r++) {
		if (strcmp(tr[r].e->fields[2], "noun") || tr[r].dated || tr[r].a < s->b || tr[r].a > s->b + 3)
			continue;
		bool prep = false;
		for (size_t i = s->b; i < tr[r].a; i++)
			prep |= is_preposition(t, &tk[i]);
		/* nor a verb between ("Sept. 30, 2022 - the president announces
		 * the annexation ...": the date opens the line, not the noun),
		 * nor "and" ("expired on 31 March, and talks deadlocked") */
		for (size_t q = 0; q < ntr && !prep; q++)
			prep = q != r && tr[q].a >= s->b && tr[q].b <= tr[r].a;
		for (size_t i = s->b; i < tr[r].a && !prep; i++)
			prep = is_and_but(t, &tk[i]);
		if (!prep && no_punct_between(t, tk[s->b - 1].e, tk[tr[r].a].s))
			return r + 1;
	}
	/* a noun right before it with a preposition ("the election in 2021") */
	for (size_t r = 0; r < ntr; r++) {
		if (strcmp(tr[r].e->fields[2], "noun") || tr[r].dated || tr[r].b > s->a || tr[r].b + 2 < s->a)
			continue;
		if (tr[r].b < s->a && is_preposition(t, &tk[tr[r].b]) &&
		    no_punct_between(t, tk[tr[r].b - 1].e, tk[s->a].s)) {
			/* the verb whose object the noun is dates with it ("hosted
			 * the talks on Tuesday"): the verb makes the title, the noun
			 * its class (below) */
			for (size_t q = 0; q < ntr; q++)
				if (q != r && !tr[q].report && !tr[q].dated && !strcmp(tr[q].e->fields[2], "verb") &&
				    tr[q].b <= tr[r].a && tr[r].a - tr[q].b <= 2 &&
				    no_punct_between(t, tk[tr[q].b - 1].e, tk[tr[r].a].s))
					return q + 1;
			return r + 1;
		}
	}
	/* the nearest event verb of the clause, before the date first */
	size_t pick = SIZE_MAX, bestd = SIZE_MAX;
	for (size_t r = 0; r < ntr; r++) {
		if (tr[r].report || strcmp(tr[r].e->fields[2], "verb"))
			continue;
		if (tr[r].b <= s->a ? clause_opens_in(ds, tr[r].b, s->a) :
		                      clause_opens_in(ds, s->b, tr[r].a + 1))
			continue;
		size_t d = tr[r].b <= s->a ? s->a - tr[r].b : 2 * (tr[r].a - s->b) + 1;
		/* a verb after "and" starts a clause of its own: "received the
		 * prize in 1994 and retired in 2001" */
		if (tr[r].a >= s->b)
			for (size_t i = s->b; i < tr[r].a; i++)
				if (is_and_but(t, &tk[i]) || tok_is(t, &tk[i], "or"))
					d += 64;
		if (d < bestd) {
			bestd = d;
			pick = r;
		}
	}
	if (pick != SIZE_MAX)
		return pick + 1;
	return statement_for(ds, tk, tr, ntr, s);
}

/* Whether a reporting trigger is "say" or "tell", whose words after it are
 * what was said ("said the fire had grown"), never an object. */
static bool speech_verb(const trig *T)
{
	return !strncmp(T->e->fields[3], "says", 4) || !strncmp(T->e->fields[3], "tells", 5);
}

/* Whether a reporting verb with no one named to speak is an act instead,
 * done to an object by a subject with no name ("The ministry declared the
 * outbreak a public health emergency last Friday", "His family announced
 * his death on Monday"): an event of its own, not a statement. */
static bool acting_report(doc_state *ds, const tok *tk, size_t ntok, const trig *T, size_t m0, size_t m1)
{
	static const char *const det[] = { "the", "a", "an", "his", "her", "its", "their", "our", NULL };
	const char *t = ds->doc->text;
	bool object = false;
	for (size_t i = 0; det[i] && T->b < ntok && !object; i++)
		object = tok_is(t, &tk[T->b], det[i]);
	/* not what was said, a clause with its verb ("said the fire had
	 * grown", "says the figure could be beaten") */
	static const char *const aux[] = { "had", "has", "have", "was", "were", "is", "are", "would",
		"could", "will", "may", "might", "should", "can", NULL };
	for (size_t j = T->b + 1; object && j < ntok && j <= T->b + 5; j++)
		for (size_t i = 0; aux[i] && object; i++)
			object = !tok_is(t, &tk[j], aux[i]);
	uint32_t s, e;
	return object && T->a > 0 && !speech_verb(T) && np_subject_before(t, tk, ntok, T->a, 0) &&
	       !find_speaker(ds, tk, ntok, T->a, T->b, m0, m1, &s, &e);
}

/* Whether token k counts what follows ("four cases", "several people"). */
static bool number_word(const char *t, const tok *k)
{
	static const char *const words[] = { "one", "two", "three", "four", "five", "six", "seven",
		"eight", "nine", "ten", "several", "some", "dozens", "hundreds", "thousands", NULL };
	for (size_t i = 0; words[i]; i++)
		if (tok_is(t, k, words[i]))
			return true;
	return false;
}

/* The sentence's statement a date source dates ("On Tuesday, the minister
 * said ...", "said at a news conference in Geneva on Tuesday"), unless the
 * date lies further on, in what was said ("the firm said more than 4
 * billion songs had been downloaded since its launch in 2003"): its
 * reporting verb's index + 1, or 0. */
static size_t statement_for(doc_state *ds, const tok *tk, const trig *tr, size_t ntr, const dsrc *s)
{
	const char *t = ds->doc->text;
	size_t first_report = SIZE_MAX;
	for (size_t r = 0; r < ntr; r++)
		if (tr[r].report && first_report == SIZE_MAX)
			first_report = r;
	if (first_report == SIZE_MAX)
		return 0;
	/* a reporting verb with its object, one clause to the date ("doctors
	 * reported four cases of bloodstream infection to provincial health
	 * authorities on February 19"): the object's words are not what was
	 * said, and the date may lie twice as far */
	size_t reach = REPORT_DATE_REACH;
	const trig *R = &tr[first_report];
	if (R->b < ds->ntok && s->a > R->b && !speech_verb(R) &&
	    (determiner(t, &tk[R->b]) || ctl_is_digit((unsigned char)t[tk[R->b].s]) || number_word(t, &tk[R->b]))) {
		/* (a future construction there makes it no statement's date at
		 * all: below) */
		bool plain = true;
		for (size_t j = R->b; j < s->a && plain; j++)
			plain = !clause_break(t, tk[j].e, tk[j + 1].s) && !tok_is(t, &tk[j], "that");
		for (size_t r = 0; r < ntr && plain; r++)
			plain = !(tr[r].a >= R->b && tr[r].a < s->a && !strcmp(tr[r].e->fields[2], "verb"));
		if (plain)
			reach = 2 * REPORT_DATE_REACH;
	}
	if (s->a > R->b + reach)
		return 0;
	/* words quoted are not when they were said ('said the Budget "does
	 * not borrow from tomorrow"') */
	if (in_quotes(ds, s->s))
		return 0;
	/* before the verb: opening the sentence ("On Tuesday, ...") or next to
	 * it ("the ministry on Friday said"), not inside what was said ("Kotick
	 * will stay on until the end of the year, the companies said") */
	if (s->b <= tr[first_report].a && s->a > REPORT_DATE_OPENING &&
	    (tr[first_report].a - s->b > REPORT_DATE_NEAR ||
	     memchr(t + tk[s->b - 1].e, ',', tk[tr[first_report].a].s - tk[s->b - 1].e)))
		return 0;
	/* after it, not in a relative clause ("said Okonkwo-Blake, who
	 * reached the semifinals here in 2024") */
	if (s->a >= tr[first_report].b && clause_opens_in(ds, tr[first_report].b, s->a + 1))
		return 0;
	/* ... nor after a verb ahead in what was said ("said two more
	 * stoppages will go ahead on October 21") */
	for (size_t j = tr[first_report].b; j < s->a; j++)
		if (future_start(t, tk, j) != SIZE_MAX)
			return 0;
	return first_report + 1;
}

/* Whether t[a, b) holds only spaces and up to two auxiliaries ("has",
 * "was", "will"): what may stand between a subject's comma and its verb. */
static bool only_aux_between(const char *t, uint32_t a, uint32_t b)
{
	static const char *const aux[] = { "has", "have", "had", "was", "were", "is", "are",
		"will", "would", "also", "then", "later", NULL };
	size_t words = 0;
	for (uint32_t i = a; i < b;) {
		if (ctl_is_space((unsigned char)t[i])) {
			i++;
			continue;
		}
		uint32_t j = i;
		while (j < b && ctl_is_alpha((unsigned char)t[j]))
			j++;
		if (j == i || ++words > 2)
			return false;
		bool known = false;
		for (size_t k = 0; aux[k] && !known; k++)
			known = strlen(aux[k]) == j - i && !memcmp(t + i, aux[k], j - i);
		if (!known)
			return false;
		i = j;
	}
	return true;
}

/* Whether a comma or a semicolon stands between tokens k - 1 and k (not
 * the comma of "9,000"). */
static bool clause_comma_before(const char *t, const tok *tk, size_t k)
{
	for (uint32_t p = tk[k - 1].e; p < tk[k].s; p++)
		if ((t[p] == ',' && !inner_mark(t, p)) || t[p] == ';')
			return true;
	return false;
}

/* The subject of event trigger T: the last actor named before it outside
 * quotes, but
 * - before a verb joined by "and"/"but", the subject of the verb before
 *   ("She received the Nobel prize in 1994 and retired in 2001": not the
 *   prize's name);
 * - the name an appositive describes, not a name inside the appositive
 *   ("Anna Kowalczyk, the Freedonian chemist, died");
 * - none when a clause after a comma has a subject of its own ("..., even
 *   as the broader market fell"); the sentence's first actor when that
 *   clause is a participle's ("..., claiming to have stolen").
 * False when there is none. */
static bool subject_of(doc_state *ds, const tok *tk, const trig *tr, size_t ntr, const trig *T,
		size_t m0, size_t m1, uint32_t *subs, uint32_t *sube)
{
	const char *t = ds->doc->text;
	uint32_t limit = tk[T->a].s;
	/* a pronoun right before the verb: "he"/"she" is the person named
	 * last in the sentence, "it" its first other actor, else no one named
	 * ("He was elected a fellow of the Royal Society in 1986, and in 1996
	 * he shared the prize": not the Royal Society) */
	if (T->a > 0) {
		const tok *p = &tk[T->a - 1];
		static const char *const adverbs[] = { "first", "also", "then", "later", "finally",
			"recently", "eventually", "quickly", "previously", "subsequently", NULL };
		bool adverb = false;
		for (size_t i = 0; adverbs[i] && !adverb && T->a > 1; i++)
			adverb = tok_is(t, p, adverbs[i]);
		if (adverb)
			p--; /* "it first detected" */
		bool person = tok_is(t, p, "he") || tok_is(t, p, "she"), it = tok_is(t, p, "it");
		if (tok_is(t, p, "they") || tok_is(t, p, "we"))
			return false;
		if (person || it) {
			/* "he": the last person; "it": the first other actor, the
			 * sentence's subject ("Norvex, which has 3.4 million UK
			 * customers, said it first detected ...") */
			const ctl_mention *pm = NULL;
			for (size_t i = m0; i < m1 && !(it && pm); i++) {
				const ctl_mention *m = &ds->mentions->items[i];
				if (m->role == CTL_MENTION_ACTOR && m->end <= p->s && !in_quotes(ds, m->start) &&
				    !m->tentative && (m->type == CTL_ACTOR_PERSON) == person)
					pm = m;
			}
			if (pm) {
				*subs = pm->start;
				*sube = pm->end;
				return true;
			}
			return false; /* not a person of another sentence: an
			               * obituary names many */
		}
	}
	if (T->a > 0 && is_and_but(t, &tk[T->a - 1]))
		for (size_t r = 0; r < ntr; r++)
			if (&tr[r] != T && tr[r].b < T->a && tk[tr[r].a].s < limit)
				limit = tk[tr[r].a].s;
	const ctl_mention *best = NULL;
	for (size_t i = m0; i < m1; i++) {
		const ctl_mention *m = &ds->mentions->items[i];
		/* not a word only other articles may make a name
		 * ("Relations between the neighbours deteriorated") */
		if (m->role == CTL_MENTION_ACTOR && m->end <= limit && !in_quotes(ds, m->start) &&
		    !m->tentative)
			best = m;
	}
	if (!best)
		return false;
	/* the clause the verb is in, when a comma or a semicolon comes after
	 * the name: "X jumped 12%, even as the broader market fell" has a
	 * subject of its own; "Y posted X's name ..., claiming to have stolen"
	 * is the sentence's subject's */
	size_t cl = T->a;
	while (cl > 0 && tk[cl - 1].e > best->end && !clause_comma_before(t, tk, cl))
		cl--;
	/* "a tariff on steel, taking effect on Aug. 1": a participle opening
	 * its clause says what the thing before did, not the actor */
	if (cl == T->a && cl > 0 && tk[cl - 1].e >= best->end && clause_comma_before(t, tk, cl) &&
	    tk[cl].e - tk[cl].s > 4 && !memcmp(t + tk[cl].e - 3, "ing", 3))
		return false;
	if (cl > 0 && tk[cl - 1].e > best->end && cl < T->a) {
		static const char *const subord[] = { "as", "while", "when", "if", "although",
			"though", "whereas", "because", "unless", "once", "after", "before", "since",
			"even", "where", NULL };
		size_t j = cl;
		bool sub = false;
		for (; j < T->a; j++) {
			bool w = false;
			for (size_t k = 0; subord[k] && !w; k++)
				w = tok_is(t, &tk[j], subord[k]);
			if (!w)
				break;
			sub = true;
		}
		if (sub && j < T->a && ctl_is_lower((unsigned char)t[tk[j].s])) {
			if (!subject_pronoun(t, &tk[j], true))
				return false;
		}
		const tok *w = &tk[cl];
		if (!sub && w->e - w->s > 4 && !memcmp(t + w->e - 3, "ing", 3) &&
		    ctl_is_lower((unsigned char)t[w->s]) && !tok_is(t, w, "according") &&
		    !tok_is(t, w, "including")) {
			for (size_t i = m0; i < m1; i++) {
				const ctl_mention *m = &ds->mentions->items[i];
				if (m->role == CTL_MENTION_ACTOR && !in_quotes(ds, m->start) && !m->tentative) {
					best = m;
					break;
				}
			}
		}
	}
	/* an appositive between commas right before the verb */
	uint32_t c2 = limit;
	while (c2 > best->end && t[c2 - 1] != ',')
		c2--;
	if (c2 > best->end && only_aux_between(t, c2, limit)) {
		for (const ctl_mention *p = best; p-- > ds->mentions->items + m0;) {
			if (p->role != CTL_MENTION_ACTOR || in_quotes(ds, p->start) || p->tentative ||
			    (p->type != CTL_ACTOR_PERSON && !is_named_org(p)))
				continue;
			if (p->end < best->start && t[p->end] == ',')
				best = p;
			break;
		}
	}
	*subs = best->start;
	*sube = best->end;
	return true;
}

static void sentence_events(ctl_event_store *st, doc_state *ds, size_t di, uint32_t ss, uint32_t se, const ctl_timex_list *tx, size_t *ti, size_t *mi,
		tok **toks, size_t *tokcap, trig **trigs, size_t *trigcap, dsrc **srcs, size_t *srccap,
		bool lead)
{
	const char *t = ds->doc->text;
	const struct ctl_events_data *d = ds->d;
	size_t ntok = tokenize(t, ss, se, toks, tokcap);
	tok *tk = *toks;
	char buf[256];
	size_t len;
	if (!ntok)
		return;
	ds->tk = tk;
	ds->ntok = ntok;
	ds->sent_start = ss;
	ds->opens_ready = false;
	scan_quotes(ds, ss, se);

	/* mentions and time expressions of this sentence */
	while (*mi < ds->mentions->len && ds->mentions->items[*mi].start < ss)
		(*mi)++;
	size_t m0 = *mi, m1 = m0;
	while (m1 < ds->mentions->len && ds->mentions->items[m1].start < se)
		m1++;
	while (*ti < tx->len && tx->items[*ti].start < ss)
		(*ti)++;
	size_t t0 = *ti, t1 = t0;
	while (t1 < tx->len && tx->items[t1].start < se)
		t1++;
	/* a live page's day over its entries ("Thursday 19 February 2026"):
	 * their statements are of that day, not of the page's last update
	 * (the time tagger resolves their "yesterday" against it too) */
	if (t1 == t0 + 1) {
		const ctl_timex *X = &tx->items[t0];
		bool whole = ctl_timex_day_heading(X, ds->dct);
		for (size_t i = 0; i < ntok && whole; i++)
			whole = (tk[i].s >= X->start && tk[i].e <= X->end) ||
			        ctl_timex_heading_note(t + tk[i].s, tk[i].e - tk[i].s);
		if (whole) {
			ds->section_day = X->when.earliest;
			return;
		}
	}
	/* a wire dateline opening the sentence's line */
	/* the sentence's line, from the line table: sentences come in text
	 * order, so a cursor finds each in one pass over the lines (scanning
	 * the text for '\n' from every sentence was quadratic on a long line) */
	const ctl_document *doc = ds->doc;
	while (ds->line_cur + 1 < doc->nlines && doc->lines[ds->line_cur].end < ss)
		ds->line_cur++;
	uint32_t ls = ss, le = se;
	if (ds->line_cur < doc->nlines && doc->lines[ds->line_cur].start <= ss &&
	    doc->lines[ds->line_cur].end >= se) {
		ls = doc->lines[ds->line_cur].start;
		le = doc->lines[ds->line_cur].end;
	} else {
		while (ls > 0 && t[ls - 1] != '\n')
			ls--;
		while (le < doc->len && t[le] != '\n')
			le++;
	}
	uint32_t dl_end = ctl_dateline_end(t, ls, le, NULL);
	if (dl_end) {
		/* the dateline runs to its agency tag, if any: "SPRINGFIELD, May 3. /AGENCY/." */
		uint32_t p = dl_end;
		while (p < se && p < dl_end + 40 && t[p] != '/')
			p++;
		if (p < se && t[p] == '/') {
			const char *close = memchr(t + p + 1, '/', se - p - 1 < 40 ? se - p - 1 : 40);
			if (close)
				dl_end = (uint32_t)(close - t) + 1;
		} else {
			/* ... or to the dash after its date: "KAZAN, Oct 25, 2024 -
			 * ...", "KYIV, Jan 5 (Reuters) - ..." */
			bool digit = false;
			for (p = dl_end; p < se && p < dl_end + 40; p++) {
				digit |= ctl_is_digit((unsigned char)t[p]);
				size_t dl = dash_len(t, p, se);
				if (dl) {
					if (digit)
						dl_end = p + (uint32_t)dl;
					break;
				}
			}
		}
	}
	ds->dl_end = dl_end;

	/* 1. triggers, longest phrase first, not inside a name or a date */
	const uint64_t *trig_shapes = ctl_lexicon_first_word_shapes(d->triggers);
	const uint64_t *gaz_shapes = ctl_lexicon_first_word_shapes(d->gaz_index);
	size_t ntr = 0;
	for (size_t i = 0; i < ntok;) {
		size_t took = 0;
		/* only the phrase lengths of the keys that begin with this word */
		size_t kmax = first_word_max(d->triggers, trig_shapes, t, &tk[i]);
		for (size_t k = kmax < d->max_trigger_words ? kmax : d->max_trigger_words; k >= 1; k--) {
			if (i + k > ntok || !phrase(t, tk, i, k, buf, sizeof(buf), &len))
				continue;
			const ctl_lex_entry *e = ctl_lexicon_get(d->triggers, buf, len);
			if (!e)
				continue;
			bool skip = false;
			/* not inside a name, but a sentence's first word that is
			 * only tentatively one is the trigger ("Born in Greymouth in
			 * 1935, ...") */
			for (size_t m = m0; m < m1 && !skip; m++) {
				const ctl_mention *M = &ds->mentions->items[m];
				skip = tk[i].s >= M->start && tk[i].s < M->end &&
				       !(M->tentative && M->start == tk[i].s && M->end == tk[i + k - 1].e);
			}
			for (size_t x = t0; x < t1 && !skip; x++)
				skip = tk[i].s >= tx->items[x].start && tk[i].s < tx->items[x].end;
			/* "the alleged attack": a participle used as an adjective */
			if (!skip && i > 0 && !strcmp(e->fields[2], "verb") && len > 2 &&
			    buf[len - 2] == 'e' && buf[len - 1] == 'd' && adjective_context(t, tk, i))
				skip = true;
			/* "..., if no deal is reached": what a condition supposes
			 * has not happened */
			if (!skip && !is_report_kind(e) && in_condition(t, tk, i))
				skip = true;
			/* "by 44 votes to 35": a number before it makes it a noun */
			if (!skip && i > 0 && !strcmp(e->fields[2], "verb") && k == 1 && buf[len - 1] == 's' &&
			    ctl_is_digit((unsigned char)t[tk[i - 1].e - 1]))
				skip = true;
			if (skip)
				break;
			trig *tr = CTL_ARRAY_PUSH(*trigs, ntr, *trigcap);
			tr->a = i;
			tr->b = i + k;
			tr->e = e;
			tr->report = is_report_kind(e);
			tr->prio = class_priority(e->fields[1], tr->report);
			tr->dated = 0;
			took = k;
			break;
		}
		i += took ? took : 1;
	}
	/* a chronology's entry tells what happened in the present, often with
	 * no subject ("March 2019 – Raises £60m ...", "21 September 2021 –
	 * Postpones IPO"): the first verb after its date, a trigger's present
	 * form or a past form ("Shares priced at 310p") */
	size_t opening = dated_line_start(t, tk, ntok);
	bool chrono_trig = false;
	for (size_t r = 0; r < ntr && !chrono_trig; r++)
		chrono_trig = (*trigs)[r].a >= opening && (*trigs)[r].a < opening + CHRONO_VERB_REACH;
	for (size_t j = opening; opening && !chrono_trig && j < ntok && j < opening + CHRONO_VERB_REACH; j++) {
		if (j > opening && clause_break(t, tk[j - 1].e, tk[j].s))
			break;
		const ctl_lex_entry *p = ctl_lexicon_get(d->present, t + tk[j].s, tk[j].e - tk[j].s);
		const ctl_lex_entry *e = p ? ctl_lexicon_get(d->triggers, p->fields[1], strlen(p->fields[1])) : NULL;
		if (!e && !past_verb(d, t, tk, ntok, j, 0))
			continue;
		trig *g = CTL_ARRAY_PUSH(*trigs, ntr, *trigcap);
		*g = (trig){ .a = j, .b = j + 1, .e = e ? e : &past_entry, .report = e && is_report_kind(e),
		             .prio = e ? class_priority(e->fields[1], is_report_kind(e)) :
		                         class_priority("other", false) };
		chrono_trig = true;
		break;
	}
	/* ... or, with no verb, what the entry names ("October 2027 - Earth
	 * flyby", "2013 – Founded"): a line the cleaner found in a chronology,
	 * its words after the date the title */
	if (opening && !chrono_trig && opening < ntok && ds->line_cur < doc->nlines &&
	    doc->lines[ds->line_cur].chrono && ls == ss) {
		trig *g = CTL_ARRAY_PUSH(*trigs, ntr, *trigcap);
		*g = (trig){ .a = opening, .b = opening + 1, .e = &past_entry, .report = false,
		             .prio = class_priority("other", false) };
	}
	trig *tr = *trigs;

	/* 2. date sources: named events first, then time expressions */
	size_t nsrc = 0;
	int years[8];
	size_t nyears = 0;
	for (size_t x = t0; x < t1; x++) {
		const ctl_timex *X = &tx->items[x];
		int y, m, dd;
		if (X->anchor == CTL_ANCHOR_ABSOLUTE && X->when.earliest != CTL_DAY_NONE && nyears < 8) {
			ctl_day_to_ymd(X->when.earliest, &y, &m, &dd);
			years[nyears++] = y;
		}
	}
	for (size_t i = 0; i < ntok; i++) {
		/* only the lengths of the keys beginning with this word; a single
		 * word is also looked up without a final "s" */
		const char *w0 = t + tk[i].s;
		size_t n0 = tk[i].e - tk[i].s;
		size_t kmax = first_word_max(d->gaz_index, gaz_shapes, t, &tk[i]);
		if (!kmax && n0 > 1 && (w0[n0 - 1] == 's' || w0[n0 - 1] == 'S') &&
		    ctl_lex_shape_has(gaz_shapes, ctl_lex_shape_bit(w0, n0 - 1)) &&
		    ctl_lexicon_first_word_max(d->gaz_index, w0, n0 - 1))
			kmax = 1;
		for (size_t k = kmax < d->max_gaz_words ? kmax : d->max_gaz_words; k >= 1; k--) {
			if (i + k > ntok || !phrase(t, tk, i, k, buf, sizeof(buf), &len))
				continue;
			const ctl_lex_entry *e = ctl_lexicon_get(d->gaz_index, buf, len);
			if (!e && len > 1 && (buf[len - 1] == 's' || buf[len - 1] == 'S'))
				e = ctl_lexicon_get(d->gaz_index, buf, len - 1);
			if (!e)
				continue;
			const gaz_row *row = pick_row(ds, (size_t)strtoul(e->fields[1], NULL, 10),
				(size_t)strtoul(e->fields[2], NULL, 10), ss, se, years, nyears);
			if (!row)
				break;
			dsrc *s = CTL_ARRAY_PUSH(*srcs, nsrc, *srccap);
			memset(s, 0, sizeof(*s));
			s->kind = SRC_GAZ;
			s->s = tk[i].s;
			s->e = tk[i + k - 1].e;
			s->a = i;
			s->b = i + k;
			s->row = row;
			s->iv.earliest = row->start;
			s->iv.latest = row->end;
			s->iv.certainty = CTL_CERT_INFERRED;
			fit_precision(&s->iv);
			i += k - 1;
			break;
		}
	}
	size_t ngaz = nsrc;
	for (size_t x = t0; x < t1; x++) {
		const ctl_timex *X = &tx->items[x];
		if ((X->type != CTL_TIMEX_DATE && X->type != CTL_TIMEX_TIME) || X->end > se)
			continue;
		/* a year that only picked a named event's row ("the election in 2016") */
		bool consumed = false;
		for (size_t g = 0; g < ngaz && !consumed; g++) {
			int y, m, dd;
			ctl_day_to_ymd((*srcs)[g].row->start, &y, &m, &dd);
			consumed = X->when.precision == CTL_PREC_YEAR && X->when.earliest == ctl_day_from_ymd(y, 1, 1);
		}
		if (consumed)
			continue;
		dsrc s;
		memset(&s, 0, sizeof(s));
		s.kind = SRC_TIMEX;
		s.s = X->start;
		s.e = X->end;
		s.iv = X->when;
		if (s.iv.earliest != CTL_DAY_NONE)
			s.iv.certainty = X->anchor == CTL_ANCHOR_ABSOLUTE ? CTL_CERT_STATED : CTL_CERT_INFERRED;
		else if (!partial_md(X->value, &s.pm, &s.pd) && !(s.weekday = ctl_timex_value_weekday(X->value)))
			continue; /* PAST_REF and the like date nothing */
		/* "last Friday": the expression's first word, or the word before */
		s.last = (ctl_eq_nocase(t + X->start, 4, "last") && t[X->start + 4] == ' ') ||
			(X->start >= ss + 5 && ctl_eq_nocase(t + X->start - 5, 4, "last"));
		s.a = SIZE_MAX;
		for (size_t i = 0; i < ntok; i++)
			if (tk[i].s >= X->start &&
			    (tk[i].e <= X->end || (tk[i].s < X->end && possessive_tail(t, X->end, tk[i].e)))) {
				if (s.a == SIZE_MAX)
					s.a = i;
				s.b = i + 1;
			}
		/* "rose 3.8% from a year earlier", "up 5% than a year ago": a
		 * relative date after "from"/"than"/"over" is what a figure is
		 * compared with, not when anything happened; a date with a
		 * number in it is not ("to take effect from Aug. 15") */
		if (s.a != SIZE_MAX && s.a > 0 && X->anchor != CTL_ANCHOR_ABSOLUTE &&
		    !has_digit(t + X->start, X->end - X->start) &&
		    ((tok_is(t, &tk[s.a - 1], "from") && compared(t, tk, s.a - 1)) ||
		     tok_is(t, &tk[s.a - 1], "than") ||
		     tok_is(t, &tk[s.a - 1], "over") || tok_is(t, &tk[s.a - 1], "versus")))
			continue;
		if (s.a != SIZE_MAX && names_period(d, t, tk, ntok, s.a, s.b, X))
			continue;
		if (s.a != SIZE_MAX)
			*CTL_ARRAY_PUSH(*srcs, nsrc, *srccap) = s;
	}
	dsrc *src = *srcs;

	/* 3. each date source dates a trigger; a weekday "last" before a named
	 * event's verb tells when the report was written */
	for (size_t k = 0; k < nsrc; k++) {
		dsrc *s = &src[k];
		size_t r = attach(ds, tk, tr, ntr, src, s, dl_end && s->s < dl_end);
		if (!r)
			continue;
		/* a word of a named event's phrase ("the trade summit ... last
		 * Friday") stands for what the named event dates */
		for (size_t g = 0; g < ngaz && s->kind == SRC_TIMEX; g++)
			if (src[g].trig && tr[r - 1].a >= src[g].a && tr[r - 1].b <= src[g].b)
				r = src[g].trig;
		trig *T = &tr[r - 1];
		if (T->dated) {
			dsrc *o = &src[T->dated - 1];
			if (o->kind == SRC_GAZ && s->weekday && s->last)
				o->weekday = s->weekday;
			/* "Last week, X refused ..., a remark Y rejected on
			 * Tuesday": the date next to the verb dates it; at the
			 * same distance, a date right after the verb with at most
			 * a preposition between ("released on Nov. 2") beats one
			 * before it */
			size_t ws = words_between(s, T), wo = words_between(o, T);
			/* a date before the verb with a comma between is further
			 * ("whom she married in 1959, died in 2011") */
			ws += s->b <= T->a && comma_between(t, tk, s->b, T->a) ? COMMA_WORDS : 0;
			wo += o->b <= T->a && comma_between(t, tk, o->b, T->a) ? COMMA_WORDS : 0;
			bool s_after = s->a >= T->b && ws <= 1, o_after = o->a >= T->b && wo <= 1;
			/* a date before "but" is its own clause's ("had intended
			 * to list at the end of September but postponed the float
			 * on 21 September") */
			bool s_but = s->b <= T->a && contrast_between(t, tk, s->b, T->a),
			     o_but = o->b <= T->a && contrast_between(t, tk, o->b, T->a);
			/* ... and a date after ", and" is the next clause's ("was
			 * destroyed by a wildfire ..., and in 2023 more than two
			 * million hectares burned") */
			s_but |= s->a >= T->b && comma_and_between(t, tk, T->b, s->a);
			o_but |= o->a >= T->b && comma_and_between(t, tk, T->b, o->a);
			if (o->kind != SRC_TIMEX || s->kind != SRC_TIMEX || (dl_end && o->s < dl_end) ||
			    (s_but && !o_but) ||
			    (s_but == o_but && ws >= wo && !(ws == wo && s_after && !o_after))) {
				/* the verb is another date's: this one may still date
				 * the statement ("On Wednesday, X announced duties ...,
				 * to take effect from Aug. 15"); so may the other date,
				 * below, when this one takes its verb */
				size_t r2 = s->kind == SRC_TIMEX ? statement_for(ds, tk, tr, ntr, s) : 0;
				if (r2 && r2 != r && !tr[r2 - 1].dated) {
					tr[r2 - 1].dated = (int)k + 1;
					s->trig = r2;
				}
				continue;
			}
			o->trig = 0;
			size_t r2 = statement_for(ds, tk, tr, ntr, o);
			if (r2 && r2 != r && !tr[r2 - 1].dated) {
				tr[r2 - 1].dated = T->dated;
				o->trig = r2;
			}
		}
		T->dated = (int)k + 1;
		s->trig = r;
	}

	/* 3b. a date no trigger took: a past-tense verb of its clause with a
	 * named subject or a pronoun, nearest before the date, else just after
	 * it, else a verb in the future before it
	 * ("Winsemius brought the three parties back to the table on
	 * Saturday", "in 1996 he shared the Lindqvist Prize"); not in a
	 * question ("Which lines are affected this week?") */
	bool question = ntok && tk[ntok - 1].e < se && t[tk[ntok - 1].e] == '?';
	for (size_t k = 0; k < nsrc && !question; k++) {
		dsrc *s = &src[k];
		if (s->trig || s->kind != SRC_TIMEX || (dl_end && s->s < dl_end) ||
		    (s->iv.earliest == CTL_DAY_NONE && !s->weekday))
			continue;
		size_t v = SIZE_MAX;
		for (size_t j = s->a; j-- > 0 && s->a - j <= 12;) {
			if (clause_break(t, tk[j].e, tk[j + 1].s))
				break;
			if (past_verb(d, t, tk, ntok, j, 0)) {
				v = j;
				break;
			}
		}
		/* a date that opens its clause ("Two months later, in November
		 * 2021, Commission inspectors carried out raids") reaches past
		 * its comma to the clause's subject and verb */
		size_t a0 = s->a > 0 && is_preposition(t, &tk[s->a - 1]) ? s->a - 1 : s->a;
		bool fronted = a0 == 0 || clause_break(t, tk[a0 - 1].e, tk[a0].s);
		size_t reach = fronted ? s->b + 2 + NP_SUBJECT_WORDS : s->b + 4;
		/* ... its clause's subject starting after it, comma or none ("In
		 * 2022 the city honored her") */
		size_t floor = fronted && s->b < ntok && !clause_break(t, tk[s->b - 1].e, tk[s->b].s) ? s->b : 0;
		for (size_t j = s->b, breaks = 0; v == SIZE_MAX && j < ntok && j < reach; j++) {
			if (clause_break(t, tk[j - 1].e, tk[j].s) && (!fronted || j > s->b || ++breaks > 1))
				break;
			if (past_verb(d, t, tk, ntok, j, floor))
				v = j;
		}
		if (v == SIZE_MAX || v < s->b)
			floor = 0;
		/* ... else what lies ahead: "he will defend his title in 2027",
		 * "the trial is expected to begin in October" */
		size_t fa = SIZE_MAX;
		for (size_t j = s->a; v == SIZE_MAX && j-- > 1 && s->a - j <= 12;) {
			if (clause_break(t, tk[j].e, tk[j + 1].s))
				break;
			fa = future_start(t, tk, j);
			if (fa != SIZE_MAX)
				v = j;
		}
		bool taken = false;
		for (size_t r = 0; r < ntr && !taken; r++)
			taken = v >= tr[r].a && v < tr[r].b;
		if (v == SIZE_MAX || taken)
			continue;
		trig g = { .a = fa != SIZE_MAX ? fa : v, .b = v + 1, .e = &past_entry, .report = false,
		           .prio = class_priority("other", false), .dated = (int)k + 1 };
		/* "will be presented": the participle too */
		if (fa != SIZE_MAX && tok_is(t, &tk[v], "be") && v + 1 < s->a &&
		    ctl_is_lower((unsigned char)t[tk[v + 1].s]))
			g.b = v + 2;
		/* a named subject, or a pronoun right before the verb ("in 1996
		 * he shared the prize": the clause is the title); what lies ahead
		 * needs neither ("The trial is expected to begin in October") */
		uint32_t subs, sube;
		/* a passive needs no named subject either ("The case was
		 * adjourned to June 18", "The attack was detected around 2 a.m.
		 * Saturday") */
		bool passive = tok_is(t, &tk[g.a - 1], "was") || tok_is(t, &tk[g.a - 1], "were") ||
			tok_is(t, &tk[g.a - 1], "been") || tok_is(t, &tk[g.a - 1], "is") ||
			tok_is(t, &tk[g.a - 1], "are");
		/* ... nor a verb after "and" in a sentence a pronoun opens ("She
		 * relearned the piano, and gave her final concert in April") */
		bool pronoun = subject_pronoun(t, &tk[g.a - 1], false) ||
			(tok_is(t, &tk[g.a - 1], "and") && subject_pronoun(t, &tk[0], false)) ||
			/* "the Millrace Bridge, which gave way on Tuesday" */
			(g.a > 1 && tok_is(t, &tk[g.a - 1], "which") && clause_comma_before(t, tk, g.a - 1));
		/* ... and the date may stand between the subject and its verb
		 * ("A county jury on Thursday found ...") */
		if (fa == SIZE_MAX && !passive && !pronoun && !np_subject_before(t, tk, ntok, g.a, floor) &&
		    !(g.a == s->b && a0 > 0 && np_subject_before(t, tk, ntok, a0, floor)) &&
		    !subject_of(ds, tk, tr, ntr, &g, m0, m1, &subs, &sube))
			continue;
		*CTL_ARRAY_PUSH(*trigs, ntr, *trigcap) = g;
		tr = *trigs;
		s->trig = ntr;
	}

	/* complete missing years: after what a reaction refers to, else the
	 * occurrence nearest the narrative's last date */
	for (size_t k = 0; k < nsrc; k++) {
		dsrc *s = &src[k];
		if (!s->trig)
			continue;
		trig *T = &tr[s->trig - 1];
		if (s->iv.earliest == CTL_DAY_NONE && s->pm) {
			ctl_day after = CTL_DAY_NONE;
			const char *g = group_of(d, T->e->fields[1]);
			if (!strcmp(g, "say") || !strcmp(g, "report"))
				for (size_t o = 0; o < nsrc; o++)
					if (o != k && src[o].iv.earliest != CTL_DAY_NONE &&
					    (after == CTL_DAY_NONE || src[o].iv.earliest > after))
						after = src[o].iv.earliest;
			if (after != CTL_DAY_NONE)
				s->iv = year_after(s->pm, s->pd, after);
			else if (ds->anchor != CTL_DAY_NONE)
				s->iv = nearest_year(s->pm, s->pd, ds->anchor);
			if (s->iv.earliest == CTL_DAY_NONE)
				s->trig = 0; /* the year stays unknown: no date invented */
		}
		if (s->iv.earliest != CTL_DAY_NONE && s->iv.precision != CTL_PREC_YEAR)
			ds->anchor = s->iv.earliest;
	}

	/* "the attack during the election": a noun dated by the event it happened during */
	for (size_t r = 0; r < ntr; r++) {
		if (tr[r].dated || strcmp(tr[r].e->fields[2], "noun") || tr[r].prio < 3)
			continue;
		for (size_t k = 0; k < nsrc; k++) {
			dsrc *s = &src[k];
			if (s->iv.earliest == CTL_DAY_NONE || s->a <= tr[r].b || s->a > tr[r].b + 8)
				continue;
			size_t p = s->a - 1;
			if (p > 0 && tok_is(t, &tk[p], "the"))
				p--;
			if (tok_is(t, &tk[p], "during") || tok_is(t, &tk[p], "amid")) {
				dsrc *copy = CTL_ARRAY_PUSH(*srcs, nsrc, *srccap);
				src = *srcs;
				*copy = src[k];
				copy->trig = r + 1;
				tr[r].dated = (int)nsrc;
				break;
			}
		}
	}

	/* the events the dates make */
	for (size_t k = 0; k < nsrc; k++) {
		dsrc *s = &src[k];
		if (!s->trig || (s->iv.earliest == CTL_DAY_NONE && !s->weekday))
			continue;
		trig *T = &tr[s->trig - 1];
		if (T->report && !acting_report(ds, tk, ntok, T, m0, m1))
			continue; /* statements below */
		cand *c = new_cand(st, ds, di, T, tk, ss, se);
		c->when = s->iv;
		c->dk = DATE_OWN;
		/* "killed since October 7": from that day to the report's, not
		 * on it */
		if (s->kind == SRC_TIMEX && s->a > 0 && tok_is(t, &tk[s->a - 1], "since") &&
		    s->iv.earliest != CTL_DAY_NONE && ds->dct != CTL_DAY_NONE && ds->dct > s->iv.latest) {
			c->when.latest = ds->dct;
			c->when.precision = CTL_PREC_NONE;
			c->when.certainty = CTL_CERT_BOUNDED;
		}
		c->future = ctl_dct_future_cue(ds->res, t, ls, s->s);
		if (s->iv.earliest == CTL_DAY_NONE) {
			c->dk = DATE_WEEKDAY;
			c->weekday = s->weekday;
		} else if (s->kind == SRC_GAZ && s->weekday) {
			c->weekday = -s->weekday; /* "at <named event> last <weekday>" */
		}
		/* "issued a direct denial": a light verb takes its noun's class */
		for (size_t r = 0; r < ntr; r++)
			if (!strcmp(T->e->fields[2], "verb") && tr[r].a >= T->b && tr[r].a <= T->b + 3 &&
			    !strcmp(tr[r].e->fields[2], "noun") && tr[r].prio > T->prio) {
				c->cls = tr[r].e->fields[1];
				c->group = group_of(d, c->cls);
				break;
			}
		uint32_t subs = 0, sube = 0;
		bool hs = subject_of(ds, tk, tr, ntr, T, m0, m1, &subs, &sube);
		if (s->kind == SRC_GAZ && T->a >= s->a && T->b <= s->b) {
			/* the named event itself: its words make the title */
			size_t a = s->a;
			while (a > 0 && capitalised(t, &tk[a - 1]) && s->a - a < 2)
				a--;
			c->title = ctl_xstrndup_squeezed(t + tk[a].s, tk[s->b - 1].e - tk[a].s);
			if (ctl_is_lower((unsigned char)c->title[0]))
				c->title[0] = (char)(c->title[0] - 32);
		} else {
			c->title = hs ? make_title(ds, tk, ntok, T, hs, subs, sube) : clause_title(ds, tk, ntok, T);
		}
		add_mentions(c, ds, m0, m1);
		content_words(c, t, tk, ntok);
	}

	/* the lead's present perfect, with no date: "Britain's competition
	 * regulator has blocked Corvane's takeover of Astley Biologics": what
	 * the article reports happened in the days before its date, up to it
	 * (bounded, and merged with the same event a date of its own places;
	 * one a sentence; not in a live page's entries, which have their own
	 * day) */
	size_t perfect = SIZE_MAX;
	for (size_t r = 0; r < ntr && perfect == SIZE_MAX && ds->sent_index < LEAD_SENTENCES &&
	     ds->section_day == CTL_DAY_NONE && ds->dct != CTL_DAY_NONE && !question; r++) {
		if (tr[r].dated || tr[r].report || tr[r].a == 0 || strcmp(tr[r].e->fields[2], "verb") ||
		    !ctl_is_lower((unsigned char)t[tk[tr[r].a].s]) || in_condition(t, tk, tr[r].a))
			continue;
		const tok *h = &tk[tr[r].a - 1];
		if (!tok_is(t, h, "has") && !tok_is(t, h, "have"))
			continue;
		/* not a relative clause's ("Eileen Carrow, who has died aged
		 * 84, was ...": an obituary's death lies days before it) */
		if (tr[r].a >= 2 && (tok_is(t, &tk[tr[r].a - 2], "who") ||
		                     tok_is(t, &tk[tr[r].a - 2], "which") ||
		                     tok_is(t, &tk[tr[r].a - 2], "that")))
			continue;
		uint32_t subs = 0, sube = 0;
		bool hs = subject_of(ds, tk, tr, ntr, &tr[r], m0, m1, &subs, &sube);
		if (!hs && !np_subject_before(t, tk, ntok, tr[r].a, 0))
			continue;
		cand *c = new_cand(st, ds, di, &tr[r], tk, ss, se);
		c->when = (ctl_interval){ ds->dct - LEAD_PERFECT_DAYS, ds->dct, CTL_PREC_NONE,
		                          CTL_CERT_BOUNDED };
		c->dk = DATE_OWN;
		/* the article's first event is its main one: the headline's */
		c->main = lead;
		c->title = lead && ds->doc->title ? ctl_xstrdup(ds->doc->title) :
			hs ? make_title(ds, tk, ntok, &tr[r], hs, subs, sube) : clause_title(ds, tk, ntok, &tr[r]);
		add_mentions(c, ds, m0, m1);
		content_words(c, t, tk, ntok);
		perfect = r;
	}

	/* background: a specific event the sentence names without a date, with
	 * two actors or a place; it may be the same event another article dates */
	for (size_t r = 0; r < ntr; r++) {
		if (tr[r].dated || tr[r].report || tr[r].prio < 3 || r == perfect)
			continue;
		size_t actors = 0;
		bool place = false;
		for (size_t i = m0; i < m1; i++) {
			actors += ds->mentions->items[i].role == CTL_MENTION_ACTOR;
			place |= ds->mentions->items[i].role == CTL_MENTION_PLACE;
		}
		if (actors < 2 && !(actors && place))
			continue;
		cand *c = new_cand(st, ds, di, &tr[r], tk, ss, se);
		c->dk = DATE_BEFORE;
		c->title = make_title(ds, tk, ntok, &tr[r], false, 0, 0);
		add_mentions(c, ds, m0, m1);
		content_words(c, t, tk, ntok);
	}

	/* 4. a statement: the sentence's first reporting verb, with a speaker */
	for (size_t r = 0; r < ntr; r++) {
		/* "before the award was announced, X ... announced her
		 * retirement": a passive reporting verb has no speaker */
		if (!tr[r].report || (tr[r].a > 0 && is_be(t, &tk[tr[r].a - 1])))
			continue;
		uint32_t sps, spe;
		if (!find_speaker(ds, tk, ntok, tr[r].a, tr[r].b, m0, m1, &sps, &spe))
			break;
		cand *c = new_cand(st, ds, di, &tr[r], tk, ss, se);
		c->has_speaker = true;
		c->sps = sps;
		c->spe = spe;
		c->dk = DATE_REPORT;
		/* a date attached to any reporting word of the sentence dates it */
		for (size_t k = 0; k < nsrc; k++) {
			if (!src[k].trig || !tr[src[k].trig - 1].report)
				continue;
			if (src[k].iv.earliest != CTL_DAY_NONE) {
				c->when = src[k].iv;
				c->dk = DATE_OWN;
			} else if (src[k].weekday) {
				c->dk = DATE_WEEKDAY;
				c->weekday = src[k].weekday;
			}
		}
		if (c->dk == DATE_REPORT && ds->section_day != CTL_DAY_NONE) {
			c->when = ctl_interval_day(ds->section_day, CTL_CERT_INFERRED);
			c->dk = DATE_OWN;
		}
		/* the headline is the lead's statement's, unless the sentence's
		 * present perfect took it ("..., the regulator said") */
		c->main = lead && perfect == SIZE_MAX;
		c->title = c->main && ds->doc->title ? ctl_xstrdup(ds->doc->title) :
			make_title(ds, tk, ntok, &tr[r], true, sps, spe);
		if (!c->place && c->dk == DATE_REPORT && ds->dateline_place)
			c->place = ctl_xstrdup(ds->dateline_place);
		add_mentions(c, ds, m0, m1);
		content_words(c, t, tk, ntok);
		/* "he said" in the next sentences is this speaker */
		const ctl_mention *sm = find_mention(ds->mentions, sps, spe);
		if (sm && sm->type == CTL_ACTOR_PERSON) {
			ds->has_last_speaker = true;
			ds->lss = sps;
			ds->lse = spe;
		}
		return;
	}

	/* the last person and organisation named outside quotes, for "he
	 * said" and "the company said" later on */
	for (size_t i = m0; i < m1; i++) {
		const ctl_mention *m = &ds->mentions->items[i];
		if (m->role != CTL_MENTION_ACTOR || in_quotes(ds, m->start))
			continue;
		if (m->type == CTL_ACTOR_PERSON) {
			ds->has_last_person = true;
			ds->lps = m->start;
			ds->lpe = m->end;
		} else if (is_named_org(m)) {
			ds->has_last_org = true;
			ds->los = m->start;
			ds->loe = m->end;
		}
	}
}

/* The place a wire dateline names, in title case ("SPRINGFIELD" -> "Springfield"). */
static char *dateline_place(const ctl_document *doc)
{
	for (size_t i = 0; i < doc->nlines; i++) {
		const ctl_line *l = &doc->lines[i];
		if (l->kind != CTL_LINE_BODY)
			continue;
		uint32_t pe = 0;
		if (!ctl_dateline_end(doc->text, l->start, l->end, &pe) || pe <= l->start)
			continue;
		uint32_t ps = l->start; /* after any indent */
		while (ps < pe && (doc->text[ps] == ' ' || doc->text[ps] == '\t'))
			ps++;
		char *p = ctl_xstrndup(doc->text + ps, pe - ps);
		bool first = true;
		for (char *q = p; *q; q++) {
			if (ctl_is_alpha((unsigned char)*q)) {
				if (!first)
					*q = (char)ctl_to_lower((unsigned char)*q);
				first = false;
			} else {
				first = true;
			}
		}
		return p;
	}
	return NULL;
}

/* How many of a document's first sentences are its lead for
 * lead_weekday_of (a headline and a byline may be among them) */
#define LEAD_PEG_SENTENCES 4

/* Whether the lead of an undated document states the day `lo` with its
 * year and also names its weekday bare, not ahead ("walked off the job on
 * Tuesday" ... "at 8 a.m. on Tuesday, October 14, 2025"). */
static bool lead_weekday_of(const ctl_resources *res, const ctl_document *doc, const ctl_timex_list *tx,
		ctl_day lo)
{
	if (lo == CTL_DAY_NONE || !doc->nsentences)
		return false;
	size_t k = doc->nsentences < LEAD_PEG_SENTENCES ? doc->nsentences : LEAD_PEG_SENTENCES;
	uint32_t lead_end = doc->sentences[k - 1].end;
	bool day = false, weekday = false;
	for (size_t i = 0; i < tx->len && tx->items[i].start < lead_end; i++) {
		const ctl_timex *x = &tx->items[i];
		day |= x->anchor == CTL_ANCHOR_ABSOLUTE && x->when.precision == CTL_PREC_DAY &&
		       x->when.earliest == lo;
		if (ctl_timex_value_weekday(x->value) == ctl_day_weekday(lo)) {
			size_t s = 0;
			while (s + 1 < doc->nsentences && doc->sentences[s].end <= x->start)
				s++;
			weekday |= !ctl_dct_future_cue(res, doc->text, doc->sentences[s].start, x->start);
		}
	}
	return day && weekday;
}

/* The first day >= lo that is weekday w (1..7). */
static ctl_day weekday_on_or_after(ctl_day lo, int w)
{
	return lo + (w - ctl_day_weekday(lo) + 7) % 7;
}

int ctl_events_find(ctl_event_store *st, const ctl_document *doc, size_t doc_index,
		ctl_doc_info *info, const ctl_timex_list *tx, const ctl_mention_list *mentions,
		ctl_error *err)
{
	(void)err;
	doc_state ds;
	memset(&ds, 0, sizeof(ds));
	ds.res = st->res;
	ds.d = st->res->events;
	ds.doc = doc;
	ds.mentions = mentions;
	ds.dct = doc->dct.precision == CTL_PREC_DAY ? doc->dct.earliest : CTL_DAY_NONE;
	ds.anchor = ds.dct;
	ds.section_day = CTL_DAY_NONE;
	ds.ref = ds.dct != CTL_DAY_NONE ? ds.dct : doc->dct.earliest;
	ds.dateline_place = dateline_place(doc);
	size_t first = st->n;

	tok *toks = NULL;
	trig *trigs = NULL;
	dsrc *srcs = NULL;
	size_t tokcap = 0, trigcap = 0, srccap = 0, ti = 0, mi = 0;
	for (size_t k = 0; k < doc->nsentences; k++) {
		/* the lead: the article's first sentences carry its main event */
		bool lead = k < 3 && first == st->n;
		ds.sent_index = k;
		sentence_events(st, &ds, doc_index, doc->sentences[k].start, doc->sentences[k].end,
			tx, &ti, &mi, &toks, &tokcap, &trigs, &trigcap, &srcs, &srccap, lead);
		if (ds.ref == CTL_DAY_NONE && ds.anchor != CTL_DAY_NONE)
			ds.ref = ds.anchor;
	}
	free(toks);
	free(trigs);
	free(srcs);

	/* the report's date: exact, or bounded for an undated document */
	ctl_interval rep = doc->dct;
	if (ds.dct != CTL_DAY_NONE) {
		rep = ctl_interval_day(ds.dct, doc->dct.certainty == CTL_CERT_STATED ?
			CTL_CERT_INFERRED : CTL_CERT_INFERRED);
	} else {
		/* the latest fact the text dates opens the interval; the end of that
		 * year closes it (a report tells recent news) */
		ctl_day lo = doc->dct.earliest;
		for (size_t i = first; i < st->n; i++) {
			const cand *c = &st->c[i];
			if (c->dk == DATE_OWN && !c->future && c->when.earliest != CTL_DAY_NONE &&
			    (lo == CTL_DAY_NONE || c->when.earliest > lo))
				lo = c->when.earliest;
		}
		rep = ctl_interval_unknown();
		/* a header's two readings of "06/03/2024" bound it from above */
		ctl_day hi = doc->dct.latest;
		if (lo != CTL_DAY_NONE && hi != CTL_DAY_NONE && lo > hi)
			lo = doc->dct.earliest;
		if (lo != CTL_DAY_NONE) {
			int y, m, dd;
			ctl_day_to_ymd(lo, &y, &m, &dd);
			rep.earliest = lo;
			rep.latest = ctl_day_from_ymd(y, 12, 31);
			if (hi != CTL_DAY_NONE && hi < rep.latest)
				rep.latest = hi;
			/* "... at <named event> last Friday": that Friday is the named
			 * event's, and the report falls within the week after it */
			for (size_t i = first; i < st->n; i++) {
				const cand *c = &st->c[i];
				if (c->weekday >= 0)
					continue;
				ctl_day day = weekday_on_or_after(c->when.earliest, -c->weekday);
				if (day > c->when.latest)
					continue;
				ctl_interval wk = { day + 1, day + 7, CTL_PREC_NONE, CTL_CERT_BOUNDED };
				if (overlaps(&wk, &rep))
					rep = intersect(rep, wk);
			}
			/* the lead's bare weekday on the weekday of the latest day it
			 * states ("walked off the job on Tuesday" ... "at 8 a.m. on
			 * Tuesday, October 14, 2025"): one news peg, and a weekday
			 * named bare is within the week before the report */
			if (lead_weekday_of(st->res, doc, tx, lo)) {
				ctl_interval wk = { lo, lo + 6, CTL_PREC_NONE, CTL_CERT_BOUNDED };
				if (overlaps(&wk, &rep))
					rep = intersect(rep, wk);
			}
			rep.certainty = CTL_CERT_BOUNDED;
			fit_precision(&rep);
			info->dct = rep;
			if (rep.earliest == rep.latest)
				info->dct.certainty = CTL_CERT_INFERRED;
			if (hi == CTL_DAY_NONE) {
				free(info->dct_source);
				info->dct_source = ctl_xstrdup("content-bounds");
			}
		}
	}
	for (size_t i = first; i < st->n; i++) {
		cand *c = &st->c[i];
		if (c->weekday < 0)
			c->weekday = 0;
		if (c->dk == DATE_REPORT) {
			c->when = rep;
		} else if (c->dk == DATE_BEFORE) {
			c->when = ctl_interval_unknown();
			c->when.latest = rep.latest;
		} else if (c->dk == DATE_WEEKDAY && rep.earliest != CTL_DAY_NONE && rep.latest != CTL_DAY_NONE) {
			/* a weekday on or before the report: from the one on or
			 * before the report's earliest day (the latest dated fact
			 * may come after it: "as of Saturday, August 10 ... was
			 * discovered on Wednesday") to the one on or before its
			 * latest */
			ctl_day a = rep.earliest - (ctl_day_weekday(rep.earliest) - c->weekday + 7) % 7;
			ctl_day b = rep.latest - (ctl_day_weekday(rep.latest) - c->weekday + 7) % 7;
			c->when = (ctl_interval){ a, b, CTL_PREC_NONE, a == b ? CTL_CERT_INFERRED : CTL_CERT_BOUNDED };
		} else if (c->dk == DATE_WEEKDAY) {
			c->when = ctl_interval_unknown();
		}
		fit_precision(&c->when);
		if (c->when.precision == CTL_PREC_NONE)
			c->when.certainty = CTL_CERT_BOUNDED;
	}
	free(ds.dateline_place);
	free(ds.opens);
	free(ds.row_seen);
	free(ds.q_pos);
	return 0;
}

/* ---- merge -------------------------------------------------------------- */

/* A candidate's place in the order of the buckets: by earliest day (an
 * unknown one, CTL_DAY_NONE = INT32_MIN, first), document rank, trigger
 * offset, index. */
typedef struct order_key {
	int32_t earliest;
	uint32_t rank, ts, idx;
} order_key;

static int cmp_order_key(const void *a, const void *b)
{
	const order_key *x = a, *y = b;
	if (x->earliest != y->earliest)
		return x->earliest < y->earliest ? -1 : 1;
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	if (x->ts != y->ts)
		return x->ts < y->ts ? -1 : 1;
	return (x->idx > y->idx) - (x->idx < y->idx);
}

#define MERGE_WINDOW 64

static int strcasecmp_ascii(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (ctl_to_lower((unsigned char)*a) != ctl_to_lower((unsigned char)*b))
			return 1;
	return *a != *b;
}

/* Which member's date speaks for a merged event: its own date first. */
static int date_rank(date_kind k)
{
	switch (k) {
	case DATE_OWN: return 3;
	case DATE_WEEKDAY: return 2;
	case DATE_REPORT: return 1;
	default: return 0;
	}
}

static size_t shared_actors(const cand *a, const cand *b)
{
	size_t n = 0;
	for (size_t i = 0; i < a->nactors; i++)
		for (size_t k = 0; k < b->nactors; k++)
			n += a->actors[i] == b->actors[k];
	return n;
}

static bool same_event(const cand *a, const cand *b)
{
	/* the groups are lexicon strings: equal pointers as a rule */
	if ((a->group != b->group && strcmp(a->group, b->group)) || !overlaps(&a->when, &b->when))
		return false;
	if (!strcmp(a->group, "say")) {
		if (a->speaker == NO_ACTOR || a->speaker != b->speaker)
			return false;
		if (a->doc == b->doc)
			return true;
		/* two articles: the same words, not just the same speaker */
		size_t common = 0;
		for (size_t i = 0; i < a->nwords; i++)
			for (size_t k = 0; k < b->nwords; k++)
				common += a->words[i] == b->words[k];
		return common >= 3;
	}
	if (a->place && b->place && strcasecmp_ascii(a->place, b->place))
		return false;
	size_t sh = shared_actors(a, b);
	if (sh >= 2)
		return true;
	return sh >= 1 && a->place && b->place;
}

typedef struct doc_key {
	const char *id;
	size_t i;
} doc_key;

static int cmp_doc_key(const void *a, const void *b)
{
	const doc_key *x = a, *y = b;
	int c = strcmp(x->id, y->id);
	return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* A merged event's member: its document's rank, its sentence, its index. */
typedef struct member {
	size_t rank;
	uint32_t ss;
	size_t idx;
} member;

static int cmp_member(const void *a, const void *b)
{
	const member *x = a, *y = b;
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	if (x->ss != y->ss)
		return x->ss < y->ss ? -1 : 1;
	return (x->idx > y->idx) - (x->idx < y->idx);
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

typedef struct actor_order {
	const ctl_timeline *tl;
	size_t speaker;
} actor_order;

static int actor_rank(const actor_order *o, size_t a)
{
	if (a == o->speaker)
		return 0;
	switch (o->tl->actors[a].type) {
	case CTL_ACTOR_PERSON: return 1;
	case CTL_ACTOR_ORGANIZATION:
	case CTL_ACTOR_GROUP: return 2;
	default: return 3;
	}
}

/* Insertion sort: an event has a handful of actors. */
static void sort_actors(size_t *v, size_t n, const actor_order *o)
{
	for (size_t i = 1; i < n; i++)
		for (size_t k = i; k > 0; k--) {
			int ra = actor_rank(o, v[k - 1]), rb = actor_rank(o, v[k]);
			if (ra < rb || (ra == rb && v[k - 1] < v[k]))
				break;
			size_t tmp = v[k];
			v[k] = v[k - 1];
			v[k - 1] = tmp;
		}
}

/* An event's place in the timeline: earliest day, latest day, first
 * source (document rank, offset), trigger offset; its index breaks ties, so
 * events that compare equal keep the order they were made in. */
typedef struct event_key {
	int32_t earliest, latest;
	uint32_t rank, start, ts, idx;
} event_key;

static int cmp_event_key(const void *a, const void *b)
{
	const event_key *x = a, *y = b;
	if (x->earliest != y->earliest)
		return x->earliest < y->earliest ? -1 : 1;
	if (x->latest != y->latest)
		return x->latest < y->latest ? -1 : 1;
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->ts != y->ts)
		return x->ts < y->ts ? -1 : 1;
	return (x->idx > y->idx) - (x->idx < y->idx);
}

/* Sorts the events made by this merge: their keys, compact, are sorted,
 * and each event is moved once (an event is a large record) */
static void sort_events(ctl_timeline *tl, size_t first, const size_t *doc_rank, ctl_pool *pool,
		unsigned parts)
{
	size_t n = tl->nevents - first;
	/* nothing to sort; with no events at all tl->events is NULL, and
	 * NULL + 0 is undefined behaviour (found by fuzz_extract) */
	if (n < 2)
		return;
	ctl_event *ev = tl->events + first;
	event_key *key = ctl_xmalloc(n * sizeof(*key));
	for (size_t i = 0; i < n; i++)
		key[i] = (event_key){ ev[i].when.earliest, ev[i].when.latest,
		                      (uint32_t)doc_rank[ev[i].sources[0].doc],
		                      ev[i].sources[0].start, ev[i].trigger.start, (uint32_t)i };
	ctl_qsort_pool(pool, key, n, sizeof(*key), cmp_event_key, parts); /* the index breaks ties */
	ctl_event *tmp = ctl_xmalloc(n * sizeof(*tmp));
	for (size_t i = 0; i < n; i++)
		tmp[i] = ev[key[i].idx];
	memcpy(ev, tmp, n * sizeof(*tmp));
	free(tmp);
	free(key);
}

/* Strings as numbers, equal numbers for equal strings (exactly, or
 * ignoring ASCII case): open addressing on the strings' case-blind hash. */
typedef struct str_ids {
	const char **names;
	uint32_t *ids;
	size_t slots, used;
	bool nocase;
} str_ids;

static bool str_ids_eq(const str_ids *t, const char *a, const char *b)
{
	return a == b || (t->nocase ? !strcasecmp_ascii(a, b) : !strcmp(a, b));
}

static uint32_t str_id(str_ids *t, const char *s)
{
	if ((t->used + 1) * 2 > t->slots) { /* grow, and place the names again */
		size_t ns = t->slots ? t->slots * 2 : 64;
		const char **nn = ctl_xcalloc(ns, sizeof(*nn));
		uint32_t *ni = ctl_xmalloc(ns * sizeof(*ni));
		for (size_t k = 0; k < t->slots; k++) {
			if (!t->names[k])
				continue;
			size_t j = (size_t)ctl_hash_nocase(t->names[k], strlen(t->names[k])) & (ns - 1);
			while (nn[j])
				j = (j + 1) & (ns - 1);
			nn[j] = t->names[k];
			ni[j] = t->ids[k];
		}
		free(t->names);
		free(t->ids);
		t->names = nn;
		t->ids = ni;
		t->slots = ns;
	}
	size_t j = (size_t)ctl_hash_nocase(s, strlen(s)) & (t->slots - 1);
	while (t->names[j] && !str_ids_eq(t, t->names[j], s))
		j = (j + 1) & (t->slots - 1);
	if (!t->names[j]) {
		t->names[j] = s;
		t->ids[j] = (uint32_t)t->used++;
	}
	return t->ids[j];
}

static void str_ids_release(str_ids *t)
{
	free(t->names);
	free(t->ids);
}

/* What the merge's pair test reads from a bucket entry, so that most pairs
 * are told apart without reaching into the candidates (scattered over
 * memory): the group as a number (the same group may stand behind several
 * pointers: lexicon fields, a merge's pool); for statements ("say") the
 * speaker, for the rest the place as a number (1 up; 0: none), ignoring
 * case as same_event does. */
typedef struct pair_keys {
	uint32_t *group, *key;
	uint64_t *actors;         /* actor_bit of each actor, and ACTOR_CLASH */
	uint32_t say;             /* the group number of "say", or UINT32_MAX */
} pair_keys;

#define NO_SPEAKER UINT32_MAX

/* A candidate's actors as a 63-bit set, for telling two candidates in one
 * actor's bucket share no other actor: ACTOR_CLASH marks a candidate with
 * two actors on one bit. If one of the two has no clash, a second shared
 * actor would show as a second common bit. */
#define ACTOR_CLASH (UINT64_C(1) << 63)

static uint64_t actor_bit(size_t a)
{
	return UINT64_C(1) << (a % 63);
}

static bool no_other_shared(uint64_t x, uint64_t y, size_t a)
{
	return (!(x & ACTOR_CLASH) || !(y & ACTOR_CLASH)) && (x & y & ~ACTOR_CLASH) == actor_bit(a);
}

static void pair_keys_init(pair_keys *pk, const cand *c, size_t n)
{
	pk->group = ctl_xmalloc((n ? n : 1) * sizeof(*pk->group));
	pk->key = ctl_xmalloc((n ? n : 1) * sizeof(*pk->key));
	pk->actors = ctl_xmalloc((n ? n : 1) * sizeof(*pk->actors));
	pk->say = UINT32_MAX;
	str_ids groups = { .nocase = false }, places = { .nocase = true };
	for (size_t i = 0; i < n; i++) {
		const char *g = c[i].group;
		/* a document's candidates share pointers */
		pk->group[i] = i && g == c[i - 1].group ? pk->group[i - 1] : str_id(&groups, g);
		if (pk->say == UINT32_MAX && !strcmp(g, "say"))
			pk->say = pk->group[i];
		if (pk->group[i] == pk->say)
			pk->key[i] = c[i].speaker == NO_ACTOR ? NO_SPEAKER : c[i].speaker;
		else
			pk->key[i] = c[i].place ? str_id(&places, c[i].place) + 1 : 0;
		uint64_t m = 0;
		for (size_t k = 0; k < c[i].nactors; k++) {
			uint64_t b = actor_bit(c[i].actors[k]);
			m |= m & b ? ACTOR_CLASH : b;
		}
		pk->actors[i] = m;
	}
	str_ids_release(&groups);
	str_ids_release(&places);
}

static void pair_keys_release(pair_keys *pk)
{
	free(pk->group);
	free(pk->key);
	free(pk->actors);
}

/* A bucket entry carries the candidate's dates and keys, so the scan reads
 * the bucket in order and reaches into the candidates (scattered over
 * memory) only for the pairs it compares. */
typedef struct bent {
	uint32_t i, group, key, doc;
	ctl_day earliest, latest;
	uint64_t actors;
} bent;

/*
 * Merging is transitive, so a candidate with a loose date could join
 * events that are apart: "Weber and Haddad met" (undated, before the
 * report) matched their meetings of 7 July and of 16 July and made them
 * one, and one vague "in 2017" could chain dozens (76 merged events of the
 * 10 MB corpus had members whose dates did not overlap, one of 4,849
 * members). So the scan runs twice. First, candidates join each other only
 * when their dates are the same interval (the same day, as a rule). Then,
 * over the groups that made, each matching pair of a looser and a narrower
 * interval links the looser group to the narrower one, and a group joins
 * the narrower group it links to if it links to exactly one: "the meeting
 * in Lisbon" (undated) joins the meeting at a two-day summit there (7-8
 * July), which joins the meeting of 7 July. The links are kept as the
 * lowest and highest group reached, so the result does not depend on the
 * order pairs are met in.
 */
static bool same_interval(const bent *x, const bent *y)
{
	return x->earliest == y->earliest && x->latest == y->latest;
}

/* How loose a date is: its length in days; unbounded, the loosest. */
static int64_t looseness(ctl_day earliest, ctl_day latest)
{
	if (earliest == CTL_DAY_NONE || latest == CTL_DAY_NONE)
		return INT64_MAX;
	return (int64_t)latest - earliest;
}

static void atomic_min_u32(_Atomic uint32_t *p, uint32_t v)
{
	uint32_t cur = atomic_load_explicit(p, memory_order_relaxed);
	while (v < cur && !atomic_compare_exchange_weak_explicit(p, &cur, v, memory_order_relaxed,
	                                                          memory_order_relaxed))
		;
}

static void atomic_max_u32(_Atomic uint32_t *p, uint32_t v)
{
	uint32_t cur = atomic_load_explicit(p, memory_order_relaxed);
	while (v > cur && !atomic_compare_exchange_weak_explicit(p, &cur, v, memory_order_relaxed,
	                                                          memory_order_relaxed))
		;
}

/* What the parts of the merge run on the -j threads share: each part reads
 * it all and writes only its own range (candidates, or actor buckets and
 * its own union-find; in the second scan, the links, atomically). */
typedef struct merge_parts {
	unsigned n;
	ctl_pool *pool;           /* the threads the n parts run on */
	cand *c;
	size_t nc;
	const ctl_actor_set *actors;
	const bent *bucket;
	const size_t *start;      /* actor a's bucket: [start[a], start[a + 1]) */
	size_t na;
	uint32_t say;             /* the group id of statements */
	size_t **parent;          /* one union-find per part */
	/* the second scan (see same_interval): each candidate's group after
	 * the first, and the lowest and highest narrower group each links to */
	const size_t *group;
	_Atomic uint32_t *lo, *hi;
	size_t *bound;            /* part k scans entries [bound[k], bound[k + 1]) */
} merge_parts;

/* Mentions -> actors for part k of the candidates, written over the
 * mention starts (the k-th mention is read before the at most k-th actor
 * is written). */
static void lookup_part(void *ctx, unsigned part)
{
	const merge_parts *mp = ctx;
	size_t end = ctl_part_begin(mp->nc, mp->n, part + 1);
	for (size_t i = ctl_part_begin(mp->nc, mp->n, part); i < end; i++) {
		cand *c = &mp->c[i];
		size_t na = 0;
		for (size_t k = 0; k < c->nm; k++) {
			size_t a = ctl_actor_set_lookup(mp->actors, c->doc, c->m[2 * k], c->m[2 * k + 1]);
			if (a == SIZE_MAX)
				continue;
			bool seen = false;
			for (size_t j = 0; j < na; j++)
				seen |= c->m[j] == a;
			if (!seen)
				c->m[na++] = (uint32_t)a;
		}
		if (na)
			qsort(c->m, na, sizeof(uint32_t), cmp_u32);
		c->nactors = (uint32_t)na; /* c->actors: the same array */
		if (c->has_speaker) {
			size_t sp = ctl_actor_set_lookup(mp->actors, c->doc, c->sps, c->spe);
			c->speaker = sp == SIZE_MAX ? NO_ACTOR : (uint32_t)sp;
		}
	}
}

/* What scanning a bucket of nb entries costs, roughly: each entry meets
 * up to MERGE_WINDOW of the entries after it. */
static size_t bucket_cost(size_t nb)
{
	size_t w = MERGE_WINDOW;
	size_t pairs = nb <= w + 1 ? nb * (nb ? nb - 1 : 0) / 2 : w * (w + 1) / 2 + w * (nb - 1 - w);
	return nb + pairs;
}

/* Where each part's entries begin (bound[0..n]): equal shares of the cost,
 * a large bucket cut between parts at the entry its share ends on (an
 * entry meets the ones after it in its bucket wherever the cut falls). */
static void part_bounds(const merge_parts *mp, size_t *bound)
{
	size_t total = 0;
	for (size_t a = 0; a < mp->na; a++)
		total += bucket_cost(mp->start[a + 1] - mp->start[a]);
	bound[0] = 0;
	size_t a = 0, before = 0; /* the cost of the buckets before a */
	for (unsigned k = 1; k < mp->n; k++) {
		size_t target = ctl_part_begin(total, mp->n, k);
		size_t c;
		while (a < mp->na && before + (c = bucket_cost(mp->start[a + 1] - mp->start[a])) <= target) {
			before += c;
			a++;
		}
		size_t e = mp->start[a];
		if (a < mp->na) { /* inside bucket a: its entries cost about the same each */
			e += (target - before) / (MERGE_WINDOW + 1);
			if (e > mp->start[a + 1])
				e = mp->start[a + 1];
		}
		bound[k] = e < bound[k - 1] ? bound[k - 1] : e;
	}
	bound[mp->n] = mp->start[mp->na];
}

/* The bucket that holds entry e (the last of the buckets starting at or
 * before it). */
static size_t bucket_of(const merge_parts *mp, size_t e)
{
	size_t lo = 0, hi = mp->na;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (mp->start[mid + 1] <= e)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * Joins the candidates that report the same event, for the entries
 * [bound[k], bound[k + 1]) of the actor buckets, in the part's own
 * union-find. Within a bucket, sorted by earliest day, an entry meets only
 * the ones after it that start before it ends, and at most MERGE_WINDOW of
 * them: an actor quoted thousands of times on one day costs n * window
 * tests, not n * n (the ones further on are reached through the chain).
 * Which pairs join does not depend on the union-find (it only spares
 * testing a pair already joined), so the parts' partitions, joined, are
 * the partition one thread finds.
 */
static void scan_part(void *ctx, unsigned part)
{
	const merge_parts *mp = ctx;
	size_t e0 = mp->bound[part], e1 = mp->bound[part + 1];
	bool linking = mp->lo != NULL;
	size_t *parent = linking ? NULL : mp->parent[part];
	if (!linking && !parent) {
		parent = mp->parent[part] = ctl_xmalloc((mp->nc ? mp->nc : 1) * sizeof(size_t));
		for (size_t i = 0; i < mp->nc; i++)
			parent[i] = i;
	}
	for (size_t a = e0 < e1 ? bucket_of(mp, e0) : mp->na; a < mp->na && mp->start[a] < e1; a++) {
		const bent *bk = mp->bucket + mp->start[a];
		size_t nb = mp->start[a + 1] - mp->start[a];
		size_t x0 = e0 > mp->start[a] ? e0 - mp->start[a] : 0;
		size_t x1 = e1 < mp->start[a + 1] ? e1 - mp->start[a] : nb;
		for (size_t x = x0; x < x1; x++) {
			for (size_t y = x + 1; y < nb && y <= x + MERGE_WINDOW; y++) {
				if (bk[x].latest != CTL_DAY_NONE && bk[y].earliest != CTL_DAY_NONE &&
				    bk[y].earliest > bk[x].latest)
					break;
				/* what the entries tell before anything reaches
				 * into the candidates: same_event's tests on the
				 * group, the dates, the speaker, the place and the
				 * other actors (the two share this bucket's actor) */
				if (bk[x].group != bk[y].group ||
				    (bk[x].earliest != CTL_DAY_NONE && bk[y].latest != CTL_DAY_NONE &&
				     bk[x].earliest > bk[y].latest))
					continue;
				bool match;
				if (bk[x].group == mp->say) {
					if (bk[x].key == NO_SPEAKER || bk[x].key != bk[y].key)
						continue;
					match = bk[x].doc == bk[y].doc;
				} else if (bk[x].key && bk[y].key) {
					if (bk[x].key != bk[y].key)
						continue;
					match = true;
				} else {
					/* one place or none: a second shared actor decides */
					if (no_other_shared(bk[x].actors, bk[y].actors, a))
						continue;
					match = false;
				}
				if (linking) {
					int64_t lx = looseness(bk[x].earliest, bk[x].latest);
					int64_t ly = looseness(bk[y].earliest, bk[y].latest);
					if (lx == ly || !(match || same_event(&mp->c[bk[x].i], &mp->c[bk[y].i])))
						continue;
					size_t loose = mp->group[lx > ly ? bk[x].i : bk[y].i];
					uint32_t narrow = (uint32_t)mp->group[lx > ly ? bk[y].i : bk[x].i];
					atomic_min_u32(&mp->lo[loose], narrow);
					atomic_max_u32(&mp->hi[loose], narrow);
					continue;
				}
				if (!same_interval(&bk[x], &bk[y]))
					continue; /* the second scan's */
				if (match || (ctl_uf_find(parent, bk[x].i) != ctl_uf_find(parent, bk[y].i) &&
				              same_event(&mp->c[bk[x].i], &mp->c[bk[y].i])))
					ctl_uf_union(parent, bk[x].i, bk[y].i);
			}
		}
	}
}

/* The second scan (see same_interval): a group joins the narrower group
 * it links to, if it links to exactly one. */
static void join_links(merge_parts *mp, size_t *parent)
{
	size_t n = mp->nc;
	/* each candidate's group, for the threads to read */
	size_t *group = ctl_xmalloc((n ? n : 1) * sizeof(*group));
	for (size_t i = 0; i < n; i++)
		group[i] = ctl_uf_find(parent, i);
	_Atomic uint32_t *lo = ctl_xmalloc((n ? n : 1) * sizeof(*lo));
	_Atomic uint32_t *hi = ctl_xmalloc((n ? n : 1) * sizeof(*hi));
	for (size_t i = 0; i < n; i++) {
		atomic_init(&lo[i], UINT32_MAX);
		atomic_init(&hi[i], 0);
	}
	mp->group = group;
	mp->lo = lo;
	mp->hi = hi;
	ctl_pool_run(mp->pool, mp->n, scan_part, mp);
	for (size_t g = 0; g < n; g++) {
		uint32_t l = atomic_load_explicit(&lo[g], memory_order_relaxed);
		if (l != UINT32_MAX && l == atomic_load_explicit(&hi[g], memory_order_relaxed))
			ctl_uf_union(parent, g, l);
	}
	mp->group = NULL;
	mp->lo = mp->hi = NULL;
	free(group);
	free(lo);
	free(hi);
}

/* A component of candidates that makes an event (dated already): its root,
 * the member whose date counts and the one whose title does. */
typedef struct ev_plan {
	uint32_t root, best, titled;
	ctl_interval when;        /* the event's date */
} ev_plan;

/* The roots are planned, and their events filled, in this many parts at
 * most. */
#define PLAN_PARTS 16

typedef struct plan_out {
	ev_plan *plan;
	size_t n, cap;
} plan_out;

typedef struct plan_job {
	const cand *c;
	const size_t *gstart, *gmem;  /* root r's members: gmem[gstart[r] .. gstart[r + 1]) */
	unsigned parts;
	size_t bound[PLAN_PARTS + 1]; /* part k plans roots [bound[k], bound[k + 1]) */
	plan_out out[PLAN_PARTS];
} plan_job;

/* Where candidate r's members (if it is a root) begin (ctl_cut_parts). */
static size_t root_offset(const void *ctx, size_t r)
{
	return ((const plan_job *)ctx)->gstart[r];
}

/* Plans the events of part k's roots: a component is an event when a
 * member is dated and the members' dates leave a day. A candidate is a
 * root iff it has members (itself among them). */
static void plan_part(void *ctx, unsigned k)
{
	plan_job *j = ctx;
	plan_out *o = &j->out[k];
	for (size_t root = j->bound[k]; root < j->bound[k + 1]; root++) {
		if (j->gstart[root] == j->gstart[root + 1])
			continue;
		ctl_interval when = ctl_interval_unknown();
		const cand *best = NULL, *titled = NULL;
		bool dated_member = false;
		for (size_t g = j->gstart[root]; g < j->gstart[root + 1]; g++) {
			const cand *c = &j->c[j->gmem[g]];
			when = intersect(when, c->when);
			dated_member |= c->when.earliest != CTL_DAY_NONE && c->when.latest != CTL_DAY_NONE;
			if (!best || date_rank(c->dk) > date_rank(best->dk))
				best = c;
			if (c->main && (!titled || !titled->main))
				titled = c;
		}
		if (!dated_member)
			continue; /* background no one dates: not a timeline event */
		if (when.earliest != CTL_DAY_NONE && when.latest != CTL_DAY_NONE && when.earliest > when.latest)
			when = best->when;
		if (when.earliest == CTL_DAY_NONE || when.latest == CTL_DAY_NONE)
			continue;
		fit_precision(&when);
		when.certainty = best->when.certainty;
		if (when.precision == CTL_PREC_NONE)
			when.certainty = CTL_CERT_BOUNDED;
		else if (when.certainty == CTL_CERT_BOUNDED)
			when.certainty = CTL_CERT_INFERRED;
		*CTL_ARRAY_PUSH(o->plan, o->n, o->cap) = (ev_plan){ (uint32_t)root,
			(uint32_t)(best - j->c), (uint32_t)((titled ? titled : best) - j->c), when };
	}
}

typedef struct event_job {
	ctl_event_store *st;
	ctl_timeline *tl;
	const ev_plan *plan;
	size_t nplan;
	const size_t *gstart, *gmem;  /* root r's members: gmem[gstart[r] .. gstart[r + 1]) */
	const size_t *doc_rank;
	unsigned parts;
	pending_list pl[PLAN_PARTS];  /* each part's queued texts */
	size_t bound[PLAN_PARTS + 1]; /* part k fills plans [bound[k], bound[k + 1]) */
} event_job;

/* Fills event ev (tl->events[first + ev]) from its plan. Its members'
 * texts move to it (each candidate belongs to one event); `stamp` (per
 * actor) marks the actors it has, by root. */
static void fill_event(const event_job *j, size_t ev, size_t *stamp, pending_list *pl,
		size_t **acts, size_t *acap)
{
	const ev_plan *pn = &j->plan[ev];
	ctl_event_store *st = j->st;
	size_t root = pn->root;
	ctl_event *e = &j->tl->events[j->tl->nevents - j->nplan + ev];
	const cand *best = &st->c[pn->best], *titled = &st->c[pn->titled];
	e->title = cand_has_title(titled) ? cand_text(titled, 2, ev, -1, pl) :
	           cand_text(best, 0, ev, -1, pl);
	e->type = ctl_xstrdup(best->cls);
	e->trigger = (ctl_ref){ best->doc, best->ts, best->te, cand_text(best, 0, ev, -2, pl) };
	size_t nmem = j->gstart[root + 1] - j->gstart[root];
	e->sources = ctl_xcalloc(nmem, sizeof(ctl_ref));
	e->actors = NULL;
	/* members in document order (by document id, then offset), so
	 * sources come out sorted and duplicates side by side */
	member *mem = ctl_xmalloc(nmem * sizeof(*mem));
	for (size_t g = 0; g < nmem; g++) {
		const cand *c = &st->c[j->gmem[j->gstart[root] + g]];
		mem[g] = (member){ j->doc_rank[c->doc], c->ss, j->gmem[j->gstart[root] + g] };
	}
	qsort(mem, nmem, sizeof(*mem), cmp_member);
	size_t nacts = 0, speaker = SIZE_MAX;
	for (size_t g = 0; g < nmem; g++) {
		cand *c = &st->c[mem[g].idx];
		if (!e->place && c->place)
			e->place = ctl_xstrdup(c->place);
		if (speaker == SIZE_MAX && c->speaker != NO_ACTOR)
			speaker = c->speaker;
		/* one source per sentence; its text moves from the candidate:
		 * no second copy of every source sentence while the store is
		 * alive */
		if (!g || mem[g].rank != mem[g - 1].rank || mem[g].ss != mem[g - 1].ss) {
			char *text = NULL;
			if (c->spilled) {
				cand_text(c, 1, ev, (int32_t)e->nsources, pl);
			} else { /* moved */
				text = c->sentence_text;
				c->sentence_text = NULL;
			}
			e->sources[e->nsources++] = (ctl_ref){ c->doc, c->ss, c->se, text };
		}
		for (size_t k = 0; k < c->nactors; k++)
			if (stamp[c->actors[k]] != root) {
				stamp[c->actors[k]] = root;
				*CTL_ARRAY_PUSH(*acts, nacts, *acap) = c->actors[k];
			}
	}
	free(mem);
	/* an array of the actors' own size, not a doubling one's: at the run's
	 * peak every event's list is in memory beside all the candidates */
	if (nacts) {
		e->actors = ctl_xmemdup(*acts, nacts * sizeof(size_t));
		e->nactors = nacts;
	}
	/* the speaker first, then people, organisations and groups, then
	 * countries and the rest; by actor index within each (actor ids do
	 * not depend on the input order, so neither does this) */
	actor_order ao = { j->tl, speaker };
	sort_actors(e->actors, e->nactors, &ao);
}

/* Where event ev's members begin among all candidates (ctl_cut_parts). */
static size_t event_offset(const void *ctx, size_t ev)
{
	const event_job *j = ctx;
	return j->gstart[j->plan[ev].root];
}

static void event_part(void *ctx, unsigned k)
{
	event_job *j = ctx;
	size_t na = j->tl->nactors;
	size_t *stamp = ctl_xmalloc((na + 1) * sizeof(size_t));
	for (size_t i = 0; i <= na; i++)
		stamp[i] = SIZE_MAX;
	/* the part's queue of texts at its most (a title, a trigger and a
	 * sentence a member), allocated once: a doubling one would leave up
	 * to half unused at the run's peak */
	if (j->st->spill && !j->pl[k].cap) {
		size_t most = 0;
		for (size_t ev = j->bound[k]; ev < j->bound[k + 1]; ev++)
			most += 2 + j->gstart[j->plan[ev].root + 1] - j->gstart[j->plan[ev].root];
		if (most) {
			j->pl[k].p = ctl_xmalloc(most * sizeof(pending));
			j->pl[k].cap = most;
		}
	}
	size_t *acts = NULL, acap = 0;
	for (size_t ev = j->bound[k]; ev < j->bound[k + 1]; ev++)
		fill_event(j, ev, stamp, &j->pl[k], &acts, &acap);
	free(acts);
	free(stamp);
}

int ctl_events_finish(ctl_event_store *st, ctl_timeline *tl, ctl_actor_set *actors,
		ctl_pool *pool, ctl_error *err)
{
	unsigned threads = ctl_pool_threads(pool);
	if (st->spill_err.code) {
		ctl_error_set(err, st->spill_err.code, "%s", st->spill_err.msg);
		return st->spill_err.code;
	}
	size_t n = st->n;
	/* parts of a thousand candidates at least (a thread costs more to
	 * start than a smaller part saves), and MERGE_PARTS at most: each
	 * part's union-find holds a word per candidate */
	size_t parts = n / 1024;
	if (parts > threads)
		parts = threads;
	if (parts > MERGE_PARTS)
		parts = MERGE_PARTS;
	merge_parts mp = { .n = parts ? (unsigned)parts : 1, .pool = pool, .c = st->c, .nc = n,
	                   .actors = actors };
	ctl_pool_run(mp.pool, mp.n, lookup_part, &mp);
	ctl_actor_set_drop_lookup(actors); /* spent: make room for the events */

	/* documents ranked by id: the order sources are listed in */
	size_t *doc_rank = ctl_xcalloc(tl->ndocs + 1, sizeof(size_t));
	{
		doc_key *ord = ctl_xmalloc((tl->ndocs + 1) * sizeof(*ord));
		for (size_t i = 0; i < tl->ndocs; i++)
			ord[i] = (doc_key){ tl->docs[i].id, i };
		qsort(ord, tl->ndocs, sizeof(*ord), cmp_doc_key);
		for (size_t i = 0; i < tl->ndocs; i++)
			doc_rank[ord[i].i] = i;
		free(ord);
	}
	/* candidate pairs only within an actor's bucket */
	size_t na = tl->nactors;
	size_t *count = ctl_xcalloc(na + 1, sizeof(size_t));
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < st->c[i].nactors; k++)
			count[st->c[i].actors[k]]++;
	size_t *start = ctl_xcalloc(na + 1, sizeof(size_t));
	for (size_t a = 0; a < na; a++)
		start[a + 1] = start[a] + count[a];
	pair_keys pk;
	pair_keys_init(&pk, st->c, n);
	bent *bucket = ctl_xmalloc((start[na] ? start[na] : 1) * sizeof(*bucket));
	size_t *fill = ctl_xcalloc(na + 1, sizeof(size_t));
	/* the candidates sorted once by (earliest day, document, trigger,
	 * index), from a compact copy of those keys, and the buckets filled in
	 * that order: each comes out sorted, with no sort per bucket reaching
	 * into candidates scattered over memory */
	order_key *ord = ctl_xmalloc((n ? n : 1) * sizeof(*ord));
	for (size_t i = 0; i < n; i++)
		ord[i] = (order_key){ st->c[i].when.earliest, (uint32_t)doc_rank[st->c[i].doc],
		                      st->c[i].ts, (uint32_t)i };
	ctl_qsort_pool(mp.pool, ord, n, sizeof(*ord), cmp_order_key, mp.n);
	for (size_t o = 0; o < n; o++) {
		size_t i = ord[o].idx;
		for (size_t k = 0; k < st->c[i].nactors; k++) {
			size_t a = st->c[i].actors[k];
			bucket[start[a] + fill[a]++] = (bent){ (uint32_t)i, pk.group[i], pk.key[i],
			                                       st->c[i].doc, st->c[i].when.earliest,
			                                       st->c[i].when.latest, pk.actors[i] };
		}
	}
	free(ord);
	size_t *parents[MERGE_PARTS] = { NULL };
	mp.bucket = bucket;
	mp.start = start;
	mp.na = na;
	mp.say = pk.say;
	mp.parent = parents;
	size_t bound[MERGE_PARTS + 1];
	mp.bound = bound;
	part_bounds(&mp, bound);
	ctl_pool_run(mp.pool, mp.n, scan_part, &mp);
	size_t *parent = parents[0];
	for (unsigned k = 1; k < mp.n; k++) {
		for (size_t i = 0; i < n; i++)
			if (parents[k][i] != i)
				ctl_uf_union(parent, i, parents[k][i]);
		free(parents[k]);
	}
	join_links(&mp, parent);
	free(count);
	free(start);
	free(bucket);
	pair_keys_release(&pk);
	free(fill);

	/* components -> events: members listed per root, in index order */
	size_t *gstart = ctl_xcalloc(n + 1, sizeof(size_t));
	size_t *gmem = ctl_xmalloc((n ? n : 1) * sizeof(size_t));
	for (size_t i = 0; i < n; i++)
		gstart[ctl_uf_find(parent, i) + 1]++;
	for (size_t i = 0; i < n; i++)
		gstart[i + 1] += gstart[i];
	size_t *gfill = ctl_xcalloc(n + 1, sizeof(size_t));
	for (size_t i = 0; i < n; i++) {
		size_t r = ctl_uf_find(parent, i);
		gmem[gstart[r] + gfill[r]++] = i;
	}
	free(gfill);
	/* which components are events, and their dates: planned in parts of
	 * roots (of about as many candidates) on the -j threads, then added in
	 * root order, the order one part finds them in */
	size_t first_event = tl->nevents;
	plan_job pj = { st->c, gstart, gmem, 0, { 0 }, { { 0 } } };
	pj.parts = ctl_pool_parts(mp.n, n, 4096, PLAN_PARTS);
	ctl_cut_parts(pj.bound, pj.parts, n, n, root_offset, &pj);
	ctl_pool_run(mp.pool, pj.parts, plan_part, &pj);
	size_t nplan = 0;
	for (unsigned k = 0; k < pj.parts; k++)
		nplan += pj.out[k].n;
	ev_plan *plan = ctl_xmalloc((nplan ? nplan : 1) * sizeof(*plan));
	for (unsigned k = 0, at = 0; k < pj.parts; k++) {
		if (pj.out[k].n)
			memcpy(plan + at, pj.out[k].plan, pj.out[k].n * sizeof(*plan));
		at += pj.out[k].n;
		free(pj.out[k].plan);
	}
	ctl_timeline_reserve_events(tl, nplan);
	for (size_t i = 0; i < nplan; i++)
		ctl_timeline_add_event(tl)->when = plan[i].when;
	/* the events filled in on the -j threads: parts of about as many
	 * candidates, each queueing its own spilled texts */
	event_job job = { st, tl, plan, nplan, gstart, gmem, doc_rank, 0, { { 0 } }, { 0 } };
	job.parts = ctl_pool_parts(mp.n, n, 4096, PLAN_PARTS);
	ctl_cut_parts(job.bound, job.parts, nplan, n, event_offset, &job);
	ctl_pool_run(mp.pool, job.parts, event_part, &job);
	free(plan);
	free(parent);
	free(gstart);
	free(gmem);
	/* the candidates are spent: free them before sorting the events */
	for (size_t i = 0; i < st->n; i++)
		cand_release(&st->c[i]);
	ctl_big_free(st->c, st->cap * sizeof(*st->c));
	st->c = NULL;
	st->n = st->cap = 0;
	int rc = read_pending(st, tl, first_event, job.pl, job.parts, mp.pool, mp.n, err);
	ctl_spill_free(st->spill);
	st->spill = NULL;
	if (rc) {
		free(doc_rank);
		return rc;
	}
	sort_events(tl, first_event, doc_rank, mp.pool, mp.n);
	free(doc_rank);
	for (size_t i = first_event; i < tl->nevents; i++)
		tl->events[i].id = ctl_id_string('e', i - first_event + 1);
	return 0;
}

/* ---- one document's candidates, moved and serialised ------------------------ */

void ctl_event_store_absorb(ctl_event_store *st, ctl_event_store *from, size_t doc_index)
{
	/* the corpus' store grows by half, not double: it is the largest
	 * array a run keeps (100 MB: some 400,000 candidates), and doubling
	 * left up to half of it unused at the peak */
	ctl_big_grow((void **)&st->c, &st->cap, st->n + from->n, sizeof(*st->c));
	for (size_t i = 0; i < from->n; i++) {
		cand *c = &st->c[st->n++];
		cand *o = &from->c[i];
		*c = *o;
		c->doc = doc_index;
		/* the mention spans in an array of their own size: a doubling one
		 * holds 4 pairs at least, and the store keeps every candidate's
		 * until the run's peak */
		if (2 * (size_t)c->nm < c->mcap) {
			uint32_t *m = c->nm ? ctl_xmemdup(c->m, 2 * (size_t)c->nm * sizeof(*m)) : NULL;
			free(c->m);
			c->m = m;
			c->mcap = 2 * (size_t)c->nm;
		}
		/* what st took is no longer o's; texts st wrote to its spill
		 * file stay o's, freed with `from` */
		bool spilled = st->spill_wanted && !c->spilled && spill_texts(st, c);
		o->m = NULL;
		o->place = NULL;
		o->spilled = !spilled; /* true: no texts of its own */
	}
	for (size_t i = 0; i < from->npool; i++)
		*CTL_ARRAY_PUSH(st->pool, st->npool, st->poolcap) = from->pool[i];
	from->npool = 0;
}

static size_t cand_doc(const void *c)
{
	return ((const cand *)c)->doc;
}

/* Renumbers the documents and puts the candidates in document order
 * (stable: a document's own stay in text order), as if the documents had
 * been added in that order: which member of a merged event is met first
 * must not depend on it. */
void ctl_event_store_remap_docs(ctl_event_store *st, const size_t *new_index,
		const ctl_timeline *tl)
{
	for (size_t i = 0; i < st->n; i++)
		st->c[i].doc = new_index[st->c[i].doc];
	cand *sorted = ctl_big_resize(NULL, 0, st->n * sizeof(cand));
	ctl_sort_by_key(st->c, st->n, sizeof(cand), tl->ndocs, cand_doc, sorted);
	ctl_big_free(st->c, st->cap * sizeof(cand));
	st->c = sorted;
	st->cap = st->n;
}

/* Every field ctl_events_finish reads; the `resolved at finish` ones are not
 * kept. Content-word hashes are 16 hex digits (JSON numbers are doubles). */
/* "[start,end,text]": a trigger's or a sentence's span and text. */
static void put_span_text(ctl_buf *b, uint32_t s, uint32_t e, const char *text)
{
	ctl_buf_putc(b, '[');
	ctl_json_put_int(b, s);
	ctl_buf_putc(b, ',');
	ctl_json_put_int(b, e);
	ctl_buf_putc(b, ',');
	ctl_pj_put_str(b, text);
	ctl_buf_putc(b, ']');
}

/* A content-word hash as a string of 16 hex digits, as ever; a file of an
 * earlier version holds the unfolded hash, which reading folds the same. */
static void put_word_hash(ctl_buf *b, uint64_t h)
{
	static const char hexdig[] = "0123456789abcdef";
	char q[18];
	q[0] = q[17] = '"';
	for (int k = 16; k >= 1; k--, h >>= 4)
		q[k] = hexdig[h & 15];
	ctl_buf_put(b, q, sizeof(q));
}

static void put_bool(ctl_buf *b, bool v)
{
	if (v)
		ctl_buf_put(b, "true", 4);
	else
		ctl_buf_put(b, "false", 5);
}

void ctl_event_store_write_json(const ctl_event_store *st, ctl_buf *b)
{
#define PUT_LIT(lit) ctl_buf_put(b, lit, sizeof(lit) - 1)
	ctl_buf_putc(b, '[');
	for (size_t i = 0; i < st->n; i++) {
		const cand *c = &st->c[i];
		if (i)
			ctl_buf_putc(b, ',');
		ctl_buf_putc(b, '{');
		ctl_pj_put_interval(b, "", &c->when);
		PUT_LIT(",\"date_kind\":");
		ctl_json_put_int(b, c->dk);
		PUT_LIT(",\"weekday\":");
		ctl_json_put_int(b, c->weekday);
		PUT_LIT(",\"class\":");
		ctl_pj_put_str(b, c->cls);
		PUT_LIT(",\"group\":");
		ctl_pj_put_str(b, c->group);
		PUT_LIT(",\"trigger\":");
		put_span_text(b, c->ts, c->te, c->trigger_text);
		PUT_LIT(",\"sentence\":");
		put_span_text(b, c->ss, c->se, c->sentence_text);
		PUT_LIT(",\"mentions\":[");
		for (size_t k = 0; k < c->nm; k++) {
			if (k)
				ctl_buf_putc(b, ',');
			ctl_pj_put_span(b, c->m[2 * k], c->m[2 * k + 1]);
		}
		PUT_LIT("],\"speaker\":");
		if (c->has_speaker)
			ctl_pj_put_span(b, c->sps, c->spe);
		else
			PUT_LIT("null");
		PUT_LIT(",\"place\":");
		ctl_pj_put_str(b, c->place);
		PUT_LIT(",\"title\":");
		ctl_pj_put_str(b, c->title);
		PUT_LIT(",\"main\":");
		put_bool(b, c->main);
		PUT_LIT(",\"future\":");
		put_bool(b, c->future);
		PUT_LIT(",\"words\":[");
		for (size_t k = 0; k < c->nwords; k++) {
			if (k)
				ctl_buf_putc(b, ',');
			put_word_hash(b, c->words[k]);
		}
		PUT_LIT("]}");
	}
	ctl_buf_putc(b, ']');
#undef PUT_LIT
}

/* The store's copy of a class name: the same few names recur in a document. */
static const char *intern(ctl_event_store *st, char *s)
{
	for (size_t i = 0; i < st->npool; i++)
		if (!strcmp(st->pool[i], s)) {
			free(s);
			return st->pool[i];
		}
	*CTL_ARRAY_PUSH(st->pool, st->npool, st->poolcap) = s;
	return s;
}

static int read_cand(ctl_pj *p, ctl_event_store *st, const cJSON *o, cand *c)
{
	int rc, dk, weekday;
	char *cls = NULL, *group = NULL;
	const cJSON *v;
	if ((rc = ctl_pj_interval(p, o, NULL, "", &c->when)) ||
	    (rc = ctl_pj_int(p, o, "date_kind", DATE_NONE, DATE_BEFORE, &dk)) ||
	    (rc = ctl_pj_int(p, o, "weekday", 0, 7, &weekday)) ||
	    (rc = ctl_pj_string(p, o, "class", false, &cls)))
		return rc;
	c->cls = intern(st, cls);
	if ((rc = ctl_pj_string(p, o, "group", false, &group)))
		return rc;
	c->group = intern(st, group);
	c->dk = (uint8_t)dk;
	c->weekday = (int8_t)weekday;
	v = cJSON_GetObjectItemCaseSensitive(o, "trigger");
	if ((rc = ctl_pj_span(p, v, "trigger", &c->ts, &c->te)))
		return rc;
	if (cJSON_GetArraySize(v) != 3 || !cJSON_IsString(cJSON_GetArrayItem(v, 2)))
		return ctl_pj_fail(p, "trigger", "not [start, end, text]");
	c->trigger_text = ctl_xstrdup(cJSON_GetArrayItem(v, 2)->valuestring);
	v = cJSON_GetObjectItemCaseSensitive(o, "sentence");
	if ((rc = ctl_pj_span(p, v, "sentence", &c->ss, &c->se)))
		return rc;
	if (cJSON_GetArraySize(v) != 3 || !cJSON_IsString(cJSON_GetArrayItem(v, 2)))
		return ctl_pj_fail(p, "sentence", "not [start, end, text]");
	c->sentence_text = ctl_xstrdup(cJSON_GetArrayItem(v, 2)->valuestring);
	v = cJSON_GetObjectItemCaseSensitive(o, "mentions");
	if (!cJSON_IsArray(v))
		return ctl_pj_fail(p, "mentions", "not an array");
	const cJSON *m;
	cJSON_ArrayForEach(m, v) {
		uint32_t s, e;
		if ((rc = ctl_pj_span(p, m, "mentions", &s, &e)))
			return rc;
		push_mention(c, s, e);
	}
	v = cJSON_GetObjectItemCaseSensitive(o, "speaker");
	if (v && !cJSON_IsNull(v)) {
		if ((rc = ctl_pj_span(p, v, "speaker", &c->sps, &c->spe)))
			return rc;
		c->has_speaker = true;
	}
	if ((rc = ctl_pj_string(p, o, "place", true, &c->place)) ||
	    (rc = ctl_pj_string(p, o, "title", true, &c->title)) ||
	    (rc = ctl_pj_bool(p, o, "main", &c->main)) ||
	    (rc = ctl_pj_bool(p, o, "future", &c->future)))
		return rc;
	v = cJSON_GetObjectItemCaseSensitive(o, "words");
	if (!cJSON_IsArray(v) || cJSON_GetArraySize(v) > 8)
		return ctl_pj_fail(p, "words", "not an array of at most 8 hashes");
	cJSON_ArrayForEach(m, v) {
		const char *h = cJSON_GetStringValue(m);
		char *end;
		if (!h || strlen(h) != 16 || strspn(h, "0123456789abcdef") != 16)
			return ctl_pj_fail(p, "words", "not 16 hex digits");
		c->words[c->nwords++] = word_hash32((uint64_t)strtoull(h, &end, 16));
	}
	return 0;
}

int ctl_event_store_from_cjson(ctl_event_store *st, const cJSON *arr, ctl_pj *p)
{
	if (!cJSON_IsArray(arr))
		return ctl_pj_fail(p, "candidates", "not an array");
	int i = 0;
	const cJSON *o;
	cJSON_ArrayForEach(o, arr) {
		snprintf(p->where, sizeof(p->where), "candidates[%d]", i++);
		if (!cJSON_IsObject(o))
			return ctl_pj_fail(p, NULL, "not an object");
		cand *c = push_cand(st);
		memset(c, 0, sizeof(*c));
		c->speaker = NO_ACTOR;
		int rc = read_cand(p, st, o, c);
		if (rc)
			return rc; /* the store frees what was read */
	}
	return 0;
}
