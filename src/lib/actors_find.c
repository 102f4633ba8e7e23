/*
 * Actors, step 1: the named mentions of one document.
 *
 * One pass over each kept span's tokens (the headline, then the body's
 * sentences; never furniture):
 *   1. tokens, with their shape (capitalised, all capitals, possessive, ...)
 *      and what the knowledge files say of them (hash look-ups);
 *   2. which capitalised words may be names: a sentence's first word and the
 *      words of a headline written in title case count only when something
 *      vouches for them (a list, or the same word capitalised inside a
 *      sentence of this document);
 *   3. runs of name words, with titles, particles and "of" complements
 *      inside ("Norwegian Minister of Fisheries and Coastal Affairs Ingrid
 *      Haldorsen"), parsed into title phrases and names;
 *   4. each name typed from its own words (first names, heads such as
 *      "Committee", "Inc."), then from its neighbours ("the X newspaper",
 *      "X hackers", "in X"), else guessed;
 * then a pass over the document's mentions: a surname alone takes the type
 * of the full name, and names of products and events dropped once are
 * dropped everywhere in the document.
 */
#include <stdlib.h>
#include <string.h>
#include "ctimeline/buf.h"
#include "actors_internal.h"
#include "document_internal.h"
#include "resources.h"
#include "util.h"

/* --- tokens ------------------------------------------------------------------ */

enum {
	T_WORD = 1u << 0,     /* letters or digits */
	T_CAP = 1u << 1,      /* first letter in upper case */
	T_LOWER = 1u << 2,    /* first letter in lower case */
	T_ALLCAPS = 1u << 3,  /* two letters or more, all in upper case */
	T_MIXED = 1u << 4,    /* a capital inside ("McDonald", "ZeroVex") */
	T_DIGIT = 1u << 5,
	T_POSS = 1u << 6,     /* a possessive 's or s' follows */
	T_HYPH = 1u << 7,     /* a hyphen inside */
	T_HYPHLOW = 1u << 8,  /* the part after the last hyphen is lower case */
	T_PARTPRE = 1u << 9,  /* particle prefix + capital ("al-Assad") */
	T_DOTS = 1u << 10,    /* ends with a full stop it owns ("U.S.", "Inc.") */
	T_LETTER1 = 1u << 11, /* one capital letter, no full stop ("X") */
	T_INITIAL = 1u << 12, /* one capital letter and a full stop ("W.") */
	T_START = 1u << 13,   /* opens a sentence */
	T_HEAD = 1u << 14,    /* in a span written in title case or capitals */
	T_NAME = 1u << 15,    /* may be a word of a name */
	T_CAMEL = 1u << 16,   /* lower-case first, a capital inside ("iPhone") */
	T_SPLIT = 1u << 17,   /* a hyphenated pair of countries ("Chile-Peru") */
	T_TENT = 1u << 18,    /* a sentence's first word nothing vouches for */
	T_MONEY = 1u << 19    /* a currency prefix ("US$") */
};

enum {
	L_GIVEN = 1u << 0, L_FAMILY = 1u << 1,
	L_T_HEAD = 1u << 2, L_T_WEAK = 1u << 3, L_T_MOD = 1u << 4, L_T_HON = 1u << 5,
	L_C_FUNC = 1u << 6, L_C_TIME = 1u << 7, L_C_NUM = 1u << 8, L_C_CODE = 1u << 9,
	L_C_ADJ = 1u << 10, L_C_FURN = 1u << 11,
	L_O_HEAD = 1u << 12, L_O_LEGAL = 1u << 13, L_O_GENERIC = 1u << 14, L_O_DESC = 1u << 15,
	L_G_HEAD = 1u << 16, L_NONACTOR = 1u << 17, L_P_HEAD = 1u << 18,
	L_PART_WORD = 1u << 19, L_PART_PREFIX = 1u << 20,
	L_GAZ = 1u << 21,
	L_X_LOC = 1u << 22, L_X_LOCADJ = 1u << 23, L_X_OF = 1u << 24, L_X_AND = 1u << 25,
	L_X_THE = 1u << 26, L_X_PERSON = 1u << 27, L_X_MONEY = 1u << 28,
	L_X_OFNAME = 1u << 29, L_X_PLACEOF = 1u << 30,
	L_MODEL = 1u << 31 /* a product line's word: a product's after a brand in mixed case */
};
#define L_TITLE (L_T_HEAD | L_T_WEAK | L_T_MOD | L_T_HON)
#define L_ORGHEAD (L_O_HEAD | L_O_LEGAL | L_O_GENERIC)
#define L_KNOWN (L_GIVEN | L_FAMILY | L_TITLE | L_ORGHEAD | L_G_HEAD | L_NONACTOR | L_P_HEAD | L_GAZ)

typedef struct tok {
	const ctl_gaz_entry *mm_gz; /* cached multi_match: gazetteer entry, */
	uint8_t mm_w, mm_title;   /* words and title kind; mm_done once known */
	bool mm_done;
	uint32_t s, e;            /* the word (with a full stop it owns) */
	uint32_t pe;              /* end including a possessive */
	uint32_t f;               /* T_* */
	uint32_t lx;              /* L_* */
	char p;                   /* punctuation (0 for a word) */
	const ctl_gaz_entry *gz;  /* the word alone in the gazetteer */
	uint64_t hw;              /* ctl_hash_nocase of the word without the full
	                             stop it owns (the key of the word sets) */
} tok;

typedef struct span_toks {
	size_t t0, t1;            /* tokens [t0, t1) */
	bool headline;
} span_toks;

/* --- small sets of words (case-insensitive), pointing into the text ------- */

typedef struct wslot {
	uint64_t hash;            /* ctl_hash_nocase of the word: a grow need not
	                             hash again, a probe compares it first */
	uint32_t off, len;        /* the word in the text; len 0 = empty */
} wslot;

typedef struct wset {
	const char *text;
	wslot *slot;              /* one record a slot: a probe reads one line */
	size_t nslots, n;
} wset;

static bool eqn(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (ctl_to_lower((unsigned char)a[i]) != ctl_to_lower((unsigned char)b[i]))
			return false;
	return true;
}

static void wset_init(wset *w, const char *text)
{
	memset(w, 0, sizeof(*w));
	w->text = text;
}

static void wset_free(wset *w)
{
	free(w->slot);
}

/* The slot holding the word s[0, n) with that hash, or the empty slot
 * where it would go. */
static size_t wset_find(const wset *w, const char *s, size_t n, uint64_t hash)
{
	size_t mask = w->nslots - 1, h = (size_t)hash & mask;
	for (const wslot *e; (e = &w->slot[h])->len; h = (h + 1) & mask)
		if (e->hash == hash && e->len == n &&
		    (!memcmp(w->text + e->off, s, n) || eqn(w->text + e->off, s, n)))
			break;
	return h;
}

/* Room for `words` distinct words without a grow. */
static void wset_reserve(wset *w, size_t words)
{
	size_t ns = w->nslots ? w->nslots : 64;
	while (ns < 2 * words)
		ns *= 2;
	if (ns == w->nslots)
		return;
	wslot *old = w->slot;
	size_t oldn = w->nslots;
	w->slot = ctl_xcalloc(ns, sizeof(*w->slot));
	w->nslots = ns;
	for (size_t i = 0; i < oldn; i++) {
		if (!old[i].len)
			continue;
		size_t h = (size_t)old[i].hash & (ns - 1);
		while (w->slot[h].len)   /* the words are distinct: only a free slot is wanted */
			h = (h + 1) & (ns - 1);
		w->slot[h] = old[i];
	}
	free(old);
}

/* hash: ctl_hash_nocase(s, n) */
static bool wset_has(const wset *w, const char *s, size_t n, uint64_t hash)
{
	return w->nslots && n && w->slot[wset_find(w, s, n, hash)].len;
}

/* hash: ctl_hash_nocase of the text at [off, off + len) */
static void wset_add(wset *w, uint32_t off, uint32_t len, uint64_t hash)
{
	if (!len)
		return;
	if ((w->n + 1) * 2 > w->nslots)
		wset_reserve(w, w->n + 1);
	size_t h = wset_find(w, w->text + off, len, hash);
	if (w->slot[h].len)
		return;
	w->slot[h] = (wslot){ hash, off, len };
	w->n++;
}

/* The same, for keys that are owned strings (names dropped, surnames). */
typedef struct kset {
	char **keys;
	size_t nslots, n;
} kset;

static bool kset_has(const kset *k, const char *key)
{
	if (!k->nslots)
		return false;
	size_t n = strlen(key);
	size_t h = (size_t)ctl_hash_nocase(key, n) & (k->nslots - 1);
	while (k->keys[h]) {
		if (!strcmp(k->keys[h], key))
			return true;
		h = (h + 1) & (k->nslots - 1);
	}
	return false;
}

static void kset_add(kset *k, const char *key)
{
	if (kset_has(k, key))
		return;
	if ((k->n + 1) * 2 > k->nslots) {
		kset old = *k;
		k->nslots = old.nslots ? old.nslots * 2 : 32;
		k->keys = ctl_xcalloc(k->nslots, sizeof(char *));
		k->n = 0;
		for (size_t i = 0; i < old.nslots; i++)
			if (old.keys[i]) {
				size_t h = (size_t)ctl_hash_nocase(old.keys[i], strlen(old.keys[i])) & (k->nslots - 1);
				while (k->keys[h])
					h = (h + 1) & (k->nslots - 1);
				k->keys[h] = old.keys[i];
				k->n++;
			}
		free(old.keys);
	}
	size_t h = (size_t)ctl_hash_nocase(key, strlen(key)) & (k->nslots - 1);
	while (k->keys[h])
		h = (h + 1) & (k->nslots - 1);
	k->keys[h] = ctl_xstrdup(key);
	k->n++;
}

static void kset_free(kset *k)
{
	for (size_t i = 0; i < k->nslots; i++)
		free(k->keys[i]);
	free(k->keys);
}

/* --- candidate mentions ------------------------------------------------------ */

typedef struct cand {
	ctl_mention m;
	char *key;                /* ctl_name_key of the name */
	size_t words;             /* words in the key */
	bool gaz;                 /* from the gazetteer (its type is settled) */
	bool plain;               /* only unknown words in title case, no cue */
	bool dead;
} cand;

/* What lex_word found for one spelling: a word repeats through an article
 * and across articles, and its dozen list look-ups depend only on its
 * bytes, its shape flags and the loaded lists. */
typedef struct lex_memo {
	uint32_t off, len;        /* the spelling, in the cache's bytes */
	uint32_t fkey;            /* the shape flags lex_word reads */
	uint32_t lx, fadd;        /* L_* found, T_* added */
	uint64_t h;               /* memo_hash of the spelling */
	uint64_t w;               /* a spelling of up to 8 bytes in one word */
	uint64_t hw;
	const ctl_gaz_entry *gz;
} lex_memo;

/* A bounded cache of lex_word's results, which one thread may keep from
 * article to article (ctl_workspace); emptied when full or when used with
 * other lists. */
struct ctl_lex_cache {
	uint64_t res;             /* the ctl_resources.id of the lists they
	                             come from; 0 none */
	lex_memo *e;              /* the entries, in order of first sight */
	size_t n, cap;
	uint32_t *ix;             /* open addressing: entry index + 1, 0 = empty */
	size_t slots;
	char *bytes;              /* the spellings */
	size_t nbytes, bytescap;
};

#define LEX_CACHE_MAX_ENTRIES 32768u /* at most about 4 MB a cache */
#define LEX_CACHE_MAX_WORD 64u       /* longer words are looked up each time */

ctl_lex_cache *ctl_lex_cache_new(void)
{
	return ctl_xcalloc(1, sizeof(ctl_lex_cache));
}

void ctl_lex_cache_free(ctl_lex_cache *c)
{
	if (!c)
		return;
	free(c->e);
	free(c->ix);
	free(c->bytes);
	free(c);
}

static void lex_cache_clear(ctl_lex_cache *c, uint64_t res)
{
	c->res = res;
	c->n = 0;
	c->nbytes = 0;
	if (c->ix)
		memset(c->ix, 0, c->slots * sizeof(*c->ix));
}

typedef struct finder {
	const struct ctl_actors_data *d;
	uint64_t res;             /* the ctl_resources.id d is of */
	const ctl_document *doc;
	const char *t;
	tok *toks;
	size_t ntoks, tokcap;
	span_toks *spans;
	size_t nspans;
	wset capmid;              /* words capitalised inside a sentence */
	wset starts;              /* words that open a sentence */
	uint64_t start_bits[64];  /* a bit per starts word's hash: most words miss */
	wset lower;               /* of those, the ones also written in lower case */
	ctl_lex_cache *lc;        /* the caller's, or one for this article */
	kset dropped;             /* keys of product and event names */
	cand *cands;
	size_t ncands, candcap;
	/* the last unit found, for an acronym in brackets right after it */
	uint32_t last_end;
	int last_kind;            /* 0 none, 1 a mention (last cand), 2 dropped */
	char *last_key;           /* for 2 */
	/* a person named after a plural title ("Presidents Weber"), whose
	 * title "and" passes on ("... and Haddad") */
	uint32_t plural_end;
	char *plural_title;
} finder;

/* --- code points ------------------------------------------------------------ */

static inline uint32_t cp_at(const char *t, uint32_t p, uint32_t end, uint32_t *len)
{
	unsigned char c = (unsigned char)t[p];
	if (c < 0x80) {
		*len = 1;
		return c;
	}
	size_t sl = ctl_utf8_seq_len((const unsigned char *)t + p, end - p);
	if (!sl) {
		*len = 1;
		return 0xFFFD;
	}
	*len = (uint32_t)sl;
	return ctl_utf8_decode((const unsigned char *)t + p, sl);
}

