/*
 * The map's window as the window's modules share it (private to app/): its state, and what
 * window.c (the loop, keys, the map and panel), window_presenter.c (the presenter window and
 * the split view) and window_slider.c (the slider, its magnifier) call of each other.
 */
#ifndef WK_WINDOW_H
#define WK_WINDOW_H

#include "lesson_run.h"
#include "presenter.h"
#include "search_run.h"
#include "session.h"

#include <SDL.h>

#define CLICK_SLOP 4.0f /* pixels a press may move and still be a click */

typedef struct Window {
    SDL_Window *window;
    SDL_Renderer *renderer;
    TextCache *text;
    MapRenderer *map;
    Ui ui;
    Session s;
    LessonRun run;
    Presenter pres;
    bool software;
    int presented_second; /* the elapsed second the presenter window last showed */
    float px_per_point;   /* HiDPI: renderer pixels per window coordinate */
    SearchBox search;
    char search_skip; /* the key that opened the search box: its own text is not typed */
    float press_x, press_y;
    bool pressed_map, moved, quit;
    /* The slider's magnifier (window_slider.c): open while the pointer is over the track or
     * in it; a drag that began in it moves year by year. */
    UiMagnifier mag;
    bool mag_open, mag_drag;
    float mag_pointer_x;
    char mag_caption[200]; /* what is under the pointer: a year and its era, or an event */
} Window;

/* The renderer's size in pixels; sets w->px_per_point for HiDPI. */
void window_output_size(Window *w, int *pw, int *ph);
void window_toggle_fullscreen(Window *w);
/* A key pressed in either window. */
void window_key(Window *w, const SDL_KeyboardEvent *k);

/* --- window_presenter.c --- */
/* Lays the session out in the window: all of it, or the left part in the split view. */
void window_relayout(Window *w);
/* Puts the map and the presenter where presenter_place says (a window of its own with two
 * displays or `want_window`, else the split view). */
void window_place_presenter(Window *w, bool want_window);
/* P: the presenter view on or off. */
void window_toggle_presenter(Window *w);
/* What a presenter button does: the same as the clicker's keys. */
void window_presenter_action(Window *w, PresenterButton b);
/* An event of the presenter's own window; false when it is not one the window uses. */
bool window_presenter_event(Window *w, const SDL_Event *e);

/* --- window_slider.c --- */
/* A press at (x, y): true when the slider or its magnifier took it. */
bool window_slider_press(Window *w, float x, float y);
/* The pointer moved to (x, y) with no map drag: true when the slider or its magnifier is
 * under it (or being dragged), which then says what is there; the magnifier closes otherwise. */
bool window_slider_motion(Window *w, float x, float y);
void window_slider_release(Window *w);
/* Closes the magnifier (the pointer left, the window changed size). */
void window_slider_close(Window *w);
/* Draws the magnifier when open, over everything but the search box. */
void window_slider_draw(Window *w);

#endif
