/*
 * The CSV tables for spreadsheets (libcsv): events.csv, actors.csv,
 * links.csv, documents.csv. RFC 4180: every field quoted by csv_write (which
 * doubles '"'), ',' between fields and CRLF after each record written here.
 *
 * Lists in one field ("actors", "aliases", spans) are items joined with
 * "; ", a ';' inside an item doubled; a span is "DOC:START-END" (byte
 * offsets). The layout is documented in docs/export.md; import_csv.c reads
 * it back, and export -> import -> export gives identical bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <csv.h>
#include "ctimeline/io.h"
#include "export_internal.h"
#include "util.h"

static const char *const event_columns[] = {
	"id", "date", "earliest", "latest", "precision", "certainty", "title",
	"type", "place", "actors", "source_documents", "source_sentence",
	"trigger", "trigger_text", "source_spans", "other_sentences", NULL
};
static const char *const actor_columns[] = {
	"id", "name", "type", "aliases", "mentions", "documents", "mention_spans", NULL
};
static const char *const link_columns[] = { "event_id", "actor_id", "role", NULL };
static const char *const document_columns[] = {
	"id", "path", "title", "date", "earliest", "latest", "precision", "certainty",
	"date_source", NULL
};

const char *const *const ctl_csv_columns[CTL_CSV_NTABLES] = {
	event_columns, actor_columns, link_columns, document_columns
};

static const char *const table_files[CTL_CSV_NTABLES] = {
	"events.csv", "actors.csv", "links.csv", "documents.csv"
};

const char *ctl_csv_table_file(ctl_csv_table t)
{
	return (unsigned)t < CTL_CSV_NTABLES ? table_files[t] : "";
}

/* ---- one table being written --------------------------------------------- */

typedef struct table {
	ctl_buf out;      /* the file */
	ctl_buf cell;     /* the field being assembled (lists, guarded text) */
	size_t col;       /* fields written in the current record */
} table;

/* Appends one field: guarded against formulas, quoted by libcsv. */
static void put_field(table *t, const char *s, size_t n)
{
	ctl_buf guarded = CTL_BUF_INIT;
	if (t->col++)
		ctl_buf_putc(&t->out, ',');
	if (ctl_csv_needs_guard(s, n)) {
		ctl_buf_putc(&guarded, '\'');
		ctl_buf_put(&guarded, s, n);
		s = guarded.ptr;
		n = guarded.len;
	}
	/* at most every byte doubled plus the two quotes: one pass of csv_write */
	size_t room = 2 * n + 2;
	ctl_buf_grow(&t->out, room);
	t->out.len += csv_write(t->out.ptr + t->out.len, room, s, n);
	t->out.ptr[t->out.len] = '\0';
	ctl_buf_release(&guarded);
}

static void put_str(table *t, const char *s)
{
	put_field(t, s ? s : "", s ? strlen(s) : 0);
}

/* Puts the assembled t->cell as a field and empties it. */
static void put_cell(table *t)
{
	put_field(t, t->cell.ptr, t->cell.len);
	ctl_buf_clear(&t->cell);
}

static void put_day(table *t, ctl_day d)
{
	char b[11];
	ctl_day_format(d, b);
	put_str(t, b);
}

static void end_record(table *t)
{
	ctl_buf_put(&t->out, "\r\n", 2);
	t->col = 0;
}

static void put_header(table *t, const char *const *cols)
{
	for (size_t i = 0; cols[i]; i++)
		put_str(t, cols[i]);
	end_record(t);
}

/* Appends s to t->cell with every ';' doubled. */
static void put_escaped_item(table *t, const char *s)
{
	for (const char *semi; s && (semi = strchr(s, ';')); s = semi + 1)
		ctl_buf_put(&t->cell, s, (size_t)(semi - s) + 1), ctl_buf_putc(&t->cell, ';');
	if (s)
		ctl_buf_puts(&t->cell, s);
}

/* Appends one list item to t->cell: "; " before all but the first, ';' doubled. */
static void list_item(table *t, const char *s)
{
	if (t->cell.len)
		ctl_buf_put(&t->cell, "; ", 2);
	put_escaped_item(t, s);
}

static const char *doc_id(const ctl_timeline *tl, size_t doc)
{
	return doc < tl->ndocs && tl->docs[doc].id ? tl->docs[doc].id : "";
}

/* Appends "DOC:START-END" as one list item. */
static void span_item(table *t, const ctl_timeline *tl, const ctl_ref *r)
{
	char tail[32];
	list_item(t, doc_id(tl, r->doc));
	snprintf(tail, sizeof(tail), ":%u-%u", (unsigned)r->start, (unsigned)r->end);
	ctl_buf_puts(&t->cell, tail);
}

static void put_interval(table *t, const ctl_interval *iv)
{
	char b[11];
	ctl_interval_format(iv, b);
	put_str(t, b);
	put_day(t, iv->earliest);
	put_day(t, iv->latest);
	put_str(t, ctl_precision_name(iv->precision));
	put_str(t, ctl_certainty_name(iv->certainty));
}

/* ---- the tables ------------------------------------------------------------ */

