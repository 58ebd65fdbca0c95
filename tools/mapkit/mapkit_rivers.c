/*
 * mapkit-rivers - writes the rivers layer from WDBII river pieces and names the big rivers.
 *
 *   mapkit-rivers GUIDES.txt OUT[.shp] < pieces.txt
 *
 * pieces.txt is GMT's river dump with headers rewritten to `> level=N` (WDBII level 1..4).
 * GMT cuts rivers at its bin edges, so a river is many short pieces; pieces meet where they share
 * a vertex. GUIDES.txt lists, per named river, a few points along its course from source to
 * mouth:
 *   river amu_darya|Amu Darya
 *   68.30 37.10
 *   ...
 * Each point is snapped to the nearest river vertex, and the river is the shortest path through
 * the network of pieces from one point to the next. Because a river system is (almost) a tree,
 * that path follows the river itself, so the guide points need only be near the right river,
 * not exact. Named rivers get rank 1; the other pieces are merged into longer lines per level,
 * rank 2 (WDBII levels 1-2, major) or 3 (levels 3-4).
 */
#include "mapkit_geom.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TOOL "mapkit-rivers"
#define KM_PER_DEGREE 111.2
#define SNAP_WARN_KM 25.0
#define MAX_GUIDE_POINTS 32
#define MAX_RIVERS 32
#define MAX_LEVEL 4
/* A piece whose end stops short of another river (WDBII pieces do not always share a vertex at a
 * confluence) is joined to the nearest vertex of another piece within this distance. */
#define BRIDGE_KM 3.0
#define BRIDGE_DEG 0.05

typedef struct Net {
    double *x, *y; /* vertices */
    int nv, vcap;
    int64_t *keys; /* hash of vertex -> index, open addressing */
    int *slots;
    int hcap;
    int *vpiece; /* the piece that first brought each vertex */
    int npieces;
    int *eu, *ev, *elevel; /* edges between consecutive vertices of a piece */
    char *named;
    int ne, ecap;
    int *adj_start, *adj; /* CSR: edges incident to each vertex */
} Net;

typedef struct Guide {
    char id[64], name[128];
    double x[MAX_GUIDE_POINTS], y[MAX_GUIDE_POINTS];
    int n;
} Guide;

static double dist_km(double x1, double y1, double x2, double y2)
{
    double c = cos((y1 + y2) * 0.5 * M_PI / 180.0);
    return hypot((x2 - x1) * c, y2 - y1) * KM_PER_DEGREE;
}

static int64_t vkey(double x, double y)
{
    int64_t ix = (int64_t)llround(x * 1e6), iy = (int64_t)llround(y * 1e6);
    return ix * 1000000007LL + iy;
}

static int grow(void **p, int *cap, int need, size_t elem)
{
    if (need <= *cap)
        return 0;
    int ncap = *cap ? *cap : 1024;
    while (ncap < need)
        ncap *= 2;
    void *np = realloc(*p, elem * (size_t)ncap);
    if (!np)
        return -1;
    *p = np;
    *cap = ncap;
    return 0;
}

static int hash_rebuild(Net *n, int cap)
{
    free(n->slots);
    n->slots = malloc(sizeof(int) * (size_t)cap);
    if (!n->slots)
        return -1;
    for (int i = 0; i < cap; i++)
        n->slots[i] = -1;
    n->hcap = cap;
    for (int v = 0; v < n->nv; v++) {
        uint64_t h = (uint64_t)n->keys[v] * 0x9E3779B97F4A7C15ULL;
        int s = (int)(h % (uint64_t)cap);
        while (n->slots[s] >= 0)
            s = (s + 1) % cap;
        n->slots[s] = v;
    }
    return 0;
}

