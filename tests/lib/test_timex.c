/*
 * The time tagger: the table of expressions in tests/data/timex_cases.tsv,
 * the dates the seed articles state, the day intervals and anchors, tagging
 * inside spans, the rule that without a document date no year is ever
 * invented, and the tokens kept from the dating pass for the sentences.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "helpers.h"
#include "resources.h"
#include "timex_tokens.h"
#include "timex_internal.h"

static ctl_day day_of(const char *s)
{
	ctl_day d = CTL_DAY_NONE;
	if (strcmp(s, "-"))
		assert_int_equal(ctl_day_parse(s, strlen(s), &d), 0);
	return d;
}

static void tag(ctl_timex_list *tx, const ctl_resources *res, const char *text, ctl_day dct)
{
	ctl_error err;
	ctl_error_clear(&err);
	ctl_timex_list_init(tx);
	if (ctl_timex_tag(tx, res, text, strlen(text), dct, &err))
		fail_msg("%s", err.msg);
}

/* The first expression whose text is exactly `want` (from byte `from`). */
static const ctl_timex *find(const ctl_timex_list *tx, const char *text, const char *want,
		uint32_t from)
{
	size_t n = strlen(want);
	for (size_t i = 0; i < tx->len; i++) {
		const ctl_timex *x = &tx->items[i];
		if (x->start >= from && x->end - x->start == n && !memcmp(text + x->start, want, n))
			return x;
	}
	return NULL;
}

static void describe(const ctl_timex_list *tx, const char *text, char *out, size_t size)
{
	size_t k = 0;
	out[0] = '\0';
	for (size_t i = 0; i < tx->len && k + 1 < size; i++) {
		const ctl_timex *x = &tx->items[i];
		int w = snprintf(out + k, size - k, "%s[%.*s %s %s]", i ? " " : "",
			(int)(x->end - x->start), text + x->start, ctl_timex_type_name(x->type), x->value);
		if (w < 0)
			break;
		k += (size_t)w;
	}
}

/* Splits a TSV line in place; returns the number of fields. */
static size_t split(char *line, char **f, size_t max)
{
	size_t n = 0;
	f[n++] = line;
	for (char *p = line; *p && n < max; p++)
		if (*p == '\t') {
			*p = '\0';
			f[n++] = p + 1;
		}
	return n;
}

