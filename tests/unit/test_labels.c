/* Label placement: names keep apart, stay at their dots, and land inside the visible part of an
 * area when its label point is out of view or taken. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

#include "render/labels.h"

/* The space between two boxes: across when they share rows (so they could read as one line),
 * else a large number when one is wholly above the other (negative when they overlap). */
static float box_gap(const LabelBox *a, const LabelBox *b)
{
    float gx = fmaxf(b->x - (a->x + a->w), a->x - (b->x + b->w));
    float gy = fmaxf(b->y - (a->y + a->h), a->y - (b->y + b->h));
    return gy >= 0 ? 1e6f : gx;
}

/* A small deterministic generator, so a failure can be replayed. */
static float next_random(unsigned *seed)
{
    *seed = *seed * 1103515245u + 12345u;
    return (float)((*seed >> 8) & 0xFFFF) / 65535.0f;
}

/* An empty placer for a w x h screen with the map's padding. */
static void start(LabelPlacer *lp, float w, float h, float padding)
{
    labels_init(lp);
    labels_reset(lp, w, h);
    labels_set_padding(lp, padding);
}

static void padded_labels_should_keep_neighbours_apart(void **state)
{
    (void)state;
    LabelPlacer lp;
    start(&lp, 1024, 768, 3);
    unsigned seed = 7;
    LabelBox placed[400];
    int n = 0;
    for (int i = 0; i < 400; i++) {
        float x = next_random(&seed) * 1024, y = next_random(&seed) * 768;
        float w = 30 + next_random(&seed) * 120;
        LabelBox b;
        bool ok = i % 2 ? labels_place_centered(&lp, x, y, w, 14, &b)
                        : labels_place_at_point(&lp, x, y, w, 14, 6, &b);
        if (ok)
            placed[n++] = b;
    }
    assert_true(n > 40);
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++)
            if (box_gap(&placed[i], &placed[j]) < 3 - 1e-3f)
                fail_msg("labels %d and %d are %.2f px apart", i, j,
                         box_gap(&placed[i], &placed[j]));
    labels_free(&lp);
}

/* "Karakoram" and "Southern Tarim route" at 1024x768 read as one name when their boxes touch. */
static void a_name_touching_another_should_move_or_be_left_out(void **state)
{
    (void)state;
    LabelPlacer lp;
    start(&lp, 1024, 768, 3);
    LabelBox karakoram = {560, 378, 62, 14};
    assert_true(labels_take(&lp, &karakoram));
    /* Exactly abutting on the right: without padding this was accepted. */
    LabelBox tarim = {622, 378, 120, 14};
    assert_false(labels_take(&lp, &tarim));
    LabelBox b;
    if (labels_place_centered(&lp, 682, 385, 120, 14, &b))
        assert_true(box_gap(&karakoram, &b) >= 3);
    labels_free(&lp);
}

static void a_name_at_a_point_should_stay_within_its_gap(void **state)
{
    (void)state;
    LabelPlacer lp;
    start(&lp, 1024, 768, 3);
    unsigned seed = 11;
    int placed = 0;
    for (int i = 0; i < 300; i++) {
        float x = 20 + next_random(&seed) * 984, y = 20 + next_random(&seed) * 728;
        float gap = 5 + next_random(&seed) * 6;
        LabelBox dot = {x - 3, y - 3, 6, 6};
        labels_block(&lp, &dot);
        LabelBox b;
        if (!labels_place_at_point(&lp, x, y, 40 + next_random(&seed) * 60, 16, gap, &b))
            continue;
        placed++;
        float d = labels_box_distance(&b, x, y);
        if (d > gap + 0.5f)
            fail_msg("label %d is %.1f px from its dot (gap %.1f)", i, d, gap);
    }
    assert_true(placed > 50);
    labels_free(&lp);
}

