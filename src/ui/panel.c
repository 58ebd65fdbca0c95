/*
 * The side panel: what happened at the selected place or in the selected territory, event by
 * event, in date order, with text wrapped to the panel's width. The wrapped layout is cached
 * and rebuilt only when the selection, the panel's size or the scale changes, so scrolling and
 * redrawing cost no text measuring.
 *
 * The header (the name and its summary) never scrolls and must be whole: when it would take
 * more than HEADER_SHARE of the panel's height (a large interface scale on a projector), it is
 * laid out again compact (the other names on one line, no coordinates), then in smaller type,
 * until it fits.
 */
#include "ui.h"

#include "atlas/language.h"

#include <ctype.h>

#include "core/date_lang.h"
#include "core/i18n.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAD 16
#define MAX_LINE 600
/* The most of the panel's height the header may take; the events get the rest. */
#define HEADER_SHARE 0.45f
/* The header's type shrinks in these steps, down to this share of its size, to fit. */
#define HEADER_SHRINK_STEP 0.9f
#define HEADER_SHRINK_MIN 0.55f

typedef enum RowKind {
    ROW_TITLE,
    ROW_SUB,
    ROW_MUTED,
    ROW_DATE,
    ROW_EVENT_TITLE,
    ROW_BODY,
    ROW_SOURCE,
    ROW_NOTE,
    ROW_GAP
} RowKind;

typedef struct Row {
    RowKind kind;
    char *text;
    float y, h;
    int size;  /* the type's size in pixels */
    int event; /* the event this row belongs to, or -1 */
} Row;

typedef struct PanelCache {
    int place, overlay;
    float width, height_limit, scale;
    bool compact;        /* the header without its less needed lines */
    float header_shrink; /* the header's type size, as a share of the normal one */
    const Theme *theme;
    Row *rows;
    int nrows, cap;
    float height;
    float header; /* the rows above this stay at the top; the events scroll beneath them */
    WkLang lang;
    /* Where each event's block lies, in content coordinates, for hit tests. */
    float scroll, top, list_top;
    SDL_FRect area;
} PanelCache;

void ui_panel_cache_free(struct PanelCache *c)
{
    if (!c)
        return;
    for (int i = 0; i < c->nrows; i++)
        free(c->rows[i].text);
    free(c->rows);
    free(c);
}

static TextStyle style_for(const Ui *ui, RowKind kind, float shrink)
{
    const Theme *th = ui->theme;
    float s = ui->scale * shrink;
    TextStyle ts = {(int)(15 * s + 0.5f), false, th->panel_text, false, {0, 0, 0, 0}};
    switch (kind) {
    case ROW_TITLE:
        ts.size = (int)(24 * s + 0.5f), ts.bold = true;
        break;
    case ROW_SUB:
        ts.size = (int)(17 * s + 0.5f);
        break;
    case ROW_NOTE:
        ts.size = (int)(14 * s + 0.5f), ts.color = th->accent;
        break;
    case ROW_MUTED:
    case ROW_SOURCE:
        ts.size = (int)(13 * s + 0.5f), ts.color = th->panel_muted;
        break;
    case ROW_DATE:
        ts.size = (int)(14 * s + 0.5f), ts.bold = true, ts.color = th->accent;
        break;
    case ROW_EVENT_TITLE:
        ts.size = (int)(17 * s + 0.5f), ts.bold = true;
        break;
    default:
        break;
    }
    return ts;
}

typedef struct Builder {
    Ui *ui;
    PanelCache *c;
    RowKind kind;
    int event;
    float y;
    float shrink; /* of the type: the header's, or 1 */
} Builder;

static void add_row(Builder *b, const char *text, int len)
{
    PanelCache *c = b->c;
    if (c->nrows == c->cap) {
        int cap = c->cap ? c->cap * 2 : 64;
        Row *rows = realloc(c->rows, sizeof *rows * (size_t)cap);
        if (!rows)
            return;
        c->rows = rows;
        c->cap = cap;
    }
    char *copy = malloc((size_t)len + 1);
    if (!copy)
        return;
    memcpy(copy, text, (size_t)len);
    copy[len] = '\0';
    TextStyle ts = style_for(b->ui, b->kind, b->shrink);
    int w = 0, h = (int)(ts.size * 1.3f);
    if (b->ui->text)
        text_measure(b->ui->text, copy, &ts, &w, &h);
    float lh = fmaxf((float)h, ts.size * 1.25f);
    c->rows[c->nrows++] = (Row){b->kind, copy, b->y, lh, ts.size, b->event};
    b->y += lh;
}

static void on_line(void *user, const char *start, int len)
{
    add_row(user, start, len);
}

