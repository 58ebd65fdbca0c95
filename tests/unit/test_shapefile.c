/* The shapefile loader: every geometry type, attributes, .prj, and every broken-record path. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <dirent.h>
#include <math.h>
#include <shapefil.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "geo/dbf_text.h"
#include "geo/layer.h"

/* Byte offsets in a .shp of the first record's fields (after the 100-byte header and the
 * 8-byte record header). */
#define REC0_TYPE 108
#define REC0_NPARTS 144
#define REC0_PART0 152

static const char *const name_field[] = {"name"};

/* Two squares, the second with a hole, as one record of three rings. */
static bool write_polygons(const char *path)
{
    static const double x[] = {0, 0, 10, 10, 0, 20, 20, 30, 30, 20, 22, 28, 28, 22, 22};
    static const double y[] = {0, 10, 10, 0, 0, 0, 10, 10, 0, 0, 2, 2, 8, 8, 2};
    static const int parts[] = {0, 5, 10};
    static const char *const v0[] = {"Kābul 喀布尔 کابل"};
    static const char *const v1[] = {"Second"};
    static const double x2[] = {40, 40, 50, 40}, y2[] = {0, 10, 0, 0};
    FixtureRecord recs[] = {{3, parts, 15, x, y, v0}, {1, parts, 4, x2, y2, v1}};
    return fixture_write_shapefile(path, SHPT_POLYGON, recs, 2, name_field, 1);
}

static void polygons_should_load_with_parts_and_utf8_names(void **state)
{
    Fixture *f = *state;
    assert_true(write_polygons("poly"));
    GeoLayer *layer = geo_layer_load(f->geo, "poly.shp", NULL, &f->diag);
    assert_non_null(layer);
    assert_int_equal(layer->kind, GEO_POLYGON);
    assert_int_equal(layer->count, 2);
    assert_int_equal(layer->features[0].shape.path.nparts, 3);
    assert_int_equal(layer->features[0].shape.path.npoints, 15);
    int name = geo_layer_field(layer, "NAME");
    assert_true(name >= 0);
    assert_string_equal(geo_feature_value(&layer->features[0], name), "Kābul 喀布尔 کابل");
    assert_true(layer->box.minx == 0 && layer->box.maxx == 50);
    /* The hole is a hole: area is 100 + 100 - 36, and the middle of the hole is not covered. */
    GeoShape *s = &layer->features[0].shape;
    assert_true(fabs(geo_shape_area(f->geo, s) - 164.0) < 1e-9);
    assert_true(geo_shape_covers(f->geo, s, 5, 5));
    assert_false(geo_shape_covers(f->geo, s, 25, 5));
    assert_true(geo_shape_covers(f->geo, s, 21, 1));
    geo_layer_free(f->geo, layer);
}

static void polygon_mesh_should_cover_area_without_the_hole(void **state)
{
    Fixture *f = *state;
    assert_true(write_polygons("mesh"));
    GeoLayer *layer = geo_layer_load(f->geo, "mesh", NULL, &f->diag);
    assert_non_null(layer);
    const GeoMesh *mesh = geo_shape_mesh(f->geo, &layer->features[0].shape, 0);
    assert_non_null(mesh);
    assert_int_equal(mesh->nvertices % 3, 0);
    double area = 0;
    for (int i = 0; i < mesh->nvertices; i += 3) {
        const float *a = mesh->xy + 2 * i;
        area += fabs((a[2] - a[0]) * (a[5] - a[1]) - (a[4] - a[0]) * (a[3] - a[1])) / 2;
    }
    assert_true(fabs(area - 164.0) < 1e-3);
    geo_layer_free(f->geo, layer);
}

