/*
 * Making a lesson in the window: stops added from what the map shows, captions and notes typed
 * in place, stops moved and deleted, each change undoable and saved at once through the atomic
 * writer, so neither a crash nor a full disk ever leaves a broken lesson.
 */
#include "lesson_run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/atomic.h"
#include "core/i18n.h"
#include "core/xdg.h"

/* Set (to anything) in tests: saving stops halfway through writing, so that a test can kill
 * the program mid-write and find the previous file intact. */
#define PAUSE_ENV "WAKHAN_TEST_PAUSE_SAVE"

static void status(LessonRun *r, const char *fmt, const char *arg)
{
    wk_utf8_format(r->status, sizeof r->status, fmt, arg);
    r->status_seconds = LESSON_STATUS_SECONDS;
}

/* Where the lesson is saved: its own file when that is in the user's folder, else a file of
 * the same name there (a bundled lesson is never overwritten), else a new name. */
static char *save_path(const Lesson *l, const char *dir)
{
    size_t n = strlen(dir);
    if (l->path && strncmp(l->path, dir, n) == 0 && l->path[n] == '/')
        return wk_strdup(l->path);
    if (l->path)
        return wk_path_join(dir, wk_path_base(l->path));
    for (int i = 1; i < 1000; i++) {
        char name[256];
        if (i == 1)
            snprintf(name, sizeof name, "%.*s.json", WK_UTF8_QUOTE(l->id, 50));
        else
            snprintf(name, sizeof name, "%.*s-%d.json", WK_UTF8_QUOTE(l->id, 50), i);
        char *p = wk_path_join(dir, name);
        if (!p || access(p, F_OK) != 0)
            return p;
        free(p);
    }
    return NULL;
}

bool lesson_edit_save(LessonRun *r, Session *s)
{
    if (!r->lesson)
        return false;
    WkDiag diag;
    wk_diag_init(&diag);
    char *dir = lesson_user_dir();
    char *path = dir && wk_mkdirs(dir, &diag) ? save_path(r->lesson, dir) : NULL;
    char *json = path ? lesson_to_json(r->lesson) : NULL;
    bool ok = false;
    WkAtomicFile af;
    if (json && wk_atomic_open(&af, path, &diag) == WK_OK) {
        size_t len = strlen(json), half = len / 2;
        fwrite(json, 1, half, af.f);
        if (getenv(PAUSE_ENV)) {
            /* The test hook: half the file is in the temporary, the target is untouched. */
            fflush(af.f);
            session_trace(s, "save paused");
            for (;;)
                pause();
        }
        fwrite(json + half, 1, len - half, af.f);
        ok = wk_atomic_commit(&af, &diag) == WK_OK;
    }
    if (ok) {
        if (!r->lesson->path || strcmp(r->lesson->path, path) != 0) {
            free(r->lesson->path);
            r->lesson->path = path;
            path = NULL;
        }
        session_trace(s, "saved %s", r->lesson->path);
        status(r, _("Saved to %s"), r->lesson->path);
    } else {
        const char *why = diag.count ? diag.entries[0].text
                          : !dir     ? "no folder for your lessons (HOME is not set)"
                                     : "out of memory";
        session_trace(s, "save failed %s", why);
        status(r, _("Not saved: %s"), why);
    }
    free(json);
    free(path);
    free(dir);
    wk_diag_free(&diag);
    return ok;
}

/* Remembers the lesson for undo before a change; false (and nothing changes) when memory is
 * short, so no change is ever made that cannot be undone. */
static bool before_change(LessonRun *r)
{
    if (lesson_undo_push(&r->undo, r->lesson))
        return true;
    status(r, "%s", _("Out of memory: nothing was changed"));
    return false;
}

