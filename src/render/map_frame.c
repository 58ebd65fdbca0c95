/*
 * The pictures the software path keeps between frames, and how a frame is made from them.
 * The map is rasterized (raster.c) into a streaming texture that SDL's software renderer keeps
 * as it was, so a frame can start from the last one:
 *
 * - the timeless base layers are kept as a picture of their own while the view is unchanged;
 * - the whole texture is reused while nothing on it changed (frame_signature);
 * - a pan by whole pixels moves it and draws only the strips that came into view;
 * - during a zoom gesture it is scaled to the view into a second texture, and kept;
 * - the selection and hover are drawn over it, with the pixels under them kept, so a click or
 *   a hover puts back one box and draws another instead of a frame.
 */
#include "map_internal.h"
#include "picture.h"
#include "raster.h"

#include <math.h>
#include <stdlib.h>

/* A zoom gesture scales the last picture within these bounds; beyond them (a picture shrunk to a
 * third of the view and ringed with sea, or pixels grown blocky) a frame is drawn anew and the
 * gesture goes on from it. */
#define PREVIEW_MIN_SCALE 0.6
#define PREVIEW_MAX_SCALE 2.5

static bool static_key_equal(const StaticKey *a, const StaticKey *b)
{
    return a->atlas == b->atlas && a->theme == b->theme && a->cx == b->cx && a->cy == b->cy &&
           a->scale == b->scale && a->width == b->width && a->height == b->height &&
           a->layers == b->layers && a->ui_scale == b->ui_scale;
}

/* The streaming texture the software path draws into, made or remade for this size. */
bool map_frame_texture(MapRenderer *m, SDL_Renderer *renderer, int w, int h)
{
    if (m->texture && m->texture_owner == renderer && m->texture_w == w && m->texture_h == h)
        return true;
    if (m->texture)
        SDL_DestroyTexture(m->texture);
    if (m->scaled)
        SDL_DestroyTexture(m->scaled);
    m->scaled = NULL;
    free(m->columns);
    m->columns = NULL;
    free(m->base);
    m->base = NULL;
    m->base_valid = m->frame_valid = false;
    m->focus_box.w = 0;
    m->texture =
        SDL_CreateTexture(renderer, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STREAMING, w, h);
    if (!m->texture)
        return false;
    SDL_SetTextureBlendMode(m->texture, SDL_BLENDMODE_NONE);
    m->texture_owner = renderer;
    m->texture_w = w;
    m->texture_h = h;
    return true;
}

/* The sea and the timeless base layers into `r`: from the kept picture when the view has not
 * changed since it was drawn. */
static void draw_static(MapRenderer *m, Raster *r, Atlas *atlas, const Camera *cam,
                        const MapState *st, const GeoBox *view, int lod, int upto)
{
    StaticKey key = {atlas,      st->theme,   cam->cx, cam->cy,     cam->scale,
                     cam->width, cam->height, upto,    st->ui_scale};
    if (m->static_cache && !m->base)
        m->base = malloc(sizeof *m->base * (size_t)r->width * (size_t)r->height);
    if (!m->static_cache || !m->base) {
        raster_fill(r, st->theme->sea);
        map_draw_layers(m, atlas, cam, st, view, lod, 0, upto);
        vb_flush_raster(&m->vb, r);
        return;
    }
    if (!m->base_valid || !static_key_equal(&key, &m->base_key)) {
        Raster b = {m->base, r->width, r->height, r->width};
        raster_fill(&b, st->theme->sea);
        map_draw_layers(m, atlas, cam, st, view, lod, 0, upto);
        vb_flush_raster(&m->vb, &b);
        m->base_key = key;
        m->base_valid = true;
    }
    picture_copy(r->px, r->stride, m->base, r->width, r->width, r->height);
}

/* A digest of everything the map's geometry depends on in this frame but the view's centre and
 * scale (kept beside it: a pan shifts the picture, a zoom gesture scales it): the size of the
 * view, the theme,
 * and which overlays and timed features show with what weight (to 1/1024, finer
 * than a colour step). While the slider moves through a stretch where nothing starts or ends,
 * it stays the same and the last picture is reused as it is. */
