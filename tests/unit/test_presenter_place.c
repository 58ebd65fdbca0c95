/* Which display gets the map and which the presenter view, over lists of displays. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "app/presenter_place.h"

static const PresenterDisplay laptop = {0, 0, 1366, 768};
static const PresenterDisplay projector = {1366, 0, 1024, 768};

static void no_display_should_place_nothing(void **state)
{
    (void)state;
    PresenterPlacement p = presenter_place(NULL, 0, true);
    assert_int_equal(p.map_display, -1);
    assert_int_equal(p.presenter_display, -1);
    assert_int_equal(p.mode, PRESENTER_NONE);
}

static void one_display_should_split_unless_a_window_is_wanted(void **state)
{
    (void)state;
    PresenterPlacement p = presenter_place(&laptop, 1, false);
    assert_int_equal(p.mode, PRESENTER_SPLIT);
    assert_int_equal(p.map_display, 0);
    assert_int_equal(p.presenter_display, -1);
    assert_false(p.map_fullscreen);
    /* --presenter, or Xvfb: two windows on the one display, neither full screen. */
    p = presenter_place(&laptop, 1, true);
    assert_int_equal(p.mode, PRESENTER_WINDOWS);
    assert_int_equal(p.map_display, 0);
    assert_int_equal(p.presenter_display, 0);
    assert_false(p.map_fullscreen);
}

static void two_displays_should_put_the_map_on_the_projector(void **state)
{
    (void)state;
    PresenterDisplay two[2] = {laptop, projector};
    PresenterPlacement p = presenter_place(two, 2, false);
    assert_int_equal(p.mode, PRESENTER_WINDOWS);
    assert_int_equal(p.map_display, 1);
    assert_int_equal(p.presenter_display, 0);
    assert_true(p.map_fullscreen);
    /* The laptop listed second (a desktop arranged with the projector on the left). */
    PresenterDisplay swapped[2] = {{-1024, 0, 1024, 768}, {0, 0, 1366, 768}};
    p = presenter_place(swapped, 2, false);
    assert_int_equal(p.map_display, 0);
    assert_int_equal(p.presenter_display, 1);
}

static void three_displays_should_take_the_largest_other_for_the_map(void **state)
{
    (void)state;
    PresenterDisplay three[3] = {laptop, {1366, 0, 1920, 1080}, {3286, 0, 1024, 768}};
    PresenterPlacement p = presenter_place(three, 3, false);
    assert_int_equal(p.map_display, 1);
    assert_int_equal(p.presenter_display, 0);
    /* Equal sizes: the one listed last, the one plugged in last. */
    PresenterDisplay equal[3] = {laptop, projector, {2390, 0, 1024, 768}};
    assert_int_equal(presenter_place(equal, 3, false).map_display, 2);
}

static void projector_unplugged_while_running_should_keep_both_windows(void **state)
{
    (void)state;
    PresenterDisplay two[2] = {laptop, projector};
    PresenterPlacement before = presenter_place(two, 2, false);
    assert_int_equal(before.mode, PRESENTER_WINDOWS);
    /* The presenter window is open, so it stays: both windows on the laptop, the map no
     * longer full screen (it would cover the notes). */
    PresenterPlacement after = presenter_place(two, 1, before.mode == PRESENTER_WINDOWS);
    assert_int_equal(after.mode, PRESENTER_WINDOWS);
    assert_int_equal(after.map_display, 0);
    assert_int_equal(after.presenter_display, 0);
    assert_false(after.map_fullscreen);
    /* Plugged in again: the map goes back to the projector. */
    PresenterPlacement again = presenter_place(two, 2, true);
    assert_int_equal(again.map_display, 1);
    assert_true(again.map_fullscreen);
}

static void laptop_should_be_the_display_at_the_origin(void **state)
{
    (void)state;
    PresenterDisplay d[3] = {{1920, 0, 1920, 1080}, {0, 0, 1920, 1080}, {-800, 0, 800, 600}};
    assert_int_equal(presenter_laptop_display(d, 3), 1);
    PresenterDisplay none[2] = {{100, 100, 800, 600}, {900, 100, 800, 600}};
    assert_int_equal(presenter_laptop_display(none, 2), 0);
    assert_int_equal(presenter_laptop_display(NULL, 0), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(no_display_should_place_nothing),
        cmocka_unit_test(one_display_should_split_unless_a_window_is_wanted),
        cmocka_unit_test(two_displays_should_put_the_map_on_the_projector),
        cmocka_unit_test(three_displays_should_take_the_largest_other_for_the_map),
        cmocka_unit_test(projector_unplugged_while_running_should_keep_both_windows),
        cmocka_unit_test(laptop_should_be_the_display_at_the_origin),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
