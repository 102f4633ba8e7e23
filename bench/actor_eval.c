/*
 * actor_eval: scores the actor extractor on a directory of MEANTIME-style
 * articles (<id>.txt + <id>.gold.json; see the corpus' README.md).
 *
 * Gold: the entity mentions with syntactic_type NAM and type PER, ORG or
 * LOC. A found mention matches a gold one when their extents overlap
 * (one-to-one, the best-covering pair first: overlap over union). A found mention left unmatched
 * that overlaps a PER/ORG/LOC name the annotators left without a syntactic
 * type or marked PRE.NAM (a modifier, "US" in "US airtanker") counts
 * neither way; every other one is a false positive (products such as
 * "iPhone" are PRO, not actors). Reported:
 *   mentions    P/R/F1
 *   type        accuracy over matches: PER = person, ORG = organization or
 *               group, LOC = country or a place
 *   clustering  B-cubed P/R/F1 over matched mentions (Bagga & Baldwin 1998):
 *               the gold clusters are the annotated instances (across
 *               documents), the found ones the actors (a place is clustered
 *               by its name)
 *
 * By default the articles are read in the format's own layout (line 1 the
 * title, then one sentence a line), so that the actor extractor is scored
 * alone; --pipeline scores it on the cleaner's and segmenter's output.
 *
 * Exit status: 0 scored (and every --min-* threshold met), 1 a threshold
 * missed or an input unreadable, 2 usage error.
 */
#include <dirent.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cjson/cJSON.h>
#include <ctimeline/ctimeline.h>

typedef struct gold {
	uint32_t s, e;            /* bytes */
	char type[4];             /* PER ORG LOC */
	char instance[48];
	char text[96];
	int neutral;              /* "" or PRE.NAM: counts neither way */
	long match;               /* index of the found mention, -1 */
} gold;

typedef struct found {
	size_t doc;
	uint32_t s, e;
	ctl_actor_type type;
	int place;
	char *name;
	char *cluster;            /* place clusters: "place:<name>" */
	size_t actor;
	long match;               /* index into golds */
	int gone;                 /* not kept by the actor set */
} found;

typedef struct pair {
	size_t f, g;
	double score;
} pair;

static int cmp_pair(const void *a, const void *b)
{
	const pair *x = a, *y = b;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	if (x->f != y->f)
		return x->f < y->f ? -1 : 1;
	return x->g < y->g ? -1 : x->g > y->g;
}

typedef struct docdata {
	char *id;
	size_t g0, g1;            /* golds [g0, g1) */
} docdata;

static void usage(FILE *f)
{
	fprintf(f,
		"usage: actor_eval [options] DIR\n"
		"\n"
		"Scores the actor extractor on DIR/*.txt with DIR/*.gold.json (MEANTIME\n"
		"format): named-mention P/R/F1 (overlapping extents), type accuracy, and\n"
		"B-cubed clustering of the mentions of one annotated instance.\n"
		"\n"
		"options:\n"
		"  --data-dir DIR       knowledge files (default: $CTIMELINE_DATA_DIR or built-in)\n"
		"  --pipeline           use the cleaner's lines and sentences, not the format's\n"
		"  --min-f1 X           fail (exit 1) if mention F1 < X\n"
		"  --min-type X         fail if type accuracy < X\n"
		"  --min-cluster X      fail if B-cubed clustering F1 < X\n"
		"  -v, --verbose        list every missed, spurious and mistyped mention\n"
		"  -h, --help           show this help\n");
}

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	size_t r;
	while (buf && (r = fread(buf + n, 1, cap - n - 1, f)) > 0) {
		n += r;
		if (n + 1 == cap) {
			char *nb = realloc(buf, cap * 2);
			if (!nb) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
			cap *= 2;
		}
	}
	fclose(f);
	if (!buf)
		return NULL;
	buf[n] = '\0';
	*len = n;
	return buf;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* byte offset of each code point index: map[i] for i in [0, chars] */
