/* The map frame in the software renderer: a pan by whole pixels moves the last picture and
 * draws only the strips that came into view; a zoom gesture scales the last picture until it
 * settles; labels are placed again only when something they depend on changed. Each must end
 * in the frame a full redraw makes (to a level of rounding on anti-aliased edges). */
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
#include "render/picture.h"
#include "render/theme.h"

enum { W = 320, H = 200 };

typedef struct Frame {
    SDL_Surface *surface;
    SDL_Renderer *renderer;
    TextCache *text;
    MapRenderer *map;
} Frame;

/* With `with_fonts`, the bundled fonts (so labels are placed and drawn), else none. */
static void frame_open_fonts(Frame *f, WkDiag *diag, bool with_fonts)
{
    static const char *const files[TEXT_FONT_COUNT] = {
        "NotoSans-Regular.ttf", "DroidSansFallbackFull.ttf", "NotoSansArabic-Regular.ttf",
        "NotoSans-Bold.ttf"};
    static char paths[TEXT_FONT_COUNT][512];
    const char *fonts[TEXT_FONT_COUNT] = {NULL};
    const char *src = getenv("WAKHAN_SOURCE_DIR");
    for (int i = 0; with_fonts && i < TEXT_FONT_COUNT; i++) {
        snprintf(paths[i], sizeof paths[i], "%s/fonts/%s", src ? src : ".", files[i]);
        fonts[i] = paths[i];
    }
    f->surface = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(f->surface);
    f->renderer = SDL_CreateSoftwareRenderer(f->surface);
    assert_non_null(f->renderer);
    f->text = text_create(f->renderer, fonts, diag);
    f->map = map_renderer_create(f->text);
    assert_non_null(f->map);
    if (with_fonts)
        assert_true(text_available(f->text));
}

static void frame_open(Frame *f, WkDiag *diag)
{
    frame_open_fonts(f, diag, false);
}

static void frame_close(Frame *f)
{
    map_renderer_destroy(f->map);
    text_destroy(f->text);
    SDL_DestroyRenderer(f->renderer);
    SDL_FreeSurface(f->surface);
}

static MapState state_at(double t)
{
    return (MapState){.t = t,
                      .fade = 2,
                      .theme = theme_default(),
                      .ui_scale = 1,
                      .selected_place = -1,
                      .selected_overlay = -1,
                      .hover_place = -1,
                      .hover_overlay = -1};
}

static void draw_state(Frame *f, Atlas *a, const Camera *cam, const MapState *st)
{
    SDL_SetRenderDrawColor(f->renderer, 255, 0, 255, 255); /* nothing may show through */
    SDL_RenderClear(f->renderer);
    assert_int_equal(map_draw(f->map, f->renderer, a, cam, st), 0);
    SDL_RenderPresent(f->renderer);
}

static void draw(Frame *f, Atlas *a, const Camera *cam, double t)
{
    MapState st = state_at(t);
    draw_state(f, a, cam, &st);
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

static uint32_t pixel(const SDL_Surface *s, int x, int y)
{
    return ((const uint32_t *)((const char *)s->pixels + y * s->pitch))[x];
}

/* A zoom gesture shows the last picture scaled about the gesture's centre (no geometry drawn);
 * when it settles, the frame is drawn whole and matches a fresh renderer's. */
static void a_zoom_gesture_should_scale_the_picture_then_settle_to_a_full_frame(void **state)
{
    Fixture *fx = *state;
    Atlas *a = fx->atlas;
    Frame f, fresh;
    frame_open(&f, &fx->diag);
    Camera cam;
    camera_init(&cam, &a->region_box, a->view_x, a->view_y, a->view_span / 2, W, H);
    draw(&f, a, &cam, 700);
    SDL_Surface *before = SDL_DuplicateSurface(f.surface);
    assert_non_null(before);
    MapState st = state_at(700);
    st.preview = true;
    camera_zoom_at(&cam, 2, W / 2.0, H / 2.0);
    draw_state(&f, a, &cam, &st);
    MapFrameCounts c = map_renderer_counts(f.map);
    assert_int_equal(c.whole, 1);
    assert_int_equal(c.scaled, 1);
    /* Twice the size about the centre: pixel (x, y) shows the old (x / 2 + W / 4, ...). */
    int wrong = 0;
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++)
            wrong += pixel(f.surface, x, y) != pixel(before, x / 2 + W / 4, y / 2 + H / 4);
    assert_int_equal(wrong, 0);
    /* The gesture settles: the next frame is drawn from geometry, as a fresh renderer draws it. */
    draw(&f, a, &cam, 700);
    c = map_renderer_counts(f.map);
    assert_int_equal(c.whole, 2);
    assert_int_equal(c.scaled, 1);
    frame_open(&fresh, &fx->diag);
    draw(&fresh, a, &cam, 700);
    assert_int_equal(differing_pixels(f.surface, fresh.surface, 2), 0);
    /* Zooming out, the sea shows where the old picture does not reach. */
    camera_zoom_at(&cam, 0.7, W / 2.0, H / 2.0);
    draw_state(&f, a, &cam, &st);
    SDL_Color sea = theme_default()->sea;
    assert_int_equal(pixel(f.surface, 0, 0) & 0xFFFFFF,
                     (uint32_t)sea.r << 16 | (uint32_t)sea.g << 8 | sea.b);
    assert_int_equal(map_renderer_counts(f.map).scaled, 2);
    /* Shrunk further, the picture would be a patch in the sea: the frame is drawn anew. */
    camera_zoom_at(&cam, 0.7, W / 2.0, H / 2.0);
    draw_state(&f, a, &cam, &st);
    c = map_renderer_counts(f.map);
    assert_int_equal(c.scaled, 2);
    assert_int_equal(c.whole, 3);
    frame_close(&fresh);
    SDL_FreeSurface(before);
    frame_close(&f);
}

