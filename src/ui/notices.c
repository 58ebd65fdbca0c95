/*
 * What the interface says about itself: the warning bar and the full list of loading
 * problems, toasts ("Theme: high contrast"), and the box a year is typed into.
 */
#include "ui.h"

#include "core/i18n.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define ELLIPSIS "\u2026"

typedef struct FirstLine {
    const char *start;
    int len, lines;
} FirstLine;

static void first_line(void *user, const char *start, int len)
{
    FirstLine *f = user;
    if (f->lines++ == 0)
        f->start = start, f->len = len;
}

void ui_fit_text(Ui *ui, const char *text, const TextStyle *ts, float width, char *out, size_t size)
{
    int w = 0, h = 0;
    wk_utf8_format(out, size, "%s", text);
    if (!ui->text || !text_measure(ui->text, text, ts, &w, &h) || w <= width)
        return;
    int ew = 0;
    text_measure(ui->text, ELLIPSIS, ts, &ew, &h);
    FirstLine f = {NULL, 0, 0};
    text_wrap(ui->text, text, ts, (int)width - ew, first_line, &f);
    if (!f.start || f.len <= 0) {
        out[0] = '\0';
        return;
    }
    /* Wrapping broke at a space: keep the words that fit, then the ellipsis. */
    while (f.len > 0 && f.start[f.len - 1] == ' ')
        f.len--;
    wk_utf8_format(out, size, "%.*s%s", f.len, f.start, ELLIPSIS);
}

static SDL_FRect close_box(const Ui *ui, const UiLayout *lay)
{
    float h = lay->warning.h;
    return (SDL_FRect){lay->warning.x + lay->warning.w - h - 4 * ui->scale, lay->warning.y, h, h};
}

bool ui_warning_close_at(const Ui *ui, const UiLayout *lay, float x, float y)
{
    SDL_FRect b = close_box(ui, lay);
    return lay->warning.h > 0 && ui_in_rect(&b, x, y);
}

void ui_warning_draw(Ui *ui, const UiLayout *lay, const WkDiag *diag)
{
    if (lay->warning.h <= 0 || !diag)
        return;
    const Theme *th = ui->theme;
    float s = ui->scale;
    const SDL_FRect *r = &lay->warning;
    vb_rect(&ui->vb, r->x, r->y, r->w, r->h, th->warning);
    SDL_FRect x = close_box(ui, lay);
    float cx = x.x + x.w / 2, cy = x.y + x.h / 2, k = x.h * 0.2f;
    StrokeStyle xs = {2 * s, th->warning_text, 0, 0};
    float l1[4] = {cx - k, cy - k, cx + k, cy + k}, l2[4] = {cx + k, cy - k, cx - k, cy + k};
    vb_stroke(&ui->vb, l1, 2, false, &xs);
    vb_stroke(&ui->vb, l2, 2, false, &xs);
    vb_flush(&ui->vb, ui->renderer);
    if (!ui->text)
        return;
    size_t n = diag->count + diag->dropped;
    TextStyle ts = {(int)(14 * s + 0.5f), true, th->warning_text, false, {0, 0, 0, 0}};
    TextStyle body = ts;
    body.bold = false;
    char head[120], tail[64], first[400];
    snprintf(head, sizeof head,
             ngettext("%zu problem while loading the atlas; the rest is shown.",
                      "%zu problems while loading the atlas; the rest is shown.", (unsigned long)n),
             n);
    if (n > 1)
        snprintf(tail, sizeof tail, _("+%zu more \u2014 E or click: list"), n - 1);
    else
        snprintf(tail, sizeof tail, "%s", _("E or click: list"));
    int hw = 0, tw = 0, th_ = 0;
    text_measure(ui->text, head, &ts, &hw, &th_);
    text_measure(ui->text, tail, &ts, &tw, &th_);
    float y = r->y + (r->h - th_) / 2, left = r->x + 12 * s, right = x.x - 10 * s;
    /* On a narrow window the count and the way to the list matter more than the first text. */
    if (left + hw + tw + 20 * s > right) {
        snprintf(head, sizeof head, ngettext("%zu problem", "%zu problems", (unsigned long)n), n);
        text_measure(ui->text, head, &ts, &hw, &th_);
    }
    text_draw(ui->text, head, &ts, left, y);
    float room = right - tw - (left + hw + 24 * s);
    if (diag->count > 0 && room > 40 * s) {
        ui_fit_text(ui, diag->entries[0].text, &body, room, first, sizeof first);
        text_draw(ui->text, first, &body, left + hw + 12 * s, y);
    }
    if (right - tw > left + hw)
        text_draw(ui->text, tail, &ts, right - tw, y);
}

