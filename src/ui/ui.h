/*
 * The interface drawn over the map: the time slider with its eras and event ticks, the date,
 * the event panel, the legend, the help overlay, tooltips and the warning bar. Each part has a
 * layout (where it is), a draw function, and a hit test, so the window decides what a click
 * means from the same rectangles it drew.
 */
#ifndef WK_UI_H
#define WK_UI_H

#include <SDL.h>
#include <stdbool.h>

#include "atlas/atlas.h"
#include "core/lang.h"
#include "render/geometry.h"
#include "render/text.h"
#include "render/theme.h"
#include "ui/slider_scale.h"

typedef struct Ui {
    SDL_Renderer *renderer;
    TextCache *text; /* borrowed; may be NULL */
    const Theme *theme;
    float scale; /* 1 at 96 dpi */
    WkLang lang; /* the language of the content shown (events, eras...); the interface's own
                    strings follow gettext's language, which the window keeps the same */
    VertexBuffer vb;
    int width, height;
    /* The panel's wrapped lines are cached until what it shows or its width changes. */
    struct PanelCache *panel_cache;
} Ui;

typedef struct UiLayout {
    SDL_FRect bar;    /* the bottom bar */
    SDL_FRect date;   /* the big date */
    SDL_FRect play;   /* play/pause button */
    SDL_FRect track;  /* the slider itself */
    SDL_FRect panel;  /* the side panel (w 0 when closed) */
    SDL_FRect legend; /* the legend box (computed when drawn) */
    SDL_FRect warning;
    SDL_FRect date_text; /* the line the date is drawn in */
    float date_px;       /* the date's font size: the largest text of the interface */
    /* Right to left (Dari, Pashto): the panel, the legend, help and tooltips mirror. Every
     * part places its boxes and text through ui_mirror_x / ui_text_x, so this one flag turns
     * them all; the slider keeps time running left to right, as maps do. */
    bool rtl;
} UiLayout;

void ui_init(Ui *ui, SDL_Renderer *renderer, TextCache *text, const Theme *theme, float scale);
void ui_free(Ui *ui);

/* Where everything goes, from ui->width, ui->height and ui->scale alone (no text is
 * measured), so a test can check the boxes of every scale and window size. */
void ui_layout(const Ui *ui, bool panel_open, bool warning, UiLayout *out);
/* The scale the interface is drawn at when `asked` is chosen (Ctrl +/-, --scale) in a window
 * this size: `asked` while the window has room for it, less where it has not, and always
 * growing with `asked`. */
float ui_effective_scale(float asked, int width, int height);
bool ui_in_rect(const SDL_FRect *r, float x, float y);

/* True when the interface's language is written right to left: what ui_layout's rtl says. */
bool ui_mirrored(const Ui *ui);
/* Where a box of width w, laid out at x inside `in` for left-to-right text, goes when `rtl`:
 * the same distance from the right edge. Unchanged when !rtl. */
float ui_mirror_x(bool rtl, const SDL_FRect *in, float x, float w);
/* Draws text laid out at x inside `in` (left aligned in LTR, right aligned and mirrored in
 * RTL). Returns its width. */
int ui_text_x(Ui *ui, bool rtl, const SDL_FRect *in, const char *text, const TextStyle *style,
              float x, float y);

/* --- the slider (slider.c) --- */
typedef struct SliderView {
    double t;
    const char *date_text; /* what the big date says */
    bool playing;
    double speed;
    int selected_event; /* -1 for none */
    int hover_era;      /* the era under the pointer, drawn raised; -1 for none */
} SliderView;

void ui_slider_draw(Ui *ui, const UiLayout *lay, const SliderScale *scale, const Atlas *atlas,
                    const SliderView *view);
/* What era `era`'s band says in `room` pixels (its inner width) at the slider's type: the
 * era's name, else its short name (atlas_era_short_name), else the short name's part before
 * an en dash ("Qing" of "Qing–Durrani"), else the short name (or the name) cut after three or
 * more letters with "…" ("Mong…"); "" when not even that fits. Returns the width written. */
int ui_era_label(Ui *ui, const Atlas *atlas, int era, float room, char *out, size_t size);
/* The time under screen x on the track. */
double ui_slider_time_at(const UiLayout *lay, const SliderScale *scale, float x);
/* The event whose tick is within `tolerance` pixels of x, nearest first; -1 if none, and -1
 * when y is below the tick row: a press on the era bands always scrubs. */
