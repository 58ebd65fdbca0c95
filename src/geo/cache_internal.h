/* Private to the prepared-geometry cache (cache.c: the file format; cache_prepare.c: preparing
 * and loading base layers through it; cache_shapes.c: the shapes of GeoJSON files). */
#ifndef WK_GEO_CACHE_INTERNAL_H
#define WK_GEO_CACHE_INTERNAL_H

#include "cache.h"

/* The size and modification time of `file` ({0, 0} when it does not exist). */
GeoCacheStamp geo_cache_stamp_file(const char *file);
/* True when the context's cache folder can be written to: made if missing, and `file` opened
 * in it. Tried once per run; a failure is said once, in `diag` (may be NULL). */
bool geo_cache_writable(GeoContext *ctx, const char *file, WkDiag *diag);
/* Writes `layer` to `file` under `key`; a failure marks the folder unusable for this run and is
 * said once in `diag` (may be NULL). */
void geo_cache_store(GeoContext *ctx, const char *file, uint64_t key, const GeoLayer *layer,
                     const WkDiag *messages, WkDiag *diag);
/* Reads a cache file keeping it mapped, its levels and fills left in it (GeoShape.lod_stored,
 * mesh_stored) and the mapping in the layer's `mapped`; NULL with *state saying why. */
GeoLayer *geo_cache_read_lazy(const char *file, uint64_t key, GeoCacheState *state);
/* Reads a cache file (mapped; with `lazy` it stays mapped and levels and fills are read when
 * drawn), replaying its stored messages into `messages` (may be NULL) with `source` for the
 * path they name. */
GeoLayer *geo_cache_read_file(const char *file, uint64_t key, const char *source, WkDiag *messages,
                              GeoCacheState *state, bool lazy);
/* Copies every message of `from` to the end of `to`, with `source` (when not NULL) where a
 * stored message had the source file's path. */
void geo_cache_pass_on(const WkDiag *from, WkDiag *to, const char *source);
/* Removes a cache file and its verified mark. */
void geo_cache_remove(const char *file);
/* Levels 1.. of a shape, and its fills from level `mesh_from` on (GEO_LOD_COUNT: none), then
 * drops the GEOS geometries used. True when anything was computed. */
bool geo_cache_prepare_shape(GeoContext *ctx, GeoShape *s, int mesh_from);

#endif
