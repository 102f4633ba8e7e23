/*
 * Actors, step 2: every document's mentions merged into actors.
 *
 * Mentions are grouped by their name key (ctl_name_key: case, diacritics,
 * punctuation and -y/-i transliteration folded; a country's other names by
 * the country). Groups are then joined by hashed keys, never by comparing
 * all pairs:
 *   - an organisation's name without its legal form or generic last word
 *     ("Korvell Inc.", "Korvell Computer" -> "Korvell"; "ZQ Group" -> "ZQ");
 *   - an acronym and the one name whose initials it spells;
 *   - a person's first and last name without the middle ones;
 *   - a surname alone joins the one person of that surname named in full in
 *     the same document, else the one in all documents.
 * Every decision depends on the set of mentions only, so the actors, their
 * names and their ids do not depend on the order documents came in.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "actors_internal.h"
#include "resources.h"
#include "util.h"

/* One actor mention, 32 bytes: a 100 MB corpus has a million of them. The
 * strings are indices into the set's pool (set->strs). */
typedef struct rec {
	uint32_t doc;
	uint32_t start, end;
	uint32_t name;
	uint32_t resolved;        /* NO_STR if none */
	uint32_t key;
	uint32_t grp;             /* its group, then its cluster (NO_GRP: none) */
	uint8_t type, cue;
	uint8_t words;            /* of the key, at most 255 */
	uint8_t flags;            /* REC_GAZ, REC_TENTATIVE */
} rec;

#define NO_STR UINT32_MAX
#define NO_GRP UINT32_MAX
enum {
	REC_GAZ = 1,              /* resolved by the lists: its key is settled */
	REC_TENTATIVE = 2
};

typedef struct lookup_ent {
	uint32_t doc;
	uint32_t start, end;
	uint32_t actor;
} lookup_ent;

/* The size of the lookup table's block (a big one, util.h) */
static size_t lookup_bytes(size_t n)
{
	return (n ? n : 1) * sizeof(lookup_ent);
}

/* --- a string -> index map ---------------------------------------------------- */

typedef struct smap {
	const char **keys;
	size_t *vals;
	size_t nslots, n;
} smap;

static size_t smap_hash(const char *k)
{
	return (size_t)ctl_hash_nocase(k, strlen(k));
}

static void smap_put(smap *m, const char *key, size_t val);

static void smap_grow(smap *m)
{
	smap old = *m;
	m->nslots = old.nslots ? old.nslots * 2 : 64;
	m->keys = ctl_xcalloc(m->nslots, sizeof(*m->keys));
	m->vals = ctl_xcalloc(m->nslots, sizeof(*m->vals));
	m->n = 0;
	for (size_t i = 0; i < old.nslots; i++)
		if (old.keys[i])
			smap_put(m, old.keys[i], old.vals[i]);
	free(old.keys);
	free(old.vals);
}

/* Adds key -> val unless the key is there; the key must outlive the map. */
static void smap_put(smap *m, const char *key, size_t val)
{
	if ((m->n + 1) * 2 > m->nslots)
		smap_grow(m);
	size_t h = smap_hash(key) & (m->nslots - 1);
	while (m->keys[h]) {
		if (!strcmp(m->keys[h], key))
			return;
		h = (h + 1) & (m->nslots - 1);
	}
	m->keys[h] = key;
	m->vals[h] = val;
	m->n++;
}

static bool smap_get(const smap *m, const char *key, size_t *val)
{
	if (!m->nslots)
		return false;
	size_t h = smap_hash(key) & (m->nslots - 1);
	while (m->keys[h]) {
		if (!strcmp(m->keys[h], key)) {
			*val = m->vals[h];
			return true;
		}
		h = (h + 1) & (m->nslots - 1);
	}
	return false;
}

static void smap_free(smap *m)
{
	free(m->keys);
	free(m->vals);
}

typedef struct name_key_memo {
	uint32_t key1;            /* the key's string index + 1; 0: not yet known */
	uint8_t words;
} name_key_memo;

struct ctl_actor_set {
	const ctl_resources *res;
	rec *recs;
	size_t nrecs, cap;
	/* the recs' names and keys, each string once: a corpus names the same
	 * few thousand actors in a million mentions */
	smap pool;
	char **strs;
	size_t nstrs, strcap;
	/* string i's name key (ctl_name_key) and its words, once known: most
	 * mentions repeat a name already seen */
	name_key_memo *key_of;
	size_t key_of_cap;
	lookup_ent *lookup;
	size_t nlookup;
	/* document d's entries: lookup[lookup_doc[d] .. lookup_doc[d + 1]), so
	 * that a look-up searches one document's few entries, not a million */
	size_t *lookup_doc;
	size_t nlookup_doc;
};

