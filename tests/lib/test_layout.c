/* layout.c: the pure geometry of the renderers. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "helpers.h"
#include "layout.h"
#include "util.h"

static ctl_day D(int y, int m, int d) { return ctl_day_from_ymd(y, m, d); }

/* A small deterministic generator (the tests must not depend on rand()). */
static unsigned long long seed_state;
static unsigned rnd(unsigned n)
{
	seed_state = seed_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)(seed_state >> 33) % n;
}

/* ---- text ------------------------------------------------------------------ */

static void test_text_width(void **state)
{
	(void)state;
	double w4 = ctl_lay_text_width("2017", 4, 10);
	/* four digits of DejaVu Sans at 10 pt: 4 * 6.36 pt, plus the margin */
	assert_true(w4 > 25.4 && w4 < 27);
	assert_true(ctl_lay_text_width("iiii", 4, 10) < ctl_lay_text_width("MMMM", 4, 10));
	assert_true(ctl_lay_text_width("abc", 3, 20) > 1.9 * ctl_lay_text_width("abc", 3, 10));
	/* non-ASCII counts by character, not by byte */
	double cyr = ctl_lay_text_width("\xd0\x9f\xd1\x83\xd1\x82\xd0\xb8\xd0\xbd", 10, 10); /* Путин */
	assert_true(cyr > 30 && cyr < 45);
	double cjk = ctl_lay_text_width("\xe6\x99\xae\xe4\xba\xac", 6, 10); /* 普京 */
	assert_true(cjk >= 20 && cjk < 22);
	/* invalid bytes do not crash and count as one character each */
	assert_true(ctl_lay_text_width("\xff\xfe", 2, 10) > 5);
	assert_true(ctl_lay_line_height(10) >= 10);
}

static void test_wrap(void **state)
{
	(void)state;
	ctl_buf b = CTL_BUF_INIT;
	double w;
	assert_int_equal(ctl_lay_wrap(&b, "Short", 5, 9, 150, 2, &w), 1);
	assert_string_equal(b.ptr, "Short");
	assert_true(w > 0 && w < 150);

	ctl_buf_clear(&b);
	const char *s = "Putin and Trump meet on the sidelines of the G20 summit in Hamburg "
		"and agree to set up a bilateral working group on information security";
	int lines = ctl_lay_wrap(&b, s, strlen(s), 9, 150, 2, &w);
	assert_int_equal(lines, 2);
	assert_true(w <= 150);
	char *nl = strchr(b.ptr, '\n');
	assert_non_null(nl);
	assert_true(ctl_lay_text_width(b.ptr, (size_t)(nl - b.ptr), 9) <= 150);
	assert_true(ctl_lay_text_width(nl + 1, strlen(nl + 1), 9) <= 150);
	/* the cut is marked */
	assert_non_null(strstr(b.ptr, "\xe2\x80\xa6"));
	assert_memory_equal(b.ptr, "Putin and Trump meet on the", 27);

	/* whitespace folds; blank text gives no line */
	ctl_buf_clear(&b);
	assert_int_equal(ctl_lay_wrap(&b, "  a\t\n b  ", 9, 9, 150, 2, NULL), 1);
	assert_string_equal(b.ptr, "a b");
	ctl_buf_clear(&b);
	assert_int_equal(ctl_lay_wrap(&b, " \n\t ", 4, 9, 150, 2, NULL), 0);
	assert_string_equal(b.ptr, "");

	/* a word longer than a line is cut at a character boundary, and the
	 * result stays valid UTF-8 */
	ctl_buf_clear(&b);
	char longword[400] = "";
	for (int i = 0; i < 60; i++)
		strcat(longword, "\xd0\xb4"); /* д */
	lines = ctl_lay_wrap(&b, longword, strlen(longword), 9, 60, 3, &w);
	assert_int_equal(lines, 3);
	assert_true(w <= 60);
	for (size_t i = 0; i < b.len;) {
		if (b.ptr[i] == '\n') {
			i++;
			continue;
		}
		size_t k = ctl_utf8_seq_len((const unsigned char *)b.ptr + i, b.len - i);
		assert_true(k > 0);
		i += k;
	}
	ctl_buf_release(&b);
}

/* ---- the axis ---------------------------------------------------------------- */

