/* Events JSON v1: round trip, determinism, and errors that name the place. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cjson/cJSON.h>
#include "helpers.h"
#include "json_write.h"

static char *xdup(const char *s) { return s ? strdup(s) : NULL; }

static ctl_timeline *sample(void)
{
	ctl_timeline *tl = ctl_timeline_new();
	ctl_doc_info *d = ctl_timeline_add_doc_info(tl);
	d->id = xdup("a");
	d->path = xdup("dir/a.txt");
	d->title = xdup("Ministers meet \"today\" \xc3\xa9\xd0\x96");
	d->dct = ctl_interval_day(ctl_day_from_ymd(2017, 7, 12), CTL_CERT_STATED);
	d->dct_source = xdup("header");
	d = ctl_timeline_add_doc_info(tl);
	d->id = xdup("b");
	d->path = xdup("b.txt");
	d->dct.earliest = ctl_day_from_ymd(2017, 3, 30);
	d->dct_source = xdup("content-bounds");

	ctl_actor *a = ctl_timeline_add_actor(tl);
	a->id = xdup("a1");
	a->name = xdup("Ada Example");
	a->type = CTL_ACTOR_PERSON;
	a->naliases = 2;
	a->aliases = calloc(2, sizeof(char *));
	a->aliases[0] = xdup("Example");
	a->aliases[1] = xdup("Minister Ada Example");
	a->nmentions = 1;
	a->mentions = calloc(1, sizeof(ctl_ref));
	a->mentions[0] = (ctl_ref){ 1, 10, 21, NULL };
	a = ctl_timeline_add_actor(tl);
	a->id = xdup("a2");
	a->name = xdup("Freedonia");
	a->type = CTL_ACTOR_COUNTRY;

	ctl_event *e = ctl_timeline_add_event(tl);
	e->id = xdup("e1");
	e->when = ctl_interval_month(2017, 1, CTL_CERT_INFERRED);
	e->title = xdup("Example meets Freedonia");
	e->type = xdup("meeting");
	e->place = xdup("Capital City");
	e->nactors = 2;
	e->actors = calloc(2, sizeof(size_t));
	e->actors[0] = 0;
	e->actors[1] = 1;
	e->trigger = (ctl_ref){ 0, 5, 9, xdup("meet") };
	e->nsources = 1;
	e->sources = calloc(1, sizeof(ctl_ref));
	e->sources[0] = (ctl_ref){ 0, 0, 30, xdup("Ministers meet in Capital City.") };
	e = ctl_timeline_add_event(tl);
	e->id = xdup("e2");
	e->when.earliest = ctl_day_from_ymd(2017, 3, 30);
	e->when.latest = ctl_day_from_ymd(2017, 12, 31);
	e->title = xdup("");
	e->type = xdup("statement");
	e->trigger = (ctl_ref){ 1, 0, 4, xdup("said") };
	return tl;
}

static ctl_timeline *parse_ok(const char *json)
{
	ctl_timeline *tl = NULL;
	ctl_error err;
	ctl_error_clear(&err);
	if (ctl_timeline_from_json(&tl, "t.json", json, strlen(json), &err))
		fail_msg("%s", err.msg);
	return tl;
}

static char *write_ok(const ctl_timeline *tl)
{
	char *s = NULL;
	ctl_error err;
	ctl_error_clear(&err);
	assert_int_equal(ctl_timeline_to_json(&s, tl, &err), 0);
	return s;
}

static void test_round_trip_identical(void **state)
{
	(void)state;
	ctl_timeline *tl = sample();
	char *first = write_ok(tl);
	ctl_timeline *back = parse_ok(first);
	char *second = write_ok(back);
	assert_string_equal(first, second);
	/* the content survived, not only the bytes */
	assert_int_equal(back->ndocs, 2);
	assert_string_equal(back->docs[0].title, tl->docs[0].title);
	assert_int_equal(back->docs[1].dct.earliest, ctl_day_from_ymd(2017, 3, 30));
	assert_int_equal(back->docs[1].dct.latest, CTL_DAY_NONE);
	assert_int_equal(back->nevents, 2);
	assert_int_equal(back->events[0].when.precision, CTL_PREC_MONTH);
	assert_int_equal(back->events[0].when.latest, ctl_day_from_ymd(2017, 1, 31));
	assert_int_equal(back->events[0].actors[1], 1);
	assert_int_equal(back->events[0].sources[0].end, 30);
	assert_null(back->events[1].place);
	assert_int_equal(back->actors[0].mentions[0].doc, 1);
	assert_int_equal(back->actors[1].type, CTL_ACTOR_COUNTRY);
	free(first);
	free(second);
	ctl_timeline_free(back);
	ctl_timeline_free(tl);
}

