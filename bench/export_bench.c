/*
 * export_bench: time and peak memory of the exports on a generated
 * timeline (not a test).
 *
 *   export_bench [EVENTS [DIR]]   (default 100000 events; DIR: where the CSV
 *                                  tables are written, default a new
 *                                  directory under /tmp, removed afterwards)
 *
* Prints, for each step, the wall and CPU time and the process's peak resident
 * memory after it (getrusage: the peak only grows, so each step's cost is
 * the growth over the step before). Steps: generate; CSV written to DIR
 * (what `export --to csv` does); CSV in memory (kept for the next step);
 * CSV read back; the other formats, each in memory.
 *
 * The timeline is made up with a fixed seed: 100,000 events of 1-3 sources
 * with sentences of about 150 bytes (commas, quotes, a few formula openers,
 * Cyrillic), up to 4 actors each out of 5,000, 200 documents.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>
#include <ctimeline/ctimeline.h>
#include <ctimeline/export.h>

static unsigned long long rng_state = 88172645463325252ULL;

static unsigned rnd(unsigned n)
{
	rng_state ^= rng_state >> 12; /* xorshift64*: the same on every machine */
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (unsigned)((rng_state * 2685821657736338717ULL) >> 33) % n;
}

static char *xstrdup(const char *s)
{
	char *p = strdup(s);
	if (!p)
		abort();
	return p;
}

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);
	if (!p)
		abort();
	return p;
}

static const char *const words[] = {
	"talks", "summit", "minister", "sanctions", "cyber", "election", "report", "said",
	"agreed", "denied", "meeting", "security", "group", "leaders", "\"quoted\"", "capital,",
	"\xd0\xbf\xd0\xb5\xd1\x80\xd0\xb5\xd0\xb3\xd0\xbe\xd0\xb2\xd0\xbe\xd1\x80\xd1\x8b",
	"caf\xc3\xa9", "on", "the", "with", "over", "new", "joint", "working"
};
#define NWORDS (sizeof(words) / sizeof(words[0]))
static const char *const types[] = { "statement", "meeting", "agreement", "proposal", "accusation" };

static char *sentence(size_t approx, bool formula)
{
	char buf[512];
	size_t n = 0;
	buf[0] = '\0';
	if (formula)
		n += (size_t)snprintf(buf, sizeof(buf), "=");
	while (n < approx && n < sizeof(buf) - 64)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s", n && buf[n - 1] != '=' ? " " : "",
			words[rnd(NWORDS)]);
	return xstrdup(buf);
}