static void write_events(table *t, const ctl_timeline *tl)
{
	put_header(t, event_columns);
	for (size_t i = 0; i < tl->nevents; i++) {
		const ctl_event *e = &tl->events[i];
		put_str(t, e->id);
		put_interval(t, &e->when);
		put_str(t, e->title);
		put_str(t, e->type ? e->type : "other");
		put_str(t, e->place);
		for (size_t k = 0; k < e->nactors; k++) {
			size_t a = e->actors[k];
			list_item(t, a < tl->nactors ? tl->actors[a].name : "");
		}
		put_cell(t);
		for (size_t k = 0; k < e->nsources; k++)
			list_item(t, doc_id(tl, e->sources[k].doc));
		put_cell(t);
		put_str(t, e->nsources ? e->sources[0].text : "");
		span_item(t, tl, &e->trigger);
		put_cell(t);
		put_str(t, e->trigger.text);
		for (size_t k = 0; k < e->nsources; k++)
			span_item(t, tl, &e->sources[k]);
		put_cell(t);
		/* the texts of sources 2..n; the spans say how many there are */
		for (size_t k = 1; k < e->nsources; k++) {
			if (k > 1)
				ctl_buf_put(&t->cell, "; ", 2);
			put_escaped_item(t, e->sources[k].text);
		}
		put_cell(t);
		end_record(t);
	}
}

static void write_actors(table *t, const ctl_timeline *tl)
{
	/* documents of an actor, each once: stamp[doc] = actor index + 1 */
	size_t *stamp = ctl_xcalloc(tl->ndocs ? tl->ndocs : 1, sizeof(size_t));
	char num[32];
	put_header(t, actor_columns);
	for (size_t i = 0; i < tl->nactors; i++) {
		const ctl_actor *a = &tl->actors[i];
		put_str(t, a->id);
		put_str(t, a->name);
		put_str(t, ctl_actor_type_name(a->type));
		for (size_t k = 0; k < a->naliases; k++)
			list_item(t, a->aliases[k]);
		put_cell(t);
		snprintf(num, sizeof(num), "%zu", a->nmentions);
		put_str(t, num);
		for (size_t k = 0; k < a->nmentions; k++) {
			size_t d = a->mentions[k].doc;
			if (d < tl->ndocs && stamp[d] != i + 1) {
				stamp[d] = i + 1;
				list_item(t, doc_id(tl, d));
			}
		}
		put_cell(t);
		for (size_t k = 0; k < a->nmentions; k++)
			span_item(t, tl, &a->mentions[k]);
		put_cell(t);
		end_record(t);
	}
	free(stamp);
}

static void write_links(table *t, const ctl_timeline *tl)
{
	put_header(t, link_columns);
	for (size_t i = 0; i < tl->nevents; i++) {
		const ctl_event *e = &tl->events[i];
		for (size_t k = 0; k < e->nactors; k++) {
			size_t a = e->actors[k];
			put_str(t, e->id);
			put_str(t, a < tl->nactors ? tl->actors[a].id : "");
			put_str(t, CTL_LINK_ROLE);
			end_record(t);
		}
	}
}

static void write_documents(table *t, const ctl_timeline *tl)
{
	put_header(t, document_columns);
	for (size_t i = 0; i < tl->ndocs; i++) {
		const ctl_doc_info *d = &tl->docs[i];
		put_str(t, d->id);
		put_str(t, d->path);
		put_str(t, d->title);
		put_interval(t, &d->dct);
		put_str(t, d->dct_source);
		end_record(t);
	}
}

int ctl_export_csv(ctl_csv_files *out, const ctl_timeline *tl, ctl_error *err)
{
	static void (*const writers[CTL_CSV_NTABLES])(table *, const ctl_timeline *) = {
		write_events, write_actors, write_links, write_documents
	};
	(void)err; /* out of memory aborts; nothing else can fail */
	memset(out, 0, sizeof(*out));
	for (int i = 0; i < CTL_CSV_NTABLES; i++) {
		table t = { CTL_BUF_INIT, CTL_BUF_INIT, 0 };
		ctl_buf_grow(&t.out, 4096);
		writers[i](&t, tl);
		ctl_buf_release(&t.cell);
		out->data[i] = ctl_buf_detach(&t.out, &out->len[i]);
	}
	return 0;
}

void ctl_csv_files_release(ctl_csv_files *f)
{
	if (!f)
		return;
	for (int i = 0; i < CTL_CSV_NTABLES; i++) {
		free(f->data[i]);
		f->data[i] = NULL;
		f->len[i] = 0;
	}
}

int ctl_export_csv_dir(const char *dir, const ctl_timeline *tl, ctl_error *err)
{
	ctl_csv_files f;
	int rc = ctl_export_csv(&f, tl, err);
	for (int i = 0; !rc && i < CTL_CSV_NTABLES; i++) {
		char *path = ctl_path_join(dir, table_files[i]);
		rc = ctl_write_file_atomic(path, f.data[i], f.len[i], err);
		free(path);
	}
	ctl_csv_files_release(&f);
	return rc;
}
