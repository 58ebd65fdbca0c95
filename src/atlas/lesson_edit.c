/*
 * Changing a lesson: stops inserted, removed, moved and retyped, each undoable, and the lesson
 * written back as JSON in the format lesson.c reads.
 */
#include "lesson.h"

#include <cJSON.h>
#include <stdlib.h>
#include <string.h>

static void free_ids(char **ids, int n)
{
    for (int i = 0; i < n; i++)
        free(ids[i]);
    free(ids);
}

void lesson_stop_clear(LessonStop *s)
{
    free(s->place);
    free(s->overlay);
    free(s->event);
    free_ids(s->highlight, s->nhighlight);
    free_ids(s->dim, s->ndim);
    free(s->caption);
    free(s->note);
    memset(s, 0, sizeof *s);
}

static bool dup_field(char **dst, const char *src)
{
    *dst = src ? wk_strdup(src) : NULL;
    return !src || *dst;
}

static bool dup_ids(char ***dst, char *const *src, int n)
{
    *dst = NULL;
    if (n == 0)
        return true;
    *dst = calloc((size_t)n, sizeof **dst);
    if (!*dst)
        return false;
    for (int i = 0; i < n; i++)
        if (!dup_field(&(*dst)[i], src[i]))
            return false;
    return true;
}

bool lesson_stop_copy(LessonStop *dst, const LessonStop *src)
{
    *dst = *src;
    dst->place = dst->overlay = dst->event = dst->caption = dst->note = NULL;
    dst->highlight = dst->dim = NULL;
    bool ok = dup_field(&dst->place, src->place) && dup_field(&dst->overlay, src->overlay) &&
              dup_field(&dst->event, src->event) && dup_field(&dst->caption, src->caption) &&
              dup_field(&dst->note, src->note) &&
              dup_ids(&dst->highlight, src->highlight, src->nhighlight) &&
              dup_ids(&dst->dim, src->dim, src->ndim);
    if (!ok) {
        /* Free what was copied; the counts must match what was allocated. */
        if (!dst->highlight)
            dst->nhighlight = 0;
        if (!dst->dim)
            dst->ndim = 0;
        lesson_stop_clear(dst);
    }
    return ok;
}

Lesson *lesson_clone(const Lesson *l)
{
    Lesson *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    bool ok = dup_field(&c->path, l->path) && dup_field(&c->id, l->id) &&
              dup_field(&c->title, l->title) && dup_field(&c->author, l->author) &&
              dup_field(&c->language, l->language) && dup_field(&c->description, l->description);
    c->capacity = l->nstops > 0 ? l->nstops : 1;
    c->stops = ok ? calloc((size_t)c->capacity, sizeof *c->stops) : NULL;
    for (int i = 0; c->stops && i < l->nstops; i++, c->nstops++)
        if (!lesson_stop_copy(&c->stops[i], &l->stops[i]))
            break;
    if (!c->stops || c->nstops < l->nstops) {
        lesson_free(c);
        return NULL;
    }
    return c;
}

bool lesson_insert_stop(Lesson *l, int at, const LessonStop *stop)
{
    if (at < 0 || at > l->nstops || l->nstops >= LESSON_MAX_STOPS)
        return false;
    if (l->nstops == l->capacity) {
        int cap = l->capacity ? l->capacity * 2 : 8;
        LessonStop *grown = realloc(l->stops, (size_t)cap * sizeof *grown);
        if (!grown)
            return false;
        l->stops = grown;
        l->capacity = cap;
    }
    LessonStop copy;
    if (!lesson_stop_copy(&copy, stop))
        return false;
    memmove(&l->stops[at + 1], &l->stops[at], (size_t)(l->nstops - at) * sizeof *l->stops);
    l->stops[at] = copy;
    l->nstops++;
    return true;
}

bool lesson_remove_stop(Lesson *l, int at)
{
    if (at < 0 || at >= l->nstops)
        return false;
    lesson_stop_clear(&l->stops[at]);
    memmove(&l->stops[at], &l->stops[at + 1], (size_t)(l->nstops - at - 1) * sizeof *l->stops);
    l->nstops--;
    return true;
}

bool lesson_move_stop(Lesson *l, int from, int to)
{
    if (from < 0 || from >= l->nstops || to < 0 || to >= l->nstops)
        return false;
    LessonStop s = l->stops[from];
    if (from < to)
        memmove(&l->stops[from], &l->stops[from + 1], (size_t)(to - from) * sizeof s);
    else
        memmove(&l->stops[to + 1], &l->stops[to], (size_t)(from - to) * sizeof s);
    l->stops[to] = s;
    return true;
}

