/* Pure geometry for the renderers (see layout.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "layout.h"
#include "util.h"

/* ---- text metrics --------------------------------------------------------- */

/*
 * Advance widths of DejaVu Sans (Book) for ASCII 32..126, in 1/1000 em,
 * read from the hmtx table of /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
 * (fonts-dejavu-core 2.37), the font every style names.
 */
static const unsigned short dejavu_ascii[95] = {
	317, 400, 459, 837, 636, 950, 779, 274, 390, 390, 500, 837, 317, 360, 317, 336,
	636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 336, 336, 837, 837, 837, 530,
	1000, 684, 686, 698, 770, 631, 575, 774, 751, 294, 294, 655, 557, 862, 748, 787,
	603, 787, 694, 634, 610, 731, 684, 988, 685, 610, 685, 390, 336, 390, 837, 500,
	500, 612, 634, 549, 634, 615, 352, 634, 633, 277, 277, 579, 277, 974, 633, 611,
	634, 634, 411, 520, 392, 633, 591, 817, 591, 591, 524, 636, 336, 636, 837
};

/* Width of one code point in 1/1000 em: exact for ASCII, by script elsewhere
 * (measured averages of DejaVu Sans, rounded up). */
static unsigned cp_width(uint32_t c)
{
	if (c >= 32 && c < 127)
		return dejavu_ascii[c - 32];
	if (c < 32 || c == 127)
		return 0;
	if (c >= 0x300 && c < 0x370)             /* combining marks */
		return 0;
	if (c == 0xB7)                           /* middle dot */
		return 318;
	if (c == 0x2013)                         /* en dash */
		return 500;
	if (c >= 0x2018 && c <= 0x201F)          /* curly quotes */
		return 520;
	if (c < 0x250)                           /* Latin-1, Latin Extended */
		return 700;
	if (c >= 0x370 && c < 0x530)             /* Greek, Cyrillic */
		return 760;
	if ((c >= 0x1100 && c < 0x1200) || (c >= 0x2E80 && c < 0xA4D0) ||
	    (c >= 0xAC00 && c < 0xD7B0) || (c >= 0xF900 && c < 0xFB00) ||
	    (c >= 0xFE30 && c < 0xFE50) || (c >= 0xFF00 && c < 0xFF61) ||
	    c >= 0x1F000)                        /* wide: CJK, Hangul, emoji */
		return 1000;
	return 1000;                             /* other scripts, symbols, … */
}

/* Sum of the advance widths of s[0..n), in 1/1000 em. */
static unsigned long text_units(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned long total = 0;
	size_t i = 0;
	while (i < n) {
		size_t k = ctl_utf8_seq_len(p + i, n - i);
		if (k == 0) {
			total += dejavu_ascii['?' - 32];
			i++;
			continue;
		}
		total += cp_width(k == 1 ? p[i] : ctl_utf8_decode(p + i, k));
		i += k;
	}
	return total;
}

/* Points for `units` 1/1000 em at `size`: 3% and a quarter point over the
 * font's own advances, as pango rounds each glyph's position and its
 * measure can exceed the sum slightly. */
static double units_to_pt(unsigned long units, double size)
{
	return (double)units * size / 1000.0 * 1.03 + 0.25;
}

double ctl_lay_text_width(const char *s, size_t n, double size)
{
	return units_to_pt(text_units(s, n), size);
}

double ctl_lay_line_height(double size)
{
	return size * 1.2;
}

/* Length of the character at s[0..n) (an invalid byte counts as one). */
static size_t char_len(const char *s, size_t n)
{
	size_t k = ctl_utf8_seq_len((const unsigned char *)s, n);
	return k ? k : 1;
}

/* Bytes of s[0..n) that fit in max_w, cut at a character boundary. */
static size_t fit_prefix(const char *s, size_t n, double size, double max_w)
{
	unsigned long acc = 0;
	size_t i = 0;
	while (i < n) {
		size_t k = char_len(s + i, n - i);
		unsigned long u = acc + text_units(s + i, k);
		if (units_to_pt(u, size) > max_w)
			break;
		acc = u;
		i += k;
	}
	return i;
}

static const char ELLIPSIS[] = "\xe2\x80\xa6"; /* … */