static void test_gap_threshold(void **state)
{
	(void)state;
	/* a short span: the minimum wins */
	assert_int_equal(ctl_lay_gap_threshold(D(2017, 1, 1), D(2017, 6, 30), 180, 0.1), 180);
	/* a long span: the fraction wins (ceil of 10% of 7,305 days) */
	assert_int_equal(ctl_lay_gap_threshold(D(2000, 1, 1), D(2019, 12, 31), 180, 0.1), 731);
}

static void test_axis_segments(void **state)
{
	(void)state;
	/* 2016-2018 and 2021-2022, gaps inside of 486 and 639 days, between
	 * of 821: with a threshold of 700 days, two segments */
	ctl_day lo[] = { D(2021, 3, 1), D(2016, 2, 1), D(2017, 6, 1), D(2018, 11, 30), D(2022, 12, 1), D(2017, 6, 3) };
	ctl_day hi[] = { D(2021, 3, 1), D(2016, 2, 1), D(2017, 8, 1), D(2018, 11, 30), D(2022, 12, 1), D(2017, 6, 3) };
	ctl_lay_axis ax;
	ctl_lay_axis_build(&ax, lo, hi, 6, 180);
	assert_int_equal(ax.nsegs, 5); /* every gap is longer than 180 days */
	ctl_lay_axis_release(&ax);
	ctl_lay_axis_build(&ax, lo, hi, 6, 700);
	assert_int_equal(ax.nsegs, 2);
	assert_int_equal(ax.segs[0].first, D(2016, 2, 1));
	assert_int_equal(ax.segs[0].last, D(2018, 11, 30));
	assert_int_equal(ax.segs[1].first, D(2021, 3, 1));
	assert_int_equal(ax.segs[1].last, D(2022, 12, 1));
	ctl_lay_axis_place(&ax, 10, 0.5, 7, 26);
	/* linear inside a segment */
	double x1 = ctl_lay_axis_x(&ax, D(2017, 1, 1)), x2 = ctl_lay_axis_x(&ax, D(2017, 1, 2));
	assert_true(fabs((x2 - x1) - 0.5) < 1e-9);
	assert_true(fabs((ctl_lay_axis_x(&ax, D(2018, 1, 1)) - x1) - 365 * 0.5) < 1e-9);
	/* the first day starts after the padding; the break is brk wide */
	assert_true(fabs(ctl_lay_axis_x(&ax, D(2016, 2, 1)) - 17) < 1e-9);
	assert_true(fabs(ax.segs[1].x0 - ax.segs[0].x1 - 26) < 1e-9);
	/* a day in the gap maps into the break, between the segments */
	double g = ctl_lay_axis_x(&ax, D(2020, 1, 1));
	assert_true(g > ax.segs[0].x1 && g < ax.segs[1].x0);
	assert_int_equal(ctl_lay_axis_segment(&ax, D(2020, 1, 1)), -1);
	assert_int_equal(ctl_lay_axis_segment(&ax, D(2021, 5, 1)), 1);
	/* x grows with the date everywhere */
	double prev = -1;
	for (ctl_day d = D(2015, 12, 1); d < D(2023, 2, 1); d += 7) {
		double x = ctl_lay_axis_x(&ax, d);
		assert_true(x >= prev);
		prev = x;
	}
	assert_int_equal(ctl_lay_axis_days(&ax),
		(D(2018, 11, 30) - D(2016, 2, 1) + 1) + (D(2022, 12, 1) - D(2021, 3, 1) + 1));
	ctl_lay_axis_release(&ax);

	/* a gap at the threshold is kept, one day more is a break */
	ctl_day l2[] = { 0, 181 }, h2[] = { 0, 181 };
	ctl_lay_axis_build(&ax, l2, h2, 2, 180);
	assert_int_equal(ax.nsegs, 1);
	ctl_lay_axis_release(&ax);
	ctl_day l3[] = { 0, 182 }, h3[] = { 0, 182 };
	ctl_lay_axis_build(&ax, l3, h3, 2, 180);
	assert_int_equal(ax.nsegs, 2);
	ctl_lay_axis_release(&ax);
}

/* ---- ticks --------------------------------------------------------------------- */

static void check_ticks(const ctl_lay_tick *t, size_t n, const ctl_lay_axis *ax, double gap)
{
	for (size_t i = 0; i + 1 < n; i++)
		assert_true(t[i].x + t[i].w / 2 + gap <= t[i + 1].x - t[i + 1].w / 2 + 1e-9);
	for (size_t i = 0; i < n; i++) {
		assert_true(ctl_lay_axis_segment(ax, t[i].day) >= 0);
		assert_true(t[i].w > 0 && strlen(t[i].label) > 0);
	}
}

