/*
 * `wakhan export --lesson FILE -o OUT.pdf [--notes]`: a lesson as a handout, one page per stop
 * with the map as the class saw it, the stop's year and caption (and, with --notes, the
 * teacher's note), after a title page. The map is the window's picture (legend included); the
 * words are set as text with Pango on cairo's PDF surface, so they can be searched and copied,
 * in any of the atlas's scripts. `-o DIR/` writes one PNG per stop instead, caption on the
 * picture, for slides.
 */
#include "app.h"
#include "canvas.h"
#include "lesson_run.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <errno.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "atlas/language.h"
#include "core/atomic.h"
#include "core/date_lang.h"
#include "core/i18n.h"
#include "core/util.h"
#include "core/xdg.h"

/* A4 landscape, in points, and its margin. */
#define PAGE_W 842.0
#define PAGE_H 595.0
#define MARGIN 40.0

static bool is_folder_target(const char *out)
{
    struct stat st;
    size_t n = strlen(out);
    return (n > 0 && out[n - 1] == '/') || (stat(out, &st) == 0 && S_ISDIR(st.st_mode));
}

/* The stop's time as the picture shows it: the end of a span that plays, else its date. */
static double stop_time(const LessonStop *stop)
{
    return stop->play ? stop->t_end : stop->t;
}

/* Puts stop n on the canvas and draws it; with `caption`, the caption and progress strip too,
 * as the class sees them. */
static void draw_stop(Canvas *c, Lesson *lesson, int n, bool caption)
{
    lesson_apply_stop(&c->s, lesson, n, false);
    session_set_time(&c->s, stop_time(&lesson->stops[n]));
    canvas_draw(c);
    if (caption) {
        LessonRun r;
        lesson_run_init(&r);
        r.lesson = lesson; /* borrowed for drawing only */
        r.active = true;
        r.stop = n;
        r.caption_k = 1;
        lesson_run_draw(&r, &c->s, &c->ui);
        SDL_RenderPresent(c->renderer);
    }
}

static int export_slides(Canvas *c, Lesson *lesson, const char *dir)
{
    WkDiag diag;
    wk_diag_init(&diag);
    if (!wk_mkdirs(dir, &diag)) {
        fprintf(stderr, "wakhan: %s\n", diag.entries[0].text);
        wk_diag_free(&diag);
        return APP_EXIT_FAIL;
    }
    wk_diag_free(&diag);
    wk_atomic_clean_stale(dir);
    for (int i = 0; i < lesson->nstops; i++) {
        draw_stop(c, lesson, i, true);
        char year[64], name[32];
        wk_time_format_year_in(stop_time(&lesson->stops[i]), c->s.lang, year, sizeof year);
        snprintf(name, sizeof name, "stop-%02d.png", i + 1);
        char *path = wk_path_join(dir, name);
        /* TRANSLATORS: a slide's title: the lesson, the stop's number and its year */
        char *title = wk_strfmt(_("%s, stop %d of %d: %s"), lesson_text_title(&c->s, lesson), i + 1,
                                lesson->nstops, year);
        const char *caption = lesson_text_caption(&c->s, lesson, i);
        PngText texts[] = {{"Title", title ? title : ""},
                           {"Description", caption ? caption : ""},
                           {"Software", "wakhan " WAKHAN_VERSION}};
        bool ok = path && canvas_save_png(c, path, texts, 3);
        free(title);
        free(path);
        if (!ok)
            return APP_EXIT_FAIL;
    }
    printf("%d slides in %s\n", lesson->nstops, dir);
    return APP_EXIT_OK;
}

/* --- the PDF --- */

static cairo_status_t write_stream(void *closure, const unsigned char *data, unsigned int length)
{
    return fwrite(data, 1, length, closure) == length ? CAIRO_STATUS_SUCCESS
                                                      : CAIRO_STATUS_WRITE_ERROR;
}

/* Sets `text` at (x, y), `width` wide and wrapped, in `font` (a Pango description such as
 * "Noto Sans Bold 20"); returns its height. */
static double put_text(cairo_t *cr, const char *text, const char *font, double x, double y,
                       double width, double grey)
{
    PangoLayout *layout = pango_cairo_create_layout(cr);
    PangoFontDescription *desc = pango_font_description_from_string(font);
    pango_layout_set_font_description(layout, desc);
    pango_layout_set_width(layout, (int)(width * PANGO_SCALE));
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_text(layout, text, -1);
    /* Right-to-left paragraphs (Dari, Pashto) start at the right edge. */
    pango_layout_set_auto_dir(layout, TRUE);
    cairo_set_source_rgb(cr, grey, grey, grey);
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, layout);
    int w, h;
    pango_layout_get_size(layout, &w, &h);
    pango_font_description_free(desc);
    g_object_unref(layout);
    return (double)h / PANGO_SCALE;
}

