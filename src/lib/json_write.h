/*
 * Writing events JSON (internal): the chunked writer behind
 * ctl_timeline_write_json_mt, with the chunk size as a parameter so that
 * tests can cut the output at every unit (a chunk weight of 1).
 */
#ifndef CTL_JSON_WRITE_H
#define CTL_JSON_WRITE_H

#include "ctimeline/io.h"
#include "ctimeline/timeline.h"

/* About 60 bytes of output per unit of weight. */
#define CTL_JSON_CHUNK_WEIGHT 16384

int ctl_timeline_write_json_chunks(ctl_out *out, const ctl_timeline *tl, unsigned threads,
		size_t chunk_weight, ctl_error *err);

#endif
