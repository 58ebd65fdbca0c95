/* The prepared-geometry cache: its key, a write and read that keep everything, refusal of
 * damaged and stale files, and loading through an unusable cache directory. */
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
#include "core/util.h"
#include "geo/cache.h"

/* Two squares, one with a hole, and a name each: a polygon layer worth simplifying. */
static bool write_squares(const char *path)
{
    static const double x[] = {0,    0,    100e3, 100e3, 0,     40e3,  60e3, 60e3,
                               40e3, 40e3, 200e3, 200e3, 260e3, 260e3, 200e3};
    static const double y[] = {0,    100e3, 100e3, 0,    0,    40e3, 40e3, 60e3,
                               60e3, 40e3,  0,     50e3, 50e3, 0,    0};
    static const int parts_a[] = {0, 5};
    static const int parts_b[] = {0};
    static const char *const a[] = {"Alpha"}, *const b[] = {"Beta"};
    static const char *const fields[] = {"name"};
    FixtureRecord records[] = {{2, parts_a, 10, x, y, a}, {1, parts_b, 5, x + 10, y + 10, b}};
    return fixture_write_shapefile(path, SHPT_POLYGON, records, 2, fields, 1);
}

static void key_should_change_with_every_input(void **state)
{
    (void)state;
    GeoCacheStamp s[2] = {{10, 1000}, {20, 2000}};
    uint64_t k = geo_cache_key("a.shp", "+proj=aea", s, 2);
    assert_int_equal(k, geo_cache_key("a.shp", "+proj=aea", s, 2));
    assert_int_not_equal(k, geo_cache_key("b.shp", "+proj=aea", s, 2));
    assert_int_not_equal(k, geo_cache_key("a.shp", "+proj=merc", s, 2));
    assert_int_not_equal(k, geo_cache_key("a.shp", NULL, s, 2));
    GeoCacheStamp t[2] = {{10, 1000}, {21, 2000}};
    assert_int_not_equal(k, geo_cache_key("a.shp", "+proj=aea", t, 2));
    GeoCacheStamp u[2] = {{10, 1001}, {20, 2000}};
    assert_int_not_equal(k, geo_cache_key("a.shp", "+proj=aea", u, 2));
    /* The boundary between path and projection counts. */
    assert_int_not_equal(geo_cache_key("ab", "c", NULL, 0), geo_cache_key("a", "bc", NULL, 0));
}

static void same_path(const GeoPath *a, const GeoPath *b)
{
    assert_int_equal(a->npoints, b->npoints);
    assert_int_equal(a->nparts, b->nparts);
    assert_memory_equal(a->xy, b->xy, sizeof(double) * 2 * (size_t)a->npoints);
    assert_memory_equal(a->part, b->part, sizeof(int) * (size_t)(a->nparts + 1));
}

