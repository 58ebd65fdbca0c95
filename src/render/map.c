/*
 * One frame of the map. Geometry is culled by bounding box, drawn at the level of detail the
 * scale calls for, transformed to screen space into reused buffers, and sent to SDL in a few
 * large SDL_RenderGeometry calls (one per drawing pass), never one call per feature.
 *
 * Passes, bottom to top: sea, base layer fills and strokes, territory fills, hatching and
 * borders (largest first, so smaller areas stay visible on top), lines (rail, corridors),
 * sites, places, then labels in priority order. On software targets the frame is made from
 * the pictures kept between frames (map_frame.c); labels are placed again only when what they
 * depend on changed (label_signature), and otherwise drawn as last placed (label_plan.c).
 */
#include "map_internal.h"
#include "names.h"

#include "atlas/language.h"
#include "core/i18n.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The least space between two labels, so that neighbours never read as one name. */
#define LABEL_PADDING_PX 3
/* Places of rank r appear when the view is narrower than this many km. */
static const double rank_span_km[6] = {0, 1e9, 9000, 5000, 2500, 1200};

MapRenderer *map_renderer_create(TextCache *text)
{
    MapRenderer *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->text = text;
    vb_init(&m->vb);
    labels_init(&m->labels);
    label_plan_init(&m->plan);
    m->static_cache = true;
    for (int i = 0; i < 4; i++)
        m->focus_key[i] = -1;
    m->names = names_create();
    if (!m->names) {
        free(m);
        return NULL;
    }
    return m;
}

MapFrameCounts map_renderer_counts(const MapRenderer *m)
{
    return m->counts;
}

void map_renderer_set_static_cache(MapRenderer *m, bool on)
{
    m->static_cache = on;
}

void map_renderer_set_base_only(MapRenderer *m, bool on)
{
    m->base_only = on;
}

void map_renderer_destroy(MapRenderer *m)
{
    if (!m)
        return;
    vb_free(&m->vb);
    labels_free(&m->labels);
    label_plan_free(&m->plan);
    if (m->texture)
        SDL_DestroyTexture(m->texture);
    if (m->scaled)
        SDL_DestroyTexture(m->scaled);
    free(m->columns);
    free(m->under);
    free(m->base);
    free(m->pts);
    names_destroy(m->names);
    free(m);
}

void map_block_area(MapRenderer *m, float x, float y, float w, float h)
{
    if (m->nblocked < (int)(sizeof m->blocked / sizeof *m->blocked))
        m->blocked[m->nblocked++] = (LabelBox){x, y, w, h};
}

static SDL_Color rgba(WkColor c, float alpha)
{
    float a = c.a * alpha;
    return (SDL_Color){c.r, c.g, c.b, (Uint8)(a < 0 ? 0 : a > 255 ? 255 : a)};
}

static SDL_Color grey_of(SDL_Color c)
{
    Uint8 y = (Uint8)(0.3 * c.r + 0.59 * c.g + 0.11 * c.b);
    return (SDL_Color){y, y, y, c.a};
}

static float *points(MapRenderer *m, int n)
{
    if (n > m->cap_pts) {
        int cap = m->cap_pts ? m->cap_pts : 4096;
        while (cap < n)
            cap *= 2;
        float *p = realloc(m->pts, sizeof *p * 2 * (size_t)cap);
        if (!p)
            return NULL;
        m->pts = p;
        m->cap_pts = cap;
    }
    return m->pts;
}

/* Transforms vertices a..b-1 of a path to screen coordinates in m->pts. */
static float *range_to_screen(MapRenderer *m, const Camera *cam, const GeoPath *p, int a, int b,
                              int *n)
{
    float *out = points(m, b - a);
    if (!out)
        return NULL;
    for (int i = a; i < b; i++)
        camera_to_screen(cam, p->xy[2 * i], p->xy[2 * i + 1], &out[2 * (i - a)],
                         &out[2 * (i - a) + 1]);
    *n = b - a;
    return out;
}

