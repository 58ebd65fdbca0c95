/*
 * Rasterizing one draw on several threads: a small pool of worker threads, made once and kept,
 * that share out the rows of the clip among themselves and the calling thread (stripes taken
 * in turn, see RasterRows in raster.h). Every row is drawn by one thread exactly as a single
 * thread draws it, so the pixels are the same; the call returns when all are done.
 *
 * The pool reads the vertices and writes the image only during a call, so the caller owns both
 * as before. A pool is used by one thread at a time (the one that draws the frame).
 */
#ifndef WK_RASTER_POOL_H
#define WK_RASTER_POOL_H

#include "raster.h"

typedef struct RasterPool RasterPool;

/* Environment variable that sets how many threads draw in all (the caller's included), for
 * measuring and for tests; 1 draws on the calling thread alone. */
#define RASTER_POOL_THREADS_ENV "WAKHAN_RASTER_THREADS"

/* A pool drawing with `threads` threads in all, the caller's included; 0 asks the environment
 * variable above, then SDL_GetCPUCount(). When a thread cannot be created the pool keeps those
 * it has, down to none: it then draws on the caller alone. Returns NULL only when memory ran
 * out. Owned by the caller, free with raster_pool_destroy (NULL is allowed). */
RasterPool *raster_pool_create(int threads);
void raster_pool_destroy(RasterPool *pool);

/* How many threads draw, the caller's included: 1 when the pool has no workers. */
int raster_pool_threads(const RasterPool *pool);

/* raster_triangles_clipped, its rows shared among the pool's threads. A NULL pool, a small clip
 * or a short list draws on the calling thread alone. */
void raster_pool_triangles_clipped(RasterPool *pool, Raster *r, const SDL_Rect *clip,
                                   const SDL_Vertex *v, const int *indices, int nindices);

#endif