static void test_cases(void **state)
{
	(void)state;
	ctl_resources *res = test_resources();
	char *data = test_read_file(CTL_TEST_DATA "/timex_cases.tsv", NULL);
	size_t rows = 0, failures = 0, lineno = 0;
	char *save = NULL;
	for (char *line = strtok_r(data, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		lineno++;
		if (!*line || *line == '#')
			continue;
		char *f[8];
		size_t nf = split(line, f, 8);
		if (nf < 5)
			fail_msg("timex_cases.tsv: row '%s' has %zu fields", line, nf);
		const char *dct = f[0], *text = f[1], *want = f[2], *type = f[3], *value = f[4];
		ctl_timex_list tx;
		tag(&tx, res, text, day_of(dct));
		rows++;
		char got[1024];
		describe(&tx, text, got, sizeof(got));
		if (!strcmp(type, "NONE")) {
			const char *p = strstr(text, want);
			assert_non_null(p);
			uint32_t s = (uint32_t)(p - text), e = s + (uint32_t)strlen(want);
			for (size_t i = 0; i < tx.len; i++)
				if (tx.items[i].start < e && s < tx.items[i].end) {
					print_error("row %zu: '%s' must not be tagged in \"%s\": %s\n", rows, want, text, got);
					failures++;
					break;
				}
		} else {
			const ctl_timex *x = find(&tx, text, want, 0);
			const char *mod = nf > 5 ? f[5] : NULL, *freq = nf > 6 ? f[6] : NULL;
			if (mod && !strcmp(mod, "-"))
				mod = "";
			if (freq && !strcmp(freq, "-"))
				freq = "";
			if (!x) {
				print_error("row %zu: '%s' not found in \"%s\" (dct %s): %s\n", rows, want, text, dct, got);
				failures++;
			} else if (strcmp(ctl_timex_type_name(x->type), type) || strcmp(x->value, value) ||
			           (mod && strcmp(x->mod, mod)) || (freq && strcmp(x->freq, freq))) {
				print_error("row %zu: '%s' in \"%s\" (dct %s): got %s %s mod '%s' freq '%s', "
					"want %s %s mod '%s' freq '%s'\n", rows, want, text, dct,
					ctl_timex_type_name(x->type), x->value, x->mod, x->freq, type, value,
					mod ? mod : "*", freq ? freq : "*");
				failures++;
			}
		}
		ctl_timex_list_release(&tx);
	}
	if (rows < 150)
		fail_msg("timex_cases.tsv has %zu cases, at least 150 wanted", rows);
	if (failures)
		fail_msg("%zu of %zu cases failed", failures, rows);
	free(data);
	ctl_resources_free(res);
}

/* ---- the seeds ------------------------------------------------------------ */

typedef struct seed_case {
	const char *text;  /* the expression, found after `after` (or anywhere) */
	const char *after;
	const char *type;
	const char *value;
} seed_case;

static void check_seed(const ctl_resources *res, const char *file, const char *dct,
		const seed_case *cases, size_t n)
{
	char path[1024];
	snprintf(path, sizeof(path), "%s/%s", CTL_SEEDS_DIR, file);
	char *text = test_read_file(path, NULL);
	ctl_timex_list tx;
	tag(&tx, res, text, day_of(dct));
	for (size_t i = 0; i < n; i++) {
		uint32_t from = 0;
		if (cases[i].after) {
			const char *p = strstr(text, cases[i].after);
			if (!p)
				fail_msg("%s: '%s' not in the seed", file, cases[i].after);
			from = (uint32_t)(p - text);
		}
		const ctl_timex *x = find(&tx, text, cases[i].text, from);
		if (!x)
			fail_msg("%s (dct %s): '%s' not found", file, dct, cases[i].text);
		if (strcmp(ctl_timex_type_name(x->type), cases[i].type) || strcmp(x->value, cases[i].value))
			fail_msg("%s (dct %s): '%s' is %s %s, want %s %s", file, dct, cases[i].text,
				ctl_timex_type_name(x->type), x->value, cases[i].type, cases[i].value);
	}
	ctl_timex_list_release(&tx);
	free(text);
}

#define CHECK_SEED(res, file, dct, cases) \
	check_seed(res, file, dct, cases, sizeof(cases) / sizeof(cases[0]))

static void test_seeds(void **state)
{
	(void)state;
	ctl_resources *res = test_resources();

	static const seed_case davos[] = {
		{ "January 24, 11:33 UTC+3", NULL, "TIME", "2018-01-24T11:33" },
		{ "January 24", "DAVOS, ", "DATE", "2018-01-24" },
		{ "last week", NULL, "DATE", "2018-W03" },
	};
	static const seed_case davos_nodct[] = {
		{ "January 24, 11:33 UTC+3", NULL, "TIME", "XXXX-01-24T11:33" },
		{ "January 24", "DAVOS, ", "DATE", "XXXX-01-24" },
		{ "2018", "pipelines", "DATE", "2018" },
		{ "last week", NULL, "DATE", "XXXX-WXX" },
	};
	CHECK_SEED(res, "000_53e12349ee943d46.txt", "2018-01-24", davos);
	CHECK_SEED(res, "000_53e12349ee943d46.txt", "-", davos_nodct);

	/* a 2017 context: "On March 30" is 2017-03-30, "In January" 2017-01 */
	/* "In January", "On March 30": tagged without the preposition */
	static const seed_case ryabkov[] = {
		{ "January", "In January", "DATE", "2017-01" },
		{ "2016", "presidential election in", "DATE", "2016" },
		{ "March 30", "On March 30", "DATE", "2017-03-30" },
		{ "Wednesday", "published ", "DATE", "2017-07-12" },
		{ "recently", NULL, "DATE", "PAST_REF" },
	};
	static const seed_case ryabkov_april[] = {
		{ "January", "In January", "DATE", "2017-01" },
		{ "March 30", "On March 30", "DATE", "2017-03-30" },
		{ "Wednesday", "published ", "DATE", "2017-04-19" },
	};
	static const seed_case ryabkov_nodct[] = {
		{ "January", "In January", "DATE", "XXXX-01" },
		{ "March 30", "On March 30", "DATE", "XXXX-03-30" },
		{ "Wednesday", "published ", "DATE", "XXXX-WXX-3" },
		{ "Thursday", "bill ", "DATE", "XXXX-WXX-4" },
	};
	CHECK_SEED(res, "001_a868eae481f18e53.txt", "2017-07-12", ryabkov);
	CHECK_SEED(res, "001_a868eae481f18e53.txt", "2017-04-20", ryabkov_april);
	CHECK_SEED(res, "001_a868eae481f18e53.txt", "-", ryabkov_nodct);

	static const seed_case lavrov[] = {
		{ "2017-07-12", NULL, "DATE", "2017-07-12" },
		{ "July 12, 15:34 UTC+3", NULL, "TIME", "2017-07-12T15:34" },
		{ "July 12", "BRUSSELS, ", "DATE", "2017-07-12" },
	};
	static const seed_case lavrov_nodct[] = {
		{ "2017-07-12", NULL, "DATE", "2017-07-12" },
		{ "July 12, 15:34 UTC+3", NULL, "TIME", "XXXX-07-12T15:34" },
		{ "July 12", "BRUSSELS, ", "DATE", "XXXX-07-12" },
	};
	CHECK_SEED(res, "002_bc849348ce8e31ef.txt", "2017-07-12", lavrov);
	CHECK_SEED(res, "002_bc849348ce8e31ef.txt", "-", lavrov_nodct);

	static const seed_case medvedev[] = {
		{ "14:04 IST, January 27th 2022", NULL, "TIME", "2022-01-27T14:04" },
		{ "14:04 IST, January 27th 2022", "Inputs from AP", "TIME", "2022-01-27T14:04" },
		{ "2021", NULL, "DATE", "2021" },
		{ "recent months", NULL, "DATE", "PAST_REF" },
	};
	CHECK_SEED(res, "003_e83a1a70aa5813d0.txt", "2022-01-27", medvedev);
	CHECK_SEED(res, "003_e83a1a70aa5813d0.txt", "-", medvedev);

	/* "one week ahead of the November 8, 2016, US presidential election":
	 * the week before is the day seven days before, November 1 */
	static const seed_case krutskikh[] = {
		{ "Thursday", "said ", "DATE", "2017-07-13" },
		{ "January 13, 2015", NULL, "DATE", "2015-01-13" },
		{ "two hours", NULL, "DURATION", "PT2H" },
		{ "last Friday", NULL, "DATE", "2017-07-07" },
		{ "one week", NULL, "DATE", "2016-11-01" },
		{ "November 8, 2016", NULL, "DATE", "2016-11-08" },
		{ "A week", NULL, "DATE", "2016-11-01" },
		{ "the next day", NULL, "DATE", "2016-11-02" },
		{ "January", "detailed answer", "DATE", "2017-01" },
	};
	static const seed_case krutskikh_nodct[] = {
		{ "Thursday", "said ", "DATE", "XXXX-WXX-4" },
		{ "January 13, 2015", NULL, "DATE", "2015-01-13" },
		{ "last Friday", NULL, "DATE", "XXXX-WXX-5" },
		{ "one week", NULL, "DATE", "2016-11-01" },
		{ "November 8, 2016", NULL, "DATE", "2016-11-08" },
		{ "the next day", NULL, "DATE", "2016-11-02" },
		{ "January", "detailed answer", "DATE", "XXXX-01" },
	};
	CHECK_SEED(res, "004_e1287d59b61e8f81.txt", "2017-07-13", krutskikh);
	CHECK_SEED(res, "004_e1287d59b61e8f81.txt", "-", krutskikh_nodct);
	ctl_resources_free(res);
}

/* ---- intervals and anchors ------------------------------------------------ */

static void expect_when(const ctl_timex *x, const char *earliest, const char *latest,
		ctl_precision p, ctl_timex_anchor a)
{
	char e[11], l[11];
	ctl_day_format(x->when.earliest, e);
	ctl_day_format(x->when.latest, l);
	if (strcmp(e, earliest) || strcmp(l, latest) || x->when.precision != p || x->anchor != a)
		fail_msg("%s: [%s, %s] precision %d anchor %d, want [%s, %s] %d %d", x->value, e, l,
			x->when.precision, x->anchor, earliest, latest, p, a);
}

/* Lines of a page: a chronology's year carries from a line that states it
 * (a year alone on its line, a day with its year) to the next line's day
 * without one, not from a day the report's date chose; a line that is
 * only a past day is the day its entries below speak from. */
static void test_page_lines(void **state)
{
	(void)state;
	ctl_resources *res = test_resources();
	const char *text = "Key dates\n2024\nJan. 5 - The agency sets a launch window.\n"
		"Aug. 27 - First attempt aborted.\n\n"
		"Thursday 19 February 2026\nA baby was admitted to hospital yesterday.\n"
		"Wednesday, February 18\nThe council said this morning that it would open a clinic.\n";
	ctl_timex_list tx;
	tag(&tx, res, text, day_of("2026-02-20"));
	const ctl_timex *x = find(&tx, text, "Jan. 5", 0);
	assert_non_null(x);
	assert_string_equal(x->value, "2024-01-05");
	x = find(&tx, text, "Aug. 27", 0);
	assert_non_null(x);
	assert_string_equal(x->value, "2024-08-27");
	x = find(&tx, text, "yesterday", 0);
	assert_non_null(x);
	assert_string_equal(x->value, "2026-02-18");
	x = find(&tx, text, "this morning", 0);  /* under a heading without its year */
	assert_non_null(x);
	assert_string_equal(x->value, "2026-02-18TMO");
	ctl_timex_list_release(&tx);
	/* a heading with a note on its times; its entries' clocks are of its
	 * day, an entry's weekday of the report's week */
	const char *t3 = "How the outage unfolded\nAll times Eastern. Wednesday, June 9, unless noted.\n"
		"- 4:19 a.m. - Crews are dispatched.\n- Thursday, 6:30 a.m. - The company says data is safe.\n";
	tag(&tx, res, t3, day_of("2021-06-10"));
	x = find(&tx, t3, "4:19 a.m.", 0);
	assert_non_null(x);
	assert_string_equal(x->value, "2021-06-09T04:19");
	x = find(&tx, t3, "Thursday, 6:30 a.m.", 0);
	assert_non_null(x);
	assert_string_equal(x->value, "2021-06-10T06:30");
	ctl_timex_list_release(&tx);
	/* with no year stated, none carries: each day is resolved alone */
	const char *t2 = "Jan. 5 - The agency sets a launch window.\nAug. 27 - First attempt aborted.\n";
	tag(&tx, res, t2, day_of("2024-09-12"));
	x = find(&tx, t2, "Aug. 27", 0);
	assert_non_null(x);
	assert_string_equal(x->value, "2024-08-27");
	ctl_timex_list_release(&tx);
	ctl_resources_free(res);
}

static void test_when(void **state)
{
	(void)state;
	ctl_resources *res = test_resources();
	const char *text = "On November 8, 2016 the vote was held. Last month prices rose, and this "
		"week they fell. The talks lasted two hours. The firm reports every week. Prices "
		"rose in the 1990s and in the third quarter of 2016. The next day they fell.";
	ctl_timex_list tx;
	tag(&tx, res, text, day_of("2017-07-12"));
	const ctl_timex *x = find(&tx, text, "November 8, 2016", 0);
	assert_non_null(x);
	expect_when(x, "2016-11-08", "2016-11-08", CTL_PREC_DAY, CTL_ANCHOR_ABSOLUTE);
	assert_int_equal(x->when.certainty, CTL_CERT_STATED);
	x = find(&tx, text, "Last month", 0);
	assert_non_null(x);
	expect_when(x, "2017-06-01", "2017-06-30", CTL_PREC_MONTH, CTL_ANCHOR_DCT);
	assert_int_equal(x->when.certainty, CTL_CERT_INFERRED);
	x = find(&tx, text, "this week", 0);
	assert_non_null(x);
	expect_when(x, "2017-07-10", "2017-07-16", CTL_PREC_NONE, CTL_ANCHOR_DCT);
	x = find(&tx, text, "two hours", 0);
	assert_non_null(x);
	assert_int_equal(x->when.earliest, CTL_DAY_NONE);
	assert_int_equal(x->when.latest, CTL_DAY_NONE);
	x = find(&tx, text, "every week", 0);
	assert_non_null(x);
	assert_int_equal(x->type, CTL_TIMEX_SET);
	assert_int_equal(x->when.earliest, CTL_DAY_NONE);
	x = find(&tx, text, "the 1990s", 0);
	assert_non_null(x);
	expect_when(x, "1990-01-01", "1999-12-31", CTL_PREC_NONE, CTL_ANCHOR_ABSOLUTE);
	x = find(&tx, text, "the third quarter of 2016", 0);
	assert_non_null(x);
	expect_when(x, "2016-07-01", "2016-09-30", CTL_PREC_NONE, CTL_ANCHOR_ABSOLUTE);
	/* the last date mentioned is the quarter: a day after it is unknown */
	x = find(&tx, text, "The next day", 0);
	assert_non_null(x);
	assert_string_equal(x->value, "XXXX-XX-XX");
	assert_int_equal(x->anchor, CTL_ANCHOR_NONE);
	assert_int_equal(x->when.earliest, CTL_DAY_NONE);
	ctl_timex_list_release(&tx);

	/* a clock with no day of its own, in a paragraph of its own, takes
	 * the report's day but names no date: "the next day" counts from the
	 * day named before it */
	const char *raid = "Officers seized cedar on Wednesday in a raid.\n\n"
		"They executed a warrant at about 6 a.m. They were released the next day.";
	tag(&tx, res, raid, day_of("2022-11-17"));
	x = find(&tx, raid, "about 6 a.m.", 0);
	assert_non_null(x);
	assert_string_equal(x->value, "2022-11-17T06:00");
	x = find(&tx, raid, "the next day", 0);
	assert_non_null(x);
	assert_string_equal(x->value, "2022-11-17");
	ctl_timex_list_release(&tx);

	/* unresolved values cover no fixed days */
	tag(&tx, res, "On March 30 they met, and on Thursday too.", CTL_DAY_NONE);
	assert_int_equal(tx.len, 2);
	for (size_t i = 0; i < tx.len; i++) {
		assert_int_equal(tx.items[i].when.earliest, CTL_DAY_NONE);
		assert_int_equal(tx.items[i].anchor, CTL_ANCHOR_NONE);
	}
	ctl_timex_list_release(&tx);
	ctl_resources_free(res);
}

/* ---- spans ------------------------------------------------------------------ */

static void test_spans(void **state)
{
	(void)state;
	ctl_resources *res = test_resources();
	const char *text = "Most read: Today, 2018 Games\n"
		"The treaty was signed on June 5, 2015. Sidebar: next week\n"
		"The next day, protests began.";
	const char *s1 = strstr(text, "The treaty"), *s1e = strstr(text, " Sidebar");
	const char *s2 = strstr(text, "The next day");
	ctl_span spans[2] = {
		{ (uint32_t)(s1 - text), (uint32_t)(s1e - text) },
		{ (uint32_t)(s2 - text), (uint32_t)strlen(text) },
	};
	ctl_timex_list tx;
	ctl_timex_list_init(&tx);
	ctl_error err;
	ctl_error_clear(&err);
	assert_int_equal(ctl_timex_tag_spans(&tx, res, text, spans, 2, day_of("2017-07-12"), &err), 0);
	assert_int_equal(tx.len, 2);
	assert_string_equal(tx.items[0].value, "2015-06-05");
	assert_int_equal(tx.items[0].start, (uint32_t)(strstr(text, "June 5") - text));
	/* anaphora runs across spans */
	assert_string_equal(tx.items[1].value, "2015-06-06");
	assert_int_equal(tx.items[1].start, spans[1].start);
	for (size_t i = 0; i < tx.len; i++)
		assert_true(tx.items[i].start >= spans[i].start && tx.items[i].end <= spans[i].end);
	ctl_timex_list_release(&tx);

	/* an empty text and empty spans */
	tag(&tx, res, "", day_of("2017-07-12"));
	assert_int_equal(tx.len, 0);
	ctl_timex_list_release(&tx);
	assert_int_equal(ctl_timex_tag_spans(&tx, res, text, NULL, 0, CTL_DAY_NONE, &err), 0);
	assert_int_equal(tx.len, 0);
	ctl_timex_list_release(&tx);
	ctl_resources_free(res);
}

/* ---- no invented dates -------------------------------------------------------- */

/* Does the value name a year ("2016", "199", "FY2016", "2016-W44")? */
static bool has_year(const char *v)
{
	return (v[0] >= '0' && v[0] <= '9') || (!strncmp(v, "FY", 2) && v[2] >= '0' && v[2] <= '9');
}

static void check_no_invention(const ctl_resources *res, const char *path)
{
	char *text = test_read_file(path, NULL);
	ctl_timex_list tx;
	tag(&tx, res, text, CTL_DAY_NONE);
	for (size_t i = 0; i < tx.len; i++) {
		const ctl_timex *x = &tx.items[i];
		if (x->anchor == CTL_ANCHOR_DCT)
			fail_msg("%s: '%.*s' resolved against a document date that does not exist", path,
				(int)(x->end - x->start), text + x->start);
		if ((x->type == CTL_TIMEX_DATE || x->type == CTL_TIMEX_TIME) && has_year(x->value) &&
		    x->anchor == CTL_ANCHOR_NONE)
			fail_msg("%s: '%.*s' got year %s from nowhere", path, (int)(x->end - x->start),
				text + x->start, x->value);
	}
	ctl_timex_list_release(&tx);
	free(text);
}

static void test_no_dct(void **state)
{
	(void)state;
	ctl_resources *res = test_resources();
	static const char *const seeds[] = { "000_53e12349ee943d46.txt", "001_a868eae481f18e53.txt",
		"002_bc849348ce8e31ef.txt", "003_e83a1a70aa5813d0.txt", "004_e1287d59b61e8f81.txt" };
	char path[1024];
	for (size_t i = 0; i < 5; i++) {
		snprintf(path, sizeof(path), "%s/%s", CTL_SEEDS_DIR, seeds[i]);
		check_no_invention(res, path);
	}
	char **files;
	size_t n;
	ctl_error err;
	ctl_error_clear(&err);
	assert_int_equal(ctl_list_inputs(&files, &n, CTL_TEST_DATA "/meantime-apple", &err), 0);
	assert_true(n >= 30);
	for (size_t i = 0; i < n; i++) {
		check_no_invention(res, files[i]);
		free(files[i]);
	}
	free(files);
	ctl_resources_free(res);
}

/* ---- robustness ------------------------------------------------------------------ */

static void test_odd_input(void **state)
{
	(void)state;
	ctl_resources *res = test_resources();
	static const char *const words[] = { "the", "a", "last", "next", "2016", "8", "Friday",
		"March", "May", "early", "mid", "-", ",", ".", "'", "90s", "years", "ago", "before",
		"after", "every", "twice", "times", "week", "14", ":", "04", "p.m.", "UTC", "+",
		"3", "of", "quarter", "third", "Q", "fiscal", "2017-07-12", "/", "12", "\xe2\x80\x99",
		"s", "half", "and", "an", "hour", "decades", "long", "old", "now", "the past",
		"\xc3\xa9", "\xff", "Christmas", "summer", "fall", "that", "day", "in", "1.5", "31st" };
	const size_t nw = sizeof(words) / sizeof(words[0]);
	char buf[512];
	unsigned seed = 12345;
	for (int round = 0; round < 3000; round++) {
		size_t k = 0;
		int nwords = 1 + (int)((seed = seed * 1103515245u + 12345u) >> 16) % 14;
		for (int j = 0; j < nwords; j++) {
			seed = seed * 1103515245u + 12345u;
			const char *w = words[(seed >> 16) % nw];
			size_t wl = strlen(w);
			if (k + wl + 2 >= sizeof(buf))
				break;
			if (k && ((seed >> 8) & 3))
				buf[k++] = ' ';
			memcpy(buf + k, w, wl);
			k += wl;
		}
		buf[k] = '\0';
		ctl_timex_list tx;
		tag(&tx, res, buf, round % 2 ? day_of("2017-07-12") : CTL_DAY_NONE);
		uint32_t prev = 0;
		for (size_t i = 0; i < tx.len; i++) {
			const ctl_timex *x = &tx.items[i];
			assert_true(x->start < x->end && x->end <= k && x->start >= prev);
			assert_true(memchr(x->value, '\0', sizeof(x->value)) != NULL);
			prev = x->end;
		}
		ctl_timex_list_release(&tx);
	}
	ctl_resources_free(res);
}

/* A line longer than the tagger's reading piece (64 KB) loses nothing. */
static void test_long_line(void **state)
{
	(void)state;
	ctl_resources *res = test_resources();
	const char *sentence = "The vote was held on October 3, 2019, and results came two days later. ";
	size_t sl = strlen(sentence), reps = 4000;
	char *text = malloc(sl * reps + 1);
	assert_non_null(text);
	for (size_t i = 0; i < reps; i++)
		memcpy(text + i * sl, sentence, sl);
	text[sl * reps] = '\0';
	ctl_timex_list tx;
	tag(&tx, res, text, day_of("2019-10-10"));
	assert_int_equal(tx.len, 2 * reps);
	for (size_t i = 0; i < tx.len; i++) {
		const ctl_timex *x = &tx.items[i];
		const char *want = i % 2 ? "two days later" : "October 3, 2019";
		assert_int_equal(x->end - x->start, strlen(want));
		assert_memory_equal(text + x->start, want, strlen(want));
		assert_string_equal(x->value, i % 2 ? "2019-10-05" : "2019-10-03");
	}
	ctl_timex_list_release(&tx);
	free(text);
	ctl_resources_free(res);
}

/* ---- tokens kept from the dating pass ------------------------------------ */

static void same_timexes(const ctl_timex_list *a, const ctl_timex_list *b, const char *what,
		uint32_t s, uint32_t e)
{
	if (a->len != b->len)
		fail_msg("%s [%u, %u): %zu expressions tokenized, %zu from kept tokens", what,
			s, e, a->len, b->len);
	for (size_t i = 0; i < a->len; i++) {
		const ctl_timex *x = &a->items[i], *y = &b->items[i];
		if (x->start != y->start || x->end != y->end || x->type != y->type ||
		    x->anchor != y->anchor || strcmp(x->value, y->value) || strcmp(x->freq, y->freq) ||
		    strcmp(x->mod, y->mod) || x->when.earliest != y->when.earliest ||
		    x->when.latest != y->when.latest || x->when.precision != y->when.precision ||
		    x->when.certainty != y->when.certainty)
			fail_msg("%s [%u, %u): expression %zu differs: [%u, %u) %s against [%u, %u) %s",
				what, s, e, i, x->start, x->end, x->value, y->start, y->end, y->value);
	}
}

/* Tags the spans both ways and compares. */
static void check_spans(const ctl_resources *res, const char *text, const ctl_span *spans,
		size_t n, ctl_day dct, const ctl_tx_tokens *kept, const char *what)
{
	ctl_timex_list a, b;
	ctl_timex_list_init(&a);
	ctl_timex_list_init(&b);
	ctl_error err;
	ctl_error_clear(&err);
	assert_int_equal(ctl_timex_tag_spans(&a, res, text, spans, n, dct, &err), 0);
	assert_int_equal(ctl_timex_tag_spans_kept(&b, res, text, spans, n, dct, kept, &err), 0);
	same_timexes(&a, &b, what, n ? spans[0].start : 0, n ? spans[n - 1].end : 0);
	ctl_timex_list_release(&a);
	ctl_timex_list_release(&b);
}

/* Sentences read from the tokens kept for their lines give what tokenizing
 * them gives, wherever a span starts or ends: on a word, inside one, inside
 * "1,234", before an apostrophe, at a no-break space, inside a UTF-8
 * sequence; in lines longer than the tagger's 64 KB piece; and past the
 * number of tokens kept. */
static void test_kept_tokens(void **state)
{
	(void)state;
	ctl_resources *res = test_resources();
	static const char *const lines[] = {
		"Prices rose 1,234 units on May 3, 2019, and by 1,2345 on O'Neill's Monday.",
		"On June 5th at 2:46 p.m. the talks \xe2\x80\x94 held Thursday \xe2\x80\x99til late \xe2\x80\x94 ended.",
		"Die Wahl fand am 3. Oktober 2019 statt;\xc2\xa0the next day, 4 Oct, it rained.",
		"Two years ago, in the early 1990s, every week; last Friday's vote was '98-style.",
		"Most read: Today | 2018 Games | Christmas Day 2016 | 09:45 CET, May 21st 2019",
		"",
	};
	const size_t nl = sizeof(lines) / sizeof(lines[0]);
	/* a page of 700 KB: past the tokens kept, with one line of 80 KB */
	size_t cap = 800000, len = 0;
	char *text = malloc(cap);
	assert_non_null(text);
	unsigned seed = 777;
	while (len < 700000) {
		seed = seed * 1103515245u + 12345u;
		size_t reps = len > 300000 && len < 310000 ? 1100 : 1; /* the long line */
		for (size_t r = 0; r < reps; r++) {
			const char *l = lines[(seed >> 16) % nl];
			size_t ll = strlen(l);
			memcpy(text + len, l, ll);
			len += ll;
			text[len++] = r + 1 < reps ? ' ' : '\n';
		}
	}
	text[len] = '\0';

	ctl_error err;
	ctl_error_clear(&err);
	ctl_tx_tokens *kept = ctl_tx_tokens_new();
	ctl_timex_list page, plain;
	ctl_timex_list_init(&page);
	assert_int_equal(ctl_timex_tag_keep(&page, res, text, len, CTL_DAY_NONE, kept, &err), 0);
	tag(&plain, res, text, CTL_DAY_NONE);
	same_timexes(&plain, &page, "keeping the tokens", 0, (uint32_t)len);
	ctl_timex_list_release(&page);
	ctl_timex_list_release(&plain);
	assert_true(ctl_tx_tokens_match(kept, text, len));

	/* every span of the first lines that starts at a line start or after
	 * white space, alone */
	ctl_day dct = day_of("2019-10-10");
	uint32_t ls = 0;
	for (int l = 0; l < 8 && ls < len; l++) {
		const char *nlp = memchr(text + ls, '\n', len - ls);
		uint32_t le = nlp ? (uint32_t)(nlp - text) : (uint32_t)len;
		for (uint32_t s = ls; s < le; s++) {
			if (s > ls && text[s - 1] != ' ' && (unsigned char)text[s - 1] != 0xA0)
				continue;
			for (uint32_t e = s + 1; e <= le; e++) {
				ctl_span sp = { s, e };
				check_spans(res, text, &sp, 1, dct, kept, "one span");
			}
		}
		ls = le + 1;
	}

	/* the whole page in ordered spans cut at random, as sentences are */
	size_t nspans = 0, scap = 1024;
	ctl_span *spans = malloc(scap * sizeof(*spans));
	assert_non_null(spans);
	for (uint32_t p = 0; p < len;) {
		seed = seed * 1103515245u + 12345u;
		uint32_t s = p + (seed >> 16) % 3, e = s + 1 + (seed >> 8) % 300;
		if (e > len)
			e = (uint32_t)len;
		if (s >= e)
			break;
		if (nspans == scap) {
			scap *= 2;
			spans = realloc(spans, scap * sizeof(*spans));
			assert_non_null(spans);
		}
		spans[nspans++] = (ctl_span){ s, e };
		p = e;
	}
	check_spans(res, text, spans, nspans, dct, kept, "random spans");
	/* lines as spans, whole */
	nspans = 0;
	for (uint32_t p = 0; p < len && nspans < scap;) {
		const char *nlp = memchr(text + p, '\n', len - p);
		uint32_t e = nlp ? (uint32_t)(nlp - text) : (uint32_t)len;
		spans[nspans++] = (ctl_span){ p, e };
		p = e + 1;
	}
	check_spans(res, text, spans, nspans, dct, kept, "lines");
	free(spans);

	/* the same pointer and length with other bytes is not the same text */
	text[10] ^= 1;
	assert_false(ctl_tx_tokens_match(kept, text, len));
	text[10] ^= 1;
	assert_true(ctl_tx_tokens_match(kept, text, len));
	assert_false(ctl_tx_tokens_match(kept, text, len - 1));
	ctl_tx_tokens_clear(kept);
	assert_false(ctl_tx_tokens_match(kept, text, len));
	assert_false(ctl_tx_tokens_match(NULL, text, len));
	ctl_tx_tokens_free(kept);
	ctl_tx_tokens_free(NULL);
	free(text);
	ctl_resources_free(res);
}

/* A document extracted in a workspace that kept its tokens gives the same
 * result as one extracted without; a workspace that kept another page's
 * tokens does not lend them. */
static char *extract_json(const ctl_resources *res, ctl_document *doc, ctl_workspace *ws)
{
	ctl_error err;
	ctl_error_clear(&err);
	ctl_doc_result *r;
	char *json;
	assert_int_equal(ctl_extract_document_ws(&r, res, doc, ws, &err), 0);
	assert_int_equal(ctl_doc_result_to_json(&json, r, &err), 0);
	ctl_doc_result_free(r);
	return json;
}

static ctl_document *read_seed(const char *name)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", CTL_SEEDS_DIR, name);
	ctl_document *doc;
	ctl_error err;
	ctl_error_clear(&err);
	if (ctl_document_read(&doc, path, NULL, &err))
		fail_msg("%s", err.msg);
	return doc;
}

