/* ctimeline export: a timeline out to spreadsheets, TimelineJS and graph tools. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <ctimeline/export.h>
#include "cli.h"

static void help(FILE *f)
{
	fprintf(f,
		"usage: ctimeline export --to FORMAT [options] INPUT...\n"
		"\n"
		"Writes the timeline in a format other tools read. INPUT is articles (files,\n"
		"or the *.txt files of directories: extraction runs first, as 'ctimeline\n"
		"extract' does), or one events file: the events JSON (*.json) or an\n"
		"events.csv (with actors.csv, links.csv and documents.csv beside it, when\n"
		"present) as this command writes it and a spreadsheet saves it back.\n"
		"\n"
		"formats:\n"
		"  csv             events.csv, actors.csv, links.csv, documents.csv (UTF-8,\n"
		"                  RFC 4180) into the directory -o names (default: out)\n"
		"  json            the events JSON, as 'extract' writes it\n"
		"  timelinejs      TimelineJS3 JSON (title, events[] with start_date/end_date)\n"
		"  timelinejs-csv  the columns of TimelineJS's Google-spreadsheet template\n"
		"  dot             the actor-event graph for Graphviz and Gephi\n"
		"  graphml         the actor-event graph for Gephi, yEd, NetworkX\n"
		"\n"
		"options:\n"
		"  -t, --to FORMAT      the format (required)\n"
		"  -o, --output PATH    csv: a directory, created if missing (default: out);\n"
		"                       others: a file (default '-': standard output). Each\n"
		"                       file is replaced only once completely written\n"
		"      --title TEXT     title of the TimelineJS title slide and of the graph\n"
		"  -g, --gazetteer FILE more named events with known dates (as for extract)\n"
		CLI_INPUT_HELP
		"  -h, --help           show this help\n"
		"\n"
		"The curation loop: export --to csv, edit a title or a date in events.csv in\n"
		"a spreadsheet (save as CSV, UTF-8), then give out/events.csv to render,\n"
		"report or export. Cells that would start a spreadsheet formula are written\n"
		"with a leading apostrophe, which the import removes (docs/export.md).\n"
		"\n"
		"exit status: 0 success, 1 failure (bad input, unwritable output), 2 usage error.\n");
}

static int add_result(ctl_doc_result *r, void *user)
{
	ctl_extractor_absorb_result(user, r);
	return 0;
}

int cli_load_timeline(ctl_timeline **tl, const cli_input_opts *in, char **paths, int npaths)
{
	ctl_error err;
	ctl_error_clear(&err);
	if (npaths == 1 && ctl_timeline_path_is_events(paths[0]))
		return ctl_timeline_load(tl, paths[0], &err) ? cli_lib_error(&err) : CLI_OK;
	ctl_resources *res = cli_load_resources(in);
	if (!res)
		return CLI_FAIL;
	ctl_extractor *x = ctl_extractor_new(res);
	/* on every core, as extract does by default: same result */
	int rc = cli_extract_documents(in, res, paths, npaths, cli_default_jobs(), add_result, x);
	if (rc == CLI_OK && ctl_extractor_finish(x, tl, &err))
		rc = cli_lib_error(&err);
	ctl_extractor_free(x);
	ctl_resources_free(res);
	return rc;
}

int cli_check_inputs(const char *cmd, char **paths, int npaths)
{
	if (npaths > 1)
		for (int i = 0; i < npaths; i++)
			if (ctl_timeline_path_is_events(paths[i]))
				return cli_usage_error(cmd, "an events file (%s) is read alone, not with other inputs",
					paths[i]);
	return CLI_OK;
}

int cli_ensure_dir(const char *dir)
{
	struct stat st;
	if (stat(dir, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return CLI_OK;
		cli_error("%s: not a directory", dir);
		return CLI_FAIL;
	}
	if (mkdir(dir, 0777) != 0) {
		cli_error("%s: cannot create directory: %s", dir, strerror(errno));
		return CLI_FAIL;
	}
	return CLI_OK;
}

int cmd_export(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "to", required_argument, NULL, 't' },
		{ "output", required_argument, NULL, 'o' },
		{ "title", required_argument, NULL, 0x300 },
		{ "gazetteer", required_argument, NULL, 'g' },
		{ "help", no_argument, NULL, 'h' },
		CLI_INPUT_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	cli_input_opts in = { .progress = -1 };
	const char *output = NULL, *title = NULL, *to = NULL;
	int c, r;
	ctl_export_format fmt = CTL_EXPORT_CSV;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "t:o:g:h", longopts, NULL)) != -1) {
		if ((r = cli_input_option(&in, "export", c, optarg)) != 0) {
			if (r < 0)
				goto usage;
			continue;
		}
		switch (c) {
		case 't':
			if (ctl_export_format_parse(optarg, &fmt)) {
				cli_usage_error("export", "unknown format '%s' (csv, json, timelinejs, timelinejs-csv, dot, graphml)",
					optarg);
				goto usage;
			}
			to = optarg;
			break;
		case 'o': output = optarg; break;
		case 0x300: title = optarg; break;
		case 'h': help(stdout); cli_input_opts_release(&in); return CLI_OK;
		default: cli_usage_error("export", "unknown option or missing value: '%s'", argv[optind - 1]); goto usage;
		}
	}
	if (!to) {
		cli_usage_error("export", "say which format with --to (csv, json, timelinejs, timelinejs-csv, dot, graphml)");
		goto usage;
	}
	if (optind >= argc) {
		cli_usage_error("export", "no input: name article files or directories, or an events .json or .csv file");
		goto usage;
	}
	if (cli_check_inputs("export", argv + optind, argc - optind) != CLI_OK)
		goto usage;

	ctl_timeline *tl = NULL;
	int rc = cli_load_timeline(&tl, &in, argv + optind, argc - optind);
	ctl_error err;
	ctl_error_clear(&err);
	if (rc == CLI_OK && fmt == CTL_EXPORT_CSV) {
		const char *dir = output ? output : "out";
		rc = cli_ensure_dir(dir);
		if (rc == CLI_OK && ctl_export_csv_dir(dir, tl, &err))
			rc = cli_lib_error(&err);
	} else if (rc == CLI_OK) {
		ctl_export_options eo = { title };
		char *data;
		size_t len;
		if (ctl_export(&data, &len, tl, fmt, &eo, &err)) {
			rc = cli_lib_error(&err);
		} else {
			rc = cli_write_output(output ? output : "-", data, len);
			free(data);
		}
	}
	ctl_timeline_free(tl);
	cli_input_opts_release(&in);
	return rc;
usage:
	cli_input_opts_release(&in);
	return CLI_USAGE;
}
