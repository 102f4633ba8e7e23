/* Manifests: user-supplied publication dates. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "helpers.h"

static char *write_tmp(const char *content)
{
	char *path = strdup("/tmp/ctl-manifest-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, content, strlen(content)), (ssize_t)strlen(content));
	close(fd);
	return path;
}

static int load(const char *content, ctl_manifest **m, ctl_error *err)
{
	char *path = write_tmp(content);
	ctl_error_clear(err);
	int rc = ctl_manifest_load(m, path, err);
	unlink(path);
	free(path);
	return rc;
}

static void test_lookup(void **state)
{
	(void)state;
	ctl_manifest *m = NULL;
	ctl_error err;
	assert_int_equal(load("title,extra,date,path\r\n"
		"\"Headline, with comma\",x,2017-07-13,dir/a.txt\r\n"
		",,2018-01-24,b.txt\r\n", &m, &err), 0);
	ctl_day d;
	const char *title;
	assert_true(ctl_manifest_lookup(m, "dir/a.txt", &d, &title));
	assert_int_equal(d, ctl_day_from_ymd(2017, 7, 13));
	assert_string_equal(title, "Headline, with comma");
	assert_true(ctl_manifest_lookup(m, "some/where/b.txt", &d, &title));
	assert_int_equal(d, ctl_day_from_ymd(2018, 1, 24));
	assert_null(title);
	assert_false(ctl_manifest_lookup(m, "c.txt", &d, &title));
	ctl_manifest_free(m);
}

static void test_errors(void **state)
{
	(void)state;
	ctl_manifest *m = NULL;
	ctl_error err;
	assert_int_equal(load("file,when\na.txt,2017-01-01\n", &m, &err), CTL_EDATA);
	assert_non_null(strstr(err.msg, ":1: header must name the columns 'path' and 'date'"));
	assert_int_equal(load("path,date\na.txt,2017-02-30\n", &m, &err), CTL_EDATA);
	assert_non_null(strstr(err.msg, ":2:2: '2017-02-30' is not a date"));
	assert_int_equal(load("path,date\na.txt,\"2017-01-01\n", &m, &err), CTL_EDATA);
	assert_non_null(strstr(err.msg, "malformed CSV"));
	assert_int_equal(load("", &m, &err), CTL_EDATA);
	assert_non_null(strstr(err.msg, "empty manifest"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lookup),
		cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
