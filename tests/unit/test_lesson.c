/* Lessons: loading, every way a lesson file can be wrong, checking against an atlas, editing
 * with undo, and writing back what loads again. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atlas/lesson.h"
#include "fixture.h"

static const char good[] =
    "{\n"
    "  \"id\": \"test-lesson\", \"title\": \"A test lesson\", \"author\": \"A teacher\",\n"
    "  \"language\": \"en\",\n"
    "  \"stops\": [\n"
    "    { \"year\": \"0659\", \"view\": { \"center\": [70, 35], \"span_km\": 800 },\n"
    "      \"place\": \"alpha\", \"event\": \"founding\", \"highlight\": [\"test-protectorate\"],\n"
    "      \"caption\": \"The protectorate reaches Alpha\", \"note\": \"Ask who paid for it.\" },\n"
    "    { \"play\": \"0600/0800\", \"view\": { \"center\": [72, 37], \"zoom\": 2 },\n"
    "      \"dim\": [\"test-control\"], \"caption\": \"Two centuries pass\" },\n"
    "    { \"year\": \"1963-11\", \"overlay\": \"test-protectorate\",\n"
    "      \"caption\": \"阿 الف and a border\" }\n"
    "  ]\n"
    "}\n";

static int setup(void **state)
{
    return fixture_setup_loaded(state, "lesson");
}

static Lesson *load_text(Fixture *f, const char *text)
{
    fixture_put(f, "lesson.json", text);
    char path[128];
    snprintf(path, sizeof path, "%s/lesson.json", f->dir);
    return lesson_load(path, &f->diag);
}

static void good_lesson_should_load_every_field(void **state)
{
    Fixture *f = *state;
    Lesson *l = load_text(f, good);
    assert_non_null(l);
    assert_int_equal(f->diag.count, 0);
    assert_string_equal(l->id, "test-lesson");
    assert_string_equal(l->title, "A test lesson");
    assert_string_equal(l->author, "A teacher");
    assert_int_equal(l->nstops, 3);
    const LessonStop *s = &l->stops[0];
    /* A bare year means its middle, so what starts that year is fully shown. */
    assert_true(s->t == 659.5 && s->t_end == 659.5 && !s->play);
    assert_true(s->has_view && s->lon == 70 && s->lat == 35 && s->span_km == 800);
    assert_string_equal(s->place, "alpha");
    assert_string_equal(s->event, "founding");
    assert_int_equal(s->nhighlight, 1);
    assert_string_equal(s->note, "Ask who paid for it.");
    s = &l->stops[1];
    assert_true(s->play && s->t == 600.5 && s->t_end == 800.5);
    assert_true(s->zoom == 2 && s->span_km == 0);
    assert_int_equal(s->ndim, 1);
    /* A month is taken at its start, not its middle. */
    assert_true(l->stops[2].t > 1963.8 && l->stops[2].t < 1963.85);
    assert_int_equal(lesson_check(l, f->atlas, &f->diag), 0);
    assert_int_equal(f->diag.count, 0);
    lesson_free(l);
}

static void stop_without_time_should_be_skipped_and_named(void **state)
{
    Fixture *f = *state;
    Lesson *l = load_text(f, "{\"title\": \"T\", \"stops\": [\n"
                             "  {\"caption\": \"no time\"},\n"
                             "  {\"year\": \"0700\", \"caption\": \"fine\"},\n"
                             "  {\"year\": \"0700\", \"play\": \"0700/0800\"},\n"
                             "  {\"play\": \"0700\"},\n"
                             "  {\"year\": \"seven hundred\"}]}");
    assert_non_null(l);
    assert_int_equal(l->nstops, 1);
    assert_string_equal(l->stops[0].caption, "fine");
    fixture_expect_message(&f->diag, "lesson.json: stops[0]: needs a \"year\"");
    fixture_expect_message(&f->diag, "stops[2]: has both \"year\" and \"play\"");
    fixture_expect_message(&f->diag, "stops[3].play: should be a span");
    fixture_expect_message(&f->diag, "stops[4].year: \"seven hundred\" is not a date");
    lesson_free(l);
}