static uint64_t frame_signature(const MapRenderer *m, const Atlas *atlas, const Camera *cam,
                                const MapState *st, int upto, int n)
{
    uint64_t h = 0xcbf29ce484222325ull;
    h = mix(h, (uint64_t)(uintptr_t)atlas);
    h = mix(h, (uint64_t)(uintptr_t)st->theme);
    h = mix(mix(h, (uint64_t)cam->width), (uint64_t)cam->height);
    h = mix_double(h, st->ui_scale);
    h = mix(h, (uint64_t)m->base_only << 32 | (uint32_t)upto);
    for (int l = upto; l < atlas->nlayers; l++) {
        const AtlasLayer *layer = &atlas->layers[l];
        for (int i = 0; layer->t_start && i < layer->geo->count; i++)
            h = mix(h, (uint64_t)(1024 * atlas_span_weight(layer->t_start[i], layer->t_end[i],
                                                           st->t, st->fade)));
    }
    for (int i = 0; i < n; i++)
        h = mix(h, (uint64_t)m->active[i] << 32 | (uint32_t)(1024 * m->weights[i]) |
                       (uint32_t)(st->emphasis && st->emphasis[m->active[i]] > 0) << 31);
    return mix(h, (uint64_t)n);
}

/* The whole pixels by which the picture moved from a view centred on (ocx, ocy) to `cam`, when
 * it moved by whole pixels (as a drag does) and less than the view's size. */
static bool pixel_shift(const Camera *cam, double ocx, double ocy, int *dx, int *dy)
{
    double fx = (ocx - cam->cx) * cam->scale, fy = (cam->cy - ocy) * cam->scale;
    double rx = round(fx), ry = round(fy);
    if (fabs(fx - rx) > 1e-3 || fabs(fy - ry) > 1e-3 || fabs(rx) >= cam->width ||
        fabs(ry) >= cam->height)
        return false;
    *dx = (int)rx, *dy = (int)ry;
    return true;
}

static GeoBox box_intersection(const GeoBox *a, const GeoBox *b)
{
    return (GeoBox){fmax(a->minx, b->minx), fmax(a->miny, b->miny), fmin(a->maxx, b->maxx),
                    fmin(a->maxy, b->maxy)};
}

/* Draws one strip of the frame newly in view after a pan: the base layers into the kept base
 * picture, that into the frame, then everything above. Only what can reach the strip is drawn
 * (culling by the strip and its stroke margin, within the frame's view), and only the strip's
 * pixels change, each exactly as a full redraw would make it. */
static void draw_strip(MapRenderer *m, Raster *r, const SDL_Rect *clip, Atlas *atlas,
                       const Camera *cam, const MapState *st, const GeoBox *view, int lod, int upto,
                       int n)
{
    double margin = STROKE_MARGIN_PX * st->ui_scale / cam->scale;
    GeoBox strip;
    camera_to_map(cam, clip->x, clip->y + clip->h, &strip.minx, &strip.miny);
    camera_to_map(cam, clip->x + clip->w, clip->y, &strip.maxx, &strip.maxy);
    strip = (GeoBox){strip.minx - margin, strip.miny - margin, strip.maxx + margin,
                     strip.maxy + margin};
    GeoBox features = box_intersection(&strip, view);
    m->view = box_intersection(&strip, &m->full_view);
    Raster b = {m->base, r->width, r->height, r->width};
    raster_fill_clipped(&b, clip, st->theme->sea);
    map_draw_layers(m, atlas, cam, st, &features, lod, 0, upto);
    vb_flush_raster_clipped(&m->vb, &b, clip);
    picture_copy(r->px + (size_t)clip->y * r->stride + clip->x, r->stride,
                 m->base + (size_t)clip->y * r->width + clip->x, r->width, clip->w, clip->h);
    map_draw_dynamic(m, atlas, cam, st, &features, lod, upto, n);
    vb_flush_raster_clipped(&m->vb, r, clip);
}

/* After a drag of whole pixels with nothing else changed, moves the last frame (and the kept
 * base picture) and draws only the strips that came into view: a pan then costs about what
 * its new pixels cost, not a whole frame. False when the frame cannot be moved (it is drawn
 * whole). `r` is the locked texture, which the software renderer keeps between frames. */
static bool shift_frame(MapRenderer *m, Raster *r, Atlas *atlas, const Camera *cam,
                        const MapState *st, const GeoBox *view, int lod, int upto, int n)
{
    int dx, dy;
    StaticKey old = {atlas,      st->theme,   m->frame_cx, m->frame_cy, cam->scale,
                     cam->width, cam->height, upto,        st->ui_scale};
    if (!m->base || !m->base_valid || !static_key_equal(&old, &m->base_key) ||
        !pixel_shift(cam, m->frame_cx, m->frame_cy, &dx, &dy))
        return false;
    int w = cam->width, h = cam->height;
    picture_shift(r->px, r->stride, w, h, dx, dy);
    picture_shift(m->base, w, w, h, dx, dy);
    /* The rows that came into view across the whole width, then the columns beside the rest. */
    SDL_Rect rows = {0, dy > 0 ? 0 : h + dy, w, abs(dy)};
    SDL_Rect cols = {dx > 0 ? 0 : w + dx, dy > 0 ? dy : 0, abs(dx), h - abs(dy)};
    if (rows.h > 0)
        draw_strip(m, r, &rows, atlas, cam, st, view, lod, upto, n);
    if (cols.w > 0 && cols.h > 0)
        draw_strip(m, r, &cols, atlas, cam, st, view, lod, upto, n);
    m->view = m->full_view;
    m->base_key.cx = cam->cx, m->base_key.cy = cam->cy;
    return true;
}

