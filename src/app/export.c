/*
 * `wakhan export`: the window's frame, drawn by the same session_draw into a software
 * renderer on a memory surface, written as PNG with SDL2_image. No display is needed.
 */
#include "app.h"
#include "canvas.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/atomic.h"
#include "core/util.h"

/* "out.png" as is for one frame; for a sequence, "out-0001.png" and so on. Owned by the
 * caller; NULL when out of memory. */
static char *frame_path(const char *output, int frame, int frames)
{
    if (frames <= 1)
        return wk_strdup(output);
    const char *dot = strrchr(output, '.');
    bool has_ext = dot && !strchr(dot, '/');
    size_t stem = has_ext ? (size_t)(dot - output) : strlen(output);
    return wk_strfmt("%.*s-%04d%s", (int)stem, output, frame + 1, has_ext ? dot : ".png");
}

int app_export(Atlas *atlas, const WkDiag *diag, const AppOptions *opt)
{
    if (opt->nlessons > 0)
        return app_export_lesson(atlas, diag, opt);
    /* Temporaries left beside earlier exports by a killed run. */
    char *out_dir = wk_path_folder(opt->output);
    wk_atomic_clean_stale(out_dir);
    free(out_dir);
    int place = opt->select ? atlas_place_find(atlas, opt->select) : -1;
    if (opt->select && place < 0) {
        fprintf(stderr, "wakhan: there is no place \"%s\"\n", opt->select);
        return APP_EXIT_USAGE;
    }
    Canvas c;
    int status = canvas_open(&c, atlas, diag, opt);
    if (status != APP_EXIT_OK) {
        canvas_close(&c);
        return status;
    }
    Session *s = &c.s;
    /* Select at the first frame's time, so the panel opens at what happened by then. */
    double opening = s->t; /* what the window opens at */
    session_set_time(s, opt->has_range ? opt->t_from : opt->has_time ? opt->t : opening);
    if (place >= 0)
        session_select_place(s, place);
    int frames = opt->has_range ? opt->frames : 1;
    status = APP_EXIT_OK;
    for (int f = 0; f < frames && status == APP_EXIT_OK; f++) {
        double t = opt->has_range
                       ? (frames > 1 ? opt->t_from + (opt->t_to - opt->t_from) * f / (frames - 1)
                                     : opt->t_from)
                   : opt->has_time ? opt->t
                                   : opening;
        session_set_time(s, t);
        canvas_draw(&c);
        char *path = frame_path(opt->output, f, frames);
        /* What the picture shows, kept in the file: the atlas, the year and the selection. */
        char year[64];
        wk_time_format_year(t, year, sizeof year);
        char *title = wk_strfmt("%s, %s", atlas->title, year);
        char *what = place >= 0 ? wk_strfmt("The map as it was in %s, with the events of %s", year,
                                            atlas->places[place].name)
                                : wk_strfmt("The map as it was in %s", year);
        PngText texts[] = {{"Title", title ? title : ""},
                           {"Description", what ? what : ""},
                           {"Software", "wakhan " WAKHAN_VERSION}};
        if (!path || !canvas_save_png(&c, path, texts, 3))
            status = APP_EXIT_FAIL;
        free(title);
        free(what);
        free(path);
    }
    canvas_close(&c);
    return status;
}
