/*
 * File input and output that never leaves a partial file behind.
 */
#ifndef CTIMELINE_IO_H
#define CTIMELINE_IO_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Reads the whole of `path` ("-": standard input) into a new NUL-terminated
 * buffer (the caller frees it with free()). Fails with CTL_ENOTFOUND,
 * CTL_EIO (naming the system's reason, or "is a directory") or CTL_ELIMIT
 * when the file is larger than `max_bytes`, without reading past the limit.
 */
int ctl_read_file(char **out, size_t *len, const char *path, size_t max_bytes,
		ctl_error *err);

/*
 * Writes data to `path` ("-": standard output) atomically: into a temporary
 * file in the same directory, flushed and synced, then renamed over `path`.
 * On any failure the previous file is untouched and no temporary file is
 * left. Writing to standard output checks for write errors (a full disk, a
 * closed pipe).
 */
int ctl_write_file_atomic(const char *path, const char *data, size_t len,
		ctl_error *err);

/*
 * The same, as a stream: ctl_out_open creates the temporary file (or takes
 * standard output for "-"), ctl_out_write appends (buffered; the first
 * write error sticks and is returned by every later call; on Linux the
 * disk is asked to start writing every 8 MiB, so the final sync has little
 * left to wait for), ctl_out_commit flushes, syncs and renames into place,
 * ctl_out_abort removes the
 * temporary file and leaves any previous file untouched. Both free `o`.
 */
typedef struct ctl_out ctl_out;
int ctl_out_open(ctl_out **out, const char *path, ctl_error *err);
int ctl_out_write(ctl_out *o, const char *data, size_t len, ctl_error *err);
int ctl_out_commit(ctl_out *o, ctl_error *err);
void ctl_out_abort(ctl_out *o);

#ifdef __cplusplus
}
#endif
#endif
