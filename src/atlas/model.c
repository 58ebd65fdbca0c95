/*
 * The atlas model's lifetime and lookups. Lookups go through the id indexes (index.c), which
 * the loaders fill as they add records, so loading stays linear in the number of records.
 */
#include "atlas_internal.h"
#include "language.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void atlas_layer_clear(Atlas *atlas, void *layer)
{
    AtlasLayer *l = layer;
    free(l->id), free(l->t_start), free(l->t_end);
    geo_layer_free(atlas->geo, l->geo);
    memset(l, 0, sizeof *l);
}

void atlas_polity_clear(Atlas *atlas, void *polity)
{
    (void)atlas;
    AtlasPolity *p = polity;
    free(p->id), free(p->name), free(p->side);
    memset(p, 0, sizeof *p);
}

void atlas_event_clear(Atlas *atlas, void *event)
{
    (void)atlas;
    AtlasEvent *e = event;
    free(e->id), free(e->title), free(e->summary), free(e->source), free(e->note);
    free(e->places);
    memset(e, 0, sizeof *e);
}

void atlas_overlay_clear(Atlas *atlas, void *overlay)
{
    AtlasOverlay *o = overlay;
    free(o->id), free(o->name), free(o->note), free(o->source), free(o->status);
    free(o->symbol), free(o->events);
    geo_shape_free(atlas->geo, &o->shape);
    memset(o, 0, sizeof *o);
}

const char *atlas_file_keep(Atlas *atlas, const char *path)
{
    /* Most recent first: a loader asks for the file it is reading, which is usually the last. */
    for (int i = atlas->nfiles - 1; i >= 0; i--)
        if (!strcmp(atlas->files[i], path))
            return atlas->files[i];
    int cap = atlas->nfiles;
    char *copy = wk_strdup(path);
    if (!copy || !wk_grow((void **)&atlas->files, &cap, atlas->nfiles + 1, sizeof *atlas->files)) {
        free(copy);
        return NULL;
    }
    atlas->files[atlas->nfiles++] = copy;
    return copy;
}

/* "events[3]", "record 12" or "" (index -1), into buf. */
static const char *origin_place(AtlasOrigin o, const char *list, char *buf, size_t size)
{
    if (o.index < 0)
        snprintf(buf, size, "%s", "");
    else if (list)
        snprintf(buf, size, "%s[%d]", list, o.index);
    else
        snprintf(buf, size, "record %d", o.index);
    return buf;
}

WkStatus atlas_repeated_id(WkDiag *diag, AtlasOrigin again, const char *list, const char *what,
                           const char *id, AtlasOrigin first)
{
    char at[64], first_at[64];
    origin_place(again, list, at, sizeof at);
    origin_place(first, list, first_at, sizeof first_at);
    bool same_file = first.file && again.file && !strcmp(first.file, again.file);
    return wk_diag_error(diag, WK_ERR_INVALID,
                         "%s%s%s%s: %s%s\"%.*s\" is used twice; the first, at %s%s%s, is kept",
                         again.file ? again.file : "", *at ? ": " : "", at,
                         list && *at ? ".id" : "", what ? what : "", what ? " " : "",
                         WK_UTF8_QUOTE(id, 80), same_file || !first.file ? "" : first.file,
                         same_file || !first.file || !*first_at ? "" : ": ", first_at);
}

bool atlas_id_taken(const Atlas *atlas, int found, int user_start)
{
    return found >= 0 && !(atlas->merging && found < user_start);
}

static const char *record_id(const void *array, int i, size_t size)
{
    return *(char *const *)((const char *)array + (size_t)i * size);
}

int atlas_drop_overridden(Atlas *atlas, void *array, int n, int user_start, size_t size,
                          void (*clear)(Atlas *, void *), AtlasIndex *ids)
{
    char *bytes = array;
    int kept = 0;
    for (int i = 0; i < n; i++) {
        bool replaced = false;
        for (int u = user_start; i < user_start && u < n && !replaced; u++)
            replaced = !strcmp(record_id(array, i, size), record_id(array, u, size));
        if (replaced) {
            clear(atlas, bytes + (size_t)i * size);
            continue;
        }
        if (kept != i)
            memcpy(bytes + (size_t)kept * size, bytes + (size_t)i * size, size);
        kept++;
    }
    if (kept != n) {
        atlas_index_free(ids);
        for (int i = 0; i < kept; i++)
            atlas_index_put(ids, record_id(array, i, size), i);
    }
    return kept;
}

