/*
 * Which events concern a territory, a route or a site. Events name places, not territories, so
 * the link is made through geography and time: an event belongs to a feature when one of its
 * places lies in (or near) the feature while it is shown, or under another territory of the
 * same polity (the Tang protectorate lists what happened in Chang'an in its years). Lists are
 * made on demand, one overlay at a time: point-in-polygon tests need GEOS's prepared geometry,
 * which is worth building for what a reader clicks, not for every overlay at start.
 */
#include "atlas.h"

#include <stdlib.h>
#include <string.h>

static bool overlaps(const AtlasEvent *e, double start, double end)
{
    return e->end > start && e->start < end;
}

/* Whether a place is under any territory of `polity` shown at time t. */
static bool under_polity(Atlas *atlas, int polity, const AtlasPlace *p, double t)
{
    for (int i = 0; i < atlas->noverlays; i++) {
        AtlasOverlay *q = &atlas->overlays[i];
        if (q->polity == polity && atlas_kind_is_area(q->kind) && t >= q->start && t < q->end &&
            geo_shape_covers(atlas->geo, &q->shape, p->x, p->y))
            return true;
    }
    return false;
}

/* Whether place `pi` concerns overlay `o` for an event dated within the overlay's span. */
static bool place_concerns(Atlas *atlas, AtlasOverlay *o, int pi, const AtlasEvent *e)
{
    const AtlasPlace *p = &atlas->places[pi];
    if (atlas_kind_is_area(o->kind)) {
        if (geo_shape_covers(atlas->geo, &o->shape, p->x, p->y))
            return true;
        /* The event's own date, clamped into the span: a long event may start before it. */
        double t = e->start < o->start ? o->start : e->start;
        return o->polity >= 0 && under_polity(atlas, o->polity, p, t);
    }
    double near = o->kind == ATLAS_SITE ? ATLAS_LINK_SITE_M : ATLAS_LINK_LINE_M;
    return pi == o->place || geo_shape_distance2(&o->shape, p->x, p->y) <= near * near;
}

int atlas_overlay_events(Atlas *atlas, int overlay, int *out, int max)
{
    if (overlay < 0 || overlay >= atlas->noverlays)
        return 0;
    AtlasOverlay *o = &atlas->overlays[overlay];
    unsigned char *mark = calloc((size_t)(atlas->nevents ? atlas->nevents : 1), 1);
    if (!mark)
        return -1;
    for (int i = 0; i < o->nevents; i++)
        mark[o->events[i]] = 1;
    if (o->kind == ATLAS_SITE && o->place >= 0) {
        const AtlasPlace *p = &atlas->places[o->place];
        for (int i = 0; i < p->nevents; i++)
            mark[p->events[i]] = 1;
    }
    for (int e = 0; e < atlas->nevents; e++) {
        const AtlasEvent *ev = &atlas->events[e];
        if (mark[e] || !overlaps(ev, o->start, o->end))
            continue;
        for (int k = 0; k < ev->nplaces && !mark[e]; k++)
            mark[e] = place_concerns(atlas, o, ev->places[k], ev);
    }
    int n = 0;
    for (int e = 0; e < atlas->nevents; e++) { /* events are sorted: the list is by date */
        if (!mark[e])
            continue;
        if (n < max)
            out[n] = e;
        n++;
    }
    free(mark);
    return n;
}

bool atlas_overlay_link_events(Atlas *atlas, int overlay)
{
    if (overlay < 0 || overlay >= atlas->noverlays)
        return false;
    AtlasOverlay *o = &atlas->overlays[overlay];
    if (o->events_linked)
        return true;
    int *list = malloc(sizeof *list * (size_t)(atlas->nevents ? atlas->nevents : 1));
    int n = list ? atlas_overlay_events(atlas, overlay, list, atlas->nevents) : -1;
    if (n < 0) {
        free(list);
        return false;
    }
    free(o->events);
    o->events = list;
    o->nevents = n;
    o->events_linked = true;
    return true;
}
