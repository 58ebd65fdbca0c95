/* The rasterizer on several threads: stripes of rows shared out draw every row once, and a
 * frame drawn by a pool is the same, byte for byte, as the frame drawn by one thread. */
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
#include "render/raster_pool.h"

#define FW 1920
#define FH 1080

static SDL_Color random_color(bool opaque)
{
    return (SDL_Color){(Uint8)(rand() % 256), (Uint8)(rand() % 256), (Uint8)(rand() % 256),
                       (Uint8)(opaque ? 255 : rand() % 256)};
}

static float frand(float lo, float hi)
{
    return lo + (hi - lo) * (float)rand() / (float)RAND_MAX;
}

/* A frame's worth of triangles of the kinds a map draws, in drawing order: large fills that
 * cross many stripes, strokes as long thin quads whose outer edges fade (alpha only varies),
 * small shaded triangles, some reaching outside the frame, and a few with bad coordinates. */
typedef struct Scene {
    SDL_Vertex *v;
    int *idx;
    int nv, ni;
} Scene;

static void add(Scene *s, float x, float y, SDL_Color c)
{
    s->v[s->nv] = (SDL_Vertex){{x, y}, c, {0, 0}};
    s->idx[s->ni++] = s->nv++;
}

static Scene make_scene(int ntriangles, unsigned seed)
{
    Scene s = {malloc(sizeof *s.v * 3 * (size_t)ntriangles),
               malloc(sizeof *s.idx * 3 * (size_t)ntriangles), 0, 0};
    assert_non_null(s.v);
    assert_non_null(s.idx);
    srand(seed);
    while (s.ni + 6 <= 3 * ntriangles) {
        int kind = rand() % 10;
        if (kind == 0) { /* a fill, up to half the frame, sometimes past its edge */
            SDL_Color c = random_color(rand() % 2);
            for (int k = 0; k < 3; k++)
                add(&s, frand(-200, FW + 200), frand(-200, FH + 200), c);
        } else if (kind < 7) { /* a stroke segment with fading sides */
            float x = frand(-20, FW + 20), y = frand(-20, FH + 20), t = frand(0, 6.283f);
            float len = frand(1, 60), wid = frand(0.3f, 3), dx = cosf(t), dy = sinf(t);
            SDL_Color in = random_color(false), out = in;
            out.a = 0;
            float nx = -dy * wid, ny = dx * wid;
            add(&s, x + nx, y + ny, out);
            add(&s, x - nx, y - ny, in);
            add(&s, x + dx * len + nx, y + dy * len + ny, out);
            s.idx[s.ni++] = s.nv - 1;
            s.idx[s.ni++] = s.nv - 2;
            add(&s, x + dx * len - nx, y + dy * len - ny, in);
        } else if (kind < 9) { /* a small shaded triangle */
            float x = frand(0, FW), y = frand(0, FH);
            for (int k = 0; k < 3; k++)
                add(&s, x + frand(-15, 15), y + frand(-15, 15), random_color(false));
        } else { /* bad coordinates */
            const float odd[] = {NAN, INFINITY, -INFINITY, 3e38f, -3e38f, 5e9f};
            SDL_Color c = random_color(false);
            add(&s, odd[rand() % 6], frand(0, FH), c);
            add(&s, frand(0, FW), odd[rand() % 6], c);
            add(&s, frand(0, FW), frand(0, FH), c);
        }
    }
    return s;
}

static void free_scene(Scene *s)
{
    free(s->v);
    free(s->idx);
}

static uint32_t *draw_with(int threads, const Scene *s, const SDL_Rect *clip)
{
    uint32_t *px = malloc(sizeof *px * FW * FH);
    assert_non_null(px);
    Raster r = {px, FW, FH, FW};
    raster_fill(&r, (SDL_Color){170, 200, 230, 255});
    RasterPool *pool = raster_pool_create(threads);
    assert_non_null(pool);
    raster_pool_triangles_clipped(pool, &r, clip, s->v, s->idx, s->ni);
    raster_pool_destroy(pool);
    return px;
}

static int differing_pixels(const uint32_t *a, const uint32_t *b)
{
    int n = 0;
    for (int i = 0; i < FW * FH; i++)
        n += a[i] != b[i];
    return n;
}

static void pool_should_draw_a_frame_as_one_thread_does(void **state)
{
    (void)state;
    Scene s = make_scene(30000, 21);
    SDL_Rect whole = {0, 0, FW, FH};
    uint32_t *one = draw_with(1, &s, &whole);
    for (int threads = 2; threads <= 4; threads++) {
        uint32_t *many = draw_with(threads, &s, &whole);
        assert_int_equal(differing_pixels(one, many), 0);
        assert_memory_equal(one, many, sizeof *one * FW * FH);
        free(many);
    }
    /* A clip inside the frame, with rows that do not divide evenly into stripes. */
    SDL_Rect part = {101, 77, 1500, 901};
    uint32_t *one_part = draw_with(1, &s, &part), *two_part = draw_with(2, &s, &part);
    assert_int_equal(differing_pixels(one_part, two_part), 0);
    free(one_part);
    free(two_part);
    free(one);
    free_scene(&s);
}

