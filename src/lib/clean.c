/*
 * Cleaning: classify each line of a scraped page as the article's own text,
 * its headline, a blank line, or page furniture (menus, sidebars, related
 * headlines, captions, credits, share bars, template residue).
 *
 * The method follows jusText (Jan Pomikálek, "Removing Boilerplate and
 * Duplicate Content from Web Corpora", PhD thesis, Masaryk University 2011,
 * ch. 4) adapted to plain-text lines, which carry no markup and no links:
 *
 *  1. Hard rules mark a line as furniture whatever its neighbours are:
 *     template placeholders, lines without letters (the numbers of a
 *     numbered list), lines in another script than the page's, cue phrases
 *     from data/clean/cues.tsv, bare links, time stamps, and captions
 *     ending in " - Site Name".
 *  2. Every other line gets a class from its length in words, its stopword
 *     density and whether it ends like a sentence: good, near-good or short
 *     (jusText's classes, with thresholds in words rather than characters).
 *  3. The headline is picked by position and shape: the first title-shaped
 *     line standing alone before the first good paragraph, else the page's
 *     first line if it does not open a menu. Only then are Title-Case
 *     headlines and the teaser after a "Read also" cue marked as furniture,
 *     so that the rules cannot take the page's own headline.
 *  4. A context pass keeps near-good lines unless both their neighbouring
 *     anchors are furniture, and short lines only between good paragraphs
 *     (jusText's context-sensitive classification). Anchors are good lines
 *     and "block" furniture; "inline" furniture (an advert, a share bar, a
 *     photo credit) interrupts an article without ending it, so the context
 *     pass looks through it.
 *
 * Every pass is linear in the number of lines (and bytes).
 */
#include <stdlib.h>
#include <string.h>
#include "ctimeline/document.h"
#include "lexicon.h"
#include "document_internal.h"
#include "resources.h"
#include "util.h"

/* --- loaded knowledge ---------------------------------------------------- */

enum cue_match { CUE_LINE, CUE_PREFIX, CUE_CONTAINS };
enum cue_scope { SCOPE_INLINE, SCOPE_BLOCK, SCOPE_NEXT, SCOPE_PARA };

typedef struct cue {
	uint8_t match, scope;
	const char *reason;   /* one of the static strings of cue_reasons[] */
} cue;

/* How many lines above a sign-up line a newsletter box holds (its name, a
 * tagline, an e-mail field) */
#define BOX_LINES 3

struct ctl_clean_data {
	ctl_lexicon *stopwords;
	ctl_lexicon *cues;
	ctl_lexicon *months;        /* time/months.tsv: a chronology's dates */
	ctl_lexicon *weekdays;      /* time/weekdays.tsv: a live page's day headings */
	cue *cueinfo;               /* parallel to the cue lexicon's entries */
	const ctl_lex_entry **contains; /* the CUE_CONTAINS entries */
	size_t ncontains;
};

/* Reasons a cue file may name. Line reasons must be static strings (they
 * outlive the loaded data), so the file's words are mapped onto these. */
static const char *const cue_reasons[] = {
	"share", "subscribe", "advert", "read-also", "credit", "byline",
	"menu", "list-heading", "comments", "consent", NULL
};

static const char *static_reason(const char *s)
{
	for (size_t i = 0; cue_reasons[i]; i++)
		if (!strcmp(cue_reasons[i], s))
			return cue_reasons[i];
	return NULL;
}

static int parse_cues(struct ctl_clean_data *d, ctl_error *err)
{
	size_t n = ctl_lexicon_count(d->cues);
	size_t ccap = 0;
	d->cueinfo = ctl_xcalloc(n ? n : 1, sizeof(*d->cueinfo));
	for (size_t i = 0; i < n; i++) {
		const ctl_lex_entry *e = ctl_lexicon_at(d->cues, i);
		cue *c = &d->cueinfo[i];
		const char *name = ctl_lexicon_name(d->cues);
		if (e->nfields < 4)
			return ctl_error_set(err, CTL_EDATA,
				"%s:%zu: expected phrase, match, reason, scope", name, e->line);
		const char *m = e->fields[1], *s = e->fields[3];
		if (!strcmp(m, "line"))
			c->match = CUE_LINE;
		else if (!strcmp(m, "prefix"))
			c->match = CUE_PREFIX;
		else if (!strcmp(m, "contains"))
			c->match = CUE_CONTAINS;
		else
			return ctl_error_set(err, CTL_EDATA,
				"%s:%zu: match '%s' is not line, prefix or contains", name, e->line, m);
		if (!strcmp(s, "inline"))
			c->scope = SCOPE_INLINE;
		else if (!strcmp(s, "block"))
			c->scope = SCOPE_BLOCK;
		else if (!strcmp(s, "next"))
			c->scope = SCOPE_NEXT;
		else if (!strcmp(s, "para"))
			c->scope = SCOPE_PARA;
		else
			return ctl_error_set(err, CTL_EDATA,
				"%s:%zu: scope '%s' is not inline, block, next or para", name, e->line, s);
		if (!(c->reason = static_reason(e->fields[2])))
			return ctl_error_set(err, CTL_EDATA,
				"%s:%zu: unknown reason '%s' (see data/clean/README.md)", name, e->line,
				e->fields[2]);
		if (c->match == CUE_CONTAINS)
			*CTL_ARRAY_PUSH(d->contains, d->ncontains, ccap) = e;
	}
	return 0;
}

int ctl_clean_data_load(struct ctl_clean_data **out, const char *dir, ctl_error *err)
{
	struct ctl_clean_data *d = ctl_xcalloc(1, sizeof(*d));
	char *sw = ctl_path_join(dir, "clean/stopwords.tsv");
	char *cu = ctl_path_join(dir, "clean/cues.tsv");
	char *mo = ctl_path_join(dir, "time/months.tsv");
	char *wd = ctl_path_join(dir, "time/weekdays.tsv");
	int rc = ctl_lexicon_load(&d->stopwords, sw, err);
	if (!rc)
		rc = ctl_lexicon_load(&d->cues, cu, err);
	if (!rc)
		rc = ctl_lexicon_load(&d->months, mo, err);
	if (!rc)
		rc = ctl_lexicon_load(&d->weekdays, wd, err);
	if (!rc)
		rc = parse_cues(d, err);
	free(sw);
	free(cu);
	free(mo);
	free(wd);
	if (rc) {
		ctl_clean_data_free(d);
		return rc;
	}
	*out = d;
	return 0;
}

void ctl_clean_data_free(struct ctl_clean_data *d)
{
	if (!d)
		return;
	ctl_lexicon_free(d->stopwords);
	ctl_lexicon_free(d->months);
	ctl_lexicon_free(d->weekdays);
	ctl_lexicon_free(d->cues);
	free(d->cueinfo);
	free(d->contains);
	free(d);
}

/* --- thresholds ---------------------------------------------------------- */

/* jusText's defaults are in characters (short < 70, good > 200) and its
 * stopword thresholds 0.30/0.32; for single lines of news text, where a
 * one-sentence paragraph is common, word counts with a sentence-final mark
 * work better. */
#define GOOD_MIN_WORDS 8          /* a sentence-like line this long is good */
#define GOOD_MIN_STOP_PCT 20
#define GOOD_LONG_WORDS 25        /* ... or this long even without a full stop */
#define GOOD_LONG_STOP_PCT 25
#define NEAR_MIN_WORDS 5          /* near-good: prose-like but too short */
#define NEAR_MIN_STOP_PCT 15
#define SENTENCE_MIN_WORDS 3      /* "They fell silent." */
#define TITLE_MIN_WORDS 3
#define TITLE_MAX_WORDS 30
/* a headline right under a menu: within the page's first this many lines,
 * of this many words at least (a menu's entries have fewer) */
#define UNDER_MENU_LINES 8
#define UNDER_MENU_MIN_WORDS 6
#define STANDFIRST_MIN_WORDS 12   /* a standfirst under a headline */
#define BYLINE_MAX_WORDS 9        /* "By" and the authors' names */
#define HEADLINE_MIN_WORDS 4      /* Title-Case headline rule */
#define HEADLINE_CAPS_PCT 80      /* share of capitalised content words */
#define TIMESTAMP_MAX_WORDS 8     /* "Published 14:04 IST, January 27th 2022" */
#define SUFFIX_MAX_WORDS 4        /* " - City News Agency" */
#define SUFFIX_MAX_BYTES 48
#define MENU_RUN_LINES 3          /* a run of furniture lines this long */

