/*
 * Broken JSON files in an otherwise valid atlas (the fixture atlas): each problem is reported
 * with the file and the place inside it, and everything else still loads. What
 * tests/unit/test_atlas.c covers (a broken or truncated manifest, bad event dates, unknown event
 * places, invalid UTF-8 and deep nesting in events.json, unclosed rings, 1e999 in a position,
 * empty MultiPolygons, bow ties) is not repeated here.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "atlas/atlas.h"
#include "fixture.h"

/* What the fixture atlas holds when it loads cleanly. */
#define FIXTURE_EVENTS 3
#define FIXTURE_OVERLAYS 4
#define FIXTURE_ERAS 2
/* A hostile file must be refused quickly; a healthy atlas this size loads in milliseconds. */
#define MAX_LOAD_SECONDS 20.0
/* A title longer than any string a loader accepts. */
#define ATLAS_TITLE_TEST_LENGTH 5000

static int setup(void **state)
{
    return fixture_setup_atlas(state, "bad");
}

static Atlas *load(Fixture *f)
{
    time_t start = time(NULL);
    fixture_load(f);
    double seconds = difftime(time(NULL), start);
    if (seconds > MAX_LOAD_SECONDS)
        fail_msg("loading took %.0f s", seconds);
    return f->atlas;
}

/* One event with every required key; `date` and `extra` vary. */
#define EVENT(id, date, extra)                                                                     \
    "{\"id\": \"" id "\", \"date\": \"" date "\", \"title\": \"t\", \"summary\": \"s\", "          \
    "\"places\": [\"alpha\"], \"source\": \"S\"" extra "}"

/* One control area over alpha, owned by tang, with a varying span and geometry. */
#define AREA(id, start, end, geometry)                                                             \
    "{\"type\": \"Feature\", \"properties\": {\"id\": \"" id "\", \"kind\": \"control\", "         \
    "\"polity\": \"tang\", \"name\": \"n\", \"start\": \"" start "\", \"end\": \"" end "\", "      \
    "\"source\": \"S\"}, \"geometry\": " geometry "}"
#define SQUARE                                                                                     \
    "{\"type\": \"Polygon\", \"coordinates\": [[[69,34],[71,34],[71,36],[69,36],[69,34]]]}"

/* --- not JSON, or cut short, in each file --- */

static void truncated_timeline_should_be_named_and_the_events_still_load(void **state)
{
    Fixture *f = *state;
    fixture_put(f, "timeline.json", "{\"eras\": [{\"id\": \"one\", \"name\": \"Test era");
    Atlas *a = load(f);
    assert_non_null(a);
    fixture_expect_message(&f->diag, "timeline.json: line 1");
    fixture_expect_message(&f->diag, "ends too early");
    assert_int_equal(a->neras, 0);
    assert_int_equal(a->nevents, FIXTURE_EVENTS);
}

static void overlays_that_are_not_json_should_be_named_and_the_rest_load(void **state)
{
    Fixture *f = *state;
    fixture_put(f, "overlays.geojson", "<?xml version=\"1.0\"?><kml></kml>\n");
    Atlas *a = load(f);
    assert_non_null(a);
    fixture_expect_message(&f->diag, "overlays.geojson: line 1, column 1: not valid JSON");
    assert_int_equal(a->noverlays, 0);
    assert_int_equal(a->nevents, FIXTURE_EVENTS);
    assert_int_equal(a->neras, FIXTURE_ERAS);
}

static void empty_files_should_be_named(void **state)
{
    Fixture *f = *state;
    fixture_put(f, "events.json", "");
    fixture_put(f, "timeline.json", "   \n");
    Atlas *a = load(f);
    assert_non_null(a);
    fixture_expect_message(&f->diag, "events.json: line 1");
    fixture_expect_message(&f->diag, "timeline.json: line");
    assert_int_equal(a->noverlays, 2); /* the two without a polity from the timeline */
}

static void top_level_of_wrong_type_should_be_named(void **state)
{
    Fixture *f = *state;
    fixture_put(f, "events.json", "[1, 2, 3]");
    fixture_put(f, "timeline.json", "\"eras\"");
    Atlas *a = load(f);
    assert_non_null(a);
    fixture_expect_message(&f->diag, "events.json: events: missing");
    fixture_expect_message(&f->diag, "timeline.json: eras: missing");
}

static void manifest_that_is_an_array_should_be_refused(void **state)
{
    Fixture *f = *state;
    fixture_put(f, "atlas.json", "[{\"time\": {\"start\": \"0001\", \"end\": \"2000\"}}]");
    assert_null(load(f));
    fixture_expect_message(&f->diag, "atlas.json: should hold a JSON object");
}

/* --- wrong types and missing keys --- */

