/*
 * The GeoJSON overlay loader. Each feature becomes an AtlasOverlay with its geometry projected
 * into the map. Geometry is checked for what would break drawing (non-numbers, coordinates off
 * the globe, rings too short); validity in the GEOS sense is left to atlas_validate, and the
 * renderer repairs invalid fills before triangulating them.
 */
#include "atlas_internal.h"
#include "json.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A single overlay feature may not have more vertices than this. */
#define MAX_FEATURE_VERTICES 5000000

typedef struct Coords {
    double *xy;
    int *part;
    unsigned char *roles; /* GEO_RING_OUTER or GEO_RING_HOLE per part */
    int npoints, nparts, cap_points, cap_parts, cap_roles;
} Coords;

static bool coords_part(Coords *c, unsigned char role)
{
    if (!atlas_grow((void **)&c->part, &c->cap_parts, c->nparts + 2, sizeof(int)) ||
        !atlas_grow((void **)&c->roles, &c->cap_roles, c->nparts + 2, 1))
        return false;
    c->roles[c->nparts] = role;
    c->part[c->nparts++] = c->npoints;
    return true;
}

static bool coords_add(Coords *c, double x, double y)
{
    if (!atlas_grow((void **)&c->xy, &c->cap_points, 2 * (c->npoints + 1), sizeof(double)))
        return false;
    c->xy[2 * c->npoints] = x;
    c->xy[2 * c->npoints + 1] = y;
    c->npoints++;
    return true;
}

/* Reads one position [lon, lat, ...]. */
static const char *read_position(const cJSON *pos, double *lon, double *lat)
{
    const cJSON *x = cJSON_GetArrayItem(pos, 0), *y = cJSON_GetArrayItem(pos, 1);
    if (!cJSON_IsArray(pos) || !cJSON_IsNumber(x) || !cJSON_IsNumber(y))
        return "a position should be [longitude, latitude]";
    *lon = x->valuedouble;
    *lat = y->valuedouble;
    if (!isfinite(*lon) || !isfinite(*lat) || fabs(*lon) > 180 || fabs(*lat) > 90)
        return "a position lies off the globe";
    return NULL;
}

/* Reads an array of positions as one part; `ring` closes it and needs four positions. */
static const char *read_part(Coords *c, const cJSON *arr, bool ring, unsigned char role)
{
    if (!cJSON_IsArray(arr))
        return "coordinates are nested wrongly";
    int n = cJSON_GetArraySize(arr);
    if (n < (ring ? 4 : 2))
        return ring ? "a ring needs at least four positions" : "a line needs two positions";
    if (c->npoints + n > MAX_FEATURE_VERTICES)
        return "too many vertices";
    if (!coords_part(c, role))
        return "out of memory";
    const cJSON *pos;
    cJSON_ArrayForEach(pos, arr)
    {
        double lon, lat;
        const char *why = read_position(pos, &lon, &lat);
        if (why)
            return why;
        if (!coords_add(c, lon, lat))
            return "out of memory";
    }
    if (ring) {
        const double *first = c->xy + 2 * c->part[c->nparts - 1],
                     *last = c->xy + 2 * (c->npoints - 1);
        if (first[0] != last[0] || first[1] != last[1])
            return "a ring is not closed (its last position should repeat its first)";
    }
    return NULL;
}

/* Reads `depth` levels of arrays of parts: 0 = one part, 1 = array of parts, 2 = array of
 * arrays of parts. */
static const char *read_parts(Coords *c, const cJSON *arr, int depth, bool ring)
{
    if (depth == 0)
        return read_part(c, arr, ring, GEO_RING_OUTER);
    if (!cJSON_IsArray(arr))
        return "coordinates are nested wrongly";
    if (cJSON_GetArraySize(arr) == 0)
        return "the geometry is empty";
    const cJSON *item;
    int index = 0;
    cJSON_ArrayForEach(item, arr)
    {
        /* In a polygon's list of rings the first is the outer ring, the rest are holes. */
        const char *why =
            depth == 1 && ring
                ? read_part(c, item, true, index == 0 ? GEO_RING_OUTER : GEO_RING_HOLE)
                : read_parts(c, item, depth - 1, ring);
        if (why)
            return why;
        index++;
    }
    return NULL;
}