static void write_then_read_should_keep_levels_and_meshes(void **state)
{
    (void)state;
    GeoContext *geo = geo_context_create();
    WkDiag diag;
    wk_diag_init(&diag);
    assert_true(write_squares("squares"));
    GeoLayer *layer = geo_layer_load(geo, "squares.shp", NULL, &diag);
    assert_non_null(layer);
    assert_true(geo_layer_prepare(geo, layer, true));
    assert_false(geo_layer_prepare(geo, layer, true)); /* nothing left to compute */
    assert_true(geo_cache_write("squares.wkc", 42, layer));

    assert_null(geo_cache_read("squares.wkc", 43)); /* another key: stale */
    GeoLayer *back = geo_cache_read("squares.wkc", 42);
    assert_non_null(back);
    assert_int_equal(back->count, layer->count);
    assert_int_equal(back->nfields, 1);
    assert_string_equal(back->fields[0], "name");
    for (int k = 0; k < layer->count; k++) {
        const GeoShape *a = &layer->features[k].shape, *b = &back->features[k].shape;
        assert_string_equal(geo_feature_value(&layer->features[k], 0),
                            geo_feature_value(&back->features[k], 0));
        same_path(&a->path, &b->path);
        for (int l = 0; l < GEO_LOD_COUNT; l++) {
            assert_int_equal(a->lod_full[l], b->lod_full[l]);
            if (l > 0 && a->lod[l])
                same_path(a->lod[l], b->lod[l]);
            assert_int_equal(a->mesh[l] != NULL, b->mesh[l] != NULL);
            if (a->mesh[l]) {
                assert_int_equal(a->mesh[l]->nvertices, b->mesh[l]->nvertices);
                assert_memory_equal(a->mesh[l]->xy, b->mesh[l]->xy,
                                    sizeof(float) * 2 * (size_t)a->mesh[l]->nvertices);
            }
        }
        assert_non_null(b->mesh[0]); /* level 0 is triangulated ahead too */
        /* The label point is prepared and kept: read back, it needs no GEOS. */
        assert_true(a->label_known);
        assert_true(b->label_known);
        GeoShape fresh = {0};
        assert_true(geo_shape_init(&fresh, a->kind, a->path.xy, a->path.npoints, a->path.part,
                                   a->path.nparts));
        double x, y;
        geo_shape_label_point(geo, &fresh, &x, &y);
        geo_shape_free(geo, &fresh);
        assert_true(x == b->label_x && y == b->label_y);
    }
    /* What was read draws like what was loaded: the mesh of the square with a hole covers
     * 100 km x 100 km less 20 km x 20 km. */
    const GeoMesh *m = geo_shape_mesh(geo, &back->features[0].shape, 1);
    double area = 0;
    for (int i = 0; i + 2 < m->nvertices; i += 3) {
        const float *p = m->xy + 2 * i;
        area += fabs((p[2] - p[0]) * (p[5] - p[1]) - (p[4] - p[0]) * (p[3] - p[1])) / 2;
    }
    assert_true(fabs(area - (1e10 - 4e8)) < 1e6);
    geo_layer_free(geo, back);
    geo_layer_free(geo, layer);
    wk_diag_free(&diag);
    geo_context_destroy(geo);
}

static void damaged_files_should_be_refused(void **state)
{
    (void)state;
    GeoContext *geo = geo_context_create();
    WkDiag diag;
    wk_diag_init(&diag);
    assert_true(write_squares("cut"));
    GeoLayer *layer = geo_layer_load(geo, "cut.shp", NULL, &diag);
    geo_layer_prepare(geo, layer, true);
    assert_true(geo_cache_write("cut.wkc", 7, layer));
    geo_layer_free(geo, layer);
    struct stat st;
    assert_int_equal(stat("cut.wkc", &st), 0);
    /* Every shorter length is refused, never read past its end. */
    for (off_t len = st.st_size - 1; len >= 0; len -= len > 200 ? 97 : 1) {
        assert_int_equal(truncate("cut.wkc", len), 0);
        assert_null(geo_cache_read("cut.wkc", 7));
    }
    assert_true(fixture_write_text("junk.wkc", "WKCACHE1 but nothing after it"));
    assert_null(geo_cache_read("junk.wkc", 7));
    assert_null(geo_cache_read("missing.wkc", 7));
    wk_diag_free(&diag);
    geo_context_destroy(geo);
}

