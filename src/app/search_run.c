#include "search_run.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "atlas/language.h"
#include "core/i18n.h"

/* How close the camera comes to a place found by search, at most (metres across). */
#define FOUND_SPAN_MAX 1.5e6

static void lessons_free(SearchBox *b)
{
    for (int i = 0; i < b->nlessons; i++)
        free(b->lesson_paths[i]), free(b->lesson_titles[i]);
    free(b->lesson_paths);
    free(b->lesson_titles);
    b->lesson_paths = b->lesson_titles = NULL;
    b->nlessons = 0;
}

static void lessons_add(SearchBox *b, const char *dir)
{
    char **paths = NULL;
    int n = dir ? lesson_list_dir(dir, &paths) : 0;
    for (int i = 0; i < n; i++) {
        WkDiag diag;
        wk_diag_init(&diag);
        Lesson *l = lesson_load(paths[i], &diag);
        wk_diag_free(&diag);
        char **p = realloc(b->lesson_paths, sizeof *p * (size_t)(b->nlessons + 1));
        if (p)
            b->lesson_paths = p;
        char **t = realloc(b->lesson_titles, sizeof *t * (size_t)(b->nlessons + 1));
        if (t)
            b->lesson_titles = t;
        if (l && p && t) {
            b->lesson_paths[b->nlessons] = paths[i];
            b->lesson_titles[b->nlessons++] = wk_strdup(l->title);
            paths[i] = NULL;
        }
        lesson_free(l);
        free(paths[i]);
    }
    free(paths);
}

void search_open(SearchBox *b, Session *s, bool open)
{
    lessons_free(b);
    memset(b, 0, sizeof *b);
    b->open = open;
    if (open) {
        char *bundled = lesson_bundled_dir(s->atlas), *user = lesson_user_dir();
        lessons_add(b, bundled);
        lessons_add(b, user);
        free(bundled);
        free(user);
    }
    session_trace(s, "search %s", open ? "open" : "closed");
}

void search_free(SearchBox *b)
{
    lessons_free(b);
    memset(b, 0, sizeof *b);
}

static void describe(const Session *s, SearchResult *r)
{
    const Atlas *a = s->atlas;
    char y1[48], y2[48];
    const AtlasHit *h = &r->hit;
    switch (h->kind) {
    case ATLAS_HIT_PLACE: {
        const AtlasPlace *p = &a->places[h->index];
        wk_utf8_format(r->label, sizeof r->label, "%s", map_place_name(p, s->names));
        wk_utf8_format(r->detail, sizeof r->detail, "%s  ·  %s / %s", _("Place"),
                       p->name_zh ? p->name_zh : "", p->name_fa ? p->name_fa : "");
        break;
    }
    case ATLAS_HIT_POLITY:
        wk_utf8_format(r->label, sizeof r->label, "%s", atlas_polity_name(a, h->index, s->lang));
        snprintf(r->detail, sizeof r->detail, "%s", _("Power: go to its first extent"));
        break;
    case ATLAS_HIT_OVERLAY: {
        const AtlasOverlay *o = &a->overlays[h->index];
        wk_utf8_format(r->label, sizeof r->label, "%s", atlas_overlay_name(a, h->index, s->lang));
        snprintf(r->detail, sizeof r->detail, "%s  ·  %s – %s", _(atlas_kind_name(o->kind)),
                 wk_time_format_year(o->start, y1, sizeof y1),
                 wk_time_format_year(o->end, y2, sizeof y2));
        break;
    }
    case ATLAS_HIT_EVENT:
        wk_utf8_format(r->label, sizeof r->label, "%s", atlas_event_title(a, h->index, s->lang));
        wk_utf8_format(r->detail, sizeof r->detail, "%s  ·  %s", _("Event"),
                       wk_span_format(&a->events[h->index].date, y1, sizeof y1));
        break;
    }
}

static void refresh(SearchBox *b, Session *s)
{
    AtlasHit hits[SEARCH_RESULTS];
    char q[256];
    atlas_search_fold(b->query, q, sizeof q);
    b->n = 0;
    /* Lessons first when their titles match, since a teacher searching one wants to open it. */
    for (int i = 0; i < b->nlessons && b->n < 2; i++) {
        char t[512];
        atlas_search_fold(b->lesson_titles[i], t, sizeof t);
        if (atlas_search_score(t, q) < 0)
            continue;
        SearchResult *r = &b->results[b->n++];
        memset(r, 0, sizeof *r);
        r->kind = SEARCH_LESSON;
        r->lesson = i;
        wk_utf8_format(r->label, sizeof r->label, "%s", b->lesson_titles[i]);
        snprintf(r->detail, sizeof r->detail, "%s", _("Lesson: open it"));
    }
    int n = atlas_search(s->atlas, b->query, hits, SEARCH_RESULTS - b->n);
    for (int i = 0; i < n; i++) {
        SearchResult *r = &b->results[b->n++];
        memset(r, 0, sizeof *r);
        r->kind = SEARCH_ATLAS;
        r->hit = hits[i];
        describe(s, r);
    }
    b->selected = b->n > 0 ? 0 : -1;
}