static void test_ticks(void **state)
{
	(void)state;
	ctl_day lo[] = { D(2016, 1, 10), D(2021, 2, 1) }, hi[] = { D(2018, 12, 20), D(2022, 11, 30) };
	ctl_lay_axis ax;
	ctl_lay_axis_build(&ax, lo, hi, 2, 180);
	struct { double scale; ctl_lay_unit_kind kind; int step; } cases[] = {
		{ 0.02, CTL_LAY_YEAR, 5 },     /* 7 pt a year: five-year ticks at most */
		{ 0.1, CTL_LAY_YEAR, 1 },      /* 36 pt a year */
		{ 0.5, CTL_LAY_MONTH, 3 },     /* 15 pt a month: quarters */
		{ 2, CTL_LAY_MONTH, 1 },       /* 60 pt a month */
		{ 12, CTL_LAY_DAY, 7 },        /* 12 pt a day: weeks */
		{ 60, CTL_LAY_DAY, 1 },        /* 60 pt a day */
	};
	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		ctl_lay_axis_place(&ax, 0, cases[c].scale, 7, 26);
		ctl_lay_tick *t;
		ctl_lay_unit u;
		size_t n = ctl_lay_ticks(&t, &u, &ax, 7.5, 8);
		assert_true(n > 0);
		if (cases[c].step == 5)
			assert_true(u.kind == CTL_LAY_YEAR && u.step >= 2);
		else {
			assert_int_equal(u.kind, cases[c].kind);
			assert_int_equal(u.step, cases[c].step);
		}
		check_ticks(t, n, &ax, 8);
		free(t);
	}
	ctl_lay_axis_release(&ax);

	/* a one-day segment without a regular tick gets its start labelled */
	ctl_day l2[] = { D(2016, 3, 5), D(2022, 1, 27) }, h2[] = { D(2018, 3, 5), D(2022, 1, 27) };
	ctl_lay_axis_build(&ax, l2, h2, 2, 180);
	ctl_lay_axis_place(&ax, 0, 0.3, 7, 26);
	ctl_lay_tick *t;
	size_t n = ctl_lay_ticks(&t, NULL, &ax, 7.5, 8);
	assert_true(n >= 2);
	assert_true(t[n - 1].segment_start);
	assert_int_equal(t[n - 1].day, D(2022, 1, 27));
	check_ticks(t, n, &ax, 8);
	free(t);
	ctl_lay_axis_release(&ax);
}

static void test_units(void **state)
{
	(void)state;
	ctl_lay_unit month = { CTL_LAY_MONTH, 1 }, quarter = { CTL_LAY_MONTH, 3 },
		half = { CTL_LAY_MONTH, 6 }, year5 = { CTL_LAY_YEAR, 5 }, week = { CTL_LAY_DAY, 7 },
		day = { CTL_LAY_DAY, 1 }, year = { CTL_LAY_YEAR, 1 };
	assert_int_equal(ctl_lay_unit_ceil(D(2017, 7, 12), month), D(2017, 8, 1));
	assert_int_equal(ctl_lay_unit_ceil(D(2017, 7, 1), month), D(2017, 7, 1));
	assert_int_equal(ctl_lay_unit_ceil(D(2017, 12, 2), month), D(2018, 1, 1));
	assert_int_equal(ctl_lay_unit_ceil(D(2017, 5, 2), quarter), D(2017, 7, 1));
	assert_int_equal(ctl_lay_unit_ceil(D(2017, 7, 2), half), D(2018, 1, 1));
	assert_int_equal(ctl_lay_unit_ceil(D(2016, 1, 2), year5), D(2020, 1, 1));
	assert_int_equal(ctl_lay_unit_ceil(D(2017, 1, 1), year), D(2017, 1, 1));
	assert_int_equal(ctl_lay_unit_ceil(D(1960, 3, 1), year), D(1961, 1, 1));
	assert_int_equal(ctl_lay_unit_ceil(D(1969, 11, 15), month), D(1969, 12, 1));
	/* weeks start on Monday (2017-07-12 is a Wednesday), before 1970 too */
	assert_int_equal(ctl_lay_unit_ceil(D(2017, 7, 12), week), D(2017, 7, 17));
	assert_int_equal(ctl_day_weekday(ctl_lay_unit_ceil(D(1955, 5, 5), week)), 1);
	assert_int_equal(ctl_lay_unit_ceil(D(2017, 7, 12), day), D(2017, 7, 12));

	char b[24];
	ctl_lay_tick_label(b, D(2017, 7, 1), month);
	assert_string_equal(b, "Jul 2017");
	ctl_lay_tick_label(b, D(2017, 7, 1), quarter);
	assert_string_equal(b, "Q3 2017");
	ctl_lay_tick_label(b, D(2017, 7, 1), half);
	assert_string_equal(b, "H2 2017");
	ctl_lay_tick_label(b, D(2020, 1, 1), year5);
	assert_string_equal(b, "2020");
	ctl_lay_tick_label(b, D(2017, 7, 12), day);
	assert_string_equal(b, "2017-07-12");
}

