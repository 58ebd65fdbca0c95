/*
 * Geometry in the map projection: shapes, their levels of detail, fill meshes and hit tests.
 *
 * A GeoShape holds one feature's vertices, already projected (metres in the atlas's projection),
 * as parts: points, line strings or polygon rings. What is derived from it for drawing and
 * picking (simplified outlines, triangles, a prepared GEOS geometry) is computed on first use
 * through the GeoContext and cached in the shape, so a shape that is never drawn at a scale is
 * never triangulated at that scale.
 *
 * Rings carry no orientation contract: which ring is a hole is decided by nesting (a ring inside
 * an odd number of others is a hole), so files with either winding load the same.
 */
#ifndef WK_GEO_H
#define WK_GEO_H

#include <stdbool.h>
#include <stddef.h>

#include "core/diag.h"

typedef struct GeoContext GeoContext;

typedef struct GeoBox {
    double minx, miny, maxx, maxy;
} GeoBox;

typedef enum GeoKind { GEO_POINT, GEO_LINE, GEO_POLYGON } GeoKind;

/* Largest coordinate magnitude accepted from a file or a cache: a thousand times the Earth's
 * circumference in metres. Squares of larger values overflow in GEOS's arithmetic, and GEOS
 * leaks memory when an operation on them gives up. NaN and infinity are refused too. */
#define GEO_MAX_COORDINATE 4e10
static inline bool geo_coordinate_ok(double v)
{
    return v >= -GEO_MAX_COORDINATE && v <= GEO_MAX_COORDINATE;
}

/* Levels of detail: level 0 is the full geometry; each next level is simplified with a
 * tolerance four times the last. */
#define GEO_LOD_COUNT 6
#define GEO_LOD_BASE_TOLERANCE 150.0 /* metres, level 1 */

/* Parts of x,y vertices: part i is vertices part[i] .. part[i+1]-1. */
typedef struct GeoPath {
    double *xy;    /* 2 * npoints values */
    int *part;     /* nparts + 1 offsets */
    GeoBox *boxes; /* the box of each part, for culling part by part (China is one feature of
                      2845 parts); made by geo_shape_lod on first use, NULL until then */
    /* Long parts are also cut into runs of GEO_PATH_RUN segments (run k of part r covers
     * vertices part[r] + k * GEO_PATH_RUN .. + GEO_PATH_RUN, sharing its last vertex with the
     * next run): run_box[run_start[r] + k] is its box. NULL when out of memory. */
    GeoBox *run_box;
    int *run_start; /* nparts + 1 offsets into run_box */
    int npoints, nparts;
} GeoPath;
#define GEO_PATH_RUN 64

/* (Re)computes path->boxes and the runs' boxes. False when out of memory (they are then NULL:
 * nothing is culled). */
bool geo_path_compute_boxes(GeoPath *path);

/* Triangles as a flat list of vertices, three per triangle, in map metres. Triangles are kept
 * in Morton order of their centres, so that each run of GEO_MESH_CHUNK triangles covers a
 * compact area: `chunks` holds the box of each run, and a zoomed-in view draws only the runs
 * it sees (China's full-detail fill is over a million vertices). */
#define GEO_MESH_CHUNK 256
typedef struct GeoMesh {
    float *xy;
    int nvertices;
    GeoBox *chunks; /* (ntriangles + GEO_MESH_CHUNK - 1) / GEO_MESH_CHUNK boxes; NULL if none */
    int nchunks;
} GeoMesh;

/* Sorts a mesh's triangles into Morton order (done once, when it is made) and computes the
 * boxes of its chunks. False when out of memory (the mesh is then left as it was, without
 * chunk boxes: drawn whole). */
bool geo_mesh_sort(GeoMesh *mesh);
/* Computes the chunk boxes of a mesh already in order (one read from the cache). */
bool geo_mesh_compute_chunks(GeoMesh *mesh);

