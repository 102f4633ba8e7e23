/*
 * Actors: the knowledge files (data/actors/, loaded once) and the name keys.
 * Finding mentions is in actors_find.c, merging them in actors_set.c.
 */
#include <stdlib.h>
#include <string.h>
#include "actors_internal.h"
#include "resources.h"
#include "util.h"

void ctl_mention_list_init(ctl_mention_list *list)
{
	list->items = NULL;
	list->len = list->cap = 0;
}

void ctl_mention_list_release(ctl_mention_list *list)
{
	for (size_t i = 0; i < list->len; i++) {
		free(list->items[i].name);
		free(list->items[i].resolved);
		free(list->items[i].title);
	}
	free(list->items);
	ctl_mention_list_init(list);
}

/* --- lexicon helpers ------------------------------------------------------- */

const char *ctl_lex_kind(const ctl_lex_entry *e)
{
	return e && e->nfields > 1 ? e->fields[1] : "";
}

const ctl_lex_entry *ctl_lex_get_sg(const ctl_lexicon *lex, const char *key, size_t n)
{
	return ctl_lex_get_sg_h(lex, key, n, ctl_hash_nocase(key, n));
}

const ctl_lex_entry *ctl_lex_get_sg_h(const ctl_lexicon *lex, const char *key, size_t n,
		uint64_t hash)
{
	const ctl_lex_entry *e = ctl_lexicon_get_h(lex, key, n, hash);
	return e ? e : ctl_lex_get_singular(lex, key, n);
}

const ctl_lex_entry *ctl_lex_get_singular(const ctl_lexicon *lex, const char *key, size_t n)
{
	const ctl_lex_entry *e;
	if (n < 3)
		return NULL;
	char c1 = (char)ctl_to_lower((unsigned char)key[n - 1]);
	char c2 = (char)ctl_to_lower((unsigned char)key[n - 2]);
	char c3 = (char)ctl_to_lower((unsigned char)key[n - 3]);
	if (c1 != 's' || c2 == 's')
		return NULL;
	if (c2 == 'e' && c3 == 'i' && n > 4) { /* ministries -> ministry */
		char buf[128];
		if (n - 2 >= sizeof(buf))
			return NULL;
		memcpy(buf, key, n - 3);
		buf[n - 3] = 'y';
		return ctl_lexicon_get(lex, buf, n - 2);
	}
	e = ctl_lexicon_get(lex, key, n - 1);             /* courts -> court */
	if (!e && c2 == 'e' && (c3 == 's' || c3 == 'x' || c3 == 'h'))
		e = ctl_lexicon_get(lex, key, n - 2);     /* taxes, churches */
	return e;
}

/* --- the gazetteer --------------------------------------------------------- */

static bool eq_nocase_n(const char *a, size_t an, const char *b, size_t bn)
{
	if (an != bn)
		return false;
	for (size_t i = 0; i < an; i++)
		if (ctl_to_lower((unsigned char)a[i]) != ctl_to_lower((unsigned char)b[i]))
			return false;
	return true;
}

static size_t count_words(const char *s)
{
	size_t w = 1;
	for (; *s; s++)
		w += *s == ' ';
	return w;
}

/* Adds one name unless the key is taken (earlier rows win). */
static void gaz_add(struct ctl_actors_data *d, const char *form, size_t n, uint8_t kind,
		const char *canonical, const char *country, bool exact, uint8_t type)
{
	while (n && form[n - 1] == ' ')
		n--;
	while (n && *form == ' ')
		form++, n--;
	if (!n || (n == 1 && *form == '-'))
		return;
	size_t h = (size_t)ctl_hash_nocase(form, n) & (d->nslots - 1);
	while (d->slots[h]) {
		const ctl_gaz_entry *o = &d->gaz[d->slots[h] - 1];
		if (eq_nocase_n(o->form, strlen(o->form), form, n))
			return;
		h = (h + 1) & (d->nslots - 1);
	}
	ctl_gaz_entry *e = CTL_ARRAY_PUSH(d->gaz, d->ngaz, d->gazcap);
	e->form = ctl_xstrndup(form, n);
	e->canonical = canonical;
	e->country = country;
	e->kind = kind;
	e->exact = exact;
	e->type = type;
	d->slots[h] = (uint32_t)d->ngaz;
	size_t w = count_words(e->form);
	if (w > d->max_words)
		d->max_words = w;
}

