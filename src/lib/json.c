/*
 * Events JSON, version 1 (cJSON). The writer is deterministic and the reader
 * accepts exactly what the writer produces (plus unknown keys, ignored), so
 * that write -> read -> write gives identical bytes.
 *
 * Dates and ids are strings (cJSON numbers are doubles); offsets are
 * integers checked to fit 32 bits.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "ctimeline/timeline.h"
#include "ctimeline/buf.h"
#include "util.h"

/* ---- writing ------------------------------------------------------------ */

static cJSON *str_or_null(const char *s)
{
	return s ? cJSON_CreateString(s) : cJSON_CreateNull();
}

static cJSON *day_or_null(ctl_day d)
{
	char b[11];
	ctl_day_format(d, b);
	return b[0] ? cJSON_CreateString(b) : cJSON_CreateNull();
}

static cJSON *ref_json(const ctl_timeline *tl, const ctl_ref *r, bool with_text)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "doc", r->doc < tl->ndocs ? tl->docs[r->doc].id : "");
	cJSON_AddNumberToObject(o, "start", r->start);
	cJSON_AddNumberToObject(o, "end", r->end);
	if (with_text)
		cJSON_AddItemToObject(o, "text", cJSON_CreateString(r->text ? r->text : ""));
	return o;
}

static void add_interval(cJSON *o, const char *date_key, const char *prefix,
		const ctl_interval *iv)
{
	char key[32], b[11];
	ctl_interval_format(iv, b);
	cJSON_AddItemToObject(o, date_key, b[0] ? cJSON_CreateString(b) : cJSON_CreateNull());
	snprintf(key, sizeof(key), "%searliest", prefix);
	cJSON_AddItemToObject(o, key, day_or_null(iv->earliest));
	snprintf(key, sizeof(key), "%slatest", prefix);
	cJSON_AddItemToObject(o, key, day_or_null(iv->latest));
	snprintf(key, sizeof(key), "%sprecision", prefix);
	cJSON_AddStringToObject(o, key, ctl_precision_name(iv->precision));
	snprintf(key, sizeof(key), "%scertainty", prefix);
	cJSON_AddStringToObject(o, key, ctl_certainty_name(iv->certainty));
}

int ctl_timeline_to_json(char **out, const ctl_timeline *tl, ctl_error *err)
{
	cJSON *root = cJSON_CreateObject();
	cJSON_AddStringToObject(root, "format", CTL_EVENTS_FORMAT);
	cJSON_AddNumberToObject(root, "version", CTL_EVENTS_VERSION);

	cJSON *docs = cJSON_AddArrayToObject(root, "documents");
	for (size_t i = 0; i < tl->ndocs; i++) {
		const ctl_doc_info *d = &tl->docs[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "id", d->id);
		cJSON_AddStringToObject(o, "path", d->path);
		cJSON_AddItemToObject(o, "title", str_or_null(d->title));
		add_interval(o, "dct", "dct_", &d->dct);
		cJSON_AddItemToObject(o, "dct_source",
			str_or_null(d->dct_source && d->dct_source[0] ? d->dct_source : NULL));
		cJSON_AddItemToArray(docs, o);
	}

	cJSON *actors = cJSON_AddArrayToObject(root, "actors");
	for (size_t i = 0; i < tl->nactors; i++) {
		const ctl_actor *a = &tl->actors[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "id", a->id ? a->id : "");
		cJSON_AddStringToObject(o, "name", a->name ? a->name : "");
		cJSON_AddStringToObject(o, "type", ctl_actor_type_name(a->type));
		cJSON *al = cJSON_AddArrayToObject(o, "aliases");
		for (size_t k = 0; k < a->naliases; k++)
			cJSON_AddItemToArray(al, cJSON_CreateString(a->aliases[k]));
		cJSON *m = cJSON_AddArrayToObject(o, "mentions");
		for (size_t k = 0; k < a->nmentions; k++)
			cJSON_AddItemToArray(m, ref_json(tl, &a->mentions[k], false));
		cJSON_AddItemToArray(actors, o);
	}

	cJSON *events = cJSON_AddArrayToObject(root, "events");
	for (size_t i = 0; i < tl->nevents; i++) {
		const ctl_event *e = &tl->events[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "id", e->id ? e->id : "");
		add_interval(o, "date", "", &e->when);
		cJSON_AddStringToObject(o, "title", e->title ? e->title : "");
		cJSON_AddStringToObject(o, "type", e->type ? e->type : "other");
		cJSON_AddItemToObject(o, "place", str_or_null(e->place));
		cJSON *ea = cJSON_AddArrayToObject(o, "actors");
		for (size_t k = 0; k < e->nactors; k++) {
			size_t ai = e->actors[k];
			cJSON_AddItemToArray(ea, cJSON_CreateString(
				ai < tl->nactors && tl->actors[ai].id ? tl->actors[ai].id : ""));
		}
		cJSON_AddItemToObject(o, "trigger", ref_json(tl, &e->trigger, true));
		cJSON *src = cJSON_AddArrayToObject(o, "sources");
		for (size_t k = 0; k < e->nsources; k++)
			cJSON_AddItemToArray(src, ref_json(tl, &e->sources[k], true));
		cJSON_AddItemToArray(events, o);
	}

	char *s = cJSON_Print(root);
	cJSON_Delete(root);
	if (!s)
		return ctl_error_set(err, CTL_ENOMEM, "out of memory writing JSON");
	/* end with a newline, as a text file should */
	size_t n = strlen(s);
	char *t = ctl_xmalloc(n + 2);
	memcpy(t, s, n);
	t[n] = '\n';
	t[n + 1] = '\0';
	cJSON_free(s);
	*out = t;
	return 0;
}

