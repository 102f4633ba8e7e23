/*
 * Segmentation: made-up texts with their expected sentences (abbreviations,
 * initials, quotes, brackets, decimals, ellipses, datelines), and the
 * invariants of the spans on the seed articles.
 */
#include <stdlib.h>
#include <string.h>
#include "helpers.h"

#define MAX_SENTENCES 6

typedef struct seg_case {
	const char *text;
	const char *expect[MAX_SENTENCES];   /* NULL-terminated */
} seg_case;

static const seg_case cases[] = {
	{ "Dr. Smith met Mr. Jones in St. Petersburg on Jan. 24. They talked.",
	  { "Dr. Smith met Mr. Jones in St. Petersburg on Jan. 24.", "They talked." } },
	{ "The U.S. Senate voted on Friday. It passed the bill.",
	  { "The U.S. Senate voted on Friday.", "It passed the bill." } },
	{ "He moved to the U.S. The move was quick.",
	  { "He moved to the U.S.", "The move was quick." } },
	{ "Apple Inc. said profits rose 3.5 percent. Shares fell 0.7%.",
	  { "Apple Inc. said profits rose 3.5 percent.", "Shares fell 0.7%." } },
	{ "Donald J. Trump arrived at 9 a.m. on Friday.",
	  { "Donald J. Trump arrived at 9 a.m. on Friday." } },
	{ "The meeting ended at 5 p.m. The talks resume on Monday.",
	  { "The meeting ended at 5 p.m.", "The talks resume on Monday." } },
	{ "Cyber security gets attention \"as this sphere is becoming increasingly risky.\" According to him, it creates threats.",
	  { "Cyber security gets attention \"as this sphere is becoming increasingly risky.\"",
	    "According to him, it creates threats." } },
	{ "\"Why not?\" he asked. \"Because,\" she said.",
	  { "\"Why not?\" he asked.", "\"Because,\" she said." } },
	{ "\"We are ready to talk.\" he said. \xe2\x80\x9cWe will.\xe2\x80\x9d Then silence.",
	  { "\"We are ready to talk.\" he said.", "\xe2\x80\x9cWe will.\xe2\x80\x9d", "Then silence." } },
	{ "Wait... what happened? Nobody knows! Really?! Yes.",
	  { "Wait... what happened?", "Nobody knows!", "Really?!", "Yes." } },
	{ "He paused\xe2\x80\xa6 Then he left.",
	  { "He paused\xe2\x80\xa6", "Then he left." } },
	{ "Growth was 2.5 percent in 2016. In 2017 it was 3.1 percent.",
	  { "Growth was 2.5 percent in 2016.", "In 2017 it was 3.1 percent." } },
	{ "DAVOS, January 24. /TASS/. Russian Minister spoke at a lunch. He left early.",
	  { "DAVOS, January 24. /TASS/. Russian Minister spoke at a lunch.", "He left early." } },
	{ "See No. 5 on p. 12 for details. Thanks to all.",
	  { "See No. 5 on p. 12 for details.", "Thanks to all." } },
	{ "(This is in brackets.) And this follows it.",
	  { "(This is in brackets.)", "And this follows it." } },
	{ "They met in cities, e.g. in Paris. Then they left.",
	  { "They met in cities, e.g. in Paris.", "Then they left." } },
	{ "The U.K. and the E.U. agreed. Talks end today.",
	  { "The U.K. and the E.U. agreed.", "Talks end today." } },
	{ "  Leading and trailing space is trimmed.  \t",
	  { "Leading and trailing space is trimmed." } },
	{ "He said so.\xc2\xa0Then he left.\xc2\xa0",
	  { "He said so.", "Then he left." } },
	{ "A line without a full stop",
	  { "A line without a full stop" } },
	{ "First sentence here. Second one here.\nThird one on a new line. Fourth.\n\n",
	  { "First sentence here.", "Second one here.", "Third one on a new line.", "Fourth." } },
	{ "", { NULL } },
};

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

/* Segments `text` with every line taken as body (cleaning bypassed). */
static ctl_document *segment_text(const char *text)
{
	ctl_document *doc = NULL;
	ctl_error err;
	ctl_error_clear(&err);
	if (ctl_document_from_memory(&doc, "seg.txt", text, strlen(text), NULL, &err))
		fail_msg("%s", err.msg);
	for (size_t i = 0; i < doc->nlines; i++)
		doc->lines[i].kind = CTL_LINE_BODY;
	if (ctl_segment(doc, res, &err))
		fail_msg("%s", err.msg);
	return doc;
}

/* The table, each text after `lead` spaces (trimmed from the sentences):
 * the splitter skips text in blocks of eight bytes, so every mark must be
 * found at every offset within a block. */
