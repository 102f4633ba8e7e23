/* Shared by the exporters and the CSV import (not public). */
#ifndef CTL_EXPORT_INTERNAL_H
#define CTL_EXPORT_INTERNAL_H

#include "ctimeline/buf.h"
#include "ctimeline/export.h"

/*
 * The CSV columns, in the order the export writes them (docs/export.md).
 * The import finds them by name in any order.
 */
enum {
	EV_ID, EV_DATE, EV_EARLIEST, EV_LATEST, EV_PRECISION, EV_CERTAINTY, EV_TITLE,
	EV_TYPE, EV_PLACE, EV_ACTORS, EV_SOURCE_DOCUMENTS, EV_SOURCE_SENTENCE,
	EV_TRIGGER, EV_TRIGGER_TEXT, EV_SOURCE_SPANS, EV_OTHER_SENTENCES, EV_NCOLS
};
enum {
	AC_ID, AC_NAME, AC_TYPE, AC_ALIASES, AC_MENTIONS, AC_DOCUMENTS, AC_MENTION_SPANS,
	AC_NCOLS
};
enum { LK_EVENT_ID, LK_ACTOR_ID, LK_ROLE, LK_NCOLS };
enum {
	DC_ID, DC_PATH, DC_TITLE, DC_DATE, DC_EARLIEST, DC_LATEST, DC_PRECISION,
	DC_CERTAINTY, DC_DATE_SOURCE, DC_NCOLS
};

/* Column names per table (NULL-terminated), indexed by the enums above. */
extern const char *const *const ctl_csv_columns[CTL_CSV_NTABLES];

/* The role every link has (the model knows participation only). */
#define CTL_LINK_ROLE "participant"

/*
 * True when a CSV field must get a leading apostrophe against formula
 * injection: after any run of apostrophes it starts with '=', '+', '-',
 * '@', TAB or CR. Import removes one apostrophe from exactly these fields,
 * so every text survives the round trip (docs/export.md).
 */
bool ctl_csv_needs_guard(const char *s, size_t n);

/*
 * Appends s[0..n) escaped for XML/HTML text and attribute values: & < > " '
 * as references, CR as &#13; (so parsers keep it), characters XML 1.0
 * forbids and invalid UTF-8 as U+FFFD.
 */
void ctl_xml_escape(ctl_buf *b, const char *s, size_t n);
void ctl_xml_escape_str(ctl_buf *b, const char *s); /* s may be NULL: nothing */

/* Appends s with invalid UTF-8 bytes replaced by U+FFFD (each). */
void ctl_utf8_sanitize(ctl_buf *b, const char *s, size_t n);

/* The event's interval as text for people: "2017-07-12", "2017-07",
 * "between 2017-07-07 and 2017-12-31", "not before ...", "not after ...", "undated". */
void ctl_interval_describe(ctl_buf *b, const ctl_interval *iv);

/* The single-file formats (ctl_export dispatches; opts is never NULL). */
int ctl_export_timelinejs(char **out, size_t *len, const ctl_timeline *tl,
		const ctl_export_options *opts, ctl_error *err);
int ctl_export_timelinejs_csv(char **out, size_t *len, const ctl_timeline *tl,
		const ctl_export_options *opts, ctl_error *err);
int ctl_export_dot(char **out, size_t *len, const ctl_timeline *tl,
		const ctl_export_options *opts, ctl_error *err);
int ctl_export_graphml(char **out, size_t *len, const ctl_timeline *tl,
		const ctl_export_options *opts, ctl_error *err);

#endif