/* Takes the selection's decoration off the picture in `r`, putting back what was under it. */
static void take_off_focus(MapRenderer *m, Raster *r)
{
    SDL_Rect *b = &m->focus_box;
    if (b->w > 0 && b->h > 0)
        picture_copy(r->px + (size_t)b->y * (size_t)r->stride + b->x, r->stride, m->under, b->w,
                     b->w, b->h);
    b->w = b->h = 0;
}

/* Draws the selection and hover over the picture in `r` (the picture drawn without them): the
 * highlighted edge of an area, the halo under a line, a site or a place with the item drawn
 * again over it, as a frame drawn with them in focus adds them, but above everything else.
 * The pixels under it are kept, so a new selection or hover costs its own box, not a frame. */
static void put_on_focus(MapRenderer *m, Raster *r, Atlas *atlas, const Camera *cam,
                         const MapState *st, const GeoBox *view, int lod, int n)
{
    if (m->base_only || (st->selected_place < 0 && st->selected_overlay < 0 &&
                         st->hover_place < 0 && st->hover_overlay < 0))
        return;
    vb_clear(&m->vb);
    m->focus_only = true;
    map_draw_areas(m, atlas, cam, st, view, lod, n);
    map_draw_lines(m, atlas, cam, st, view, lod, n);
    map_draw_sites_and_places(m, atlas, cam, st, n, false);
    m->focus_only = false;
    float x0 = (float)r->width, y0 = (float)r->height, x1 = 0, y1 = 0;
    for (int i = 0; i < m->vb.nv; i++) {
        SDL_FPoint p = m->vb.v[i].position;
        x0 = p.x < x0 ? p.x : x0, y0 = p.y < y0 ? p.y : y0;
        x1 = p.x > x1 ? p.x : x1, y1 = p.y > y1 ? p.y : y1;
    }
    /* A pixel beyond the vertices on each side: sampling is at pixel centres. */
    int bx0 = x0 - 1 > 0 ? (int)(x0 - 1) : 0, by0 = y0 - 1 > 0 ? (int)(y0 - 1) : 0;
    int bx1 = x1 + 2 < r->width ? (int)(x1 + 2) : r->width,
        by1 = y1 + 2 < r->height ? (int)(y1 + 2) : r->height;
    SDL_Rect b = {bx0, by0, bx1 - bx0, by1 - by0};
    size_t need = b.w > 0 && b.h > 0 ? (size_t)b.w * (size_t)b.h : 0;
    if (need > m->under_cap) {
        uint32_t *grown = realloc(m->under, sizeof *grown * need);
        if (!grown) { /* it could not be taken off again: the next frame is drawn whole */
            m->frame_valid = false;
            need = 0;
        } else {
            m->under = grown;
            m->under_cap = need;
        }
    }
    if (need == 0) {
        vb_clear(&m->vb);
        return;
    }
    picture_copy(m->under, b.w, r->px + (size_t)b.y * (size_t)r->stride + b.x, r->stride, b.w, b.h);
    vb_flush_raster_clipped(&m->vb, r, &b);
    m->focus_box = b;
}

/* Where the last picture's pixel (x, y) lies in the view of `cam`: at (k x + ox, k y + oy). */
void map_frame_transform(const MapRenderer *m, const Camera *cam, float *k, float *ox, float *oy)
{
    double a = cam->scale / m->frame_scale;
    *k = (float)a;
    *ox = (float)(cam->width * 0.5 * (1 - a) + (m->frame_cx - cam->cx) * cam->scale);
    *oy = (float)(cam->height * 0.5 * (1 - a) + (cam->cy - m->frame_cy) * cam->scale);
}

/* The last picture, scaled and moved to the view of `cam` (nearest pixel: it stands in for a
 * fraction of a second), the sea where it does not reach, into a second texture: the first
 * keeps the picture for the next frame of the gesture. SDL 2.26's own scaled copy was measured
 * and rejected: 40-230 ms at 1080p whenever the scaled picture overhangs the target. */
