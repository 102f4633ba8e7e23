/*
 * The time tagger's knowledge: the data/time/ lexicons loaded into one hash table
 * of words and multi-token keys (see data/time/README.md), and the
 * tokenizer that looks every word up as it makes it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lexicon.h"
#include "resources.h"
#include "timex_internal.h"

#define KEY_MAX 128      /* longest key, in bytes, after normalisation */
#define KEY_TOKENS 16    /* longest key, in tokens */

/* ---- the table ---------------------------------------------------------- */

/*
 * A key of up to eight bytes is compared as one word w (ctl_pack8_nocase),
 * a longer one byte by byte. The hash of a key: of w, or of its first and
 * last eight bytes with 0x20 set in every byte (which lower-cases ASCII
 * letters and leaves the digits, spaces, apostrophes, dots and hyphens of
 * keys as they are); with its length, mixed by multiplication. Constant
 * time per word: the tokenizer hashes every word it makes.
 */
static inline uint32_t key_hash(const char *s, size_t n, uint64_t w)
{
	if (n <= 8)
		return (uint32_t)(ctl_hash_word8(w, n) >> 32);
	uint64_t a, b;
	memcpy(&a, s, 8);
	memcpy(&b, s + n - 8, 8);
	a |= 0x2020202020202020ull;
	b |= 0x2020202020202020ull;
	uint64_t h = (a ^ (uint64_t)n) * 0x9E3779B97F4A7C15ull;
	h ^= (b + (h >> 29)) * 0xC2B2AE3D27D4EB4Full;
	return (uint32_t)(h >> 32);
}

/* The filter bit of a key of n >= 1 bytes whose ctl_pack8_nocase word is w:
 * for up to eight bytes, from the same multiplication as its hash (so a
 * word that passes the filter is hashed already); for longer ones, from
 * its length and its first two and last bytes. */
static inline uint32_t filter_bit(const char *s, size_t n, uint64_t w)
{
	if (n <= 8)
		return (uint32_t)(ctl_hash_word8(w, n) >> 48);
	uint32_t c0 = (unsigned char)s[0] | 0x20, c1 = (unsigned char)s[1] | 0x20;
	uint32_t cl = (unsigned char)s[n - 1] | 0x20;
	return ((((uint32_t)n * 131u + c0) * 131u + c1) * 131u + cl) & 0xFFFFu;
}

static inline bool key_equal(const struct ctl_timex_data *d, const tx_slot *s, const char *key,
		size_t len, uint64_t w)
{
	if (s->len != len)
		return false;
	if (len <= 8)
		return s->word == w;
	const char *k = d->pool + d->keyoff[s->idx - 1];
	for (size_t i = 0; i < len; i++)
		if (ctl_to_lower((unsigned char)key[i]) != (unsigned char)k[i])
			return false;
	return true;
}

/* The slot of key[0..len) with its word w and hash h, or NULL. */
static inline const tx_slot *probe_slot(const struct ctl_timex_data *d, const char *key, size_t len,
		uint64_t w, uint32_t h)
{
	size_t mask = d->nslots - 1;
	for (size_t i = h & mask;; i = (i + 1) & mask) {
		const tx_slot *s = &d->slots[i];
		if (!s->idx)
			return NULL;
		if (s->hash == h && key_equal(d, s, key, len, w))
			return s;
	}
}

/* The slot of key[0..len), or NULL. */
static const tx_slot *find_slot(const struct ctl_timex_data *d, const char *key, size_t len)
{
	uint64_t w = ctl_pack8_nocase(key, len);
	return probe_slot(d, key, len, w, key_hash(key, len, w));
}

const tx_slot *tx_lookup(const struct ctl_timex_data *d, const char *key, size_t len)
{
	return len ? find_slot(d, key, len) : NULL;
}

/* The entry for a normalised key, created empty if missing (NULL when the
 * table is full, which the sizing in ctl_timex_data_load rules out). */