/* True when every run of part r is in view (or the part has no runs). */
static bool all_runs_visible(const GeoPath *p, int r, const GeoBox *view)
{
    if (!p->run_start)
        return true;
    for (int k = p->run_start[r]; k < p->run_start[r + 1]; k++)
        if (!geo_box_intersects(&p->run_box[k], view))
            return false;
    return true;
}

static void stroke_shape(MapRenderer *m, GeoContext *geo, GeoShape *shape, const Camera *cam,
                         int lod, const StrokeStyle *style)
{
    const GeoPath *p = geo_shape_lod(geo, shape, lod);
    bool closed = shape->kind == GEO_POLYGON;
    for (int r = 0; r < p->nparts; r++) {
        /* Part by part: zoomed in, most of China's 2845 rings are off screen. */
        if (p->boxes && !geo_box_intersects(&p->boxes[r], &m->view))
            continue;
        int a = p->part[r], b = p->part[r + 1], n;
        int k0 = p->run_start ? p->run_start[r] : 0,
            nk = p->run_start ? p->run_start[r + 1] - k0 : 0;
        /* Dashed lines are drawn whole: their pattern starts at the first vertex, and a span
         * starting elsewhere would make the dashes jump while the map pans. */
        bool whole = (style->dash > 0 && style->gap > 0) || all_runs_visible(p, r, &m->full_view);
        if (whole) {
            float *xy = range_to_screen(m, cam, p, a, b, &n);
            if (xy)
                vb_stroke(&m->vb, xy, n, closed, style);
            continue;
        }
        /* A long ring only partly in view (China's outline zoomed in): stroke the spans of
         * runs in view as open lines. Their cut ends lie outside the view and its margin, so
         * no cap shows; rings are stored closed, so no closing segment is lost. */
        for (int k = 0; k < nk;) {
            if (!geo_box_intersects(&p->run_box[k0 + k], &m->view)) {
                k++;
                continue;
            }
            int k1 = k;
            while (k1 + 1 < nk && geo_box_intersects(&p->run_box[k0 + k1 + 1], &m->view))
                k1++;
            int from = a + k * GEO_PATH_RUN, to = a + (k1 + 1) * GEO_PATH_RUN + 1;
            float *xy = range_to_screen(m, cam, p, from, to < b ? to : b, &n);
            if (xy)
                vb_stroke(&m->vb, xy, n, false, style);
            k = k1 + 1;
        }
    }
}

static void fill_shape(MapRenderer *m, GeoContext *geo, GeoShape *shape, const Camera *cam, int lod,
                       SDL_Color color)
{
    const GeoMesh *mesh = geo_shape_mesh(geo, shape, lod);
    if (!mesh || mesh->nvertices == 0)
        return;
    float *xy = points(m, mesh->nvertices);
    if (!xy)
        return;
    /* Chunk by chunk: zoomed in, most of a large fill is off screen. */
    int n = 0, chunk = 3 * GEO_MESH_CHUNK;
    for (int c = 0; c * chunk < mesh->nvertices; c++) {
        if (mesh->chunks && c < mesh->nchunks && !geo_box_intersects(&mesh->chunks[c], &m->view))
            continue;
        int end = (c + 1) * chunk < mesh->nvertices ? (c + 1) * chunk : mesh->nvertices;
        for (int i = c * chunk; i < end; i++, n++)
            camera_to_screen(cam, mesh->xy[2 * i], mesh->xy[2 * i + 1], &xy[2 * n], &xy[2 * n + 1]);
    }
    vb_triangles(&m->vb, xy, n, color);
}

static void hatch_shape(MapRenderer *m, GeoContext *geo, GeoShape *shape, const Camera *cam,
                        int lod, float spacing, const StrokeStyle *style)
{
    const GeoPath *p = geo_shape_lod(geo, shape, lod);
    float *xy = points(m, p->npoints);
    if (!xy)
        return;
    for (int i = 0; i < p->npoints; i++)
        camera_to_screen(cam, p->xy[2 * i], p->xy[2 * i + 1], &xy[2 * i], &xy[2 * i + 1]);
    /* Anchored to the map's origin, so a panned picture and a strip drawn beside it match. */
    double ox = -cam->cx * cam->scale + cam->width * 0.5,
           oy = cam->cy * cam->scale + cam->height * 0.5;
    float phase = (float)fmod(ox + oy, spacing * M_SQRT2);
    vb_hatch_phase(&m->vb, xy, p->part, p->nparts, spacing, phase, style);
}

