/*
 * The prepared-geometry cache (see cache.h for what and why).
 *
 * File layout, native byte order (the file never leaves the machine that wrote it; the header
 * checks the byte order and type sizes anyway):
 *   header   "WKCACHE1", u32 version, u32 0x01020304, u64 key, u64 payload bytes,
 *            u64 XXH3-64 of the payload
 *   payload  u32 message count, messages (u8 severity, i32 code, string), then the layer
 *   layer    i32 kind, i32 nfields, i32 count, i32 skipped, nfields strings (u32 length, bytes)
 *   feature  i32 record, nfields strings, the shape
 *   shape    i32 kind, box (4 f64), path, u8 has-roles [+ nparts bytes],
 *            per level 1..5: u8 (0 absent, 1 present, 2 same as full) [+ path],
 *            per level 0..5: u8 (0 absent, 1 mesh, 2 failed) [+ i32 n, 2n f32],
 *            u8 has-label [+ 2 f64, the label point]
 *   path     i32 npoints, i32 nparts, 2*npoints f64, nparts+1 i32
 * The reader checks the checksum over the whole payload, every count against the bytes left,
 * and every coordinate for being finite, so a cut or damaged file is refused, never trusted.
 * The messages are those loading the source gave (a skipped record, a missing .dbf): a layer
 * with warnings is cached like any other, and its warnings are given again on every start.
 */
#define _DEFAULT_SOURCE /* madvise */
#include "cache.h"
#include "cache_internal.h"
#include "geo_internal.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdatomic.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <xxhash.h>

#include "core/atomic.h"
#include "core/util.h"
#include "core/xdg.h"

static const char MAGIC[8] = {'W', 'K', 'C', 'A', 'C', 'H', 'E', '1'};
#define ORDER_MARK 0x01020304u
/* In a stored message, where the source file's path stood. */
#define SOURCE_MARK '\x01'

/* --- the key --- */

static uint64_t fnv(uint64_t h, const void *data, size_t n)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ull;
    }
    return h;
}

uint64_t geo_cache_key(const char *path, const char *projection, const GeoCacheStamp *stamps,
                       int nstamps)
{
    uint64_t h = 0xcbf29ce484222325ull;
    uint32_t version = GEO_CACHE_VERSION;
    h = fnv(h, &version, sizeof version);
    /* Lengths keep ("ab", "c") apart from ("a", "bc"). */
    uint64_t n = path ? strlen(path) : 0;
    h = fnv(h, &n, sizeof n);
    h = fnv(h, path ? path : "", (size_t)n);
    n = projection ? strlen(projection) : 0;
    h = fnv(h, &n, sizeof n);
    h = fnv(h, projection ? projection : "", (size_t)n);
    for (int i = 0; i < nstamps; i++) {
        h = fnv(h, &stamps[i].size, sizeof stamps[i].size);
        h = fnv(h, &stamps[i].mtime_ns, sizeof stamps[i].mtime_ns);
    }
    return h;
}

char *geo_cache_dir(void)
{
    const char *own = getenv("WAKHAN_CACHE_DIR");
    if (own && *own)
        return strcmp(own, "off") ? wk_strdup(own) : NULL;
    const char *xdg = getenv("XDG_CACHE_HOME");
    if (xdg && *xdg == '/') /* the XDG spec: a relative value is to be ignored */
        return wk_path_join(xdg, "wakhan");
    const char *home = getenv("HOME");
    return home && *home ? wk_strfmt("%s/.cache/wakhan", home) : NULL;
}

void geo_cache_clean(const char *dir)
{
    if (!dir)
        return;
    wk_atomic_clean_stale(dir);
    /* Before the atomic writer, temporaries were "KEY.wkc.PID.tmp". */
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        unsigned long long name;
        long pid;
        char tail[8];
        if (sscanf(e->d_name, "%16llx.wkc.%ld.%4s", &name, &pid, tail) == 3 &&
            !strcmp(tail, "tmp") && pid > 0 && pid <= INT_MAX && kill((pid_t)pid, 0) != 0 &&
            errno == ESRCH)
            unlinkat(dirfd(d), e->d_name, 0);
    }
    if (d)
        closedir(d);
}

/* --- writing --- */

