/*
 * mapkit_geom.c - shapelib records <-> GEOS geometries, and layer loading.
 *
 * Invariants: every function that returns a GEOSGeometry hands ownership to the caller; inputs
 * are borrowed. Ring assembly never repairs anything, so a checker can see the stored geometry as
 * it is; repairing is a separate, explicit step (mapkit_polygonal).
 */
#include "mapkit_geom.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MIN_RING_POINTS 4

static void print_message(const char *msg, void *userdata)
{
    fprintf(stderr, "%s: GEOS: %s\n", (const char *)userdata, msg);
}

GEOSContextHandle_t mapkit_geos_create(const char *tool)
{
    GEOSContextHandle_t ctx = GEOS_init_r();
    if (!ctx)
        return NULL;
    GEOSContext_setErrorMessageHandler_r(ctx, print_message, (void *)tool);
    return ctx;
}

static GEOSGeometry *make_ring(GEOSContextHandle_t ctx, const double *x, const double *y, int n)
{
    GEOSCoordSequence *seq = GEOSCoordSeq_copyFromArrays_r(ctx, x, y, NULL, NULL, n);
    if (!seq)
        return NULL;
    /* Close the ring if the source left it open. */
    if (x[0] != x[n - 1] || y[0] != y[n - 1]) {
        GEOSCoordSeq_destroy_r(ctx, seq);
        double *cx = malloc(sizeof(double) * (size_t)(n + 1));
        double *cy = malloc(sizeof(double) * (size_t)(n + 1));
        if (!cx || !cy) {
            free(cx);
            free(cy);
            return NULL;
        }
        memcpy(cx, x, sizeof(double) * (size_t)n);
        memcpy(cy, y, sizeof(double) * (size_t)n);
        cx[n] = x[0];
        cy[n] = y[0];
        seq = GEOSCoordSeq_copyFromArrays_r(ctx, cx, cy, NULL, NULL, n + 1);
        free(cx);
        free(cy);
        if (!seq)
            return NULL;
    }
    return GEOSGeom_createLinearRing_r(ctx, seq);
}

/* A collection of polygons from `polys` (ownership taken, array freed by caller). */
static GEOSGeometry *collect(GEOSContextHandle_t ctx, int type, GEOSGeometry **parts, int n)
{
    return GEOSGeom_createCollection_r(ctx, type, parts, (unsigned)n);
}

/* Union of the polygons (shell only) of rings whose depth equals `depth`, or NULL if none. */
static GEOSGeometry *union_at_depth(GEOSContextHandle_t ctx, GEOSGeometry **shells,
                                    const int *depth, int nrings, int want, int *err)
{
    GEOSGeometry **parts = malloc(sizeof(*parts) * (size_t)(nrings ? nrings : 1));
    int n = 0;
    if (!parts) {
        *err = 1;
        return NULL;
    }
    for (int i = 0; i < nrings; i++) {
        if (!shells[i] || depth[i] != want)
            continue;
        GEOSGeometry *valid = mapkit_polygonal(ctx, shells[i]);
        if (!valid) {
            *err = 1;
            break;
        }
        parts[n++] = valid;
    }
    GEOSGeometry *out = NULL;
    if (!*err && n > 0) {
        GEOSGeometry *gc = collect(ctx, GEOS_GEOMETRYCOLLECTION, parts, n);
        if (gc) {
            out = GEOSUnaryUnion_r(ctx, gc);
            GEOSGeom_destroy_r(ctx, gc);
        }
        if (!out)
            *err = 1;
    } else {
        for (int i = 0; i < n; i++)
            GEOSGeom_destroy_r(ctx, parts[i]);
    }
    free(parts);
    return out;
}

