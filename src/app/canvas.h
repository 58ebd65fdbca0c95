/*
 * A window's worth of the atlas drawn without a display: a software renderer on a memory
 * surface, the atlas's fonts, the interface and a session, as the window has them. The PNG
 * exporter and the lesson handouts both draw through one, so a picture on paper is the picture
 * on the screen.
 */
#ifndef WK_CANVAS_H
#define WK_CANVAS_H

#include <SDL.h>

#include "app.h"
#include "png_text.h"
#include "session.h"

typedef struct Canvas {
    SDL_Surface *surface; /* ARGB8888, opt's size */
    SDL_Renderer *renderer;
    TextCache *text;
    MapRenderer *map;
    Ui ui;
    Session s;
    bool has_session;
} Canvas;

/* Sets up a canvas of opt's size, theme and scale with a session at the atlas's opening, and
 * opt's view when it has one. Returns APP_EXIT_OK, or the exit status after saying why. */
int canvas_open(Canvas *c, Atlas *atlas, const WkDiag *diag, const AppOptions *opt);

/* Draws the session's frame onto the surface. */
void canvas_draw(Canvas *c);

void canvas_close(Canvas *c);

/* Writes the surface as a PNG, atomically (a temporary beside `path`, renamed when whole),
 * with `texts` as its metadata. False, after saying why, when it cannot. */
bool canvas_save_png(const Canvas *c, const char *path, const PngText *texts, int ntexts);

#endif
