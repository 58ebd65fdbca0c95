/*
 * Scanline rasterization of triangles into an ARGB8888 buffer (see raster.h for why).
 *
 * Each triangle is set up in double precision (edge functions that are exactly antisymmetric
 * between two triangles sharing an edge, so the shared edge yields the same bound in both),
 * then walked row by row: the three edges clip the row to one span, and only that span is
 * touched. Colours are interpolated as planes; the common cases (one colour for the whole
 * triangle, or one colour whose alpha alone varies, as in stroke fringes) have their own loops.
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

uint32_t raster_blend(uint32_t dst, SDL_Color c)
{
    uint32_t p = pack(c);
    return over(dst, p & 0x00FF00FFu, 0x00FF0000u | ((p >> 8) & 0xFFu), scale256(c.a));
}

void raster_fill_clipped(Raster *r, const SDL_Rect *clip, SDL_Color color)
{
    color.a = 255;
    uint32_t p = pack(color);
    for (int y = clip->y; y < clip->y + clip->h; y++) {
        uint32_t *row = r->px + (size_t)y * (size_t)r->stride;
        for (int x = clip->x; x < clip->x + clip->w; x++)
            row[x] = p;
    }
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

static void triangle(Raster *r, const SDL_Rect *clip, const SDL_Vertex *p0, const SDL_Vertex *p1,
                     const SDL_Vertex *p2)
{
    double x0 = p0->position.x, y0 = p0->position.y, x1 = p1->position.x, y1 = p1->position.y,
           x2 = p2->position.x, y2 = p2->position.y;
    double area = (x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0);
    if (!(area != 0) || !isfinite(area))
        return;     /* flat, or NaN / infinite coordinates */
    if (area < 0) { /* orient so that inside is where every edge function is positive */
        const SDL_Vertex *t = p1;
        p1 = p2, p2 = t;
        double tx = x1, ty = y1;
        x1 = x2, y1 = y2, x2 = tx, y2 = ty;
        area = -area;
    }
    double ymin = fmin(y0, fmin(y1, y2)), ymax = fmax(y0, fmax(y1, y2));
    double xmin = fmin(x0, fmin(x1, x2)), xmax = fmax(x0, fmax(x1, x2));
    int left = clip->x, top = clip->y, right = clip->x + clip->w, bottom = clip->y + clip->h;
    if (ymax <= top || xmax <= left || ymin >= bottom || xmin >= right)
        return;
    /* Rows whose centre y + 0.5 lies in [ymin, ymax). */
    int ya = (int)ceil(ymin - 0.5), yb = (int)ceil(ymax - 0.5);
    if (ya < top)
        ya = top;
    if (yb > bottom)
        yb = bottom;
    Edge e[3] = {edge(x0, y0, x1, y1), edge(x1, y1, x2, y2), edge(x2, y2, x0, y0)};

    SDL_Color c0 = p0->color, c1 = p1->color, c2 = p2->color;
    bool uniform = same_color(c0, c1) && same_color(c1, c2);
    bool alpha_only = !uniform && same_rgb(c0, c1) && same_rgb(c1, c2);
    if (uniform && c0.a == 0)
        return;
    uint32_t s = pack(c0), srb = s & 0x00FF00FFu, sag = 0x00FF0000u | ((s >> 8) & 0xFFu);
    uint32_t a0 = scale256(c0.a), solid = s | 0xFF000000u;
    Plane pa = plane(c0.a, c1.a, c2.a, x0, y0, x1, y1, x2, y2, area);
    Plane pr = {0, 0, 0}, pg = {0, 0, 0}, pb = {0, 0, 0};
    if (!uniform && !alpha_only) {
        pr = plane(c0.r, c1.r, c2.r, x0, y0, x1, y1, x2, y2, area);
        pg = plane(c0.g, c1.g, c2.g, x0, y0, x1, y1, x2, y2, area);
        pb = plane(c0.b, c1.b, c2.b, x0, y0, x1, y1, x2, y2, area);
    }
    for (int y = ya; y < yb; y++) {
        double yc = y + 0.5, lo = left, hi = right;
        bool empty = false;
        for (int k = 0; k < 3; k++) {
            double kk = e[k].b * yc + e[k].c;
            if (e[k].a > 0)
                lo = fmax(lo, -kk / e[k].a);
            else if (e[k].a < 0)
                hi = fmin(hi, -kk / e[k].a);
            else if (kk < 0)
                empty = true;
        }
        if (empty || !(lo < hi))
            continue;
        /* Pixels whose centre x + 0.5 lies in [lo, hi). */
        int xa = (int)ceil(lo - 0.5), xb = (int)ceil(hi - 0.5);
        if (xa < left)
            xa = left;
        if (xb > right)
            xb = right;
        uint32_t *row = r->px + (size_t)y * (size_t)r->stride;
        if (uniform) {
            if (c0.a == 255)
                for (int x = xa; x < xb; x++)
                    row[x] = solid;
            else
                for (int x = xa; x < xb; x++)
                    row[x] = over(row[x], srb, sag, a0);
            continue;
        }
        float fx = (float)(xa + 0.5 - x0), fy = (float)(yc - y0);
        float a = pa.at0 + pa.dx * fx + pa.dy * fy;
        if (alpha_only) {
            for (int x = xa; x < xb; x++, a += pa.dx) {
                unsigned a8 = (unsigned)(clamp255(a) + 0.5f);
                if (a8)
                    row[x] = over(row[x], srb, sag, scale256(a8));
            }
            continue;
        }
        float cr = pr.at0 + pr.dx * fx + pr.dy * fy, cg = pg.at0 + pg.dx * fx + pg.dy * fy,
              cb = pb.at0 + pb.dx * fx + pb.dy * fy;
        for (int x = xa; x < xb; x++, a += pa.dx, cr += pr.dx, cg += pg.dx, cb += pb.dx) {
            unsigned a8 = (unsigned)(clamp255(a) + 0.5f);
            if (!a8)
                continue;
            uint32_t rr = (uint32_t)(clamp255(cr) + 0.5f), gg = (uint32_t)(clamp255(cg) + 0.5f),
                     bb = (uint32_t)(clamp255(cb) + 0.5f);
            row[x] = over(row[x], rr << 16 | bb, 0x00FF0000u | gg, scale256(a8));
        }
    }
}

void raster_triangles_clipped(Raster *r, const SDL_Rect *clip, const SDL_Vertex *v,
                              const int *indices, int nindices)
{
    for (int i = 0; i + 2 < nindices; i += 3)
        triangle(r, clip, &v[indices[i]], &v[indices[i + 1]], &v[indices[i + 2]]);
}

void raster_triangles(Raster *r, const SDL_Vertex *v, const int *indices, int nindices)
{
    raster_triangles_clipped(r, &(SDL_Rect){0, 0, r->width, r->height}, v, indices, nindices);
}
