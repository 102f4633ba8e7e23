/*
 * Writing events JSON (internal): the chunked writer behind
 * ctl_timeline_write_json_mt, with the chunk size as a parameter so that
 * tests can cut the output at every unit (a chunk weight of 1).
 */
#ifndef CTL_JSON_WRITE_H
#define CTL_JSON_WRITE_H

#include <stdint.h>
#include "ctimeline/buf.h"
#include "ctimeline/io.h"
#include "ctimeline/timeline.h"

/* About 60 bytes of output per unit of weight. */
#define CTL_JSON_CHUNK_WEIGHT 16384

int ctl_timeline_write_json_chunks(ctl_out *out, const ctl_timeline *tl, unsigned threads,
		size_t chunk_weight, ctl_error *err);

/* s[0, n) as a JSON string, quoted and escaped byte for byte as cJSON's
 * print_string_ptr does: '"', '\\' and the C escapes by name, other
 * control characters as \u00XX, every other byte as it is. */
void ctl_json_put_string(ctl_buf *b, const char *s, size_t n);
/* An integer as cJSON prints an integral double below 2^53. */
void ctl_json_put_int(ctl_buf *b, int64_t v);

#endif
