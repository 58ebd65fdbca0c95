/*
 * Shapes and what is derived from them with GEOS: nesting of rings into polygons, levels of
 * detail, fill triangles and prepared hit tests.
 *
 * Invariant: shape->path is never changed after geo_shape_init; every cache is derived from it
 * and freed with the shape. lod[0] aliases path and is not freed separately; a level whose
 * simplification failed is marked in lod_full rather than pointed at path, because shapes are
 * moved (arrays of overlays grow) and a pointer into the shape itself would go stale.
 */
#include "geo_internal.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void geo_box_empty(GeoBox *box)
{
    box->minx = box->miny = HUGE_VAL;
    box->maxx = box->maxy = -HUGE_VAL;
}

void geo_box_add(GeoBox *box, double x, double y)
{
    box->minx = fmin(box->minx, x);
    box->miny = fmin(box->miny, y);
    box->maxx = fmax(box->maxx, x);
    box->maxy = fmax(box->maxy, y);
}

bool geo_box_intersects(const GeoBox *a, const GeoBox *b)
{
    return a->minx <= b->maxx && b->minx <= a->maxx && a->miny <= b->maxy && b->miny <= a->maxy;
}

bool geo_box_contains(const GeoBox *box, double x, double y)
{
    return x >= box->minx && x <= box->maxx && y >= box->miny && y <= box->maxy;
}

bool geo_shape_init(GeoShape *shape, GeoKind kind, const double *xy, int npoints, const int *part,
                    int nparts)
{
    memset(shape, 0, sizeof *shape);
    shape->kind = kind;
    shape->path.xy = malloc(sizeof(double) * 2 * (size_t)(npoints ? npoints : 1));
    shape->path.part = malloc(sizeof(int) * (size_t)(nparts + 1));
    if (!shape->path.xy || !shape->path.part) {
        free(shape->path.xy);
        free(shape->path.part);
        memset(shape, 0, sizeof *shape);
        return false;
    }
    memcpy(shape->path.xy, xy, sizeof(double) * 2 * (size_t)npoints);
    memcpy(shape->path.part, part, sizeof(int) * (size_t)nparts);
    shape->path.part[nparts] = npoints;
    shape->path.npoints = npoints;
    shape->path.nparts = nparts;
    geo_box_empty(&shape->box);
    for (int i = 0; i < npoints; i++)
        geo_box_add(&shape->box, xy[2 * i], xy[2 * i + 1]);
    shape->lod[0] = &shape->path;
    return true;
}

static int runs_of(int npoints)
{
    return npoints > 1 ? (npoints - 2) / GEO_PATH_RUN + 1 : 0;
}

bool geo_path_compute_boxes(GeoPath *p)
{
    free(p->boxes);
    free(p->run_box);
    free(p->run_start);
    p->run_box = NULL;
    p->boxes = malloc(sizeof *p->boxes * (size_t)(p->nparts ? p->nparts : 1));
    p->run_start = malloc(sizeof *p->run_start * (size_t)(p->nparts + 1));
    if (!p->boxes || !p->run_start) {
        free(p->run_start);
        p->run_start = NULL;
        return false;
    }
    int nruns = 0;
    for (int r = 0; r < p->nparts; r++) {
        p->run_start[r] = nruns;
        nruns += runs_of(p->part[r + 1] - p->part[r]);
        geo_box_empty(&p->boxes[r]);
        for (int i = p->part[r]; i < p->part[r + 1]; i++)
            geo_box_add(&p->boxes[r], p->xy[2 * i], p->xy[2 * i + 1]);
    }
    p->run_start[p->nparts] = nruns;
    p->run_box = malloc(sizeof *p->run_box * (size_t)(nruns ? nruns : 1));
    if (!p->run_box) {
        free(p->run_start);
        p->run_start = NULL;
        return false;
    }
    for (int r = 0; r < p->nparts; r++) {
        int a = p->part[r], b = p->part[r + 1];
        for (int k = 0; k < runs_of(b - a); k++) {
            GeoBox *box = &p->run_box[p->run_start[r] + k];
            geo_box_empty(box);
            int end = a + (k + 1) * GEO_PATH_RUN;
            for (int i = a + k * GEO_PATH_RUN; i <= end && i < b; i++)
                geo_box_add(box, p->xy[2 * i], p->xy[2 * i + 1]);
        }
    }
    return true;
}

