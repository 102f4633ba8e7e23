/*
 * The time tagger's internals, shared by its files:
 *   timex_data.c  the word table built from the data/time/ lexicons, the tokenizer
 *   timex_cal.c   calendar values: granularities, shifts, TIMEX3 strings
 *   timex.c       the grammar (one left-to-right pass over the tokens),
 *                 resolution against the document date or earlier dates,
 *                 and the public API
 */
#ifndef CTL_TIMEX_INTERNAL_H
#define CTL_TIMEX_INTERNAL_H

#include "ctimeline/timex.h"
#include "util.h"

/* ---- the word table ---------------------------------------------------- */

/* What a word (or a multi-token key such as "a.m." or "the end of") is;
 * one key can be several things ("second": an ordinal and a unit). */
enum {
	TW_MONTH = 1u << 0,
	TW_WDAY = 1u << 1,
	TW_NUM = 1u << 2,
	TW_ORD = 1u << 3,
	TW_SUFFIX = 1u << 4,
	TW_UNIT = 1u << 5,
	TW_SEASON = 1u << 6,
	TW_HOLIDAY = 1u << 7,
	TW_POD = 1u << 8,
	TW_ZONE = 1u << 9,
	TW_MOD = 1u << 10,
	TW_DEICTIC = 1u << 11,
	TW_REL = 1u << 12,
	TW_TENSE = 1u << 13,
	TW_FREQ = 1u << 14
};

/* month / weekday / season / zone flags */
enum { TF_ABBR = 1, TF_AMB = 2, TF_PLURAL = 4, TF_ANYCASE = 8 };

/* numbers.tsv kinds */
enum { N_CARD = 1, N_ARTICLE, N_FUZZY, N_MULT, N_HALF, N_TIMES };

/* units.tsv: the code knows how each unit is written in TIMEX3 */
enum {
	U_NONE = 0, U_SECOND, U_MINUTE, U_HOUR, U_DAY, U_WEEK, U_WEEKEND,
	U_FORTNIGHT, U_MONTH, U_QUARTER, U_HALF, U_SEASON, U_YEAR, U_DECADE,
	U_CENTURY, U_MILLENNIUM, U_COUNT
};
enum { UF_PLURAL = 1, UF_NOART = 2, UF_PREFIX = 4, UF_NODUR = 8 };

/* parts_of_day.tsv kinds */
enum { P_PART = 1, P_CLOCK, P_AMPM, P_OCLOCK };

/* modifiers.tsv kinds */
enum { M_POINT = 1, M_QUANT };

/* deictic.tsv */
enum { D_OFFSET = 1, D_REF };

/* relatives.tsv roles */
enum {
	R_LAST = 1u << 0, R_NEXT = 1u << 1, R_THIS = 1u << 2, R_PAST = 1u << 3,
	R_COMING = 1u << 4, R_FOLLOWING = 1u << 5, R_PREVIOUS = 1u << 6,
	R_SAME = 1u << 7, R_AGO = 1u << 8, R_LATER = 1u << 9,
	R_EARLIER = 1u << 10, R_BEFORE = 1u << 11, R_AFTER = 1u << 12,
	R_EVERY = 1u << 13, R_PER = 1u << 14, R_RECENT = 1u << 15,
	R_DET = 1u << 16, R_OF = 1u << 17, R_AND = 1u << 18, R_OLD = 1u << 19,
	R_LONG = 1u << 20, R_TIMES = 1u << 21, R_PREP = 1u << 22,
	R_FISCAL = 1u << 23, R_FOR = 1u << 24
};

/* tense.tsv */
enum { TN_PAST = 1, TN_FUTURE = 2, TN_PRESENT = 4, TN_AUX = 8, TN_NOTED = 16 };

/* holidays.tsv rules */
enum { H_FIXED = 1, H_NTH, H_EASTER };
typedef struct tx_holiday {
	uint8_t kind;
	int8_t month, day;   /* H_FIXED */
	int8_t nth, wday;    /* H_NTH: nth (-1 = last) weekday of month */
	int16_t offset;      /* H_EASTER: days after Easter Sunday */
} tx_holiday;

