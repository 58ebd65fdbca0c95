/* The atlas's id indexes: lookups by id at any size, and ids that still find their records
 * after the loaders sort and link them. */
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

enum { MANY = 20000 };

static void index_should_find_every_id_and_only_those(void **state)
{
    (void)state;
    static char ids[MANY][16];
    AtlasIndex ix = {0};
    for (int i = 0; i < MANY; i++) {
        snprintf(ids[i], sizeof ids[i], "id-%d", i);
        assert_true(atlas_index_put(&ix, ids[i], i));
    }
    assert_int_equal(ix.count, MANY);
    assert_true(ix.cap >= 2 * ix.count); /* never more than half full */
    for (int i = 0; i < MANY; i++)
        assert_int_equal(atlas_index_get(&ix, ids[i]), i);
    char probe[16];
    snprintf(probe, sizeof probe, "id-%d", MANY); /* an id nobody put */
    assert_int_equal(atlas_index_get(&ix, probe), -1);
    assert_int_equal(atlas_index_get(&ix, "id-"), -1);
    assert_int_equal(atlas_index_get(&ix, ""), -1);
    assert_int_equal(atlas_index_get(&ix, NULL), -1);
    /* A key equal by value, not by pointer, finds the record; putting it again replaces. */
    assert_int_equal(atlas_index_get(&ix, strcpy(probe, "id-77")), 77);
    assert_true(atlas_index_put(&ix, ids[77], 5));
    assert_int_equal(atlas_index_get(&ix, "id-77"), 5);
    assert_int_equal(ix.count, MANY);
    atlas_index_free(&ix);
    assert_int_equal(atlas_index_get(&ix, "id-1"), -1);
}

static void loaded_ids_should_find_their_records(void **state)
{
    Fixture *f = *state;
    Atlas *a = f->atlas;
    assert_non_null(a);
    assert_true(a->nevents > 1 && a->nplaces > 1 && a->noverlays > 1 && a->npolities > 1);
    /* Events are sorted after loading: every id must find the record where it now is. */
    for (int i = 0; i < a->nevents; i++)
        assert_int_equal(atlas_event_find(a, a->events[i].id), i);
    for (int i = 0; i < a->nplaces; i++)
        assert_int_equal(atlas_place_find(a, a->places[i].id), i);
    for (int i = 0; i < a->noverlays; i++)
        assert_int_equal(atlas_overlay_find(a, a->overlays[i].id), i);
    for (int i = 0; i < a->npolities; i++)
        assert_int_equal(atlas_polity_find(a, a->polities[i].id), i);
    assert_int_equal(atlas_event_find(a, "no-such-event"), -1);
    /* Each place lists its events once, by date. */
    for (int p = 0; p < a->nplaces; p++)
        for (int k = 1; k < a->places[p].nevents; k++)
            assert_true(a->places[p].events[k - 1] < a->places[p].events[k]);
}

static int setup_loaded(void **state)
{
    return fixture_setup_loaded(state, "index");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(index_should_find_every_id_and_only_those),
        cmocka_unit_test_setup_teardown(loaded_ids_should_find_their_records, setup_loaded,
                                        fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
