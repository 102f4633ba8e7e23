#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "spill.h"
#include "util.h"

#define SPILL_BUF (1u << 18)   /* 256 KB written at a time */

struct ctl_spill {
	int fd;
	char *path;           /* for messages; the file itself is unlinked */
	uint64_t flushed;     /* bytes written to the file */
	char *buf;            /* the bytes after them, not yet written */
	size_t nbuf;
};

ctl_spill *ctl_spill_new(void)
{
	const char *dir = getenv("TMPDIR");
	if (!dir || !*dir)
		dir = "/tmp";
	size_t n = strlen(dir) + sizeof("/ctimeline-spill-XXXXXX");
	char *path = ctl_xmalloc(n);
	memcpy(path, dir, strlen(dir));
	memcpy(path + strlen(dir), "/ctimeline-spill-XXXXXX", sizeof("/ctimeline-spill-XXXXXX"));
	int fd = mkstemp(path);
	if (fd < 0) {
		free(path);
		return NULL;
	}
	unlink(path);
	ctl_spill *s = ctl_xcalloc(1, sizeof(*s));
	s->fd = fd;
	s->path = path;
	s->buf = ctl_xmalloc(SPILL_BUF);
	return s;
}

void ctl_spill_free(ctl_spill *s)
{
	if (!s)
		return;
	close(s->fd);
	free(s->path);
	free(s->buf);
	free(s);
}

static int flush_buf(ctl_spill *s, ctl_error *err)
{
	size_t done = 0;
	while (done < s->nbuf) {
		ssize_t w = pwrite(s->fd, s->buf + done, s->nbuf - done, (off_t)(s->flushed + done));
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			ctl_error_set(err, CTL_EIO, "%s (temporary file, deleted): cannot write: %s",
			              s->path, w < 0 ? strerror(errno) : "no progress");
			return CTL_EIO;
		}
		done += (size_t)w;
	}
	s->flushed += s->nbuf;
	s->nbuf = 0;
	return 0;
}

int ctl_spill_put(ctl_spill *s, const char *data, size_t len, uint64_t *off, ctl_error *err)
{
	*off = s->flushed + s->nbuf;
	while (len) {
		if (s->nbuf == SPILL_BUF) {
			int rc = flush_buf(s, err);
			if (rc)
				return rc;
		}
		size_t k = SPILL_BUF - s->nbuf < len ? SPILL_BUF - s->nbuf : len;
		memcpy(s->buf + s->nbuf, data, k);
		s->nbuf += k;
		data += k;
		len -= k;
	}
	return 0;
}

uint64_t ctl_spill_size(const ctl_spill *s)
{
	return s->flushed + s->nbuf;
}

int ctl_spill_get(ctl_spill *s, uint64_t off, size_t len, char *buf, ctl_error *err)
{
	if (off > s->flushed + s->nbuf || len > s->flushed + s->nbuf - off) {
		ctl_error_set(err, CTL_EIO, "%s (temporary file, deleted): cannot read: "
		              "bytes %llu-%llu were never written", s->path,
		              (unsigned long long)off, (unsigned long long)(off + len));
		return CTL_EIO;
	}
	/* the part still in the buffer */
	while (len && off + len > s->flushed) {
		uint64_t from = off > s->flushed ? off : s->flushed;
		size_t k = (size_t)(off + len - from);
		memcpy(buf + (from - off), s->buf + (from - s->flushed), k);
		len -= k;
	}
	size_t done = 0;
	while (done < len) {
		ssize_t r = pread(s->fd, buf + done, len - done, (off_t)(off + done));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			ctl_error_set(err, CTL_EIO, "%s (temporary file, deleted): cannot read: %s",
			              s->path, r < 0 ? strerror(errno) : "unexpected end of file");
			return CTL_EIO;
		}
		done += (size_t)r;
	}
	return 0;
}