/* Even-odd fill: shells at depth 0, holes at depth 1, islands in holes at depth 2, ... */
static GEOSGeometry *rings_by_nesting(GEOSContextHandle_t ctx, GEOSGeometry **shells, int nrings)
{
    int *depth = calloc((size_t)(nrings ? nrings : 1), sizeof(int));
    const GEOSPreparedGeometry **prep = calloc((size_t)(nrings ? nrings : 1), sizeof(*prep));
    GEOSGeometry *acc = NULL;
    int err = 0, maxdepth = 0;
    if (!depth || !prep)
        goto fail;
    for (int i = 0; i < nrings; i++)
        if (shells[i])
            prep[i] = GEOSPrepare_r(ctx, shells[i]);
    for (int i = 0; i < nrings; i++) {
        if (!shells[i])
            continue;
        const GEOSGeometry *ring = GEOSGetExteriorRing_r(ctx, shells[i]);
        const GEOSCoordSequence *seq = ring ? GEOSGeom_getCoordSeq_r(ctx, ring) : NULL;
        double px, py;
        if (!seq || !GEOSCoordSeq_getXY_r(ctx, seq, 0, &px, &py))
            goto fail;
        GEOSGeometry *pt = GEOSGeom_createPointFromXY_r(ctx, px, py);
        if (!pt)
            goto fail;
        for (int j = 0; j < nrings; j++) {
            if (j == i || !prep[j])
                continue;
            if (GEOSPreparedContains_r(ctx, prep[j], pt) == 1)
                depth[i]++;
        }
        GEOSGeom_destroy_r(ctx, pt);
        if (depth[i] > maxdepth)
            maxdepth = depth[i];
    }
    for (int d = 0; d <= maxdepth && !err; d++) {
        GEOSGeometry *level = union_at_depth(ctx, shells, depth, nrings, d, &err);
        if (!level)
            continue;
        if (!acc) {
            acc = level;
            continue;
        }
        GEOSGeometry *next =
            (d % 2) ? GEOSDifference_r(ctx, acc, level) : GEOSUnion_r(ctx, acc, level);
        GEOSGeom_destroy_r(ctx, level);
        GEOSGeom_destroy_r(ctx, acc);
        acc = next;
        if (!acc)
            err = 1;
    }
    if (err)
        goto fail;
    for (int i = 0; i < nrings; i++)
        if (prep[i])
            GEOSPreparedGeom_destroy_r(ctx, prep[i]);
    free(prep);
    free(depth);
    return acc;
fail:
    if (prep)
        for (int i = 0; i < nrings; i++)
            if (prep[i])
                GEOSPreparedGeom_destroy_r(ctx, prep[i]);
    free(prep);
    free(depth);
    if (acc)
        GEOSGeom_destroy_r(ctx, acc);
    return NULL;
}

/* Shapefile convention: clockwise shells, counter-clockwise holes put in the shell that holds
 * their first point. Builds the polygons as stored, without repair. */
static GEOSGeometry *rings_by_orientation(GEOSContextHandle_t ctx, GEOSGeometry **shells,
                                          int nrings)
{
    int *owner = malloc(sizeof(int) * (size_t)(nrings ? nrings : 1));
    char *is_hole = calloc((size_t)(nrings ? nrings : 1), 1);
    GEOSGeometry **polys = calloc((size_t)(nrings ? nrings : 1), sizeof(*polys));
    GEOSGeometry **holes = calloc((size_t)(nrings ? nrings : 1), sizeof(*holes));
    GEOSGeometry *out = NULL;
    int npolys = 0;
    if (!owner || !is_hole || !polys || !holes)
        goto done;
    for (int i = 0; i < nrings; i++) {
        owner[i] = -1;
        char ccw = 0;
        if (!shells[i])
            continue;
        const GEOSGeometry *ring = GEOSGetExteriorRing_r(ctx, shells[i]);
        if (!GEOSCoordSeq_isCCW_r(ctx, GEOSGeom_getCoordSeq_r(ctx, ring), &ccw))
            goto done;
        is_hole[i] = ccw;
    }
    for (int i = 0; i < nrings; i++) {
        if (!shells[i] || !is_hole[i])
            continue;
        const GEOSCoordSequence *seq =
            GEOSGeom_getCoordSeq_r(ctx, GEOSGetExteriorRing_r(ctx, shells[i]));
        double px, py;
        GEOSCoordSeq_getXY_r(ctx, seq, 0, &px, &py);
        GEOSGeometry *pt = GEOSGeom_createPointFromXY_r(ctx, px, py);
        for (int j = 0; j < nrings && pt; j++) {
            if (shells[j] && !is_hole[j] && GEOSIntersects_r(ctx, shells[j], pt) == 1) {
                owner[i] = j;
                break;
            }
        }
        if (pt)
            GEOSGeom_destroy_r(ctx, pt);
    }
    for (int j = 0; j < nrings; j++) {
        if (!shells[j] || is_hole[j])
            continue;
        int nh = 0;
        for (int i = 0; i < nrings; i++)
            if (is_hole[i] && owner[i] == j)
                holes[nh++] = GEOSGeom_clone_r(ctx, GEOSGetExteriorRing_r(ctx, shells[i]));
        GEOSGeometry *shell = GEOSGeom_clone_r(ctx, GEOSGetExteriorRing_r(ctx, shells[j]));
        polys[npolys] = GEOSGeom_createPolygon_r(ctx, shell, holes, (unsigned)nh);
        if (!polys[npolys])
            goto done;
        npolys++;
    }
    /* A hole with no shell is kept as a polygon so that the checker sees it (and fails). */
    for (int i = 0; i < nrings; i++)
        if (shells[i] && is_hole[i] && owner[i] < 0)
            polys[npolys++] = GEOSGeom_clone_r(ctx, shells[i]);
    out = collect(ctx, GEOS_MULTIPOLYGON, polys, npolys);
    npolys = 0;
done:
    for (int i = 0; i < npolys; i++)
        GEOSGeom_destroy_r(ctx, polys[i]);
    free(polys);
    free(holes);
    free(owner);
    free(is_hole);
    return out;
}