/* --- scripts ------------------------------------------------------------- */

enum script {
	SC_NONE, SC_LATIN, SC_GREEK, SC_CYRILLIC, SC_HEBREW, SC_ARABIC,
	SC_INDIC, SC_THAI, SC_CJK, SC_COUNT
};

/* The script of a letter (Unicode block ranges), SC_NONE for non-letters. */
static enum script script_of(uint32_t cp)
{
	if (cp < 0x80)
		return ctl_is_alpha((unsigned char)cp) ? SC_LATIN : SC_NONE;
	if ((cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) || (cp >= 0x1E00 && cp <= 0x1EFF))
		return SC_LATIN;
	if (cp >= 0x370 && cp <= 0x3FF)
		return SC_GREEK;
	if (cp >= 0x400 && cp <= 0x52F)
		return SC_CYRILLIC;
	if (cp >= 0x590 && cp <= 0x5FF)
		return SC_HEBREW;
	if ((cp >= 0x600 && cp <= 0x6FF) || (cp >= 0x750 && cp <= 0x77F))
		return SC_ARABIC;
	if (cp >= 0x900 && cp <= 0xDFF)
		return SC_INDIC;
	if (cp >= 0xE00 && cp <= 0xE7F)
		return SC_THAI;
	if ((cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x9FFF) ||
	    (cp >= 0xAC00 && cp <= 0xD7AF))
		return SC_CJK;
	return SC_NONE;
}

/* --- per-line features --------------------------------------------------- */

enum cls { C_BLANK, C_BAD, C_SHORT, C_NEAR, C_GOOD, C_TITLE };

typedef struct line_info {
	uint32_t a, b;              /* the line without surrounding white space */
	uint32_t words;             /* tokens holding a letter */
	uint32_t stop;              /* ... that are stopwords */
	uint32_t content, caps;     /* non-stopwords opening with a letter; capitalised ones */
	uint32_t letters;           /* letters, in any script */
	uint32_t latin;             /* ... in the Latin script */
	uint32_t digits_only;       /* tokens of digits (and punctuation) only */
	uint32_t links;             /* URL-like tokens */
	bool ends_sentence;         /* last mark (before closing quotes) is . ! ? … */
	bool ends_period;           /* ... and it is '.' */
	bool timestamp;             /* holds a clock time or an ISO date */
	bool template_;             /* holds a {{...}} or {%...%} placeholder */
	bool site_suffix;           /* ends in " - Title Case Name" */
	uint8_t cls;                /* enum cls */
	uint8_t scope;              /* for C_BAD: enum cue_scope */
	const char *reason;
} line_info;

/* Length of a UTF-8 punctuation mark that may wrap a word (quotes, guillemets,
 * dashes, bullets) at s[0..n), else 0. */
static size_t wrap_mark_len(const unsigned char *s, size_t n)
{
	if (n >= 2 && s[0] == 0xC2 && (s[1] == 0xAB || s[1] == 0xBB || s[1] == 0xB7))
		return 2;                                   /* « » · */
	if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80 &&
	    ((s[2] >= 0x93 && s[2] <= 0x9F) || s[2] == 0xA2 || s[2] == 0xA6))
		return 3;                                   /* – — ‘ ’ “ ” • … */
	return 0;
}

static bool is_ascii_punct(unsigned char c)
{
	return c > ' ' && c < 0x80 && !ctl_is_alnum(c);
}

/* Narrows [*a, *b) to the word without its surrounding punctuation. */
static void strip_word(const char *t, uint32_t *a, uint32_t *b)
{
	const unsigned char *s = (const unsigned char *)t;
	if (*a < *b && ctl_is_alnum(s[*a]) && ctl_is_alnum(s[*b - 1]))
		return; /* most words: a letter or digit at both ends */
	for (;;) {
		if (*a < *b && is_ascii_punct(s[*a]))
			(*a)++;
		else if (*a < *b && wrap_mark_len(s + *a, *b - *a))
			*a += (uint32_t)wrap_mark_len(s + *a, *b - *a);
		else
			break;
	}
	for (;;) {
		if (*b > *a && is_ascii_punct(s[*b - 1]))
			(*b)--;
		else if (*b >= *a + 2 && s[*b - 2] == 0xC2 && (s[*b - 1] == 0xAB || s[*b - 1] == 0xBB))
			*b -= 2;
		else if (*b >= *a + 3 && s[*b - 3] == 0xE2 && s[*b - 2] == 0x80 &&
		         wrap_mark_len(s + *b - 3, 3))
			*b -= 3;
		else
			break;
	}
}

/* The offset just past the line's last mark once closing quotes and brackets
 * are skipped; sets *mark to that mark's first byte. */
static uint32_t last_mark(const char *t, uint32_t a, uint32_t b, uint32_t *mark)
{
	const unsigned char *s = (const unsigned char *)t;
	while (b > a) {
		unsigned char c = s[b - 1];
		if (c == '"' || c == '\'' || c == ')' || c == ']') {
			b--;
		} else if (b >= a + 2 && s[b - 2] == 0xC2 && c == 0xBB) {
			b -= 2;                                     /* » */
		} else if (b >= a + 3 && s[b - 3] == 0xE2 && s[b - 2] == 0x80 &&
		           (c == 0x99 || c == 0x9D)) {
			b -= 3;                                     /* ’ ” */
		} else {
			break;
		}
	}
	uint32_t m = b;
	if (m > a) {
		m--;
		while (m > a && (s[m] & 0xC0) == 0x80)
			m--;
	}
	*mark = m;
	return b;
}

static bool digit_at(const char *t, uint32_t i, uint32_t b)
{
	return i < b && ctl_is_digit((unsigned char)t[i]);
}

/* A clock time ("14:04") or an ISO date ("2017-07-12") inside [a, b). */
static bool is_clock_or_iso(const char *t, uint32_t a, uint32_t b)
{
	for (uint32_t i = a; i < b; i++) {
		if (!digit_at(t, i, b))
			continue;
		if (i + 3 < b && t[i + 1] == ':' && digit_at(t, i + 2, b) && digit_at(t, i + 3, b))
			return true;
		if (i + 9 < b && digit_at(t, i + 3, b) && t[i + 4] == '-' && digit_at(t, i + 5, b) &&
		    t[i + 7] == '-' && digit_at(t, i + 8, b))
			return true;
	}
	return false;
}

/* Whether [a, b) holds a URL: "://" or a leading "www.". */
static bool is_link(const char *t, uint32_t a, uint32_t b)
{
	if (b - a > 4 && ctl_eq_nocase(t + a, 4, "www."))
		return true;
	for (uint32_t i = a; i + 3 <= b; i++)
		if (t[i] == ':' && t[i + 1] == '/' && t[i + 2] == '/')
			return true;
	return false;
}

/* A caption or teaser credited to its source: "... - City News Agency",
 * "... — Interior Ministry": a spaced dash, then a short name whose every
 * word is capitalised, closing the line without a full stop. */
static bool has_site_suffix(const char *t, uint32_t a, uint32_t b)
{
	const unsigned char *s = (const unsigned char *)t;
	if (b - a < 8 || !ctl_is_alnum(s[b - 1]))
		return false;
	/* walk the last words back to front: 1..SUFFIX_MAX_WORDS capitalised
	 * words, then a dash standing alone as a word */
	/* the name's length counts one space between words: text whose markup
	 * was blanked out ("[Agency](https://...)") keeps runs of spaces */
	uint32_t p = b, name = 0;
	for (uint32_t w = 0; w <= SUFFIX_MAX_WORDS && p > a; w++) {
		uint32_t ws = p;
		while (ws > a && !ctl_space_before(s, a, ws) && name + (p - ws) <= SUFFIX_MAX_BYTES + 4)
			ws--;
		bool dash = (p - ws == 1 && s[ws] == '-') ||
			(p - ws == 3 && s[ws] == 0xE2 && s[ws + 1] == 0x80 &&
			 (s[ws + 2] == 0x93 || s[ws + 2] == 0x94));
		if (dash)
			return w >= 1 && ws > a && name <= SUFFIX_MAX_BYTES;
		size_t k = ctl_utf8_seq_len(s + ws, p - ws);
		if (!k || !ctl_is_upper_cp(ctl_utf8_decode(s + ws, k)))
			return false;
		name += (p - ws) + 1;
		p = ctl_trim_end(s, a, ws);
	}
	return false;
}

