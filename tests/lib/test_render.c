/* render_*.c: timelines and graphs drawn through Graphviz, styles. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "helpers.h"
#include "render_internal.h"

#define STYLES_DIR CTL_DATA_DIR "/../styles"

/* ---- made-up timelines -------------------------------------------------------- */

static unsigned long long rng;
static unsigned rnd(unsigned n)
{
	rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)(rng >> 33) % n;
}

static char *xdup(const char *s)
{
	char *p = strdup(s);
	assert_non_null(p);
	return p;
}

/* Text that must come out as text: markup, entities, Graphviz escapes. */
static const char *const nasty[] = {
	"<script>alert(1)</script>",
	"Smith & Wesson \"quoted\" 'single'",
	"C:\\path\\N\\G\\L end",
	"\\N \\G \\L \\E \\T \\H \\n \\l",
	"&amp; &lt;b&gt; &#65; &foo;",
	"</text><text>injected",
	"\xd0\x9f\xd1\x83\xd1\x82\xd0\xb8\xd0\xbd \xe6\x99\xae\xe4\xba\xac",
};
#define NNASTY (sizeof(nasty) / sizeof(nasty[0]))

static const char *const words[] = {
	"talks", "summit", "minister", "sanctions", "cyber", "election", "report", "says",
	"agrees", "denies", "meeting", "security", "group", "Moscow", "Washington", "on", "the"
};
static const char *const types[] = {
	"statement", "meeting", "agreement", "proposal", "accusation", "denial", "arrest",
	"attack", "election", "report", "other", "unknown-type"
};

static void add_event(ctl_timeline *tl, ctl_interval when, const char *title, size_t nact)
{
	char buf[64];
	ctl_event *e = ctl_timeline_add_event(tl);
	snprintf(buf, sizeof(buf), "e%zu", tl->nevents);
	e->id = xdup(buf);
	e->when = when;
	e->title = xdup(title);
	e->type = xdup(types[rnd(12)]);
	size_t na = nact ? rnd(4) : 0;
	size_t first = tl->nevents - 1;   /* the nasty events have the nasty actors */
	if (first < NNASTY && nact > 1)
		na = 2;
	e->actors = malloc((na ? na : 1) * sizeof(size_t));
	for (size_t k = 0; k < na; k++)
		e->actors[k] = first < NNASTY && nact > 1 ? (first + k) % nact : rnd((unsigned)nact);
	e->nactors = na;
	size_t ns = 1 + rnd(3);
	e->sources = calloc(ns, sizeof(ctl_ref));
	for (size_t k = 0; k < ns; k++) {
		e->sources[k].doc = rnd((unsigned)tl->ndocs);
		snprintf(buf, sizeof(buf), "Source %zu says: ", k);
		size_t n = strlen(buf) + strlen(title) + 1;
		e->sources[k].text = malloc(n);
		snprintf(e->sources[k].text, n, "%s%s", buf, title);
	}
	e->nsources = ns;
}

/*
 * n events in 2016-2018 and 2021-2022 (dense days, spans, month and year
 * dates, a few undated), actors of every type, the nasty texts as titles
 * and actor names. Deterministic for a seed.
 */
