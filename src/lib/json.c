/*
 * Events JSON, version 1 (written directly, read with cJSON). The writer is
 * deterministic and the reader
 * accepts exactly what the writer produces (plus unknown keys, ignored), so
 * that write -> read -> write gives identical bytes.
 *
 * Dates and ids are strings (cJSON numbers are doubles); offsets are
 * integers checked to fit 32 bits.
 */
#include <inttypes.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "json_read.h"
#include "json_write.h"
#include "ctimeline/timeline.h"
#include "ctimeline/buf.h"
#include "util.h"

/* ---- writing ------------------------------------------------------------ */

/*
 * The writer streams into one buffer, byte for byte what cJSON_Print gives
 * for the same tree (tabs, "key":<TAB>value, arrays on one line with ", ",
 * cJSON's string escapes), without building the tree: a cJSON tree of
 * 100,000 events took about 4 times the output in memory and a fifth of the
 * extraction's time (issue 9).
 */
#define JW_MAX_DEPTH 16

/* The documents' ids, measured once for the references that name them (a
 * million in a large corpus): side by side, with their lengths and whether
 * one needs an escape; a reference to document d reads a few bytes near
 * the last one's, not a string of its own somewhere in memory. */
typedef struct jw_ids {
	char *bytes;
	struct jw_id {
		uint32_t off, len;  /* bytes[off, off + len) */
		bool plain;         /* no byte JSON escapes */
	} *id;
	size_t n;
} jw_ids;

typedef struct jw {
	ctl_buf b;
	ctl_out *out;               /* a stream to empty b into, or NULL */
	int rc;                     /* the stream's first error */
	ctl_error *err;
	const jw_ids *ids;          /* the documents' ids */
	int depth;
	bool first[JW_MAX_DEPTH];   /* no item written yet at this depth */
	bool in_obj[JW_MAX_DEPTH];  /* the container at this depth is an object */
} jw;

/* A string literal appended without measuring it at run time. */
#define JW_LIT(w, lit) ctl_buf_put(&(w)->b, lit, sizeof(lit) - 1)

static const char jw_tab_row[JW_MAX_DEPTH] = "\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t";

static void jw_tabs(jw *w, int n)
{
	ctl_buf_put(&w->b, jw_tab_row, (size_t)(n < JW_MAX_DEPTH ? n : JW_MAX_DEPTH));
}

/* n tabs (at most JW_MAX_DEPTH) at p; returns the end. */
static char *put_tabs(char *p, size_t n)
{
	n = n < JW_MAX_DEPTH ? n : JW_MAX_DEPTH;
	memcpy(p, jw_tab_row, n);
	return p + n;
}

static inline bool plain_byte(unsigned char c)
{
	return c > 31 && c != '"' && c != '\\';
}

/* The first byte at or after i in s[0, n) that JSON must escape (a control
 * character, '"' or '\\'), or n; blocks of eight bytes holding none are
 * skipped whole. */
static size_t next_escape(const char *s, size_t i, size_t n)
{
	for (; i + 8 <= n; i += 8) {
		uint64_t x;
		memcpy(&x, s + i, 8);
		if (ctl_has_below8(x, 0x20) | ctl_has_byte8(x, '"') | ctl_has_byte8(x, '\\'))
			break;
	}
	while (i < n && plain_byte((unsigned char)s[i]))
		i++;
	return i;
}

#define BUF_LIT(b, lit) ctl_buf_put(b, lit, sizeof(lit) - 1)

void ctl_json_put_string(ctl_buf *b, const char *s, size_t n)
{
	ctl_buf_putc(b, '"');
	for (size_t run = 0;;) {
		size_t i = next_escape(s, run, n);
		ctl_buf_put(b, s + run, i - run);
		if (i == n)
			break;
		run = i + 1;
		unsigned char c = (unsigned char)s[i];
		char e[8];
		switch (c) {
		case '"': BUF_LIT(b, "\\\""); break;
		case '\\': BUF_LIT(b, "\\\\"); break;
		case '\b': BUF_LIT(b, "\\b"); break;
		case '\f': BUF_LIT(b, "\\f"); break;
		case '\n': BUF_LIT(b, "\\n"); break;
		case '\r': BUF_LIT(b, "\\r"); break;
		case '\t': BUF_LIT(b, "\\t"); break;
		default:
			snprintf(e, sizeof(e), "\\u%04x", c);
			ctl_buf_puts(b, e);
		}
	}
	ctl_buf_putc(b, '"');
}