static void manifest_members_of_wrong_type_should_be_named_and_ignored(void **state)
{
    Fixture *f = *state;
    fixture_put(
        f, "atlas.json",
        "{\"time\": {\"start\": \"-0250\", \"end\": \"2027\"}, \"title\": 5,\n"
        " \"region\": \"asia\", \"view\": {\"center\": \"kabul\", \"span_km\": \"wide\"},\n"
        " \"layers\": [{\"id\": \"places\", \"file\": \"places.shp\", \"style\": {\"fill\": 3, "
        "\"width\": \"thick\"}}, 7, {\"file\": \"land.shp\"}],\n"
        " \"places\": {\"layer\": \"places\"}, \"timeline\": 12, \"events\": [\"events.json\", "
        "false], \"overlays\": {\"file\": \"overlays.geojson\"}}");
    Atlas *a = load(f);
    assert_non_null(a);
    fixture_expect_message(&f->diag, "atlas.json: title: should be a string");
    fixture_expect_message(&f->diag, "atlas.json: region: should be an array");
    fixture_expect_message(&f->diag, "atlas.json: view.center: should be an array");
    fixture_expect_message(&f->diag, "atlas.json: view.span_km: should be a finite number");
    fixture_expect_message(&f->diag, "atlas.json: layers[0].style.fill: should be a string");
    fixture_expect_message(&f->diag,
                           "atlas.json: layers[0].style.width: should be a finite number");
    fixture_expect_message(&f->diag, "atlas.json: layers[1].id: missing");
    fixture_expect_message(&f->diag, "atlas.json: layers[2].id: missing");
    fixture_expect_message(&f->diag, "atlas.json: timeline: should be a file name");
    fixture_expect_message(&f->diag, "atlas.json: events[1]: should be a file name");
    fixture_expect_message(&f->diag, "atlas.json: overlays: should be a file name");
    assert_int_equal(a->nlayers, 1);
    assert_int_equal(a->nplaces, 3);
    assert_int_equal(a->nevents, FIXTURE_EVENTS);
}

static void timeline_of_wrong_types_should_be_named_and_the_rest_kept(void **state)
{
    Fixture *f = *state;
    fixture_put(
        f, "timeline.json",
        "{\"eras\": [\n"
        "  {\"id\": \"one\", \"name\": \"One\", \"start\": \"-0250\", \"end\": \"0600\"},\n"
        "  {\"id\": \"two\", \"name\": [\"Two\"], \"start\": \"0600\", \"end\": \"2027\"},\n"
        "  {\"id\": \"three\", \"start\": \"0600\", \"end\": \"2027\"},\n"
        "  \"four\"],\n"
        " \"polities\": {\"tang\": \"#d55e00\"}}");
    Atlas *a = load(f);
    assert_non_null(a);
    fixture_expect_message(&f->diag, "timeline.json: eras[1].name: should be a string");
    fixture_expect_message(&f->diag, "timeline.json: eras[2].name: missing");
    fixture_expect_message(&f->diag, "timeline.json: eras[3].id: missing");
    fixture_expect_message(&f->diag, "timeline.json: polities: should be an array");
    assert_int_equal(a->neras, 1);
}

static void event_members_of_wrong_type_should_be_named(void **state)
{
    Fixture *f = *state;
    fixture_put(
        f, "events.json",
        "{\"events\": [" EVENT(
            "good", "0659",
            "") ",\n"
                "  {\"id\": \"p\", \"date\": \"0660\", \"title\": \"t\", \"summary\": \"s\", "
                "\"places\": "
                "\"alpha\", \"source\": \"S\"},\n"
                "  {\"id\": \"d\", \"date\": 660, \"title\": \"t\", \"summary\": \"s\", "
                "\"places\": [], "
                "\"source\": \"S\"},\n" EVENT(
                    "t", "0661",
                    ", \"tags\": \"trade\"") ",\n"
                                             "  {\"id\": \"n\", \"date\": \"0662\", \"title\": "
                                             "\"t\", \"summary\": null, "
                                             "\"places\": [7], \"source\": \"S\"}, 42]}");
    Atlas *a = load(f);
    assert_non_null(a);
    fixture_expect_message(&f->diag, "events.json: events[1].places: should be an array");
    fixture_expect_message(&f->diag, "events.json: events[2].date: should be a string");
    fixture_expect_message(&f->diag, "events.json: events[3].tags: should be an array");
    fixture_expect_message(&f->diag, "events.json: events[4].summary: should be a string");
    fixture_expect_message(&f->diag, "events.json: events[5].id: missing");
    assert_non_null(a);
    assert_true(atlas_event_find(a, "good") >= 0);
}

