/*
 * Test fixtures written by the tests themselves: shapefiles through shapelib's writer API and
 * small JSON files, so no test depends on a binary file nobody can read.
 */
#ifndef WK_FIXTURE_H
#define WK_FIXTURE_H

#include <stdbool.h>

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

bool fixture_write_text(const char *path, const char *text);

/* Overwrites a little-endian int32 at `offset` in a file: for corrupting fixtures. */
bool fixture_patch_int32(const char *path, long offset, int value);

/* A complete small atlas in `dir`: places alpha, beta, gamma; two eras; three events; one
 * protectorate over alpha from 659 to 751 and one control area. */
bool fixture_test_atlas(const char *dir);

#endif
