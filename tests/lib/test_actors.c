/*
 * Actors: the seeds' gold actors (tests/data/seeds.gold.json: all found
 * with their type, every alias in its actor, no noise an actor), then the
 * rules one by one on made-up names.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "helpers.h"
#include "actors_internal.h"

static const char *const seed_files[] = {
	"000_53e12349ee943d46.txt", "001_a868eae481f18e53.txt", "002_bc849348ce8e31ef.txt",
	"003_e83a1a70aa5813d0.txt", "004_e1287d59b61e8f81.txt",
};
#define NSEEDS (sizeof(seed_files) / sizeof(seed_files[0]))

/* --- helpers ------------------------------------------------------------------ */

/* A document in the layout the rules are tested on: line 1 its headline,
 * every other non-blank line one sentence (independent of the cleaner). */
static ctl_document *layout_doc(const ctl_resources *res, const char *text)
{
	ctl_document *doc = test_doc(res, text);
	free(doc->sentences);
	doc->sentences = malloc((doc->nlines + 1) * sizeof(ctl_span));
	assert_non_null(doc->sentences);
	doc->nsentences = 0;
	for (size_t i = 0; i < doc->nlines; i++) {
		ctl_line *l = &doc->lines[i];
		bool blank = l->end == l->start;
		l->kind = blank ? CTL_LINE_BLANK : i == 0 ? CTL_LINE_TITLE : CTL_LINE_BODY;
		if (!blank && i > 0)
			doc->sentences[doc->nsentences++] = (ctl_span){ l->start, l->end };
	}
	return doc;
}

/* The mentions of one text laid out as above (caller releases). */
static ctl_mention_list find(const ctl_resources *res, const char *text)
{
	ctl_document *doc = layout_doc(res, text);
	ctl_mention_list ml;
	ctl_mention_list_init(&ml);
	ctl_error err;
	ctl_error_clear(&err);
	assert_int_equal(ctl_mentions_find(&ml, res, doc, &err), 0);
	ctl_document_free(doc);
	return ml;
}

static const ctl_mention *mention_named(const ctl_mention_list *ml, const char *name)
{
	for (size_t i = 0; i < ml->len; i++)
		if (!strcmp(ml->items[i].name, name))
			return &ml->items[i];
	return NULL;
}

/* Actors of several texts, added in the order given (caller frees). */
static ctl_timeline *actors_of(const ctl_resources *res, const char *const *texts, size_t n)
{
	ctl_extractor *x = ctl_extractor_new(res);
	ctl_error err;
	ctl_error_clear(&err);
	for (size_t i = 0; i < n; i++) {
		char path[32];
		ctl_document *doc = layout_doc(res, texts[i]);
		snprintf(path, sizeof(path), "doc%zu", i);
		free(doc->id);
		doc->id = strdup(path);
		assert_int_equal(ctl_extractor_add(x, doc, &err), 0);
		ctl_document_free(doc);
	}
	ctl_timeline *tl = NULL;
	assert_int_equal(ctl_extractor_finish(x, &tl, &err), 0);
	ctl_extractor_free(x);
	return tl;
}

static bool actor_has_name(const ctl_actor *a, const char *name)
{
	if (!strcmp(a->name, name))
		return true;
	for (size_t i = 0; i < a->naliases; i++)
		if (!strcmp(a->aliases[i], name))
			return true;
	return false;
}

static const ctl_actor *actor_named(const ctl_timeline *tl, const char *name)
{
	for (size_t i = 0; i < tl->nactors; i++)
		if (actor_has_name(&tl->actors[i], name))
			return &tl->actors[i];
	return NULL;
}

/* --- the seeds --------------------------------------------------------------- */

static bool word_at(const char *t, size_t len, size_t p, size_t n)
{
	bool before = p == 0 || !((t[p - 1] >= 'a' && t[p - 1] <= 'z') ||
	                          (t[p - 1] >= 'A' && t[p - 1] <= 'Z'));
	bool after = p + n >= len || !((t[p + n] >= 'a' && t[p + n] <= 'z') ||
	                               (t[p + n] >= 'A' && t[p + n] <= 'Z'));
	return before && after;
}

static bool kept_at(const ctl_document *doc, size_t p, size_t n)
{
	for (size_t i = 0; i < doc->nlines; i++) {
		const ctl_line *l = &doc->lines[i];
		if ((l->kind == CTL_LINE_BODY || l->kind == CTL_LINE_TITLE) && p >= l->start && p + n <= l->end)
			return true;
	}
	return false;
}