GEOSGeometry *mapkit_rings_to_geom(GEOSContextHandle_t ctx, MapkitRingRule rule, int nparts,
                                   const int *starts, int nverts, const double *x, const double *y)
{
    GEOSGeometry **shells = calloc((size_t)(nparts ? nparts : 1), sizeof(*shells));
    GEOSGeometry *out = NULL;
    int usable = 0;
    if (!shells)
        return NULL;
    for (int p = 0; p < nparts; p++) {
        int a = starts[p], b = (p + 1 < nparts) ? starts[p + 1] : nverts;
        if (b - a < MIN_RING_POINTS - 1)
            continue;
        GEOSGeometry *ring = make_ring(ctx, x + a, y + a, b - a);
        if (!ring)
            continue; /* too short once closed */
        shells[p] = GEOSGeom_createPolygon_r(ctx, ring, NULL, 0);
        if (shells[p])
            usable++;
    }
    if (usable > 0)
        out = (rule == MAPKIT_RINGS_NESTING) ? rings_by_nesting(ctx, shells, nparts)
                                             : rings_by_orientation(ctx, shells, nparts);
    for (int p = 0; p < nparts; p++)
        if (shells[p])
            GEOSGeom_destroy_r(ctx, shells[p]);
    free(shells);
    return out;
}

/* Appends clones of the parts of `g` of the wanted family to a growing array. */
static int gather(GEOSContextHandle_t ctx, const GEOSGeometry *g, int polygonal,
                  GEOSGeometry ***parts, int *n, int *cap)
{
    int type = GEOSGeomTypeId_r(ctx, g);
    if (type == GEOS_MULTIPOLYGON || type == GEOS_MULTILINESTRING ||
        type == GEOS_GEOMETRYCOLLECTION) {
        int k = GEOSGetNumGeometries_r(ctx, g);
        for (int i = 0; i < k; i++)
            if (gather(ctx, GEOSGetGeometryN_r(ctx, g, i), polygonal, parts, n, cap) != 0)
                return -1;
        return 0;
    }
    int want =
        polygonal ? (type == GEOS_POLYGON) : (type == GEOS_LINESTRING || type == GEOS_LINEARRING);
    if (!want || GEOSisEmpty_r(ctx, g))
        return 0;
    if (*n == *cap) {
        int ncap = *cap ? *cap * 2 : 16;
        GEOSGeometry **np = realloc(*parts, sizeof(*np) * (size_t)ncap);
        if (!np)
            return -1;
        *parts = np;
        *cap = ncap;
    }
    GEOSGeometry *c = GEOSGeom_clone_r(ctx, g);
    if (!c)
        return -1;
    if (type == GEOS_LINEARRING) {
        GEOSGeometry *ls = GEOSGeom_createLineString_r(
            ctx, GEOSCoordSeq_clone_r(ctx, GEOSGeom_getCoordSeq_r(ctx, g)));
        GEOSGeom_destroy_r(ctx, c);
        if (!ls)
            return -1;
        c = ls;
    }
    (*parts)[(*n)++] = c;
    return 0;
}