int ui_slider_event_at(const UiLayout *lay, const SliderScale *scale, const Atlas *atlas, float x,
                       float y, float tolerance);

/* --- the slider's magnifier (magnifier.c) --- */
/* A strip above the slider showing the years around the pointer at a fixed width per year
 * (8 px at scale 1), so every year can be landed on with the mouse. Linear in time. */
typedef struct UiMagnifier {
    SDL_FRect box;   /* the whole strip: a caption row, the event ticks, the year cells */
    SDL_FRect ticks; /* the row of event ticks */
    SDL_FRect years; /* the row of year cells */
    double t0, t1;   /* the times at the left and right ends of the rows */
} UiMagnifier;

/* Places the strip for a pointer at x over the track: above the bar, inside the window, with
 * the time under x on the track also under x in the strip (moving straight up keeps the year),
 * slid inward near the ends of the atlas's range. */
void ui_magnifier_place(const Ui *ui, const UiLayout *lay, const SliderScale *scale,
                        const Atlas *atlas, float x, UiMagnifier *out);
/* The time under x (clamped to the strip), and where time t is. */
double ui_magnifier_time_at(const UiMagnifier *m, float x);
float ui_magnifier_x_of(const UiMagnifier *m, double t);
/* The whole year (astronomical) whose cell is under x, kept inside the atlas's range. */
int ui_magnifier_year_at(const UiMagnifier *m, const Atlas *atlas, float x);
/* True when (x, y) is on the strip. */
bool ui_magnifier_at(const UiMagnifier *m, float x, float y);
/* The event whose tick in the strip's tick row is within `tolerance` pixels of x, or -1. */
int ui_magnifier_event_at(const UiMagnifier *m, const Atlas *atlas, float x, float y,
                          float tolerance);
/* Draws the strip: the year cells in their eras' colours with the one under pointer_x lit,
 * the year labels, the event ticks (selected_event lit), the time t, and `caption` (what is
 * under the pointer) on its top row. */
void ui_magnifier_draw(Ui *ui, const UiMagnifier *m, const Atlas *atlas, double t,
                       int selected_event, float pointer_x, const char *caption);

/* --- the panel (panel.c) --- */
typedef struct PanelView {
    int place;   /* index of the selected place, or -1 */
    int overlay; /* index of the selected overlay, or -1 */
    double t;    /* current time: events near it are marked */
    int current_event;
    float scroll; /* pixels the events have scrolled under the header */
    WkLang lang;  /* the language of the text */
} PanelView;

/* Lays the panel's text out (cached) without drawing; returns the content height. After it,
 * ui_panel_event_top answers for this selection. */
float ui_panel_prepare(Ui *ui, const UiLayout *lay, const Atlas *atlas, const PanelView *view);
/* Draws the panel; returns the content height so the caller can bound scrolling. */
float ui_panel_draw(Ui *ui, const UiLayout *lay, const Atlas *atlas, const PanelView *view);
/* The event drawn under (x, y), or -1. Valid for the last drawn panel. */
int ui_panel_event_at(const Ui *ui, float x, float y);
/* Where the event's block starts in the panel's list of events (pixels below the header, at
 * scroll 0), or -1 when the last drawn panel does not list it. */
float ui_panel_event_top(const Ui *ui, int event);
/* The height of the last prepared panel's header (which never scrolls: the name and its
 * summary), from the panel's top; 0 when none is prepared. At most HEADER_SHARE (0.45) of the
 * panel's height unless even its smallest type would not fit. */
float ui_panel_header_height(const Ui *ui);
/* True when (x, y) is on the panel's close button. */
bool ui_panel_close_at(const Ui *ui, const UiLayout *lay, float x, float y);

/* --- the legend (legend.c) --- */
/* The legend goes to the corner of the map that covers none of the `navoid` screen points
 * (x, y pairs: the selected place now and where the camera glides to), top left if it can. */
void ui_legend_draw(Ui *ui, UiLayout *lay, const Atlas *atlas, double t, const char *year_text,
                    const float *avoid, int navoid);
/* Only computes where the legend goes (lay->legend), so the map can keep labels clear of it. */
void ui_legend_measure(Ui *ui, UiLayout *lay, const Atlas *atlas, double t, const char *year_text,
                       const float *avoid, int navoid);