static void test_seeds(void **state)
{
	(void)state;
	ctl_resources *res = test_resources();
	char path[1024];
	snprintf(path, sizeof(path), "%s/seeds.gold.json", CTL_TEST_DATA);
	char *gj = test_read_file(path, NULL);
	cJSON *gold = cJSON_Parse(gj);
	assert_non_null(gold);

	ctl_document *docs[NSEEDS];
	ctl_mention_list ml[NSEEDS];
	ctl_extractor *x = ctl_extractor_new(res);
	ctl_error err;
	ctl_error_clear(&err);
	for (size_t i = 0; i < NSEEDS; i++) {
		docs[i] = test_seed(res, seed_files[i]);
		ctl_mention_list_init(&ml[i]);
		assert_int_equal(ctl_mentions_find(&ml[i], res, docs[i], &err), 0);
		assert_int_equal(ctl_extractor_add(x, docs[i], &err), 0);
	}
	ctl_timeline *tl = NULL;
	assert_int_equal(ctl_extractor_finish(x, &tl, &err), 0);
	ctl_extractor_free(x);

	size_t found = 0, split = 0, noise = 0, ngold = 0;
	const cJSON *ga;
	cJSON_ArrayForEach(ga, cJSON_GetObjectItemCaseSensitive(gold, "actors")) {
		ngold++;
		const char *name = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(ga, "name"));
		const char *type = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(ga, "type"));
		const ctl_actor *a = actor_named(tl, name);
		if (!a || strcmp(ctl_actor_type_name(a->type), type)) {
			print_message("gold actor %s (%s): %s\n", name, type,
				a ? ctl_actor_type_name(a->type) : "not found");
			continue;
		}
		found++;
		size_t ai = (size_t)(a - tl->actors);
		/* every occurrence of the name or an alias in the kept text lands
		 * in this actor (or is a place: "met in Moscow") */
		const cJSON *al = cJSON_GetObjectItemCaseSensitive(ga, "aliases");
		for (int k = -1; k < cJSON_GetArraySize(al); k++) {
			const char *s = k < 0 ? name : cJSON_GetStringValue(cJSON_GetArrayItem(al, k));
			size_t n = strlen(s);
			for (size_t d = 0; d < NSEEDS; d++) {
				const ctl_document *doc = docs[d];
				for (const char *p = strstr(doc->text, s); p; p = strstr(p + 1, s)) {
					size_t off = (size_t)(p - doc->text);
					if (!word_at(doc->text, doc->len, off, n) || !kept_at(doc, off, n))
						continue;
					bool ok = false, place = false;
					for (size_t m = 0; m < a->nmentions; m++)
						ok |= a->mentions[m].doc == d && a->mentions[m].start < off + n &&
						      off < a->mentions[m].end;
					for (size_t m = 0; m < ml[d].len; m++)
						place |= ml[d].items[m].role == CTL_MENTION_PLACE &&
						         ml[d].items[m].start < off + n && off < ml[d].items[m].end;
					if (!ok && !place) {
						split++;
						print_message("%s: '%s' at %zu is not in actor %s (a%zu)\n",
							seed_files[d], s, off, name, ai + 1);
					}
				}
			}
		}
	}
	const cJSON *nz;
	cJSON_ArrayForEach(nz, cJSON_GetObjectItemCaseSensitive(gold, "noise")) {
		const char *s = cJSON_GetStringValue(nz);
		for (size_t i = 0; i < tl->nactors; i++) {
			const ctl_actor *a = &tl->actors[i];
			bool hit = strstr(a->name, s) != NULL;
			for (size_t k = 0; k < a->naliases; k++)
				hit |= strstr(a->aliases[k], s) != NULL;
			if (hit) {
				noise++;
				print_message("noise '%s' is actor %s\n", s, a->name);
			}
		}
	}
	print_message("seeds: %zu/%zu gold actors found, %zu split, %zu noise\n", found, ngold, split, noise);
	assert_int_equal(ngold, 14);
	assert_int_equal(found, ngold);
	assert_int_equal(split, 0);
	assert_int_equal(noise, 0);

	for (size_t i = 0; i < NSEEDS; i++) {
		ctl_mention_list_release(&ml[i]);
		ctl_document_free(docs[i]);
	}
	ctl_timeline_free(tl);
	cJSON_Delete(gold);
	free(gj);
	ctl_resources_free(res);
}

/* The same documents in any order: the same actors, names and ids. */
static void test_seeds_order(void **state)
{
	(void)state;
	ctl_resources *res = test_resources();
	ctl_timeline *tl[2];
	for (int r = 0; r < 2; r++) {
		ctl_extractor *x = ctl_extractor_new(res);
		ctl_error err;
		ctl_error_clear(&err);
		for (size_t k = 0; k < NSEEDS; k++) {
			size_t i = r ? NSEEDS - 1 - k : (k * 2) % NSEEDS;
			ctl_document *doc = test_seed(res, seed_files[i]);
			assert_int_equal(ctl_extractor_add(x, doc, &err), 0);
			ctl_document_free(doc);
		}
		assert_int_equal(ctl_extractor_finish(x, &tl[r], &err), 0);
		ctl_extractor_free(x);
	}
	assert_int_equal(tl[0]->nactors, tl[1]->nactors);
	for (size_t i = 0; i < tl[0]->nactors; i++) {
		const ctl_actor *a = &tl[0]->actors[i], *b = &tl[1]->actors[i];
		assert_string_equal(a->id, b->id);
		assert_string_equal(a->name, b->name);
		assert_int_equal(a->type, b->type);
		assert_int_equal(a->nmentions, b->nmentions);
		assert_int_equal(a->naliases, b->naliases);
		for (size_t k = 0; k < a->naliases; k++)
			assert_string_equal(a->aliases[k], b->aliases[k]);
	}
	ctl_timeline_free(tl[0]);
	ctl_timeline_free(tl[1]);
	ctl_resources_free(res);
}

/* --- the rules, on made-up names ------------------------------------------------ */

static void test_title_stripped(void **state)
{
	(void)state;
	ctl_resources *res = test_resources();
	ctl_mention_list ml = find(res,
		"Talks resume\n"
		"Norwegian Deputy Foreign Minister Marek Zolotnik said on Tuesday that talks would resume.\n"
		"The country's Minister of Fisheries and Coastal Affairs Ingrid Haldorsen agreed.\n"
		"Later, spokesman Tomas Vredeling declined to comment, as did Mr Quibble.\n"
		"Leftist Marta Quillon won the vote, and the Conservative Party conceded.\n");
	const ctl_mention *m = mention_named(&ml, "Marek Zolotnik");
	assert_non_null(m);
	assert_int_equal(m->type, CTL_ACTOR_PERSON);
	assert_string_equal(m->title, "Deputy Foreign Minister");
	assert_true(m->ext_start < m->start); /* the phrase starts at "Norwegian" */
	m = mention_named(&ml, "Ingrid Haldorsen");
	assert_non_null(m);
	assert_string_equal(m->title, "Minister of Fisheries and Coastal Affairs");
	m = mention_named(&ml, "Tomas Vredeling");
	assert_non_null(m);
	assert_string_equal(m->title, "spokesman");
	m = mention_named(&ml, "Quibble");
	assert_non_null(m);
	assert_int_equal(m->type, CTL_ACTOR_PERSON);
	assert_null(mention_named(&ml, "Norwegian Deputy Foreign Minister Marek Zolotnik"));
	/* a label opening the sentence ("Leftist") is a title before a given
	 * name, and stays part of a name otherwise */
	m = mention_named(&ml, "Marta Quillon");
	assert_non_null(m);
	assert_int_equal(m->type, CTL_ACTOR_PERSON);
	assert_string_equal(m->title, "Leftist");
	assert_null(mention_named(&ml, "Leftist Marta Quillon"));
	m = mention_named(&ml, "Conservative Party");
	assert_non_null(m);
	assert_int_equal(m->type, CTL_ACTOR_ORGANIZATION);
	ctl_mention_list_release(&ml);
	/* a given name with accents the list spells without ("Siobhán",
	 * "Chloë"; given_names.tsv has Siobhan and Chloe) */
	ml = find(res, "Vote\nSiobhán Delaney said on Monday the vote was close, and Chloë Kreuzberger agreed.\n");
	m = mention_named(&ml, "Siobhán Delaney");
	assert_non_null(m);
	assert_int_equal(m->type, CTL_ACTOR_PERSON);
	m = mention_named(&ml, "Chloë Kreuzberger");
	assert_non_null(m);
	assert_int_equal(m->type, CTL_ACTOR_PERSON);
	ctl_mention_list_release(&ml);
	ctl_resources_free(res);
}

