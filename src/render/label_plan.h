/*
 * The labels one frame placed, kept so the next frames can draw them again without placing
 * them anew: each name (copied, so nothing borrowed can go stale), its style and its box.
 * Placing labels (labels.c, names.c) is most of a frame whose map picture is reused; while
 * nothing a placement depends on changes, map.c draws the kept plan instead. During a zoom
 * gesture the plan is drawn with each box moved as the map under it moves, at its own size.
 */
#ifndef WK_LABEL_PLAN_H
#define WK_LABEL_PLAN_H

#include "render/labels.h"
#include "render/text.h"

typedef struct LabelPlanItem {
    int text; /* offset of the name in LabelPlan.chars */
    TextStyle style;
    LabelBox box; /* where it was drawn, in screen pixels */
} LabelPlanItem;

typedef struct LabelPlan {
    LabelPlanItem *items;
    int count, capacity;
    char *chars;
    int nchars, chars_capacity;
    bool failed;     /* memory ran out while recording: the plan is incomplete */
    LabelBox *drawn; /* scratch for label_plan_draw */
    int drawn_capacity;
} LabelPlan;

void label_plan_init(LabelPlan *plan);
void label_plan_free(LabelPlan *plan);
/* Forgets every label (keeps the memory). */
void label_plan_clear(LabelPlan *plan);
/* Records a label drawn at `box` (its top left and size). False when out of memory (the plan is
 * then marked failed). */
bool label_plan_add(LabelPlan *plan, const char *utf8, const TextStyle *style, const LabelBox *box);
/* Draws every label with its centre moved to (k * x + dx, k * y + dy): k 1 and no offset draw
 * them where they were placed. Labels wholly outside width x height are skipped, and so is a
 * label that would overlap one drawn before it (zooming out brings them together). */
void label_plan_draw(LabelPlan *plan, TextCache *text, float k, float dx, float dy, float width,
                     float height);

#endif