static const char *read_geometry(const cJSON *geom, Coords *c, GeoKind *kind)
{
    const cJSON *type = cJSON_GetObjectItemCaseSensitive(geom, "type");
    const cJSON *coords = cJSON_GetObjectItemCaseSensitive(geom, "coordinates");
    if (!cJSON_IsString(type) || !coords)
        return "a geometry needs \"type\" and \"coordinates\"";
    const char *t = type->valuestring;
    if (!strcmp(t, "Point")) {
        double lon, lat;
        const char *why = read_position(coords, &lon, &lat);
        *kind = GEO_POINT;
        if (why)
            return why;
        return coords_part(c, GEO_RING_OUTER) && coords_add(c, lon, lat) ? NULL : "out of memory";
    }
    if (!strcmp(t, "MultiPoint")) {
        *kind = GEO_POINT;
        const char *why = read_parts(c, coords, 0, false);
        if (!why && c->nparts > 0)
            c->nparts = 1; /* all points form one part */
        return why;
    }
    if (!strcmp(t, "LineString"))
        return *kind = GEO_LINE, read_parts(c, coords, 0, false);
    if (!strcmp(t, "MultiLineString"))
        return *kind = GEO_LINE, read_parts(c, coords, 1, false);
    if (!strcmp(t, "Polygon"))
        return *kind = GEO_POLYGON, read_parts(c, coords, 1, true);
    if (!strcmp(t, "MultiPolygon"))
        return *kind = GEO_POLYGON, read_parts(c, coords, 2, true);
    return "the geometry type is not one Wakhan draws (Point, LineString, Polygon and their Multi "
           "forms)";
}

static bool parse_kind(const char *s, AtlasKind *kind)
{
    for (int k = 0; k < ATLAS_KIND_COUNT; k++) {
        if (!strcmp(s, atlas_kind_name((AtlasKind)k))) {
            *kind = (AtlasKind)k;
            return true;
        }
    }
    return false;
}

static int *resolve_events(const Atlas *atlas, const JsonFile *f, const cJSON *arr,
                           const char *where, int *count)
{
    int n = cJSON_GetArraySize(arr), k = 0;
    int *out = malloc(sizeof(int) * (size_t)(n ? n : 1));
    if (!out)
        return NULL;
    const cJSON *id;
    cJSON_ArrayForEach(id, arr)
    {
        int e = cJSON_IsString(id) ? atlas_event_find(atlas, id->valuestring) : -1;
        if (e < 0)
            json_error(f, where, "events", "no event has the id \"%.*s\"",
                       WK_UTF8_QUOTE(cJSON_IsString(id) ? id->valuestring : "(not a string)", 40));
        else
            out[k++] = e;
    }
    *count = k;
    return out;
}

/* Reads the properties; false (with a message) when the feature cannot be shown. */
static bool read_properties(Atlas *atlas, const JsonFile *f, const cJSON *props, const char *where,
                            AtlasOverlay *o)
{
    const char *id = json_string(f, props, "id", true, where);
    const char *kind = json_string(f, props, "kind", true, where);
    const char *name = json_string(f, props, "name", true, where);
    const char *source = json_string(f, props, "source", true, where);
    WkSpan start, end;
    if (!id || !kind || !name || !source || !json_span(f, props, "start", true, where, &start) ||
        !json_span(f, props, "end", true, where, &end))
        return false;
    if (!parse_kind(kind, &o->kind))
        return json_error(f, where, "kind", "\"%.*s\" is not a kind", WK_UTF8_QUOTE(kind, 30)),
               false;
    int taken = atlas_overlay_find(atlas, id);
    if (atlas_id_taken(atlas, taken, atlas->user_overlays))
        return atlas_repeated_id(f->diag, o->origin, "features", NULL, id,
                                 atlas->overlays[taken].origin),
               false;
    o->start_date = start.first;
    o->end_date = end.first;
    o->start = wk_span_start(&start);
    o->end = wk_span_start(&end);
    if (o->end <= o->start)
        return json_error(f, where, "end", "should be after the start"), false;
    if (o->start < atlas->t_min - 1 || o->end > atlas->t_max + 1)
        return json_error(f, where, "start", "the span lies outside the atlas's time range"), false;
    o->polity = -1;
    bool needs_polity = atlas_kind_is_area(o->kind) && !atlas_kind_is_unheld(o->kind);
    const char *polity = json_string(f, props, "polity", needs_polity, where);
    if (polity && (o->polity = atlas_polity_find(atlas, polity)) < 0)
        json_error(f, where, "polity", "no polity has the id \"%.*s\"", WK_UTF8_QUOTE(polity, 40));
    if (needs_polity && o->polity < 0)
        return false;
    o->certainty = ATLAS_CERTAIN_MEDIUM;
    const char *certainty = json_string(f, props, "certainty", false, where);
    if (certainty) {
        if (!strcmp(certainty, "high"))
            o->certainty = ATLAS_CERTAIN_HIGH;
        else if (!strcmp(certainty, "low"))
            o->certainty = ATLAS_CERTAIN_LOW;
        else if (strcmp(certainty, "medium"))
            json_error(f, where, "certainty", "should be \"high\", \"medium\" or \"low\"");
    }
    o->place = -1;
    const char *place = json_string(f, props, "place", false, where);
    if (place && (o->place = atlas_place_find(atlas, place)) < 0)
        json_error(f, where, "place", "no place has the id \"%.*s\"", WK_UTF8_QUOTE(place, 40));
    const cJSON *events = json_array(f, props, "events", false, where);
    if (events && !(o->events = resolve_events(atlas, f, events, where, &o->nevents)))
        return false;
    o->id = wk_strdup(id);
    o->name = wk_strdup(name);
    o->source = wk_strdup(source);
    o->note = json_string_dup(f, props, "note", false, where);
    o->status = json_string_dup(f, props, "status", false, where);
    o->symbol = json_string_dup(f, props, "symbol", false, where);
    return o->id && o->name && o->source;
}

