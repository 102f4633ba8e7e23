/*
 * Events on made-up articles: triggers and dates, statements dated by the
 * report, years completed from the narrative, named events from the
 * gazetteer, bounds for undated articles, and merging across articles.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "helpers.h"

typedef struct art {
	const char *name;
	const char *text;
	const char *dct; /* or NULL */
} art;

static ctl_timeline *extract(ctl_resources *res, const art *arts, size_t n)
{
	ctl_extractor *x = ctl_extractor_new(res);
	ctl_error err;
	ctl_error_clear(&err);
	for (size_t i = 0; i < n; i++) {
		ctl_document *doc = NULL;
		if (ctl_document_from_memory(&doc, arts[i].name, arts[i].text, strlen(arts[i].text), NULL, &err))
			fail_msg("%s", err.msg);
		if (arts[i].dct) {
			ctl_day d;
			assert_int_equal(ctl_day_parse(arts[i].dct, 10, &d), 0);
			ctl_document_set_dct(doc, d, "user");
		}
		if (ctl_document_analyze(doc, res, &err) || ctl_extractor_add(x, doc, &err))
			fail_msg("%s", err.msg);
		ctl_document_free(doc);
	}
	ctl_timeline *tl = NULL;
	if (ctl_extractor_finish(x, &tl, &err))
		fail_msg("%s", err.msg);
	ctl_extractor_free(x);
	return tl;
}

static const ctl_event *find_event(const ctl_timeline *tl, const char *trigger)
{
	for (size_t i = 0; i < tl->nevents; i++)
		if (!strcmp(tl->events[i].trigger.text, trigger))
			return &tl->events[i];
	return NULL;
}

static void assert_dates(const ctl_event *e, const char *earliest, const char *latest)
{
	char a[11], b[11];
	assert_non_null(e);
	ctl_day_format(e->when.earliest, a);
	ctl_day_format(e->when.latest, b);
	if (strcmp(a, earliest) || strcmp(b, latest))
		fail_msg("event '%s': [%s, %s], wanted [%s, %s]", e->title, a, b, earliest, latest);
}

static bool has_actor(const ctl_timeline *tl, const ctl_event *e, const char *name)
{
	for (size_t i = 0; i < e->nactors; i++) {
		const ctl_actor *a = &tl->actors[e->actors[i]];
		if (!strcmp(a->name, name))
			return true;
		for (size_t k = 0; k < a->naliases; k++)
			if (!strcmp(a->aliases[k], name))
				return true;
	}
	return false;
}

/* A dated event, a statement on the report's day, a weekday resolved. */
static void test_dated_and_statements(void **state)
{
	ctl_resources *res = *state;
	const art a[] = { { "a.txt",
		"Freedonia and Sylvania sign trade deal\n"
		"\n"
		"Freedonian Trade Minister Maria Gonzalez said on Tuesday that the two countries would cut tariffs.\n"
		"On March 3, Gonzalez met Sylvanian Prime Minister John Whitfield in Geneva to discuss the plan.\n"
		"The weather was mild and the talks were long.\n",
		"2019-03-14" } };
	ctl_timeline *tl = extract(res, a, 1);
	const ctl_event *met = find_event(tl, "met");
	assert_dates(met, "2019-03-03", "2019-03-03");
	assert_string_equal(met->type, "meeting");
	assert_int_equal(met->when.certainty, CTL_CERT_INFERRED);
	assert_true(has_actor(tl, met, "John Whitfield"));
	const ctl_event *said = find_event(tl, "said");
	/* "said on Tuesday" in a report of Thursday 14 March: Tuesday 12 March */
	assert_dates(said, "2019-03-12", "2019-03-12");
	assert_string_equal(said->type, "statement");
	assert_true(has_actor(tl, said, "Maria Gonzalez"));
	/* the lead statement carries the headline */
	assert_string_equal(said->title, "Freedonia and Sylvania sign trade deal");
	/* a sentence with no date and no speaker is no event */
	assert_null(find_event(tl, "talks"));
	for (size_t i = 0; i < tl->nevents; i++) {
		const ctl_event *e = &tl->events[i];
		assert_true(e->nsources >= 1);
		assert_non_null(e->trigger.text);
		/* the trigger lies inside one of its sources */
		bool inside = false;
		for (size_t k = 0; k < e->nsources; k++)
			inside |= e->trigger.start >= e->sources[k].start && e->trigger.end <= e->sources[k].end;
		assert_true(inside);
	}
	ctl_timeline_free(tl);
}

/* The event of trigger `trigger` whose first source holds `words`. */
static const ctl_event *find_event_in(const ctl_timeline *tl, const char *trigger, const char *words)
{
	for (size_t i = 0; i < tl->nevents; i++) {
		const ctl_event *e = &tl->events[i];
		if (!strcmp(e->trigger.text, trigger) && e->nsources && strstr(e->sources[0].text, words))
			return e;
	}
	return NULL;
}

/* Which date goes with which verb, and who speaks: a date in a relative
 * clause (", which ...") does not date the verb before it; "the court
 * said" is the court named last, not the person named in the sentence; a
 * date far on in what was said does not date the statement; "officials
 * said" is no one named; "will" far before a month makes it the next; a
 * verb takes the date next to it. */
static void test_clauses_and_speakers(void **state)
{
	ctl_resources *res = *state;
	const art a[] = { { "c.txt",
		"Freedonia court rejects tariff appeal\n"
		"\n"
		"Freedonian Trade Minister Maria Gonzalez met Sylvanian Prime Minister John Whitfield in "
		"Geneva to sign the deal, which negotiators concluded in December.\n"
		"The Supreme Court of Freedonia rejected an appeal by Sylvanian exporters on Monday.\n"
		"The ruling favours the exporters of Whitfield, the court said.\n"
		"The Freedonian Chamber of Commerce said more than 400 companies had joined the "
		"scheme since its launch in 2003.\n"
		"Whitfield will hold talks with Freedonian President Maria Gonzalez in Geneva in May, "
		"officials said.\n"
		"Last week, Gonzalez refused to rule out new tariffs, a remark Whitfield dismissed on "
		"Tuesday.\n"
		"Sylvanian Fisheries chief Omar Haddad will stay on until the end of the year, the "
		"ministries said.\n"
		"Haddad will leave in the spring of 2020, Whitfield said.\n",
		"2019-03-14" } };
	ctl_timeline *tl = extract(res, a, 1);
	/* the meeting has no date of its own: December is the negotiators' */
	assert_null(find_event(tl, "met"));
	assert_dates(find_event(tl, "rejected"), "2019-03-11", "2019-03-11");
	const ctl_event *court = find_event_in(tl, "said", "the court said");
	assert_non_null(court);
	assert_true(court->nactors >= 1);
	assert_string_equal(tl->actors[court->actors[0]].name, "Supreme Court of Freedonia");
	assert_dates(court, "2019-03-14", "2019-03-14");
	const ctl_event *chamber = find_event_in(tl, "said", "since its launch in 2003");
	assert_non_null(chamber);
	assert_dates(chamber, "2019-03-14", "2019-03-14");
	/* talks ahead ("will hold", twelve words before "May"): next May; and
	 * "officials said" is no statement of the people named */
	assert_dates(find_event(tl, "hold talks"), "2019-05-01", "2019-05-31");
	assert_null(find_event_in(tl, "said", "officials said"));
	/* the date next to a verb dates it, not one further off */
	assert_dates(find_event(tl, "dismissed"), "2019-03-12", "2019-03-12");
	/* "the ministries said": no one organisation; a date before the
	 * reporting verb, in what was said, does not date the statement */
	assert_null(find_event_in(tl, "said", "the ministries said"));
	assert_dates(find_event_in(tl, "said", "spring of 2020"), "2019-03-14", "2019-03-14");
	ctl_timeline_free(tl);
}

/* Titles read like headlines: the third person ("launches"), a passive
 * as a participle ("jailed"), abbreviations whole ("U.S.", "Feb. 24"),
 * a person by the surname ("van Dijk", "Wang" of "Wang Yi"). */
static void test_titles(void **state)
{
	ctl_resources *res = *state;
	const art a[] = { { "t.txt",
		"Freedonia remembers the war\n"
		"\n"
		"Sylvania launched its invasion of Freedonia on Feb. 24, 2022.\n"
		"John Whitfield was jailed in 2018 on charges that were later dropped.\n"
		"Maria Gonzalez met U.S. President Anna Weber in Geneva on March 3.\n"
		"Freedonian coach Mark van Dijk visited Sylvania on March 5.\n"
		"Chinese envoy Wang Yi met Maria Gonzalez in Geneva on March 6.\n"
		"Relations between the neighbours deteriorated after a clash in June 2020.\n",
		"2024-03-14" } };
	ctl_timeline *tl = extract(res, a, 1);
	const ctl_event *e = find_event(tl, "launched");
	assert_non_null(e);
	assert_string_equal(e->title, "Sylvania launches its invasion of Freedonia on Feb. 24");
	e = find_event(tl, "jailed");
	assert_non_null(e);
	assert_string_equal(e->title, "Whitfield jailed in 2018 on charges that were later dropped");
	e = find_event(tl, "met");
	assert_non_null(e);
	assert_string_equal(e->title, "Gonzalez meets U.S. President Anna Weber in Geneva on March 3");
	/* a surname with its particle; an East Asian family name, written first */
	e = find_event(tl, "visited");
	assert_non_null(e);
	assert_string_equal(e->title, "Van Dijk visits Sylvania on March 5");
	bool wang = false;
	for (size_t i = 0; i < tl->nevents; i++)
		wang |= !strcmp(tl->events[i].title, "Wang meets Maria Gonzalez in Geneva on March 6");
	assert_true(wang);
	/* no subject a capitalised word opening the sentence may be */
	e = find_event(tl, "clash");
	assert_non_null(e);
	assert_string_equal(e->title, "Relations between the neighbours deteriorated after a clash in June");
	ctl_timeline_free(tl);
}