static void lines_and_points_should_load(void **state)
{
    Fixture *f = *state;
    static const double x[] = {0, 1, 2, 3}, y[] = {0, 1, 0, 1}, z[] = {5, 6, 7, 8};
    static const int parts[] = {0, 2};
    FixtureRecord line = {2, parts, 4, x, y, NULL};
    assert_true(fixture_write_shapefile("line", SHPT_ARC, &line, 1, NULL, 0));
    GeoLayer *layer = geo_layer_load(f->geo, "line", NULL, &f->diag);
    assert_non_null(layer);
    assert_int_equal(layer->kind, GEO_LINE);
    assert_int_equal(layer->features[0].shape.path.nparts, 2);
    assert_true(geo_shape_distance2(&layer->features[0].shape, 0.5, 0.5) < 1e-12);
    geo_layer_free(f->geo, layer);

    FixtureRecord multi = {0, NULL, 4, x, y, NULL};
    assert_true(fixture_write_shapefile("multi", SHPT_MULTIPOINT, &multi, 1, NULL, 0));
    layer = geo_layer_load(f->geo, "multi", NULL, &f->diag);
    assert_non_null(layer);
    assert_int_equal(layer->kind, GEO_POINT);
    assert_int_equal(layer->features[0].shape.path.npoints, 4);
    geo_layer_free(f->geo, layer);

    /* PointZ: Z is read and dropped. */
    SHPHandle shp = SHPCreate("pointz", SHPT_POINTZ);
    for (int i = 0; i < 4; i++) {
        SHPObject *o =
            SHPCreateObject(SHPT_POINTZ, -1, 0, NULL, NULL, 1, &x[i], &y[i], &z[i], NULL);
        SHPWriteObject(shp, -1, o);
        SHPDestroyObject(o);
    }
    SHPClose(shp);
    layer = geo_layer_load(f->geo, "pointz", NULL, &f->diag);
    assert_non_null(layer);
    assert_int_equal(layer->count, 4);
    assert_true(layer->features[3].shape.path.xy[0] == 3 &&
                layer->features[3].shape.path.xy[1] == 1);
    geo_layer_free(f->geo, layer);
}

static void prj_should_be_honoured(void **state)
{
    Fixture *f = *state;
    /* 70°E 35°N in Web Mercator metres, with a .prj saying so. */
    static const double x[] = {7792364.355529149}, y[] = {4163881.144064294};
    FixtureRecord pt = {0, NULL, 1, x, y, NULL};
    assert_true(fixture_write_shapefile("merc", SHPT_POINT, &pt, 1, NULL, 0));
    assert_true(fixture_write_text(
        "merc.prj",
        "PROJCS[\"WGS_1984_Web_Mercator_Auxiliary_Sphere\",GEOGCS[\"GCS_WGS_1984\",DATUM["
        "\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,298.257223563]],PRIMEM[\"Greenwich\",0.0],"
        "UNIT[\"Degree\",0.0174532925199433]],PROJECTION[\"Mercator_Auxiliary_Sphere\"],"
        "PARAMETER[\"False_Easting\",0.0],PARAMETER[\"False_Northing\",0.0],PARAMETER["
        "\"Central_Meridian\",0.0],PARAMETER[\"Standard_Parallel_1\",0.0],PARAMETER["
        "\"Auxiliary_Sphere_Type\",0.0],UNIT[\"Meter\",1.0]]"));
    GeoLayer *layer = geo_layer_load(f->geo, "merc", "+proj=longlat +datum=WGS84", &f->diag);
    assert_non_null(layer);
    assert_true(fabs(layer->features[0].shape.path.xy[0] - 70.0) < 1e-6);
    assert_true(fabs(layer->features[0].shape.path.xy[1] - 35.0) < 1e-6);
    geo_layer_free(f->geo, layer);
}

static void unreadable_prj_should_fail_with_the_file_named(void **state)
{
    Fixture *f = *state;
    static const double x[] = {70}, y[] = {35};
    FixtureRecord pt = {0, NULL, 1, x, y, NULL};
    assert_true(fixture_write_shapefile("badprj", SHPT_POINT, &pt, 1, NULL, 0));
    assert_true(fixture_write_text("badprj.prj", "GEOGCS[this is not a coordinate system"));
    GeoLayer *layer = geo_layer_load(f->geo, "badprj", "+proj=longlat +datum=WGS84", &f->diag);
    assert_null(layer);
    assert_non_null(wk_diag_find(&f->diag, "badprj"));
    assert_non_null(wk_diag_find(&f->diag, "coordinate system"));
    /* A local system PROJ refuses without an error number: a reason, never "(null)". */
    assert_true(fixture_write_text("badprj.prj", "LOCAL_CS[\"plan\"]"));
    assert_null(geo_layer_load(f->geo, "badprj", "+proj=longlat +datum=WGS84", &f->diag));
    assert_null(wk_diag_find(&f->diag, "(null)"));
    assert_non_null(wk_diag_find(&f->diag, "badprj: PROJ cannot use this coordinate system: "
                                           "PROJ gave no reason"));
}