typedef struct Out {
    FILE *f;
    bool ok;
    XXH3_state_t *sum; /* over the payload; NULL while the header is written */
} Out;

static void put(Out *o, const void *data, size_t n)
{
    if (o->ok && n && fwrite(data, 1, n, o->f) != n)
        o->ok = false;
    if (o->ok && n && o->sum && XXH3_64bits_update(o->sum, data, n) != XXH_OK)
        o->ok = false;
}

static void put_i32(Out *o, int32_t v)
{
    put(o, &v, sizeof v);
}

static void put_u8(Out *o, uint8_t v)
{
    put(o, &v, 1);
}

static void put_str(Out *o, const char *s)
{
    uint32_t n = (uint32_t)strlen(s);
    put(o, &n, sizeof n);
    put(o, s, n);
}

static void put_path(Out *o, const GeoPath *p)
{
    put_i32(o, p->npoints);
    put_i32(o, p->nparts);
    put(o, p->xy, sizeof(double) * 2 * (size_t)p->npoints);
    put(o, p->part, sizeof(int) * (size_t)(p->nparts + 1));
}

static void put_shape(Out *o, const GeoShape *s)
{
    put_i32(o, s->kind);
    put(o, &s->box, sizeof s->box);
    put_path(o, &s->path);
    put_u8(o, s->roles != NULL);
    if (s->roles)
        put(o, s->roles, (size_t)s->path.nparts);
    for (int l = 1; l < GEO_LOD_COUNT; l++) {
        uint8_t state = s->lod_full[l] ? 2 : s->lod[l] || s->lod_stored[l] ? 1 : 0;
        put_u8(o, state);
        if (state == 1 && s->lod[l])
            put_path(o, s->lod[l]);
        else if (state == 1) /* still as the last file stored it */
            put(o, s->lod_stored[l], s->lod_stored_bytes[l]);
    }
    for (int l = 0; l < GEO_LOD_COUNT; l++) {
        uint8_t state = geo_shape_has_mesh(s, l) ? 1 : s->mesh_failed[l] ? 2 : 0;
        put_u8(o, state);
        if (state == 1 && !s->mesh[l]) { /* still as the last file stored it */
            put_i32(o, s->mesh_stored_n[l]);
            put(o, s->mesh_stored[l], sizeof(float) * 2 * (size_t)s->mesh_stored_n[l]);
        } else if (state == 1) {
            put_i32(o, s->mesh[l]->nvertices);
            put(o, s->mesh[l]->xy, sizeof(float) * 2 * (size_t)s->mesh[l]->nvertices);
        }
    }
    put_u8(o, s->label_known);
    if (s->label_known) {
        put(o, &s->label_x, sizeof s->label_x);
        put(o, &s->label_y, sizeof s->label_y);
    }
}

static void put_header(Out *o, uint64_t key, uint64_t payload, uint64_t sum)
{
    uint32_t version = GEO_CACHE_VERSION, mark = ORDER_MARK;
    put(o, MAGIC, sizeof MAGIC);
    put(o, &version, sizeof version);
    put(o, &mark, sizeof mark);
    put(o, &key, sizeof key);
    put(o, &payload, sizeof payload);
    put(o, &sum, sizeof sum);
}

static void put_layer(Out *o, const GeoLayer *layer, const WkDiag *messages)
{
    uint32_t nmessages = messages ? (uint32_t)messages->count : 0;
    put(o, &nmessages, sizeof nmessages);
    size_t n = layer->path ? strlen(layer->path) : 0;
    for (uint32_t i = 0; i < nmessages; i++) {
        const char *text = messages->entries[i].text;
        put_u8(o, (uint8_t)messages->entries[i].severity);
        put_i32(o, (int32_t)messages->entries[i].code);
        /* The source's path as it was named this time is kept as a mark, so that the message
         * names it as the next load does (from another folder, or absolute). */
        if (n && !strncmp(text, layer->path, n) && text[n] == ':') {
            char *marked = wk_strfmt("%c%s", SOURCE_MARK, text + n);
            put_str(o, marked ? marked : text);
            free(marked);
        } else {
            put_str(o, text);
        }
    }
    put_i32(o, layer->kind);
    put_i32(o, layer->nfields);
    put_i32(o, layer->count);
    put_i32(o, layer->skipped);
    for (int i = 0; i < layer->nfields; i++)
        put_str(o, layer->fields[i]);
    for (int k = 0; k < layer->count; k++) {
        const GeoFeature *ft = &layer->features[k];
        put_i32(o, ft->record);
        for (int i = 0; i < layer->nfields; i++)
            put_str(o, ft->values[i]);
        put_shape(o, &ft->shape);
    }
}

