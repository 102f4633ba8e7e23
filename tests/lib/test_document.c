/* Ingest: UTF-8 repair without moving offsets, lines, limits, input lists. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "helpers.h"

static ctl_document *from_mem(const char *data, size_t len, size_t max, int *rc, ctl_error *err)
{
	ctl_document *doc = NULL;
	ctl_ingest_options o = { max };
	ctl_error_clear(err);
	*rc = ctl_document_from_memory(&doc, "mem.txt", data, len, &o, err);
	return doc;
}

static void test_invalid_utf8_replaced_in_place(void **state)
{
	(void)state;
	/* a stray continuation byte, a truncated sequence, an overlong form, a
	 * surrogate and a NUL: each invalid byte becomes one '?' */
	const char in[] = "ok \x80 caf\xc3\xa9 \xe2\x82 x \xc0\xaf \xed\xa0\x80 y\0z \xd0\x96";
	size_t n = sizeof(in) - 1;
	int rc;
	ctl_error err;
	ctl_document *doc = from_mem(in, n, 0, &rc, &err);
	assert_int_equal(rc, 0);
	assert_int_equal(doc->len, n);
	assert_string_equal(doc->text, "ok ? caf\xc3\xa9 ?? x ?? ??? y?z \xd0\x96");
	assert_int_equal(doc->invalid_bytes, 1 + 2 + 2 + 3 + 1);
	assert_int_equal(doc->first_invalid, 3);
	assert_string_equal(doc->id, "mem");
	ctl_document_free(doc);
}

static void test_lines_crlf(void **state)
{
	(void)state;
	const char *in = "Title line\r\n\r\nBody one.\r\nlast";
	int rc;
	ctl_error err;
	ctl_document *doc = from_mem(in, strlen(in), 0, &rc, &err);
	assert_int_equal(rc, 0);
	assert_int_equal(doc->nlines, 4);
	assert_int_equal(doc->lines[0].start, 0);
	assert_int_equal(doc->lines[0].end, 10);
	assert_int_equal(doc->lines[1].start, doc->lines[1].end);
	assert_memory_equal(doc->text + doc->lines[2].start, "Body one.", 9);
	assert_int_equal(doc->lines[2].end - doc->lines[2].start, 9);
	assert_memory_equal(doc->text + doc->lines[3].start, "last", 4);
	ctl_document_free(doc);
}

static void test_empty_and_binary_and_limit(void **state)
{
	(void)state;
	int rc;
	ctl_error err;
	ctl_document *doc = from_mem("", 0, 0, &rc, &err);
	assert_int_equal(rc, 0);
	assert_int_equal(doc->nlines, 0);
	ctl_document_free(doc);

	unsigned char bin[2048];
	for (size_t i = 0; i < sizeof(bin); i++)
		bin[i] = (unsigned char)(i * 37 + 11);
	doc = from_mem((const char *)bin, sizeof(bin), 0, &rc, &err);
	assert_int_equal(rc, CTL_EDATA);
	assert_null(doc);
	assert_non_null(strstr(err.msg, "mem.txt: binary file"));

	char big[100];
	memset(big, 'a', sizeof(big));
	doc = from_mem(big, sizeof(big), 50, &rc, &err);
	assert_int_equal(rc, CTL_ELIMIT);
	assert_null(doc);
	assert_non_null(strstr(err.msg, "mem.txt:"));
	assert_non_null(strstr(err.msg, "limit"));

	/* lines: one per 16 bytes of the limit, and at least 65,536 (about 90
	 * bytes of tables each: 16 MB of line breaks would take 1.4 GB) */
	size_t n = 1048576;
	char *nl = malloc(n);
	memset(nl, '\n', n);
	doc = from_mem(nl, 65535, 0, &rc, &err);
	assert_int_equal(rc, 0);
	assert_int_equal(doc->nlines, 65535); /* 65,536 lines, the last one empty and not listed */
	ctl_document_free(doc);
	doc = from_mem(nl, 100000, 100000, &rc, &err); /* 100,001 lines */
	assert_int_equal(rc, CTL_ELIMIT);
	assert_null(doc);
	assert_non_null(strstr(err.msg, "mem.txt: more than 65536 lines"));
	doc = from_mem(nl, 65535, 100000, &rc, &err);
	assert_int_equal(rc, 0);
	ctl_document_free(doc);
	doc = from_mem(nl, n, 0, &rc, &err);
	assert_int_equal(rc, CTL_ELIMIT);
	assert_null(doc);
	assert_non_null(strstr(err.msg, "mem.txt: more than 1048576 lines"));
	/* the breaks put back in a page on one line count too: 174,762
	 * sentences on one line, within 16 MB but not within 1 MB */
	for (size_t i = 0; i + 6 <= n; i += 6)
		memcpy(nl + i, "Done. ", 6);
	doc = from_mem(nl, n - 1, 0, &rc, &err);
	assert_int_equal(rc, 0);
	assert_true(doc->split > 65536);
	ctl_document_free(doc);
	doc = from_mem(nl, n - 1, n, &rc, &err);
	assert_int_equal(rc, CTL_ELIMIT);
	assert_non_null(strstr(err.msg, "mem.txt: more than 65536 lines"));
	free(nl);
}

