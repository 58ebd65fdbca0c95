/*
 * Session state and the frame. Animations are eased and time-based, so they look the same at
 * any frame rate; the exporter simply never animates.
 */
#include "session.h"

#include "atlas/language.h"
#include "core/date_lang.h"
#include "core/i18n.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TIME_ANIM_SECONDS 0.7
#define GLIDE_SECONDS 0.9
/* The border cross-fade spans this many pixels of slider. */
#define FADE_PIXELS 14.0
/* Pixels around a line within which a click selects it. */
#define LINE_PICK_PIXELS 6.0f
/* The camera gets at least this close when it glides to an event's place. */
#define EVENT_SPAN_MAX 3600e3
/* Years: stepping forward from a time counts an event at that time as the next. */
#define STEP_BACK 1e-5
/* How long a toast stays, the last part of it fading. */
#define TOAST_SECONDS 2.5
#define TOAST_FADE 0.6

void session_trace(const Session *s, const char *fmt, ...)
{
    if (!s->trace)
        return;
    va_list ap;
    va_start(ap, fmt);
    vfprintf(s->trace, fmt, ap);
    va_end(ap);
    fputc('\n', s->trace);
    fflush(s->trace);
}

static float map_height(const Session *s)
{
    /* The bar's height in ui.c; the map fills the window above it. */
    float h = s->height - 104 * s->ui_scale;
    return h > 1 ? h : 1;
}

static double clamp_time(const Session *s, double t);

void session_init(Session *s, Atlas *atlas, const WkDiag *diag, int width, int height,
                  float ui_scale, const Theme *theme)
{
    memset(s, 0, sizeof *s);
    s->atlas = atlas;
    s->diag = diag;
    s->width = width;
    s->height = height;
    s->ui_scale_asked = ui_scale;
    s->ui_scale = ui_effective_scale(ui_scale, width, height);
    s->theme = theme;
    s->speed = 1;
    s->legend = true;
    s->selected_place = s->selected_overlay = s->current_event = -1;
    s->hover_place = s->hover_overlay = s->hover_era = -1;
    s->glide_k = s->t_k = 1;
    slider_scale_init(&s->scale, atlas);
    s->lang = wk_i18n_lang();
    s->names = session_names_for(s->lang);
    /* Open at the first event rather than on an empty map before it. */
    s->t = atlas->nevents > 0 ? atlas->events[0].start : atlas->t_min;
    if (atlas->has_view_t) /* the atlas's own opening year */
        s->t = clamp_time(s, atlas->view_t);
    camera_init(&s->cam, &atlas->region_box, atlas->view_x, atlas->view_y, atlas->view_span, width,
                (int)map_height(s));
}

void session_free(Session *s)
{
    free(s->emphasis);
    s->emphasis = NULL;
}

void session_resize(Session *s, int width, int height)
{
    s->width = width;
    s->height = height;
    s->ui_scale = ui_effective_scale(s->ui_scale_asked, width, height);
    camera_resize(&s->cam, width, (int)map_height(s));
    session_trace(s, "resize %dx%d", width, height);
}

void session_set_scale(Session *s, float ui_scale)
{
    s->ui_scale_asked = ui_scale < 0.5f ? 0.5f : ui_scale > 4 ? 4 : ui_scale;
    s->ui_scale = ui_effective_scale(s->ui_scale_asked, s->width, s->height);
    camera_resize(&s->cam, s->width, (int)map_height(s));
    session_trace(s, "scale %.2f", s->ui_scale_asked);
}

static double clamp_time(const Session *s, double t)
{
    double hi = s->atlas->t_max - 1e-6;
    return t < s->atlas->t_min ? s->atlas->t_min : t > hi ? hi : t;
}

void session_set_time(Session *s, double t)
{
    s->t = clamp_time(s, t);
    s->t_k = 1;
    session_trace(s, "time %.2f", s->t);
}

void session_goto_time(Session *s, double t)
{
    s->t_from = s->t;
    s->t_to = clamp_time(s, t);
    s->t_k = 0;
    session_trace(s, "time %.2f", s->t_to);
}

