/* The library's shared helpers: parts run on threads, the pool of threads,
 * the threaded sort, union-find, the ids the merge writes, the ASCII
 * classes, the packed short words, the case-insensitive substring search. */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "helpers.h"
#include "util.h"

typedef struct runs {
	atomic_int count[40];
} runs;

static void count_part(void *ctx, unsigned k)
{
	runs *r = ctx;
	atomic_fetch_add(&r->count[k], 1);
}

/* every part runs once, also past the thread limit */
static void test_run_parts_each_once(void **state)
{
	(void)state;
	const unsigned ns[] = { 0, 1, 2, 3, CTL_MAX_THREADS, CTL_MAX_THREADS + 5 };
	for (size_t t = 0; t < sizeof(ns) / sizeof(ns[0]); t++) {
		runs r;
		for (int k = 0; k < 40; k++)
			atomic_init(&r.count[k], 0);
		ctl_run_parts(ns[t], count_part, &r);
		for (unsigned k = 0; k < 40; k++)
			assert_int_equal(atomic_load(&r.count[k]), k < ns[t] ? 1 : 0);
	}
}

/* A step of a pool: part k adds k + 1 to its slot and to the step's sum,
 * which the caller reads after the step (the pool's threads' writes must
 * be visible then). */
typedef struct step_ctx {
	unsigned long slot[40];
	atomic_ulong sum;
} step_ctx;

static void step_part(void *ctx, unsigned k)
{
	step_ctx *c = ctx;
	c->slot[k] += k + 1;
	atomic_fetch_add(&c->sum, k + 1);
}

/* every part of every step runs once, whatever the threads and parts, also
 * after the threads went to sleep between steps (pause > 2 ms) */
static void test_pool_runs_each_part_once(void **state)
{
	(void)state;
	const unsigned threads[] = { 1, 2, 3, CTL_MAX_THREADS + 4 };
	const unsigned ns[] = { 0, 1, 2, 3, 7, 40 };
	for (size_t t = 0; t < sizeof(threads) / sizeof(threads[0]); t++) {
		ctl_pool *pool = ctl_pool_new(threads[t]);
		unsigned want = threads[t] > CTL_MAX_THREADS ? CTL_MAX_THREADS : threads[t];
		assert_true(ctl_pool_threads(pool) >= 1 && ctl_pool_threads(pool) <= want);
		for (int round = 0; round < 200; round++) {
			unsigned n = ns[round % 6];
			step_ctx c = { { 0 }, 0 };
			ctl_pool_run(pool, n, step_part, &c);
			for (unsigned k = 0; k < 40; k++)
				assert_int_equal(c.slot[k], k < n ? k + 1 : 0);
			assert_int_equal(atomic_load(&c.sum), (unsigned long)n * (n + 1) / 2);
			if (round % 50 == 49) {
				struct timespec pause = { 0, 3000000 };
				nanosleep(&pause, NULL);
			}
		}
		ctl_pool_free(pool);
	}
	step_ctx c = { { 0 }, 0 };
	ctl_pool_run(NULL, 3, step_part, &c); /* no pool: on the caller */
	assert_int_equal(atomic_load(&c.sum), 6);
	ctl_pool_free(NULL);
}

/* the ranges cover [0, n) in order, each within one of an equal share */
static void test_part_begin_covers(void **state)
{
	(void)state;
	const size_t ns[] = { 0, 1, 7, 1000, (size_t)1 << 40 };
	for (size_t t = 0; t < sizeof(ns) / sizeof(ns[0]); t++)
		for (unsigned parts = 1; parts <= 17; parts++) {
			assert_int_equal(ctl_part_begin(ns[t], parts, 0), 0);
			assert_true(ctl_part_begin(ns[t], parts, parts) == ns[t]);
			for (unsigned k = 0; k < parts; k++) {
				size_t a = ctl_part_begin(ns[t], parts, k), b = ctl_part_begin(ns[t], parts, k + 1);
				assert_true(a <= b);
				assert_true(b - a <= ns[t] / parts + 1);
			}
		}
}

static size_t offset_of(const void *ctx, size_t i)
{
	return ((const size_t *)ctx)[i];
}

