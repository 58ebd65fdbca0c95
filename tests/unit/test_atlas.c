/* The atlas loaders: the manifest, the timeline, events and overlays, and every way a file can
 * be wrong, each reported with the file and the place inside it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>

#include "atlas/atlas.h"
#include "core/util.h"
#include "fixture.h"

static int setup(void **state)
{
    return fixture_setup_atlas(state, "atlas");
}

static void test_atlas_should_load_cleanly(void **state)
{
    Fixture *f = *state;
    Atlas *a = fixture_load(f);
    assert_non_null(a);
    for (size_t i = 0; i < f->diag.count; i++)
        print_message("  %s\n", f->diag.entries[i].text);
    assert_int_equal(f->diag.count, 0);
    assert_string_equal(a->title, "Test atlas");
    assert_int_equal(a->nlayers, 2);
    assert_int_equal(a->nplaces, 3);
    assert_int_equal(a->neras, 2);
    assert_int_equal(a->npolities, 2);
    assert_int_equal(a->nevents, 3);
    assert_int_equal(a->noverlays, 4);
    assert_string_equal(a->places[0].name_zh, "阿");
    /* Events are sorted by date, and places list theirs. */
    assert_string_equal(a->events[0].id, "war");
    assert_string_equal(a->events[2].id, "treaty");
    int alpha = atlas_place_find(a, "alpha");
    assert_int_equal(a->places[alpha].nevents, 2);
    /* Overlay references resolve to the sorted events. */
    int prot = atlas_overlay_find(a, "test-protectorate");
    assert_int_equal(a->overlays[prot].nevents, 1);
    assert_string_equal(a->events[a->overlays[prot].events[0]].id, "founding");
    assert_int_equal(a->overlays[prot].certainty, ATLAS_CERTAIN_LOW);
    assert_int_equal(atlas_validate(a, &f->diag), 0);
}

static void missing_manifest_should_fail(void **state)
{
    Fixture *f = *state;
    assert_null(atlas_load(f->geo, "no-such-atlas", &f->diag));
    fixture_expect_message(&f->diag, "no-such-atlas/atlas.json: cannot open");
}

static void manifest_not_json_should_name_line_and_column(void **state)
{
    Fixture *f = *state;
    fixture_put(f, "atlas.json", "{\n  \"title\": \"x\",\n  \"time\": oops\n}\n");
    assert_null(fixture_load(f));
    fixture_expect_message(&f->diag, "atlas.json: line 3, column 11: not valid JSON");
}

static void truncated_manifest_should_say_it_ends_early(void **state)
{
    Fixture *f = *state;
    fixture_put(f, "atlas.json", "{\"title\": \"x\", \"time\": {\"start\": \"0001\"");
    assert_null(fixture_load(f));
    fixture_expect_message(&f->diag, "ends too early");
}

static void manifest_without_time_should_fail(void **state)
{
    Fixture *f = *state;
    fixture_put(f, "atlas.json", "{\"title\": \"x\"}");
    assert_null(fixture_load(f));
    fixture_expect_message(&f->diag, "atlas.json: time: missing");
}

static void manifest_with_bad_projection_should_fail(void **state)
{
    Fixture *f = *state;
    fixture_put(
        f, "atlas.json",
        "{\"time\": {\"start\": \"0001\", \"end\": \"2000\"}, \"projection\": \"+proj=nonsense\"}");
    assert_null(fixture_load(f));
    fixture_expect_message(&f->diag, "projection: PROJ cannot use");
}

/* UTM 42N declared over degree coordinates: the layer lands near the equator, far outside the
 * region. Both the loader and the check say so, naming the file. */
static void wrong_prj_should_be_warned(void **state)
{
    Fixture *f = *state;
    fixture_put(
        f, "land.prj",
        "PROJCS[\"WGS_1984_UTM_Zone_42N\",GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID["
        "\"WGS_1984\",6378137.0,298.257223563]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0."
        "0174532925199433]],PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"False_Easting\",500000."
        "0],PARAMETER[\"False_Northing\",0.0],PARAMETER[\"Central_Meridian\",69.0],PARAMETER["
        "\"Scale_Factor\",0.9996],PARAMETER[\"Latitude_Of_Origin\",0.0],UNIT[\"Meter\",1.0]]");
    Atlas *a = fixture_load(f);
    assert_non_null(a);
    fixture_expect_message(&f->diag, "land.shp: the .prj says WGS_1984_UTM_Zone_42N (metres), "
                                     "but the coordinates");
    fixture_expect_message(&f->diag, "look like degrees; is it the wrong .prj?");
    atlas_validate(a, &f->diag);
    fixture_expect_message(&f->diag, "lies wholly outside the atlas's region");
}

