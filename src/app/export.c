/*
 * `wakhan export`: the window's frame, drawn by the same session_draw into a software
 * renderer on a memory surface, written as PNG with SDL2_image. No display is needed.
 */
#include "app.h"
#include "session.h"

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>
#include <stdio.h>
#include <string.h>

/* Writes "out.png" as is for one frame; for a sequence, "out-0001.png" and so on. */
static void frame_path(const char *output, int frame, int frames, char *buf, size_t size)
{
    if (frames <= 1) {
        snprintf(buf, size, "%s", output);
        return;
    }
    const char *dot = strrchr(output, '.');
    int stem = dot && !strchr(dot, '/') ? (int)(dot - output) : (int)strlen(output);
    snprintf(buf, size, "%.*s-%04d%s", stem, output, frame + 1,
             dot && !strchr(dot, '/') ? dot : ".png");
}

int app_export(Atlas *atlas, const WkDiag *diag, const AppOptions *opt)
{
    int status = APP_EXIT_FAIL;
    SDL_Surface *surface = NULL;
    SDL_Renderer *renderer = NULL;
    TextCache *text = NULL;
    MapRenderer *map = NULL;
    Ui ui = {0};
    WkDiag font_diag;
    wk_diag_init(&font_diag);
    const Theme *theme = opt->theme ? theme_find(opt->theme) : theme_default();
    if (!theme) {
        fprintf(stderr, "wakhan: there is no theme \"%s\" (light, contrast)\n", opt->theme);
        return APP_EXIT_USAGE;
    }
    int place = opt->select ? atlas_place_find(atlas, opt->select) : -1;
    if (opt->select && place < 0) {
        fprintf(stderr, "wakhan: there is no place \"%s\"\n", opt->select);
        return APP_EXIT_USAGE;
    }
    surface =
        SDL_CreateRGBSurfaceWithFormat(0, opt->width, opt->height, 32, SDL_PIXELFORMAT_ARGB8888);
    renderer = surface ? SDL_CreateSoftwareRenderer(surface) : NULL;
    if (!renderer) {
        fprintf(stderr, "wakhan: cannot draw %dx%d: %s\n", opt->width, opt->height, SDL_GetError());
        goto done;
    }
    const char *fonts[TEXT_FONT_COUNT] = {
        atlas->fonts[ATLAS_FONT_LATIN], atlas->fonts[ATLAS_FONT_CJK],
        atlas->fonts[ATLAS_FONT_ARABIC], atlas->fonts[ATLAS_FONT_BOLD]};
    text = text_create(renderer, fonts, &font_diag);
    for (size_t i = 0; i < font_diag.count; i++)
        fprintf(stderr, "warning: %s\n", font_diag.entries[i].text);
    map = map_renderer_create(text);
    if (!map)
        goto done;
    float scale = opt->scale > 0              ? opt->scale
                  : opt->height / 1000.0f < 1 ? 1
                                              : opt->height / 1000.0f;
    ui_init(&ui, renderer, text, theme, scale);
    Session s;
    session_init(&s, atlas, diag, opt->width, opt->height, scale, theme);
    if (opt->has_view) {
        double x, y;
        if (!atlas_project(atlas, opt->view_lon, opt->view_lat, &x, &y)) {
            fprintf(stderr, "wakhan: the view centre cannot be placed on this map\n");
            status = APP_EXIT_USAGE;
            goto done;
        }
        camera_init(&s.cam, &atlas->region_box, x, y, atlas->view_span / opt->view_zoom,
                    s.cam.width, s.cam.height);
    }
    /* Select at the first frame's time, so the panel opens at what happened by then. */
    double opening = s.t; /* what the window opens at */
    session_set_time(&s, opt->has_range ? opt->t_from : opt->has_time ? opt->t : opening);
    if (place >= 0)
        session_select_place(&s, place);
    int frames = opt->has_range ? opt->frames : 1;
    for (int f = 0; f < frames; f++) {
        double t = opt->has_range
                       ? (frames > 1 ? opt->t_from + (opt->t_to - opt->t_from) * f / (frames - 1)
                                     : opt->t_from)
                   : opt->has_time ? opt->t
                                   : opening;
        session_set_time(&s, t);
        if (session_draw(&s, renderer, map, &ui) != 0)
            fprintf(stderr, "wakhan: drawing reported: %s\n", SDL_GetError());
        SDL_RenderPresent(renderer);
        char path[4096];
        frame_path(opt->output, f, frames, path, sizeof path);
        if (IMG_SavePNG(surface, path) != 0) {
            fprintf(stderr, "wakhan: cannot write %s: %s\n", path, IMG_GetError());
            goto done;
        }
    }
    status = APP_EXIT_OK;
done:
    ui_free(&ui);
    map_renderer_destroy(map);
    text_destroy(text);
    if (renderer)
        SDL_DestroyRenderer(renderer);
    SDL_FreeSurface(surface);
    wk_diag_free(&font_diag);
    if (TTF_WasInit())
        TTF_Quit();
    return status;
}