void geo_path_free(GeoPath *path)
{
    if (!path)
        return;
    free(path->xy);
    free(path->part);
    free(path->boxes);
    free(path->run_box);
    free(path->run_start);
    free(path);
}

void geo_shape_free(GeoContext *ctx, GeoShape *shape)
{
    if (!shape)
        return;
    for (int i = 1; i < GEO_LOD_COUNT; i++)
        geo_path_free(shape->lod[i]);
    for (int i = 0; i < GEO_LOD_COUNT; i++) {
        if (shape->mesh[i]) {
            free(shape->mesh[i]->xy);
            free(shape->mesh[i]->chunks);
            free(shape->mesh[i]);
        }
    }
    if (ctx) {
        GEOSContextHandle_t h = geo_context_geos(ctx);
        if (shape->prepared)
            GEOSPreparedGeom_destroy_r(h, shape->prepared);
        if (shape->geos)
            GEOSGeom_destroy_r(h, shape->geos);
        for (int i = 1; i < GEO_LOD_COUNT; i++)
            if (shape->lod_geos[i])
                GEOSGeom_destroy_r(h, shape->lod_geos[i]);
    }
    free(shape->path.xy);
    free(shape->path.part);
    free(shape->path.boxes);
    free(shape->path.run_box);
    free(shape->path.run_start);
    free(shape->roles);
    memset(shape, 0, sizeof *shape);
}

bool geo_shape_set_roles(GeoShape *shape, const unsigned char *roles)
{
    free(shape->roles);
    shape->roles = malloc((size_t)(shape->path.nparts ? shape->path.nparts : 1));
    if (!shape->roles)
        return false;
    memcpy(shape->roles, roles, (size_t)shape->path.nparts);
    return true;
}

/* --- building GEOS geometries --- */

static double ring_area2(const double *xy, int n)
{
    double a = 0;
    for (int i = 0, j = n - 1; i < n; j = i++)
        a += xy[2 * j] * xy[2 * i + 1] - xy[2 * i] * xy[2 * j + 1];
    return a;
}

static bool ring_contains(const double *xy, int n, double x, double y)
{
    bool inside = false;
    for (int i = 0, j = n - 1; i < n; j = i++) {
        double xi = xy[2 * i], yi = xy[2 * i + 1], xj = xy[2 * j], yj = xy[2 * j + 1];
        if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi)
            inside = !inside;
    }
    return inside;
}

/* Coordinates closer to zero than this are given to GEOS as zero. No map needs them, and two
 * points closer than about 1e-154 have a squared distance that underflows to zero: GEOS then
 * divides by it, and its topology-preserving simplifier (3.11) recurses without end on the NaN
 * distance, overflowing the stack. */
#define GEOS_TINY 1e-100

static double flush_tiny(double v)
{
    return fabs(v) < GEOS_TINY ? 0.0 : v;
}

static GEOSCoordSequence *make_seq(GEOSContextHandle_t h, const double *xy, int n, bool close)
{
    bool add = close && (xy[0] != xy[2 * (n - 1)] || xy[1] != xy[2 * (n - 1) + 1]);
    GEOSCoordSequence *seq = GEOSCoordSeq_create_r(h, (unsigned)(n + add), 2);
    if (!seq)
        return NULL;
    for (int i = 0; i < n + add; i++) {
        int k = i < n ? i : 0;
        GEOSCoordSeq_setXY_r(h, seq, (unsigned)i, flush_tiny(xy[2 * k]), flush_tiny(xy[2 * k + 1]));
    }
    return seq;
}

