/*
 * The window and its event loop. Input becomes Session calls; drawing is session_draw. The
 * loop sleeps in SDL_WaitEventTimeout while nothing moves, so an idle atlas on a classroom PC
 * costs no CPU.
 */
#include "app.h"
#include "window.h"

#include "atlas/language.h"
#include "core/date_lang.h"
#include "core/i18n.h"

#include <SDL.h>
#include <SDL_ttf.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define WINDOW_TITLE "Wakhan"
#define ZOOM_STEP 1.25
#define FRAME_MS 16

static float auto_scale(SDL_Window *window, int h)
{
    float ddpi = 0;
    int display = SDL_GetWindowDisplayIndex(window);
    float dpi_scale =
        SDL_GetDisplayDPI(display < 0 ? 0 : display, &ddpi, NULL, NULL) == 0 && ddpi > 0
            ? ddpi / 96.0f
            : 1.0f;
    float size_scale = h / 1000.0f;
    float s = dpi_scale > size_scale ? dpi_scale : size_scale;
    return s < 1 ? 1 : s > 3 ? 3 : s;
}

void window_output_size(Window *w, int *pw, int *ph)
{
    int ww, wh;
    SDL_GetRendererOutputSize(w->renderer, pw, ph);
    SDL_GetWindowSize(w->window, &ww, &wh);
    w->px_per_point = ww > 0 ? (float)*pw / ww : 1;
}

void window_toggle_fullscreen(Window *w)
{
    w->s.fullscreen = !w->s.fullscreen;
    if (SDL_SetWindowFullscreen(w->window, w->s.fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0) !=
        0)
        fprintf(stderr, "wakhan: full screen is not available: %s\n", SDL_GetError());
    session_trace(&w->s, "fullscreen %s", w->s.fullscreen ? "on" : "off");
}

/* The character a key adds to a typed year, or 0. */
static char year_char(SDL_Keycode key)
{
    if (key >= SDLK_0 && key <= SDLK_9)
        return (char)('0' + (key - SDLK_0));
    if (key >= SDLK_KP_1 && key <= SDLK_KP_9)
        return (char)('1' + (key - SDLK_KP_1));
    switch (key) {
    case SDLK_KP_0:
        return '0';
    case SDLK_MINUS:
    case SDLK_KP_MINUS:
        return '-';
    case SDLK_SPACE:
        return ' ';
    case SDLK_a:
    case SDLK_b:
    case SDLK_c:
    case SDLK_d:
    case SDLK_e:
        return (char)('A' + (key - SDLK_a));
    case SDLK_PERIOD:
        return '.';
    default:
        return 0;
    }
}

/* Keys while a year is being typed: they all go to the entry. */
static void on_year_key(Session *s, SDL_Keycode key)
{
    size_t n = strlen(s->year_text);
    char c = year_char(key);
    if (key == SDLK_RETURN || key == SDLK_KP_ENTER) {
        s->year_entry = false;
        if (n > 0)
            session_goto_year_text(s, s->year_text);
    } else if (key == SDLK_ESCAPE || key == SDLK_g) {
        s->year_entry = false;
    } else if (key == SDLK_BACKSPACE) {
        if (n > 0)
            s->year_text[n - 1] = '\0';
    } else if (c && n + 1 < sizeof s->year_text) {
        s->year_text[n] = c;
        s->year_text[n + 1] = '\0';
    }
}

