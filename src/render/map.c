/*
 * One frame of the map. Geometry is culled by bounding box, drawn at the level of detail the
 * scale calls for, transformed to screen space into reused buffers, and sent to SDL in a few
 * large SDL_RenderGeometry calls (one per drawing pass), never one call per feature.
 *
 * Passes, bottom to top: sea, base layer fills and strokes, territory fills, hatching and
 * borders (largest first, so smaller areas stay visible on top), lines (rail, corridors),
 * sites, places, then labels in priority order.
 */
#include "map.h"
#include "label_plan.h"
#include "names.h"
#include "picture.h"
#include "raster.h"

#include "atlas/language.h"
#include "core/i18n.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ACTIVE 1024
/* Pixels around the view within which a part's stroke may still reach into it. */
#define STROKE_MARGIN_PX 16
/* A zoom gesture scales the last picture within these bounds; beyond them (a picture shrunk to a
 * third of the view and ringed with sea, or pixels grown blocky) a frame is drawn anew and the
 * gesture goes on from it. */
#define PREVIEW_MIN_SCALE 0.6
#define PREVIEW_MAX_SCALE 2.5
/* The least space between two labels, so that neighbours never read as one name. */
#define LABEL_PADDING_PX 3
/* Places of rank r appear when the view is narrower than this many km. */
static const double rank_span_km[6] = {0, 1e9, 9000, 5000, 2500, 1200};

/* An active area and its size, for drawing the largest first. */
typedef struct Ranked {
    double area;
    int idx;
    double weight;
} Ranked;

/* What the picture of the timeless base layers depends on. */
typedef struct StaticKey {
    const Atlas *atlas;
    const Theme *theme;
    double cx, cy, scale;
    int width, height, layers;
    float ui_scale;
} StaticKey;

static bool static_key_equal(const StaticKey *a, const StaticKey *b)
{
    return a->atlas == b->atlas && a->theme == b->theme && a->cx == b->cx && a->cy == b->cy &&
           a->scale == b->scale && a->width == b->width && a->height == b->height &&
           a->layers == b->layers && a->ui_scale == b->ui_scale;
}