/* The stopword answers for short words, direct-mapped by the word
 * lower-cased in one 64-bit word (ctl_pack8): the answer depends on the
 * word and the stopword list alone, so a workspace keeps them from page to
 * page (ctl_clean_memo); `res` is the load they come from. */
#define STOP_MEMO 4096
struct ctl_stop_memo {
	uint64_t res;             /* the ctl_resources.id they are from; 0 none */
	uint64_t w[STOP_MEMO];
	uint8_t len[STOP_MEMO];   /* 0: empty */
	bool stop[STOP_MEMO];
};

ctl_stop_memo *ctl_stop_memo_new(void)
{
	return ctl_xcalloc(1, sizeof(ctl_stop_memo));
}

void ctl_stop_memo_free(ctl_stop_memo *m)
{
	free(m);
}

static bool is_stopword(const struct ctl_clean_data *cd, ctl_stop_memo *m, const char *s, size_t n)
{
	if (n > 8)
		return ctl_lexicon_get(cd->stopwords, s, n) != NULL;
	uint64_t w = ctl_pack8_nocase(s, n);
	size_t k = (size_t)(ctl_hash_word8(w, n) >> 52); /* 12 bits: STOP_MEMO */
	if (m->len[k] == n && m->w[k] == w)
		return m->stop[k];
	m->w[k] = w;
	m->len[k] = (uint8_t)n;
	m->stop[k] = ctl_lexicon_get(cd->stopwords, s, n) != NULL;
	return m->stop[k];
}

/* Counts the features of line li in one pass over its bytes. The counters
 * are locals: the text is read through a char pointer, which may alias
 * *li, so counting in *li would store and reload them at every byte. */
/* Measures line li; adds its letters by script to page[] (the page's
 * script is the one most letters are written in). */
static void measure(const char *t, const struct ctl_clean_data *cd, ctl_stop_memo *memo,
		line_info *li, size_t *page)
{
	const unsigned char *s = (const unsigned char *)t;
	uint32_t a = li->a, b = li->b, p = a;
	uint32_t by_script[SC_COUNT] = { 0 };
	uint32_t words = 0, stop = 0, content = 0, caps = 0, digits_only = 0, links = 0;
	bool timestamp = false, template_ = false;
	while (p < b) {
		p = ctl_skip_space(s, p, b);
		if (p >= b)
			break;
		uint32_t ws = p;
		bool letter = false, digit = false, colon = false;
		uint32_t latin = 0;       /* ASCII letters: counted in a register */
		while (p < b) {
			unsigned char c = s[p];
			if (c < 0x80) {
				uint8_t k = ctl_ascii_class[c];
				if (k & (CTL_CC_UPPER | CTL_CC_LOWER)) {
					/* a run of letters at once */
					uint32_t r = 1 + (uint32_t)ctl_ascii_run(t + p + 1, b - p - 1, false, NULL);
					latin += r;
					p += r;
					continue;
				} else if (k & CTL_CC_SPACE) {
					break;
				} else if (k & CTL_CC_DIGIT) {
					digit = true;
				} else if (c == ':') {
					colon = true;
				} else if (c == '{' && p + 1 < b && (s[p + 1] == '{' || s[p + 1] == '%')) {
					template_ = true;
				}
				p++;
				continue;
			}
			if (ctl_space_len(s + p, b - p))
				break;
			size_t k = ctl_utf8_seq_len(s + p, b - p);
			if (!k)
				k = 1;
			enum script sc = k > 1 ? script_of(ctl_utf8_decode(s + p, k)) : SC_NONE;
			if (sc != SC_NONE) {
				letter = true;
				by_script[sc]++;
			}
			p += (uint32_t)k;
		}
		uint32_t we = p;
		by_script[SC_LATIN] += latin;
		letter |= latin > 0;
		/* a link has "://" or begins "www.": most words neither */
		links += (colon || (s[ws] | 0x20) == 'w') && is_link(t, ws, we);
		timestamp |= digit && is_clock_or_iso(t, ws, we);
		if (!letter) {
			digits_only += digit;
			continue;
		}
		words++;
		uint32_t x = ws, y = we;
		strip_word(t, &x, &y);
		if (x < y && is_stopword(cd, memo, t + x, y - x)) {
			stop++;
		} else if (x < y) {
			size_t k = ctl_utf8_seq_len(s + x, y - x);
			uint32_t cp = k ? ctl_utf8_decode(s + x, k) : 0;
			if (script_of(cp) != SC_NONE) {
				content++;
				caps += ctl_is_upper_cp(cp);
			}
		}
	}
	li->letters = 0;
	for (int sc = SC_LATIN; sc < SC_COUNT; sc++) {
		li->letters += by_script[sc];
		page[sc] += by_script[sc];
	}
	li->latin = by_script[SC_LATIN];
	li->words = words;
	li->stop = stop;
	li->content = content;
	li->caps = caps;
	li->digits_only = digits_only;
	li->links = links;
	li->timestamp = timestamp;
	li->template_ = template_;
	uint32_t m;
	last_mark(t, a, b, &m);
	if (m < b) {
		li->ends_period = s[m] == '.';
		li->ends_sentence = s[m] == '.' || s[m] == '!' || s[m] == '?' ||
			(s[m] == 0xE2 && m + 2 < b && s[m + 1] == 0x80 && s[m + 2] == 0xA6);
	}
	li->site_suffix = has_site_suffix(t, a, b);
}

/* --- cues ---------------------------------------------------------------- */

/* The length of a pictograph at s[0, n) (arrows, symbols, dingbats, box
 * drawing: U+2190-U+2BFF; emoji: U+1F000-U+1FAFF; U+FE0F), else 0. */
static size_t symbol_len(const unsigned char *s, size_t n)
{
	if (n >= 3 && s[0] == 0xE2 && s[1] >= 0x86 && s[1] <= 0xAF)
		return 3;
	if (n >= 4 && s[0] == 0xF0 && s[1] == 0x9F && s[2] >= 0x80 && s[2] <= 0xAB)
		return 4;
	if (n >= 3 && s[0] == 0xEF && s[1] == 0xB8 && s[2] == 0x8F)
		return 3;
	return 0;
}

/* The length of a list bullet and its space opening t[a, b) ("- ", "• ",
 * "* ", "» ", "→ "), else 0. */
static size_t bullet_len(const char *t, uint32_t a, uint32_t b)
{
	const unsigned char *s = (const unsigned char *)t + a;
	size_t n = b - a, k = 0;
	if (n >= 2 && (s[0] == '-' || s[0] == '*'))
		k = 1;
	else if (n >= 3 && s[0] == 0xC2 && s[1] == 0xBB)
		k = 2;                                     /* » */
	else if (n >= 4 && s[0] == 0xE2 && ((s[1] == 0x80 && s[2] == 0xA2) || s[1] == 0x86))
		k = 3;                                     /* • and the arrows */
	return k && k < n && s[k] == ' ' ? k + 1 : 0;
}

/* Whether t[a, b) opens with a list number: "1. ", "12) ". */
static bool numbered_entry(const char *t, uint32_t a, uint32_t b)
{
	uint32_t p = a;
	while (p < b && p < a + 3 && ctl_is_digit((unsigned char)t[p]))
		p++;
	return p > a && p + 1 < b && (t[p] == '.' || t[p] == ')') && t[p + 1] == ' ';
}

/* Whether t[a, b) opens, after a bullet, with a date and a dash: an entry
 * of a chronology ("• 14 May 2019 – Officers search ...", "October 2021 -
 * Trial opens ..."): a dash within the first six words, a digit before.
 * With `cd`, the words before the dash must also name a date: a year
 * (1000-2999) or a month's name among at most five words ("2013 –",
 * "March 2019 –", "Nov. 21, 2021 –"), not a score or a statistic
 * ("Possession: Harbury 54% – 46% Kelsfield"); a colon right after such a
 * date, within four words, serves as the dash ("6 Sept 2024: ..."). */
