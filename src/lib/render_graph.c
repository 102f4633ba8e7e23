/*
 * The graph views, laid out by a Graphviz engine chosen by size:
 *
 *   graph   actors and events as two kinds of nodes, an edge from an actor
 *           to each event it takes part in. Small graphs go to dot, with
 *           events in date order (an invisible root whose out-edges, in
 *           date order, fix the order of the event rank: a star, never a
 *           chain of events); medium ones to neato and large ones to
 *           sfdp, both starting from the events on a grid in reading order
 *           by date and each actor amid its events.
 *   actors  actors only, an edge per pair of actors sharing events,
 *           weighted by how many; neato, or sfdp when large.
 *
 * Every engine has a node limit (measured on Graphviz 2.42: dot on a
 * bipartite graph takes 49-104 s at 10,000 nodes, neato with pins 15 s and
 * 500 MB): a graph above it is refused with CTL_ELIMIT, never left to hang.
 * Edges are straight lines except under dot (spline routing on large
 * graphs takes minutes or crashes).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "layout.h"
#include "render_internal.h"
#include "util.h"

typedef struct engine_limit {
	const char *name;
	size_t max_nodes, max_edges;
} engine_limit;

static const engine_limit engines[] = {
	{ "dot", 3000, 20000 },
	{ "neato", 3000, 50000 },
	{ "fdp", 2000, 20000 },
	{ "sfdp", 200000, 1000000 },
	{ "twopi", 3000, 20000 },
	{ "circo", 1000, 10000 },
};
#define NENGINES (sizeof(engines) / sizeof(engines[0]))

/* Pairs of actors taken from one event at most (an event naming more
 * actors links its first 60 only), and actor-actor edges drawn at most
 * (the heaviest). */
#define MAX_ACTORS_PER_EVENT 60
#define MAX_ACTOR_EDGES 20000
/* Actor pairs held before merging duplicates (24 bytes each). */
#define MAX_PAIRS 4000000

typedef struct gsyms {
	Agsym_t *label, *shape, *style, *color, *fillcolor, *fontcolor, *fontsize, *id,
		*class_, *tooltip, *pos, *width, *height, *ordering;
	Agsym_t *e_style, *e_color, *e_penwidth, *e_tooltip, *e_class, *e_weight;
} gsyms;

typedef struct date_key {
	ctl_day lo, hi;
	size_t i;
} date_key;

