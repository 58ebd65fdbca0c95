/*
 * mapkit-check - checks the committed base layers (maps/) and the built territory overlay.
 *
 *   mapkit-check --check NAME [--maps DIR] [--data DIR] [--compare DIR]
 *
 * NAME is one of: open (every .shp opens with shapelib and has .prj and .cpg), names (fields and
 * values that must be present), bounds (inside the region box), valid (every polygon valid for
 * GEOS), wakhan (inside AF, touching CN), places (every place id used by data/ exists),
 * territory (overlay polygons valid and in the region), compare (record counts and bounds equal
 * to the layers in --compare DIR). Each problem is printed as `file: record N (id): problem`.
 * Exit status: 0 all good, 1 problems found, 2 usage, 77 nothing to check (CTest skip).
 */
#include "mapkit_geom.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TOOL "mapkit-check"
#define EXIT_SKIP 77
#define MAX_LAYERS 64
/* The region every layer must lie in (degrees). */
#define REGION_W 35.0
#define REGION_E 130.0
#define REGION_S 10.0
#define REGION_N 60.0
/* About 1 m, and about 1 km, in degrees near 37°N. */
#define TOLERANCE_1M_DEG 1e-5
#define TOLERANCE_1KM_DEG 0.01
#define COMPARE_EPS 1e-6

typedef struct Check {
    const char *maps, *data, *compare;
    GEOSContextHandle_t ctx;
    int problems;
} Check;

/* Fields whose values must not be empty, per layer; every layer needs a `name` field. */
static const char *required_values(const char *layer)
{
    static const struct {
        const char *layer, *fields;
    } table[] = {
        {"countries", "id name"},
        {"provinces", "id name"},
        {"wakhan", "id name"},
        {"terrain", "id name kind"},
        {"lakes", "id"},
        {"rivers", "id"},
        {"places", "id name rank kind"},
        {"silk_road", "id name kind start end"},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (strcmp(table[i].layer, layer) == 0)
            return table[i].fields;
    return "";
}

static void problem(Check *c, const char *file, const char *fmt, const char *detail)
{
    fprintf(stderr, "%s: ", file);
    fprintf(stderr, fmt, detail);
    fputc('\n', stderr);
    c->problems++;
}

/* Lists the layer names (without .shp) of dir, sorted. Returns the count or -1. */
static int list_layers(const char *dir, char names[][64], int max)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;
    if (!d)
        return -1;
    while ((e = readdir(d)) && n < max) {
        size_t len = strlen(e->d_name);
        if (len > 4 && len < 64 && strcmp(e->d_name + len - 4, ".shp") == 0) {
            memcpy(names[n], e->d_name, len - 4);
            names[n][len - 4] = '\0';
            n++;
        }
    }
    closedir(d);
    for (int i = 1; i < n; i++) /* insertion sort: a handful of names */
        for (int j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
            char t[64];
            memcpy(t, names[j], 64);
            memcpy(names[j], names[j - 1], 64);
            memcpy(names[j - 1], t, 64);
        }
    return n;
}

static int file_exists(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f)
        fclose(f);
    return f != NULL;
}

