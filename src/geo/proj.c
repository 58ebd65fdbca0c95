/*
 * Projection through PROJ. One PJ per source CRS; axis order is normalised so that callers
 * always pass x = longitude (or easting) first, whatever the CRS definition says.
 */
#include "geo_internal.h"

#include <math.h>
#include <proj.h>
#include <stdlib.h>
#include <string.h>

struct GeoProj {
    PJ *pj;
    GeoContext *ctx; /* counts the positions transformed */
};

/* Geographic WGS 84 as a PROJ string. Named "EPSG:4326", the source sent PROJ to its
 * database (sqlite) for half of the 53 M instructions creating the atlas's transform took; for
 * a target on the WGS 84 datum itself no datum shift is involved, and the transform is the
 * same to the bit (test_shapefile compares them). */
#define WGS84_STRING "+proj=longlat +datum=WGS84 +no_defs +type=crs"

/* True when `target` is a PROJ string on the WGS 84 datum or ellipsoid with no shift of its
 * own. */
static bool on_wgs84(const char *target)
{
    return target && target[0] == '+' &&
           (strstr(target, "+datum=WGS84") || strstr(target, "+ellps=WGS84")) &&
           !strstr(target, "+towgs84") && !strstr(target, "+nadgrids") &&
           !strstr(target, "+geoidgrids");
}

GeoProj *geo_proj_create(GeoContext *ctx, const char *source, const char *target, WkDiag *diag,
                         const char *where)
{
    PJ_CONTEXT *pc = geo_context_proj(ctx);
    GeoProj *proj = calloc(1, sizeof *proj);
    PJ *raw = NULL;
    if (!proj) {
        wk_diag_error(diag, WK_ERR_NOMEM, "%s: out of memory", where);
        return NULL;
    }
    if (!source)
        source = on_wgs84(target) ? WGS84_STRING : "EPSG:4326";
    raw = proj_create_crs_to_crs(pc, source, target, NULL);
    if (!raw)
        goto fail;
    proj->ctx = ctx;
    proj->pj = proj_normalize_for_visualization(pc, raw);
    proj_destroy(raw);
    if (!proj->pj)
        goto fail;
    return proj;
fail:;
    /* PROJ leaves its error number at 0 for some refusals (a WKT it parses but cannot use),
     * and its text for 0 is NULL: say so rather than print "(null)". */
    int err = proj_context_errno(pc);
    const char *why = err ? proj_context_errno_string(pc, err) : NULL;
    wk_diag_error(diag, WK_ERR_PROJ, "%s: PROJ cannot use this coordinate system: %s", where,
                  why && *why ? why : "PROJ gave no reason; is the .prj a coordinate system?");
    free(proj);
    return NULL;
}

void geo_proj_destroy(GeoProj *proj)
{
    if (!proj)
        return;
    proj_destroy(proj->pj);
    free(proj);
}

static bool transform(GeoProj *proj, PJ_DIRECTION dir, double *xy, int n)
{
    if (n <= 0)
        return true;
    geo_context_count_projected(proj->ctx, n);
    size_t stride = 2 * sizeof(double);
    proj_trans_generic(proj->pj, dir, xy, stride, (size_t)n, xy + 1, stride, (size_t)n, NULL, 0, 0,
                       NULL, 0, 0);
    bool ok = true;
    for (int i = 0; i < 2 * n; i++) {
        if (!isfinite(xy[i])) {
            xy[i] = HUGE_VAL;
            ok = false;
        }
    }
    return ok;
}

bool geo_proj_forward(GeoProj *proj, double *xy, int n)
{
    return transform(proj, PJ_FWD, xy, n);
}

bool geo_proj_inverse(GeoProj *proj, double *xy, int n)
{
    return transform(proj, PJ_INV, xy, n);
}
