/* The CSV import (the curation loop): edits a person makes in a
 * spreadsheet, and errors that name the line and the column. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <ctimeline/export.h>
#include "helpers.h"

#define EV_HEADER "id,date,earliest,latest,precision,certainty,title,type,place,actors,source_documents,source_sentence\r\n"

/* Imports the tables (NULL: absent); returns the timeline or NULL with err set. */
static ctl_timeline *import(const char *events, const char *actors, const char *links,
		const char *docs, ctl_error *err)
{
	const char *data[CTL_CSV_NTABLES] = { events, actors, links, docs };
	ctl_csv_source src[CTL_CSV_NTABLES];
	for (int i = 0; i < CTL_CSV_NTABLES; i++)
		src[i] = (ctl_csv_source){ ctl_csv_table_file(i), data[i], data[i] ? strlen(data[i]) : 0 };
	ctl_timeline *tl = NULL;
	ctl_error_clear(err);
	if (ctl_timeline_from_csv_data(&tl, src, err))
		return NULL;
	return tl;
}

static ctl_timeline *import_ok(const char *events, const char *actors, const char *links,
		const char *docs)
{
	ctl_error err;
	ctl_timeline *tl = import(events, actors, links, docs, &err);
	if (!tl)
		fail_msg("%s", err.msg);
	return tl;
}

/* The import fails with a message starting with `prefix`. */
static void expect_error(const char *events, const char *actors, const char *links,
		const char *docs, const char *prefix)
{
	ctl_error err;
	ctl_timeline *tl = import(events, actors, links, docs, &err);
	if (tl) {
		ctl_timeline_free(tl);
		fail_msg("imported, expected an error starting '%s'", prefix);
	}
	assert_int_not_equal(err.code, 0);
	if (strncmp(err.msg, prefix, strlen(prefix)))
		fail_msg("error '%s' does not start with '%s'", err.msg, prefix);
}

static const char *good_actors =
	"id,name,type,aliases\r\n"
	"a1,Ada Example,person,Example; A. Example\r\n"
	"a2,Freedonia,country,\r\n";

static void test_minimal_hand_made(void **state)
{
	(void)state;
	/* what someone types into an empty spreadsheet: no ids, no bounds */
	ctl_timeline *tl = import_ok(
		"title,date,actors,source_documents,source_sentence\n"
		"Talks open,2017-07-12,Ada Example;Freedonia,article-1,\"They met, at last.\"\n"
		"Summit,2018-03,,article-2,\n"
		"Founding,1990,Freedonia , article-1,\n", NULL, NULL, NULL);
	assert_int_equal(tl->nevents, 3);
	assert_string_equal(tl->events[0].id, "e1");
	assert_string_equal(tl->events[2].id, "e3");
	assert_int_equal(tl->events[0].when.precision, CTL_PREC_DAY);
	assert_int_equal(tl->events[0].when.earliest, ctl_day_from_ymd(2017, 7, 12));
	assert_int_equal(tl->events[1].when.precision, CTL_PREC_MONTH);
	assert_int_equal(tl->events[1].when.latest, ctl_day_from_ymd(2018, 3, 31));
	assert_int_equal(tl->events[2].when.precision, CTL_PREC_YEAR);
	/* no actors table: the names make the actors, once each */
	assert_int_equal(tl->nactors, 2);
	assert_string_equal(tl->actors[0].name, "Ada Example");
	assert_string_equal(tl->actors[1].id, "a2");
	assert_int_equal(tl->events[2].nactors, 1);
	assert_int_equal(tl->events[2].actors[0], 1);
	/* no documents table: the documents named */
	assert_int_equal(tl->ndocs, 2);
	assert_string_equal(tl->docs[1].id, "article-2");
	assert_string_equal(tl->events[0].sources[0].text, "They met, at last.");
	assert_string_equal(tl->events[0].type, "other");
	ctl_timeline_free(tl);
}

