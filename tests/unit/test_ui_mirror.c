/* Right-to-left layout: in Dari and Pashto the panel, legend, help and tooltips mirror from the
 * one flag ui_layout sets, and the slider keeps time running left to right. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>

#include "ui/ui.h"

static Ui ui_in(WkLang lang, int width, int height, float scale)
{
    Ui ui = {0};
    ui.width = width;
    ui.height = height;
    ui.scale = scale;
    ui.lang = lang;
    return ui;
}

static void the_panel_should_move_to_the_left_in_dari(void **state)
{
    (void)state;
    const int sizes[][2] = {{1024, 768}, {1280, 800}, {640, 480}, {1920, 1080}};
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
        Ui en = ui_in(WK_LANG_EN, sizes[k][0], sizes[k][1], 1);
        Ui fa = ui_in(WK_LANG_FA, sizes[k][0], sizes[k][1], 1);
        UiLayout l, r;
        ui_layout(&en, true, false, &l);
        ui_layout(&fa, true, false, &r);
        assert_false(l.rtl);
        assert_true(r.rtl);
        /* The same box, reflected about the window's middle. */
        assert_float_equal(l.panel.w, r.panel.w, 1e-4);
        assert_float_equal(l.panel.x + l.panel.w, (float)sizes[k][0], 1e-3);
        assert_float_equal(r.panel.x, 0, 1e-3);
        assert_float_equal(l.panel.y, r.panel.y, 1e-4);
        assert_float_equal(l.panel.h, r.panel.h, 1e-4);
        /* Time still runs left to right: the bar, the date and the track do not move. */
        assert_float_equal(l.track.x, r.track.x, 1e-4);
        assert_float_equal(l.track.w, r.track.w, 1e-4);
        assert_float_equal(l.date.x, r.date.x, 1e-4);
        assert_float_equal(l.play.x, r.play.x, 1e-4);
    }
    /* Pashto too; Chinese does not mirror. */
    Ui ps = ui_in(WK_LANG_PS, 1024, 768, 1.5f), zh = ui_in(WK_LANG_ZH, 1024, 768, 1.5f);
    UiLayout p, z;
    ui_layout(&ps, true, true, &p);
    ui_layout(&zh, true, true, &z);
    assert_true(p.rtl && ui_mirrored(&ps));
    assert_false(z.rtl || ui_mirrored(&zh));
    assert_float_equal(p.panel.x, 0, 1e-3);
    assert_float_equal(z.panel.x + z.panel.w, 1024, 1e-3);
}

static void boxes_inside_a_part_should_reflect_about_its_middle(void **state)
{
    (void)state;
    SDL_FRect legend = {800, 20, 200, 120};
    /* A swatch 12 px in from the left becomes 12 px in from the right. */
    assert_float_equal(ui_mirror_x(true, &legend, 812, 26), 1000 - 12 - 26, 1e-4);
    assert_float_equal(ui_mirror_x(false, &legend, 812, 26), 812, 1e-4);
    /* Twice is the identity, and the box stays inside its part. */
    for (float x = 800; x <= 980; x += 7.5f) {
        float m = ui_mirror_x(true, &legend, x, 20);
        assert_float_equal(ui_mirror_x(true, &legend, m, 20), x, 1e-3);
        assert_true(m >= legend.x - 1e-3 && m + 20 <= legend.x + legend.w + 1e-3);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_panel_should_move_to_the_left_in_dari),
        cmocka_unit_test(boxes_inside_a_part_should_reflect_about_its_middle),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
