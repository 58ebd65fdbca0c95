/*
 * Lessons: a prepared path through time and space for a class. A lesson is a JSON file with a
 * title, an author, a language and ordered stops; each stop says where the slider goes (a date,
 * or a span to play through), what the map shows (a view), what is selected, which overlays
 * stand out or step back, a caption for the class and a note for the teacher.
 *
 * This module is pure data: loading, checking against an atlas, editing, undo and writing JSON.
 * It knows nothing of windows, so the window, the exporter and the tests share it. Putting a
 * stop on the screen is the session's job (app/lesson_run.c).
 */
#ifndef WK_LESSON_H
#define WK_LESSON_H

#include <stdbool.h>

#include "atlas.h"

/* Most stops a lesson may hold; a class hour has a dozen. */
#define LESSON_MAX_STOPS 500
/* Most overlays one stop may highlight or dim. */
#define LESSON_MAX_EMPHASIS 64

typedef struct LessonStop {
    WkSpan when;  /* the date ("year"), or the span to play through ("play") */
    bool play;    /* play the slider from the span's first date to its last */
    double t;     /* decimal year the slider goes to (a bare year: its middle) */
    double t_end; /* with play: where playing stops; else equal to t */

    bool has_view;
    double lon, lat; /* centre, degrees */
    double span_km;  /* width of the view; 0 when given as zoom */
    double zoom;     /* relative to the atlas's own view (1 = that view); 0 when span_km is */

    char *place, *overlay, *event; /* ids to select, or NULL */
    char **highlight, **dim;       /* overlay ids */
    int nhighlight, ndim;

    char *caption; /* shown on the map for the class; may be NULL */
    char *note;    /* for the teacher only; may be NULL */
} LessonStop;

typedef struct Lesson {
    char *path; /* the file it was loaded from or is saved to; may be NULL */
    char *id, *title, *author, *language, *description;
    LessonStop *stops;
    int nstops, capacity;
} Lesson;

/* Loads a lesson file. Each problem is reported in diag with the file and the place inside it
 * ("lessons/a.json: stops[3].year: ..."); a stop that cannot be used is skipped and a broken
 * optional part of a stop (its view, a selection) is dropped, and the rest loads. Returns NULL
 * only when the file cannot be read, is not JSON, or has no usable stop. Owned by the caller:
 * lesson_free. */
Lesson *lesson_load(const char *path, WkDiag *diag);
void lesson_free(Lesson *lesson);

/* A new, empty lesson (no stops) with the given title; id from the title. */
Lesson *lesson_new(const char *title);

/* Checks what the file alone cannot say: that every id names something in the atlas, that
 * times lie within the atlas's range and views within its region, and that each stop has a
 * caption. Returns the number of errors added to diag (missing captions are warnings). */
int lesson_check(const Lesson *lesson, const Atlas *atlas, WkDiag *diag);

/* Names each lesson whose id an earlier one in `lessons` already has, with both files: the
 * translations (lang/CODE.json "lessons") are keyed by id, so two lessons with one id share
 * them. One file loaded twice is not reported. Returns the number of errors added. */
int lesson_check_ids(Lesson *const *lessons, int n, WkDiag *diag);

/* The stop's view as map metres and a span in metres, or false when it has none (or its
 * centre cannot be projected). */
bool lesson_stop_view(const LessonStop *stop, const Atlas *atlas, double *x, double *y,
                      double *span);

/* Fills `emphasis` (atlas->noverlays entries) with 0 for normal, 1 for highlighted and -1 for
 * dimmed overlays at this stop. Unknown ids are ignored. */
void lesson_stop_emphasis(const LessonStop *stop, const Atlas *atlas, signed char *emphasis);

/* The file name extension of lessons a desktop opens with the atlas (as well as .json). */
#define LESSON_EXTENSION ".wakhan-lesson"

/* True when a file name ends in .json or LESSON_EXTENSION. */
bool lesson_file_name(const char *path);

/* The lesson files in a folder: paths of its *.json and *.wakhan-lesson files, sorted by name,
 * owned by the caller (free each and the array). Returns the count; 0 when the folder does not
 * exist. */
int lesson_list_dir(const char *dir, char ***paths);

/* --- editing (lesson_edit.c) --- */

/* Deep copies; NULL when out of memory. */
Lesson *lesson_clone(const Lesson *lesson);
bool lesson_stop_copy(LessonStop *dst, const LessonStop *src);
void lesson_stop_clear(LessonStop *stop);

/* Inserts a copy of `stop` at index `at` (0..nstops). False when full or out of memory. */
bool lesson_insert_stop(Lesson *lesson, int at, const LessonStop *stop);
/* Removes the stop at `at`. False when there is no such stop. */
bool lesson_remove_stop(Lesson *lesson, int at);
/* Moves the stop at `from` to index `to`. False when either is out of range. */
bool lesson_move_stop(Lesson *lesson, int from, int to);
/* Replaces a stop's caption or note with a copy of `text` (NULL or "" clears it). */
bool lesson_set_text(char **field, const char *text);

/* Sets a stop's time from a decimal year (written back as that year). */
void lesson_stop_set_year(LessonStop *stop, double t);

/* Undo: snapshots of the whole lesson (a lesson is a few kilobytes). */
#define LESSON_UNDO_MAX 100
typedef struct LessonUndo {
    Lesson *done[LESSON_UNDO_MAX], *undone[LESSON_UNDO_MAX];
    int ndone, nundone;
} LessonUndo;

/* Call before changing the lesson: remembers it as it is, and forgets what was undone. */
bool lesson_undo_push(LessonUndo *undo, const Lesson *lesson);
/* Swaps *lesson with the state before the last change (or after the last undo). False when
 * there is nothing to undo (redo). The lesson's path is kept. */
bool lesson_undo(LessonUndo *undo, Lesson **lesson);
bool lesson_redo(LessonUndo *undo, Lesson **lesson);
void lesson_undo_free(LessonUndo *undo);

/* --- writing (lesson_edit.c) --- */

/* The lesson as formatted JSON in the format lesson_load reads; owned by the caller. */
char *lesson_to_json(const Lesson *lesson);

#endif