static void check_table(size_t lead)
{
	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		size_t tl = strlen(cases[c].text);
		char *text = malloc(lead + tl + 1);
		memset(text, ' ', lead);
		memcpy(text + lead, cases[c].text, tl + 1);
		ctl_document *doc = segment_text(text);
		free(text);
		size_t n = 0;
		while (n < MAX_SENTENCES && cases[c].expect[n])
			n++;
		for (size_t k = 0; k < doc->nsentences && k < n; k++) {
			const ctl_span *s = &doc->sentences[k];
			size_t len = s->end - s->start;
			if (len != strlen(cases[c].expect[k]) ||
			    memcmp(doc->text + s->start, cases[c].expect[k], len))
				fail_msg("case %zu after %zu spaces, sentence %zu: got '%.*s', want '%s'", c,
					lead, k, (int)len, doc->text + s->start, cases[c].expect[k]);
		}
		if (doc->nsentences != n)
			fail_msg("case %zu ('%s') after %zu spaces: %zu sentences, want %zu", c,
				cases[c].text, lead, doc->nsentences, n);
		ctl_document_free(doc);
	}
}

static void test_sentence_table(void **state)
{
	(void)state;
	for (size_t lead = 0; lead < 9; lead++)
		check_table(lead);
}

static void test_only_body_lines(void **state)
{
	(void)state;
	ctl_document *doc = segment_text("Kept line one. Kept two.\nDropped line. Gone.\nHeadline here\n");
	doc->lines[1].kind = CTL_LINE_FURNITURE;
	doc->lines[2].kind = CTL_LINE_TITLE;
	ctl_error err;
	ctl_error_clear(&err);
	assert_int_equal(ctl_segment(doc, res, &err), 0);   /* again: replaces */
	assert_int_equal(doc->nsentences, 2);
	assert_true(doc->sentences[1].end <= doc->lines[0].end);
	ctl_document_free(doc);
}

static bool space_at(const char *t, uint32_t p)
{
	unsigned char c = (unsigned char)t[p];
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	       (c == 0xC2 && (unsigned char)t[p + 1] == 0xA0) ||
	       (c == 0xA0 && p > 0 && (unsigned char)t[p - 1] == 0xC2);
}

static void test_seed_spans(void **state)
{
	(void)state;
	const char *files[] = {
		"000_53e12349ee943d46.txt", "001_a868eae481f18e53.txt", "002_bc849348ce8e31ef.txt",
		"003_e83a1a70aa5813d0.txt", "004_e1287d59b61e8f81.txt",
	};
	for (size_t f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
		ctl_document *doc = test_seed(res, files[f]);
		assert_true(doc->nsentences >= 5);
		size_t line = 0;
		uint32_t prev_end = 0;
		for (size_t k = 0; k < doc->nsentences; k++) {
			const ctl_span *s = &doc->sentences[k];
			assert_true(s->start < s->end);
			assert_true(s->start >= prev_end);          /* text order, no overlap */
			prev_end = s->end;
			while (line < doc->nlines && doc->lines[line].end < s->end)
				line++;
			assert_true(line < doc->nlines);
			const ctl_line *l = &doc->lines[line];
			if (l->kind != CTL_LINE_BODY || s->start < l->start || s->end > l->end)
				fail_msg("%s: sentence %zu (%u-%u) outside one body line", files[f], k,
					s->start, s->end);
			assert_false(space_at(doc->text, s->start));
			assert_false(space_at(doc->text, s->end - 1));
		}
		ctl_document_free(doc);
	}
}

/* The dateline stays with its sentence; a quote closes its sentence. */
static void test_seed_boundaries(void **state)
{
	(void)state;
	ctl_document *doc = test_seed(res, "000_53e12349ee943d46.txt");
	bool dateline = false;
	for (size_t k = 0; k < doc->nsentences; k++) {
		const char *s = doc->text + doc->sentences[k].start;
		size_t n = doc->sentences[k].end - doc->sentences[k].start;
		assert_true(n > 12);     /* no one-word fragments */
		if (!strncmp(s, "DAVOS, January 24. /TASS/. Russian Minister", 43))
			dateline = true;
	}
	assert_true(dateline);
	ctl_document_free(doc);

	doc = test_seed(res, "002_bc849348ce8e31ef.txt");
	bool quote_end = false;
	for (size_t k = 0; k < doc->nsentences; k++) {
		const ctl_span *s = &doc->sentences[k];
		const char *want = "increasingly risky.\"";
		size_t w = strlen(want);
		if (s->end - s->start > w && !memcmp(doc->text + s->end - w, want, w)) {
			quote_end = true;
			assert_true(k + 1 < doc->nsentences);
			assert_memory_equal(doc->text + doc->sentences[k + 1].start, "According to Lavrov", 19);
		}
	}
	assert_true(quote_end);
	ctl_document_free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sentence_table),
		cmocka_unit_test(test_only_body_lines),
		cmocka_unit_test(test_seed_spans),
		cmocka_unit_test(test_seed_boundaries),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
