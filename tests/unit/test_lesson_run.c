/* A lesson on a session: a stop put on the map without a window (as handouts do), stepping,
 * leaving, and captions typed in place in all three scripts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/lesson_run.h"
#include "atlas/language.h"
#include "core/xdg.h"
#include "fixture.h"

static const char lesson_json[] =
    "{\"id\": \"run\", \"title\": \"Run\", \"stops\": [\n"
    "  {\"year\": \"0100\", \"view\": {\"center\": [70, 36], \"span_km\": 1800}, \"caption\": "
    "\"a\"},\n"
    "  {\"year\": \"0659\", \"event\": \"founding\", \"highlight\": [\"test-protectorate\"],\n"
    "   \"dim\": [\"test-control\"], \"caption\": \"b\"},\n"
    "  {\"year\": \"1963\", \"overlay\": \"test-control\", \"view\": {\"center\": [72, 37], "
    "\"zoom\": 2}},\n"
    "  {\"play\": \"1963/2000\", \"caption\": \"d\"}]}";

typedef struct State {
    Fixture *f;
    Lesson *lesson;
    Session s;
} State;

static int setup(void **state)
{
    void *fs;
    if (fixture_setup_loaded(&fs, "lesson-run") != 0)
        return -1;
    State *st = calloc(1, sizeof *st);
    st->f = fs;
    char path[128];
    snprintf(path, sizeof path, "%s/run.json", st->f->dir);
    if (!fixture_write_text(path, lesson_json))
        return -1;
    st->lesson = lesson_load(path, &st->f->diag);
    session_init(&st->s, st->f->atlas, NULL, 1000, 700, 1.0f, theme_default());
    *state = st;
    return st->lesson ? 0 : -1;
}

static int teardown(void **state)
{
    State *st = *state;
    session_free(&st->s);
    lesson_free(st->lesson);
    void *fs = st->f;
    free(st);
    return fixture_teardown(&fs);
}

static void applying_a_stop_should_set_time_view_selection_and_emphasis(void **state)
{
    State *st = *state;
    Session *s = &st->s;
    const Atlas *a = st->f->atlas;
    lesson_apply_stop(s, st->lesson, 0, false);
    assert_true(s->t == 100.5);
    double x, y;
    assert_true(atlas_project(a, 70, 36, &x, &y));
    assert_true(fabs(s->cam.cx - x) < 1 && fabs(s->cam.cy - y) < 1);
    assert_true(fabs(camera_span(&s->cam) - 1800e3) < 1);
    assert_int_equal(s->selected_place, -1);

    /* An event without a view: its place is selected and the camera goes there. */
    lesson_apply_stop(s, st->lesson, 1, false);
    assert_true(s->t == 659.5);
    int alpha = atlas_place_find(a, "alpha");
    assert_int_equal(s->selected_place, alpha);
    assert_int_equal(s->current_event, atlas_event_find(a, "founding"));
    double vx, vy;
    session_view_point(s, &vx, &vy);
    assert_true(fabs(vx - a->places[alpha].x) < 1 && fabs(vy - a->places[alpha].y) < 1);
    assert_non_null(s->emphasis);
    assert_int_equal(s->emphasis[atlas_overlay_find(a, "test-protectorate")], 1);
    assert_int_equal(s->emphasis[atlas_overlay_find(a, "test-control")], -1);

    /* An overlay and a zoom: the panel's overlay, the atlas's view halved. */
    lesson_apply_stop(s, st->lesson, 2, false);
    assert_int_equal(s->selected_overlay, atlas_overlay_find(a, "test-control"));
    assert_int_equal(s->selected_place, -1);
    assert_true(fabs(camera_span(&s->cam) - a->view_span / 2) < 1);
    assert_int_equal(s->emphasis[atlas_overlay_find(a, "test-control")], 0);
    /* Out of range: nothing changes. */
    double t = s->t;
    lesson_apply_stop(s, st->lesson, 4, false);
    lesson_apply_stop(s, st->lesson, -1, false);
    assert_true(s->t == t);
}

