/*
 * The curation loop: the CSV tables (export_csv.c, docs/export.md) read
 * back into a timeline, after a person has edited them in a spreadsheet.
 *
 * Parsing is libcsv in strict mode (CSV_STRICT | CSV_STRICT_FINI: a stray
 * quote or an unterminated quoted field is an error, not silently
 * accepted). The input is fed one physical line at a time so that every
 * field knows the line it starts on: the line being fed when libcsv
 * reports the field, less the newlines inside the field.
 *
 * Tables are read in dependency order: documents, actors, links, events.
 * Ids are looked up in hash tables, so the import is linear in the input.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <csv.h>
#include "ctimeline/io.h"
#include "export_internal.h"
#include "util.h"

#define CSV_MAX_BYTES (512u * 1024u * 1024u)
#define CSV_MAX_COLUMNS 1024
#define NO_INDEX ((size_t)-1)

/* ---- a string -> index hash table (keys are owned elsewhere) ------------- */

typedef struct smap_slot {
	const char *key;
	size_t val;
} smap_slot;

typedef struct smap {
	smap_slot *slots;
	size_t cap, n; /* cap: 0 or a power of two */
} smap;

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

static smap_slot *smap_find(const smap *m, const char *key)
{
	size_t mask = m->cap - 1, i = (size_t)hash_str(key) & mask;
	while (m->slots[i].key && strcmp(m->slots[i].key, key))
		i = (i + 1) & mask;
	return &m->slots[i];
}

static bool smap_get(const smap *m, const char *key, size_t *val)
{
	if (!m->cap)
		return false;
	const smap_slot *s = smap_find(m, key);
	if (!s->key)
		return false;
	*val = s->val;
	return true;
}

/* Inserts key -> val unless key is there; returns false (and *old) if it was. */
static bool smap_add(smap *m, const char *key, size_t val, size_t *old)
{
	if (2 * (m->n + 1) > m->cap) {
		smap bigger = { ctl_xcalloc(m->cap ? 2 * m->cap : 64, sizeof(smap_slot)),
			m->cap ? 2 * m->cap : 64, m->n };
		for (size_t i = 0; i < m->cap; i++)
			if (m->slots[i].key)
				*smap_find(&bigger, m->slots[i].key) = m->slots[i];
		free(m->slots);
		*m = bigger;
	}
	smap_slot *s = smap_find(m, key);
	if (s->key) {
		if (old)
			*old = s->val;
		return false;
	}
	s->key = key;
	s->val = val;
	m->n++;
	return true;
}

static void smap_release(smap *m)
{
	free(m->slots);
	memset(m, 0, sizeof(*m));
}

/* ---- reading one table ---------------------------------------------------- */

typedef struct reader reader;
typedef int (*row_fn)(reader *r, void *user);

struct reader {
	const char *name;
	ctl_error *err;
	int rc;
	const char *const *cols;  /* the table's known column names */
	int ncols;                /* how many */
	const int *required;      /* known columns the header must name, -1 ends */
	uint32_t derived;         /* known columns whose values are not read (bit k) */
	row_fn on_row;
	void *user;

	size_t line;              /* the physical line being fed, 1-based */
	size_t record;            /* 0: the header */
	size_t col;               /* fields seen in the current record */
	size_t last_line;         /* line of the last callback */
	bool last_was_record;     /* that callback ended a record */

	size_t nheader;           /* fields in the header */
	int *field_col;           /* header field -> known column or -1 */
	int pos[32];              /* known column -> header field or -1 */
	char *cell[32];           /* the current row's known fields (NULL: absent) */
	size_t cell_len[32];
	size_t cell_line[32];
	size_t row_line;          /* where the current row starts */
};

/*
 * A value from the file as an error message shows it: on one line (control
 * characters escaped as \n, \t, \xHH) and at most about 60 bytes, cut at
 * a character boundary. Returns buf.
 */
#define SHOWN_MAX 100
#define SHOW(s) shown((char[SHOWN_MAX]){ 0 }, (s))

static const char *shown(char *buf, const char *s)
{
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p && n < SHOWN_MAX - 8; p++) {
		if (n >= 60 && (*p & 0xC0) != 0x80) {
			memcpy(buf + n, "...", 3);
			n += 3;
			break;
		}
		if (*p == '\n' || *p == '\r' || *p == '\t') {
			buf[n++] = '\\';
			buf[n++] = *p == '\n' ? 'n' : *p == '\r' ? 'r' : 't';
		} else if (*p < 0x20 || *p == 0x7F) {
			n += (size_t)snprintf(buf + n, SHOWN_MAX - n, "\\x%02X", *p);
		} else {
			buf[n++] = (char)*p;
		}
	}
	buf[n] = '\0';
	return buf;
}

