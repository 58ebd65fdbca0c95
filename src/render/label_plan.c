/*
 * A growable list of placed labels and one buffer of their names. Nothing is freed between
 * frames: clearing keeps the memory, so a steady state allocates nothing.
 */
#include "label_plan.h"

#include <stdlib.h>
#include <string.h>

#include "core/util.h"

void label_plan_init(LabelPlan *plan)
{
    memset(plan, 0, sizeof *plan);
}

void label_plan_free(LabelPlan *plan)
{
    free(plan->items);
    free(plan->chars);
    free(plan->drawn);
    label_plan_init(plan);
}

void label_plan_clear(LabelPlan *plan)
{
    plan->count = plan->nchars = 0;
    plan->failed = false;
}

bool label_plan_add(LabelPlan *plan, const char *utf8, const TextStyle *style, const LabelBox *box)
{
    size_t len = strlen(utf8);
    if (len > (size_t)(1 << 20) ||
        !wk_grow((void **)&plan->chars, &plan->chars_capacity, plan->nchars + (int)len + 1, 1) ||
        !wk_grow((void **)&plan->items, &plan->capacity, plan->count + 1, sizeof *plan->items)) {
        plan->failed = true;
        return false;
    }
    memcpy(plan->chars + plan->nchars, utf8, len + 1);
    plan->items[plan->count++] = (LabelPlanItem){plan->nchars, *style, *box};
    plan->nchars += (int)len + 1;
    return true;
}

static bool overlap(const LabelBox *a, const LabelBox *b)
{
    return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h && b->y < a->y + a->h;
}

void label_plan_draw(LabelPlan *plan, TextCache *text, float k, float dx, float dy, float width,
                     float height)
{
    /* Moved labels are checked against those drawn before them; placed ones never overlap. */
    bool moved = k != 1 || dx != 0 || dy != 0;
    if (moved &&
        !wk_grow((void **)&plan->drawn, &plan->drawn_capacity, plan->count, sizeof *plan->drawn))
        return;
    int ndrawn = 0;
    for (int i = 0; i < plan->count; i++) {
        const LabelPlanItem *it = &plan->items[i];
        float cx = k * (it->box.x + it->box.w / 2) + dx, cy = k * (it->box.y + it->box.h / 2) + dy;
        LabelBox b = {cx - it->box.w / 2, cy - it->box.h / 2, it->box.w, it->box.h};
        if (b.x >= width || b.y >= height || b.x + b.w <= 0 || b.y + b.h <= 0)
            continue;
        if (moved) {
            bool clear = true;
            for (int j = 0; clear && j < ndrawn; j++)
                clear = !overlap(&plan->drawn[j], &b);
            if (!clear)
                continue;
            plan->drawn[ndrawn++] = b;
        }
        text_draw(text, plan->chars + it->text, &it->style, b.x, b.y);
    }
}