/* With no named subject, the trigger's own clause makes the title when
 * the first clause is an opening phrase or another clause; a clause with
 * no subject of its own follows the first one (an aside between them). */
static void test_clause_titles(void **state)
{
	ctl_resources *res = *state;
	const art a[] = { { "c.txt",
		"Freedonia's new royalties\n"
		"\n"
		"Under the bill, the new rates would take effect on Jan. 1, 2024.\n"
		"The agreement, announced late on Wednesday, will come into force at 00:00 local time on Saturday.\n"
		"On Tuesday night, two men, aged 19 and 34, were killed in the old town when police broke up a blockade.\n"
		"Her childhood was shaped by the war: the family's house was destroyed in an air raid in 1945.\n"
		"In a televised address afterwards, the president said she had agreed with party leaders that "
		"parliament would be dissolved on Monday and a snap election held on 9 March.\n",
		"2023-12-01" } };
	ctl_timeline *tl = extract(res, a, 1);
	const ctl_event *e = find_event(tl, "take effect");
	assert_non_null(e);
	assert_string_equal(e->title, "The new rates would take effect on Jan. 1");
	e = find_event(tl, "come into force");
	assert_non_null(e);
	assert_string_equal(e->title, "The agreement will come into force at 00:00 local time");
	e = find_event(tl, "killed");
	assert_non_null(e);
	if (strncmp(e->title, "Two men, aged 19 and 34, were killed", 36))
		fail_msg("title '%s'", e->title);
	e = find_event(tl, "destroyed");
	assert_non_null(e);
	assert_string_equal(e->title, "The family's house was destroyed in an air raid");
	/* a reported clause with a subject of its own, after "that" */
	e = find_event(tl, "dissolved");
	assert_non_null(e);
	assert_string_equal(e->title, "Parliament would be dissolved on Monday");
	ctl_timeline_free(tl);
}

/* The lead's present perfect with no date is the article's news, in the
 * days up to its date, with the headline as its title; not a relative
 * clause's ("who has died"), nor after the lead. */
static void test_lead_present_perfect(void **state)
{
	ctl_resources *res = *state;
	const art a[] = { { "p.txt",
		"Competition watchdog blocks drug takeover\n"
		"\n"
		"Britain's competition regulator has blocked Corvane's takeover of Astley Biologics, its chairman Tom Reed said.\n"
		"Eileen Carrow, who has died aged 84, was one of the few working-class women in parliament.\n"
		"The company said it was disappointed.\n"
		"The minister said the rules were clear.\n"
		"The regulator has fined three other firms since the rules came in.\n",
		"2025-03-03" } };
	ctl_timeline *tl = extract(res, a, 1);
	const ctl_event *e = find_event(tl, "blocked");
	assert_dates(e, "2025-02-24", "2025-03-03");
	assert_string_equal(e->title, "Competition watchdog blocks drug takeover");
	assert_int_equal(e->when.certainty, CTL_CERT_BOUNDED);
	assert_null(find_event(tl, "died"));
	assert_null(find_event(tl, "fined"));
	/* the sentence's statement keeps a title of its own */
	e = find_event(tl, "said");
	assert_non_null(e);
	assert_string_not_equal(e->title, "Competition watchdog blocks drug takeover");
	ctl_timeline_free(tl);
	/* a dated relative clause is an event of its own, a place's region
	 * between commas inside it ("in Stockbridge, Edinburgh,") */
	const art b[] = { { "o.txt",
		"Euan Craig obituary\n"
		"\n"
		"Euan Craig, who has died at his home in Stockbridge, Edinburgh, on Friday at the age of 88, was an architect.\n",
		"2019-11-12" } };
	tl = extract(res, b, 1);
	assert_dates(find_event(tl, "died"), "2019-11-08", "2019-11-08");
	ctl_timeline_free(tl);
}

/* The subject of a verb in a later clause: none when the clause has a
 * subject of its own ("even as the broader market fell"); the sentence's
 * first actor for a participle's clause ("..., claiming to have stolen"). */
static void test_clause_subjects(void **state)
{
	ctl_resources *res = *state;
	const art a[] = { { "s.txt",
		"Markets and thieves\n"
		"\n"
		"Shares of Norvex Holdings jumped 12% on Tuesday, even as the broader market fell sharply.\n"
		"A criminal group calling itself Grey Lantern posted Talvio Health's name on its leak site "
		"on Wednesday, claiming to have stolen 2 terabytes of data.\n",
		"2024-03-14" } };
	ctl_timeline *tl = extract(res, a, 1);
	const ctl_event *e = find_event(tl, "fell");
	assert_non_null(e);
	assert_string_equal(e->title, "The broader market fell sharply");
	e = find_event(tl, "stolen");
	assert_non_null(e);
	if (strncmp(e->title, "Grey Lantern ", 13))
		fail_msg("title '%s'", e->title);
	ctl_timeline_free(tl);
}

/* A law or a tariff taking effect, and what lasts "until" a month, lie
 * ahead of an article's date even after a past verb; "from Aug. 15" is a
 * date, not a comparison's base; a live blog's entry time opens no title,
 * and a title keeps the per cent sign. */
static void test_taking_effect(void **state)
{
	ctl_resources *res = *state;
	const art a[] = { { "e.txt",
		"Tariffs and bail\n"
		"\n"
		"On Wednesday, Sylvania announced duties of 15% on Freedonian plywood, to take effect from Aug. 15.\n"
		"Freedonia's ministry on Monday announced a tariff on steel, taking effect on Aug. 1.\n"
		"The two other men have been released on bail until October.\n"
		"11:15 GMT — Norvex shares fell 14% in the first hour of trading.\n",
		"2025-07-03" } };
	ctl_timeline *tl = extract(res, a, 1);
	assert_dates(find_event(tl, "take effect"), "2025-08-15", "2025-08-15");
	/* the opening "On Wednesday" dates the statement, the verb's own date
	 * the verb */
	assert_dates(find_event_in(tl, "announced", "plywood"), "2025-07-02", "2025-07-02");
	assert_dates(find_event(tl, "taking effect"), "2025-08-01", "2025-08-01");
	assert_dates(find_event(tl, "released"), "2025-10-01", "2025-10-31");
	const ctl_event *e = find_event(tl, "fell");
	assert_non_null(e);
	assert_string_equal(e->title, "Norvex falls 14% in the first hour of trading");
	ctl_timeline_free(tl);
}

/* Who speaks and who acts around relative clauses and possessives: a
 * company's relative clause ("Norvex, which ... UK customers, said")
 * leaves the company speaking; the clause makes its title ("Norvex was
 * founded in 2016"); "Chile's trade ministry on Monday announced" is
 * Chile speaking on that Monday; a participle after a comma ("...,
 * taking effect on Aug. 1") is not the last actor's act. */
static void test_relative_and_possessive_speakers(void **state)
{
	ctl_resources *res = *state;
	const art a[] = { { "r.txt",
		"Breach and tariffs\n"
		"\n"
		"Sylvania met Freedonia in Vienna on Tuesday.\n"
		"Norvex, which was founded in 2016 and has about 3.4 million UK customers, said it detected unusual activity.\n"
		"Chile's trade ministry on Monday announced a 25% tariff on steel from Peru, taking effect on Aug. 1.\n",
		"2025-07-03" } };
	ctl_timeline *tl = extract(res, a, 1);
	const ctl_event *e = find_event(tl, "founded");
	assert_non_null(e);
	assert_string_equal(e->title, "Norvex was founded in 2016");
	e = find_event_in(tl, "said", "Norvex");
	assert_non_null(e);
	if (strncmp(e->title, "Norvex says", 11))
		fail_msg("title '%s'", e->title);
	e = find_event(tl, "announced");
	assert_non_null(e);
	assert_dates(e, "2025-06-30", "2025-06-30");
	if (strncmp(e->title, "Chile announces", 15))
		fail_msg("title '%s'", e->title);
	e = find_event(tl, "taking effect");
	assert_non_null(e);
	assert_dates(e, "2025-08-01", "2025-08-01");
	if (!strncmp(e->title, "Peru", 4))
		fail_msg("title '%s'", e->title);
	ctl_timeline_free(tl);
}

/* A date no trigger takes dates a past-tense verb of its clause with a
 * named subject or a pronoun (events/past_verbs.tsv), titled with its own
 * words; not a participle after a noun, nor a verb before "to". */
