/*
 * The timeline view: time to scale on the x axis (layout.c computes every
 * position), drawn as a Graphviz graph whose nodes and edges are all
 * pinned ("nop2": node positions and edge paths are used as given), so no
 * layout engine ever sees a chain of events and the cost is linear.
 *
 * What is drawn, for each event: a marker on the axis at its date (a span
 * bar in its label's lane when only bounds are known, dashed and light, so
 * a bounded date never looks exact), a leader line, and a label (date,
 * source count, title, actors) in a lane above or below the axis. Around
 * them: the axis with its breaks and ticks, a title, the date range and a
 * legend of the event types drawn.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "layout.h"
#include "render_internal.h"
#include "util.h"

/* Attribute symbols, declared once per graph (agxset is far cheaper than agsafeset). */
typedef struct syms {
	Agsym_t *shape, *pos, *width, *height, *label, *style, *color, *fillcolor,
		*fontcolor, *fontsize, *penwidth, *id, *class_, *tooltip, *fixedsize;
	Agsym_t *e_pos, *e_color, *e_style, *e_penwidth, *e_class, *e_tooltip;
} syms;

typedef struct tl_draw {
	ctl_gv *s;
	const ctl_style *st;
	syms a;
	Agnode_t *c0, *c1;        /* invisible canvas corners: every decoration edge runs between them */
	ctl_buf b, t;             /* scratch */
	double axis_y;
	size_t nnodes;
} tl_draw;

static void declare(tl_draw *d)
{
	Agraph_t *g = d->s->g;
	const ctl_style *st = d->st;
	char fs[32];
	ctl_gv_attr(g, AGRAPH, "bgcolor", st->background);
	ctl_gv_attr(g, AGRAPH, "splines", "line");
	ctl_gv_attr(g, AGRAPH, "outputorder", "edgesfirst");
	ctl_gv_attr(g, AGRAPH, "fontname", st->font);
	ctl_gv_attr(g, AGRAPH, "pad", "0");
	ctl_gv_attr(g, AGNODE, "fontname", st->font);
	ctl_gv_attr(g, AGNODE, "margin", "0");
	d->a.fixedsize = ctl_gv_attr(g, AGNODE, "fixedsize", "true");
	d->a.shape = ctl_gv_attr(g, AGNODE, "shape", "box");
	d->a.pos = ctl_gv_attr(g, AGNODE, "pos", "");
	d->a.width = ctl_gv_attr(g, AGNODE, "width", "0.1");
	d->a.height = ctl_gv_attr(g, AGNODE, "height", "0.1");
	d->a.label = ctl_gv_attr(g, AGNODE, "label", "");
	d->a.style = ctl_gv_attr(g, AGNODE, "style", "filled");
	d->a.color = ctl_gv_attr(g, AGNODE, "color", st->label_fill);
	d->a.fillcolor = ctl_gv_attr(g, AGNODE, "fillcolor", st->label_fill);
	d->a.fontcolor = ctl_gv_attr(g, AGNODE, "fontcolor", st->text);
	snprintf(fs, sizeof(fs), "%g", st->font_size);
	d->a.fontsize = ctl_gv_attr(g, AGNODE, "fontsize", fs);
	d->a.penwidth = ctl_gv_attr(g, AGNODE, "penwidth", "1");
	d->a.id = ctl_gv_attr(g, AGNODE, "id", "");
	d->a.class_ = ctl_gv_attr(g, AGNODE, "class", "");
	d->a.tooltip = ctl_gv_attr(g, AGNODE, "tooltip", "");
	ctl_gv_attr(g, AGEDGE, "dir", "none");
	ctl_gv_attr(g, AGEDGE, "arrowhead", "none");
	d->a.e_pos = ctl_gv_attr(g, AGEDGE, "pos", "");
	d->a.e_color = ctl_gv_attr(g, AGEDGE, "color", st->leader);
	d->a.e_style = ctl_gv_attr(g, AGEDGE, "style", "solid");
	d->a.e_penwidth = ctl_gv_attr(g, AGEDGE, "penwidth", "0.8");
	d->a.e_class = ctl_gv_attr(g, AGEDGE, "class", "");
	d->a.e_tooltip = ctl_gv_attr(g, AGEDGE, "tooltip", "");
}

