/*
 * The time slider along the bottom: the big date, a play button, era bands with their names,
 * a tick for each event, and the handle at the current time. An era's name shortens before it
 * disappears (full, short, cut with "…"); the era under the pointer is raised, and the window
 * names it in full.
 */
#include "ui.h"

#include "atlas/language.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define ELLIPSIS "\u2026"
/* A name cut shorter than this many characters says nothing (and "Qi…" could be Qin): then
 * the band stays blank. */
#define MIN_CUT_CHARS 3
/* Short names of joined eras ("Qing–Durrani") may drop what follows this dash. */
#define JOIN_DASH "\u2013"

static SDL_Color color_of(WkColor c, Uint8 alpha)
{
    return (SDL_Color){c.r, c.g, c.b, alpha};
}

static float x_of(const UiLayout *lay, const SliderScale *scale, double t)
{
    return lay->track.x + (float)slider_u_of_t(scale, t) * lay->track.w;
}

double ui_slider_time_at(const UiLayout *lay, const SliderScale *scale, float x)
{
    return slider_t_of_u(scale, (x - lay->track.x) / lay->track.w);
}

/* The era bands take the lower part of the track, the event ticks the upper part. */
#define BAND_TOP 0.45f

int ui_slider_event_at(const UiLayout *lay, const SliderScale *scale, const Atlas *atlas, float x,
                       float y, float tolerance)
{
    int best = -1;
    float best_d = tolerance;
    if (y > lay->track.y + lay->track.h * BAND_TOP)
        return -1;
    for (int i = 0; i < atlas->nevents; i++) {
        float d = fabsf(x_of(lay, scale, atlas->events[i].start) - x);
        if (d <= best_d) {
            best_d = d;
            best = i;
        }
    }
    return best;
}

static TextStyle era_style(const Ui *ui)
{
    return (TextStyle){(int)(12 * ui->scale + 0.5f), false, {25, 25, 25, 255}, false, {0, 0, 0, 0}};
}

/* The width of `text`, or a width that never fits when it cannot be measured. */
static int width_of(Ui *ui, const char *text, const TextStyle *ts)
{
    int w = 0, h = 0;
    return text_measure(ui->text, text, ts, &w, &h) ? w : 1 << 20;
}

/* `name` cut after whole UTF-8 characters, with "…", as long as fits `room`; 0 if none does. */
static int cut_to_fit(Ui *ui, const char *name, const TextStyle *ts, float room, char *out,
                      size_t size)
{
    size_t len = strlen(name), chars = 0, ends[64];
    for (size_t i = 0; i < len && chars < sizeof ends / sizeof *ends; i++)
        if (((unsigned char)name[i + 1] & 0xC0) != 0x80) /* the last byte of a character */
            ends[chars++] = i + 1;
    for (size_t n = chars > 0 ? chars - 1 : 0; n >= MIN_CUT_CHARS; n--) {
        size_t keep = ends[n - 1];
        while (keep > 0 && name[keep - 1] == ' ')
            keep--;
        snprintf(out, size, "%.*s%s", (int)keep, name, ELLIPSIS);
        int w = width_of(ui, out, ts);
        if (w <= room)
            return w;
    }
    out[0] = '\0';
    return 0;
}

int ui_era_label(Ui *ui, const Atlas *atlas, int era, float room, char *out, size_t size)
{
    out[0] = '\0';
    if (!ui->text || era < 0 || era >= atlas->neras || size == 0)
        return 0;
    TextStyle ts = era_style(ui);
    const char *name = atlas_era_name(atlas, era, ui->lang);
    const char *shorter = atlas_era_short_name(atlas, era, ui->lang);
    /* The short name's first part: "Qing" of "Qing–Durrani". */
    char first[64] = "";
    const char *dash = shorter ? strstr(shorter, JOIN_DASH) : NULL;
    if (dash && dash > shorter)
        snprintf(first, sizeof first, "%.*s", (int)(dash - shorter), shorter);
    const char *tries[3] = {name, shorter, first};
    for (int i = 0; i < 3; i++) {
        int w = tries[i] && *tries[i] ? width_of(ui, tries[i], &ts) : 1 << 20;
        if (w <= room) {
            snprintf(out, size, "%s", tries[i]);
            return w;
        }
    }
    return cut_to_fit(ui, shorter && *shorter ? shorter : name, &ts, room, out, size);
}

