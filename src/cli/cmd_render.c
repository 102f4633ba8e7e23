/* ctimeline render: articles or an events file in, diagrams out. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

#define MAX_FORMATS 3

static void help(FILE *f)
{
	fprintf(f,
		"usage: ctimeline render [options] INPUT...\n"
		"\n"
		"Draws the timeline (events on a time axis, to scale, long gaps compressed)\n"
		"and the graph of actors and events, through Graphviz. INPUT is articles\n"
		"(files, or the *.txt files of directories: extraction runs first, as\n"
		"'ctimeline extract' does) or one events file (the events JSON 'extract'\n"
		"writes, or the events.csv 'export' writes).\n"
		"Writes DIR/timeline.FMT, DIR/graph.FMT (and DIR/actors.FMT), each replaced\n"
		"only once completely written.\n"
		"\n"
		"options:\n"
		"  -T, --format FMT     svg, png or pdf; repeatable (default: svg)\n"
		"  -o, --output DIR     directory to write into, created if missing (default: out)\n"
		"      --view VIEW      timeline, graph, actors, both (timeline and graph) or\n"
		"                       all (default: both)\n"
		"      --style STYLE    a style name (default, print, dark: styles/NAME.json, also\n"
		"                       from $CTIMELINE_STYLES_DIR) or a style file (*.json)\n"
		"      --engine NAME    layout engine of the graph views: dot, neato, fdp, sfdp,\n"
		"                       twopi, circo (default: by size: dot, neato, sfdp)\n"
		"      --dpi N          PNG resolution (default: the style's, 144)\n"
		"      --title TEXT     the diagrams' title\n"
		"  -g, --gazetteer FILE more named events with known dates (as for extract)\n"
		CLI_INPUT_HELP
		"  -h, --help           show this help\n"
		"\n"
		"exit status: 0 success, 1 failure (bad input, bad style, unwritable output),\n"
		"2 usage error.\n");
}

/* Graphviz's warnings: on stderr, a few at most. */
typedef struct warn_state {
	int count;
	const char *view;
} warn_state;

static void on_warning(void *user, const char *msg)
{
	warn_state *w = user;
	if (w->count++ < 5)
		cli_error("%s: warning: graphviz: %s", w->view, msg);
}

int cmd_render(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'T' },
		{ "output", required_argument, NULL, 'o' },
		{ "view", required_argument, NULL, 0x200 },
		{ "style", required_argument, NULL, 0x201 },
		{ "engine", required_argument, NULL, 0x202 },
		{ "dpi", required_argument, NULL, 0x203 },
		{ "title", required_argument, NULL, 0x204 },
		{ "gazetteer", required_argument, NULL, 'g' },
		{ "help", no_argument, NULL, 'h' },
		CLI_INPUT_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	static const char *const engines[] = { "dot", "neato", "fdp", "sfdp", "twopi", "circo", NULL };
	cli_input_opts in = { .progress = -1 };
	const char *formats[MAX_FORMATS];
	int nformats = 0;
	const char *outdir = "out", *style_name = NULL, *engine = NULL, *title = NULL;
	bool views[3] = { true, true, false };
	double dpi = 0;
	int c, r;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "T:o:g:h", longopts, NULL)) != -1) {
		if ((r = cli_input_option(&in, "render", c, optarg)) != 0) {
			if (r < 0)
				goto usage;
			continue;
		}
		switch (c) {
		case 'T': {
			if (!ctl_render_format_ok(optarg)) {
				cli_usage_error("render", "unknown format '%s' (svg, png, pdf)", optarg);
				goto usage;
			}
			bool dup = false;
			for (int i = 0; i < nformats; i++)
				dup |= !strcmp(formats[i], optarg);
			if (!dup)
				formats[nformats++] = optarg;
			break;
		}
		case 'o': outdir = optarg; break;
		case 0x200: {
			ctl_view v;
			if (!strcmp(optarg, "both")) {
				views[0] = views[1] = true;
				views[2] = false;
			} else if (!strcmp(optarg, "all")) {
				views[0] = views[1] = views[2] = true;
			} else if (ctl_view_parse(optarg, &v) == 0) {
				views[0] = views[1] = views[2] = false;
				views[v] = true;
			} else {
				cli_usage_error("render", "unknown view '%s' (timeline, graph, actors, both, all)", optarg);
				goto usage;
			}
			break;
		}
		case 0x201: style_name = optarg; break;
		case 0x202: {
			bool ok = false;
			for (int i = 0; engines[i]; i++)
				ok |= !strcmp(engines[i], optarg);
			if (!ok) {
				cli_usage_error("render", "unknown engine '%s' (dot, neato, fdp, sfdp, twopi, circo)", optarg);
				goto usage;
			}
			engine = optarg;
			break;
		}
		case 0x203: {
			char *end;
			dpi = strtod(optarg, &end);
			if (*end || !(dpi >= 24 && dpi <= 2400)) {
				cli_usage_error("render", "--dpi takes a number from 24 to 2400, not '%s'", optarg);
				goto usage;
			}
			break;
		}
		case 0x204: title = optarg; break;
		case 'h': help(stdout); cli_input_opts_release(&in); return CLI_OK;
		default: cli_usage_error("render", "unknown option or missing value: \'%s\'", argv[optind - 1]); goto usage;
		}
	}
	if (optind >= argc) {
		cli_usage_error("render", "no input: name article files or directories, or an events .json file");
		goto usage;
	}
	if (cli_check_inputs("render", argv + optind, argc - optind) != CLI_OK)
		goto usage;
	if (nformats == 0)
		formats[nformats++] = "svg";

	ctl_error err;
	ctl_error_clear(&err);
	ctl_style *style = NULL;
	if (ctl_style_load(&style, style_name, &err)) {
		cli_input_opts_release(&in);
		return cli_lib_error(&err);
	}
	ctl_timeline *tl = NULL;
	int rc = cli_load_timeline(&tl, &in, argv + optind, argc - optind);
	if (rc == CLI_OK)
		rc = cli_ensure_dir(outdir);
	for (int v = 0; v < 3 && rc == CLI_OK; v++) {
		if (!views[v])
			continue;
		warn_state ws = { 0, ctl_view_name((ctl_view)v) };
		ctl_render_options opts = { .title = title, .engine = engine, .dpi = dpi,
			.warn = on_warning, .warn_user = &ws };
		ctl_render_output outs[MAX_FORMATS];
		for (int i = 0; i < nformats; i++)
			outs[i].format = formats[i];
		if (ctl_render_view(tl, (ctl_view)v, style, &opts, outs, (size_t)nformats, &err)) {
			cli_error("%s: %s", ctl_view_name((ctl_view)v), err.msg);
			rc = CLI_FAIL;
			break;
		}
		if (ws.count > 5)
			cli_error("%s: warning: graphviz: %d more warnings", ws.view, ws.count - 5);
		for (int i = 0; i < nformats; i++) {
			char path[4096];
			snprintf(path, sizeof(path), "%s/%s.%s", outdir, ctl_view_name((ctl_view)v), formats[i]);
			if (rc == CLI_OK)
				rc = cli_write_output(path, outs[i].data, outs[i].len);
			free(outs[i].data);
		}
	}
	ctl_timeline_free(tl);
	ctl_style_free(style);
	cli_input_opts_release(&in);
	return rc;
usage:
	cli_input_opts_release(&in);
	return CLI_USAGE;
}
