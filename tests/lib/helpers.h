/* Shared by the unit tests. */
#ifndef CTL_TEST_HELPERS_H
#define CTL_TEST_HELPERS_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <ctimeline/ctimeline.h>

/* Reads a whole file (test fails if it cannot); caller frees. */
char *test_read_file(const char *path, size_t *len);
/* Loads the project's data/ (test fails if it cannot); caller frees. */
ctl_resources *test_resources(void);
/* Reads and analyses a seed article by file name; caller frees. */
ctl_document *test_seed(const ctl_resources *res, const char *name);
/* A document from a string, analysed; caller frees. */
ctl_document *test_doc(const ctl_resources *res, const char *text);
/* True when the document keeps a line containing `needle`. */
int test_kept(const ctl_document *doc, const char *needle);
/* True when `needle` appears in the document's text at all. */
int test_contains(const ctl_document *doc, const char *needle);

#endif