void ctl_json_put_int(ctl_buf *b, int64_t v)
{
	char d[24], *p = d;
	if (v < 0)
		*p++ = '-';
	/* the magnitude of INT64_MIN does not fit an int64_t */
	uint64_t m = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	ctl_buf_put(b, d, (size_t)(ctl_put_decimal(p, m) - d));
}

/* cJSON's print_string_ptr: " \ and the C escapes by name, other controls as \u00XX */
static void jw_strn(jw *w, const char *s, size_t n)
{
	ctl_json_put_string(&w->b, s, n);
}

static void jw_str(jw *w, const char *s)
{
	jw_strn(w, s, strlen(s));
}

/* Before a value: the separator an array puts between its elements. */
static void jw_value(jw *w)
{
	if (w->depth > 0 && !w->in_obj[w->depth - 1]) {
		if (!w->first[w->depth - 1])
			JW_LIT(w, ", ");
		w->first[w->depth - 1] = false;
	}
}

static void jw_key(jw *w, const char *k)
{
	/* keys are the writer's own names, with nothing to escape: the
	 * separator, the indent, the quoted key and ":\t" are copied at once */
	size_t n = strlen(k);
	ctl_buf_grow(&w->b, 2 + JW_MAX_DEPTH + n + 4);
	char *p = w->b.ptr + w->b.len;
	if (!w->first[w->depth - 1]) {
		*p++ = ',';
		*p++ = '\n';
	}
	w->first[w->depth - 1] = false;
	p = put_tabs(p, (size_t)w->depth);
	*p++ = '"';
	memcpy(p, k, n);
	p += n;
	memcpy(p, "\":\t", 3);
	p += 3;
	*p = '\0';
	w->b.len = (size_t)(p - w->b.ptr);
}

static void jw_open(jw *w, bool obj)
{
	jw_value(w);
	ctl_buf_puts(&w->b, obj ? "{\n" : "[");
	w->first[w->depth] = true;
	w->in_obj[w->depth] = obj;
	w->depth++;
}

static void jw_close(jw *w)
{
	w->depth--;
	if (w->in_obj[w->depth]) {
		if (!w->first[w->depth])
			ctl_buf_putc(&w->b, '\n');
		jw_tabs(w, w->depth);
		ctl_buf_putc(&w->b, '}');
	} else {
		ctl_buf_putc(&w->b, ']');
	}
}

static void jw_string(jw *w, const char *s)
{
	jw_value(w);
	jw_str(w, s ? s : "");
}

static void jw_null(jw *w)
{
	jw_value(w);
	JW_LIT(w, "null");
}

/* cJSON prints an integral double as an integer */
static void jw_uint(jw *w, uint32_t v)
{
	char b[20];
	jw_value(w);
	ctl_buf_put(&w->b, b, (size_t)(ctl_put_decimal(b, v) - b));
}

static void kv_string(jw *w, const char *k, const char *s)
{
	jw_key(w, k);
	jw_string(w, s);
}

static void kv_str_or_null(jw *w, const char *k, const char *s)
{
	jw_key(w, k);
	if (s)
		jw_string(w, s);
	else
		jw_null(w);
}

static void kv_day_or_null(jw *w, const char *k, ctl_day d)
{
	char b[11];
	ctl_day_format(d, b);
	kv_str_or_null(w, k, b[0] ? b : NULL);
}

static void jw_ids_init(jw_ids *t, const ctl_timeline *tl)
{
	size_t total = 0;
	for (size_t d = 0; d < tl->ndocs; d++)
		total += tl->docs[d].id ? strlen(tl->docs[d].id) : 0;
	t->n = tl->ndocs;
	t->bytes = ctl_xmalloc(total + 1);
	t->id = ctl_xmalloc((t->n + 1) * sizeof(*t->id));
	size_t at = 0;
	for (size_t d = 0; d < t->n; d++) {
		const char *s = tl->docs[d].id ? tl->docs[d].id : "";
		size_t n = strlen(s);
		memcpy(t->bytes + at, s, n);
		t->id[d] = (struct jw_id){ (uint32_t)at, (uint32_t)n, next_escape(s, 0, n) == n };
		at += n;
	}
	t->id[t->n] = (struct jw_id){ (uint32_t)at, 0, true }; /* "": a document not listed */
}

static void jw_ids_release(jw_ids *t)
{
	free(t->bytes);
	free(t->id);
}

/* A reference without text whose document id needs no escape, as
 * jw_open, kv_string, jw_key + jw_uint twice and jw_close write it, in
 * one step: an actor's mentions are most of the output. */
