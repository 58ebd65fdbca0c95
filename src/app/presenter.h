/*
 * The presenter view: what the teacher sees and the class does not. The current stop's note,
 * the next stop's caption and a thumbnail of its map, the stop number, the time since the
 * lesson started, and buttons for the same controls as the clicker. It is drawn either in a
 * window of its own (on the laptop while the map fills the projector) or beside the map in
 * the one window (the split view).
 */
#ifndef WK_PRESENTER_H
#define WK_PRESENTER_H

#include <SDL.h>

#include "lesson_run.h"
#include "presenter_place.h"
#include "render/map.h"

typedef enum PresenterButton {
    PRESENTER_BUTTON_NONE,
    PRESENTER_BUTTON_PREV,
    PRESENTER_BUTTON_NEXT,
    PRESENTER_BUTTON_BLACK,
    PRESENTER_BUTTON_LEAVE,
    PRESENTER_BUTTON_COUNT
} PresenterButton;

typedef struct Presenter {
    /* The presenter's own window, or NULL (split view, or no presenter view). */
    SDL_Window *window;
    SDL_Renderer *renderer;
    TextCache *text;
    Ui ui;
    bool split; /* drawn beside the map in the map's window */
    /* The next stop's map, drawn once per stop into a texture of the renderer it is shown on. */
    MapRenderer *map;
    SDL_Renderer *map_renderer; /* the renderer `map` and `thumb` belong to */
    SDL_Texture *thumb;
    const Lesson *thumb_lesson;
    int thumb_stop, thumb_w, thumb_h;
    SDL_FRect buttons[PRESENTER_BUTTON_COUNT]; /* where the last drawing put them */
} Presenter;

/* Opens the presenter window on `display` (SDL's index), with the atlas's fonts. False, with
 * a message on stderr, when it cannot; the lesson goes on without it. */
bool presenter_open_window(Presenter *p, const Atlas *atlas, int display, float scale,
                           bool software);
/* Closes the window (or leaves the split view) and frees what the presenter holds. */
void presenter_close(Presenter *p);
/* Moves the open window to another display (the projector was unplugged, or came back). */
void presenter_move(Presenter *p, int display);

/* Draws the presenter view into `area` of `renderer`, with `ui` and `text` of that renderer.
 * For the thumbnail the presenter keeps a map renderer of its own on that renderer. */
void presenter_draw(Presenter *p, SDL_Renderer *renderer, Ui *ui, SDL_FRect area,
                    const LessonRun *r, const Session *s);
/* Draws the presenter window's frame and presents it (nothing when it is not open). */
void presenter_draw_window(Presenter *p, const LessonRun *r, const Session *s);

/* The button under (x, y) of the last drawing, or PRESENTER_BUTTON_NONE. */
PresenterButton presenter_button_at(const Presenter *p, float x, float y);

/* The displays SDL sees now, for presenter_place; returns how many (at most `max`). */
int presenter_displays(PresenterDisplay *out, int max);

#endif