static bool cp_word_high(uint32_t cp)
{
	if (cp == 0xAA || cp == 0xB5 || cp == 0xBA)
		return true;
	if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7 || cp == 0xFFFD)
		return false;
	if ((cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
	    (cp >= 0xFE00 && cp <= 0xFE6F) || (cp >= 0xFF00 && cp <= 0xFF20))
		return false;
	return true;
}

/* Letters and digits: ASCII inline, the rest out of line. */
static inline bool cp_word(uint32_t cp)
{
	return cp < 0x80 ? ctl_is_alnum((unsigned char)cp) : cp_word_high(cp);
}

static int cp_case_high(uint32_t cp)
{
	if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
		return 1;
	if (cp >= 0xDF && cp <= 0xFF && cp != 0xF7)
		return -1;
	if (cp >= 0x100 && cp <= 0x137)
		return cp % 2 ? -1 : 1;
	if (cp >= 0x139 && cp <= 0x148)
		return cp % 2 ? 1 : -1;
	if (cp >= 0x14A && cp <= 0x177)
		return cp % 2 ? -1 : 1;
	if (cp == 0x178)
		return 1;
	if (cp >= 0x179 && cp <= 0x17E)
		return cp % 2 ? 1 : -1;
	if ((cp >= 0x391 && cp <= 0x3A9) || (cp >= 0x400 && cp <= 0x42F))
		return 1;
	if ((cp >= 0x3B1 && cp <= 0x3C9) || (cp >= 0x430 && cp <= 0x45F))
		return -1;
	return 0;
}

/* 1 upper case, -1 lower case, 0 neither (digits, caseless scripts) */
static inline int cp_case(uint32_t cp)
{
	if (cp < 0x80)
		return ctl_is_upper((unsigned char)cp) ? 1 : ctl_is_lower((unsigned char)cp) ? -1 : 0;
	return cp_case_high(cp);
}

static inline bool cp_space(uint32_t cp)
{
	return cp < 0x80 ? ctl_is_space((unsigned char)cp) :
	       cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x3000;
}

static char punct_code(uint32_t cp)
{
	switch (cp) {
	case ',': case '.': case '!': case '?': case ':': case ';': case '(': case ')':
	case '[': case ']': case '/': case '&': case '-': case '$':
		return (char)cp;
	case '"': case 0x201C: case 0x201D: case 0x201E: case 0xAB: case 0xBB:
		return '"';
	case '\'': case 0x2018: case 0x2019:
		return '\'';
	case 0x2013: case 0x2014: case 0x2015:
		return 'd';
	case 0xA9:
		return 'c';
	default:
		return '*';
	}
}

/* --- lexical facts of one word ------------------------------------------- */

static const ctl_lex_entry *lexget(const ctl_lexicon *lx, const char *s, size_t n)
{
	return ctl_lexicon_get(lx, s, n);
}

static bool kind_is(const ctl_lex_entry *e, const char *k)
{
	return e && !strcmp(ctl_lex_kind(e), k);
}

/* An all-capital key in common.tsv matches only all-capital text. */
static const ctl_lex_entry *common_get(const struct ctl_actors_data *d, const char *s, size_t n,
		uint64_t h, bool allcaps)
{
	const ctl_lex_entry *e = ctl_lexicon_get_h(d->common, s, n, h);
	if (!e)
		return NULL;
	bool key_caps = false;
	for (size_t i = 0; i < e->keylen; i++)
		if (ctl_is_upper((unsigned char)e->key[i])) {
			key_caps = true;
			break;
		}
	if (key_caps && memcmp(e->key, s, n))
		return NULL;
	/* two- and three-letter capitals ("US", "IT", "AM") are acronyms, not
	 * the function words they spell */
	if (allcaps && !key_caps && n <= 3)
		return NULL;
	return e;
}

static uint32_t title_flags(const ctl_lex_entry *e)
{
	if (!e)
		return 0;
	const char *k = ctl_lex_kind(e);
	return !strcmp(k, "head") ? L_T_HEAD : !strcmp(k, "weak") ? L_T_WEAK :
	       !strcmp(k, "mod") ? L_T_MOD : !strcmp(k, "honorific") ? L_T_HON : 0;
}

/* The flags each list's entries give a word (their tags, set at load). */
static uint32_t given_tag(const ctl_lex_entry *e)
{
	return kind_is(e, "family") ? L_FAMILY : L_GIVEN;
}

static uint32_t common_tag(const ctl_lex_entry *e)
{
	const char *c = ctl_lex_kind(e);
	return !strcmp(c, "function") ? L_C_FUNC : !strcmp(c, "time") ? L_C_TIME :
	       !strcmp(c, "number") ? L_C_NUM : !strcmp(c, "code") ? L_C_CODE :
	       !strcmp(c, "adjective") ? L_C_ADJ : !strcmp(c, "furniture") ? L_C_FURN : 0;
}

static uint32_t org_cue_tag(const ctl_lex_entry *e)
{
	const char *c = ctl_lex_kind(e);
	return !strcmp(c, "head") ? L_O_HEAD : !strcmp(c, "legal") ? L_O_LEGAL :
	       !strcmp(c, "generic") ? L_O_GENERIC : !strcmp(c, "descriptor") ? L_O_DESC : 0;
}

static uint32_t group_cue_tag(const ctl_lex_entry *e)
{
	return kind_is(e, "head") ? L_G_HEAD : 0;
}

static uint32_t particle_tag(const ctl_lex_entry *e)
{
	return kind_is(e, "word") ? L_PART_WORD : kind_is(e, "prefix") ? L_PART_PREFIX :
	       (L_PART_WORD | L_PART_PREFIX);
}

static uint32_t context_tag(const ctl_lex_entry *e)
{
	const char *c = ctl_lex_kind(e);
	return !strcmp(c, "locative") ? L_X_LOC : !strcmp(c, "locadj") ? L_X_LOCADJ :
	       !strcmp(c, "of") ? (L_X_OF | L_X_OFNAME) : !strcmp(c, "for") ? L_X_OF :
	       !strcmp(c, "and") ? L_X_AND :
	       !strcmp(c, "article") ? L_X_THE : !strcmp(c, "person") ? L_X_PERSON :
	       !strcmp(c, "currency") ? L_X_MONEY : !strcmp(c, "placeof") ? L_X_PLACEOF : 0;
}

void ctl_actors_find_tag(struct ctl_actors_data *d)
{
	ctl_lexicon_set_tags(d->given, given_tag);
	ctl_lexicon_set_tags(d->common, common_tag);
	ctl_lexicon_set_tags(d->titles, title_flags);
	ctl_lexicon_set_tags(d->org_cues, org_cue_tag);
	ctl_lexicon_set_tags(d->group_cues, group_cue_tag);
	ctl_lexicon_set_tags(d->particles, particle_tag);
	ctl_lexicon_set_tags(d->context, context_tag);
}

static void lex_word_compute(finder *F, tok *k, uint64_t hn)
{
	const struct ctl_actors_data *d = F->d;
	const char *s = F->t + k->s;
	size_t n = k->e - k->s;
	size_t nb = (k->f & T_DOTS) && !(k->f & T_INITIAL) ? n - 1 : n; /* without the full stop */
	uint32_t lx = 0;
	const ctl_lex_entry *e;
	/* a lower-case word is only looked up where lower-case words matter */
	bool cap = (k->f & (T_CAP | T_MIXED | T_PARTPRE | T_HYPH)) != 0;
	/* the word is hashed once (with and without its full stop) for all
	 * the lists it is looked up in */
	k->hw = (k->f & T_DOTS) ? ctl_hash_nocase(s, n - 1) : hn;
	uint64_t hb = nb == n ? hn : k->hw;

	if (cap && (e = ctl_lexicon_get_h(d->given, s, nb, hb)))
		lx |= e->tag;
	else if (cap && !(k->f & T_ALLCAPS)) {
		/* "Siobhán" is "Siobhan" of the list, "Tomáš" its "Tomas" */
		char buf[64];
		size_t m = ctl_fold_latin(s, nb, buf, sizeof(buf));
		if (m && (e = lexget(d->given, buf, m)))
			lx |= e->tag;
	}
	if ((e = common_get(d, s, nb, hb, (k->f & T_ALLCAPS) != 0)))
		lx |= e->tag;
	/* a lower-case function word is no title, cue or particle */
	bool func = !cap && (lx & L_C_FUNC);
	e = func ? NULL : ctl_lexicon_get_h(d->titles, s, n, hn);
	if (!func && !e && nb != n)
		e = ctl_lexicon_get_h(d->titles, s, nb, hb);
	if (cap && !e)
		e = ctl_lex_get_sg_h(d->titles, s, nb, hb);
	if (!e && (k->f & T_DOTS)) { /* "C.E.O." */
		char buf[32];
		size_t m = 0;
		for (size_t i = 0; i < n && m < sizeof(buf); i++)
			if (s[i] != '.')
				buf[m++] = s[i];
		if (m < sizeof(buf))
			e = lexget(d->titles, buf, m);
	}
	lx |= e ? e->tag : 0; /* title_flags */
	e = func ? NULL : ctl_lexicon_get_h(d->org_cues, s, n, hn);
	if (!func && !e && nb != n)
		e = ctl_lexicon_get_h(d->org_cues, s, nb, hb);
	if (cap && !e)
		e = ctl_lex_get_sg_h(d->org_cues, s, nb, hb);
	if (e)
		lx |= e->tag;
	if (cap && (e = ctl_lex_get_sg_h(d->group_cues, s, nb, hb)))
		lx |= e->tag;
	if (cap && (e = ctl_lex_get_sg_h(d->nonactor, s, nb, hb)))
		lx |= kind_is(e, "model") ? L_MODEL : L_NONACTOR;
	if (cap && ctl_lex_get_sg_h(d->place_heads, s, nb, hb))
		lx |= L_P_HEAD;
	if (!func && (e = ctl_lexicon_get_h(d->particles, s, nb, hb)))
		lx |= e->tag;
	if ((e = ctl_lexicon_get_h(d->context, s, nb, hb)))
		lx |= e->tag;
	k->gz = cap ? ctl_gaz_get_h(d, s, n, hn) : NULL;
	if (cap && !k->gz && nb != n)
		k->gz = ctl_gaz_get_h(d, s, nb, hb);
	if (k->gz)
		lx |= L_GAZ;
	k->lx = lx;

	/* "Chile-Peru", "Chilean-US": every part a country's name; or a known
	 * organisation's beside one ("EU-Vietnam") */
	if ((k->f & T_HYPH) && !k->gz && (k->f & T_CAP)) {
		bool all = true, country = false;
		uint32_t p = k->s;
		while (p < k->e && all) {
			uint32_t q = p;
			while (q < k->e && F->t[q] != '-')
				q++;
			const ctl_gaz_entry *g = ctl_gaz_get(d, F->t + p, q - p);
			all = g && g->kind != CTL_GAZ_CITY && g->kind != CTL_GAZ_REGION &&
			      (g->kind != CTL_GAZ_ORG || g->type == CTL_ACTOR_ORGANIZATION);
			country |= all && g->kind != CTL_GAZ_ORG;
			p = q + 1;
		}
		if (all && country)
			k->f |= T_SPLIT;
	}
}

#define LEX_MEMO_FLAGS (T_DOTS | T_INITIAL | T_CAP | T_MIXED | T_PARTPRE | T_HYPH | T_ALLCAPS)

/* Rebuilds the index table at twice the size; the entries stay where they
 * are, so a grow zeroes 4 bytes a slot, not a whole entry. */
static void lex_cache_grow(ctl_lex_cache *c)
{
	size_t ns = c->slots ? c->slots * 2 : 256;
	uint32_t *ix = ctl_xcalloc(ns, sizeof(*ix));
	for (size_t i = 0; i < c->n; i++) {
		const lex_memo *e = &c->e[i];
		size_t j = (size_t)(e->h ^ e->fkey) & (ns - 1);
		while (ix[j])
			j = (j + 1) & (ns - 1);
		ix[j] = (uint32_t)i + 1;
	}
	free(c->ix);
	c->ix = ix;
	c->slots = ns;
}

/* The cache's hash of a spelling (case counts): of its one word (*w) when
 * it has up to 8 bytes, else of its first and last 8 bytes; cheaper than
 * ctl_hash_nocase, which only a miss needs. */
static uint64_t memo_hash(const char *s, uint32_t n, uint64_t *w)
{
	uint64_t x;
	if (n <= 8) {
		x = n ? ctl_pack8(s, n) : 0;
		*w = x;
	} else {
		uint64_t a, b;
		memcpy(&a, s, 8);
		memcpy(&b, s + n - 8, 8);
		x = a ^ (b << 29 | b >> 35);
		*w = 0;
	}
	uint64_t h = ctl_hash_word8(x, n);
	return h ^ h >> 32;
}

/* The lexical facts of word k (lx, gz, hw, T_SPLIT): computed once per
 * spelling and shape while the cache keeps them, then copied. */
static void lex_word(finder *F, tok *k)
{
	ctl_lex_cache *c = F->lc;
	const char *s = F->t + k->s;
	uint32_t n = k->e - k->s;
	uint32_t fkey = k->f & LEX_MEMO_FLAGS;
	uint64_t w, hm = memo_hash(s, n, &w);
	if (c->res != F->res || c->n >= LEX_CACHE_MAX_ENTRIES)
		lex_cache_clear(c, F->res);
	if ((c->n + 1) * 2 > c->slots)
		lex_cache_grow(c);
	size_t mask = c->slots - 1, j = (size_t)(hm ^ fkey) & mask;
	for (; c->ix[j]; j = (j + 1) & mask) {
		const lex_memo *e = &c->e[c->ix[j] - 1];
		if (e->h == hm && e->len == n && e->fkey == fkey &&
		    (n <= 8 ? e->w == w : !memcmp(c->bytes + e->off, s, n))) {
			k->lx = e->lx;
			k->gz = e->gz;
			k->hw = e->hw;
			k->f |= e->fadd;
			return;
		}
	}
	uint32_t f0 = k->f;
	lex_word_compute(F, k, ctl_hash_nocase(s, n));
	if (!n || n > LEX_CACHE_MAX_WORD)
		return;
	c->ix[j] = (uint32_t)c->n + 1;
	lex_memo *e = CTL_ARRAY_PUSH(c->e, c->n, c->cap);
	ctl_array_grow((void **)&c->bytes, &c->bytescap, c->nbytes + n, 1);
	memcpy(c->bytes + c->nbytes, s, n);
	e->off = (uint32_t)c->nbytes;
	c->nbytes += n;
	e->len = n;
	e->fkey = fkey;
	e->lx = k->lx;
	e->fadd = k->f & ~f0;
	e->h = hm;
	e->w = w;
	e->hw = k->hw;
	e->gz = k->gz;
}

