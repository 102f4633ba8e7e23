/*
 * Calendar values of the time tagger: a date at some granularity (a day, an
 * ISO week, a month, a quarter, a season, a year, a decade ...), how to move
 * it by whole units, the days it covers, and its TIMEX3 form. Day arithmetic
 * goes through date.h.
 */
#include <stdio.h>
#include <string.h>
#include "timex_internal.h"

static int floor_div(int a, int b)
{
	return a >= 0 ? a / b : -((-a + b - 1) / b);
}

static int floor_mod(int a, int b)
{
	return a - floor_div(a, b) * b;
}

/* Monday of ISO week `w` of ISO year `y`. */
static ctl_day iso_week_monday(int y, int w)
{
	ctl_day jan4 = ctl_day_from_ymd(y, 1, 4);
	return jan4 - (ctl_day_weekday(jan4) - 1) + 7 * (w - 1);
}

tx_cal tx_cal_of_day(ctl_day day, int g)
{
	tx_cal c;
	memset(&c, 0, sizeof(c));
	int y, m, d;
	ctl_day_to_ymd(day, &y, &m, &d);
	c.g = (uint8_t)g;
	c.y = y;
	switch (g) {
	case G_DAY:
		c.m = m;
		c.d = d;
		break;
	case G_WEEK:
	case G_WEEKEND:
		ctl_day_iso_week(day, &c.y, &c.part);
		break;
	case G_MONTH:
		c.m = m;
		break;
	case G_QUARTER:
		c.part = (m - 1) / 3 + 1;
		break;
	case G_HALF:
		c.part = (m - 1) / 6 + 1;
		break;
	case G_SEASON:
		/* winter is written with the year it starts in */
		if (m <= 2) {
			c.y = y - 1;
			c.part = 4;
		} else {
			c.part = m == 12 ? 4 : (m - 3) / 3 + 1;
		}
		break;
	case G_DECADE:
		c.y = y - floor_mod(y, 10);
		break;
	case G_CENTURY:
		c.y = y - floor_mod(y, 100);
		break;
	case G_MILLENNIUM:
		c.y = y - floor_mod(y, 1000);
		break;
	default:
		break;
	}
	return c;
}

bool tx_cal_bounds(const tx_cal *c, ctl_day *first, ctl_day *last)
{
	if (c->y <= 0 || c->y > 9999 || c->fiscal)
		return false;
	int y = c->y;
	switch (c->g) {
	case G_DAY:
		if (!c->m || !c->d || !ctl_date_valid(y, c->m, c->d))
			return false;
		*first = *last = ctl_day_from_ymd(y, c->m, c->d);
		return true;
	case G_WEEK:
	case G_WEEKEND:
		if (c->part < 1 || c->part > 53)
			return false;
		*first = iso_week_monday(y, c->part);
		*last = *first + 6;
		if (c->g == G_WEEKEND)
			*first += 5;
		return true;
	case G_MONTH:
		if (c->m < 1 || c->m > 12)
			return false;
		*first = ctl_day_from_ymd(y, c->m, 1);
		*last = ctl_day_from_ymd(y, c->m, ctl_days_in_month(y, c->m));
		return true;
	case G_QUARTER:
	case G_HALF: {
		int len = c->g == G_QUARTER ? 3 : 6, n = c->g == G_QUARTER ? 4 : 2;
		if (c->part < 1 || c->part > n)
			return false;
		int m0 = (c->part - 1) * len + 1, m1 = m0 + len - 1;
		*first = ctl_day_from_ymd(y, m0, 1);
		*last = ctl_day_from_ymd(y, m1, ctl_days_in_month(y, m1));
		return true;
	}
	case G_SEASON: {
		if (c->part < 1 || c->part > 4)
			return false;
		int m0 = c->part * 3; /* SP 3, SU 6, FA 9, WI 12 */
		*first = ctl_day_from_ymd(y, m0, 1);
		if (c->part == 4)
			*last = ctl_day_from_ymd(y + 1, 2, ctl_days_in_month(y + 1, 2));
		else
			*last = ctl_day_from_ymd(y, m0 + 2, ctl_days_in_month(y, m0 + 2));
		return true;
	}
	case G_YEAR:
		*first = ctl_day_from_ymd(y, 1, 1);
		*last = ctl_day_from_ymd(y, 12, 31);
		return true;
	case G_DECADE:
	case G_CENTURY:
	case G_MILLENNIUM: {
		int span = c->g == G_DECADE ? 10 : c->g == G_CENTURY ? 100 : 1000;
		if (y + span - 1 > 9999)
			return false;
		*first = ctl_day_from_ymd(y, 1, 1);
		*last = ctl_day_from_ymd(y + span - 1, 12, 31);
		return true;
	}
	default:
		return false;
	}
}

