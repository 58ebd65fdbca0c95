/*
 * Text: fonts from the atlas, picked per string by script (Latin, Chinese, Arabic), rendered
 * with SDL2_ttf into textures that are cached, so a label costs one texture copy per frame.
 * Labels on the map get a halo (an outline in the background colour) so they stay readable on
 * any fill.
 */
#ifndef WK_TEXT_H
#define WK_TEXT_H

#include <SDL.h>
#include <stdbool.h>

#include "core/diag.h"

typedef struct TextCache TextCache;

typedef enum TextFont { TEXT_LATIN, TEXT_CJK, TEXT_ARABIC, TEXT_BOLD, TEXT_FONT_COUNT } TextFont;

typedef struct TextStyle {
    int size; /* pixels */
    bool bold;
    SDL_Color color;
    bool halo;
    SDL_Color halo_color;
} TextStyle;

/* Opens the fonts (paths may be NULL; a missing or broken font is reported in diag and the
 * others stand in for it). Returns NULL only when SDL_ttf cannot start. Owned by the caller:
 * text_destroy, before the renderer is destroyed. */
TextCache *text_create(SDL_Renderer *renderer, const char *const paths[TEXT_FONT_COUNT],
                       WkDiag *diag);
void text_destroy(TextCache *cache);

/* True when at least one font could be opened. */
bool text_available(const TextCache *cache);

/* The texture for a string in a style, made on first use. Sets *w and *h (pixels). NULL when
 * there is no usable font or the string is empty. Borrowed: valid until the cache evicts it,
 * which happens only in text_frame_end. */
SDL_Texture *text_get(TextCache *cache, const char *utf8, const TextStyle *style, int *w, int *h);

/* Measures without making a texture. */
bool text_measure(TextCache *cache, const char *utf8, const TextStyle *style, int *w, int *h);

/* Draws the string with its top-left at (x, y). Returns its width. */
int text_draw(TextCache *cache, const char *utf8, const TextStyle *style, float x, float y);

/* Marks the end of a frame: entries not used for a while are freed when the cache is full. */
void text_frame_end(TextCache *cache);

/* Breaks `utf8` into lines no wider than `width` pixels, calling `line` for each with the
 * byte range. Returns the number of lines. */
int text_wrap(TextCache *cache, const char *utf8, const TextStyle *style, int width,
              void (*line)(void *user, const char *start, int len), void *user);

#endif