/* Stripes numbered modulo `count`: drawn one share at a time, into one image, the shares give
 * the same pixels as a whole draw; and a share leaves the other shares' rows alone. */
static void row_shares_should_cover_every_row_once(void **state)
{
    (void)state;
    enum { W = 64, H = 101 };
    Scene s = make_scene(400, 4);
    for (int i = 0; i < s.nv; i++) { /* bring the scene down to this image */
        s.v[i].position.x /= 30;
        s.v[i].position.y /= 10;
    }
    static uint32_t whole[W * H], shares[W * H], alone[W * H];
    SDL_Rect clip = {3, 5, W - 7, H - 9};
    Raster r = {whole, W, H, W};
    raster_fill(&r, (SDL_Color){0, 0, 0, 255});
    raster_triangles_clipped(&r, &clip, s.v, s.idx, s.ni);
    const int stripes[] = {1, 4, 7, 32};
    for (int k = 0; k < 4; k++) {
        for (int count = 2; count <= 4; count++) {
            Raster p = {shares, W, H, W};
            raster_fill(&p, (SDL_Color){0, 0, 0, 255});
            for (int index = count - 1; index >= 0; index--) {
                RasterRows rows = {stripes[k], count, index};
                raster_triangles_rows(&p, &clip, &rows, s.v, s.idx, s.ni);
            }
            assert_memory_equal(whole, shares, sizeof whole);
            /* Share 1 alone changes only rows of its own stripes. */
            Raster a = {alone, W, H, W};
            raster_fill(&a, (SDL_Color){0, 0, 0, 255});
            raster_triangles_rows(&a, &clip, &(RasterRows){stripes[k], count, 1}, s.v, s.idx, s.ni);
            for (int y = 0; y < H; y++) {
                bool mine = y >= clip.y && ((y - clip.y) / stripes[k]) % count == 1;
                for (int x = 0; x < W; x++)
                    assert_int_equal(alone[y * W + x], mine ? whole[y * W + x] : 0xFF000000u);
            }
        }
    }
    /* A share that no thread could be is nothing. */
    raster_fill(&r, (SDL_Color){0, 0, 0, 255});
    raster_triangles_rows(&r, &clip, &(RasterRows){8, 2, 2}, s.v, s.idx, s.ni);
    for (int i = 0; i < W * H; i++)
        assert_int_equal(r.px[i], 0xFF000000u);
    free_scene(&s);
}

static void pool_size_should_follow_the_request_and_the_environment(void **state)
{
    (void)state;
    RasterPool *one = raster_pool_create(1), *three = raster_pool_create(3);
    assert_int_equal(raster_pool_threads(one), 1);
    assert_in_range(raster_pool_threads(three), 1, 3); /* fewer if a thread was refused */
    raster_pool_destroy(one);
    raster_pool_destroy(three);
    assert_int_equal(raster_pool_threads(NULL), 1);
    raster_pool_destroy(NULL);

    setenv(RASTER_POOL_THREADS_ENV, "1", 1);
    RasterPool *forced = raster_pool_create(0);
    assert_int_equal(raster_pool_threads(forced), 1);
    raster_pool_destroy(forced);
    setenv(RASTER_POOL_THREADS_ENV, "2x", 1); /* not a count: the machine decides */
    RasterPool *machine = raster_pool_create(0);
    assert_in_range(raster_pool_threads(machine), 1, 16);
    raster_pool_destroy(machine);
    unsetenv(RASTER_POOL_THREADS_ENV);
}

/* Many small draws in a row through one pool (as frames are), some too small to share out, with
 * a NULL pool drawing on the caller: each the same as one thread's. */
static void pool_should_serve_draw_after_draw(void **state)
{
    (void)state;
    Scene s = make_scene(3000, 8);
    uint32_t *a = malloc(sizeof *a * FW * FH), *b = malloc(sizeof *b * FW * FH);
    assert_non_null(a);
    assert_non_null(b);
    RasterPool *pool = raster_pool_create(2);
    for (int round = 0; round < 40; round++) {
        SDL_Rect clip = {rand() % 400, rand() % 300, 0, 0};
        clip.w = 1 + rand() % (FW - clip.x), clip.h = 1 + rand() % (FH - clip.y);
        int n = 3 * (1 + rand() % (s.ni / 3));
        Raster ra = {a, FW, FH, FW}, rb = {b, FW, FH, FW};
        raster_fill(&ra, (SDL_Color){0, 0, 0, 255});
        raster_fill(&rb, (SDL_Color){0, 0, 0, 255});
        raster_triangles_clipped(&ra, &clip, s.v, s.idx, n);
        raster_pool_triangles_clipped(round % 5 ? pool : NULL, &rb, &clip, s.v, s.idx, n);
        assert_int_equal(differing_pixels(a, b), 0);
    }
    raster_pool_destroy(pool);
    free(a);
    free(b);
    free_scene(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pool_should_draw_a_frame_as_one_thread_does),
        cmocka_unit_test(row_shares_should_cover_every_row_once),
        cmocka_unit_test(pool_size_should_follow_the_request_and_the_environment),
        cmocka_unit_test(pool_should_serve_draw_after_draw),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
