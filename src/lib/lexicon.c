#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lexicon.h"
#include "ctimeline/io.h"
#include "util.h"

struct ctl_lexicon {
	char *name;
	char *data;              /* the file's bytes; keys and fields point here */
	ctl_lex_entry *entries;
	size_t nentries, cap;
	const char **fieldpool;
	size_t nfields, fieldcap;
	uint32_t *slots;         /* open addressing: entry index + 1, 0 = empty */
	size_t nslots;
	size_t max_words;
	/* first words (up to the first space) of the keys, by hash, with the
	 * most words of a key beginning with them (0: empty slot); see
	 * ctl_lexicon_first_word_max */
	uint64_t *fw_hash;
	uint8_t *fw_maxw;
	size_t nfw;
	/* a bit for each (length, first byte, last byte) some key has, case
	 * folded and each cut to a few bits: a look-up whose bit is clear is
	 * answered without hashing (most words of a text are in no list) */
	uint64_t shape[CTL_LEX_SHAPE_BITS / 64];
	/* the same for the keys' first words (ctl_lexicon_first_word_shapes) */
	uint64_t fw_shape[CTL_LEX_SHAPE_BITS / 64];
};

static bool shape_may_hold(const ctl_lexicon *lex, const char *key, size_t n)
{
	if (!n)
		return true; /* the empty key: looked up as ever */
	size_t b = ctl_lex_shape_bit(key, n);
	return (lex->shape[b >> 6] >> (b & 63)) & 1;
}

static void index_shapes(ctl_lexicon *lex)
{
	for (size_t i = 0; i < lex->nentries; i++) {
		const ctl_lex_entry *e = &lex->entries[i];
		if (!e->keylen)
			continue;
		size_t b = ctl_lex_shape_bit(e->key, e->keylen);
		lex->shape[b >> 6] |= 1ull << (b & 63);
	}
}

static void index_first_words(ctl_lexicon *lex)
{
	size_t n = 16;
	while (n < lex->nentries * 2)
		n *= 2;
	lex->fw_hash = ctl_xcalloc(n, sizeof(*lex->fw_hash));
	lex->fw_maxw = ctl_xcalloc(n, sizeof(*lex->fw_maxw));
	lex->nfw = n;
	for (size_t i = 0; i < lex->nentries; i++) {
		const ctl_lex_entry *e = &lex->entries[i];
		const char *sp = memchr(e->key, ' ', e->keylen);
		size_t w = 1;
		for (size_t k = 0; k < e->keylen; k++)
			w += e->key[k] == ' ';
		uint8_t wc = (uint8_t)(w > 255 ? 255 : w);
		size_t fl = sp ? (size_t)(sp - e->key) : e->keylen;
		if (fl) {
			size_t b = ctl_lex_shape_bit(e->key, fl);
			lex->fw_shape[b >> 6] |= 1ull << (b & 63);
		}
		uint64_t h = ctl_hash_nocase(e->key, fl);
		size_t j = (size_t)h & (n - 1);
		while (lex->fw_maxw[j] && lex->fw_hash[j] != h)
			j = (j + 1) & (n - 1);
		lex->fw_hash[j] = h;
		if (wc > lex->fw_maxw[j])
			lex->fw_maxw[j] = wc;
	}
}

static void index_entries(ctl_lexicon *lex)
{
	size_t n = 16;
	while (n < lex->nentries * 2)
		n *= 2;
	lex->slots = ctl_xcalloc(n, sizeof(*lex->slots));
	lex->nslots = n;
	for (size_t i = 0; i < lex->nentries; i++) {
		const ctl_lex_entry *e = &lex->entries[i];
		size_t h = (size_t)ctl_hash_nocase(e->key, e->keylen) & (n - 1);
		bool dup = false;
		while (lex->slots[h]) {
			const ctl_lex_entry *o = &lex->entries[lex->slots[h] - 1];
			if (o->keylen == e->keylen && ctl_eq_nocase(o->key, o->keylen, e->key)) {
				dup = true;
				break;
			}
			h = (h + 1) & (n - 1);
		}
		if (!dup)
			lex->slots[h] = (uint32_t)(i + 1);
	}
}

const uint64_t *ctl_lexicon_first_word_shapes(const ctl_lexicon *lex)
{
	return lex && lex->nfw ? lex->fw_shape : NULL;
}

size_t ctl_lexicon_first_word_max(const ctl_lexicon *lex, const char *w, size_t n)
{
	return lex && lex->nfw ? ctl_lexicon_first_word_max_h(lex, ctl_hash_nocase(w, n)) : 0;
}

size_t ctl_lexicon_first_word_max_h(const ctl_lexicon *lex, uint64_t h)
{
	if (!lex || !lex->nfw)
		return 0;
	for (size_t j = (size_t)h & (lex->nfw - 1); lex->fw_maxw[j]; j = (j + 1) & (lex->nfw - 1))
		if (lex->fw_hash[j] == h)
			return lex->fw_maxw[j];
	return 0;
}

