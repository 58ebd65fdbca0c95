/*
 * Checks of a loaded atlas that loading itself does not make: whether overlay geometry is
 * valid and inside the region, whether eras cover the time range, whether every place and
 * event is used. It backs `wakhan check` and the data tests.
 */
#include "atlas.h"

#include <stdio.h>

static int check_eras(const Atlas *atlas, WkDiag *diag)
{
    int errors = 0;
    if (atlas->neras == 0)
        return wk_diag_error(diag, WK_ERR_INVALID, "%s: no eras: the slider needs them",
                             atlas->manifest),
               1;
    if (atlas->eras[0].start > atlas->t_min + 1e-9) {
        wk_diag_error(diag, WK_ERR_INVALID, "timeline: the first era starts after the atlas does");
        errors++;
    }
    if (atlas->eras[atlas->neras - 1].end < atlas->t_max - 1e-9) {
        wk_diag_error(diag, WK_ERR_INVALID, "timeline: the last era ends before the atlas does");
        errors++;
    }
    for (int i = 1; i < atlas->neras; i++) {
        if (atlas->eras[i].start != atlas->eras[i - 1].end) {
            wk_diag_error(diag, WK_ERR_INVALID, "timeline: eras \"%s\" and \"%s\" do not meet",
                          atlas->eras[i - 1].id, atlas->eras[i].id);
            errors++;
        }
    }
    return errors;
}

static int check_overlays(Atlas *atlas, WkDiag *diag)
{
    int errors = 0;
    for (int i = 0; i < atlas->noverlays; i++) {
        AtlasOverlay *o = &atlas->overlays[i];
        char why[256];
        const GeoBox *r = &atlas->region_box;
        if (o->shape.box.minx < r->minx || o->shape.box.maxx > r->maxx ||
            o->shape.box.miny < r->miny || o->shape.box.maxy > r->maxy) {
            wk_diag_error(diag, WK_ERR_INVALID,
                          "%s: feature \"%s\": lies partly outside the region", o->origin.file,
                          o->id);
            errors++;
        }
        /* A ring whose vertices all lie on one line has no inside: GEOS drops it while
         * building the geometry, so it would pass as valid and draw as nothing. */
        if (o->shape.kind == GEO_POLYGON && !(geo_shape_area(atlas->geo, &o->shape) > 0)) {
            wk_diag_error(diag, WK_ERR_INVALID,
                          "%s: feature \"%s\": invalid polygon: it has no area", o->origin.file,
                          o->id);
            errors++;
        } else if (o->shape.kind == GEO_POLYGON &&
                   !geo_shape_valid(atlas->geo, &o->shape, why, sizeof why)) {
            wk_diag_error(diag, WK_ERR_INVALID,
                          "%s: feature \"%s\": invalid polygon: %s (map metres)", o->origin.file,
                          o->id, why);
            errors++;
        }
    }
    return errors;
}

/* A layer that does not meet the region at all is drawn nowhere: almost always a .prj that
 * does not match the coordinates (UTM declared for degrees, or the other way). */
static void check_layers(const Atlas *atlas, WkDiag *diag)
{
    const GeoBox *r = &atlas->region_box;
    for (int i = 0; i < atlas->nlayers; i++) {
        const GeoLayer *g = atlas->layers[i].geo;
        if (!g || g->count == 0)
            continue;
        if (g->box.maxx < r->minx || g->box.minx > r->maxx || g->box.maxy < r->miny ||
            g->box.miny > r->maxy)
            wk_diag_warn(diag,
                         "%s: layer \"%s\" lies wholly outside the atlas's region, so it is "
                         "never drawn; does its .prj match its coordinates?",
                         g->path, atlas->layers[i].id);
    }
}

int atlas_validate(Atlas *atlas, WkDiag *diag)
{
    check_layers(atlas, diag);
    int errors = check_eras(atlas, diag) + check_overlays(atlas, diag);
    for (int i = 0; i < atlas->nplaces; i++)
        if (atlas->places[i].rank <= 2 && atlas->places[i].nevents == 0)
            wk_diag_warn(diag, "place \"%s\" has no events", atlas->places[i].id);
    if (atlas->nevents == 0)
        wk_diag_warn(diag, "%s: the atlas has no events", atlas->manifest);
    return errors;
}
