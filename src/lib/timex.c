/*
 * The time tagger: finds dates, times, durations and sets in text and
 * normalises them in the TimeML TIMEX3 convention (TimeML Annotation
 * Guidelines 1.2.1, sec. 2.2; values as in TIDES 2005 / ISO 8601).
 *
 * One pass per line: the line is tokenized once (timex_data.c), then read
 * left to right; at each token that can start an expression, a fixed set
 * of token patterns is tried with table look-ups only (no regular
 * expressions, bounded look-ahead) and the longest match is taken. A match
 * is a candidate saying what the text states and how to resolve it:
 *   RS_ABS      every part is stated ("October 3, 2019")
 *   RS_PARTIAL  no year: resolved against the document date (DCT) and the
 *               tense around it ("On April 14", "Thursday", "last Friday")
 *   RS_DCT      so many units from the DCT ("yesterday", "next year",
 *               "two years ago")
 *   RS_ANA      so many units from the last date mentioned ("the next day",
 *               "two days later")
 *   RS_ANCHOR   so many units before/after a given date ("a week before
 *               October 3, 2019"; "a week before the vote" right after a
 *               stated date)
 *   RS_TIME     a clock time ("09:45 CET"), dated by the day it is said of
 *   RS_FIXED    the value is known as is (durations, sets, PRESENT_REF)
 * With no DCT, values keep X placeholders ("XXXX-03-30", "XXXX-WXX-4"):
 * the tagger never invents a year.
 *
 * Extents follow TimeML: determiners and modifiers such as "early",
 * "about", "the past" are inside, prepositions and surrounding punctuation
 * outside; "more than", "at least" stay outside as MEANTIME annotates them
 * (data/time/modifiers.tsv says which). The words are data (data/time/).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "resources.h"
#include "timex_internal.h"
#include "timex_tokens.h"
#include "util.h"

enum { RS_FIXED = 1, RS_ABS, RS_PARTIAL, RS_DCT, RS_ANA, RS_ANCHOR, RS_TIME };
enum { DIR_TENSE = 0, DIR_LAST, DIR_NEXT, DIR_THIS };

/* A matched expression before resolution. */
typedef struct cand {
	size_t a, b;           /* extent: tokens [a, b) */
	int type;              /* CTL_TIMEX_* */
	int rs;                /* RS_* */
	tx_cal c;              /* RS_ABS / RS_PARTIAL: what the text states */
	int holiday;           /* RS_PARTIAL: holiday index + 1 */
	int dir;               /* RS_PARTIAL: DIR_* */
	bool ana;              /* RS_PARTIAL: relative to the last date, not the DCT */
	int unit;              /* RS_DCT / RS_ANA / RS_ANCHOR: U_* */
	int n;                 /* ... shifted by n units */
	int refine_g;          /* then narrowed to a month/quarter/half of the year */
	bool no_amount;        /* RS_ANA: an unstated amount ("years later") */
	int refine;            /* ... this one */
	int anchor_src;        /* RS_ANCHOR: 1 the date that follows, 2 the last stated one */
	bool quant;            /* starts with an amount: may take "about", "more than" */
	bool has_time;
	int hh, mi;
	char pod[3];
	bool has_day;          /* RS_TIME: the day named right after ("3 p.m. on Friday") */
	tx_cal day;
	bool day_known;
	ctl_timex_anchor day_anchor;
	char value[40];        /* RS_FIXED */
	char mod[16];
	char freq[8];
} cand;

/* A resolved expression. */
typedef struct resolved {
	char value[40];
	ctl_interval when;
	ctl_timex_anchor anchor;
	bool known;            /* cal holds a value with a known year */
	tx_cal cal;
	int type;
} resolved;

typedef struct tstate {
	const struct ctl_timex_data *d;
	const char *text;
	ctl_day dct;           /* what deictic expressions resolve against: the
	                          report's date, or a live page's day (section_heading) */
	ctl_day dct0;          /* the report's date */
	ctl_timex_list *out;
	tx_tok *t;
	size_t n, cap;
	size_t span;           /* index of the span being read */
	size_t line;           /* lines read so far (for the apposition check) */
	size_t sent;           /* sentences begun so far: each span, each line and
	                          each sentence-final stop starts one */
	/* what anaphoric expressions resolve against */
	bool has_last;         /* the last date mentioned */
	tx_cal last;
	size_t last_sent;
	uint32_t last_end;     /* where the last date mentioned ends in the text */
	bool has_stated;       /* the last date stated in full, other than the DCT */
	ctl_day stated;
	size_t stated_sent;
	int chrono_y;          /* the year of a date opening line chrono_line, or 0 */
	size_t chrono_line;
	bool has_year;         /* a year stated with a month earlier in the sentence */
	int year;
	size_t year_sent;
	size_t last_b, last_b_line; /* where the last expression ended */
	/* a second expression found with the current one (RS_ANCHOR) */
	bool has_pending;
	cand pending;
	ctl_timex_stop_fn stop; /* asked after each line whether to go on, or NULL */
	void *stop_ctx;
	ctl_tx_tokens *keep;   /* the page's tokens are kept here, or NULL */
	const ctl_tx_tokens *kept; /* ... or read from here, or NULL */
	size_t kept_line;      /* where the look-up in `kept` stands */
} tstate;

/* ---- token helpers ------------------------------------------------------ */

static const tx_word *word_at(const tstate *st, size_t i)
{
	return i < st->n && st->t[i].kind == TK_WORD ? tx_entry(st->d, st->t[i].w) : NULL;
}

static bool punct_at(const tstate *st, size_t i, char ch)
{
	return i < st->n && st->t[i].kind == TK_PUNCT && st->t[i].ch == ch;
}

/* Token i touches token i - 1 (no space between). */
static bool glued(const tstate *st, size_t i)
{
	return i < st->n && !st->t[i].sp;
}

static bool num_at(const tstate *st, size_t i)
{
	return i < st->n && st->t[i].kind == TK_NUM;
}

/* The relative roles of the longest key at i, and its length. */
static uint32_t roles_at(const tstate *st, size_t i, size_t *len)
{
	size_t k = 0;
	const tx_word *w = tx_match(st->d, st->text, st->t, st->n, i, TW_REL, &k);
	if (len)
		*len = w ? k : 0;
	return w ? w->rel : 0;
}

/* Single-token roles (no multi-token look-up). */
static uint32_t roles1(const tstate *st, size_t i)
{
	const tx_word *w = word_at(st, i);
	return w && (w->cls & TW_REL) ? w->rel : 0;
}

static const tx_word *key_at(const tstate *st, size_t i, uint32_t cls, size_t *len)
{
	return tx_match(st->d, st->text, st->t, st->n, i, cls, len);
}

static bool word_is(const tstate *st, size_t i, const char *s)
{
	return i < st->n && st->t[i].kind == TK_WORD &&
		ctl_eq_nocase(st->text + st->t[i].s, st->t[i].e - st->t[i].s, s);
}

static bool is_currency(const tstate *st, size_t i)
{
	const tx_tok *t = &st->t[i];
	if (t->kind != TK_PUNCT)
		return false;
	if (t->ch == '$' || t->ch == '#')
		return true;
	const unsigned char *p = (const unsigned char *)st->text + t->s;
	size_t n = t->e - t->s;
	return (n == 2 && p[0] == 0xC2 && (p[1] == 0xA3 || p[1] == 0xA5)) ||  /* pound, yen */
		(n == 3 && p[0] == 0xE2 && p[1] == 0x82 && p[2] == 0xAC);     /* euro */
}

/* A number that stands alone on its left: not glued to a word or a number
 * ("MP3", "iPhone4"), not an amount of money, not the decimals of "10.4". */
static bool num_free_before(const tstate *st, size_t i)
{
	if (i == 0)
		return true;
	const tx_tok *p = &st->t[i - 1];
	if (is_currency(st, i - 1))
		return false;
	if (!st->t[i].sp) {
		if (p->kind == TK_WORD || p->kind == TK_NUM)
			return false;
		if (p->kind == TK_PUNCT && (p->ch == '.' || p->ch == ',' || p->ch == ':' || p->ch == '/') &&
		    i >= 2 && st->t[i - 2].kind == TK_NUM && !p->sp)
			return false;
	}
	return true;
}

/* Token j (just after a number) glues something onto it that makes it no
 * time expression: a word ("30GB"), "%", or more digits ("10.4", "3:1"). */
static bool num_glued_after(const tstate *st, size_t j)
{
	if (j >= st->n || st->t[j].sp)
		return false;
	const tx_tok *u = &st->t[j];
	if (u->kind != TK_PUNCT)
		return true;
	if (u->ch == '%')
		return true;
	if ((u->ch == '.' || u->ch == ',' || u->ch == ':' || u->ch == '/') && num_at(st, j + 1) && glued(st, j + 1))
		return true;
	return false;
}

/* ---- calendar pieces ----------------------------------------------------- */

static bool year_at(const tstate *st, size_t i, int *y)
{
	if (!num_at(st, i))
		return false;
	const tx_tok *t = &st->t[i];
	if (t->ndig != 4 || t->grouped || t->val < 1000 || t->val > 2199)
		return false;
	if (!num_free_before(st, i) || num_glued_after(st, i + 1))
		return false;
	*y = t->val;
	return true;
}

/* A day of the month: "8", "08", "8th", or (words_ok) "eighth". */
static bool daynum_at(const tstate *st, size_t i, bool words_ok, int *day, size_t *next, bool *word)
{
	*word = false;
	if (num_at(st, i)) {
		const tx_tok *t = &st->t[i];
		if (t->ndig > 2 || t->val < 1 || t->val > 31 || !num_free_before(st, i))
			return false;
		size_t j = i + 1;
		const tx_word *w = word_at(st, j);
		if (glued(st, j) && w && (w->cls & TW_SUFFIX))
			j++;
		else if (num_glued_after(st, j))
			return false;
		*day = t->val;
		*next = j;
		return true;
	}
	const tx_word *w = word_at(st, i);
	if (words_ok && w && (w->cls & TW_ORD) && w->ord >= 1 && w->ord <= 31) {
		*day = w->ord;
		*next = i + 1;
		*word = true;
		return true;
	}
	return false;
}

static bool month_case_ok(const tstate *st, size_t i, const tx_word *w)
{
	return !(w->month_fl & (TF_ABBR | TF_AMB)) || st->t[i].caps;
}

/* The month at i (with the full stop of "Jan."), in *m; *next after it. */
static bool month_at(const tstate *st, size_t i, int *m, size_t *next, const tx_word **wout)
{
	const tx_word *w = word_at(st, i);
	if (!w || !(w->cls & TW_MONTH) || !month_case_ok(st, i, w))
		return false;
	size_t j = i + 1;
	if ((w->month_fl & TF_ABBR) && punct_at(st, j, '.') && glued(st, j))
		j++;
	*m = w->month;
	*next = j;
	if (wout)
		*wout = w;
	return true;
}

/* An ordinal: "third", "3rd". */
static bool ordinal_at(const tstate *st, size_t i, int *o, size_t *next)
{
	const tx_word *w = word_at(st, i);
	if (w && (w->cls & TW_ORD)) {
		*o = w->ord;
		*next = i + 1;
		return true;
	}
	if (num_at(st, i) && st->t[i].ndig <= 3 && num_free_before(st, i)) {
		const tx_word *s = word_at(st, i + 1);
		if (s && (s->cls & TW_SUFFIX) && glued(st, i + 1)) {
			*o = st->t[i].val;
			*next = i + 2;
			return true;
		}
	}
	return false;
}

/* A unit word at i usable as a duration; *fl its flags. */
static int unit_at(const tstate *st, size_t i, uint8_t *fl)
{
	const tx_word *w = word_at(st, i);
	if (!w || !(w->cls & TW_UNIT) || (w->unit_fl & UF_PREFIX))
		return 0;
	if (fl)
		*fl = w->unit_fl;
	return w->unit;
}

/* A unit that names a calendar period one can be "in" (not "this hour"). */
static bool calendar_unit(int u)
{
	return u == U_DAY || u == U_WEEK || u == U_WEEKEND || u == U_MONTH || u == U_QUARTER ||
		u == U_YEAR || u == U_DECADE || u == U_CENTURY || u == U_MILLENNIUM;
}

static void cand_init(cand *c, size_t i)
{
	memset(c, 0, sizeof(*c));
	c->a = i;
	c->b = i + 1;
	c->type = CTL_TIMEX_DATE;
}

/* ---- numbers ------------------------------------------------------------ */

typedef struct qnum {
	double v;              /* -1: unstated ("several") */
	bool article, digits, integer;
	size_t next;
} qnum;

/* "and a half" at i: true and *next after it. */
static bool and_a_half(const tstate *st, size_t i, size_t *next)
{
	const tx_word *a = word_at(st, i + 1), *h = word_at(st, i + 2);
	if ((roles1(st, i) & R_AND) && a && (a->cls & TW_NUM) && a->num_kind == N_ARTICLE &&
	    h && (h->cls & TW_NUM) && h->num_kind == N_HALF) {
		*next = i + 3;
		return true;
	}
	return false;
}

