/*
 * One document's extraction result (extract.h: ctl_doc_result): the
 * per-document stages run on their own, so that documents can be extracted
 * on several threads or machines, and the result written as one JSON line
 * ("ctimeline-partial", version 1: docs/partial.md) and read back losslessly
 * for the merge across documents.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ctimeline/extract.h"
#include "ctimeline/actors.h"
#include "ctimeline/timex.h"
#include "actors_internal.h"
#include "events.h"
#include "partial.h"
#include "json_read.h"
#include "timex_tokens.h"
#include "document_internal.h"
#include "util.h"

#define PARTIAL_FORMAT "ctimeline-partial"
#define PARTIAL_VERSION 1

/* ---- small writers ------------------------------------------------------- */

/* The partial is written directly, byte for byte what cJSON_PrintUnformatted
 * gave for the same tree (docs/partial.md), without building the tree:
 * cJSON prints every number through sprintf("%1.15g") and reads it back
 * with sscanf, which took about a third of an `extract --jsonl` run. */
#define PUT_LIT(b, lit) ctl_buf_put(b, lit, sizeof(lit) - 1)

void ctl_pj_put_str(ctl_buf *b, const char *s)
{
	if (s)
		ctl_json_put_string(b, s, strlen(s));
	else
		PUT_LIT(b, "null");
}

static void put_day(ctl_buf *b, ctl_day d)
{
	char iso[11];
	ctl_day_format(d, iso);
	ctl_pj_put_str(b, d == CTL_DAY_NONE ? NULL : iso);
}

void ctl_pj_put_interval(ctl_buf *b, const char *prefix, const ctl_interval *iv)
{
	ctl_buf_printf(b, "\"%searliest\":", prefix);
	put_day(b, iv->earliest);
	ctl_buf_printf(b, ",\"%slatest\":", prefix);
	put_day(b, iv->latest);
	ctl_buf_printf(b, ",\"%sprecision\":", prefix);
	ctl_pj_put_str(b, ctl_precision_name(iv->precision));
	ctl_buf_printf(b, ",\"%scertainty\":", prefix);
	ctl_pj_put_str(b, ctl_certainty_name(iv->certainty));
}

void ctl_pj_put_span(ctl_buf *b, uint32_t s, uint32_t e)
{
	ctl_buf_putc(b, '[');
	ctl_json_put_int(b, s);
	ctl_buf_putc(b, ',');
	ctl_json_put_int(b, e);
	ctl_buf_putc(b, ']');
}

/* ---- the result ------------------------------------------------------------ */

struct ctl_doc_result {
	ctl_doc_info info;           /* owned strings */
	ctl_mention_list mentions;   /* the actor mentions the actor set records */
	ctl_event_store *events;     /* candidates, as document 0 */
};

static ctl_doc_result *result_new(void)
{
	ctl_doc_result *r = ctl_xcalloc(1, sizeof(*r));
	r->info.dct = ctl_interval_unknown();
	ctl_mention_list_init(&r->mentions);
	r->events = ctl_event_store_new(NULL);
	return r;
}

void ctl_doc_result_free(ctl_doc_result *r)
{
	if (!r)
		return;
	free(r->info.id);
	free(r->info.path);
	free(r->info.title);
	free(r->info.dct_source);
	ctl_mention_list_release(&r->mentions);
	ctl_event_store_free(r->events);
	free(r);
}

/* Keeps the mentions ctl_actor_set_add records (named actors), in order. */
static void keep_actor_mentions(ctl_mention_list *l)
{
	size_t k = 0;
	for (size_t i = 0; i < l->len; i++) {
		ctl_mention *m = &l->items[i];
		if (m->role == CTL_MENTION_ACTOR && m->name) {
			free(m->title);
			m->title = NULL; /* not recorded */
			l->items[k++] = *m;
		} else {
			free(m->name);
			free(m->resolved);
			free(m->title);
		}
	}
	l->len = k;
}

struct ctl_workspace {
	ctl_lex_cache *lex;       /* the actor finder's word look-ups */
	ctl_tx_tokens *tokens;    /* the time tagger's tokens of the page last
	                             analysed (ctl_document_analyze_ws) */
	ctl_stop_memo *stop;      /* the cleaner's stopword answers */
};