ctl_actor_set *ctl_actor_set_new(const ctl_resources *res)
{
	ctl_actor_set *set = ctl_xcalloc(1, sizeof(*set));
	set->res = res;
	return set;
}

void ctl_actor_set_free(ctl_actor_set *set)
{
	if (!set)
		return;
	for (size_t i = 0; i < set->nstrs; i++)
		free(set->strs[i]);
	free(set->strs);
	free(set->key_of);
	smap_free(&set->pool);
	ctl_big_free(set->recs, set->cap * sizeof(*set->recs));
	ctl_actor_set_drop_lookup(set);
	free(set);
}

/* The index of the pool's copy of s (copied), or of owned (taken over). */
static uint32_t intern(ctl_actor_set *set, const char *s, char *owned)
{
	const char *k = owned ? owned : s;
	size_t i;
	if (smap_get(&set->pool, k, &i)) {
		free(owned);
		return (uint32_t)i;
	}
	char *copy = owned ? owned : ctl_xstrdup(s);
	*CTL_ARRAY_PUSH(set->strs, set->nstrs, set->strcap) = copy;
	smap_put(&set->pool, copy, set->nstrs - 1);
	return (uint32_t)(set->nstrs - 1);
}

void ctl_actor_set_add(ctl_actor_set *set, size_t doc_index, const ctl_mention_list *mentions)
{
	for (size_t i = 0; i < mentions->len; i++) {
		const ctl_mention *m = &mentions->items[i];
		if (m->role != CTL_MENTION_ACTOR || !m->name)
			continue;
		/* a big block (util.h): a corpus' mentions, a few million */
		ctl_big_grow((void **)&set->recs, &set->cap, set->nrecs + 1, sizeof(*set->recs));
		rec *r = &set->recs[set->nrecs++];
		memset(r, 0, sizeof(*r));
		r->doc = (uint32_t)doc_index;
		r->start = m->start;
		r->end = m->end;
		r->type = (uint8_t)m->type;
		r->cue = m->cue;
		r->name = intern(set, m->name, NULL);
		r->resolved = m->resolved ? intern(set, m->resolved, NULL) : NO_STR;
		r->flags = (uint8_t)((m->resolved ? REC_GAZ : 0) | (m->tentative ? REC_TENTATIVE : 0));
		uint32_t from = m->resolved ? r->resolved : r->name;
		if (from >= set->key_of_cap) {
			size_t had = set->key_of_cap;
			ctl_array_grow((void **)&set->key_of, &set->key_of_cap, set->nstrs, sizeof(*set->key_of));
			memset(set->key_of + had, 0, (set->key_of_cap - had) * sizeof(*set->key_of));
		}
		name_key_memo *nk = &set->key_of[from];
		if (!nk->key1) {
			const char *k = set->strs[from];
			uint32_t key = intern(set, NULL, ctl_name_key(k, strlen(k)));
			size_t w = ctl_key_words(set->strs[key]);
			nk->key1 = key + 1;
			nk->words = (uint8_t)(w > 255 ? 255 : w);
		}
		r->key = nk->key1 - 1;
		r->words = nk->words;
		r->grp = NO_GRP;
	}
}

static size_t rec_doc(const void *r)
{
	return ((const rec *)r)->doc;
}

void ctl_actor_set_remap_docs(ctl_actor_set *set, const size_t *new_index, size_t ndocs)
{
	/* and in document order, a document's own in text order, as if the
	 * documents had come in that order */
	for (size_t i = 0; i < set->nrecs; i++)
		set->recs[i].doc = (uint32_t)new_index[set->recs[i].doc];
	rec *sorted = ctl_big_resize(NULL, 0, set->nrecs * sizeof(rec));
	ctl_sort_by_key(set->recs, set->nrecs, sizeof(rec), ndocs, rec_doc, sorted);
	ctl_big_free(set->recs, set->cap * sizeof(rec));
	set->recs = sorted;
	set->cap = set->nrecs;
}

/* --- groups ------------------------------------------------------------------------ */

typedef struct group {
	const char *key;          /* a rec's key */
	size_t words;
	long votes[5];            /* type votes */
	bool caps;                /* some mention is written in capitals (an acronym) */
	bool gaz;
} group;

static const long cue_weight[] = { 1, 2, 4, 8 };

static int voted(const long *v)
{
	int best = 0;
	for (int t = 1; t < 5; t++)
		if (v[t] > v[best])
			best = t;
	return best;
}

static bool all_caps(const char *s)
{
	bool letter = false;
	for (; *s; s++) {
		if (ctl_is_lower((unsigned char)*s))
			return false;
		letter |= ctl_is_upper((unsigned char)*s);
	}
	return letter;
}

