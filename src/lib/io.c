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

int ctl_write_file_atomic(const char *path, const char *data, size_t len, ctl_error *err)
{
	if (!strcmp(path, "-")) {
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0 || ferror(stdout))
			return ctl_error_set(err, CTL_EIO, "<stdout>: write failed: %s", strerror(errno));
		return 0;
	}
	struct stat st;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return ctl_error_set(err, CTL_EIO, "%s: is a directory", path);
	/* the temporary file lives beside the target, so rename() is atomic */
	size_t n = strlen(path);
	char *tmp = ctl_xmalloc(n + 32);
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
	snprintf(tmp, n + 32, "%.*s.%s.tmpXXXXXX", (int)dirlen, path, path + dirlen);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		int e = errno;
		/* ENOENT also comes from a directory that exists but takes no new
		 * files (/proc, /sys): say so rather than "does not exist" */
		bool dir_exists = false;
		if (e == ENOENT) {
			tmp[dirlen] = '\0';
			dir_exists = stat(dirlen ? tmp : ".", &st) == 0 && S_ISDIR(st.st_mode);
		}
		free(tmp);
		if (e == ENOENT && !dir_exists)
			return ctl_error_set(err, CTL_EIO, "%s: directory does not exist", path);
		if (e == ENOENT)
			return ctl_error_set(err, CTL_EIO, "%s: cannot create a file in its directory",
				path);
		return ctl_error_set(err, CTL_EIO, "%s: cannot write: %s", path, strerror(e));
	}
	int e = 0;
	if (write_all(fd, data, len) != 0 || fsync(fd) != 0)
		e = errno;
	/* keep the usual permissions (mkstemp creates 0600) */
	mode_t mask = umask(0);
	umask(mask);
	if (!e && fchmod(fd, 0666 & ~mask) != 0)
		e = errno;
	if (close(fd) != 0 && !e)
		e = errno;
	if (!e && rename(tmp, path) != 0)
		e = errno;
	if (e) {
		unlink(tmp);
		free(tmp);
		return ctl_error_set(err, CTL_EIO, "%s: cannot write: %s", path, strerror(e));
	}
	free(tmp);
	return 0;
}
