/*
 * Themes: every colour and proportion the map and the interface use, so a high-contrast
 * version for a washed-out projector is one table, not a search through the drawing code.
 */
#ifndef WK_THEME_H
#define WK_THEME_H

#include <SDL.h>
#include <stdbool.h>

typedef struct Theme {
    const char *name;
    SDL_Color sea, text, halo, muted;
    SDL_Color panel, panel_text, panel_muted, panel_border, accent, accent_text;
    SDL_Color track, track_text, warning, warning_text, highlight;
    float stroke_scale;   /* multiplies every stroke width */
    float area_alpha;     /* fill opacity of directly controlled territory */
    float hatch_alpha;    /* fill opacity under the hatching of protectorates */
    bool desaturate_base; /* draw base layers in greys so overlays stand out */
} Theme;

/* The theme called `name` ("light", "contrast"), or NULL. Borrowed, static. */
const Theme *theme_find(const char *name);
const Theme *theme_default(void);
/* The theme after `t` in the list, wrapping: for the key that cycles themes. */
const Theme *theme_next(const Theme *t);

#endif
