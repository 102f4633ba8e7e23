/*
 * The actor-event graph for graph tools: DOT written by cgraph's own
 * writer (agwrite), so that every Graphviz tool and Gephi read it, and
 * GraphML written here (Gephi, yEd, NetworkX).
 *
 * Nodes are named by made-up ids, "e<N>" for the N-th event and "a<N>" for
 * the N-th actor, never by user text; the timeline's own ids travel in the
 * attribute "ctl_id". Events and actors carry their types, dates, titles
 * and names as attributes; an edge joins an event to each of its actors
 * (once), with the attribute role="participant".
 *
 * Text in DOT follows Graphviz's escString rules (Graphviz 2.42): a
 * backslash is written doubled and a line break as "\n" in every text
 * attribute (agwrite does not escape a trailing backslash, which would end
 * the string early), and '&' as "&amp;" in labels (labels decode entities).
 * Invalid UTF-8 and control characters become U+FFFD in both formats.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <graphviz/cgraph.h>
#include "export_internal.h"
#include "util.h"

/* ---- text ------------------------------------------------------------------ */

/* s as a Graphviz escString, valid UTF-8, into b (cleared first). */
static const char *dot_text(ctl_buf *b, const char *s, bool label)
{
	ctl_buf clean = CTL_BUF_INIT;
	ctl_buf_clear(b);
	if (!s)
		return b->ptr;
	ctl_utf8_sanitize(&clean, s, strlen(s));
	for (const char *p = clean.ptr; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '\\')
			ctl_buf_puts(b, "\\\\");
		else if (c == '\r' && p[1] == '\n')
			continue; /* CRLF: the LF makes the break */
		else if (c == '\n' || c == '\r')
			ctl_buf_puts(b, "\\n");
		else if (c == '&' && label)
			ctl_buf_puts(b, "&amp;");
		else if ((c < 0x20 && c != '\t') || c == 0x7F)
			ctl_buf_puts(b, "\xEF\xBF\xBD");
		else
			ctl_buf_putc(b, (char)c);
	}
	ctl_buf_release(&clean);
	return b->ptr;
}

static const char *day_text(char out[11], ctl_day d)
{
	ctl_day_format(d, out);
	return out;
}

static const char *actor_name(const ctl_timeline *tl, size_t a)
{
	return a < tl->nactors && tl->actors[a].name ? tl->actors[a].name : "";
}

/* The events' actors without repeats: calls fn(event, actor) once per pair. */
typedef void (*pair_fn)(void *user, size_t ev, size_t actor);

static void each_link(const ctl_timeline *tl, pair_fn fn, void *user)
{
	size_t *stamp = ctl_xcalloc(tl->nactors ? tl->nactors : 1, sizeof(size_t));
	for (size_t i = 0; i < tl->nevents; i++) {
		const ctl_event *e = &tl->events[i];
		for (size_t k = 0; k < e->nactors; k++) {
			size_t a = e->actors[k];
			if (a >= tl->nactors || stamp[a] == i + 1)
				continue;
			stamp[a] = i + 1;
			fn(user, i, a);
		}
	}
	free(stamp);
}

/* ---- DOT --------------------------------------------------------------------- */

static int put_chan(void *chan, const char *str)
{
	ctl_buf_puts(chan, str);
	return 0;
}

static int flush_chan(void *chan)
{
	(void)chan;
	return 0;
}

static int read_none(void *chan, char *buf, int n)
{
	(void)chan;
	(void)buf;
	(void)n;
	return 0;
}

/* The node attributes, declared once; values are set through their symbols
 * (agxset), which spares a lookup by name per value. */
enum {
	NA_KIND, NA_CTL_ID, NA_LABEL, NA_SHAPE, NA_TYPE, NA_DATE, NA_EARLIEST, NA_LATEST,
	NA_PRECISION, NA_CERTAINTY, NA_TITLE, NA_PLACE, NA_SOURCES, NA_NAME, NA_ALIASES, NA_COUNT
};
static const char *const node_attrs[NA_COUNT] = {
	"kind", "ctl_id", "label", "shape", "type", "date", "earliest", "latest",
	"precision", "certainty", "title", "place", "sources", "name", "aliases"
};

typedef struct dot_state {
	Agraph_t *g;
	Agnode_t **ev, **ac;
	Agsym_t *sym[NA_COUNT];
	Agsym_t *role;
} dot_state;

static void set(dot_state *st, void *obj, int attr, const char *value)
{
	agxset(obj, st->sym[attr], (char *)value);
}

static void dot_edge(void *user, size_t ev, size_t actor)
{
	dot_state *st = user;
	Agedge_t *e = agedge(st->g, st->ev[ev], st->ac[actor], NULL, 1);
	agxset(e, st->role, CTL_LINK_ROLE);
}

