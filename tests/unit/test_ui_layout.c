/* The interface's own arithmetic, with no window: reading a typed year, stepping whole years,
 * and (below) the layout's boxes at every interface scale and window size. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/session.h"
#include "fixture.h"
#include "atlas/language.h"
#include "ui/ui.h"

static void typed_years_should_read_as_people_write_them(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int year; /* astronomical */
    } ok[] = {{"1895", 1895},     {" 659 ", 659},    {"104 BC", -103}, {"104bc", -103},
              {"104 B.C.", -103}, {"104 BCE", -103}, {"-104", -103},   {"\u2212104", -103},
              {"1 BC", 0},        {"AD 659", 659},   {"659 ce", 659},  {"9999", 9999}};
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
        int y = 12345;
        if (!ui_year_parse(ok[i].text, &y))
            fail_msg("\"%s\" should read as a year", ok[i].text);
        assert_int_equal(y, ok[i].year);
    }
    static const char *const bad[] = {"",        "0",   "-0", "10000", "BC 104", "104 BCX",
                                      "-104 BC", "12a", "AD", "1895-", "--5",    "AD 5 BC"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        int y = 7;
        if (ui_year_parse(bad[i], &y))
            fail_msg("\"%s\" should not read as a year (read %d)", bad[i], y);
        assert_int_equal(y, 7);
    }
}

static int setup(void **state)
{
    return fixture_setup_loaded(state, "ui-layout-atlas");
}

static void year_steps_should_land_on_whole_years(void **state)
{
    Fixture *f = *state;
    Atlas *atlas = f->atlas;
    Session s;
    session_init(&s, atlas, NULL, 1024, 768, 1, theme_default());
    session_set_time(&s, 659.4);
    session_step_years(&s, 1);
    assert_float_equal(s.t_to, 660, 1e-9);
    session_step_years(&s, 10); /* while the first still animates: from where it heads */
    assert_float_equal(s.t_to, 670, 1e-9);
    session_update(&s, 10);
    session_step_years(&s, -1);
    assert_float_equal(s.t_to, 669, 1e-9);
    session_update(&s, 10);
    assert_float_equal(s.t, 669, 1e-9);
    assert_true(session_goto_year_text(&s, "104 BC"));
    assert_float_equal(s.t_to, -103, 1e-9);
    assert_false(session_goto_year_text(&s, "nonsense"));
    assert_false(session_goto_year_text(&s, "9000"));
    assert_float_equal(s.t_to, -103, 1e-9); /* a refused year leaves time where it was */
}

static bool inside(const SDL_FRect *r, float w, float h)
{
    return r->x >= 0 && r->y >= 0 && r->x + r->w <= w + 0.01f && r->y + r->h <= h + 0.01f &&
           r->w > 0 && r->h > 0;
}

static bool overlap(const SDL_FRect *a, const SDL_FRect *b)
{
    return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h && b->y < a->y + a->h;
}

static void layout_should_grow_with_the_scale_and_stay_in_the_window(void **state)
{
    (void)state;
    static const int sizes[][2] = {{800, 600}, {1024, 768}, {3840, 2160}};
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
        int w = sizes[k][0], h = sizes[k][1];
        float last_px = 0, last_scale = 0;
        for (float asked = 1; asked <= 4.001f; asked += 0.25f) {
            Ui ui = {0};
            ui.width = w, ui.height = h;
            ui.scale = ui_effective_scale(asked, w, h);
            if (ui.scale <= last_scale)
                fail_msg("%dx%d: scale %.2f draws at %.3f, not more than %.3f at the step before",
                         w, h, asked, ui.scale, last_scale);
            last_scale = ui.scale;
            for (int open = 0; open < 4; open++) {
                UiLayout lay;
                ui_layout(&ui, open & 1, open & 2, &lay);
                if (lay.date_px <= last_px && open == 0)
                    fail_msg("%dx%d scale %.2f: the date is %.1f px, not more than %.1f", w, h,
                             asked, lay.date_px, last_px);
                /* The date line is as tall as its text, and the bar holds it. */
                assert_true(lay.date_text.h >= lay.date_px);
                const SDL_FRect *boxes[] = {&lay.date_text, &lay.play, &lay.track, &lay.panel,
                                            &lay.warning};
                const char *names[] = {"date", "play", "track", "panel", "warning"};
                for (int i = 0; i < 5; i++) {
                    if ((i == 3 && !(open & 1)) || (i == 4 && !(open & 2)))
                        continue;
                    if (!inside(boxes[i], (float)w, (float)h))
                        fail_msg("%dx%d scale %.2f: the %s box (%.0f,%.0f %.0fx%.0f) leaves the "
                                 "window",
                                 w, h, asked, names[i], boxes[i]->x, boxes[i]->y, boxes[i]->w,
                                 boxes[i]->h);
                    for (int j = 0; j < i; j++)
                        if (boxes[j]->w > 0 && boxes[i]->w > 0 && boxes[j]->h > 0 &&
                            boxes[i]->h > 0 && overlap(boxes[i], boxes[j]))
                            fail_msg("%dx%d scale %.2f: the %s and %s boxes overlap", w, h, asked,
                                     names[i], names[j]);
                }
                /* The panel and the warning bar stay above the slider's bar. */
                if (open & 1)
                    assert_false(overlap(&lay.panel, &lay.bar));
                /* The map keeps at least half the window's height. */
                assert_true(lay.bar.y - lay.warning.h >= h * 0.5f);
                /* The slider keeps at least a third of the width. */
                assert_true(lay.track.w >= w / 3.0f);
            }
            UiLayout lay;
            ui_layout(&ui, false, false, &lay);
            last_px = lay.date_px;
        }
        /* Scale 1 on a window of this size is drawn at about 1. */
        assert_true(ui_effective_scale(1, w, h) > 0.95f);
    }
}

