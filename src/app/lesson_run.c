/*
 * Stepping through a lesson. The window turns keys into these calls and draws with
 * lesson_run_draw after session_draw; the session itself knows only the emphasis array.
 */
#include "lesson_run.h"

#include "atlas/language.h"
#include "core/i18n.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xdg.h"

#define CAPTION_FADE_SECONDS 0.8
/* A span plays over this many seconds per whole slider, within these bounds. */
#define PLAY_SECONDS_PER_SLIDER 60.0
#define PLAY_SECONDS_MIN 3.0
#define PLAY_SECONDS_MAX 12.0
/* Without a view of its own, a stop that selects a place gets at least this close. */
#define STOP_SPAN_MAX 3600e3

char *lesson_bundled_dir(const Atlas *atlas)
{
    return wk_path_relative_to(atlas->manifest, "lessons");
}

char *lesson_user_dir(void)
{
    char *data = wk_user_data_dir();
    char *dir = data ? wk_path_join(data, "lessons") : NULL;
    free(data);
    return dir;
}

static double ease(double k)
{
    return k < 0 ? 0 : k > 1 ? 1 : k * k * (3 - 2 * k);
}

/* Of an event's places, the one nearest the stop's view (a treaty signed in Beijing about
 * the Wakhan, shown over the Wakhan, selects the Wakhan); without a view, the first. */
static int event_place(const Atlas *a, const LessonStop *stop, int event)
{
    const AtlasEvent *e = &a->events[event];
    double x, y, span;
    if (e->nplaces == 0)
        return -1;
    if (!lesson_stop_view(stop, a, &x, &y, &span))
        return e->places[0];
    int best = e->places[0];
    double best_d = INFINITY;
    for (int i = 0; i < e->nplaces; i++) {
        const AtlasPlace *p = &a->places[e->places[i]];
        double d = hypot(p->x - x, p->y - y);
        if (d < best_d)
            best_d = d, best = e->places[i];
    }
    return best;
}

/* The selection a stop asks for: a place, an overlay, or its event's place. */
static void apply_selection(Session *s, const LessonStop *stop, int event)
{
    const Atlas *a = s->atlas;
    int place = stop->place ? atlas_place_find(a, stop->place) : -1;
    int overlay = stop->overlay ? atlas_overlay_find(a, stop->overlay) : -1;
    if (place < 0 && overlay < 0 && event >= 0)
        place = event_place(a, stop, event);
    if (place >= 0) {
        if (s->selected_place != place)
            session_select_place(s, place);
    } else if (overlay >= 0) {
        session_select_overlay(s, overlay);
    } else {
        session_clear_selection(s);
    }
    if (event >= 0) {
        s->panel_event = event;
        s->panel_follow = true;
    }
}

void lesson_apply_stop(Session *s, const Lesson *lesson, int n, bool animate)
{
    if (!lesson || n < 0 || n >= lesson->nstops)
        return;
    const LessonStop *stop = &lesson->stops[n];
    const Atlas *a = s->atlas;
    int event = stop->event ? atlas_event_find(a, stop->event) : -1;
    s->playing = false;
    s->current_event = event;
    char year[32];
    session_trace(s, "stop %d/%d %s", n + 1, lesson->nstops,
                  wk_time_format_year(stop->t, year, sizeof year));
    if (animate)
        session_goto_time(s, stop->t);
    else
        session_set_time(s, stop->t);
    apply_selection(s, stop, event);

    double x, y, span;
    bool view = lesson_stop_view(stop, a, &x, &y, &span);
    if (!view && s->selected_place >= 0) {
        /* No view of its own: go to the place, closer if the map is far out. */
        x = a->places[s->selected_place].x;
        y = a->places[s->selected_place].y;
        span = fmin(camera_span(&s->cam), STOP_SPAN_MAX);
        view = true;
    }
    if (view) {
        session_glide_to(s, x, y, span);
        if (!animate) {
            s->cam = s->glide_to;
            s->glide_k = 1;
        }
    }

    if (!s->emphasis && a->noverlays > 0)
        s->emphasis = calloc((size_t)a->noverlays, 1);
    if (s->emphasis)
        lesson_stop_emphasis(stop, a, s->emphasis);
    const char *caption = lesson_text_caption(s, lesson, n);
    session_trace(s, "caption %s", caption ? caption : "");
}