WkStatus geo_cache_write_messages(const char *file, uint64_t key, const GeoLayer *layer,
                                  const WkDiag *messages, WkDiag *diag)
{
    /* Written beside the target and renamed over it (core/atomic.h), so a reader never sees
     * half a file and two programs writing at once leave one whole file. */
    WkAtomicFile af;
    WkStatus status = wk_atomic_open(&af, file, diag);
    if (status != WK_OK)
        return status;
    Out o = {af.f, true, XXH3_createState()};
    if (!o.sum || XXH3_64bits_reset(o.sum) != XXH_OK)
        o.ok = false;
    /* The header first with zeros, then the payload, then the header again with its length
     * and checksum. */
    XXH3_state_t *sum = o.sum;
    o.sum = NULL;
    put_header(&o, key, 0, 0);
    long payload_at = ftell(af.f);
    o.sum = sum;
    put_layer(&o, layer, messages);
    o.sum = NULL;
    long end = ftell(af.f);
    if (payload_at < 0 || end < payload_at || fseek(af.f, 0, SEEK_SET) != 0)
        o.ok = false;
    if (o.ok)
        put_header(&o, key, (uint64_t)(end - payload_at), XXH3_64bits_digest(sum));
    XXH3_freeState(sum);
    if (!o.ok) {
        int err = ferror(af.f) ? errno : 0;
        wk_atomic_abort(&af);
        return wk_diag_error(diag, WK_ERR_IO, "%s: cannot write: %s", file,
                             err ? strerror(err) : "out of memory");
    }
    return wk_atomic_commit(&af, diag);
}

bool geo_cache_write(const char *file, uint64_t key, const GeoLayer *layer)
{
    return geo_cache_write_messages(file, key, layer, NULL, NULL) == WK_OK;
}

void geo_cache_header(uint64_t key, const void *payload, size_t length,
                      unsigned char out[GEO_CACHE_HEADER_BYTES])
{
    uint32_t version = GEO_CACHE_VERSION, mark = ORDER_MARK;
    uint64_t n = length, sum = XXH3_64bits(payload, length);
    unsigned char *p = out;
    memcpy(p, MAGIC, sizeof MAGIC), p += sizeof MAGIC;
    memcpy(p, &version, sizeof version), p += sizeof version;
    memcpy(p, &mark, sizeof mark), p += sizeof mark;
    memcpy(p, &key, sizeof key), p += sizeof key;
    memcpy(p, &n, sizeof n), p += sizeof n;
    memcpy(p, &sum, sizeof sum);
}

/* --- reading --- */

typedef struct In {
    const unsigned char *p, *end;
    bool ok;
    bool lazy; /* leave level-0 fills in the file (which outlives the layer read from it) */
} In;

static const void *take(In *in, size_t n)
{
    if (!in->ok || (size_t)(in->end - in->p) < n) {
        in->ok = false;
        return NULL;
    }
    const void *at = in->p;
    in->p += n;
    return at;
}

static int32_t get_i32(In *in)
{
    int32_t v = 0;
    const void *at = take(in, sizeof v);
    if (at)
        memcpy(&v, at, sizeof v);
    return v;
}

static uint8_t get_u8(In *in)
{
    const uint8_t *at = take(in, 1);
    return at ? *at : 0;
}

static char *get_str(In *in)
{
    uint32_t n = 0;
    const void *at = take(in, sizeof n);
    if (at)
        memcpy(&n, at, sizeof n);
    const char *s = take(in, n);
    if (!s)
        return NULL;
    char *out = malloc((size_t)n + 1);
    if (!out) {
        in->ok = false;
        return NULL;
    }
    memcpy(out, s, n);
    out[n] = '\0';
    return out;
}

