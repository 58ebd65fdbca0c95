/*
 * mapkit-write - writes one shapefile layer (with .prj and a UTF-8 .cpg) from text.
 *
 *   mapkit-write --type polygon|line|point --field NAME:C|N:WIDTH ... [--clip W/E/S/N]
 *                [--within LAYER[:ID]] [--csv FILE] OUT[.shp] [< segments.txt]
 *
 * Segment text (GMT's multisegment layout with our own headers):
 *   # comment
 *   > id=AF|name=Afghanistan
 *   lon lat
 *   ...
 * Segments with the same `id` become one record (rings of one polygon, parts of one line), with
 * the attributes of their first header. Without an `id`, every segment is its own record.
 * Polygon rings are assembled by even-odd nesting (DCW output has no trustworthy orientation),
 * repaired with GEOSMakeValid, then clipped to the box and to --within. With --csv, points are
 * read from a CSV file with a header row and `lon`,`lat` columns; other columns fill the fields
 * of the same name. A record that ends up empty is reported and left out.
 */
#include "mapkit_geom.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FIELDS 16
#define MAX_LINE 65536
#define TOOL "mapkit-write"

typedef struct Field {
    char name[12];
    char type; /* 'C' or 'N' */
    int width;
} Field;

typedef struct Record {
    char *attrs; /* the header text after '>', owned */
    char *id;    /* owned, may be "" */
    double *x, *y;
    int *starts;
    int nverts, nparts, vcap, pcap;
} Record;

typedef struct Options {
    int shp_type;
    Field fields[MAX_FIELDS];
    int nfields;
    int clip;
    double box[4]; /* W E S N */
    const char *within;
    const char *csv;
    const char *names; /* id|name|lon|lat labels for polygonized records */
    int polygonize;
    const char *out;
} Options;

static int usage(void)
{
    fprintf(stderr, "usage: " TOOL " --type polygon|line|point --field NAME:C|N:WIDTH ...\n"
                    "       [--clip W/E/S/N] [--within LAYER[:ID]] [--csv FILE]\n"
                    "       [--polygonize [--names FILE]] OUT[.shp]\n");
    return 2;
}

/* Finds `key=` in a `k=v|k=v` header; copies the value into buf. Returns 1 if found. */
static int attr_get(const char *attrs, const char *key, char *buf, size_t size)
{
    size_t klen = strlen(key);
    const char *p = attrs;
    while (p && *p) {
        while (*p == ' ' || *p == '\t')
            p++;
        const char *end = strchr(p, '|');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len > klen && strncmp(p, key, klen) == 0 && p[klen] == '=') {
            size_t vlen = len - klen - 1;
            while (vlen > 0 && (p[klen + 1 + vlen - 1] == '\n' || p[klen + 1 + vlen - 1] == '\r'))
                vlen--;
            if (vlen >= size)
                vlen = size - 1;
            memcpy(buf, p + klen + 1, vlen);
            buf[vlen] = '\0';
            return 1;
        }
        p = end ? end + 1 : NULL;
    }
    return 0;
}

static int record_point(Record *r, double x, double y)
{
    if (r->nverts == r->vcap) {
        int cap = r->vcap ? r->vcap * 2 : 256;
        double *nx = realloc(r->x, sizeof(double) * (size_t)cap);
        if (!nx)
            return -1;
        r->x = nx;
        double *ny = realloc(r->y, sizeof(double) * (size_t)cap);
        if (!ny)
            return -1;
        r->y = ny;
        r->vcap = cap;
    }
    r->x[r->nverts] = x;
    r->y[r->nverts] = y;
    r->nverts++;
    return 0;
}

static int record_part(Record *r)
{
    if (r->nparts == r->pcap) {
        int cap = r->pcap ? r->pcap * 2 : 8;
        int *s = realloc(r->starts, sizeof(int) * (size_t)cap);
        if (!s)
            return -1;
        r->starts = s;
        r->pcap = cap;
    }
    r->starts[r->nparts++] = r->nverts;
    return 0;
}