const char *lesson_text_title(const Session *s, const Lesson *lesson)
{
    return atlas_lesson_title(s->atlas, lesson, s->lang);
}

const char *lesson_text_caption(const Session *s, const Lesson *lesson, int stop)
{
    return atlas_lesson_caption(s->atlas, lesson, stop, s->lang);
}

const char *lesson_text_note(const Session *s, const Lesson *lesson, int stop)
{
    return atlas_lesson_note(s->atlas, lesson, stop, s->lang);
}

void lesson_run_init(LessonRun *r)
{
    memset(r, 0, sizeof *r);
}

static void list_free(LessonRun *r)
{
    for (int i = 0; i < r->list_n; i++) {
        free(r->list_paths[i]);
        free(r->list_titles[i]);
        free(r->list_details[i]);
        free(r->list_ids[i]);
    }
    free(r->list_paths);
    free(r->list_titles);
    free(r->list_details);
    free(r->list_ids);
    r->list_paths = r->list_titles = r->list_details = r->list_ids = NULL;
    r->list_n = 0;
}

void lesson_run_free(LessonRun *r, Session *s)
{
    lesson_run_leave(r, s);
    lesson_free(r->lesson);
    lesson_undo_free(&r->undo);
    list_free(r);
    memset(r, 0, sizeof *r);
}

void lesson_run_open(LessonRun *r, Session *s, Lesson *lesson)
{
    if (r->lesson != lesson) {
        lesson_free(r->lesson);
        lesson_undo_free(&r->undo);
    }
    r->lesson = lesson;
    r->active = false;
    if (!lesson || lesson->nstops == 0)
        return;
    session_trace(s, "lesson %s %d stops", lesson->id, lesson->nstops);
    r->active = true;
    r->elapsed = 0;
    lesson_run_goto(r, s, 0);
}

void lesson_run_goto(LessonRun *r, Session *s, int n)
{
    if (!r->lesson || r->lesson->nstops == 0)
        return;
    n = n < 0 ? 0 : n >= r->lesson->nstops ? r->lesson->nstops - 1 : n;
    r->active = true;
    r->stop = n;
    r->caption_k = 0;
    r->playing = false;
    /* What the mouse pointed at belongs to the last stop's map. */
    s->hover_place = s->hover_overlay = -1;
    lesson_apply_stop(s, r->lesson, n, true);
    const LessonStop *stop = &r->lesson->stops[n];
    r->play_pending = stop->play && stop->t_end > stop->t;
}

void lesson_run_step(LessonRun *r, Session *s, int dir)
{
    if (!r->lesson)
        return;
    int last = r->lesson->nstops - 1;
    int n = dir == 2 ? last : dir == -2 ? 0 : r->stop + dir;
    if (n < 0 || n > last)
        return; /* past either end the class stays where it is, as in slide software */
    lesson_run_goto(r, s, n);
}

void lesson_run_leave(LessonRun *r, Session *s)
{
    if (r->active)
        session_trace(s, "lesson left");
    r->active = r->play_pending = r->playing = false;
    free(s->emphasis);
    s->emphasis = NULL;
}

bool lesson_run_animating(const LessonRun *r)
{
    return (r->active && (r->caption_k < 1 || r->play_pending || r->playing)) ||
           r->status_seconds > 0;
}