static GEOSGeometry *make_ring(GEOSContextHandle_t h, const GeoPath *p, int r)
{
    int n = p->part[r + 1] - p->part[r];
    GEOSCoordSequence *seq = make_seq(h, p->xy + 2 * p->part[r], n, true);
    return seq ? GEOSGeom_createLinearRing_r(h, seq) : NULL;
}

/* Whether ring a lies inside ring b. A single vertex is not enough: an island may share a vertex
 * with the coast around it, and a vertex on b's boundary tests either way. Several vertices
 * spread along a vote instead. */
#define RING_VOTES 7

static bool ring_inside(const double *a, int na, const double *b, int nb)
{
    int in = 0, votes = na < RING_VOTES ? na : RING_VOTES;
    for (int k = 0; k < votes; k++) {
        int i = (int)((long)k * na / votes);
        in += ring_contains(b, nb, a[2 * i], a[2 * i + 1]);
    }
    return 2 * in > votes;
}

typedef struct RingInfo {
    int index;
    double area;
    int parent; /* index into the sorted array of the shell holding this hole, or -1 */
    bool hole, ccw;
    GeoBox box;
} RingInfo;

static int by_area_desc(const void *a, const void *b)
{
    double x = ((const RingInfo *)a)->area, y = ((const RingInfo *)b)->area;
    return x < y ? 1 : x > y ? -1 : 0;
}

static GEOSGeometry *polygons_to_geos(GEOSContextHandle_t h, const GeoPath *p,
                                      const unsigned char *roles)
{
    int nr = p->nparts;
    GEOSGeometry *result = NULL;
    RingInfo *rings = calloc((size_t)nr, sizeof *rings);
    GEOSGeometry **polys = calloc((size_t)nr, sizeof *polys);
    GEOSGeometry **holes = calloc((size_t)nr, sizeof *holes);
    int npolys = 0;
    if (!rings || !polys || !holes)
        goto done;
    int valid = 0;
    for (int r = 0; r < nr; r++) {
        int n = p->part[r + 1] - p->part[r];
        if (n < 3)
            continue; /* a degenerate ring adds nothing to the area */
        const double *xy = p->xy + 2 * p->part[r];
        RingInfo *ri = &rings[valid++];
        ri->index = r;
        double signed_area = ring_area2(xy, n);
        ri->area = fabs(signed_area);
        ri->ccw = signed_area > 0;
        geo_box_empty(&ri->box);
        for (int i = 0; i < n; i++)
            geo_box_add(&ri->box, xy[2 * i], xy[2 * i + 1]);
    }
    if (roles) {
        /* The file says which ring is a hole (GeoJSON's structure): it belongs to the outer
         * ring before it. */
        int shell = -1;
        for (int i = 0; i < valid; i++) {
            bool hole = roles[rings[i].index] == GEO_RING_HOLE && shell >= 0;
            rings[i].hole = hole;
            rings[i].parent = hole ? shell : -1;
            if (!hole)
                shell = i;
        }
        goto build;
    }
    qsort(rings, (size_t)valid, sizeof *rings, by_area_desc);
    /* The largest ring is an outer ring, whatever the file's convention; a ring wound the other
     * way is a hole (shapefiles wind outer rings clockwise, GeoJSON counter-clockwise, and
     * both are honoured this way). A hole belongs to the smallest outer ring around it; one
     * that no outer ring holds is drawn as an outer ring rather than lost. */
    bool outer_ccw = valid > 0 && rings[0].ccw;
    for (int i = 0; i < valid; i++) {
        rings[i].parent = -1;
        rings[i].hole = false;
        if (rings[i].ccw == outer_ccw)
            continue;
        int ri = rings[i].index;
        for (int j = i - 1; j >= 0; j--) {
            int rj = rings[j].index;
            if (rings[j].ccw == outer_ccw &&
                geo_box_contains(&rings[j].box, rings[i].box.minx, rings[i].box.miny) &&
                geo_box_contains(&rings[j].box, rings[i].box.maxx, rings[i].box.maxy) &&
                ring_inside(p->xy + 2 * p->part[ri], p->part[ri + 1] - p->part[ri],
                            p->xy + 2 * p->part[rj], p->part[rj + 1] - p->part[rj])) {
                rings[i].parent = j;
                rings[i].hole = true;
                break;
            }
        }
    }
build:
    for (int i = 0; i < valid; i++) {
        if (rings[i].hole)
            continue;
        GEOSGeometry *shell = make_ring(h, p, rings[i].index);
        if (!shell)
            goto done;
        int nh = 0;
        for (int j = i + 1; j < valid; j++) {
            if (rings[j].hole && rings[j].parent == i) {
                GEOSGeometry *hole = make_ring(h, p, rings[j].index);
                if (hole)
                    holes[nh++] = hole;
            }
        }
        GEOSGeometry *poly = GEOSGeom_createPolygon_r(h, shell, holes, (unsigned)nh);
        if (!poly) {
            GEOSGeom_destroy_r(h, shell);
            for (int k = 0; k < nh; k++)
                GEOSGeom_destroy_r(h, holes[k]);
            goto done;
        }
        polys[npolys++] = poly;
    }
    result = GEOSGeom_createCollection_r(h, GEOS_MULTIPOLYGON, polys, (unsigned)npolys);
    if (result)
        npolys = 0; /* owned by the collection now */
done:
    for (int k = 0; k < npolys; k++)
        GEOSGeom_destroy_r(h, polys[k]);
    free(rings);
    free(polys);
    free(holes);
    return result;
}