static void manifest_time_of_wrong_type_should_fail(void **state)
{
    Fixture *f = *state;
    fixture_put(f, "atlas.json", "{\"time\": {\"start\": 1, \"end\": \"2000\"}}");
    assert_null(fixture_load(f));
    fixture_expect_message(&f->diag, "time.start: should be a string");
}

static void missing_layer_file_should_skip_only_that_layer(void **state)
{
    Fixture *f = *state;
    fixture_put(f, "atlas.json",
                "{\"time\": {\"start\": \"-0250\", \"end\": \"2027\"},"
                " \"layers\": [{\"id\": \"gone\", \"file\": \"gone.shp\"},"
                "              {\"id\": \"places\", \"file\": \"places.shp\"}],"
                " \"places\": {\"layer\": \"places\"}}");
    Atlas *a = fixture_load(f);
    assert_non_null(a);
    assert_int_equal(a->nlayers, 1);
    assert_int_equal(a->nplaces, 3);
    fixture_expect_message(&f->diag, "gone.shp");
}

static void bad_event_date_should_be_named_with_its_path(void **state)
{
    Fixture *f = *state;
    fixture_put(
        f, "events.json",
        "{\"events\": [\n"
        " {\"id\": \"ok\", \"date\": \"0659\", \"title\": \"t\", \"summary\": \"s\", \"places\": "
        "[\"alpha\"], \"source\": \"S\"},\n"
        " {\"id\": \"bad\", \"date\": \"19555\", \"title\": \"t\", \"summary\": \"s\", \"places\": "
        "[\"alpha\"], \"source\": \"S\"},\n"
        " {\"id\": \"zero\", \"date\": \"-0000\", \"title\": \"t\", \"summary\": \"s\", "
        "\"places\": [\"alpha\"], \"source\": \"S\"},\n"
        " {\"id\": \"late\", \"date\": \"2300\", \"title\": \"t\", \"summary\": \"s\", \"places\": "
        "[\"alpha\"], \"source\": \"S\"},\n"
        " {\"id\": \"back\", \"date\": \"0700/0650\", \"title\": \"t\", \"summary\": \"s\", "
        "\"places\": [\"alpha\"], \"source\": \"S\"}]}");
    Atlas *a = fixture_load(f);
    assert_non_null(a);
    assert_int_equal(a->nevents, 1);
    fixture_expect_message(&f->diag, "events.json: events[1].date: \"19555\" is not a date");
    fixture_expect_message(&f->diag, "events[2].date: \"-0000\" is not a date");
    fixture_expect_message(&f->diag, "events[3].date: lies outside");
    fixture_expect_message(&f->diag, "events[4].date: \"0700/0650\" is not a date");
}

static void event_with_unknown_place_or_duplicate_id_should_be_reported(void **state)
{
    Fixture *f = *state;
    fixture_put(
        f, "events.json",
        "{\"events\": [\n"
        " {\"id\": \"a\", \"date\": \"0659\", \"title\": \"t\", \"summary\": \"s\", \"places\": "
        "[\"alpha\", \"atlantis\"], \"source\": \"S\"},\n"
        " {\"id\": \"a\", \"date\": \"0660\", \"title\": \"t\", \"summary\": \"s\", \"places\": "
        "[\"beta\"], \"source\": \"S\"},\n"
        " {\"id\": \"b\", \"date\": \"0661\", \"title\": \"t\", \"places\": [\"beta\"], "
        "\"source\": \"S\", \"tags\": [\"magic\"]},\n"
        " {\"id\": \"c\", \"date\": \"0662\", \"title\": 7, \"summary\": \"s\", \"places\": "
        "[\"beta\"], \"source\": \"S\"}]}");
    Atlas *a = fixture_load(f);
    assert_non_null(a);
    assert_int_equal(a->nevents, 1);
    assert_int_equal(a->events[0].nplaces, 1);
    fixture_expect_message(&f->diag, "events[0].places: no place has the id \"atlantis\"");
    fixture_expect_message(&f->diag, "events[1].id: \"a\" is used twice");
    fixture_expect_message(&f->diag, "events[2].summary: missing");
    fixture_expect_message(&f->diag, "events[3].title: should be a string");
}