static void stepping_should_stop_at_the_ends_and_play_spans(void **state)
{
    State *st = *state;
    Session *s = &st->s;
    LessonRun r;
    lesson_run_init(&r);
    Lesson *copy = lesson_clone(st->lesson);
    lesson_run_open(&r, s, copy);
    assert_true(r.active);
    assert_int_equal(r.stop, 0);
    lesson_run_step(&r, s, -1);
    assert_int_equal(r.stop, 0);
    lesson_run_step(&r, s, 2);
    assert_int_equal(r.stop, 3);
    lesson_run_step(&r, s, 1);
    assert_int_equal(r.stop, 3);
    /* The span plays once the slider reaches 1963, and ends at 2000. */
    for (int i = 0; i < 2000 && lesson_run_animating(&r); i++) {
        session_update(s, 0.05);
        lesson_run_update(&r, s, 0.05);
    }
    assert_false(lesson_run_animating(&r));
    assert_true(fabs(s->t - 2000.5) < 1e-9);
    assert_true(r.caption_k == 1);
    lesson_run_leave(&r, s);
    assert_false(r.active);
    assert_null(s->emphasis);
    assert_true(fabs(s->t - 2000.5) < 1e-9); /* leaving keeps the place */
    lesson_run_free(&r, s);
}

static void typing_should_take_all_three_scripts_and_delete_by_character(void **state)
{
    State *st = *state;
    LessonRun r;
    lesson_run_init(&r);
    r.editing = LESSON_EDIT_CAPTION;
    r.edit_skip = 'c';
    lesson_edit_text(&r, &st->s, "c"); /* the key that opened the editor */
    lesson_edit_text(&r, &st->s, "Wakhan ");
    lesson_edit_text(&r, &st->s, "瓦罕");
    lesson_edit_text(&r, &st->s, " واخان\n");
    assert_string_equal(r.edit, "Wakhan 瓦罕 واخان ");
    SDL_Keysym back = {.sym = SDLK_BACKSPACE};
    lesson_edit_key(&r, &st->s, &back); /* the space */
    lesson_edit_key(&r, &st->s, &back); /* ن, two bytes */
    assert_string_equal(r.edit, "Wakhan 瓦罕 واخا");
    for (int i = 0; i < 5; i++) /* four letters and a space */
        lesson_edit_key(&r, &st->s, &back);
    assert_string_equal(r.edit, "Wakhan 瓦罕");
    lesson_edit_key(&r, &st->s, &back);
    assert_string_equal(r.edit, "Wakhan 瓦"); /* 罕 was three bytes */
    assert_true(wk_utf8_valid(r.edit, strlen(r.edit)));
    /* The limit counts characters, as the loader does: 4000 Chinese characters (12,000
     * bytes) fit, the 4001st is not taken, and nothing is ever half a character. */
    r.edit[0] = '\0';
    for (int i = 0; i < ATLAS_TEXT_MAX - 1; i++)
        lesson_edit_text(&r, &st->s, "瓦");
    lesson_edit_text(&r, &st->s, "罕走");
    assert_int_equal(wk_utf8_length(r.edit), ATLAS_TEXT_MAX);
    assert_int_equal(strlen(r.edit), 3 * ATLAS_TEXT_MAX);
    assert_string_equal(r.edit + strlen(r.edit) - 3, "罕");
    assert_true(wk_utf8_valid(r.edit, strlen(r.edit)));
    SDL_Keysym esc = {.sym = SDLK_ESCAPE};
    lesson_edit_key(&r, &st->s, &esc);
    assert_int_equal(r.editing, LESSON_EDIT_NONE);
    lesson_run_free(&r, &st->s);
}

/* The class reads the lesson in the session's language: the window's caption, the presenter,
 * the handouts and the trace all take a stop's words through lesson_text_*. A translated
 * caption must never give way to the English one, and an untranslated one must fall back. */
