/* The software rasterizer: coverage by pixel centres, shared edges drawn once, clipping,
 * blending "source over" and colours interpolated across a triangle. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "render/raster.h"

#define W 16
#define H 12

static SDL_Vertex vtx(float x, float y, SDL_Color c)
{
    return (SDL_Vertex){{x, y}, c, {0, 0}};
}

static unsigned channel(uint32_t px, int shift)
{
    return (px >> shift) & 0xFF;
}

static void fill_should_set_every_pixel_opaque(void **state)
{
    (void)state;
    uint32_t px[W * H];
    Raster r = {px, W, H, W};
    raster_fill(&r, (SDL_Color){10, 20, 30, 0});
    for (int i = 0; i < W * H; i++)
        assert_int_equal(px[i], 0xFF0A141Eu);
}

static void blend_should_be_source_over(void **state)
{
    (void)state;
    uint32_t white_half = raster_blend(0xFF000000u, (SDL_Color){255, 255, 255, 128});
    assert_in_range(channel(white_half, 16), 127, 129);
    assert_int_equal(channel(white_half, 24), 255);
    assert_int_equal(raster_blend(0xFF123456u, (SDL_Color){1, 2, 3, 0}), 0xFF123456u);
    assert_int_equal(raster_blend(0xFF123456u, (SDL_Color){1, 2, 3, 255}), 0xFF010203u);
}

/* A square of two translucent triangles: every pixel inside is blended exactly once, so the
 * square is one even colour with no seam along the diagonal; pixels outside stay as they are. */
static void shared_edges_should_be_drawn_once(void **state)
{
    (void)state;
    uint32_t px[W * H];
    Raster r = {px, W, H, W};
    raster_fill(&r, (SDL_Color){0, 0, 0, 255});
    SDL_Color c = {200, 0, 0, 128};
    SDL_Vertex v[4] = {vtx(2.3f, 1.7f, c), vtx(13.1f, 1.7f, c), vtx(13.1f, 9.9f, c),
                       vtx(2.3f, 9.9f, c)};
    int idx[6] = {0, 1, 2, 0, 2, 3};
    raster_triangles(&r, v, idx, 6);
    uint32_t once = raster_blend(0xFF000000u, c);
    for (int y = 0; y < H; y++) {
        for (int x = 0; x < W; x++) {
            bool inside = x + 0.5 >= 2.3 && x + 0.5 < 13.1 && y + 0.5 >= 1.7 && y + 0.5 < 9.9;
            assert_int_equal(px[y * W + x], inside ? once : 0xFF000000u);
        }
    }
}

static void triangles_off_the_image_should_be_clipped(void **state)
{
    (void)state;
    uint32_t px[W * H + 8];
    for (int i = W * H; i < W * H + 8; i++)
        px[i] = 0xDEADBEEFu; /* a guard after the image */
    Raster r = {px, W, H, W};
    raster_fill(&r, (SDL_Color){0, 0, 0, 255});
    SDL_Color c = {0, 255, 0, 255};
    SDL_Vertex v[6] = {vtx(-1e6f, -1e6f, c), vtx(1e6f, -1e6f, c), vtx(0, 1e6f, c),
                       vtx(NAN, 0, c),       vtx(5, 5, c),        vtx(8, 2, c)};
    int idx[6] = {0, 1, 2, 3, 4, 5};
    raster_triangles(&r, v, idx, 6);
    for (int i = 0; i < W * H; i++)
        assert_int_equal(px[i], 0xFF00FF00u); /* the huge triangle covers all; NaN is skipped */
    for (int i = W * H; i < W * H + 8; i++)
        assert_int_equal(px[i], 0xDEADBEEFu);
}

static void alpha_should_fade_across_a_triangle(void **state)
{
    (void)state;
    uint32_t px[W * H];
    Raster r = {px, W, H, W};
    raster_fill(&r, (SDL_Color){0, 0, 0, 255});
    /* Opaque white along x = 0, transparent at x = 16: a fringe, as strokes have. */
    SDL_Color on = {255, 255, 255, 255}, off = {255, 255, 255, 0};
    SDL_Vertex v[4] = {vtx(0, 0, on), vtx(16, 0, off), vtx(16, 12, off), vtx(0, 12, on)};
    int idx[6] = {0, 1, 2, 0, 2, 3};
    raster_triangles(&r, v, idx, 6);
    unsigned last = 256;
    for (int x = 0; x < W; x++) {
        unsigned g = channel(px[5 * W + x], 8);
        unsigned expect = (unsigned)lround(255.0 * (1 - (x + 0.5) / 16));
        assert_in_range(g, expect > 2 ? expect - 2 : 0, expect + 2);
        assert_true(g <= last);
        last = g;
    }
}

