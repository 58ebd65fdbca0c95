/* The visual order of mixed strings: runs of one level and one script, left to right. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "render/bidi.h"

/* The runs' texts in visual order, joined with '|'. */
static const char *visual_runs(const char *s, bool rtl, BidiCovers covers, char *buf,
                               size_t size)
{
    BidiRun runs[BIDI_MAX_RUNS];
    int n = bidi_runs(s, rtl, covers, NULL, runs, BIDI_MAX_RUNS);
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < n && used < size; i++)
        used += (size_t)snprintf(buf + used, size - used, "%s%.*s", i ? "|" : "", runs[i].len,
                                 s + runs[i].start);
    return buf;
}

static const char *visual(const char *s, bool rtl, char *buf, size_t size)
{
    return visual_runs(s, rtl, NULL, buf, size);
}

static const char *visual_with(const char *s, BidiCovers covers, char *buf, size_t size)
{
    return visual_runs(s, false, covers, buf, size);
}

static void a_latin_name_in_dari_should_stay_in_place(void **state)
{
    (void)state;
    char buf[256];
    /* "Kabul's name was Kao-fu" in Dari with the Latin name inside: the Dari before it is at
     * the right, the Dari after it at the left, the Latin name between them, left to right. */
    const char *s = "نام کابل Kao-fu بود";
    BidiRun runs[BIDI_MAX_RUNS];
    int n = bidi_runs(s, false, NULL, NULL, runs, BIDI_MAX_RUNS);
    assert_int_equal(n, 3);
    assert_string_equal(visual(s, false, buf, sizeof buf), " بود|Kao-fu|نام کابل ");
    assert_int_equal(runs[0].level, 1);
    assert_int_equal(runs[0].script, BIDI_ARABIC);
    assert_int_equal(runs[1].level, 2);
    assert_int_equal(runs[1].script, BIDI_LATIN);
    assert_int_equal(runs[2].level, 1);
}

static void a_year_inside_persian_should_read_left_to_right(void **state)
{
    (void)state;
    char buf[256];
    /* "in 2024 (1403)" with Eastern digits: the numbers are left to right inside the
     * right-to-left sentence, and the brackets pair up around the Solar Hijri year. */
    const char *s = "در ۲۰۲۴ (۱۴۰۳)";
    BidiRun runs[BIDI_MAX_RUNS];
    int n = bidi_runs(s, false, NULL, NULL, runs, BIDI_MAX_RUNS);
    assert_true(n >= 3);
    for (int i = 0; i < n; i++)
        assert_int_equal(runs[i].script, BIDI_ARABIC); /* one face for it all */
    /* Visual order: the bracketed year leftmost, then 2024, then "در" at the right (runs hold
     * their logical text; HarfBuzz mirrors the brackets of right-to-left runs). */
    assert_string_equal(visual(s, false, buf, sizeof buf), ")|۱۴۰۳| (|۲۰۲۴|در ");
}

static void chinese_with_latin_should_change_face_not_direction(void **state)
{
    (void)state;
    char buf[256];
    const char *s = "喀布尔 Kabul 659年";
    BidiRun runs[BIDI_MAX_RUNS];
    int n = bidi_runs(s, false, NULL, NULL, runs, BIDI_MAX_RUNS);
    assert_string_equal(visual(s, false, buf, sizeof buf), "喀布尔 |Kabul 659|年");
    for (int i = 0; i < n; i++)
        assert_int_equal(runs[i].level, 0);
    assert_int_equal(runs[0].script, BIDI_CJK);
    assert_int_equal(runs[1].script, BIDI_LATIN);
    assert_int_equal(runs[2].script, BIDI_CJK);
}

static void plain_strings_should_be_one_run(void **state)
{
    (void)state;
    BidiRun runs[BIDI_MAX_RUNS];
    assert_int_equal(bidi_runs("Tang protectorate (659)", false, NULL, NULL, runs, BIDI_MAX_RUNS),
                     1);
    assert_int_equal(runs[0].level, 0);
    assert_int_equal(bidi_runs("کابل", false, NULL, NULL, runs, BIDI_MAX_RUNS), 1);
    assert_int_equal(runs[0].level, 1);
    assert_int_equal(bidi_runs("", false, NULL, NULL, runs, BIDI_MAX_RUNS), 0);
    /* No strong character: the paragraph direction asked for. */
    assert_int_equal(bidi_runs("1955", true, NULL, NULL, runs, BIDI_MAX_RUNS), 1);
    assert_int_equal(runs[0].level, 2);
    /* More runs than room: the rest goes into the last one, nothing is lost. */
    assert_int_equal(bidi_runs("a ب c د e", false, NULL, NULL, runs, 2), 2);
    assert_int_equal(runs[0].len + runs[1].len, (int)strlen("a ب c د e"));
}

/* A Chinese face without Latin digits. */
static bool no_digits_in_cjk(void *user, BidiScript script, unsigned cp)
{
    (void)user;
    return !(script == BIDI_CJK && cp >= '0' && cp <= '9');
}

static void characters_a_face_lacks_should_go_to_the_latin_face(void **state)
{
    (void)state;
    char buf[256];
    const char *s = "公元前104年";
    assert_string_equal(visual_with(s, no_digits_in_cjk, buf, sizeof buf), "公元前|104|年");
    assert_string_equal(visual(s, false, buf, sizeof buf), "公元前104年");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_latin_name_in_dari_should_stay_in_place),
        cmocka_unit_test(a_year_inside_persian_should_read_left_to_right),
        cmocka_unit_test(chinese_with_latin_should_change_face_not_direction),
        cmocka_unit_test(plain_strings_should_be_one_run),
        cmocka_unit_test(characters_a_face_lacks_should_go_to_the_latin_face),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