/* ---- lanes --------------------------------------------------------------------- */

/* No two labels overlap: same lane means disjoint in x (with hgap); on the
 * same side, labels overlapping in x are in lanes whose y ranges are disjoint. */
static void check_no_overlap(const ctl_lay_label *l, size_t n, double hgap)
{
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++) {
			bool xover = l[i].x < l[j].x + l[j].w + hgap - 1e-9 && l[j].x < l[i].x + l[i].w + hgap - 1e-9;
			if (!xover)
				continue;
			assert_true(l[i].lane != l[j].lane);
			if (ctl_lay_lane_above(l[i].lane) != ctl_lay_lane_above(l[j].lane))
				continue;
			bool yover = l[i].y < l[j].y + l[j].h && l[j].y < l[i].y + l[i].h;
			assert_false(yover);
		}
}

static void test_lanes_dense_random(void **state)
{
	(void)state;
	seed_state = 7;
	size_t n = 1500;
	ctl_lay_label *l = calloc(n, sizeof(*l));
	for (size_t i = 0; i < n; i++) {
		l[i].x = rnd(2000);
		l[i].w = 20 + rnd(150);
		l[i].h = 12 + rnd(40);
	}
	size_t nl = ctl_lay_lanes_assign(l, n, 6);
	assert_true(nl > 10);
	double above, below;
	ctl_lay_lanes_place(l, n, nl, 5, 10, 20, &above, &below);
	check_no_overlap(l, n, 6);
	for (size_t i = 0; i < n; i++) {
		assert_true(l[i].lane < nl);
		assert_true(l[i].y >= (ctl_lay_lane_above(l[i].lane) ? 10 : 20));
		assert_true(l[i].y + l[i].h <= (ctl_lay_lane_above(l[i].lane) ? above : below) + 1e-9);
	}
	/* the first lane is above, the second below */
	assert_true(ctl_lay_lane_above(0) && !ctl_lay_lane_above(1));
	free(l);
}

static void test_lanes_same_x(void **state)
{
	(void)state;
	/* ten labels at one x: ten lanes, alternating sides */
	ctl_lay_label l[10];
	for (int i = 0; i < 10; i++)
		l[i] = (ctl_lay_label){ .x = 100, .w = 50, .h = 10 };
	assert_int_equal(ctl_lay_lanes_assign(l, 10, 4), 10);
	for (int i = 0; i < 10; i++)
		assert_int_equal(l[i].lane, (size_t)i); /* input order breaks the tie */
	ctl_lay_lanes_place(l, 10, 10, 2, 5, 5, NULL, NULL);
	check_no_overlap(l, 10, 4);
	/* labels far apart share the first lane */
	ctl_lay_label m[3] = { { .x = 0, .w = 50, .h = 10 }, { .x = 60, .w = 50, .h = 10 }, { .x = 120, .w = 5, .h = 10 } };
	assert_int_equal(ctl_lay_lanes_assign(m, 3, 6), 1);
}

/* ---- the whole timeline ---------------------------------------------------------- */

static ctl_lay_params params(void)
{
	ctl_lay_params p = {
		.width = 500, .max_width = 100000, .max_scale = 40, .pad = 7, .brk = 26,
		.min_gap_days = 180, .gap_fraction = 0.1, .max_lanes = 5, .hgap = 6, .vgap = 6,
		.clear = 10, .tick_band = 13, .marker_step = 5.6, .marker_w = 8, .max_stack = 8,
		.tick_size = 7.5, .tick_gap = 8, .undated_w = 0,
	};
	return p;
}

