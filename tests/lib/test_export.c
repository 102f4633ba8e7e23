/* Exports: CSV round trips with awkward text, the formula guard, header
 * order, TimelineJS shape, GraphML and DOT validity, HTML escaping. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <csv.h>
#include <cjson/cJSON.h>
#include <ctimeline/export.h>
#include "helpers.h"

/*
 * The report renders through Graphviz, whose font stack leaves memory
 * behind that is not ours: under LeakSanitizer this test uses the
 * suppressions of tests/lsan.supp (the same two entries, with full stacks
 * so that they match), as the rendering tests do. Without a sanitizer these
 * functions are never called.
 */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_options(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:scan_graph_mode\nleak:libfontconfig.so\n";
}
const char *__lsan_default_options(void)
{
	return "fast_unwind_on_malloc=0";
}

static char *sdup(const char *s) { return s ? strdup(s) : NULL; }

static void add_event(ctl_timeline *tl, const char *id, ctl_interval when, const char *title,
		const char *type, const char *place)
{
	ctl_event *e = ctl_timeline_add_event(tl);
	e->id = sdup(id);
	e->when = when;
	e->title = sdup(title);
	e->type = sdup(type);
	e->place = sdup(place);
	e->trigger = (ctl_ref){ tl->nevents % 2, 3, 9, sdup("met") };
}

static void add_source(ctl_event *e, size_t doc, uint32_t start, uint32_t end, const char *text)
{
	e->sources = realloc(e->sources, (e->nsources + 1) * sizeof(ctl_ref));
	e->sources[e->nsources++] = (ctl_ref){ doc, start, end, sdup(text) };
}

static void add_actor_to(ctl_event *e, size_t a)
{
	e->actors = realloc(e->actors, (e->nactors + 1) * sizeof(size_t));
	e->actors[e->nactors++] = a;
}

/* Awkward text everywhere: commas, quotes, newlines, formula openers,
 * apostrophes, semicolons, Cyrillic and accents. */
