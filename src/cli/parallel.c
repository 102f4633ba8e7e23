/*
 * Extraction on several threads (`extract -j N`). Workers claim the next
 * article, read, analyse and extract it (ctl_extract_document only reads
 * the shared resources) and leave the result in a slot; the calling thread
 * takes the results strictly in input order, so what it builds is the same
 * for any number of threads, and hands each back to the worker that made
 * it, which frees it. Workers run at most WINDOW_PER_JOB articles per
 * thread ahead of the consumer: memory stays bounded by a few documents
 * per thread, not by the corpus.
 */
#define _DEFAULT_SOURCE /* sysconf(_SC_NPROCESSORS_ONLN) */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"

#define WINDOW_PER_JOB 16
#define MAX_JOBS 256

typedef struct slot {
	atomic_bool done;         /* set (release) once the rest is written */
	int rc;
	ctl_error err;
	ctl_doc_result *r;
	unsigned worker;          /* the worker that made r */
	cli_doc_notes notes;      /* for the warnings, given in input order */
} slot;

/*
 * Results the consumer is done with, on their way back to the worker that
 * made them, which frees them: glibc's malloc keeps an arena per thread,
 * and the consumer freeing a worker's memory waited for that arena's lock
 * while the worker allocated (7,700 futex sleeps at -j 2 on 100 MB, 40 %
 * of the run's context switches). mimalloc, which the tool now links,
 * takes frees from other threads without such a lock, but builds with
 * glibc's malloc (sanitizers, -DCTIMELINE_MIMALLOC=OFF) still need this.
 * A ring with one writer (the consumer: head) and one reader (the worker:
 * tail).
 */
typedef struct spent {
	ctl_doc_result **r;
	size_t cap;
	atomic_size_t head;       /* results handed back so far */
	atomic_size_t tail;       /* results freed so far */
} spent;

/*
 * The hand-offs use atomics, and the mutex only to sleep: a result the
 * consumer finds ready, or a claim inside the window, costs no lock. On
 * this 2-core VM every contended lock was a pair of futex system calls,
 * about 3 per article, a tenth of the CPU time at -j 2.
 */
typedef struct pool {
	const cli_input_opts *o;
	const ctl_resources *res;
	const cli_files *f;
	pthread_mutex_t mu;
	pthread_cond_t done_cv;   /* the result the consumer wants is ready */
	pthread_cond_t space_cv;  /* the consumer moved on, or stop */
	atomic_size_t next;       /* the next article to claim */
	atomic_size_t consumed;   /* results taken so far */
	atomic_size_t want;       /* the result the consumer sleeps on, or SIZE_MAX */
	atomic_size_t idle;       /* workers asleep on space_cv */
	atomic_bool stop;
	size_t window;
	slot *slots;              /* ring: article i in slots[i % window] */
	spent *spent;             /* one per worker */
} pool;

typedef struct worker_arg {
	pool *p;
	unsigned id;
} worker_arg;

int cli_parse_jobs(const char *cmd, const char *arg)
{
	char *end;
	long v = strtol(arg, &end, 10);
	if (*end || end == arg || v < 1 || v > MAX_JOBS) {
		cli_usage_error(cmd, "--jobs wants a number from 1 to %d, not '%s'", MAX_JOBS, arg);
		return -1;
	}
	return (int)v;
}

int cli_default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > MAX_JOBS ? MAX_JOBS : (int)n;
}

/* Reads, analyses and extracts article i into s (any thread). */
static void run_one(const pool *p, size_t i, slot *s, ctl_workspace *ws)
{
	ctl_document *doc;
	ctl_error_clear(&s->err);
	s->r = NULL;
	s->rc = cli_read_document(p->o, p->res, p->f, i, ws, &doc, &s->err);
	if (s->rc)
		return;
	s->notes = cli_doc_notes_of(doc);
	s->rc = ctl_extract_document_ws(&s->r, p->res, doc, ws, &s->err);
	ctl_document_free(doc);
}

