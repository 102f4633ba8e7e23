/*
 * render_bench: wall time of rendering generated timelines (not a test).
 *
 *   render_bench [RUNS]            (default 5 runs per case; prints the median)
 *   render_bench --events N FILE   writes the generated timeline of N events
 *                                  as events JSON (to try the CLI on)
 *
 * Cases: the timeline view of 1,000 and 10,000 events to SVG (and PNG for
 * 1,000), the actor-event graph of 1,000 events to SVG, the actors view of
 * 1,000 events. Events fall in 2016-2018 and 2021-2022 with dense days,
 * spans, month and year dates; made up with a fixed seed, so every run
 * draws the same thing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <ctimeline/ctimeline.h>

static unsigned long long rng_state;

static unsigned rnd(unsigned n)
{
	/* xorshift64*: the same numbers on every machine */
	rng_state ^= rng_state >> 12;
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

static const char *const words[] = {
	"talks", "summit", "minister", "sanctions", "cyber", "election", "report", "says",
	"agrees", "denies", "meeting", "security", "group", "leaders", "Moscow", "Washington",
	"Brussels", "on", "the", "with", "over", "new", "joint", "working", "hackers"
};
static const char *const types[] = {
	"statement", "meeting", "agreement", "proposal", "accusation", "denial", "arrest",
	"attack", "election", "report", "other"
};