/* Random triangles of every colour kind, drawn whole and then as four clipped pieces of the
 * image: the pieces together must give the same pixels, so a strip or a band drawn alone
 * matches a full redraw exactly. */
static void clipped_pieces_should_match_a_whole_draw(void **state)
{
    (void)state;
    enum { N = 60 };
    SDL_Vertex v[3 * N];
    int idx[3 * N];
    srand(7);
    for (int i = 0; i < 3 * N; i++) {
        SDL_Color c = {(Uint8)(rand() % 256), (Uint8)(rand() % 256), (Uint8)(rand() % 256),
                       (Uint8)(rand() % 256)};
        v[i] = vtx((float)(rand() % 400) / 10 - 12, (float)(rand() % 300) / 10 - 9, c);
        idx[i] = i;
    }
    uint32_t whole[W * H], pieces[W * H];
    Raster r = {whole, W, H, W};
    raster_fill(&r, (SDL_Color){10, 20, 30, 255});
    raster_triangles(&r, v, idx, 3 * N);
    const int cuts[4][4] = {{0, 0, W, 5}, {0, 5, 7, H - 5}, {7, 5, 1, H - 5}, {8, 5, W - 8, H - 5}};
    for (int k = 0; k < 4; k++) {
        Raster p = {pieces, W, H, W};
        SDL_Rect clip = {cuts[k][0], cuts[k][1], cuts[k][2], cuts[k][3]};
        raster_fill_clipped(&p, &clip, (SDL_Color){10, 20, 30, 255});
        raster_triangles_clipped(&p, &clip, v, idx, 3 * N);
    }
    int differ = 0;
    for (int i = 0; i < W * H; i++)
        differ += whole[i] != pieces[i];
    assert_int_equal(differ, 0);
    /* Nothing is drawn outside the clip. */
    uint32_t outside[W * H];
    Raster c = {outside, W, H, W};
    raster_fill(&c, (SDL_Color){0, 0, 0, 255});
    raster_triangles_clipped(&c, &(SDL_Rect){4, 3, 5, 4}, v, idx, 3 * N);
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++)
            if (x < 4 || x >= 9 || y < 3 || y >= 7)
                assert_int_equal(outside[y * W + x], 0xFF000000u);
}

/* The contract, pixel by pixel and without spans: a pixel belongs to a triangle when its
 * centre lies in the rows [ymin, ymax) and on the inner side of each edge, the bound of an
 * edge being -(b yc + c) / a on the centre's row; edges facing left (a > 0) include their
 * bound, edges facing right exclude it, and a horizontal edge keeps a row when b yc + c >= 0.
 * Triangles whose area is zero or not finite draw nothing. */
static bool reference_covers(const SDL_Vertex *p0, const SDL_Vertex *p1, const SDL_Vertex *p2,
                             double xc, double yc)
{
    double x[3] = {p0->position.x, p1->position.x, p2->position.x};
    double y[3] = {p0->position.y, p1->position.y, p2->position.y};
    double area = (x[1] - x[0]) * (y[2] - y[0]) - (x[2] - x[0]) * (y[1] - y[0]);
    if (area == 0 || !isfinite(area))
        return false;
    if (area < 0) {
        double t = x[1];
        x[1] = x[2], x[2] = t;
        t = y[1], y[1] = y[2], y[2] = t;
    }
    double ymin = fmin(y[0], fmin(y[1], y[2])), ymax = fmax(y[0], fmax(y[1], y[2]));
    if (!(yc >= ymin && yc < ymax))
        return false;
    for (int k = 0; k < 3; k++) {
        int j = (k + 1) % 3;
        double a = y[k] - y[j], b = x[j] - x[k], c = x[k] * y[j] - x[j] * y[k];
        double kk = b * yc + c;
        if (a > 0 && !(xc >= -kk / a))
            return false;
        if (a < 0 && !(xc < -kk / a))
            return false;
        if (a == 0 && kk < 0)
            return false;
    }
    return true;
}

/* Draws the triangles one pixel at a time, inside `clip`, blending `c` where one covers. */
static void reference_draw(uint32_t *px, int w, const SDL_Rect *clip, const SDL_Vertex *v,
                           const int *idx, int n, SDL_Color c)
{
    for (int i = 0; i + 2 < n; i += 3)
        for (int y = clip->y; y < clip->y + clip->h; y++)
            for (int x = clip->x; x < clip->x + clip->w; x++)
                if (reference_covers(&v[idx[i]], &v[idx[i + 1]], &v[idx[i + 2]], x + 0.5, y + 0.5))
                    px[y * w + x] = raster_blend(px[y * w + x], c);
}

