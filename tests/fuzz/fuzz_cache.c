/*
 * libFuzzer harness for the geometry cache reader. A cache file carries a checksum over its
 * payload, so random bytes would almost never get past it; this harness therefore frames most
 * inputs with a valid header (geo_cache_header): the first byte of the input chooses
 *   even: the rest is a payload, given a header whose key, length and checksum match, so the
 *         layout reader (counts, paths, levels, meshes, messages) sees every mutation;
 *   odd:  the rest is a whole file, header included, as a damaged file on disk would be.
 * A layer that decodes is then prepared (levels and fills, through GEOS) and freed, as the
 * program does with a cache written without meshes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"
#include "geo/cache.h"

#define KEY 0x57414b48ull

static GeoContext *geo;

static void finish(void)
{
    geo_context_destroy(geo);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    if (!(geo = geo_context_create()))
        abort();
    atexit(finish);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    bool framed = data[0] % 2 == 0;
    const uint8_t *rest = data + 1;
    size_t n = size - 1;
    unsigned char *file = malloc(GEO_CACHE_HEADER_BYTES + n + 1);
    if (!file)
        return 0;
    size_t length = n;
    if (framed) {
        geo_cache_header(KEY, rest, n, file);
        memcpy(file + GEO_CACHE_HEADER_BYTES, rest, n);
        length += GEO_CACHE_HEADER_BYTES;
    } else {
        memcpy(file, rest, n);
    }
    WkDiag messages;
    wk_diag_init(&messages);
    GeoCacheState state;
    GeoLayer *layer = geo_cache_decode(file, length, KEY, "fuzz.shp", &messages, &state);
    if ((layer != NULL) != (state == GEO_CACHE_OK))
        abort();
    if (layer) {
        geo_layer_prepare(geo, layer, true);
        geo_layer_free(geo, layer);
    }
    wk_diag_free(&messages);
    free(file);
    return 0;
}
