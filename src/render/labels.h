/*
 * Label placement: labels are offered in priority order and each takes the first candidate
 * position that overlaps nothing placed before it, or is dropped. Pure geometry, no SDL.
 */
#ifndef WK_LABELS_H
#define WK_LABELS_H

#include <stdbool.h>

typedef struct LabelBox {
    float x, y, w, h;
} LabelBox;

typedef struct LabelPlacer {
    LabelBox *boxes;
    int count, capacity;
    LabelBox bounds; /* labels must lie inside; w or h 0 for no bound */
} LabelPlacer;

void labels_init(LabelPlacer *lp);
void labels_free(LabelPlacer *lp);
/* Forgets every placed box and sets the area labels must stay in. */
void labels_reset(LabelPlacer *lp, float width, float height);

bool labels_overlaps(const LabelPlacer *lp, const LabelBox *box);
/* Places the box if it overlaps nothing; true when placed. */
bool labels_take(LabelPlacer *lp, const LabelBox *box);
/* Reserves a box (a UI panel, a symbol) whatever it overlaps. */
void labels_block(LabelPlacer *lp, const LabelBox *box);

/* Tries the positions around a point in reading order of preference: right, left, above,
 * below, the upper and lower corners. `gap` is the distance from the point. On success writes
 * the chosen box. */
bool labels_place_at_point(LabelPlacer *lp, float px, float py, float w, float h, float gap,
                           LabelBox *out);
/* Tries a box centred on (cx, cy), then nudged up and down by half its height. */
bool labels_place_centered(LabelPlacer *lp, float cx, float cy, float w, float h, LabelBox *out);

#endif