/* --- tokenising ------------------------------------------------------------- */

static bool is_apos(uint32_t cp)
{
	return cp == '\'' || cp == 0x2019;
}

/* The counts shape_word needs, for a word of ASCII bytes without a
 * hyphen (most words); false, and nothing counted, otherwise. */
static bool shape_ascii(const char *t, uint32_t s, uint32_t e, int *first, int *nup, int *nlow,
		int *up_run, bool *mixed, bool *digit)
{
	int fst = 0, up = 0, low = 0, run = 0;
	bool mix = false, dig = false;
	for (uint32_t p = s; p < e; p++) {
		unsigned char b = (unsigned char)t[p];
		if (b >= 0x80 || b == '-')
			return false;
		if (ctl_is_upper(b)) {
			fst = fst ? fst : 1;
			up++;
			mix |= low != 0;
			run += low == 0;
		} else if (ctl_is_lower(b)) {
			fst = fst ? fst : -1;
			low++;
		} else {
			dig |= ctl_is_digit(b);
		}
	}
	*first = fst;
	*nup = up;
	*nlow = low;
	*up_run = run;
	*mixed = mix;
	*digit = dig;
	return true;
}

static void shape_word(finder *F, tok *k)
{
	const char *t = F->t;
	uint32_t p = k->s, len;
	int first = 0, nup = 0, nlow = 0;
	bool seen_low = false, mixed = false, digit = false, hyph = false;
	int part_first = 0;   /* case of the last hyphen part's first letter */
	uint32_t first_part_end = k->e;
	int up_run = 0;       /* capitals at the start of the word */
	bool at_part_start = true;
	if (shape_ascii(t, k->s, k->e, &first, &nup, &nlow, &up_run, &mixed, &digit))
		p = k->e; /* counted: no hyphen parts to follow */
	while (p < k->e) {
		uint32_t cp = cp_at(t, p, k->e, &len);
		if (cp == '-') {
			hyph = true;
			if (first_part_end == k->e)
				first_part_end = p;
			at_part_start = true;
			seen_low = false;
			p += len;
			continue;
		}
		int c = cp_case(cp);
		if (ctl_is_digit((unsigned char)(cp < 0x80 ? cp : 0)))
			digit = true;
		if (at_part_start && c) {
			part_first = c;
			at_part_start = false;
		}
		if (!first && c)
			first = c;
		if (c > 0) {
			nup++;
			if (seen_low)
				mixed = true;
			if (!nlow)
				up_run++;
		} else if (c < 0) {
			nlow++;
			seen_low = true;
		}
		p += len;
	}
	if (up_run >= 2 && nlow && !hyph)
		mixed = true; /* "ZEvil" */
	uint32_t f = T_WORD;
	if (first > 0)
		f |= T_CAP;
	if (first < 0)
		f |= T_LOWER;
	if (nup >= 2 && !nlow)
		f |= T_ALLCAPS;
	if (mixed && first > 0)
		f |= T_MIXED;
	if (first < 0 && nup)
		f |= T_CAMEL;
	if (digit)
		f |= T_DIGIT;
	if (hyph) {
		f |= T_HYPH;
		if (part_first < 0)
			f |= T_HYPHLOW;
		if (first < 0 && part_first > 0) {
			const ctl_lex_entry *e = lexget(F->d->particles, t + k->s, first_part_end - k->s);
			if (e && !kind_is(e, "word")) {
				f |= T_PARTPRE;
				f &= ~(uint32_t)(T_LOWER | T_CAMEL);
			}
		}
	}
	if (nup == 1 && !nlow && !digit && k->e - k->s == 1)
		f |= T_LETTER1;
	k->f |= f;
}

/* An ASCII byte's class for tokenise's word scan: letter (which case) or
 * digit, 0 for anything else; one look-up a byte. */
#define WC_MASK (CTL_CC_UPPER | CTL_CC_LOWER | CTL_CC_DIGIT)
static inline uint8_t word_class(unsigned char b)
{
	return ctl_ascii_class[b] & WC_MASK;
}

/* Tokenises [ss, se) into F->toks; stops at a photo credit sign. */
static void tokenise(finder *F, uint32_t ss, uint32_t se)
{
	const char *t = F->t;
	uint32_t p = ss, len;
	bool at_start = true;
	while (p < se) {
		uint32_t cp = cp_at(t, p, se, &len);
		if (cp_space(cp)) {
			p += len;
			continue;
		}
		tok *k = CTL_ARRAY_PUSH(F->toks, F->ntoks, F->tokcap);
		memset(k, 0, sizeof(*k));
		k->s = p;
		if (!cp_word(cp)) {
			k->p = punct_code(cp);
			p += len;
			k->e = k->pe = p;
			if (k->p == 'c')
				break; /* "© Reuters/Name": a credit, to the end of the span */
			if (k->p == '.' || k->p == '!' || k->p == '?' || k->p == ':')
				at_start = true;
			else if (k->p == '"' && (k->s == ss || cp_space((unsigned char)t[k->s - 1]) ||
			                         t[k->s - 1] == '(' || (unsigned char)t[k->s - 1] == 0xA0))
				at_start = true; /* an opening quote opens a sentence */
			else if ((k->p == 'd' || k->p == '-') && F->ntoks > 1 &&
			         (F->toks[F->ntoks - 2].f & T_WORD) &&
			         ctl_is_digit((unsigned char)t[F->toks[F->ntoks - 2].e - 1]))
				at_start = true; /* a chronology's "October 2021 – Trial opens" */
			else if (k->p != '"' && k->p != '(' && k->p != '[' && k->p != '\'')
				at_start = false;
			if (k->p == '$' && F->ntoks > 1 && F->toks[F->ntoks - 2].pe == k->s &&
			    (F->toks[F->ntoks - 2].f & T_WORD))
				F->toks[F->ntoks - 2].f |= T_MONEY; /* "US$ 299" */
			continue;
		}
		/* a word: letters and digits, joined by inner apostrophes, hyphens,
		 * the full stops of dotted capitals ("U.S") and "&" ("AT&T") */
		uint32_t q = p, seg = p; /* seg: start of the current dotted segment */
		/* the classes of the word's ASCII letters and digits after its
		 * first byte, for the shapes most words have (shape_word does the
		 * rest); plain: no hyphen and no byte beyond ASCII */
		uint8_t first_class = cp < 0x80 ? word_class((unsigned char)cp) : 0, rest_class = 0;
		bool plain = cp < 0x80;
		if (plain)
			q++; /* the first byte, a letter or digit, is classed */
		for (;;) {
			while (q < se) {
				unsigned char b = (unsigned char)t[q];
				if (b < 0x80) { /* the common case, without decoding */
					/* a run of letters and digits at once; it ends
					 * the word unless a multibyte letter follows */
					q += (uint32_t)ctl_ascii_run(t + q, se - q, true, &rest_class);
					if (q < se && (unsigned char)t[q] >= 0x80)
						continue;
					break;
				}
				uint32_t c = cp_at(t, q, se, &len);
				if (!cp_word(c))
					break;
				plain = false;
				q += len;
			}
			if (q >= se)
				break;
			uint32_t c = cp_at(t, q, se, &len);
			uint32_t nx = q + len, l2 = 0;
			uint32_t c2 = nx < se ? cp_at(t, nx, se, &l2) : 0;
			if (is_apos(c)) {
				if (nx < se && (c2 == 's' || c2 == 'S') &&
				    (nx + 1 >= se || !cp_word(cp_at(t, nx + 1, se, &l2)))) {
					k->f |= T_POSS;
					k->e = q;
					k->pe = nx + 1;
					goto done;
				}
				if (nx < se && cp_word(c2)) {
					plain &= c == '\'';
					q = nx;
					continue;
				}
				if (q > p && (t[q - 1] == 's' || t[q - 1] == 'S') &&
				    (q - p) > 2) { /* "Beatles'" */
					k->f |= T_POSS;
					k->e = q;
					k->pe = nx;
					goto done;
				}
				break;
			}
			if (c == '-' && nx < se && cp_word(c2)) {
				plain = false;
				q = nx;
				continue;
			}
			if (c == '.' && nx < se && c2 < 0x80 && ctl_is_alpha((unsigned char)c2) &&
			    q - seg == 1 && ctl_is_alpha((unsigned char)t[seg])) {
				q = nx;
				seg = nx;
				continue;
			}
			if (c == '&' && nx < se && c2 < 0x80 && ctl_is_upper((unsigned char)c2) &&
			    ctl_is_upper((unsigned char)t[q - 1])) {
				q = nx;
				continue;
			}
			break;
		}
		k->e = q;
		k->pe = q;
	done:
		/* a word in lower case, or capitalised: what shape_word would say */
		if (plain && first_class == CTL_CC_LOWER && !(rest_class & ~CTL_CC_LOWER))
			k->f |= T_WORD | T_LOWER;
		else if (plain && first_class == CTL_CC_UPPER && !(rest_class & ~CTL_CC_LOWER))
			k->f |= T_WORD | T_CAP | (k->e - k->s == 1 ? T_LETTER1 : 0);
		else
			shape_word(F, k);
		/* a full stop the word owns: dotted capitals, an initial, or an
		 * abbreviation the lists know with its stop ("Inc.", "Dr.") */
		if (!(k->f & T_POSS) && k->e < se && t[k->e] == '.') {
			bool dotted = seg != p;
			bool initial = k->e - k->s == 1 && ctl_is_upper((unsigned char)t[k->s]);
			bool abbr = false;
			if (!dotted && !initial && k->e - k->s < 12) {
				size_t n = k->e - k->s + 1;
				abbr = lexget(F->d->titles, t + k->s, n) || lexget(F->d->org_cues, t + k->s, n);
			}
			if (dotted || initial || abbr) {
				k->e++;
				k->pe = k->e;
				k->f |= T_DOTS;
				if (initial) {
					k->f |= T_INITIAL;
					k->f &= ~(uint32_t)T_LETTER1;
				}
			}
		}
		if (at_start)
			k->f |= T_START;
		at_start = false;
		p = k->pe;
		lex_word(F, k);
	}
}

/* Title case or capitals: most longer words capitalised, and (almost) no
 * lower-case word but function words; a sentence full of names still has
 * its verbs and nouns in lower case. */
static bool is_headline(const finder *F, size_t t0, size_t t1)
{
	/* counted without a branch a token: whether a token is a word, in
	 * lower case or a function word follows the text, not a pattern a
	 * branch predictor can learn */
	size_t words = 0, caps = 0, allcaps = 0, letters = 0, lower = 0;
	size_t first = 1; /* no word seen yet */
	for (size_t i = t0; i < t1; i++) {
		const tok *k = &F->toks[i];
		size_t w = (k->f & (T_WORD | T_DIGIT)) == T_WORD;
		size_t len = k->e - k->s, func = (k->lx & L_C_FUNC) != 0;
		letters += w;
		allcaps += w & ((k->f & T_ALLCAPS) != 0);
		lower += w & ((k->f & (T_LOWER | T_CAMEL)) == T_LOWER) & !func & (len >= 3);
		/* the first word opens the line capitalised whatever it is */
		size_t counted = w & !first & (len >= 4) & !func;
		first &= !w;
		words += counted;
		caps += counted & ((k->f & (T_CAP | T_MIXED)) != 0);
		/* settled once a word is not in capitals and the lower-case
		 * words already outweigh every capital the rest could add (a
		 * sentence of running prose: after about a third of it); asked
		 * every eighth token */
		if ((((i - t0) & 7) == 7) && allcaps != letters && lower * 5 >= caps + (t1 - i - 1))
			return false;
	}
	if (letters >= 3 && allcaps == letters)
		return true;
	return words >= 3 && caps * 4 >= words * 3 && lower * 5 < caps;
}

/* --- which words may be names -------------------------------------------------- */

static bool only_spaces(const char *t, uint32_t p, uint32_t q);

static bool ends_like_common_word(const char *s, size_t n)
{
	static const char *const suffix[] = { "ly", "ing", "ed" };
	for (size_t i = 0; i < 3; i++) {
		size_t m = strlen(suffix[i]);
		if (n > m + 2 && eqn(s + n - m, suffix[i], m))
			return true;
	}
	return false;
}

static bool vouched(const finder *F, const tok *k)
{
	if ((k->lx & L_KNOWN) || (k->f & (T_MIXED | T_PARTPRE)))
		return true;
	size_t n = k->e - k->s - ((k->f & T_DOTS) ? 1 : 0);
	return wset_has(&F->capmid, F->t + k->s, n, k->hw);
}

/* Could this word (not yet knowing its neighbours) be part of a name? */
static bool plain_name_word(const tok *k)
{
	if (!(k->f & T_WORD) || (k->f & (T_DIGIT | T_SPLIT | T_MONEY)))
		return false;
	if (!(k->f & (T_CAP | T_MIXED | T_PARTPRE)))
		return false;
	if ((k->f & T_HYPHLOW) && !(k->f & T_PARTPRE))
		return false;
	if (k->lx & (L_C_FUNC | L_C_NUM | L_C_FURN | L_C_CODE | L_C_TIME))
		return false;
	return true;
}

