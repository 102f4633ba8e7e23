/*
 * TimelineJS (Knight Lab, TimelineJS3): its JSON format and its
 * Google-spreadsheet template.
 *
 * JSON format (timeline.knightlab.com/docs/json-format.html): an object
 * with "title" (a slide) and "events" (slides). A slide has "start_date"
 * (required for events) and "end_date", date objects {"year", "month",
 * "day"} of numbers, "text" {"headline", "text"}, "group",
 * "display_date" and "unique_id". Headline and text are HTML to
 * TimelineJS, so every text from the articles is escaped here.
 *
 * Spreadsheet template columns (what TimelineJS reads from a published
 * Google Sheet): Year, Month, Day, Time, End Year, End Month, End Day,
 * End Time, Display Date, Headline, Text, Media, Media Credit,
 * Media Caption, Media Thumbnail, Type, Group, Background.
 *
 * An event without any known date cannot be placed and is left out (the
 * title slide says how many were).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <csv.h>
#include "export_internal.h"
#include "util.h"

/* The dates of a slide: start (and end when the event spans more than its
 * own precision: an interval known by bounds only). false: undated. */
typedef struct slide_dates {
	int y[2], m[2], d[2];     /* m, d 0: absent */
	bool has_end;
	char display[64];         /* "" or a display_date for bounded events */
} slide_dates;

static bool slide_dates_of(const ctl_interval *iv, slide_dates *sd)
{
	memset(sd, 0, sizeof(*sd));
	if (iv->earliest == CTL_DAY_NONE && iv->latest == CTL_DAY_NONE)
		return false;
	ctl_day first = iv->earliest != CTL_DAY_NONE ? iv->earliest : iv->latest;
	ctl_day_to_ymd(first, &sd->y[0], &sd->m[0], &sd->d[0]);
	switch (iv->precision) {
	case CTL_PREC_YEAR:
		sd->m[0] = 0;
		/* fall through */
	case CTL_PREC_MONTH:
		sd->d[0] = 0;
		/* fall through */
	case CTL_PREC_DAY:
		return true;
	case CTL_PREC_NONE:
		break;
	}
	if (iv->earliest != CTL_DAY_NONE && iv->latest != CTL_DAY_NONE && iv->latest != iv->earliest) {
		ctl_day_to_ymd(iv->latest, &sd->y[1], &sd->m[1], &sd->d[1]);
		sd->has_end = true;
	}
	ctl_buf b = CTL_BUF_INIT;
	ctl_interval_describe(&b, iv);
	snprintf(sd->display, sizeof(sd->display), "%s", b.ptr);
	ctl_buf_release(&b);
	return true;
}

/* The slide's body, HTML: type and place, actors, the quoted sources. */
static void slide_text(ctl_buf *b, const ctl_timeline *tl, const ctl_event *e)
{
	ctl_buf_puts(b, "<p>");
	ctl_xml_escape_str(b, e->type ? e->type : "other");
	if (e->place) {
		ctl_buf_puts(b, " &middot; ");
		ctl_xml_escape_str(b, e->place);
	}
	ctl_buf_puts(b, "</p>");
	if (e->nactors) {
		ctl_buf_puts(b, "<p>");
		for (size_t k = 0; k < e->nactors; k++) {
			size_t a = e->actors[k];
			if (k)
				ctl_buf_puts(b, ", ");
			ctl_xml_escape_str(b, a < tl->nactors ? tl->actors[a].name : "");
		}
		ctl_buf_puts(b, "</p>");
	}
	for (size_t k = 0; k < e->nsources; k++) {
		const ctl_ref *r = &e->sources[k];
		ctl_buf_puts(b, "<blockquote>");
		ctl_xml_escape_str(b, r->text);
		ctl_buf_puts(b, "</blockquote>");
		if (r->doc < tl->ndocs) {
			const ctl_doc_info *d = &tl->docs[r->doc];
			ctl_buf_puts(b, "<p><cite>");
			ctl_xml_escape_str(b, d->title ? d->title : d->id);
			char day[11];
			ctl_interval_format(&d->dct, day);
			if (day[0])
				ctl_buf_printf(b, " (%s)", day);
			ctl_buf_puts(b, "</cite></p>");
		}
	}
}

static char *escaped(const char *s)
{
	ctl_buf b = CTL_BUF_INIT;
	ctl_xml_escape_str(&b, s ? s : "");
	return ctl_buf_detach(&b, NULL);
}

/*
 * JSON text (RFC 8259) written straight into the buffer: the export is one
 * pass over the events, its memory the size of the output. Strings are
 * valid UTF-8 (invalid bytes become U+FFFD); '"', '\\' and control
 * characters are escaped. (No "</script" can occur: text from articles is
 * HTML-escaped before it gets here, so the file may also be inlined in a
 * page's <script> element.)
 */