static void add_text(Builder *b, RowKind kind, const char *text)
{
    if (!text || !*text)
        return;
    b->kind = kind;
    TextStyle ts = style_for(b->ui, kind, b->shrink);
    if (b->ui->text)
        text_wrap(b->ui->text, text, &ts, (int)(b->c->width - 2 * PAD * b->ui->scale), on_line, b);
    else
        add_row(b, text, (int)strlen(text));
}

static void add_gap(Builder *b, float px)
{
    b->y += px * b->ui->scale;
}

static void add_event(Builder *b, const Atlas *atlas, int e)
{
    const AtlasEvent *ev = &atlas->events[e];
    char date[96], source[600], note[MAX_LINE * 2];
    WkLang lang = b->c->lang;
    b->event = e;
    add_text(b, ROW_DATE, wk_span_format_in(&ev->date, lang, date, sizeof date));
    add_text(b, ROW_EVENT_TITLE, atlas_event_title(atlas, e, lang));
    add_gap(b, 2);
    add_text(b, ROW_BODY, atlas_event_summary(atlas, e, lang));
    const char *n = atlas_event_note(atlas, e, lang);
    if (n && *n) {
        /* Where the article and the wider record disagree: said under the event itself. */
        add_gap(b, 3);
        wk_utf8_format(note, sizeof note, _("Note: %s"), n);
        add_text(b, ROW_NOTE, note);
    }
    wk_utf8_format(source, sizeof source, _("Source: %s"), ev->source);
    add_text(b, ROW_SOURCE, source);
    add_gap(b, 14);
    b->event = -1;
}

static const char *kind_phrase(AtlasKind k)
{
    switch (k) {
    case ATLAS_CONTROL:
        return _("Territory under the control of %s");
    case ATLAS_PROTECTORATE:
        return _("Protectorate of %s");
    case ATLAS_TRIBUTARY:
        return _("Tributary of %s");
    case ATLAS_CLAIM:
        return _("Claimed by %s");
    case ATLAS_OCCUPATION:
        return _("Occupied by %s");
    default:
        return NULL;
    }
}

/* Lays the rows out; with header_only, stops once the header's height (c->header) is known. */
static void build_rows(Ui *ui, PanelCache *c, const Atlas *atlas, bool header_only)
{
    Builder b = {ui, c, ROW_BODY, -1, PAD * ui->scale, c->header_shrink};
    char line[MAX_LINE];
    if (c->place >= 0) {
        const AtlasPlace *p = &atlas->places[c->place];
        /* The name in the panel's language first, then the others. */
        const char *names[3] = {p->name, p->name_zh, p->name_fa};
        int first = c->lang == WK_LANG_ZH ? 1 : wk_lang_rtl(c->lang) ? 2 : 0;
        if (!names[first] || !*names[first])
            first = 0;
        add_text(&b, ROW_TITLE, names[first]);
        if (c->compact) {
            /* The other names side by side. */
            size_t n = 0;
            line[0] = '\0';
            for (int k = 0; k < 3; k++)
                if (k != first && names[k] && *names[k] && n < sizeof line)
                    n += (size_t)snprintf(line + n, sizeof line - n, "%s%s", n ? " \u00b7 " : "",
                                          names[k]);
            add_text(&b, ROW_SUB, line);
        } else {
            for (int k = 0; k < 3; k++)
                if (k != first)
                    add_text(&b, ROW_SUB, names[k]);
        }
        char kind[40] = "", lat[32], lon[32], ascii[MAX_LINE];
        if (p->kind && *p->kind)
            /* TRANSLATORS: a place's kind before its position: "City, 34.53° N, 69.17° E" */
            snprintf(kind, sizeof kind, _("%s, "), ui_place_kind_label(p->kind));
        snprintf(lat, sizeof lat, p->lat >= 0 ? _("%.2f\u00b0 N") : _("%.2f\u00b0 S"),
                 fabs(p->lat));
        snprintf(lon, sizeof lon, p->lon >= 0 ? _("%.2f\u00b0 E") : _("%.2f\u00b0 W"),
                 fabs(p->lon));
        char where[96];
        snprintf(where, sizeof where, _("%s, %s"), lat, lon);
        snprintf(ascii, sizeof ascii, "%s%s", kind, where);
        wk_digits_localize(ascii, c->lang, line, sizeof line);
        if (!c->compact)
            add_text(&b, ROW_MUTED, line);
        if (p->nevents > 0) {
            char a[32], z[32];
            const AtlasEvent *e0 = &atlas->events[p->events[0]];
            const AtlasEvent *e1 = &atlas->events[p->events[p->nevents - 1]];
            char ascii[MAX_LINE];
            wk_time_format_year_in(e0->start, c->lang, a, sizeof a);
            wk_time_format_year_in(e1->start, c->lang, z, sizeof z);
            if (p->nevents == 1)
                snprintf(ascii, sizeof ascii, _("One event, in %s"), a);
            else
                snprintf(ascii, sizeof ascii,
                         ngettext("%d event, from %s to %s", "%d events, from %s to %s",
                                  (unsigned long)p->nevents),
                         p->nevents, a, z);
            wk_digits_localize(ascii, c->lang, line, sizeof line);
            add_text(&b, ROW_SUB, line);
        }
        add_gap(&b, 10);
        c->header = b.y;
        if (header_only)
            return;
        b.shrink = 1;
        add_gap(&b, 6);
        for (int i = 0; i < p->nevents; i++)
            add_event(&b, atlas, p->events[i]);
        if (p->nevents == 0)
            add_text(&b, ROW_MUTED, _("No events are recorded here yet."));
    } else if (c->overlay >= 0) {
        const AtlasOverlay *o = &atlas->overlays[c->overlay];
        char a[64], z[64];
        add_text(&b, ROW_TITLE, atlas_overlay_name(atlas, c->overlay, c->lang));
        const char *phrase = kind_phrase(o->kind);
        if (phrase && o->polity >= 0) {
            wk_utf8_format(line, sizeof line, phrase, atlas_polity_name(atlas, o->polity, c->lang));
            add_text(&b, ROW_SUB, line);
        } else {
            snprintf(line, sizeof line, o->status ? _("%s, %s") : "%s", ui_kind_label(o->kind),
                     ui_status_label(o->status));
            add_text(&b, ROW_SUB, line);
        }
        wk_date_format_in(&o->start_date, c->lang, a, sizeof a);
        wk_date_format_in(&o->end_date, c->lang, z, sizeof z);
        /* TRANSLATORS: "Shown from 659 until 751; extent known with low certainty" */
        snprintf(line, sizeof line, _("Shown from %s until %s; extent known with %s"), a, z,
                 ui_certainty_label(o->certainty));
        add_text(&b, ROW_MUTED, line);
        add_gap(&b, 10);
        c->header = b.y;
        if (header_only)
            return;
        b.shrink = 1;
        add_gap(&b, 6);
        add_text(&b, ROW_BODY, atlas_overlay_note(atlas, c->overlay, c->lang));
        wk_utf8_format(line, sizeof line, _("Source: %s"), o->source);
        add_text(&b, ROW_SOURCE, line);
        add_gap(&b, 12);
        for (int i = 0; i < o->nevents; i++)
            add_event(&b, atlas, o->events[i]);
        if (o->place >= 0 && o->nevents == 0) {
            const AtlasPlace *p = &atlas->places[o->place];
            for (int i = 0; i < p->nevents; i++)
                add_event(&b, atlas, p->events[i]);
        }
    }
    c->height = b.y + PAD * ui->scale;
}