/* Whether the possessive on token i is inside an organisation's name
 * ("Regional People's Party", "Information Commissioner's Office",
 * "Bristol Magistrates' Court"): the possessor is a title word, a plural
 * ("Magistrates'") or "People's", "Women's", "Children's", "Men's", and
 * capitalised words right after it reach an organisation's head within
 * three words. "Russia's Foreign Ministry" stays a possessor and a name. */
static bool poss_inside_name(const finder *F, size_t i, size_t t1)
{
	static const char *const plurals[] = { "People", "Women", "Children", "Men", NULL };
	const tok *k = &F->toks[i];
	const char *w = F->t + k->s;
	size_t n = k->e - k->s;
	/* a plural only after another word of the name ("Bristol
	 * Magistrates' Court", not "The Beatles' Apple Corps") */
	bool possessor = (k->lx & L_TITLE) ||
		(n > 2 && w[n - 1] == 's' && F->t[k->e] == '\'' && k->pe == k->e + 1 && i > 0 &&
		 (F->toks[i - 1].f & T_WORD) && (F->toks[i - 1].f & T_CAP) &&
		 !(F->toks[i - 1].lx & L_C_FUNC) && only_spaces(F->t, F->toks[i - 1].e, k->s));
	for (size_t j = 0; plurals[j] && !possessor; j++)
		possessor = n == strlen(plurals[j]) && !memcmp(w, plurals[j], n);
	if (!possessor || (k->lx & (L_GAZ | L_GIVEN | L_FAMILY)))
		return false;
	uint32_t prev_end = k->pe;
	for (size_t j = i + 1; j < t1 && j <= i + 3; j++) {
		const tok *x = &F->toks[j];
		if (!(x->f & T_WORD) || !(x->f & T_CAP) || !only_spaces(F->t, prev_end, x->s))
			return false;
		if (x->lx & L_ORGHEAD)
			return true;
		if (x->f & T_POSS)
			return false;
		prev_end = x->e;
	}
	return false;
}

/* Whether a hyphenated word ends in a part that makes it an adjective
 * ("Jose-based", "York-listed", "Paris-born", "Chicago-area"). */
static bool adjective_suffix(const char *t, const tok *k)
{
	static const char *const parts[] = { "born", "made", "style", "area", "bound", "wide", NULL };
	uint32_t h = k->e;
	while (h > k->s && t[h - 1] != '-')
		h--;
	if (h == k->s)
		return false;
	size_t n = k->e - h;
	if (n >= 3 && t[k->e - 2] == 'e' && t[k->e - 1] == 'd')
		return true;
	for (size_t i = 0; parts[i]; i++)
		if (n == strlen(parts[i]) && !memcmp(t + h, parts[i], n))
			return true;
	return false;
}

static void mark_names(finder *F, size_t t0, size_t t1, bool headline)
{
	for (size_t i = t0; i < t1; i++) {
		tok *k = &F->toks[i];
		if (headline)
			k->f |= T_HEAD;
		if ((k->f & (T_POSS | T_CAP)) == (T_POSS | T_CAP) && poss_inside_name(F, i, t1)) {
			k->f &= ~T_POSS; /* the name runs on: one word with its "'s" */
			k->e = k->pe;
		}
		/* "Ten Hag", "Van Dijk": a capitalised particle opens a surname;
		 * at a sentence's start only before another particle ("De la
		 * Cruz said", "Van der Berg said") */
		if ((k->lx & L_PART_WORD) && (k->f & T_CAP) && !headline && i + 1 < t1 &&
		    only_spaces(F->t, k->pe, F->toks[i + 1].s) &&
		    ((!(k->f & T_START) && plain_name_word(&F->toks[i + 1]) && (F->toks[i + 1].f & T_CAP)) ||
		     ((F->toks[i + 1].f & T_LOWER) && (F->toks[i + 1].lx & L_PART_WORD) && i + 2 < t1 &&
		      (F->toks[i + 2].f & T_CAP) && plain_name_word(&F->toks[i + 2])))) {
			k->f |= T_NAME;
			continue;
		}
		if (!plain_name_word(k))
			continue;
		/* "San Jose-based", "New York-listed": the first words of a
		 * compound adjective, not a name ("Park Ji-hoon" is one) */
		if (i + 1 < t1 && (F->toks[i + 1].f & (T_CAP | T_HYPHLOW)) == (T_CAP | T_HYPHLOW) &&
		    !(F->toks[i + 1].f & T_PARTPRE) && only_spaces(F->t, k->pe, F->toks[i + 1].s) &&
		    adjective_suffix(F->t, &F->toks[i + 1]))
			continue;
		bool ok;
		if (headline) {
			/* "Anna Weber Meets ...": a first name vouches for the
			 * capitalised word right after it; a first name with no
			 * such word after it ("Senators Draft Bill to Block ...")
			 * is a name only if the article writes it so */
			const tok *pv = i > t0 ? &F->toks[i - 1] : NULL;
			const tok *nx = i + 1 < t1 ? &F->toks[i + 1] : NULL;
			size_t n = k->e - k->s - ((k->f & T_DOTS) ? 1 : 0);
			bool lone_given = (k->lx & L_GIVEN) && !(k->lx & L_KNOWN & ~(L_GIVEN | L_NONACTOR)) &&
			                  !(k->f & (T_MIXED | T_PARTPRE)) &&
			                  !wset_has(&F->capmid, F->t + k->s, n, k->hw) &&
			                  !(nx && plain_name_word(nx) && (nx->f & T_CAP) &&
			                    only_spaces(F->t, k->pe, nx->s));
			ok = (vouched(F, k) && !lone_given) ||
			     (pv && (pv->f & T_NAME) && (pv->lx & L_GIVEN) && !(k->lx & L_KNOWN) &&
			      (k->f & T_CAP) && only_spaces(F->t, pv->pe, k->s));
		} else if (k->f & T_START) {
			size_t n = k->e - k->s - ((k->f & T_DOTS) ? 1 : 0);
			if (vouched(F, k))
				ok = true;
			else if (wset_has(&F->lower, F->t + k->s, n, k->hw))
				ok = false;
			else if (k->f & T_ALLCAPS)
				ok = true;
			else if (ends_like_common_word(F->t + k->s, n))
				ok = false;
			else if (i + 1 < t1 && plain_name_word(&F->toks[i + 1]) &&
			         !(F->toks[i + 1].f & T_START) &&
			         only_spaces(F->t, F->toks[i].pe, F->toks[i + 1].s))
				ok = true; /* "Apoorva Kaul said": another name word follows */
			else
				ok = true, k->f |= T_TENT; /* the other documents decide */
		} else {
			ok = true;
		}
		if (ok)
			k->f |= T_NAME;
	}
}

/* --- runs and their elements ---------------------------------------------- */

enum { E_NAME = 1, E_GAZ, E_TITLE, E_CONN, E_SKIP };
enum { TK_HEAD = 1, TK_WEAK, TK_MOD, TK_HON };
enum { C_PART = 1, C_OF, C_THE, C_AND, C_BRACKET };

typedef struct elem {
	size_t a, b;              /* tokens [a, b) */
	uint8_t k;                /* E_* */
	uint8_t sub;              /* TK_* or C_* */
	const ctl_gaz_entry *gz;
} elem;

#define MAX_ELEMS 64


/* Only white space (any script's) in [p, q)? */
static bool only_spaces(const char *t, uint32_t p, uint32_t q)
{
	while (p < q) {
		uint32_t len;
		if (!cp_space(cp_at(t, p, q, &len)))
			return false;
		p += len;
	}
	return true;
}

/* Words [i, j) are consecutive words with only spaces between them. */
static bool adjacent(const finder *F, size_t i, size_t j)
{
	for (size_t k = i; k < j; k++) {
		const tok *a = &F->toks[k];
		if (!(a->f & T_WORD))
			return false;
		if (k + 1 < j) {
			if (a->f & T_POSS)
				return false;
			if (!only_spaces(F->t, a->e, F->toks[k + 1].s))
				return false;
		}
	}
	return true;
}

/* Words [i, j) joined with single spaces into buf; false if too long. */
static bool phrase_key(const finder *F, size_t i, size_t j, char *buf, size_t cap, size_t *n)
{
	size_t m = 0;
	for (size_t k = i; k < j; k++) {
		const tok *a = &F->toks[k];
		size_t l = a->e - a->s;
		if (m + l + 2 > cap)
			return false;
		if (k > i)
			buf[m++] = ' ';
		memcpy(buf + m, F->t + a->s, l);
		m += l;
	}
	buf[m] = '\0';
	*n = m;
	return true;
}

static size_t multi_match_at(const finder *F, size_t i, size_t end, const ctl_gaz_entry **gz,
		uint8_t *title);

/* The longest gazetteer or title name of two words or more at token i
 * (looked up once per token; a span's tokens end at `end` for every call). */
static size_t multi_match(const finder *F, size_t i, size_t end, const ctl_gaz_entry **gz,
		uint8_t *title)
{
	tok *k = &F->toks[i];
	if (!k->mm_done) {
		k->mm_w = (uint8_t)multi_match_at(F, i, end, &k->mm_gz, &k->mm_title);
		k->mm_done = true;
	}
	*gz = k->mm_gz;
	*title = k->mm_title;
	return k->mm_w;
}

static size_t multi_match_at(const finder *F, size_t i, size_t end, const ctl_gaz_entry **gz,
		uint8_t *title)
{
	const struct ctl_actors_data *d = F->d;
	*gz = NULL;
	*title = 0;
	/* a phrase key begins with token i's own bytes: only the lengths some
	 * key starting with that word has are worth looking up */
	size_t maxw = ctl_actors_first_word_max(d, F->t + F->toks[i].s, F->toks[i].e - F->toks[i].s);
	for (size_t w = maxw; w >= 2; w--) {
		if (i + w > end || !adjacent(F, i, i + w))
			continue;
		char buf[256];
		size_t n;
		if (!phrase_key(F, i, i + w, buf, sizeof(buf), &n))
			continue;
		if (F->toks[i].f & (T_CAP | T_MIXED)) {
			const ctl_gaz_entry *g = ctl_gaz_get(d, buf, n);
			if (g) {
				*gz = g;
				return w;
			}
		}
		const ctl_lex_entry *e = ctl_lexicon_get(d->titles, buf, n);
		if (!e)
			e = ctl_lex_get_sg(d->titles, buf, n);
		if (e && title_flags(e)) {
			uint32_t fl = title_flags(e);
			*title = fl == L_T_HEAD ? TK_HEAD : fl == L_T_WEAK ? TK_WEAK :
			         fl == L_T_MOD ? TK_MOD : TK_HON;
			return w;
		}
	}
	return 0;
}

static uint8_t title_kind(uint32_t lx)
{
	return (lx & L_T_HON) ? TK_HON : (lx & L_T_HEAD) ? TK_HEAD : (lx & L_T_WEAK) ? TK_WEAK :
	       (lx & L_T_MOD) ? TK_MOD : 0;
}

static bool name_start(const finder *F, size_t i, size_t end)
{
	const ctl_gaz_entry *g;
	uint8_t tt;
	return (F->toks[i].f & T_NAME) || (i < end && multi_match(F, i, end, &g, &tt) && g);
}

/* Whether token i is a word the article also writes in lower case (only
 * the words step 1 put in `starts` are known). */
static bool lower_too(const finder *F, size_t i)
{
	const tok *w = &F->toks[i];
	size_t n = w->e - w->s - ((w->f & T_DOTS) ? 1 : 0);
	return (w->f & T_WORD) && wset_has(&F->lower, F->t + w->s, n, w->hw);
}

/* Whether "and" at token k joins two halves of one organisation's name:
 * the words before it are plain names with no head of their own, and the
 * capitalised words after it end, within four, on an organisation's head
 * ("Food and Drug Administration", "Disaster Risk Reduction and
 * Management Council"). The name is an institution's when "the" opens it,
 * or when a word next to "and" is a common noun, one the article also
 * writes in lower case ("Derbyshire Fire and Rescue Service" in a report
 * on a rescue); not a list ("the group Grimlock and Quorvane Holdings"). */
static bool and_to_head(const finder *F, const elem *el, size_t n, size_t k, size_t end)
{
	size_t a = n ? el[0].a : k;
	bool the = a && (F->toks[a - 1].lx & L_X_THE);
	bool common = !the && k > 0 && k + 1 < end && (lower_too(F, k - 1) || lower_too(F, k + 1));
	if (!the && !common)
		return false;
	/* "the U.S. Food and Drug Administration", "the Lusaka Water Supply
	 * and Sanitation Company": a place's name first */
	size_t q0 = n > 1 && el[0].k == E_GAZ && el[0].gz && el[0].gz->kind != CTL_GAZ_ORG ? 1 : 0;
	/* "the Economic and Financial Crimes Commission": a title's modifier
	 * may stand among the words */
	for (size_t q = q0; q < n; q++)
		if (!(el[q].k == E_NAME || (el[q].k == E_TITLE && el[q].sub == TK_MOD)) ||
		    (F->toks[el[q].b - 1].lx & (L_ORGHEAD | L_G_HEAD | L_GIVEN | L_FAMILY | L_GAZ)))
			return false;
	for (size_t j = k + 1; j < end && j <= k + 4; j++) {
		const tok *w = &F->toks[j];
		if (!(w->f & T_CAP) || (w->f & T_POSS))
			return false;
		if (w->lx & L_ORGHEAD)
			return true;
	}
	return false;
}