tx_cal tx_cal_shift(const tx_cal *c, int n)
{
	tx_cal r = *c;
	ctl_day first, last;
	switch (c->g) {
	case G_DAY:
	case G_WEEK:
	case G_WEEKEND:
		if (!tx_cal_bounds(c, &first, &last))
			return r;
		return tx_cal_of_day(first + (c->g == G_DAY ? n : 7 * n), c->g);
	case G_MONTH: {
		int i = c->y * 12 + (c->m - 1) + n;
		r.y = floor_div(i, 12);
		r.m = floor_mod(i, 12) + 1;
		return r;
	}
	case G_QUARTER:
	case G_SEASON: {
		int i = c->y * 4 + (c->part - 1) + n;
		r.y = floor_div(i, 4);
		r.part = floor_mod(i, 4) + 1;
		return r;
	}
	case G_HALF: {
		int i = c->y * 2 + (c->part - 1) + n;
		r.y = floor_div(i, 2);
		r.part = floor_mod(i, 2) + 1;
		return r;
	}
	case G_YEAR:
		r.y += n;
		return r;
	case G_DECADE:
		r.y += 10 * n;
		return r;
	case G_CENTURY:
		r.y += 100 * n;
		return r;
	case G_MILLENNIUM:
		r.y += 1000 * n;
		return r;
	default:
		return r;
	}
}

static const char *const season_codes[] = { "XX", "SP", "SU", "FA", "WI" };

/* A small string builder for values (no snprintf on the hot path). */
typedef struct vbuf {
	char *p;
	size_t n, size;
} vbuf;

static void put_str(vbuf *b, const char *s)
{
	while (*s && b->n + 1 < b->size)
		b->p[b->n++] = *s++;
	b->p[b->n] = '\0';
}

/* v with at least `width` digits (zero-padded); "X" x width if v < 0. */
static void put_num(vbuf *b, int v, int width)
{
	char tmp[16];
	int k = 0;
	if (v < 0) {
		while (k < width && k < 15)
			tmp[k++] = 'X';
	} else {
		do {
			tmp[k++] = (char)('0' + v % 10);
			v /= 10;
		} while (v && k < 15);
		while (k < width && k < 15)
			tmp[k++] = '0';
	}
	while (k && b->n + 1 < b->size)
		b->p[b->n++] = tmp[--k];
	b->p[b->n] = '\0';
}

void tx_cal_format(const tx_cal *c, char *out, size_t size)
{
	vbuf b = { out, 0, size };
	out[0] = '\0';
	if (!size)
		return;
	bool known = c->y > 0 && c->y <= 9999;
	int y = known ? c->y : -1;
	switch (c->g) {
	case G_DAY:
		put_num(&b, y, 4);
		if (!c->m && !c->d && c->wd) {
			put_str(&b, "-WXX-");
			put_num(&b, c->wd, 1);
		} else {
			put_str(&b, "-");
			put_num(&b, c->m ? c->m : -1, 2);
			put_str(&b, "-");
			put_num(&b, c->d ? c->d : -1, 2);
		}
		break;
	case G_WEEK:
	case G_WEEKEND:
		put_num(&b, y, 4);
		put_str(&b, "-W");
		put_num(&b, c->part ? c->part : -1, 2);
		if (c->g == G_WEEKEND)
			put_str(&b, "-WE");
		break;
	case G_MONTH:
		put_num(&b, y, 4);
		put_str(&b, "-");
		put_num(&b, c->m ? c->m : -1, 2);
		break;
	case G_QUARTER:
	case G_HALF:
		put_num(&b, y, 4);
		put_str(&b, c->g == G_QUARTER ? "-Q" : "-H");
		put_num(&b, c->part ? c->part : -1, 1);
		break;
	case G_SEASON:
		put_num(&b, y, 4);
		put_str(&b, "-");
		put_str(&b, season_codes[c->part >= 0 && c->part <= 4 ? c->part : 0]);
		break;
	case G_YEAR:
		if (c->fiscal)
			put_str(&b, "FY");
		put_num(&b, y, 4);
		break;
	case G_DECADE:
		put_num(&b, known ? c->y / 10 : -1, 3);
		break;
	case G_CENTURY:
		put_num(&b, known ? c->y / 100 : -1, 2);
		break;
	case G_MILLENNIUM:
		put_num(&b, known ? c->y / 1000 : -1, 1);
		break;
	default:
		put_str(&b, "XXXX-XX-XX");
		break;
	}
}

