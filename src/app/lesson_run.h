/*
 * A lesson in front of a class: which stop is shown, stepping with the clicker, the caption's
 * fade, playing a stop's span, the blank screen, and the list to open a lesson from.
 *
 * lesson_apply_stop is the one function that puts a stop on a Session; the window animates it,
 * and anything that renders stops without a window (handouts, slides) calls it without.
 */
#ifndef WK_LESSON_RUN_H
#define WK_LESSON_RUN_H

#include <SDL.h>

#include "atlas/lesson.h"
#include "session.h"

typedef enum LessonBlank { LESSON_BLANK_NONE, LESSON_BLANK_BLACK, LESSON_BLANK_WHITE } LessonBlank;

/* What a key did, for what only the window can do. */
typedef enum LessonKey {
    LESSON_KEY_IGNORED,    /* not a lesson key: the window handles it */
    LESSON_KEY_HANDLED,    /* done */
    LESSON_KEY_FULLSCREEN, /* done, and the window should go full screen */
    LESSON_KEY_WINDOWED    /* done, and the window should leave full screen */
} LessonKey;

/* How long a message on the status line (a save, a lesson left out of the list) shows. */
#define LESSON_STATUS_SECONDS 4.0

enum { LESSON_EDIT_NONE, LESSON_EDIT_CAPTION, LESSON_EDIT_NOTE };
/* Room for the longest caption or note typed in place: the loader's limit in characters, of up
 * to four bytes each. */
#define LESSON_EDIT_MAX (4 * ATLAS_TEXT_MAX + 1)

typedef struct LessonRun {
    Lesson *lesson; /* owned; NULL when none is open */
    bool active;    /* the clicker keys step through its stops */
    int stop;       /* the stop shown, from 0 */
    double caption_k;
    /* A stop's span: it plays once the slider has reached its start. */
    bool play_pending, playing;
    double play_k, play_seconds, play_from, play_to;
    double elapsed; /* seconds since the lesson started, for the presenter */
    LessonBlank blank;
    bool went_fullscreen; /* F5 made the window full screen; leaving the lesson undoes it */

    /* Editing (lesson_edit.c): what is being typed, undo, and the last save's message. */
    int editing; /* LESSON_EDIT_NONE, LESSON_EDIT_CAPTION or LESSON_EDIT_NOTE */
    char edit[LESSON_EDIT_MAX];
    char edit_skip; /* the key that opened the editor: its own text event is not typed */
    LessonUndo undo;
    char status[300];
    double status_seconds; /* how much longer the message shows */

    /* The lesson list: the bundled lessons, then the user's, one row per lesson id. */
    bool list_open;
    int list_n, list_selected;
    char **list_paths, **list_titles, **list_details, **list_ids;
} LessonRun;

/* The folder of lessons bundled with an atlas (lessons/ beside atlas.json), and the user's
 * ($XDG_DATA_HOME/wakhan/lessons). Owned by the caller; the user's may be NULL. */
char *lesson_bundled_dir(const Atlas *atlas);
char *lesson_user_dir(void);

/* Puts stop n of the lesson on the session: the time, the view, the selection, the overlays
 * highlighted and dimmed. With `animate` the slider and camera glide (the window); without,
 * they are set at once (an exporter). A stop's span is not played here: see LessonRun. */
void lesson_apply_stop(Session *s, const Lesson *lesson, int n, bool animate);

void lesson_run_init(LessonRun *r);
void lesson_run_free(LessonRun *r, Session *s);

/* Takes the lesson (owned from now on) and starts it at its first stop. */
void lesson_run_open(LessonRun *r, Session *s, Lesson *lesson);
/* Goes to stop n (clamped), animated. */
void lesson_run_goto(LessonRun *r, Session *s, int n);
/* Next (1) or previous (-1) stop, or the first (-2) or last (2). */
void lesson_run_step(LessonRun *r, Session *s, int dir);
/* Leaves the lesson: the map stays where it is, the caption and emphasis go. */
void lesson_run_leave(LessonRun *r, Session *s);

/* Advances the caption's fade and a playing span by dt seconds; true while anything moves. */
bool lesson_run_update(LessonRun *r, Session *s, double dt);

/* Handles a key press for the lesson, the blank screen and the lesson list. */
LessonKey lesson_run_key(LessonRun *r, Session *s, const SDL_Keysym *key);
/* Handles a click while the lesson list is open; true when it took the click. */
bool lesson_run_click(LessonRun *r, Session *s, Ui *ui, float x, float y);

/* Opens or closes the lesson list (reading the lesson folders again when it opens). */
void lesson_run_list_toggle(LessonRun *r, Session *s);

/* --- editing (lesson_edit.c) --- */

/* The editing keys: A adds the current view, year and selection as a stop after the current
 * one (starting a new lesson when none is open) and opens its caption; C types the caption in
 * place, Shift+C the teacher's note; Delete removes the stop; Ctrl+PageUp/PageDown move it; Ctrl+Z
 * and Ctrl+Y (or Ctrl+Shift+Z) undo and redo. While a text is typed every key belongs to it.
 * Each change is saved at once. */
LessonKey lesson_edit_key(LessonRun *r, Session *s, const SDL_Keysym *key);
/* Text typed (SDL_TEXTINPUT, UTF-8) while a caption or note is edited. */
void lesson_edit_text(LessonRun *r, Session *s, const char *utf8);
/* Saves the lesson to the user's lessons folder (a bundled lesson is saved there as a copy
 * under the same file name). False, with the reason in r->status, on failure. */
bool lesson_edit_save(LessonRun *r, Session *s);

/* A lesson's words in the session's language: its translation in lang/CODE.json when there is
 * one (atlas_lesson_title and friends), else its own text. The window's caption, the lesson
 * list, the presenter view and the trace all read them here, so that none shows English when
 * the class reads Dari. Borrowed from the lesson or the atlas; the caption and note may be
 * NULL. */
const char *lesson_text_title(const Session *s, const Lesson *lesson);
const char *lesson_text_caption(const Session *s, const Lesson *lesson, int stop);
const char *lesson_text_note(const Session *s, const Lesson *lesson, int stop);

/* Draws the caption, the progress strip, the list and the blank screen over the frame that
 * session_draw drew. */
void lesson_run_draw(LessonRun *r, Session *s, Ui *ui);

/* True when the window must keep drawing frames (a fade or a span is running). */
bool lesson_run_animating(const LessonRun *r);

#endif
