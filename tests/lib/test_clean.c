/*
 * Cleaning: the seeds' page furniture (the gold file's "noise" list) is
 * dropped, their article paragraphs and headlines kept; small made-up pages
 * exercise one rule each.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <cjson/cJSON.h>
#include "helpers.h"
#include "document_internal.h"
#include "resources.h"

#define MAX_PHRASES 8
/* Some seeds put U+00A0 (UTF-8 C2 A0) between words: phrases spell it out. */

typedef struct seed_case {
	const char *file;
	const char *title;
	const char *kept[MAX_PHRASES];     /* phrases of the article's paragraphs */
	const char *dropped[MAX_PHRASES];  /* furniture beyond the gold noise list */
} seed_case;

static const seed_case seeds[] = {
	{ "000_53e12349ee943d46.txt",
	  "Russian minister suggests Moscow and Washington team up to fight cyber crime",
	  { "DAVOS, January 24. /TASS/. Russian Minister of Communications",
	    "I would recommend trying to investigate hackers",
	    "It is difficult to track down hackers, Nikiforov said",
	    "the \"legend of Russian hackers\" also emerged",
	    "Digital Geneva Convention", NULL },
	  { "Read also", "Show more", "Most read", "Russian Politics & Diplomacy",
	    "1 pages in this article", "Реклама", "Four Russians killed", NULL } },
	{ "001_a868eae481f18e53.txt",
	  "Russia Ready to Discuss With US Whole Rage of Cybersecurity Issues",
	  { "said that Moscow is ready to discuss the whole rage",
	    "told the Kommersant newspaper in\xc2\xa0" "interview published Wednesday",
	    "[The political hacking topic] is not a taboo",
	    "We have now renewed this proposal",
	    "issued a direct denial of\xc2\xa0" "the allegations", NULL },
	  { "gives interview - Sputnik International", "Subscribe", "Newsfeed",
	    "log in or register", "Заголовок", NULL } },
	{ "002_bc849348ce8e31ef.txt",
	  "Lavrov confirms joint Russian-US cyber security unit will be set up",
	  { "BRUSSELS, July 12. /TASS/. Russian Foreign Minister Sergey Lavrov",
	    "I outlined our assessment immediately after our meeting",
	    "I was there, unlike many others",
	    "bilateral working group on information security",
	    "the so-called suicide networks", NULL },
	  { "Putin and Trump discuss anti-terror efforts", "Back to Main page",
	    "Kremlin derides", "MAKS air show", "Persons", NULL } },
	{ "003_e83a1a70aa5813d0.txt",
	  "US seeking Moscow's cooperation to fight cyber crimes, says Russian Security Council",
	  { "has stated that US ministration is calling for Russian cooperation",
	    "REvil hackers have been detained",
	    "In dition, Medvedev also expressed his views",
	    "Furrmore, he underscored",
	    "threatened to impose sanctions against Russia", NULL },
	  { "Reported by", "Advertisement", "Image: AP/Pixabay", "share", NULL } },
	{ "004_e1287d59b61e8f81.txt",
	  "Russia, US in Talks on Joint Cybersecurity Unit's Establishment",
	  { "are in talks on establishment of a cybersecurity group",
	    "During their talks, Trump showed support",
	    "There is no need to\xc2\xa0" "overdramatize the working process",
	    "A preliminary answer has been given to\xc2\xa0" "them the next day",
	    "They fell silent", NULL },
	  { "CC0 / Pixabay", "Supported Idea of US-Russia Cybersecurity Unit",
	    "Left: Russian Foreign Minister Sergei Lavrov", "Subscribe", NULL } },
};
#define NSEEDS (sizeof(seeds) / sizeof(seeds[0]))

static ctl_resources *res;

static int setup(void **state)
{
	(void)state;
	res = test_resources();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	ctl_resources_free(res);
	return 0;
}

static size_t count_kind(const ctl_document *doc, int kind)
{
	size_t n = 0;
	for (size_t i = 0; i < doc->nlines; i++)
		n += doc->lines[i].kind == kind;
	return n;
}

/* The line holding `needle` (the first one), or NULL. */
static const ctl_line *line_with(const ctl_document *doc, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = 0; i < doc->nlines; i++) {
		const ctl_line *l = &doc->lines[i];
		for (uint32_t p = l->start; p + n <= l->end; p++)
			if (!memcmp(doc->text + p, needle, n))
				return l;
	}
	return NULL;
}

static const char *reason_of(const ctl_document *doc, const char *needle)
{
	const ctl_line *l = line_with(doc, needle);
	if (!l)
		fail_msg("no line holds '%s'", needle);
	return l->kind == CTL_LINE_FURNITURE ? l->reason : "(kept)";
}

static void test_seed_noise_dropped(void **state)
{
	(void)state;
	size_t len;
	char *data = test_read_file(CTL_TEST_DATA "/seeds.gold.json", &len);
	cJSON *gold = cJSON_ParseWithLength(data, len);
	free(data);
	assert_non_null(gold);
	const cJSON *noise = cJSON_GetObjectItemCaseSensitive(gold, "noise");
	assert_true(cJSON_IsArray(noise));
	size_t checked = 0;
	for (size_t s = 0; s < NSEEDS; s++) {
		ctl_document *doc = test_seed(res, seeds[s].file);
		const cJSON *item;
		cJSON_ArrayForEach(item, noise) {
			assert_true(cJSON_IsString(item));
			if (!test_contains(doc, item->valuestring))
				continue;
			checked++;
			if (test_kept(doc, item->valuestring))
				fail_msg("%s: noise kept: '%s'", seeds[s].file, item->valuestring);
		}
		ctl_document_free(doc);
	}
	assert_true(checked >= 20);   /* the list is about these pages */
	cJSON_Delete(gold);
}

