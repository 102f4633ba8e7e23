/*
 * Pure geometry for the renderers: no Graphviz, no I/O, no global state.
 *
 * Units are points (1/72 inch). x grows to the right; in the timeline, y is
 * the distance from the axis (labels above and below are both at y >= 0, on
 * their side). Everything here is deterministic: the same input gives the
 * same numbers, ties are broken by input order.
 *
 * The timeline layout, in order:
 *   1. the days the events cover are merged into segments; a gap longer
 *      than a threshold (ctl_lay_gap_threshold) between two segments is
 *      compressed to a fixed-width axis break;
 *   2. one scale (points per day) maps days to x, linearly inside a segment
 *      (ctl_lay_axis_x): the scale that fills the target width, at most
 *      `max_scale` points a day;
 *   3. a tick unit (days ... centuries) is chosen so that tick labels fit,
 *      and labels that would still touch are dropped (ctl_lay_ticks);
 *   4. event labels are assigned first-fit to lanes alternating above and
 *      below the axis, so no two labels overlap (ctl_lay_lanes_assign);
 *      if more than `max_lanes` per side are needed the scale grows (up to
 *      `max_width`), beyond that the lanes grow: labels never overlap;
 *   5. markers that would touch (events on the same day, or on days closer
 *      than a marker's width) stack upwards from the axis, and the first
 *      lane above clears the stack.
 */
#ifndef CTL_LAYOUT_H
#define CTL_LAYOUT_H

#include <stddef.h>
#include "ctimeline/buf.h"
#include "ctimeline/date.h"

/* ---- text metrics --------------------------------------------------------- */

/*
 * Estimated width of UTF-8 text s[0..n) in DejaVu Sans at `size` points,
 * from the font's advance widths (ASCII exact, other scripts by class),
 * rounded up a little so that the estimate is never below what Graphviz
 * measures through pango. Invalid UTF-8 bytes count as '?'.
 */
double ctl_lay_text_width(const char *s, size_t n, double size);

/* The height of one line of `size`-point text as Graphviz sets it. */
double ctl_lay_line_height(double size);

/*
 * Wraps s[0..n) (whitespace runs fold to one space) into at most max_lines
 * lines no wider than max_w, breaking at spaces; a word longer than a line
 * is cut at a character boundary. Text that does not fit ends with "…".
 * Appends the lines, separated by '\n', to out. Returns the number of lines
 * (0 for blank text); *width (if not NULL) gets the widest line's width.
 */
int ctl_lay_wrap(ctl_buf *out, const char *s, size_t n, double size,
		double max_w, int max_lines, double *width);

/* ---- the time axis --------------------------------------------------------- */

/* A run of days drawn to scale: day d starts at x0 + pad + (d - first) * scale. */
typedef struct ctl_lay_seg {
	ctl_day first, last;   /* inclusive */
	double x0, x1;         /* extent, padding included */
} ctl_lay_seg;

typedef struct ctl_lay_axis {
	ctl_lay_seg *segs;     /* sorted, disjoint; owned */
	size_t nsegs;
	double scale;          /* points per day */
	double pad;            /* space inside each end of a segment */
	double brk;            /* width of an axis break between segments */
} ctl_lay_axis;

/*
 * The shortest gap (in days) that is compressed into a break, for events
 * covering [first, last]: the larger of min_gap and fraction of the span.
 */
ctl_day ctl_lay_gap_threshold(ctl_day first, ctl_day last, ctl_day min_gap, double fraction);

/*
 * Builds the segments covering the day ranges [lo[i], hi[i]] (lo <= hi; in
 * any order): ranges separated by at most max_gap uncovered days share a
 * segment. Positions are set by ctl_lay_axis_place. ax is overwritten; free
 * it with ctl_lay_axis_release.
 */
void ctl_lay_axis_build(ctl_lay_axis *ax, const ctl_day *lo, const ctl_day *hi,
		size_t n, ctl_day max_gap);

/* Places the segments from x = x0: each 2 * pad + days * scale wide, brk between. */
void ctl_lay_axis_place(ctl_lay_axis *ax, double x0, double scale, double pad, double brk);

/* Days inside segments. */
int64_t ctl_lay_axis_days(const ctl_lay_axis *ax);

/*
 * x of the start of day d. A day inside a break maps to the break's middle,
 * a day before the first (after the last) segment to its padded edge.
 */
double ctl_lay_axis_x(const ctl_lay_axis *ax, ctl_day d);

/* Index of the segment holding d, or -1. */
long ctl_lay_axis_segment(const ctl_lay_axis *ax, ctl_day d);

void ctl_lay_axis_release(ctl_lay_axis *ax);

/* ---- ticks ---------------------------------------------------------------- */

typedef enum ctl_lay_unit_kind {
	CTL_LAY_DAY = 0,       /* step 1, 2: ISO dates; step 7, 14: weeks from Monday */
	CTL_LAY_MONTH,         /* step 1 ("Jul 2017"), 3 ("Q3 2017"), 6 ("H2 2017") */
	CTL_LAY_YEAR           /* step 1, 2, 5, 10, ... ("2017") */
} ctl_lay_unit_kind;

typedef struct ctl_lay_unit {
	ctl_lay_unit_kind kind;
	int step;
} ctl_lay_unit;