static void missing_file_should_fail_with_the_file_named(void **state)
{
    Fixture *f = *state;
    assert_null(geo_layer_load(f->geo, "no-such-layer.shp", NULL, &f->diag));
    assert_non_null(wk_diag_find(&f->diag, "no-such-layer.shp"));
}

static void missing_dbf_should_load_without_names(void **state)
{
    Fixture *f = *state;
    assert_true(write_polygons("nodbf"));
    assert_int_equal(unlink("nodbf.dbf"), 0);
    GeoLayer *layer = geo_layer_load(f->geo, "nodbf", NULL, &f->diag);
    assert_non_null(layer);
    assert_int_equal(layer->count, 2);
    assert_int_equal(layer->nfields, 0);
    assert_string_equal(geo_feature_value(&layer->features[0], geo_layer_field(layer, "name")), "");
    assert_non_null(wk_diag_find(&f->diag, "no readable .dbf"));
    geo_layer_free(f->geo, layer);
}

static void missing_shx_should_fail(void **state)
{
    Fixture *f = *state;
    assert_true(write_polygons("noshx"));
    assert_int_equal(unlink("noshx.shx"), 0);
    assert_null(geo_layer_load(f->geo, "noshx", NULL, &f->diag));
    assert_non_null(wk_diag_find(&f->diag, "noshx"));
}

static void nan_record_should_be_skipped_and_named(void **state)
{
    Fixture *f = *state;
    static const double x[] = {1, 2, NAN}, y[] = {1, 2, 3};
    FixtureRecord pts[] = {{0, NULL, 1, &x[0], &y[0], NULL},
                           {0, NULL, 1, &x[2], &y[2], NULL},
                           {0, NULL, 1, &x[1], &y[1], NULL}};
    assert_true(fixture_write_shapefile("nan", SHPT_POINT, pts, 3, NULL, 0));
    GeoLayer *layer = geo_layer_load(f->geo, "nan", NULL, &f->diag);
    assert_non_null(layer);
    assert_int_equal(layer->count, 2);
    assert_int_equal(layer->skipped, 1);
    assert_non_null(wk_diag_find(&f->diag, "nan: record 1: skipped: it has a NaN"));
    geo_layer_free(f->geo, layer);
}

static void record_with_no_parts_should_be_skipped(void **state)
{
    Fixture *f = *state;
    assert_true(write_polygons("noparts"));
    assert_true(fixture_patch_int32("noparts.shp", REC0_NPARTS, 0));
    GeoLayer *layer = geo_layer_load(f->geo, "noparts", NULL, &f->diag);
    assert_non_null(layer);
    assert_int_equal(layer->count, 1); /* the second record still loads */
    assert_non_null(wk_diag_find(&f->diag, "noparts: record 0: skipped"));
    geo_layer_free(f->geo, layer);
}

static void part_start_out_of_range_should_be_skipped(void **state)
{
    Fixture *f = *state;
    assert_true(write_polygons("badpart"));
    assert_true(fixture_patch_int32("badpart.shp", REC0_PART0, 9999));
    GeoLayer *layer = geo_layer_load(f->geo, "badpart", NULL, &f->diag);
    assert_non_null(layer);
    assert_int_equal(layer->count, 1);
    assert_non_null(wk_diag_find(&f->diag, "badpart: record 0:"));
    geo_layer_free(f->geo, layer);
}