static bool dated_entry(const char *t, const struct ctl_clean_data *cd, uint32_t a, uint32_t b)
{
	const unsigned char *s = (const unsigned char *)t;
	uint32_t p = a + (uint32_t)bullet_len(t, a, b);
	bool digit = false, date = false;
	for (int words = 0; p < b && words < 6; words++) {
		while (p < b && s[p] == ' ')
			p++;
		uint32_t w = p;
		while (p < b && s[p] != ' ')
			digit |= ctl_is_digit(s[p++]);
		if ((p - w == 1 && s[w] == '-') ||
		    (p - w == 3 && s[w] == 0xE2 && s[w + 1] == 0x80 && (s[w + 2] == 0x93 || s[w + 2] == 0x94)))
			return digit && (!cd || (date && words <= 5)); /* - – — */
		if (!cd)
			continue;
		uint32_t e = p;
		while (e > w && (s[e - 1] == '.' || s[e - 1] == ','))
			e--;
		/* "6 Sept 2024: Company informs CERT-In": a colon after the
		 * date stands for the dash */
		bool colon = e > w && s[e - 1] == ':';
		e -= colon;
		if (e == w || memchr(t + w, ':', e - w) || memchr(t + w, '%', p - w))
			return false;
		if (e - w == 4 && (s[w] == '1' || s[w] == '2') && ctl_is_digit(s[w + 1]) &&
		    ctl_is_digit(s[w + 2]) && ctl_is_digit(s[w + 3]))
			date = true;
		else if (ctl_is_upper(s[w]) && ctl_lexicon_get(cd->months, t + w, e - w))
			date = true;
		if (colon)
			return digit && date && words <= 4;
	}
	return false;
}

/* Whether t[a, b) is a live page's day heading and nothing else: a
 * weekday's full name, a day of the month and a month's name in either
 * order, a year if any ("Monday 13 May", "Tuesday, July 15", "SUNDAY, 14
 * SEPTEMBER 2025"). The entries under it speak from that day; the time
 * expressions and events stages read it there. */
static bool day_heading(const char *t, const struct ctl_clean_data *cd, uint32_t a, uint32_t b)
{
	const unsigned char *s = (const unsigned char *)t;
	int weekday = 0, month = 0, day = 0, year = 0;
	for (uint32_t p = a; p < b;) {
		if (s[p] == ' ' || s[p] == ',' || s[p] == '.') {
			p++;
			continue;
		}
		uint32_t w = p;
		while (p < b && s[p] != ' ' && s[p] != ',' && s[p] != '.')
			p++;
		size_t n = p - w, digits = 0;
		while (digits < n && ctl_is_digit(s[w + digits]))
			digits++;
		const ctl_lex_entry *e;
		if (digits == n && n == 4)
			year++;
		else if (digits >= 1 && digits <= 2 && (n == digits || (n == digits + 2 &&
		         ctl_is_alpha(s[w + digits]) && ctl_is_alpha(s[w + digits + 1]))))
			day++;                                  /* "13", "13th" */
		else if (ctl_lexicon_get(cd->months, t + w, n))
			month++;
		else if ((e = ctl_lexicon_get(cd->weekdays, t + w, n)) && e->nfields < 3)
			weekday++;                              /* not "Tue", not "Mondays" */
		else
			return false;
	}
	return weekday == 1 && month == 1 && day == 1 && year <= 1;
}

/* The line without bullets and pictographs in front and ':' '.' '>' '»'
 * '…' behind, for whole-line cue matching ("• share", "Read also:", "🍪 We
 * value your privacy"). */
static void cue_span(const char *t, uint32_t *a, uint32_t *b)
{
	const unsigned char *s = (const unsigned char *)t;
	for (;;) {
		size_t k = *a < *b ? ctl_space_len(s + *a, *b - *a) : 0;
		if (!k && *a < *b)
			k = symbol_len(s + *a, *b - *a);
		if (k)
			*a += (uint32_t)k;
		else if (*a < *b && (s[*a] == '*' || s[*a] == '-' || s[*a] == '|' || s[*a] == '>'))
			(*a)++;
		else if (*a + 1 < *b && s[*a] == 0xC2 && s[*a + 1] == 0xB7)
			*a += 2;                                    /* · */
		else if (*a + 2 < *b && s[*a] == 0xE2 && s[*a + 1] == 0x80 &&
		         (s[*a + 2] == 0xA2 || s[*a + 2] == 0x93 || s[*a + 2] == 0x94))
			*a += 3;                                    /* • – — */
		else
			break;
	}
	for (;;) {
		size_t k = ctl_space_before(s, *a, *b);
		if (k)
			*b -= (uint32_t)k;
		else if (*b > *a && (s[*b - 1] == ':' || s[*b - 1] == '.' || s[*b - 1] == '>' ||
		                     s[*b - 1] == '|'))
			(*b)--;
		else if (*b >= *a + 2 && s[*b - 2] == 0xC2 && s[*b - 1] == 0xBB)
			*b -= 2;                                    /* » */
		else if (*b >= *a + 3 && s[*b - 3] == 0xE2 && s[*b - 2] == 0x80 && s[*b - 1] == 0xA6)
			*b -= 3;                                    /* … */
		else
			break;
	}
}

/* ASCII case-insensitive search of needle in hay[0..n). */
static bool contains_nocase(const char *hay, size_t n, const char *needle, size_t m)
{
	return ctl_find_str_nocase(hay, n, needle, m) < n;
}

static const cue *match_cue(const struct ctl_clean_data *cd, const char *t, uint32_t a, uint32_t b)
{
	const unsigned char *s = (const unsigned char *)t;
	const ctl_lex_entry *e;
	uint32_t x = a, y = b;
	cue_span(t, &x, &y);
	if (x < y && (e = ctl_lexicon_get(cd->cues, t + x, y - x))) {
		const cue *c = &cd->cueinfo[e - ctl_lexicon_at(cd->cues, 0)];
		if (c->match == CUE_LINE)
			return c;
	}
	/* prefixes: the line's first 1..max_words words */
	size_t maxw = ctl_lexicon_max_words(cd->cues);
	uint32_t p = x;
	for (size_t w = 0; w < maxw && p < b; w++) {
		p = ctl_skip_word(s, p, b);
		/* as written, then without a comma or full stop after the word
		 * ("We value your privacy. We ...", "By signing up, you ...") */
		if ((e = ctl_lexicon_get(cd->cues, t + x, p - x)) ||
		    (p - x > 1 && (t[p - 1] == ',' || t[p - 1] == '.') &&
		     (e = ctl_lexicon_get(cd->cues, t + x, p - x - 1)))) {
			const cue *c = &cd->cueinfo[e - ctl_lexicon_at(cd->cues, 0)];
			if (c->match == CUE_PREFIX)
				return c;
		}
		p = ctl_skip_space(s, p, b);
	}
	for (size_t i = 0; i < cd->ncontains; i++) {
		e = cd->contains[i];
		if (contains_nocase(t + a, b - a, e->key, e->keylen))
			return &cd->cueinfo[e - ctl_lexicon_at(cd->cues, 0)];
	}
	return NULL;
}

/* --- the passes ---------------------------------------------------------- */

static void set_bad(line_info *li, const char *reason, uint8_t scope)
{
	li->cls = C_BAD;
	li->reason = reason;
	li->scope = scope;
}

/* The page's main script, from its letters by script (measure). */
static enum script page_script(const size_t *count)
{
	enum script best = SC_LATIN;
	for (int sc = SC_LATIN; sc < SC_COUNT; sc++)
		if (count[sc] > count[best])
			best = (enum script)sc;
	return best;
}

/* The line's letters in script sc, counted as measure counts them: a line
 * keeps only its Latin ones (most pages' script), so another page script's
 * are counted again, on the lines that have letters beyond Latin. */
static uint32_t letters_in(const char *t, const line_info *li, enum script sc)
{
	if (sc == SC_LATIN)
		return li->latin;
	if (li->letters == li->latin)
		return 0;
	const unsigned char *s = (const unsigned char *)t;
	uint32_t n = 0;
	for (uint32_t p = li->a; p < li->b;) {
		if (s[p] < 0x80) {
			p++;
			continue;
		}
		size_t k = ctl_space_len(s + p, li->b - p);
		if (k) {
			p += (uint32_t)k;
			continue;
		}
		k = ctl_utf8_seq_len(s + p, li->b - p);
		if (!k)
			k = 1;
		n += k > 1 && script_of(ctl_utf8_decode(s + p, k)) == sc;
		p += (uint32_t)k;
	}
	return n;
}

/* "By Hiroko Tanaka and Paul Becker", "BY THE ASSOCIATED PRESS": "By" and a
 * few words, every one that is not a function word capitalised; not "By
 * 2030, the plan ..." */
static bool is_byline(const char *t, const line_info *li)
{
	return li->b - li->a > 3 && t[li->a] == 'B' && (t[li->a + 1] | 0x20) == 'y' &&
	       t[li->a + 2] == ' ' && li->words <= BYLINE_MAX_WORDS && !li->ends_sentence &&
	       li->content >= 1 && li->caps == li->content;
}

