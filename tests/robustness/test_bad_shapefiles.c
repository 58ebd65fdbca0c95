/*
 * Broken shapefiles a teacher might add: each must be refused or skipped with a message that
 * names the file and the record, while every valid record still loads. What
 * tests/unit/test_shapefile.c already covers (missing .shx/.dbf, NaN, nParts == 0, a part start
 * out of range, a record of another type, Latin-1, an unreadable .prj) is not repeated here.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>
#include <shapefil.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fixture.h"
#include "geo/layer.h"

/* Offsets in the files shapelib writes: the 100-byte main header, then for the first .shp
 * record an 8-byte record header. */
#define SHP_HEADER_TYPE 32
#define SHX_HEADER_LENGTH 24 /* big-endian, in 16-bit words */
#define REC0_POINT_X 112
#define REC1_POINT_X (REC0_POINT_X + 28)
#define DBF_RECORD_COUNT 4
#define DBF_RECORD_LENGTH 10 /* little-endian uint16 */
/* A load of a hostile file must be quick; this is far above what a healthy one takes. */
#define MAX_LOAD_SECONDS 5.0

/* The shared fixture (contexts and diagnostics) plus the layer a test loaded. */
typedef struct LayerFixture {
    Fixture *fx;
    GeoLayer *layer;
} LayerFixture;

static int setup(void **state)
{
    LayerFixture *f = calloc(1, sizeof *f);
    void *fx = NULL;
    *state = f;
    if (!f || fixture_setup(&fx) != 0)
        return -1;
    f->fx = fx;
    return 0;
}

static int teardown(void **state)
{
    LayerFixture *f = *state;
    void *fx = f->fx;
    geo_layer_free(f->fx->geo, f->layer);
    free(f);
    return fixture_teardown(&fx);
}

static const char *const fields[] = {"name"};

/* Three points, named one, two, three. */
static void write_points(const char *base)
{
    static const double x[] = {70, 71, 72}, y[] = {35, 36, 37};
    static const char *const v[3][1] = {{"one"}, {"two"}, {"three"}};
    FixtureRecord recs[3];
    for (int i = 0; i < 3; i++)
        recs[i] = (FixtureRecord){0, NULL, 1, &x[i], &y[i], v[i]};
    assert_true(fixture_write_shapefile(base, SHPT_POINT, recs, 3, fields, 1));
}

static GeoLayer *load(LayerFixture *f, const char *base)
{
    clock_t start = clock();
    f->layer = geo_layer_load(f->fx->geo, base, NULL, &f->fx->diag);
    double seconds = (double)(clock() - start) / CLOCKS_PER_SEC;
    if (seconds > MAX_LOAD_SECONDS)
        fail_msg("loading %s took %.1f s", base, seconds);
    return f->layer;
}

static void file_path(char *buf, size_t size, const char *base, const char *ext)
{
    snprintf(buf, size, "%s.%s", base, ext);
}

static void truncate_file(const char *base, const char *ext, long length)
{
    char path[256];
    file_path(path, sizeof path, base, ext);
    assert_int_equal(truncate(path, length), 0);
}

static long file_size(const char *base, const char *ext)
{
    char path[256];
    struct stat st;
    file_path(path, sizeof path, base, ext);
    assert_int_equal(stat(path, &st), 0);
    return (long)st.st_size;
}

static void patch_bytes(const char *base, const char *ext, long offset, const void *bytes, size_t n)
{
    char path[256];
    file_path(path, sizeof path, base, ext);
    FILE *fp = fopen(path, "r+b");
    assert_non_null(fp);
    assert_int_equal(fseek(fp, offset, SEEK_SET), 0);
    assert_int_equal(fwrite(bytes, 1, n, fp), n);
    assert_int_equal(fclose(fp), 0);
}

static void patch_double(const char *base, long offset, double v)
{
    patch_bytes(base, "shp", offset, &v, sizeof v); /* the .shp stores doubles little-endian */
}

/* --- whole files --- */

static void zero_length_shp_should_be_refused_with_the_file_named(void **state)
{
    LayerFixture *f = *state;
    write_points("zshp");
    truncate_file("zshp", "shp", 0);
    assert_null(load(f, "zshp"));
    fixture_expect_message(&f->fx->diag, "zshp: cannot open as a shapefile");
}

static void zero_length_shx_should_be_refused_with_the_file_named(void **state)
{
    LayerFixture *f = *state;
    write_points("zshx");
    truncate_file("zshx", "shx", 0);
    assert_null(load(f, "zshx"));
    fixture_expect_message(&f->fx->diag, "zshx: cannot open as a shapefile");
}

static void zero_length_dbf_should_load_the_shapes_without_names(void **state)
{
    LayerFixture *f = *state;
    write_points("zdbf");
    truncate_file("zdbf", "dbf", 0);
    GeoLayer *layer = load(f, "zdbf");
    assert_non_null(layer);
    assert_int_equal(layer->count, 3);
    assert_int_equal(layer->nfields, 0);
    fixture_expect_message(&f->fx->diag, "zdbf: no readable .dbf");
}