void atlas_free(Atlas *atlas)
{
    if (!atlas)
        return;
    atlas_free_languages(atlas); /* sized by the counts below */
    for (int i = 0; i < atlas->nlayers; i++)
        atlas_layer_clear(atlas, &atlas->layers[i]);
    free(atlas->layers);
    for (int i = 0; i < atlas->nplaces; i++) {
        AtlasPlace *p = &atlas->places[i];
        free(p->id), free(p->name), free(p->name_zh), free(p->name_fa), free(p->kind);
        free(p->events);
    }
    free(atlas->places);
    for (int i = 0; i < atlas->neras; i++)
        free(atlas->eras[i].id), free(atlas->eras[i].name), free(atlas->eras[i].short_name);
    free(atlas->eras);
    for (int i = 0; i < atlas->npolities; i++)
        atlas_polity_clear(atlas, &atlas->polities[i]);
    free(atlas->polities);
    for (int i = 0; i < atlas->noverlays; i++)
        atlas_overlay_clear(atlas, &atlas->overlays[i]);
    free(atlas->overlays);
    for (int i = 0; i < atlas->nfiles; i++)
        free(atlas->files[i]);
    free(atlas->files);
    for (int i = 0; i < atlas->nevents; i++)
        atlas_event_clear(atlas, &atlas->events[i]);
    free(atlas->events);
    for (int i = 0; i < ATLAS_FONT_COUNT; i++)
        free(atlas->fonts[i]);
    atlas_index_free(&atlas->place_ids);
    atlas_index_free(&atlas->event_ids);
    atlas_index_free(&atlas->polity_ids);
    atlas_index_free(&atlas->overlay_ids);
    geo_proj_destroy(atlas->proj);
    free(atlas->manifest);
    free(atlas->title);
    free(atlas->projection);
    /* After every overlay: they read from these. */
    for (int i = 0; i < atlas->ncache_maps; i++)
        geo_cache_map_free(atlas->cache_maps[i]);
    free(atlas->cache_maps);
    free(atlas);
}

int atlas_place_find(const Atlas *atlas, const char *id)
{
    return atlas_index_get(&atlas->place_ids, id);
}

int atlas_event_find(const Atlas *atlas, const char *id)
{
    return atlas_index_get(&atlas->event_ids, id);
}

int atlas_polity_find(const Atlas *atlas, const char *id)
{
    return atlas_index_get(&atlas->polity_ids, id);
}

int atlas_overlay_find(const Atlas *atlas, const char *id)
{
    return atlas_index_get(&atlas->overlay_ids, id);
}

static const char *const kind_names[ATLAS_KIND_COUNT] = {
    "control", "protectorate", "tributary", "claim", "occupation", "contested", "unclaimed",
    "route",   "rail",         "corridor",  "air",   "cable",      "site"};

const char *atlas_kind_name(AtlasKind kind)
{
    return kind >= 0 && kind < ATLAS_KIND_COUNT ? kind_names[kind] : "unknown";
}

bool atlas_kind_is_area(AtlasKind kind)
{
    return kind <= ATLAS_UNCLAIMED;
}

bool atlas_kind_is_unheld(AtlasKind kind)
{
    return kind == ATLAS_CONTESTED || kind == ATLAS_UNCLAIMED;
}

bool atlas_kind_is_line(AtlasKind kind)
{
    return kind >= ATLAS_ROUTE && kind <= ATLAS_CABLE;
}

static const char *const tag_names[ATLAS_TAG_COUNT] = {
    "diplomacy", "trade", "aid", "military", "security", "infrastructure", "religion", "culture"};

const char *atlas_tag_name(unsigned tag_bit)
{
    for (int i = 0; i < ATLAS_TAG_COUNT; i++)
        if (tag_bit == 1u << i)
            return tag_names[i];
    return NULL;
}

bool atlas_project(const Atlas *atlas, double lon, double lat, double *x, double *y)
{
    double xy[2] = {lon, lat};
    if (!atlas->proj || !geo_proj_forward(atlas->proj, xy, 1))
        return false;
    *x = xy[0];
    *y = xy[1];
    return true;
}

bool atlas_unproject(const Atlas *atlas, double x, double y, double *lon, double *lat)
{
    double xy[2] = {x, y};
    if (!atlas->proj || !geo_proj_inverse(atlas->proj, xy, 1))
        return false;
    *lon = xy[0];
    *lat = xy[1];
    return true;
}
