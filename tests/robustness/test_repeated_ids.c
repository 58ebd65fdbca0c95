/*
 * Ids given twice, in every list the atlas keys by id (layers, places, eras, polities, events,
 * overlays, translations, lessons), files listed twice, and JSON members given twice: each is
 * one error naming both copies (file and place of the first and of the second), and the atlas
 * goes on with the first.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <shapefil.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "atlas/atlas.h"
#include "atlas/language.h"
#include "atlas/lesson.h"
#include "fixture.h"

#define FIXTURE_EVENTS 3
#define FIXTURE_OVERLAYS 4

#define EVENT(id, title)                                                                           \
    "{\"id\": \"" id "\", \"date\": \"0659\", \"title\": \"" title "\", \"summary\": \"s\", "      \
    "\"places\": [\"alpha\"], \"source\": \"S\"}"

/* The fixture's manifest with other lists of event and overlay files, and other layers. */
#define MANIFEST(layers, events, overlays)                                                         \
    "{\"time\": {\"start\": \"-0250\", \"end\": \"2027\"},\n \"layers\": [" layers "],\n"          \
    " \"places\": {\"layer\": \"places\"}, \"timeline\": \"timeline.json\",\n"                     \
    " \"events\": [" events "], \"overlays\": [" overlays "]}"
#define PLACES_LAYER "{\"id\": \"places\", \"file\": \"places.shp\"}"

static int setup(void **state)
{
    return fixture_setup_atlas(state, "repeat");
}

static Atlas *load(Fixture *f)
{
    Atlas *a = fixture_load(f);
    assert_non_null(a);
    return a;
}

/* "DIR/name", for messages that name a file in another one. */
static const char *in_dir(const Fixture *f, const char *name)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", f->dir, name);
    return path;
}

/* How many messages contain `needle`. */
static int count_messages(const WkDiag *diag, const char *needle)
{
    int n = 0;
    for (size_t i = 0; i < diag->count; i++)
        n += strstr(diag->entries[i].text, needle) != NULL;
    return n;
}

static void event_repeated_in_one_file_should_name_both_and_keep_the_first(void **state)
{
    Fixture *f = *state;
    fixture_put(f, "events.json",
                "{\"events\": [" EVENT("founding", "First") ", " EVENT("other", "Other") ", " EVENT(
                    "founding", "Second") "]}");
    Atlas *a = load(f);
    fixture_expect_message(&f->diag, "events.json: events[2].id: \"founding\" is used twice; "
                                     "the first, at events[0], is kept");
    assert_int_equal(a->nevents, 2);
    assert_string_equal(a->events[atlas_event_find(a, "founding")].title, "First");
}

static void event_repeated_in_a_second_file_should_name_the_first_file(void **state)
{
    Fixture *f = *state;
    fixture_put(f, "more.json",
                "{\"events\": [" EVENT("other", "Other") ", " EVENT("treaty", "Again") "]}");
    fixture_put(f, "atlas.json",
                MANIFEST(PLACES_LAYER, "\"events.json\", \"more.json\"", "\"overlays.geojson\""));
    Atlas *a = load(f);
    char expected[512];
    snprintf(expected, sizeof expected,
             "more.json: events[1].id: \"treaty\" is used twice; the first, at %s: events[1], is "
             "kept",
             in_dir(f, "events.json"));
    fixture_expect_message(&f->diag, expected);
    assert_int_equal(a->nevents, FIXTURE_EVENTS + 1);
    assert_string_equal(a->events[atlas_event_find(a, "treaty")].title, "Border treaty");
}

static void era_and_polity_repeated_should_name_both(void **state)
{
    Fixture *f = *state;
    fixture_put(
        f, "timeline.json",
        "{\"eras\": [{\"id\": \"one\", \"name\": \"One\", \"start\": \"-0250\", \"end\": \"0600\"},"
        " {\"id\": \"one\", \"name\": \"Again\", \"start\": \"0600\", \"end\": \"2027\"}],\n"
        " \"polities\": [{\"id\": \"tang\", \"name\": \"Tang\", \"color\": \"#d55e00\"},\n"
        "  {\"id\": \"local\", \"name\": \"Local\", \"color\": \"#009e73\"},\n"
        "  {\"id\": \"tang\", \"name\": \"Tang again\", \"color\": \"#000000\"}]}");
    Atlas *a = load(f);
    fixture_expect_message(&f->diag, "timeline.json: eras[1].id: \"one\" is used twice; the "
                                     "first, at eras[0], is kept");
    fixture_expect_message(&f->diag, "timeline.json: polities[2].id: \"tang\" is used twice; the "
                                     "first, at polities[0], is kept");
    assert_int_equal(a->neras, 1);
    assert_string_equal(a->eras[0].name, "One");
    assert_int_equal(a->npolities, 2);
    assert_string_equal(a->polities[atlas_polity_find(a, "tang")].name, "Tang");
}

