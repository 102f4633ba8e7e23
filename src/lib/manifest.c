#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <csv.h>
#include "ctimeline/manifest.h"
#include "ctimeline/io.h"
#include "util.h"

#define MANIFEST_MAX_BYTES (64u * 1024u * 1024u)

typedef struct row {
	char *path;
	char *title;
	ctl_day day;
} row;

struct ctl_manifest {
	row *rows;
	size_t nrows, cap;
};

typedef struct parse_state {
	const char *name;
	ctl_error *err;
	ctl_manifest *m;
	size_t line;       /* 1-based record number = line for one-line records */
	size_t col;        /* 0-based field index within the record */
	int col_path, col_date, col_title, ncols;
	char *cur_path, *cur_date, *cur_title;
	int rc;
} parse_state;

static void on_field(void *data, size_t len, void *user)
{
	parse_state *st = user;
	if (st->rc)
		return;
	const char *s = data ? data : "";
	int c = (int)st->col++;
	if (st->line == 1) {
		if (ctl_eq_nocase(s, len, "path"))
			st->col_path = c;
		else if (ctl_eq_nocase(s, len, "date"))
			st->col_date = c;
		else if (ctl_eq_nocase(s, len, "title"))
			st->col_title = c;
		st->ncols = c + 1;
		return;
	}
	if (c == st->col_path)
		st->cur_path = ctl_xstrndup(s, len);
	else if (c == st->col_date)
		st->cur_date = ctl_xstrndup(s, len);
	else if (c == st->col_title)
		st->cur_title = ctl_xstrndup(s, len);
}

static void on_record(int term, void *user)
{
	parse_state *st = user;
	(void)term;
	if (!st->rc) {
		if (st->line == 1) {
			if (st->col_path < 0 || st->col_date < 0)
				st->rc = ctl_error_set(st->err, CTL_EDATA,
					"%s:1: header must name the columns 'path' and 'date'", st->name);
		} else if (!st->cur_path || !*st->cur_path) {
			st->rc = ctl_error_set(st->err, CTL_EDATA, "%s:%zu:%d: missing path",
				st->name, st->line, st->col_path + 1);
		} else {
			ctl_day d;
			const char *ds = st->cur_date ? st->cur_date : "";
			if (ctl_day_parse(ds, strlen(ds), &d)) {
				st->rc = ctl_error_set(st->err, CTL_EDATA,
					"%s:%zu:%d: '%s' is not a date (YYYY-MM-DD)",
					st->name, st->line, st->col_date + 1, ds);
			} else {
				row *r = CTL_ARRAY_PUSH(st->m->rows, st->m->nrows, st->m->cap);
				r->path = st->cur_path;
				r->title = st->cur_title && *st->cur_title ? st->cur_title : NULL;
				r->day = d;
				if (!r->title)
					free(st->cur_title);
				st->cur_path = st->cur_title = NULL;
			}
		}
	}
	free(st->cur_path);
	free(st->cur_date);
	free(st->cur_title);
	st->cur_path = st->cur_date = st->cur_title = NULL;
	st->line++;
	st->col = 0;
}

int ctl_manifest_load(ctl_manifest **out, const char *path, ctl_error *err)
{
	char *data;
	size_t len;
	int rc = ctl_read_file(&data, &len, path, MANIFEST_MAX_BYTES, err);
	if (rc)
		return rc;
	struct csv_parser p;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL | CSV_EMPTY_IS_NULL) != 0) {
		free(data);
		return ctl_error_set(err, CTL_ENOMEM, "%s: out of memory", path);
	}
	parse_state st = { path, err, ctl_xcalloc(1, sizeof(ctl_manifest)), 1, 0, -1, -1, -1, 0,
		NULL, NULL, NULL, 0 };
	size_t done = csv_parse(&p, data, len, on_field, on_record, &st);
	if (!st.rc && (done != len || csv_fini(&p, on_field, on_record, &st) != 0))
		st.rc = ctl_error_set(err, CTL_EDATA, "%s:%zu: malformed CSV: %s", path, st.line,
			csv_strerror(csv_error(&p)));
	if (!st.rc && st.line == 1)
		st.rc = ctl_error_set(err, CTL_EDATA, "%s: empty manifest (no header row)", path);
	csv_free(&p);
	free(data);
	free(st.cur_path);
	free(st.cur_date);
	free(st.cur_title);
	if (st.rc) {
		ctl_manifest_free(st.m);
		return st.rc;
	}
	*out = st.m;
	return 0;
}

void ctl_manifest_free(ctl_manifest *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->nrows; i++) {
		free(m->rows[i].path);
		free(m->rows[i].title);
	}
	free(m->rows);
	free(m);
}

bool ctl_manifest_lookup(const ctl_manifest *m, const char *doc_path,
		ctl_day *day, const char **title)
{
	const char *base = strrchr(doc_path, '/');
	base = base ? base + 1 : doc_path;
	const row *hit = NULL;
	for (size_t i = 0; i < m->nrows && !hit; i++)
		if (!strcmp(m->rows[i].path, doc_path))
			hit = &m->rows[i];
	for (size_t i = 0; i < m->nrows && !hit; i++)
		if (!strcmp(m->rows[i].path, base))
			hit = &m->rows[i];
	if (!hit)
		return false;
	*day = hit->day;
	if (title)
		*title = hit->title;
	return true;
}
