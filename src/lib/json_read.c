/*
 * Reading JSON with cJSON (internal): member readers shared by the events
 * JSON (json.c) and the per-article results (partial.c).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "json_read.h"
#include "util.h"

int ctl_pj_fail(ctl_pj *p, const char *key, const char *problem)
{
	if (key)
		return ctl_error_set(p->err, CTL_EDATA, "%s: %s%s%s: %s", p->name, p->where,
			p->where[0] ? "." : "", key, problem);
	return ctl_error_set(p->err, CTL_EDATA, "%s: %s: %s", p->name,
		p->where[0] ? p->where : "top level", problem);
}

const cJSON *ctl_pj_get(ctl_pj *p, const cJSON *o, const char *key, int type_mask,
		bool nullable, int *rc)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	if (!v) {
		*rc = ctl_pj_fail(p, key, "missing");
		return NULL;
	}
	if (cJSON_IsNull(v) && nullable)
		return NULL;
	if (!(v->type & type_mask)) {
		*rc = ctl_pj_fail(p, key, "wrong type");
		return NULL;
	}
	return v;
}

int ctl_pj_string(ctl_pj *p, const cJSON *o, const char *key, bool nullable, char **out)
{
	int rc = 0;
	const cJSON *v = ctl_pj_get(p, o, key, cJSON_String, nullable, &rc);
	*out = v ? ctl_xstrdup(v->valuestring) : NULL;
	return rc;
}

static bool whole_in(double d, double lo, double hi)
{
	return d >= lo && d <= hi && floor(d) == d;
}

int ctl_pj_u32(ctl_pj *p, const cJSON *o, const char *key, uint32_t *out)
{
	int rc = 0;
	const cJSON *v = ctl_pj_get(p, o, key, cJSON_Number, false, &rc);
	if (rc)
		return rc;
	if (!whole_in(v->valuedouble, 0, 4294967295.0))
		return ctl_pj_fail(p, key, "not a byte offset");
	*out = (uint32_t)v->valuedouble;
	return 0;
}

int ctl_pj_int(ctl_pj *p, const cJSON *o, const char *key, int lo, int hi, int *out)
{
	int rc = 0;
	const cJSON *v = ctl_pj_get(p, o, key, cJSON_Number, false, &rc);
	if (rc)
		return rc;
	if (!whole_in(v->valuedouble, lo, hi))
		return ctl_pj_fail(p, key, "not a whole number in range");
	*out = (int)v->valuedouble;
	return 0;
}

int ctl_pj_bool(ctl_pj *p, const cJSON *o, const char *key, bool *out)
{
	int rc = 0;
	const cJSON *v = ctl_pj_get(p, o, key, cJSON_True | cJSON_False, false, &rc);
	if (rc)
		return rc;
	*out = cJSON_IsTrue(v);
	return 0;
}

static int get_day(ctl_pj *p, const cJSON *o, const char *key, ctl_day *out)
{
	int rc = 0;
	const cJSON *v = ctl_pj_get(p, o, key, cJSON_String, true, &rc);
	*out = CTL_DAY_NONE;
	if (rc || !v)
		return rc;
	if (ctl_day_parse(v->valuestring, strlen(v->valuestring), out))
		return ctl_pj_fail(p, key, "not a date (YYYY-MM-DD)");
	return 0;
}

int ctl_pj_interval(ctl_pj *p, const cJSON *o, const char *date_key, const char *prefix,
		ctl_interval *iv)
{
	char key[48];
	int rc;
	char *date = NULL, *prec = NULL, *cert = NULL;
	*iv = ctl_interval_unknown();
	snprintf(key, sizeof(key), "%searliest", prefix);
	if ((rc = get_day(p, o, key, &iv->earliest)))
		return rc;
	snprintf(key, sizeof(key), "%slatest", prefix);
	if ((rc = get_day(p, o, key, &iv->latest)))
		return rc;
	if (iv->earliest != CTL_DAY_NONE && iv->latest != CTL_DAY_NONE && iv->earliest > iv->latest)
		return ctl_pj_fail(p, key, "earlier than the earliest date");
	snprintf(key, sizeof(key), "%sprecision", prefix);
	if ((rc = ctl_pj_string(p, o, key, false, &prec)))
		goto out;
	if (ctl_precision_parse(prec, &iv->precision)) {
		rc = ctl_pj_fail(p, key, "unknown precision (day, month, year, none)");
		goto out;
	}
	snprintf(key, sizeof(key), "%scertainty", prefix);
	if ((rc = ctl_pj_string(p, o, key, false, &cert)))
		goto out;
	if (ctl_certainty_parse(cert, &iv->certainty)) {
		rc = ctl_pj_fail(p, key, "unknown certainty (stated, inferred, bounded)");
		goto out;
	}
	if (!date_key)
		goto out;
	if ((rc = ctl_pj_string(p, o, date_key, true, &date)))
		goto out;
	/* the date must agree with the interval it summarises */
	char expect[11];
	ctl_interval_format(iv, expect);
	if (strcmp(date ? date : "", expect))
		rc = ctl_pj_fail(p, date_key, "does not match earliest and precision");
out:
	free(date);
	free(prec);
	free(cert);
	return rc;
}

int ctl_pj_span(ctl_pj *p, const cJSON *v, const char *key, uint32_t *s, uint32_t *e)
{
	const cJSON *a = cJSON_GetArrayItem(v, 0), *b = cJSON_GetArrayItem(v, 1);
	if (!cJSON_IsArray(v) || !cJSON_IsNumber(a) || !cJSON_IsNumber(b) ||
	    !whole_in(a->valuedouble, 0, 4294967295.0) || !whole_in(b->valuedouble, 0, 4294967295.0) ||
	    a->valuedouble > b->valuedouble)
		return ctl_pj_fail(p, key, "not a [start, end] byte span");
	*s = (uint32_t)a->valuedouble;
	*e = (uint32_t)b->valuedouble;
	return 0;
}