/* A timeline big enough for many chunks: one actor with most of the
 * mentions (split across chunks), actors with none, events of 0-3 sources. */
static ctl_timeline *big_sample(size_t nev, size_t big_mentions)
{
	ctl_timeline *tl = sample();
	ctl_actor *a = &tl->actors[1];
	a->nmentions = big_mentions;
	a->mentions = calloc(big_mentions, sizeof(ctl_ref));
	for (size_t k = 0; k < big_mentions; k++)
		a->mentions[k] = (ctl_ref){ k % 2, (uint32_t)k, (uint32_t)k + 9, NULL };
	for (size_t i = 0; i < 50; i++) {
		char id[32];
		snprintf(id, sizeof(id), "x%zu", i);
		a = ctl_timeline_add_actor(tl);
		a->id = xdup(id);
		a->name = xdup(id);
		a->type = CTL_ACTOR_ORGANIZATION;
	}
	for (size_t i = 0; i < nev; i++) {
		char id[32];
		snprintf(id, sizeof(id), "n%zu", i);
		ctl_event *e = ctl_timeline_add_event(tl);
		e->id = xdup(id);
		e->when = ctl_interval_day(ctl_day_from_ymd(2017, 1 + (int)(i % 12), 1 + (int)(i % 28)),
			CTL_CERT_STATED);
		e->title = xdup("a \"quoted\" title\twith a tab");
		e->type = xdup("meeting");
		e->trigger = (ctl_ref){ 0, 5, 9, xdup("meet") };
		e->nsources = i % 4;
		e->sources = e->nsources ? calloc(e->nsources, sizeof(ctl_ref)) : NULL;
		for (size_t k = 0; k < e->nsources; k++)
			e->sources[k] = (ctl_ref){ 0, 0, 30, xdup("Ministers meet in Capital City.") };
	}
	return tl;
}

static char *write_threads(const ctl_timeline *tl, unsigned threads, size_t weight,
		const char *path)
{
	ctl_error err;
	ctl_error_clear(&err);
	ctl_out *out;
	assert_int_equal(ctl_out_open(&out, path, &err), 0);
	assert_int_equal(weight ? ctl_timeline_write_json_chunks(out, tl, threads, weight, &err) :
	                          ctl_timeline_write_json_mt(out, tl, threads, &err), 0);
	assert_int_equal(ctl_out_commit(out, &err), 0);
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	rewind(f);
	char *s = malloc((size_t)n + 1);
	assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
	s[n] = '\0';
	fclose(f);
	remove(path);
	return s;
}

/* The chunked writer gives the same bytes on any number of threads, equal
 * to the in-memory writer's, and they read back. */
