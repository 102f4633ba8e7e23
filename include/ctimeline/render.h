/*
 * Rendering: the timeline (time to scale on the x axis, events as markers
 * or spans with their labels in lanes above and below the axis), the
 * actor-event graph and the actor-actor graph, drawn through Graphviz
 * (libcgraph + libgvc) into SVG, PNG or PDF in memory, with a style.
 *
 * Positions of the timeline are computed by ctimeline and pinned (the
 * "nop2" layout); the graph views use a Graphviz engine chosen by size
 * (dot for small graphs, neato for medium ones, sfdp for large ones, both
 * started from the events in date order), every engine bounded by a node
 * limit.
 *
 * Text from articles is data: it is escaped for Graphviz labels and for
 * SVG, node names are made-up ids ("e42"), and no URL is ever written.
 * The same input gives byte-identical SVG, whatever the process drew
 * before: the sfdp and fdp engines (large graph views, or --engine) draw
 * on the C library's random(), which each layout switches to a state of
 * its own, seeded as a new process's, and back; the caller's generator is
 * left as it was.
 *
 * Graphviz's context is not thread-safe: call these functions from one
 * thread at a time, and do not call random() or rand() on another thread
 * while they run.
 */
#ifndef CTIMELINE_RENDER_H
#define CTIMELINE_RENDER_H

#include "common.h"
#include "timeline.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A rendering style: fonts, sizes, colours per event and actor type, spacing. */
typedef struct ctl_style ctl_style;

/*
 * Loads a style. `name_or_path` is NULL or "" (the built-in default, the
 * same as styles/default.json), a path to a JSON file (anything with a '/'
 * or ending in ".json"), or a NAME looked up as NAME.json in
 * $CTIMELINE_STYLES_DIR, then in the directories built in (the source
 * tree's styles/, then the installed share/ctimeline/styles). The caller
 * frees the result with ctl_style_free.
 *
 * Errors: CTL_ENOTFOUND (no such style or file), CTL_EIO, CTL_EDATA for
 * invalid JSON, an unknown key or a value of the wrong type or range; the
 * message names the file and the key ("styles/x.json: unknown key
 * 'timeline.lanes'", "x.json: 'font.size' must be a number").
 */
int ctl_style_load(ctl_style **out, const char *name_or_path, ctl_error *err);

/* As ctl_style_load, from JSON text; `name` names it in messages. */
int ctl_style_parse(ctl_style **out, const char *name, const char *json, size_t len,
		ctl_error *err);

/* Where the style was read from ("built-in" for the default). */
const char *ctl_style_source(const ctl_style *style);

void ctl_style_free(ctl_style *style);

typedef enum ctl_view {
	CTL_VIEW_TIMELINE = 0, /* events on a time axis */
	CTL_VIEW_GRAPH,        /* actors and events, an edge per participation */
	CTL_VIEW_ACTORS        /* actors, an edge per pair sharing events (weighted) */
} ctl_view;

/* "timeline", "graph", "actors"; ctl_view_parse returns CTL_EINVAL for others. */
const char *ctl_view_name(ctl_view v);
int ctl_view_parse(const char *s, ctl_view *out);

/* True for the formats this build renders: "svg", "png", "pdf". */
bool ctl_render_format_ok(const char *format);

/* Receives each warning Graphviz reports while drawing: one message per
 * call, without "Warning: " and without a trailing newline. */
typedef void (*ctl_render_warn_fn)(void *user, const char *msg);

typedef struct ctl_render_options {
	const char *title;     /* the diagram's title; NULL: "Timeline" / "Actors and events" / "Actors" */
	const char *engine;    /* graph views: a Graphviz engine (dot, neato, fdp, sfdp, twopi,
	                          circo); NULL: chosen by size. Ignored by the timeline. */
	double dpi;            /* PNG resolution; 0: the style's */
	ctl_render_warn_fn warn; /* NULL: warnings are dropped */
	void *warn_user;
} ctl_render_options;

/* One requested output: set `format`; data/len are filled (the caller frees data with free()). */
typedef struct ctl_render_output {
	const char *format;    /* "svg", "png" or "pdf" */
	char *data;
	size_t len;
} ctl_render_output;

/*
 * Lays out `view` of tl once and renders it into each of outs[0..nouts).
 * style NULL: the built-in default; opts NULL: defaults. On failure every
 * outs[i].data is NULL and err says why: CTL_EINVAL (unknown format or
 * engine), CTL_ELIMIT (the graph is larger than the engine's limit, or the
 * drawing larger than Graphviz can draw), CTL_EDATA (Graphviz reported an
 * error, with its message).
 *
 * PNG is limited by Graphviz (cairo) to 32,767 pixels a side: a drawing
 * that would pass 32,000 pixels a side or 40 megapixels at the requested
 * dpi is rendered at the lower resolution that fits (SVG and PDF are to
 * scale). Graphviz's warnings go to opts->warn; its errors come back in
 * err, never on stderr.
 */
int ctl_render_view(const ctl_timeline *tl, ctl_view view, const ctl_style *style,
		const ctl_render_options *opts, ctl_render_output *outs, size_t nouts,
		ctl_error *err);

/*
 * One view in one format: *out gets a new buffer of *len bytes (the caller
 * frees it with free()); the same errors as ctl_render_view.
 */
int ctl_render_timeline(char **out, size_t *len, const ctl_timeline *tl,
		const ctl_style *style, const char *format, const ctl_render_options *opts,
		ctl_error *err);
int ctl_render_graph(char **out, size_t *len, const ctl_timeline *tl,
		const ctl_style *style, const char *format, const ctl_render_options *opts,
		ctl_error *err);
int ctl_render_actors(char **out, size_t *len, const ctl_timeline *tl,
		const ctl_style *style, const char *format, const ctl_render_options *opts,
		ctl_error *err);

#ifdef __cplusplus
}
#endif
#endif