/* Extracting doc with ws gives what extracting it without gives. */
static void same_with_ws(const ctl_resources *res, ctl_document *doc, ctl_workspace *ws)
{
	char *plain = extract_json(res, doc, NULL);
	char *with_ws = extract_json(res, doc, ws);
	assert_string_equal(plain, with_ws);
	free(plain);
	free(with_ws);
}

static bool stop_at_two(void *ctx, const ctl_timex_list *out)
{
	(*(int *)ctx)++;
	return out->len >= 2;
}

/* The tagger stops after the line on which its caller says stop (the
 * publication date found): what it found is what a whole run finds on
 * those lines, and the tokens it kept serve the sentences after, the
 * lines it did not read tokenized then. */
static void test_stop_early(void **state)
{
	(void)state;
	ctl_resources *res = test_resources();
	const char *text = "Published May 3, 2019 at 10:00 GMT, updated May 4, 2019\n"
		"The talks on June 5 ended without a deal.\n"
		"On July 7 they met again, and again on Friday.\n";
	size_t len = strlen(text);
	ctl_timex_list plain, page;
	tag(&plain, res, text, CTL_DAY_NONE);
	uint32_t l1 = (uint32_t)(strchr(text, '\n') - text);
	size_t first = 0;
	while (first < plain.len && plain.items[first].end <= l1)
		first++;
	assert_true(first >= 2 && first < plain.len);
	ctl_error err;
	ctl_error_clear(&err);
	ctl_tx_tokens *kept = ctl_tx_tokens_new();
	ctl_timex_list_init(&page);
	int calls = 0;
	assert_int_equal(ctl_timex_tag_keep_until(&page, res, text, len, CTL_DAY_NONE, kept,
		stop_at_two, &calls, &err), 0);
	assert_int_equal(calls, 1);
	plain.len = first; /* the first line's */
	same_timexes(&plain, &page, "stopped after the first line", 0, l1);
	assert_true(ctl_tx_tokens_match(kept, text, len));
	ctl_span spans[3];
	uint32_t at = 0;
	for (int i = 0; i < 3; i++) {
		uint32_t e = (uint32_t)(strchr(text + at, '\n') - text);
		spans[i] = (ctl_span){ at, e };
		at = e + 1;
	}
	check_spans(res, text, spans, 3, day_of("2019-05-03"), kept, "after an early stop");
	ctl_timex_list_release(&plain);
	ctl_timex_list_release(&page);
	ctl_tx_tokens_free(kept);
	ctl_resources_free(res);
}