int ctl_lay_wrap(ctl_buf *out, const char *s, size_t n, double size,
		double max_w, int max_lines, double *width)
{
	/* fold whitespace and control characters into single spaces */
	ctl_buf t = CTL_BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (ctl_is_space(c) || c < 32 || c == 127) {
			if (t.len && t.ptr[t.len - 1] != ' ')
				ctl_buf_putc(&t, ' ');
		} else {
			ctl_buf_putc(&t, (char)c);
		}
	}
	while (t.len && t.ptr[t.len - 1] == ' ')
		t.ptr[--t.len] = '\0';

	double widest = 0;
	int lines = 0;
	size_t pos = 0;
	double ell = ctl_lay_text_width(ELLIPSIS, 3, size);
	if (max_lines < 1)
		max_lines = 1;
	while (pos < t.len) {
		const char *line = t.ptr + pos;
		size_t rest = t.len - pos, len = 0;
		unsigned long acc = 0;
		/* take words while they fit */
		for (;;) {
			size_t w_end = len;
			while (w_end < rest && line[w_end] == ' ')
				w_end++;
			while (w_end < rest && line[w_end] != ' ')
				w_end++;
			if (w_end == len)
				break;
			unsigned long u = acc + text_units(line + len, w_end - len);
			if (units_to_pt(u, size) > max_w)
				break;
			acc = u;
			len = w_end;
		}
		if (len == 0) /* one word longer than the line: cut it */
			len = fit_prefix(line, rest, size, max_w);
		if (len == 0) /* not even one character fits: take one anyway */
			len = char_len(line, rest);
		size_t next = pos + len;
		while (next < t.len && t.ptr[next] == ' ')
			next++;
		bool last = lines + 1 == max_lines;
		if (last && next < t.len) {
			/* out of lines: end this one with an ellipsis */
			size_t keep = fit_prefix(line, rest, size, max_w - ell);
			while (keep > 0 && line[keep - 1] == ' ')
				keep--;
			if (lines)
				ctl_buf_putc(out, '\n');
			ctl_buf_put(out, line, keep);
			ctl_buf_puts(out, ELLIPSIS);
			double w = ctl_lay_text_width(line, keep, size) + ell;
			if (w > widest)
				widest = w;
			lines++;
			break;
		}
		if (lines)
			ctl_buf_putc(out, '\n');
		ctl_buf_put(out, line, len);
		double w = ctl_lay_text_width(line, len, size);
		if (w > widest)
			widest = w;
		lines++;
		pos = next;
	}
	ctl_buf_release(&t);
	if (width)
		*width = widest;
	return lines;
}

/* ---- the time axis --------------------------------------------------------- */

ctl_day ctl_lay_gap_threshold(ctl_day first, ctl_day last, ctl_day min_gap, double fraction)
{
	double span = (double)last - (double)first + 1;
	double f = ceil(span * fraction);
	if (f > (double)INT32_MAX / 2)
		f = (double)INT32_MAX / 2;
	ctl_day g = (ctl_day)f;
	return g > min_gap ? g : min_gap;
}

typedef struct day_range {
	ctl_day lo, hi;
} day_range;

static int cmp_range(const void *a, const void *b)
{
	const day_range *x = a, *y = b;
	if (x->lo != y->lo)
		return x->lo < y->lo ? -1 : 1;
	if (x->hi != y->hi)
		return x->hi < y->hi ? -1 : 1;
	return 0;
}

void ctl_lay_axis_build(ctl_lay_axis *ax, const ctl_day *lo, const ctl_day *hi,
		size_t n, ctl_day max_gap)
{
	memset(ax, 0, sizeof(*ax));
	if (n == 0)
		return;
	day_range *r = ctl_xmalloc(n * sizeof(*r));
	for (size_t i = 0; i < n; i++) {
		r[i].lo = lo[i] <= hi[i] ? lo[i] : hi[i];
		r[i].hi = lo[i] <= hi[i] ? hi[i] : lo[i];
	}
	qsort(r, n, sizeof(*r), cmp_range);
	size_t cap = 0;
	ctl_lay_seg *cur = NULL;
	for (size_t i = 0; i < n; i++) {
		/* uncovered days between the segment so far and this range */
		if (cur && (int64_t)r[i].lo - (int64_t)cur->last - 1 <= (int64_t)max_gap) {
			if (r[i].hi > cur->last)
				cur->last = r[i].hi;
			continue;
		}
		cur = CTL_ARRAY_PUSH(ax->segs, ax->nsegs, cap);
		cur->first = r[i].lo;
		cur->last = r[i].hi;
		cur->x0 = cur->x1 = 0;
	}
	free(r);
}