/* A byline's field before a bar ("By Kyle Brannigan | kb@example.com",
 * "By Ana Ruiz | 6 min read"): "By" and one to BYLINE_MAX_WORDS words,
 * each capitalised or "and". */
static bool byline_field(const char *t, uint32_t a, uint32_t b)
{
	const char *bar = memchr(t + a, '|', b - a);
	if (!bar || b - a < 4 || t[a] != 'B' || t[a + 1] != 'y' || t[a + 2] != ' ')
		return false;
	uint32_t e = (uint32_t)(bar - t);
	size_t words = 0;
	for (uint32_t i = a + 3; i < e;) {
		if (!ctl_is_alpha((unsigned char)t[i])) {
			if (t[i] != ' ' && t[i] != '.' && t[i] != ',' && t[i] != '-' && t[i] != '\'')
				return false;
			i++;
			continue;
		}
		uint32_t s = i;
		while (i < e && ctl_is_alpha((unsigned char)t[i]))
			i++;
		if (!ctl_is_upper((unsigned char)t[s]) && !ctl_eq_nocase(t + s, i - s, "and"))
			return false;
		words++;
	}
	return words >= 1 && words <= BYLINE_MAX_WORDS;
}

/* The longest segment a menu row's entries have, in words. */
#define MENU_ROW_MAX_WORDS 4

/* Whether byte i of t[a, b) separates a menu's entries: '|', or '>', '/',
 * '»' or '›' between spaces (a breadcrumb, "World News > Americas", "Home /
 * Security / Data breaches"); returns its length, else 0. */
static size_t menu_sep(const unsigned char *s, uint32_t i, uint32_t a, uint32_t b)
{
	if (s[i] == '|')
		return 1;
	size_t k = s[i] == '>' || s[i] == '/' ? 1 : (i + 1 < b && s[i] == 0xC2 && s[i + 1] == 0xBB) ? 2 :
		(i + 2 < b && s[i] == 0xE2 && s[i + 1] == 0x80 && s[i + 2] == 0xBA) ? 3 : 0;
	if (k && i > a && s[i - 1] == ' ' && i + k < b && s[i + k] == ' ')
		return k;
	return 0;
}

/* A row of a menu or a breadcrumb: entries of a few words each, between
 * separators ("Home | World | Business", "Business > Deals & M&A",
 * "News | Conflict", "Home / Security"); a headline with its site's name after a bar ("Court
 * voids data deal with private firm | Agency") has a long entry. */
static bool menu_row(const char *t, uint32_t a, uint32_t b)
{
	const unsigned char *s = (const unsigned char *)t;
	if (!memchr(t + a, '|', b - a) && !memchr(t + a, '>', b - a) && !memchr(t + a, 0xBB, b - a) &&
	    !memchr(t + a, 0xBA, b - a) && !memchr(t + a, '/', b - a))
		return false;
	size_t seps = 0, words = 0, most = 0;
	bool in_word = false;
	for (uint32_t i = a; i < b;) {
		size_t k = menu_sep(s, i, a, b);
		if (k) {
			seps++;
			most = words > most ? words : most;
			words = 0;
			in_word = false;
			i += (uint32_t)k;
			continue;
		}
		bool w = !ctl_is_space(s[i]);
		words += w && !in_word;
		in_word = w;
		i++;
	}
	most = words > most ? words : most;
	return seps && most <= MENU_ROW_MAX_WORDS;
}

static bool same_nocase(const char *a, const char *b, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (ctl_to_lower((unsigned char)a[k]) != ctl_to_lower((unsigned char)b[k]))
			return false;
	return true;
}

/* A photo caption ending with its credit in brackets: "Delegates arrive
 * for talks in Doha on Monday [Jane Doe/Agency]" (a name, a slash, an
 * agency: a few words). */
static bool bracket_credit(const char *t, uint32_t a, uint32_t b)
{
	if (b - a < 8 || t[b - 1] != ']')
		return false;
	if (t[a] == '[')
		return true; /* a whole line in brackets: "[Delegates arrive ... PHOTO BY X]" */
	const char *open = NULL;
	for (const char *p = t + b - 2; p > t + a && t + b - p <= 64; p--)
		if (*p == '[') {
			open = p;
			break;
		}
	if (!open || open == t + a || !memchr(open, '/', (size_t)(t + b - open)))
		return false;
	size_t words = 1;
	for (const char *p = open; p < t + b; p++)
		words += *p == ' ';
	return words <= 6;
}

/* A photo caption ending with its credit after its sentence: "... in San
 * Jose in September. Photo: Jordan Reyes for ByteWire", "... on Tuesday.
 * Picture: Reader submission / @Spotter": "Photo:", "Picture:",
 * "Photograph:", "Image:" or "Credit:" after a sentence's end, then a few
 * words without one. */
static bool trailing_credit(const char *t, uint32_t a, uint32_t b)
{
	static const char *const cues[] = { "Photo: ", "Photos: ", "Picture: ", "Photograph: ",
		"Image: ", "Credit: ", NULL };
	uint32_t lo = b - a > 96 ? b - 96 : a;
	for (uint32_t p = lo; p + 2 < b; p++) {
		if (!(t[p] == ' ' && (t[p - 1] == '.' || t[p - 1] == '"' || t[p - 1] == ')') && p > a + 8))
			continue;
		for (size_t k = 0; cues[k]; k++) {
			size_t n = strlen(cues[k]);
			if (p + 1 + n > b || memcmp(t + p + 1, cues[k], n))
				continue;
			size_t words = 1;
			for (uint32_t q = p + 1 + (uint32_t)n; q < b; q++) {
				words += t[q] == ' ';
				if (t[q] == '.' && q + 1 < b && t[q + 1] == ' ')
					return false; /* a sentence after it: not a credit */
			}
			return words <= 10;
		}
	}
	return false;
}

/* "Copyright 2024 The Agency. All Rights Reserved.", "Copyright (c)
 * ...", "Copyright © ...", "... (c) 2025 Media, Inc. All rights reserved.":
 * a copyright notice, not text about copyright. */
static bool copyright_line(const char *t, uint32_t a, uint32_t b)
{
	if (b - a < 14)
		return false;
	if (ctl_eq_nocase(t + a, 10, "copyright ")) {
		const unsigned char *q = (const unsigned char *)t + a + 10;
		return ctl_is_digit(q[0]) || q[0] == '(' || (q[0] == 0xC2 && q[1] == 0xA9);
	}
	/* "(c) 2025" or "All rights reserved" in a short line */
	if (b - a > 200)
		return false;
	for (uint32_t p = a; p + 5 <= b; p++)
		if ((t[p] == '(' && (t[p + 1] | 0x20) == 'c' && t[p + 2] == ')' && t[p + 3] == ' ' &&
		     ctl_is_digit((unsigned char)t[p + 4])) ||
		    (p + 19 <= b && ctl_eq_nocase(t + p, 19, "all rights reserved")))
			return true;
	return false;
}

/* Whether t[a, b) is a year alone (1900-2099), a colon after it or not. */
static bool year_alone(const char *t, uint32_t a, uint32_t b)
{
	if (b > a && t[b - 1] == ':')
		b--;
	return b - a == 4 && (t[a] == '1' ? t[a + 1] == '9' : t[a] == '2' && t[a + 1] == '0') &&
	       ctl_is_digit((unsigned char)t[a + 2]) && ctl_is_digit((unsigned char)t[a + 3]);
}

