/* The choice of display for the map and the presenter view (see presenter_place.h). */
#include "presenter_place.h"

int presenter_laptop_display(const PresenterDisplay *d, int n)
{
    for (int i = 0; i < n; i++)
        if (d[i].x <= 0 && d[i].y <= 0 && d[i].x + d[i].w > 0 && d[i].y + d[i].h > 0)
            return i;
    return n > 0 ? 0 : -1;
}

PresenterPlacement presenter_place(const PresenterDisplay *d, int n, bool want_window)
{
    PresenterPlacement p = {PRESENTER_NONE, -1, -1, false};
    int laptop = presenter_laptop_display(d, n);
    if (laptop < 0)
        return p;
    if (n == 1) {
        p.map_display = laptop;
        p.mode = want_window ? PRESENTER_WINDOWS : PRESENTER_SPLIT;
        p.presenter_display = want_window ? laptop : -1;
        return p;
    }
    /* The projector: the largest display that is not the laptop; the later one on a tie, as a
     * projector plugged in last is listed last. */
    int best = -1;
    long best_area = -1;
    for (int i = 0; i < n; i++) {
        long area = (long)d[i].w * d[i].h;
        if (i != laptop && area >= best_area)
            best = i, best_area = area;
    }
    p.mode = PRESENTER_WINDOWS;
    p.map_display = best;
    p.presenter_display = laptop;
    p.map_fullscreen = true;
    return p;
}
