/*
 * Label placement: labels are offered in priority order and each takes the first candidate
 * position that overlaps nothing placed before it, or is dropped. Boxes side by side keep
 * `padding` pixels apart, so two names never read as one ("Karakoram Southern Tarim route"). A name
 * at a point is always within its `gap` of the point, or not drawn. Pure geometry, no SDL.
 */
#ifndef WK_LABELS_H
#define WK_LABELS_H

#include <stdbool.h>

typedef struct LabelBox {
    float x, y, w, h;
} LabelBox;

typedef struct LabelPlacer {
    LabelBox *boxes;
    bool *named; /* per box: a name placed by labels_take (padded), not a reserved symbol */
    int count, capacity;
    LabelBox bounds; /* labels must lie inside; w or h 0 for no bound */
    float padding;   /* the least space between two boxes side by side, in pixels */
    float *dots;     /* x, y of every dot a name may belong to */
    int ndots, dot_capacity;
} LabelPlacer;

/* A coarse picture of an area on the screen, for naming it within the part that is in view:
 * cells of `cell` pixels from the top left, set where the area covers a cell's centre. */
typedef struct LabelSpot {
    LabelBox box;
    float distance; /* from the point the label would rather be at */
    int order;      /* found order: of two spots as near, the first found is tried first */
} LabelSpot;

typedef struct LabelMask {
    unsigned char *on;
    int *sum;         /* summed-area table of `on`, (cols + 1) * (rows + 1) */
    LabelSpot *spots; /* candidate boxes, scratch */
    int cols, rows, capacity, spot_capacity;
    float cell;
    bool summed;
} LabelMask;

void labels_init(LabelPlacer *lp);
void labels_free(LabelPlacer *lp);
/* Forgets every placed box and sets the area labels must stay in. */
void labels_reset(LabelPlacer *lp, float width, float height);
/* Sets the least space between boxes side by side (0 after labels_init). */
void labels_set_padding(LabelPlacer *lp, float padding);

bool labels_overlaps(const LabelPlacer *lp, const LabelBox *box);
/* Places the box if it overlaps nothing; true when placed. */
bool labels_take(LabelPlacer *lp, const LabelBox *box);
/* Forgets the box placed last (to undo a placement the caller rejects after all). */
void labels_pop(LabelPlacer *lp);
/* Records a dot (a place, a site) that names at points must not seem to belong to: a name
 * at a point is only placed where no other dot is nearer to it than its own. */
void labels_add_dot(LabelPlacer *lp, float x, float y);
/* Reserves a box (a UI panel, a symbol) whatever it overlaps. */
void labels_block(LabelPlacer *lp, const LabelBox *box);

/* Tries the positions around a point in reading order of preference: right, left, above,
 * below, the right corners, the left corners; every one within `gap` of the point, and never
 * at under half that distance from another dot recorded with labels_add_dot. `gap` is the distance
 * from the point. On success writes the chosen box. */
bool labels_place_at_point(LabelPlacer *lp, float px, float py, float w, float h, float gap,
                           LabelBox *out);
/* For the selected place, whose name must show: labels_place_at_point, and when no position is
 * free, the first of the same positions whose only obstacles are other places' dots (a box
 * reserved with labels_block and centred on a dot recorded with labels_add_dot). The name may
 * then cover a neighbour's dot, never another name, a symbol or an area kept clear. */
bool labels_place_over_dots(LabelPlacer *lp, float px, float py, float w, float h, float gap,
                            LabelBox *out);
/* Tries a box centred on (cx, cy), then nudged up and down by half its height. */
bool labels_place_centered(LabelPlacer *lp, float cx, float cy, float w, float h, LabelBox *out);

/* The distance from a point to the nearest point of a box (0 inside it). */
float labels_box_distance(const LabelBox *box, float px, float py);

void labels_mask_init(LabelMask *mask);
void labels_mask_free(LabelMask *mask);
/* Clears the mask to cover a width x height screen in cells of `cell` pixels. False when out
 * of memory (the mask is then empty). */
bool labels_mask_reset(LabelMask *mask, float width, float height, float cell);
/* Sets the cells whose centres lie in the triangle (screen pixels, either winding). */
void labels_mask_triangle(LabelMask *mask, const float xy[6]);
/* How many cells are set. */
int labels_mask_count(LabelMask *mask);
/* Places a w x h box wholly over set cells and clear of placed labels, as near (px, py) as it
 * can. Returns false when no such spot exists (the area in view is smaller than the box, or
 * every spot is taken). */
bool labels_place_in_mask(LabelPlacer *lp, LabelMask *mask, float px, float py, float w, float h,
                          LabelBox *out);

#endif