/* A coordinate for the random tests: mostly on a quarter-pixel grid, where pixel centres fall
 * exactly on edges and the half-open rule decides; some anywhere; a few far outside. */
static float coordinate(int span)
{
    int kind = rand() % 16;
    if (kind < 9)
        return (float)(rand() % (span * 4 + 40) - 20) / 4.0f;
    if (kind < 14)
        return (float)rand() / (float)RAND_MAX * (float)(span + 10) - 5.0f;
    return (float)(rand() % 2 ? 1 : -1) * (float)(rand() % 5000) * 7.3f;
}

/* Thin, clipped, shared-edge and ordinary triangles, opaque and translucent, each drawn by the
 * rasterizer and by the reference into a random clip: the pixels must be the same, bit for bit.
 * A bound one pixel off on any row of any triangle fails this. */
static void triangles_should_cover_what_the_reference_covers(void **state)
{
    (void)state;
    enum { RW = 37, RH = 29, N = 24, ROUNDS = 400 };
    srand(11);
    long covered = 0;
    for (int round = 0; round < ROUNDS; round++) {
        SDL_Color c = {(Uint8)(rand() % 256), (Uint8)(rand() % 256), (Uint8)(rand() % 256),
                       (Uint8)(round % 3 ? 1 + rand() % 254 : 255)};
        SDL_Vertex v[3 * N + 1];
        int idx[3 * N];
        for (int i = 0; i < 3 * N; i++) {
            v[i] = vtx(coordinate(RW), coordinate(RH), c);
            idx[i] = i;
        }
        for (int i = 0; i + 2 < 3 * N; i += 6) {
            /* A neighbour sharing an edge, the way meshes and strokes are built. */
            idx[i + 3] = idx[i + 1], idx[i + 4] = idx[i];
            if (rand() % 3 == 0) /* a sliver: its third point near the shared edge */
                v[i + 5].position = (SDL_FPoint){(v[i].position.x + v[i + 1].position.x) / 2 +
                                                     0.01f * (float)(rand() % 5),
                                                 (v[i].position.y + v[i + 1].position.y) / 2};
        }
        SDL_Rect clip = {rand() % RW, rand() % RH, 0, 0};
        clip.w = 1 + rand() % (RW - clip.x), clip.h = 1 + rand() % (RH - clip.y);
        if (round % 4 == 0)
            clip = (SDL_Rect){0, 0, RW, RH};
        uint32_t got[RW * RH], want[RW * RH];
        for (int i = 0; i < RW * RH; i++)
            got[i] = want[i] = 0xFF000000u | (uint32_t)(i * 2654435761u >> 8);
        Raster r = {got, RW, RH, RW};
        raster_triangles_clipped(&r, &clip, v, idx, 3 * N);
        reference_draw(want, RW, &clip, v, idx, 3 * N, c);
        int differ = 0;
        for (int i = 0; i < RW * RH; i++) {
            differ += got[i] != want[i];
            covered += got[i] != (0xFF000000u | (uint32_t)(i * 2654435761u >> 8));
        }
        if (differ)
            fail_msg("round %d: %d pixels differ from the reference", round, differ);
    }
    assert_true(covered > 10000); /* the rounds drew something */
}

/* Random convex polygons cut into fans of translucent triangles: along every shared edge each
 * pixel is blended exactly once, so the polygon is one colour with no seam and no double
 * blend, and it covers exactly the pixels the reference gives the fan. */
static void fans_should_blend_every_pixel_once(void **state)
{
    (void)state;
    enum { RW = 40, RH = 32, SIDES = 9, ROUNDS = 200 };
    srand(5);
    SDL_Color c = {250, 30, 60, 100};
    uint32_t once = raster_blend(0xFF000000u, c);
    for (int round = 0; round < ROUNDS; round++) {
        float cx = coordinate(RW), cy = coordinate(RH);
        float radius = 2 + (float)(rand() % 400) / 10, turn = (float)(rand() % 628) / 100;
        SDL_Vertex v[SIDES + 1];
        int idx[3 * SIDES];
        v[SIDES] = vtx(cx, cy, c);
        for (int k = 0; k < SIDES; k++) {
            float t = turn + 6.2831853f * (float)k / SIDES;
            v[k] = vtx(cx + radius * cosf(t), cy + radius * 0.7f * sinf(t), c);
            if (round % 2) /* snapped to the grid: centres on edges */
                v[k].position =
                    (SDL_FPoint){roundf(v[k].position.x * 2) / 2, roundf(v[k].position.y * 2) / 2};
            idx[3 * k] = SIDES, idx[3 * k + 1] = k, idx[3 * k + 2] = (k + 1) % SIDES;
        }
        uint32_t got[RW * RH], want[RW * RH];
        Raster r = {got, RW, RH, RW};
        raster_fill(&r, (SDL_Color){0, 0, 0, 255});
        memcpy(want, got, sizeof got);
        raster_triangles(&r, v, idx, 3 * SIDES);
        reference_draw(want, RW, &(SDL_Rect){0, 0, RW, RH}, v, idx, 3 * SIDES, c);
        for (int i = 0; i < RW * RH; i++) {
            if (got[i] != 0xFF000000u && got[i] != once)
                fail_msg("round %d: pixel %d,%d blended more than once", round, i % RW, i / RW);
            assert_int_equal(got[i], want[i]);
        }
    }
}

