/*
 * The search box in the window (Ctrl+F or '/'): typing shows matches at once, among places,
 * events, polities, territories and lessons, in every language; Enter goes to the chosen one.
 */
#ifndef WK_SEARCH_RUN_H
#define WK_SEARCH_RUN_H

#include <SDL.h>

#include "atlas/search.h"
#include "lesson_run.h"
#include "session.h"

#define SEARCH_RESULTS 8

typedef enum SearchKind { SEARCH_ATLAS, SEARCH_LESSON } SearchKind;

typedef struct SearchResult {
    SearchKind kind;
    AtlasHit hit; /* SEARCH_ATLAS */
    int lesson;   /* SEARCH_LESSON: index into the lesson titles */
    char label[200];
    char detail[160];
} SearchResult;

typedef struct SearchBox {
    bool open;
    char query[256];
    SearchResult results[SEARCH_RESULTS];
    int n, selected;
    /* The lessons' titles and files, read when the box opens. */
    char **lesson_paths, **lesson_titles;
    int nlessons;
} SearchBox;

/* Opens the box (reading the lesson folders) or closes it. */
void search_open(SearchBox *b, Session *s, bool open);
void search_free(SearchBox *b);

/* A key while the box is open: editing, Up/Down, Enter (goes there and closes), Esc. */
void search_key(SearchBox *b, Session *s, LessonRun *run, SDL_Keycode key);
/* Text typed while the box is open (UTF-8). */
void search_text(SearchBox *b, Session *s, const char *utf8);
/* A click while the box is open; true when it took the click. */
bool search_click(SearchBox *b, Session *s, LessonRun *run, Ui *ui, float x, float y);

void search_draw(const SearchBox *b, Ui *ui);

#endif
