/*
 * Finding anything by name: places, events, polities and territories, in English, Chinese,
 * Dari and Pashto, forgiving case and diacritics (Ürümqi = urumqi, Balkh = balkh) and the
 * spelling variants of Arabic script (ي/ی, ك/ک, vowel marks). Pure, so the window's search
 * box, the tests and any other front end share it.
 */
#ifndef WK_ATLAS_SEARCH_H
#define WK_ATLAS_SEARCH_H

#include <stddef.h>

#include "atlas.h"

typedef enum AtlasHitKind {
    ATLAS_HIT_PLACE,
    ATLAS_HIT_POLITY,
    ATLAS_HIT_OVERLAY,
    ATLAS_HIT_EVENT
} AtlasHitKind;

typedef struct AtlasHit {
    AtlasHitKind kind;
    int index; /* into the atlas's places, polities, overlays or events */
    int score; /* lower is better: 0 the whole name, 1 its start, 2 a word's start, 3 inside */
} AtlasHit;

/* Folds UTF-8 text for matching into `out` (at most size - 1 bytes): Latin letters lower-cased
 * and without diacritics, apostrophes dropped, dashes and underscores as spaces, Arabic-script
 * letter variants unified and vowel marks dropped; other scripts (Chinese) kept as they are. */
void atlas_search_fold(const char *in, char *out, size_t size);

/* How well folded `name` matches folded `query` (a score as in AtlasHit), or -1. */
int atlas_search_score(const char *name, const char *query);

/* Up to `max` records whose names (in any language) match `query`, best first: by score, then
 * places before polities, territories and events, then by rank or date. Returns how many. */
int atlas_search(const Atlas *atlas, const char *query, AtlasHit *hits, int max);

#endif
