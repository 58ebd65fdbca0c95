/*
 * The legend of what is on the map now, in its compact form: one row per polity with a swatch
 * for each kind of hold it has (filled control, hatched protectorate...), one row per line,
 * and one row for all the sites. It takes the corner of the map farthest from what the map is
 * about: the selected place, where it is now and where the camera is gliding to.
 */
#include "ui.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "atlas/language.h"
#include "core/date_lang.h"
#include "core/i18n.h"
#include "render/map.h"

#define LEGEND_ROWS 16
#define LEGEND_SWATCHES 6
#define LEGEND_ACTIVE 1024
/* The most of the map's height and width the legend may take. */
#define LEGEND_MAX_SHARE 0.5f
#define LEGEND_MAX_WIDTH 0.6f

typedef struct LegendRow {
    const AtlasOverlay *sw[LEGEND_SWATCHES];
    int nsw;
    char text[200];
} LegendRow;

static bool same_row(const AtlasOverlay *a, const AtlasOverlay *b)
{
    if (atlas_kind_is_area(a->kind) != atlas_kind_is_area(b->kind))
        return false;
    if (atlas_kind_is_area(a->kind))
        return a->polity >= 0 ? a->polity == b->polity : a->kind == b->kind && b->polity < 0;
    if (a->kind == ATLAS_SITE || b->kind == ATLAS_SITE)
        return a->kind == b->kind;
    return !strcmp(a->name, b->name);
}

static bool same_swatch(const AtlasOverlay *a, const AtlasOverlay *b)
{
    if (a->kind != b->kind)
        return false;
    return a->kind != ATLAS_SITE || (a->symbol && b->symbol && !strcmp(a->symbol, b->symbol));
}

static void append(char *buf, size_t size, const char *sep, const char *word)
{
    size_t n = strlen(buf);
    if (n < size)
        wk_utf8_format(buf + n, size - n, "%s%s", n ? sep : "", word);
}

/* The rows for time t, in file order; returns how many. */
static int legend_rows(const Atlas *atlas, double t, WkLang lang, LegendRow *rows)
{
    int active[LEGEND_ACTIVE];
    int n = atlas_overlays_at(atlas, t, 0, active, NULL, LEGEND_ACTIVE), k = 0;
    for (int i = 0; i < n; i++) {
        const AtlasOverlay *o = &atlas->overlays[active[i]];
        int r = 0;
        while (r < k && !same_row(rows[r].sw[0], o))
            r++;
        if (r == k) {
            if (k == LEGEND_ROWS)
                continue;
            rows[k++] = (LegendRow){{o}, 1, ""};
            continue;
        }
        bool dup = false;
        for (int j = 0; j < rows[r].nsw && !dup; j++)
            dup = same_swatch(rows[r].sw[j], o);
        if (!dup && rows[r].nsw < LEGEND_SWATCHES)
            rows[r].sw[rows[r].nsw++] = o;
    }
    for (int r = 0; r < k; r++) {
        LegendRow *row = &rows[r];
        const AtlasOverlay *o = row->sw[0];
        char kinds[120] = "";
        if (atlas_kind_is_area(o->kind) && o->polity < 0) {
            wk_utf8_format(row->text, sizeof row->text, "%s",
                           o->kind == ATLAS_CONTESTED ? _("Contested land") : _("Unclaimed land"));
        } else if (atlas_kind_is_area(o->kind)) {
            for (int j = 0; j < row->nsw; j++)
                append(kinds, sizeof kinds, ", ", ui_kind_label(row->sw[j]->kind));
            /* TRANSLATORS: a legend row: a polity and what its areas are, "Tang China
             * (control, protectorate)" */
            wk_utf8_format(row->text, sizeof row->text, _("%s (%s)"),
                           atlas_polity_name(atlas, o->polity, lang), kinds);
        } else if (o->kind == ATLAS_SITE) {
            for (int j = 0; j < row->nsw; j++)
                append(kinds, sizeof kinds, ", ", ui_symbol_label(row->sw[j]->symbol));
            wk_utf8_format(row->text, sizeof row->text, "%s", kinds);
        } else {
            const char *name = atlas_overlay_name(atlas, (int)(o - atlas->overlays), lang);
            if (o->status)
                /* TRANSLATORS: a legend row: a line and its status, "Wakhan railway, planned" */
                wk_utf8_format(row->text, sizeof row->text, _("%s, %s"), name,
                               ui_status_label(o->status));
            else
                wk_utf8_format(row->text, sizeof row->text, "%s", name);
        }
    }
    return k;
}

