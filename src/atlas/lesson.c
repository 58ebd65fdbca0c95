/*
 * Loading and checking lesson files. A stop that cannot be used is skipped with a message that
 * names the file and the stop; a broken optional part (a view, a selection, an emphasis list)
 * is dropped and the stop kept, so one typo never costs a teacher the whole lesson.
 */
#include "lesson.h"
#include "json.h"

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The narrowest and widest views a stop may ask for, in kilometres. */
#define SPAN_KM_MIN 5.0
#define SPAN_KM_MAX 20000.0

/* A date's time as a stop uses it: a bare year means its middle, as on the command line, so
 * that what starts in that year is fully shown. */
static double stop_time(const WkDate *d)
{
    return d->precision == WK_PREC_YEAR ? wk_date_time(d) + 0.5 : wk_date_time(d);
}

void lesson_stop_set_year(LessonStop *stop, double t)
{
    int y = wk_time_year(t);
    memset(&stop->when, 0, sizeof stop->when);
    stop->when.first.year = stop->when.last.year = y;
    stop->when.first.precision = stop->when.last.precision = WK_PREC_YEAR;
    stop->play = false;
    stop->t = stop->t_end = stop_time(&stop->when.first);
}

static bool load_when(const JsonFile *f, const cJSON *item, const char *where, LessonStop *stop)
{
    bool has_year = cJSON_GetObjectItemCaseSensitive(item, "year") != NULL;
    bool has_play = cJSON_GetObjectItemCaseSensitive(item, "play") != NULL;
    if (has_year == has_play) {
        json_error(f, where, NULL,
                   has_year ? "has both \"year\" and \"play\"; give one"
                            : "needs a \"year\" (\"1895\") or a span to \"play\" (\"1838/1842\")");
        return false;
    }
    const char *key = has_year ? "year" : "play";
    if (!json_span(f, item, key, true, where, &stop->when))
        return false;
    if (has_play && !stop->when.is_interval) {
        json_error(f, where, key, "should be a span such as \"1838/1842\"");
        return false;
    }
    stop->play = has_play;
    stop->t = stop_time(&stop->when.first);
    stop->t_end = has_play ? stop_time(&stop->when.last) : stop->t;
    return true;
}

static bool load_view(const JsonFile *f, const cJSON *item, const char *where, LessonStop *stop)
{
    const cJSON *view = cJSON_GetObjectItemCaseSensitive(item, "view");
    if (!view)
        return true;
    char at[48];
    snprintf(at, sizeof at, "%s.view", where);
    if (!cJSON_IsObject(view)) {
        json_error(f, where, "view", "should be an object");
        return false;
    }
    const cJSON *c = json_array(f, view, "center", true, at);
    if (!c)
        return false;
    const cJSON *lon = cJSON_GetArrayItem(c, 0), *lat = cJSON_GetArrayItem(c, 1);
    if (cJSON_GetArraySize(c) != 2 || !cJSON_IsNumber(lon) || !cJSON_IsNumber(lat) ||
        fabs(lon->valuedouble) > 180 || fabs(lat->valuedouble) > 90) {
        json_error(f, at, "center", "should be [longitude, latitude] in degrees");
        return false;
    }
    double span = 0, zoom = 0;
    if (!json_number(f, view, "span_km", false, at, &span) ||
        !json_number(f, view, "zoom", false, at, &zoom))
        return false;
    if ((span != 0) == (zoom != 0)) {
        json_error(f, at, NULL, "needs one of \"span_km\" (kilometres across) or \"zoom\"");
        return false;
    }
    if (span != 0 && (span < SPAN_KM_MIN || span > SPAN_KM_MAX)) {
        json_error(f, at, "span_km", "should be from %g to %g", SPAN_KM_MIN, SPAN_KM_MAX);
        return false;
    }
    if (zoom != 0 && (zoom < 0.1 || zoom > 1000)) {
        json_error(f, at, "zoom", "should be from 0.1 to 1000");
        return false;
    }
    stop->has_view = true;
    stop->lon = lon->valuedouble;
    stop->lat = lat->valuedouble;
    stop->span_km = span;
    stop->zoom = zoom;
    return true;
}

