/*
 * `wakhan bench`: a scripted session without a window, timed. It loads the atlas itself (so
 * start-up is measured from before atlas_load to the first frame drawn), then drives the same
 * session_draw as the window and the exporter into a software renderer on a memory surface:
 * the first frame, a scrub across the whole slider, a pan, a zoom out and back in, clicks on
 * places (session_pick, then the selection drawn), a stretch of playback, and a glide through
 * the stops of the first bundled lesson, as a clicker steps through them.
 *
 * `--startup` stops after the first two frames: start-up and memory alone, for the scale table.
 *
 * `--base-only` draws only base layers (the ones named by --layers, default all) through
 * map_draw, over a fixed sequence of views, with the base-layer texture disabled so every
 * frame is drawn from geometry: this is the frame tools/bench-mapnik renders with Mapnik.
 *
 * Benchmarks are not tests: nothing here fails on a slow machine; it prints figures.
 */
#include "app.h"
#include "lesson_run.h"
#include "session.h"

#include <SDL.h>
#include <SDL_ttf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#define SCRUB_FRAMES 300
#define PAN_FRAMES 60
#define ZOOM_FRAMES 40
/* Frames at most after a zoom gesture until it has settled (SESSION_ZOOM_SETTLE at 60 a second
 * is 11). */
#define ZOOM_SETTLE_MAX_FRAMES 60
#define PLAY_FRAMES 120
/* Frames at most per lesson stop (a glide takes about a second, sixty frames). */
#define GLIDE_MAX_FRAMES 240
#define BASE_FRAMES 40
/* Zoom step per frame: a mouse wheel's notch is about this. */
#define ZOOM_STEP 1.06

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Milliseconds since the process started (to about 10 ms: the kernel counts in clock ticks),
 * or -1 when /proc does not say. */
static double process_age_ms(void)
{
    FILE *f = fopen("/proc/self/stat", "r");
    if (!f)
        return -1;
    char buf[1024];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    /* Field 22 (starttime) counts after the command name, which may hold spaces: start after
     * its closing parenthesis, at field 3. */
    char *p = strrchr(buf, ')');
    if (!p)
        return -1;
    unsigned long long start = 0;
    int field = 2;
    for (char *tok = strtok(p + 1, " "); tok; tok = strtok(NULL, " ")) {
        if (++field == 22) {
            start = strtoull(tok, NULL, 10);
            break;
        }
    }
    long hz = sysconf(_SC_CLK_TCK);
    struct timespec ts;
    if (field != 22 || hz <= 0 || clock_gettime(CLOCK_BOOTTIME, &ts) != 0)
        return -1;
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6 - (double)start * 1e3 / (double)hz;
}

/* Frame times of one part of the script. */
typedef struct Series {
    double *ms;
    int n, cap;
} Series;

static bool series_add(Series *s, double ms)
{
    if (s->n == s->cap) {
        int cap = s->cap ? 2 * s->cap : 256;
        double *grown = realloc(s->ms, sizeof *grown * (size_t)cap);
        if (!grown)
            return false;
        s->ms = grown;
        s->cap = cap;
    }
    s->ms[s->n++] = ms;
    return true;
}

static int by_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The q-quantile (0..1) by the nearest rank; sorts the series. 0 when empty. */
static double quantile(Series *s, double q)
{
    if (s->n == 0)
        return 0;
    qsort(s->ms, (size_t)s->n, sizeof *s->ms, by_double);
    int k = (int)ceil(q * s->n) - 1;
    return s->ms[k < 0 ? 0 : k >= s->n ? s->n - 1 : k];
}

typedef struct Bench {
    SDL_Surface *surface;
    SDL_Renderer *renderer;
    TextCache *text;
    MapRenderer *map;
    Ui ui;
    Session s;
    bool json;
    Series all, scrub, pan, zoom, select, play, glide, pick;
    LessonRun lesson;
} Bench;

static double frame(Bench *b, Series *series)
{
    double t0 = now_ms();
    if (session_draw(&b->s, b->renderer, b->map, &b->ui) != 0)
        fprintf(stderr, "wakhan: drawing reported: %s\n", SDL_GetError());
    if (b->lesson.lesson)
        lesson_run_draw(&b->lesson, &b->s, &b->ui);
    SDL_RenderPresent(b->renderer);
    double ms = now_ms() - t0;
    if (series && (!series_add(series, ms) || !series_add(&b->all, ms)))
        fprintf(stderr, "wakhan: out of memory for the figures\n");
    return ms;
}

