/* The logic of the interface: the slider's scale both ways, label placement, the camera, and
 * what a click picks. No window is opened: these are the parts that decide, not the ones that
 * draw. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>
#include <stdlib.h>

#include "app/session.h"
#include "fixture.h"
#include "render/camera.h"
#include "render/labels.h"
#include "ui/slider_scale.h"
#include "ui/ui.h"

static int setup(void **state)
{
    return fixture_setup_loaded(state, "interface-atlas");
}

static void slider_scale_should_map_both_ways(void **state)
{
    Fixture *f = *state;
    SliderScale s;
    slider_scale_init(&s, f->atlas);
    assert_true(slider_u_of_t(&s, f->atlas->t_min) == 0);
    assert_true(slider_u_of_t(&s, f->atlas->t_max) == 1);
    for (double t = -250; t < 2027; t += 7.3) {
        double u = slider_u_of_t(&s, t);
        assert_true(u >= 0 && u <= 1);
        assert_true(fabs(slider_t_of_u(&s, u) - t) < 1e-6);
    }
    /* Monotonic: later times are further right. */
    double last = -1;
    for (double t = -250; t < 2027; t += 0.5) {
        double u = slider_u_of_t(&s, t);
        assert_true(u >= last);
        last = u;
    }
    /* Clamped outside the range. */
    assert_true(slider_u_of_t(&s, -5000) == 0);
    assert_true(slider_t_of_u(&s, 2) == f->atlas->t_max);
}

static void slider_scale_should_space_events_evenly_in_part(void **state)
{
    Fixture *f = *state;
    SliderScale s;
    slider_scale_init(&s, f->atlas);
    /* Knots at both ends, the era boundary (600) and the three event dates. */
    assert_int_equal(s.n, 6);
    /* Consecutive distinct event dates are at least the event share / (dates + 1) apart. */
    double min_gap = SLIDER_EVENT_SHARE / 4;
    double a = slider_u_of_t(&s, f->atlas->events[0].start);
    for (int i = 1; i < f->atlas->nevents; i++) {
        double b = slider_u_of_t(&s, f->atlas->events[i].start);
        assert_true(b - a >= min_gap - 1e-12);
        a = b;
    }
}

/* The bundled atlas in data/, for the tests that need the real slider. */
typedef struct Bundled {
    GeoContext *geo;
    WkDiag diag;
    Atlas *atlas;
} Bundled;

static void bundled_free(Bundled *b)
{
    atlas_free(b->atlas);
    wk_diag_free(&b->diag);
    geo_context_destroy(b->geo);
}

/* The atlas, or NULL (everything freed) when it does not load: the test then skips. */
static Atlas *bundled_load(Bundled *b)
{
    b->geo = geo_context_create();
    wk_diag_init(&b->diag);
    const char *src = getenv("WAKHAN_SOURCE_DIR");
    char path[1024];
    snprintf(path, sizeof path, "%s/data", src ? src : "../../../..");
    b->atlas = atlas_load(b->geo, path, &b->diag);
    if (!b->atlas || b->atlas->neras == 0) {
        bundled_free(b);
        return NULL;
    }
    return b->atlas;
}

static void bundled_slider_should_let_a_mouse_land_on_659_and_2016(void **state)
{
    (void)state;
    Bundled b;
    Atlas *a = bundled_load(&b);
    if (!a)
        skip();
    SliderScale s;
    slider_scale_init(&s, a);
    /* On a 1024-pixel-wide projector the slider track is about 700 pixels. Every event must be
     * at least 2 pixels from its neighbours in 2016 and around 659, or be at the same date. */
    const double track = 700;
    for (int i = 0; i + 1 < a->nevents; i++) {
        double y = a->events[i].start;
        if (!((y >= 2016 && y < 2017) || (y >= 650 && y < 670)))
            continue;
        double gap = (slider_u_of_t(&s, a->events[i + 1].start) - slider_u_of_t(&s, y)) * track;
        if (a->events[i + 1].start != y && gap < 2.0)
            fail_msg("events %s and %s are %.2f px apart", a->events[i].id, a->events[i + 1].id,
                     gap);
    }
    double per_year_2016 = (slider_u_of_t(&s, 2017) - slider_u_of_t(&s, 2016)) * track;
    print_message("2016 spans %.1f px of a %.0f px track\n", per_year_2016, track);
    assert_true(per_year_2016 >= 4);
    bundled_free(&b);
}

/* The magnifier: on a 1024x768 projector at every interface scale, for every year from the
 * atlas's first to 2026, resting the pointer on the track where that year is and moving
 * straight up lands on a cell of that year at least 8 px wide (per scale), whose middle pixel
 * reads as that year; the strip stays in the window, above the bar. */
