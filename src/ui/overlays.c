/*
 * The smaller parts of the interface: the help overlay with every key, the hover tooltip and
 * the title.
 */
#include "ui.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "atlas/language.h"
#include "core/date_lang.h"
#include "core/i18n.h"
#include "render/map.h"

static const char *const help_lines[][2] = {
    {N_("Drag the slider, or click it"), N_("move through time")},
    {N_("Left Right  or  PageUp PageDown"), N_("previous / next event (clicker)")},
    {N_("Shift + Left Right"), N_("one year back / on")},
    {N_("Ctrl + Left Right"), N_("ten years back / on")},
    {N_("G, a year, Enter"), N_("go to a year (1895, 104 BC, -104)")},
    {N_("Space"), N_("play / pause")},
    {N_("[  ]"), N_("slower / faster")},
    {N_("Home  End"), N_("first / last event")},
    {N_("Click a place or territory"), N_("open its events")},
    {N_("Drag the map"), N_("pan")},
    {N_("Wheel, + and -"), N_("zoom about the cursor")},
    {N_("0"), N_("reset the view")},
    {N_("Ctrl + / Ctrl -"), N_("larger / smaller interface")},
    {N_("F11  or  F"), N_("full screen")},
    {N_("T"), N_("next theme (high contrast)")},
    {N_("L"), N_("legend on / off")},
    {N_("N  /  Shift N"), N_("language: English, Chinese, Dari, Pashto / place names alone")},
    {N_("E"), N_("list loading problems")},
    {N_("O  /  P"), N_("lessons: open one / presenter view")},
    {N_("A  /  C  /  Shift C"), N_("lesson: add a stop / its caption / its note")},
    {N_("F5  /  Shift F5"), N_("start the lesson full screen / from this stop")},
    {N_("B or .  /  W or ,"), N_("black / white screen and back")},
    {N_("Esc"), N_("close the panel or this help")},
    {N_("? or H"), N_("this help")},
    {N_("Q"), N_("quit")},
};

void ui_help_draw(Ui *ui, const char *status)
{
    if (!ui->text)
        return;
    const Theme *th = ui->theme;
    int n = (int)(sizeof help_lines / sizeof *help_lines);
    /* The whole list on one screen: at a large scale on a small window, it shrinks to fit. */
    float s = ui->scale, full = 70 + 27 * (n + (status ? 1.5f : 0));
    if (full * s > ui->height - 8)
        s = (ui->height - 8) / full;
    TextStyle ks = {(int)(17 * s + 0.5f), true, th->panel_text, false, {0, 0, 0, 0}};
    TextStyle vs = ks;
    vs.bold = false;
    float row = 27 * s, w = 720 * s, h = 70 * s + row * (n + (status ? 1.5f : 0));
    if (w > ui->width - 20)
        w = (float)ui->width - 20;
    float x = (ui->width - w) / 2, y = (ui->height - h) / 2;
    if (y < 4)
        y = 4;
    vb_rect(&ui->vb, 0, 0, (float)ui->width, (float)ui->height, (SDL_Color){0, 0, 0, 110});
    vb_rect(&ui->vb, x, y, w, h, th->panel);
    vb_flush(&ui->vb, ui->renderer);
    TextStyle title = ks;
    title.size = (int)(22 * s + 0.5f);
    bool rtl = ui_mirrored(ui);
    SDL_FRect box = {x, y, w, h};
    ui_text_x(ui, rtl, &box, _("Keys"), &title, x + 24 * s, y + 16 * s);
    for (int i = 0; i < n; i++) {
        ui_text_x(ui, rtl, &box, _(help_lines[i][0]), &ks, x + 24 * s, y + 58 * s + row * i);
        ui_text_x(ui, rtl, &box, _(help_lines[i][1]), &vs, x + w * 0.5f, y + 58 * s + row * i);
    }
    if (status) {
        TextStyle ss = vs;
        ss.color = th->accent;
        ss.bold = true;
        ui_text_x(ui, rtl, &box, status, &ss, x + 24 * s, y + 58 * s + row * (n + 0.5f));
    }
}

static TextStyle tooltip_style(const Ui *ui)
{
    return (TextStyle){
        (int)(14 * ui->scale + 0.5f), true, ui->theme->panel_text, false, {0, 0, 0, 0}};
}

bool ui_tooltip_place(Ui *ui, const SDL_FRect *area, float x, float y, const char *text,
                      SDL_FRect *box)
{
    if (!ui->text || !text || !*text)
        return false;
    float s = ui->scale;
    TextStyle ts = tooltip_style(ui);
    int tw, th;
    if (!text_measure(ui->text, text, &ts, &tw, &th))
        return false;
    float w = tw + 12 * s, h = th + 6 * s, left = area->x, right = area->x + area->w;
    /* Beside the cursor, on the side the text reads from; on the other when it does not fit. */
    bool rtl = ui_mirrored(ui);
    float after = x + 16 * s, before = x - w - 8 * s;
    float bx = rtl ? before : after, by = y + 18 * s;
    if (rtl ? bx < left : bx + w > right)
        bx = rtl ? after : before;
    bx = fmaxf(left, fminf(bx, right - w));
    if (by + h > area->y + area->h)
        by = y - h - 14 * s; /* near the bottom (over the slider): above the cursor */
    *box = (SDL_FRect){bx, by, w, h};
    return true;
}

void ui_tooltip_draw_in(Ui *ui, const SDL_FRect *area, float x, float y, const char *text)
{
    SDL_FRect b;
    if (!ui_tooltip_place(ui, area, x, y, text, &b))
        return;
    TextStyle ts = tooltip_style(ui);
    vb_rect(&ui->vb, b.x, b.y, b.w, b.h, ui->theme->panel);
    vb_flush(&ui->vb, ui->renderer);
    text_draw(ui->text, text, &ts, b.x + 6 * ui->scale, b.y + 3 * ui->scale);
}

void ui_tooltip_draw(Ui *ui, float x, float y, const char *text)
{
    SDL_FRect window = {0, 0, (float)ui->width, (float)ui->height};
    ui_tooltip_draw_in(ui, &window, x, y, text);
}

void ui_title_draw(Ui *ui, const char *title)
{
    if (!ui->text)
        return;
    TextStyle ts = {(int)(13 * ui->scale + 0.5f), false, ui->theme->muted, true, ui->theme->halo};
    int w, h;
    if (text_measure(ui->text, title, &ts, &w, &h))
        text_draw(ui->text, title, &ts, ui->width - w - 10 * ui->scale,
                  ui->height - 104 * ui->scale - h - 4 * ui->scale);
}
