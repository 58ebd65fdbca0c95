/* Dates: parsing, ordering, readers' formatting and the year-zero edge. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "core/date.h"

static char *fmt(const char *iso)
{
    static char buf[96];
    WkSpan s;
    assert_true(wk_span_parse(iso, &s));
    return wk_span_format(&s, buf, sizeof buf);
}

static void parse_should_read_years_months_and_days(void **state)
{
    (void)state;
    WkDate d;
    assert_true(wk_date_parse("0659", &d));
    assert_int_equal(d.year, 659);
    assert_int_equal(d.precision, WK_PREC_YEAR);
    assert_true(wk_date_parse("2016-09", &d));
    assert_int_equal(d.month, 9);
    assert_int_equal(d.precision, WK_PREC_MONTH);
    assert_true(wk_date_parse("1955-01-20", &d));
    assert_int_equal(d.day, 20);
    assert_int_equal(d.precision, WK_PREC_DAY);
    assert_true(wk_date_parse("-0103", &d));
    assert_int_equal(d.year, -103);
}

static void parse_should_read_uncertainty_markers(void **state)
{
    (void)state;
    WkDate d;
    assert_true(wk_date_parse("0659~", &d));
    assert_int_equal(d.flags, WK_DATE_APPROX);
    assert_true(wk_date_parse("1764?", &d));
    assert_int_equal(d.flags, WK_DATE_UNCERTAIN);
    assert_true(wk_date_parse("1764%", &d));
    assert_int_equal(d.flags, WK_DATE_APPROX | WK_DATE_UNCERTAIN);
}

static void parse_should_reject_malformed_dates(void **state)
{
    (void)state;
    WkDate d;
    const char *bad[] = {"",           "659",        "19555",         "1955-13", "1955-00",
                         "1955-02-30", "2015-02-29", "1955-1-20",     "abcd",    "0659 ",
                         "-0000",      "+",          "1955-01-20T10", "0659~x",  "1955--01"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        if (wk_date_parse(bad[i], &d))
            fail_msg("\"%s\" was accepted", bad[i]);
    }
    assert_false(wk_date_parse(NULL, &d));
}

static void parse_should_accept_leap_days_in_leap_years_only(void **state)
{
    (void)state;
    WkDate d;
    assert_true(wk_date_parse("2016-02-29", &d));
    assert_true(wk_date_parse("2000-02-29", &d));
    assert_false(wk_date_parse("1900-02-29", &d));
}

static void year_zero_should_read_as_1_bc(void **state)
{
    (void)state;
    char buf[32];
    WkDate d;
    assert_true(wk_date_parse("0000", &d));
    assert_string_equal(wk_date_format(&d, buf, sizeof buf), "1 BC");
    assert_true(wk_date_parse("-0001", &d));
    assert_string_equal(wk_date_format(&d, buf, sizeof buf), "2 BC");
    assert_true(wk_date_parse("0001", &d));
    assert_string_equal(wk_date_format(&d, buf, sizeof buf), "1");
    /* 1 BC and 1 AD are consecutive years: no year 0 between them on the time line. */
    WkDate bc, ad;
    wk_date_parse("0000", &bc);
    wk_date_parse("0001", &ad);
    assert_true(fabs(wk_date_end_time(&bc) - wk_date_time(&ad)) < 1e-9);
}

static void format_should_write_readers_dates(void **state)
{
    (void)state;
    assert_string_equal(fmt("-0103"), "104 BC");
    assert_string_equal(fmt("0659"), "659");
    assert_string_equal(fmt("1955-01-20"), "20 January 1955");
    assert_string_equal(fmt("2016-09"), "September 2016");
    assert_string_equal(fmt("0659~"), "c. 659");
    assert_string_equal(fmt("1764?"), "1764?");
}

