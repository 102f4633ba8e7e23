/*
 * The HTML report: one self-contained page (no script, no external
 * request; a Content-Security-Policy says so to the browser) with the
 * timeline and the actor-event graph as inline SVG (render.h), the events,
 * the actors and the documents. Every text from the articles goes through
 * ctl_xml_escape; the only markup on the page is ours and Graphviz's SVG
 * (whose text Graphviz escapes). Links inside the page use made-up anchors
 * (#ev-3, #doc-2), never user text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "export_internal.h"
#include "util.h"

static const char stylesheet[] =
	":root{--ink:#1d232a;--muted:#5b6570;--rule:#d5dae0;--band:#f4f6f8;--accent:#2f5d8a}\n"
	"body{font:15px/1.45 \"DejaVu Sans\",system-ui,sans-serif;color:var(--ink);margin:0 auto;"
	"max-width:75rem;padding:1.5rem}\n"
	"h1{font-size:1.7rem;margin:0 0 .3rem}h2{font-size:1.25rem;margin:2rem 0 .6rem;"
	"border-bottom:2px solid var(--rule);padding-bottom:.2rem}\n"
	".summary,.note,footer{color:var(--muted)}nav a{margin-right:1rem}a{color:var(--accent)}\n"
	".figure{overflow:auto;max-height:85vh;border:1px solid var(--rule);background:#fff}\n"
	".figure svg{display:block}\n"
	"table{border-collapse:collapse;width:100%;font-size:.92rem}\n"
	"th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid var(--rule)}\n"
	"th{background:var(--band);position:sticky;top:0}\n"
	"td.date{white-space:nowrap;font-variant-numeric:tabular-nums}\n"
	".type{display:inline-block;font-size:.78rem;color:var(--muted);border:1px solid var(--rule);"
	"border-radius:.6rem;padding:0 .45rem;margin-left:.3rem}\n"
	"blockquote{margin:.2rem 0 .5rem;padding-left:.6rem;border-left:3px solid var(--rule);"
	"white-space:pre-wrap}\n"
	"cite{font-style:normal;font-size:.85rem;color:var(--muted)}\n"
	"ul.actors{margin:0;padding-left:1rem}\n"
	"@media print{\n"
	"  body{max-width:none;padding:0;font-size:10pt;color:#000}\n"
	"  nav{display:none}a{color:inherit;text-decoration:none}\n"
	"  .figure{overflow:visible;max-height:none;border:0}\n"
	"  .figure svg{max-width:100%;height:auto}\n"
	"  section{break-before:page}section#timeline{break-before:auto}\n"
	"  tr,blockquote{break-inside:avoid}th{position:static}\n"
	"  @page{margin:1.5cm}\n"
	"}\n";

static void esc(ctl_buf *b, const char *s)
{
	ctl_xml_escape_str(b, s ? s : "");
}

/* Appends the SVG without its XML prologue and with its ids prefixed, so
 * that two drawings on one page do not share ids. */
static void put_svg(ctl_buf *b, const char *svg, size_t len, const char *prefix)
{
	const char *start = strstr(svg, "<svg");
	if (!start)
		return;
	const char *end = svg + len, *p = start;
	char attr[64];
	int n = snprintf(attr, sizeof(attr), " id=\"%s-", prefix);
	while (p < end) {
		const char *q = strstr(p, " id=\"");
		if (!q || q >= end) {
			ctl_buf_put(b, p, (size_t)(end - p));
			break;
		}
		ctl_buf_put(b, p, (size_t)(q - p));
		ctl_buf_put(b, attr, (size_t)n);
		p = q + 5;
	}
	if (b->len && b->ptr[b->len - 1] != '\n')
		ctl_buf_putc(b, '\n');
}

typedef struct report {
	ctl_buf *b;
	const ctl_timeline *tl;
	const ctl_report_options *opts;
} report;