static void ref_fast(jw *w, const char *id, size_t n, const ctl_ref *r)
{
	size_t d = (size_t)w->depth;
	jw_value(w);
	ctl_buf_grow(&w->b, n + 4 * JW_MAX_DEPTH + 64);
	char *p = w->b.ptr + w->b.len;
	memcpy(p, "{\n", 2);
	p = put_tabs(p + 2, d + 1);
	memcpy(p, "\"doc\":\t\"", 8);
	memcpy(p + 8, id, n);
	p += 8 + n;
	memcpy(p, "\",\n", 3);
	p = put_tabs(p + 3, d + 1);
	memcpy(p, "\"start\":\t", 9);
	p = ctl_put_decimal(p + 9, r->start);
	memcpy(p, ",\n", 2);
	p = put_tabs(p + 2, d + 1);
	memcpy(p, "\"end\":\t", 7);
	p = ctl_put_decimal(p + 7, r->end);
	*p++ = '\n';
	p = put_tabs(p, d);
	*p++ = '}';
	*p = '\0';
	w->b.len = (size_t)(p - w->b.ptr);
}

static void ref_json(jw *w, const ctl_ref *r, bool with_text)
{
	const struct jw_id *id = &w->ids->id[r->doc < w->ids->n ? r->doc : w->ids->n];
	const char *s = w->ids->bytes + id->off;
	if (!with_text && id->plain) {
		ref_fast(w, s, id->len, r);
		return;
	}
	jw_open(w, true);
	jw_key(w, "doc");
	jw_value(w);
	jw_strn(w, s, id->len);
	jw_key(w, "start");
	jw_uint(w, r->start);
	jw_key(w, "end");
	jw_uint(w, r->end);
	if (with_text)
		kv_string(w, "text", r->text ? r->text : "");
	jw_close(w);
}

static void add_interval(jw *w, const char *date_key, const char *prefix,
		const ctl_interval *iv)
{
	/* prefix "" (events) or "dct_" (documents): keys built without printf */
	char key[32], b[11];
	size_t pl = strlen(prefix);
	if (pl > 16)
		pl = 16;
	memcpy(key, prefix, pl);
	ctl_interval_format(iv, b);
	kv_str_or_null(w, date_key, b[0] ? b : NULL);
	memcpy(key + pl, "earliest", 9);
	kv_day_or_null(w, key, iv->earliest);
	memcpy(key + pl, "latest", 7);
	kv_day_or_null(w, key, iv->latest);
	memcpy(key + pl, "precision", 10);
	kv_string(w, key, ctl_precision_name(iv->precision));
	memcpy(key + pl, "certainty", 10);
	kv_string(w, key, ctl_certainty_name(iv->certainty));
}

/* Empties the buffer into the stream once it holds a megabyte, so that
 * writing a file needs no copy of the whole output in memory. */
static void jw_drain(jw *w, size_t at_least)
{
	if (!w->out || w->b.len < at_least)
		return;
	if (!w->rc)
		w->rc = ctl_out_write(w->out, w->b.ptr, w->b.len, w->err);
	w->b.len = 0;
}

/*
 * The three arrays are written in chunks. An item (document, actor, event)
 * is a sequence of units: one for a document or an event; for an actor its
 * head (up to the "mentions" array's opening), each mention, and its tail,
 * because one actor can hold a third of all mentions. The bytes of a unit
 * depend only on the writer's state when it starts, which is known from the
 * unit's place, so chunks can be formatted apart (on several threads) and
 * written in order: the same bytes whatever the number of threads.
 */
typedef struct item_kind {
	size_t (*units)(const ctl_timeline *tl, size_t i);
	size_t (*weight)(const ctl_timeline *tl, size_t i, size_t u); /* output, roughly */
	void (*unit)(jw *w, const ctl_timeline *tl, size_t i, size_t u);
} item_kind;

static size_t one_unit(const ctl_timeline *tl, size_t i)
{
	(void)tl;
	(void)i;
	return 1;
}

static void doc_unit(jw *w, const ctl_timeline *tl, size_t i, size_t u)
{
	(void)u;
	const ctl_doc_info *d = &tl->docs[i];
	jw_open(w, true);
	kv_string(w, "id", d->id);
	kv_string(w, "path", d->path);
	kv_str_or_null(w, "title", d->title);
	add_interval(w, "dct", "dct_", &d->dct);
	kv_str_or_null(w, "dct_source", d->dct_source && d->dct_source[0] ? d->dct_source : NULL);
	jw_close(w);
}

static size_t doc_weight(const ctl_timeline *tl, size_t i, size_t u)
{
	(void)tl, (void)i, (void)u;
	return 10;
}

static size_t actor_units(const ctl_timeline *tl, size_t i)
{
	return tl->actors[i].nmentions + 2;
}

