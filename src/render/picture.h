/*
 * Whole pictures of the map as pixels (ARGB8888 rasters, raster.h): copied, moved by a pan,
 * scaled for a zoom gesture. Pure pixel arithmetic, no SDL calls, so it is unit-tested; map.c
 * decides when each is used.
 */
#ifndef WK_PICTURE_H
#define WK_PICTURE_H

#include "render/raster.h"

/* Copies a w x h block of pixels between images of the given strides (in pixels). */
void picture_copy(uint32_t *dst, int dst_stride, const uint32_t *src, int src_stride, int w, int h);

/* Moves an image's pixels by (dx, dy); what comes into view is left as it was. |dx| and |dy|
 * must be less than the width and height. */
void picture_shift(uint32_t *px, int stride, int w, int h, int dx, int dy);

/* Draws `src` into `dst` scaled by k and moved by (ox, oy): source pixel (x, y) covers the
 * destination around (k x + ox, k y + oy), each destination pixel taking the source pixel
 * under its centre (nearest). Where the source does not reach, `fill` (an ARGB value).
 * `scratch` holds dst->width ints. The two images must not overlap. */
void picture_scale(Raster *dst, const Raster *src, float k, float ox, float oy, uint32_t fill,
                   int *scratch);

#endif
