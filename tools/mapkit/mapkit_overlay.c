/*
 * mapkit-overlay - builds data/overlays/territory.geojson from recipes and the base layers.
 *
 *   mapkit-overlay RECIPES.json MAPS_DIR OUT.geojson
 *
 * Each recipe feature has `properties` (copied through verbatim) and a `shape` expression
 * (docs/overlay-recipes.md): ref, places, polygon, union, intersection, difference, buffer_km,
 * and zone, a named expression from the recipe file's top-level "zones" object, evaluated once.
 * Everything is computed in an equal-area projection (MAPKIT_OVERLAY_CRS) so that buffers are in
 * real kilometres; the result is cut to land (the union of maps/countries), simplified with
 * topology preserved, projected back to lon/lat, snapped to a 1e-4 degree grid with
 * GEOSGeom_setPrecision (which keeps it valid), and written with outer rings counter-clockwise
 * as RFC 7946 asks. Errors name the recipe file, the feature index and its id.
 */
#include "mapkit_geom.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <proj.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define TOOL "mapkit-overlay"
#define MAPKIT_OVERLAY_CRS                                                                         \
    "+proj=aea +lat_0=36 +lon_0=80 +lat_1=28 +lat_2=46 +datum=WGS84 +units=m +no_defs"
/* Base geometry is pre-simplified to this (m) so the overlay algebra stays quick; the output
 * tolerance is coarser anyway. */
#define PRESIMPLIFY_M 500.0
#define SIMPLIFY_M 2000.0
#define GRID_DEG 1e-4
/* Polygons and holes smaller than this (km²) are slivers left by cutting to land and by the
 * grid; a class cannot see them, and on the grid they can end up touching or nesting. */
#define MIN_PART_KM2 5.0
#define BUFFER_QUADSEGS 8
#define MAX_CACHED_LAYERS 16

typedef struct Builder {
    GEOSContextHandle_t ctx;
    PJ_CONTEXT *pj_ctx;
    PJ *pj; /* lon/lat <-> projected, axis order normalized to lon, lat */
    const char *maps;
    const char *recipes;
    char layer_names[MAX_CACHED_LAYERS][64];
    MapkitLayer layers[MAX_CACHED_LAYERS];
    int nlayers;
    GEOSGeometry *land;
    /* The recipe file's named zones and their geometry once evaluated (NULL until then). */
    const cJSON *zones;
    GEOSGeometry **zone_geoms;
    char *zone_busy;
    int nzones;
    /* Error context for the feature being built. */
    int index;
    const char *id;
} Builder;

static GEOSGeometry *fail(Builder *b, const char *what, const char *detail)
{
    fprintf(stderr, "%s: features[%d] (%s): %s%s\n", b->recipes, b->index, b->id, what,
            detail ? detail : "");
    return NULL;
}

static int forward_xy(double *x, double *y, void *userdata)
{
    Builder *b = userdata;
    PJ_COORD c = proj_coord(*x, *y, 0, 0);
    c = proj_trans(b->pj, PJ_FWD, c);
    if (!isfinite(c.xy.x) || !isfinite(c.xy.y))
        return 0;
    *x = c.xy.x;
    *y = c.xy.y;
    return 1;
}

static int inverse_xy(double *x, double *y, void *userdata)
{
    Builder *b = userdata;
    PJ_COORD c = proj_coord(*x, *y, 0, 0);
    c = proj_trans(b->pj, PJ_INV, c);
    if (!isfinite(c.lp.lam) || !isfinite(c.lp.phi))
        return 0;
    *x = c.lp.lam;
    *y = c.lp.phi;
    return 1;
}