static void test_seed_body_and_title(void **state)
{
	(void)state;
	for (size_t s = 0; s < NSEEDS; s++) {
		const seed_case *c = &seeds[s];
		ctl_document *doc = test_seed(res, c->file);
		for (size_t k = 0; k < MAX_PHRASES && c->kept[k]; k++) {
			if (!test_contains(doc, c->kept[k]))
				fail_msg("%s: test phrase not in the page: '%s'", c->file, c->kept[k]);
			if (!test_kept(doc, c->kept[k]))
				fail_msg("%s: body phrase dropped (%s): '%s'", c->file,
					reason_of(doc, c->kept[k]), c->kept[k]);
			const ctl_line *l = line_with(doc, c->kept[k]);
			assert_int_equal(l->kind, CTL_LINE_BODY);
		}
		for (size_t k = 0; k < MAX_PHRASES && c->dropped[k]; k++) {
			if (!test_contains(doc, c->dropped[k]))
				fail_msg("%s: test phrase not in the page: '%s'", c->file, c->dropped[k]);
			if (test_kept(doc, c->dropped[k]))
				fail_msg("%s: furniture kept: '%s'", c->file, c->dropped[k]);
		}
		assert_int_equal(count_kind(doc, CTL_LINE_TITLE), 1);
		assert_non_null(doc->title);
		assert_string_equal(doc->title, c->title);
		/* every dropped line says why; kept lines have no reason */
		for (size_t i = 0; i < doc->nlines; i++) {
			const ctl_line *l = &doc->lines[i];
			if (l->kind == CTL_LINE_FURNITURE)
				assert_non_null(l->reason);
			else
				assert_null(l->reason);
			if (l->kind == CTL_LINE_BLANK)
				for (uint32_t p = l->start; p < l->end; p++)
					assert_true(doc->text[p] == ' ' || doc->text[p] == '\t');
		}
		ctl_document_free(doc);
	}
}

/* A page with a headline, two article paragraphs and `middle` between them;
 * `before` and `after` go above the headline and below the article. */
static ctl_document *page(const char *before, const char *middle, const char *after)
{
	char buf[4096];
	snprintf(buf, sizeof(buf),
		"%s"
		"City council approves the new bridge over the river\n"
		"\n"
		"The city council said on Monday that it had approved the plan for a new bridge over the river, which will be built next year.\n"
		"\n"
		"%s"
		"\n"
		"Officials added that the work on the bridge would start as soon as the money had been set aside by the regional government.\n"
		"\n"
		"%s",
		before, middle, after);
	return test_doc(res, buf);
}

static void assert_article_kept(const ctl_document *doc)
{
	assert_true(test_kept(doc, "The city council said on Monday"));
	assert_true(test_kept(doc, "Officials added that the work"));
	assert_non_null(doc->title);
	assert_string_equal(doc->title, "City council approves the new bridge over the river");
}

static void test_menu_block(void **state)
{
	(void)state;
	ctl_document *doc = page("Home\nWorld\nBusiness\nScience & Space\nSport\nWeather\n\n", "", "");
	assert_article_kept(doc);
	assert_false(test_kept(doc, "Business"));
	assert_false(test_kept(doc, "Science & Space"));
	assert_string_equal(reason_of(doc, "Science & Space"), "menu");
	ctl_document_free(doc);
}

/* The article of page() without its headline, for tests that vary what
 * stands above it. */
static const char *const body =
	"The city council said on Monday that it had approved the plan for a new bridge over the river, which will be built next year.\n"
	"\n"
	"Officials added that the work on the bridge would start as soon as the money had been set aside by the regional government.\n";

/* Each of tops[] above the article: the article and its headline kept. */
static void assert_tops_kept(const char *const *tops, size_t n)
{
	char buf[2048];
	for (size_t i = 0; i < n; i++) {
		snprintf(buf, sizeof(buf), "%s%s", tops[i], body);
		ctl_document *doc = test_doc(res, buf);
		assert_article_kept(doc);
		assert_true(test_kept(doc, "City council approves the new bridge"));
		ctl_document_free(doc);
	}
}

/* A headline right under a short menu or a "Subscribe" line, or right
 * above its date line, is the headline; the last line of a long menu is
 * not. */
static void test_headline_under_menu_or_over_date(void **state)
{
	(void)state;
	static const char *const tops[] = {
		"Menu Search\nCity council approves the new bridge over the river\n\n",
		"Home | World | Business | Markets | Tech\nSubscribe now\n"
		"City council approves the new bridge over the river\n\n",
		"Home\nWorld\nBusiness\nScience\nSport\nWeather\n\n"
		"City council approves the new bridge over the river\n"
		"Updated March 25, 2008, 8:22 a.m. ET\n\n",
		"Skip to content\nCity Homepage\nNews Sport Weather\n"
		"City council approves the new bridge over the river\n\n",
		"Menu\nCity council approves the new bridge over the river\n\n"
		"By Anna Weber and Omar Haddad\nPublished July 17, 2018\n\n",
	};
	assert_tops_kept(tops, sizeof(tops) / sizeof(tops[0]));
	char buf[2048];
	snprintf(buf, sizeof(buf), "Home\nWorld\nBusiness\nScience\nGo to the search page\n\n%s", body);
	ctl_document *doc = test_doc(res, buf);
	assert_true(test_kept(doc, "The city council said on Monday"));
	assert_true(doc->title == NULL || strcmp(doc->title, "Go to the search page"));
	ctl_document_free(doc);
	/* a byline is no headline; a paragraph opening with "By" is text */
	snprintf(buf, sizeof(buf), "Menu\nCity council approves the new bridge over the river\n\n"
		"By Anna Weber and Omar Haddad\nPublished July 17, 2018\n\n%s\n"
		"By 2030, the council said, the bridge would carry most of the traffic.\n", body);
	doc = test_doc(res, buf);
	assert_string_equal(reason_of(doc, "By Anna Weber"), "byline");
	assert_true(test_kept(doc, "By 2030, the council said"));
	ctl_document_free(doc);
	/* a byline with the author's address after a bar is no menu row, and
	 * the headline above it ends there */
	snprintf(buf, sizeof(buf), "The Daily Courier\nLocal | Courts | Politics | Sport\n\nCOURTS\n"
		"City council approves the new bridge over the river\n"
		"By Anna Weber | aweber@example.com\nUpdated: 07/17/2018 6:52 p.m.\n\n%s\n", body);
	doc = test_doc(res, buf);
	assert_string_equal(reason_of(doc, "By Anna Weber"), "byline");
	assert_non_null(doc->title);
	assert_string_equal(doc->title, "City council approves the new bridge over the river");
	ctl_document_free(doc);
	/* a headline under a section's label, its standfirst under it; a
	 * list of headlines is no headline over its next entry */
	snprintf(buf, sizeof(buf), "The Daily Courier\nNews | Politics | Obituaries\n\nObituaries\n"
		"Eileen Carrow obituary\n"
		"Labour MP for a northern seat who championed pensioners' rights and later sat in the House of Lords\n\n"
		"Fri 22 Jan 2021 17.40 GMT\n\n%s\n\nMost read\n"
		"Council fined after data leak\nBridge tolls to rise next year as the council looks for money to fix the old bridge\n\n", body);
	doc = test_doc(res, buf);
	assert_non_null(doc->title);
	assert_string_equal(doc->title, "Eileen Carrow obituary");
	assert_true(test_kept(doc, "Labour MP for a northern seat"));
	assert_false(test_kept(doc, "Council fined after data leak"));
	ctl_document_free(doc);
}

