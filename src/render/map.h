/*
 * Drawing the map for one frame: base layers, the overlays active at the time shown (with
 * their cross-fade weights), sites, places and labels. The window and the exporter both call
 * map_draw; they differ only in the renderer they pass.
 */
#ifndef WK_MAP_H
#define WK_MAP_H

#include <SDL.h>

#include "atlas/atlas.h"
#include "render/camera.h"
#include "render/geometry.h"
#include "render/labels.h"
#include "render/text.h"
#include "render/theme.h"

/* The language of place labels: a class in Kabul or in Beijing may want its own. */
typedef enum MapNames {
    MAP_NAMES_ENGLISH,
    MAP_NAMES_CHINESE,
    MAP_NAMES_DARI,
    MAP_NAMES_COUNT
} MapNames;

typedef struct MapState {
    double t;    /* the time shown, decimal years */
    double fade; /* width of border cross-fades, in years */
    const Theme *theme;
    float ui_scale;                       /* 1 at 96 dpi; labels and strokes scale with it */
    int selected_place, selected_overlay; /* -1 for none */
    int hover_place, hover_overlay;
    MapNames names; /* which names label the places */
    WkLang lang;    /* the language of the territories' names */
    /* Per overlay: 1 drawn as in focus, -1 faint, 0 as usual (a lesson's stop); NULL: none. */
    const signed char *emphasis;
    /* A zoom gesture is under way: on software targets the last picture, scaled to the view,
     * may stand for the map (labels moved with it) until a frame without it draws it anew. */
    bool preview;
} MapState;

typedef struct MapRenderer MapRenderer;

/* `text` is borrowed and may be NULL (no labels). Owned by the caller: map_renderer_destroy. */
MapRenderer *map_renderer_create(TextCache *text);

/* How the software path made its frames so far: drawn whole, moved with strips drawn (a pan),
 * reused as they were, scaled, or kept with a new selection drawn over them; and how often the
 * labels were placed anew or drawn again as last placed. For tests and the benchmark. */
typedef struct MapFrameCounts {
    int whole, shifted, reused, scaled; /* scaled: the last picture stood for a zoom (preview) */
    int refocused; /* the picture kept, only the selection or hover drawn anew over it */
    int labels_placed, labels_reused;
} MapFrameCounts;
MapFrameCounts map_renderer_counts(const MapRenderer *m);
void map_renderer_destroy(MapRenderer *m);

/* Whether timeless base layers may be drawn once into a texture and reused while the camera
 * stays still (on by default). Off, every frame draws them from geometry. */
void map_renderer_set_static_cache(MapRenderer *m, bool on);
/* Base layers alone: no overlays, places or labels (for benchmarks against other renderers). */
void map_renderer_set_base_only(MapRenderer *m, bool on);

/* Draws the map into the camera's viewport. Returns 0, or SDL's error code. */
int map_draw(MapRenderer *m, SDL_Renderer *renderer, Atlas *atlas, const Camera *cam,
             const MapState *state);

/* Labels the map placed in the last frame can keep the interface clear: blocks an area (for
 * example the side panel) from labels in the next frame. */
void map_block_area(MapRenderer *m, float x, float y, float w, float h);

/* A place's name in the chosen language, or its English name when that one is unknown. */
const char *map_place_name(const AtlasPlace *p, MapNames names);
/* "English", "Chinese", "Dari / Pashto". */
const char *map_names_label(MapNames names);

/* Whether an area kind is drawn hatched over a faint fill (protectorates, tributaries, claims,
 * contested and unclaimed land) rather than filled (control, occupation). */
bool map_kind_hatched(AtlasKind kind);

/* The colour of an overlay: its polity's, or one by kind for lines, sites and land nobody
 * holds (greys). */
SDL_Color map_overlay_color(const Atlas *atlas, const AtlasOverlay *o);

/* Pixels around a place or site symbol that count as a hit. */
float map_place_radius(const AtlasPlace *p, float ui_scale);

/* Screen radius within which a place is drawn at all at this zoom: places of a rank the view
 * is too wide for are hidden. */
bool map_place_visible(const AtlasPlace *p, const Camera *cam);

/* Draws a site symbol (for the legend too). */
void map_symbol(VertexBuffer *vb, const char *symbol, float x, float y, float size, SDL_Color color,
                SDL_Color outline);

#endif