static GEOSGeometry *lines_to_geos(GEOSContextHandle_t h, const GeoPath *p, bool points)
{
    GEOSGeometry **parts = calloc((size_t)(points ? p->npoints : p->nparts) + 1, sizeof *parts);
    int n = 0;
    if (!parts)
        return NULL;
    if (points) {
        for (int i = 0; i < p->npoints; i++) {
            GEOSGeometry *pt = GEOSGeom_createPointFromXY_r(h, flush_tiny(p->xy[2 * i]),
                                                            flush_tiny(p->xy[2 * i + 1]));
            if (pt)
                parts[n++] = pt;
        }
    } else {
        for (int r = 0; r < p->nparts; r++) {
            int count = p->part[r + 1] - p->part[r];
            if (count < 2)
                continue;
            GEOSCoordSequence *seq = make_seq(h, p->xy + 2 * p->part[r], count, false);
            GEOSGeometry *line = seq ? GEOSGeom_createLineString_r(h, seq) : NULL;
            if (line)
                parts[n++] = line;
        }
    }
    GEOSGeometry *g = GEOSGeom_createCollection_r(
        h, points ? GEOS_MULTIPOINT : GEOS_MULTILINESTRING, parts, (unsigned)n);
    if (!g)
        for (int i = 0; i < n; i++)
            GEOSGeom_destroy_r(h, parts[i]);
    free(parts);
    return g;
}

GEOSGeometry *geo_shape_to_geos(GeoContext *ctx, const GeoShape *shape)
{
    GEOSContextHandle_t h = geo_context_geos(ctx);
    switch (shape->kind) {
    case GEO_POLYGON:
        return polygons_to_geos(h, &shape->path, shape->roles);
    case GEO_LINE:
        return lines_to_geos(h, &shape->path, false);
    case GEO_POINT:
        return lines_to_geos(h, &shape->path, true);
    }
    return NULL;
}

/* --- reading GEOS geometries back --- */

typedef struct PathBuilder {
    GeoPath *path;
    int cap_points, cap_parts;
} PathBuilder;