static void records_free(Record *recs, int n)
{
    for (int i = 0; i < n; i++) {
        free(recs[i].attrs);
        free(recs[i].id);
        free(recs[i].x);
        free(recs[i].y);
        free(recs[i].starts);
    }
    free(recs);
}

/* Reads segment text from `f` into records grouped by id. Returns the count, or -1. */
static int read_segments(FILE *f, Record **out)
{
    Record *recs = NULL;
    int n = 0, cap = 0, cur = -1, lineno = 0;
    char *line = malloc(MAX_LINE);
    if (!line)
        return -1;
    while (fgets(line, MAX_LINE, f)) {
        lineno++;
        char *s = line;
        while (isspace((unsigned char)*s))
            s++;
        if (*s == '\0' || *s == '#')
            continue;
        if (*s == '>') {
            char id[256] = "";
            int has_id = attr_get(s + 1, "id", id, sizeof id);
            cur = -1;
            for (int i = 0; has_id && i < n; i++)
                if (strcmp(recs[i].id, id) == 0)
                    cur = i;
            if (cur < 0) {
                if (n == cap) {
                    cap = cap ? cap * 2 : 64;
                    Record *nr = realloc(recs, sizeof(Record) * (size_t)cap);
                    if (!nr)
                        goto fail;
                    recs = nr;
                }
                memset(&recs[n], 0, sizeof(Record));
                recs[n].attrs = strdup(s + 1);
                recs[n].id = strdup(id);
                cur = n++;
                if (!recs[cur].attrs || !recs[cur].id)
                    goto fail;
            }
            if (record_part(&recs[cur]) != 0)
                goto fail;
            continue;
        }
        double x, y;
        if (cur < 0 || sscanf(s, "%lf %lf", &x, &y) != 2) {
            fprintf(stderr, TOOL ": input line %d: expected '> header' or 'lon lat'\n", lineno);
            goto fail;
        }
        if (record_point(&recs[cur], x, y) != 0)
            goto fail;
    }
    free(line);
    *out = recs;
    return n;
fail:
    free(line);
    records_free(recs, n);
    return -1;
}

/* Splits one CSV line (RFC 4180 quoting, no embedded newlines) into at most `max` cells. The
 * cells point into `line`, which is modified. Returns the number of cells. */
static int csv_split(char *line, char **cells, int max)
{
    int n = 0;
    char *p = line;
    line[strcspn(line, "\r\n")] = '\0';
    while (n < max) {
        char *w = p;
        cells[n++] = p;
        if (*p == '"') {
            char *r = p + 1;
            for (;;) {
                if (*r == '\0')
                    break;
                if (*r == '"' && r[1] == '"') {
                    *w++ = '"';
                    r += 2;
                } else if (*r == '"') {
                    r++;
                    break;
                } else {
                    *w++ = *r++;
                }
            }
            p = r;
        } else {
            while (*p && *p != ',')
                *w++ = *p++;
        }
        char sep = *p;
        *w = '\0';
        if (sep != ',')
            break;
        p++;
    }
    return n;
}

static int write_field(DBFHandle dbf, int rec, int fi, const Field *fd, const char *value)
{
    if ((int)strlen(value) > fd->width) {
        fprintf(stderr, TOOL ": record %d: field %s value '%s' is wider than %d\n", rec, fd->name,
                value, fd->width);
        return -1;
    }
    int ok = (fd->type == 'N') ? DBFWriteIntegerAttribute(dbf, rec, fi, atoi(value))
                               : DBFWriteStringAttribute(dbf, rec, fi, value);
    return ok ? 0 : -1;
}