void window_key(Window *w, const SDL_KeyboardEvent *k)
{
    Session *s = &w->s;
    bool ctrl = k->keysym.mod & KMOD_CTRL, shift = k->keysym.mod & KMOD_SHIFT;
    if (s->year_entry) { /* a year being typed has every key */
        on_year_key(s, k->keysym.sym);
        return;
    }
    if (w->search.open) { /* so has a search being typed */
        w->search_skip = 0;
        search_key(&w->search, s, &w->run, k->keysym.sym);
        return;
    }
    bool slash = k->keysym.sym == SDLK_SLASH && !shift;
    if (!w->run.editing && ((ctrl && k->keysym.sym == SDLK_f) || slash)) {
        s->help = false;
        w->search_skip = slash ? '/' : 0;
        search_open(&w->search, s, true);
        return;
    }
    /* Help and the problem list close first; then the lesson has the keys it knows. */
    bool overlay_open = s->help || s->warnings_open;
    LessonKey lk = overlay_open && k->keysym.sym == SDLK_ESCAPE
                       ? LESSON_KEY_IGNORED
                       : lesson_run_key(&w->run, s, &k->keysym);
    if (lk == LESSON_KEY_FULLSCREEN && !s->fullscreen) {
        window_toggle_fullscreen(w);
        w->run.went_fullscreen = true;
        /* With a projector, the notes go to the laptop at once. */
        if (!w->pres.window && SDL_GetNumVideoDisplays() > 1)
            window_place_presenter(w, false);
    } else if (lk == LESSON_KEY_WINDOWED && s->fullscreen) {
        window_toggle_fullscreen(w);
    }
    if (lk != LESSON_KEY_IGNORED)
        return;
    switch (k->keysym.sym) {
    case SDLK_RIGHT:
    case SDLK_LEFT:
        if (ctrl || shift) {
            int years = (ctrl ? 10 : 1) * (k->keysym.sym == SDLK_RIGHT ? 1 : -1);
            session_step_years(s, years);
        } else {
            session_step_event(s, k->keysym.sym == SDLK_RIGHT ? 1 : -1);
        }
        break;
    case SDLK_PAGEDOWN:
    case SDLK_DOWN:
        session_step_event(s, 1);
        break;
    case SDLK_PAGEUP:
    case SDLK_UP:
        session_step_event(s, -1);
        break;
    case SDLK_g:
        s->year_entry = true;
        s->year_text[0] = '\0';
        s->help = false;
        session_trace(s, "year entry");
        break;
    case SDLK_HOME:
        session_step_event(s, -2);
        break;
    case SDLK_END:
        session_step_event(s, 2);
        break;
    case SDLK_SPACE:
        s->playing = !s->playing;
        session_trace(s, s->playing ? "play" : "pause");
        break;
    case SDLK_LEFTBRACKET:
        s->speed = s->speed > 0.25 ? s->speed / 2 : 0.25;
        session_trace(s, "speed %g", s->speed);
        break;
    case SDLK_RIGHTBRACKET:
        s->speed = s->speed < 16 ? s->speed * 2 : 16;
        session_trace(s, "speed %g", s->speed);
        break;
    case SDLK_PLUS:
    case SDLK_EQUALS:
    case SDLK_KP_PLUS:
        if (ctrl)
            session_set_scale(s, s->ui_scale_asked * 1.15f);
        else
            session_zoom_at(s, ZOOM_STEP, s->cam.width / 2.0, s->cam.height / 2.0);
        break;
    case SDLK_MINUS:
    case SDLK_KP_MINUS:
        if (ctrl)
            session_set_scale(s, s->ui_scale_asked / 1.15f);
        else
            session_zoom_at(s, 1 / ZOOM_STEP, s->cam.width / 2.0, s->cam.height / 2.0);
        break;
    case SDLK_0:
    case SDLK_KP_0:
        session_glide_to(s, s->atlas->view_x, s->atlas->view_y, s->atlas->view_span);
        session_trace(s, "reset view");
        break;
    case SDLK_F11:
    case SDLK_f:
        window_toggle_fullscreen(w);
        break;
    case SDLK_t:
        s->theme = theme_next(s->theme);
        session_trace(s, "theme %s", s->theme->name);
        session_toast(s, _("Theme: %s  (T: next)"), _(s->theme->name));
        break;
    case SDLK_l:
        s->legend = !s->legend;
        break;
    case SDLK_n:
        if (k->keysym.mod & KMOD_SHIFT) {
            /* Place names alone, apart from the atlas's language. */
            s->names = (MapNames)((s->names + 1) % MAP_NAMES_COUNT);
            s->names_apart = s->names != session_names_for(s->lang);
            session_trace(s, "names %s", map_names_label(s->names));
            session_toast(s, _("Place names: %s  (Shift+N: next)"), map_names_label(s->names));
        } else {
            session_set_language(s, (WkLang)((s->lang + 1) % WK_LANG_COUNT));
            session_toast(s, _("Language: %s  (N: next)"), wk_lang_native_name(s->lang));
        }
        break;
    case SDLK_e:
        if (s->diag && s->diag->count + s->diag->dropped > 0) {
            s->warnings_open = !s->warnings_open;
            s->warnings_first = 0;
        } else {
            s->warnings_open = false;
            session_toast(s, "%s", _("No problems: the atlas loaded completely"));
        }
        session_trace(s, "warnings %s", s->warnings_open ? "open" : "closed");
        break;
    case SDLK_h:
    case SDLK_F1:
    case SDLK_SLASH: /* with Shift: '?' */
        s->help = !s->help;
        session_trace(s, "help %s", s->help ? "on" : "off");
        break;
    case SDLK_ESCAPE:
        if (s->help || s->warnings_open)
            s->help = s->warnings_open = false;
        else if (s->fullscreen)
            window_toggle_fullscreen(w);
        else
            session_clear_selection(s);
        break;
    case SDLK_q:
        w->quit = true;
        break;
    case SDLK_p:
        window_toggle_presenter(w);
        break;
    default:
        break;
    }
}