static bool builder_add_seq(GEOSContextHandle_t h, PathBuilder *b, const GEOSCoordSequence *seq)
{
    unsigned size = 0;
    if (!seq || !GEOSCoordSeq_getSize_r(h, seq, &size) || size == 0)
        return true;
    GeoPath *p = b->path;
    if (p->npoints + (int)size > b->cap_points) {
        int cap = (p->npoints + (int)size) * 2;
        double *xy = realloc(p->xy, sizeof(double) * 2 * (size_t)cap);
        if (!xy)
            return false;
        p->xy = xy;
        b->cap_points = cap;
    }
    if (p->nparts + 2 > b->cap_parts) {
        int cap = (p->nparts + 2) * 2;
        int *part = realloc(p->part, sizeof(int) * (size_t)cap);
        if (!part)
            return false;
        p->part = part;
        b->cap_parts = cap;
    }
    for (unsigned i = 0; i < size; i++) {
        double x, y;
        GEOSCoordSeq_getXY_r(h, seq, i, &x, &y);
        p->xy[2 * (p->npoints + (int)i)] = x;
        p->xy[2 * (p->npoints + (int)i) + 1] = y;
    }
    p->part[p->nparts++] = p->npoints;
    p->npoints += (int)size;
    p->part[p->nparts] = p->npoints;
    return true;
}

static bool builder_add(GEOSContextHandle_t h, PathBuilder *b, const GEOSGeometry *g)
{
    int type = GEOSGeomTypeId_r(h, g);
    switch (type) {
    case GEOS_POINT:
    case GEOS_LINESTRING:
    case GEOS_LINEARRING:
        return builder_add_seq(h, b, GEOSGeom_getCoordSeq_r(h, g));
    case GEOS_POLYGON: {
        if (!builder_add_seq(h, b, GEOSGeom_getCoordSeq_r(h, GEOSGetExteriorRing_r(h, g))))
            return false;
        int nh = GEOSGetNumInteriorRings_r(h, g);
        for (int i = 0; i < nh; i++)
            if (!builder_add_seq(h, b, GEOSGeom_getCoordSeq_r(h, GEOSGetInteriorRingN_r(h, g, i))))
                return false;
        return true;
    }
    default: {
        int n = GEOSGetNumGeometries_r(h, g);
        for (int i = 0; i < n; i++)
            if (!builder_add(h, b, GEOSGetGeometryN_r(h, g, i)))
                return false;
        return true;
    }
    }
}

GeoPath *geo_path_from_geos(GeoContext *ctx, const GEOSGeometry *g)
{
    PathBuilder b = {calloc(1, sizeof(GeoPath)), 0, 0};
    if (!b.path)
        return NULL;
    b.path->part = calloc(1, sizeof(int));
    if (!b.path->part || !builder_add(geo_context_geos(ctx), &b, g)) {
        geo_path_free(b.path);
        return NULL;
    }
    return b.path;
}

/* --- levels of detail, meshes, hit tests --- */

double geo_lod_tolerance(int level)
{
    return level <= 0 ? 0.0 : GEO_LOD_BASE_TOLERANCE * pow(4.0, level - 1);
}

int geo_lod_for_scale(double metres_per_pixel)
{
    /* Simplifying by up to about half a pixel is invisible once strokes are anti-aliased. */
    int level = 0;
    while (level + 1 < GEO_LOD_COUNT && geo_lod_tolerance(level + 1) <= 0.5 * metres_per_pixel)
        level++;
    return level;
}

static GEOSGeometry *shape_geos(GeoContext *ctx, GeoShape *shape)
{
    if (!shape->geos)
        shape->geos = geo_shape_to_geos(ctx, shape);
    return shape->geos;
}

/* The geometry at a level: Douglas-Peucker simplification of the full geometry. It may be
 * invalid (a ring may touch itself) at coarse levels; meshes repair what they triangulate.
 * Topology-preserving simplification was tried and is both far slower and, in GEOS 3.11, no
 * more valid on the region's coastlines. */