int ctl_export_dot(char **out, size_t *len, const ctl_timeline *tl,
		const ctl_export_options *opts, ctl_error *err)
{
	Agiodisc_t io = { read_none, put_chan, flush_chan };
	Agdisc_t disc = { &AgMemDisc, &AgIdDisc, &io };
	Agraph_t *g = agopen("ctimeline", Agundirected, &disc);
	if (!g)
		return ctl_error_set(err, CTL_ENOMEM, "out of memory building the graph");
	ctl_buf t = CTL_BUF_INIT, lab = CTL_BUF_INIT;
	char name[32], d1[11];
	dot_state st = { g, ctl_xcalloc(tl->nevents + 1, sizeof(Agnode_t *)),
		ctl_xcalloc(tl->nactors + 1, sizeof(Agnode_t *)), { NULL }, NULL };

	agattr(g, AGRAPH, "label", (char *)dot_text(&t, opts->title ? opts->title : "Actors and events", true));
	agattr(g, AGRAPH, "rankdir", "LR");
	for (int i = 0; i < NA_COUNT; i++)
		st.sym[i] = agattr(g, AGNODE, (char *)node_attrs[i], "");
	st.role = agattr(g, AGEDGE, "role", "");

	for (size_t i = 0; i < tl->nevents; i++) {
		const ctl_event *e = &tl->events[i];
		snprintf(name, sizeof(name), "e%zu", i + 1);
		Agnode_t *n = st.ev[i] = agnode(g, name, 1);
		set(&st, n, NA_KIND, "event");
		set(&st, n, NA_SHAPE, "box");
		set(&st, n, NA_CTL_ID, dot_text(&t, e->id, false));
		ctl_buf_clear(&lab);
		ctl_interval_describe(&lab, &e->when);
		ctl_buf_putc(&lab, '\n');
		ctl_buf_puts(&lab, e->title ? e->title : "");
		set(&st, n, NA_LABEL, dot_text(&t, lab.ptr, true));
		set(&st, n, NA_TYPE, dot_text(&t, e->type ? e->type : "other", false));
		ctl_interval_format(&e->when, d1);
		set(&st, n, NA_DATE, d1);
		set(&st, n, NA_EARLIEST, day_text(d1, e->when.earliest));
		set(&st, n, NA_LATEST, day_text(d1, e->when.latest));
		set(&st, n, NA_PRECISION, ctl_precision_name(e->when.precision));
		set(&st, n, NA_CERTAINTY, ctl_certainty_name(e->when.certainty));
		set(&st, n, NA_TITLE, dot_text(&t, e->title, false));
		set(&st, n, NA_PLACE, dot_text(&t, e->place, false));
		ctl_buf_clear(&lab);
		for (size_t k = 0; k < e->nsources; k++)
			if (e->sources[k].doc < tl->ndocs)
				ctl_buf_printf(&lab, "%s%s", lab.len ? " " : "", tl->docs[e->sources[k].doc].id);
		set(&st, n, NA_SOURCES, dot_text(&t, lab.ptr, false));
	}
	for (size_t i = 0; i < tl->nactors; i++) {
		const ctl_actor *a = &tl->actors[i];
		snprintf(name, sizeof(name), "a%zu", i + 1);
		Agnode_t *n = st.ac[i] = agnode(g, name, 1);
		set(&st, n, NA_KIND, "actor");
		set(&st, n, NA_SHAPE, "ellipse");
		set(&st, n, NA_CTL_ID, dot_text(&t, a->id, false));
		set(&st, n, NA_LABEL, dot_text(&t, actor_name(tl, i), true));
		set(&st, n, NA_TYPE, ctl_actor_type_name(a->type));
		set(&st, n, NA_NAME, dot_text(&t, a->name, false));
		ctl_buf_clear(&lab);
		for (size_t k = 0; k < a->naliases; k++)
			ctl_buf_printf(&lab, "%s%s", k ? "; " : "", a->aliases[k]);
		set(&st, n, NA_ALIASES, dot_text(&t, lab.ptr, false));
	}
	each_link(tl, dot_edge, &st);

	ctl_buf o = CTL_BUF_INIT;
	int rc = 0;
	if (agwrite(g, &o) != 0)
		rc = ctl_error_set(err, CTL_EIO, "graphviz could not write the DOT graph");
	agclose(g);
	free(st.ev);
	free(st.ac);
	ctl_buf_release(&t);
	ctl_buf_release(&lab);
	if (rc) {
		ctl_buf_release(&o);
		return rc;
	}
	if (!o.len || o.ptr[o.len - 1] != '\n')
		ctl_buf_putc(&o, '\n');
	*out = ctl_buf_detach(&o, len);
	return 0;
}