static void draw_swatch(Ui *ui, const Atlas *atlas, const AtlasOverlay *o, float cx, float ry,
                        float sw, float row)
{
    const Theme *th = ui->theme;
    float s = ui->scale;
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

/* How many of the points lie in the box, grown by `pad`. */
static int covered(const SDL_FRect *b, float pad, const float *avoid, int navoid)
{
    int n = 0;
    for (int i = 0; i < navoid; i++)
        n += avoid[2 * i] >= b->x - pad && avoid[2 * i] <= b->x + b->w + pad &&
             avoid[2 * i + 1] >= b->y - pad && avoid[2 * i + 1] <= b->y + b->h + pad;
    return n;
}

/* Lays the legend out in lay->legend and, when `draw`, draws it. */
static void legend(Ui *ui, UiLayout *lay, const Atlas *atlas, double t, const char *year_text,
                   const float *avoid, int navoid, bool draw)
{
    LegendRow rows[LEGEND_ROWS];
    int k = legend_rows(atlas, t, ui->lang, rows);
    if (!ui->text)
        return;
    const Theme *th = ui->theme;
    float s = ui->scale, row = 22 * s, sw = 22 * s, gap = 3 * s;
    TextStyle ts = {(int)(14 * s + 0.5f), false, th->panel_text, false, {0, 0, 0, 0}};
    TextStyle hs = ts;
    hs.bold = true;
    char head[64];
    snprintf(head, sizeof head, _("On the map in %s"), year_text);
    int w = 0, h = 0, maxw = 0, most_sw = 1;
    for (int i = 0; i < k; i++)
        if (rows[i].sw[0]->kind != ATLAS_SITE)
            most_sw = rows[i].nsw > most_sw ? rows[i].nsw : most_sw;
    float text_x = 12 * s + most_sw * (sw + gap) + 8 * s;
    text_measure(ui->text, head, &hs, &maxw, &h);
    maxw -= (int)(text_x - 12 * s);
    for (int i = 0; i < k; i++) {
        if (rows[i].sw[0]->kind == ATLAS_SITE) /* symbol, word, symbol, word... */
            text_measure(ui->text, rows[i].text, &ts, &w, &h),
                w += (int)((rows[i].nsw + 1) * (sw + gap) - text_x);
        else
            text_measure(ui->text, rows[i].text, &ts, &w, &h);
        maxw = w > maxw ? w : maxw;
    }
    /* At most half the map's height and width: rows that do not fit are counted in a last
     * row, and long names are cut with an ellipsis. */
    float top = lay->warning.h, bottom = lay->bar.y;
    float map_w = (float)ui->width - lay->panel.w;
    int fit = (int)(((bottom - top) * LEGEND_MAX_SHARE - 34 * s) / row);
    int shown = k <= fit ? k : fit - 1 > 0 ? fit - 1 : 0;
    float bw = fminf(text_x + maxw + 12 * s, map_w * LEGEND_MAX_WIDTH);
    float bh = 34 * s + row * (shown < k ? shown + 1 : k ? k : 1);
    /* The corner farthest from what the map is about: top left first (the Kazakh steppe at the
     * opening view), then bottom left, top right, bottom right; mirrored right to left. */
    float m = 12 * s;
    SDL_FRect corners[4] = {{m, top + m, bw, bh},
                            {m, bottom - m - bh, bw, bh},
                            {map_w - m - bw, top + m, bw, bh},
                            {map_w - m - bw, bottom - m - bh, bw, bh}};
    bool rtl = lay->rtl;
    SDL_FRect window = {0, 0, (float)ui->width, (float)ui->height};
    for (int i = 0; i < 4; i++)
        corners[i].x = ui_mirror_x(rtl, &window, corners[i].x, bw);
    int best = 0, best_n = navoid + 1;
    for (int i = 0; i < 4 && best_n > 0; i++) {
        int n = covered(&corners[i], 24 * s, avoid, navoid);
        if (n < best_n)
            best = i, best_n = n;
    }
    lay->legend = corners[best];
    float x = lay->legend.x, y = lay->legend.y;
    const SDL_FRect *box = &lay->legend;
    if (!draw)
        return;
    SDL_Color bg = th->panel;
    bg.a = 225;
    vb_rect(&ui->vb, x, y, bw, bh, bg);
    /* Sites flow as symbol, word, symbol, word; the other rows have their swatches in a
     * column and their names beside it. */
    float site_x[LEGEND_SWATCHES + 1];
    char site_word[LEGEND_SWATCHES][32];
    int site_row = -1;
    for (int i = 0; i < shown; i++) {
        float ry = y + 32 * s + row * i;
        if (rows[i].sw[0]->kind != ATLAS_SITE) {
            for (int j = 0; j < rows[i].nsw; j++)
                draw_swatch(ui, atlas, rows[i].sw[j],
                            ui_mirror_x(rtl, box, x + 12 * s + j * (sw + gap), sw), ry, sw, row);
            continue;
        }
        site_row = i;
        site_x[0] = -1;
        float cx = x + 12 * s;
        for (int j = 0; j < rows[i].nsw && cx + sw < x + bw; j++) {
            const char *sym = rows[i].sw[j]->symbol;
            snprintf(site_word[j], sizeof site_word[j], "%s", ui_symbol_label(sym));
            draw_swatch(ui, atlas, rows[i].sw[j], ui_mirror_x(rtl, box, cx, sw), ry, sw, row);
            site_x[j] = cx + sw + gap;
            text_measure(ui->text, site_word[j], &ts, &w, &h);
            cx = site_x[j] + w + 10 * s;
            site_x[j + 1] = -1;
        }
    }
    vb_flush(&ui->vb, ui->renderer);
    SDL_Rect clip = {(int)x, (int)y, (int)bw, (int)bh};
    SDL_RenderSetClipRect(ui->renderer, &clip);
    char fitted[200];
    ui_fit_text(ui, head, &hs, bw - 24 * s, fitted, sizeof fitted);
    ui_text_x(ui, rtl, box, fitted, &hs, x + 12 * s, y + 8 * s);
    for (int i = 0; i < shown; i++) {
        if (i == site_row) {
            for (int j = 0; j < rows[i].nsw && site_x[j] >= 0 && site_x[j] < x + bw; j++)
                ui_text_x(ui, rtl, box, site_word[j], &ts, site_x[j], y + 32 * s + row * i + 1 * s);
            continue;
        }
        ui_fit_text(ui, rows[i].text, &ts, bw - text_x - 8 * s, fitted, sizeof fitted);
        ui_text_x(ui, rtl, box, fitted, &ts, x + text_x, y + 32 * s + row * i + 1 * s);
    }
    TextStyle ms = ts;
    ms.color = th->panel_muted;
    if (shown < k) {
        char more[64], ascii[64];
        snprintf(ascii, sizeof ascii,
                 ngettext("+ %d more", "+ %d more", (unsigned long)(k - shown)), k - shown);
        wk_digits_localize(ascii, ui->lang, more, sizeof more);
        ui_text_x(ui, rtl, box, more, &ms, x + 12 * s, y + 32 * s + row * shown + 1 * s);
    }
    SDL_RenderSetClipRect(ui->renderer, NULL);
    if (k == 0)
        ui_text_x(ui, rtl, box, _("No territory recorded"), &ms, x + 12 * s, y + 32 * s);
}

void ui_legend_measure(Ui *ui, UiLayout *lay, const Atlas *atlas, double t, const char *year_text,
                       const float *avoid, int navoid)
{
    legend(ui, lay, atlas, t, year_text, avoid, navoid, false);
}

void ui_legend_draw(Ui *ui, UiLayout *lay, const Atlas *atlas, double t, const char *year_text,
                    const float *avoid, int navoid)
{
    legend(ui, lay, atlas, t, year_text, avoid, navoid, true);
}
