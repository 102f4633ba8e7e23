/*
 * A spill file: an unlinked temporary file that texts are appended to and
 * read back from, so that what a long run keeps for the end (the event
 * candidates' sentences and titles) waits on disk instead of in memory.
 */
#ifndef CTL_SPILL_H
#define CTL_SPILL_H

#include <stddef.h>
#include <stdint.h>
#include "ctimeline/common.h"

typedef struct ctl_spill ctl_spill;

/* A new spill file in $TMPDIR (else /tmp), already unlinked; NULL when none
 * can be made (the caller then keeps its texts in memory). */
ctl_spill *ctl_spill_new(void);
void ctl_spill_free(ctl_spill *s);
/* Appends data[0..len) and sets *off to where it starts. Fails with CTL_EIO
 * (the message names the temporary file and the system's reason). */
int ctl_spill_put(ctl_spill *s, const char *data, size_t len, uint64_t *off, ctl_error *err);
/* The bytes put so far. */
uint64_t ctl_spill_size(const ctl_spill *s);
/* Reads [off, off + len) back into buf (len bytes). Fails with CTL_EIO. */
int ctl_spill_get(ctl_spill *s, uint64_t off, size_t len, char *buf, ctl_error *err);

#endif
