/*
 * Test fixtures written by the tests themselves: shapefiles through shapelib's writer API and
 * small JSON files, so no test depends on a binary file nobody can read.
 */
#ifndef WK_FIXTURE_H
#define WK_FIXTURE_H

#include <stdbool.h>

#include "atlas/atlas.h"

typedef struct FixtureRecord {
    int nparts;
    const int *parts; /* part starts; NULL with nparts 0 */
    int nvertices;
    const double *x, *y;
    const char *const *values; /* one per field */
} FixtureRecord;

/* Writes path.shp/.shx/.dbf with string fields; returns false on failure. */
bool fixture_write_shapefile(const char *path, int shp_type, const FixtureRecord *records, int n,
                             const char *const *fields, int nfields);

/* The same with the .dbf in another code page: `code_page` is what the .cpg says ("1256",
 * "GBK"), `iconv_name` the name iconv converts the UTF-8 `values` with ("CP1256"), or NULL to
 * write the bytes as given. */
bool fixture_write_shapefile_cp(const char *path, int shp_type, const FixtureRecord *records, int n,
                                const char *const *fields, int nfields, const char *code_page,
                                const char *iconv_name);

bool fixture_write_text(const char *path, const char *text);

/* Overwrites a little-endian int32 at `offset` in a file: for corrupting fixtures. */
bool fixture_patch_int32(const char *path, long offset, int value);

/* A complete small atlas in `dir`: places alpha, beta, gamma; two eras; three events; one
 * protectorate over alpha from 659 to 751 and one control area. */
bool fixture_test_atlas(const char *dir);

/* --- fixture_state.c: for cmocka test programs only --- */

/* The state most tests share: library contexts, a diagnostics list, and (for atlas tests) a
 * directory holding a fresh copy of the fixture atlas and the atlas loaded from it. */
typedef struct Fixture {
    GeoContext *geo;
    WkDiag diag;
    Atlas *atlas; /* NULL until fixture_load */
    char dir[64]; /* "" when the test has no atlas directory */
} Fixture;

/* cmocka setups and teardown (each returns 0 on success): contexts only; contexts and a new
 * fixture atlas directory named after `prefix`; the same with the atlas loaded. */
int fixture_setup(void **state);
int fixture_setup_atlas(void **state, const char *prefix);
int fixture_setup_loaded(void **state, const char *prefix);
int fixture_teardown(void **state);

/* Replaces a file of the fixture atlas (fails the test when it cannot be written). */
void fixture_put(Fixture *f, const char *name, const char *text);
/* Loads the fixture atlas into f->atlas and returns it (NULL when loading failed). */
Atlas *fixture_load(Fixture *f);
/* Fails the test, listing every message, when none contains `needle`. */
void fixture_expect_message(const WkDiag *diag, const char *needle);

#endif