static void shp_cut_inside_a_record_should_keep_the_records_before_it(void **state)
{
    LayerFixture *f = *state;
    write_points("cut");
    /* Each point record is 28 bytes; cut the last one in half. */
    truncate_file("cut", "shp", file_size("cut", "shp") - 14);
    GeoLayer *layer = load(f, "cut");
    if (!layer) {
        fixture_expect_message(&f->fx->diag, "cut"); /* refused whole: still named */
        return;
    }
    assert_int_equal(layer->count, 2);
    fixture_expect_message(&f->fx->diag, "cut: record 2");
}

static void shx_cut_short_should_load_only_the_records_it_indexes_or_refuse(void **state)
{
    LayerFixture *f = *state;
    write_points("shortshx");
    truncate_file("shortshx", "shx", 100 + 8); /* the header and one index entry */
    GeoLayer *layer = load(f, "shortshx");
    if (!layer) {
        fixture_expect_message(&f->fx->diag, "shortshx: cannot open as a shapefile");
        return;
    }
    assert_true(layer->count <= 1);
}

static void dbf_cut_short_should_keep_the_shapes_and_name_the_dbf(void **state)
{
    LayerFixture *f = *state;
    write_points("cutdbf");
    truncate_file("cutdbf", "dbf", file_size("cutdbf", "dbf") - 30);
    GeoLayer *layer = load(f, "cutdbf");
    assert_non_null(layer);
    assert_int_equal(layer->count, 3);
    assert_string_equal(geo_feature_value(&layer->features[0], 0), "one");
    assert_string_equal(geo_feature_value(&layer->features[2], 0), "");
    fixture_expect_message(&f->fx->diag, "cutdbf: record 2: the .dbf cannot be read");
}

static void shapefile_with_billion_record_header_should_be_refused(void **state)
{
    LayerFixture *f = *state;
    write_points("billion");
    /* The .shx length in 16-bit words, big-endian: a billion 8-byte index entries. */
    uint32_t words = 100 / 2 + 4u * 1000000000u / 4u * 4u / 2u;
    unsigned char be[4] = {(unsigned char)(words >> 24), (unsigned char)(words >> 16),
                           (unsigned char)(words >> 8), (unsigned char)words};
    patch_bytes("billion", "shx", SHX_HEADER_LENGTH, be, 4);
    GeoLayer *layer = load(f, "billion");
    if (layer) {
        /* shapelib may trust the real file size instead: then only the three records load. */
        assert_int_equal(layer->count, 3);
    } else {
        fixture_expect_message(&f->fx->diag, "billion: cannot open as a shapefile");
    }
}

static void dbf_with_billion_record_header_should_load_the_shapes(void **state)
{
    LayerFixture *f = *state;
    write_points("dbfbillion");
    int32_t n = 1000000000;
    patch_bytes("dbfbillion", "dbf", DBF_RECORD_COUNT, &n, 4);
    GeoLayer *layer = load(f, "dbfbillion");
    assert_non_null(layer);
    assert_int_equal(layer->count, 3);
    if (layer->nfields > 0)
        fixture_expect_message(&f->fx->diag, "dbfbillion: the .dbf has");
    else
        fixture_expect_message(&f->fx->diag, "dbfbillion: no readable .dbf");
}

static void dbf_whose_fields_overrun_its_records_should_not_be_read_past_the_end(void **state)
{
    LayerFixture *f = *state;
    write_points("overrun");
    /* The record length says 5 bytes, the one field says 40. */
    uint16_t length = 5;
    patch_bytes("overrun", "dbf", DBF_RECORD_LENGTH, &length, 2);
    GeoLayer *layer = load(f, "overrun");
    assert_non_null(layer);
    assert_int_equal(layer->count, 3);
    for (int i = 0; i < layer->count; i++)
        for (int k = 0; k < layer->nfields; k++)
            assert_true(strlen(geo_feature_value(&layer->features[i], k)) <= 40);
}

static void unknown_shape_type_should_be_refused_with_the_file_named(void **state)
{
    LayerFixture *f = *state;
    write_points("alien");
    int32_t type = 99; /* shapelib reads the type from the .shx header; the .shp repeats it */
    patch_bytes("alien", "shp", SHP_HEADER_TYPE, &type, 4);
    patch_bytes("alien", "shx", SHP_HEADER_TYPE, &type, 4);
    assert_null(load(f, "alien"));
    fixture_expect_message(&f->fx->diag, "alien: shape type 99 is not one Wakhan can draw");
}

/* --- records --- */

static void infinite_coordinate_should_skip_only_that_record(void **state)
{
    LayerFixture *f = *state;
    write_points("inf");
    patch_double("inf", REC1_POINT_X, INFINITY);
    GeoLayer *layer = load(f, "inf");
    assert_non_null(layer);
    assert_int_equal(layer->count, 2);
    fixture_expect_message(&f->fx->diag,
                           "inf: record 1: skipped: it has a NaN or infinite coordinate");
    assert_string_equal(geo_feature_value(&layer->features[1], 0), "three");
}

