/*
 * Stroke, hatch and shape tessellation into a reusable vertex buffer.
 *
 * Stroke profile: a core of width w - 1 at full alpha and a fringe one pixel wide on each side
 * that fades to transparent. A line thinner than a pixel keeps a one-pixel profile and lowers
 * its alpha instead, which keeps hairlines from shimmering.
 */
#include "geometry.h"
#include "raster.h"
#include "raster_pool.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A join's mitre may reach at most this many half-widths from the centre line. */
#define MITRE_LIMIT 2.0f
/* Segments in a full circle for discs of radius r: enough to look round at that size. */
#define DISC_SEGMENTS(r) ((r) < 4 ? 12 : (r) < 12 ? 20 : 32)

void vb_init(VertexBuffer *vb)
{
    memset(vb, 0, sizeof *vb);
}

void vb_free(VertexBuffer *vb)
{
    free(vb->v);
    free(vb->idx);
    free(vb->scratch);
    raster_pool_destroy(vb->pool);
    vb_init(vb);
}

void vb_clear(VertexBuffer *vb)
{
    vb->nv = vb->ni = 0;
    vb->failed = false;
}

int vb_flush(VertexBuffer *vb, SDL_Renderer *renderer)
{
    int rc = 0;
    if (vb->ni > 0)
        rc = SDL_RenderGeometry(renderer, NULL, vb->v, vb->nv, vb->idx, vb->ni);
    vb_clear(vb);
    return rc;
}

void vb_flush_raster_clipped(VertexBuffer *vb, Raster *raster, const SDL_Rect *clip)
{
    if (!vb->pool_tried) { /* once: without memory for a pool, one thread draws */
        vb->pool = raster_pool_create(0);
        vb->pool_tried = true;
    }
    raster_pool_triangles_clipped(vb->pool, raster, clip, vb->v, vb->idx, vb->ni);
    vb_clear(vb);
}

void vb_flush_raster(VertexBuffer *vb, Raster *raster)
{
    vb_flush_raster_clipped(vb, raster, &(SDL_Rect){0, 0, raster->width, raster->height});
}

static bool reserve(VertexBuffer *vb, int nv, int ni)
{
    if (vb->nv + nv > vb->cap_v) {
        int cap = vb->cap_v ? vb->cap_v : 4096;
        while (cap < vb->nv + nv)
            cap *= 2;
        SDL_Vertex *v = realloc(vb->v, sizeof *v * (size_t)cap);
        if (!v)
            return vb->failed = true, false;
        vb->v = v;
        vb->cap_v = cap;
    }
    if (vb->ni + ni > vb->cap_i) {
        int cap = vb->cap_i ? vb->cap_i : 8192;
        while (cap < vb->ni + ni)
            cap *= 2;
        int *idx = realloc(vb->idx, sizeof *idx * (size_t)cap);
        if (!idx)
            return vb->failed = true, false;
        vb->idx = idx;
        vb->cap_i = cap;
    }
    return true;
}

static float *scratch(VertexBuffer *vb, int nfloats)
{
    if (nfloats > vb->cap_scratch) {
        int cap = vb->cap_scratch ? vb->cap_scratch : 1024;
        while (cap < nfloats)
            cap *= 2;
        float *s = realloc(vb->scratch, sizeof *s * (size_t)cap);
        if (!s)
            return vb->failed = true, NULL;
        vb->scratch = s;
        vb->cap_scratch = cap;
    }
    return vb->scratch;
}

static inline void put(VertexBuffer *vb, float x, float y, SDL_Color c)
{
    vb->v[vb->nv++] = (SDL_Vertex){{x, y}, c, {0, 0}};
}

static inline void tri(VertexBuffer *vb, int a, int b, int c)
{
    vb->idx[vb->ni++] = a;
    vb->idx[vb->ni++] = b;
    vb->idx[vb->ni++] = c;
}

static inline void quad(VertexBuffer *vb, int a, int b, int c, int d)
{
    tri(vb, a, b, c);
    tri(vb, a, c, d);
}

void vb_triangles(VertexBuffer *vb, const float *xy, int nvertices, SDL_Color color)
{
    if (nvertices < 3 || !reserve(vb, nvertices, nvertices))
        return;
    int base = vb->nv;
    for (int i = 0; i < nvertices; i++)
        put(vb, xy[2 * i], xy[2 * i + 1], color);
    for (int i = 0; i < nvertices; i++)
        vb->idx[vb->ni++] = base + i;
}

void vb_rect(VertexBuffer *vb, float x, float y, float w, float h, SDL_Color color)
{
    if (!reserve(vb, 4, 6))
        return;
    int b = vb->nv;
    put(vb, x, y, color);
    put(vb, x + w, y, color);
    put(vb, x + w, y + h, color);
    put(vb, x, y + h, color);
    quad(vb, b, b + 1, b + 2, b + 3);
}