static void check_layer(Check *c, const char *check, const char *layer)
{
    char base[4096], path[8400];
    if (snprintf(base, sizeof base, "%s/%s", c->maps, layer) >= (int)sizeof base) {
        problem(c, layer, "%s", "path too long");
        return;
    }
    SHPHandle shp = SHPOpen(base, "rb");
    DBFHandle dbf = DBFOpen(base, "rb");
    if (!shp || !dbf) {
        problem(c, base, "%s", "does not open with shapelib (.shp/.shx/.dbf)");
        goto done;
    }
    int n = 0, type = 0;
    double lo[4], hi[4];
    SHPGetInfo(shp, &n, &type, lo, hi);
    if (strcmp(check, "open") == 0) {
        const char *exts[] = {"prj", "cpg"};
        for (int i = 0; i < 2; i++) {
            snprintf(path, sizeof path, "%s.%s", base, exts[i]);
            if (!file_exists(path))
                problem(c, base, "has no .%s", exts[i]);
        }
        if (n == 0)
            problem(c, base, "%s", "is empty");
        if (DBFGetRecordCount(dbf) != n)
            problem(c, base, "%s", ".shp and .dbf differ in record count");
    } else if (strcmp(check, "names") == 0) {
        if (DBFGetFieldIndex(dbf, "name") < 0)
            problem(c, base, "%s", "has no name field");
        if (type == SHPT_POLYGON && DBFGetFieldIndex(dbf, "id") < 0)
            problem(c, base, "%s", "is a polygon layer without an id field");
        char fields[128];
        snprintf(fields, sizeof fields, "%s", required_values(layer));
        for (char *f = strtok(fields, " "); f; f = strtok(NULL, " ")) {
            int fi = DBFGetFieldIndex(dbf, f);
            if (fi < 0) {
                problem(c, base, "has no field %s", f);
                continue;
            }
            for (int r = 0; r < n; r++) {
                const char *v = DBFReadStringAttribute(dbf, r, fi);
                if (!v || !*v) {
                    snprintf(path, sizeof path, "record %d: empty %s", r, f);
                    problem(c, base, "%s", path);
                }
            }
        }
    } else if (strcmp(check, "bounds") == 0) {
        if (n > 0 && (lo[0] < REGION_W || hi[0] > REGION_E || lo[1] < REGION_S ||
                      hi[1] > REGION_N || !isfinite(lo[0]) || !isfinite(hi[1]))) {
            snprintf(path, sizeof path, "bounds %.3f,%.3f,%.3f,%.3f outside the region", lo[0],
                     lo[1], hi[0], hi[1]);
            problem(c, base, "%s", path);
        }
    } else if (strcmp(check, "valid") == 0 && type == SHPT_POLYGON) {
        int fid = DBFGetFieldIndex(dbf, "id");
        for (int r = 0; r < n; r++) {
            SHPObject *obj = SHPReadObject(shp, r);
            int err = 0;
            GEOSGeometry *g = obj ? mapkit_shape_to_geom(c->ctx, obj, &err) : NULL;
            if (obj)
                SHPDestroyObject(obj);
            const char *id = fid >= 0 ? DBFReadStringAttribute(dbf, r, fid) : "";
            if (!g || err) {
                snprintf(path, sizeof path, "record %d (%s): unreadable polygon", r, id);
                problem(c, base, "%s", path);
            } else if (GEOSisValid_r(c->ctx, g) != 1) {
                char *why = GEOSisValidReason_r(c->ctx, g);
                snprintf(path, sizeof path, "record %d (%s): invalid: %s", r, id, why ? why : "?");
                problem(c, base, "%s", path);
                if (why)
                    GEOSFree_r(c->ctx, why);
            }
            if (g)
                GEOSGeom_destroy_r(c->ctx, g);
        }
    } else if (strcmp(check, "compare") == 0) {
        char other[8400];
        snprintf(other, sizeof other, "%s/%s", c->compare, layer);
        SHPHandle oshp = SHPOpen(other, "rb");
        if (!oshp) {
            problem(c, other, "%s", "missing from the rebuild");
            goto done;
        }
        int on = 0, otype = 0;
        double olo[4], ohi[4];
        SHPGetInfo(oshp, &on, &otype, olo, ohi);
        SHPClose(oshp);
        if (on != n || otype != type) {
            snprintf(path, sizeof path, "rebuild has %d records of type %d, committed %d of %d", on,
                     otype, n, type);
            problem(c, base, "%s", path);
        }
        for (int i = 0; i < 2; i++)
            if (fabs(olo[i] - lo[i]) > COMPARE_EPS || fabs(ohi[i] - hi[i]) > COMPARE_EPS)
                problem(c, base, "%s", "rebuild has different bounds");
    }
done:
    if (shp)
        SHPClose(shp);
    if (dbf)
        DBFClose(dbf);
}

static GEOSGeometry *pick(const MapkitLayer *l, const char *id)
{
    for (int i = 0; i < l->count; i++)
        if (strcmp(l->ids[i], id) == 0 && l->geoms[i])
            return l->geoms[i];
    return NULL;
}

