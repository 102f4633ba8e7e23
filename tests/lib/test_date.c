#include "helpers.h"

static void test_round_trip(void **state)
{
	(void)state;
	/* every day from 1600 to 2400 survives ymd -> day -> ymd */
	ctl_day prev = ctl_day_from_ymd(1600, 1, 1) - 1;
	for (int y = 1600; y <= 2400; y++)
		for (int m = 1; m <= 12; m++)
			for (int d = 1; d <= ctl_days_in_month(y, m); d++) {
				ctl_day day = ctl_day_from_ymd(y, m, d);
				int yy, mm, dd;
				assert_int_equal(day, prev + 1);
				ctl_day_to_ymd(day, &yy, &mm, &dd);
				assert_int_equal(yy, y);
				assert_int_equal(mm, m);
				assert_int_equal(dd, d);
				prev = day;
			}
}

static void test_known_days(void **state)
{
	(void)state;
	assert_int_equal(ctl_day_from_ymd(1970, 1, 1), 0);
	assert_int_equal(ctl_day_from_ymd(2000, 3, 1), 11017);
	/* 2017-07-07 was a Friday, 2016-11-08 a Tuesday */
	assert_int_equal(ctl_day_weekday(ctl_day_from_ymd(2017, 7, 7)), 5);
	assert_int_equal(ctl_day_weekday(ctl_day_from_ymd(2016, 11, 8)), 2);
	assert_int_equal(ctl_day_weekday(ctl_day_from_ymd(1969, 12, 28)), 7);
	assert_int_equal(ctl_days_in_month(2016, 2), 29);
	assert_int_equal(ctl_days_in_month(1900, 2), 28);
	assert_int_equal(ctl_days_in_month(2000, 2), 29);
	int iy, w;
	ctl_day_iso_week(ctl_day_from_ymd(2017, 7, 12), &iy, &w);
	assert_int_equal(iy, 2017);
	assert_int_equal(w, 28);
	ctl_day_iso_week(ctl_day_from_ymd(2021, 1, 1), &iy, &w);
	assert_int_equal(iy, 2020);
	assert_int_equal(w, 53);
}

static void test_parse_format(void **state)
{
	(void)state;
	ctl_day d;
	char buf[11];
	assert_int_equal(ctl_day_parse("2017-07-12", 10, &d), 0);
	ctl_day_format(d, buf);
	assert_string_equal(buf, "2017-07-12");
	assert_int_not_equal(ctl_day_parse("2017-02-29", 10, &d), 0);
	assert_int_not_equal(ctl_day_parse("2017-7-12", 9, &d), 0);
	assert_int_not_equal(ctl_day_parse("2017/07/12", 10, &d), 0);
	assert_int_not_equal(ctl_day_parse("20x7-07-12", 10, &d), 0);
	ctl_day_format(CTL_DAY_NONE, buf);
	assert_string_equal(buf, "");
}

static void test_intervals(void **state)
{
	(void)state;
	char buf[11];
	ctl_interval m = ctl_interval_month(2016, 2, CTL_CERT_STATED);
	ctl_interval_format(&m, buf);
	assert_string_equal(buf, "2016-02");
	ctl_day_format(m.latest, buf);
	assert_string_equal(buf, "2016-02-29");
	ctl_interval y = ctl_interval_year(2017, CTL_CERT_INFERRED);
	ctl_interval_format(&y, buf);
	assert_string_equal(buf, "2017");
	assert_int_equal(y.latest - y.earliest, 364);
	ctl_interval u = ctl_interval_unknown();
	ctl_interval_format(&u, buf);
	assert_string_equal(buf, "");
	ctl_precision p;
	ctl_certainty c;
	assert_int_equal(ctl_precision_parse("month", &p), 0);
	assert_int_equal(p, CTL_PREC_MONTH);
	assert_int_equal(ctl_certainty_parse("bounded", &c), 0);
	assert_int_equal(c, CTL_CERT_BOUNDED);
	assert_int_not_equal(ctl_certainty_parse("sure", &c), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_known_days),
		cmocka_unit_test(test_parse_format),
		cmocka_unit_test(test_intervals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
