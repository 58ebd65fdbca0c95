/*
 * The prepared-geometry cache (see cache.h for what and why).
 *
 * File layout, native byte order (the file never leaves the machine that wrote it; the header
 * checks the byte order and type sizes anyway):
 *   header   "WKCACHE1", u32 version, u32 0x01020304, u64 key, u64 payload bytes
 *   layer    i32 kind, i32 nfields, i32 count, i32 skipped, nfields strings (u32 length, bytes)
 *   feature  i32 record, nfields strings, the shape
 *   shape    i32 kind, box (4 f64), path, u8 has-roles [+ nparts bytes],
 *            per level 1..5: u8 (0 absent, 1 present, 2 same as full) [+ path],
 *            per level 0..5: u8 (0 absent, 1 mesh, 2 failed) [+ i32 n, 2n f32]
 *   path     i32 npoints, i32 nparts, 2*npoints f64, nparts+1 i32
 * The reader checks every count against the bytes left, so a cut or damaged file is refused,
 * never trusted.
 */
#include "cache.h"
#include "geo_internal.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/atomic.h"
#include "core/util.h"

static const char MAGIC[8] = {'W', 'K', 'C', 'A', 'C', 'H', 'E', '1'};
#define ORDER_MARK 0x01020304u

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
} Out;

static void put(Out *o, const void *data, size_t n)
{
    if (o->ok && n && fwrite(data, 1, n, o->f) != n)
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
        uint8_t state = s->lod_full[l] ? 2 : s->lod[l] ? 1 : 0;
        put_u8(o, state);
        if (state == 1)
            put_path(o, s->lod[l]);
    }
    for (int l = 0; l < GEO_LOD_COUNT; l++) {
        uint8_t state = s->mesh[l] ? 1 : s->mesh_failed[l] ? 2 : 0;
        put_u8(o, state);
        if (state == 1) {
            put_i32(o, s->mesh[l]->nvertices);
            put(o, s->mesh[l]->xy, sizeof(float) * 2 * (size_t)s->mesh[l]->nvertices);
        }
    }
}

bool geo_cache_write(const char *file, uint64_t key, const GeoLayer *layer)
{
    /* Written beside the target and renamed over it, so a reader never sees half a file and
     * two programs writing at once leave one whole file. */
    WkAtomicFile af;
    if (wk_atomic_open(&af, file, NULL) != WK_OK)
        return false;
    FILE *f = af.f;
    Out o = {f, true};
    uint32_t version = GEO_CACHE_VERSION, mark = ORDER_MARK;
    uint64_t payload = 0; /* patched once known */
    put(&o, MAGIC, sizeof MAGIC);
    put(&o, &version, sizeof version);
    put(&o, &mark, sizeof mark);
    put(&o, &key, sizeof key);
    long payload_at = ftell(f);
    put(&o, &payload, sizeof payload);
    put_i32(&o, layer->kind);
    put_i32(&o, layer->nfields);
    put_i32(&o, layer->count);
    put_i32(&o, layer->skipped);
    for (int i = 0; i < layer->nfields; i++)
        put_str(&o, layer->fields[i]);
    for (int k = 0; k < layer->count; k++) {
        const GeoFeature *ft = &layer->features[k];
        put_i32(&o, ft->record);
        for (int i = 0; i < layer->nfields; i++)
            put_str(&o, ft->values[i]);
        put_shape(&o, &ft->shape);
    }
    long end = ftell(f);
    payload = end > payload_at ? (uint64_t)(end - payload_at - (long)sizeof payload) : 0;
    if (o.ok && (payload_at < 0 || fseek(f, payload_at, SEEK_SET) != 0))
        o.ok = false;
    put(&o, &payload, sizeof payload);
    if (!o.ok) {
        wk_atomic_abort(&af);
        return false;
    }
    return wk_atomic_commit(&af, NULL) == WK_OK;
}

/* --- reading --- */

typedef struct In {
    const unsigned char *p, *end;
    bool ok;
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
            GeoMesh *m = xy ? calloc(1, sizeof *m) : NULL;
            if (m)
                m->xy = malloc(sizeof(float) * 2 * (size_t)(n ? n : 1));
            if (!m || !m->xy) {
                free(m);
                return in->ok = false;
            }
            memcpy(m->xy, xy, sizeof(float) * 2 * (size_t)n);
            m->nvertices = n;
            s->mesh[l] = m;
        }
    }
    return in->ok;
}

