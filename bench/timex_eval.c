/*
 * timex_eval: scores the time tagger on a directory of MEANTIME-style
 * articles (<id>.txt + <id>.gold.json) the way TempEval-3 scores temporal
 * expressions (UzZaman et al., SemEval 2013, Task 1):
 *   strict   P/R/F1 over expressions with identical extent
 *   relaxed  P/R/F1 over expressions with overlapping extent (one-to-one)
 *   value and type accuracy over the relaxed matches
 *   value F1 = relaxed F1 x value accuracy
 * Each article is tagged with its gold "dct" as document date. Gold offsets
 * count characters (code points); they are converted to byte offsets.
 *
 * With --speed MB, it instead measures throughput: the articles (and any
 * further directories given) are tagged over and over until MB megabytes
 * have gone through, and the rate is printed.
 *
 * Exit status: 0 scored (and every --min-* threshold met), 1 a threshold
 * missed or an input unreadable, 2 usage error.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cjson/cJSON.h>
#include <ctimeline/ctimeline.h>

typedef struct span {
	uint32_t s, e;
	char type[12];
	char value[40];
	char text[96];
	int matched;           /* index of the partner in the other list, -1 none */
} span;

typedef struct counts {
	size_t gold, sys, strict, relaxed, value_ok, type_ok;
} counts;

static void usage(FILE *f)
{
	fprintf(f,
		"usage: timex_eval [options] DIR\n"
		"       timex_eval --speed MB DIR...\n"
		"\n"
		"Scores the time tagger on DIR/*.txt with DIR/*.gold.json (MEANTIME format),\n"
		"as TempEval-3 does.\n"
		"\n"
		"options:\n"
		"  --data-dir DIR             knowledge files (default: $CTIMELINE_DATA_DIR or built-in)\n"
		"  --min-relaxed-f1 X         fail (exit 1) if relaxed F1 < X\n"
		"  --min-strict-f1 X          fail if strict F1 < X\n"
		"  --min-value-accuracy X     fail if value accuracy < X\n"
		"  -v, --verbose              list every missed, spurious and wrong expression\n"
		"  --speed MB                 measure throughput over MB megabytes of the DIRs' *.txt\n"
		"  -h, --help                 show this help\n");
}

static char *read_all(const char *path, size_t *len)
{
	char *data = NULL;
	ctl_error err;
	ctl_error_clear(&err);
	if (ctl_read_file(&data, len, path, 1u << 30, &err)) {
		fprintf(stderr, "timex_eval: %s\n", err.msg);
		return NULL;
	}
	return data;
}

/* Byte offset of code point `cp` in text[0, len). */
static uint32_t cp_to_byte(const char *text, size_t len, long cp)
{
	size_t b = 0;
	for (long k = 0; k < cp && b < len; k++) {
		unsigned char c = (unsigned char)text[b];
		b += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	}
	return (uint32_t)(b > len ? len : b);
}

static void copy_text(char *dst, size_t size, const char *src, size_t n)
{
	if (n >= size)
		n = size - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
	for (size_t i = 0; i < n; i++)
		if (dst[i] == '\n')
			dst[i] = ' ';
}

static int span_cmp(const void *a, const void *b)
{
	const span *x = a, *y = b;
	return x->s != y->s ? (x->s < y->s ? -1 : 1) : (x->e < y->e ? -1 : x->e > y->e);
}

/* One-to-one matching: identical extents first, then overlapping ones. */
static void match(span *g, size_t ng, span *s, size_t ns)
{
	for (size_t i = 0; i < ng; i++)
		g[i].matched = -1;
	for (size_t j = 0; j < ns; j++)
		s[j].matched = -1;
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < ng; i++) {
			if (g[i].matched >= 0)
				continue;
			for (size_t j = 0; j < ns; j++) {
				if (s[j].matched >= 0)
					continue;
				bool ok = pass == 0 ? (g[i].s == s[j].s && g[i].e == s[j].e)
				                    : (g[i].s < s[j].e && s[j].s < g[i].e);
				if (ok) {
					g[i].matched = (int)j;
					s[j].matched = (int)i;
					break;
				}
			}
		}
}