static void events_file_not_json_should_leave_the_rest(void **state)
{
    Fixture *f = *state;
    fixture_put(f, "events.json", "[1, 2,");
    Atlas *a = fixture_load(f);
    assert_non_null(a);
    assert_int_equal(a->nevents, 0);
    assert_int_equal(a->noverlays, 4 - 0); /* the overlays still load */
    fixture_expect_message(&f->diag, "events.json: line 1");
}

static void invalid_utf8_should_be_refused(void **state)
{
    Fixture *f = *state;
    fixture_put(f, "events.json", "{\"events\": [{\"id\": \"a\xff\"}]}");
    Atlas *a = fixture_load(f);
    assert_non_null(a);
    fixture_expect_message(&f->diag, "events.json: not valid UTF-8");
}

static void deep_nesting_should_be_refused_not_crash(void **state)
{
    Fixture *f = *state;
    enum { DEPTH = 100000 };
    char *text = malloc(2 * DEPTH + 1);
    memset(text, '[', DEPTH);
    memset(text + DEPTH, ']', DEPTH);
    text[2 * DEPTH] = '\0';
    fixture_put(f, "events.json", text);
    free(text);
    Atlas *a = fixture_load(f);
    assert_non_null(a);
    fixture_expect_message(&f->diag, "events.json: line 1");
}

static void timeline_gaps_and_overlaps_should_be_reported(void **state)
{
    Fixture *f = *state;
    fixture_put(f, "timeline.json",
                "{\"eras\": [\n"
                " {\"id\": \"a\", \"name\": \"A\", \"start\": \"-0250\", \"end\": \"0600\"},\n"
                " {\"id\": \"b\", \"name\": \"B\", \"start\": \"0500\", \"end\": \"0700\"},\n"
                " {\"id\": \"c\", \"name\": \"C\", \"start\": \"0800\", \"end\": \"2027\"}],\n"
                " \"polities\": [{\"id\": \"tang\", \"name\": \"Tang\", \"color\": \"red\"},\n"
                "               {\"id\": \"local\", \"name\": \"L\", \"color\": \"#00ff00\"}]}");
    Atlas *a = fixture_load(f);
    assert_non_null(a);
    assert_int_equal(a->neras, 2);
    fixture_expect_message(&f->diag, "eras[1].start: overlaps");
    fixture_expect_message(&f->diag, "eras[2].start: leaves a gap");
    fixture_expect_message(&f->diag, "polities[0].color: \"red\" is not a colour");
    /* The protectorate's polity is gone, so it is left out and says why. */
    fixture_expect_message(&f->diag, "features[0].polity: no polity has the id \"tang\"");
}

