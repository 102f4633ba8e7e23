/* The lexicon format every data file uses. */
#include <stdlib.h>
#include <string.h>
#include "helpers.h"
#include "lexicon.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_and_lookup),
		cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