static int score_file(const ctl_resources *res, const char *dir, const char *name,
		counts *tot, bool verbose)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	size_t len, glen;
	char *text = read_all(path, &len);
	if (!text)
		return -1;
	size_t nl = strlen(name);
	snprintf(path, sizeof(path), "%s/%.*s.gold.json", dir, (int)(nl - 4), name);
	char *gj = read_all(path, &glen);
	if (!gj) {
		free(text);
		return -1;
	}
	cJSON *gold = cJSON_ParseWithLength(gj, glen);
	free(gj);
	if (!gold) {
		fprintf(stderr, "timex_eval: %s: not valid JSON\n", path);
		free(text);
		return -1;
	}
	const cJSON *dctj = cJSON_GetObjectItemCaseSensitive(gold, "dct");
	ctl_day dct = CTL_DAY_NONE;
	if (cJSON_IsString(dctj))
		ctl_day_parse(dctj->valuestring, strlen(dctj->valuestring), &dct);
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(gold, "timexes"), *x;
	size_t ng = 0;
	span *g = calloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof(span));
	cJSON_ArrayForEach(x, arr) {
		span *p = &g[ng++];
		long s = (long)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(x, "start"));
		long e = (long)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(x, "end"));
		p->s = cp_to_byte(text, len, s);
		p->e = cp_to_byte(text, len, e);
		const char *t = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(x, "type"));
		const char *v = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(x, "value"));
		snprintf(p->type, sizeof(p->type), "%s", t ? t : "");
		snprintf(p->value, sizeof(p->value), "%s", v ? v : "");
		copy_text(p->text, sizeof(p->text), text + p->s, p->e - p->s);
	}
	cJSON_Delete(gold);
	qsort(g, ng, sizeof(span), span_cmp);

	ctl_timex_list tx;
	ctl_timex_list_init(&tx);
	ctl_error err;
	ctl_error_clear(&err);
	if (ctl_timex_tag(&tx, res, text, len, dct, &err)) {
		fprintf(stderr, "timex_eval: %s: %s\n", name, err.msg);
		free(g);
		free(text);
		return -1;
	}
	span *s = calloc(tx.len + 1, sizeof(span));
	for (size_t j = 0; j < tx.len; j++) {
		s[j].s = tx.items[j].start;
		s[j].e = tx.items[j].end;
		snprintf(s[j].type, sizeof(s[j].type), "%s", ctl_timex_type_name(tx.items[j].type));
		snprintf(s[j].value, sizeof(s[j].value), "%s", tx.items[j].value);
		copy_text(s[j].text, sizeof(s[j].text), text + s[j].s, s[j].e - s[j].s);
	}
	size_t ns = tx.len;
	ctl_timex_list_release(&tx);

	match(g, ng, s, ns);
	tot->gold += ng;
	tot->sys += ns;
	for (size_t i = 0; i < ng; i++) {
		if (g[i].matched < 0) {
			if (verbose)
				printf("%s\tmissed\t\"%s\"\t%s\t%s\n", name, g[i].text, g[i].type, g[i].value);
			continue;
		}
		const span *m = &s[g[i].matched];
		tot->relaxed++;
		bool strict = m->s == g[i].s && m->e == g[i].e;
		bool vok = !strcmp(m->value, g[i].value), tok = !strcmp(m->type, g[i].type);
		tot->strict += strict;
		tot->value_ok += vok;
		tot->type_ok += tok;
		if (verbose && (!strict || !vok || !tok))
			printf("%s\t%s\t\"%s\"\t%s\t%s\tgold \"%s\"\t%s\t%s\n", name,
				!strict ? "extent" : !vok ? "value" : "type", m->text, m->type, m->value,
				g[i].text, g[i].type, g[i].value);
	}
	for (size_t j = 0; j < ns; j++)
		if (s[j].matched < 0 && verbose)
			printf("%s\tspurious\t\"%s\"\t%s\t%s\n", name, s[j].text, s[j].type, s[j].value);
	free(g);
	free(s);
	free(text);
	return 0;
}

static double ratio(size_t a, size_t b)
{
	return b ? (double)a / (double)b : 0.0;
}

