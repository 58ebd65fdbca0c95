/*
 * The presenter view from the map window's side: where the two windows go as displays come and
 * go, the split view, and the input of the presenter's own window, which works the lesson
 * like the clicker's keys.
 */
#include "window.h"

/* The split view takes this share of the window's width for the presenter. */
#define SPLIT_SHARE 0.38f
#define MAX_DISPLAYS 8

/* Lays the session out in the window: all of it, or the left part in the split view. */
void window_relayout(Window *w)
{
    int pw, ph;
    window_output_size(w, &pw, &ph);
    session_resize(&w->s, w->pres.split ? (int)(pw * (1 - SPLIT_SHARE)) : pw, ph);
}

/* Puts the map window and the presenter window where presenter_place says. */
void window_place_presenter(Window *w, bool want_window)
{
    PresenterDisplay d[MAX_DISPLAYS];
    int n = presenter_displays(d, MAX_DISPLAYS);
    PresenterPlacement pl = presenter_place(d, n, want_window);
    session_trace(&w->s, "displays %d", n);
    if (pl.mode == PRESENTER_SPLIT) {
        presenter_close(&w->pres);
        w->pres.split = true;
        session_trace(&w->s, "presenter split");
    } else if (pl.mode == PRESENTER_WINDOWS) {
        w->pres.split = false;
        if (!w->pres.window && !presenter_open_window(&w->pres, w->s.atlas, pl.presenter_display,
                                                      w->s.ui_scale, w->software))
            return;
        presenter_move(&w->pres, pl.presenter_display);
        session_trace(&w->s, "presenter window on display %d, map on display %d",
                      pl.presenter_display, pl.map_display);
        if (SDL_GetWindowDisplayIndex(w->window) != pl.map_display) {
            if (w->s.fullscreen)
                window_toggle_fullscreen(w); /* full screen windows do not move */
            int pos = SDL_WINDOWPOS_CENTERED_DISPLAY(pl.map_display);
            SDL_SetWindowPosition(w->window, pos, pos);
        }
        if (pl.map_fullscreen != w->s.fullscreen)
            window_toggle_fullscreen(w);
    }
    window_relayout(w);
}

void window_toggle_presenter(Window *w)
{
    if (w->pres.window || w->pres.split) {
        presenter_close(&w->pres);
        session_trace(&w->s, "presenter off");
        window_relayout(w);
        return;
    }
    window_place_presenter(w, false);
}

/* What a press on a presenter button does: the same as the clicker's keys. */
void window_presenter_action(Window *w, PresenterButton b)
{
    LessonRun *r = &w->run;
    switch (b) {
    case PRESENTER_BUTTON_PREV:
    case PRESENTER_BUTTON_NEXT:
        lesson_run_step(r, &w->s, b == PRESENTER_BUTTON_NEXT ? 1 : -1);
        break;
    case PRESENTER_BUTTON_BLACK:
        r->blank = r->blank ? LESSON_BLANK_NONE : LESSON_BLANK_BLACK;
        session_trace(&w->s, "blank %s", r->blank ? "black" : "off");
        break;
    case PRESENTER_BUTTON_LEAVE:
        lesson_run_leave(r, &w->s);
        break;
    default:
        break;
    }
}

/* Events of the presenter window: the clicker's keys work there too. */
bool window_presenter_event(Window *w, const SDL_Event *e)
{
    switch (e->type) {
    case SDL_KEYDOWN:
        window_key(w, &e->key);
        break;
    case SDL_MOUSEBUTTONDOWN: {
        int ww, pw, ph;
        SDL_GetWindowSize(w->pres.window, &ww, &ph);
        SDL_GetRendererOutputSize(w->pres.renderer, &pw, &ph);
        float k = ww > 0 ? (float)pw / ww : 1;
        if (e->button.button == SDL_BUTTON_LEFT)
            window_presenter_action(
                w, presenter_button_at(&w->pres, e->button.x * k, e->button.y * k));
        break;
    }
    case SDL_WINDOWEVENT:
        if (e->window.event == SDL_WINDOWEVENT_CLOSE) {
            presenter_close(&w->pres);
            session_trace(&w->s, "presenter off");
        }
        break;
    default:
        return false;
    }
    return true;
}