/* A count that must fit in what is left of the file at `unit` bytes each. */
static int get_count(In *in, size_t unit)
{
    int32_t n = get_i32(in);
    if (n < 0 || (unit && (size_t)n > (size_t)(in->end - in->p) / unit))
        in->ok = false;
    return in->ok ? n : 0;
}

/* Reads a path into `p` (arrays malloc'ed). Part offsets must rise within the points. */
static bool get_path(In *in, GeoPath *p)
{
    memset(p, 0, sizeof *p);
    int np = get_count(in, 2 * sizeof(double));
    int nr = get_count(in, sizeof(int));
    const void *xy = take(in, sizeof(double) * 2 * (size_t)np);
    const int *part = take(in, sizeof(int) * (size_t)(nr + 1));
    if (!in->ok)
        return false;
    p->xy = malloc(sizeof(double) * 2 * (size_t)(np ? np : 1));
    p->part = malloc(sizeof(int) * (size_t)(nr + 1));
    if (!p->xy || !p->part) {
        free(p->xy), free(p->part);
        memset(p, 0, sizeof *p);
        return in->ok = false;
    }
    memcpy(p->xy, xy, sizeof(double) * 2 * (size_t)np);
    memcpy(p->part, part, sizeof(int) * (size_t)(nr + 1));
    p->npoints = np;
    p->nparts = nr;
    /* NaNs in Afghanistan's cached shapes once made it vanish from every export; absurdly
     * large values in a damaged file made GEOS give up (and leak) when repairing a fill. */
    for (int i = 0; i < 2 * np; i++)
        if (!geo_coordinate_ok(p->xy[i]))
            in->ok = false;
    for (int i = 0; i < nr; i++)
        if (p->part[i] < 0 || p->part[i] > p->part[i + 1])
            in->ok = false;
    if (p->part[nr] != np)
        in->ok = false;
    return in->ok;
}

static bool get_shape(In *in, GeoShape *s)
{
    memset(s, 0, sizeof *s);
    s->kind = (GeoKind)get_i32(in);
    if (s->kind != GEO_POINT && s->kind != GEO_LINE && s->kind != GEO_POLYGON)
        in->ok = false;
    const void *box = take(in, sizeof s->box);
    if (box)
        memcpy(&s->box, box, sizeof s->box);
    if (!geo_coordinate_ok(s->box.minx) || !geo_coordinate_ok(s->box.miny) ||
        !geo_coordinate_ok(s->box.maxx) || !geo_coordinate_ok(s->box.maxy) ||
        s->box.minx > s->box.maxx || s->box.miny > s->box.maxy)
        in->ok = false;
    s->lod[0] = &s->path;
    if (!in->ok || !get_path(in, &s->path))
        return false;
    if (get_u8(in)) {
        const void *roles = take(in, (size_t)s->path.nparts);
        if (!roles || !geo_shape_set_roles(s, roles))
            return in->ok = false;
    }
    for (int l = 1; l < GEO_LOD_COUNT && in->ok; l++) {
        uint8_t state = get_u8(in);
        if (state == 2) {
            s->lod_full[l] = true;
        } else if (state == 1 && in->lazy) {
            /* Its layout is checked now, its coordinates when it is read. */
            const unsigned char *at = in->p;
            int np = get_count(in, 2 * sizeof(double));
            int nr = get_count(in, sizeof(int));
            if (!take(in, sizeof(double) * 2 * (size_t)np + sizeof(int) * (size_t)(nr + 1)))
                return false;
            s->lod_stored[l] = at;
            s->lod_stored_bytes[l] = (unsigned)(in->p - at);
        } else if (state == 1) {
            GeoPath *p = malloc(sizeof *p);
            if (!p || !get_path(in, p)) {
                if (p)
                    free(p->xy), free(p->part);
                free(p);
                return in->ok = false;
            }
            s->lod[l] = p;
        }
    }
    for (int l = 0; l < GEO_LOD_COUNT && in->ok; l++) {
        uint8_t state = get_u8(in);
        if (state == 2) {
            s->mesh_failed[l] = true;
        } else if (state == 1) {
            int n = get_count(in, 2 * sizeof(float));
            const void *xy = take(in, sizeof(float) * 2 * (size_t)n);
            if (in->lazy && xy) {
                s->mesh_stored[l] = xy;
                s->mesh_stored_n[l] = n;
                continue;
            }
            if (l == 0)
                geo_mesh_count_level0_read();
            GeoMesh *m = xy ? calloc(1, sizeof *m) : NULL;
            if (m)
                m->xy = malloc(sizeof(float) * 2 * (size_t)(n ? n : 1));
            if (!m || !m->xy) {
                free(m);
                return in->ok = false;
            }
            memcpy(m->xy, xy, sizeof(float) * 2 * (size_t)n);
            m->nvertices = n;
            for (int i = 0; i < 2 * n; i++)
                if (!isfinite(m->xy[i]))
                    in->ok = false;
            s->mesh[l] = m;
        }
    }
    if (in->ok && get_u8(in)) {
        const void *xy = take(in, 2 * sizeof(double));
        if (xy) {
            memcpy(&s->label_x, xy, sizeof s->label_x);
            memcpy(&s->label_y, (const char *)xy + sizeof s->label_x, sizeof s->label_y);
        }
        s->label_known = in->ok;
        if (!geo_coordinate_ok(s->label_x) || !geo_coordinate_ok(s->label_y))
            in->ok = false;
    }
    return in->ok;
}