static ctl_timeline *generate(size_t nev, size_t nact, unsigned long long seed)
{
	rng_state = seed * 0x9E3779B97F4A7C15ULL + 1;
	ctl_timeline *tl = ctl_timeline_new();
	char buf[256];
	for (int d = 0; d < 20; d++) {
		ctl_doc_info *di = ctl_timeline_add_doc_info(tl);
		snprintf(buf, sizeof(buf), "doc%02d", d);
		di->id = xstrdup(buf);
		snprintf(buf, sizeof(buf), "articles/doc%02d.txt", d);
		di->path = xstrdup(buf);
	}
	for (size_t a = 0; a < nact; a++) {
		ctl_actor *ac = ctl_timeline_add_actor(tl);
		snprintf(buf, sizeof(buf), "a%zu", a + 1);
		ac->id = xstrdup(buf);
		snprintf(buf, sizeof(buf), "%s %s %zu", words[rnd(25)], words[rnd(25)], a);
		ac->name = xstrdup(buf);
		ac->type = (ctl_actor_type)(a % 5);
	}
	ctl_day dense[5];
	for (int i = 0; i < 5; i++)
		dense[i] = ctl_day_from_ymd(2017, 3 + 2 * i, 7 + i);
	ctl_day a0 = ctl_day_from_ymd(2016, 1, 1), a1 = ctl_day_from_ymd(2018, 12, 31);
	ctl_day b0 = ctl_day_from_ymd(2021, 1, 1), b1 = ctl_day_from_ymd(2022, 12, 31);
	for (size_t i = 0; i < nev; i++) {
		ctl_event *e = ctl_timeline_add_event(tl);
		snprintf(buf, sizeof(buf), "e%zu", i + 1);
		e->id = xstrdup(buf);
		buf[0] = '\0';
		int nw = 3 + (int)rnd(10);
		for (int w = 0; w < nw; w++) {
			strcat(buf, words[rnd(25)]);
			if (w + 1 < nw)
				strcat(buf, " ");
		}
		e->title = xstrdup(buf);
		e->type = xstrdup(types[rnd(11)]);
		unsigned r = rnd(100);
		ctl_day d = r < 10 ? dense[rnd(5)] : rnd(10) < 7 ? a0 + (ctl_day)rnd((unsigned)(a1 - a0))
			: b0 + (ctl_day)rnd((unsigned)(b1 - b0));
		unsigned kind = rnd(100);
		if (kind < 75) {
			e->when = ctl_interval_day(d, rnd(4) ? CTL_CERT_STATED : CTL_CERT_INFERRED);
		} else if (kind < 85) {
			int y, m, dd;
			ctl_day_to_ymd(d, &y, &m, &dd);
			e->when = ctl_interval_month(y, m, CTL_CERT_STATED);
		} else if (kind < 90) {
			int y, m, dd;
			ctl_day_to_ymd(d, &y, &m, &dd);
			e->when = ctl_interval_year(y, CTL_CERT_STATED);
		} else if (kind < 98) {
			e->when.earliest = d;
			e->when.latest = d + 3 + (ctl_day)rnd(90);
			e->when.precision = CTL_PREC_NONE;
			e->when.certainty = CTL_CERT_BOUNDED;
		} else {
			e->when = ctl_interval_unknown();
		}
		size_t na = nact ? rnd(5) : 0;
		e->actors = malloc((na ? na : 1) * sizeof(size_t));
		for (size_t k = 0; k < na; k++)
			e->actors[k] = rnd((unsigned)nact);
		e->nactors = na;
		size_t ns = 1 + rnd(3);
		e->sources = calloc(ns, sizeof(ctl_ref));
		for (size_t k = 0; k < ns; k++) {
			e->sources[k].doc = rnd(20);
			snprintf(buf, sizeof(buf), "Source sentence %zu of event %zu: %s.", k, i, e->title);
			e->sources[k].text = xstrdup(buf);
		}
		e->nsources = ns;
	}
	return tl;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static int run_case(const char *name, size_t nev, ctl_view view, const char *format, int runs)
{
	ctl_timeline *tl = generate(nev, nev / 10 < 20 ? 20 : nev / 10, 42);
	double t[64];
	size_t bytes = 0;
	for (int r = 0; r < runs; r++) {
		ctl_error err;
		ctl_error_clear(&err);
		ctl_render_output out = { format, NULL, 0 };
		double t0 = now();
		if (ctl_render_view(tl, view, NULL, NULL, &out, 1, &err)) {
			fprintf(stderr, "render_bench: %s: %s\n", name, err.msg);
			ctl_timeline_free(tl);
			return 1;
		}
		t[r] = now() - t0;
		bytes = out.len;
		free(out.data);
	}
	qsort(t, (size_t)runs, sizeof(double), cmp_double);
	printf("%-34s %8.3f s median of %d (min %.3f, max %.3f), %zu bytes\n",
		name, t[runs / 2], runs, t[0], t[runs - 1], bytes);
	ctl_timeline_free(tl);
	return 0;
}

/* --events N FILE: writes the generated timeline of N events as events JSON. */
static int write_events(const char *count, const char *path)
{
	size_t n = (size_t)strtoul(count, NULL, 10);
	ctl_timeline *tl = generate(n, n / 10 < 20 ? 20 : n / 10, 42);
	ctl_error err;
	ctl_error_clear(&err);
	char *json;
	int rc = ctl_timeline_to_json(&json, tl, &err);
	if (rc == 0) {
		rc = ctl_write_file_atomic(path, json, strlen(json), &err);
		free(json);
	}
	if (rc)
		fprintf(stderr, "render_bench: %s\n", err.msg);
	ctl_timeline_free(tl);
	return rc ? 1 : 0;
}

int main(int argc, char **argv)
{
	static const char usage[] =
		"usage: render_bench [RUNS]           median of RUNS (1-64, default 5) renderings\n"
		"                                     of generated timelines (bench/README.md)\n"
		"       render_bench --events N FILE  write the generated timeline of N events\n"
		"                                     as events JSON\n";
	if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		fputs(usage, stdout);
		return 0;
	}
	if (argc == 4 && !strcmp(argv[1], "--events"))
		return write_events(argv[2], argv[3]);
	int runs = argc > 1 ? atoi(argv[1]) : 5;
	if (argc > 2 || runs < 1 || runs > 64) {
		fputs(usage, stderr);
		return 2;
	}
	int rc = 0;
	rc |= run_case("timeline, 1,000 events, svg", 1000, CTL_VIEW_TIMELINE, "svg", runs);
	rc |= run_case("timeline, 1,000 events, png", 1000, CTL_VIEW_TIMELINE, "png", runs);
	rc |= run_case("timeline, 10,000 events, svg", 10000, CTL_VIEW_TIMELINE, "svg", runs);
	rc |= run_case("graph, 1,000 events, svg", 1000, CTL_VIEW_GRAPH, "svg", runs);
	rc |= run_case("actors, 1,000 events, svg", 1000, CTL_VIEW_ACTORS, "svg", runs);
	return rc;
}