static tx_word *table_entry(struct ctl_timex_data *d, const char *key, size_t len)
{
	uint64_t w = ctl_pack8_nocase(key, len);
	uint32_t h = key_hash(key, len, w);
	size_t mask = d->nslots - 1;
	size_t i = h & mask;
	for (;; i = (i + 1) & mask) {
		tx_slot *s = &d->slots[i];
		if (!s->idx)
			break;
		if (s->hash == h && key_equal(d, s, key, len, w))
			return &d->words[s->idx - 1];
	}
	if (d->nkeys >= d->maxkeys || d->nkeys >= 65535 || len > 255)
		return NULL;
	if (d->poollen + len + 1 > d->poolcap) {
		d->poolcap = (d->poollen + len + 1) * 2;
		d->pool = ctl_xrealloc(d->pool, d->poolcap);
	}
	d->keyoff[d->nkeys] = (uint32_t)d->poollen;
	for (size_t k = 0; k < len; k++)
		d->pool[d->poollen++] = (char)ctl_to_lower((unsigned char)key[k]);
	d->pool[d->poollen++] = '\0';
	memset(&d->words[d->nkeys], 0, sizeof(tx_word));
	d->nkeys++;
	if (len > d->maxlen)
		d->maxlen = len;
	uint32_t fb = filter_bit(key, len, w);
	d->filter[fb >> 6] |= 1ull << (fb & 63);
	d->slots[i].hash = h;
	d->slots[i].idx = (uint16_t)d->nkeys;
	d->slots[i].len = (uint8_t)len;
	d->slots[i].word = w;
	return &d->words[d->nkeys - 1];
}

/* ---- tokenizer ---------------------------------------------------------- */

static bool is_space_cp(uint32_t cp)
{
	return cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F ||
		cp == 0x205F || cp == 0x3000;
}

/* The ASCII stand-in of a punctuation code point, 0 if none. */
static char punct_of_cp(uint32_t cp)
{
	if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC)
		return '\'';
	if (cp == 0x2013 || cp == 0x2014 || cp == 0x2212 || cp == 0x2010 || cp == 0x2011)
		return '-';
	return 0;
}

/* Length of an apostrophe (ASCII or U+2019/U+2018) at p, or 0. */
static size_t apostrophe_at(const char *text, uint32_t p, uint32_t e)
{
	if (p < e && text[p] == '\'')
		return 1;
	if (p + 3 <= e && (unsigned char)text[p] == 0xE2 && (unsigned char)text[p + 1] == 0x80 &&
	    ((unsigned char)text[p + 2] == 0x99 || (unsigned char)text[p + 2] == 0x98))
		return 3;
	return 0;
}

/* Lower-cases a word into buf, writing apostrophes as '\''; 0 if too long. */
static size_t word_key(const char *text, uint32_t s, uint32_t e, char *buf, size_t size)
{
	size_t n = 0;
	for (uint32_t p = s; p < e;) {
		size_t a = apostrophe_at(text, p, e);
		if (n + 1 >= size)
			return 0;
		if (a) {
			buf[n++] = '\'';
			p += (uint32_t)a;
		} else {
			buf[n++] = (char)ctl_to_lower((unsigned char)text[p++]);
		}
	}
	return n;
}