static void overlay_members_of_wrong_type_or_missing_should_be_named(void **state)
{
    Fixture *f = *state;
    fixture_put(
        f, "overlays.geojson",
        "{\"type\": \"FeatureCollection\", \"features\": [" AREA(
            "ok", "0659", "0700",
            SQUARE) ",\n"
                    "  {\"type\": \"Feature\", \"properties\": {\"id\": \"nosource\", \"kind\": "
                    "\"control\", "
                    "\"polity\": \"tang\", \"name\": \"n\", \"start\": \"0659\", \"end\": "
                    "\"0700\"}, "
                    "\"geometry\": " SQUARE "},\n"
                    "  {\"type\": \"Feature\", \"properties\": {\"id\": \"numstart\", \"kind\": "
                    "\"control\", "
                    "\"polity\": \"tang\", \"name\": \"n\", \"start\": 659, \"end\": \"0700\", "
                    "\"source\": "
                    "\"S\"}, \"geometry\": " SQUARE "},\n"
                    "  {\"type\": \"Feature\", \"properties\": \"none\", \"geometry\": " SQUARE
                    "},\n"
                    "  {\"type\": \"Feature\", \"properties\": {\"id\": \"nogeom\", \"kind\": "
                    "\"control\", "
                    "\"polity\": \"tang\", \"name\": \"n\", \"start\": \"0659\", \"end\": "
                    "\"0700\", "
                    "\"source\": \"S\"}, \"geometry\": null},\n"
                    "  {\"type\": \"Feature\", \"properties\": {\"id\": \"strcoords\", \"kind\": "
                    "\"control\", "
                    "\"polity\": \"tang\", \"name\": \"n\", \"start\": \"0659\", \"end\": "
                    "\"0700\", "
                    "\"source\": \"S\"}, \"geometry\": {\"type\": \"Polygon\", \"coordinates\": "
                    "[[[\"69\",34],[71,34],[71,36],[69,34]]]}}]}");
    Atlas *a = load(f);
    assert_non_null(a);
    fixture_expect_message(&f->diag, "overlays.geojson: features[1].source: missing");
    fixture_expect_message(&f->diag, "overlays.geojson: features[2].start: should be a string");
    fixture_expect_message(&f->diag, "overlays.geojson: features[3].properties: missing");
    fixture_expect_message(&f->diag, "overlays.geojson: features[4].geometry: missing");
    fixture_expect_message(&f->diag,
                           "overlays.geojson: features[5].geometry: a position should be");
    assert_int_equal(a->noverlays, 1);
}

/* --- references and ids --- */

static void unknown_references_in_overlays_should_be_named(void **state)
{
    Fixture *f = *state;
    fixture_put(
        f, "overlays.geojson",
        "{\"type\": \"FeatureCollection\", \"features\": [\n"
        "  {\"type\": \"Feature\", \"properties\": {\"id\": \"a\", \"kind\": \"control\", "
        "\"polity\": \"rome\", \"name\": \"n\", \"start\": \"0659\", \"end\": \"0700\", "
        "\"source\": \"S\"}, \"geometry\": " SQUARE "},\n"
        "  {\"type\": \"Feature\", \"properties\": {\"id\": \"b\", \"kind\": \"site\", \"name\": "
        "\"n\", \"start\": \"0659\", \"end\": \"0700\", \"source\": \"S\", \"place\": "
        "\"atlantis\", \"events\": [\"founding\", \"nonesuch\"]}, \"geometry\": {\"type\": "
        "\"Point\", \"coordinates\": [70, 35]}}]}");
    Atlas *a = load(f);
    assert_non_null(a);
    fixture_expect_message(&f->diag,
                           "overlays.geojson: features[0].polity: no polity has the id \"rome\"");
    fixture_expect_message(&f->diag,
                           "overlays.geojson: features[1].place: no place has the id \"atlantis\"");
    fixture_expect_message(
        &f->diag, "overlays.geojson: features[1].events: no event has the id \"nonesuch\"");
}

static void unknown_places_layer_should_be_named_and_events_lose_their_places(void **state)
{
    Fixture *f = *state;
    fixture_put(f, "atlas.json",
                "{\"time\": {\"start\": \"-0250\", \"end\": \"2027\"},\n"
                " \"layers\": [{\"id\": \"land\", \"file\": \"land.shp\"}],\n"
                " \"places\": {\"layer\": \"cities\"}, \"timeline\": \"timeline.json\",\n"
                " \"events\": [\"events.json\"], \"overlays\": [\"overlays.geojson\"]}");
    Atlas *a = load(f);
    assert_non_null(a);
    fixture_expect_message(&f->diag,
                           "atlas.json: places.layer: no loaded layer is called \"cities\"");
    fixture_expect_message(&f->diag, "events.json: events[0].places: no place has the id");
    assert_int_equal(a->nplaces, 0);
}

static void places_layer_of_polygons_should_be_refused_by_name(void **state)
{
    Fixture *f = *state;
    fixture_put(f, "atlas.json",
                "{\"time\": {\"start\": \"-0250\", \"end\": \"2027\"},\n"
                " \"layers\": [{\"id\": \"land\", \"file\": \"land.shp\"}],\n"
                " \"places\": {\"layer\": \"land\"}}");
    Atlas *a = load(f);
    assert_non_null(a);
    fixture_expect_message(&f->diag, "atlas.json: places.layer: \"land\" is not a point layer");
}

