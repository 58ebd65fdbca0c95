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
    if (!wk_grow((void **)&c->part, &c->cap_parts, c->nparts + 2, sizeof(int)) ||
        !wk_grow((void **)&c->roles, &c->cap_roles, c->nparts + 2, 1))
        return false;
    c->roles[c->nparts] = role;
    c->part[c->nparts++] = c->npoints;
    return true;
}

static bool coords_add(Coords *c, double x, double y)
{
    if (!wk_grow((void **)&c->xy, &c->cap_points, 2 * (c->npoints + 1), sizeof(double)))
        return false;
    c->xy[2 * c->npoints] = x;
    c->xy[2 * c->npoints + 1] = y;
    c->npoints++;
    return true;
}

/* A geometry's "coordinates", parsed from the file's text (they are lifted out of the cJSON
 * parse, see json_file_open_lifting): nodes in document order, an array's first item right
 * after it. */
typedef struct CoordNode {
    double value;
    int count; /* items of an array; NUMBER or OTHER (a string, true, false, null) */
    int next;  /* the next item of the same array, or -1 */
} CoordNode;

enum { NUMBER = -1, OTHER = -2 };

typedef struct CoordTree {
    CoordNode *node;
    int count, cap;
} CoordTree;

static bool is_digit(const char *p, const char *end)
{
    return p < end && *p >= '0' && *p <= '9';
}

/* Parses a JSON number strictly (strtod alone would take "inf", "0x1p3" or "1."). */
static const char *parse_number(const char *p, const char *end, double *out)
{
    const char *q = p;
    if (q < end && *q == '-')
        q++;
    if (!is_digit(q, end))
        return NULL;
    while (is_digit(q, end))
        q++;
    if (q < end && *q == '.') {
        if (!is_digit(++q, end))
            return NULL;
        while (is_digit(q, end))
            q++;
    }
    if (q < end && (*q == 'e' || *q == 'E')) {
        q++;
        if (q < end && (*q == '+' || *q == '-'))
            q++;
        if (!is_digit(q, end))
            return NULL;
        while (is_digit(q, end))
            q++;
    }
    *out = wk_decimal(p, q);
    return q;
}

/* Skips a JSON string or literal at `p`; NULL when it is not one. */
static const char *skip_token(const char *p, const char *end)
{
    if (*p == '"')
        return json_skip_string(p, end);
    static const char *const literals[] = {"true", "false", "null"};
    for (size_t i = 0; i < sizeof literals / sizeof *literals; i++) {
        size_t n = strlen(literals[i]);
        if ((size_t)(end - p) >= n && !memcmp(p, literals[i], n))
            return p + n;
    }
    return NULL;
}

/* Parses one value (an array of values, or a number) at `p`; NULL when it is anything else. */
static const char *parse_coords(CoordTree *t, const char *p, const char *end, int depth)
{
    p = json_skip_space(p, end);
    if (p >= end || depth > ATLAS_JSON_MAX_DEPTH ||
        !wk_grow((void **)&t->node, &t->cap, t->count + 1, sizeof *t->node))
        return NULL;
    int me = t->count++;
    t->node[me] = (CoordNode){0, NUMBER, -1};
    if (*p == '"' || *p == 't' || *p == 'f' || *p == 'n') {
        /* Not a number: kept so that the reader can say which position is wrong. */
        t->node[me].count = OTHER;
        return skip_token(p, end);
    }
    if (*p != '[')
        return parse_number(p, end, &t->node[me].value);
    t->node[me].count = 0;
    p = json_skip_space(p + 1, end);
    if (p < end && *p == ']')
        return p + 1;
    for (int prev = -1;;) {
        int child = t->count;
        if (!(p = parse_coords(t, p, end, depth + 1)))
            return NULL;
        if (prev >= 0)
            t->node[prev].next = child;
        prev = child;
        t->node[me].count++;
        p = json_skip_space(p, end);
        if (p < end && *p == ',')
            p++;
        else
            return p < end && *p == ']' ? p + 1 : NULL;
    }
}

static bool is_array(const CoordTree *t, int i)
{
    return t->node[i].count >= 0;
}

