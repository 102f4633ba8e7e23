/*
 * Segmentation: split the article's body lines into sentences.
 *
 * One left-to-right pass over each BODY line (never across a line break:
 * the scraper's lines are paragraphs). A sentence ends at a run of '.', '!',
 * '?' or '…', plus any closing quotes and brackets, followed by white space
 * and a character that can open a sentence (a capital, a digit, an opening
 * quote or bracket). A lower-case continuation ('"...," he said', "e.g. the")
 * never starts a sentence. A single full stop after an abbreviation is
 * judged by the abbreviation's kind (data/segment/abbreviations.tsv):
 * titles never end a sentence, number words not before a number, the rest
 * only before a capitalised frequent sentence starter (Punkt's orthographic
 * heuristic: Kiss & Strunk 2006, "Unsupervised Multilingual Sentence
 * Boundary Detection", Computational Linguistics 32(4)).
 *
 * A line that opens with a wire dateline ("PLACE, January 24. /AGENCY/.")
 * would yield a first "sentence" without a single lower-case word; such a
 * fragment is joined to the sentence that follows rather than kept alone.
 */
#include <stdlib.h>
#include <string.h>
#include "ctimeline/document.h"
#include "lexicon.h"
#include "resources.h"
#include "util.h"

enum abbr_kind { ABBR_NONE, ABBR_TITLE, ABBR_NUM, ABBR_ANY };

struct ctl_segment_data {
	ctl_lexicon *abbrev;
	uint8_t *kinds;        /* enum abbr_kind, parallel to abbrev's entries */
	ctl_lexicon *starters;
};

/* A first fragment of a line with at most this many words and no word in
 * lower case is a dateline, not a sentence. */
#define DATELINE_MAX_WORDS 6
/* Longest word looked up as an abbreviation ("u.s.a.", "messrs."). */
#define ABBR_MAX_BYTES 16
/* Longest sentence (bytes). A longer run without a sentence end (a scraped
 * page on one line, a list joined by commas) is cut into pieces of at most
 * this size at white space. Real sentences are far shorter; the bound keeps
 * the per-sentence stages (triggers x mentions in events.c) from growing
 * with the square of a 20 MB line (found by tests/cli/bad_input.sh: 100 KB
 * of one sentence took 5 s, 1 MB over 120 s). README "Limits". */
#define SENTENCE_MAX_BYTES 4096

static int parse_kinds(struct ctl_segment_data *d, ctl_error *err)
{
	size_t n = ctl_lexicon_count(d->abbrev);
	d->kinds = ctl_xcalloc(n ? n : 1, 1);
	for (size_t i = 0; i < n; i++) {
		const ctl_lex_entry *e = ctl_lexicon_at(d->abbrev, i);
		const char *k = e->nfields > 1 ? e->fields[1] : "";
		if (!strcmp(k, "title"))
			d->kinds[i] = ABBR_TITLE;
		else if (!strcmp(k, "num"))
			d->kinds[i] = ABBR_NUM;
		else if (!strcmp(k, "any"))
			d->kinds[i] = ABBR_ANY;
		else
			return ctl_error_set(err, CTL_EDATA, "%s:%zu: kind '%s' is not title, num or any",
				ctl_lexicon_name(d->abbrev), e->line, k);
	}
	return 0;
}

int ctl_segment_data_load(struct ctl_segment_data **out, const char *dir, ctl_error *err)
{
	struct ctl_segment_data *d = ctl_xcalloc(1, sizeof(*d));
	char *ab = ctl_path_join(dir, "segment/abbreviations.tsv");
	char *st = ctl_path_join(dir, "segment/starters.tsv");
	int rc = ctl_lexicon_load(&d->abbrev, ab, err);
	if (!rc)
		rc = parse_kinds(d, err);
	if (!rc)
		rc = ctl_lexicon_load(&d->starters, st, err);
	free(ab);
	free(st);
	if (rc) {
		ctl_segment_data_free(d);
		return rc;
	}
	*out = d;
	return 0;
}

void ctl_segment_data_free(struct ctl_segment_data *d)
{
	if (!d)
		return;
	ctl_lexicon_free(d->abbrev);
	ctl_lexicon_free(d->starters);
	free(d->kinds);
	free(d);
}

/* --- characters ---------------------------------------------------------- */

/* Length of a sentence-final mark at s[0..n): . ! ? or … (U+2026), else 0. */
static size_t terminator_len(const unsigned char *s, size_t n)
{
	if (s[0] == '.' || s[0] == '!' || s[0] == '?')
		return 1;
	if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80 && s[2] == 0xA6)
		return 3;
	return 0;
}