/* Label boxes as signed rectangles around the axis; none may overlap. */
static void check_timeline(const ctl_lay_event *ev, size_t n, const ctl_lay_timeline *t, double hgap)
{
	ctl_lay_label *l = calloc(n ? n : 1, sizeof(*l));
	for (size_t i = 0; i < n; i++) {
		l[i].x = ev[i].bx;
		l[i].w = ev[i].bw;
		l[i].h = ev[i].h;
		l[i].lane = ev[i].lane;
		l[i].y = ev[i].y;
		/* the label covers its marker's x and its span */
		assert_true(ev[i].bx <= ev[i].x0 + 1e-9);
		assert_true(ev[i].bx + ev[i].bw >= ev[i].x1 - 1e-9);
		assert_true(ev[i].lx >= ev[i].bx - 1e-9 && ev[i].lx + ev[i].w <= ev[i].bx + ev[i].bw + 1e-9);
		/* labels below clear the tick labels, labels above the stacked markers */
		if (ctl_lay_lane_above(ev[i].lane))
			assert_true(ev[i].y >= t->clear_above - 1e-9);
		else
			assert_true(ev[i].y >= t->clear_below - 1e-9);
		assert_true(ev[i].bx >= t->left - 1e-9 && ev[i].bx + ev[i].bw <= t->right + 1e-9);
	}
	check_no_overlap(l, n, hgap);
	free(l);
	for (size_t i = 0; i + 1 < t->nticks; i++)
		assert_true(t->ticks[i].x + t->ticks[i].w / 2 < t->ticks[i + 1].x - t->ticks[i + 1].w / 2);
}

/* Events in 2016-2018 and 2021-2022, dense days, spans, undated ones. */
static ctl_lay_event *random_events(size_t n, unsigned long long seed)
{
	seed_state = seed;
	ctl_lay_event *ev = calloc(n, sizeof(*ev));
	ctl_day a0 = D(2016, 1, 1), b0 = D(2021, 1, 1);
	for (size_t i = 0; i < n; i++) {
		unsigned r = rnd(100);
		ctl_day d = r < 15 ? D(2017, 7, 7) + (ctl_day)rnd(2) :
			r < 70 ? a0 + (ctl_day)rnd(3 * 365) : b0 + (ctl_day)rnd(2 * 365);
		ev[i].lo = d;
		ev[i].hi = r % 7 == 0 ? d + 1 + (ctl_day)rnd(120) : d;
		if (r == 99)
			ev[i].lo = ev[i].hi = CTL_DAY_NONE;
		ev[i].w = 40 + rnd(120);
		ev[i].h = 24 + rnd(3) * 11;
	}
	return ev;
}

static void test_timeline_layout(void **state)
{
	(void)state;
	size_t ns[] = { 1, 12, 300, 3000 };
	for (size_t c = 0; c < sizeof(ns) / sizeof(ns[0]); c++) {
		size_t n = ns[c];
		ctl_lay_event *ev = random_events(n, 100 + c);
		ctl_lay_params p = params();
		ctl_lay_timeline t;
		ctl_lay_timeline_compute(&t, ev, n, &p);
		check_timeline(ev, n, &t, p.hgap);
		/* the axis never passes max_width */
		if (t.axis.nsegs)
			assert_true(t.axis.segs[t.axis.nsegs - 1].x1 - t.axis.segs[0].x0 <= p.max_width + 1);
		/* x follows the date: a later day never lies left of an earlier one */
		for (size_t i = 0; i < n; i++)
			for (size_t j = 0; j < n && n <= 300; j++)
				if (!ev[i].undated && !ev[j].undated && ev[i].lo < ev[j].lo)
					assert_true(ev[i].x0 < ev[j].x0);
		if (n >= 300) {
			/* both periods are there, with a break between */
			assert_int_equal(t.axis.nsegs, 2);
			assert_true(t.nlanes >= 2);
		}
		ctl_lay_timeline_release(&t);
		free(ev);
	}
}