/* Menu rows and breadcrumbs standing alone between blank lines, a section
 * name the menu lists, a label over the headline and a consent banner are
 * no headline; the site's name after a bar is not part of it. */
static void test_menu_rows_labels_and_consent(void **state)
{
	(void)state;
	static const char *const tops[] = {
		"Home | News | Sport\n\nWorld | Africa | Asia | Latin America | US & Canada\n\n"
		"City council approves the new bridge over the river\n\n",
		"Home | World | Regions\n\nWorld News > Regions\n\nLIVE\n"
		"City council approves the new bridge over the river\n\nTuesday 17 September 2024\n\n",
		"Politics | Economy | The Long Read\n\nThe Long Read\n\n"
		"City council approves the new bridge over the river\n\n",
		"This site uses cookies to deliver a better experience. Continue to use this site if you agree. [OK] [Learn more]\n\n"
		"BUSINESS | Consumer\n\nCity council approves the new bridge over the river\n\n",
		"City council approves the new bridge over the river | Daily Courier\n\n",
		"We value your privacy. We and our partners use cookies to personalise content and ads, and to analyse our traffic.\n\n"
		"City council approves the new bridge over the river\n\n",
		"THE LONG READ\n\nCity council approves the new bridge over the river\n\n",
		"The Daily Courier\n\nNews | Local | Politics | Sport\n\n"
		"City council approves the new bridge over the river\n\n",
	};
	assert_tops_kept(tops, sizeof(tops) / sizeof(tops[0]));
	char buf[2048];
	snprintf(buf, sizeof(buf), "%s%s", tops[3], body);
	ctl_document *doc = test_doc(res, buf);
	assert_string_equal(reason_of(doc, "This site uses cookies"), "consent");
	assert_string_equal(reason_of(doc, "BUSINESS | Consumer"), "menu");
	ctl_document_free(doc);
	/* the author's biography after the article, under the byline's name */
	snprintf(buf, sizeof(buf), "%sBy Danielle Ferrier, National Affairs Reporter\n\n%s\n"
		"Danielle Ferrier covers national affairs from Ottawa. She previously reported for the Regina Tribune.\n",
		tops[0], body);
	doc = test_doc(res, buf);
	assert_string_equal(reason_of(doc, "Danielle Ferrier covers"), "byline");
	assert_article_kept(doc);
	ctl_document_free(doc);
	/* a newsletter box: its name goes with its sign-up line (its tagline,
	 * a sentence, stays: a page without blank lines is one block) */
	snprintf(buf, sizeof(buf), "%s%s\nHEALTH BRIEFING\n"
		"The week's most important stories on Europe's health industry, every Friday.\n"
		"[Your email address] [Sign me up]\n"
		"By signing up you agree to our Terms and Privacy Notice.\n", tops[0], body);
	doc = test_doc(res, buf);
	assert_string_equal(reason_of(doc, "HEALTH BRIEFING"), "subscribe");
	ctl_document_free(doc);
	/* a banner under its own label */
	snprintf(buf, sizeof(buf), "Cookies: We and our partners use cookies to improve your experience. [OK] [Learn more]\n\n"
		"City council approves the new bridge over the river\n\n%s", body);
	doc = test_doc(res, buf);
	assert_string_equal(reason_of(doc, "Cookies: We and"), "consent");
	ctl_document_free(doc);
	/* a headline that asks a question; a most-read list of the week */
	snprintf(buf, sizeof(buf), "Home | News | Politics\n\n"
		"Bridge vote: what is the row about and will the council approve it?\n\n%s\n"
		"Most read this week\n- Mayor opens new library on Tuesday\n- Council fined after data leak last month\n", body);
	doc = test_doc(res, buf);
	assert_non_null(doc->title);
	assert_string_equal(doc->title, "Bridge vote: what is the row about and will the council approve it?");
	assert_false(test_kept(doc, "Mayor opens new library"));
	assert_false(test_kept(doc, "Council fined after"));
	ctl_document_free(doc);
	/* a bar of trending headlines under its label is no headline */
	snprintf(buf, sizeof(buf), "Accept | Reject | Settings\n\n"
		"TRENDING: Fireworks barge catches fire on the river | Late win for the home side | Lane closures\n\n"
		"LOCAL NEWS\n\nCity council approves the new bridge over the river\n\n%s", body);
	doc = test_doc(res, buf);
	assert_string_equal(reason_of(doc, "TRENDING: Fireworks"), "menu");
	assert_non_null(doc->title);
	assert_string_equal(doc->title, "City council approves the new bridge over the river");
	ctl_document_free(doc);
}

/* A breadcrumb with slashes is no headline; a banner opening with a
 * pictograph, and the text between two of its lines, are the banner's;
 * "[Image]"/"[PHOTO]" captions, a share row and "About the author" with
 * the biography under it are furniture. */