static double text_height(cairo_t *cr, const char *text, const char *font, double width)
{
    cairo_save(cr);
    cairo_rectangle(cr, 0, 0, 0, 0);
    cairo_clip(cr); /* measured, not drawn */
    double h = put_text(cr, text, font, 0, 0, width, 0);
    cairo_restore(cr);
    return h;
}

static void title_page(cairo_t *cr, const Lesson *lesson, const Atlas *atlas, const Session *s)
{
    double w = PAGE_W - 2 * MARGIN, y = 150;
    y += put_text(cr, lesson_text_title(s, lesson), "Noto Sans Bold 30", MARGIN, y, w, 0.1) + 14;
    if (lesson->author && *lesson->author) {
        /* TRANSLATORS: the author of a lesson, on its handout's title page */
        char *by = wk_strfmt(_("By %s"), lesson->author);
        y += put_text(cr, by ? by : "", "Noto Sans 15", MARGIN, y, w, 0.3) + 18;
        free(by);
    }
    const char *description = atlas_lesson_description(s->atlas, lesson, s->lang);
    if (description && *description)
        y += put_text(cr, description, "Noto Sans 14", MARGIN, y, w, 0.2) + 18;
    char a[64], b[64];
    double first = lesson->stops[0].t, last = first;
    for (int i = 0; i < lesson->nstops; i++) {
        first = lesson->stops[i].t < first ? lesson->stops[i].t : first;
        last = stop_time(&lesson->stops[i]) > last ? stop_time(&lesson->stops[i]) : last;
    }
    char *span = wk_strfmt(ngettext("%d stop, from %s to %s", "%d stops, from %s to %s",
                                    (unsigned long)lesson->nstops),
                           lesson->nstops, wk_time_format_year_in(first, s->lang, a, sizeof a),
                           wk_time_format_year_in(last, s->lang, b, sizeof b));
    char digits[256];
    put_text(cr, wk_digits_localize(span ? span : "", s->lang, digits, sizeof digits),
             "Noto Sans 13", MARGIN, y, w, 0.3);
    free(span);
    put_text(cr, atlas->title, "Noto Sans 10", MARGIN, PAGE_H - MARGIN - 14, w, 0.45);
    cairo_show_page(cr);
}

static void stop_page(cairo_t *cr, Canvas *c, const Lesson *lesson, int n, bool notes)
{
    const LessonStop *stop = &lesson->stops[n];
    double w = PAGE_W - 2 * MARGIN;
    char year[64];
    wk_time_format_year_in(stop_time(stop), c->s.lang, year, sizeof year);
    /* TRANSLATORS: a handout page's heading: the stop's number, the number of stops, its year */
    char *head = wk_strfmt(_("%d of %d  ·  %s"), n + 1, lesson->nstops, year);
    double y = MARGIN;
    char digits[256];
    y += put_text(cr, wk_digits_localize(head ? head : "", c->s.lang, digits, sizeof digits),
                  "Noto Sans Bold 16", MARGIN, y, w, 0.1) +
         8;
    free(head);

    const char *caption = lesson_text_caption(&c->s, lesson, n);
    const char *stop_note = lesson_text_note(&c->s, lesson, n);
    caption = caption ? caption : "";
    char *note = notes && stop_note && *stop_note ? wk_strfmt(_("Note: %s"), stop_note) : NULL;
    double below = text_height(cr, caption, "Noto Sans 14", w) + 10 +
                   (note ? text_height(cr, note, "Noto Sans Italic 11", w) + 8 : 0);
    /* The map as large as the page allows, keeping its shape. */
    int iw = c->surface->w, ih = c->surface->h;
    double room = PAGE_H - MARGIN - y - below;
    double scale = fmin(w / iw, room / ih);
    double x = MARGIN + (w - iw * scale) / 2;
    cairo_surface_t *img = cairo_image_surface_create_for_data(
        c->surface->pixels, CAIRO_FORMAT_RGB24, iw, ih, c->surface->pitch);
    cairo_save(cr);
    cairo_translate(cr, x, y);
    cairo_scale(cr, scale, scale);
    cairo_set_source_surface(cr, img, 0, 0);
    cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
    cairo_paint(cr);
    cairo_restore(cr);
    cairo_surface_destroy(img);
    y += ih * scale + 10;
    y += put_text(cr, caption, "Noto Sans 14", MARGIN, y, w, 0.1) + 8;
    if (note)
        put_text(cr, note, "Noto Sans Italic 11", MARGIN, y, w, 0.35);
    free(note);
    cairo_show_page(cr);
}