static void huge_coordinate_should_skip_only_that_record(void **state)
{
    LayerFixture *f = *state;
    write_points("huge");
    patch_double("huge", REC0_POINT_X, 1e300);
    GeoLayer *layer = load(f, "huge");
    assert_non_null(layer);
    assert_int_equal(layer->count, 2);
    fixture_expect_message(&f->fx->diag, "huge: record 0: skipped: it has a coordinate too large");
}

static void subnormal_coordinates_should_load_and_simplify_without_crashing(void **state)
{
    LayerFixture *f = *state;
    /* The shape the fuzzer found: GEOS recursed without end on a ring with a 1e-270 offset. */
    static const double x[] = {5, 0, 10, 5, 1, 3, 3, 1, 1, 1};
    static const double y[] = {4, 0, 0, 4, 3.78577e-270, 0, 0, 0, 0, 3.78577e-270};
    static const int parts[] = {0, 4};
    FixtureRecord rec = {2, parts, 10, x, y, NULL};
    assert_true(fixture_write_shapefile("tiny", SHPT_POLYGON, &rec, 1, NULL, 0));
    GeoLayer *layer = load(f, "tiny");
    assert_non_null(layer);
    assert_int_equal(layer->count, 1);
    for (int level = 1; level < GEO_LOD_COUNT; level++)
        assert_non_null(geo_shape_lod(f->fx->geo, &layer->features[0].shape, level));
    geo_shape_mesh(f->fx->geo, &layer->features[0].shape, 0);
}

static void every_broken_record_should_leave_the_rest_loaded(void **state)
{
    LayerFixture *f = *state;
    /* A thousand points, every other one broken: all 500 good ones load, the diagnostics list
     * stays bounded. */
    enum { N = 1000 };
    static double x[N], y[N];
    FixtureRecord recs[N];
    for (int i = 0; i < N; i++) {
        x[i] = i % 2 ? NAN : 70 + i * 0.001;
        y[i] = 35;
        recs[i] = (FixtureRecord){0, NULL, 1, &x[i], &y[i], NULL};
    }
    assert_true(fixture_write_shapefile("many", SHPT_POINT, recs, N, NULL, 0));
    GeoLayer *layer = load(f, "many");
    assert_non_null(layer);
    assert_int_equal(layer->count, N / 2);
    assert_int_equal(layer->skipped, N / 2);
    assert_true(f->fx->diag.count <= WK_DIAG_MAX);
    fixture_expect_message(&f->fx->diag, "many: record 999: skipped");
}

/* --- where the files are --- */

static void directory_in_place_of_the_shapefile_should_be_refused(void **state)
{
    LayerFixture *f = *state;
    struct stat st;
    mkdir("folder.shp", 0755); /* may be left from an earlier run */
    assert_true(stat("folder.shp", &st) == 0 && S_ISDIR(st.st_mode));
    assert_null(load(f, "folder.shp"));
    fixture_expect_message(&f->fx->diag, "folder.shp");
}

static void unreadable_shp_should_be_refused_with_the_file_named(void **state)
{
    LayerFixture *f = *state;
    write_points("locked");
    assert_int_equal(chmod("locked.shp", 0), 0);
    FILE *probe = fopen("locked.shp", "rb");
    if (probe) {
        /* Root reads through permissions; the directory case above covers this path. */
        fclose(probe);
        chmod("locked.shp", 0644);
        print_message("running as root: chmod 000 does not stop reading; case skipped\n");
        skip();
    }
    assert_null(load(f, "locked"));
    fixture_expect_message(&f->fx->diag, "locked: cannot open as a shapefile");
    chmod("locked.shp", 0644);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(zero_length_shp_should_be_refused_with_the_file_named),
        T(zero_length_shx_should_be_refused_with_the_file_named),
        T(zero_length_dbf_should_load_the_shapes_without_names),
        T(shp_cut_inside_a_record_should_keep_the_records_before_it),
        T(shx_cut_short_should_load_only_the_records_it_indexes_or_refuse),
        T(dbf_cut_short_should_keep_the_shapes_and_name_the_dbf),
        T(shapefile_with_billion_record_header_should_be_refused),
        T(dbf_with_billion_record_header_should_load_the_shapes),
        T(dbf_whose_fields_overrun_its_records_should_not_be_read_past_the_end),
        T(unknown_shape_type_should_be_refused_with_the_file_named),
        T(infinite_coordinate_should_skip_only_that_record),
        T(huge_coordinate_should_skip_only_that_record),
        T(subnormal_coordinates_should_load_and_simplify_without_crashing),
        T(every_broken_record_should_leave_the_rest_loaded),
        T(directory_in_place_of_the_shapefile_should_be_refused),
        T(unreadable_shp_should_be_refused_with_the_file_named),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