static int write_csv_points(const Options *o, SHPHandle shp, DBFHandle dbf, GEOSContextHandle_t ctx)
{
    FILE *f = fopen(o->csv, "r");
    char *line = malloc(MAX_LINE), *header = malloc(MAX_LINE);
    char *hcells[64], *cells[64];
    int status = -1, rec = 0, lineno = 1;
    if (!f || !line || !header) {
        fprintf(stderr, TOOL ": %s: %s\n", o->csv, f ? "out of memory" : strerror(errno));
        goto done;
    }
    if (!fgets(header, MAX_LINE, f)) {
        fprintf(stderr, TOOL ": %s: empty file\n", o->csv);
        goto done;
    }
    int nh = csv_split(header, hcells, 64), ilon = -1, ilat = -1, map[MAX_FIELDS];
    for (int i = 0; i < nh; i++) {
        if (strcmp(hcells[i], "lon") == 0)
            ilon = i;
        if (strcmp(hcells[i], "lat") == 0)
            ilat = i;
    }
    for (int k = 0; k < o->nfields; k++) {
        map[k] = -1;
        for (int i = 0; i < nh; i++)
            if (strcmp(hcells[i], o->fields[k].name) == 0)
                map[k] = i;
        if (map[k] < 0) {
            fprintf(stderr, TOOL ": %s: no column '%s'\n", o->csv, o->fields[k].name);
            goto done;
        }
    }
    if (ilon < 0 || ilat < 0) {
        fprintf(stderr, TOOL ": %s: needs lon and lat columns\n", o->csv);
        goto done;
    }
    while (fgets(line, MAX_LINE, f)) {
        lineno++;
        if (line[strspn(line, " \t\r\n")] == '\0')
            continue;
        int nc = csv_split(line, cells, 64);
        char *end1 = NULL, *end2 = NULL;
        double x = nc > ilon ? strtod(cells[ilon], &end1) : 0;
        double y = nc > ilat ? strtod(cells[ilat], &end2) : 0;
        if (nc != nh || !end1 || *end1 || !end2 || *end2 || end1 == cells[ilon]) {
            fprintf(stderr, TOOL ": %s:%d: expected %d cells with numeric lon/lat\n", o->csv,
                    lineno, nh);
            goto done;
        }
        GEOSGeometry *pt = GEOSGeom_createPointFromXY_r(ctx, x, y);
        int r = pt ? mapkit_shape_write(ctx, shp, pt) : -1;
        if (pt)
            GEOSGeom_destroy_r(ctx, pt);
        if (r < 0)
            goto done;
        for (int k = 0; k < o->nfields; k++)
            if (write_field(dbf, r, k, &o->fields[k], cells[map[k]]) != 0)
                goto done;
        rec++;
    }
    status = rec;
done:
    if (f)
        fclose(f);
    free(line);
    free(header);
    return status;
}

/* Loads the --within mask: union of the layer's polygons, or of the records with that id. */
static GEOSGeometry *load_within(GEOSContextHandle_t ctx, const char *spec)
{
    char path[4096];
    snprintf(path, sizeof path, "%s", spec);
    char *colon = strrchr(path, ':');
    const char *id = NULL;
    if (colon) {
        *colon = '\0';
        id = colon + 1;
    }
    MapkitLayer layer;
    if (mapkit_layer_load(ctx, path, NULL, NULL, &layer) != 0)
        return NULL;
    if (id) {
        for (int i = 0; i < layer.count; i++) {
            if (strcmp(layer.ids[i], id) != 0 && layer.geoms[i]) {
                GEOSGeom_destroy_r(ctx, layer.geoms[i]);
                layer.geoms[i] = NULL;
            }
        }
    }
    /* Kept as a collection of records, not unioned: dissolving dozens of full-detail countries
     * is slow, and intersecting with each nearby part gives the same area (see mask_cut). */
    GEOSGeometry **parts = calloc((size_t)layer.count + 1, sizeof(*parts));
    GEOSGeometry *u = NULL;
    int n = 0;
    if (parts) {
        for (int i = 0; i < layer.count; i++)
            if (layer.geoms[i]) {
                parts[n++] = layer.geoms[i];
                layer.geoms[i] = NULL;
            }
        u = GEOSGeom_createCollection_r(ctx, GEOS_GEOMETRYCOLLECTION, parts, (unsigned)n);
        free(parts);
    }
    mapkit_layer_free(ctx, &layer);
    if (u && GEOSisEmpty_r(ctx, u)) {
        fprintf(stderr, TOOL ": --within %s selects nothing\n", spec);
        GEOSGeom_destroy_r(ctx, u);
        return NULL;
    }
    return u;
}