/* Rules that drop a line whatever its neighbours (step 1 of the header). */
static void hard_rules(const char *t, const struct ctl_clean_data *cd, enum script main,
		line_info *li)
{
	const cue *c;
	if (li->template_) {
		/* unrendered client-side templates ({{item.x}}, {% if %}) */
		set_bad(li, "template", SCOPE_BLOCK);
	} else if (!li->words) {
		/* "7", "13": the numbers of a numbered "most read" list; "^", "•";
		 * not a year alone, a chronology's heading ("2024" over "Jan. 5 —
		 * JAXA sets a launch window"): the lines around it decide */
		if (li->digits_only && !year_alone(t, li->a, li->b))
			set_bad(li, "list-number", SCOPE_BLOCK);
		else if (!li->digits_only)
			set_bad(li, "symbols", SCOPE_INLINE);
	} else if (letters_in(t, li, main) * 2 < li->letters) {
		/* interface strings of another language version of the site */
		set_bad(li, "other-script", SCOPE_BLOCK);
	} else if ((c = match_cue(cd, t, li->a, li->b))) {
		set_bad(li, c->reason, c->scope);
	} else if (byline_field(t, li->a, li->b)) {
		set_bad(li, "byline", SCOPE_INLINE);
	} else if (!li->ends_period && menu_row(t, li->a, li->b)) {
		set_bad(li, "menu", SCOPE_INLINE);
	} else if (li->links * 2 >= li->words) {
		/* jusText drops paragraphs of high link density; in plain text the
		 * links that survive are bare URLs */
		set_bad(li, "link", SCOPE_INLINE);
	} else if (li->timestamp && li->words <= TIMESTAMP_MAX_WORDS && !li->ends_period) {
		/* "January 24, 11:33 UTC+3", "Published 14:04 IST, ...": the date
		 * stage reads these from every line, the text need not keep them */
		set_bad(li, "timestamp", SCOPE_INLINE);
	} else if (li->site_suffix || bracket_credit(t, li->a, li->b) || trailing_credit(t, li->a, li->b)) {
		set_bad(li, "caption", SCOPE_INLINE);
	} else if (copyright_line(t, li->a, li->b)) {
		set_bad(li, "credit", SCOPE_INLINE);
	} else if (is_byline(t, li)) {
		set_bad(li, "byline", SCOPE_INLINE);
	}
}

/* jusText's context-free classes, counted in words (step 2). */
static uint8_t soft_class(const line_info *li)
{
	uint32_t w = li->words, pct = w ? li->stop * 100 / w : 0;
	if ((li->ends_sentence && w >= GOOD_MIN_WORDS && pct >= GOOD_MIN_STOP_PCT) ||
	    (w >= GOOD_LONG_WORDS && pct >= GOOD_LONG_STOP_PCT))
		return C_GOOD;
	if ((w >= NEAR_MIN_WORDS && pct >= NEAR_MIN_STOP_PCT) ||
	    (li->ends_sentence && w >= SENTENCE_MIN_WORDS && li->stop))
		return C_NEAR;
	return C_SHORT;
}

/* A headline in Title Case: nearly every word that is not a function word
 * is capitalised ("Senators Draft Bill to Block Funding for ..."), and
 * it does not end like a sentence. */
static bool title_case(const line_info *li)
{
	return !li->ends_sentence && li->words >= HEADLINE_MIN_WORDS && li->content >= 3 &&
	       li->caps * 100 >= li->content * HEADLINE_CAPS_PCT;
}

static bool title_shaped(const line_info *li)
{
	return li->cls != C_BAD && li->cls != C_BLANK && !li->ends_period &&
	       li->words >= TITLE_MIN_WORDS && li->words <= TITLE_MAX_WORDS;
}

static bool in_run(const line_info *l)
{
	return l->cls != C_BLANK && l->cls != C_GOOD;
}

/* Whether a headline may end at line i: the end, a blank line, a good
 * paragraph, or the line of its author or date ("By Anna Weber", "August
 * 18, 2011", "Updated March 25, 2008, 8:22 a.m. ET", "2024-02-20")
 * follows it. */
static bool title_ends(const line_info *li, size_t n, size_t i)
{
	if (i + 1 == n || li[i + 1].cls == C_BLANK || li[i + 1].cls == C_GOOD)
		return true;
	const line_info *x = &li[i + 1];
	if (x->cls == C_BAD && x->reason && !strcmp(x->reason, "byline"))
		return true;
	if (x->timestamp || (x->digits_only && x->words <= 4))
		return true;
	/* ... or its standfirst, a summary twice its length or more with a
	 * blank line after it ("Eileen Carrow obituary" over "Labour MP for
	 * Bradford Moorside who championed pensioners' rights and later sat
	 * in the House of Lords"); not the next entry of a list of headlines */
	return x->words >= STANDFIRST_MIN_WORDS && x->words >= 2 * li[i].words &&
	       (i + 2 == n || li[i + 2].cls == C_BLANK);
}

/* Where a headline's site name after a bar begins ("Court voids data
 * deal | Agency": at " | "), if the name is a few capitalised words and
 * the headline before it is longer; else b. */
uint32_t ctl_clean_title_end(const char *t, uint32_t a, uint32_t b)
{
	const char *bar = NULL;
	for (const char *p = t + a; (p = memchr(p, '|', (size_t)(t + b - p))); p++)
		bar = p;
	if (!bar || bar == t + a || bar[-1] != ' ' || bar + 2 >= t + b || bar[1] != ' ' ||
	    !ctl_is_upper((unsigned char)bar[2]))
		return b;
	size_t words = 0, before = 0;
	for (const char *p = bar + 1; p < t + b; p++)
		words += *p != ' ' && p[-1] == ' ';
	for (const char *p = t + a + 1; p < bar; p++)
		before += *p != ' ' && p[-1] == ' ';
	if (words > 3 || before + 1 < 3 * words || memchr(t + a, '|', (size_t)(bar - t - a)))
		return b;
	return (uint32_t)(bar - 1 - t);
}

#define LABEL_MAX_WORDS 3
#define SITE_NAME_MAX_WORDS 5

/* Whether the next non-blank line after line i is a menu row. */
static bool menu_follows(const line_info *li, size_t n, size_t i)
{
	size_t j = i + 1;
	while (j < n && li[j].cls == C_BLANK)
		j++;
	return j < n && li[j].cls == C_BAD && li[j].reason && !strcmp(li[j].reason, "menu");
}

static bool has_lower(const char *t, uint32_t a, uint32_t b)
{
	for (uint32_t i = a; i < b; i++)
		if (ctl_is_lower((unsigned char)t[i]))
			return true;
	return false;
}

#define NAV_LINES 64 /* the page's top, where its menus are */

/* Whether line i repeats an entry of a menu row above it: a section's
 * name ("The Long Read" under "Politics | Culture | The Long Read"), not
 * the article's headline. */
static bool nav_entry(const char *t, const line_info *li, size_t i)
{
	const unsigned char *s = (const unsigned char *)t;
	size_t len = li[i].b - li[i].a;
	if (i >= NAV_LINES)
		return false;
	for (size_t j = 0; j < i; j++) {
		if (li[j].cls != C_BAD || strcmp(li[j].reason, "menu"))
			continue;
		for (uint32_t p = li[j].a, q; p < li[j].b; p = q) {
			uint32_t x = p;
			q = p;
			while (q < li[j].b && !menu_sep(s, q, li[j].a, li[j].b))
				q++;
			uint32_t y = q;
			while (x < y && ctl_is_space(s[x]))
				x++;
			while (y > x && ctl_is_space(s[y - 1]))
				y--;
			if (y - x == len && same_nocase(t + x, t + li[i].a, len))
				return true;
			if (q < li[j].b)
				q += (uint32_t)menu_sep(s, q, li[j].a, li[j].b);
		}
	}
	return false;
}

/* A line of headline length after a blank line that asks a question. */
static bool question_headline(const char *t, const line_info *li, size_t i)
{
	uint32_t e = ctl_trim_end((const unsigned char *)t, li[i].a, li[i].b);
	return e > li[i].a && t[e - 1] == '?' && li[i].words <= TITLE_MAX_WORDS &&
	       (i == 0 || li[i - 1].cls == C_BLANK);
}

/* The headline (step 3): the first title-shaped line before the first good
 * paragraph that stands alone, i.e. opens the page or follows a blank line,
 * and ends there (title_ends); failing that, the page's first non-blank
 * line if it is title-shaped and not in a menu (a run of MENU_RUN_LINES
 * lines or more); failing that, the first line of UNDER_MENU_MIN_WORDS
 * words or more in the page's first block (within UNDER_MENU_LINES) if it
 * ends there, opens like a headline and only furniture, menu entries or
 * menu rows stand above it ("Skip to content", "Home | World", "Subscribe
 * now" right above the headline). A long headline is a good line: one that
 * does not end like a sentence counts as before the first good paragraph.
 * Chosen by position and shape, never by content. Returns n if there is
 * none. */