static ctl_timeline *make_timeline(size_t n, size_t nact, unsigned long long seed)
{
	rng = seed;
	ctl_timeline *tl = ctl_timeline_new();
	char buf[256];
	for (int d = 0; d < 5; d++) {
		ctl_doc_info *di = ctl_timeline_add_doc_info(tl);
		snprintf(buf, sizeof(buf), "doc%d", d);
		di->id = xdup(buf);
		di->path = xdup(buf);
	}
	for (size_t a = 0; a < nact; a++) {
		ctl_actor *ac = ctl_timeline_add_actor(tl);
		snprintf(buf, sizeof(buf), "a%zu", a + 1);
		ac->id = xdup(buf);
		if (a < NNASTY)
			ac->name = xdup(nasty[a]);
		else {
			snprintf(buf, sizeof(buf), "%s %s %zu", words[rnd(17)], words[rnd(17)], a);
			ac->name = xdup(buf);
		}
		ac->type = (ctl_actor_type)(a % 5);
	}
	ctl_day a0 = ctl_day_from_ymd(2016, 1, 1), b0 = ctl_day_from_ymd(2021, 1, 1);
	for (size_t i = 0; i < n; i++) {
		if (i < NNASTY) {
			add_event(tl, ctl_interval_day(a0 + 40 * (ctl_day)i, CTL_CERT_STATED), nasty[i], nact);
			continue;
		}
		buf[0] = '\0';
		int nw = 2 + (int)rnd(12);
		for (int w = 0; w < nw; w++) {
			strcat(buf, words[rnd(17)]);
			strcat(buf, w + 1 < nw ? " " : "");
		}
		unsigned r = rnd(100);
		ctl_day d = r < 12 ? ctl_day_from_ymd(2017, 7, 7) :
			r < 70 ? a0 + (ctl_day)rnd(3 * 365) : b0 + (ctl_day)rnd(2 * 365);
		ctl_interval w;
		int y, m, dd;
		ctl_day_to_ymd(d, &y, &m, &dd);
		unsigned k = rnd(100);
		if (k < 70)
			w = ctl_interval_day(d, k < 55 ? CTL_CERT_STATED : CTL_CERT_INFERRED);
		else if (k < 80)
			w = ctl_interval_month(y, m, CTL_CERT_STATED);
		else if (k < 85)
			w = ctl_interval_year(y, CTL_CERT_STATED);
		else if (k < 95) {
			w.earliest = d;
			w.latest = d + 2 + (ctl_day)rnd(100);
			w.precision = CTL_PREC_NONE;
			w.certainty = CTL_CERT_BOUNDED;
		} else if (k < 97) {
			w.earliest = d;
			w.latest = CTL_DAY_NONE;
			w.precision = CTL_PREC_NONE;
			w.certainty = CTL_CERT_BOUNDED;
		} else {
			w = ctl_interval_unknown();
		}
		add_event(tl, w, buf, nact);
	}
	return tl;
}

/* ---- checking SVG ------------------------------------------------------------------ */

/* An entity reference at s ("&amp;", "&#65;", ...): its length, or 0. */
static size_t entity_len(const char *s)
{
	static const char *const named[] = { "&amp;", "&lt;", "&gt;", "&quot;", "&apos;" };
	for (size_t i = 0; i < 5; i++)
		if (!strncmp(s, named[i], strlen(named[i])))
			return strlen(named[i]);
	if (s[1] == '#') {
		size_t i = 2;
		bool hex = s[2] == 'x';
		if (hex)
			i++;
		size_t start = i;
		while ((hex ? strchr("0123456789abcdefABCDEF", s[i]) : strchr("0123456789", s[i])) && s[i])
			i++;
		if (i > start && s[i] == ';')
			return i + 1;
	}
	return 0;
}

/*
 * Well-formed XML, checked simply: balanced elements, quoted attributes,
 * no '<' in text or attribute values, every '&' an entity. Returns NULL or
 * what is wrong.
 */
static const char *xml_wellformed(const char *s)
{
	static char why[128];
	const char *stack[256];
	size_t stack_len[256];
	int depth = 0, roots = 0;
	const char *p = s;
	while (*p) {
		if (*p == '<') {
			if (!strncmp(p, "<?", 2)) {
				p = strstr(p, "?>");
				if (!p)
					return "unterminated <?";
				p += 2;
			} else if (!strncmp(p, "<!--", 4)) {
				p = strstr(p + 4, "-->");
				if (!p)
					return "unterminated comment";
				p += 3;
			} else if (!strncmp(p, "<!DOCTYPE", 9)) {
				p = strchr(p, '>');
				if (!p)
					return "unterminated doctype";
				p++;
			} else if (p[1] == '/') {
				const char *name = p + 2;
				size_t n = strcspn(name, " \t\n>");
				if (depth == 0 || stack_len[depth - 1] != n || strncmp(stack[depth - 1], name, n)) {
					snprintf(why, sizeof(why), "mismatched </%.*s>", (int)(n > 40 ? 40 : n), name);
					return why;
				}
				depth--;
				p = strchr(p, '>');
				if (!p)
					return "unterminated end tag";
				p++;
			} else {
				const char *name = p + 1;
				size_t n = strcspn(name, " \t\n/>");
				if (n == 0)
					return "empty element name";
				const char *q = name + n;
				for (;;) {
					while (*q == ' ' || *q == '\t' || *q == '\n')
						q++;
					if (*q == '>' || (q[0] == '/' && q[1] == '>'))
						break;
					size_t an = strcspn(q, "= \t\n>");
					if (an == 0 || q[an] != '=' || (q[an + 1] != '"' && q[an + 1] != '\''))
						return "attribute without a quoted value";
					char quote = q[an + 1];
					q += an + 2;
					while (*q && *q != quote) {
						if (*q == '<')
							return "'<' in an attribute value";
						if (*q == '&' && !entity_len(q))
							return "bare '&' in an attribute value";
						q++;
					}
					if (!*q)
						return "unterminated attribute value";
					q++;
				}
				if (*q == '/') {
					if (depth == 0)
						roots++;
					p = q + 2;
				} else {
					if (depth == 256)
						return "too deep";
					if (depth == 0)
						roots++;
					stack[depth] = name;
					stack_len[depth] = n;
					depth++;
					p = q + 1;
				}
			}
		} else {
			if (*p == '&' && !entity_len(p))
				return "bare '&' in text";
			if (*p == '>' && depth == 0 && roots == 0)
				return "'>' outside the root";
			p++;
		}
	}
	if (depth)
		return "unclosed elements";
	if (roots != 1)
		return "not exactly one root element";
	return NULL;
}

