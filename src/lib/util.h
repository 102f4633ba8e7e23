/* Internal helpers shared by the library's stages. */
#ifndef CTL_UTIL_H
#define CTL_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Allocation that aborts on out-of-memory (cmark's policy): callers need
 * not check, and no structure is ever left half-built by a failed malloc. */
void *ctl_xmalloc(size_t n);
void *ctl_xcalloc(size_t n, size_t size);
void *ctl_xrealloc(void *p, size_t n);
char *ctl_xstrdup(const char *s);
/* A copy of p[0..n) in a block of its own size (n > 0). */
void *ctl_xmemdup(const void *p, size_t n);
/* A new string "<prefix><n>" ("e12"), as snprintf "%c%zu" writes it, at a
 * tenth of its cost (the merge names every event and actor). */
char *ctl_id_string(char prefix, size_t n);
/* Writes v in decimal at p (no NUL, at most 20 bytes); returns the end. */
char *ctl_put_decimal(char *p, uint64_t v);
char *ctl_xstrndup(const char *s, size_t n);
/* ctl_xstrndup with each run of spaces and tabs made one space, and none
 * at either end: a headline copied from text that held markup
 * ("Unit&#39;s Establishment" reads "Unit's     Establishment"). */
char *ctl_xstrndup_squeezed(const char *s, size_t n);
/* The same in place on s[0..n), NUL-terminated after; returns the length. */
size_t ctl_squeeze_spaces(char *s, size_t n);

/* Grows an array *items of *cap elements of `size` bytes to hold `need`. */
void ctl_array_grow(void **items, size_t *cap, size_t need, size_t size);
/*
 * Arrays that grow with the corpus (the extractor's event candidates and
 * actor records: tens of megabytes on a 100 MB run). From CTL_BIG_MIN
 * bytes such an array is a mapping of its own, grown with mremap, which
 * moves its pages instead of copying them: a realloc to 1.5 times the size
 * copies the array into pages faulted in fresh, and the old and new
 * blocks are both held at that moment (bench/README.md). Smaller ones are
 * malloc'd. The caller keeps the size: `old_bytes` must be what the block
 * was last given (0 with p NULL), and ctl_big_free takes it too. Where
 * mremap is missing, both are realloc and free.
 */
#define CTL_BIG_MIN ((size_t)1 << 20)
void *ctl_big_resize(void *p, size_t old_bytes, size_t new_bytes);
void ctl_big_free(void *p, size_t bytes);
/* Grows *items (a big block of *cap items of `size` bytes) by half, to
 * hold `need` items at least. */
void ctl_big_grow(void **items, size_t *cap, size_t need, size_t size);
/* The ASCII base letter of a letter of U+00C0-U+017F (Latin-1 Supplement
 * and Latin Extended-A: "á" a, "Ł" L), or 0 for any other code point. */
char ctl_latin_base(uint32_t cp);
/* s[0, n) with its letters of U+00C0-U+017F as their base letters, in
 * out ("Siobhán" Siobhan, "Dvořáková" Dvorakova); returns its length, or
 * 0 if it has none of them, another character beyond ASCII, or does not
 * fit in cap. */
size_t ctl_fold_latin(const char *s, size_t n, char *out, size_t cap);
/* Whether a code point is a capital letter: ASCII, Latin-1 and Latin
 * Extended-A ("Ł", "Ö"), Greek and Cyrillic. */
bool ctl_is_upper_cp_high(uint32_t cp);
static inline bool ctl_is_upper_cp(uint32_t cp)
{
	return cp < 0x80 ? cp >= 'A' && cp <= 'Z' : ctl_is_upper_cp_high(cp);
}
/* Whether s[0, n) opens with such a capital letter. */
bool ctl_starts_upper(const char *s, size_t n);
/* Union-find over indexes 0..n-1 (p[i] = i to start). The union makes the
 * smaller index the root, so the partition and its roots do not depend on
 * the order of the unions. */
size_t ctl_uf_find(size_t *p, size_t x);
void ctl_uf_union(size_t *p, size_t a, size_t b);

/* Runs fn(ctx, k) for k in [0, n): k = 0 on the calling thread, the others
 * on threads of their own (or, when none can be had, on the calling thread
 * after it; so for k from CTL_MAX_THREADS on), and returns when all are
 * done. The parts must not share what they write. */
