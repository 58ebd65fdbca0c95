/*
 * Loading an atlas: the manifest first, then the files it names in dependency order (layers,
 * places, timeline, events, overlays), then the links between them. Every file is optional to
 * the extent that the atlas can still be shown without it; only a manifest that cannot be read
 * or projected makes the load fail.
 */
#include "atlas_internal.h"
#include "language.h"
#include "json.h"
#include "geo/cache.h"

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define DEFAULT_PROJECTION                                                                         \
    "+proj=aea +lat_0=36 +lon_0=80 +lat_1=28 +lat_2=46 +datum=WGS84 +units=m +no_defs"
/* Samples along each edge when projecting the region's outline into a box. */
#define REGION_EDGE_SAMPLES 32

/* An atlas is named by its directory or by its manifest file. */
static char *manifest_path(const char *path)
{
    struct stat st;
    size_t n = strlen(path);
    bool is_file =
        stat(path, &st) == 0 ? !S_ISDIR(st.st_mode) : n >= 5 && !strcmp(path + n - 5, ".json");
    return is_file ? wk_strdup(path) : wk_path_join(path, "atlas.json");
}

static void load_style(const JsonFile *f, const cJSON *obj, const char *where, AtlasStyle *s)
{
    s->width = 1.0f;
    if (!obj)
        return;
    if (cJSON_GetObjectItemCaseSensitive(obj, "fill"))
        s->has_fill = json_color(f, obj, "fill", false, where, &s->fill);
    if (cJSON_GetObjectItemCaseSensitive(obj, "stroke"))
        s->has_stroke = json_color(f, obj, "stroke", false, where, &s->stroke);
    double width = s->width;
    if (json_number(f, obj, "width", false, where, &width)) {
        if (width < 0 || width > 50)
            json_error(f, where, "width", "%g is not a stroke width (0 to 50 pixels)", width);
        else
            s->width = (float)width;
    }
    const cJSON *dash = cJSON_GetObjectItemCaseSensitive(obj, "dash");
    s->dash = cJSON_IsTrue(dash);
    json_number(f, obj, "min_span_km", false, where, &s->min_span_km);
    json_number(f, obj, "max_span_km", false, where, &s->max_span_km);
}

/* Reads the "start" and "end" fields of a layer's features, if it has both. A value that is
 * empty leaves that side open; one that is not a date is reported and left open too. */
static void load_layer_spans(AtlasLayer *layer, WkDiag *diag)
{
    const GeoLayer *geo = layer->geo;
    int fs = geo_layer_field(geo, "start"), fe = geo_layer_field(geo, "end");
    if (fs < 0 || fe < 0)
        return;
    layer->t_start = malloc(sizeof(double) * (size_t)(geo->count ? geo->count : 1));
    layer->t_end = malloc(sizeof(double) * (size_t)(geo->count ? geo->count : 1));
    if (!layer->t_start || !layer->t_end) {
        free(layer->t_start), free(layer->t_end);
        layer->t_start = layer->t_end = NULL;
        return;
    }
    for (int i = 0; i < geo->count; i++) {
        const char *a = geo_feature_value(&geo->features[i], fs);
        const char *b = geo_feature_value(&geo->features[i], fe);
        WkSpan sa, sb;
        layer->t_start[i] = -INFINITY;
        layer->t_end[i] = INFINITY;
        if (*a && wk_span_parse(a, &sa))
            layer->t_start[i] = wk_span_start(&sa);
        else if (*a)
            wk_diag_warn(diag, "%s: record %d: start \"%.*s\" is not a date; shown always",
                         geo->path, geo->features[i].record, WK_UTF8_QUOTE(a, 20));
        if (*b && wk_span_parse(b, &sb))
            layer->t_end[i] = wk_span_start(&sb);
        else if (*b)
            wk_diag_warn(diag, "%s: record %d: end \"%.*s\" is not a date; shown always", geo->path,
                         geo->features[i].record, WK_UTF8_QUOTE(b, 20));
    }
}

/* Loads the shapefile at `path` as layer `id`, into slot `replace` (freeing what was there) or,
 * with -1, after the others. NULL when the file cannot be used (diag names it). */
