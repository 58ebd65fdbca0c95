#include "canvas.h"

#include <SDL_image.h>
#include <SDL_ttf.h>
#include <stdio.h>
#include <string.h>

#include "core/atomic.h"

int canvas_open(Canvas *c, Atlas *atlas, const WkDiag *diag, const AppOptions *opt)
{
    memset(c, 0, sizeof *c);
    const Theme *theme = opt->theme ? theme_find(opt->theme) : theme_default();
    if (!theme) {
        fprintf(stderr, "wakhan: there is no theme \"%s\" (light, contrast)\n", opt->theme);
        return APP_EXIT_USAGE;
    }
    c->surface =
        SDL_CreateRGBSurfaceWithFormat(0, opt->width, opt->height, 32, SDL_PIXELFORMAT_ARGB8888);
    c->renderer = c->surface ? SDL_CreateSoftwareRenderer(c->surface) : NULL;
    if (!c->renderer) {
        fprintf(stderr, "wakhan: cannot draw %dx%d: %s\n", opt->width, opt->height, SDL_GetError());
        return APP_EXIT_FAIL;
    }
    WkDiag font_diag;
    wk_diag_init(&font_diag);
    const char *fonts[TEXT_FONT_COUNT] = {
        atlas->fonts[ATLAS_FONT_LATIN], atlas->fonts[ATLAS_FONT_CJK],
        atlas->fonts[ATLAS_FONT_ARABIC], atlas->fonts[ATLAS_FONT_BOLD]};
    c->text = text_create(c->renderer, fonts, &font_diag);
    for (size_t i = 0; i < font_diag.count; i++)
        fprintf(stderr, "warning: %s\n", font_diag.entries[i].text);
    wk_diag_free(&font_diag);
    c->map = map_renderer_create(c->text);
    if (!c->map)
        return APP_EXIT_FAIL;
    /* The window's own rule: the interface grows with the picture from 1000 pixels high. */
    float scale = opt->scale > 0              ? opt->scale
                  : opt->height / 1000.0f < 1 ? 1
                                              : opt->height / 1000.0f;
    ui_init(&c->ui, c->renderer, c->text, theme, scale);
    session_init(&c->s, atlas, diag, opt->width, opt->height, scale, theme);
    c->has_session = true;
    if (opt->has_view) {
        double x, y;
        if (!atlas_project(atlas, opt->view_lon, opt->view_lat, &x, &y)) {
            fprintf(stderr, "wakhan: the view centre cannot be placed on this map\n");
            return APP_EXIT_USAGE;
        }
        camera_init(&c->s.cam, &atlas->region_box, x, y, atlas->view_span / opt->view_zoom,
                    c->s.cam.width, c->s.cam.height);
    }
    return APP_EXIT_OK;
}

void canvas_draw(Canvas *c)
{
    if (session_draw(&c->s, c->renderer, c->map, &c->ui) != 0)
        fprintf(stderr, "wakhan: drawing reported: %s\n", SDL_GetError());
    SDL_RenderPresent(c->renderer);
}

void canvas_close(Canvas *c)
{
    if (c->has_session)
        session_free(&c->s);
    ui_free(&c->ui);
    map_renderer_destroy(c->map);
    text_destroy(c->text);
    if (c->renderer)
        SDL_DestroyRenderer(c->renderer);
    SDL_FreeSurface(c->surface);
    if (TTF_WasInit())
        TTF_Quit();
    memset(c, 0, sizeof *c);
}

bool canvas_save_png(const Canvas *c, const char *path, const PngText *texts, int ntexts)
{
    WkDiag diag;
    wk_diag_init(&diag);
    WkAtomicFile af;
    bool ok = wk_atomic_open(&af, path, &diag) == WK_OK;
    if (ok) {
        SDL_RWops *rw = png_text_writer(af.f, texts, ntexts);
        if (!rw || IMG_SavePNG_RW(c->surface, rw, 1) != 0) {
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
