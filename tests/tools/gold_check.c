/*
 * gold_check: scores an events JSON against a gold timeline in the format of
 * tests/data/seeds.gold.json, with the matching rule stated in its "about":
 * an extracted event matches a gold event when it cites the gold event's
 * document, its [earliest, latest] lies within the gold interval widened by
 * 3 days on each side, and it links every key actor (by name or alias).
 *
 *   gold_check EVENTS.json GOLD.json [--min-must N] [--min-should N]
 *              [--merged ID]... [--max-noise N] [--texts DIR]
 *
 * --texts DIR also checks that every event has a trigger and sources, and
 * that each trigger's and source's text is exactly the bytes at its offsets
 * in DIR/<doc id>.txt.
 *
 * Prints one line per gold event and actor, then a summary; exits 1 when a
 * threshold is missed, 2 on bad input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include <ctimeline/ctimeline.h>

#define TOLERANCE_DAYS 3

static cJSON *load(const char *path)
{
	char *data;
	size_t len;
	ctl_error err;
	ctl_error_clear(&err);
	if (ctl_read_file(&data, &len, path, 1u << 30, &err)) {
		fprintf(stderr, "gold_check: %s\n", err.msg);
		exit(2);
	}
	cJSON *j = cJSON_ParseWithLength(data, len);
	free(data);
	if (!j) {
		fprintf(stderr, "gold_check: %s: invalid JSON\n", path);
		exit(2);
	}
	return j;
}

static const char *str(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static ctl_day day(const char *s)
{
	ctl_day d = CTL_DAY_NONE;
	if (s)
		ctl_day_parse(s, strlen(s), &d);
	return d;
}

/* doc id of a gold file name: the name without ".txt" */
static int same_doc(const char *gold_file, const char *doc_id)
{
	size_t n = strlen(doc_id);
	return !strncmp(gold_file, doc_id, n) && !strcmp(gold_file + n, ".txt");
}

static const cJSON *find_by(const cJSON *arr, const char *key, const char *val)
{
	const cJSON *o;
	cJSON_ArrayForEach(o, arr) {
		const char *v = str(o, key);
		if (v && !strcmp(v, val))
			return o;
	}
	return NULL;
}

/* Is the extracted actor one of the gold actor's names? */
static int actor_is(const cJSON *actor, const cJSON *gold_actor)
{
	const char *names[64];
	int n = 0;
	names[n++] = str(gold_actor, "name");
	const cJSON *a;
	cJSON_ArrayForEach(a, cJSON_GetObjectItemCaseSensitive(gold_actor, "aliases"))
		if (n < 64 && cJSON_IsString(a))
			names[n++] = a->valuestring;
	const char *mine[64];
	int m = 0;
	mine[m++] = str(actor, "name");
	cJSON_ArrayForEach(a, cJSON_GetObjectItemCaseSensitive(actor, "aliases"))
		if (m < 64 && cJSON_IsString(a))
			mine[m++] = a->valuestring;
	for (int i = 0; i < n; i++)
		for (int k = 0; k < m; k++)
			if (names[i] && mine[k] && !strcmp(names[i], mine[k]))
				return 1;
	return 0;
}

static int links_actor(const cJSON *ev, const cJSON *actors, const cJSON *gold_actor)
{
	const cJSON *id;
	cJSON_ArrayForEach(id, cJSON_GetObjectItemCaseSensitive(ev, "actors")) {
		const cJSON *a = cJSON_IsString(id) ? find_by(actors, "id", id->valuestring) : NULL;
		if (a && actor_is(a, gold_actor))
			return 1;
	}
	return 0;
}

static int cites(const cJSON *ev, const char *file)
{
	const cJSON *s;
	cJSON_ArrayForEach(s, cJSON_GetObjectItemCaseSensitive(ev, "sources")) {
		const char *d = str(s, "doc");
		if (d && same_doc(file, d))
			return 1;
	}
	return 0;
}