static void record_of_another_type_should_be_skipped(void **state)
{
    Fixture *f = *state;
    assert_true(write_polygons("badtype"));
    assert_true(fixture_patch_int32("badtype.shp", REC0_TYPE, SHPT_ARC));
    GeoLayer *layer = geo_layer_load(f->geo, "badtype", NULL, &f->diag);
    assert_non_null(layer);
    assert_int_equal(layer->count, 1);
    assert_non_null(wk_diag_find(&f->diag, "badtype: record 0: skipped: its shape type differs"));
    geo_layer_free(f->geo, layer);
}

static void latin1_names_should_become_utf8(void **state)
{
    Fixture *f = *state;
    static const double x[] = {1}, y[] = {1};
    static const char *const v[] = {"K\xe2"
                                    "bul"};
    FixtureRecord pt = {0, NULL, 1, x, y, v};
    assert_true(fixture_write_shapefile("latin1", SHPT_POINT, &pt, 1, name_field, 1));
    /* Without a .cpg: Latin-1, with a warning. */
    assert_int_equal(unlink("latin1.cpg"), 0);
    GeoLayer *layer = geo_layer_load(f->geo, "latin1", NULL, &f->diag);
    assert_non_null(layer);
    assert_string_equal(geo_feature_value(&layer->features[0], 0), "K\xc3\xa2"
                                                                   "bul");
    fixture_expect_message(&f->diag, "latin1: 1 value of the .dbf is not UTF-8 and no .cpg");
    geo_layer_free(f->geo, layer);
    /* A .cpg that says UTF-8: the bad byte shows as U+FFFD, with a warning naming the place. */
    assert_true(fixture_write_text("latin1.cpg", "UTF-8"));
    layer = geo_layer_load(f->geo, "latin1", NULL, &f->diag);
    assert_non_null(layer);
    assert_string_equal(geo_feature_value(&layer->features[0], 0), "K\xef\xbf\xbd"
                                                                   "bul");
    fixture_expect_message(&f->diag, "latin1: 1 value of the .dbf has bytes that are not valid "
                                     "UTF-8, as the .cpg declares (the first: record 0, field "
                                     "name)");
    geo_layer_free(f->geo, layer);
}

/* Kabul, Herat and Kashgar in Dari and in Chinese, written in the legacy code pages a school's
 * GIS files come in, with the .cpg naming them as ArcGIS and QGIS write it. */
static void legacy_code_pages_should_be_read_through_the_cpg(void **state)
{
    Fixture *f = *state;
    static const double x[] = {69.2, 62.2, 76.0}, y[] = {34.5, 34.3, 39.5};
    static const char *const fa[][1] = {{"\u06a9\u0627\u0628\u0644"},
                                        {"\u0647\u0631\u0627\u062a"},
                                        {"\u06a9\u0627\u0634\u063a\u0631"}};
    static const char *const zh[][1] = {
        {"\u5580\u5e03\u5c14"}, {"\u8d6b\u62c9\u7279"}, {"\u5580\u4ec0"}};
    static const struct {
        const char *file, *cpg, *iconv_name;
        const char *const (*values)[1];
    } cases[] = {{"dari-1256", "1256", "CP1256", fa},
                 {"dari-cp1256", "CP1256", "CP1256", fa},
                 {"dari-windows", "windows-1256", "CP1256", fa},
                 {"zh-gbk", "GBK", "GBK", zh},
                 {"zh-936", "936", "CP936", zh},
                 {"zh-ldid", "LDID/77", "CP936", zh}};
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        FixtureRecord pts[3];
        for (int i = 0; i < 3; i++)
            pts[i] = (FixtureRecord){0, NULL, 1, x + i, y + i, cases[c].values[i]};
        assert_true(fixture_write_shapefile_cp(cases[c].file, SHPT_POINT, pts, 3, name_field, 1,
                                               cases[c].cpg, cases[c].iconv_name));
        size_t before = f->diag.count;
        GeoLayer *layer = geo_layer_load(f->geo, cases[c].file, NULL, &f->diag);
        assert_non_null(layer);
        assert_int_equal(layer->count, 3);
        for (int i = 0; i < 3; i++)
            assert_string_equal(geo_feature_value(&layer->features[i], 0), cases[c].values[i][0]);
        assert_int_equal(f->diag.count, before);
        geo_layer_free(f->geo, layer);
    }
    /* A byte GBK does not have (0xFF) is named. */
    static const char *const broken[] = {"\xbf\xa6\xff\xb2\xbc"};
    FixtureRecord pt = {0, NULL, 1, x, y, broken};
    assert_true(
        fixture_write_shapefile_cp("zh-broken", SHPT_POINT, &pt, 1, name_field, 1, "GBK", NULL));
    GeoLayer *layer = geo_layer_load(f->geo, "zh-broken", NULL, &f->diag);
    assert_non_null(layer);
    fixture_expect_message(&f->diag, "zh-broken: 1 value of the .dbf has bytes that are not "
                                     "valid GBK");
    assert_non_null(strstr(geo_feature_value(&layer->features[0], 0), "\xef\xbf\xbd"));
    geo_layer_free(f->geo, layer);
    /* A code page nobody knows is said, and the names still load. */
    assert_true(fixture_write_text("zh-broken.cpg", "KLINGON-7"));
    layer = geo_layer_load(f->geo, "zh-broken", NULL, &f->diag);
    assert_non_null(layer);
    fixture_expect_message(&f->diag, "zh-broken: the .cpg names the code page \"KLINGON-7\"");
    geo_layer_free(f->geo, layer);
}