/* Builds the run of name words starting at token i; returns its end. */
static size_t build_run(const finder *F, size_t i, size_t end, elem *el, size_t *nel)
{
	size_t k = i, n = 0;
	bool in_comp = false;
	while (k < end && n + 2 < MAX_ELEMS) {
		const tok *a = &F->toks[k];
		const ctl_gaz_entry *g;
		uint8_t tt;
		size_t w = (a->f & T_WORD) && ((a->f & (T_CAP | T_MIXED)) || (a->lx & L_TITLE)) ?
		           multi_match(F, k, end, &g, &tt) : 0;
		if (w && (g || (F->toks[k].f & (T_CAP | T_NAME)) || k + w < end)) {
			bool lowtitle = !g && (a->f & T_LOWER);
			if (lowtitle && !(k + w < end && name_start(F, k + w, end)))
				break;
			el[n++] = (elem){ k, k + w, g ? E_GAZ : E_TITLE, g ? 0 : tt, g };
			k += w;
			if (F->toks[k - 1].f & T_POSS)
				break;
			continue;
		}
		if (a->f & T_NAME) {
			uint8_t tk = title_kind(a->lx);
			if (tk)
				el[n++] = (elem){ k, k + 1, E_TITLE, tk, NULL };
			else if (a->gz)
				el[n++] = (elem){ k, k + 1, E_GAZ, 0, a->gz };
			else
				el[n++] = (elem){ k, k + 1, E_NAME, 0, NULL };
			k++;
			if (a->f & T_POSS)
				break;
			continue;
		}
		/* lower-case titles before a name ("spokesman Dmitry Peskov") */
		if ((a->f & T_LOWER) && title_kind(a->lx)) {
			size_t j = k;
			while (j < end && (F->toks[j].f & T_LOWER) && title_kind(F->toks[j].lx) &&
			       !(F->toks[j].f & T_POSS))
				j++;
			if (j < end && name_start(F, j, end) && adjacent(F, k, j + 1)) {
				for (; k < j; k++)
					el[n++] = (elem){ k, k + 1, E_TITLE, title_kind(F->toks[k].lx), NULL };
				continue;
			}
			break;
		}
		if (!n) {
			/* "..., van Dijk said": particles open a surname named alone */
			size_t j = k;
			while (j < end && j - k < 3 && (F->toks[j].f & T_LOWER) && (F->toks[j].lx & L_PART_WORD))
				j++;
			if (j > k && j < end && (F->toks[j].f & T_NAME) && (F->toks[j].f & T_CAP) &&
			    (k == i && (i == 0 || !(F->toks[i - 1].f & T_NAME)))) {
				for (; k < j; k++)
					el[n++] = (elem){ k, k + 1, E_NAME, 0, NULL };
				continue;
			}
			break;
		}
		const elem *prev = &el[n - 1];
		const tok *pl = &F->toks[prev->b - 1];
		/* "Kim Jong-un", "Theresa May" */
		if (prev->k == E_NAME && (a->f & T_WORD) &&
		    (((a->f & T_HYPHLOW) && (pl->lx & L_FAMILY)) ||
		     ((a->f & T_CAP) && (a->lx & L_C_TIME) && (pl->lx & L_GIVEN)))) {
			el[n++] = (elem){ k, k + 1, E_NAME, 0, NULL };
			k++;
			continue;
		}
		bool next_name = k + 1 < end && name_start(F, k + 1, end);
		/* "da Silva", and runs of particles: "van der Berg", "de la Cruz" */
		size_t parts = 0;
		while (parts < 3 && k + parts < end && (F->toks[k + parts].f & T_LOWER) &&
		       (F->toks[k + parts].lx & L_PART_WORD))
			parts++;
		if (parts && k + parts < end && (prev->k == E_NAME || prev->k == E_GAZ) &&
		    (parts == 1 ? next_name : name_start(F, k + parts, end)) && n + parts + 2 < MAX_ELEMS) {
			for (size_t q = 0; q < parts; q++, k++)
				el[n++] = (elem){ k, k + 1, E_CONN, C_PART, NULL };
			continue;
		}
		if ((a->lx & L_X_OF) && (a->f & T_LOWER)) {
			/* after a head ("Ministry of ...", "President of ..."), or
			 * between unknown words ("Call of Duty") */
			bool head = (prev->k == E_TITLE && (prev->sub == TK_HEAD || prev->sub == TK_WEAK)) ||
			            (prev->k == E_NAME && (pl->lx & (L_ORGHEAD | L_P_HEAD | L_G_HEAD | L_NONACTOR)));
			bool plain = prev->k == E_NAME && !(pl->lx & (L_KNOWN | L_C_ADJ)) && !in_comp &&
			             k + 1 < end && (F->toks[k + 1].f & T_NAME) && !F->toks[k + 1].gz &&
			             !(F->toks[k + 1].lx & L_KNOWN) && !(pl->f & T_POSS);
			head |= plain && (a->lx & L_X_OFNAME);
			/* a second complement: "Front for Renewal of the North",
			 * "Office for the Coordination of Humanitarian Affairs";
			 * not a place's ("Ministry of Defence of Freedonia") */
			bool second = in_comp && prev->k == E_NAME && (a->lx & L_X_OFNAME);
			size_t j = k + 1;
			bool the = j < end && (F->toks[j].lx & L_X_THE) && (F->toks[j].f & T_LOWER);
			if (the)
				j++;
			if ((head || (second && j < end && !F->toks[j].gz)) && j < end && name_start(F, j, end)) {
				el[n++] = (elem){ k, k + 1, E_CONN, C_OF, NULL };
				if (the)
					el[n++] = (elem){ k + 1, k + 2, E_CONN, C_THE, NULL };
				k = j;
				in_comp = true;
				continue;
			}
			break;
		}
		if (((a->lx & L_X_AND) && (a->f & T_LOWER) && (in_comp || and_to_head(F, el, n, k, end)) &&
		     next_name) ||
		    (a->p == '&' && next_name && prev->k == E_NAME)) {
			el[n++] = (elem){ k, k + 1, E_CONN, C_AND, NULL };
			k++;
			continue;
		}
		if (a->p == ']' && prev->k == E_NAME && next_name && (F->toks[k + 1].f & T_NAME)) {
			el[n++] = (elem){ k, k + 1, E_CONN, C_BRACKET, NULL };
			k++;
			continue;
		}
		break;
	}
	/* no connector at the end */
	while (n && el[n - 1].k == E_CONN) {
		k = el[n - 1].a;
		n--;
	}
	*nel = n;
	return k;
}

/* --- emitting ------------------------------------------------------------------ */

/* The words of tokens [a, b) joined by single spaces (brackets dropped). */
static char *join_words(const finder *F, size_t a, size_t b)
{
	ctl_buf buf = CTL_BUF_INIT;
	for (size_t k = a; k < b; k++) {
		const tok *t = &F->toks[k];
		if (!(t->f & T_WORD) && t->p != '&')
			continue;
		if (buf.len)
			ctl_buf_putc(&buf, ' ');
		ctl_buf_put(&buf, F->t + t->s, t->e - t->s);
	}
	return ctl_buf_detach(&buf, NULL);
}

static cand *emit(finder *F, size_t a, size_t b, ctl_actor_type type, ctl_mention_role role,
		uint8_t cue, const char *resolved)
{
	cand *c = CTL_ARRAY_PUSH(F->cands, F->ncands, F->candcap);
	memset(c, 0, sizeof(*c));
	c->m.start = F->toks[a].s;
	c->m.end = F->toks[b - 1].e;
	c->m.ext_start = c->m.start;
	c->m.type = type;
	c->m.role = role;
	c->m.cue = cue;
	c->m.name = join_words(F, a, b);
	c->m.resolved = resolved ? ctl_xstrdup(resolved) : NULL;
	c->key = ctl_name_key(c->m.name, strlen(c->m.name));
	c->words = ctl_key_words(c->key);
	F->last_end = F->toks[b - 1].pe;
	F->last_kind = 1;
	return c;
}

/* A joined place keeps its comma: "Bergen, Norway". */
static void raw_name(finder *F, cand *c)
{
	ctl_buf buf = CTL_BUF_INIT;
	uint32_t len;
	for (uint32_t p = c->m.start; p < c->m.end;) {
		uint32_t cp = cp_at(F->t, p, c->m.end, &len);
		if (cp_space(cp)) {
			if (buf.len && buf.ptr[buf.len - 1] != ' ')
				ctl_buf_putc(&buf, ' ');
		} else {
			ctl_buf_put(&buf, F->t + p, len);
		}
		p += len;
	}
	free(c->m.name);
	free(c->key);
	c->m.name = ctl_buf_detach(&buf, NULL);
	c->key = ctl_name_key(c->m.name, strlen(c->m.name));
	c->words = ctl_key_words(c->key);
}

static void drop(finder *F, size_t a, size_t b)
{
	/* a word with a capital inside ("MacBook" in "MacBook Air") names the
	 * product alone too */
	if (b - a > 1)
		for (size_t k = a; k < b; k++) {
			const tok *w = &F->toks[k];
			if ((w->f & T_MIXED) && !(w->f & T_ALLCAPS) && !(w->lx & L_KNOWN)) {
				char *wk = ctl_name_key(F->t + w->s, w->e - w->s);
				kset_add(&F->dropped, wk);
				free(wk);
			}
		}
	char *name = join_words(F, a, b);
	char *key = ctl_name_key(name, strlen(name));
	free(name);
	kset_add(&F->dropped, key);
	free(F->last_key);
	F->last_key = key;
	F->last_kind = 2;
	F->last_end = F->toks[b - 1].pe;
}

/* A lower-case phrase of 1-3 words right after token j (exclusive start j)
 * or ending right before token i, found in `lex` with one of the kinds. */
static const ctl_lex_entry *phrase_near(const finder *F, size_t lo, size_t hi, size_t at,
		bool after, const ctl_lexicon *lex)
{
	size_t maxw = ctl_lexicon_max_words(lex);
	for (size_t w = maxw < 3 ? maxw : 3; w >= 1; w--) {
		size_t i, j;
		if (after) {
			i = at;
			j = at + w;
			if (j > hi)
				continue;
		} else {
			if (at < lo + w)
				continue;
			i = at - w;
			j = at;
		}
		bool ok = true;
		for (size_t k = i; k < j && ok; k++)
			ok = (F->toks[k].f & T_LOWER) && !(F->toks[k].f & T_DIGIT);
		if (!ok || !adjacent(F, i, j))
			continue;
		/* no entry of w words begins with this word (the singular is
		 * tried on the last word only, so the first stays as written) */
		const tok *first = &F->toks[i];
		if (w > 1 && !(first->f & T_DOTS) && ctl_lexicon_first_word_max_h(lex, first->hw) < w)
			continue;
		if (w == 1 && !(first->f & T_DOTS)) /* the word as it stands, hashed */
			return ctl_lex_get_sg_h(lex, F->t + first->s, first->e - first->s, first->hw);
		char buf[128];
		size_t n;
		if (!phrase_key(F, i, j, buf, sizeof(buf), &n))
			continue;
		const ctl_lex_entry *e = ctl_lex_get_sg(lex, buf, n);
		if (e)
			return e;
	}
	return NULL;
}

static bool where_ok(const ctl_lex_entry *e, bool after)
{
	const char *k = ctl_lex_kind(e);
	return !*k || !strcmp(k, "both") || !strcmp(k, after ? "after" : "before");
}

/* "in Bergen", "in central Oslo", "in the US", "the town of Avdiivka" */
static bool locative_before(const finder *F, size_t lo, size_t a)
{
	size_t k = a;
	for (int step = 0; step < 3 && k > lo; step++) {
		const tok *p = &F->toks[k - 1];
		if (!(p->f & T_WORD))
			return false;
		if (p->lx & L_X_LOC) {
			/* "shares in Brightwell Data": a company's */
			const tok *h = k - 1 > lo ? &F->toks[k - 2] : NULL;
			const ctl_lex_entry *e = h && (h->f & T_WORD) && (h->f & (T_LOWER | T_START)) ?
				ctl_lexicon_get(F->d->context, F->t + h->s, h->e - h->s) : NULL;
			if (e && kind_is(e, "stake"))
				return false;
			return (p->f & T_LOWER) || (p->f & T_START);
		}
		if (step == 0 && (p->lx & L_X_OFNAME) && (p->f & T_LOWER) && k - 1 > lo &&
		    (F->toks[k - 2].lx & L_X_PLACEOF) && (F->toks[k - 2].f & T_LOWER))
			return true;
		if (!(p->lx & (L_X_LOCADJ | L_X_THE)) || !(p->f & T_LOWER))
			return false;
		k--;
	}
	return false;
}

/* ", who", ", aged", ", 49," right after token b */
static bool person_after(const finder *F, size_t b, size_t hi)
{
	if (b + 1 >= hi || F->toks[b].p != ',')
		return false;
	const tok *n = &F->toks[b + 1];
	if ((n->lx & L_X_PERSON) && (n->f & T_LOWER))
		return true;
	return (n->f & T_DIGIT) && n->e - n->s <= 3 && b + 2 < hi && F->toks[b + 2].p == ',';
}

/* The region, state or country after "City," (token b is the comma). */
static size_t region_after(const finder *F, size_t b, size_t hi, bool any_country)
{
	if (b + 1 >= hi || F->toks[b].p != ',')
		return 0;
	const ctl_gaz_entry *g;
	uint8_t tt;
	size_t w = multi_match(F, b + 1, hi, &g, &tt);
	if (!w || !g) {
		w = 1;
		g = (F->toks[b + 1].f & T_CAP) ? F->toks[b + 1].gz : NULL;
	}
	if (!g || (F->toks[b + w].f & T_POSS))
		return 0;
	/* "Springdale, Arkansas Governor ...": the region opens the next name */
	size_t n = b + 1 + w;
	if (n < hi && (F->toks[n].f & (T_CAP | T_NAME)) && only_spaces(F->t, F->toks[n - 1].pe, F->toks[n].s))
		return 0;
	if (g->kind == CTL_GAZ_REGION || (any_country && g->kind == CTL_GAZ_COUNTRY))
		return n;
	return 0;
}