static void unusable_cache_dir_should_still_load(void **state)
{
    (void)state;
    GeoContext *geo = geo_context_create();
    WkDiag diag;
    wk_diag_init(&diag);
    assert_true(write_squares("plain"));
    /* A file where the directory should be: nothing can be written under it. */
    assert_true(fixture_write_text("not-a-dir", "x"));
    assert_true(geo_context_set_cache_dir(geo, "not-a-dir/wakhan"));
    GeoLayer *layer = geo_layer_load_cached(geo, "plain.shp", NULL, true, &diag);
    assert_non_null(layer);
    assert_int_equal(layer->count, 2);
    /* Said once, naming the folder and the reason; nothing prepared ahead, as nothing is kept. */
    assert_int_equal(diag.count, 1);
    assert_non_null(wk_diag_find(&diag, "not-a-dir/wakhan: the geometry cache cannot be written"));
    assert_non_null(wk_diag_find(&diag, "not-a-dir: is not a folder"));
    assert_null(layer->features[0].shape.lod[1]);
    assert_null(layer->features[0].shape.mesh[0]);
    geo_layer_free(geo, layer);
    layer = geo_layer_load_cached(geo, "plain.shp", NULL, true, &diag);
    assert_non_null(layer);
    assert_int_equal(diag.count, 1);
    geo_layer_free(geo, layer);
    wk_diag_free(&diag);
    wk_diag_init(&diag);

    /* A usable one: the first load writes, the second reads the same layer back. */
    assert_true(geo_context_set_cache_dir(geo, "cache/wakhan"));
    GeoLayer *first = geo_layer_load_cached(geo, "plain.shp", NULL, true, &diag);
    GeoLayer *second = geo_layer_load_cached(geo, "plain.shp", NULL, true, &diag);
    assert_non_null(first);
    assert_non_null(second);
    assert_string_equal(second->path, "plain.shp");
    same_path(&first->features[0].shape.path, &second->features[0].shape.path);
    assert_int_equal(diag.count, 0);
    /* Levels and fills stay in the file until they are asked for, and are then what was
     * written. */
    for (int l = 1; l < GEO_LOD_COUNT; l++) {
        GeoShape *a = &first->features[0].shape, *b = &second->features[0].shape;
        assert_null(b->mesh[l]);
        assert_true(geo_shape_has_mesh(b, l));
        const GeoMesh *ma = geo_shape_mesh(geo, a, l), *mb = geo_shape_mesh(geo, b, l);
        assert_non_null(mb);
        assert_int_equal(ma->nvertices, mb->nvertices);
        assert_memory_equal(ma->xy, mb->xy, sizeof(float) * 2 * (size_t)ma->nvertices);
        if (a->lod_full[l])
            continue;
        assert_null(b->lod[l]);
        assert_non_null(b->lod_stored[l]);
        same_path(geo_shape_lod(geo, a, l), geo_shape_lod(geo, b, l));
        assert_null(b->lod_stored[l]);
    }
    /* The level-0 fill stays in the file until it is drawn, and is then what was written. */
    GeoShape *kept = &second->features[0].shape;
    assert_null(kept->mesh[0]);
    assert_true(geo_shape_has_mesh(kept, 0));
    long reads = geo_mesh_level0_reads();
    const GeoMesh *fill = geo_shape_mesh(geo, kept, 0);
    assert_int_equal(geo_mesh_level0_reads(), reads + 1);
    assert_non_null(fill);
    assert_int_equal(fill->nvertices, first->features[0].shape.mesh[0]->nvertices);
    assert_memory_equal(fill->xy, first->features[0].shape.mesh[0]->xy,
                        sizeof(float) * 2 * (size_t)fill->nvertices);
    assert_ptr_equal(geo_shape_mesh(geo, kept, 0), fill);
    assert_int_equal(geo_mesh_level0_reads(), reads + 1);
    geo_layer_free(geo, first);
    geo_layer_free(geo, second);

    /* A changed map is read again, not taken from the old cache. */
    static const double x[] = {0, 0, 1, 1, 0}, y[] = {0, 1, 1, 0, 0};
    static const int parts[] = {0};
    static const char *const v[] = {"Only"};
    static const char *const fields[] = {"name"};
    FixtureRecord one[] = {{1, parts, 5, x, y, v}};
    assert_true(fixture_write_shapefile("plain", SHPT_POLYGON, one, 1, fields, 1));
    GeoLayer *changed = geo_layer_load_cached(geo, "plain.shp", NULL, true, &diag);
    assert_non_null(changed);
    assert_int_equal(changed->count, 1);
    assert_string_equal(geo_feature_value(&changed->features[0], 0), "Only");
    geo_layer_free(geo, changed);
    wk_diag_free(&diag);
    geo_context_destroy(geo);
}

/* Writes the byte of a file at `at` back with the bits of `flip` flipped (0: the same byte,
 * written all the same). */
static void change_byte(const char *file, long at, int flip)
{
    FILE *f = fopen(file, "r+b");
    assert_non_null(f);
    assert_int_equal(fseek(f, at, SEEK_SET), 0);
    int c = fgetc(f);
    assert_true(c != EOF);
    assert_int_equal(fseek(f, at, SEEK_SET), 0);
    assert_true(fputc(c ^ flip, f) != EOF);
    assert_int_equal(fclose(f), 0);
}

/* The one file a cache folder holds (after one layer was loaded through it). */
static char *only_cache_file(const char *dir)
{
    char *cmd = wk_strfmt("ls %s/*.wkc", dir);
    FILE *p = popen(cmd, "r");
    free(cmd);
    assert_non_null(p);
    char line[512] = "";
    char more[512];
    assert_non_null(fgets(line, sizeof line, p));
    assert_null(fgets(more, sizeof more, p)); /* one file, not one per name of the source */
    pclose(p);
    line[strcspn(line, "\n")] = '\0';
    return wk_strdup(line);
}