static void test_read_errors(void **state)
{
	(void)state;
	ctl_document *doc = NULL;
	ctl_error err;
	ctl_error_clear(&err);
	assert_int_equal(ctl_document_read(&doc, "/nonexistent/x.txt", NULL, &err), CTL_ENOTFOUND);
	assert_string_equal(err.msg, "/nonexistent/x.txt: no such file or directory");
	assert_int_equal(ctl_document_read(&doc, CTL_SEEDS_DIR, NULL, &err), CTL_EIO);
	assert_non_null(strstr(err.msg, "is a directory"));
	ctl_ingest_options small = { 100 };
	char path[1024];
	snprintf(path, sizeof(path), "%s/000_53e12349ee943d46.txt", CTL_SEEDS_DIR);
	assert_int_equal(ctl_document_read(&doc, path, &small, &err), CTL_ELIMIT);
	assert_non_null(strstr(err.msg, "per-document limit of 100 bytes"));
}

static void test_list_inputs(void **state)
{
	(void)state;
	char **files;
	size_t n;
	ctl_error err;
	ctl_error_clear(&err);
	assert_int_equal(ctl_list_inputs(&files, &n, CTL_SEEDS_DIR, &err), 0);
	assert_int_equal(n, 5);
	for (size_t i = 0; i < n; i++) {
		if (i)
			assert_true(strcmp(files[i - 1], files[i]) < 0);
		assert_non_null(strstr(files[i], ".txt"));
	}
	for (size_t i = 0; i < n; i++)
		free(files[i]);
	free(files);

	char dir[] = "/tmp/ctl-test-XXXXXX";
	assert_non_null(mkdtemp(dir));
	assert_int_equal(ctl_list_inputs(&files, &n, dir, &err), CTL_ENOTFOUND);
	assert_non_null(strstr(err.msg, "no *.txt articles"));
	rmdir(dir);
	assert_int_equal(ctl_list_inputs(&files, &n, "/nonexistent", &err), CTL_ENOTFOUND);
}

/* Wraps each line of src at `width` characters the way fmt does: the space
 * where a line is cut becomes the line break (eol "\n" or "\r\n": then the
 * space before it becomes the '\r'), so every offset stays. */
static char *wrap(const char *src, unsigned width, bool crlf)
{
	char *t = strdup(src);
	assert_non_null(t);
	size_t n = strlen(t), line = 0, last_space = SIZE_MAX, chars = 0;
	for (size_t i = 0; i < n; i++) {
		if (t[i] == '\n') {
			line = i + 1;
			chars = 0;
			last_space = SIZE_MAX;
			continue;
		}
		if (((unsigned char)t[i] & 0xC0) != 0x80)
			chars++;
		if (t[i] == ' ')
			last_space = i;
		if (chars > width && last_space != SIZE_MAX && last_space > line) {
			if (crlf && last_space > line + 1 && t[last_space - 1] == ' ')
				t[last_space - 1] = '\r';
			t[last_space] = '\n';
			line = last_space + 1;
			chars = 0;
			for (size_t k = line; k <= i; k++)
				chars += ((unsigned char)t[k] & 0xC0) != 0x80;
			last_space = SIZE_MAX;
		}
	}
	return t;
}