/* Tells the caller a diagram was left out, and why. */
static void warn_left_out(const report *r, const char *view, const char *why)
{
	if (!r->opts->warn)
		return;
	char msg[600];
	snprintf(msg, sizeof(msg), "%s diagram left out of the report: %s", view, why);
	r->opts->warn(r->opts->warn_user, msg);
}

static void diagram(report *r, ctl_view view, const char *anchor, const char *heading)
{
	ctl_buf *b = r->b;
	ctl_buf_printf(b, "<section id=\"%s\">\n<h2>%s</h2>\n", anchor, heading);
	if (!r->tl->nevents) {
		ctl_buf_puts(b, "<p class=\"note\">Nothing to draw: no events.</p>\n</section>\n");
		return;
	}
	size_t limit = view == CTL_VIEW_TIMELINE ? CTL_REPORT_MAX_TIMELINE_EVENTS : CTL_REPORT_MAX_GRAPH_EVENTS;
	if (r->tl->nevents > limit) {
		char why[160];
		snprintf(why, sizeof(why), "%zu events are more than the report draws (%zu); "
			"'ctimeline render' draws them", r->tl->nevents, limit);
		ctl_buf_printf(b, "<p class=\"note\">This diagram is left out: %s.</p>\n</section>\n", why);
		warn_left_out(r, anchor, why);
		return;
	}
	ctl_render_options ro = { 0 };
	ro.warn = r->opts->warn;
	ro.warn_user = r->opts->warn_user;
	ctl_render_output o = { "svg", NULL, 0 };
	ctl_error err;
	ctl_error_clear(&err);
	if (ctl_render_view(r->tl, view, r->opts->style, &ro, &o, 1, &err) == 0) {
		ctl_buf_printf(b, "<div class=\"figure\" role=\"img\" aria-label=\"%s\">\n", heading);
		put_svg(b, o.data, o.len, anchor);
		ctl_buf_puts(b, "</div>\n");
	} else {
		ctl_buf_puts(b, "<p class=\"note\">This diagram is left out: ");
		esc(b, err.msg);
		ctl_buf_puts(b, ".</p>\n");
		warn_left_out(r, anchor, err.msg);
	}
	free(o.data);
	ctl_buf_puts(b, "</section>\n");
}

static void doc_cite(ctl_buf *b, const ctl_timeline *tl, size_t doc)
{
	if (doc >= tl->ndocs)
		return;
	const ctl_doc_info *d = &tl->docs[doc];
	char day[11];
	ctl_interval_format(&d->dct, day);
	ctl_buf_printf(b, "<cite><a href=\"#doc-%zu\">", doc + 1);
	esc(b, d->title && *d->title ? d->title : d->id);
	ctl_buf_puts(b, "</a>");
	if (day[0])
		ctl_buf_printf(b, ", %s", day);
	ctl_buf_puts(b, "</cite>");
}

