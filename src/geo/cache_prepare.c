/*
 * Preparing layers through the geometry cache: levels and fills made once with GEOS, the
 * stamps of a layer's files that go into its key, whether the cache folder can be written,
 * and loading a shapefile layer from its cache file or preparing and storing it (the file
 * format itself is cache.c's).
 */
#include "cache_internal.h"
#include "geo_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/atomic.h"
#include "core/util.h"
#include "core/xdg.h"

bool geo_cache_prepare_shape(GeoContext *ctx, GeoShape *s, int mesh_from)
{
    bool computed = false;
    if (s->kind == GEO_POINT)
        return false;
    for (int l = 0; l < GEO_LOD_COUNT; l++) {
        if (l > 0 && !s->lod[l] && !s->lod_full[l] && !s->lod_stored[l]) {
            geo_shape_lod(ctx, s, l);
            computed = true;
        }
        if (l >= mesh_from && s->kind == GEO_POLYGON && !geo_shape_has_mesh(s, l) &&
            !s->mesh_failed[l]) {
            geo_shape_mesh(ctx, s, l);
            computed = true;
        }
    }
    if (!s->label_known) { /* from the levels just made, before their GEOS geometry goes */
        double x, y;
        geo_shape_label_point(ctx, s, &x, &y);
        computed = true;
    }
    geo_shape_release_geos(ctx, s);
    return computed;
}

bool geo_layer_prepare(GeoContext *ctx, GeoLayer *layer, bool meshes)
{
    /* Level 0 too: triangulating China's 400,000 vertices on first use stopped the window for
     * 3.6 s the first time a class zoomed in closer than 300 m a pixel. */
    bool computed = false;
    for (int k = 0; k < layer->count; k++)
        computed |=
            geo_cache_prepare_shape(ctx, &layer->features[k].shape, meshes ? 0 : GEO_LOD_COUNT);
    return computed;
}

GeoCacheStamp geo_cache_stamp_file(const char *file)
{
    struct stat st;
    GeoCacheStamp s = {0, 0};
    if (file && stat(file, &st) == 0) {
        s.size = (int64_t)st.st_size;
        s.mtime_ns = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
    }
    return s;
}

/* The stamp of the shapefile's sibling with extension `ext`. */
static GeoCacheStamp stamp_of(const char *path, const char *ext)
{
    size_t n = strlen(path);
    bool has_ext = n > 4 && path[n - 4] == '.';
    char *file = wk_strfmt("%.*s%s", (int)(has_ext ? n - 4 : n), path, ext);
    GeoCacheStamp s = geo_cache_stamp_file(file);
    free(file);
    return s;
}

/* Says once per run that the cache cannot be written, and why; the rest of the run prepares
 * only what the map draws (levels and fills on first use), since nothing is kept. */
static void cache_failed(GeoContext *ctx, const WkDiag *why, WkDiag *diag)
{
    if (geo_context_cache_failed(ctx))
        return;
    geo_context_set_cache_failed(ctx);
    wk_diag_warn(diag,
                 "%s: the geometry cache cannot be written (%s); maps are prepared as they are "
                 "drawn, and again at every start",
                 geo_context_cache_dir(ctx), why->count ? why->entries[0].text : "unknown reason");
}

bool geo_cache_writable(GeoContext *ctx, const char *file, WkDiag *diag)
{
    if (geo_context_cache_failed(ctx))
        return false;
    if (geo_context_cache_checked(ctx))
        return true;
    WkDiag why;
    wk_diag_init(&why);
    WkAtomicFile probe;
    bool ok =
        wk_mkdirs(geo_context_cache_dir(ctx), &why) && wk_atomic_open(&probe, file, &why) == WK_OK;
    if (ok)
        wk_atomic_abort(&probe);
    else
        cache_failed(ctx, &why, diag);
    geo_context_set_cache_checked(ctx);
    wk_diag_free(&why);
    return ok;
}

void geo_cache_store(GeoContext *ctx, const char *file, uint64_t key, const GeoLayer *layer,
                     const WkDiag *messages, WkDiag *diag)
{
    WkDiag why;
    wk_diag_init(&why);
    if (geo_cache_write_messages(file, key, layer, messages, &why) != WK_OK)
        cache_failed(ctx, &why, diag);

    wk_diag_free(&why);
}

/* A file that was there but could not be trusted goes, with one warning naming it. */
static void drop_damaged(const char *file, const char *source, WkDiag *diag)
{
    geo_cache_remove(file);
    wk_diag_warn(diag, "%s: the prepared geometry of %s was damaged; it is prepared again", file,
                 source);
}

GeoLayer *geo_layer_load_cached(GeoContext *ctx, const char *path, const char *target, bool meshes,
                                WkDiag *diag)
{
    const char *cache_dir = geo_context_cache_dir(ctx);
    if (!cache_dir)
        return geo_layer_load(ctx, path, target, diag);
    GeoCacheStamp stamps[5] = {stamp_of(path, ".shp"), stamp_of(path, ".shx"),
                               stamp_of(path, ".dbf"), stamp_of(path, ".prj"),
                               stamp_of(path, ".cpg")};
    /* Keyed by the file's real path: "data/maps/land.shp" from the source folder and the
     * absolute path the program finds by itself share one cache file. */
    char *real = realpath(path, NULL);
    const char *id = real ? real : path;
    uint64_t key = geo_cache_key(id, target, stamps, 5);
    /* The file is named by path and projection alone, so a changed map overwrites its old
     * cache instead of leaving it behind. */
    uint64_t name = geo_cache_key(id, target, NULL, 0);
    free(real);
    char *file = wk_strfmt("%s/%016llx.wkc", cache_dir, (unsigned long long)name);
    /* The messages loading gave (read back from the cache, or made now), kept with it. */
    WkDiag messages;
    wk_diag_init(&messages);
    GeoCacheState state = GEO_CACHE_ABSENT;
    GeoLayer *layer = file ? geo_cache_read_file(file, key, path, &messages, &state, true) : NULL;
    if (layer) {
        char *own = wk_strdup(path);
        if (!own) {
            geo_layer_free(ctx, layer);
            wk_diag_free(&messages);
            free(file);
            return NULL;
        }
        layer->path = own;
        geo_cache_pass_on(&messages, diag, NULL);
        /* A cache written without meshes (another style) gets them now. */
        if (geo_cache_writable(ctx, file, diag) && geo_layer_prepare(ctx, layer, meshes))
            geo_cache_store(ctx, file, key, layer, &messages, diag);
        wk_diag_free(&messages);
        free(file);
        return layer;
    }
    if (state == GEO_CACHE_DAMAGED)
        drop_damaged(file, path, diag);
    layer = geo_layer_load(ctx, path, target, &messages);
    geo_cache_pass_on(&messages, diag, NULL);
    /* Preparing every level of every layer pays only when it is kept; without a cache, levels
     * and fills are made as the map draws them. A list that overflowed is not kept: the next
     * start must say all of it again. */
    if (layer && file && !messages.dropped && geo_cache_writable(ctx, file, diag)) {
        geo_layer_prepare(ctx, layer, meshes);
        geo_cache_store(ctx, file, key, layer, &messages, diag);
    }
    wk_diag_free(&messages);
    free(file);
    return layer;
}