/* The width the panel takes from the map when something is selected (ui.c's layout). */
static float panel_width(const Session *s)
{
    float panel = s->selected_place >= 0 || s->selected_overlay >= 0 ? 400 * s->ui_scale : 0;
    return panel > s->width * 0.45f ? s->width * 0.45f : panel;
}

void session_view_point(const Session *s, double *x, double *y)
{
    *x = s->cam.cx - panel_width(s) / 2 / s->cam.scale;
    *y = s->cam.cy;
}

void session_glide_to(Session *s, double x, double y, double span)
{
    Camera to = s->cam;
    to.scale = to.width / span;
    /* With the panel open, centre the point in the part of the map beside it (the panel is on
     * the left in right-to-left languages); with the legend shown, in the part beside or below
     * the legend, so it never lands under it. Worked out left to right, then mirrored. */
    bool rtl = wk_lang_rtl(s->lang);
    float map_w = s->width - panel_width(s), sx = map_w / 2, sy = to.height / 2.0f;
    SDL_FRect lb = s->legend_box;
    if (rtl) /* the legend's box as if the screen read left to right */
        lb.x = s->width - lb.x - lb.w;
    if (s->legend && lb.w > 0 && lb.x < map_w / 2) {
        float right = lb.x + lb.w, below = lb.y + lb.h;
        if (map_w - right >= map_w * 0.3f)
            sx = (right + map_w) / 2;
        else if (to.height - below >= to.height * 0.3f)
            sy = (below + to.height) / 2;
    }
    if (rtl)
        sx = s->width - sx;
    to.cx = x - (sx - to.width / 2.0) / to.scale;
    to.cy = y + (sy - to.height / 2.0) / to.scale;
    camera_clamp(&to);
    s->glide_from = s->cam;
    s->glide_to = to;
    s->glide_k = 0;
}

void session_select_place(Session *s, int place)
{
    s->selected_place = place;
    s->selected_overlay = -1;
    s->panel_scroll = 0;
    if (place < 0)
        return;
    /* Open the panel at what happened there by the time shown, not at its first event. */
    const AtlasPlace *p = &s->atlas->places[place];
    s->panel_event = -1;
    for (int i = 0; i < p->nevents; i++)
        if (s->atlas->events[p->events[i]].start <= s->t + STEP_BACK || s->panel_event < 0)
            s->panel_event = p->events[i];
    s->panel_follow = s->panel_event >= 0;
    session_trace(s, "select %s", p->id);
}

void session_select_overlay(Session *s, int overlay)
{
    s->selected_overlay = overlay;
    s->selected_place = -1;
    s->panel_scroll = 0;
    /* The panel lists the overlay's events: every one that concerns it, linked on first use.
     * Out of memory, it lists those its file names. */
    if (overlay >= 0)
        atlas_overlay_link_events(s->atlas, overlay);
    if (overlay >= 0)
        session_trace(s, "select %s", s->atlas->overlays[overlay].id);
}

void session_clear_selection(Session *s)
{
    if (s->selected_place >= 0 || s->selected_overlay >= 0)
        session_trace(s, "select none");
    s->selected_place = s->selected_overlay = -1;
}

void session_show_event(Session *s, int e)
{
    if (e < 0 || e >= s->atlas->nevents)
        return;
    const AtlasEvent *ev = &s->atlas->events[e];
    s->current_event = e;
    s->playing = false;
    session_trace(s, "event %s", ev->id);
    session_goto_time(s, ev->start);
    if (ev->nplaces > 0) {
        const AtlasPlace *p = &s->atlas->places[ev->places[0]];
        if (s->selected_place != ev->places[0])
            session_select_place(s, ev->places[0]);
        s->panel_event = e;
        s->panel_follow = true;
        double span = camera_span(&s->cam);
        session_glide_to(s, p->x, p->y, span > EVENT_SPAN_MAX ? EVENT_SPAN_MAX : span);
    }
}

