/*
 * Territory coverage: is every point of Afghanistan and Xinjiang, and of the lands between them
 * that the opening view shows, under some territory feature in every sampled year?
 *
 * The grid is made from the base map itself: every node of a GRID-degree lattice that lies
 * inside the countries layer's "Afghanistan" or the provinces layer's "Xinjiang". Extra named
 * points (Transoxiana, Khorasan, the Punjab, ...) come from a TSV file. Each point is asked,
 * every STEP years from the atlas's start to 2026 (and in 2026), through
 * atlas_overlays_covering, the function behind `wakhan query` and clicks on the map. Any area
 * kind counts, `contested` and `unclaimed` included: those say that nobody held the place.
 *
 * Prints every uncovered (year, point), then one line per point with its uncovered years, then
 * a count. Exit status 0 when nothing is uncovered, 1 when something is, 2 on bad usage.
 *
 * usage: coverage [--atlas DIR] [--points FILE] [--step YEARS] [--grid DEGREES] [--summary]
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atlas/atlas.h"
#include "geo/cache.h"

#define LAST_YEAR 2026
#define MAX_POINTS 1024
#define NAME_MAX_LEN 64

typedef struct Point {
    char name[NAME_MAX_LEN];
    double lon, lat, x, y;
    int gaps;
} Point;

typedef struct Region {
    const char *layer, *name;
} Region;

/* The two lands the atlas is about, as named in the base map. */
static const Region regions[] = {{"countries", "Afghanistan"}, {"provinces", "Xinjiang"}};

static GeoFeature *find_region(Atlas *atlas, const Region *r)
{
    for (int l = 0; l < atlas->nlayers; l++) {
        AtlasLayer *layer = &atlas->layers[l];
        if (strcmp(layer->id, r->layer) || !layer->geo)
            continue;
        int field = geo_layer_field(layer->geo, "name");
        for (int f = 0; f < layer->geo->count; f++)
            if (!strcmp(geo_feature_value(&layer->geo->features[f], field), r->name))
                return &layer->geo->features[f];
    }
    return NULL;
}

static bool add_point(Atlas *atlas, Point *pts, int *n, const char *name, double lon, double lat)
{
    if (*n >= MAX_POINTS)
        return false;
    Point *p = &pts[*n];
    if (!atlas_project(atlas, lon, lat, &p->x, &p->y))
        return false;
    snprintf(p->name, sizeof p->name, "%s", name);
    p->lon = lon;
    p->lat = lat;
    p->gaps = 0;
    (*n)++;
    return true;
}

/* Lattice nodes inside each region, named after the region and the node. */
static int add_grid(Atlas *atlas, Point *pts, int *n, double step)
{
    int added = 0;
    for (size_t r = 0; r < sizeof regions / sizeof *regions; r++) {
        GeoFeature *f = find_region(atlas, &regions[r]);
        if (!f) {
            fprintf(stderr, "coverage: no \"%s\" in layer %s\n", regions[r].name, regions[r].layer);
            return -1;
        }
        for (double lat = 25; lat <= 50; lat += step)
            for (double lon = 58; lon <= 98; lon += step) {
                double x, y;
                if (!atlas_project(atlas, lon, lat, &x, &y) ||
                    !geo_shape_covers(atlas->geo, &f->shape, x, y))
                    continue;
                char name[NAME_MAX_LEN];
                snprintf(name, sizeof name, "%s %.1fE %.1fN", regions[r].name, lon, lat);
                added += add_point(atlas, pts, n, name, lon, lat);
            }
    }
    return added;
}

