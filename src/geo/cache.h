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
 * the projection, and the size and modification time of the .shp, .shx, .dbf, .prj and .cpg.
 * A changed map is thus re-read. A file whose checksum (XXH3-64 over everything after the
 * header) does not match, that is short, holds impossible counts or a coordinate that is not
 * a finite number is damaged: it is deleted with one warning and prepared again. The checksum
 * is computed once per file as written: a file found whole is marked (NAME.ok beside it, with
 * what stat says of it), and is hashed again only when it changed since, as any write changes
 * its change time (see cache.c).
 *
 * A cache folder that cannot be written (a read-only home, a file where the folder should be,
 * a full disk) is said once per run; layers are then prepared only as far as the map draws
 * them, since preparing everything would be lost at exit.
 */
#ifndef WK_GEO_CACHE_H
#define WK_GEO_CACHE_H

#include <stdint.h>

#include "layer.h"

/* Bump when the file layout or what is derived (tolerances, triangulation, the loader's
 * messages, which the cache keeps) changes. 6: a GeoJSON file's shapes carry their feature
 * numbers; 7: label points are stored. */
#define GEO_CACHE_VERSION 7u

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

/* What reading a cache file found. */
typedef enum GeoCacheState {
    GEO_CACHE_OK,
    GEO_CACHE_ABSENT,  /* no file (or not a regular file) */
    GEO_CACHE_STALE,   /* another key or format version: an older map or program */
    GEO_CACHE_DAMAGED, /* a bad checksum, a cut or impossible layout, a non-finite coordinate */
} GeoCacheState;

/* Writes / reads a whole layer (with what its shapes hold of levels and meshes) to / from a
 * file under `key`, with the messages loading its source gave (`messages` may be NULL). The
 * write is atomic (core/atomic.h); a failure is added to `diag` with the path and reason.
 * read returns NULL, with *state saying why, unless the file is whole and of this key; the
 * stored messages are then added to `messages`, naming the source file as `source` (the path
 * the layer is loaded by now; a message stores it as a mark). */
WkStatus geo_cache_write_messages(const char *file, uint64_t key, const GeoLayer *layer,
                                  const WkDiag *messages, WkDiag *diag);
GeoLayer *geo_cache_read_messages(const char *file, uint64_t key, const char *source,
                                  WkDiag *messages, GeoCacheState *state);
/* The same without messages. Exposed for tests. */
bool geo_cache_write(const char *file, uint64_t key, const GeoLayer *layer);
GeoLayer *geo_cache_read(const char *file, uint64_t key);

/* How many bytes cache reads have hashed since the program started (thread-safe): a test holds
 * a second read of an unchanged file at none. */
long geo_cache_bytes_checked(void);

/* Reading from memory (the fuzz target): `data` is a whole file. */
GeoLayer *geo_cache_decode(const void *data, size_t length, uint64_t key, const char *source,
                           WkDiag *messages, GeoCacheState *state);
/* The header that makes `payload` a valid file of `key` (for the fuzz target, which thus gets
 * past the checksum to the layout). */
#define GEO_CACHE_HEADER_BYTES 40
void geo_cache_header(uint64_t key, const void *payload, size_t length,
                      unsigned char out[GEO_CACHE_HEADER_BYTES]);

/* Computes the levels of detail 1.. of every shape, and fill triangles at every level (0 too)
 * when `meshes`;
 * then drops the GEOS geometries used to make them. Returns true when anything was computed
 * (the cache is then worth rewriting). */
bool geo_layer_prepare(GeoContext *ctx, GeoLayer *layer, bool meshes);

#endif