typedef struct ctx {
	size_t lo, hi;            /* the span's tokens */
} ctx;

static void emit_gaz(finder *F, const ctx *X, const elem *e, bool ignore_role)
{
	const ctl_gaz_entry *g = e->gz;
	size_t a = e->a, b = e->b;
	/* "US dollars": a currency */
	if (b < X->hi && (F->toks[b].lx & L_X_MONEY) && (F->toks[b].f & T_LOWER) &&
	    !(F->toks[b - 1].f & T_POSS))
		return;
	bool loc = !ignore_role && locative_before(F, X->lo, a);
	switch (g->kind) {
	case CTL_GAZ_COUNTRY:
		emit(F, a, b, CTL_ACTOR_COUNTRY, loc ? CTL_MENTION_PLACE : CTL_MENTION_ACTOR,
			CTL_CUE_LEXICON, g->canonical);
		return;
	case CTL_GAZ_ORG:
		emit(F, a, b, (ctl_actor_type)g->type, CTL_MENTION_ACTOR, CTL_CUE_LEXICON, g->canonical);
		return;
	case CTL_GAZ_CAPITAL:
	case CTL_GAZ_METONYM:
	case CTL_GAZ_CITY:
	case CTL_GAZ_REGION: {
		size_t r = (F->toks[b - 1].f & T_POSS) ? 0 : region_after(F, b, X->hi, true);
		bool place = g->kind == CTL_GAZ_CITY || g->kind == CTL_GAZ_REGION || loc || r;
		if (!place) {
			emit(F, a, b, CTL_ACTOR_COUNTRY, CTL_MENTION_ACTOR, CTL_CUE_LEXICON, g->canonical);
			return;
		}
		size_t end = r ? r : b;
		cand *c = emit(F, a, end, CTL_ACTOR_OTHER, CTL_MENTION_PLACE, CTL_CUE_LEXICON, NULL);
		if (r)
			raw_name(F, c);
		if (!r && strlen(g->form) == c->m.end - c->m.start &&
		    memcmp(g->form, F->t + c->m.start, c->m.end - c->m.start))
			c->m.resolved = ctl_xstrdup(g->form); /* "OSLO" -> "Oslo" */
		return;
	}
	case CTL_GAZ_DEMONYM: {
		/* "Norwegian authorities", "the Chinese government" */
		const ctl_lex_entry *gn = phrase_near(F, X->lo, X->hi, b, true, F->d->gov_nouns);
		if (gn && !(F->toks[b - 1].f & T_POSS))
			emit(F, a, b, CTL_ACTOR_COUNTRY, CTL_MENTION_ACTOR, CTL_CUE_LEXICON, g->canonical);
		return;
	}
	case CTL_GAZ_PLURAL:
		/* "the Americans" */
		if (a > X->lo && (F->toks[a - 1].lx & L_X_THE) && (F->toks[a - 1].f & T_LOWER))
			emit(F, a, b, CTL_ACTOR_COUNTRY, CTL_MENTION_ACTOR, CTL_CUE_LEXICON, g->canonical);
		return;
	default:
		return;
	}
}

/* "Sweden's Elin Brandqvist", "Japan's Kenta Moriyama": two plain words
 * right after a country's possessive (the mention just emitted) name a
 * person of that country; a company has its head ("Japan's Toyota Motor
 * Corp") or is one word. */
static bool after_country_poss(const finder *F, const ctx *X, size_t a, size_t b)
{
	if (a <= X->lo || b - a != 2 || !F->ncands)
		return false;
	const tok *p = &F->toks[a - 1];
	const cand *c = &F->cands[F->ncands - 1];
	if (!(p->f & T_POSS) || c->dead || c->m.type != CTL_ACTOR_COUNTRY || c->m.end != p->e ||
	    !only_spaces(F->t, p->pe, F->toks[a].s) || !only_spaces(F->t, F->toks[a].e, F->toks[a + 1].s))
		return false;
	for (size_t k = a; k < b; k++) {
		const tok *w = &F->toks[k];
		if (!(w->f & T_WORD) || !(w->f & T_CAP) || (w->f & (T_ALLCAPS | T_MIXED | T_DIGIT | T_POSS)) ||
		    w->gz || (w->lx & (L_KNOWN | L_C_ADJ | L_O_DESC | L_MODEL)))
			return false;
	}
	return true;
}

/* A name of tokens [a, b) with no list entry: its type from its words and
 * its neighbours. `titled`: a person's title stands before it. */
static void emit_name(finder *F, const ctx *X, size_t a, size_t b, const char *title,
		uint32_t title_start, bool before_title)
{
	const struct ctl_actors_data *d = F->d;
	const tok *first = &F->toks[a], *last = &F->toks[b - 1];
	size_t nw = 0;
	bool letter1 = false, allcaps_one;
	for (size_t k = a; k < b; k++)
		if (F->toks[k].f & T_WORD) {
			nw++;
			letter1 |= (F->toks[k].f & T_LETTER1) != 0;
		}
	allcaps_one = nw == 1 && (first->f & T_ALLCAPS) && !(first->f & T_HEAD);
	bool poss = (last->f & T_POSS) != 0;
	size_t after = b;

	/* "Presidents Weber and Haddad": the plural title covers both */
	if (!title && F->plural_title && a >= X->lo + 2 && (F->toks[a - 1].lx & L_X_AND) &&
	    (F->toks[a - 1].f & T_LOWER) && F->toks[a - 2].pe == F->plural_end) {
		cand *c = emit(F, a, b, CTL_ACTOR_PERSON, CTL_MENTION_ACTOR, CTL_CUE_LEXICON, NULL);
		c->m.title = ctl_xstrdup(F->plural_title);
		return;
	}
	if (title) {
		cand *c = emit(F, a, b, CTL_ACTOR_PERSON, CTL_MENTION_ACTOR, CTL_CUE_LEXICON, NULL);
		c->m.title = ctl_xstrdup(title);
		c->m.ext_start = title_start;
		/* a plural head: the word is not listed, its singular is */
		const tok *h = &F->toks[a - 1];
		free(F->plural_title);
		F->plural_title = NULL;
		if ((h->lx & (L_T_HEAD | L_T_WEAK)) && (h->f & T_WORD) && h->e - h->s > 2 &&
		    (F->t[h->e - 1] == 's' || F->t[h->e - 1] == 'S') &&
		    !lexget(F->d->titles, F->t + h->s, h->e - h->s)) {
			F->plural_title = ctl_xstrdup(title);
			F->plural_end = F->toks[b - 1].pe;
		}
		return;
	}
	/* a title word or a cue alone is no name */
	if (nw == 1 && (first->lx & (L_TITLE | L_O_DESC | L_C_ADJ | L_ORGHEAD | L_P_HEAD |
	                              L_NONACTOR | L_MODEL | L_G_HEAD | L_PART_WORD)) &&
	    !(first->lx & (L_GIVEN | L_FAMILY)))
		return;
	/* products and versions: "Mac OS X", "WWDC 2005", "the iPod Nano";
	 * not a person's name before a score ("beating Elin Brandqvist 7-5") */
	bool given = (first->lx & (L_GIVEN | L_FAMILY)) && nw >= 2;
	bool number_after = after < X->hi && (F->toks[after].f & T_DIGIT) &&
	                    (F->toks[after].f & T_WORD) && !poss &&
	                    !(given || (F->toks[after].f & T_HYPH));
	bool camel_before = a > X->lo && (F->toks[a - 1].f & T_CAMEL) && adjacent(F, a - 1, a + 1);
	if (letter1 || number_after || camel_before) {
		drop(F, a, b);
		return;
	}
	/* "Springdale, Arkansas" (not a person's name) */
	size_t r = poss || given ? 0 : region_after(F, b, X->hi, false);
	if (r) {
		raw_name(F, emit(F, a, r, CTL_ACTOR_OTHER, CTL_MENTION_PLACE, CTL_CUE_CONTEXT, NULL));
		return;
	}
	ctl_actor_type type = CTL_ACTOR_ORGANIZATION;
	uint8_t cue = CTL_CUE_GUESS;
	ctl_mention_role role = CTL_MENTION_ACTOR;
	const ctl_lex_entry *e;
	if (nw >= 2 && (last->lx & (L_ORGHEAD | L_G_HEAD))) {
		type = (last->lx & L_ORGHEAD) ? CTL_ACTOR_ORGANIZATION : CTL_ACTOR_GROUP;
		cue = CTL_CUE_LEXICON;
	} else if ((first->lx & (L_GIVEN | L_FAMILY)) && nw >= 2) {
		type = CTL_ACTOR_PERSON;
		cue = CTL_CUE_LEXICON;
	} else if (after_country_poss(F, X, a, b)) {
		type = CTL_ACTOR_PERSON;
		cue = CTL_CUE_CONTEXT;
	} else if (((e = phrase_near(F, X->lo, X->hi, after, true, d->group_cues)) && where_ok(e, true) && !poss) ||
	           ((e = phrase_near(F, X->lo, X->hi, a, false, d->group_cues)) && where_ok(e, false))) {
		type = CTL_ACTOR_GROUP;
		cue = CTL_CUE_CONTEXT;
	} else if (((e = phrase_near(F, X->lo, X->hi, after, true, d->org_cues)) && kind_is(e, "descriptor") && !poss) ||
	           ((e = phrase_near(F, X->lo, X->hi, a, false, d->org_cues)) && kind_is(e, "descriptor"))) {
		type = CTL_ACTOR_ORGANIZATION;
		cue = CTL_CUE_CONTEXT;
	} else if (phrase_near(F, X->lo, X->hi, a, false, d->products) ||
	           (!poss && (e = phrase_near(F, X->lo, X->hi, after, true, d->nonactor)) &&
	            (kind_is(e, "product") || kind_is(e, "model")))) {
		drop(F, a, b); /* "web browser Safari", "the Webb telescope" */
		return;
	} else if (!poss && (e = phrase_near(F, X->lo, X->hi, after, true, d->place_heads)) &&
	           after < X->hi && F->toks[after].s < F->toks[b - 1].pe + 2) {
		type = CTL_ACTOR_OTHER; /* "the Moscone West center" */
		role = CTL_MENTION_PLACE;
		cue = CTL_CUE_CONTEXT;
	} else if (person_after(F, b, X->hi)) {
		type = CTL_ACTOR_PERSON;
		cue = CTL_CUE_CONTEXT;
	} else if (locative_before(F, X->lo, a) && !poss) {
		type = CTL_ACTOR_OTHER;
		role = CTL_MENTION_PLACE;
		cue = CTL_CUE_CONTEXT;
	} else if (nw == 1 && (first->lx & (L_GIVEN | L_FAMILY))) {
		type = CTL_ACTOR_PERSON;
	} else if (before_title) {
		cue = CTL_CUE_SHAPE; /* "Korvell CEO ..." */
	} else if (allcaps_one || nw >= 2) {
		cue = CTL_CUE_SHAPE;
	}
	/* an acronym in brackets right after a name is that name */
	if (allcaps_one && a > X->lo && F->toks[a - 1].p == '(' && b < X->hi && F->toks[b].p == ')' &&
	    F->last_kind && F->toks[a - 1].s <= F->last_end + 2) {
		if (F->last_kind == 2) {
			drop(F, a, b);
			return;
		}
		cand *prev = &F->cands[F->ncands - 1];
		if (prev->m.role == CTL_MENTION_ACTOR) {
			const char *res = prev->m.resolved ? prev->m.resolved : prev->m.name;
			char *rc = ctl_xstrdup(res);
			/* emit() may grow F->cands and move it: read prev first
			 * (a use after free found by fuzz_extract) */
			bool gaz = prev->gaz;
			cand *c = emit(F, a, b, prev->m.type, CTL_MENTION_ACTOR, prev->m.cue, NULL);
			c->m.resolved = rc;
			c->gaz = gaz;
			return;
		}
	}
	cand *c = emit(F, a, b, type, role, cue, NULL);
	c->m.tentative = nw == 1 && (first->f & T_TENT);
	c->plain = cue == CTL_CUE_SHAPE || cue == CTL_CUE_GUESS;
	for (size_t k = a; k < b && c->plain; k++)
		c->plain = (F->toks[k].f & T_WORD) && (F->toks[k].f & T_CAP) &&
		           !(F->toks[k].f & (T_ALLCAPS | T_MIXED)) && !F->toks[k].gz &&
		           !(F->toks[k].lx & (L_KNOWN | L_C_ADJ));
}

/* Is there an org/group/place/event head deciding what zone [z0, z1) is? */
static uint32_t zone_head(const finder *F, const elem *el, size_t z0, size_t z1)
{
	/* an "of" complement after a head: the head decides */
	for (size_t i = z0 + 1; i < z1; i++)
		if (el[i].k == E_CONN && el[i].sub == C_OF && el[i - 1].k == E_NAME) {
			uint32_t h = F->toks[el[i - 1].b - 1].lx & (L_ORGHEAD | L_G_HEAD | L_P_HEAD | L_NONACTOR);
			/* a place's head with a "for" complement names a body
			 * ("Centre for Security Studies"), not a venue */
			const tok *c = &F->toks[el[i].a];
			if (h == L_P_HEAD && c->e - c->s == 3 && !memcmp(F->t + c->s, "for", 3))
				return L_O_HEAD;
			return h;
		}
	if (el[z1 - 1].k != E_NAME)
		return 0;
	uint32_t lx = F->toks[el[z1 - 1].b - 1].lx;
	if (lx & L_NONACTOR)
		return L_NONACTOR;
	/* "MacBook Air" is a product, "Cambrian Air" an airline */
	if ((lx & L_MODEL) && el[z1 - 1].b - 1 > el[z0].a)
		return (F->toks[el[z1 - 1].b - 2].f & (T_MIXED | T_CAMEL)) ? L_NONACTOR : L_O_HEAD;
	if (lx & L_ORGHEAD)
		return L_O_HEAD;
	if (lx & L_G_HEAD)
		return L_G_HEAD;
	if (lx & L_P_HEAD)
		return L_P_HEAD;
	return 0;
}