static bool parse_number(const tstate *st, size_t i, qnum *q)
{
	memset(q, 0, sizeof(*q));
	if (i >= st->n)
		return false;
	const tx_tok *t = st->t;
	if (t[i].kind == TK_NUM) {
		if (!num_free_before(st, i) || t[i].ndig > 9)
			return false;
		double v = t[i].val;
		size_t j = i + 1;
		q->integer = true;
		if (punct_at(st, j, '.') && glued(st, j) && num_at(st, j + 1) && glued(st, j + 1)) {
			if (t[j + 1].ndig > 6)
				return false;
			double f = t[j + 1].val;
			for (int k = 0; k < t[j + 1].ndig; k++)
				f /= 10;
			v += f;
			j += 2;
			q->integer = false;
		}
		if (num_glued_after(st, j) && !(j < st->n && st->t[j].kind == TK_WORD))
			return false;
		const tx_word *w = word_at(st, j);
		if (w && (w->cls & TW_NUM) && w->num_kind == N_MULT && st->t[j].sp) {
			v *= w->num;
			j++;
		}
		q->v = v;
		q->digits = true;
		q->next = j;
		return true;
	}
	size_t k;
	const tx_word *w = key_at(st, i, TW_NUM, &k);
	if (!w)
		return false;
	size_t j = i + k;
	switch (w->num_kind) {
	case N_CARD: {
		double v = w->num;
		if (v >= 20 && v < 100 && fmod(v, 10) == 0) {
			size_t u = j;
			if (punct_at(st, u, '-') && glued(st, u) && glued(st, u + 1))
				u++;
			const tx_word *x = word_at(st, u);
			if (x && (x->cls & TW_NUM) && x->num_kind == N_CARD && x->num >= 1 && x->num <= 9) {
				v += x->num;
				j = u + 1;
			}
		}
		const tx_word *x = word_at(st, j);
		if (x && (x->cls & TW_NUM) && x->num_kind == N_MULT) {
			v *= x->num;
			j++;
		}
		q->v = v;
		q->integer = true;
		q->next = j;
		return true;
	}
	case N_ARTICLE: {
		q->v = 1;
		q->article = true;
		q->integer = true;
		const tx_word *x = word_at(st, j);
		if (x && (x->cls & TW_NUM) && x->num_kind == N_HALF) {
			q->v = 0.5;
			q->integer = false;
			q->article = false;
			j++;
		} else if (x && (x->cls & TW_NUM) && x->num_kind == N_MULT) {
			q->v = x->num;
			q->article = false;
			j++;
		}
		q->next = j;
		return true;
	}
	case N_FUZZY:
		q->v = -1;
		q->next = j;
		return true;
	case N_HALF: {
		const tx_word *x = word_at(st, j);
		if (x && (x->cls & TW_NUM) && x->num_kind == N_ARTICLE) {
			q->v = 0.5;
			q->next = j + 1;
			return true;
		}
		return false;
	}
	default:
		return false;
	}
}

/* ---- tense --------------------------------------------------------------- */

static bool stop_punct(const tx_tok *t)
{
	return t->kind == TK_PUNCT && (t->ch == '.' || t->ch == '!' || t->ch == '?' || t->ch == ';');
}

/* Whether a determiner stands right before token k: an -ed word there is
 * an adjective ("publish the certified result no later than 25 October"),
 * not a past form. */
static bool after_determiner(const tstate *st, size_t k)
{
	static const char *const dets[] = { "the", "a", "an", "its", "their", "his", "her", "our",
		"this", "these", "those", NULL };
	if (!k || st->t[k - 1].kind != TK_WORD || st->t[k - 1].e - st->t[k - 1].s > 5)
		return false;
	for (size_t i = 0; dets[i]; i++)
		if (word_is(st, k - 1, dets[i]))
			return true;
	return false;
}

/* TN_PAST / TN_FUTURE, 0 for a tenseless stop, -1 for no cue. */
static int tense_of_word(const tx_word *w)
{
	if (w->tense & TN_NOTED)
		return -1;
	if (w->tense & TN_FUTURE)
		return TN_FUTURE;
	if (w->tense & TN_PAST)
		return TN_PAST;
	if (w->tense & TN_PRESENT)
		return 0;
	return -1;
}

static int tense_of_token(const tstate *st, size_t k)
{
	const tx_word *w = word_at(st, k);
	const tx_tok *t = &st->t[k];
	size_t len = t->e - t->s;
	const char *s = st->text + t->s;
	int r = -1;
	if (w && (w->cls & TW_TENSE))
		r = tense_of_word(w);
	else if (t->kind == TK_WORD && len >= 5 && ctl_to_lower((unsigned char)s[len - 2]) == 'e' &&
	         ctl_to_lower((unsigned char)s[len - 1]) == 'd' && !after_determiner(st, k))
		r = TN_PAST;
	if (r == TN_PAST && !(w && (w->tense & TN_AUX))) {
		/* a participle after "be"/"get" is no past form: "is expected",
		 * "to be held": the auxiliary before it decides */
		const tx_word *p = k > 0 ? word_at(st, k - 1) : NULL;
		/* ... also with an adverb between: "would be fully restored" */
		const tx_tok *q = k > 1 ? &st->t[k - 1] : NULL;
		if (!p && q && q->kind == TK_WORD && q->e - q->s > 3 &&
		    ctl_is_lower((unsigned char)st->text[q->s]) &&
		    st->text[q->e - 2] == 'l' && st->text[q->e - 1] == 'y')
			p = word_at(st, k - 2);
		if (p && (p->cls & TW_TENSE) && (p->tense & TN_AUX))
			return -1;
	}
	return r;
}

/* How many words before an expression its tense is looked for. */
#define TENSE_BACK_WORDS 16

static bool subject_pronoun(const char *s, size_t n)
{
	static const char *const p[] = { "he", "she", "they", "we", "i", NULL };
	for (size_t i = 0; p[i]; i++)
		if (ctl_eq_nocase(s, n, p[i]))
			return true;
	return false;
}

/*
 * The tense around tokens [a, b): the nearest cue before the expression in
 * its sentence (up to sixteen words, commas and numbers not counted: "will
 * hold talks with Chinese President Xi Jinping in Beijing in May", "grounded
 * its fleet of five ATR 42 aircraft two days after the crash, on 16
 * September"), else the nearest after it (up to eight). Returns TN_PAST,
 * TN_FUTURE or 0 (none found, or a present form).
 */
static bool sentence_end(const tstate *st, size_t i);

/* Whether token k ends the clause a tense is looked for in: not the full
 * stops of "a.m." or "Jan." ("will end at 6 a.m. on Friday"). */
static bool tense_stop(const tstate *st, size_t k)
{
	return stop_punct(&st->t[k]) && (st->t[k].ch != '.' || sentence_end(st, k) || k + 1 >= st->n);
}

static int tense_around(const tstate *st, size_t a, size_t b)
{
	size_t steps = 0;
	for (size_t k = a; k > 0 && steps < TENSE_BACK_WORDS && a - k < 48;) {
		k--;
		if (tense_stop(st, k))
			break;
		if (st->t[k].kind != TK_WORD)
			continue; /* commas and numbers do not count ("grounded its
			           * fleet of five ATR 42 aircraft two days after
			           * the crash, on 16 September") */
		steps++;
		size_t len;
		if (k > 0) {
			const tx_word *w2 = key_at(st, k - 1, TW_TENSE, &len);
			if (w2 && len == 2) {
				int r = tense_of_word(w2);
				/* "failed to appear": a past form's own "to ..." (a
				 * key of its own, "failed to") wins over "to appear" */
				size_t len0;
				const tx_word *w0 = r == TN_FUTURE && k > 1 && word_is(st, k - 1, "to") ?
					key_at(st, k - 2, TW_TENSE, &len0) : NULL;
				if (w0 && len0 == 2 && tense_of_word(w0) == TN_PAST)
					return TN_PAST;
				if (r >= 0)
					return r;
				k--;
				continue;
			}
		}
		int r = tense_of_token(st, k);
		/* a plan in the past perfect, called off or moved, says
		 * nothing of which way its day lies ("had originally been
		 * scheduled for September 28", "a trial had been scheduled to
		 * begin on April 14"): the nearest */
		if (r == TN_FUTURE)
			for (size_t h = k, n = 0; h > 0 && n < 3; h--, n++)
				if (word_is(st, h - 1, "had"))
					return 0;
		if (r >= 0)
			return r;
	}
	steps = 0;
	size_t words = 0;
	for (size_t k = b; k < st->n && steps < 8; k++, steps++) {
		if (tense_stop(st, k))
			break;
		if (st->t[k].kind != TK_WORD)
			continue;
		/* a subject pronoun after other words opens a clause of its
		 * own: "March 2 - Smith announces she will seek a second term"
		 * is no future March ("On Thursday, she will ..." still is) */
		if (words++ && subject_pronoun(st->text + st->t[k].s, st->t[k].e - st->t[k].s))
			break;
		size_t len;
		const tx_word *w2 = key_at(st, k, TW_TENSE, &len);
		if (w2 && len >= 2) {
			int r = tense_of_word(w2);
			if (r >= 0)
				return r;
			k += len - 1;
			continue;
		}
		int r = tense_of_token(st, k);
		if (r >= 0)
			return r;
	}
	return 0;
}

/* ---- the patterns ------------------------------------------------------- */

static bool match_core(tstate *st, size_t i, cand *c);

/* A year stated right after a date part: "2016", ", 2016" or (of_ok) "of 2016". */
static bool year_after(const tstate *st, size_t j, bool of_ok, int *y, size_t *next)
{
	size_t k = j;
	if (punct_at(st, k, ','))
		k++;
	else if (of_ok && (roles1(st, k) & R_OF))
		k++;
	if (year_at(st, k, y)) {
		*next = k + 1;
		return true;
	}
	return false;
}

/* "last year", "this year", "next year" at j: the shift in *n. */
static bool rel_year_at(const tstate *st, size_t j, int *n, size_t *next)
{
	size_t k;
	uint32_t r = roles_at(st, j, &k);
	int sh;
	if (r & R_THIS)
		sh = 0;
	else if (r & R_LAST)
		sh = -1;
	else if (r & R_NEXT)
		sh = 1;
	else
		return false;
	if (unit_at(st, j + k, NULL) != U_YEAR)
		return false;
	*n = sh;
	*next = j + k + 1;
	return true;
}

/* Dates with a month name or a weekday and a day: "October 3, 2019",
 * "Friday, July 7", "8 November 2016", "the 8th of November",
 * "May 21st 2019", "November 2016", "March of last year", "March 3 of
 * last year". */
static bool m_date(tstate *st, size_t i, cand *c)
{
	size_t k = i, j;
	int wd = 0, mo = 0, day = 0, y = 0;
	const tx_word *w = word_at(st, k);
	cand_init(c, i);
	if (w && (w->cls & TW_WDAY) && !(w->wday_fl & TF_PLURAL) && st->t[k].caps) {
		wd = w->wday;
		k++;
		if ((w->wday_fl & TF_ABBR) && punct_at(st, k, '.') && glued(st, k))
			k++;
		if (punct_at(st, k, ','))
			k++;
	}
	bool word;
	if (month_at(st, k, &mo, &j, NULL)) {
		size_t jd;
		/* a day, then maybe its year ("March 3, 2016", "March 3 of
		 * 2016"); "of" and no year after the day ends the date ("convicted
		 * on Feb. 22 of murder") */
		if (daynum_at(st, j, false, &day, &jd, &word) && !unit_at(st, jd, NULL)) {
			j = jd;
			size_t jy;
			int sh;
			if (year_after(st, j, true, &y, &jy)) {
				j = jy;
			} else if (!wd && ((roles1(st, j) & R_OF) ? rel_year_at(st, j + 1, &sh, &jy)
			                                         : rel_year_at(st, j, &sh, &jy)) &&
			           day <= ctl_days_in_month(2001, mo) && st->t[k].caps) {
				/* "March 3 of last year", "January 22 this year": the
				 * day in that year */
				c->b = jy;
				c->rs = RS_DCT;
				c->unit = U_YEAR;
				c->n = sh;
				c->refine_g = G_DAY;
				c->refine = mo * 100 + day;
				return true;
			}
		} else {
			size_t jy;
			int sh;
			if (year_after(st, j, true, &y, &jy)) {
				j = jy;
			} else if (!wd && ((roles1(st, j) & R_OF) ? rel_year_at(st, j + 1, &sh, &jy)
			                                         : rel_year_at(st, j, &sh, &jy))) {
				/* "March of last year", "March this year" */
				if (!st->t[k].caps)
					return false;
				c->b = jy;
				c->rs = RS_DCT;
				c->unit = U_YEAR;
				c->n = sh;
				c->refine_g = G_MONTH;
				c->refine = mo;
				return true;
			} else {
				return false;
			}
		}
	} else {
		size_t k2 = k;
		bool det = false;
		if (!wd && (roles1(st, k2) & R_DET)) {
			k2++;
			det = true;
		}
		size_t jd;
		if (!daynum_at(st, k2, true, &day, &jd, &word))
			return false;
		size_t jm = jd;
		bool of = false;
		if (roles1(st, jm) & R_OF) {
			jm++;
			of = true;
		}
		if ((word && !of) || (det && !of && !(jd > k2 + 1)) || !month_at(st, jm, &mo, &j, NULL))
			return false;
		size_t jy;
		if (year_after(st, j, false, &y, &jy))
			j = jy;
	}
	if (day) {
		if (y ? !ctl_date_valid(y, mo, day) : day > ctl_days_in_month(2000, mo))
			return false;
	}
	c->b = j;
	c->c.g = (uint8_t)(day ? G_DAY : G_MONTH);
	c->c.y = y;
	c->c.m = mo;
	c->c.d = day;
	/* the weekday of a day with no year chooses its year
	 * (resolve_partial_at) */
	c->c.wd = day && !y ? wd : 0;
	c->rs = y ? RS_ABS : RS_PARTIAL;
	return true;
}