void vb_disc(VertexBuffer *vb, float x, float y, float radius, SDL_Color color)
{
    int n = DISC_SEGMENTS(radius);
    if (!reserve(vb, 1 + 2 * n, 9 * n))
        return;
    SDL_Color clear = color;
    clear.a = 0;
    int c = vb->nv;
    put(vb, x, y, color);
    float inner = radius - 0.5f > 0 ? radius - 0.5f : 0, outer = radius + 0.5f;
    for (int i = 0; i < n; i++) {
        float a = (float)(2 * M_PI * i / n), ca = cosf(a), sa = sinf(a);
        put(vb, x + inner * ca, y + inner * sa, color);
        put(vb, x + outer * ca, y + outer * sa, clear);
    }
    for (int i = 0; i < n; i++) {
        int j = (i + 1) % n;
        int ia = c + 1 + 2 * i, oa = ia + 1, ib = c + 1 + 2 * j, ob = ib + 1;
        tri(vb, c, ia, ib);
        quad(vb, ia, oa, ob, ib);
    }
}

/* Removes consecutive duplicates (and a closing duplicate of the first point when closed).
 * Returns the number of points left in out. */
static int dedupe(const float *xy, int n, bool closed, float *out)
{
    int m = 0;
    for (int i = 0; i < n; i++) {
        float x = xy[2 * i], y = xy[2 * i + 1];
        if (!isfinite(x) || !isfinite(y))
            continue;
        if (m > 0 && fabsf(out[2 * (m - 1)] - x) < 1e-3f && fabsf(out[2 * (m - 1) + 1] - y) < 1e-3f)
            continue;
        out[2 * m] = x;
        out[2 * m + 1] = y;
        m++;
    }
    while (closed && m > 2 && fabsf(out[0] - out[2 * (m - 1)]) < 1e-3f &&
           fabsf(out[1] - out[2 * (m - 1) + 1]) < 1e-3f)
        m--;
    return m;
}

/* The stroke of a clean polyline (no duplicates). */
static void stroke_clean(VertexBuffer *vb, const float *p, int n, bool closed, float width,
                         SDL_Color color)
{
    if (n < 2 || (closed && n < 3))
        return;
    if (width < 1.0f) {
        color.a = (Uint8)(color.a * width);
        width = 1.0f;
    }
    float core = width * 0.5f - 0.5f, outer = width * 0.5f + 0.5f;
    SDL_Color clear = color;
    clear.a = 0;
    int segments = closed ? n : n - 1;
    if (!reserve(vb, 4 * n, 18 * segments))
        return;
    int base = vb->nv;
    for (int i = 0; i < n; i++) {
        /* Directions of the segments before and after this point. */
        int ip = i > 0 ? i - 1 : closed ? n - 1 : -1;
        int in = i < n - 1 ? i + 1 : closed ? 0 : -1;
        float dx0 = 0, dy0 = 0, dx1 = 0, dy1 = 0;
        if (ip >= 0) {
            dx0 = p[2 * i] - p[2 * ip], dy0 = p[2 * i + 1] - p[2 * ip + 1];
            float l = sqrtf(dx0 * dx0 + dy0 * dy0);
            dx0 /= l, dy0 /= l;
        }
        if (in >= 0) {
            dx1 = p[2 * in] - p[2 * i], dy1 = p[2 * in + 1] - p[2 * i + 1];
            float l = sqrtf(dx1 * dx1 + dy1 * dy1);
            dx1 /= l, dy1 /= l;
        }
        if (ip < 0)
            dx0 = dx1, dy0 = dy1;
        if (in < 0)
            dx1 = dx0, dy1 = dy0;
        /* The mitre direction is the mean of the two normals, lengthened to keep the width. */
        float nx = -(dy0 + dy1), ny = dx0 + dx1;
        float nl = sqrtf(nx * nx + ny * ny);
        float mitre = 1.0f;
        if (nl < 1e-4f) { /* a full reversal: use the incoming normal */
            nx = -dy0, ny = dx0;
        } else {
            nx /= nl, ny /= nl;
            float cosh = nx * -dy0 + ny * dx0;
            mitre = cosh > 1.0f / MITRE_LIMIT ? 1.0f / cosh : MITRE_LIMIT;
        }
        float x = p[2 * i], y = p[2 * i + 1];
        float ci = core * mitre, co = outer * mitre;
        put(vb, x + nx * co, y + ny * co, clear);
        put(vb, x + nx * ci, y + ny * ci, color);
        put(vb, x - nx * ci, y - ny * ci, color);
        put(vb, x - nx * co, y - ny * co, clear);
    }
    for (int s = 0; s < segments; s++) {
        int a = base + 4 * s, b = base + 4 * ((s + 1) % n);
        quad(vb, a, b, b + 1, a + 1);         /* left fringe */
        quad(vb, a + 1, b + 1, b + 2, a + 2); /* core */
        quad(vb, a + 2, b + 2, b + 3, a + 3); /* right fringe */
    }
}

