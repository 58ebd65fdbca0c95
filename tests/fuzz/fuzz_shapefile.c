/*
 * libFuzzer harness for the shapefile loader. One input holds the three files of a shapefile:
 *
 *   u32 LE  length of the .shp    (high bit set: the file is missing)
 *   u32 LE  length of the .shx    (high bit set: the file is missing)
 *   bytes   the .shp, then the .shx, then everything left is the .dbf
 *
 * Lengths are clamped to what the input holds. The files are served from memory through
 * shapelib's SAHooks (geo_layer_load_hooks), so no input touches the disk. Every feature that
 * loads is then simplified, triangulated and hit-tested, as the renderer and the picker would.
 *
 * NOTE: shapelib 1.5's SAHooks carry no user pointer, so FOpen finds the input through a
 * file-scope variable. That is fine for a single-threaded harness and nowhere else.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "geo/layer_hooks.h"

#define MISSING_BIT 0x80000000u

typedef struct MemFile {
    const uint8_t *data;
    size_t size, pos;
} MemFile;

typedef struct MemInput {
    const uint8_t *piece[3]; /* shp, shx, dbf; NULL when missing */
    size_t size[3];
} MemInput;

static MemInput current;

static SAFile mem_open(const char *name, const char *access)
{
    static const char *const ext[3] = {".shp", ".shx", ".dbf"};
    size_t n = strlen(name);
    if (access[0] != 'r' || n < 4)
        return NULL;
    for (int i = 0; i < 3; i++) {
        if (!strcasecmp(name + n - 4, ext[i]) && current.piece[i]) {
            MemFile *f = calloc(1, sizeof *f);
            if (!f)
                return NULL;
            f->data = current.piece[i];
            f->size = current.size[i];
            return (SAFile)f;
        }
    }
    return NULL; /* .prj, .cpg and missing pieces */
}

static SAOffset mem_read(void *p, SAOffset size, SAOffset nmemb, SAFile file)
{
    MemFile *f = (MemFile *)file;
    if (size == 0 || f->pos >= f->size)
        return 0;
    SAOffset n = (SAOffset)(f->size - f->pos) / size;
    if (n > nmemb)
        n = nmemb;
    memcpy(p, f->data + f->pos, (size_t)(n * size));
    f->pos += (size_t)(n * size);
    return n;
}

static SAOffset mem_write(void *p, SAOffset size, SAOffset nmemb, SAFile file)
{
    (void)p, (void)size, (void)nmemb, (void)file;
    return 0;
}

static SAOffset mem_seek(SAFile file, SAOffset offset, int whence)
{
    MemFile *f = (MemFile *)file;
    size_t base = whence == SEEK_CUR ? f->pos : whence == SEEK_END ? f->size : 0;
    f->pos = base + (size_t)offset;
    return 0;
}

static SAOffset mem_tell(SAFile file)
{
    return (SAOffset)((MemFile *)file)->pos;
}

static int mem_flush(SAFile file)
{
    (void)file;
    return 0;
}

static int mem_close(SAFile file)
{
    free(file);
    return 0;
}

static int mem_remove(const char *name)
{
    (void)name;
    return -1;
}

static void mem_error(const char *message)
{
    (void)message;
}

static double mem_atof(const char *s)
{
    return atof(s);
}

static uint32_t read_u32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static GeoContext *geo;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 8)
        return 0;
    if (!geo && !(geo = geo_context_create()))
        abort();
    uint32_t len[2] = {read_u32(data), read_u32(data + 4)};
    const uint8_t *p = data + 8;
    size_t left = size - 8;
    memset(&current, 0, sizeof current);
    for (int i = 0; i < 3; i++) {
        size_t n = i < 2 ? (size_t)(len[i] & ~MISSING_BIT) : left;
        if (n > left)
            n = left;
        if (i == 2 || !(len[i] & MISSING_BIT)) {
            current.piece[i] = p;
            current.size[i] = n;
        }
        p += n;
        left -= n;
    }
    SAHooks hooks = {mem_open,  mem_read,  mem_write,  mem_seek,  mem_tell,
                     mem_flush, mem_close, mem_remove, mem_error, mem_atof};
    WkDiag diag;
    wk_diag_init(&diag);
    GeoLayer *layer = geo_layer_load_hooks(geo, "fuzz.shp", &hooks, NULL, &diag);
    /* Derived geometry for the first few features only: GEOS work grows with the input. */
    for (int i = 0; layer && i < layer->count && i < 8; i++) {
        GeoShape *s = &layer->features[i].shape;
        if (s->path.npoints > 2000)
            continue;
        geo_shape_lod(geo, s, 2);
        geo_shape_mesh(geo, s, 0);
        geo_shape_covers(geo, s, (s->box.minx + s->box.maxx) / 2, (s->box.miny + s->box.maxy) / 2);
        double x, y;
        geo_shape_label_point(geo, s, &x, &y);
        for (int k = 0; k < layer->nfields; k++)
            (void)strlen(geo_feature_value(&layer->features[i], k));
    }
    geo_layer_free(geo, layer);
    wk_diag_free(&diag);
    return 0;
}