static void print_series(const Bench *b, const char *name, Series *s, bool last)
{
    double med = quantile(s, 0.5), p95 = quantile(s, 0.95), p99 = quantile(s, 0.99);
    double max = s->n ? s->ms[s->n - 1] : 0;
    if (b->json)
        printf("\"%s\":{\"frames\":%d,\"median_ms\":%.3f,\"p95_ms\":%.3f,\"p99_ms\":%.3f,"
               "\"max_ms\":%.3f}%s",
               name, s->n, med, p95, p99, max, last ? "" : ",");
    else
        printf("  %-8s %5d frames  median %7.2f ms  p95 %7.2f ms  p99 %7.2f ms  max %7.2f ms\n",
               name, s->n, med, p95, p99, max);
}

static long peak_rss_kb(void)
{
    struct rusage ru;
    return getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_maxrss : -1;
}

/* Hides every base layer whose id is not in the comma-separated list. */
static void keep_layers(Atlas *atlas, const char *list)
{
    for (int l = 0; l < atlas->nlayers; l++) {
        const char *id = atlas->layers[l].id;
        size_t n = strlen(id);
        bool keep = false;
        for (const char *p = list; p && *p;) {
            const char *comma = strchr(p, ',');
            size_t len = comma ? (size_t)(comma - p) : strlen(p);
            if (len == n && !strncmp(p, id, n))
                keep = true;
            p = comma ? comma + 1 : NULL;
        }
        if (!keep)
            atlas->layers[l].style.has_fill = atlas->layers[l].style.has_stroke = false;
    }
}

/* Base layers only, over BASE_FRAMES views from the opening view zooming in towards the
 * Wakhan and back out: each frame is drawn from geometry. Prints each frame's view (map
 * metres) so another renderer can draw the same. */
static void run_base_only(Bench *b, Atlas *atlas, const AppOptions *opt)
{
    if (opt->layers)
        keep_layers(atlas, opt->layers);
    map_renderer_set_static_cache(b->map, false);
    map_renderer_set_base_only(b->map, true);
    Camera cam;
    camera_init(&cam, &atlas->region_box, atlas->view_x, atlas->view_y, atlas->view_span,
                opt->width, opt->height);
    MapState st = {.t = atlas->t_min,
                   .theme = theme_default(),
                   .ui_scale = b->s.ui_scale,
                   .selected_place = -1,
                   .selected_overlay = -1,
                   .hover_place = -1,
                   .hover_overlay = -1};
    if (b->json)
        printf("\"views\":[");
    for (int f = 0; f < BASE_FRAMES; f++) {
        /* Zoom in by up to 8 times over the first half, back out over the second, drifting
         * east so the views differ. */
        double k = f < BASE_FRAMES / 2 ? f : BASE_FRAMES - 1 - f;
        double zoom = pow(8.0, k / (BASE_FRAMES / 2 - 1));
        camera_init(&cam, &atlas->region_box, atlas->view_x + 20e3 * f, atlas->view_y,
                    atlas->view_span / zoom, opt->width, opt->height);
        double t0 = now_ms();
        if (map_draw(b->map, b->renderer, atlas, &cam, &st) != 0)
            fprintf(stderr, "wakhan: drawing reported: %s\n", SDL_GetError());
        SDL_RenderPresent(b->renderer);
        double ms = now_ms() - t0;
        if (!series_add(&b->all, ms))
            fprintf(stderr, "wakhan: out of memory for the figures\n");
        GeoBox v;
        camera_visible(&cam, &v);
        if (b->json)
            printf("%s{\"minx\":%.1f,\"miny\":%.1f,\"maxx\":%.1f,\"maxy\":%.1f,\"ms\":%.3f}",
                   f ? "," : "", v.minx, v.miny, v.maxx, v.maxy, ms);
        else
            printf("  frame %2d  %8.0f %8.0f %8.0f %8.0f  %7.2f ms\n", f, v.minx, v.miny, v.maxx,
                   v.maxy, ms);
    }
    if (b->json)
        printf("],\"projection\":\"%s\",", atlas->projection);
}

/* Screen positions of up to `max` places visible in the current view. */
static int visible_places(Bench *b, float *xy, int *idx, int max)
{
    int n = 0;
    for (int i = 0; i < b->s.atlas->nplaces && n < max; i++) {
        const AtlasPlace *p = &b->s.atlas->places[i];
        float x, y;
        camera_to_screen(&b->s.cam, p->x, p->y, &x, &y);
        if (map_place_visible(p, &b->s.cam) && x > 20 && y > 20 && x < b->s.cam.width - 420 &&
            y < b->s.cam.height - 20) {
            xy[2 * n] = x;
            xy[2 * n + 1] = y;
            idx[n++] = i;
        }
    }
    return n;
}