static bool layer_shown(const AtlasLayer *layer, const Camera *cam)
{
    double span_km = camera_span(cam) / 1000;
    const AtlasStyle *s = &layer->style;
    return !(s->min_span_km > 0 && span_km < s->min_span_km) &&
           !(s->max_span_km > 0 && span_km > s->max_span_km);
}

/* Draws base layers from..to-1. */
void map_draw_layers(MapRenderer *m, Atlas *atlas, const Camera *cam, const MapState *st,
                     const GeoBox *view, int lod, int from, int to)
{
    for (int l = from; l < to; l++) {
        AtlasLayer *layer = &atlas->layers[l];
        if (l == atlas->places_layer || !layer_shown(layer, cam) || layer->geo->kind == GEO_POINT)
            continue;
        const AtlasStyle *s = &layer->style;
        SDL_Color fill = rgba(s->fill, 1), stroke = rgba(s->stroke, 1);
        if (st->theme->desaturate_base)
            fill = grey_of(fill), stroke = grey_of(stroke);
        StrokeStyle ss = {s->width * st->ui_scale * st->theme->stroke_scale, stroke,
                          s->dash ? 6 * st->ui_scale : 0, s->dash ? 4 * st->ui_scale : 0};
        for (int i = 0; i < layer->geo->count; i++) {
            GeoShape *shape = &layer->geo->features[i].shape;
            if (!geo_box_intersects(&shape->box, view))
                continue;
            /* Features with a span (a Silk Road route, a pilgrim's journey) fade with time. */
            double w = layer->t_start
                           ? atlas_span_weight(layer->t_start[i], layer->t_end[i], st->t, st->fade)
                           : 1.0;
            if (w <= 0)
                continue;
            SDL_Color f = fill, k = stroke;
            f.a = (Uint8)(f.a * w), k.a = (Uint8)(k.a * w);
            ss.color = k;
            if (s->has_fill && shape->kind == GEO_POLYGON)
                fill_shape(m, atlas->geo, shape, cam, lod, f);
            if (s->has_stroke)
                stroke_shape(m, atlas->geo, shape, cam, lod, &ss);
        }
    }
}

bool map_kind_hatched(AtlasKind kind)
{
    return kind == ATLAS_PROTECTORATE || kind == ATLAS_TRIBUTARY || kind == ATLAS_CLAIM ||
           atlas_kind_is_unheld(kind);
}

SDL_Color map_overlay_color(const Atlas *atlas, const AtlasOverlay *o)
{
    if (o->polity >= 0)
        return rgba(atlas->polities[o->polity].color, 1);
    switch (o->kind) {
    case ATLAS_CONTESTED:
        return (SDL_Color){120, 112, 104, 255};
    case ATLAS_UNCLAIMED:
        return (SDL_Color){150, 146, 138, 255};
    case ATLAS_RAIL:
        return (SDL_Color){40, 40, 40, 255};
    case ATLAS_CORRIDOR:
        return (SDL_Color){123, 50, 148, 255};
    case ATLAS_AIR:
        return (SDL_Color){0, 114, 178, 255};
    case ATLAS_CABLE:
        return (SDL_Color){0, 130, 100, 255};
    case ATLAS_SITE:
        return (SDL_Color){200, 60, 30, 255};
    default:
        return (SDL_Color){110, 80, 50, 255};
    }
}

static int by_area_desc(const void *a, const void *b)
{
    double x = ((const Ranked *)a)->area, y = ((const Ranked *)b)->area;
    return x < y ? 1 : x > y ? -1 : 0;
}

