#define _GNU_SOURCE /* sync_file_range */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "ctimeline/io.h"
#include "util.h"

static int read_fd(char **out, size_t *len, int fd, const char *path, size_t max_bytes,
		ctl_error *err)
{
	size_t cap = 65536, n = 0;
	char *buf = ctl_xmalloc(cap + 1);
	for (;;) {
		if (n == cap) {
			if (cap > max_bytes)
				break;
			cap *= 2;
			buf = ctl_xrealloc(buf, cap + 1);
		}
		ssize_t r = read(fd, buf + n, cap - n);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			free(buf);
			return ctl_error_set(err, CTL_EIO, "%s: %s", path,
				e == EISDIR ? "is a directory" : strerror(e));
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n > max_bytes)
			break;
	}
	if (n > max_bytes) {
		free(buf);
		return ctl_error_set(err, CTL_ELIMIT, "%s: larger than the limit of %zu bytes",
			path, max_bytes);
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return 0;
}

int ctl_read_file(char **out, size_t *len, const char *path, size_t max_bytes,
		ctl_error *err)
{
	if (!strcmp(path, "-"))
		return read_fd(out, len, STDIN_FILENO, "<stdin>", max_bytes, err);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		int e = errno;
		return ctl_error_set(err, e == ENOENT ? CTL_ENOTFOUND : CTL_EIO, "%s: %s", path,
			e == ENOENT ? "no such file or directory" : strerror(e));
	}
	struct stat st;
	if (fstat(fd, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			close(fd);
			return ctl_error_set(err, CTL_EIO, "%s: is a directory", path);
		}
		if (S_ISREG(st.st_mode) && (uint64_t)st.st_size > max_bytes) {
			close(fd);
			return ctl_error_set(err, CTL_ELIMIT,
				"%s: %lld bytes, larger than the limit of %zu bytes",
				path, (long long)st.st_size, max_bytes);
		}
	}
	int rc = read_fd(out, len, fd, path, max_bytes, err);
	close(fd);
	return rc;
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t w = write(fd, data, len);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += w;
		len -= (size_t)w;
	}
	return 0;
}

struct ctl_out {
	char *path;
	char *tmp;      /* NULL for standard output or a device */
	int fd;
	bool device;    /* a character device or pipe named by path (/dev/full):
	                   written in place, never replaced by a rename */
	int err;        /* the first write error (errno), 0 if none */
	char *buf;      /* bytes not yet written */
	size_t len;
	uint64_t written;   /* bytes written to the temporary file */
	uint64_t started;   /* ... of which the disk was asked to write so far */
};

#define OUT_BUF (256 * 1024)
/* A temporary file's bytes are handed to the disk every OUT_KICK bytes as
 * they are written, so the fsync of ctl_out_commit waits for what is left,
 * not for the whole file (190 MB of events JSON: 94 ms of fsync at the end,
 * serial, on this VM) */
#define OUT_KICK (8u << 20)

int ctl_out_open(ctl_out **out, const char *path, ctl_error *err)
{
	*out = NULL;
	ctl_out *o = ctl_xcalloc(1, sizeof(*o));
	o->path = ctl_xstrdup(path);
	o->buf = ctl_xmalloc(OUT_BUF);
	if (!strcmp(path, "-")) {
		o->fd = STDOUT_FILENO;
		*out = o;
		return 0;
	}
	struct stat st;
	int rc = 0;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		rc = ctl_error_set(err, CTL_EIO, "%s: is a directory", path);
		goto fail;
	}
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		o->fd = open(path, O_WRONLY);
		if (o->fd < 0) {
			rc = ctl_error_set(err, CTL_EIO, "%s: cannot write: %s", path, strerror(errno));
			goto fail;
		}
		o->device = true;
		*out = o;
		return 0;
	}
	/* the temporary file lives beside the target, so rename() is atomic */
	size_t n = strlen(path);
	o->tmp = ctl_xmalloc(n + 32);
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
	snprintf(o->tmp, n + 32, "%.*s.%s.tmpXXXXXX", (int)dirlen, path, path + dirlen);
	o->fd = mkstemp(o->tmp);
	if (o->fd < 0) {
		int e = errno;
		/* ENOENT also comes from a directory that exists but takes no new
		 * files (/proc, /sys): say so rather than "does not exist" */
		bool dir_exists = false;
		if (e == ENOENT) {
			o->tmp[dirlen] = '\0';
			dir_exists = stat(dirlen ? o->tmp : ".", &st) == 0 && S_ISDIR(st.st_mode);
		}
		if (e == ENOENT && !dir_exists)
			rc = ctl_error_set(err, CTL_EIO, "%s: directory does not exist", path);
		else if (e == ENOENT)
			rc = ctl_error_set(err, CTL_EIO, "%s: cannot create a file in its directory",
				path);
		else
			rc = ctl_error_set(err, CTL_EIO, "%s: cannot write: %s", path, strerror(e));
		free(o->tmp);
		o->tmp = NULL;
		goto fail;
	}
	*out = o;
	return 0;