static void overlay_errors_should_be_named_and_the_rest_kept(void **state)
{
    Fixture *f = *state;
    fixture_put(
        f, "overlays.geojson",
        "{\"type\": \"FeatureCollection\", \"features\": [\n"
        " {\"type\": \"Feature\", \"properties\": {\"id\": \"open\", \"kind\": \"control\", "
        "\"polity\": \"tang\", \"name\": \"n\", \"start\": \"0659\", \"end\": \"0700\", "
        "\"source\": \"S\"},\n"
        "  \"geometry\": {\"type\": \"Polygon\", \"coordinates\": "
        "[[[69,34],[71,34],[71,36],[69,36]]]}},\n"
        " {\"type\": \"Feature\", \"properties\": {\"id\": \"huge\", \"kind\": \"control\", "
        "\"polity\": \"tang\", \"name\": \"n\", \"start\": \"0659\", \"end\": \"0700\", "
        "\"source\": \"S\"},\n"
        "  \"geometry\": {\"type\": \"Polygon\", \"coordinates\": "
        "[[[69,34],[1e999,34],[71,36],[69,34]]]}},\n"
        " {\"type\": \"Feature\", \"properties\": {\"id\": \"empty\", \"kind\": \"control\", "
        "\"polity\": \"tang\", \"name\": \"n\", \"start\": \"0659\", \"end\": \"0700\", "
        "\"source\": \"S\"},\n"
        "  \"geometry\": {\"type\": \"MultiPolygon\", \"coordinates\": []}},\n"
        " {\"type\": \"Feature\", \"properties\": {\"id\": \"line\", \"kind\": \"control\", "
        "\"polity\": \"tang\", \"name\": \"n\", \"start\": \"0659\", \"end\": \"0700\", "
        "\"source\": \"S\"},\n"
        "  \"geometry\": {\"type\": \"LineString\", \"coordinates\": [[69,34],[70,35]]}},\n"
        " {\"type\": \"Feature\", \"properties\": {\"id\": \"backwards\", \"kind\": \"control\", "
        "\"polity\": \"tang\", \"name\": \"n\", \"start\": \"0700\", \"end\": \"0659\", "
        "\"source\": \"S\"},\n"
        "  \"geometry\": {\"type\": \"Polygon\", \"coordinates\": "
        "[[[69,34],[71,34],[71,36],[69,34]]]}},\n"
        " {\"type\": \"Feature\", \"properties\": {\"id\": \"bowtie\", \"kind\": \"control\", "
        "\"polity\": \"tang\", \"name\": \"n\", \"start\": \"0659\", \"end\": \"0700\", "
        "\"source\": \"S\"},\n"
        "  \"geometry\": {\"type\": \"Polygon\", \"coordinates\": "
        "[[[69,34],[71,36],[71,34],[69,36],[69,34]]]}},\n"
        " {\"type\": \"Feature\", \"properties\": {\"id\": \"kind\", \"kind\": \"empire\", "
        "\"polity\": \"tang\", \"name\": \"n\", \"start\": \"0659\", \"end\": \"0700\", "
        "\"source\": \"S\"},\n"
        "  \"geometry\": {\"type\": \"Point\", \"coordinates\": [70,35]}}]}");
    Atlas *a = fixture_load(f);
    assert_non_null(a);
    fixture_expect_message(&f->diag, "features[0].geometry: a ring is not closed");
    fixture_expect_message(&f->diag, "features[1].geometry: a position lies off the globe");
    fixture_expect_message(&f->diag, "features[2].geometry: the geometry is empty");
    fixture_expect_message(&f->diag,
                           "features[3].geometry: a control needs Polygon or MultiPolygon");
    fixture_expect_message(&f->diag, "features[4].end: should be after the start");
    fixture_expect_message(&f->diag, "features[6].kind: \"empire\" is not a kind");
    assert_int_equal(a->noverlays, 1); /* the bow tie loads; validation names it */
    assert_true(atlas_validate(a, &f->diag) >= 1);
    fixture_expect_message(&f->diag, "feature \"bowtie\": invalid polygon: Self-intersection");
    /* Its fill is still drawn: triangulation repairs it first. */
    assert_non_null(geo_shape_mesh(f->geo, &a->overlays[0].shape, 0));
}

static void overlay_file_that_is_not_a_collection_should_be_refused(void **state)
{
    Fixture *f = *state;
    fixture_put(f, "overlays.geojson", "{\"type\": \"Feature\"}");
    Atlas *a = fixture_load(f);
    assert_non_null(a);
    assert_int_equal(a->noverlays, 0);
    fixture_expect_message(&f->diag, "overlays.geojson: should be a GeoJSON FeatureCollection");
}

/* Coordinates are read from the text, not by cJSON: what it would refuse must still be refused,
 * with the feature named, and a "coordinates" inside a string is only text. */