static void picture_scale_should_take_the_pixel_under_each_centre(void **state)
{
    (void)state;
    uint32_t src_px[4 * 2] = {1, 2, 3, 4, 5, 6, 7, 8}, dst_px[6 * 3];
    int scratch[6];
    Raster src = {src_px, 4, 2, 4}, dst = {dst_px, 6, 3, 6};
    /* Twice the size, moved by one pixel right: column 0 is beyond the source. */
    picture_scale(&dst, &src, 2, 1, 0, 99, scratch);
    const uint32_t want[6 * 3] = {99, 1, 1, 2, 2, 3, 99, 1, 1, 2, 2, 3, 99, 5, 5, 6, 6, 7};
    assert_memory_equal(dst_px, want, sizeof want);
    /* Half the size: the pixel under each centre (odd columns of the second row), then fill. */
    picture_scale(&dst, &src, 0.5f, 0, 0, 0, scratch);
    const uint32_t half[6 * 3] = {6, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    assert_memory_equal(dst_px, half, sizeof half);
}

/* Labels placed once are drawn again while nothing they depend on changes (the slider moves
 * inside an era), and the frame is the one a fresh placement draws; a selection places them
 * anew. */
static void labels_should_be_reused_until_something_they_depend_on_changes(void **state)
{
    Fixture *fx = *state;
    Atlas *a = fx->atlas;
    Frame f, fresh;
    frame_open_fonts(&f, &fx->diag, true);
    Camera cam;
    camera_init(&cam, &a->region_box, a->view_x, a->view_y, a->view_span, W, H);
    draw(&f, a, &cam, 700);
    draw(&f, a, &cam, 700.5);
    MapFrameCounts c = map_renderer_counts(f.map);
    assert_int_equal(c.labels_placed, 1);
    assert_int_equal(c.labels_reused, 1);
    frame_open_fonts(&fresh, &fx->diag, true);
    draw(&fresh, a, &cam, 700.5);
    assert_int_equal(differing_pixels(f.surface, fresh.surface, 0), 0);
    frame_close(&fresh);
    MapState st = state_at(700.5);
    st.selected_place = 0;
    draw_state(&f, a, &cam, &st);
    c = map_renderer_counts(f.map);
    assert_int_equal(c.labels_placed, 2);
    /* Blocking an area (the panel) places them anew too. */
    map_block_area(f.map, 0, 0, W / 2.0f, H);
    draw_state(&f, a, &cam, &st);
    c = map_renderer_counts(f.map);
    assert_int_equal(c.labels_placed, 3);
    frame_close(&f);
}

/* Selecting and hovering keep the picture and draw the highlight over it: no frame is drawn
 * whole, each frame is the one a fresh renderer draws for the same state, and taking the
 * highlight off gives back the plain picture to the pixel. */
static void a_selection_should_be_drawn_over_the_kept_picture(void **state)
{
    Fixture *fx = *state;
    Atlas *a = fx->atlas;
    assert_true(a->nplaces >= 2 && a->noverlays >= 1);
    Frame f, fresh;
    frame_open(&f, &fx->diag);
    Camera cam;
    camera_init(&cam, &a->region_box, a->view_x, a->view_y, a->view_span / 2, W, H);
    draw(&f, a, &cam, 700);
    SDL_Surface *plain = SDL_DuplicateSurface(f.surface);
    assert_non_null(plain);
    /* A place selected, then an area selected with another place under the mouse, then an
     * area under the mouse alone, then nothing. */
    const int focus[][4] = {{0, -1, -1, -1}, {-1, 0, 1, -1}, {-1, -1, -1, 0}, {-1, -1, -1, -1}};
    for (size_t k = 0; k < sizeof focus / sizeof *focus; k++) {
        MapState st = state_at(700);
        st.selected_place = focus[k][0], st.selected_overlay = focus[k][1];
        st.hover_place = focus[k][2], st.hover_overlay = focus[k][3];
        draw_state(&f, a, &cam, &st);
        frame_open(&fresh, &fx->diag);
        draw_state(&fresh, a, &cam, &st);
        int differ = differing_pixels(f.surface, fresh.surface, 0);
        if (differ)
            print_message("focus %zu: %d pixels differ from a fresh frame\n", k, differ);
        assert_int_equal(differ, 0);
        /* The highlight shows (and goes with the selection). */
        int changed = differing_pixels(f.surface, plain, 0);
        if (k + 1 < sizeof focus / sizeof *focus)
            assert_true(changed > 20);
        else
            assert_int_equal(changed, 0);
        frame_close(&fresh);
    }
    MapFrameCounts c = map_renderer_counts(f.map);
    assert_int_equal(c.whole, 1);
    assert_int_equal(c.refocused, (int)(sizeof focus / sizeof *focus));
    SDL_FreeSurface(plain);
    frame_close(&f);
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
        cmocka_unit_test_setup_teardown(
            a_zoom_gesture_should_scale_the_picture_then_settle_to_a_full_frame, setup,
            fixture_teardown),
        cmocka_unit_test(picture_scale_should_take_the_pixel_under_each_centre),
        cmocka_unit_test_setup_teardown(a_selection_should_be_drawn_over_the_kept_picture, setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(
            labels_should_be_reused_until_something_they_depend_on_changes, setup,
            fixture_teardown),
        cmocka_unit_test(a_word_too_long_to_wrap_should_be_cut_between_characters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