bool lesson_run_update(LessonRun *r, Session *s, double dt)
{
    bool status_was = r->status_seconds > 0;
    r->status_seconds -= dt;
    bool status_gone = status_was && r->status_seconds <= 0; /* one more frame, without it */
    if (!r->active)
        return status_gone;
    r->elapsed += dt;
    bool moving = false;
    if (r->caption_k < 1) {
        r->caption_k = fmin(1, r->caption_k + dt / CAPTION_FADE_SECONDS);
        moving = true;
    }
    if (r->play_pending && s->t_k >= 1) {
        /* The slider has reached the span's start: play to its end along the slider, so a
         * busy decade and a quiet century take their share of the time they take on screen. */
        const LessonStop *stop = &r->lesson->stops[r->stop];
        r->play_pending = false;
        r->playing = true;
        r->play_k = 0;
        r->play_from = slider_u_of_t(&s->scale, stop->t);
        r->play_to = slider_u_of_t(&s->scale, stop->t_end);
        r->play_seconds =
            fmax(PLAY_SECONDS_MIN,
                 fmin(PLAY_SECONDS_MAX, fabs(r->play_to - r->play_from) * PLAY_SECONDS_PER_SLIDER));
        session_trace(s, "play to %.2f", stop->t_end);
    }
    if (r->playing) {
        r->play_k = fmin(1, r->play_k + dt / r->play_seconds);
        double u = r->play_from + (r->play_to - r->play_from) * ease(r->play_k);
        s->t = slider_t_of_u(&s->scale, u);
        if (r->play_k >= 1) {
            s->t = r->lesson->stops[r->stop].t_end;
            r->playing = false;
            session_trace(s, "time %.2f", s->t);
        }
        moving = true;
    }
    /* The user took the slider or the play button: the span gives way. */
    if (r->playing && (s->dragging_slider || s->playing))
        r->playing = false;
    return moving || status_gone;
}

/* --- the lesson list --- */

/* Room for one more row in each of the list's arrays. */
static bool list_grow(LessonRun *r)
{
    char ***arrays[] = {&r->list_paths, &r->list_titles, &r->list_details, &r->list_ids};
    for (size_t k = 0; k < sizeof arrays / sizeof *arrays; k++) {
        char **grown = realloc(*arrays[k], (size_t)(r->list_n + 1) * sizeof *grown);
        if (!grown)
            return false;
        *arrays[k] = grown;
    }
    return true;
}

static int list_find_id(const LessonRun *r, const char *id)
{
    for (int i = 0; i < r->list_n; i++)
        if (strcmp(r->list_ids[i], id) == 0)
            return i;
    return -1;
}

/* Row i becomes the lesson l read from `path` (owned from now on). */
static void list_set(LessonRun *r, const Session *s, int i, char *path, const Lesson *l,
                     const char *where)
{
    r->list_paths[i] = path;
    r->list_titles[i] = wk_strdup(lesson_text_title(s, l));
    r->list_details[i] =
        wk_strfmt(ngettext("%d stop · %s%s%s", "%d stops · %s%s%s", (unsigned long)l->nstops),
                  l->nstops, _(where), l->author ? " · " : "", l->author ? l->author : "");
    r->list_ids[i] = wk_strdup(l->id);
}

static void list_clear_row(LessonRun *r, int i)
{
    free(r->list_paths[i]);
    free(r->list_titles[i]);
    free(r->list_details[i]);
    free(r->list_ids[i]);
}

/* Adds the lessons of one folder. A lesson whose id is listed already is one lesson, not two:
 * the teacher's copy of a bundled lesson (saved under the bundled file's name when it was
 * edited) takes the bundled row's place; any other is left out, and the status line names
 * both files, as `check` does. */
