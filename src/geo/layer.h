/*
 * A base layer read from a shapefile: features with a projected shape and their .dbf
 * attributes as UTF-8 strings.
 */
#ifndef WK_GEO_LAYER_H
#define WK_GEO_LAYER_H

#include "geo.h"

typedef struct GeoFeature {
    GeoShape shape;
    char **values; /* one UTF-8 string per field (never NULL; "" when absent) */
    int record;    /* record number in the file, 0-based */
} GeoFeature;

typedef struct GeoLayer {
    char *path;
    GeoKind kind;
    int nfields;
    char **fields; /* field names */
    GeoFeature *features;
    int count;
    GeoBox box;
    int skipped; /* records left out because they were broken */
    /* The cache file the shapes' level-0 fills are read from on first use (geo/cache.c), kept
     * mapped until geo_layer_free; NULL when the layer was not read from a cache. */
    void *mapped;
    size_t mapped_length;
} GeoLayer;

/* Loads the shapefile at `path` (with or without ".shp"). Vertices are projected into the map
 * projection `target` (a PROJ string) from the CRS in the file's .prj (WGS 84 when there is no
 * .prj); with target NULL they are kept as they are in the file. Z and M are dropped.
 *
 * A broken record is skipped with a warning naming the file and record; a missing .dbf leaves
 * the attributes empty. Returns NULL, with an error in diag, when the file cannot be used at
 * all. Owned by the caller: geo_layer_free. */
GeoLayer *geo_layer_load(GeoContext *ctx, const char *path, const char *target, WkDiag *diag);
void geo_layer_free(GeoContext *ctx, GeoLayer *layer);

/* Index of a field by name (case-insensitive), or -1. */
int geo_layer_field(const GeoLayer *layer, const char *name);
/* The value of a field for a feature; "" when the field is -1. Borrowed. */
const char *geo_feature_value(const GeoFeature *feature, int field);

#endif