static void events_table(report *r)
{
	ctl_buf *b = r->b;
	const ctl_timeline *tl = r->tl;
	ctl_buf_printf(b, "<section id=\"events\">\n<h2>Events (%zu)</h2>\n", tl->nevents);
	if (!tl->nevents) {
		ctl_buf_puts(b, "<p class=\"note\">No events.</p>\n</section>\n");
		return;
	}
	ctl_buf_puts(b, "<table>\n<thead><tr><th>Date</th><th>Event</th><th>Actors</th>"
		"<th>Sources</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < tl->nevents; i++) {
		const ctl_event *e = &tl->events[i];
		ctl_buf_printf(b, "<tr id=\"ev-%zu\"><td class=\"date\">", i + 1);
		ctl_buf cell = CTL_BUF_INIT;
		ctl_interval_describe(&cell, &e->when);
		esc(b, cell.ptr);
		ctl_buf_release(&cell);
		if (e->when.certainty != CTL_CERT_STATED) {
			ctl_buf_puts(b, "<br><span class=\"type\">");
			esc(b, ctl_certainty_name(e->when.certainty));
			ctl_buf_puts(b, "</span>");
		}
		ctl_buf_puts(b, "</td><td>");
		esc(b, e->title);
		ctl_buf_puts(b, "<span class=\"type\">");
		esc(b, e->type ? e->type : "other");
		ctl_buf_puts(b, "</span>");
		if (e->place) {
			ctl_buf_puts(b, "<br><cite>");
			esc(b, e->place);
			ctl_buf_puts(b, "</cite>");
		}
		ctl_buf_puts(b, "</td><td>");
		if (e->nactors) {
			ctl_buf_puts(b, "<ul class=\"actors\">");
			for (size_t k = 0; k < e->nactors; k++) {
				size_t a = e->actors[k];
				if (a >= tl->nactors)
					continue;
				ctl_buf_printf(b, "<li><a href=\"#actor-%zu\">", a + 1);
				esc(b, tl->actors[a].name);
				ctl_buf_puts(b, "</a></li>");
			}
			ctl_buf_puts(b, "</ul>");
		}
		ctl_buf_puts(b, "</td><td>");
		for (size_t k = 0; k < e->nsources; k++) {
			ctl_buf_puts(b, "<blockquote>");
			esc(b, e->sources[k].text);
			ctl_buf_puts(b, "</blockquote>");
			doc_cite(b, tl, e->sources[k].doc);
		}
		ctl_buf_puts(b, "</td></tr>\n");
	}
	ctl_buf_puts(b, "</tbody>\n</table>\n</section>\n");
}

static void actors_table(report *r)
{
	ctl_buf *b = r->b;
	const ctl_timeline *tl = r->tl;
	ctl_buf_printf(b, "<section id=\"actors\">\n<h2>Actors (%zu)</h2>\n", tl->nactors);
	if (!tl->nactors) {
		ctl_buf_puts(b, "<p class=\"note\">No actors.</p>\n</section>\n");
		return;
	}
	size_t *nevents = ctl_xcalloc(tl->nactors, sizeof(size_t));
	for (size_t i = 0; i < tl->nevents; i++)
		for (size_t k = 0; k < tl->events[i].nactors; k++)
			if (tl->events[i].actors[k] < tl->nactors)
				nevents[tl->events[i].actors[k]]++;
	ctl_buf_puts(b, "<table>\n<thead><tr><th>Name</th><th>Type</th><th>Also called</th>"
		"<th>Events</th><th>Mentions</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < tl->nactors; i++) {
		const ctl_actor *a = &tl->actors[i];
		ctl_buf_printf(b, "<tr id=\"actor-%zu\"><td>", i + 1);
		esc(b, a->name);
		ctl_buf_puts(b, "</td><td>");
		esc(b, ctl_actor_type_name(a->type));
		ctl_buf_puts(b, "</td><td>");
		for (size_t k = 0; k < a->naliases; k++) {
			if (k)
				ctl_buf_puts(b, ", ");
			esc(b, a->aliases[k]);
		}
		ctl_buf_printf(b, "</td><td>%zu</td><td>%zu</td></tr>\n", nevents[i], a->nmentions);
	}
	free(nevents);
	ctl_buf_puts(b, "</tbody>\n</table>\n</section>\n");
}