/* Resident memory now, in kB (not the peak: a leak shows as growth between two readings). */
static long resident_kb(void)
{
    long pages = 0, resident = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (!f)
        return -1;
    int n = fscanf(f, "%ld %ld", &pages, &resident);
    fclose(f);
    return n == 2 ? resident * (sysconf(_SC_PAGESIZE) / 1024) : -1;
}

/* The soak: scrubbing back and forth across the whole slider for `frames` frames, with a place
 * selected and cleared now and then, as a lesson would. Resident memory is read after the
 * first tenth (when caches have filled) and at the end; growth beyond SOAK_SLACK_KB fails. */
#define SOAK_SLACK_KB (8 * 1024)

static int run_soak(Bench *b, int frames)
{
    Session *s = &b->s;
    long warm = -1, end;
    for (int f = 0; f < frames; f++) {
        double u = (f % 600) / 599.0;
        session_set_time(s, slider_t_of_u(&s->scale, (f / 600) % 2 ? 1 - u : u));
        if (f % 250 == 0 && s->atlas->nplaces > 0)
            session_select_place(s, (f / 250) % s->atlas->nplaces);
        else if (f % 250 == 125)
            session_clear_selection(s);
        frame(b, NULL);
        if (f == frames / 10)
            warm = resident_kb();
    }
    end = resident_kb();
    bool flat = warm > 0 && end > 0 && end - warm <= SOAK_SLACK_KB;
    if (b->json)
        printf("{\"soak_frames\":%d,\"resident_kb_warm\":%ld,\"resident_kb_end\":%ld,"
               "\"flat\":%s}\n",
               frames, warm, end, flat ? "true" : "false");
    else
        printf("soak: %d frames; resident %ld kB after %d frames, %ld kB at the end: %s\n", frames,
               warm, frames / 10, end, flat ? "flat" : "GROWING");
    return flat ? APP_EXIT_OK : APP_EXIT_FAIL;
}

/* The figures of each part of the scripted session, in the order run_session runs them. */
static void print_session_series(Bench *b)
{
    struct {
        const char *name;
        Series *series;
    } parts[] = {{"scrub", &b->scrub},   {"pan", &b->pan},   {"zoom", &b->zoom},
                 {"select", &b->select}, {"play", &b->play}, {"glide", &b->glide},
                 {"all", &b->all}};
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
        print_series(b, parts[i].name, parts[i].series, false);
}

/* The first bundled lesson, stepped through stop by stop as a clicker does: each step glides
 * the camera and the slider to the stop; frames run until it has arrived. Nothing when the
 * atlas has no lessons. */
static void run_glide(Bench *b)
{
    Session *s = &b->s;
    char *dir = lesson_bundled_dir(s->atlas), **paths = NULL;
    int n = dir ? lesson_list_dir(dir, &paths) : 0;
    WkDiag diag;
    wk_diag_init(&diag);
    Lesson *lesson = n > 0 ? lesson_load(paths[0], &diag) : NULL;
    for (int i = 0; i < n; i++)
        free(paths[i]);
    free(paths);
    free(dir);
    wk_diag_free(&diag);
    if (!lesson)
        return;
    lesson_run_open(&b->lesson, s, lesson);
    for (int stop = 1; stop < b->lesson.lesson->nstops; stop++) {
        lesson_run_step(&b->lesson, s, 1);
        for (int f = 0; f < GLIDE_MAX_FRAMES; f++) {
            bool moving = lesson_run_update(&b->lesson, s, 1.0 / 60);
            moving = session_update(s, 1.0 / 60) || moving;
            frame(b, &b->glide);
            if (!moving && s->glide_k >= 1)
                break;
        }
    }
    lesson_run_free(&b->lesson, s);
}

