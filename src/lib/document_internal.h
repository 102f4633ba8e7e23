/* What the library's stages share about a document beyond the public API. */
#ifndef CTL_DOCUMENT_INTERNAL_H
#define CTL_DOCUMENT_INTERNAL_H

#include "ctimeline/document.h"

/*
 * Rewrites the markup left in scraped text (unmark.c) in place: an HTML
 * tag as white space (a block's as a line break or a paragraph's end), a
 * character reference as its character, a Markdown link, strong emphasis
 * or heading mark as its text, an image as white space; with `page` (an
 * HTML page), line breaks as spaces, any tag, and hidden elements whole
 * (head, script, style...), no Markdown. No byte moves but the rest of a
 * word that held markup ("AT&amp;T"). `text` holds no NUL and is NUL-terminated
 * (text[len] == '\0'). Returns how many pieces of markup were rewritten.
 */
size_t ctl_unmark(char *text, size_t len, bool page);

/*
 * The spans extraction reads, in text order: the headline, then the body's
 * sentences after it. The caller frees the array; *n is set to its length.
 */
ctl_span *ctl_document_read_spans(const ctl_document *doc, size_t *n);

/*
 * The cleaner's memory of which short words are stopwords, kept by a
 * workspace from page to page (partial.c). ctl_clean_memo is ctl_clean
 * using it; the result is the same as ctl_clean's.
 */
typedef struct ctl_stop_memo ctl_stop_memo;
ctl_stop_memo *ctl_stop_memo_new(void);
void ctl_stop_memo_free(ctl_stop_memo *m);
int ctl_clean_memo(ctl_document *doc, const ctl_resources *res, ctl_stop_memo *memo,
		ctl_error *err);

/* Where the headline on t[a, b) ends: before a site's name after a bar
 * ("Court voids data deal | Agency"), else b. The title and the title's
 * span that the later stages read stop there. */
uint32_t ctl_clean_title_end(const char *t, uint32_t a, uint32_t b);

/* The memo a workspace keeps, or NULL for NULL. */
typedef struct ctl_workspace ctl_workspace;
ctl_stop_memo *ctl_workspace_stop_memo(ctl_workspace *ws);

#endif