/* Is token j a capitalised word that continues a name ("June Carter",
 * "Easter Island", "the Summer Palace")? */
static bool name_follows(const tstate *st, size_t j)
{
	return j < st->n && st->t[j].kind == TK_WORD && st->t[j].caps && st->t[j].sp &&
		!(st->t[j].w && (tx_entry(st->d, st->t[j].w)->cls & ~(uint32_t)(TW_TENSE | TW_REL)));
}

/* Does token i - 1 make a bare month or season a date ("in May", "early
 * spring", "mid-March")? */
static bool cue_before(const tstate *st, size_t i)
{
	if (i == 0)
		return false;
	uint32_t r = roles1(st, i - 1);
	if (r & (R_PREP | R_OF | R_LAST | R_NEXT | R_THIS | R_EVERY))
		return true;
	const tx_word *w = word_at(st, i - 1);
	if (w && (w->cls & TW_MOD) && w->mod_kind == M_POINT)
		return true;
	if (punct_at(st, i - 1, '-') && i >= 2 && !st->t[i].sp) {
		const tx_word *m = word_at(st, i - 2);
		return m && (m->cls & TW_MOD);
	}
	return false;
}

/* A month alone: "In January", "early December". */
static bool m_month(tstate *st, size_t i, cand *c)
{
	const tx_word *w = word_at(st, i);
	if (!w || !(w->cls & TW_MONTH) || (w->month_fl & TF_ABBR) || !st->t[i].caps)
		return false;
	if ((w->month_fl & TF_AMB) && !cue_before(st, i))
		return false;
	if (!cue_before(st, i) && name_follows(st, i + 1))
		return false;
	/* a capitalised month glued to a hyphen is a name part ("March-based") */
	if (punct_at(st, i + 1, '-') && glued(st, i + 1))
		return false;
	cand_init(c, i);
	c->rs = RS_PARTIAL;
	c->c.g = G_MONTH;
	c->c.m = w->month;
	return true;
}

/* Numeric dates: "2019-05-21", "2019/05/21", "21.05.2019", and d/m/y or
 * m/d/y only when the numbers leave no doubt ("25/12/2016"). */
static bool m_numeric(tstate *st, size_t i, cand *c)
{
	if (!num_at(st, i) || !num_free_before(st, i))
		return false;
	const tx_tok *t = st->t;
	if (!(i + 4 < st->n && glued(st, i + 1) && glued(st, i + 2) && glued(st, i + 3) && glued(st, i + 4)))
		return false;
	char s1 = t[i + 1].kind == TK_PUNCT ? t[i + 1].ch : 0;
	char s2 = t[i + 3].kind == TK_PUNCT ? t[i + 3].ch : 0;
	if (!s1 || s1 != s2 || (s1 != '-' && s1 != '/' && s1 != '.') || !num_at(st, i + 2) || !num_at(st, i + 4))
		return false;
	int y, m, d;
	if (t[i].ndig == 4 && t[i + 2].ndig <= 2 && t[i + 4].ndig <= 2 && s1 != '.') {
		y = t[i].val;
		m = t[i + 2].val;
		d = t[i + 4].val;
	} else if (t[i].ndig <= 2 && t[i + 2].ndig <= 2 && t[i + 4].ndig == 4) {
		int p = t[i].val, q = t[i + 2].val;
		y = t[i + 4].val;
		if (s1 == '.' || p > 12 || p == q) {
			d = p;
			m = q;
		} else if (q > 12) {
			m = p;
			d = q;
		} else {
			return false; /* 05/07/2019: May 7 or 5 July */
		}
	} else {
		return false;
	}
	if (y < 1000 || y > 2199 || !ctl_date_valid(y, m, d))
		return false;
	cand_init(c, i);
	c->b = i + 5;
	c->rs = RS_ABS;
	c->c.g = G_DAY;
	c->c.y = y;
	c->c.m = m;
	c->c.d = d;
	/* an ISO time glued on: "2019-05-21T09:45" */
	if (word_is(st, i + 5, "T") && glued(st, i + 5) && num_at(st, i + 6) && glued(st, i + 6) &&
	    punct_at(st, i + 7, ':') && glued(st, i + 7) && num_at(st, i + 8) && glued(st, i + 8) &&
	    t[i + 6].val <= 24 && t[i + 8].val <= 59 && t[i + 8].ndig == 2) {
		c->has_time = true;
		c->hh = t[i + 6].val;
		c->mi = t[i + 8].val;
		c->type = CTL_TIMEX_TIME;
		c->b = i + 9;
		if (punct_at(st, c->b, ':') && glued(st, c->b) && num_at(st, c->b + 1) && glued(st, c->b + 1))
			c->b += 2;
		/* ... and its zone: "2022-11-17T14:20:00Z", "...T09:45+02:00" */
		if (word_is(st, c->b, "Z") && glued(st, c->b))
			c->b += 1;
		else if ((punct_at(st, c->b, '+') || punct_at(st, c->b, '-')) && glued(st, c->b) &&
		         num_at(st, c->b + 1) && glued(st, c->b + 1) && t[c->b + 1].ndig == 2 &&
		         punct_at(st, c->b + 2, ':') && glued(st, c->b + 2) && num_at(st, c->b + 3) &&
		         glued(st, c->b + 3))
			c->b += 4;
	}
	return !num_glued_after(st, c->b);
}

/* Whether a space and a code of capitals and figures, both, of two to
 * seven characters follow text[p] ("2017 WF9"), before `end`. */
static bool designation_after(const char *text, uint32_t p, uint32_t end)
{
	const unsigned char *u = (const unsigned char *)text;
	if (p >= end || u[p] != ' ')
		return false;
	uint32_t q = p + 1;
	bool cap = false, dig = false;
	while (q < end && (ctl_is_upper(u[q]) || ctl_is_digit(u[q]))) {
		cap |= ctl_is_upper(u[q]);
		dig |= ctl_is_digit(u[q]);
		q++;
	}
	return cap && dig && q - p - 1 >= 2 && q - p - 1 <= 7 && (q == end || !ctl_is_alpha(u[q]));
}

/* Years, decades, centuries, fiscal years: "2016", "the 1990s", "'90s",
 * "the 21st century", "fiscal 2017", "FY2017". */
static bool m_year(tstate *st, size_t i, cand *c)
{
	size_t k = i;
	bool det = false;
	cand_init(c, i);
	if (roles1(st, k) & R_DET) {
		det = true;
		k++;
	}
	/* decades */
	if (num_at(st, k) || (punct_at(st, k, '\'') && num_at(st, k + 1) && glued(st, k + 1))) {
		bool apos = punct_at(st, k, '\'');
		size_t nk = apos ? k + 1 : k;
		const tx_tok *t = &st->t[nk];
		bool s_after = nk + 1 < st->n && glued(st, nk + 1) && st->t[nk + 1].kind == TK_WORD &&
			st->t[nk + 1].e - st->t[nk + 1].s == 1 &&
			ctl_to_lower((unsigned char)st->text[st->t[nk + 1].s]) == 's';
		if (s_after && !t->grouped && (apos || num_free_before(st, nk))) {
			int y = -1;
			if (t->ndig == 4 && t->val >= 1000 && t->val <= 2190 && t->val % 10 == 0)
				y = t->val;
			else if (t->ndig == 2 && t->val % 10 == 0 && (apos || det || cue_before(st, k)))
				y = t->val >= 20 ? 1900 + t->val : 2000 + t->val;
			if (y > 0 && !num_glued_after(st, nk + 2)) {
				c->a = det ? i : k;
				c->b = nk + 2;
				c->rs = RS_ABS;
				c->c.g = G_DECADE;
				c->c.y = y;
				return true;
			}
		}
	}
	/* centuries: "the 21st century", "the nineteenth century" */
	int o;
	size_t j;
	if (ordinal_at(st, k, &o, &j) && o >= 1 && o <= 30 && unit_at(st, j, NULL) == U_CENTURY &&
	    !(word_at(st, j)->unit_fl & UF_PLURAL)) {
		c->a = det ? i : k;
		c->b = j + 1;
		c->rs = RS_ABS;
		c->c.g = G_CENTURY;
		c->c.y = (o - 1) * 100;
		return c->c.y > 0;
	}
	if (det)
		return false;
	/* fiscal years */
	if (roles1(st, k) & R_FISCAL) {
		size_t y0 = k + 1;
		if (unit_at(st, y0, NULL) == U_YEAR)
			y0++;
		int y;
		/* "FY2017" */
		bool fy = num_at(st, k + 1) && glued(st, k + 1) && st->t[k + 1].ndig == 4 &&
			st->t[k].caps == 2;
		if (fy || year_at(st, y0, &y)) {
			if (fy) {
				y = st->t[k + 1].val;
				y0 = k + 1;
			}
			c->b = y0 + 1;
			c->rs = RS_ABS;
			c->c.g = G_YEAR;
			c->c.y = y;
			c->c.fiscal = 1;
			return true;
		}
		return false;
	}
	/* plain years */
	int y;
	if (!year_at(st, k, &y))
		return false;
	if (y < 1900 && !(k > 0 && (roles1(st, k - 1) & R_PREP)))
		return false;
	/* "asteroid 2017 WF9", "comet 1994 XZ2": a designation, not a year */
	if (designation_after(st->text, st->t[k].e, st->t[st->n - 1].e))
		return false;
	/* "about 2000 people", "more than 1500": an amount, not a year */
	for (size_t m = k >= 3 ? k - 3 : 0; m < k; m++) {
		size_t len;
		const tx_word *p = key_at(st, m, TW_MOD, &len);
		if (p && m + len == k && p->mod_kind == M_QUANT && !(p->rel & R_PREP))
			return false;
	}
	c->rs = RS_ABS;
	c->c.g = G_YEAR;
	c->c.y = y;
	return true;
}

/* Zone after a time: "CET", "UTC+2", "local time". */
static size_t zone_after(const tstate *st, size_t j)
{
	size_t k;
	const tx_word *w = key_at(st, j, TW_ZONE, &k);
	if (!w)
		return j;
	if (!(w->zone_fl & TF_ANYCASE) && st->t[j].caps != 2 &&
	    !(st->t[j].caps == 1 && st->t[j].e - st->t[j].s == 1 && glued(st, j)))
		return j;
	size_t e = j + k;
	if ((punct_at(st, e, '+') || punct_at(st, e, '-')) && glued(st, e) && num_at(st, e + 1) && glued(st, e + 1) &&
	    st->t[e + 1].val <= 14) {
		e += 2;
		if (punct_at(st, e, ':') && glued(st, e) && num_at(st, e + 1) && glued(st, e + 1))
			e += 2;
	}
	return e;
}

/* "a.m."/"pm" at j: *pm = 1 for p.m., 0 for a.m.; length in *k. */
static bool ampm_at(const tstate *st, size_t j, int *pm, size_t *k)
{
	const tx_word *w = key_at(st, j, TW_POD, k);
	if (!w || w->pod_kind != P_AMPM)
		return false;
	*pm = w->pod[0] == 'P' || w->pod[0] == 'p';
	return true;
}

static bool apply_ampm(int *hh, int pm)
{
	if (*hh < 1 || *hh > 12)
		return false;
	if (pm && *hh < 12)
		*hh += 12;
	else if (!pm && *hh == 12)
		*hh = 0;
	return true;
}

/* Clock times: "09:45", "3:30 p.m. ET", "3pm", "10 o'clock", "1430 GMT",
 * "noon", with a zone ("09:45 CET", "08:20 UTC+2"). */
static bool m_time(tstate *st, size_t i, cand *c)
{
	const tx_tok *t = st->t;
	int hh = -1, mi = 0, pm;
	size_t j = i, k;
	cand_init(c, i);
	if (num_at(st, i)) {
		if (!num_free_before(st, i))
			return false;
		if (t[i].ndig <= 2 && (punct_at(st, i + 1, ':') || punct_at(st, i + 1, '.')) && glued(st, i + 1) &&
		    num_at(st, i + 2) && glued(st, i + 2) && t[i + 2].ndig == 2) {
			hh = t[i].val;
			mi = t[i + 2].val;
			bool dot = punct_at(st, i + 1, '.'), secs = false;
			j = i + 3;
			if (punct_at(st, j, ':') && glued(st, j) && num_at(st, j + 1) && glued(st, j + 1) && t[j + 1].ndig == 2) {
				j += 2;
				secs = true;
			}
			if (hh > 24 || mi > 59)
				return false;
			if (ampm_at(st, j, &pm, &k)) {
				if (!apply_ampm(&hh, pm))
					return false;
				j += k;
			} else if (num_glued_after(st, j)) {
				return false;
			} else if (dot && zone_after(st, j) == j) {
				return false; /* "3.30" is a time only with "p.m." or a zone */
			} else if (secs && zone_after(st, j) == j && i > 0 && t[i - 1].kind == TK_WORD &&
			           (ctl_eq_nocase(st->text + t[i - 1].s, t[i - 1].e - t[i - 1].s, "in") ||
			            ctl_eq_nocase(st->text + t[i - 1].s, t[i - 1].e - t[i - 1].s, "of"))) {
				return false; /* a race's time: "finished in 2:05:46", "a time of 2:01:11" */
			}
		} else if (t[i].ndig <= 2 && ampm_at(st, i + 1, &pm, &k)) {
			hh = t[i].val;
			if (!apply_ampm(&hh, pm))
				return false;
			j = i + 1 + k;
		} else if (t[i].ndig <= 2 && t[i].val >= 1 && t[i].val <= 12 && word_at(st, i + 1) &&
		           (word_at(st, i + 1)->cls & TW_POD) && word_at(st, i + 1)->pod_kind == P_OCLOCK) {
			hh = t[i].val;
			j = i + 2;
			if (ampm_at(st, j, &pm, &k)) {
				apply_ampm(&hh, pm);
				j += k;
			}
		} else if (t[i].ndig == 4 && t[i].val / 100 <= 23 && t[i].val % 100 <= 59 &&
		           zone_after(st, i + 1) > i + 1 && !num_glued_after(st, i + 1)) {
			hh = t[i].val / 100;
			mi = t[i].val % 100;
			j = i + 1;
		} else {
			return false;
		}
	} else {
		const tx_word *w = word_at(st, i);
		if (!w || !(w->cls & TW_POD) || w->pod_kind != P_CLOCK)
			return false;
		hh = atoi(w->pod);
		mi = atoi(w->pod + 3);
		j = i + 1;
	}
	j = zone_after(st, j);
	c->b = j;
	c->type = CTL_TIMEX_TIME;
	c->rs = RS_TIME;
	c->has_time = true;
	c->hh = hh;
	c->mi = mi;
	c->quant = true;
	return true;
}