typedef struct tx_word {
	uint32_t cls;          /* TW_* */
	uint32_t starts;       /* bit n: a key of n tokens starts with this word */
	uint32_t starts_cls;   /* the classes of those longer keys */
	uint8_t inkey;         /* the word occurs after the first word of a key */
	uint32_t rel;          /* R_* */
	uint8_t tense;         /* TN_* */
	int8_t month, wday;
	uint8_t month_fl, wday_fl;
	uint8_t num_kind;
	double num;
	int8_t ord;
	uint8_t unit, unit_fl;
	uint8_t season, season_fl;  /* season: 1 SP, 2 SU, 3 FA, 4 WI */
	uint16_t holiday;      /* index + 1 into ctl_timex_data.holidays */
	uint8_t pod_kind;
	char pod[6];           /* "MO", "12:00", "AM" */
	uint8_t zone_fl;
	uint8_t mod_kind, mod_in;
	char mod[16];
	uint8_t deictic_kind, deictic_type;
	int16_t deictic_off;
	char deictic_ref[12];
	char deictic_pod[3];
	char freq_value[8];
	char freq[4];
} tx_word;

/* What a token may start (tx_tok.start), decided once per key at load time
 * so that the tagger's main loop never reads a word's entry for nothing. */
enum {
	S_START = 1,           /* can start an expression */
	S_IF_NEXT = 2,         /* only before an S_INTERESTING word or a number ("the", "a") */
	S_INTERESTING = 4,     /* a word of some class other than tense */
	S_LONG = 8             /* can start one where a longer key starts with it
	                          ("the end of", "at the time"): tx_long_keys */
};

typedef struct tx_slot {
	uint32_t hash;         /* key_hash of the key */
	uint16_t idx;          /* index + 1 into words; 0: empty */
	uint8_t len;           /* key length in bytes */
	uint8_t start;         /* S_* */
	uint64_t word;         /* a key of up to 8 bytes: ctl_pack8_nocase */
} tx_slot;

struct ctl_timex_data {
	tx_slot *slots;        /* open addressing, at most half full */
	size_t nslots;
	tx_word *words;        /* fixed capacity: pointers to them stay valid */
	uint32_t *keyoff;      /* each key's offset in pool */
	char *pool;            /* the keys, lowercase, NUL-terminated, contiguous */
	size_t poollen, poolcap;
	size_t nkeys, maxkeys;
	size_t maxlen;         /* longest key in bytes: longer words are skipped */
	uint64_t filter[1024]; /* bit per (length, first two and last byte) of
	                          every key: most words need no hashing */
	tx_holiday *holidays;
	size_t nholidays, holcap;
};

/* The S_* flags of an entry (timex.c knows which words start expressions). */
uint8_t tx_start_flags(const tx_word *w);

/* ---- tokens ------------------------------------------------------------ */

enum { TK_WORD = 1, TK_NUM, TK_PUNCT };
#define TX_LONG_KEYS 3

typedef struct tx_tok {
	uint32_t s, e;         /* byte offsets */
	int32_t val;           /* NUM: the value (capped) */
	uint16_t w;            /* WORD: index + 1 of its table entry, 0 if none
	                          (tx_entry) */
	uint16_t longw[TX_LONG_KEYS]; /* ... multi-token keys starting here: index + 1
	                          of their entries, longest first */
	uint8_t longn[TX_LONG_KEYS];  /* ... and their lengths in tokens */
	uint8_t nlong;
	uint8_t long_done;     /* the keys above have been looked up */
	uint8_t kind;
	uint8_t sp;            /* white space before it */
	uint8_t caps;          /* 1: capitalised, 2: all capitals (2+ letters) */
	uint8_t ndig;          /* NUM: digits (without separators) */
	uint8_t grouped;       /* NUM: written with thousands separators */
	char ch;               /* PUNCT: the ASCII character; '\'' for ’ and
	                          ‘, '-' for en and em dashes, 0 for others */
	uint8_t start;         /* WORD: S_* of its entry */
} tx_tok;

