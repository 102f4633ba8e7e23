/*
 * Actors, internal: the loaded knowledge (data/actors/) shared by the
 * mention finder (actors_find.c) and the actor set (actors_set.c), and the
 * name keys both compare names by.
 */
#ifndef CTL_ACTORS_INTERNAL_H
#define CTL_ACTORS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "ctimeline/actors.h"
#include "lexicon.h"
#include "util.h"

/* What a gazetteer name stands for (countries.tsv, places.tsv,
 * organizations.tsv). */
typedef enum ctl_gaz_kind {
	CTL_GAZ_COUNTRY = 1, /* a country's name or another name of it */
	CTL_GAZ_CAPITAL,     /* its capital: the government, or a place */
	CTL_GAZ_METONYM,     /* another name of its government ("Elysee") */
	CTL_GAZ_DEMONYM,     /* "Chilean": a country only before a government noun */
	CTL_GAZ_PLURAL,      /* "Chileans": the country after "the" */
	CTL_GAZ_CITY,        /* a city that is no capital */
	CTL_GAZ_REGION,      /* a state, region, continent, sea */
	CTL_GAZ_ORG          /* a known organisation or group */
} ctl_gaz_kind;

typedef struct ctl_gaz_entry {
	char *form;            /* the name as written in the file (owned) */
	const char *canonical; /* the country, organisation or place it names */
	const char *country;   /* a place's country, or NULL */
	uint8_t kind;          /* ctl_gaz_kind */
	uint8_t exact;         /* an abbreviation: matches only text written as `form` */
	uint8_t type;          /* ctl_actor_type of a CTL_GAZ_ORG entry */
} ctl_gaz_entry;

struct ctl_actors_data {
	ctl_lexicon *given;       /* given_names.tsv */
	ctl_lexicon *titles;      /* titles.tsv */
	ctl_lexicon *org_cues;    /* org_cues.tsv */
	ctl_lexicon *group_cues;  /* group_cues.tsv */
	ctl_lexicon *common;      /* common.tsv */
	ctl_lexicon *particles;   /* particles.tsv */
	ctl_lexicon *gov_nouns;   /* gov_nouns.tsv */
	ctl_lexicon *nonactor;    /* nonactor_heads.tsv */
	ctl_lexicon *place_heads; /* place_heads.tsv */
	ctl_lexicon *products;    /* product_cues.tsv */
	ctl_lexicon *context;     /* context.tsv */
	ctl_lexicon *countries;   /* countries.tsv */
	ctl_lexicon *places;      /* places.tsv */
	ctl_lexicon *orgs;        /* organizations.tsv */
	/* the gazetteer: every name of a country, place or organisation, found
	 * case-insensitively by open addressing (slot = entry index + 1) */
	ctl_gaz_entry *gaz;
	size_t ngaz, gazcap;
	uint32_t *slots;
	size_t nslots;
	size_t max_words;         /* longest gazetteer or title key, in words */
	/* the first words of the gazetteer and title keys of two words or more,
	 * by their hash (ctl_hash_nocase), with the most words such a key has:
	 * most capitalised words begin no such key, and one look-up spares the
	 * look-ups of every longer phrase (issue 9: multi-word look-ups were an
	 * eighth of the extraction) */
	uint64_t *first_hash;
	uint8_t *first_maxw;      /* 0: empty slot */
	size_t nfirst;            /* a power of two */
};

/* The most words of a multi-word gazetteer or title key beginning with the
 * word w[0..n) (ASCII case ignored), or 0 if none does; may overcount. */
size_t ctl_actors_first_word_max(const struct ctl_actors_data *d, const char *w, size_t n);

/* The gazetteer entry whose name is key[0..n) (ASCII case ignored), or NULL.
 * An abbreviation is returned only for text written exactly like it. */
const ctl_gaz_entry *ctl_gaz_get(const struct ctl_actors_data *d, const char *key, size_t n);
/* The same, given hash = ctl_hash_nocase(key, n). */
const ctl_gaz_entry *ctl_gaz_get_h(const struct ctl_actors_data *d, const char *key, size_t n,
		uint64_t hash);

/* The lexicon entry for key[0..n), else for its English singular ("Courts",
 * "Ministries", "Presidents"), or NULL. */
const ctl_lex_entry *ctl_lex_get_sg(const ctl_lexicon *lex, const char *key, size_t n);
const ctl_lex_entry *ctl_lex_get_sg_h(const ctl_lexicon *lex, const char *key, size_t n,
		uint64_t hash);
/* The entry for the English singular of key[0..n) only ("companies" ->
 * "company"), or NULL: whether key is a plural of a listed word. */
const ctl_lex_entry *ctl_lex_get_singular(const ctl_lexicon *lex, const char *key, size_t n);

/* Field 1 of a lexicon entry ("" if none). */
const char *ctl_lex_kind(const ctl_lex_entry *e);

/*
 * The key names are compared by: lower case, diacritics folded to ASCII
 * (Latin-1 and Latin Extended-A), full stops and apostrophes dropped,
 * hyphens and runs of space as one space, and, in each word, a final run of
 * "i"/"y" written as "i" (Sergey/Sergei, Yury/Yuri, Nikolay/Nikolai: one
 * transliteration rule, not a list). Returns a new string (caller frees).
 */
char *ctl_name_key(const char *s, size_t n);

/* Number of words (space-separated) in a key. */
size_t ctl_key_words(const char *key);

/* Tags the entries of the lists the finder looks every word up in with the
 * word flags they give (actors_find.c), once at load time. */
void ctl_actors_find_tag(struct ctl_actors_data *d);

/* Frees the set's mention lookup (ctl_actor_set_lookup finds nothing after). */
void ctl_actor_set_drop_lookup(ctl_actor_set *set);

/* ctl_actor_set_finish_mt on the threads of a pool the caller keeps for
 * the steps that follow (NULL: on the caller's thread). */
int ctl_actor_set_finish_pool(ctl_actor_set *set, ctl_timeline *tl, ctl_pool *pool,
		ctl_error *err);

/* The word of a person's name key that stands for the person alone: the
 * last, or the first when it is an East Asian family name written first
 * ("xi jinping" -> "xi"). A new string (caller frees). */
char *ctl_person_surname(const struct ctl_actors_data *d, const char *key);

/* A cache of the word look-ups of ctl_mentions_find that one thread keeps
 * across documents (bounded; the mentions found are the same without it). */
typedef struct ctl_lex_cache ctl_lex_cache;
ctl_lex_cache *ctl_lex_cache_new(void);
void ctl_lex_cache_free(ctl_lex_cache *c);
/* ctl_mentions_find with a cache (NULL: one for this document only). */
int ctl_mentions_find_cached(ctl_mention_list *out, const ctl_resources *res,
		const ctl_document *doc, ctl_lex_cache *cache, ctl_error *err);

#endif
