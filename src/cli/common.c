#include <pthread.h>
#include <stdarg.h>
#include <sys/resource.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#ifdef CTL_WITH_MIMALLOC
#include <mimalloc.h>
#endif

void cli_error(const char *fmt, ...)
{
	va_list ap;
	fflush(stdout);
	fputs("ctimeline: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fputs("ctimeline: ", stderr);
	if (cmd)
		fprintf(stderr, "%s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (see 'ctimeline %s%s--help')\n", cmd ? cmd : "", cmd ? " " : "");
	return CLI_USAGE;
}

int cli_lib_error(const ctl_error *err)
{
	cli_error("%s", err->msg[0] ? err->msg : "unknown error");
	return CLI_FAIL;
}

long long cli_parse_size(const char *s)
{
	char *end;
	if (!*s || *s == '-')
		return -1;
	unsigned long long v = strtoull(s, &end, 10);
	unsigned long long mul = 1;
	if (*end == 'k' || *end == 'K') mul = 1024ULL, end++;
	else if (*end == 'm' || *end == 'M') mul = 1024ULL * 1024, end++;
	else if (*end == 'g' || *end == 'G') mul = 1024ULL * 1024 * 1024, end++;
	if (*end || v > (unsigned long long)(1ULL << 40) / mul)
		return -1;
	return (long long)(v * mul);
}

int cli_input_option(cli_input_opts *o, const char *cmd, int opt, const char *arg)
{
	switch (opt) {
	case 0x100:
		o->data_dir = arg;
		return 1;
	case 0x101:
		o->manifest = arg;
		return 1;
	case 0x102: {
		const char *eq = strrchr(arg, '=');
		ctl_day d;
		if (!eq || eq == arg || ctl_day_parse(eq + 1, strlen(eq + 1), &d)) {
			cli_usage_error(cmd, "--dct takes FILE=YYYY-MM-DD, not '%s'", arg);
			return -CLI_USAGE;
		}
		o->dct_overrides = realloc(o->dct_overrides, (o->ndct + 1) * sizeof(char *));
		if (!o->dct_overrides)
			abort();
		o->dct_overrides[o->ndct++] = (char *)arg;
		return 1;
	}
	case 0x103: {
		long long v = cli_parse_size(arg);
		if (v <= 0) {
			cli_usage_error(cmd, "--max-doc-bytes takes a size such as 16M, not '%s'", arg);
			return -CLI_USAGE;
		}
		o->max_doc_bytes = (size_t)v;
		return 1;
	}
	case 0x104:
		o->progress = 1;
		return 1;
	case 0x105:
		o->progress = 0;
		return 1;
	case 0x106:
		o->lenient = true;
		return 1;
	case 'g':
		if (o->ngaz == 32) {
			cli_usage_error(cmd, "at most 32 --gazetteer files");
			return -CLI_USAGE;
		}
		o->gazetteers[o->ngaz++] = arg;
		return 1;
	}
	return 0;
}

void cli_input_opts_release(cli_input_opts *o)
{
	free(o->dct_overrides);
	o->dct_overrides = NULL;
	o->ndct = 0;
}

ctl_resources *cli_load_resources(const cli_input_opts *o)
{
	ctl_resources *res = NULL;
	ctl_error err;
	ctl_error_clear(&err);
	if (ctl_resources_new(&res, o->data_dir, &err)) {
		cli_lib_error(&err);
		return NULL;
	}
	for (int i = 0; i < o->ngaz; i++)
		if (ctl_resources_add_gazetteer(res, o->gazetteers[i], &err)) {
			ctl_resources_free(res);
			cli_lib_error(&err);
			return NULL;
		}
	return res;
}

/* The --dct override for `path`, matched on the path as given or its base name. */
static bool dct_override(const cli_input_opts *o, const char *path, ctl_day *day)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	for (size_t pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < o->ndct; i++) {
			const char *arg = o->dct_overrides[i], *eq = strrchr(arg, '=');
			size_t n = (size_t)(eq - arg);
			const char *want = pass ? base : path;
			if (strlen(want) == n && !strncmp(arg, want, n))
				return ctl_day_parse(eq + 1, strlen(eq + 1), day) == 0;
		}
	return false;
}

