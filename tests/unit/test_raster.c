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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fill_should_set_every_pixel_opaque),
        cmocka_unit_test(blend_should_be_source_over),
        cmocka_unit_test(shared_edges_should_be_drawn_once),
        cmocka_unit_test(triangles_off_the_image_should_be_clipped),
        cmocka_unit_test(alpha_should_fade_across_a_triangle),
        cmocka_unit_test(clipped_pieces_should_match_a_whole_draw),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
