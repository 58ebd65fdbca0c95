/* Private to geo/: access to the library contexts behind a GeoContext. */
#ifndef WK_GEO_INTERNAL_H
#define WK_GEO_INTERNAL_H

#include "geo.h"

#include <geos_c.h>
#include <proj.h>

GEOSContextHandle_t geo_context_geos(GeoContext *ctx);
PJ_CONTEXT *geo_context_proj(GeoContext *ctx);
/* The last message GEOS reported on this context ("" if none). Borrowed. */
const char *geo_context_last_error(GeoContext *ctx);
/* What this run learnt of the cache folder: whether writing to it was tried, and whether it
 * failed (that is said once; the rest of the run then prepares only what is drawn). */
bool geo_context_cache_checked(const GeoContext *ctx);
void geo_context_set_cache_checked(GeoContext *ctx);
bool geo_context_cache_failed(const GeoContext *ctx);
void geo_context_set_cache_failed(GeoContext *ctx);
/* Adds `n` to the positions projected through this context (geo_context_projected). */
void geo_context_count_projected(GeoContext *ctx, int n);
/* Counts one level-0 fill read from a cache file (geo_mesh_level0_reads). */
void geo_mesh_count_level0_read(void);

/* Reads the `n` bytes of a path stored in a mapped cache file (GeoShape.lod_stored,
 * lod_stored_bytes) into a new path, then lets its pages go; NULL when out of memory or when
 * it is not sound (a count beyond `n`, a coordinate not finite, part offsets out of order):
 * the level is then made again from the geometry. */
GeoPath *geo_cache_path_read(const unsigned char *stored, size_t n);
/* Gives back the pages of a mapped cache file under [at, at + n) once they were copied out
 * (they come back from the page cache if read again). */
void geo_cache_release(const void *at, size_t n);

/* A GEOS geometry for a shape (polygons nested by containment), owned by the caller. */
GEOSGeometry *geo_shape_to_geos(GeoContext *ctx, const GeoShape *shape);
/* Appends the lines or rings of a GEOS geometry to a new path; NULL on failure. */
GeoPath *geo_path_from_geos(GeoContext *ctx, const GEOSGeometry *g);
void geo_path_free(GeoPath *path);
/* The GEOS geometry of a shape at a level of detail, built on first use (level 0: full). */
GEOSGeometry *geo_shape_lod_geos(GeoContext *ctx, GeoShape *shape, int level);

#endif
