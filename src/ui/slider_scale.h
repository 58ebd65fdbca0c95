/*
 * The time slider's scale: how a time maps to a position along the slider and back.
 *
 * Two scales are blended. The era scale gives each era a stretch that mixes its length in
 * years with how many events it holds, so quiet centuries stay visible. The event scale puts
 * consecutive event dates at equal steps, so no two events crowd into the same pixel even in
 * 2016 or around 659. Their average is still piecewise linear, with a knot at every era
 * boundary and every event date, and so exactly invertible. Pure arithmetic, no SDL.
 */
#ifndef WK_SLIDER_SCALE_H
#define WK_SLIDER_SCALE_H

#include "atlas/atlas.h"

#define SLIDER_MAX_KNOTS 2048

typedef struct SliderScale {
    int n; /* knots */
    double t[SLIDER_MAX_KNOTS], u[SLIDER_MAX_KNOTS];
} SliderScale;

/* Within the era scale: the share of an era's stretch that follows its length in years. */
#define SLIDER_DURATION_SHARE 0.35
/* The weight of the event scale in the blend. */
#define SLIDER_EVENT_SHARE 0.5

void slider_scale_init(SliderScale *s, const Atlas *atlas);
/* Position 0..1 of time t (clamped to the atlas's range). */
double slider_u_of_t(const SliderScale *s, double t);
/* Time at position u (clamped to 0..1). The inverse of slider_u_of_t. */
double slider_t_of_u(const SliderScale *s, double u);
/* Years per unit of u at time t. */
double slider_years_per_u(const SliderScale *s, double t);

#endif
