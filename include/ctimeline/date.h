/*
 * Dates at day resolution and intervals of them.
 *
 * A day is counted in days since 1970-01-01 in the proleptic Gregorian
 * calendar (negative before). All date arithmetic in ctimeline goes through
 * this module; nothing uses the C library's local time.
 */
#ifndef CTIMELINE_DATE_H
#define CTIMELINE_DATE_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef int32_t ctl_day;
#define CTL_DAY_NONE INT32_MIN /* unknown / unbounded */

/* Days since 1970-01-01 for a valid y-m-d (no validation: see ctl_date_valid). */
ctl_day ctl_day_from_ymd(int y, int m, int d);
void ctl_day_to_ymd(ctl_day day, int *y, int *m, int *d);
/* 1 = Monday ... 7 = Sunday (ISO 8601). */
int ctl_day_weekday(ctl_day day);
int ctl_days_in_month(int y, int m);
bool ctl_date_valid(int y, int m, int d);
/* ISO 8601 week: writes the ISO year and week number of `day`. */
void ctl_day_iso_week(ctl_day day, int *iso_year, int *week);

/* Writes "YYYY-MM-DD" (11 bytes with the NUL); "" for CTL_DAY_NONE. */
void ctl_day_format(ctl_day day, char out[11]);
/* Parses exactly "YYYY-MM-DD" (len bytes); 0 on success, CTL_EDATA otherwise. */
int ctl_day_parse(const char *s, size_t len, ctl_day *out);

typedef enum ctl_precision {
	CTL_PREC_DAY = 0,
	CTL_PREC_MONTH,
	CTL_PREC_YEAR,
	CTL_PREC_NONE /* only bounds are known */
} ctl_precision;

typedef enum ctl_certainty {
	CTL_CERT_STATED = 0, /* the text states the date */
	CTL_CERT_INFERRED,   /* resolved from the document date or another event */
	CTL_CERT_BOUNDED     /* only limits are known */
} ctl_certainty;

/*
 * A date interval [earliest, latest], both inclusive. Either bound may be
 * CTL_DAY_NONE when it is unknown (an open interval).
 */
typedef struct ctl_interval {
	ctl_day earliest;
	ctl_day latest;
	ctl_precision precision;
	ctl_certainty certainty;
} ctl_interval;

/* An interval with both bounds unknown. */
ctl_interval ctl_interval_unknown(void);
/* The interval of one day, a month or a year (precision set accordingly). */
ctl_interval ctl_interval_day(ctl_day d, ctl_certainty c);
ctl_interval ctl_interval_month(int y, int m, ctl_certainty c);
ctl_interval ctl_interval_year(int y, ctl_certainty c);

/*
 * Writes the interval's date at its precision: "2017", "2017-07",
 * "2017-07-12"; "" when precision is CTL_PREC_NONE. out must hold 11 bytes.
 */
void ctl_interval_format(const ctl_interval *iv, char out[11]);

const char *ctl_precision_name(ctl_precision p);   /* "day", "month", "year", "none" */
const char *ctl_certainty_name(ctl_certainty c);   /* "stated", "inferred", "bounded" */
/* Reverse of the above; 0 on success, CTL_EDATA for an unknown name. */
int ctl_precision_parse(const char *s, ctl_precision *out);
int ctl_certainty_parse(const char *s, ctl_certainty *out);

#ifdef __cplusplus
}
#endif
#endif