struct MapRenderer {
    TextCache *text;
    VertexBuffer vb;
    LabelPlacer labels;
    float *pts;
    int cap_pts;
    int active[MAX_ACTIVE];
    double weights[MAX_ACTIVE];
    Ranked ranked[MAX_ACTIVE];
    LabelBox blocked[4];
    int nblocked;
    MapNamer *names; /* territory and country names */
    /* The labels last placed, what they were placed for (label_signature) and the view they
     * were placed in. */
    LabelPlan plan;
    uint64_t plan_sig;
    bool plan_valid;
    bool static_cache, base_only;
    bool focus_only; /* drawing the decoration of the selection and hover alone */
    /* The selection and hover as drawn over the texture's picture, the box they changed and
     * the pixels that were under it (put_on_focus). */
    int focus_key[4];
    SDL_Rect focus_box;
    uint32_t *under;
    size_t under_cap;
    GeoBox view; /* the visible map with a margin for strokes: parts outside are skipped */
    /* The same for the whole frame, when `view` is only a strip of it (see shift_frame). */
    GeoBox full_view;
    /* Software renderer: the map is rasterized by raster.c into this streaming texture. */
    SDL_Texture *texture;
    SDL_Renderer *texture_owner;
    int texture_w, texture_h;
    /* During a zoom gesture: the last picture scaled (made on first use), and a column table. */
    SDL_Texture *scaled;
    int *columns;
    /* The timeless base layers as last drawn, and what they were drawn for. */
    uint32_t *base;
    StaticKey base_key;
    bool base_valid;
    /* The digest of what the texture shows (frame_signature) and the view it shows. */
    uint64_t frame_sig;
    double frame_cx, frame_cy, frame_scale;
    bool frame_valid;
    MapFrameCounts counts;
};

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
static void draw_layers(MapRenderer *m, Atlas *atlas, const Camera *cam, const MapState *st,
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

static void draw_areas(MapRenderer *m, Atlas *atlas, const Camera *cam, const MapState *st,
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

static void draw_lines(MapRenderer *m, Atlas *atlas, const Camera *cam, const MapState *st,
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
static void draw_sites_and_places(MapRenderer *m, Atlas *atlas, const Camera *cam,
                                  const MapState *st, int n, bool reserve)
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
    draw_sites_and_places(m, atlas, cam, st, n, true);
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
            names_feature_point(m->names, atlas, l, i, &gx, &gy);
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

/* The streaming texture the software path draws into, made or remade for this size. */
static bool ensure_texture(MapRenderer *m, SDL_Renderer *renderer, int w, int h)
{
    if (m->texture && m->texture_owner == renderer && m->texture_w == w && m->texture_h == h)
        return true;
    if (m->texture)
        SDL_DestroyTexture(m->texture);
    if (m->scaled)
        SDL_DestroyTexture(m->scaled);
    m->scaled = NULL;
    free(m->columns);
    m->columns = NULL;
    free(m->base);
    m->base = NULL;
    m->base_valid = m->frame_valid = false;
    m->focus_box.w = 0;
    m->texture =
        SDL_CreateTexture(renderer, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STREAMING, w, h);
    if (!m->texture)
        return false;
    SDL_SetTextureBlendMode(m->texture, SDL_BLENDMODE_NONE);
    m->texture_owner = renderer;
    m->texture_w = w;
    m->texture_h = h;
    return true;
}

/* The sea and the timeless base layers into `r`: from the kept picture when the view has not
 * changed since it was drawn. */
static void draw_static(MapRenderer *m, Raster *r, Atlas *atlas, const Camera *cam,
                        const MapState *st, const GeoBox *view, int lod, int upto)
{
    StaticKey key = {atlas,      st->theme,   cam->cx, cam->cy,     cam->scale,
                     cam->width, cam->height, upto,    st->ui_scale};
    if (m->static_cache && !m->base)
        m->base = malloc(sizeof *m->base * (size_t)r->width * (size_t)r->height);
    if (!m->static_cache || !m->base) {
        raster_fill(r, st->theme->sea);
        draw_layers(m, atlas, cam, st, view, lod, 0, upto);
        vb_flush_raster(&m->vb, r);
        return;
    }
    if (!m->base_valid || !static_key_equal(&key, &m->base_key)) {
        Raster b = {m->base, r->width, r->height, r->width};
        raster_fill(&b, st->theme->sea);
        draw_layers(m, atlas, cam, st, view, lod, 0, upto);
        vb_flush_raster(&m->vb, &b);
        m->base_key = key;
        m->base_valid = true;
    }
    picture_copy(r->px, r->stride, m->base, r->width, r->width, r->height);
}

/* Everything above the timeless layers: timed base layers, then the `n` active overlays
 * (m->active), lines, sites and places, appended to m->vb. */
static void draw_dynamic(MapRenderer *m, Atlas *atlas, const Camera *cam, const MapState *st,
                         const GeoBox *view, int lod, int from, int n)
{
    draw_layers(m, atlas, cam, st, view, lod, from, atlas->nlayers);
    if (m->base_only)
        return;
    draw_areas(m, atlas, cam, st, view, lod, n);
    draw_lines(m, atlas, cam, st, view, lod, n);
    draw_sites_and_places(m, atlas, cam, st, n, false);
}

static uint64_t mix(uint64_t h, uint64_t v)
{
    h = (h ^ v) * 0x100000001b3ull;
    return h ^ (h >> 29);
}

static uint64_t mix_double(uint64_t h, double d)
{
    uint64_t bits;
    memcpy(&bits, &d, sizeof bits);
    return mix(h, bits);
}

/* A digest of everything the map's geometry depends on in this frame but the view's centre and
 * scale (kept beside it: a pan shifts the picture, a zoom gesture scales it): the size of the
 * view, the theme,
 * and which overlays and timed features show with what weight (to 1/1024, finer
 * than a colour step). While the slider moves through a stretch where nothing starts or ends,
 * it stays the same and the last picture is reused as it is. */
static uint64_t frame_signature(const MapRenderer *m, const Atlas *atlas, const Camera *cam,
                                const MapState *st, int upto, int n)
{
    uint64_t h = 0xcbf29ce484222325ull;
    h = mix(h, (uint64_t)(uintptr_t)atlas);
    h = mix(h, (uint64_t)(uintptr_t)st->theme);
    h = mix(mix(h, (uint64_t)cam->width), (uint64_t)cam->height);
    h = mix_double(h, st->ui_scale);
    h = mix(h, (uint64_t)m->base_only << 32 | (uint32_t)upto);
    for (int l = upto; l < atlas->nlayers; l++) {
        const AtlasLayer *layer = &atlas->layers[l];
        for (int i = 0; layer->t_start && i < layer->geo->count; i++)
            h = mix(h, (uint64_t)(1024 * atlas_span_weight(layer->t_start[i], layer->t_end[i],
                                                           st->t, st->fade)));
    }
    for (int i = 0; i < n; i++)
        h = mix(h, (uint64_t)m->active[i] << 32 | (uint32_t)(1024 * m->weights[i]) |
                       (uint32_t)(st->emphasis && st->emphasis[m->active[i]] > 0) << 31);
    return mix(h, (uint64_t)n);
}

static uint64_t mix_float(uint64_t h, float f)
{
    uint32_t bits;
    memcpy(&bits, &f, sizeof bits);
    return mix(h, bits);
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

/* The whole pixels by which the picture moved from a view centred on (ocx, ocy) to `cam`, when
 * it moved by whole pixels (as a drag does) and less than the view's size. */
static bool pixel_shift(const Camera *cam, double ocx, double ocy, int *dx, int *dy)
{
    double fx = (ocx - cam->cx) * cam->scale, fy = (cam->cy - ocy) * cam->scale;
    double rx = round(fx), ry = round(fy);
    if (fabs(fx - rx) > 1e-3 || fabs(fy - ry) > 1e-3 || fabs(rx) >= cam->width ||
        fabs(ry) >= cam->height)
        return false;
    *dx = (int)rx, *dy = (int)ry;
    return true;
}

static GeoBox box_intersection(const GeoBox *a, const GeoBox *b)
{
    return (GeoBox){fmax(a->minx, b->minx), fmax(a->miny, b->miny), fmin(a->maxx, b->maxx),
                    fmin(a->maxy, b->maxy)};
}

/* Draws one strip of the frame newly in view after a pan: the base layers into the kept base
 * picture, that into the frame, then everything above. Only what can reach the strip is drawn
 * (culling by the strip and its stroke margin, within the frame's view), and only the strip's
 * pixels change, each exactly as a full redraw would make it. */
static void draw_strip(MapRenderer *m, Raster *r, const SDL_Rect *clip, Atlas *atlas,
                       const Camera *cam, const MapState *st, const GeoBox *view, int lod, int upto,
                       int n)
{
    double margin = STROKE_MARGIN_PX * st->ui_scale / cam->scale;
    GeoBox strip;
    camera_to_map(cam, clip->x, clip->y + clip->h, &strip.minx, &strip.miny);
    camera_to_map(cam, clip->x + clip->w, clip->y, &strip.maxx, &strip.maxy);
    strip = (GeoBox){strip.minx - margin, strip.miny - margin, strip.maxx + margin,
                     strip.maxy + margin};
    GeoBox features = box_intersection(&strip, view);
    m->view = box_intersection(&strip, &m->full_view);
    Raster b = {m->base, r->width, r->height, r->width};
    raster_fill_clipped(&b, clip, st->theme->sea);
    draw_layers(m, atlas, cam, st, &features, lod, 0, upto);
    vb_flush_raster_clipped(&m->vb, &b, clip);
    picture_copy(r->px + (size_t)clip->y * r->stride + clip->x, r->stride,
                 m->base + (size_t)clip->y * r->width + clip->x, r->width, clip->w, clip->h);
    draw_dynamic(m, atlas, cam, st, &features, lod, upto, n);
    vb_flush_raster_clipped(&m->vb, r, clip);
}

/* After a drag of whole pixels with nothing else changed, moves the last frame (and the kept
 * base picture) and draws only the strips that came into view: a pan then costs about what
 * its new pixels cost, not a whole frame. False when the frame cannot be moved (it is drawn
 * whole). `r` is the locked texture, which the software renderer keeps between frames. */
static bool shift_frame(MapRenderer *m, Raster *r, Atlas *atlas, const Camera *cam,
                        const MapState *st, const GeoBox *view, int lod, int upto, int n)
{
    int dx, dy;
    StaticKey old = {atlas,      st->theme,   m->frame_cx, m->frame_cy, cam->scale,
                     cam->width, cam->height, upto,        st->ui_scale};
    if (!m->base || !m->base_valid || !static_key_equal(&old, &m->base_key) ||
        !pixel_shift(cam, m->frame_cx, m->frame_cy, &dx, &dy))
        return false;
    int w = cam->width, h = cam->height;
    picture_shift(r->px, r->stride, w, h, dx, dy);
    picture_shift(m->base, w, w, h, dx, dy);
    /* The rows that came into view across the whole width, then the columns beside the rest. */
    SDL_Rect rows = {0, dy > 0 ? 0 : h + dy, w, abs(dy)};
    SDL_Rect cols = {dx > 0 ? 0 : w + dx, dy > 0 ? dy : 0, abs(dx), h - abs(dy)};
    if (rows.h > 0)
        draw_strip(m, r, &rows, atlas, cam, st, view, lod, upto, n);
    if (cols.w > 0 && cols.h > 0)
        draw_strip(m, r, &cols, atlas, cam, st, view, lod, upto, n);
    m->view = m->full_view;
    m->base_key.cx = cam->cx, m->base_key.cy = cam->cy;
    return true;
}

/* Takes the selection's decoration off the picture in `r`, putting back what was under it. */
static void take_off_focus(MapRenderer *m, Raster *r)
{
    SDL_Rect *b = &m->focus_box;
    if (b->w > 0 && b->h > 0)
        picture_copy(r->px + (size_t)b->y * (size_t)r->stride + b->x, r->stride, m->under, b->w,
                     b->w, b->h);
    b->w = b->h = 0;
}

/* Draws the selection and hover over the picture in `r` (the picture drawn without them): the
 * highlighted edge of an area, the halo under a line, a site or a place with the item drawn
 * again over it, as a frame drawn with them in focus adds them, but above everything else.
 * The pixels under it are kept, so a new selection or hover costs its own box, not a frame. */
static void put_on_focus(MapRenderer *m, Raster *r, Atlas *atlas, const Camera *cam,
                         const MapState *st, const GeoBox *view, int lod, int n)
{
    if (m->base_only || (st->selected_place < 0 && st->selected_overlay < 0 &&
                         st->hover_place < 0 && st->hover_overlay < 0))
        return;
    vb_clear(&m->vb);
    m->focus_only = true;
    draw_areas(m, atlas, cam, st, view, lod, n);
    draw_lines(m, atlas, cam, st, view, lod, n);
    draw_sites_and_places(m, atlas, cam, st, n, false);
    m->focus_only = false;
    float x0 = (float)r->width, y0 = (float)r->height, x1 = 0, y1 = 0;
    for (int i = 0; i < m->vb.nv; i++) {
        SDL_FPoint p = m->vb.v[i].position;
        x0 = p.x < x0 ? p.x : x0, y0 = p.y < y0 ? p.y : y0;
        x1 = p.x > x1 ? p.x : x1, y1 = p.y > y1 ? p.y : y1;
    }
    /* A pixel beyond the vertices on each side: sampling is at pixel centres. */
    int bx0 = x0 - 1 > 0 ? (int)(x0 - 1) : 0, by0 = y0 - 1 > 0 ? (int)(y0 - 1) : 0;
    int bx1 = x1 + 2 < r->width ? (int)(x1 + 2) : r->width,
        by1 = y1 + 2 < r->height ? (int)(y1 + 2) : r->height;
    SDL_Rect b = {bx0, by0, bx1 - bx0, by1 - by0};
    size_t need = b.w > 0 && b.h > 0 ? (size_t)b.w * (size_t)b.h : 0;
    if (need > m->under_cap) {
        uint32_t *grown = realloc(m->under, sizeof *grown * need);
        if (!grown) { /* it could not be taken off again: the next frame is drawn whole */
            m->frame_valid = false;
            need = 0;
        } else {
            m->under = grown;
            m->under_cap = need;
        }
    }
    if (need == 0) {
        vb_clear(&m->vb);
        return;
    }
    picture_copy(m->under, b.w, r->px + (size_t)b.y * (size_t)r->stride + b.x, r->stride, b.w, b.h);
    vb_flush_raster_clipped(&m->vb, r, &b);
    m->focus_box = b;
}

/* Where the last picture's pixel (x, y) lies in the view of `cam`: at (k x + ox, k y + oy). */
static void frame_transform(const MapRenderer *m, const Camera *cam, float *k, float *ox, float *oy)
{
    double a = cam->scale / m->frame_scale;
    *k = (float)a;
    *ox = (float)(cam->width * 0.5 * (1 - a) + (m->frame_cx - cam->cx) * cam->scale);
    *oy = (float)(cam->height * 0.5 * (1 - a) + (cam->cy - m->frame_cy) * cam->scale);
}

/* The last picture, scaled and moved to the view of `cam` (nearest pixel: it stands in for a
 * fraction of a second), the sea where it does not reach, into a second texture: the first
 * keeps the picture for the next frame of the gesture. SDL 2.26's own scaled copy was measured
 * and rejected: 40-230 ms at 1080p whenever the scaled picture overhangs the target. */
static int draw_scaled(MapRenderer *m, SDL_Renderer *renderer, const Camera *cam,
                       const MapState *st, const SDL_Rect *vp)
{
    int w = m->texture_w, h = m->texture_h;
    if (!m->scaled) {
        m->scaled = SDL_CreateTexture(renderer, SDL_PIXELFORMAT_ARGB8888,
                                      SDL_TEXTUREACCESS_STREAMING, w, h);
        if (!m->scaled)
            return -1;
        SDL_SetTextureBlendMode(m->scaled, SDL_BLENDMODE_NONE);
    }
    if (!m->columns && !(m->columns = malloc(sizeof *m->columns * (size_t)w)))
        return SDL_OutOfMemory();
    void *from, *to;
    int from_pitch, to_pitch;
    if (SDL_LockTexture(m->texture, NULL, &from, &from_pitch) != 0)
        return -1;
    if (SDL_LockTexture(m->scaled, NULL, &to, &to_pitch) != 0) {
        SDL_UnlockTexture(m->texture);
        return -1;
    }
    float k, ox, oy;
    frame_transform(m, cam, &k, &ox, &oy);
    Raster src = {from, w, h, from_pitch / (int)sizeof(uint32_t)};
    Raster dst = {to, w, h, to_pitch / (int)sizeof(uint32_t)};
    SDL_Color sea = st->theme->sea;
    picture_scale(&dst, &src, k, ox, oy,
                  0xFF000000u | (uint32_t)sea.r << 16 | (uint32_t)sea.g << 8 | sea.b, m->columns);
    SDL_UnlockTexture(m->scaled);
    SDL_UnlockTexture(m->texture);
    return SDL_RenderCopy(renderer, m->scaled, NULL, vp);
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
    void *pixels = NULL;
    int pitch = 0;
    bool software = SDL_GetRendererInfo(renderer, &info) == 0 &&
                    (info.flags & SDL_RENDERER_SOFTWARE) &&
                    ensure_texture(m, renderer, cam->width, cam->height);
    n = m->base_only ? 0
                     : atlas_overlays_at(atlas, st->t, st->fade, m->active, m->weights, MAX_ACTIVE);
    apply_emphasis(m, st, n);
    /* On software targets the picture is drawn without the selection and hover, which are
     * drawn over it (put_on_focus): a click does not redraw the map. */
    MapState plain = *st;
    plain.selected_place = plain.selected_overlay = plain.hover_place = plain.hover_overlay = -1;
    int focus[4] = {st->selected_place, st->selected_overlay, st->hover_place, st->hover_overlay};
    bool focus_same = !memcmp(focus, m->focus_key, sizeof focus);
    uint64_t sig = software ? frame_signature(m, atlas, cam, &plain, upto, n) : 0;
    bool same_sig = software && m->frame_valid && sig == m->frame_sig && m->static_cache;
    bool same = same_sig && cam->scale == m->frame_scale;
    bool still = same && cam->cx == m->frame_cx && cam->cy == m->frame_cy;
    int dx, dy;
    bool scaled = false;
    if (still && focus_same) {
        /* Nothing on the map changed: the texture still holds it. */
        m->counts.reused++;
        rc = SDL_RenderCopy(renderer, m->texture, NULL, &vp);
    } else if (same_sig && st->preview && cam->scale >= PREVIEW_MIN_SCALE * m->frame_scale &&
               cam->scale <= PREVIEW_MAX_SCALE * m->frame_scale &&
               !(same && pixel_shift(cam, m->frame_cx, m->frame_cy, &dx, &dy))) {
        /* A zoom gesture: the last picture scaled stands for the map until it settles. */
        m->counts.scaled++;
        scaled = true;
        rc = draw_scaled(m, renderer, cam, st, &vp);
    } else if (software && SDL_LockTexture(m->texture, NULL, &pixels, &pitch) == 0) {
        Raster r = {pixels, cam->width, cam->height, pitch / (int)sizeof(uint32_t)};
        take_off_focus(m, &r);
        if (still) {
            m->counts.refocused++;
        } else if (same && shift_frame(m, &r, atlas, cam, &plain, &view, lod, upto, n)) {
            m->counts.shifted++;
        } else {
            m->counts.whole++;
            draw_static(m, &r, atlas, cam, &plain, &view, lod, upto);
            draw_dynamic(m, atlas, cam, &plain, &view, lod, upto, n);
            vb_flush_raster(&m->vb, &r);
        }
        memcpy(m->focus_key, focus, sizeof focus);
        m->frame_valid = !m->vb.failed;
        put_on_focus(m, &r, atlas, cam, st, &view, lod, n);
        SDL_UnlockTexture(m->texture);
        m->frame_sig = sig;
        m->frame_cx = cam->cx, m->frame_cy = cam->cy, m->frame_scale = cam->scale;
        m->frame_valid = m->frame_valid && !m->vb.failed;
        rc = SDL_RenderCopy(renderer, m->texture, NULL, &vp);
    } else {
        SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_BLEND);
        SDL_SetRenderDrawColor(renderer, st->theme->sea.r, st->theme->sea.g, st->theme->sea.b, 255);
        SDL_RenderFillRect(renderer, &vp);
        draw_layers(m, atlas, cam, st, &view, lod, 0, upto);
        draw_dynamic(m, atlas, cam, st, &view, lod, upto, n);
        rc = vb_flush(&m->vb, renderer);
    }
    if (scaled && m->text && m->plan_valid) {
        /* The labels of the last picture, moved with it at their own size. */
        float k, ox, oy;
        frame_transform(m, cam, &k, &ox, &oy);
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