static void test_edits(void **state)
{
	(void)state;
	/* exported rows (earliest/latest/precision agree with date), then edited */
	ctl_timeline *tl = import_ok(EV_HEADER
		"e1,2017-07-12,2017-07-12,2017-07-12,day,inferred,Kept as is,meeting,,Ada Example,d1,s\r\n"
		"e2,2018-03,2017-07-12,2017-07-12,day,inferred,Date edited to a month,meeting,,,d1,s\r\n"
		"e3,,2017-07-12,2017-07-12,day,stated,Date removed,meeting,,,d1,s\r\n"
		"e4,,2017-03-30,2017-12-31,none,bounded,Bounds kept,meeting,,,d1,s\r\n"
		"e5,,2017-03-30,2017-11-30,none,bounded,Bound edited,meeting,,,d1,s\r\n"
		"e6,2019-02-03,,,none,bounded,Date added,meeting,,,d1,s\r\n"
		"e7, 2017-07-12 ,2017-07-12,2017-07-12,day,stated,Spaces around,meeting,,,d1,s\r\n",
		good_actors, NULL, NULL);
	ctl_event *e = tl->events;
	assert_int_equal(e[0].when.certainty, CTL_CERT_INFERRED);
	assert_int_equal(e[1].when.precision, CTL_PREC_MONTH);
	assert_int_equal(e[1].when.earliest, ctl_day_from_ymd(2018, 3, 1));
	assert_int_equal(e[1].when.certainty, CTL_CERT_INFERRED);
	assert_int_equal(e[2].when.earliest, CTL_DAY_NONE);
	assert_int_equal(e[2].when.latest, CTL_DAY_NONE);
	assert_int_equal(e[3].when.latest, ctl_day_from_ymd(2017, 12, 31));
	assert_int_equal(e[4].when.latest, ctl_day_from_ymd(2017, 11, 30));
	assert_int_equal(e[5].when.precision, CTL_PREC_DAY);
	assert_int_equal(e[5].when.certainty, CTL_CERT_STATED); /* "bounded" no longer holds */
	assert_int_equal(e[6].when.earliest, ctl_day_from_ymd(2017, 7, 12));
	assert_string_equal(e[1].title, "Date edited to a month");
	ctl_timeline_free(tl);
}

static void test_errors_with_position(void **state)
{
	(void)state;
	/* a bad date, and the line counts the newlines inside quoted fields */
	expect_error(EV_HEADER
		"e1,2017-07-12,,,,,\"two\nlines\",,,,d1,\r\n"
		"e2,2017-13-01,,,,,Bad month,,,,d1,\r\n",
		NULL, NULL, NULL, "events.csv:4:2: date: '2017-13-01' is not a date");
	expect_error(EV_HEADER "e1,12/07/2017,,,,,t,,,,d1,\r\n", NULL, NULL, NULL,
		"events.csv:2:2: date: '12/07/2017' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)");
	expect_error(EV_HEADER "e1,,2017-02-30,,none,,t,,,,d1,\r\n", NULL, NULL, NULL,
		"events.csv:2:3: earliest: '2017-02-30' is not a date");
	expect_error(EV_HEADER "e1,2017,,,,sure,t,,,,d1,\r\n", NULL, NULL, NULL,
		"events.csv:2:6: certainty: 'sure' is not a certainty");
	/* a dangling actor: not in actors.csv */
	expect_error(EV_HEADER "e1,2017,,,,,t,,,Ada Example; Nobody,d1,\r\n", good_actors, NULL, NULL,
		"events.csv:2:10: actors: unknown actor 'Nobody' (not in actors.csv)");
	/* a dangling document: not in documents.csv */
	expect_error(EV_HEADER "e1,2017,,,,,t,,,,nowhere,\r\n", NULL, NULL, "id,path\r\nd1,d1.txt\r\n",
		"events.csv:2:11: source_documents: unknown document 'nowhere' (not in documents.csv)");
	/* a missing required column */
	expect_error("id,title,actors\r\ne1,t,\r\n", NULL, NULL, NULL,
		"events.csv:1:1: missing required column 'date'");
	expect_error("id;title;date\r\ne1;t;2017\r\n", NULL, NULL, NULL,
		"events.csv:1:1: missing required column 'title' (is the file separated by ';'");
	expect_error("", NULL, NULL, NULL, "events.csv:1:1: empty file (no header row)");
	/* an unterminated quote: where it opened */
	expect_error(EV_HEADER "e1,2017,,,,,t,,,,d1,\r\n\r\ne2,2017,,,,,\"never closed,,,,d1,\r\nmore\r\n",
		NULL, NULL, NULL, "events.csv:4:7: unterminated quoted field");
	expect_error(EV_HEADER "e1,2017,,,,,\"bad\"quote,,,,d1,\r\n", NULL, NULL, NULL,
		"events.csv:2:7: malformed quoted field");
	/* duplicate ids and columns */
	expect_error(EV_HEADER "e1,2017,,,,,t,,,,d1,\r\ne1,2018,,,,,u,,,,d1,\r\n", NULL, NULL, NULL,
		"events.csv:3:1: id: duplicate event id 'e1' (also on line 2)");
	expect_error("title,date,Title\r\n", NULL, NULL, NULL,
		"events.csv:1:3: column 'title' named twice (also column 1)");
	/* not UTF-8 (Latin-1 saved by a spreadsheet) */
	expect_error(EV_HEADER "e1,2017,,,,,caf\xe9,,,,d1,\r\n", NULL, NULL, NULL,
		"events.csv:2:7: title: not valid UTF-8");
	/* a value shown in a message stays on one line */
	expect_error(EV_HEADER "e1,\"2017\n-01\",,,,,t,,,,d1,\r\n", NULL, NULL, NULL,
		"events.csv:2:2: date: '2017\\n-01' is not a date");
	/* an event needs a document */
	expect_error("title,date\r\nLoose,2017\r\n", NULL, NULL, NULL,
		"events.csv:2:1: an event needs a source document");
	/* errors in the other tables name them */
	expect_error(EV_HEADER, "id,name,type\r\na1,Ada,wizard\r\n", NULL, NULL,
		"actors.csv:2:3: type: 'wizard' is not an actor type");
	expect_error(EV_HEADER, NULL, NULL, "id,date\r\nd1,2017-02-29\r\n",
		"documents.csv:2:2: date: '2017-02-29' is not a date");
}