static const char *const prose =
	"Talks on cyber security resume in Geneva\n"
	"GENEVA, March 3 (Wire) - Delegations from both countries met on Tuesday for the first round of talks on cyber security in two years, officials said.  The meeting lasted five hours and ended without a joint statement.\n"
	"\n"
	"The head of the delegation, Anna Weber, told reporters that the two sides had agreed to meet again in April and to set up a working group on ransomware attacks against hospitals.  \"We are not there yet, but the door is open,\" she said.\n"
	"\n"
	"Omar Haddad, who led the other delegation, called the talks constructive and said his government was ready to share information about criminal groups operating from its territory, provided the other side did the same.\n"
	"\n"
	"Earlier this year both governments accused each other of attacks on their energy grids and election systems, and a planned meeting in January was called off at the last minute.\n";

/* A hard-wrapped article reads as the same sentences as the article
 * written a paragraph a line: the breaks inside its paragraphs become
 * spaces (in place), whatever the width and line ending; a page of short
 * lines and the seeds, written a paragraph a line, are left as they are. */
static void test_hard_wrapped_text(void **state)
{
	(void)state;
	ctl_resources *res = test_resources();
	ctl_error err;
	ctl_error_clear(&err);
	ctl_document *orig = test_doc(res, prose);
	assert_int_equal(orig->wrap_width, 0);
	assert_int_equal(orig->nsentences, 6);
	/* widths the 40-character headline is well short of (a headline that
	 * fills a line would be read as the start of the paragraph under it) */
	static const unsigned widths[] = { 56, 60, 72, 79 };
	for (size_t w = 0; w < 4; w++)
		for (int crlf = 0; crlf < 2; crlf++) {
			char *t = wrap(prose, widths[w], crlf);
			ctl_document *doc = NULL;
			assert_int_equal(ctl_document_from_memory(&doc, "wrapped.txt", t, strlen(t), NULL, &err), 0);
			assert_true(doc->wrap_width > widths[w] - 8 && doc->wrap_width <= widths[w]);
			assert_true(doc->unwrapped >= 5);
			assert_int_equal(doc->len, strlen(prose));
			assert_int_equal(ctl_document_analyze(doc, res, &err), 0);
			assert_int_equal(doc->nsentences, orig->nsentences);
			for (size_t i = 0; i < doc->nsentences; i++) {
				assert_int_equal(doc->sentences[i].start, orig->sentences[i].start);
				assert_int_equal(doc->sentences[i].end, orig->sentences[i].end);
			}
			ctl_document_free(doc);
			free(t);
		}
	ctl_document_free(orig);

	/* headlines, one a line, of about the same length: not a wrapped page */
	const char *list =
		"Most read\n"
		"Parliament approves the budget after a night of talks in the capital\n"
		"Storm leaves thousands without power along the northern coast lines\n"
		"Central bank holds interest rates steady as inflation slows down\n"
		"Football: the cup final ends in a draw after extra time and penalties\n"
		"Police arrest three men after a series of break-ins in the old town\n"
		"New hospital wing opens two years late and forty percent over budget\n"
		"Airline cancels flights as cabin crew walk out over pay and hours\n"
		"Museum returns stolen paintings to the family of the first owner\n"
		"Teachers vote to accept a pay offer ending a month of strikes now\n"
		"Scientists find a new species of frog in the mountains of the south\n";
	ctl_document *doc = test_doc(res, list);
	assert_int_equal(doc->wrap_width, 0);
	assert_int_equal(doc->unwrapped, 0);
	assert_int_equal(memcmp(doc->text, list, strlen(list)), 0);
	ctl_document_free(doc);

	static const char *const seeds[] = {
		"000_53e12349ee943d46.txt", "001_a868eae481f18e53.txt", "002_bc849348ce8e31ef.txt",
		"003_e83a1a70aa5813d0.txt", "004_e1287d59b61e8f81.txt",
	};
	for (size_t i = 0; i < 5; i++) {
		doc = test_seed(res, seeds[i]);
		assert_int_equal(doc->wrap_width, 0);
		ctl_document_free(doc);
	}
	ctl_resources_free(res);
}