static void code_page_names_should_map_to_iconv(void **state)
{
    (void)state;
    static const char *const pairs[][2] = {
        {"UTF-8", ""},
        {"utf8", ""},
        {"65001", ""},
        {"1252", "CP1252"},
        {"ANSI 1251", "CP1251"},
        {"cp1256", "CP1256"},
        {"88591", "ISO-8859-1"},
        {"ISO 8859-6", "ISO-8859-6"},
        {"8859_15", "ISO-8859-15"},
        {"GBK", "GBK"},
        {"LDID/87", "CP1252"},
        {"LDID/126", "CP1256"},
        {" 936\r\n", "CP936"},
        {"Big5", "BIG5"},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
        char name[32];
        dbf_code_page_name(pairs[i][0], name, sizeof name);
        assert_string_equal(name, pairs[i][1]);
    }
}

static void empty_layer_should_load_with_no_features(void **state)
{
    Fixture *f = *state;
    assert_true(fixture_write_shapefile("empty", SHPT_POLYGON, NULL, 0, name_field, 1));
    GeoLayer *layer = geo_layer_load(f->geo, "empty", NULL, &f->diag);
    assert_non_null(layer);
    assert_int_equal(layer->count, 0);
    geo_layer_free(f->geo, layer);
}

static void lod_should_simplify_and_keep_full_detail_at_level_0(void **state)
{
    Fixture *f = *state;
    /* A 1000-vertex circle of radius 100 km. */
    enum { N = 1000 };
    double x[N + 1], y[N + 1];
    for (int i = 0; i < N; i++) {
        x[i] = 100000 * cos(2 * M_PI * i / N);
        y[i] = 100000 * sin(2 * M_PI * i / N);
    }
    x[N] = x[0], y[N] = y[0];
    static const int part[] = {0};
    FixtureRecord rec = {1, part, N + 1, x, y, NULL};
    assert_true(fixture_write_shapefile("circle", SHPT_POLYGON, &rec, 1, NULL, 0));
    GeoLayer *layer = geo_layer_load(f->geo, "circle", NULL, &f->diag);
    assert_non_null(layer);
    GeoShape *s = &layer->features[0].shape;
    assert_int_equal(geo_shape_lod(f->geo, s, 0)->npoints, N + 1);
    int coarse = geo_shape_lod(f->geo, s, GEO_LOD_COUNT - 1)->npoints;
    assert_true(coarse < N / 4);
    assert_true(coarse >= 4);
    assert_int_equal(geo_lod_for_scale(1.0), 0);
    assert_true(geo_lod_for_scale(100000.0) == GEO_LOD_COUNT - 1);
    geo_layer_free(f->geo, layer);
}