/* An array of id strings; on any bad entry the whole list is dropped. */
static int load_ids(const JsonFile *f, const cJSON *item, const char *key, const char *where,
                    char ***out)
{
    *out = NULL;
    const cJSON *arr = json_array(f, item, key, false, where);
    int n = cJSON_GetArraySize(arr);
    if (n == 0)
        return 0;
    if (n > LESSON_MAX_EMPHASIS) {
        json_error(f, where, key, "lists more than %d overlays", LESSON_MAX_EMPHASIS);
        return 0;
    }
    char **ids = calloc((size_t)n, sizeof *ids);
    if (!ids)
        return 0;
    for (int i = 0; i < n; i++) {
        const cJSON *s = cJSON_GetArrayItem(arr, i);
        if (!cJSON_IsString(s) || !*s->valuestring || wk_utf8_longer_than(s->valuestring, 200)) {
            json_error(f, where, key, "[%d] should be an overlay id", i);
            for (int j = 0; j < i; j++)
                free(ids[j]);
            free(ids);
            return 0;
        }
        ids[i] = wk_strdup(s->valuestring);
    }
    *out = ids;
    return n;
}

static bool load_stop(const JsonFile *f, const cJSON *item, const char *where, LessonStop *stop)
{
    memset(stop, 0, sizeof *stop);
    if (!cJSON_IsObject(item)) {
        json_error(f, where, NULL, "should be an object");
        return false;
    }
    if (!load_when(f, item, where, stop))
        return false;
    load_view(f, item, where, stop);
    stop->place = json_string_dup(f, item, "place", false, where);
    stop->overlay = json_string_dup(f, item, "overlay", false, where);
    stop->event = json_string_dup(f, item, "event", false, where);
    if (stop->place && stop->overlay) {
        json_error(f, where, "overlay", "a stop selects a place or an overlay, not both");
        free(stop->overlay);
        stop->overlay = NULL;
    }
    stop->nhighlight = load_ids(f, item, "highlight", where, &stop->highlight);
    stop->ndim = load_ids(f, item, "dim", where, &stop->dim);
    stop->caption = json_string_dup(f, item, "caption", false, where);
    stop->note = json_string_dup(f, item, "note", false, where);
    return true;
}

/* The file's name without folder and extension: the id of a lesson that gives none. */
static char *base_id(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *id = wk_strdup(slash ? slash + 1 : path);
    char *dot = id ? strrchr(id, '.') : NULL;
    if (dot && dot != id)
        *dot = '\0';
    return id;
}

Lesson *lesson_load(const char *path, WkDiag *diag)
{
    JsonFile f;
    if (!json_file_open(&f, path, diag))
        return NULL;
    Lesson *l = calloc(1, sizeof *l);
    if (!l)
        goto fail;
    l->path = wk_strdup(path);
    if (!cJSON_IsObject(f.root)) {
        json_error(&f, "", NULL, "a lesson file is one JSON object");
        goto fail;
    }
    l->title = json_string_dup(&f, f.root, "title", true, "");
    l->id = json_string_dup(&f, f.root, "id", false, "");
    l->author = json_string_dup(&f, f.root, "author", false, "");
    l->language = json_string_dup(&f, f.root, "language", false, "");
    l->description = json_string_dup(&f, f.root, "description", false, "");
    if (!l->title)
        l->title = base_id(path);
    if (!l->id)
        l->id = base_id(path);
    if (!l->language)
        l->language = wk_strdup("en");
    const cJSON *stops = json_array(&f, f.root, "stops", true, "");
    int n = cJSON_GetArraySize(stops);
    if (n > LESSON_MAX_STOPS) {
        json_error(&f, "", "stops", "has %d stops; the first %d are kept", n, LESSON_MAX_STOPS);
        n = LESSON_MAX_STOPS;
    }
    l->stops = calloc((size_t)(n ? n : 1), sizeof *l->stops);
    if (!l->stops)
        goto fail;
    l->capacity = n ? n : 1;
    for (int i = 0; i < n; i++) {
        char where[32];
        snprintf(where, sizeof where, "stops[%d]", i);
        if (load_stop(&f, cJSON_GetArrayItem(stops, i), where, &l->stops[l->nstops]))
            l->nstops++;
        else
            lesson_stop_clear(&l->stops[l->nstops]);
    }
    if (l->nstops == 0) {
        if (stops)
            json_error(&f, "", "stops", "has no usable stop");
        goto fail;
    }
    json_file_close(&f);
    return l;
fail:
    lesson_free(l);
    json_file_close(&f);
    return NULL;
}