static void on_press(Window *w, float x, float y)
{
    Session *s = &w->s;
    UiLayout lay;
    bool panel = s->selected_place >= 0 || s->selected_overlay >= 0;
    ui_layout(&w->ui, panel, session_warning_bar(s), &lay);
    if (s->help) {
        s->help = false;
        return;
    }
    if (w->run.blank != LESSON_BLANK_NONE) {
        w->run.blank = LESSON_BLANK_NONE;
        return;
    }
    if (w->pres.split && x >= s->width) {
        window_presenter_action(w, presenter_button_at(&w->pres, x, y));
        return;
    }
    if (w->search.open && search_click(&w->search, s, &w->run, &w->ui, x, y))
        return;
    if (lesson_run_click(&w->run, s, &w->ui, x, y))
        return;
    if (ui_in_rect(&lay.warning, x, y)) {
        if (ui_warning_close_at(&w->ui, &lay, x, y)) {
            s->warnings_dismissed = true;
            s->warnings_open = false;
            session_trace(s, "warnings dismissed");
        } else {
            s->warnings_open = !s->warnings_open;
            s->warnings_first = 0;
            session_trace(s, "warnings %s", s->warnings_open ? "open" : "closed");
        }
        return;
    }
    if (s->warnings_open && y < lay.bar.y) {
        s->warnings_open = false; /* a click on the list closes it */
        session_trace(s, "warnings closed");
        return;
    }
    if (ui_in_rect(&lay.play, x, y)) {
        s->playing = !s->playing;
        session_trace(s, s->playing ? "play" : "pause");
        return;
    }
    if (window_slider_press(w, x, y))
        return;
    if (ui_in_rect(&lay.bar, x, y))
        return;
    if (panel && ui_in_rect(&lay.panel, x, y)) {
        if (ui_panel_close_at(&w->ui, &lay, x, y)) {
            session_clear_selection(s);
            return;
        }
        int e = ui_panel_event_at(&w->ui, x, y);
        if (e >= 0) {
            int keep = s->selected_place;
            session_show_event(s, e);
            if (keep >= 0 && s->selected_place != keep)
                session_select_place(s, keep); /* stay on the place the user opened */
            s->panel_follow = false;           /* and where the user clicked in it */
        }
        return;
    }
    w->pressed_map = true;
    w->moved = false;
    w->press_x = x;
    w->press_y = y;
}

static void on_release(Window *w, float x, float y)
{
    Session *s = &w->s;
    if (w->pressed_map && !w->moved) {
        int place, overlay;
        session_pick(s, x, y, &place, &overlay);
        if (place >= 0)
            session_select_place(s, place);
        else if (overlay >= 0)
            session_select_overlay(s, overlay);
        else
            session_clear_selection(s);
    }
    w->pressed_map = false;
    window_slider_release(w);
}

static void on_motion(Window *w, float x, float y, float dx, float dy, bool button)
{
    Session *s = &w->s;
    if (w->pressed_map && button) {
        if (!w->moved && hypotf(x - w->press_x, y - w->press_y) < CLICK_SLOP)
            return;
        w->moved = true;
        s->glide_k = 1;
        camera_pan(&s->cam, dx, dy);
        return;
    }
    s->hover_place = s->hover_overlay = -1;
    /* The slider and its magnifier say what is under the mouse themselves. */
    if (window_slider_motion(w, x, y))
        return;
    UiLayout over;
    ui_layout(&w->ui, s->selected_place >= 0 || s->selected_overlay >= 0, session_warning_bar(s),
              &over);
    /* Over the panel, the legend or the warning bar the map is hidden: name nothing under it. */
    if (ui_in_rect(&over.panel, x, y) || ui_in_rect(&over.warning, x, y) ||
        (s->legend && ui_in_rect(&s->legend_box, x, y)) || s->warnings_open)
        return;
    if (y < s->cam.height)
        session_pick(s, x, y, &s->hover_place, &s->hover_overlay);
}