static AtlasLayer *put_layer(Atlas *atlas, int *cap, int replace, const char *id, const char *path,
                             AtlasStyle style, AtlasOrigin origin, WkDiag *diag)
{
    GeoLayer *geo =
        geo_layer_load_cached(atlas->geo, path, atlas->projection, style.has_fill, diag);
    geo_progress_step(atlas->geo);
    if (!geo)
        return NULL;
    if (replace < 0 &&
        !wk_grow((void **)&atlas->layers, cap, atlas->nlayers + 1, sizeof *atlas->layers)) {
        geo_layer_free(atlas->geo, geo);
        wk_diag_error(diag, WK_ERR_NOMEM, "%s: out of memory", path);
        return NULL;
    }
    AtlasLayer *layer = replace >= 0 ? &atlas->layers[replace] : &atlas->layers[atlas->nlayers++];
    if (replace >= 0)
        atlas_layer_clear(atlas, layer);
    memset(layer, 0, sizeof *layer);
    layer->id = wk_strdup(id);
    layer->geo = geo;
    layer->style = style;
    layer->label_field = -1;
    layer->origin = origin;
    return layer;
}

/* The layer called `id`, or -1. Layers are few; a list is enough. */
static int layer_find(const Atlas *atlas, const char *id)
{
    for (int l = 0; l < atlas->nlayers; l++)
        if (!strcmp(atlas->layers[l].id, id))
            return l;
    return -1;
}

