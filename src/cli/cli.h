/* The command-line tool: shared helpers. Uses only the public API. */
#ifndef CTL_CLI_H
#define CTL_CLI_H

#include <stdbool.h>
#include <stdio.h>
#include <ctimeline/ctimeline.h>

/* Exit codes (documented in --help and the README). */
enum { CLI_OK = 0, CLI_FAIL = 1, CLI_USAGE = 2 };

typedef struct cli_command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
} cli_command;

/* The commands (one file each: cmd_<name>.c). */
int cmd_extract(int argc, char **argv);
int cmd_merge(int argc, char **argv);
int cmd_clean(int argc, char **argv);
int cmd_actors(int argc, char **argv);
int cmd_timex(int argc, char **argv);
int cmd_render(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_report(int argc, char **argv);

/* One line on stderr: "ctimeline: <message>". */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Reports a usage error for `cmd` and returns CLI_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Reports a library error and returns CLI_FAIL. */
int cli_lib_error(const ctl_error *err);
/* Parses a non-negative size with optional K/M/G suffix; -1 on error. */
long long cli_parse_size(const char *s);

/* Options every command that reads articles shares. */
typedef struct cli_input_opts {
	const char *data_dir;
	const char *manifest;
	char **dct_overrides;   /* "FILE=YYYY-MM-DD" as given */
	size_t ndct;
	size_t max_doc_bytes;
	int progress;           /* -1: auto (stderr is a terminal) */
	bool lenient;           /* repair invalid UTF-8, accept empty articles */
	const char *gazetteers[32]; /* -g/--gazetteer files, for commands that take them */
	int ngaz;
} cli_input_opts;

#define CLI_INPUT_LONG_OPTIONS \
	{ "data-dir", required_argument, NULL, 0x100 }, \
	{ "manifest", required_argument, NULL, 0x101 }, \
	{ "dct", required_argument, NULL, 0x102 }, \
	{ "max-doc-bytes", required_argument, NULL, 0x103 }, \
	{ "progress", no_argument, NULL, 0x104 }, \
	{ "no-progress", no_argument, NULL, 0x105 }, \
	{ "lenient", no_argument, NULL, 0x106 }

#define CLI_INPUT_HELP \
	"  --data-dir DIR       knowledge files (default: $CTIMELINE_DATA_DIR or the built-in data/)\n" \
	"  --dct FILE=DATE      publication date of FILE (YYYY-MM-DD), wins over detection; repeatable\n" \
	"  --manifest CSV       publication dates for many files: columns path,date[,url,title]\n" \
	"  --max-doc-bytes N    refuse articles larger than N bytes (K/M/G suffixes; default 16M),\n" \
	"                       or with more lines than N/16 (65536 are always allowed)\n" \
	"  --progress, --no-progress  progress on stderr (default: when stderr is a terminal)\n" \
	"  --lenient            instead of failing, replace invalid UTF-8 and NUL bytes\n" \
	"                       by '?' (offsets kept; a warning says how many) and read\n" \
	"                       an empty file as an article without text\n"

/* Handles one of the shared options (and -g, which only the commands that
 * extract events list in their getopt strings); returns 1 if handled, 0 if not ours,
 * CLI_USAGE (negated: -2) on a bad value. */
int cli_input_option(cli_input_opts *o, const char *cmd, int opt, const char *arg);
void cli_input_opts_release(cli_input_opts *o);

/* Called for each analysed document, in input order. Return non-zero to stop. */
typedef int (*cli_doc_fn)(ctl_document *doc, const ctl_resources *res, void *user);

/*
 * Expands `paths` (files and directories), reads and analyses each article
 * with `res` (user-supplied dates applied), and calls fn. Reports errors
 * itself; returns an exit code.
 */
int cli_for_each_document(const cli_input_opts *o, const ctl_resources *res,
		char **paths, int npaths, cli_doc_fn fn, void *user);

/* The articles named on the command line, expanded, with the manifest. */
typedef struct cli_files {
	char **files;
	size_t n;
	ctl_manifest *manifest;
	bool progress;
} cli_files;

/* Expands paths (and loads --manifest); reports errors; returns an exit code. */
int cli_list_files(const cli_input_opts *o, char **paths, int npaths, cli_files *f);
void cli_files_release(cli_files *f);
/* Reads and analyses f->files[i] with the user's dates and titles applied,
 * in the thread's workspace `ws` (or NULL). Prints nothing (safe on any
 * thread); the caller reports err. */
int cli_read_document(const cli_input_opts *o, const ctl_resources *res,
		const cli_files *f, size_t i, ctl_workspace *ws, ctl_document **out,
		ctl_error *err);
/* What reading an article found to warn about (kept past the document,
 * for the warnings of -j workers to come out in input order). */
typedef struct cli_doc_notes {
	size_t invalid, first_invalid; /* bytes of invalid UTF-8 replaced (--lenient) */
} cli_doc_notes;
cli_doc_notes cli_doc_notes_of(const ctl_document *doc);
/* The warnings, one line each, for what `n` holds. */
void cli_warn_document(const char *file, const cli_doc_notes *n);
/* Progress on stderr (if enabled): file i of f->n; i == f->n clears it. */
void cli_progress(const cli_files *f, size_t i);

/* Called for each document's result in input order; it may take parts of
 * it (ctl_extractor_absorb_result), and the caller frees it afterwards (on
 * the thread that made it). Return non-zero to stop. */
typedef int (*cli_result_fn)(ctl_doc_result *r, void *user);
/*
 * Reads, analyses and extracts the articles of `paths` on `jobs` threads
 * (parallel.c); results reach fn in input order, on the calling thread,
 * whatever the number of threads. Reports errors; returns an exit code.
 */
int cli_extract_documents(const cli_input_opts *o, const ctl_resources *res,
		char **paths, int npaths, int jobs, cli_result_fn fn, void *user);
/* The default number of threads: the cores this process may use. */
int cli_default_jobs(void);
/* Parses the value of -j/--jobs (1..256) for cmd; -1 (reported) if bad. */
int cli_parse_jobs(const char *cmd, const char *arg);

/* Loads resources for o->data_dir with o's gazetteers, reporting errors;
 * NULL on failure. */
ctl_resources *cli_load_resources(const cli_input_opts *o);

/* Writes the events JSON to path ("-" = stdout) atomically, streamed and
 * formatted on `jobs` threads, and frees tl (with jobs > 1, on a thread of
 * its own while the file is synced and renamed); reports errors. */
int cli_write_timeline_free(const char *path, ctl_timeline *tl, int jobs);

/* --stats: seconds on a monotonic clock, and the line printed on stderr at
 * the end ("ctimeline: stats: ..."): the three phases' wall times, what was
 * made, and the process's peak resident memory. */
double cli_now(void);
void cli_print_stats(const char *cmd, const char *first_phase, double t_first, double t_merge,
		double t_write, size_t ndocs, size_t nevents, size_t nactors, int jobs);
/*
 * The end of extract and merge: finishes x (the merge across documents;
 * frees x whatever rc), writes the timeline to output on `jobs` threads and,
 * with `stats`, prints the stats line (the first phase ran from t0 to t1).
 * Does nothing but free x if rc is already a failure; returns an exit code.
 */
int cli_finish_and_write(ctl_extractor *x, int rc, const char *output, int jobs, bool stats,
		const char *cmd, const char *first_phase, double t0, double t1);
/* Writes data to path ("-" = stdout) atomically; reports errors. */
int cli_write_output(const char *path, const char *data, size_t len);

/*
 * The timeline a command works on (defined in cmd_export.c): one events
 * file (*.json, or an events.csv with its sibling tables) read with
 * ctl_timeline_load, or articles run through extraction (with in's
 * gazetteers). Reports errors; returns an exit code. The caller frees *tl.
 */
int cli_load_timeline(ctl_timeline **tl, const cli_input_opts *in, char **paths, int npaths);
/* A usage error (returned) when an events file comes with other inputs. */
int cli_check_inputs(const char *cmd, char **paths, int npaths);
/* Creates dir (one level) when missing; reports errors; returns an exit code. */
int cli_ensure_dir(const char *dir);

#endif
