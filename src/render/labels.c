/*
 * Greedy placement. The number of labels on screen is small (hundreds), so a linear scan of
 * the placed boxes is cheaper than maintaining a spatial index.
 *
 * Areas too big for their label point to be in view, or too crowded there, are named through a
 * mask: the area's triangles rasterized into coarse cells, a summed-area table over them, and
 * every box position that lies wholly on set cells tried nearest first.
 */
#include "labels.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Another dot nearer than this share of a name's distance from its own takes the name. */
#define NEARER_SHARE 0.5f
/* How many positions around a point are tried. */
#define AROUND 8
/* The share of the cells under a name that must lie in the area. */
#define MASK_SHARE 0.9f

#define MIN3(a, b, c) ((a) < (b) ? ((a) < (c) ? (a) : (c)) : ((b) < (c) ? (b) : (c)))
#define MAX3(a, b, c) ((a) > (b) ? ((a) > (c) ? (a) : (c)) : ((b) > (c) ? (b) : (c)))

void labels_init(LabelPlacer *lp)
{
    lp->boxes = NULL;
    lp->named = NULL;
    lp->count = lp->capacity = 0;
    lp->bounds = (LabelBox){0, 0, 0, 0};
    lp->padding = 0;
    lp->dots = NULL;
    lp->ndots = lp->dot_capacity = 0;
}

void labels_free(LabelPlacer *lp)
{
    free(lp->boxes);
    free(lp->named);
    free(lp->dots);
    labels_init(lp);
}

void labels_reset(LabelPlacer *lp, float width, float height)
{
    lp->count = lp->ndots = 0;
    lp->bounds = (LabelBox){0, 0, width, height};
}

void labels_set_padding(LabelPlacer *lp, float padding)
{
    lp->padding = padding > 0 ? padding : 0;
}

/* Padding applies across, not up and down, and only between names: names on one line run
 * together ("Karakoram Southern Tarim route"), while a text box's height already holds the
 * font's line gap, and a name's gap from a symbol is the symbol's own business. */
static bool intersect(const LabelBox *a, const LabelBox *b, float pad)
{
    return a->x < b->x + b->w + pad && b->x < a->x + a->w + pad && a->y < b->y + b->h &&
           b->y < a->y + a->h;
}

static bool inside_bounds(const LabelPlacer *lp, const LabelBox *b)
{
    if (lp->bounds.w <= 0 || lp->bounds.h <= 0)
        return true;
    return b->x >= lp->bounds.x && b->y >= lp->bounds.y &&
           b->x + b->w <= lp->bounds.x + lp->bounds.w && b->y + b->h <= lp->bounds.y + lp->bounds.h;
}

/* A name at `box` overlaps a placed box, or comes closer than the padding to a placed name. */
bool labels_overlaps(const LabelPlacer *lp, const LabelBox *box)
{
    for (int i = 0; i < lp->count; i++)
        if (intersect(&lp->boxes[i], box, lp->named[i] ? lp->padding : 0))
            return true;
    return false;
}

static void add_box(LabelPlacer *lp, const LabelBox *box, bool named)
{
    if (lp->count == lp->capacity) {
        int cap = lp->capacity ? lp->capacity * 2 : 256;
        LabelBox *grown = realloc(lp->boxes, sizeof *grown * (size_t)cap);
        if (!grown)
            return;
        lp->boxes = grown;
        bool *flags = realloc(lp->named, sizeof *flags * (size_t)cap);
        if (!flags)
            return;
        lp->named = flags;
        lp->capacity = cap;
    }
    lp->named[lp->count] = named;
    lp->boxes[lp->count++] = *box;
}

void labels_block(LabelPlacer *lp, const LabelBox *box)
{
    add_box(lp, box, false);
}

void labels_pop(LabelPlacer *lp)
{
    if (lp->count > 0)
        lp->count--;
}

bool labels_take(LabelPlacer *lp, const LabelBox *box)
{
    if (!inside_bounds(lp, box) || labels_overlaps(lp, box))
        return false;
    int before = lp->count;
    add_box(lp, box, true);
    return lp->count > before;
}

