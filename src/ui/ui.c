/* Layout shared by every part of the interface. Sizes are in pixels at scale 1 and multiplied
 * by the UI scale, so the interface grows with the display's DPI or the user's choice. */
#include "ui.h"

#include <math.h>
#include <stdlib.h>

#define BAR_HEIGHT 104
#define DATE_WIDTH 250
#define PLAY_SIZE 40
#define PANEL_WIDTH 400
#define WARNING_HEIGHT 30
#define DATE_PX 46

void ui_init(Ui *ui, SDL_Renderer *renderer, TextCache *text, const Theme *theme, float scale)
{
    ui->renderer = renderer;
    ui->text = text;
    ui->theme = theme;
    ui->scale = scale;
    ui->lang = WK_LANG_EN;
    ui->width = ui->height = 0;
    ui->panel_cache = NULL;
    vb_init(&ui->vb);
}

void ui_panel_cache_free(struct PanelCache *cache);

void ui_free(Ui *ui)
{
    vb_free(&ui->vb);
    ui_panel_cache_free(ui->panel_cache);
    ui->panel_cache = NULL;
}

float ui_effective_scale(float asked, int width, int height)
{
    /* The largest scale the window holds well: at it the bar takes about a third of the
     * height and the panel under half the width. 2.3 on a 1024x768 projector, 6.5 on 4K. */
    float cap = fminf(width / 420.0f, height / 330.0f);
    if (asked <= 0 || cap <= 0)
        return 1;
    /* Up to a knee (1, or less on a very small window) the scale is what was asked; above it,
     * a soft limit that approaches the cap and still grows with every step of Ctrl +. */
    float knee = fminf(1, cap * 0.9f);
    if (asked <= knee)
        return asked;
    return knee + (cap - knee) * (1 - expf(-(asked - knee) / (cap - knee)));
}

void ui_layout(const Ui *ui, bool panel_open, bool warning, UiLayout *out)
{
    float s = ui->scale, w = (float)ui->width, h = (float)ui->height;
    float bar_h = BAR_HEIGHT * s;
    /* On a narrow window the date column shrinks before the slider does. */
    float date_w = DATE_WIDTH * s < w * 0.36f ? DATE_WIDTH * s : w * 0.36f;
    out->bar = (SDL_FRect){0, h - bar_h, w, bar_h};
    out->date = (SDL_FRect){0, h - bar_h, date_w, bar_h};
    out->play = (SDL_FRect){date_w + 8 * s, h - bar_h + (bar_h - PLAY_SIZE * s) / 2, PLAY_SIZE * s,
                            PLAY_SIZE * s};
    float track_x = out->play.x + out->play.w + 16 * s;
    out->track = (SDL_FRect){track_x, h - bar_h + 14 * s, w - track_x - 20 * s, bar_h - 28 * s};
    float panel_w = PANEL_WIDTH * s < w * 0.45f ? PANEL_WIDTH * s : w * 0.45f;
    float top = warning ? WARNING_HEIGHT * s : 0;
    out->rtl = ui_mirrored(ui);
    out->panel = panel_open ? (SDL_FRect){w - panel_w, top, panel_w, h - bar_h - top}
                            : (SDL_FRect){w, top, 0, 0};
    SDL_FRect window = {0, 0, w, h};
    out->panel.x = ui_mirror_x(out->rtl, &window, out->panel.x, out->panel.w);
    out->warning = warning ? (SDL_FRect){0, 0, w, WARNING_HEIGHT * s} : (SDL_FRect){0, 0, w, 0};
    out->legend = (SDL_FRect){0, 0, 0, 0};
    /* The date: the largest text of the interface, as tall as the bar allows. */
    out->date_px = fminf(DATE_PX * s, bar_h * 0.5f);
    float line = out->date_px * 1.3f;
    out->date_text = (SDL_FRect){16 * s, h - bar_h + (bar_h - line) / 2, date_w - 24 * s, line};
}

bool ui_mirrored(const Ui *ui)
{
    return wk_lang_rtl(ui->lang);
}

float ui_mirror_x(bool rtl, const SDL_FRect *in, float x, float w)
{
    return rtl ? in->x + in->w - (x - in->x) - w : x;
}

int ui_text_x(Ui *ui, bool rtl, const SDL_FRect *in, const char *text, const TextStyle *style,
              float x, float y)
{
    int w = 0, h = 0;
    if (!ui->text || !text || !*text || (rtl && !text_measure(ui->text, text, style, &w, &h)))
        return 0;
    return text_draw(ui->text, text, style, ui_mirror_x(rtl, in, x, (float)w), y);
}

bool ui_in_rect(const SDL_FRect *r, float x, float y)
{
    return x >= r->x && y >= r->y && x < r->x + r->w && y < r->y + r->h;
}