GEOSGeometry *geo_shape_lod_geos(GeoContext *ctx, GeoShape *shape, int level)
{
    GEOSGeometry *g = shape_geos(ctx, shape);
    if (level <= 0 || !g)
        return g;
    if (!shape->lod_geos[level])
        shape->lod_geos[level] = GEOSSimplify_r(geo_context_geos(ctx), g, geo_lod_tolerance(level));
    return shape->lod_geos[level] ? shape->lod_geos[level] : g;
}

/* The path at a level, made on first use. */
static GeoPath *lod_path(GeoContext *ctx, GeoShape *shape, int level)
{
    if (level <= 0 || shape->kind == GEO_POINT)
        return &shape->path;
    if (level >= GEO_LOD_COUNT)
        level = GEO_LOD_COUNT - 1;
    if (shape->lod_full[level])
        return &shape->path;
    if (!shape->lod[level] && shape->lod_stored[level]) {
        /* From the cache file; one that is not sound is made again below. */
        shape->lod[level] =
            geo_cache_path_read(shape->lod_stored[level], shape->lod_stored_bytes[level]);
        shape->lod_stored[level] = NULL;
    }
    if (shape->lod[level])
        return shape->lod[level];
    GEOSGeometry *g = geo_shape_lod_geos(ctx, shape, level);
    GeoPath *path = g ? geo_path_from_geos(ctx, g) : NULL;
    shape->lod[level] = path;
    shape->lod_full[level] = !path;
    return path ? path : &shape->path;
}

const GeoPath *geo_shape_lod(GeoContext *ctx, GeoShape *shape, int level)
{
    GeoPath *p = lod_path(ctx, shape, level);
    /* Culling boxes are made on first use, so start-up pays only for the levels it draws.
     * Without them (out of memory) nothing is culled, which is still right. */
    if (!p->boxes)
        geo_path_compute_boxes(p);
    return p;
}

/* Interleaves the low 16 bits of x and y. */
static uint32_t morton(uint32_t x, uint32_t y)
{
    uint32_t code = 0;
    for (int b = 0; b < 16; b++)
        code |= ((x >> b) & 1u) << (2 * b) | ((y >> b) & 1u) << (2 * b + 1);
    return code;
}

typedef struct TriKey {
    uint32_t code;
    int tri;
} TriKey;

static int by_code(const void *a, const void *b)
{
    uint32_t x = ((const TriKey *)a)->code, y = ((const TriKey *)b)->code;
    return x < y ? -1 : x > y;
}

bool geo_mesh_sort(GeoMesh *mesh)
{
    int ntri = mesh->nvertices / 3;
    if (ntri <= GEO_MESH_CHUNK)
        return geo_mesh_compute_chunks(mesh); /* one chunk: nothing to order */
    TriKey *keys = malloc(sizeof *keys * (size_t)ntri);
    float *sorted = malloc(sizeof *sorted * 6 * (size_t)ntri);
    if (!keys || !sorted) {
        free(keys);
        free(sorted);
        return false;
    }
    GeoBox box;
    geo_box_empty(&box);
    for (int v = 0; v < 3 * ntri; v++)
        geo_box_add(&box, mesh->xy[2 * v], mesh->xy[2 * v + 1]);
    double sx = 65535 / fmax(box.maxx - box.minx, 1e-9),
           sy = 65535 / fmax(box.maxy - box.miny, 1e-9);
    for (int t = 0; t < ntri; t++) {
        const float *p = mesh->xy + 6 * t;
        double cx = (p[0] + p[2] + p[4]) / 3, cy = (p[1] + p[3] + p[5]) / 3;
        keys[t] =
            (TriKey){morton((uint32_t)((cx - box.minx) * sx), (uint32_t)((cy - box.miny) * sy)), t};
    }
    qsort(keys, (size_t)ntri, sizeof *keys, by_code);
    for (int t = 0; t < ntri; t++)
        memcpy(sorted + 6 * t, mesh->xy + 6 * keys[t].tri, sizeof(float) * 6);
    free(keys);
    free(mesh->xy);
    mesh->xy = sorted;
    return geo_mesh_compute_chunks(mesh);
}

