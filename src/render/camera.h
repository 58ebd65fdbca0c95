/*
 * The camera: which part of the map fills the window. Pure arithmetic, no SDL, so the window,
 * the exporter and the tests share it. Screen y grows downward, map y (northing) upward.
 */
#ifndef WK_CAMERA_H
#define WK_CAMERA_H

#include "geo/geo.h"

typedef struct Camera {
    double cx, cy;     /* map metres at the centre of the view */
    double scale;      /* pixels per metre */
    int width, height; /* the map's viewport in pixels */
    GeoBox limit;      /* the centre stays inside; zoom stays between min_scale and max_scale */
    double min_scale, max_scale;
} Camera;

/* A camera showing `span` metres across a viewport, centred on (cx, cy), limited to `limit`. */
void camera_init(Camera *cam, const GeoBox *limit, double cx, double cy, double span, int width,
                 int height);
void camera_resize(Camera *cam, int width, int height);

void camera_to_screen(const Camera *cam, double x, double y, float *sx, float *sy);
void camera_to_map(const Camera *cam, double sx, double sy, double *x, double *y);

/* Moves the view by a drag of (dx, dy) pixels. */
void camera_pan(Camera *cam, double dx, double dy);
/* Zooms by `factor` (>1 zooms in) keeping the map point under (sx, sy) where it is. */
void camera_zoom_at(Camera *cam, double factor, double sx, double sy);
/* Keeps the centre inside the limit and the scale within bounds. */
void camera_clamp(Camera *cam);

/* The map box visible in the viewport. */
void camera_visible(const Camera *cam, GeoBox *box);
/* Width of the view in metres. */
double camera_span(const Camera *cam);

/* Moves a fraction `k` (0..1) of the way from `from` to `to`, interpolating zoom in log space
 * so a glide feels even. */
void camera_lerp(Camera *out, const Camera *from, const Camera *to, double k);

#endif
