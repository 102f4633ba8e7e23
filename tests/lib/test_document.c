/* Ingest: UTF-8 repair without moving offsets, lines, limits, input lists. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "helpers.h"

static ctl_document *from_mem(const char *data, size_t len, size_t max, int *rc, ctl_error *err)
{
	ctl_document *doc = NULL;
	ctl_ingest_options o = { max };
	ctl_error_clear(err);
	*rc = ctl_document_from_memory(&doc, "mem.txt", data, len, &o, err);
	return doc;
}

static void test_invalid_utf8_replaced_in_place(void **state)
{
	(void)state;
	/* a stray continuation byte, a truncated sequence, an overlong form, a
	 * surrogate and a NUL: each invalid byte becomes one '?' */
	const char in[] = "ok \x80 caf\xc3\xa9 \xe2\x82 x \xc0\xaf \xed\xa0\x80 y\0z \xd0\x96";
	size_t n = sizeof(in) - 1;
	int rc;
	ctl_error err;
	ctl_document *doc = from_mem(in, n, 0, &rc, &err);
	assert_int_equal(rc, 0);
	assert_int_equal(doc->len, n);
	assert_string_equal(doc->text, "ok ? caf\xc3\xa9 ?? x ?? ??? y?z \xd0\x96");
	assert_int_equal(doc->invalid_bytes, 1 + 2 + 2 + 3 + 1);
	assert_int_equal(doc->first_invalid, 3);
	assert_string_equal(doc->id, "mem");
	ctl_document_free(doc);
}

static void test_lines_crlf(void **state)
{
	(void)state;
	const char *in = "Title line\r\n\r\nBody one.\r\nlast";
	int rc;
	ctl_error err;
	ctl_document *doc = from_mem(in, strlen(in), 0, &rc, &err);
	assert_int_equal(rc, 0);
	assert_int_equal(doc->nlines, 4);
	assert_int_equal(doc->lines[0].start, 0);
	assert_int_equal(doc->lines[0].end, 10);
	assert_int_equal(doc->lines[1].start, doc->lines[1].end);
	assert_memory_equal(doc->text + doc->lines[2].start, "Body one.", 9);
	assert_int_equal(doc->lines[2].end - doc->lines[2].start, 9);
	assert_memory_equal(doc->text + doc->lines[3].start, "last", 4);
	ctl_document_free(doc);
}

static void test_empty_and_binary_and_limit(void **state)
{
	(void)state;
	int rc;
	ctl_error err;
	ctl_document *doc = from_mem("", 0, 0, &rc, &err);
	assert_int_equal(rc, 0);
	assert_int_equal(doc->nlines, 0);
	ctl_document_free(doc);

	unsigned char bin[2048];
	for (size_t i = 0; i < sizeof(bin); i++)
		bin[i] = (unsigned char)(i * 37 + 11);
	doc = from_mem((const char *)bin, sizeof(bin), 0, &rc, &err);
	assert_int_equal(rc, CTL_EDATA);
	assert_null(doc);
	assert_non_null(strstr(err.msg, "mem.txt: binary file"));

	char big[100];
	memset(big, 'a', sizeof(big));
	doc = from_mem(big, sizeof(big), 50, &rc, &err);
	assert_int_equal(rc, CTL_ELIMIT);
	assert_null(doc);
	assert_non_null(strstr(err.msg, "mem.txt:"));
	assert_non_null(strstr(err.msg, "limit"));
}

static void test_read_errors(void **state)
{
	(void)state;
	ctl_document *doc = NULL;
	ctl_error err;
	ctl_error_clear(&err);
	assert_int_equal(ctl_document_read(&doc, "/nonexistent/x.txt", NULL, &err), CTL_ENOTFOUND);
	assert_string_equal(err.msg, "/nonexistent/x.txt: no such file or directory");
	assert_int_equal(ctl_document_read(&doc, CTL_SEEDS_DIR, NULL, &err), CTL_EIO);
	assert_non_null(strstr(err.msg, "is a directory"));
	ctl_ingest_options small = { 100 };
	char path[1024];
	snprintf(path, sizeof(path), "%s/000_53e12349ee943d46.txt", CTL_SEEDS_DIR);
	assert_int_equal(ctl_document_read(&doc, path, &small, &err), CTL_ELIMIT);
	assert_non_null(strstr(err.msg, "per-document limit of 100 bytes"));
}

static void test_list_inputs(void **state)
{
	(void)state;
	char **files;
	size_t n;
	ctl_error err;
	ctl_error_clear(&err);
	assert_int_equal(ctl_list_inputs(&files, &n, CTL_SEEDS_DIR, &err), 0);
	assert_int_equal(n, 5);
	for (size_t i = 0; i < n; i++) {
		if (i)
			assert_true(strcmp(files[i - 1], files[i]) < 0);
		assert_non_null(strstr(files[i], ".txt"));
	}
	for (size_t i = 0; i < n; i++)
		free(files[i]);
	free(files);

	char dir[] = "/tmp/ctl-test-XXXXXX";
	assert_non_null(mkdtemp(dir));
	assert_int_equal(ctl_list_inputs(&files, &n, dir, &err), CTL_ENOTFOUND);
	assert_non_null(strstr(err.msg, "no *.txt articles"));
	rmdir(dir);
	assert_int_equal(ctl_list_inputs(&files, &n, "/nonexistent", &err), CTL_ENOTFOUND);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_invalid_utf8_replaced_in_place),
		cmocka_unit_test(test_lines_crlf),
		cmocka_unit_test(test_empty_and_binary_and_limit),
		cmocka_unit_test(test_read_errors),
		cmocka_unit_test(test_list_inputs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