void ctl_lay_axis_place(ctl_lay_axis *ax, double x0, double scale, double pad, double brk)
{
	ax->scale = scale;
	ax->pad = pad;
	ax->brk = brk;
	double x = x0;
	for (size_t i = 0; i < ax->nsegs; i++) {
		ctl_lay_seg *s = &ax->segs[i];
		if (i)
			x += brk;
		s->x0 = x;
		x += 2 * pad + ((double)s->last - s->first + 1) * scale;
		s->x1 = x;
	}
}

int64_t ctl_lay_axis_days(const ctl_lay_axis *ax)
{
	int64_t d = 0;
	for (size_t i = 0; i < ax->nsegs; i++)
		d += (int64_t)ax->segs[i].last - ax->segs[i].first + 1;
	return d;
}

long ctl_lay_axis_segment(const ctl_lay_axis *ax, ctl_day d)
{
	size_t lo = 0, hi = ax->nsegs;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ax->segs[mid].last < d)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < ax->nsegs && ax->segs[lo].first <= d)
		return (long)lo;
	return -1;
}

double ctl_lay_axis_x(const ctl_lay_axis *ax, ctl_day d)
{
	if (ax->nsegs == 0)
		return 0;
	size_t lo = 0, hi = ax->nsegs;
	while (lo < hi) { /* first segment whose last >= d */
		size_t mid = lo + (hi - lo) / 2;
		if (ax->segs[mid].last < d)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == ax->nsegs)
		return ax->segs[lo - 1].x1 - ax->pad;
	const ctl_lay_seg *s = &ax->segs[lo];
	if (d >= s->first)
		return s->x0 + ax->pad + ((double)d - s->first) * ax->scale;
	if (lo == 0)
		return s->x0 + ax->pad;
	return (ax->segs[lo - 1].x1 + s->x0) / 2;
}

void ctl_lay_axis_release(ctl_lay_axis *ax)
{
	free(ax->segs);
	memset(ax, 0, sizeof(*ax));
}

/* ---- ticks ---------------------------------------------------------------- */

static const char *const month_abbr[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};

/* From fine to coarse. */
static const ctl_lay_unit units[] = {
	{ CTL_LAY_DAY, 1 }, { CTL_LAY_DAY, 2 }, { CTL_LAY_DAY, 7 }, { CTL_LAY_DAY, 14 },
	{ CTL_LAY_MONTH, 1 }, { CTL_LAY_MONTH, 3 }, { CTL_LAY_MONTH, 6 },
	{ CTL_LAY_YEAR, 1 }, { CTL_LAY_YEAR, 2 }, { CTL_LAY_YEAR, 5 }, { CTL_LAY_YEAR, 10 },
	{ CTL_LAY_YEAR, 20 }, { CTL_LAY_YEAR, 50 }, { CTL_LAY_YEAR, 100 }, { CTL_LAY_YEAR, 200 },
	{ CTL_LAY_YEAR, 500 }, { CTL_LAY_YEAR, 1000 }
};
#define NUNITS (sizeof(units) / sizeof(units[0]))

/* The fewest days between two boundaries of u. */
static double unit_min_days(ctl_lay_unit u)
{
	switch (u.kind) {
	case CTL_LAY_DAY: return u.step;
	case CTL_LAY_MONTH: return u.step == 1 ? 28 : u.step == 3 ? 89 : 181;
	case CTL_LAY_YEAR: return floor(365.2425 * u.step) - 1;
	}
	return 1;
}

