/*
 * ctimeline: common definitions shared by every public header.
 *
 * Errors: fallible functions return 0 on success or a negative CTL_E* code,
 * and fill a caller-provided ctl_error with a one-line message (lowercase,
 * no full stop, naming the file where there is one). The library never
 * prints and never exits.
 */
#ifndef CTIMELINE_COMMON_H
#define CTIMELINE_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

enum {
	CTL_OK = 0,
	CTL_ENOMEM = -1,   /* out of memory */
	CTL_EIO = -2,      /* a file could not be read or written */
	CTL_EDATA = -3,    /* the input is malformed (bad JSON, bad date, ...) */
	CTL_ELIMIT = -4,   /* the input exceeds a documented limit */
	CTL_EINVAL = -5,   /* the caller passed an invalid argument */
	CTL_ENOTFOUND = -6 /* a path or a data file does not exist */
};

typedef struct ctl_error {
	int code;       /* one of CTL_E*, 0 when nothing went wrong */
	char msg[512];  /* "seeds/a.txt: not valid UTF-8 at byte 12" */
} ctl_error;

/* Formats msg into err (err may be NULL) and returns code. */
int ctl_error_set(ctl_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Clears err to "no error". */
void ctl_error_clear(ctl_error *err);

/* The library's version, "MAJOR.MINOR.PATCH". */
const char *ctl_version(void);

/* A byte range [start, end) into a document's original bytes. */
typedef struct ctl_span {
	uint32_t start;
	uint32_t end;
} ctl_span;

#ifdef __cplusplus
}
#endif
#endif
