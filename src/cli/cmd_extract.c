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
		"actors and events.\n"
		"\n"
		"options:\n"
		"  -o, --output FILE    write to FILE (default '-': standard output); the file\n"
		"                       is replaced only once it is completely written\n"
		"  -g, --gazetteer FILE more named events with known dates (format of\n"
		"                       data/events/gazetteer.tsv); repeatable\n"
		CLI_INPUT_HELP
		"  -h, --help           show this help\n");
}

static int add_doc(ctl_document *doc, const ctl_resources *res, void *user)
{
	ctl_error err;
	(void)res;
	ctl_error_clear(&err);
	if (ctl_extractor_add(user, doc, &err))
		return cli_lib_error(&err);
	return 0;
}

int cmd_extract(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "gazetteer", required_argument, NULL, 'g' },
		{ "help", no_argument, NULL, 'h' },
		CLI_INPUT_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	cli_input_opts in = { .progress = -1 };
	const char *output = "-";
	const char *gazetteers[32];
	int ngaz = 0;
	int c, r;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "o:g:h", longopts, NULL)) != -1) {
		if ((r = cli_input_option(&in, "extract", c, optarg)) != 0) {
			if (r < 0)
				goto usage;
			continue;
		}
		switch (c) {
		case 'o': output = optarg; break;
		case 'g':
			if (ngaz == 32) {
				cli_usage_error("extract", "at most 32 --gazetteer files");
				goto usage;
			}
			gazetteers[ngaz++] = optarg;
			break;
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
	for (int i = 0; i < ngaz; i++) {
		ctl_error gerr;
		ctl_error_clear(&gerr);
		if (ctl_resources_add_gazetteer(res, gazetteers[i], &gerr)) {
			ctl_resources_free(res);
			cli_input_opts_release(&in);
			return cli_lib_error(&gerr);
		}
	}
	ctl_timeline *tl = NULL;
	ctl_extractor *x = ctl_extractor_new(res);
	int rc = cli_for_each_document(&in, res, argv + optind, argc - optind, add_doc, x);
	ctl_error err;
	ctl_error_clear(&err);
	if (rc == CLI_OK && ctl_extractor_finish(x, &tl, &err))
		rc = cli_lib_error(&err);
	ctl_extractor_free(x);
	if (rc == CLI_OK) {
		char *json;
		if (ctl_timeline_to_json(&json, tl, &err)) {
			rc = cli_lib_error(&err);
		} else {
			rc = cli_write_output(output, json, strlen(json));
			free(json);
		}
	}
	ctl_timeline_free(tl);
	ctl_resources_free(res);
	cli_input_opts_release(&in);
	return rc;
usage:
	cli_input_opts_release(&in);
	return CLI_USAGE;
}