bool lesson_set_text(char **field, const char *text)
{
    char *copy = text && *text ? wk_strdup(text) : NULL;
    if (text && *text && !copy)
        return false;
    free(*field);
    *field = copy;
    return true;
}

/* --- undo --- */

static void drop_all(Lesson **list, int *n)
{
    for (int i = 0; i < *n; i++)
        lesson_free(list[i]);
    *n = 0;
}

/* Pushes onto a bounded stack, forgetting the oldest entry when full. */
static void push(Lesson **list, int *n, Lesson *l)
{
    if (*n == LESSON_UNDO_MAX) {
        lesson_free(list[0]);
        memmove(list, list + 1, (LESSON_UNDO_MAX - 1) * sizeof *list);
        (*n)--;
    }
    list[(*n)++] = l;
}

bool lesson_undo_push(LessonUndo *u, const Lesson *l)
{
    Lesson *snap = lesson_clone(l);
    if (!snap)
        return false;
    push(u->done, &u->ndone, snap);
    drop_all(u->undone, &u->nundone);
    return true;
}

/* Takes the top of `from` as the lesson and keeps the current one on `to`. */
static bool swap_top(Lesson **from, int *nfrom, Lesson **to, int *nto, Lesson **lesson)
{
    if (*nfrom == 0)
        return false;
    Lesson *prev = from[--*nfrom];
    /* The file stays where the lesson is now saved, whatever it was called then. */
    free(prev->path);
    prev->path = (*lesson)->path ? wk_strdup((*lesson)->path) : NULL;
    push(to, nto, *lesson);
    *lesson = prev;
    return true;
}

bool lesson_undo(LessonUndo *u, Lesson **lesson)
{
    return swap_top(u->done, &u->ndone, u->undone, &u->nundone, lesson);
}

bool lesson_redo(LessonUndo *u, Lesson **lesson)
{
    return swap_top(u->undone, &u->nundone, u->done, &u->ndone, lesson);
}

void lesson_undo_free(LessonUndo *u)
{
    drop_all(u->done, &u->ndone);
    drop_all(u->undone, &u->nundone);
}

/* --- writing --- */

static void add_string(cJSON *o, const char *key, const char *value)
{
    if (value && *value)
        cJSON_AddStringToObject(o, key, value);
}

static void add_ids(cJSON *o, const char *key, char *const *ids, int n)
{
    if (n == 0)
        return;
    cJSON *arr = cJSON_AddArrayToObject(o, key);
    for (int i = 0; arr && i < n; i++)
        cJSON_AddItemToArray(arr, cJSON_CreateString(ids[i]));
}

static cJSON *stop_json(const LessonStop *s)
{
    cJSON *o = cJSON_CreateObject();
    char iso[64];
    if (!o)
        return NULL;
    cJSON_AddStringToObject(o, s->play ? "play" : "year", wk_span_iso(&s->when, iso, sizeof iso));
    if (s->has_view) {
        cJSON *v = cJSON_AddObjectToObject(o, "view");
        double c[2] = {s->lon, s->lat};
        if (v) {
            cJSON_AddItemToObject(v, "center", cJSON_CreateDoubleArray(c, 2));
            if (s->span_km > 0)
                cJSON_AddNumberToObject(v, "span_km", s->span_km);
            else
                cJSON_AddNumberToObject(v, "zoom", s->zoom);
        }
    }
    add_string(o, "place", s->place);
    add_string(o, "overlay", s->overlay);
    add_string(o, "event", s->event);
    add_ids(o, "highlight", s->highlight, s->nhighlight);
    add_ids(o, "dim", s->dim, s->ndim);
    add_string(o, "caption", s->caption);
    add_string(o, "note", s->note);
    return o;
}

char *lesson_to_json(const Lesson *l)
{
    cJSON *root = cJSON_CreateObject();
    if (!root)
        return NULL;
    add_string(root, "id", l->id);
    add_string(root, "title", l->title);
    add_string(root, "author", l->author);
    add_string(root, "language", l->language);
    add_string(root, "description", l->description);
    cJSON *stops = cJSON_AddArrayToObject(root, "stops");
    for (int i = 0; stops && i < l->nstops; i++)
        cJSON_AddItemToArray(stops, stop_json(&l->stops[i]));
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    return text;
}