static void run_session(Bench *b)
{
    Session *s = &b->s;
    /* Scrub: the slider dragged from end to end, one frame per step. */
    for (int f = 0; f < SCRUB_FRAMES; f++) {
        session_set_time(s, slider_t_of_u(&s->scale, (double)f / (SCRUB_FRAMES - 1)));
        frame(b, &b->scrub);
    }
    session_set_time(s, 1880);
    /* Pan: a drag across a third of the map and back, in whole pixels as a mouse moves. */
    for (int f = 0; f < PAN_FRAMES; f++) {
        double dx = round((f < PAN_FRAMES / 2 ? -1 : 1) * s->cam.width / 3.0 / (PAN_FRAMES / 2));
        camera_pan(&s->cam, dx, round(dx * 0.3));
        frame(b, &b->pan);
    }
    /* Zoom out, then in past the start, then back, at the centre: one gesture of a notch a
     * frame, sixty frames a second. Then frames go on as the window's would until the gesture
     * has settled and the map is drawn anew: those count too. */
    for (int f = 0; f < ZOOM_FRAMES; f++) {
        double factor = f < ZOOM_FRAMES / 4       ? 1 / ZOOM_STEP
                        : f < 3 * ZOOM_FRAMES / 4 ? ZOOM_STEP
                                                  : 1 / ZOOM_STEP;
        session_zoom_at(s, factor, s->cam.width / 2.0, s->cam.height / 2.0);
        session_update(s, 1.0 / 60);
        frame(b, &b->zoom);
    }
    for (int f = 0; f < ZOOM_SETTLE_MAX_FRAMES && session_update(s, 1.0 / 60); f++)
        frame(b, &b->zoom);
    /* Clicks: every visible place, timed through session_pick; the selection is drawn. Then
     * clicks on a grid of points, which fall through to lines and territories. */
    enum { MAX_CLICKS = 64 };
    float xy[2 * MAX_CLICKS];
    int idx[MAX_CLICKS];
    int n = visible_places(b, xy, idx, MAX_CLICKS);
    for (int i = 0; i < n; i++) {
        int place, overlay;
        double t0 = now_ms();
        session_pick(s, xy[2 * i], xy[2 * i + 1], &place, &overlay);
        if (!series_add(&b->pick, now_ms() - t0))
            fprintf(stderr, "wakhan: out of memory for the figures\n");
        if (place >= 0)
            session_select_place(s, place);
        else if (overlay >= 0)
            session_select_overlay(s, overlay);
        if (i < 12)
            frame(b, &b->select);
    }
    for (int gy = 1; gy < 8; gy++) {
        for (int gx = 1; gx < 12; gx++) {
            int place, overlay;
            double t0 = now_ms();
            session_pick(s, s->cam.width * gx / 12.0f, s->cam.height * gy / 8.0f, &place, &overlay);
            if (!series_add(&b->pick, now_ms() - t0))
                fprintf(stderr, "wakhan: out of memory for the figures\n");
        }
    }
    session_clear_selection(s);
    /* Play: the slider runs at speed 1, sixty frames a second. */
    session_set_time(s, 600);
    s->playing = true;
    for (int f = 0; f < PLAY_FRAMES; f++) {
        session_update(s, 1.0 / 60);
        frame(b, &b->play);
    }
    s->playing = false;
    run_glide(b);
}