static double f1(double p, double r)
{
	return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

static int is_txt(const char *name)
{
	size_t n = strlen(name);
	return n > 4 && !strcmp(name + n - 4, ".txt");
}

static int speed(const ctl_resources *res, char **dirs, int ndirs, double mb)
{
	char **texts = NULL;
	size_t *lens = NULL, ntexts = 0;
	for (int d = 0; d < ndirs; d++) {
		char **files;
		size_t n;
		ctl_error err;
		ctl_error_clear(&err);
		if (ctl_list_inputs(&files, &n, dirs[d], &err)) {
			fprintf(stderr, "timex_eval: %s\n", err.msg);
			return 1;
		}
		for (size_t i = 0; i < n; i++) {
			size_t len;
			char *t = read_all(files[i], &len);
			if (t) {
				texts = realloc(texts, (ntexts + 1) * sizeof(*texts));
				lens = realloc(lens, (ntexts + 1) * sizeof(*lens));
				texts[ntexts] = t;
				lens[ntexts++] = len;
			}
			free(files[i]);
		}
		free(files);
	}
	if (!ntexts) {
		fprintf(stderr, "timex_eval: no *.txt to measure\n");
		return 1;
	}
	/* one corpus of about `mb` megabytes: the articles again and again */
	size_t want = (size_t)(mb * 1e6), total = 0, ndocs = 0;
	char *corpus = NULL;
	size_t *starts = NULL;
	while (total < want) {
		for (size_t i = 0; i < ntexts && total < want; i++) {
			corpus = realloc(corpus, total + lens[i] + 1);
			starts = realloc(starts, (ndocs + 2) * sizeof(*starts));
			memcpy(corpus + total, texts[i], lens[i]);
			starts[ndocs++] = total;
			total += lens[i];
		}
	}
	starts[ndocs] = total;
	ctl_day dct = ctl_day_from_ymd(2017, 7, 12);
	size_t found = 0;
	struct timespec t0, t1, c0, c1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
	for (size_t k = 0; k < ndocs; k++) {
		ctl_timex_list tx;
		ctl_timex_list_init(&tx);
		ctl_error err;
		ctl_error_clear(&err);
		ctl_timex_tag(&tx, res, corpus + starts[k], starts[k + 1] - starts[k], dct, &err);
		found += tx.len;
		ctl_timex_list_release(&tx);
	}
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	double cpu = (double)(c1.tv_sec - c0.tv_sec) + (double)(c1.tv_nsec - c0.tv_nsec) / 1e9;
	printf("%.1f MB in %zu documents, %zu expressions: %.3f s wall, %.1f MB/s; "
		"%.3f s CPU, %.1f MB/s\n", (double)total / 1e6, ndocs, found, secs,
		(double)total / 1e6 / secs, cpu, (double)total / 1e6 / cpu);
	for (size_t i = 0; i < ntexts; i++)
		free(texts[i]);
	free(texts);
	free(lens);
	free(corpus);
	free(starts);
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "data-dir", required_argument, NULL, 'D' },
		{ "min-relaxed-f1", required_argument, NULL, 'r' },
		{ "min-strict-f1", required_argument, NULL, 's' },
		{ "min-value-accuracy", required_argument, NULL, 'a' },
		{ "speed", required_argument, NULL, 'S' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *data_dir = NULL;
	double min_relaxed = -1, min_strict = -1, min_value = -1, speed_mb = 0;
	bool verbose = false;
	int c;
	while ((c = getopt_long(argc, argv, "vh", longopts, NULL)) != -1) {
		char *end = NULL;
		switch (c) {
		case 'D': data_dir = optarg; break;
		case 'r': min_relaxed = strtod(optarg, &end); break;
		case 's': min_strict = strtod(optarg, &end); break;
		case 'a': min_value = strtod(optarg, &end); break;
		case 'S': speed_mb = strtod(optarg, &end); break;
		case 'v': verbose = true; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
		if (end && (*end || end == optarg)) {
			fprintf(stderr, "timex_eval: not a number: '%s'\n", optarg);
			return 2;
		}
	}
	if (optind >= argc || (optind + 1 < argc && speed_mb <= 0)) {
		usage(stderr);
		return 2;
	}
	ctl_resources *res = NULL;
	ctl_error err;
	ctl_error_clear(&err);
	if (ctl_resources_new(&res, data_dir, &err)) {
		fprintf(stderr, "timex_eval: %s\n", err.msg);
		return 1;
	}
	if (speed_mb > 0) {
		int rc = speed(res, argv + optind, argc - optind, speed_mb);
		ctl_resources_free(res);
		return rc;
	}
	const char *dir = argv[optind];
	char **files;
	size_t n;
	if (ctl_list_inputs(&files, &n, dir, &err)) {
		fprintf(stderr, "timex_eval: %s\n", err.msg);
		ctl_resources_free(res);
		return 1;
	}
	counts tot;
	memset(&tot, 0, sizeof(tot));
	int rc = 0;
	size_t ndocs = 0;
	for (size_t i = 0; i < n; i++) {
		const char *base = strrchr(files[i], '/');
		base = base ? base + 1 : files[i];
		if (is_txt(base)) {
			if (score_file(res, dir, base, &tot, verbose))
				rc = 1;
			ndocs++;
		}
		free(files[i]);
	}
	free(files);
	ctl_resources_free(res);

	double sp = ratio(tot.strict, tot.sys), sr = ratio(tot.strict, tot.gold);
	double rp = ratio(tot.relaxed, tot.sys), rr = ratio(tot.relaxed, tot.gold);
	double sf = f1(sp, sr), rf = f1(rp, rr);
	double va = ratio(tot.value_ok, tot.relaxed), ta = ratio(tot.type_ok, tot.relaxed);
	printf("documents %zu, gold %zu, system %zu\n", ndocs, tot.gold, tot.sys);
	printf("strict    P %.4f  R %.4f  F1 %.4f\n", sp, sr, sf);
	printf("relaxed   P %.4f  R %.4f  F1 %.4f\n", rp, rr, rf);
	printf("value accuracy %.4f  type accuracy %.4f  value F1 %.4f  type F1 %.4f\n",
		va, ta, rf * va, rf * ta);
	if (min_relaxed >= 0 && rf < min_relaxed) {
		fprintf(stderr, "timex_eval: relaxed F1 %.4f below %.4f\n", rf, min_relaxed);
		rc = 1;
	}
	if (min_strict >= 0 && sf < min_strict) {
		fprintf(stderr, "timex_eval: strict F1 %.4f below %.4f\n", sf, min_strict);
		rc = 1;
	}
	if (min_value >= 0 && va < min_value) {
		fprintf(stderr, "timex_eval: value accuracy %.4f below %.4f\n", va, min_value);
		rc = 1;
	}
	return rc;
}