/* The "the" (or other determiner) at i when a relative word follows. */
static size_t skip_det(const tstate *st, size_t i, bool *det)
{
	*det = false;
	if ((roles1(st, i) & R_DET) && !(roles_at(st, i, NULL) & ~R_DET)) {
		*det = true;
		return i + 1;
	}
	return i;
}

static bool set_partial_named(tstate *st, size_t j, cand *c, int dir)
{
	const tx_word *w = word_at(st, j);
	size_t k;
	if (!w)
		return false;
	if ((w->cls & TW_WDAY) && !(w->wday_fl & (TF_PLURAL | TF_ABBR))) {
		c->c.g = G_DAY;
		c->c.wd = w->wday;
		c->b = j + 1;
	} else if ((w->cls & TW_MONTH) && !(w->month_fl & TF_ABBR) && st->t[j].caps) {
		c->c.g = G_MONTH;
		c->c.m = w->month;
		c->b = j + 1;
	} else if (w->cls & TW_SEASON) {
		c->c.g = G_SEASON;
		c->c.part = w->season;
		c->b = j + 1;
	} else if (st->t[j].caps && (w = key_at(st, j, TW_HOLIDAY, &k)) != NULL) {
		c->c.g = G_DAY;
		c->holiday = w->holiday;
		c->b = j + k;
	} else {
		return false;
	}
	c->rs = RS_PARTIAL;
	c->dir = dir;
	return true;
}

/* Expressions led by a relative word: "last Friday", "this week", "next
 * March", "the next day", "the past three years", "the last quarter",
 * "that year", "recent months", "last night", "the coming days". */
static bool m_relative(tstate *st, size_t i, cand *c)
{
	bool det;
	size_t k = skip_det(st, i, &det), nk;
	uint32_t r = roles_at(st, k, &nk);
	const uint32_t roles = R_LAST | R_NEXT | R_THIS | R_PAST | R_COMING | R_FOLLOWING |
		R_PREVIOUS | R_SAME | R_RECENT;
	if (!(r & roles))
		return false;
	/* "the same" is itself a key */
	if (!det && (roles1(st, i) & R_DET) && nk > 1)
		det = true;
	cand_init(c, i);
	size_t j = k + nk;
	uint8_t ufl = 0;
	qnum q;
	/* "the past three years", "the next six months", "last two years" */
	if ((r & (R_PAST | R_LAST | R_NEXT | R_COMING | R_FOLLOWING | R_PREVIOUS)) &&
	    parse_number(st, j, &q) && !q.article) {
		int u = unit_at(st, q.next, &ufl);
		if (u && !(ufl & UF_NODUR)) {
			double v = q.v;
			size_t e = q.next + 1, h;
			if (v >= 0 && and_a_half(st, e, &h)) {
				v += 0.5;
				e = h;
			}
			c->b = e;
			c->type = CTL_TIMEX_DURATION;
			c->rs = RS_FIXED;
			tx_duration_format(u, v, c->value, sizeof(c->value));
			return true;
		}
	}
	int u = unit_at(st, j, &ufl);
	if (u && (ufl & UF_PLURAL)) {
		c->b = j + 1;
		if (r & R_RECENT) {
			/* "recent months": the near past */
			snprintf(c->value, sizeof(c->value), "PAST_REF");
			c->rs = RS_FIXED;
			return true;
		}
		if (det && (r & (R_COMING | R_PAST | R_LAST | R_NEXT))) {
			c->type = CTL_TIMEX_DURATION;
			c->rs = RS_FIXED;
			tx_duration_format(u, -1, c->value, sizeof(c->value));
			return true;
		}
		return false;
	}
	if (u && !(ufl & UF_NODUR)) {
		c->b = j + 1;
		if (r & R_PAST) {
			c->type = CTL_TIMEX_DURATION;
			c->rs = RS_FIXED;
			tx_duration_format(u, 1, c->value, sizeof(c->value));
			return true;
		}
		if (!calendar_unit(u))
			return false;
		c->unit = u;
		if (r & (R_FOLLOWING | R_PREVIOUS | R_SAME)) {
			c->rs = RS_ANA;
			c->n = (r & R_FOLLOWING) ? 1 : (r & R_PREVIOUS) ? -1 : 0;
		} else if (det && (r & R_NEXT) && !(r & R_COMING)) {
			c->rs = RS_ANA; /* "the next day" */
			c->n = 1;
		} else if (r & R_THIS) {
			c->rs = RS_DCT;
			c->n = 0;
		} else if (r & R_LAST) {
			if (det && u == U_DAY)
				return false; /* "the last day of ..." */
			c->rs = RS_DCT;
			c->n = -1;
		} else if (r & (R_NEXT | R_COMING)) {
			c->rs = RS_DCT;
			c->n = 1;
		} else {
			return false;
		}
		return true;
	}
	/* parts of the day: "last night", "this morning", "the next morning" */
	const tx_word *w = word_at(st, j);
	if (w && (w->cls & TW_POD) && w->pod_kind == P_PART) {
		c->b = j + 1;
		c->type = CTL_TIMEX_TIME;
		c->unit = U_DAY;
		memcpy(c->pod, w->pod, 3);
		if (r & R_THIS) {
			c->rs = RS_DCT;
		} else if (r & R_LAST) {
			c->rs = RS_DCT;
			c->n = -1;
		} else if (r & (R_SAME | R_FOLLOWING | R_PREVIOUS) || (det && (r & R_NEXT))) {
			c->rs = RS_ANA;
			c->n = (r & R_SAME) ? 0 : (r & R_PREVIOUS) ? -1 : 1;
		} else {
			return false;
		}
		return true;
	}
	/* named days, months, seasons, holidays */
	if (det && (r & (R_FOLLOWING | R_NEXT)) && w && (w->cls & (TW_WDAY | TW_MONTH | TW_SEASON)) &&
	    set_partial_named(st, j, c, DIR_NEXT)) {
		c->ana = true; /* "the following Monday", "the following April", "... spring" */
		return true;
	}
	if (det && (r & R_PREVIOUS) && w && (w->cls & (TW_MONTH | TW_SEASON)) &&
	    set_partial_named(st, j, c, DIR_LAST)) {
		c->ana = true; /* "the previous March" */
		return true;
	}
	if (det)
		return false;
	int dir = (r & R_LAST) ? DIR_LAST : (r & R_THIS) ? DIR_THIS :
		(r & (R_NEXT | R_COMING)) ? DIR_NEXT : -1;
	if (dir < 0 || !set_partial_named(st, j, c, dir))
		return false;
	return true;
}

/* "the day before", "the week after": from the date that follows or the
 * last one mentioned. */
static bool m_unit_signal(tstate *st, size_t i, cand *c)
{
	if (!(roles1(st, i) & R_DET))
		return false;
	uint8_t fl;
	int u = unit_at(st, i + 1, &fl);
	size_t sk;
	if (!u || (fl & UF_PLURAL) || !calendar_unit(u))
		return false;
	uint32_t r = roles_at(st, i + 2, &sk);
	if (!(r & (R_BEFORE | R_AFTER)))
		return false;
	cand_init(c, i);
	c->b = i + 3;
	c->unit = u;
	c->n = (r & R_BEFORE) ? -1 : 1;
	c->rs = RS_ANA;
	return true;
}

static bool anchor_core(tstate *st, size_t k, cand *d)
{
	if (!match_core(st, k, d) || (d->type != CTL_TIMEX_DATE && d->type != CTL_TIMEX_TIME))
		return false;
	return d->rs == RS_ABS || d->rs == RS_PARTIAL || d->rs == RS_DCT;
}

/* Amounts of time: "two hours", "a week", "several months", "five-year",
 * "1.5 years", "two years ago", "two days later", "a week before ...",
 * "55 years old". */
static bool m_quantity(tstate *st, size_t i, cand *c)
{
	qnum q;
	if (!parse_number(st, i, &q))
		return false;
	if (q.article && i > 0) {
		/* "$5 a year", "10 percent a year", "$100 million a day": a rate,
		 * not a duration */
		const tx_tok *p = &st->t[i - 1];
		const tx_word *pw = word_at(st, i - 1);
		if (p->kind == TK_NUM || (p->kind == TK_PUNCT && p->ch == '%') ||
		    (pw && (pw->cls & TW_NUM)) ||
		    (i > 1 && p->kind == TK_WORD && !p->caps && st->t[i - 2].kind == TK_NUM))
			return false;
	}
	size_t j = q.next, h0;
	bool adj = false;
	if (q.v >= 1 && and_a_half(st, j, &h0)) {
		/* "two and a half years" */
		q.v += 0.5;
		q.integer = false;
		j = h0;
	}
	if (punct_at(st, j, '-') && glued(st, j) && glued(st, j + 1) && !q.article) {
		adj = true;
		j++;
	}
	uint8_t fl = 0;
	int u = unit_at(st, j, &fl);
	if (!u || (fl & UF_NODUR) || (q.article && (fl & UF_NOART)))
		return false;
	/* "a year-long inquiry": the article belongs to the noun */
	if (q.article && punct_at(st, j + 1, '-') && glued(st, j + 1))
		return false;
	if (!adj && !st->t[j].sp && !q.digits)
		return false;
	double v = q.v;
	size_t e = j + 1, h;
	if (v >= 0 && !adj && and_a_half(st, e, &h)) {
		v += 0.5;
		e = h;
	}
	cand_init(c, i);
	c->quant = true;
	c->b = e;
	c->type = CTL_TIMEX_DURATION;
	c->rs = RS_FIXED;
	tx_duration_format(u, v, c->value, sizeof(c->value));
	bool whole = v >= 1 && q.integer && v == floor(v) && v < 100000;
	if (adj) {
		/* "five-year-old", "decades-long" */
		uint32_t r2 = (punct_at(st, e, '-') && glued(st, e) && glued(st, e + 1)) ? roles1(st, e + 1) : 0;
		if (r2 & (R_OLD | R_LONG))
			c->b = e + 2;
		return true;
	}
	size_t sk;
	uint32_t r = roles_at(st, e, &sk);
	if (r & R_AGO) {
		c->b = e + sk;
		c->type = CTL_TIMEX_DATE;
		if (!whole) {
			snprintf(c->value, sizeof(c->value), "PAST_REF");
			return true;
		}
		c->rs = RS_DCT;
		c->unit = u;
		c->n = -(int)v;
		return true;
	}
	if ((r & (R_BEFORE | R_AFTER)) && whole) {
		/* anchored to the date that follows (after "the"), or to the date
		 * stated just before when the anchor is a definite noun phrase */
		size_t k = e + sk;
		bool det = (roles1(st, k) & R_DET) != 0;
		cand d;
		int sign = (r & R_BEFORE) ? -1 : 1;
		if (anchor_core(st, det ? k + 1 : k, &d)) {
			c->type = CTL_TIMEX_DATE;
			c->rs = RS_ANCHOR;
			c->anchor_src = 1;
			c->unit = u;
			c->n = sign * (int)v;
			st->has_pending = true;
			st->pending = d;
			return true;
		}
		bool apposition = i > 0 && punct_at(st, i - 1, ',') && st->last_b_line == st->line &&
			st->last_b == i - 1;
		if (det && !apposition && st->has_stated && st->sent - st->stated_sent <= 1) {
			c->type = CTL_TIMEX_DATE;
			c->rs = RS_ANCHOR;
			c->anchor_src = 2;
			c->unit = u;
			c->n = sign * (int)v;
		}
		return true;
	}
	if ((r & (R_LATER | R_EARLIER)) && sk == 1 && !(r & (R_BEFORE | R_AFTER))) {
		c->b = e + 1;
		c->type = CTL_TIMEX_DATE;
		c->unit = u;
		if (!whole) {
			c->rs = RS_ANA;
			c->no_amount = true; /* the unit's X value */
			return true;
		}
		c->rs = RS_ANA;
		c->n = (r & R_LATER) ? (int)v : -(int)v;
		return true;
	}
	if (r & R_OLD)
		c->b = e + 1;
	return true;
}