static void test_transliteration(void **state)
{
	(void)state;
	ctl_resources *res = test_resources();
	const char *texts[] = {
		"Ministers meet\nSergei Vostrikov met Nikolai Zubrin and Andrei Plotvin in the capital.\n"
		"Yuri Kamenev was not there.\n",
		"Ministers part\nSergey Vostrikov left; Nikolay Zubrin and Andrey Plotvin stayed.\n"
		"Yury Kamenev arrived late.\n",
	};
	ctl_timeline *tl = actors_of(res, texts, 2);
	const char *pairs[][2] = {
		{ "Sergei Vostrikov", "Sergey Vostrikov" }, { "Nikolai Zubrin", "Nikolay Zubrin" },
		{ "Andrei Plotvin", "Andrey Plotvin" }, { "Yuri Kamenev", "Yury Kamenev" },
	};
	for (size_t i = 0; i < 4; i++) {
		const ctl_actor *a = actor_named(tl, pairs[i][0]);
		assert_non_null(a);
		assert_ptr_equal(a, actor_named(tl, pairs[i][1]));
		assert_int_equal(a->type, CTL_ACTOR_PERSON);
		assert_int_equal(a->nmentions, 2);
	}
	ctl_timeline_free(tl);
	ctl_resources_free(res);
}

static void test_surname(void **state)
{
	(void)state;
	ctl_resources *res = test_resources();
	const char *texts[] = {
		("Fleet news\nAdmiral Gennady Plotvinsky inspected the fleet on Monday.\n"
		 "According to Plotvinsky, the ships are ready.\n"),
		"More fleet news\nThe inspection went well, Plotvinsky told reporters.\n",
		/* two people of one surname: each document's own */
		"Court\nJudge Anna Brekkel and her brother Piet Brekkel spoke.\n",
		"Court again\nThe ruling by Piet Brekkel stands, Brekkel said.\n",
	};
	ctl_timeline *tl = actors_of(res, texts, 4);
	const ctl_actor *a = actor_named(tl, "Gennady Plotvinsky");
	assert_non_null(a);
	assert_string_equal(a->name, "Gennady Plotvinsky");
	assert_int_equal(a->type, CTL_ACTOR_PERSON);
	assert_int_equal(a->nmentions, 3); /* the surname in another document joins too */
	const ctl_actor *p = actor_named(tl, "Piet Brekkel");
	assert_non_null(p);
	assert_int_equal(p->nmentions, 3); /* "Brekkel" in the document naming only Piet */
	ctl_timeline_free(tl);
	ctl_resources_free(res);
}

/* Surnames with a run of particles stay whole ("van der Berg", "de la
 * Cruz"); a role like "forward" before a name makes it a person; a compass
 * word before a demonym ("South American") names nobody; "the Food and
 * Drug Administration" is one name. */
static void test_particles_roles_compass(void **state)
{
	(void)state;
	ctl_resources *res = test_resources();
	ctl_mention_list ml = find(res,
		"Election result\n"
		"Centre-left candidate Lucía Fernández de la Cruz won the run-off in the South American nation.\n"
		"\"We will invest,\" said Sanne van der Berg, granddaughter of Hendrik van der Berg.\n"
		"Forward Thiago Almeida completed his move on Thursday.\n"
		"De la Cruz said the shelters were full.\n"
		"\"We went there to help,\" van Dijk said.\n"
		"The Food and Drug Administration approved the drug late Monday.\n"
		"A researcher at the Centre for Security Studies met the rebel Front for Renewal of the North at the Moscone Center.\n");
	const ctl_mention *m = mention_named(&ml, "Lucía Fernández de la Cruz");
	assert_non_null(m);
	assert_int_equal(m->type, CTL_ACTOR_PERSON);
	assert_non_null(mention_named(&ml, "Sanne van der Berg"));
	assert_non_null(mention_named(&ml, "Hendrik van der Berg"));
	assert_null(mention_named(&ml, "Cruz"));
	assert_null(mention_named(&ml, "Berg"));
	assert_null(mention_named(&ml, "South"));
	/* a surname with its particles, named alone */
	assert_non_null(mention_named(&ml, "De la Cruz"));
	assert_non_null(mention_named(&ml, "van Dijk"));
	assert_null(mention_named(&ml, "Dijk"));
	/* an agency named after its country is one name */
	ctl_mention_list ml2 = find(res, "Recall\nHealth Canada said on Tuesday that the units were unsafe.\n");
	m = mention_named(&ml2, "Health Canada");
	assert_non_null(m);
	assert_int_equal(m->type, CTL_ACTOR_ORGANIZATION);
	assert_null(mention_named(&ml2, "Canada"));
	ctl_mention_list_release(&ml2);
	/* "and" inside an institution's name after "the" */
	m = mention_named(&ml, "Food and Drug Administration");
	assert_non_null(m);
	assert_int_equal(m->type, CTL_ACTOR_ORGANIZATION);
	/* a place's head with a "for" complement is a body; a second
	 * complement after the first */
	m = mention_named(&ml, "Centre for Security Studies");
	assert_non_null(m);
	assert_int_equal(m->role, CTL_MENTION_ACTOR);
	assert_non_null(mention_named(&ml, "Front for Renewal of the North"));
	m = mention_named(&ml, "Moscone Center");
	assert_non_null(m);
	assert_int_equal(m->role, CTL_MENTION_PLACE);
	m = mention_named(&ml, "Thiago Almeida");
	assert_non_null(m);
	assert_int_equal(m->type, CTL_ACTOR_PERSON);
	ctl_mention_list_release(&ml);
	/* the actor is named in full, not by its surname of three words,
	 * however often the surname alone comes */
	const char *texts[] = { "Chief executive steps down\n"
		"Chief executive Maarten van der Linde will step down.\n"
		"Staff thanked van der Linde on Monday, and van der Linde thanked them.\n" };
	ctl_timeline *tl = actors_of(res, texts, 1);
	const ctl_actor *a = actor_named(tl, "van der Linde");
	assert_non_null(a);
	assert_string_equal(a->name, "Maarten van der Linde");
	ctl_timeline_free(tl);
	ctl_resources_free(res);
}