static int fail_at(reader *r, size_t line, int known_col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int fail_at(reader *r, size_t line, int known_col, const char *fmt, ...)
{
	char msg[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	int c = known_col >= 0 && r->pos[known_col] >= 0 ? r->pos[known_col] + 1 : 1;
	if (known_col >= 0)
		return ctl_error_set(r->err, CTL_EDATA, "%s:%zu:%d: %s: %s", r->name, line, c,
			r->cols[known_col], msg);
	return ctl_error_set(r->err, CTL_EDATA, "%s:%zu:%d: %s", r->name, line, c, msg);
}

/* An error about a known column's field in the current row. */
#define FAIL(r, k, ...) fail_at((r), (r)->cell_line[k] ? (r)->cell_line[k] : (r)->row_line, (k), __VA_ARGS__)

static bool has_col(const reader *r, int k)
{
	return r->pos[k] >= 0;
}

/* The field of known column k in the current row: "" when absent. */
static const char *cell(const reader *r, int k)
{
	return r->cell[k] ? r->cell[k] : "";
}

/* Header names compare without case, with ' ' and '-' as '_', trimmed. */
static bool header_is(const char *s, size_t n, const char *want)
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	size_t i = 0;
	for (; i < n && want[i]; i++) {
		unsigned char c = ctl_to_lower((unsigned char)s[i]);
		if (c == ' ' || c == '-')
			c = '_';
		if (c != (unsigned char)want[i])
			return false;
	}
	return i == n && !want[i];
}

static size_t count_newlines(const char *s, size_t n)
{
	size_t k = 0;
	for (const char *p = s; (p = memchr(p, '\n', n - (size_t)(p - s))); p++)
		k++;
	return k;
}

static void on_field(void *data, size_t len, void *user)
{
	reader *r = user;
	const char *s = data ? data : "";
	size_t line = r->line - count_newlines(s, len);
	size_t c = r->col++;
	r->last_line = r->line;
	r->last_was_record = false;
	if (r->rc)
		return;
	if (c == 0)
		r->row_line = line;
	if (r->record == 0) {
		if (c >= CSV_MAX_COLUMNS) {
			r->rc = ctl_error_set(r->err, CTL_ELIMIT, "%s:%zu:%zu: too many columns (at most %d)",
				r->name, line, c + 1, CSV_MAX_COLUMNS);
			return;
		}
		r->field_col = ctl_xrealloc(r->field_col, (c + 1) * sizeof(int));
		r->field_col[c] = -1;
		r->nheader = c + 1;
		if (c == 0 && len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) {
			s += 3; /* a byte-order mark, as some spreadsheets write */
			len -= 3;
		}
		for (int k = 0; k < r->ncols; k++) {
			if (!header_is(s, len, r->cols[k]))
				continue;
			if (r->pos[k] >= 0) {
				r->rc = ctl_error_set(r->err, CTL_EDATA, "%s:%zu:%zu: column '%s' named twice (also column %d)",
					r->name, line, c + 1, r->cols[k], r->pos[k] + 1);
				return;
			}
			r->pos[k] = (int)c;
			r->field_col[c] = k;
		}
		return;
	}
	if (c >= r->nheader) {
		r->rc = ctl_error_set(r->err, CTL_EDATA, "%s:%zu:%zu: more fields than the header's %zu columns",
			r->name, line, c + 1, r->nheader);
		return;
	}
	int k = r->field_col[c];
	if (k < 0 || (r->derived >> k & 1))
		return; /* a column we do not know, or one the export derives: ignored */
	if (memchr(s, '\0', len)) {
		r->rc = ctl_error_set(r->err, CTL_EDATA, "%s:%zu:%zu: %s: contains a NUL byte",
			r->name, line, c + 1, r->cols[k]);
		return;
	}
	for (size_t i = 0; i < len;) {
		size_t n = ctl_utf8_seq_len((const unsigned char *)s + i, len - i);
		if (!n) {
			r->rc = ctl_error_set(r->err, CTL_EDATA,
				"%s:%zu:%zu: %s: not valid UTF-8 (byte %zu of the field); save the file as UTF-8",
				r->name, line, c + 1, r->cols[k], i + 1);
			return;
		}
		i += n;
	}
	/* undo the export's formula guard: one apostrophe, exactly where it adds one */
	if (len && s[0] == '\'' && ctl_csv_needs_guard(s + 1, len - 1)) {
		s++;
		len--;
	}
	r->cell[k] = ctl_xstrndup(s, len);
	r->cell_len[k] = len;
	r->cell_line[k] = line;
}

static void clear_row(reader *r)
{
	for (int k = 0; k < r->ncols; k++) {
		free(r->cell[k]);
		r->cell[k] = NULL;
		r->cell_len[k] = 0;
		r->cell_line[k] = 0;
	}
}

static void on_record(int term, void *user)
{
	reader *r = user;
	(void)term;
	r->last_line = r->line;
	r->last_was_record = true;
	if (!r->rc && r->record == 0) {
		for (const int *q = r->required; *q >= 0; q++) {
			if (r->pos[*q] >= 0)
				continue;
			const char *hint = r->nheader == 1 && r->field_col && r->field_col[0] < 0 ?
				" (is the file separated by ';' or tabs? ctimeline reads commas)" : "";
			r->rc = ctl_error_set(r->err, CTL_EDATA, "%s:%zu:1: missing required column '%s'%s",
				r->name, r->row_line ? r->row_line : 1, r->cols[*q], hint);
			break;
		}
	} else if (!r->rc) {
		r->rc = r->on_row(r, r->user);
	}
	clear_row(r);
	r->record++;
	r->col = 0;
}

/* The line where an unterminated quoted field opened: after the last
 * callback, skipping blank lines (libcsv skips them without a callback). */
static size_t open_field_line(const reader *r, const char *data, size_t len)
{
	if (!r->last_was_record)
		return r->last_line ? r->last_line : 1;
	size_t line = 1, i = 0;
	while (i < len && line <= r->last_line) /* find the line after the last record */
		if (data[i++] == '\n')
			line++;
	while (i < len) {
		size_t j = i;
		while (j < len && (data[j] == '\r' || data[j] == ' ' || data[j] == '\t'))
			j++;
		if (j < len && data[j] == '\n') {
			i = j + 1;
			line++;
		} else {
			break;
		}
	}
	return line;
}

static int no_space(unsigned char c)
{
	(void)c;
	return 0; /* keep spaces around unquoted fields: they are data */
}

static int parse_table(const ctl_csv_source *src, const char *const *cols, const int *required,
		uint32_t derived, row_fn on_row, void *user, ctl_error *err)
{
	reader r;
	memset(&r, 0, sizeof(r));
	r.name = src->name ? src->name : "CSV";
	r.err = err;
	r.cols = cols;
	while (cols[r.ncols])
		r.ncols++;
	r.required = required;
	r.derived = derived;
	r.on_row = on_row;
	r.user = user;
	for (int k = 0; k < 32; k++)
		r.pos[k] = -1;

	struct csv_parser p;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		return ctl_error_set(err, CTL_ENOMEM, "%s: out of memory", r.name);
	csv_set_space_func(&p, no_space);
	const char *data = src->data;
	size_t len = src->len, off = 0;
	while (off < len && !r.rc) {
		const char *nl = memchr(data + off, '\n', len - off);
		size_t n = nl ? (size_t)(nl - (data + off)) + 1 : len - off;
		r.line++;
		size_t done = csv_parse(&p, data + off, n, on_field, on_record, &r);
		if (!r.rc && done != n)
			r.rc = ctl_error_set(err, CTL_EDATA, "%s:%zu:%zu: %s", r.name, r.line, r.col + 1,
				csv_error(&p) == CSV_EPARSE ?
				"malformed quoted field (a closing quote must be followed by a comma or the end of the line)" :
				csv_strerror(csv_error(&p)));
		off += n;
	}
	if (!r.rc && csv_fini(&p, on_field, on_record, &r) != 0)
		r.rc = ctl_error_set(err, CTL_EDATA, "%s:%zu:%zu: unterminated quoted field (a '\"' without its closing '\"')",
			r.name, open_field_line(&r, data, len), r.col + 1);
	if (!r.rc && r.record == 0)
		r.rc = ctl_error_set(err, CTL_EDATA, "%s:1:1: empty file (no header row)", r.name);
	csv_free(&p);
	clear_row(&r);
	free(r.field_col);
	return r.rc;
}

/* ---- field values ------------------------------------------------------------- */

/* A field without the spaces and tabs around it, in a new string. */
static char *trimmed(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	return ctl_xstrndup(s, n);
}

/*
 * Splits a list field into items (docs/export.md): items are separated by a
 * ';' and the one space after it; ";;" is a literal ';'. With `trim`,
 * spaces around items are dropped and so are empty items (lists people
 * type: "A;B", "A ; B"). Calls fn for each item (NUL-terminated); stops at
 * the first non-zero return.
 */
typedef int (*item_fn)(const char *item, size_t index, void *user);

static int list_each(const char *s, bool trim, item_fn fn, void *user)
{
	ctl_buf item = CTL_BUF_INIT;
	size_t count = 0;
	int rc = 0;
	if (!*s)
		return 0;
	for (const char *p = s;; p++) {
		if (*p == ';' && p[1] == ';') {
			ctl_buf_putc(&item, ';');
			p++;
			continue;
		}
		if (*p && *p != ';') {
			ctl_buf_putc(&item, *p);
			continue;
		}
		/* the end of an item */
		char *it = trim ? trimmed(item.ptr) : NULL;
		const char *v = trim ? it : item.ptr;
		if (!trim || *v)
			rc = fn(v, count++, user);
		free(it);
		ctl_buf_clear(&item);
		if (rc || !*p)
			break;
		if (p[1] == ' ')
			p++;
	}
	ctl_buf_release(&item);
	return rc;
}

/* Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD" into the interval it names. */
static int parse_date(const char *s, ctl_certainty cert, ctl_interval *out)
{
	size_t n = strlen(s);
	int y = 0, m = 0;
	for (size_t i = 0; i < 4; i++) {
		if (i >= n || !ctl_is_digit((unsigned char)s[i]))
			return CTL_EDATA;
		y = y * 10 + (s[i] - '0');
	}
	if (n == 4) {
		*out = ctl_interval_year(y, cert);
		return 0;
	}
	if (n == 7 && s[4] == '-' && ctl_is_digit((unsigned char)s[5]) && ctl_is_digit((unsigned char)s[6])) {
		m = (s[5] - '0') * 10 + (s[6] - '0');
		if (m < 1 || m > 12)
			return CTL_EDATA;
		*out = ctl_interval_month(y, m, cert);
		return 0;
	}
	ctl_day d;
	if (n == 10 && ctl_day_parse(s, n, &d) == 0) {
		*out = ctl_interval_day(d, cert);
		return 0;
	}
	return CTL_EDATA;
}

static int read_day(reader *r, int k, ctl_day *out)
{
	*out = CTL_DAY_NONE;
	if (!has_col(r, k))
		return 0;
	char *s = trimmed(cell(r, k));
	int rc = 0;
	if (*s && ctl_day_parse(s, strlen(s), out))
		rc = FAIL(r, k, "'%s' is not a date (YYYY-MM-DD)", SHOW(s));
	free(s);
	return rc;
}

/*
 * The interval of a row from its date columns (docs/export.md, "Dates"):
 * when earliest, latest and precision describe exactly the `date` field,
 * they are kept as they are; otherwise the `date` field wins (a person
 * edited it): "YYYY-MM-DD", "YYYY-MM" or "YYYY" gives that day, month or
 * year, and an emptied date makes the event undated. A table without
 * precision column takes earliest and latest as bounds when date is empty.
 */
static int read_interval(reader *r, const int k[5], ctl_interval *out)
{
	enum { DATE, EARLIEST, LATEST, PRECISION, CERTAINTY };
	ctl_interval cand = ctl_interval_unknown();
	int rc;
	if ((rc = read_day(r, k[EARLIEST], &cand.earliest)) || (rc = read_day(r, k[LATEST], &cand.latest)))
		return rc;
	if (cand.earliest != CTL_DAY_NONE && cand.latest != CTL_DAY_NONE && cand.earliest > cand.latest)
		return FAIL(r, k[LATEST], "before the earliest date");
	char *prec = trimmed(cell(r, k[PRECISION])), *cert = trimmed(cell(r, k[CERTAINTY]));
	char *date = trimmed(cell(r, k[DATE]));
	bool have_cert = false;
	if (*prec && ctl_precision_parse(prec, &cand.precision)) {
		rc = FAIL(r, k[PRECISION], "'%s' is not a precision (day, month, year, none)", SHOW(prec));
		goto out;
	}
	if (*cert) {
		if (ctl_certainty_parse(cert, &cand.certainty)) {
			rc = FAIL(r, k[CERTAINTY], "'%s' is not a certainty (stated, inferred, bounded)", SHOW(cert));
			goto out;
		}
		have_cert = true;
	}
	if (has_col(r, k[EARLIEST]) && has_col(r, k[LATEST]) && *prec) {
		char fmt[11];
		ctl_interval_format(&cand, fmt);
		if (!strcmp(fmt, date)) {
			*out = cand;
			goto out;
		}
	}
	if (*date) {
		ctl_certainty c = have_cert && cand.certainty != CTL_CERT_BOUNDED ?
			cand.certainty : CTL_CERT_STATED;
		if (parse_date(date, c, out))
			rc = FAIL(r, k[DATE], "'%s' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)", SHOW(date));
	} else if (*prec) {
		*out = ctl_interval_unknown(); /* the date was removed */
	} else {
		*out = ctl_interval_unknown();
		out->earliest = cand.earliest;
		out->latest = cand.latest;
	}
out:
	free(prec);
	free(cert);
	free(date);
	return rc;
}

/* ---- the whole import ---------------------------------------------------------- */

typedef struct link {
	char *event_id;
	size_t actor;
	size_t next;      /* the next link of the same event, or NO_INDEX */
	size_t last;      /* in an event's first link: its last link */
} link;

typedef struct importer {
	ctl_timeline *tl;
	ctl_error *err;
	bool docs_table, actors_table;
	smap docs, actors, names, events, link_events;
	size_t *name_next;            /* actor -> next actor with the same name */
	size_t *name_last;            /* first actor of a name -> last one */
	size_t name_cap, name_last_cap;
	link *links;
	size_t nlinks, links_cap;
	size_t *event_line;           /* line of each event's row (duplicate ids) */
	size_t event_line_cap;
	size_t *actor_line;
	size_t actor_line_cap;
	size_t *doc_line;
	size_t doc_line_cap;
	size_t *missing_event_ids, nmissing_events, missing_events_cap;
	size_t *missing_actor_ids, nmissing_actors, missing_actors_cap;
	size_t *stamp;                /* actor -> event index + 1 when taken by that event */
	/* the row being read (for callbacks) */
	reader *r;
	int col;
	ctl_ref *refs;
	size_t nrefs, refs_cap;
	char **texts;
	size_t ntexts, texts_cap;
} importer;

static size_t doc_for(importer *im, const char *id, int *rc, int col)
{
	size_t d;
	if (smap_get(&im->docs, id, &d))
		return d;
	if (im->docs_table) {
		*rc = FAIL(im->r, col, "unknown document '%s' (not in documents.csv)", SHOW(id));
		return NO_INDEX;
	}
	/* no documents table: the documents are those the tables name */
	ctl_doc_info *di = ctl_timeline_add_doc_info(im->tl);
	di->id = ctl_xstrdup(id);
	di->path = ctl_xstrdup(id);
	di->dct_source = ctl_xstrdup("");
	smap_add(&im->docs, di->id, im->tl->ndocs - 1, NULL);
	return im->tl->ndocs - 1;
}

/* Parses one "DOC:START-END" item into im->refs. */
static int span_cb(const char *s, size_t index, void *user)
{
	importer *im = user;
	(void)index;
	const char *colon = strrchr(s, ':');
	unsigned long long a = 0, b = 0;
	const char *p = colon ? colon + 1 : NULL;
	bool ok = colon && colon > s && ctl_is_digit((unsigned char)*p);
	for (; ok && ctl_is_digit((unsigned char)*p) && a <= UINT32_MAX; p++)
		a = a * 10 + (unsigned)(*p - '0');
	ok = ok && *p++ == '-' && ctl_is_digit((unsigned char)*p);
	for (; ok && ctl_is_digit((unsigned char)*p) && b <= UINT32_MAX; p++)
		b = b * 10 + (unsigned)(*p - '0');
	if (!ok || *p || a > UINT32_MAX || b > UINT32_MAX || b < a)
		return FAIL(im->r, im->col, "'%s' is not a span (DOCUMENT:START-END, byte offsets)", SHOW(s));
	char *doc = ctl_xstrndup(s, (size_t)(colon - s));
	int rc = 0;
	size_t d = doc_for(im, doc, &rc, im->col);
	free(doc);
	if (rc)
		return rc;
	ctl_ref *ref = CTL_ARRAY_PUSH(im->refs, im->nrefs, im->refs_cap);
	memset(ref, 0, sizeof(*ref));
	ref->doc = d;
	ref->start = (uint32_t)a;
	ref->end = (uint32_t)b;
	return 0;
}

static int read_spans(importer *im, int col)
{
	im->nrefs = 0;
	im->col = col;
	return list_each(cell(im->r, col), true, span_cb, im);
}

static int text_cb(const char *s, size_t index, void *user)
{
	importer *im = user;
	(void)index;
	*CTL_ARRAY_PUSH(im->texts, im->ntexts, im->texts_cap) = ctl_xstrdup(s);
	return 0;
}

static void free_texts(importer *im)
{
	for (size_t i = 0; i < im->ntexts; i++)
		free(im->texts[i]);
	im->ntexts = 0;
}

static int check_id(reader *r, int k)
{
	const char *s = cell(r, k);
	if (strchr(s, '\n') || strchr(s, '\r'))
		return FAIL(r, k, "an id must be on one line");
	return 0;
}

static void note_line(size_t **arr, size_t *cap, size_t index, size_t line)
{
	ctl_array_grow((void **)arr, cap, index + 1, sizeof(size_t));
	(*arr)[index] = line;
}

/* documents.csv */
static int document_row(reader *r, void *user)
{
	importer *im = user;
	static const int dk[5] = { DC_DATE, DC_EARLIEST, DC_LATEST, DC_PRECISION, DC_CERTAINTY };
	im->r = r;
	char *id = trimmed(cell(r, DC_ID));
	int rc = 0;
	size_t old;
	if (!*id) {
		rc = FAIL(r, DC_ID, "empty document id");
		goto out;
	}
	if ((rc = check_id(r, DC_ID)))
		goto out;
	ctl_interval dct;
	if ((rc = read_interval(r, dk, &dct)))
		goto out;
	ctl_doc_info *d = ctl_timeline_add_doc_info(im->tl);
	d->id = id;
	id = NULL;
	d->path = ctl_xstrdup(cell(r, DC_PATH));
	d->title = *cell(r, DC_TITLE) ? ctl_xstrdup(cell(r, DC_TITLE)) : NULL;
	d->dct = dct;
	d->dct_source = ctl_xstrdup(cell(r, DC_DATE_SOURCE));
	note_line(&im->doc_line, &im->doc_line_cap, im->tl->ndocs - 1, r->row_line);
	if (!smap_add(&im->docs, d->id, im->tl->ndocs - 1, &old))
		rc = FAIL(r, DC_ID, "duplicate document id '%s' (also on line %zu)", SHOW(d->id), im->doc_line[old]);
out:
	free(id);
	return rc;
}

static int alias_cb(const char *s, size_t index, void *user)
{
	ctl_actor *a = user;
	(void)index;
	a->aliases = ctl_xrealloc(a->aliases, (a->naliases + 1) * sizeof(char *));
	a->aliases[a->naliases++] = ctl_xstrdup(s);
	return 0;
}


/* actors.csv */
static int actor_row(reader *r, void *user)
{
	importer *im = user;
	im->r = r;
	int rc = 0;
	char *name = trimmed(cell(r, AC_NAME)), *type = trimmed(cell(r, AC_TYPE));
	char *id = trimmed(cell(r, AC_ID));
	ctl_actor_type t = CTL_ACTOR_OTHER;
	if (!*name) {
		rc = FAIL(r, AC_NAME, "empty actor name");
		goto out;
	}
	if (*type && ctl_actor_type_parse(type, &t)) {
		rc = FAIL(r, AC_TYPE, "'%s' is not an actor type (person, organization, country, group, other)", SHOW(type));
		goto out;
	}
	if ((rc = check_id(r, AC_ID)) || (rc = read_spans(im, AC_MENTION_SPANS)))
		goto out;
	size_t i = im->tl->nactors;
	ctl_actor *a = ctl_timeline_add_actor(im->tl);
	a->name = name; /* trimmed, as the names in events.csv are looked up */
	name = NULL;
	a->type = t;
	list_each(cell(r, AC_ALIASES), true, alias_cb, a);
	if (im->nrefs) {
		a->mentions = ctl_xmalloc(im->nrefs * sizeof(ctl_ref));
		memcpy(a->mentions, im->refs, im->nrefs * sizeof(ctl_ref));
		a->nmentions = im->nrefs;
	}
	note_line(&im->actor_line, &im->actor_line_cap, i, r->row_line);
	if (*id) {
		size_t old;
		a->id = id;
		id = NULL;
		if (!smap_add(&im->actors, a->id, i, &old)) {
			rc = FAIL(r, AC_ID, "duplicate actor id '%s' (also on line %zu)", SHOW(a->id), im->actor_line[old]);
			goto out;
		}
	} else {
		*CTL_ARRAY_PUSH(im->missing_actor_ids, im->nmissing_actors, im->missing_actors_cap) = i;
	}
	/* names -> actors, several actors may share a name */
	ctl_array_grow((void **)&im->name_next, &im->name_cap, i + 1, sizeof(size_t));
	im->name_next[i] = NO_INDEX;
	ctl_array_grow((void **)&im->name_last, &im->name_last_cap, i + 1, sizeof(size_t));
	im->name_last[i] = i;
	size_t first;
	if (!smap_add(&im->names, a->name, i, &first)) {
		im->name_next[im->name_last[first]] = i;
		im->name_last[first] = i;
	}
out:
	free(name);
	free(type);
	free(id);
	return rc;
}

/* links.csv: pairs naming an event or an actor the other tables no longer
 * have describe rows deleted in the spreadsheet, and are skipped. */
static int link_row(reader *r, void *user)
{
	importer *im = user;
	char *ev = trimmed(cell(r, LK_EVENT_ID)), *ac = trimmed(cell(r, LK_ACTOR_ID));
	size_t a;
	if (*ev && smap_get(&im->actors, ac, &a)) {
		link *l = CTL_ARRAY_PUSH(im->links, im->nlinks, im->links_cap);
		l->event_id = ev;
		l->actor = a;
		l->next = NO_INDEX;
		l->last = im->nlinks - 1;
		ev = NULL;
		size_t first;
		if (!smap_add(&im->link_events, l->event_id, im->nlinks - 1, &first)) {
			im->links[im->links[first].last].next = im->nlinks - 1;
			im->links[first].last = im->nlinks - 1;
		}
	}
	free(ev);
	free(ac);
	return 0;
}

typedef struct actor_ctx {
	importer *im;
	ctl_event *e;
	size_t ev_index;
	const char *ev_id;
} actor_ctx;

static void event_add_actor(ctl_event *e, size_t a)
{
	e->actors = ctl_xrealloc(e->actors, (e->nactors + 1) * sizeof(size_t));
	e->actors[e->nactors++] = a;
}

/* One name of an event's actors field: the actor of that name; among
 * actors sharing it, the one links.csv links to this event. */
static int actor_name_cb(const char *name, size_t index, void *user)
{
	actor_ctx *x = user;
	importer *im = x->im;
	(void)index;
	size_t first;
	if (!smap_get(&im->names, name, &first)) {
		if (im->actors_table)
			return FAIL(im->r, EV_ACTORS, "unknown actor '%s' (not in actors.csv)", SHOW(name));
		/* no actors table: the actors are those the events name */
		size_t i = im->tl->nactors;
		ctl_actor *a = ctl_timeline_add_actor(im->tl);
		a->name = ctl_xstrdup(name);
		a->type = CTL_ACTOR_OTHER;
		*CTL_ARRAY_PUSH(im->missing_actor_ids, im->nmissing_actors, im->missing_actors_cap) = i;
		ctl_array_grow((void **)&im->name_next, &im->name_cap, i + 1, sizeof(size_t));
		im->name_next[i] = NO_INDEX;
		smap_add(&im->names, a->name, i, NULL);
		event_add_actor(x->e, i);
		return 0;
	}
	if (im->name_next[first] == NO_INDEX) {
		event_add_actor(x->e, first);
		return 0;
	}
	/* several actors have this name: take the first linked one not yet taken */
	if (!im->stamp)
		im->stamp = ctl_xcalloc(im->tl->nactors, sizeof(size_t));
	size_t l;
	if (x->ev_id && smap_get(&im->link_events, x->ev_id, &l)) {
		for (; l != NO_INDEX; l = im->links[l].next) {
			size_t a = im->links[l].actor;
			if (im->stamp[a] == x->ev_index + 1 || strcmp(im->tl->actors[a].name, name))
				continue;
			im->stamp[a] = x->ev_index + 1;
			event_add_actor(x->e, a);
			return 0;
		}
	}
	ctl_buf ids = CTL_BUF_INIT;
	for (size_t a = first; a != NO_INDEX; a = im->name_next[a])
		ctl_buf_printf(&ids, "%s%s", ids.len ? ", " : "", im->tl->actors[a].id ? im->tl->actors[a].id : "?");
	int rc = FAIL(im->r, EV_ACTORS, "actor name '%s' is ambiguous (%s): links.csv must say which", SHOW(name), SHOW(ids.ptr));
	ctl_buf_release(&ids);
	return rc;
}

/* events.csv */
static int event_row(reader *r, void *user)
{
	importer *im = user;
	static const int ek[5] = { EV_DATE, EV_EARLIEST, EV_LATEST, EV_PRECISION, EV_CERTAINTY };
	im->r = r;
	int rc = 0;
	char *id = trimmed(cell(r, EV_ID)), *type = trimmed(cell(r, EV_TYPE));
	ctl_interval when;
	if ((rc = check_id(r, EV_ID)) || (rc = read_interval(r, ek, &when)))
		goto out;
	size_t i = im->tl->nevents;
	ctl_event *e = ctl_timeline_add_event(im->tl);
	e->when = when;
	e->title = ctl_xstrdup(cell(r, EV_TITLE));
	if (!*type) {
		free(type);
		type = ctl_xstrdup("other");
	}
	e->type = type;
	type = NULL;
	e->place = *cell(r, EV_PLACE) ? ctl_xstrdup(cell(r, EV_PLACE)) : NULL;
	note_line(&im->event_line, &im->event_line_cap, i, r->row_line);
	if (*id) {
		size_t old;
		e->id = id;
		id = NULL;
		if (!smap_add(&im->events, e->id, i, &old)) {
			rc = FAIL(r, EV_ID, "duplicate event id '%s' (also on line %zu)", SHOW(e->id), im->event_line[old]);
			goto out;
		}
	} else {
		*CTL_ARRAY_PUSH(im->missing_event_ids, im->nmissing_events, im->missing_events_cap) = i;
	}

	/* actors: the names in the actors field; without that column, links.csv */
	if (has_col(r, EV_ACTORS)) {
		actor_ctx x = { im, e, i, e->id };
		if ((rc = list_each(cell(r, EV_ACTORS), true, actor_name_cb, &x)))
			goto out;
	} else if (e->id) {
		size_t l;
		if (smap_get(&im->link_events, e->id, &l))
			for (; l != NO_INDEX; l = im->links[l].next)
				event_add_actor(e, im->links[l].actor);
	}

	/* sources: exact spans when there are; else one per source document */
	if ((rc = read_spans(im, EV_SOURCE_SPANS)))
		goto out;
	if (!im->nrefs && *cell(r, EV_SOURCE_DOCUMENTS)) {
		free_texts(im);
		list_each(cell(r, EV_SOURCE_DOCUMENTS), true, text_cb, im);
		for (size_t k = 0; k < im->ntexts && !rc; k++) {
			size_t d = doc_for(im, im->texts[k], &rc, EV_SOURCE_DOCUMENTS);
			if (!rc) {
				ctl_ref *ref = CTL_ARRAY_PUSH(im->refs, im->nrefs, im->refs_cap);
				memset(ref, 0, sizeof(*ref));
				ref->doc = d;
			}
		}
		free_texts(im);
		if (rc)
			goto out;
	}
	if (im->nrefs) {
		e->sources = ctl_xmalloc(im->nrefs * sizeof(ctl_ref));
		memcpy(e->sources, im->refs, im->nrefs * sizeof(ctl_ref));
		e->nsources = im->nrefs;
		e->sources[0].text = ctl_xstrdup(cell(r, EV_SOURCE_SENTENCE));
		free_texts(im);
		list_each(cell(r, EV_OTHER_SENTENCES), false, text_cb, im);
		if (e->nsources == 2 && im->ntexts == 0)
			text_cb("", 0, im); /* one empty text is an empty field */
		if (has_col(r, EV_OTHER_SENTENCES) && im->ntexts != e->nsources - 1 &&
		    (im->ntexts || *cell(r, EV_SOURCE_SPANS))) {
			rc = FAIL(r, EV_OTHER_SENTENCES, "%zu texts for the %zu sources after the first (source_spans)",
				im->ntexts, e->nsources - 1);
			free_texts(im);
			goto out;
		}
		for (size_t k = 1; k < e->nsources; k++) {
			e->sources[k].text = k - 1 < im->ntexts ? im->texts[k - 1] : ctl_xstrdup("");
			if (k - 1 < im->ntexts)
				im->texts[k - 1] = NULL;
		}
		free_texts(im);
	} else if (*cell(r, EV_SOURCE_SENTENCE)) {
		rc = FAIL(r, EV_SOURCE_SENTENCE, "a sentence without a document (fill source_documents)");
		goto out;
	}

	/* the trigger: its span, else the start of the first source */
	if ((rc = read_spans(im, EV_TRIGGER)))
		goto out;
	if (im->nrefs > 1) {
		rc = FAIL(r, EV_TRIGGER, "one span expected, not %zu", im->nrefs);
		goto out;
	}
	if (im->nrefs) {
		e->trigger = im->refs[0];
	} else if (e->nsources) {
		e->trigger.doc = e->sources[0].doc;
		e->trigger.start = e->trigger.end = e->sources[0].start;
	} else {
		rc = fail_at(r, r->row_line, has_col(r, EV_SOURCE_DOCUMENTS) ? EV_SOURCE_DOCUMENTS : -1,
			"an event needs a source document (fill source_documents with a document id)");
		goto out;
	}
	e->trigger.text = ctl_xstrdup(cell(r, EV_TRIGGER_TEXT));
out:
	free(id);
	free(type);
	return rc;
}

/* Rows without an id get the first free "e1", "e2", ... / "a1", ... */
static void assign_ids(smap *m, const size_t *which, size_t n, char prefix, bool events, ctl_timeline *tl)
{
	size_t next = 1;
	char buf[32];
	for (size_t i = 0; i < n; i++) {
		size_t dummy;
		do
			snprintf(buf, sizeof(buf), "%c%zu", prefix, next++);
		while (smap_get(m, buf, &dummy));
		char *id = ctl_xstrdup(buf);
		if (events)
			tl->events[which[i]].id = id;
		else
			tl->actors[which[i]].id = id;
		smap_add(m, id, which[i], NULL);
	}
}

static void importer_release(importer *im)
{
	smap_release(&im->docs);
	smap_release(&im->actors);
	smap_release(&im->names);
	smap_release(&im->events);
	smap_release(&im->link_events);
	free(im->name_next);
	free(im->name_last);
	for (size_t i = 0; i < im->nlinks; i++)
		free(im->links[i].event_id);
	free(im->links);
	free(im->event_line);
	free(im->actor_line);
	free(im->doc_line);
	free(im->missing_event_ids);
	free(im->missing_actor_ids);
	free(im->stamp);
	free(im->refs);
	free_texts(im);
	free(im->texts);
}

int ctl_timeline_from_csv_data(ctl_timeline **out, const ctl_csv_source src[CTL_CSV_NTABLES],
		ctl_error *err)
{
	static const int req_events[] = { EV_TITLE, EV_DATE, -1 };
	static const int req_actors[] = { AC_NAME, -1 };
	static const int req_links[] = { LK_EVENT_ID, LK_ACTOR_ID, -1 };
	static const int req_docs[] = { DC_ID, -1 };
	importer im;
	memset(&im, 0, sizeof(im));
	im.tl = ctl_timeline_new();
	im.err = err;
	im.docs_table = src[CTL_CSV_DOCUMENTS].data != NULL;
	im.actors_table = src[CTL_CSV_ACTORS].data != NULL;
	int rc = 0;
	if (!src[CTL_CSV_EVENTS].data) {
		rc = ctl_error_set(err, CTL_EINVAL, "no events table to read");
		goto out;
	}
	if (im.docs_table && (rc = parse_table(&src[CTL_CSV_DOCUMENTS], ctl_csv_columns[CTL_CSV_DOCUMENTS],
			req_docs, 0, document_row, &im, err)))
		goto out;
	if (im.actors_table && (rc = parse_table(&src[CTL_CSV_ACTORS], ctl_csv_columns[CTL_CSV_ACTORS],
			req_actors, 1u << AC_MENTIONS | 1u << AC_DOCUMENTS, actor_row, &im, err)))
		goto out;
	if (im.actors_table && src[CTL_CSV_LINKS].data &&
	    (rc = parse_table(&src[CTL_CSV_LINKS], ctl_csv_columns[CTL_CSV_LINKS], req_links,
			1u << LK_ROLE, link_row, &im, err)))
		goto out;
	if ((rc = parse_table(&src[CTL_CSV_EVENTS], ctl_csv_columns[CTL_CSV_EVENTS], req_events, 0,
			event_row, &im, err)))
		goto out;
	assign_ids(&im.actors, im.missing_actor_ids, im.nmissing_actors, 'a', false, im.tl);
	assign_ids(&im.events, im.missing_event_ids, im.nmissing_events, 'e', true, im.tl);
out:
	importer_release(&im);
	if (rc) {
		ctl_timeline_free(im.tl);
		return rc;
	}
	*out = im.tl;
	return 0;
}

/* ---- files ------------------------------------------------------------------------- */

static bool has_ext(const char *path, const char *ext)
{
	size_t n = strlen(path), m = strlen(ext);
	return n > m && ctl_eq_nocase(path + n - m, m, ext);
}

bool ctl_timeline_path_is_events(const char *path)
{
	return has_ext(path, ".json") || has_ext(path, ".csv");
}

int ctl_timeline_from_csv(ctl_timeline **out, const char *events_csv, ctl_error *err)
{
	ctl_csv_source src[CTL_CSV_NTABLES];
	char *data[CTL_CSV_NTABLES] = { 0 }, *paths[CTL_CSV_NTABLES] = { 0 };
	memset(src, 0, sizeof(src));
	int rc = ctl_read_file(&data[CTL_CSV_EVENTS], &src[CTL_CSV_EVENTS].len, events_csv,
		CSV_MAX_BYTES, err);
	if (rc)
		return rc;
	src[CTL_CSV_EVENTS].name = events_csv;
	src[CTL_CSV_EVENTS].data = data[CTL_CSV_EVENTS];
	/* the other tables, from the same directory, when they are there */
	const char *slash = strrchr(events_csv, '/');
	char *dir = slash ? ctl_xstrndup(events_csv, (size_t)(slash - events_csv) + 1) : ctl_xstrdup("");
	for (int t = 1; strcmp(events_csv, "-") && t < CTL_CSV_NTABLES; t++) {
		size_t n = strlen(dir) + strlen(ctl_csv_table_file(t)) + 1;
		paths[t] = ctl_xmalloc(n);
		snprintf(paths[t], n, "%s%s", dir, ctl_csv_table_file(t));
		ctl_error e2;
		ctl_error_clear(&e2);
		int r2 = ctl_read_file(&data[t], &src[t].len, paths[t], CSV_MAX_BYTES, &e2);
		if (r2 == CTL_ENOTFOUND)
			continue;
		if (r2) {
			rc = ctl_error_set(err, r2, "%s", e2.msg);
			goto out;
		}
		src[t].name = paths[t];
		src[t].data = data[t];
	}
	rc = ctl_timeline_from_csv_data(out, src, err);
out:
	for (int t = 0; t < CTL_CSV_NTABLES; t++) {
		free(data[t]);
		free(paths[t]);
	}
	free(dir);
	return rc;
}

int ctl_timeline_load(ctl_timeline **out, const char *path, ctl_error *err)
{
	if (has_ext(path, ".csv"))
		return ctl_timeline_from_csv(out, path, err);
	char *data;
	size_t len;
	int rc = ctl_read_file(&data, &len, path, CSV_MAX_BYTES, err);
	if (rc)
		return rc;
	size_t i = 0;
	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < len && ctl_is_space((unsigned char)data[i]))
		i++;
	if (has_ext(path, ".json") || (i < len && data[i] == '{')) {
		rc = ctl_timeline_from_json(out, path, data, len, err);
	} else if (!strcmp(path, "-")) {
		ctl_csv_source src[CTL_CSV_NTABLES];
		memset(src, 0, sizeof(src));
		src[CTL_CSV_EVENTS] = (ctl_csv_source){ "<stdin>", data, len };
		rc = ctl_timeline_from_csv_data(out, src, err);
	} else {
		free(data);
		return ctl_timeline_from_csv(out, path, err);
	}
	free(data);
	return rc;
}