static GEOSGeometry *family(GEOSContextHandle_t ctx, const GEOSGeometry *g, int polygonal)
{
    GEOSGeometry **parts = NULL;
    int n = 0, cap = 0;
    if (gather(ctx, g, polygonal, &parts, &n, &cap) != 0) {
        for (int i = 0; i < n; i++)
            GEOSGeom_destroy_r(ctx, parts[i]);
        free(parts);
        return NULL;
    }
    GEOSGeometry *out =
        collect(ctx, polygonal ? GEOS_MULTIPOLYGON : GEOS_MULTILINESTRING, parts, n);
    free(parts);
    return out;
}

GEOSGeometry *mapkit_polygonal(GEOSContextHandle_t ctx, const GEOSGeometry *g)
{
    GEOSGeometry *valid = NULL;
    if (GEOSisValid_r(ctx, g) == 1)
        return family(ctx, g, 1);
    valid = GEOSMakeValid_r(ctx, g);
    if (!valid)
        return NULL;
    GEOSGeometry *out = family(ctx, valid, 1);
    GEOSGeom_destroy_r(ctx, valid);
    /* MakeValid's output can in rare cases still be invalid as a MultiPolygon when parts touch
     * along an edge; a unary union dissolves them. */
    if (out && GEOSisValid_r(ctx, out) != 1) {
        GEOSGeometry *u = GEOSUnaryUnion_r(ctx, out);
        GEOSGeom_destroy_r(ctx, out);
        out = u ? family(ctx, u, 1) : NULL;
        if (u)
            GEOSGeom_destroy_r(ctx, u);
    }
    return out;
}

GEOSGeometry *mapkit_lineal(GEOSContextHandle_t ctx, const GEOSGeometry *g)
{
    return family(ctx, g, 0);
}

GEOSGeometry *mapkit_layer_union(GEOSContextHandle_t ctx, const MapkitLayer *layer)
{
    GEOSGeometry **parts = malloc(sizeof(*parts) * (size_t)(layer->count ? layer->count : 1));
    int n = 0;
    if (!parts)
        return NULL;
    for (int i = 0; i < layer->count; i++)
        if (layer->geoms[i])
            parts[n++] = GEOSGeom_clone_r(ctx, layer->geoms[i]);
    GEOSGeometry *gc = collect(ctx, GEOS_GEOMETRYCOLLECTION, parts, n);
    free(parts);
    if (!gc)
        return NULL;
    GEOSGeometry *u = GEOSUnaryUnion_r(ctx, gc);
    GEOSGeom_destroy_r(ctx, gc);
    return u;
}

GEOSGeometry *mapkit_shape_to_geom(GEOSContextHandle_t ctx, const SHPObject *obj, int *err)
{
    *err = 0;
    if (!obj || obj->nSHPType == SHPT_NULL || obj->nVertices == 0)
        return NULL;
    for (int i = 0; i < obj->nVertices; i++) {
        if (!isfinite(obj->padfX[i]) || !isfinite(obj->padfY[i])) {
            *err = 1;
            return NULL;
        }
    }
    GEOSGeometry *out = NULL;
    switch (obj->nSHPType) {
    case SHPT_POINT:
        out = GEOSGeom_createPointFromXY_r(ctx, obj->padfX[0], obj->padfY[0]);
        break;
    case SHPT_ARC: {
        GEOSGeometry **lines = calloc((size_t)obj->nParts + 1, sizeof(*lines));
        int n = 0;
        if (!lines)
            break;
        for (int p = 0; p < obj->nParts; p++) {
            int a = obj->panPartStart[p];
            int b = (p + 1 < obj->nParts) ? obj->panPartStart[p + 1] : obj->nVertices;
            if (b - a < 2)
                continue;
            GEOSCoordSequence *seq = GEOSCoordSeq_copyFromArrays_r(
                ctx, obj->padfX + a, obj->padfY + a, NULL, NULL, (unsigned)(b - a));
            GEOSGeometry *ls = seq ? GEOSGeom_createLineString_r(ctx, seq) : NULL;
            if (ls)
                lines[n++] = ls;
        }
        out = collect(ctx, GEOS_MULTILINESTRING, lines, n);
        free(lines);
        break;
    }
    case SHPT_POLYGON:
        if (obj->nParts == 0)
            break;
        out = mapkit_rings_to_geom(ctx, MAPKIT_RINGS_ORIENTATION, obj->nParts, obj->panPartStart,
                                   obj->nVertices, obj->padfX, obj->padfY);
        break;
    default:
        break;
    }
    if (!out)
        *err = 1;
    return out;
}