static void captions_should_be_read_in_the_sessions_language(void **state)
{
    State *st = *state;
    Session *s = &st->s;
    char path[160];
    snprintf(path, sizeof path, "%s/fa.json", st->f->dir);
    assert_true(fixture_write_text(
        path, "{\"language\": \"fa\", \"lessons\": {\"run\": {\"title\": \"گردش\",\n"
              "  \"stops\": [{\"caption\": \"الف\"}, {\"caption\": \"ب\"}, {}, {}]}}}\n"));
    atlas_load_language_file(st->f->atlas, WK_LANG_FA, path, &st->f->diag);
    assert_int_equal(wk_diag_count(&st->f->diag, WK_SEV_ERROR), 0);

    char *traced = NULL;
    size_t traced_size = 0;
    s->trace = open_memstream(&traced, &traced_size);
    assert_non_null(s->trace);
    s->lang = WK_LANG_FA;
    assert_string_equal(lesson_text_title(s, st->lesson), "گردش");
    lesson_apply_stop(s, st->lesson, 1, false);
    assert_string_equal(lesson_text_caption(s, st->lesson, 1), "ب");
    assert_string_equal(lesson_text_caption(s, st->lesson, 3), "d"); /* not translated */
    assert_null(lesson_text_caption(s, st->lesson, 2));              /* none in English either */
    s->lang = WK_LANG_EN;
    assert_string_equal(lesson_text_caption(s, st->lesson, 1), "b");
    lesson_apply_stop(s, st->lesson, 1, false);
    fclose(s->trace);
    s->trace = NULL;
    /* What the trace says the screen shows: the Dari caption, then the English one. */
    const char *fa = strstr(traced, "caption ب\n"), *en = strstr(traced, "caption b\n");
    assert_non_null(fa);
    assert_non_null(en);
    assert_true(fa < en);
    free(traced);
}

static void write_lesson(const char *dir, const char *file, const char *id, const char *title)
{
    char path[256], text[256];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    snprintf(text, sizeof text,
             "{\"id\": \"%s\", \"title\": \"%s\", \"stops\": [{\"year\": \"0659\"}]}", id, title);
    assert_true(fixture_write_text(path, text));
}

/* One row per lesson id: the teacher's edited copy of a bundled lesson (same file name) takes
 * its row; another file reusing an id is left out and named on the status line. */
static void lessons_sharing_an_id_should_be_listed_once(void **state)
{
    State *st = *state;
    Session *s = &st->s;
    char bundled[160], cwd[512], data[700], user[800];
    snprintf(bundled, sizeof bundled, "%s/lessons", st->f->dir);
    assert_non_null(getcwd(cwd, sizeof cwd)); /* XDG_DATA_HOME must be absolute */
    snprintf(data, sizeof data, "%s/%s/user-data", cwd, st->f->dir);
    snprintf(user, sizeof user, "%s/wakhan/lessons", data);
    assert_true(wk_mkdirs(bundled, &st->f->diag));
    assert_true(wk_mkdirs(user, &st->f->diag));
    write_lesson(bundled, "silk.json", "silk", "Silk road");
    write_lesson(bundled, "pass.json", "pass", "The pass");
    write_lesson(user, "silk.json", "silk", "Silk road, my version");
    write_lesson(user, "copy.json", "pass", "A copy of the pass");
    write_lesson(user, "own.json", "own", "My own");
    char *old = getenv("XDG_DATA_HOME") ? strdup(getenv("XDG_DATA_HOME")) : NULL;
    setenv("XDG_DATA_HOME", data, 1);

    LessonRun r;
    lesson_run_init(&r);
    lesson_run_list_toggle(&r, s);
    assert_int_equal(r.list_n, 3);
    const char *want[] = {"The pass", "Silk road, my version", "My own"};
    for (int i = 0; i < 3; i++)
        assert_string_equal(r.list_titles[i], want[i]);
    assert_non_null(strstr(r.list_paths[1], "/user-data/wakhan/lessons/silk.json"));
    assert_true(r.status_seconds > 0);
    assert_non_null(strstr(r.status, "copy.json"));
    assert_non_null(strstr(r.status, "/lessons/pass.json"));
    lesson_run_free(&r, s);

    if (old)
        setenv("XDG_DATA_HOME", old, 1);
    else
        unsetenv("XDG_DATA_HOME");
    free(old);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(applying_a_stop_should_set_time_view_selection_and_emphasis,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(stepping_should_stop_at_the_ends_and_play_spans, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(
            typing_should_take_all_three_scripts_and_delete_by_character, setup, teardown),
        cmocka_unit_test_setup_teardown(captions_should_be_read_in_the_sessions_language, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(lessons_sharing_an_id_should_be_listed_once, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