/* Returns the index of vertex (x, y), adding it if new; -1 when out of memory. */
static int vertex(Net *n, double x, double y)
{
    int64_t k = vkey(x, y);
    if (n->nv * 2 >= n->hcap && hash_rebuild(n, n->hcap ? n->hcap * 2 : 4096) != 0)
        return -1;
    uint64_t h = (uint64_t)k * 0x9E3779B97F4A7C15ULL;
    int s = (int)(h % (uint64_t)n->hcap);
    while (n->slots[s] >= 0) {
        if (n->keys[n->slots[s]] == k)
            return n->slots[s];
        s = (s + 1) % n->hcap;
    }
    int cap = n->vcap;
    if (grow((void **)&n->x, &cap, n->nv + 1, sizeof(double)) != 0)
        return -1;
    cap = n->vcap;
    if (grow((void **)&n->y, &cap, n->nv + 1, sizeof(double)) != 0)
        return -1;
    cap = n->vcap;
    if (grow((void **)&n->keys, &cap, n->nv + 1, sizeof(int64_t)) != 0)
        return -1;
    cap = n->vcap;
    if (grow((void **)&n->vpiece, &cap, n->nv + 1, sizeof(int)) != 0)
        return -1;
    n->vcap = cap;
    n->vpiece[n->nv] = n->npieces;
    n->x[n->nv] = x;
    n->y[n->nv] = y;
    n->keys[n->nv] = k;
    n->slots[s] = n->nv;
    return n->nv++;
}

static int edge(Net *n, int u, int v, int level)
{
    if (u == v)
        return 0;
    int cap = n->ecap;
    if (grow((void **)&n->eu, &cap, n->ne + 1, sizeof(int)) != 0)
        return -1;
    cap = n->ecap;
    if (grow((void **)&n->ev, &cap, n->ne + 1, sizeof(int)) != 0)
        return -1;
    cap = n->ecap;
    if (grow((void **)&n->elevel, &cap, n->ne + 1, sizeof(int)) != 0)
        return -1;
    n->ecap = cap;
    n->eu[n->ne] = u;
    n->ev[n->ne] = v;
    n->elevel[n->ne] = level;
    n->ne++;
    return 0;
}

static int read_pieces(FILE *f, Net *n)
{
    char line[512];
    int level = 0, prev = -1;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '>') {
            const char *p = strstr(line, "level=");
            level = p ? atoi(p + 6) : 0;
            if (level < 1 || level > MAX_LEVEL) {
                fprintf(stderr, TOOL ": header without level 1..%d: %s", MAX_LEVEL, line);
                return -1;
            }
            prev = -1;
            n->npieces++;
            continue;
        }
        double x, y;
        if (sscanf(line, "%lf %lf", &x, &y) != 2 || level == 0)
            continue;
        int v = vertex(n, x, y);
        if (v < 0 || (prev >= 0 && edge(n, prev, v, level) != 0))
            return -1;
        prev = v;
    }
    return 0;
}

static int build_adjacency(Net *n)
{
    n->adj_start = calloc((size_t)n->nv + 1, sizeof(int));
    n->adj = malloc(sizeof(int) * (size_t)(2 * n->ne + 1));
    n->named = calloc((size_t)n->ne + 1, 1);
    int *fill = calloc((size_t)n->nv + 1, sizeof(int));
    if (!n->adj_start || !n->adj || !n->named || !fill) {
        free(fill);
        return -1;
    }
    for (int e = 0; e < n->ne; e++) {
        n->adj_start[n->eu[e] + 1]++;
        n->adj_start[n->ev[e] + 1]++;
    }
    for (int v = 0; v < n->nv; v++)
        n->adj_start[v + 1] += n->adj_start[v];
    for (int e = 0; e < n->ne; e++) {
        n->adj[n->adj_start[n->eu[e]] + fill[n->eu[e]]++] = e;
        n->adj[n->adj_start[n->ev[e]] + fill[n->ev[e]]++] = e;
    }
    free(fill);
    return 0;
}

typedef struct Sorted {
    double x;
    int v;
} Sorted;

static int by_x(const void *a, const void *b)
{
    double xa = ((const Sorted *)a)->x, xb = ((const Sorted *)b)->x;
    return (xa > xb) - (xa < xb);
}