static void test_slashes_pictographs_and_author(void **state)
{
	(void)state;
	static const char *const tops[] = {
		"Home / Security / Data breaches\n\nCity council approves the new bridge over the river\n\n",
		"\xf0\x9f\x8d\xaa We value your privacy\n"
		"We and our 500 partners store and access information on your device, such as cookies. By clicking Accept you consent to this.\n"
		"[Accept all]   [Reject all]\n\n"
		"City council approves the new bridge over the river\n\n",
	};
	assert_tops_kept(tops, sizeof(tops) / sizeof(tops[0]));
	char buf[2048];
	snprintf(buf, sizeof(buf), "%s%s", tops[1], body);
	ctl_document *doc = test_doc(res, buf);
	assert_string_equal(reason_of(doc, "We and our 500 partners"), "consent");
	ctl_document_free(doc);
	doc = page("", "[PHOTO] The new bridge seen from the river on Monday. Picture: Anna Weber\n\n"
		"Share this article:  f  X  WhatsApp  Copy link\n",
		"ABOUT THE AUTHOR\n"
		"Anna Weber is the Courier's city reporter. She joined the paper in 2015 and has covered the council since.\n");
	assert_article_kept(doc);
	assert_string_equal(reason_of(doc, "[PHOTO] The new bridge"), "credit");
	assert_string_equal(reason_of(doc, "Share this article:"), "share");
	assert_string_equal(reason_of(doc, "ABOUT THE AUTHOR"), "byline");
	assert_string_equal(reason_of(doc, "Anna Weber is the Courier"), "byline");
	ctl_document_free(doc);
	/* the site's name over a tagline and the menu is the page's site */
	snprintf(buf, sizeof(buf), "NORDIC PULSE\nFinland in English\nNews | Politics | Business | Culture\n\n"
		"City council approves the new bridge over the river\n\n%s", body);
	doc = test_doc(res, buf);
	assert_article_kept(doc);
	assert_non_null(doc->site);
	assert_string_equal(doc->site, "NORDIC PULSE");
	ctl_document_free(doc);
	doc = page("", "", "");
	assert_null(doc->site);
	ctl_document_free(doc);
	/* a newsletter offer; a copyright notice in the middle of a line */
	doc = page("", "Subscribe to the Courier Daily Briefing for the top stories every morning.\n",
		"Courierwise is part of Lumen Media. (c) 2025 Lumen Media, Inc. All rights reserved.\n");
	assert_article_kept(doc);
	assert_string_equal(reason_of(doc, "Subscribe to the Courier"), "subscribe");
	assert_string_equal(reason_of(doc, "Courierwise is part of"), "credit");
	ctl_document_free(doc);
}

/* A chronology's entries ("• October 2021 – Trial opens at the ...") are
 * text, however short and capitalised, even under a heading after the
 * article (but not "Shots on target: 6 – 4"); every entry of a "Read also" list
 * with the same bullet is a teaser, not only the first. */
static void test_chronology_and_read_also_list(void **state)
{
	(void)state;
	ctl_document *doc = page("",
		"Timeline\n"
		"• 14 May 2019 – Officers search the agency's headquarters\n"
		"• October 2021 – Trial Opens At The City Court\n",
		"Read also:\n"
		"- Mayor Opens New Library In The Old Town\n"
		"- Council Fined After Data Leak Last Month\n"
		"- Bridge Tolls To Rise Next Year\n");
	assert_article_kept(doc);
	assert_true(test_kept(doc, "October 2021"));
	assert_true(test_kept(doc, "14 May 2019"));
	assert_string_equal(reason_of(doc, "- Mayor Opens"), "after-read-also");
	assert_string_equal(reason_of(doc, "- Council Fined"), "after-read-also");
	assert_string_equal(reason_of(doc, "- Bridge Tolls"), "after-read-also");
	ctl_document_free(doc);
	/* a chronology after the article under a heading of its own, each
	 * entry short; lines of match statistics with a dash are none */
	doc = page("", "", "Key dates\n"
		"2013 – Founded in a converted mill in Leeds\n"
		"21 September 2021 – Postpones IPO, citing market volatility\n"
		"12 November 2021 – Shares start trading; close at 366p\n"
		"\n"
		"Possession: Harbury 54% – 46% Kelsfield\n"
		"Shots on target: 6 – 4\n");
	assert_article_kept(doc);
	assert_true(test_kept(doc, "2013 – Founded"));
	assert_true(test_kept(doc, "21 September 2021 – Postpones"));
	assert_true(test_kept(doc, "12 November 2021 – Shares"));
	assert_true(line_with(doc, "21 September 2021 – Postpones")->chrono);
	assert_false(line_with(doc, "The city council said on Monday")->chrono);
	assert_false(test_kept(doc, "Possession:"));
	assert_false(test_kept(doc, "Shots on target"));
	ctl_document_free(doc);
	/* ... or with a colon after each date; a clock's colon is none */
	doc = page("", "", "TIMELINE\n"
		"- 9 Sept 2024: Company informs CERT-In\n"
		"- 12 Sept 2024: Hollow Lynx claims attack\n"
		"\n"
		"Kick-off: 19:45 BST\n"
		"Score at 10:30: 2 - 1\n");
	assert_true(line_with(doc, "9 Sept 2024: Company")->chrono);
	assert_true(line_with(doc, "12 Sept 2024: Hollow")->chrono);
	assert_false(test_kept(doc, "Kick-off"));
	assert_false(test_kept(doc, "Score at"));
	ctl_document_free(doc);
	/* a year alone over its entries is the chronology's heading, not a
	 * list's number */
	doc = page("", "", "Timeline: key events\n"
		"\n"
		"2023: The rocket's maiden flight fails on March 7 after an ignition problem.\n"
		"2024\n"
		"Jan. 5 — The agency sets a launch window of late August to mid-September 2024.\n"
		"Aug. 27 — First launch attempt aborted after a valve pressure anomaly.\n");
	assert_true(test_kept(doc, "Jan. 5 — The agency"));
	const ctl_line *year = NULL;
	for (size_t i = 0; i < doc->nlines && !year; i++)
		if (doc->lines[i].end - doc->lines[i].start == 4 &&
		    !memcmp(doc->text + doc->lines[i].start, "2024", 4))
			year = &doc->lines[i];
	assert_non_null(year);
	assert_int_equal(year->kind, CTL_LINE_BODY);
	ctl_document_free(doc);
	/* a "Most popular" list's numbered entries, before a long line */
	doc = page("", "", "MOST POPULAR\n"
		"1. Review: The new folding phone is finally worth it\n"
		"2. The best headphones for 2024\n"
		"3. Why your fridge needs a firmware update\n"
		"\n"
		"Get the Courier Daily, the city news that matters to you and your family, every weekday morning in your inbox.\n");
	assert_article_kept(doc);
	assert_string_equal(reason_of(doc, "1. Review"), "list-item");
	assert_string_equal(reason_of(doc, "2. The best"), "list-item");
	assert_string_equal(reason_of(doc, "3. Why your"), "list-item");
	ctl_document_free(doc);
}