static void test_threads_identical(void **state)
{
	(void)state;
	ctl_timeline *tl = big_sample(20000, 30000);
	char *one = write_ok(tl);
	char path[64];
	snprintf(path, sizeof(path), "test_json_mt_%ld.json", (long)getpid());
	for (unsigned t = 1; t <= 5; t += 2) {
		char *s = write_threads(tl, t, 0, path);
		assert_int_equal(strlen(s), strlen(one));
		assert_string_equal(s, one);
		free(s);
	}
	/* chunks cut at every place an item can be cut: after a document, an
	 * actor's head, a mention, an actor's tail, an event */
	ctl_timeline *small = big_sample(7, 5);
	char *ref = write_ok(small);
	for (size_t weight = 1; weight <= 7; weight++)
		for (unsigned t = 1; t <= 3; t++) {
			char *s = write_threads(small, t, weight, path);
			assert_string_equal(s, ref);
			free(s);
		}
	free(ref);
	ctl_timeline_free(small);
	ctl_timeline *back = parse_ok(one);
	assert_int_equal(back->nactors, 52);
	assert_int_equal(back->actors[1].nmentions, 30000);
	assert_int_equal(back->actors[1].mentions[29999].start, 29999);
	assert_int_equal(back->actors[51].nmentions, 0);
	assert_int_equal(back->nevents, 20002);
	assert_int_equal(back->events[20001].nsources, 19999 % 4);
	ctl_timeline_free(back);
	free(one);
	ctl_timeline_free(tl);
}

static void test_shape(void **state)
{
	(void)state;
	ctl_timeline *tl = sample();
	char *s = write_ok(tl);
	assert_non_null(strstr(s, "\"format\":\t\"ctimeline-events\""));
	assert_non_null(strstr(s, "\"version\":\t1"));
	assert_non_null(strstr(s, "\"date\":\t\"2017-01\""));
	assert_non_null(strstr(s, "\"earliest\":\t\"2017-01-01\""));
	assert_non_null(strstr(s, "\"latest\":\t\"2017-01-31\""));
	assert_non_null(strstr(s, "\"precision\":\t\"month\""));
	assert_non_null(strstr(s, "\"certainty\":\t\"inferred\""));
	assert_non_null(strstr(s, "\"dct\":\t\"2017-07-12\""));
	assert_non_null(strstr(s, "\"actors\":\t[\"a1\", \"a2\"]"));
	assert_non_null(strstr(s, "\"doc\":\t\"b\""));
	assert_true(s[strlen(s) - 1] == '\n');
	free(s);
	ctl_timeline_free(tl);
}

static void expect_error(const char *json, const char *needle)
{
	ctl_timeline *tl = NULL;
	ctl_error err;
	ctl_error_clear(&err);
	int rc = ctl_timeline_from_json(&tl, "t.json", json, strlen(json), &err);
	assert_int_equal(rc, CTL_EDATA);
	assert_null(tl);
	if (!strstr(err.msg, needle))
		fail_msg("expected '%s' in '%s'", needle, err.msg);
	assert_true(!strncmp(err.msg, "t.json", 6));
}

static void test_errors(void **state)
{
	(void)state;
	expect_error("", "invalid JSON");
	expect_error("{\"format\": \"ctimeline-events\",\n \"version\": 1,\n oops}", "t.json:3:");
	expect_error("[1,2]", "not a ctimeline events file");
	expect_error("{\"format\":\"other\",\"version\":1}", "not a ctimeline events file");
	expect_error("{\"format\":\"ctimeline-events\",\"version\":2}", "unsupported events format version");
	expect_error("{\"format\":\"ctimeline-events\",\"version\":1}", "documents: missing");
	expect_error("{\"format\":\"ctimeline-events\",\"version\":1,\"documents\":{}}", "documents: wrong type");
	const char *head = "{\"format\":\"ctimeline-events\",\"version\":1,\"documents\":[], \"actors\":[],";
	char buf[1024];
	snprintf(buf, sizeof(buf), "%s\"events\":[{\"id\":\"e1\",\"date\":\"2017\",\"earliest\":\"2017-13-01\","
		"\"latest\":null,\"precision\":\"year\",\"certainty\":\"stated\"}]}", head);
	expect_error(buf, "events[0].earliest: not a date");
	snprintf(buf, sizeof(buf), "%s\"events\":[{\"id\":\"e1\",\"date\":\"2018\",\"earliest\":\"2017-01-01\","
		"\"latest\":\"2017-12-31\",\"precision\":\"year\",\"certainty\":\"stated\"}]}", head);
	expect_error(buf, "events[0].date: does not match");
	snprintf(buf, sizeof(buf), "%s\"events\":[{\"id\":\"e1\",\"date\":null,\"earliest\":\"2017-02-01\","
		"\"latest\":\"2017-01-01\",\"precision\":\"none\",\"certainty\":\"bounded\"}]}", head);
	expect_error(buf, "earlier than the earliest");
	snprintf(buf, sizeof(buf), "%s\"events\":[{\"id\":\"e1\",\"date\":null,\"earliest\":null,"
		"\"latest\":null,\"precision\":\"none\",\"certainty\":\"bounded\",\"title\":\"t\",\"type\":\"other\","
		"\"place\":null,\"actors\":[\"a9\"]}]}", head);
	expect_error(buf, "events[0].actors: names no actor");
}