/* Returns the layer `name` of maps/, loading, projecting and pre-simplifying it once. */
static MapkitLayer *layer_get(Builder *b, const char *name)
{
    for (int i = 0; i < b->nlayers; i++)
        if (strcmp(b->layer_names[i], name) == 0)
            return &b->layers[i];
    if (b->nlayers == MAX_CACHED_LAYERS || strlen(name) >= 64 || strchr(name, '/'))
        return NULL;
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", b->maps, name);
    MapkitLayer *l = &b->layers[b->nlayers];
    if (mapkit_layer_load(b->ctx, path, forward_xy, b, l) != 0)
        return NULL;
    for (int i = 0; i < l->count; i++) {
        if (!l->geoms[i] || l->shape_type != SHPT_POLYGON)
            continue;
        GEOSGeometry *s = GEOSTopologyPreserveSimplify_r(b->ctx, l->geoms[i], PRESIMPLIFY_M);
        GEOSGeometry *v = s ? mapkit_polygonal(b->ctx, s) : NULL;
        if (s)
            GEOSGeom_destroy_r(b->ctx, s);
        if (!v) {
            mapkit_layer_free(b->ctx, l);
            return NULL;
        }
        GEOSGeom_destroy_r(b->ctx, l->geoms[i]);
        l->geoms[i] = v;
    }
    snprintf(b->layer_names[b->nlayers], 64, "%s", name);
    b->nlayers++;
    return l;
}

static GEOSGeometry *eval(Builder *b, const cJSON *expr);

static GEOSGeometry *eval_ref(Builder *b, const char *ref)
{
    char name[64];
    const char *slash = strchr(ref, '/');
    if (!slash || slash == ref || (size_t)(slash - ref) >= sizeof name)
        return fail(b, "ref must be \"layer/id\": ", ref);
    memcpy(name, ref, (size_t)(slash - ref));
    name[slash - ref] = '\0';
    MapkitLayer *l = layer_get(b, name);
    if (!l)
        return fail(b, "no usable layer for ref ", ref);
    if (l->shape_type != SHPT_POLYGON)
        return fail(b, "ref to a layer that is not polygons: ", ref);
    GEOSGeometry **parts = calloc((size_t)l->count + 1, sizeof(*parts));
    int n = 0;
    if (!parts)
        return NULL;
    for (int i = 0; i < l->count; i++)
        if (l->geoms[i] && strcmp(l->ids[i], slash + 1) == 0)
            parts[n++] = GEOSGeom_clone_r(b->ctx, l->geoms[i]);
    GEOSGeometry *gc =
        n ? GEOSGeom_createCollection_r(b->ctx, GEOS_GEOMETRYCOLLECTION, parts, (unsigned)n) : NULL;
    free(parts);
    if (!gc)
        return fail(b, "ref matches no record: ", ref);
    GEOSGeometry *u = GEOSUnaryUnion_r(b->ctx, gc);
    GEOSGeom_destroy_r(b->ctx, gc);
    return u;
}

static double buffer_m(const cJSON *expr)
{
    const cJSON *km = cJSON_GetObjectItemCaseSensitive(expr, "buffer_km");
    return cJSON_IsNumber(km) ? km->valuedouble * 1000.0 : 0.0;
}

static GEOSGeometry *eval_places(Builder *b, const cJSON *expr, const cJSON *ids)
{
    MapkitLayer *l = layer_get(b, "places");
    if (!l)
        return fail(b, "maps/places cannot be loaded", NULL);
    int n = cJSON_GetArraySize(ids), k = 0;
    GEOSGeometry **pts = calloc((size_t)n + 1, sizeof(*pts));
    if (!pts)
        return NULL;
    const cJSON *id;
    cJSON_ArrayForEach(id, ids)
    {
        int found = -1;
        for (int i = 0; cJSON_IsString(id) && i < l->count; i++)
            if (strcmp(l->ids[i], id->valuestring) == 0 && l->geoms[i])
                found = i;
        if (found < 0) {
            for (int i = 0; i < k; i++)
                GEOSGeom_destroy_r(b->ctx, pts[i]);
            free(pts);
            return fail(b, "unknown place ", cJSON_IsString(id) ? id->valuestring : "(not text)");
        }
        pts[k++] = GEOSGeom_clone_r(b->ctx, l->geoms[found]);
    }
    GEOSGeometry *mp = GEOSGeom_createCollection_r(b->ctx, GEOS_MULTIPOINT, pts, (unsigned)k);
    free(pts);
    GEOSGeometry *hull = mp ? GEOSConvexHull_r(b->ctx, mp) : NULL;
    if (mp)
        GEOSGeom_destroy_r(b->ctx, mp);
    if (!hull)
        return NULL;
    GEOSGeometry *out = GEOSBuffer_r(b->ctx, hull, buffer_m(expr), BUFFER_QUADSEGS);
    GEOSGeom_destroy_r(b->ctx, hull);
    return out;
}