static ctl_timeline *awkward(void)
{
	ctl_timeline *tl = ctl_timeline_new();
	ctl_doc_info *d = ctl_timeline_add_doc_info(tl);
	d->id = sdup("doc, one");
	d->path = sdup("dir/doc, \"one\".txt");
	d->title = sdup("\xd0\x9c\xd0\xb8\xd1\x80 \"quoted\", caf\xc3\xa9");
	d->dct = ctl_interval_day(ctl_day_from_ymd(2017, 7, 12), CTL_CERT_STATED);
	d->dct_source = sdup("header");
	d = ctl_timeline_add_doc_info(tl);
	d->id = sdup("d2;x");
	d->path = sdup("=cmd|' /C calc'!A0");
	d->dct.earliest = ctl_day_from_ymd(2017, 3, 30);
	d->dct.latest = ctl_day_from_ymd(2017, 12, 31);
	d->dct_source = sdup("content-bounds");

	ctl_actor *a = ctl_timeline_add_actor(tl);
	a->id = sdup("a1");
	a->name = sdup("\xd0\xa1\xd0\xb5\xd1\x80\xd0\xb3\xd0\xb5\xd0\xb9 Petrov-\xc3\x89mile, Jr.");
	a->type = CTL_ACTOR_PERSON;
	a->naliases = 3;
	a->aliases = calloc(3, sizeof(char *));
	a->aliases[0] = sdup("Mr; Semicolon");
	a->aliases[1] = sdup("@handle");
	a->aliases[2] = sdup("\"Q\"");
	a->nmentions = 2;
	a->mentions = calloc(2, sizeof(ctl_ref));
	a->mentions[0] = (ctl_ref){ 0, 10, 21, NULL };
	a->mentions[1] = (ctl_ref){ 1, 0, 4, NULL };
	a = ctl_timeline_add_actor(tl);
	a->id = sdup("a2");
	a->name = sdup("=HYPERLINK(\"http://x\")");
	a->type = CTL_ACTOR_ORGANIZATION;
	a = ctl_timeline_add_actor(tl);
	a->id = sdup("a3");
	a->name = sdup("Semi;colon Org");
	a->type = CTL_ACTOR_GROUP;

	static const char *const titles[] = {
		"Plain, with a comma",
		"=1+1",
		"+SUM(A1:A9)",
		"-2 degrees",
		"@mention",
		"\ttab first",
		"\rcarriage return first",
		"'apostrophe first",
		"'=apostrophe then equals",
		"''+two apostrophes then plus",
		"'",
		"multi\nline \"quoted\"\r\nwith CRLF",
		"\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82, na\xc3\xafve caf\xc3\xa9 \xe2\x80\x94 \xe6\x97\xa5\xe6\x9c\xac",
		"",
		"trailing backslash \\",
		"<script>alert('x')</script> & more",
	};
	size_t n = sizeof(titles) / sizeof(titles[0]);
	for (size_t i = 0; i < n; i++) {
		char id[16];
		snprintf(id, sizeof(id), "e%zu", i + 1);
		ctl_interval when;
		switch (i % 5) {
		case 0: when = ctl_interval_day(ctl_day_from_ymd(2017, 7, 12), CTL_CERT_STATED); break;
		case 1: when = ctl_interval_month(2016, 11, CTL_CERT_INFERRED); break;
		case 2: when = ctl_interval_year(2015, CTL_CERT_STATED); break;
		case 3:
			when = ctl_interval_unknown();
			when.earliest = ctl_day_from_ymd(2017, 3, 30);
			when.latest = ctl_day_from_ymd(2017, 12, 31);
			break;
		default: when = ctl_interval_unknown(); break;
		}
		add_event(tl, id, when, titles[i], i % 3 ? "meeting" : "=statement",
			i % 2 ? NULL : "Z\xc3\xbcrich, \"CH\"");
		ctl_event *e = &tl->events[tl->nevents - 1];
		if (i % 4 == 0) {
			add_actor_to(e, 0);
			add_actor_to(e, 1);
		}
		if (i % 4 == 1)
			add_actor_to(e, 2);
		switch (i % 4) {
		case 0:
			add_source(e, 0, 0, 30, "He said: \"we agree; fully\", then left.");
			break;
		case 1:
			add_source(e, 1, 5, 50, "First; source.");
			add_source(e, 0, 60, 90, "");
			break;
		case 2:
			add_source(e, 0, 1, 2, "=A; ;B");
			add_source(e, 1, 3, 4, "; leading semicolon");
			add_source(e, 1, 5, 6, "trailing semicolon;");
			add_source(e, 0, 7, 8, "  spaced  ");
			break;
		default:
			add_source(e, 1, 0, 10, "line one\nline two, \xd0\xb4\xd0\xb0");
			break;
		}
	}
	return tl;
}

static char *to_json(const ctl_timeline *tl)
{
	char *s = NULL;
	ctl_error err;
	ctl_error_clear(&err);
	if (ctl_timeline_to_json(&s, tl, &err))
		fail_msg("%s", err.msg);
	return s;
}

static ctl_timeline *from_files(const ctl_csv_files *f)
{
	ctl_csv_source src[CTL_CSV_NTABLES];
	for (int i = 0; i < CTL_CSV_NTABLES; i++)
		src[i] = (ctl_csv_source){ ctl_csv_table_file(i), f->data[i], f->len[i] };
	ctl_timeline *tl = NULL;
	ctl_error err;
	ctl_error_clear(&err);
	if (ctl_timeline_from_csv_data(&tl, src, &err))
		fail_msg("%s", err.msg);
	return tl;
}