static void test_past_verbs(void **state)
{
	ctl_resources *res = *state;
	const art a[] = { { "p.txt",
		"Coalition deal signed\n"
		"\n"
		"Negotiations broke down last week over farm rules.\n"
		"Anna Weber brought the three parties back to the table on Saturday.\n"
		"He was elected a fellow of the academy in 1986, and in 1996 he shared the Verhoef Prize.\n"
		"An agreement reached between the two companies in 1991 ended the dispute.\n"
		"Norvex wanted to expand in 2020.\n"
		"The case was adjourned to June 18.\n"
		"She relearned the piano, and gave her final concert in April.\n",
		"2024-03-26" } };
	ctl_timeline *tl = extract(res, a, 1);
	const ctl_event *e = find_event(tl, "brought");
	assert_non_null(e);
	assert_dates(e, "2024-03-23", "2024-03-23");
	assert_string_equal(e->title, "Weber brought the three parties back to the table on Saturday");
	e = find_event(tl, "shared");
	assert_non_null(e);
	assert_dates(e, "1996-01-01", "1996-12-31");
	if (strncmp(e->title, "In 1996 he shared the Verhoef Prize", 35))
		fail_msg("title '%s'", e->title);
	assert_null(find_event(tl, "reached"));
	assert_null(find_event(tl, "wanted"));
	/* a passive needs no named subject; a verb after "and" shares one */
	assert_dates(find_event(tl, "adjourned"), "2024-06-18", "2024-06-18");
	assert_dates(find_event(tl, "gave"), "2023-04-01", "2023-04-30");
	ctl_timeline_free(tl);
}

/* A date no trigger takes may date what lies ahead: a verb after "will",
 * or after "to" and a word that sets a plan ("expected to begin"); not a
 * plan that did not happen ("had planned to issue"), nor what a condition
 * supposes ("if the market fell"). A clock stays whole in a title. */
static void test_future_verbs(void **state)
{
	ctl_resources *res = *state;
	const art a[] = { { "f.txt",
		"Champion crowned\n"
		"\n"
		"Tomasz Lindqvist won the title on Sunday after a tiebreak.\n"
		"Lindqvist will defend his title in 2027.\n"
		"The trial is expected to begin in October.\n"
		"The government had planned to issue new cards by December.\n"
		"The strike is due to end at 23:59 on Monday.\n"
		"Shares of Norvex rose 12% on Tuesday, and they could fall further if the market fell sharply.\n",
		"2025-08-14" } };
	ctl_timeline *tl = extract(res, a, 1);
	bool defend = false, begin = false, issue = false, end = false;
	for (size_t i = 0; i < tl->nevents; i++) {
		const ctl_event *e = &tl->events[i];
		char d[11];
		ctl_day_format(e->when.earliest, d);
		if (strstr(e->title, "will defend")) {
			defend = true;
			assert_string_equal(d, "2027-01-01");
		}
		if (strstr(e->title, "to begin")) {
			begin = true;
			assert_string_equal(d, "2025-10-01");
		}
		issue |= strstr(e->title, "issue") != NULL;
		if (strstr(e->title, "to end")) {
			end = true;
			assert_non_null(strstr(e->title, "23:59"));
		}
	}
	assert_true(defend);
	assert_true(begin);
	assert_false(issue);
	assert_true(end);
	/* what a condition supposes is no event */
	assert_null(find_event(tl, "fell"));
	ctl_timeline_free(tl);
}

/* A chronology's opening date dates the line's first verb, a statement
 * too ("Nov. 21: Norvex announces ...; Haddad is named chair"); a verb
 * form after a number is a noun ("by 44 votes to 35"). */
static void test_chronology_lines(void **state)
{
	ctl_resources *res = *state;
	const art a[] = { { "c.txt",
		"Five days at Norvex\n"
		"\n"
		"The board fired its chief executive, Anna Weber, last week.\n"
		"Nov. 17: The board votes to remove Weber as chief executive.\n"
		"Nov. 21: Norvex announces Weber's reinstatement; Omar Haddad is named chair.\n"
		"The bylaw received final approval on Friday by 44 votes to 35.\n",
		"2024-11-22" } };
	ctl_timeline *tl = extract(res, a, 1);
	assert_dates(find_event(tl, "votes"), "2024-11-17", "2024-11-17");
	assert_dates(find_event(tl, "announces"), "2024-11-21", "2024-11-21");
	for (size_t i = 0; i < tl->nevents; i++)
		if (!strcmp(tl->events[i].trigger.text, "votes") &&
		    strstr(tl->events[i].sources[0].text, "44 votes"))
			fail_msg("'44 votes' made an event: '%s'", tl->events[i].title);
	ctl_timeline_free(tl);
}

/* A chronology's entry with no subject, in the present ("March 2019 –
 * Raises £60m ..."), or a past participle ("Shares priced at 310p"), or
 * with no verb at all ("October 2027 - Earth flyby"); a
 * date before "but" is not the verb's after it; a date after a relative
 * clause is not its verb's ("..., which sells software to banks, priced
 * ... on Thursday"); "shares in X" names a company, not a place. */
static void test_chronology_present_and_clauses(void **state)
{
	ctl_resources *res = *state;
	const art a[] = { { "k.txt",
		"Brightwell Data shares jump on delayed debut\n"
		"\n"
		"Shares in Brightwell Data rose 18% in London on Friday.\n"
		"The company, which sells threat-detection software to banks, agreed the price on Thursday evening.\n"
		"Brightwell had intended to list at the end of September but postponed the float on 21 September, blaming volatility.\n"
		"\n"
		"Key dates\n"
		"March 2019 – Raises £60m in a round led by Northgate Ventures\n"
		"11 November 2021 – Shares priced at 310p\n"
		"October 2027 - Earth flyby, using the planet's gravity\n",
		"2021-11-15" } };
	ctl_timeline *tl = extract(res, a, 1);
	const ctl_event *f = find_event(tl, "Earth");
	assert_dates(f, "2027-10-01", "2027-10-31");
	assert_string_equal(f->title, "Earth flyby");
	assert_dates(find_event(tl, "Raises"), "2019-03-01", "2019-03-31");
	assert_dates(find_event(tl, "priced"), "2021-11-11", "2021-11-11");
	assert_dates(find_event(tl, "postponed"), "2021-09-21", "2021-09-21");
	const ctl_event *e = find_event(tl, "rose");
	assert_dates(e, "2021-11-12", "2021-11-12");
	assert_int_equal(e->nactors, 1);
	assert_string_equal(tl->actors[e->actors[0]].name, "Brightwell Data");
	assert_int_equal(tl->actors[e->actors[0]].type, CTL_ACTOR_ORGANIZATION);
	for (size_t i = 0; i < tl->nevents; i++)
		if (!strcmp(tl->events[i].trigger.text, "sells"))
			fail_msg("a relative clause's verb took a date after it: '%s'", tl->events[i].title);
	ctl_timeline_free(tl);
}

/* A hearing or a session is dated by the date after it ("listed the
 * matter for further hearing on December 4"); a subject's relative clause
 * with no named subject is titled with its head ("The striker joined on
 * loan ... in January"), and its date is not the main verb's. */
/* An obituary's opening participle ("Born in Greymouth in 1935, ...": a
 * sentence's first word is a trigger, not a name); a date before the verb
 * with a comma between loses it to the date after it ("whom she married
 * in 1959, died in 2011", "Built in 1887, the bridge was given ... in
 * 2016"); a passive after "and" is titled from its auxiliary. */
static void test_born_and_comma_dates(void **state)
{
	ctl_resources *res = *state;
	const art a[] = { { "o.txt",
		"Margaret Whitcombe, health minister, dies at 84\n"
		"\n"
		"Born in Greymouth in 1935, the daughter of a coal miner, Margaret Whitcombe trained as a nurse.\n"
		"Her husband, Ronald, a fruit grower whom she married in 1959, died in 2011.\n"
		"Built in 1887, the bridge was given a weight limit in 2016 after an inspection.\n"
		"He was taken to hospital with a broken collarbone and was discharged on Wednesday afternoon.\n",
		"2020-02-03" } };
	ctl_timeline *tl = extract(res, a, 1);
	assert_dates(find_event(tl, "Built"), "1887-01-01", "1887-12-31");
	assert_dates(find_event(tl, "given"), "2016-01-01", "2016-12-31");
	const ctl_event *e = find_event(tl, "discharged");
	assert_non_null(e);
	assert_string_equal(e->title, "Was discharged on Wednesday afternoon");
	assert_dates(find_event(tl, "Born"), "1935-01-01", "1935-12-31");
	assert_dates(find_event(tl, "died"), "2011-01-01", "2011-12-31");
	assert_dates(find_event(tl, "married"), "1959-01-01", "1959-12-31");
	ctl_timeline_free(tl);
}

/* A dated past verb whose subject is a short phrase with no name ("the
 * company alerted regulators ... in 2021", "Commission inspectors carried
 * out raids", "Its owner, the Dutch company Helion Imaging, went
 * bankrupt in 2018": a subject before an appositive), but not a question's ("Which lines are affected this
 * week?") nor a participle before the clause's verb ("The principle set
 * out today is that ..."). */