static bool kind_fits(AtlasKind kind, GeoKind geo)
{
    if (atlas_kind_is_area(kind))
        return geo == GEO_POLYGON;
    if (atlas_kind_is_line(kind))
        return geo == GEO_LINE;
    return geo == GEO_POINT;
}

static bool load_feature(Atlas *atlas, const JsonFile *f, const cJSON *feat, const char *where,
                         AtlasOrigin origin, AtlasOverlay *o)
{
    Coords c = {0};
    GeoKind kind = GEO_POINT;
    memset(o, 0, sizeof *o);
    o->origin = origin;
    const cJSON *props = cJSON_GetObjectItemCaseSensitive(feat, "properties");
    const cJSON *geom = cJSON_GetObjectItemCaseSensitive(feat, "geometry");
    if (!cJSON_IsObject(props))
        return json_error(f, where, "properties", "missing"), false;
    if (!read_properties(atlas, f, props, where, o))
        goto fail;
    const char *why = cJSON_IsObject(geom) ? read_geometry(geom, &c, &kind)
                                           : "missing (a feature needs a geometry)";
    if (why) {
        json_error(f, where, "geometry", "%s", why);
        goto fail;
    }
    if (!kind_fits(o->kind, kind)) {
        json_error(f, where, "geometry", "a %s needs %s geometry", atlas_kind_name(o->kind),
                   atlas_kind_is_area(o->kind)   ? "Polygon or MultiPolygon"
                   : atlas_kind_is_line(o->kind) ? "LineString or MultiLineString"
                                                 : "Point");
        goto fail;
    }
    if (!geo_proj_forward(atlas->proj, c.xy, c.npoints)) {
        json_error(f, where, "geometry", "a position cannot be projected");
        goto fail;
    }
    if (!geo_shape_init(&o->shape, kind, c.xy, c.npoints, c.part, c.nparts) ||
        (kind == GEO_POLYGON && !geo_shape_set_roles(&o->shape, c.roles)))
        goto fail;
    free(c.xy);
    free(c.part);
    free(c.roles);
    return true;
fail:
    free(c.xy);
    free(c.part);
    free(c.roles);
    atlas_overlay_clear(atlas, o);
    return false;
}

void atlas_load_overlays(Atlas *atlas, const char *path, WkDiag *diag)
{
    JsonFile f;
    if (!json_file_open(&f, path, diag))
        return;
    const cJSON *type = cJSON_GetObjectItemCaseSensitive(f.root, "type");
    if (!cJSON_IsString(type) || strcmp(type->valuestring, "FeatureCollection")) {
        wk_diag_error(diag, WK_ERR_INVALID, "%s: should be a GeoJSON FeatureCollection", path);
        json_file_close(&f);
        return;
    }
    const char *file = atlas_file_keep(atlas, path);
    if (!file) {
        wk_diag_error(diag, WK_ERR_NOMEM, "%s: out of memory", path);
        json_file_close(&f);
        return;
    }
    const cJSON *features = json_array(&f, f.root, "features", true, "");
    int i = -1, cap = atlas->noverlays, first = atlas->noverlays;
    const cJSON *item;
    cJSON_ArrayForEach(item, features)
    {
        char where[32];
        snprintf(where, sizeof where, "features[%d]", ++i);
        AtlasOverlay o;
        if (!load_feature(atlas, &f, item, where, (AtlasOrigin){file, i}, &o))
            continue;
        if (!atlas_grow((void **)&atlas->overlays, &cap, atlas->noverlays + 1, sizeof o) ||
            !atlas_index_put(&atlas->overlay_ids, o.id, atlas->noverlays)) {
            atlas_overlay_clear(atlas, &o);
            wk_diag_error(diag, WK_ERR_NOMEM, "%s: out of memory", path);
            break;
        }
        atlas->overlays[atlas->noverlays++] = o;
    }
    json_file_close(&f);
    /* Levels of detail and fill meshes come from the prepared-geometry cache, or are made now
     * and kept there, so the first frame at each scale does not stop to triangulate. */
    geo_progress_step(atlas->geo);
    int count = atlas->noverlays - first;
    GeoShape **shapes = count > 0 ? malloc(sizeof *shapes * (size_t)count) : NULL;
    for (int i = 0; shapes && i < count; i++)
        shapes[i] = &atlas->overlays[first + i].shape;
    if (shapes)
        geo_shapes_prepare_cached(atlas->geo, path, atlas->projection, shapes, count);
    free(shapes);
}