void labels_add_dot(LabelPlacer *lp, float x, float y)
{
    if (lp->ndots == lp->dot_capacity) {
        int cap = lp->dot_capacity ? lp->dot_capacity * 2 : 256;
        float *grown = realloc(lp->dots, sizeof *grown * 2 * (size_t)cap);
        if (!grown)
            return;
        lp->dots = grown;
        lp->dot_capacity = cap;
    }
    lp->dots[2 * lp->ndots] = x;
    lp->dots[2 * lp->ndots + 1] = y;
    lp->ndots++;
}

/* Whether some other dot is clearly nearer the box than (px, py), at under half the distance:
 * the name would seem to be its. (A dot a little below a name's baseline, as near as the name's
 * own dot at its end, does not make the name read as its.) */
static bool nearer_dot(const LabelPlacer *lp, const LabelBox *b, float px, float py)
{
    float own = labels_box_distance(b, px, py);
    for (int i = 0; i < lp->ndots; i++) {
        float x = lp->dots[2 * i], y = lp->dots[2 * i + 1];
        if (fabsf(x - px) < 0.5f && fabsf(y - py) < 0.5f)
            continue; /* its own */
        if (labels_box_distance(b, x, y) < own * NEARER_SHARE)
            return true;
    }
    return false;
}

/* The positions around a point, in order of preference; returns how many (8). */
static int around(float px, float py, float w, float h, float gap, LabelBox *out)
{
    const LabelBox candidates[] = {
        {px + gap, py - h / 2, w, h},                     /* right */
        {px - gap - w, py - h / 2, w, h},                 /* left */
        {px - w / 2, py - gap - h, w, h},                 /* above */
        {px - w / 2, py + gap, w, h},                     /* below */
        {px + gap * 0.7f, py - gap * 0.7f - h, w, h},     /* upper right */
        {px + gap * 0.7f, py + gap * 0.7f, w, h},         /* lower right */
        {px - gap * 0.7f - w, py - gap * 0.7f - h, w, h}, /* upper left */
        {px - gap * 0.7f - w, py + gap * 0.7f, w, h},     /* lower left */
    };
    memcpy(out, candidates, sizeof candidates);
    return (int)(sizeof candidates / sizeof *candidates);
}

bool labels_place_at_point(LabelPlacer *lp, float px, float py, float w, float h, float gap,
                           LabelBox *out)
{
    LabelBox candidates[AROUND];
    int n = around(px, py, w, h, gap, candidates);
    for (int i = 0; i < n; i++) {
        if (!nearer_dot(lp, &candidates[i], px, py) && labels_take(lp, &candidates[i])) {
            if (out)
                *out = candidates[i];
            return true;
        }
    }
    return false;
}

/* Whether placed box i is a dot's own box: reserved (not a name), centred on a recorded dot,
 * and no wider than a name's gap from a dot of that size (an area kept clear may be centred on
 * a dot too). */
static bool dot_box(const LabelPlacer *lp, int i, float gap)
{
    const LabelBox *b = &lp->boxes[i];
    float cx = b->x + b->w / 2, cy = b->y + b->h / 2;
    if (lp->named[i] || b->w > 2 * gap || b->h > 2 * gap)
        return false;
    for (int k = 0; k < lp->ndots; k++)
        if (fabsf(lp->dots[2 * k] - cx) < 0.5f && fabsf(lp->dots[2 * k + 1] - cy) < 0.5f)
            return true;
    return false;
}

