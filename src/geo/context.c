/*
 * The GeoContext bundles one GEOS handle and one PROJ context, so that nothing in geo/ keeps
 * global state and two atlases (or two test cases) never share library state.
 */
#include "geo_internal.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct GeoContext {
    GEOSContextHandle_t geos;
    PJ_CONTEXT *proj;
    char last_error[256];
    char *cache_dir;    /* NULL: no prepared-geometry cache */
    bool cache_checked; /* the cache folder was tried for writing */
    bool cache_failed;  /* ... and could not be written (said once) */
    /* Loading's progress in steps (layers and overlay files), read by another thread. */
    atomic_int progress_done, progress_total;
    atomic_long projected; /* positions transformed by PROJ */
};

void geo_progress_begin(GeoContext *ctx, int total)
{
    atomic_store(&ctx->progress_done, 0);
    atomic_store(&ctx->progress_total, total);
}

void geo_progress_step(GeoContext *ctx)
{
    atomic_fetch_add(&ctx->progress_done, 1);
}

double geo_progress(const GeoContext *ctx)
{
    int total = atomic_load(&ctx->progress_total), done = atomic_load(&ctx->progress_done);
    return total <= 0 ? 0 : done >= total ? 1 : (double)done / total;
}

void geo_context_count_projected(GeoContext *ctx, int n)
{
    atomic_fetch_add(&ctx->projected, n);
}

long geo_context_projected(const GeoContext *ctx)
{
    return atomic_load(&ctx->projected);
}

static void on_geos_message(const char *fmt, ...)
{
    /* GEOS notices (not errors) are not useful to a reader of the atlas. */
    (void)fmt;
}

static void on_geos_error(const char *message, void *userdata)
{
    GeoContext *ctx = userdata;
    snprintf(ctx->last_error, sizeof ctx->last_error, "%s", message);
}

GeoContext *geo_context_create(void)
{
    GeoContext *ctx = calloc(1, sizeof *ctx);
    if (!ctx)
        return NULL;
    ctx->geos = GEOS_init_r();
    ctx->proj = proj_context_create();
    if (!ctx->geos || !ctx->proj) {
        geo_context_destroy(ctx);
        return NULL;
    }
    GEOSContext_setNoticeHandler_r(ctx->geos, on_geos_message);
    GEOSContext_setErrorMessageHandler_r(ctx->geos, on_geos_error, ctx);
    proj_log_level(ctx->proj, PJ_LOG_NONE);
    return ctx;
}

void geo_context_destroy(GeoContext *ctx)
{
    if (!ctx)
        return;
    if (ctx->geos)
        GEOS_finish_r(ctx->geos);
    if (ctx->proj)
        proj_context_destroy(ctx->proj);
    free(ctx->cache_dir);
    free(ctx);
}

GEOSContextHandle_t geo_context_geos(GeoContext *ctx)
{
    return ctx->geos;
}

PJ_CONTEXT *geo_context_proj(GeoContext *ctx)
{
    return ctx->proj;
}

const char *geo_context_last_error(GeoContext *ctx)
{
    return ctx->last_error;
}

bool geo_context_set_cache_dir(GeoContext *ctx, const char *dir)
{
    char *copy = NULL;
    if (dir && !(copy = malloc(strlen(dir) + 1)))
        return false;
    if (copy)
        strcpy(copy, dir);
    free(ctx->cache_dir);
    ctx->cache_dir = copy;
    ctx->cache_checked = ctx->cache_failed = false;
    return true;
}

const char *geo_context_cache_dir(const GeoContext *ctx)
{
    return ctx->cache_dir;
}

bool geo_context_cache_checked(const GeoContext *ctx)
{
    return ctx->cache_checked;
}

void geo_context_set_cache_checked(GeoContext *ctx)
{
    ctx->cache_checked = true;
}

bool geo_context_cache_failed(const GeoContext *ctx)
{
    return ctx->cache_failed;
}

void geo_context_set_cache_failed(GeoContext *ctx)
{
    ctx->cache_failed = true;
}