void ui_warning_list_draw(Ui *ui, const UiLayout *lay, const WkDiag *diag, int first)
{
    const Theme *th = ui->theme;
    float s = ui->scale, top = lay->warning.h, bottom = lay->bar.y;
    vb_rect(&ui->vb, 0, top, (float)ui->width, bottom - top, th->panel);
    vb_rect(&ui->vb, 0, bottom - 2 * s, (float)ui->width, 2 * s, th->panel_border);
    vb_flush(&ui->vb, ui->renderer);
    if (!ui->text)
        return;
    size_t n = diag ? diag->count + diag->dropped : 0;
    TextStyle hs = {(int)(20 * s + 0.5f), true, th->panel_text, false, {0, 0, 0, 0}};
    TextStyle ts = hs, ms = hs;
    ts.size = (int)(14 * s + 0.5f), ts.bold = false;
    ms.size = ts.size, ms.bold = false, ms.color = th->panel_muted;
    char line[160];
    float x = 16 * s, y = top + 12 * s, w = (float)ui->width - 32 * s;
    if (n == 0)
        snprintf(line, sizeof line, "%s", _("No problems: the atlas loaded completely."));
    else
        snprintf(line, sizeof line,
                 ngettext("%zu problem while loading the atlas",
                          "%zu problems while loading the atlas", (unsigned long)n),
                 n);
    text_draw(ui->text, line, &hs, x, y);
    y += hs.size * 1.6f;
    text_draw(ui->text, _("E or Esc: close.  Wheel: scroll.  wakhan check lists them too."), &ms, x,
              y);
    y += ms.size * 1.8f;
    char fitted[700];
    for (size_t i = first > 0 ? (size_t)first : 0; diag && i < diag->count; i++) {
        if (y + ts.size * 1.4f > bottom - 4 * s) {
            snprintf(line, sizeof line, _("\u2026 %zu more below"), diag->count - i);
            text_draw(ui->text, line, &ms, x, y);
            return;
        }
        ui_fit_text(ui, diag->entries[i].text, &ts, w, fitted, sizeof fitted);
        text_draw(ui->text, fitted, &ts, x, y);
        y += ts.size * 1.4f;
    }
    if (diag && diag->dropped > 0 && y + ts.size * 1.4f <= bottom - 4 * s) {
        snprintf(line, sizeof line, _("and %zu more not kept"), diag->dropped);
        text_draw(ui->text, line, &ms, x, y);
    }
}

void ui_toast_draw(Ui *ui, const UiLayout *lay, const char *text, float alpha)
{
    if (!ui->text || !text || !*text || alpha <= 0)
        return;
    float s = ui->scale;
    const Theme *th = ui->theme;
    TextStyle ts = {(int)(18 * s + 0.5f), true, th->accent_text, false, {0, 0, 0, 0}};
    int w = 0, h = 0;
    if (!text_measure(ui->text, text, &ts, &w, &h))
        return;
    float map_w = lay->panel.w > 0 ? lay->panel.x : (float)ui->width;
    float bw = w + 32 * s, bh = h + 16 * s;
    float x = (map_w - bw) / 2, y = lay->bar.y - bh - 24 * s;
    SDL_Color bg = th->accent;
    bg.a = (Uint8)(235 * (alpha > 1 ? 1 : alpha));
    vb_rect(&ui->vb, x, y, bw, bh, bg);
    vb_flush(&ui->vb, ui->renderer);
    ts.color.a = bg.a;
    text_draw(ui->text, text, &ts, x + 16 * s, y + 8 * s);
}