static void test_unnamed_subjects(void **state)
{
	ctl_resources *res = *state;
	const art a[] = { { "u.txt",
		"Drug makers fined over cartel\n"
		"\n"
		"Valdren escaped a fine: the company alerted regulators to the cartel in 2021 in exchange for immunity.\n"
		"Two months later, in November 2021, Commission inspectors carried out unannounced raids at company offices.\n"
		"Which lines are affected this week?\n"
		"The principle set out today is that data belongs to the patient.\n"
		"Its owner, the Dutch company Helion Imaging, went bankrupt in 2018, leaving nobody in charge.\n"
		"The workers' previous three-year wage agreement expired on 31 March, and talks deadlocked last month.\n",
		"2024-05-14" } };
	ctl_timeline *tl = extract(res, a, 1);
	assert_dates(find_event(tl, "expired"), "2024-03-31", "2024-03-31");
	/* a date that opens its clause with no comma ("In 2022 the city
	 * honored her"); "must" looks ahead */
	const art b[] = { { "v.txt",
		"Jazz pianist dies\n"
		"\n"
		"In 2022 the city honored her with its Jazz Legacy Award.\n"
		"Every country must submit an updated national plan by the end of this year.\n",
		"2025-03-04" } };
	ctl_timeline *tb = extract(res, b, 1);
	assert_dates(find_event(tb, "honored"), "2022-01-01", "2022-12-31");
	assert_dates(find_event(tb, "must submit"), "2025-01-01", "2025-12-31");
	ctl_timeline_free(tb);
	/* the date between the subject and its verb; a bare plural after
	 * the opening date and its comma */
	const art j[] = { { "j.txt",
		"Jury convicts former finance chief\n"
		"\n"
		"A county jury on Thursday found the former finance director guilty of theft.\n"
		"In March, officers recovered 300kg of ivory packed as avocado cargo.\n"
		"Jos\xc3\xa9 Ru\xc3\xadz yesterday appealed for witnesses to come forward.\n",
		"2023-05-11" } };
	tb = extract(res, j, 1);
	assert_dates(find_event(tb, "found"), "2023-05-11", "2023-05-11");
	assert_dates(find_event(tb, "recovered"), "2023-03-01", "2023-03-31");
	/* a subject's letters in any script */
	assert_dates(find_event(tb, "appealed"), "2023-05-10", "2023-05-10");
	ctl_timeline_free(tb);
	/* "from September" starts something unless a figure or a change
	 * stands before it; a date in quoted words does not date their
	 * statement */
	const art c[] = { { "f.txt",
		"Climate fund agreed\n"
		"\n"
		"The new facility is due to begin disbursing money from September.\n"
		"Prices were up 4% from last month, the agency said.\n"
		"Ms Saxena said the Budget \"does not borrow from tomorrow to pay for today\".\n"
		"About 6,000 members of the United Ports Workers' Union (UPWU) downed tools on Monday morning.\n"
		"In June 2024, engineers at Halden found a fault in one of the reaction wheels.\n"
		"Judges found that between 2016 and 2018 the official received bribes.\n"
		"The clerk certified that result on Nov. 2.\n",
		"2026-03-09" } };
	tb = extract(res, c, 1);
	assert_dates(find_event(tb, "begin"), "2026-09-01", "2026-09-30");
	assert_dates(find_event(tb, "downed"), "2026-03-09", "2026-03-09"); /* "(UPWU) downed" */
	/* "found" is a past form; "found that ..." what someone concluded, but
	 * "certified that result" is no such clause */
	assert_dates(find_event(tb, "found"), "2024-06-01", "2024-06-30");
	assert_dates(find_event(tb, "certified"), "2025-11-02", "2025-11-02");
	for (size_t i = 0; i < tb->nevents; i++)
		if (!strcmp(tb->events[i].trigger.text, "found") && strstr(tb->events[i].title, "Judges"))
			fail_msg("'found that' made an event: '%s'", tb->events[i].title);
	for (size_t i = 0; i < tb->nevents; i++) {
		char d[11];
		ctl_day_format(tb->events[i].when.earliest, d);
		if (!strcmp(tb->events[i].trigger.text, "said") && strcmp(d, "2026-03-09"))
			fail_msg("statement '%s' dated %s", tb->events[i].title, d);
	}
	ctl_timeline_free(tb);
	assert_dates(find_event(tl, "deadlocked"), "2024-04-01", "2024-04-30");
	assert_dates(find_event(tl, "went"), "2018-01-01", "2018-12-31");
	assert_dates(find_event(tl, "alerted"), "2021-01-01", "2021-12-31");
	assert_dates(find_event(tl, "carried"), "2021-11-01", "2021-11-30");
	assert_null(find_event(tl, "affected"));
	assert_null(find_event(tl, "set"));
	ctl_timeline_free(tl);
}

/* A date before "and" and the verb after it is the first verb's
 * ("reached the semifinals here in 2024 and beat Ferrand ... in July"),
 * and a relative clause's date is not its speaker's statement's; "had
 * surgery ... in April 2023"; a present
 * passive with its date ("The old stand is closed on Monday"). */
static void test_sport_dates(void **state)
{
	ctl_resources *res = *state;
	const art a[] = { { "s.txt",
		"Ferrand wins first US Open title\n"
		"\n"
		"Ferrand had surgery on his right wrist in April 2023 and missed seven months.\n"
		"\"That's tennis,\" said Okonkwo-Blake, who reached the semifinals here in 2024 and beat Ferrand in the Wimbledon quarterfinals in July.\n"
		"Ferrand needed five sets to get past Santiago Lucero in Friday's semifinal.\n"
		"The old stand is closed on Monday for repairs.\n",
		"2025-09-08" } };
	ctl_timeline *tl = extract(res, a, 1);
	assert_dates(find_event(tl, "had surgery"), "2023-04-01", "2023-04-30");
	assert_dates(find_event(tl, "beat"), "2025-07-01", "2025-07-31");
	assert_dates(find_event(tl, "reached"), "2024-01-01", "2024-12-31");
	assert_dates(find_event(tl, "said"), "2025-09-08", "2025-09-08");
	assert_dates(find_event(tl, "closed"), "2025-09-08", "2025-09-08");
	ctl_timeline_free(tl);
}

/* A statement whose words follow a colon is titled with them, not with
 * the speaker's description ("Station manager Dean Albright said: \"The
 * ground is tinder-dry ...\""), nor with the speaker's name after the
 * verb ("..., said Wang Jianguo."). */
static void test_colon_quote_title(void **state)
{
	ctl_resources *res = *state;
	const art a[] = { { "q.txt",
		"Weather updates\n"
		"\n"
		"Station manager Dean Albright said: \"The ground is tinder-dry and the wind keeps pushing the fire line.\"\n",
		"2026-07-14" } };
	ctl_timeline *tl = extract(res, a, 1);
	const ctl_event *e = find_event(tl, "said");
	assert_non_null(e);
	assert_string_equal(e->title, "Albright says: The ground is tinder-dry and the wind keeps pushing");
	ctl_timeline_free(tl);
	/* the speaker after the verb, after a quote: the quote is the title,
	 * not the speaker's name ("Wang says Wang Jianguo") */
	const art b[] = { { "w.txt",
		"Weather updates\n"
		"\n"
		"\"The shaft is flooded. We are racing against time,\" said Wang Jianguo.\n",
		"2023-11-22" } };
	tl = extract(res, b, 1);
	e = find_event(tl, "said");
	assert_non_null(e);
	assert_string_equal(e->title, "Wang says: We are racing against time");
	ctl_timeline_free(tl);
}

/* A chronology's entry without a year takes the year of the entry before
 * it, whatever its verbs say of the future ("4 October - Pellow apologises
 * and promises to repay ..."). */
static void test_chronology_year_carries(void **state)
{
	ctl_resources *res = *state;
	const art a[] = { { "y.txt",
		"MP suspended over expenses\n"
		"\n"
		"The MP was suspended for 21 days on Thursday.\n"
		"\n"
		"How the story unfolded\n"
		"2 October 2018 - The Gazette reveals that Pellow claimed rent on a flat owned by his partner.\n"
		"4 October - Pellow apologises and promises to repay the money immediately.\n",
		"2018-11-17" } };
	ctl_timeline *tl = extract(res, a, 1);
	assert_dates(find_event(tl, "apologises"), "2018-10-04", "2018-10-04");
	ctl_timeline_free(tl);
}

static void test_hearing_and_relative_title(void **state)
{
	ctl_resources *res = *state;
	const art a[] = { { "h.txt",
		"Court declines to halt strike\n"
		"\n"
		"The court has listed the matter for further hearing on December 4.\n"
		"The striker, who joined on loan from Wexley City in January, opened the scoring after nine minutes.\n",
		"2024-11-18" } };
	ctl_timeline *tl = extract(res, a, 1);
	assert_dates(find_event(tl, "hearing"), "2024-12-04", "2024-12-04");
	const ctl_event *e = find_event(tl, "joined");
	assert_dates(e, "2024-01-01", "2024-01-31");
	assert_string_equal(e->title, "The striker joined on loan from Wexley City in January");
	ctl_timeline_free(tl);
}