/* Frees the results handed back to worker q (its own thread, or any once
 * the workers are joined). */
static void free_spent(spent *q)
{
	size_t t = atomic_load_explicit(&q->tail, memory_order_relaxed);
	size_t h = atomic_load_explicit(&q->head, memory_order_acquire);
	for (; t < h; t++)
		ctl_doc_result_free(q->r[t % q->cap]);
	atomic_store_explicit(&q->tail, t, memory_order_release);
}

/* The consumer hands r back to q (or frees it, if q's ring is full). */
static void give_back(spent *q, ctl_doc_result *r)
{
	size_t h = atomic_load_explicit(&q->head, memory_order_relaxed);
	if (h - atomic_load_explicit(&q->tail, memory_order_acquire) == q->cap) {
		ctl_doc_result_free(r);
		return;
	}
	q->r[h % q->cap] = r;
	atomic_store_explicit(&q->head, h + 1, memory_order_release);
}

static void *worker(void *arg)
{
	pool *p = ((worker_arg *)arg)->p;
	unsigned id = ((worker_arg *)arg)->id;
	ctl_workspace *ws = ctl_workspace_new();
	for (;;) {
		free_spent(&p->spent[id]);
		size_t i = atomic_fetch_add(&p->next, 1);
		if (i >= p->f->n || atomic_load(&p->stop))
			break;
		if (i >= atomic_load(&p->consumed) + p->window) {
			/* too far ahead of the consumer: sleep until it moves on */
			pthread_mutex_lock(&p->mu);
			atomic_fetch_add(&p->idle, 1);
			while (!atomic_load(&p->stop) && i >= atomic_load(&p->consumed) + p->window)
				pthread_cond_wait(&p->space_cv, &p->mu);
			atomic_fetch_sub(&p->idle, 1);
			pthread_mutex_unlock(&p->mu);
			if (atomic_load(&p->stop))
				break;
		}
		slot *s = &p->slots[i % p->window];
		run_one(p, i, s, ws);
		s->worker = id;
		atomic_store(&s->done, true);
		if (atomic_load(&p->want) == i) {
			pthread_mutex_lock(&p->mu);
			pthread_cond_signal(&p->done_cv);
			pthread_mutex_unlock(&p->mu);
		}
	}
	free_spent(&p->spent[id]);
	ctl_workspace_free(ws);
	return NULL;
}

/* Hands result i (in s) to fn; returns an exit code. The caller frees s->r. */
static int deliver(const cli_files *f, size_t i, slot *s, cli_result_fn fn, void *user)
{
	cli_progress(f, i);
	if (s->rc)
		return cli_lib_error(&s->err);
	cli_warn_document(f->files[i], &s->notes);
	return fn(s->r, user) ? CLI_FAIL : CLI_OK;
}