static void bundled_magnifier_should_let_a_mouse_land_on_every_year(void **state)
{
    (void)state;
    Bundled b;
    Atlas *a = bundled_load(&b);
    if (!a)
        skip();
    SliderScale sc;
    slider_scale_init(&sc, a);
    for (float asked = 1; asked <= 4; asked += 1) {
        Ui ui = {0};
        ui.width = 1024, ui.height = 768;
        ui.scale = ui_effective_scale(asked, ui.width, ui.height);
        UiLayout lay;
        ui_layout(&ui, false, false, &lay);
        double crowded = 0; /* the most years the track packs into one pixel */
        for (int year = (int)ceil(a->t_min); year <= 2026; year++) {
            float x = floorf(lay.track.x + (float)slider_u_of_t(&sc, year + 0.5) * lay.track.w);
            double per_px = ui_slider_time_at(&lay, &sc, x + 1) - ui_slider_time_at(&lay, &sc, x);
            crowded = fmax(crowded, per_px);
            UiMagnifier m;
            ui_magnifier_place(&ui, &lay, &sc, a, x, &m);
            if (!(m.box.x >= 0 && m.box.x + m.box.w <= ui.width && m.box.y >= 0 &&
                  m.box.y + m.box.h <= lay.bar.y))
                fail_msg("scale %.0f, %d: the magnifier (%.0f,%.0f %.0fx%.0f) leaves the map",
                         asked, year, m.box.x, m.box.y, m.box.w, m.box.h);
            if (!(m.t0 <= year && year + 1 <= m.t1))
                fail_msg("scale %.0f: resting at x %.0f for %d, the magnifier shows %.1f to %.1f",
                         asked, x, year, m.t0, m.t1);
            float x0 = ui_magnifier_x_of(&m, year), x1 = ui_magnifier_x_of(&m, year + 1);
            if (x1 - x0 < 8 * ui.scale - 0.01f)
                fail_msg("scale %.0f: %d is %.1f px wide in the magnifier", asked, year, x1 - x0);
            int landed = ui_magnifier_year_at(&m, a, floorf((x0 + x1) / 2));
            if (landed != year)
                fail_msg("scale %.0f: a click on %d's cell lands on %d", asked, year, landed);
            /* Straight up from the track: a time of the pointer's pixel on the track (away from
             * the ends of the range, where the strip slides inward). */
            double on_track = ui_slider_time_at(&lay, &sc, x), up = ui_magnifier_time_at(&m, x);
            if (m.t0 > a->t_min && m.t1 < a->t_max &&
                (up < on_track - 1 || up > on_track + per_px + 1))
                fail_msg("scale %.0f: x %.0f is %.2f to %.2f on the track, %.2f in the magnifier",
                         asked, x, on_track, on_track + per_px, up);
        }
        print_message("scale %.0f: the track packs up to %.1f years into a pixel\n", asked,
                      crowded);
        assert_true(crowded > 1); /* what the magnifier is for */
    }
    bundled_free(&b);
}

static void labels_should_never_overlap(void **state)
{
    (void)state;
    LabelPlacer lp;
    labels_init(&lp);
    labels_reset(&lp, 800, 600);
    /* A crowded grid of points, each with a label: every placed box is disjoint. */
    int placed = 0;
    for (int i = 0; i < 400; i++) {
        float x = (float)(40 + (i * 37) % 720), y = (float)(40 + (i * 53) % 520);
        LabelBox b;
        placed += labels_place_at_point(&lp, x, y, 60, 14, 5, &b);
    }
    assert_true(placed > 20);
    for (int i = 0; i < lp.count; i++) {
        const LabelBox *a = &lp.boxes[i];
        assert_true(a->x >= 0 && a->y >= 0 && a->x + a->w <= 800 && a->y + a->h <= 600);
        for (int j = i + 1; j < lp.count; j++) {
            const LabelBox *b = &lp.boxes[j];
            bool overlap = a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h &&
                           b->y < a->y + a->h;
            if (overlap)
                fail_msg("labels %d and %d overlap", i, j);
        }
    }
    labels_free(&lp);
}

static void labels_should_prefer_the_right_and_respect_blocked_areas(void **state)
{
    (void)state;
    LabelPlacer lp;
    labels_init(&lp);
    labels_reset(&lp, 400, 300);
    LabelBox b;
    assert_true(labels_place_at_point(&lp, 100, 100, 50, 10, 4, &b));
    assert_true(b.x == 104); /* right of the point */
    LabelBox panel = {250, 0, 150, 300};
    labels_block(&lp, &panel);
    assert_true(labels_place_at_point(&lp, 240, 200, 50, 10, 4, &b));
    assert_true(b.x + b.w <= 250); /* pushed to the left of the panel */
    labels_free(&lp);
}