void geo_shape_release_geos(GeoContext *ctx, GeoShape *shape)
{
    GEOSContextHandle_t h = geo_context_geos(ctx);
    for (int i = 1; i < GEO_LOD_COUNT; i++) {
        if (shape->lod_geos[i])
            GEOSGeom_destroy_r(h, shape->lod_geos[i]);
        shape->lod_geos[i] = NULL;
    }
    /* The prepared geometry refers to the full one: both stay while hit tests use them. */
    if (shape->geos && !shape->prepared) {
        GEOSGeom_destroy_r(h, shape->geos);
        shape->geos = NULL;
    }
}

/* Toggles `inside` for every segment a..b-1 of xy that a ray from (x, y) towards +x crosses. */
static bool cross_segments(const double *xy, int a, int b, double x, double y, bool inside)
{
    for (int i = a; i < b; i++) {
        double xi = xy[2 * i], yi = xy[2 * i + 1], xj = xy[2 * i + 2], yj = xy[2 * i + 3];
        if ((yi > y) != (yj > y) && x < xi + (y - yi) * (xj - xi) / (yj - yi))
            inside = !inside;
    }
    return inside;
}

static bool box_reaches(const GeoBox *b, double x, double y)
{
    return b->miny <= y && y <= b->maxy && b->maxx >= x;
}

bool geo_shape_covers(GeoContext *ctx, GeoShape *shape, double x, double y)
{
    if (shape->kind != GEO_POLYGON || !geo_box_contains(&shape->box, x, y))
        return false;
    /* Even-odd over the full-detail rings (holes included), skipping parts and runs of 64
     * segments that a ray from the point towards +x cannot cross: a few hundred segments per
     * test even for China, where a prepared GEOS geometry took seconds to build. */
    const GeoPath *p = geo_shape_lod(ctx, shape, 0);
    bool inside = false;
    for (int r = 0; r < p->nparts; r++) {
        if (p->boxes && !box_reaches(&p->boxes[r], x, y))
            continue;
        int a = p->part[r], b = p->part[r + 1];
        if (b - a < 3)
            continue;
        if (p->run_box && p->run_start) {
            for (int k = p->run_start[r]; k < p->run_start[r + 1]; k++) {
                int from = a + (k - p->run_start[r]) * GEO_PATH_RUN;
                int to = from + GEO_PATH_RUN < b - 1 ? from + GEO_PATH_RUN : b - 1;
                if (box_reaches(&p->run_box[k], x, y))
                    inside = cross_segments(p->xy, from, to, x, y, inside);
            }
        } else {
            inside = cross_segments(p->xy, a, b - 1, x, y, inside);
        }
        /* A ring not stored closed closes from its last vertex to its first. */
        const double *first = p->xy + 2 * a, *last = p->xy + 2 * (b - 1);
        if (first[0] != last[0] || first[1] != last[1]) {
            double seg[4] = {last[0], last[1], first[0], first[1]};
            inside = cross_segments(seg, 0, 1, x, y, inside);
        }
    }
    return inside;
}

static double segment_distance2(double px, double py, double ax, double ay, double bx, double by)
{
    double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    double ex = ax + t * dx - px, ey = ay + t * dy - py;
    return ex * ex + ey * ey;
}

double geo_shape_distance2(const GeoShape *shape, double x, double y)
{
    const GeoPath *p = &shape->path;
    double best = HUGE_VAL;
    for (int r = 0; r < p->nparts; r++) {
        int a = p->part[r], b = p->part[r + 1];
        for (int i = a; i < b; i++) {
            int j = (shape->kind == GEO_POINT || i + 1 >= b) ? i : i + 1;
            double d = segment_distance2(x, y, p->xy[2 * i], p->xy[2 * i + 1], p->xy[2 * j],
                                         p->xy[2 * j + 1]);
            best = fmin(best, d);
        }
    }
    return best;
}