/* Joins dangling piece ends to the nearest vertex of another piece within BRIDGE_KM. Must run
 * before build_adjacency. Returns the number of bridges, or -1. */
static int bridge_gaps(Net *n)
{
    int *degree = calloc((size_t)n->nv + 1, sizeof(int));
    int *level = calloc((size_t)n->nv + 1, sizeof(int));
    Sorted *order = malloc(sizeof(Sorted) * (size_t)(n->nv + 1));
    int bridges = 0, ne = n->ne;
    if (!degree || !order || !level) {
        free(degree);
        free(level);
        free(order);
        return -1;
    }
    for (int e = 0; e < ne; e++) {
        degree[n->eu[e]]++;
        degree[n->ev[e]]++;
        level[n->eu[e]] = level[n->ev[e]] = n->elevel[e];
    }
    for (int v = 0; v < n->nv; v++) {
        order[v].x = n->x[v];
        order[v].v = v;
    }
    qsort(order, (size_t)n->nv, sizeof(Sorted), by_x);
    for (int v = 0; v < n->nv; v++) {
        if (degree[v] != 1)
            continue;
        int lo = 0, hi = n->nv;
        while (lo < hi) { /* first vertex with x >= x[v] - BRIDGE_DEG */
            int mid = (lo + hi) / 2;
            if (order[mid].x < n->x[v] - BRIDGE_DEG)
                lo = mid + 1;
            else
                hi = mid;
        }
        int best = -1;
        double bd = BRIDGE_KM;
        for (int k = lo; k < n->nv && order[k].x <= n->x[v] + BRIDGE_DEG; k++) {
            int w = order[k].v;
            if (n->vpiece[w] == n->vpiece[v] || fabs(n->y[w] - n->y[v]) > BRIDGE_DEG)
                continue;
            double d = dist_km(n->x[v], n->y[v], n->x[w], n->y[w]);
            if (d < bd) {
                bd = d;
                best = w;
            }
        }
        if (best >= 0) {
            if (edge(n, v, best, level[v]) != 0) {
                bridges = -1;
                break;
            }
            bridges++;
        }
    }
    free(degree);
    free(level);
    free(order);
    return bridges;
}

static int nearest_vertex(const Net *n, double x, double y, double *dkm)
{
    int best = -1;
    double bd = INFINITY;
    for (int v = 0; v < n->nv; v++) {
        double d = dist_km(x, y, n->x[v], n->y[v]);
        if (d < bd) {
            bd = d;
            best = v;
        }
    }
    *dkm = bd;
    return best;
}

/* Binary min-heap of (distance, vertex) with lazy deletion. */
typedef struct Heap {
    double *d;
    int *v;
    int n, cap;
} Heap;