GeoLayer *geo_cache_read(const char *file, uint64_t key)
{
    /* Mapped rather than read: the pages come straight from the page cache, without a copy
     * into a buffer as large as the file (tens of megabytes). */
    int fd = open(file, O_RDONLY);
    struct stat st;
    if (fd < 0)
        return NULL;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0) {
        close(fd);
        return NULL;
    }
    size_t length = (size_t)st.st_size;
    void *data = mmap(NULL, length, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (data == MAP_FAILED)
        return NULL;
    In in = {(const unsigned char *)data, (const unsigned char *)data + length, true};
    GeoLayer *layer = NULL;
    const char *magic = take(&in, sizeof MAGIC);
    uint32_t version = 0, mark = 0;
    uint64_t file_key = 0, payload = 0;
    const void *at;
    if ((at = take(&in, sizeof version)))
        memcpy(&version, at, sizeof version);
    if ((at = take(&in, sizeof mark)))
        memcpy(&mark, at, sizeof mark);
    if ((at = take(&in, sizeof file_key)))
        memcpy(&file_key, at, sizeof file_key);
    if ((at = take(&in, sizeof payload)))
        memcpy(&payload, at, sizeof payload);
    if (!in.ok || memcmp(magic, MAGIC, sizeof MAGIC) || version != GEO_CACHE_VERSION ||
        mark != ORDER_MARK || file_key != key || payload != (uint64_t)(in.end - in.p))
        goto fail;
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
    munmap(data, length);
    return layer;
fail:
    munmap(data, length);
    /* Shapes hold no GEOS geometry yet, so no context is needed to free them. */
    geo_layer_free(NULL, layer);
    return NULL;
}

/* --- preparing --- */

/* Levels 1.. and meshes from level `mesh_from` on (GEO_LOD_COUNT: none). True when anything
 * was computed. */
static bool prepare_shape(GeoContext *ctx, GeoShape *s, int mesh_from)
{
    bool computed = false;
    if (s->kind == GEO_POINT)
        return false;
    for (int l = 0; l < GEO_LOD_COUNT; l++) {
        if (l > 0 && !s->lod[l] && !s->lod_full[l]) {
            geo_shape_lod(ctx, s, l);
            computed = true;
        }
        if (l >= mesh_from && s->kind == GEO_POLYGON && !s->mesh[l] && !s->mesh_failed[l]) {
            geo_shape_mesh(ctx, s, l);
            computed = true;
        }
    }
    geo_shape_release_geos(ctx, s);
    return computed;
}

bool geo_layer_prepare(GeoContext *ctx, GeoLayer *layer, bool meshes)
{
    /* Level 0 too: triangulating China's 400,000 vertices on first use stopped the window for
     * 3.6 s the first time a class zoomed in closer than 300 m a pixel. */
    bool computed = false;
    for (int k = 0; k < layer->count; k++)
        computed |= prepare_shape(ctx, &layer->features[k].shape, meshes ? 0 : GEO_LOD_COUNT);
    return computed;
}

static GeoCacheStamp stamp_file(const char *file)
{
    struct stat st;
    GeoCacheStamp s = {0, 0};
    if (file && stat(file, &st) == 0) {
        s.size = (int64_t)st.st_size;
        s.mtime_ns = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
    }
    return s;
}

/* The stamp of the shapefile's sibling with extension `ext`. */
static GeoCacheStamp stamp_of(const char *path, const char *ext)
{
    size_t n = strlen(path);
    bool has_ext = n > 4 && path[n - 4] == '.';
    char *file = wk_strfmt("%.*s%s", (int)(has_ext ? n - 4 : n), path, ext);
    GeoCacheStamp s = stamp_file(file);
    free(file);
    return s;
}

/* mkdir -p for the cache directory; false when it cannot be made. */
static bool make_dirs(const char *dir)
{
    char *copy = wk_strdup(dir);
    if (!copy)
        return false;
    bool ok = true;
    for (char *p = copy + 1; ok; p++) {
        if (*p != '/' && *p != '\0')
            continue;
        char c = *p;
        *p = '\0';
        if (mkdir(copy, 0700) != 0 && errno != EEXIST)
            ok = false;
        *p = c;
        if (c == '\0')
            break;
    }
    free(copy);
    return ok;
}