static void clear_rows(PanelCache *c)
{
    for (int i = 0; i < c->nrows; i++)
        free(c->rows[i].text);
    c->nrows = 0;
}

/* The rows, with a header that takes no more than its share of the panel's height. */
static void build(Ui *ui, PanelCache *c, const Atlas *atlas)
{
    c->compact = false;
    c->header_shrink = 1;
    float limit = c->height_limit * HEADER_SHARE;
    for (;;) {
        build_rows(ui, c, atlas, true);
        clear_rows(c);
        if (c->header <= limit || c->header_shrink <= HEADER_SHRINK_MIN)
            break;
        if (c->compact)
            c->header_shrink *= HEADER_SHRINK_STEP;
        c->compact = true;
    }
    build_rows(ui, c, atlas, false);
}

static PanelCache *cache_for(Ui *ui, const Atlas *atlas, const PanelView *view,
                             const SDL_FRect *area)
{
    PanelCache *c = ui->panel_cache;
    if (c && c->place == view->place && c->overlay == view->overlay && c->width == area->w &&
        c->height_limit == area->h && c->scale == ui->scale && c->theme == ui->theme &&
        c->lang == view->lang)
        return c;
    ui_panel_cache_free(c);
    c = ui->panel_cache = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->place = view->place;
    c->overlay = view->overlay;
    c->width = area->w;
    c->height_limit = area->h;
    c->scale = ui->scale;
    c->theme = ui->theme;
    c->lang = view->lang;
    build(ui, c, atlas);
    return c;
}

float ui_panel_prepare(Ui *ui, const UiLayout *lay, const Atlas *atlas, const PanelView *view)
{
    PanelCache *c = lay->panel.w > 0 ? cache_for(ui, atlas, view, &lay->panel) : NULL;
    return c ? c->height : 0;
}