static GEOSGeometry *eval_polygon(Builder *b, const cJSON *ring)
{
    int n = cJSON_GetArraySize(ring), k = 0;
    double *x = malloc(sizeof(double) * (size_t)(n + 1)),
           *y = malloc(sizeof(double) * (size_t)(n + 1));
    GEOSGeometry *out = NULL;
    if (!x || !y)
        goto done;
    const cJSON *pt;
    cJSON_ArrayForEach(pt, ring)
    {
        const cJSON *lon = cJSON_GetArrayItem(pt, 0), *lat = cJSON_GetArrayItem(pt, 1);
        if (!cJSON_IsNumber(lon) || !cJSON_IsNumber(lat) || cJSON_GetArraySize(pt) != 2) {
            fail(b, "polygon vertices must be [lon, lat]", NULL);
            goto done;
        }
        x[k] = lon->valuedouble;
        y[k] = lat->valuedouble;
        if (!forward_xy(&x[k], &y[k], b)) {
            fail(b, "polygon vertex cannot be projected", NULL);
            goto done;
        }
        k++;
    }
    int start = 0;
    GEOSGeometry *raw = mapkit_rings_to_geom(b->ctx, MAPKIT_RINGS_NESTING, 1, &start, k, x, y);
    if (!raw) {
        fail(b, "polygon needs at least 3 distinct vertices", NULL);
        goto done;
    }
    out = mapkit_polygonal(b->ctx, raw);
    GEOSGeom_destroy_r(b->ctx, raw);
done:
    free(x);
    free(y);
    return out;
}

/* A named zone: evaluated on first use, then copied from the cache. */
static GEOSGeometry *eval_zone(Builder *b, const char *name)
{
    int i = 0;
    const cJSON *z;
    cJSON_ArrayForEach(z, b->zones)
    {
        if (z->string && !strcmp(z->string, name))
            break;
        i++;
    }
    if (!z)
        return fail(b, "no zone has the name ", name);
    if (!b->zone_geoms[i]) {
        if (b->zone_busy[i])
            return fail(b, "zone refers to itself: ", name);
        b->zone_busy[i] = 1;
        b->zone_geoms[i] = eval(b, z);
        b->zone_busy[i] = 0;
        if (!b->zone_geoms[i])
            return fail(b, "in zone ", name);
    }
    return GEOSGeom_clone_r(b->ctx, b->zone_geoms[i]);
}

/* union / intersection / difference over an array of expressions. */
static GEOSGeometry *eval_fold(Builder *b, const cJSON *items, char op)
{
    if (!cJSON_IsArray(items) || cJSON_GetArraySize(items) < 1)
        return fail(b, "union/intersection/difference need a non-empty array", NULL);
    GEOSGeometry *acc = NULL;
    const cJSON *item;
    cJSON_ArrayForEach(item, items)
    {
        GEOSGeometry *g = eval(b, item);
        if (!g) {
            if (acc)
                GEOSGeom_destroy_r(b->ctx, acc);
            return NULL;
        }
        if (!acc) {
            acc = g;
            continue;
        }
        GEOSGeometry *next = op == 'u'   ? GEOSUnion_r(b->ctx, acc, g)
                             : op == 'i' ? GEOSIntersection_r(b->ctx, acc, g)
                                         : GEOSDifference_r(b->ctx, acc, g);
        GEOSGeom_destroy_r(b->ctx, acc);
        GEOSGeom_destroy_r(b->ctx, g);
        if (!next)
            return fail(b, "GEOS overlay failed", NULL);
        acc = next;
    }
    return acc;
}