/* Quarters and halves: "Q3", "Q3 2017", "the third quarter of 2017",
 * "first-quarter", "the fourth quarter of last year", "the first half". */
static bool m_quarter(tstate *st, size_t i, cand *c)
{
	size_t k = i, j;
	int part = 0, g = 0;
	cand_init(c, i);
	const tx_word *w = word_at(st, k);
	if (w && (w->cls & TW_UNIT) && (w->unit_fl & UF_PREFIX) && st->t[k].caps &&
	    num_at(st, k + 1) && glued(st, k + 1) && st->t[k + 1].val >= 1 && st->t[k + 1].val <= 4 &&
	    st->t[k + 1].ndig == 1 && !num_glued_after(st, k + 2)) {
		part = st->t[k + 1].val;
		g = G_QUARTER;
		j = k + 2;
	} else {
		if (roles1(st, k) & R_DET)
			k++;
		int o;
		if (!ordinal_at(st, k, &o, &j))
			return false;
		if (punct_at(st, j, '-') && glued(st, j) && glued(st, j + 1))
			j++;
		uint8_t fl;
		int u = unit_at(st, j, &fl);
		if (u != U_QUARTER && u != U_HALF)
			return false;
		if ((fl & UF_PLURAL) || o < 1 || o > (u == U_QUARTER ? 4 : 2))
			return false;
		part = o;
		g = u == U_QUARTER ? G_QUARTER : G_HALF;
		j++;
	}
	c->c.g = (uint8_t)g;
	c->c.part = part;
	c->b = j;
	int y, sh;
	size_t jy;
	if (year_after(st, j, true, &y, &jy)) {
		c->b = jy;
		c->c.y = y;
		c->rs = RS_ABS;
		return true;
	}
	if ((roles1(st, j) & R_OF) && (rel_year_at(st, j + 1, &sh, &jy) ||
	    ((roles1(st, j + 1) & R_DET) && unit_at(st, j + 2, NULL) == U_YEAR && (sh = 0, jy = j + 3)))) {
		c->b = jy;
		c->rs = RS_DCT;
		c->unit = U_YEAR;
		c->n = sh;
		c->refine_g = g;
		c->refine = part;
		return true;
	}
	c->rs = RS_PARTIAL;
	return true;
}

/* Seasons: "summer 2016", "the summer of 2016", "in the spring". */
static bool m_season(tstate *st, size_t i, cand *c)
{
	size_t k = i;
	bool det = false;
	if (roles1(st, k) & R_DET) {
		det = true;
		k++;
	}
	const tx_word *w = word_at(st, k);
	if (!w || !(w->cls & TW_SEASON))
		return false;
	cand_init(c, i);
	int y;
	size_t jy;
	bool year = year_after(st, k + 1, true, &y, &jy);
	if (!year) {
		if (!det && ((w->season_fl & TF_AMB) || !cue_before(st, k)))
			return false;
		if ((w->season_fl & TF_AMB) && (roles1(st, k + 1) & R_OF))
			return false; /* "the fall of the wall" */
		if (punct_at(st, k + 1, '-') && glued(st, k + 1))
			return false;
		if (st->t[k].caps && name_follows(st, k + 1))
			return false;
	}
	c->c.g = G_SEASON;
	c->c.part = w->season;
	if (year) {
		c->b = jy;
		c->c.y = y;
		c->rs = RS_ABS;
	} else {
		c->b = k + 1;
		c->rs = RS_PARTIAL;
	}
	return true;
}

/* Holidays: "Christmas", "Easter 2016", "New Year's Day". */
static bool m_holiday(tstate *st, size_t i, cand *c)
{
	size_t k;
	const tx_word *w = key_at(st, i, TW_HOLIDAY, &k);
	if (!w || !st->t[i].caps)
		return false;
	cand_init(c, i);
	c->b = i + k;
	c->c.g = G_DAY;
	c->holiday = w->holiday;
	int y;
	size_t jy;
	if (year_after(st, c->b, false, &y, &jy)) {
		ctl_day day = tx_holiday_day(&st->d->holidays[w->holiday - 1], y);
		if (!day)
			return false;
		int yy, mm, dd;
		ctl_day_to_ymd(day, &yy, &mm, &dd);
		c->c.y = yy;
		c->c.m = mm;
		c->c.d = dd;
		c->b = jy;
		c->rs = RS_ABS;
		return true;
	}
	if (name_follows(st, c->b))
		return false; /* "Easter Island" */
	c->rs = RS_PARTIAL;
	return true;
}

/* A weekday alone ("Thursday", "on Mondays": a set). */
static bool m_weekday(tstate *st, size_t i, cand *c)
{
	const tx_word *w = word_at(st, i);
	if (!w || !(w->cls & TW_WDAY) || (w->wday_fl & TF_ABBR) || !st->t[i].caps)
		return false;
	cand_init(c, i);
	if (w->wday_fl & TF_PLURAL) {
		c->type = CTL_TIMEX_SET;
		c->rs = RS_FIXED;
		snprintf(c->value, sizeof(c->value), "XXXX-WXX-%d", w->wday);
		return true;
	}
	c->rs = RS_PARTIAL;
	c->c.g = G_DAY;
	c->c.wd = w->wday;
	return true;
}

/* May a word follow "the past" / "the future" used as a noun? */
static bool ref_follow_ok(const tstate *st, size_t j)
{
	if (j >= st->n || st->t[j].kind != TK_WORD)
		return true;
	const tx_word *w = tx_entry(st->d, st->t[j].w);
	return w && (w->cls & (TW_REL | TW_TENSE));
}

/* Deictic words: "today", "yesterday", "tonight", "now", "recently", "the
 * past", "the future". */
static bool m_deictic(tstate *st, size_t i, cand *c)
{
	size_t k;
	const tx_word *w = key_at(st, i, TW_DEICTIC, &k);
	if (!w)
		return false;
	cand_init(c, i);
	c->b = i + k;
	/* "now-defunct" */
	if (punct_at(st, c->b, '-') && glued(st, c->b))
		return false;
	if (w->deictic_kind == D_REF) {
		if (k > 1 && (roles1(st, i) & R_DET) && !ref_follow_ok(st, c->b))
			return false;
		c->rs = RS_FIXED;
		snprintf(c->value, sizeof(c->value), "%s", w->deictic_ref);
		return true;
	}
	c->rs = RS_DCT;
	c->unit = U_DAY;
	c->n = w->deictic_off;
	c->type = w->deictic_type;
	if (w->deictic_pod[0])
		memcpy(c->pod, w->deictic_pod, 3);
	return true;
}

/* Sets: "every week", "each season", "every two years", "every Monday",
 * "twice a year", "three times a week", "annual", "weekly". */
static bool m_set(tstate *st, size_t i, cand *c)
{
	size_t k;
	cand_init(c, i);
	c->type = CTL_TIMEX_SET;
	c->rs = RS_FIXED;
	const tx_word *w = key_at(st, i, TW_FREQ, &k);
	if (w) {
		/* "Daily Mail": a capitalised word inside a name */
		if (st->t[i].caps && i > 0 && st->t[i - 1].kind == TK_WORD && st->t[i - 1].caps)
			return false;
		if (st->t[i].caps && i + 1 < st->n && st->t[i + 1].kind == TK_WORD && st->t[i + 1].caps)
			return false;
		c->b = i + k;
		snprintf(c->value, sizeof(c->value), "%s", w->freq_value);
		snprintf(c->freq, sizeof(c->freq), "%s", w->freq);
		return true;
	}
	uint32_t r = roles_at(st, i, &k);
	if (r & R_EVERY) {
		size_t j = i + k;
		double n = k > 1 ? 2 : 1; /* "every other week" */
		qnum q;
		if (parse_number(st, j, &q) && !q.article && q.v >= 1) {
			n = q.v;
			j = q.next;
		}
		uint8_t fl;
		int u = unit_at(st, j, &fl);
		if (u && !(fl & UF_NODUR)) {
			c->b = j + 1;
			tx_duration_format(u, n, c->value, sizeof(c->value));
			return true;
		}
		w = word_at(st, j);
		if (!w)
			return false;
		c->b = j + 1;
		if ((w->cls & TW_WDAY) && !(w->wday_fl & TF_ABBR))
			snprintf(c->value, sizeof(c->value), "XXXX-WXX-%d", w->wday);
		else if ((w->cls & TW_MONTH) && !(w->month_fl & TF_ABBR))
			snprintf(c->value, sizeof(c->value), "XXXX-%02d", w->month);
		else if (w->cls & TW_SEASON) {
			static const char *const codes[] = { "", "SP", "SU", "FA", "WI" };
			snprintf(c->value, sizeof(c->value), "XXXX-%s", codes[w->season]);
		} else if ((w->cls & TW_POD) && w->pod_kind == P_PART)
			snprintf(c->value, sizeof(c->value), "XXXX-XX-XXT%s", w->pod);
		else
			return false;
		return true;
	}
	/* how often: "twice", "three times" */
	int count = 0;
	size_t j;
	w = word_at(st, i);
	if (w && (w->cls & TW_NUM) && w->num_kind == N_TIMES) {
		count = (int)w->num;
		j = i + 1;
	} else {
		qnum q;
		if (!parse_number(st, i, &q) || q.article || !q.integer || q.v < 1 || q.v > 99 ||
		    !(roles1(st, q.next) & R_TIMES))
			return false;
		count = (int)q.v;
		j = q.next + 1;
	}
	snprintf(c->freq, sizeof(c->freq), "%dX", count);
	w = word_at(st, j);
	if (w && (w->cls & TW_FREQ)) {
		c->b = j + 1;
		snprintf(c->value, sizeof(c->value), "%s", w->freq_value);
		return true;
	}
	bool per = (roles1(st, j) & (R_PER | R_EVERY)) ||
		(w && (w->cls & TW_NUM) && w->num_kind == N_ARTICLE);
	uint8_t fl;
	int u = per ? unit_at(st, j + 1, &fl) : 0;
	if (!u || (fl & (UF_PLURAL | UF_NODUR)))
		return false;
	c->b = j + 2;
	tx_duration_format(u, 1, c->value, sizeof(c->value));
	return true;
}

/* "for years", "within days", "decades-long", "year-long". */
static bool m_bare_unit(tstate *st, size_t i, cand *c)
{
	uint8_t fl;
	int u = unit_at(st, i, &fl);
	if (!u || (fl & UF_NODUR))
		return false;
	cand_init(c, i);
	c->type = CTL_TIMEX_DURATION;
	c->rs = RS_FIXED;
	if (punct_at(st, i + 1, '-') && glued(st, i + 1) && glued(st, i + 2) && (roles1(st, i + 2) & R_LONG)) {
		c->b = i + 3;
		tx_duration_format(u, (fl & UF_PLURAL) ? -1 : 1, c->value, sizeof(c->value));
		return true;
	}
	if ((fl & UF_PLURAL) && i > 0 && (roles1(st, i - 1) & R_FOR) && calendar_unit(u) &&
	    !(punct_at(st, i + 1, '-') && glued(st, i + 1))) {
		tx_duration_format(u, -1, c->value, sizeof(c->value));
		return true;
	}
	return false;
}

/* "the weekend" ("over the weekend"): the nearest one, by tense. */
static bool m_weekend(tstate *st, size_t i, cand *c)
{
	uint8_t fl;
	if (!(roles1(st, i) & R_DET) || unit_at(st, i + 1, &fl) != U_WEEKEND || (fl & UF_PLURAL))
		return false;
	cand_init(c, i);
	c->b = i + 2;
	c->rs = RS_PARTIAL;
	c->c.g = G_WEEKEND;
	c->c.wd = 6;
	return true;
}

/* "the year", "the month": only after a point modifier ("the end of the year"). */
static bool m_det_unit(tstate *st, size_t i, cand *c)
{
	uint8_t fl;
	int u;
	if (!(roles1(st, i) & R_DET) || !(u = unit_at(st, i + 1, &fl)) || (fl & UF_PLURAL) ||
	    !calendar_unit(u) || u == U_DAY)
		return false;
	cand_init(c, i);
	c->b = i + 2;
	c->rs = RS_DCT;
	c->unit = u;
	return true;
}

typedef bool (*matcher)(tstate *, size_t, cand *);

enum {
	MM_DATE = 1u << 0, MM_MONTH = 1u << 1, MM_NUMERIC = 1u << 2, MM_YEAR = 1u << 3,
	MM_TIME = 1u << 4, MM_RELATIVE = 1u << 5, MM_UNIT_SIGNAL = 1u << 6,
	MM_QUANTITY = 1u << 7, MM_QUARTER = 1u << 8, MM_SEASON = 1u << 9,
	MM_HOLIDAY = 1u << 10, MM_WEEKDAY = 1u << 11, MM_DEICTIC = 1u << 12,
	MM_SET = 1u << 13, MM_BARE_UNIT = 1u << 14, MM_WEEKEND = 1u << 15
};

