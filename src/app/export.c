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
#include <stdlib.h>
#include <string.h>

#include "core/atomic.h"
#include "png_text.h"
#include "core/util.h"

/* "out.png" as is for one frame; for a sequence, "out-0001.png" and so on. Owned by the
 * caller; NULL when out of memory. */
static char *frame_path(const char *output, int frame, int frames)
{
    if (frames <= 1)
        return wk_strdup(output);
    const char *dot = strrchr(output, '.');
    bool has_ext = dot && !strchr(dot, '/');
    size_t stem = has_ext ? (size_t)(dot - output) : strlen(output);
    return wk_strfmt("%.*s-%04d%s", (int)stem, output, frame + 1, has_ext ? dot : ".png");
}

/* Writes one frame through a temporary file beside `path`, renamed over it only once the
 * whole PNG is on disk: a full disk, an unwritable folder or a kill never leave a torn file.
 * The texts go into the PNG as metadata. */
static bool save_png(SDL_Surface *surface, const char *path, const PngText *texts, int ntexts)
{
    WkDiag diag;
    wk_diag_init(&diag);
    WkAtomicFile af;
    bool ok = wk_atomic_open(&af, path, &diag) == WK_OK;
    if (ok) {
        SDL_RWops *rw = png_text_writer(af.f, texts, ntexts);
        if (!rw || IMG_SavePNG_RW(surface, rw, 1) != 0) {
            wk_diag_error(&diag, WK_ERR_IO, "%s: cannot write: %s", path, IMG_GetError());
            wk_atomic_abort(&af);
            ok = false;
        } else {
            ok = wk_atomic_commit(&af, &diag) == WK_OK;
        }
    }
    for (size_t i = 0; i < diag.count; i++)
        fprintf(stderr, "wakhan: %s\n", diag.entries[i].text);
    wk_diag_free(&diag);
    return ok;
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
    /* Temporaries left beside earlier exports by a killed run. */
    char *out_dir = wk_path_folder(opt->output);
    wk_atomic_clean_stale(out_dir);
    free(out_dir);
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
        char *path = frame_path(opt->output, f, frames);
        /* What the picture shows, kept in the file: the atlas, the year and the selection. */
        char year[64];
        wk_time_format_year(t, year, sizeof year);
        char *title = wk_strfmt("%s, %s", atlas->title, year);
        char *what = place >= 0 ? wk_strfmt("The map as it was in %s, with the events of %s", year,
                                            atlas->places[place].name)
                                : wk_strfmt("The map as it was in %s", year);
        PngText texts[] = {{"Title", title ? title : ""},
                           {"Description", what ? what : ""},
                           {"Software", "wakhan " WAKHAN_VERSION}};
        bool saved = path && save_png(surface, path, texts, 3);
        free(title);
        free(what);
        free(path);
        if (!saved)
            goto done;
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
