/*
 * Loading a shapefile through shapelib's I/O hooks, for tests and fuzzers that feed .shp, .shx,
 * .dbf and .prj from memory. Only code that already includes shapefil.h includes this header;
 * the rest of the program uses geo_layer_load (layer.h) and never sees a shapelib type.
 */
#ifndef WK_GEO_LAYER_HOOKS_H
#define WK_GEO_LAYER_HOOKS_H

#include <shapefil.h>

#include "layer.h"

/* Like geo_layer_load, but every file (path.shp, .shx, .dbf, .cpg, .prj) is opened through
 * `hooks` (copied; it need not outlive the call). Returns NULL, with an error in diag, when the
 * layer cannot be used at all. Owned by the caller: geo_layer_free. */
GeoLayer *geo_layer_load_hooks(GeoContext *ctx, const char *path, const SAHooks *hooks,
                               const char *target, WkDiag *diag);

#endif
