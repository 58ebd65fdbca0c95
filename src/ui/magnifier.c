/*
 * The slider's magnifier: a strip over the map, just above the slider, that shows the years
 * around where the pointer rests on the track at a fixed width per year (YEAR_PX), so every
 * year can be landed on with the mouse even where the track packs six years into a pixel.
 *
 * The strip is linear in time. It is placed so that the time under the pointer on the track is
 * also under the pointer in the strip: moving straight up from the track lands on the year the
 * track showed. Near the ends of the atlas's range the strip slides inward instead of showing
 * years that do not exist. Placing is pure arithmetic on the layout (tested without a window);
 * drawing only reads what placing computed.
 */
#include "ui.h"

#include "atlas/language.h"
#include "core/date_lang.h"

#include <math.h>
#include <stdio.h>

#define YEAR_PX 8.0f  /* a year's width in the strip at scale 1 */
#define MAG_WIDTH 560 /* the strip's width at scale 1, when the window has room */
#define MARGIN 8      /* from the window's edges and above the bar */
#define CAPTION_H 24  /* the row naming what is under the pointer */
#define TICKS_H 16    /* the row of event ticks */
#define YEARS_H 26    /* the row of year cells */
#define PAD 4

void ui_magnifier_place(const Ui *ui, const UiLayout *lay, const SliderScale *scale,
                        const Atlas *atlas, float x, UiMagnifier *out)
{
    float s = ui->scale;
    float w = fminf(MAG_WIDTH * s, ui->width - 2 * MARGIN * s);
    float h = (CAPTION_H + TICKS_H + YEARS_H + 2 * PAD) * s;
    float bx = fminf(fmaxf(x - w / 2, MARGIN * s), ui->width - MARGIN * s - w);
    out->box = (SDL_FRect){bx, lay->bar.y - MARGIN * s - h, w, h};
    out->ticks =
        (SDL_FRect){bx + PAD * s, out->box.y + (PAD + CAPTION_H) * s, w - 2 * PAD * s, TICKS_H * s};
    out->years = (SDL_FRect){out->ticks.x, out->ticks.y + out->ticks.h, out->ticks.w, YEARS_H * s};
    double range = atlas->t_max - atlas->t_min;
    double per_year = YEAR_PX * s, years = out->years.w / per_year;
    if (years >= range) { /* a short atlas fits whole */
        out->t0 = atlas->t_min, out->t1 = atlas->t_max;
        return;
    }
    /* The time under the pointer stays under it... */
    float px = floorf(fminf(fmaxf(x, lay->track.x), lay->track.x + lay->track.w));
    double tc = ui_slider_time_at(lay, scale, x);
    double t0 =
        tc - (fminf(fmaxf(x, out->years.x), out->years.x + out->years.w) - out->years.x) / per_year;
    /* ...unless the strip, pushed against the window's edge, would then miss some of the years
     * the pointer's pixel covers on the track (up to twenty at scale 4 on a projector). */
    double ta = ui_slider_time_at(lay, scale, px), tb = ui_slider_time_at(lay, scale, px + 1);
    t0 = fmin(t0, floor(ta));
    t0 = fmax(t0, ceil(tb) - years);
    t0 = fmax(atlas->t_min, fmin(t0, atlas->t_max - years));
    out->t0 = t0, out->t1 = t0 + years;
}

double ui_magnifier_time_at(const UiMagnifier *m, float x)
{
    float u = (x - m->years.x) / m->years.w;
    u = u < 0 ? 0 : u > 1 ? 1 : u;
    return m->t0 + (m->t1 - m->t0) * u;
}

float ui_magnifier_x_of(const UiMagnifier *m, double t)
{
    return m->years.x + (float)((t - m->t0) / (m->t1 - m->t0)) * m->years.w;
}

int ui_magnifier_year_at(const UiMagnifier *m, const Atlas *atlas, float x)
{
    double y = floor(ui_magnifier_time_at(m, x));
    double first = ceil(atlas->t_min), last = ceil(atlas->t_max) - 1;
    return (int)fmax(first, fmin(y, last));
}

bool ui_magnifier_at(const UiMagnifier *m, float x, float y)
{
    return ui_in_rect(&m->box, x, y);
}

int ui_magnifier_event_at(const UiMagnifier *m, const Atlas *atlas, float x, float y,
                          float tolerance)
{
    if (!ui_in_rect(&m->ticks, x, y))
        return -1;
    int best = -1;
    float best_d = tolerance;
    for (int i = 0; i < atlas->nevents; i++) {
        double t = atlas->events[i].start;
        if (t < m->t0 || t > m->t1)
            continue;
        float d = fabsf(ui_magnifier_x_of(m, t) - x);
        if (d <= best_d)
            best_d = d, best = i;
    }
    return best;
}