static void test_deep_nesting(void **state)
{
	(void)state;
	/* 100,000 levels: refused by the parser's depth limit, never a crash */
	size_t n = 100000;
	char *s = malloc(2 * n + 1);
	memset(s, '[', n);
	memset(s + n, ']', n);
	s[2 * n] = '\0';
	expect_error(s, "invalid JSON");
	free(s);
}

/* Strings are escaped as cJSON prints them, whatever byte stands where: the
 * writer tests eight bytes at a time, so every byte is tried at every
 * offset within such a block, and before and after the block's end. */
static void test_string_escapes(void **state)
{
	(void)state;
	for (size_t lead = 0; lead < 9; lead++) {
		for (unsigned c = 1; c < 256; c++) {
			char title[32];
			size_t n = 0;
			for (size_t k = 0; k < lead; k++)
				title[n++] = 'a';
			title[n++] = (char)c;
			memcpy(title + n, "tail", 5);
			ctl_timeline *tl = sample();
			free(tl->docs[0].title);
			tl->docs[0].title = xdup(title);
			char *json = write_ok(tl);
			cJSON *str = cJSON_CreateString(title);
			char *want = cJSON_PrintUnformatted(str);
			const char *at = strstr(json, "\"title\":\t");
			assert_non_null(at);
			at += strlen("\"title\":\t");
			if (strncmp(at, want, strlen(want)) != 0)
				fail_msg("byte 0x%02x after %zu bytes: got %.20s, cJSON prints %s", c, lead, at, want);
			cJSON_free(want);
			cJSON_Delete(str);
			free(json);
			ctl_timeline_free(tl);
		}
	}
}

/* The whole file is what cJSON prints for the same tree, with a newline:
 * the writer's shortcuts (an actor's mentions written in one step when
 * their document id needs no escape) change nothing. Ids with a quote, a
 * tab and a control byte take the escaping path; the others the shortcut. */
static void test_prints_as_cjson(void **state)
{
	(void)state;
	ctl_timeline *tl = big_sample(40, 300);
	free(tl->docs[1].id);
	tl->docs[1].id = xdup("b \"q\"\tx\x01");
	tl->actors[1].mentions[2].start = 4294967294u; /* ten digits */
	tl->actors[1].mentions[2].end = 4294967295u;
	char *json = write_ok(tl);
	cJSON *tree = cJSON_Parse(json);
	assert_non_null(tree);
	char *want = cJSON_Print(tree);
	size_t n = strlen(want);
	assert_int_equal(strlen(json), n + 1);
	assert_memory_equal(json, want, n);
	assert_int_equal(json[n], '\n');
	cJSON_free(want);
	cJSON_Delete(tree);
	free(json);
	ctl_timeline_free(tl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip_identical),
		cmocka_unit_test(test_shape),
		cmocka_unit_test(test_string_escapes),
		cmocka_unit_test(test_prints_as_cjson),
		cmocka_unit_test(test_threads_identical),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_deep_nesting),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
