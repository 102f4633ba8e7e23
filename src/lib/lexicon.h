/*
 * Lexicon files: the one format every knowledge file under data/ uses.
 *
 *   # a comment line (also after leading white space)
 *   key<TAB>field1<TAB>field2 ...
 *
 * UTF-8 text, one entry per line, blank lines ignored. Keys are matched
 * case-insensitively (ASCII letters) and may contain spaces ("new year's
 * day"). A key listed twice keeps its first row. Each file's header comment
 * documents its fields and its source.
 */
#ifndef CTL_LEXICON_H
#define CTL_LEXICON_H

#include "ctimeline/common.h"

typedef struct ctl_lex_entry {
	const char *key;          /* as written in the file */
	size_t keylen;
	uint64_t kw;              /* ctl_pack8_nocase of the key: a key of 1-8
	                             bytes lower-cased in one word, else 0 */
	const char *const *fields; /* fields[0] == key; nfields >= 1 */
	size_t nfields;
	size_t line;              /* line number in the file, for messages */
	uint32_t tag;             /* set by the lexicon's user (ctl_lexicon_set_tags), else 0 */
} ctl_lex_entry;

typedef struct ctl_lexicon ctl_lexicon;

/* Loads `path`; the caller frees with ctl_lexicon_free. */
int ctl_lexicon_load(ctl_lexicon **out, const char *path, ctl_error *err);
/* Parses a lexicon from memory (copied); `name` names it in messages. */
int ctl_lexicon_parse(ctl_lexicon **out, const char *name, const char *data,
		size_t len, ctl_error *err);
void ctl_lexicon_free(ctl_lexicon *lex);

/* The entry whose key equals key[0..keylen) ignoring ASCII case, or NULL. */
const ctl_lex_entry *ctl_lexicon_get(const ctl_lexicon *lex, const char *key, size_t keylen);
/* The same, given hash = ctl_hash_nocase(key, keylen): a word looked up in
 * several lexicons is hashed once. */
const ctl_lex_entry *ctl_lexicon_get_h(const ctl_lexicon *lex, const char *key, size_t keylen,
		uint64_t hash);
/* All entries in file order. */
size_t ctl_lexicon_count(const ctl_lexicon *lex);
const ctl_lex_entry *ctl_lexicon_at(const ctl_lexicon *lex, size_t i);
/* The longest key length in words (spaces + 1), to bound multi-word look-ups. */
size_t ctl_lexicon_max_words(const ctl_lexicon *lex);
/* Sets each entry's tag to fn(entry): a code its user derives once from the
 * fields at load time instead of comparing strings at every look-up. */
void ctl_lexicon_set_tags(ctl_lexicon *lex, uint32_t (*fn)(const ctl_lex_entry *e));
const char *ctl_lexicon_name(const ctl_lexicon *lex);
/*
 * The most words (spaces + 1) of a key whose first word (up to its first
 * space) is w[0..n) ignoring ASCII case; 0 if no key begins with that word.
 * Hash-based, so it may overcount, never undercount: a phrase look-up loop
 * ("longest phrase first") starts there instead of at max_words and skips
 * a word that begins no key (issue 9: such loops did most look-ups).
 */
size_t ctl_lexicon_first_word_max(const ctl_lexicon *lex, const char *w, size_t n);
/* The same for a word whose ctl_hash_nocase is h (a word hashed once for
 * several lists). */
size_t ctl_lexicon_first_word_max_h(const ctl_lexicon *lex, uint64_t h);
/*
 * The shape bit of a key of n >= 1 bytes: its length (15 and up together)
 * and its first and last bytes, five bits each ('a'..'z' stay apart, and
 * the low five bits ignore ASCII case). A lexicon keeps a bitmap of the
 * shapes of its keys, and of its keys' first words: a word whose bit is
 * clear is in no key, and needs no hash.
 */
#define CTL_LEX_SHAPE_BITS (16 * 32 * 32)
static inline size_t ctl_lex_shape_bit(const char *key, size_t n)
{
	size_t len = n < 15 ? n : 15;
	return (len << 10) | ((size_t)((unsigned char)key[0] & 31) << 5) |
	       ((unsigned char)key[n - 1] & 31);
}

/* The bitmap (CTL_LEX_SHAPE_BITS bits) of the shapes of the keys' first
 * words, or NULL when the lexicon is empty. */
const uint64_t *ctl_lexicon_first_word_shapes(const ctl_lexicon *lex);

static inline bool ctl_lex_shape_has(const uint64_t *shapes, size_t bit)
{
	return shapes && ((shapes[bit >> 6] >> (bit & 63)) & 1);
}

#endif