/* A page flattened to one line (menus, headline, paragraphs, a sidebar and
 * a template placeholder, which would drop a line whole) gets its breaks
 * back at runs of spaces and sentence ends, in place: the paragraphs are
 * kept, the furniture is not, "Mr." and "U.S." do not end a line. */
static void test_page_on_one_line(void **state)
{
	(void)state;
	ctl_resources *res = test_resources();
	char page[4096];
	int n = snprintf(page, sizeof(page),
		"Home  News  World  Business  Sport  Video  "
		"Talks on cyber security resume in Geneva  "
		"%s  "
		"Mr. Smith, an adviser to U.S. President Jones, attended the talks as an observer and said little.  "
		"Most read  Share this article  Follow us  {{item.title}}  {{item.summary}}\n",
		"GENEVA, March 3 (Wire) - Delegations from both countries met on Tuesday for the first round of talks on cyber security in two years, officials said. The meeting lasted five hours and ended without a joint statement.  "
		"The head of the delegation, Anna Weber, told reporters that the two sides had agreed to meet again in April and to set up a working group on ransomware attacks against hospitals. \"We are not there yet, but the door is open,\" she said.  "
		"Omar Haddad, who led the other delegation, called the talks constructive and said his government was ready to share information about criminal groups operating from its territory, provided the other side did the same.  "
		"Earlier this year both governments accused each other of attacks on their energy grids and election systems, and a planned meeting in January was called off at the last minute.");
	assert_true(n > 1000 && n < (int)sizeof(page));
	ctl_document *doc = test_doc(res, page);
	assert_true(doc->split >= 6);
	assert_int_equal(doc->len, (size_t)n);
	assert_int_equal(doc->wrap_width, 0);
	assert_true(test_kept(doc, "Delegations from both countries met on Tuesday"));
	assert_true(test_kept(doc, "the door is open"));
	assert_true(test_kept(doc, "Omar Haddad, who led the other delegation"));
	assert_true(test_kept(doc, "Mr. Smith, an adviser to U.S. President Jones"));
	assert_false(test_kept(doc, "{{item.title}}"));
	/* only spaces became line breaks, and not after an abbreviation */
	for (int i = 0; i < n; i++)
		if (doc->text[i] != page[i])
			assert_true(page[i] == ' ' && doc->text[i] == '\n');
	const char *mr = strstr(doc->text, "Mr.");
	assert_non_null(mr);
	assert_int_equal(mr[3], ' ');
	ctl_document_free(doc);

	/* a short article on one line is left as it is */
	const char *shortpage = "Talks resume  Delegations met on Tuesday in Geneva. The meeting lasted five hours.\n";
	doc = test_doc(res, shortpage);
	assert_int_equal(doc->split, 0);
	assert_string_equal(doc->text, shortpage);
	ctl_document_free(doc);
	ctl_resources_free(res);
}

/* An HTML page given as an article is told (and read as a page); text
 * with a stray tag of broken markup in it is not. */