/* Adds each ","-separated value of a field. */
static void gaz_add_list(struct ctl_actors_data *d, const char *field, uint8_t kind,
		const char *canonical, const char *country, bool exact, uint8_t type)
{
	const char *p = field;
	while (*p) {
		const char *c = strchr(p, ',');
		size_t n = c ? (size_t)(c - p) : strlen(p);
		gaz_add(d, p, n, kind, canonical, country, exact, type);
		if (!c)
			break;
		p = c + 1;
	}
}

static const char *field(const ctl_lex_entry *e, size_t i)
{
	return i < e->nfields ? e->fields[i] : "";
}

static int build_gazetteer(struct ctl_actors_data *d, ctl_error *err)
{
	size_t total = 0;
	const ctl_lexicon *lx[3] = { d->countries, d->orgs, d->places };
	for (int k = 0; k < 3; k++)
		for (size_t i = 0; i < ctl_lexicon_count(lx[k]); i++) {
			const ctl_lex_entry *e = ctl_lexicon_at(lx[k], i);
			total += 1;
			for (size_t f = 1; f < e->nfields; f++)
				for (const char *p = e->fields[f]; *p; p++)
					total += *p == ',';
			total += e->nfields;
		}
	d->nslots = 64;
	while (d->nslots < total * 2)
		d->nslots *= 2;
	d->slots = ctl_xcalloc(d->nslots, sizeof(*d->slots));

	/* countries: names first, so that a name wins over another country's
	 * capital or alias spelled the same */
	size_t nc = ctl_lexicon_count(d->countries);
	for (size_t i = 0; i < nc; i++) {
		const ctl_lex_entry *e = ctl_lexicon_at(d->countries, i);
		if (e->nfields != 7)
			return ctl_error_set(err, CTL_EDATA, "%s:%zu: expected 7 fields, found %zu",
				ctl_lexicon_name(d->countries), e->line, e->nfields);
		gaz_add(d, e->key, e->keylen, CTL_GAZ_COUNTRY, e->key, NULL, false, CTL_ACTOR_COUNTRY);
	}
	static const struct { size_t f; uint8_t kind; bool exact; } cols[] = {
		{ 4, CTL_GAZ_COUNTRY, false }, { 5, CTL_GAZ_COUNTRY, true },
		{ 1, CTL_GAZ_CAPITAL, false }, { 6, CTL_GAZ_METONYM, false },
		{ 2, CTL_GAZ_DEMONYM, false }, { 3, CTL_GAZ_PLURAL, false },
	};
	for (size_t c = 0; c < sizeof(cols) / sizeof(cols[0]); c++)
		for (size_t i = 0; i < nc; i++) {
			const ctl_lex_entry *e = ctl_lexicon_at(d->countries, i);
			gaz_add_list(d, field(e, cols[c].f), cols[c].kind, e->key, NULL,
				cols[c].exact, CTL_ACTOR_COUNTRY);
		}

	size_t no = ctl_lexicon_count(d->orgs);
	for (int pass = 0; pass < 3; pass++)
		for (size_t i = 0; i < no; i++) {
			const ctl_lex_entry *e = ctl_lexicon_at(d->orgs, i);
			ctl_actor_type t;
			if (e->nfields != 4 || ctl_actor_type_parse(e->fields[1], &t))
				return ctl_error_set(err, CTL_EDATA,
					"%s:%zu: expected name, type (organization or group), aliases, abbreviations",
					ctl_lexicon_name(d->orgs), e->line);
			if (pass == 0)
				gaz_add(d, e->key, e->keylen, CTL_GAZ_ORG, e->key, NULL, false, (uint8_t)t);
			else
				gaz_add_list(d, e->fields[pass + 1], CTL_GAZ_ORG, e->key, NULL,
					pass == 2, (uint8_t)t);
		}

	size_t np = ctl_lexicon_count(d->places);
	for (size_t i = 0; i < np; i++) {
		const ctl_lex_entry *e = ctl_lexicon_at(d->places, i);
		if (e->nfields != 3)
			return ctl_error_set(err, CTL_EDATA, "%s:%zu: expected name, kind, country",
				ctl_lexicon_name(d->places), e->line);
		const char *country = strcmp(e->fields[2], "-") ? e->fields[2] : NULL;
		uint8_t kind = strcmp(e->fields[1], "city") ? CTL_GAZ_REGION : CTL_GAZ_CITY;
		gaz_add(d, e->key, e->keylen, kind, e->key, country, false, CTL_ACTOR_OTHER);
	}
	return 0;
}

