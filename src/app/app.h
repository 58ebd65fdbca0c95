/*
 * The commands of the `wakhan` program. Each takes the parsed options and returns the process
 * exit status: 0 on success, 1 when something failed at run time, 2 for bad input.
 */
#ifndef WK_APP_H
#define WK_APP_H

#include <stdbool.h>

#include "atlas/atlas.h"
#include "render/text.h"

enum { APP_EXIT_OK = 0, APP_EXIT_FAIL = 1, APP_EXIT_USAGE = 2 };

/* Most --lesson options one command line may give. */
#define APP_MAX_LESSONS 32

typedef struct AppOptions {
    const char *atlas_dir; /* NULL: the bundled atlas */
    const char *file;      /* a positional argument: what to open, or new-atlas's folder */
    /* query, and the starting time of the window and the exporter */
    bool has_time, has_point, json;
    double t;
    double lon, lat;
    /* window and export */
    int width, height;
    float scale;        /* 0: follow the display */
    const char *theme;  /* NULL: the default */
    WkLang lang;        /* --lang, else from LANGUAGE/LANG */
    const char *select; /* a place id to open */
    const char *trace_path;
    bool software, fullscreen;
    bool presenter; /* open the presenter window even with one display */
    /* lessons: the one the window opens, or the ones `check` checks besides the bundled ones */
    const char *lessons[APP_MAX_LESSONS];
    int nlessons;
    bool has_view;
    double view_lon, view_lat, view_zoom;
    /* export */
    const char *output;
    bool notes; /* handouts: print the teacher's notes */
    bool has_range;
    double t_from, t_to;
    int frames;
    /* bench */
    bool base_only;
    bool startup_only;  /* bench: load, draw the first frame, report start-up and memory */
    int soak;           /* bench: scrub this many frames and check resident memory stays flat */
    const char *layers; /* comma-separated base layer ids, NULL for all */
} AppOptions;

/* Parses a year or date for the command line: "659", "-103" (astronomical), "104BC",
 * "104 BC", "2016-09", "1955-01-20". A bare year means the middle of that year. */
bool app_parse_time(const char *text, double *t);

/* Prints what is at a point at a time, as text or as one JSON object. */
int app_query(Atlas *atlas, const AppOptions *opt);

/* Opens the atlas in a window and runs until the user quits. */
int app_window(Atlas *atlas, const WkDiag *diag, const AppOptions *opt);
/* The window when the atlas in `dir` cannot be loaded: a screen naming the file, the place and
 * the fix, until closed. Fonts come from beside `dir`, else beside `fallback_dir` (may be NULL).
 * Returns APP_EXIT_USAGE, as the terminal run does. */
int app_error_window(const WkDiag *diag, const char *dir, const char *fallback_dir,
                     const AppOptions *opt);

/* The bundled fonts beside an atlas directory (../fonts/), else beside `fallback_dir` (may be
 * NULL): paths owned by the caller, NULL where not found. */
void app_fonts_near(const char *dir, const char *fallback_dir, char *fonts[TEXT_FONT_COUNT]);

/* Loads the atlas for the window on a second thread. When that takes longer than a glance (the
 * first start, when the maps are prepared and cached), a window shows the progress meanwhile
 * and answers to the user; it closes when the atlas is ready. NULL as atlas_load_with_user,
 * or with *closed set when the user closed the window meanwhile. */
Atlas *app_load_atlas(GeoContext *geo, const char *dir, const char *user, WkDiag *diag,
                      const AppOptions *opt, bool *closed);

/* Renders without a display into PNG files: one frame, or a numbered sequence; with a lesson,
 * its handout (app_export_lesson). */
int app_export(Atlas *atlas, const WkDiag *diag, const AppOptions *opt);

/* A lesson as a PDF handout (a title page, then a page per stop with the map, the year, the
 * caption and, with opt->notes, the teacher's note), or as one PNG per stop when the output is
 * a folder (ends in '/'). */
int app_export_lesson(Atlas *atlas, const WkDiag *diag, const AppOptions *opt);

/* Loads the atlas in `dir` and times a scripted session in a software renderer: start-up to
 * the first frame, frame times while scrubbing, panning, zooming, selecting and playing, the
 * time a click takes to resolve, and peak memory. Prints text, or one JSON object. */
int app_bench(GeoContext *geo, const char *dir, const AppOptions *opt);

/* Validates the atlas and prints every problem and the events per era; then checks the
 * lessons bundled with the atlas and those given with --lesson against it. */
int app_check(Atlas *atlas, const WkDiag *load_diag, const AppOptions *opt);

/* Checks that every font the atlas names opens as a font; adds one message per font that does
 * not (severity `sev`), naming the file, its role and the reason. Returns how many. */
int app_check_fonts(const Atlas *atlas, WkDiag *diag, WkSeverity sev);

/* Creates an empty atlas in `dir` that draws on the bundled one's maps, fonts, eras and
 * polities, with its own empty events, territories and lessons. */
int app_new_atlas(const char *bundled_dir, const char *dir);

#endif