/* A node named prefix<i> (made up: never text from an article). */
static Agnode_t *new_node(tl_draw *d, const char *prefix, size_t i)
{
	char name[40];
	snprintf(name, sizeof(name), "%s%zu", prefix, i);
	d->nnodes++;
	return agnode(d->s->g, name, 1);
}

static void set_pos(tl_draw *d, Agnode_t *n, double x, double y)
{
	ctl_buf_clear(&d->t);
	ctl_gv_num(&d->t, x);
	ctl_buf_putc(&d->t, ',');
	ctl_gv_num(&d->t, y);
	ctl_gv_set(n, d->a.pos, d->t.ptr);
}

static void set_size(tl_draw *d, Agnode_t *n, double w, double h)
{
	char tmp[32];
	snprintf(tmp, sizeof(tmp), "%.4f", w / 72.0);
	ctl_gv_set(n, d->a.width, tmp);
	snprintf(tmp, sizeof(tmp), "%.4f", h / 72.0);
	ctl_gv_set(n, d->a.height, tmp);
}

static void set_num(Agnode_t *n, Agsym_t *sym, double v)
{
	char tmp[32];
	snprintf(tmp, sizeof(tmp), "%g", v);
	ctl_gv_set(n, sym, tmp);
}

/*
 * A text node: `text` (plain, lines separated by '\n') left-aligned with
 * its box's left edge at x, its box's vertical centre at y.
 */
static Agnode_t *text_node(tl_draw *d, const char *prefix, size_t i, const char *text,
		double x, double y, double w, double h, double size, const char *color)
{
	Agnode_t *n = new_node(d, prefix, i);
	ctl_buf_clear(&d->b);
	ctl_gv_label_text(&d->b, text, strlen(text), "\\l");
	ctl_buf_puts(&d->b, "\\l");
	ctl_gv_set(n, d->a.label, d->b.ptr);
	set_pos(d, n, x + w / 2, y);
	set_size(d, n, w + 1, h);
	ctl_gv_set(n, d->a.shape, "plaintext");
	ctl_gv_set(n, d->a.style, "");
	if (size != d->st->font_size)
		set_num(n, d->a.fontsize, size);
	if (color)
		ctl_gv_set(n, d->a.fontcolor, color);
	return n;
}

/* An edge between the canvas corners drawn along the polyline pts[0..npts). */
static Agedge_t *line_edge(tl_draw *d, Agnode_t *t, Agnode_t *h, const double *pts, size_t npts,
		const char *color, const char *style, double penwidth, const char *cls)
{
	Agedge_t *e = agedge(d->s->g, t ? t : d->c0, h ? h : d->c1, NULL, 1);
	/* a polyline as a B-spline: p0, then (p[i-1], p[i], p[i]) per segment */
	ctl_buf_clear(&d->t);
	for (size_t i = 0; i < npts; i++) {
		int reps = i == 0 ? 1 : 3;
		for (int r = 0; r < reps; r++) {
			const double *p = (r == 0 && i > 0) ? &pts[2 * (i - 1)] : &pts[2 * i];
			if (d->t.len)
				ctl_buf_putc(&d->t, ' ');
			ctl_gv_num(&d->t, p[0]);
			ctl_buf_putc(&d->t, ',');
			ctl_gv_num(&d->t, p[1]);
		}
	}
	ctl_gv_set(e, d->a.e_pos, d->t.ptr);
	if (color)
		ctl_gv_set(e, d->a.e_color, color);
	if (style)
		ctl_gv_set(e, d->a.e_style, style);
	if (penwidth > 0) {
		char tmp[32];
		snprintf(tmp, sizeof(tmp), "%g", penwidth);
		ctl_gv_set(e, d->a.e_penwidth, tmp);
	}
	if (cls)
		ctl_gv_set(e, d->a.e_class, cls);
	return e;
}

/* "#rrggbb" + alpha from an opacity in [0, 1]. */
static void with_alpha(char out[10], const char *color, double opacity)
{
	int a = (int)lround(opacity * 255);
	snprintf(out, 10, "%.7s%02x", color, a < 0 ? 0 : a > 255 ? 255 : a);
}

/* ---- the text of an event's label ------------------------------------------ */

