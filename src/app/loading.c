/*
 * Loading the atlas for the window. On the first start (or after a map changed) the maps are
 * projected, simplified and triangulated before they are cached, which takes seconds; the
 * atlas then loads on a second thread while a window shows how far it has come, redrawn ten
 * times a second and answering to being moved or closed. A warm start is over before the
 * window would show, and opens straight on the map.
 */
#include "app.h"

#include <SDL.h>
#include <SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/date_lang.h"
#include "core/i18n.h"
#include "ui/ui.h"

/* A load shorter than this (a warm start, even on a busy machine) opens no progress window. */
#define QUIET_MS 400
/* When the fraction done has not moved for this long (the first layer, the countries at full
 * detail, is most of the work), a light band sweeps along the bar, once per SWEEP_SECONDS, so
 * the window never looks frozen. */
#define STALL_SECONDS 1.0
#define SWEEP_SECONDS 1.6
#define SWEEP_SHARE 0.15f

typedef struct Load {
    GeoContext *geo;
    const char *dir, *user;
    WkDiag *diag;
    Atlas *atlas;
    SDL_atomic_t done;
} Load;

static int load_thread(void *data)
{
    Load *l = data;
    l->atlas = atlas_load_with_user(l->geo, l->dir, l->user, l->diag);
    SDL_AtomicSet(&l->done, 1);
    return 0;
}

static void draw_text(TextCache *text, const char *s, int size, bool bold, SDL_Color color,
                      float cx, float y)
{
    TextStyle ts = {size, bold, color, false, color};
    int w, h;
    if (text && text_measure(text, s, &ts, &w, &h))
        text_draw(text, s, &ts, cx - w / 2.0f, y);
}

/* The progress screen: the title, what is happening, and a bar of the fraction done; with
 * `stalled`, a band sweeping through the part still to do. */
static void draw_progress(SDL_Renderer *r, TextCache *text, double fraction, double seconds,
                          bool stalled)
{
    const Theme *th = theme_default();
    int w, h;
    SDL_GetRendererOutputSize(r, &w, &h);
    float s = h / 800.0f < 1 ? 1 : h / 800.0f;
    SDL_SetRenderDrawColor(r, th->sea.r, th->sea.g, th->sea.b, 255);
    SDL_RenderClear(r);
    float y = h * 0.36f;
    draw_text(text, "Wakhan", (int)(44 * s), true, th->text, w / 2.0f, y);
    draw_text(text, _("Preparing the maps for the first start"), (int)(22 * s), false, th->text,
              w / 2.0f, y + 70 * s);
    draw_text(text, _("They are kept for later starts, which take a moment."), (int)(16 * s), false,
              th->muted, w / 2.0f, y + 104 * s);
    SDL_FRect track = {w * 0.25f, y + 150 * s, w * 0.5f, 14 * s};
    SDL_SetRenderDrawColor(r, th->panel.r, th->panel.g, th->panel.b, 255);
    SDL_RenderFillRectF(r, &track);
    SDL_FRect bar = track;
    bar.w = (float)(track.w * fraction);
    SDL_SetRenderDrawColor(r, th->accent.r, th->accent.g, th->accent.b, 255);
    SDL_RenderFillRectF(r, &bar);
    if (stalled) {
        float rest = track.w - bar.w, band = track.w * SWEEP_SHARE;
        float k = (float)(seconds / SWEEP_SECONDS - (long)(seconds / SWEEP_SECONDS));
        SDL_FRect sweep = {bar.x + bar.w + (rest + band) * k - band, track.y, band, track.h};
        float x0 = sweep.x < bar.x + bar.w ? bar.x + bar.w : sweep.x;
        sweep.w =
            (sweep.x + sweep.w > track.x + track.w ? track.x + track.w : sweep.x + sweep.w) - x0;
        sweep.x = x0;
        SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
        SDL_SetRenderDrawColor(r, th->accent.r, th->accent.g, th->accent.b, 90);
        if (sweep.w > 0)
            SDL_RenderFillRectF(r, &sweep);
    }
    char raw[64], line[64];
    /* TRANSLATORS: the loading screen: the percentage done and the seconds spent so far */
    snprintf(raw, sizeof raw, _("%d %%  ·  %.0f s"), (int)(100 * fraction + 0.5), seconds);
    wk_digits_localize(raw, wk_i18n_lang(), line, sizeof line);
    draw_text(text, line, (int)(16 * s), false, th->muted, w / 2.0f, track.y + 26 * s);
    if (text)
        text_frame_end(text);
    SDL_RenderPresent(r);
}

Atlas *app_load_atlas(GeoContext *geo, const char *dir, const char *user, WkDiag *diag,
                      const AppOptions *opt, bool *closed_out)
{
    *closed_out = false;
    Load l = {geo, dir, user, diag, NULL, {0}};
    SDL_Thread *thread = SDL_CreateThread(load_thread, "atlas-load", &l);
    if (!thread) {
        load_thread(&l);
        return l.atlas;
    }
    Uint64 start = SDL_GetTicks64();
    while (!SDL_AtomicGet(&l.done) && SDL_GetTicks64() - start < QUIET_MS)
        SDL_Delay(5);
    if (SDL_AtomicGet(&l.done) || SDL_InitSubSystem(SDL_INIT_VIDEO) != 0) {
        SDL_WaitThread(thread, NULL);
        return l.atlas;
    }
    SDL_Window *window = SDL_CreateWindow(
        "Wakhan", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, opt->width, opt->height,
        SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI |
            (opt->fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0));
    SDL_Renderer *renderer =
        window ? SDL_CreateRenderer(window, -1, opt->software ? SDL_RENDERER_SOFTWARE : 0) : NULL;
    if (!renderer && window)
        renderer = SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE);
    char *fonts[TEXT_FONT_COUNT] = {0};
    app_fonts_near(dir, NULL, fonts);
    WkDiag font_diag;
    wk_diag_init(&font_diag);
    TextCache *text =
        renderer ? text_create(renderer, (const char *const *)fonts, &font_diag) : NULL;
    bool closed = false;
    double last_fraction = -1, moved_at = 0;
    while (renderer && !SDL_AtomicGet(&l.done)) {
        double fraction = geo_progress(geo), now = (SDL_GetTicks64() - start) / 1000.0;
        if (fraction != last_fraction)
            last_fraction = fraction, moved_at = now;
        if (!closed)
            draw_progress(renderer, text, fraction, now, now - moved_at >= STALL_SECONDS);
        SDL_Event e;
        /* Closing the window ends the program once the load is over (a cache file being
         * written is finished, not left half done). */
        if (SDL_WaitEventTimeout(&e, 100)) {
            do {
                if (e.type == SDL_QUIT && !closed) {
                    closed = true;
                    SDL_HideWindow(window);
                }
            } while (SDL_PollEvent(&e));
        }
    }
    SDL_WaitThread(thread, NULL);
    text_destroy(text);
    wk_diag_free(&font_diag);
    for (int i = 0; i < TEXT_FONT_COUNT; i++)
        free(fonts[i]);
    if (renderer)
        SDL_DestroyRenderer(renderer);
    if (window)
        SDL_DestroyWindow(window);
    if (TTF_WasInit())
        TTF_Quit();
    if (closed) {
        atlas_free(l.atlas);
        *closed_out = true;
        return NULL;
    }
    return l.atlas;
}