#define CTL_MAX_THREADS 16
void ctl_run_parts(unsigned n, void (*fn)(void *ctx, unsigned k), void *ctx);
/* A pool of threads for a run of short steps, such as the merge's: with
 * the caller, `threads` of them (fewer if the processors online or
 * CTL_MAX_THREADS are fewer). ctl_pool_run(pool, n, fn, ctx) runs fn(ctx,
 * k) for k in [0, n), each part on whichever thread claims it (the
 * caller's too), and returns when all are done; the parts must not share
 * what they write nor wait for each other. Between steps the threads spin
 * for a while, then sleep. NULL or a pool of one thread runs the parts in
 * order on the caller. */
typedef struct ctl_pool ctl_pool;
ctl_pool *ctl_pool_new(unsigned threads);
unsigned ctl_pool_threads(const ctl_pool *pool);
void ctl_pool_run(ctl_pool *pool, unsigned n, void (*fn)(void *ctx, unsigned k), void *ctx);
void ctl_pool_free(ctl_pool *pool);

/* How many parts a pool step over n items is cut into: four a thread, so
 * that a thread done early claims another (parts of equal size are not
 * equal work), of `least` items each at least, `most` at most; 1 on one
 * thread. */
static inline unsigned ctl_pool_parts(unsigned threads, size_t n, size_t least, unsigned most)
{
	size_t parts = threads > 1 ? (size_t)threads * 4 : 1;
	if (parts > n / (least ? least : 1))
		parts = n / (least ? least : 1);
	if (parts > most)
		parts = most;
	return parts ? (unsigned)parts : 1;
}

/* Splits [0, n) into `parts` ranges; range k is [ctl_part_begin(n, parts,
 * k), ctl_part_begin(n, parts, k + 1)). */
static inline size_t ctl_part_begin(size_t n, unsigned parts, unsigned k)
{
	return n / parts * k + n % parts * k / parts; /* n * k / parts, no overflow */
}

/* Cuts n items into `parts` ranges of about equal weight: item i starts at
 * offset(ctx, i) (non-decreasing) of `total`; part k is items [bound[k],
 * bound[k + 1]), bound[parts] = n. An item is never split. */
void ctl_cut_parts(size_t *bound, unsigned parts, size_t n, size_t total,
		size_t (*offset)(const void *ctx, size_t i), const void *ctx);

/* qsort on up to `parts` threads: ranges sorted apart, then merged. With
 * a total order (no two items equal) the result is qsort's. */
void ctl_qsort_mt(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *),
		unsigned parts);
/* ctl_qsort_mt on the pool's threads (NULL: on threads made for it, as
 * ctl_qsort_mt does). */
void ctl_qsort_pool(ctl_pool *pool, void *base, size_t n, size_t size,
		int (*cmp)(const void *, const void *), unsigned parts);

/* The n items (each `size` bytes) copied to out (room for n), stably
 * sorted by key(item) in [0, nkeys): a counting sort, linear. */
void ctl_sort_by_key(const void *items, size_t n, size_t size, size_t nkeys,
		size_t (*key)(const void *item), void *out);

#define CTL_ARRAY_PUSH(arr, len, cap) \
	((len) < (cap) ? (void)0 : ctl_array_grow((void **)&(arr), &(cap), (len) + 1, sizeof(*(arr))), \
	 &(arr)[(len)++])

/* ASCII classification that never depends on the locale: one look-up in
 * ctl_ascii_class for the tests of several ranges (CTL_CC_HIGH: a byte
 * from 0x80, part of a UTF-8 sequence, in no ASCII class). */
enum { CTL_CC_SPACE = 1, CTL_CC_DIGIT = 2, CTL_CC_UPPER = 4, CTL_CC_LOWER = 8, CTL_CC_HIGH = 16 };
extern const uint8_t ctl_ascii_class[256];
static inline bool ctl_is_space(unsigned char c) { return ctl_ascii_class[c] & CTL_CC_SPACE; }
static inline bool ctl_is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
static inline bool ctl_is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static inline bool ctl_is_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
static inline bool ctl_is_alpha(unsigned char c)
{ return ctl_ascii_class[c] & (CTL_CC_UPPER | CTL_CC_LOWER); }
static inline bool ctl_is_alnum(unsigned char c)
{ return ctl_ascii_class[c] & (CTL_CC_UPPER | CTL_CC_LOWER | CTL_CC_DIGIT); }
static inline unsigned char ctl_to_lower(unsigned char c)
{ return ctl_is_upper(c) ? (unsigned char)(c + 32) : c; }

/* The length of the run of ASCII letters (and digits, when `digits`) at
 * the start of s[0..n); unless `classes` is NULL, the CTL_CC_UPPER, _LOWER
 * and _DIGIT classes of its bytes are ORed into *classes. Sixteen bytes a
 * step with SSE2: no branch per byte, so the end of a word costs no
 * mispredicted one. */