static void duplicate_ids_should_be_named_in_every_file(void **state)
{
    Fixture *f = *state;
    fixture_put(
        f, "timeline.json",
        "{\"eras\": [{\"id\": \"one\", \"name\": \"One\", \"start\": \"-0250\", \"end\": "
        "\"2027\"}],\n"
        " \"polities\": [{\"id\": \"tang\", \"name\": \"Tang\", \"color\": \"#d55e00\"},\n"
        "               {\"id\": \"tang\", \"name\": \"Tang again\", \"color\": \"#000000\"}]}");
    fixture_put(
        f, "overlays.geojson",
        "{\"type\": \"FeatureCollection\", \"features\": [" AREA(
            "same", "0659", "0700", SQUARE) ",\n" AREA("same", "0700", "0751", SQUARE) "]}");
    Atlas *a = load(f);
    assert_non_null(a);
    fixture_expect_message(&f->diag, "timeline.json: polities[1].id: \"tang\" is used twice");
    fixture_expect_message(&f->diag, "overlays.geojson: features[1].id: \"same\" is used twice");
    assert_int_equal(a->npolities, 1);
    assert_int_equal(a->noverlays, 1);
}

static void overlay_id_repeated_in_a_second_file_should_be_named(void **state)
{
    Fixture *f = *state;
    fixture_put(f, "more.geojson",
                "{\"type\": \"FeatureCollection\", \"features\": [" AREA(
                    "test-protectorate", "0659", "0700", SQUARE) "]}");
    fixture_put(
        f, "atlas.json",
        "{\"time\": {\"start\": \"-0250\", \"end\": \"2027\"},\n"
        " \"layers\": [{\"id\": \"places\", \"file\": \"places.shp\"}],\n"
        " \"places\": {\"layer\": \"places\"}, \"timeline\": \"timeline.json\",\n"
        " \"events\": \"events.json\", \"overlays\": [\"overlays.geojson\", \"more.geojson\"]}");
    Atlas *a = load(f);
    assert_non_null(a);
    fixture_expect_message(&f->diag,
                           "more.geojson: features[0].id: \"test-protectorate\" is used twice");
    assert_int_equal(a->noverlays, FIXTURE_OVERLAYS);
}

/* --- dates --- */

static void year_zero_should_be_1_bc_and_minus_zero_refused(void **state)
{
    Fixture *f = *state;
    fixture_put(f, "events.json",
                "{\"events\": [" EVENT("zero", "0000", "") ", " EVENT("short", "0", "") ", " EVENT(
                    "five", "00000", "") "]}");
    Atlas *a = load(f);
    assert_non_null(a);
    int zero = atlas_event_find(a, "zero");
    assert_true(zero >= 0);
    char text[64];
    assert_string_equal(wk_span_format(&a->events[zero].date, text, sizeof text), "1 BC");
    fixture_expect_message(&f->diag, "events.json: events[1].date: \"0\" is not a date");
    fixture_expect_message(&f->diag, "events.json: events[2].date: \"00000\" is not a date");
}

static void malformed_and_impossible_dates_should_be_named(void **state)
{
    Fixture *f = *state;
    fixture_put(
        f, "events.json",
        "{\"events\": [" EVENT("a", "1955-02-30", "") ", " EVENT("b", "1955-13", "") ", " EVENT(
            "c", "2016-9",
            "") ", " EVENT("d", "0659~?x",
                           "") ", " EVENT("e", "",
                                          "") ", " EVENT("f", "0659/",
                                                         "") ", " EVENT("g", "-10000",
                                                                        "") ", " EVENT("ok",
                                                                                       "0659~",
                                                                                       "") "]}");
    Atlas *a = load(f);
    assert_non_null(a);
    fixture_expect_message(&f->diag, "events[0].date: \"1955-02-30\" is not a date");
    fixture_expect_message(&f->diag, "events[1].date: \"1955-13\" is not a date");
    fixture_expect_message(&f->diag, "events[2].date: \"2016-9\" is not a date");
    fixture_expect_message(&f->diag, "events[3].date: \"0659~?x\" is not a date");
    fixture_expect_message(&f->diag, "events[4].date:");
    fixture_expect_message(&f->diag, "events[5].date: \"0659/\" is not a date");
    fixture_expect_message(&f->diag, "events[6].date: \"-10000\" is not a date");
    assert_int_equal(a->nevents, 1);
}