/* Skips from s[i] the blocks of eight bytes that hold no '.', '!', '?' and
 * no 0xE2 (the first byte of '…'): no sentence can end inside them. */
static uint32_t skip_to_mark(const unsigned char *s, uint32_t i, uint32_t b)
{
	for (; i + 8 <= b; i += 8) {
		uint64_t x;
		memcpy(&x, s + i, 8);
		if (ctl_has_byte8(x, '.') | ctl_has_byte8(x, '!') | ctl_has_byte8(x, '?') |
		    ctl_has_byte8(x, 0xE2))
			break;
	}
	return i;
}

/* Length of a closing quote or bracket at s[0..n): " ' ) ] ” ’ », else 0. */
static size_t closer_len(const unsigned char *s, size_t n)
{
	if (s[0] == '"' || s[0] == '\'' || s[0] == ')' || s[0] == ']')
		return 1;
	if (n >= 2 && s[0] == 0xC2 && s[1] == 0xBB)
		return 2;
	if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0x99 || s[2] == 0x9D))
		return 3;
	return 0;
}

/* Length of an opening quote or bracket at s[0..n): " ' ( [ “ ‘ «, else 0. */
static size_t opener_len(const unsigned char *s, size_t n)
{
	if (s[0] == '"' || s[0] == '\'' || s[0] == '(' || s[0] == '[')
		return 1;
	if (n >= 2 && s[0] == 0xC2 && s[1] == 0xAB)
		return 2;
	if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0x98 || s[2] == 0x9C))
		return 3;
	return 0;
}

static bool upper_cp(uint32_t cp)
{
	if (cp < 0x80)
		return ctl_is_upper((unsigned char)cp);
	return (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) || (cp >= 0x391 && cp <= 0x3A9) ||
	       (cp >= 0x400 && cp <= 0x42F);
}

/* Whether s[0..n) can open a sentence: a capital, a digit, an opening quote
 * or bracket. A lower-case letter or other punctuation cannot. */
static bool can_open(const unsigned char *s, size_t n)
{
	if (ctl_is_upper(s[0]) || ctl_is_digit(s[0]) || opener_len(s, n))
		return true;
	if (s[0] < 0x80)
		return false;
	size_t k = ctl_utf8_seq_len(s, n);
	return k && upper_cp(ctl_utf8_decode(s, k));
}

/* --- abbreviations ------------------------------------------------------- */

/* "U.S.", "e.g.": two or more letter-dot pairs. */
static bool dotted_letters(const char *w, size_t n)
{
	if (n < 4 || n % 2)
		return false;
	for (size_t i = 0; i < n; i += 2)
		if (!ctl_is_alpha((unsigned char)w[i]) || w[i + 1] != '.')
			return false;
	return true;
}

/* The kind of the word w[0..n) that ends in the full stop at w[n-1]. */
static enum abbr_kind abbr_kind(const struct ctl_segment_data *d, const char *w, size_t n)
{
	if (n < 2 || n > ABBR_MAX_BYTES)
		return ABBR_NONE;
	const ctl_lex_entry *e = ctl_lexicon_get(d->abbrev, w, n);
	if (e)
		return (enum abbr_kind)d->kinds[e - ctl_lexicon_at(d->abbrev, 0)];
	/* an initial ("John F. Kennedy") */
	if (n == 2 && ctl_is_upper((unsigned char)w[0]))
		return ABBR_ANY;
	if (dotted_letters(w, n))
		return ABBR_ANY;
	return ABBR_NONE;
}

/* Whether the word at s[q..b) (after any opening quote) is a capitalised
 * frequent sentence starter ("The", "He"). */
static bool starter_follows(const struct ctl_segment_data *d, const char *t, uint32_t q, uint32_t b)
{
	const unsigned char *s = (const unsigned char *)t;
	size_t k;
	while (q < b && (k = opener_len(s + q, b - q)))
		q += (uint32_t)k;
	if (q >= b || !ctl_is_upper(s[q]))
		return false;
	uint32_t e = q;
	while (e < b && (ctl_is_alpha(s[e]) || s[e] == '\''))
		e++;
	return ctl_lexicon_get(d->starters, t + q, e - q) != NULL;
}

/* Whether the single full stop at t[dot], with the next sentence's first
 * character at t[q], ends a sentence given the word before it. */