static void list_add_dir(LessonRun *r, const Session *s, const char *dir, const char *where,
                         int nbundled)
{
    char **paths;
    int n = lesson_list_dir(dir, &paths);
    for (int i = 0; i < n; i++) {
        WkDiag diag;
        wk_diag_init(&diag);
        Lesson *l = lesson_load(paths[i], &diag);
        wk_diag_free(&diag);
        int k = l ? list_find_id(r, l->id) : -1;
        if (k >= 0 && k < nbundled &&
            strcmp(wk_path_base(paths[i]), wk_path_base(r->list_paths[k])) == 0) {
            list_clear_row(r, k);
            list_set(r, s, k, paths[i], l, where);
        } else if (k >= 0) {
            wk_utf8_format(r->status, sizeof r->status,
                           _("%s: id \"%s\" is used by %s too; only that one is listed"), paths[i],
                           l->id, r->list_paths[k]);
            r->status_seconds = LESSON_STATUS_SECONDS;
            free(paths[i]);
        } else if (l && list_grow(r)) {
            list_set(r, s, r->list_n++, paths[i], l, where);
        } else {
            free(paths[i]); /* a lesson that does not load is not offered */
        }
        lesson_free(l);
    }
    free(paths);
}

void lesson_run_list_toggle(LessonRun *r, Session *s)
{
    r->list_open = !r->list_open;
    session_trace(s, "lesson list %s", r->list_open ? "on" : "off");
    if (!r->list_open)
        return;
    list_free(r);
    char *bundled = lesson_bundled_dir(s->atlas), *user = lesson_user_dir();
    list_add_dir(r, s, bundled, N_("bundled"), 0);
    list_add_dir(r, s, user, N_("yours"), r->list_n);
    free(bundled);
    free(user);
    r->list_selected = 0;
}

static void list_open_selected(LessonRun *r, Session *s)
{
    if (r->list_selected < 0 || r->list_selected >= r->list_n)
        return;
    WkDiag diag;
    wk_diag_init(&diag);
    Lesson *l = lesson_load(r->list_paths[r->list_selected], &diag);
    wk_diag_free(&diag);
    r->list_open = false;
    if (l)
        lesson_run_open(r, s, l);
}

static LessonListView list_view(const LessonRun *r)
{
    return (LessonListView){(const char *const *)r->list_titles,
                            (const char *const *)r->list_details, r->list_n, r->list_selected};
}

bool lesson_run_click(LessonRun *r, Session *s, Ui *ui, float x, float y)
{
    if (!r->list_open)
        return false;
    LessonListView v = list_view(r);
    int i = ui_lesson_list_at(ui, &v, x, y);
    if (i >= 0) {
        r->list_selected = i;
        list_open_selected(r, s);
    } else {
        r->list_open = false;
    }
    return true;
}

static LessonKey list_key(LessonRun *r, Session *s, SDL_Keycode k)
{
    switch (k) {
    case SDLK_UP:
        r->list_selected = r->list_selected > 0 ? r->list_selected - 1 : 0;
        break;
    case SDLK_DOWN:
        r->list_selected =
            r->list_selected + 1 < r->list_n ? r->list_selected + 1 : r->list_selected;
        break;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
        list_open_selected(r, s);
        break;
    case SDLK_ESCAPE:
    case SDLK_o:
        lesson_run_list_toggle(r, s);
        break;
    default:
        break;
    }
    return LESSON_KEY_HANDLED; /* the list has the keyboard while it is open */
}