static inline size_t ctl_ascii_run(const char *s, size_t n, bool digits, uint8_t *classes)
{
	size_t i = 0;
	uint8_t cls = 0;
#if defined(__SSE2__)
	/* (b | 0x20) - 'a' + 0x80 is below 0x80 + 26 (signed) for letters
	 * only, b - '0' + 0x80 below 0x80 + 10 for digits only */
	const __m128i bit = _mm_set1_epi8(0x20);
	const __m128i abias = _mm_set1_epi8((char)(0x80 - 'a')), alim = _mm_set1_epi8((char)(0x80 + 26));
	const __m128i dbias = _mm_set1_epi8((char)(0x80 - '0')), dlim = _mm_set1_epi8((char)(0x80 + 10));
	unsigned low = 0, up = 0, dig = 0; /* the bytes of the run so far, by class */
	for (; i + 16 <= n; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		__m128i letter = _mm_cmplt_epi8(_mm_add_epi8(_mm_or_si128(v, bit), abias), alim);
		unsigned lm = (unsigned)_mm_movemask_epi8(letter);
		unsigned dm = digits ?
			(unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(_mm_add_epi8(v, dbias), dlim)) : 0;
		unsigned k = (unsigned)__builtin_ctz(~(lm | dm)); /* at most 16 */
		unsigned in = (1u << k) - 1u;
		if (classes) {
			unsigned cm = (unsigned)_mm_movemask_epi8(
				_mm_and_si128(letter, _mm_cmpeq_epi8(_mm_and_si128(v, bit), bit)));
			low |= cm & in;
			up |= lm & ~cm & in;
			dig |= dm & in;
		}
		if (k < 16) {
			i += k;
			goto done;
		}
	}
#endif
	{
		const uint8_t want = CTL_CC_UPPER | CTL_CC_LOWER | (digits ? CTL_CC_DIGIT : 0);
		uint8_t c;
		for (; i < n && (c = ctl_ascii_class[(unsigned char)s[i]] & want); i++)
			cls |= c;
	}
#if defined(__SSE2__)
done:
	cls |= (uint8_t)((low ? CTL_CC_LOWER : 0) | (up ? CTL_CC_UPPER : 0) | (dig ? CTL_CC_DIGIT : 0));
#endif
	if (classes)
		*classes |= cls;
	return i;
}

/* Eight bytes at a time: x is eight bytes of text (memcpy'd, any
 * alignment). The tests say exactly whether some byte qualifies, not which
 * (a byte above a true hit may be flagged too): a caller that needs the
 * place looks at that block's bytes one by one. */
#define CTL_ONES8 0x0101010101010101ULL
#define CTL_HIGH8 0x8080808080808080ULL
/* Nonzero iff some byte of x equals c. */
static inline uint64_t ctl_has_byte8(uint64_t x, unsigned char c)
{
	uint64_t v = x ^ (CTL_ONES8 * c);
	return (v - CTL_ONES8) & ~v & CTL_HIGH8;
}
/* Nonzero iff some byte of x is below c (c at most 0x80). */
static inline uint64_t ctl_has_below8(uint64_t x, unsigned char c)
{
	return (x - CTL_ONES8 * c) & ~x & CTL_HIGH8;
}

/* The 8 bytes of x with 'A'..'Z' made 'a'..'z', all at once: a byte gets
 * 0x20 if its high bit is clear, adding 0x3F carries into its high bit (it
 * is >= 'A') and adding 0x25 does not (it is <= 'Z'); no sum crosses into
 * the next byte, since the high bits are masked off first. */
static inline uint64_t ctl_lower8(uint64_t x)
{
	uint64_t low7 = x & 0x7F7F7F7F7F7F7F7FULL;
	uint64_t ge_a = low7 + 0x3F3F3F3F3F3F3F3FULL;
	uint64_t gt_z = low7 + 0x2525252525252525ULL;
	uint64_t upper = ge_a & ~gt_z & ~x & CTL_HIGH8;
	return x | (upper >> 2);
}

/* The n bytes of s (1 <= n <= 8) in one word, reading only s[0..n): two
 * overlapping 4-byte loads, or the first, middle and last byte. For a
 * given n, different bytes give different words, so two strings of the
 * same length up to 8 bytes are equal iff their words are. */
static inline uint64_t ctl_pack8(const char *s, size_t n)
{
	if (n >= 4) {
		uint32_t lo, hi;
		memcpy(&lo, s, 4);
		memcpy(&hi, s + n - 4, 4);
		return lo | (uint64_t)hi << 32;
	}
	return (uint64_t)(unsigned char)s[0] | (uint64_t)(unsigned char)s[n >> 1] << 8 |
	       (uint64_t)(unsigned char)s[n - 1] << 16;
}