static void dates_outside_the_atlas_should_be_named(void **state)
{
    Fixture *f = *state;
    fixture_put(
        f, "events.json",
        "{\"events\": [" EVENT("early", "-9999", "") ", " EVENT("late", "9999-12-31", "") "]}");
    fixture_put(f, "overlays.geojson",
                "{\"type\": \"FeatureCollection\", \"features\": [" AREA("far", "0659", "9999",
                                                                         SQUARE) "]}");
    Atlas *a = load(f);
    assert_non_null(a);
    fixture_expect_message(&f->diag,
                           "events.json: events[0].date: lies outside the atlas's time range");
    fixture_expect_message(&f->diag,
                           "events.json: events[1].date: lies outside the atlas's time range");
    fixture_expect_message(&f->diag, "overlays.geojson: features[0]");
    assert_int_equal(a->nevents, 0);
}

static void spans_that_end_before_they_start_should_be_named(void **state)
{
    Fixture *f = *state;
    fixture_put(f, "timeline.json",
                "{\"eras\": [{\"id\": \"one\", \"name\": \"One\", \"start\": \"0600\", \"end\": "
                "\"-0250\"},\n"
                "            {\"id\": \"same\", \"name\": \"Same\", \"start\": \"0600\", \"end\": "
                "\"0600\"}],\n"
                " \"polities\": []}");
    Atlas *a = load(f);
    assert_non_null(a);
    fixture_expect_message(&f->diag, "timeline.json: eras[0].end: should be after the start");
    fixture_expect_message(&f->diag, "timeline.json: eras[1].end: should be after the start");
    assert_int_equal(a->neras, 0);

    fixture_put(f, "atlas.json", "{\"time\": {\"start\": \"2027\", \"end\": \"-0250\"}}");
    atlas_free(f->atlas);
    assert_null(load(f));
    fixture_expect_message(&f->diag, "atlas.json: time.end: should be after the start");
}

/* --- encodings, sizes, numbers --- */

static void invalid_utf8_should_be_named_in_every_file(void **state)
{
    Fixture *f = *state;
    /* An overlong "/", a lone surrogate, and a truncated sequence at the end. */
    fixture_put(f, "timeline.json", "{\"eras\": [{\"id\": \"\xc0\xaf\"}]}");
    fixture_put(f, "overlays.geojson",
                "{\"type\": \"FeatureCollection\", \"features\": [\"\xed\xa0\x80\"]}");
    fixture_put(f, "events.json", "{\"events\": []}\xe4\xb8");
    Atlas *a = load(f);
    assert_non_null(a);
    fixture_expect_message(&f->diag, "timeline.json: not valid UTF-8");
    fixture_expect_message(&f->diag, "overlays.geojson: not valid UTF-8");
    fixture_expect_message(&f->diag, "events.json: not valid UTF-8");
}

static void hundred_megabyte_string_should_be_refused_quickly(void **state)
{
    Fixture *f = *state;
    enum { BIG = 100 << 20 };
    const char *head = "{\"events\": [{\"id\": \"big\", \"date\": \"0659\", \"title\": \"t\", "
                       "\"places\": [\"alpha\"], \"source\": \"S\", \"summary\": \"";
    const char *tail = "\"}, " EVENT("small", "0700", "") "]}";
    size_t nh = strlen(head), nt = strlen(tail);
    char *text = malloc(nh + BIG + nt + 1);
    assert_non_null(text);
    memcpy(text, head, nh);
    memset(text + nh, 'a', BIG);
    memcpy(text + nh + BIG, tail, nt + 1);
    fixture_put(f, "events.json", text);
    free(text);
    time_t start = time(NULL);
    Atlas *a = load(f);
    assert_non_null(a);
    assert_true(difftime(time(NULL), start) < MAX_LOAD_SECONDS);
    fixture_expect_message(&f->diag, "events.json: events[0].summary: is longer than");
    assert_int_equal(a->nevents, 1);
    assert_true(atlas_event_find(a, "small") >= 0);
}

static void hundred_megabyte_overlay_name_and_manifest_title_should_be_refused(void **state)
{
    Fixture *f = *state;
    enum { BIG = 100 << 20 };
    const char *head = "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": "
                       "\"Feature\", \"properties\": {\"id\": \"big\", \"kind\": \"site\", "
                       "\"start\": \"0659\", \"end\": \"0700\", \"source\": \"S\", "
                       "\"name\": \"";
    const char *tail = "\"}, \"geometry\": {\"type\": \"Point\", \"coordinates\": [70, 35]}}]}";
    size_t nh = strlen(head), nt = strlen(tail);
    char *text = malloc(nh + BIG + nt + 1);
    assert_non_null(text);
    memcpy(text, head, nh);
    memset(text + nh, 'a', BIG);
    memcpy(text + nh + BIG, tail, nt + 1);
    fixture_put(f, "overlays.geojson", text);
    free(text);
    char title[ATLAS_TITLE_TEST_LENGTH + 1];
    memset(title, 't', sizeof title - 1);
    title[sizeof title - 1] = '\0';
    char manifest[ATLAS_TITLE_TEST_LENGTH + 256];
    snprintf(manifest, sizeof manifest,
             "{\"title\": \"%s\", \"time\": {\"start\": \"-0250\", \"end\": \"2027\"}, "
             "\"overlays\": \"overlays.geojson\"}",
             title);
    fixture_put(f, "atlas.json", manifest);
    Atlas *a = load(f);
    assert_non_null(a);
    fixture_expect_message(&f->diag, "overlays.geojson: features[0].name: is longer than");
    fixture_expect_message(&f->diag, "atlas.json: title: is longer than");
    assert_int_equal(a->noverlays, 0);
    assert_true(strlen(a->title) < ATLAS_TITLE_TEST_LENGTH);
}

