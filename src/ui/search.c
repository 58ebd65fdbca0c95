/*
 * The search box: what is typed, and the results as they come, over the top of the map. The
 * matching itself is atlas/search.c; choosing a result is the app's.
 */
#include "ui.h"

#include "core/i18n.h"

static void search_geometry(const Ui *ui, int n, float *x, float *y, float *w, float *row)
{
    float s = ui->scale;
    *w = ui->width * 0.9f < 720 * s ? ui->width * 0.9f : 720 * s;
    *x = (ui->width - *w) / 2;
    *y = 60 * s;
    *row = 48 * s;
    (void)n;
}

void ui_search_draw(Ui *ui, const UiSearchView *v)
{
    if (!ui->text)
        return;
    const Theme *th = ui->theme;
    float s = ui->scale, x, y, w, row;
    search_geometry(ui, v->n, &x, &y, &w, &row);
    float field = 52 * s;
    float h = field + 16 * s + row * (v->n > 0 ? v->n : 1) + 36 * s;
    vb_rect(&ui->vb, 0, 0, (float)ui->width, (float)ui->height, (SDL_Color){0, 0, 0, 90});
    vb_rect(&ui->vb, x, y, w, h, th->panel);
    vb_rect(&ui->vb, x + 12 * s, y + 10 * s, w - 24 * s, field - 8 * s, th->halo);
    if (v->selected >= 0 && v->selected < v->n) {
        SDL_Color hl = th->highlight;
        hl.a = 90;
        vb_rect(&ui->vb, x + 8 * s, y + field + 12 * s + row * v->selected, w - 16 * s, row - 4 * s,
                hl);
    }
    vb_flush(&ui->vb, ui->renderer);
    TextStyle typed = {(int)(22 * s + 0.5f), false, th->panel_text, false, {0}};
    TextStyle name = {(int)(17 * s + 0.5f), true, th->panel_text, false, {0}};
    TextStyle detail = {(int)(13 * s + 0.5f), false, th->panel_muted, false, {0}};
    char line[300];
    wk_utf8_format(line, sizeof line, "%s|", v->query);
    text_draw(ui->text, v->query[0] ? line : _("Search places, events, powers, lessons…"),
              v->query[0] ? &typed : &detail, x + 24 * s, y + 20 * s);
    if (v->n == 0 && v->query[0])
        text_draw(ui->text, _("Nothing found"), &detail, x + 24 * s, y + field + 22 * s);
    for (int i = 0; i < v->n; i++) {
        float ry = y + field + 14 * s + row * i;
        char fitted[300];
        ui_fit_text(ui, v->labels[i], &name, w - 48 * s, fitted, sizeof fitted);
        text_draw(ui->text, fitted, &name, x + 24 * s, ry);
        if (v->details && v->details[i])
            text_draw(ui->text, v->details[i], &detail, x + 24 * s, ry + 21 * s);
    }
    text_draw(ui->text, _("Up / Down and Enter, or click: go there    Esc: close"), &detail,
              x + 24 * s, y + h - 28 * s);
}

int ui_search_at(const Ui *ui, const UiSearchView *v, float px, float py)
{
    float s = ui->scale, x, y, w, row;
    search_geometry(ui, v->n, &x, &y, &w, &row);
    float top = y + 52 * s + 12 * s;
    if (px < x || px > x + w || py < top)
        return -1;
    int i = (int)((py - top) / row);
    return i >= 0 && i < v->n ? i : -1;
}
