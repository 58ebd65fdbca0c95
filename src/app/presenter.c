/*
 * The presenter view (see presenter.h). The thumbnail is the next stop put on a copy of the
 * session by lesson_apply_stop, without animation, and drawn by a map renderer of the
 * presenter's own, so the class's map keeps its cached picture.
 */
#include "presenter.h"

#include <SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atlas/language.h"
#include "core/date_lang.h"
#include "core/i18n.h"

#define PRESENTER_TITLE "Wakhan presenter"
#define PRESENTER_W 1000
#define PRESENTER_H 640

static void free_thumb(Presenter *p)
{
    if (p->thumb)
        SDL_DestroyTexture(p->thumb);
    map_renderer_destroy(p->map);
    p->thumb = NULL;
    p->map = NULL;
    p->map_renderer = NULL;
    p->thumb_lesson = NULL;
}

bool presenter_open_window(Presenter *p, const Atlas *atlas, int display, float scale,
                           bool software)
{
    presenter_close(p);
    int pos = SDL_WINDOWPOS_CENTERED_DISPLAY(display < 0 ? 0 : display);
    p->window = SDL_CreateWindow(PRESENTER_TITLE, pos, pos, PRESENTER_W, PRESENTER_H,
                                 SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
    if (!p->window) {
        fprintf(stderr, "wakhan: cannot open the presenter window: %s\n", SDL_GetError());
        return false;
    }
    p->renderer = SDL_CreateRenderer(p->window, -1,
                                     software ? SDL_RENDERER_SOFTWARE : SDL_RENDERER_ACCELERATED);
    if (!p->renderer && !software)
        p->renderer = SDL_CreateRenderer(p->window, -1, SDL_RENDERER_SOFTWARE);
    if (!p->renderer) {
        fprintf(stderr, "wakhan: cannot draw in the presenter window: %s\n", SDL_GetError());
        presenter_close(p);
        return false;
    }
    const char *fonts[TEXT_FONT_COUNT] = {
        atlas->fonts[ATLAS_FONT_LATIN], atlas->fonts[ATLAS_FONT_CJK],
        atlas->fonts[ATLAS_FONT_ARABIC], atlas->fonts[ATLAS_FONT_BOLD]};
    p->text = text_create(p->renderer, fonts, NULL);
    ui_init(&p->ui, p->renderer, p->text, theme_default(), scale);
    return true;
}

void presenter_close(Presenter *p)
{
    free_thumb(p);
    if (p->window) {
        ui_free(&p->ui);
        text_destroy(p->text);
        SDL_DestroyRenderer(p->renderer);
        SDL_DestroyWindow(p->window);
    }
    memset(p, 0, sizeof *p);
}

void presenter_move(Presenter *p, int display)
{
    if (!p->window || display < 0)
        return;
    int pos = SDL_WINDOWPOS_CENTERED_DISPLAY(display);
    SDL_SetWindowPosition(p->window, pos, pos);
}

int presenter_displays(PresenterDisplay *out, int max)
{
    int n = SDL_GetNumVideoDisplays(), k = 0;
    for (int i = 0; i < n && k < max; i++) {
        SDL_Rect b;
        if (SDL_GetDisplayBounds(i, &b) == 0)
            out[k++] = (PresenterDisplay){b.x, b.y, b.w, b.h};
    }
    return k;
}

/* Draws the map of stop n into the thumbnail texture, once per stop. */
static void make_thumb(Presenter *p, SDL_Renderer *renderer, TextCache *text, const LessonRun *r,
                       const Session *s, int n, int w, int h)
{
    if (p->map_renderer != renderer)
        free_thumb(p);
    if (p->thumb && p->thumb_lesson == r->lesson && p->thumb_stop == n && p->thumb_w == w &&
        p->thumb_h == h)
        return;
    if (!p->map) {
        p->map = map_renderer_create(text);
        p->map_renderer = renderer;
    }
    if (p->thumb && (p->thumb_w != w || p->thumb_h != h)) {
        SDL_DestroyTexture(p->thumb);
        p->thumb = NULL;
    }
    if (!p->thumb)
        p->thumb =
            SDL_CreateTexture(renderer, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, w, h);
    if (!p->map || !p->thumb)
        return;
    /* The next stop on a copy of the session: nothing the class sees changes. */
    Session next = *s;
    next.trace = NULL;
    next.emphasis = NULL;
    next.width = w;
    next.height = h;
    next.ui_scale = s->ui_scale * 0.6f;
    camera_resize(&next.cam, w, h);
    lesson_apply_stop(&next, r->lesson, n, false);
    /* The thumbnail has no panel, so its view is centred on the point itself. */
    double x, y;
    session_view_point(&next, &x, &y);
    next.selected_overlay = -1;
    next.cam.cx = x;
    MapState st = {.t = next.t,
                   .fade = 0,
                   .theme = s->theme,
                   .ui_scale = next.ui_scale,
                   .selected_place = next.selected_place,
                   .selected_overlay = -1,
                   .hover_place = -1,
                   .hover_overlay = -1,
                   .names = s->names,
                   .lang = s->lang,
                   .emphasis = next.emphasis};
    SDL_Texture *old = SDL_GetRenderTarget(renderer);
    SDL_SetRenderTarget(renderer, p->thumb);
    map_draw(p->map, renderer, s->atlas, &next.cam, &st);
    SDL_SetRenderTarget(renderer, old);
    free(next.emphasis);
    p->thumb_lesson = r->lesson;
    p->thumb_stop = n;
    p->thumb_w = w;
    p->thumb_h = h;
}

/* The presenter's part of the screen, and whether it reads right to left: every text and box
 * is laid out left to right and mirrored inside `a` for Dari and Pashto (ui_mirror_x). */
typedef struct Page {
    Ui *ui;
    SDL_FRect a;
    bool rtl;
} Page;

static void put(const Page *pg, const char *text, const TextStyle *ts, float x, float y)
{
    ui_text_x(pg->ui, pg->rtl, &pg->a, text, ts, x, y);
}

typedef struct Wrap {
    const Page *pg;
    const TextStyle *style;
    float x, y, bottom, line_h;
} Wrap;

static void wrap_line(void *user, const char *start, int len)
{
    Wrap *wr = user;
    char line[1024];
    if (wr->y + wr->line_h > wr->bottom)
        return;
    int n = len < (int)sizeof line - 1 ? len : (int)sizeof line - 1;
    memcpy(line, start, (size_t)n);
    line[n] = '\0';
    put(wr->pg, line, wr->style, wr->x, wr->y);
    wr->y += wr->line_h;
}

/* Draws text wrapped to `w` from (x, y), no lower than `bottom`; returns where it ended. */
static float draw_wrapped(const Page *pg, const char *text, const TextStyle *ts, float x, float y,
                          float w, float bottom)
{
    if (!text || !*text || !pg->ui->text)
        return y;
    Wrap wr = {pg, ts, x, y, bottom, ts->size * 1.35f};
    text_wrap(pg->ui->text, text, ts, (int)w, wrap_line, &wr);
    return wr.y;
}

/* A button with its label, or its short label when the long one does not fit. */
static void button(Presenter *p, const Page *pg, PresenterButton b, const char *label,
                   const char *brief, float x, float y, float w, float h)
{
    Ui *ui = pg->ui;
    float s = ui->scale;
    x = ui_mirror_x(pg->rtl, &pg->a, x, w);
    vb_rect(&ui->vb, x, y, w, h, ui->theme->accent);
    vb_flush(&ui->vb, ui->renderer);
    TextStyle ts = {(int)(16 * s + 0.5f), true, ui->theme->accent_text, false, {0}};
    int tw = 0, th = 0;
    if (ui->text && text_measure(ui->text, label, &ts, &tw, &th) && tw > w - 8 * s)
        label = brief;
    if (ui->text && text_measure(ui->text, label, &ts, &tw, &th))
        text_draw(ui->text, label, &ts, x + (w - tw) / 2, y + (h - th) / 2);
    p->buttons[b] = (SDL_FRect){x, y, w, h};
}

void presenter_draw(Presenter *p, SDL_Renderer *renderer, Ui *ui, SDL_FRect a, const LessonRun *r,
                    const Session *s)
{
    const Theme *th = ui->theme;
    float sc = ui->scale, pad = 18 * sc;
    memset(p->buttons, 0, sizeof p->buttons);
    vb_rect(&ui->vb, a.x, a.y, a.w, a.h, th->panel);
    vb_rect(&ui->vb, a.x, a.y, 2 * sc, a.h, th->panel_border);
    vb_flush(&ui->vb, renderer);
    if (!ui->text)
        return;
    const Page pg = {ui, a, wk_lang_rtl(s->lang)};
    TextStyle big = {(int)(24 * sc + 0.5f), true, th->panel_text, false, {0}};
    TextStyle head = {(int)(14 * sc + 0.5f), true, th->panel_muted, false, {0}};
    TextStyle body = {(int)(19 * sc + 0.5f), false, th->panel_text, false, {0}};
    TextStyle small = {(int)(15 * sc + 0.5f), false, th->panel_text, false, {0}};
    float x = a.x + pad, y = a.y + pad, right = a.x + a.w - pad;
    if (!r->lesson || !r->active) {
        put(&pg, _("No lesson is running"), &big, x, y);
        draw_wrapped(&pg, _("Press O to choose a lesson, F5 to start it."), &body, x, y + 48 * sc,
                     a.w - 2 * pad, a.y + a.h);
        return;
    }
    const Lesson *l = r->lesson;
    char raw[160], line[160];
    snprintf(raw, sizeof raw, _("Stop %d of %d"), r->stop + 1, l->nstops);
    put(&pg, wk_digits_localize(raw, s->lang, line, sizeof line), &big, x, y);
    int secs = (int)r->elapsed;
    snprintf(raw, sizeof raw, "%d:%02d", secs / 60, secs % 60);
    wk_digits_localize(raw, s->lang, line, sizeof line);
    int tw = 0, thh = 0;
    text_measure(ui->text, line, &big, &tw, &thh);
    put(&pg, line, &big, right - tw, y);
    y += 36 * sc;
    draw_wrapped(&pg, lesson_text_title(s, l), &head, x, y, a.w - 2 * pad, y + 20 * sc);
    y += 30 * sc;

    float bar_h = 46 * sc, bottom = a.y + a.h - bar_h - 2 * pad;
    bool narrow = a.w < 700 * sc;
    float col = narrow ? a.w - 2 * pad : (a.w - 3 * pad) * 0.55f;
    float nx = narrow ? x : x + col + pad, nw = narrow ? col : a.w - 3 * pad - col;
    /* The teacher's note, then what the class reads now, in the class's language. */
    const char *note = lesson_text_note(s, l, r->stop);
    const char *caption = lesson_text_caption(s, l, r->stop);
    /* TRANSLATORS: a heading in the presenter view: the teacher's note for this stop */
    put(&pg, _("NOTE"), &head, x, y);
    float ny = draw_wrapped(&pg, note ? note : _("(no note)"), &body, x, y + 22 * sc, col,
                            narrow ? y + (bottom - y) * 0.45f : bottom - 70 * sc);
    float cy = narrow ? ny + 10 * sc : bottom - 64 * sc;
    /* TRANSLATORS: a heading in the presenter view: the caption the class sees now */
    put(&pg, _("ON THE SCREEN"), &head, x, cy);
    draw_wrapped(&pg, caption ? caption : _("(no caption)"), &small, x, cy + 20 * sc, col,
                 narrow ? cy + 64 * sc : bottom);
    /* The next stop: its map and caption. */
    float top = narrow ? cy + 74 * sc : y;
    if (r->stop + 1 < l->nstops) {
        const LessonStop *next = &l->stops[r->stop + 1];
        char year[40];
        /* TRANSLATORS: a heading in the presenter view: the next stop and its year */
        snprintf(line, sizeof line, _("NEXT: %s"),
                 wk_time_format_year_in(next->t, s->lang, year, sizeof year));
        put(&pg, line, &head, nx, top);
        float tw_ = nw, th_ = nw * 10 / 16;
        if (top + 22 * sc + th_ > bottom - 60 * sc)
            th_ = bottom - 60 * sc - top - 22 * sc, tw_ = th_ * 16 / 10;
        if (tw_ > 40 && th_ > 30) {
            make_thumb(p, renderer, ui->text, r, s, r->stop + 1, (int)tw_, (int)th_);
            SDL_FRect dst = {ui_mirror_x(pg.rtl, &a, nx, (float)(int)tw_), top + 22 * sc,
                             (float)(int)tw_, (float)(int)th_};
            if (p->thumb)
                SDL_RenderCopyF(renderer, p->thumb, NULL, &dst);
        }
        const char *next_caption = lesson_text_caption(s, l, r->stop + 1);
        draw_wrapped(&pg, next_caption ? next_caption : _("(no caption)"), &small, nx,
                     top + 30 * sc + th_, nw, bottom);
    } else {
        put(&pg, _("NEXT"), &head, nx, top);
        draw_wrapped(&pg, _("This is the last stop."), &body, nx, top + 22 * sc, nw, bottom);
    }
    /* The controls, as on the clicker. */
    float by = a.y + a.h - bar_h - pad, bw = (a.w - 2 * pad - 3 * 10 * sc) / 4;
    button(p, &pg, PRESENTER_BUTTON_PREV, _("Previous"), _("Prev"), x, by, bw, bar_h);
    button(p, &pg, PRESENTER_BUTTON_NEXT, _("Next"), _("Next"), x + (bw + 10 * sc), by, bw, bar_h);
    button(p, &pg, PRESENTER_BUTTON_BLACK, r->blank ? _("Show map") : _("Black screen"),
           r->blank ? _("Map") : _("Black"), x + 2 * (bw + 10 * sc), by, bw, bar_h);
    button(p, &pg, PRESENTER_BUTTON_LEAVE, _("Leave lesson"), _("Leave"), x + 3 * (bw + 10 * sc),
           by, bw, bar_h);
}

void presenter_draw_window(Presenter *p, const LessonRun *r, const Session *s)
{
    if (!p->window)
        return;
    int w, h;
    SDL_GetRendererOutputSize(p->renderer, &w, &h);
    p->ui.width = w;
    p->ui.height = h;
    SDL_SetRenderDrawColor(p->renderer, 0, 0, 0, 255);
    SDL_RenderClear(p->renderer);
    presenter_draw(p, p->renderer, &p->ui, (SDL_FRect){0, 0, (float)w, (float)h}, r, s);
    if (p->text)
        text_frame_end(p->text);
    SDL_RenderPresent(p->renderer);
}

PresenterButton presenter_button_at(const Presenter *p, float x, float y)
{
    for (int b = PRESENTER_BUTTON_PREV; b < PRESENTER_BUTTON_COUNT; b++)
        if (p->buttons[b].w > 0 && ui_in_rect(&p->buttons[b], x, y))
            return (PresenterButton)b;
    return PRESENTER_BUTTON_NONE;
}