static int cmp_date(const void *a, const void *b)
{
	const date_key *x = a, *y = b;
	bool xu = x->lo == CTL_DAY_NONE, yu = y->lo == CTL_DAY_NONE;
	if (xu != yu)
		return xu ? 1 : -1;
	if (x->lo != y->lo)
		return x->lo < y->lo ? -1 : 1;
	if (x->hi != y->hi)
		return x->hi < y->hi ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* Event indices in date order (undated last, then input order). */
static size_t *events_by_date(const ctl_timeline *tl)
{
	size_t n = tl->nevents;
	date_key *k = ctl_xmalloc((n ? n : 1) * sizeof(*k));
	for (size_t i = 0; i < n; i++) {
		const ctl_interval *w = &tl->events[i].when;
		k[i].lo = w->earliest != CTL_DAY_NONE ? w->earliest : w->latest;
		k[i].hi = w->latest != CTL_DAY_NONE ? w->latest : w->earliest;
		k[i].i = i;
	}
	qsort(k, n, sizeof(*k), cmp_date);
	size_t *order = ctl_xmalloc((n ? n : 1) * sizeof(size_t));
	for (size_t i = 0; i < n; i++)
		order[i] = k[i].i;
	free(k);
	return order;
}

static void event_date(ctl_buf *out, const ctl_event *e)
{
	char a[11], b[11];
	const ctl_interval *w = &e->when;
	if (w->earliest != CTL_DAY_NONE && w->earliest == w->latest) {
		ctl_day_format(w->earliest, a);
		ctl_buf_puts(out, a);
	} else if (w->precision == CTL_PREC_MONTH || w->precision == CTL_PREC_YEAR) {
		ctl_interval_format(w, a);
		ctl_buf_puts(out, a);
	} else {
		ctl_day_format(w->earliest, a);
		ctl_day_format(w->latest, b);
		if (a[0] && b[0])
			ctl_buf_printf(out, "%s \xe2\x80\x93 %s", a, b);
		else if (a[0])
			ctl_buf_printf(out, "after %s", a);
		else if (b[0])
			ctl_buf_printf(out, "before %s", b);
		else
			ctl_buf_puts(out, "date unknown");
	}
}

/* A label from plain text (lines separated by '\n', centred). */
static void set_label(Agnode_t *n, Agsym_t *sym, ctl_buf *scratch, const char *text)
{
	ctl_buf_clear(scratch);
	ctl_gv_label_text(scratch, text, strlen(text), "\\n");
	ctl_gv_set(n, sym, scratch->ptr);
}

static const char *event_id(const ctl_timeline *tl, size_t i) { return tl->events[i].id; }
static const char *actor_id(const ctl_timeline *tl, size_t i) { return tl->actors[i].id; }

/* An actor pair and how many events they share. */
typedef struct pair {
	size_t a, b;
	size_t w;
} pair;

static int cmp_pair(const void *x, const void *y)
{
	const pair *p = x, *q = y;
	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	return p->b < q->b ? -1 : p->b > q->b;
}

/* Sorts pairs and merges equal ones, adding their weights; returns the new count. */
static size_t compact_pairs(pair *pairs, size_t n)
{
	if (n < 2)
		return n;
	qsort(pairs, n, sizeof(*pairs), cmp_pair);
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		if (m && pairs[m - 1].a == pairs[i].a && pairs[m - 1].b == pairs[i].b)
			pairs[m - 1].w += pairs[i].w;
		else
			pairs[m++] = pairs[i];
	}
	return m;
}

static int cmp_weight(const void *x, const void *y)
{
	const pair *p = x, *q = y;
	if (p->w != q->w)
		return p->w > q->w ? -1 : 1;
	return cmp_pair(x, y);
}

static int cmp_size(const void *x, const void *y)
{
	size_t a = *(const size_t *)x, b = *(const size_t *)y;
	return a < b ? -1 : a > b;
}

/* The distinct valid actor indices of e, sorted, at most max; returns count. */
static size_t event_actors(const ctl_timeline *tl, const ctl_event *e, size_t *out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < e->nactors && n < max; i++)
		if (e->actors[i] < tl->nactors)
			out[n++] = e->actors[i];
	qsort(out, n, sizeof(size_t), cmp_size);
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (!m || out[m - 1] != out[i])
			out[m++] = out[i];
	return m;
}

static const engine_limit *find_engine(const char *name)
{
	for (size_t i = 0; i < NENGINES; i++)
		if (!strcmp(engines[i].name, name))
			return &engines[i];
	return NULL;
}