/* 32 bytes: the tokenizer writes one per word, number or mark of a page
 * (table entries are indices, not pointers, to keep it so) */
_Static_assert(sizeof(tx_tok) == 32, "tx_tok is 32 bytes");

/* The table entry of an index + 1 kept in a token (0: none). */
static inline const tx_word *tx_entry(const struct ctl_timex_data *d, uint16_t idx)
{
	return idx ? &d->words[idx - 1] : NULL;
}

/*
 * Splits text[s, e) (one line, no newline inside) into tokens appended to
 * *toks (capacity *cap, grown as needed); returns the count. Words are
 * looked up in the table as they are made.
 */
size_t tx_tokenize(const struct ctl_timex_data *d, const char *text, uint32_t s,
		uint32_t e, tx_tok **toks, size_t *cap);

/* The table's slot of a normalised key (lower case, apostrophes as '\''),
 * or NULL: what the tokenizer's look-up of a word must find (tests). */
const tx_slot *tx_lookup(const struct ctl_timex_data *d, const char *key, size_t len);

/*
 * The longest key of the table that starts at token i (single words and
 * multi-token keys such as "the end of", "a.m.") and has one of the
 * classes in `cls`; *ntok gets its length in tokens. NULL if none. The
 * multi-token look-ups are done once per token and kept in it.
 */
const tx_word *tx_match(const struct ctl_timex_data *d, const char *text,
		tx_tok *t, size_t n, size_t i, uint32_t cls, size_t *ntok);

/*
 * The multi-token keys that start at token i (looked up once per token and
 * kept in it, as tx_match does): how many, 0 if none or token i is no word
 * of the table.
 */
size_t tx_long_keys(const struct ctl_timex_data *d, const char *text, tx_tok *t, size_t n,
		size_t i);

/* ---- calendar values ---------------------------------------------------- */

/* Granularities, finest last. */
enum {
	G_NONE = 0, G_MILLENNIUM, G_CENTURY, G_DECADE, G_YEAR, G_HALF,
	G_QUARTER, G_SEASON, G_MONTH, G_WEEK, G_WEEKEND, G_DAY
};

/*
 * A calendar value at some granularity. y == 0 means the year is unknown
 * (XXXX); m, d == 0 unknown. `part` is the half (1-2), quarter (1-4),
 * season (1 SP .. 4 WI) or ISO week (with y its ISO year). `wd` names a
 * weekday whose week is unknown (XXXX-WXX-N).
 */
typedef struct tx_cal {
	uint8_t g;
	int y, m, d;
	int part;
	int wd;
	int fiscal;            /* a fiscal year: "FY2017" */
} tx_cal;

/* The value at granularity g that contains `day`. */
tx_cal tx_cal_of_day(ctl_day day, int g);
/* The first and last day of a value with a known year; false if unknown. */
bool tx_cal_bounds(const tx_cal *c, ctl_day *first, ctl_day *last);
/* Shifts a known value by n units of its own granularity. */
tx_cal tx_cal_shift(const tx_cal *c, int n);
/* The TIMEX3 date part ("2019-05-21", "2019-W21", "199", "XXXX-WXX-4"). */
void tx_cal_format(const tx_cal *c, char *out, size_t size);
/* Appends "T09:45" (or "TMO" when pod is given) to the value in out. */
void tx_time_format(char *out, size_t size, int hh, int mi, const char *pod);
/* The granularity a unit names (U_DAY -> G_DAY), G_NONE if none. */
int tx_unit_gran(int unit);
/* A holiday's date in year y (0 if it does not exist). */
ctl_day tx_holiday_day(const tx_holiday *h, int y);
/* Writes a duration value: n units (n < 0: unknown, "PXY"). */
void tx_duration_format(int unit, double n, char *out, size_t size);

#endif