/* Distinct documents among the event's sources. */
static size_t source_docs(const ctl_event *e)
{
	size_t n = 0;
	for (size_t i = 0; i < e->nsources; i++) {
		bool seen = false;
		for (size_t j = 0; j < i && !seen; j++)
			seen = e->sources[j].doc == e->sources[i].doc;
		n += !seen;
	}
	return n;
}

static void date_text(ctl_buf *out, const ctl_event *e)
{
	char a[11], b[11];
	const ctl_interval *w = &e->when;
	if (w->earliest != CTL_DAY_NONE && w->earliest == w->latest) {
		ctl_day_format(w->earliest, a);
		ctl_buf_puts(out, a);
		return;
	}
	if (w->precision == CTL_PREC_MONTH || w->precision == CTL_PREC_YEAR) {
		ctl_interval_format(w, a);
		if (a[0]) {
			ctl_buf_puts(out, a);
			return;
		}
	}
	ctl_day_format(w->earliest, a);
	ctl_day_format(w->latest, b);
	if (a[0] && b[0])
		ctl_buf_printf(out, "%s \xe2\x80\x93 %s", a, b); /* en dash */
	else if (a[0])
		ctl_buf_printf(out, "after %s", a);
	else if (b[0])
		ctl_buf_printf(out, "before %s", b);
	else
		ctl_buf_puts(out, "date unknown");
}

/* The actors line: names that fit in max_w, then "+N" for the rest. */
static void actors_text(ctl_buf *out, const ctl_timeline *tl, const ctl_event *e,
		double size, double max_w)
{
	size_t shown = 0;
	size_t start = out->len;
	for (size_t i = 0; i < e->nactors; i++) {
		if (e->actors[i] >= tl->nactors || !tl->actors[e->actors[i]].name)
			continue;
		const char *name = tl->actors[e->actors[i]].name;
		size_t before = out->len;
		if (shown)
			ctl_buf_puts(out, ", ");
		ctl_buf_puts(out, name);
		char more[32] = "";
		size_t rest = e->nactors - i - 1;
		if (rest)
			snprintf(more, sizeof(more), " +%zu", rest);
		double w = ctl_lay_text_width(out->ptr + start, out->len - start, size) +
			ctl_lay_text_width(more, strlen(more), size);
		if (w > max_w) {
			out->len = before;
			out->ptr[before] = '\0';
			if (!shown) {
				/* the first name alone is too long: cut it */
				ctl_lay_wrap(out, name, strlen(name), size, max_w, 1, NULL);
				shown = 1;
				i++;
			}
			size_t left = e->nactors - i;
			if (left)
				ctl_buf_printf(out, " +%zu", left);
			return;
		}
		shown++;
	}
}

/* ---- the drawing -------------------------------------------------------------- */

typedef struct ev_item {
	size_t ev;             /* index into tl->events */
	ctl_buf text;          /* label text, lines separated by '\n' */
	double tw, th;         /* text box size */
	bool span;
} ev_item;

static int cmp_items(const void *a, const void *b, const ctl_timeline *tl)
{
	const ctl_event *x = &tl->events[((const ev_item *)a)->ev];
	const ctl_event *y = &tl->events[((const ev_item *)b)->ev];
	ctl_day xl = x->when.earliest != CTL_DAY_NONE ? x->when.earliest : x->when.latest;
	ctl_day yl = y->when.earliest != CTL_DAY_NONE ? y->when.earliest : y->when.latest;
	/* undated (CTL_DAY_NONE is INT32_MIN) last */
	bool xu = xl == CTL_DAY_NONE, yu = yl == CTL_DAY_NONE;
	if (xu != yu)
		return xu ? 1 : -1;
	if (xl != yl)
		return xl < yl ? -1 : 1;
	ctl_day xh = x->when.latest != CTL_DAY_NONE ? x->when.latest : xl;
	ctl_day yh = y->when.latest != CTL_DAY_NONE ? y->when.latest : yl;
	if (xh != yh)
		return xh < yh ? -1 : 1;
	size_t i = ((const ev_item *)a)->ev, j = ((const ev_item *)b)->ev;
	return i < j ? -1 : i > j;
}