/* A name on the right of its dot but much nearer the next dot would name the wrong place. */
static void a_name_should_never_sit_nearer_another_dot(void **state)
{
    (void)state;
    LabelPlacer lp;
    start(&lp, 400, 300, 3);
    labels_add_dot(&lp, 100, 100);
    labels_add_dot(&lp, 140, 104);
    LabelBox b;
    assert_true(labels_place_at_point(&lp, 100, 100, 40, 14, 6, &b));
    assert_true(b.x + b.w <= 100); /* the right was free, but all but on the other dot */
    assert_true(labels_box_distance(&b, 100, 100) <= labels_box_distance(&b, 140, 104));
    /* With dots all round and close, no side is its own: no name rather than a wrong one. */
    labels_reset(&lp, 400, 300);
    labels_add_dot(&lp, 200, 200);
    for (int k = 0; k < 8; k++)
        labels_add_dot(&lp, 200 + 12 * cosf(k * 0.785f), 200 + 12 * sinf(k * 0.785f));
    assert_false(labels_place_at_point(&lp, 200, 200, 40, 14, 6, &b));
    labels_free(&lp);
}

/* The selected place among crowded dots (scale 4 on a projector): its name covers a
 * neighbour's dot rather than vanish, still within its gap, but never another name or an
 * area kept clear. */
static void the_selected_name_should_cover_a_dot_rather_than_vanish(void **state)
{
    (void)state;
    LabelPlacer lp;
    start(&lp, 400, 300, 3);
    const float px = 200, py = 200, r = 4;
    for (int k = 0; k < 9; k++) { /* its own dot first, then eight round it */
        float x = k ? px + 16 * cosf(k * 0.785f) : px, y = k ? py + 16 * sinf(k * 0.785f) : py;
        LabelBox dot = {x - r, y - r, 2 * r, 2 * r};
        labels_block(&lp, &dot);
        labels_add_dot(&lp, x, y);
    }
    LabelBox b;
    assert_false(labels_place_at_point(&lp, px, py, 40, 14, 8, &b));
    assert_true(labels_place_over_dots(&lp, px, py, 40, 14, 8, &b));
    assert_true(labels_box_distance(&b, px, py) <= 8 + 0.01f);
    LabelBox own = {px - r, py - r, 2 * r, 2 * r};
    assert_false(b.x < own.x + own.w && own.x < b.x + b.w && b.y < own.y + own.h &&
                 own.y < b.y + b.h); /* not over its own dot */
    /* Once it is placed, a second name there is refused: it is a name now, not a dot. */
    LabelBox again;
    int before = lp.count;
    bool second = labels_place_over_dots(&lp, px, py, 40, 14, 8, &again);
    assert_true(!second || !(again.x == b.x && again.y == b.y));
    assert_true(lp.count >= before);
    /* An area kept clear (a panel) over every position: no name at all. */
    labels_reset(&lp, 400, 300);
    LabelBox panel = {100, 100, 200, 200};
    labels_block(&lp, &panel);
    labels_add_dot(&lp, px, py);
    assert_false(labels_place_over_dots(&lp, px, py, 40, 14, 8, &b));
    labels_free(&lp);
}

static void box_distance_should_be_zero_inside_and_euclidean_outside(void **state)
{
    (void)state;
    LabelBox b = {10, 10, 20, 10};
    assert_float_equal(labels_box_distance(&b, 15, 15), 0, 1e-6);
    assert_float_equal(labels_box_distance(&b, 40, 15), 10, 1e-6);
    assert_float_equal(labels_box_distance(&b, 33, 24), 5, 1e-6);
}

/* Cells of 10 px over 100 x 100: the triangle below the diagonal x + y = 100 holds the cells
 * whose centres (i + 0.5) * 10 satisfy x + y <= 100. */
static void mask_should_set_the_cells_whose_centres_are_inside(void **state)
{
    (void)state;
    LabelMask mask;
    labels_mask_init(&mask);
    assert_true(labels_mask_reset(&mask, 100, 100, 10));
    const float tri[6] = {0, 0, 100, 0, 0, 100};
    labels_mask_triangle(&mask, tri);
    int expect = 0;
    for (int r = 0; r < 10; r++)
        for (int c = 0; c < 10; c++)
            expect += (c + 0.5f) * 10 + (r + 0.5f) * 10 <= 100;
    assert_int_equal(labels_mask_count(&mask), expect);
    /* The same triangle wound the other way sets the same cells. */
    assert_true(labels_mask_reset(&mask, 100, 100, 10));
    const float back[6] = {0, 0, 0, 100, 100, 0};
    labels_mask_triangle(&mask, back);
    assert_int_equal(labels_mask_count(&mask), expect);
    /* A triangle off the screen sets nothing. */
    assert_true(labels_mask_reset(&mask, 100, 100, 10));
    const float off[6] = {-50, -50, -10, -50, -50, -10};
    labels_mask_triangle(&mask, off);
    assert_int_equal(labels_mask_count(&mask), 0);
    labels_mask_free(&mask);
}