LessonKey lesson_run_key(LessonRun *r, Session *s, const SDL_Keysym *key)
{
    SDL_Keycode k = key->sym;
    bool shift = key->mod & KMOD_SHIFT, ctrl = key->mod & KMOD_CTRL;
    if (r->editing)
        return lesson_edit_key(r, s, key);
    if (r->blank != LESSON_BLANK_NONE) {
        /* As in slide software: any key brings the picture back. */
        r->blank = LESSON_BLANK_NONE;
        session_trace(s, "blank off");
        return LESSON_KEY_HANDLED;
    }
    if (r->list_open)
        return list_key(r, s, k);
    LessonKey edit = lesson_edit_key(r, s, key);
    if (edit != LESSON_KEY_IGNORED)
        return edit;
    if (ctrl)
        return LESSON_KEY_IGNORED;
    switch (k) {
    case SDLK_b:
    case SDLK_PERIOD:
    case SDLK_w:
    case SDLK_COMMA:
        r->blank = k == SDLK_b || k == SDLK_PERIOD ? LESSON_BLANK_BLACK : LESSON_BLANK_WHITE;
        session_trace(s, "blank %s", r->blank == LESSON_BLANK_BLACK ? "black" : "white");
        return LESSON_KEY_HANDLED;
    case SDLK_o:
        lesson_run_list_toggle(r, s);
        return LESSON_KEY_HANDLED;
    case SDLK_F5:
        if (!r->lesson) {
            lesson_run_list_toggle(r, s);
            return LESSON_KEY_HANDLED;
        }
        lesson_run_goto(r, s, shift ? r->stop : 0);
        if (!shift)
            r->elapsed = 0;
        return LESSON_KEY_FULLSCREEN;
    default:
        break;
    }
    /* Shift with an arrow steps a year, even in a lesson. */
    if (!r->active || (shift && (k == SDLK_LEFT || k == SDLK_RIGHT)))
        return LESSON_KEY_IGNORED;
    switch (k) {
    case SDLK_ESCAPE: {
        bool windowed = r->went_fullscreen;
        r->went_fullscreen = false;
        lesson_run_leave(r, s);
        return windowed ? LESSON_KEY_WINDOWED : LESSON_KEY_HANDLED;
    }
    case SDLK_RIGHT:
    case SDLK_PAGEDOWN:
    case SDLK_DOWN:
        lesson_run_step(r, s, 1);
        return LESSON_KEY_HANDLED;
    case SDLK_LEFT:
    case SDLK_PAGEUP:
    case SDLK_UP:
        lesson_run_step(r, s, -1);
        return LESSON_KEY_HANDLED;
    case SDLK_HOME:
        lesson_run_step(r, s, -2);
        return LESSON_KEY_HANDLED;
    case SDLK_END:
        lesson_run_step(r, s, 2);
        return LESSON_KEY_HANDLED;
    default:
        return LESSON_KEY_IGNORED;
    }
}

void lesson_run_draw(LessonRun *r, Session *s, Ui *ui)
{
    if (r->active && r->lesson) {
        UiLayout lay;
        bool panel = s->selected_place >= 0 || s->selected_overlay >= 0;
        ui_layout(ui, panel, s->diag && s->diag->count + s->diag->dropped > 0, &lay);
        LessonScreenView v = {.title = lesson_text_title(s, r->lesson),
                              .stop = r->stop,
                              .nstops = r->lesson->nstops,
                              .caption = lesson_text_caption(s, r->lesson, r->stop),
                              .alpha = (float)ease(r->caption_k)};
        if (r->editing) {
            v.editing = r->edit;
            v.edit_label = r->editing == LESSON_EDIT_CAPTION
                               ? _("Caption for the class  (Enter: keep, Esc: cancel)")
                               : _("Note for the teacher, not shown to the class  (Enter: keep, "
                                   "Esc: cancel)");
        }
        ui_lesson_draw(ui, &lay, &v);
    }
    if (r->status_seconds > 0 && r->status[0]) {
        /* Under the legend's top edge, left of the panel: it says what happened to the file. */
        float right = s->selected_place >= 0 || s->selected_overlay >= 0
                          ? s->width - fminf(400 * s->ui_scale, s->width * 0.45f)
                          : (float)s->width;
        ui_tooltip_draw(ui, right * 0.25f, s->height * 0.55f, r->status);
    }
    if (r->list_open) {
        LessonListView v = list_view(r);
        ui_lesson_list_draw(ui, &v);
    }
    if (r->blank != LESSON_BLANK_NONE) {
        Uint8 c = r->blank == LESSON_BLANK_BLACK ? 0 : 255;
        vb_rect(&ui->vb, 0, 0, (float)s->width, (float)s->height, (SDL_Color){c, c, c, 255});
        vb_flush(&ui->vb, ui->renderer);
    }
}