static void test_csv_round_trip(void **state)
{
	(void)state;
	ctl_timeline *tl = awkward();
	ctl_csv_files a, b;
	ctl_error err;
	ctl_error_clear(&err);
	assert_int_equal(ctl_export_csv(&a, tl, &err), 0);
	ctl_timeline *back = from_files(&a);
	/* JSON -> CSV -> JSON: nothing lost */
	char *j1 = to_json(tl), *j2 = to_json(back);
	assert_string_equal(j1, j2);
	/* CSV -> import -> CSV: identical bytes */
	assert_int_equal(ctl_export_csv(&b, back, &err), 0);
	for (int i = 0; i < CTL_CSV_NTABLES; i++) {
		assert_int_equal(a.len[i], b.len[i]);
		assert_memory_equal(a.data[i], b.data[i], a.len[i]);
	}
	/* every record ends in CRLF, the header first */
	assert_true(!strncmp(a.data[CTL_CSV_EVENTS], "\"id\",\"date\",\"earliest\"", 22));
	assert_true(a.len[CTL_CSV_EVENTS] > 2 && !memcmp(a.data[CTL_CSV_EVENTS] + a.len[CTL_CSV_EVENTS] - 2, "\r\n", 2));
	free(j1);
	free(j2);
	ctl_csv_files_release(&a);
	ctl_csv_files_release(&b);
	ctl_timeline_free(back);
	ctl_timeline_free(tl);
}

static void test_formula_guard(void **state)
{
	(void)state;
	ctl_timeline *tl = awkward();
	ctl_csv_files f;
	ctl_error err;
	ctl_error_clear(&err);
	assert_int_equal(ctl_export_csv(&f, tl, &err), 0);
	const char *ev = f.data[CTL_CSV_EVENTS];
	assert_non_null(strstr(ev, "\"'=1+1\""));
	assert_non_null(strstr(ev, "\"'+SUM(A1:A9)\""));
	assert_non_null(strstr(ev, "\"'-2 degrees\""));
	assert_non_null(strstr(ev, "\"'@mention\""));
	assert_non_null(strstr(ev, "\"'\ttab first\""));
	assert_non_null(strstr(ev, "\"'\rcarriage return first\""));
	assert_non_null(strstr(ev, "\"''=apostrophe then equals\""));
	assert_non_null(strstr(ev, "\"'''+two apostrophes then plus\""));
	assert_non_null(strstr(ev, "\"'apostrophe first\"")); /* not followed by a formula: as is */
	assert_null(strstr(ev, "\"''apostrophe first\""));
	assert_non_null(strstr(ev, "\"'=statement\""));
	assert_non_null(strstr(f.data[CTL_CSV_ACTORS], "\"'=HYPERLINK(\"\"http://x\"\")\""));
	assert_non_null(strstr(f.data[CTL_CSV_DOCUMENTS], "\"'=cmd|' /C calc'!A0\""));
	/* no field anywhere starts with a formula opener */
	for (int t = 0; t < CTL_CSV_NTABLES; t++)
		for (const char *p = f.data[t]; (p = strstr(p, "\"")); p++)
			if (p == f.data[t] || p[-1] == ',' || p[-1] == '\n')
				assert_null(strchr("=+-@", p[1] ? p[1] : 'x'));
	ctl_csv_files_release(&f);
	ctl_timeline_free(tl);
}

/* Rewrites a CSV table with its columns in reverse order and an unknown
 * column added (libcsv to read, the test's own quoting to write). */
typedef struct permute {
	char **fields;
	size_t n, cap;
	ctl_buf out;
} permute;

static void pf(void *s, size_t len, void *u)
{
	permute *p = u;
	if (p->n == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 16;
		p->fields = realloc(p->fields, p->cap * sizeof(char *));
	}
	p->fields[p->n++] = strndup(s ? s : "", len);
}

static void pr(int c, void *u)
{
	permute *p = u;
	(void)c;
	ctl_buf_puts(&p->out, "\"extra, unknown\",");
	for (size_t i = p->n; i-- > 0;) {
		ctl_buf_putc(&p->out, '"');
		for (const char *s = p->fields[i]; *s; s++) {
			if (*s == '"')
				ctl_buf_putc(&p->out, '"');
			ctl_buf_putc(&p->out, *s);
		}
		ctl_buf_putc(&p->out, '"');
		if (i)
			ctl_buf_putc(&p->out, ',');
		free(p->fields[i]);
	}
	ctl_buf_puts(&p->out, "\n"); /* LF only: both line ends are read */
	p->n = 0;
}