/* The patterns that can start at token i (a superset: each checks itself). */
static uint32_t patterns_at(const tstate *st, size_t i)
{
	const tx_tok *t = &st->t[i];
	if (t->kind == TK_NUM)
		return MM_DATE | MM_NUMERIC | MM_YEAR | MM_TIME | MM_QUANTITY | MM_SET;
	if (t->kind == TK_PUNCT)
		return t->ch == '\'' ? MM_YEAR : 0;
	const tx_word *w = tx_entry(st->d, t->w);
	if (!w)
		return 0;
	uint32_t m = 0, cls = w->cls | (w->starts_cls & ~(uint32_t)TW_TENSE);
	if (cls & TW_MONTH)
		m |= MM_DATE | MM_MONTH;
	if (cls & TW_WDAY)
		m |= MM_DATE | MM_WEEKDAY;
	if (cls & TW_ORD)
		m |= MM_DATE | MM_YEAR | MM_QUARTER;
	if (cls & TW_NUM)
		m |= MM_QUANTITY | MM_SET;
	if (cls & TW_UNIT)
		m |= MM_QUARTER | MM_BARE_UNIT;
	if (cls & TW_SEASON)
		m |= MM_SEASON;
	if (cls & TW_HOLIDAY)
		m |= MM_HOLIDAY;
	if (cls & TW_DEICTIC)
		m |= MM_DEICTIC;
	if (cls & TW_FREQ)
		m |= MM_SET;
	if ((cls & TW_POD) && w->pod_kind == P_CLOCK)
		m |= MM_TIME;
	if (cls & TW_REL) {
		uint32_t r = w->rel;
		if (r & R_DET)
			m |= MM_DATE | MM_YEAR | MM_RELATIVE | MM_UNIT_SIGNAL | MM_QUARTER | MM_SEASON |
				MM_DEICTIC | MM_WEEKEND;
		if (r & (R_LAST | R_NEXT | R_THIS | R_PAST | R_COMING | R_FOLLOWING | R_PREVIOUS |
		         R_SAME | R_RECENT))
			m |= MM_RELATIVE;
		if (r & R_EVERY)
			m |= MM_SET;
		if (r & R_FISCAL)
			m |= MM_YEAR;
		if (w->starts_cls & TW_REL)
			m |= MM_RELATIVE;
	}
	return m;
}

/* The longest expression starting at i (without a leading modifier). */
static bool match_core(tstate *st, size_t i, cand *c)
{
	if (i >= st->n)
		return false;
	uint32_t todo = patterns_at(st, i);
	bool found = false;
	bool had_pending = false;
	cand best_pending;
	/* in the order of the bits; a call each, not through a table of
	 * pointers (whose jump the processor mostly mispredicts) */
#define TRY(bit, fn)                                                        \
	if (todo & (bit)) {                                                     \
		cand x;                                                             \
		st->has_pending = false;                                            \
		if (fn(st, i, &x) && (!found || x.b > c->b)) {                      \
			*c = x;                                                         \
			found = true;                                                   \
			had_pending = st->has_pending;                                  \
			if (had_pending)                                                \
				best_pending = st->pending;                                 \
		}                                                                   \
	}
	TRY(MM_DATE, m_date)
	TRY(MM_MONTH, m_month)
	TRY(MM_NUMERIC, m_numeric)
	TRY(MM_YEAR, m_year)
	TRY(MM_TIME, m_time)
	TRY(MM_RELATIVE, m_relative)
	TRY(MM_UNIT_SIGNAL, m_unit_signal)
	TRY(MM_QUANTITY, m_quantity)
	TRY(MM_QUARTER, m_quarter)
	TRY(MM_SEASON, m_season)
	TRY(MM_HOLIDAY, m_holiday)
	TRY(MM_WEEKDAY, m_weekday)
	TRY(MM_DEICTIC, m_deictic)
	TRY(MM_SET, m_set)
	TRY(MM_BARE_UNIT, m_bare_unit)
	TRY(MM_WEEKEND, m_weekend)
#undef TRY
	st->has_pending = found && had_pending;
	if (st->has_pending)
		st->pending = best_pending;
	return found;
}

static bool is_day_cand(const cand *c)
{
	switch (c->rs) {
	case RS_ABS:
	case RS_PARTIAL:
		return c->c.g == G_DAY;
	case RS_DCT:
	case RS_ANA:
		return c->unit == U_DAY && !c->refine_g;
	default:
		return false;
	}
}

static void resolve(tstate *st, const cand *c, const resolved *pend, resolved *r);

/* A date (not a time) that a clock time may join: "09:45 CET, May 21st 2019". */
static bool date_for_time(tstate *st, size_t k, cand *d)
{
	static const matcher dates[] = { m_date, m_numeric, m_weekday, m_deictic, m_relative };
	bool found = false;
	for (size_t x = 0; x < sizeof(dates) / sizeof(dates[0]); x++) {
		cand y;
		if (dates[x](st, k, &y) && y.type == CTL_TIMEX_DATE && is_day_cand(&y) &&
		    !y.has_time && !y.pod[0] && (!found || y.b > d->b)) {
			*d = y;
			found = true;
		}
	}
	return found;
}

/* Joins what belongs to a match: a part of the day after a day ("Friday
 * morning"), a clock time after a date ("June 3, 08:20 UTC+2"), a date
 * after a clock time. */
static void attach(tstate *st, cand *c)
{
	if (c->type == CTL_TIMEX_DATE && is_day_cand(c) && !c->has_time && !c->pod[0]) {
		const tx_word *w = word_at(st, c->b);
		if (w && (w->cls & TW_POD) && w->pod_kind == P_PART && st->t[c->b].sp) {
			memcpy(c->pod, w->pod, 3);
			c->b++;
			c->type = CTL_TIMEX_TIME;
			return;
		}
		size_t k = c->b;
		if (punct_at(st, k, ','))
			k++;
		cand tm;
		if (num_at(st, k) && m_time(st, k, &tm) && st->t[k].ndig <= 2) {
			c->has_time = true;
			c->hh = tm.hh;
			c->mi = tm.mi;
			c->b = tm.b;
			c->type = CTL_TIMEX_TIME;
		}
		return;
	}
	if (c->rs == RS_TIME) {
		size_t k = c->b;
		if (punct_at(st, k, ','))
			k++;
		cand d;
		if ((roles1(st, k) & R_PREP) && date_for_time(st, k + 1, &d)) {
			/* "at 2:46 p.m. on Friday": two expressions, one day */
			resolved r;
			resolve(st, &d, NULL, &r);
			c->has_day = true;
			c->day = r.cal;
			c->day_known = r.known;
			c->day_anchor = r.anchor;
			return;
		}
		if (date_for_time(st, k, &d)) {
			d.a = c->a;
			d.has_time = true;
			d.hh = c->hh;
			d.mi = c->mi;
			d.type = CTL_TIMEX_TIME;
			memcpy(d.mod, c->mod, sizeof(d.mod));
			*c = d;
		}
	}
}

/* The expression starting at i, with its modifiers and attachments. */
static bool match_at(tstate *st, size_t i, cand *c)
{
	size_t mk, mi = i;
	const tx_word *m = key_at(st, i, TW_MOD, &mk);
	st->has_pending = false;
	if (!m && (roles1(st, i) & R_DET)) {
		/* "the early 1990s": the determiner goes with the modifier */
		m = key_at(st, i + 1, TW_MOD, &mk);
		if (m && m->mod_kind == M_POINT && m->mod_in)
			mi = i + 1;
		else
			m = NULL;
	}
	if (m) {
		size_t j = mi + mk;
		if (m->mod_kind == M_POINT && punct_at(st, j, '-') && glued(st, j) && glued(st, j + 1))
			j++;
		cand core;
		bool ok = match_core(st, j, &core);
		if (ok) {
			if (m->mod_kind == M_POINT)
				ok = (core.type == CTL_TIMEX_DATE || core.type == CTL_TIMEX_TIME) &&
					core.rs != RS_FIXED && core.rs != RS_TIME;
			else
				ok = core.quant && !st->has_pending;
		}
		if (!ok && m->mod_kind == M_POINT && m_det_unit(st, j, &core))
			ok = true;
		if (ok) {
			attach(st, &core);
			*c = core;
			c->a = m->mod_in ? i : j;
			snprintf(c->mod, sizeof(c->mod), "%s", m->mod);
			return true;
		}
		st->has_pending = false;
	}
	/* "earlier this year", "later today" */
	if ((roles1(st, i) & (R_EARLIER | R_LATER)) && i + 1 < st->n) {
		cand core;
		if (match_core(st, i + 1, &core) && core.rs == RS_DCT && core.n == 0 && !st->has_pending) {
			attach(st, &core);
			*c = core;
			c->a = i;
			return true;
		}
		st->has_pending = false;
	}
	if (!match_core(st, i, c))
		return false;
	attach(st, c);
	return true;
}

/* ---- resolution ---------------------------------------------------------- */

static int gran_rank(int g)
{
	switch (g) {
	case G_DAY: return 10;
	case G_WEEKEND: return 9;
	case G_WEEK: return 8;
	case G_MONTH: return 7;
	case G_SEASON: return 6;
	case G_QUARTER: return 5;
	case G_HALF: return 4;
	case G_YEAR: return 3;
	case G_DECADE: return 2;
	case G_CENTURY: return 1;
	default: return 0;
	}
}

static ctl_day cal_first(const tx_cal *c)
{
	ctl_day f, l;
	return tx_cal_bounds(c, &f, &l) ? f : CTL_DAY_NONE;
}

/* The value n units from `base` (a known value at least as fine as the
 * unit), at the unit's granularity. */
static bool shift_from(const tx_cal *base, int unit, int n, tx_cal *out)
{
	int g = tx_unit_gran(unit);
	if (!g || gran_rank(base->g) < gran_rank(g))
		return false;
	ctl_day f = cal_first(base);
	if (f == CTL_DAY_NONE)
		return false;
	if (unit == U_HOUR)
		n = n / 24;
	else if (unit == U_MINUTE || unit == U_SECOND)
		n = 0;
	else if (unit == U_FORTNIGHT)
		n *= 2;
	tx_cal c = tx_cal_of_day(f, g);
	*out = tx_cal_shift(&c, n);
	return out->y > 0 && out->y <= 9999;
}

/* An unknown value at the unit's granularity ("XXXX-WXX"). */
static tx_cal unknown_cal(int g)
{
	tx_cal c;
	memset(&c, 0, sizeof(c));
	c.g = (uint8_t)(g ? g : G_DAY);
	return c;
}

static void apply_refine(const cand *c, tx_cal *cal)
{
	if (c->refine_g == G_MONTH) {
		cal->g = G_MONTH;
		cal->m = c->refine;
	} else if (c->refine_g == G_DAY) { /* month * 100 + day */
		cal->g = G_DAY;
		cal->m = c->refine / 100;
		cal->d = c->refine % 100;
	} else if (c->refine_g == G_QUARTER || c->refine_g == G_HALF) {
		cal->g = (uint8_t)c->refine_g;
		cal->part = c->refine;
	}
}

/* The stated value with year y (holidays computed); false if impossible. */
static bool partial_in_year(const tstate *st, const cand *c, int y, tx_cal *out)
{
	*out = c->c;
	out->y = y;
	if (c->holiday) {
		ctl_day day = tx_holiday_day(&st->d->holidays[c->holiday - 1], y);
		if (!day)
			return false;
		int yy;
		ctl_day_to_ymd(day, &yy, &out->m, &out->d);
	}
	ctl_day f, l;
	return tx_cal_bounds(out, &f, &l);
}

static ctl_day day_distance(ctl_day a, ctl_day f, ctl_day l)
{
	return a < f ? f - a : a > l ? a - l : 0;
}

/* Whether token i opens its line, bullets and dashes aside. */
static bool line_initial(const tstate *st, size_t i)
{
	for (size_t k = 0; k < i; k++)
		if (st->t[k].kind != TK_PUNCT)
			return false;
	return true;
}

/* Whether no line break stands in the text between offsets a and b (the
 * sentences of a paragraph are tagged as spans of their own). */
static bool same_line(const tstate *st, uint32_t a, uint32_t b)
{
	return a <= b && !memchr(st->text + a, '\n', b - a);
}

/* Resolves a stated value without a year against the day `anchor`. */
static bool resolve_partial_at(const tstate *st, const cand *c, ctl_day anchor, int tense, tx_cal *out)
{
	if (c->c.wd && !c->c.m) {
		int wa = ctl_day_weekday(anchor), delta;
		int want = c->c.wd;
		switch (c->dir) {
		case DIR_LAST: delta = -(((wa - want) + 6) % 7 + 1); break;
		case DIR_NEXT: delta = ((want - wa) + 6) % 7 + 1; break;
		case DIR_THIS: delta = want - wa; break;
		default:
			delta = tense == TN_FUTURE ? (want - wa + 7) % 7 : -((wa - want + 7) % 7);
			break;
		}
		*out = tx_cal_of_day(anchor + delta, c->c.g == G_WEEKEND ? G_WEEKEND : G_DAY);
		return true;
	}
	tx_cal ref = tx_cal_of_day(anchor, c->c.g == G_SEASON ? G_SEASON : G_DAY);
	int Y = ref.y;
	tx_cal cands[3];
	bool ok[3];
	ctl_day f[3], l[3];
	for (int k = 0; k < 3; k++) {
		ok[k] = partial_in_year(st, c, Y - 1 + k, &cands[k]) && tx_cal_bounds(&cands[k], &f[k], &l[k]);
	}
	/* "Friday, May 24": only a year in which that day is a Friday, when
	 * one of the three is (the nearest if the tense wants none of them) */
	int fits = -1;
	if (c->c.wd && c->c.m && c->c.d) {
		bool fit[3], any = false;
		for (int k = 0; k < 3; k++) {
			fit[k] = ok[k] && f[k] == l[k] && ctl_day_weekday(f[k]) == c->c.wd;
			if (fit[k] && (fits < 0 || day_distance(anchor, f[k], l[k]) < day_distance(anchor, f[fits], l[fits])))
				fits = k;
			any |= fit[k];
		}
		for (int k = 0; k < 3 && any; k++)
			ok[k] = fit[k];
	}
	int pick = -1;
	switch (c->dir) {
	case DIR_THIS:
		pick = 1;
		break;
	case DIR_LAST:
		for (int k = 0; k < 3; k++)
			if (ok[k] && l[k] < anchor)
				pick = k;
		break;
	case DIR_NEXT:
		for (int k = 2; k >= 0; k--)
			if (ok[k] && f[k] > anchor)
				pick = k;
		break;
	default:
		if (tense == TN_PAST) {
			for (int k = 0; k < 3; k++)
				if (ok[k] && f[k] <= anchor)
					pick = k;
		} else if (tense == TN_FUTURE) {
			for (int k = 2; k >= 0; k--)
				if (ok[k] && l[k] >= anchor)
					pick = k;
		} else {
			/* no tense: this year, unless another is much nearer
			 * ("December 28" written on January 5) */
			pick = ok[1] ? 1 : -1;
			for (int k = 0; k < 3; k += 2)
				if (ok[k] && (pick < 0 || day_distance(anchor, f[k], l[k]) + 120 <
				              day_distance(anchor, f[pick], l[pick])))
					pick = k;
		}
		break;
	}
	if ((pick < 0 || !ok[pick]) && fits >= 0)
		pick = fits;
	if (pick < 0 || !ok[pick])
		return false;
	*out = cands[pick];
	return true;
}