float ui_panel_draw(Ui *ui, const UiLayout *lay, const Atlas *atlas, const PanelView *view)
{
    const SDL_FRect *r = &lay->panel;
    if (r->w <= 0)
        return 0;
    PanelCache *c = cache_for(ui, atlas, view, r);
    if (!c)
        return 0;
    const Theme *th = ui->theme;
    float s = ui->scale;
    c->scroll = view->scroll;
    c->area = *r;
    c->list_top = r->y + fminf(c->header, r->h * 0.6f);
    vb_rect(&ui->vb, r->x, r->y, r->w, r->h, th->panel);
    bool rtl = lay->rtl;
    vb_rect(&ui->vb, ui_mirror_x(rtl, r, r->x, 2 * s), r->y, 2 * s, r->h, th->panel_border);
    /* The header (name, other names, summary) stays put; the events scroll beneath it. */
    float list_top = r->y + fminf(c->header, r->h * 0.6f);
    if (view->scroll > 0)
        vb_rect(&ui->vb, r->x + 2 * s, list_top - 1 * s, r->w - 2 * s, 1.5f * s, th->panel_border);
    /* Marks beside the events near the current time, and the current one. */
    for (int i = 0; i < c->nrows; i++) {
        const Row *row = &c->rows[i];
        if (row->event < 0)
            continue;
        const AtlasEvent *e = &atlas->events[row->event];
        bool current = row->event == view->current_event;
        bool near = view->t >= e->start - 0.5 && view->t < e->end + 0.5;
        if (!current && !near)
            continue;
        SDL_Color mark = current ? th->highlight : th->accent;
        float y = r->y + row->y - view->scroll, y0 = fmaxf(y, list_top);
        if (y + row->h <= list_top || y > r->y + r->h)
            continue;
        vb_rect(&ui->vb, ui_mirror_x(rtl, r, r->x + 6 * s, 4 * s), y0, 4 * s, y + row->h - y0,
                mark);
    }
    vb_flush(&ui->vb, ui->renderer);
    if (ui->text) {
        SDL_Rect head = {(int)r->x, (int)r->y, (int)r->w, (int)(list_top - r->y)};
        SDL_Rect list = {(int)r->x, (int)list_top, (int)r->w, (int)(r->y + r->h - list_top)};
        for (int i = 0; i < c->nrows; i++) {
            const Row *row = &c->rows[i];
            bool in_head = row->y < c->header;
            float y = r->y + row->y - (in_head ? 0 : view->scroll);
            if (y + row->h < (in_head ? r->y : list_top) || y > r->y + r->h)
                continue;
            SDL_RenderSetClipRect(ui->renderer, in_head ? &head : &list);
            TextStyle ts = style_for(ui, row->kind, 1);
            ts.size = row->size;
            ui_text_x(ui, rtl, r, row->text, &ts, r->x + PAD * s, y);
        }
        SDL_RenderSetClipRect(ui->renderer, NULL);
    }
    /* The close button, over the text, on a disc of its own so it reads when scrolled. */
    vb_disc(&ui->vb, ui_mirror_x(rtl, r, r->x + r->w - 20 * s, 0), r->y + 24 * s, 15 * s,
            th->panel);
    float bx = ui_mirror_x(rtl, r, r->x + r->w - 34 * s, 28 * s), by = r->y + 10 * s;
    StrokeStyle xs = {2.5f * s, th->panel_muted, 0, 0};
    float l1[4] = {bx + 8 * s, by + 8 * s, bx + 20 * s, by + 20 * s};
    float l2[4] = {bx + 20 * s, by + 8 * s, bx + 8 * s, by + 20 * s};
    vb_stroke(&ui->vb, l1, 2, false, &xs);
    vb_stroke(&ui->vb, l2, 2, false, &xs);
    vb_flush(&ui->vb, ui->renderer);
    return c->height;
}

int ui_panel_event_at(const Ui *ui, float x, float y)
{
    const PanelCache *c = ui->panel_cache;
    if (!c || !ui_in_rect(&c->area, x, y) || y < c->list_top)
        return -1;
    float cy = y - c->area.y + c->scroll;
    for (int i = 0; i < c->nrows; i++)
        if (c->rows[i].event >= 0 && cy >= c->rows[i].y && cy < c->rows[i].y + c->rows[i].h)
            return c->rows[i].event;
    return -1;
}

float ui_panel_event_top(const Ui *ui, int event)
{
    const PanelCache *c = ui->panel_cache;
    for (int i = 0; c && i < c->nrows; i++)
        if (c->rows[i].event == event)
            return c->rows[i].y - c->header;
    return -1;
}

float ui_panel_header_height(const Ui *ui)
{
    return ui->panel_cache ? ui->panel_cache->header : 0;
}

bool ui_panel_close_at(const Ui *ui, const UiLayout *lay, float x, float y)
{
    float s = ui->scale;
    SDL_FRect b = {ui_mirror_x(lay->rtl, &lay->panel, lay->panel.x + lay->panel.w - 40 * s, 36 * s),
                   lay->panel.y + 4 * s, 36 * s, 36 * s};
    return lay->panel.w > 0 && ui_in_rect(&b, x, y);
}