static void draw_play(Ui *ui, const SDL_FRect *r, bool playing, double speed)
{
    const Theme *th = ui->theme;
    vb_disc(&ui->vb, r->x + r->w / 2, r->y + r->h / 2, r->w / 2, th->accent);
    float cx = r->x + r->w / 2, cy = r->y + r->h / 2, k = r->w * 0.22f;
    if (playing) {
        vb_rect(&ui->vb, cx - k, cy - k, k * 0.7f, 2 * k, th->accent_text);
        vb_rect(&ui->vb, cx + k * 0.3f, cy - k, k * 0.7f, 2 * k, th->accent_text);
    } else {
        float tri[6] = {cx - k * 0.7f, cy - k * 1.1f, cx - k * 0.7f,
                        cy + k * 1.1f, cx + k * 1.2f, cy};
        vb_triangles(&ui->vb, tri, 3, th->accent_text);
    }
    vb_flush(&ui->vb, ui->renderer);
    if (ui->text && speed != 1.0) {
        char label[16];
        snprintf(label, sizeof label, "\u00d7%g", speed);
        TextStyle ts = {(int)(12 * ui->scale), true, th->track_text, false, {0, 0, 0, 0}};
        text_draw(ui->text, label, &ts, r->x + 2 * ui->scale, r->y + r->h + 2 * ui->scale);
    }
}

void ui_slider_draw(Ui *ui, const UiLayout *lay, const SliderScale *scale, const Atlas *atlas,
                    const SliderView *view)
{
    const Theme *th = ui->theme;
    float s = ui->scale;
    const SDL_FRect *tr = &lay->track;
    vb_rect(&ui->vb, lay->bar.x, lay->bar.y, lay->bar.w, lay->bar.h, th->track);
    /* Era bands in the lower half of the track, ticks in the upper half. */
    float band_y = tr->y + tr->h * BAND_TOP, band_h = tr->h * (1 - BAND_TOP);
    for (int i = 0; i < atlas->neras; i++) {
        float x0 = x_of(lay, scale, atlas->eras[i].start),
              x1 = x_of(lay, scale, atlas->eras[i].end);
        bool current = view->t >= atlas->eras[i].start && view->t < atlas->eras[i].end;
        bool hover = i == view->hover_era;
        /* The hovered era stands a little above its neighbours. */
        float lift = hover ? 3 * s : 0;
        vb_rect(&ui->vb, x0, band_y - lift, x1 - x0 - 1, band_h + lift,
                color_of(atlas->eras[i].color, current || hover ? 255 : 200));
    }
    float tick_top = tr->y + 2 * s, tick_h = band_y - tick_top - 3 * s;
    for (int i = 0; i < atlas->nevents; i++) {
        float x = x_of(lay, scale, atlas->events[i].start);
        bool sel = i == view->selected_event;
        SDL_Color c = sel ? th->highlight : (SDL_Color){235, 235, 235, 200};
        float w = (sel ? 3.0f : 1.5f) * s;
        vb_rect(&ui->vb, x - w / 2, tick_top + (sel ? 0 : tick_h * 0.3f), w,
                sel ? tick_h : tick_h * 0.7f, c);
    }
    vb_flush(&ui->vb, ui->renderer);
    if (ui->text) {
        /* Era names, shortened where the band is narrow, in dark text on the light bands. */
        TextStyle ts = era_style(ui);
        for (int i = 0; i < atlas->neras; i++) {
            float x0 = x_of(lay, scale, atlas->eras[i].start),
                  x1 = x_of(lay, scale, atlas->eras[i].end);
            char label[160];
            int w = ui_era_label(ui, atlas, i, x1 - x0 - 6 * s, label, sizeof label), tw, h;
            if (w > 0 && text_measure(ui->text, label, &ts, &tw, &h))
                text_draw(ui->text, label, &ts, (x0 + x1 - w) / 2, band_y + (band_h - h) / 2);
        }
    }
    /* The handle: a bar through the track with a knob. */
    float hx = x_of(lay, scale, view->t);
    vb_rect(&ui->vb, hx - 2 * s, tr->y - 4 * s, 4 * s, tr->h + 8 * s, th->highlight);
    vb_disc(&ui->vb, hx, tr->y - 4 * s, 7 * s, th->highlight);
    vb_flush(&ui->vb, ui->renderer);
    draw_play(ui, &lay->play, view->playing, view->speed);
    if (ui->text && view->date_text) {
        /* The date is the one thing the back row must read: as large as the layout says, and
         * smaller only when a long date ("20 September 2016") would not fit its column. */
        int size = (int)(lay->date_px + 0.5f), w = 0, h = 0;
        TextStyle ts = {size, true, th->track_text, false, {0, 0, 0, 0}};
        /* Width grows with the size, so one measurement gives the size that fits. */
        if (text_measure(ui->text, view->date_text, &ts, &w, &h) && w > lay->date_text.w)
            ts.size = (int)fmaxf(14, size * lay->date_text.w / w);
        text_measure(ui->text, view->date_text, &ts, &w, &h);
        text_draw(ui->text, view->date_text, &ts, lay->date_text.x,
                  lay->date.y + (lay->date.h - h) / 2);
    }
}