/* --- help, tooltip (overlays.c) --- */
/* The help, with what is in use now (theme, place names) on its last line. */
void ui_help_draw(Ui *ui, const char *status);
void ui_tooltip_draw(Ui *ui, float x, float y, const char *text);
/* The same kept inside `area` (the part of the map beside an open panel, so a name from the
 * map is never drawn over the panel). */
void ui_tooltip_draw_in(Ui *ui, const SDL_FRect *area, float x, float y, const char *text);
/* Where that tooltip goes: false when there is nothing to draw. */
bool ui_tooltip_place(Ui *ui, const SDL_FRect *area, float x, float y, const char *text,
                      SDL_FRect *box);
/* The yellow bar: "N problems while loading…", the first problem cut to fit with "…", and a
 * close button at its right end. */
void ui_warning_draw(Ui *ui, const UiLayout *lay, const WkDiag *diag);
/* True when (x, y) is on the warning bar's close button. */
bool ui_warning_close_at(const Ui *ui, const UiLayout *lay, float x, float y);
/* The full list of problems over the map, from `first` on; says so when there are none. */
void ui_warning_list_draw(Ui *ui, const UiLayout *lay, const WkDiag *diag, int first);
/* A short message centred over the map, fading out as `alpha` goes from 1 to 0. */
void ui_toast_draw(Ui *ui, const UiLayout *lay, const char *text, float alpha);
/* The box in which a year is being typed, above the date. */
void ui_year_entry_draw(Ui *ui, const UiLayout *lay, const char *typed);

/* Copies `text` into out, cut at a word with "…" when it is wider than `width` pixels. */
void ui_fit_text(Ui *ui, const char *text, const TextStyle *ts, float width, char *out,
                 size_t size);

/* The whole window when the atlas cannot be loaded: what failed (the file and the place in
 * it, from diag) and what to do. */
void ui_error_screen_draw(Ui *ui, const char *title, const WkDiag *diag, const char *fix);

/* --- typing a year (year_entry.c) --- */
/* Reads "1895", "104 BC", "104 BCE", "-104" (a minus means BC), "AD 659", "659 CE" into an
 * astronomical year (104 BC is -103). False for anything else, year 0 and beyond 9999. */
bool ui_year_parse(const char *text, int *year);
void ui_title_draw(Ui *ui, const char *title);

/* --- words (words.c): the model's keywords as the interface names them --- */
const char *ui_kind_label(AtlasKind kind);
const char *ui_status_label(const char *status);
const char *ui_symbol_label(const char *symbol);
const char *ui_place_kind_label(const char *kind); /* "City" for city */
const char *ui_certainty_label(AtlasCertainty certainty);

/* --- a lesson on the screen (lesson.c) --- */
typedef struct LessonScreenView {
    const char *title;   /* the lesson's */
    int stop, nstops;    /* the stop shown (from 0) and how many there are */
    const char *caption; /* for the class; NULL or "" for none */
    float alpha;         /* the caption's fade-in, 0..1 */
    /* While a caption or note is typed: the text so far and what it is ("Caption"); else NULL */
    const char *editing, *edit_label;
} LessonScreenView;

/* The caption, large and centred over the bottom of the map, and the progress strip under it
 * (title, a segment per stop, "3 / 10"). */
void ui_lesson_draw(Ui *ui, const UiLayout *lay, const LessonScreenView *view);

typedef struct LessonListView {
    const char *const *titles;
    const char *const *details; /* a line under each title, or NULL */
    int n, selected;
} LessonListView;

/* The search box: the query and the results under it. */
typedef struct UiSearchView {
    const char *query;
    const char *const *labels;
    const char *const *details; /* a line under each, or NULL */
    int n, selected;
} UiSearchView;
void ui_search_draw(Ui *ui, const UiSearchView *view);
/* The result under (x, y), or -1. */
int ui_search_at(const Ui *ui, const UiSearchView *view, float x, float y);

/* The list of lessons over the map; ui_lesson_list_at: the row under (x, y), or -1. */
void ui_lesson_list_draw(Ui *ui, const LessonListView *view);
int ui_lesson_list_at(const Ui *ui, const LessonListView *view, float x, float y);

#endif
