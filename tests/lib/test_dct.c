/*
 * Document dates on the seeds against tests/data/seeds.gold.json: a document
 * with a gold `dct` gets exactly that day; one with only gold bounds gets
 * honest bounds: a known earliest that does not exclude any date the gold
 * interval allows, and never an invented exact day.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "helpers.h"

static ctl_day gold_day(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	ctl_day d = CTL_DAY_NONE;
	if (cJSON_IsString(v))
		assert_int_equal(ctl_day_parse(v->valuestring, strlen(v->valuestring), &d), 0);
	return d;
}

static void test_seed_dates(void **state)
{
	(void)state;
	char *json = test_read_file(CTL_TEST_DATA "/seeds.gold.json", NULL);
	cJSON *gold = cJSON_Parse(json);
	assert_non_null(gold);
	ctl_resources *res = test_resources();
	const cJSON *d;
	int n = 0;
	cJSON_ArrayForEach(d, cJSON_GetObjectItemCaseSensitive(gold, "documents")) {
		const char *file = cJSON_GetObjectItemCaseSensitive(d, "file")->valuestring;
		ctl_document *doc = test_seed(res, file);
		ctl_day want = gold_day(d, "dct");
		char got[11], exp[11];
		ctl_day_format(doc->dct.earliest, got);
		if (want != CTL_DAY_NONE) {
			ctl_day_format(want, exp);
			if (doc->dct.precision != CTL_PREC_DAY || doc->dct.earliest != want)
				fail_msg("%s: dct %s (%s), gold %s", file, got, doc->dct_source, exp);
			assert_true(doc->dct.certainty != CTL_CERT_BOUNDED);
		} else {
			ctl_day lo = gold_day(d, "dct_earliest"), hi = gold_day(d, "dct_latest");
			ctl_day_format(lo, exp);
			if (doc->dct.precision == CTL_PREC_DAY)
				fail_msg("%s: invented an exact date %s for an undated article", file, got);
			assert_int_equal(doc->dct.certainty, CTL_CERT_BOUNDED);
			if (doc->dct.earliest == CTL_DAY_NONE || doc->dct.earliest > lo)
				fail_msg("%s: earliest %s, gold bounds start %s", file, got, exp);
			assert_true(doc->dct.latest == CTL_DAY_NONE || doc->dct.latest >= hi);
		}
		ctl_document_free(doc);
		n++;
	}
	assert_int_equal(n, 5);
	ctl_resources_free(res);
	cJSON_Delete(gold);
	free(json);
}

/* A caption's date is not the publication date; a cue line is. */
static void test_rules(void **state)
{
	(void)state;
	ctl_resources *res = test_resources();
	ctl_document *doc = test_doc(res,
		"Ministers agree on a plan\n"
		"\n"
		"Staff at work in an office in Springfield, March 3, 2011 - Example News\n"
		"Updated 10:15 GMT, June 5, 2019\n"
		"\n"
		"The ministers agreed on Tuesday to set up a group on the issue, the ministry said in a statement.\n");
	char got[11];
	ctl_interval_format(&doc->dct, got);
	assert_string_equal(got, "2019-06-05");
	assert_string_equal(doc->dct_source, "header");
	ctl_document_free(doc);

	/* a dateline without a year takes the year the page names most */
	doc = test_doc(res,
		"Minister calls for talks\n"
		"\n"
		"SPRINGFIELD, March 4. /AGENCY/. The minister called for talks on trade, he told reporters on the sidelines of a forum.\n"
		"Most read\n"
		"Factory output rises in 2012\n"
		"Budget for 2012 approved\n"
		"A look back at 2009\n");
	ctl_interval_format(&doc->dct, got);
	assert_string_equal(got, "2012-03-04");
	assert_string_equal(doc->dct_source, "dateline+year-inferred");
	assert_int_equal(doc->dct.certainty, CTL_CERT_INFERRED);
	ctl_document_free(doc);

	/* ... where a year after a preposition dates a fact, and a bare year
	 * modifying a noun ("its 2013 growth forecast") counts for less */
	doc = test_doc(res,
		"Central bank holds rates\n"
		"\n"
		"SPRINGFIELD, Nov 30 (Agency) - The central bank held rates at its last meeting of 2012, and cut its 2013 growth forecast.\n"
		"The bank began raising rates in August 2010.\n");
	ctl_interval_format(&doc->dct, got);
	assert_string_equal(got, "2012-11-30");
	assert_string_equal(doc->dct_source, "dateline+year-inferred");
	ctl_document_free(doc);

	/* ... and above all a year in which the date falls on the weekday
	 * the report's line names, however the other years are counted */
	doc = test_doc(res,
		"Group lifts outlook\n"
		"\n"
		"SPRINGFIELD, Oct 24 (Agency) - The group reported higher profit on Tuesday and raised its guidance for 2023.\n"
		"It will present targets for 2026 at an investor day.\n");
	ctl_interval_format(&doc->dct, got);
	assert_string_equal(got, "2023-10-24");
	ctl_document_free(doc);

	/* ... each weekday the line names, on the date or the day before it:
	 * the dam broke on Thursday and officials spoke on Friday, the 28th
	 * (2023; in 2005 the 28th was a Thursday, and no Friday fits) */
	doc = test_doc(res,
		"Dam bursts after days of rain\n"
		"\n"
		"SPRINGFIELD, April 28 (Agency) - A dam collapsed late on Thursday, flooding three villages, officials said on Friday.\n"
		"In 2005, severe floods destroyed thousands of homes in the region.\n"
		"(c) 2023 Agency\n");
	ctl_interval_format(&doc->dct, got);
	assert_string_equal(got, "2023-04-28");
	assert_string_equal(doc->dct_source, "dateline+year-inferred");
	ctl_document_free(doc);

	/* a header date in figures that reads both ways: the weekday the
	 * article opens with settles it; with none, both readings bound it */
	doc = test_doc(res,
		"Central bank governor quits\n"
		"06/03/2024 18:42\n"
		"\n"
		"The governor of the central bank resigned on Wednesday, a day after the currency fell to a record low.\n");
	ctl_interval_format(&doc->dct, got);
	assert_string_equal(got, "2024-03-06");
	assert_string_equal(doc->dct_source, "header+weekday");
	assert_int_equal(doc->dct.certainty, CTL_CERT_INFERRED);
	ctl_document_free(doc);
	doc = test_doc(res,
		"Central bank governor quits\n"
		"06/03/2024 18:42\n"
		"\n"
		"The governor of the central bank resigned on Monday, a day after the currency fell to a record low.\n");
	ctl_interval_format(&doc->dct, got);
	assert_string_equal(got, "2024-06-03");
	ctl_document_free(doc);
	doc = test_doc(res,
		"Central bank governor quits\n"
		"06/03/2024 18:42\n"
		"\n"
		"The governor of the central bank has resigned after the currency fell to a record low.\n");
	assert_string_equal(doc->dct_source, "header-ambiguous");
	assert_int_equal(doc->dct.certainty, CTL_CERT_BOUNDED);
	ctl_day_format(doc->dct.earliest, got);
	assert_string_equal(got, "2024-03-06");
	ctl_day_format(doc->dct.latest, got);
	assert_string_equal(got, "2024-06-03");
	ctl_document_free(doc);

	/* a publication cue after "will" is no header's */
	doc = test_doc(res,
		"Novelist dies aged 38\n"
		"February 10, 2026\n"
		"\n"
		"The novelist has died. She was 38.\n"
		"Her publisher confirmed her last book will be published on May 14 as she had wished.\n");
	ctl_interval_format(&doc->dct, got);
	assert_string_equal(got, "2026-02-10");
	ctl_document_free(doc);

	/* "today" before a date in the text: the writer's own day */
	doc = test_doc(res,
		"Tortoises seized at airport\n"
		"\n"
		"Two suspects were arrested at the airport on Tuesday night.\n"
		"The arrests were confirmed in a statement issued today, Wednesday, November 20, 2019, by the wildlife service.\n"
		"In 2017, a smuggler was jailed for seven years.\n");
	ctl_interval_format(&doc->dct, got);
	assert_string_equal(got, "2019-11-20");
	ctl_document_free(doc);

	/* ... after "Updated:", with a time after it */
	doc = test_doc(res,
		"Jury convicts former finance chief\n"
		"Updated: 05/11/2023 6:52 p.m.\n"
		"\n"
		"A county jury on Thursday found the former finance director guilty of theft.\n");
	ctl_interval_format(&doc->dct, got);
	assert_string_equal(got, "2023-05-11");
	assert_string_equal(doc->dct_source, "header+weekday");
	ctl_document_free(doc);

	/* a header line of fields between bars: the date's own field */
	doc = test_doc(res,
		"Regulator fines app\n"
		"\n"
		"Thursday 13 June 2024 | By Ana Ruiz, Amsterdam | 6 min read\n"
		"\n"
		"The regulator on Thursday fined the app for sharing the location data of children with advertisers.\n");
	ctl_interval_format(&doc->dct, got);
	assert_string_equal(got, "2024-06-13");
	assert_string_equal(doc->dct_source, "header");
	ctl_document_free(doc);

	/* ... or the date's field before a spaced dash: "Aug 14, 2025 — 6 min
	 * read" */
	doc = test_doc(res,
		"Police break up trafficking ring\n"
		"\n"
		"By Ana Ruiz\n"
		"Aug 14, 2025 \xe2\x80\x94 6 min read\n"
		"\n"
		"Police said on Sunday that nine suspects had been arrested in raids across the region.\n");
	ctl_interval_format(&doc->dct, got);
	assert_string_equal(got, "2025-08-14");
	assert_string_equal(doc->dct_source, "header");
	ctl_document_free(doc);

	/* a date field ended by a run of spaces or a page cue: "March 3,
	 * 2025 8:14 AM GMT-3  Updated 2 hours ago" */
	doc = test_doc(res,
		"Miners trapped after collapse\n"
		"\n"
		"By Ana Ruiz\n"
		"March 3, 2025 8:14 AM GMT-3  Updated 2 hours ago\n"
		"\n"
		"Rescue teams were drilling through rock on Monday to reach five trapped workers, officials said.\n");
	ctl_interval_format(&doc->dct, got);
	assert_string_equal(got, "2025-03-03");
	assert_string_equal(doc->dct_source, "header");
	ctl_document_free(doc);
	doc = test_doc(res,
		"Miners trapped after collapse\n"
		"\n"
		"By Ana Ruiz\n"
		"March 3, 2025 8:14 AM Updated 2 hours ago\n"
		"\n"
		"Rescue teams were drilling through rock on Monday to reach five trapped workers, officials said.\n");
	ctl_interval_format(&doc->dct, got);
	assert_string_equal(got, "2025-03-03");
	ctl_document_free(doc);

	/* the date before an update on its line is the publication's; an
	 * update alone still dates the page (the first case above) */
	doc = test_doc(res,
		"Court jails former agency chief\n"
		"\n"
		"Ana Ruiz | 15.02.2024, 18:22 | Updated 16.02.2024, 09:10\n"
		"\n"
		"The court on Thursday sentenced the former head of the agency to six years in prison.\n");
	ctl_interval_format(&doc->dct, got);
	assert_string_equal(got, "2024-02-15");
	assert_string_equal(doc->dct_source, "header");
	ctl_document_free(doc);

	/* nothing states the date: bounds only, never a future date as bound */
	doc = test_doc(res,
		"Parties hold talks\n"
		"\n"
		"The parties met on May 2, 2015 to discuss the plan, and they said they will meet again on June 10, 2016 in the capital.\n");
	assert_int_equal(doc->dct.certainty, CTL_CERT_BOUNDED);
	ctl_day_format(doc->dct.earliest, got);
	assert_string_equal(got, "2015-05-02");
	assert_int_equal(doc->dct.latest, CTL_DAY_NONE);
	ctl_document_free(doc);
	ctl_resources_free(res);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seed_dates),
		cmocka_unit_test(test_rules),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