static void file_over_the_size_limit_should_be_refused_without_reading_it(void **state)
{
    Fixture *f = *state;
    char path[128];
    snprintf(path, sizeof path, "%s/events.json", f->dir);
    /* A sparse file: no disk used, but its size is past WK_FILE_MAX. */
    assert_int_equal(truncate(path, (off_t)WK_FILE_MAX + 1), 0);
    Atlas *a = load(f);
    assert_non_null(a);
    fixture_expect_message(&f->diag, "events.json: too large");
    assert_int_equal(a->noverlays, FIXTURE_OVERLAYS);
}

static void hundred_thousand_nested_arrays_should_be_refused_in_every_file(void **state)
{
    Fixture *f = *state;
    enum { DEPTH = 100000 };
    char *text = malloc(2 * DEPTH + 64);
    assert_non_null(text);
    int n = sprintf(text, "{\"eras\": ");
    memset(text + n, '[', DEPTH);
    memset(text + n + DEPTH, ']', DEPTH);
    strcpy(text + n + 2 * DEPTH, "}");
    fixture_put(f, "timeline.json", text);
    n = sprintf(text, "{\"type\": \"FeatureCollection\", \"features\": ");
    memset(text + n, '[', DEPTH);
    memset(text + n + DEPTH, ']', DEPTH);
    strcpy(text + n + 2 * DEPTH, "}");
    fixture_put(f, "overlays.geojson", text);
    free(text);
    Atlas *a = load(f);
    assert_non_null(a);
    fixture_expect_message(&f->diag, "timeline.json: line 1");
    fixture_expect_message(&f->diag, "overlays.geojson: line 1");
    assert_int_equal(a->nevents, FIXTURE_EVENTS);
}

static void nested_arrays_in_the_manifest_should_be_refused_by_name(void **state)
{
    Fixture *f = *state;
    enum { DEPTH = 100000 };
    char *text = malloc(2 * DEPTH + 1);
    assert_non_null(text);
    memset(text, '[', DEPTH);
    memset(text + DEPTH, ']', DEPTH);
    text[2 * DEPTH] = '\0';
    fixture_put(f, "atlas.json", text);
    free(text);
    assert_null(load(f));
    fixture_expect_message(&f->diag, "atlas.json: line 1");
}

static void numbers_like_1e999_should_be_refused_where_numbers_are_read(void **state)
{
    Fixture *f = *state;
    fixture_put(
        f, "atlas.json",
        "{\"time\": {\"start\": \"-0250\", \"end\": \"2027\"}, \"region\": [1e999, 25, 90, 48],\n"
        " \"view\": {\"center\": [70, -1e999], \"span_km\": 1e999},\n"
        " \"layers\": [{\"id\": \"places\", \"file\": \"places.shp\", \"style\": {\"width\": "
        "-1e999, \"min_span_km\": 1e400}}],\n"
        " \"places\": {\"layer\": \"places\"}}");
    Atlas *a = load(f);
    assert_non_null(a);
    fixture_expect_message(&f->diag, "atlas.json: region: should be [west, south, east, north]");
    fixture_expect_message(&f->diag, "atlas.json: view.center: should be [longitude, latitude]");
    fixture_expect_message(&f->diag, "atlas.json: view.span_km: should be a finite number");
    fixture_expect_message(&f->diag,
                           "atlas.json: layers[0].style.width: should be a finite number");
    fixture_expect_message(&f->diag,
                           "atlas.json: layers[0].style.min_span_km: should be a finite number");
    assert_true(a->view_span > 0 && a->view_span < 1e8);
}

/* --- geometry --- */