ctl_workspace *ctl_workspace_new(void)
{
	ctl_workspace *ws = ctl_xcalloc(1, sizeof(*ws));
	ws->lex = ctl_lex_cache_new();
	ws->tokens = ctl_tx_tokens_new();
	ws->stop = ctl_stop_memo_new();
	return ws;
}

void ctl_workspace_free(ctl_workspace *ws)
{
	if (!ws)
		return;
	ctl_lex_cache_free(ws->lex);
	ctl_tx_tokens_free(ws->tokens);
	ctl_stop_memo_free(ws->stop);
	free(ws);
}

ctl_tx_tokens *ctl_workspace_tokens(ctl_workspace *ws)
{
	return ws ? ws->tokens : NULL;
}

ctl_stop_memo *ctl_workspace_stop_memo(ctl_workspace *ws)
{
	return ws ? ws->stop : NULL;
}

int ctl_extract_document(ctl_doc_result **out, const ctl_resources *res,
		const ctl_document *doc, ctl_error *err)
{
	return ctl_extract_document_ws(out, res, doc, NULL, err);
}

int ctl_extract_document_ws(ctl_doc_result **out, const ctl_resources *res,
		const ctl_document *doc, ctl_workspace *ws, ctl_error *err)
{
	*out = NULL;
	ctl_doc_result *r = result_new();
	r->info.id = ctl_xstrdup(doc->id);
	r->info.path = ctl_xstrdup(doc->path);
	r->info.title = doc->title ? ctl_xstrdup(doc->title) : NULL;
	r->info.dct = doc->dct;
	r->info.dct_source = ctl_xstrdup(doc->dct_source);

	ctl_timex_list tx;
	ctl_timex_list_init(&tx);
	size_t nspans;
	ctl_span *spans = ctl_document_read_spans(doc, &nspans);
	ctl_day dct = doc->dct.precision == CTL_PREC_DAY ? doc->dct.earliest : CTL_DAY_NONE;
	/* the tokens kept when this page was dated, if they are of these bytes */
	ctl_tx_tokens *kept = ctl_workspace_tokens(ws);
	if (kept && !ctl_tx_tokens_match(kept, doc->text, doc->len))
		kept = NULL;
	int rc = ctl_timex_tag_spans_kept(&tx, res, doc->text, spans, nspans, dct, kept, err);
	if (ws)
		ctl_tx_tokens_clear(ws->tokens); /* read once: the page is done */
	if (!rc)
		rc = ctl_mentions_find_cached(&r->mentions, res, doc, ws ? ws->lex : NULL, err);
	ctl_event_store *st = ctl_event_store_new(res);
	if (!rc)
		rc = ctl_events_find(st, doc, 0, &r->info, &tx, &r->mentions, err);
	ctl_event_store_absorb(r->events, st, 0);
	ctl_event_store_free(st);
	free(spans);
	ctl_timex_list_release(&tx);
	if (rc) {
		ctl_doc_result_free(r);
		return rc;
	}
	keep_actor_mentions(&r->mentions);
	*out = r;
	return 0;
}

const ctl_doc_info *ctl_doc_result_info(const ctl_doc_result *r)
{
	return &r->info;
}

/* ---- JSON ------------------------------------------------------------------ */