fail:
	free(o->path);
	free(o->buf);
	free(o);
	return rc;
}

/* Writes data to o's file; starts the disk writing a temporary file's
 * bytes every OUT_KICK of them (a hint: the fsync reports any error). */
static void out_put(ctl_out *o, const char *data, size_t len)
{
	if (o->err || !len)
		return;
	if (write_all(o->fd, data, len) != 0) {
		o->err = errno ? errno : EIO;
		return;
	}
	o->written += len;
#ifdef SYNC_FILE_RANGE_WRITE
	if (o->tmp && o->written - o->started >= OUT_KICK) {
		(void)sync_file_range(o->fd, (off_t)o->started, (off_t)(o->written - o->started),
			SYNC_FILE_RANGE_WRITE);
		o->started = o->written;
	}
#endif
}

static void out_flush(ctl_out *o)
{
	out_put(o, o->buf, o->len);
	o->len = 0;
}

int ctl_out_write(ctl_out *o, const char *data, size_t len, ctl_error *err)
{
	if (len >= OUT_BUF) {
		out_flush(o);
		out_put(o, data, len);
	} else {
		if (o->len + len > OUT_BUF)
			out_flush(o);
		memcpy(o->buf + o->len, data, len);
		o->len += len;
	}
	if (o->err)
		return ctl_error_set(err, CTL_EIO, "%s: write failed: %s",
			strcmp(o->path, "-") ? o->path : "<stdout>", strerror(o->err));
	return 0;
}

void ctl_out_abort(ctl_out *o)
{
	if (!o)
		return;
	if (o->tmp) {
		close(o->fd);
		unlink(o->tmp);
		free(o->tmp);
	} else if (o->device) {
		close(o->fd);
	}
	free(o->path);
	free(o->buf);
	free(o);
}

int ctl_out_commit(ctl_out *o, ctl_error *err)
{
	out_flush(o);
	int e = o->err;
	if (!o->tmp) {
		/* standard output or a device: nothing to sync or rename */
		if (o->device && close(o->fd) != 0 && !e)
			e = errno;
		const char *name = o->device ? o->path : "<stdout>";
		if (e)
			ctl_error_set(err, CTL_EIO, "%s: write failed: %s", name, strerror(e));
		free(o->path);
		free(o->buf);
		free(o);
		return e ? CTL_EIO : 0;
	}
	if (!e && fsync(o->fd) != 0)
		e = errno;
	/* keep the usual permissions (mkstemp creates 0600) */
	mode_t mask = umask(0);
	umask(mask);
	if (!e && fchmod(o->fd, 0666 & ~mask) != 0)
		e = errno;
	if (close(o->fd) != 0 && !e)
		e = errno;
	if (!e && rename(o->tmp, o->path) != 0)
		e = errno;
	if (e) {
		unlink(o->tmp);
		ctl_error_set(err, CTL_EIO, "%s: cannot write: %s", o->path, strerror(e));
	}
	free(o->tmp);
	free(o->path);
	free(o->buf);
	free(o);
	return e ? CTL_EIO : 0;
}

int ctl_write_file_atomic(const char *path, const char *data, size_t len, ctl_error *err)
{
	if (!strcmp(path, "-")) {
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0 || ferror(stdout))
			return ctl_error_set(err, CTL_EIO, "<stdout>: write failed: %s", strerror(errno));
		return 0;
	}
	ctl_out *o;
	int rc = ctl_out_open(&o, path, err);
	if (rc)
		return rc;
	if ((rc = ctl_out_write(o, data, len, err))) {
		ctl_out_abort(o);
		return rc;
	}
	return ctl_out_commit(o, err);
}
