/*
 * Scanline rasterization of triangles into an ARGB8888 buffer (see raster.h for why).
 *
 * Each triangle is set up in double precision (edge functions that are exactly antisymmetric
 * between two triangles sharing an edge, so the shared edge yields the same bound in both),
 * then walked row by row: the three edges clip the row to one span, and only that span is
 * touched. Colours are interpolated as planes; the common cases (one colour for the whole
 * triangle, or one colour whose alpha alone varies, as in stroke fringes) have their own loops.
 *
 * Most of a map's triangles are thin (strokes, fringes, hatch lines): a frame has about four
 * rows per triangle and one pixel or none on most rows, so the cost is in the setup and in
 * each row's bounds, not in the pixels. The row's bounds are therefore plain comparisons and
 * one truncation per edge (no libm calls), and a triangle whose rows miss the clip ends before
 * anything else is computed. The bound is still the exact quotient of the edge function:
 * multiplying by a reciprocal was measured no faster here, and would move pixels whose centre
 * lies on an edge.
 */
#include "raster.h"

#include <math.h>
#include <stdbool.h>
#include <string.h>

static inline uint32_t pack(SDL_Color c)
{
    return (uint32_t)c.a << 24 | (uint32_t)c.r << 16 | (uint32_t)c.g << 8 | c.b;
}

/* Source over, two channels at a time: red and blue in one word, alpha and green in another.
 * `a` is the source opacity scaled to 0..256; srb and sag are the source's lanes with alpha
 * 255 in sag (the result's alpha is a + dst_a * (1 - a)). */
static inline uint32_t over(uint32_t d, uint32_t srb, uint32_t sag, uint32_t a)
{
    uint32_t drb = d & 0x00FF00FFu, dag = (d >> 8) & 0x00FF00FFu, na = 256 - a;
    uint32_t rb = ((srb * a + drb * na) >> 8) & 0x00FF00FFu;
    uint32_t ag = ((sag * a + dag * na) >> 8) & 0x00FF00FFu;
    return ag << 8 | rb;
}

static inline uint32_t scale256(unsigned a8)
{
    return a8 + (a8 >> 7); /* 0..255 -> 0..256, 255 -> 256 */
}

#if defined(__clang__) || (defined(__GNUC__) && __GNUC__ >= 12)
#define HAVE_VECTORS 1
typedef uint16_t U16x8 __attribute__((vector_size(16)));
typedef uint8_t U8x16 __attribute__((vector_size(16)));
typedef uint32_t U32x4 __attribute__((vector_size(16)));
#endif

/* Sets n pixels to p, four at a time where the compiler has vector types. */
static void fill_run(uint32_t *px, int n, uint32_t p)
{
    int x = 0;
#ifdef HAVE_VECTORS
    U32x4 v = {p, p, p, p};
    for (; x + 4 <= n; x += 4)
        memcpy(px + x, &v, sizeof v);
#endif
    for (; x < n; x++)
        px[x] = p;
}

/* One colour over a run of n pixels. With the compiler's vector types, four pixels at a time:
 * the sums of over() with one 16-bit lane per channel (255 * 256 fits), lanes in the pixels'
 * byte order whatever the machine's, so the result is the same bit for bit. */
static void over_run(uint32_t *px, int n, uint32_t srb, uint32_t sag, uint32_t a)
{
    int x = 0;
#ifdef HAVE_VECTORS
    uint32_t s = sag << 8 | srb; /* the colour with alpha 255 */
    uint8_t sb[4];
    memcpy(sb, &s, sizeof sb);
    U16x8 src, keep;
    for (int k = 0; k < 8; k++) {
        src[k] = (uint16_t)(sb[k & 3] * a);
        keep[k] = (uint16_t)(256 - a);
    }
    for (; x + 4 <= n; x += 4) {
        U8x16 d;
        memcpy(&d, px + x, sizeof d);
        U16x8 lo =
            __builtin_convertvector(__builtin_shufflevector(d, d, 0, 1, 2, 3, 4, 5, 6, 7), U16x8);
        U16x8 hi = __builtin_convertvector(
            __builtin_shufflevector(d, d, 8, 9, 10, 11, 12, 13, 14, 15), U16x8);
        lo = (lo * keep + src) >> 8;
        hi = (hi * keep + src) >> 8;
        U8x16 out = __builtin_convertvector(
            __builtin_shufflevector(lo, hi, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15),
            U8x16);
        memcpy(px + x, &out, sizeof out);
    }
#endif
    for (; x < n; x++)
        px[x] = over(px[x], srb, sag, a);
}

