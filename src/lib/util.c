#define _GNU_SOURCE /* sysconf(_SC_NPROCESSORS_ONLN), mremap */
#include <pthread.h>
#include <sys/mman.h>
#include <stdatomic.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <unistd.h>
#include "util.h" /* with emmintrin.h where SSE2 is there */

static void oom(void)
{
	fputs("ctimeline: out of memory\n", stderr);
	abort();
}

void *ctl_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *ctl_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *ctl_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		oom();
	return q;
}

void *ctl_xmemdup(const void *p, size_t n)
{
	void *q = ctl_xmalloc(n);
	memcpy(q, p, n);
	return q;
}

char *ctl_xstrdup(const char *s)
{
	return ctl_xstrndup(s, strlen(s));
}

char *ctl_put_decimal(char *p, uint64_t v)
{
	char digits[20];
	size_t k = sizeof(digits);
	do {
		digits[--k] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	memcpy(p, digits + k, sizeof(digits) - k);
	return p + (sizeof(digits) - k);
}

char *ctl_id_string(char prefix, size_t n)
{
	char buf[24];
	buf[0] = prefix;
	*ctl_put_decimal(buf + 1, n) = '\0';
	return ctl_xstrdup(buf);
}

char *ctl_xstrndup(const char *s, size_t n)
{
	char *p = ctl_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* Whether s[0..n) holds a tab or two spaces in a row: eight pairs of
 * bytes at a time (a pair of spaces is a zero byte of v). */
static bool has_run_or_tab(const char *s, size_t n)
{
	size_t i = 0;
	for (; i + 9 <= n; i += 8) {
		uint64_t x, y;
		memcpy(&x, s + i, 8);
		memcpy(&y, s + i + 1, 8);
		uint64_t v = (x ^ CTL_ONES8 * ' ') | (y ^ CTL_ONES8 * ' ');
		if (((v - CTL_ONES8) & ~v & CTL_HIGH8) | ctl_has_byte8(x, '\t'))
			return true;
	}
	for (; i < n; i++)
		if (s[i] == '\t' || (s[i] == ' ' && i + 1 < n && s[i + 1] == ' '))
			return true;
	return false;
}

size_t ctl_squeeze_spaces(char *s, size_t n)
{
	/* most titles hold no run: said at once */
	if (!n || (s[0] != ' ' && s[n - 1] != ' ' && !has_run_or_tab(s, n))) {
		s[n] = '\0';
		return n;
	}
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		bool sp = s[i] == ' ' || s[i] == '\t';
		if (!sp || (k && s[k - 1] != ' '))
			s[k++] = sp ? ' ' : s[i];
	}
	while (k && s[k - 1] == ' ')
		k--;
	s[k] = '\0';
	return k;
}

char *ctl_xstrndup_squeezed(const char *s, size_t n)
{
	char *p = ctl_xstrndup(s, n);
	ctl_squeeze_spaces(p, n);
	return p;
}

void ctl_array_grow(void **items, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return;
	size_t c = *cap ? *cap : 8;
	while (c < need)
		c *= 2;
	if (c > SIZE_MAX / size)
		oom();
	*items = ctl_xrealloc(*items, c * size);
	*cap = c;
}

#if defined(__linux__) && defined(MREMAP_MAYMOVE)
static void *map_block(size_t bytes)
{
	void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		oom();
	return p;
}

void *ctl_big_resize(void *p, size_t old_bytes, size_t new_bytes)
{
	bool was_mapped = p && old_bytes >= CTL_BIG_MIN, mapped = new_bytes >= CTL_BIG_MIN;
	if (was_mapped && mapped) {
		void *q = mremap(p, old_bytes, new_bytes, MREMAP_MAYMOVE);
		if (q == MAP_FAILED)
			oom();
		return q;
	}
	if (!was_mapped && !mapped)
		return ctl_xrealloc(p, new_bytes);
	/* across the threshold: copy once */
	void *q = mapped ? map_block(new_bytes) : ctl_xmalloc(new_bytes);
	if (p)
		memcpy(q, p, old_bytes < new_bytes ? old_bytes : new_bytes);
	ctl_big_free(p, old_bytes);
	return q;
}

void ctl_big_free(void *p, size_t bytes)
{
	if (p && bytes >= CTL_BIG_MIN)
		munmap(p, bytes);
	else
		free(p);
}
#else
void *ctl_big_resize(void *p, size_t old_bytes, size_t new_bytes)
{
	(void)old_bytes;
	return ctl_xrealloc(p, new_bytes);
}

void ctl_big_free(void *p, size_t bytes)
{
	(void)bytes;
	free(p);
}
#endif

void ctl_big_grow(void **items, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return;
	size_t c = *cap + *cap / 2;
	if (c < need)
		c = need;
	if (c < 64)
		c = 64;
	if (c > SIZE_MAX / size)
		oom();
	*items = ctl_big_resize(*items, *cap * size, c * size);
	*cap = c;
}

/* ASCII base letters of U+00C0..U+017F; '*' for the two signs (× ÷) in
 * that range. */
static const char latin_base[] =
	"AAAAAAACEEEEIIIIDNOOOOO*OUUUUYTs"   /* U+00C0 */
	"aaaaaaaceeeeiiiidnooooo*ouuuuyty"   /* U+00E0 */
	"AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGg"   /* U+0100 */
	"GgGgHhHhIiIiIiIiIiJjJjKkkLlLlLlL"   /* U+0120 */
	"lLlNnNnNnnNnOoOoOoOoRrRrRrSsSsSs"   /* U+0140 */
	"SsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";  /* U+0160 */
_Static_assert(sizeof(latin_base) == 0x180 - 0xC0 + 1, "the table covers U+00C0..U+017F");

char ctl_latin_base(uint32_t cp)
{
	return cp >= 0xC0 && cp < 0x180 && latin_base[cp - 0xC0] != '*' ? latin_base[cp - 0xC0] : 0;
}

bool ctl_is_upper_cp_high(uint32_t cp)
{
	char b = ctl_latin_base(cp);
	if (b)
		return ctl_is_upper((unsigned char)b);
	return (cp >= 0x391 && cp <= 0x3A9) || (cp >= 0x400 && cp <= 0x42F);
}

bool ctl_starts_upper(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	if (!n)
		return false;
	if (u[0] < 0x80)
		return ctl_is_upper(u[0]);
	size_t k = ctl_utf8_seq_len(u, n);
	return k && ctl_is_upper_cp(ctl_utf8_decode(u, k));
}

size_t ctl_fold_latin(const char *s, size_t n, char *out, size_t cap)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t m = 0;
	bool folded = false;
	for (size_t i = 0; i < n; i++) {
		if (m >= cap)
			return 0;
		if (u[i] < 0x80) {
			out[m++] = (char)u[i];
			continue;
		}
		size_t k = ctl_utf8_seq_len(u + i, n - i);
		char c = k == 2 ? ctl_latin_base(ctl_utf8_decode(u + i, k)) : 0;
		if (!c)
			return 0;
		out[m++] = c;
		folded = true;
		i++;
	}
	return folded ? m : 0;
}