/* Rows "name<TAB>lon<TAB>lat"; a first row "name..." and lines starting with '#' are skipped. */
static int add_file(Atlas *atlas, Point *pts, int *n, const char *path)
{
    FILE *fp = fopen(path, "r");
    if (!fp) {
        perror(path);
        return -1;
    }
    char line[256];
    int added = 0, row = 0;
    while (fgets(line, sizeof line, fp)) {
        row++;
        if (line[0] == '#' || line[0] == '\n' || !strncmp(line, "name\t", 5))
            continue;
        char name[NAME_MAX_LEN];
        double lon, lat;
        if (sscanf(line, "%63[^\t]\t%lf\t%lf", name, &lon, &lat) != 3 ||
            !add_point(atlas, pts, n, name, lon, lat)) {
            fprintf(stderr, "%s:%d: expected name, lon and lat separated by tabs\n", path, row);
            fclose(fp);
            return -1;
        }
        added++;
    }
    fclose(fp);
    return added;
}

static int usage(void)
{
    fprintf(stderr, "usage: coverage [--atlas DIR] [--points FILE] [--step YEARS] "
                    "[--grid DEGREES] [--summary]\n");
    return 2;
}

int main(int argc, char **argv)
{
    const char *dir = WAKHAN_SOURCE_DIR "/data", *points = NULL;
    int step = 10;
    double grid = 1.5;
    bool summary_only = false;
    for (int i = 1; i < argc; i++) {
        const char *next = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(argv[i], "--summary"))
            summary_only = true;
        else if (!next)
            return usage();
        else if (!strcmp(argv[i], "--atlas"))
            dir = argv[++i];
        else if (!strcmp(argv[i], "--points"))
            points = argv[++i];
        else if (!strcmp(argv[i], "--step"))
            step = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--grid"))
            grid = atof(argv[++i]);
        else
            return usage();
    }
    if (step < 1 || grid < 0.1)
        return usage();

    int status = 2;
    WkDiag diag;
    wk_diag_init(&diag);
    GeoContext *geo = geo_context_create();
    char *cache = geo_cache_dir();
    if (geo && cache)
        geo_context_set_cache_dir(geo, cache);
    free(cache);
    Atlas *atlas = geo ? atlas_load(geo, dir, &diag) : NULL;
    Point *pts = calloc(MAX_POINTS, sizeof *pts);
    if (!atlas || !pts) {
        fprintf(stderr, "coverage: cannot load the atlas in %s\n", dir);
        goto done;
    }
    int n = 0;
    int in_grid = add_grid(atlas, pts, &n, grid);
    int extra = points ? add_file(atlas, pts, &n, points) : 0;
    if (in_grid < 0 || extra < 0)
        goto done;

    int first = (int)ceil(atlas->t_min), samples = 0, gaps = 0;
    /* Every `step` years from the start, then 2026 itself. */
    for (int year = first; year <= LAST_YEAR;
         year = year < LAST_YEAR && year + step > LAST_YEAR ? LAST_YEAR : year + step) {
        double t = year + 0.5; /* the middle of the year, as `wakhan query --year` asks */
        for (int i = 0; i < n; i++) {
            int found;
            samples++;
            if (atlas_overlays_covering(atlas, t, pts[i].x, pts[i].y, &found, 1) > 0)
                continue;
            gaps++;
            pts[i].gaps++;
            if (!summary_only) {
                char when[32];
                printf("uncovered %s\t%s\t%.2f,%.2f\n", wk_time_format_year(t, when, sizeof when),
                       pts[i].name, pts[i].lon, pts[i].lat);
            }
        }
    }
    for (int i = 0; i < n; i++)
        if (pts[i].gaps)
            printf("point %s (%.2f,%.2f): %d uncovered samples\n", pts[i].name, pts[i].lon,
                   pts[i].lat, pts[i].gaps);
    printf("%d grid points in Afghanistan and Xinjiang, %d further points, every %d years from "
           "%d to %d: %d of %d samples uncovered\n",
           in_grid, extra, step, first, LAST_YEAR, gaps, samples);
    status = gaps ? 1 : 0;
done:
    free(pts);
    atlas_free(atlas);
    geo_context_destroy(geo);
    wk_diag_free(&diag);
    return status;
}