/* "The Regional District of Kelso", "the City of Harlan Springs": the head
 * of an administrative unit (place_heads.tsv `admin`), capitalised, with
 * an "of" complement, names its government, an actor, unless a locative
 * word stands before it ("in the Municipality of Valle"). */
static bool admin_body(const finder *F, const ctx *X, const elem *el, size_t z0, size_t z1)
{
	for (size_t i = z0 + 1; i < z1; i++)
		if (el[i].k == E_CONN && el[i].sub == C_OF && el[i - 1].k == E_NAME) {
			const tok *h = &F->toks[el[i - 1].b - 1];
			return (h->f & T_CAP) && kind_is(lexget(F->d->place_heads, F->t + h->s, h->e - h->s), "admin") &&
			       !locative_before(F, X->lo, el[z0].a);
		}
	return false;
}

static char *title_text(const finder *F, const elem *el, size_t t0, size_t t1)
{
	return join_words(F, el[t0].a, el[t1 - 1].b);
}

/* Parses one run's elements into mentions. */
static void parse_run(finder *F, const ctx *X, elem *el, size_t n)
{
	/* 1. title phrases: [title words][of complement], valid when they end
	 *    in a head; a lone capitalised weak head needs a given name after */
	bool is_title[MAX_ELEMS] = { false };
	size_t comp_end[MAX_ELEMS];
	for (size_t i = 0; i < n; i++)
		comp_end[i] = i;
	for (size_t i = 0; i < n;) {
		if (el[i].k != E_TITLE) {
			i++;
			continue;
		}
		size_t j = i;
		while (j < n && el[j].k == E_TITLE)
			j++;
		/* drop trailing modifiers */
		size_t h = j;
		while (h > i && el[h - 1].sub == TK_MOD)
			h--;
		bool valid = h > i;
		size_t ce = h;
		if (valid && h == j && j < n && el[j].k == E_CONN && el[j].sub == C_OF) {
			/* the complement runs to a person's name, or through a country */
			size_t c = j + 1;
			bool the = c < n && el[c].k == E_CONN && el[c].sub == C_THE;
			if (the)
				c++;
			while (c < n && !(el[c].k == E_TITLE && (el[c].sub == TK_HEAD || el[c].sub == TK_HON))) {
				if (el[c].k == E_NAME && (F->toks[el[c].a].lx & (L_GIVEN | L_FAMILY)) &&
				    c + 1 < n && el[c + 1].k == E_NAME)
					break;
				if (el[c].k == E_GAZ && el[c].gz->kind == CTL_GAZ_COUNTRY) {
					c++;
					break;
				}
				c++;
			}
			ce = c;
		}
		if (valid) {
			bool strong = false, lowercase = (F->toks[el[i].a].f & T_LOWER) != 0;
			for (size_t k = i; k < h; k++)
				strong |= el[k].sub == TK_HEAD || el[k].sub == TK_HON ||
				          (F->toks[el[k].a].f & T_DOTS) || el[k].b - el[k].a > 1;
			if (h - i >= 2 && el[h - 1].sub == TK_WEAK)
				strong = true; /* "Attorney General" */
			bool given_next = ce < n && el[ce].k == E_NAME &&
			                  (F->toks[el[ce].a].lx & (L_GIVEN | L_FAMILY));
			valid = strong || lowercase || given_next;
			/* "Justice Ministry", "President Hotel": the title words
			 * belong to the name of an organisation or place */
			if (valid && ce == h && ce < n && el[ce].k == E_NAME && !given_next) {
				size_t z = ce;
				while (z < n && el[z].k != E_TITLE)
					z++;
				if (zone_head(F, el, ce, z) && !(el[i].sub == TK_HON))
					valid = false;
			}
		}
		if (valid) {
			for (size_t k = i; k < ce; k++)
				is_title[k] = true;
			comp_end[i] = ce;
			i = ce > j ? ce : j;
			if (h < j) /* modifiers after the head ("Deputy Chairman Acting"?) */
				for (size_t k = h; k < j; k++)
					is_title[k] = true;
		} else {
			for (size_t k = i; k < j; k++)
				el[k].k = (F->toks[el[k].a].f & (T_CAP | T_NAME)) ? E_NAME : E_SKIP;
			i = j;
		}
	}

	/* 2. zones between titles */
	size_t i = 0;
	char *title = NULL;
	uint32_t title_start = 0;
	while (i < n) {
		if (is_title[i]) {
			size_t t0 = i;
			while (i < n && is_title[i] && (i == t0 || comp_end[i] == i))
				i++;
			free(title);
			title = title_text(F, el, t0, i);
			title_start = F->toks[el[t0].a].s;
			/* a demonym right before the title belongs to it */
			if (t0 > 0 && el[t0 - 1].k == E_GAZ && el[t0 - 1].gz->kind == CTL_GAZ_DEMONYM)
				title_start = F->toks[el[t0 - 1].a].s;
			/* mentions inside a complement: "of the USA", "of the Chilean
			 * Foreign Ministry" */
			size_t ce = comp_end[t0];
			for (size_t k = t0; k < ce; k++) {
				if (el[k].k != E_CONN || el[k].sub != C_OF)
					continue;
				size_t c0 = k + 1;
				bool the = c0 < ce && el[c0].sub == C_THE && el[c0].k == E_CONN;
				if (the)
					c0++;
				if (c0 >= ce)
					break;
				if (ce - c0 == 1 && el[c0].k == E_GAZ) {
					emit_gaz(F, X, &el[c0], true);
				} else if (the && zone_head(F, el, c0, ce) == L_O_HEAD) {
					size_t a = el[c0].a;
					if (el[c0].k == E_GAZ && el[c0].gz->kind == CTL_GAZ_COUNTRY) {
						emit_gaz(F, X, &el[c0], true);
						a = el[c0 + 1].a;
					}
					emit(F, a, el[ce - 1].b, CTL_ACTOR_ORGANIZATION, CTL_MENTION_ACTOR,
						CTL_CUE_LEXICON, NULL);
				}
				break;
			}
			continue;
		}
		size_t z0 = i;
		while (i < n && !is_title[i])
			i++;
		size_t z1 = i;
		bool titled = z0 > 0 && title != NULL;
		bool before_title = z1 < n;
		/* skip bad elements at the edges */
		while (z0 < z1 && (el[z0].k == E_SKIP || el[z0].k == E_CONN))
			z0++;
		while (z1 > z0 && (el[z1 - 1].k == E_SKIP || el[z1 - 1].k == E_CONN))
			z1--;
		if (z0 >= z1) {
			continue;
		}
		uint32_t head = zone_head(F, el, z0, z1);
		if (head && !(z1 - z0 == 1 && el[z0].b - el[z0].a == 1 && el[z0].k == E_NAME &&
		              (F->toks[el[z0].a].lx & (L_GIVEN | L_FAMILY)))) {
			size_t a0 = z0;
			/* "US Senate ...": an abbreviated country stays apart */
			if (el[a0].k == E_GAZ && el[a0].gz->exact && a0 + 1 < z1) {
				emit_gaz(F, X, &el[a0], false);
				a0++;
			}
			size_t a = el[a0].a, b = el[z1 - 1].b;
			bool single = b - a == 1;
			const tok *ft = &F->toks[a];
			if (head == L_NONACTOR) {
				drop(F, a, b);
			} else if (single && (head == L_P_HEAD || (ft->f & (T_START | T_HEAD)) ||
			                      (ft->lx & (L_O_LEGAL | L_O_GENERIC)))) {
				/* "Police said", a lone "Group": too vague */
			} else if (head == L_P_HEAD && admin_body(F, X, el, a0, z1)) {
				emit(F, a, b, CTL_ACTOR_ORGANIZATION, CTL_MENTION_ACTOR, CTL_CUE_LEXICON, NULL);
			} else if (head == L_P_HEAD) {
				size_t r = (F->toks[b - 1].f & T_POSS) ? 0 : region_after(F, el[z1 - 1].b, X->hi, false);
				cand *c = emit(F, a, r ? r : b, CTL_ACTOR_OTHER, CTL_MENTION_PLACE, CTL_CUE_LEXICON, NULL);
				if (r)
					raw_name(F, c);
			} else {
				emit(F, a, b, head == L_G_HEAD ? CTL_ACTOR_GROUP : CTL_ACTOR_ORGANIZATION,
					CTL_MENTION_ACTOR, CTL_CUE_LEXICON, NULL);
			}
			free(title);
			title = NULL;
			continue;
		}
		/* split into names and gazetteer names */
		size_t k = z0;
		bool first_unit = true;
		while (k < z1) {
			if (el[k].k == E_GAZ) {
				/* "Jordan Peterson": a given name that is also a place;
				 * "Saudi Aramco", "Manchester United": a demonym or a
				 * city opening a name */
				bool given = el[k].b - el[k].a == 1 &&
				             (F->toks[el[k].a].lx & (L_GIVEN | L_FAMILY)) &&
				             k + 1 < z1 && el[k + 1].k == E_NAME;
				bool demonym = (el[k].gz->kind == CTL_GAZ_DEMONYM || el[k].gz->kind == CTL_GAZ_CITY ||
				                el[k].gz->kind == CTL_GAZ_CAPITAL) && k + 1 < z1 &&
				               el[k + 1].k == E_NAME &&
				               !(F->toks[el[k + 1].a].lx & (L_GIVEN | L_FAMILY | L_C_ADJ)) &&
				               !(F->toks[el[k].b - 1].f & T_POSS);
				if (!given && !demonym) {
					emit_gaz(F, X, &el[k], false);
					k++;
					first_unit = false;
					continue;
				}
			}
			if (el[k].k != E_NAME && el[k].k != E_GAZ) {
				k++;
				continue;
			}
			size_t u0 = k;
			bool person = (F->toks[el[k].a].lx & (L_GIVEN | L_FAMILY)) != 0;
			k++;
			while (k < z1) {
				if (el[k].k == E_NAME) {
					/* "Korvell Inc. Anna Weber": a name ends after a legal
					 * form or head, before a given name */
					if ((F->toks[el[k - 1].b - 1].lx & L_ORGHEAD) &&
					    (F->toks[el[k].a].lx & (L_GIVEN | L_FAMILY)) &&
					    k + 1 < z1 && el[k + 1].k == E_NAME)
						break;
					k++;
					continue;
				}
				if (el[k].k == E_CONN) {
					/* one connector, or a run of particles ("de la") */
					size_t j = k + 1;
					while (el[k].sub == C_PART && j < z1 && el[j].k == E_CONN && el[j].sub == C_PART)
						j++;
					if (j < z1 && (el[j].k == E_NAME || (person && el[j].k == E_GAZ))) {
						k = j;
						continue;
					}
				}
				/* "Michael Jordan": a place's name inside a person's */
				if (el[k].k == E_GAZ && person && el[k].b - el[k].a == 1 &&
				    el[k].gz->kind != CTL_GAZ_DEMONYM) {
					k++;
					continue;
				}
				break;
			}
			size_t u1 = k;
			bool t = titled && first_unit;
			emit_name(F, X, el[u0].a, el[u1 - 1].b, t ? title : NULL, title_start,
				before_title && u1 == z1);
			first_unit = false;
		}
		free(title);
		title = NULL;
	}
	free(title);
}

/* --- the document --------------------------------------------------------------- */

/* A wire dateline at the start of a line, after any indent ("OSLO (Agency) -",
 * "BERGEN, January 24."): words in capitals, an optional "(Agency)", then a
 * comma or a dash, with any white space between (as ctl_dateline_end, but
 * no-break spaces too). Returns where the text goes on, or 0; *place_end
 * gets the end of the place. Only a known place, or one with an agency,
 * counts ("ACME, the company ..." is no dateline). */
static uint32_t dateline(finder *F, uint32_t ss, uint32_t se, uint32_t *place_end)
{
	const char *t = F->t;
	uint32_t b = ss; /* the line may be indented (or was a "<p>" tag) */
	while (b > 0 && (t[b - 1] == ' ' || t[b - 1] == '\t'))
		b--;
	if (b > 0 && t[b - 1] != '\n')
		return 0;
	uint32_t p = ss, caps = 0, len;
	while (p < se && (ctl_is_upper((unsigned char)t[p]) || t[p] == ' ' || t[p] == '-' ||
	                  t[p] == '.' || t[p] == '\'')) {
		caps += ctl_is_upper((unsigned char)t[p]);
		p++;
	}
	if (caps < 3)
		return 0;
	uint32_t pe = p;
	while (pe > ss && (t[pe - 1] == ' ' || t[pe - 1] == '-' || t[pe - 1] == '.'))
		pe--;
	while (p < se && cp_space(cp_at(t, p, se, &len)))
		p += len;
	bool agency = false;
	if (p < se && t[p] == '(') {
		const char *close = memchr(t + p, ')', se - p);
		if (!close || close - (t + p) > 40)
			return 0;
		p = (uint32_t)(close - t) + 1;
		agency = true;
	}
	while (p < se && cp_space(cp_at(t, p, se, &len)))
		p += len;
	if (p >= se)
		return 0;
	uint32_t cp = cp_at(t, p, se, &len);
	if (cp != ',' && cp != '-' && cp != 0x2013 && cp != 0x2014)
		return 0;
	uint32_t end = p + len;
	bool tagged = false;
	if (cp == ',') {
		/* what follows the comma up to a dash, if only capitalised words,
		 * numbers and an agency's tag: "NAIROBI, March 5 (Agency) -",
		 * "LISBON, Portugal (AP) —", "TANEGASHIMA, Kagoshima —" belong
		 * to the dateline (the agency filed the report; it acts in no
		 * event) */
		bool word_start = true, paren = false;
		for (uint32_t q = end; q < se && q < end + 48; q += len) {
			uint32_t c = cp_at(t, q, se, &len);
			if (c == '-' || c == 0x2013 || c == 0x2014) {
				if (q > end && t[q - 1] == ' ') {
					end = q + len;
					tagged = true;
				}
				break;
			}
			if (c == '(' || c == ')') {
				paren = c == '(';
				word_start = true;
				continue;
			}
			if (cp_space(c) || c == ',' || c == '.') {
				word_start = true;
				continue;
			}
			if (word_start && !paren && c < 0x80 && !ctl_is_upper((unsigned char)c) &&
			    !ctl_is_digit((unsigned char)c))
				break; /* a lower-case word: a sentence, not a dateline */
			word_start = false;
		}
	}
	/* a place the gazetteer knows, or any place with an agency's tag */
	if (!agency && !tagged && !ctl_gaz_get(F->d, t + ss, pe - ss))
		return 0;
	*place_end = pe;
	return end;
}

