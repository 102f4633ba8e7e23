/* ctimeline actors: articles in, a table of their actors out. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

static void help(FILE *f)
{
	fprintf(f,
		"usage: ctimeline actors [options] PATH...\n"
		"\n"
		"Reads articles (files, or the *.txt files of directories, sorted by name;\n"
		"'-' for standard input), finds the people, organisations, countries and\n"
		"groups they name, merges the mentions of each into one actor, and prints\n"
		"a table: name, type, mentions, documents (most mentioned first).\n"
		"\n"
		"options:\n"
		"  -a, --aliases        add a column with each actor's other names\n"
		"  -m, --mentions       first list every document's named mentions:\n"
		"                       offsets, type, role (actor, place, or 'actor?' for a\n"
		"                       sentence's first word other documents must confirm)\n"
		"                       and name\n"
		"  -o, --output FILE    write to FILE (default '-': standard output)\n"
		CLI_INPUT_HELP
		"  -h, --help           show this help\n");
}

typedef struct actors_run {
	ctl_extractor *x;
	int mentions;
	ctl_buf *out;
} actors_run;

static int add_doc(ctl_document *doc, const ctl_resources *res, void *user)
{
	actors_run *run = user;
	ctl_error err;
	ctl_error_clear(&err);
	if (run->mentions) {
		ctl_mention_list ml;
		ctl_mention_list_init(&ml);
		if (ctl_mentions_find(&ml, res, doc, &err)) {
			ctl_mention_list_release(&ml);
			return cli_lib_error(&err);
		}
		ctl_buf_printf(run->out, "== %s\n", doc->path);
		for (size_t i = 0; i < ml.len; i++) {
			const ctl_mention *m = &ml.items[i];
			ctl_buf_printf(run->out, "%u-%u\t%s\t%s\t%s", m->start, m->end,
				ctl_actor_type_name(m->type),
				m->role == CTL_MENTION_PLACE ? "place" : m->tentative ? "actor?" : "actor",
				m->name);
			if (m->resolved)
				ctl_buf_printf(run->out, " -> %s", m->resolved);
			if (m->title)
				ctl_buf_printf(run->out, "  [%s]", m->title);
			ctl_buf_putc(run->out, '\n');
		}
		ctl_mention_list_release(&ml);
	}
	if (ctl_extractor_add(run->x, doc, &err))
		return cli_lib_error(&err);
	return 0;
}

static void print_table(ctl_buf *b, const ctl_timeline *tl, int aliases)
{
	size_t width = 4;
	for (size_t i = 0; i < tl->nactors; i++) {
		size_t n = strlen(tl->actors[i].name);
		if (n > width)
			width = n;
	}
	if (width > 48)
		width = 48;
	ctl_buf_printf(b, "%-*s  %-12s  %8s  %9s%s\n", (int)width, "NAME", "TYPE", "MENTIONS",
		"DOCUMENTS", aliases ? "  ALIASES" : "");
	unsigned char *seen = calloc(tl->ndocs ? tl->ndocs : 1, 1);
	if (!seen)
		abort();
	for (size_t i = 0; i < tl->nactors; i++) {
		const ctl_actor *a = &tl->actors[i];
		size_t docs = 0;
		memset(seen, 0, tl->ndocs ? tl->ndocs : 1);
		for (size_t k = 0; k < a->nmentions; k++)
			if (a->mentions[k].doc < tl->ndocs && !seen[a->mentions[k].doc]) {
				seen[a->mentions[k].doc] = 1;
				docs++;
			}
		ctl_buf_printf(b, "%-*s  %-12s  %8zu  %9zu", (int)width, a->name,
			ctl_actor_type_name(a->type), a->nmentions, docs);
		if (aliases)
			for (size_t k = 0; k < a->naliases; k++)
				ctl_buf_printf(b, "%s%s", k ? "; " : "  ", a->aliases[k]);
		ctl_buf_putc(b, '\n');
	}
	free(seen);
}

int cmd_actors(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "aliases", no_argument, NULL, 'a' },
		{ "mentions", no_argument, NULL, 'm' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		CLI_INPUT_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	cli_input_opts in = { .progress = -1 };
	const char *output = "-";
	int aliases = 0, mentions = 0;
	int c, r;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "amo:h", longopts, NULL)) != -1) {
		if ((r = cli_input_option(&in, "actors", c, optarg)) != 0) {
			if (r < 0)
				goto usage;
			continue;
		}
		switch (c) {
		case 'a': aliases = 1; break;
		case 'm': mentions = 1; break;
		case 'o': output = optarg; break;
		case 'h': help(stdout); cli_input_opts_release(&in); return CLI_OK;
		default: cli_usage_error("actors", "unknown option or missing value: \'%s\'", argv[optind - 1]); goto usage;
		}
	}
	if (optind >= argc) {
		cli_usage_error("actors", "no input: name article files or directories");
		goto usage;
	}

	ctl_resources *res = cli_load_resources(&in);
	if (!res) {
		cli_input_opts_release(&in);
		return CLI_FAIL;
	}
	ctl_buf out = CTL_BUF_INIT;
	ctl_timeline *tl = NULL;
	actors_run run = { ctl_extractor_new(res), mentions, &out };
	int rc = cli_for_each_document(&in, res, argv + optind, argc - optind, add_doc, &run);
	ctl_error err;
	ctl_error_clear(&err);
	if (rc == CLI_OK && ctl_extractor_finish(run.x, &tl, &err))
		rc = cli_lib_error(&err);
	ctl_extractor_free(run.x);
	if (rc == CLI_OK) {
		print_table(&out, tl, aliases);
		rc = cli_write_output(output, out.ptr, out.len);
	}
	ctl_buf_release(&out);
	ctl_timeline_free(tl);
	ctl_resources_free(res);
	cli_input_opts_release(&in);
	return rc;
usage:
	cli_input_opts_release(&in);
	return CLI_USAGE;
}