static void check_wakhan(Check *c)
{
    char cpath[4096], wpath[4096];
    MapkitLayer countries, wakhan;
    snprintf(cpath, sizeof cpath, "%s/countries", c->maps);
    snprintf(wpath, sizeof wpath, "%s/wakhan", c->maps);
    if (mapkit_layer_load(c->ctx, cpath, NULL, NULL, &countries) != 0) {
        c->problems++;
        return;
    }
    if (mapkit_layer_load(c->ctx, wpath, NULL, NULL, &wakhan) != 0) {
        mapkit_layer_free(c->ctx, &countries);
        c->problems++;
        return;
    }
    GEOSGeometry *af = pick(&countries, "AF"), *cn = pick(&countries, "CN");
    GEOSGeometry *w = pick(&wakhan, "wakhan");
    if (!af || !cn || !w) {
        problem(c, wpath, "%s", "needs countries AF and CN and a wakhan record");
    } else {
        GEOSGeometry *afbuf = GEOSBuffer_r(c->ctx, af, TOLERANCE_1M_DEG, 8);
        double d = INFINITY;
        if (!afbuf || GEOSWithin_r(c->ctx, w, afbuf) != 1)
            problem(c, wpath, "%s", "does not lie inside AF");
        if (!GEOSDistance_r(c->ctx, w, cn, &d) || d > TOLERANCE_1KM_DEG)
            problem(c, wpath, "%s", "does not reach CN (farther than 1 km)");
        double area = 0;
        if (!GEOSArea_r(c->ctx, w, &area) || area <= 0)
            problem(c, wpath, "%s", "has no area");
        if (afbuf)
            GEOSGeom_destroy_r(c->ctx, afbuf);
    }
    mapkit_layer_free(c->ctx, &countries);
    mapkit_layer_free(c->ctx, &wakhan);
}

static cJSON *read_json(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    long len = -1;
    if (fseek(f, 0, SEEK_END) == 0 && (len = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0)
        buf = malloc((size_t)len + 1);
    cJSON *doc = NULL;
    if (buf && fread(buf, 1, (size_t)len, f) == (size_t)len)
        doc = cJSON_ParseWithLength(buf, (size_t)len);
    fclose(f);
    free(buf);
    if (!doc)
        fprintf(stderr, "%s: not readable JSON\n", path);
    return doc;
}

static int place_known(const MapkitLayer *places, const char *id)
{
    for (int i = 0; i < places->count; i++)
        if (strcmp(places->ids[i], id) == 0)
            return 1;
    return 0;
}

/* Returns the number of ids checked. */
static int check_place_refs(Check *c, const MapkitLayer *places, const char *path)
{
    cJSON *doc = read_json(path);
    int checked = 0;
    char where[512];
    if (!doc) {
        c->problems++;
        return 0;
    }
    const cJSON *item;
    int i = 0;
    cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(doc, "events"))
    {
        const cJSON *p;
        cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(item, "places"))
        {
            checked++;
            if (!cJSON_IsString(p) || !place_known(places, p->valuestring)) {
                snprintf(where, sizeof where, "events[%d].places: unknown place '%s'", i,
                         cJSON_IsString(p) ? p->valuestring : "?");
                problem(c, path, "%s", where);
            }
        }
        i++;
    }
    i = 0;
    cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(doc, "features"))
    {
        const cJSON *props = cJSON_GetObjectItemCaseSensitive(item, "properties");
        const cJSON *p = cJSON_GetObjectItemCaseSensitive(props, "place");
        if (p) {
            checked++;
            if (!cJSON_IsString(p) || !place_known(places, p->valuestring)) {
                snprintf(where, sizeof where, "features[%d].properties.place: unknown '%s'", i,
                         cJSON_IsString(p) ? p->valuestring : "?");
                problem(c, path, "%s", where);
            }
        }
        i++;
    }
    cJSON_Delete(doc);
    return checked;
}

static int check_places(Check *c)
{
    char path[4096];
    MapkitLayer places;
    snprintf(path, sizeof path, "%s/places", c->maps);
    if (mapkit_layer_load(c->ctx, path, NULL, NULL, &places) != 0)
        return 1;
    int files = 0, checked = 0;
    snprintf(path, sizeof path, "%s/events.json", c->data);
    if (file_exists(path)) {
        files++;
        checked += check_place_refs(c, &places, path);
    } else {
        fprintf(stderr, "%s: not there yet, skipped\n", path);
    }
    snprintf(path, sizeof path, "%s/overlays", c->data);
    DIR *d = opendir(path);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len > 8 && strcmp(e->d_name + len - 8, ".geojson") == 0) {
            snprintf(path, sizeof path, "%s/overlays/%s", c->data, e->d_name);
            files++;
            checked += check_place_refs(c, &places, path);
        }
    }
    if (d)
        closedir(d);
    mapkit_layer_free(c->ctx, &places);
    fprintf(stderr, TOOL ": %d place references in %d files\n", checked, files);
    return files == 0 ? EXIT_SKIP : 0;
}