size_t tx_tokenize(const struct ctl_timex_data *d, const char *text, uint32_t s,
		uint32_t e, tx_tok **toks, size_t *cap)
{
	/* the table's fields the loop reads, in locals: a token is written
	 * through a pointer the compiler must assume may change them */
	const uint64_t *filter = d ? d->filter : NULL;
	size_t maxlen = d ? d->maxlen : 0;
	size_t n = 0;
	uint8_t sp = 1;
	uint32_t i = s;
	while (i < e) {
		unsigned char c = (unsigned char)text[i];
		uint8_t cc = ctl_ascii_class[c];
		if (cc & CTL_CC_SPACE) {
			sp = 1;
			i++;
			continue;
		}
		if (n == *cap)
			ctl_array_grow((void **)toks, cap, n + 1, sizeof(**toks));
		tx_tok *tk = &(*toks)[n];
		*tk = (tx_tok){ .s = i, .sp = sp };
		sp = 0;
		if (cc & CTL_CC_HIGH) {
			size_t len = ctl_utf8_seq_len((const unsigned char *)text + i, e - i);
			uint32_t cp = len ? ctl_utf8_decode((const unsigned char *)text + i, len) : 0;
			if (!len)
				len = 1;
			if (is_space_cp(cp)) {
				sp = 1;
				i += (uint32_t)len;
				continue;
			}
			tk->kind = TK_PUNCT;
			tk->ch = punct_of_cp(cp);
			i += (uint32_t)len;
		} else if (cc & (CTL_CC_LOWER | CTL_CC_UPPER)) {
			uint8_t seen = cc;
			uint32_t j = i + 1 + (uint32_t)ctl_ascii_run(text + i + 1, e - i - 1, false, &seen);
			bool apos = false;
			bool upper_all = !(seen & CTL_CC_LOWER);
			while (j < e && (text[j] == '\'' || (unsigned char)text[j] == 0xE2)) {
				size_t a = apostrophe_at(text, j, e);
				if (!a || j + a >= e || !ctl_is_alpha((unsigned char)text[j + a]))
					break;
				uint32_t k = j + (uint32_t)a, m = k;
				while (m < e && ctl_is_alpha((unsigned char)text[m]))
					m++;
				if (m - k == 1 && (text[k] == 's' || text[k] == 'S'))
					break; /* a possessive: "Monday's" */
				for (uint32_t p = k; p < m; p++)
					if (!ctl_is_upper((unsigned char)text[p]))
						upper_all = false;
				j = m;
				apos = true;
			}
			tk->kind = TK_WORD;
			tk->caps = ctl_is_upper(c) ? (upper_all && j - i > 1 ? 2 : 1) : 0;
			if (j - i <= maxlen) {
				const tx_slot *sl;
				if (apos) {
					char buf[KEY_MAX];
					size_t kn = word_key(text, i, j, buf, sizeof(buf));
					sl = kn ? find_slot(d, buf, kn) : NULL;
				} else {
					/* the filter bit and the hash from one packed word */
					size_t len = j - i;
					uint64_t w = ctl_pack8_nocase(text + i, len);
					uint32_t fb = filter_bit(text + i, len, w);
					sl = (filter[fb >> 6] >> (fb & 63)) & 1 ?
						probe_slot(d, text + i, len, w, key_hash(text + i, len, w)) : NULL;
				}
				if (sl) {
					tk->w = sl->idx;
					tk->start = sl->start;
				}
			}
			i = j;
		} else if (cc & CTL_CC_DIGIT) {
			uint32_t j = i;
			int64_t v = 0;
			unsigned nd = 0;
			while (j < e && ctl_is_digit((unsigned char)text[j])) {
				if (v < 1000000000)
					v = v * 10 + (text[j] - '0');
				nd++;
				j++;
			}
			/* thousands separators: "3,800" (groups of exactly three) */
			if (nd <= 3)
				while (j + 3 < e && text[j] == ',' &&
				       ctl_is_digit((unsigned char)text[j + 1]) &&
				       ctl_is_digit((unsigned char)text[j + 2]) &&
				       ctl_is_digit((unsigned char)text[j + 3]) &&
				       (j + 4 >= e || !ctl_is_digit((unsigned char)text[j + 4]))) {
					for (int k = 1; k <= 3; k++)
						if (v < 1000000000)
							v = v * 10 + (text[j + k] - '0');
					nd += 3;
					j += 4;
					tk->grouped = 1;
				}
			tk->kind = TK_NUM;
			tk->ndig = nd > 255 ? 255 : (uint8_t)nd;
			tk->val = (int32_t)(v > 1000000000 ? 1000000000 : v);
			i = j;
		} else {
			tk->kind = TK_PUNCT;
			tk->ch = (char)c;
			i++;
		}
		tk->e = i;
		n++;
		/* the one space between two words, without a turn of the loop */
		if (i < e && text[i] == ' ') {
			sp = 1;
			i++;
		}
	}
	return n;
}

/* Appends token t's normalised text to buf (with a space before it when
 * the text has one); false if it does not fit. */
static bool key_append(const char *text, const tx_tok *t, bool first, char *buf, size_t *n)
{
	if (!first && t->sp) {
		if (*n + 1 >= KEY_MAX)
			return false;
		buf[(*n)++] = ' ';
	}
	if (t->kind == TK_PUNCT && t->ch) {
		if (*n + 1 >= KEY_MAX)
			return false;
		buf[(*n)++] = t->ch;
		return true;
	}
	size_t k = word_key(text, t->s, t->e, buf + *n, KEY_MAX - *n);
	if (!k && t->e > t->s)
		return false;
	*n += k;
	return true;
}

/* Finds, once per token, the multi-token keys that start at token i
 * (longest first) and keeps them in the token; its word begins some
 * (long_keys asks). */