uint32_t raster_blend(uint32_t dst, SDL_Color c)
{
    uint32_t p = pack(c);
    return over(dst, p & 0x00FF00FFu, 0x00FF0000u | ((p >> 8) & 0xFFu), scale256(c.a));
}

void raster_fill_clipped(Raster *r, const SDL_Rect *clip, SDL_Color color)
{
    color.a = 255;
    uint32_t p = pack(color);
    for (int y = clip->y; y < clip->y + clip->h; y++)
        fill_run(r->px + (size_t)y * (size_t)r->stride + clip->x, clip->w, p);
}

void raster_fill(Raster *r, SDL_Color color)
{
    raster_fill_clipped(r, &(SDL_Rect){0, 0, r->width, r->height}, color);
}

static inline bool same_color(SDL_Color a, SDL_Color b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a;
}

static inline bool same_rgb(SDL_Color a, SDL_Color b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b;
}

/* An edge i -> j as A x + B y + C >= 0 inside. */
typedef struct Edge {
    double a, b, c;
} Edge;

static Edge edge(double xi, double yi, double xj, double yj)
{
    return (Edge){yi - yj, xj - xi, xi * yj - xj * yi};
}

/* A colour channel as a plane over the screen. */
typedef struct Plane {
    float at0, dx, dy; /* value at (x0, y0), change per pixel in x and y */
} Plane;

static Plane plane(double f0, double f1, double f2, double x0, double y0, double x1, double y1,
                   double x2, double y2, double area)
{
    double dx = ((f1 - f0) * (y2 - y0) - (f2 - f0) * (y1 - y0)) / area;
    double dy = ((f2 - f0) * (x1 - x0) - (f1 - f0) * (x2 - x0)) / area;
    return (Plane){(float)f0, (float)dx, (float)dy};
}

static inline float clamp255(float v)
{
    return v < 0 ? 0 : v > 255 ? 255 : v;
}

static inline double min3(double a, double b, double c)
{
    double m = a < b ? a : b;
    return m < c ? m : c;
}

static inline double max3(double a, double b, double c)
{
    double m = a > b ? a : b;
    return m > c ? m : c;
}

/* The first pixel whose centre lies at or after q: ceil(q - 0.5), kept within [lo, hi]. The
 * clamp comes first, so the conversion to int never sees a value out of its range; a NaN
 * gives lo. Truncation plus one when something was cut off is ceil for both signs. */
static inline int first_centre(double q, int lo, int hi)
{
    if (!(q > lo - 0.5))
        return lo;
    if (q > hi + 0.5)
        return hi;
    double t = q - 0.5;
    int i = (int)t;
    i += t > i;
    return i < lo ? lo : i > hi ? hi : i;
}

/* The rows and columns of one triangle's spans: every row's span is cut by the edges facing
 * left (a > 0: the span starts at or after them), facing right (a < 0: it ends before them),
 * and the horizontal ones (a = 0: the row is in or out as a whole). Each row takes the bound
 * of every edge on a side, not just the edge that crosses it, exactly as the plain half-open
 * test would; near a vertex that keeps rounding from moving a pixel. */
typedef struct Spans {
    Edge lefts[3], rights[3], flats[3];
    int nleft, nright, nflat;
} Spans;

static void spans_init(Spans *sp, const Edge e[3])
{
    sp->nleft = sp->nright = sp->nflat = 0;
    for (int k = 0; k < 3; k++) {
        if (e[k].a > 0)
            sp->lefts[sp->nleft++] = e[k];
        else if (e[k].a < 0)
            sp->rights[sp->nright++] = e[k];
        else
            sp->flats[sp->nflat++] = e[k];
    }
}

/* The span [*xa, *xb) of pixels in [left, right) whose centres lie inside on the row whose
 * centre is at yc; false when it is empty. */
