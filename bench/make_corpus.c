/*
 * make_corpus: a deterministic corpus of news-like articles for benchmarks.
 *
 *   make_corpus [--seed N] [--src DIR]... N_MB OUTDIR
 *
 * Reads the *.txt of the source directories (default: the project's seeds/
 * and tests/data/meantime-apple/), cuts them into sentences and short
 * furniture lines, and writes articles a000001.txt, a000002.txt, ... into
 * OUTDIR until N_MB megabytes (10^6 bytes) are written. Each article has
 * page furniture (menus, a "Most read" list, captions, a footer), a
 * headline, a publication date in one of several layouts, and 25-60
 * shuffled sentences in paragraphs (several KB). Years, months, days and
 * weekdays in the sentences are shifted per article, and given names and
 * surnames swapped from built-in lists, so the articles differ. The same
 * seed and sources always give the same bytes (own PRNG, sorted inputs).
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifndef CTL_BENCH_SRC
#define CTL_BENCH_SRC "."
#endif

static uint64_t rng_state;

static uint64_t rnd64(void)
{
	/* splitmix64 */
	uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

static size_t rnd(size_t n)
{
	return n ? (size_t)(rnd64() % n) : 0;
}

typedef struct strv {
	char **v;
	size_t n, cap;
} strv;

static void push(strv *s, const char *p, size_t len)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 256;
		s->v = realloc(s->v, s->cap * sizeof(char *));
		if (!s->v)
			abort();
	}
	char *c = malloc(len + 1);
	if (!c)
		abort();
	memcpy(c, p, len);
	c[len] = 0;
	s->v[s->n++] = c;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static strv sentences, furniture, titles;

static int is_upper_start(const unsigned char *p)
{
	return (*p >= 'A' && *p <= 'Z') || *p == '"' || *p >= 0xC0;
}

/* Cuts a body line into sentences at ". X", "? X", "! X", '." X'. */
static void add_body_line(const char *s, size_t len)
{
	size_t start = 0;
	for (size_t i = 0; i + 2 < len; i++) {
		if (s[i] != '.' && s[i] != '?' && s[i] != '!')
			continue;
		size_t j = i + 1;
		if (s[j] == '"')
			j++;
		if (j + 1 < len && s[j] == ' ' && is_upper_start((const unsigned char *)s + j + 1)
				&& i > start + 3 && !(s[i - 2] == ' ' || s[i - 2] == '.')) {
			if (j - start >= 30)
				push(&sentences, s + start, j - start);
			start = j + 1;
		}
	}
	if (len - start >= 30)
		push(&sentences, s + start, len - start);
}

static void add_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return;
	char line[65536];
	int lineno = 0;
	while (fgets(line, sizeof(line), f)) {
		size_t len = strlen(line);
		while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			len--;
		line[len] = 0;
		lineno++;
		if (!len)
			continue;
		size_t words = 1;
		for (size_t i = 0; i < len; i++)
			words += line[i] == ' ';
		char last = line[len - 1];
		int ends = last == '.' || last == '"' || last == '?' || last == '!';
		if (words >= 6 && ends && len >= 40)
			add_body_line(line, len);
		else if (words >= 5 && len >= 30 && len < 160)
			push(&titles, line, len);
		else if (len < 40 && !strchr(line, ':') && !strpbrk(line, "0123456789"))
			push(&furniture, line, len);
	}
	fclose(f);
}

static void add_dir(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d) {
		fprintf(stderr, "make_corpus: %s: %s\n", dir, strerror(errno));
		exit(1);
	}
	strv names = { 0 };
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);
		if (n > 4 && !strcmp(e->d_name + n - 4, ".txt"))
			push(&names, e->d_name, n);
	}
	closedir(d);
	qsort(names.v, names.n, sizeof(char *), cmp_str);
	for (size_t i = 0; i < names.n; i++) {
		char path[4096];
		snprintf(path, sizeof(path), "%s/%s", dir, names.v[i]);
		add_file(path);
		free(names.v[i]);
	}
	free(names.v);
}

static const char *const months[12] = { "January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December" };
static const char *const weekdays[7] = { "Monday", "Tuesday", "Wednesday", "Thursday",
	"Friday", "Saturday", "Sunday" };