static void test_kept_in_workspace(void **state)
{
	(void)state;
	ctl_resources *res = test_resources();
	static const char *const seeds[] = { "000_53e12349ee943d46.txt", "002_bc849348ce8e31ef.txt" };
	ctl_workspace *ws = ctl_workspace_new();
	ctl_error err;
	ctl_error_clear(&err);
	for (size_t i = 0; i < 2; i++) {
		ctl_document *doc = read_seed(seeds[i]);
		assert_int_equal(ctl_document_analyze_ws(doc, res, ws, &err), 0);
		assert_true(ctl_tx_tokens_match(ctl_workspace_tokens(ws), doc->text, doc->len));
		same_with_ws(res, doc, ws);
		/* read once: extracting used them up */
		assert_false(ctl_tx_tokens_match(ctl_workspace_tokens(ws), doc->text, doc->len));
		/* the other seed, analysed without ws, while ws keeps this one's */
		ctl_document *again = read_seed(seeds[i]);
		assert_int_equal(ctl_document_analyze_ws(again, res, ws, &err), 0);
		assert_true(ctl_tx_tokens_match(ctl_workspace_tokens(ws), again->text, again->len));
		ctl_document *other = test_seed(res, seeds[1 - i]);
		same_with_ws(res, other, ws);
		ctl_document_free(doc);
		ctl_document_free(again);
		ctl_document_free(other);
	}
	/* tokens kept with resources since freed are not read with others (the
	 * words point into the old tables: ASan would see it) */
	ctl_resources *old = test_resources();
	ctl_document *doc = read_seed(seeds[0]);
	assert_int_equal(ctl_document_analyze_ws(doc, old, ws, &err), 0);
	ctl_resources_free(old);
	same_with_ws(res, doc, ws);
	ctl_document_free(doc);
	ctl_workspace_free(ws);
	ctl_resources_free(res);
}

