/*
 * Area names. A territory's label point (GEOS's point inside, computed once per overlay) is
 * where its name goes when it is in view and free. A polity that would otherwise go unnamed is
 * named through a mask: its fill mesh at the level of detail drawn, rasterized into cells of a
 * few pixels (labels.c), so the name lands inside whatever part of the territory the view
 * shows. The mask is made only for those, so a usual frame costs nothing extra.
 */
#include "names.h"
#include "label_plan.h"

#include "atlas/language.h"

#include <stdlib.h>
#include <string.h>

/* Cell size of the mask, in pixels at interface scale 1. */
#define MASK_CELL_PX 6.0f
/* Territory names, in pixels at interface scale 1. */
#define AREA_NAME_PX 15
#define COUNTRY_NAME_PX 13

typedef struct AreaItem {
    int idx;          /* overlay index */
    double on_screen; /* the area of its box within the view, in square metres */
    bool named;
} AreaItem;

struct MapNamer {
    /* Label points of overlays and of the countries, computed on first use. */
    double *overlay_xy, *country_xy;
    unsigned char *overlay_done, *country_done;
    int overlay_cap, country_cap;
    AreaItem *items;
    int item_cap;
    unsigned char *polity_named;
    int polity_cap;
    LabelMask mask;
};

MapNamer *names_create(void)
{
    MapNamer *nm = calloc(1, sizeof *nm);
    if (nm)
        labels_mask_init(&nm->mask);
    return nm;
}

void names_destroy(MapNamer *nm)
{
    if (!nm)
        return;
    free(nm->overlay_xy);
    free(nm->overlay_done);
    free(nm->country_xy);
    free(nm->country_done);
    free(nm->items);
    free(nm->polity_named);
    labels_mask_free(&nm->mask);
    free(nm);
}

/* Grows a cache of label points to `count` entries; false when out of memory. */
static bool grow_points(double **xy, unsigned char **done, int *cap, int count)
{
    if (count <= *cap)
        return true;
    double *nxy = realloc(*xy, sizeof *nxy * 2 * (size_t)count);
    if (!nxy)
        return false;
    *xy = nxy;
    unsigned char *ndone = realloc(*done, (size_t)count);
    if (!ndone)
        return false;
    memset(ndone + *cap, 0, (size_t)(count - *cap));
    *done = ndone;
    *cap = count;
    return true;
}

/* The label point of shape `i` of a cached set, computed on first use. */
static void label_point(GeoContext *geo, GeoShape *shape, double *xy, unsigned char *done, int cap,
                        int i, double *x, double *y)
{
    if (i >= cap) {
        geo_shape_label_point(geo, shape, x, y);
        return;
    }
    if (!done[i]) {
        geo_shape_label_point(geo, shape, &xy[2 * i], &xy[2 * i + 1]);
        done[i] = 1;
    }
    *x = xy[2 * i];
    *y = xy[2 * i + 1];
}

static TextStyle area_style(const Atlas *atlas, const AtlasOverlay *o, const MapState *st)
{
    SDL_Color c = map_overlay_color(atlas, o);
    SDL_Color dark = {(Uint8)(c.r * 0.45), (Uint8)(c.g * 0.45), (Uint8)(c.b * 0.45), 255};
    return (TextStyle){(int)(AREA_NAME_PX * st->ui_scale + 0.5f), true, dark, true,
                       st->theme->halo};
}

/* A name near a territory's label point: long names ("Protectorate General to Pacify the
 * West") rarely find room at the point itself, so the label may also slide sideways by a third
 * of its width or up and down by a few lines, then try a smaller size. A name wider than the
 * territory on screen is left out rather than spill over its neighbours. */
static bool name_at_point(TextCache *text, LabelPlacer *lp, LabelPlan *plan, const char *name,
                          const TextStyle *ts, float x, float y, float area_width)
{
    static const float sizes[] = {1.0f, 0.8f};
    static const float shifts[] = {0, -0.33f, 0.33f};
    static const float lifts[] = {0, -2.5f, 2.5f};
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
        TextStyle t = *ts;
        t.size = (int)(ts->size * sizes[k] + 0.5f);
        int w, h;
        if (!name || !*name || !text_measure(text, name, &t, &w, &h) || w > area_width)
            continue;
        for (size_t j = 0; j < sizeof lifts / sizeof *lifts; j++)
            for (size_t i = 0; i < sizeof shifts / sizeof *shifts; i++) {
                LabelBox b;
                if (labels_place_centered(lp, x + shifts[i] * w, y + lifts[j] * h, (float)w,
                                          (float)h, &b)) {
                    label_plan_add(plan, name, &t, &b);
                    return true;
                }
            }
    }
    return false;
}