static GEOSGeometry *eval(Builder *b, const cJSON *expr)
{
    const cJSON *v;
    if (!cJSON_IsObject(expr))
        return fail(b, "shape must be an object", NULL);
    if ((v = cJSON_GetObjectItemCaseSensitive(expr, "ref")))
        return cJSON_IsString(v) ? eval_ref(b, v->valuestring) : fail(b, "ref must be text", NULL);
    if ((v = cJSON_GetObjectItemCaseSensitive(expr, "zone")))
        return cJSON_IsString(v) ? eval_zone(b, v->valuestring)
                                 : fail(b, "zone must be text", NULL);
    if ((v = cJSON_GetObjectItemCaseSensitive(expr, "places")))
        return cJSON_IsArray(v) ? eval_places(b, expr, v)
                                : fail(b, "places must be an array of ids", NULL);
    if ((v = cJSON_GetObjectItemCaseSensitive(expr, "polygon")))
        return eval_polygon(b, v);
    if ((v = cJSON_GetObjectItemCaseSensitive(expr, "union")))
        return eval_fold(b, v, 'u');
    if ((v = cJSON_GetObjectItemCaseSensitive(expr, "intersection")))
        return eval_fold(b, v, 'i');
    if ((v = cJSON_GetObjectItemCaseSensitive(expr, "difference")))
        return eval_fold(b, v, 'd');
    if ((v = cJSON_GetObjectItemCaseSensitive(expr, "of"))) {
        if (!cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(expr, "buffer_km")))
            return fail(b, "\"of\" needs a numeric buffer_km", NULL);
        GEOSGeometry *g = eval(b, v);
        if (!g)
            return NULL;
        GEOSGeometry *out = GEOSBuffer_r(b->ctx, g, buffer_m(expr), BUFFER_QUADSEGS);
        GEOSGeom_destroy_r(b->ctx, g);
        return out;
    }
    return fail(b,
                "unknown shape; expected ref, zone, places, polygon, union, intersection, "
                "difference or buffer_km/of",
                NULL);
}

/* Appends one ring as [[lon,lat],...], reversed if its orientation is not the wanted one. */
static int ring_json(Builder *b, const GEOSGeometry *ring, int want_ccw, cJSON *out)
{
    const GEOSCoordSequence *seq = GEOSGeom_getCoordSeq_r(b->ctx, ring);
    unsigned n = 0;
    char ccw = 0;
    if (!seq || !GEOSCoordSeq_getSize_r(b->ctx, seq, &n) ||
        !GEOSCoordSeq_isCCW_r(b->ctx, seq, &ccw))
        return -1;
    cJSON *arr = cJSON_CreateArray();
    if (!arr || !cJSON_AddItemToArray(out, arr))
        return -1;
    for (unsigned i = 0; i < n; i++) {
        unsigned k = ((ccw != 0) == (want_ccw != 0)) ? i : n - 1 - i;
        double x, y;
        if (!GEOSCoordSeq_getXY_r(b->ctx, seq, k, &x, &y))
            return -1;
        double xy[2] = {round(x / GRID_DEG) * GRID_DEG, round(y / GRID_DEG) * GRID_DEG};
        cJSON *pt = cJSON_CreateDoubleArray(xy, 2);
        if (!pt || !cJSON_AddItemToArray(arr, pt))
            return -1;
    }
    return 0;
}