#define CC4(x) x, x, x, x
#define CC8(x) CC4(x), CC4(x)
#define CC_S CTL_CC_SPACE
#define CC_D CTL_CC_DIGIT
#define CC_U CTL_CC_UPPER
#define CC_L CTL_CC_LOWER
#define CC_H CTL_CC_HIGH
const uint8_t ctl_ascii_class[256] = {
	/* 0x00 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, CC_S, CC_S, CC_S, CC_S, CC_S, 0, 0,
	/* 0x10 */ CC8(0), CC8(0),
	/* 0x20 */ CC_S, 0, 0, 0, CC4(0), CC8(0),
	/* 0x30 */ CC8(CC_D), CC_D, CC_D, 0, 0, CC4(0),
	/* 0x40 */ 0, CC_U, CC_U, CC_U, CC4(CC_U), CC8(CC_U),
	/* 0x50 */ CC8(CC_U), CC_U, CC_U, CC_U, 0, CC4(0),
	/* 0x60 */ 0, CC_L, CC_L, CC_L, CC4(CC_L), CC8(CC_L),
	/* 0x70 */ CC8(CC_L), CC_L, CC_L, CC_L, 0, CC4(0),
	/* 0x80 */ CC8(CC_H), CC8(CC_H), CC8(CC_H), CC8(CC_H), CC8(CC_H), CC8(CC_H), CC8(CC_H),
	CC8(CC_H), CC8(CC_H), CC8(CC_H), CC8(CC_H), CC8(CC_H), CC8(CC_H), CC8(CC_H), CC8(CC_H),
	CC8(CC_H),
};