/* g ∩ (union of the parts of mask), computed part by part. Returns a new geometry or NULL. */
static GEOSGeometry *mask_cut(GEOSContextHandle_t ctx, const GEOSGeometry *g,
                              const GEOSGeometry *mask)
{
    int n = GEOSGetNumGeometries_r(ctx, mask), k = 0;
    GEOSGeometry **pieces = calloc((size_t)n + 1, sizeof(*pieces));
    if (!pieces)
        return NULL;
    for (int i = 0; i < n; i++) {
        const GEOSGeometry *part = GEOSGetGeometryN_r(ctx, mask, i);
        if (GEOSIntersects_r(ctx, g, part) != 1)
            continue;
        GEOSGeometry *x = GEOSIntersection_r(ctx, g, part);
        if (!x) {
            for (int j = 0; j < k; j++)
                GEOSGeom_destroy_r(ctx, pieces[j]);
            free(pieces);
            return NULL;
        }
        pieces[k++] = x;
    }
    GEOSGeometry *gc =
        GEOSGeom_createCollection_r(ctx, GEOS_GEOMETRYCOLLECTION, pieces, (unsigned)k);
    free(pieces);
    if (!gc)
        return NULL;
    GEOSGeometry *u = GEOSUnaryUnion_r(ctx, gc);
    GEOSGeom_destroy_r(ctx, gc);
    return u;
}

/* Clips g to the --clip box and cuts it to the --within mask, as the options ask. Takes g
 * (destroys it) and returns the result, or NULL on error. */
static GEOSGeometry *clip_and_cut(GEOSContextHandle_t ctx, const Options *o, GEOSGeometry *g,
                                  const GEOSGeometry *mask)
{
    GEOSGeometry *t;
    if (g && o->clip) {
        t = GEOSClipByRect_r(ctx, g, o->box[0], o->box[2], o->box[1], o->box[3]);
        GEOSGeom_destroy_r(ctx, g);
        g = t;
    }
    if (g && mask) {
        t = mask_cut(ctx, g, mask);
        GEOSGeom_destroy_r(ctx, g);
        g = t;
    }
    return g;
}