GeoPath *geo_cache_path_read(const unsigned char *stored, size_t n)
{
    /* The length checked at load bounds the read, whatever the bytes say now. */
    In in = {stored, stored + n, true, false};
    GeoPath *p = malloc(sizeof *p);
    if (p && !get_path(&in, p)) {
        free(p->xy), free(p->part);
        free(p);
        p = NULL;
    }
    geo_cache_release(stored, n);
    return p;
}

void geo_cache_release(const void *at, size_t n)
{
    /* Only the pages wholly inside: a neighbour's bytes may share the first and the last. */
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    uintptr_t from = ((uintptr_t)at + page - 1) / page * page,
              to = ((uintptr_t)at + n) / page * page;
    if (to > from)
        madvise((void *)from, to - from, MADV_DONTNEED);
}

/* Copies every message of `from` to the end of `to`, with `source` (when not NULL) where a
 * stored message had the source file's path. */
void geo_cache_pass_on(const WkDiag *from, WkDiag *to, const char *source)
{
    for (size_t i = 0; i < from->count; i++) {
        const char *text = from->entries[i].text;
        const char *head = source && text[0] == SOURCE_MARK ? source : "";
        text += source && text[0] == SOURCE_MARK;
        if (from->entries[i].severity == WK_SEV_ERROR)
            wk_diag_error(to, from->entries[i].code, "%s%s", head, text);
        else
            wk_diag_warn(to, "%s%s", head, text);
    }
}

/* Replays the stored messages into `messages` (may be NULL). */
static void get_messages(In *in, WkDiag *messages)
{
    uint32_t n = 0;
    const void *at = take(in, sizeof n);
    if (at)
        memcpy(&n, at, sizeof n);
    if (n > (size_t)(in->end - in->p) / 9) /* the smallest message takes 9 bytes */
        in->ok = false;
    for (uint32_t i = 0; i < n && in->ok; i++) {
        uint8_t severity = get_u8(in);
        int32_t code = get_i32(in);
        char *text = get_str(in);
        if (text && severity <= WK_SEV_ERROR && code >= 0 && code <= WK_ERR_GEOM) {
            if (severity == WK_SEV_ERROR)
                wk_diag_error(messages, (WkStatus)code, "%s", text);
            else
                wk_diag_warn(messages, "%s", text);
        } else {
            in->ok = false;
        }
        free(text);
    }
}

static atomic_long bytes_checked;

long geo_cache_bytes_checked(void)
{
    return atomic_load(&bytes_checked);
}

/* Decodes a whole file; `verified`: its checksum was found right before and it has not changed
 * since (see "the verified mark"), so it is not computed again. */
