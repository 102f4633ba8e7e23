/* ctimeline: the whole public API. */
#ifndef CTIMELINE_H
#define CTIMELINE_H

#include "common.h"
#include "buf.h"
#include "date.h"
#include "io.h"
#include "resources.h"
#include "document.h"
#include "manifest.h"
#include "timex.h"
#include "timeline.h"
#include "actors.h"
#include "extract.h"
#include "render.h"
#include "export.h"

#endif
