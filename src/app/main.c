/*
 * The command line: which command runs, on which atlas. The bundled atlas is found relative to
 * the executable (the build tree or the install prefix), never through the working directory,
 * so `wakhan` behaves the same from any folder.
 */
#include "app.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/util.h"

static const char usage[] =
    "Usage: wakhan [COMMAND] [OPTIONS]\n"
    "An atlas of the relations between Afghanistan and China, from the Han dynasty to today.\n"
    "\n"
    "Commands:\n"
    "  (none)                      open the atlas in a window\n"
    "  query --year Y --at LON,LAT [--json]\n"
    "                              print the era, the territories covering the point at year Y,\n"
    "                              and the nearest place with its events\n"
    "  check                       validate the atlas and list every problem\n"
    "\n"
    "Options:\n"
    "  --atlas DIR                 use the atlas whose atlas.json is in DIR\n"
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
            if (ok)
                return dir;
            free(dir);
        }
    }
    /* A build tree run in place: the source checkout it was built from. */
    return wk_strdup(WAKHAN_SOURCE_DIR "/data");
}

static int parse_point(const char *text, AppOptions *opt)
{
    char *end;
    opt->lon = strtod(text, &end);
    if (*end != ',')
        return 0;
    opt->lat = strtod(end + 1, &end);
    return *end == '\0' && opt->lon >= -180 && opt->lon <= 180 && opt->lat >= -90 && opt->lat <= 90;
}

static void print_diag(const WkDiag *diag)
{
    for (size_t i = 0; i < diag->count; i++)
        fprintf(stderr, "%s: %s\n", diag->entries[i].severity == WK_SEV_ERROR ? "error" : "warning",
                diag->entries[i].text);
    if (diag->dropped)
        fprintf(stderr, "(%zu more messages)\n", diag->dropped);
}

int main(int argc, char **argv)
{
    AppOptions opt = {0};
    const char *command = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *next = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(usage, stdout);
            return APP_EXIT_OK;
        } else if (!strcmp(a, "--version")) {
            printf("wakhan %s\n", WAKHAN_VERSION);
            return APP_EXIT_OK;
        } else if (!strcmp(a, "--atlas")) {
            if (!next)
                return fail_usage("%s needs a directory", a);
            opt.atlas_dir = argv[++i];
        } else if (!strcmp(a, "--year")) {
            if (!next || !app_parse_time(next, &opt.t))
                return fail_usage("--year needs a year such as 659, 104BC or 2016-09, not \"%s\"",
                                  next ? next : "");
            opt.has_time = true;
            i++;
        } else if (!strcmp(a, "--at")) {
            if (!next || !parse_point(next, &opt))
                return fail_usage("--at needs LON,LAT in degrees, not \"%s\"", next ? next : "");
            opt.has_point = true;
            i++;
        } else if (!strcmp(a, "--json")) {
            opt.json = true;
        } else if (!command && a[0] != '-' && (!strcmp(a, "query") || !strcmp(a, "check"))) {
            command = a;
        } else {
            return fail_usage("unknown argument \"%s\"", a);
        }
    }
    if (command && !strcmp(command, "query") && (!opt.has_time || !opt.has_point))
        return fail_usage("%s needs --year and --at", "query");

    int status = APP_EXIT_FAIL;
    char *bundled = opt.atlas_dir ? NULL : find_bundled_atlas();
    const char *dir = opt.atlas_dir ? opt.atlas_dir : bundled;
    WkDiag diag;
    wk_diag_init(&diag);
    GeoContext *geo = geo_context_create();
    Atlas *atlas = geo ? atlas_load(geo, dir, &diag) : NULL;
    if (!atlas) {
        print_diag(&diag);
        fprintf(stderr, "wakhan: cannot load the atlas in %s\n", dir ? dir : "(none)");
        status = APP_EXIT_USAGE;
    } else if (command && !strcmp(command, "check")) {
        status = app_check(atlas, &diag);
    } else {
        print_diag(&diag);
        if (command && !strcmp(command, "query")) {
            status = app_query(atlas, &opt);
        } else {
            fprintf(stderr, "wakhan: the window is not built yet\n");
            status = APP_EXIT_FAIL;
        }
    }
    atlas_free(atlas);
    geo_context_destroy(geo);
    wk_diag_free(&diag);
    free(bundled);
    return status;
}