static int check_territory(Check *c)
{
    char path[4096], where[512];
    snprintf(path, sizeof path, "%s/overlays/territory.geojson", c->data);
    if (!file_exists(path)) {
        fprintf(stderr, "%s: not built yet, skipped\n", path);
        return EXIT_SKIP;
    }
    cJSON *doc = read_json(path);
    if (!doc) {
        c->problems++;
        return 0;
    }
    GEOSGeoJSONReader *reader = GEOSGeoJSONReader_create_r(c->ctx);
    const cJSON *f;
    int i = 0;
    cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(doc, "features"))
    {
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(
            cJSON_GetObjectItemCaseSensitive(f, "properties"), "id");
        char *text = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(f, "geometry"));
        GEOSGeometry *g =
            (text && reader) ? GEOSGeoJSONReader_readGeometry_r(c->ctx, reader, text) : NULL;
        free(text);
        const char *name = cJSON_IsString(id) ? id->valuestring : "?";
        int type = g ? GEOSGeomTypeId_r(c->ctx, g) : -1;
        double x0, y0, x1, y1;
        if (!g || (type != GEOS_POLYGON && type != GEOS_MULTIPOLYGON)) {
            snprintf(where, sizeof where, "features[%d] (%s): not a polygon", i, name);
            problem(c, path, "%s", where);
        } else if (GEOSisValid_r(c->ctx, g) != 1 || GEOSisEmpty_r(c->ctx, g)) {
            snprintf(where, sizeof where, "features[%d] (%s): invalid or empty", i, name);
            problem(c, path, "%s", where);
        } else if (!GEOSGeom_getXMin_r(c->ctx, g, &x0) || !GEOSGeom_getYMin_r(c->ctx, g, &y0) ||
                   !GEOSGeom_getXMax_r(c->ctx, g, &x1) || !GEOSGeom_getYMax_r(c->ctx, g, &y1) ||
                   x0 < REGION_W || x1 > REGION_E || y0 < REGION_S || y1 > REGION_N) {
            snprintf(where, sizeof where, "features[%d] (%s): outside the region", i, name);
            problem(c, path, "%s", where);
        }
        if (g)
            GEOSGeom_destroy_r(c->ctx, g);
        i++;
    }
    if (i == 0)
        problem(c, path, "%s", "has no features");
    if (reader)
        GEOSGeoJSONReader_destroy_r(c->ctx, reader);
    cJSON_Delete(doc);
    return 0;
}

int main(int argc, char **argv)
{
    Check c = {.maps = "maps", .data = "data"};
    const char *check = NULL;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--check") == 0)
            check = argv[i + 1];
        else if (strcmp(argv[i], "--maps") == 0)
            c.maps = argv[i + 1];
        else if (strcmp(argv[i], "--data") == 0)
            c.data = argv[i + 1];
        else if (strcmp(argv[i], "--compare") == 0)
            c.compare = argv[i + 1];
        else
            check = NULL, i = argc;
    }
    const char *known = " open names bounds valid wakhan places territory compare ";
    char word[64];
    snprintf(word, sizeof word, " %s ", check ? check : "-");
    if (!check || (argc % 2) == 0 || !strstr(known, word) ||
        (strcmp(check, "compare") == 0 && !c.compare)) {
        fprintf(stderr, "usage: " TOOL " --check open|names|bounds|valid|wakhan|places|"
                        "territory|compare [--maps DIR] [--data DIR] [--compare DIR]\n");
        return 2;
    }
    c.ctx = mapkit_geos_create(TOOL);
    if (!c.ctx)
        return 1;
    int status = 0;
    if (strcmp(check, "wakhan") == 0) {
        check_wakhan(&c);
    } else if (strcmp(check, "places") == 0) {
        status = check_places(&c);
    } else if (strcmp(check, "territory") == 0) {
        status = check_territory(&c);
    } else {
        char layers[MAX_LAYERS][64];
        int n = list_layers(c.maps, layers, MAX_LAYERS);
        if (n <= 0) {
            fprintf(stderr, "%s: no shapefiles\n", c.maps);
            c.problems++;
        }
        for (int i = 0; i < n; i++)
            check_layer(&c, check, layers[i]);
        fprintf(stderr, TOOL ": %s: %d layers\n", check, n);
    }
    GEOS_finish_r(c.ctx);
    if (c.problems) {
        fprintf(stderr, TOOL ": %s: %d problems\n", check, c.problems);
        return 1;
    }
    return status;
}
