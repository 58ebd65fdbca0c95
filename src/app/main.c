/*
 * The command line: which command runs, on which atlas. The bundled atlas is found relative to
 * the executable (the build tree or the install prefix), never through the working directory,
 * so `wakhan` behaves the same from any folder.
 */
#include "app.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atlas/lesson.h"
#include "core/i18n.h"
#include "core/util.h"
#include "core/xdg.h"
#include "geo/cache.h"

static const char usage[] =
    "Usage: wakhan [COMMAND] [OPTIONS]\n"
    "An atlas of the relations between Afghanistan and China, from the Han dynasty to today.\n"
    "\n"
    "Commands:\n"
    "  (none) [FILE]               open the atlas in a window; FILE may be a lesson or an\n"
    "                              atlas (its atlas.json or folder)\n"
    "  query --year Y --at LON,LAT [--json]\n"
    "                              print the era, the territories covering the point at year Y,\n"
    "                              and the nearest place with its events\n"
    "  check                       validate the atlas and list every problem\n"
    "  export --year Y -o OUT.png [--view LON,LAT,ZOOM] [--size WxH] [--theme NAME]\n"
    "         [--select PLACE]     draw what the window shows into a PNG, no display needed\n"
    "  export --lesson FILE -o OUT.pdf [--notes]\n"
    "                              a lesson as a handout: a title page, then each stop's map,\n"
    "                              year and caption (--notes: the teacher's notes too);\n"
    "                              -o DIR/ writes one PNG per stop instead, for slides\n"
    "  export --from Y1 --to Y2 --frames N -o OUT.png\n"
    "                              a numbered sequence OUT-0001.png ... for a video\n"
    "  bench [--size WxH] [--json] [--base-only [--layers ID,ID...]] [--soak N] [--startup]\n"
    "                              time start-up, frames, clicks and memory in a scripted\n"
    "                              session drawn by the software renderer\n"
    "  new-atlas DIR               create an empty atlas in DIR on the bundled maps, for a\n"
    "                              class project\n"
    "\n"
    "Options:\n"
    "  --atlas DIR                 use the atlas whose atlas.json is in DIR (without it: the\n"
    "                              bundled atlas, with your own data from\n"
    "                              $XDG_DATA_HOME/wakhan merged over it)\n"
    "  --year Y                    the time to open at\n"
    "  --view LON,LAT,ZOOM         centre the map there; ZOOM 1 is the atlas's own view\n"
    "  --size WxH                  window or image size in pixels (default 1280x800)\n"
    "  --scale S                   interface scale (default: from the display)\n"
    "  --theme NAME                light (default) or contrast\n"
    "  --lang CODE                 en, zh_CN, fa (Dari) or ps (Pashto): the interface, events,\n"
    "                              dates and names in that language (default: from LANG)\n"
    "  --select PLACE              open a place's events (an id such as kabul)\n"
    "  --fullscreen                start in full screen\n"
    "  --software                  draw with the software renderer\n"
    "  --lesson FILE               open a lesson (FILE alone does too; with check: check it,\n"
    "                              may repeat)\n"
    "  --presenter                 with --lesson: open the presenter window even on one display\n"
    "  --trace FILE                write what the window does to FILE, line by line\n"
    "  --help                      show this help\n"
    "  --version                   show the version\n"
    "\n"
    "Years: 659, 104BC (or -103, astronomical), 2016-09, 1955-01-20.\n";

static int fail_usage(const char *fmt, const char *arg)
{
    fprintf(stderr, "wakhan: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, " (see wakhan --help)\n");
    return APP_EXIT_USAGE;
}

static bool file_exists(const char *path)
{
    return access(path, R_OK) == 0;
}

/* The bundled atlas: beside the executable in a build tree, or under the install prefix. */
static char *find_bundled_atlas(void)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash)
            *slash = '\0';
        const char *candidates[] = {"../" WAKHAN_DATADIR_REL "/data", "../data", "data"};
        for (size_t i = 0; i < sizeof candidates / sizeof *candidates; i++) {
            char *dir = wk_path_join(exe, candidates[i]);
            char *manifest = dir ? wk_path_join(dir, "atlas.json") : NULL;
            bool ok = manifest && file_exists(manifest);
            free(manifest);
            char real[PATH_MAX];
            if (ok && realpath(dir, real)) {
                free(dir);
                return wk_strdup(real); /* messages then name data/, not build/../data/ */
            }
            if (ok)
                return dir;
            free(dir);
        }
        /* A program run in its build tree uses the source checkout it was built from; an
         * installed one never does, so a broken install says so instead of borrowing it. */
        char real[PATH_MAX];
        if (realpath(exe, real) && !strcmp(real, WAKHAN_BINARY_DIR))
            return wk_strdup(WAKHAN_SOURCE_DIR "/data");
    }
    return NULL;
}