const ctl_gaz_entry *ctl_gaz_get(const struct ctl_actors_data *d, const char *key, size_t n)
{
	return ctl_gaz_get_h(d, key, n, ctl_hash_nocase(key, n));
}

const ctl_gaz_entry *ctl_gaz_get_h(const struct ctl_actors_data *d, const char *key, size_t n,
		uint64_t hash)
{
	if (!d->nslots || !n)
		return NULL;
	size_t h = (size_t)hash & (d->nslots - 1);
	while (d->slots[h]) {
		const ctl_gaz_entry *e = &d->gaz[d->slots[h] - 1];
		size_t fl = strlen(e->form);
		if (eq_nocase_n(e->form, fl, key, n))
			return !e->exact || !memcmp(e->form, key, n) ? e : NULL;
		h = (h + 1) & (d->nslots - 1);
	}
	return NULL;
}

/* --- loading --------------------------------------------------------------- */

static int load_one(ctl_lexicon **out, const char *dir, const char *name, ctl_error *err)
{
	char *rel = ctl_path_join("actors", name);
	char *path = ctl_path_join(dir, rel);
	int rc = ctl_lexicon_load(out, path, err);
	free(path);
	free(rel);
	return rc;
}

void ctl_actors_data_free(struct ctl_actors_data *d)
{
	if (!d)
		return;
	ctl_lexicon *all[] = { d->given, d->titles, d->org_cues, d->group_cues, d->common,
		d->particles, d->gov_nouns, d->nonactor, d->place_heads, d->products, d->context,
		d->countries, d->places, d->orgs };
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		ctl_lexicon_free(all[i]);
	for (size_t i = 0; i < d->ngaz; i++)
		free(d->gaz[i].form);
	free(d->gaz);
	free(d->slots);
	free(d->first_hash);
	free(d->first_maxw);
	free(d);
}

static void first_word_add(struct ctl_actors_data *d, const char *key, size_t n)
{
	const char *sp = memchr(key, ' ', n);
	if (!sp)
		return;
	size_t w = 1;
	for (size_t i = 0; i < n; i++)
		w += key[i] == ' ';
	uint8_t wc = (uint8_t)(w > 255 ? 255 : w);
	uint64_t h = ctl_hash_nocase(key, (size_t)(sp - key));
	size_t mask = d->nfirst - 1, i = (size_t)h & mask;
	while (d->first_maxw[i] && d->first_hash[i] != h)
		i = (i + 1) & mask;
	d->first_hash[i] = h;
	if (wc > d->first_maxw[i])
		d->first_maxw[i] = wc;
}

static void build_first_words(struct ctl_actors_data *d)
{
	size_t nt = ctl_lexicon_count(d->titles), n = 64;
	while (n < 2 * (d->ngaz + nt))
		n *= 2;
	d->nfirst = n;
	d->first_hash = ctl_xcalloc(n, sizeof(*d->first_hash));
	d->first_maxw = ctl_xcalloc(n, sizeof(*d->first_maxw));
	for (size_t i = 0; i < d->ngaz; i++)
		first_word_add(d, d->gaz[i].form, strlen(d->gaz[i].form));
	for (size_t i = 0; i < nt; i++) {
		const ctl_lex_entry *e = ctl_lexicon_at(d->titles, i);
		first_word_add(d, e->key, e->keylen);
	}
}

size_t ctl_actors_first_word_max(const struct ctl_actors_data *d, const char *w, size_t n)
{
	if (!d->nfirst)
		return d->max_words;
	uint64_t h = ctl_hash_nocase(w, n);
	size_t mask = d->nfirst - 1, i = (size_t)h & mask;
	while (d->first_maxw[i]) {
		if (d->first_hash[i] == h)
			return d->first_maxw[i];
		i = (i + 1) & mask;
	}
	return 0;
}

