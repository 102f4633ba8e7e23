/* ctimeline merge: per-article results (extract --jsonl) in, events JSON out. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>
#include "cli.h"

/* A whole-file input (a JSON array, a pretty-printed object) larger than
 * this is refused (cJSON's tree takes several times the text); JSON Lines
 * have no limit on their number, only on each line's length. README
 * "Limits". */
#define MERGE_MAX_JSON_BYTES (256UL * 1024 * 1024)
#define MERGE_MAX_LINE_BYTES (64UL * 1024 * 1024)

static void help(FILE *f)
{
	fprintf(f,
		"usage: ctimeline merge [options] FILE...\n"
		"\n"
		"Merges the per-article results that 'ctimeline extract --jsonl' writes\n"
		"(one JSON object per line, format \"ctimeline-partial\"; or a JSON array of\n"
		"them) from any number of runs into one timeline, exactly as a single\n"
		"'extract' over all the articles would make it: the output is the same\n"
		"however the articles were split between runs. '-' reads standard input.\n"
		"\n"
		"options:\n"
		"  -o, --output FILE    write the events JSON to FILE (default '-': standard\n"
		"                       output); the file is replaced only once complete\n"
		"  -j, --jobs N         merge and format the output on N threads (default:\n"
		"                       the number of cores); the bytes are the same for any N\n"
		"  --data-dir DIR       knowledge files (default: $CTIMELINE_DATA_DIR or the\n"
		"                       built-in data/); use the same as the extract runs\n"
		"  --progress           show the file and the results read so far on\n"
		"                       standard error (default when it is a terminal)\n"
		"  --no-progress        do not\n"
		"  --stats              at the end, one line on standard error: documents,\n"
		"                       events and actors, the seconds spent reading,\n"
		"                       merging and writing, and the peak memory\n"
		"  -h, --help           show this help\n");
}

typedef struct merge_state {
	ctl_extractor *x;
	size_t results;
	bool progress;
	size_t shown;             /* results when the progress line was last drawn */
} merge_state;

static void progress(merge_state *st, const char *name, bool done)
{
	if (!st->progress)
		return;
	if (done)
		fputs("\r\033[K", stderr);
	else if (st->results - st->shown >= 512 || !st->shown) {
		fprintf(stderr, "\rctimeline: merge %s: results read: %zu\033[K", name, st->results);
		st->shown = st->results ? st->results : 1;
	}
}

static int add_json(merge_state *st, const char *name, size_t line, const char *data, size_t len)
{
	ctl_error err;
	ctl_error_clear(&err);
	if (ctl_extractor_add_json(st->x, name, line, data, len, &st->results, &err)) {
		progress(st, name, true);
		return cli_lib_error(&err);
	}
	progress(st, name, false);
	return CLI_OK;
}

static bool blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return false;
	return true;
}

/* Does a line hold one whole JSON object ('{' ... '}')? */
static bool whole_object(const char *s, size_t n)
{
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	return n >= 2 && s[0] == '{' && s[n - 1] == '}';
}

static int read_rest(FILE *f, const char *path, char **buf, size_t *len)
{
	size_t cap = *len + 65536;
	*buf = realloc(*buf, cap);
	for (;;) {
		if (!*buf)
			abort();
		if (*len > MERGE_MAX_JSON_BYTES) {
			cli_error("%s: a whole-file JSON input larger than 256 MiB (write one result "
				"per line: extract --jsonl)", path);
			return CLI_FAIL;
		}
		size_t n = fread(*buf + *len, 1, cap - *len - 1, f);
		*len += n;
		if (n == 0)
			break;
		if (cap - *len < 4096) {
			cap *= 2;
			*buf = realloc(*buf, cap);
		}
	}
	if (ferror(f)) {
		cli_error("%s: read failed: %s", path, strerror(errno));
		return CLI_FAIL;
	}
	(*buf)[*len] = '\0';
	return CLI_OK;
}

/* One input: JSON Lines, one result per line; if the first line is not a
 * whole JSON value (a pretty-printed object, an array), the whole file as
 * JSON values instead. */
static int merge_file(merge_state *st, const char *path)
{
	bool is_stdin = !strcmp(path, "-");
	const char *shown = is_stdin ? "<stdin>" : path;
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	if (!f) {
		cli_error("%s: cannot open: %s", path, strerror(errno));
		return CLI_FAIL;
	}
	char *line = NULL;
	size_t cap = 0, lineno = 0;
	ssize_t n;
	int rc = CLI_OK;
	bool first = true;
	while (rc == CLI_OK && (n = getline(&line, &cap, f)) >= 0) {
		lineno++;
		if (blank(line, (size_t)n))
			continue;
		if (first) {
			first = false;
			if (!whole_object(line, (size_t)n)) {
				size_t len = (size_t)n;
				rc = read_rest(f, shown, &line, &len);
				if (rc == CLI_OK)
					rc = add_json(st, shown, lineno, line, len);
				break;
			}
		}
		if ((size_t)n > MERGE_MAX_LINE_BYTES) {
			cli_error("%s:%zu: a line longer than 64 MiB (one article's result is far "
				"smaller: is this the output of extract --jsonl?)", shown, lineno);
			rc = CLI_FAIL;
			break;
		}
		rc = add_json(st, shown, lineno, line, (size_t)n);
	}
	if (rc == CLI_OK && ferror(f)) {
		cli_error("%s: read failed: %s", shown, strerror(errno));
		rc = CLI_FAIL;
	}
	free(line);
	if (!is_stdin)
		fclose(f);
	return rc;
}

int cmd_merge(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "data-dir", required_argument, NULL, 0x100 },
		{ "progress", no_argument, NULL, 0x101 },
		{ "no-progress", no_argument, NULL, 0x102 },
		{ "stats", no_argument, NULL, 0x103 },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	cli_input_opts in = { .progress = -1 };
	const char *output = "-";
	bool stats = false;
	int jobs = cli_default_jobs();
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "o:j:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'o': output = optarg; break;
		case 'j':
			if ((jobs = cli_parse_jobs("merge", optarg)) < 0)
				return CLI_USAGE;
			break;
		case 0x100: in.data_dir = optarg; break;
		case 0x101: in.progress = 1; break;
		case 0x102: in.progress = 0; break;
		case 0x103: stats = true; break;
		case 'h': help(stdout); return CLI_OK;
		default:
			cli_usage_error("merge", "unknown option or missing value: \'%s\'", argv[optind - 1]);
			return CLI_USAGE;
		}
	}
	if (optind >= argc) {
		cli_usage_error("merge", "no input: name files written by 'extract --jsonl'");
		return CLI_USAGE;
	}
	ctl_resources *res = cli_load_resources(&in);
	if (!res)
		return CLI_FAIL;
	merge_state st = { ctl_extractor_new(res), 0,
		in.progress < 0 ? isatty(STDERR_FILENO) != 0 : in.progress != 0, 0 };
	int rc = CLI_OK;
	double t0 = cli_now();
	for (int i = optind; i < argc && rc == CLI_OK; i++)
		rc = merge_file(&st, argv[i]);
	progress(&st, "", true);
	double t1 = cli_now();
	if (rc == CLI_OK && st.results == 0) {
		cli_error("%s: no results to merge", argc - optind == 1 ? argv[optind] : "input");
		rc = CLI_FAIL;
	}
	rc = cli_finish_and_write(st.x, rc, output, jobs, stats, "merge", "read", t0, t1);
	ctl_resources_free(res);
	return rc;
}