/* The stop the map shows now: time, view, selection, event. */
static void stop_from_session(const Session *s, LessonStop *stop)
{
    const Atlas *a = s->atlas;
    memset(stop, 0, sizeof *stop);
    /* Where the slider and the camera are going, if they are still on their way. */
    lesson_stop_set_year(stop, s->t_k < 1 ? s->t_to : s->t);
    Session there = *s;
    if (s->glide_k < 1)
        there.cam = s->glide_to;
    double x, y, lon, lat;
    session_view_point(&there, &x, &y);
    if (atlas_unproject(a, x, y, &lon, &lat)) {
        stop->has_view = true;
        stop->lon = lon;
        stop->lat = lat;
        stop->span_km = camera_span(&there.cam) / 1000;
        stop->span_km = stop->span_km < 5 ? 5 : stop->span_km > 20000 ? 20000 : stop->span_km;
    }
    /* Borrowed ids: lesson_insert_stop copies them. */
    if (s->selected_place >= 0)
        stop->place = a->places[s->selected_place].id;
    else if (s->selected_overlay >= 0)
        stop->overlay = a->overlays[s->selected_overlay].id;
    if (s->current_event >= 0)
        stop->event = a->events[s->current_event].id;
}

static void start_editing(LessonRun *r, Session *s, int field, char key)
{
    const LessonStop *stop = &r->lesson->stops[r->stop];
    const char *text = field == LESSON_EDIT_CAPTION ? stop->caption : stop->note;
    wk_utf8_copy(r->edit, sizeof r->edit, text ? text : "");
    r->editing = field;
    r->edit_skip = key;
    r->caption_k = 1;
    session_trace(s, "edit %s", field == LESSON_EDIT_CAPTION ? "caption" : "note");
}

static void add_stop(LessonRun *r, Session *s)
{
    if (!r->lesson) {
        Lesson *l = lesson_new(_("My lesson"));
        if (!l) {
            status(r, "%s", _("Out of memory: no lesson was started"));
            return;
        }
        r->lesson = l;
        r->stop = -1;
        lesson_undo_free(&r->undo);
    }
    if (r->lesson->nstops > 0 && !before_change(r))
        return;
    LessonStop stop;
    stop_from_session(s, &stop);
    int at = r->lesson->nstops == 0 ? 0 : r->stop + 1;
    if (!lesson_insert_stop(r->lesson, at, &stop)) {
        status(r, "%s", _("The stop could not be added (too many stops, or out of memory)"));
        return;
    }
    r->active = true;
    r->stop = at;
    if (s->emphasis)
        memset(s->emphasis, 0, (size_t)s->atlas->noverlays);
    session_trace(s, "stop added %d/%d", at + 1, r->lesson->nstops);
    lesson_edit_save(r, s);
    start_editing(r, s, LESSON_EDIT_CAPTION, 'a');
}

static void finish_editing(LessonRun *r, Session *s, bool keep)
{
    int field = r->editing;
    r->editing = LESSON_EDIT_NONE;
    if (!keep || !r->lesson) {
        session_trace(s, "edit cancelled");
        return;
    }
    LessonStop *stop = &r->lesson->stops[r->stop];
    char **target = field == LESSON_EDIT_CAPTION ? &stop->caption : &stop->note;
    if ((*target ? *target : "")[0] == r->edit[0] && strcmp(*target ? *target : "", r->edit) == 0)
        return; /* unchanged: nothing to undo or save */
    if (!before_change(r))
        return;
    stop = &r->lesson->stops[r->stop]; /* the snapshot does not move the lesson, but be plain */
    target = field == LESSON_EDIT_CAPTION ? &stop->caption : &stop->note;
    if (!lesson_set_text(target, r->edit)) {
        status(r, "%s", _("Out of memory: the text was not kept"));
        return;
    }
    session_trace(s, "%s %s", field == LESSON_EDIT_CAPTION ? "caption" : "note", r->edit);
    lesson_edit_save(r, s);
}

static void text_key(LessonRun *r, Session *s, const SDL_Keysym *key)
{
    size_t len = strlen(r->edit);
    switch (key->sym) {
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
        finish_editing(r, s, true);
        break;
    case SDLK_ESCAPE:
        finish_editing(r, s, false);
        break;
    case SDLK_BACKSPACE:
        /* One character, not one byte: step back over UTF-8 continuation bytes. */
        while (len > 0 && ((unsigned char)r->edit[len - 1] & 0xC0) == 0x80)
            len--;
        r->edit[len > 0 ? len - 1 : 0] = '\0';
        break;
    case SDLK_v:
        if (key->mod & KMOD_CTRL) {
            char *clip = SDL_GetClipboardText();
            if (clip)
                lesson_edit_text(r, s, clip);
            SDL_free(clip);
        }
        break;
    default:
        break;
    }
}

