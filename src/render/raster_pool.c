/*
 * The rasterizer's worker threads (see raster_pool.h).
 *
 * One job at a time: the caller writes it under the lock, counts it in `generation` and wakes
 * the workers; each takes its share of the rows (stripes numbered modulo the thread count, its
 * own number), the caller takes share 0, and the caller waits until `pending` falls to zero.
 * Shares never write the same row, and the job's inputs are only read, so the threads need no
 * other synchronisation; the lock orders the job's hand-over and its end.
 *
 * Stripes are taken in turn rather than the frame being cut in halves: a map's busy and empty
 * parts are not spread evenly (measured on real frames, one half of a zoomed view took twice
 * the other's time), while stripes of a few dozen rows in turn share them out. Each thread
 * still looks at every triangle to see whether it reaches its rows; thinner stripes make more
 * triangles straddle two threads' rows and be set up twice, so stripes stay at 32 rows or more.
 */
#include "raster_pool.h"

#include <stdbool.h>
#include <stdlib.h>

/* At most this many threads in all; more would only repeat the setup of each triangle. */
#define MAX_THREADS 16
/* Below these sizes waking the workers costs more than it saves: one thread draws. */
#define MIN_PIXELS (256 * 256)
#define MIN_TRIANGLES 256
/* Rows per stripe: about this many stripes per thread, within these bounds. */
#define STRIPES_PER_THREAD 8
#define MIN_STRIPE 32
#define MAX_STRIPE 128

typedef struct Job {
    Raster *r;
    SDL_Rect clip;
    const SDL_Vertex *v;
    const int *indices;
    int nindices;
    int stripe, count; /* rows per stripe; threads sharing this job */
} Job;

typedef struct Worker {
    RasterPool *pool;
    int index; /* its share: 1 .. nworkers (the caller has 0) */
    SDL_Thread *thread;
} Worker;

struct RasterPool {
    Worker workers[MAX_THREADS - 1];
    int nworkers;
    SDL_mutex *lock;
    SDL_cond *wake, *done;
    /* Under the lock: */
    Job job;
    unsigned generation; /* jobs handed out so far, so each worker takes each job once */
    int pending;         /* workers still drawing the current job */
    bool quit;
};

static void draw_share(const Job *job, int index)
{
    RasterRows rows = {job->stripe, job->count, index};
    raster_triangles_rows(job->r, &job->clip, &rows, job->v, job->indices, job->nindices);
}

static int worker_main(void *data)
{
    Worker *w = data;
    RasterPool *pool = w->pool;
    unsigned seen = 0;
    SDL_LockMutex(pool->lock);
    for (;;) {
        while (!pool->quit && pool->generation == seen)
            SDL_CondWait(pool->wake, pool->lock);
        if (pool->quit)
            break;
        seen = pool->generation;
        Job job = pool->job;
        SDL_UnlockMutex(pool->lock);
        draw_share(&job, w->index);
        SDL_LockMutex(pool->lock);
        if (--pool->pending == 0)
            SDL_CondSignal(pool->done);
    }
    SDL_UnlockMutex(pool->lock);
    return 0;
}

/* The thread count the environment asks for, or 0 when it asks for nothing valid. */
static int threads_from_environment(void)
{
    const char *s = SDL_getenv(RASTER_POOL_THREADS_ENV);
    if (!s || !*s)
        return 0;
    char *end;
    long n = strtol(s, &end, 10);
    return *end == '\0' && n >= 1 && n <= MAX_THREADS ? (int)n : 0;
}

RasterPool *raster_pool_create(int threads)
{
    if (threads <= 0)
        threads = threads_from_environment();
    if (threads <= 0)
        threads = SDL_GetCPUCount();
    if (threads > MAX_THREADS)
        threads = MAX_THREADS;
    RasterPool *pool = calloc(1, sizeof *pool);
    if (!pool)
        return NULL;
    if (threads <= 1)
        return pool;
    pool->lock = SDL_CreateMutex();
    pool->wake = SDL_CreateCond();
    pool->done = SDL_CreateCond();
    if (!pool->lock || !pool->wake || !pool->done)
        return pool; /* no workers: raster_pool_destroy frees what was made */
    for (int i = 0; i < threads - 1; i++) {
        Worker *w = &pool->workers[i];
        w->pool = pool;
        w->index = i + 1;
        w->thread = SDL_CreateThread(worker_main, "wk-raster", w);
        if (!w->thread)
            break; /* draw with the threads there are */
        pool->nworkers++;
    }
    return pool;
}

void raster_pool_destroy(RasterPool *pool)
{
    if (!pool)
        return;
    if (pool->nworkers > 0) {
        SDL_LockMutex(pool->lock);
        pool->quit = true;
        SDL_CondBroadcast(pool->wake);
        SDL_UnlockMutex(pool->lock);
        for (int i = 0; i < pool->nworkers; i++)
            SDL_WaitThread(pool->workers[i].thread, NULL);
    }
    if (pool->done)
        SDL_DestroyCond(pool->done);
    if (pool->wake)
        SDL_DestroyCond(pool->wake);
    if (pool->lock)
        SDL_DestroyMutex(pool->lock);
    free(pool);
}

int raster_pool_threads(const RasterPool *pool)
{
    return pool ? pool->nworkers + 1 : 1;
}

void raster_pool_triangles_clipped(RasterPool *pool, Raster *r, const SDL_Rect *clip,
                                   const SDL_Vertex *v, const int *indices, int nindices)
{
    int count = raster_pool_threads(pool);
    if (count == 1 || (long)clip->w * clip->h < MIN_PIXELS || nindices / 3 < MIN_TRIANGLES ||
        clip->h < 2 * MIN_STRIPE) {
        raster_triangles_clipped(r, clip, v, indices, nindices);
        return;
    }
    int stripe = clip->h / (STRIPES_PER_THREAD * count);
    stripe = stripe < MIN_STRIPE ? MIN_STRIPE : stripe > MAX_STRIPE ? MAX_STRIPE : stripe;
    Job job = {r, *clip, v, indices, nindices, stripe, count};
    SDL_LockMutex(pool->lock);
    pool->job = job;
    pool->pending = pool->nworkers;
    pool->generation++;
    SDL_CondBroadcast(pool->wake);
    SDL_UnlockMutex(pool->lock);
    draw_share(&job, 0);
    SDL_LockMutex(pool->lock);
    while (pool->pending > 0)
        SDL_CondWait(pool->done, pool->lock);
    SDL_UnlockMutex(pool->lock);
}
