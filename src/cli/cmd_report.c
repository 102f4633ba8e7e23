/* ctimeline report: one self-contained HTML page of the timeline. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <ctimeline/export.h>
#include "cli.h"

#define DEFAULT_REPORT "out/report.html"

static void help(FILE *f)
{
	fprintf(f,
		"usage: ctimeline report [options] INPUT...\n"
		"\n"
		"Writes one self-contained HTML page: the timeline and the actor-event graph\n"
		"(inline SVG), the events with their dates, actors and the quoted source\n"
		"sentences, the actors, and the documents with their publication dates. It\n"
		"loads nothing from elsewhere and prints well. INPUT is articles (files, or\n"
		"the *.txt files of directories), or one events file (*.json, or an\n"
		"events.csv as 'ctimeline export --to csv' writes it).\n"
		"\n"
		"options:\n"
		"  -o, --output FILE    the page (default: " DEFAULT_REPORT "; a missing last\n"
		"                       directory is created); replaced only once completely\n"
		"                       written; '-' for standard output\n"
		"      --title TEXT     the page's heading (default: Timeline)\n"
		"      --style STYLE    the diagrams' style, as for render\n"
		"      --no-diagrams    leave out the timeline and the graph\n"
		"  -g, --gazetteer FILE more named events with known dates (as for extract)\n"
		CLI_INPUT_HELP
		"  -h, --help           show this help\n"
		"\n"
		"exit status: 0 success, 1 failure (bad input, bad style, unwritable output),\n"
		"2 usage error.\n");
}

typedef struct warn_state {
	int count;
} warn_state;

static void on_warning(void *user, const char *msg)
{
	warn_state *w = user;
	if (w->count++ < 5)
		cli_error("report: warning: %s", msg);
}

/* Creates the output's directory (the last level only) when missing. */
static int ensure_parent(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash || slash == path || !strcmp(path, "-"))
		return CLI_OK;
	char *dir = strndup(path, (size_t)(slash - path));
	if (!dir)
		abort();
	int rc = cli_ensure_dir(dir);
	free(dir);
	return rc;
}

int cmd_report(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "title", required_argument, NULL, 0x300 },
		{ "style", required_argument, NULL, 0x301 },
		{ "no-diagrams", no_argument, NULL, 0x302 },
		{ "gazetteer", required_argument, NULL, 'g' },
		{ "help", no_argument, NULL, 'h' },
		CLI_INPUT_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	cli_input_opts in = { .progress = -1 };
	const char *output = DEFAULT_REPORT, *title = NULL, *style_name = NULL;
	bool no_diagrams = false;
	int c, r;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "o:g:h", longopts, NULL)) != -1) {
		if ((r = cli_input_option(&in, "report", c, optarg)) != 0) {
			if (r < 0)
				goto usage;
			continue;
		}
		switch (c) {
		case 'o': output = optarg; break;
		case 0x300: title = optarg; break;
		case 0x301: style_name = optarg; break;
		case 0x302: no_diagrams = true; break;
		case 'h': help(stdout); cli_input_opts_release(&in); return CLI_OK;
		default: cli_usage_error("report", "unknown option or missing value: '%s'", argv[optind - 1]); goto usage;
		}
	}
	if (optind >= argc) {
		cli_usage_error("report", "no input: name article files or directories, or an events .json or .csv file");
		goto usage;
	}
	if (cli_check_inputs("report", argv + optind, argc - optind) != CLI_OK)
		goto usage;

	ctl_error err;
	ctl_error_clear(&err);
	ctl_style *style = NULL;
	if (!no_diagrams && ctl_style_load(&style, style_name, &err)) {
		cli_input_opts_release(&in);
		return cli_lib_error(&err);
	}
	ctl_timeline *tl = NULL;
	int rc = cli_load_timeline(&tl, &in, argv + optind, argc - optind);
	if (rc == CLI_OK)
		rc = ensure_parent(output);
	if (rc == CLI_OK) {
		warn_state ws = { 0 };
		ctl_report_options ro = { title, style, no_diagrams, on_warning, &ws };
		char *html;
		size_t len;
		if (ctl_report_html(&html, &len, tl, &ro, &err)) {
			rc = cli_lib_error(&err);
		} else {
			rc = cli_write_output(output, html, len);
			free(html);
		}
		if (ws.count > 5)
			cli_error("report: warning: %d more warnings", ws.count - 5);
	}
	ctl_timeline_free(tl);
	ctl_style_free(style);
	cli_input_opts_release(&in);
	return rc;
usage:
	cli_input_opts_release(&in);
	return CLI_USAGE;
}
