/* Which events concern a territory, a route or a site: explicit links, places inside or near
 * the feature within its span, and events under other territories of the same polity. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atlas/atlas.h"
#include "fixture.h"

/* Places of the fixture: alpha (70, 35), beta (75, 39), gamma (66, 37). */
static const char events_json[] =
    "{\"events\": [\n"
    " {\"id\": \"early\", \"date\": \"-0100\", \"title\": \"Early\", \"summary\": \"s\",\n"
    "  \"places\": [\"alpha\"], \"tags\": [\"trade\"], \"source\": \"Test\"},\n"
    " {\"id\": \"alpha-700\", \"date\": \"0700\", \"title\": \"At alpha\", \"summary\": \"s\",\n"
    "  \"places\": [\"alpha\"], \"tags\": [\"trade\"], \"source\": \"Test\"},\n"
    " {\"id\": \"beta-700\", \"date\": \"0700\", \"title\": \"At beta\", \"summary\": \"s\",\n"
    "  \"places\": [\"beta\"], \"tags\": [\"trade\"], \"source\": \"Test\"},\n"
    " {\"id\": \"gamma-700\", \"date\": \"0700\", \"title\": \"At gamma\", \"summary\": \"s\",\n"
    "  \"places\": [\"gamma\"], \"tags\": [\"trade\"], \"source\": \"Test\"},\n"
    " {\"id\": \"beta-850\", \"date\": \"0850\", \"title\": \"Beta later\", \"summary\": \"s\",\n"
    "  \"places\": [\"beta\"], \"tags\": [\"trade\"], \"source\": \"Test\"},\n"
    " {\"id\": \"gamma-1000\", \"date\": \"1000\", \"title\": \"Gamma\", \"summary\": \"s\",\n"
    "  \"places\": [\"gamma\"], \"tags\": [\"trade\"], \"source\": \"Test\"},\n"
    " {\"id\": \"listed\", \"date\": \"1960\", \"title\": \"Listed\", \"summary\": \"s\",\n"
    "  \"places\": [\"gamma\"], \"tags\": [\"trade\"], \"source\": \"Test\"}]}\n";

#define BOX(x0, y0, x1, y1)                                                                        \
    "{\"type\": \"Polygon\", \"coordinates\": [[[" #x0 "," #y0 "],[" #x1 "," #y0 "],[" #x1 "," #y1 \
    "],[" #x0 "," #y1 "],[" #x0 "," #y0 "]]]}"

static const char overlays_json[] =
    "{\"type\": \"FeatureCollection\", \"features\": [\n"
    " {\"type\": \"Feature\", \"properties\": {\"id\": \"tang-west\", \"kind\": \"protectorate\",\n"
    "  \"polity\": \"tang\", \"name\": \"West\", \"start\": \"0659\", \"end\": \"0751\",\n"
    "  \"events\": [\"listed\"], \"source\": \"Test\"}, \"geometry\": " BOX(
        68, 33, 72,
        37) "},\n"
            " {\"type\": \"Feature\", \"properties\": {\"id\": \"tang-east\", \"kind\": "
            "\"control\",\n"
            "  \"polity\": \"tang\", \"name\": \"East\", \"start\": \"0600\", \"end\": \"0900\",\n"
            "  \"source\": \"Test\"}, \"geometry\": " BOX(
                74, 38, 76,
                40) "},\n"
                    " {\"type\": \"Feature\", \"properties\": {\"id\": \"local-land\", \"kind\": "
                    "\"control\",\n"
                    "  \"polity\": \"local\", \"name\": \"Local\", \"start\": \"0600\", \"end\": "
                    "\"2027\",\n"
                    "  \"source\": \"Test\"}, \"geometry\": " BOX(
                        64, 36, 67,
                        38) "},\n"
                            " {\"type\": \"Feature\", \"properties\": {\"id\": \"no-mans-land\",\n"
                            "  \"kind\": \"contested\", \"name\": \"Between\", \"start\": "
                            "\"0600\", \"end\": \"1100\",\n"
                            "  \"source\": \"Test\"}, \"geometry\": " BOX(
                                65.5, 36.5, 66.5,
                                37.5) "},\n"
                                      " {\"type\": \"Feature\", \"properties\": {\"id\": \"road\", "
                                      "\"kind\": "
                                      "\"route\",\n"
                                      "  \"name\": \"Road\", \"start\": \"0600\", \"end\": "
                                      "\"0800\", "
                                      "\"source\": \"Test\"},\n"
                                      "  \"geometry\": {\"type\": \"LineString\", \"coordinates\": "
                                      "[[65.9,37.1],[68,40]]}},\n"
                                      " {\"type\": \"Feature\", \"properties\": {\"id\": \"mine\", "
                                      "\"kind\": "
                                      "\"site\",\n"
                                      "  \"symbol\": \"mine\", \"name\": \"Mine\", \"start\": "
                                      "\"1950\", "
                                      "\"end\": \"2027\",\n"
                                      "  \"place\": \"beta\", \"source\": \"Test\"},\n"
                                      "  \"geometry\": {\"type\": \"Point\", \"coordinates\": [75, "
                                      "39]}}]}\n";

static int setup(void **state)
{
    int rc = fixture_setup_atlas(state, "links-atlas");
    if (rc)
        return rc;
    Fixture *f = *state;
    fixture_put(f, "events.json", events_json);
    fixture_put(f, "overlays.geojson", overlays_json);
    return fixture_load(f) && f->diag.count == 0 ? 0 : -1;
}