/* Drawn with the highlight: selected, under the mouse, or highlighted by a lesson. */
static bool in_focus(const MapState *st, int overlay)
{
    return overlay == st->selected_overlay || overlay == st->hover_overlay ||
           (st->emphasis && st->emphasis[overlay] > 0);
}

/* While the selection's decoration is drawn (m->focus_only), everything else is left out. */
static bool left_out(const MapRenderer *m, const MapState *st, int overlay)
{
    return m->focus_only && overlay != st->selected_overlay && overlay != st->hover_overlay;
}

/* Overlays a lesson dims fade to a quarter. */
#define DIM_WEIGHT 0.25

static void apply_emphasis(MapRenderer *m, const MapState *st, int n)
{
    for (int i = 0; st->emphasis && i < n; i++)
        if (st->emphasis[m->active[i]] < 0)
            m->weights[i] *= DIM_WEIGHT;
}

void map_draw_areas(MapRenderer *m, Atlas *atlas, const Camera *cam, const MapState *st,
                    const GeoBox *view, int lod, int n)
{
    int k = 0;
    for (int i = 0; i < n; i++) {
        const AtlasOverlay *o = &atlas->overlays[m->active[i]];
        if (!atlas_kind_is_area(o->kind) || !geo_box_intersects(&o->shape.box, view))
            continue;
        const GeoBox *b = &o->shape.box;
        m->ranked[k++] =
            (Ranked){(b->maxx - b->minx) * (b->maxy - b->miny), m->active[i], m->weights[i]};
    }
    qsort(m->ranked, (size_t)k, sizeof *m->ranked, by_area_desc);
    float ui = st->ui_scale;
    for (int pass = m->focus_only ? 1 : 0; pass < 2; pass++) {
        for (int i = 0; i < k; i++) {
            int idx = m->ranked[i].idx;
            double w = m->ranked[i].weight;
            AtlasOverlay *o = &atlas->overlays[idx];
            if (left_out(m, st, idx))
                continue;
            SDL_Color c = map_overlay_color(atlas, o);
            bool hatched = map_kind_hatched(o->kind);
            if (pass == 0) {
                /* Fills first for every area, then all edges on top, so no fill hides a
                 * border. */
                SDL_Color fill = c;
                fill.a =
                    (Uint8)(255 * w * (hatched ? st->theme->hatch_alpha : st->theme->area_alpha));
                fill_shape(m, atlas->geo, &o->shape, cam, lod, fill);
                if (hatched) {
                    SDL_Color hc = c;
                    hc.a = (Uint8)(200 * w);
                    /* Claims and unclaimed land in dashes; land nobody holds is grey (its
                     * colour by kind), contested land closely hatched. */
                    bool dashed = o->kind == ATLAS_CLAIM || o->kind == ATLAS_UNCLAIMED;
                    StrokeStyle hs = {1.6f * ui, hc, dashed ? 4 * ui : 0, 4 * ui};
                    float spacing = o->kind == ATLAS_TRIBUTARY   ? 14
                                    : o->kind == ATLAS_CONTESTED ? 6
                                    : o->kind == ATLAS_UNCLAIMED ? 11
                                                                 : 9;
                    hatch_shape(m, atlas->geo, &o->shape, cam, lod, spacing * ui, &hs);
                }
            } else {
                bool low = o->certainty == ATLAS_CERTAIN_LOW;
                bool focus = in_focus(st, idx);
                SDL_Color edge = focus ? st->theme->highlight : c;
                edge.a = (Uint8)(edge.a * w * (low ? 0.75 : 1.0));
                StrokeStyle es = {(focus ? 3.5f : 2.2f) * ui * st->theme->stroke_scale, edge,
                                  low ? 9 * ui : 0, low ? 6 * ui : 0};
                stroke_shape(m, atlas->geo, &o->shape, cam, lod, &es);
            }
        }
    }
}