static void test_data_errors(void **state)
{
	(void)state;
	struct ctl_timex_data *d = NULL;
	ctl_error err;
	ctl_error_clear(&err);
	assert_int_equal(ctl_timex_data_load(&d, "/nonexistent-ctimeline-data", &err), CTL_ENOTFOUND);
	assert_null(d);

	/* a copy of data/time with one bad row */
	char dir[] = "/tmp/ctl-timex-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char sub[256], cmd[1024];
	snprintf(sub, sizeof(sub), "%s/time", dir);
	assert_int_equal(mkdir(sub, 0700), 0);
	snprintf(cmd, sizeof(cmd), "cp %s/time/*.tsv %s/", CTL_DATA_DIR, sub);
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof(cmd), "printf 'smarch\\t13\\n' >> %s/months.tsv", sub);
	assert_int_equal(system(cmd), 0);
	ctl_error_clear(&err);
	assert_int_equal(ctl_timex_data_load(&d, dir, &err), CTL_EDATA);
	assert_non_null(strstr(err.msg, "months.tsv"));
	assert_non_null(strstr(err.msg, "month must be 1-12"));
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);

	/* the real data loads, and frees */
	ctl_error_clear(&err);
	assert_int_equal(ctl_timex_data_load(&d, CTL_DATA_DIR, &err), 0);
	ctl_timex_data_free(d);
	ctl_timex_data_free(NULL);
}

