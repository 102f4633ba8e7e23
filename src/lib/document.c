/*
 * Ingest: read a file, make its bytes safe to process (valid UTF-8, no NUL)
 * without moving any offset, rewrite the markup left in its text (unmark.c),
 * and split it into lines.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "ctimeline/document.h"
#include "ctimeline/io.h"
#include "ctimeline/extract.h"
#include "dct.h"
#include "document_internal.h"
#include "util.h"

/* A file whose first 4 KiB are more than this share of NUL or invalid bytes
 * is taken for binary and refused rather than "repaired" into garbage. */
#define BINARY_SNIFF_BYTES 4096
#define BINARY_BAD_PERCENT 30

static char *doc_id_from_path(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t n = strlen(base);
	if (n > 4 && !strcmp(base + n - 4, ".txt"))
		n -= 4;
	if (!n || !strcmp(path, "-"))
		return ctl_xstrdup("stdin");
	return ctl_xstrndup(base, n);
}

/* Skips printable ASCII from s[i] eight bytes at a time (no byte below
 * 0x20, none with the high bit set); stops at the block holding another. */
static size_t skip_printable8(const unsigned char *s, size_t i, size_t n)
{
	for (; i + 8 <= n; i += 8) {
		uint64_t x;
		memcpy(&x, s + i, 8);
		if (ctl_has_below8(x, 0x20) | (x & CTL_HIGH8))
			break;
	}
	return i;
}

/* Replaces every NUL and every byte of an invalid UTF-8 sequence by '?'. */
static void repair_utf8(ctl_document *doc)
{
	unsigned char *s = (unsigned char *)doc->text;
	size_t i = 0, n = doc->len;
	while (i < n) {
		i = skip_printable8(s, i, n);
		if (i >= n)
			break;
		if (s[i] >= 0x20 && s[i] < 0x80) {
			i++;
			continue;
		}
		if (s[i] == '\n') {
			i++;
			continue;
		}
		size_t k = s[i] ? ctl_utf8_seq_len(s + i, n - i) : 0;
		if (k) {
			i += k;
			continue;
		}
		if (!doc->invalid_bytes)
			doc->first_invalid = i;
		doc->invalid_bytes++;
		s[i++] = '?';
	}
}

static bool looks_binary(const unsigned char *s, size_t n)
{
	size_t m = n < BINARY_SNIFF_BYTES ? n : BINARY_SNIFF_BYTES, bad = 0;
	for (size_t i = 0; i < m;) {
		i = skip_printable8(s, i, m); /* neither bad nor the start of a sequence */
		if (i >= m)
			break;
		size_t k = s[i] ? ctl_utf8_seq_len(s + i, n - i) : 0;
		if (!k) {
			bad++;
			k = 1;
		} else if (k == 1 && s[i] < 0x20 && !ctl_is_space(s[i])) {
			bad++;
		}
		i += k;
	}
	/* too little text to judge: repair it like any other */
	return m >= 256 && bad * 100 > m * BINARY_BAD_PERCENT;
}

/*
 * Hard-wrapped text (an e-mail, a newswire feed, a terminal browser's dump,
 * `fold`) has its paragraphs cut into lines of at most a fixed width; every
 * later stage reads a line as a paragraph (a sentence never crosses a line
 * break, a line is kept or dropped as a whole), so the cuts are undone: the
 * break after a line that was cut becomes a space, in place. A line was cut
 * if the first word of the line after it would not have fitted on it within
 * the width (the rule `fmt` and `par` wrap by); a short line ends its
 * paragraph. The page counts as wrapped when WRAP_SHARE_PERCENT of its
 * lines are at most a width of WRAP_MIN_WIDTH to WRAP_MAX_WIDTH characters
 * (the width: that share's longest) and, of its lines, WRAP_CONT_PERCENT
 * (WRAP_MIN_CONT at least) pass the test with a sentence that goes on in
 * lower case on the next line: cut in mid-sentence, as a list of headlines
 * or the short lines of a menu are not. Pages as scrapers write them, a
 * paragraph a line, have longer lines and are left as they are.
 */