static const char *const given[] = { "Anna", "Peter", "Maria", "John", "Elena", "David",
	"Sofia", "Michael", "Laura", "Thomas", "Olga", "James", "Ines", "Robert", "Hana",
	"Daniel", "Clara", "Martin", "Yuki", "Samuel", "Nadia", "George", "Amira", "Paul",
	"Irene", "Victor", "Lucia", "Andrew", "Mei", "Henry", "Sarah", "Steve", "Tim", "Mark",
	"Nikolay", "Donald", "Vladimir", "Angela", "Barack", "Jeff", "Bill", "Phil", "Eric" };
static const char *const surnames[] = { "Keller", "Novak", "Hughes", "Moreau", "Lindqvist",
	"Okafor", "Ferreira", "Tanaka", "Kowalski", "Brennan", "Haddad", "Petrov", "Larsen",
	"Quinn", "Rossi", "Schmidt", "Dubois", "Nakamura", "Oyelaran", "Castillo", "Weber",
	"Fischer", "Ivanova", "Sato", "Walsh", "Moreno", "Holm", "Abbott", "Barros", "Chen" };
#define NGIVEN (sizeof(given) / sizeof(given[0]))
#define NSUR (sizeof(surnames) / sizeof(surnames[0]))

static const char *const menus[] = { "Home", "World", "Politics", "Business", "Tech",
	"Science", "Health", "Sport", "Culture", "Opinion", "Video", "Podcasts", "Markets",
	"Europe", "Asia", "Americas", "Middle East", "Africa", "Subscribe", "Sign in",
	"Newsletters", "Search", "Menu", "Live", "Weather", "Travel", "Style", "More" };
static const char *const footer[] = { "Terms of use", "Privacy policy", "Cookie settings",
	"Contact us", "Advertise with us", "About us", "Careers", "Help centre",
	"All rights reserved.", "Follow us on social media", "Back to top",
	"Share on Facebook", "Share on Twitter", "Copy link", "Print", "Email" };
static const char *const agencies[] = { "REUTERS", "AP Photo", "AFP", "EPA", "Getty Images",
	"Bloomberg", "TASS", "dpa" };

typedef struct buf {
	char *p;
	size_t n, cap;
} buf;

static void put(buf *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		b->cap = (b->n + n + 1) * 2;
		b->p = realloc(b->p, b->cap);
		if (!b->p)
			abort();
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = 0;
}

static void puts_(buf *b, const char *s)
{
	put(b, s, strlen(s));
}

static void printf_(buf *b, const char *fmt, int a, int c, int d)
{
	char tmp[256];
	int n = snprintf(tmp, sizeof(tmp), fmt, a, c, d);
	put(b, tmp, (size_t)n);
}

/* the per-article rewriting: shifts and name swaps */
typedef struct article {
	int year, month, day;       /* publication date */
	int year_shift, month_rot, day_shift, wd_rot;
	char from[32][24], to[32][40];
	int nmap;
} article;

