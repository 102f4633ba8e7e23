/* What the library's stages share about a document beyond the public API. */
#ifndef CTL_DOCUMENT_INTERNAL_H
#define CTL_DOCUMENT_INTERNAL_H

#include "ctimeline/document.h"

/*
 * The spans extraction reads, in text order: the headline, then the body's
 * sentences after it. The caller frees the array; *n is set to its length.
 */
ctl_span *ctl_document_read_spans(const ctl_document *doc, size_t *n);

#endif