static int cmp_cand(const void *a, const void *b)
{
	const cand *x = a, *y = b;
	if (x->m.start != y->m.start)
		return x->m.start < y->m.start ? -1 : 1;
	return x->m.end < y->m.end ? -1 : x->m.end > y->m.end;
}

static const char *last_word(const char *key)
{
	const char *sp = strrchr(key, ' ');
	return sp ? sp + 1 : key;
}

/* The document's mentions, checked against each other. */
static void settle(finder *F)
{
	kset surnames = { 0 }, singles = { 0 }, sure = { 0 };
	for (size_t i = 0; i < F->ncands; i++)
		if (!F->cands[i].m.tentative)
			kset_add(&sure, F->cands[i].key);
	for (size_t i = 0; i < F->ncands; i++)
		if (F->cands[i].m.tentative && kset_has(&sure, F->cands[i].key))
			F->cands[i].m.tentative = 0;
	for (size_t i = 0; i < F->ncands; i++) {
		cand *c = &F->cands[i];
		if (c->m.role != CTL_MENTION_ACTOR || c->gaz || c->m.resolved)
			continue;
		/* a name dropped as a product or event elsewhere in the document */
		if (c->m.cue <= CTL_CUE_SHAPE && kset_has(&F->dropped, c->key))
			c->dead = true;
		else if (c->m.type == CTL_ACTOR_PERSON && c->words >= 2 && c->m.cue >= CTL_CUE_CONTEXT) {
			char *sur = ctl_person_surname(F->d, c->key);
			kset_add(&surnames, sur);
			free(sur);
		}
		else if (c->m.type == CTL_ACTOR_PERSON && c->words == 1 && c->m.title)
			kset_add(&surnames, c->key); /* "President Weber ... Weber said" */
		else if (c->words == 1 && c->m.cue < CTL_CUE_CONTEXT)
			kset_add(&singles, c->key);
	}
	for (size_t i = 0; i < F->ncands; i++) {
		cand *c = &F->cands[i];
		if (c->dead || c->m.role != CTL_MENTION_ACTOR || c->gaz || c->m.resolved ||
		    c->m.cue >= CTL_CUE_CONTEXT)
			continue;
		/* a surname alone: the person named in full elsewhere */
		if (c->words <= 3 && kset_has(&surnames, c->key)) {
			c->m.type = CTL_ACTOR_PERSON;
			c->m.cue = CTL_CUE_CONTEXT;
			c->m.tentative = 0;
		} else if (c->plain && c->words >= 2 && c->words <= 3 && kset_has(&singles, last_word(c->key))) {
			/* "Apoorva Kaul" ... "Kaul": organisations are not called by
			 * their last word */
			c->m.type = CTL_ACTOR_PERSON;
			c->m.cue = CTL_CUE_CONTEXT;
			kset_add(&surnames, last_word(c->key));
		}
	}
	for (size_t i = 0; i < F->ncands; i++) {
		cand *c = &F->cands[i];
		if (!c->dead && c->m.role == CTL_MENTION_ACTOR && !c->gaz && !c->m.resolved &&
		    c->words <= 3 && c->m.cue < CTL_CUE_CONTEXT && kset_has(&surnames, c->key)) {
			c->m.type = CTL_ACTOR_PERSON;
			c->m.cue = CTL_CUE_CONTEXT;
			c->m.tentative = 0;
		}
	}
	kset_free(&sure);
	kset_free(&surnames);
	kset_free(&singles);
}

static void mark_gaz(finder *F)
{
	for (size_t i = 0; i < F->ncands; i++)
		if (F->cands[i].m.resolved && !F->cands[i].gaz)
			F->cands[i].gaz = F->cands[i].m.type == CTL_ACTOR_COUNTRY ||
			                  F->cands[i].m.cue == CTL_CUE_LEXICON;
}

int ctl_mentions_find(ctl_mention_list *out, const ctl_resources *res,
		const ctl_document *doc, ctl_error *err)
{
	return ctl_mentions_find_cached(out, res, doc, NULL, err);
}

/* Whether a name holds the site's name as whole words ("Nordic Pulse",
 * "Get ByteWire Daily" on ByteWire), ASCII case ignored. */
static bool names_site(const char *name, const char *site)
{
	size_t n = strlen(name), m = strlen(site);
	for (size_t i = 0; m && i + m <= n; i++) {
		if ((i > 0 && name[i - 1] != ' ') || (i + m < n && name[i + m] != ' '))
			continue;
		if (ctl_eq_nocase(name + i, m, site))
			return true;
	}
	return false;
}

int ctl_mentions_find_cached(ctl_mention_list *out, const ctl_resources *res,
		const ctl_document *doc, ctl_lex_cache *cache, ctl_error *err)
{
	(void)err;
	finder F;
	memset(&F, 0, sizeof(F));
	ctl_lex_cache *own = cache ? NULL : ctl_lex_cache_new();
	F.lc = cache ? cache : own;
	F.d = res->actors;
	F.res = res->id;
	F.doc = doc;
	F.t = doc->text;
	wset_init(&F.capmid, doc->text);
	wset_init(&F.lower, doc->text);
	wset_init(&F.starts, doc->text);

	size_t nspans;
	ctl_span *spans = ctl_document_read_spans(doc, &nspans);
	F.spans = ctl_xcalloc(nspans ? nspans : 1, sizeof(*F.spans));
	uint32_t *dl_end = ctl_xcalloc(nspans ? nspans : 1, sizeof(uint32_t));
	/* room for the tokens of the spans (about one per five bytes of text),
	 * so the array is rarely copied as it grows */
	size_t span_bytes = 0;
	for (size_t s = 0; s < nspans; s++)
		span_bytes += spans[s].end - spans[s].start;
	ctl_array_grow((void **)&F.toks, &F.tokcap, span_bytes / 5 + 16, sizeof(*F.toks));
	/* and for the distinct words of the sets, roughly, so that few grow */
	wset_reserve(&F.capmid, span_bytes / 48);
	wset_reserve(&F.starts, span_bytes / 256);

	/* 1. tokens and the document's evidence */
	for (size_t s = 0; s < nspans; s++) {
		span_toks *st = &F.spans[F.nspans++];
		st->t0 = F.ntoks;
		tokenise(&F, spans[s].start, spans[s].end);
		st->t1 = F.ntoks;
		st->headline = is_headline(&F, st->t0, st->t1);
		uint32_t pe = 0, de = dateline(&F, spans[s].start, spans[s].end, &pe);
		if (de) {
			dl_end[s] = de;
			for (size_t i = st->t0; i < st->t1; i++)
				if (F.toks[i].s >= de) {
					F.toks[i].f |= T_START;
					break;
				}
		}
		if (st->headline)
			continue;
		for (size_t i = st->t0; i < st->t1; i++) {
			const tok *k = &F.toks[i];
			if (!(k->f & T_WORD))
				continue;
			size_t n = k->e - k->s - ((k->f & T_DOTS) ? 1 : 0);
			/* and the words around "and" between capitals, which
			 * and_to_head asks about ("Fire and Rescue Service") */
			bool around_and = (k->f & T_CAP) &&
				((i + 2 < st->t1 && (F.toks[i + 1].lx & L_X_AND) && (F.toks[i + 2].f & T_CAP)) ||
				 (i >= st->t0 + 2 && (F.toks[i - 1].lx & L_X_AND) && (F.toks[i - 2].f & T_CAP)));
			if ((k->f & T_START) || around_and) {
				wset_add(&F.starts, k->s, (uint32_t)n, k->hw);
				F.start_bits[(k->hw >> 52) & 63] |= 1ull << ((k->hw >> 58) & 63);
			}
			if (k->s < de)
				continue;
			if ((k->f & (T_CAP | T_MIXED)) && !(k->f & T_START))
				wset_add(&F.capmid, k->s, (uint32_t)n, k->hw);
			else if ((k->f & T_START) && plain_name_word(k) && i + 1 < st->t1 &&
			         plain_name_word(&F.toks[i + 1]) && (F.toks[i + 1].f & T_CAP) &&
			         only_spaces(F.t, k->pe, F.toks[i + 1].s))
				wset_add(&F.capmid, k->s, (uint32_t)n, k->hw); /* "Korvell Computer said" */
		}
	}
	/* which of the words that open a sentence the article also writes in
	 * lower case (the only words step 2 asks about): one probe of the
	 * small set a lower-case word, instead of a set of all of them */
	for (size_t s = 0; s < F.nspans && F.starts.n; s++) {
		const span_toks *st = &F.spans[s];
		if (st->headline)
			continue;
		for (size_t i = st->t0; i < st->t1; i++) {
			const tok *k = &F.toks[i];
			/* one branch, rarely taken (the conditions are not) */
			if (!(((k->f & (T_WORD | T_LOWER)) == (T_WORD | T_LOWER)) & (k->s >= dl_end[s]) &
			      (unsigned)((F.start_bits[(k->hw >> 52) & 63] >> ((k->hw >> 58) & 63)) & 1)))
				continue;
			size_t n = k->e - k->s - ((k->f & T_DOTS) ? 1 : 0);
			if (wset_has(&F.starts, F.t + k->s, n, k->hw))
				wset_add(&F.lower, k->s, (uint32_t)n, k->hw);
		}
	}

	/* 2-4. names, runs, mentions */
	for (size_t s = 0; s < F.nspans; s++) {
		span_toks *st = &F.spans[s];
		mark_names(&F, st->t0, st->t1, st->headline);
		ctx X = { st->t0, st->t1 };
		F.last_kind = 0;
		size_t i = st->t0;
		if (dl_end[s]) {
			/* a wire dateline says where the report was filed, not where
			 * anything happens: no mention (the events stage reads it) */
			while (i < st->t1 && F.toks[i].s < dl_end[s])
				i++;
		}
		while (i < st->t1) {
			tok *k = &F.toks[i];
			if (k->f & T_SPLIT) {
				/* "Chile-Peru": each country's name a mention */
				uint32_t p = k->s;
				while (p < k->e) {
					uint32_t q = p;
					while (q < k->e && F.t[q] != '-')
						q++;
					const ctl_gaz_entry *g = ctl_gaz_get(F.d, F.t + p, q - p);
					if (g && (g->kind == CTL_GAZ_COUNTRY || g->kind == CTL_GAZ_ORG)) {
						cand *c = CTL_ARRAY_PUSH(F.cands, F.ncands, F.candcap);
						memset(c, 0, sizeof(*c));
						c->m.start = c->m.ext_start = p;
						c->m.end = q;
						c->m.type = g->kind == CTL_GAZ_ORG ? (ctl_actor_type)g->type : CTL_ACTOR_COUNTRY;
						c->m.role = CTL_MENTION_ACTOR;
						c->m.cue = CTL_CUE_LEXICON;
						c->m.name = ctl_xstrndup(F.t + p, q - p);
						c->m.resolved = ctl_xstrdup(g->canonical);
						c->key = ctl_name_key(c->m.name, strlen(c->m.name));
						c->words = 1;
						c->gaz = true;
					}
					p = q + 1;
				}
				i++;
				continue;
			}
			elem el[MAX_ELEMS];
			size_t nel = 0;
			size_t next = (k->f & T_WORD) ? build_run(&F, i, st->t1, el, &nel) : i;
			if (!nel) {
				i = next > i ? next : i + 1;
				continue;
			}
			parse_run(&F, &X, el, nel);
			i = next;
		}
	}
	mark_gaz(&F);
	settle(&F);

	/* 5. out, in text order, without overlaps */
	if (F.ncands)
		qsort(F.cands, F.ncands, sizeof(*F.cands), cmp_cand);
	uint32_t last_end = 0;
	for (size_t i = 0; i < F.ncands; i++) {
		cand *c = &F.cands[i];
		/* the site the article is on ("..., Kantola told Nordic Pulse"),
		 * and its own products ("Get ByteWire Daily") */
		if (doc->site && c->m.name && names_site(c->m.name, doc->site))
			c->dead = true;
		if (!c->dead && c->m.start >= last_end && c->m.end > c->m.start) {
			*CTL_ARRAY_PUSH(out->items, out->len, out->cap) = c->m;
			last_end = c->m.end;
		} else {
			free(c->m.name);
			free(c->m.resolved);
			free(c->m.title);
		}
		free(c->key);
	}
	free(F.cands);
	free(F.toks);
	free(F.spans);
	free(spans);
	free(dl_end);
	free(F.last_key);
	free(F.plural_title);
	wset_free(&F.capmid);
	wset_free(&F.lower);
	wset_free(&F.starts);
	kset_free(&F.dropped);
	ctl_lex_cache_free(own);
	return 0;
}