/* A key of 1-8 bytes as one word with its ASCII letters lower-cased
 * (ctl_lower8 of ctl_pack8): two such keys of the same length are equal
 * ignoring ASCII case iff their words are. 0 for other lengths. */
static inline uint64_t ctl_pack8_nocase(const char *s, size_t n)
{
	return n && n <= 8 ? ctl_lower8(ctl_pack8(s, n)) : 0;
}

/* A 64-bit hash of a word x (a ctl_pack8 word, or 8 bytes folded) for a
 * string of n bytes: one multiplication, so the high bits are the mixed
 * ones (take them with a shift). */
static inline uint64_t ctl_hash_word8(uint64_t x, size_t n)
{
	return (x ^ (uint64_t)n << 56) * 0x9E3779B97F4A7C15ULL;
}

/* Case-insensitive (ASCII) comparison of a[0..n) with NUL-terminated b. */
bool ctl_eq_nocase(const char *a, size_t n, const char *b);

/* The offset of the first byte in s[0..n) equal to c ignoring ASCII case,
 * or n: eight bytes a step for a letter, memchr otherwise. */
size_t ctl_find_nocase(const char *s, size_t n, unsigned char c);
/* The offset of the first occurrence of w[0..m) (NUL-terminated) in s[0..n),
 * ignoring ASCII case, or n (also for an empty w). */
size_t ctl_find_str_nocase(const char *s, size_t n, const char *w, size_t m);

/* A 64-bit hash of bytes, ASCII-lowercased, for case-insensitive tables in
 * memory: eight bytes a step. Its values may change between versions. */
uint64_t ctl_hash_nocase(const char *s, size_t n);
/* A 64-bit hash of bytes as they are (for telling a text changed). */
uint64_t ctl_hash_bytes(const char *s, size_t n);
/* 64-bit FNV-1a of bytes, ASCII-lowercased: the hash written to files (the
 * content words of docs/partial.md), which must not change. */
uint64_t ctl_hash_fnv_nocase(const char *s, size_t n);

/* Length of the UTF-8 sequence starting at s[0..n) if valid, else 0. */
size_t ctl_utf8_seq_len(const unsigned char *s, size_t n);

/* Decodes one valid UTF-8 code point at s (see ctl_utf8_seq_len). */
uint32_t ctl_utf8_decode(const unsigned char *s, size_t seqlen);

/* Joins dir and name with one '/' into a new string (caller frees). */
char *ctl_path_join(const char *dir, const char *name);

/*
 * A wire dateline opens the line [ls, le): one or more words in capitals
 * ("NEW YORK"), an optional "(Agency)", then a comma or a dash. Returns the
 * offset just after it, or 0; *place_end (if not NULL) gets the end of the
 * place name, which starts at ls.
 */
uint32_t ctl_dateline_end(const char *t, uint32_t ls, uint32_t le, uint32_t *place_end);

/* Unicode white space as scraped pages use it (ASCII, U+00A0, U+2000..U+200B,
 * U+202F, U+205F, U+3000): the length of the one starting at s[0..n), or 0. */
size_t ctl_space_len_mb(const unsigned char *s, size_t n);
static inline size_t ctl_space_len(const unsigned char *s, size_t n)
{
	/* most bytes: ASCII, or not the first byte of a space (the first
	 * bytes of the others are 0xC2, 0xE2 and 0xE3) */
	if (n && s[0] < 0xC2)
		return ctl_is_space(s[0]) ? 1 : 0;
	return ctl_space_len_mb(s, n);
}
/* Length of the white-space character ending just before s[p], not starting
 * before s[lo]; else 0. */
size_t ctl_space_before(const unsigned char *s, uint32_t lo, uint32_t p);
/* Skips white space / a run of non-space from p, up to b (inline: called
 * once a word by the cleaner and the segmenter). */
static inline uint32_t ctl_skip_space(const unsigned char *s, uint32_t p, uint32_t b)
{
	size_t k;
	while (p < b && (k = ctl_space_len(s + p, b - p)))
		p += (uint32_t)k;
	return p;
}
static inline uint32_t ctl_skip_word(const unsigned char *s, uint32_t p, uint32_t b)
{
	while (p < b && !ctl_space_len(s + p, b - p))
		p++;
	return p;
}
/* The end of s[a, b) without its trailing white space. */
uint32_t ctl_trim_end(const unsigned char *s, uint32_t a, uint32_t b);

/* The value of the n decimal digits at s, or -1 if one is not a digit. */
int ctl_digits(const char *s, size_t n);

#endif