static bool stop_ends_sentence(const struct ctl_segment_data *d, const char *t, uint32_t from,
		uint32_t dot, uint32_t q, uint32_t b)
{
	const unsigned char *s = (const unsigned char *)t;
	uint32_t w = dot;
	while (w > from && !ctl_space_before(s, from, w))
		w--;
	size_t k;
	while (w < dot && (k = opener_len(s + w, dot - w)))
		w += (uint32_t)k;
	switch (abbr_kind(d, t + w, dot + 1 - w)) {
	case ABBR_TITLE:
		return false;
	case ABBR_NUM:
		return !ctl_is_digit(s[q]);
	case ABBR_ANY:
		return starter_follows(d, t, q, b);
	default:
		return true;
	}
}

/* Whether [a, b) has no word opening with a lower-case letter and at most
 * DATELINE_MAX_WORDS words: "PLACE, January 24. /AGENCY/." */
static bool dateline_fragment(const char *t, uint32_t a, uint32_t b)
{
	const unsigned char *s = (const unsigned char *)t;
	uint32_t words = 0;
	for (uint32_t p = a; p < b;) {
		p = ctl_skip_space(s, p, b);
		if (p >= b)
			break;
		if (++words > DATELINE_MAX_WORDS)
			return false;
		uint32_t e = ctl_skip_word(s, p, b), q = p;
		while (q < e && !ctl_is_alnum(s[q]) && s[q] < 0x80)
			q++;
		if (q < e && ctl_is_lower(s[q]))
			return false;
		p = e;
	}
	return true;
}

static void push(ctl_document *doc, size_t *cap, uint32_t a, uint32_t b)
{
	const unsigned char *s = (const unsigned char *)doc->text;
	a = ctl_skip_space(s, a, b);
	b = ctl_trim_end(s, a, b);
	while (b - a > SENTENCE_MAX_BYTES) {
		/* the last white space within the limit, else the last character
		 * boundary (never inside a UTF-8 sequence) */
		uint32_t cut = a + SENTENCE_MAX_BYTES;
		while (cut > a && s[cut] != ' ' && s[cut] != '\t')
			cut--;
		if (cut == a) {
			cut = a + SENTENCE_MAX_BYTES;
			while (cut > a && (s[cut] & 0xC0) == 0x80)
				cut--;
			if (cut == a) /* not UTF-8 (cannot happen: text is repaired) */
				cut = a + SENTENCE_MAX_BYTES;
		}
		ctl_span *sp = CTL_ARRAY_PUSH(doc->sentences, doc->nsentences, *cap);
		sp->start = a;
		sp->end = ctl_trim_end(s, a, cut);
		a = ctl_skip_space(s, cut, b);
	}
	if (a == b)
		return;
	ctl_span *sp = CTL_ARRAY_PUSH(doc->sentences, doc->nsentences, *cap);
	sp->start = a;
	sp->end = b;
}

static void segment_line(const struct ctl_segment_data *d, ctl_document *doc, size_t *cap,
		uint32_t a, uint32_t b)
{
	const char *t = doc->text;
	const unsigned char *s = (const unsigned char *)t;
	uint32_t start = a, i = a;
	bool first = true;
	while (i < b) {
		i = skip_to_mark(s, i, b);
		if (i >= b)
			break;
		size_t k = terminator_len(s + i, b - i);
		if (!k) {
			i++;
			continue;
		}
		uint32_t run = i, j = i;
		while (j < b && (k = terminator_len(s + j, b - j)))
			j += (uint32_t)k;
		uint32_t tend = j;
		while (j < b && (k = closer_len(s + j, b - j)))
			j += (uint32_t)k;
		i = j;
		if (j >= b || !ctl_space_len(s + j, b - j))
			continue;           /* "3.5", "U.S.-led", "?!)" mid-word */
		uint32_t q = ctl_skip_space(s, j, b);
		if (q >= b || !can_open(s + q, b - q))
			continue;
		/* a lone full stop may belong to an abbreviation */
		if (s[run] == '.' && tend == run + 1 &&
		    !stop_ends_sentence(d, t, start, run, q, b))
			continue;
		if (first && dateline_fragment(t, start, j))
			continue;           /* keep the dateline with its sentence */
		/* once the line's first fragment holds a lower-case word or too
		 * many words, every longer one does: no need to look again */
		first = false;
		push(doc, cap, start, j);
		start = q;
		i = q;
	}
	push(doc, cap, start, b);
}

int ctl_segment(ctl_document *doc, const ctl_resources *res, ctl_error *err)
{
	(void)err;
	const struct ctl_segment_data *d = res->segment;
	size_t cap = 0;
	free(doc->sentences);
	doc->sentences = NULL;
	doc->nsentences = 0;
	for (size_t i = 0; i < doc->nlines; i++) {
		const ctl_line *l = &doc->lines[i];
		if (l->kind == CTL_LINE_BODY)
			segment_line(d, doc, &cap, l->start, l->end);
	}
	return 0;
}
