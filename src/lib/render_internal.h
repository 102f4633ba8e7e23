/*
 * Shared by the renderers (render_*.c): the style's fields, escaping of
 * text for Graphviz, and a Graphviz session that captures its messages.
 * Graphviz types stay in here and in render_*.c, never in a public header.
 */
#ifndef CTL_RENDER_INTERNAL_H
#define CTL_RENDER_INTERNAL_H

#include <gvc.h>
#include "ctimeline/render.h"
#include "ctimeline/buf.h"

#define CTL_STYLE_MAX_EVENT_TYPES 32
#define CTL_STYLE_NACTOR_TYPES 5

/* How one event type or actor type is drawn. */
typedef struct ctl_style_type {
	char name[32];
	char color[10];     /* "#rrggbb" or "#rrggbbaa": markers, borders */
	char fill[10];      /* graph views: node fill */
	char shape[16];     /* a Graphviz shape from the allowed list */
} ctl_style_type;

struct ctl_style {
	char *source;       /* file the style came from, or "built-in" */
	char font[64];
	double font_size, title_size, small_size;
	char background[10], text[10], muted[10], axis[10], leader[10], label_fill[10], edge[10];
	double width, margin, dpi;
	struct {
		double max_width, max_day_width, label_width;
		int title_lines;
		bool show_actors, show_sources, show_legend;
		double hgap, vgap, clear, marker_size, span_height, span_opacity;
		int max_lanes;
		int gap_min_days;
		double gap_fraction, break_width;
	} tl;
	struct {
		double label_width, font_size, penwidth;
		int title_lines;
		int dot_max_nodes, sfdp_min_nodes;
		double node_sep;
	} gr;
	ctl_style_type events[CTL_STYLE_MAX_EVENT_TYPES];
	size_t nevents;
	ctl_style_type actors[CTL_STYLE_NACTOR_TYPES]; /* by ctl_actor_type */
};

/* Fills s with the built-in default (the same as styles/default.json). */
void ctl_style_init_default(ctl_style *s);

/* The style of an event type; unknown types get "other" (always present). */
const ctl_style_type *ctl_style_event_type(const ctl_style *s, const char *type);

/* ---- escaping ------------------------------------------------------------ */

/*
 * Appends s[0..n) to out for a plain Graphviz label: '\' doubled, '&' as
 * "&amp;" (Graphviz decodes entities in labels), invalid UTF-8 and control
 * characters as '?' and ' ', and each '\n' as `newline` (e.g. "\\l").
 */
void ctl_gv_label_text(ctl_buf *out, const char *s, size_t n, const char *newline);

/* For a tooltip (unescaped twice by Graphviz): '\' as four, '&' as
 * "&amp;", control characters and newlines as spaces, at most max bytes
 * of text (cut at a character boundary, "…" added). */
void ctl_gv_tooltip_text(ctl_buf *out, const char *s, size_t n, size_t max);

/* Appends an id fragment safe in SVG ids and CSS classes: [A-Za-z0-9_-]
 * kept, anything else as '_'; `fallback` when s is NULL or empty. */
void ctl_gv_id_text(ctl_buf *out, const char *s, const char *fallback);

/*
 * Ids for n objects, safe in SVG and CSS (ctl_gv_id_text of get(tl, i), or
 * "<letter><i+1>" when empty) and unique: of equal ones, all but the first
 * get "-<i+1>" added. Free with ctl_gv_free_ids.
 */
char **ctl_gv_unique_ids(size_t n, const char *(*get)(const ctl_timeline *, size_t),
		const ctl_timeline *tl, char letter);
void ctl_gv_free_ids(char **ids, size_t n);

/* Appends s XML-escaped (& < > " '), invalid UTF-8 as '?', controls as ' '. */
void ctl_xml_text(ctl_buf *out, const char *s, size_t n);

/* ---- a Graphviz session ---------------------------------------------------- */

typedef struct ctl_gv {
	GVC_t *gvc;
	Agraph_t *g;
	bool laid_out;
	/* messages Graphviz reported, captured through agseterrf */
	ctl_buf msg;          /* the message being assembled */
	ctl_buf first_error;  /* the first error, "" if none */
	bool in_error;        /* the message being assembled is an error */
	size_t nerrors, nwarnings;
	ctl_render_warn_fn warn;
	void *warn_user;
	agusererrf prev_errf;
} ctl_gv;

/*
 * Starts a session: the process's Graphviz context (made on first use,
 * kept until exit: see render_gv.c) and an empty graph named `name`
 * (directed or not). Graphviz's messages go to this session until
 * ctl_gv_end (Graphviz's error hook has no user pointer).
 */
void ctl_gv_begin(ctl_gv *s, const char *name, bool directed,
		ctl_render_warn_fn warn, void *warn_user);
/* Runs the layout engine; CTL_EDATA with Graphviz's message on failure. */
int ctl_gv_layout(ctl_gv *s, const char *engine, ctl_error *err);
/*
 * Renders into a new malloc'd buffer (the caller frees it with free()).
 * `format`: svg, png or pdf. PNG uses `dpi`, lowered if the image would
 * pass Graphviz's 32,767-pixel limit or 40 megapixels.
 */
int ctl_gv_render(ctl_gv *s, const char *format, double dpi, char **out, size_t *len,
		ctl_error *err);
/* Frees the layout and the graph; restores the error hook. */
void ctl_gv_end(ctl_gv *s);

/* Sets an attribute by its declared symbol (a string built in a ctl_buf). */
static inline void ctl_gv_set(void *obj, Agsym_t *sym, const char *value)
{
	agxset(obj, sym, (char *)value);
}

/* Declares an attribute of kind (AGRAPH, AGNODE, AGEDGE) with a default. */
static inline Agsym_t *ctl_gv_attr(Agraph_t *g, int kind, const char *name, const char *def)
{
	return agattr(g, kind, (char *)name, (char *)def);
}

/*
 * Inserts <title> and <desc> (XML-escaped) as the first children of the
 * root <svg> element of a Graphviz SVG in *svg / *len (reallocated).
 */
void ctl_svg_add_title(char **svg, size_t *len, const char *title, const char *desc);

/* Formats a number for an attribute ("%.2f" without trailing zeros). */
void ctl_gv_num(ctl_buf *out, double v);
/* The same through printf alone (the reference its tests compare with). */
void ctl_gv_num_printf(ctl_buf *out, double v);

/* Renderers of each view: build s->g and lay it out. */
int ctl_render_timeline_graph(ctl_gv *s, const ctl_timeline *tl, const ctl_style *st,
		const ctl_render_options *o, ctl_buf *title, ctl_buf *desc, ctl_error *err);
int ctl_render_graph_graph(ctl_gv *s, const ctl_timeline *tl, const ctl_style *st,
		const ctl_render_options *o, bool actors_only, ctl_buf *title, ctl_buf *desc,
		ctl_error *err);

#endif
