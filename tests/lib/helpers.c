#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "helpers.h"

char *test_read_file(const char *path, size_t *len)
{
	char *data = NULL;
	size_t n = 0;
	ctl_error err;
	ctl_error_clear(&err);
	if (ctl_read_file(&data, &n, path, 1u << 30, &err))
		fail_msg("%s", err.msg);
	if (len)
		*len = n;
	return data;
}

ctl_resources *test_resources(void)
{
	ctl_resources *res = NULL;
	ctl_error err;
	ctl_error_clear(&err);
	if (ctl_resources_new(&res, CTL_DATA_DIR, &err))
		fail_msg("%s", err.msg);
	return res;
}

ctl_document *test_seed(const ctl_resources *res, const char *name)
{
	char path[1024];
	snprintf(path, sizeof(path), "%s/%s", CTL_SEEDS_DIR, name);
	ctl_document *doc = NULL;
	ctl_error err;
	ctl_error_clear(&err);
	if (ctl_document_read(&doc, path, NULL, &err) || ctl_document_analyze(doc, res, &err))
		fail_msg("%s", err.msg);
	return doc;
}

ctl_document *test_doc(const ctl_resources *res, const char *text)
{
	ctl_document *doc = NULL;
	ctl_error err;
	ctl_error_clear(&err);
	if (ctl_document_from_memory(&doc, "test.txt", text, strlen(text), NULL, &err) ||
	    ctl_document_analyze(doc, res, &err))
		fail_msg("%s", err.msg);
	return doc;
}

int test_kept(const ctl_document *doc, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = 0; i < doc->nlines; i++) {
		const ctl_line *l = &doc->lines[i];
		if (l->kind != CTL_LINE_BODY && l->kind != CTL_LINE_TITLE)
			continue;
		for (uint32_t p = l->start; p + n <= l->end; p++)
			if (!memcmp(doc->text + p, needle, n))
				return 1;
	}
	return 0;
}

int test_contains(const ctl_document *doc, const char *needle)
{
	return strstr(doc->text, needle) != NULL;
}