/* A hard-wrapped page whose caption's first sentence ends where a line
 * was cut: the break kept there may lie inside the paragraph (ctl_line
 * soft), and the caption's credit takes the sentence with it; a credit
 * whose name holds runs of spaces (blanked-out markup) is one too. */
static void test_wrapped_caption(void **state)
{
	(void)state;
	ctl_document *doc = test_doc(res,
		"City council approves the new bridge over the river\n"
		"\n"
		"The city council said on Monday that it had approved the plan for a new\n"
		"bridge over the river, which will be built next year after a long debate\n"
		"between the parties of the council and the residents of the old town.\n"
		"\n"
		"Officials added that the work on the bridge would start as soon as the\n"
		"money had been set aside by the regional government, and that the old\n"
		"ferry would run until the bridge opened to traffic in the spring.\n"
		"\n"
		"The regional transport committee approved a budget Thursday for ferries.\n"
		"Critics say it is \"a bridge too far\" - Riverside   News    Agency\n"
		"\n"
		"Residents of the old town said they had waited for the bridge for\n"
		"decades and hoped that the work would not disturb the market that is\n"
		"held on the square every week during the summer months.\n");
	assert_true(doc->wrap_width > 0);
	assert_true(test_kept(doc, "Officials added that the work"));
	assert_string_equal(reason_of(doc, "Critics say it is"), "caption");
	assert_string_equal(reason_of(doc, "The regional transport committee"), "caption");
	ctl_document_free(doc);
}

/* A caption before the article and a wire service's footer after it. */
static void test_caption_and_wire_footer(void **state)
{
	(void)state;
	ctl_document *doc = page("Image caption, The council met in the town hall on Monday\n\n", "",
		"Reporting by Anna Weber; Editing by Omar Haddad\n"
		"Our Standards: The Trust Principles.\n");
	assert_article_kept(doc);
	assert_string_equal(reason_of(doc, "Image caption,"), "credit");
	assert_string_equal(reason_of(doc, "Reporting by Anna Weber"), "byline");
	assert_string_equal(reason_of(doc, "Our Standards"), "credit");
	ctl_document_free(doc);
	/* a caption ending with its bracketed credit, a copyright notice, a
	 * source line and a newsletter's offer */
	doc = page("Delegates arrive for talks at a hotel on Monday [Jane Doe/Agency]\n\n", "",
		"Copyright 2024 The Daily Courier. All Rights Reserved.\n"
		"Source: The Daily Courier and news agencies\n"
		"Get a daily digest of the news straight to your inbox with our newsletter. Sign up here.\n"
		"[Workers rally outside the plant earlier this month. PHOTO BY JANE DOE /The Daily Courier]\n"
		"\xe2\x80\x94 With files from The Daily Courier\n"
		"Courier writer Ana Ruiz in Springfield contributed to this report.\n");
	assert_article_kept(doc);
	assert_string_equal(reason_of(doc, "Delegates arrive"), "caption");
	assert_string_equal(reason_of(doc, "Copyright 2024"), "credit");
	assert_string_equal(reason_of(doc, "Source: The Daily"), "credit");
	assert_string_equal(reason_of(doc, "Get a daily digest"), "subscribe");
	assert_string_equal(reason_of(doc, "[Workers rally"), "caption");
	assert_string_equal(reason_of(doc, "With files from"), "credit");
	assert_string_equal(reason_of(doc, "contributed to this report"), "credit");
	ctl_document_free(doc);
	/* text about copyright stays */
	doc = page("", "Copyright lawyers said on Monday that the ruling would be appealed before the supreme court next year.\n", "");
	assert_true(test_kept(doc, "Copyright lawyers said"));
	ctl_document_free(doc);
}

/* A brief of two sentences full of names has no good paragraph: its
 * near-good sentences are the article, not furniture. */
static void test_brief_without_good_paragraph(void **state)
{
	(void)state;
	ctl_document *doc = test_doc(res, "Talks end\n\nBEIJING, Oct 22, 2024 - Chinese spokesman Lin Jian "
		"said on Tuesday that talks went well. Dutch coach Mark van Dijk met Chinese President "
		"Xi Jinping on Monday.\n");
	assert_true(test_kept(doc, "BEIJING, Oct 22, 2024"));
	ctl_document_free(doc);
}

static void test_numbered_most_read(void **state)
{
	(void)state;
	ctl_document *doc = page("", "",
		"Most read\n"
		"1\n"
		"Mayor opens the new library in the old town\n"
		"2\n"
		"Storm leaves thousands without power across the region\n"
		"3\n"
		"Local team wins the cup after a dramatic final\n");
	assert_article_kept(doc);
	assert_false(test_kept(doc, "Most read"));
	assert_false(test_kept(doc, "Mayor opens"));
	assert_false(test_kept(doc, "Storm leaves thousands"));
	assert_false(test_kept(doc, "Local team wins"));
	assert_string_equal(reason_of(doc, "Storm leaves thousands"), "list-item");
	ctl_document_free(doc);
}

static void test_caption_site_suffix(void **state)
{
	(void)state;
	ctl_document *doc = page("",
		"Workers inspect the old bridge in the city centre on Monday, March 3, 2019 - Some Site\n"
		"A cyclist crosses the river at dawn \xe2\x80\x94 City News Agency\n", "");
	assert_article_kept(doc);
	assert_false(test_kept(doc, "Workers inspect"));
	assert_string_equal(reason_of(doc, "Workers inspect"), "caption");
	assert_false(test_kept(doc, "A cyclist crosses"));
	ctl_document_free(doc);
}