static void test_html_page_told(void **state)
{
	(void)state;
	int rc;
	ctl_error err;
	const char *page = "\xEF\xBB\xBF\n  <!DOCTYPE html>\n<html><head><title>Talks</title></head>"
		"<body><p>Delegations met on Tuesday.</p></body></html>\n";
	ctl_document *doc = from_mem(page, strlen(page), 0, &rc, &err);
	assert_int_equal(rc, 0);
	assert_true(doc->markup);
	ctl_document_free(doc);
	const char *body = "<meta charset=\"utf-8\">\n<BODY class=\"x\">\nDelegations met on Tuesday.\n";
	doc = from_mem(body, strlen(body), 0, &rc, &err);
	assert_true(doc->markup);
	ctl_document_free(doc);
	const char *text = "Talks resume\n\nDelegations met on <b>Tuesday</b> in the <html> lab "
		"and at <body>.\n";
	doc = from_mem(text, strlen(text), 0, &rc, &err);
	assert_false(doc->markup);
	ctl_document_free(doc);
}

/* The text a document makes of `in` (same length, NUL-terminated). */
static void assert_unmarked(const char *in, const char *want, size_t count)
{
	int rc;
	ctl_error err;
	ctl_document *doc = from_mem(in, strlen(in), 0, &rc, &err);
	assert_int_equal(rc, 0);
	assert_int_equal(doc->len, strlen(in));
	if (strcmp(doc->text, want) || doc->unmarked != count)
		fail_msg("'%s' became '%s' (%zu rewritten), wanted '%s' (%zu)", in, doc->text,
			doc->unmarked, want, count);
	ctl_document_free(doc);
}

/* HTML left in scraped text is rewritten in place: tags as white space (a
 * block's as a line break between text), references as their characters;
 * only the rest of a word that held markup moves. */