void lesson_edit_text(LessonRun *r, Session *s, const char *utf8)
{
    (void)s;
    if (!r->editing)
        return;
    if (r->edit_skip && (utf8[0] | 0x20) == r->edit_skip && !utf8[1]) {
        r->edit_skip = 0; /* the letter of the key that opened the editor */
        return;
    }
    r->edit_skip = 0;
    size_t len = strlen(r->edit), chars = wk_utf8_length(r->edit);
    /* Whole characters up to the loader's limit, which counts characters: a caption typed in
     * Chinese may be as long as one in English. Line breaks and tabs become spaces: a caption
     * is laid out by the program. */
    for (const char *p = utf8; *p && chars < ATLAS_TEXT_MAX; chars++) {
        size_t n = wk_utf8_prefix(p, 1);
        if (len + n >= sizeof r->edit)
            break; /* never half a character */
        for (size_t i = 0; i < n; i++)
            r->edit[len++] = (unsigned char)p[i] < 0x20 ? ' ' : p[i];
        p += n;
    }
    r->edit[len] = '\0';
}

static void move_stop(LessonRun *r, Session *s, int dir)
{
    int to = r->stop + dir;
    if (to < 0 || to >= r->lesson->nstops || !before_change(r))
        return;
    lesson_move_stop(r->lesson, r->stop, to);
    r->stop = to;
    session_trace(s, "stop moved %d/%d", to + 1, r->lesson->nstops);
    lesson_edit_save(r, s);
}

static void delete_stop(LessonRun *r, Session *s)
{
    if (r->lesson->nstops <= 1) {
        status(r, "%s", _("A lesson keeps at least one stop"));
        return;
    }
    if (!before_change(r))
        return;
    lesson_remove_stop(r->lesson, r->stop);
    session_trace(s, "stop deleted, %d left", r->lesson->nstops);
    lesson_edit_save(r, s);
    lesson_run_goto(r, s, r->stop < r->lesson->nstops ? r->stop : r->lesson->nstops - 1);
}

static void undo(LessonRun *r, Session *s, bool redo)
{
    if (!(redo ? lesson_redo(&r->undo, &r->lesson) : lesson_undo(&r->undo, &r->lesson))) {
        status(r, "%s", redo ? _("Nothing to redo") : _("Nothing to undo"));
        return;
    }
    session_trace(s, "%s, %d stops", redo ? "redo" : "undo", r->lesson->nstops);
    lesson_edit_save(r, s);
    lesson_run_goto(r, s, r->stop);
}

LessonKey lesson_edit_key(LessonRun *r, Session *s, const SDL_Keysym *key)
{
    if (r->editing) {
        text_key(r, s, key);
        return LESSON_KEY_HANDLED;
    }
    bool ctrl = key->mod & KMOD_CTRL, shift = key->mod & KMOD_SHIFT;
    SDL_Keycode k = key->sym;
    if (k == SDLK_a && !ctrl) {
        add_stop(r, s);
        return LESSON_KEY_HANDLED;
    }
    if (!r->active || !r->lesson || r->lesson->nstops == 0)
        return LESSON_KEY_IGNORED;
    if (k == SDLK_c && !ctrl)
        start_editing(r, s, shift ? LESSON_EDIT_NOTE : LESSON_EDIT_CAPTION, 'c');
    else if (k == SDLK_DELETE)
        delete_stop(r, s);
    else if (ctrl && k == SDLK_PAGEUP)
        move_stop(r, s, -1);
    else if (ctrl && k == SDLK_PAGEDOWN)
        move_stop(r, s, 1);
    else if (ctrl && (k == SDLK_z || k == SDLK_y))
        undo(r, s, k == SDLK_y || shift);
    else if (ctrl && k == SDLK_s)
        lesson_edit_save(r, s);
    else
        return LESSON_KEY_IGNORED;
    return LESSON_KEY_HANDLED;
}
