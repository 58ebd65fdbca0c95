/*
 * What the atlas shows at a time t: pure functions of the model and t. Nothing here allocates;
 * callers pass arrays, so the render loop can ask every frame.
 */
#include "atlas.h"

#include <math.h>
#include <stdlib.h>

int atlas_era_at(const Atlas *atlas, double t)
{
    for (int i = 0; i < atlas->neras; i++)
        if (t >= atlas->eras[i].start && t < atlas->eras[i].end)
            return i;
    return -1;
}

/* 0 before edge - fade/2, 1 after edge + fade/2, linear in between. */
static double ramp(double t, double edge, double fade)
{
    if (fade <= 0)
        return t >= edge ? 1.0 : 0.0;
    double w = (t - edge) / fade + 0.5;
    return w < 0 ? 0 : w > 1 ? 1 : w;
}

double atlas_span_weight(double start, double end, double t, double fade)
{
    /* A fade never takes more than a third of the span itself, so a short-lived feature
     * still reaches full strength. */
    double f = isfinite(end - start) ? fmin(fade, (end - start) / 3) : fade;
    double in = isfinite(start) ? ramp(t, start, f) : 1.0;
    double out = isfinite(end) ? 1.0 - ramp(t, end, f) : 1.0;
    return in < out ? in : out;
}

double atlas_overlay_weight(const AtlasOverlay *overlay, double t, double fade)
{
    return atlas_span_weight(overlay->start, overlay->end, t, fade);
}

int atlas_overlays_at(const Atlas *atlas, double t, double fade, int *out, double *weights, int max)
{
    int n = 0;
    for (int i = 0; i < atlas->noverlays && n < max; i++) {
        double w = atlas_overlay_weight(&atlas->overlays[i], t, fade);
        if (w > 0) {
            if (weights)
                weights[n] = w;
            out[n++] = i;
        }
    }
    return n;
}

int atlas_overlays_covering(Atlas *atlas, double t, double x, double y, int *out, int max)
{
    int n = 0;
    for (int i = 0; i < atlas->noverlays && n < max; i++) {
        AtlasOverlay *o = &atlas->overlays[i];
        if (!atlas_kind_is_area(o->kind) || atlas_overlay_weight(o, t, 0) < 1)
            continue;
        if (geo_shape_covers(atlas->geo, &o->shape, x, y))
            out[n++] = i;
    }
    /* Smallest first: a protectorate inside an empire is the more specific answer. */
    for (int i = 1; i < n; i++) {
        for (int j = i; j > 0; j--) {
            GeoShape *a = &atlas->overlays[out[j - 1]].shape, *b = &atlas->overlays[out[j]].shape;
            double wa = (a->box.maxx - a->box.minx) * (a->box.maxy - a->box.miny);
            double wb = (b->box.maxx - b->box.minx) * (b->box.maxy - b->box.miny);
            if (wb >= wa)
                break;
            int tmp = out[j - 1];
            out[j - 1] = out[j];
            out[j] = tmp;
        }
    }
    return n;
}

/* Events are sorted by start. Stepping compares with a small tolerance so that an event at
 * exactly t counts as the current one, not the next. */
#define STEP_EPSILON 1e-6

int atlas_event_next(const Atlas *atlas, double t)
{
    for (int i = 0; i < atlas->nevents; i++)
        if (atlas->events[i].start > t + STEP_EPSILON)
            return i;
    return -1;
}

int atlas_event_prev(const Atlas *atlas, double t)
{
    for (int i = atlas->nevents - 1; i >= 0; i--)
        if (atlas->events[i].start < t - STEP_EPSILON)
            return i;
    return -1;
}

int atlas_events_near(const Atlas *atlas, double t, double window, int *out, int max)
{
    int n = 0;
    for (int i = 0; i < atlas->nevents && n < max; i++) {
        const AtlasEvent *e = &atlas->events[i];
        if (e->end >= t - window && e->start <= t + window)
            out[n++] = i;
    }
    return n;
}

int atlas_place_nearest(const Atlas *atlas, double x, double y, double *distance)
{
    int best = -1;
    double best_d2 = HUGE_VAL;
    for (int i = 0; i < atlas->nplaces; i++) {
        double dx = atlas->places[i].x - x, dy = atlas->places[i].y - y;
        double d2 = dx * dx + dy * dy;
        if (d2 < best_d2) {
            best_d2 = d2;
            best = i;
        }
    }
    if (distance)
        *distance = best >= 0 ? sqrt(best_d2) : HUGE_VAL;
    return best;
}