/* shapelib's own sample data: every file must load or be refused with a message, never crash. */
static void shapelib_samples_should_load_or_be_refused_cleanly(void **state)
{
    Fixture *f = *state;
    const char *root = getenv("WAKHAN_SHARED_CORPUS");
    char dirpath[1024];
    snprintf(dirpath, sizeof dirpath, "%s/shapelib-eg", root ? root : "../shared/corpus");
    const char *subdirs[] = {"", "/mexico"};
    int loaded = 0, seen = 0;
    for (int d = 0; d < 2; d++) {
        char dir[1100];
        snprintf(dir, sizeof dir, "%s%s", dirpath, subdirs[d]);
        DIR *dp = opendir(dir);
        if (!dp) {
            if (d == 0)
                skip();
            continue;
        }
        struct dirent *e;
        while ((e = readdir(dp))) {
            size_t n = strlen(e->d_name);
            if (n < 5 || strcmp(e->d_name + n - 4, ".shp"))
                continue;
            char path[1400];
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            size_t before = f->diag.count;
            GeoLayer *layer = geo_layer_load(f->geo, path, NULL, &f->diag);
            seen++;
            if (layer) {
                loaded++;
                for (int i = 0; i < layer->count; i++)
                    assert_true(layer->features[i].shape.path.npoints > 0);
            } else {
                assert_true(f->diag.count > before); /* refused, with a reason */
            }
            geo_layer_free(f->geo, layer);
        }
        closedir(dp);
    }
    print_message("loaded %d of %d sample shapefiles\n", loaded, seen);
    assert_true(seen >= 10);
    assert_true(loaded >= seen - 1);
}

/* Lon/lat without a named source go through WGS 84 as a PROJ string when the target is on the
 * WGS 84 datum (it spares PROJ its database): the numbers must be those of EPSG:4326, to the
 * bit, over the whole region and beyond. */
static void wgs84_shortcut_should_project_as_epsg_4326(void **state)
{
    Fixture *f = *state;
    static const char *const targets[] = {
        "+proj=aea +lat_0=36 +lon_0=80 +lat_1=28 +lat_2=46 +datum=WGS84 +units=m +no_defs",
        "+proj=merc +ellps=WGS84", "+proj=eqc +lon_0=70 +datum=WGS84"};
    for (size_t t = 0; t < sizeof targets / sizeof *targets; t++) {
        GeoProj *shortcut = geo_proj_create(f->geo, NULL, targets[t], &f->diag, "shortcut");
        GeoProj *named = geo_proj_create(f->geo, "EPSG:4326", targets[t], &f->diag, "named");
        assert_non_null(shortcut);
        assert_non_null(named);
        for (double lon = -30; lon <= 180; lon += 0.73) {
            for (double lat = -60; lat <= 80; lat += 0.61) {
                double a[2] = {lon, lat}, b[2] = {lon, lat};
                assert_true(geo_proj_forward(shortcut, a, 1));
                assert_true(geo_proj_forward(named, b, 1));
                if (memcmp(a, b, sizeof a))
                    fail_msg("%s at %g,%g: %.17g,%.17g against %.17g,%.17g", targets[t], lon, lat,
                             a[0], a[1], b[0], b[1]);
            }
        }
        geo_proj_destroy(shortcut);
        geo_proj_destroy(named);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(polygons_should_load_with_parts_and_utf8_names,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(polygon_mesh_should_cover_area_without_the_hole,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(lines_and_points_should_load, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(prj_should_be_honoured, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(unreadable_prj_should_fail_with_the_file_named,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(missing_file_should_fail_with_the_file_named, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(missing_dbf_should_load_without_names, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(missing_shx_should_fail, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(nan_record_should_be_skipped_and_named, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(record_with_no_parts_should_be_skipped, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(part_start_out_of_range_should_be_skipped, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(record_of_another_type_should_be_skipped, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(latin1_names_should_become_utf8, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(legacy_code_pages_should_be_read_through_the_cpg,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test(code_page_names_should_map_to_iconv),
        cmocka_unit_test_setup_teardown(empty_layer_should_load_with_no_features, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(lod_should_simplify_and_keep_full_detail_at_level_0,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(shapelib_samples_should_load_or_be_refused_cleanly,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(wgs84_shortcut_should_project_as_epsg_4326, fixture_setup,
                                        fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