int ctl_lexicon_parse(ctl_lexicon **out, const char *name, const char *data,
		size_t len, ctl_error *err)
{
	ctl_lexicon *lex = ctl_xcalloc(1, sizeof(*lex));
	lex->name = ctl_xstrdup(name);
	lex->data = ctl_xstrndup(data, len);
	/* First pass: split into lines and fields, NUL-terminating in place.
	 * Field pointers are collected as offsets first, since the pool grows. */
	size_t *fieldstart = NULL, nfs = 0, fscap = 0;
	struct row { size_t first, count, line; } *rows = NULL;
	size_t nrows = 0, rowcap = 0;
	char *p = lex->data, *end = lex->data + len;
	size_t lineno = 0;
	while (p < end) {
		char *eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		lineno++;
		char *q = eol;
		if (q > p && q[-1] == '\r')
			q--;
		*q = '\0';
		char *s = p;
		while (s < q && (*s == ' ' || *s == '\t'))
			s++;
		if (s < q && *s != '#') {
			struct row *r = CTL_ARRAY_PUSH(rows, nrows, rowcap);
			r->first = nfs;
			r->count = 0;
			r->line = lineno;
			char *f = p;
			for (;;) {
				char *tab = strchr(f, '\t');
				if (tab)
					*tab = '\0';
				/* trim trailing spaces of the field */
				char *fe = f + strlen(f);
				while (fe > f && fe[-1] == ' ')
					*--fe = '\0';
				*CTL_ARRAY_PUSH(fieldstart, nfs, fscap) = (size_t)(f - lex->data);
				r->count++;
				if (!tab)
					break;
				f = tab + 1;
			}
			if (!lex->data[fieldstart[r->first]]) {
				free(fieldstart);
				free(rows);
				ctl_error_set(err, CTL_EDATA, "%s:%zu: entry with an empty key", name, lineno);
				ctl_lexicon_free(lex);
				return CTL_EDATA;
			}
		}
		p = eol + 1;
	}
	lex->fieldpool = ctl_xcalloc(nfs ? nfs : 1, sizeof(char *));
	for (size_t i = 0; i < nfs; i++)
		lex->fieldpool[i] = lex->data + fieldstart[i];
	lex->entries = ctl_xcalloc(nrows ? nrows : 1, sizeof(ctl_lex_entry));
	lex->nentries = nrows;
	for (size_t i = 0; i < nrows; i++) {
		ctl_lex_entry *e = &lex->entries[i];
		e->fields = lex->fieldpool + rows[i].first;
		e->nfields = rows[i].count;
		e->key = e->fields[0];
		e->keylen = strlen(e->key);
		e->kw = ctl_pack8_nocase(e->key, e->keylen);
		e->line = rows[i].line;
		size_t words = 1;
		for (size_t k = 0; k < e->keylen; k++)
			words += e->key[k] == ' ';
		if (words > lex->max_words)
			lex->max_words = words;
	}
	free(fieldstart);
	free(rows);
	index_entries(lex);
	index_first_words(lex);
	index_shapes(lex);
	*out = lex;
	return 0;
}

int ctl_lexicon_load(ctl_lexicon **out, const char *path, ctl_error *err)
{
	char *data;
	size_t len;
	int rc = ctl_read_file(&data, &len, path, 64u * 1024u * 1024u, err);
	if (rc)
		return rc;
	rc = ctl_lexicon_parse(out, path, data, len, err);
	free(data);
	return rc;
}

void ctl_lexicon_free(ctl_lexicon *lex)
{
	if (!lex)
		return;
	free(lex->name);
	free(lex->data);
	free(lex->entries);
	free(lex->fieldpool);
	free(lex->slots);
	free(lex->fw_hash);
	free(lex->fw_maxw);
	free(lex);
}

/* The probe itself, for a key whose shape bit is set. */
static const ctl_lex_entry *probe(const ctl_lexicon *lex, const char *key, size_t keylen,
		uint64_t hash)
{
	size_t mask = lex->nslots - 1;
	size_t h = (size_t)hash & mask;
	/* a short key is compared as one word (ctl_eq_nocase, all at once) */
	uint64_t w = ctl_pack8_nocase(key, keylen);
	while (lex->slots[h]) {
		const ctl_lex_entry *e = &lex->entries[lex->slots[h] - 1];
		if (e->keylen == keylen && (w ? e->kw == w : ctl_eq_nocase(key, keylen, e->key)))
			return e;
		h = (h + 1) & mask;
	}
	return NULL;
}

const ctl_lex_entry *ctl_lexicon_get(const ctl_lexicon *lex, const char *key, size_t keylen)
{
	if (!lex || !lex->nslots || !shape_may_hold(lex, key, keylen))
		return NULL;
	return probe(lex, key, keylen, ctl_hash_nocase(key, keylen));
}

const ctl_lex_entry *ctl_lexicon_get_h(const ctl_lexicon *lex, const char *key, size_t keylen,
		uint64_t hash)
{
	if (!lex || !lex->nslots || !shape_may_hold(lex, key, keylen))
		return NULL;
	return probe(lex, key, keylen, hash);
}

size_t ctl_lexicon_count(const ctl_lexicon *lex)
{
	return lex ? lex->nentries : 0;
}

const ctl_lex_entry *ctl_lexicon_at(const ctl_lexicon *lex, size_t i)
{
	return &lex->entries[i];
}

void ctl_lexicon_set_tags(ctl_lexicon *lex, uint32_t (*fn)(const ctl_lex_entry *e))
{
	for (size_t i = 0; lex && i < lex->nentries; i++)
		lex->entries[i].tag = fn(&lex->entries[i]);
}

size_t ctl_lexicon_max_words(const ctl_lexicon *lex)
{
	return lex ? lex->max_words : 0;
}

const char *ctl_lexicon_name(const ctl_lexicon *lex)
{
	return lex->name;
}