int ctl_render_graph_graph(ctl_gv *s, const ctl_timeline *tl, const ctl_style *st,
		const ctl_render_options *o, bool actors_only, ctl_buf *title, ctl_buf *desc,
		ctl_error *err)
{
	Agraph_t *g = s->g;
	int rc = 0;
	size_t na = tl->nactors, ne = actors_only ? 0 : tl->nevents;
	size_t *abuf = ctl_xmalloc(MAX_ACTORS_PER_EVENT * sizeof(size_t));
	size_t *degree = ctl_xcalloc(na ? na : 1, sizeof(size_t));
	pair *pairs = NULL;
	size_t npairs = 0, cap = 0, nedges = 0;

	/* who takes part in what */
	for (size_t i = 0; i < tl->nevents; i++) {
		size_t k = event_actors(tl, &tl->events[i], abuf, MAX_ACTORS_PER_EVENT);
		for (size_t j = 0; j < k; j++)
			degree[abuf[j]]++;
		if (!actors_only) {
			nedges += k;
			continue;
		}
		for (size_t x = 0; x < k; x++)
			for (size_t y = x + 1; y < k; y++) {
				pair *p = CTL_ARRAY_PUSH(pairs, npairs, cap);
				p->a = abuf[x];
				p->b = abuf[y];
				p->w = 1;
			}
		if (npairs > MAX_PAIRS) {
			npairs = compact_pairs(pairs, npairs);
			if (npairs > MAX_PAIRS / 2) {
				rc = ctl_error_set(err, CTL_ELIMIT,
					"more than %d distinct pairs of actors share events: too many to draw",
					MAX_PAIRS / 2);
				goto out;
			}
		}
	}
	if (actors_only) {
		npairs = compact_pairs(pairs, npairs);
		if (npairs > MAX_ACTOR_EDGES) {
			qsort(pairs, npairs, sizeof(*pairs), cmp_weight);
			npairs = MAX_ACTOR_EDGES;
			qsort(pairs, npairs, sizeof(*pairs), cmp_pair);
		}
		nedges = npairs;
	}
	size_t nshown_actors = 0;
	for (size_t i = 0; i < na; i++)
		nshown_actors += degree[i] > 0;
	size_t nnodes = nshown_actors + ne;

	/* the engine: asked for, or by size; bounded either way */
	const char *engine;
	if (o->engine && *o->engine) {
		if (!find_engine(o->engine)) {
			rc = ctl_error_set(err, CTL_EINVAL,
				"unknown layout engine '%.20s' (dot, neato, fdp, sfdp, twopi, circo)", o->engine);
			goto out;
		}
		engine = o->engine;
	} else if (!actors_only && nnodes <= (size_t)st->gr.dot_max_nodes) {
		engine = "dot";
	} else if (nnodes < (size_t)st->gr.sfdp_min_nodes) {
		engine = "neato";
	} else {
		engine = "sfdp";
	}
	const engine_limit *lim = find_engine(engine);
	if (nnodes > lim->max_nodes || nedges > lim->max_edges) {
		rc = ctl_error_set(err, CTL_ELIMIT,
			"the %s graph has %zu nodes and %zu edges; %s is limited to %zu and %zu (use --engine sfdp)",
			actors_only ? "actors" : "actor-event", nnodes, nedges, engine,
			lim->max_nodes, lim->max_edges);
		goto out;
	}
	bool dot = !strcmp(engine, "dot");
	/*
	 * neato, fdp and sfdp start from events in reading order by date and
	 * each actor amid its events, so the order survives where the layout
	 * allows. (sfdp and fdp also draw on the C library's random numbers:
	 * ctl_gv_layout gives them a generator of their own, so every drawing
	 * of a graph is the same and the host program's generator is left
	 * alone.)
	 */
	bool seed_positions = !actors_only && ne > 0 &&
		(!strcmp(engine, "neato") || !strcmp(engine, "fdp") || !strcmp(engine, "sfdp"));

	/* attributes */
	char fsz[32], tsz[32];
	snprintf(fsz, sizeof(fsz), "%g", st->gr.font_size);
	snprintf(tsz, sizeof(tsz), "%g", st->title_size);
	ctl_gv_attr(g, AGRAPH, "bgcolor", st->background);
	ctl_gv_attr(g, AGRAPH, "fontname", st->font);
	ctl_gv_attr(g, AGRAPH, "fontsize", tsz);
	ctl_gv_attr(g, AGRAPH, "fontcolor", st->text);
	ctl_gv_attr(g, AGRAPH, "labelloc", "t");
	ctl_gv_attr(g, AGRAPH, "labeljust", "l");
	ctl_gv_attr(g, AGRAPH, "outputorder", "edgesfirst");
	ctl_gv_attr(g, AGRAPH, "pad", "0.2");
	if (dot) {
		ctl_gv_attr(g, AGRAPH, "rankdir", "LR");
		ctl_gv_attr(g, AGRAPH, "ranksep", "0.9");
		char ns[32];
		snprintf(ns, sizeof(ns), "%g", st->gr.node_sep);
		ctl_gv_attr(g, AGRAPH, "nodesep", ns);
		/* bounded effort in crossing minimisation and network simplex */
		ctl_gv_attr(g, AGRAPH, "mclimit", "2");
		ctl_gv_attr(g, AGRAPH, "nslimit", "20");
		ctl_gv_attr(g, AGRAPH, "nslimit1", "20");
	} else {
		ctl_gv_attr(g, AGRAPH, "splines", "line");
		ctl_gv_attr(g, AGRAPH, "overlap", "prism");
		ctl_gv_attr(g, AGRAPH, "sep", "+4");
		/* a fixed seed: the same input, the same drawing (except that
		 * Graphviz 2.42's sfdp moves large graphs by 0.01 pt with the
		 * heap's addresses: README, limits) */
		ctl_gv_attr(g, AGRAPH, "start", "1");
		ctl_gv_attr(g, AGRAPH, "inputscale", "72");
		if (!strcmp(engine, "neato") || !strcmp(engine, "sfdp"))
			ctl_gv_attr(g, AGRAPH, "maxiter", "300");
	}
	gsyms a;
	a.label = ctl_gv_attr(g, AGNODE, "label", "");
	a.shape = ctl_gv_attr(g, AGNODE, "shape", "box");
	a.style = ctl_gv_attr(g, AGNODE, "style", "filled");
	a.color = ctl_gv_attr(g, AGNODE, "color", st->muted);
	a.fillcolor = ctl_gv_attr(g, AGNODE, "fillcolor", st->background);
	a.fontcolor = ctl_gv_attr(g, AGNODE, "fontcolor", st->text);
	a.fontsize = ctl_gv_attr(g, AGNODE, "fontsize", fsz);
	ctl_gv_attr(g, AGNODE, "fontname", st->font);
	ctl_gv_attr(g, AGNODE, "margin", "0.08,0.04");
	a.id = ctl_gv_attr(g, AGNODE, "id", "");
	a.class_ = ctl_gv_attr(g, AGNODE, "class", "");
	a.tooltip = ctl_gv_attr(g, AGNODE, "tooltip", "");
	a.pos = ctl_gv_attr(g, AGNODE, "pos", "");
	a.width = ctl_gv_attr(g, AGNODE, "width", "0.3");
	a.height = ctl_gv_attr(g, AGNODE, "height", "0.2");
	a.ordering = dot ? ctl_gv_attr(g, AGNODE, "ordering", "") : NULL;
	ctl_gv_attr(g, AGEDGE, "arrowhead", "none");
	ctl_gv_attr(g, AGEDGE, "dir", "none");
	a.e_style = ctl_gv_attr(g, AGEDGE, "style", "solid");
	a.e_color = ctl_gv_attr(g, AGEDGE, "color", st->edge);
	char pw[32];
	snprintf(pw, sizeof(pw), "%g", st->gr.penwidth);
	a.e_penwidth = ctl_gv_attr(g, AGEDGE, "penwidth", pw);
	a.e_tooltip = ctl_gv_attr(g, AGEDGE, "tooltip", "");
	a.e_class = ctl_gv_attr(g, AGEDGE, "class", "");
	a.e_weight = dot ? ctl_gv_attr(g, AGEDGE, "weight", "1") : NULL;

	ctl_buf b = CTL_BUF_INIT, t = CTL_BUF_INIT, lab = CTL_BUF_INIT;
	const char *ttl = o->title && *o->title ? o->title : actors_only ? "Actors" : "Actors and events";
	ctl_buf_puts(title, ttl);
	ctl_gv_label_text(&b, ttl, strlen(ttl), "\\l");
	ctl_buf_puts(&b, "\\l");
	agsafeset(g, "label", b.ptr, "");

	/* actors */
	char **aids = ctl_gv_unique_ids(na, actor_id, tl, 'a');
	Agnode_t **anode = ctl_xcalloc(na ? na : 1, sizeof(*anode));
	for (size_t i = 0; i < na; i++) {
		if (!degree[i])
			continue;
		const ctl_actor *ac = &tl->actors[i];
		const ctl_style_type *ty = &st->actors[ac->type <= CTL_ACTOR_OTHER ? ac->type : CTL_ACTOR_OTHER];
		char name[32];
		snprintf(name, sizeof(name), "a%zu", i);
		Agnode_t *n = anode[i] = agnode(g, name, 1);
		const char *nm = ac->name && *ac->name ? ac->name : "(unnamed)";
		ctl_buf_clear(&lab);
		ctl_lay_wrap(&lab, nm, strlen(nm), st->gr.font_size, st->gr.label_width, 2, NULL);
		set_label(n, a.label, &b, lab.ptr);
		ctl_gv_set(n, a.shape, ty->shape);
		ctl_gv_set(n, a.color, ty->color);
		ctl_gv_set(n, a.fillcolor, ty->fill);
		ctl_buf_clear(&t);
		ctl_buf_printf(&t, "actor-%s", aids[i]);
		ctl_gv_set(n, a.id, t.ptr);
		ctl_buf_clear(&t);
		ctl_buf_printf(&t, "actor actor-%s %s", aids[i], ctl_actor_type_name(ac->type));
		ctl_gv_set(n, a.class_, t.ptr);
		ctl_buf_clear(&t);
		ctl_buf_printf(&t, "%s (%s): %zu event%s", nm, ctl_actor_type_name(ac->type),
			degree[i], degree[i] == 1 ? "" : "s");
		ctl_buf_clear(&b);
		ctl_gv_tooltip_text(&b, t.ptr, t.len, 600);
		ctl_gv_set(n, a.tooltip, b.ptr);
	}

	if (!actors_only) {
		/* events, in date order */
		size_t *order = events_by_date(tl);
		char **eids = ctl_gv_unique_ids(ne, event_id, tl, 'e');
		Agnode_t *root = NULL;
		if (dot && ne) {
			root = agnode(g, "root", 1);
			ctl_gv_set(root, a.style, "invis");
			ctl_gv_set(root, a.width, "0.01");
			ctl_gv_set(root, a.height, "0.01");
			ctl_gv_set(root, a.ordering, "out");
		}
		/* starting positions: events in reading order on a grid, rows top down */
		size_t cols = (size_t)ceil(sqrt((double)ne * 1.5));
		if (cols < 1)
			cols = 1;
		double cell_w = st->gr.label_width + 90, cell_h = 110;
		double *ax = ctl_xcalloc(na ? na : 1, sizeof(double));
		double *ay = ctl_xcalloc(na ? na : 1, sizeof(double));
		for (size_t k = 0; k < ne; k++) {
			size_t i = order[k];
			const ctl_event *e = &tl->events[i];
			const ctl_style_type *ty = ctl_style_event_type(st, e->type);
			char name[32];
			snprintf(name, sizeof(name), "e%zu", k);
			Agnode_t *n = agnode(g, name, 1);
			ctl_buf_clear(&lab);
			event_date(&lab, e);
			ctl_buf_putc(&lab, '\n');
			const char *tt = e->title && *e->title ? e->title : (e->type ? e->type : "event");
			ctl_lay_wrap(&lab, tt, strlen(tt), st->gr.font_size, st->gr.label_width,
				st->gr.title_lines, NULL);
			set_label(n, a.label, &b, lab.ptr);
			ctl_gv_set(n, a.shape, "box");
			ctl_gv_set(n, a.style, "rounded,filled");
			ctl_gv_set(n, a.color, ty->color);
			ctl_gv_set(n, a.fillcolor, ty->fill);
			ctl_buf_clear(&t);
			ctl_buf_printf(&t, "event-%s", eids[i]);
			ctl_gv_set(n, a.id, t.ptr);
			ctl_buf_clear(&t);
			ctl_buf_printf(&t, "event event-%s type-", eids[i]);
			ctl_gv_id_text(&t, ty->name, "other");
			ctl_gv_set(n, a.class_, t.ptr);
			const ctl_ref *src = e->nsources ? &e->sources[0] : &e->trigger;
			if (src->text && *src->text) {
				ctl_buf_clear(&b);
				ctl_gv_tooltip_text(&b, src->text, strlen(src->text), 600);
				ctl_gv_set(n, a.tooltip, b.ptr);
			}
			double gx = (double)(k % cols) * cell_w, gy = -(double)(k / cols) * cell_h;
			if (seed_positions) {
				ctl_buf_clear(&t);
				ctl_gv_num(&t, gx);
				ctl_buf_putc(&t, ',');
				ctl_gv_num(&t, gy);
				ctl_gv_set(n, a.pos, t.ptr);
			}
			if (root) {
				Agedge_t *re = agedge(g, root, n, NULL, 1);
				ctl_gv_set(re, a.e_style, "invis");
				ctl_gv_set(re, a.e_weight, "0");
			}
			size_t m = event_actors(tl, e, abuf, MAX_ACTORS_PER_EVENT);
			for (size_t j = 0; j < m; j++) {
				Agedge_t *ed = agedge(g, anode[abuf[j]], n, NULL, 1);
				ctl_gv_set(ed, a.e_class, "takes-part");
				ax[abuf[j]] += gx;
				ay[abuf[j]] += gy;
			}
		}
		if (seed_positions)
			for (size_t i = 0; i < na; i++) {
				if (!degree[i])
					continue;
				/* amid its events, half a cell off so it does not start on one */
				ctl_buf_clear(&t);
				ctl_gv_num(&t, ax[i] / (double)degree[i] + cell_w / 2);
				ctl_buf_putc(&t, ',');
				ctl_gv_num(&t, ay[i] / (double)degree[i] - cell_h / 2);
				ctl_gv_set(anode[i], a.pos, t.ptr);
			}
		free(ax);
		free(ay);
		ctl_buf_printf(desc, "%s: %zu actors and %zu events, an edge from each actor to each "
			"event it takes part in (%zu edges); events in date order; layout: %s.",
			ttl, nshown_actors, ne, nedges, engine);
		ctl_gv_free_ids(eids, ne);
		free(order);
	} else {
		for (size_t i = 0; i < npairs; i++) {
			Agedge_t *ed = agedge(g, anode[pairs[i].a], anode[pairs[i].b], NULL, 1);
			double w = (double)pairs[i].w;
			char tmp[64];
			snprintf(tmp, sizeof(tmp), "%g", st->gr.penwidth * (1 + log2(w)));
			ctl_gv_set(ed, a.e_penwidth, tmp);
			snprintf(tmp, sizeof(tmp), "%zu shared event%s", pairs[i].w, pairs[i].w == 1 ? "" : "s");
			ctl_gv_set(ed, a.e_tooltip, tmp);
			ctl_gv_set(ed, a.e_class, "shares");
		}
		ctl_buf_printf(desc, "%s: %zu actors, an edge between two actors for the events they "
			"share (%zu edges, thicker for more); layout: %s.", ttl, nshown_actors, npairs, engine);
	}
	ctl_gv_free_ids(aids, na);
	free(anode);
	ctl_buf_release(&b);
	ctl_buf_release(&t);
	ctl_buf_release(&lab);
	rc = ctl_gv_layout(s, engine, err);
out:
	free(abuf);
	free(degree);
	free(pairs);
	return rc;
}