static void find_longer_keys(const struct ctl_timex_data *d, const char *text,
		tx_tok *t, size_t n, size_t i)
{
	tx_tok *tk = &t[i];
	const tx_word *first = tx_entry(d, tk->w);
	tk->nlong = 0;
	tk->long_done = 1;
	/* a longer key needs a next token that occurs in some key */
	if (i + 1 >= n ||
	    (t[i + 1].kind == TK_WORD && !(t[i + 1].w && tx_entry(d, t[i + 1].w)->inkey)))
		return;
	/* the lengths of keys starting with this word that fit before the end */
	uint32_t want = first->starts & ~3u;
	if (n - i < KEY_TOKENS)
		want &= (2u << (n - i)) - 1;
	if (!want)
		return;
	/* the key of k tokens is the first len[k] bytes of the longest one's:
	 * built once, up to the longest length wanted */
	size_t longest = 31 - (size_t)__builtin_clz(want);
	char buf[KEY_MAX];
	size_t len[KEY_TOKENS + 1], got = 0;
	for (len[0] = 0; got < longest; got++) {
		len[got + 1] = len[got];
		if (!key_append(text, &t[i + got], got == 0, buf, &len[got + 1]))
			break; /* too long: so is every longer key */
	}
	/* longest first, as tx_match wants them */
	while (want && tk->nlong < TX_LONG_KEYS) {
		size_t k = 31 - (size_t)__builtin_clz(want);
		want &= ~(1u << k);
		const tx_slot *sl = k <= got && len[k] ? find_slot(d, buf, len[k]) : NULL;
		if (sl) {
			tk->longw[tk->nlong] = sl->idx;
			tk->longn[tk->nlong++] = (uint8_t)k;
		}
	}
}

/* tx_long_keys for a token i < n that is a word of the table */
static inline size_t long_keys(const struct ctl_timex_data *d, const char *text, tx_tok *t,
		size_t n, size_t i)
{
	if (!tx_entry(d, t[i].w)->starts)
		return 0;
	if (!t[i].long_done)
		find_longer_keys(d, text, t, n, i);
	return t[i].nlong;
}

size_t tx_long_keys(const struct ctl_timex_data *d, const char *text, tx_tok *t, size_t n,
		size_t i)
{
	return i < n && t[i].kind == TK_WORD && t[i].w ? long_keys(d, text, t, n, i) : 0;
}

const tx_word *tx_match(const struct ctl_timex_data *d, const char *text,
		tx_tok *t, size_t n, size_t i, uint32_t cls, size_t *ntok)
{
	if (i >= n || t[i].kind != TK_WORD || !t[i].w)
		return NULL;
	const tx_word *first = tx_entry(d, t[i].w);
	for (size_t k = 0, nl = long_keys(d, text, t, n, i); k < nl; k++) {
		const tx_word *w = tx_entry(d, t[i].longw[k]);
		if (w->cls & cls) {
			*ntok = t[i].longn[k];
			return w;
		}
	}
	if (first->cls & cls) {
		*ntok = 1;
		return first;
	}
	return NULL;
}

/* ---- loading ------------------------------------------------------------ */

/*
 * The table entry for a lexicon key: the key is tokenized and re-joined
 * the way tx_match joins text (so "New Year's  Day" and "new year's day"
 * meet), and the first word learns that a key of that many tokens starts
 * with it.
 */
static tx_word *key_entry(struct ctl_timex_data *d, const ctl_lex_entry *e,
		const char *path, tx_word **first, ctl_error *err)
{
	*first = NULL;
	tx_tok *toks = NULL;
	size_t cap = 0;
	size_t n = tx_tokenize(NULL, e->key, 0, (uint32_t)e->keylen, &toks, &cap);
	char buf[KEY_MAX];
	size_t len = 0;
	bool ok = n >= 1 && n <= KEY_TOKENS;
	for (size_t j = 0; j < n && ok; j++)
		ok = key_append(e->key, &toks[j], j == 0, buf, &len);
	if (!ok || !len) {
		free(toks);
		ctl_error_set(err, CTL_EDATA, "%s:%zu: key '%s' is empty or longer than %d tokens",
			path, e->line, e->key, KEY_TOKENS);
		return NULL;
	}
	if (n > 1) {
		if (toks[0].kind != TK_WORD) {
			free(toks);
			ctl_error_set(err, CTL_EDATA, "%s:%zu: key '%s' must start with a word",
				path, e->line, e->key);
			return NULL;
		}
		char fb[KEY_MAX];
		size_t fl = word_key(e->key, toks[0].s, toks[0].e, fb, sizeof(fb));
		*first = table_entry(d, fb, fl);
		if (!*first)
			goto full;
		(*first)->starts |= 1u << n;
		for (size_t j = 1; j < n; j++) {
			if (toks[j].kind != TK_WORD)
				continue;
			fl = word_key(e->key, toks[j].s, toks[j].e, fb, sizeof(fb));
			tx_word *w = table_entry(d, fb, fl);
			if (!w)
				goto full;
			w->inkey = 1;
		}
	}
	free(toks);
	tx_word *w = table_entry(d, buf, len);
	if (w)
		return w;
	toks = NULL;
full:
	free(toks);
	ctl_error_set(err, CTL_ELIMIT, "%s:%zu: too many keys", path, e->line);
	return NULL;
}