static void json_str(ctl_buf *b, const char *s)
{
	ctl_buf clean = CTL_BUF_INIT;
	ctl_utf8_sanitize(&clean, s ? s : "", s ? strlen(s) : 0);
	ctl_buf_putc(b, '"');
	const char *p = clean.ptr, *run = p;
	for (; *p; p++) {
		unsigned char c = (unsigned char)*p;
		const char *rep = NULL;
		char u[8];
		if (c == '"')
			rep = "\\\"";
		else if (c == '\\')
			rep = "\\\\";
		else if (c == '\n')
			rep = "\\n";
		else if (c == '\r')
			rep = "\\r";
		else if (c == '\t')
			rep = "\\t";
		else if (c < 0x20) {
			snprintf(u, sizeof(u), "\\u%04x", c);
			rep = u;
		}
		if (rep) {
			ctl_buf_put(b, run, (size_t)(p - run));
			ctl_buf_puts(b, rep);
			run = p + 1;
		}
	}
	ctl_buf_put(b, run, (size_t)(p - run));
	ctl_buf_putc(b, '"');
	ctl_buf_release(&clean);
}

/* "key": "value" at the given indentation, with a comma before unless first. */
static void json_key(ctl_buf *b, int indent, bool first, const char *key)
{
	ctl_buf_puts(b, first ? "\n" : ",\n");
	for (int i = 0; i < indent; i++)
		ctl_buf_puts(b, "  ");
	json_str(b, key);
	ctl_buf_puts(b, ": ");
}

static void json_date(ctl_buf *b, const slide_dates *sd, int i)
{
	ctl_buf_printf(b, "{\"year\": %d", sd->y[i]);
	if (sd->m[i])
		ctl_buf_printf(b, ", \"month\": %d", sd->m[i]);
	if (sd->d[i])
		ctl_buf_printf(b, ", \"day\": %d", sd->d[i]);
	ctl_buf_putc(b, '}');
}

/* A unique_id TimelineJS can put in a URL fragment: the event's id when it
 * is made of letters, digits, '-' and '_', else "event-N". */
static void slide_id(char *out, size_t n, const ctl_event *e, size_t index)
{
	bool ok = e->id && *e->id && strlen(e->id) < n;
	for (const char *p = e->id; ok && *p; p++)
		ok = ctl_is_alnum((unsigned char)*p) || *p == '-' || *p == '_';
	if (ok)
		snprintf(out, n, "%s", e->id);
	else
		snprintf(out, n, "event-%zu", index + 1);
}

/* "text": {"headline": ..., "text": ...} (both HTML, already escaped). */
static void json_text(ctl_buf *b, int indent, const char *headline_html, const char *text_html)
{
	json_key(b, indent, false, "text");
	ctl_buf_putc(b, '{');
	json_key(b, indent + 1, true, "headline");
	json_str(b, headline_html);
	json_key(b, indent + 1, false, "text");
	json_str(b, text_html);
	ctl_buf_putc(b, '\n');
	for (int i = 0; i < indent; i++)
		ctl_buf_puts(b, "  ");
	ctl_buf_putc(b, '}');
}

static void title_text(ctl_buf *b, const ctl_timeline *tl, size_t shown)
{
	ctl_buf_printf(b, "<p>%zu events from %zu documents", shown, tl->ndocs);
	if (shown < tl->nevents)
		ctl_buf_printf(b, "; %zu without a date are not shown", tl->nevents - shown);
	ctl_buf_puts(b, ".</p>");
}

int ctl_export_timelinejs(char **out, size_t *len, const ctl_timeline *tl,
		const ctl_export_options *opts, ctl_error *err)
{
	ctl_buf o = CTL_BUF_INIT, text = CTL_BUF_INIT;
	size_t shown = 0;
	bool first = true;
	(void)err;
	ctl_buf_puts(&o, "{");
	json_key(&o, 1, true, "events");
	ctl_buf_putc(&o, '[');
	for (size_t i = 0; i < tl->nevents; i++) {
		const ctl_event *e = &tl->events[i];
		slide_dates sd;
		if (!slide_dates_of(&e->when, &sd))
			continue;
		shown++;
		ctl_buf_puts(&o, first ? "\n    {" : ",\n    {");
		first = false;
		char id[64];
		slide_id(id, sizeof(id), e, i);
		json_key(&o, 3, true, "unique_id");
		json_str(&o, id);
		json_key(&o, 3, false, "start_date");
		json_date(&o, &sd, 0);
		if (sd.has_end) {
			json_key(&o, 3, false, "end_date");
			json_date(&o, &sd, 1);
		}
		if (sd.display[0]) {
			json_key(&o, 3, false, "display_date");
			json_str(&o, sd.display);
		}
		char *h = escaped(e->title);
		ctl_buf_clear(&text);
		slide_text(&text, tl, e);
		json_text(&o, 3, h, text.ptr);
		free(h);
		json_key(&o, 3, false, "group");
		json_str(&o, e->type ? e->type : "other");
		ctl_buf_puts(&o, "\n    }");
	}
	ctl_buf_puts(&o, first ? "]" : "\n  ]");
	json_key(&o, 1, false, "title");
	ctl_buf_putc(&o, '{');
	char *h = escaped(opts->title ? opts->title : "Timeline");
	ctl_buf_clear(&text);
	title_text(&text, tl, shown);
	ctl_buf_puts(&o, "\n    \"text\": {");
	json_key(&o, 3, true, "headline");
	json_str(&o, h);
	json_key(&o, 3, false, "text");
	json_str(&o, text.ptr);
	ctl_buf_puts(&o, "\n    }\n  }");
	free(h);
	json_key(&o, 1, false, "scale");
	json_str(&o, "human");
	ctl_buf_puts(&o, "\n}\n");
	ctl_buf_release(&text);
	*out = ctl_buf_detach(&o, len);
	return 0;
}

