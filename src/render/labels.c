/*
 * Greedy placement. The number of labels on screen is small (hundreds), so a linear scan of
 * the placed boxes is cheaper than maintaining a spatial index.
 */
#include "labels.h"

#include <stdlib.h>

void labels_init(LabelPlacer *lp)
{
    lp->boxes = NULL;
    lp->count = lp->capacity = 0;
    lp->bounds = (LabelBox){0, 0, 0, 0};
}

void labels_free(LabelPlacer *lp)
{
    free(lp->boxes);
    labels_init(lp);
}

void labels_reset(LabelPlacer *lp, float width, float height)
{
    lp->count = 0;
    lp->bounds = (LabelBox){0, 0, width, height};
}

static bool intersect(const LabelBox *a, const LabelBox *b)
{
    return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h && b->y < a->y + a->h;
}

static bool inside_bounds(const LabelPlacer *lp, const LabelBox *b)
{
    if (lp->bounds.w <= 0 || lp->bounds.h <= 0)
        return true;
    return b->x >= lp->bounds.x && b->y >= lp->bounds.y &&
           b->x + b->w <= lp->bounds.x + lp->bounds.w && b->y + b->h <= lp->bounds.y + lp->bounds.h;
}

bool labels_overlaps(const LabelPlacer *lp, const LabelBox *box)
{
    for (int i = 0; i < lp->count; i++)
        if (intersect(&lp->boxes[i], box))
            return true;
    return false;
}

void labels_block(LabelPlacer *lp, const LabelBox *box)
{
    if (lp->count == lp->capacity) {
        int cap = lp->capacity ? lp->capacity * 2 : 256;
        LabelBox *grown = realloc(lp->boxes, sizeof *grown * (size_t)cap);
        if (!grown)
            return;
        lp->boxes = grown;
        lp->capacity = cap;
    }
    lp->boxes[lp->count++] = *box;
}

bool labels_take(LabelPlacer *lp, const LabelBox *box)
{
    if (!inside_bounds(lp, box) || labels_overlaps(lp, box))
        return false;
    int before = lp->count;
    labels_block(lp, box);
    return lp->count > before;
}

bool labels_place_at_point(LabelPlacer *lp, float px, float py, float w, float h, float gap,
                           LabelBox *out)
{
    const LabelBox candidates[] = {
        {px + gap, py - h / 2, w, h},                 /* right */
        {px - gap - w, py - h / 2, w, h},             /* left */
        {px - w / 2, py - gap - h, w, h},             /* above */
        {px - w / 2, py + gap, w, h},                 /* below */
        {px + gap * 0.7f, py - gap * 0.7f - h, w, h}, /* upper right */
        {px + gap * 0.7f, py + gap * 0.7f, w, h},     /* lower right */
    };
    for (size_t i = 0; i < sizeof candidates / sizeof *candidates; i++) {
        if (labels_take(lp, &candidates[i])) {
            if (out)
                *out = candidates[i];
            return true;
        }
    }
    return false;
}

bool labels_place_centered(LabelPlacer *lp, float cx, float cy, float w, float h, LabelBox *out)
{
    const float shifts[] = {0, -0.6f, 0.6f, -1.2f, 1.2f};
    for (size_t i = 0; i < sizeof shifts / sizeof *shifts; i++) {
        LabelBox b = {cx - w / 2, cy - h / 2 + shifts[i] * h, w, h};
        if (labels_take(lp, &b)) {
            if (out)
                *out = b;
            return true;
        }
    }
    return false;
}