static void broken_optional_parts_should_be_dropped_and_the_stop_kept(void **state)
{
    Fixture *f = *state;
    Lesson *l = load_text(f, "{\"title\": \"T\", \"stops\": [\n"
                             "  {\"year\": \"0700\", \"view\": {\"center\": [70]}},\n"
                             "  {\"year\": \"0700\", \"view\": {\"center\": [70, 35]}},\n"
                             "  {\"year\": \"0700\", \"view\": {\"center\": [70, 35], "
                             "\"span_km\": 1}},\n"
                             "  {\"year\": \"0700\", \"highlight\": [\"a\", 3], \"place\": 7},\n"
                             "  {\"year\": \"0700\", \"place\": \"alpha\", \"overlay\": \"x\"}]}");
    assert_non_null(l);
    assert_int_equal(l->nstops, 5);
    for (int i = 0; i < 3; i++)
        assert_false(l->stops[i].has_view);
    assert_int_equal(l->stops[3].nhighlight, 0);
    assert_null(l->stops[3].place);
    assert_string_equal(l->stops[4].place, "alpha");
    assert_null(l->stops[4].overlay);
    fixture_expect_message(&f->diag, "stops[0].view.center: should be [longitude, latitude]");
    fixture_expect_message(&f->diag, "stops[1].view: needs one of \"span_km\"");
    fixture_expect_message(&f->diag, "stops[2].view.span_km: should be from");
    fixture_expect_message(&f->diag, "stops[3].highlight: [1] should be an overlay id");
    fixture_expect_message(&f->diag, "stops[3].place: should be a string");
    fixture_expect_message(&f->diag, "stops[4].overlay: a stop selects a place or an overlay");
    lesson_free(l);
}

static void unusable_files_should_fail_with_the_place(void **state)
{
    Fixture *f = *state;
    assert_null(load_text(f, "{\"title\": \"T\",\n \"stops\": [ {\"year\": } ]}"));
    fixture_expect_message(&f->diag, "lesson.json: line 2, column");
    assert_null(load_text(f, "[1, 2]"));
    fixture_expect_message(&f->diag, "a lesson file is one JSON object");
    assert_null(load_text(f, "{\"title\": \"T\", \"stops\": [{\"caption\": \"x\"}]}"));
    fixture_expect_message(&f->diag, "stops: has no usable stop");
    assert_null(load_text(f, "{\"title\": \"T\"}"));
    fixture_expect_message(&f->diag, "lesson.json: stops: missing");
    char path[128];
    snprintf(path, sizeof path, "%s/none.json", f->dir);
    assert_null(lesson_load(path, &f->diag));
    fixture_expect_message(&f->diag, "none.json");
}

static void missing_title_and_id_should_come_from_the_file_name(void **state)
{
    Fixture *f = *state;
    Lesson *l = load_text(f, "{\"stops\": [{\"year\": \"0700\"}]}");
    assert_non_null(l);
    assert_string_equal(l->id, "lesson");
    assert_string_equal(l->title, "lesson");
    assert_string_equal(l->language, "en");
    fixture_expect_message(&f->diag, "lesson.json: title: missing");
    lesson_free(l);
}

static void check_should_name_unknown_ids_times_and_places(void **state)
{
    Fixture *f = *state;
    Lesson *l =
        load_text(f, "{\"title\": \"T\", \"stops\": [\n"
                     "  {\"year\": \"0700\", \"place\": \"atlantis\", \"caption\": \"c\"},\n"
                     "  {\"year\": \"0700\", \"overlay\": \"nope\", \"event\": \"never\",\n"
                     "   \"highlight\": [\"test-control\", \"ghost\"], \"caption\": \"c\"},\n"
                     "  {\"year\": \"2500\", \"caption\": \"c\"},\n"
                     "  {\"year\": \"0700\", \"view\": {\"center\": [10, 10], \"zoom\": 1}},\n"
                     "  {\"year\": \"0700\", \"dim\": [\"phantom\"], \"caption\": \"c\"}]}");
    assert_non_null(l);
    assert_int_equal(l->nstops, 5);
    size_t before = f->diag.count;
    assert_int_equal(lesson_check(l, f->atlas, &f->diag), 7);
    assert_int_equal(f->diag.count - before, 8); /* the seven and a missing caption */
    fixture_expect_message(&f->diag, "stops[0].place: \"atlantis\" is not a place");
    fixture_expect_message(&f->diag, "stops[1].overlay: \"nope\" is not an overlay");
    fixture_expect_message(&f->diag, "stops[1].event: \"never\" is not an event");
    fixture_expect_message(&f->diag, "stops[1].highlight: \"ghost\"");
    fixture_expect_message(&f->diag, "stops[2].year: \"2500\" lies outside the atlas's time");
    fixture_expect_message(&f->diag, "stops[3].view.center: \"10, 10\" lies outside");
    fixture_expect_message(&f->diag, "stops[3].caption: no caption");
    fixture_expect_message(&f->diag, "stops[4].dim: \"phantom\"");
    lesson_free(l);
}