void session_step_years(Session *s, int years)
{
    /* From the year shown, or from where a running step is heading, so repeated presses add. */
    double from = s->t_k < 1 ? s->t_to : s->t;
    double t = floor(from + 1e-9) + years;
    s->current_event = -1;
    s->playing = false;
    session_goto_time(s, t);
}

bool session_goto_year_text(Session *s, const char *text)
{
    int year;
    if (!ui_year_parse(text, &year)) {
        session_toast(s, _("\"%s\" is not a year: type 1895, 104 BC or -104"), text);
        return false;
    }
    double t = wk_time_from_ymd(year, 1, 1);
    if (t < floor(s->atlas->t_min) || t >= s->atlas->t_max) {
        char a[32], z[32];
        wk_time_format_year_in(s->atlas->t_min, s->lang, a, sizeof a);
        wk_time_format_year_in(s->atlas->t_max - 1e-6, s->lang, z, sizeof z);
        session_toast(s, _("The atlas runs from %s to %s"), a, z);
        return false;
    }
    s->current_event = -1;
    s->playing = false;
    session_goto_time(s, t);
    return true;
}

void session_toast(Session *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->toast, sizeof s->toast, fmt, ap);
    va_end(ap);
    s->toast_left = TOAST_SECONDS;
    session_trace(s, "toast %s", s->toast);
}

bool session_warning_bar(const Session *s)
{
    return s->diag && s->diag->count + s->diag->dropped > 0 && !s->warnings_dismissed;
}

void session_step_event(Session *s, int dir)
{
    const Atlas *a = s->atlas;
    if (a->nevents == 0)
        return;
    int e;
    if (dir == 2)
        e = a->nevents - 1;
    else if (dir == -2)
        e = 0;
    else if (s->current_event >= 0 && fabs(s->t_to - a->events[s->current_event].start) < 1e-9 &&
             s->t_k < 1)
        e = s->current_event + dir; /* stepping again while the last step still animates */
    else if (s->current_event >= 0 && fabs(s->t - a->events[s->current_event].start) < 1e-6)
        e = s->current_event + dir;
    else /* not on an event: the next one may be at this very time (as at opening) */
        e = dir > 0 ? atlas_event_next(a, s->t - STEP_BACK) : atlas_event_prev(a, s->t);
    if (e < 0 || e >= a->nevents)
        return;
    session_show_event(s, e);
}

void session_zoom_at(Session *s, double factor, double x, double y)
{
    camera_zoom_at(&s->cam, factor, x, y);
    s->zoom_settle = SESSION_ZOOM_SETTLE;
    s->zoom_fresh = true;
}

static double ease(double k)
{
    return k < 0 ? 0 : k > 1 ? 1 : k * k * (3 - 2 * k);
}

bool session_update(Session *s, double dt)
{
    bool moving = false;
    if (s->t_k < 1) {
        s->t_k = fmin(1, s->t_k + dt / TIME_ANIM_SECONDS);
        /* Animate along the slider, not in years: a jump across a long quiet era then takes
         * the same time as one across a busy decade. */
        double u0 = slider_u_of_t(&s->scale, s->t_from), u1 = slider_u_of_t(&s->scale, s->t_to);
        s->t = s->t_k >= 1 ? s->t_to : slider_t_of_u(&s->scale, u0 + (u1 - u0) * ease(s->t_k));
        moving = true;
    } else if (s->playing) {
        double u = slider_u_of_t(&s->scale, s->t) + dt * s->speed / SESSION_PLAY_SECONDS;
        if (u >= 1) {
            u = 1;
            s->playing = false;
            session_trace(s, "pause");
        }
        s->t = clamp_time(s, slider_t_of_u(&s->scale, u));
        moving = true;
    }
    if (s->toast_left > 0) {
        s->toast_left = fmax(0, s->toast_left - dt);
        moving = true;
    }
    if (s->zoom_settle > 0) {
        /* The wait runs from the last step, not from the frame before it: after a second of
         * stillness the first notch would otherwise be over at once. */
        if (!s->zoom_fresh)
            s->zoom_settle = fmax(0, s->zoom_settle - dt);
        s->zoom_fresh = false;
        moving = true; /* until the frame after it settles, which draws the map anew */
    }
    if (s->glide_k < 1) {
        s->glide_k = fmin(1, s->glide_k + dt / GLIDE_SECONDS);
        camera_lerp(&s->cam, &s->glide_from, &s->glide_to, ease(s->glide_k));
        moving = true;
    }
    return moving;
}