static void actor_unit(jw *w, const ctl_timeline *tl, size_t i, size_t u)
{
	const ctl_actor *a = &tl->actors[i];
	if (u == 0) {
		jw_open(w, true);
		kv_string(w, "id", a->id ? a->id : "");
		kv_string(w, "name", a->name ? a->name : "");
		kv_string(w, "type", ctl_actor_type_name(a->type));
		jw_key(w, "aliases");
		jw_open(w, false);
		for (size_t k = 0; k < a->naliases; k++)
			jw_string(w, a->aliases[k]);
		jw_close(w);
		jw_key(w, "mentions");
		jw_open(w, false);
	} else if (u <= a->nmentions) {
		ref_json(w, &a->mentions[u - 1], false);
	} else {
		jw_close(w);
		jw_close(w);
	}
}

static size_t actor_weight(const ctl_timeline *tl, size_t i, size_t u)
{
	return u == 0 ? 4 + tl->actors[i].naliases : 2;
}

static void event_unit(jw *w, const ctl_timeline *tl, size_t i, size_t u)
{
	(void)u;
	const ctl_event *e = &tl->events[i];
	jw_open(w, true);
	kv_string(w, "id", e->id ? e->id : "");
	add_interval(w, "date", "", &e->when);
	kv_string(w, "title", e->title ? e->title : "");
	kv_string(w, "type", e->type ? e->type : "other");
	kv_str_or_null(w, "place", e->place);
	jw_key(w, "actors");
	jw_open(w, false);
	for (size_t k = 0; k < e->nactors; k++) {
		size_t ai = e->actors[k];
		jw_string(w, ai < tl->nactors && tl->actors[ai].id ? tl->actors[ai].id : "");
	}
	jw_close(w);
	jw_key(w, "trigger");
	ref_json(w, &e->trigger, true);
	jw_key(w, "sources");
	jw_open(w, false);
	for (size_t k = 0; k < e->nsources; k++)
		ref_json(w, &e->sources[k], true);
	jw_close(w);
	jw_close(w);
}

static size_t event_weight(const ctl_timeline *tl, size_t i, size_t u)
{
	(void)u;
	return 12 + tl->events[i].nactors + 4 * tl->events[i].nsources;
}

static const item_kind DOCS = { one_unit, doc_weight, doc_unit };
static const item_kind ACTORS = { actor_units, actor_weight, actor_unit };
static const item_kind EVENTS = { one_unit, event_weight, event_unit };

typedef struct chunk {
	jw w;
	const ctl_timeline *tl;
	const item_kind *kind;
	size_t i0, u0, i1, u1;      /* units from (i0, u0) up to (i1, u1), excluded */
} chunk;

#define MAX_WRITERS CTL_MAX_THREADS
#define MAX_SLOTS (MAX_WRITERS + 2)

static void format_chunk(chunk *c)
{
	jw *w = &c->w;
	w->b.len = 0;
	/* the state before unit (i0, u0): in the top object's array; inside
	 * an actor's "mentions" array past its head */
	w->in_obj[0] = true;
	w->in_obj[1] = false;
	w->first[1] = c->i0 == 0;
	if (c->u0 == 0) {
		w->depth = 2;
	} else {
		w->first[1] = false;
		w->in_obj[2] = true;
		w->first[2] = false;
		w->in_obj[3] = false;
		w->first[3] = c->u0 == 1;
		w->depth = 4;
	}
	for (size_t i = c->i0, u = c->u0; i < c->i1 || (i == c->i1 && u < c->u1);) {
		c->kind->unit(w, c->tl, i, u);
		if (++u == c->kind->units(c->tl, i)) {
			i++;
			u = 0;
		}
	}
}

/*
 * Chunks formatted on several threads and written in order: chunk k is
 * formatted into slot k % nslots once chunk k - nslots is written, by a
 * formatting thread or by the writer itself while the chunk it must write
 * next is not ready (so the writer alone gets through, threads or none).
 */
typedef struct fmt_pool {
	pthread_mutex_t mu;
	pthread_cond_t cv;        /* a chunk formatted, or a slot written */
	chunk slot[MAX_SLOTS];
	bool ready[MAX_SLOTS];
	size_t nslots;
	unsigned threads;
	/* the array being written: its chunks, planned; claimed and written so far */
	const ctl_timeline *tl;
	const item_kind *kind;
	const size_t *plan;       /* chunk k: units (plan[2k], plan[2k+1]) up to (plan[2k+2], plan[2k+3]) */
	size_t nchunks, claimed, written;
	jw *w;                    /* the writer's own, which only part 0 touches */
} fmt_pool;