static void test_timeline_stacking(void **state)
{
	(void)state;
	/* five events on one day: five stack levels, above the axis, in lane order */
	ctl_lay_event ev[6];
	memset(ev, 0, sizeof(ev));
	for (int i = 0; i < 5; i++) {
		ev[i].lo = ev[i].hi = D(2017, 7, 7);
		ev[i].w = 100;
		ev[i].h = 30;
	}
	ev[5].lo = ev[5].hi = D(2017, 12, 1);
	ev[5].w = 100;
	ev[5].h = 30;
	ctl_lay_params p = params();
	ctl_lay_timeline t;
	ctl_lay_timeline_compute(&t, ev, 6, &p);
	int seen = 0;
	for (int i = 0; i < 5; i++) {
		assert_true(ev[i].stack >= 0 && ev[i].stack < 5);
		seen |= 1 << ev[i].stack;
		assert_true(ev[i].x0 == ev[0].x0);
	}
	assert_int_equal(seen, 0x1f);
	assert_int_equal(ev[5].stack, 0);
	assert_true(t.clear_above >= p.clear + 4 * p.marker_step - 1e-9);
	check_timeline(ev, 6, &t, p.hgap);
	ctl_lay_timeline_release(&t);
}

static void test_timeline_scale_limits(void **state)
{
	(void)state;
	ctl_lay_params p = params();
	ctl_lay_timeline t;
	/* two events a day apart: the scale stops at max_scale */
	ctl_lay_event ev[2] = { { .lo = 100, .hi = 100, .w = 50, .h = 20 }, { .lo = 101, .hi = 101, .w = 50, .h = 20 } };
	ctl_lay_timeline_compute(&t, ev, 2, &p);
	assert_true(t.axis.scale <= p.max_scale + 1e-9);
	assert_true(ev[1].x0 - ev[0].x0 <= p.max_scale + 1e-9);
	ctl_lay_timeline_release(&t);
	/* no events: nothing placed, no crash */
	ctl_lay_timeline_compute(&t, NULL, 0, &p);
	assert_int_equal(t.axis.nsegs, 0);
	assert_int_equal(t.nticks, 0);
	ctl_lay_timeline_release(&t);
	/* only undated events: a block of labels, no axis */
	ctl_lay_event u[3];
	for (int i = 0; i < 3; i++)
		u[i] = (ctl_lay_event){ .lo = CTL_DAY_NONE, .hi = CTL_DAY_NONE, .w = 60, .h = 20 };
	ctl_lay_timeline_compute(&t, u, 3, &p);
	assert_false(t.has_dated);
	assert_true(t.undated_x >= 0);
	for (int i = 0; i < 3; i++)
		assert_true(u[i].undated);
	check_timeline(u, 3, &t, p.hgap);
	ctl_lay_timeline_release(&t);
	/* very dense: the axis lengthens up to max_width, then lanes grow */
	size_t n = 2000;
	ctl_lay_event *d = calloc(n, sizeof(*d));
	for (size_t i = 0; i < n; i++)
		d[i] = (ctl_lay_event){ .lo = 1000 + (ctl_day)(i % 10), .hi = 1000 + (ctl_day)(i % 10), .w = 120, .h = 20 };
	p.max_width = 5000;
	ctl_lay_timeline_compute(&t, d, n, &p);
	assert_true(t.axis.segs[0].x1 - t.axis.segs[0].x0 <= p.max_width + 1);
	assert_true(t.nlanes > 10);
	check_timeline(d, n, &t, p.hgap);
	ctl_lay_timeline_release(&t);
	/* all on one day: a longer axis would not help, so it stays short */
	for (size_t i = 0; i < n; i++)
		d[i] = (ctl_lay_event){ .lo = 1000, .hi = 1000, .w = 120, .h = 20 };
	p.max_width = 100000;
	ctl_lay_timeline_compute(&t, d, n, &p);
	assert_true(t.axis.segs[0].x1 - t.axis.segs[0].x0 <= 2 * p.width);
	assert_int_equal(t.nlanes, n);
	check_timeline(d, n, &t, p.hgap);
	ctl_lay_timeline_release(&t);
	free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_width),
		cmocka_unit_test(test_wrap),
		cmocka_unit_test(test_gap_threshold),
		cmocka_unit_test(test_axis_segments),
		cmocka_unit_test(test_ticks),
		cmocka_unit_test(test_units),
		cmocka_unit_test(test_lanes_dense_random),
		cmocka_unit_test(test_lanes_same_x),
		cmocka_unit_test(test_timeline_layout),
		cmocka_unit_test(test_timeline_stacking),
		cmocka_unit_test(test_timeline_scale_limits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
