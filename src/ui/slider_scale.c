/* The blended slider scale, built once per atlas as a sorted list of knots. */
#include "slider_scale.h"

#include <stdlib.h>

static int by_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The era scale at t: eras' stretches as described in the header. */
static double era_u(const Atlas *atlas, const double *share, double t)
{
    double u = 0;
    for (int i = 0; i < atlas->neras; i++) {
        const AtlasEra *e = &atlas->eras[i];
        if (t >= e->end) {
            u += share[i];
        } else {
            if (t > e->start)
                u += share[i] * (t - e->start) / (e->end - e->start);
            break;
        }
    }
    return u;
}

/* Linear interpolation in a sorted table of (x, y). */
static double interpolate(const double *x, const double *y, int n, double at)
{
    if (at <= x[0])
        return y[0];
    if (at >= x[n - 1])
        return y[n - 1];
    int lo = 0, hi = n - 1;
    while (hi - lo > 1) {
        int mid = (lo + hi) / 2;
        if (x[mid] <= at)
            lo = mid;
        else
            hi = mid;
    }
    double span = x[hi] - x[lo];
    return span > 0 ? y[lo] + (y[hi] - y[lo]) * (at - x[lo]) / span : y[hi];
}

void slider_scale_init(SliderScale *s, const Atlas *atlas)
{
    double t0 = atlas->t_min, t1 = atlas->t_max;
    /* Era shares (when the eras tile the range; otherwise time alone). */
    double *share = calloc((size_t)(atlas->neras ? atlas->neras : 1), sizeof *share);
    bool eras = share && atlas->neras > 0;
    if (eras) {
        double total_years = 0, sum = 0;
        int total_events = 0;
        int *counts = calloc((size_t)atlas->neras, sizeof *counts);
        for (int i = 0; counts && i < atlas->neras; i++) {
            total_years += atlas->eras[i].end - atlas->eras[i].start;
            for (int e = 0; e < atlas->nevents; e++)
                counts[i] += atlas_era_at(atlas, atlas->events[e].start) == i;
            total_events += counts[i];
        }
        for (int i = 0; counts && i < atlas->neras; i++) {
            double years = (atlas->eras[i].end - atlas->eras[i].start) / total_years;
            /* One event's worth more for each era, so an empty one is never squeezed out. */
            double events = (counts[i] + 1.0) / (total_events + atlas->neras);
            share[i] = SLIDER_DURATION_SHARE * years + (1 - SLIDER_DURATION_SHARE) * events;
            sum += share[i];
        }
        for (int i = 0; counts && i < atlas->neras; i++)
            share[i] /= sum;
        eras = counts != NULL;
        free(counts);
    }
    /* The event scale: distinct event dates at equal steps between the range's ends. */
    int cap = atlas->nevents + 2;
    double *ex = malloc(sizeof *ex * (size_t)cap), *ey = malloc(sizeof *ey * (size_t)cap);
    int m = 0;
    if (ex && ey) {
        ex[m++] = t0;
        for (int e = 0; e < atlas->nevents; e++) {
            double t = atlas->events[e].start;
            if (t > ex[m - 1] && t < t1)
                ex[m++] = t; /* events are sorted by start */
        }
        ex[m++] = t1;
        for (int i = 0; i < m; i++)
            ey[i] = (double)i / (m - 1);
    }
    /* Knots: every era boundary and every event date. */
    int n = 0;
    s->t[n++] = t0;
    for (int i = 0; eras && i < atlas->neras && n < SLIDER_MAX_KNOTS - 1; i++)
        if (atlas->eras[i].end > t0 && atlas->eras[i].end < t1)
            s->t[n++] = atlas->eras[i].end;
    for (int i = 1; ex && ey && i + 1 < m && n < SLIDER_MAX_KNOTS - 1; i++)
        s->t[n++] = ex[i];
    s->t[n++] = t1;
    qsort(s->t, (size_t)n, sizeof *s->t, by_double);
    int k = 0;
    for (int i = 0; i < n; i++)
        if (k == 0 || s->t[i] > s->t[k - 1])
            s->t[k++] = s->t[i];
    s->n = k;
    for (int i = 0; i < k; i++) {
        double t = s->t[i];
        double ue = eras ? era_u(atlas, share, t) : (t - t0) / (t1 - t0);
        double uv = ex && ey ? interpolate(ex, ey, m, t) : ue;
        s->u[i] = (1 - SLIDER_EVENT_SHARE) * ue + SLIDER_EVENT_SHARE * uv;
    }
    s->u[0] = 0;
    s->u[k - 1] = 1;
    free(share);
    free(ex);
    free(ey);
}

double slider_u_of_t(const SliderScale *s, double t)
{
    return interpolate(s->t, s->u, s->n, t);
}

double slider_t_of_u(const SliderScale *s, double u)
{
    return interpolate(s->u, s->t, s->n, u);
}

double slider_years_per_u(const SliderScale *s, double t)
{
    for (int i = 1; i < s->n; i++)
        if (t < s->t[i] || i == s->n - 1)
            return s->u[i] > s->u[i - 1] ? (s->t[i] - s->t[i - 1]) / (s->u[i] - s->u[i - 1]) : 1;
    return 1;
}