static int parse_point(const char *text, AppOptions *opt)
{
    double v[2];
    if (!wk_parse_numbers(text, ',', v, 2) || fabs(v[0]) > 180 || fabs(v[1]) > 90)
        return 0;
    opt->lon = v[0];
    opt->lat = v[1];
    return 1;
}

static bool parse_size(const char *text, int *w, int *h)
{
    double v[2];
    if (!wk_parse_numbers(text, 'x', v, 2) || v[0] != floor(v[0]) || v[1] != floor(v[1]) ||
        v[0] < 64 || v[1] < 64 || v[0] > 16384 || v[1] > 16384)
        return false;
    *w = (int)v[0];
    *h = (int)v[1];
    return true;
}

static bool parse_view(const char *text, AppOptions *opt)
{
    double v[3];
    if (!wk_parse_numbers(text, ',', v, 3) || fabs(v[0]) > 180 || fabs(v[1]) > 90 || v[2] < 0.1 ||
        v[2] > 1000)
        return false;
    opt->view_lon = v[0];
    opt->view_lat = v[1];
    opt->view_zoom = v[2];
    return true;
}

static void print_diag(const WkDiag *diag)
{
    for (size_t i = 0; i < diag->count; i++)
        fprintf(stderr, "%s: %s\n", diag->entries[i].severity == WK_SEV_ERROR ? "error" : "warning",
                diag->entries[i].text);
    if (diag->dropped)
        fprintf(stderr, "(%zu more messages)\n", diag->dropped);
}

static bool is_command(const char *a)
{
    return !strcmp(a, "query") || !strcmp(a, "check") || !strcmp(a, "export") ||
           !strcmp(a, "bench") || !strcmp(a, "new-atlas");
}