/* parts of about equal weight, items whole, in order */
static void test_cut_parts(void **state)
{
	(void)state;
	/* items of weights 5, 1, 1, 1, 10, 2: offsets 0 5 6 7 8 18, total 20 */
	const size_t off[] = { 0, 5, 6, 7, 8, 18 };
	size_t bound[5];
	ctl_cut_parts(bound, 2, 6, 20, offset_of, off);
	assert_int_equal(bound[0], 0);
	assert_int_equal(bound[1], 5); /* the first item at or past 10 */
	assert_int_equal(bound[2], 6);
	ctl_cut_parts(bound, 4, 6, 20, offset_of, off);
	const size_t want[] = { 0, 1, 5, 5, 6 }; /* cuts at 5, 10, 15: one part empty */
	for (int k = 0; k <= 4; k++)
		assert_int_equal(bound[k], want[k]);
	ctl_cut_parts(bound, 3, 0, 0, offset_of, off);
	for (int k = 0; k <= 3; k++)
		assert_int_equal(bound[k], 0);
}

typedef struct item {
	uint32_t key, idx;
} item;

static int cmp_item(const void *a, const void *b)
{
	const item *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return (x->idx > y->idx) - (x->idx < y->idx);
}

/* the threaded sort gives qsort's order for any size and number of parts,
 * keys repeated (the index breaks ties) */
static void test_qsort_mt_matches_qsort(void **state)
{
	(void)state;
	const size_t ns[] = { 0, 1, 4095, 4096 * 2, 4096 * 3 + 7, 100003 };
	uint32_t seed = 12345;
	for (size_t t = 0; t < sizeof(ns) / sizeof(ns[0]); t++) {
		size_t n = ns[t];
		item *a = malloc((n + 1) * sizeof(*a)), *b = malloc((n + 1) * sizeof(*b));
		for (unsigned parts = 1; parts <= CTL_MAX_THREADS + 1; parts += 2) {
			for (size_t i = 0; i < n; i++) {
				seed = seed * 1103515245u + 12345u;
				a[i] = (item){ (seed >> 8) % 1000, (uint32_t)i };
			}
			memcpy(b, a, n * sizeof(*a));
			qsort(b, n, sizeof(*b), cmp_item);
			ctl_qsort_mt(a, n, sizeof(*a), cmp_item, parts);
			assert_memory_equal(a, b, n * sizeof(*a) + (n == 0));
		}
		free(a);
		free(b);
	}
}

/* the smallest index is the root, whatever order the unions come in */
static void test_union_find_smallest_root(void **state)
{
	(void)state;
	size_t p[8], q[8];
	for (size_t i = 0; i < 8; i++)
		p[i] = q[i] = i;
	ctl_uf_union(p, 5, 7);
	ctl_uf_union(p, 7, 2);
	ctl_uf_union(p, 6, 3);
	ctl_uf_union(q, 3, 6);
	ctl_uf_union(q, 2, 5);
	ctl_uf_union(q, 5, 7);
	for (size_t i = 0; i < 8; i++)
		assert_int_equal(ctl_uf_find(p, i), ctl_uf_find(q, i));
	assert_int_equal(ctl_uf_find(p, 7), 2);
	assert_int_equal(ctl_uf_find(p, 6), 3);
	assert_int_equal(ctl_uf_find(p, 4), 4);
}

/* ctl_id_string writes what snprintf "%c%zu" writes. */
static void test_id_string(void **state)
{
	(void)state;
	const size_t ns[] = { 0, 1, 9, 10, 99, 100, 12345, 1000000, SIZE_MAX };
	for (size_t i = 0; i < sizeof(ns) / sizeof(ns[0]); i++) {
		char want[32];
		snprintf(want, sizeof(want), "e%zu", ns[i]);
		char *got = ctl_id_string('e', ns[i]);
		assert_string_equal(got, want);
		free(got);
	}
}

/* The table-driven ASCII classes agree with the C locale's for every
 * byte (the bytes from 0x80 are in no class). */