/* Every how many years a year is labelled: the first step whose labels do not touch. */
static int label_step(Ui *ui, const TextStyle *ts, float per_year, WkLang lang)
{
    static const int steps[] = {1, 2, 5, 10, 20, 50, 100, 200, 500};
    char widest[48];
    int w = 0, h = 0;
    wk_time_format_year_in(-1000, lang, widest, sizeof widest); /* "1001 BC" */
    if (!text_measure(ui->text, widest, ts, &w, &h))
        return 10;
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++)
        if (steps[i] * per_year >= w + 8 * ui->scale)
            return steps[i];
    return steps[sizeof steps / sizeof *steps - 1];
}

void ui_magnifier_draw(Ui *ui, const UiMagnifier *m, const Atlas *atlas, double t,
                       int selected_event, float pointer_x, const char *caption)
{
    const Theme *th = ui->theme;
    float s = ui->scale;
    const SDL_FRect *b = &m->box, *yr = &m->years, *tk = &m->ticks;
    /* Opaque, though the bar lets the map show through: the strip lies over the map. */
    SDL_Color back = th->track;
    back.a = 255;
    vb_rect(&ui->vb, b->x, b->y, b->w, b->h, back);
    float per_year = yr->w / (float)(m->t1 - m->t0);
    int hover = ui_magnifier_year_at(m, atlas, pointer_x);
    /* The year cells, in their era's colour, every other one a shade darker so single years
     * can be told apart. */
    for (double y = floor(m->t0); y < m->t1; y++) {
        float x0 = fmaxf(ui_magnifier_x_of(m, y), yr->x);
        float x1 = fminf(ui_magnifier_x_of(m, y + 1), yr->x + yr->w);
        int era = atlas_era_at(atlas, y + 0.5);
        WkColor c = era >= 0 ? atlas->eras[era].color : (WkColor){200, 200, 200, 255};
        Uint8 a = ((long)y & 1) ? 215 : 255;
        SDL_Color fill = (int)y == hover ? th->highlight : (SDL_Color){c.r, c.g, c.b, a};
        if (x1 > x0)
            vb_rect(&ui->vb, x0, yr->y, fmaxf(x1 - x0 - (per_year > 3 ? 1 : 0), 0.5f), yr->h, fill);
    }
    for (int i = 0; i < atlas->nevents; i++) {
        double e = atlas->events[i].start;
        if (e < m->t0 || e > m->t1)
            continue;
        bool sel = i == selected_event;
        float w = (sel ? 3.0f : 1.5f) * s, x = ui_magnifier_x_of(m, e);
        vb_rect(&ui->vb, x - w / 2, tk->y + 2 * s, w, tk->h - 4 * s,
                sel ? th->highlight : (SDL_Color){235, 235, 235, 220});
    }
    /* The time shown, as on the track. */
    if (t >= m->t0 && t <= m->t1) {
        float x = ui_magnifier_x_of(m, t);
        vb_rect(&ui->vb, x - 1.5f * s, tk->y, 3 * s, tk->h + yr->h, th->highlight);
    }
    vb_flush(&ui->vb, ui->renderer);
    if (!ui->text)
        return;
    TextStyle ys = {(int)(11 * s + 0.5f), false, {25, 25, 25, 255}, false, {0, 0, 0, 0}};
    int step = label_step(ui, &ys, per_year, ui->lang);
    SDL_Rect clip = {(int)yr->x, (int)yr->y, (int)yr->w, (int)yr->h};
    SDL_RenderSetClipRect(ui->renderer, &clip);
    for (double y = ceil(m->t0 / step) * step; y < m->t1; y += step) {
        char label[48];
        int w = 0, h = 0;
        wk_time_format_year_in(y, ui->lang, label, sizeof label);
        if (!text_measure(ui->text, label, &ys, &w, &h))
            continue;
        float cx = ui_magnifier_x_of(m, y + 0.5);
        text_draw(ui->text, label, &ys, cx - w / 2.0f, yr->y + (yr->h - h) / 2);
    }
    SDL_RenderSetClipRect(ui->renderer, NULL);
    if (caption && *caption) {
        TextStyle cs = {(int)(14 * s + 0.5f), true, th->track_text, false, {0, 0, 0, 0}};
        char fit[300];
        ui_fit_text(ui, caption, &cs, b->w - 2 * PAD * s, fit, sizeof fit);
        text_draw(ui->text, fit, &cs, b->x + PAD * 2 * s, b->y + PAD * s);
    }
}