/* key without its trailing legal forms and generic words, or NULL */
static char *strip_org_words(const struct ctl_actors_data *d, const char *key)
{
	char *k = ctl_xstrdup(key);
	bool stripped = false;
	for (;;) {
		char *sp = strrchr(k, ' ');
		if (!sp)
			break;
		const ctl_lex_entry *e = ctl_lexicon_get(d->org_cues, sp + 1, strlen(sp + 1));
		if (!e || (strcmp(ctl_lex_kind(e), "legal") && strcmp(ctl_lex_kind(e), "generic")))
			break;
		*sp = '\0';
		stripped = true;
	}
	if (!stripped) {
		free(k);
		return NULL;
	}
	return k;
}

/* The initials of a multi-word name's content words ("bfc"), or NULL. */
static char *initials(const struct ctl_actors_data *d, const char *key)
{
	size_t n = strlen(key);
	char *out = ctl_xmalloc(n + 1);
	size_t k = 0, words = 0;
	const char *p = key;
	while (*p) {
		const char *q = strchr(p, ' ');
		size_t l = q ? (size_t)(q - p) : strlen(p);
		const ctl_lex_entry *e = ctl_lexicon_get(d->context, p, l);
		bool skip = e && (!strcmp(ctl_lex_kind(e), "of") || !strcmp(ctl_lex_kind(e), "and") ||
		                  !strcmp(ctl_lex_kind(e), "article"));
		if (!skip) {
			out[k++] = *p;
			words++;
		}
		if (!q)
			break;
		p = q + 1;
	}
	out[k] = '\0';
	if (words < 2) {
		free(out);
		return NULL;
	}
	return out;
}

static char *first_last(const char *key)
{
	const char *sp = strchr(key, ' ');
	const char *ls = strrchr(key, ' ');
	if (!sp || sp == ls)
		return NULL;
	size_t a = (size_t)(sp - key);
	size_t n = a + strlen(ls);
	char *out = ctl_xmalloc(n + 1);
	memcpy(out, key, a);
	strcpy(out + a, ls);
	return out;
}

/* --- choosing names ------------------------------------------------------------------ */

typedef struct namecount {
	const char *name;
	size_t n;
	size_t words;
} namecount;

static size_t word_count(const char *s)
{
	size_t w = 1;
	for (; *s; s++)
		w += *s == ' ';
	return w;
}

/* Whether name x ends with the whole words of name y ("Maarten van der
 * Linde", "van der Linde"). */
static bool ends_with_words(const char *x, const char *y)
{
	size_t lx = strlen(x), ly = strlen(y);
	return lx > ly + 1 && x[lx - ly - 1] == ' ' && !strcmp(x + lx - ly, y);
}

/* Is a better than b as the actor's name? */
static bool better_name(const namecount *a, const namecount *b, int type)
{
	if (type == CTL_ACTOR_PERSON && (a->words >= 2) != (b->words >= 2))
		return a->words >= 2;
	/* a person named in full, not by a surname of several words */
	if (type == CTL_ACTOR_PERSON && (ends_with_words(a->name, b->name) || ends_with_words(b->name, a->name)))
		return ends_with_words(a->name, b->name);
	if (a->n != b->n)
		return a->n > b->n;
	size_t la = strlen(a->name), lb = strlen(b->name);
	if (la != lb)
		return la > lb;
	return strcmp(a->name, b->name) < 0;
}

/* --- finishing ------------------------------------------------------------------------ */

typedef struct cluster {
	uint32_t *recs;           /* its mentions: a slice of one array */
	size_t n;
	long votes[5];
	const char *first_doc;    /* for ordering ties */
	uint32_t first_start;
	ctl_actor a;              /* built */
} cluster;

static const char *doc_id(const ctl_timeline *tl, size_t doc)
{
	return doc < tl->ndocs && tl->docs[doc].id ? tl->docs[doc].id : "";
}

/* A surname (by its index in the set's pool: equal strings, equal
 * indexes) of a person's cluster, named in a document. The lists are sorted
 * by these numbers only: what is looked up is whether a triple is there and
 * which clusters bear a surname, not any order of names. */
typedef struct sname {
	uint32_t sidx;
	uint32_t root;
	uint32_t doc;
} sname;

static int cmp_sname(const void *a, const void *b)
{
	const sname *x = a, *y = b;
	if (x->sidx != y->sidx)
		return x->sidx < y->sidx ? -1 : 1;
	return x->root < y->root ? -1 : x->root > y->root;
}

static int cmp_sname_doc(const void *a, const void *b)
{
	const sname *x = a, *y = b;
	if (x->doc != y->doc)
		return x->doc < y->doc ? -1 : 1;
	if (x->root != y->root)
		return x->root < y->root ? -1 : 1;
	return x->sidx < y->sidx ? -1 : x->sidx > y->sidx;
}

static int cmp_ref(const void *a, const void *b)
{
	const ctl_ref *x = a, *y = b;
	if (x->doc != y->doc)
		return x->doc < y->doc ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->end < y->end ? -1 : x->end > y->end;
}