static void test_html_left_in_text(void **state)
{
	(void)state;
	/* a break tag between two sentences ends the line; one at a line's
	 * end, or at its start, adds no line */
	assert_unmarked("Signed in Dallas.<br>\nJohn met Joe.<br/>Talks ended.<BR >\n",
		"Signed in Dallas.    \nJohn met Joe.    \nTalks ended.     \n", 3);
	assert_unmarked("<p>Text here.</p>\n<div class=\"x\">More.</div>",
		"   Text here.    \n" "               More.      ", 4);
	/* the spaces go where white space already is; inside a word the rest
	 * of the word moves left and the spaces follow it */
	assert_unmarked("AT&amp;T said &quot;no&quot; on <b>Biden</b>'s plan",
		"AT&T     said      \"no\"      on    Biden's     plan", 5);
	assert_unmarked("&nbsp;two&nbsp;&nbsp;words&#160;", "      two            words      ", 4);
	/* numeric references, in decimal and hex; a comment is nothing */
	assert_unmarked("Putin&#8217;s x&#x2019;s <!-- ad --> &#233;t&#xE9;",
		"Putin\xE2\x80\x99s     x\xE2\x80\x99s" "                      "
		"\xC3\xA9t\xC3\xA9    ", 5);
	/* Markdown: a link is its text, an image nothing, "**strong**" its
	 * words, a heading's '#'s nothing */
	assert_unmarked("# Talks\nChancellor [Angela Merkel](https://x.example/a_b) and **Emmanuel Macron** met.",
		"  Talks\nChancellor  Angela Merkel" "                         and   Emmanuel Macron   met.", 3);
	assert_unmarked("See ![a photo](/p.jpg) as [Reuters](https://r.example/). Also __this__ and [](x).",
		"See                    as  Reuters." "                      Also   this   and      .", 4);
	assert_unmarked("[**Bold link**](u) ok", "   Bold link       ok", 2);
	/* no Markdown: left as it is */
	const char *md = "5 * 3 = 15, a_b, x**2, ** no **, [1], [a] (b), [a](b c), #hashtag, ## x, "
		"a # b, ####### h, !important";
	assert_unmarked(md, md, 0);
	/* no tag, no reference: left as it is */
	const char *plain = "x < y, R&D, &foo; &#0; &#55296; &amp <Reuters> <b <brand> AT&T <!-- x "
		"<script>f()</script>";
	assert_unmarked(plain, plain, 0);
	/* a tag does not span lines */
	assert_unmarked("a <span\nclass=x> b", "a <span\nclass=x> b", 0);
	/* the lines follow the text as rewritten */
	int rc;
	ctl_error err;
	const char *two = "One said so.<br>Two said no.";
	ctl_document *doc = from_mem(two, strlen(two), 0, &rc, &err);
	assert_int_equal(doc->nlines, 2);
	assert_int_equal(doc->lines[1].start, 16);
	ctl_document_free(doc);
	/* a whole page: its line breaks are spaces, what its head, scripts and
	 * styles hold is nothing, any tag is one, blocks are paragraphs */
	const char *page = "<!doctype html><html><head><title>T</title>\n<script>var a = \"<p>x</p>\";"
		"</script><style>p{}</style></head>\n<body><my-menu><ul><li><a href=\"/?a=1&b=2\">Home</a>"
		"</li><li>World</li></ul></my-menu><h1>Talks\nresume</h1><p class='a>b'>Delegations "
		"met&nbsp;on <b>Tuesday</b>.</p><SCRIPT src=x></SCRIPT></body></html>\n";
	doc = from_mem(page, strlen(page), 0, &rc, &err);
	assert_true(doc->markup);
	assert_int_equal(doc->len, strlen(page));
	char got[256] = "";
	for (size_t i = 0; i < doc->nlines; i++) {
		const ctl_line *l = &doc->lines[i];
		uint32_t a = l->start, b = l->end;
		while (a < b && doc->text[a] == ' ')
			a++;
		while (b > a && doc->text[b - 1] == ' ')
			b--;
		snprintf(got + strlen(got), sizeof(got) - strlen(got), "%.*s|", (int)(b - a), doc->text + a);
	}
	assert_string_equal(got, "Home|World||Talks resume||Delegations met      on    Tuesday.|||");
	assert_string_equal(doc->dct_source, ""); /* no date in its metadata */
	ctl_document_free(doc);
	/* the publication date a page's metadata states is its date: Open
	 * Graph's before schema.org's, the date as written */
	const char *meta = "<!DOCTYPE html><html><head><script type=\"application/ld+json\">"
		"{\"datePublished\": \"2011-01-01\"}</script><meta property=\"article:published_time\" "
		"content=\"2019-03-14T23:30:00-05:00\"></head><body><p>Text.</p></body></html>";
	doc = from_mem(meta, strlen(meta), 0, &rc, &err);
	assert_string_equal(doc->dct_source, "page-metadata");
	char day[11];
	ctl_day_format(doc->dct.earliest, day);
	assert_string_equal(day, "2019-03-14");
	assert_int_equal(doc->dct.earliest, doc->dct.latest);
	ctl_document_free(doc);
	/* an impossible date is no date; text (not a page) is not read so */
	const char *bad[] = {
		"<html><head><meta name=\"pubdate\" content=\"2019-02-30\"></head><body>x</body></html>",
		"The datePublished field said 2019-03-14 in the feed.",
	};
	for (size_t i = 0; i < 2; i++) {
		doc = from_mem(bad[i], strlen(bad[i]), 0, &rc, &err);
		assert_string_equal(doc->dct_source, "");
		ctl_document_free(doc);
	}
	/* many tags on one line: each is rewritten (and no scan repeats) */
	size_t n = 200000;
	char *many = malloc(n * 4 + 8);
	for (size_t i = 0; i < n; i++)
		memcpy(many + i * 4, i % 2 ? "<br>" : "w w ", 4);
	strcpy(many + n * 4, "end.");
	doc = from_mem(many, strlen(many), 0, &rc, &err);
	assert_int_equal(doc->unmarked, n / 2);
	assert_int_equal(doc->nlines, n / 2 + 1);
	ctl_document_free(doc);
	free(many);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_invalid_utf8_replaced_in_place),
		cmocka_unit_test(test_lines_crlf),
		cmocka_unit_test(test_empty_and_binary_and_limit),
		cmocka_unit_test(test_read_errors),
		cmocka_unit_test(test_list_inputs),
		cmocka_unit_test(test_hard_wrapped_text),
		cmocka_unit_test(test_page_on_one_line),
		cmocka_unit_test(test_html_page_told),
		cmocka_unit_test(test_html_left_in_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
