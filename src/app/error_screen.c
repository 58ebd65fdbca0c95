/*
 * When the atlas cannot be loaded at all (its atlas.json is missing or broken), the window
 * still opens, on a screen that names the file, the place in it and what to do, since a
 * teacher starting the atlas from a menu never sees the terminal.
 */
#include "app.h"
#include "core/i18n.h"

#include <SDL.h>
#include <SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "ui/ui.h"

/* Fonts beside an atlas directory, as the bundled atlas.json names them. */
static const char *const font_files[TEXT_FONT_COUNT] = {
    "NotoSans-Regular.ttf", "DroidSansFallbackFull.ttf", "NotoSansArabic-Regular.ttf",
    "NotoSans-Bold.ttf"};

static char *font_near(const char *dir, const char *file)
{
    char rel[256];
    snprintf(rel, sizeof rel, "../fonts/%s", file);
    char *path = dir ? wk_path_join(dir, rel) : NULL;
    FILE *f = path ? fopen(path, "rb") : NULL;
    if (f) {
        fclose(f);
        return path;
    }
    free(path);
    return NULL;
}

void app_fonts_near(const char *dir, const char *fallback_dir, char *fonts[TEXT_FONT_COUNT])
{
    for (int i = 0; i < TEXT_FONT_COUNT; i++)
        if (!(fonts[i] = font_near(dir, font_files[i])))
            fonts[i] = font_near(fallback_dir, font_files[i]);
}

static const char *fix_for(const WkDiag *diag)
{
    for (size_t i = 0; i < diag->count; i++) {
        const char *t = diag->entries[i].text;
        if (strstr(t, "not valid JSON"))
            return _("At that line and column, look for a missing or extra comma, quote or "
                     "bracket; fix it in a text editor, save, and start Wakhan again. `wakhan "
                     "check` lists every problem.");
        if (strstr(t, "cannot") || strstr(t, "missing") || strstr(t, "no such"))
            return _("Make sure the file named above exists and can be read, or start Wakhan "
                     "without --atlas to use the bundled atlas. `wakhan check` lists every "
                     "problem.");
    }
    return _("Correct what is named above, save, and start Wakhan again. `wakhan check` lists "
             "every problem; reinstalling Wakhan restores the bundled atlas.");
}

int app_error_window(const WkDiag *diag, const char *dir, const char *fallback_dir,
                     const AppOptions *opt)
{
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        fprintf(stderr, "wakhan: cannot start SDL: %s\n", SDL_GetError());
        return APP_EXIT_USAGE;
    }
    int status = APP_EXIT_USAGE;
    char *fonts[TEXT_FONT_COUNT] = {0};
    app_fonts_near(dir, fallback_dir, fonts);
    SDL_Window *window = SDL_CreateWindow(
        "Wakhan", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, opt->width, opt->height,
        SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI |
            (opt->fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0));
    SDL_Renderer *renderer =
        window ? SDL_CreateRenderer(window, -1, opt->software ? SDL_RENDERER_SOFTWARE : 0) : NULL;
    if (!renderer && window)
        renderer = SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE);
    FILE *trace = opt->trace_path ? fopen(opt->trace_path, "w") : NULL;
    WkDiag font_diag;
    wk_diag_init(&font_diag);
    TextCache *text =
        renderer ? text_create(renderer, (const char *const *)fonts, &font_diag) : NULL;
    if (!renderer) {
        fprintf(stderr, "wakhan: cannot open a window: %s\n", SDL_GetError());
        goto done;
    }
    Ui ui;
    ui_init(&ui, renderer, text, theme_default(), opt->scale > 0 ? opt->scale : 1);
    char title[300];
    snprintf(title, sizeof title, _("The atlas in %s cannot be opened"), dir ? dir : _("(none)"));
    bool quit = false, first = true;
    while (!quit) {
        int w, h;
        SDL_GetRendererOutputSize(renderer, &w, &h);
        ui.width = w, ui.height = h;
        ui.scale = ui_effective_scale(opt->scale > 0 ? opt->scale : 1, w, h);
        ui_error_screen_draw(&ui, title, diag, fix_for(diag));
        if (text)
            text_frame_end(text);
        SDL_RenderPresent(renderer);
        if (first && trace) {
            fprintf(trace, "error screen\nready\n");
            fflush(trace);
        }
        first = false;
        SDL_Event e;
        if (!SDL_WaitEvent(&e))
            break;
        do {
            if (e.type == SDL_QUIT || (e.type == SDL_KEYDOWN && (e.key.keysym.sym == SDLK_q ||
                                                                 e.key.keysym.sym == SDLK_ESCAPE)))
                quit = true;
        } while (SDL_PollEvent(&e));
    }
    if (trace)
        fprintf(trace, "quit\n");
    ui_free(&ui);
done:
    if (trace)
        fclose(trace);
    text_destroy(text);
    wk_diag_free(&font_diag);
    if (renderer)
        SDL_DestroyRenderer(renderer);
    if (window)
        SDL_DestroyWindow(window);
    for (int i = 0; i < TEXT_FONT_COUNT; i++)
        free(fonts[i]);
    if (TTF_WasInit())
        TTF_Quit();
    SDL_Quit();
    return status;
}