/* Builds, repairs and clips one record's geometry. Returns NULL on error; may be empty. */
static GEOSGeometry *record_geom(GEOSContextHandle_t ctx, const Options *o, const Record *r,
                                 const GEOSGeometry *mask)
{
    GEOSGeometry *g = NULL, *t = NULL;
    if (o->shp_type == SHPT_POLYGON) {
        /* Rings wholly outside the clip box cannot matter (a hole there has nothing to cut);
         * dropping them first spares the nesting test thousands of Arctic islands. */
        int *starts = malloc(sizeof(int) * (size_t)(r->nparts + 1)), nkept = 0;
        if (!starts)
            return NULL;
        for (int p = 0; p < r->nparts; p++) {
            int a = r->starts[p], b = (p + 1 < r->nparts) ? r->starts[p + 1] : r->nverts;
            int keep = !o->clip;
            for (int k = a; k < b && !keep; k++)
                keep = r->x[k] >= o->box[0] && r->x[k] <= o->box[1] && r->y[k] >= o->box[2] &&
                       r->y[k] <= o->box[3];
            if (!keep && o->clip &&
                b > a) { /* a ring may surround the box without a vertex in it */
                double x0 = r->x[a], x1 = r->x[a], y0 = r->y[a], y1 = r->y[a];
                for (int k = a; k < b; k++) {
                    x0 = r->x[k] < x0 ? r->x[k] : x0;
                    x1 = r->x[k] > x1 ? r->x[k] : x1;
                    y0 = r->y[k] < y0 ? r->y[k] : y0;
                    y1 = r->y[k] > y1 ? r->y[k] : y1;
                }
                keep = x0 <= o->box[1] && x1 >= o->box[0] && y0 <= o->box[3] && y1 >= o->box[2];
            }
            if (keep)
                starts[nkept++] = p;
        }
        /* Rebuild contiguous arrays of the kept rings. */
        Record kept = {0};
        int ok = 1;
        for (int i = 0; i < nkept && ok; i++) {
            int p = starts[i];
            int a = r->starts[p], b = (p + 1 < r->nparts) ? r->starts[p + 1] : r->nverts;
            ok = record_part(&kept) == 0;
            for (int k = a; k < b && ok; k++)
                ok = record_point(&kept, r->x[k], r->y[k]) == 0;
        }
        free(starts);
        if (ok && kept.nparts > 0)
            t = mapkit_rings_to_geom(ctx, MAPKIT_RINGS_NESTING, kept.nparts, kept.starts,
                                     kept.nverts, kept.x, kept.y);
        else if (ok)
            t = GEOSGeom_createEmptyPolygon_r(ctx);
        free(kept.x);
        free(kept.y);
        free(kept.starts);
        g = t ? mapkit_polygonal(ctx, t) : NULL;
    } else {
        GEOSGeometry **lines = calloc((size_t)r->nparts + 1, sizeof(*lines));
        int n = 0;
        if (!lines)
            return NULL;
        for (int p = 0; p < r->nparts; p++) {
            int a = r->starts[p], b = (p + 1 < r->nparts) ? r->starts[p + 1] : r->nverts;
            if (b - a < 2)
                continue;
            GEOSCoordSequence *seq = GEOSCoordSeq_copyFromArrays_r(ctx, r->x + a, r->y + a, NULL,
                                                                   NULL, (unsigned)(b - a));
            GEOSGeometry *ls = seq ? GEOSGeom_createLineString_r(ctx, seq) : NULL;
            if (ls)
                lines[n++] = ls;
        }
        g = GEOSGeom_createCollection_r(ctx, GEOS_MULTILINESTRING, lines, (unsigned)n);
        free(lines);
    }
    if (t)
        GEOSGeom_destroy_r(ctx, t);
    g = g ? clip_and_cut(ctx, o, g, mask) : NULL;
    if (g) {
        t = (o->shp_type == SHPT_POLYGON) ? mapkit_polygonal(ctx, g) : mapkit_lineal(ctx, g);
        GEOSGeom_destroy_r(ctx, g);
        g = t;
    }
    return g;
}

/* Finds the label whose point lies in `poly` (lines `id|name|lon|lat` of o->names). */
static void find_label(GEOSContextHandle_t ctx, const char *names, const GEOSGeometry *poly,
                       char *id, size_t idsize, char *name, size_t namesize)
{
    FILE *f = names ? fopen(names, "r") : NULL;
    char line[512];
    while (f && fgets(line, sizeof line, f)) {
        char lid[64], lname[128];
        double x, y;
        if (line[0] == '#' || sscanf(line, "%63[^|]|%127[^|]|%lf|%lf", lid, lname, &x, &y) != 4)
            continue;
        GEOSGeometry *pt = GEOSGeom_createPointFromXY_r(ctx, x, y);
        int inside = pt && GEOSIntersects_r(ctx, poly, pt) == 1;
        if (pt)
            GEOSGeom_destroy_r(ctx, pt);
        if (inside) {
            snprintf(id, idsize, "%s", lid);
            snprintf(name, namesize, "%s", lname);
            break;
        }
    }
    if (f)
        fclose(f);
}