/* Colours that vary across the triangle take other loops; their spans must be the same. Every
 * vertex is opaque enough and red enough to change a black pixel, so the pixels that changed
 * are the pixels covered. */
static void shaded_triangles_should_cover_what_the_reference_covers(void **state)
{
    (void)state;
    enum { RW = 33, RH = 27, N = 30 };
    srand(3);
    for (int round = 0; round < 100; round++) {
        SDL_Vertex v[3 * N];
        int idx[3 * N];
        for (int i = 0; i < 3 * N; i++) {
            bool rgb_varies = round % 2;
            SDL_Color c = {(Uint8)(rgb_varies ? 160 + rand() % 96 : 200), 0,
                           (Uint8)(rgb_varies ? rand() % 256 : 0), (Uint8)(160 + rand() % 96)};
            v[i] = vtx(coordinate(RW), coordinate(RH), c);
            idx[i] = i;
        }
        for (int i = 0; i < 3 * N; i += 3) {
            uint32_t got[RW * RH];
            Raster r = {got, RW, RH, RW};
            raster_fill(&r, (SDL_Color){0, 0, 0, 255});
            raster_triangles(&r, v, idx + i, 3);
            for (int y = 0; y < RH; y++)
                for (int x = 0; x < RW; x++)
                    assert_int_equal(
                        got[y * RW + x] != 0xFF000000u,
                        reference_covers(&v[i], &v[i + 1], &v[i + 2], x + 0.5, y + 0.5));
        }
    }
}

/* NaN, infinite and huge coordinates in every position: nothing is written outside the image,
 * nothing crashes, and what is drawn is what the reference draws. */
static void bad_coordinates_should_draw_as_the_reference(void **state)
{
    (void)state;
    const float odd[] = {NAN,    INFINITY,      -INFINITY,      3.4e38f, -3.4e38f, 1e20f,
                         -1e20f, 2147483648.0f, -2147483648.0f, 1e-30f,  6.5f,     0};
    enum { NODD = sizeof odd / sizeof odd[0], RW = 12, RH = 10 };
    srand(9);
    SDL_Color c = {9, 200, 30, 140};
    for (int round = 0; round < 3000; round++) {
        SDL_Vertex v[3];
        for (int k = 0; k < 3; k++)
            v[k] = vtx(rand() % 2 ? odd[rand() % NODD] : coordinate(RW),
                       rand() % 2 ? odd[rand() % NODD] : coordinate(RH), c);
        uint32_t got[RW * RH + 4], want[RW * RH];
        for (int i = 0; i < RW * RH + 4; i++)
            got[i] = 0xFF000000u | (uint32_t)i;
        memcpy(want, got, sizeof want);
        Raster r = {got, RW, RH, RW};
        raster_triangles(&r, v, (const int[]){0, 1, 2}, 3);
        reference_draw(want, RW, &(SDL_Rect){0, 0, RW, RH}, v, (const int[]){0, 1, 2}, 3, c);
        for (int i = 0; i < RW * RH; i++)
            assert_int_equal(got[i], want[i]);
        for (int i = RW * RH; i < RW * RH + 4; i++)
            assert_int_equal(got[i], 0xFF000000u | (uint32_t)i);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fill_should_set_every_pixel_opaque),
        cmocka_unit_test(blend_should_be_source_over),
        cmocka_unit_test(shared_edges_should_be_drawn_once),
        cmocka_unit_test(triangles_off_the_image_should_be_clipped),
        cmocka_unit_test(alpha_should_fade_across_a_triangle),
        cmocka_unit_test(clipped_pieces_should_match_a_whole_draw),
        cmocka_unit_test(triangles_should_cover_what_the_reference_covers),
        cmocka_unit_test(fans_should_blend_every_pixel_once),
        cmocka_unit_test(shaded_triangles_should_cover_what_the_reference_covers),
        cmocka_unit_test(bad_coordinates_should_draw_as_the_reference),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
