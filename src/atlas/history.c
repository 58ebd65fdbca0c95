/*
 * Loaders for timeline.json (eras and polities) and the event files, and the step that links
 * events to places. Records with a problem are skipped with a message naming the file and the
 * record; the rest load.
 */
#include "atlas_internal.h"
#include "json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *nonempty_string(const JsonFile *f, const cJSON *obj, const char *key,
                                   bool required, const char *where)
{
    const char *s = json_string(f, obj, key, required, where);
    if (s && required && !*s) {
        json_error(f, where, key, "is empty");
        return NULL;
    }
    return s;
}

static bool span_in_range(const Atlas *atlas, const JsonFile *f, const char *where, const char *key,
                          double start, double end)
{
    if (start < atlas->t_min || end > atlas->t_max + 1) {
        json_error(f, where, key, "lies outside the atlas's time range");
        return false;
    }
    return true;
}

static void load_eras(Atlas *atlas, const JsonFile *f)
{
    const cJSON *eras = json_array(f, f->root, "eras", true, "");
    int n = cJSON_GetArraySize(eras), i = -1;
    const char *file = atlas_file_keep(atlas, f->path);
    atlas->eras = calloc((size_t)(n ? n : 1), sizeof *atlas->eras);
    if (!atlas->eras)
        return;
    /* Eras are looked up by id only here, to find one given twice. */
    AtlasIndex ids = {0};
    const cJSON *item;
    cJSON_ArrayForEach(item, eras)
    {
        char where[32];
        snprintf(where, sizeof where, "eras[%d]", ++i);
        const char *id = nonempty_string(f, item, "id", true, where);
        const char *name = nonempty_string(f, item, "name", true, where);
        /* Optional: without it the slider cuts the name itself. */
        const char *short_name = json_string(f, item, "short", false, where);
        WkSpan start, end;
        WkColor color = {200, 200, 200, 255};
        if (!id || !name || !json_span(f, item, "start", true, where, &start) ||
            !json_span(f, item, "end", true, where, &end))
            continue;
        AtlasOrigin origin = {file, i};
        int taken = atlas_index_get(&ids, id);
        if (taken >= 0) {
            atlas_repeated_id(f->diag, origin, "eras", NULL, id, atlas->eras[taken].origin);
            continue;
        }
        if (cJSON_GetObjectItemCaseSensitive(item, "color"))
            json_color(f, item, "color", false, where, &color);
        AtlasEra era = {.id = wk_strdup(id),
                        .name = wk_strdup(name),
                        .short_name = short_name && *short_name ? wk_strdup(short_name) : NULL,
                        .start = wk_span_start(&start),
                        .end = wk_span_start(&end),
                        .color = color,
                        .origin = origin};
        if (era.end <= era.start) {
            json_error(f, where, "end", "should be after the start");
            free(era.id), free(era.name), free(era.short_name);
            continue;
        }
        if (atlas->neras && era.start < atlas->eras[atlas->neras - 1].end) {
            json_error(f, where, "start", "overlaps the era before it");
            free(era.id), free(era.name), free(era.short_name);
            continue;
        }
        if (atlas->neras && era.start > atlas->eras[atlas->neras - 1].end)
            json_error(f, where, "start", "leaves a gap after the era before it");
        atlas->eras[atlas->neras] = era;
        atlas_index_put(&ids, atlas->eras[atlas->neras].id, atlas->neras);
        atlas->neras++;
    }
    atlas_index_free(&ids);
}

