/* What is shown at a time: fade weights, the active set, coverage, stepping between events. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>
#include <stdlib.h>

#include "atlas/atlas.h"
#include "fixture.h"

static int setup(void **state)
{
    return fixture_setup_loaded(state, "timeline-atlas");
}

static void weight_should_be_a_hard_cut_without_fade(void **state)
{
    Fixture *f = *state;
    const AtlasOverlay *o = &f->atlas->overlays[atlas_overlay_find(f->atlas, "test-protectorate")];
    assert_true(atlas_overlay_weight(o, 658.99, 0) == 0);
    assert_true(atlas_overlay_weight(o, 659.0, 0) == 1);
    assert_true(atlas_overlay_weight(o, 750.99, 0) == 1);
    assert_true(atlas_overlay_weight(o, 751.0, 0) == 0); /* end is exclusive */
}

static void weight_should_cross_fade_around_each_end(void **state)
{
    Fixture *f = *state;
    const AtlasOverlay *o = &f->atlas->overlays[atlas_overlay_find(f->atlas, "test-protectorate")];
    double fade = 4;
    assert_true(fabs(atlas_overlay_weight(o, 659.0, fade) - 0.5) < 1e-9);
    assert_true(fabs(atlas_overlay_weight(o, 658.0, fade) - 0.25) < 1e-9);
    assert_true(atlas_overlay_weight(o, 656.9, fade) == 0);
    assert_true(atlas_overlay_weight(o, 700, fade) == 1);
    assert_true(fabs(atlas_overlay_weight(o, 751.0, fade) - 0.5) < 1e-9);
    /* Weights rise monotonically through the fade: no pop. */
    double last = 0;
    for (double t = 655; t <= 663; t += 0.1) {
        double w = atlas_overlay_weight(o, t, fade);
        assert_true(w >= last - 1e-12);
        last = w;
    }
}

static void fade_should_never_eat_a_short_span(void **state)
{
    (void)state;
    AtlasOverlay o = {0};
    o.start = 2000;
    o.end = 2003;
    assert_true(atlas_overlay_weight(&o, 2001.5, 100) == 1);
}

static void active_set_should_follow_time(void **state)
{
    Fixture *f = *state;
    int out[16];
    double w[16];
    int n = atlas_overlays_at(f->atlas, 500, 0, out, w, 16);
    assert_int_equal(n, 0);
    n = atlas_overlays_at(f->atlas, 700, 0, out, w, 16);
    assert_int_equal(n, 2); /* protectorate and control */
    n = atlas_overlays_at(f->atlas, 2020, 0, out, w, 16);
    assert_int_equal(n, 3); /* control, rail and the mine */
    n = atlas_overlays_at(f->atlas, 2020, 0, out, w, 2);
    assert_int_equal(n, 2); /* never more than asked for */
}

static void covering_should_list_smallest_first_and_respect_holes(void **state)
{
    Fixture *f = *state;
    Atlas *a = f->atlas;
    int out[8];
    double x, y;
    assert_true(atlas_project(a, 70.1, 35.1, &x, &y));
    int n = atlas_overlays_covering(a, 700, x, y, out, 8);
    assert_int_equal(n, 2);
    assert_string_equal(a->overlays[out[0]].id, "test-protectorate");
    assert_string_equal(a->overlays[out[1]].id, "test-control");
    assert_int_equal(atlas_overlays_covering(a, 800, x, y, out, 8), 1);
    /* The control area has a hole around 66.5E 37N. */
    assert_true(atlas_project(a, 66.5, 37.0, &x, &y));
    assert_int_equal(atlas_overlays_covering(a, 800, x, y, out, 8), 0);
    assert_true(atlas_project(a, 65.5, 37.0, &x, &y));
    assert_int_equal(atlas_overlays_covering(a, 800, x, y, out, 8), 1);
}

static void eras_should_cover_their_spans(void **state)
{
    Fixture *f = *state;
    assert_int_equal(atlas_era_at(f->atlas, -103), 0);
    assert_int_equal(atlas_era_at(f->atlas, 599.99), 0);
    assert_int_equal(atlas_era_at(f->atlas, 600), 1);
    assert_int_equal(atlas_era_at(f->atlas, 2026.9), 1);
    assert_int_equal(atlas_era_at(f->atlas, 2027), -1);
}

static void stepping_should_walk_events_in_order(void **state)
{
    Fixture *f = *state;
    Atlas *a = f->atlas;
    int e = atlas_event_next(a, -300);
    assert_string_equal(a->events[e].id, "war");
    e = atlas_event_next(a, a->events[e].start);
    assert_string_equal(a->events[e].id, "founding");
    e = atlas_event_next(a, a->events[e].start);
    assert_string_equal(a->events[e].id, "treaty");
    assert_int_equal(atlas_event_next(a, a->events[e].start), -1);
    e = atlas_event_prev(a, a->events[e].start);
    assert_string_equal(a->events[e].id, "founding");
    assert_int_equal(atlas_event_prev(a, -103), -1);
}

static void events_near_should_use_the_window(void **state)
{
    Fixture *f = *state;
    int out[8];
    assert_int_equal(atlas_events_near(f->atlas, 660, 5, out, 8), 1);
    assert_int_equal(atlas_events_near(f->atlas, 670, 5, out, 8), 0);
    assert_int_equal(atlas_events_near(f->atlas, 1000, 2000, out, 8), 3);
}

static void nearest_place_should_be_found(void **state)
{
    Fixture *f = *state;
    double x, y, d;
    assert_true(atlas_project(f->atlas, 74.5, 38.8, &x, &y));
    int p = atlas_place_nearest(f->atlas, x, y, &d);
    assert_string_equal(f->atlas->places[p].id, "beta");
    assert_true(d > 10000 && d < 100000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(weight_should_be_a_hard_cut_without_fade),
        cmocka_unit_test(weight_should_cross_fade_around_each_end),
        cmocka_unit_test(fade_should_never_eat_a_short_span),
        cmocka_unit_test(active_set_should_follow_time),
        cmocka_unit_test(covering_should_list_smallest_first_and_respect_holes),
        cmocka_unit_test(eras_should_cover_their_spans),
        cmocka_unit_test(stepping_should_walk_events_in_order),
        cmocka_unit_test(events_near_should_use_the_window),
        cmocka_unit_test(nearest_place_should_be_found),
    };
    return cmocka_run_group_tests(tests, setup, fixture_teardown);
}