bool geo_shape_valid(GeoContext *ctx, GeoShape *shape, char *why, size_t why_size)
{
    GEOSContextHandle_t h = geo_context_geos(ctx);
    GEOSGeometry *g = shape_geos(ctx, shape);
    if (!g) {
        snprintf(why, why_size, "cannot build geometry: %s", geo_context_last_error(ctx));
        return false;
    }
    char *reason = NULL;
    GEOSGeometry *where = NULL;
    char valid = GEOSisValidDetail_r(h, g, 0, &reason, &where);
    if (valid != 1 && why_size) {
        double x = 0, y = 0;
        if (where)
            GEOSGeomGetX_r(h, where, &x), GEOSGeomGetY_r(h, where, &y);
        snprintf(why, why_size, "%s near (%.0f, %.0f)", reason ? reason : "invalid", x, y);
    }
    if (reason)
        GEOSFree_r(h, reason);
    if (where)
        GEOSGeom_destroy_r(h, where);
    return valid == 1;
}

double geo_shape_area(GeoContext *ctx, GeoShape *shape)
{
    double area = 0;
    GEOSGeometry *g = shape->kind == GEO_POLYGON ? shape_geos(ctx, shape) : NULL;
    if (g && !GEOSArea_r(geo_context_geos(ctx), g, &area))
        area = 0;
    return area;
}

#define LABEL_LOD 2
#define LABEL_FULL_MAX 20000

void geo_shape_label_point(GeoContext *ctx, GeoShape *shape, double *x, double *y)
{
    if (shape->label_known) {
        *x = shape->label_x;
        *y = shape->label_y;
        return;
    }
    const GeoPath *p = &shape->path;
    *x = p->npoints ? p->xy[0] : 0;
    *y = p->npoints ? p->xy[1] : 0;
    if (shape->kind == GEO_POLYGON) {
        /* A large polygon whose holes must be found by winding (a shapefile's) is taken at the
         * level of detail LABEL_LOD, simplified well under a pixel wherever a whole area is
         * labelled: finding the holes of China's 400,000 vertices in the full geometry cost
         * seconds of the first frame. Others are taken whole, as drawn. */
        GEOSContextHandle_t h = geo_context_geos(ctx);
        bool coarse = !shape->roles && p->npoints > LABEL_FULL_MAX;
        const GeoPath *from = coarse ? lod_path(ctx, shape, LABEL_LOD) : p;
        GEOSGeometry *g =
            from->npoints ? polygons_to_geos(h, from, coarse ? NULL : shape->roles) : NULL;
        GEOSGeometry *pt = g ? GEOSPointOnSurface_r(h, g) : NULL;
        if (pt && !GEOSisEmpty_r(h, pt)) {
            GEOSGeomGetX_r(h, pt, x);
            GEOSGeomGetY_r(h, pt, y);
        }
        if (pt)
            GEOSGeom_destroy_r(h, pt);
        if (g)
            GEOSGeom_destroy_r(h, g);
    } else if (shape->kind == GEO_LINE) {
        int best = 0;
        for (int r = 1; r < p->nparts; r++)
            if (p->part[r + 1] - p->part[r] > p->part[best + 1] - p->part[best])
                best = r;
        /* The longest part may still be empty (a damaged cache file's offsets can all meet
         * at the end): then the first point stands. */
        int len = p->nparts ? p->part[best + 1] - p->part[best] : 0;
        if (len > 0) {
            int mid = p->part[best] + len / 2;
            *x = p->xy[2 * mid];
            *y = p->xy[2 * mid + 1];
        }
    }
    shape->label_known = true;
    shape->label_x = *x;
    shape->label_y = *y;
}