static void resolve(tstate *st, const cand *c, const resolved *pend, resolved *r)
{
	memset(r, 0, sizeof(*r));
	r->when = ctl_interval_unknown();
	r->anchor = CTL_ANCHOR_NONE;
	r->type = c->type;
	tx_cal cal = unknown_cal(G_DAY);
	bool known = false;
	ctl_timex_anchor anchor = CTL_ANCHOR_NONE;
	switch (c->rs) {
	case RS_FIXED:
		snprintf(r->value, sizeof(r->value), "%s", c->value);
		r->anchor = (c->type == CTL_TIMEX_DURATION || c->type == CTL_TIMEX_SET) ?
			CTL_ANCHOR_ABSOLUTE : CTL_ANCHOR_NONE;
		return;
	case RS_ABS:
		cal = c->c;
		known = true;
		anchor = CTL_ANCHOR_ABSOLUTE;
		break;
	case RS_PARTIAL: {
		bool weekday = c->c.wd && !c->c.m;
		cal = c->c;
		if (c->ana) {
			/* a weekday after the last day named; a month or season
			 * after the last day, month or year ("in December 2020 ...
			 * the following April") */
			ctl_day f = st->has_last ? cal_first(&st->last) : CTL_DAY_NONE, l = f;
			bool fits = st->last.g == G_DAY ||
				(!weekday && (st->last.g == G_MONTH || st->last.g == G_YEAR) &&
				 tx_cal_bounds(&st->last, &f, &l));
			/* after a year, the one after its end ("a nomination in
			 * 2020 ... the following spring": 2021) */
			if (c->dir == DIR_NEXT && st->last.g == G_YEAR)
				f = l;
			if (f != CTL_DAY_NONE && fits && resolve_partial_at(st, c, f, 0, &cal)) {
				known = true;
				anchor = CTL_ANCHOR_ANAPHORIC;
			}
		} else if (!weekday && c->dir == DIR_TENSE && st->has_year && st->year_sent == st->sent &&
		           partial_in_year(st, c, st->year, &cal)) {
			/* "on June 5, 2015 and again on June 9" */
			known = true;
			anchor = CTL_ANCHOR_ANAPHORIC;
		} else if (!weekday && c->dir == DIR_TENSE && line_initial(st, c->a) && st->chrono_y &&
		           st->chrono_line + 1 == st->line && partial_in_year(st, c, st->chrono_y, &cal)) {
			/* a chronology's entry after one with its year ("2 October
			 * 2018 - The Gazette reveals ..." / "4 October - Pellow
			 * apologises") */
			known = true;
			anchor = CTL_ANCHOR_ANAPHORIC;
		} else if (st->dct != CTL_DAY_NONE) {
			int tense = c->dir == DIR_TENSE ? tense_around(st, c->a, c->b) : 0;
			/* a weekday opening an entry under a day heading is the
			 * report's week's, not one before the heading's day ("All
			 * times Eastern. Wednesday, June 9" / "- Thursday, 6:30
			 * a.m. - ...") */
			ctl_day from = weekday && st->dct0 != CTL_DAY_NONE && line_initial(st, c->a) ? st->dct0 : st->dct;
			if (resolve_partial_at(st, c, from, tense, &cal)) {
				known = true;
				anchor = CTL_ANCHOR_DCT;
			}
		}
		if (!known) {
			cal = c->c;
			if (c->holiday) {
				/* the fixed-date holidays keep their month and day */
				const tx_holiday *h = &st->d->holidays[c->holiday - 1];
				if (h->kind == H_FIXED) {
					cal.m = h->month;
					cal.d = h->day;
				}
			}
		}
		break;
	}
	case RS_DCT:
		if (st->dct != CTL_DAY_NONE) {
			tx_cal d = tx_cal_of_day(st->dct, G_DAY);
			if (shift_from(&d, c->unit, c->n, &cal)) {
				known = true;
				anchor = CTL_ANCHOR_DCT;
			}
		}
		if (!known)
			cal = unknown_cal(tx_unit_gran(c->unit));
		apply_refine(c, &cal);
		break;
	case RS_ANA:
		if (c->no_amount) {
			cal = unknown_cal(tx_unit_gran(c->unit));
			break;
		}
		if (st->has_last && shift_from(&st->last, c->unit, c->n, &cal)) {
			known = true;
			anchor = CTL_ANCHOR_ANAPHORIC;
		} else if (!st->has_last && st->dct != CTL_DAY_NONE) {
			tx_cal d = tx_cal_of_day(st->dct, G_DAY);
			if (shift_from(&d, c->unit, c->n, &cal)) {
				known = true;
				anchor = CTL_ANCHOR_DCT;
			}
		}
		if (!known)
			cal = unknown_cal(tx_unit_gran(c->unit));
		break;
	case RS_ANCHOR: {
		tx_cal base;
		bool have = false;
		if (c->anchor_src == 1 && pend && pend->known) {
			base = pend->cal;
			have = true;
		} else if (c->anchor_src == 2 && st->has_stated) {
			base = tx_cal_of_day(st->stated, G_DAY);
			have = true;
		}
		/* a day stays a day: "a week before October 3, 2019" is September 26 */
		int unit = c->unit, n = c->n;
		if (have && base.g == G_DAY && (unit == U_WEEK || unit == U_FORTNIGHT)) {
			n *= unit == U_WEEK ? 7 : 14;
			unit = U_DAY;
		}
		if (have && base.g == G_DAY && (unit == U_MONTH || unit == U_YEAR)) {
			tx_cal m = base;
			m.g = unit == U_MONTH ? G_MONTH : G_YEAR;
			tx_cal sh = tx_cal_shift(&m, n);
			int dim = ctl_days_in_month(sh.y, unit == U_MONTH ? sh.m : base.m);
			cal = base;
			cal.y = sh.y;
			if (unit == U_MONTH)
				cal.m = sh.m;
			if (cal.d > dim)
				cal.d = dim;
			known = sh.y > 0 && sh.y <= 9999;
			anchor = CTL_ANCHOR_ANAPHORIC;
		} else if (have && shift_from(&base, unit, n, &cal)) {
			known = true;
			anchor = CTL_ANCHOR_ANAPHORIC;
		} else {
			cal = unknown_cal(tx_unit_gran(c->unit));
		}
		break;
	}
	case RS_TIME:
		if (c->has_day) {
			cal = c->day;
			known = c->day_known;
			anchor = c->day_anchor;
		} else if (st->has_last && st->last.g == G_DAY &&
		           (st->last_sent == st->sent || same_line(st, st->last_end, st->t[c->a].s))) {
			/* the day last named in the sentence or its paragraph ("The
			 * ferry left Batangas on Sunday evening. It sent a distress
			 * call at 10:40 p.m."); else the report's */
			cal = st->last;
			known = true;
			anchor = CTL_ANCHOR_ANAPHORIC;
		} else if (st->dct != CTL_DAY_NONE) {
			cal = tx_cal_of_day(st->dct, G_DAY);
			known = true;
			anchor = CTL_ANCHOR_DCT;
		}
		break;
	default:
		break;
	}
	if (!known)
		cal.y = 0;
	tx_cal_format(&cal, r->value, sizeof(r->value));
	if (c->has_time || c->pod[0])
		tx_time_format(r->value, sizeof(r->value), c->hh, c->mi, c->has_time ? NULL : c->pod);
	r->anchor = anchor;
	r->known = known;
	r->cal = cal;
	ctl_day f, l;
	if (known && tx_cal_bounds(&cal, &f, &l)) {
		r->when.earliest = f;
		r->when.latest = l;
		r->when.precision = cal.g == G_DAY ? CTL_PREC_DAY : cal.g == G_MONTH ? CTL_PREC_MONTH :
			cal.g == G_YEAR ? CTL_PREC_YEAR : CTL_PREC_NONE;
		r->when.certainty = anchor == CTL_ANCHOR_ABSOLUTE ? CTL_CERT_STATED : CTL_CERT_INFERRED;
	}
}

static void emit(tstate *st, const cand *c, const resolved *r)
{
	ctl_timex *x = CTL_ARRAY_PUSH(st->out->items, st->out->len, st->out->cap);
	memset(x, 0, sizeof(*x));
	x->start = st->t[c->a].s;
	x->end = st->t[c->b - 1].e;
	x->type = (ctl_timex_type)r->type;
	x->anchor = r->anchor;
	memcpy(x->value, r->value, sizeof(x->value));
	memcpy(x->freq, c->freq, sizeof(x->freq) < sizeof(c->freq) ? sizeof(x->freq) : sizeof(c->freq));
	memcpy(x->mod, c->mod, sizeof(x->mod));
	x->value[sizeof(x->value) - 1] = x->freq[sizeof(x->freq) - 1] = x->mod[sizeof(x->mod) - 1] = '\0';
	x->when = r->when;
	st->last_b = c->b;
	st->last_b_line = st->line;
	/* a clock with no day of its own that took the report's ("at about 6
	 * a.m.") names no date: "the next day" after it counts from the day
	 * named before */
	bool bare_clock = c->rs == RS_TIME && !c->has_day && r->anchor == CTL_ANCHOR_DCT;
	if ((r->type == CTL_TIMEX_DATE || r->type == CTL_TIMEX_TIME) && r->known && !bare_clock) {
		st->has_last = true;
		st->last = r->cal;
		st->last_sent = st->sent;
		st->last_end = x->end;
		/* a year that comes with a month ("June 5, 2015", "March 2016")
		 * carries over to a bare month or day later in the sentence */
		if (r->anchor == CTL_ANCHOR_ABSOLUTE && !r->cal.fiscal &&
		    (r->cal.g == G_DAY || r->cal.g == G_MONTH)) {
			st->has_year = true;
			st->year = r->cal.y;
			st->year_sent = st->sent;
		}
		/* a day opening its line, or a year alone on it (a chronology's
		 * heading), with its year stated (or carried so): the year goes
		 * on to the next line's day ("2 October 2018 - ..." / "4 October
		 * - ...", "2024" / "Jan. 5 - ..."); one the report's date chose
		 * does not */
		if (r->cal.y && r->anchor != CTL_ANCHOR_DCT && line_initial(st, c->a) &&
		    (r->cal.g == G_DAY || r->cal.g == G_MONTH || (r->cal.g == G_YEAR && c->b == st->n))) {
			st->chrono_y = r->cal.y;
			st->chrono_line = st->line;
		}
		ctl_day f = cal_first(&r->cal);
		if (r->anchor == CTL_ANCHOR_ABSOLUTE && r->cal.g == G_DAY && f != st->dct) {
			st->has_stated = true;
			st->stated = f;
			st->stated_sent = st->sent;
		}
	}
}

uint8_t tx_start_flags(const tx_word *w)
{
	uint8_t f = 0;
	if (w->cls & ~(uint32_t)TW_TENSE)
		f |= S_INTERESTING;
	const uint32_t lead = R_LAST | R_NEXT | R_THIS | R_PAST | R_COMING | R_FOLLOWING |
		R_PREVIOUS | R_SAME | R_RECENT | R_EVERY | R_FISCAL | R_EARLIER | R_LATER;
	if ((w->cls & (TW_MONTH | TW_WDAY | TW_ORD | TW_UNIT | TW_SEASON | TW_HOLIDAY | TW_MOD |
	               TW_DEICTIC | TW_FREQ)) ||
	    ((w->cls & TW_POD) && w->pod_kind == P_CLOCK) ||
	    ((w->cls & TW_NUM) && w->num_kind != N_ARTICLE) ||
	    ((w->cls & TW_REL) && (w->rel & lead)))
		return f | S_START;
	/* a word that starts only as the first of a longer key ("the" of
	 * "the end of", "at" of "at the time") starts where such a key does,
	 * and elsewhere as the word it is alone */
	if (w->starts_cls & ~(uint32_t)(TW_TENSE | TW_REL))
		f |= S_LONG;
	if (((w->cls & TW_REL) && (w->rel & R_DET)) ||
	    ((w->cls & TW_NUM) && w->num_kind == N_ARTICLE))
		f |= S_IF_NEXT;
	return f;
}

