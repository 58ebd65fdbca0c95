/*
 * The slider under the mouse: a press on the track scrubs or takes an event's tick, a drag
 * moves time, and while the pointer is over the track the magnifier (ui/magnifier.c) opens
 * above it at the pointer, naming what is under the pointer. Moving up into the magnifier
 * keeps it where it is; a press there lands on the whole year (or the event tick) under the
 * pointer, and a drag there moves year by year.
 */
#include "window.h"

#include "atlas/language.h"
#include "core/date_lang.h"

#include <math.h>
#include <stdio.h>

#define TICK_SNAP 5.0f   /* pixels within which a click on the slider takes the event */
#define HANDLE_GRAB 7.0f /* pixels either side of the handle that grab it */

static void layout(Window *w, UiLayout *lay)
{
    const Session *s = &w->s;
    ui_layout(&w->ui, s->selected_place >= 0 || s->selected_overlay >= 0, session_warning_bar(s),
              lay);
}

/* Where a press or the pointer counts as on the track: the bar's height over the track. */
static SDL_FRect grab_area(const UiLayout *lay)
{
    return (SDL_FRect){lay->track.x - 6, lay->bar.y, lay->track.w + 12, lay->bar.h};
}

/* The magnifier and the gap under it down to the bar: the pointer keeps it open there. */
static SDL_FRect keep_area(const Window *w, const UiLayout *lay)
{
    const SDL_FRect *b = &w->mag.box;
    return (SDL_FRect){b->x, b->y, b->w, lay->bar.y - b->y};
}

/* What is under the pointer, said in `out`: an event's date and title, or the year and its
 * era; sets the hovered era. */
static void describe(Window *w, int event, double t, char *out, size_t size)
{
    Session *s = &w->s;
    char when[96];
    if (event >= 0) {
        const AtlasEvent *ev = &s->atlas->events[event];
        snprintf(out, size, "%s: %s", wk_span_format_in(&ev->date, s->lang, when, sizeof when),
                 atlas_event_title(s->atlas, event, s->lang));
        s->hover_era = atlas_era_at(s->atlas, ev->start);
        return;
    }
    int era = atlas_era_at(s->atlas, t);
    wk_time_format_year_in(t, s->lang, when, sizeof when);
    snprintf(out, size, "%s%s%s", when, era >= 0 ? ", " : "",
             era >= 0 ? atlas_era_name(s->atlas, era, s->lang) : "");
    s->hover_era = era;
}

static void open_at(Window *w, const UiLayout *lay, float x)
{
    UiMagnifier m;
    ui_magnifier_place(&w->ui, lay, &w->s.scale, w->s.atlas, x, &m);
    bool moved = !w->mag_open || m.t0 != w->mag.t0 || m.box.x != w->mag.box.x;
    w->mag = m;
    w->mag_open = true;
    if (moved)
        session_trace(&w->s, "magnifier %.2f %.2f %.0f %.0f %.0f %.0f", m.t0, m.t1, m.years.x,
                      m.years.y, m.years.w, m.years.h);
}

void window_slider_close(Window *w)
{
    if (w->mag_open)
        session_trace(&w->s, "magnifier closed");
    w->mag_open = false;
    w->mag_drag = false;
    w->s.hover_era = -1;
}

/* A whole year from the magnifier, as a click on the track sets time. */
static void set_year(Window *w, float x)
{
    Session *s = &w->s;
    double year = ui_magnifier_year_at(&w->mag, s->atlas, x);
    s->current_event = -1;
    if (year != s->t)
        session_set_time(s, year);
}

bool window_slider_press(Window *w, float x, float y)
{
    Session *s = &w->s;
    UiLayout lay;
    layout(w, &lay);
    if (w->mag_open && ui_magnifier_at(&w->mag, x, y)) {
        int e = ui_magnifier_event_at(&w->mag, s->atlas, x, y, TICK_SNAP * s->ui_scale);
        s->playing = false;
        if (e >= 0) {
            session_show_event(s, e);
        } else {
            w->mag_drag = true;
            set_year(w, x);
        }
        return true;
    }
    SDL_FRect grab = grab_area(&lay);
    if (!ui_in_rect(&grab, x, y))
        return false;
    /* A press on an event's tick goes to that event, unless it grabs the handle; any press
     * starts a drag. */
    float handle = lay.track.x + (float)slider_u_of_t(&s->scale, s->t) * lay.track.w;
    bool on_handle = fabsf(x - handle) <= HANDLE_GRAB * s->ui_scale;
    int e = on_handle
                ? -1
                : ui_slider_event_at(&lay, &s->scale, s->atlas, x, y, TICK_SNAP * s->ui_scale);
    s->dragging_slider = true;
    s->playing = false;
    w->press_x = x;
    w->moved = false;
    if (e >= 0) {
        session_show_event(s, e);
    } else if (!on_handle) {
        s->current_event = -1;
        session_set_time(s, ui_slider_time_at(&lay, &s->scale, x));
    }
    return true;
}

void window_slider_release(Window *w)
{
    w->s.dragging_slider = false;
    w->mag_drag = false;
}

bool window_slider_motion(Window *w, float x, float y)
{
    Session *s = &w->s;
    UiLayout lay;
    layout(w, &lay);
    if (w->mag_drag) { /* year by year, inside the strip */
        set_year(w, x);
        describe(w, -1, ui_magnifier_year_at(&w->mag, s->atlas, x), w->mag_caption,
                 sizeof w->mag_caption);
        return true;
    }
    w->mag_pointer_x = x;
    if (s->dragging_slider) {
        open_at(w, &lay, x);
        describe(w, -1, ui_slider_time_at(&lay, &s->scale, x), w->mag_caption,
                 sizeof w->mag_caption);
        if (!w->moved && fabsf(x - w->press_x) < CLICK_SLOP)
            return true; /* a click on a tick, not yet a drag */
        w->moved = true;
        s->current_event = -1;
        session_set_time(s, ui_slider_time_at(&lay, &s->scale, x));
        return true;
    }
    SDL_FRect keep = keep_area(w, &lay), grab = grab_area(&lay);
    if (w->mag_open && ui_in_rect(&keep, x, y)) {
        /* In the magnifier it stays put, and says what is under the pointer. */
        int e = ui_magnifier_event_at(&w->mag, s->atlas, x, y, TICK_SNAP * s->ui_scale);
        double year = ui_magnifier_year_at(&w->mag, s->atlas, x);
        describe(w, e, year, w->mag_caption, sizeof w->mag_caption);
        return true;
    }
    if (!ui_in_rect(&grab, x, y) || s->warnings_open) {
        window_slider_close(w);
        return false;
    }
    int e = ui_slider_event_at(&lay, &s->scale, s->atlas, x, y, TICK_SNAP * s->ui_scale);
    open_at(w, &lay, x);
    describe(w, e, ui_slider_time_at(&lay, &s->scale, x), w->mag_caption, sizeof w->mag_caption);
    return true;
}

void window_slider_draw(Window *w)
{
    if (!w->mag_open)
        return;
    const Session *s = &w->s;
    ui_magnifier_draw(&w->ui, &w->mag, s->atlas, s->t, s->current_event, w->mag_pointer_x,
                      w->mag_caption);
}