int cli_list_files(const cli_input_opts *o, char **paths, int npaths, cli_files *f)
{
	ctl_error err;
	ctl_error_clear(&err);
	memset(f, 0, sizeof(*f));
	size_t cap = 0;
	if (o->manifest && ctl_manifest_load(&f->manifest, o->manifest, &err))
		return cli_lib_error(&err);
	/* expand every path first, so a typo in the last one fails before work */
	for (int i = 0; i < npaths; i++) {
		char **list;
		size_t n;
		if (ctl_list_inputs(&list, &n, paths[i], &err)) {
			cli_files_release(f);
			return cli_lib_error(&err);
		}
		if (f->n + n > cap) {
			cap = (f->n + n) * 2;
			f->files = realloc(f->files, cap * sizeof(char *));
			if (!f->files)
				abort();
		}
		memcpy(f->files + f->n, list, n * sizeof(char *));
		f->n += n;
		free(list);
	}
	f->progress = o->progress < 0 ? isatty(STDERR_FILENO) && f->n > 1 : o->progress;
	return CLI_OK;
}

void cli_files_release(cli_files *f)
{
	for (size_t i = 0; i < f->n; i++)
		free(f->files[i]);
	free(f->files);
	ctl_manifest_free(f->manifest);
	memset(f, 0, sizeof(*f));
}

int cli_read_document(const cli_input_opts *o, const ctl_resources *res,
		const cli_files *f, size_t i, ctl_workspace *ws, ctl_document **out,
		ctl_error *err)
{
	ctl_ingest_options io = { o->max_doc_bytes };
	ctl_document *doc;
	*out = NULL;
	int rc = ctl_document_read(&doc, f->files[i], &io, err);
	if (rc)
		return rc;
	/* bad text is an error unless the user asked to go on (--lenient):
	 * then it is repaired (or read as nothing) and reported as a warning */
	if (!o->lenient && doc->invalid_bytes) {
		rc = ctl_error_set(err, CTL_EDATA, "%s: not valid UTF-8 text: %zu bad bytes, the "
			"first at byte %zu (--lenient replaces them with '?')", f->files[i],
			doc->invalid_bytes, doc->first_invalid);
		ctl_document_free(doc);
		return rc;
	}
	if (!o->lenient && doc->len == 0) {
		rc = ctl_error_set(err, CTL_EDATA, "%s: empty article (--lenient reads it as an "
			"article without text)", f->files[i]);
		ctl_document_free(doc);
		return rc;
	}
	ctl_day day;
	const char *title = NULL;
	if (dct_override(o, f->files[i], &day))
		ctl_document_set_dct(doc, day, "user");
	else if (f->manifest && ctl_manifest_lookup(f->manifest, f->files[i], &day, &title))
		ctl_document_set_dct(doc, day, "manifest");
	if ((rc = ctl_document_analyze_ws(doc, res, ws, err))) {
		ctl_document_free(doc);
		return rc;
	}
	if (title) {
		free(doc->title);
		doc->title = strdup(title);
	}
	*out = doc;
	return 0;
}

cli_doc_notes cli_doc_notes_of(const ctl_document *doc)
{
	return (cli_doc_notes){ doc->invalid_bytes, doc->first_invalid };
}

void cli_warn_document(const char *file, const cli_doc_notes *n)
{
	if (n->invalid)
		fprintf(stderr, "ctimeline: %s: warning: %zu bytes of invalid UTF-8 replaced (first at byte %zu)\n",
			file, n->invalid, n->first_invalid);
}

void cli_progress(const cli_files *f, size_t i)
{
	if (!f->progress)
		return;
	if (i < f->n)
		fprintf(stderr, "\rctimeline: %zu/%zu %s\033[K", i + 1, f->n, f->files[i]);
	else
		fputs("\r\033[K", stderr);
}

int cli_for_each_document(const cli_input_opts *o, const ctl_resources *res,
		char **paths, int npaths, cli_doc_fn fn, void *user)
{
	cli_files f;
	int rc = cli_list_files(o, paths, npaths, &f);
	if (rc)
		return rc;
	for (size_t i = 0; i < f.n && rc == CLI_OK; i++) {
		ctl_document *doc;
		ctl_error err;
		ctl_error_clear(&err);
		cli_progress(&f, i);
		if (cli_read_document(o, res, &f, i, NULL, &doc, &err)) {
			rc = cli_lib_error(&err);
			break;
		}
		cli_doc_notes notes = cli_doc_notes_of(doc);
		cli_warn_document(f.files[i], &notes);
		if (fn(doc, res, user))
			rc = CLI_FAIL;
		ctl_document_free(doc);
	}
	cli_progress(&f, f.n);
	cli_files_release(&f);
	return rc;
}