static cJSON *geometry_json(Builder *b, const GEOSGeometry *g)
{
    int np = GEOSGetNumGeometries_r(b->ctx, g);
    cJSON *geom = cJSON_CreateObject(), *polys = cJSON_CreateArray();
    if (!geom || !polys)
        goto fail;
    for (int p = 0; p < np; p++) {
        const GEOSGeometry *poly = GEOSGetGeometryN_r(b->ctx, g, p);
        cJSON *rings = cJSON_CreateArray();
        if (!rings || !cJSON_AddItemToArray(polys, rings) ||
            ring_json(b, GEOSGetExteriorRing_r(b->ctx, poly), 1, rings) != 0)
            goto fail;
        int nh = GEOSGetNumInteriorRings_r(b->ctx, poly);
        for (int h = 0; h < nh; h++)
            if (ring_json(b, GEOSGetInteriorRingN_r(b->ctx, poly, h), 0, rings) != 0)
                goto fail;
    }
    if (np == 1) {
        cJSON *single = cJSON_DetachItemFromArray(polys, 0);
        cJSON_Delete(polys);
        polys = NULL;
        if (!cJSON_AddStringToObject(geom, "type", "Polygon") ||
            !cJSON_AddItemToObject(geom, "coordinates", single))
            goto fail;
    } else {
        cJSON *tmp = polys;
        polys = NULL;
        if (!cJSON_AddStringToObject(geom, "type", "MultiPolygon") ||
            !cJSON_AddItemToObject(geom, "coordinates", tmp))
            goto fail;
    }
    return geom;
fail:
    cJSON_Delete(polys);
    cJSON_Delete(geom);
    return NULL;
}

static int snap_xy(double *x, double *y, void *userdata)
{
    (void)userdata;
    *x = round(*x / GRID_DEG) * GRID_DEG;
    *y = round(*y / GRID_DEG) * GRID_DEG;
    return 1;
}

/* A copy of a polygonal geometry (in metres) without polygons or holes under MIN_PART_KM2.
 * NULL when nothing is left or on failure. */
static GEOSGeometry *drop_slivers(GEOSContextHandle_t ctx, const GEOSGeometry *g)
{
    const double min_area = MIN_PART_KM2 * 1e6;
    int n = GEOSGetNumGeometries_r(ctx, g), kept = 0;
    GEOSGeometry **polys = calloc((size_t)(n ? n : 1), sizeof *polys);
    if (!polys)
        return NULL;
    for (int i = 0; i < n; i++) {
        const GEOSGeometry *poly = GEOSGetGeometryN_r(ctx, g, i);
        double area = 0;
        if (GEOSGeomTypeId_r(ctx, poly) != GEOS_POLYGON || !GEOSArea_r(ctx, poly, &area) ||
            area < min_area)
            continue;
        int nh = GEOSGetNumInteriorRings_r(ctx, poly), kh = 0;
        GEOSGeometry **holes = calloc((size_t)(nh ? nh : 1), sizeof *holes);
        GEOSGeometry *shell = GEOSGeom_clone_r(ctx, GEOSGetExteriorRing_r(ctx, poly));
        for (int h = 0; holes && shell && h < nh; h++) {
            const GEOSGeometry *ring = GEOSGetInteriorRingN_r(ctx, poly, h);
            GEOSGeometry *hole = GEOSGeom_clone_r(ctx, ring);
            GEOSGeometry *as_poly =
                hole ? GEOSGeom_createPolygon_r(ctx, GEOSGeom_clone_r(ctx, ring), NULL, 0) : NULL;
            double hole_area = 0;
            if (as_poly && GEOSArea_r(ctx, as_poly, &hole_area) && hole_area >= min_area)
                holes[kh++] = hole;
            else if (hole)
                GEOSGeom_destroy_r(ctx, hole);
            if (as_poly)
                GEOSGeom_destroy_r(ctx, as_poly);
        }
        GEOSGeometry *kept_poly =
            holes && shell ? GEOSGeom_createPolygon_r(ctx, shell, holes, (unsigned)kh) : NULL;
        if (kept_poly)
            polys[kept++] = kept_poly;
        else if (shell)
            GEOSGeom_destroy_r(ctx, shell);
        free(holes);
    }
    GEOSGeometry *out =
        kept ? GEOSGeom_createCollection_r(ctx, GEOS_MULTIPOLYGON, polys, (unsigned)kept) : NULL;
    free(polys);
    return out;
}