static GeoLayer *decode(const void *data, size_t length, uint64_t key, const char *source,
                        WkDiag *messages, GeoCacheState *state, bool lazy, bool verified)
{
    In in = {(const unsigned char *)data, (const unsigned char *)data + length, true, lazy};
    GeoLayer *layer = NULL;
    *state = GEO_CACHE_DAMAGED;
    const char *magic = take(&in, sizeof MAGIC);
    uint32_t version = 0, mark = 0;
    uint64_t file_key = 0, payload = 0, sum = 0;
    const void *at;
    if ((at = take(&in, sizeof version)))
        memcpy(&version, at, sizeof version);
    if ((at = take(&in, sizeof mark)))
        memcpy(&mark, at, sizeof mark);
    if ((at = take(&in, sizeof file_key)))
        memcpy(&file_key, at, sizeof file_key);
    if ((at = take(&in, sizeof payload)))
        memcpy(&payload, at, sizeof payload);
    if ((at = take(&in, sizeof sum)))
        memcpy(&sum, at, sizeof sum);
    if (!in.ok || memcmp(magic, MAGIC, sizeof MAGIC) || mark != ORDER_MARK)
        return NULL;
    if (version != GEO_CACHE_VERSION || file_key != key) {
        *state = GEO_CACHE_STALE; /* an older program's file, or an older map's */
        return NULL;
    }
    if (payload != (uint64_t)(in.end - in.p))
        return NULL;
    if (!verified) {
        atomic_fetch_add(&bytes_checked, (long)payload);
        if (XXH3_64bits(in.p, (size_t)payload) != sum)
            return NULL;
    }
    /* Messages go to a list of our own first: a file that turns out damaged gives none. */
    WkDiag replay;
    wk_diag_init(&replay);
    get_messages(&in, &replay);
    layer = calloc(1, sizeof *layer);
    if (!layer)
        goto fail;
    layer->kind = (GeoKind)get_i32(&in);
    layer->nfields = get_count(&in, sizeof(uint32_t));
    int count = get_count(&in, 1);
    layer->skipped = get_i32(&in);
    layer->fields = calloc((size_t)(layer->nfields ? layer->nfields : 1), sizeof *layer->fields);
    layer->features = calloc((size_t)(count ? count : 1), sizeof *layer->features);
    if (!in.ok || !layer->fields || !layer->features)
        goto fail;
    for (int i = 0; i < layer->nfields; i++)
        if (!(layer->fields[i] = get_str(&in)))
            goto fail;
    geo_box_empty(&layer->box);
    for (int k = 0; k < count; k++) {
        GeoFeature *ft = &layer->features[k];
        ft->record = get_i32(&in);
        ft->values = calloc((size_t)(layer->nfields ? layer->nfields : 1), sizeof *ft->values);
        if (!ft->values)
            goto fail;
        layer->count = k + 1; /* so that a failure below frees this feature too */
        for (int i = 0; i < layer->nfields; i++)
            if (!(ft->values[i] = get_str(&in)))
                goto fail;
        if (!get_shape(&in, &ft->shape))
            goto fail;
        geo_box_add(&layer->box, ft->shape.box.minx, ft->shape.box.miny);
        geo_box_add(&layer->box, ft->shape.box.maxx, ft->shape.box.maxy);
    }
    if (in.p != in.end)
        goto fail;
    geo_cache_pass_on(&replay, messages, source);
    wk_diag_free(&replay);
    *state = GEO_CACHE_OK;
    return layer;
fail:
    wk_diag_free(&replay);
    /* Shapes hold no GEOS geometry yet, so no context is needed to free them. */
    geo_layer_free(NULL, layer);
    return NULL;
}

GeoLayer *geo_cache_decode(const void *data, size_t length, uint64_t key, const char *source,
                           WkDiag *messages, GeoCacheState *state)
{
    return decode(data, length, key, source, messages, state, false, false);
}

/* --- the verified mark ---
 *
 * Hashing a 60 MB file read every page of it on every start. A file whose checksum was found
 * right is marked by a small file beside it, NAME.ok,
 * holding its key and what stat said of it then: device, inode, size, modification and change
 * times. A read that finds the same skips the checksum. Writing to the file, even one byte,
 * sets its change time to now, and no program can set that back, so such a file is hashed in
 * full again and a damaged one found. Layout and counts are still checked on every read. */

typedef struct Mark {
    char magic[8];
    uint64_t key, dev, ino;
    int64_t size, mtime_ns, ctime_ns;
} Mark;