static void *free_timeline(void *tl)
{
	ctl_timeline_free(tl);
	return NULL;
}

int cli_write_timeline_free(const char *path, ctl_timeline *tl, int jobs)
{
	ctl_error err;
	ctl_error_clear(&err);
	ctl_out *out;
	if (ctl_out_open(&out, path, &err)) {
		ctl_timeline_free(tl);
		return cli_lib_error(&err);
	}
	fflush(stdout);
	if (ctl_timeline_write_json_mt(out, tl, jobs > 0 ? (unsigned)jobs : 1, &err)) {
		ctl_out_abort(out);
		ctl_timeline_free(tl);
		return cli_lib_error(&err);
	}
	/* every byte is in `out` now: with threads to spare, the timeline is
	 * freed (0.1 s at 100 MB) while the file is synced and renamed */
	pthread_t th;
	bool apart = jobs > 1 && pthread_create(&th, NULL, free_timeline, tl) == 0;
	int rc = ctl_out_commit(out, &err) ? cli_lib_error(&err) : CLI_OK;
	if (apart)
		pthread_join(th, NULL);
	else
		ctl_timeline_free(tl);
	return rc;
}

int cli_write_output(const char *path, const char *data, size_t len)
{
	ctl_error err;
	ctl_error_clear(&err);
	if (ctl_write_file_atomic(path, data, len, &err))
		return cli_lib_error(&err);
	return CLI_OK;
}

int cli_finish_and_write(ctl_extractor *x, int rc, const char *output, int jobs, bool stats,
		const char *cmd, const char *first_phase, double t0, double t1)
{
	ctl_timeline *tl = NULL;
	ctl_error err;
	ctl_error_clear(&err);
	if (rc == CLI_OK && ctl_extractor_finish_mt(x, jobs > 0 ? (unsigned)jobs : 1, &tl, &err))
		rc = cli_lib_error(&err);
	ctl_extractor_free(x);
	double t2 = cli_now();
	if (rc != CLI_OK) {
		ctl_timeline_free(tl);
		return rc;
	}
	size_t ndocs = tl->ndocs, nevents = tl->nevents, nactors = tl->nactors;
#ifdef CTL_WITH_MIMALLOC
	/* mimalloc keeps freed memory for a few milliseconds before it
	 * returns it, which spares the extraction and the merge most of their
	 * page faults (src/cli/main.c); a one-thread run peaks while the
	 * events are written, beside the whole timeline, and there what the
	 * merge freed goes back at once: a 100 MB run peaked at 188-192 MiB
	 * with a 25 ms delay, 184 MiB without, with as many faults
	 * (bench/README.md).
	 * MIMALLOC_DECOMMIT_DELAY in the environment still wins. */
	if (!getenv("MIMALLOC_DECOMMIT_DELAY") && !getenv("MIMALLOC_RESET_DELAY"))
		mi_option_set(mi_option_decommit_delay, 0);
#endif
	rc = cli_write_timeline_free(output, tl, jobs);
	if (rc == CLI_OK && stats)
		cli_print_stats(cmd, first_phase, t1 - t0, t2 - t1, cli_now() - t2, ndocs, nevents,
			nactors, jobs);
	return rc;
}

double cli_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void cli_print_stats(const char *cmd, const char *first_phase, double t_first, double t_merge,
		double t_write, size_t ndocs, size_t nevents, size_t nactors, int jobs)
{
	struct rusage ru;
	long peak_kb = getrusage(RUSAGE_SELF, &ru) ? -1 : ru.ru_maxrss;
	fprintf(stderr, "ctimeline: %s stats: %zu documents, %zu events, %zu actors; "
		"%s %.3f s (%d thread%s), merge %.3f s, write %.3f s; peak memory %ld MiB\n",
		cmd, ndocs, nevents, nactors, first_phase, t_first, jobs,
		jobs == 1 ? "" : "s", t_merge, t_write, peak_kb < 0 ? -1 : (peak_kb + 512) / 1024);
}