static size_t pick_title(const char *t, const line_info *li, size_t n, size_t body,
		const uint32_t *run)
{
	/* a long headline is a good line: one that does not end like a
	 * sentence, or asks a question ("Strike vote: will schools close?"),
	 * counts as before the first good paragraph */
	if (body < n && (!li[body].ends_sentence || question_headline(t, li, body)))
		body++;
	size_t first = n, label = n;
	for (size_t i = 0; i < body; i++) {
		if (first == n && li[i].cls != C_BLANK)
			first = i;
		if (!title_shaped(&li[i]) || nav_entry(t, li, i))
			continue;
		/* after a blank line, or after a label of a word or two that
		 * follows one ("LIVE", "EXCLUSIVE", "Analysis") */
		bool before = i == 0 || li[i - 1].cls == C_BLANK ||
			(li[i - 1].cls == C_SHORT && li[i - 1].words <= 2 &&
			 (i == 1 || li[i - 2].cls == C_BLANK));
		if (!before || !title_ends(li, n, i))
			continue;
		/* a section's label in capitals ("THE LONG READ"), or the site's
		 * name over its menu ("The Daily Courier" above "News | Local |
		 * ..."), gives way to a headline after it */
		if ((li[i].words <= LABEL_MAX_WORDS && !has_lower(t, li[i].a, li[i].b)) ||
		    (i == first && li[i].words <= SITE_NAME_MAX_WORDS && menu_follows(li, n, i))) {
			label = label < n ? label : i;
			continue;
		}
		return i;
	}
	if (label < n)
		return label;
	if (first < n && title_shaped(&li[first]) && run[first] < MENU_RUN_LINES)
		return first;
	for (size_t i = first; i < body && i < first + UNDER_MENU_LINES && li[i].cls != C_BLANK; i++) {
		const char *s = t + li[i].a;
		size_t len = li[i].b - li[i].a;
		if (!title_shaped(&li[i]) || li[i].words < UNDER_MENU_MIN_WORDS || memchr(s, '|', len))
			continue; /* furniture, a menu's entry or row ("Home | World") */
		if (i > first && title_ends(li, n, i) && !ctl_is_lower((unsigned char)s[0]) &&
		    s[len - 1] != ',')
			return i;
		break; /* a longer line above: a list of headlines, not a menu */
	}
	return n;
}

enum anchor { A_BAD, A_GOOD };

/* The anchor a line sees: good lines, block furniture and the title; blank,
 * short, near-good and inline-furniture lines are looked through. */
static bool is_anchor(const line_info *li, enum anchor *a)
{
	if (li->cls == C_GOOD) {
		*a = A_GOOD;
		return true;
	}
	if (li->cls == C_TITLE || (li->cls == C_BAD && li->scope == SCOPE_BLOCK)) {
		*a = A_BAD;
		return true;
	}
	return false;
}

/* Why a line the context pass drops goes: a numbered list item, a line in
 * a run of furniture (a menu before the article, a sidebar after it), or a
 * stray short or near-good line. `run` is the length of the run of
 * non-blank lines without a good one that holds line i. */
static const char *context_reason(const line_info *li, size_t i, size_t run, size_t body)
{
	size_t j = i;
	while (j > 0 && li[j - 1].cls == C_BLANK)
		j--;
	if (j > 0 && li[j - 1].cls == C_BAD && !strcmp(li[j - 1].reason, "list-number"))
		return "list-item";
	if (run >= MENU_RUN_LINES)
		return i < body ? "menu" : "sidebar";
	return li[i].cls == C_SHORT ? "short" : "outside-body";
}


/* How many authors' names a page's bylines give that author_bios looks for */
#define MAX_AUTHORS 4

/* Drops, in the second half of the page, a line that opens with the full
 * name (two words or more) of an author a byline named, followed by a word
 * in lower case ("Danielle Ferrier covers national affairs ..."). */
static void author_bios(const char *t, line_info *li, size_t n)
{
	uint32_t na = 0, name_a[MAX_AUTHORS], name_n[MAX_AUTHORS];
	for (size_t i = 0; i < n && na < MAX_AUTHORS; i++) {
		if (li[i].cls != C_BAD || !li[i].reason || strcmp(li[i].reason, "byline"))
			continue;
		uint32_t p = li[i].a + 3, b = li[i].b; /* after "By " */
		while (p < b && na < MAX_AUTHORS) {
			uint32_t s = p, words = 1;
			while (p < b && t[p] != ',' && !(t[p] == ' ' && p + 4 < b && !memcmp(t + p, " and ", 5))) {
				words += t[p] == ' ';
				p++;
			}
			if (words >= 2 && p - s >= 5) {
				name_a[na] = s;
				name_n[na++] = p - s;
			}
			if (p < b && t[p] == ',')
				break; /* "By Name, Role": the rest is the role */
			p += p < b ? 5 : 0;
		}
	}
	for (size_t i = n / 2; na && i < n; i++) {
		line_info *l = &li[i];
		if (l->cls == C_BAD || l->cls == C_BLANK)
			continue;
		for (uint32_t k = 0; k < na; k++) {
			uint32_t e = l->a + name_n[k];
			if (e + 2 < l->b && !memcmp(t + l->a, t + name_a[k], name_n[k]) && t[e] == ' ' &&
			    ctl_is_lower((unsigned char)t[e + 1])) {
				set_bad(l, "byline", SCOPE_INLINE);
				break;
			}
		}
	}
}

int ctl_clean(ctl_document *doc, const ctl_resources *res, ctl_error *err)
{
	ctl_stop_memo *memo = ctl_stop_memo_new();
	int rc = ctl_clean_memo(doc, res, memo, err);
	ctl_stop_memo_free(memo);
	return rc;
}