bool ctl_eq_nocase(const char *a, size_t n, const char *b)
{
	for (size_t i = 0; i < n; i++) {
		if (!b[i] || ctl_to_lower((unsigned char)a[i]) != ctl_to_lower((unsigned char)b[i]))
			return false;
	}
	return b[n] == '\0';
}

uint64_t ctl_hash_fnv_nocase(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++) {
		h ^= ctl_to_lower((unsigned char)s[i]);
		h *= 1099511628211ULL;
	}
	return h;
}

size_t ctl_find_nocase(const char *s, size_t n, unsigned char c)
{
	if (!ctl_is_alpha(c)) {
		const char *p = memchr(s, c, n);
		return p ? (size_t)(p - s) : n;
	}
	/* for a lower-case letter, b | 0x20 == c holds for c and its capital
	 * only: each byte folded, then c looked for among them */
	const unsigned char lc = ctl_to_lower(c);
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t x;
		memcpy(&x, s + i, 8);
		if (ctl_has_byte8(x | (CTL_ONES8 * 0x20), lc)) {
			for (size_t j = i; j < i + 8; j++)
				if (((unsigned char)s[j] | 0x20) == lc)
					return j;
		}
	}
	for (; i < n; i++)
		if (((unsigned char)s[i] | 0x20) == lc)
			return i;
	return n;
}

size_t ctl_find_str_nocase(const char *s, size_t n, const char *w, size_t m)
{
	if (!m || m > n)
		return n;
	size_t last = n - m; /* the last place a match may start */
	size_t i = 0;
#if defined(__SSE2__)
	if (m >= 2) {
		/* sixteen places a step: only those where both w's first and last
		 * byte fit (a letter in either case) are compared whole */
		unsigned char c0 = (unsigned char)w[0], c1 = (unsigned char)w[m - 1];
		const __m128i f0 = _mm_set1_epi8(ctl_is_alpha(c0) ? 0x20 : 0);
		const __m128i f1 = _mm_set1_epi8(ctl_is_alpha(c1) ? 0x20 : 0);
		const __m128i v0 = _mm_set1_epi8((char)ctl_to_lower(c0));
		const __m128i v1 = _mm_set1_epi8((char)ctl_to_lower(c1));
		for (; i + 16 <= last + 1; i += 16) {
			__m128i x = _mm_or_si128(_mm_loadu_si128((const __m128i *)(s + i)), f0);
			__m128i y = _mm_or_si128(_mm_loadu_si128((const __m128i *)(s + i + m - 1)), f1);
			unsigned hit = (unsigned)_mm_movemask_epi8(
				_mm_and_si128(_mm_cmpeq_epi8(x, v0), _mm_cmpeq_epi8(y, v1)));
			for (; hit; hit &= hit - 1) {
				size_t j = i + (size_t)__builtin_ctz(hit);
				if (ctl_eq_nocase(s + j, m, w))
					return j;
			}
		}
	}
#endif
	for (; i <= last; i++) {
		i += ctl_find_nocase(s + i, last + 1 - i, (unsigned char)w[0]);
		if (i <= last && ctl_eq_nocase(s + i, m, w))
			return i;
	}
	return n;
}

/* The 64-bit hash of ctl_hash_nocase (fold: ASCII-lowercased) and
 * ctl_hash_bytes (as they are): eight bytes a step. */