static int word_len(const char *s)
{
	int n = 0;
	while ((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z'))
		n++;
	return n;
}

static int in_list(const char *s, int n, const char *const *list, size_t nlist)
{
	for (size_t i = 0; i < nlist; i++)
		if ((int)strlen(list[i]) == n && !memcmp(list[i], s, (size_t)n))
			return (int)i;
	return -1;
}

static const char *mapped(article *a, const char *s, int n)
{
	for (int i = 0; i < a->nmap; i++)
		if ((int)strlen(a->from[i]) == n && !memcmp(a->from[i], s, (size_t)n))
			return a->to[i];
	return NULL;
}

static void rewrite(buf *b, article *a, const char *s)
{
	size_t i = 0, n = strlen(s);
	while (i < n) {
		int prev_alnum = i > 0 && ((s[i - 1] >= '0' && s[i - 1] <= '9')
			|| (s[i - 1] >= 'a' && s[i - 1] <= 'z') || (s[i - 1] >= 'A' && s[i - 1] <= 'Z'));
		/* a year 1950-2030 as a whole number */
		if (!prev_alnum && i + 4 <= n && (s[i] == '1' || s[i] == '2')
				&& s[i + 1] >= '0' && s[i + 1] <= '9' && s[i + 2] >= '0' && s[i + 2] <= '9'
				&& s[i + 3] >= '0' && s[i + 3] <= '9'
				&& !(i + 4 < n && s[i + 4] >= '0' && s[i + 4] <= '9')) {
			int y = atoi(s + i);
			if (y >= 1950 && y <= 2030) {
				char t[16];
				snprintf(t, sizeof(t), "%d", y + a->year_shift);
				puts_(b, t);
				i += 4;
				continue;
			}
		}
		int wl = prev_alnum ? 0 : word_len(s + i);
		if (wl >= 3) {
			int k;
			if ((k = in_list(s + i, wl, months, 12)) >= 0) {
				puts_(b, months[(k + a->month_rot) % 12]);
				i += (size_t)wl;
				/* "March 6" -> a shifted day, kept within 1-28 */
				if (s[i] == ' ' && s[i + 1] >= '1' && s[i + 1] <= '9') {
					int d = atoi(s + i + 1);
					size_t dl = 1 + (s[i + 2] >= '0' && s[i + 2] <= '9');
					if (d >= 1 && d <= 31) {
						char t[16];
						snprintf(t, sizeof(t), " %d", (d - 1 + a->day_shift) % 28 + 1);
						puts_(b, t);
						i += 1 + dl;
					}
				}
				continue;
			}
			if ((k = in_list(s + i, wl, weekdays, 7)) >= 0) {
				puts_(b, weekdays[(k + a->wd_rot) % 7]);
				i += (size_t)wl;
				continue;
			}
			const char *m = mapped(a, s + i, wl);
			if (m) {
				puts_(b, m);
				i += (size_t)wl;
				continue;
			}
			/* "Given Surname": both replaced; the surname remembered for the article */
			if (s[i] >= 'A' && s[i] <= 'Z' && s[i + wl] == ' ' && s[i + wl + 1] >= 'A'
					&& s[i + wl + 1] <= 'Z' && in_list(s + i, wl, given, NGIVEN) >= 0) {
				const char *sur = s + i + wl + 1;
				int sl = word_len(sur);
				if (sl >= 2 && sl < 24 && a->nmap < 32) {
					const char *g = given[rnd(NGIVEN)];
					const char *nsur = surnames[rnd(NSUR)];
					memcpy(a->from[a->nmap], sur, (size_t)sl);
					a->from[a->nmap][sl] = 0;
					snprintf(a->to[a->nmap], sizeof(a->to[0]), "%s", nsur);
					a->nmap++;
					puts_(b, g);
					puts_(b, " ");
					puts_(b, nsur);
					i += (size_t)wl + 1 + (size_t)sl;
					continue;
				}
			}
			put(b, s + i, (size_t)wl);
			i += (size_t)wl;
			continue;
		}
		put(b, s + i, 1);
		i++;
	}
}

static void write_date_line(buf *b, const article *a)
{
	switch (rnd(5)) {
	case 0:
	case 1: {
		char t[96];
		snprintf(t, sizeof(t), "%s %d, %d\n", months[a->month - 1], a->day, a->year);
		puts_(b, t);
		break;
	}
	case 2: {
		char t[96];
		snprintf(t, sizeof(t), "Published: %d %.3s %d %02d:%02d GMT\n", a->day,
			months[a->month - 1], a->year, (int)rnd(24), (int)rnd(60));
		puts_(b, t);
		break;
	}
	case 3:
		printf_(b, "%d-%02d-%02d\n", a->year, a->month, a->day);
		break;
	default: {
		char t[96];
		snprintf(t, sizeof(t), "Updated %s %d, %d, %d:%02d a.m. ET\n", months[a->month - 1],
			a->day, a->year, 1 + (int)rnd(11), (int)rnd(60));
		puts_(b, t);
	}
	}
}

static void make_article(buf *b)
{
	article a = { 0 };
	a.year = 2000 + (int)rnd(25);
	a.month = 1 + (int)rnd(12);
	a.day = 1 + (int)rnd(28);
	a.year_shift = (int)rnd(17) - 10;
	a.month_rot = (int)rnd(12);
	a.day_shift = (int)rnd(28);
	a.wd_rot = (int)rnd(7);

	/* top of page: a menu and furniture */
	size_t nm = 6 + rnd(14);
	for (size_t i = 0; i < nm; i++) {
		puts_(b, rnd(3) ? menus[rnd(sizeof(menus) / sizeof(menus[0]))] : furniture.v[rnd(furniture.n)]);
		puts_(b, "\n");
	}
	puts_(b, "\n");
	rewrite(b, &a, titles.v[rnd(titles.n)]);
	puts_(b, "\n");
	write_date_line(b, &a);
	puts_(b, "\n");
	size_t ns = 25 + rnd(36);
	for (size_t i = 0; i < ns;) {
		size_t np = 1 + rnd(4);
		for (size_t k = 0; k < np && i < ns; k++, i++) {
			if (k)
				puts_(b, " ");
			rewrite(b, &a, sentences.v[rnd(sentences.n)]);
		}
		puts_(b, "\n\n");
		switch (rnd(12)) {
		case 0: {
			char t[128];
			snprintf(t, sizeof(t), "\u00a9 %s/%s %s\n\n", agencies[rnd(8)],
				given[rnd(NGIVEN)], surnames[rnd(NSUR)]);
			puts_(b, t);
			break;
		}
		case 1:
			puts_(b, "Read also\n\n");
			rewrite(b, &a, titles.v[rnd(titles.n)]);
			puts_(b, "\n\n");
			break;
		case 2:
			puts_(b, "Advertisement\n\n");
			break;
		case 3: {
			char t[160];
			snprintf(t, sizeof(t), "Photo: %s %s / %s\n\n", given[rnd(NGIVEN)],
				surnames[rnd(NSUR)], agencies[rnd(8)]);
			puts_(b, t);
			break;
		}
		default:
			break;
		}
	}
	puts_(b, "Most read\n");
	for (int k = 1; k <= 5; k++) {
		printf_(b, "%d\n", k, 0, 0);
		rewrite(b, &a, titles.v[rnd(titles.n)]);
		puts_(b, "\n");
	}
	puts_(b, "\n");
	size_t nf = 4 + rnd(8);
	for (size_t i = 0; i < nf; i++) {
		puts_(b, footer[rnd(sizeof(footer) / sizeof(footer[0]))]);
		puts_(b, "\n");
	}
	char t[96];
	snprintf(t, sizeof(t), "\u00a9 %d News Media Group\n", a.year);
	puts_(b, t);
}

int main(int argc, char **argv)
{
	uint64_t seed = 20261123;
	strv srcs = { 0 };
	int i = 1;
	for (; i < argc; i++) {
		if (!strcmp(argv[i], "--seed") && i + 1 < argc)
			seed = strtoull(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--src") && i + 1 < argc) {
			i++;
			push(&srcs, argv[i], strlen(argv[i]));
		} else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			puts("usage: make_corpus [--seed N] [--src DIR]... N_MB OUTDIR\n"
				"writes deterministic news-like articles (OUTDIR/a000001.txt ...) until\n"
				"N_MB megabytes (10^6 bytes); default sources: the project's seeds/ and\n"
				"tests/data/meantime-apple/ (see bench/README.md)");
			return 0;
		} else
			break;
	}
	if (argc - i != 2) {
		fputs("usage: make_corpus [--seed N] [--src DIR]... N_MB OUTDIR\n", stderr);
		return 2;
	}
	double mb = strtod(argv[i], NULL);
	const char *out = argv[i + 1];
	if (mb <= 0) {
		fputs("make_corpus: N_MB must be positive\n", stderr);
		return 2;
	}
	if (!srcs.n) {
		add_dir(CTL_BENCH_SRC "/seeds");
		add_dir(CTL_BENCH_SRC "/tests/data/meantime-apple");
	}
	for (size_t k = 0; k < srcs.n; k++)
		add_dir(srcs.v[k]);
	if (!sentences.n || !titles.n || !furniture.n) {
		fputs("make_corpus: the sources have no sentences, titles or furniture lines\n", stderr);
		return 1;
	}
	if (mkdir(out, 0777) && errno != EEXIST) {
		fprintf(stderr, "make_corpus: %s: %s\n", out, strerror(errno));
		return 1;
	}
	rng_state = seed;
	size_t want = (size_t)(mb * 1e6), total = 0, n = 0;
	buf b = { 0 };
	while (total < want) {
		b.n = 0;
		make_article(&b);
		char path[4096];
		snprintf(path, sizeof(path), "%s/a%06zu.txt", out, ++n);
		FILE *f = fopen(path, "wb");
		if (!f || fwrite(b.p, 1, b.n, f) != b.n || fclose(f)) {
			fprintf(stderr, "make_corpus: %s: %s\n", path, strerror(errno));
			return 1;
		}
		total += b.n;
	}
	printf("%zu articles, %zu bytes (%zu sentences, %zu titles, %zu furniture lines in the sources)\n",
		n, total, sentences.n, titles.n, furniture.n);
	return 0;
}