/* A software renderer with the bundled fonts, so text is measured and wrapped as on screen. */
typedef struct TextFrame {
    SDL_Surface *surface;
    SDL_Renderer *renderer;
    TextCache *text;
    char paths[TEXT_FONT_COUNT][512];
} TextFrame;

static void text_frame_open(TextFrame *f, WkDiag *diag)
{
    const char *src = getenv("WAKHAN_SOURCE_DIR");
    static const char *const files[TEXT_FONT_COUNT] = {
        "NotoSans-Regular.ttf", "DroidSansFallbackFull.ttf", "NotoSansArabic-Regular.ttf",
        "NotoSans-Bold.ttf"};
    const char *fonts[TEXT_FONT_COUNT];
    for (int i = 0; i < TEXT_FONT_COUNT; i++) {
        snprintf(f->paths[i], sizeof f->paths[i], "%s/fonts/%s", src ? src : ".", files[i]);
        fonts[i] = f->paths[i];
    }
    f->surface = SDL_CreateRGBSurfaceWithFormat(0, 64, 64, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(f->surface);
    f->renderer = SDL_CreateSoftwareRenderer(f->surface);
    assert_non_null(f->renderer);
    f->text = text_create(f->renderer, fonts, diag);
    assert_non_null(f->text);
    assert_true(text_available(f->text));
}

static void text_frame_close(TextFrame *f)
{
    text_destroy(f->text);
    SDL_DestroyRenderer(f->renderer);
    SDL_FreeSurface(f->surface);
}

/* The panel's header (name, other names, summary) never scrolls; the draw clips it at 60 % of
 * the panel, so it must be shorter than that at every scale and window size, or its last lines
 * are cut (as at scale 4 on a 1024x768 projector). */
static void panel_header_should_be_whole_at_every_scale(void **state)
{
    Fixture *f = *state;
    TextFrame tf;
    text_frame_open(&tf, &f->diag);
    int alpha = atlas_place_find(f->atlas, "alpha");
    assert_true(alpha >= 0);
    static const int sizes[][2] = {{800, 600}, {1024, 768}, {1280, 800}, {3840, 2160}};
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
        for (float asked = 1; asked <= 4.001f; asked += 0.5f) {
            Ui ui;
            ui_init(&ui, tf.renderer, tf.text, theme_default(), 1);
            ui.width = sizes[k][0], ui.height = sizes[k][1];
            ui.scale = ui_effective_scale(asked, ui.width, ui.height);
            for (int warning = 0; warning < 2; warning++) {
                UiLayout lay;
                ui_layout(&ui, true, warning, &lay);
                PanelView pv = {alpha, -1, 659, -1, 0, WK_LANG_EN};
                float content = ui_panel_prepare(&ui, &lay, f->atlas, &pv);
                float header = ui_panel_header_height(&ui);
                if (!(header > 0 && header < content))
                    fail_msg("%dx%d scale %.1f: header %.0f of %.0f px", ui.width, ui.height, asked,
                             header, content);
                if (header > lay.panel.h * 0.6f)
                    fail_msg("%dx%d scale %.1f: the header is %.0f px, more than 60 %% of the "
                             "%.0f px panel: its last lines are cut",
                             ui.width, ui.height, asked, header, lay.panel.h);
                /* The shown year's event has room beneath it. */
                assert_true(lay.panel.h - header >= 3 * 15 * ui.scale);
            }
            ui_free(&ui);
        }
    }
    text_frame_close(&tf);
}

/* An era's band on the slider says the whole name, else the short one, else the short one's
 * part before an en dash, else a cut of three letters or more with "…", else nothing. */
