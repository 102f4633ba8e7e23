#ifndef CTL_TIMELINE_INTERNAL_H
#define CTL_TIMELINE_INTERNAL_H

#include <stddef.h>
#include "ctimeline/timeline.h"

/* Makes room for `more` events past tl->nevents, exactly (a doubling array
 * of a corpus' events leaves up to half of it unused). */
void ctl_timeline_reserve_events(ctl_timeline *tl, size_t more);

#endif
