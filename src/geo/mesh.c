/*
 * Fill meshes: polygons triangulated with GEOS's constrained Delaunay triangulation, polygon by
 * polygon, repairing what simplification breaks; and the spatial order (a Morton curve) and
 * chunk boxes that let a frame draw only the triangles it shows.
 */
#include "geo_internal.h"

#include <math.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Appends the triangles of a GEOS triangulation to the mesh. */
static bool mesh_append(GEOSContextHandle_t h, GeoMesh *mesh, int *cap, const GEOSGeometry *tris)
{
    int n = GEOSGetNumGeometries_r(h, tris);
    if (mesh->nvertices + 3 * n > *cap) {
        int grown = (mesh->nvertices + 3 * n) * 2;
        float *xy = realloc(mesh->xy, sizeof(float) * 2 * (size_t)grown);
        if (!xy)
            return false;
        mesh->xy = xy;
        *cap = grown;
    }
    for (int i = 0; i < n; i++) {
        const GEOSGeometry *tri = GEOSGetGeometryN_r(h, tris, i);
        const GEOSCoordSequence *seq = GEOSGeom_getCoordSeq_r(h, GEOSGetExteriorRing_r(h, tri));
        unsigned size = 0;
        if (!seq || !GEOSCoordSeq_getSize_r(h, seq, &size) || size < 3)
            continue;
        for (unsigned k = 0; k < 3; k++) {
            double x, y;
            GEOSCoordSeq_getXY_r(h, seq, k, &x, &y);
            mesh->xy[2 * mesh->nvertices] = (float)x;
            mesh->xy[2 * mesh->nvertices + 1] = (float)y;
            mesh->nvertices++;
        }
    }
    return true;
}

/* Triangulates one polygon; an invalid one is repaired first, and each polygon of the repair
 * is triangulated on its own. Returns false when a part could not be triangulated. */
static bool triangulate_polygon(GEOSContextHandle_t h, const GEOSGeometry *poly, GeoMesh *mesh,
                                int *cap, int depth)
{
    if (GEOSisEmpty_r(h, poly) == 1)
        return true;
    GEOSGeometry *tris = NULL;
    if (GEOSisValid_r(h, poly) == 1)
        tris = GEOSConstrainedDelaunayTriangulation_r(h, poly);
    if (tris) {
        bool ok = mesh_append(h, mesh, cap, tris);
        GEOSGeom_destroy_r(h, tris);
        return ok;
    }
    if (depth > 0)
        return false;
    /* Repair: rings that touch or cross themselves, which simplification leaves behind, are
     * rebuilt by area ("structure" keeps the polygons' extent and drops stray lines). A
     * zero-width buffer did this before, but GEOS leaks memory when that buffer gives up. */
    GEOSGeometry *fixed = NULL;
    GEOSMakeValidParams *params = GEOSMakeValidParams_create_r(h);
    if (params) {
        GEOSMakeValidParams_setMethod_r(h, params, GEOS_MAKE_VALID_STRUCTURE);
        GEOSMakeValidParams_setKeepCollapsed_r(h, params, 0);
        fixed = GEOSMakeValidWithParams_r(h, poly, params);
        GEOSMakeValidParams_destroy_r(h, params);
    }
    bool ok = fixed != NULL;
    int n = fixed ? GEOSGetNumGeometries_r(h, fixed) : 0;
    for (int i = 0; i < n; i++) {
        const GEOSGeometry *part = GEOSGetGeometryN_r(h, fixed, i);
        if (GEOSGeomTypeId_r(h, part) == GEOS_POLYGON)
            ok &= triangulate_polygon(h, part, mesh, cap, depth + 1);
    }
    if (fixed)
        GEOSGeom_destroy_r(h, fixed);
    return ok;
}

static atomic_long level0_reads;

long geo_mesh_level0_reads(void)
{
    return atomic_load(&level0_reads);
}

void geo_mesh_count_level0_read(void)
{
    atomic_fetch_add(&level0_reads, 1);
}