/* Shoreline pieces (cut at GMT's bin edges) -> closed polygons, one record per face. */
static int write_polygonized(GEOSContextHandle_t ctx, const Options *o, const Record *recs,
                             int nrec, const GEOSGeometry *mask, SHPHandle shp, DBFHandle dbf)
{
    Options lines = *o;
    lines.shp_type = SHPT_ARC;
    lines.clip = 0;
    GEOSGeometry **parts = calloc((size_t)nrec + 1, sizeof(*parts));
    GEOSGeometry *all = NULL, *noded = NULL, *faces = NULL;
    int n = 0, written = -1;
    if (!parts)
        return -1;
    for (int i = 0; i < nrec; i++)
        if ((parts[n] = record_geom(ctx, &lines, &recs[i], NULL)) != NULL)
            n++;
    all = GEOSGeom_createCollection_r(ctx, GEOS_GEOMETRYCOLLECTION, parts, (unsigned)n);
    noded = all ? GEOSUnaryUnion_r(ctx, all) : NULL;
    if (noded) {
        const GEOSGeometry *in[1] = {noded};
        faces = GEOSPolygonize_r(ctx, in, 1);
    }
    if (!faces)
        goto done;
    written = 0;
    int k = GEOSGetNumGeometries_r(ctx, faces);
    for (int i = 0; i < k; i++) {
        GEOSGeometry *g = GEOSGeom_clone_r(ctx, GEOSGetGeometryN_r(ctx, faces, i));
        g = g ? clip_and_cut(ctx, o, g, mask) : NULL;
        GEOSGeometry *t = g ? mapkit_polygonal(ctx, g) : NULL;
        if (g)
            GEOSGeom_destroy_r(ctx, g);
        if (!t) {
            written = -1;
            goto done;
        }
        if (GEOSisEmpty_r(ctx, t)) {
            GEOSGeom_destroy_r(ctx, t);
            continue;
        }
        char id[64], name[128] = "";
        snprintf(id, sizeof id, "face_%d", written + 1);
        find_label(ctx, o->names, t, id, sizeof id, name, sizeof name);
        int r = mapkit_shape_write(ctx, shp, t);
        GEOSGeom_destroy_r(ctx, t);
        if (r < 0) {
            written = -1;
            goto done;
        }
        for (int f = 0; f < o->nfields; f++) {
            const char *v = strcmp(o->fields[f].name, "id") == 0     ? id
                            : strcmp(o->fields[f].name, "name") == 0 ? name
                                                                     : "";
            if (write_field(dbf, r, f, &o->fields[f], v) != 0) {
                written = -1;
                goto done;
            }
        }
        written++;
    }
done:
    free(parts);
    if (all)
        GEOSGeom_destroy_r(ctx, all);
    if (noded)
        GEOSGeom_destroy_r(ctx, noded);
    if (faces)
        GEOSGeom_destroy_r(ctx, faces);
    return written;
}

static int parse_args(int argc, char **argv, Options *o)
{
    memset(o, 0, sizeof *o);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = (i + 1 < argc) ? argv[i + 1] : NULL;
        if (strcmp(a, "--type") == 0 && v) {
            o->shp_type = strcmp(v, "polygon") == 0 ? SHPT_POLYGON
                          : strcmp(v, "line") == 0  ? SHPT_ARC
                          : strcmp(v, "point") == 0 ? SHPT_POINT
                                                    : 0;
            i++;
        } else if (strcmp(a, "--field") == 0 && v && o->nfields < MAX_FIELDS) {
            Field *fd = &o->fields[o->nfields++];
            char type = 0;
            if (sscanf(v, "%11[^:]:%c:%d", fd->name, &type, &fd->width) != 3 ||
                (type != 'C' && type != 'N') || fd->width < 1 || fd->width > 254)
                return -1;
            fd->type = type;
            i++;
        } else if (strcmp(a, "--clip") == 0 && v) {
            if (sscanf(v, "%lf/%lf/%lf/%lf", &o->box[0], &o->box[1], &o->box[2], &o->box[3]) != 4)
                return -1;
            o->clip = 1;
            i++;
        } else if (strcmp(a, "--within") == 0 && v) {
            o->within = v;
            i++;
        } else if (strcmp(a, "--names") == 0 && v) {
            o->names = v;
            i++;
        } else if (strcmp(a, "--polygonize") == 0) {
            o->polygonize = 1;
        } else if (strcmp(a, "--csv") == 0 && v) {
            o->csv = v;
            i++;
        } else if (a[0] != '-' && !o->out) {
            o->out = a;
        } else {
            return -1;
        }
    }
    return (o->shp_type && o->out) ? 0 : -1;
}