static void test_template_placeholder(void **state)
{
	(void)state;
	ctl_document *doc = page("", "{{item.date}}\n{% if more %}\n", "");
	assert_article_kept(doc);
	assert_string_equal(reason_of(doc, "{{item.date}}"), "template");
	assert_string_equal(reason_of(doc, "{% if more %}"), "template");
	ctl_document_free(doc);
}

static void test_other_script(void **state)
{
	(void)state;
	ctl_document *doc = page("", "\xd0\xa0\xd0\xb5\xd0\xba\xd0\xbb\xd0\xb0\xd0\xbc\xd0\xb0\n",
		"\xd0\x9e\xd0\x9a\n");
	assert_article_kept(doc);
	assert_string_equal(reason_of(doc, "\xd0\xa0\xd0\xb5\xd0\xba"), "other-script");
	assert_string_equal(reason_of(doc, "\xd0\x9e\xd0\x9a"), "other-script");
	ctl_document_free(doc);
}

/* A page in another script: its lines in Latin letters, or in a third
 * script, are the other script there (the page's letters are counted by
 * script; a line's are counted again in the page's script). */
static void test_other_script_on_a_cyrillic_page(void **state)
{
	(void)state;
	const char *text =
		"\xd0\x9f\xd0\xb5\xd1\x80\xd0\xb5\xd0\xb3\xd0\xbe\xd0\xb2\xd0\xbe\xd1\x80\xd1\x8b "
		"\xd0\xb2\xd0\xbe\xd0\xb7\xd0\xbe\xd0\xb1\xd0\xbd\xd0\xbe\xd0\xb2\xd0\xb8\xd0\xbb\xd0\xb8\xd1\x81\xd1\x8c\n"
		"Read in English\n"
		"\xd0\x94\xd0\xb5\xd0\xbb\xd0\xb5\xd0\xb3\xd0\xb0\xd1\x86\xd0\xb8\xd0\xb8 \xd0\xb4\xd0\xb2\xd1\x83\xd1\x85 "
		"\xd1\x81\xd1\x82\xd1\x80\xd0\xb0\xd0\xbd \xd0\xb2\xd1\x81\xd1\x82\xd1\x80\xd0\xb5\xd1\x82\xd0\xb8\xd0\xbb\xd0\xb8\xd1\x81\xd1\x8c "
		"\xd0\xb2\xd0\xbe \xd0\xb2\xd1\x82\xd0\xbe\xd1\x80\xd0\xbd\xd0\xb8\xd0\xba.\n"
		"\xce\x95\xce\xbb\xce\xbb\xce\xb7\xce\xbd\xce\xb9\xce\xba\xce\xac\n";
	ctl_document *doc = test_doc(res, text);
	assert_string_equal(reason_of(doc, "Read in English"), "other-script");
	assert_string_equal(reason_of(doc, "\xce\x95\xce\xbb"), "other-script");
	/* a Cyrillic line is not: whatever else drops it, not its script */
	const char *r = reason_of(doc, "\xd0\x94\xd0\xb5\xd0\xbb");
	assert_true(strcmp(r, "other-script") != 0);
	ctl_document_free(doc);
}

static void test_read_also_teaser(void **state)
{
	(void)state;
	ctl_document *doc = page("",
		"Read also\n\nMinisters to discuss new funding for regional transport projects\n", "");
	assert_article_kept(doc);
	assert_string_equal(reason_of(doc, "Read also"), "read-also");
	assert_string_equal(reason_of(doc, "Ministers to discuss"), "after-read-also");
	ctl_document_free(doc);
}

static void test_title_case_headline_and_credits(void **state)
{
	(void)state;
	ctl_document *doc = page("",
		"\xc2\xa9 Reuters / John Doe\n"
		"Image: AP | Image: self\n"
		"Senators Draft Bill to Block Funding for Regional Bridges\n"
		"  \xe2\x80\xa2 share\n"
		"Advertisement\n", "");
	assert_article_kept(doc);
	assert_string_equal(reason_of(doc, "Reuters / John Doe"), "credit");
	assert_string_equal(reason_of(doc, "Image: AP"), "credit");
	assert_string_equal(reason_of(doc, "Senators Draft Bill"), "related-headline");
	assert_string_equal(reason_of(doc, "share"), "share");
	assert_string_equal(reason_of(doc, "Advertisement"), "advert");
	ctl_document_free(doc);
}

static void test_context_keeps_inner_lines(void **state)
{
	(void)state;
	/* a subheading and a short quote between good paragraphs are kept, even
	 * across an advertisement slot; a standfirst under the headline too */
	ctl_document *doc = test_doc(res,
		"Home\nNews\nSport\n\n"
		"City council approves the new bridge over the river\n\n"
		"The bridge will link the old town with the new business district\n\n"
		"Share\n\n"
		"The city council said on Monday that it had approved the plan for a new bridge over the river, which will be built next year.\n\n"
		"Advertisement\n\n"
		"Money for the work\n\n"
		"Officials added that the work on the bridge would start as soon as the money had been set aside by the regional government.\n\n"
		"\"It is a good day,\" he said.\n\n"
		"Comments\n"
		"Log in or register\n");
	assert_article_kept(doc);
	assert_true(test_kept(doc, "The bridge will link the old town"));
	assert_true(test_kept(doc, "Money for the work"));
	assert_true(test_kept(doc, "It is a good day"));
	assert_false(test_kept(doc, "Comments"));
	assert_false(test_kept(doc, "Sport"));
	ctl_document_free(doc);
}

/* A live page's day headings are kept wherever they stand (under a box of
 * key events, over an entry's clock), the entries under them speaking
 * from that day; a short line that only starts like one is not. */