/* Parses the arguments; returns -1 to go on, or an exit status. */
static int parse_args(int argc, char **argv, AppOptions *opt, const char **command)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *next = i + 1 < argc ? argv[i + 1] : NULL;
        bool takes = !strcmp(a, "--atlas") || !strcmp(a, "--year") || !strcmp(a, "--at") ||
                     !strcmp(a, "--size") || !strcmp(a, "--scale") || !strcmp(a, "--theme") ||
                     !strcmp(a, "--select") || !strcmp(a, "--trace") || !strcmp(a, "--view") ||
                     !strcmp(a, "-o") || !strcmp(a, "--from") || !strcmp(a, "--to") ||
                     !strcmp(a, "--frames") || !strcmp(a, "--layers") || !strcmp(a, "--soak") ||
                     !strcmp(a, "--lesson") || !strcmp(a, "--lang");
        if (takes && !next)
            return fail_usage("%s needs a value", a);
        if (takes)
            i++;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(usage, stdout);
            return APP_EXIT_OK;
        } else if (!strcmp(a, "--version")) {
            printf("wakhan %s\n", WAKHAN_VERSION);
            return APP_EXIT_OK;
        } else if (!strcmp(a, "--lang")) {
            if (!wk_lang_parse(next, &opt->lang))
                return fail_usage("--lang: \"%s\" is not one of en, zh_CN, fa, ps", next);
        } else if (!strcmp(a, "--atlas")) {
            opt->atlas_dir = next;
        } else if (!strcmp(a, "--year")) {
            if (!app_parse_time(next, &opt->t))
                return fail_usage("--year needs a year such as 659, 104BC or 2016-09, not \"%s\"",
                                  next);
            opt->has_time = true;
        } else if (!strcmp(a, "--from") || !strcmp(a, "--to")) {
            if (!app_parse_time(next, a[2] == 'f' ? &opt->t_from : &opt->t_to))
                return fail_usage("%s needs a year", a);
            opt->has_range = true;
        } else if (!strcmp(a, "--frames")) {
            long n;
            if (!wk_parse_long(next, 1, 100000, &n))
                return fail_usage("--frames needs a count from 1 to 100000, not \"%s\"", next);
            opt->frames = (int)n;
        } else if (!strcmp(a, "--soak")) {
            long n;
            if (!wk_parse_long(next, 100, 1000000, &n))
                return fail_usage("--soak needs a frame count from 100 to 1000000, not \"%s\"",
                                  next);
            opt->soak = (int)n;
        } else if (!strcmp(a, "--at")) {
            if (!parse_point(next, opt))
                return fail_usage("--at needs LON,LAT in degrees, not \"%s\"", next);
            opt->has_point = true;
        } else if (!strcmp(a, "--size")) {
            if (!parse_size(next, &opt->width, &opt->height))
                return fail_usage("--size needs WIDTHxHEIGHT such as 1920x1080, not \"%s\"", next);
        } else if (!strcmp(a, "--scale")) {
            double v;
            if (!wk_parse_numbers(next, '\0', &v, 1) || v < 0.5 || v > 4)
                return fail_usage("--scale needs a number from 0.5 to 4, not \"%s\"", next);
            opt->scale = (float)v;
        } else if (!strcmp(a, "--theme")) {
            opt->theme = next;
        } else if (!strcmp(a, "--select")) {
            opt->select = next;
        } else if (!strcmp(a, "--lesson")) {
            if (opt->nlessons == APP_MAX_LESSONS)
                return fail_usage("at most %s lessons at once", "32");
            opt->lessons[opt->nlessons++] = next;
        } else if (!strcmp(a, "--trace")) {
            opt->trace_path = next;
        } else if (!strcmp(a, "--view")) {
            if (!parse_view(next, opt))
                return fail_usage("--view needs LON,LAT,ZOOM such as 69.2,34.5,4, not \"%s\"",
                                  next);
            opt->has_view = true;
        } else if (!strcmp(a, "-o")) {
            opt->output = next;
        } else if (!strcmp(a, "--notes")) {
            opt->notes = true;
        } else if (!strcmp(a, "--json")) {
            opt->json = true;
        } else if (!strcmp(a, "--base-only")) {
            opt->base_only = true;
        } else if (!strcmp(a, "--startup")) {
            opt->startup_only = true;
        } else if (!strcmp(a, "--layers")) {
            opt->layers = next;
        } else if (!strcmp(a, "--software")) {
            opt->software = true;
        } else if (!strcmp(a, "--presenter")) {
            opt->presenter = true;
        } else if (!strcmp(a, "--fullscreen")) {
            opt->fullscreen = true;
        } else if (!*command && is_command(a)) {
            *command = a;
        } else if (a[0] != '-' && lesson_file_name(a) && opt->nlessons < APP_MAX_LESSONS) {
            opt->lessons[opt->nlessons++] = a; /* a lesson opened from the desktop */
        } else if (a[0] != '-' && !opt->file) {
            opt->file = a;
        } else {
            return fail_usage("unknown argument \"%s\"", a);
        }
    }
    if (*command && !strcmp(*command, "new-atlas") && !opt->file)
        return fail_usage("%s needs the folder to create, such as ~/class-atlas", "new-atlas");
    if (opt->file && *command && strcmp(*command, "new-atlas"))
        return fail_usage("unknown argument \"%s\"", opt->file);
    if (opt->file && !*command) {
        /* A file from a file manager or the command line: an atlas (its folder or manifest). */
        const char *base = strrchr(opt->file, '/');
        base = base ? base + 1 : opt->file;
        struct stat st;
        if (stat(opt->file, &st) == 0 && (S_ISDIR(st.st_mode) || !strcmp(base, "atlas.json")))
            opt->atlas_dir = opt->file;
        else
            return fail_usage("cannot open \"%s\": not an atlas folder or atlas.json", opt->file);
    }
    if (*command && !strcmp(*command, "query") && (!opt->has_time || !opt->has_point))
        return fail_usage("%s needs --year and --at", "query");
    if (*command && !strcmp(*command, "export")) {
        if (!opt->output)
            return fail_usage("%s needs -o OUT.png", "export");
        if (opt->has_range && (opt->frames < 1 || opt->t_to < opt->t_from))
            return fail_usage("%s needs --from Y1 --to Y2 with Y2 after Y1, and --frames N",
                              "export --from");
    }
    return -1;
}

