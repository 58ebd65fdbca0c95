/*
 * The time slider's scale: how a time maps to a position along the slider and back. Each era
 * gets a stretch of the slider that blends its length in years with how many events it holds,
 * so the crowded twentieth and twenty-first centuries get room while the quiet centuries stay
 * visible. Pure arithmetic, no SDL.
 */
#ifndef WK_SLIDER_SCALE_H
#define WK_SLIDER_SCALE_H

#include "atlas/atlas.h"

#define SLIDER_MAX_PIECES 64

typedef struct SliderScale {
    int n;
    double t0[SLIDER_MAX_PIECES], t1[SLIDER_MAX_PIECES]; /* time span of piece i */
    double u0[SLIDER_MAX_PIECES], u1[SLIDER_MAX_PIECES]; /* its share of the slider, 0..1 */
} SliderScale;

/* Share of each era's stretch that follows its length in years; the rest follows its events. */
#define SLIDER_DURATION_SHARE 0.35

void slider_scale_init(SliderScale *s, const Atlas *atlas);
/* Position 0..1 of time t (clamped to the atlas's range). */
double slider_u_of_t(const SliderScale *s, double t);
/* Time at position u (clamped to 0..1). The exact inverse of slider_u_of_t. */
double slider_t_of_u(const SliderScale *s, double u);
/* Years per unit of u at time t: how much time one pixel spans there, times the width. */
double slider_years_per_u(const SliderScale *s, double t);

#endif