static const char *field(const ctl_lex_entry *e, size_t i)
{
	return i < e->nfields ? e->fields[i] : "";
}

static bool has_flag(const char *list, const char *flag)
{
	size_t n = strlen(flag);
	for (const char *p = list; *p;) {
		const char *q = p;
		while (*q && *q != ',' && *q != ' ')
			q++;
		if ((size_t)(q - p) == n && !memcmp(p, flag, n))
			return true;
		p = *q ? q + 1 : q;
	}
	return false;
}

static bool parse_int(const char *s, int lo, int hi, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (!*s || *end || v < lo || v > hi)
		return false;
	*out = (int)v;
	return true;
}

typedef int (*row_fn)(struct ctl_timex_data *d, tx_word *w, const ctl_lex_entry *e,
		const char **problem);

static int row_month(struct ctl_timex_data *d, tx_word *w, const ctl_lex_entry *e, const char **pr)
{
	(void)d;
	int m;
	if (!parse_int(field(e, 1), 1, 12, &m))
		return *pr = "month must be 1-12", -1;
	w->cls |= TW_MONTH;
	w->month = (int8_t)m;
	w->month_fl = (has_flag(field(e, 2), "abbr") ? TF_ABBR : 0) |
		(has_flag(field(e, 2), "amb") ? TF_AMB : 0);
	return 0;
}

static int row_wday(struct ctl_timex_data *d, tx_word *w, const ctl_lex_entry *e, const char **pr)
{
	(void)d;
	int v;
	if (!parse_int(field(e, 1), 1, 7, &v))
		return *pr = "weekday must be 1-7", -1;
	w->cls |= TW_WDAY;
	w->wday = (int8_t)v;
	w->wday_fl = (has_flag(field(e, 2), "abbr") ? TF_ABBR : 0) |
		(has_flag(field(e, 2), "plural") ? TF_PLURAL : 0);
	return 0;
}

static int row_number(struct ctl_timex_data *d, tx_word *w, const ctl_lex_entry *e, const char **pr)
{
	(void)d;
	const char *kind = field(e, 2), *v = field(e, 1);
	char *end;
	double x = strtod(v, &end);
	bool numeric = *v && !*end;
	if (!strcmp(kind, "ord")) {
		int o;
		if (!parse_int(v, 1, 100, &o))
			return *pr = "ordinal value must be 1-100", -1;
		w->cls |= TW_ORD;
		w->ord = (int8_t)o;
		return 0;
	}
	if (!strcmp(kind, "suffix")) {
		w->cls |= TW_SUFFIX;
		return 0;
	}
	static const char *const kinds[] = { "card", "article", "fuzzy", "mult", "half", "times" };
	for (int k = 0; k < 6; k++)
		if (!strcmp(kind, kinds[k])) {
			if (k + 1 == N_FUZZY)
				x = -1;
			else if (!numeric || x < 0)
				return *pr = "value must be a number", -1;
			w->cls |= TW_NUM;
			w->num_kind = (uint8_t)(k + 1);
			w->num = x;
			return 0;
		}
	return *pr = "kind must be card, ord, suffix, article, fuzzy, mult, half or times", -1;
}