static inline bool span(const Spans *sp, double yc, int left, int right, int *xa, int *xb)
{
    for (int k = 0; k < sp->nflat; k++)
        if (sp->flats[k].b * yc + sp->flats[k].c < 0)
            return false;
    int lo = left, hi = right;
    for (int k = 0; k < sp->nleft; k++) {
        const Edge *e = &sp->lefts[k];
        int x = first_centre(-(e->b * yc + e->c) / e->a, left, right);
        lo = x > lo ? x : lo;
    }
    for (int k = 0; k < sp->nright; k++) {
        const Edge *e = &sp->rights[k];
        int x = first_centre(-(e->b * yc + e->c) / e->a, left, right);
        hi = x < hi ? x : hi;
    }
    *xa = lo, *xb = hi;
    return lo < hi;
}

/* How a triangle colours its pixels: one colour, one colour whose alpha varies, or all four
 * channels as planes. */
typedef struct Shade {
    bool uniform, alpha_only;
    uint8_t alpha;                /* the one alpha, when uniform */
    uint32_t srb, sag, a0, solid; /* the first vertex's colour, as over() takes it */
    Plane pa, pr, pg, pb;
    double x0, y0; /* where the planes are anchored */
} Shade;

static Shade shade(SDL_Color c0, SDL_Color c1, SDL_Color c2, double x0, double y0, double x1,
                   double y1, double x2, double y2, double area)
{
    Shade sh = {0};
    sh.uniform = same_color(c0, c1) && same_color(c1, c2);
    sh.alpha_only = !sh.uniform && same_rgb(c0, c1) && same_rgb(c1, c2);
    sh.alpha = c0.a;
    uint32_t s = pack(c0);
    sh.srb = s & 0x00FF00FFu, sh.sag = 0x00FF0000u | ((s >> 8) & 0xFFu);
    sh.a0 = scale256(c0.a), sh.solid = s | 0xFF000000u;
    sh.x0 = x0, sh.y0 = y0;
    if (!sh.uniform)
        sh.pa = plane(c0.a, c1.a, c2.a, x0, y0, x1, y1, x2, y2, area);
    if (!sh.uniform && !sh.alpha_only) {
        sh.pr = plane(c0.r, c1.r, c2.r, x0, y0, x1, y1, x2, y2, area);
        sh.pg = plane(c0.g, c1.g, c2.g, x0, y0, x1, y1, x2, y2, area);
        sh.pb = plane(c0.b, c1.b, c2.b, x0, y0, x1, y1, x2, y2, area);
    }
    return sh;
}

/* Pixels [xa, xb) of the row whose centre is at yc. */
static inline void shade_row(const Shade *sh, uint32_t *row, int xa, int xb, double yc)
{
    if (sh->uniform) {
        if (sh->alpha == 255)
            fill_run(row + xa, xb - xa, sh->solid);
        else
            over_run(row + xa, xb - xa, sh->srb, sh->sag, sh->a0);
        return;
    }
    const Plane *pa = &sh->pa, *pr = &sh->pr, *pg = &sh->pg, *pb = &sh->pb;
    float fx = (float)(xa + 0.5 - sh->x0), fy = (float)(yc - sh->y0);
    float a = pa->at0 + pa->dx * fx + pa->dy * fy;
    if (sh->alpha_only) {
        for (int x = xa; x < xb; x++, a += pa->dx) {
            unsigned a8 = (unsigned)(clamp255(a) + 0.5f);
            if (a8)
                row[x] = over(row[x], sh->srb, sh->sag, scale256(a8));
        }
        return;
    }
    float cr = pr->at0 + pr->dx * fx + pr->dy * fy, cg = pg->at0 + pg->dx * fx + pg->dy * fy,
          cb = pb->at0 + pb->dx * fx + pb->dy * fy;
    for (int x = xa; x < xb; x++, a += pa->dx, cr += pr->dx, cg += pg->dx, cb += pb->dx) {
        unsigned a8 = (unsigned)(clamp255(a) + 0.5f);
        if (!a8)
            continue;
        uint32_t rr = (uint32_t)(clamp255(cr) + 0.5f), gg = (uint32_t)(clamp255(cg) + 0.5f),
                 bb = (uint32_t)(clamp255(cb) + 0.5f);
        row[x] = over(row[x], rr << 16 | bb, 0x00FF0000u | gg, scale256(a8));
    }
}