/* The x of the marker (ellipse cx, or the leftmost polygon point) of the
 * element with id "event-<id>-marker" or "event-<id>-span"; NAN if none. */
static double marker_x(const char *svg, const char *id)
{
	char want[96];
	const char *kinds[] = { "marker", "span" };
	for (int k = 0; k < 2; k++) {
		snprintf(want, sizeof(want), "id=\"event&#45;%s&#45;%s\"", id, kinds[k]);
		const char *g = strstr(svg, want);
		if (!g)
			continue;
		const char *end = strstr(g, "</g>");
		const char *c = strstr(g, "cx=\"");
		if (c && c < end)
			return strtod(c + 4, NULL);
		const char *pt = strstr(g, "points=\"");
		if (pt && pt < end) {
			double minx = INFINITY;
			const char *q = pt + 8;
			while (*q && *q != '"') {
				char *e2;
				double x = strtod(q, &e2);
				if (x < minx)
					minx = x;
				q = strchr(e2, ' ');
				if (!q || q > strchr(pt + 8, '"'))
					break;
				q++;
			}
			return minx;
		}
	}
	return NAN;
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

static void warn_count(void *user, const char *msg)
{
	(void)msg;
	fprintf(stderr, "graphviz warning: %s\n", msg);
	(*(int *)user)++;
}

/* ---- tests -------------------------------------------------------------------------- */

static void test_formats(void **state)
{
	(void)state;
	ctl_timeline *tl = make_timeline(60, 12, 1);
	for (int v = CTL_VIEW_TIMELINE; v <= CTL_VIEW_ACTORS; v++) {
		int warnings = 0;
		ctl_render_options o = { .warn = warn_count, .warn_user = &warnings };
		ctl_render_output outs[3] = { { "svg", NULL, 0 }, { "png", NULL, 0 }, { "pdf", NULL, 0 } };
		ctl_error err;
		ctl_error_clear(&err);
		int rc = ctl_render_view(tl, (ctl_view)v, NULL, &o, outs, 3, &err);
		if (rc)
			fail_msg("%s: %s", ctl_view_name((ctl_view)v), err.msg);
		assert_int_equal(warnings, 0);
		assert_true(outs[0].len > 1000 && !memcmp(outs[0].data, "<?xml", 5));
		assert_non_null(strstr(outs[0].data, "viewBox=\""));
		assert_true(outs[1].len > 1000 && !memcmp(outs[1].data, "\x89PNG\r\n\x1a\n", 8));
		assert_true(outs[2].len > 1000 && !memcmp(outs[2].data, "%PDF-", 5));
		const char *why = xml_wellformed(outs[0].data);
		if (why)
			fail_msg("%s: SVG not well-formed: %s", ctl_view_name((ctl_view)v), why);
		/* <title> and <desc> come first in <svg> */
		const char *svg = strstr(outs[0].data, "<svg");
		const char *t = strstr(svg, "<title>"), *d = strstr(svg, "<desc>"), *g = strstr(svg, "<g ");
		assert_true(t && d && g && t < d && d < g);
		for (int i = 0; i < 3; i++)
			free(outs[i].data);
	}
	ctl_timeline_free(tl);
}

static void test_escaping(void **state)
{
	(void)state;
	ctl_timeline *tl = make_timeline(NNASTY, NNASTY, 2);
	/* labels wide enough that no title is wrapped */
	const char *wide = "{\"timeline\": {\"label_width\": 600}, \"graph\": {\"label_width\": 600}}";
	ctl_style *st;
	ctl_error err;
	ctl_error_clear(&err);
	assert_int_equal(ctl_style_parse(&st, "wide.json", wide, strlen(wide), &err), 0);
	for (int v = CTL_VIEW_TIMELINE; v <= CTL_VIEW_ACTORS; v++) {
		char *svg;
		size_t len;
		ctl_render_output o = { "svg", NULL, 0 };
		assert_int_equal(ctl_render_view(tl, (ctl_view)v, st, NULL, &o, 1, &err), 0);
		svg = o.data;
		len = o.len;
		assert_int_equal(strlen(svg), len);
		assert_null(xml_wellformed(svg));
		/* markup from articles is text, never markup */
		assert_null(strstr(svg, "<script"));
		assert_null(strstr(svg, "<text><text"));
		assert_null(strstr(svg, "</text><text>injected"));
		/* no links at all */
		assert_null(strstr(svg, "href"));
		if (v != CTL_VIEW_TIMELINE) {
			/* actor names in node labels */
			assert_non_null(strstr(svg, ">&lt;script&gt;alert(1)&lt;/script&gt;</text>"));
			assert_non_null(strstr(svg, ">C:\\path\\N\\G\\L end</text>"));
			assert_non_null(strstr(svg, ">\\N \\G \\L \\E \\T \\H \\n \\l</text>"));
			assert_non_null(strstr(svg, ">Smith &amp; Wesson &quot;quoted&quot; &#39;single&#39;</text>"));
		}
		if (v != CTL_VIEW_ACTORS) {
			assert_non_null(strstr(svg, "&lt;script&gt;alert(1)&lt;/script&gt;"));
			assert_non_null(strstr(svg, "Smith &amp; Wesson &quot;quoted&quot; &#39;single&#39;"));
			/* backslash escapes reach the reader as typed */
			assert_non_null(strstr(svg, "C:\\path\\N\\G\\L end"));
			assert_non_null(strstr(svg, "\\N \\G \\L \\E \\T \\H \\n \\l"));
			/* entities in the article are text: "&amp;" shows as typed */
			assert_non_null(strstr(svg, "&amp;amp; &amp;lt;b&amp;gt; &amp;#65; &amp;foo;"));
			assert_non_null(strstr(svg, "&lt;/text&gt;&lt;text&gt;injected"));
			assert_non_null(strstr(svg, "\xd0\x9f\xd1\x83\xd1\x82\xd0\xb8\xd0\xbd"));
			/* the tooltip (the source sentence) is text too, backslashes kept */
			assert_non_null(strstr(svg, "xlink:title=\"Source 0 says: C:\\path\\N\\G\\L end\""));
			assert_non_null(strstr(svg, "xlink:title=\"Source 0 says: \\N \\G \\L \\E \\T \\H \\n \\l\""));
			assert_non_null(strstr(svg, "xlink:title=\"Source 0 says: &lt;script&gt;"));
		}
		free(svg);
	}
	ctl_style_free(st);
	ctl_timeline_free(tl);
}

static void test_x_order_follows_dates(void **state)
{
	(void)state;
	ctl_timeline *tl = make_timeline(250, 20, 3);
	char *svg;
	size_t len;
	ctl_error err;
	ctl_error_clear(&err);
	assert_int_equal(ctl_render_timeline(&svg, &len, tl, NULL, "svg", NULL, &err), 0);
	/* events by start day; a later start is drawn further right */
	size_t n = tl->nevents, found = 0;
	size_t *idx = malloc(n * sizeof(size_t));
	double *x = malloc(n * sizeof(double));
	for (size_t i = 0; i < n; i++) {
		idx[i] = i;
		x[i] = marker_x(svg, tl->events[i].id);
	}
	for (size_t i = 1; i < n; i++) /* insertion sort by start day */
		for (size_t j = i; j > 0; j--) {
			ctl_day a = tl->events[idx[j - 1]].when.earliest, b = tl->events[idx[j]].when.earliest;
			if (a <= b)
				break;
			size_t t = idx[j]; idx[j] = idx[j - 1]; idx[j - 1] = t;
		}
	double max_before = -INFINITY, max_here = -INFINITY;
	ctl_day day = CTL_DAY_NONE;
	for (size_t k = 0; k < n; k++) {
		const ctl_event *e = &tl->events[idx[k]];
		if (e->when.earliest == CTL_DAY_NONE)
			continue; /* undated (drawn apart) */
		double xe = x[idx[k]];
		assert_false(isnan(xe));
		found++;
		if (e->when.earliest != day) {
			if (max_here > max_before)
				max_before = max_here;
			day = e->when.earliest;
		}
		assert_true(xe > max_before);
		if (xe > max_here)
			max_here = xe;
	}
	assert_true(found > 200);
	free(idx);
	free(x);
	free(svg);
	ctl_timeline_free(tl);
}

static void test_deterministic(void **state)
{
	(void)state;
	for (int v = CTL_VIEW_TIMELINE; v <= CTL_VIEW_ACTORS; v++) {
		char *a, *b;
		size_t la, lb;
		ctl_error err;
		ctl_error_clear(&err);
		ctl_timeline *t1 = make_timeline(120, 15, 4), *t2 = make_timeline(120, 15, 4);
		ctl_render_output o1 = { "svg", NULL, 0 }, o2 = { "svg", NULL, 0 };
		assert_int_equal(ctl_render_view(t1, (ctl_view)v, NULL, NULL, &o1, 1, &err), 0);
		assert_int_equal(ctl_render_view(t2, (ctl_view)v, NULL, NULL, &o2, 1, &err), 0);
		a = o1.data, la = o1.len, b = o2.data, lb = o2.len;
		assert_int_equal(la, lb);
		assert_memory_equal(a, b, la);
		free(a);
		free(b);
		ctl_timeline_free(t1);
		ctl_timeline_free(t2);
	}
	/* the medium engine (neato) is deterministic too */
	const char *engines[] = { "neato" };
	for (int i = 0; i < 1; i++) {
		ctl_timeline *t = make_timeline(80, 15, 5);
		ctl_render_options o = { .engine = engines[i] };
		char *a, *b;
		size_t la, lb;
		ctl_error err;
		ctl_error_clear(&err);
		assert_int_equal(ctl_render_graph(&a, &la, t, NULL, "svg", &o, &err), 0);
		assert_int_equal(ctl_render_graph(&b, &lb, t, NULL, "svg", &o, &err), 0);
		assert_int_equal(la, lb);
		assert_memory_equal(a, b, la);
		assert_non_null(strstr(a, engines[i]));
		free(a);
		free(b);
		ctl_timeline_free(t);
	}
}

/* sfdp (and fdp) draw on the C library's random(): a drawing is the same
 * whatever the program drew before it, and the program's generator goes
 * on as if nothing had been drawn (200 events: small graphs need no
 * random numbers in sfdp) */
static void test_sfdp_owns_its_random_numbers(void **state)
{
	(void)state;
	ctl_timeline *t = make_timeline(200, 20, 5);
	ctl_render_options o = { .engine = "sfdp" };
	char *a, *b;
	size_t la, lb;
	ctl_error err;
	ctl_error_clear(&err);
	srand(12345);
	int want = rand();
	srand(12345);
	assert_int_equal(ctl_render_graph(&a, &la, t, NULL, "svg", &o, &err), 0);
	assert_int_equal(rand(), want);
	for (int i = 0; i < 7; i++)
		(void)rand();
	assert_int_equal(ctl_render_graph(&b, &lb, t, NULL, "svg", &o, &err), 0);
	assert_non_null(strstr(a, "sfdp"));
	assert_int_equal(la, lb);
	assert_memory_equal(a, b, la);
	free(a);
	free(b);
	ctl_timeline_free(t);
}

static void test_ids_and_classes(void **state)
{
	(void)state;
	ctl_timeline *tl = make_timeline(20, 10, 6);
	/* an id that is not safe in SVG, and a duplicate */
	free(tl->events[3].id);
	tl->events[3].id = xdup("x\"><b>");
	free(tl->events[4].id);
	tl->events[4].id = xdup("e1");
	char *svg;
	size_t len;
	ctl_error err;
	ctl_error_clear(&err);
	assert_int_equal(ctl_render_timeline(&svg, &len, tl, NULL, "svg", NULL, &err), 0);
	assert_null(xml_wellformed(svg));
	assert_non_null(strstr(svg, "id=\"event&#45;e3\""));
	assert_non_null(strstr(svg, "class=\"node event event&#45;e3 type&#45;"));
	assert_non_null(strstr(svg, "id=\"event&#45;x___b_\""));
	assert_non_null(strstr(svg, "id=\"event&#45;e1&#45;5\""));
	assert_int_equal(count(svg, "id=\"event&#45;e1\""), 1);
	free(svg);
	assert_int_equal(ctl_render_graph(&svg, &len, tl, NULL, "svg", NULL, &err), 0);
	assert_non_null(strstr(svg, "id=\"actor&#45;a1\""));
	assert_non_null(strstr(svg, "class=\"node actor actor&#45;a1 person\""));
	assert_non_null(strstr(svg, "id=\"event&#45;e2\""));
	free(svg);
	ctl_timeline_free(tl);
}

static void test_styles(void **state)
{
	(void)state;
	ctl_error err;
	ctl_error_clear(&err);
	ctl_style *st;
	/* the shipped styles load, by name and by path */
	const char *names[] = { "default", "print", "dark" };
	for (int i = 0; i < 3; i++) {
		assert_int_equal(ctl_style_load(&st, names[i], &err), 0);
		assert_non_null(strstr(ctl_style_source(st), names[i]));
		ctl_style_free(st);
	}
	assert_int_equal(ctl_style_load(&st, STYLES_DIR "/print.json", &err), 0);
	ctl_style_free(st);

	/* default.json is the built-in default: the same bytes */
	ctl_timeline *tl = make_timeline(40, 8, 7);
	char *a, *b;
	size_t la, lb;
	assert_int_equal(ctl_style_load(&st, STYLES_DIR "/default.json", &err), 0);
	assert_int_equal(ctl_render_timeline(&a, &la, tl, NULL, "svg", NULL, &err), 0);
	assert_int_equal(ctl_render_timeline(&b, &lb, tl, st, "svg", NULL, &err), 0);
	assert_int_equal(la, lb);
	assert_memory_equal(a, b, la);
	free(a);
	free(b);
	assert_int_equal(ctl_render_graph(&a, &la, tl, NULL, "svg", NULL, &err), 0);
	assert_int_equal(ctl_render_graph(&b, &lb, tl, st, "svg", NULL, &err), 0);
	assert_int_equal(la, lb);
	assert_memory_equal(a, b, la);
	free(a);
	free(b);
	ctl_style_free(st);
	/* a style changes the drawing */
	assert_int_equal(ctl_style_load(&st, "dark", &err), 0);
	assert_int_equal(ctl_render_timeline(&a, &la, tl, st, "svg", NULL, &err), 0);
	assert_non_null(strstr(a, "#1e1e1e"));
	free(a);
	ctl_style_free(st);
	ctl_timeline_free(tl);

	/* validation: the key and the file are named */
	struct { const char *json, *msg; } bad[] = {
		{ "{\"timeline\": {\"lanes\": 3}}", "t.json: unknown key 'timeline.lanes'" },
		{ "{\"colour\": {}}", "t.json: unknown key 'colour'" },
		{ "{\"font\": {\"size\": \"9\"}}", "t.json: 'font.size' must be a number" },
		{ "{\"font\": {\"size\": 0}}", "t.json: 'font.size' must be between" },
		{ "{\"timeline\": {\"max_lanes\": 2.5}}", "t.json: 'timeline.max_lanes' must be a whole number" },
		{ "{\"timeline\": {\"show_actors\": 1}}", "t.json: 'timeline.show_actors' must be true or false" },
		{ "{\"colors\": {\"text\": \"red\"}}", "t.json: 'colors.text' must be a colour" },
		{ "{\"colors\": {\"text\": \"#12345\\\"\"}}", "t.json: 'colors.text' must be a colour" },
		{ "{\"font\": {\"family\": \"Evil\\\" font\"}}", "t.json: 'font.family' must be a font family name" },
		{ "{\"event_types\": {\"meeting\": {\"colour\": \"#000000\"}}}", "t.json: unknown key 'event_types.meeting.colour'" },
		{ "{\"event_types\": {\"meeting\": {\"shape\": \"blob\"}}}", "t.json: 'event_types.meeting.shape'" },
		{ "{\"event_types\": {\"Bad Name\": {}}}", "t.json: 'event_types.Bad Name': a type name" },
		{ "{\"actor_types\": {\"robot\": {}}}", "t.json: unknown key 'actor_types.robot'" },
		{ "{\"graph\": []}", "t.json: 'graph' must be an object" },
		{ "[1]", "t.json: a style is a JSON object" },
		{ "{\"font\": ", "t.json: invalid JSON" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ctl_error_clear(&err);
		st = NULL;
		int rc = ctl_style_parse(&st, "t.json", bad[i].json, strlen(bad[i].json), &err);
		assert_int_equal(rc, CTL_EDATA);
		assert_null(st);
		if (!strstr(err.msg, bad[i].msg))
			fail_msg("%s: got '%s', wanted '%s'", bad[i].json, err.msg, bad[i].msg);
	}
	/* a partial style overrides only what it names */
	const char *part = "{\"colors\": {\"axis\": \"#ff0000\"}, \"event_types\": {\"rally\": {\"color\": \"#00ff00\"}}}";
	assert_int_equal(ctl_style_parse(&st, "p.json", part, strlen(part), &err), 0);
	ctl_style_free(st);

	/* not found, by name; a bad name */
	assert_int_equal(ctl_style_load(&st, "no-such-style", &err), CTL_ENOTFOUND);
	assert_non_null(strstr(err.msg, "style 'no-such-style' not found"));
	assert_int_equal(ctl_style_load(&st, "../etc", &err), CTL_ENOTFOUND);
	assert_int_equal(ctl_style_load(&st, "a b", &err), CTL_EINVAL);

	/* $CTIMELINE_STYLES_DIR comes first */
	char dir[] = "/tmp/ctl_styles_XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[128];
	snprintf(path, sizeof(path), "%s/print.json", dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("{\"font\": {\"size\": \"big\"}}", f);
	fclose(f);
	setenv("CTIMELINE_STYLES_DIR", dir, 1);
	assert_int_equal(ctl_style_load(&st, "print", &err), CTL_EDATA);
	assert_non_null(strstr(err.msg, path));
	assert_non_null(strstr(err.msg, "'font.size' must be a number"));
	unsetenv("CTIMELINE_STYLES_DIR");
	unlink(path);
	rmdir(dir);
}

static void test_errors_and_limits(void **state)
{
	(void)state;
	ctl_timeline *tl = make_timeline(10, 4, 8);
	char *out = (char *)1;
	size_t len;
	ctl_error err;
	ctl_error_clear(&err);
	assert_int_equal(ctl_render_timeline(&out, &len, tl, NULL, "gif", NULL, &err), CTL_EINVAL);
	assert_null(out);
	assert_non_null(strstr(err.msg, "unknown output format 'gif'"));
	ctl_render_options o = { .engine = "frobnicate" };
	assert_int_equal(ctl_render_graph(&out, &len, tl, NULL, "svg", &o, &err), CTL_EINVAL);
	assert_non_null(strstr(err.msg, "unknown layout engine"));
	ctl_timeline_free(tl);

	/* dot is refused a graph above its limit, before any layout */
	tl = make_timeline(3200, 0, 9);
	o.engine = "dot";
	assert_int_equal(ctl_render_graph(&out, &len, tl, NULL, "svg", &o, &err), CTL_ELIMIT);
	assert_non_null(strstr(err.msg, "dot is limited to 3000"));
	ctl_timeline_free(tl);

	/* nothing to draw is still a drawing */
	tl = ctl_timeline_new();
	for (int v = CTL_VIEW_TIMELINE; v <= CTL_VIEW_ACTORS; v++) {
		ctl_render_output outs[2] = { { "svg", NULL, 0 }, { "png", NULL, 0 } };
		assert_int_equal(ctl_render_view(tl, (ctl_view)v, NULL, NULL, outs, 2, &err), 0);
		assert_null(xml_wellformed(outs[0].data));
		free(outs[0].data);
		free(outs[1].data);
	}
	ctl_timeline_free(tl);
}

/* PNG width and height from the IHDR chunk. */
static void png_size(const char *png, unsigned *w, unsigned *h)
{
	const unsigned char *p = (const unsigned char *)png + 16;
	*w = (unsigned)p[0] << 24 | (unsigned)p[1] << 16 | (unsigned)p[2] << 8 | p[3];
	*h = (unsigned)p[4] << 24 | (unsigned)p[5] << 16 | (unsigned)p[6] << 8 | p[7];
}

static void test_png_size(void **state)
{
	(void)state;
	ctl_timeline *tl = make_timeline(30, 5, 10);
	ctl_error err;
	ctl_error_clear(&err);
	char *png;
	size_t len;
	unsigned w1, h1, w2, h2;
	ctl_render_options o = { .dpi = 72 };
	assert_int_equal(ctl_render_timeline(&png, &len, tl, NULL, "png", &o, &err), 0);
	png_size(png, &w1, &h1);
	free(png);
	o.dpi = 144;
	assert_int_equal(ctl_render_timeline(&png, &len, tl, NULL, "png", &o, &err), 0);
	png_size(png, &w2, &h2);
	free(png);
	assert_true(w2 >= 2 * w1 - 2 && w2 <= 2 * w1 + 2);
	ctl_timeline_free(tl);

	/* a very wide timeline stays under Graphviz's 32,767-pixel limit:
	 * 20,000 pt at 300 dpi would be 83,000 pixels */
	tl = make_timeline(12, 5, 11);
	const char *wide = "{\"page\": {\"width\": 20000}, \"timeline\": {\"max_day_width\": 10000}}";
	ctl_style *st;
	assert_int_equal(ctl_style_parse(&st, "wide.json", wide, strlen(wide), &err), 0);
	o.dpi = 300;
	assert_int_equal(ctl_render_timeline(&png, &len, tl, st, "png", &o, &err), 0);
	png_size(png, &w1, &h1);
	assert_true(w1 > 30000 && w1 <= 32767 && h1 <= 32767);
	free(png);
	ctl_style_free(st);
	ctl_timeline_free(tl);
}

/* ctl_gv_num writes what "%.2f" writes (trailing zeros dropped, "-0" as
 * "0"), on its fast path and off it: halves (0.125 is a tie printf
 * rounds to even), near-halves on both sides, negatives, numbers past
 * the fast path's bound, and 900,000 random coordinates and their neighbours. */
static void gv_num_same(double v)
{
	ctl_buf fast, ref;
	ctl_buf_init(&fast);
	ctl_buf_init(&ref);
	ctl_gv_num(&fast, v);
	ctl_gv_num_printf(&ref, v);
	if (fast.len != ref.len || memcmp(fast.ptr, ref.ptr, fast.len))
		fail_msg("%.17g: '%.*s', printf '%.*s'", v, (int)fast.len, fast.ptr,
			(int)ref.len, ref.ptr);
	ctl_buf_release(&fast);
	ctl_buf_release(&ref);
}

static void test_gv_num_matches_printf(void **state)
{
	(void)state;
	static const double edge[] = {
		0, -0.0, 0.001, -0.001, 0.004999, 0.005, -0.005, 0.015, 0.125, -0.125, 0.375,
		1.005, 2.675, 10, 10.1, 10.10, 99.995, 99.994999, 100, -100.5, 1234.5678,
		9999999.994, 9999999.995, 1e7, -1e7, 1e7 + 0.125, 3e12, -4.5e15, 1e300,
		NAN, INFINITY, -INFINITY,
	};
	for (size_t i = 0; i < sizeof(edge) / sizeof(edge[0]); i++)
		gv_num_same(edge[i]);
	unsigned long long x = 0x9E3779B97F4A7C15ull;
	for (int i = 0; i < 300000; i++) {
		x ^= x >> 12;
		x ^= x << 25;
		x ^= x >> 27;
		unsigned long long r = x * 2685821657736338717ull;
		double u = (double)(r >> 11) / 9007199254740992.0; /* [0, 1) */
		double v;
		switch (i % 4) {
		case 0: v = (u - 0.5) * 2e7; break;                      /* anywhere */
		case 1: v = (u - 0.5) * 2e4; break;                      /* diagram sizes */
		case 2: v = (double)(long)((u - 0.5) * 2e8) / 1000; break; /* x.xx5 near-halves */
		default: v = (double)(long)((u - 0.5) * 4e6) / 200 + 0.005; break; /* halves */
		}
		gv_num_same(v);
		gv_num_same(nextafter(v, INFINITY));
		gv_num_same(nextafter(v, -INFINITY));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_x_order_follows_dates),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_sfdp_owns_its_random_numbers),
		cmocka_unit_test(test_ids_and_classes),
		cmocka_unit_test(test_styles),
		cmocka_unit_test(test_errors_and_limits),
		cmocka_unit_test(test_png_size),
		cmocka_unit_test(test_gv_num_matches_printf),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
