/*
 * Names of areas on the map: every polity with territory in view is named at least once, inside
 * the part of it that is in view; other territories where there is room; and the modern
 * countries at their centres where no territory of the time covers them, so no land in view is
 * nameless.
 */
#ifndef WK_NAMES_H
#define WK_NAMES_H

#include "render/label_plan.h"
#include "render/map.h"

typedef struct MapNamer MapNamer;

/* Owned by the caller: names_destroy. NULL when out of memory. */
MapNamer *names_create(void);
void names_destroy(MapNamer *nm);

/* Names the territories among the `n` active overlays (indices and weights as from
 * atlas_overlays_at). For each polity in view, its largest territory is named first: at its
 * label point, or failing that (the point is out of view, or taken) anywhere inside the visible
 * part of the territory, at a smaller size, or by the shorter polity name. The other
 * territories are named only where their label point has room. Every name placed goes into
 * `plan`, which the caller draws. */
void names_territories(MapNamer *nm, TextCache *text, LabelPlacer *lp, LabelPlan *plan,
                       Atlas *atlas, const Camera *cam, const MapState *st, const int *active,
                       const double *weights, int n);

/* Names each feature of the base layer `countries` whose centre is in view and covered by no
 * territory at st->t. */
void names_countries(MapNamer *nm, TextCache *text, LabelPlacer *lp, LabelPlan *plan, Atlas *atlas,
                     const Camera *cam, const MapState *st);

#endif
