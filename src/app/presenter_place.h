/*
 * Which display each window of a lesson goes to. A pure function of the list of displays, so
 * the choice is tested over display lists (one, two, three, a projector unplugged while the
 * lesson runs) without any display at all.
 */
#ifndef WK_PRESENTER_PLACE_H
#define WK_PRESENTER_PLACE_H

#include <stdbool.h>

/* A display's bounds in the desktop's coordinates, as SDL_GetDisplayBounds gives them. */
typedef struct PresenterDisplay {
    int x, y, w, h;
} PresenterDisplay;

typedef enum PresenterMode {
    PRESENTER_NONE,   /* no presenter view: the map alone */
    PRESENTER_SPLIT,  /* one window: the map with the presenter view beside it */
    PRESENTER_WINDOWS /* two windows: the map and the presenter's own */
} PresenterMode;

typedef struct PresenterPlacement {
    PresenterMode mode;
    int map_display;       /* where the map window goes; -1 when there is no display */
    int presenter_display; /* where the presenter window goes (PRESENTER_WINDOWS), else -1 */
    bool map_fullscreen;   /* the map fills its display (it is on a display of its own) */
} PresenterPlacement;

/* The laptop: the display at the desktop's origin (where the panel and the login screen are),
 * else the first. -1 for no displays. */
int presenter_laptop_display(const PresenterDisplay *displays, int n);

/* Where the windows go for a lesson with a presenter view.
 * - Two or more displays: the presenter on the laptop, the map full screen on the largest of
 *   the others (the projector).
 * - One display: a split view in the one window, unless `want_window` (the presenter window
 *   is forced, or already open when the projector goes away): then both windows share that
 *   display, neither full screen, so both keep working.
 * - No displays: nothing can be placed (map_display -1). */
PresenterPlacement presenter_place(const PresenterDisplay *displays, int n, bool want_window);

#endif