void session_pick(Session *s, float x, float y, int *place, int *overlay)
{
    Atlas *a = s->atlas;
    *place = *overlay = -1;
    float best = 1e9f;
    for (int i = 0; i < a->nplaces; i++) {
        const AtlasPlace *p = &a->places[i];
        if (!map_place_visible(p, &s->cam) && i != s->selected_place)
            continue;
        float px, py;
        camera_to_screen(&s->cam, p->x, p->y, &px, &py);
        float d = hypotf(px - x, py - y), r = map_place_radius(p, s->ui_scale) + 6 * s->ui_scale;
        if (d <= r && d < best)
            best = d, *place = i;
    }
    if (*place >= 0)
        return;
    double mx, my;
    camera_to_map(&s->cam, x, y, &mx, &my);
    double tol = LINE_PICK_PIXELS * s->ui_scale / s->cam.scale;
    best = 1e9f;
    for (int i = 0; i < a->noverlays; i++) {
        AtlasOverlay *o = &a->overlays[i];
        if (atlas_kind_is_area(o->kind) || atlas_overlay_weight(o, s->t, 0) < 1)
            continue;
        double r = o->kind == ATLAS_SITE ? 2 * tol : tol;
        double d2 = geo_shape_distance2(&o->shape, mx, my);
        if (d2 <= r * r && d2 < best)
            best = (float)d2, *overlay = i;
    }
    if (*overlay >= 0)
        return;
    int covering[16];
    if (atlas_overlays_covering(a, s->t, mx, my, covering, 16) > 0)
        *overlay = covering[0];
}

void session_date_text(const Session *s, char *buf, size_t size)
{
    if (s->current_event >= 0 && s->t_k >= 1 &&
        fabs(s->t - s->atlas->events[s->current_event].start) < 1e-6) {
        wk_span_format_in(&s->atlas->events[s->current_event].date, s->lang, buf, size);
        return;
    }
    wk_time_format_year_in(s->t, s->lang, buf, size);
}

MapNames session_names_for(WkLang lang)
{
    return lang == WK_LANG_ZH   ? MAP_NAMES_CHINESE
           : lang == WK_LANG_EN ? MAP_NAMES_ENGLISH
                                : MAP_NAMES_DARI;
}

void session_set_language(Session *s, WkLang lang)
{
    s->lang = lang;
    wk_i18n_set(lang);
    if (!s->names_apart)
        s->names = session_names_for(lang);
    session_trace(s, "language %s", wk_lang_code(lang));
}