static void corrupted_byte_should_be_detected_and_rebuilt(void **state)
{
    (void)state;
    GeoContext *geo = geo_context_create();
    WkDiag diag;
    wk_diag_init(&diag);
    assert_true(write_squares("flip"));
    assert_int_equal(system("rm -rf flipcache"), 0);
    assert_true(geo_context_set_cache_dir(geo, "flipcache"));
    GeoLayer *first = geo_layer_load_cached(geo, "flip.shp", NULL, true, &diag);
    assert_non_null(first);
    assert_int_equal(diag.count, 0);
    char *file = only_cache_file("flipcache");
    struct stat st;
    assert_int_equal(stat(file, &st), 0);
    /* Every byte after the header is covered, the last one too; each flip is found, warned
     * once, and the file prepared again to the same layer. */
    long places[] = {GEO_CACHE_HEADER_BYTES, (long)st.st_size / 2, (long)st.st_size - 1};
    const struct timespec settle = {0, 120000000};
    for (size_t i = 0; i < sizeof places / sizeof *places; i++) {
        /* Read once after settling, so the file is marked verified (cache.c): the flip must be
         * found all the same. */
        nanosleep(&settle, NULL);
        geo_layer_free(geo, geo_layer_load_cached(geo, "flip.shp", NULL, true, &diag));
        char *mark = wk_strfmt("%s.ok", file);
        assert_int_equal(access(mark, F_OK), 0);
        free(mark);
        change_byte(file, places[i], 0x20);
        GeoLayer *again = geo_layer_load_cached(geo, "flip.shp", NULL, true, &diag);
        assert_non_null(again);
        assert_int_equal(diag.count, 1);
        assert_non_null(wk_diag_find(&diag, "flip.shp was damaged; it is prepared again"));
        assert_non_null(wk_diag_find(&diag, file));
        same_path(&first->features[0].shape.path, &again->features[0].shape.path);
        geo_layer_free(geo, again);
        /* Rebuilt: the next load reads it quietly. */
        wk_diag_free(&diag);
        wk_diag_init(&diag);
        GeoLayer *third = geo_layer_load_cached(geo, "flip.shp", NULL, true, &diag);
        assert_non_null(third);
        assert_int_equal(diag.count, 0);
        assert_true(geo_shape_has_mesh(&third->features[1].shape, 0));
        geo_layer_free(geo, third);
    }
    free(file);
    geo_layer_free(geo, first);
    wk_diag_free(&diag);
    geo_context_destroy(geo);
}

/* A file found whole is not hashed again while it is unchanged; touched in any way, it is. */
static void unchanged_file_should_not_be_hashed_again(void **state)
{
    (void)state;
    GeoContext *geo = geo_context_create();
    WkDiag diag;
    wk_diag_init(&diag);
    assert_true(write_squares("mark"));
    assert_int_equal(system("rm -rf markcache"), 0);
    assert_true(geo_context_set_cache_dir(geo, "markcache"));
    GeoLayer *first = geo_layer_load_cached(geo, "mark.shp", NULL, true, &diag);
    assert_non_null(first);
    char *file = only_cache_file("markcache");
    struct stat st;
    assert_int_equal(stat(file, &st), 0);
    long payload = (long)st.st_size - GEO_CACHE_HEADER_BYTES;
    /* Past the settling time (cache.c: a file changed within it is not marked yet). */
    const struct timespec settle = {0, 120000000};
    long expect[] = {payload, 0, payload, 0}; /* hashed, marked; trusted; rewritten; trusted */
    for (size_t i = 0; i < sizeof expect / sizeof *expect; i++) {
        if (i == 2)
            change_byte(file, (long)st.st_size / 2, 0); /* same content */
        nanosleep(&settle, NULL);
        long before = geo_cache_bytes_checked();
        GeoLayer *again = geo_layer_load_cached(geo, "mark.shp", NULL, true, &diag);
        assert_non_null(again);
        assert_int_equal(geo_cache_bytes_checked() - before, expect[i]);
        same_path(&first->features[0].shape.path, &again->features[0].shape.path);
        geo_layer_free(geo, again);
    }
    assert_int_equal(diag.count, 0);
    free(file);
    geo_layer_free(geo, first);
    wk_diag_free(&diag);
    geo_context_destroy(geo);
}