void lesson_free(Lesson *lesson)
{
    if (!lesson)
        return;
    for (int i = 0; i < lesson->nstops; i++)
        lesson_stop_clear(&lesson->stops[i]);
    free(lesson->stops);
    free(lesson->path);
    free(lesson->id);
    free(lesson->title);
    free(lesson->author);
    free(lesson->language);
    free(lesson->description);
    free(lesson);
}

Lesson *lesson_new(const char *title)
{
    Lesson *l = calloc(1, sizeof *l);
    if (!l)
        return NULL;
    l->title = wk_strdup(title);
    l->language = wk_strdup("en");
    /* The id: the title in lower case, words joined by '-'. */
    size_t n = strlen(title);
    l->id = malloc(n + 1);
    if (!l->title || !l->language || !l->id) {
        lesson_free(l);
        return NULL;
    }
    size_t k = 0;
    for (const char *p = title; *p; p++) {
        char c = *p;
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            l->id[k++] = c;
        else if (c >= 'A' && c <= 'Z')
            l->id[k++] = (char)(c - 'A' + 'a');
        else if (k > 0 && l->id[k - 1] != '-')
            l->id[k++] = '-';
    }
    while (k > 0 && l->id[k - 1] == '-')
        k--;
    l->id[k] = '\0';
    if (k == 0) {
        free(l->id);
        l->id = wk_strdup("lesson");
    }
    return l;
}

/* Adds a message "path: stops[i].key: text". */
static void stop_problem(WkDiag *diag, bool error, const Lesson *l, int i, const char *key,
                         const char *id, const char *what)
{
    const char *path = l->path ? l->path : l->id;
    if (error)
        wk_diag_error(diag, WK_ERR_INVALID, "%s: stops[%d].%s: \"%.*s\" %s", path, i, key,
                      WK_UTF8_QUOTE(id, 80), what);
    else
        wk_diag_warn(diag, "%s: stops[%d].%s: %s", path, i, key, what);
}

int lesson_check(const Lesson *l, const Atlas *atlas, WkDiag *diag)
{
    int errors = 0;
    for (int i = 0; i < l->nstops; i++) {
        const LessonStop *s = &l->stops[i];
        if (s->place && atlas_place_find(atlas, s->place) < 0)
            stop_problem(diag, true, l, i, "place", s->place, "is not a place of the atlas"),
                errors++;
        if (s->overlay && atlas_overlay_find(atlas, s->overlay) < 0)
            stop_problem(diag, true, l, i, "overlay", s->overlay, "is not an overlay of the atlas"),
                errors++;
        if (s->event && atlas_event_find(atlas, s->event) < 0)
            stop_problem(diag, true, l, i, "event", s->event, "is not an event of the atlas"),
                errors++;
        for (int k = 0; k < s->nhighlight + s->ndim; k++) {
            bool hl = k < s->nhighlight;
            const char *id = hl ? s->highlight[k] : s->dim[k - s->nhighlight];
            if (atlas_overlay_find(atlas, id) < 0)
                stop_problem(diag, true, l, i, hl ? "highlight" : "dim", id,
                             "is not an overlay of the atlas"),
                    errors++;
        }
        if (s->t < atlas->t_min || s->t_end > atlas->t_max) {
            char iso[64];
            stop_problem(diag, true, l, i, s->play ? "play" : "year",
                         wk_span_iso(&s->when, iso, sizeof iso), "lies outside the atlas's time");
            errors++;
        }
        if (s->has_view && (s->lon < atlas->region[0] || s->lon > atlas->region[2] ||
                            s->lat < atlas->region[1] || s->lat > atlas->region[3])) {
            char at[64];
            snprintf(at, sizeof at, "%.4g, %.4g", s->lon, s->lat);
            stop_problem(diag, true, l, i, "view.center", at, "lies outside the atlas's region");
            errors++;
        }
        if (!s->caption || !*s->caption)
            stop_problem(diag, false, l, i, "caption", NULL,
                         "no caption: the class sees only the map");
    }
    return errors;
}