static void empty_and_degenerate_geometry_should_be_named(void **state)
{
    Fixture *f = *state;
    fixture_put(
        f, "overlays.geojson",
        "{\"type\": \"FeatureCollection\", \"features\": [" AREA("a", "0659", "0700", "{\"type\": \"Polygon\", \"coordinates\": []}") ",\n" AREA("b", "0659", "0700", "{\"type\": \"Polygon\", \"coordinates\": [[]]}") ",\n" AREA(
            "c", "0659", "0700",
            "{\"type\": \"Polygon\", "
            "\"coordinates\": "
            "[[[69,34],[71,34],[69,34]"
            "]]}") ",\n" AREA("d", "0659", "0700",
                              "{\"type"
                              "\": "
                              "\"Geome"
                              "tryColl"
                              "ection"
                              "\", "
                              "\"geome"
                              "tries\""
                              ": []}") ",\n" AREA("e", "0659", "0700",
                                                  "{\"type\": \"MultiPolygon\", \"coordinates\": "
                                                  "[[]]}") ",\n"
                                                           "  {\"type\": \"Feature\", "
                                                           "\"properties\": {\"id\": \"p\", "
                                                           "\"kind\": \"site\", \"name\": "
                                                           "\"n\", \"start\": \"0659\", \"end\": "
                                                           "\"0700\", \"source\": \"S\"}, "
                                                           "\"geometry\": "
                                                           "{\"type\": \"Point\", \"coordinates\": "
                                                           "[]}},\n"
                                                           "  {\"type\": \"Feature\", "
                                                           "\"properties\": {\"id\": \"l\", "
                                                           "\"kind\": \"rail\", \"name\": "
                                                           "\"n\", \"start\": \"0659\", \"end\": "
                                                           "\"0700\", \"source\": \"S\"}, "
                                                           "\"geometry\": "
                                                           "{\"type\": \"LineString\", "
                                                           "\"coordinates\": [[70, 35]]}}]}");
    Atlas *a = load(f);
    assert_non_null(a);
    fixture_expect_message(&f->diag,
                           "overlays.geojson: features[0].geometry: the geometry is empty");
    fixture_expect_message(&f->diag,
                           "overlays.geojson: features[1].geometry: a ring needs at least four");
    fixture_expect_message(&f->diag,
                           "overlays.geojson: features[2].geometry: a ring needs at least four");
    fixture_expect_message(&f->diag, "overlays.geojson: features[3].geometry:");
    fixture_expect_message(&f->diag,
                           "overlays.geojson: features[4].geometry: the geometry is empty");
    fixture_expect_message(&f->diag,
                           "overlays.geojson: features[5].geometry: a position should be");
    fixture_expect_message(&f->diag,
                           "overlays.geojson: features[6].geometry: a line needs two positions");
    assert_int_equal(a->noverlays, 0);
    assert_int_equal(a->nevents, FIXTURE_EVENTS);
}

static void self_intersecting_and_collapsed_polygons_should_load_and_fail_validation(void **state)
{
    Fixture *f = *state;
    fixture_put(f, "overlays.geojson",
                "{\"type\": \"FeatureCollection\", \"features\": [" AREA(
                    "flat", "0659", "0700",
                    "{\"type\": \"Polygon\", "
                    "\"coordinates\": "
                    "[[[70,34],[70,35],[70,34],[70,35],[70,34]"
                    "]]}") ",\n" AREA("spike", "0659", "0700",
                                      "{\"type\": "
                                      "\"Polygon\", "
                                      "\"coordinates\""
                                      ": "
                                      "[[[69,34],[71,"
                                      "34],[71,36],["
                                      "71,34],[69,36],"
                                      "[69,34]]]}") "]"
                                                    "}");
    Atlas *a = load(f);
    assert_non_null(a);
    assert_int_equal(a->noverlays, 2);
    int errors = atlas_validate(a, &f->diag);
    for (size_t i = 0; i < f->diag.count; i++)
        print_message("  %s\n", f->diag.entries[i].text);
    assert_true(errors >= 2);
    fixture_expect_message(&f->diag,
                           "overlays.geojson: feature \"flat\": invalid polygon: it has no area");
    fixture_expect_message(&f->diag, "overlays.geojson: feature \"spike\": invalid polygon");
    /* Drawing and picking them must not crash either. */
    for (int i = 0; i < a->noverlays; i++) {
        geo_shape_mesh(f->geo, &a->overlays[i].shape, 0);
        geo_shape_covers(f->geo, &a->overlays[i].shape, 0, 0);
    }
}

/* --- where the files are --- */

static void directory_where_a_file_is_expected_should_be_named(void **state)
{
    Fixture *f = *state;
    char path[128];
    snprintf(path, sizeof path, "%s/events.json", f->dir);
    assert_int_equal(unlink(path), 0);
    assert_int_equal(mkdir(path, 0755), 0);
    Atlas *a = load(f);
    assert_non_null(a);
    rmdir(path); /* so the next run's fixture can write the file again */
    fixture_expect_message(&f->diag, "events.json: not a regular file");
    assert_int_equal(a->nevents, 0);
    assert_int_equal(a->noverlays, FIXTURE_OVERLAYS);
}