/* Rasterizes the territory's fill, as drawn at this scale, into the namer's mask. False when
 * none of it is in view. */
static bool build_mask(MapNamer *nm, Atlas *atlas, GeoShape *shape, const Camera *cam, float ui)
{
    if (!labels_mask_reset(&nm->mask, (float)cam->width, (float)cam->height, MASK_CELL_PX * ui))
        return false;
    int lod = geo_lod_for_scale(1.0 / cam->scale);
    const GeoMesh *mesh = geo_shape_mesh(atlas->geo, shape, lod);
    if (!mesh)
        return false;
    GeoBox view;
    camera_visible(cam, &view);
    int ntri = mesh->nvertices / 3;
    for (int t = 0; t < ntri; t++) {
        if (mesh->chunks && t % GEO_MESH_CHUNK == 0 &&
            !geo_box_intersects(&mesh->chunks[t / GEO_MESH_CHUNK], &view)) {
            t += GEO_MESH_CHUNK - 1;
            continue;
        }
        float xy[6];
        for (int v = 0; v < 3; v++)
            camera_to_screen(cam, mesh->xy[6 * t + 2 * v], mesh->xy[6 * t + 2 * v + 1], &xy[2 * v],
                             &xy[2 * v + 1]);
        labels_mask_triangle(&nm->mask, xy);
    }
    return labels_mask_count(&nm->mask) > 0;
}

/* Names an area anywhere in its visible part, as near (px, py) as there is room: of `names`
 * (a long one, then a shorter one), the first that fits at full size, then smaller. With
 * `uncovered`, only where no territory covers the middle of the name (for modern countries). */
static bool name_in_view(MapNamer *nm, TextCache *text, LabelPlacer *lp, LabelPlan *plan,
                         Atlas *atlas, GeoShape *shape, const char *const names[2],
                         const TextStyle *ts, const Camera *cam, const MapState *st, float px,
                         float py, bool uncovered)
{
    static const float sizes[] = {1.0f, 0.8f, 0.67f}; /* 10 px at the least */
    if (!build_mask(nm, atlas, shape, cam, st->ui_scale))
        return false;
    /* Nearest to the label point, kept inside the view. */
    px = px < 0 ? 0 : px > cam->width ? (float)cam->width : px;
    py = py < 0 ? 0 : py > cam->height ? (float)cam->height : py;
    /* Size before length: a polity's short name in full size reads better than a long one
     * shrunk. */
    for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
        for (int k = 0; k < 2; k++) {
            if (!names[k] || !*names[k] || (k == 1 && names[0] && !strcmp(names[0], names[1])))
                continue;
            TextStyle t = *ts;
            t.size = (int)(ts->size * sizes[s] + 0.5f);
            int w, h;
            LabelBox b;
            if (!text_measure(text, names[k], &t, &w, &h) ||
                !labels_place_in_mask(lp, &nm->mask, px, py, (float)w, (float)h, &b))
                continue;
            double mx, my;
            int covering;
            camera_to_map(cam, b.x + b.w / 2, b.y + b.h / 2, &mx, &my);
            if (uncovered && atlas_overlays_covering(atlas, st->t, mx, my, &covering, 1) > 0) {
                labels_pop(lp); /* the box labels_place_in_mask just took */
                return false;
            }
            label_plan_add(plan, names[k], &t, &b);
            return true;
        }
    }
    return false;
}

static int compare_items(const void *a, const void *b)
{
    const AreaItem *p = a, *q = b;
    return (p->on_screen < q->on_screen) - (p->on_screen > q->on_screen);
}