static void coordinates_read_from_the_text_should_be_checked_like_json(void **state)
{
    Fixture *f = *state;
    /* One feature per line: id, note and coordinates. */
    static const char *const features[][3] = {
        {"good", "see \\\"coordinates\\\": [[1, 2]]",
         "[[[69,34],\n[71.25,34],\n[71,-0.5e1],[69,34]]]"},
        {"string", "", "[[[69,34],[71,\"x\"],[71,36],[69,34]]]"},
        {"commas", "", "[[[69,34],,[71,36],[69,34]]]"},
        {"number", "", "0"},
        {"hex", "", "[[[69,34],[0x10,34],[71,36],[69,34]]]"},
    };
    char text[4096];
    int n = snprintf(text, sizeof text, "{\"type\": \"FeatureCollection\", \"features\": [\n");
    for (size_t i = 0; i < sizeof features / sizeof *features; i++)
        n += snprintf(text + n, sizeof text - (size_t)n,
                      "%s {\"type\": \"Feature\", \"properties\": {\"id\": \"%s\", \"kind\": "
                      "\"control\", \"polity\": \"tang\", \"name\": \"n\", \"start\": \"0659\", "
                      "\"end\": \"0700\", \"source\": \"S\", \"note\": \"%s\"},\n  \"geometry\": "
                      "{\"type\": \"Polygon\", \"coordinates\": %s}}\n",
                      i ? "," : "", features[i][0], features[i][1], features[i][2]);
    snprintf(text + n, sizeof text - (size_t)n, "]}");
    fixture_put(f, "overlays.geojson", text);
    Atlas *a = fixture_load(f);
    assert_non_null(a);
    assert_int_equal(a->noverlays, 1);
    assert_string_equal(a->overlays[0].id, "good");
    assert_string_equal(a->overlays[0].note, "see \"coordinates\": [[1, 2]]");
    assert_int_equal(a->overlays[0].shape.path.npoints, 4);
    fixture_expect_message(&f->diag,
                           "features[1].geometry: a position should be [longitude, latitude]");
    fixture_expect_message(
        &f->diag, "features[2].geometry: \"coordinates\" should hold only arrays and numbers");
    /* A number where the array should be is refused, even one that names a lifted array. */
    fixture_expect_message(&f->diag,
                           "features[3].geometry: \"coordinates\" should be an array of positions");
    fixture_expect_message(
        &f->diag, "features[4].geometry: \"coordinates\" should hold only arrays and numbers");
}

/* A syntax error after lifted coordinates is still placed on its own line. */
static void syntax_error_after_coordinates_should_keep_its_line(void **state)
{
    Fixture *f = *state;
    fixture_put(f, "overlays.geojson",
                "{\"type\": \"FeatureCollection\", \"features\": [\n"
                " {\"type\": \"Feature\", \"geometry\": {\"type\": \"Polygon\", \"coordinates\":\n"
                "  [[[69,34],\n   [71,34],\n   [71,36],\n   [69,34]]]}}\n"
                " {\"type\": \"Feature\"}]}\n");
    Atlas *a = fixture_load(f);
    assert_non_null(a);
    fixture_expect_message(&f->diag, "overlays.geojson: line 7, column 2: not valid JSON");
}

/* Lifted arrays are left out of the text cJSON parses: an error after one on the same line is
 * still placed at its column in the file. */
static void syntax_error_beside_coordinates_should_keep_its_column(void **state)
{
    Fixture *f = *state;
    const char *text = "{\"type\": \"FeatureCollection\", \"features\": [{\"geometry\": "
                       "{\"coordinates\": [[69, 34], [71.5, 34.25]]} oops}]}\n";
    fixture_put(f, "overlays.geojson", text);
    assert_non_null(fixture_load(f));
    char want[64];
    snprintf(want, sizeof want, "line 1, column %d: not valid JSON",
             (int)(strstr(text, "oops") - text) + 1);
    fixture_expect_message(&f->diag, want);
}

/* wk_decimal gives what strtod gives, on the short numbers of coordinates and on others. */
static void decimals_should_equal_strtod(void **state)
{
    (void)state;
    const char *fixed[] = {"0",
                           "-0",
                           "74.5602",
                           "-12.25",
                           "0.1",
                           "0.30000000000000004",
                           "123456789012345678",
                           "1e5",
                           "-1.5E-3",
                           "9007199254740993",
                           "0.000000000000000000000001",
                           "179.9999999999999",
                           "89.99995"};
    for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++) {
        const char *s = fixed[i];
        double want = strtod(s, NULL), got = wk_decimal(s, s + strlen(s));
        assert_memory_equal(&want, &got, sizeof want);
    }
    srand(7);
    for (int i = 0; i < 200000; i++) {
        char s[40];
        int whole = rand() % 181, digits = rand() % 9;
        long frac = rand() % 1000000000L;
        snprintf(s, sizeof s, "%s%d.%0*ld", rand() % 2 ? "-" : "", whole, digits + 1,
                 frac % (long)pow(10, digits + 1));
        double want = strtod(s, NULL), got = wk_decimal(s, s + strlen(s));
        if (memcmp(&want, &got, sizeof want))
            fail_msg("%s: strtod %.17g, wk_decimal %.17g", s, want, got);
    }
}