static uint32_t *char_to_byte(const char *t, size_t len, size_t *nchars)
{
	uint32_t *map = malloc((len + 2) * sizeof(*map));
	if (!map)
		abort();
	size_t c = 0;
	for (size_t i = 0; i < len; i++)
		if (((unsigned char)t[i] & 0xC0) != 0x80)
			map[c++] = (uint32_t)i;
	map[c] = (uint32_t)len;
	*nchars = c;
	return map;
}

/* The format's layout: line 1 the title, then one sentence a line. */
static void format_layout(ctl_document *doc)
{
	free(doc->sentences);
	doc->sentences = malloc((doc->nlines + 1) * sizeof(ctl_span));
	if (!doc->sentences)
		abort();
	doc->nsentences = 0;
	for (size_t i = 0; i < doc->nlines; i++) {
		ctl_line *l = &doc->lines[i];
		int blank = 1;
		for (uint32_t p = l->start; p < l->end && blank; p++)
			blank = doc->text[p] == ' ' || doc->text[p] == '\t' || doc->text[p] == '\r';
		l->kind = blank ? CTL_LINE_BLANK : i == 0 ? CTL_LINE_TITLE : CTL_LINE_BODY;
		l->reason = NULL;
		if (!blank && i > 0)
			doc->sentences[doc->nsentences++] = (ctl_span){ l->start, l->end };
	}
}

static int type_ok(const char *gt, const found *f, const ctl_timeline *tl)
{
	ctl_actor_type t = f->actor != SIZE_MAX ? tl->actors[f->actor].type : f->type;
	if (!strcmp(gt, "PER"))
		return !f->place && t == CTL_ACTOR_PERSON;
	if (!strcmp(gt, "ORG"))
		return !f->place && (t == CTL_ACTOR_ORGANIZATION || t == CTL_ACTOR_GROUP);
	return f->place || t == CTL_ACTOR_COUNTRY;
}

static const char *found_type(const found *f, const ctl_timeline *tl)
{
	if (f->place)
		return "place";
	return ctl_actor_type_name(f->actor != SIZE_MAX ? tl->actors[f->actor].type : f->type);
}

static double ratio(double a, double b)
{
	return b > 0 ? a / b : 0;
}