void map_draw_lines(MapRenderer *m, Atlas *atlas, const Camera *cam, const MapState *st,
                    const GeoBox *view, int lod, int n)
{
    float ui = st->ui_scale * st->theme->stroke_scale;
    for (int i = 0; i < n; i++) {
        AtlasOverlay *o = &atlas->overlays[m->active[i]];
        if (!atlas_kind_is_line(o->kind) || !geo_box_intersects(&o->shape.box, view) ||
            left_out(m, st, m->active[i]))
            continue;
        SDL_Color c = map_overlay_color(atlas, o);
        c.a = (Uint8)(c.a * m->weights[i]);
        bool focus = in_focus(st, m->active[i]);
        bool planned = o->status && !strcmp(o->status, "planned");
        bool building = o->status && !strcmp(o->status, "construction");
        float width = (o->kind == ATLAS_CORRIDOR ? 5.0f : o->kind == ATLAS_RAIL ? 3.2f : 2.2f) * ui;
        if (focus) {
            SDL_Color h = st->theme->highlight;
            h.a = c.a;
            StrokeStyle hs = {width + 4 * ui, h, 0, 0};
            stroke_shape(m, atlas->geo, &o->shape, cam, lod, &hs);
        }
        StrokeStyle s = {width, c, 0, 0};
        if (planned)
            s.dash = 10 * ui, s.gap = 7 * ui;
        else if (building)
            s.dash = 18 * ui, s.gap = 5 * ui;
        else if (o->kind == ATLAS_AIR)
            s.dash = 3 * ui, s.gap = 5 * ui;
        if (o->kind == ATLAS_CORRIDOR)
            s.color.a = (Uint8)(s.color.a * 0.7);
        stroke_shape(m, atlas->geo, &o->shape, cam, lod, &s);
        if (o->kind == ATLAS_RAIL && !planned) {
            /* The railway look: white ties inside a dark line. */
            StrokeStyle ties = {width * 0.45f, {255, 255, 255, c.a}, 6 * ui, 6 * ui};
            stroke_shape(m, atlas->geo, &o->shape, cam, lod, &ties);
        }
    }
}

const char *map_place_name(const AtlasPlace *p, MapNames names)
{
    const char *name = names == MAP_NAMES_CHINESE ? p->name_zh
                       : names == MAP_NAMES_DARI  ? p->name_fa
                                                  : p->name;
    return name && *name ? name : p->name;
}

const char *map_names_label(MapNames names)
{
    static const char *const labels[MAP_NAMES_COUNT] = {N_("English"), N_("Chinese"),
                                                        N_("Dari / Pashto")};
    return _(labels[names >= 0 && names < MAP_NAMES_COUNT ? names : 0]);
}

float map_place_radius(const AtlasPlace *p, float ui_scale)
{
    static const float radius[6] = {0, 5.5f, 4.5f, 3.8f, 3.2f, 3.0f};
    return radius[p->rank] * ui_scale;
}

bool map_place_visible(const AtlasPlace *p, const Camera *cam)
{
    return camera_span(cam) / 1000 < rank_span_km[p->rank];
}

/* Draws the site symbols and place dots, or with `reserve` only keeps their boxes free of
 * labels and records them as dots that names belong to. Reserving is part of placing labels,
 * not of drawing: a frame whose picture is reused or shifted still places its labels. */