static void era_names_should_shorten_before_they_disappear(void **state)
{
    Fixture *f = *state;
    TextFrame tf;
    text_frame_open(&tf, &f->diag);
    Ui ui;
    ui_init(&ui, tf.renderer, tf.text, theme_default(), 1);
    ui.width = 1024, ui.height = 768;
    Atlas *a = f->atlas;
    assert_string_equal(a->eras[0].name, "Test era one");
    char out[160];
    /* Whole where there is room. */
    int full = ui_era_label(&ui, a, 0, 1000, out, sizeof out);
    assert_string_equal(out, "Test era one");
    assert_true(full > 0);
    /* No short name: cut with an ellipsis, the cut no wider than the room. */
    int cut = ui_era_label(&ui, a, 0, full - 1, out, sizeof out);
    assert_true(cut > 0 && cut <= full - 1);
    assert_non_null(strstr(out, "\u2026"));
    assert_int_equal(strncmp(out, "Test era", 4), 0);
    /* With a short name: that before any cut. */
    a->eras[0].short_name = strdup("Era\u2013One");
    assert_non_null(a->eras[0].short_name);
    int shorter = ui_era_label(&ui, a, 0, full - 1, out, sizeof out);
    assert_string_equal(out, "Era\u2013One");
    /* Narrower: the part before the dash. */
    int first = ui_era_label(&ui, a, 0, shorter - 1, out, sizeof out);
    assert_string_equal(out, "Era");
    assert_true(first < shorter);
    /* Too narrow for three letters: nothing, never a one- or two-letter stub. */
    assert_int_equal(ui_era_label(&ui, a, 0, first - 1, out, sizeof out), 0);
    assert_string_equal(out, "");
    /* Another language without a short name of its own falls back to cutting its own name,
     * never to the English short name beside a translated one; its own short name wins. */
    char path[128];
    snprintf(path, sizeof path, "%s/zh_CN.json", f->dir);
    assert_true(fixture_write_text(path, "{\"eras\": {\"one\": \"\u6d4b\u8bd5\u65f6\u4ee3\u4e00\", "
                                         "\"two\": \"\u6d4b\u8bd5\u65f6\u4ee3\u4e8c\"},"
                                         " \"eras_short\": {\"two\": \"\u4e8c\"}}"));
    atlas_load_language_file(a, WK_LANG_ZH, path, &f->diag);
    assert_true(atlas_language_loaded(a, WK_LANG_ZH));
    assert_null(atlas_era_short_name(a, 0, WK_LANG_ZH));
    assert_string_equal(atlas_era_short_name(a, 1, WK_LANG_ZH), "\u4e8c");
    assert_string_equal(atlas_era_short_name(a, 0, WK_LANG_EN), "Era\u2013One");
    assert_null(atlas_era_short_name(a, 1, WK_LANG_EN));
    ui_free(&ui);
    text_frame_close(&tf);
}

/* A name from the map, near an open panel, stays on the map: it flips to the cursor's other
 * side and never reaches over the panel; with no panel it keeps to the window. */
static void a_tooltip_should_stay_beside_the_panel(void **state)
{
    Fixture *f = *state;
    TextFrame tf;
    text_frame_open(&tf, &f->diag);
    for (float scale = 1; scale <= 2.5f; scale += 0.5f) {
        Ui ui;
        ui_init(&ui, tf.renderer, tf.text, theme_default(), scale);
        ui.width = 1024, ui.height = 768;
        UiLayout lay;
        ui_layout(&ui, true, false, &lay);
        SDL_FRect map = {0, 0, lay.panel.x, (float)ui.height};
        SDL_FRect b;
        const char *name = "Tarim oasis kingdoms";
        for (float x = lay.panel.x - 300; x < lay.panel.x; x += 7) {
            assert_true(ui_tooltip_place(&ui, &map, x, 300, name, &b));
            if (b.x + b.w > lay.panel.x + 0.01f || b.x < 0)
                fail_msg("scale %.1f: at x %.0f the tooltip (%.0f..%.0f) reaches over the panel "
                         "at %.0f",
                         scale, x, b.x, b.x + b.w, lay.panel.x);
        }
        SDL_FRect window = {0, 0, (float)ui.width, (float)ui.height};
        assert_true(ui_tooltip_place(&ui, &window, ui.width - 5.0f, ui.height - 5.0f, name, &b));
        assert_true(b.x >= 0 && b.x + b.w <= ui.width && b.y >= 0 && b.y + b.h <= ui.height);
        assert_false(ui_tooltip_place(&ui, &window, 10, 10, "", &b));
        ui_free(&ui);
    }
    text_frame_close(&tf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(typed_years_should_read_as_people_write_them),
        cmocka_unit_test(layout_should_grow_with_the_scale_and_stay_in_the_window),
        cmocka_unit_test_setup_teardown(year_steps_should_land_on_whole_years, setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(panel_header_should_be_whole_at_every_scale, setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(era_names_should_shorten_before_they_disappear, setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(a_tooltip_should_stay_beside_the_panel, setup,
                                        fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