int ctl_clean_memo(ctl_document *doc, const ctl_resources *res, ctl_stop_memo *memo,
		ctl_error *err)
{
	(void)err;
	const struct ctl_clean_data *cd = res->clean;
	if (memo->res != res->id) {
		memset(memo->len, 0, sizeof(memo->len));
		memo->res = res->id;
	}
	const char *t = doc->text;
	size_t n = doc->nlines;
	free(doc->title);
	doc->title = NULL;
	free(doc->site);
	doc->site = NULL;
	if (!n)
		return 0;
	line_info *li = ctl_xcalloc(n, sizeof(*li));
	size_t page[SC_COUNT] = { 0 };

	/* steps 1 and 2: features, the page's script, hard rules,
	 * context-free classes */
	for (size_t i = 0; i < n; i++) {
		line_info *l = &li[i];
		l->a = doc->lines[i].start;
		l->b = doc->lines[i].end;
		l->a = ctl_skip_space((const unsigned char *)t, l->a, l->b);
		l->b = ctl_trim_end((const unsigned char *)t, l->a, l->b);
		if (l->a == l->b)
			l->cls = C_BLANK;
		else
			measure(t, cd, memo, l, page);
	}
	enum script main = page_script(page);
	for (size_t i = 0; i < n; i++) {
		line_info *l = &li[i];
		if (l->a == l->b)
			continue;
		hard_rules(t, cd, main, l);
		if (l->cls != C_BAD)
			l->cls = soft_class(l);
	}
	/* a caption's first sentences, on the lines above it when a hard-wrapped
	 * page's break after them may lie inside its paragraph ("The committee
	 * approved a bill Thursday ... agencies." / "Critics fear ... - Agency") */
	for (size_t i = n; i-- > 1;) {
		if (li[i].cls != C_BAD || !li[i].reason || strcmp(li[i].reason, "caption"))
			continue;
		for (size_t j = i; j > 0 && doc->lines[j - 1].soft && li[j - 1].cls != C_BLANK &&
		                   li[j - 1].cls != C_BAD; j--)
			set_bad(&li[j - 1], "caption", SCOPE_INLINE);
	}
	/* a line between two lines of a consent banner is the banner's */
	for (size_t i = 1; i + 1 < n; i++) {
		line_info *l = &li[i];
		if (l->cls == C_BAD || l->cls == C_BLANK)
			continue;
		size_t p = i, q = i + 1;
		while (p > 0 && li[p - 1].cls == C_BLANK)
			p--;
		while (q < n && li[q].cls == C_BLANK)
			q++;
		if (p > 0 && q < n && li[p - 1].cls == C_BAD && li[q].cls == C_BAD &&
		    li[p - 1].reason && li[q].reason && !strcmp(li[p - 1].reason, "consent") &&
		    !strcmp(li[q].reason, "consent"))
			set_bad(l, "consent", SCOPE_INLINE);
	}

	/* the author's biography after the article, opening with the name
	 * its byline gave ("By Danielle Ferrier, National Affairs Reporter"
	 * ... "Danielle Ferrier covers national affairs ... She previously
	 * reported for the Regina Tribune.") */
	author_bios(t, li, n);
	/* a newsletter box: the short lines, up to BOX_LINES, above a sign-up
	 * line in its block of lines (no blank line between) ("HEALTH BRIEFING"
	 * / "The week's most important stories ..., every Friday." / "[Your
	 * email address] [Sign me up]" / "By signing up you agree ...") */
	for (size_t i = 0, lo = 0; i <= n; i++) {
		if (i < n && li[i].cls != C_BLANK)
			continue;
		size_t last = lo; /* the lines above the block's last sign-up line */
		for (size_t j = lo; j < i; j++)
			if (li[j].cls == C_BAD && li[j].reason && !strcmp(li[j].reason, "subscribe"))
				last = j;
		for (size_t j = last > lo + BOX_LINES ? last - BOX_LINES : lo; j < last; j++)
			if (li[j].cls == C_SHORT || li[j].cls == C_NEAR)
				set_bad(&li[j], "subscribe", SCOPE_INLINE);
		lo = i + 1;
	}
	/* run[i]: the length of the run of non-blank lines without a good one
	 * that holds line i (the later rules do not change what is in a run) */
	uint32_t *run = ctl_xcalloc(n, sizeof(*run));
	for (size_t i = 0, lo = 0; i < n; i++) {
		if (!in_run(&li[i]))
			lo = i + 1;
		else
			run[i] = i - lo + 1;      /* position in its run, for now */
	}
	for (size_t i = n; i-- > 0;)
		if (in_run(&li[i]))
			run[i] = i + 1 < n && in_run(&li[i + 1]) ? run[i + 1] : run[i];

	/* step 3: the headline, then the rules that must not catch it */
	size_t body = 0;
	while (body < n && li[body].cls != C_GOOD)
		body++;
	size_t title = pick_title(t, li, n, body, run);
	if (title < n)
		li[title].cls = C_TITLE;
	/* the site's name: the page's first line, of a few words, above its
	 * menu ("ByteWire" over "Tech | Security | ...", "NORDIC PULSE" over
	 * a tagline and the menu) */
	for (size_t i = 0; i < n && i != title; i++) {
		if (li[i].cls == C_BLANK)
			continue;
		bool menu = false;
		for (size_t j = i, k = 0; !menu && j < n && k < 3 && j != title; j++) {
			if (li[j].cls == C_BLANK)
				continue;
			menu = j > i && li[j].cls == C_BAD && li[j].reason && !strcmp(li[j].reason, "menu");
			k++;
		}
		if (menu && li[i].words <= SITE_NAME_MAX_WORDS && !ctl_is_lower((unsigned char)t[li[i].a]))
			doc->site = ctl_xstrndup_squeezed(t + li[i].a, li[i].b - li[i].a);
		break;
	}
	for (size_t i = 0; i < n; i++) {
		line_info *l = &li[i];
		if (l->cls == C_SHORT || l->cls == C_NEAR) {
			/* not a chronology's entry ("• October 2021 – Trial opens
			 * at the Bucharest Tribunal") */
			if (title_case(l) && !dated_entry(t, NULL, l->a, l->b))
				set_bad(l, "related-headline", SCOPE_INLINE);
		}
		if (l->cls == C_BAD && l->scope == SCOPE_NEXT) {
			/* "Read also" + the teaser's headline: the teaser is a headline,
			 * not a sentence of the article; and the list's other
			 * entries, each opening with the same bullet */
			size_t j = i + 1;
			while (j < n && li[j].cls == C_BLANK)
				j++;
			if (j < n && li[j].cls != C_BAD && li[j].cls != C_TITLE && !li[j].ends_sentence) {
				set_bad(&li[j], "after-read-also", SCOPE_INLINE);
				size_t bl = bullet_len(t, li[j].a, li[j].b);
				for (size_t k = j + 1; bl && k < n && li[k].cls != C_BLANK && li[k].cls != C_TITLE &&
				                       !li[k].ends_sentence && li[k].b - li[k].a > bl &&
				                       !memcmp(t + li[k].a, t + li[j].a, bl); k++)
					set_bad(&li[k], "after-read-also", SCOPE_INLINE);
			}
		}
		if (l->cls == C_BAD && l->reason && !strcmp(l->reason, "list-heading")) {
			/* "MOST POPULAR" + "1. Review: ...", "2. The best ...": the
			 * list's numbered entries */
			size_t j = i + 1;
			while (j < n && li[j].cls == C_BLANK)
				j++;
			for (; j < n && li[j].cls != C_BLANK && li[j].cls != C_TITLE &&
			       numbered_entry(t, li[j].a, li[j].b); j++)
				set_bad(&li[j], "list-item", SCOPE_INLINE);
		}
		if (l->cls == C_BAD && l->scope == SCOPE_PARA) {
			/* "About the author" + the paragraph under it */
			size_t j = i + 1;
			while (j < n && li[j].cls == C_BLANK)
				j++;
			for (; j < n && li[j].cls != C_BLANK; j++)
				if (li[j].cls != C_TITLE)
					set_bad(&li[j], l->reason, SCOPE_BLOCK);
		}
	}

	/* a chronology: two lines or more in a row, each opening with a date
	 * and a dash ("March 2019 – Raises £60m in a round led by ...",
	 * "21 September 2021 – Postpones IPO"); short as they are, its entries
	 * are the article's, even under a heading of their own */
	bool *entry = ctl_xcalloc(n + 2, sizeof(bool)), *chrono = ctl_xcalloc(n, sizeof(bool));
	for (size_t i = 0; i < n; i++)
		entry[i + 1] = (li[i].cls == C_SHORT || li[i].cls == C_NEAR || li[i].cls == C_GOOD) &&
		               dated_entry(t, cd, li[i].a, li[i].b);
	for (size_t i = 0; i < n; i++)
		chrono[i] = entry[i + 1] && (entry[i] || entry[i + 2]);
	free(entry);
	/* step 4: context. prev[i]/next[i] are the anchors around line i. */
	uint8_t *prev = ctl_xmalloc(n), *next = ctl_xmalloc(n);
	enum anchor cur = A_BAD, a;
	for (size_t i = 0; i < n; i++) {
		prev[i] = (uint8_t)cur;
		if (is_anchor(&li[i], &a))
			cur = a;
	}
	cur = A_BAD;
	for (size_t i = n; i-- > 0;) {
		next[i] = (uint8_t)cur;
		if (is_anchor(&li[i], &a))
			cur = a;
	}
	for (size_t i = 0; i < n; i++) {
		line_info *l = &li[i];
		ctl_line *dl = &doc->lines[i];
		dl->reason = NULL;
		dl->chrono = chrono[i];
		switch (l->cls) {
		case C_BLANK:
			dl->kind = CTL_LINE_BLANK;
			break;
		case C_TITLE:
			dl->kind = CTL_LINE_TITLE;
			doc->title = ctl_xstrndup_squeezed(t + l->a, ctl_clean_title_end(t, l->a, l->b) - l->a);
			break;
		case C_GOOD:
			dl->kind = CTL_LINE_BODY;
			break;
		case C_NEAR:
			if (chrono[i]) {
				dl->kind = CTL_LINE_BODY;
				break;
			}
			/* with no good paragraph at all (a brief of two sentences
			 * full of names), the near-good sentences are the article */
			if (prev[i] == A_BAD && next[i] == A_BAD && !(body == n && l->ends_sentence)) {
				dl->kind = CTL_LINE_FURNITURE;
				dl->reason = context_reason(li, i, run[i], body);
			} else {
				dl->kind = CTL_LINE_BODY;
			}
			break;
		case C_SHORT:
			/* a run of short lines is a menu or a link list even inside
			 * the article: boilerpipe's word-count rules judge a short
			 * block by its short neighbours too (Kohlschütter et al.,
			 * "Boilerplate Detection using Shallow Text Features",
			 * WSDM 2010) */
			if (chrono[i] || (prev[i] == A_GOOD && next[i] == A_GOOD && run[i] < MENU_RUN_LINES) ||
			    day_heading(t, cd, l->a, l->b)) {
				dl->kind = CTL_LINE_BODY;
			} else {
				dl->kind = CTL_LINE_FURNITURE;
				dl->reason = context_reason(li, i, run[i], body);
			}
			break;
		default:
			dl->kind = CTL_LINE_FURNITURE;
			dl->reason = l->reason;
			break;
		}
	}
	free(run);
	free(prev);
	free(next);
	free(chrono);
	free(li);
	return 0;
}