static void documents_table(report *r)
{
	ctl_buf *b = r->b;
	const ctl_timeline *tl = r->tl;
	ctl_buf_printf(b, "<section id=\"documents\">\n<h2>Documents (%zu)</h2>\n", tl->ndocs);
	if (!tl->ndocs) {
		ctl_buf_puts(b, "<p class=\"note\">No documents.</p>\n</section>\n");
		return;
	}
	ctl_buf_puts(b, "<table>\n<thead><tr><th>Published</th><th>Title</th><th>File</th>"
		"</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < tl->ndocs; i++) {
		const ctl_doc_info *d = &tl->docs[i];
		ctl_buf when = CTL_BUF_INIT;
		ctl_interval_describe(&when, &d->dct);
		ctl_buf_printf(b, "<tr id=\"doc-%zu\"><td class=\"date\">", i + 1);
		esc(b, when.ptr);
		ctl_buf_release(&when);
		if (d->dct_source && *d->dct_source) {
			ctl_buf_puts(b, "<br><cite>from ");
			esc(b, d->dct_source);
			ctl_buf_puts(b, "</cite>");
		}
		ctl_buf_puts(b, "</td><td>");
		esc(b, d->title ? d->title : "");
		ctl_buf_puts(b, "</td><td>");
		esc(b, d->path);
		ctl_buf_puts(b, "</td></tr>\n");
	}
	ctl_buf_puts(b, "</tbody>\n</table>\n</section>\n");
}

/* "from 2016-01-01 to 2022-01-27" over the events' known dates, or "". */
static void date_range(ctl_buf *b, const ctl_timeline *tl)
{
	ctl_day lo = CTL_DAY_NONE, hi = CTL_DAY_NONE;
	for (size_t i = 0; i < tl->nevents; i++) {
		const ctl_interval *iv = &tl->events[i].when;
		ctl_day a = iv->earliest != CTL_DAY_NONE ? iv->earliest : iv->latest;
		ctl_day z = iv->latest != CTL_DAY_NONE ? iv->latest : iv->earliest;
		if (a != CTL_DAY_NONE && (lo == CTL_DAY_NONE || a < lo))
			lo = a;
		if (z != CTL_DAY_NONE && (hi == CTL_DAY_NONE || z > hi))
			hi = z;
	}
	if (lo == CTL_DAY_NONE)
		return;
	char x[11], y[11];
	ctl_day_format(lo, x);
	ctl_day_format(hi, y);
	ctl_buf_printf(b, "; dates from %s to %s", x, y);
}

int ctl_report_html(char **out, size_t *len, const ctl_timeline *tl,
		const ctl_report_options *opts, ctl_error *err)
{
	static const ctl_report_options defaults = { 0 };
	if (!opts)
		opts = &defaults;
	(void)err;
	ctl_buf b = CTL_BUF_INIT;
	report r = { &b, tl, opts };
	const char *title = opts->title ? opts->title : "Timeline";
	ctl_buf_puts(&b,
		"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
		"style-src 'unsafe-inline'; img-src data:\">\n"
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
	ctl_buf_printf(&b, "<meta name=\"generator\" content=\"ctimeline %s\">\n<title>", ctl_version());
	esc(&b, title);
	ctl_buf_printf(&b, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<header>\n<h1>", stylesheet);
	esc(&b, title);
	ctl_buf_printf(&b, "</h1>\n<p class=\"summary\">%zu events, %zu actors, %zu documents",
		tl->nevents, tl->nactors, tl->ndocs);
	date_range(&b, tl);
	ctl_buf_puts(&b, ".</p>\n<nav>");
	if (!opts->no_diagrams)
		ctl_buf_puts(&b, "<a href=\"#timeline\">Timeline</a><a href=\"#graph\">Graph</a>");
	ctl_buf_puts(&b, "<a href=\"#events\">Events</a><a href=\"#actors\">Actors</a>"
		"<a href=\"#documents\">Documents</a></nav>\n</header>\n<main>\n");
	if (!opts->no_diagrams) {
		diagram(&r, CTL_VIEW_TIMELINE, "timeline", "Timeline");
		diagram(&r, CTL_VIEW_GRAPH, "graph", "Actors and events");
	}
	events_table(&r);
	actors_table(&r);
	documents_table(&r);
	ctl_buf_printf(&b, "</main>\n<footer><p>Made by ctimeline %s from %zu documents. "
		"Every event cites the sentence it was read from.</p></footer>\n</body>\n</html>\n",
		ctl_version(), tl->ndocs);
	*out = ctl_buf_detach(&b, len);
	return 0;
}