static void non_finite_or_absurd_coordinates_should_be_refused(void **state)
{
    (void)state;
    GeoContext *geo = geo_context_create();
    assert_true(write_squares("nan"));
    GeoLayer *layer = geo_layer_load(geo, "nan.shp", NULL, NULL);
    assert_non_null(layer);
    /* A file whose checksum is right but whose coordinates are not numbers. */
    layer->features[0].shape.path.xy[3] = NAN;
    assert_true(geo_cache_write("nan.wkc", 5, layer));
    GeoCacheState cs;
    assert_null(geo_cache_read_messages("nan.wkc", 5, NULL, NULL, &cs));
    assert_int_equal(cs, GEO_CACHE_DAMAGED);
    layer->features[0].shape.path.xy[3] = INFINITY;
    assert_true(geo_cache_write("nan.wkc", 5, layer));
    assert_null(geo_cache_read_messages("nan.wkc", 5, NULL, NULL, &cs));
    assert_int_equal(cs, GEO_CACHE_DAMAGED);
    /* Finite but absurd: GEOS gave up (and leaked) repairing such a fill. */
    layer->features[0].shape.path.xy[3] = -1e300;
    assert_true(geo_cache_write("nan.wkc", 5, layer));
    assert_null(geo_cache_read_messages("nan.wkc", 5, NULL, NULL, &cs));
    assert_int_equal(cs, GEO_CACHE_DAMAGED);
    layer->features[0].shape.path.xy[3] = 1;
    assert_true(geo_cache_write("nan.wkc", 5, layer));
    GeoLayer *back = geo_cache_read_messages("nan.wkc", 5, NULL, NULL, &cs);
    assert_non_null(back);
    assert_int_equal(cs, GEO_CACHE_OK);
    geo_layer_free(geo, back);
    assert_null(geo_cache_read_messages("nan.wkc", 6, NULL, NULL, &cs));
    assert_int_equal(cs, GEO_CACHE_STALE);
    assert_null(geo_cache_read_messages("none.wkc", 6, NULL, NULL, &cs));
    assert_int_equal(cs, GEO_CACHE_ABSENT);
    geo_layer_free(geo, layer);
    geo_context_destroy(geo);
}

/* A layer that loads with warnings is cached too, and gives its warnings on every load. */
static void warnings_should_be_kept_with_the_cache(void **state)
{
    (void)state;
    GeoContext *geo = geo_context_create();
    WkDiag diag;
    wk_diag_init(&diag);
    assert_true(write_squares("warned"));
    assert_int_equal(unlink("warned.dbf"), 0);
    assert_int_equal(system("rm -rf warncache"), 0);
    assert_true(geo_context_set_cache_dir(geo, "warncache"));
    GeoLayer *first = geo_layer_load_cached(geo, "warned.shp", NULL, true, &diag);
    assert_non_null(first);
    assert_int_equal(diag.count, 1);
    assert_non_null(wk_diag_find(&diag, "warned.shp: no readable .dbf"));
    char *file = only_cache_file("warncache");
    wk_diag_free(&diag);
    wk_diag_init(&diag);
    GeoLayer *second = geo_layer_load_cached(geo, "warned.shp", NULL, true, &diag);
    assert_non_null(second);
    assert_int_equal(diag.count, 1);
    assert_non_null(wk_diag_find(&diag, "warned.shp: no readable .dbf"));
    /* Read from the cache: prepared ahead, unlike a fresh load. */
    assert_true(geo_shape_has_mesh(&second->features[0].shape, 0));
    /* The same file by another name shares the cache, and the message uses that name. */
    wk_diag_free(&diag);
    wk_diag_init(&diag);
    GeoLayer *third = geo_layer_load_cached(geo, "../test_cache/warned.shp", NULL, true, &diag);
    assert_non_null(third);
    assert_int_equal(diag.count, 1);
    assert_non_null(wk_diag_find(&diag, "../test_cache/warned.shp: no readable .dbf"));
    geo_layer_free(geo, third);
    char *again = only_cache_file("warncache");
    assert_string_equal(again, file);
    free(again);
    geo_layer_free(geo, first);
    geo_layer_free(geo, second);
    free(file);
    wk_diag_free(&diag);
    geo_context_destroy(geo);
}