/* Everyday news verbs beyond diplomacy (deaths, careers, courts, closures);
 * two verbs joined by "and", each with its date; an appositive's name is
 * not the subject; "will remain closed on Wednesday" lies ahead; a quote
 * that opens the sentence is what was said; "the mayor said" with no mayor
 * named is no one's statement. */
static void test_general_news(void **state)
{
	ctl_resources *res = *state;
	const art a[] = { { "g.txt",
		"Freedonian chemist dies at 88\n"
		"\n"
		"Anna Kowalczyk, the Freedonian chemist, died on Sunday in Port Alba.\n"
		"She received the Lindqvist prize for chemistry in 1994 and retired from the University of Port Alba in 2001.\n"
		"The Acme Corporation was founded in Port Alba in 1921.\n"
		"Freedonia and Sylvania closed their borders on Monday.\n"
		"Sylvania hosted the talks on Tuesday.\n"
		"The union and the company reached a tentative agreement late Thursday.\n"
		"Consumer prices rose 3.8% in December from a year earlier, data released on Jan. 2 showed.\n"
		"The council will hold an emergency meeting on the flooding on Thursday.\n"
		"Schools in Port Alba will remain closed on Wednesday, the mayor said.\n"
		"\"The principle set out today is not optional,\" said Brian Ouma, a lawyer for the plaintiffs.\n"
		"\"We came to stop the killing,\" Haroun Deby said after the signing ceremony.\n"
		"\"Workers are paying, again,\" union spokesperson Joris Hoekstra said.\n"
		"Chair Anna Weber thanked the staff for their work and said the board would meet again.\n"
		"Maria Gonzalez, a nurse from Port Alba, told reporters that the clinic had closed.\n"
		"Minutes before the prize was announced, actress Ana Ruiz walked to the stage and announced her retirement.\n",
		"2024-01-16" } };
	ctl_timeline *tl = extract(res, a, 1);
	const ctl_event *e = find_event(tl, "died");
	assert_dates(e, "2024-01-14", "2024-01-14");
	assert_string_equal(e->title, "Kowalczyk dies on Sunday in Port Alba");
	e = find_event(tl, "received");
	assert_dates(e, "1994-01-01", "1994-12-31");
	assert_string_equal(e->title, "She received the Lindqvist prize for chemistry in 1994");
	e = find_event(tl, "retired");
	assert_dates(e, "2001-01-01", "2001-12-31");
	assert_string_equal(e->title, "Retired from the University of Port Alba in 2001");
	assert_dates(find_event(tl, "founded"), "1921-01-01", "1921-12-31");
	e = find_event_in(tl, "closed", "borders");
	assert_non_null(e);
	assert_string_equal(e->title, "Freedonia and Sylvania close their borders on Monday");
	assert_dates(find_event_in(tl, "closed", "Schools"), "2024-01-17", "2024-01-17");
	/* a noun dated after its preposition, object of a verb: the verb's title */
	e = find_event(tl, "hosted");
	assert_dates(e, "2024-01-16", "2024-01-16");
	assert_string_equal(e->title, "Sylvania hosts the talks on Tuesday");
	assert_string_equal(e->type, "meeting");
	/* the date right after the verb, not the comparison's base */
	assert_dates(find_event(tl, "released"), "2024-01-02", "2024-01-02");
	/* "will hold an emergency meeting ... on Thursday": the next one */
	assert_dates(find_event(tl, "hold an"), "2024-01-18", "2024-01-18");
	e = find_event(tl, "reached a tentative agreement");
	assert_dates(e, "2024-01-11", "2024-01-11");
	assert_string_equal(e->type, "agreement");
	size_t statements = 0;
	for (size_t i = 0; i < tl->nevents; i++) {
		const ctl_event *x = &tl->events[i];
		if (strcmp(x->type, "statement"))
			continue;
		statements++;
		if (strcmp(x->title, "Ouma says: The principle set out today is not optional") &&
		    strcmp(x->title, "Deby says: We came to stop the killing") &&
		    strcmp(x->title, "Hoekstra says: Workers are paying again") &&
		    strcmp(x->title, "Weber says the board would meet again") &&
		    strcmp(x->title, "Gonzalez tells reporters that the clinic had closed") &&
		    strcmp(x->title, "Ruiz announces her retirement"))
			fail_msg("statement '%s'", x->title);
	}
	assert_int_equal(statements, 6);
	ctl_timeline_free(tl);
}

/* A chronology: lines that open with their date and a dash, in the
 * present tense; each line's date is its event's, and a title starts
 * after the dash. */
static void test_chronology(void **state)
{
	ctl_resources *res = *state;
	const art a[] = { { "k.txt",
		"Timeline: key events of the Freedonian crisis\n"
		"\n"
		"Here are the key events since the crisis began two years ago.\n"
		"\n"
		"Feb. 24, 2022 - Sylvanian troops invade Freedonia from the north and the east.\n"
		"March 16, 2022 - A Sylvanian air strike hits a theatre in the capital.\n"
		"Sept. 30, 2022 - President John Whitfield announces the annexation of two regions.\n"
		"Nov. 11, 2022 - Freedonian forces retake the southern city of Port Alba.\n",
		"2024-02-24" } };
	ctl_timeline *tl = extract(res, a, 1);
	assert_dates(find_event(tl, "invade"), "2022-02-24", "2022-02-24");
	const ctl_event *e = find_event(tl, "air strike");
	assert_dates(e, "2022-03-16", "2022-03-16");
	assert_string_equal(e->title, "A Sylvanian air strike hits a theatre in the capital");
	assert_dates(find_event(tl, "announces"), "2022-09-30", "2022-09-30");
	assert_dates(find_event(tl, "retake"), "2022-11-11", "2022-11-11");
	ctl_timeline_free(tl);
}

/* "since" gives bounds, not a day; a passive's subject is not a name
 * further off; a number keeps its thousands; what was said before the
 * reporting clause is the statement's title; "Thursday's meeting". */
static void test_said_and_since(void **state)
{
	ctl_resources *res = *state;
	const art a[] = { { "s.txt",
		"Freedonia counts its losses\n"
		"\n"
		"Freedonian envoy Anna Weber said on Monday that fighting went on in the north.\n"
		"The Freedonian Relief Agency said that at least 27,000 people had been killed since October 7.\n"
		"Prime Minister John Whitfield rejected the new terms on Wednesday, his office said.\n"
		"Thursday's meeting between Whitfield and Weber was the first in five years.\n",
		"2024-02-06" } };
	ctl_timeline *tl = extract(res, a, 1);
	const ctl_event *e = find_event(tl, "killed");
	assert_dates(e, "2023-10-07", "2024-02-06");
	assert_int_equal(e->when.certainty, CTL_CERT_BOUNDED);
	assert_string_equal(e->title, "27,000 people had been killed since October 7");
	e = find_event_in(tl, "said", "27,000");
	assert_non_null(e);
	assert_string_equal(e->title, "Freedonian Relief Agency says at least 27,000 people had been killed since October");
	e = find_event_in(tl, "said", "his office said");
	assert_non_null(e);
	assert_string_equal(e->title, "Whitfield says: Prime Minister John Whitfield rejected the new terms on Wednesday");
	/* a possessive date ("Thursday's meeting") dates its noun */
	assert_dates(find_event(tl, "meeting"), "2024-02-01", "2024-02-01");
	ctl_timeline_free(tl);
}

/* A date after "for" and a forecast, a target or a budget, or a year
 * between "its" and such a noun, is the period the forecast is about
 * (data/events/periods.tsv): it dates nothing. The same date after a
 * verb still dates it. */
static void test_period_of_forecast(void **state)
{
	ctl_resources *res = *state;
	const art a[] = { { "f.txt",
		"Freedonia's bank holds rates\n"
		"\n"
		"The central bank raised its inflation forecast for next year to 2.6%.\n"
		"It hiked its 2024 economic growth forecast to 2.1% from 2.2%.\n"
		"The bank was founded in 2022.\n",
		"2023-11-30" } };
	ctl_timeline *tl = extract(res, a, 1);
	for (size_t i = 0; i < tl->nevents; i++) {
		char d[11];
		ctl_day_format(tl->events[i].when.earliest, d);
		if (!strncmp(d, "2024", 4))
			fail_msg("'%s' is dated %s", tl->events[i].title, d);
	}
	assert_dates(find_event(tl, "founded"), "2022-01-01", "2022-12-31");
	ctl_timeline_free(tl);
}

/* A wire dateline runs to the dash after its date: that date is the
 * report's, not the date of the noun right after the dash. */
static void test_dateline_with_date(void **state)
{
	ctl_resources *res = *state;
	const art a[] = { { "d.txt",
		"Leaders meet\n"
		"\n"
		"PORT ALBA, Oct 25, 2024 - Thursday's meeting between Whitfield and Weber was the first in "
		"five years.\n",
		NULL } };
	ctl_timeline *tl = extract(res, a, 1);
	assert_dates(find_event(tl, "meeting"), "2024-10-24", "2024-10-24");
	ctl_timeline_free(tl);
}

/* Text scraped with some of its markup left in ("<br>", "AT&amp;T",
 * "&nbsp;") gives the events of the same text without it: the same
 * dates, titles and actors, each trigger at its place in the file. */