bool labels_place_over_dots(LabelPlacer *lp, float px, float py, float w, float h, float gap,
                            LabelBox *out)
{
    if (labels_place_at_point(lp, px, py, w, h, gap, out))
        return true;
    LabelBox candidates[AROUND];
    int n = around(px, py, w, h, gap, candidates);
    for (int c = 0; c < n; c++) {
        bool open = inside_bounds(lp, &candidates[c]);
        for (int i = 0; open && i < lp->count; i++)
            open = !intersect(&lp->boxes[i], &candidates[c], lp->named[i] ? lp->padding : 0) ||
                   dot_box(lp, i, gap);
        if (open) {
            add_box(lp, &candidates[c], true);
            if (out)
                *out = candidates[c];
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

float labels_box_distance(const LabelBox *box, float px, float py)
{
    float dx = px < box->x ? box->x - px : px > box->x + box->w ? px - box->x - box->w : 0;
    float dy = py < box->y ? box->y - py : py > box->y + box->h ? py - box->y - box->h : 0;
    return sqrtf(dx * dx + dy * dy);
}

void labels_mask_init(LabelMask *mask)
{
    memset(mask, 0, sizeof *mask);
}

void labels_mask_free(LabelMask *mask)
{
    free(mask->on);
    free(mask->sum);
    free(mask->spots);
    labels_mask_init(mask);
}

bool labels_mask_reset(LabelMask *mask, float width, float height, float cell)
{
    mask->cols = mask->rows = 0;
    mask->summed = false;
    if (!(cell >= 1) || !(width >= 1) || !(height >= 1) || width > 1e5f || height > 1e5f)
        return false;
    int cols = (int)ceilf(width / cell), rows = (int)ceilf(height / cell);
    int need = (cols + 1) * (rows + 1);
    if (need > mask->capacity) {
        unsigned char *on = realloc(mask->on, (size_t)need);
        if (on)
            mask->on = on;
        int *sum = on ? realloc(mask->sum, sizeof *sum * (size_t)need) : NULL;
        if (!sum)
            return false;
        mask->sum = sum;
        mask->capacity = need;
    }
    mask->cols = cols;
    mask->rows = rows;
    mask->cell = cell;
    memset(mask->on, 0, (size_t)(cols * rows));
    return true;
}

void labels_mask_triangle(LabelMask *mask, const float xy[6])
{
    if (!mask->cols)
        return;
    /* Coordinates that are not finite make the area so: nothing below sees them. */
    float area = (xy[2] - xy[0]) * (xy[5] - xy[1]) - (xy[4] - xy[0]) * (xy[3] - xy[1]);
    if (area == 0 || !isfinite(area))
        return;
    /* Plain comparisons, not fminf/fmaxf: those are calls (they must order NaNs), and this
     * runs for every triangle of an area being named. */
    float minx = MIN3(xy[0], xy[2], xy[4]), maxx = MAX3(xy[0], xy[2], xy[4]);
    float miny = MIN3(xy[1], xy[3], xy[5]), maxy = MAX3(xy[1], xy[3], xy[5]);
    float c = mask->cell;
    /* Cells whose centres (i + 0.5) * c fall within the triangle's box, clamped to the mask
     * while still in floats (a vertex far off screen does not fit an int). */
    float fc0 = ceilf(minx / c - 0.5f), fc1 = floorf(maxx / c - 0.5f);
    float fr0 = ceilf(miny / c - 0.5f), fr1 = floorf(maxy / c - 0.5f);
    if (fc1 < 0 || fr1 < 0 || fc0 > (float)(mask->cols - 1) || fr0 > (float)(mask->rows - 1))
        return;
    int c0 = fc0 > 0 ? (int)fc0 : 0, r0 = fr0 > 0 ? (int)fr0 : 0;
    int c1 = fc1 < (float)(mask->cols - 1) ? (int)fc1 : mask->cols - 1;
    int r1 = fr1 < (float)(mask->rows - 1) ? (int)fr1 : mask->rows - 1;
    if (c0 > c1 || r0 > r1)
        return;
    float s = area > 0 ? 1.0f : -1.0f;
    for (int r = r0; r <= r1; r++) {
        float py = (r + 0.5f) * c;
        for (int col = c0; col <= c1; col++) {
            float px = (col + 0.5f) * c;
            /* Inside when on the same side of all three edges (edges count as inside). */
            float e0 = s * ((xy[2] - xy[0]) * (py - xy[1]) - (xy[3] - xy[1]) * (px - xy[0]));
            float e1 = s * ((xy[4] - xy[2]) * (py - xy[3]) - (xy[5] - xy[3]) * (px - xy[2]));
            float e2 = s * ((xy[0] - xy[4]) * (py - xy[5]) - (xy[1] - xy[5]) * (px - xy[4]));
            if (e0 >= 0 && e1 >= 0 && e2 >= 0)
                mask->on[r * mask->cols + col] = 1;
        }
    }
    mask->summed = false;
}

static void mask_sum(LabelMask *mask)
{
    if (mask->summed)
        return;
    int w = mask->cols + 1;
    for (int col = 0; col <= mask->cols; col++)
        mask->sum[col] = 0;
    for (int r = 0; r < mask->rows; r++) {
        int run = 0;
        mask->sum[(r + 1) * w] = 0;
        for (int col = 0; col < mask->cols; col++) {
            run += mask->on[r * mask->cols + col];
            mask->sum[(r + 1) * w + col + 1] = mask->sum[r * w + col + 1] + run;
        }
    }
    mask->summed = true;
}

int labels_mask_count(LabelMask *mask)
{
    if (!mask->cols)
        return 0;
    mask_sum(mask);
    return mask->sum[(mask->cols + 1) * (mask->rows + 1) - 1];
}

/* Set cells in columns c0..c1-1 and rows r0..r1-1. */
static int block_count(const LabelMask *mask, int c0, int r0, int c1, int r1)
{
    int w = mask->cols + 1;
    return mask->sum[r1 * w + c1] - mask->sum[r0 * w + c1] - mask->sum[r1 * w + c0] +
           mask->sum[r0 * w + c0];
}

static bool nearer(const LabelSpot *p, const LabelSpot *q)
{
    return p->distance < q->distance || (p->distance == q->distance && p->order < q->order);
}

/* Restores the heap order (nearest at 0) below spot i of n. */
static void sift_down(LabelSpot *spots, int n, int i)
{
    for (;;) {
        int best = i, l = 2 * i + 1, r = l + 1;
        if (l < n && nearer(&spots[l], &spots[best]))
            best = l;
        if (r < n && nearer(&spots[r], &spots[best]))
            best = r;
        if (best == i)
            return;
        LabelSpot tmp = spots[i];
        spots[i] = spots[best];
        spots[best] = tmp;
        i = best;
    }
}

bool labels_place_in_mask(LabelPlacer *lp, LabelMask *mask, float px, float py, float w, float h,
                          LabelBox *out)
{
    if (!mask->cols || w <= 0 || h <= 0)
        return false;
    mask_sum(mask);
    float c = mask->cell;
    /* A box centred over cells c0..c0+nw-1 and as many rows; it may lose a tenth of them at
     * ragged edges, as a name may touch the border of a narrow territory. */
    int nw = (int)ceilf(w / c), nh = (int)ceilf(h / c);
    int need = (int)ceilf(nw * nh * MASK_SHARE);
    if (nw > mask->cols || nh > mask->rows)
        return false;
    int n = 0;
    for (int r = 0; r + nh <= mask->rows; r++)
        for (int col = 0; col + nw <= mask->cols; col++) {
            if (block_count(mask, col, r, col + nw, r + nh) < need)
                continue;
            if (n == mask->spot_capacity) {
                int cap = n ? 2 * n : 256;
                LabelSpot *grown = realloc(mask->spots, sizeof *grown * (size_t)cap);
                if (!grown)
                    break;
                mask->spots = grown;
                mask->spot_capacity = cap;
            }
            LabelBox b = {col * c + (nw * c - w) / 2, r * c + (nh * c - h) / 2, w, h};
            mask->spots[n] = (LabelSpot){b, hypotf(b.x + w / 2 - px, b.y + h / 2 - py), n};
            n++;
        }
    /* Nearest first, in the order a stable sort would give, through a heap: the nearest spot
     * is usually free, and sorting every spot of a large area cost more than placing. */
    for (int i = n / 2 - 1; i >= 0; i--)
        sift_down(mask->spots, n, i);
    while (n > 0) {
        if (labels_take(lp, &mask->spots[0].box)) {
            if (out)
                *out = mask->spots[0].box;
            return true;
        }
        mask->spots[0] = mask->spots[--n];
        sift_down(mask->spots, n, 0);
    }
    return false;
}