int app_bench(GeoContext *geo, const char *dir, const AppOptions *opt)
{
    int status = APP_EXIT_FAIL;
    Bench b = {0};
    b.json = opt->json;
    WkDiag diag, font_diag;
    wk_diag_init(&diag);
    wk_diag_init(&font_diag);
    double t_start = now_ms(), age_at_start = process_age_ms();
    Atlas *atlas = atlas_load(geo, dir, &diag);
    double t_loaded = now_ms();
    if (!atlas) {
        for (size_t i = 0; i < diag.count; i++)
            fprintf(stderr, "%s\n", diag.entries[i].text);
        fprintf(stderr, "wakhan: cannot load the atlas in %s\n", dir ? dir : "(none)");
        status = APP_EXIT_USAGE;
        goto done;
    }
    b.surface =
        SDL_CreateRGBSurfaceWithFormat(0, opt->width, opt->height, 32, SDL_PIXELFORMAT_ARGB8888);
    b.renderer = b.surface ? SDL_CreateSoftwareRenderer(b.surface) : NULL;
    if (!b.renderer) {
        fprintf(stderr, "wakhan: cannot draw %dx%d: %s\n", opt->width, opt->height, SDL_GetError());
        goto done;
    }
    const char *fonts[TEXT_FONT_COUNT] = {
        atlas->fonts[ATLAS_FONT_LATIN], atlas->fonts[ATLAS_FONT_CJK],
        atlas->fonts[ATLAS_FONT_ARABIC], atlas->fonts[ATLAS_FONT_BOLD]};
    b.text = text_create(b.renderer, fonts, &font_diag);
    b.map = map_renderer_create(b.text);
    if (!b.map)
        goto done;
    float scale = opt->scale > 0              ? opt->scale
                  : opt->height / 1000.0f < 1 ? 1
                                              : opt->height / 1000.0f;
    ui_init(&b.ui, b.renderer, b.text, theme_default(), scale);
    session_init(&b.s, atlas, &diag, opt->width, opt->height, scale, theme_default());
    if (opt->soak > 0) {
        status = run_soak(&b, opt->soak);
        goto done;
    }
    if (opt->base_only) {
        if (b.json)
            printf("{\"width\":%d,\"height\":%d,", opt->width, opt->height);
        else
            printf("wakhan bench --base-only at %dx%d (layers %s)\n", opt->width, opt->height,
                   opt->layers ? opt->layers : "all");
        run_base_only(&b, atlas, opt);
        if (b.json) {
            print_series(&b, "frames", &b.all, true);
            printf("}\n");
        } else {
            print_series(&b, "frames", &b.all, true);
        }
        status = APP_EXIT_OK;
        goto done;
    }
    long level0_before = geo_mesh_level0_reads();
    double first = frame(&b, NULL);
    double startup = now_ms() - t_start;
    /* The opening frame must not read level-0 fills from the cache unless it draws that level
     * (tests/cli: counted, not timed). */
    long level0_read = geo_mesh_level0_reads() - level0_before;
    int level_drawn = geo_lod_for_scale(1.0 / b.s.cam.scale);
    double startup_process = age_at_start >= 0 ? age_at_start + startup : -1;
    /* The same first frame again: what a frame costs once everything is warm. */
    double second = frame(&b, NULL);
    if (!opt->startup_only)
        run_session(&b);
    long rss = peak_rss_kb();
    MapFrameCounts counts = map_renderer_counts(b.map);
    double pick = quantile(&b.pick, 0.5), pick_max = b.pick.n ? b.pick.ms[b.pick.n - 1] : 0;
    if (b.json) {
        printf("{\"width\":%d,\"height\":%d,\"load_ms\":%.2f,\"first_frame_ms\":%.2f,"
               "\"startup_ms\":%.2f,\"startup_from_process_ms\":%.1f,\"second_frame_ms\":%.2f,",
               opt->width, opt->height, t_loaded - t_start, first, startup, startup_process,
               second);
        print_session_series(&b);
        printf("\"picks\":%d,\"pick_median_ms\":%.4f,\"pick_max_ms\":%.4f,\"peak_rss_mb\":%.1f,"
               "\"map_frames\":{\"whole\":%d,\"shifted\":%d,\"reused\":%d,\"scaled\":%d,"
               "\"refocused\":%d},"
               "\"labels\":{\"placed\":%d,\"reused\":%d},"
               "\"first_frame_level\":%d,\"first_frame_level0_fills_read\":%ld}\n",
               b.pick.n, pick, pick_max, rss / 1024.0, counts.whole, counts.shifted, counts.reused,
               counts.scaled, counts.refocused, counts.labels_placed, counts.labels_reused, level_drawn, level0_read);
    } else {
        printf("wakhan bench at %dx%d (software renderer)\n", opt->width, opt->height);
        printf("  load %.1f ms, first frame %.1f ms: start-up %.1f ms (%.0f ms from process "
               "start); second frame %.1f ms\n",
               t_loaded - t_start, first, startup, startup_process, second);
        print_session_series(&b);
        printf("  pick     %5d clicks  median %7.4f ms  max %7.4f ms\n", b.pick.n, pick, pick_max);
        printf("  peak resident memory %.1f MB\n", rss / 1024.0);
        printf("  map frames: %d drawn whole, %d moved (pan), %d reused, %d scaled (zoom), %d "
               "kept with a new selection over them\n",
               counts.whole, counts.shifted, counts.reused, counts.scaled, counts.refocused);
        printf("  labels: placed in %d frames, reused in %d\n", counts.labels_placed,
               counts.labels_reused);
    }
    status = APP_EXIT_OK;
done:
    ui_free(&b.ui);
    map_renderer_destroy(b.map);
    text_destroy(b.text);
    if (b.renderer)
        SDL_DestroyRenderer(b.renderer);
    SDL_FreeSurface(b.surface);
    if (TTF_WasInit())
        TTF_Quit();
    Series *all[] = {&b.all, &b.scrub, &b.pan, &b.zoom, &b.select, &b.play, &b.glide, &b.pick};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++)
        free(all[i]->ms);
    atlas_free(atlas);
    wk_diag_free(&font_diag);
    wk_diag_free(&diag);
    return status;
}