static char *reversed(const char *csv, size_t len, size_t *out_len)
{
	permute p = { NULL, 0, 0, CTL_BUF_INIT };
	struct csv_parser cp;
	assert_int_equal(csv_init(&cp, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL), 0);
	assert_int_equal(csv_parse(&cp, csv, len, pf, pr, &p), len);
	assert_int_equal(csv_fini(&cp, pf, pr, &p), 0);
	csv_free(&cp);
	free(p.fields);
	return ctl_buf_detach(&p.out, out_len);
}

static void test_header_order(void **state)
{
	(void)state;
	ctl_timeline *tl = awkward();
	ctl_csv_files f, g;
	ctl_error err;
	ctl_error_clear(&err);
	assert_int_equal(ctl_export_csv(&f, tl, &err), 0);
	for (int i = 0; i < CTL_CSV_NTABLES; i++) {
		size_t n;
		g.data[i] = reversed(f.data[i], f.len[i], &n);
		g.len[i] = n;
	}
	ctl_timeline *back = from_files(&g);
	char *j1 = to_json(tl), *j2 = to_json(back);
	assert_string_equal(j1, j2);
	free(j1);
	free(j2);
	ctl_csv_files_release(&f);
	ctl_csv_files_release(&g);
	ctl_timeline_free(back);
	ctl_timeline_free(tl);
}