void tx_time_format(char *out, size_t size, int hh, int mi, const char *pod)
{
	vbuf b = { out, strlen(out), size };
	if (b.n + 1 >= size)
		return;
	put_str(&b, "T");
	if (pod && *pod) {
		put_str(&b, pod);
	} else {
		put_num(&b, hh, 2);
		put_str(&b, ":");
		put_num(&b, mi, 2);
	}
}

int tx_unit_gran(int unit)
{
	switch (unit) {
	case U_SECOND:
	case U_MINUTE:
	case U_HOUR:
	case U_DAY:
		return G_DAY;
	case U_WEEK:
	case U_FORTNIGHT:
		return G_WEEK;
	case U_WEEKEND:
		return G_WEEKEND;
	case U_MONTH:
		return G_MONTH;
	case U_QUARTER:
		return G_QUARTER;
	case U_HALF:
		return G_HALF;
	case U_SEASON:
		return G_SEASON;
	case U_YEAR:
		return G_YEAR;
	case U_DECADE:
		return G_DECADE;
	case U_CENTURY:
		return G_CENTURY;
	case U_MILLENNIUM:
		return G_MILLENNIUM;
	default:
		return G_NONE;
	}
}

/* Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
static ctl_day easter(int y)
{
	int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
	int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
	int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
	int m = (a + 11 * h + 22 * l) / 451;
	int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
	return ctl_day_from_ymd(y, month, day);
}

ctl_day tx_holiday_day(const tx_holiday *h, int y)
{
	if (y < 1583 || y > 9999)
		return 0;
	switch (h->kind) {
	case H_FIXED:
		return ctl_date_valid(y, h->month, h->day) ? ctl_day_from_ymd(y, h->month, h->day) : 0;
	case H_NTH: {
		if (h->nth > 0) {
			ctl_day first = ctl_day_from_ymd(y, h->month, 1);
			int delta = (h->wday - ctl_day_weekday(first) + 7) % 7;
			ctl_day r = first + delta + 7 * (h->nth - 1);
			int yy, mm, dd;
			ctl_day_to_ymd(r, &yy, &mm, &dd);
			return mm == h->month ? r : 0;
		}
		ctl_day last = ctl_day_from_ymd(y, h->month, ctl_days_in_month(y, h->month));
		return last - (ctl_day_weekday(last) - h->wday + 7) % 7;
	}
	case H_EASTER:
		return easter(y) + h->offset;
	default:
		return 0;
	}
}

/* A number without a useless fraction: 2 -> "2", 1.5 -> "1.5". */
static void format_amount(double n, char *out, size_t size)
{
	long whole = (long)(n + 1e-9);
	if (n - (double)whole < 1e-6)
		snprintf(out, size, "%ld", whole);
	else {
		snprintf(out, size, "%.2f", n);
		size_t len = strlen(out);
		while (len && out[len - 1] == '0')
			out[--len] = '\0';
	}
}

void tx_duration_format(int unit, double n, char *out, size_t size)
{
	static const struct {
		const char *letter;
		double factor;
		bool time;
	} u[U_COUNT] = {
		[U_SECOND] = { "S", 1, true }, [U_MINUTE] = { "M", 1, true },
		[U_HOUR] = { "H", 1, true }, [U_DAY] = { "D", 1, false },
		[U_WEEK] = { "W", 1, false }, [U_WEEKEND] = { "WE", 1, false },
		[U_FORTNIGHT] = { "W", 2, false }, [U_MONTH] = { "M", 1, false },
		[U_QUARTER] = { "M", 3, false }, [U_HALF] = { "M", 6, false },
		[U_SEASON] = { "M", 3, false }, [U_YEAR] = { "Y", 1, false },
		[U_DECADE] = { "Y", 10, false }, [U_CENTURY] = { "Y", 100, false },
		[U_MILLENNIUM] = { "Y", 1000, false },
	};
	if (unit <= U_NONE || unit >= U_COUNT) {
		snprintf(out, size, "PXD");
		return;
	}
	char amount[32];
	if (n < 0)
		snprintf(amount, sizeof(amount), "X");
	else
		format_amount(n * u[unit].factor, amount, sizeof(amount));
	snprintf(out, size, "P%s%s%s", u[unit].time ? "T" : "", amount, u[unit].letter);
}
