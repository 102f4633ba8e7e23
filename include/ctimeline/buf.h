/*
 * ctl_buf: a growable byte buffer.
 *
 * Invariants (as git's strbuf): after ctl_buf_init, `ptr` is never NULL and
 * always NUL-terminated at ptr[len]; `len` < `cap` once memory is owned.
 * Out of memory aborts (as cmark does): the buffer never ends half-written.
 */
#ifndef CTIMELINE_BUF_H
#define CTIMELINE_BUF_H

#include <stdarg.h>
#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ctl_buf {
	char *ptr;
	size_t len;
	size_t cap; /* 0 while ptr points at the shared empty string */
} ctl_buf;

#define CTL_BUF_INIT { (char *)ctl_buf__empty, 0, 0 }
extern const char ctl_buf__empty[1];

void ctl_buf_init(ctl_buf *b);
/* Frees the memory and leaves b empty and usable again. */
void ctl_buf_release(ctl_buf *b);
/* Makes room for at least `extra` more bytes. */
void ctl_buf_grow(ctl_buf *b, size_t extra);
void ctl_buf_put(ctl_buf *b, const void *data, size_t len);
void ctl_buf_puts(ctl_buf *b, const char *s);
void ctl_buf_putc(ctl_buf *b, char c);
void ctl_buf_printf(ctl_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void ctl_buf_vprintf(ctl_buf *b, const char *fmt, va_list ap);
void ctl_buf_clear(ctl_buf *b);
/* Hands the memory to the caller (who frees it with free()) and empties b. */
char *ctl_buf_detach(ctl_buf *b, size_t *len_out);

#ifdef __cplusplus
}
#endif
#endif