static const char *str_of(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* A TimelineJS date object: numbers only, year required, month and day in range. */
static void check_date(const cJSON *d)
{
	assert_true(cJSON_IsObject(d));
	const cJSON *v;
	cJSON_ArrayForEach(v, d) {
		assert_true(!strcmp(v->string, "year") || !strcmp(v->string, "month") ||
			!strcmp(v->string, "day"));
		assert_true(cJSON_IsNumber(v));
	}
	const cJSON *y = cJSON_GetObjectItemCaseSensitive(d, "year");
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(d, "month");
	const cJSON *day = cJSON_GetObjectItemCaseSensitive(d, "day");
	assert_non_null(y);
	if (m)
		assert_true(m->valueint >= 1 && m->valueint <= 12);
	if (day) {
		assert_non_null(m);
		assert_true(day->valueint >= 1 && day->valueint <= 31);
	}
}

static void check_text(const cJSON *slide)
{
	const cJSON *t = cJSON_GetObjectItemCaseSensitive(slide, "text");
	assert_true(cJSON_IsObject(t));
	assert_non_null(str_of(t, "headline"));
	assert_non_null(str_of(t, "text"));
	/* text is HTML to TimelineJS: no markup from the articles gets through */
	assert_null(strstr(str_of(t, "headline"), "<script"));
	assert_null(strstr(str_of(t, "text"), "<script"));
}

static void test_timelinejs_shape(void **state)
{
	(void)state;
	ctl_timeline *tl = awkward();
	char *out;
	size_t len;
	ctl_error err;
	ctl_error_clear(&err);
	ctl_export_options eo = { "My <b>timeline</b>" };
	assert_int_equal(ctl_export(&out, &len, tl, CTL_EXPORT_TIMELINEJS, &eo, &err), 0);
	cJSON *root = cJSON_Parse(out);
	assert_non_null(root);
	/* documented top level: events (required), title, eras, scale */
	const cJSON *v;
	cJSON_ArrayForEach(v, root)
		assert_true(!strcmp(v->string, "events") || !strcmp(v->string, "title") ||
			!strcmp(v->string, "eras") || !strcmp(v->string, "scale"));
	const cJSON *events = cJSON_GetObjectItemCaseSensitive(root, "events");
	assert_true(cJSON_IsArray(events));
	/* undated events (every fifth) are left out */
	size_t undated = 0;
	for (size_t i = 0; i < tl->nevents; i++)
		undated += tl->events[i].when.earliest == CTL_DAY_NONE && tl->events[i].when.latest == CTL_DAY_NONE;
	assert_int_equal(cJSON_GetArraySize(events), (int)(tl->nevents - undated));
	static const char *const slide_keys[] = { "start_date", "end_date", "text", "media", "group",
		"display_date", "background", "autolink", "unique_id", NULL };
	const cJSON *s;
	int with_end = 0;
	cJSON_ArrayForEach(s, events) {
		cJSON_ArrayForEach(v, s) {
			bool known = false;
			for (int k = 0; slide_keys[k]; k++)
				known |= !strcmp(v->string, slide_keys[k]);
			assert_true(known);
		}
		check_date(cJSON_GetObjectItemCaseSensitive(s, "start_date"));
		if (cJSON_GetObjectItemCaseSensitive(s, "end_date")) {
			check_date(cJSON_GetObjectItemCaseSensitive(s, "end_date"));
			with_end++;
		}
		check_text(s);
		assert_non_null(str_of(s, "group"));
	}
	assert_true(with_end > 0);
	const cJSON *title = cJSON_GetObjectItemCaseSensitive(root, "title");
	check_text(title);
	assert_string_equal(str_of(cJSON_GetObjectItemCaseSensitive(title, "text"), "headline"),
		"My &lt;b&gt;timeline&lt;/b&gt;");
	/* the script title is escaped, not dropped */
	assert_non_null(strstr(out, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more"));
	cJSON_Delete(root);
	free(out);

	/* the spreadsheet template: its exact header */
	assert_int_equal(ctl_export(&out, &len, tl, CTL_EXPORT_TIMELINEJS_CSV, NULL, &err), 0);
	static const char header[] = "\"Year\",\"Month\",\"Day\",\"Time\",\"End Year\",\"End Month\","
		"\"End Day\",\"End Time\",\"Display Date\",\"Headline\",\"Text\",\"Media\",\"Media Credit\","
		"\"Media Caption\",\"Media Thumbnail\",\"Type\",\"Group\",\"Background\"\r\n";
	assert_true(!strncmp(out, header, strlen(header)));
	assert_non_null(strstr(out, "\"title\""));
	free(out);
	ctl_timeline_free(tl);
}

static char *write_temp(const char *data, size_t len, const char *suffix)
{
	char *path = malloc(256);
	snprintf(path, 256, "/tmp/ctl_test_export_%ld%s", (long)getpid(), suffix);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	fclose(f);
	return path;
}

static bool have(const char *tool)
{
	char cmd[256];
	snprintf(cmd, sizeof(cmd), "command -v %s >/dev/null 2>&1", tool);
	return system(cmd) == 0;
}

static void test_graphml(void **state)
{
	(void)state;
	ctl_timeline *tl = awkward();
	char *out;
	size_t len;
	ctl_error err;
	ctl_error_clear(&err);
	assert_int_equal(ctl_export(&out, &len, tl, CTL_EXPORT_GRAPHML, NULL, &err), 0);
	assert_true(!strncmp(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml", 46));
	assert_non_null(strstr(out, "<node id=\"e1\">"));
	assert_non_null(strstr(out, "<node id=\"a3\">"));
	assert_non_null(strstr(out, "<edge source=\"e1\" target=\"a1\">"));
	assert_non_null(strstr(out, "&lt;script&gt;"));
	assert_non_null(strstr(out, "&#13;")); /* a CR survives XML parsing */
	assert_null(strstr(out, "<script"));
	/* node ids are made up, never user text */
	for (const char *p = out; (p = strstr(p, "<node id=\"")); p++) {
		p += 10;
		assert_true(*p == 'e' || *p == 'a');
		const char *q = p + 1;
		while (*q >= '0' && *q <= '9')
			q++;
		assert_true(q > p + 1 && *q == '"');
	}
	if (have("xmllint")) {
		char *path = write_temp(out, len, ".graphml"), cmd[512];
		snprintf(cmd, sizeof(cmd), "xmllint --noout %s", path);
		assert_int_equal(system(cmd), 0);
		unlink(path);
		free(path);
	} else if (have("python3")) {
		char *path = write_temp(out, len, ".graphml"), cmd[512];
		snprintf(cmd, sizeof(cmd), "python3 -c 'import sys,xml.dom.minidom as m; m.parse(sys.argv[1])' %s", path);
		assert_int_equal(system(cmd), 0);
		unlink(path);
		free(path);
	}
	free(out);
	ctl_timeline_free(tl);
}

static void test_dot(void **state)
{
	(void)state;
	ctl_timeline *tl = awkward();
	char *out;
	size_t len;
	ctl_error err;
	ctl_error_clear(&err);
	assert_int_equal(ctl_export(&out, &len, tl, CTL_EXPORT_DOT, NULL, &err), 0);
	assert_true(!strncmp(out, "graph ctimeline {", 17));
	assert_non_null(strstr(out, "e1 -- a1"));
	assert_non_null(strstr(out, "trailing backslash \\\\\""));
	assert_non_null(strstr(out, "kind=event"));
	if (have("dot")) {
		char *path = write_temp(out, len, ".dot"), cmd[512];
		snprintf(cmd, sizeof(cmd), "dot -Tsvg %s -o %s.svg 2>%s.err && ! grep -q . %s.err",
			path, path, path, path);
		assert_int_equal(system(cmd), 0);
		/* the SVG is well-formed XML, the text escaped */
		if (have("xmllint")) {
			snprintf(cmd, sizeof(cmd), "xmllint --noout %s.svg && ! grep -q '<script' %s.svg", path, path);
			assert_int_equal(system(cmd), 0);
		}
		snprintf(cmd, sizeof(cmd), "rm -f %s %s.svg %s.err", path, path, path);
		assert_int_equal(system(cmd), 0);
		free(path);
	}
	free(out);
	ctl_timeline_free(tl);
}

static void test_report(void **state)
{
	(void)state;
	ctl_timeline *tl = awkward();
	for (int diagrams = 0; diagrams < 2; diagrams++) {
		char *out;
		size_t len;
		ctl_error err;
		ctl_error_clear(&err);
		ctl_report_options ro = { "Report <i>&</i> \"quotes\"", NULL, !diagrams, NULL, NULL };
		assert_int_equal(ctl_report_html(&out, &len, tl, &ro, &err), 0);
		assert_int_equal(strlen(out), len);
		assert_true(!strncmp(out, "<!DOCTYPE html>", 15));
		assert_null(strstr(out, "<script"));
		assert_null(strstr(out, "<i>"));
		assert_non_null(strstr(out, "<title>Report &lt;i&gt;&amp;&lt;/i&gt; &quot;quotes&quot;</title>"));
		assert_non_null(strstr(out, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more"));
		assert_non_null(strstr(out, "=HYPERLINK(&quot;http://x&quot;)"));
		assert_non_null(strstr(out, "@media print"));
		assert_non_null(strstr(out, "Content-Security-Policy"));
		/* no external request: nothing loads from elsewhere */
		assert_null(strstr(out, "src=\""));
		assert_null(strstr(out, "<link"));
		assert_null(strstr(out, "@import"));
		assert_null(strstr(out, "url("));
		assert_int_equal(strstr(out, "<svg") != NULL, diagrams);
		if (diagrams) {
			/* the two drawings do not share ids */
			assert_non_null(strstr(out, "id=\"timeline-graph0\""));
			assert_non_null(strstr(out, "id=\"graph-graph0\""));
			assert_null(strstr(out, "<?xml"));
		}
		if (have("xmllint")) {
			/* well-formed enough for libxml2's HTML parser (it knows no HTML5
			 * tags: only errors other than "Tag ... invalid" count) */
			char *path = write_temp(out, len, ".html"), cmd[512];
			snprintf(cmd, sizeof(cmd), "xmllint --html --noout %s 2>&1 | grep 'error' | grep -v 'Tag [a-z]* invalid' | grep -q .",
				path);
			assert_int_not_equal(system(cmd), 0);
			unlink(path);
			free(path);
		}
		free(out);
	}
	ctl_timeline_free(tl);
}

static void test_deterministic(void **state)
{
	(void)state;
	ctl_timeline *tl = awkward();
	for (int f = CTL_EXPORT_JSON; f <= CTL_EXPORT_GRAPHML; f++) {
		char *a, *b;
		size_t la, lb;
		ctl_error err;
		ctl_error_clear(&err);
		assert_int_equal(ctl_export(&a, &la, tl, (ctl_export_format)f, NULL, &err), 0);
		assert_int_equal(ctl_export(&b, &lb, tl, (ctl_export_format)f, NULL, &err), 0);
		assert_int_equal(la, lb);
		assert_memory_equal(a, b, la);
		assert_int_equal(strlen(a), la);
		free(a);
		free(b);
	}
	ctl_export_format fmt;
	assert_int_equal(ctl_export_format_parse("graphml", &fmt), 0);
	assert_int_equal(fmt, CTL_EXPORT_GRAPHML);
	assert_string_equal(ctl_export_format_name(CTL_EXPORT_TIMELINEJS_CSV), "timelinejs-csv");
	assert_int_equal(ctl_export_format_parse("xlsx", &fmt), CTL_EINVAL);
	char *x;
	size_t lx;
	assert_int_equal(ctl_export(&x, &lx, tl, CTL_EXPORT_CSV, NULL, NULL), CTL_EINVAL);
	ctl_timeline_free(tl);
}

static void test_empty(void **state)
{
	(void)state;
	ctl_timeline *tl = ctl_timeline_new();
	ctl_csv_files f;
	assert_int_equal(ctl_export_csv(&f, tl, NULL), 0);
	ctl_timeline *back = from_files(&f);
	assert_int_equal(back->nevents, 0);
	ctl_timeline_free(back);
	ctl_csv_files_release(&f);
	for (int k = CTL_EXPORT_JSON; k <= CTL_EXPORT_GRAPHML; k++) {
		char *out;
		size_t len;
		assert_int_equal(ctl_export(&out, &len, tl, (ctl_export_format)k, NULL, NULL), 0);
		free(out);
	}
	char *html;
	size_t len;
	assert_int_equal(ctl_report_html(&html, &len, tl, NULL, NULL), 0);
	assert_non_null(strstr(html, "No events."));
	free(html);
	ctl_timeline_free(tl);
}

/* The seeds end to end: extraction -> CSV -> import -> CSV is identical. */
static void test_seeds(void **state)
{
	(void)state;
	ctl_resources *res = test_resources();
	ctl_extractor *x = ctl_extractor_new(res);
	char **files;
	size_t n;
	ctl_error err;
	ctl_error_clear(&err);
	assert_int_equal(ctl_list_inputs(&files, &n, CTL_SEEDS_DIR, &err), 0);
	for (size_t i = 0; i < n; i++) {
		ctl_document *doc;
		assert_int_equal(ctl_document_read(&doc, files[i], NULL, &err), 0);
		assert_int_equal(ctl_document_analyze(doc, res, &err), 0);
		assert_int_equal(ctl_extractor_add(x, doc, &err), 0);
		ctl_document_free(doc);
		free(files[i]);
	}
	free(files);
	ctl_timeline *tl;
	assert_int_equal(ctl_extractor_finish(x, &tl, &err), 0);
	ctl_extractor_free(x);
	ctl_csv_files a, b;
	assert_int_equal(ctl_export_csv(&a, tl, &err), 0);
	ctl_timeline *back = from_files(&a);
	assert_int_equal(ctl_export_csv(&b, back, &err), 0);
	for (int i = 0; i < CTL_CSV_NTABLES; i++) {
		assert_int_equal(a.len[i], b.len[i]);
		assert_memory_equal(a.data[i], b.data[i], a.len[i]);
	}
	char *j1 = to_json(tl), *j2 = to_json(back);
	assert_string_equal(j1, j2);
	free(j1);
	free(j2);
	ctl_csv_files_release(&a);
	ctl_csv_files_release(&b);
	ctl_timeline_free(back);
	ctl_timeline_free(tl);
	ctl_resources_free(res);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_round_trip),
		cmocka_unit_test(test_formula_guard),
		cmocka_unit_test(test_header_order),
		cmocka_unit_test(test_timelinejs_shape),
		cmocka_unit_test(test_graphml),
		cmocka_unit_test(test_dot),
		cmocka_unit_test(test_report),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_seeds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
