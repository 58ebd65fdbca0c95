/* Dates in Chinese, Dari and Pashto, Eastern Arabic-Indic digits and the Solar Hijri
 * calendar, checked against days of Afghan history whose Solar Hijri dates are well known. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

#include "core/date_lang.h"

static void expect_sh(int y, int m, int d, int sy, int sm, int sd)
{
    int a, b, c;
    wk_gregorian_to_solar_hijri(y, m, d, &a, &b, &c);
    if (a != sy || b != sm || c != sd)
        fail_msg("%04d-%02d-%02d: expected %d/%d/%d, got %d/%d/%d", y, m, d, sy, sm, sd, a, b, c);
    /* And back. */
    wk_solar_hijri_to_gregorian(sy, sm, sd, &a, &b, &c);
    if (a != y || b != m || c != d)
        fail_msg("%d/%d/%d back: expected %04d-%02d-%02d, got %04d-%02d-%02d", sy, sm, sd, y, m, d,
                 a, b, c);
}

static void solar_hijri_should_match_known_days(void **state)
{
    (void)state;
    expect_sh(1978, 4, 27, 1357, 2, 7);   /* the April 1978 coup: 7 Sawr 1357 */
    expect_sh(1979, 12, 27, 1358, 10, 6); /* the Soviet invasion: 6 Jadi 1358 */
    expect_sh(1989, 2, 15, 1367, 11, 26); /* the Soviet withdrawal: 26 Dalw 1367 */
    expect_sh(1973, 7, 17, 1352, 4, 26);  /* Daud's coup: 26 Saratan 1352 */
    expect_sh(1992, 4, 28, 1371, 2, 8);   /* 8 Sawr 1371 */
    expect_sh(2021, 8, 15, 1400, 5, 24);  /* Kabul taken: 24 Asad 1400 */
    expect_sh(1955, 1, 20, 1333, 10, 30);
    expect_sh(622, 3, 21, 1, 1, 1); /* the epoch */
}

static void nowruz_should_fall_on_the_right_day(void **state)
{
    (void)state;
    /* The last day of a year and Nowruz after it. */
    expect_sh(2020, 3, 19, 1398, 12, 29);
    expect_sh(2020, 3, 20, 1399, 1, 1);
    expect_sh(2021, 3, 20, 1399, 12, 30); /* 1399 is leap: Hut has 30 days */
    expect_sh(2021, 3, 21, 1400, 1, 1);
    expect_sh(2023, 3, 20, 1401, 12, 29);
    expect_sh(2023, 3, 21, 1402, 1, 1);
    expect_sh(2024, 3, 19, 1402, 12, 29);
    expect_sh(2024, 3, 20, 1403, 1, 1);
    expect_sh(2025, 3, 20, 1403, 12, 30); /* 1403 is leap */
    expect_sh(2025, 3, 21, 1404, 1, 1);
    expect_sh(2026, 3, 20, 1404, 12, 29);
    expect_sh(2026, 3, 21, 1405, 1, 1);
    /* Month boundaries: 31-day months end with Sunbula, 30-day ones begin with Mizan. */
    expect_sh(2024, 9, 21, 1403, 6, 31);
    expect_sh(2024, 9, 22, 1403, 7, 1);
}

static void leap_years_should_follow_the_cycle(void **state)
{
    (void)state;
    const int leap[] = {1370, 1375, 1379, 1383, 1387, 1391, 1395, 1399, 1403, 1408};
    for (int y = 1370; y <= 1408; y++) {
        bool expected = false;
        for (size_t i = 0; i < sizeof leap / sizeof *leap; i++)
            expected |= leap[i] == y;
        if (wk_solar_hijri_leap(y) != expected)
            fail_msg("%d: leap should be %d", y, expected);
    }
    /* Eight leap years in every 33, also before the epoch. */
    for (int start = -100; start < 1500; start += 97) {
        int n = 0;
        for (int y = start; y < start + 33; y++)
            n += wk_solar_hijri_leap(y);
        assert_int_equal(n, 8);
    }
    /* Every day from 1900 to 2100 converts there and back, days run on without gaps. */
    int py = 0, pm = 0, pd = 0;
    for (int y = 1900; y <= 2100; y++) {
        for (int m = 1; m <= 12; m++) {
            static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
            int n = mdays[m - 1] + (m == 2 && (y % 4 == 0 && (y % 100 || y % 400 == 0)));
            for (int d = 1; d <= n; d++) {
                int sy, sm, sd, gy, gm, gd;
                wk_gregorian_to_solar_hijri(y, m, d, &sy, &sm, &sd);
                wk_solar_hijri_to_gregorian(sy, sm, sd, &gy, &gm, &gd);
                assert_true(gy == y && gm == m && gd == d);
                if (py) {
                    bool next_day = sy == py && sm == pm && sd == pd + 1;
                    bool next_month =
                        sy == py && sm == pm + 1 && sd == 1 && pd == (pm <= 6 ? 31 : 30);
                    bool next_year = sy == py + 1 && sm == 1 && sd == 1 && pm == 12 &&
                                     pd == (wk_solar_hijri_leap(py) ? 30 : 29);
                    assert_true(next_day || next_month || next_year);
                }
                py = sy, pm = sm, pd = sd;
            }
        }
    }
}