static int row_unit(struct ctl_timex_data *d, tx_word *w, const ctl_lex_entry *e, const char **pr)
{
	(void)d;
	static const char *const names[U_COUNT] = { "", "second", "minute", "hour", "day",
		"week", "weekend", "fortnight", "month", "quarter", "half", "season", "year",
		"decade", "century", "millennium" };
	int u = 0;
	for (int k = 1; k < U_COUNT; k++)
		if (!strcmp(field(e, 1), names[k]))
			u = k;
	if (!u)
		return *pr = "unknown unit", -1;
	const char *num = field(e, 2);
	if (strcmp(num, "sg") && strcmp(num, "pl"))
		return *pr = "number must be sg or pl", -1;
	w->cls |= TW_UNIT;
	w->unit = (uint8_t)u;
	w->unit_fl = (!strcmp(num, "pl") ? UF_PLURAL : 0) |
		(has_flag(field(e, 3), "noart") ? UF_NOART : 0) |
		(has_flag(field(e, 3), "prefix") ? UF_PREFIX : 0) |
		(has_flag(field(e, 3), "noduration") ? UF_NODUR : 0);
	return 0;
}

static int row_season(struct ctl_timex_data *d, tx_word *w, const ctl_lex_entry *e, const char **pr)
{
	(void)d;
	static const char *const codes[] = { "SP", "SU", "FA", "WI" };
	for (int k = 0; k < 4; k++)
		if (!strcmp(field(e, 1), codes[k])) {
			w->cls |= TW_SEASON;
			w->season = (uint8_t)(k + 1);
			w->season_fl = has_flag(field(e, 2), "amb") ? TF_AMB : 0;
			return 0;
		}
	return *pr = "season code must be SP, SU, FA or WI", -1;
}

static int row_holiday(struct ctl_timex_data *d, tx_word *w, const ctl_lex_entry *e, const char **pr)
{
	const char *r = field(e, 1);
	tx_holiday h;
	memset(&h, 0, sizeof(h));
	int a, b;
	char c1, c2, tail;
	if (!strncmp(r, "easter", 6) && (r[6] == '+' || r[6] == '-') &&
	    parse_int(r + 7, 0, 100, &a)) {
		h.kind = H_EASTER;
		h.offset = (int16_t)(r[6] == '-' ? -a : a);
	} else if (sscanf(r, "%d-%d%c", &a, &b, &tail) == 2 && ctl_date_valid(2000, a, b)) {
		h.kind = H_FIXED;
		h.month = (int8_t)a;
		h.day = (int8_t)b;
	} else if (sscanf(r, "%d/%c/%d%c", &a, &c1, &b, &tail) == 3 && a >= 1 && a <= 12 &&
	           b >= 1 && b <= 7 && ((c1 >= '1' && c1 <= '5') || c1 == 'L')) {
		h.kind = H_NTH;
		h.month = (int8_t)a;
		h.nth = (int8_t)(c1 == 'L' ? -1 : c1 - '0');
		h.wday = (int8_t)b;
	} else {
		(void)c2;
		return *pr = "rule must be MM-DD, MM/N/W or easter+N", -1;
	}
	*CTL_ARRAY_PUSH(d->holidays, d->nholidays, d->holcap) = h;
	w->cls |= TW_HOLIDAY;
	w->holiday = (uint16_t)d->nholidays;
	return 0;
}

static int row_pod(struct ctl_timex_data *d, tx_word *w, const ctl_lex_entry *e, const char **pr)
{
	(void)d;
	static const char *const kinds[] = { "part", "clock", "ampm", "oclock" };
	const char *code = field(e, 1);
	for (int k = 0; k < 4; k++)
		if (!strcmp(field(e, 2), kinds[k])) {
			if (strlen(code) >= sizeof(w->pod))
				return *pr = "code too long", -1;
			if (k + 1 == P_CLOCK) {
				int hh, mm;
				char tail;
				if (sscanf(code, "%d:%d%c", &hh, &mm, &tail) != 2 || hh < 0 || hh > 24 ||
				    mm < 0 || mm > 59)
					return *pr = "clock code must be HH:MM", -1;
			}
			if (k + 1 == P_PART && strlen(code) != 2)
				return *pr = "part code must be two letters", -1;
			w->cls |= TW_POD;
			w->pod_kind = (uint8_t)(k + 1);
			memcpy(w->pod, code, strlen(code) + 1);
			return 0;
		}
	return *pr = "kind must be part, clock, ampm or oclock", -1;
}