/* True when both lessons were read from one file (a bundled lesson also named with
 * --lesson): that is one lesson, not two sharing an id. */
static bool same_file(const Lesson *a, const Lesson *b)
{
    struct stat sa, sb;
    return a->path && b->path && stat(a->path, &sa) == 0 && stat(b->path, &sb) == 0 &&
           sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

int lesson_check_ids(Lesson *const *lessons, int n, WkDiag *diag)
{
    /* Lessons are few (a folder's worth), so pairs are compared directly. */
    int errors = 0;
    for (int j = 1; j < n; j++) {
        bool again = false;
        for (int i = 0; i < j && !again; i++)
            again = same_file(lessons[i], lessons[j]);
        for (int i = 0; i < j && !again; i++) {
            if (strcmp(lessons[i]->id, lessons[j]->id))
                continue;
            wk_diag_error(diag, WK_ERR_INVALID,
                          "%s: id: \"%.*s\" is used twice; the first is %s, whose translations "
                          "both would share",
                          lessons[j]->path ? lessons[j]->path : lessons[j]->title,
                          WK_UTF8_QUOTE(lessons[j]->id, 80),
                          lessons[i]->path ? lessons[i]->path : lessons[i]->title);
            errors++;
            break;
        }
    }
    return errors;
}

bool lesson_stop_view(const LessonStop *stop, const Atlas *atlas, double *x, double *y,
                      double *span)
{
    if (!stop->has_view || !atlas_project(atlas, stop->lon, stop->lat, x, y))
        return false;
    *span = stop->span_km > 0 ? stop->span_km * 1000 : atlas->view_span / stop->zoom;
    return true;
}

void lesson_stop_emphasis(const LessonStop *stop, const Atlas *atlas, signed char *emphasis)
{
    memset(emphasis, 0, (size_t)atlas->noverlays);
    for (int k = 0; k < stop->ndim; k++) {
        int o = atlas_overlay_find(atlas, stop->dim[k]);
        if (o >= 0)
            emphasis[o] = -1;
    }
    for (int k = 0; k < stop->nhighlight; k++) {
        int o = atlas_overlay_find(atlas, stop->highlight[k]);
        if (o >= 0)
            emphasis[o] = 1;
    }
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n > k && strcmp(s + n - k, suffix) == 0;
}

bool lesson_file_name(const char *path)
{
    return ends_with(path, ".json") || ends_with(path, LESSON_EXTENSION);
}

static int compare_paths(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int lesson_list_dir(const char *dir, char ***paths)
{
    *paths = NULL;
    DIR *d = dir ? opendir(dir) : NULL;
    if (!d)
        return 0;
    int n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < LESSON_MAX_STOPS) {
        if (e->d_name[0] == '.' || !lesson_file_name(e->d_name))
            continue;
        if (n == cap) {
            int ncap = cap ? cap * 2 : 16;
            char **grown = realloc(*paths, (size_t)ncap * sizeof *grown);
            if (!grown)
                break;
            *paths = grown;
            cap = ncap;
        }
        char *p = wk_path_join(dir, e->d_name);
        if (p)
            (*paths)[n++] = p;
    }
    closedir(d);
    if (n > 1)
        qsort(*paths, (size_t)n, sizeof **paths, compare_paths);
    return n;
}
