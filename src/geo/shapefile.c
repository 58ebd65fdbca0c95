/*
 * The only file that calls shapelib. It copies every record out at once into our own arrays
 * (SHPReadObject -> GeoShape -> SHPDestroyObject) and checks what shapelib does not: record
 * types that differ from the file's, lines or polygons with no parts, NaN and infinite
 * coordinates, part starts out of order, and the encoding of .dbf strings.
 */
#include "layer.h"
#include "layer_hooks.h"

#include <math.h>
#include <shapefil.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/util.h"
#include "dbf_text.h"

/* A record with more vertices than this is refused: no real feature of the region needs it, and
 * a corrupt header must not make the loader allocate gigabytes. */
#define MAX_RECORD_VERTICES 20000000

static bool kind_of(int shp_type, GeoKind *kind)
{
    switch (shp_type) {
    case SHPT_POINT:
    case SHPT_POINTZ:
    case SHPT_POINTM:
    case SHPT_MULTIPOINT:
    case SHPT_MULTIPOINTZ:
    case SHPT_MULTIPOINTM:
        *kind = GEO_POINT;
        return true;
    case SHPT_ARC:
    case SHPT_ARCZ:
    case SHPT_ARCM:
        *kind = GEO_LINE;
        return true;
    case SHPT_POLYGON:
    case SHPT_POLYGONZ:
    case SHPT_POLYGONM:
    case SHPT_MULTIPATCH:
        *kind = GEO_POLYGON;
        return true;
    }
    return false;
}

/* The file being loaded and where its messages go, for shapelib's Error hook, which is given
 * no user data. One load at a time per thread. */
static _Thread_local const char *loading_path;
static _Thread_local WkDiag *loading_diag;

/* shapelib's own messages ("Failed to read all values for 3 records in .shx file"), named. */
static void on_shapelib_error(const char *message)
{
    size_t n = strlen(message);
    while (n > 0 && (message[n - 1] == '\n' || message[n - 1] == '.'))
        n--;
    wk_diag_warn(loading_diag, "%s: shapelib: %.*s", loading_path ? loading_path : "(shapefile)",
                 (int)n, message);
}

/* Opens only regular files: a FIFO in place of a .shp would block forever, a device never
 * end. The check is on the opened file (O_NONBLOCK keeps a FIFO from blocking the open). */