typedef struct GeoShape {
    GeoKind kind;
    GeoPath path; /* full detail */
    GeoBox box;
    /* For polygons: which part is an outer ring and which a hole, when the file says so
     * (GEO_RING_OUTER / GEO_RING_HOLE per part); NULL to decide by winding. */
    unsigned char *roles;
    /* Caches, filled on first use; NULL or empty until then. */
    GeoPath *lod[GEO_LOD_COUNT];  /* lod[0] points at `path` (not to be relied on once moved) */
    bool lod_full[GEO_LOD_COUNT]; /* the level could not be simplified: it is `path` */
    GeoMesh *mesh[GEO_LOD_COUNT];
    void *lod_geos[GEO_LOD_COUNT]; /* simplified GEOS geometry per level; [0] is unused */
    void *prepared;                /* GEOS prepared geometry for hit tests */
    void *geos;                    /* the full-detail GEOS geometry */
    bool mesh_failed[GEO_LOD_COUNT];
    /* Levels and fills as they lie in the mapped cache file (its layer's `mapped`), read into
     * lod[] and mesh[] on first use: the opening view draws one level, and the level-0 fills
     * alone are most of a cache's bytes. NULL when not stored or already read. */
    const unsigned char *lod_stored[GEO_LOD_COUNT]; /* levels 1..: a path in cache.c's layout */
    unsigned lod_stored_bytes[GEO_LOD_COUNT];       /* its length, as checked at load */
    const unsigned char *mesh_stored[GEO_LOD_COUNT];
    int mesh_stored_n[GEO_LOD_COUNT]; /* vertices of mesh_stored */
    /* The label point, once computed (geo_shape_label_point) or read from the cache. */
    bool label_known;
    double label_x, label_y;
} GeoShape;

/* The GEOS and PROJ contexts. Owned by the caller: geo_context_destroy. NULL on failure. */
GeoContext *geo_context_create(void);
void geo_context_destroy(GeoContext *ctx);
/* Where layers loaded through this context keep their prepared geometry (geo/cache.h); NULL,
 * the default, for no cache (tests and fuzzers write nothing). The string is copied. False
 * when out of memory. */
bool geo_context_set_cache_dir(GeoContext *ctx, const char *dir);

/* Progress of a load that runs on another thread (the window shows it on the first start,
 * while the maps are prepared): `total` steps begin, each layer or file loaded is one step,
 * and geo_progress (safe from any thread) says the fraction done, 0 to 1. */
void geo_progress_begin(GeoContext *ctx, int total);
void geo_progress_step(GeoContext *ctx);
double geo_progress(const GeoContext *ctx);
const char *geo_context_cache_dir(const GeoContext *ctx);

/* --- shapes --- */

/* Builds a shape from parts; copies the arrays. Returns false when out of memory. */
bool geo_shape_init(GeoShape *shape, GeoKind kind, const double *xy, int npoints, const int *part,
                    int nparts);
enum { GEO_RING_OUTER = 0, GEO_RING_HOLE = 1 };
/* Records which rings are holes (one role per part, copied). False when out of memory. */
bool geo_shape_set_roles(GeoShape *shape, const unsigned char *roles);

/* Frees what the shape owns (not the struct itself). Safe on a zeroed shape. */
void geo_shape_free(GeoContext *ctx, GeoShape *shape);

void geo_box_empty(GeoBox *box);
void geo_box_add(GeoBox *box, double x, double y);
bool geo_box_intersects(const GeoBox *a, const GeoBox *b);
bool geo_box_contains(const GeoBox *box, double x, double y);

/* The level whose tolerance suits drawing at `metres_per_pixel`. */
int geo_lod_for_scale(double metres_per_pixel);
double geo_lod_tolerance(int level);

/* The path at a level of detail, simplified on first use (topology preserved). Never NULL:
 * when simplification fails the full path is returned. Borrowed from the shape. */
const GeoPath *geo_shape_lod(GeoContext *ctx, GeoShape *shape, int level);

/* The fill triangles of a polygon shape at a level, triangulated on first use with GEOS's
 * constrained Delaunay triangulation (holes respected). NULL for non-polygons or when the
 * geometry cannot be triangulated (the reason goes to ctx's last error). Borrowed. */
const GeoMesh *geo_shape_mesh(GeoContext *ctx, GeoShape *shape, int level);
/* Whether the shape holds a fill at `level`, made or still stored in the cache. */
bool geo_shape_has_mesh(const GeoShape *shape, int level);
/* How many level-0 fills have been read from cache files since the program started, whole
 * or on first use (thread-safe). The start-up test counts them: the opening frame must read
 * none it does not draw. */
long geo_mesh_level0_reads(void);