static void format_should_write_intervals_and_centuries(void **state)
{
    (void)state;
    assert_string_equal(fmt("0424/0428"), "424\u2013428");
    assert_string_equal(fmt("-0103/-0100"), "104\u2013101 BC");
    assert_string_equal(fmt("0401/0500"), "5th century");
    assert_string_equal(fmt("-0199/-0100"), "2nd century BC");
    assert_string_equal(fmt("1001/1100"), "11th century");
    assert_string_equal(fmt("1769-08/1769-12"), "August 1769\u2013December 1769");
}

static void span_should_reject_end_before_start(void **state)
{
    (void)state;
    WkSpan s;
    assert_false(wk_span_parse("0428/0424", &s));
    assert_false(wk_span_parse("0424/", &s));
    assert_false(wk_span_parse("0424/0428/0430", &s));
    assert_true(wk_span_parse("0424/0424", &s)); /* one year, written as an interval */
}

static void times_should_order_dates(void **state)
{
    (void)state;
    const char *ordered[] = {"-0206",      "-0103",      "0000",    "0001",    "0659", "1955-01",
                             "1955-01-20", "1955-01-21", "1955-02", "2016-09", "2026"};
    for (size_t i = 1; i < sizeof ordered / sizeof *ordered; i++) {
        WkDate a, b;
        assert_true(wk_date_parse(ordered[i - 1], &a));
        assert_true(wk_date_parse(ordered[i], &b));
        if (wk_date_compare(&a, &b) >= 0)
            fail_msg("%s should come before %s", ordered[i - 1], ordered[i]);
    }
}

static void span_end_should_follow_precision(void **state)
{
    (void)state;
    WkSpan s;
    assert_true(wk_span_parse("2016-12", &s));
    assert_true(fabs(wk_span_end(&s) - 2017.0) < 1e-9);
    assert_true(wk_span_parse("0424/0428", &s));
    assert_true(fabs(wk_span_start(&s) - 424.0) < 1e-9);
    assert_true(fabs(wk_span_end(&s) - 429.0) < 1e-9);
}

static void time_should_round_trip_to_calendar_days(void **state)
{
    (void)state;
    int y, m, d;
    wk_time_to_ymd(wk_time_from_ymd(1955, 1, 20), &y, &m, &d);
    assert_int_equal(y, 1955);
    assert_int_equal(m, 1);
    assert_int_equal(d, 20);
    wk_time_to_ymd(wk_time_from_ymd(-103, 12, 31), &y, &m, &d);
    assert_int_equal(y, -103);
    assert_int_equal(m, 12);
    assert_int_equal(d, 31);
    char buf[32];
    assert_string_equal(wk_time_format_year(-102.6, buf, sizeof buf), "104 BC");
    assert_string_equal(wk_time_format_year(-0.5, buf, sizeof buf), "2 BC");
    assert_string_equal(wk_time_format_year(0.5, buf, sizeof buf), "1 BC");
    assert_string_equal(wk_time_format_year(1.5, buf, sizeof buf), "1");
}

static void iso_should_round_trip(void **state)
{
    (void)state;
    const char *forms[] = {"-0103", "0659~", "2016-09", "1955-01-20", "0424/0428", "1764?"};
    for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
        WkSpan s;
        char buf[64];
        assert_true(wk_span_parse(forms[i], &s));
        assert_string_equal(wk_span_iso(&s, buf, sizeof buf), forms[i]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parse_should_read_years_months_and_days),
        cmocka_unit_test(parse_should_read_uncertainty_markers),
        cmocka_unit_test(parse_should_reject_malformed_dates),
        cmocka_unit_test(parse_should_accept_leap_days_in_leap_years_only),
        cmocka_unit_test(year_zero_should_read_as_1_bc),
        cmocka_unit_test(format_should_write_readers_dates),
        cmocka_unit_test(format_should_write_intervals_and_centuries),
        cmocka_unit_test(span_should_reject_end_before_start),
        cmocka_unit_test(times_should_order_dates),
        cmocka_unit_test(span_end_should_follow_precision),
        cmocka_unit_test(time_should_round_trip_to_calendar_days),
        cmocka_unit_test(iso_should_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