static void test_too_many_columns(void **state)
{
	(void)state;
	/* a row of 100,000 fields: stopped at the first one past the header */
	ctl_buf b = CTL_BUF_INIT;
	ctl_buf_puts(&b, "title,date,source_documents\r\nt,2017,d1");
	for (int i = 3; i < 100000; i++)
		ctl_buf_puts(&b, ",x");
	ctl_buf_puts(&b, "\r\n");
	expect_error(b.ptr, NULL, NULL, NULL, "events.csv:2:4: more fields than the header's 3 columns");
	/* a header of 100,000 columns */
	ctl_buf_clear(&b);
	ctl_buf_puts(&b, "title,date");
	for (int i = 2; i < 100000; i++)
		ctl_buf_printf(&b, ",c%d", i);
	ctl_buf_puts(&b, "\r\n");
	expect_error(b.ptr, NULL, NULL, NULL, "events.csv:1:1025: too many columns (at most 1024)");
	ctl_buf_release(&b);
}

static void test_links_disambiguate(void **state)
{
	(void)state;
	/* two actors share a name; links.csv says which one an event has */
	const char *actors = "id,name,type\r\na1,Smith,person\r\na2,Smith,organization\r\na3,Jones,person\r\n";
	const char *links = "event_id,actor_id,role\r\ne1,a2,participant\r\ne2,a1,participant\r\n"
		"e2,a3,participant\r\ngone,a1,participant\r\ne1,gone,participant\r\n";
	ctl_timeline *tl = import_ok(EV_HEADER
		"e1,2017,,,,,t,,,Smith,d1,\r\n"
		"e2,2017,,,,,u,,,Smith; Jones,d1,\r\n", actors, links, NULL);
	assert_int_equal(tl->events[0].nactors, 1);
	assert_int_equal(tl->events[0].actors[0], 1);
	assert_int_equal(tl->events[1].nactors, 2);
	assert_int_equal(tl->events[1].actors[0], 0);
	assert_int_equal(tl->events[1].actors[1], 2);
	ctl_timeline_free(tl);
	/* without a link to say which: an error */
	expect_error(EV_HEADER "e3,2017,,,,,t,,,Smith,d1,\r\n", actors, links, NULL,
		"events.csv:2:10: actors: actor name 'Smith' is ambiguous (a1, a2)");
	/* without an actors column, links.csv gives the actors */
	tl = import_ok("id,title,date,source_documents\r\ne2,u,2017,d1\r\n", actors, links, NULL);
	assert_int_equal(tl->events[0].nactors, 2);
	assert_int_equal(tl->events[0].actors[1], 2);
	ctl_timeline_free(tl);
}