static void digits_should_become_eastern_arabic(void **state)
{
    (void)state;
    char buf[64];
    assert_string_equal(wk_digits_localize("1403 (2024)", WK_LANG_FA, buf, sizeof buf),
                        "۱۴۰۳ (۲۰۲۴)");
    assert_string_equal(wk_digits_localize("0123456789", WK_LANG_PS, buf, sizeof buf),
                        "۰۱۲۳۴۵۶۷۸۹");
    assert_string_equal(wk_digits_localize("659年", WK_LANG_ZH, buf, sizeof buf), "659年");
    /* A short buffer never holds half a character. */
    assert_string_equal(wk_digits_localize("12345", WK_LANG_FA, buf, 6), "۱۲");
    assert_string_equal(wk_digits_localize("年年", WK_LANG_ZH, buf, 6), "年");
}

static WkSpan span(const char *text)
{
    WkSpan s;
    assert_true(wk_span_parse(text, &s));
    return s;
}

static void expect_format(const char *iso, WkLang lang, const char *expected)
{
    char buf[256];
    WkSpan s = span(iso);
    wk_span_format_in(&s, lang, buf, sizeof buf);
    if (strcmp(buf, expected))
        fail_msg("%s in %s: expected \"%s\", got \"%s\"", iso, wk_lang_code(lang), expected, buf);
}

static void chinese_dates_should_read_as_chinese(void **state)
{
    (void)state;
    expect_format("-0103", WK_LANG_ZH, "公元前104年");
    expect_format("0659", WK_LANG_ZH, "659年");
    expect_format("1955-01-20", WK_LANG_ZH, "1955年1月20日");
    expect_format("2016-09", WK_LANG_ZH, "2016年9月");
    expect_format("0659~", WK_LANG_ZH, "约659年");
    expect_format("1764?", WK_LANG_ZH, "1764年？");
    expect_format("0424/0428", WK_LANG_ZH, "424—428年");
    expect_format("-0103/-0100", WK_LANG_ZH, "公元前104—前101年");
    expect_format("-0205/0220", WK_LANG_ZH, "公元前206—公元220年");
    expect_format("0401/0500", WK_LANG_ZH, "5世纪");
    expect_format("-0199/-0100", WK_LANG_ZH, "公元前2世纪");
    expect_format("0399~/0412~", WK_LANG_ZH, "约399年—约412年");
    char buf[32];
    assert_string_equal(wk_time_format_year_in(-102.5, WK_LANG_ZH, buf, sizeof buf), "公元前104年");
}

static void dari_and_pashto_dates_should_carry_the_solar_hijri_year(void **state)
{
    (void)state;
    expect_format("2024", WK_LANG_FA, "۲۰۲۴ م (۱۴۰۳ ه\u200d.ش)");
    expect_format("2024", WK_LANG_PS, "۲۰۲۴ ز (۱۴۰۳ ل)");
    expect_format("1955-01-20", WK_LANG_FA, "۲۰ جنوری ۱۹۵۵ م (۳۰ جدی ۱۳۳۳ ه\u200d.ش)");
    expect_format("1979-12-27", WK_LANG_PS, "۲۷ دسمبر ۱۹۷۹ ز (۶ مرغومی ۱۳۵۸ ل)");
    /* Nowruz falls inside March: both years. */
    expect_format("2024-03", WK_LANG_FA, "مارچ ۲۰۲۴ م (۱۴۰۲–۱۴۰۳ ه\u200d.ش)");
    expect_format("2016-09", WK_LANG_FA, "سپتمبر ۲۰۱۶ م (۱۳۹۵ ه\u200d.ش)");
    /* Before the calendar's epoch: Gregorian alone. */
    expect_format("-0103", WK_LANG_FA, "۱۰۴ ق.م");
    expect_format("0424/0428", WK_LANG_FA, "۴۲۴–۴۲۸");
    expect_format("0659~", WK_LANG_FA, "حدود ۶۵۹ م (۳۸ ه\u200d.ش)");
    expect_format("0659~", WK_LANG_PS, "شاوخوا ۶۵۹ ز (۳۸ ل)");
    expect_format("1838/1842", WK_LANG_FA, "۱۸۳۸–۱۸۴۲ م (۱۲۱۷–۱۲۲۱ ه\u200d.ش)");
    expect_format("0401/0500", WK_LANG_FA, "قرن ۵");
    expect_format("-0199/-0100", WK_LANG_PS, "۲مه پېړۍ ق.م");
    expect_format("1764?", WK_LANG_FA, "۱۷۶۴ م (۱۱۴۳ ه\u200d.ش)؟");
    char buf[32];
    assert_string_equal(wk_time_format_year_in(2024.5, WK_LANG_FA, buf, sizeof buf), "۲۰۲۴");
    assert_string_equal(wk_time_format_year_in(-102.5, WK_LANG_PS, buf, sizeof buf), "۱۰۴ ق.م");
    /* English stays date.c's form. */
    expect_format("0401/0500", WK_LANG_EN, "5th century");
    expect_format("0659~", WK_LANG_EN, "c. 659");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(solar_hijri_should_match_known_days),
        cmocka_unit_test(nowruz_should_fall_on_the_right_day),
        cmocka_unit_test(leap_years_should_follow_the_cycle),
        cmocka_unit_test(digits_should_become_eastern_arabic),
        cmocka_unit_test(chinese_dates_should_read_as_chinese),
        cmocka_unit_test(dari_and_pashto_dates_should_carry_the_solar_hijri_year),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