static void test_markup_left_in_text(void **state)
{
	ctl_resources *res = *state;
	const char *plain =
		"Freedonia and Sylvania sign trade deal\n"
		"\n"
		"Freedonian Trade Minister Maria Gonzalez said on Tuesday that Smith & Wesson would cut prices.\n"
		"On March 3, Gonzalez met Sylvanian Prime Minister John Whitfield in Geneva. The talks were long.\n";
	const char *marked =
		"<h1>Freedonia and Sylvania sign trade deal</h1>\n"
		"\n"
		"Freedonian Trade Minister <b>Maria Gonzalez</b> said on Tuesday that Smith &amp; Wesson would cut prices.<br>"
		"On March&nbsp;3, Gonzalez met Sylvanian Prime Minister John Whitfield in Geneva.&nbsp;The talks were long.<br>\n";
	const art a[] = { { "a.txt", plain, "2019-03-14" } }, b[] = { { "b.txt", marked, "2019-03-14" } };
	ctl_timeline *ta = extract(res, a, 1), *tb = extract(res, b, 1);
	assert_true(ta->nevents >= 2);
	assert_int_equal(ta->nevents, tb->nevents);
	assert_int_equal(ta->nactors, tb->nactors);
	for (size_t i = 0; i < ta->nevents; i++) {
		const ctl_event *x = &ta->events[i], *y = &tb->events[i];
		assert_string_equal(x->title, y->title);
		assert_int_equal(x->when.earliest, y->when.earliest);
		assert_int_equal(x->when.latest, y->when.latest);
		assert_int_equal(x->nactors, y->nactors);
		for (size_t k = 0; k < x->nactors; k++)
			assert_string_equal(ta->actors[x->actors[k]].name, tb->actors[y->actors[k]].name);
		assert_memory_equal(marked + y->trigger.start, y->trigger.text, strlen(y->trigger.text));
	}
	assert_true(has_actor(tb, find_event(tb, "met"), "John Whitfield"));
	ctl_timeline_free(ta);
	ctl_timeline_free(tb);
}

/* An undated mention of two people meeting matches both of their dated
 * meetings, a fortnight apart: it must not make them one event (merging is
 * transitive; a looser date joins a narrower one only when it matches
 * exactly one). */
static void test_loose_date_does_not_bridge(void **state)
{
	ctl_resources *res = *state;
	const art a[] = {
		{ "m1.txt", "Envoys meet in Vienna\n\nAnna Weber met Omar Haddad in Vienna on Tuesday to discuss the ceasefire.\n",
		  "2017-07-05" },
		{ "m2.txt", "Envoys meet again in Vienna\n\nAnna Weber met Omar Haddad in Vienna on Monday to discuss prisoners.\n",
		  "2017-07-18" },
		{ "m3.txt", "Analysis: the envoys\n\nObservers say Anna Weber and Omar Haddad met in Vienna, and that their talks went well.\n",
		  "2017-07-20" },
	};
	ctl_timeline *tl = extract(res, a, 3);
	size_t meetings = 0;
	bool first = false, second = false;
	for (size_t i = 0; i < tl->nevents; i++) {
		const ctl_event *e = &tl->events[i];
		if (strcmp(e->type, "meeting") || !has_actor(tl, e, "Anna Weber") ||
		    !has_actor(tl, e, "Omar Haddad"))
			continue;
		meetings++;
		char d0[11], d1[11];
		ctl_day_format(e->when.earliest, d0);
		ctl_day_format(e->when.latest, d1);
		first |= !strcmp(d0, "2017-07-04") && !strcmp(d1, "2017-07-04");
		second |= !strcmp(d0, "2017-07-17") && !strcmp(d1, "2017-07-17");
	}
	assert_true(first);
	assert_true(second);
	assert_int_equal(meetings, 2);
	ctl_timeline_free(tl);
}

/* No date stated: bounds from the facts, a year completed from the narrative. */
static void test_undated_article(void **state)
{
	ctl_resources *res = *state;
	const art a[] = { { "b.txt",
		"Minister rejects the claims\n"
		"\n"
		"Sylvanian Foreign Minister John Whitfield told reporters in an interview published Wednesday that the claims were false.\n"
		"In January, the Freedonian parliament issued a report alleging interference in the election of November 8, 2016.\n"
		"On March 30, Whitfield denied the allegations.\n",
		NULL } };
	ctl_timeline *tl = extract(res, a, 1);
	/* the report follows the election it is about: January 2017 */
	assert_dates(find_event(tl, "issued a report"), "2017-01-01", "2017-01-31");
	/* the narrative goes on in 2017 */
	const ctl_event *denied = find_event(tl, "denied");
	assert_dates(denied, "2017-03-30", "2017-03-30");
	assert_string_equal(denied->type, "denial");
	/* the article: after its latest dated fact, within that year */
	assert_int_equal(tl->docs[0].dct.certainty, CTL_CERT_BOUNDED);
	char d[11];
	ctl_day_format(tl->docs[0].dct.earliest, d);
	assert_string_equal(d, "2017-03-30");
	ctl_day_format(tl->docs[0].dct.latest, d);
	assert_string_equal(d, "2017-12-31");
	/* "published Wednesday": the Wednesday on or before the report, which
	 * is March 30 (a Thursday) at the earliest: from March 29 on */
	const ctl_event *told = find_event(tl, "told");
	assert_dates(told, "2017-03-29", "2017-12-27");
	assert_int_equal(told->when.certainty, CTL_CERT_BOUNDED);
	assert_int_equal(told->when.precision, CTL_PREC_NONE);
	ctl_timeline_free(tl);
}

/* An undated report's weekday may fall before its latest dated fact: "as
 * of Saturday, August 10 ... discovered on Wednesday" is the Wednesday
 * before, which the bounds must hold. */
static void test_undated_weekday_before_fact(void **state)
{
	ctl_resources *res = *state;
	const art a[] = { { "w.txt",
		"Wildfire doubles in size\n"
		"\n"
		"As of 6 p.m. on Saturday, August 10, 2024, the Kelvin Ridge wildfire covered 4,300 hectares, officials said.\n"
		"The fire was discovered on Wednesday and is believed to have been caused by lightning.\n",
		NULL } };
	ctl_timeline *tl = extract(res, a, 1);
	const ctl_event *e = find_event(tl, "discovered");
	assert_non_null(e);
	char d[11];
	ctl_day_format(e->when.earliest, d);
	assert_string_equal(d, "2024-08-07");
	assert_int_equal(e->when.certainty, CTL_CERT_BOUNDED);
	ctl_timeline_free(tl);
	/* the lead names the weekday of the day it states: one news peg,
	 * and the report within the week from that day */
	const art b[] = { { "p.txt",
		"Nurses strike\n"
		"\n"
		"Thousands of nurses walked off the job on Tuesday in the first national strike since 2019.\n"
		"The union began the stoppage at 8 a.m. on Tuesday, October 14, 2025, outside most hospitals.\n"
		"Talks broke down on October 3.\n",
		NULL } };
	tl = extract(res, b, 1);
	ctl_day_format(tl->docs[0].dct.earliest, d);
	assert_string_equal(d, "2025-10-14");
	ctl_day_format(tl->docs[0].dct.latest, d);
	assert_string_equal(d, "2025-10-20");
	assert_int_equal(tl->docs[0].dct.certainty, CTL_CERT_BOUNDED);
	ctl_timeline_free(tl);
}

/* "was almost entirely destroyed" is a passive with its adverbs; an
 * opening phrase alone ("In June 2021") is no title; a date after ", and"
 * belongs to the next clause, not to the verb before it. */
static void test_passive_adverbs_and_clauses(void **state)
{
	ctl_resources *res = *state;
	const art a[] = { { "p.txt",
		"Wildfire grows\n"
		"\n"
		"Officials said on Saturday that the fire had doubled in size.\n"
		"In June 2021, the village of Kelvin was almost entirely destroyed by a wildfire a day after a record heat, and in 2023 more than two million hectares burned across the province.\n",
		"2024-08-10" } };
	ctl_timeline *tl = extract(res, a, 1);
	const ctl_event *e = find_event(tl, "destroyed");
	assert_dates(e, "2021-06-01", "2021-06-30");
	assert_string_equal(e->title, "The village of Kelvin was almost entirely destroyed");
	ctl_timeline_free(tl);
}

/* A date after a verb ahead in what was said dates that verb, not the
 * statement: with no one named to speak, the plan is still an event. */
static void test_date_in_what_was_said(void **state)
{
	ctl_resources *res = *state;
	const art a[] = { { "s.txt",
		"Nurses strike\n"
		"\n"
		"Nurses walked out on Tuesday across the country.\n"
		"The union said two more stoppages will go ahead on October 21.\n",
		"2025-10-14" } };
	ctl_timeline *tl = extract(res, a, 1);
	assert_dates(find_event(tl, "will go"), "2025-10-21", "2025-10-21");
	ctl_timeline_free(tl);
}

/* A reporting verb with an object and a subject with no name is an act
 * ("declared the outbreak an emergency"); said with a clause, it is still
 * a statement no one named makes, and no event. */