static void view_and_emphasis_should_resolve_against_the_atlas(void **state)
{
    Fixture *f = *state;
    Lesson *l = load_text(f, good);
    assert_non_null(l);
    double x, y, span, px, py;
    assert_true(lesson_stop_view(&l->stops[0], f->atlas, &x, &y, &span));
    assert_true(atlas_project(f->atlas, 70, 35, &px, &py));
    assert_true(x == px && y == py);
    assert_true(span == 800e3);
    assert_true(lesson_stop_view(&l->stops[1], f->atlas, &x, &y, &span));
    assert_true(span == f->atlas->view_span / 2);
    assert_false(lesson_stop_view(&l->stops[2], f->atlas, &x, &y, &span));
    signed char em[16];
    assert_true(f->atlas->noverlays <= 16);
    int prot = atlas_overlay_find(f->atlas, "test-protectorate");
    int ctrl = atlas_overlay_find(f->atlas, "test-control");
    lesson_stop_emphasis(&l->stops[0], f->atlas, em);
    assert_int_equal(em[prot], 1);
    assert_int_equal(em[ctrl], 0);
    lesson_stop_emphasis(&l->stops[1], f->atlas, em);
    assert_int_equal(em[prot], 0);
    assert_int_equal(em[ctrl], -1);
    lesson_free(l);
}

static void editing_should_insert_move_remove_and_undo(void **state)
{
    Fixture *f = *state;
    Lesson *l = load_text(f, good);
    assert_non_null(l);
    LessonUndo undo = {0};
    LessonStop s = {0};
    lesson_stop_set_year(&s, 1895.3);
    assert_true(s.t == 1895.5);
    assert_true(lesson_set_text(&s.caption, "Pamir boundary, ١٨٩٥, 帕米尔"));

    assert_true(lesson_undo_push(&undo, l));
    assert_true(lesson_insert_stop(l, 1, &s));
    assert_int_equal(l->nstops, 4);
    assert_string_equal(l->stops[1].caption, "Pamir boundary, ١٨٩٥, 帕米尔");
    assert_true(l->stops[1].caption != s.caption); /* a copy */

    assert_true(lesson_undo_push(&undo, l));
    assert_true(lesson_move_stop(l, 1, 3));
    assert_string_equal(l->stops[3].caption, "Pamir boundary, ١٨٩٥, 帕米尔");
    assert_string_equal(l->stops[1].caption, "Two centuries pass");

    assert_true(lesson_undo_push(&undo, l));
    assert_true(lesson_remove_stop(l, 0));
    assert_int_equal(l->nstops, 3);
    assert_false(lesson_remove_stop(l, 3));
    assert_false(lesson_move_stop(l, 0, 3));

    assert_true(lesson_undo(&undo, &l)); /* the removal */
    assert_int_equal(l->nstops, 4);
    assert_string_equal(l->stops[0].caption, "The protectorate reaches Alpha");
    assert_true(lesson_undo(&undo, &l)); /* the move */
    assert_string_equal(l->stops[1].caption, "Pamir boundary, ١٨٩٥, 帕米尔");
    assert_true(lesson_redo(&undo, &l)); /* the move again */
    assert_string_equal(l->stops[3].caption, "Pamir boundary, ١٨٩٥, 帕米尔");
    assert_true(lesson_undo(&undo, &l));
    assert_true(lesson_undo(&undo, &l)); /* the insertion */
    assert_int_equal(l->nstops, 3);
    assert_false(lesson_undo(&undo, &l));
    assert_true(lesson_redo(&undo, &l));
    assert_int_equal(l->nstops, 4);
    /* A new change forgets what was undone. */
    assert_true(lesson_undo_push(&undo, l));
    assert_false(lesson_redo(&undo, &l));
    lesson_stop_clear(&s);
    lesson_undo_free(&undo);
    lesson_free(l);
}