#define WRAP_MIN_LINES 8
#define WRAP_MIN_WIDTH 30
#define WRAP_MAX_WIDTH 100
#define WRAP_SHARE_PERCENT 95
#define WRAP_MIN_CONT 3
#define WRAP_CONT_PERCENT 5
/* characters of slack in the test: wrappers count bytes (fold) or screen
 * columns, not characters, and some keep a margin */
#define WRAP_SLACK 4

/* Characters in s[a, b) (bytes that do not continue a UTF-8 sequence). */
static uint32_t count_chars(const unsigned char *s, uint32_t a, uint32_t b)
{
	uint32_t n = 0;
	for (uint32_t i = a; i < b; i++)
		n += (s[i] & 0xC0) != 0x80;
	return n;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

/* Whether line i (of widths `width`, first words `first`; 0: blank) was
 * cut at width w before line i + 1: the next word would not have fitted. */
static bool was_cut(const uint32_t *width, const uint32_t *first, uint32_t w, size_t i)
{
	return width[i] && width[i + 1] && width[i] + 1 + first[i + 1] + WRAP_SLACK > w;
}

/* Where line i's text begins (after white space). */
static uint32_t line_text(const ctl_document *doc, size_t i)
{
	return ctl_skip_space((const unsigned char *)doc->text, doc->lines[i].start, doc->lines[i].end);
}

/* Whether s[a, b) ends with a sentence's end: '.', '!' or '?', then any
 * closing quotes or brackets; *stop: where the '.', '!' or '?' is. */
static bool ends_sentence(const unsigned char *s, uint32_t a, uint32_t b, uint32_t *stop)
{
	b = ctl_trim_end(s, a, b);
	for (;;) {
		if (b > a && (s[b - 1] == '"' || s[b - 1] == '\'' || s[b - 1] == ')' || s[b - 1] == ']'))
			b--;
		else if (b >= a + 3 && s[b - 3] == 0xE2 && s[b - 2] == 0x80 &&
		         (s[b - 1] == 0x9D || s[b - 1] == 0x99))
			b -= 3; /* a closing curly quote */
		else
			break;
	}
	*stop = b - 1;
	return b > a && (s[b - 1] == '.' || s[b - 1] == '!' || s[b - 1] == '?');
}

/* Unwraps a hard-wrapped page; the offsets of the breaks it keeps at a
 * sentence's end before a capital (ambiguous: inside a paragraph or at its
 * end) go to *soft (n_soft of them, in text order; the caller frees). */
static void unwrap(ctl_document *doc, uint32_t **soft, size_t *n_soft)
{
	size_t soft_cap = 0;
	const unsigned char *s = (const unsigned char *)doc->text;
	size_t n = doc->nlines, ntext = 0, nlong = 0;
	/* most pages, a paragraph a line, are told from the lines' lengths in
	 * bytes alone: more than (100 - share) % of them are longer than
	 * WRAP_MAX_WIDTH characters of 4 bytes */
	for (size_t i = 0; i < n; i++) {
		uint32_t len = doc->lines[i].end - doc->lines[i].start;
		ntext += len > 0;
		nlong += len > 4 * WRAP_MAX_WIDTH;
	}
	if (ntext < WRAP_MIN_LINES || nlong * 100 > ntext * (100 - WRAP_SHARE_PERCENT))
		return;
	/* each line's width (0: blank) and its first word's */
	uint32_t *width = ctl_xmalloc(n * sizeof(*width));
	uint32_t *first = ctl_xmalloc(n * sizeof(*first));
	uint32_t *sorted = ctl_xmalloc(ntext * sizeof(*sorted));
	size_t k = 0;          /* text lines: not blank */
	for (size_t i = 0; i < n; i++) {
		const ctl_line *l = &doc->lines[i];
		uint32_t e = ctl_trim_end(s, l->start, l->end), a = ctl_skip_space(s, l->start, e);
		width[i] = a == e ? 0 : count_chars(s, l->start, e);
		first[i] = a == e ? 0 : count_chars(s, a, ctl_skip_word(s, a, e));
		if (width[i])
			sorted[k++] = width[i];
	}
	uint32_t w = 0;
	if (k >= WRAP_MIN_LINES) {
		qsort(sorted, k, sizeof(*sorted), cmp_u32);
		w = sorted[(k * WRAP_SHARE_PERCENT + 99) / 100 - 1];
	}
	free(sorted);
	ntext = k;
	if (w < WRAP_MIN_WIDTH || w > WRAP_MAX_WIDTH)
		goto out;
	/* the page is wrapped if enough cut lines break a sentence that goes
	 * on in lower case */
	size_t cont = 0;
	for (size_t i = 0; i + 1 < n; i++)
		cont += was_cut(width, first, w, i) && ctl_is_lower(s[line_text(doc, i + 1)]);
	if (cont < WRAP_MIN_CONT || cont * 100 < ntext * WRAP_CONT_PERCENT)
		goto out;
	for (size_t i = 0; i + 1 < n; i++) {
		/* a cut at a sentence's end before a capital stays a break: the
		 * sentences are whole either way, and a paragraph may end there */
		uint32_t stop;
		if (!was_cut(width, first, w, i))
			continue;
		if (ends_sentence(s, doc->lines[i].start, doc->lines[i].end, &stop) &&
		    !ctl_is_lower(s[line_text(doc, i + 1)])) {
			*CTL_ARRAY_PUSH(*soft, *n_soft, soft_cap) = doc->lines[i].end;
			continue;
		}
		/* the line's end, its '\r' if any, and its '\n' */
		for (uint32_t p = doc->lines[i].end; p < doc->lines[i + 1].start; p++)
			doc->text[p] = ' ';
		doc->unwrapped++;
	}
	doc->wrap_width = w;
out:
	free(width);
	free(first);
}

/*
 * A page on one line (text pulled out of HTML without its breaks): menus,
 * headline, paragraphs and sidebars are one "line", which the cleaner would
 * keep or drop whole. When a page has a single line of text, of at least
 * ONE_LINE_MIN_BYTES, the flattened breaks are put back, in place: the
 * first space of a run of two or more (where a blank line or a block was),
 * and the space after a sentence's end ('.', '!' or '?', any closing quotes,
 * then a capital or an opening quote) become line breaks. The sentence end
 * is taken only after a word of ONE_LINE_MIN_WORD letters or more, or in
 * lower case, so "Mr. Smith", "J. Smith" and "U.S. President" stay whole;
 * the sentences are found again by the segmenter either way. A break at a
 * sentence's end may lie inside a paragraph: its offset goes to *soft
 * (n_soft of them, in text order; the caller frees).
 */
#define ONE_LINE_MIN_BYTES 1000
#define ONE_LINE_MIN_WORD 4

/* Whether the full stop, '!' or '?' at t[stop] ends a sentence by the
 * word before it. */
static bool word_ends_sentence(const unsigned char *t, uint32_t a, uint32_t stop)
{
	if (t[stop] != '.')
		return true;
	uint32_t w = stop;
	while (w > a && ctl_is_alpha(t[w - 1]))
		w--;
	size_t n = stop - w;
	if (w > a && t[w - 1] == '.')
		return false; /* "U.S." */
	if (n >= ONE_LINE_MIN_WORD)
		return true;
	return n >= 2 && ctl_is_lower(t[w]);
}

static void split_one_line(ctl_document *doc, uint32_t **soft, size_t *n_soft)
{
	size_t soft_cap = 0;
	size_t text = 0, li = 0;
	for (size_t i = 0; i < doc->nlines; i++)
		if (doc->lines[i].end > doc->lines[i].start) {
			text++;
			li = i;
		}
	const ctl_line *l = &doc->lines[li];
	if (text != 1 || l->end - l->start < ONE_LINE_MIN_BYTES)
		return;
	unsigned char *t = (unsigned char *)doc->text;
	for (uint32_t i = l->start + 1; i + 1 < l->end; i++) {
		if (t[i] != ' ' && t[i] != '\t')
			continue;
		bool brk = t[i + 1] == ' ' || t[i + 1] == '\t';
		if (!brk) {
			unsigned char c = t[i + 1];
			uint32_t stop;
			brk = (ctl_is_upper(c) || c == '"' || c == 0xE2) &&
				ends_sentence(t, l->start, i, &stop) && stop > l->start &&
				word_ends_sentence(t, l->start, stop);
		}
		if (brk) {
			if (t[i + 1] != ' ' && t[i + 1] != '\t') /* at a sentence's end */
				*CTL_ARRAY_PUSH(*soft, *n_soft, soft_cap) = i;
			t[i] = '\n';
			doc->split++;
			while (i + 1 < l->end && (t[i + 1] == ' ' || t[i + 1] == '\t'))
				i++;
		}
	}
}

/* Whether the text opens like an HTML page: among the tags it begins with
 * (after white space and a byte order mark, before any text, within its
 * first MARKUP_SNIFF_BYTES), "<!doctype html", "<html", "<head" or
 * "<body". Broken markup inside an article's text is not that. */
#define MARKUP_SNIFF_BYTES 1024

static bool looks_like_html(const char *t, size_t n)
{
	static const char *const opens[] = { "<!doctype html", "<html", "<head", "<body" };
	const unsigned char *s = (const unsigned char *)t;
	size_t m = n < MARKUP_SNIFF_BYTES ? n : MARKUP_SNIFF_BYTES, i = 0;
	if (m >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
		i = 3;
	for (;;) {
		while (i < m && ctl_is_space(s[i]))
			i++;
		if (i >= m || s[i] != '<')
			return false;
		for (size_t k = 0; k < sizeof(opens) / sizeof(opens[0]); k++) {
			size_t l = strlen(opens[k]);
			if (i + l <= n && ctl_eq_nocase(t + i, l, opens[k]) &&
			    (i + l == n || !ctl_is_alnum(s[i + l])))
				return true;
		}
		const char *gt = memchr(t + i, '>', m - i);
		if (!gt)
			return false;
		i = (size_t)(gt - t) + 1; /* the next tag, if only tags come first */
	}
}

/* The publication date a page's metadata states (its head is blanked by
 * ctl_unmark, so this looks first): the first YYYY-MM-DD within
 * PAGE_DATE_WINDOW bytes after the first of these names, in this order:
 * Open Graph's and schema.org's (meta tags, JSON-LD), then common others.
 * The date is the one written, whatever time zone follows it. */
#define PAGE_DATE_WINDOW 120

static bool page_date(const char *t, size_t n, ctl_day *out)
{
	static const char *const keys[] = {
		"article:published_time", "datePublished", "dc.date.issued", "publish-date",
		"publishdate", "pubdate",
	};
	for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
		size_t kl = strlen(keys[k]), at = ctl_find_str_nocase(t, n, keys[k], kl);
		if (at >= n)
			continue;
		size_t end = at + kl + PAGE_DATE_WINDOW < n ? at + kl + PAGE_DATE_WINDOW : n;
		for (size_t i = at + kl; i + 10 <= end; i++) {
			const unsigned char *d = (const unsigned char *)t + i;
			if (!ctl_is_digit(d[0]) || !ctl_is_digit(d[1]) || !ctl_is_digit(d[2]) ||
			    !ctl_is_digit(d[3]) || d[4] != '-' || !ctl_is_digit(d[5]) ||
			    !ctl_is_digit(d[6]) || d[7] != '-' || !ctl_is_digit(d[8]) || !ctl_is_digit(d[9]))
				continue;
			int y = (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 + (d[3] - '0');
			int m = (d[5] - '0') * 10 + (d[6] - '0'), dd = (d[8] - '0') * 10 + (d[9] - '0');
			if ((i > 0 && ctl_is_digit((unsigned char)t[i - 1])) || !ctl_date_valid(y, m, dd) ||
			    y < 1900)
				break; /* a date, but not one to trust: the next name */
			*out = ctl_day_from_ymd(y, m, dd);
			return true;
		}
	}
	return false;
}

/* Lines an article may have: one per LINE_MIN_BYTES of the size limit,
 * and at least LINES_MIN whatever the limit. Each line costs about 90
 * bytes (its entry here and the cleaner's record), so a file of 16 MB of
 * line breaks would take 1.4 GB; no article has a line every 16 bytes on
 * average, a list or a log may. */
#define LINE_MIN_BYTES 16
#define LINES_MIN 65536

/* Splits the text into lines; false, and nothing kept, if it has more
 * than max_lines. */
static bool split_lines(ctl_document *doc, size_t max_lines)
{
	const char *s = doc->text;
	/* as many entries as lines: a page of millions of short lines would
	 * otherwise keep up to half again in growth */
	size_t cap = 1;
	for (const char *p = s, *end = s + doc->len; (p = memchr(p, '\n', (size_t)(end - p))); p++)
		cap++;
	if (cap > max_lines)
		return false;
	doc->lines = ctl_xmalloc(cap * sizeof(*doc->lines));
	size_t i = 0;
	while (i < doc->len) {
		const char *nl = memchr(s + i, '\n', doc->len - i);
		size_t end = nl ? (size_t)(nl - s) : doc->len;
		size_t e = end;
		while (e > i && s[e - 1] == '\r')
			e--;
		ctl_line *l = CTL_ARRAY_PUSH(doc->lines, doc->nlines, cap);
		l->start = (uint32_t)i;
		l->end = (uint32_t)e;
		l->kind = CTL_LINE_BODY;
		l->soft = 0;
		l->reason = NULL;
		i = end + 1;
	}
	return true;
}

int ctl_document_from_memory(ctl_document **out, const char *path,
		const char *data, size_t len, const ctl_ingest_options *opts,
		ctl_error *err)
{
	size_t max = opts && opts->max_bytes ? opts->max_bytes : CTL_DOC_MAX_BYTES_DEFAULT;
	if (len > max)
		return ctl_error_set(err, CTL_ELIMIT,
			"%s: %zu bytes, larger than the per-document limit of %zu bytes", path, len, max);
	if (len > UINT32_MAX - 1)
		return ctl_error_set(err, CTL_ELIMIT, "%s: larger than 4 GiB", path);
	if (looks_binary((const unsigned char *)data, len))
		return ctl_error_set(err, CTL_EDATA, "%s: binary file, not text", path);
	ctl_document *doc = ctl_xcalloc(1, sizeof(*doc));
	doc->path = ctl_xstrdup(path);
	doc->id = doc_id_from_path(path);
	doc->text = ctl_xstrndup(data, len);
	doc->len = len;
	doc->dct = ctl_interval_unknown();
	repair_utf8(doc);
	doc->markup = looks_like_html(doc->text, doc->len);
	ctl_day published;
	if (doc->markup && page_date(doc->text, doc->len, &published))
		ctl_document_set_dct(doc, published, "page-metadata");
	doc->unmarked = ctl_unmark(doc->text, doc->len, doc->markup);
	size_t max_lines = max / LINE_MIN_BYTES > LINES_MIN ? max / LINE_MIN_BYTES : LINES_MIN;
	bool fits = split_lines(doc, max_lines);
	if (fits) {
		uint32_t *soft = NULL;
		size_t n_soft = 0;
		unwrap(doc, &soft, &n_soft);
		if (!doc->unwrapped) {
			free(soft);
			soft = NULL;
			n_soft = 0;
			split_one_line(doc, &soft, &n_soft);
		}
		if (doc->unwrapped || doc->split) {
			free(doc->lines);
			doc->lines = NULL;
			doc->nlines = 0;
			fits = split_lines(doc, max_lines);
		}
		/* the kept breaks that may lie inside a paragraph: both in text
		 * order, one pass */
		for (size_t i = 0, k = 0; fits && i < doc->nlines && k < n_soft; i++) {
			while (k < n_soft && soft[k] < doc->lines[i].end)
				k++;
			if (k < n_soft && soft[k] == doc->lines[i].end)
				doc->lines[i].soft = 1;
		}
		free(soft);
	}
	if (!fits) {
		ctl_document_free(doc);
		return ctl_error_set(err, CTL_ELIMIT, "%s: more than %zu lines, one per %d bytes of the "
			"per-document limit (--max-doc-bytes) and at least %d: a list or a log, not an "
			"article", path, max_lines, LINE_MIN_BYTES, LINES_MIN);
	}
	*out = doc;
	return 0;
}

int ctl_document_read(ctl_document **out, const char *path,
		const ctl_ingest_options *opts, ctl_error *err)
{
	size_t max = opts && opts->max_bytes ? opts->max_bytes : CTL_DOC_MAX_BYTES_DEFAULT;
	char *data;
	size_t len;
	int rc = ctl_read_file(&data, &len, path, max, err);
	if (rc == CTL_ELIMIT)
		return ctl_error_set(err, rc, "%s: larger than the per-document limit of %zu bytes (--max-doc-bytes)",
			path, max);
	if (rc)
		return rc;
	rc = ctl_document_from_memory(out, path, data, len, opts, err);
	free(data);
	return rc;
}

void ctl_document_free(ctl_document *doc)
{
	if (!doc)
		return;
	free(doc->id);
	free(doc->path);
	free(doc->title);
	free(doc->site);
	free(doc->text);
	free(doc->lines);
	free(doc->sentences);
	free(doc);
}

void ctl_document_set_dct(ctl_document *doc, ctl_day day, const char *source)
{
	doc->dct = ctl_interval_day(day, CTL_CERT_STATED);
	snprintf(doc->dct_source, sizeof(doc->dct_source), "%s", source);
}

int ctl_document_analyze(ctl_document *doc, const ctl_resources *res, ctl_error *err)
{
	return ctl_document_analyze_ws(doc, res, NULL, err);
}

int ctl_document_analyze_ws(ctl_document *doc, const ctl_resources *res, ctl_workspace *ws,
		ctl_error *err)
{
	int rc;
	ctl_tx_tokens *keep = ctl_workspace_tokens(ws);
	if (keep)
		ctl_tx_tokens_clear(keep);
	ctl_stop_memo *memo = ctl_workspace_stop_memo(ws);
	if ((rc = memo ? ctl_clean_memo(doc, res, memo, err) : ctl_clean(doc, res, err)) ||
	    (rc = ctl_segment(doc, res, err)))
		return rc;
	if (!doc->dct_source[0])
		rc = ctl_dct_detect_keep(doc, res, keep, err);
	return rc;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int ctl_list_inputs(char ***out, size_t *count, const char *path, ctl_error *err)
{
	struct stat st;
	char **items = NULL;
	size_t n = 0, cap = 0;
	if (!strcmp(path, "-") || (stat(path, &st) == 0 && !S_ISDIR(st.st_mode))) {
		*CTL_ARRAY_PUSH(items, n, cap) = ctl_xstrdup(path);
		*out = items;
		*count = n;
		return 0;
	}
	if (stat(path, &st) != 0)
		return ctl_error_set(err, CTL_ENOTFOUND, "%s: no such file or directory", path);
	DIR *d = opendir(path);
	if (!d)
		return ctl_error_set(err, CTL_EIO, "%s: %s", path, strerror(errno));
	struct dirent *de;
	while ((de = readdir(d))) {
		size_t l = strlen(de->d_name);
		if (de->d_name[0] == '.' || l <= 4 || strcmp(de->d_name + l - 4, ".txt"))
			continue;
		*CTL_ARRAY_PUSH(items, n, cap) = ctl_path_join(path, de->d_name);
	}
	closedir(d);
	if (!n) {
		free(items);
		return ctl_error_set(err, CTL_ENOTFOUND, "%s: no *.txt articles in this directory", path);
	}
	qsort(items, n, sizeof(*items), cmp_str);
	*out = items;
	*count = n;
	return 0;
}

ctl_span *ctl_document_read_spans(const ctl_document *doc, size_t *n)
{
	ctl_span *spans = ctl_xmalloc((doc->nsentences + 1) * sizeof(*spans));
	size_t k = 0;
	for (size_t i = 0; i < doc->nlines; i++)
		if (doc->lines[i].kind == CTL_LINE_TITLE) {
			spans[k].start = doc->lines[i].start;
			spans[k++].end = ctl_clean_title_end(doc->text, doc->lines[i].start, doc->lines[i].end);
			break;
		}
	/* the headline comes first in the file, so the spans stay in text order */
	for (size_t i = 0; i < doc->nsentences; i++)
		if (!k || doc->sentences[i].start >= spans[0].end)
			spans[k++] = doc->sentences[i];
	*n = k;
	return spans;
}