static void test_capital_and_place(void **state)
{
	(void)state;
	ctl_resources *res = test_resources();
	ctl_mention_list ml = find(res,
		"Envoys meet\n"
		"Canberra is ready to discuss the issue with Ottawa.\n"
		"The envoys met in Canberra on Monday, then in central Ottawa.\n");
	size_t actors = 0, places = 0;
	for (size_t i = 0; i < ml.len; i++) {
		const ctl_mention *m = &ml.items[i];
		if (m->role == CTL_MENTION_ACTOR) {
			actors++;
			assert_int_equal(m->type, CTL_ACTOR_COUNTRY);
			assert_non_null(m->resolved);
			assert_true(!strcmp(m->resolved, "Australia") || !strcmp(m->resolved, "Canada"));
		} else {
			places++;
		}
	}
	assert_int_equal(actors, 2);
	assert_int_equal(places, 2);
	ctl_mention_list_release(&ml);
	/* "the town of X": a place, not an organisation */
	ml = find(res,
		"Troops leave\n"
		"Freedonia withdrew its troops from the town of Norvik and the outskirts of Port Alba on Saturday.\n");
	const ctl_mention *m = mention_named(&ml, "Norvik");
	assert_non_null(m);
	assert_int_equal(m->role, CTL_MENTION_PLACE);
	m = mention_named(&ml, "Port Alba");
	assert_non_null(m);
	assert_int_equal(m->role, CTL_MENTION_PLACE);
	ctl_mention_list_release(&ml);
	ctl_resources_free(res);
}

/* A wire agency's tag in a dateline after the date or country, and the
 * site's name after the headline's bar, are no mentions: the agency filed
 * the report, it acts in none of its events. */
static void test_agency_tags(void **state)
{
	(void)state;
	ctl_resources *res = test_resources();
	static const char *const texts[] = {
		"Court voids state data deal with private firm | Reuters\n"
		"NAIROBI, March 5 (Reuters) - Freedonia's High Court on Tuesday voided a contract.\n",
		"Forward completes move to German club\n"
		"LISBON, Portugal (AP) \xe2\x80\x94 Brazil forward Thiago Almeida completed his move on Thursday.\n",
		/* a place the gazetteer does not know, its region, a dash */
		"Orbiter launched\n"
		"TANEGASHIMA, Kagoshima \xe2\x80\x94 Brazil forward Thiago Almeida watched the launch on Thursday.\n",
	};
	for (size_t k = 0; k < 3; k++) {
		ctl_mention_list ml = find(res, texts[k]);
		assert_null(mention_named(&ml, "Reuters"));
		assert_null(mention_named(&ml, "AP"));
		assert_null(mention_named(&ml, "TANEGASHIMA"));
		assert_non_null(mention_named(&ml, k ? "Thiago Almeida" : "Freedonia"));
		ctl_mention_list_release(&ml);
	}
	ctl_resources_free(res);
}

static void test_demonym(void **state)
{
	(void)state;
	ctl_resources *res = test_resources();
	ctl_mention_list ml = find(res,
		"Fishing dispute\n"
		"Norwegian authorities detained the trawler, and the Chilean government protested.\n"
		"Norwegian hackers and Chilean wine were not involved, the Icelanders said.\n");
	const ctl_mention *m = mention_named(&ml, "Norwegian");
	assert_non_null(m);
	assert_int_equal(m->type, CTL_ACTOR_COUNTRY);
	assert_string_equal(m->resolved, "Norway");
	m = mention_named(&ml, "Chilean");
	assert_non_null(m);
	assert_string_equal(m->resolved, "Chile");
	m = mention_named(&ml, "Icelanders"); /* "the Icelanders": the country */
	assert_non_null(m);
	assert_string_equal(m->resolved, "Iceland");
	size_t n = 0;
	for (size_t i = 0; i < ml.len; i++)
		n += ml.items[i].type == CTL_ACTOR_COUNTRY;
	assert_int_equal(n, 3); /* not "Norwegian hackers", not "Chilean wine" */
	ctl_mention_list_release(&ml);
	ctl_resources_free(res);
}