static int row_zone(struct ctl_timex_data *d, tx_word *w, const ctl_lex_entry *e, const char **pr)
{
	(void)d;
	const char *off = field(e, 1);
	int hh, mm;
	char sign, tail;
	if (strcmp(off, "local") &&
	    (sscanf(off, "%c%d:%d%c", &sign, &hh, &mm, &tail) != 3 || (sign != '+' && sign != '-') ||
	     hh > 14 || mm > 59))
		return *pr = "offset must be +HH:MM, -HH:MM or local", -1;
	w->cls |= TW_ZONE;
	w->zone_fl = has_flag(field(e, 2), "anycase") ? TF_ANYCASE : 0;
	return 0;
}

static int row_mod(struct ctl_timex_data *d, tx_word *w, const ctl_lex_entry *e, const char **pr)
{
	(void)d;
	const char *mod = field(e, 1), *kind = field(e, 2), *ext = field(e, 3);
	if (!*mod || strlen(mod) >= sizeof(w->mod))
		return *pr = "bad mod value", -1;
	if (strcmp(kind, "point") && strcmp(kind, "quant"))
		return *pr = "kind must be point or quant", -1;
	if (strcmp(ext, "in") && strcmp(ext, "out"))
		return *pr = "extent must be in or out", -1;
	w->cls |= TW_MOD;
	memcpy(w->mod, mod, strlen(mod) + 1);
	w->mod_kind = !strcmp(kind, "point") ? M_POINT : M_QUANT;
	w->mod_in = !strcmp(ext, "in");
	return 0;
}

static int row_deictic(struct ctl_timex_data *d, tx_word *w, const ctl_lex_entry *e, const char **pr)
{
	(void)d;
	const char *type = field(e, 1), *v = field(e, 2), *pod = field(e, 3);
	if (strcmp(type, "DATE") && strcmp(type, "TIME"))
		return *pr = "type must be DATE or TIME", -1;
	int off;
	if (v[0] == 'D' && (v[1] == '+' || v[1] == '-') && parse_int(v + 2, 0, 3660, &off)) {
		w->deictic_kind = D_OFFSET;
		w->deictic_off = (int16_t)(v[1] == '-' ? -off : off);
	} else if (!strcmp(v, "PRESENT_REF") || !strcmp(v, "PAST_REF") || !strcmp(v, "FUTURE_REF")) {
		w->deictic_kind = D_REF;
		memcpy(w->deictic_ref, v, strlen(v) + 1);
	} else {
		return *pr = "value must be D+N, D-N or a *_REF", -1;
	}
	if (*pod && strlen(pod) != 2)
		return *pr = "part must be a two-letter code", -1;
	memcpy(w->deictic_pod, pod, strlen(pod) + 1);
	w->cls |= TW_DEICTIC;
	w->deictic_type = !strcmp(type, "TIME") ? CTL_TIMEX_TIME : CTL_TIMEX_DATE;
	return 0;
}

static int row_rel(struct ctl_timex_data *d, tx_word *w, const ctl_lex_entry *e, const char **pr)
{
	(void)d;
	static const char *const roles[] = { "last", "next", "this", "past", "coming",
		"following", "previous", "same", "ago", "later", "earlier", "before", "after",
		"every", "per", "recent", "det", "of", "and", "old", "long", "times", "prep",
		"fiscal", "for" };
	uint32_t r = 0;
	const char *list = field(e, 1);
	for (size_t k = 0; k < sizeof(roles) / sizeof(roles[0]); k++)
		if (has_flag(list, roles[k]))
			r |= 1u << k;
	if (!r)
		return *pr = "no known role", -1;
	w->cls |= TW_REL;
	w->rel |= r;
	return 0;
}

static int row_tense(struct ctl_timex_data *d, tx_word *w, const ctl_lex_entry *e, const char **pr)
{
	(void)d;
	static const char *const names[] = { "past", "future", "present", "aux", "noted" };
	uint8_t t = 0;
	for (int k = 0; k < 5; k++)
		if (has_flag(field(e, 1), names[k]))
			t |= (uint8_t)(1u << k);
	if (!t)
		return *pr = "tense must be past, future, present, aux or noted", -1;
	w->cls |= TW_TENSE;
	w->tense = t;
	return 0;
}