void ctl_lay_tick_label(char out[24], ctl_day d, ctl_lay_unit u)
{
	int y, m, dd;
	ctl_day_to_ymd(d, &y, &m, &dd);
	switch (u.kind) {
	case CTL_LAY_DAY:
		snprintf(out, 24, "%04d-%02d-%02d", y, m, dd);
		break;
	case CTL_LAY_MONTH:
		if (u.step == 3)
			snprintf(out, 24, "Q%d %04d", (m - 1) / 3 + 1, y);
		else if (u.step == 6)
			snprintf(out, 24, "H%d %04d", (m - 1) / 6 + 1, y);
		else
			snprintf(out, 24, "%s %04d", month_abbr[m - 1], y);
		break;
	case CTL_LAY_YEAR:
		snprintf(out, 24, "%04d", y);
		break;
	}
}

/* floor division that rounds towards minus infinity */
static int64_t floordiv(int64_t a, int64_t b)
{
	int64_t q = a / b;
	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

ctl_day ctl_lay_unit_ceil(ctl_day d, ctl_lay_unit u)
{
	int y, m, dd;
	switch (u.kind) {
	case CTL_LAY_DAY:
		if (u.step == 7 || u.step == 14) {
			/* weeks start on Monday; fortnights counted from 1970-01-05 */
			int64_t base = 4; /* 1970-01-05 was a Monday */
			int64_t k = floordiv((int64_t)d - base + u.step - 1, u.step);
			return (ctl_day)(base + k * u.step);
		}
		return (ctl_day)(floordiv((int64_t)d + u.step - 1, u.step) * u.step);
	case CTL_LAY_MONTH: {
		ctl_day_to_ymd(d, &y, &m, &dd);
		int64_t idx = (int64_t)y * 12 + (m - 1); /* months since year 0 */
		if (dd > 1)
			idx++;
		int64_t k = floordiv(idx + u.step - 1, u.step) * u.step;
		return ctl_day_from_ymd((int)floordiv(k, 12), (int)(k - floordiv(k, 12) * 12) + 1, 1);
	}
	case CTL_LAY_YEAR: {
		ctl_day_to_ymd(d, &y, &m, &dd);
		int64_t yy = y;
		if (m > 1 || dd > 1)
			yy++;
		yy = floordiv(yy + u.step - 1, u.step) * u.step;
		return ctl_day_from_ymd((int)yy, 1, 1);
	}
	}
	return d;
}

/* The widest label unit u can produce at `size` points. */
static double unit_label_width(ctl_lay_unit u, double size)
{
	switch (u.kind) {
	case CTL_LAY_DAY:
		return ctl_lay_text_width("0000-00-00", 10, size);
	case CTL_LAY_MONTH: {
		if (u.step != 1)
			return ctl_lay_text_width("Q0 0000", 7, size);
		double w = 0;
		char buf[16];
		for (int i = 0; i < 12; i++) {
			snprintf(buf, sizeof(buf), "%s 0000", month_abbr[i]);
			double x = ctl_lay_text_width(buf, strlen(buf), size);
			if (x > w)
				w = x;
		}
		return w;
	}
	case CTL_LAY_YEAR:
		return ctl_lay_text_width("0000", 4, size);
	}
	return 0;
}

size_t ctl_lay_ticks(ctl_lay_tick **out, ctl_lay_unit *unit, const ctl_lay_axis *ax,
		double size, double gap)
{
	*out = NULL;
	ctl_lay_unit u = units[NUNITS - 1];
	for (size_t i = 0; i < NUNITS; i++)
		if (unit_min_days(units[i]) * ax->scale >= unit_label_width(units[i], size) + gap) {
			u = units[i];
			break;
		}
	if (unit)
		*unit = u;
	/* a day tick marks the day's middle, where a point event's marker is;
	 * longer units mark where their period starts */
	double centre = u.kind == CTL_LAY_DAY ? ax->scale / 2 : 0;
	ctl_lay_tick *t = NULL;
	size_t n = 0, cap = 0;
	double prev_right = -INFINITY;
	for (size_t s = 0; s < ax->nsegs; s++) {
		const ctl_lay_seg *sg = &ax->segs[s];
		ctl_day d = ctl_lay_unit_ceil(sg->first, u);
		bool any = d <= sg->last;
		if (!any) {
			/* a segment too short for a regular tick: label its start */
			ctl_lay_tick *k = CTL_ARRAY_PUSH(t, n, cap);
			k->day = sg->first;
			k->x = ctl_lay_axis_x(ax, sg->first) + centre;
			ctl_lay_tick_label(k->label, sg->first, u);
			k->w = ctl_lay_text_width(k->label, strlen(k->label), size);
			k->segment_start = true;
			if (k->x - k->w / 2 < prev_right + gap)
				n--; /* dropped: would touch the label before */
			else
				prev_right = k->x + k->w / 2;
			continue;
		}
		while (d <= sg->last) {
			double x = ctl_lay_axis_x(ax, d) + centre;
			char label[24];
			ctl_lay_tick_label(label, d, u);
			double w = ctl_lay_text_width(label, strlen(label), size);
			if (x - w / 2 >= prev_right + gap) {
				ctl_lay_tick *k = CTL_ARRAY_PUSH(t, n, cap);
				k->day = d;
				k->x = x;
				k->w = w;
				memcpy(k->label, label, sizeof(label));
				k->segment_start = false;
				prev_right = x + w / 2;
			}
			ctl_day next = ctl_lay_unit_ceil(d + 1, u);
			if (next <= d)
				break;
			d = next;
		}
	}
	*out = t;
	return n;
}

/* ---- lanes ----------------------------------------------------------------- */

typedef struct order_key {
	double x;
	size_t i;
} order_key;

static int cmp_order(const void *a, const void *b)
{
	const order_key *p = a, *q = b;
	if (p->x != q->x)
		return p->x < q->x ? -1 : 1;
	return p->i < q->i ? -1 : p->i > q->i;
}

size_t ctl_lay_lanes_assign(ctl_lay_label *l, size_t n, double hgap)
{
	if (n == 0)
		return 0;
	order_key *ord = ctl_xmalloc(n * sizeof(*ord));
	for (size_t i = 0; i < n; i++) {
		ord[i].x = l[i].x;
		ord[i].i = i;
	}
	qsort(ord, n, sizeof(*ord), cmp_order);
	double *end = NULL;
	size_t nl = 0, cap = 0;
	for (size_t k = 0; k < n; k++) {
		ctl_lay_label *b = &l[ord[k].i];
		size_t lane = 0;
		while (lane < nl && end[lane] + hgap > b->x)
			lane++;
		if (lane == nl)
			*CTL_ARRAY_PUSH(end, nl, cap) = -INFINITY;
		end[lane] = b->x + b->w;
		b->lane = lane;
	}
	free(end);
	free(ord);
	return nl;
}

void ctl_lay_lanes_place(ctl_lay_label *l, size_t n, size_t nlanes, double vgap,
		double clear_above, double clear_below, double *above, double *below)
{
	double *h = ctl_xcalloc(nlanes ? nlanes : 1, sizeof(double));
	double *y = ctl_xcalloc(nlanes ? nlanes : 1, sizeof(double));
	for (size_t i = 0; i < n; i++)
		if (l[i].h > h[l[i].lane])
			h[l[i].lane] = l[i].h;
	double ya = clear_above, yb = clear_below, ext_a = 0, ext_b = 0;
	for (size_t k = 0; k < nlanes; k++) {
		if (ctl_lay_lane_above(k)) {
			y[k] = ya;
			ext_a = ya + h[k];
			ya += h[k] + vgap;
		} else {
			y[k] = yb;
			ext_b = yb + h[k];
			yb += h[k] + vgap;
		}
	}
	for (size_t i = 0; i < n; i++)
		l[i].y = y[l[i].lane];
	if (above)
		*above = ext_a;
	if (below)
		*below = ext_b;
	free(h);
	free(y);
}

/* ---- the whole timeline ----------------------------------------------------- */

/* Computes x0/x1/lx/bx/bw of every event for the axis as placed. */
static void place_events(ctl_lay_event *ev, size_t n, const ctl_lay_axis *ax,
		double undated_x, double colw, int per_col)
{
	double a0 = ax->nsegs ? ax->segs[0].x0 : 0;
	double a1 = ax->nsegs ? ax->segs[ax->nsegs - 1].x1 : 0;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		ctl_lay_event *e = &ev[i];
		if (e->undated) {
			e->lx = undated_x + (double)(k / (size_t)per_col) * colw;
			e->x0 = e->x1 = e->lx;
			e->bx = e->lx;
			e->bw = e->w;
			k++;
			continue;
		}
		if (e->lo == e->hi) {
			e->x0 = e->x1 = ctl_lay_axis_x(ax, e->lo) + ax->scale / 2;
		} else {
			e->x0 = ctl_lay_axis_x(ax, e->lo);
			e->x1 = ctl_lay_axis_x(ax, e->hi) + ax->scale;
		}
		double lx = e->x0;
		if (lx + e->w > a1)
			lx = a1 - e->w;
		if (lx < a0)
			lx = a0;
		e->lx = lx;
		e->bx = lx < e->x0 ? lx : e->x0;
		double r = lx + e->w > e->x1 ? lx + e->w : e->x1;
		e->bw = r - e->bx;
	}
}

