/*
 * ctimeline: turn news articles into a dated, sourced timeline.
 * The command table; each command lives in its own cmd_<name>.c.
 */
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include "cli.h"
#ifdef CTL_WITH_MIMALLOC
#include <mimalloc.h>
#endif

static const cli_command commands[] = {
	{ "extract", cmd_extract, "read articles, write the events JSON" },
	{ "merge", cmd_merge, "merge per-article results of 'extract --jsonl' runs into one timeline" },
	{ "clean", cmd_clean, "show the text extraction reads (and what was dropped)" },
	{ "actors", cmd_actors, "list the people, organisations, countries and groups named" },
	{ "timex", cmd_timex, "show the time expressions of an article, normalised (TIMEX3)" },
	{ "render", cmd_render, "draw the timeline and the actor-event graph (SVG, PNG, PDF)" },
	{ "export", cmd_export, "write CSV, TimelineJS, DOT or GraphML; read edited CSV back" },
	{ "report", cmd_report, "write one self-contained HTML page of the timeline" },
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *f)
{
	fprintf(f,
		"usage: ctimeline <command> [options] [args]\n"
		"       ctimeline --help | --version\n"
		"\n"
		"Turns news articles into a dated, sourced timeline of events.\n"
		"\n"
		"commands:\n");
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(f,
		"\n"
		"'ctimeline <command> --help' describes a command.\n"
		"exit status: 0 success, 1 failure (unreadable or bad input, unwritable output),\n"
		"2 usage error.\n");
}

int main(int argc, char **argv)
{
	/* A closed pipe on stdout (`ctimeline extract x | head -c0`) is a
	 * write error like any other: reported, exit 1 (issue 8), not a
	 * silent death by SIGPIPE. Every write to stdout is checked. */
	signal(SIGPIPE, SIG_IGN);
	/* glibc returns freed memory at the top of a heap to the system, and
	 * the next article faults the same pages in again: a few megabytes of
	 * temporaries per article, thousands of articles. Keep what is freed
	 * (up to 256 MB; it is reused, and the peak is what counts), but give
	 * blocks of 4 MB and more their own mapping, so that the arrays that
	 * grow with the corpus move by remapping and go back whole when freed:
	 * about 7 % less time and half the system time on a 10 MB corpus, and
	 * a lower peak on 100 MB (bench/README.md). The tool is normally
	 * linked with mimalloc, whose malloc this does not touch; these
	 * settings are for builds with glibc's (sanitizers, or
	 * -DCTIMELINE_MIMALLOC=OFF). */
	mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024);
	mallopt(M_MMAP_THRESHOLD, 4 * 1024 * 1024);
#ifdef CTL_WITH_MIMALLOC
	/* mimalloc does the same by itself: it keeps freed memory for a
	 * while (25 ms by default) before it returns it, and the next article
	 * reuses those pages. Returning it at once tripled the page faults
	 * of a 10 MB run and cost a fifth of its time on this VM; 5 ms keeps
	 * most of the gain (11,200 faults, 9,300 at 25 ms, 26,600 at 0) with
	 * less memory held by two threads at once (a 100 MB run with -j 2
	 * peaked at 181 MiB, 189 MiB at 25 ms). bench/README.md;
	 * MIMALLOC_DECOMMIT_DELAY in the environment still wins. */
	mi_option_set_default(mi_option_decommit_delay, 5);
#endif
	if (argc < 2) {
		usage(stderr);
		return CLI_USAGE;
	}
	const char *name = argv[1];
	int rc;
	if (!strcmp(name, "--help") || !strcmp(name, "-h") || !strcmp(name, "help")) {
		usage(stdout);
		rc = CLI_OK;
	} else if (!strcmp(name, "--version") || !strcmp(name, "-V")) {
		printf("ctimeline %s\n", ctl_version());
		rc = CLI_OK;
	} else {
		rc = CLI_USAGE;
		size_t i = 0;
		while (i < NCOMMANDS && strcmp(name, commands[i].name))
			i++;
		if (i < NCOMMANDS)
			rc = commands[i].run(argc - 1, argv + 1);
		else
			cli_error("'%s' is not a command (see 'ctimeline --help')", name);
	}
	/* what went to stdout outside ctl_write_file_atomic (--help) */
	if (rc == CLI_OK && (fflush(stdout) != 0 || ferror(stdout))) {
		cli_error("<stdout>: write failed");
		rc = CLI_FAIL;
	}
	return rc;
}
