/*
 * Ingest: read a file, make its bytes safe to process (valid UTF-8, no NUL)
 * without moving any offset, and split it into lines.
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

static void split_lines(ctl_document *doc)
{
	size_t cap = 0;
	const char *s = doc->text;
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
		l->reason = NULL;
		i = end + 1;
	}
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
	split_lines(doc);
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
	if ((rc = ctl_clean(doc, res, err)) || (rc = ctl_segment(doc, res, err)))
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
			spans[k++].end = doc->lines[i].end;
			break;
		}
	/* the headline comes first in the file, so the spans stay in text order */
	for (size_t i = 0; i < doc->nsentences; i++)
		if (!k || doc->sentences[i].start >= spans[0].end)
			spans[k++] = doc->sentences[i];
	*n = k;
	return spans;
}