/* Evaluates, cuts to land, simplifies and returns the lon/lat geometry of one recipe. */
static GEOSGeometry *build_feature(Builder *b, const cJSON *shape)
{
    GEOSGeometry *g = eval(b, shape), *t;
    if (!g)
        return NULL;
    t = GEOSIntersection_r(b->ctx, g, b->land);
    GEOSGeom_destroy_r(b->ctx, g);
    g = t ? mapkit_polygonal(b->ctx, t) : NULL;
    if (t)
        GEOSGeom_destroy_r(b->ctx, t);
    if (!g)
        return fail(b, "cutting to land failed", NULL);
    /* NOTE: TopologyPreserveSimplify keeps rings from crossing, but its output can still be
     * invalid (a hole touching its shell), which setPrecision rejects; repair between steps. */
    t = GEOSTopologyPreserveSimplify_r(b->ctx, g, SIMPLIFY_M);
    GEOSGeom_destroy_r(b->ctx, g);
    g = t ? mapkit_polygonal(b->ctx, t) : NULL;
    if (t)
        GEOSGeom_destroy_r(b->ctx, t);
    t = g ? drop_slivers(b->ctx, g) : NULL;
    if (g)
        GEOSGeom_destroy_r(b->ctx, g);
    if (!t)
        return fail(b, "nothing larger than a sliver is left once cut to land", NULL);
    g = t ? GEOSGeom_transformXY_r(b->ctx, t, inverse_xy, b) : NULL;
    if (t)
        GEOSGeom_destroy_r(b->ctx, t);
    t = g ? mapkit_polygonal(b->ctx, g) : NULL;
    if (g)
        GEOSGeom_destroy_r(b->ctx, g);
    g = t ? GEOSGeom_setPrecision_r(b->ctx, t, GRID_DEG, 0) : NULL;
    if (!g && t) /* fall back: snap each vertex to the grid, then repair */
        g = GEOSGeom_transformXY_r(b->ctx, t, snap_xy, NULL);
    if (t)
        GEOSGeom_destroy_r(b->ctx, t);
    t = g ? mapkit_polygonal(b->ctx, g) : NULL;
    if (g)
        GEOSGeom_destroy_r(b->ctx, g);
    g = t;
    if (!g)
        return fail(b, "simplifying or projecting back failed", NULL);
    if (GEOSisEmpty_r(b->ctx, g)) {
        GEOSGeom_destroy_r(b->ctx, g);
        return fail(b, "the shape is empty once cut to land", NULL);
    }
    return g;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n = -1;
    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0)
        buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    if (buf) {
        buf[n] = '\0';
        *len = (size_t)n;
    }
    return buf;
}

