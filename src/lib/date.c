/*
 * Day arithmetic in days since 1970-01-01, proleptic Gregorian calendar.
 * The conversions are Howard Hinnant's "days_from_civil" / "civil_from_days"
 * algorithms (public domain, http://howardhinnant.github.io/date_algorithms.html).
 */
#include <stdio.h>
#include <string.h>
#include "ctimeline/date.h"
#include "util.h"

ctl_day ctl_day_from_ymd(int y, int m, int d)
{
	y -= m <= 2;
	const int era = (y >= 0 ? y : y - 399) / 400;
	const int yoe = y - era * 400;
	const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (ctl_day)(era * 146097 + doe - 719468);
}

void ctl_day_to_ymd(ctl_day day, int *y, int *m, int *d)
{
	int z = day + 719468;
	const int era = (z >= 0 ? z : z - 146096) / 146097;
	const int doe = z - era * 146097;
	const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	const int mp = (5 * doy + 2) / 153;
	const int dd = doy - (153 * mp + 2) / 5 + 1;
	const int mm = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (mm <= 2);
	*m = mm;
	*d = dd;
}

int ctl_day_weekday(ctl_day day)
{
	/* 1970-01-01 was a Thursday (4). */
	int w = (int)(((int64_t)day % 7 + 7 + 3) % 7);
	return w + 1;
}

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int ctl_days_in_month(int y, int m)
{
	static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m < 1 || m > 12)
		return 0;
	return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

bool ctl_date_valid(int y, int m, int d)
{
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= ctl_days_in_month(y, m);
}

void ctl_day_iso_week(ctl_day day, int *iso_year, int *week)
{
	/* The ISO week's Thursday decides its year. */
	ctl_day thursday = day - (ctl_day_weekday(day) - 4);
	int y, m, d;
	ctl_day_to_ymd(thursday, &y, &m, &d);
	*iso_year = y;
	*week = (int)((thursday - ctl_day_from_ymd(y, 1, 1)) / 7 + 1);
}

/* n digits of v (zero-padded) at out; printf costs more than the rest of
 * writing a date, and the JSON and CSV writers write millions of them */
static void put_digits(char *out, int v, int n)
{
	for (int i = n - 1; i >= 0; i--) {
		out[i] = (char)('0' + v % 10);
		v /= 10;
	}
}

/* "YYYY", "YYYY-MM" or "YYYY-MM-DD" (parts 1-3), NUL-terminated */
static void format_ymd(char out[11], int y, int m, int d, int parts)
{
	put_digits(out, y, 4);
	out[4] = '\0';
	if (parts < 2)
		return;
	out[4] = '-';
	put_digits(out + 5, m, 2);
	out[7] = '\0';
	if (parts < 3)
		return;
	out[7] = '-';
	put_digits(out + 8, d, 2);
	out[10] = '\0';
}

void ctl_day_format(ctl_day day, char out[11])
{
	if (day == CTL_DAY_NONE) {
		out[0] = '\0';
		return;
	}
	int y, m, d;
	ctl_day_to_ymd(day, &y, &m, &d);
	if (y < 0 || y > 9999) {
		out[0] = '\0';
		return;
	}
	format_ymd(out, y, m, d, 3);
}

int ctl_day_parse(const char *s, size_t len, ctl_day *out)
{
	if (len != 10 || s[4] != '-' || s[7] != '-')
		return CTL_EDATA;
	int y = ctl_digits(s, 4), m = ctl_digits(s + 5, 2), d = ctl_digits(s + 8, 2);
	if (y < 0 || m < 0 || d < 0 || !ctl_date_valid(y, m, d))
		return CTL_EDATA;
	*out = ctl_day_from_ymd(y, m, d);
	return 0;
}

ctl_interval ctl_interval_unknown(void)
{
	ctl_interval iv = { CTL_DAY_NONE, CTL_DAY_NONE, CTL_PREC_NONE, CTL_CERT_BOUNDED };
	return iv;
}

ctl_interval ctl_interval_day(ctl_day d, ctl_certainty c)
{
	ctl_interval iv = { d, d, CTL_PREC_DAY, c };
	return iv;
}

ctl_interval ctl_interval_month(int y, int m, ctl_certainty c)
{
	ctl_interval iv = { ctl_day_from_ymd(y, m, 1),
		ctl_day_from_ymd(y, m, ctl_days_in_month(y, m)), CTL_PREC_MONTH, c };
	return iv;
}

ctl_interval ctl_interval_year(int y, ctl_certainty c)
{
	ctl_interval iv = { ctl_day_from_ymd(y, 1, 1), ctl_day_from_ymd(y, 12, 31), CTL_PREC_YEAR, c };
	return iv;
}

void ctl_interval_format(const ctl_interval *iv, char out[11])
{
	int y, m, d;
	out[0] = '\0';
	if (iv->earliest == CTL_DAY_NONE)
		return;
	ctl_day_to_ymd(iv->earliest, &y, &m, &d);
	if (y < 0 || y > 9999)
		return;
	switch (iv->precision) {
	case CTL_PREC_DAY: format_ymd(out, y, m, d, 3); break;
	case CTL_PREC_MONTH: format_ymd(out, y, m, d, 2); break;
	case CTL_PREC_YEAR: format_ymd(out, y, m, d, 1); break;
	default: break;
	}
}

static const char *const precision_names[] = { "day", "month", "year", "none" };
static const char *const certainty_names[] = { "stated", "inferred", "bounded" };

const char *ctl_precision_name(ctl_precision p)
{
	return (unsigned)p < 4 ? precision_names[p] : "none";
}

const char *ctl_certainty_name(ctl_certainty c)
{
	return (unsigned)c < 3 ? certainty_names[c] : "bounded";
}

int ctl_precision_parse(const char *s, ctl_precision *out)
{
	for (int i = 0; i < 4; i++)
		if (!strcmp(s, precision_names[i])) {
			*out = (ctl_precision)i;
			return 0;
		}
	return CTL_EDATA;
}

int ctl_certainty_parse(const char *s, ctl_certainty *out)
{
	for (int i = 0; i < 3; i++)
		if (!strcmp(s, certainty_names[i])) {
			*out = (ctl_certainty)i;
			return 0;
		}
	return CTL_EDATA;
}
