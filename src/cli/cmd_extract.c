/* ctimeline extract: articles in, events JSON out. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

static void help(FILE *f)
{
	fprintf(f,
		"usage: ctimeline extract [options] PATH...\n"
		"\n"
		"Reads articles (files, or the *.txt files of directories, sorted by name;\n"
		"'-' for standard input), and writes the events JSON (format\n"
		"\"ctimeline-events\", version 1): documents with their publication dates,\n"
		"actors and events. An article is text as scraped from a page (HTML tags\n"
		"and Markdown left in it are read as the text they stand for) or a whole\n"
		"HTML page (read from between its tags).\n"
		"\n"
		"options:\n"
		"  -o, --output FILE    write to FILE (default '-': standard output); the file\n"
		"                       is replaced only once it is completely written\n"
		"  -g, --gazetteer FILE more named events with known dates (format of\n"
		"                       data/events/gazetteer.tsv); repeatable\n"
		"  -j, --jobs N         extract, merge and format on N threads (default: the\n"
		"                       number of cores); the output is the same for any N\n"
		"      --jsonl          write each article's own result as one line of JSON\n"
		"                       (format \"ctimeline-partial\"), as soon as it is done,\n"
		"                       instead of the merged timeline: the map step of a\n"
		"                       distributed run; 'ctimeline merge' makes the timeline\n"
		"      --stats          at the end, one line on standard error: documents,\n"
		"                       events and actors, the seconds spent reading and\n"
		"                       extracting, merging and writing, and the peak memory\n"
		CLI_INPUT_HELP
		"  -h, --help           show this help\n");
}

static int add_result(ctl_doc_result *r, void *user)
{
	ctl_extractor_absorb_result(user, r);
	return 0;
}

/* --jsonl: one line per article, streamed into the output */
static int write_line(ctl_doc_result *r, void *user)
{
	ctl_error err;
	ctl_error_clear(&err);
	char *line;
	int rc = ctl_doc_result_to_json(&line, r, &err);
	if (!rc) {
		rc = ctl_out_write(user, line, strlen(line), &err);
		if (!rc)
			rc = ctl_out_write(user, "\n", 1, &err);
		free(line);
	}
	return rc ? cli_lib_error(&err) : 0;
}

static int extract_jsonl(const cli_input_opts *in, const ctl_resources *res, char **paths,
		int npaths, int jobs, const char *output)
{
	ctl_error err;
	ctl_error_clear(&err);
	ctl_out *out;
	if (ctl_out_open(&out, output, &err))
		return cli_lib_error(&err);
	int rc = cli_extract_documents(in, res, paths, npaths, jobs, write_line, out);
	if (rc) {
		ctl_out_abort(out);
		return rc;
	}
	if (ctl_out_commit(out, &err))
		return cli_lib_error(&err);
	return CLI_OK;
}

int cmd_extract(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "gazetteer", required_argument, NULL, 'g' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "jsonl", no_argument, NULL, 0x200 },
		{ "stats", no_argument, NULL, 0x201 },
		{ "help", no_argument, NULL, 'h' },
		CLI_INPUT_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	cli_input_opts in = { .progress = -1 };
	const char *output = "-";
	int jobs = cli_default_jobs();
	bool jsonl = false, stats = false;
	int c, r;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "o:g:j:h", longopts, NULL)) != -1) {
		if ((r = cli_input_option(&in, "extract", c, optarg)) != 0) {
			if (r < 0)
				goto usage;
			continue;
		}
		switch (c) {
		case 'o': output = optarg; break;
		case 'j':
			if ((jobs = cli_parse_jobs("extract", optarg)) < 0)
				goto usage;
			break;
		case 0x200: jsonl = true; break;
		case 0x201: stats = true; break;
		case 'h': help(stdout); cli_input_opts_release(&in); return CLI_OK;
		default: cli_usage_error("extract", "unknown option or missing value: \'%s\'", argv[optind - 1]); goto usage;
		}
	}
	if (optind >= argc) {
		cli_usage_error("extract", "no input: name article files or directories");
		goto usage;
	}

	ctl_resources *res = cli_load_resources(&in);
	if (!res) {
		cli_input_opts_release(&in);
		return CLI_FAIL;
	}
	if (jsonl) {
		int jrc = extract_jsonl(&in, res, argv + optind, argc - optind, jobs, output);
		ctl_resources_free(res);
		cli_input_opts_release(&in);
		return jrc;
	}
	double t0 = cli_now();
	ctl_extractor *x = ctl_extractor_new(res);
	int rc = cli_extract_documents(&in, res, argv + optind, argc - optind, jobs, add_result, x);
	double t1 = cli_now();
	rc = cli_finish_and_write(x, rc, output, jobs, stats, "extract", "read and extract", t0, t1);
	ctl_resources_free(res);
	cli_input_opts_release(&in);
	return rc;
usage:
	cli_input_opts_release(&in);
	return CLI_USAGE;
}