int ctl_actors_data_load(struct ctl_actors_data **out, const char *dir, ctl_error *err)
{
	struct ctl_actors_data *d = ctl_xcalloc(1, sizeof(*d));
	struct { ctl_lexicon **lex; const char *file; } files[] = {
		{ &d->given, "given_names.tsv" }, { &d->titles, "titles.tsv" },
		{ &d->org_cues, "org_cues.tsv" }, { &d->group_cues, "group_cues.tsv" },
		{ &d->common, "common.tsv" }, { &d->particles, "particles.tsv" },
		{ &d->gov_nouns, "gov_nouns.tsv" }, { &d->nonactor, "nonactor_heads.tsv" },
		{ &d->place_heads, "place_heads.tsv" }, { &d->products, "product_cues.tsv" },
		{ &d->context, "context.tsv" }, { &d->countries, "countries.tsv" },
		{ &d->places, "places.tsv" }, { &d->orgs, "organizations.tsv" },
	};
	int rc = 0;
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]) && !rc; i++)
		rc = load_one(files[i].lex, dir, files[i].file, err);
	if (!rc)
		rc = build_gazetteer(d, err);
	if (rc) {
		ctl_actors_data_free(d);
		return rc;
	}
	size_t tw = ctl_lexicon_max_words(d->titles);
	if (tw > d->max_words)
		d->max_words = tw;
	build_first_words(d);
	ctl_actors_find_tag(d);
	*out = d;
	return 0;
}

/* --- name keys --------------------------------------------------------------- */

char *ctl_name_key(const char *s, size_t n)
{
	char *out = ctl_xmalloc(n + 1);
	size_t k = 0;
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < n;) {
		unsigned char c = u[i];
		char o;
		size_t step = 1;
		if (c < 0x80) {
			o = (char)ctl_to_lower(c);
			if (o == '.' || o == '\'')
				o = 0;
			else if (o == '-' || ctl_is_space(c) || o == '_')
				o = ' ';
		} else {
			size_t sl = ctl_utf8_seq_len(u + i, n - i);
			if (!sl) {
				o = '?';
			} else {
				uint32_t cp = ctl_utf8_decode(u + i, sl);
				step = sl;
				char base = ctl_latin_base(cp);
				if (base)
					o = (char)ctl_to_lower((unsigned char)base);
				else if (cp == 0x2019 || cp == 0x2018 || cp == 0xB4)
					o = 0; /* apostrophes */
				else if (cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x2010 ||
				         cp == 0x2011 || cp == 0x2013)
					o = ' ';
				else {
					memcpy(out + k, s + i, sl);
					k += sl;
					i += sl;
					continue;
				}
			}
		}
		i += step;
		if (!o)
			continue;
		if (o == ' ' && (k == 0 || out[k - 1] == ' '))
			continue;
		out[k++] = o;
	}
	while (k && out[k - 1] == ' ')
		k--;
	out[k] = '\0';
	/* a word's final run of i/y is written "i" */
	size_t w = 0, ws = 0; /* ws: where the word being copied starts */
	for (size_t r = 0; r <= k; r++) {
		if (r < k && out[r] != ' ') {
			out[w++] = out[r];
			continue;
		}
		size_t b = w;
		size_t e = b;
		while (e > ws && (out[e - 1] == 'i' || out[e - 1] == 'y'))
			e--;
		if (e < b && b - ws >= 4 && e > ws) {
			out[e] = 'i';
			w = e + 1;
		}
		if (r < k) {
			out[w++] = ' ';
			ws = w;
		}
	}
	out[w] = '\0';
	return out;
}

size_t ctl_key_words(const char *key)
{
	return *key ? count_words(key) : 0;
}

char *ctl_person_surname(const struct ctl_actors_data *d, const char *key)
{
	const char *sp = strchr(key, ' ');
	if (sp) {
		const ctl_lex_entry *e = ctl_lexicon_get(d->given, key, (size_t)(sp - key));
		if (e && !strcmp(ctl_lex_kind(e), "family"))
			return ctl_xstrndup(key, (size_t)(sp - key));
	}
	/* the last word, with the particles before it ("ten hag", "bin salman") */
	const char *s = strrchr(key, ' ');
	if (!s)
		return ctl_xstrdup(key);
	while (s > key) {
		const char *p = s;
		while (p > key && p[-1] != ' ')
			p--;
		if (p == key || !ctl_lexicon_get(d->particles, p, (size_t)(s - p)))
			break;
		s = p - 1;
	}
	return ctl_xstrdup(s + 1);
}
