/* The lexicon format every data file uses. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "helpers.h"
#include "lexicon.h"
#include "util.h"

static void test_parse_and_lookup(void **state)
{
	(void)state;
	const char *src =
		"# a comment\n"
		"\n"
		"January\t1\tjan\r\n"
		"  # indented comment\n"
		"new year's day\t01-01\n"
		"JANUARY\t99\n"
		"Sept.\t9\n"
		"last";
	ctl_lexicon *lex = NULL;
	ctl_error err;
	ctl_error_clear(&err);
	assert_int_equal(ctl_lexicon_parse(&lex, "t.tsv", src, strlen(src), &err), 0);
	assert_int_equal(ctl_lexicon_count(lex), 5);
	const ctl_lex_entry *e = ctl_lexicon_get(lex, "january", 7);
	assert_non_null(e);
	assert_int_equal(e->nfields, 3);
	assert_string_equal(e->fields[1], "1"); /* the first row wins */
	assert_string_equal(e->fields[2], "jan");
	assert_int_equal(e->line, 3);
	e = ctl_lexicon_get(lex, "New Year's Day", 14);
	assert_non_null(e);
	assert_string_equal(e->fields[1], "01-01");
	assert_non_null(ctl_lexicon_get(lex, "SEPT.", 5));
	assert_null(ctl_lexicon_get(lex, "Sept", 4));
	assert_non_null(ctl_lexicon_get(lex, "last", 4));
	assert_int_equal(ctl_lexicon_max_words(lex), 3);
	ctl_lexicon_free(lex);
}

static void test_errors(void **state)
{
	(void)state;
	ctl_lexicon *lex = NULL;
	ctl_error err;
	ctl_error_clear(&err);
	assert_int_equal(ctl_lexicon_parse(&lex, "t.tsv", "a\t1\n\tx\n", 7, &err), CTL_EDATA);
	assert_string_equal(err.msg, "t.tsv:2: entry with an empty key");
	assert_int_equal(ctl_lexicon_load(&lex, "/nonexistent.tsv", &err), CTL_ENOTFOUND);
}

/* The tables' hash folds exactly 'A'..'Z', eight bytes at a time: every
 * length, every position, and the bytes beside the letters in ASCII. */
static void test_hash_folds_ascii_letters_only(void **state)
{
	(void)state;
	char a[41] = { 0 }, b[41] = { 0 };
	for (size_t n = 0; n <= 40; n++) {
		for (size_t i = 0; i < n; i++) {
			a[i] = (char)('a' + (i * 7) % 26);
			b[i] = (char)(i % 3 ? a[i] - 32 : a[i]); /* some in capitals */
		}
		assert_true(ctl_hash_nocase(a, n) == ctl_hash_nocase(b, n));
		for (size_t i = 0; i < n; i++) { /* one byte changed changes it */
			char keep = b[i];
			b[i] = '0';
			assert_true(ctl_hash_nocase(a, n) != ctl_hash_nocase(b, n));
			b[i] = keep;
		}
	}
	/* '@' '[' '`' '{' and non-ASCII bytes are not letters */
	assert_true(ctl_hash_nocase("x@y", 3) != ctl_hash_nocase("x`y", 3));
	assert_true(ctl_hash_nocase("x[y", 3) != ctl_hash_nocase("x{y", 3));
	assert_true(ctl_hash_nocase("\xc3\x89", 2) != ctl_hash_nocase("\xc3\xa9", 2)); /* É, é */
	assert_true(ctl_hash_nocase("\xc1", 1) != ctl_hash_nocase("\xe1", 1));
	/* a lexicon finds its keys whatever their case and length */
	const char *src = "Ab\nabcdefgh\nABCDEFGHI\nthe-longest-key-of-all-here\n";
	ctl_lexicon *lex = NULL;
	ctl_error err;
	assert_int_equal(ctl_lexicon_parse(&lex, "t.tsv", src, strlen(src), &err), 0);
	assert_non_null(ctl_lexicon_get(lex, "aB", 2));
	assert_non_null(ctl_lexicon_get(lex, "ABCDEFGH", 8));
	assert_non_null(ctl_lexicon_get(lex, "abcdefghi", 9));
	assert_non_null(ctl_lexicon_get(lex, "THE-LONGEST-KEY-OF-ALL-HERE", 27));
	assert_null(ctl_lexicon_get(lex, "abcdefg", 7));
	ctl_lexicon_free(lex);
	/* the hash written to files is FNV-1a, whatever the tables use */
	assert_true(ctl_hash_fnv_nocase("", 0) == 1469598103934665603ULL);
	assert_true(ctl_hash_fnv_nocase("A", 1) == ctl_hash_fnv_nocase("a", 1));
	assert_true(ctl_hash_fnv_nocase("a", 1) == ((1469598103934665603ULL ^ 'a') * 1099511628211ULL));
}