static ctl_timeline *generate(size_t nev)
{
	ctl_timeline *tl = ctl_timeline_new();
	char buf[64];
	size_t ndocs = 200, nact = 5000;
	for (size_t d = 0; d < ndocs; d++) {
		ctl_doc_info *di = ctl_timeline_add_doc_info(tl);
		snprintf(buf, sizeof(buf), "doc%03zu", d);
		di->id = xstrdup(buf);
		snprintf(buf, sizeof(buf), "articles/doc%03zu.txt", d);
		di->path = xstrdup(buf);
		di->title = sentence(60, false);
		di->dct = ctl_interval_day(ctl_day_from_ymd(2017, 1 + (int)(d % 12), 1 + (int)(d % 28)),
			CTL_CERT_STATED);
		di->dct_source = xstrdup("header");
	}
	for (size_t a = 0; a < nact; a++) {
		ctl_actor *ac = ctl_timeline_add_actor(tl);
		snprintf(buf, sizeof(buf), "a%zu", a + 1);
		ac->id = xstrdup(buf);
		snprintf(buf, sizeof(buf), "%s %s %zu", words[rnd(NWORDS)], words[rnd(NWORDS)], a);
		ac->name = xstrdup(buf);
		ac->type = (ctl_actor_type)(a % 5);
		ac->nmentions = 1 + rnd(8);
		ac->mentions = xcalloc(ac->nmentions, sizeof(ctl_ref));
		for (size_t k = 0; k < ac->nmentions; k++)
			ac->mentions[k] = (ctl_ref){ rnd((unsigned)ndocs), 100 * (uint32_t)k, 100 * (uint32_t)k + 9, NULL };
	}
	ctl_day d0 = ctl_day_from_ymd(2010, 1, 1);
	for (size_t i = 0; i < nev; i++) {
		ctl_event *e = ctl_timeline_add_event(tl);
		snprintf(buf, sizeof(buf), "e%zu", i + 1);
		e->id = xstrdup(buf);
		e->when = ctl_interval_day(d0 + (ctl_day)rnd(4000), CTL_CERT_STATED);
		e->title = sentence(50, i % 97 == 0);
		e->type = xstrdup(types[rnd(5)]);
		e->nactors = rnd(5);
		e->actors = xcalloc(e->nactors, sizeof(size_t));
		for (size_t k = 0; k < e->nactors; k++)
			e->actors[k] = rnd((unsigned)nact);
		e->nsources = 1 + rnd(3);
		e->sources = xcalloc(e->nsources, sizeof(ctl_ref));
		for (size_t k = 0; k < e->nsources; k++) {
			uint32_t s = rnd(5000);
			e->sources[k] = (ctl_ref){ rnd((unsigned)ndocs), s, s + 150, sentence(150, false) };
		}
		e->trigger = (ctl_ref){ e->sources[0].doc, e->sources[0].start + 5, e->sources[0].start + 10,
			xstrdup("talks") };
	}
	return tl;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double peak_mb(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_maxrss / 1024.0; /* Linux: kilobytes */
}

static double cpu_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef struct mark_t {
	double wall, cpu;
} mark_t;

static mark_t mark(void)
{
	return (mark_t){ now(), cpu_now() };
}

static void report(const char *step, mark_t t0, size_t bytes)
{
	printf("%-26s %7.3f s wall %7.3f s CPU   peak RSS %7.1f MB", step, now() - t0.wall,
		cpu_now() - t0.cpu, peak_mb());
	if (bytes)
		printf("   %7.1f MB out", (double)bytes / (1024.0 * 1024.0));
	putchar('\n');
	fflush(stdout);
}

static void die(const ctl_error *err)
{
	fprintf(stderr, "export_bench: %s\n", err->msg);
	exit(1);
}

int main(int argc, char **argv)
{
	size_t nev = argc > 1 ? strtoul(argv[1], NULL, 10) : 100000;
	char tmpdir[] = "/tmp/export_bench_XXXXXX";
	const char *dir = argc > 2 ? argv[2] : NULL;
	ctl_error err;
	ctl_error_clear(&err);
	if (!dir && !(dir = mkdtemp(tmpdir))) {
		perror("export_bench: mkdtemp");
		return 1;
	}
	printf("export_bench: %zu events\n", nev);
	report("start", mark(), 0);

	mark_t t = mark();
	ctl_timeline *tl = generate(nev);
	report("generate", t, 0);

	/* what `export --to csv` does: build the four tables, write each file */
	t = mark();
	if (ctl_export_csv_dir(dir, tl, &err))
		die(&err);
	report("CSV, written to files", t, 0);

	ctl_csv_files f;
	t = mark();
	if (ctl_export_csv(&f, tl, &err))
		die(&err);
	size_t total = 0;
	for (int i = 0; i < CTL_CSV_NTABLES; i++)
		total += f.len[i];
	report("CSV, in memory", t, total);

	ctl_csv_source src[CTL_CSV_NTABLES];
	for (int i = 0; i < CTL_CSV_NTABLES; i++)
		src[i] = (ctl_csv_source){ ctl_csv_table_file(i), f.data[i], f.len[i] };
	ctl_timeline *back;
	t = mark();
	if (ctl_timeline_from_csv_data(&back, src, &err))
		die(&err);
	report("CSV, read back", t, 0);
	if (back->nevents != tl->nevents) {
		fprintf(stderr, "export_bench: %zu events read back, not %zu\n", back->nevents, tl->nevents);
		return 1;
	}
	ctl_timeline_free(back);
	ctl_csv_files_release(&f);

	for (int k = CTL_EXPORT_JSON; k <= CTL_EXPORT_GRAPHML; k++) {
		char *out, step[64];
		size_t len;
		t = mark();
		if (ctl_export(&out, &len, tl, (ctl_export_format)k, NULL, &err))
			die(&err);
		snprintf(step, sizeof(step), "%s, in memory", ctl_export_format_name((ctl_export_format)k));
		report(step, t, len);
		free(out);
	}
	ctl_timeline_free(tl);
	if (dir == tmpdir) {
		for (int i = 0; i < CTL_CSV_NTABLES; i++) {
			char path[256];
			snprintf(path, sizeof(path), "%s/%s", dir, ctl_csv_table_file(i));
			unlink(path);
		}
		rmdir(dir);
	}
	return 0;
}