/* The prepared shapes of one GeoJSON file (overlays), as the context's cache holds them for
 * the file's real path, its size and time, and the projection. Each cached shape is the
 * file's feature number `index`, projected, with its levels and fills: a loader that takes it
 * neither parses nor projects that feature's coordinates (PROJ was most of a warm start). */
typedef struct GeoShapeCache GeoShapeCache;

/* Looks up what the cache holds for `source` projected to `target`, stamping the file now (so
 * call it before reading the file: a file changed while it is read is then prepared again on
 * the next start). A damaged cache file is removed. NULL when the context has no cache
 * directory or memory ran out. Owned by the caller: geo_shapes_prepare_cached closes it. */
GeoShapeCache *geo_shape_cache_open(GeoContext *ctx, const char *source, const char *target);
/* Moves the cached shape of feature `index` into `out` when the cache holds one of `kind`;
 * false otherwise (then `out` is untouched and the caller builds the shape itself). */
bool geo_shape_cache_take(GeoShapeCache *cache, int index, GeoKind kind, GeoShape *out);

/* Levels of detail and fill meshes for the `n` shapes loaded from the file of `cache`, shape k
 * being the file's feature `index[k]`: those taken from the cache have them; the others are
 * made now (meshes at every level for polygons) and the file is written again unless the cache
 * held exactly these shapes. Closes `cache` (NULL: does nothing, levels are made on first
 * use). A taken shape reads its levels and fills from the mapped cache file when first drawn:
 * the mapping is returned, owned by the caller, to be freed with geo_cache_map_free after
 * every taken shape was freed; NULL when no shape was taken. */
typedef struct GeoCacheMap GeoCacheMap;
GeoCacheMap *geo_shapes_prepare_cached(GeoShapeCache *cache, GeoShape **shapes, const int *index,
                                       int n);
void geo_cache_map_free(GeoCacheMap *map);

/* How many positions this context's projections have transformed (thread-safe). A test holds
 * a warm start of cached overlays at none. */
long geo_context_projected(const GeoContext *ctx);

/* Frees the GEOS geometries kept to derive levels and meshes (not the prepared geometry for hit
 * tests): they are made again if a missing level is asked for. Saves memory once a shape's
 * levels are all built. */
void geo_shape_release_geos(GeoContext *ctx, GeoShape *shape);

/* True when the polygon shape covers (x, y): even-odd over its full-detail rings, so holes are
 * outside. Points exactly on an edge may fall either way. */
bool geo_shape_covers(GeoContext *ctx, GeoShape *shape, double x, double y);

/* Squared distance from (x, y) to the nearest vertex or segment of a line or point shape. */
double geo_shape_distance2(const GeoShape *shape, double x, double y);

/* Checks a polygon or line with GEOS. Returns true when valid; otherwise writes the reason
 * (with its location) into `why`. */
bool geo_shape_valid(GeoContext *ctx, GeoShape *shape, char *why, size_t why_size);

/* Area of a polygon shape in square metres (holes subtracted), 0 for others. */
double geo_shape_area(GeoContext *ctx, GeoShape *shape);

/* A representative point for a label: inside the largest polygon part (GEOS point on surface),
 * the middle vertex of the longest line part, or the first point. Computed once and kept in
 * the shape (and in the cache: the first frame spent 90 M instructions on them in GEOS). */
void geo_shape_label_point(GeoContext *ctx, GeoShape *shape, double *x, double *y);

/* --- projection --- */

typedef struct GeoProj GeoProj;

/* A transform from geographic lon/lat (source NULL: WGS 84) or from the CRS described by
 * `source` (WKT of a .prj, or a PROJ string) to the map projection `target` (a PROJ string).
 * Owned by the caller: geo_proj_destroy. NULL on failure, with the reason in diag. */
GeoProj *geo_proj_create(GeoContext *ctx, const char *source, const char *target, WkDiag *diag,
                         const char *where);
void geo_proj_destroy(GeoProj *proj);

/* Projects n points in place (x = lon, y = lat in degrees for geographic sources). Returns
 * false when any point could not be projected; those become HUGE_VAL. */
bool geo_proj_forward(GeoProj *proj, double *xy, int n);
/* The inverse: map metres back to the source coordinates. */
bool geo_proj_inverse(GeoProj *proj, double *xy, int n);

#endif