static void on_wheel(Window *w, float x, float y, float amount)
{
    Session *s = &w->s;
    UiLayout lay;
    bool panel = s->selected_place >= 0 || s->selected_overlay >= 0;
    ui_layout(&w->ui, panel, session_warning_bar(s), &lay);
    if (s->warnings_open && s->diag) {
        int n = (int)s->diag->count;
        s->warnings_first -= (int)(amount * 3);
        s->warnings_first = s->warnings_first > n - 1 ? n - 1 : s->warnings_first;
        s->warnings_first = s->warnings_first < 0 ? 0 : s->warnings_first;
        return;
    }
    if (panel && ui_in_rect(&lay.panel, x, y)) {
        float max = s->panel_height - lay.panel.h;
        s->panel_scroll -= amount * 48 * s->ui_scale;
        s->panel_scroll = s->panel_scroll > max ? max : s->panel_scroll;
        s->panel_scroll = s->panel_scroll < 0 ? 0 : s->panel_scroll;
        return;
    }
    if (y < s->cam.height) {
        s->glide_k = 1;
        session_zoom_at(s, pow(ZOOM_STEP, amount), x, y);
    }
}

static const char *hover_name(const Window *w)
{
    const Session *s = &w->s;
    if (w->mag_open) /* the magnifier names what is under the mouse */
        return NULL;
    if (s->hover_place >= 0)
        return map_place_name(&s->atlas->places[s->hover_place], s->names);
    /* A feature that has faded out since the mouse stopped is not named any more. */
    if (s->hover_overlay >= 0 &&
        atlas_overlay_weight(&s->atlas->overlays[s->hover_overlay], s->t, 0) > 0)
        return atlas_overlay_name(s->atlas, s->hover_overlay, s->lang);
    return NULL;
}

static Uint32 event_window(const SDL_Event *e)
{
    switch (e->type) {
    case SDL_KEYDOWN:
    case SDL_KEYUP:
        return e->key.windowID;
    case SDL_TEXTINPUT:
        return e->text.windowID;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
        return e->button.windowID;
    case SDL_MOUSEMOTION:
        return e->motion.windowID;
    case SDL_MOUSEWHEEL:
        return e->wheel.windowID;
    case SDL_WINDOWEVENT:
        return e->window.windowID;
    default:
        return 0;
    }
}

static bool handle(Window *w, const SDL_Event *e)
{
    float k = w->px_per_point;
    Uint32 presenter = w->pres.window ? SDL_GetWindowID(w->pres.window) : 0;
    if (presenter && event_window(e) == presenter)
        return window_presenter_event(w, e);
    switch (e->type) {
    case SDL_QUIT:
        w->quit = true;
        break;
    case SDL_KEYDOWN:
        window_key(w, &e->key);
        break;
    case SDL_TEXTINPUT:
        if (w->search.open) {
            if (w->search_skip && e->text.text[0] == w->search_skip && !e->text.text[1])
                w->search_skip = 0;
            else
                search_text(&w->search, &w->s, e->text.text);
            break;
        }
        if (!w->run.editing)
            return false;
        lesson_edit_text(&w->run, &w->s, e->text.text);
        break;
    case SDL_MOUSEBUTTONDOWN:
        if (e->button.button == SDL_BUTTON_LEFT)
            on_press(w, e->button.x * k, e->button.y * k);
        break;
    case SDL_MOUSEBUTTONUP:
        if (e->button.button == SDL_BUTTON_LEFT)
            on_release(w, e->button.x * k, e->button.y * k);
        break;
    case SDL_MOUSEMOTION:
        on_motion(w, e->motion.x * k, e->motion.y * k, e->motion.xrel * k, e->motion.yrel * k,
                  e->motion.state & SDL_BUTTON_LMASK);
        break;
    case SDL_MOUSEWHEEL: {
        int mx, my;
        SDL_GetMouseState(&mx, &my);
        on_wheel(w, mx * k, my * k, e->wheel.preciseY != 0 ? e->wheel.preciseY : (float)e->wheel.y);
        break;
    }
    case SDL_MULTIGESTURE:
        if (fabsf(e->mgesture.dDist) > 0.002f)
            session_zoom_at(&w->s, 1 + e->mgesture.dDist * 4, e->mgesture.x * w->s.width,
                            e->mgesture.y * w->s.height);
        break;
    case SDL_WINDOWEVENT:
        if (e->window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
            window_relayout(w);
            window_slider_close(w);
        } else if (e->window.event == SDL_WINDOWEVENT_LEAVE && !w->s.dragging_slider) {
            window_slider_close(w);
        } else if (e->window.event == SDL_WINDOWEVENT_CLOSE)
            w->quit = true; /* the map's window; the presenter's only closes itself */
        break;
    case SDL_DISPLAYEVENT:
        /* A projector plugged in or out: both windows go where they can be seen. */
        if (w->pres.window)
            window_place_presenter(w, true);
        break;
    default:
        return false;
    }
    return true;
}