int main(int argc, char **argv)
{
    Options o;
    if (parse_args(argc, argv, &o) != 0)
        return usage();
    char base[4096];
    snprintf(base, sizeof base, "%s", o.out);
    size_t blen = strlen(base);
    if (blen > 4 && strcmp(base + blen - 4, ".shp") == 0)
        base[blen - 4] = '\0';

    int status = 1, nrec = 0, written = 0;
    Record *recs = NULL;
    GEOSGeometry *mask = NULL;
    SHPHandle shp = NULL;
    DBFHandle dbf = NULL;
    GEOSContextHandle_t ctx = mapkit_geos_create(TOOL);
    if (!ctx)
        return 1;
    if (o.within && !(mask = load_within(ctx, o.within)))
        goto done;
    shp = SHPCreate(base, o.shp_type);
    dbf = DBFCreateEx(base, "UTF-8");
    if (!shp || !dbf) {
        fprintf(stderr, TOOL ": cannot create %s.shp/.dbf\n", base);
        goto done;
    }
    for (int k = 0; k < o.nfields; k++) {
        DBFFieldType t = o.fields[k].type == 'N' ? FTInteger : FTString;
        if (DBFAddField(dbf, o.fields[k].name, t, o.fields[k].width, 0) != k) {
            fprintf(stderr, TOOL ": cannot add field %s\n", o.fields[k].name);
            goto done;
        }
    }
    if (o.csv) {
        written = write_csv_points(&o, shp, dbf, ctx);
        if (written < 0)
            goto done;
    } else {
        nrec = read_segments(stdin, &recs);
        if (nrec < 0) {
            nrec = 0;
            goto done;
        }
        if (o.polygonize) {
            written = write_polygonized(ctx, &o, recs, nrec, mask, shp, dbf);
            if (written < 0)
                goto done;
        }
        for (int i = 0; i < nrec && !o.polygonize; i++) {
            GEOSGeometry *g = record_geom(ctx, &o, &recs[i], mask);
            if (!g) {
                fprintf(stderr, TOOL ": record '%s': geometry failed\n", recs[i].id);
                goto done;
            }
            if (GEOSisEmpty_r(ctx, g)) {
                fprintf(stderr, TOOL ": note: record '%s' is empty after clipping, left out\n",
                        recs[i].id);
                GEOSGeom_destroy_r(ctx, g);
                continue;
            }
            int r = mapkit_shape_write(ctx, shp, g);
            GEOSGeom_destroy_r(ctx, g);
            if (r < 0)
                goto done;
            for (int k = 0; k < o.nfields; k++) {
                char value[512] = "";
                attr_get(recs[i].attrs, o.fields[k].name, value, sizeof value);
                if (write_field(dbf, r, k, &o.fields[k], value) != 0)
                    goto done;
            }
            written++;
        }
    }
    if (mapkit_prj_write(base) != 0) {
        fprintf(stderr, TOOL ": cannot write %s.prj\n", base);
        goto done;
    }
    fprintf(stderr, TOOL ": %s: %d records\n", base, written);
    status = 0;
done:
    if (shp)
        SHPClose(shp);
    if (dbf)
        DBFClose(dbf);
    records_free(recs, nrec);
    if (mask)
        GEOSGeom_destroy_r(ctx, mask);
    GEOS_finish_r(ctx);
    return status;
}