static void test_live_page_day_headings(void **state)
{
	(void)state;
	ctl_document *doc = test_doc(res,
		"Strike shuts banks and airports - live updates\n"
		"Last updated: 14 May 2024, 6:05pm\n\n"
		"Key events\n- Talks to resume Thursday\n- Flights cancelled\n\n"
		"Tuesday 14 May\n\n"
		"11:30\nFlights cancelled\n\n"
		"The airline has cancelled all its domestic flights after aviation unions shut down the terminals in the capital.\n\n"
		"Monday 13 May\n\n"
		"06:30\nStrike begins\n\n"
		"The indefinite general strike declared by the unions began at midnight, after their ultimatum expired without a new wage deal.\n\n"
		"Monday 13 May protest photos\n\n"
		"Share this live blog\n");
	assert_true(test_kept(doc, "Tuesday 14 May"));
	assert_true(test_kept(doc, "Monday 13 May"));
	assert_false(test_kept(doc, "Monday 13 May protest photos"));
	assert_false(test_kept(doc, "Key events"));
	ctl_document_free(doc);
}

static void test_timestamp_and_links(void **state)
{
	(void)state;
	ctl_document *doc = page("Published 14:04 IST, March 3rd 2019\n\n", "https://example.org/bridge-story\n",
		"Updated 2019-03-04\n");
	assert_article_kept(doc);
	assert_string_equal(reason_of(doc, "Published 14:04"), "timestamp");
	assert_string_equal(reason_of(doc, "https://example.org"), "link");
	assert_false(test_kept(doc, "Updated 2019-03-04"));
	ctl_document_free(doc);
}

static void test_degenerate_pages(void **state)
{
	(void)state;
	ctl_document *doc = test_doc(res, "");
	assert_null(doc->title);
	assert_int_equal(doc->nsentences, 0);
	ctl_document_free(doc);
	doc = test_doc(res, "\n  \n\t\n");
	assert_null(doc->title);
	assert_int_equal(count_kind(doc, CTL_LINE_BLANK), doc->nlines);
	ctl_document_free(doc);
	/* a headline with its body and no blank line; cleaning twice is stable */
	doc = test_doc(res, "Bridge plan approved\nThe city council said on Monday that it had approved the plan for a new bridge.");
	assert_non_null(doc->title);
	assert_string_equal(doc->title, "Bridge plan approved");
	assert_true(test_kept(doc, "The city council said"));
	ctl_error err;
	ctl_error_clear(&err);
	assert_int_equal(ctl_clean(doc, res, &err), 0);
	assert_string_equal(doc->title, "Bridge plan approved");
	ctl_document_free(doc);
	/* no standalone headline: the first line, unless it opens a menu */
	doc = test_doc(res, "Bridge plan approved by council\nBy John Smith\n"
		"The city council said on Monday that it had approved the plan for a new bridge.");
	assert_non_null(doc->title);
	assert_string_equal(doc->title, "Bridge plan approved by council");
	ctl_document_free(doc);
	doc = test_doc(res, "Home and garden pages\nWorld news today\nBusiness and money\n"
		"The city council said on Monday that it had approved the plan for a new bridge.");
	assert_null(doc->title);
	assert_false(test_kept(doc, "Home and garden"));
	assert_true(test_kept(doc, "The city council said"));
	ctl_document_free(doc);
}

/* A data directory whose clean/cues.tsv holds `cues` and, unless
 * `stopwords` is NULL, clean/stopwords.tsv holds `stopwords`; the rest is
 * linked to the project's data. Returns the directory (static buffer). */
