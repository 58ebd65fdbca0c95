/*
 * The atlas model: everything the map shows, loaded once from an atlas directory and then
 * read-only. Time-dependent questions (what is shown at t, which events are near t, what covers
 * a point) are pure functions of the model and t, in timeline.c, so the window, the exporter,
 * the benchmark and `wakhan query` all answer them the same way.
 *
 * Coordinates: every geometry is in the atlas's map projection (metres); `lon`/`lat` fields
 * keep the geographic position where a reader may want it.
 */
#ifndef WK_ATLAS_H
#define WK_ATLAS_H

#include <stdbool.h>

#include "core/date.h"
#include "core/diag.h"
#include "core/lang.h"
#include "core/util.h"
#include "geo/geo.h"
#include "geo/layer.h"

/* Longest text any field of an atlas, lesson or translation file may hold, in characters
 * (code points, not bytes): the longest text is an event's summary of one to three
 * sentences, and a 100 MB string in a file must not reach the renderer. */
#define ATLAS_TEXT_MAX 4000

/* Where a record was read, so that a message about a repeated id can name both copies. */
typedef struct AtlasOrigin {
    const char *file; /* borrowed from Atlas.files */
    int index;        /* its place in the file's list, a shapefile's record number, or -1 */
} AtlasOrigin;

typedef struct AtlasStyle {
    WkColor fill, stroke;
    bool has_fill, has_stroke, dash;
    float width;                     /* stroke width in screen pixels */
    double min_span_km, max_span_km; /* shown only when the view span is within; 0 = no bound */
} AtlasStyle;

typedef struct AtlasLayer {
    char *id;
    GeoLayer *geo;
    AtlasStyle style;
    int label_field; /* .dbf field used for labels, or -1 */
    /* When the .dbf has "start" and "end" fields, each feature is shown only in its span
     * (decimal years; -inf/+inf where a value is empty). NULL when the layer is timeless. */
    double *t_start, *t_end;
    AtlasOrigin origin; /* the manifest and layers[index], or the user's shapefile */
} AtlasLayer;

typedef struct AtlasPlace {
    char *id, *name, *name_zh, *name_fa, *kind;
    int rank;        /* 1 most important .. 5 */
    double x, y;     /* map metres */
    double lon, lat; /* degrees */
    int *events;     /* indices into Atlas.events, by date */
    int nevents;
    AtlasOrigin origin; /* the places layer's shapefile and record */
} AtlasPlace;

typedef struct AtlasEra {
    char *id, *name;
    char *short_name;  /* for the slider where the name does not fit ("Sui–Tang"); may be NULL */
    double start, end; /* decimal years, half-open */
    WkColor color;
    AtlasOrigin origin;
} AtlasEra;

typedef struct AtlasPolity {
    char *id, *name, *side;
    WkColor color;
    AtlasOrigin origin;
} AtlasPolity;

typedef enum AtlasKind {
    ATLAS_CONTROL,
    ATLAS_PROTECTORATE,
    ATLAS_TRIBUTARY,
    ATLAS_CLAIM,
    ATLAS_OCCUPATION,
    ATLAS_CONTESTED, /* held by nobody for sure: fought over, or between two powers */
    ATLAS_UNCLAIMED, /* held by nobody: a nomad steppe, a no man's land */
    ATLAS_ROUTE,
    ATLAS_RAIL,
    ATLAS_CORRIDOR,
    ATLAS_AIR,
    ATLAS_CABLE,
    ATLAS_SITE,
    ATLAS_KIND_COUNT
} AtlasKind;

typedef enum AtlasCertainty {
    ATLAS_CERTAIN_LOW,
    ATLAS_CERTAIN_MEDIUM,
    ATLAS_CERTAIN_HIGH
} AtlasCertainty;

typedef struct AtlasOverlay {
    char *id, *name, *note, *source;
    char *status; /* lines: planned, construction, service; else NULL */
    char *symbol; /* sites: mine, oil, ...; else NULL */
    AtlasKind kind;
    AtlasCertainty certainty;
    int polity; /* index into Atlas.polities, or -1 */
    int place;  /* index into Atlas.places, or -1 */
    WkDate start_date, end_date;
    double start, end; /* decimal years, half-open */
    int *events;       /* indices into Atlas.events, by date: as the file lists them until
                          atlas_overlay_link_events adds every event that concerns it */
    int nevents;
    bool events_linked; /* atlas_overlay_link_events has run */
    GeoShape shape;
    AtlasOrigin origin;
} AtlasOverlay;

