/*
 * The smaller parts of the interface: the legend of what is on the map now, the help overlay
 * with every key, the hover tooltip, the warning bar and the title.
 */
#include "ui.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "atlas/language.h"
#include "core/date_lang.h"
#include "core/i18n.h"
#include "render/map.h"

#define LEGEND_MAX 14
#define LEGEND_ACTIVE 1024
/* The most of the map's height and width the legend may take. */
#define LEGEND_MAX_SHARE 0.5f

typedef struct LegendItem {
    const AtlasOverlay *o;
    char text[160];
} LegendItem;

static bool same_entry(const Atlas *atlas, const AtlasOverlay *a, const AtlasOverlay *b)
{
    if (a->kind != b->kind)
        return false;
    if (atlas_kind_is_area(a->kind))
        return a->polity == b->polity;
    if (a->kind == ATLAS_SITE)
        return a->symbol && b->symbol && !strcmp(a->symbol, b->symbol);
    (void)atlas;
    return !strcmp(a->name, b->name);
}

static void legend_text(const Atlas *atlas, const AtlasOverlay *o, WkLang lang, char *buf,
                        size_t size)
{
    if (atlas_kind_is_area(o->kind) && o->polity < 0) /* one row for all land nobody holds */
        snprintf(buf, size, "%s",
                 o->kind == ATLAS_CONTESTED ? _("Contested land") : _("Unclaimed land"));
    else if (atlas_kind_is_area(o->kind))
        /* TRANSLATORS: a legend row: a polity and what its area is, "Tang China (protectorate)" */
        snprintf(buf, size, _("%s (%s)"), atlas_polity_name(atlas, o->polity, lang),
                 ui_kind_label(o->kind));
    else if (o->kind == ATLAS_SITE)
        snprintf(buf, size, "%s", ui_symbol_label(o->symbol));
    else if (o->status)
        /* TRANSLATORS: a legend row: a line and its status, "Wakhan railway, planned" */
        snprintf(buf, size, _("%s, %s"),
                 atlas_overlay_name(atlas, (int)(o - atlas->overlays), lang),
                 ui_status_label(o->status));
    else
        snprintf(buf, size, "%s", atlas_overlay_name(atlas, (int)(o - atlas->overlays), lang));
}