/* ---- reading ------------------------------------------------------------ */

typedef struct reader {
	const char *name;
	ctl_error *err;
	ctl_timeline *tl;
	char where[128];
} reader;

static int fail(reader *r, const char *key, const char *problem)
{
	return ctl_error_set(r->err, CTL_EDATA, "%s: %s%s%s: %s", r->name, r->where,
		*r->where && key ? "." : "", key ? key : "", problem);
}

static const cJSON *get(reader *r, const cJSON *o, const char *key, int type_mask,
		bool nullable, int *rc)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	if (!v) {
		*rc = fail(r, key, "missing");
		return NULL;
	}
	if (cJSON_IsNull(v) && nullable)
		return NULL;
	if (!(v->type & type_mask)) {
		*rc = fail(r, key, "wrong type");
		return NULL;
	}
	return v;
}

static int get_string(reader *r, const cJSON *o, const char *key, bool nullable, char **out)
{
	int rc = 0;
	const cJSON *v = get(r, o, key, cJSON_String, nullable, &rc);
	*out = v ? ctl_xstrdup(v->valuestring) : NULL;
	return rc;
}

static int get_u32(reader *r, const cJSON *o, const char *key, uint32_t *out)
{
	int rc = 0;
	const cJSON *v = get(r, o, key, cJSON_Number, false, &rc);
	if (rc)
		return rc;
	double d = v->valuedouble;
	if (!(d >= 0 && d <= 4294967295.0) || floor(d) != d)
		return fail(r, key, "not a byte offset");
	*out = (uint32_t)d;
	return 0;
}

static int get_day(reader *r, const cJSON *o, const char *key, ctl_day *out)
{
	int rc = 0;
	const cJSON *v = get(r, o, key, cJSON_String, true, &rc);
	*out = CTL_DAY_NONE;
	if (rc || !v)
		return rc;
	if (ctl_day_parse(v->valuestring, strlen(v->valuestring), out))
		return fail(r, key, "not a date (YYYY-MM-DD)");
	return 0;
}