void map_draw_sites_and_places(MapRenderer *m, Atlas *atlas, const Camera *cam, const MapState *st,
                               int n, bool reserve)
{
    float ui = st->ui_scale;
    SDL_Color white = {255, 255, 255, 255};
    for (int i = 0; i < n; i++) {
        AtlasOverlay *o = &atlas->overlays[m->active[i]];
        if (o->kind != ATLAS_SITE || (!reserve && left_out(m, st, m->active[i])))
            continue;
        float x, y;
        camera_to_screen(cam, o->shape.path.xy[0], o->shape.path.xy[1], &x, &y);
        if (x < -20 || y < -20 || x > cam->width + 20 || y > cam->height + 20)
            continue;
        if (reserve) {
            LabelBox b = {x - 9 * ui, y - 9 * ui, 18 * ui, 18 * ui};
            labels_block(&m->labels, &b);
            labels_add_dot(&m->labels, x, y);
            continue;
        }
        SDL_Color c = map_overlay_color(atlas, o), ol = white;
        c.a = (Uint8)(255 * m->weights[i]);
        ol.a = c.a;
        bool focus = in_focus(st, m->active[i]);
        if (focus)
            vb_disc(&m->vb, x, y, 15 * ui, st->theme->highlight);
        map_symbol(&m->vb, o->symbol, x, y, 13 * ui, c, ol);
    }
    for (int i = 0; i < atlas->nplaces; i++) {
        AtlasPlace *p = &atlas->places[i];
        bool focus = i == st->selected_place || i == st->hover_place;
        if ((!map_place_visible(p, cam) && !focus) || (!reserve && m->focus_only && !focus))
            continue;
        float x, y;
        camera_to_screen(cam, p->x, p->y, &x, &y);
        if (x < -10 || y < -10 || x > cam->width + 10 || y > cam->height + 10)
            continue;
        float r = map_place_radius(p, ui);
        if (reserve) {
            LabelBox b = {x - r, y - r, 2 * r, 2 * r};
            labels_block(&m->labels, &b);
            labels_add_dot(&m->labels, x, y);
            continue;
        }
        if (focus)
            vb_disc(&m->vb, x, y, r + 5 * ui, st->theme->highlight);
        vb_disc(&m->vb, x, y, r + 1.3f * ui, white);
        vb_disc(&m->vb, x, y, r, p->rank == 1 ? st->theme->accent : st->theme->text);
    }
}

/* `must`: the selected place's name, which may cover a neighbour's dot rather than vanish. */
static void draw_label(MapRenderer *m, const char *text, const TextStyle *ts, float x, float y,
                       bool at_point, float gap, bool must)
{
    int w, h;
    if (!text || !*text || !text_measure(m->text, text, ts, &w, &h))
        return;
    LabelBox b;
    bool placed = !at_point ? labels_place_centered(&m->labels, x, y, (float)w, (float)h, &b)
                  : must    ? labels_place_over_dots(&m->labels, x, y, (float)w, (float)h, gap, &b)
                            : labels_place_at_point(&m->labels, x, y, (float)w, (float)h, gap, &b);
    if (placed)
        label_plan_add(&m->plan, text, ts, &b);
}

/* Labels the places of ranks lo..hi: only the focused ones (selected or hovered) when
 * `focus_only`, otherwise the visible others. */
static void place_labels(MapRenderer *m, const Atlas *atlas, const Camera *cam, const MapState *st,
                         int lo, int hi, bool focus_only)
{
    static const int rank_size[6] = {0, 19, 16, 14, 13, 12};
    float ui = st->ui_scale;
    for (int rank = lo; rank <= hi; rank++) {
        for (int i = 0; i < atlas->nplaces; i++) {
            const AtlasPlace *p = &atlas->places[i];
            bool focus = i == st->selected_place || i == st->hover_place;
            if (p->rank != rank || focus != focus_only || (!focus && !map_place_visible(p, cam)))
                continue;
            float x, y;
            camera_to_screen(cam, p->x, p->y, &x, &y);
            TextStyle ts = {(int)(rank_size[rank] * ui + 0.5f), rank <= 2 || focus, st->theme->text,
                            true, st->theme->halo};
            draw_label(m, map_place_name(p, st->names), &ts, x, y, true,
                       map_place_radius(p, ui) + 4 * ui, i == st->selected_place);
        }
    }
}

