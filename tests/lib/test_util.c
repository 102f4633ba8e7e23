/* The library's shared helpers: parts run on threads, the threaded sort,
 * union-find, the ids the merge writes. */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_run_parts_each_once),
		cmocka_unit_test(test_part_begin_covers),
		cmocka_unit_test(test_cut_parts),
		cmocka_unit_test(test_qsort_mt_matches_qsort),
		cmocka_unit_test(test_union_find_smallest_root),
		cmocka_unit_test(test_id_string),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