static void overlay_repeated_in_a_second_file_should_name_the_first_file(void **state)
{
    Fixture *f = *state;
    fixture_put(f, "more.geojson",
                "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", "
                "\"properties\": {\"id\": \"test-site\", \"kind\": \"site\", \"name\": \"Again\", "
                "\"start\": \"0659\", \"end\": \"0700\", \"source\": \"S\"}, \"geometry\": "
                "{\"type\": \"Point\", \"coordinates\": [70, 35]}}]}");
    fixture_put(
        f, "atlas.json",
        MANIFEST(PLACES_LAYER, "\"events.json\"", "\"overlays.geojson\", \"more.geojson\""));
    Atlas *a = load(f);
    char expected[512];
    snprintf(expected, sizeof expected,
             "more.geojson: features[0].id: \"test-site\" is used twice; the first, at %s: "
             "features[3], is kept",
             in_dir(f, "overlays.geojson"));
    fixture_expect_message(&f->diag, expected);
    assert_int_equal(a->noverlays, FIXTURE_OVERLAYS);
    assert_string_equal(a->overlays[atlas_overlay_find(a, "test-site")].name, "Test mine");
}

static void layer_repeated_should_name_both_and_not_be_loaded(void **state)
{
    Fixture *f = *state;
    fixture_put(f, "atlas.json",
                MANIFEST("{\"id\": \"land\", \"file\": \"land.shp\"}, " PLACES_LAYER
                         ", {\"id\": \"land\", \"file\": \"places.shp\"}",
                         "\"events.json\"", "\"overlays.geojson\""));
    Atlas *a = load(f);
    fixture_expect_message(&f->diag, "atlas.json: layers[2].id: \"land\" is used twice; the "
                                     "first, at layers[0], is kept");
    assert_int_equal(a->nlayers, 2);
    assert_non_null(strstr(a->layers[0].geo->path, "land.shp"));
}

static void place_repeated_in_the_shapefile_should_name_both_records(void **state)
{
    Fixture *f = *state;
    static const double x[] = {70, 75, 66}, y[] = {35, 39, 37};
    static const char *const fields[] = {"id", "name"};
    static const char *const v[3][2] = {{"alpha", "First"}, {"beta", "Beta"}, {"alpha", "Second"}};
    FixtureRecord records[3];
    for (int i = 0; i < 3; i++)
        records[i] = (FixtureRecord){0, NULL, 1, &x[i], &y[i], v[i]};
    char path[128];
    snprintf(path, sizeof path, "%s/places", f->dir);
    assert_true(fixture_write_shapefile(path, SHPT_POINT, records, 3, fields, 2));
    Atlas *a = load(f);
    fixture_expect_message(&f->diag, "places.shp: record 2: place id \"alpha\" is used twice; the "
                                     "first, at record 0, is kept");
    assert_int_equal(a->nplaces, 2);
    assert_string_equal(a->places[atlas_place_find(a, "alpha")].name, "First");
}

static void file_listed_twice_should_be_one_error_and_read_once(void **state)
{
    Fixture *f = *state;
    fixture_put(f, "atlas.json",
                MANIFEST(PLACES_LAYER, "\"events.json\", \"./events.json\"",
                         "\"overlays.geojson\", \"overlays.geojson\""));
    Atlas *a = load(f);
    fixture_expect_message(&f->diag, "atlas.json: events[1]: \"./events.json\" is listed twice; "
                                     "it is read once, as events[0]");
    fixture_expect_message(&f->diag, "atlas.json: overlays[1]: \"overlays.geojson\" is listed "
                                     "twice; it is read once, as overlays[0]");
    assert_int_equal(count_messages(&f->diag, "used twice"), 0);
    assert_int_equal(wk_diag_count(&f->diag, WK_SEV_ERROR), 2);
    assert_int_equal(a->nevents, FIXTURE_EVENTS);
    assert_int_equal(a->noverlays, FIXTURE_OVERLAYS);
}