/* ---- GraphML ------------------------------------------------------------------ */

static const struct { const char *id, *domain, *type; } graphml_keys[] = {
	{ "kind", "node", "string" },
	{ "ctl_id", "node", "string" },
	{ "label", "node", "string" },
	{ "type", "node", "string" },
	{ "date", "node", "string" },
	{ "earliest", "node", "string" },
	{ "latest", "node", "string" },
	{ "precision", "node", "string" },
	{ "certainty", "node", "string" },
	{ "title", "node", "string" },
	{ "place", "node", "string" },
	{ "sources", "node", "string" },
	{ "name", "node", "string" },
	{ "aliases", "node", "string" },
	{ "mentions", "node", "int" },
	{ "role", "edge", "string" },
};

static void data(ctl_buf *o, const char *key, const char *value)
{
	if (!value || !*value)
		return;
	ctl_buf_printf(o, "      <data key=\"%s\">", key);
	ctl_xml_escape_str(o, value);
	ctl_buf_puts(o, "</data>\n");
}

static void graphml_edge(void *user, size_t ev, size_t actor)
{
	ctl_buf *o = user;
	ctl_buf_printf(o, "    <edge source=\"e%zu\" target=\"a%zu\">\n", ev + 1, actor + 1);
	data(o, "role", CTL_LINK_ROLE);
	ctl_buf_puts(o, "    </edge>\n");
}

int ctl_export_graphml(char **out, size_t *len, const ctl_timeline *tl,
		const ctl_export_options *opts, ctl_error *err)
{
	ctl_buf o = CTL_BUF_INIT, t = CTL_BUF_INIT;
	char d1[11];
	(void)err;
	ctl_buf_puts(&o,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
		"    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
		"    xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
		"http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
	for (size_t i = 0; i < sizeof(graphml_keys) / sizeof(graphml_keys[0]); i++)
		ctl_buf_printf(&o, "  <key id=\"%s\" for=\"%s\" attr.name=\"%s\" attr.type=\"%s\"/>\n",
			graphml_keys[i].id, graphml_keys[i].domain, graphml_keys[i].id, graphml_keys[i].type);
	ctl_buf_puts(&o, "  <graph id=\"ctimeline\" edgedefault=\"undirected\">\n    <desc>");
	ctl_xml_escape_str(&o, opts->title ? opts->title : "Actors and events");
	ctl_buf_puts(&o, "</desc>\n");
	for (size_t i = 0; i < tl->nevents; i++) {
		const ctl_event *e = &tl->events[i];
		ctl_buf_printf(&o, "    <node id=\"e%zu\">\n", i + 1);
		data(&o, "kind", "event");
		data(&o, "ctl_id", e->id);
		data(&o, "label", e->title);
		data(&o, "type", e->type ? e->type : "other");
		ctl_interval_format(&e->when, d1);
		data(&o, "date", d1);
		data(&o, "earliest", day_text(d1, e->when.earliest));
		data(&o, "latest", day_text(d1, e->when.latest));
		data(&o, "precision", ctl_precision_name(e->when.precision));
		data(&o, "certainty", ctl_certainty_name(e->when.certainty));
		data(&o, "title", e->title);
		data(&o, "place", e->place);
		ctl_buf_clear(&t);
		for (size_t k = 0; k < e->nsources; k++)
			if (e->sources[k].doc < tl->ndocs)
				ctl_buf_printf(&t, "%s%s", t.len ? " " : "", tl->docs[e->sources[k].doc].id);
		data(&o, "sources", t.ptr);
		ctl_buf_puts(&o, "    </node>\n");
	}
	for (size_t i = 0; i < tl->nactors; i++) {
		const ctl_actor *a = &tl->actors[i];
		ctl_buf_printf(&o, "    <node id=\"a%zu\">\n", i + 1);
		data(&o, "kind", "actor");
		data(&o, "ctl_id", a->id);
		data(&o, "label", a->name);
		data(&o, "type", ctl_actor_type_name(a->type));
		data(&o, "name", a->name);
		ctl_buf_clear(&t);
		for (size_t k = 0; k < a->naliases; k++)
			ctl_buf_printf(&t, "%s%s", k ? "; " : "", a->aliases[k]);
		data(&o, "aliases", t.ptr);
		ctl_buf_clear(&t);
		ctl_buf_printf(&t, "%zu", a->nmentions);
		data(&o, "mentions", t.ptr);
		ctl_buf_puts(&o, "    </node>\n");
	}
	each_link(tl, graphml_edge, &o);
	ctl_buf_puts(&o, "  </graph>\n</graphml>\n");
	ctl_buf_release(&t);
	*out = ctl_buf_detach(&o, len);
	return 0;
}