static int cmp_cluster(const void *a, const void *b)
{
	const cluster *x = a, *y = b;
	if (x->a.nmentions != y->a.nmentions)
		return x->a.nmentions > y->a.nmentions ? -1 : 1;
	int c = strcmp(x->a.name, y->a.name);
	if (c)
		return c;
	if (x->a.type != y->a.type)
		return x->a.type < y->a.type ? -1 : 1;
	c = strcmp(x->first_doc, y->first_doc);
	if (c)
		return c;
	return x->first_start < y->first_start ? -1 : x->first_start > y->first_start;
}

static int cmp_lookup(const void *a, const void *b)
{
	const lookup_ent *x = a, *y = b;
	if (x->doc != y->doc)
		return x->doc < y->doc ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->end < y->end ? -1 : x->end > y->end;
}

static int cmp_namecount(const void *a, const void *b)
{
	return strcmp(((const namecount *)a)->name, ((const namecount *)b)->name);
}

/* The distinct strings of the pool indices idx[0..n), with how often each
 * occurs, in string order: equal strings are one index (the pool interns
 * them), so a million mentions of a country are counted in one pass over
 * the indices (cnt: a zeroed counter per pool string, left zeroed) and only
 * its few names are compared as strings. */
static size_t distinct_names(uint32_t *idx, size_t n, char *const *strs, uint32_t *cnt,
		namecount *out)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (!cnt[idx[i]]++)
			idx[k++] = idx[i]; /* first occurrences, written over the seen part */
	for (size_t i = 0; i < k; i++) {
		out[i] = (namecount){ strs[idx[i]], cnt[idx[i]], word_count(strs[idx[i]]) };
		cnt[idx[i]] = 0;
	}
	if (k > 1)
		qsort(out, k, sizeof(*out), cmp_namecount);
	return k;
}

static bool sorted_refs(const ctl_ref *r, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (cmp_ref(&r[i - 1], &r[i]) > 0)
			return false;
	return true;
}

static void build_actor(cluster *c, const rec *recs, char *const *strs, uint32_t *cnt,
		const ctl_timeline *tl)
{
	/* type: the mentions' votes */
	int type = voted(c->votes);
	ctl_actor *a = &c->a;
	a->type = (ctl_actor_type)type;

	uint32_t *idx = ctl_xmalloc((c->n * 2 + 1) * sizeof(*idx));
	namecount *nc = ctl_xmalloc((c->n * 2 + 1) * sizeof(*nc));
	/* the name: a country by its canonical name (the most frequent; the
	 * first in string order on a tie); else the best surface name */
	const char *best_res = NULL;
	if (type == CTL_ACTOR_COUNTRY) {
		size_t nr = 0;
		for (size_t i = 0; i < c->n; i++)
			if (recs[c->recs[i]].resolved != NO_STR && recs[c->recs[i]].type == CTL_ACTOR_COUNTRY)
				idx[nr++] = recs[c->recs[i]].resolved;
		size_t k = distinct_names(idx, nr, strs, cnt, nc), best_res_n = 0;
		for (size_t i = 0; i < k; i++)
			if (nc[i].n > best_res_n) {
				best_res_n = nc[i].n;
				best_res = nc[i].name;
			}
	}
	for (size_t i = 0; i < c->n; i++)
		idx[i] = recs[c->recs[i]].name;
	size_t k = distinct_names(idx, c->n, strs, cnt, nc);
	namecount best = { NULL, 0, 0 };
	for (size_t i = 0; i < k; i++)
		if (!best.name || better_name(&nc[i], &best, type))
			best = nc[i];
	a->name = ctl_xstrdup(best_res ? best_res : best.name);

	/* aliases: every other name, surface or canonical, once, sorted */
	size_t nn = 0;
	for (size_t i = 0; i < c->n; i++) {
		idx[nn++] = recs[c->recs[i]].name;
		if (recs[c->recs[i]].resolved != NO_STR)
			idx[nn++] = recs[c->recs[i]].resolved;
	}
	k = distinct_names(idx, nn, strs, cnt, nc);
	a->aliases = ctl_xmalloc((k + 1) * sizeof(char *));
	for (size_t i = 0; i < k; i++)
		if (strcmp(nc[i].name, a->name))
			a->aliases[a->naliases++] = ctl_xstrdup(nc[i].name);
	free(idx);
	free(nc);

	/* mentions in document order (the records' order already, as a rule) */
	a->mentions = ctl_xcalloc(c->n ? c->n : 1, sizeof(ctl_ref));
	a->nmentions = c->n;
	for (size_t i = 0; i < c->n; i++) {
		const rec *r = &recs[c->recs[i]];
		a->mentions[i] = (ctl_ref){ r->doc, r->start, r->end, NULL };
	}
	if (!sorted_refs(a->mentions, c->n))
		qsort(a->mentions, c->n, sizeof(ctl_ref), cmp_ref);
	c->first_doc = NULL;
	size_t first = SIZE_MAX; /* the document of first_doc */
	for (size_t i = 0; i < c->n; i++) {
		const rec *r = &recs[c->recs[i]];
		if (r->doc == first) { /* the same id: no string to compare */
			if (r->start < c->first_start)
				c->first_start = r->start;
			continue;
		}
		const char *id = doc_id(tl, r->doc);
		if (!c->first_doc || strcmp(id, c->first_doc) < 0 ||
		    (!strcmp(id, c->first_doc) && r->start < c->first_start)) {
			c->first_doc = id;
			c->first_start = r->start;
			first = r->doc;
		}
	}
}

