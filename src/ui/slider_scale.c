/* Piecewise-linear slider scale, one piece per era. */
#include "slider_scale.h"

void slider_scale_init(SliderScale *s, const Atlas *atlas)
{
    int n = atlas->neras > 0 && atlas->neras <= SLIDER_MAX_PIECES ? atlas->neras : 0;
    if (n == 0) {
        s->n = 1;
        s->t0[0] = atlas->t_min, s->t1[0] = atlas->t_max;
        s->u0[0] = 0, s->u1[0] = 1;
        return;
    }
    double total_years = 0, weights[SLIDER_MAX_PIECES], sum = 0;
    int total_events = 0, counts[SLIDER_MAX_PIECES] = {0};
    for (int i = 0; i < n; i++) {
        total_years += atlas->eras[i].end - atlas->eras[i].start;
        for (int e = 0; e < atlas->nevents; e++)
            counts[i] += atlas_era_at(atlas, atlas->events[e].start) == i;
        total_events += counts[i];
    }
    for (int i = 0; i < n; i++) {
        double years = (atlas->eras[i].end - atlas->eras[i].start) / total_years;
        /* One event's worth is added to each era so an empty era is never squeezed to zero. */
        double events = (counts[i] + 1.0) / (total_events + n);
        weights[i] = SLIDER_DURATION_SHARE * years + (1 - SLIDER_DURATION_SHARE) * events;
        sum += weights[i];
    }
    double u = 0;
    s->n = n;
    for (int i = 0; i < n; i++) {
        s->t0[i] = atlas->eras[i].start;
        s->t1[i] = atlas->eras[i].end;
        s->u0[i] = u;
        u += weights[i] / sum;
        s->u1[i] = i == n - 1 ? 1.0 : u;
    }
}

double slider_u_of_t(const SliderScale *s, double t)
{
    if (t <= s->t0[0])
        return 0;
    for (int i = 0; i < s->n; i++)
        if (t < s->t1[i])
            return s->u0[i] + (t - s->t0[i]) / (s->t1[i] - s->t0[i]) * (s->u1[i] - s->u0[i]);
    return 1;
}

double slider_t_of_u(const SliderScale *s, double u)
{
    if (u <= 0)
        return s->t0[0];
    for (int i = 0; i < s->n; i++)
        if (u < s->u1[i])
            return s->t0[i] + (u - s->u0[i]) / (s->u1[i] - s->u0[i]) * (s->t1[i] - s->t0[i]);
    return s->t1[s->n - 1];
}

double slider_years_per_u(const SliderScale *s, double t)
{
    for (int i = 0; i < s->n; i++)
        if (t < s->t1[i] || i == s->n - 1)
            return (s->t1[i] - s->t0[i]) / (s->u1[i] - s->u0[i]);
    return 1;
}
