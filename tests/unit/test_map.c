/* The map frame in the software renderer: a pan by whole pixels moves the last picture and
 * draws only the strips that came into view; the result must be the frame a full redraw
 * makes (to a level of rounding on anti-aliased edges). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "render/map.h"
#include "render/theme.h"

enum { W = 320, H = 200 };

typedef struct Frame {
    SDL_Surface *surface;
    SDL_Renderer *renderer;
    TextCache *text;
    MapRenderer *map;
} Frame;

static void frame_open(Frame *f, WkDiag *diag)
{
    const char *fonts[TEXT_FONT_COUNT] = {NULL};
    f->surface = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(f->surface);
    f->renderer = SDL_CreateSoftwareRenderer(f->surface);
    assert_non_null(f->renderer);
    f->text = text_create(f->renderer, fonts, diag);
    f->map = map_renderer_create(f->text);
    assert_non_null(f->map);
}

static void frame_close(Frame *f)
{
    map_renderer_destroy(f->map);
    text_destroy(f->text);
    SDL_DestroyRenderer(f->renderer);
    SDL_FreeSurface(f->surface);
}

static void draw(Frame *f, Atlas *a, const Camera *cam, double t)
{
    MapState st = {.t = t,
                   .fade = 2,
                   .theme = theme_default(),
                   .ui_scale = 1,
                   .selected_place = -1,
                   .selected_overlay = -1,
                   .hover_place = -1,
                   .hover_overlay = -1};
    assert_int_equal(map_draw(f->map, f->renderer, a, cam, &st), 0);
    SDL_RenderPresent(f->renderer);
}

/* Pixels whose colour differs by more than `tolerance` in any channel. Vertices of the two
 * frames are computed from different centres, so anti-aliased edges may round one level
 * apart; anything misplaced differs by far more. */
static int differing_pixels(const SDL_Surface *a, const SDL_Surface *b, int tolerance)
{
    int n = 0;
    for (int y = 0; y < H; y++) {
        const uint32_t *ra = (const uint32_t *)((const char *)a->pixels + y * a->pitch);
        const uint32_t *rb = (const uint32_t *)((const char *)b->pixels + y * b->pitch);
        for (int x = 0; x < W; x++) {
            int worst = 0;
            for (int shift = 0; shift < 32; shift += 8) {
                int d = abs((int)((ra[x] >> shift) & 0xFF) - (int)((rb[x] >> shift) & 0xFF));
                worst = d > worst ? d : worst;
            }
            if (worst > tolerance && n < 10)
                print_message("  (%d, %d): %08x, a full redraw %08x\n", x, y, ra[x], rb[x]);
            n += worst > tolerance;
        }
    }
    return n;
}

static void pans_should_match_full_redraws(void **state)
{
    Fixture *fx = *state;
    Atlas *a = fx->atlas;
    assert_non_null(a);
    Frame panned, fresh;
    frame_open(&panned, &fx->diag);
    Camera cam;
    /* Close in on the fixture's areas, so strokes, fills and the protectorate's hatching all
     * cross the strips' edges. */
    camera_init(&cam, &a->region_box, a->view_x, a->view_y, a->view_span / 2, W, H);
    draw(&panned, a, &cam, 700);
    const int moves[][2] = {{17, 0}, {0, -9}, {-23, 11}, {5, 30}, {-1, -1}, {40, -3}};
    for (size_t k = 0; k < sizeof moves / sizeof *moves; k++) {
        camera_pan(&cam, moves[k][0], moves[k][1]);
        draw(&panned, a, &cam, 700);
        frame_open(&fresh, &fx->diag);
        draw(&fresh, a, &cam, 700);
        int differ = differing_pixels(panned.surface, fresh.surface, 2);
        if (differ)
            print_message("after move %zu (%d, %d): %d pixels differ\n", k, moves[k][0],
                          moves[k][1], differ);
        assert_int_equal(differ, 0);
        frame_close(&fresh);
    }
    /* The first frame was drawn whole, every pan by moving it. */
    MapFrameCounts counts = map_renderer_counts(panned.map);
    assert_int_equal(counts.whole, 1);
    assert_int_equal(counts.shifted, (int)(sizeof moves / sizeof *moves));
    frame_close(&panned);
}

static int setup(void **state)
{
    return fixture_setup_loaded(state, "map");
}

typedef struct Pieces {
    char joined[2048];
    size_t n;
    int bad; /* lines that are not valid UTF-8 */
} Pieces;

static void collect(void *user, const char *start, int len)
{
    Pieces *p = user;
    p->bad += !wk_utf8_valid(start, (size_t)len);
    assert_true(p->n + (size_t)len < sizeof p->joined);
    memcpy(p->joined + p->n, start, (size_t)len);
    p->n += (size_t)len;
    p->joined[p->n] = '\0';
}

static void a_word_too_long_to_wrap_should_be_cut_between_characters(void **state)
{
    (void)state;
    WkDiag diag;
    wk_diag_init(&diag);
    Frame f;
    frame_open(&f, &diag);
    /* One "word" of 1,401 bytes: "a", then 700 two-byte Dari letters, so the cut wrapping
     * makes near 512 bytes falls inside a letter unless it steps back. */
    char word[1402];
    word[0] = 'a';
    for (int i = 0; i < 700; i++)
        memcpy(word + 1 + 2 * i, "\xD9\x86", 2);
    word[sizeof word - 1] = '\0';
    TextStyle ts = {14, false, {0, 0, 0, 255}, false, {0}};
    Pieces p = {.n = 0};
    assert_true(text_wrap(f.text, word, &ts, 200, collect, &p) >= 2);
    assert_int_equal(p.bad, 0);
    assert_string_equal(p.joined, word); /* nothing lost, nothing repeated */
    frame_close(&f);
    wk_diag_free(&diag);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(pans_should_match_full_redraws, setup, fixture_teardown),
        cmocka_unit_test(a_word_too_long_to_wrap_should_be_cut_between_characters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