static void camera_should_zoom_about_the_cursor_and_round_trip(void **state)
{
    (void)state;
    GeoBox limit = {-1e6, -1e6, 1e6, 1e6};
    Camera cam;
    camera_init(&cam, &limit, 0, 0, 1e6, 1000, 500);
    double x, y;
    camera_to_map(&cam, 700, 100, &x, &y);
    camera_zoom_at(&cam, 2, 700, 100);
    float sx, sy;
    camera_to_screen(&cam, x, y, &sx, &sy);
    assert_true(fabsf(sx - 700) < 1e-3f && fabsf(sy - 100) < 1e-3f);
    assert_true(fabs(camera_span(&cam) - 5e5) < 1);
    /* Zooming out cannot lose the map, panning cannot leave the region. */
    for (int i = 0; i < 50; i++)
        camera_zoom_at(&cam, 0.5, 500, 250);
    assert_true(camera_span(&cam) <= 2 * 2e6 + 1);
    camera_pan(&cam, -1e9, 0);
    assert_true(cam.cx <= limit.maxx);
}

static void pick_should_find_places_then_lines_then_territory(void **state)
{
    Fixture *f = *state;
    Session s;
    session_init(&s, f->atlas, NULL, 1000, 700, 1.0f, theme_default());
    session_set_time(&s, 2020);
    float px, py;
    const AtlasPlace *alpha = &f->atlas->places[atlas_place_find(f->atlas, "alpha")];
    camera_to_screen(&s.cam, alpha->x, alpha->y, &px, &py);
    int place, overlay;
    session_pick(&s, px + 2, py - 2, &place, &overlay);
    assert_int_equal(place, atlas_place_find(f->atlas, "alpha"));
    /* On the railway between gamma (66,37) and alpha, away from places. */
    double x, y;
    atlas_project(f->atlas, 68.0, 36.0, &x, &y);
    camera_to_screen(&s.cam, x, y, &px, &py);
    session_pick(&s, px, py, &place, &overlay);
    assert_int_equal(place, -1);
    assert_int_equal(overlay, atlas_overlay_find(f->atlas, "test-rail"));
    /* Inside the control area, away from the line: the territory. */
    atlas_project(f->atlas, 72.5, 33.5, &x, &y);
    camera_to_screen(&s.cam, x, y, &px, &py);
    session_pick(&s, px, py, &place, &overlay);
    assert_int_equal(overlay, atlas_overlay_find(f->atlas, "test-control"));
    /* In 659 the smaller protectorate wins over the control area around it. */
    session_set_time(&s, 700);
    atlas_project(f->atlas, 70.8, 35.8, &x, &y);
    camera_to_screen(&s.cam, x, y, &px, &py);
    session_pick(&s, px, py, &place, &overlay);
    assert_int_equal(overlay, atlas_overlay_find(f->atlas, "test-protectorate"));
}

static void stepping_should_select_the_event_place(void **state)
{
    Fixture *f = *state;
    Session s;
    session_init(&s, f->atlas, NULL, 1000, 700, 1.0f, theme_default());
    session_step_event(&s, 1);
    assert_string_equal(f->atlas->events[s.current_event].id, "war");
    assert_int_equal(s.selected_place, atlas_place_find(f->atlas, "gamma"));
    while (session_update(&s, 0.1))
        ;
    assert_true(fabs(s.t - f->atlas->events[s.current_event].start) < 1e-9);
    session_step_event(&s, 1);
    assert_string_equal(f->atlas->events[s.current_event].id, "founding");
    session_step_event(&s, 1); /* again while the last step still animates */
    assert_string_equal(f->atlas->events[s.current_event].id, "treaty");
    session_step_event(&s, -1);
    assert_string_equal(f->atlas->events[s.current_event].id, "founding");
    char date[64];
    while (session_update(&s, 0.1))
        ;
    session_date_text(&s, date, sizeof date);
    assert_string_equal(date, "659");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(slider_scale_should_map_both_ways),
        cmocka_unit_test(slider_scale_should_space_events_evenly_in_part),
        cmocka_unit_test(bundled_slider_should_let_a_mouse_land_on_659_and_2016),
        cmocka_unit_test(bundled_magnifier_should_let_a_mouse_land_on_every_year),
        cmocka_unit_test(labels_should_never_overlap),
        cmocka_unit_test(labels_should_prefer_the_right_and_respect_blocked_areas),
        cmocka_unit_test(camera_should_zoom_about_the_cursor_and_round_trip),
        cmocka_unit_test(pick_should_find_places_then_lines_then_territory),
        cmocka_unit_test(stepping_should_select_the_event_place),
    };
    return cmocka_run_group_tests(tests, setup, fixture_teardown);
}