typedef struct stack_key {
	double x;
	size_t lane;
	size_t i;
} stack_key;

static int cmp_stack(const void *a, const void *b)
{
	const stack_key *p = a, *q = b;
	if (p->x != q->x)
		return p->x < q->x ? -1 : 1;
	if (p->lane != q->lane)
		return p->lane < q->lane ? -1 : 1;
	return p->i < q->i ? -1 : p->i > q->i;
}

void ctl_lay_timeline_compute(ctl_lay_timeline *out, ctl_lay_event *ev, size_t n,
		const ctl_lay_params *p)
{
	memset(out, 0, sizeof(*out));
	out->undated_x = -1;
	int max_lanes = p->max_lanes > 0 ? p->max_lanes : 1;
	int max_stack = p->max_stack > 0 ? p->max_stack : 1;

	/* normalise the bounds; find the dated ones */
	size_t ndated = 0, nundated = 0;
	double widest = 0;
	for (size_t i = 0; i < n; i++) {
		ctl_lay_event *e = &ev[i];
		e->undated = e->lo == CTL_DAY_NONE && e->hi == CTL_DAY_NONE;
		if (e->undated) {
			nundated++;
		} else {
			if (e->lo == CTL_DAY_NONE)
				e->lo = e->hi;
			if (e->hi == CTL_DAY_NONE)
				e->hi = e->lo;
			if (e->lo > e->hi) {
				ctl_day t = e->lo;
				e->lo = e->hi;
				e->hi = t;
			}
			ndated++;
		}
		if (e->w > widest)
			widest = e->w;
		e->stack = 0;
	}
	out->has_dated = ndated > 0;

	/* segments */
	if (ndated) {
		ctl_day *lo = ctl_xmalloc(ndated * sizeof(ctl_day));
		ctl_day *hi = ctl_xmalloc(ndated * sizeof(ctl_day));
		ctl_day first = INT32_MAX, last = INT32_MIN;
		size_t k = 0;
		for (size_t i = 0; i < n; i++) {
			if (ev[i].undated)
				continue;
			lo[k] = ev[i].lo;
			hi[k] = ev[i].hi;
			if (lo[k] < first)
				first = lo[k];
			if (hi[k] > last)
				last = hi[k];
			k++;
		}
		ctl_day gap = ctl_lay_gap_threshold(first, last, p->min_gap_days, p->gap_fraction);
		ctl_lay_axis_build(&out->axis, lo, hi, ndated, gap);
		free(lo);
		free(hi);
	}

	/* scale: fill the target width, then lengthen while lanes overflow */
	ctl_lay_axis *ax = &out->axis;
	double days = (double)ctl_lay_axis_days(ax);
	double fixed = ax->nsegs ? (double)ax->nsegs * 2 * p->pad + (double)(ax->nsegs - 1) * p->brk : 0;
	double room = p->width - fixed;
	double max_room = p->max_width - fixed;
	if (room < 1)
		room = 1;
	if (max_room < room)
		max_room = room;
	double scale = days > 0 ? room / days : 1;
	if (p->max_scale > 0 && scale > p->max_scale)
		scale = p->max_scale;
	double colw = p->undated_w > 0 ? p->undated_w : widest + p->hgap;
	int per_col = 2 * max_lanes;
	ctl_lay_label *lab = ctl_xcalloc(n ? n : 1, sizeof(*lab));
	size_t nlanes = 0, prev_lanes = 0;
	double prev_scale = 0;
	bool last = false;
	for (int iter = 0; iter < 24; iter++) {
		ctl_lay_axis_place(ax, 0, scale, p->pad, p->brk);
		double end = ax->nsegs ? ax->segs[ax->nsegs - 1].x1 : 0;
		out->undated_x = nundated ? (ax->nsegs ? end + p->brk : 0) : -1;
		place_events(ev, n, ax, out->undated_x, colw, per_col);
		for (size_t i = 0; i < n; i++) {
			lab[i].x = ev[i].bx;
			lab[i].w = ev[i].bw;
			lab[i].h = ev[i].h;
		}
		nlanes = ctl_lay_lanes_assign(lab, n, p->hgap);
		size_t per_side = (nlanes + 1) / 2;
		if (last || per_side <= (size_t)max_lanes || days <= 0)
			break;
		if (prev_scale > 0 && (double)nlanes > 0.9 * (double)prev_lanes) {
			/* a longer axis did not thin the lanes (events piled on a
			 * few days): place at the shorter one and stop */
			scale = prev_scale;
			last = true;
			continue;
		}
		prev_scale = scale;
		prev_lanes = nlanes;
		double len = days * scale;
		if (len >= max_room * 0.999)
			break;
		double f = (double)per_side / max_lanes;
		if (f < 1.25)
			f = 1.25;
		if (f > 16)
			f = 16;
		len *= f;
		if (len > max_room)
			len = max_room;
		scale = len / days;
	}
	out->nlanes = nlanes;

	/* markers that would touch (the same day, or days closer than a
	 * marker) stack up from the axis: first fit, by x, then lane */
	stack_key *sk = ctl_xmalloc((n ? n : 1) * sizeof(*sk));
	size_t ns = 0;
	for (size_t i = 0; i < n; i++) {
		ev[i].lane = lab[i].lane;
		if (ev[i].undated || ev[i].lo != ev[i].hi)
			continue;
		sk[ns].x = ev[i].x0;
		sk[ns].lane = lab[i].lane;
		sk[ns].i = i;
		ns++;
	}
	qsort(sk, ns, sizeof(*sk), cmp_stack);
	double *level_end = ctl_xmalloc((size_t)max_stack * sizeof(double));
	for (int l = 0; l < max_stack; l++)
		level_end[l] = -INFINITY;
	int depth = 0;
	double mw = p->marker_w > 0 ? p->marker_w : p->marker_step;
	for (size_t k = 0; k < ns; k++) {
		int l = 0;
		while (l < max_stack - 1 && level_end[l] + mw > sk[k].x)
			l++;
		level_end[l] = sk[k].x;
		ev[sk[k].i].stack = l;
		if (l + 1 > depth)
			depth = l + 1;
	}
	free(level_end);
	free(sk);
	out->clear_above = p->clear + (depth > 1 ? (depth - 1) * p->marker_step : 0);
	out->clear_below = p->clear + p->tick_band;
	ctl_lay_lanes_place(lab, n, nlanes, p->vgap, out->clear_above, out->clear_below,
		&out->above, &out->below);
	for (size_t i = 0; i < n; i++)
		ev[i].y = lab[i].y;
	free(lab);

	/* ticks, and the horizontal extent of it all */
	out->nticks = ax->nsegs ? ctl_lay_ticks(&out->ticks, &out->unit, ax, p->tick_size, p->tick_gap) : 0;
	double left = 0, right = ax->nsegs ? ax->segs[ax->nsegs - 1].x1 : 0;
	for (size_t i = 0; i < n; i++) {
		if (ev[i].bx < left)
			left = ev[i].bx;
		if (ev[i].bx + ev[i].bw > right)
			right = ev[i].bx + ev[i].bw;
	}
	for (size_t i = 0; i < out->nticks; i++) {
		if (out->ticks[i].x - out->ticks[i].w / 2 < left)
			left = out->ticks[i].x - out->ticks[i].w / 2;
		if (out->ticks[i].x + out->ticks[i].w / 2 > right)
			right = out->ticks[i].x + out->ticks[i].w / 2;
	}
	out->left = left;
	out->right = right;
}

void ctl_lay_timeline_release(ctl_lay_timeline *t)
{
	ctl_lay_axis_release(&t->axis);
	free(t->ticks);
	memset(t, 0, sizeof(*t));
}