/* May an expression start at token i? (a cheap filter before the patterns) */
static bool can_start(const tstate *st, size_t i)
{
	const tx_tok *t = &st->t[i];
	if (t->kind == TK_NUM)
		return true;
	if (t->kind == TK_PUNCT)
		return t->ch == '\'' && num_at(st, i + 1);
	if (t->start & S_START)
		return true;
	if ((t->start & S_LONG) && tx_long_keys(st->d, st->text, st->t, st->n, i))
		return true;
	if ((t->start & S_IF_NEXT) && i + 1 < st->n) {
		const tx_tok *u = &st->t[i + 1];
		return u->kind == TK_NUM || (u->kind == TK_PUNCT && u->ch == '\'') ||
			(u->kind == TK_WORD && (u->start & S_INTERESTING));
	}
	return false;
}

/* Does token i end a sentence: ".", "!" or "?" before a capital or the end? */
static bool sentence_end(const tstate *st, size_t i)
{
	if (!stop_punct(&st->t[i]) || st->t[i].ch == ';')
		return false;
	/* at the end of the line the next line starts the next sentence */
	return i + 1 < st->n && st->t[i + 1].sp && st->t[i + 1].caps;
}

/* ---- tokens kept from one pass for the next ------------------------------ */

/* A line's tokens: kept[t0, t0 + n) for text[s, e). */
typedef struct kept_line {
	uint32_t s, e;
	size_t t0, n;
} kept_line;

struct ctl_tx_tokens {
	uint64_t res;          /* the ctl_resources.id of the tables their
	                          words point into */
	const char *text;      /* the page they are of, when valid */
	size_t len;
	uint64_t hash;
	bool valid;
	bool full;             /* KEEP_MAX reached: later lines not kept */
	tx_tok *t;
	size_t n, cap;
	kept_line *lines;
	size_t nlines, lcap;
};

/* 32 bytes a token: at most 2 MiB for a page's tokens */
#define KEEP_MAX 65536u

ctl_tx_tokens *ctl_tx_tokens_new(void)
{
	return ctl_xcalloc(1, sizeof(ctl_tx_tokens));
}

void ctl_tx_tokens_free(ctl_tx_tokens *k)
{
	if (!k)
		return;
	free(k->t);
	free(k->lines);
	free(k);
}

void ctl_tx_tokens_clear(ctl_tx_tokens *k)
{
	k->text = NULL;
	k->len = 0;
	k->valid = k->full = false;
	k->n = k->nlines = 0;
}

bool ctl_tx_tokens_match(const ctl_tx_tokens *k, const char *text, size_t len)
{
	return k && k->valid && k->text == text && k->len == len &&
		k->hash == ctl_hash_bytes(text, len);
}

static void keep_line(ctl_tx_tokens *k, uint32_t s, uint32_t e, const tx_tok *t, size_t n)
{
	if (k->full || !n)
		return;
	if (k->n + n > KEEP_MAX) {
		k->full = true;
		return;
	}
	if (k->n + n > k->cap)
		ctl_array_grow((void **)&k->t, &k->cap, k->n + n, sizeof(*k->t));
	memcpy(k->t + k->n, t, n * sizeof(*t));
	*CTL_ARRAY_PUSH(k->lines, k->nlines, k->lcap) = (kept_line){ s, e, k->n, n };
	k->n += n;
}

/* Reads text[s, e) from the tokens kept for its line, if they are what
 * tokenizing it alone would give: it must start at the line's start or
 * after white space, and end at the line's end or before white space
 * (the tokenizer never looks past white space, and no token holds any).
 * Returns false to have it tokenized. */
static bool reuse_line(tstate *st, uint32_t s, uint32_t e)
{
	const ctl_tx_tokens *k = st->kept;
	if (s >= e)
		return false;
	while (st->kept_line < k->nlines && k->lines[st->kept_line].e < e)
		st->kept_line++;
	if (st->kept_line == k->nlines)
		return false;
	const kept_line *l = &k->lines[st->kept_line];
	if (l->s > s || (s > l->s && !ctl_is_space((unsigned char)st->text[s - 1])) ||
	    (e < l->e && !ctl_is_space((unsigned char)st->text[e])))
		return false;
	const tx_tok *t = k->t + l->t0;
	size_t lo = 0, hi = l->n;
	while (lo < hi) { /* the first token at or after s */
		size_t mid = lo + (hi - lo) / 2;
		if (t[mid].s < s)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t end = lo;
	while (end < l->n && t[end].s < e)
		end++;
	size_t n = end - lo;
	if (n > st->cap)
		ctl_array_grow((void **)&st->t, &st->cap, n, sizeof(*st->t));
	memcpy(st->t, t + lo, n * sizeof(*t)); /* the first has white space before it */
	st->n = n;
	return true;
}

/* Tokenizes text[s, e) into st->t, or reads the kept tokens; `whole`:
 * text[s, e) is a whole line (not a piece of a long one). */
static void line_tokens(tstate *st, uint32_t s, uint32_t e, bool whole)
{
	if (st->kept && reuse_line(st, s, e))
		return;
	st->n = tx_tokenize(st->d, st->text, s, e, &st->t, &st->cap);
	if (st->keep && whole)
		keep_line(st->keep, s, e, st->t, st->n);
}

/* How far back a live page's day may lie from the report's */
#define SECTION_DAYS 60

bool ctl_timex_day_heading(const ctl_timex *x, ctl_day dct)
{
	return dct != CTL_DAY_NONE && (x->anchor == CTL_ANCHOR_ABSOLUTE || x->anchor == CTL_ANCHOR_DCT) &&
	       x->when.precision == CTL_PREC_DAY && x->when.earliest <= dct &&
	       x->when.earliest >= dct - SECTION_DAYS;
}

bool ctl_timex_heading_note(const char *s, size_t n)
{
	static const char *const words[] = { "all", "times", "time", "are", "is", "in", "local",
		"eastern", "central", "mountain", "pacific", "et", "ct", "pt", "gmt", "utc", "bst",
		"cet", "cest", "unless", "otherwise", "noted", "stated", "indicated", NULL };
	if (n < 2 || n > 9)
		return false;
	for (size_t i = 0; words[i]; i++)
		if (ctl_eq_nocase(s, n, words[i]))
			return true;
	return false;
}

/* A line that is only a day heading (ctl_timex_day_heading) is the day the
 * lines under it speak from: "today", "yesterday", "this morning" and bare
 * clocks there resolve against it, until the next such line (the report's
 * own date stays in ctl_timex_tag's caller's hands: only resolution
 * changes). `before` is how many expressions the list held before the
 * line. */
static void section_heading(tstate *st, size_t before)
{
	if (st->out->len != before + 1 || st->dct == CTL_DAY_NONE)
		return;
	const ctl_timex *x = &st->out->items[before];
	if (!ctl_timex_day_heading(x, st->dct0))
		return;
	for (size_t k = 0; k < st->n; k++)
		if (st->t[k].kind != TK_PUNCT && (st->t[k].s < x->start || st->t[k].e > x->end) &&
		    !(st->t[k].kind == TK_WORD &&
		      ctl_timex_heading_note(st->text + st->t[k].s, st->t[k].e - st->t[k].s)))
			return;
	st->dct = x->when.earliest;
}

static void tag_line(tstate *st, uint32_t s, uint32_t e, bool whole)
{
	line_tokens(st, s, e, whole);
	if (!st->n)
		return;
	size_t before = st->out->len;
	st->line++;
	st->sent++;
	for (size_t i = 0; i < st->n;) {
		if (!can_start(st, i)) {
			if (sentence_end(st, i))
				st->sent++;
			i++;
			continue;
		}
		cand c;
		if (!match_at(st, i, &c)) {
			i++;
			continue;
		}
		resolved r;
		if (st->has_pending && c.rs == RS_ANCHOR) {
			cand p = st->pending;
			st->has_pending = false;
			attach(st, &p);
			resolved rp;
			resolve(st, &p, NULL, &rp);
			resolve(st, &c, &rp, &r);
			emit(st, &c, &r);
			resolve(st, &p, NULL, &rp);
			emit(st, &p, &rp);
			i = p.b;
			continue;
		}
		st->has_pending = false;
		resolve(st, &c, NULL, &r);
		emit(st, &c, &r);
		i = c.b;
	}
	section_heading(st, before);
}

/* ---- public API ----------------------------------------------------------- */

#define LINE_CHUNK 65536u

void ctl_timex_list_init(ctl_timex_list *list)
{
	list->items = NULL;
	list->len = list->cap = 0;
}

void ctl_timex_list_release(ctl_timex_list *list)
{
	free(list->items);
	ctl_timex_list_init(list);
}

static int tag_spans(ctl_timex_list *out, const ctl_resources *res, const char *text,
		const ctl_span *spans, size_t nspans, ctl_day dct, ctl_tx_tokens *keep,
		const ctl_tx_tokens *kept, ctl_timex_stop_fn stop, void *stop_ctx, ctl_error *err)
{
	if (!out || !res || (!text && nspans))
		return ctl_error_set(err, CTL_EINVAL, "timex: invalid argument");
	if (!res->timex)
		return ctl_error_set(err, CTL_EINVAL, "timex: resources without time data");
	tstate st;
	memset(&st, 0, sizeof(st));
	st.d = res->timex;
	st.text = text;
	st.dct = dct;
	st.dct0 = dct;
	st.out = out;
	st.last_b = SIZE_MAX;
	st.keep = keep;
	st.kept = kept;
	st.stop = stop;
	st.stop_ctx = stop_ctx;
	st.cap = 256;
	st.t = ctl_xmalloc(st.cap * sizeof(*st.t));
	for (size_t k = 0; k < nspans; k++) {
		st.span = k;
		uint32_t s = spans[k].start, e = spans[k].end;
		while (s < e) {
			const char *nl = memchr(text + s, '\n', e - s);
			uint32_t le = nl ? (uint32_t)(nl - text) : e;
			bool whole = le - s <= LINE_CHUNK;
			/* a very long line is read in pieces cut at a sentence end (or
			 * else at white space), so memory stays bounded */
			while (le - s > LINE_CHUNK) {
				uint32_t cut = s + LINE_CHUNK, c = cut;
				while (c > cut - LINE_CHUNK / 8 &&
				       !(ctl_is_space((unsigned char)text[c]) &&
				         (text[c - 1] == '.' || text[c - 1] == '!' || text[c - 1] == '?')))
					c--;
				if (c <= cut - LINE_CHUNK / 8)
					for (c = cut; c > s + 1 && !ctl_is_space((unsigned char)text[c]); c--)
						;
				if (c <= s + 1)
					c = cut;
				tag_line(&st, s, c, false);
				s = c;
			}
			tag_line(&st, s, le, whole);
			s = nl ? le + 1 : e;
			if (st.stop && st.stop(st.stop_ctx, out))
				goto done;
		}
	}
done:
	free(st.t);
	return 0;
}

int ctl_timex_tag_spans(ctl_timex_list *out, const ctl_resources *res,
		const char *text, const ctl_span *spans, size_t nspans,
		ctl_day dct, ctl_error *err)
{
	return tag_spans(out, res, text, spans, nspans, dct, NULL, NULL, NULL, NULL, err);
}

int ctl_timex_tag_spans_kept(ctl_timex_list *out, const ctl_resources *res,
		const char *text, const ctl_span *spans, size_t nspans, ctl_day dct,
		const ctl_tx_tokens *kept, ctl_error *err)
{
	/* the caller checked the bytes (ctl_tx_tokens_match); the words must
	 * also point into these resources' tables */
	if (kept && (!res || !kept->valid || kept->text != text || kept->res != res->id))
		kept = NULL;
	return tag_spans(out, res, text, spans, nspans, dct, NULL, kept, NULL, NULL, err);
}

int ctl_timex_tag_keep(ctl_timex_list *out, const ctl_resources *res, const char *text,
		size_t len, ctl_day dct, ctl_tx_tokens *keep, ctl_error *err)
{
	return ctl_timex_tag_keep_until(out, res, text, len, dct, keep, NULL, NULL, err);
}

int ctl_timex_tag_keep_until(ctl_timex_list *out, const ctl_resources *res, const char *text,
		size_t len, ctl_day dct, ctl_tx_tokens *keep, ctl_timex_stop_fn stop, void *ctx,
		ctl_error *err)
{
	if (len > UINT32_MAX)
		return ctl_error_set(err, CTL_ELIMIT, "timex: text longer than 4 GiB");
	if (keep)
		ctl_tx_tokens_clear(keep);
	ctl_span s = { 0, (uint32_t)len };
	int rc = tag_spans(out, res, text, &s, 1, dct, keep, NULL, stop, ctx, err);
	if (!rc && keep) {
		keep->res = res->id;
		keep->text = text;
		keep->len = len;
		keep->hash = ctl_hash_bytes(text, len);
		keep->valid = true;
	}
	return rc;
}

int ctl_timex_tag(ctl_timex_list *out, const ctl_resources *res,
		const char *text, size_t len, ctl_day dct, ctl_error *err)
{
	return ctl_timex_tag_keep(out, res, text, len, dct, NULL, err);
}

const char *ctl_timex_type_name(ctl_timex_type t)
{
	static const char *const names[] = { "DATE", "TIME", "DURATION", "SET" };
	return (unsigned)t < 4 ? names[t] : "DATE";
}