/* The first row at or after y that `rows` takes, counting stripes from the clip's top. */
static inline int first_row(const RasterRows *rows, int top, int y)
{
    if (rows->count <= 1)
        return y;
    int stripe = (y - top) / rows->stripe, k = stripe % rows->count;
    if (k == rows->index)
        return y;
    int skip = (rows->index - k + rows->count) % rows->count;
    return top + (stripe + skip) * rows->stripe;
}

/* The end of the stripe that holds row y, or `bottom` when there is one stripe. */
static inline int stripe_end(const RasterRows *rows, int top, int bottom, int y)
{
    if (rows->count <= 1)
        return bottom;
    int end = top + ((y - top) / rows->stripe + 1) * rows->stripe;
    return end < bottom ? end : bottom;
}

static void triangle(Raster *r, const SDL_Rect *clip, const RasterRows *rows, const SDL_Vertex *p0,
                     const SDL_Vertex *p1, const SDL_Vertex *p2)
{
    double x0 = p0->position.x, y0 = p0->position.y, x1 = p1->position.x, y1 = p1->position.y,
           x2 = p2->position.x, y2 = p2->position.y;
    int left = clip->x, top = clip->y, right = clip->x + clip->w, bottom = clip->y + clip->h;
    /* Rows first: in a band of the frame most triangles end here. With a NaN the comparisons
     * are false and the area below rejects the triangle. */
    double ymin = min3(y0, y1, y2), ymax = max3(y0, y1, y2);
    if (ymax <= top || ymin >= bottom)
        return;
    /* Rows whose centre y + 0.5 lies in [ymin, ymax), then those of them that `rows` takes. */
    int ya = first_centre(ymin, top, bottom), yb = first_centre(ymax, top, bottom);
    ya = first_row(rows, top, ya);
    if (ya >= yb)
        return;
    double area = (x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0);
    if (!(area != 0) || !isfinite(area))
        return;     /* flat, or NaN / infinite coordinates (either makes the area so) */
    if (area < 0) { /* orient so that inside is where every edge function is positive */
        const SDL_Vertex *t = p1;
        p1 = p2, p2 = t;
        double tx = x1, ty = y1;
        x1 = x2, y1 = y2, x2 = tx, y2 = ty;
        area = -area;
    }
    if (max3(x0, x1, x2) <= left || min3(x0, x1, x2) >= right)
        return;
    SDL_Color c0 = p0->color, c1 = p1->color, c2 = p2->color;
    if (c0.a == 0 && c1.a == 0 && c2.a == 0)
        return; /* invisible whatever the colours */
    Edge e[3] = {edge(x0, y0, x1, y1), edge(x1, y1, x2, y2), edge(x2, y2, x0, y0)};
    Spans sp;
    spans_init(&sp, e);

    Shade sh = shade(c0, c1, c2, x0, y0, x1, y1, x2, y2, area);
    for (int y = ya; y < yb; y = first_row(rows, top, y)) {
        for (int end = stripe_end(rows, top, yb, y); y < end; y++) {
            int xa, xb;
            if (span(&sp, y + 0.5, left, right, &xa, &xb))
                shade_row(&sh, r->px + (size_t)y * (size_t)r->stride, xa, xb, y + 0.5);
        }
    }
}

void raster_triangles_rows(Raster *r, const SDL_Rect *clip, const RasterRows *rows,
                           const SDL_Vertex *v, const int *indices, int nindices)
{
    RasterRows all = {1, 1, 0};
    if (!rows || rows->count <= 1 || rows->stripe <= 0)
        rows = &all;
    else if (rows->index < 0 || rows->index >= rows->count)
        return;
    for (int i = 0; i + 2 < nindices; i += 3)
        triangle(r, clip, rows, &v[indices[i]], &v[indices[i + 1]], &v[indices[i + 2]]);
}

void raster_triangles_clipped(Raster *r, const SDL_Rect *clip, const SDL_Vertex *v,
                              const int *indices, int nindices)
{
    raster_triangles_rows(r, clip, NULL, v, indices, nindices);
}

void raster_triangles(Raster *r, const SDL_Vertex *v, const int *indices, int nindices)
{
    raster_triangles_clipped(r, &(SDL_Rect){0, 0, r->width, r->height}, v, indices, nindices);
}