static int draw_scaled(MapRenderer *m, SDL_Renderer *renderer, const Camera *cam,
                       const MapState *st, const SDL_Rect *vp)
{
    int w = m->texture_w, h = m->texture_h;
    if (!m->scaled) {
        m->scaled = SDL_CreateTexture(renderer, SDL_PIXELFORMAT_ARGB8888,
                                      SDL_TEXTUREACCESS_STREAMING, w, h);
        if (!m->scaled)
            return -1;
        SDL_SetTextureBlendMode(m->scaled, SDL_BLENDMODE_NONE);
    }
    if (!m->columns && !(m->columns = malloc(sizeof *m->columns * (size_t)w)))
        return SDL_OutOfMemory();
    void *from, *to;
    int from_pitch, to_pitch;
    if (SDL_LockTexture(m->texture, NULL, &from, &from_pitch) != 0)
        return -1;
    if (SDL_LockTexture(m->scaled, NULL, &to, &to_pitch) != 0) {
        SDL_UnlockTexture(m->texture);
        return -1;
    }
    float k, ox, oy;
    map_frame_transform(m, cam, &k, &ox, &oy);
    Raster src = {from, w, h, from_pitch / (int)sizeof(uint32_t)};
    Raster dst = {to, w, h, to_pitch / (int)sizeof(uint32_t)};
    SDL_Color sea = st->theme->sea;
    picture_scale(&dst, &src, k, ox, oy,
                  0xFF000000u | (uint32_t)sea.r << 16 | (uint32_t)sea.g << 8 | sea.b, m->columns);
    SDL_UnlockTexture(m->scaled);
    SDL_UnlockTexture(m->texture);
    return SDL_RenderCopy(renderer, m->scaled, NULL, vp);
}

bool map_frame_draw(MapRenderer *m, SDL_Renderer *renderer, Atlas *atlas, const Camera *cam,
                    const MapState *st, const GeoBox *view, int lod, int upto, int n, bool *scaled,
                    int *rc)
{
    SDL_Rect vp = {0, 0, cam->width, cam->height};
    void *pixels = NULL;
    int pitch = 0;
    /* The picture is drawn without the selection and hover, which are drawn over it
     * (put_on_focus): a click does not redraw the map. */
    MapState plain = *st;
    plain.selected_place = plain.selected_overlay = plain.hover_place = plain.hover_overlay = -1;
    int focus[4] = {st->selected_place, st->selected_overlay, st->hover_place, st->hover_overlay};
    bool focus_same = !memcmp(focus, m->focus_key, sizeof focus);
    uint64_t sig = frame_signature(m, atlas, cam, &plain, upto, n);
    bool same_sig = m->frame_valid && sig == m->frame_sig && m->static_cache;
    bool same = same_sig && cam->scale == m->frame_scale;
    bool still = same && cam->cx == m->frame_cx && cam->cy == m->frame_cy;
    int dx, dy;
    if (still && focus_same) {
        /* Nothing on the map changed: the texture still holds it. */
        m->counts.reused++;
        *rc = SDL_RenderCopy(renderer, m->texture, NULL, &vp);
    } else if (same_sig && st->preview && cam->scale >= PREVIEW_MIN_SCALE * m->frame_scale &&
               cam->scale <= PREVIEW_MAX_SCALE * m->frame_scale &&
               !(same && pixel_shift(cam, m->frame_cx, m->frame_cy, &dx, &dy))) {
        /* A zoom gesture: the last picture scaled stands for the map until it settles. */
        m->counts.scaled++;
        *scaled = true;
        *rc = draw_scaled(m, renderer, cam, st, &vp);
    } else if (SDL_LockTexture(m->texture, NULL, &pixels, &pitch) == 0) {
        Raster r = {pixels, cam->width, cam->height, pitch / (int)sizeof(uint32_t)};
        take_off_focus(m, &r);
        if (still) {
            m->counts.refocused++;
        } else if (same && shift_frame(m, &r, atlas, cam, &plain, view, lod, upto, n)) {
            m->counts.shifted++;
        } else {
            m->counts.whole++;
            draw_static(m, &r, atlas, cam, &plain, view, lod, upto);
            map_draw_dynamic(m, atlas, cam, &plain, view, lod, upto, n);
            vb_flush_raster(&m->vb, &r);
        }
        memcpy(m->focus_key, focus, sizeof focus);
        m->frame_valid = !m->vb.failed;
        put_on_focus(m, &r, atlas, cam, st, view, lod, n);
        SDL_UnlockTexture(m->texture);
        m->frame_sig = sig;
        m->frame_cx = cam->cx, m->frame_cy = cam->cy, m->frame_scale = cam->scale;
        m->frame_valid = m->frame_valid && !m->vb.failed;
        *rc = SDL_RenderCopy(renderer, m->texture, NULL, &vp);
    } else {
        return false;
    }
    return true;
}