void ui_year_entry_draw(Ui *ui, const UiLayout *lay, const char *typed)
{
    if (!ui->text)
        return;
    float s = ui->scale;
    const Theme *th = ui->theme;
    TextStyle ps = {(int)(15 * s + 0.5f), false, th->panel_muted, false, {0, 0, 0, 0}};
    TextStyle ys = ps;
    ys.size = (int)(30 * s + 0.5f), ys.bold = true, ys.color = th->panel_text;
    char shown[40];
    snprintf(shown, sizeof shown, "%s|", typed);
    const char *hint = _("Go to year \u2014 e.g. 1895, 104 BC or -104; Enter, Esc");
    int hw = 0, hh = 0, yw = 0, yh = 0;
    text_measure(ui->text, hint, &ps, &hw, &hh);
    text_measure(ui->text, shown, &ys, &yw, &yh);
    float bw = (hw > yw ? hw : yw) + 28 * s, bh = hh + yh + 24 * s;
    float x = lay->date.x + 8 * s, y = lay->bar.y - bh - 8 * s;
    if (x + bw > ui->width)
        bw = ui->width - x;
    vb_rect(&ui->vb, x, y, bw, bh, th->panel);
    vb_rect(&ui->vb, x, y + bh - 3 * s, bw, 3 * s, th->accent);
    vb_flush(&ui->vb, ui->renderer);
    text_draw(ui->text, hint, &ps, x + 14 * s, y + 8 * s);
    text_draw(ui->text, shown, &ys, x + 14 * s, y + 12 * s + hh);
}

typedef struct WrapDraw {
    Ui *ui;
    const TextStyle *ts;
    float x, y, line, bottom;
} WrapDraw;

static void draw_line(void *user, const char *start, int len)
{
    WrapDraw *d = user;
    char buf[1024];
    snprintf(buf, sizeof buf, "%.*s", len, start);
    if (d->y + d->line <= d->bottom)
        text_draw(d->ui->text, buf, d->ts, d->x, d->y);
    d->y += d->line;
}

void ui_error_screen_draw(Ui *ui, const char *title, const WkDiag *diag, const char *fix)
{
    const Theme *th = ui->theme;
    float s = ui->scale, w = (float)ui->width, h = (float)ui->height;
    SDL_SetRenderDrawColor(ui->renderer, th->track.r, th->track.g, th->track.b, 255);
    SDL_RenderClear(ui->renderer);
    float margin = fmaxf(24 * s, w * 0.06f), cw = w - 2 * margin;
    vb_rect(&ui->vb, margin - 12 * s, margin - 12 * s, 6 * s, h - 2 * margin + 24 * s, th->warning);
    vb_flush(&ui->vb, ui->renderer);
    if (!ui->text)
        return; /* no font at all: the coloured screen and the terminal message remain */
    TextStyle hs = {(int)(30 * s + 0.5f), true, th->track_text, false, {0, 0, 0, 0}};
    TextStyle ms = hs, fs = hs, ks = hs;
    ms.size = (int)(17 * s + 0.5f), ms.bold = false, ms.color = th->warning;
    fs.size = (int)(17 * s + 0.5f), fs.bold = false;
    ks.size = (int)(14 * s + 0.5f), ks.bold = false;
    WrapDraw d = {ui, &hs, margin, margin, hs.size * 1.3f, h - margin};
    text_wrap(ui->text, title, &hs, (int)cw, draw_line, &d);
    d.y += 12 * s;
    d.ts = &ms, d.line = ms.size * 1.45f;
    for (size_t i = 0; diag && i < diag->count && i < 8; i++) {
        text_wrap(ui->text, diag->entries[i].text, &ms, (int)cw, draw_line, &d);
        d.y += 4 * s;
    }
    if (diag && diag->count > 8) {
        char more[64];
        snprintf(more, sizeof more, "and %zu more", diag->count - 8);
        text_wrap(ui->text, more, &ms, (int)cw, draw_line, &d);
    }
    d.y += 18 * s;
    d.ts = &fs, d.line = fs.size * 1.45f;
    text_wrap(ui->text, "What to do", &hs, (int)cw, draw_line, &d);
    d.y += 6 * s;
    text_wrap(ui->text, fix, &fs, (int)cw, draw_line, &d);
    d.y += 18 * s;
    d.ts = &ks, d.line = ks.size * 1.45f;
    text_wrap(ui->text, "Q or Esc: close", &ks, (int)cw, draw_line, &d);
}