int main(int argc, char **argv)
{
    AppOptions opt = {0};
    opt.width = 1280;
    opt.height = 800;
    const char *command = NULL;
    /* The environment's language, unless --lang says otherwise. */
    opt.lang = wk_i18n_init(NULL);
    int early = parse_args(argc, argv, &opt, &command);
    wk_i18n_set(opt.lang);
    if (early >= 0)
        return early;

    int status = APP_EXIT_FAIL;
    char *bundled =
        opt.atlas_dir && !(command && !strcmp(command, "new-atlas")) ? NULL : find_bundled_atlas();
    const char *dir = opt.atlas_dir ? opt.atlas_dir : bundled;
    if (!bundled && !opt.atlas_dir) {
        fprintf(stderr,
                "wakhan: the bundled atlas is missing (looked for ../%s/data beside the "
                "program); reinstall, or name one with --atlas DIR\n",
                WAKHAN_DATADIR_REL);
        return APP_EXIT_USAGE;
    }
    if (command && !strcmp(command, "new-atlas")) {
        status = app_new_atlas(bundled, opt.file);
        free(bundled);
        return status;
    }
    WkDiag diag;
    wk_diag_init(&diag);
    GeoContext *geo = geo_context_create();
    /* Prepared layers are kept in the user's cache directory; without one, they are prepared
     * again at each start. */
    char *cache = geo_cache_dir();
    geo_cache_clean(cache);
    if (geo && cache && !geo_context_set_cache_dir(geo, cache))
        fprintf(stderr, "wakhan: out of memory; going on without the geometry cache\n");
    free(cache);
    if (geo && command && !strcmp(command, "bench")) {
        /* The benchmark times loading itself. */
        status = app_bench(geo, dir, &opt);
        geo_context_destroy(geo);
        wk_diag_free(&diag);
        free(bundled);
        return status;
    }
    /* The bundled atlas carries the user's own data over it; an atlas named with --atlas is
     * shown as it is. The user's folder is made on first use, so it is there to be found. */
    char *user = opt.atlas_dir ? NULL : wk_user_data_dir();
    if (user) {
        WkDiag ignored;
        wk_diag_init(&ignored);
        wk_mkdirs(user, &ignored); /* a read-only home only means no data of one's own */
        wk_diag_free(&ignored);
    }
    /* The window loads on a second thread, showing progress when that takes a while. */
    bool closed = false;
    Atlas *atlas = !geo      ? NULL
                   : command ? atlas_load_with_user(geo, dir, user, &diag)
                             : app_load_atlas(geo, dir, user, &diag, &opt, &closed);
    free(user);
    if (closed) {
        status = APP_EXIT_OK;
    } else if (!atlas) {
        print_diag(&diag);
        fprintf(stderr, "wakhan: cannot load the atlas in %s\n", dir ? dir : "(none)");
        status = APP_EXIT_USAGE;
        if (!command) {
            /* Opened from a menu, the terminal is never seen: say it in the window. */
            char *fallback = bundled ? NULL : find_bundled_atlas();
            status = app_error_window(&diag, dir, bundled ? bundled : fallback, &opt);
            free(fallback);
        }
    } else if (command && !strcmp(command, "check")) {
        status = app_check(atlas, &diag, &opt);
    } else {
        if (command && !strcmp(command, "query"))
            app_check_fonts(atlas, &diag, WK_SEV_WARNING);
        print_diag(&diag);
        if (command && !strcmp(command, "query"))
            status = app_query(atlas, &opt);
        else if (command && !strcmp(command, "export"))
            status = app_export(atlas, &diag, &opt);
        else
            status = app_window(atlas, &diag, &opt);
    }
    atlas_free(atlas);
    geo_context_destroy(geo);
    wk_diag_free(&diag);
    free(bundled);
    return status;
}