/* qsort has no user pointer: a merge sort that passes one. */
static void sort_items(ev_item *v, size_t n, const ctl_timeline *tl)
{
	if (n < 2)
		return;
	ev_item *tmp = ctl_xmalloc(n * sizeof(*tmp));
	for (size_t width = 1; width < n; width *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * width) {
			size_t mid = lo + width < n ? lo + width : n;
			size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
			size_t i = lo, j = mid, k = lo;
			while (i < mid && j < hi)
				tmp[k++] = cmp_items(&v[j], &v[i], tl) < 0 ? v[j++] : v[i++];
			while (i < mid)
				tmp[k++] = v[i++];
			while (j < hi)
				tmp[k++] = v[j++];
		}
		memcpy(v, tmp, n * sizeof(*v));
	}
	free(tmp);
}

static const char *event_id(const ctl_timeline *tl, size_t i)
{
	return tl->events[i].id;
}

/* The legend: a marker and a name per event type drawn, then the conventions. */
typedef struct legend_item {
	const ctl_style_type *type;  /* NULL: a convention */
	const char *text;
	int kind;                    /* 0 type, 1 span, 2 inferred */
} legend_item;

static double draw_legend(tl_draw *d, const legend_item *it, size_t n, double x0, double top,
		double max_w)
{
	const ctl_style *st = d->st;
	double size = st->small_size, lh = ctl_lay_line_height(size);
	double ms = st->tl.marker_size, row_h = (lh > ms ? lh : ms) + 3;
	double x = x0, y = top - row_h / 2;
	int rows = n ? 1 : 0;
	for (size_t i = 0; i < n; i++) {
		double tw = ctl_lay_text_width(it[i].text, strlen(it[i].text), size);
		double item_w = (it[i].kind == 1 ? 14 : ms) + 4 + tw;
		if (x > x0 && x + item_w > x0 + max_w) {
			x = x0;
			y -= row_h;
			rows++;
		}
		Agnode_t *m = new_node(d, "lgm", i);
		ctl_gv_set(m, d->a.class_, "legend");
		if (it[i].kind == 1) {
			char fill[10];
			with_alpha(fill, st->muted, st->tl.span_opacity);
			set_pos(d, m, x + 7, y);
			set_size(d, m, 14, st->tl.span_height);
			ctl_gv_set(m, d->a.style, "filled,dashed");
			ctl_gv_set(m, d->a.fillcolor, fill);
			ctl_gv_set(m, d->a.color, st->muted);
			x += 14 + 4;
		} else {
			const ctl_style_type *t = it[i].type ? it[i].type : ctl_style_event_type(st, "other");
			set_pos(d, m, x + ms / 2, y);
			set_size(d, m, ms, ms);
			ctl_gv_set(m, d->a.shape, it[i].kind == 2 ? "circle" : t->shape);
			ctl_gv_set(m, d->a.fillcolor, it[i].kind == 2 ? st->background : t->color);
			ctl_gv_set(m, d->a.color, it[i].kind == 2 ? st->muted : t->color);
			x += ms + 4;
		}
		text_node(d, "lgt", i, it[i].text, x, y, tw, lh, size, st->muted);
		x += tw + 12;
	}
	return rows * row_h;
}