static double f1(double p, double r)
{
	return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "data-dir", required_argument, NULL, 'd' },
		{ "pipeline", no_argument, NULL, 'p' },
		{ "min-f1", required_argument, NULL, 'f' },
		{ "min-type", required_argument, NULL, 't' },
		{ "min-cluster", required_argument, NULL, 'c' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *data_dir = NULL;
	int pipeline = 0, verbose = 0, c;
	double min_f1 = -1, min_type = -1, min_cluster = -1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "vh", longopts, NULL)) != -1) {
		char *end;
		switch (c) {
		case 'd': data_dir = optarg; break;
		case 'p': pipeline = 1; break;
		case 'v': verbose = 1; break;
		case 'f': case 't': case 'c': {
			double v = strtod(optarg, &end);
			if (*end || v < 0 || v > 1) {
				fprintf(stderr, "actor_eval: %s takes a number in [0, 1], not '%s'\n",
					argv[optind - 1], optarg);
				return 2;
			}
			if (c == 'f') min_f1 = v;
			else if (c == 't') min_type = v;
			else min_cluster = v;
			break;
		}
		case 'h': usage(stdout); return 0;
		default:
			fprintf(stderr, "actor_eval: unknown option or missing value: '%s'\n", argv[optind - 1]);
			usage(stderr);
			return 2;
		}
	}
	if (optind + 1 != argc) {
		usage(stderr);
		return 2;
	}
	const char *dir = argv[optind];

	ctl_error err;
	ctl_error_clear(&err);
	ctl_resources *res = NULL;
	if (ctl_resources_new(&res, data_dir, &err)) {
		fprintf(stderr, "actor_eval: %s\n", err.msg);
		return 1;
	}

	/* the articles with a gold file, by name */
	DIR *dh = opendir(dir);
	if (!dh) {
		fprintf(stderr, "actor_eval: %s: cannot open directory\n", dir);
		ctl_resources_free(res);
		return 1;
	}
	char **ids = NULL;
	size_t nids = 0;
	struct dirent *de;
	while ((de = readdir(dh))) {
		size_t n = strlen(de->d_name);
		if (n > 10 && !strcmp(de->d_name + n - 10, ".gold.json")) {
			ids = realloc(ids, (nids + 1) * sizeof(*ids));
			if (!ids || !(ids[nids] = strndup(de->d_name, n - 10)))
				abort();
			nids++;
		}
	}
	closedir(dh);
	qsort(ids, nids, sizeof(*ids), cmp_str);
	if (!nids) {
		fprintf(stderr, "actor_eval: %s: no *.gold.json files\n", dir);
		ctl_resources_free(res);
		free(ids);
		return 1;
	}

	gold *golds = NULL;
	size_t ngold = 0;
	found *founds = NULL;
	size_t nfound = 0, fcap = 0;
	docdata *docs = calloc(nids, sizeof(*docs));
	ctl_timeline *tl = ctl_timeline_new();
	ctl_actor_set *set = ctl_actor_set_new(res);
	int rc = 0;
	double secs = 0;
	size_t bytes = 0;

	for (size_t di = 0; di < nids && !rc; di++) {
		char path[4096];
		size_t tlen, glen;
		snprintf(path, sizeof(path), "%s/%s.txt", dir, ids[di]);
		char *text = read_all(path, &tlen);
		snprintf(path, sizeof(path), "%s/%s.gold.json", dir, ids[di]);
		char *gj = read_all(path, &glen);
		cJSON *g = gj ? cJSON_Parse(gj) : NULL;
		if (!text || !g) {
			fprintf(stderr, "actor_eval: %s/%s: cannot read the article or its gold file\n", dir, ids[di]);
			rc = 1;
			free(text);
			free(gj);
			cJSON_Delete(g);
			break;
		}
		size_t nchars;
		uint32_t *map = char_to_byte(text, tlen, &nchars);
		docs[di].id = ids[di];
		docs[di].g0 = ngold;
		const cJSON *e;
		cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(g, "entities")) {
			const char *ty = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "type"));
			const char *st = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "syntactic_type"));
			const char *in = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "instance"));
			const char *tx = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "text"));
			const cJSON *s = cJSON_GetObjectItemCaseSensitive(e, "start");
			const cJSON *en = cJSON_GetObjectItemCaseSensitive(e, "end");
			if (!ty || !st || !cJSON_IsNumber(s) || !cJSON_IsNumber(en))
				continue;
			if (strcmp(ty, "PER") && strcmp(ty, "ORG") && strcmp(ty, "LOC"))
				continue;
			int neutral = !strcmp(st, "") || !strcmp(st, "PRE.NAM");
			if (strcmp(st, "NAM") && !neutral)
				continue;
			size_t cs = (size_t)s->valuedouble, ce = (size_t)en->valuedouble;
			if (cs > nchars || ce > nchars || ce <= cs)
				continue;
			golds = realloc(golds, (ngold + 1) * sizeof(*golds));
			if (!golds)
				abort();
			gold *gd = &golds[ngold++];
			memset(gd, 0, sizeof(*gd));
			gd->s = map[cs];
			gd->e = map[ce];
			snprintf(gd->type, sizeof(gd->type), "%s", ty);
			snprintf(gd->instance, sizeof(gd->instance), "%s", in ? in : "");
			snprintf(gd->text, sizeof(gd->text), "%s", tx ? tx : "");
			gd->neutral = neutral;
			gd->match = -1;
		}
		docs[di].g1 = ngold;
		free(map);
		cJSON_Delete(g);
		free(gj);

		ctl_document *doc = NULL;
		snprintf(path, sizeof(path), "%s/%s.txt", dir, ids[di]);
		if (ctl_document_from_memory(&doc, path, text, tlen, NULL, &err) ||
		    ctl_document_analyze(doc, res, &err)) {
			fprintf(stderr, "actor_eval: %s\n", err.msg);
			ctl_document_free(doc);
			free(text);
			rc = 1;
			break;
		}
		free(text);
		if (!pipeline)
			format_layout(doc);
		size_t tdi = ctl_timeline_add_document(tl, doc);
		ctl_mention_list ml;
		ctl_mention_list_init(&ml);
		struct timespec t0, t1;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		if (ctl_mentions_find(&ml, res, doc, &err)) {
			fprintf(stderr, "actor_eval: %s\n", err.msg);
			rc = 1;
		} else {
			ctl_actor_set_add(set, tdi, &ml);
		}
		clock_gettime(CLOCK_MONOTONIC, &t1);
		secs += (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
		bytes += doc->len;
		for (size_t i = 0; i < ml.len; i++) {
			const ctl_mention *m = &ml.items[i];
			if (nfound == fcap) {
				fcap = fcap ? fcap * 2 : 256;
				founds = realloc(founds, fcap * sizeof(*founds));
				if (!founds)
					abort();
			}
			found *f = &founds[nfound++];
			memset(f, 0, sizeof(*f));
			f->doc = tdi;
			f->s = m->start;
			f->e = m->end;
			f->type = m->type;
			f->place = m->role == CTL_MENTION_PLACE;
			f->name = strdup(m->name);
			const char *pn = m->resolved ? m->resolved : m->name;
			f->cluster = malloc(strlen(pn) + 7);
			if (!f->name || !f->cluster)
				abort();
			sprintf(f->cluster, "place:%s", pn);
			for (char *q = f->cluster; *q; q++)
				if (*q >= 'A' && *q <= 'Z')
					*q = (char)(*q - 'A' + 'a');
			f->match = -1;
		}
		ctl_mention_list_release(&ml);
		ctl_document_free(doc);
	}
	if (!rc) {
		struct timespec t0, t1;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		if (ctl_actor_set_finish(set, tl, &err)) {
			fprintf(stderr, "actor_eval: %s\n", err.msg);
			rc = 1;
		}
		clock_gettime(CLOCK_MONOTONIC, &t1);
		secs += (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	}
	if (rc)
		goto out;
	/* an actor mention the set did not keep (a tentative one) was not found */
	for (size_t i = 0; i < nfound; i++) {
		founds[i].actor = founds[i].place ? SIZE_MAX :
			ctl_actor_set_lookup(set, founds[i].doc, founds[i].s, founds[i].e);
		founds[i].gone = !founds[i].place && founds[i].actor == SIZE_MAX;
	}

	/* matching: every overlapping (found, gold) pair of a document, best
	 * first (overlap / union of the extents), each mention used once */
	size_t tp = 0, fp = 0, fn = 0, typed = 0;
	pair *pairs = NULL;
	size_t npairs = 0, pcap = 0;
	for (size_t i = 0; i < nfound; i++) {
		const found *f = &founds[i];
		if (f->gone)
			continue;
		const docdata *dd = &docs[f->doc];
		for (size_t k = dd->g0; k < dd->g1; k++) {
			const gold *g = &golds[k];
			if (g->neutral || g->s >= f->e || f->s >= g->e)
				continue;
			uint32_t ov = (g->e < f->e ? g->e : f->e) - (g->s > f->s ? g->s : f->s);
			uint32_t un = (g->e > f->e ? g->e : f->e) - (g->s < f->s ? g->s : f->s);
			if (npairs == pcap) {
				pcap = pcap ? pcap * 2 : 256;
				pairs = realloc(pairs, pcap * sizeof(*pairs));
				if (!pairs)
					abort();
			}
			pairs[npairs++] = (pair){ i, k, (double)ov / (double)un };
		}
	}
	if (npairs)
		qsort(pairs, npairs, sizeof(*pairs), cmp_pair);
	for (size_t p = 0; p < npairs; p++) {
		found *f = &founds[pairs[p].f];
		gold *g = &golds[pairs[p].g];
		if (f->match >= 0 || g->match >= 0)
			continue;
		f->match = (long)pairs[p].g;
		g->match = (long)pairs[p].f;
	}
	free(pairs);
	for (size_t i = 0; i < nfound; i++) {
		found *f = &founds[i];
		if (f->gone)
			continue;
		if (f->match >= 0) {
			tp++;
			if (type_ok(golds[f->match].type, f, tl))
				typed++;
			else if (verbose)
				printf("%s\ttype\t%s\t%s (gold %s)\n", docs[f->doc].id, f->name,
					found_type(f, tl), golds[f->match].type);
			continue;
		}
		int neutral = 0;
		const docdata *dd = &docs[f->doc];
		for (size_t k = dd->g0; k < dd->g1 && !neutral; k++)
			neutral = golds[k].neutral && golds[k].s < f->e && f->s < golds[k].e;
		if (!neutral) {
			fp++;
			if (verbose)
				printf("%s\tspurious\t%s\t%s\n", docs[f->doc].id, f->name, found_type(f, tl));
		}
	}
	for (size_t k = 0; k < ngold; k++)
		if (!golds[k].neutral && golds[k].match < 0) {
			fn++;
			if (verbose) {
				const char *id = "";
				for (size_t d = 0; d < nids; d++)
					if (k >= docs[d].g0 && k < docs[d].g1)
						id = docs[d].id;
				printf("%s\tmissed\t%s\t%s\n", id, golds[k].text, golds[k].type);
			}
		}

	/* B-cubed over matched mentions: for each, the share of its found
	 * cluster that is its gold cluster (precision) and the reverse */
	double bp = 0, br = 0;
	for (size_t i = 0; i < nfound; i++) {
		const found *f = &founds[i];
		if (f->match < 0)
			continue;
		size_t same_sys = 0, same_gold = 0, both = 0;
		for (size_t j = 0; j < nfound; j++) {
			const found *h = &founds[j];
			if (h->match < 0)
				continue;
			int s = f->actor != SIZE_MAX ? h->actor == f->actor :
			        h->actor == SIZE_MAX && !strcmp(h->cluster, f->cluster);
			int gsame = !strcmp(golds[h->match].instance, golds[f->match].instance);
			same_sys += s;
			same_gold += gsame;
			both += s && gsame;
		}
		bp += ratio((double)both, (double)same_sys);
		br += ratio((double)both, (double)same_gold);
	}
	double P = ratio((double)tp, (double)(tp + fp)), R = ratio((double)tp, (double)(tp + fn));
	double F = f1(P, R), TA = ratio((double)typed, (double)tp);
	double BP = ratio(bp, (double)tp), BR = ratio(br, (double)tp), BF = f1(BP, BR);
	printf("articles   %zu (%s layout), %zu gold names, %zu found\n", nids,
		pipeline ? "pipeline" : "format", tp + fn, tp + fp);
	printf("mentions   P %.3f  R %.3f  F1 %.3f  (tp %zu, fp %zu, fn %zu)\n", P, R, F, tp, fp, fn);
	printf("type       accuracy %.3f  (%zu of %zu matches)\n", TA, typed, tp);
	printf("clustering B-cubed P %.3f  R %.3f  F1 %.3f  (%zu actors)\n", BP, BR, BF, tl->nactors);
	printf("speed      %.2f MB/s  (%zu bytes in %.4f s)\n",
		secs > 0 ? (double)bytes / secs / 1e6 : 0, bytes, secs);
	if ((min_f1 >= 0 && F < min_f1) || (min_type >= 0 && TA < min_type) ||
	    (min_cluster >= 0 && BF < min_cluster)) {
		fprintf(stderr, "actor_eval: below the thresholds (F1 %.3f/%.2f, type %.3f/%.2f, clustering %.3f/%.2f)\n",
			F, min_f1, TA, min_type, BF, min_cluster);
		rc = 1;
	}
out:
	for (size_t i = 0; i < nfound; i++) {
		free(founds[i].name);
		free(founds[i].cluster);
	}
	free(founds);
	free(golds);
	free(docs);
	for (size_t i = 0; i < nids; i++)
		free(ids[i]);
	free(ids);
	ctl_actor_set_free(set);
	ctl_timeline_free(tl);
	ctl_resources_free(res);
	return rc;
}