/* The actors are built in this many parts at most (on as many threads);
 * each part holds only a counter per pooled string. */
#define BUILD_PARTS 16

typedef struct build_job {
	cluster *cl;
	const rec *recs;
	char *const *strs;
	size_t nstrs;
	const ctl_timeline *tl;
	const uint32_t *members;       /* the clusters' mentions, one slice each */
	size_t bound[BUILD_PARTS + 1]; /* part k builds clusters [bound[k], bound[k + 1]) */
} build_job;

/* Where cluster c's mentions begin among all (ctl_cut_parts). */
static size_t cluster_offset(const void *ctx, size_t c)
{
	const build_job *j = ctx;
	return (size_t)(j->cl[c].recs - j->members);
}

static void build_part(void *ctx, unsigned k)
{
	const build_job *j = ctx;
	uint32_t *cnt = ctl_xcalloc(j->nstrs + 1, sizeof(*cnt)); /* for distinct_names */
	for (size_t c = j->bound[k]; c < j->bound[k + 1]; c++)
		build_actor(&j->cl[c], j->recs, j->strs, cnt, j->tl);
	free(cnt);
}

int ctl_actor_set_finish(ctl_actor_set *set, ctl_timeline *tl, ctl_error *err)
{
	return ctl_actor_set_finish_mt(set, tl, 1, err);
}

int ctl_actor_set_finish_mt(ctl_actor_set *set, ctl_timeline *tl, unsigned threads,
		ctl_error *err)
{
	ctl_pool *pool = ctl_pool_new(threads);
	int rc = ctl_actor_set_finish_pool(set, tl, pool, err);
	ctl_pool_free(pool);
	return rc;
}

