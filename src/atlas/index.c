/*
 * Id indexes: each record array of the atlas (places, events, polities, overlays) has a hash
 * table from id to array index, so looking an id up costs the same with ten records or a
 * million. Open addressing with linear probing, FNV-1a hashes, at most half full. The keys are
 * the records' own id strings (borrowed: a record's id does not move when its array grows).
 */
#include "atlas.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t hash_id(const char *s)
{
    uint64_t h = 14695981039346656037ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

/* The slot holding `key`, or the empty slot where it would go. cap is a power of two. */
static size_t slot_of(const char *const *keys, size_t cap, const char *key)
{
    size_t i = (size_t)hash_id(key) & (cap - 1);
    while (keys[i] && strcmp(keys[i], key))
        i = (i + 1) & (cap - 1);
    return i;
}

static bool grow(AtlasIndex *ix)
{
    size_t cap = ix->cap ? 2 * ix->cap : 64;
    const char **keys = calloc(cap, sizeof *keys);
    int *values = malloc(cap * sizeof *values);
    if (!keys || !values) {
        free(keys), free(values);
        return false;
    }
    for (size_t i = 0; i < ix->cap; i++) {
        if (ix->keys[i]) {
            size_t j = slot_of(keys, cap, ix->keys[i]);
            keys[j] = ix->keys[i];
            values[j] = ix->values[i];
        }
    }
    free(ix->keys), free(ix->values);
    ix->keys = keys;
    ix->values = values;
    ix->cap = cap;
    return true;
}

bool atlas_index_put(AtlasIndex *ix, const char *id, int value)
{
    if (!id)
        return false;
    if (2 * (ix->count + 1) > ix->cap && !grow(ix))
        return false;
    size_t i = slot_of(ix->keys, ix->cap, id);
    if (!ix->keys[i])
        ix->count++;
    ix->keys[i] = id;
    ix->values[i] = value;
    return true;
}

int atlas_index_get(const AtlasIndex *ix, const char *id)
{
    if (!id || !ix->cap)
        return -1;
    size_t i = slot_of(ix->keys, ix->cap, id);
    return ix->keys[i] ? ix->values[i] : -1;
}

void atlas_index_free(AtlasIndex *ix)
{
    free(ix->keys), free(ix->values);
    memset(ix, 0, sizeof *ix);
}
