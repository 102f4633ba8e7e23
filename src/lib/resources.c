#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include <sys/random.h>
#include <sys/stat.h>
#include "resources.h"
#include "events.h"
#include "util.h"

/* A number for one load (ctl_resources.id): random, so that no load in
 * this process is likely ever to share it with another (2^-64 a pair),
 * without a counter shared by every thread. Should the kernel have no
 * randomness yet, the time and the address: two loads alive at once have
 * different addresses, and one at a freed load's address comes later. */
static uint64_t load_identity(const void *addr)
{
	uint64_t id = 0;
	if (getrandom(&id, sizeof(id), GRND_NONBLOCK) != (ssize_t)sizeof(id)) {
		struct timespec ts;
		clock_gettime(CLOCK_MONOTONIC, &ts);
		id = ((uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec) * 0x9e3779b97f4a7c15u;
		id ^= (uint64_t)(uintptr_t)addr;
	}
	return id ? id : 1;
}

int ctl_resources_new(ctl_resources **out, const char *data_dir, ctl_error *err)
{
	if (!data_dir || !*data_dir)
		data_dir = getenv("CTIMELINE_DATA_DIR");
	if (!data_dir || !*data_dir)
		data_dir = CTL_DEFAULT_DATA_DIR;
	struct stat st;
	if (stat(data_dir, &st) != 0 || !S_ISDIR(st.st_mode))
		return ctl_error_set(err, CTL_ENOTFOUND,
			"%s: data directory not found (set CTIMELINE_DATA_DIR or --data-dir)", data_dir);
	ctl_resources *res = ctl_xcalloc(1, sizeof(*res));
	res->id = load_identity(res);
	res->dir = ctl_xstrdup(data_dir);
	int rc;
	if ((rc = ctl_clean_data_load(&res->clean, data_dir, err)) ||
	    (rc = ctl_segment_data_load(&res->segment, data_dir, err)) ||
	    (rc = ctl_timex_data_load(&res->timex, data_dir, err)) ||
	    (rc = ctl_dct_data_load(&res->dct, data_dir, err)) ||
	    (rc = ctl_actors_data_load(&res->actors, data_dir, err)) ||
	    (rc = ctl_events_data_load(&res->events, data_dir, err))) {
		ctl_resources_free(res);
		return rc;
	}
	*out = res;
	return 0;
}

void ctl_resources_free(ctl_resources *res)
{
	if (!res)
		return;
	ctl_events_data_free(res->events);
	ctl_actors_data_free(res->actors);
	ctl_dct_data_free(res->dct);
	ctl_timex_data_free(res->timex);
	ctl_segment_data_free(res->segment);
	ctl_clean_data_free(res->clean);
	free(res->dir);
	free(res);
}

const char *ctl_resources_dir(const ctl_resources *res)
{
	return res->dir;
}

int ctl_resources_add_gazetteer(ctl_resources *res, const char *path, ctl_error *err)
{
	return ctl_events_add_gazetteer(res, path, err);
}