static int matches(const cJSON *ev, const cJSON *g, const cJSON *actors, const cJSON *gold_actors)
{
	ctl_day e = day(str(ev, "earliest")), l = day(str(ev, "latest"));
	ctl_day ge = day(str(g, "earliest")), gl = day(str(g, "latest"));
	if (e == CTL_DAY_NONE || l == CTL_DAY_NONE || e < ge - TOLERANCE_DAYS || l > gl + TOLERANCE_DAYS)
		return 0;
	const cJSON *d;
	int cited = 0;
	cJSON_ArrayForEach(d, cJSON_GetObjectItemCaseSensitive(g, "docs"))
		cited |= cJSON_IsString(d) && cites(ev, d->valuestring);
	if (!cited)
		return 0;
	const cJSON *k;
	cJSON_ArrayForEach(k, cJSON_GetObjectItemCaseSensitive(g, "key_actors")) {
		const cJSON *ga = find_by(gold_actors, "name", k->valuestring);
		if (!ga || !links_actor(ev, actors, ga))
			return 0;
	}
	return 1;
}

static int cites_all(const cJSON *ev, const cJSON *g)
{
	const cJSON *d;
	cJSON_ArrayForEach(d, cJSON_GetObjectItemCaseSensitive(g, "docs"))
		if (!cites(ev, d->valuestring))
			return 0;
	return 1;
}

