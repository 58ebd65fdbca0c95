/*
 * mapkit_geom.h - geometry helpers shared by the mapkit tools.
 *
 * The mapkit tools rebuild maps/ and data/overlays/ from Debian's map data. They share three
 * things: a GEOS context that reports errors on stderr, the translation between shapelib's
 * records (parts of rings or lines) and GEOS geometries, and loading a whole shapefile layer
 * with its `id` and `name` fields. Only these helpers and the tools' main files include
 * shapefil.h and geos_c.h; nothing here is used by the atlas at run time.
 */
#ifndef MAPKIT_GEOM_H
#define MAPKIT_GEOM_H

#include <geos_c.h>
#include <shapefil.h>

/* WGS 84 lon/lat as ESRI WKT, written as the .prj of every layer. */
#define MAPKIT_PRJ_WGS84                                                                           \
    "GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,"                \
    "298.257223563]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]"

/* How rings of a record become polygons. */
typedef enum MapkitRingRule {
    /* Shapefile convention: clockwise rings are shells, counter-clockwise rings are holes. */
    MAPKIT_RINGS_ORIENTATION,
    /* Even-odd nesting: a ring inside an odd number of other rings is a hole (GMT/DCW output,
     * whose rings carry no orientation we can trust). */
    MAPKIT_RINGS_NESTING
} MapkitRingRule;

/* A loaded layer: one geometry per record, with the record's `id` and `name` fields. */
typedef struct MapkitLayer {
    int count;
    int shape_type;       /* SHPT_POINT, SHPT_ARC or SHPT_POLYGON */
    GEOSGeometry **geoms; /* owned; NULL for a null shape */
    char **ids;           /* owned; "" when the layer has no id field */
    char **names;         /* owned; "" when the layer has no name field */
} MapkitLayer;

/* Creates a GEOS context whose notices and errors go to stderr, prefixed by `tool`.
 * Returns NULL on failure. Finish with GEOS_finish_r. */
GEOSContextHandle_t mapkit_geos_create(const char *tool);

/*
 * Builds a (multi)polygon from rings laid out as shapelib does (part starts into x/y).
 * Rings with fewer than 4 points are dropped. Nothing is repaired: the result may be invalid.
 * Returns a new geometry owned by the caller, or NULL on failure (or if no ring is usable).
 */
GEOSGeometry *mapkit_rings_to_geom(GEOSContextHandle_t ctx, MapkitRingRule rule, int nparts,
                                   const int *starts, int nverts, const double *x, const double *y);

/*
 * Returns the polygonal part of `g` made valid (GEOSMakeValid, then only polygons kept), as a
 * MultiPolygon (possibly empty). `g` is borrowed. Returns NULL on failure.
 */
GEOSGeometry *mapkit_polygonal(GEOSContextHandle_t ctx, const GEOSGeometry *g);

/* Returns the lineal part of `g` as a MultiLineString (possibly empty); NULL on failure. */
GEOSGeometry *mapkit_lineal(GEOSContextHandle_t ctx, const GEOSGeometry *g);

/* Returns the union of all geometries of `layer` (NULL shapes skipped); NULL on failure. */
GEOSGeometry *mapkit_layer_union(GEOSContextHandle_t ctx, const MapkitLayer *layer);

/*
 * Converts a shapelib record into a GEOS geometry: points to Point/MultiPoint, arcs to
 * MultiLineString, polygons by MAPKIT_RINGS_ORIENTATION. Returns NULL for a null shape or on
 * error (then *err is set to 1).
 */
GEOSGeometry *mapkit_shape_to_geom(GEOSContextHandle_t ctx, const SHPObject *obj, int *err);

/*
 * Writes `g` as one record of `shp`: polygons with outer rings clockwise (SHPRewindObject),
 * lines as arcs, a point as a point. An empty geometry writes a null shape.
 * Returns the record number, or -1 on failure.
 */
int mapkit_shape_write(GEOSContextHandle_t ctx, SHPHandle shp, const GEOSGeometry *g);

/* Writes `<base>.prj` with MAPKIT_PRJ_WGS84. Returns 0, or -1 on failure. */
int mapkit_prj_write(const char *base);

/*
 * Loads the layer `path` (with or without .shp). Calls `xform` on every coordinate if not NULL
 * (e.g. to project). Returns 0 and fills `layer`, or -1 with a message on stderr.
 * Free with mapkit_layer_free.
 */
int mapkit_layer_load(GEOSContextHandle_t ctx, const char *path, GEOSTransformXYCallback xform,
                      void *userdata, MapkitLayer *layer);

void mapkit_layer_free(GEOSContextHandle_t ctx, MapkitLayer *layer);

#endif