/* ---- the spreadsheet template ------------------------------------------------ */

static void put(ctl_buf *o, size_t *col, const char *s)
{
	/* the template is read by TimelineJS, not opened as formulas: still,
	 * people open it in a spreadsheet first, so it is guarded the same way */
	ctl_buf g = CTL_BUF_INIT;
	size_t n = strlen(s);
	if ((*col)++)
		ctl_buf_putc(o, ',');
	if (ctl_csv_needs_guard(s, n)) {
		ctl_buf_putc(&g, '\'');
		ctl_buf_put(&g, s, n);
		s = g.ptr;
		n = g.len;
	}
	size_t need = csv_write(NULL, 0, s, n);
	ctl_buf_grow(o, need);
	csv_write(o->ptr + o->len, need, s, n);
	o->len += need;
	o->ptr[o->len] = '\0';
	ctl_buf_release(&g);
}

/* A number, or an empty field when absent. */
static void put_num(ctl_buf *o, size_t *col, int v, bool present)
{
	char b[16] = "";
	if (present)
		snprintf(b, sizeof(b), "%d", v);
	put(o, col, b);
}

static void end_row(ctl_buf *o, size_t *col)
{
	ctl_buf_put(o, "\r\n", 2);
	*col = 0;
}

int ctl_export_timelinejs_csv(char **out, size_t *len, const ctl_timeline *tl,
		const ctl_export_options *opts, ctl_error *err)
{
	static const char *const cols[] = {
		"Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time",
		"Display Date", "Headline", "Text", "Media", "Media Credit", "Media Caption",
		"Media Thumbnail", "Type", "Group", "Background", NULL
	};
	ctl_buf o = CTL_BUF_INIT, text = CTL_BUF_INIT;
	size_t col = 0, shown = 0;
	(void)err;
	for (size_t i = 0; cols[i]; i++)
		put(&o, &col, cols[i]);
	end_row(&o, &col);
	for (size_t i = 0; i < tl->nevents; i++)
		if (tl->events[i].when.earliest != CTL_DAY_NONE || tl->events[i].when.latest != CTL_DAY_NONE)
			shown++;
	/* the title slide: Type "title", no date */
	char *h = escaped(opts->title ? opts->title : "Timeline");
	title_text(&text, tl, shown);
	for (int k = 0; k < 9; k++)
		put(&o, &col, "");
	put(&o, &col, h);
	put(&o, &col, text.ptr);
	for (int k = 0; k < 4; k++)
		put(&o, &col, "");
	put(&o, &col, "title");
	put(&o, &col, "");
	put(&o, &col, "");
	end_row(&o, &col);
	free(h);
	for (size_t i = 0; i < tl->nevents; i++) {
		const ctl_event *e = &tl->events[i];
		slide_dates sd;
		if (!slide_dates_of(&e->when, &sd))
			continue;
		put_num(&o, &col, sd.y[0], true);
		put_num(&o, &col, sd.m[0], sd.m[0] != 0);
		put_num(&o, &col, sd.d[0], sd.d[0] != 0);
		put(&o, &col, "");
		put_num(&o, &col, sd.y[1], sd.has_end);
		put_num(&o, &col, sd.m[1], sd.has_end && sd.m[1]);
		put_num(&o, &col, sd.d[1], sd.has_end && sd.d[1]);
		put(&o, &col, "");
		put(&o, &col, sd.display);
		h = escaped(e->title);
		put(&o, &col, h);
		free(h);
		ctl_buf_clear(&text);
		slide_text(&text, tl, e);
		put(&o, &col, text.ptr);
		for (int k = 0; k < 4; k++)
			put(&o, &col, "");
		put(&o, &col, "");
		put(&o, &col, e->type ? e->type : "other");
		put(&o, &col, "");
		end_row(&o, &col);
	}
	ctl_buf_release(&text);
	*out = ctl_buf_detach(&o, len);
	return 0;
}
