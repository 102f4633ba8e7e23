/*
 * Exports and the curation loop.
 *
 * A timeline goes out as CSV for spreadsheets (events.csv, actors.csv,
 * links.csv, documents.csv), the events JSON, TimelineJS (its JSON format
 * and its spreadsheet-template CSV), DOT and GraphML of the actor-event
 * graph, and a self-contained HTML report. The CSV tables come back in
 * (ctl_timeline_from_csv): a user fixes a title or a date in a spreadsheet
 * and every command sees the change. Export -> import -> export gives
 * identical bytes. The columns, the list and span encodings and the rules
 * of the import are in docs/export.md.
 *
 * Every output is deterministic (the same timeline gives the same bytes)
 * and built in memory; the functions that write files write each one
 * atomically (ctl_write_file_atomic).
 */
#ifndef CTIMELINE_EXPORT_H
#define CTIMELINE_EXPORT_H

#include "common.h"
#include "render.h"
#include "timeline.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ctl_export_format {
	CTL_EXPORT_CSV = 0,        /* a directory of CSV tables (ctl_export_csv) */
	CTL_EXPORT_JSON,           /* the events JSON, as `extract` writes it */
	CTL_EXPORT_TIMELINEJS,     /* TimelineJS3 JSON: title, events[] */
	CTL_EXPORT_TIMELINEJS_CSV, /* TimelineJS's Google-spreadsheet template columns */
	CTL_EXPORT_DOT,            /* the actor-event graph, Graphviz DOT (written by cgraph) */
	CTL_EXPORT_GRAPHML         /* the actor-event graph, GraphML */
} ctl_export_format;

/* "csv", "json", "timelinejs", "timelinejs-csv", "dot", "graphml". */
const char *ctl_export_format_name(ctl_export_format f);
/* The reverse; CTL_EINVAL for an unknown name. */
int ctl_export_format_parse(const char *s, ctl_export_format *out);

typedef struct ctl_export_options {
	const char *title;     /* TimelineJS title slide, graph name label; NULL: "Timeline" */
} ctl_export_options;

/*
 * Exports tl in a single-file format (any but CTL_EXPORT_CSV): *out gets
 * a new NUL-terminated buffer of *len bytes that the caller frees with
 * free(). opts may be NULL. Errors: CTL_EINVAL for CTL_EXPORT_CSV or an
 * unknown format, CTL_ENOMEM.
 */
int ctl_export(char **out, size_t *len, const ctl_timeline *tl, ctl_export_format f,
		const ctl_export_options *opts, ctl_error *err);

/* ---- CSV tables ---------------------------------------------------------- */

typedef enum ctl_csv_table {
	CTL_CSV_EVENTS = 0,    /* events.csv: one event per row */
	CTL_CSV_ACTORS,        /* actors.csv: one actor per row */
	CTL_CSV_LINKS,         /* links.csv: one (event, actor) pair per row */
	CTL_CSV_DOCUMENTS,     /* documents.csv: one article per row */
	CTL_CSV_NTABLES
} ctl_csv_table;

/* The table's file name: "events.csv", "actors.csv", "links.csv", "documents.csv". */
const char *ctl_csv_table_file(ctl_csv_table t);

/* The tables in memory; data[i] is NUL-terminated (or NULL when absent). */
typedef struct ctl_csv_files {
	char *data[CTL_CSV_NTABLES];
	size_t len[CTL_CSV_NTABLES];
} ctl_csv_files;

/*
 * Writes tl as the four tables (RFC 4180, UTF-8 without a byte-order mark,
 * every field quoted, CRLF line ends, a header row). A field that starts
 * with '=', '+', '-', '@', TAB or CR, after any apostrophes, gets one more
 * leading apostrophe (OWASP "CSV injection"); the import removes exactly
 * that one. The caller releases *out with ctl_csv_files_release.
 */
int ctl_export_csv(ctl_csv_files *out, const ctl_timeline *tl, ctl_error *err);
void ctl_csv_files_release(ctl_csv_files *f);