static Mark mark_of(const struct stat *st, uint64_t key)
{
    Mark m;
    memset(&m, 0, sizeof m); /* no stray padding bytes: marks are compared whole */
    memcpy(m.magic, "WKMARK01", sizeof m.magic);
    m.key = key;
    m.dev = (uint64_t)st->st_dev;
    m.ino = (uint64_t)st->st_ino;
    m.size = (int64_t)st->st_size;
    m.mtime_ns = (int64_t)st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec;
    m.ctime_ns = (int64_t)st->st_ctim.tv_sec * 1000000000 + st->st_ctim.tv_nsec;
    return m;
}

static char *mark_path(const char *file)
{
    return wk_strfmt("%s.ok", file);
}

static bool mark_matches(const char *file, const struct stat *st, uint64_t key)
{
    char *path = mark_path(file);
    FILE *f = path ? fopen(path, "rb") : NULL;
    free(path);
    Mark stored, now = mark_of(st, key);
    bool same = f && fread(&stored, sizeof stored, 1, f) == 1 && !memcmp(&stored, &now, sizeof now);
    if (f)
        fclose(f);
    return same;
}

/* A file changed less than this long ago is not marked yet. File times come from a clock that
 * advances by ticks of up to 10 ms, so a write in the same tick as the last one would leave the
 * change time as it was (git calls such entries "racily clean"). */
#define MARK_SETTLED_NS 50000000

/* Marks `file` as verified under `key`, as it is now. A failure only costs a checksum later. */
static void mark_write(const char *file, uint64_t key)
{
    struct stat st;
    struct timespec now;
    char *path = mark_path(file);
    WkAtomicFile af;
    if (path && stat(file, &st) == 0 && clock_gettime(CLOCK_REALTIME, &now) == 0 &&
        (int64_t)(now.tv_sec - st.st_ctim.tv_sec) * 1000000000 +
                (now.tv_nsec - st.st_ctim.tv_nsec) >
            MARK_SETTLED_NS &&
        wk_atomic_open(&af, path, NULL) == WK_OK) {
        Mark m = mark_of(&st, key);
        if (fwrite(&m, sizeof m, 1, af.f) == 1)
            wk_atomic_commit(&af, NULL);
        else
            wk_atomic_abort(&af);
    }
    free(path);
}

void geo_cache_remove(const char *file)
{
    char *path = mark_path(file);
    unlink(file);
    if (path)
        unlink(path);
    free(path);
}

/* Reads a cache file; with `lazy`, the layer keeps the file mapped and its level-0 fills in it
 * (geo_shape_mesh reads one when it is first drawn). */
GeoLayer *geo_cache_read_file(const char *file, uint64_t key, const char *source, WkDiag *messages,
                              GeoCacheState *state, bool lazy)
{
    /* Mapped rather than read: the pages come straight from the page cache, without a copy
     * into a buffer as large as the file (tens of megabytes). */
    *state = GEO_CACHE_ABSENT;
    int fd = open(file, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    struct stat st;
    if (fd < 0)
        return NULL;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0) {
        *state = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? GEO_CACHE_DAMAGED : GEO_CACHE_ABSENT;
        close(fd);
        return NULL;
    }
    size_t length = (size_t)st.st_size;
    void *data = mmap(NULL, length, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (data == MAP_FAILED)
        return NULL;
    bool verified = mark_matches(file, &st, key);
    GeoLayer *layer = decode(data, length, key, source, messages, state, lazy, verified);
    if (layer && !verified)
        mark_write(file, key);
    if (layer && lazy) {
        /* The checksum read every page; let them go until a fill is drawn (they come back
         * from the page cache then, as the file is not written through this mapping). */
        madvise(data, length, MADV_DONTNEED);
        layer->mapped = data;
        layer->mapped_length = length;
    } else {
        munmap(data, length);
    }
    return layer;
}

GeoLayer *geo_cache_read_messages(const char *file, uint64_t key, const char *source,
                                  WkDiag *messages, GeoCacheState *state)
{
    return geo_cache_read_file(file, key, source, messages, state, false);
}

GeoLayer *geo_cache_read_lazy(const char *file, uint64_t key, GeoCacheState *state)
{
    return geo_cache_read_file(file, key, NULL, NULL, state, true);
}

GeoLayer *geo_cache_read(const char *file, uint64_t key)
{
    GeoCacheState state;
    return geo_cache_read_messages(file, key, NULL, NULL, &state);
}