enum {
    ATLAS_TAG_DIPLOMACY = 1 << 0,
    ATLAS_TAG_TRADE = 1 << 1,
    ATLAS_TAG_AID = 1 << 2,
    ATLAS_TAG_MILITARY = 1 << 3,
    ATLAS_TAG_SECURITY = 1 << 4,
    ATLAS_TAG_INFRASTRUCTURE = 1 << 5,
    ATLAS_TAG_RELIGION = 1 << 6,
    ATLAS_TAG_CULTURE = 1 << 7,
    ATLAS_TAG_COUNT = 8
};

typedef struct AtlasEvent {
    char *id, *title, *summary, *source;
    char *note; /* where the article and the wider record disagree; may be NULL */
    WkSpan date;
    double start, end; /* decimal years: the span's first instant and the instant after it */
    int *places;       /* indices into Atlas.places */
    int nplaces;
    unsigned tags;
    AtlasOrigin origin;
} AtlasEvent;

typedef enum AtlasFont {
    ATLAS_FONT_LATIN,
    ATLAS_FONT_CJK,
    ATLAS_FONT_ARABIC,
    ATLAS_FONT_BOLD,
    ATLAS_FONT_COUNT
} AtlasFont;

/* Id -> index into one of the atlas's record arrays (index.c). The keys are the records' own
 * id strings. */
typedef struct AtlasIndex {
    const char **keys;
    int *values;
    size_t count, cap;
} AtlasIndex;

typedef struct Atlas {
    char *manifest; /* path of atlas.json */
    char *title;
    double t_min, t_max; /* the slider's range, decimal years */
    char *projection;
    double region[4];                 /* west, south, east, north in degrees */
    GeoBox region_box;                /* the region in map metres */
    double view_x, view_y, view_span; /* opening view: centre and width, metres */
    double view_t;                    /* opening time, when has_view_t */
    bool has_view_t;
    char *fonts[ATLAS_FONT_COUNT]; /* paths, NULL when not given */

    AtlasLayer *layers;
    int nlayers;
    int places_layer; /* index into layers, or -1 */
    AtlasPlace *places;
    int nplaces;
    AtlasEra *eras;
    int neras;
    AtlasPolity *polities;
    int npolities;
    AtlasOverlay *overlays;
    int noverlays;
    char **files; /* every file records were read from, once each: AtlasOrigin.file */
    int nfiles;
    AtlasEvent *events; /* sorted by start */
    int nevents;
    /* The records by id, kept by the loaders as they add records: the atlas_*_find lookups. */
    AtlasIndex place_ids, event_ids, polity_ids, overlay_ids;

    /* Translations of the content (atlas/language.h), NULL for English and where there is none. */
    struct AtlasLanguage *languages[WK_LANG_COUNT];

    /* The mapped cache files the overlays read their levels and fills from (geo.h). */
    GeoCacheMap **cache_maps;
    int ncache_maps, cap_cache_maps;

    GeoContext *geo; /* borrowed */
    GeoProj *proj;   /* WGS 84 -> map */

    /* While the user's own data is merged over the atlas: records from this index on came
     * from the user's folder, and one that reuses a bundled record's id replaces it. */
    bool merging;
    int user_layers, user_polities, user_events, user_overlays;
} Atlas;

/* Loads the atlas from `path`: a directory holding atlas.json, or the manifest itself.
 * Problems in any file are reported in diag with the file and the place inside it; what is
 * valid still loads. Returns NULL only when the manifest itself cannot be used (missing, not
 * JSON, no usable projection). Owned by the caller: atlas_free. `geo` must outlive the atlas. */
Atlas *atlas_load(GeoContext *geo, const char *path, WkDiag *diag);

/* atlas_load, then the user's own data in `user_dir` (when not NULL and present) merged over
 * it: the shapefiles in maps/ as layers, timeline.json's polities, events.json and the
 * .geojson files in overlays/. A record whose id a bundled one already has replaces it; a new
 * id adds to the atlas. Problems name the user's file. */
Atlas *atlas_load_with_user(GeoContext *geo, const char *path, const char *user_dir, WkDiag *diag);
void atlas_free(Atlas *atlas);

