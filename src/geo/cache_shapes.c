/*
 * The prepared shapes of a GeoJSON file (the atlas's overlays) in the geometry cache.
 *
 * The file has a base layer's format (cache.c); each feature's `record` is the number of the
 * GeoJSON feature it was made from. The key covers the GeoJSON file's real path, size and
 * modification time and the projection, so while the key holds, feature number i of the file
 * is the same text, and its cached shape is what parsing and projecting it would give: the
 * loader takes it instead, and PROJ is not called at all on a warm start. A feature the cache
 * does not hold (one refused when the file was cached, whose polity is now known, say) is
 * parsed and projected as on a first start, and the file is then written again.
 */
#include "cache_internal.h"
#include "geo_internal.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "core/util.h"

struct GeoShapeCache {
    GeoContext *ctx;
    char *file; /* the cache file */
    uint64_t key;
    GeoLayer *layer; /* what the file held; NULL when nothing valid */
    bool *taken;     /* per feature of `layer` */
    int ntaken;
};

GeoShapeCache *geo_shape_cache_open(GeoContext *ctx, const char *source, const char *target)
{
    const char *cache_dir = geo_context_cache_dir(ctx);
    if (!cache_dir)
        return NULL;
    GeoShapeCache *cache = calloc(1, sizeof *cache);
    if (!cache)
        return NULL;
    GeoCacheStamp stamp = geo_cache_stamp_file(source);
    char *real = realpath(source, NULL);
    const char *id = real ? real : source;
    cache->ctx = ctx;
    cache->key = geo_cache_key(id, target, &stamp, 1);
    cache->file = wk_strfmt("%s/%016llx.wkc", cache_dir,
                            (unsigned long long)geo_cache_key(id, target, NULL, 0));
    free(real);
    if (!cache->file) {
        free(cache);
        return NULL;
    }
    GeoCacheState state;
    cache->layer = geo_cache_read_lazy(cache->file, cache->key, &state);
    if (state == GEO_CACHE_DAMAGED)
        geo_cache_remove(cache->file);
    if (cache->layer && !(cache->taken = calloc((size_t)cache->layer->count + 1, 1))) {
        geo_layer_free(ctx, cache->layer);
        cache->layer = NULL;
    }
    return cache;
}

bool geo_shape_cache_take(GeoShapeCache *cache, int index, GeoKind kind, GeoShape *out)
{
    if (!cache || !cache->layer)
        return false;
    /* Written in the file's order, so the records rise: a binary search. */
    const GeoFeature *ft = cache->layer->features;
    int lo = 0, hi = cache->layer->count - 1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        if (ft[mid].record < index)
            lo = mid + 1;
        else if (ft[mid].record > index)
            hi = mid - 1;
        else if (cache->taken[mid] || ft[mid].shape.kind != kind)
            return false;
        else {
            GeoShape *from = &cache->layer->features[mid].shape;
            *out = *from;
            out->lod[0] = &out->path;
            memset(from, 0, sizeof *from);
            cache->taken[mid] = true;
            cache->ntaken++;
            return true;
        }
    }
    return false;
}

struct GeoCacheMap {
    void *data;
    size_t length;
};

void geo_cache_map_free(GeoCacheMap *map)
{
    if (map)
        munmap(map->data, map->length);
    free(map);
}

/* Frees `cache`; the mapping its taken shapes read from is handed out (NULL when none). */
static GeoCacheMap *cache_close(GeoShapeCache *cache)
{
    GeoCacheMap *map = NULL;
    GeoLayer *layer = cache->layer;
    if (layer && layer->mapped && cache->ntaken > 0 && (map = malloc(sizeof *map))) {
        *map = (GeoCacheMap){layer->mapped, layer->mapped_length};
        layer->mapped = NULL;
    } else if (layer && layer->mapped && cache->ntaken > 0) {
        /* Out of memory: the taken shapes read from the mapping, so it must stay. */
        layer->mapped = NULL;
    }
    geo_layer_free(cache->ctx, layer);
    free(cache->taken);
    free(cache->file);
    free(cache);
    return map;
}

GeoCacheMap *geo_shapes_prepare_cached(GeoShapeCache *cache, GeoShape **shapes, const int *index,
                                       int n)
{
    if (!cache)
        return NULL;
    /* Every shape came from the file and the file holds no other: nothing to make or write. */
    bool whole = cache->layer && cache->ntaken == n && cache->layer->count == n;
    GeoContext *ctx = cache->ctx;
    if (whole || n <= 0 || !geo_cache_writable(ctx, cache->file, NULL))
        return cache_close(cache); /* without a usable folder, levels are made when drawn */
    /* Overlays are small (simplified when built): every level gets a mesh, level 0 too. */
    for (int k = 0; k < n; k++)
        geo_cache_prepare_shape(ctx, shapes[k], 0);
    /* The file format is a layer's: borrow the shapes into one without copying them. */
    GeoLayer tmp = {0};
    tmp.kind = shapes[0]->kind;
    tmp.count = n;
    tmp.features = calloc((size_t)n, sizeof *tmp.features);
    if (tmp.features) {
        for (int k = 0; k < n; k++) {
            tmp.features[k].shape = *shapes[k];
            tmp.features[k].record = index[k];
        }
        geo_cache_store(ctx, cache->file, cache->key, &tmp, NULL, NULL);
    }
    free(tmp.features);
    return cache_close(cache);
}