int ctl_actor_set_finish_pool(ctl_actor_set *set, ctl_timeline *tl, ctl_pool *pool,
		ctl_error *err)
{
	(void)err;
	unsigned threads = ctl_pool_threads(pool);
	const struct ctl_actors_data *d = set->res->actors;
	rec *recs = set->recs;
	size_t nr = set->nrecs;
	char **strs;              /* set->strs, which interning surnames may move */

	/* 1. groups by key: a key is a pooled string, so its index tells it
	 * (no hashing per mention); gmap finds the derived keys of step 2 */
	smap gmap = { 0 };
	group *groups = NULL;     /* grown: far fewer groups than mentions */
	size_t ng = 0, gcap = 0;
	uint32_t *group_of = ctl_xmalloc((set->nstrs + 1) * sizeof(*group_of));
	for (size_t k = 0; k < set->nstrs; k++)
		group_of[k] = NO_GRP;
	for (size_t i = 0; i < nr; i++) {
		size_t g = group_of[recs[i].key];
		const char *key = set->strs[recs[i].key];
		if (g == NO_GRP) {
			g = group_of[recs[i].key] = (uint32_t)ng;
			memset(CTL_ARRAY_PUSH(groups, ng, gcap), 0, sizeof(*groups));
			groups[g].key = key;
			groups[g].words = recs[i].words;
			smap_put(&gmap, key, g);
		}
		recs[i].grp = (uint32_t)g;
		groups[g].votes[recs[i].type < 5 ? recs[i].type : 4] += cue_weight[recs[i].cue & 3];
		groups[g].caps |= all_caps(set->strs[recs[i].name]);
		groups[g].gaz |= (recs[i].flags & REC_GAZ) != 0;
	}
	free(group_of);
	size_t *parent = ctl_xmalloc((ng ? ng : 1) * sizeof(*parent));
	for (size_t g = 0; g < ng; g++)
		parent[g] = g;

	/* 2. joins by derived keys */
	smap acr = { 0 };          /* initials -> group, for initials met once */
	char **owned = ctl_xcalloc(ng * 2 + 1, sizeof(char *));
	size_t nowned = 0;
	smap acr_count = { 0 };
	size_t *acr_n = ctl_xcalloc(ng + 1, sizeof(size_t));
	for (size_t g = 0; g < ng; g++) {
		int t = voted(groups[g].votes);
		if (groups[g].words < 2)
			continue;
		if (t == CTL_ACTOR_ORGANIZATION || t == CTL_ACTOR_GROUP || t == CTL_ACTOR_OTHER) {
			char *s = strip_org_words(d, groups[g].key);
			size_t h;
			if (s && smap_get(&gmap, s, &h) && voted(groups[h].votes) != CTL_ACTOR_PERSON &&
			    voted(groups[h].votes) != CTL_ACTOR_COUNTRY)
				ctl_uf_union(parent, g, h);
			free(s);
		}
		if (t == CTL_ACTOR_PERSON && groups[g].words >= 3) {
			char *s = first_last(groups[g].key);
			size_t h;
			if (s && smap_get(&gmap, s, &h) && voted(groups[h].votes) == CTL_ACTOR_PERSON)
				ctl_uf_union(parent, g, h);
			free(s);
		}
		if (t != CTL_ACTOR_PERSON) {
			char *s = initials(d, groups[g].key);
			if (s) {
				size_t slot;
				if (smap_get(&acr_count, s, &slot)) {
					acr_n[slot]++;
					free(s);
				} else {
					owned[nowned] = s;
					smap_put(&acr_count, s, nowned);
					acr_n[nowned] = 1;
					smap_put(&acr, s, g);
					nowned++;
				}
			}
		}
	}
	for (size_t g = 0; g < ng; g++) {
		size_t slot, h;
		if (groups[g].words == 1 && groups[g].caps && !groups[g].gaz &&
		    smap_get(&acr_count, groups[g].key, &slot) && acr_n[slot] == 1 &&
		    smap_get(&acr, groups[g].key, &h))
			ctl_uf_union(parent, g, h);
	}

	/* 3. clusters of groups; the surnames of the people named in full, as
	 *    sorted (surname, cluster) and (document, cluster, surname) lists */
	long (*cvotes)[5] = ctl_xcalloc(ng ? ng : 1, sizeof(*cvotes));
	for (size_t g = 0; g < ng; g++)
		for (int t = 0; t < 5; t++)
			cvotes[ctl_uf_find(parent, g)][t] += groups[g].votes[t];
	sname *sr = ctl_xmalloc((nr ? nr : 1) * sizeof(*sr));   /* shrunk below */
	size_t nsr = 0;
	uint32_t *surname = ctl_xmalloc((nr ? nr : 1) * sizeof(*surname));
	/* a key's surname, found once per key (a million mentions, a few
	 * thousand keys); NO_STR - 1: not looked for yet */
	size_t nkeys = set->nstrs;
	uint32_t *key_surname = ctl_xmalloc((nkeys + 1) * sizeof(*key_surname));
	for (size_t k = 0; k < nkeys; k++)
		key_surname[k] = NO_STR - 1;
	for (size_t i = 0; i < nr; i++) {
		rec *r = &recs[i];
		size_t root = ctl_uf_find(parent, r->grp);
		surname[i] = NO_STR;
		if (r->words < 2 || (r->flags & REC_GAZ) || voted(cvotes[root]) != CTL_ACTOR_PERSON)
			continue;
		if (key_surname[r->key] == NO_STR - 1)
			key_surname[r->key] = intern(set, NULL, ctl_person_surname(d, set->strs[r->key]));
		surname[i] = key_surname[r->key];
	}
	free(key_surname);
	strs = set->strs;
	for (size_t i = 0; i < nr; i++)
		if (surname[i] != NO_STR)
			sr[nsr++] = (sname){ surname[i], (uint32_t)ctl_uf_find(parent, recs[i].grp),
			                     recs[i].doc };
	free(surname);
	/* each (document, cluster, surname) once: a person is named again and again */
	ctl_qsort_pool(pool, sr, nsr, sizeof(*sr), cmp_sname_doc, threads); /* equal items are equal bytes */
	size_t nu = 0;
	for (size_t i = 0; i < nsr; i++)
		if (!nu || cmp_sname_doc(&sr[nu - 1], &sr[i]))
			sr[nu++] = sr[i];
	nsr = nu;
	sname *byname = ctl_xmalloc((nsr ? nsr : 1) * sizeof(*byname));
	if (nsr)
		memcpy(byname, sr, nsr * sizeof(*sr));
	ctl_qsort_pool(pool, byname, nsr, sizeof(*byname), cmp_sname, threads); /* ties: only .doc differs, unused */
	size_t nbn = 0;      /* distinct (surname, cluster) */
	for (size_t i = 0; i < nsr; i++)
		if (!nbn || cmp_sname(&byname[nbn - 1], &byname[i]))
			byname[nbn++] = byname[i];
	/* where each surname's entries begin in byname (+1; 0: none) and how
	 * many there are, by pool index: a key is a surname iff its (interned)
	 * string is one */
	uint32_t *sur_first = ctl_xcalloc(set->nstrs + 1, sizeof(*sur_first));
	uint32_t *sur_n = ctl_xcalloc(set->nstrs + 1, sizeof(*sur_n));
	for (size_t i = 0; i < nbn; i++) {
		if (!sur_n[byname[i].sidx])
			sur_first[byname[i].sidx] = (uint32_t)i + 1;
		sur_n[byname[i].sidx]++;
	}

	/* 4. each mention's cluster; a surname alone joins its person. Which
	 * person depends on the surname and the document only: decided once
	 * per (surname, document), for the document's mentions one after the
	 * other (memo[key]: the last document decided, and the cluster, or
	 * NO_GRP to keep the mention's own) */
	typedef struct { uint32_t doc, grp; } decided;
	decided *memo = ctl_xmalloc((set->nstrs + 1) * sizeof(*memo));
	for (size_t k = 0; k < set->nstrs; k++)
		memo[k].doc = UINT32_MAX;
	/* sr[dlo, dhi): the (document, cluster, surname) entries of document
	 * `in_doc`; the mentions come in document order, so the range moves
	 * forward (and is searched for when they do not) */
	size_t dlo = 0, dhi = 0;
	uint32_t in_doc = UINT32_MAX;
	for (size_t i = 0; i < nr; i++) {
		rec *r = &recs[i];
		r->grp = (uint32_t)ctl_uf_find(parent, r->grp);
		if (r->words > 3 || (r->flags & REC_GAZ))
			continue;
		if (r->cue >= CTL_CUE_LEXICON && r->type != CTL_ACTOR_PERSON)
			continue;
		/* the clusters of people with this surname: [lo, hi) of byname */
		if (!sur_n[r->key])
			continue;
		decided *m = &memo[r->key];
		if (m->doc != r->doc) {
			if (r->doc != in_doc) {
				if (in_doc == UINT32_MAX || r->doc < in_doc) {
					size_t a = 0, b = nsr;
					while (a < b) {
						size_t mid = a + (b - a) / 2;
						if (sr[mid].doc < r->doc)
							a = mid + 1;
						else
							b = mid;
					}
					dlo = a;
				} else {
					for (dlo = dhi; dlo < nsr && sr[dlo].doc < r->doc; dlo++)
						;
				}
				for (dhi = dlo; dhi < nsr && sr[dhi].doc == r->doc; dhi++)
					;
				in_doc = r->doc;
			}
			size_t lo = sur_first[r->key] - 1, hi = lo + sur_n[r->key];
			sname probe = { r->key, 0, r->doc };
			uint32_t hits = 0, hit = 0;
			for (size_t j = lo; j < hi; j++) {
				probe.root = byname[j].root;
				if (bsearch(&probe, sr + dlo, dhi - dlo, sizeof(*sr), cmp_sname_doc)) {
					hits++;
					hit = byname[j].root;
				}
			}
			m->doc = r->doc;
			m->grp = hits == 1 ? hit : !hits && hi - lo == 1 ? byname[lo].root : NO_GRP;
		}
		if (m->grp != NO_GRP)
			r->grp = m->grp;
	}
	free(memo);

	free(sr);
	free(byname);
	free(sur_first);
	free(sur_n);
	free(cvotes);

	/* a cluster of tentative mentions only is no actor */
	bool *certain = ctl_xcalloc(ng ? ng : 1, sizeof(bool));
	for (size_t i = 0; i < nr; i++)
		certain[recs[i].grp] |= !(recs[i].flags & REC_TENTATIVE);
	for (size_t i = 0; i < nr; i++)
		if (!certain[recs[i].grp])
			recs[i].grp = NO_GRP;
	free(certain);

	/* 5. actors */
	size_t *cidx = ctl_xmalloc((ng ? ng : 1) * sizeof(*cidx));
	for (size_t g = 0; g < ng; g++)
		cidx[g] = SIZE_MAX;
	cluster *cl = ctl_xcalloc(ng ? ng : 1, sizeof(*cl)); /* a cluster per root group at most */
	size_t ncl = 0, nin = 0;
	for (size_t i = 0; i < nr; i++) {
		size_t root = recs[i].grp;
		if (root == NO_GRP)
			continue;
		if (cidx[root] == SIZE_MAX)
			cidx[root] = ncl++;
		cluster *k = &cl[cidx[root]];
		k->n++;
		nin++;
		k->votes[recs[i].type < 5 ? recs[i].type : 4] += cue_weight[recs[i].cue & 3];
	}
	/* the clusters' mentions, in mention order, as slices of one array */
	uint32_t *members = ctl_xmalloc((nin ? nin : 1) * sizeof(*members));
	for (size_t c = 0, at = 0; c < ncl; c++) {
		cl[c].recs = members + at;
		at += cl[c].n;
		cl[c].n = 0;
	}
	for (size_t i = 0; i < nr; i++)
		if (recs[i].grp != NO_GRP) {
			cluster *k = &cl[cidx[recs[i].grp]];
			k->recs[k->n++] = (uint32_t)i;
		}
	/* the actors built on the -j threads, in parts of about as many
	 * mentions (a cluster's are read from scattered records): 4096 at
	 * least, a few a thread (ctl_pool_parts) */
	build_job job = { cl, recs, strs, set->nstrs, tl, NULL, { 0 } };
	unsigned parts = ctl_pool_parts(threads, nin, 4096, BUILD_PARTS);
	job.members = members;
	ctl_cut_parts(job.bound, parts, ncl, nin, cluster_offset, &job);
	ctl_pool_run(pool, parts, build_part, &job);
	qsort(cl, ncl, sizeof(*cl), cmp_cluster);
	size_t base = tl->nactors;
	for (size_t c = 0; c < ncl; c++) {
		ctl_actor *a = ctl_timeline_add_actor(tl);
		*a = cl[c].a;
		a->id = ctl_id_string('a', c + 1);
		for (size_t i = 0; i < cl[c].n; i++)
			recs[cl[c].recs[i]].grp = (uint32_t)(base + c);
	}
	free(members);
	/* the lookup (doc, span) -> actor is written over the records, which are
	 * spent (an entry is half a record, and entry k is written after record
	 * k is read): no second array of a million entries */
	ctl_actor_set_drop_lookup(set);
	size_t nl = 0;
	for (size_t i = 0; i < nr; i++) {
		rec r;
		memcpy(&r, &recs[i], sizeof(r));
		if (r.grp == NO_GRP)
			continue;
		lookup_ent e = { r.doc, r.start, r.end, r.grp };
		memcpy((char *)recs + nl++ * sizeof(e), &e, sizeof(e));
	}
	set->lookup = ctl_big_resize(recs, set->cap * sizeof(*recs), lookup_bytes(nl));
	set->nlookup = nl;
	set->recs = recs = NULL;
	set->nrecs = set->cap = 0;
	bool sorted = true;        /* as a rule: the records are in text order */
	for (size_t i = 1; i < nl && sorted; i++)
		sorted = cmp_lookup(&set->lookup[i - 1], &set->lookup[i]) <= 0;
	if (!sorted)
		qsort(set->lookup, set->nlookup, sizeof(*set->lookup), cmp_lookup);
	set->nlookup_doc = nl ? (size_t)set->lookup[nl - 1].doc + 1 : 0;
	set->lookup_doc = ctl_xcalloc(set->nlookup_doc + 1, sizeof(size_t));
	for (size_t i = 0; i < nl; i++)
		set->lookup_doc[set->lookup[i].doc + 1]++;
	for (size_t k = 0; k < set->nlookup_doc; k++)
		set->lookup_doc[k + 1] += set->lookup_doc[k];

	free(cidx);
	free(cl);
	for (size_t i = 0; i < nowned; i++)
		free(owned[i]);
	free(owned);
	free(acr_n);
	smap_free(&acr);
	smap_free(&acr_count);
	free(parent);
	free(groups);
	smap_free(&gmap);
	/* the mentions live on in tl->actors and the lookup table: what the
	 * set recorded is not needed any more (and events.c's merge, which
	 * comes next, is the other peak of memory) */
	for (size_t i = 0; i < set->nstrs; i++)
		free(set->strs[i]);
	free(set->strs);
	free(set->key_of);
	set->key_of = NULL;
	set->key_of_cap = 0;
	smap_free(&set->pool);
	memset(&set->pool, 0, sizeof(set->pool));
	set->strs = NULL;
	set->nstrs = set->strcap = 0;
	ctl_big_free(set->recs, set->cap * sizeof(*set->recs));
	set->recs = NULL;
	set->nrecs = set->cap = 0;
	return 0;
}

size_t ctl_actor_set_lookup(const ctl_actor_set *set, size_t doc_index, uint32_t start, uint32_t end)
{
	if (doc_index >= UINT32_MAX)
		return SIZE_MAX;
	lookup_ent key = { (uint32_t)doc_index, start, end, 0 };
	if (doc_index >= set->nlookup_doc)
		return SIZE_MAX;
	size_t a = set->lookup_doc[doc_index], b = set->lookup_doc[doc_index + 1];
	if (a == b)
		return SIZE_MAX;
	const lookup_ent *e = bsearch(&key, set->lookup + a, b - a, sizeof(*set->lookup), cmp_lookup);
	return e ? e->actor : SIZE_MAX;
}

void ctl_actor_set_drop_lookup(ctl_actor_set *set)
{
	ctl_big_free(set->lookup, lookup_bytes(set->nlookup));
	set->lookup = NULL;
	set->nlookup = 0;
	free(set->lookup_doc);
	set->lookup_doc = NULL;
	set->nlookup_doc = 0;
}