/* Places every label of the frame anew into m->plan, in priority order. */
static void place_all_labels(MapRenderer *m, Atlas *atlas, const Camera *cam, const MapState *st,
                             int n)
{
    float ui = st->ui_scale;
    const Theme *th = st->theme;
    label_plan_clear(&m->plan);
    labels_reset(&m->labels, (float)cam->width, (float)cam->height);
    labels_set_padding(&m->labels, LABEL_PADDING_PX * st->ui_scale);
    for (int i = 0; i < m->nblocked; i++)
        labels_block(&m->labels, &m->blocked[i]);
    map_draw_sites_and_places(m, atlas, cam, st, n, true);
    /* In priority order: the place under focus, the capitals and major cities, the names of
     * the territories (what the time slider is about), then the smaller places. */
    place_labels(m, atlas, cam, st, 1, 5, true);
    place_labels(m, atlas, cam, st, 1, 2, false);
    /* Every polity in view named once, then other territories, then the modern countries
     * that no territory of the time covers. */
    names_territories(m->names, m->text, &m->labels, &m->plan, atlas, cam, st, m->active,
                      m->weights, n);
    names_countries(m->names, m->text, &m->labels, &m->plan, atlas, cam, st);
    place_labels(m, atlas, cam, st, 3, 5, false);
    /* Names of base features (rivers, ranges) last. */
    for (int l = 0; l < atlas->nlayers; l++) {
        AtlasLayer *layer = &atlas->layers[l];
        if (l == atlas->places_layer || layer->label_field < 0 || !layer_shown(layer, cam) ||
            !strcmp(layer->id, "countries") || !strcmp(layer->id, "provinces"))
            continue;
        for (int i = 0; i < layer->geo->count; i++) {
            GeoFeature *f = &layer->geo->features[i];
            const char *name = geo_feature_value(f, layer->label_field);
            if (!*name || (layer->t_start &&
                           atlas_span_weight(layer->t_start[i], layer->t_end[i], st->t, 0) < 1))
                continue;
            double gx, gy;
            geo_shape_label_point(atlas->geo, &f->shape, &gx, &gy);
            float x, y;
            camera_to_screen(cam, gx, gy, &x, &y);
            if (x < 0 || y < 0 || x > cam->width || y > cam->height)
                continue;
            TextStyle ts = {(int)(12 * ui + 0.5f), false, th->muted, true, th->halo};
            draw_label(m, name, &ts, x, y, false, 0, false);
        }
    }
}

/* Layers before this one never change with time: they can be drawn once per view. */
static int first_timed_layer(const Atlas *atlas)
{
    for (int l = 0; l < atlas->nlayers; l++)
        if (atlas->layers[l].t_start && l != atlas->places_layer)
            return l;
    return atlas->nlayers;
}

/* Everything above the timeless layers: timed base layers, then the `n` active overlays
 * (m->active), lines, sites and places, appended to m->vb. */
void map_draw_dynamic(MapRenderer *m, Atlas *atlas, const Camera *cam, const MapState *st,
                      const GeoBox *view, int lod, int from, int n)
{
    map_draw_layers(m, atlas, cam, st, view, lod, from, atlas->nlayers);
    if (m->base_only)
        return;
    map_draw_areas(m, atlas, cam, st, view, lod, n);
    map_draw_lines(m, atlas, cam, st, view, lod, n);
    map_draw_sites_and_places(m, atlas, cam, st, n, false);
}

/* A digest of everything placing the labels depends on: the view, the interface's scale, theme
 * and languages, the places in focus, the areas kept clear, and for each active overlay
 * whether its symbol or dot is there, whether it is named (weight at least a half) and whether
 * it covers land at t (which hides a country's name); for timed base features, whether their
 * names show. While it stays the same, the labels last placed are drawn again as they are. */
