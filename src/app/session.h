/*
 * One session with the atlas: the time shown, the camera, the selection, and what the
 * interface shows. Both the window and the exporter drive a Session, and session_draw is the
 * single function that draws a frame, so an exported PNG is exactly what the window shows.
 */
#ifndef WK_SESSION_H
#define WK_SESSION_H

#include <SDL.h>
#include <stdio.h>

#include "atlas/atlas.h"
#include "render/camera.h"
#include "render/map.h"
#include "ui/ui.h"

/* Seconds without a zoom step after which a zoom gesture is over and the map drawn in full. */
#define SESSION_ZOOM_SETTLE 0.18

/* Seconds for the whole slider at speed 1 when playing. */
#define SESSION_PLAY_SECONDS 120.0

typedef struct Session {
    Atlas *atlas;
    const WkDiag *diag; /* problems found while loading, shown in the warning bar */
    SliderScale scale;

    double t;                 /* time shown */
    double t_from, t_to, t_k; /* a time animation: k runs 0..1 */
    bool playing;
    double speed;

    Camera cam;
    Camera glide_from, glide_to;
    double glide_k; /* 1 when no glide is running */
    /* Seconds until a zoom gesture (wheel notches, a pinch) counts as over: until then the map
     * may show its last picture scaled, then it is drawn anew. 0 when none is under way. */
    double zoom_settle;
    bool zoom_fresh; /* a step came since the last session_update */

    int selected_place, selected_overlay, current_event;
    int hover_place, hover_overlay;
    int hover_era; /* the era under the pointer on the slider, or -1 */
    float panel_scroll, panel_height;
    bool panel_follow; /* scroll the panel to panel_event on the next frame */
    int panel_event;

    const Theme *theme;
    MapNames names;       /* language of the place labels */
    WkLang lang;          /* the interface's and the content's language */
    bool names_apart;     /* place labels keep their own language when lang changes */
    float ui_scale;       /* the scale drawn at: ui_effective_scale of the one asked for */
    float ui_scale_asked; /* the interface scale chosen (--scale, Ctrl +/-) */
    bool help, legend, warnings_open, fullscreen;
    bool dragging_slider, dragging_map;
    bool warnings_dismissed; /* the warning bar was closed */
    int warnings_first;      /* the first problem shown in the list (scrolling) */

    /* A year being typed (G, digits, Enter): open while year_entry is true. */
    bool year_entry;
    char year_text[16];

    /* A short message over the map ("Theme: high contrast"), for toast_left more seconds. */
    char toast[120];
    double toast_left;

    /* Per overlay: 1 highlighted, -1 dimmed, 0 as usual (a lesson's stop); NULL when none.
     * Owned: session_free. */
    signed char *emphasis;

    SDL_FRect legend_traced; /* where the trace last said the legend was, and for which place */
    int legend_subject;
    SDL_FRect legend_box; /* where the legend was last drawn: glides keep their place clear */
    FILE *trace;          /* "time 659.0", "select kabul": what the session did, for tests; NULL */
    int width, height;
} Session;

void session_init(Session *s, Atlas *atlas, const WkDiag *diag, int width, int height,
                  float ui_scale, const Theme *theme);
/* Frees what the session owns (not the atlas). */
void session_free(Session *s);
/* Updates the layout after the window or the UI scale changed. */
void session_resize(Session *s, int width, int height);
void session_set_scale(Session *s, float ui_scale);

/* Switches the whole atlas to a language: interface strings (gettext), events, eras,
 * territories, dates, and the place labels unless they were set apart. */
void session_set_language(Session *s, WkLang lang);
/* The place labels' language for an atlas language. */
MapNames session_names_for(WkLang lang);

/* Sets the time at once (dragging), clamped to the atlas's range. */
void session_set_time(Session *s, double t);
/* Moves to time t smoothly, over a short animation. */
void session_goto_time(Session *s, double t);
/* Steps to the next (dir 1) or previous (dir -1) event, or the first/last (dir ±2): time moves
 * to it, its place is selected and the camera glides there. */
void session_step_event(Session *s, int dir);
void session_show_event(Session *s, int event);
/* Moves `years` whole years from the year shown (1, -1, 10, -10), landing on a year's start. */
void session_step_years(Session *s, int years);
/* Goes to a typed year ("1895", "104 BC", "-104"); false, with a toast saying why, when the
 * text is not a year or the year is outside the atlas. */
bool session_goto_year_text(Session *s, const char *text);
/* Shows a short message over the map for a few seconds. */
void session_toast(Session *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* True while the warning bar is shown. */
bool session_warning_bar(const Session *s);

void session_select_place(Session *s, int place);
void session_select_overlay(Session *s, int overlay);
void session_clear_selection(Session *s);
/* The map point the view is centred on: the camera's centre, or left of it by half the
 * panel when the panel is open (what session_glide_to takes). */
void session_view_point(const Session *s, double *x, double *y);
/* Glides the camera so that map point (x, y) is in view, left of the panel. */
void session_glide_to(Session *s, double x, double y, double span);

/* One step of a zoom gesture: zooms by `factor` about screen (x, y) and restarts the wait
 * after which the gesture counts as over (SESSION_ZOOM_SETTLE seconds of session_update). */
void session_zoom_at(Session *s, double factor, double x, double y);

/* Advances animations and playback by dt seconds. Returns true while anything moves. */
bool session_update(Session *s, double dt);

/* What is under screen (x, y): a place, else a site or line, else the smallest territory. */
void session_pick(Session *s, float x, float y, int *place, int *overlay);

/* The date the interface shows: the current event's own date when time rests on it. */
void session_date_text(const Session *s, char *buf, size_t size);

/* Draws the whole frame: map and interface. Returns 0 or SDL's error code. */
int session_draw(Session *s, SDL_Renderer *renderer, MapRenderer *map, Ui *ui);

/* Writes a line to the trace file, if any. */
void session_trace(const Session *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