static void test_ascii_classes(void **state)
{
	(void)state;
	for (int c = 0; c < 256; c++) {
		bool ascii = c < 0x80;
		bool space = ascii && (c == ' ' || (c >= '\t' && c <= '\r'));
		bool digit = ascii && c >= '0' && c <= '9';
		bool upper = ascii && c >= 'A' && c <= 'Z';
		bool lower = ascii && c >= 'a' && c <= 'z';
		assert_int_equal(ctl_is_space((unsigned char)c), space);
		assert_int_equal(ctl_is_digit((unsigned char)c), digit);
		assert_int_equal(ctl_is_upper((unsigned char)c), upper);
		assert_int_equal(ctl_is_lower((unsigned char)c), lower);
		assert_int_equal(ctl_is_alpha((unsigned char)c), upper || lower);
		assert_int_equal(ctl_is_alnum((unsigned char)c), upper || lower || digit);
		assert_int_equal(ctl_to_lower((unsigned char)c), upper ? c + 32 : c);
	}
}

/* ctl_pack8 tells strings of the same length (1 to 8 bytes) apart, and
 * ctl_lower8 lower-cases exactly 'A'..'Z' in each byte. */
static void test_pack8_and_lower8(void **state)
{
	(void)state;
	const char *s = "abcdefgh";
	for (size_t n = 1; n <= 8; n++) {
		char a[8], b[8];
		memcpy(a, s, n);
		assert_true(ctl_pack8(a, n) == ctl_pack8(s, n));
		for (size_t p = 0; p < n; p++) {
			memcpy(b, a, n);
			b[p] = 'z';
			assert_true(ctl_pack8(b, n) != ctl_pack8(a, n));
		}
	}
	for (int c = 0; c < 256; c++) {
		uint64_t x = 0x0101010101010101ULL * (uint64_t)c;
		uint64_t want = 0x0101010101010101ULL * (uint64_t)ctl_to_lower((unsigned char)c);
		assert_true(ctl_lower8(x) == want);
		/* and next to other bytes: no carry from one byte into the next */
		uint64_t mixed = (x & 0x00FF00FF00FF00FFULL) | 0x5A005A005A005A00ULL;
		uint64_t wmix = (want & 0x00FF00FF00FF00FFULL) | 0x7A007A007A007A00ULL;
		assert_true(ctl_lower8(mixed) == wmix);
	}
}

/* The first place w occurs in s, ASCII case folded: the plain way. */
static size_t naive_find(const char *s, size_t n, const char *w, size_t m)
{
	if (!m || m > n)
		return n;
	for (size_t i = 0; i + m <= n; i++) {
		size_t k = 0;
		while (k < m && ctl_to_lower((unsigned char)s[i + k]) == ctl_to_lower((unsigned char)w[k]))
			k++;
		if (k == m)
			return i;
	}
	return n;
}

static void test_find_str_nocase_matches_naive(void **state)
{
	(void)state;
	/* bytes that fold onto letters under |0x20 ('@' and 'A', '[' and '{'),
	 * a byte beyond ASCII, and letters in both cases */
	static const char alphabet[] = "aAbB@`[{ -.\x80\xC3";
	const size_t na = sizeof(alphabet) - 1;
	unsigned seed = 12345;
	char s[64], w[8];
	for (int round = 0; round < 20000; round++) {
		size_t n = (seed = seed * 1103515245u + 12345u) >> 16 & 63;
		size_t m = 1 + ((seed = seed * 1103515245u + 12345u) >> 16) % 6;
		for (size_t i = 0; i < n; i++)
			s[i] = alphabet[((seed = seed * 1103515245u + 12345u) >> 16) % na];
		for (size_t i = 0; i < m; i++)
			w[i] = alphabet[((seed = seed * 1103515245u + 12345u) >> 16) % na];
		w[m] = '\0'; /* w is a C string */
		if (n >= m && round % 3 == 0) /* plant a copy, in the other case */
			for (size_t i = 0, at = n - m - (n - m) / 3; i < m; i++)
				s[at + i] = (char)(ctl_is_alpha((unsigned char)w[i]) ? w[i] ^ 0x20 : w[i]);
		assert_int_equal(ctl_find_str_nocase(s, n, w, m), naive_find(s, n, w, m));
	}
	assert_int_equal(ctl_find_str_nocase("the Paris office", 16, "PARIS", 5), 4);
	assert_int_equal(ctl_find_str_nocase("the Paris office", 16, "paris!", 6), 16);
}

/* ctl_ascii_run against a byte-at-a-time reading, on random strings long
 * enough for several sixteen-byte steps: every byte next to a letter or a
 * digit under the range tricks ('@', '[', '`', '{', '/', ':'), bytes
 * beyond ASCII and the DEL byte. */