static void test_lists_and_guard(void **state)
{
	(void)state;
	ctl_timeline *tl = import_ok(
		"\xEF\xBB\xBF" "Title,Date,Source Documents,Actors,Notes\r\n"
		"'=1+1,2017,d1,\"A;;B ;C\",\"ignored, unknown column\"\r\n"
		"'hello,2017,d1,,\r\n"
		"''-x,2017,d1,,\r\n", NULL, NULL, NULL);
	assert_string_equal(tl->events[0].title, "=1+1");
	assert_string_equal(tl->events[1].title, "'hello");
	assert_string_equal(tl->events[2].title, "'-x");
	assert_int_equal(tl->nactors, 2);
	assert_string_equal(tl->actors[0].name, "A;B");
	assert_string_equal(tl->actors[1].name, "C");
	ctl_timeline_free(tl);
}

/* Files on disk: the sibling tables are found beside events.csv, and
 * ctl_timeline_load tells JSON from CSV. */
static void test_files(void **state)
{
	(void)state;
	char dir[] = "/tmp/ctl_csv_import_XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[512], cmd[600];
	ctl_error err;
	ctl_error_clear(&err);
	snprintf(path, sizeof(path), "%s/actors.csv", dir);
	assert_int_equal(ctl_write_file_atomic(path, good_actors, strlen(good_actors), &err), 0);
	snprintf(path, sizeof(path), "%s/events.csv", dir);
	const char *ev = EV_HEADER "e1,2017,,,,,t,,,Freedonia,d1,\r\n";
	assert_int_equal(ctl_write_file_atomic(path, ev, strlen(ev), &err), 0);
	ctl_timeline *tl = NULL;
	assert_int_equal(ctl_timeline_load(&tl, path, &err), 0);
	assert_int_equal(tl->nactors, 2); /* from actors.csv */
	assert_int_equal(tl->actors[1].type, CTL_ACTOR_COUNTRY);
	char *json;
	assert_int_equal(ctl_timeline_to_json(&json, tl, &err), 0);
	ctl_timeline_free(tl);
	snprintf(path, sizeof(path), "%s/events.json", dir);
	assert_int_equal(ctl_write_file_atomic(path, json, strlen(json), &err), 0);
	assert_int_equal(ctl_timeline_load(&tl, path, &err), 0);
	assert_int_equal(tl->nevents, 1);
	ctl_timeline_free(tl);
	/* no extension: the content decides */
	snprintf(path, sizeof(path), "%s/events", dir);
	assert_int_equal(ctl_write_file_atomic(path, json, strlen(json), &err), 0);
	assert_int_equal(ctl_timeline_load(&tl, path, &err), 0);
	ctl_timeline_free(tl);
	free(json);
	/* an error names the file as given */
	snprintf(path, sizeof(path), "%s/actors.csv", dir);
	assert_int_equal(ctl_write_file_atomic(path, "name\r\n\"open", 11, &err), 0);
	snprintf(path, sizeof(path), "%s/events.csv", dir);
	assert_int_equal(ctl_timeline_load(&tl, path, &err), CTL_EDATA);
	char want[600];
	snprintf(want, sizeof(want), "%s/actors.csv:2:1: unterminated quoted field", dir);
	assert_true(!strncmp(err.msg, want, strlen(want)));
	snprintf(path, sizeof(path), "%s/none.csv", dir);
	assert_int_equal(ctl_timeline_load(&tl, path, &err), CTL_ENOTFOUND);
	assert_true(ctl_timeline_path_is_events("x/EVENTS.CSV"));
	assert_true(ctl_timeline_path_is_events("e.json"));
	assert_false(ctl_timeline_path_is_events("article.txt"));
	assert_false(ctl_timeline_path_is_events(".csv"));
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_minimal_hand_made),
		cmocka_unit_test(test_edits),
		cmocka_unit_test(test_errors_with_position),
		cmocka_unit_test(test_too_many_columns),
		cmocka_unit_test(test_links_disambiguate),
		cmocka_unit_test(test_lists_and_guard),
		cmocka_unit_test(test_files),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