/* The positions of every overlay's full-detail shape. */
static long overlay_positions(const Atlas *a)
{
    long n = 0;
    for (int i = 0; i < a->noverlays; i++)
        n += a->overlays[i].shape.path.npoints;
    return n;
}

/* A warm start takes the overlays' projected shapes from the cache without calling PROJ for
 * them (counted), and they are the shapes projecting gives; a changed file is projected again. */
static void cached_overlays_should_not_be_projected_again(void **state)
{
    Fixture *f = *state;
    char *cache = wk_strfmt("%s/cache", f->dir);
    assert_true(geo_context_set_cache_dir(f->geo, cache));
    free(cache);
    Atlas *cold = fixture_load(f);
    assert_non_null(cold);
    long positions = overlay_positions(cold);
    assert_true(positions > 0);

    long before = geo_context_projected(f->geo);
    Atlas *warm = fixture_load(f);
    assert_non_null(warm);
    long warm_projected = geo_context_projected(f->geo) - before;
    assert_int_equal(warm->noverlays, cold->noverlays);
    for (int i = 0; i < warm->noverlays; i++) {
        const GeoShape *a = &cold->overlays[i].shape, *b = &warm->overlays[i].shape;
        assert_string_equal(cold->overlays[i].id, warm->overlays[i].id);
        assert_int_equal(a->kind, b->kind);
        assert_int_equal(a->path.npoints, b->path.npoints);
        assert_int_equal(a->path.nparts, b->path.nparts);
        assert_memory_equal(a->path.xy, b->path.xy, sizeof(double) * 2 * (size_t)a->path.npoints);
        assert_memory_equal(&a->box, &b->box, sizeof a->box);
        for (int l = 1; a->kind != GEO_POINT && l < GEO_LOD_COUNT; l++)
            assert_true(b->lod[l] || b->lod_full[l] || b->lod_stored[l]);
    }
    atlas_free(cold);

    /* The same file with a new time: read and projected again, the base layers still cached. */
    char *file = wk_strfmt("%s/overlays.geojson", f->dir);
    struct timespec later[2] = {{0, UTIME_OMIT}, {2000000000, 0}};
    assert_int_equal(utimensat(AT_FDCWD, file, later, 0), 0);
    free(file);
    atlas_free(warm);
    before = geo_context_projected(f->geo);
    assert_non_null(fixture_load(f));
    assert_int_equal(geo_context_projected(f->geo) - before, warm_projected + positions);
    assert_int_equal(f->diag.count, 0);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, fixture_teardown)
    const struct CMUnitTest tests[] = {
        T(test_atlas_should_load_cleanly),
        T(missing_manifest_should_fail),
        T(manifest_not_json_should_name_line_and_column),
        T(truncated_manifest_should_say_it_ends_early),
        T(manifest_without_time_should_fail),
        T(manifest_with_bad_projection_should_fail),
        T(manifest_time_of_wrong_type_should_fail),
        T(wrong_prj_should_be_warned),
        T(missing_layer_file_should_skip_only_that_layer),
        T(bad_event_date_should_be_named_with_its_path),
        T(event_with_unknown_place_or_duplicate_id_should_be_reported),
        T(events_file_not_json_should_leave_the_rest),
        T(invalid_utf8_should_be_refused),
        T(deep_nesting_should_be_refused_not_crash),
        T(timeline_gaps_and_overlaps_should_be_reported),
        T(overlay_errors_should_be_named_and_the_rest_kept),
        T(overlay_file_that_is_not_a_collection_should_be_refused),
        T(coordinates_read_from_the_text_should_be_checked_like_json),
        T(syntax_error_after_coordinates_should_keep_its_line),
        T(syntax_error_beside_coordinates_should_keep_its_column),
        T(decimals_should_equal_strtod),
        T(cached_overlays_should_not_be_projected_again),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
