/*
 * ctl_document: one article as read from disk, its cleaned lines, its
 * sentences and its publication date (the DCT, "document creation time").
 *
 * Every offset is a byte offset into the original file. Invalid UTF-8 bytes
 * are replaced one-for-one by '?' in `text`, so offsets stay those of the file
 * (HTML left in the text is rewritten in place too: see `unmarked`).
 */
#ifndef CTIMELINE_DOCUMENT_H
#define CTIMELINE_DOCUMENT_H

#include "common.h"
#include "date.h"
#include "resources.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Default per-document size limit (bytes); see ctl_ingest_options. */
#define CTL_DOC_MAX_BYTES_DEFAULT (16u * 1024u * 1024u)

typedef enum ctl_line_kind {
	CTL_LINE_BODY = 0,   /* the article's own text: kept */
	CTL_LINE_TITLE,      /* the article's headline: kept, not a sentence source */
	CTL_LINE_BLANK,      /* empty or white space only */
	CTL_LINE_FURNITURE   /* page furniture: dropped */
} ctl_line_kind;

typedef struct ctl_line {
	uint32_t start, end;   /* the line without its terminator */
	uint8_t kind;          /* ctl_line_kind */
	/* 1: the break after this line is one kept or put back at a sentence's
	 * end of a hard-wrapped or flattened page, and may lie inside a
	 * paragraph as well as end one */
	uint8_t soft;
	/* 1: an entry of a chronology (set by cleaning): one of two lines or
	 * more in a row that open with a date and a dash ("March 2019 – Raises
	 * £60m ...", "October 2027 - Earth flyby") */
	uint8_t chrono;
	const char *reason;    /* why it was dropped (static string), or NULL */
} ctl_line;

typedef struct ctl_document {
	char *id;              /* stable id: the file's base name without .txt */
	char *path;            /* as given by the user ("-" for stdin) */
	char *title;           /* headline (NUL-terminated copy) or NULL */
	/* the site's own name, as its page header shows it above the menu
	 * ("ByteWire", "NORDIC PULSE"; set by cleaning), or NULL: the outlet
	 * the article mentions ("told Nordic Pulse") is no actor of it */
	char *site;
	char *text;            /* the bytes, NUL-terminated, invalid UTF-8 replaced */
	size_t len;
	size_t invalid_bytes;  /* how many bytes were replaced */
	size_t first_invalid;  /* offset of the first replaced byte */
	/* > 0: the text was hard-wrapped at this many characters a line, and
	 * the line breaks inside its paragraphs were made spaces (in `text`:
	 * no offset moves) */
	unsigned wrap_width;
	size_t unwrapped;      /* how many line breaks were made spaces */
	/* > 0: the page was one line of text, and this many spaces where
	 * breaks had been flattened (a run of spaces, a sentence's end) were
	 * made line breaks (in `text`: no offset moves) */
	size_t split;
	/* the file looks like an HTML page, not its text (a doctype, or an
	 * html, head or body tag before any text): its text is read from
	 * between its tags (see `unmarked`) */
	bool markup;
	/* this much markup was rewritten in `text`. In text: HTML tags left in
	 * it ("Dallas.<br>") as white space (a block's as a line break or a
	 * paragraph's end), character references ("AT&amp;T", "&nbsp;") as
	 * their characters, Markdown links, images, strong emphasis and
	 * heading marks ("[text](url)", "**Name**", "# ") as their text. In a
	 * page, also: its line breaks as spaces, any tag, and what its head,
	 * scripts and styles hold, as white space. No offset moves, but inside
	 * a word that held markup: its bytes after the markup move left, and
	 * the bytes freed are spaces after the word. */
	size_t unmarked;

	ctl_line *lines;
	size_t nlines;
	ctl_span *sentences;   /* in kept lines, in text order */
	size_t nsentences;

	/* Publication date: an exact day (precision day, certainty stated or
	 * inferred), or bounds only (certainty bounded, precision none) */
	ctl_interval dct;
	char dct_source[48];   /* "header", "dateline", "manifest", "user",
	                          "dateline+year-inferred", "header+weekday",
	                          "header-ambiguous", "content-bounds", "" */
} ctl_document;

typedef struct ctl_ingest_options {
	size_t max_bytes;      /* 0: CTL_DOC_MAX_BYTES_DEFAULT */
} ctl_ingest_options;

/*
 * Reads `path` ("-": standard input) into a new document: validates UTF-8,
 * rewrites the markup left in text (unmarked), rejoins the paragraphs of
 * hard-wrapped text (wrap_width), puts back the breaks of a page flattened
 * to one line (split), splits lines.
 * Does not clean or date it (see ctl_document_analyze).
 * The caller frees the result with ctl_document_free.
 */
int ctl_document_read(ctl_document **out, const char *path,
		const ctl_ingest_options *opts, ctl_error *err);

/* Builds a document from memory (copied); `path` names it in messages. */
int ctl_document_from_memory(ctl_document **out, const char *path,
		const char *data, size_t len, const ctl_ingest_options *opts,
		ctl_error *err);

void ctl_document_free(ctl_document *doc);

/*
 * Runs the per-document stages: clean (classify lines), segment (sentences),
 * then detect the publication date unless one was already set.
 */
int ctl_document_analyze(ctl_document *doc, const ctl_resources *res,
		ctl_error *err);

/* The stages one by one (ctl_document_analyze runs them in this order). */
int ctl_clean(ctl_document *doc, const ctl_resources *res, ctl_error *err);
int ctl_segment(ctl_document *doc, const ctl_resources *res, ctl_error *err);
int ctl_dct_detect(ctl_document *doc, const ctl_resources *res, ctl_error *err);

/* Sets the publication date as supplied by the user (wins over detection). */
void ctl_document_set_dct(ctl_document *doc, ctl_day day, const char *source);

/*
 * Lists the article files under `path`: the path itself if it is a file, or
 * the `*.txt` files of a directory, sorted by name (bytewise). The caller
 * frees each string and the array with free().
 */
int ctl_list_inputs(char ***out, size_t *count, const char *path, ctl_error *err);

#ifdef __cplusplus
}
#endif
#endif