static int write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    int ok = fputs(text, f) >= 0 && fputc('\n', f) != EOF;
    if (fclose(f) != 0)
        ok = 0;
    return ok ? 0 : -1;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: " TOOL " RECIPES.json MAPS_DIR OUT.geojson\n");
        return 2;
    }
    Builder b = {.recipes = argv[1], .maps = argv[2], .id = "?"};
    size_t len = 0;
    char *text = read_file(b.recipes, &len), *out_text = NULL;
    cJSON *doc = NULL, *out = NULL, *features_out = NULL;
    int status = 1, built = 0;
    b.ctx = mapkit_geos_create(TOOL);
    b.pj_ctx = proj_context_create();
    if (!text) {
        fprintf(stderr, "%s: cannot read\n", b.recipes);
        goto done;
    }
    doc = cJSON_ParseWithLength(text, len);
    const cJSON *features = cJSON_GetObjectItemCaseSensitive(doc, "features");
    if (!doc || !cJSON_IsArray(features)) {
        fprintf(stderr, "%s: not JSON with a \"features\" array\n", b.recipes);
        goto done;
    }
    if (!b.ctx || !b.pj_ctx)
        goto done;
    b.zones = cJSON_GetObjectItemCaseSensitive(doc, "zones");
    if (b.zones && !cJSON_IsObject(b.zones)) {
        fprintf(stderr, "%s: \"zones\" must be an object of named shapes\n", b.recipes);
        goto done;
    }
    b.nzones = cJSON_GetArraySize(b.zones);
    b.zone_geoms = calloc((size_t)b.nzones + 1, sizeof *b.zone_geoms);
    b.zone_busy = calloc((size_t)b.nzones + 1, 1);
    if (!b.zone_geoms || !b.zone_busy)
        goto done;
    PJ *raw = proj_create_crs_to_crs(b.pj_ctx, "EPSG:4326", MAPKIT_OVERLAY_CRS, NULL);
    b.pj = raw ? proj_normalize_for_visualization(b.pj_ctx, raw) : NULL;
    if (raw)
        proj_destroy(raw);
    if (!b.pj) {
        fprintf(stderr, TOOL ": PROJ cannot set up %s\n", MAPKIT_OVERLAY_CRS);
        goto done;
    }
    MapkitLayer *countries = layer_get(&b, "countries");
    if (!countries || !(b.land = mapkit_layer_union(b.ctx, countries))) {
        fprintf(stderr, "%s/countries: cannot build the land mask\n", b.maps);
        goto done;
    }
    out = cJSON_CreateObject();
    if (!out || !cJSON_AddStringToObject(out, "type", "FeatureCollection") ||
        !(features_out = cJSON_AddArrayToObject(out, "features")))
        goto done;
    const cJSON *f;
    int failures = 0;
    cJSON_ArrayForEach(f, features)
    {
        const cJSON *props = cJSON_GetObjectItemCaseSensitive(f, "properties");
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(props, "id");
        b.id = cJSON_IsString(id) ? id->valuestring : "?";
        if (!cJSON_IsObject(props) || !cJSON_IsString(id)) {
            fail(&b, "needs properties with a text id", NULL);
            failures++;
        } else {
            clock_t t0 = clock();
            GEOSGeometry *g = build_feature(&b, cJSON_GetObjectItemCaseSensitive(f, "shape"));
            if (getenv("MAPKIT_VERBOSE"))
                fprintf(stderr, TOOL ": %s: %.1f s\n", b.id, (double)(clock() - t0) / CLOCKS_PER_SEC);
            cJSON *feature = cJSON_CreateObject();
            cJSON *geom = g ? geometry_json(&b, g) : NULL;
            if (g)
                GEOSGeom_destroy_r(b.ctx, g);
            if (!geom || !feature || !cJSON_AddStringToObject(feature, "type", "Feature") ||
                !cJSON_AddItemToObject(feature, "properties", cJSON_Duplicate(props, 1)) ||
                !cJSON_AddItemToObject(feature, "geometry", geom)) {
                if (!cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(feature, "geometry")))
                    cJSON_Delete(geom);
                cJSON_Delete(feature);
                failures++;
            } else {
                cJSON_AddItemToArray(features_out, feature);
                built++;
            }
        }
        b.index++;
    }
    if (failures) {
        fprintf(stderr, "%s: %d of %d features failed; %s not written\n", b.recipes, failures,
                b.index, argv[3]);
        goto done;
    }
    out_text = cJSON_PrintUnformatted(out);
    if (!out_text || write_file(argv[3], out_text) != 0) {
        fprintf(stderr, "%s: cannot write\n", argv[3]);
        goto done;
    }
    fprintf(stderr, TOOL ": %s: %d features\n", argv[3], built);
    status = 0;
done:
    free(text);
    free(out_text);
    cJSON_Delete(doc);
    cJSON_Delete(out);
    for (int i = 0; b.zone_geoms && i < b.nzones; i++)
        if (b.zone_geoms[i])
            GEOSGeom_destroy_r(b.ctx, b.zone_geoms[i]);
    free(b.zone_geoms);
    free(b.zone_busy);
    for (int i = 0; i < b.nlayers; i++)
        mapkit_layer_free(b.ctx, &b.layers[i]);
    if (b.land)
        GEOSGeom_destroy_r(b.ctx, b.land);
    if (b.pj)
        proj_destroy(b.pj);
    if (b.pj_ctx)
        proj_context_destroy(b.pj_ctx);
    if (b.ctx)
        GEOS_finish_r(b.ctx);
    return status;
}
