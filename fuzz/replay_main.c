/*
 * A standalone driver for the fuzz targets, for builds without libFuzzer:
 * feeds every file named on the command line (directories: every regular
 * file in them, sorted by name) to LLVMFuzzerTestOneInput once. CTest runs
 * it over each target's seed corpus and its saved crash inputs, so a crash
 * ever found stays fixed in the normal build. Exit 0 when every input ran,
 * 1 when a file could not be read; a crash is a crash.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "replay: %s: cannot open\n", path);
		return 1;
	}
	size_t cap = 4096, n = 0;
	uint8_t *buf = malloc(cap);
	size_t r;
	while (buf && (r = fread(buf + n, 1, cap - n, f)) > 0) {
		n += r;
		if (n == cap) {
			cap *= 2;
			uint8_t *grown = realloc(buf, cap);
			if (!grown) {
				free(buf);
				buf = NULL;
			} else {
				buf = grown;
			}
		}
	}
	int bad = ferror(f) || !buf;
	fclose(f);
	if (bad) {
		free(buf);
		fprintf(stderr, "replay: %s: cannot read\n", path);
		return 1;
	}
	/* an exact-size copy, as libFuzzer passes it */
	uint8_t *exact = malloc(n ? n : 1);
	if (!exact) {
		free(buf);
		return 1;
	}
	memcpy(exact, buf, n);
	free(buf);
	LLVMFuzzerTestOneInput(exact, n);
	free(exact);
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	int failed = 0;
	size_t total = 0;
	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) != 0) {
			fprintf(stderr, "replay: %s: no such file or directory\n", argv[i]);
			failed = 1;
			continue;
		}
		if (!S_ISDIR(st.st_mode)) {
			failed |= run_file(argv[i]);
			total++;
			continue;
		}
		DIR *d = opendir(argv[i]);
		if (!d) {
			fprintf(stderr, "replay: %s: cannot open directory\n", argv[i]);
			failed = 1;
			continue;
		}
		char **names = NULL;
		size_t nnames = 0, cap = 0;
		struct dirent *e;
		while ((e = readdir(d))) {
			if (e->d_name[0] == '.')
				continue; /* ., .., and hidden files such as .gitkeep */
			if (nnames == cap) {
				cap = cap ? cap * 2 : 64;
				char **grown = realloc(names, cap * sizeof *names);
				if (!grown)
					abort();
				names = grown;
			}
			size_t len = strlen(argv[i]) + strlen(e->d_name) + 2;
			names[nnames] = malloc(len);
			if (!names[nnames])
				abort();
			snprintf(names[nnames++], len, "%s/%s", argv[i], e->d_name);
		}
		closedir(d);
		if (nnames)
			qsort(names, nnames, sizeof *names, by_name);
		for (size_t k = 0; k < nnames; k++) {
			if (stat(names[k], &st) == 0 && S_ISREG(st.st_mode)) {
				failed |= run_file(names[k]);
				total++;
			}
			free(names[k]);
		}
		free(names);
	}
	printf("replayed %zu inputs\n", total);
	return failed;
}