/* ---- the tokenizer against a plain reading of its rules --------------- */

/* Tokens as the tokenizer's comment and the tagger define them, read one
 * byte at a time, words looked up by their normalised key: the reference
 * the fast tokenizer (bit masks over 64-byte blocks) must agree with. */
static size_t ref_tokenize(const struct ctl_timex_data *d, const char *t, uint32_t s, uint32_t e,
		tx_tok *out, size_t max)
{
	size_t n = 0;
	uint8_t sp = 1;
	uint32_t i = s;
	while (i < e && n < max) {
		unsigned char c = (unsigned char)t[i];
		if (c == ' ' || (c >= 9 && c <= 13)) {
			sp = 1;
			i++;
			continue;
		}
		tx_tok k;
		memset(&k, 0, sizeof(k));
		k.s = i;
		k.sp = sp;
		if (c >= 0x80) {
			size_t len = ctl_utf8_seq_len((const unsigned char *)t + i, e - i);
			uint32_t cp = len ? ctl_utf8_decode((const unsigned char *)t + i, len) : 0;
			i += len ? (uint32_t)len : 1;
			if (cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F ||
			    cp == 0x205F || cp == 0x3000) {
				sp = 1;
				continue;
			}
			k.kind = TK_PUNCT;
			k.ch = cp == 0x2019 || cp == 0x2018 || cp == 0x02BC ? '\'' :
			       cp == 0x2013 || cp == 0x2014 || cp == 0x2212 || cp == 0x2010 ||
			       cp == 0x2011 ? '-' : 0;
		} else if (ctl_is_alpha(c)) {
			char key[256];
			size_t kn = 0;
			bool lower = false, upper_rest = true, toolong = false;
			uint32_t j = i;
			while (j < e && ctl_is_alpha((unsigned char)t[j])) {
				lower |= ctl_is_lower((unsigned char)t[j]);
				if (kn < sizeof(key))
					key[kn++] = (char)ctl_to_lower((unsigned char)t[j]);
				else
					toolong = true;
				j++;
			}
			/* inner apostrophes join letters, but not a possessive "'s" */
			for (;;) {
				size_t a = j < e && t[j] == '\'' ? 1 :
				           j + 3 <= e && (unsigned char)t[j] == 0xE2 &&
				           (unsigned char)t[j + 1] == 0x80 &&
				           ((unsigned char)t[j + 2] == 0x99 || (unsigned char)t[j + 2] == 0x98) ? 3 : 0;
				if (!a || j + a >= e || !ctl_is_alpha((unsigned char)t[j + a]))
					break;
				uint32_t m = j + (uint32_t)a;
				while (m < e && ctl_is_alpha((unsigned char)t[m]))
					m++;
				if (m - (j + a) == 1 && (t[j + a] == 's' || t[j + a] == 'S'))
					break;
				if (kn < sizeof(key))
					key[kn++] = '\'';
				for (uint32_t p = j + (uint32_t)a; p < m; p++) {
					upper_rest &= ctl_is_upper((unsigned char)t[p]) != 0;
					if (kn < sizeof(key))
						key[kn++] = (char)ctl_to_lower((unsigned char)t[p]);
					else
						toolong = true;
				}
				j = m;
			}
			k.kind = TK_WORD;
			k.caps = ctl_is_upper(c) ? (!lower && upper_rest && j - i > 1 ? 2 : 1) : 0;
			const tx_slot *sl = !toolong && j - i <= d->maxlen ? tx_lookup(d, key, kn) : NULL;
			if (sl) {
				k.w = sl->idx;
				k.start = sl->start;
			}
			i = j;
		} else if (ctl_is_digit(c)) {
			int64_t v = 0;
			unsigned nd = 0;
			while (i < e && ctl_is_digit((unsigned char)t[i])) {
				if (v < 1000000000)
					v = v * 10 + (t[i] - '0');
				nd++;
				i++;
			}
			/* thousands groups after one to three digits: "3,800,000" */
			bool may_group = nd <= 3;
			while (may_group && i + 3 < e && t[i] == ',' && ctl_is_digit((unsigned char)t[i + 1]) &&
			       ctl_is_digit((unsigned char)t[i + 2]) && ctl_is_digit((unsigned char)t[i + 3]) &&
			       (i + 4 >= e || !ctl_is_digit((unsigned char)t[i + 4]))) {
				for (int q = 1; q <= 3; q++)
					if (v < 1000000000)
						v = v * 10 + (t[i + q] - '0');
				nd += 3;
				i += 4;
				k.grouped = 1;
			}
			k.kind = TK_NUM;
			k.ndig = nd > 255 ? 255 : (uint8_t)nd;
			k.val = (int32_t)(v > 1000000000 ? 1000000000 : v);
		} else {
			k.kind = TK_PUNCT;
			k.ch = (char)c;
			i++;
		}
		sp = 0;
		k.e = i;
		out[n++] = k;
	}
	return n;
}