static void test_acronyms(void **state)
{
	(void)state;
	ctl_resources *res = test_resources();
	const char *texts[] = {
		"Quota talks\n"
		"The U.S. and the UK backed the Baltic Fisheries Council on Friday.\n"
		"The council's chief, speaking for the Nordic Salmon Authority (NSA2), agreed.\n"
		"US officials said the Baltic Fisheries Council would meet again.\n",
		"Quota talks again\nThe BFC said the quotas would stand, and the USA agreed.\n",
	};
	ctl_timeline *tl = actors_of(res, texts, 2);
	const ctl_actor *us = actor_named(tl, "United States");
	assert_non_null(us);
	assert_int_equal(us->type, CTL_ACTOR_COUNTRY);
	assert_true(actor_has_name(us, "U.S."));
	assert_true(actor_has_name(us, "US"));
	assert_true(actor_has_name(us, "USA"));
	const ctl_actor *uk = actor_named(tl, "United Kingdom");
	assert_non_null(uk);
	assert_true(actor_has_name(uk, "UK"));
	const ctl_actor *bfc = actor_named(tl, "Baltic Fisheries Council");
	assert_non_null(bfc);
	assert_int_equal(bfc->type, CTL_ACTOR_ORGANIZATION);
	assert_ptr_equal(bfc, actor_named(tl, "BFC")); /* the initials join the name */
	ctl_timeline_free(tl);
	ctl_resources_free(res);
}

static void test_possessive(void **state)
{
	(void)state;
	ctl_resources *res = test_resources();
	ctl_mention_list ml = find(res,
		"Budget row\n"
		"Canada's finance ministry rejected Helga Brunnhofer's plan and the Zorvex Group's offer.\n"
		"The Krennites' statement followed.\n");
	const ctl_mention *m = mention_named(&ml, "Canada");
	assert_non_null(m);
	assert_int_equal(m->end - m->start, 6);
	m = mention_named(&ml, "Helga Brunnhofer");
	assert_non_null(m);
	assert_int_equal(m->type, CTL_ACTOR_PERSON);
	m = mention_named(&ml, "Zorvex Group");
	assert_non_null(m);
	assert_int_equal(m->type, CTL_ACTOR_ORGANIZATION);
	assert_non_null(mention_named(&ml, "Krennites"));
	ctl_mention_list_release(&ml);
	ctl_resources_free(res);
}

/* A possessive inside an organisation's name is part of it ("Regional
 * People's Party", "Information Commissioner's Office", "Bristol
 * Magistrates' Court"); a name before a possessive stays a possessor
 * ("The Krennites' Zorvex Group", "Chile's Foreign Ministry"). */
static void test_possessive_in_name(void **state)
{
	(void)state;
	ctl_resources *res = test_resources();
	ctl_mention_list ml = find(res,
		"Coalition talks\n"
		"Talks went on for weeks in the provincial capital.\n"
		"The Regional People's Party met on Monday.\n"
		"The Information Commissioner's Office opened an inquiry.\n"
		"He will appear before Bristol Magistrates' Court on Monday.\n"
		"The Krennites' Zorvex Group said nothing.\n"
		"Chile's Foreign Ministry declined to comment.\n");
	const ctl_mention *m = mention_named(&ml, "Regional People's Party");
	assert_non_null(m);
	assert_int_equal(m->type, CTL_ACTOR_ORGANIZATION);
	assert_non_null(mention_named(&ml, "Information Commissioner's Office"));
	assert_non_null(mention_named(&ml, "Bristol Magistrates' Court"));
	assert_non_null(mention_named(&ml, "Zorvex Group"));
	assert_null(mention_named(&ml, "Krennites' Zorvex Group"));
	assert_non_null(mention_named(&ml, "Chile"));
	assert_non_null(mention_named(&ml, "Foreign Ministry"));
	ctl_mention_list_release(&ml);
	ctl_resources_free(res);
}

/* The word after a chronology's date and dash opens a sentence: a common
 * word there is not a name on its own ("October 2021 – Trial opens ..."). */
static void test_chronology_entry_start(void **state)
{
	(void)state;
	ctl_resources *res = test_resources();
	ctl_mention_list ml = find(res,
		"Timeline of the case\n"
		"Officials went through the files for weeks.\n"
		"• 14 May 2019 – Officers search the offices of Norvex Holdings\n"
		"• October 2021 – Trial opens at the Springfield Tribunal\n");
	/* at most tentative: only other articles writing it so make it a name */
	const ctl_mention *m = mention_named(&ml, "Trial");
	assert_true(!m || m->tentative);
	m = mention_named(&ml, "Officers");
	assert_true(!m || m->tentative);
	assert_non_null(mention_named(&ml, "Springfield Tribunal"));
	assert_non_null(mention_named(&ml, "Norvex Holdings"));
	ctl_mention_list_release(&ml);
	/* the first words of a compound adjective are no name; a hyphenated
	 * given name is one */
	ml = find(res,
		"Chipmaker reinstates its founder\n"
		"Officials went through the files for weeks.\n"
		"The San Jose-based maker of chips said Park Ji-hoon would return.\n");
	assert_null(mention_named(&ml, "San"));
	assert_non_null(mention_named(&ml, "Park Ji-hoon"));
	ctl_mention_list_release(&ml);
	/* a product line's word: a product's after a brand in mixed case, an
	 * airline's after a plain name; alone, no name */
	ml = find(res,
		"Strike grounds flights\n"
		"Officials went through the files for weeks.\n"
		"Cabin crew at Cambrian Air walked out, and the new MacBook Air went on sale.\n"
		"He wrote a memoir, Clearing the Air, in 2019.\n");
	const ctl_mention *air = mention_named(&ml, "Cambrian Air");
	assert_non_null(air);
	assert_int_equal(air->type, CTL_ACTOR_ORGANIZATION);
	assert_null(mention_named(&ml, "MacBook Air"));
	assert_null(mention_named(&ml, "Air"));
	ctl_mention_list_release(&ml);
	ctl_resources_free(res);
}

/* "the U.S. Food and Drug Administration": a country's name before an
 * institution named with "and" does not split it. */