/* Growing arrays of x/y and part starts for one record. */
typedef struct Parts {
    double *x, *y;
    int *starts;
    int nverts, nparts, vcap, pcap;
} Parts;

static int parts_add_seq(GEOSContextHandle_t ctx, Parts *p, const GEOSCoordSequence *seq)
{
    unsigned n = 0;
    if (!GEOSCoordSeq_getSize_r(ctx, seq, &n))
        return -1;
    if (p->nparts == p->pcap) {
        int cap = p->pcap ? p->pcap * 2 : 8;
        int *s = realloc(p->starts, sizeof(int) * (size_t)cap);
        if (!s)
            return -1;
        p->starts = s;
        p->pcap = cap;
    }
    while (p->nverts + (int)n > p->vcap) {
        int cap = p->vcap ? p->vcap * 2 : 1024;
        double *nx = realloc(p->x, sizeof(double) * (size_t)cap);
        if (!nx)
            return -1;
        p->x = nx;
        double *ny = realloc(p->y, sizeof(double) * (size_t)cap);
        if (!ny)
            return -1;
        p->y = ny;
        p->vcap = cap;
    }
    if (!GEOSCoordSeq_copyToArrays_r(ctx, seq, p->x + p->nverts, p->y + p->nverts, NULL, NULL))
        return -1;
    p->starts[p->nparts++] = p->nverts;
    p->nverts += (int)n;
    return 0;
}

static int parts_add(GEOSContextHandle_t ctx, Parts *p, const GEOSGeometry *g)
{
    int type = GEOSGeomTypeId_r(ctx, g);
    if (GEOSisEmpty_r(ctx, g))
        return 0;
    switch (type) {
    case GEOS_POINT:
    case GEOS_LINESTRING:
    case GEOS_LINEARRING:
        return parts_add_seq(ctx, p, GEOSGeom_getCoordSeq_r(ctx, g));
    case GEOS_POLYGON: {
        if (parts_add_seq(ctx, p, GEOSGeom_getCoordSeq_r(ctx, GEOSGetExteriorRing_r(ctx, g))))
            return -1;
        int nh = GEOSGetNumInteriorRings_r(ctx, g);
        for (int i = 0; i < nh; i++)
            if (parts_add_seq(ctx, p,
                              GEOSGeom_getCoordSeq_r(ctx, GEOSGetInteriorRingN_r(ctx, g, i))))
                return -1;
        return 0;
    }
    default: {
        int k = GEOSGetNumGeometries_r(ctx, g);
        for (int i = 0; i < k; i++)
            if (parts_add(ctx, p, GEOSGetGeometryN_r(ctx, g, i)) != 0)
                return -1;
        return 0;
    }
    }
}

int mapkit_shape_write(GEOSContextHandle_t ctx, SHPHandle shp, const GEOSGeometry *g)
{
    int shp_type = 0, rec = -1;
    SHPGetInfo(shp, NULL, &shp_type, NULL, NULL);
    Parts p = {0};
    SHPObject *obj = NULL;
    if (!g || GEOSisEmpty_r(ctx, g)) {
        obj = SHPCreateSimpleObject(SHPT_NULL, 0, NULL, NULL, NULL);
    } else {
        if (parts_add(ctx, &p, g) != 0)
            goto done;
        if (shp_type == SHPT_POINT)
            obj = SHPCreateSimpleObject(SHPT_POINT, 1, p.x, p.y, NULL);
        else
            obj = SHPCreateObject(shp_type, -1, p.nparts, p.starts, NULL, p.nverts, p.x, p.y, NULL,
                                  NULL);
    }
    if (!obj)
        goto done;
    if (shp_type == SHPT_POLYGON)
        SHPRewindObject(shp, obj);
    rec = SHPWriteObject(shp, -1, obj);
done:
    if (obj)
        SHPDestroyObject(obj);
    free(p.x);
    free(p.y);
    free(p.starts);
    return rec;
}

