/*
 * PNG text chunks for the exporter: the title, the year and the program that drew a picture
 * travel inside the file, so a slide's picture still says what it shows when it is copied
 * around (file managers, `identify -verbose`, exiftool read them).
 */
#ifndef WK_PNG_TEXT_H
#define WK_PNG_TEXT_H

#include <SDL.h>
#include <stdio.h>

typedef struct PngText {
    const char *keyword; /* a registered PNG keyword: "Title", "Description", "Software" */
    const char *text;    /* UTF-8 */
} PngText;

/* An SDL_RWops that writes a PNG stream through to `f`, adding an international text chunk
 * (iTXt, UTF-8) for each of `texts` right after the image header. The texts are copied; the
 * stream is not closed with the ops. NULL when out of memory. */
SDL_RWops *png_text_writer(FILE *f, const PngText *texts, int count);

#endif
