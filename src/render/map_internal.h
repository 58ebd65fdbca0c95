/*
 * What map.c (drawing the passes and placing labels) and map_frame.c (the pictures the
 * software path keeps between frames) share: the renderer's state and the passes. Private to
 * render/.
 */
#ifndef WK_MAP_INTERNAL_H
#define WK_MAP_INTERNAL_H

#include "render/label_plan.h"
#include "render/map.h"
#include "render/names.h"

#include <stdint.h>
#include <string.h>

#define MAX_ACTIVE 1024
/* Pixels around the view within which a part's stroke may still reach into it. */
#define STROKE_MARGIN_PX 16

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

/* Digests (FNV-style, mixed so nearby values spread). */
static inline uint64_t mix(uint64_t h, uint64_t v)
{
    h = (h ^ v) * 0x100000001b3ull;
    return h ^ (h >> 29);
}

static inline uint64_t mix_double(uint64_t h, double d)
{
    uint64_t bits;
    memcpy(&bits, &d, sizeof bits);
    return mix(h, bits);
}

static inline uint64_t mix_float(uint64_t h, float f)
{
    uint32_t bits;
    memcpy(&bits, &f, sizeof bits);
    return mix(h, bits);
}

/* The passes (map.c), appended to m->vb: base layers from..to-1; everything above the
 * timeless layers (timed layers from `from`, the `n` active overlays, lines, sites, places);
 * and each of the last three alone. */
void map_draw_layers(MapRenderer *m, Atlas *atlas, const Camera *cam, const MapState *st,
                     const GeoBox *view, int lod, int from, int to);
void map_draw_dynamic(MapRenderer *m, Atlas *atlas, const Camera *cam, const MapState *st,
                      const GeoBox *view, int lod, int from, int n);
void map_draw_areas(MapRenderer *m, Atlas *atlas, const Camera *cam, const MapState *st,
                    const GeoBox *view, int lod, int n);
void map_draw_lines(MapRenderer *m, Atlas *atlas, const Camera *cam, const MapState *st,
                    const GeoBox *view, int lod, int n);
/* With `reserve`, only keeps the symbols' and dots' boxes free of labels. */
void map_draw_sites_and_places(MapRenderer *m, Atlas *atlas, const Camera *cam, const MapState *st,
                               int n, bool reserve);

/* The software path (map_frame.c). The streaming texture, made or remade for this size; false
 * when it cannot be made (the frame is then drawn through SDL). */
bool map_frame_texture(MapRenderer *m, SDL_Renderer *renderer, int w, int h);
/* Draws the map's picture into the texture and copies it to the target, keeping what it can:
 * the whole last frame, the last frame moved (a pan), scaled (a zoom gesture: *scaled is then
 * set), or with only the selection drawn anew. `upto` is the first timed layer, `n` the
 * active overlays in m->active. False when the texture could not be locked (nothing drawn);
 * otherwise *rc is 0 or SDL's error code. */
bool map_frame_draw(MapRenderer *m, SDL_Renderer *renderer, Atlas *atlas, const Camera *cam,
                    const MapState *st, const GeoBox *view, int lod, int upto, int n, bool *scaled,
                    int *rc);
/* Where the texture's pixel (x, y) lies in the view of `cam`: at (k x + ox, k y + oy). */
void map_frame_transform(const MapRenderer *m, const Camera *cam, float *k, float *ox, float *oy);

#endif