static int get_interval(reader *r, const cJSON *o, const char *date_key,
		const char *prefix, ctl_interval *iv)
{
	char key[32];
	int rc;
	char *date = NULL, *prec = NULL, *cert = NULL;
	*iv = ctl_interval_unknown();
	snprintf(key, sizeof(key), "%searliest", prefix);
	if ((rc = get_day(r, o, key, &iv->earliest)))
		return rc;
	snprintf(key, sizeof(key), "%slatest", prefix);
	if ((rc = get_day(r, o, key, &iv->latest)))
		return rc;
	if (iv->earliest != CTL_DAY_NONE && iv->latest != CTL_DAY_NONE && iv->earliest > iv->latest)
		return fail(r, key, "earlier than the earliest date");
	snprintf(key, sizeof(key), "%sprecision", prefix);
	if ((rc = get_string(r, o, key, false, &prec)))
		goto out;
	if (ctl_precision_parse(prec, &iv->precision)) {
		rc = fail(r, key, "unknown precision (day, month, year, none)");
		goto out;
	}
	snprintf(key, sizeof(key), "%scertainty", prefix);
	if ((rc = get_string(r, o, key, false, &cert)))
		goto out;
	if (ctl_certainty_parse(cert, &iv->certainty)) {
		rc = fail(r, key, "unknown certainty (stated, inferred, bounded)");
		goto out;
	}
	if ((rc = get_string(r, o, date_key, true, &date)))
		goto out;
	/* the date must agree with the interval it summarises */
	char expect[11];
	ctl_interval_format(iv, expect);
	if (strcmp(date ? date : "", expect))
		rc = fail(r, date_key, "does not match earliest and precision");
out:
	free(date);
	free(prec);
	free(cert);
	return rc;
}

static int find_doc(reader *r, const char *id, size_t *out)
{
	/* documents are few per file; ids are checked unique on read */
	for (size_t i = 0; i < r->tl->ndocs; i++)
		if (!strcmp(r->tl->docs[i].id, id)) {
			*out = i;
			return 0;
		}
	return -1;
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
		snprintf(r->where, sizeof(r->where), "documents[%d]", i++);
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
		r->tl->ndocs--; /* look for an earlier document with this id */
		bool twice = find_doc(r, d->id, &dup) == 0;
		r->tl->ndocs++;
		if (twice)
			return fail(r, "id", "duplicate document id");
	}
	return 0;
}

static int read_actors(reader *r, const cJSON *arr)
{
	int rc = 0, i = 0;
	const cJSON *o;
	cJSON_ArrayForEach(o, arr) {
		snprintf(r->where, sizeof(r->where), "actors[%d]", i++);
		if (!cJSON_IsObject(o))
			return fail(r, NULL, "not an object");
		ctl_actor *a = ctl_timeline_add_actor(r->tl);
		char *type = NULL;
		if ((rc = get_string(r, o, "id", false, &a->id)) ||
		    (rc = get_string(r, o, "name", false, &a->name)) ||
		    (rc = get_string(r, o, "type", false, &type)))
			return rc;
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

static int find_actor(const ctl_timeline *tl, const char *id, size_t *out)
{
	for (size_t i = 0; i < tl->nactors; i++)
		if (!strcmp(tl->actors[i].id, id)) {
			*out = i;
			return 0;
		}
	return -1;
}

static int read_events(reader *r, const cJSON *arr)
{
	int rc = 0, i = 0;
	const cJSON *o;
	cJSON_ArrayForEach(o, arr) {
		snprintf(r->where, sizeof(r->where), "events[%d]", i++);
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
			if (find_actor(r->tl, v->valuestring, &e->actors[e->nactors]))
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
	reader r = { name, err, ctl_timeline_new(), "" };
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
	r.where[0] = '\0';
	if (!(a = get_array(&r, root, "actors", &rc)) || (rc = read_actors(&r, a)))
		goto out;
	r.where[0] = '\0';
	if (!(a = get_array(&r, root, "events", &rc)) || (rc = read_events(&r, a)))
		goto out;
out:
	cJSON_Delete(root);
	if (rc) {
		ctl_timeline_free(r.tl);
		return rc;
	}
	*out = r.tl;
	return 0;
}
