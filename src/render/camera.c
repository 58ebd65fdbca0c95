/*
 * Camera arithmetic. Scale is kept within bounds set from the limit box so a user can neither
 * lose the map by zooming out nor zoom into meaningless detail.
 */
#include "camera.h"

#include <math.h>

/* Closest zoom: 1 pixel = 20 m, finer than any base layer's detail. */
#define MAX_SCALE (1.0 / 20.0)

void camera_init(Camera *cam, const GeoBox *limit, double cx, double cy, double span, int width,
                 int height)
{
    cam->limit = *limit;
    cam->cx = cx;
    cam->cy = cy;
    cam->width = width > 0 ? width : 1;
    cam->height = height > 0 ? height : 1;
    cam->scale = cam->width / (span > 0 ? span : 1.0);
    double lw = limit->maxx - limit->minx;
    cam->min_scale = lw > 0 ? 0.5 * cam->width / lw : 1e-6;
    cam->max_scale = MAX_SCALE;
    camera_clamp(cam);
}

void camera_resize(Camera *cam, int width, int height)
{
    if (width <= 0 || height <= 0)
        return;
    /* Keep the same span across the new width so the map does not jump. */
    double span = camera_span(cam);
    double lw = cam->limit.maxx - cam->limit.minx;
    cam->width = width;
    cam->height = height;
    cam->scale = width / span;
    cam->min_scale = lw > 0 ? 0.5 * width / lw : 1e-6;
    camera_clamp(cam);
}

void camera_to_screen(const Camera *cam, double x, double y, float *sx, float *sy)
{
    *sx = (float)((x - cam->cx) * cam->scale + cam->width * 0.5);
    *sy = (float)((cam->cy - y) * cam->scale + cam->height * 0.5);
}

void camera_to_map(const Camera *cam, double sx, double sy, double *x, double *y)
{
    *x = cam->cx + (sx - cam->width * 0.5) / cam->scale;
    *y = cam->cy - (sy - cam->height * 0.5) / cam->scale;
}

void camera_pan(Camera *cam, double dx, double dy)
{
    cam->cx -= dx / cam->scale;
    cam->cy += dy / cam->scale;
    camera_clamp(cam);
}

void camera_zoom_at(Camera *cam, double factor, double sx, double sy)
{
    double mx, my;
    camera_to_map(cam, sx, sy, &mx, &my);
    cam->scale *= factor;
    if (cam->scale < cam->min_scale)
        cam->scale = cam->min_scale;
    if (cam->scale > cam->max_scale)
        cam->scale = cam->max_scale;
    /* Put (mx, my) back under the cursor. */
    cam->cx = mx - (sx - cam->width * 0.5) / cam->scale;
    cam->cy = my + (sy - cam->height * 0.5) / cam->scale;
    camera_clamp(cam);
}

void camera_clamp(Camera *cam)
{
    if (!(cam->scale >= cam->min_scale))
        cam->scale = cam->min_scale;
    if (cam->scale > cam->max_scale)
        cam->scale = cam->max_scale;
    cam->cx = fmin(fmax(cam->cx, cam->limit.minx), cam->limit.maxx);
    cam->cy = fmin(fmax(cam->cy, cam->limit.miny), cam->limit.maxy);
}

void camera_visible(const Camera *cam, GeoBox *box)
{
    camera_to_map(cam, 0, cam->height, &box->minx, &box->miny);
    camera_to_map(cam, cam->width, 0, &box->maxx, &box->maxy);
}

double camera_span(const Camera *cam)
{
    return cam->width / cam->scale;
}

void camera_lerp(Camera *out, const Camera *from, const Camera *to, double k)
{
    *out = *to;
    out->cx = from->cx + (to->cx - from->cx) * k;
    out->cy = from->cy + (to->cy - from->cy) * k;
    out->scale = exp(log(from->scale) + (log(to->scale) - log(from->scale)) * k);
}
