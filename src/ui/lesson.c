/*
 * What a lesson adds to the screen: the caption for the class, large enough for the back row
 * and fading in; the progress strip along the bottom of the map; the lesson list. Pure drawing
 * from the values given: which stop is shown and what is being typed is the app's business.
 */
#include "ui.h"

#include "core/i18n.h"

#include <string.h>

#define CAPTION_SIZE 30     /* pixels at scale 1: readable from the back of a classroom */
#define CAPTION_MAX_W 1000  /* the widest a caption's lines get, at scale 1 */
#define CAPTION_MAX_LINES 6 /* more is cut: a caption is one or two sentences */
#define STRIP_HEIGHT 26

typedef struct Lines {
    const char *start[CAPTION_MAX_LINES];
    int len[CAPTION_MAX_LINES];
    int n;
} Lines;

static void collect_line(void *user, const char *start, int len)
{
    Lines *l = user;
    if (l->n < CAPTION_MAX_LINES) {
        l->start[l->n] = start;
        l->len[l->n++] = len;
    }
}

static SDL_Color with_alpha(SDL_Color c, float alpha)
{
    c.a = (Uint8)(c.a * (alpha < 0 ? 0 : alpha > 1 ? 1 : alpha));
    return c;
}

/* Draws a text texture with its opacity scaled, so a fade needs no texture per step. */
static void draw_faded(Ui *ui, const char *text, const TextStyle *ts, float x, float y, float alpha)
{
    int w, h;
    SDL_Texture *tex = text_get(ui->text, text, ts, &w, &h);
    if (!tex)
        return;
    Uint8 old = 255;
    SDL_GetTextureAlphaMod(tex, &old);
    SDL_SetTextureAlphaMod(tex, (Uint8)(255 * alpha));
    SDL_FRect dst = {x, y, (float)w, (float)h};
    SDL_RenderCopyF(ui->renderer, tex, NULL, &dst);
    SDL_SetTextureAlphaMod(tex, old);
}

/* The map's visible part: left of the panel, above the bar and the strip. */
static float map_right(const UiLayout *lay)
{
    return lay->panel.w > 0 ? lay->panel.x : lay->bar.w;
}

static void draw_caption(Ui *ui, const UiLayout *lay, const LessonScreenView *v, float bottom)
{
    float s = ui->scale, right = map_right(lay);
    const char *text = v->editing ? v->editing : v->caption;
    bool empty = !text || !*text;
    if (empty && !v->editing)
        return;
    TextStyle ts = {(int)(CAPTION_SIZE * s + 0.5f), false, {255, 255, 255, 255}, false, {0}};
    float pad = 18 * s, max_w = right - 48 * s;
    if (max_w > CAPTION_MAX_W * s)
        max_w = CAPTION_MAX_W * s;
    /* While typing, a cursor bar ends the text; an empty field shows what it is for. */
    char buf[4 * ATLAS_TEXT_MAX + 2];
    if (v->editing)
        wk_utf8_format(buf, sizeof buf, "%s|", empty ? "" : text);
    const char *shown = v->editing ? buf : text;
    Lines lines = {0};
    text_wrap(ui->text, shown, &ts, (int)(max_w - 2 * pad), collect_line, &lines);
    if (lines.n == 0)
        return;
    int line_h = 0, widest = 0;
    char line[1024];
    for (int i = 0; i < lines.n; i++) {
        int w, h, n = lines.len[i] < (int)sizeof line - 1 ? lines.len[i] : (int)sizeof line - 1;
        memcpy(line, lines.start[i], (size_t)n);
        line[n] = '\0';
        if (text_measure(ui->text, line, &ts, &w, &h)) {
            widest = w > widest ? w : widest;
            line_h = h > line_h ? h : line_h;
        }
    }
    float label_h = v->editing ? 22 * s : 0;
    float box_w = widest + 2 * pad, box_h = lines.n * line_h + 2 * pad * 0.7f + label_h;
    TextStyle ls = {(int)(14 * s + 0.5f), true, {255, 214, 120, 255}, false, {0}};
    int lw = 0, lh = 0;
    if (v->editing && v->edit_label && text_measure(ui->text, v->edit_label, &ls, &lw, &lh) &&
        box_w < lw + 2 * pad)
        box_w = lw + 2 * pad;
    if (box_w > right - 8 * s)
        box_w = right - 8 * s;
    float x = (right - box_w) / 2, y = bottom - 14 * s - box_h;
    if (y < 4 * s)
        y = 4 * s;
    SDL_Color bg = v->editing ? (SDL_Color){40, 52, 80, 235} : (SDL_Color){18, 22, 30, 215};
    vb_rect(&ui->vb, x, y, box_w, box_h, with_alpha(bg, v->alpha));
    vb_flush(&ui->vb, ui->renderer);
    if (v->editing) {
        text_draw(ui->text, v->edit_label ? v->edit_label : "", &ls, x + pad, y + 6 * s);
    }
    for (int i = 0; i < lines.n; i++) {
        int n = lines.len[i] < (int)sizeof line - 1 ? lines.len[i] : (int)sizeof line - 1;
        memcpy(line, lines.start[i], (size_t)n);
        line[n] = '\0';
        int w = 0, h = 0;
        text_measure(ui->text, line, &ts, &w, &h);
        /* Centred lines, as on a slide; Arabic script is shaped right to left by SDL_ttf. */
        draw_faded(ui, line, &ts, x + (box_w - w) / 2, y + label_h + pad * 0.7f + i * line_h,
                   v->alpha);
    }
}

