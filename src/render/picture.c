/*
 * Scaling works a row at a time: the source column of every destination column is found once,
 * and a destination row whose source row is the one just drawn (zooming in, rows repeat) is a
 * copy of the row above. The cost is one gather per pixel at most, a memcpy per row at best.
 */
#include "picture.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void picture_copy(uint32_t *dst, int dst_stride, const uint32_t *src, int src_stride, int w, int h)
{
    for (int y = 0; y < h; y++)
        memcpy(dst + (size_t)y * (size_t)dst_stride, src + (size_t)y * (size_t)src_stride,
               sizeof *dst * (size_t)w);
}

void picture_shift(uint32_t *px, int stride, int w, int h, int dx, int dy)
{
    int cols = w - abs(dx), from = dx < 0 ? -dx : 0, to = dx > 0 ? dx : 0;
    size_t bytes = sizeof *px * (size_t)cols;
    if (dy > 0) /* moving down: bottom rows first, so no source row is overwritten early */
        for (int y = h - 1; y >= dy; y--)
            memmove(px + (size_t)y * stride + to, px + (size_t)(y - dy) * stride + from, bytes);
    else
        for (int y = 0; y < h + dy; y++)
            memmove(px + (size_t)y * stride + to, px + (size_t)(y - dy) * stride + from, bytes);
}

/* The source index under destination pixel centre i, or -1 outside 0..n-1. */
static int source_of(int i, float k, float o, int n)
{
    double s = floor((i + 0.5 - o) / k);
    return s >= 0 && s < n ? (int)s : -1;
}

void picture_scale(Raster *dst, const Raster *src, float k, float ox, float oy, uint32_t fill,
                   int *scratch)
{
    if (!(k > 0) || !isfinite(ox) || !isfinite(oy))
        return;
    /* Columns x0..x1-1 come from the source; the source column grows with x. */
    int x0 = dst->width, x1 = 0;
    for (int x = 0; x < dst->width; x++) {
        scratch[x] = source_of(x, k, ox, src->width);
        if (scratch[x] >= 0) {
            x0 = x < x0 ? x : x0;
            x1 = x + 1;
        }
    }
    int last = -1;
    for (int y = 0; y < dst->height; y++) {
        uint32_t *out = dst->px + (size_t)y * (size_t)dst->stride;
        int sy = x0 < x1 ? source_of(y, k, oy, src->height) : -1;
        if (sy >= 0 && sy == last) {
            memcpy(out, out - dst->stride, sizeof *out * (size_t)dst->width);
            continue;
        }
        last = sy;
        if (sy < 0) {
            for (int x = 0; x < dst->width; x++)
                out[x] = fill;
            continue;
        }
        const uint32_t *row = src->px + (size_t)sy * (size_t)src->stride;
        for (int x = 0; x < x0; x++)
            out[x] = fill;
        for (int x = x0; x < x1; x++)
            out[x] = row[scratch[x]];
        for (int x = x1; x < dst->width; x++)
            out[x] = fill;
    }
}