/* Formats chunk k (claimed under the lock, which is released meanwhile). */
static void pool_format(fmt_pool *p, size_t k)
{
	chunk *c = &p->slot[k % p->nslots];
	c->tl = p->tl;
	c->kind = p->kind;
	c->i0 = p->plan[2 * k];
	c->u0 = p->plan[2 * k + 1];
	c->i1 = p->plan[2 * k + 2];
	c->u1 = p->plan[2 * k + 3];
	pthread_mutex_unlock(&p->mu);
	format_chunk(c);
	pthread_mutex_lock(&p->mu);
	p->ready[k % p->nslots] = true;
	pthread_cond_broadcast(&p->cv);
}

static bool pool_can_claim(const fmt_pool *p)
{
	return p->claimed < p->nchunks && p->claimed < p->written + p->nslots;
}

/* Part 0 writes (and formats when it must wait); the others format. */
static void pool_part(void *ctx, unsigned part)
{
	fmt_pool *p = ctx;
	jw *w = p->w;
	pthread_mutex_lock(&p->mu);
	if (part > 0) {
		while (p->claimed < p->nchunks) {
			if (pool_can_claim(p))
				pool_format(p, p->claimed++);
			else
				pthread_cond_wait(&p->cv, &p->mu);
		}
		pthread_mutex_unlock(&p->mu);
		return;
	}
	for (size_t k = 0; k < p->nchunks; k++) {
		size_t s = k % p->nslots;
		while (!p->ready[s]) {
			if (pool_can_claim(p))
				pool_format(p, p->claimed++);
			else
				pthread_cond_wait(&p->cv, &p->mu);
		}
		pthread_mutex_unlock(&p->mu);
		const ctl_buf *b = &p->slot[s].w.b;
		if (w->out) { /* each chunk's bytes to the stream, without a copy */
			jw_drain(w, 0);
			if (!w->rc)
				w->rc = ctl_out_write(w->out, b->ptr, b->len, w->err);
		} else {
			ctl_buf_put(&w->b, b->ptr, b->len);
		}
		pthread_mutex_lock(&p->mu);
		p->ready[s] = false;
		p->written++;
		pthread_cond_broadcast(&p->cv);
	}
	pthread_mutex_unlock(&p->mu);
}

/* Writes items [0, n) of one array: straight into the stream's buffer on
 * one thread, else in chunks of about `chunk_weight` through the pool. */
static void write_items(jw *w, fmt_pool *p, size_t chunk_weight,
		const ctl_timeline *tl, const item_kind *kind, size_t n)
{
	if (!p) {
		for (size_t i = 0; i < n; i++) {
			for (size_t u = 0, m = kind->units(tl, i); u < m; u++)
				kind->unit(w, tl, i, u);
			jw_drain(w, 1 << 20);
		}
		return;
	}
	size_t *plan = NULL, len = 0, cap = 0;
	size_t i = 0, u = 0;
	while (i < n) {
		*CTL_ARRAY_PUSH(plan, len, cap) = i;
		*CTL_ARRAY_PUSH(plan, len, cap) = u;
		for (size_t weight = 0; i < n && weight < chunk_weight;) {
			weight += kind->weight(tl, i, u);
			if (++u == kind->units(tl, i)) {
				i++;
				u = 0;
			}
		}
	}
	*CTL_ARRAY_PUSH(plan, len, cap) = i;
	*CTL_ARRAY_PUSH(plan, len, cap) = u;
	p->tl = tl;
	p->kind = kind;
	p->plan = plan;
	p->nchunks = len / 2 - 1;
	p->claimed = p->written = 0;
	p->w = w;
	unsigned parts = p->threads;
	if (parts > p->nchunks)
		parts = p->nchunks ? (unsigned)p->nchunks : 1;
	ctl_run_parts(parts, pool_part, p);
	free(plan);
	if (n)
		w->first[w->depth - 1] = false;
}