static int contains_noise(const char *s, const cJSON *noise)
{
	const cJSON *n;
	if (!s)
		return 0;
	cJSON_ArrayForEach(n, noise)
		if (strstr(s, n->valuestring))
			return 1;
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: gold_check EVENTS.json GOLD.json [--min-must N] [--min-should N] [--merged ID]... [--max-noise N]\n");
		return 2;
	}
	int min_must = 0, min_should = 0, max_noise = -1;
	const char *texts = NULL;
	const char *merged_ids[16];
	int nmerged = 0;
	for (int i = 3; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--min-must")) min_must = atoi(argv[i + 1]);
		else if (!strcmp(argv[i], "--min-should")) min_should = atoi(argv[i + 1]);
		else if (!strcmp(argv[i], "--max-noise")) max_noise = atoi(argv[i + 1]);
		else if (!strcmp(argv[i], "--merged") && nmerged < 16) merged_ids[nmerged++] = argv[i + 1];
		else if (!strcmp(argv[i], "--texts")) texts = argv[i + 1];
		else { fprintf(stderr, "gold_check: unknown option %s\n", argv[i]); return 2; }
	}
	cJSON *got = load(argv[1]), *gold = load(argv[2]);
	const cJSON *events = cJSON_GetObjectItemCaseSensitive(got, "events");
	const cJSON *actors = cJSON_GetObjectItemCaseSensitive(got, "actors");
	const cJSON *gevents = cJSON_GetObjectItemCaseSensitive(gold, "events");
	const cJSON *gactors = cJSON_GetObjectItemCaseSensitive(gold, "actors");
	const cJSON *noise = cJSON_GetObjectItemCaseSensitive(gold, "noise");
	int must = 0, nmust = 0, should = 0, nshould = 0, failed = 0;

	const cJSON *g, *ev;
	cJSON_ArrayForEach(g, gevents) {
		const char *level = str(g, "level");
		int found = 0, merged = 0;
		cJSON_ArrayForEach(ev, events)
			if (matches(ev, g, actors, gactors)) {
				found++;
				merged |= cites_all(ev, g);
			}
		int is_must = level && !strcmp(level, "must");
		if (is_must) { nmust++; must += found > 0; }
		else { nshould++; should += found > 0; }
		printf("%-6s %-24s %s%s\n", level ? level : "?", str(g, "id"),
			found ? "found" : "MISSING", found && cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(g, "docs")) > 1 ?
			(merged ? " (one event citing all its documents)" : " (NOT merged)") : "");
		for (int i = 0; i < nmerged; i++)
			if (!strcmp(merged_ids[i], str(g, "id")) && !merged) {
				printf("FAIL: %s is not one event citing all its documents\n", merged_ids[i]);
				failed = 1;
			}
	}
	/* precision: how many extracted events match some gold event */
	int nevents = 0, useful = 0;
	cJSON_ArrayForEach(ev, events) {
		nevents++;
		int any = 0;
		cJSON_ArrayForEach(g, gevents)
			any |= matches(ev, g, actors, gactors);
		useful += any;
	}
	/* actors: found with the listed type; aliases in one actor */
	int actors_found = 0, nactors = 0;
	const cJSON *ga, *a;
	cJSON_ArrayForEach(ga, gactors) {
		nactors++;
		int hits = 0, typed = 0;
		cJSON_ArrayForEach(a, actors)
			if (actor_is(a, ga)) {
				hits++;
				typed |= !strcmp(str(a, "type") ? str(a, "type") : "", str(ga, "type"));
			}
		actors_found += hits > 0 && typed;
		printf("actor  %-24s %s\n", str(ga, "name"),
			!hits ? "MISSING" : hits > 1 ? "SPLIT" : typed ? "found" : "WRONG TYPE");
	}
	/* noise: no event source/title and no actor name may carry it */
	int noisy = 0;
	cJSON_ArrayForEach(ev, events) {
		int bad = contains_noise(str(ev, "title"), noise);
		const cJSON *s;
		cJSON_ArrayForEach(s, cJSON_GetObjectItemCaseSensitive(ev, "sources"))
			bad |= contains_noise(str(s, "text"), noise);
		if (bad)
			printf("noise: event %s \"%s\"\n", str(ev, "id"), str(ev, "title"));
		noisy += bad;
	}
	cJSON_ArrayForEach(a, actors) {
		int bad = contains_noise(str(a, "name"), noise);
		const cJSON *al;
		cJSON_ArrayForEach(al, cJSON_GetObjectItemCaseSensitive(a, "aliases"))
			bad |= contains_noise(al->valuestring, noise);
		if (bad)
			printf("noise: actor %s \"%s\"\n", str(a, "id"), str(a, "name"));
		noisy += bad;
	}
	/* offsets point at the right bytes */
	int bad_offsets = 0;
	if (texts) {
		cJSON_ArrayForEach(ev, events) {
			const cJSON *trig = cJSON_GetObjectItemCaseSensitive(ev, "trigger");
			const cJSON *srcs = cJSON_GetObjectItemCaseSensitive(ev, "sources");
			if (!trig || cJSON_GetArraySize(srcs) < 1) {
				printf("event %s: no trigger or no source\n", str(ev, "id"));
				bad_offsets++;
				continue;
			}
			const cJSON *refs[64];
			int nrefs = 0;
			refs[nrefs++] = trig;
			const cJSON *r;
			cJSON_ArrayForEach(r, srcs)
				if (nrefs < 64)
					refs[nrefs++] = r;
			for (int i = 0; i < nrefs; i++) {
				char path[4096], *data;
				size_t len;
				ctl_error err;
				snprintf(path, sizeof(path), "%s/%s.txt", texts, str(refs[i], "doc"));
				if (ctl_read_file(&data, &len, path, 1u << 30, &err)) {
					printf("event %s: %s\n", str(ev, "id"), err.msg);
					bad_offsets++;
					continue;
				}
				double st = cJSON_GetObjectItemCaseSensitive(refs[i], "start")->valuedouble;
				double en = cJSON_GetObjectItemCaseSensitive(refs[i], "end")->valuedouble;
				const char *txt = str(refs[i], "text");
				if (!txt || st < 0 || en > (double)len || en < st || strlen(txt) != (size_t)(en - st) ||
				    memcmp(data + (size_t)st, txt, (size_t)(en - st))) {
					printf("event %s: text at %s:%.0f-%.0f does not match\n", str(ev, "id"), path, st, en);
					bad_offsets++;
				}
				free(data);
			}
		}
	}
	printf("must %d/%d, should %d/%d, actors %d/%d, noise %d, events %d of which %d match a gold event\n",
		must, nmust, should, nshould, actors_found, nactors, noisy, nevents, useful);
	if (texts)
		printf("offsets: %d bad\n", bad_offsets);
	if (must < min_must || should < min_should || (max_noise >= 0 && noisy > max_noise) || bad_offsets)
		failed = 1;
	cJSON_Delete(got);
	cJSON_Delete(gold);
	return failed;
}