static void load_polities(Atlas *atlas, const JsonFile *f)
{
    const cJSON *polities = json_array(f, f->root, "polities", true, "");
    int n = cJSON_GetArraySize(polities), cap = atlas->npolities, i = -1;
    const char *file = atlas_file_keep(atlas, f->path);
    if (!wk_grow((void **)&atlas->polities, &cap, atlas->npolities + (n ? n : 1),
                 sizeof *atlas->polities))
        return;
    const cJSON *item;
    cJSON_ArrayForEach(item, polities)
    {
        char where[40];
        snprintf(where, sizeof where, "polities[%d]", ++i);
        const char *id = nonempty_string(f, item, "id", true, where);
        const char *name = nonempty_string(f, item, "name", true, where);
        const char *side = nonempty_string(f, item, "side", false, where);
        WkColor color;
        if (!id || !name || !json_color(f, item, "color", true, where, &color))
            continue;
        AtlasOrigin origin = {file, i};
        int taken = atlas_polity_find(atlas, id);
        if (atlas_id_taken(atlas, taken, atlas->user_polities)) {
            atlas_repeated_id(f->diag, origin, "polities", NULL, id, atlas->polities[taken].origin);
            continue;
        }
        AtlasPolity p = {wk_strdup(id), wk_strdup(name), wk_strdup(side ? side : "other"), color,
                         origin};
        if (!p.id || !atlas_index_put(&atlas->polity_ids, p.id, atlas->npolities)) {
            free(p.id), free(p.name), free(p.side);
            wk_diag_error(f->diag, WK_ERR_NOMEM, "%s: out of memory", f->path);
            break;
        }
        atlas->polities[atlas->npolities++] = p;
    }
}

void atlas_load_timeline(Atlas *atlas, const char *path, WkDiag *diag)
{
    JsonFile f;
    if (atlas->eras || atlas->polities) {
        wk_diag_error(diag, WK_ERR_INVALID, "%s: only one timeline file is allowed", path);
        return;
    }
    if (!json_file_open(&f, path, diag))
        return;
    load_eras(atlas, &f);
    load_polities(atlas, &f);
    json_file_close(&f);
}

void atlas_load_polities(Atlas *atlas, const char *path, WkDiag *diag)
{
    JsonFile f;
    if (!json_file_open(&f, path, diag))
        return;
    load_polities(atlas, &f);
    json_file_close(&f);
}

static unsigned parse_tags(const JsonFile *f, const cJSON *item, const char *where)
{
    unsigned tags = 0;
    const cJSON *arr = json_array(f, item, "tags", false, where);
    const cJSON *tag;
    cJSON_ArrayForEach(tag, arr)
    {
        unsigned bit = 0;
        for (int k = 0; k < ATLAS_TAG_COUNT && cJSON_IsString(tag); k++)
            if (!strcmp(atlas_tag_name(1u << k), tag->valuestring))
                bit = 1u << k;
        if (!bit)
            json_error(f, where, "tags", "unknown tag %s%.*s%s", cJSON_IsString(tag) ? "\"" : "",
                       WK_UTF8_QUOTE(cJSON_IsString(tag) ? tag->valuestring : "(not a string)", 40),
                       cJSON_IsString(tag) ? "\"" : "");
        tags |= bit;
    }
    return tags;
}

/* Resolves an array of place ids; unknown ids are reported and left out. */
static int *resolve_places(const Atlas *atlas, const JsonFile *f, const cJSON *arr,
                           const char *where, int *count)
{
    int n = cJSON_GetArraySize(arr), k = 0;
    int *out = malloc(sizeof(int) * (size_t)(n ? n : 1));
    if (!out)
        return NULL;
    const cJSON *id;
    cJSON_ArrayForEach(id, arr)
    {
        int p = cJSON_IsString(id) ? atlas_place_find(atlas, id->valuestring) : -1;
        if (p < 0)
            json_error(f, where, "places", "no place has the id %s%.*s%s",
                       cJSON_IsString(id) ? "\"" : "",
                       WK_UTF8_QUOTE(cJSON_IsString(id) ? id->valuestring : "(not a string)", 40),
                       cJSON_IsString(id) ? "\"" : "");
        else
            out[k++] = p;
    }
    *count = k;
    return out;
}