static void unreadable_file_should_be_named(void **state)
{
    Fixture *f = *state;
    char path[128];
    snprintf(path, sizeof path, "%s/timeline.json", f->dir);
    assert_int_equal(chmod(path, 0), 0);
    FILE *probe = fopen(path, "rb");
    if (probe) {
        fclose(probe);
        print_message("running as root: chmod 000 does not stop reading; case skipped (the "
                      "directory case covers the path)\n");
        skip();
    }
    Atlas *a = load(f);
    assert_non_null(a);
    fixture_expect_message(&f->diag, "timeline.json: cannot open");
}

static void layers_in_a_missing_maps_folder_should_warn_and_load_the_rest(void **state)
{
    Fixture *f = *state;
    fixture_put(
        f, "atlas.json",
        "{\"time\": {\"start\": \"-0250\", \"end\": \"2027\"},\n"
        " \"layers\": [{\"id\": \"countries\", \"file\": \"../no-maps-here/countries.shp\"},\n"
        "             {\"id\": \"places\", \"file\": \"../no-maps-here/places.shp\"}],\n"
        " \"places\": {\"layer\": \"places\"}, \"timeline\": \"timeline.json\",\n"
        " \"events\": [\"events.json\"], \"overlays\": [\"overlays.geojson\"]}");
    Atlas *a = load(f);
    assert_non_null(a);
    fixture_expect_message(&f->diag, "no-maps-here/countries.shp: cannot open as a shapefile");
    fixture_expect_message(&f->diag, "no-maps-here/places.shp: cannot open as a shapefile");
    assert_int_equal(a->nlayers, 0);
    assert_int_equal(a->neras, FIXTURE_ERAS);
    assert_int_equal(a->noverlays, FIXTURE_OVERLAYS); /* the site keeps its point */
    fixture_expect_message(&f->diag, "features[3].place: no place has the id \"alpha\"");
}

static void atlas_path_that_is_not_an_atlas_should_be_refused_by_name(void **state)
{
    Fixture *f = *state;
    /* A directory without atlas.json, a shapefile, and a text file given as the atlas. */
    mkdir("empty-dir", 0755);
    assert_null(atlas_load(f->geo, "empty-dir", &f->diag));
    fixture_expect_message(&f->diag, "empty-dir/atlas.json: cannot open");
    char path[128];
    snprintf(path, sizeof path, "%s/places.shp", f->dir);
    assert_null(atlas_load(f->geo, path, &f->diag));
    fixture_expect_message(&f->diag, "places.shp: not valid UTF-8");
    assert_true(fixture_write_text("notes.txt", "Kabul, 659: the Tang arrive.\n"));
    assert_null(atlas_load(f->geo, "notes.txt", &f->diag));
    fixture_expect_message(&f->diag, "notes.txt: line 1");
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, fixture_teardown)
    const struct CMUnitTest tests[] = {
        T(truncated_timeline_should_be_named_and_the_events_still_load),
        T(overlays_that_are_not_json_should_be_named_and_the_rest_load),
        T(empty_files_should_be_named),
        T(top_level_of_wrong_type_should_be_named),
        T(manifest_that_is_an_array_should_be_refused),
        T(manifest_members_of_wrong_type_should_be_named_and_ignored),
        T(timeline_of_wrong_types_should_be_named_and_the_rest_kept),
        T(event_members_of_wrong_type_should_be_named),
        T(overlay_members_of_wrong_type_or_missing_should_be_named),
        T(unknown_references_in_overlays_should_be_named),
        T(unknown_places_layer_should_be_named_and_events_lose_their_places),
        T(places_layer_of_polygons_should_be_refused_by_name),
        T(duplicate_ids_should_be_named_in_every_file),
        T(overlay_id_repeated_in_a_second_file_should_be_named),
        T(year_zero_should_be_1_bc_and_minus_zero_refused),
        T(malformed_and_impossible_dates_should_be_named),
        T(dates_outside_the_atlas_should_be_named),
        T(spans_that_end_before_they_start_should_be_named),
        T(invalid_utf8_should_be_named_in_every_file),
        T(hundred_megabyte_string_should_be_refused_quickly),
        T(hundred_megabyte_overlay_name_and_manifest_title_should_be_refused),
        T(file_over_the_size_limit_should_be_refused_without_reading_it),
        T(hundred_thousand_nested_arrays_should_be_refused_in_every_file),
        T(nested_arrays_in_the_manifest_should_be_refused_by_name),
        T(numbers_like_1e999_should_be_refused_where_numbers_are_read),
        T(empty_and_degenerate_geometry_should_be_named),
        T(self_intersecting_and_collapsed_polygons_should_load_and_fail_validation),
        T(directory_where_a_file_is_expected_should_be_named),
        T(unreadable_file_should_be_named),
        T(layers_in_a_missing_maps_folder_should_warn_and_load_the_rest),
        T(atlas_path_that_is_not_an_atlas_should_be_refused_by_name),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
