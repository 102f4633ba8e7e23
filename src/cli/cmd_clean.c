/* ctimeline clean: show the text extraction reads. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

static void help(FILE *f)
{
	fprintf(f,
		"usage: ctimeline clean [options] PATH...\n"
		"\n"
		"Prints the text of each article that extraction reads: its own lines,\n"
		"without menus, sidebars, related headlines, captions and other page\n"
		"furniture. Each article's header line gives its publication date and\n"
		"says when its text was hard-wrapped (and unwrapped), on one line (and\n"
		"split at sentence ends), held HTML or Markdown markup (read as the\n"
		"text it stands for) or was an HTML page (read from between its tags).\n"
		"\n"
		"options:\n"
		"  -d, --show-dropped   print every line: '+ ' kept, '- ' dropped with the\n"
		"                       reason in brackets, '  ' blank\n"
		"  -s, --sentences      print the kept text one sentence per line, with\n"
		"                       its byte offsets (START-END)\n"
		"  -o, --output FILE    write to FILE (default '-': standard output)\n"
		CLI_INPUT_HELP
		"  -h, --help           show this help\n");
}

typedef struct clean_state {
	ctl_buf out;
	bool show_dropped, sentences;
	size_t ndocs;
} clean_state;

static void put_line(ctl_buf *b, const char *s, size_t n)
{
	ctl_buf_put(b, s, n);
	ctl_buf_putc(b, '\n');
}

static int print_doc(ctl_document *doc, const ctl_resources *res, void *user)
{
	clean_state *st = user;
	(void)res;
	char dct[11];
	ctl_interval_format(&doc->dct, dct);
	if (st->ndocs++)
		ctl_buf_putc(&st->out, '\n');
	ctl_buf_printf(&st->out, "== %s (date: %s%s%s", doc->path, dct[0] ? dct : "unknown",
		doc->dct_source[0] ? ", " : "", doc->dct_source);
	if (doc->wrap_width)
		ctl_buf_printf(&st->out, "; hard-wrapped at %u characters: %zu line breaks "
			"inside paragraphs read as spaces", doc->wrap_width, doc->unwrapped);
	if (doc->split)
		ctl_buf_printf(&st->out, "; one line of text: %zu spaces at sentence ends and "
			"runs of spaces read as line breaks", doc->split);
	if (doc->markup)
		ctl_buf_printf(&st->out, "; an HTML page: its text read from between %zu tags, "
			"references and hidden elements", doc->unmarked);
	else if (doc->unmarked)
		ctl_buf_printf(&st->out, "; %zu pieces of HTML or Markdown markup read as "
			"the text they stand for", doc->unmarked);
	ctl_buf_puts(&st->out, ")\n");
	if (st->sentences) {
		for (size_t i = 0; i < doc->nsentences; i++) {
			const ctl_span *s = &doc->sentences[i];
			ctl_buf_printf(&st->out, "%u-%u\t", s->start, s->end);
			put_line(&st->out, doc->text + s->start, s->end - s->start);
		}
		return 0;
	}
	bool prev_blank = true;
	for (size_t i = 0; i < doc->nlines; i++) {
		const ctl_line *l = &doc->lines[i];
		const char *s = doc->text + l->start;
		size_t n = l->end - l->start;
		if (st->show_dropped) {
			if (l->kind == CTL_LINE_FURNITURE) {
				ctl_buf_puts(&st->out, "- ");
				ctl_buf_put(&st->out, s, n);
				ctl_buf_printf(&st->out, "  [%s]\n", l->reason ? l->reason : "furniture");
			} else {
				ctl_buf_puts(&st->out, l->kind == CTL_LINE_BLANK ? "" : "+ ");
				put_line(&st->out, s, n);
			}
			continue;
		}
		if (l->kind == CTL_LINE_FURNITURE)
			continue;
		if (l->kind == CTL_LINE_BLANK) {
			if (!prev_blank)
				ctl_buf_putc(&st->out, '\n');
			prev_blank = true;
			continue;
		}
		put_line(&st->out, s, n);
		prev_blank = false;
	}
	return 0;
}

int cmd_clean(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "show-dropped", no_argument, NULL, 'd' },
		{ "sentences", no_argument, NULL, 's' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		CLI_INPUT_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	cli_input_opts in = { .progress = -1 };
	clean_state st = { CTL_BUF_INIT, false, false, 0 };
	const char *output = "-";
	int c, r;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "dso:h", longopts, NULL)) != -1) {
		if ((r = cli_input_option(&in, "clean", c, optarg)) != 0) {
			if (r < 0)
				goto usage;
			continue;
		}
		switch (c) {
		case 'd': st.show_dropped = true; break;
		case 's': st.sentences = true; break;
		case 'o': output = optarg; break;
		case 'h': help(stdout); cli_input_opts_release(&in); return CLI_OK;
		default: cli_usage_error("clean", "unknown option or missing value: \'%s\'", argv[optind - 1]); goto usage;
		}
	}
	if (optind >= argc) {
		cli_usage_error("clean", "no input: name article files or directories");
		goto usage;
	}
	ctl_resources *res = cli_load_resources(&in);
	int rc = res ? cli_for_each_document(&in, res, argv + optind, argc - optind, print_doc, &st)
		: CLI_FAIL;
	if (rc == CLI_OK)
		rc = cli_write_output(output, st.out.ptr, st.out.len);
	ctl_resources_free(res);
	ctl_buf_release(&st.out);
	cli_input_opts_release(&in);
	return rc;
usage:
	cli_input_opts_release(&in);
	return CLI_USAGE;
}