static void write_timeline(jw *w, const ctl_timeline *tl, unsigned threads, size_t chunk_weight)
{
	unsigned nw = threads < 1 ? 1 : threads > MAX_WRITERS ? MAX_WRITERS : threads;
	jw_ids ids;
	jw_ids_init(&ids, tl);
	w->ids = &ids;
	fmt_pool *p = NULL;
	if (nw > 1) {
		p = ctl_xcalloc(1, sizeof(*p));
		pthread_mutex_init(&p->mu, NULL);
		pthread_cond_init(&p->cv, NULL);
		p->threads = nw;
		p->nslots = (size_t)nw + 2; /* a chunk ahead per thread, besides the one written */
		for (size_t k = 0; k < p->nslots; k++) {
			ctl_buf_init(&p->slot[k].w.b);
			p->slot[k].w.ids = &ids;
		}
	}

	jw_open(w, true);
	kv_string(w, "format", CTL_EVENTS_FORMAT);
	jw_key(w, "version");
	jw_uint(w, CTL_EVENTS_VERSION);
	jw_key(w, "documents");
	jw_open(w, false);
	write_items(w, p, chunk_weight, tl, &DOCS, tl->ndocs);
	jw_close(w);
	jw_key(w, "actors");
	jw_open(w, false);
	write_items(w, p, chunk_weight, tl, &ACTORS, tl->nactors);
	jw_close(w);
	jw_key(w, "events");
	jw_open(w, false);
	write_items(w, p, chunk_weight, tl, &EVENTS, tl->nevents);
	jw_close(w);
	jw_close(w);
	/* end with a newline, as a text file should */
	ctl_buf_putc(&w->b, '\n');
	if (p) {
		for (size_t k = 0; k < p->nslots; k++)
			ctl_buf_release(&p->slot[k].w.b);
		pthread_cond_destroy(&p->cv);
		pthread_mutex_destroy(&p->mu);
		free(p);
	}
	w->ids = NULL;
	jw_ids_release(&ids);
}

int ctl_timeline_to_json(char **out, const ctl_timeline *tl, ctl_error *err)
{
	jw w;
	memset(&w, 0, sizeof(w));
	ctl_buf_init(&w.b);
	(void)err;
	write_timeline(&w, tl, 1, CTL_JSON_CHUNK_WEIGHT);
	*out = ctl_buf_detach(&w.b, NULL);
	return 0;
}

int ctl_timeline_write_json_chunks(ctl_out *out, const ctl_timeline *tl, unsigned threads,
		size_t chunk_weight, ctl_error *err)
{
	jw w;
	memset(&w, 0, sizeof(w));
	ctl_buf_init(&w.b);
	w.out = out;
	w.err = err;
	write_timeline(&w, tl, threads, chunk_weight ? chunk_weight : 1);
	jw_drain(&w, 0);
	ctl_buf_release(&w.b);
	return w.rc;
}

int ctl_timeline_write_json_mt(ctl_out *out, const ctl_timeline *tl, unsigned threads,
		ctl_error *err)
{
	return ctl_timeline_write_json_chunks(out, tl, threads, CTL_JSON_CHUNK_WEIGHT, err);
}

int ctl_timeline_write_json(ctl_out *out, const ctl_timeline *tl, ctl_error *err)
{
	return ctl_timeline_write_json_mt(out, tl, 1, err);
}

/* ---- reading ------------------------------------------------------------ */

/*
 * Ids to indexes while reading: references name their document and events
 * their actors by id, and a linear search per reference made reading
 * quadratic (100,000 events of 1-3 sources and 0-4 actors; issue 9).
 */
typedef struct id_slot {
	const char *id;   /* owned by the timeline; NULL: empty */
	size_t index;
} id_slot;

typedef struct id_index {
	id_slot *slots;
	size_t nslots, n;  /* nslots: 0 or a power of two, at most half full */
} id_index;

static size_t id_hash(const char *id)
{
	return (size_t)ctl_hash_nocase(id, strlen(id));
}

static int id_find(const id_index *x, const char *id, size_t *out)
{
	if (!x->nslots)
		return -1;
	for (size_t h = id_hash(id) & (x->nslots - 1); x->slots[h].id; h = (h + 1) & (x->nslots - 1))
		if (!strcmp(x->slots[h].id, id)) {
			*out = x->slots[h].index;
			return 0;
		}
	return -1;
}

/* Adds id (kept by pointer); the first index given for an id stays. */
static void id_add(id_index *x, const char *id, size_t index)
{
	if (2 * (x->n + 1) > x->nslots) {
		id_index y = { NULL, x->nslots ? 2 * x->nslots : 64, 0 };
		y.slots = ctl_xcalloc(y.nslots, sizeof(id_slot));
		for (size_t i = 0; i < x->nslots; i++)
			if (x->slots[i].id)
				id_add(&y, x->slots[i].id, x->slots[i].index);
		free(x->slots);
		*x = y;
	}
	size_t h = id_hash(id) & (x->nslots - 1);
	for (; x->slots[h].id; h = (h + 1) & (x->nslots - 1))
		if (!strcmp(x->slots[h].id, id))
			return;
	x->slots[h].id = id;
	x->slots[h].index = index;
	x->n++;
}

typedef struct reader {
	ctl_pj p;                 /* input name, error, where we are */
	ctl_timeline *tl;
	id_index docs, actors;
} reader;