typedef struct ctl_lay_tick {
	ctl_day day;           /* the day the tick marks the start of */
	double x;              /* tick position (a day's middle, or where a longer
	                          period starts); the label is centred on it */
	double w;              /* label width */
	char label[24];
	bool segment_start;    /* a label for a segment that holds no regular tick */
} ctl_lay_tick;

/* The label of a tick at day d for unit u ("2017", "Q3 2017", "Jul 2017", "2017-07-12"). */
void ctl_lay_tick_label(char out[24], ctl_day d, ctl_lay_unit u);

/* The first boundary of unit u at or after day d. */
ctl_day ctl_lay_unit_ceil(ctl_day d, ctl_lay_unit u);

/*
 * Chooses the finest unit whose ticks leave room for their labels at
 * `size` points with `gap` between them, and lists the ticks inside the
 * segments (plus a labelled start for a segment without any), dropping a
 * label that would come closer than `gap` to the one before: the labels
 * returned never overlap. *out: a new array (caller frees); returns its
 * length. *unit (if not NULL) gets the unit.
 */
size_t ctl_lay_ticks(ctl_lay_tick **out, ctl_lay_unit *unit, const ctl_lay_axis *ax,
		double size, double gap);

/* ---- lanes ----------------------------------------------------------------- */

typedef struct ctl_lay_label {
	double x, w, h;        /* in: left edge, width and height */
	size_t lane;           /* out: 0 above, 1 below, 2 above (second row), ... */
	double y;              /* out: distance from the axis to the near edge */
} ctl_lay_label;

/* Lane `lane` is above the axis when this is true. */
static inline bool ctl_lay_lane_above(size_t lane) { return lane % 2 == 0; }

/*
 * Assigns each label the first lane (in the order above 1, below 1,
 * above 2, ...) whose labels so far end at least hgap before it starts,
 * taking labels by x, then by input order. Two labels in one lane never
 * overlap. Returns the number of lanes used.
 */
size_t ctl_lay_lanes_assign(ctl_lay_label *l, size_t n, double hgap);

/*
 * Sets y for assigned labels: a lane is as tall as its tallest label; the
 * first lane on each side starts clear_above / clear_below from the axis,
 * the next vgap beyond the previous. *above / *below (if not NULL) get the
 * extent of the labels on each side (0 when there are none).
 */
void ctl_lay_lanes_place(ctl_lay_label *l, size_t n, size_t nlanes, double vgap,
		double clear_above, double clear_below, double *above, double *below);

/* ---- the whole timeline ----------------------------------------------------- */

typedef struct ctl_lay_params {
	double width;          /* target axis length (from the first to the last segment) */
	double max_width;      /* longest axis that density may ask for */
	double max_scale;      /* widest day (points) while filling `width` (0: no limit) */
	double pad;            /* padding inside segment ends */
	double brk;            /* axis break width */
	ctl_day min_gap_days;  /* gaps at least this long ... */
	double gap_fraction;   /* ... and this fraction of the span are compressed */
	int max_lanes;         /* lanes per side before the axis is lengthened */
	double hgap, vgap;     /* between labels in a lane, between lanes */
	double clear;          /* from the axis to the first lane */
	double tick_band;      /* more room below the axis, for the tick labels */
	double marker_step;    /* offset between stacked markers */
	double marker_w;       /* markers closer than this stack (0: marker_step) */
	int max_stack;         /* stack levels at most (more share the last level) */
	double tick_size;      /* tick label font size */
	double tick_gap;       /* least space between tick labels */
	double undated_w;      /* column width of the undated block (0: widest label) */
} ctl_lay_params;

typedef struct ctl_lay_event {
	/* in */
	ctl_day lo, hi;        /* inclusive; both CTL_DAY_NONE: undated; one: a point */
	double w, h;           /* label text size */
	/* out */
	double x0, x1;         /* on the axis: a point has x0 == x1 (day centre); a span
	                          runs from the start of lo to the end of hi */
	double lx;             /* label text's left edge */
	size_t lane;
	double y;              /* distance from the axis to the label box's near edge */
	double bw;             /* width of the label box (text and span bar) */
	double bx;             /* left edge of the label box */
	int stack;             /* stacked markers: 0 on the axis, 1 above it, ... */
	bool undated;
} ctl_lay_event;

typedef struct ctl_lay_timeline {
	ctl_lay_axis axis;
	ctl_lay_tick *ticks;
	size_t nticks;
	ctl_lay_unit unit;
	size_t nlanes;
	double above, below;   /* extents of the drawing on each side of the axis */
	double left, right;    /* horizontal extent of everything placed */
	double undated_x;      /* left edge of the undated block, or -1 */
	double clear_above, clear_below;
	bool has_dated;
} ctl_lay_timeline;

/*
 * Lays out n events: segments, scale, ticks, lanes, stacks. Writes the
 * outputs of every event and fills *out (overwritten; free it with
 * ctl_lay_timeline_release). Never fails: n may be 0.
 */
void ctl_lay_timeline_compute(ctl_lay_timeline *out, ctl_lay_event *ev, size_t n,
		const ctl_lay_params *p);
void ctl_lay_timeline_release(ctl_lay_timeline *t);

#endif