/* Tokenizes t[s, e) both ways; fails with the first difference. */
static void same_tokens(const struct ctl_timex_data *d, const char *t, uint32_t s, uint32_t e,
		const char *what)
{
	static tx_tok want[8192];
	tx_tok *got = NULL;
	size_t cap = 0;
	size_t nw = ref_tokenize(d, t, s, e, want, 8192);
	size_t ng = tx_tokenize(d, t, s, e, &got, &cap);
	assert_true(nw < 8192);
	for (size_t k = 0; k < nw && k < ng; k++) {
		const tx_tok *a = &want[k], *b = &got[k];
		if (a->s != b->s || a->e != b->e || a->kind != b->kind || a->sp != b->sp ||
		    a->caps != b->caps || a->w != b->w || a->start != b->start || a->ch != b->ch ||
		    (a->kind == TK_NUM && (a->val != b->val || a->ndig != b->ndig ||
		                           a->grouped != b->grouped)))
			fail_msg("%s: token %zu at byte %u: want [%u,%u) kind %d sp %d caps %d w %d ch %d "
				"val %d, got [%u,%u) kind %d sp %d caps %d w %d ch %d val %d", what, k,
				(unsigned)a->s, (unsigned)a->s, (unsigned)a->e, a->kind, a->sp, a->caps, a->w,
				a->ch, (int)a->val, (unsigned)b->s, (unsigned)b->e, b->kind, b->sp, b->caps,
				b->w, b->ch, (int)b->val);
	}
	if (nw != ng)
		fail_msg("%s: %zu tokens, want %zu", what, ng, nw);
	free(got);
}