static int fail(reader *r, const char *key, const char *problem)
{
	return ctl_pj_fail(&r->p, key, problem);
}

static const cJSON *get(reader *r, const cJSON *o, const char *key, int type_mask,
		bool nullable, int *rc)
{
	return ctl_pj_get(&r->p, o, key, type_mask, nullable, rc);
}

static int get_string(reader *r, const cJSON *o, const char *key, bool nullable, char **out)
{
	return ctl_pj_string(&r->p, o, key, nullable, out);
}

static int get_u32(reader *r, const cJSON *o, const char *key, uint32_t *out)
{
	return ctl_pj_u32(&r->p, o, key, out);
}

static int get_interval(reader *r, const cJSON *o, const char *date_key,
		const char *prefix, ctl_interval *iv)
{
	return ctl_pj_interval(&r->p, o, date_key, prefix, iv);
}

static int find_doc(reader *r, const char *id, size_t *out)
{
	return id_find(&r->docs, id, out);
}

static int get_ref(reader *r, const cJSON *o, bool with_text, ctl_ref *ref)
{
	int rc;
	char *doc = NULL;
	if (!cJSON_IsObject(o))
		return fail(r, NULL, "not an object");
	if ((rc = get_string(r, o, "doc", false, &doc)))
		return rc;
	if (find_doc(r, doc, &ref->doc)) {
		rc = fail(r, "doc", "names no document");
		free(doc);
		return rc;
	}
	free(doc);
	if ((rc = get_u32(r, o, "start", &ref->start)) || (rc = get_u32(r, o, "end", &ref->end)))
		return rc;
	if (ref->end < ref->start)
		return fail(r, "end", "before start");
	if (with_text)
		return get_string(r, o, "text", false, &ref->text);
	return 0;
}

static const cJSON *get_array(reader *r, const cJSON *o, const char *key, int *rc)
{
	return get(r, o, key, cJSON_Array, false, rc);
}

static int read_documents(reader *r, const cJSON *arr)
{
	int rc = 0, i = 0;
	const cJSON *o;
	cJSON_ArrayForEach(o, arr) {
		snprintf(r->p.where, sizeof(r->p.where), "documents[%d]", i++);
		if (!cJSON_IsObject(o))
			return fail(r, NULL, "not an object");
		ctl_doc_info *d = ctl_timeline_add_doc_info(r->tl);
		if ((rc = get_string(r, o, "id", false, &d->id)) ||
		    (rc = get_string(r, o, "path", false, &d->path)) ||
		    (rc = get_string(r, o, "title", true, &d->title)) ||
		    (rc = get_interval(r, o, "dct", "dct_", &d->dct)) ||
		    (rc = get_string(r, o, "dct_source", true, &d->dct_source)))
			return rc;
		if (!d->dct_source)
			d->dct_source = ctl_xstrdup("");
		size_t dup;
		if (find_doc(r, d->id, &dup) == 0)
			return fail(r, "id", "duplicate document id");
		id_add(&r->docs, d->id, r->tl->ndocs - 1);
	}
	return 0;
}

static int read_actors(reader *r, const cJSON *arr)
{
	int rc = 0, i = 0;
	const cJSON *o;
	cJSON_ArrayForEach(o, arr) {
		snprintf(r->p.where, sizeof(r->p.where), "actors[%d]", i++);
		if (!cJSON_IsObject(o))
			return fail(r, NULL, "not an object");
		ctl_actor *a = ctl_timeline_add_actor(r->tl);
		char *type = NULL;
		if ((rc = get_string(r, o, "id", false, &a->id)) ||
		    (rc = get_string(r, o, "name", false, &a->name)) ||
		    (rc = get_string(r, o, "type", false, &type)))
			return rc;
		/* a repeated id keeps resolving to its first actor, as before */
		id_add(&r->actors, a->id, r->tl->nactors - 1);
		rc = ctl_actor_type_parse(type, &a->type) ? fail(r, "type",
			"unknown actor type (person, organization, country, group, other)") : 0;
		free(type);
		if (rc)
			return rc;
		const cJSON *al = get_array(r, o, "aliases", &rc), *v;
		if (rc)
			return rc;
		a->aliases = ctl_xcalloc((size_t)cJSON_GetArraySize(al), sizeof(char *));
		cJSON_ArrayForEach(v, al) {
			if (!cJSON_IsString(v))
				return fail(r, "aliases", "not a string");
			a->aliases[a->naliases++] = ctl_xstrdup(v->valuestring);
		}
		const cJSON *m = get_array(r, o, "mentions", &rc);
		if (rc)
			return rc;
		a->mentions = ctl_xcalloc((size_t)cJSON_GetArraySize(m), sizeof(ctl_ref));
		cJSON_ArrayForEach(v, m) {
			if ((rc = get_ref(r, v, false, &a->mentions[a->nmentions])))
				return rc;
			a->nmentions++;
		}
	}
	return 0;
}