static void test_and_in_name_after_country(void **state)
{
	(void)state;
	ctl_resources *res = test_resources();
	ctl_mention_list ml = find(res,
		"Drug trial halted\n"
		"Officials spoke for weeks.\n"
		"The U.S. Food and Drug Administration placed the program on hold on Monday.\n");
	const ctl_mention *m = mention_named(&ml, "Food and Drug Administration");
	assert_non_null(m);
	assert_int_equal(m->type, CTL_ACTOR_ORGANIZATION);
	assert_null(mention_named(&ml, "Drug Administration"));
	assert_non_null(mention_named(&ml, "U.S."));
	ctl_mention_list_release(&ml);
	ctl_resources_free(res);
}

/* With no "the", "and" joins an institution's name when a word next to
 * it is a common noun the article also writes in lower case; two names
 * nothing vouches for as common nouns stay a list. */
static void test_and_in_name_common_noun(void **state)
{
	(void)state;
	ctl_resources *res = test_resources();
	ctl_mention_list ml = find(res,
		"Van pulled from river\n"
		"A water rescue team was called at dawn.\n"
		"Kelderby Fire and Rescue Service said crews arrived within nine minutes.\n"
		"Drennick and Quorvane Holdings said they would pay for the repairs.\n"
		"The Economic and Financial Crimes Commission said it was studying the judgment.\n");
	const ctl_mention *m = mention_named(&ml, "Kelderby Fire and Rescue Service");
	assert_non_null(m);
	assert_int_equal(m->type, CTL_ACTOR_ORGANIZATION);
	assert_null(mention_named(&ml, "Rescue Service"));
	assert_null(mention_named(&ml, "Kelderby Fire"));
	assert_non_null(mention_named(&ml, "Drennick"));
	assert_non_null(mention_named(&ml, "Quorvane Holdings"));
	assert_null(mention_named(&ml, "Drennick and Quorvane Holdings"));
	/* a title's modifier ("Economic") among the words before "and" */
	assert_non_null(mention_named(&ml, "Economic and Financial Crimes Commission"));
	assert_null(mention_named(&ml, "Financial Crimes Commission"));
	ctl_mention_list_release(&ml);
	ctl_resources_free(res);
}

/* "Great" and "New" are adjectives that may open a name, not words that
 * are never part of one. */
static void test_adjective_opens_name(void **state)
{
	(void)state;
	ctl_resources *res = test_resources();
	ctl_mention_list ml = find(res,
		"Strike goes on\n"
		"Pickets stood outside Great Fenwick Alloy Works on Monday.\n"
		"The New Harrow Party said it backed the strikers.\n"
		"The fire grew, according to the BC Wildfire Service, and a coin from 300 BC was lost.\n"
		"Aegean Blue Lines said it had cancelled 142 sailings.\n");
	assert_non_null(mention_named(&ml, "Great Fenwick Alloy Works"));
	assert_null(mention_named(&ml, "Fenwick Alloy Works"));
	assert_non_null(mention_named(&ml, "New Harrow Party"));
	assert_non_null(mention_named(&ml, "BC Wildfire Service"));
	assert_null(mention_named(&ml, "BC"));
	/* a sea's name opening a company's, "Lines" ending it */
	assert_non_null(mention_named(&ml, "Aegean Blue Lines"));
	ctl_mention_list_release(&ml);
	ctl_resources_free(res);
}

/* A person's name before a score is no product ("WWDC 2005"); two plain
 * words after a country's possessive name a person; a role or nationality
 * written before a name is its title, not part of it. */
static void test_person_cues(void **state)
{
	(void)state;
	ctl_resources *res = test_resources();
	ctl_mention_list ml = find(res,
		"Final result\n"
		"Zofia Marczak won the title, beating Norway's Ardis Velkvist 7-5, 6-2 on Saturday.\n"
		"Cllr Brendan Toller said the council would appeal.\n"
		"Frenchman Remy Castagnol finished third, with Dutchman Bram Oosterhuis fourth.\n");
	const ctl_mention *m = mention_named(&ml, "Ardis Velkvist");
	assert_non_null(m);
	assert_int_equal(m->type, CTL_ACTOR_PERSON);
	m = mention_named(&ml, "Brendan Toller");
	assert_non_null(m);
	assert_int_equal(m->type, CTL_ACTOR_PERSON);
	assert_null(mention_named(&ml, "Cllr Brendan Toller"));
	m = mention_named(&ml, "Remy Castagnol");
	assert_non_null(m);
	assert_int_equal(m->type, CTL_ACTOR_PERSON);
	m = mention_named(&ml, "Bram Oosterhuis");
	assert_non_null(m);
	assert_int_equal(m->type, CTL_ACTOR_PERSON);
	ctl_mention_list_release(&ml);
	ctl_resources_free(res);
}

/* An administrative unit named with "of" is its government, an actor,
 * except after a locative word. */
static void test_admin_body(void **state)
{
	(void)state;
	ctl_resources *res = test_resources();
	ctl_mention_list ml = find(res,
		"Fire grows\n"
		"The Regional District of Kelso issued an evacuation order on Friday.\n"
		"Soldiers arrived in the District of Thornbury.\n");
	const ctl_mention *m = mention_named(&ml, "Regional District of Kelso");
	assert_non_null(m);
	assert_int_equal(m->type, CTL_ACTOR_ORGANIZATION);
	assert_int_equal(m->role, CTL_MENTION_ACTOR);
	m = mention_named(&ml, "District of Thornbury");
	assert_non_null(m);
	assert_int_equal(m->role, CTL_MENTION_PLACE);
	ctl_mention_list_release(&ml);
	ctl_resources_free(res);
}

/* A hyphenated pair of countries, or of a known organisation and a
 * country, names each ("Chile-Peru talks", "the EU-Vietnam agreement"); a
 * pair with no country in it is no such pair. */
