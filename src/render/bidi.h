/*
 * The visual order of mixed text. A string such as "کابل (Kabul) ۲۰۲۴" holds runs of
 * different directions and scripts; GNU FriBidi resolves the Unicode bidirectional algorithm
 * (embedding levels, brackets, numbers), and this module cuts the string into runs that share
 * one level and one script, in the order they are drawn from left to right. Each run is then
 * shaped on its own (SDL_ttf's HarfBuzz, right to left when its level is odd) with the face
 * its script needs. Pure: no SDL, so it is tested directly.
 */
#ifndef WK_BIDI_H
#define WK_BIDI_H

#include <stdbool.h>

typedef enum BidiScript { BIDI_LATIN, BIDI_CJK, BIDI_ARABIC } BidiScript;

typedef struct BidiRun {
    int start, len;    /* bytes of the logical (stored) string */
    int level;         /* bidi embedding level: odd runs are right to left */
    BidiScript script; /* which face draws it */
} BidiRun;

/* Most runs a string is cut into; the rest of a longer string goes into the last run. */
#define BIDI_MAX_RUNS 64

/* Whether the face of a script draws a code point; NULL: every face draws everything. */
typedef bool (*BidiCovers)(void *user, BidiScript script, unsigned cp);

/* Cuts `utf8` into runs in visual order (left to right). The paragraph's direction comes from
 * its first strong character, or from `rtl` when it has none. Characters without a script of
 * their own (spaces, punctuation, digits) join the run around them, unless that run's face
 * does not draw them (`covers`): then they are drawn by the Latin face. Returns the number of
 * runs (0 for an empty string). */
int bidi_runs(const char *utf8, bool rtl, BidiCovers covers, void *user, BidiRun *runs, int max);

/* The script of one code point: BIDI_CJK for Han, kana, Hangul and CJK punctuation;
 * BIDI_ARABIC for the Arabic blocks; BIDI_LATIN otherwise. */
BidiScript bidi_script_of(unsigned cp);

/* True when a code point has no script of its own and joins its neighbours' run. */
bool bidi_is_neutral(unsigned cp);

#endif