static int read_events(reader *r, const cJSON *arr)
{
	int rc = 0, i = 0;
	const cJSON *o;
	cJSON_ArrayForEach(o, arr) {
		snprintf(r->p.where, sizeof(r->p.where), "events[%d]", i++);
		if (!cJSON_IsObject(o))
			return fail(r, NULL, "not an object");
		ctl_event *e = ctl_timeline_add_event(r->tl);
		if ((rc = get_string(r, o, "id", false, &e->id)) ||
		    (rc = get_interval(r, o, "date", "", &e->when)) ||
		    (rc = get_string(r, o, "title", false, &e->title)) ||
		    (rc = get_string(r, o, "type", false, &e->type)) ||
		    (rc = get_string(r, o, "place", true, &e->place)))
			return rc;
		const cJSON *ea = get_array(r, o, "actors", &rc), *v;
		if (rc)
			return rc;
		e->actors = ctl_xcalloc((size_t)cJSON_GetArraySize(ea), sizeof(size_t));
		cJSON_ArrayForEach(v, ea) {
			if (!cJSON_IsString(v))
				return fail(r, "actors", "not a string");
			if (id_find(&r->actors, v->valuestring, &e->actors[e->nactors]))
				return fail(r, "actors", "names no actor");
			e->nactors++;
		}
		const cJSON *t = get(r, o, "trigger", cJSON_Object, false, &rc);
		if (rc || (rc = get_ref(r, t, true, &e->trigger)))
			return rc;
		const cJSON *src = get_array(r, o, "sources", &rc);
		if (rc)
			return rc;
		e->sources = ctl_xcalloc((size_t)cJSON_GetArraySize(src), sizeof(ctl_ref));
		cJSON_ArrayForEach(v, src) {
			if ((rc = get_ref(r, v, true, &e->sources[e->nsources])))
				return rc;
			e->nsources++;
		}
	}
	return 0;
}

int ctl_timeline_from_json(ctl_timeline **out, const char *name,
		const char *data, size_t len, ctl_error *err)
{
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithLengthOpts(data, len, &end, false);
	if (!root) {
		/* report the line and column where parsing stopped */
		size_t off = end && end >= data ? (size_t)(end - data) : 0, line = 1, col = 1;
		for (size_t i = 0; i < off && i < len; i++) {
			if (data[i] == '\n') {
				line++;
				col = 1;
			} else {
				col++;
			}
		}
		return ctl_error_set(err, CTL_EDATA, "%s:%zu:%zu: invalid JSON (or nested deeper than %d levels)",
			name, line, col, CJSON_NESTING_LIMIT);
	}
	reader r = { { err, name, "" }, ctl_timeline_new(), { NULL, 0, 0 }, { NULL, 0, 0 } };
	int rc = 0;
	const cJSON *fmt = cJSON_GetObjectItemCaseSensitive(root, "format");
	const cJSON *ver = cJSON_GetObjectItemCaseSensitive(root, "version");
	if (!cJSON_IsObject(root) || !cJSON_IsString(fmt) || strcmp(fmt->valuestring, CTL_EVENTS_FORMAT)) {
		rc = ctl_error_set(err, CTL_EDATA, "%s: not a ctimeline events file (\"format\" is not \"%s\")",
			name, CTL_EVENTS_FORMAT);
		goto out;
	}
	if (!cJSON_IsNumber(ver) || ver->valuedouble != CTL_EVENTS_VERSION) {
		rc = ctl_error_set(err, CTL_EDATA, "%s: unsupported events format version (this build reads version %d)",
			name, CTL_EVENTS_VERSION);
		goto out;
	}
	const cJSON *a;
	if (!(a = get_array(&r, root, "documents", &rc)) || (rc = read_documents(&r, a)))
		goto out;
	r.p.where[0] = '\0';
	if (!(a = get_array(&r, root, "actors", &rc)) || (rc = read_actors(&r, a)))
		goto out;
	r.p.where[0] = '\0';
	if (!(a = get_array(&r, root, "events", &rc)) || (rc = read_events(&r, a)))
		goto out;
out:
	cJSON_Delete(root);
	free(r.docs.slots);
	free(r.actors.slots);
	if (rc) {
		ctl_timeline_free(r.tl);
		return rc;
	}
	*out = r.tl;
	return 0;
}
