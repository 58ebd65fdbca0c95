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
 * translucent fill shows no seams. Colours are interpolated across the triangle (strokes and
 * discs fade their alpha to zero at the fringe), and blended "source over" as SDL_BLENDMODE_BLEND
 * does. Pure arithmetic over a caller's pixel buffer: no SDL calls, so it is unit-tested.
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

/* One pixel value with colour c blended over it, c.a as its opacity ("source over"). */
uint32_t raster_blend(uint32_t dst, SDL_Color c);

#endif