int ctl_render_timeline_graph(ctl_gv *s, const ctl_timeline *tl, const ctl_style *st,
		const ctl_render_options *o, ctl_buf *title, ctl_buf *desc, ctl_error *err)
{
	tl_draw d = { .s = s, .st = st };
	ctl_buf_init(&d.b);
	ctl_buf_init(&d.t);
	declare(&d);
	size_t n = tl->nevents;
	double fs = st->font_size, lh = ctl_lay_line_height(fs);
	double small_lh = ctl_lay_line_height(st->small_size);

	/* 1. the text of every label, and its size */
	ev_item *items = ctl_xcalloc(n ? n : 1, sizeof(*items));
	for (size_t i = 0; i < n; i++)
		items[i].ev = i;
	sort_items(items, n, tl);
	ctl_lay_event *lev = ctl_xcalloc(n ? n : 1, sizeof(*lev));
	size_t ndocs_cited = 0, nundated = 0, nspans = 0, ninferred = 0;
	ctl_day first = CTL_DAY_NONE, last = CTL_DAY_NONE;
	for (size_t k = 0; k < n; k++) {
		ev_item *it = &items[k];
		const ctl_event *e = &tl->events[it->ev];
		ctl_buf_init(&it->text);
		date_text(&it->text, e);
		size_t docs = source_docs(e);
		if (st->tl.show_sources && docs > 1)
			ctl_buf_printf(&it->text, " \xc2\xb7 %zu sources", docs);
		double w = ctl_lay_text_width(it->text.ptr, it->text.len, fs);
		double maxw = st->tl.label_width > w ? st->tl.label_width : w;
		int lines = 1;
		const char *title_s = e->title && *e->title ? e->title : (e->type ? e->type : "event");
		ctl_buf_putc(&it->text, '\n');
		double tw;
		lines += ctl_lay_wrap(&it->text, title_s, strlen(title_s), fs, st->tl.label_width,
			st->tl.title_lines, &tw);
		if (tw > w)
			w = tw;
		if (st->tl.show_actors && e->nactors) {
			ctl_buf_putc(&it->text, '\n');
			size_t at = it->text.len;
			actors_text(&it->text, tl, e, fs, maxw);
			if (it->text.len > at) {
				double aw = ctl_lay_text_width(it->text.ptr + at, it->text.len - at, fs);
				if (aw > w)
					w = aw;
				lines++;
			} else {
				it->text.ptr[--it->text.len] = '\0';
			}
		}
		it->tw = ceil(w);
		it->th = lines * lh + 2;
		lev[k].lo = e->when.earliest;
		lev[k].hi = e->when.latest;
		it->span = lev[k].lo != CTL_DAY_NONE && lev[k].hi != CTL_DAY_NONE && lev[k].lo != lev[k].hi;
		lev[k].w = it->tw;
		lev[k].h = it->th + (it->span ? st->tl.span_height + 3 : 0);
		if (lev[k].lo == CTL_DAY_NONE && lev[k].hi == CTL_DAY_NONE)
			nundated++;
		nspans += it->span;
		ninferred += !it->span && e->when.certainty == CTL_CERT_INFERRED;
		ctl_day lo = e->when.earliest != CTL_DAY_NONE ? e->when.earliest : e->when.latest;
		ctl_day hi = e->when.latest != CTL_DAY_NONE ? e->when.latest : e->when.earliest;
		if (lo != CTL_DAY_NONE && (first == CTL_DAY_NONE || lo < first))
			first = lo;
		if (hi != CTL_DAY_NONE && (last == CTL_DAY_NONE || hi > last))
			last = hi;
	}
	{
		bool *cited = ctl_xcalloc(tl->ndocs ? tl->ndocs : 1, sizeof(bool));
		for (size_t i = 0; i < n; i++)
			for (size_t j = 0; j < tl->events[i].nsources; j++)
				if (tl->events[i].sources[j].doc < tl->ndocs && !cited[tl->events[i].sources[j].doc]) {
					cited[tl->events[i].sources[j].doc] = true;
					ndocs_cited++;
				}
		free(cited);
	}

	/* 2. positions */
	ctl_lay_params p = {
		.width = st->width - 2 * st->margin,
		.max_width = st->tl.max_width,
		.max_scale = st->tl.max_day_width,
		.pad = st->tl.marker_size,
		.brk = st->tl.break_width,
		.min_gap_days = st->tl.gap_min_days,
		.gap_fraction = st->tl.gap_fraction,
		.max_lanes = st->tl.max_lanes,
		.hgap = st->tl.hgap,
		.vgap = st->tl.vgap,
		.clear = st->tl.clear,
		.tick_band = 4 + small_lh,
		.marker_step = st->tl.marker_size * 0.8,
		.marker_w = st->tl.marker_size + 1,
		.max_stack = 8,
		.tick_size = st->small_size,
		.tick_gap = 8,
		.undated_w = 0,
	};
	ctl_lay_timeline lay;
	ctl_lay_timeline_compute(&lay, lev, n, &p);

	/* 3. the frame: title, range, legend above; margins around */
	double left = lay.left, right = lay.right;
	if (right - left < p.width)
		right = left + p.width;
	const char *ttl = o->title && *o->title ? o->title : "Timeline";
	ctl_buf_puts(title, ttl);
	ctl_buf sub = CTL_BUF_INIT;
	if (first != CTL_DAY_NONE) {
		char a[11], b[11];
		ctl_day_format(first, a);
		ctl_day_format(last, b);
		if (first == last)
			ctl_buf_printf(&sub, "%s \xc2\xb7 ", a);
		else
			ctl_buf_printf(&sub, "%s \xe2\x80\x93 %s \xc2\xb7 ", a, b);
	}
	ctl_buf_printf(&sub, "%zu event%s", n, n == 1 ? "" : "s");
	if (nundated)
		ctl_buf_printf(&sub, " (%zu undated)", nundated);
	ctl_buf_printf(&sub, " from %zu article%s", ndocs_cited, ndocs_cited == 1 ? "" : "s");
	ctl_buf_printf(desc, "%s: %s. Events are placed at their dates on a time axis; "
		"a light dashed bar marks an event whose date is known only within bounds; "
		"gaps in time are compressed into axis breaks.", ttl, sub.ptr);

	double y_top_content = lay.above > lay.clear_above ? lay.above : lay.clear_above;
	double y = y_top_content + 12;          /* bottom of the header block */
	d.c0 = new_node(&d, "c", 0);
	d.c1 = new_node(&d, "c", 1);

	/* the legend: types drawn, in the style's order, then conventions */
	legend_item *leg = ctl_xcalloc(st->nevents + 3, sizeof(*leg));
	size_t nleg = 0;
	if (st->tl.show_legend && n) {
		for (size_t t = 0; t < st->nevents; t++) {
			bool used = false;
			for (size_t i = 0; i < n && !used; i++)
				used = ctl_style_event_type(st, tl->events[i].type) == &st->events[t];
			if (used) {
				leg[nleg].type = &st->events[t];
				leg[nleg].text = st->events[t].name;
				nleg++;
			}
		}
		if (nspans) {
			leg[nleg].text = "date known only within bounds";
			leg[nleg++].kind = 1;
		}
		if (ninferred) {
			leg[nleg].text = "date inferred";
			leg[nleg++].kind = 2;
		}
	}
	/* legend rows are laid from the top down: find their height first */
	double legend_h = 0;
	{
		double size = st->small_size, ms = st->tl.marker_size;
		double row_h = (small_lh > ms ? small_lh : ms) + 3, x = 0;
		int rows = nleg ? 1 : 0;
		for (size_t i = 0; i < nleg; i++) {
			double iw = (leg[i].kind == 1 ? 14 : ms) + 4 +
				ctl_lay_text_width(leg[i].text, strlen(leg[i].text), size);
			if (x > 0 && x + iw > right - left) {
				x = 0;
				rows++;
			}
			x += iw + 12;
		}
		legend_h = rows * row_h;
	}
	double legend_top = y + legend_h;
	draw_legend(&d, leg, nleg, left, legend_top, right - left);
	free(leg);
	double sub_y = legend_top + 4 + small_lh / 2;
	double sub_w = ctl_lay_text_width(sub.ptr, sub.len, st->small_size);
	text_node(&d, "sub", 0, sub.ptr, left, sub_y, sub_w, small_lh, st->small_size, st->muted);
	double title_lh = ctl_lay_line_height(st->title_size);
	double title_y = sub_y + small_lh / 2 + 2 + title_lh / 2;
	double title_w = ctl_lay_text_width(ttl, strlen(ttl), st->title_size);
	Agnode_t *tn = text_node(&d, "title", 0, ttl, left, title_y, title_w, title_lh, st->title_size, NULL);
	ctl_gv_set(tn, d.a.class_, "title");
	if (title_w > right - left)
		right = left + title_w;
	if (sub_w > right - left)
		right = left + sub_w;
	double top = title_y + title_lh / 2 + st->margin;
	double bottom = -(lay.below > lay.clear_below ? lay.below : lay.clear_below) - st->margin;
	set_pos(&d, d.c0, left - st->margin, bottom);
	set_pos(&d, d.c1, right + st->margin, top);
	ctl_gv_set(d.c0, d.a.style, "invis");
	ctl_gv_set(d.c1, d.a.style, "invis");
	set_size(&d, d.c0, 0.1, 0.1);
	set_size(&d, d.c1, 0.1, 0.1);

	/* 4. the axis: a line per segment, a break between, ticks */
	for (size_t i = 0; i < lay.axis.nsegs; i++) {
		const ctl_lay_seg *sg = &lay.axis.segs[i];
		double pts[4] = { sg->x0, 0, sg->x1, 0 };
		line_edge(&d, NULL, NULL, pts, 2, st->axis, NULL, 1.2, "axis");
		if (i + 1 < lay.axis.nsegs) {
			const ctl_lay_seg *nx = &lay.axis.segs[i + 1];
			double bx = (sg->x1 + nx->x0) / 2;
			double z1[4] = { bx - 5, -4, bx - 1, 4 }, z2[4] = { bx + 1, -4, bx + 5, 4 };
			Agedge_t *e1 = line_edge(&d, NULL, NULL, z1, 2, st->axis, NULL, 1.2, "axis-break");
			Agedge_t *e2 = line_edge(&d, NULL, NULL, z2, 2, st->axis, NULL, 1.2, "axis-break");
			char a[11], b[11];
			ctl_day_format(sg->last + 1, a);
			ctl_day_format(nx->first - 1, b);
			ctl_buf_clear(&d.t);
			ctl_buf_printf(&d.t, "time compressed: %s to %s (%d days)", a, b,
				(int)(nx->first - sg->last - 1));
			ctl_gv_set(e1, d.a.e_tooltip, d.t.ptr);
			ctl_gv_set(e2, d.a.e_tooltip, d.t.ptr);
		}
	}
	for (size_t i = 0; i < lay.nticks; i++) {
		const ctl_lay_tick *tk = &lay.ticks[i];
		double pts[4] = { tk->x, 0, tk->x, -3 };
		line_edge(&d, NULL, NULL, pts, 2, st->axis, NULL, 1, "tick");
		Agnode_t *tn2 = text_node(&d, "t", i, tk->label, tk->x - tk->w / 2, -4 - small_lh / 2,
			tk->w, small_lh, st->small_size, st->muted);
		ctl_gv_set(tn2, d.a.class_, "tick");
	}
	if (lay.undated_x >= 0) {
		const char *u = "date unknown";
		double uw = ctl_lay_text_width(u, strlen(u), st->small_size);
		Agnode_t *un = text_node(&d, "undated", 0, u, lay.undated_x, -4 - small_lh / 2, uw,
			small_lh, st->small_size, st->muted);
		ctl_gv_set(un, d.a.class_, "undated");
	}

	/* 5. the events: leader, marker or span bar, label */
	char **ids = ctl_gv_unique_ids(n, event_id, tl, 'e');
	ctl_buf cls = CTL_BUF_INIT, idb = CTL_BUF_INIT;
	double step = p.marker_step, ms = st->tl.marker_size, sh = st->tl.span_height;
	for (size_t k = 0; k < n; k++) {
		const ev_item *it = &items[k];
		const ctl_lay_event *le = &lev[k];
		const ctl_event *e = &tl->events[it->ev];
		const ctl_style_type *ty = ctl_style_event_type(st, e->type);
		bool above = ctl_lay_lane_above(le->lane);
		double sign = above ? 1 : -1;
		double near = sign * le->y;                  /* the box edge nearest the axis */
		double text_near = near + sign * (it->span ? sh + 3 : 0);
		double text_cy = text_near + sign * it->th / 2;

		ctl_buf_clear(&cls);
		ctl_buf_puts(&cls, "event event-");
		ctl_buf_puts(&cls, ids[it->ev]);
		ctl_buf_puts(&cls, " type-");
		ctl_gv_id_text(&cls, ty->name, "other");

		/* the label */
		Agnode_t *ln = text_node(&d, "l", k, it->text.ptr, le->lx, text_cy, it->tw, it->th, fs, NULL);
		ctl_gv_set(ln, d.a.shape, "box");
		ctl_gv_set(ln, d.a.style, "filled");
		ctl_gv_set(ln, d.a.penwidth, "0");
		ctl_buf_clear(&idb);
		ctl_buf_printf(&idb, "event-%s", ids[it->ev]);
		ctl_gv_set(ln, d.a.id, idb.ptr);
		ctl_buf_puts(&cls, " label");
		ctl_gv_set(ln, d.a.class_, cls.ptr);
		cls.len -= 6;
		cls.ptr[cls.len] = '\0';
		const ctl_ref *src = e->nsources ? &e->sources[0] : &e->trigger;
		if (src->text && *src->text) {
			ctl_buf_clear(&d.b);
			ctl_gv_tooltip_text(&d.b, src->text, strlen(src->text), 600);
			ctl_gv_set(ln, d.a.tooltip, d.b.ptr);
		}

		if (le->undated) {
			/* no date: a hollow marker beside the label, no leader */
			Agnode_t *m = new_node(&d, "m", k);
			set_pos(&d, m, le->lx - ms / 2 - 2, text_cy);
			set_size(&d, m, ms, ms);
			ctl_gv_set(m, d.a.shape, ty->shape);
			ctl_gv_set(m, d.a.fillcolor, st->background);
			ctl_gv_set(m, d.a.color, ty->color);
			ctl_buf_clear(&idb);
			ctl_buf_printf(&idb, "event-%s-marker", ids[it->ev]);
			ctl_gv_set(m, d.a.id, idb.ptr);
			ctl_buf_puts(&cls, " marker");
			ctl_gv_set(m, d.a.class_, cls.ptr);
			continue;
		}
		if (it->span) {
			/* a bar over [earliest, latest] in the label's lane, light and dashed */
			char fill[10];
			with_alpha(fill, ty->color, st->tl.span_opacity);
			double bw = le->x1 - le->x0 < 2 ? 2 : le->x1 - le->x0;
			Agnode_t *bar = new_node(&d, "s", k);
			set_pos(&d, bar, le->x0 + bw / 2, near + sign * (sh / 2 + 1));
			set_size(&d, bar, bw, sh);
			ctl_gv_set(bar, d.a.style, "filled,dashed");
			ctl_gv_set(bar, d.a.fillcolor, fill);
			ctl_gv_set(bar, d.a.color, ty->color);
			ctl_gv_set(bar, d.a.penwidth, "0.8");
			ctl_buf_clear(&idb);
			ctl_buf_printf(&idb, "event-%s-span", ids[it->ev]);
			ctl_gv_set(bar, d.a.id, idb.ptr);
			ctl_buf_puts(&cls, " span");
			ctl_gv_set(bar, d.a.class_, cls.ptr);
			/* dashed leaders from the axis to both ends of the bar (one
			 * for a bar too short to tell two apart) */
			double l1[4] = { le->x0, 0, le->x0, near + sign };
			line_edge(&d, bar, ln, l1, 2, ty->color, "dashed", 0.6, "leader");
			if (le->x1 - le->x0 >= 8) {
				double l2[4] = { le->x1, 0, le->x1, near + sign };
				line_edge(&d, bar, ln, l2, 2, ty->color, "dashed", 0.6, "leader");
			}
			continue;
		}
		/* a point: the marker on the axis (stacked for same-day events) */
		double my = le->stack * step;
		Agnode_t *m = new_node(&d, "m", k);
		set_pos(&d, m, le->x0, my);
		set_size(&d, m, ms, ms);
		ctl_gv_set(m, d.a.shape, ty->shape);
		bool hollow = e->when.certainty == CTL_CERT_INFERRED ||
			e->when.earliest == CTL_DAY_NONE || e->when.latest == CTL_DAY_NONE;
		ctl_gv_set(m, d.a.fillcolor, hollow ? st->background : ty->color);
		ctl_gv_set(m, d.a.color, ty->color);
		ctl_buf_clear(&idb);
		ctl_buf_printf(&idb, "event-%s-marker", ids[it->ev]);
		ctl_gv_set(m, d.a.id, idb.ptr);
		ctl_buf_puts(&cls, " marker");
		ctl_gv_set(m, d.a.class_, cls.ptr);
		double from = above ? my + ms / 2 : my - ms / 2;
		double l1[4] = { le->x0, from, le->x0, near };
		line_edge(&d, m, ln, l1, 2, NULL, hollow ? "dashed" : NULL, 0, "leader");
	}
	ctl_buf_release(&cls);
	ctl_buf_release(&idb);
	ctl_gv_free_ids(ids, n);
	for (size_t k = 0; k < n; k++)
		ctl_buf_release(&items[k].text);
	free(items);
	free(lev);
	ctl_buf_release(&sub);
	ctl_lay_timeline_release(&lay);
	ctl_buf_release(&d.b);
	ctl_buf_release(&d.t);
	return ctl_gv_layout(s, "nop2", err);
}