/* Checks what loading does not: overlay geometry validity and extent, eras covering the time
 * range, events per era. Adds warnings and errors to diag; returns the number of errors. */
int atlas_validate(Atlas *atlas, WkDiag *diag);

/* --- lookups (by hash: constant time) --- */
int atlas_place_find(const Atlas *atlas, const char *id);
int atlas_event_find(const Atlas *atlas, const char *id);
int atlas_polity_find(const Atlas *atlas, const char *id);
int atlas_overlay_find(const Atlas *atlas, const char *id);

/* Maps `id` (borrowed; it must live as long as the index) to `value`, replacing an earlier
 * value of the same id. False when out of memory. */
bool atlas_index_put(AtlasIndex *index, const char *id, int value);
/* The value of `id`, or -1. */
int atlas_index_get(const AtlasIndex *index, const char *id);
void atlas_index_free(AtlasIndex *index);

const char *atlas_kind_name(AtlasKind kind);
bool atlas_kind_is_area(AtlasKind kind);
/* Contested and unclaimed land: areas that belong to no polity (a `polity` is optional). */
bool atlas_kind_is_unheld(AtlasKind kind);
bool atlas_kind_is_line(AtlasKind kind);
const char *atlas_tag_name(unsigned tag_bit);

/* Projects lon/lat to map metres; false when outside the projection's domain. */
bool atlas_project(const Atlas *atlas, double lon, double lat, double *x, double *y);
bool atlas_unproject(const Atlas *atlas, double x, double y, double *lon, double *lat);

/* --- time (timeline.c) --- */

/* The era containing t, or -1. */
int atlas_era_at(const Atlas *atlas, double t);

/* How visible something shown from `start` to `end` is at t: 1 inside, 0 outside, and in
 * between for a cross-fade `fade` years wide centred on each end (fade 0: a hard cut). */
double atlas_span_weight(double start, double end, double t, double fade);

/* How visible an overlay is at t: 1 inside its span, 0 outside, and in between for a
 * cross-fade `fade` years wide centred on each end (fade 0: a hard cut). */
double atlas_overlay_weight(const AtlasOverlay *overlay, double t, double fade);

/* Fills `out` with the indices of overlays whose weight at t is above zero, in file order,
 * and `weights` (may be NULL) with their weights. Returns how many; at most `max`. */
int atlas_overlays_at(const Atlas *atlas, double t, double fade, int *out, double *weights,
                      int max);

/* Indices of area overlays active at t (hard cut) that cover the map point (x, y), most
 * specific (smallest) first. Returns how many; at most `max`. */
int atlas_overlays_covering(Atlas *atlas, double t, double x, double y, int *out, int max);

/* The event nearest to t at or after `after` (exclusive) / before `before`: for stepping. -1
 * when there is none. */
int atlas_event_next(const Atlas *atlas, double t);
int atlas_event_prev(const Atlas *atlas, double t);

/* Indices of events whose span lies within `window` years of t, by date. */
int atlas_events_near(const Atlas *atlas, double t, double window, int *out, int max);

/* --- links between overlays and events (links.c) --- */

/* A place this near a route, a line or a site is on it, in metres. */
#define ATLAS_LINK_LINE_M 25000.0
#define ATLAS_LINK_SITE_M 10000.0

/* The events that concern an overlay, by date: those its file lists (`events`); those dated
 * within its span at a place inside it (an area) or near it (a line or a site); those of its
 * polity within its span, that is at a place under any territory of the same polity at the
 * event's date; and, for a site standing at a place, every event of that place. Writes at most
 * `max` event indices to `out` and returns how many there are in all (-1 when out of memory).
 * Point tests build the shapes' prepared geometry on first use, hence the non-const atlas. */
int atlas_overlay_events(Atlas *atlas, int overlay, int *out, int max);

/* Replaces overlay->events with atlas_overlay_events' list, the first time it is called for
 * that overlay (later calls return at once), so that whoever lists an overlay's events (the
 * panel) sees them all. False when out of memory: the list stays as it was loaded. */
bool atlas_overlay_link_events(Atlas *atlas, int overlay);

/* The place nearest to (x, y) in map metres, or -1 when there are none. */
int atlas_place_nearest(const Atlas *atlas, double x, double y, double *distance);

#endif
