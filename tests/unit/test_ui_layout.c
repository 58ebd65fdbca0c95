/* The interface's own arithmetic, with no window: reading a typed year, stepping whole years,
 * and (below) the layout's boxes at every interface scale and window size. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "app/session.h"
#include "fixture.h"
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(typed_years_should_read_as_people_write_them),
        cmocka_unit_test_setup_teardown(year_steps_should_land_on_whole_years, setup,
                                        fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