void names_territories(MapNamer *nm, TextCache *text, LabelPlacer *lp, LabelPlan *plan,
                       Atlas *atlas, const Camera *cam, const MapState *st, const int *active,
                       const double *weights, int n)
{
    if (!grow_points(&nm->overlay_xy, &nm->overlay_done, &nm->overlay_cap, atlas->noverlays))
        return;
    if (n > nm->item_cap) {
        AreaItem *items = realloc(nm->items, sizeof *items * (size_t)n);
        if (!items)
            return;
        nm->items = items;
        nm->item_cap = n;
    }
    if (atlas->npolities > nm->polity_cap) {
        unsigned char *named = realloc(nm->polity_named, (size_t)atlas->npolities);
        if (!named)
            return;
        nm->polity_named = named;
        nm->polity_cap = atlas->npolities;
    }
    memset(nm->polity_named, 0, (size_t)nm->polity_cap);
    GeoBox view;
    camera_visible(cam, &view);
    int count = 0;
    for (int i = 0; i < n; i++) {
        const AtlasOverlay *o = &atlas->overlays[active[i]];
        if (!atlas_kind_is_area(o->kind) || weights[i] < 0.5 ||
            !geo_box_intersects(&o->shape.box, &view))
            continue;
        double w = (o->shape.box.maxx < view.maxx ? o->shape.box.maxx : view.maxx) -
                   (o->shape.box.minx > view.minx ? o->shape.box.minx : view.minx);
        double h = (o->shape.box.maxy < view.maxy ? o->shape.box.maxy : view.maxy) -
                   (o->shape.box.miny > view.miny ? o->shape.box.miny : view.miny);
        nm->items[count++] = (AreaItem){active[i], w * h, false};
    }
    /* Largest in view first: a polity is named on its main territory. */
    qsort(nm->items, (size_t)count, sizeof *nm->items, compare_items);
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < count; i++) {
            AreaItem *item = &nm->items[i];
            AtlasOverlay *o = &atlas->overlays[item->idx];
            bool polity_named = o->polity >= 0 && nm->polity_named[o->polity];
            /* First pass: one name per polity; second: the others, where there is room. */
            if (item->named || (pass == 0 && polity_named))
                continue;
            double gx, gy;
            label_point(atlas->geo, &o->shape, nm->overlay_xy, nm->overlay_done, nm->overlay_cap,
                        item->idx, &gx, &gy);
            float x, y;
            camera_to_screen(cam, gx, gy, &x, &y);
            TextStyle ts = area_style(atlas, o, st);
            float width = (float)((o->shape.box.maxx - o->shape.box.minx) * cam->scale);
            bool in_view = x >= 0 && y >= 0 && x <= cam->width && y <= cam->height;
            /* In the map's language; an untranslated territory goes by its polity's name when
             * that is translated. */
            const char *name = atlas_overlay_name(atlas, item->idx, st->lang);
            const char *polity =
                o->polity >= 0 ? atlas_polity_name(atlas, o->polity, st->lang) : NULL;
            if (st->lang != WK_LANG_EN && name == o->name && polity)
                name = polity;
            item->named = in_view && name_at_point(text, lp, plan, name, &ts, x, y, width);
            if (!item->named && pass == 0) {
                const char *names[2] = {name, polity};
                item->named = name_in_view(nm, text, lp, plan, atlas, &o->shape, names, &ts, cam,
                                           st, x, y, false);
            }
            if (item->named && o->polity >= 0)
                nm->polity_named[o->polity] = 1;
            if (pass == 1)
                item->named = true; /* tried once: not again */
        }
    }
}

void names_countries(MapNamer *nm, TextCache *text, LabelPlacer *lp, LabelPlan *plan, Atlas *atlas,
                     const Camera *cam, const MapState *st)
{
    for (int l = 0; l < atlas->nlayers; l++) {
        AtlasLayer *layer = &atlas->layers[l];
        if (strcmp(layer->id, "countries") || !layer->geo || layer->label_field < 0)
            continue;
        if (!grow_points(&nm->country_xy, &nm->country_done, &nm->country_cap, layer->geo->count))
            return;
        GeoBox view;
        camera_visible(cam, &view);
        TextStyle ts = {(int)(COUNTRY_NAME_PX * st->ui_scale + 0.5f), false, st->theme->muted, true,
                        st->theme->halo};
        for (int i = 0; i < layer->geo->count; i++) {
            GeoFeature *f = &layer->geo->features[i];
            const char *name = geo_feature_value(f, layer->label_field);
            if (!*name)
                continue;
            double gx, gy;
            label_point(atlas->geo, &f->shape, nm->country_xy, nm->country_done, nm->country_cap, i,
                        &gx, &gy);
            float x, y;
            camera_to_screen(cam, gx, gy, &x, &y);
            int covering;
            if (x < 0 || y < 0 || x > cam->width || y > cam->height) {
                /* The centre is out of view: name the part in view, if any is uncovered. */
                const char *names[2] = {name, NULL};
                if (geo_box_intersects(&f->shape.box, &view))
                    name_in_view(nm, text, lp, plan, atlas, &f->shape, names, &ts, cam, st, x, y,
                                 true);
                continue;
            }
            if (atlas_overlays_covering(atlas, st->t, gx, gy, &covering, 1) > 0)
                continue;
            int w, h;
            LabelBox b;
            if (text_measure(text, name, &ts, &w, &h) &&
                labels_place_centered(lp, x, y, (float)w, (float)h, &b))
                label_plan_add(plan, name, &ts, &b);
        }
        return;
    }
}