static bool load_event(Atlas *atlas, const JsonFile *f, const cJSON *item, const char *where,
                       AtlasOrigin origin, AtlasEvent *e)
{
    memset(e, 0, sizeof *e);
    e->origin = origin;
    const char *id = nonempty_string(f, item, "id", true, where);
    const char *title = nonempty_string(f, item, "title", true, where);
    const char *summary = nonempty_string(f, item, "summary", true, where);
    const char *source = nonempty_string(f, item, "source", true, where);
    const char *note = nonempty_string(f, item, "note", false, where);
    if (!id || !title || !summary || !source || !json_span(f, item, "date", true, where, &e->date))
        return false;
    e->start = wk_span_start(&e->date);
    e->end = wk_span_end(&e->date);
    if (!span_in_range(atlas, f, where, "date", e->start, e->end))
        return false;
    int taken = atlas_event_find(atlas, id);
    if (atlas_id_taken(atlas, taken, atlas->user_events)) {
        atlas_repeated_id(f->diag, origin, "events", NULL, id, atlas->events[taken].origin);
        return false;
    }
    const cJSON *places = json_array(f, item, "places", true, where);
    if (!places)
        return false;
    e->places = resolve_places(atlas, f, places, where, &e->nplaces);
    e->tags = parse_tags(f, item, where);
    e->id = wk_strdup(id);
    e->title = wk_strdup(title);
    e->summary = wk_strdup(summary);
    e->source = wk_strdup(source);
    e->note = note && *note ? wk_strdup(note) : NULL;
    if (!e->places || !e->id || !e->title || !e->summary || !e->source ||
        (note && *note && !e->note)) {
        free(e->places), free(e->id), free(e->title), free(e->summary), free(e->source);
        free(e->note);
        return false;
    }
    return true;
}

void atlas_load_events(Atlas *atlas, const char *path, WkDiag *diag)
{
    JsonFile f;
    if (!json_file_open(&f, path, diag))
        return;
    const cJSON *events = json_array(&f, f.root, "events", true, "");
    int i = -1, cap = atlas->nevents;
    const char *file = atlas_file_keep(atlas, path);
    const cJSON *item;
    cJSON_ArrayForEach(item, events)
    {
        char where[32];
        snprintf(where, sizeof where, "events[%d]", ++i);
        AtlasEvent e;
        if (!load_event(atlas, &f, item, where, (AtlasOrigin){file, i}, &e))
            continue;
        if (!wk_grow((void **)&atlas->events, &cap, atlas->nevents + 1, sizeof e) ||
            !atlas_index_put(&atlas->event_ids, e.id, atlas->nevents)) {
            free(e.places), free(e.id), free(e.title), free(e.summary), free(e.source);
            free(e.note);
            wk_diag_error(diag, WK_ERR_NOMEM, "%s: out of memory", path);
            break;
        }
        atlas->events[atlas->nevents++] = e;
    }
    json_file_close(&f);
}

static int by_start(const void *a, const void *b)
{
    const AtlasEvent *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return strcmp(x->id, y->id);
}

bool atlas_link_events(Atlas *atlas, WkDiag *diag)
{
    /* Called before overlays load: they keep event indices, which sorting would move. */
    if (atlas->nevents > 1) /* with none, events is NULL, and qsort(NULL, 0) is undefined */
        qsort(atlas->events, (size_t)atlas->nevents, sizeof *atlas->events, by_start);
    for (int e = 0; e < atlas->nevents; e++) /* the same ids, at their sorted indices */
        atlas_index_put(&atlas->event_ids, atlas->events[e].id, e);
    /* Two passes over the events: count each place's events, then fill the lists in date
     * order. An event naming a place twice is listed once (`nevents` is the last entry). */
    int *count = calloc((size_t)(atlas->nplaces ? atlas->nplaces : 1), sizeof *count);
    if (!count)
        return wk_diag_error(diag, WK_ERR_NOMEM, "out of memory linking events"), false;
    for (int e = 0; e < atlas->nevents; e++)
        for (int k = 0; k < atlas->events[e].nplaces; k++)
            count[atlas->events[e].places[k]]++;
    bool ok = true;
    for (int p = 0; p < atlas->nplaces; p++) {
        AtlasPlace *place = &atlas->places[p];
        free(place->events);
        place->events = count[p] ? malloc(sizeof(int) * (size_t)count[p]) : NULL;
        place->nevents = 0;
        ok = ok && (place->events || !count[p]);
    }
    free(count);
    if (!ok)
        return wk_diag_error(diag, WK_ERR_NOMEM, "out of memory linking events"), false;
    for (int e = 0; e < atlas->nevents; e++) {
        for (int k = 0; k < atlas->events[e].nplaces; k++) {
            AtlasPlace *place = &atlas->places[atlas->events[e].places[k]];
            if (place->nevents == 0 || place->events[place->nevents - 1] != e)
                place->events[place->nevents++] = e;
        }
    }
    return true;
}