/* Every key is found in any case, whatever its length and end bytes, and a
 * word of the same shape that is no key is not (look-ups first consult a
 * bitmap of the keys' length, first and last byte). */
static void test_lookup_every_shape(void **state)
{
	(void)state;
	char src[8192];
	size_t m = 0;
	const char *alpha = "aZ0-.'xQ";
	for (size_t len = 1; len <= 40; len++)
		for (size_t v = 0; v < 8; v++) {
			for (size_t k = 0; k < len; k++)
				src[m++] = alpha[(v + k * 3) % 8];
			m += (size_t)snprintf(src + m, sizeof(src) - m, "\t%zu\n", len);
		}
	src[m] = '\0';
	ctl_lexicon *lex;
	ctl_error err;
	ctl_error_clear(&err);
	assert_int_equal(ctl_lexicon_parse(&lex, "t.tsv", src, m, &err), 0);
	for (size_t i = 0; i < ctl_lexicon_count(lex); i++) {
		const ctl_lex_entry *e = ctl_lexicon_at(lex, i);
		char up[64], low[64];
		for (size_t k = 0; k < e->keylen; k++) {
			up[k] = (char)toupper((unsigned char)e->key[k]);
			low[k] = (char)tolower((unsigned char)e->key[k]);
		}
		assert_ptr_equal(ctl_lexicon_get(lex, up, e->keylen), e);
		assert_ptr_equal(ctl_lexicon_get(lex, low, e->keylen), e);
		assert_ptr_equal(ctl_lexicon_get_h(lex, low, e->keylen, ctl_hash_nocase(low, e->keylen)), e);
	}
	assert_null(ctl_lexicon_get(lex, "bb", 2));
	assert_null(ctl_lexicon_get(lex, "azb", 3));
	ctl_lexicon_free(lex);
}

/* A key of up to 8 bytes is compared as one word: a key that differs from
 * an entry in any one byte, or by a byte more or less, is not found unless
 * it is itself an entry. */
static void test_short_keys_differ_in_every_byte(void **state)
{
	(void)state;
	const char *src = "a\nab\nabc\nabcd\nabcde\nabcdef\nabcdefg\nabcdefgh\nabcdefghi\n"
	                  "x y\nm\xc3\xa9t\xc3\xa9o\n";
	ctl_lexicon *lex;
	ctl_error err;
	ctl_error_clear(&err);
	assert_int_equal(ctl_lexicon_parse(&lex, "t.tsv", src, strlen(src), &err), 0);
	for (size_t i = 0; i < ctl_lexicon_count(lex); i++) {
		const ctl_lex_entry *e = ctl_lexicon_at(lex, i);
		char k[16];
		memcpy(k, e->key, e->keylen);
		for (size_t p = 0; p < e->keylen; p++) {
			const char subs[] = { 'q', 'A' ^ 0x20, '\0', (char)0xC3, ' ' };
			for (size_t v = 0; v < sizeof(subs); v++) {
				if (ctl_to_lower((unsigned char)subs[v]) == ctl_to_lower((unsigned char)e->key[p]))
					continue;
				k[p] = subs[v];
				assert_null(ctl_lexicon_get(lex, k, e->keylen));
				k[p] = e->key[p];
			}
		}
		assert_ptr_equal(ctl_lexicon_get(lex, k, e->keylen), e);
	}
	assert_null(ctl_lexicon_get(lex, "abq", 3));
	assert_null(ctl_lexicon_get(lex, "ABCDEFGHIJ", 10));
	assert_non_null(ctl_lexicon_get(lex, "ABCDEFGHI", 9));
	assert_non_null(ctl_lexicon_get(lex, "X Y", 3));
	assert_null(ctl_lexicon_get(lex, "X  Y", 4));
	assert_non_null(ctl_lexicon_get(lex, "M\xc3\xa9T\xc3\xa9O", 7)); /* only ASCII folds */
	assert_null(ctl_lexicon_get(lex, "M\xc3\x89T\xc3\xa9O", 7));
	ctl_lexicon_free(lex);
}