static void draw_strip(Ui *ui, const UiLayout *lay, const LessonScreenView *v, float y)
{
    const Theme *th = ui->theme;
    float s = ui->scale, right = map_right(lay), h = STRIP_HEIGHT * s;
    vb_rect(&ui->vb, 0, y, right, h, with_alpha(th->panel, 0.92f));
    vb_flush(&ui->vb, ui->renderer);
    TextStyle ts = {(int)(13 * s + 0.5f), true, th->panel_text, false, {0}};
    char count[64];
    snprintf(count, sizeof count, "%d / %d", v->stop + 1, v->nstops);
    int tw = 0, th_ = 0, cw = 0, ch = 0;
    float left = 10 * s;
    if (ui->text) {
        text_measure(ui->text, v->title ? v->title : "", &ts, &tw, &th_);
        text_measure(ui->text, count, &ts, &cw, &ch);
        /* A long title gives way to the strip: at most 45% of the width. */
        if (tw > right * 0.45f) {
            tw = 0;
        } else if (v->title && *v->title) {
            text_draw(ui->text, v->title, &ts, left, y + (h - th_) / 2);
        }
        text_draw(ui->text, count, &ts, right - cw - 10 * s, y + (h - ch) / 2);
    }
    float x0 = left + tw + 16 * s, x1 = right - cw - 26 * s;
    if (v->nstops <= 0 || x1 - x0 < v->nstops * 3 * s)
        return;
    float gap = v->nstops > 40 ? 1 * s : 3 * s;
    float seg = (x1 - x0 - gap * (v->nstops - 1)) / v->nstops, bar = 8 * s;
    for (int i = 0; i < v->nstops; i++) {
        SDL_Color c = i < v->stop ? th->accent : i == v->stop ? th->highlight : th->panel_border;
        float grow = i == v->stop ? 3 * s : 0;
        vb_rect(&ui->vb, x0 + i * (seg + gap), y + (h - bar) / 2 - grow, seg, bar + 2 * grow, c);
    }
    vb_flush(&ui->vb, ui->renderer);
}

void ui_lesson_draw(Ui *ui, const UiLayout *lay, const LessonScreenView *v)
{
    float strip_y = lay->bar.y - STRIP_HEIGHT * ui->scale;
    if (ui->text)
        draw_caption(ui, lay, v, strip_y);
    draw_strip(ui, lay, v, strip_y);
}

/* --- the lesson list --- */

static void list_geometry(const Ui *ui, int n, float *x, float *y, float *w, float *row)
{
    float s = ui->scale;
    *row = 52 * s;
    *w = 760 * s < ui->width - 20 ? 760 * s : ui->width - 20;
    float h = 70 * s + *row * (n > 0 ? n : 1) + 40 * s;
    *x = (ui->width - *w) / 2;
    *y = (ui->height - h) / 2;
    if (*y < 4)
        *y = 4;
}

void ui_lesson_list_draw(Ui *ui, const LessonListView *v)
{
    if (!ui->text)
        return;
    const Theme *th = ui->theme;
    float s = ui->scale, x, y, w, row;
    list_geometry(ui, v->n, &x, &y, &w, &row);
    float h = 70 * s + row * (v->n > 0 ? v->n : 1) + 40 * s;
    vb_rect(&ui->vb, 0, 0, (float)ui->width, (float)ui->height, (SDL_Color){0, 0, 0, 110});
    vb_rect(&ui->vb, x, y, w, h, th->panel);
    if (v->selected >= 0 && v->selected < v->n)
        vb_rect(&ui->vb, x + 8 * s, y + 58 * s + row * v->selected, w - 16 * s, row - 4 * s,
                with_alpha(th->highlight, 0.35f));
    vb_flush(&ui->vb, ui->renderer);
    TextStyle title = {(int)(22 * s + 0.5f), true, th->panel_text, false, {0}};
    TextStyle name = {(int)(17 * s + 0.5f), true, th->panel_text, false, {0}};
    TextStyle detail = {(int)(13 * s + 0.5f), false, th->panel_muted, false, {0}};
    text_draw(ui->text, _("Lessons"), &title, x + 24 * s, y + 16 * s);
    if (v->n == 0)
        text_draw(ui->text, _("No lessons yet: press A on the map to start one."), &name,
                  x + 24 * s, y + 64 * s);
    for (int i = 0; i < v->n; i++) {
        float ry = y + 62 * s + row * i;
        text_draw(ui->text, v->titles[i], &name, x + 24 * s, ry);
        if (v->details && v->details[i])
            text_draw(ui->text, v->details[i], &detail, x + 24 * s, ry + 23 * s);
    }
    text_draw(ui->text, _("Up / Down and Enter, or click: open    Esc: close"), &detail, x + 24 * s,
              y + h - 30 * s);
}

int ui_lesson_list_at(const Ui *ui, const LessonListView *v, float px, float py)
{
    float s = ui->scale, x, y, w, row;
    list_geometry(ui, v->n, &x, &y, &w, &row);
    if (px < x || px > x + w || py < y + 58 * s)
        return -1;
    int i = (int)((py - y - 58 * s) / row);
    return i >= 0 && i < v->n ? i : -1;
}