static void test_acting_report(void **state)
{
	ctl_resources *res = *state;
	const art a[] = { { "r.txt",
		"Outbreak declared\n"
		"\n"
		"Cases doubled in a week across the capital.\n"
		"The ministry declared the outbreak a public health emergency last Friday.\n"
		"His family announced his death on Monday.\n"
		"Officials said the outbreak had grown on Monday.\n",
		"2024-03-13" } };
	ctl_timeline *tl = extract(res, a, 1);
	assert_dates(find_event(tl, "declared"), "2024-03-08", "2024-03-08");
	assert_dates(find_event(tl, "announced"), "2024-03-11", "2024-03-11");
	assert_null(find_event(tl, "said"));
	ctl_timeline_free(tl);
}

/* A number's decimal point is no clause's end. */
static void test_decimal_point(void **state)
{
	ctl_resources *res = *state;
	const art b[] = { { "d.txt",
		"Shares jump\n"
		"\n"
		"Analysts welcomed the deal.\n"
		"Quorvex shares rose 3.1% on Tuesday to close at $187.40.\n",
		"2025-03-05" } };
	ctl_timeline *tl = extract(res, b, 1);
	assert_dates(find_event(tl, "rose"), "2025-03-04", "2025-03-04");
	ctl_timeline_free(tl);
}

/* Subjects with no name: a counted one after an opening phrase (with a
 * thousands' comma), "which" after a comma; "marched to the square" is
 * no infinitive. */
static void test_counted_and_relative_subjects(void **state)
{
	ctl_resources *res = *state;
	ctl_timeline *tl;
	const art c[] = { { "m.txt",
		"Union leader arrested\n"
		"\n"
		"Police arrested the union leader on Friday.\n"
		"On Saturday, more than 2,000 union members marched to the police headquarters.\n",
		"2024-05-27" } };
	tl = extract(res, c, 1);
	assert_dates(find_event(tl, "marched"), "2024-05-25", "2024-05-25");
	ctl_timeline_free(tl);
	/* "which" after a comma is a clause's subject */
	const art w[] = { { "w.txt",
		"Warehouse destroyed\n"
		"\n"
		"Crews stayed at the site overnight.\n"
		"The fire, which broke out on Monday, destroyed the warehouse.\n",
		"2019-08-22" } };
	tl = extract(res, w, 1);
	assert_dates(find_event(tl, "broke"), "2019-08-19", "2019-08-19");
	ctl_timeline_free(tl);
	/* a subject before a relative clause set off by commas, digits in
	 * its compound */
	const art r[] = { { "r.txt",
		"Runner banned\n"
		"\n"
		"The tribunal upheld the ban on Monday.\n"
		"The 27-year-old, who won silver over 1500 metres at the 2022 African Championships, tested positive for ostarine on 14 April 2023.\n",
		"2024-09-03" } };
	tl = extract(res, r, 1);
	assert_dates(find_event(tl, "tested"), "2023-04-14", "2023-04-14");
	ctl_timeline_free(tl);
	/* ... or before an appositive of up to nine words */
	const art a[] = { { "a.txt",
		"Hospital hit by ransomware\n"
		"\n"
		"Staff returned to paper records.\n"
		"The hospital, one of the largest public cardiac facilities in Punjab, diverted incoming ambulances on Monday.\n",
		"2024-07-11" } };
	tl = extract(res, a, 1);
	assert_dates(find_event(tl, "diverted"), "2024-07-08", "2024-07-08");
	ctl_timeline_free(tl);
}

/* A reporting verb with its object takes a date further on in its clause
 * ("reported four cases ... on February 19"). */
static void test_report_with_object(void **state)
{
	ctl_resources *res = *state;
	const art b[] = { { "o.txt",
		"Drug recalled\n"
		"\n"
		"The regulator recalled three batches of the drug.\n"
		"The Kelvin Children's Hospital reported four cases of bloodstream infection to provincial health authorities on February 19.\n",
		"2024-02-27" } };
	ctl_timeline *tl = extract(res, b, 1);
	assert_dates(find_event(tl, "reported"), "2024-02-19", "2024-02-19");
	ctl_timeline_free(tl);
}

/* A schedule in the present tense is an event ahead: "closes", "starts",
 * "expires". */
static void test_present_schedule(void **state)
{
	ctl_resources *res = *state;
	const art b[] = { { "b.txt",
		"Teachers vote on strike\n"
		"\n"
		"Teachers began voting on Monday.\n"
		"The ballot closes at noon on 18 March.\n",
		"2024-03-13" } };
	ctl_timeline *tl = extract(res, b, 1);
	assert_dates(find_event(tl, "closes"), "2024-03-18", "2024-03-18");
	ctl_timeline_free(tl);
}

/* Two articles on one meeting: one event citing both; another stays apart. */
static void test_merge_across_articles(void **state)
{
	ctl_resources *res = *state;
	const art a[] = {
		{ "c1.txt",
		  "Leaders meet at summit\n"
		  "\n"
		  "BERLIN, July 9. President Anna Weber and President Omar Haddad met on the sidelines of the G20 summit in Hamburg last Friday.\n",
		  NULL },
		{ "c2.txt",
		  "Minister recalls talks\n"
		  "\n"
		  "Sylvanian Foreign Minister John Whitfield said on Monday that the meeting between Presidents Weber and Haddad in Hamburg was useful.\n"
		  "On July 1, Weber met Haddad in Vienna.\n",
		  "2017-07-12" },
	};
	for (int order = 0; order < 2; order++) {
		art two[2] = { a[order], a[1 - order] };
		ctl_timeline *tl = extract(res, two, 2);
		size_t meetings = 0;
		for (size_t i = 0; i < tl->nevents; i++) {
			const ctl_event *e = &tl->events[i];
			if (strcmp(e->type, "meeting"))
				continue;
			meetings++;
			if (e->nsources == 2) {
				/* the summit's days, narrowed by both reports */
				assert_dates(e, "2017-07-07", "2017-07-08");
				assert_true(has_actor(tl, e, "Anna Weber"));
				assert_true(has_actor(tl, e, "Omar Haddad"));
				assert_string_equal(e->place, "Hamburg");
				/* two subjects joined by "and", surnames, the verb agreeing */
				assert_string_equal(e->title, "Weber and Haddad meet on the sidelines of the G20 summit in Hamburg");
			} else {
				/* the Vienna meeting is another event */
				assert_dates(e, "2017-07-01", "2017-07-01");
			}
		}
		assert_int_equal(meetings, 2);
		/* the undated article is placed in the week after the Friday */
		char d[11];
		size_t c1 = strcmp(tl->docs[0].id, "c1") ? 1 : 0;
		ctl_day_format(tl->docs[c1].dct.earliest, d);
		assert_string_equal(d, "2017-07-08");
		ctl_day_format(tl->docs[c1].dct.latest, d);
		assert_string_equal(d, "2017-07-14");
		ctl_timeline_free(tl);
	}
}

static char *result_json(const ctl_resources *res, const ctl_document *doc, ctl_workspace *ws)
{
	ctl_doc_result *r = NULL;
	ctl_error err;
	ctl_error_clear(&err);
	if (ctl_extract_document_ws(&r, res, doc, ws, &err))
		fail_msg("%s", err.msg);
	char *json = NULL;
	if (ctl_doc_result_to_json(&json, r, &err))
		fail_msg("%s", err.msg);
	ctl_doc_result_free(r);
	return json;
}

/* A workspace kept across documents (its word cache filled by one, used
 * by the next, emptied when full) changes no result: each document's
 * result is the same as extracted alone. */
static void test_workspace_same_results(void **state)
{
	ctl_resources *res = *state;
	static const char *const seeds[] = {
		"000_53e12349ee943d46.txt", "001_a868eae481f18e53.txt", "002_bc849348ce8e31ef.txt",
		"003_e83a1a70aa5813d0.txt", "004_e1287d59b61e8f81.txt",
	};
	size_t nseeds = sizeof(seeds) / sizeof(seeds[0]);
	/* an article naming 40,000 different people, four a sentence: more
	 * words than the cache keeps, so it empties itself part-way */
	size_t nwords = 40000, cap = nwords * 20 + 256, len = 0;
	char *big = malloc(cap);
	assert_non_null(big);
	len += (size_t)snprintf(big, cap, "Many names\n\n");
	for (size_t i = 0; i < nwords; i++) {
		char w[8];
		size_t v = i;
		for (int k = 0; k < 4; k++, v /= 26)
			w[k] = (char)((k ? 'a' : 'A') + v % 26);
		w[4] = '\0';
		static const char *const glue[] = { ", ", " and ", " met ", " in Vienna on Monday.\n" };
		len += (size_t)snprintf(big + len, cap - len, "%s%s", w, glue[i % 4]);
	}
	big[len] = '\0';
	ctl_workspace *ws = ctl_workspace_new();
	/* the seeds, the long article, the seeds again */
	for (int round = 0; round < 2; round++) {
		for (size_t i = 0; i < nseeds + (round == 0); i++) {
			ctl_document *doc = i < nseeds ? test_seed(res, seeds[i]) : test_doc(res, big);
			char *alone = result_json(res, doc, NULL);
			char *shared = result_json(res, doc, ws);
			if (strcmp(alone, shared))
				fail_msg("round %d, document %zu: the workspace changed the result", round, i);
			free(alone);
			free(shared);
			ctl_document_free(doc);
		}
	}
	ctl_workspace_free(ws);
	free(big);
}

