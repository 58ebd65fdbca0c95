/*
 * A scanline rasterizer for the map's triangles, used in place of SDL_RenderGeometry when the
 * renderer is SDL's software renderer.
 *
 * Why: SDL 2.26's software renderer draws every blended triangle through a temporary surface
 * the size of the triangle's bounding box (allocated, cleared, filled, then blended over the
 * whole box). The map's triangles are long and thin (fill meshes from constrained Delaunay
 * triangulation, strokes along diagonal edges, hatch lines), so a frame blended tens of
 * millions of transparent pixels and took 300 ms at 1920x1080. Here each row of a triangle is
 * clipped to its exact span and blended in place: the cost follows the pixels covered.
 *
 * Sampling matches SDL's: a pixel belongs to a triangle when its centre is inside; edges are
 * half-open, so two triangles sharing an edge cover each pixel along it exactly once and a
 * translucent fill shows no seams. Precisely: the pixel centre (xc, yc) must lie in the rows
 * [ymin, ymax) and, for each edge with function a x + b y + c (positive inside), at or after
 * -(b yc + c) / a when a > 0, before it when a < 0, and b yc + c >= 0 when a = 0
 * (tests/unit/test_raster.c holds this rule as a reference, pixel by pixel). Colours are
 * interpolated across the triangle (strokes and discs fade their alpha to zero at the fringe),
 * and blended "source over" as SDL_BLENDMODE_BLEND does. Pure arithmetic over a caller's pixel
 * buffer: no SDL calls, so it is unit-tested.
 *
 * A draw can be limited to a clip rectangle, and within it to every n-th stripe of rows
 * (RasterRows), each pixel coming out exactly as a whole draw makes it: a strip newly in view
 * after a pan is drawn alone, and raster_pool.h draws the stripes of one frame on several
 * threads at once.
 */
#ifndef WK_RASTER_H
#define WK_RASTER_H

#include <SDL.h>
#include <stdint.h>

/* A 32-bit ARGB8888 image (SDL_PIXELFORMAT_ARGB8888). The pixels are borrowed. */
typedef struct Raster {
    uint32_t *px;
    int width, height;
    int stride; /* pixels per row */
} Raster;

/* Sets every pixel to the opaque colour. */
void raster_fill(Raster *r, SDL_Color color);
/* The same inside `clip` only (a rectangle within the image). */
void raster_fill_clipped(Raster *r, const SDL_Rect *clip, SDL_Color color);

/* Draws `nindices / 3` triangles (as SDL_RenderGeometry without a texture would), blending each
 * over what is there. Vertices outside the image are clipped; indices must be within `v`. */
void raster_triangles(Raster *r, const SDL_Vertex *v, const int *indices, int nindices);
/* The same, changing only pixels inside `clip` (a rectangle within the image), each exactly as
 * a draw of the whole image would: a strip newly in view, or one band of the frame, can be
 * drawn alone. */
void raster_triangles_clipped(Raster *r, const SDL_Rect *clip, const SDL_Vertex *v,
                              const int *indices, int nindices);

/* Some of a clip's rows, for drawing one frame on several threads at once: the clip's rows cut
 * into stripes of `stripe` rows from its top, of which a draw takes those whose number modulo
 * `count` is `index`. Stripes taken in turn share out the frame's busy and empty parts evenly;
 * each row is drawn by exactly one of the `count` draws, and as a single draw would draw it. */
typedef struct RasterRows {
    int stripe, count, index;
} RasterRows;

/* raster_triangles_clipped on the rows of `clip` that `rows` takes; NULL or a count of 1 takes
 * them all. Several of these may run at once on one image when their rows differ. */
void raster_triangles_rows(Raster *r, const SDL_Rect *clip, const RasterRows *rows,
                           const SDL_Vertex *v, const int *indices, int nindices);

/* One pixel value with colour c blended over it, c.a as its opacity ("source over"). */
uint32_t raster_blend(uint32_t dst, SDL_Color c);

#endif