/* Lays the legend out in lay->legend and, when `draw`, draws it. */
static void legend(Ui *ui, UiLayout *lay, const Atlas *atlas, double t, const char *year_text,
                   bool draw)
{
    int active[LEGEND_ACTIVE];
    double weights[LEGEND_ACTIVE];
    int n = atlas_overlays_at(atlas, t, 0, active, weights, LEGEND_ACTIVE);
    LegendItem items[LEGEND_MAX];
    int k = 0;
    for (int i = 0; i < n && k < LEGEND_MAX; i++) {
        const AtlasOverlay *o = &atlas->overlays[active[i]];
        bool dup = false;
        for (int j = 0; j < k && !dup; j++)
            dup = same_entry(atlas, items[j].o, o);
        if (dup)
            continue;
        items[k].o = o;
        legend_text(atlas, o, ui->lang, items[k].text, sizeof items[k].text);
        k++;
    }
    if (!ui->text)
        return;
    const Theme *th = ui->theme;
    float s = ui->scale, row = 22 * s, sw = 26 * s;
    TextStyle ts = {(int)(14 * s + 0.5f), false, th->panel_text, false, {0, 0, 0, 0}};
    TextStyle hs = ts;
    hs.bold = true;
    char head[64];
    snprintf(head, sizeof head, _("On the map in %s"), year_text);
    int w = 0, h = 0, maxw = 0;
    text_measure(ui->text, head, &hs, &maxw, &h);
    for (int i = 0; i < k; i++)
        if (text_measure(ui->text, items[i].text, &ts, &w, &h) && w + (int)(sw + 10 * s) > maxw)
            maxw = w + (int)(sw + 10 * s);
    /* Top left: at the opening view that is the Kazakh steppe, far from Afghanistan and
     * Xinjiang, so the legend hides the least there even when it is long. On a small window
     * it keeps to at most half the map's height and width: rows that do not fit are counted
     * in a last row, and long names are cut at the edge. */
    float x = 12 * s, y = lay->warning.h + 12 * s;
    float map_w = (float)ui->width - lay->panel.w;
    int fit = (int)((lay->bar.y * LEGEND_MAX_SHARE - 34 * s) / row);
    int shown = k <= fit ? k : fit - 1 > 0 ? fit - 1 : 0;
    float bw = fminf(maxw + 24 * s, map_w * LEGEND_MAX_SHARE);
    float bh = 34 * s + row * (shown < k ? shown + 1 : k ? k : 1);
    /* Right to left: the top right corner, the swatches on the right of their names. */
    bool rtl = lay->rtl;
    SDL_FRect window = {0, 0, (float)ui->width, (float)ui->height};
    x = ui_mirror_x(rtl, &window, x, bw);
    lay->legend = (SDL_FRect){x, y, bw, bh};
    const SDL_FRect *box = &lay->legend;
    if (!draw)
        return;
    SDL_Color bg = th->panel;
    bg.a = 225;
    vb_rect(&ui->vb, x, y, bw, bh, bg);
    for (int i = 0; i < shown; i++) {
        const AtlasOverlay *o = items[i].o;
        float ry = y + 32 * s + row * i, cx = ui_mirror_x(rtl, box, x + 12 * s, sw);
        SDL_Color c = map_overlay_color(atlas, o);
        if (atlas_kind_is_area(o->kind)) {
            bool hatched = map_kind_hatched(o->kind);
            SDL_Color fill = c;
            fill.a = (Uint8)(255 * (hatched ? th->hatch_alpha : th->area_alpha));
            vb_rect(&ui->vb, cx, ry + 3 * s, sw, row - 8 * s, fill);
            float box[8] = {cx,      ry + 3 * s,       cx + sw, ry + 3 * s,
                            cx + sw, ry + row - 5 * s, cx,      ry + row - 5 * s};
            int ring[2] = {0, 4};
            if (hatched) {
                bool dashed = o->kind == ATLAS_CLAIM || o->kind == ATLAS_UNCLAIMED;
                StrokeStyle hsx = {1.4f * s, c, dashed ? 3 * s : 0, 3 * s};
                vb_hatch(&ui->vb, box, ring, 1, 5 * s, &hsx);
            }
            StrokeStyle edge = {1.8f * s, c, o->certainty == ATLAS_CERTAIN_LOW ? 4 * s : 0, 3 * s};
            vb_stroke(&ui->vb, box, 4, true, &edge);
        } else if (o->kind == ATLAS_SITE) {
            map_symbol(&ui->vb, o->symbol, cx + sw / 2, ry + row / 2 - 1 * s, 12 * s, c,
                       (SDL_Color){255, 255, 255, 255});
        } else {
            bool planned = o->status && !strcmp(o->status, "planned");
            float line[4] = {cx, ry + row / 2 - 1 * s, cx + sw, ry + row / 2 - 1 * s};
            StrokeStyle ls = {3 * s, c, planned ? 5 * s : 0, 4 * s};
            vb_stroke(&ui->vb, line, 2, false, &ls);
        }
    }
    vb_flush(&ui->vb, ui->renderer);
    SDL_Rect clip = {(int)x, (int)y, (int)bw, (int)bh};
    SDL_RenderSetClipRect(ui->renderer, &clip);
    ui_text_x(ui, rtl, box, head, &hs, x + 12 * s, y + 8 * s);
    for (int i = 0; i < shown; i++)
        ui_text_x(ui, rtl, box, items[i].text, &ts, x + sw + 22 * s, y + 32 * s + row * i + 1 * s);
    if (shown < k) {
        char more[64];
        TextStyle ms = ts;
        ms.color = th->panel_muted;
        char ascii[64];
        snprintf(ascii, sizeof ascii,
                 ngettext("+ %d more", "+ %d more", (unsigned long)(k - shown)), k - shown);
        wk_digits_localize(ascii, ui->lang, more, sizeof more);
        ui_text_x(ui, rtl, box, more, &ms, x + 12 * s, y + 32 * s + row * shown + 1 * s);
    }
    SDL_RenderSetClipRect(ui->renderer, NULL);
    if (k == 0) {
        TextStyle ms = ts;
        ms.color = th->panel_muted;
        ui_text_x(ui, rtl, box, _("No territory recorded"), &ms, x + 12 * s, y + 32 * s);
    }
}

void ui_legend_measure(Ui *ui, UiLayout *lay, const Atlas *atlas, double t, const char *year_text)
{
    legend(ui, lay, atlas, t, year_text, false);
}

void ui_legend_draw(Ui *ui, UiLayout *lay, const Atlas *atlas, double t, const char *year_text)
{
    legend(ui, lay, atlas, t, year_text, true);
}

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

void ui_tooltip_draw(Ui *ui, float x, float y, const char *text)
{
    if (!ui->text || !text || !*text)
        return;
    float s = ui->scale;
    TextStyle ts = {(int)(14 * s + 0.5f), true, ui->theme->panel_text, false, {0, 0, 0, 0}};
    int w, h;
    if (!text_measure(ui->text, text, &ts, &w, &h))
        return;
    /* Beside the cursor, on the side the text reads from; on the other when it does not fit. */
    bool rtl = ui_mirrored(ui);
    float after = x + 16 * s, before = x - w - 20 * s;
    float bx = rtl ? before : after, by = y + 18 * s;
    if (rtl ? bx < 0 : bx + w + 12 * s > ui->width)
        bx = rtl ? after : before;
    if (bx + w + 12 * s > ui->width)
        bx = ui->width - w - 12 * s;
    if (bx < 0)
        bx = 0;
    if (by + h + 6 * s > ui->height)
        by = y - h - 20 * s; /* over the slider: above the cursor */
    vb_rect(&ui->vb, bx, by, w + 12 * s, h + 6 * s, ui->theme->panel);
    vb_flush(&ui->vb, ui->renderer);
    text_draw(ui->text, text, &ts, bx + 6 * s, by + 3 * s);
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
