/*
 * The loaded knowledge (internal layout of ctl_resources). Each stage owns
 * its part: it loads it in ctl_<stage>_data_load and frees it in
 * ctl_<stage>_data_free; ctl_resources_new calls them in pipeline order.
 */
#ifndef CTL_RESOURCES_INTERNAL_H
#define CTL_RESOURCES_INTERNAL_H

#include <stdint.h>
#include "ctimeline/resources.h"

struct ctl_clean_data;
struct ctl_segment_data;
struct ctl_timex_data;
struct ctl_dct_data;
struct ctl_actors_data;
struct ctl_events_data;

struct ctl_resources {
	/* This load's identity, never 0: caches kept across documents
	 * (ctl_workspace) compare it, not the address, which a later load
	 * may reuse once this one is freed. */
	uint64_t id;
	char *dir;
	struct ctl_clean_data *clean;     /* clean.c */
	struct ctl_segment_data *segment; /* segment.c */
	struct ctl_timex_data *timex;     /* timex.c */
	struct ctl_dct_data *dct;         /* dct.c */
	struct ctl_actors_data *actors;   /* actors.c */
	struct ctl_events_data *events;   /* events.c */
};

int ctl_clean_data_load(struct ctl_clean_data **out, const char *dir, ctl_error *err);
void ctl_clean_data_free(struct ctl_clean_data *d);
int ctl_segment_data_load(struct ctl_segment_data **out, const char *dir, ctl_error *err);
void ctl_segment_data_free(struct ctl_segment_data *d);
int ctl_timex_data_load(struct ctl_timex_data **out, const char *dir, ctl_error *err);
void ctl_timex_data_free(struct ctl_timex_data *d);
int ctl_dct_data_load(struct ctl_dct_data **out, const char *dir, ctl_error *err);
void ctl_dct_data_free(struct ctl_dct_data *d);
int ctl_actors_data_load(struct ctl_actors_data **out, const char *dir, ctl_error *err);
void ctl_actors_data_free(struct ctl_actors_data *d);
int ctl_events_data_load(struct ctl_events_data **out, const char *dir, ctl_error *err);
void ctl_events_data_free(struct ctl_events_data *d);

#endif