/* An overlay shown at its middle (at most a few years in, so its start is what one sees), and
 * the camera on it. */
static void go_overlay(Session *s, int o)
{
    const AtlasOverlay *ov = &s->atlas->overlays[o];
    double t = ov->start + fmin((ov->end - ov->start) / 2, 5);
    session_goto_time(s, t);
    session_select_overlay(s, o);
    const GeoBox *box = &ov->shape.box;
    double span = fmax(box->maxx - box->minx, box->maxy - box->miny) * 1.3;
    if (span > 0)
        session_glide_to(s, (box->minx + box->maxx) / 2, (box->miny + box->maxy) / 2,
                         fmax(span, 4e5));
}

static void go(SearchBox *b, Session *s, LessonRun *run, int i)
{
    if (i < 0 || i >= b->n)
        return;
    SearchResult r = b->results[i];
    const Atlas *a = s->atlas;
    char *lesson_path = r.kind == SEARCH_LESSON ? wk_strdup(b->lesson_paths[r.lesson]) : NULL;
    search_open(b, s, false);
    if (lesson_path) {
        WkDiag diag;
        wk_diag_init(&diag);
        Lesson *l = lesson_load(lesson_path, &diag);
        wk_diag_free(&diag);
        if (l)
            lesson_run_open(run, s, l);
        free(lesson_path);
        return;
    }
    switch (r.hit.kind) {
    case ATLAS_HIT_PLACE: {
        const AtlasPlace *p = &a->places[r.hit.index];
        session_select_place(s, r.hit.index);
        session_glide_to(s, p->x, p->y, fmin(camera_span(&s->cam), FOUND_SPAN_MAX));
        break;
    }
    case ATLAS_HIT_EVENT:
        session_show_event(s, r.hit.index);
        break;
    case ATLAS_HIT_OVERLAY:
        go_overlay(s, r.hit.index);
        break;
    case ATLAS_HIT_POLITY: {
        /* The polity's first extent: its earliest territory. */
        int first = -1;
        for (int o = 0; o < a->noverlays; o++)
            if (a->overlays[o].polity == r.hit.index && atlas_kind_is_area(a->overlays[o].kind) &&
                (first < 0 || a->overlays[o].start < a->overlays[first].start))
                first = o;
        if (first >= 0)
            go_overlay(s, first);
        break;
    }
    }
}

void search_key(SearchBox *b, Session *s, LessonRun *run, SDL_Keycode key)
{
    size_t n = strlen(b->query);
    switch (key) {
    case SDLK_ESCAPE:
        search_open(b, s, false);
        break;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
        go(b, s, run, b->selected);
        break;
    case SDLK_DOWN:
        if (b->selected + 1 < b->n)
            b->selected++;
        break;
    case SDLK_UP:
        if (b->selected > 0)
            b->selected--;
        break;
    case SDLK_BACKSPACE:
        while (n > 0 && (b->query[n - 1] & 0xc0) == 0x80) /* a whole UTF-8 character */
            n--;
        if (n > 0)
            b->query[n - 1] = '\0';
        refresh(b, s);
        break;
    default:
        break;
    }
}

void search_text(SearchBox *b, Session *s, const char *utf8)
{
    size_t n = strlen(b->query), add = strlen(utf8);
    if (n + add >= sizeof b->query)
        return;
    memcpy(b->query + n, utf8, add + 1);
    session_trace(s, "search \"%s\"", b->query);
    refresh(b, s);
}

static UiSearchView view_of(const SearchBox *b, const char **labels, const char **details)
{
    for (int i = 0; i < b->n; i++) {
        labels[i] = b->results[i].label;
        details[i] = b->results[i].detail;
    }
    return (UiSearchView){b->query, labels, details, b->n, b->selected};
}

bool search_click(SearchBox *b, Session *s, LessonRun *run, Ui *ui, float x, float y)
{
    const char *labels[SEARCH_RESULTS], *details[SEARCH_RESULTS];
    UiSearchView v = view_of(b, labels, details);
    int i = ui_search_at(ui, &v, x, y);
    if (i >= 0)
        go(b, s, run, i);
    return true; /* the box is modal: a click elsewhere does nothing on the map */
}

void search_draw(const SearchBox *b, Ui *ui)
{
    const char *labels[SEARCH_RESULTS], *details[SEARCH_RESULTS];
    UiSearchView v = view_of(b, labels, details);
    ui_search_draw(ui, &v);
}