/* Reads one position [lon, lat, ...]. */
static const char *read_position(const CoordTree *t, int i, double *lon, double *lat)
{
    if (!is_array(t, i) || t->node[i].count < 2 || t->node[i + 1].count != NUMBER ||
        t->node[t->node[i + 1].next].count != NUMBER)
        return "a position should be [longitude, latitude]";
    *lon = t->node[i + 1].value;
    *lat = t->node[t->node[i + 1].next].value;
    if (!isfinite(*lon) || !isfinite(*lat) || fabs(*lon) > 180 || fabs(*lat) > 90)
        return "a position lies off the globe";
    return NULL;
}

/* Reads an array of positions as one part; `ring` closes it and needs four positions. */
static const char *read_part(Coords *c, const CoordTree *t, int i, bool ring, unsigned char role)
{
    if (!is_array(t, i))
        return "coordinates are nested wrongly";
    int n = t->node[i].count;
    if (n < (ring ? 4 : 2))
        return ring ? "a ring needs at least four positions" : "a line needs two positions";
    if (c->npoints + n > MAX_FEATURE_VERTICES)
        return "too many vertices";
    if (!coords_part(c, role))
        return "out of memory";
    for (int k = 0, pos = i + 1; k < n; k++, pos = t->node[pos].next) {
        double lon, lat;
        const char *why = read_position(t, pos, &lon, &lat);
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
static const char *read_parts(Coords *c, const CoordTree *t, int i, int depth, bool ring)
{
    if (depth == 0)
        return read_part(c, t, i, ring, GEO_RING_OUTER);
    if (!is_array(t, i))
        return "coordinates are nested wrongly";
    if (t->node[i].count == 0)
        return "the geometry is empty";
    for (int k = 0, item = i + 1; k < t->node[i].count; k++, item = t->node[item].next) {
        /* In a polygon's list of rings the first is the outer ring, the rest are holes. */
        const char *why = depth == 1 && ring
                              ? read_part(c, t, item, true, k == 0 ? GEO_RING_OUTER : GEO_RING_HOLE)
                              : read_parts(c, t, item, depth - 1, ring);
        if (why)
            return why;
    }
    return NULL;
}

/* The kind of shape a GeoJSON geometry type makes; false for a type Wakhan does not draw. */
static bool type_kind(const char *type, GeoKind *kind)
{
    static const struct {
        const char *type;
        GeoKind kind;
    } types[] = {{"Point", GEO_POINT},     {"MultiPoint", GEO_POINT},
                 {"LineString", GEO_LINE}, {"MultiLineString", GEO_LINE},
                 {"Polygon", GEO_POLYGON}, {"MultiPolygon", GEO_POLYGON}};
    for (size_t i = 0; i < sizeof types / sizeof *types; i++)
        if (!strcmp(type, types[i].type))
            return *kind = types[i].kind, true;
    return false;
}

static const char *read_typed(const char *type, const CoordTree *t, Coords *c, GeoKind kind)
{
    bool multi = !strncmp(type, "Multi", 5);
    if (kind == GEO_POINT && !multi) {
        double lon, lat;
        const char *why = read_position(t, 0, &lon, &lat);
        if (why)
            return why;
        return coords_part(c, GEO_RING_OUTER) && coords_add(c, lon, lat) ? NULL : "out of memory";
    }
    if (kind == GEO_POINT) {
        const char *why = read_parts(c, t, 0, 0, false);
        if (!why && c->nparts > 0)
            c->nparts = 1; /* all points form one part */
        return why;
    }
    /* A polygon nests one level deeper than a line: its parts are rings. */
    return read_parts(c, t, 0, (kind == GEO_POLYGON) + multi, kind == GEO_POLYGON);
}

/* Reads a feature's geometry into `c` (lon/lat), or, with `cached` (the prepared shapes of
 * this file) holding feature `index`, takes its projected shape into `shape` without parsing
 * the coordinates (*taken is then true). NULL, or why the geometry cannot be used. */
static const char *read_geometry(JsonFile *f, const cJSON *geom, GeoShapeCache *cached, int index,
                                 Coords *c, GeoKind *kind, GeoShape *shape, bool *taken)
{
    const cJSON *type = cJSON_GetObjectItemCaseSensitive(geom, "type");
    const cJSON *coords = cJSON_GetObjectItemCaseSensitive(geom, "coordinates");
    if (!cJSON_IsString(type) || !coords)
        return "a geometry needs \"type\" and \"coordinates\"";
    size_t length;
    const char *text = json_lifted(f, coords, &length);
    if (!text)
        return "\"coordinates\" should be an array of positions";
    if (!type_kind(type->valuestring, kind))
        return "the geometry type is not one Wakhan draws (Point, LineString, Polygon and their "
               "Multi forms)";
    if ((*taken = geo_shape_cache_take(cached, index, *kind, shape)))
        return NULL;
    CoordTree t = {0};
    const char *end = text + length, *stop = parse_coords(&t, text, end, 0);
    const char *why = !stop || json_skip_space(stop, end) != end
                          ? "\"coordinates\" should hold only arrays and numbers"
                          : read_typed(type->valuestring, &t, c, *kind);
    free(t.node);
    return why;
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

static bool load_feature(Atlas *atlas, JsonFile *f, const cJSON *feat, const char *where,
                         AtlasOrigin origin, GeoShapeCache *cached, AtlasOverlay *o)
{
    Coords c = {0};
    GeoKind kind = GEO_POINT;
    bool taken = false;
    memset(o, 0, sizeof *o);
    o->origin = origin;
    const cJSON *props = cJSON_GetObjectItemCaseSensitive(feat, "properties");
    const cJSON *geom = cJSON_GetObjectItemCaseSensitive(feat, "geometry");
    if (!cJSON_IsObject(props))
        return json_error(f, where, "properties", "missing"), false;
    if (!read_properties(atlas, f, props, where, o))
        goto fail;
    const char *why = cJSON_IsObject(geom) ? read_geometry(f, geom, cached, origin.index, &c, &kind,
                                                           &o->shape, &taken)
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
    if (!taken && !geo_proj_forward(atlas->proj, c.xy, c.npoints)) {
        json_error(f, where, "geometry", "a position cannot be projected");
        goto fail;
    }
    if (!taken && (!geo_shape_init(&o->shape, kind, c.xy, c.npoints, c.part, c.nparts) ||
                   (kind == GEO_POLYGON && !geo_shape_set_roles(&o->shape, c.roles))))
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
    /* Stamped before it is read: see geo_shape_cache_open. */
    GeoShapeCache *cached = geo_shape_cache_open(atlas->geo, path, atlas->projection);
    JsonFile f;
    if (!json_file_open_lifting(&f, path, "coordinates", diag)) {
        geo_cache_map_free(geo_shapes_prepare_cached(cached, NULL, NULL, 0)); /* none taken */
        return;
    }
    const cJSON *type = cJSON_GetObjectItemCaseSensitive(f.root, "type");
    if (!cJSON_IsString(type) || strcmp(type->valuestring, "FeatureCollection")) {
        wk_diag_error(diag, WK_ERR_INVALID, "%s: should be a GeoJSON FeatureCollection", path);
        json_file_close(&f);
        geo_cache_map_free(geo_shapes_prepare_cached(cached, NULL, NULL, 0)); /* none taken */
        return;
    }
    const char *file = atlas_file_keep(atlas, path);
    if (!file) {
        wk_diag_error(diag, WK_ERR_NOMEM, "%s: out of memory", path);
        json_file_close(&f);
        geo_cache_map_free(geo_shapes_prepare_cached(cached, NULL, NULL, 0)); /* none taken */
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
        if (!load_feature(atlas, &f, item, where, (AtlasOrigin){file, i}, cached, &o))
            continue;
        if (!wk_grow((void **)&atlas->overlays, &cap, atlas->noverlays + 1, sizeof o) ||
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
    int *index = count > 0 ? malloc(sizeof *index * (size_t)count) : NULL;
    for (int i = 0; shapes && index && i < count; i++) {
        shapes[i] = &atlas->overlays[first + i].shape;
        index[i] = atlas->overlays[first + i].origin.index;
    }
    GeoCacheMap *map =
        geo_shapes_prepare_cached(cached, shapes, index, shapes && index ? count : 0);
    free(shapes);
    free(index);
    /* Kept until the atlas is freed: its overlays read their levels and fills from it. */
    if (map && !wk_grow((void **)&atlas->cache_maps, &atlas->cap_cache_maps, atlas->ncache_maps + 1,
                        sizeof map))
        wk_diag_error(diag, WK_ERR_NOMEM, "%s: out of memory", path); /* the map stays */
    else if (map)
        atlas->cache_maps[atlas->ncache_maps++] = map;
}