static inline uint64_t hash64(const char *s, size_t n, bool fold)
{
	uint64_t h = 0x9E3779B97F4A7C15ULL ^ (uint64_t)n;
	for (; n >= 8; s += 8, n -= 8) {
		uint64_t x;
		memcpy(&x, s, 8);
		h = (h ^ (fold ? ctl_lower8(x) : x)) * 0xBF58476D1CE4E5B9ULL;
		h ^= h >> 31;
	}
	if (n) { /* 1-7 bytes left */
		uint64_t x = ctl_pack8(s, n);
		h = (h ^ (fold ? ctl_lower8(x) : x)) * 0xBF58476D1CE4E5B9ULL;
	}
	h ^= h >> 32;
	h *= 0x94D049BB133111EBULL;
	h ^= h >> 29;
	return h;
}

uint64_t ctl_hash_nocase(const char *s, size_t n)
{
	return hash64(s, n, true);
}

uint64_t ctl_hash_bytes(const char *s, size_t n)
{
	return hash64(s, n, false);
}

size_t ctl_utf8_seq_len(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	if (c < 0x80)
		return 1;
	size_t len;
	uint32_t min;
	if (c >= 0xC2 && c <= 0xDF) { len = 2; min = 0x80; }
	else if (c >= 0xE0 && c <= 0xEF) { len = 3; min = 0x800; }
	else if (c >= 0xF0 && c <= 0xF4) { len = 4; min = 0x10000; }
	else return 0;
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	uint32_t cp = ctl_utf8_decode(s, len);
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return len;
}