/* Splits a clean polyline into dashes and strokes each one. */
static void stroke_dashed(VertexBuffer *vb, const float *p, int n, bool closed,
                          const StrokeStyle *s)
{
    float period = s->dash + s->gap;
    int segments = closed ? n : n - 1;
    /* One dash holds at most all points plus its two cut ends. */
    float *dash = malloc(sizeof(float) * 2 * (size_t)(n + 3));
    if (!dash) {
        vb->failed = true;
        return;
    }
    float phase = 0; /* distance into the current period */
    int m = 0;
    for (int k = 0; k < segments; k++) {
        int j = (k + 1) % n;
        float ax = p[2 * k], ay = p[2 * k + 1], bx = p[2 * j], by = p[2 * j + 1];
        float len = hypotf(bx - ax, by - ay), at = 0;
        while (at < len) {
            bool on = phase < s->dash;
            float left = on ? s->dash - phase : period - phase;
            float step = fminf(left, len - at);
            if (on) {
                if (m == 0) {
                    dash[0] = ax + (bx - ax) * at / len, dash[1] = ay + (by - ay) * at / len;
                    m = 1;
                }
                float t = (at + step) / len;
                dash[2 * m] = ax + (bx - ax) * t, dash[2 * m + 1] = ay + (by - ay) * t;
                if (m < n + 2)
                    m++;
            }
            at += step;
            phase += step;
            if (phase >= period - 1e-4f) {
                phase = 0;
            } else if (on && phase >= s->dash - 1e-4f) {
                stroke_clean(vb, dash, m, false, s->width, s->color);
                m = 0;
            }
        }
    }
    if (m >= 2)
        stroke_clean(vb, dash, m, false, s->width, s->color);
    free(dash);
}

void vb_stroke(VertexBuffer *vb, const float *xy, int n, bool closed, const StrokeStyle *style)
{
    if (n < 2 || style->width <= 0 || style->color.a == 0)
        return;
    float *clean = scratch(vb, 2 * n);
    if (!clean)
        return;
    int m = dedupe(xy, n, closed, clean);
    if (style->dash > 0 && style->gap > 0)
        stroke_dashed(vb, clean, m, closed, style);
    else
        stroke_clean(vb, clean, m, closed, style->width, style->color);
}

static int by_float(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return x < y ? -1 : x > y;
}

void vb_hatch(VertexBuffer *vb, const float *xy, const int *ring, int nrings, float spacing,
              const StrokeStyle *style)
{
    vb_hatch_phase(vb, xy, ring, nrings, spacing, 0, style);
}

void vb_hatch_phase(VertexBuffer *vb, const float *xy, const int *ring, int nrings, float spacing,
                    float phase, const StrokeStyle *style)
{
    /* Hatch lines are x + y = c (45 degrees). Rotate into u = (x + y), v = (x - y) and cut each
     * line u = k * spacing * sqrt2 against every edge, even-odd. */
    int npoints = ring[nrings];
    if (npoints < 3 || spacing <= 0)
        return;
    float umin = INFINITY, umax = -INFINITY;
    for (int i = 0; i < npoints; i++) {
        float u = xy[2 * i] + xy[2 * i + 1];
        umin = fminf(umin, u), umax = fmaxf(umax, u);
    }
    float step = spacing * (float)M_SQRT2;
    int k0 = (int)ceilf((umin - phase) / step), k1 = (int)floorf((umax - phase) / step);
    if (k1 < k0 || k1 - k0 > 4000)
        return; /* nothing to hatch, or absurdly large on screen */
    float *cuts = malloc(sizeof(float) * (size_t)npoints);
    if (!cuts) {
        vb->failed = true;
        return;
    }
    for (int k = k0; k <= k1; k++) {
        float u = phase + k * step;
        int nc = 0;
        for (int r = 0; r < nrings; r++) {
            int a = ring[r], b = ring[r + 1];
            for (int i = a; i < b; i++) {
                int j = i + 1 < b ? i + 1 : a;
                float ui = xy[2 * i] + xy[2 * i + 1], uj = xy[2 * j] + xy[2 * j + 1];
                if ((ui > u) == (uj > u))
                    continue;
                float t = (u - ui) / (uj - ui);
                float vi = xy[2 * i] - xy[2 * i + 1], vj = xy[2 * j] - xy[2 * j + 1];
                if (nc < npoints)
                    cuts[nc++] = vi + (vj - vi) * t;
            }
        }
        qsort(cuts, (size_t)nc, sizeof *cuts, by_float);
        for (int c = 0; c + 1 < nc; c += 2) {
            /* Back from (u, v) to (x, y). */
            float seg[4] = {(u + cuts[c]) / 2, (u - cuts[c]) / 2, (u + cuts[c + 1]) / 2,
                            (u - cuts[c + 1]) / 2};
            stroke_clean(vb, seg, 2, false, style->width, style->color);
        }
    }
    free(cuts);
}
