/*
 * The prepared-geometry cache: a layer as the program uses it (projected vertices, .dbf
 * attributes, simplified levels of detail and fill triangles) written once to a binary file
 * in the user's cache directory, and read back whole on the next start instead of reading the
 * shapefile, projecting it with PROJ, simplifying and triangulating with GEOS.
 *
 * Where: $XDG_CACHE_HOME/wakhan, else ~/.cache/wakhan ($WAKHAN_CACHE_DIR overrides both; the
 * value "off" disables the cache). One file per source file and projection.
 *
 * Validity: a file is used only when its key matches: the format version, the source path,
 * the projection, and the size and modification time of the .shp, .shx, .dbf and .prj. A
 * changed map is thus re-read, and a cache that cannot be read, is short, or holds impossible
 * counts is ignored (the layer loads from its source as if there were no cache). A cache dir
 * that cannot be written is no error: the layer is simply prepared again on the next start.
 */
#ifndef WK_GEO_CACHE_H
#define WK_GEO_CACHE_H

#include <stdint.h>

#include "layer.h"

/* Bump when the file layout or what is derived (tolerances, triangulation) changes. */
#define GEO_CACHE_VERSION 3u

/* The user's cache directory for Wakhan, owned by the caller (free()); NULL when there is none
 * or it is off. The program passes it to geo_context_set_cache_dir. */
char *geo_cache_dir(void);

/* Removes from `dir` the temporary files of cache writes by processes that died (a first start
 * killed while preparing left 16-42 MB files that nothing else would ever remove). */
void geo_cache_clean(const char *dir);

/* One source file's part in a key: its size and modification time in nanoseconds (both 0 for
 * a file that does not exist). */
typedef struct GeoCacheStamp {
    int64_t size, mtime_ns;
} GeoCacheStamp;

/* The key of a cached layer: FNV-1a over the version, the path, the projection and the
 * stamps. Pure, so it is tested: any change to any input changes the key. */
uint64_t geo_cache_key(const char *path, const char *projection, const GeoCacheStamp *stamps,
                       int nstamps);

/* Loads the shapefile at `path` like geo_layer_load, through the context's cache directory
 * (geo_context_set_cache_dir). With a cache, levels of detail 1.. and, when `meshes`, fill
 * triangles at every level are computed when the cache does not hold them, and the cache is
 * then (re)written. Without one, this is geo_layer_load (levels are made on first use). */
GeoLayer *geo_layer_load_cached(GeoContext *ctx, const char *path, const char *target, bool meshes,
                                WkDiag *diag);

/* Writes / reads a whole layer (with what its shapes hold of levels and meshes) to / from a
 * file under `key`. Exposed for tests. load returns NULL when the file is absent, belongs to
 * another key, or is damaged. */
bool geo_cache_write(const char *file, uint64_t key, const GeoLayer *layer);
GeoLayer *geo_cache_read(const char *file, uint64_t key);

/* Computes the levels of detail 1.. of every shape, and fill triangles at every level (0 too)
 * when `meshes`;
 * then drops the GEOS geometries used to make them. Returns true when anything was computed
 * (the cache is then worth rewriting). */
bool geo_layer_prepare(GeoContext *ctx, GeoLayer *layer, bool meshes);

#endif