/* The ids of an overlay's linked events, in order, joined by spaces. */
static void linked(Fixture *f, const char *overlay, char *buf, size_t size)
{
    int idx = atlas_overlay_find(f->atlas, overlay);
    assert_true(idx >= 0);
    int out[32];
    int n = atlas_overlay_events(f->atlas, idx, out, 32);
    assert_true(n >= 0 && n <= 32);
    buf[0] = '\0';
    for (int i = 0; i < n; i++) {
        const AtlasEvent *e = &f->atlas->events[out[i]];
        if (i > 0)
            assert_true(f->atlas->events[out[i - 1]].start <= e->start); /* by date */
        strncat(buf, e->id, size - strlen(buf) - 2);
        strncat(buf, " ", size - strlen(buf) - 1);
    }
}

/* Same-date events may come in either order: compare as sets of words. */
static void expect_ids(const char *got, const char *want)
{
    char w[256], padded[300];
    snprintf(w, sizeof w, "%s", want);
    snprintf(padded, sizeof padded, " %s", got);
    int nwant = 0, ngot = 0;
    for (char *t = strtok(w, " "); t; t = strtok(NULL, " ")) {
        char needle[64];
        snprintf(needle, sizeof needle, " %s ", t);
        if (!strstr(padded, needle))
            fail_msg("expected %s among [%s]", t, got);
        nwant++;
    }
    for (const char *p = got; *p; p++)
        ngot += *p == ' ';
    if (ngot != nwant)
        fail_msg("expected exactly [%s], got [%s]", want, got);
}

static void a_territory_should_list_events_inside_it_in_its_span_and_its_own_links(void **state)
{
    char got[256];
    linked(*state, "tang-west", got, sizeof got);
    /* alpha-700 inside; beta-700 under the same polity's other territory; listed by id
     * although it is outside the span; early and beta-850 are outside the span. */
    expect_ids(got, "alpha-700 beta-700 listed");
}

static void a_territory_should_list_its_polity_s_events_only_within_its_own_span(void **state)
{
    char got[256];
    linked(*state, "tang-east", got, sizeof got);
    /* alpha-700 is under tang-west in 700; beta-850 inside; gamma is no Tang land. */
    expect_ids(got, "alpha-700 beta-700 beta-850");
    linked(*state, "local-land", got, sizeof got);
    expect_ids(got, "gamma-700 gamma-1000 listed");
}

static void a_route_should_list_events_at_places_near_it_within_its_span(void **state)
{
    char got[256];
    linked(*state, "road", got, sizeof got);
    /* gamma lies about 14 km from the road's start; gamma-1000 is after the road's end. */
    expect_ids(got, "gamma-700");
}

static void a_site_should_list_every_event_of_its_place(void **state)
{
    char got[256];
    linked(*state, "mine", got, sizeof got);
    expect_ids(got, "beta-700 beta-850");
}

/* Land nobody holds needs no polity, covers its points like any territory, and lists the
 * events inside it. */
static void contested_land_should_load_without_a_polity(void **state)
{
    Fixture *f = *state;
    int idx = atlas_overlay_find(f->atlas, "no-mans-land");
    assert_true(idx >= 0);
    const AtlasOverlay *o = &f->atlas->overlays[idx];
    assert_int_equal(o->kind, ATLAS_CONTESTED);
    assert_int_equal(o->polity, -1);
    assert_true(atlas_kind_is_area(o->kind) && atlas_kind_is_unheld(o->kind));
    assert_string_equal(atlas_kind_name(ATLAS_UNCLAIMED), "unclaimed");
    const AtlasPlace *gamma = &f->atlas->places[atlas_place_find(f->atlas, "gamma")];
    int out[8];
    int n = atlas_overlays_covering(f->atlas, 700.5, gamma->x, gamma->y, out, 8);
    assert_true(n >= 1);
    assert_int_equal(out[0], idx); /* the smallest first */
    char got[256];
    linked(f, "no-mans-land", got, sizeof got);
    expect_ids(got, "gamma-700 gamma-1000");
}

static void linking_should_replace_the_list_once(void **state)
{
    Fixture *f = *state;
    int idx = atlas_overlay_find(f->atlas, "tang-west");
    AtlasOverlay *o = &f->atlas->overlays[idx];
    assert_int_equal(o->nevents, 1); /* as the file lists them */
    assert_false(o->events_linked);
    assert_true(atlas_overlay_link_events(f->atlas, idx));
    assert_int_equal(o->nevents, 3);
    assert_true(o->events_linked);
    int *list = o->events;
    assert_true(atlas_overlay_link_events(f->atlas, idx));
    assert_ptr_equal(o->events, list);
    assert_int_equal(o->nevents, 3);
    assert_false(atlas_overlay_link_events(f->atlas, -1));
    assert_false(atlas_overlay_link_events(f->atlas, f->atlas->noverlays));
}

static void a_short_output_should_still_count_every_event(void **state)
{
    Fixture *f = *state;
    int out[1];
    int n = atlas_overlay_events(f->atlas, atlas_overlay_find(f->atlas, "tang-east"), out, 1);
    assert_int_equal(n, 3);
    assert_true(f->atlas->events[out[0]].start == 700); /* the earliest: one of the two of 700 */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_territory_should_list_events_inside_it_in_its_span_and_its_own_links),
        cmocka_unit_test(a_territory_should_list_its_polity_s_events_only_within_its_own_span),
        cmocka_unit_test(a_route_should_list_events_at_places_near_it_within_its_span),
        cmocka_unit_test(a_site_should_list_every_event_of_its_place),
        cmocka_unit_test(a_short_output_should_still_count_every_event),
        cmocka_unit_test(contested_land_should_load_without_a_polity),
        cmocka_unit_test(linking_should_replace_the_list_once),
    };
    return cmocka_run_group_tests(tests, setup, fixture_teardown);
}