int cli_extract_documents(const cli_input_opts *o, const ctl_resources *res,
		char **paths, int npaths, int jobs, cli_result_fn fn, void *user)
{
	cli_files f;
	int rc = cli_list_files(o, paths, npaths, &f);
	if (rc)
		return rc;
	if (jobs < 1)
		jobs = 1;
	if ((size_t)jobs > f.n)
		jobs = f.n ? (int)f.n : 1;

	pool p = { .o = o, .res = res, .f = &f };
	atomic_init(&p.next, 0);
	atomic_init(&p.consumed, 0);
	atomic_init(&p.want, SIZE_MAX);
	atomic_init(&p.idle, 0);
	atomic_init(&p.stop, false);
	if (jobs == 1) {
		/* no thread: the same steps, one after the other */
		ctl_workspace *ws = ctl_workspace_new();
		for (size_t i = 0; i < f.n && rc == CLI_OK; i++) {
			slot s;
			run_one(&p, i, &s, ws);
			rc = deliver(&f, i, &s, fn, user);
			ctl_doc_result_free(s.r);
		}
		ctl_workspace_free(ws);
		cli_progress(&f, f.n);
		cli_files_release(&f);
		return rc;
	}

	p.window = (size_t)jobs * WINDOW_PER_JOB;
	p.slots = calloc(p.window, sizeof(*p.slots));
	pthread_t *threads = calloc((size_t)jobs, sizeof(*threads));
	worker_arg *args = calloc((size_t)jobs, sizeof(*args));
	p.spent = calloc((size_t)jobs, sizeof(*p.spent));
	if (!p.slots || !threads || !args || !p.spent)
		abort();
	for (int t = 0; t < jobs; t++) {
		/* a worker has at most `window` results out at once */
		p.spent[t].cap = p.window;
		p.spent[t].r = calloc(p.window, sizeof(*p.spent[t].r));
		if (!p.spent[t].r)
			abort();
		atomic_init(&p.spent[t].head, 0);
		atomic_init(&p.spent[t].tail, 0);
		args[t] = (worker_arg){ &p, (unsigned)t };
	}
	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.done_cv, NULL);
	pthread_cond_init(&p.space_cv, NULL);
	int started = 0;
	for (; started < jobs; started++)
		if (pthread_create(&threads[started], NULL, worker, &args[started]) != 0)
			break;
	if (started == 0) {
		cli_error("cannot start a thread");
		rc = CLI_FAIL;
	}
	size_t batch = p.window / 4;
	for (size_t i = 0; i < f.n && rc == CLI_OK; i++) {
		slot *s = &p.slots[i % p.window];
		if (!atomic_load(&s->done)) {
			/* sleep until a batch ahead is ready (then article i,
			 * if it is still not): a wake-up, and the switch away
			 * from a worker it costs, per batch, not per article */
			size_t ahead = i + batch < f.n ? i + batch : f.n - 1;
			slot *sa = &p.slots[ahead % p.window];
			pthread_mutex_lock(&p.mu);
			while (!atomic_load(&s->done)) {
				size_t w = atomic_load(&sa->done) ? i : ahead;
				atomic_store(&p.want, w);
				if (!atomic_load(&p.slots[w % p.window].done))
					pthread_cond_wait(&p.done_cv, &p.mu);
			}
			atomic_store(&p.want, SIZE_MAX);
			pthread_mutex_unlock(&p.mu);
		}
		slot taken = { .rc = s->rc, .err = s->err, .r = s->r, .worker = s->worker,
		               .notes = s->notes };
		s->r = NULL;
		atomic_store(&s->done, false);
		atomic_store(&p.consumed, i + 1);
		if (atomic_load(&p.idle)) {
			pthread_mutex_lock(&p.mu);
			pthread_cond_broadcast(&p.space_cv);
			pthread_mutex_unlock(&p.mu);
		}
		rc = deliver(&f, i, &taken, fn, user);
		if (taken.r)
			give_back(&p.spent[taken.worker], taken.r);
	}
	pthread_mutex_lock(&p.mu);
	atomic_store(&p.stop, true);
	pthread_cond_broadcast(&p.space_cv);
	pthread_mutex_unlock(&p.mu);
	for (int t = 0; t < started; t++)
		pthread_join(threads[t], NULL);
	/* results handed back after their worker ended, and made ahead of a failure */
	for (int t = 0; t < jobs; t++) {
		free_spent(&p.spent[t]);
		free(p.spent[t].r);
	}
	free(p.spent);
	free(args);
	for (size_t k = 0; k < p.window; k++)
		ctl_doc_result_free(p.slots[k].r);
	pthread_cond_destroy(&p.space_cv);
	pthread_cond_destroy(&p.done_cv);
	pthread_mutex_destroy(&p.mu);
	free(threads);
	free(p.slots);
	cli_progress(&f, f.n);
	cli_files_release(&f);
	return rc;
}