uint32_t ctl_utf8_decode(const unsigned char *s, size_t len)
{
	switch (len) {
	case 1: return s[0];
	case 2: return ((uint32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
	case 3: return ((uint32_t)(s[0] & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
	default: return ((uint32_t)(s[0] & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) |
		((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
	}
}

char *ctl_path_join(const char *dir, const char *name)
{
	size_t a = strlen(dir), b = strlen(name);
	bool slash = a && dir[a - 1] != '/';
	char *p = ctl_xmalloc(a + slash + b + 1);
	memcpy(p, dir, a);
	if (slash)
		p[a] = '/';
	memcpy(p + a + slash, name, b + 1);
	return p;
}

uint32_t ctl_dateline_end(const char *t, uint32_t ls, uint32_t le, uint32_t *place_end)
{
	uint32_t p = ls, caps = 0;
	while (p < le && (ctl_is_upper((unsigned char)t[p]) || t[p] == ' ' || t[p] == '-' ||
	                  t[p] == '.' || t[p] == '\'')) {
		caps += ctl_is_upper((unsigned char)t[p]);
		p++;
	}
	if (caps < 3)
		return 0;
	if (place_end) {
		uint32_t q = p;
		while (q > ls && (t[q - 1] == ' ' || t[q - 1] == '-' || t[q - 1] == '.'))
			q--;
		*place_end = q;
	}
	while (p < le && t[p] == ' ')
		p++;
	if (p < le && t[p] == '(') {
		const char *close = memchr(t + p, ')', le - p);
		if (!close || close - (t + p) > 40)
			return 0;
		p = (uint32_t)(close - t) + 1;
	}
	while (p < le && t[p] == ' ')
		p++;
	if (p < le && t[p] == ',')
		return p + 1;
	/* an em/en dash (UTF-8) or a hyphen */
	if (p + 2 < le && (unsigned char)t[p] == 0xE2 && (unsigned char)t[p + 1] == 0x80 &&
	    ((unsigned char)t[p + 2] == 0x94 || (unsigned char)t[p + 2] == 0x93))
		return p + 3;
	if (p < le && t[p] == '-')
		return p + 1;
	return 0;
}


/* Unicode white space: scraped pages put U+00A0 between words as often as
 * ' ', and U+2009/U+202F around dashes. */
size_t ctl_space_len_mb(const unsigned char *s, size_t n)
{
	if (!n)
		return 0;
	if (ctl_is_space(s[0]))
		return 1;
	if (n >= 2 && s[0] == 0xC2 && s[1] == 0xA0)
		return 2;                                   /* U+00A0 */
	if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80 && (s[2] <= 0x8B || s[2] == 0xAF))
		return 3;                                   /* U+2000..U+200B, U+202F */
	if (n >= 3 && ((s[0] == 0xE2 && s[1] == 0x81 && s[2] == 0x9F) ||
	               (s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80)))
		return 3;                                   /* U+205F, U+3000 */
	return 0;
}

/* Length of the white-space character that ends just before s[p], not
 * starting before s[lo]; else 0. */
size_t ctl_space_before(const unsigned char *s, uint32_t lo, uint32_t p)
{
	for (uint32_t k = 1; k <= 3 && k <= p - lo; k++)
		if (ctl_space_len(s + p - k, k) == k)
			return k;
	return 0;
}

uint32_t ctl_trim_end(const unsigned char *s, uint32_t a, uint32_t b)
{
	size_t k;
	while (b > a && (k = ctl_space_before(s, a, b)))
		b -= (uint32_t)k;
	return b;
}

int ctl_digits(const char *s, size_t n)
{
	int v = 0;
	for (size_t i = 0; i < n; i++) {
		if (!ctl_is_digit((unsigned char)s[i]) || v > 99999999)
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

void ctl_sort_by_key(const void *items, size_t n, size_t size, size_t nkeys,
		size_t (*key)(const void *item), void *out_)
{
	const char *in = items;
	size_t *start = ctl_xcalloc(nkeys + 1, sizeof(size_t));
	for (size_t i = 0; i < n; i++)
		start[key(in + i * size) + 1]++;
	for (size_t k = 0; k < nkeys; k++)
		start[k + 1] += start[k];
	char *out = out_;
	for (size_t i = 0; i < n; i++)
		memcpy(out + start[key(in + i * size)]++ * size, in + i * size, size);
	free(start);
}

size_t ctl_uf_find(size_t *p, size_t x)
{
	while (p[x] != x) {
		p[x] = p[p[x]];
		x = p[x];
	}
	return x;
}

void ctl_uf_union(size_t *p, size_t a, size_t b)
{
	a = ctl_uf_find(p, a);
	b = ctl_uf_find(p, b);
	if (a < b)
		p[b] = a;
	else if (b < a)
		p[a] = b;
}

typedef struct part_arg {
	void (*fn)(void *ctx, unsigned k);
	void *ctx;
	unsigned k;
} part_arg;

static void *run_part(void *arg)
{
	part_arg *a = arg;
	a->fn(a->ctx, a->k);
	return NULL;
}

void ctl_run_parts(unsigned n, void (*fn)(void *ctx, unsigned k), void *ctx)
{
	pthread_t th[CTL_MAX_THREADS];
	part_arg arg[CTL_MAX_THREADS];
	bool started[CTL_MAX_THREADS] = { false };
	for (unsigned k = 1; k < n && k < CTL_MAX_THREADS; k++) {
		arg[k] = (part_arg){ fn, ctx, k };
		started[k] = pthread_create(&th[k], NULL, run_part, &arg[k]) == 0;
	}
	if (n)
		fn(ctx, 0);
	for (unsigned k = 1; k < n; k++) {
		if (k < CTL_MAX_THREADS && started[k])
			pthread_join(th[k], NULL);
		else
			fn(ctx, k); /* no thread to be had: here */
	}
}

/* --- a pool of threads for a run of short parallel steps --------------------
 *
 * The merge is a dozen steps of a few milliseconds each. A thread made for
 * each step (ctl_run_parts) was measured to start up to 3 ms late on a
 * 2-core VM (placed on the creator's core, or on a halted one), so the
 * steps ran one part after the other. The pool's threads live as long as
 * the pool and, after a step, wait spinning for a while (POOL_SPIN_NS)
 * before they sleep: a step that follows soon starts at once.
 *
 * A step is published in one atomic word: its generation, its part count
 * and the next unclaimed part. A thread claims a part by compare-and-swap
 * on that word, so it can never take a part of a step that has ended, and
 * it reads the step's function and context only after a claim (the caller
 * writes them before publishing, and does not change them until every
 * part is done). */

#define POOL_SPIN_NS 2000000 /* 2 ms */
#define STEP_GEN_SHIFT 32
#define STEP_N_SHIFT 16
#define STEP_FIELD 0xFFFFu

struct ctl_pool {
	unsigned nthreads;           /* workers, besides the caller */
	pthread_t th[CTL_MAX_THREADS];
	_Atomic uint64_t step;       /* gen << 32 | n << 16 | next part */
	_Atomic unsigned done;       /* parts of the current step finished */
	_Atomic unsigned sleeping;   /* workers waiting on cv */
	_Atomic bool quit;
	void (*fn)(void *ctx, unsigned k);
	void *ctx;
	pthread_mutex_t mu;
	pthread_cond_t cv;
};

static inline void cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#endif
}

static uint64_t mono_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Claims and runs parts of the step read as v until none is left (or the
 * step is no longer the one published). */
static void run_claimed(ctl_pool *p, uint64_t v)
{
	uint64_t gen = v >> STEP_GEN_SHIFT;
	for (;;) {
		unsigned n = (unsigned)(v >> STEP_N_SHIFT) & STEP_FIELD, k = (unsigned)v & STEP_FIELD;
		if (v >> STEP_GEN_SHIFT != gen || k >= n)
			return;
		if (atomic_compare_exchange_weak_explicit(&p->step, &v, v + 1, memory_order_acquire,
		                                          memory_order_relaxed)) {
			p->fn(p->ctx, k);
			atomic_fetch_add_explicit(&p->done, 1, memory_order_release);
			v = atomic_load_explicit(&p->step, memory_order_acquire);
		}
	}
}

static void *pool_worker(void *arg)
{
	ctl_pool *p = arg;
	uint64_t seen = 0; /* the generation last worked on */
	for (;;) {
		uint64_t v = atomic_load_explicit(&p->step, memory_order_acquire);
		uint64_t until = 0;
		for (unsigned spins = 0; v >> STEP_GEN_SHIFT == seen && !atomic_load(&p->quit); spins++) {
			cpu_relax();
			if ((spins & 255) == 255) {
				uint64_t t = mono_ns();
				if (!until)
					until = t + POOL_SPIN_NS;
				else if (t > until) { /* a long pause: sleep */
					pthread_mutex_lock(&p->mu);
					atomic_fetch_add(&p->sleeping, 1);
					while (atomic_load(&p->step) >> STEP_GEN_SHIFT == seen && !atomic_load(&p->quit))
						pthread_cond_wait(&p->cv, &p->mu);
					atomic_fetch_sub(&p->sleeping, 1);
					pthread_mutex_unlock(&p->mu);
					until = 0;
				}
			}
			v = atomic_load_explicit(&p->step, memory_order_acquire);
		}
		if (atomic_load(&p->quit))
			return NULL;
		seen = v >> STEP_GEN_SHIFT;
		run_claimed(p, v);
	}
}

ctl_pool *ctl_pool_new(unsigned threads)
{
	ctl_pool *p = ctl_xcalloc(1, sizeof(*p));
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	atomic_init(&p->step, 0);
	atomic_init(&p->done, 0);
	atomic_init(&p->sleeping, 0);
	atomic_init(&p->quit, false);
	unsigned want = threads > CTL_MAX_THREADS ? CTL_MAX_THREADS : threads;
	/* no more than the processors: a thread that spins without one of its
	 * own only slows the others (-j 8 on 2 cores: the 10 MB merge took
	 * 73 ms instead of 30); the parts are claimed, so all still run */
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	if (cpus >= 1 && want > (unsigned long)cpus)
		want = (unsigned)cpus;
	for (unsigned k = 1; k < want; k++) {
		if (pthread_create(&p->th[p->nthreads], NULL, pool_worker, p) != 0)
			break; /* fewer threads: the caller runs what they would have */
		p->nthreads++;
	}
	return p;
}

unsigned ctl_pool_threads(const ctl_pool *p)
{
	return p ? p->nthreads + 1 : 1;
}

void ctl_pool_run(ctl_pool *p, unsigned n, void (*fn)(void *ctx, unsigned k), void *ctx)
{
	if (!p || !p->nthreads || n < 2 || n > STEP_FIELD) {
		/* no threads, or more parts than a step can count (callers cut
		 * a few dozen at most): all on the caller */
		for (unsigned k = 0; k < n; k++)
			fn(ctx, k);
		return;
	}
	p->fn = fn;
	p->ctx = ctx;
	atomic_store_explicit(&p->done, 0, memory_order_relaxed);
	uint64_t gen = (atomic_load_explicit(&p->step, memory_order_relaxed) >> STEP_GEN_SHIFT) + 1;
	uint64_t v = gen << STEP_GEN_SHIFT | (uint64_t)n << STEP_N_SHIFT;
	atomic_store(&p->step, v); /* publishes fn, ctx and done = 0 */
	if (atomic_load(&p->sleeping)) {
		pthread_mutex_lock(&p->mu);
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
	}
	run_claimed(p, v);
	while (atomic_load_explicit(&p->done, memory_order_acquire) < n)
		cpu_relax(); /* the last parts, on the other threads */
}

void ctl_pool_free(ctl_pool *p)
{
	if (!p)
		return;
	pthread_mutex_lock(&p->mu);
	atomic_store(&p->quit, true);
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	for (unsigned k = 0; k < p->nthreads; k++)
		pthread_join(p->th[k], NULL);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->cv);
	free(p);
}

void ctl_cut_parts(size_t *bound, unsigned parts, size_t n, size_t total,
		size_t (*offset)(const void *ctx, size_t i), const void *ctx)
{
	size_t i = 0;
	for (unsigned k = 0; k < parts; k++) {
		size_t at = ctl_part_begin(total, parts, k);
		while (i < n && offset(ctx, i) < at)
			i++;
		bound[k] = i;
	}
	bound[parts] = n;
}

typedef struct sort_job {
	char *base;
	size_t n, size;
	unsigned parts;
	int (*cmp)(const void *, const void *);
} sort_job;

static void sort_part(void *ctx, unsigned k)
{
	const sort_job *j = ctx;
	size_t a = ctl_part_begin(j->n, j->parts, k), b = ctl_part_begin(j->n, j->parts, k + 1);
	qsort(j->base + a * j->size, b - a, j->size, j->cmp);
}

void ctl_qsort_mt(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *),
		unsigned parts)
{
	ctl_qsort_pool(NULL, base, n, size, cmp, parts);
}

void ctl_qsort_pool(ctl_pool *pool, void *base, size_t n, size_t size,
		int (*cmp)(const void *, const void *), unsigned parts)
{
	if (parts > CTL_MAX_THREADS)
		parts = CTL_MAX_THREADS;
	if (parts > n / 4096) /* a small array sorts faster than a thread starts */
		parts = (unsigned)(n / 4096);
	if (parts < 2) {
		qsort(base, n, size, cmp);
		return;
	}
	sort_job j = { base, n, size, parts, cmp };
	if (pool)
		ctl_pool_run(pool, parts, sort_part, &j);
	else
		ctl_run_parts(parts, sort_part, &j);
	/* merge neighbouring runs, pass after pass, between base and tmp */
	size_t bound[CTL_MAX_THREADS + 1];
	for (unsigned k = 0; k <= parts; k++)
		bound[k] = ctl_part_begin(n, parts, k);
	char *src = base, *tmp = ctl_xmalloc(n * size), *dst = tmp;
	for (unsigned runs = parts; runs > 1;) {
		unsigned out = 0;
		for (unsigned r = 0; r < runs; r += 2, out++) {
			/* runs r and r + 1 (none when r is the last): [a, m), [m, e) */
			size_t a = bound[r];
			size_t m = r + 1 < runs ? bound[r + 1] : n;
			size_t e = r + 2 <= runs ? bound[r + 2] : n;
			size_t i = a, k = m, o = a;
			while (i < m && k < e) {
				if (cmp(src + k * size, src + i * size) < 0)
					memcpy(dst + o++ * size, src + k++ * size, size);
				else
					memcpy(dst + o++ * size, src + i++ * size, size);
			}
			memcpy(dst + o * size, src + i * size, (m - i) * size);
			o += m - i;
			memcpy(dst + o * size, src + k * size, (e - k) * size);
			bound[out] = a;
		}
		bound[out] = n;
		runs = out;
		char *t = src;
		src = dst;
		dst = t;
	}
	if (src != base)
		memcpy(base, src, n * size);
	free(tmp);
}