static void member_given_twice_in_an_object_should_be_named_and_the_first_used(void **state)
{
    Fixture *f = *state;
    fixture_put(f, "events.json",
                "{\"events\": [{\"id\": \"founding\", \"date\": \"0659\", \"title\": \"First\", "
                "\"summary\": \"s\", \"places\": [\"alpha\"], \"source\": \"S\", \"title\": "
                "\"Second\"}]}");
    Atlas *a = load(f);
    fixture_expect_message(&f->diag, "events.json: events[0].title: is given twice in one object "
                                     "(members 2 and 6, counting from 0); the first is used");
    assert_string_equal(a->events[atlas_event_find(a, "founding")].title, "First");
}

static void member_given_twice_in_a_large_object_should_be_found_too(void **state)
{
    Fixture *f = *state;
    /* Past the size where members are compared pair by pair: sorted, with three copies. */
    fixture_put(f, "events.json",
                "{\"events\": [{\"id\": \"founding\", \"date\": \"0659\", \"title\": \"First\", "
                "\"summary\": \"s\", \"places\": [\"alpha\"], \"source\": \"S\", \"a\": 1, \"b\": "
                "2, \"c\": 3, \"title\": \"Second\", \"d\": 4, \"title\": \"Third\"}]}");
    Atlas *a = load(f);
    fixture_expect_message(&f->diag, "events[0].title: is given twice in one object (members 2 "
                                     "and 9,");
    fixture_expect_message(&f->diag, "events[0].title: is given twice in one object (members 2 "
                                     "and 11,");
    assert_string_equal(a->events[atlas_event_find(a, "founding")].title, "First");
}

static void translation_given_twice_should_be_named_and_the_first_used(void **state)
{
    Fixture *f = *state;
    char dir[128];
    snprintf(dir, sizeof dir, "%s/lang", f->dir);
    mkdir(dir, 0755);
    fixture_put(f, "lang/zh_CN.json",
                "{\"events\": {\"founding\": {\"title\": \"甲\"}, \"founding\": {\"title\": "
                "\"乙\"}}, \"polities\": {\"tang\": \"唐\", \"tang\": \"宋\"}}");
    Atlas *a = load(f);
    fixture_expect_message(&f->diag, "zh_CN.json: events.founding: is given twice in one object "
                                     "(members 0 and 1");
    fixture_expect_message(&f->diag, "zh_CN.json: polities.tang: is given twice");
    assert_string_equal(atlas_event_title(a, atlas_event_find(a, "founding"), WK_LANG_ZH), "甲");
    assert_string_equal(atlas_polity_name(a, atlas_polity_find(a, "tang"), WK_LANG_ZH), "唐");
}

static void lessons_with_one_id_should_name_both_files(void **state)
{
    Fixture *f = *state;
    const char *text = "{\"id\": \"same\", \"title\": \"L\", \"stops\": [{\"year\": \"0659\"}]}";
    fixture_put(f, "a.json", text);
    fixture_put(f, "b.json", text);
    fixture_put(f, "c.json",
                "{\"id\": \"other\", \"title\": \"L\", \"stops\": [{\"year\": "
                "\"0659\"}]}");
    /* a.json a second time, through another path: the same lesson, not a repeat. */
    Lesson *l[4];
    const char *names[] = {"a.json", "c.json", "b.json", "./a.json"};
    char paths[4][128];
    for (int i = 0; i < 4; i++) {
        snprintf(paths[i], sizeof paths[i], "%s/%s", f->dir, names[i]);
        l[i] = lesson_load(paths[i], &f->diag);
        assert_non_null(l[i]);
    }
    assert_int_equal(lesson_check_ids(l, 4, &f->diag), 1);
    char expected[512];
    snprintf(expected, sizeof expected, "%s: id: \"same\" is used twice; the first is %s", paths[2],
             paths[0]);
    fixture_expect_message(&f->diag, expected);
    for (int i = 0; i < 4; i++)
        lesson_free(l[i]);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, fixture_teardown)
    const struct CMUnitTest tests[] = {
        T(event_repeated_in_one_file_should_name_both_and_keep_the_first),
        T(event_repeated_in_a_second_file_should_name_the_first_file),
        T(era_and_polity_repeated_should_name_both),
        T(overlay_repeated_in_a_second_file_should_name_the_first_file),
        T(layer_repeated_should_name_both_and_not_be_loaded),
        T(place_repeated_in_the_shapefile_should_name_both_records),
        T(file_listed_twice_should_be_one_error_and_read_once),
        T(member_given_twice_in_an_object_should_be_named_and_the_first_used),
        T(member_given_twice_in_a_large_object_should_be_found_too),
        T(translation_given_twice_should_be_named_and_the_first_used),
        T(lessons_with_one_id_should_name_both_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
