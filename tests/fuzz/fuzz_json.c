/*
 * libFuzzer harness for every JSON loader. The first byte of the input picks the file it
 * replaces in a small valid atlas (the tests' fixture atlas, written once into a scratch
 * directory): 0 atlas.json, 1 timeline.json, 2 events.json, 3 overlays.geojson. The rest of
 * the input is that file. The whole atlas is then loaded, validated and asked what the window
 * and `wakhan query` ask, and the file is put back.
 *
 * Going through atlas_load, rather than one loader alone, keeps the loaders' real order and
 * links (events need places, overlays need polities and events) in what is fuzzed.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atlas/atlas.h"
#include "fixture.h"

#define FILE_COUNT 4
#define MAX_HITS 64

static const char *const names[FILE_COUNT] = {"atlas.json", "timeline.json", "events.json",
                                              "overlays.geojson"};
static char dir[64];
static char *original[FILE_COUNT];
static GeoContext *geo;

static char *path_of(int i)
{
    return wk_strfmt("%s/%s", dir, names[i]);
}

static bool write_file(int i, const uint8_t *data, size_t size)
{
    char *path = path_of(i);
    FILE *f = path ? fopen(path, "wb") : NULL;
    free(path);
    if (!f)
        return false;
    bool ok = fwrite(data, 1, size, f) == size;
    return fclose(f) == 0 && ok;
}

static void remove_scratch(void)
{
    static const char *const all[] = {
        "atlas.json", "timeline.json", "events.json", "overlays.geojson", "places.shp",
        "places.shx", "places.dbf",    "places.prj",  "land.shp",         "land.shx",
        "land.dbf",   "land.prj",      "places.cpg",  "land.cpg"};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++) {
        char *p = wk_strfmt("%s/%s", dir, all[i]);
        if (p)
            unlink(p);
        free(p);
    }
    rmdir(dir);
    for (int i = 0; i < FILE_COUNT; i++)
        free(original[i]);
    geo_context_destroy(geo);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/wk-fuzz-json-XXXXXX", tmp && strlen(tmp) < 40 ? tmp : "/tmp");
    if (!mkdtemp(dir) || !fixture_test_atlas(dir) || !(geo = geo_context_create()))
        abort();
    for (int i = 0; i < FILE_COUNT; i++) {
        char *path = path_of(i);
        original[i] = path ? wk_file_read(path, NULL, NULL) : NULL;
        free(path);
        if (!original[i])
            abort();
    }
    atexit(remove_scratch);
    return 0;
}

/* What the window and the query command ask of a loaded atlas. */
static void exercise(Atlas *a, WkDiag *diag)
{
    atlas_validate(a, diag);
    int hits[MAX_HITS];
    double weights[MAX_HITS];
    for (double t = a->t_min; t < a->t_max; t += (a->t_max - a->t_min) / 4) {
        atlas_era_at(a, t);
        atlas_overlays_at(a, t, 10, hits, weights, MAX_HITS);
        atlas_overlays_covering(a, t, a->view_x, a->view_y, hits, MAX_HITS);
        atlas_events_near(a, t, 50, hits, MAX_HITS);
        atlas_event_next(a, t);
        atlas_event_prev(a, t);
    }
    atlas_place_nearest(a, a->view_x, a->view_y, NULL);
    for (int i = 0; i < a->noverlays && i < 8; i++) {
        GeoShape *s = &a->overlays[i].shape;
        if (s->path.npoints > 2000)
            continue;
        geo_shape_mesh(geo, s, 0);
        double x, y;
        geo_shape_label_point(geo, s, &x, &y);
    }
    char buf[96];
    for (int i = 0; i < a->nevents; i++) {
        wk_span_format(&a->events[i].date, buf, sizeof buf);
        wk_span_iso(&a->events[i].date, buf, sizeof buf);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!geo)
        LLVMFuzzerInitialize(NULL, NULL);
    if (size < 1)
        return 0;
    int which = data[0] % FILE_COUNT;
    if (!write_file(which, data + 1, size - 1))
        abort();
    WkDiag diag;
    wk_diag_init(&diag);
    Atlas *atlas = atlas_load(geo, dir, &diag);
    if (atlas)
        exercise(atlas, &diag);
    atlas_free(atlas);
    wk_diag_free(&diag);
    if (!write_file(which, (const uint8_t *)original[which], strlen(original[which])))
        abort();
    return 0;
}