static void test_ascii_run_matches_bytewise(void **state)
{
	(void)state;
	static const char alphabet[] = "aZzA09@[`{/:\x7f\x80\xC3\xFF -";
	const size_t na = sizeof(alphabet) - 1;
	unsigned seed = 777;
	char s[80];
	for (int round = 0; round < 20000; round++) {
		size_t n = ((seed = seed * 1103515245u + 12345u) >> 16) % 80;
		/* mostly word bytes, so runs cross the sixteen-byte steps */
		for (size_t i = 0; i < n; i++) {
			unsigned r = (seed = seed * 1103515245u + 12345u) >> 16;
			s[i] = r % 8 ? "abcXYZ47"[r % 8] : alphabet[(r >> 3) % na];
		}
		for (int digits = 0; digits <= 1; digits++) {
			uint8_t want_cls = 0, got_cls = 0;
			size_t want = 0;
			for (; want < n; want++) {
				unsigned char c = (unsigned char)s[want];
				uint8_t k = ctl_is_upper(c) ? CTL_CC_UPPER : ctl_is_lower(c) ? CTL_CC_LOWER :
					digits && ctl_is_digit(c) ? CTL_CC_DIGIT : 0;
				if (!k)
					break;
				want_cls |= k;
			}
			assert_int_equal(ctl_ascii_run(s, n, digits, &got_cls), want);
			assert_int_equal(got_cls, want_cls);
			assert_int_equal(ctl_ascii_run(s, n, digits, NULL), want);
		}
	}
	uint8_t cls = CTL_CC_SPACE; /* classes are added to what is there */
	assert_int_equal(ctl_ascii_run("Paris2024 office", 16, true, &cls), 9);
	assert_int_equal(cls, CTL_CC_SPACE | CTL_CC_UPPER | CTL_CC_LOWER | CTL_CC_DIGIT);
	cls = 0;
	assert_int_equal(ctl_ascii_run("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 26, false, &cls), 26);
	assert_int_equal(cls, CTL_CC_UPPER);
}

/* ctl_squeeze_spaces against a plain reading of its rule (runs of spaces
 * and tabs one space, none at the ends), on strings of spaces, tabs and
 * letters of every length up to 40 (its fast test reads 8 pairs a step). */
static void test_squeeze_spaces_matches_plain(void **state)
{
	(void)state;
	char *t = ctl_xstrndup_squeezed("", 0);
	assert_string_equal(t, "");
	free(t);
	t = ctl_xstrndup_squeezed("  Unit's \t Establishment  x", 28);
	assert_string_equal(t, "Unit's Establishment x");
	free(t);
	uint32_t seed = 7;
	for (int round = 0; round < 200000; round++) {
		char in[48], want[48];
		size_t n = (size_t)(round % 41), k = 0;
		for (size_t i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			unsigned r = (seed >> 16) % 8;
			in[i] = r < 3 ? ' ' : r == 3 ? '\t' : (char)('a' + r);
		}
		for (size_t i = 0; i < n; i++) {
			bool sp = in[i] == ' ' || in[i] == '\t';
			if (!sp)
				want[k++] = in[i];
			else if (k && want[k - 1] != ' ')
				want[k++] = ' ';
		}
		while (k && want[k - 1] == ' ')
			k--;
		want[k] = '\0';
		char buf[48];
		memcpy(buf, in, n);
		size_t got = ctl_squeeze_spaces(buf, n);
		if (got != k || strcmp(buf, want))
			fail_msg("round %d: '%.*s' gave '%s' (%zu), wanted '%s'", round, (int)n, in, buf, got, want);
	}
}

/* Latin-1 and Latin Extended-A letters fold to their base letters; any
 * other character, or no room, gives 0. */
static void test_fold_latin(void **state)
{
	(void)state;
	char out[32];
	size_t n = ctl_fold_latin("Siobhán", strlen("Siobhán"), out, sizeof(out));
	assert_int_equal(n, 7);
	assert_memory_equal(out, "Siobhan", 7);
	n = ctl_fold_latin("Dvořáková", strlen("Dvořáková"), out, sizeof(out));
	assert_int_equal(n, 9);
	assert_memory_equal(out, "Dvorakova", 9);
	n = ctl_fold_latin("ŁÓDŹ", strlen("ŁÓDŹ"), out, sizeof(out));
	assert_int_equal(n, 4);
	assert_memory_equal(out, "LODZ", 4);
	assert_int_equal(ctl_fold_latin("Москва", strlen("Москва"), out, sizeof(out)), 0);
	assert_int_equal(ctl_fold_latin("a×b", strlen("a×b"), out, sizeof(out)), 0);
	assert_int_equal(ctl_fold_latin("Siobhán", strlen("Siobhán"), out, 3), 0);
	assert_int_equal(ctl_fold_latin("caf\xc3", 4, out, sizeof(out)), 0); /* cut short */
}

/* Capitals of ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic open a
 * word in upper case; small letters, other signs and cut sequences do
 * not. */
static void test_starts_upper(void **state)
{
	(void)state;
	const char *up[] = { "Anna", "Österreich", "Łódź",
		"Żaneta", "Αθήνα",
		"Москва", NULL };
	const char *low[] = { "anna", "öl", "łódź", "×",
		"ß", "мир", "9am", "\xc5", "", NULL };
	for (size_t i = 0; up[i]; i++)
		if (!ctl_starts_upper(up[i], strlen(up[i])))
			fail_msg("'%s' should open in upper case", up[i]);
	for (size_t i = 0; low[i]; i++)
		if (ctl_starts_upper(low[i], strlen(low[i])))
			fail_msg("'%s' should not open in upper case", low[i]);
}

static size_t key_mod7(const void *p)
{
	return *(const uint32_t *)p % 7;
}

/* A big block keeps its contents as it grows from malloc'd to mapped and
 * on by half, and as it shrinks back across the threshold; a counting sort
 * into it keeps equal keys in their order. */
static void test_big_blocks(void **state)
{
	(void)state;
	uint32_t *a = NULL;
	size_t cap = 0, n = 0;
	size_t want = 3 * CTL_BIG_MIN / sizeof(*a); /* past the threshold, then on */
	for (; n < want; n++) {
		ctl_big_grow((void **)&a, &cap, n + 1, sizeof(*a));
		a[n] = (uint32_t)(n * 2654435761u);
	}
	assert_true(cap >= want);
	for (size_t i = 0; i < n; i++)
		if (a[i] != (uint32_t)(i * 2654435761u))
			fail_msg("item %zu lost while growing", i);
	/* back under the threshold: the first items stay */
	size_t small = 1000;
	a = ctl_big_resize(a, cap * sizeof(*a), small * sizeof(*a));
	cap = small;
	for (size_t i = 0; i < small; i++)
		assert_int_equal(a[i], (uint32_t)(i * 2654435761u));
	/* sorted by key (i % 7) into a big block: stable */
	uint32_t *out = ctl_big_resize(NULL, 0, small * sizeof(*out));
	for (size_t i = 0; i < small; i++)
		a[i] = (uint32_t)i;
	ctl_sort_by_key(a, small, sizeof(*a), 7, key_mod7, out);
	for (size_t i = 1; i < small; i++)
		assert_true(out[i - 1] % 7 < out[i] % 7 || (out[i - 1] % 7 == out[i] % 7 && out[i - 1] < out[i]));
	ctl_big_free(out, small * sizeof(*out));
	ctl_big_free(a, cap * sizeof(*a));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_run_parts_each_once),
		cmocka_unit_test(test_pool_runs_each_part_once),
		cmocka_unit_test(test_part_begin_covers),
		cmocka_unit_test(test_cut_parts),
		cmocka_unit_test(test_qsort_mt_matches_qsort),
		cmocka_unit_test(test_union_find_smallest_root),
		cmocka_unit_test(test_big_blocks),
		cmocka_unit_test(test_fold_latin),
		cmocka_unit_test(test_starts_upper),
		cmocka_unit_test(test_id_string),
		cmocka_unit_test(test_ascii_classes),
		cmocka_unit_test(test_pack8_and_lower8),
		cmocka_unit_test(test_find_str_nocase_matches_naive),
		cmocka_unit_test(test_ascii_run_matches_bytewise),
		cmocka_unit_test(test_squeeze_spaces_matches_plain),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