int ctl_doc_result_to_json(char **out, const ctl_doc_result *r, ctl_error *err)
{
	(void)err; /* out of memory aborts (ctl_xmalloc) */
	ctl_buf b = CTL_BUF_INIT;
	PUT_LIT(&b, "{\"format\":\"" PARTIAL_FORMAT "\",\"version\":");
	ctl_json_put_int(&b, PARTIAL_VERSION);
	PUT_LIT(&b, ",\"document\":{\"id\":");
	ctl_pj_put_str(&b, r->info.id ? r->info.id : "");
	PUT_LIT(&b, ",\"path\":");
	ctl_pj_put_str(&b, r->info.path ? r->info.path : "");
	PUT_LIT(&b, ",\"title\":");
	ctl_pj_put_str(&b, r->info.title);
	ctl_buf_putc(&b, ',');
	ctl_pj_put_interval(&b, "dct_", &r->info.dct);
	PUT_LIT(&b, ",\"dct_source\":");
	ctl_pj_put_str(&b, r->info.dct_source ? r->info.dct_source : "");
	PUT_LIT(&b, "},\"mentions\":[");
	for (size_t i = 0; i < r->mentions.len; i++) {
		const ctl_mention *m = &r->mentions.items[i];
		if (i)
			ctl_buf_putc(&b, ',');
		PUT_LIT(&b, "{\"span\":");
		ctl_pj_put_span(&b, m->start, m->end);
		PUT_LIT(&b, ",\"name\":");
		ctl_pj_put_str(&b, m->name ? m->name : "");
		PUT_LIT(&b, ",\"resolved\":");
		ctl_pj_put_str(&b, m->resolved);
		PUT_LIT(&b, ",\"type\":");
		ctl_pj_put_str(&b, ctl_actor_type_name(m->type));
		PUT_LIT(&b, ",\"cue\":");
		ctl_json_put_int(&b, m->cue);
		if (m->tentative)
			PUT_LIT(&b, ",\"tentative\":true}");
		else
			PUT_LIT(&b, ",\"tentative\":false}");
	}
	PUT_LIT(&b, "],\"candidates\":");
	ctl_event_store_write_json(r->events, &b);
	ctl_buf_putc(&b, '}');
	*out = ctl_buf_detach(&b, NULL);
	return 0;
}

static int read_result(ctl_pj *p, const cJSON *top, ctl_doc_result *r)
{
	int rc, version;
	char *fmt = NULL;
	if (!cJSON_IsObject(top))
		return ctl_pj_fail(p, NULL, "not a JSON object");
	if ((rc = ctl_pj_string(p, top, "format", false, &fmt)))
		return rc;
	bool ok = !strcmp(fmt, PARTIAL_FORMAT);
	bool finished = !strcmp(fmt, "ctimeline-events");
	free(fmt);
	if (finished)
		return ctl_pj_fail(p, NULL, "a finished timeline (ctimeline-events), not per-document "
			"results: merge reads what 'extract --jsonl' writes");
	if (!ok)
		return ctl_pj_fail(p, "format", "not \"" PARTIAL_FORMAT "\"");
	if ((rc = ctl_pj_int(p, top, "version", 0, 1000000, &version)))
		return rc;
	if (version != PARTIAL_VERSION)
		return ctl_pj_fail(p, "version", "not a version this build reads (1)");

	const cJSON *d = cJSON_GetObjectItemCaseSensitive(top, "document");
	snprintf(p->where, sizeof(p->where), "document");
	if (!cJSON_IsObject(d))
		return ctl_pj_fail(p, NULL, "missing or not an object");
	if ((rc = ctl_pj_string(p, d, "id", false, &r->info.id)) ||
	    (rc = ctl_pj_string(p, d, "path", false, &r->info.path)) ||
	    (rc = ctl_pj_string(p, d, "title", true, &r->info.title)) ||
	    (rc = ctl_pj_interval(p, d, NULL, "dct_", &r->info.dct)) ||
	    (rc = ctl_pj_string(p, d, "dct_source", false, &r->info.dct_source)))
		return rc;

	const cJSON *ms = cJSON_GetObjectItemCaseSensitive(top, "mentions"), *o;
	p->where[0] = '\0';
	if (!cJSON_IsArray(ms))
		return ctl_pj_fail(p, "mentions", "missing or not an array");
	int i = 0;
	cJSON_ArrayForEach(o, ms) {
		snprintf(p->where, sizeof(p->where), "mentions[%d]", i++);
		if (!cJSON_IsObject(o))
			return ctl_pj_fail(p, NULL, "not an object");
		ctl_mention *m = CTL_ARRAY_PUSH(r->mentions.items, r->mentions.len, r->mentions.cap);
		memset(m, 0, sizeof(*m));
		int cue = 0;
		bool tentative = false;
		char *type = NULL;
		if ((rc = ctl_pj_span(p, cJSON_GetObjectItemCaseSensitive(o, "span"), "span",
				&m->start, &m->end)) ||
		    (rc = ctl_pj_string(p, o, "name", false, &m->name)) ||
		    (rc = ctl_pj_string(p, o, "resolved", true, &m->resolved)) ||
		    (rc = ctl_pj_string(p, o, "type", false, &type)))
			return rc;
		rc = ctl_actor_type_parse(type, &m->type);
		free(type);
		if (rc)
			return ctl_pj_fail(p, "type", "not an actor type");
		if ((rc = ctl_pj_int(p, o, "cue", CTL_CUE_GUESS, CTL_CUE_LEXICON, &cue)) ||
		    (rc = ctl_pj_bool(p, o, "tentative", &tentative)))
			return rc;
		m->ext_start = m->start;
		m->role = CTL_MENTION_ACTOR;
		m->cue = (uint8_t)cue;
		m->tentative = tentative;
	}
	p->where[0] = '\0';
	return ctl_event_store_from_cjson(r->events,
		cJSON_GetObjectItemCaseSensitive(top, "candidates"), p);
}