/* Culling is part by part: each part's box bounds that part alone. */
static void part_boxes_should_bound_each_part(void **state)
{
    (void)state;
    static const double xy[] = {0, 0, 10, 0, 10, 5, 100, 100, 120, 90, 110, 130};
    static const int part[] = {0, 3};
    GeoShape s;
    assert_true(geo_shape_init(&s, GEO_LINE, xy, 6, part, 2));
    assert_true(geo_path_compute_boxes(&s.path));
    assert_true(s.path.boxes[0].minx == 0 && s.path.boxes[0].maxx == 10 &&
                s.path.boxes[0].miny == 0 && s.path.boxes[0].maxy == 5);
    assert_true(s.path.boxes[1].minx == 100 && s.path.boxes[1].maxx == 120 &&
                s.path.boxes[1].miny == 90 && s.path.boxes[1].maxy == 130);
    GeoBox view = {50, 50, 105, 95};
    assert_false(geo_box_intersects(&s.path.boxes[0], &view));
    assert_true(geo_box_intersects(&s.path.boxes[1], &view));
    geo_shape_free(NULL, &s);
}

/* Long parts are cut into runs that share their end vertices; each run's box bounds them. */
static void run_boxes_should_cover_each_run_with_its_ends(void **state)
{
    (void)state;
    enum { N = 200 };
    double xy[2 * N];
    for (int i = 0; i < N; i++)
        xy[2 * i] = i, xy[2 * i + 1] = (i % 7) * 3.0;
    static const int part[] = {0};
    GeoShape s;
    assert_true(geo_shape_init(&s, GEO_LINE, xy, N, part, 1));
    assert_true(geo_path_compute_boxes(&s.path));
    const GeoPath *p = &s.path;
    int runs = p->run_start[1] - p->run_start[0];
    assert_int_equal(runs, (N - 2) / GEO_PATH_RUN + 1);
    for (int k = 0; k < runs; k++) {
        int a = k * GEO_PATH_RUN,
            b = (k + 1) * GEO_PATH_RUN < N - 1 ? (k + 1) * GEO_PATH_RUN : N - 1;
        assert_true(p->run_box[k].minx == a && p->run_box[k].maxx == b);
    }
    geo_shape_free(NULL, &s);
}

static double tri_area_sum(const GeoMesh *m)
{
    double sum = 0;
    for (int i = 0; i + 2 < m->nvertices; i += 3) {
        const float *q = m->xy + 2 * i;
        sum += fabs((q[2] - q[0]) * (q[5] - q[1]) - (q[4] - q[0]) * (q[3] - q[1]));
    }
    return sum;
}

/* Sorting keeps every triangle, and each chunk's box bounds its triangles. */
static void mesh_sort_should_keep_triangles_and_bound_chunks(void **state)
{
    (void)state;
    enum { T = 1000 };
    GeoMesh m = {malloc(sizeof(float) * 6 * T), 3 * T, NULL, 0};
    unsigned seed = 7;
    for (int i = 0; i < 6 * T; i += 2) {
        seed = seed * 1103515245u + 12345u;
        m.xy[i] = (float)((seed >> 8) % 100000);
        seed = seed * 1103515245u + 12345u;
        m.xy[i + 1] = (float)((seed >> 8) % 100000);
    }
    double before = tri_area_sum(&m);
    assert_true(geo_mesh_sort(&m));
    assert_int_equal(m.nvertices, 3 * T);
    assert_true(fabs(tri_area_sum(&m) - before) < 1e-6 * before);
    assert_int_equal(m.nchunks, (T + GEO_MESH_CHUNK - 1) / GEO_MESH_CHUNK);
    for (int v = 0; v < m.nvertices; v++)
        assert_true(
            geo_box_contains(&m.chunks[v / (3 * GEO_MESH_CHUNK)], m.xy[2 * v], m.xy[2 * v + 1]));
    free(m.xy);
    free(m.chunks);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(key_should_change_with_every_input),
        cmocka_unit_test(part_boxes_should_bound_each_part),
        cmocka_unit_test(run_boxes_should_cover_each_run_with_its_ends),
        cmocka_unit_test(mesh_sort_should_keep_triangles_and_bound_chunks),
        cmocka_unit_test(write_then_read_should_keep_levels_and_meshes),
        cmocka_unit_test(damaged_files_should_be_refused),
        cmocka_unit_test(unusable_cache_dir_should_still_load),
        cmocka_unit_test(corrupted_byte_should_be_detected_and_rebuilt),
        cmocka_unit_test(unchanged_file_should_not_be_hashed_again),
        cmocka_unit_test(non_finite_or_absurd_coordinates_should_be_refused),
        cmocka_unit_test(warnings_should_be_kept_with_the_cache),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
