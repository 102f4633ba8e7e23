#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ctimeline/buf.h"
#include "util.h"

const char ctl_buf__empty[1] = "";

void ctl_buf_init(ctl_buf *b)
{
	b->ptr = (char *)ctl_buf__empty;
	b->len = 0;
	b->cap = 0;
}

void ctl_buf_release(ctl_buf *b)
{
	if (b->cap)
		free(b->ptr);
	ctl_buf_init(b);
}

void ctl_buf_grow(ctl_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	if (need < b->len) /* overflow */
		abort();
	if (need <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap < SIZE_MAX / 2 ? cap * 2 : need;
	char *p = b->cap ? ctl_xrealloc(b->ptr, cap) : ctl_xmalloc(cap);
	if (!b->cap)
		p[0] = '\0';
	b->ptr = p;
	b->cap = cap;
}

void ctl_buf_put(ctl_buf *b, const void *data, size_t len)
{
	if (!len)
		return;
	if (len >= b->cap - b->len || !b->cap) /* room for the bytes and a NUL? */
		ctl_buf_grow(b, len);
	memcpy(b->ptr + b->len, data, len);
	b->len += len;
	b->ptr[b->len] = '\0';
}

void ctl_buf_puts(ctl_buf *b, const char *s)
{
	ctl_buf_put(b, s, strlen(s));
}

void ctl_buf_putc(ctl_buf *b, char c)
{
	if (b->len + 2 > b->cap)
		ctl_buf_grow(b, 1);
	b->ptr[b->len++] = c;
	b->ptr[b->len] = '\0';
}

void ctl_buf_vprintf(ctl_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n <= 0)
		return;
	ctl_buf_grow(b, (size_t)n);
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void ctl_buf_printf(ctl_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ctl_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void ctl_buf_clear(ctl_buf *b)
{
	b->len = 0;
	if (b->cap)
		b->ptr[0] = '\0';
}

char *ctl_buf_detach(ctl_buf *b, size_t *len_out)
{
	char *p;
	if (len_out)
		*len_out = b->len;
	if (b->cap) {
		p = b->ptr;
	} else {
		p = ctl_xmalloc(1);
		p[0] = '\0';
	}
	ctl_buf_init(b);
	return p;
}
