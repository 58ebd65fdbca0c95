/*
 * Site symbols drawn from geometry, not from images, so they stay sharp at any UI scale. Each
 * kind differs in shape as well as colour, so they can be told apart in grayscale.
 */
#include "map.h"

#include <math.h>
#include <string.h>

static void polygon(VertexBuffer *vb, const float *xy, int n, SDL_Color fill, SDL_Color outline,
                    float width)
{
    /* A convex fan is enough for these symbols. */
    float tri[6];
    for (int i = 1; i + 1 < n; i++) {
        tri[0] = xy[0], tri[1] = xy[1];
        tri[2] = xy[2 * i], tri[3] = xy[2 * i + 1];
        tri[4] = xy[2 * i + 2], tri[5] = xy[2 * i + 3];
        vb_triangles(vb, tri, 3, fill);
    }
    StrokeStyle s = {width, outline, 0, 0};
    vb_stroke(vb, xy, n, true, &s);
}

static void regular(VertexBuffer *vb, float x, float y, float r, int n, float rot, SDL_Color fill,
                    SDL_Color outline, float width)
{
    float xy[16];
    for (int i = 0; i < n && i < 8; i++) {
        float a = rot + (float)(2 * M_PI * i / n);
        xy[2 * i] = x + r * cosf(a);
        xy[2 * i + 1] = y + r * sinf(a);
    }
    polygon(vb, xy, n, fill, outline, width);
}

void map_symbol(VertexBuffer *vb, const char *symbol, float x, float y, float size, SDL_Color color,
                SDL_Color outline)
{
    float r = size / 2, w = size > 14 ? 1.8f : 1.3f;
    const char *s = symbol ? symbol : "";
    if (!strcmp(s, "mine")) {
        regular(vb, x, y, r * 1.25f, 4, (float)M_PI / 4, color, outline, w); /* square */
    } else if (!strcmp(s, "oil")) {
        /* A drop: a circle with a point above it. */
        float xy[] = {x, y - r * 1.7f, x + r * 0.8f, y - r * 0.3f, x - r * 0.8f, y - r * 0.3f};
        vb_triangles(vb, xy, 3, color);
        vb_disc(vb, x, y + r * 0.1f, r * 0.95f, outline);
        vb_disc(vb, x, y + r * 0.1f, r * 0.95f - w, color);
    } else if (!strcmp(s, "railhead")) {
        regular(vb, x, y, r * 1.35f, 4, 0, color, outline, w); /* diamond */
    } else if (!strcmp(s, "base")) {
        regular(vb, x, y + r * 0.25f, r * 1.4f, 3, (float)-M_PI / 2, color, outline, w);
    } else if (!strcmp(s, "incident")) {
        /* A star: alternate outer and inner radii. */
        float xy[20];
        for (int i = 0; i < 10; i++) {
            float a = (float)(-M_PI / 2 + M_PI * i / 5), rr = i % 2 ? r * 0.6f : r * 1.5f;
            xy[2 * i] = x + rr * cosf(a), xy[2 * i + 1] = y + rr * sinf(a);
        }
        for (int i = 0; i < 10; i += 2) {
            float tri[6] = {
                x, y, xy[2 * i], xy[2 * i + 1], xy[2 * ((i + 1) % 10)], xy[2 * ((i + 1) % 10) + 1]};
            float tri2[6] = {
                x, y, xy[2 * ((i + 9) % 10)], xy[2 * ((i + 9) % 10) + 1], xy[2 * i], xy[2 * i + 1]};
            vb_triangles(vb, tri, 3, color);
            vb_triangles(vb, tri2, 3, color);
        }
        StrokeStyle st = {w, outline, 0, 0};
        vb_stroke(vb, xy, 10, true, &st);
    } else if (!strcmp(s, "embassy")) {
        vb_disc(vb, x, y, r * 1.2f, outline);
        vb_disc(vb, x, y, r * 1.2f - w, color);
        vb_disc(vb, x, y, r * 0.45f, outline);
    } else if (!strcmp(s, "earthquake")) {
        StrokeStyle st = {w, color, 0, 0};
        float ring[64];
        for (int k = 1; k <= 3; k++) {
            for (int i = 0; i < 32; i++) {
                float a = (float)(2 * M_PI * i / 32);
                ring[2 * i] = x + r * 0.55f * k * cosf(a),
                         ring[2 * i + 1] = y + r * 0.55f * k * sinf(a);
            }
            vb_stroke(vb, ring, 32, true, &st);
        }
        vb_disc(vb, x, y, r * 0.35f, color);
    } else if (!strcmp(s, "border")) {
        regular(vb, x, y, r * 1.2f, 6, 0, color, outline, w); /* hexagon */
    } else {
        vb_disc(vb, x, y, r + w, outline);
        vb_disc(vb, x, y, r, color);
    }
}