static void load_layers(Atlas *atlas, const JsonFile *f, WkDiag *diag)
{
    const cJSON *layers = json_array(f, f->root, "layers", false, "");
    int i = -1, cap = 0;
    const cJSON *item;
    cJSON_ArrayForEach(item, layers)
    {
        char where[32];
        snprintf(where, sizeof where, "layers[%d]", ++i);
        const char *id = json_string(f, item, "id", true, where);
        const char *file = json_string(f, item, "file", true, where);
        if (!id || !file)
            continue;
        AtlasOrigin origin = {atlas_file_keep(atlas, f->path), i};
        int taken = layer_find(atlas, id);
        if (taken >= 0) {
            /* Not loaded at all: a second copy would cost its preparation for nothing. */
            atlas_repeated_id(diag, origin, "layers", NULL, id, atlas->layers[taken].origin);
            continue;
        }
        /* The style first: whether the layer is filled decides if fill meshes are made. */
        AtlasStyle style = {0};
        char style_where[48];
        snprintf(style_where, sizeof style_where, "%s.style", where);
        load_style(f, cJSON_GetObjectItemCaseSensitive(item, "style"), style_where, &style);
        char *path = wk_path_relative_to(f->path, file);
        AtlasLayer *layer = path ? put_layer(atlas, &cap, -1, id, path, style, origin, diag) : NULL;
        free(path);
        if (!layer)
            continue; /* the message names the shapefile */
        const char *label = json_string(f, item, "label", false, where);
        layer->label_field = label ? geo_layer_field(layer->geo, label) : -1;
        if (label && layer->label_field < 0)
            json_error(f, where, "label", "the layer has no field \"%s\"", label);
        load_layer_spans(layer, diag);
    }
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool valid_id(const char *id)
{
    if (!*id)
        return false;
    for (const char *p = id; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_' || *p == '-'))
            return false;
    return true;
}

static void load_places(Atlas *atlas, const JsonFile *f, WkDiag *diag)
{
    const cJSON *places = cJSON_GetObjectItemCaseSensitive(f->root, "places");
    if (!places)
        return;
    const char *layer_id = json_string(f, places, "layer", true, "places");
    if (!layer_id)
        return;
    atlas->places_layer = layer_find(atlas, layer_id);
    if (atlas->places_layer < 0) {
        json_error(f, "places", "layer", "no loaded layer is called \"%s\"", layer_id);
        return;
    }
    const GeoLayer *geo = atlas->layers[atlas->places_layer].geo;
    if (geo->kind != GEO_POINT) {
        json_error(f, "places", "layer", "\"%s\" is not a point layer", layer_id);
        return;
    }
    int fid = geo_layer_field(geo, "id"), fname = geo_layer_field(geo, "name");
    if (fid < 0 || fname < 0) {
        wk_diag_error(diag, WK_ERR_INVALID, "%s: places need the fields \"id\" and \"name\"",
                      geo->path);
        return;
    }
    int fzh = geo_layer_field(geo, "name_zh"), ffa = geo_layer_field(geo, "name_fa");
    const char *file = atlas_file_keep(atlas, geo->path);
    int frank = geo_layer_field(geo, "rank"), fkind = geo_layer_field(geo, "kind");
    atlas->places = calloc((size_t)(geo->count ? geo->count : 1), sizeof *atlas->places);
    if (!atlas->places)
        return;
    for (int i = 0; i < geo->count; i++) {
        const GeoFeature *feat = &geo->features[i];
        const char *id = geo_feature_value(feat, fid);
        if (!valid_id(id)) {
            wk_diag_warn(diag,
                         "%s: record %d: place id \"%s\" is empty or not lower-case ASCII; "
                         "skipped",
                         geo->path, feat->record, id);
            continue;
        }
        AtlasOrigin origin = {file, feat->record};
        int taken = atlas_place_find(atlas, id);
        if (taken >= 0) {
            atlas_repeated_id(diag, origin, NULL, "place id", id, atlas->places[taken].origin);
            continue;
        }
        AtlasPlace *p = &atlas->places[atlas->nplaces];
        p->origin = origin;
        p->id = wk_strdup(id);
        if (!p->id || !atlas_index_put(&atlas->place_ids, p->id, atlas->nplaces)) {
            free(p->id);
            p->id = NULL;
            wk_diag_error(diag, WK_ERR_NOMEM, "%s: out of memory", geo->path);
            break;
        }
        atlas->nplaces++;
        p->name = wk_strdup(geo_feature_value(feat, fname));
        p->name_zh = wk_strdup(geo_feature_value(feat, fzh));
        p->name_fa = wk_strdup(geo_feature_value(feat, ffa));
        p->kind = wk_strdup(geo_feature_value(feat, fkind));
        p->rank = atoi(geo_feature_value(feat, frank));
        if (p->rank < 1 || p->rank > 5)
            p->rank = 5;
        p->x = feat->shape.path.xy[0];
        p->y = feat->shape.path.xy[1];
        atlas_unproject(atlas, p->x, p->y, &p->lon, &p->lat);
    }
}

static void load_region(Atlas *atlas, const JsonFile *f)
{
    static const double default_region[4] = {44, 18, 122, 56};
    memcpy(atlas->region, default_region, sizeof atlas->region);
    const cJSON *region = json_array(f, f->root, "region", false, "");
    if (region) {
        double r[4];
        bool ok = cJSON_GetArraySize(region) == 4;
        for (int i = 0; ok && i < 4; i++) {
            const cJSON *v = cJSON_GetArrayItem(region, i);
            ok = cJSON_IsNumber(v) && isfinite(v->valuedouble);
            r[i] = ok ? v->valuedouble : 0;
        }
        ok = ok && r[0] >= -180 && r[2] <= 180 && r[0] < r[2] && r[1] >= -90 && r[3] <= 90 &&
             r[1] < r[3];
        if (ok)
            memcpy(atlas->region, r, sizeof r);
        else
            json_error(f, "", "region", "should be [west, south, east, north] in degrees");
    }
    geo_box_empty(&atlas->region_box);
    for (int i = 0; i <= REGION_EDGE_SAMPLES; i++) {
        double s = (double)i / REGION_EDGE_SAMPLES, x, y;
        double lon = atlas->region[0] + s * (atlas->region[2] - atlas->region[0]);
        double lat = atlas->region[1] + s * (atlas->region[3] - atlas->region[1]);
        double edge[4][2] = {{lon, atlas->region[1]},
                             {lon, atlas->region[3]},
                             {atlas->region[0], lat},
                             {atlas->region[2], lat}};
        for (int k = 0; k < 4; k++)
            if (atlas_project(atlas, edge[k][0], edge[k][1], &x, &y))
                geo_box_add(&atlas->region_box, x, y);
    }
}

static void load_view(Atlas *atlas, const JsonFile *f)
{
    const GeoBox *b = &atlas->region_box;
    atlas->view_x = (b->minx + b->maxx) / 2;
    atlas->view_y = (b->miny + b->maxy) / 2;
    atlas->view_span = b->maxx - b->minx;
    const cJSON *view = cJSON_GetObjectItemCaseSensitive(f->root, "view");
    if (!view)
        return;
    const cJSON *center = json_array(f, view, "center", false, "view");
    if (center) {
        const cJSON *lon = cJSON_GetArrayItem(center, 0), *lat = cJSON_GetArrayItem(center, 1);
        if (cJSON_GetArraySize(center) != 2 || !cJSON_IsNumber(lon) || !cJSON_IsNumber(lat) ||
            !atlas_project(atlas, lon->valuedouble, lat->valuedouble, &atlas->view_x,
                           &atlas->view_y))
            json_error(f, "view", "center", "should be [longitude, latitude] inside the region");
    }
    double span_km = 0;
    if (json_number(f, view, "span_km", false, "view", &span_km) && span_km != 0) {
        if (span_km < 10 || span_km > 20000)
            json_error(f, "view", "span_km", "%g is not a view width (10 to 20000 km)", span_km);
        else
            atlas->view_span = span_km * 1000;
    }
    double year = 0;
    if (cJSON_GetObjectItemCaseSensitive(view, "year") &&
        json_number(f, view, "year", false, "view", &year)) {
        if (year != floor(year) || year < WK_YEAR_MIN || year > WK_YEAR_MAX)
            json_error(f, "view", "year", "%g is not a year (astronomical, -103 for 104 BC)", year);
        else
            atlas->view_t = wk_time_from_ymd((int)year, 1, 1), atlas->has_view_t = true;
    }
}

static void load_fonts(Atlas *atlas, const JsonFile *f)
{
    static const char *const keys[ATLAS_FONT_COUNT] = {"latin", "cjk", "arabic", "bold"};
    const cJSON *fonts = cJSON_GetObjectItemCaseSensitive(f->root, "fonts");
    for (int i = 0; fonts && i < ATLAS_FONT_COUNT; i++) {
        const char *file = json_string(f, fonts, keys[i], false, "fonts");
        if (file)
            atlas->fonts[i] = wk_path_relative_to(f->path, file);
    }
}

/* Loads each file named by a string or an array of strings under `key`. */
static void load_named_files(Atlas *atlas, const JsonFile *f, const char *key,
                             void (*loader)(Atlas *, const char *, WkDiag *))
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(f->root, key);
    if (!item)
        return;
    if (cJSON_IsString(item)) {
        char *path = wk_path_relative_to(f->path, item->valuestring);
        if (path)
            loader(atlas, path, f->diag);
        free(path);
        return;
    }
    if (!cJSON_IsArray(item)) {
        json_error(f, "", key, "should be a file name or a list of them");
        return;
    }
    /* The files read so far, by their real path, so that one listed twice ("events.json" and
     * "./events.json") is read once rather than giving an error for each of its records. */
    int n = cJSON_GetArraySize(item), i = -1;
    char **seen = calloc((size_t)(n ? n : 1), sizeof *seen);
    const cJSON *name;
    cJSON_ArrayForEach(name, item)
    {
        char where[48];
        snprintf(where, sizeof where, "%s[%d]", key, ++i);
        if (!cJSON_IsString(name)) {
            json_error(f, where, NULL, "should be a file name");
            continue;
        }
        char *path = wk_path_relative_to(f->path, name->valuestring);
        char *real = path ? realpath(path, NULL) : NULL;
        if (path && !real)
            real = wk_strdup(path); /* missing: the loader names it */
        int first = -1;
        for (int k = 0; real && seen && k < i && first < 0; k++)
            if (seen[k] && !strcmp(seen[k], real))
                first = k;
        if (first >= 0) {
            json_error(f, where, NULL, "\"%.*s\" is listed twice; it is read once, as %s[%d]",
                       WK_UTF8_QUOTE(name->valuestring, 80), key, first);
            free(real);
        } else if (path) {
            if (seen)
                seen[i] = real;
            else
                free(real);
            loader(atlas, path, f->diag);
        }
        free(path);
    }
    for (int k = 0; seen && k < n; k++)
        free(seen[k]);
    free(seen);
}

/* The names in `dir` that end in `suffix`, sorted, so the user's files load in a stable
 * order. NULL with *count 0 when the folder is missing or empty. */
static char **list_files(const char *dir, const char *suffix, int *count)
{
    *count = 0;
    DIR *d = opendir(dir);
    if (!d)
        return NULL;
    char **names = NULL;
    int cap = 0;
    size_t ls = strlen(suffix);
    for (struct dirent *e; (e = readdir(d));) {
        size_t ln = strlen(e->d_name);
        if (e->d_name[0] == '.' || ln <= ls || strcmp(e->d_name + ln - ls, suffix))
            continue;
        char *name = wk_strdup(e->d_name);
        if (!name || !wk_grow((void **)&names, &cap, *count + 1, sizeof *names)) {
            free(name);
            break;
        }
        names[(*count)++] = name;
    }
    closedir(d);
    if (*count > 1)
        qsort(names, (size_t)*count, sizeof *names, by_name);
    return names;
}

static void free_list(char **names, int count)
{
    for (int i = 0; i < count; i++)
        free(names[i]);
    free(names);
}

/* The user's shapefiles in maps/: one that shares a bundled layer's id (its file name without
 * .shp) takes that layer's place and style; a new one is drawn above the base layers in a
 * colour of its own. */
static void load_user_layers(Atlas *atlas, const char *user_dir, WkDiag *diag)
{
    char *dir = wk_path_join(user_dir, "maps");
    int n = 0, cap = atlas->nlayers;
    char **names = dir ? list_files(dir, ".shp", &n) : NULL;
    for (int i = 0; i < n; i++) {
        names[i][strlen(names[i]) - 4] = '\0';
        int same = layer_find(atlas, names[i]);
        AtlasStyle style = {.stroke = {107, 45, 143, 255},
                            .fill = {107, 45, 143, 48},
                            .has_stroke = true,
                            .has_fill = true,
                            .width = 1.5f};
        if (same >= 0)
            style = atlas->layers[same].style;
        char *file = wk_strfmt("%s/%s.shp", dir, names[i]);
        AtlasOrigin origin = {file ? atlas_file_keep(atlas, file) : NULL, -1};
        AtlasLayer *layer =
            file ? put_layer(atlas, &cap, same, names[i], file, style, origin, diag) : NULL;
        free(file);
        if (!layer)
            continue; /* the message names the shapefile */
        layer->label_field = geo_layer_field(layer->geo, "name");
        load_layer_spans(layer, diag);
    }
    free_list(names, n);
    free(dir);
}

/* Loads `name` in the user's folder with `loader` when it is there. */
static void load_user_file(Atlas *atlas, const char *user_dir, const char *name,
                           void (*loader)(Atlas *, const char *, WkDiag *), WkDiag *diag)
{
    char *path = wk_path_join(user_dir, name);
    struct stat st;
    if (path && stat(path, &st) == 0)
        loader(atlas, path, diag);
    free(path);
}

static void load_user_overlays(Atlas *atlas, const char *user_dir, WkDiag *diag)
{
    char *dir = wk_path_join(user_dir, "overlays");
    int n = 0;
    char **names = dir ? list_files(dir, ".geojson", &n) : NULL;
    for (int i = 0; i < n; i++) {
        char *path = wk_path_join(dir, names[i]);
        if (path)
            atlas_load_overlays(atlas, path, diag);
        free(path);
    }
    free_list(names, n);
    free(dir);
}

Atlas *atlas_load(GeoContext *geo, const char *path, WkDiag *diag)
{
    return atlas_load_with_user(geo, path, NULL, diag);
}

Atlas *atlas_load_with_user(GeoContext *geo, const char *path, const char *user_dir, WkDiag *diag)
{
    JsonFile f;
    Atlas *atlas = calloc(1, sizeof *atlas);
    char *manifest = manifest_path(path);
    if (!atlas || !manifest) {
        wk_diag_error(diag, WK_ERR_NOMEM, "%s: out of memory", path);
        free(manifest);
        free(atlas);
        return NULL;
    }
    atlas->geo = geo;
    atlas->manifest = manifest;
    atlas->places_layer = -1;
    if (!json_file_open(&f, manifest, diag))
        goto fail;
    if (!cJSON_IsObject(f.root)) {
        wk_diag_error(diag, WK_ERR_INVALID, "%s: should hold a JSON object", manifest);
        goto fail_json;
    }
    const char *title = json_string(&f, f.root, "title", false, "");
    atlas->title = wk_strdup(title ? title : "Wakhan");
    const cJSON *time = cJSON_GetObjectItemCaseSensitive(f.root, "time");
    WkSpan start, end;
    if (!time) {
        json_error(&f, "", "time", "missing");
        goto fail_json;
    }
    if (!json_span(&f, time, "start", true, "time", &start) ||
        !json_span(&f, time, "end", true, "time", &end))
        goto fail_json;
    atlas->t_min = wk_span_start(&start);
    atlas->t_max = wk_span_start(&end);
    if (atlas->t_max <= atlas->t_min) {
        json_error(&f, "time", "end", "should be after the start");
        goto fail_json;
    }
    const char *projection = json_string(&f, f.root, "projection", false, "");
    atlas->projection = wk_strdup(projection ? projection : DEFAULT_PROJECTION);
    char where[600];
    snprintf(where, sizeof where, "%s: projection", manifest);
    atlas->proj = geo_proj_create(geo, NULL, atlas->projection, diag, where);
    if (!atlas->proj)
        goto fail_json;
    load_region(atlas, &f);
    load_view(atlas, &f);
    load_fonts(atlas, &f);
    const cJSON *overlays = cJSON_GetObjectItemCaseSensitive(f.root, "overlays");
    geo_progress_begin(geo, cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(f.root, "layers")) +
                                (cJSON_IsString(overlays) ? 1 : cJSON_GetArraySize(overlays)));
    load_layers(atlas, &f, diag);
    struct stat st;
    bool user = user_dir && stat(user_dir, &st) == 0 && S_ISDIR(st.st_mode);
    if (user)
        load_user_layers(atlas, user_dir, diag);
    load_places(atlas, &f, diag);
    load_named_files(atlas, &f, "timeline", atlas_load_timeline);
    load_named_files(atlas, &f, "events", atlas_load_events);
    if (user) {
        /* The user's records come after the bundled ones; while merging, a reused id is not an
         * error, and the bundled record it names is dropped once all are read. */
        atlas->merging = true;
        atlas->user_polities = atlas->npolities;
        atlas->user_events = atlas->nevents;
        load_user_file(atlas, user_dir, "timeline.json", atlas_load_polities, diag);
        load_user_file(atlas, user_dir, "events.json", atlas_load_events, diag);
        atlas->npolities =
            atlas_drop_overridden(atlas, atlas->polities, atlas->npolities, atlas->user_polities,
                                  sizeof *atlas->polities, atlas_polity_clear, &atlas->polity_ids);
        atlas->nevents =
            atlas_drop_overridden(atlas, atlas->events, atlas->nevents, atlas->user_events,
                                  sizeof *atlas->events, atlas_event_clear, &atlas->event_ids);
    }
    /* Overlays name events by id and keep their indices, so events are sorted first. */
    atlas_link_events(atlas, diag);
    load_named_files(atlas, &f, "overlays", atlas_load_overlays);
    if (user) {
        atlas->user_overlays = atlas->noverlays;
        load_user_overlays(atlas, user_dir, diag);
        atlas->noverlays = atlas_drop_overridden(atlas, atlas->overlays, atlas->noverlays,
                                                 atlas->user_overlays, sizeof *atlas->overlays,
                                                 atlas_overlay_clear, &atlas->overlay_ids);
        atlas->merging = false;
    }
    /* Translations refer to all of the above by id. */
    atlas_load_languages(atlas, diag);
    json_file_close(&f);
    return atlas;
fail_json:
    json_file_close(&f);
fail:
    atlas_free(atlas);
    return NULL;
}