static void fill_rect(LabelMask *mask, float x0, float y0, float x1, float y1)
{
    const float a[6] = {x0, y0, x1, y0, x1, y1}, b[6] = {x0, y0, x1, y1, x0, y1};
    labels_mask_triangle(mask, a);
    labels_mask_triangle(mask, b);
}

/* An area whose label point is far out of view still gets its name inside what is in view. */
static void a_name_should_land_inside_the_visible_part_of_its_area(void **state)
{
    (void)state;
    LabelMask mask;
    LabelPlacer lp;
    labels_mask_init(&mask);
    start(&lp, 400, 300, 3);
    assert_true(labels_mask_reset(&mask, 400, 300, 6));
    fill_rect(&mask, 250, 40, 400, 160); /* the west end of an empire beyond the right edge */
    LabelBox b;
    assert_true(labels_place_in_mask(&lp, &mask, 2000, 100, 100, 16, &b));
    assert_true(b.x >= 250 - 3 && b.x + b.w <= 400 && b.y >= 40 - 3 && b.y + b.h <= 160 + 3);
    /* Nearest the label point: against the right edge. */
    assert_true(b.x + b.w >= 390);
    /* A second name avoids the first, inside the same area. */
    LabelBox c;
    assert_true(labels_place_in_mask(&lp, &mask, 2000, 100, 100, 16, &c));
    assert_true(box_gap(&b, &c) >= 3);
    assert_true(c.x >= 250 - 3 && c.y >= 40 - 3 && c.y + c.h <= 160 + 3);
    labels_free(&lp);
    labels_mask_free(&mask);
}

static void a_name_larger_than_the_area_should_not_be_placed(void **state)
{
    (void)state;
    LabelMask mask;
    LabelPlacer lp;
    labels_mask_init(&mask);
    start(&lp, 400, 300, 0);
    assert_true(labels_mask_reset(&mask, 400, 300, 6));
    fill_rect(&mask, 100, 100, 160, 130);
    LabelBox b;
    assert_false(labels_place_in_mask(&lp, &mask, 130, 115, 120, 16, &b));
    assert_int_equal(lp.count, 0);
    assert_true(labels_place_in_mask(&lp, &mask, 130, 115, 50, 16, &b));
    assert_true(b.x >= 97 && b.x + b.w <= 163);
    labels_free(&lp);
    labels_mask_free(&mask);
}

/* A crowded label point does not hide the name when the area has room elsewhere. */
static void a_taken_label_point_should_not_hide_the_name(void **state)
{
    (void)state;
    LabelMask mask;
    LabelPlacer lp;
    labels_mask_init(&mask);
    start(&lp, 400, 300, 3);
    assert_true(labels_mask_reset(&mask, 400, 300, 6));
    fill_rect(&mask, 0, 0, 300, 200);
    LabelBox city = {100, 80, 100, 40};
    labels_block(&lp, &city);
    LabelBox b;
    assert_true(labels_place_in_mask(&lp, &mask, 150, 100, 90, 16, &b));
    assert_true(box_gap(&city, &b) >= 3);
    /* Close by: just above or below the city's box. */
    assert_true(labels_box_distance(&b, 150, 100) < 40);
    labels_free(&lp);
    labels_mask_free(&mask);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(padded_labels_should_keep_neighbours_apart),
        cmocka_unit_test(a_name_touching_another_should_move_or_be_left_out),
        cmocka_unit_test(a_name_at_a_point_should_stay_within_its_gap),
        cmocka_unit_test(a_name_should_never_sit_nearer_another_dot),
        cmocka_unit_test(the_selected_name_should_cover_a_dot_rather_than_vanish),
        cmocka_unit_test(box_distance_should_be_zero_inside_and_euclidean_outside),
        cmocka_unit_test(mask_should_set_the_cells_whose_centres_are_inside),
        cmocka_unit_test(a_name_should_land_inside_the_visible_part_of_its_area),
        cmocka_unit_test(a_name_larger_than_the_area_should_not_be_placed),
        cmocka_unit_test(a_taken_label_point_should_not_hide_the_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