GeoLayer *geo_layer_load_cached(GeoContext *ctx, const char *path, const char *target, bool meshes,
                                WkDiag *diag)
{
    const char *cache_dir = geo_context_cache_dir(ctx);
    if (!cache_dir)
        return geo_layer_load(ctx, path, target, diag);
    GeoCacheStamp stamps[4] = {stamp_of(path, ".shp"), stamp_of(path, ".shx"),
                               stamp_of(path, ".dbf"), stamp_of(path, ".prj")};
    uint64_t key = geo_cache_key(path, target, stamps, 4);
    /* The file is named by path and projection alone, so a changed map overwrites its old
     * cache instead of leaving it behind. */
    uint64_t name = geo_cache_key(path, target, NULL, 0);
    char *file = wk_strfmt("%s/%016llx.wkc", cache_dir, (unsigned long long)name);
    GeoLayer *layer = file ? geo_cache_read(file, key) : NULL;
    if (layer) {
        char *own = wk_strdup(path);
        if (!own) {
            geo_layer_free(ctx, layer);
            free(file);
            return NULL;
        }
        layer->path = own;
        /* A cache written without meshes (another style) gets them now. */
        if (geo_layer_prepare(ctx, layer, meshes) && make_dirs(cache_dir))
            geo_cache_write(file, key, layer);
        free(file);
        return layer;
    }
    size_t before = diag ? diag->count + diag->dropped : 0;
    layer = geo_layer_load(ctx, path, target, diag);
    /* Only a layer that loaded without a word is kept: warnings (a skipped record, a missing
     * .dbf) must show again on the next start. */
    bool quiet = !diag || diag->count + diag->dropped == before;
    if (layer && geo_layer_prepare(ctx, layer, meshes) && quiet && file && make_dirs(cache_dir))
        geo_cache_write(file, key, layer);
    free(file);
    return layer;
}

static bool same_source(const GeoShape *a, const GeoShape *b)
{
    return a->kind == b->kind && a->path.npoints == b->path.npoints &&
           a->path.nparts == b->path.nparts &&
           !memcmp(a->path.xy, b->path.xy, sizeof(double) * 2 * (size_t)a->path.npoints);
}

void geo_shapes_prepare_cached(GeoContext *ctx, const char *source, const char *target,
                               GeoShape **shapes, int n)
{
    const char *cache_dir = geo_context_cache_dir(ctx);
    if (!cache_dir || n <= 0)
        return;
    GeoCacheStamp stamp = stamp_file(source);
    uint64_t key = geo_cache_key(source, target, &stamp, 1);
    char *file = wk_strfmt("%s/%016llx.wkc", cache_dir,
                           (unsigned long long)geo_cache_key(source, target, NULL, 0));
    if (!file)
        return;
    GeoLayer *cached = geo_cache_read(file, key);
    bool hit = cached && cached->count == n;
    for (int k = 0; hit && k < n; k++)
        hit = same_source(&cached->features[k].shape, shapes[k]);
    if (hit) {
        /* Move what the cache holds into the shapes. */
        for (int k = 0; k < n; k++) {
            GeoShape *from = &cached->features[k].shape, *to = shapes[k];
            for (int l = 0; l < GEO_LOD_COUNT; l++) {
                if (l > 0 && !to->lod[l] && !to->lod_full[l]) {
                    to->lod[l] = from->lod[l];
                    to->lod_full[l] = from->lod_full[l];
                    from->lod[l] = NULL;
                }
                if (!to->mesh[l] && !to->mesh_failed[l]) {
                    to->mesh[l] = from->mesh[l];
                    to->mesh_failed[l] = from->mesh_failed[l];
                    from->mesh[l] = NULL;
                }
            }
        }
        geo_layer_free(ctx, cached);
        free(file);
        return;
    }
    geo_layer_free(ctx, cached);
    /* Overlays are small (simplified when built): every level gets a mesh, level 0 too. */
    for (int k = 0; k < n; k++)
        prepare_shape(ctx, shapes[k], 0);
    /* The file format is a layer's: borrow the shapes into one without copying them. */
    GeoLayer tmp = {0};
    tmp.kind = shapes[0]->kind;
    tmp.count = n;
    tmp.features = calloc((size_t)n, sizeof *tmp.features);
    if (tmp.features && make_dirs(cache_dir)) {
        for (int k = 0; k < n; k++)
            tmp.features[k].shape = *shapes[k];
        geo_cache_write(file, key, &tmp);
    }
    free(tmp.features);
    free(file);
}