/* Every key's first word has its shape bit, in either case; a word of a
 * shape no first word has is told apart without a hash. */
static void test_first_word_shapes(void **state)
{
	(void)state;
	const char *src = "cyber attack\t1\nRaid\t2\nsummit meeting talks\t3\n";
	ctl_lexicon *lex;
	ctl_error err;
	ctl_error_clear(&err);
	assert_int_equal(ctl_lexicon_parse(&lex, "t.tsv", src, strlen(src), &err), 0);
	const uint64_t *sh = ctl_lexicon_first_word_shapes(lex);
	assert_non_null(sh);
	const char *yes[] = { "cyber", "CYBER", "Raid", "raid", "summit", "Summit" };
	for (size_t i = 0; i < sizeof(yes) / sizeof(*yes); i++) {
		assert_true(ctl_lex_shape_has(sh, ctl_lex_shape_bit(yes[i], strlen(yes[i]))));
		assert_true(ctl_lexicon_first_word_max(lex, yes[i], strlen(yes[i])) >= 1);
	}
	/* other lengths, first or last letters: not first words (nor hashed) */
	const char *no[] = { "attack", "cyb", "cybers", "aaid", "raix", "meeting", "talks" };
	for (size_t i = 0; i < sizeof(no) / sizeof(*no); i++)
		assert_false(ctl_lex_shape_has(sh, ctl_lex_shape_bit(no[i], strlen(no[i]))));
	ctl_lexicon_free(lex);
	assert_null(ctl_lexicon_first_word_shapes(NULL));
}

/* The reference: the first byte equal to c once both are ASCII-lowercased. */
static size_t find_nocase_slow(const char *s, size_t n, unsigned char c)
{
	for (size_t i = 0; i < n; i++)
		if (ctl_to_lower((unsigned char)s[i]) == ctl_to_lower(c))
			return i;
	return n;
}

/* ctl_find_nocase, which skips eight bytes a step, agrees with a byte-wise
 * search for every byte sought, at every position and length, among bytes
 * that fold together under | 0x20 without being the same letter. */
static void test_find_nocase(void **state)
{
	(void)state;
	char buf[40];
	/* a filler of near misses: '@' '`' '[' '{' and bytes with the high bit */
	static const char filler[] = "@`[{\xc1\xe1^~";
	for (unsigned c = 1; c < 256; c++) {
		for (size_t n = 0; n <= sizeof(buf); n++) {
			for (size_t i = 0; i < n; i++)
				buf[i] = filler[(i + c) % (sizeof(filler) - 1)];
			if (find_nocase_slow(buf, n, (unsigned char)c) != ctl_find_nocase(buf, n, (unsigned char)c))
				fail_msg("c=%u n=%zu filler only", c, n);
			for (size_t at = 0; at < n; at++) {
				char keep = buf[at];
				buf[at] = (char)(ctl_is_lower((unsigned char)c) && at % 2 ? c - 32 : c);
				size_t want = find_nocase_slow(buf, n, (unsigned char)c);
				assert_true(want <= at);
				if (ctl_find_nocase(buf, n, (unsigned char)c) != want)
					fail_msg("c=%u n=%zu at=%zu", c, n, at);
				buf[at] = keep;
			}
		}
	}
	assert_int_equal(ctl_find_nocase("xxxxxxxxxxQ", 11, 'q'), 10);
	assert_int_equal(ctl_find_nocase("xxxxxxxxxxQ", 10, 'q'), 10);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_and_lookup),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_hash_folds_ascii_letters_only),
		cmocka_unit_test(test_lookup_every_shape),
		cmocka_unit_test(test_short_keys_differ_in_every_byte),
		cmocka_unit_test(test_first_word_shapes),
		cmocka_unit_test(test_find_nocase),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
