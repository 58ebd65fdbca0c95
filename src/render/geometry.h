/*
 * Screen-space geometry for SDL_RenderGeometry: a growable buffer of coloured vertices and
 * indices, anti-aliased strokes, dashes and hatching.
 *
 * Strokes are triangle strips with a one-pixel alpha fringe on each side, so lines are smooth
 * on any renderer, software included. Joins are mitred, with the mitre clamped so a sharp
 * corner neither spikes out nor leaves a gap. Everything a frame draws is appended to a buffer
 * that is reused between frames: nothing allocates once the buffer has grown to its working
 * size.
 */
#ifndef WK_GEOMETRY_H
#define WK_GEOMETRY_H

#include <SDL.h>
#include <stdbool.h>

typedef struct VertexBuffer {
    SDL_Vertex *v;
    int *idx;
    int nv, ni, cap_v, cap_i;
    bool failed; /* set when memory ran out; drawing then skips what did not fit */
    /* Scratch for dashes and hatching, reused between calls. */
    float *scratch;
    int cap_scratch;
    /* The threads that rasterize it, made at the first vb_flush_raster*; owned. */
    struct RasterPool *pool;
    bool pool_tried;
} VertexBuffer;

void vb_init(VertexBuffer *vb);
void vb_free(VertexBuffer *vb);
void vb_clear(VertexBuffer *vb);
/* Draws and clears the buffer. Returns 0 or SDL's error code. */
int vb_flush(VertexBuffer *vb, SDL_Renderer *renderer);

/* Draws the buffer into a raster image with raster.c instead of SDL, and clears it. The first
 * call makes the buffer's rasterizing threads (raster_pool.h; WAKHAN_RASTER_THREADS=1 keeps it
 * to the calling thread); vb_free ends them. */
struct Raster;
void vb_flush_raster(VertexBuffer *vb, struct Raster *raster);
/* The same, changing only the pixels inside `clip`. */
void vb_flush_raster_clipped(VertexBuffer *vb, struct Raster *raster, const SDL_Rect *clip);

/* Appends triangles given as a flat xy list (three points each). */
void vb_triangles(VertexBuffer *vb, const float *xy, int nvertices, SDL_Color color);
/* Appends a filled, anti-aliased circle. */
void vb_disc(VertexBuffer *vb, float x, float y, float radius, SDL_Color color);
/* Appends an axis-aligned rectangle. */
void vb_rect(VertexBuffer *vb, float x, float y, float w, float h, SDL_Color color);

typedef struct StrokeStyle {
    float width; /* pixels */
    SDL_Color color;
    float dash, gap; /* pixels; dash 0 for a solid line */
} StrokeStyle;

/* Appends an anti-aliased stroke along n points (screen pixels); `closed` joins the last point
 * to the first. Repeated points are ignored. */
void vb_stroke(VertexBuffer *vb, const float *xy, int n, bool closed, const StrokeStyle *style);

/* Appends hatching of the polygon made of `nrings` rings (xy, with ring starts in `ring`,
 * ring[nrings] = total points), diagonal lines `spacing` pixels apart, even-odd filled.
 * Lines are anchored to the screen, so the pattern does not crawl while the map fades. */
void vb_hatch(VertexBuffer *vb, const float *xy, const int *ring, int nrings, float spacing,
              const StrokeStyle *style);
/* The same with the lines at x + y = phase + k * spacing * sqrt(2): a phase that follows a
 * point of the map anchors the pattern to the map, so it moves with it when panning. */
void vb_hatch_phase(VertexBuffer *vb, const float *xy, const int *ring, int nrings, float spacing,
                    float phase, const StrokeStyle *style);

#endif