int mapkit_prj_write(const char *base)
{
    char path[4096];
    if (snprintf(path, sizeof path, "%s.prj", base) >= (int)sizeof path)
        return -1;
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    int ok = fputs(MAPKIT_PRJ_WGS84, f) >= 0;
    if (fclose(f) != 0)
        ok = 0;
    return ok ? 0 : -1;
}

static char *field_copy(DBFHandle dbf, int rec, int field)
{
    const char *s = (field >= 0) ? DBFReadStringAttribute(dbf, rec, field) : NULL;
    return strdup(s ? s : "");
}

int mapkit_layer_load(GEOSContextHandle_t ctx, const char *path, GEOSTransformXYCallback xform,
                      void *userdata, MapkitLayer *layer)
{
    memset(layer, 0, sizeof *layer);
    SHPHandle shp = SHPOpen(path, "rb");
    DBFHandle dbf = DBFOpen(path, "rb");
    int n = 0;
    if (!shp || !dbf) {
        fprintf(stderr, "%s: cannot open shapefile (.shp/.shx/.dbf)\n", path);
        goto fail;
    }
    SHPGetInfo(shp, &n, &layer->shape_type, NULL, NULL);
    if (DBFGetRecordCount(dbf) != n) {
        fprintf(stderr, "%s: .shp has %d records but .dbf has %d\n", path, n,
                DBFGetRecordCount(dbf));
        goto fail;
    }
    layer->geoms = calloc((size_t)(n ? n : 1), sizeof(*layer->geoms));
    layer->ids = calloc((size_t)(n ? n : 1), sizeof(char *));
    layer->names = calloc((size_t)(n ? n : 1), sizeof(char *));
    if (!layer->geoms || !layer->ids || !layer->names)
        goto fail;
    int fid = DBFGetFieldIndex(dbf, "id"), fname = DBFGetFieldIndex(dbf, "name");
    for (int i = 0; i < n; i++) {
        layer->count = i + 1;
        layer->ids[i] = field_copy(dbf, i, fid);
        layer->names[i] = field_copy(dbf, i, fname);
        if (!layer->ids[i] || !layer->names[i])
            goto fail;
        SHPObject *obj = SHPReadObject(shp, i);
        if (!obj) {
            fprintf(stderr, "%s: record %d cannot be read\n", path, i);
            goto fail;
        }
        if (obj->nSHPType != SHPT_NULL && obj->nSHPType != layer->shape_type) {
            fprintf(stderr, "%s: record %d has shape type %d, file has %d\n", path, i,
                    obj->nSHPType, layer->shape_type);
            SHPDestroyObject(obj);
            goto fail;
        }
        int err = 0;
        GEOSGeometry *g = mapkit_shape_to_geom(ctx, obj, &err);
        SHPDestroyObject(obj);
        if (err) {
            fprintf(stderr, "%s: record %d (%s) has unusable geometry\n", path, i, layer->ids[i]);
            goto fail;
        }
        if (g && xform) {
            GEOSGeometry *t = GEOSGeom_transformXY_r(ctx, g, xform, userdata);
            GEOSGeom_destroy_r(ctx, g);
            if (!t) {
                fprintf(stderr, "%s: record %d cannot be transformed\n", path, i);
                goto fail;
            }
            g = t;
        }
        layer->geoms[i] = g;
    }
    layer->count = n;
    SHPClose(shp);
    DBFClose(dbf);
    return 0;
fail:
    if (shp)
        SHPClose(shp);
    if (dbf)
        DBFClose(dbf);
    mapkit_layer_free(ctx, layer);
    return -1;
}

void mapkit_layer_free(GEOSContextHandle_t ctx, MapkitLayer *layer)
{
    for (int i = 0; i < layer->count; i++) {
        if (layer->geoms && layer->geoms[i])
            GEOSGeom_destroy_r(ctx, layer->geoms[i]);
        if (layer->ids)
            free(layer->ids[i]);
        if (layer->names)
            free(layer->names[i]);
    }
    free(layer->geoms);
    free(layer->ids);
    free(layer->names);
    memset(layer, 0, sizeof *layer);
}