static SAFile open_regular(const char *filename, const char *access)
{
    if (strchr(access, 'w') || strchr(access, '+'))
        return NULL; /* the atlas only reads shapefiles */
    int fd = open(filename, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        if (S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ||
            S_ISSOCK(st.st_mode))
            wk_diag_error(loading_diag, WK_ERR_IO,
                          "%s: not a regular file (a pipe, device or socket); refused", filename);
        close(fd);
        return NULL;
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    FILE *f = fdopen(fd, "rb");
    if (!f)
        close(fd);
    return (SAFile)f;
}

/* The .prj is small: anything longer than this is not a coordinate system. */
#define MAX_PRJ_BYTES 65536

/* Reads the .prj through the hooks, the way shapelib reads the other three files. */
static char *read_prj_hooks(const char *prj, SAHooks *hooks)
{
    SAFile fp = hooks->FOpen(prj, "rb");
    if (!fp)
        return NULL;
    char *text = malloc(MAX_PRJ_BYTES + 1);
    SAOffset got = text ? hooks->FRead(text, 1, MAX_PRJ_BYTES, fp) : 0;
    hooks->FClose(fp);
    if (text)
        text[got] = '\0';
    return text;
}

/* The text of the .prj beside the .shp in *text, NULL when there is none. Returns false, with
 * an error naming it, when a .prj is there but cannot be read (a folder, a device): guessing
 * WGS 84 for it would put the layer in the wrong place without a word. */
static bool read_prj(const char *shp_path, SAHooks *hooks, char **text, WkDiag *diag)
{
    size_t n = strlen(shp_path);
    char *prj = wk_strfmt(
        "%.*s.prj", (int)(n > 4 && !strcasecmp(shp_path + n - 4, ".shp") ? n - 4 : n), shp_path);
    struct stat st;
    *text = NULL;
    if (prj && hooks)
        *text = read_prj_hooks(prj, hooks);
    else if (prj && stat(prj, &st) == 0)
        *text = wk_file_read(prj, NULL, diag);
    bool ok = prj && (*text || hooks || stat(prj, &st) != 0);
    free(prj);
    return ok;
}

/* Converts a multipatch's triangle strips and fans into rings, so they draw as polygons. */
static int multipatch_rings(const SHPObject *obj, double *xy, int *part)
{
    int np = 0, nv = 0;
    for (int p = 0; p < obj->nParts; p++) {
        int a = obj->panPartStart[p],
            b = p + 1 < obj->nParts ? obj->panPartStart[p + 1] : obj->nVertices;
        int type = obj->panPartType ? obj->panPartType[p] : SHPP_RING;
        if (type == SHPP_TRISTRIP || type == SHPP_TRIFAN) {
            for (int i = a + 2; i < b; i++) {
                int k0 = type == SHPP_TRIFAN ? a : i - 2;
                int k[3] = {k0, i - 1, i};
                part[np++] = nv;
                for (int j = 0; j < 3; j++) {
                    xy[2 * nv] = obj->padfX[k[j]];
                    xy[2 * nv + 1] = obj->padfY[k[j]];
                    nv++;
                }
            }
        } else {
            part[np++] = nv;
            for (int i = a; i < b; i++) {
                xy[2 * nv] = obj->padfX[i];
                xy[2 * nv + 1] = obj->padfY[i];
                nv++;
            }
        }
    }
    part[np] = nv;
    return np;
}

/* Checks a record and copies its vertices out. Returns false with `why` set when the record
 * must be skipped. */
static bool copy_record(const SHPObject *obj, int file_type, double **xy_out, int **part_out,
                        int *npoints, int *nparts, const char **why)
{
    int nv = obj->nVertices, np = obj->nParts;
    GeoKind kind, file_kind;
    if (!kind_of(file_type, &file_kind) || !kind_of(obj->nSHPType, &kind) || kind != file_kind) {
        *why = "its shape type differs from the file's";
        return false;
    }
    if (nv <= 0 || nv > MAX_RECORD_VERTICES) {
        *why = nv <= 0 ? "it has no vertices" : "it has too many vertices";
        return false;
    }
    if (kind != GEO_POINT && np <= 0) {
        *why = "it has vertices but no parts";
        return false;
    }
    for (int i = 0; i < nv; i++) {
        if (!isfinite(obj->padfX[i]) || !isfinite(obj->padfY[i])) {
            *why = "it has a NaN or infinite coordinate";
            return false;
        }
        if (!geo_coordinate_ok(obj->padfX[i]) || !geo_coordinate_ok(obj->padfY[i])) {
            *why = "it has a coordinate too large for any map";
            return false;
        }
    }
    for (int p = 0; p < np; p++) {
        int a = obj->panPartStart[p], b = p + 1 < np ? obj->panPartStart[p + 1] : nv;
        if (a < 0 || a > b || b > nv) {
            *why = "a part starts outside its vertices";
            return false;
        }
    }
    /* A strip of n vertices becomes n - 2 triangles of 3: at most 3n vertices, n parts. */
    size_t cap_v = obj->nSHPType == SHPT_MULTIPATCH ? 3 * (size_t)nv : (size_t)nv;
    size_t cap_p = (size_t)(np > 0 ? np : 1) + cap_v;
    double *xy = malloc(sizeof(double) * 2 * cap_v);
    int *part = malloc(sizeof(int) * (cap_p + 1));
    if (!xy || !part) {
        free(xy);
        free(part);
        *why = "out of memory";
        return false;
    }
    if (obj->nSHPType == SHPT_MULTIPATCH) {
        np = multipatch_rings(obj, xy, part);
        nv = part[np];
    } else {
        for (int i = 0; i < nv; i++) {
            xy[2 * i] = obj->padfX[i];
            xy[2 * i + 1] = obj->padfY[i];
        }
        if (kind == GEO_POINT) {
            np = 1; /* all points of a record form one part */
            part[0] = 0;
        } else {
            memcpy(part, obj->panPartStart, sizeof(int) * (size_t)np);
        }
    }
    *xy_out = xy;
    *part_out = part;
    *npoints = nv;
    *nparts = np;
    return true;
}

/* Copies a record's attributes; *unreadable is set when the .dbf could not give them (a file
 * cut short), and those values are left empty. */
static bool read_attributes(DBFHandle dbf, DbfText *text, int nfields, int record, GeoFeature *f,
                            bool *unreadable)
{
    f->values = calloc((size_t)(nfields ? nfields : 1), sizeof *f->values);
    if (!f->values)
        return false;
    for (int i = 0; i < nfields; i++) {
        const char *raw = "";
        if (dbf && record < DBFGetRecordCount(dbf)) {
            raw = DBFReadStringAttribute(dbf, record, i);
            if (!raw) {
                *unreadable = true;
                raw = "";
            }
        }
        /* Copy before DBFIsAttributeNULL, which reuses shapelib's buffer. */
        f->values[i] = dbf_text_utf8(text, raw, record, i);
        if (!f->values[i])
            return false;
        if (*raw && DBFIsAttributeNULL(dbf, record, i))
            f->values[i][0] = '\0';
    }
    return true;
}

/* A .prj that says metres over coordinates that look like degrees, or degrees over
 * coordinates no degree can be: the layer would land far from where it belongs. */
static void warn_units(const char *prj, const double *lo, const double *hi, int count,
                       const char *path, WkDiag *diag)
{
    if (!prj || count <= 0 || !isfinite(lo[0]) || !isfinite(hi[0]) || !isfinite(lo[1]) ||
        !isfinite(hi[1]))
        return;
    bool projected = strstr(prj, "PROJCS[") || strstr(prj, "PROJCRS[") ||
                     strstr(prj, "+proj=utm") || strstr(prj, "+proj=merc");
    bool degrees_like = lo[0] >= -180 && hi[0] <= 180 && lo[1] >= -90 && hi[1] <= 90;
    const char *name = strchr(prj, '"');
    int n = name ? (int)strcspn(name + 1, "\"") : 0;
    if (projected && degrees_like && (hi[0] - lo[0] > 1e-9 || hi[1] - lo[1] > 1e-9))
        wk_diag_warn(diag,
                     "%s: the .prj says %.*s%s%s, but the coordinates (%.6g..%.6g, %.6g..%.6g) "
                     "look like degrees; is it the wrong .prj?",
                     path, n, name ? name + 1 : "", n ? " (metres)" : "a projected system", "",
                     lo[0], hi[0], lo[1], hi[1]);
    else if (!projected && (strstr(prj, "GEOGCS[") || strstr(prj, "GEOGCRS[")) &&
             (fabs(lo[0]) > 360 || fabs(hi[0]) > 360 || fabs(lo[1]) > 90 || fabs(hi[1]) > 90))
        wk_diag_warn(diag,
                     "%s: the .prj says degrees (%.*s), but the coordinates (%.6g..%.6g, "
                     "%.6g..%.6g) cannot be degrees; is it the wrong .prj?",
                     path, n, name ? name + 1 : "", lo[0], hi[0], lo[1], hi[1]);
}

/* One warning for all the values whose bytes the code page could not read. */
static void warn_bad_text(const DbfText *t, const GeoLayer *layer, const char *path, WkDiag *diag)
{
    const char *field = t->first_field >= 0 && t->first_field < layer->nfields
                            ? layer->fields[t->first_field]
                            : "?";
    if (t->declared && !t->unknown)
        wk_diag_warn(diag,
                     "%s: %d value%s of the .dbf ha%s bytes that are not valid %s, as the .cpg "
                     "declares (the first: record %d, field %s); they show as \xEF\xBF\xBD",
                     path, t->bad, t->bad == 1 ? "" : "s", t->bad == 1 ? "s" : "ve",
                     *t->name ? t->name : "UTF-8", t->first_record, field);
    else if (!t->declared)
        wk_diag_warn(diag,
                     "%s: %d value%s of the .dbf %s not UTF-8 and no .cpg gives the code page "
                     "(the first: record %d, field %s); read as Latin-1",
                     path, t->bad, t->bad == 1 ? "" : "s", t->bad == 1 ? "is" : "are",
                     t->first_record, field);
}

/* With hooks NULL, shapelib's default file I/O. */
static GeoLayer *load(GeoContext *ctx, const char *path, SAHooks *hooks, const char *target,
                      WkDiag *diag)
{
    SHPHandle shp = NULL;
    DBFHandle dbf = NULL;
    DbfText text;
    dbf_text_open(&text, NULL);
    /* shapelib's messages name the file; only regular files are opened. */
    SAHooks own;
    SAHooks *sh = hooks;
    if (!sh) {
        SASetupDefaultHooks(&own);
        own.FOpen = open_regular;
        sh = &own;
    }
    sh->Error = on_shapelib_error;
    loading_path = path;
    loading_diag = diag;
    GeoProj *proj = NULL;
    char *prj = NULL;
    GeoLayer *layer = calloc(1, sizeof *layer);
    if (!layer || !(layer->path = wk_strdup(path))) {
        wk_diag_error(diag, WK_ERR_NOMEM, "%s: out of memory", path);
        goto fail;
    }
    shp = SHPOpenLL(path, "rb", sh);
    if (!shp) {
        wk_diag_error(diag, WK_ERR_IO,
                      "%s: cannot open as a shapefile (missing or broken .shp or .shx)", path);
        goto fail;
    }
    int count = 0, file_type = 0;
    double lo[4], hi[4];
    SHPGetInfo(shp, &count, &file_type, lo, hi);
    if (!kind_of(file_type, &layer->kind)) {
        wk_diag_error(diag, WK_ERR_PARSE, "%s: shape type %d is not one Wakhan can draw", path,
                      file_type);
        goto fail;
    }
    if (target) {
        if (!read_prj(path, hooks, &prj, diag))
            goto fail;
        proj = geo_proj_create(ctx, prj, target, diag, path);
        if (!proj)
            goto fail;
        warn_units(prj, lo, hi, count, path, diag);
    }
    dbf = DBFOpenLL(path, "rb", sh);
    if (!dbf)
        wk_diag_warn(diag, "%s: no readable .dbf; the layer has no names", path);
    else
        dbf_text_open(&text, DBFGetCodePage(dbf));
    if (text.unknown)
        wk_diag_warn(diag,
                     "%s: the .cpg names the code page \"%s\", which cannot be converted here; "
                     "names are read as Latin-1",
                     path, text.name);
    layer->nfields = dbf ? DBFGetFieldCount(dbf) : 0;
    layer->fields = calloc((size_t)(layer->nfields ? layer->nfields : 1), sizeof *layer->fields);
    if (!layer->fields)
        goto nomem;
    for (int i = 0; i < layer->nfields; i++) {
        char name[XBASE_FLDNAME_LEN_READ + 1] = "";
        DBFGetFieldInfo(dbf, i, name, NULL, NULL);
        if (!(layer->fields[i] = wk_strdup(name)))
            goto nomem;
    }
    if (dbf && DBFGetRecordCount(dbf) != count)
        wk_diag_warn(diag, "%s: the .dbf has %d records but the .shp has %d", path,
                     DBFGetRecordCount(dbf), count);
    /* The header's count is not trusted for the allocation: grow as records really load. */
    int cap = 0;
    geo_box_empty(&layer->box);
    for (int r = 0; r < count; r++) {
        SHPObject *obj = SHPReadObject(shp, r);
        if (!obj) {
            wk_diag_warn(diag, "%s: record %d: cannot be read; skipped", path, r);
            layer->skipped++;
            /* A run of unreadable records means the rest of the file is gone too. */
            if (layer->skipped > 1000 && layer->count == 0)
                break;
            continue;
        }
        if (obj->nSHPType == SHPT_NULL) {
            SHPDestroyObject(obj);
            continue;
        }
        double *xy = NULL;
        int *part = NULL, nv = 0, np = 0;
        const char *why = NULL;
        bool ok = copy_record(obj, file_type, &xy, &part, &nv, &np, &why);
        SHPDestroyObject(obj);
        if (ok && proj && !geo_proj_forward(proj, xy, nv)) {
            why = "a vertex cannot be projected";
            ok = false;
        }
        if (!ok) {
            wk_diag_warn(diag, "%s: record %d: skipped: %s", path, r, why);
            layer->skipped++;
            free(xy);
            free(part);
            continue;
        }
        if (layer->count == cap) {
            int ncap = cap ? cap * 2 : 64;
            GeoFeature *grown = realloc(layer->features, sizeof *grown * (size_t)ncap);
            if (!grown) {
                free(xy);
                free(part);
                goto nomem;
            }
            layer->features = grown;
            cap = ncap;
        }
        GeoFeature *f = &layer->features[layer->count];
        memset(f, 0, sizeof *f);
        f->record = r;
        ok = geo_shape_init(&f->shape, layer->kind, xy, nv, part, np);
        free(xy);
        free(part);
        if (!ok)
            goto nomem;
        layer->count++;
        bool unreadable = false;
        if (!read_attributes(dbf, &text, layer->nfields, r, f, &unreadable))
            goto nomem;
        if (unreadable)
            wk_diag_warn(diag, "%s: record %d: the .dbf cannot be read here; its names are empty",
                         path, r);
        geo_box_add(&layer->box, f->shape.box.minx, f->shape.box.miny);
        geo_box_add(&layer->box, f->shape.box.maxx, f->shape.box.maxy);
    }
    if (text.bad)
        warn_bad_text(&text, layer, path, diag);
    dbf_text_close(&text);
    if (dbf)
        DBFClose(dbf);
    SHPClose(shp);
    geo_proj_destroy(proj);
    free(prj);
    loading_path = NULL;
    loading_diag = NULL;
    return layer;
nomem:
    wk_diag_error(diag, WK_ERR_NOMEM, "%s: out of memory", path);
fail:
    dbf_text_close(&text);
    loading_path = NULL;
    loading_diag = NULL;
    if (dbf)
        DBFClose(dbf);
    if (shp)
        SHPClose(shp);
    geo_proj_destroy(proj);
    free(prj);
    geo_layer_free(ctx, layer);
    return NULL;
}

GeoLayer *geo_layer_load(GeoContext *ctx, const char *path, const char *target, WkDiag *diag)
{
    return load(ctx, path, NULL, target, diag);
}

GeoLayer *geo_layer_load_hooks(GeoContext *ctx, const char *path, const SAHooks *hooks,
                               const char *target, WkDiag *diag)
{
    SAHooks copy = *hooks; /* shapelib takes a non-const pointer and copies it too */
    return load(ctx, path, &copy, target, diag);
}

void geo_layer_free(GeoContext *ctx, GeoLayer *layer)
{
    if (!layer)
        return;
    for (int i = 0; i < layer->count; i++) {
        GeoFeature *f = &layer->features[i];
        geo_shape_free(ctx, &f->shape);
        for (int k = 0; f->values && k < layer->nfields; k++)
            free(f->values[k]);
        free(f->values);
    }
    for (int i = 0; layer->fields && i < layer->nfields; i++)
        free(layer->fields[i]);
    free(layer->fields);
    free(layer->features);
    free(layer->path);
    if (layer->mapped)
        munmap(layer->mapped, layer->mapped_length);
    free(layer);
}

int geo_layer_field(const GeoLayer *layer, const char *name)
{
    for (int i = 0; i < layer->nfields; i++)
        if (!strcasecmp(layer->fields[i], name))
            return i;
    return -1;
}

const char *geo_feature_value(const GeoFeature *feature, int field)
{
    return field >= 0 && feature->values ? feature->values[field] : "";
}