/*
 * Writes the four tables into the directory `dir` (which must exist), each
 * file atomically. Every table is built before the first file is written.
 */
int ctl_export_csv_dir(const char *dir, const ctl_timeline *tl, ctl_error *err);

/* One table to read: `name` names it in messages; data NULL: absent. */
typedef struct ctl_csv_source {
	const char *name;
	const char *data;
	size_t len;
} ctl_csv_source;

/*
 * Reads the tables back into a new timeline (the caller frees it with
 * ctl_timeline_free). src[CTL_CSV_EVENTS] is required; the others are used
 * when their data is not NULL. Columns are found by header name (case and
 * the spelling "source documents" / "source_documents" do not matter), in
 * any order; unknown columns are ignored.
 *
 * Errors are CTL_EDATA with "NAME:LINE:COLUMN: problem" (LINE is the line
 * of the file where the field starts, COLUMN the 1-based field number): an
 * unparsable date, an actor or a document that no table defines, a missing
 * required column, an unterminated quote, more fields than the header has
 * columns, invalid UTF-8, a duplicate id.
 */
int ctl_timeline_from_csv_data(ctl_timeline **out, const ctl_csv_source src[CTL_CSV_NTABLES],
		ctl_error *err);

/*
 * Reads `events_csv` (a path; "-" is standard input) and, when they exist
 * in the same directory, actors.csv, links.csv and documents.csv. As
 * ctl_timeline_from_csv_data, plus CTL_ENOTFOUND / CTL_EIO / CTL_ELIMIT
 * for a file that cannot be read.
 */
int ctl_timeline_from_csv(ctl_timeline **out, const char *events_csv, ctl_error *err);

/*
 * The input loader every command shares: reads an events JSON file or an
 * events.csv (with its sibling tables) into a new timeline that the caller
 * frees with ctl_timeline_free. The kind is decided by the extension
 * (".json", ".csv", case-insensitive), else by the content (a '{' first:
 * JSON). Errors as ctl_timeline_from_json / ctl_timeline_from_csv.
 */
int ctl_timeline_load(ctl_timeline **out, const char *path, ctl_error *err);

/* True when `path` names a file ctl_timeline_load reads by its extension
 * (".json" or ".csv"): what the commands take as "an events file" rather
 * than articles. */
bool ctl_timeline_path_is_events(const char *path);

/* ---- HTML report ---------------------------------------------------------- */

/*
 * The report draws its diagrams only up to these sizes, so that a large
 * corpus gives a page in seconds (measured: the graph of 3,000 events takes
 * about 3 s to lay out, of 10,000 about 40 s; the timeline of 20,000 events
 * a few seconds, of 100,000 over 20 s and 1.3 GB). Larger timelines get a
 * note instead; `ctimeline render` draws them.
 */
#define CTL_REPORT_MAX_TIMELINE_EVENTS 20000
#define CTL_REPORT_MAX_GRAPH_EVENTS 3000

typedef struct ctl_report_options {
	const char *title;        /* the page's heading; NULL: "Timeline" */
	const ctl_style *style;   /* the diagrams' style; NULL: the built-in default */
	bool no_diagrams;         /* leave out the timeline and graph SVG */
	ctl_render_warn_fn warn;  /* Graphviz warnings and omitted diagrams; NULL: dropped */
	void *warn_user;
} ctl_report_options;

/*
 * One self-contained HTML page: the timeline and the actor-event graph as
 * inline SVG, the events (date, title, actors, sources with the quoted
 * sentence), the actors and the documents with their dates, a print
 * stylesheet. It makes no external request (a Content-Security-Policy
 * forbids them) and every text from the articles is escaped. A diagram
 * that cannot be drawn (too large, a Graphviz error) is left out with a
 * note on the page and a call to opts->warn; the page is still written.
 * *out gets a new buffer of *len bytes (the caller frees it with free()).
 */
int ctl_report_html(char **out, size_t *len, const ctl_timeline *tl,
		const ctl_report_options *opts, ctl_error *err);

#ifdef __cplusplus
}
#endif
#endif