int session_draw(Session *s, SDL_Renderer *renderer, MapRenderer *map, Ui *ui)
{
    UiLayout lay;
    ui->width = s->width;
    ui->height = s->height;
    ui->theme = s->theme;
    ui->scale = s->ui_scale;
    ui->lang = s->lang;
    bool panel = s->selected_place >= 0 || s->selected_overlay >= 0;
    ui_layout(ui, panel, session_warning_bar(s), &lay);
    if (panel)
        map_block_area(map, lay.panel.x, lay.panel.y, lay.panel.w, lay.panel.h);
    if (lay.warning.h > 0)
        map_block_area(map, 0, 0, lay.warning.w, lay.warning.h);
    char date[96], year[32];
    wk_time_format_year_in(s->t, s->lang, year, sizeof year);
    /* The legend keeps clear of the selected place, where it is and where the glide ends. */
    float avoid[4];
    int navoid = 0;
    int subject = s->selected_place >= 0 ? s->selected_place
                  : s->current_event >= 0 && s->atlas->events[s->current_event].nplaces > 0
                      ? s->atlas->events[s->current_event].places[0]
                      : -1;
    if (subject >= 0) {
        const AtlasPlace *p = &s->atlas->places[subject];
        camera_to_screen(&s->cam, p->x, p->y, &avoid[0], &avoid[1]);
        navoid = 1;
        if (s->glide_k < 1)
            camera_to_screen(&s->glide_to, p->x, p->y, &avoid[2], &avoid[3]), navoid = 2;
    }
    if (s->legend) {
        ui_legend_measure(ui, &lay, s->atlas, s->t, year, avoid, navoid);
        s->legend_box = lay.legend;
        map_block_area(map, lay.legend.x, lay.legend.y, lay.legend.w, lay.legend.h);
        if (subject >= 0 && s->t_k >= 1 && s->glide_k >= 1 &&
            (lay.legend.x != s->legend_traced.x || lay.legend.y != s->legend_traced.y ||
             s->legend_subject != subject)) {
            s->legend_traced = lay.legend;
            s->legend_subject = subject;
            session_trace(s, "legend %.0f %.0f %.0f %.0f place %s %.0f %.0f", lay.legend.x,
                          lay.legend.y, lay.legend.w, lay.legend.h, s->atlas->places[subject].id,
                          avoid[0], avoid[1]);
        }
    }
    double fade =
        slider_years_per_u(&s->scale, s->t) * FADE_PIXELS / (lay.track.w > 1 ? lay.track.w : 1);
    MapState st = {.t = s->t,
                   .fade = fade,
                   .theme = s->theme,
                   .ui_scale = s->ui_scale,
                   .selected_place = s->selected_place,
                   .selected_overlay = s->selected_overlay,
                   .hover_place = s->hover_place,
                   .hover_overlay = s->hover_overlay,
                   .names = s->names,
                   .lang = s->lang,
                   .emphasis = s->emphasis,
                   .preview = s->zoom_settle > 0};
    SDL_Rect full = {0, 0, s->width, s->height};
    SDL_RenderSetViewport(renderer, &full);
    int rc = map_draw(map, renderer, s->atlas, &s->cam, &st);
    session_date_text(s, date, sizeof date);
    if (s->legend)
        ui_legend_draw(ui, &lay, s->atlas, s->t, year, avoid, navoid);
    if (panel) {
        PanelView pv = {s->selected_place, s->selected_overlay, s->t,
                        s->current_event,  s->panel_scroll,     s->lang};
        s->panel_height = ui_panel_prepare(ui, &lay, s->atlas, &pv);
        float top = s->panel_follow ? ui_panel_event_top(ui, s->panel_event) : -1;
        if (top >= 0) {
            /* Bring the event to the top of the list, just under the header. */
            float max = s->panel_height - lay.panel.h;
            pv.scroll = s->panel_scroll = fmaxf(0, fminf(top - 4 * s->ui_scale, max));
        }
        ui_panel_draw(ui, &lay, s->atlas, &pv);
        s->panel_follow = false;
    }
    SliderView sv = {s->t, date, s->playing, s->speed, s->current_event, s->hover_era};
    ui_slider_draw(ui, &lay, &s->scale, s->atlas, &sv);
    if (lay.warning.h > 0)
        ui_warning_draw(ui, &lay, s->diag);
    if (s->warnings_open)
        ui_warning_list_draw(ui, &lay, s->diag, s->warnings_first);
    if (s->year_entry)
        ui_year_entry_draw(ui, &lay, s->year_text);
    if (s->toast_left > 0)
        ui_toast_draw(ui, &lay, s->toast, (float)(s->toast_left / TOAST_FADE));
    if (s->help) {
        char status[160];
        snprintf(status, sizeof status, _("Now: theme %s; language %s; place names in %s"),
                 _(s->theme->name), wk_lang_native_name(s->lang), map_names_label(s->names));
        ui_help_draw(ui, status);
    }
    if (ui->text)
        text_frame_end(ui->text);
    return rc;
}