static void undo_should_forget_the_oldest_beyond_its_limit(void **state)
{
    Fixture *f = *state;
    Lesson *l = load_text(f, good);
    assert_non_null(l);
    LessonUndo undo = {0};
    for (int i = 0; i < LESSON_UNDO_MAX + 20; i++) {
        assert_true(lesson_undo_push(&undo, l));
        assert_true(lesson_set_text(&l->stops[0].caption, i % 2 ? "odd" : "even"));
    }
    int n = 0;
    while (lesson_undo(&undo, &l))
        n++;
    assert_int_equal(n, LESSON_UNDO_MAX);
    lesson_undo_free(&undo);
    lesson_free(l);
}

static void written_json_should_load_the_same(void **state)
{
    Fixture *f = *state;
    Lesson *l = load_text(f, good);
    assert_non_null(l);
    char *json = lesson_to_json(l);
    assert_non_null(json);
    Lesson *again = load_text(f, json);
    assert_non_null(again);
    assert_int_equal(f->diag.count, 0);
    assert_int_equal(again->nstops, l->nstops);
    assert_string_equal(again->author, l->author);
    for (int i = 0; i < l->nstops; i++) {
        const LessonStop *a = &l->stops[i], *b = &again->stops[i];
        assert_true(a->t == b->t && a->t_end == b->t_end && a->play == b->play);
        assert_true(a->has_view == b->has_view && a->lon == b->lon && a->lat == b->lat);
        assert_true(a->span_km == b->span_km && a->zoom == b->zoom);
        assert_string_equal(a->caption, b->caption);
        assert_int_equal(a->nhighlight, b->nhighlight);
        assert_int_equal(a->ndim, b->ndim);
        assert_true((a->place == NULL) == (b->place == NULL));
        assert_true((a->note == NULL) == (b->note == NULL));
    }
    assert_string_equal(again->stops[1].dim[0], "test-control");
    free(json);
    lesson_free(again);
    lesson_free(l);
}

static void new_lesson_should_take_its_id_from_the_title(void **state)
{
    (void)state;
    Lesson *l = lesson_new("My Lesson: the 1963 Border!");
    assert_non_null(l);
    assert_string_equal(l->id, "my-lesson-the-1963-border");
    assert_int_equal(l->nstops, 0);
    lesson_free(l);
    l = lesson_new("帕米尔");
    assert_string_equal(l->id, "lesson");
    lesson_free(l);
}

static void list_dir_should_find_json_files_in_order(void **state)
{
    Fixture *f = *state;
    fixture_put(f, "b.json", "{}");
    fixture_put(f, "a.json", "{}");
    fixture_put(f, "notes.txt", "x");
    char **paths;
    int n = lesson_list_dir(f->dir, &paths);
    /* The fixture atlas has atlas.json, timeline.json and events.json too. */
    int a = -1, b = -1;
    for (int i = 0; i < n; i++) {
        assert_null(strstr(paths[i], "notes.txt"));
        if (strstr(paths[i], "/a.json"))
            a = i;
        if (strstr(paths[i], "/b.json"))
            b = i;
    }
    assert_true(a >= 0 && b > a);
    for (int i = 0; i < n; i++)
        free(paths[i]);
    free(paths);
    assert_int_equal(lesson_list_dir("no-such-folder", &paths), 0);
    assert_null(paths);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(good_lesson_should_load_every_field, setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(stop_without_time_should_be_skipped_and_named, setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(broken_optional_parts_should_be_dropped_and_the_stop_kept,
                                        setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(unusable_files_should_fail_with_the_place, setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(missing_title_and_id_should_come_from_the_file_name, setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(check_should_name_unknown_ids_times_and_places, setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(view_and_emphasis_should_resolve_against_the_atlas, setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(editing_should_insert_move_remove_and_undo, setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(undo_should_forget_the_oldest_beyond_its_limit, setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(written_json_should_load_the_same, setup, fixture_teardown),
        cmocka_unit_test(new_lesson_should_take_its_id_from_the_title),
        cmocka_unit_test_setup_teardown(list_dir_should_find_json_files_in_order, setup,
                                        fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
