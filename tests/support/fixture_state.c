/*
 * The cmocka side of the fixtures: setups, teardown and assertions shared by the test
 * programs. Kept apart from fixture.c, which the fuzz harnesses link without cmocka.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>

#include "fixture.h"

int fixture_setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    f->geo = geo_context_create();
    wk_diag_init(&f->diag);
    *state = f;
    return f->geo ? 0 : -1;
}

int fixture_setup_atlas(void **state, const char *prefix)
{
    if (fixture_setup(state) != 0)
        return -1;
    Fixture *f = *state;
    /* A new directory per test, so no test sees another's broken files. */
    snprintf(f->dir, sizeof f->dir, "%s-XXXXXX", prefix);
    if (!mkdtemp(f->dir))
        return -1;
    return fixture_test_atlas(f->dir) ? 0 : -1;
}

int fixture_setup_loaded(void **state, const char *prefix)
{
    if (fixture_setup_atlas(state, prefix) != 0)
        return -1;
    return fixture_load(*state) ? 0 : -1;
}

int fixture_teardown(void **state)
{
    Fixture *f = *state;
    atlas_free(f->atlas);
    wk_diag_free(&f->diag);
    geo_context_destroy(f->geo);
    free(f);
    return 0;
}

void fixture_put(Fixture *f, const char *name, const char *text)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", f->dir, name);
    assert_true(fixture_write_text(path, text));
}

Atlas *fixture_load(Fixture *f)
{
    f->atlas = atlas_load(f->geo, f->dir, &f->diag);
    return f->atlas;
}

void fixture_expect_message(const WkDiag *diag, const char *needle)
{
    if (!wk_diag_find(diag, needle)) {
        for (size_t i = 0; i < diag->count; i++)
            print_message("  %s\n", diag->entries[i].text);
        fail_msg("no message contains \"%s\"", needle);
    }
}