static int row_freq(struct ctl_timex_data *d, tx_word *w, const ctl_lex_entry *e, const char **pr)
{
	(void)d;
	const char *v = field(e, 1), *f = field(e, 2);
	if (v[0] != 'P' || strlen(v) < 3 || strlen(v) >= sizeof(w->freq_value) ||
	    strlen(f) >= sizeof(w->freq))
		return *pr = "value must be a duration such as P1W", -1;
	w->cls |= TW_FREQ;
	memcpy(w->freq_value, v, strlen(v) + 1);
	memcpy(w->freq, f, strlen(f) + 1);
	return 0;
}

static const struct {
	const char *file;
	row_fn fn;
} files[] = {
	{ "time/months.tsv", row_month },
	{ "time/weekdays.tsv", row_wday },
	{ "time/numbers.tsv", row_number },
	{ "time/units.tsv", row_unit },
	{ "time/seasons.tsv", row_season },
	{ "time/holidays.tsv", row_holiday },
	{ "time/parts_of_day.tsv", row_pod },
	{ "time/zones.tsv", row_zone },
	{ "time/modifiers.tsv", row_mod },
	{ "time/deictic.tsv", row_deictic },
	{ "time/relatives.tsv", row_rel },
	{ "time/tense.tsv", row_tense },
	{ "time/frequencies.tsv", row_freq },
};
#define NFILES (sizeof(files) / sizeof(files[0]))

int ctl_timex_data_load(struct ctl_timex_data **out, const char *dir, ctl_error *err)
{
	ctl_lexicon *lex[NFILES];
	char *paths[NFILES];
	size_t total = 0;
	int rc = 0;
	tx_tok *toks = NULL;
	size_t tokcap = 0;
	memset(lex, 0, sizeof(lex));
	memset(paths, 0, sizeof(paths));
	struct ctl_timex_data *d = ctl_xcalloc(1, sizeof(*d));
	for (size_t f = 0; f < NFILES && !rc; f++) {
		paths[f] = ctl_path_join(dir, files[f].file);
		rc = ctl_lexicon_load(&lex[f], paths[f], err);
		for (size_t i = 0; !rc && i < ctl_lexicon_count(lex[f]); i++) {
			/* a key and each of its words may need an entry */
			const ctl_lex_entry *e = ctl_lexicon_at(lex[f], i);
			total += 1 + tx_tokenize(NULL, e->key, 0, (uint32_t)e->keylen, &toks, &tokcap);
		}
	}
	free(toks);
	if (rc)
		goto out;
	/* every key and every word of a key, at most half full: no growth,
	 * entries never move */
	d->maxkeys = total + 1;
	d->nslots = 64;
	while (d->nslots < d->maxkeys * 2)
		d->nslots *= 2;
	d->slots = ctl_xcalloc(d->nslots, sizeof(*d->slots));
	d->words = ctl_xcalloc(d->maxkeys, sizeof(*d->words));
	d->keyoff = ctl_xcalloc(d->maxkeys, sizeof(*d->keyoff));
	for (size_t f = 0; f < NFILES && !rc; f++) {
		size_t cnt = ctl_lexicon_count(lex[f]);
		for (size_t i = 0; i < cnt && !rc; i++) {
			const ctl_lex_entry *e = ctl_lexicon_at(lex[f], i);
			/* a key listed twice keeps its first row */
			if (ctl_lexicon_get(lex[f], e->key, e->keylen) != e)
				continue;
			tx_word *first;
			tx_word *w = key_entry(d, e, paths[f], &first, err);
			if (!w) {
				rc = err && err->code ? err->code : CTL_EDATA;
				break;
			}
			const char *problem = "bad row";
			if (files[f].fn(d, w, e, &problem))
				rc = ctl_error_set(err, CTL_EDATA, "%s:%zu: %s", paths[f], e->line, problem);
			else if (first)
				first->starts_cls |= w->cls;
		}
	}
	for (size_t i = 0; !rc && i < d->nslots; i++)
		if (d->slots[i].idx)
			d->slots[i].start = tx_start_flags(&d->words[d->slots[i].idx - 1]);
out:
	for (size_t f = 0; f < NFILES; f++) {
		ctl_lexicon_free(lex[f]);
		free(paths[f]);
	}
	if (rc) {
		ctl_timex_data_free(d);
		return rc;
	}
	*out = d;
	return 0;
}

void ctl_timex_data_free(struct ctl_timex_data *d)
{
	if (!d)
		return;
	free(d->pool);
	free(d->keyoff);
	free(d->words);
	free(d->slots);
	free(d->holidays);
	free(d);
}
