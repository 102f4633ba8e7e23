/* Atomic output: the old file survives a failure, no temporary is left. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "helpers.h"

static int count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;
	while ((e = readdir(d)))
		n += e->d_name[0] != '.' || strlen(e->d_name) > 2;
	closedir(d);
	return n;
}

static void test_atomic_replace(void **state)
{
	(void)state;
	char dir[] = "/tmp/ctl-io-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[256];
	snprintf(path, sizeof(path), "%s/out.json", dir);
	ctl_error err;
	ctl_error_clear(&err);
	assert_int_equal(ctl_write_file_atomic(path, "first\n", 6, &err), 0);
	assert_int_equal(ctl_write_file_atomic(path, "second\n", 7, &err), 0);
	size_t len;
	char *s = test_read_file(path, &len);
	assert_string_equal(s, "second\n");
	free(s);
	assert_int_equal(count_entries(dir), 1);

	/* a read-only directory: the write fails, the old file is intact */
	if (geteuid() != 0) {
		chmod(dir, 0555);
		assert_int_equal(ctl_write_file_atomic(path, "third\n", 6, &err), CTL_EIO);
		chmod(dir, 0755);
		s = test_read_file(path, &len);
		assert_string_equal(s, "second\n");
		free(s);
	}
	/* the target is a directory */
	assert_int_equal(ctl_write_file_atomic(dir, "x", 1, &err), CTL_EIO);
	assert_non_null(strstr(err.msg, "is a directory"));
	assert_int_equal(count_entries(dir), 1);
	unlink(path);
	rmdir(dir);
}

static void test_missing_directory(void **state)
{
	(void)state;
	ctl_error err;
	ctl_error_clear(&err);
	assert_int_equal(ctl_write_file_atomic("/nonexistent-dir/out.json", "x", 1, &err), CTL_EIO);
	assert_string_equal(err.msg, "/nonexistent-dir/out.json: directory does not exist");
}

static void test_read_limit(void **state)
{
	(void)state;
	char *data;
	size_t len;
	ctl_error err;
	ctl_error_clear(&err);
	char path[1024];
	snprintf(path, sizeof(path), "%s/001_a868eae481f18e53.txt", CTL_SEEDS_DIR);
	assert_int_equal(ctl_read_file(&data, &len, path, 10, &err), CTL_ELIMIT);
	assert_int_equal(ctl_read_file(&data, &len, path, 1u << 20, &err), 0);
	assert_true(len > 1000);
	assert_int_equal(data[len], '\0');
	free(data);
}

/* Byte k of the streamed test file. */
static char pattern(size_t k)
{
	return (char)('a' + (k * 7 + k / 4099) % 26);
}

/* A file streamed in pieces of many sizes (some larger than the output
 * buffer), past the points where the disk is asked to start writing
 * (every 8 MiB): every byte arrives, in order; an aborted stream of the
 * same size leaves the old file and no temporary. */
static void test_streamed_output(void **state)
{
	(void)state;
	char dir[] = "/tmp/ctl-io-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[256];
	snprintf(path, sizeof(path), "%s/big.json", dir);
	size_t total = 20u << 20;
	char *src = malloc(total);
	assert_non_null(src);
	for (size_t k = 0; k < total; k++)
		src[k] = pattern(k);
	ctl_error err;
	ctl_error_clear(&err);
	for (int attempt = 0; attempt < 2; attempt++) {
		ctl_out *out;
		assert_int_equal(ctl_out_open(&out, path, &err), 0);
		static const size_t sizes[] = { 1, 17, 4096, 300000, 65536, 3, 1u << 20, 999 };
		for (size_t at = 0, i = 0; at < total; i++) {
			size_t n = sizes[i % 8];
			if (n > total - at)
				n = total - at;
			assert_int_equal(ctl_out_write(out, src + at, n, &err), 0);
			at += n;
		}
		if (attempt == 0) {
			assert_int_equal(ctl_out_commit(out, &err), 0);
		} else {
			ctl_out_abort(out); /* the file of the first attempt stays */
		}
		size_t len;
		char *got = test_read_file(path, &len);
		assert_int_equal(len, total);
		assert_memory_equal(got, src, total);
		free(got);
		assert_int_equal(count_entries(dir), 1);
	}
	free(src);
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_atomic_replace),
		cmocka_unit_test(test_missing_directory),
		cmocka_unit_test(test_read_limit),
		cmocka_unit_test(test_streamed_output),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