int ctl_doc_result_from_json(ctl_doc_result **out, const char *name, const char *data,
		size_t len, ctl_error *err)
{
	*out = NULL;
	ctl_pj p = { err, name, "" };
	cJSON *top = cJSON_ParseWithLength(data, len);
	if (!top) {
		size_t at = 0;
		const char *e = cJSON_GetErrorPtr();
		if (e && e >= data && e <= data + len)
			at = (size_t)(e - data);
		return ctl_error_set(err, CTL_EDATA, "%s: not valid JSON (near byte %zu)", name, at);
	}
	ctl_doc_result *r = result_new();
	int rc = read_result(&p, top, r);
	cJSON_Delete(top);
	if (rc) {
		ctl_doc_result_free(r);
		return rc;
	}
	*out = r;
	return 0;
}

/* The parts the extractor takes over (extract.c). */
void ctl_doc_result_parts(ctl_doc_result *r, ctl_doc_info *info,
		const ctl_mention_list **mentions, ctl_event_store **events)
{
	*info = r->info;
	memset(&r->info, 0, sizeof(r->info));
	*mentions = &r->mentions;
	*events = r->events;
}

static bool all_space(const char *s, const char *end)
{
	for (; s < end; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return false;
	return true;
}

int ctl_extractor_add_json(ctl_extractor *x, const char *name, size_t first_line,
		const char *data, size_t len, size_t *added, ctl_error *err)
{
	const char *p = data, *end = data + len;
	size_t line = first_line;
	char where[4096];
	while (!all_space(p, end)) {
		while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			line += *p++ == '\n';
		const char *after = NULL;
		cJSON *v = cJSON_ParseWithLengthOpts(p, (size_t)(end - p), &after, false);
		if (!v)
			return ctl_error_set(err, CTL_EDATA, "%s:%zu: not valid JSON", name, line);
		int rc = 0;
		if (cJSON_IsArray(v)) {
			int i = 0;
			const cJSON *o;
			cJSON_ArrayForEach(o, v) {
				snprintf(where, sizeof(where), "%s:%zu: [%d]", name, line, i++);
				char *s = cJSON_PrintUnformatted(o);
				ctl_doc_result *r;
				rc = s ? ctl_doc_result_from_json(&r, where, s, strlen(s), err)
					: ctl_error_set(err, CTL_ENOMEM, "out of memory");
				free(s);
				if (rc)
					break;
				ctl_extractor_add_result(x, r);
				++*added;
			}
		} else {
			snprintf(where, sizeof(where), "%s:%zu", name, line);
			ctl_doc_result *r;
			rc = ctl_doc_result_from_json(&r, where, p, (size_t)(after - p), err);
			if (!rc) {
				ctl_extractor_add_result(x, r);
				++*added;
			}
		}
		cJSON_Delete(v);
		if (rc)
			return rc;
		for (; p < after; p++)
			line += *p == '\n';
	}
	return 0;
}