/* The partial JSON is written directly, not through cJSON, but must be
 * what cJSON_PrintUnformatted gives for the same tree (docs/partial.md):
 * each result, parsed and printed again by cJSON, is the same bytes. The
 * texts hold what JSON escapes: quotes, a backslash, a tab, non-ASCII. */
static void test_partial_json_is_cjson_unformatted(void **state)
{
	ctl_resources *res = *state;
	static const char *const seeds[] = {
		"000_53e12349ee943d46.txt", "002_bc849348ce8e31ef.txt", "004_e1287d59b61e8f81.txt",
	};
	const char *odd = "Odd \"quotes\" \\ and\ttabs \xc3\xa9t\xc3\xa9\n\n"
		"PARIS, March 3, 2021 (Reuters) - Anna \"Ann\" Weber met Omar Haddad\tin Vienna "
		"on Monday, a C:\\ path said. Weber resigned on 2 March 2021.\n";
	size_t nseeds = sizeof(seeds) / sizeof(seeds[0]);
	for (size_t i = 0; i <= nseeds; i++) {
		ctl_document *doc = i < nseeds ? test_seed(res, seeds[i]) : test_doc(res, odd);
		char *json = result_json(res, doc, NULL);
		cJSON *tree = cJSON_Parse(json);
		assert_non_null(tree);
		assert_true(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(tree, "candidates")) > 0);
		char *again = cJSON_PrintUnformatted(tree);
		if (strcmp(json, again))
			fail_msg("document %zu: the written partial differs from cJSON's:\n%s\n%s",
				i, json, again);
		if (i == nseeds)
			assert_non_null(strstr(json, "\\\"Ann\\\""));
		cJSON_free(again);
		cJSON_Delete(tree);
		free(json);
		ctl_document_free(doc);
	}
}

/* A run of text without a sentence end (a list joined by commas), cut by
 * the segmenter at 4,096 bytes: each candidate event cites the clause
 * around its trigger, with the two people named there, not the whole run
 * and everyone in it. */
static void test_long_run_cites_clauses(void **state)
{
	ctl_resources *res = *state;
	static const char *const people[] = { "Anna Weber", "Omar Haddad", "John Whitfield",
		"Maria Gonzalez", "Li Wei", "Ines Holm" };
	char *text = malloc(16384);
	assert_non_null(text);
	size_t n = (size_t)snprintf(text, 16384, "Meetings\n\n");
	for (int i = 0; i < 120; i++)
		n += (size_t)snprintf(text + n, 16384 - n, "%s met %s in Vienna on March %d, and ",
			people[i % 6], people[(i + 1) % 6], 1 + i % 28);
	n += (size_t)snprintf(text + n, 16384 - n, "that was all.\n");
	assert_true(n > 5000);
	ctl_document *doc = test_doc(res, text);
	ctl_day d;
	assert_int_equal(ctl_day_parse("2020-03-31", 10, &d), 0);
	ctl_document_set_dct(doc, d, "user");
	char *json = result_json(res, doc, NULL);
	cJSON *top = cJSON_Parse(json);
	const cJSON *cands = cJSON_GetObjectItemCaseSensitive(top, "candidates");
	assert_true(cJSON_GetArraySize(cands) >= 100);
	const cJSON *c;
	cJSON_ArrayForEach(c, cands) {
		const cJSON *sent = cJSON_GetObjectItemCaseSensitive(c, "sentence");
		const char *src = cJSON_GetArrayItem(sent, 2)->valuestring;
		assert_true(strlen(src) < 700);
		assert_non_null(strstr(src, "met"));
		/* the clause's own two people, at most: none from elsewhere */
		const cJSON *ms = cJSON_GetObjectItemCaseSensitive(c, "mentions");
		assert_true(cJSON_GetArraySize(ms) <= 2);
		const cJSON *m;
		cJSON_ArrayForEach(m, ms) {
			int ms0 = cJSON_GetArrayItem(m, 0)->valueint;
			int ss0 = cJSON_GetArrayItem(sent, 0)->valueint, se0 = cJSON_GetArrayItem(sent, 1)->valueint;
			assert_true(ms0 >= ss0 && ms0 < se0);
		}
	}
	cJSON_Delete(top);
	free(json);
	ctl_document_free(doc);
	free(text);
}

static const char *const seed_names[] = {
	"000_53e12349ee943d46.txt", "001_a868eae481f18e53.txt", "002_bc849348ce8e31ef.txt",
	"003_e83a1a70aa5813d0.txt", "004_e1287d59b61e8f81.txt",
};
#define NSEEDS (sizeof(seed_names) / sizeof(seed_names[0]))

static char *timeline_json(ctl_extractor *x)
{
	ctl_timeline *tl = NULL;
	ctl_error err;
	ctl_error_clear(&err);
	if (ctl_extractor_finish(x, &tl, &err))
		fail_msg("%s", err.msg);
	char *json = NULL;
	if (ctl_timeline_to_json(&json, tl, &err))
		fail_msg("%s", err.msg);
	ctl_timeline_free(tl);
	return json;
}

static void *free_results(void *arg)
{
	ctl_doc_result **r = arg;
	for (size_t i = 0; i < NSEEDS; i++)
		ctl_doc_result_free(r[i]);
	return NULL;
}

/* ctl_extractor_absorb_result takes what the timeline keeps out of a
 * result: the results freed (on another thread, as extract -j frees them
 * on their workers) before the extractor finishes, the timeline is the
 * same as with ctl_extractor_add_result (under AddressSanitizer: nothing
 * the extractor kept pointed into a result). */
static void test_absorb_then_free_elsewhere(void **state)
{
	ctl_resources *res = *state;
	ctl_error err;
	ctl_error_clear(&err);
	ctl_extractor *added = ctl_extractor_new(res), *absorbed = ctl_extractor_new(res);
	ctl_doc_result *kept[NSEEDS];
	for (size_t i = 0; i < NSEEDS; i++) {
		ctl_document *doc = test_seed(res, seed_names[i]);
		ctl_doc_result *a = NULL, *b = NULL;
		if (ctl_extract_document_ws(&a, res, doc, NULL, &err) ||
		    ctl_extract_document_ws(&b, res, doc, NULL, &err))
			fail_msg("%s", err.msg);
		ctl_document_free(doc);
		ctl_extractor_add_result(added, a);
		ctl_extractor_absorb_result(absorbed, b);
		kept[i] = b;
	}
	pthread_t th;
	assert_int_equal(pthread_create(&th, NULL, free_results, kept), 0);
	assert_int_equal(pthread_join(th, NULL), 0);
	char *ja = timeline_json(added), *jb = timeline_json(absorbed);
	assert_true(strlen(ja) > 1000); /* events and actors, not an empty timeline */
	assert_string_equal(ja, jb);
	free(ja);
	free(jb);
	ctl_extractor_free(added);
	ctl_extractor_free(absorbed);
}

static int setup(void **state)
{
	*state = test_resources();
	return 0;
}

static int teardown(void **state)
{
	ctl_resources_free(*state);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dated_and_statements),
		cmocka_unit_test(test_clauses_and_speakers),
		cmocka_unit_test(test_titles),
		cmocka_unit_test(test_chronology),
		cmocka_unit_test(test_general_news),
		cmocka_unit_test(test_said_and_since),
		cmocka_unit_test(test_dateline_with_date),
		cmocka_unit_test(test_markup_left_in_text),
		cmocka_unit_test(test_undated_article),
		cmocka_unit_test(test_undated_weekday_before_fact),
		cmocka_unit_test(test_passive_adverbs_and_clauses),
		cmocka_unit_test(test_date_in_what_was_said),
		cmocka_unit_test(test_acting_report),
		cmocka_unit_test(test_present_schedule),
		cmocka_unit_test(test_report_with_object),
		cmocka_unit_test(test_decimal_point),
		cmocka_unit_test(test_counted_and_relative_subjects),
		cmocka_unit_test(test_merge_across_articles),
		cmocka_unit_test(test_loose_date_does_not_bridge),
		cmocka_unit_test(test_workspace_same_results),
		cmocka_unit_test(test_absorb_then_free_elsewhere),
		cmocka_unit_test(test_long_run_cites_clauses),
		cmocka_unit_test(test_partial_json_is_cjson_unformatted),
		cmocka_unit_test(test_period_of_forecast),
		cmocka_unit_test(test_clause_titles),
		cmocka_unit_test(test_lead_present_perfect),
		cmocka_unit_test(test_clause_subjects),
		cmocka_unit_test(test_taking_effect),
		cmocka_unit_test(test_relative_and_possessive_speakers),
		cmocka_unit_test(test_past_verbs),
		cmocka_unit_test(test_chronology_lines),
		cmocka_unit_test(test_chronology_present_and_clauses),
		cmocka_unit_test(test_hearing_and_relative_title),
		cmocka_unit_test(test_born_and_comma_dates),
		cmocka_unit_test(test_unnamed_subjects),
		cmocka_unit_test(test_sport_dates),
		cmocka_unit_test(test_colon_quote_title),
		cmocka_unit_test(test_chronology_year_carries),
		cmocka_unit_test(test_future_verbs),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