/* Makes the atlas's own fonts known to Pango (through fontconfig), so a handout looks the same
 * on a machine without Noto installed. */
static void add_atlas_fonts(const Atlas *atlas)
{
    for (int i = 0; i < ATLAS_FONT_COUNT; i++)
        if (atlas->fonts[i])
            FcConfigAppFontAddFile(NULL, (const FcChar8 *)atlas->fonts[i]);
}

static int export_pdf(Canvas *c, Lesson *lesson, const Atlas *atlas, const char *path, bool notes)
{
    WkDiag diag;
    wk_diag_init(&diag);
    WkAtomicFile af;
    if (wk_atomic_open(&af, path, &diag) != WK_OK) {
        fprintf(stderr, "wakhan: %s\n", diag.entries[0].text);
        wk_diag_free(&diag);
        return APP_EXIT_FAIL;
    }
    add_atlas_fonts(atlas);
    cairo_surface_t *pdf = cairo_pdf_surface_create_for_stream(write_stream, af.f, PAGE_W, PAGE_H);
    /* What the file is, for a file manager or a library: the lesson, its years, its author. */
    cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_TITLE, lesson->title);
    if (lesson->author)
        cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_AUTHOR, lesson->author);
    char a[64], b[64];
    char *subject =
        wk_strfmt("A lesson of %d stops on %s, %s to %s", lesson->nstops, atlas->title,
                  wk_time_format_year(lesson->stops[0].t, a, sizeof a),
                  wk_time_format_year(stop_time(&lesson->stops[lesson->nstops - 1]), b, sizeof b));
    if (subject)
        cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_SUBJECT, subject);
    free(subject);
    cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_CREATOR, "wakhan " WAKHAN_VERSION);
    cairo_t *cr = cairo_create(pdf);
    title_page(cr, lesson, atlas, &c->s);
    for (int i = 0; i < lesson->nstops; i++) {
        draw_stop(c, lesson, i, false);
        stop_page(cr, c, lesson, i, notes);
    }
    cairo_destroy(cr);
    cairo_surface_finish(pdf);
    cairo_status_t st = cairo_surface_status(pdf);
    cairo_surface_destroy(pdf);
    int status = APP_EXIT_OK;
    if (st != CAIRO_STATUS_SUCCESS) {
        fprintf(stderr, "wakhan: %s: cannot write the handout: %s\n", path,
                cairo_status_to_string(st));
        wk_atomic_abort(&af);
        status = APP_EXIT_FAIL;
    } else if (wk_atomic_commit(&af, &diag) != WK_OK) {
        fprintf(stderr, "wakhan: %s\n", diag.entries[0].text);
        status = APP_EXIT_FAIL;
    } else {
        printf("%s: a title page and %d stops\n", path, lesson->nstops);
    }
    wk_diag_free(&diag);
    return status;
}

int app_export_lesson(Atlas *atlas, const WkDiag *diag, const AppOptions *opt)
{
    WkDiag ld;
    wk_diag_init(&ld);
    Lesson *lesson = lesson_load(opt->lessons[0], &ld);
    if (lesson)
        lesson_check(lesson, atlas, &ld);
    for (size_t i = 0; i < ld.count; i++)
        fprintf(stderr, "%s: %s\n", ld.entries[i].severity == WK_SEV_ERROR ? "error" : "warning",
                ld.entries[i].text);
    wk_diag_free(&ld);
    if (!lesson || lesson->nstops == 0) {
        fprintf(stderr, "wakhan: %s: no stop to export\n", opt->lessons[0]);
        lesson_free(lesson);
        return APP_EXIT_USAGE;
    }
    Canvas c;
    int status = canvas_open(&c, atlas, diag, opt);
    if (status == APP_EXIT_OK)
        status = is_folder_target(opt->output)
                     ? export_slides(&c, lesson, opt->output)
                     : export_pdf(&c, lesson, atlas, opt->output, opt->notes);
    canvas_close(&c);
    lesson_free(lesson);
    /* Pango, cairo and fontconfig keep caches for the life of the process; a command that is
     * done gives them back, so leak checkers see only what is ours. */
    pango_cairo_font_map_set_default(NULL);
    cairo_debug_reset_static_data();
    FcFini();
    return status;
}
