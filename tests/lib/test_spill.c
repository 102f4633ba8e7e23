/* The spill file: what is put is read back, from the file or from the part
 * still buffered, whatever the sizes and the order of the reads. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "helpers.h"
#include "spill.h"

/* text i: a length that varies from 0 to ~70 KB, bytes that say where they are */
static size_t text_len(size_t i)
{
	return (i * 7919u) % 70000u;
}

static void fill(char *buf, size_t i, size_t len)
{
	for (size_t k = 0; k < len; k++)
		buf[k] = (char)('a' + (i + k) % 26);
}

static void test_round_trip(void **state)
{
	(void)state;
	ctl_spill *s = ctl_spill_new();
	assert_non_null(s);
	enum { N = 200 }; /* ~7 MB: many flushes of the 256 KB buffer */
	uint64_t off[N];
	char *buf = malloc(70000), *got = malloc(70000);
	ctl_error err;
	ctl_error_clear(&err);
	uint64_t total = 0;
	for (size_t i = 0; i < N; i++) {
		fill(buf, i, text_len(i));
		assert_int_equal(ctl_spill_put(s, buf, text_len(i), &off[i], &err), 0);
		assert_true(off[i] == total);
		total += text_len(i);
		/* the text just put (still buffered) reads back at once */
		memset(got, 0, 70000);
		assert_int_equal(ctl_spill_get(s, off[i], text_len(i), got, &err), 0);
		assert_memory_equal(got, buf, text_len(i));
	}
	/* backwards: from the buffer, then across its start, then the file */
	for (size_t i = N; i-- > 0;) {
		fill(buf, i, text_len(i));
		memset(got, 0, 70000);
		assert_int_equal(ctl_spill_get(s, off[i], text_len(i), got, &err), 0);
		assert_memory_equal(got, buf, text_len(i));
	}
	/* a read past what was written fails and says so */
	assert_int_equal(ctl_spill_get(s, total + 10, 5, got, &err), CTL_EIO);
	assert_non_null(strstr(err.msg, "temporary file"));
	free(buf);
	free(got);
	ctl_spill_free(s);
}

static void test_no_temporary_directory(void **state)
{
	(void)state;
	char *old = getenv("TMPDIR") ? strdup(getenv("TMPDIR")) : NULL;
	setenv("TMPDIR", "/nonexistent/ctimeline-test", 1);
	assert_null(ctl_spill_new()); /* the caller keeps its texts in memory */
	if (old)
		setenv("TMPDIR", old, 1);
	else
		unsetenv("TMPDIR");
	free(old);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_no_temporary_directory),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