static void test_hyphenated_pairs(void **state)
{
	(void)state;
	ctl_resources *res = test_resources();
	ctl_mention_list ml = find(res,
		"Trade grows\n"
		"Trade rose after the EU-Vietnam Free Trade Agreement entered into force.\n"
		"Chile-Peru talks resumed on Monday.\n"
		"The NATO-EU summit was postponed.\n");
	const ctl_mention *m = mention_named(&ml, "EU");
	assert_non_null(m);
	assert_int_equal(m->type, CTL_ACTOR_ORGANIZATION);
	m = mention_named(&ml, "Vietnam");
	assert_non_null(m);
	assert_int_equal(m->type, CTL_ACTOR_COUNTRY);
	assert_non_null(mention_named(&ml, "Chile"));
	assert_non_null(mention_named(&ml, "Peru"));
	assert_null(mention_named(&ml, "NATO"));
	ctl_mention_list_release(&ml);
	ctl_resources_free(res);
}

/* The site the article is on (doc->site, from its header) is no actor of
 * it, nor are its products; other outlets are. */
static void test_site_not_actor(void **state)
{
	(void)state;
	ctl_resources *res = test_resources();
	ctl_document *doc = layout_doc(res,
		"Minister visits Japan\n"
		"Kantola told Nordic Pulse before the trip that the visit mattered.\n"
		"Get Nordic Pulse Daily in your inbox.\n"
		"She also told the Helsinki Courier that talks went well.\n");
	doc->site = strdup("NORDIC PULSE");
	assert_non_null(doc->site);
	ctl_mention_list ml;
	ctl_mention_list_init(&ml);
	ctl_error err;
	ctl_error_clear(&err);
	assert_int_equal(ctl_mentions_find(&ml, res, doc, &err), 0);
	assert_null(mention_named(&ml, "Nordic Pulse"));
	assert_null(mention_named(&ml, "Nordic Pulse Daily"));
	assert_null(mention_named(&ml, "Get Nordic Pulse Daily"));
	assert_non_null(mention_named(&ml, "Helsinki Courier"));
	ctl_mention_list_release(&ml);
	ctl_document_free(doc);
	ctl_resources_free(res);
}

static void test_sentence_start(void **state)
{
	(void)state;
	ctl_resources *res = test_resources();
	const char *texts[] = {
		"Quiet week\n"
		"However, the plan failed.\n"
		"Critics say it was never tried.\n"
		"Yesterday the Hollenbeck Institute closed.\n"
		"Despite that, Drabnik stayed calm.\n"
		"Drabnik later left.\n",
	};
	ctl_timeline *tl = actors_of(res, texts, 1);
	assert_null(actor_named(tl, "However"));
	assert_null(actor_named(tl, "Critics"));
	assert_null(actor_named(tl, "Yesterday"));
	assert_null(actor_named(tl, "Quiet"));
	assert_non_null(actor_named(tl, "Hollenbeck Institute"));
	const ctl_actor *d = actor_named(tl, "Drabnik");
	assert_non_null(d);
	assert_int_equal(d->nmentions, 2); /* vouched for by the other sentence */
	ctl_timeline_free(tl);
	ctl_resources_free(res);
}

/* No mention's name holds the word w. */
static void assert_no_name_with(const ctl_mention_list *ml, const char *w)
{
	for (size_t i = 0; i < ml->len; i++)
		if (strstr(ml->items[i].name, w))
			fail_msg("mention '%s' holds '%s'", ml->items[i].name, w);
}

static void test_headline_case(void **state)
{
	(void)state;
	ctl_resources *res = test_resources();
	ctl_mention_list ml = find(res,
		"Zubrinsky Warns Of New Fishing Sanctions Against Norway\n"
		"The fisheries minister, Nikolay Zubrinsky, spoke in the morning.\n"
		"Zubrinsky said the sanctions would follow.\n");
	const ctl_mention *m = mention_named(&ml, "Zubrinsky");
	assert_non_null(m);
	assert_int_equal(m->type, CTL_ACTOR_PERSON);
	assert_non_null(mention_named(&ml, "Norway"));
	assert_no_name_with(&ml, "Warns");
	assert_no_name_with(&ml, "Sanctions");
	assert_no_name_with(&ml, "Fishing");
	ctl_mention_list_release(&ml);
	ctl_resources_free(res);
}

/* In a title-case line a first name from the list vouches for the
 * capitalised word right after it: the surname no other sentence repeats
 * is kept, and the words after it are still not names. A sentence with one
 * short lower-case verb among its names reads as title case too. */
static void test_headline_first_name(void **state)
{
	(void)state;
	ctl_resources *res = test_resources();
	ctl_mention_list ml = find(res,
		"Anna Weber Warns Of New Fishing Sanctions\n"
		"President Maria Kowalczyk met Omar Haddad in Gdansk on July 1.\n");
	assert_non_null(mention_named(&ml, "Anna Weber"));
	assert_null(mention_named(&ml, "Anna"));
	const ctl_mention *m = mention_named(&ml, "Maria Kowalczyk");
	assert_non_null(m);
	assert_int_equal(m->type, CTL_ACTOR_PERSON);
	assert_non_null(mention_named(&ml, "Omar Haddad"));
	assert_no_name_with(&ml, "Warns");
	assert_no_name_with(&ml, "Fishing");
	ctl_mention_list_release(&ml);
	/* a first name alone in such a line is a name only if the text
	 * writes it so; a verb opening the headline is no part of a name */
	ml = find(res,
		"Senators Draft Bill to Block Creation of Fishing Unit With Norway\n"
		"Two senators drafted a measure on Wednesday that would block the unit.\n");
	assert_no_name_with(&ml, "Bill");
	assert_non_null(mention_named(&ml, "Norway"));
	ctl_mention_list_release(&ml);
	ml = find(res,
		"Meet Zubrinsky's challenger in the fishing race\n"
		"Nikolay Zubrinsky met his challenger on Tuesday.\n");
	assert_no_name_with(&ml, "Meet");
	assert_non_null(mention_named(&ml, "Zubrinsky"));
	ctl_mention_list_release(&ml);
	ctl_resources_free(res);
}