/* The tokenizer agrees with the plain reading: on every line of the seeds
 * and MEANTIME, on random strings of the pieces that decide where tokens
 * end (letters of both cases, digits, commas, apostrophes straight and
 * curly, white space ASCII and not, multibyte letters, invalid bytes,
 * words of the table), lines of up to 300 bytes so that tokens cross the
 * tokenizer's 64-byte blocks, and at every start and end offset of one. */
static void test_tokenizer_matches_reference(void **state)
{
	(void)state;
	ctl_resources *res = test_resources();
	const struct ctl_timex_data *d = res->timex;
	static const char *const dirs[] = { CTL_SEEDS_DIR, CTL_TEST_DATA "/meantime-apple" };
	for (size_t k = 0; k < 2; k++) {
		char **files;
		size_t nf;
		ctl_error err;
		ctl_error_clear(&err);
		assert_int_equal(ctl_list_inputs(&files, &nf, dirs[k], &err), 0);
		for (size_t f = 0; f < nf; f++) {
			size_t len;
			char *t = test_read_file(files[f], &len);
			for (uint32_t a = 0; a < len;) {
				const char *nl = memchr(t + a, '\n', len - a);
				uint32_t b = nl ? (uint32_t)(nl - t) : (uint32_t)len;
				same_tokens(d, t, a, b, files[f]);
				a = b + 1;
			}
			free(t);
			free(files[f]);
		}
		free(files);
	}
	static const char *const pieces[] = {
		"a", "b", "Z", "Q", "e", "s", "S", "x", "0", "7", "19", ",", ",000", ".", "-", "'", "'s",
		"\xe2\x80\x99", "\xe2\x80\x98", "\xe2\x80\x93", " ", " ", "  ", "\t", "\r", "\v",
		"\xc2\xa0", "\xe2\x80\x89", "\xc3\xa9", "\xd0\x96", "\xff", "\xe2\x80", "\xc3", ":", "\"",
		"May", "monday", "MONDAY", "o'clock", "the", "The", "AM", "p.m.", "week", "ago",
		"YESTERDAY", "Sept", "abcdefghijklmnopqrstuvwxyz", "2019", "3,800", "1,2345", "don't",
		"Rock'n'Roll", "O\xe2\x80\x99Neill", "D'S", "x\x01y",
	};
	size_t np = sizeof(pieces) / sizeof(pieces[0]);
	uint32_t seed = 12345;
	char buf[400];
	for (int round = 0; round < 20000; round++) {
		size_t n = 0, want = 1 + (seed >> 8) % 300;
		while (n < want) {
			seed = seed * 1103515245u + 12345u;
			const char *p = pieces[(seed >> 16) % np];
			size_t l = strlen(p);
			if (n + l >= sizeof(buf))
				break;
			memcpy(buf + n, p, l);
			n += l;
		}
		seed = seed * 1103515245u + 12345u;
		uint32_t a = (uint32_t)((seed >> 16) % 3 == 0 ? (seed >> 4) % (n + 1) : 0);
		uint32_t b = (uint32_t)((seed >> 16) % 3 == 1 ? a + (seed >> 7) % (n - a + 1) : n);
		char what[32];
		snprintf(what, sizeof(what), "random string %d", round);
		same_tokens(d, buf, a, b, what);
	}
	/* a word longer than a block and than any key */
	memset(buf, 'a', 200);
	memcpy(buf + 200, " May 3", 6);
	same_tokens(d, buf, 0, 206, "a 200-letter word");
	ctl_resources_free(res);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_seeds),
		cmocka_unit_test(test_when),
		cmocka_unit_test(test_page_lines),
		cmocka_unit_test(test_spans),
		cmocka_unit_test(test_no_dct),
		cmocka_unit_test(test_odd_input),
		cmocka_unit_test(test_long_line),
		cmocka_unit_test(test_kept_tokens),
		cmocka_unit_test(test_kept_in_workspace),
		cmocka_unit_test(test_stop_early),
		cmocka_unit_test(test_data_errors),
		cmocka_unit_test(test_tokenizer_matches_reference),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