static uint64_t label_signature(const MapRenderer *m, const Atlas *atlas, const Camera *cam,
                                const MapState *st, int n)
{
    uint64_t h = 0x84222325cbf29ce4ull;
    h = mix(h, (uint64_t)(uintptr_t)atlas);
    h = mix(h, (uint64_t)(uintptr_t)st->theme);
    h = mix_double(mix_double(mix_double(h, cam->cx), cam->cy), cam->scale);
    h = mix(mix(h, (uint64_t)cam->width), (uint64_t)cam->height);
    h = mix_float(h, st->ui_scale);
    h = mix(h, (uint64_t)st->names << 32 | (uint32_t)st->lang);
    h = mix(h, (uint64_t)(st->selected_place + 2) << 32 | (uint32_t)(st->hover_place + 2));
    for (int i = 0; i < m->nblocked; i++) {
        const LabelBox *b = &m->blocked[i];
        h = mix_float(mix_float(mix_float(mix_float(h, b->x), b->y), b->w), b->h);
    }
    h = mix(h, (uint64_t)m->nblocked);
    for (int i = 0; i < n; i++) {
        const AtlasOverlay *o = &atlas->overlays[m->active[i]];
        h = mix(h, (uint64_t)m->active[i] << 2 | (uint64_t)(m->weights[i] >= 0.5) << 1 |
                       (uint64_t)(atlas_overlay_weight(o, st->t, 0) >= 1));
    }
    for (int l = 0; l < atlas->nlayers; l++) {
        const AtlasLayer *layer = &atlas->layers[l];
        for (int i = 0; layer->t_start && layer->label_field >= 0 && i < layer->geo->count; i++)
            h = mix(h, (uint64_t)(atlas_span_weight(layer->t_start[i], layer->t_end[i], st->t, 0) >=
                                  1));
    }
    return mix(h, (uint64_t)n);
}

int map_draw(MapRenderer *m, SDL_Renderer *renderer, Atlas *atlas, const Camera *cam,
             const MapState *st)
{
    GeoBox view;
    camera_visible(cam, &view);
    int lod = geo_lod_for_scale(1.0 / cam->scale);
    /* A part just outside still shows its stroke's half-width and fringe. */
    double margin = STROKE_MARGIN_PX * st->ui_scale / cam->scale;
    m->view =
        (GeoBox){view.minx - margin, view.miny - margin, view.maxx + margin, view.maxy + margin};
    m->full_view = m->view;
    vb_clear(&m->vb);
    SDL_Rect vp = {0, 0, cam->width, cam->height};
    int upto = first_timed_layer(atlas), n = 0, rc = 0;

    /* SDL's software renderer is slow with thin blended triangles (see raster.h): there the
     * map is rasterized here, into a texture copied to the target once. */
    SDL_RendererInfo info;
    bool software = SDL_GetRendererInfo(renderer, &info) == 0 &&
                    (info.flags & SDL_RENDERER_SOFTWARE) &&
                    map_frame_texture(m, renderer, cam->width, cam->height);
    n = m->base_only ? 0
                     : atlas_overlays_at(atlas, st->t, st->fade, m->active, m->weights, MAX_ACTIVE);
    apply_emphasis(m, st, n);
    bool scaled = false;
    if (!software ||
        !map_frame_draw(m, renderer, atlas, cam, st, &view, lod, upto, n, &scaled, &rc)) {
        SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_BLEND);
        SDL_SetRenderDrawColor(renderer, st->theme->sea.r, st->theme->sea.g, st->theme->sea.b, 255);
        SDL_RenderFillRect(renderer, &vp);
        map_draw_layers(m, atlas, cam, st, &view, lod, 0, upto);
        map_draw_dynamic(m, atlas, cam, st, &view, lod, upto, n);
        rc = vb_flush(&m->vb, renderer);
    }
    if (scaled && m->text && m->plan_valid) {
        /* The labels of the last picture, moved with it at their own size. */
        float k, ox, oy;
        map_frame_transform(m, cam, &k, &ox, &oy);
        label_plan_draw(&m->plan, m->text, k, ox, oy, (float)cam->width, (float)cam->height);
    } else if (!m->base_only && m->text && text_available(m->text)) {
        uint64_t lsig = label_signature(m, atlas, cam, st, n);
        if (m->plan_valid && lsig == m->plan_sig) {
            m->counts.labels_reused++;
        } else {
            place_all_labels(m, atlas, cam, st, n);
            m->plan_sig = lsig;
            m->plan_valid = !m->plan.failed;
            m->counts.labels_placed++;
        }
        label_plan_draw(&m->plan, m->text, 1, 0, 0, (float)cam->width, (float)cam->height);
    }
    m->nblocked = 0;
    return rc;
}