bool geo_shape_has_mesh(const GeoShape *shape, int level)
{
    return shape->mesh[level] || shape->mesh_stored[level];
}

/* Copies a fill out of the mapped cache file. A vertex that is not a finite number marks the
 * level failed (the file's checksum may not have been computed this run: cache.c). */
static GeoMesh *read_stored_mesh(GeoShape *shape, int level)
{
    int n = shape->mesh_stored_n[level];
    size_t bytes = sizeof(float) * 2 * (size_t)n;
    GeoMesh *m = calloc(1, sizeof *m);
    if (m)
        m->xy = malloc(bytes ? bytes : sizeof(float));
    if (!m || !m->xy) {
        free(m);
        return NULL;
    }
    memcpy(m->xy, shape->mesh_stored[level], bytes);
    geo_cache_release(shape->mesh_stored[level], bytes);
    m->nvertices = n;
    shape->mesh_stored[level] = NULL;
    if (level == 0)
        geo_mesh_count_level0_read();
    for (int i = 0; i < 2 * n; i++) {
        if (!isfinite(m->xy[i])) {
            free(m->xy);
            free(m);
            shape->mesh_failed[level] = true;
            return NULL;
        }
    }
    return m;
}

const GeoMesh *geo_shape_mesh(GeoContext *ctx, GeoShape *shape, int level)
{
    if (shape->kind != GEO_POLYGON)
        return NULL;
    if (level < 0)
        level = 0;
    if (level >= GEO_LOD_COUNT)
        level = GEO_LOD_COUNT - 1;
    if (shape->mesh_stored[level] && !shape->mesh[level])
        shape->mesh[level] = read_stored_mesh(shape, level);
    if (shape->mesh[level] || shape->mesh_failed[level]) {
        GeoMesh *m = shape->mesh[level];
        /* Chunk boxes of a mesh read from the cache are made on first use, like path boxes. */
        if (m && !m->chunks && m->nvertices >= 3)
            geo_mesh_compute_chunks(m);
        return m;
    }
    GEOSContextHandle_t h = geo_context_geos(ctx);
    GEOSGeometry *g = geo_shape_lod_geos(ctx, shape, level);
    GeoMesh *mesh = calloc(1, sizeof *mesh);
    int cap = 0;
    if (!g || !mesh) {
        free(mesh);
        shape->mesh_failed[level] = true;
        return NULL;
    }
    /* Polygon by polygon: one island that cannot be triangulated must not blank a country. */
    int n = GEOSGetNumGeometries_r(h, g);
    for (int i = 0; i < n; i++) {
        const GEOSGeometry *part = GEOSGetGeometryN_r(h, g, i);
        if (GEOSGeomTypeId_r(h, part) == GEOS_POLYGON)
            triangulate_polygon(h, part, mesh, &cap, 0);
    }
    geo_mesh_sort(mesh); /* unsorted, it is still drawn right, only without culling */
    shape->mesh[level] = mesh;
    return mesh;
}

bool geo_mesh_compute_chunks(GeoMesh *mesh)
{
    int ntri = mesh->nvertices / 3;
    int n = (ntri + GEO_MESH_CHUNK - 1) / GEO_MESH_CHUNK;
    free(mesh->chunks);
    mesh->chunks = NULL;
    mesh->nchunks = 0;
    if (n == 0)
        return true;
    mesh->chunks = malloc(sizeof *mesh->chunks * (size_t)n);
    if (!mesh->chunks)
        return false;
    for (int c = 0; c < n; c++) {
        geo_box_empty(&mesh->chunks[c]);
        int end = (c + 1) * GEO_MESH_CHUNK * 3;
        for (int v = c * GEO_MESH_CHUNK * 3; v < end && v < 3 * ntri; v++)
            geo_box_add(&mesh->chunks[c], mesh->xy[2 * v], mesh->xy[2 * v + 1]);
    }
    mesh->nchunks = n;
    return true;
}