static void test_cues(void **state)
{
	(void)state;
	ctl_resources *res = test_resources();
	ctl_mention_list ml = find(res,
		"Hacks\n"
		"The Vexhound hackers were arrested, the Zvezdny Vestnik newspaper reported.\n"
		"Investigators also named the hacker group Grimlock and Quorvane Holdings Ltd.\n"
		"Officials announced a Digital Harbour Convention and the browser Slipstream.\n");
	const ctl_mention *m = mention_named(&ml, "Vexhound");
	assert_non_null(m);
	assert_int_equal(m->type, CTL_ACTOR_GROUP);
	m = mention_named(&ml, "Grimlock");
	assert_non_null(m);
	assert_int_equal(m->type, CTL_ACTOR_GROUP);
	m = mention_named(&ml, "Zvezdny Vestnik");
	assert_non_null(m);
	assert_int_equal(m->type, CTL_ACTOR_ORGANIZATION);
	m = mention_named(&ml, "Quorvane Holdings Ltd.");
	assert_non_null(m);
	assert_int_equal(m->type, CTL_ACTOR_ORGANIZATION);
	for (size_t i = 0; i < ml.len; i++) {
		assert_null(strstr(ml.items[i].name, "Convention"));
		assert_null(strstr(ml.items[i].name, "Harbour"));
		assert_null(strstr(ml.items[i].name, "Slipstream"));
	}
	ctl_mention_list_release(&ml);
	ctl_resources_free(res);
}

static void test_org_short_name(void **state)
{
	(void)state;
	ctl_resources *res = test_resources();
	const char *texts[] = {
		"Chips\nKorvell Computer said on Monday it would build a plant.\n",
		"Chips again\nThe plant, Korvell said, opens next year; Korvell Inc. confirmed.\n",
		"Music\nThe band sued Korvell Records over the name.\n",
	};
	ctl_timeline *tl = actors_of(res, texts, 3);
	const ctl_actor *a = actor_named(tl, "Korvell");
	assert_non_null(a);
	assert_ptr_equal(a, actor_named(tl, "Korvell Computer"));
	assert_ptr_equal(a, actor_named(tl, "Korvell Inc."));
	assert_true(a != actor_named(tl, "Korvell Records"));
	ctl_timeline_free(tl);
	ctl_resources_free(res);
}

static void test_lookup(void **state)
{
	(void)state;
	ctl_resources *res = test_resources();
	ctl_document *doc = layout_doc(res,
		"Visit\nPresident Olga Verhoeven met the Chilean government in Hamburg.\n");
	ctl_mention_list ml;
	ctl_mention_list_init(&ml);
	ctl_error err;
	ctl_error_clear(&err);
	assert_int_equal(ctl_mentions_find(&ml, res, doc, &err), 0);
	ctl_actor_set *set = ctl_actor_set_new(res);
	ctl_timeline *tl = ctl_timeline_new();
	size_t di = ctl_timeline_add_document(tl, doc);
	ctl_actor_set_add(set, di, &ml);
	assert_int_equal(ctl_actor_set_finish(set, tl, &err), 0);
	for (size_t i = 0; i < ml.len; i++) {
		const ctl_mention *m = &ml.items[i];
		size_t a = ctl_actor_set_lookup(set, di, m->start, m->end);
		if (m->role == CTL_MENTION_PLACE || m->tentative) {
			/* a place, or a headline's first word no other mention
			 * vouches for ("Visit"): no actor */
			assert_int_equal(a, SIZE_MAX);
		} else {
			assert_true(a < tl->nactors);
			assert_true(actor_has_name(&tl->actors[a], m->name));
		}
	}
	assert_int_equal(ctl_actor_set_lookup(set, di, 0, 1), SIZE_MAX);
	assert_string_equal(tl->actors[0].id, "a1");
	ctl_actor_set_free(set);
	ctl_timeline_free(tl);
	ctl_mention_list_release(&ml);
	ctl_document_free(doc);
	ctl_resources_free(res);
}

/* The key spelling variants share: lower case, without dots and
 * apostrophes, hyphens and runs of white space as one space, Latin
 * letters without their accents, a final run of i/y in a word of four or
 * more bytes as one "i". */
static void test_name_key(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
		{ "Sergey Ivanov", "sergei ivanov" },
		{ "Sergei  Ivanov ", "sergei ivanov" },
		{ "KENNEDY", "kennedi" },
		{ "Amy Jay", "amy jay" },        /* three letters: kept */
		{ "Tokyyi", "toki" },
		{ "O'Neill-Smith", "oneill smith" },
		{ "U.S.", "us" },
		{ "Z\xc3\xbcrich Henry", "zurich henri" },
		{ "Anna \xe2\x80\x93 Mary", "anna mari" }, /* an en dash: a space */
		{ "", "" },
		{ " - ", "" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *k = ctl_name_key(cases[i][0], strlen(cases[i][0]));
		assert_string_equal(k, cases[i][1]);
		free(k);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_name_key),
		cmocka_unit_test(test_seeds),
		cmocka_unit_test(test_seeds_order),
		cmocka_unit_test(test_title_stripped),
		cmocka_unit_test(test_transliteration),
		cmocka_unit_test(test_surname),
		cmocka_unit_test(test_capital_and_place),
		cmocka_unit_test(test_agency_tags),
		cmocka_unit_test(test_particles_roles_compass),
		cmocka_unit_test(test_demonym),
		cmocka_unit_test(test_acronyms),
		cmocka_unit_test(test_possessive),
		cmocka_unit_test(test_possessive_in_name),
		cmocka_unit_test(test_chronology_entry_start),
		cmocka_unit_test(test_and_in_name_after_country),
		cmocka_unit_test(test_and_in_name_common_noun),
		cmocka_unit_test(test_adjective_opens_name),
		cmocka_unit_test(test_person_cues),
		cmocka_unit_test(test_admin_body),
		cmocka_unit_test(test_hyphenated_pairs),
		cmocka_unit_test(test_site_not_actor),
		cmocka_unit_test(test_sentence_start),
		cmocka_unit_test(test_headline_case),
		cmocka_unit_test(test_headline_first_name),
		cmocka_unit_test(test_cues),
		cmocka_unit_test(test_org_short_name),
		cmocka_unit_test(test_lookup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