static int heap_push(Heap *h, double d, int v)
{
    if (h->n == h->cap) {
        int cap = h->cap ? h->cap * 2 : 4096;
        double *nd = realloc(h->d, sizeof(double) * (size_t)cap);
        if (!nd)
            return -1;
        h->d = nd;
        int *nv = realloc(h->v, sizeof(int) * (size_t)cap);
        if (!nv)
            return -1;
        h->v = nv;
        h->cap = cap;
    }
    int i = h->n++;
    while (i > 0 && h->d[(i - 1) / 2] > d) {
        h->d[i] = h->d[(i - 1) / 2];
        h->v[i] = h->v[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    h->d[i] = d;
    h->v[i] = v;
    return 0;
}

static void heap_pop(Heap *h, double *d, int *v)
{
    *d = h->d[0];
    *v = h->v[0];
    double ld = h->d[--h->n];
    int lv = h->v[h->n], i = 0;
    for (;;) {
        int c = 2 * i + 1;
        if (c >= h->n)
            break;
        if (c + 1 < h->n && h->d[c + 1] < h->d[c])
            c++;
        if (h->d[c] >= ld)
            break;
        h->d[i] = h->d[c];
        h->v[i] = h->v[c];
        i = c;
    }
    h->d[i] = ld;
    h->v[i] = lv;
}

/* Shortest path from a to b; appends its vertices (without a) to path. Returns its length in
 * vertices, or -1 if b cannot be reached. */
static int shortest_path(Net *n, int a, int b, int *path, double *dist, int *prev_edge)
{
    Heap h = {0};
    for (int v = 0; v < n->nv; v++) {
        dist[v] = INFINITY;
        prev_edge[v] = -1;
    }
    dist[a] = 0;
    if (heap_push(&h, 0, a) != 0)
        return -1;
    while (h.n > 0) {
        double d;
        int u;
        heap_pop(&h, &d, &u);
        if (d > dist[u])
            continue;
        if (u == b)
            break;
        for (int k = n->adj_start[u]; k < n->adj_start[u + 1]; k++) {
            int e = n->adj[k], w = n->eu[e] == u ? n->ev[e] : n->eu[e];
            double nd = d + dist_km(n->x[u], n->y[u], n->x[w], n->y[w]);
            if (nd < dist[w]) {
                dist[w] = nd;
                prev_edge[w] = e;
                if (heap_push(&h, nd, w) != 0) {
                    free(h.d);
                    free(h.v);
                    return -1;
                }
            }
        }
    }
    free(h.d);
    free(h.v);
    if (a != b && prev_edge[b] < 0)
        return -1;
    int len = 0;
    for (int v = b; v != a; len++) {
        int e = prev_edge[v];
        n->named[e] = 1;
        v = n->eu[e] == v ? n->ev[e] : n->eu[e];
    }
    /* Walk back again to write the vertices in forward order. */
    int i = len;
    for (int v = b; v != a;) {
        path[--i] = v;
        int e = prev_edge[v];
        v = n->eu[e] == v ? n->ev[e] : n->eu[e];
    }
    return len;
}

static int read_guides(const char *path, Guide *g, int max)
{
    FILE *f = fopen(path, "r");
    char line[512];
    int n = 0;
    if (!f) {
        fprintf(stderr, TOOL ": cannot open %s\n", path);
        return -1;
    }
    while (fgets(line, sizeof line, f)) {
        char *s = line;
        while (isspace((unsigned char)*s))
            s++;
        if (*s == '#' || *s == '\0')
            continue;
        if (strncmp(s, "river ", 6) == 0) {
            if (n == max)
                break;
            memset(&g[n], 0, sizeof g[n]);
            if (sscanf(s + 6, "%63[^|]|%127[^\r\n]", g[n].id, g[n].name) != 2)
                break;
            n++;
            continue;
        }
        double x, y;
        if (n == 0 || sscanf(s, "%lf %lf", &x, &y) != 2 || g[n - 1].n == MAX_GUIDE_POINTS) {
            fprintf(stderr, TOOL ": %s: bad line: %s", path, line);
            fclose(f);
            return -1;
        }
        g[n - 1].x[g[n - 1].n] = x;
        g[n - 1].y[g[n - 1].n] = y;
        g[n - 1].n++;
    }
    fclose(f);
    return n;
}

static int write_record(GEOSContextHandle_t ctx, SHPHandle shp, DBFHandle dbf,
                        const GEOSGeometry *g, const char *id, const char *name, int rank,
                        int level)
{
    int r = mapkit_shape_write(ctx, shp, g);
    if (r < 0 || !DBFWriteStringAttribute(dbf, r, 0, id) ||
        !DBFWriteStringAttribute(dbf, r, 1, name) || !DBFWriteIntegerAttribute(dbf, r, 2, rank) ||
        !DBFWriteIntegerAttribute(dbf, r, 3, level))
        return -1;
    return 0;
}

/* Writes the named river g as a line through its guide points. Where no path joins two
 * consecutive points (a reservoir drawn as a lake cuts the river), the line breaks there and a
 * new part starts, so the record may be a MultiLineString. */
static int write_named(GEOSContextHandle_t ctx, Net *n, const Guide *g, SHPHandle shp,
                       DBFHandle dbf, int *path, double *dist, int *prev)
{
    int snap[MAX_GUIDE_POINTS], total = 0, nparts = 0, part_start = 0;
    double *xs = malloc(sizeof(double) * (size_t)(n->nv + 1));
    double *ys = malloc(sizeof(double) * (size_t)(n->nv + 1));
    GEOSGeometry *parts[MAX_GUIDE_POINTS];
    int status = -1;
    if (!xs || !ys)
        goto done;
    for (int i = 0; i < g->n; i++) {
        double d;
        snap[i] = nearest_vertex(n, g->x[i], g->y[i], &d);
        if (d > SNAP_WARN_KM)
            fprintf(stderr, TOOL ": warning: %s point %d is %.0f km from any river\n", g->id, i, d);
    }
    xs[0] = n->x[snap[0]];
    ys[0] = n->y[snap[0]];
    total = 1;
    for (int i = 1; i <= g->n; i++) {
        int len = (i < g->n) ? shortest_path(n, snap[i - 1], snap[i], path, dist, prev) : -1;
        if (len < 0) {
            if (i < g->n)
                fprintf(stderr, TOOL ": note: %s: no river path from point %d to %d, line breaks\n",
                        g->id, i - 1, i);
            if (total - part_start >= 2) {
                GEOSCoordSequence *seq =
                    GEOSCoordSeq_copyFromArrays_r(ctx, xs + part_start, ys + part_start, NULL, NULL,
                                                  (unsigned)(total - part_start));
                GEOSGeometry *ls = seq ? GEOSGeom_createLineString_r(ctx, seq) : NULL;
                if (!ls)
                    goto done;
                parts[nparts++] = ls;
            }
            if (i < g->n) {
                part_start = total;
                xs[total] = n->x[snap[i]];
                ys[total] = n->y[snap[i]];
                total++;
            }
            continue;
        }
        for (int k = 0; k < len && total < n->nv; k++) {
            xs[total] = n->x[path[k]];
            ys[total] = n->y[path[k]];
            total++;
        }
    }
    GEOSGeometry *ml =
        GEOSGeom_createCollection_r(ctx, GEOS_MULTILINESTRING, parts, (unsigned)nparts);
    if (!ml)
        goto done;
    nparts = 0;
    status = write_record(ctx, shp, dbf, ml, g->id, g->name, 1, 0);
    fprintf(stderr, TOOL ": %s: %d vertices in %d parts\n", g->id, total,
            GEOSGetNumGeometries_r(ctx, ml));
    GEOSGeom_destroy_r(ctx, ml);
done:
    for (int i = 0; i < nparts; i++)
        GEOSGeom_destroy_r(ctx, parts[i]);
    free(xs);
    free(ys);
    return status;
}

/* Merges the unnamed edges of one level into lines and writes each as a record. */
static int write_unnamed(GEOSContextHandle_t ctx, const Net *n, int level, SHPHandle shp,
                         DBFHandle dbf, int *count)
{
    GEOSGeometry **segs = malloc(sizeof(*segs) * (size_t)(n->ne + 1));
    int ns = 0, status = -1;
    if (!segs)
        return -1;
    for (int e = 0; e < n->ne; e++) {
        if (n->named[e] || n->elevel[e] != level)
            continue;
        double x[2] = {n->x[n->eu[e]], n->x[n->ev[e]]}, y[2] = {n->y[n->eu[e]], n->y[n->ev[e]]};
        GEOSCoordSequence *seq = GEOSCoordSeq_copyFromArrays_r(ctx, x, y, NULL, NULL, 2);
        GEOSGeometry *ls = seq ? GEOSGeom_createLineString_r(ctx, seq) : NULL;
        if (!ls)
            goto done;
        segs[ns++] = ls;
    }
    GEOSGeometry *ml = GEOSGeom_createCollection_r(ctx, GEOS_MULTILINESTRING, segs, (unsigned)ns);
    ns = 0;
    GEOSGeometry *merged = ml ? GEOSLineMerge_r(ctx, ml) : NULL;
    if (ml)
        GEOSGeom_destroy_r(ctx, ml);
    if (!merged)
        goto done;
    int k = GEOSGetNumGeometries_r(ctx, merged);
    int rank = level <= 2 ? 2 : 3;
    status = 0;
    for (int i = 0; i < k && status == 0; i++) {
        char id[32];
        snprintf(id, sizeof id, "l%d_%d", level, i + 1);
        status =
            write_record(ctx, shp, dbf, GEOSGetGeometryN_r(ctx, merged, i), id, "", rank, level);
        (*count)++;
    }
    GEOSGeom_destroy_r(ctx, merged);
done:
    for (int i = 0; i < ns; i++)
        GEOSGeom_destroy_r(ctx, segs[i]);
    free(segs);
    return status;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: " TOOL " GUIDES.txt OUT[.shp] < pieces.txt\n");
        return 2;
    }
    char base[4096];
    snprintf(base, sizeof base, "%s", argv[2]);
    size_t blen = strlen(base);
    if (blen > 4 && strcmp(base + blen - 4, ".shp") == 0)
        base[blen - 4] = '\0';
    Net net = {0};
    Guide *guides = calloc(MAX_RIVERS, sizeof(Guide));
    int *path = NULL, *prev = NULL, status = 1, ng = 0, count = 0;
    double *dist = NULL;
    SHPHandle shp = NULL;
    DBFHandle dbf = NULL;
    GEOSContextHandle_t ctx = mapkit_geos_create(TOOL);
    if (!ctx || !guides)
        goto done;
    if ((ng = read_guides(argv[1], guides, MAX_RIVERS)) < 0)
        goto done;
    int bridges = -1;
    if (read_pieces(stdin, &net) != 0 || net.nv == 0 || (bridges = bridge_gaps(&net)) < 0 ||
        build_adjacency(&net) != 0) {
        fprintf(stderr, TOOL ": no river pieces read\n");
        goto done;
    }
    fprintf(stderr, TOOL ": %d gaps bridged\n", bridges);
    path = malloc(sizeof(int) * (size_t)net.nv);
    prev = malloc(sizeof(int) * (size_t)net.nv);
    dist = malloc(sizeof(double) * (size_t)net.nv);
    shp = SHPCreate(base, SHPT_ARC);
    dbf = DBFCreateEx(base, "UTF-8");
    if (!path || !prev || !dist || !shp || !dbf)
        goto done;
    if (DBFAddField(dbf, "id", FTString, 24, 0) != 0 ||
        DBFAddField(dbf, "name", FTString, 64, 0) != 1 ||
        DBFAddField(dbf, "rank", FTInteger, 2, 0) != 2 ||
        DBFAddField(dbf, "level", FTInteger, 2, 0) != 3)
        goto done;
    for (int i = 0; i < ng; i++) {
        if (write_named(ctx, &net, &guides[i], shp, dbf, path, dist, prev) != 0)
            goto done;
        count++;
    }
    for (int level = 1; level <= MAX_LEVEL; level++)
        if (write_unnamed(ctx, &net, level, shp, dbf, &count) != 0)
            goto done;
    if (mapkit_prj_write(base) != 0)
        goto done;
    fprintf(stderr, TOOL ": %s: %d records from %d vertices\n", base, count, net.nv);
    status = 0;
done:
    if (shp)
        SHPClose(shp);
    if (dbf)
        DBFClose(dbf);
    free(path);
    free(prev);
    free(dist);
    free(guides);
    free(net.x);
    free(net.y);
    free(net.keys);
    free(net.vpiece);
    free(net.slots);
    free(net.eu);
    free(net.ev);
    free(net.elevel);
    free(net.named);
    free(net.adj_start);
    free(net.adj);
    if (ctx)
        GEOS_finish_r(ctx);
    return status;
}