static const char *data_dir_with(const char *cues, const char *stopwords)
{
	static char dir[256];
	char path[512], target[512];
	snprintf(dir, sizeof(dir), "/tmp/ctl-test-clean-XXXXXX");
	assert_non_null(mkdtemp(dir));
	const char *subs[] = { "segment", "time", "dct", "events", "actors", NULL };
	for (size_t i = 0; subs[i]; i++) {
		snprintf(target, sizeof(target), "%s/%s", CTL_DATA_DIR, subs[i]);
		snprintf(path, sizeof(path), "%s/%s", dir, subs[i]);
		struct stat st;
		if (stat(target, &st) == 0)
			assert_int_equal(symlink(target, path), 0);
	}
	snprintf(path, sizeof(path), "%s/clean", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	snprintf(target, sizeof(target), "%s/clean/stopwords.tsv", CTL_DATA_DIR);
	snprintf(path, sizeof(path), "%s/clean/stopwords.tsv", dir);
	if (stopwords) {
		FILE *f = fopen(path, "w");
		assert_non_null(f);
		fputs(stopwords, f);
		fclose(f);
	} else {
		assert_int_equal(symlink(target, path), 0);
	}
	snprintf(path, sizeof(path), "%s/clean/cues.tsv", dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(cues, f);
	fclose(f);
	return dir;
}

static const char *data_dir_with_cues(const char *cues)
{
	return data_dir_with(cues, NULL);
}

static void remove_data_dir(const char *dir)
{
	char path[512];
	const char *names[] = { "segment", "time", "dct", "events", "actors",
		"clean/stopwords.tsv", "clean/cues.tsv", "clean", NULL };
	for (size_t i = 0; names[i]; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		remove(path);
	}
	rmdir(dir);
}

static void test_bad_cue_file(void **state)
{
	(void)state;
	const char *bad[] = {
		"share\tline\tshare\n",                  /* too few fields */
		"share\twhole\tshare\tinline\n",         /* unknown match */
		"share\tline\tshare\tsomewhere\n",       /* unknown scope */
		"share\tline\tsharing\tinline\n",        /* unknown reason */
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *dir = data_dir_with_cues(bad[i]);
		ctl_resources *r = NULL;
		ctl_error err;
		ctl_error_clear(&err);
		assert_int_equal(ctl_resources_new(&r, dir, &err), CTL_EDATA);
		assert_null(r);
		assert_non_null(strstr(err.msg, "cues.tsv:1:"));
		remove_data_dir(dir);
	}
}

/* What cleaning decided, line by line, and the headline. */
static void same_cleaning(const ctl_document *a, const ctl_document *b, const char *what)
{
	assert_int_equal(a->nlines, b->nlines);
	for (size_t i = 0; i < a->nlines; i++)
		if (a->lines[i].kind != b->lines[i].kind ||
		    strcmp(a->lines[i].reason ? a->lines[i].reason : "",
		           b->lines[i].reason ? b->lines[i].reason : ""))
			fail_msg("%s: line %zu: kind %d (%s) against %d (%s)", what, i,
				(int)a->lines[i].kind, a->lines[i].reason ? a->lines[i].reason : "",
				(int)b->lines[i].kind, b->lines[i].reason ? b->lines[i].reason : "");
	assert_true((a->title == NULL) == (b->title == NULL));
	if (a->title)
		assert_string_equal(a->title, b->title);
}

/* The cleaner's stopword memo, kept from page to page by a workspace,
 * answers as the lists do: one memo through the seeds and back gives
 * what a fresh ctl_clean gives each page, and with resources whose
 * stopword list differs it forgets what the other list said. */
static void test_stopword_memo_across_pages(void **state)
{
	(void)state;
	ctl_stop_memo *memo = ctl_stop_memo_new();
	ctl_error err;
	ctl_error_clear(&err);
	for (size_t round = 0; round < 2; round++)
		for (size_t k = 0; k < NSEEDS; k++) {
			size_t i = round ? NSEEDS - 1 - k : k;
			ctl_document *fresh = test_seed(res, seeds[i].file);
			ctl_document *doc = test_seed(res, seeds[i].file);
			assert_int_equal(ctl_clean_memo(doc, res, memo, &err), 0);
			same_cleaning(fresh, doc, seeds[i].file);
			ctl_document_free(fresh);
			ctl_document_free(doc);
		}

	/* other lists: no stopword at all, so running prose reads as labels */
	const char *dir = data_dir_with("", "# none\n");
	ctl_resources *none = NULL;
	assert_int_equal(ctl_resources_new(&none, dir, &err), 0);
	ctl_document *with = test_seed(res, seeds[0].file);
	ctl_document *without = test_seed(none, seeds[0].file);
	size_t differ = 0;
	for (size_t i = 0; i < with->nlines; i++)
		differ += with->lines[i].kind != without->lines[i].kind;
	assert_true(differ > 0); /* else the check below could not fail */
	ctl_document *doc = test_seed(res, seeds[0].file);
	assert_int_equal(ctl_clean_memo(doc, none, memo, &err), 0);
	same_cleaning(without, doc, "with the other stopword list");
	ctl_document_free(with);
	ctl_document_free(without);
	ctl_document_free(doc);
	ctl_resources_free(none);
	remove_data_dir(dir);
	ctl_stop_memo_free(memo);
}

/* A workspace may outlive the resources it was used with: one loaded
 * later, even at the same address (the allocator reuses freed memory), is
 * not taken for the old one. Before each load had its own identity, the
 * stopword memo kept answering from the freed list. */
static ctl_document *raw_seed(const char *name)
{
	char path[1024];
	snprintf(path, sizeof(path), "%s/%s", CTL_SEEDS_DIR, name);
	ctl_document *doc = NULL;
	ctl_error err;
	ctl_error_clear(&err);
	if (ctl_document_read(&doc, path, NULL, &err))
		fail_msg("%s", err.msg);
	return doc;
}

static void test_workspace_outlives_resources(void **state)
{
	(void)state;
	ctl_error err;
	ctl_error_clear(&err);
	const char *dir = data_dir_with("", "# none\n");
	ctl_workspace *ws = ctl_workspace_new();
	bool same_address = false;
	for (int round = 0; round < 4 && !same_address; round++) {
		ctl_resources *full = NULL, *none = NULL;
		assert_int_equal(ctl_resources_new(&full, CTL_DATA_DIR, &err), 0);
		ctl_document *doc = raw_seed(seeds[0].file);
		assert_int_equal(ctl_document_analyze_ws(doc, full, ws, &err), 0);
		ctl_document_free(doc);
		const void *old = full->clean;
		ctl_resources_free(full);
		assert_int_equal(ctl_resources_new(&none, dir, &err), 0);
		same_address = (const void *)none->clean == old;
		ctl_document *fresh = raw_seed(seeds[0].file);
		ctl_document *kept = raw_seed(seeds[0].file);
		assert_int_equal(ctl_document_analyze(fresh, none, &err), 0);
		assert_int_equal(ctl_document_analyze_ws(kept, none, ws, &err), 0);
		same_cleaning(fresh, kept, "after the resources were freed and others loaded");
		ctl_document_free(fresh);
		ctl_document_free(kept);
		ctl_resources_free(none);
	}
	/* under AddressSanitizer freed memory is quarantined: the check above
	 * then only compares results */
	print_message("new resources %s at the freed ones' address\n",
		same_address ? "were loaded" : "were never loaded");
	ctl_workspace_free(ws);
	remove_data_dir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seed_noise_dropped),
		cmocka_unit_test(test_seed_body_and_title),
		cmocka_unit_test(test_menu_block),
		cmocka_unit_test(test_brief_without_good_paragraph),
		cmocka_unit_test(test_caption_and_wire_footer),
		cmocka_unit_test(test_slashes_pictographs_and_author),
		cmocka_unit_test(test_chronology_and_read_also_list),
		cmocka_unit_test(test_wrapped_caption),
		cmocka_unit_test(test_headline_under_menu_or_over_date),
		cmocka_unit_test(test_menu_rows_labels_and_consent),
		cmocka_unit_test(test_numbered_most_read),
		cmocka_unit_test(test_caption_site_suffix),
		cmocka_unit_test(test_template_placeholder),
		cmocka_unit_test(test_other_script),
		cmocka_unit_test(test_other_script_on_a_cyrillic_page),
		cmocka_unit_test(test_read_also_teaser),
		cmocka_unit_test(test_title_case_headline_and_credits),
		cmocka_unit_test(test_context_keeps_inner_lines),
		cmocka_unit_test(test_live_page_day_headings),
		cmocka_unit_test(test_timestamp_and_links),
		cmocka_unit_test(test_degenerate_pages),
		cmocka_unit_test(test_bad_cue_file),
		cmocka_unit_test(test_stopword_memo_across_pages),
		cmocka_unit_test(test_workspace_outlives_resources),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