int app_window(Atlas *atlas, const WkDiag *diag, const AppOptions *opt)
{
    int status = APP_EXIT_FAIL;
    Window w = {0};
    WkDiag font_diag;
    wk_diag_init(&font_diag);
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        fprintf(stderr, "wakhan: cannot start SDL: %s\n", SDL_GetError());
        return APP_EXIT_FAIL;
    }
    SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "linear");
    Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI |
                   (opt->fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
    w.window = SDL_CreateWindow(WINDOW_TITLE, SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                                opt->width, opt->height, flags);
    if (!w.window) {
        fprintf(stderr, "wakhan: cannot open a window: %s\n", SDL_GetError());
        goto done;
    }
    SDL_SetWindowMinimumSize(w.window, 640, 480);
    w.renderer =
        SDL_CreateRenderer(w.window, -1,
                           opt->software ? SDL_RENDERER_SOFTWARE
                                         : SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    if (!w.renderer && !opt->software)
        w.renderer = SDL_CreateRenderer(w.window, -1, SDL_RENDERER_SOFTWARE);
    if (!w.renderer) {
        fprintf(stderr, "wakhan: cannot draw in the window: %s\n", SDL_GetError());
        goto done;
    }
    const char *fonts[TEXT_FONT_COUNT] = {
        atlas->fonts[ATLAS_FONT_LATIN], atlas->fonts[ATLAS_FONT_CJK],
        atlas->fonts[ATLAS_FONT_ARABIC], atlas->fonts[ATLAS_FONT_BOLD]};
    w.text = text_create(w.renderer, fonts, &font_diag);
    w.map = map_renderer_create(w.text);
    if (!w.map)
        goto done;
    int pw, ph;
    window_output_size(&w, &pw, &ph);
    float scale = opt->scale > 0 ? opt->scale : auto_scale(w.window, ph);
    const Theme *theme = theme_find(opt->theme);
    /* Font problems join the loading problems in the warning bar. */
    WkDiag all;
    wk_diag_init(&all);
    for (size_t i = 0; diag && i < diag->count; i++)
        wk_diag_error(&all, diag->entries[i].code, "%s", diag->entries[i].text);
    for (size_t i = 0; i < font_diag.count; i++)
        wk_diag_error(&all, font_diag.entries[i].code, "%s", font_diag.entries[i].text);
    ui_init(&w.ui, w.renderer, w.text, theme ? theme : theme_default(), scale);
    session_init(&w.s, atlas, &all, pw, ph, scale, theme ? theme : theme_default());
    w.s.fullscreen = opt->fullscreen;
    if (opt->trace_path && !(w.s.trace = fopen(opt->trace_path, "w")))
        fprintf(stderr, "wakhan: cannot write the trace %s\n", opt->trace_path);
    if (opt->has_time)
        session_set_time(&w.s, opt->t);
    /* --view as in export, so a lesson (or a GUI test) can open on a known place. */
    double vx, vy;
    if (opt->has_view && atlas_project(atlas, opt->view_lon, opt->view_lat, &vx, &vy))
        camera_init(&w.s.cam, &atlas->region_box, vx, vy, atlas->view_span / opt->view_zoom,
                    w.s.cam.width, w.s.cam.height);
    else if (opt->has_view)
        fprintf(stderr, "wakhan: the view centre cannot be placed on this map\n");
    if (opt->select) {
        int p = atlas_place_find(atlas, opt->select);
        if (p >= 0)
            session_select_place(&w.s, p);
    }
    lesson_run_init(&w.run);
    for (int i = 0; i < opt->nlessons && i < 1; i++) {
        /* A lesson that does not load says why in the warning bar; the atlas opens anyway. */
        Lesson *lesson = lesson_load(opt->lessons[i], &all);
        if (lesson)
            lesson_check(lesson, atlas, &all);
        lesson_run_open(&w.run, &w.s, lesson);
        /* The first stop is where the window opens, not somewhere it glides to. */
        if (w.s.glide_k < 1)
            w.s.cam = w.s.glide_to, w.s.glide_k = 1;
        if (w.s.t_k < 1)
            w.s.t = w.s.t_to, w.s.t_k = 1;
    }
    w.software = opt->software;
    if (opt->presenter)
        window_place_presenter(&w, true);
    SDL_RendererInfo info;
    SDL_GetRendererInfo(w.renderer, &info);
    session_trace(&w.s, "renderer %s", info.name);
    Uint32 last = SDL_GetTicks();
    bool dirty = true, first = true;
    while (!w.quit) {
        SDL_Event e;
        bool animating = w.s.t_k < 1 || w.s.glide_k < 1 || w.s.playing ||
                         lesson_run_animating(&w.run) || w.s.toast_left > 0 || w.s.zoom_settle > 0;
        if (dirty || animating ? SDL_PollEvent(&e) : SDL_WaitEventTimeout(&e, 250)) {
            do {
                dirty |= handle(&w, &e);
            } while (SDL_PollEvent(&e));
        }
        Uint32 now = SDL_GetTicks();
        dirty |= session_update(&w.s, (now - last) / 1000.0);
        dirty |= lesson_run_update(&w.run, &w.s, (now - last) / 1000.0);
        /* The presenter's clock ticks each second. */
        bool tick = (int)w.run.elapsed != w.presented_second;
        w.presented_second = (int)w.run.elapsed;
        dirty |= tick && w.pres.split;
        last = now;
        const char *hover = hover_name(&w);
        if (dirty) {
            session_draw(&w.s, w.renderer, w.map, &w.ui);
            lesson_run_draw(&w.run, &w.s, &w.ui);
            if (w.pres.split) {
                int pw, ph;
                SDL_GetRendererOutputSize(w.renderer, &pw, &ph);
                SDL_RenderSetViewport(w.renderer, NULL);
                presenter_draw(&w.pres, w.renderer, &w.ui,
                               (SDL_FRect){(float)w.s.width, 0, (float)(pw - w.s.width), (float)ph},
                               &w.run, &w.s);
            }
            if (w.run.blank == LESSON_BLANK_NONE)
                window_slider_draw(&w);
            if (w.search.open)
                search_draw(&w.search, &w.ui);
            if (hover && w.run.blank == LESSON_BLANK_NONE && !w.run.list_open) {
                int mx, my;
                SDL_GetMouseState(&mx, &my);
                /* A name from the map stays on the map, beside the panel. */
                UiLayout lay;
                ui_layout(&w.ui, w.s.selected_place >= 0 || w.s.selected_overlay >= 0,
                          session_warning_bar(&w.s), &lay);
                SDL_FRect map = {0, 0, (float)w.ui.width, (float)w.ui.height};
                if (lay.panel.w > 0 && lay.panel.x > 0)
                    map.w = lay.panel.x;
                else if (lay.panel.w > 0)
                    map.x = lay.panel.w, map.w -= lay.panel.w;
                ui_tooltip_draw_in(&w.ui, &map, mx * w.px_per_point, my * w.px_per_point, hover);
            }
            SDL_RenderPresent(w.renderer);
            presenter_draw_window(&w.pres, &w.run, &w.s);
            if (first) {
                UiLayout lay;
                ui_layout(&w.ui, false, false, &lay);
                session_trace(&w.s, "layout scale %.2f drawn %.2f bar %.0f date %.0f",
                              w.s.ui_scale_asked, w.s.ui_scale, lay.bar.h, lay.date_px);
                session_trace(&w.s, "ready");
                first = false;
            }
            dirty = false;
            if (!(info.flags & SDL_RENDERER_PRESENTVSYNC))
                SDL_Delay(animating ? FRAME_MS / 2 : 0);
        }
    }
    status = APP_EXIT_OK;
    session_trace(&w.s, "quit");
    presenter_close(&w.pres);
    lesson_run_free(&w.run, &w.s);
    search_free(&w.search);
    session_free(&w.s);
    if (w.s.trace)
        fclose(w.s.trace);
    wk_diag_free(&all);
done:
    ui_free(&w.ui);
    map_renderer_destroy(w.map);
    text_destroy(w.text);
    if (w.renderer)
        SDL_DestroyRenderer(w.renderer);
    if (w.window)
        SDL_DestroyWindow(w.window);
    wk_diag_free(&font_diag);
    if (TTF_WasInit())
        TTF_Quit();
    SDL_Quit();
    return status;
}
