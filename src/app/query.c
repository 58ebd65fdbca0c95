/*
 * `wakhan query` and `wakhan check`: the text interface to the model. query answers from the
 * same functions the window uses (atlas_era_at, atlas_overlays_covering, atlas_place_nearest),
 * which makes it the test hook for everything that depends on time.
 */
#include "app.h"

#include "atlas/language.h"
#include "core/date_lang.h"
#include "core/i18n.h"
#include "session.h"
#include "lesson_run.h"

#include <cJSON.h>
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define QUERY_MAX_OVERLAYS 64

bool app_parse_time(const char *text, double *t)
{
    WkDate d;
    if (wk_date_parse(text, &d)) {
        *t = d.precision == WK_PREC_YEAR ? d.year + 0.5 : wk_date_time(&d);
        return true;
    }
    /* Plain years as people type them: "659", "-103", "104BC", "104 BC". */
    char *end;
    long y = strtol(text, &end, 10);
    if (end == text || y < WK_YEAR_MIN || y > WK_YEAR_MAX)
        return false;
    while (*end == ' ')
        end++;
    if ((end[0] == 'B' || end[0] == 'b') && (end[1] == 'C' || end[1] == 'c') && !end[2]) {
        if (y <= 0)
            return false;
        y = 1 - y;
    } else if (*end) {
        return false;
    }
    *t = (double)y + 0.5;
    return true;
}

static cJSON *event_json(const Atlas *atlas, int event, WkLang lang)
{
    const AtlasEvent *e = &atlas->events[event];
    char iso[64], text[160];
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "id", e->id);
    cJSON_AddStringToObject(o, "date", wk_span_iso(&e->date, iso, sizeof iso));
    cJSON_AddStringToObject(o, "date_text", wk_span_format_in(&e->date, lang, text, sizeof text));
    cJSON_AddStringToObject(o, "title", atlas_event_title(atlas, event, lang));
    return o;
}

/* Prints a line of the text answer, its digits written as the language writes them. */
static void say(WkLang lang, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(WkLang lang, const char *fmt, ...)
{
    char ascii[1024], out[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ascii, sizeof ascii, fmt, ap);
    va_end(ap);
    fputs(wk_digits_localize(ascii, lang, out, sizeof out), stdout);
}

/* The kind of an overlay as the answer names it: the data's keyword in English, the
 * interface's word in other languages. */
static const char *kind_text(AtlasKind kind, WkLang lang)
{
    return lang == WK_LANG_EN ? atlas_kind_name(kind) : ui_kind_label(kind);
}

static int print_json(Atlas *atlas, const AppOptions *opt, int era, const int *covering, int n,
                      int place, double distance)
{
    char year[32];
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "language", wk_lang_code(opt->lang));
    cJSON_AddStringToObject(root, "year",
                            wk_time_format_year_in(opt->t, opt->lang, year, sizeof year));
    if (era >= 0) {
        cJSON *e = cJSON_AddObjectToObject(root, "era");
        cJSON_AddStringToObject(e, "id", atlas->eras[era].id);
        cJSON_AddStringToObject(e, "name", atlas_era_name(atlas, era, opt->lang));
    } else {
        cJSON_AddNullToObject(root, "era");
    }
    cJSON *list = cJSON_AddArrayToObject(root, "overlays");
    for (int i = 0; i < n; i++) {
        const AtlasOverlay *o = &atlas->overlays[covering[i]];
        cJSON *item = cJSON_CreateObject();
        cJSON_AddStringToObject(item, "id", o->id);
        cJSON_AddStringToObject(item, "name", atlas_overlay_name(atlas, covering[i], opt->lang));
        cJSON_AddStringToObject(item, "polity",
                                o->polity >= 0 ? atlas->polities[o->polity].id : "");
        cJSON_AddStringToObject(item, "kind", atlas_kind_name(o->kind));
        cJSON_AddItemToArray(list, item);
    }
    if (place >= 0) {
        const AtlasPlace *p = &atlas->places[place];
        cJSON *pj = cJSON_AddObjectToObject(root, "place");
        cJSON_AddStringToObject(pj, "id", p->id);
        cJSON_AddStringToObject(pj, "name", map_place_name(p, session_names_for(opt->lang)));
        cJSON_AddNumberToObject(pj, "distance_km", (double)(long)(distance / 100) / 10);
        cJSON *events = cJSON_AddArrayToObject(pj, "events");
        for (int i = 0; i < p->nevents; i++)
            cJSON_AddItemToArray(events, event_json(atlas, p->events[i], opt->lang));
    } else {
        cJSON_AddNullToObject(root, "place");
    }
    /* What the panel lists when a territory is clicked, apart from "overlays" so that line
     * tools reading that array are not thrown by nested arrays. */
    cJSON *linked = cJSON_AddObjectToObject(root, "territory_events");
    for (int i = 0; i < n; i++) {
        cJSON *ids = cJSON_AddArrayToObject(linked, atlas->overlays[covering[i]].id);
        if (atlas_overlay_link_events(atlas, covering[i]))
            for (int k = 0; k < atlas->overlays[covering[i]].nevents; k++)
                cJSON_AddItemToArray(
                    ids,
                    cJSON_CreateString(atlas->events[atlas->overlays[covering[i]].events[k]].id));
    }
    char *text = cJSON_Print(root);
    if (text)
        puts(text);
    free(text);
    cJSON_Delete(root);
    return text ? APP_EXIT_OK : APP_EXIT_FAIL;
}

int app_query(Atlas *atlas, const AppOptions *opt)
{
    double x, y;
    if (!atlas_project(atlas, opt->lon, opt->lat, &x, &y)) {
        fprintf(stderr, "wakhan: %g,%g cannot be placed on this map\n", opt->lon, opt->lat);
        return APP_EXIT_USAGE;
    }
    int covering[QUERY_MAX_OVERLAYS];
    int era = atlas_era_at(atlas, opt->t);
    int n = atlas_overlays_covering(atlas, opt->t, x, y, covering, QUERY_MAX_OVERLAYS);
    double distance = 0;
    int place = atlas_place_nearest(atlas, x, y, &distance);
    if (opt->json)
        return print_json(atlas, opt, era, covering, n, place, distance);

    WkLang lang = opt->lang;
    char year[32], date[160];
    say(lang, _("Year:  %s\n"), wk_time_format_year_in(opt->t, lang, year, sizeof year));
    say(lang, _("Era:   %s\n"), era >= 0 ? atlas_era_name(atlas, era, lang) : _("(none)"));
    if (n == 0)
        say(lang, "%s\n", _("Territory: none recorded here"));
    for (int i = 0; i < n; i++) {
        const AtlasOverlay *o = &atlas->overlays[covering[i]];
        say(lang, _("Territory: %s (%s, %s)\n"), atlas_overlay_name(atlas, covering[i], lang),
            kind_text(o->kind, lang),
            o->polity >= 0 ? atlas_polity_name(atlas, o->polity, lang) : "-");
    }
    if (place >= 0) {
        const AtlasPlace *p = &atlas->places[place];
        say(lang,
            ngettext("Nearest place: %s (%.0f km away), %d event\n",
                     "Nearest place: %s (%.0f km away), %d events\n", (unsigned long)p->nevents),
            map_place_name(p, session_names_for(lang)), distance / 1000, p->nevents);
        for (int i = 0; i < p->nevents; i++) {
            int e = p->events[i];
            say(lang, "  %-22s %s\n",
                wk_span_format_in(&atlas->events[e].date, lang, date, sizeof date),
                atlas_event_title(atlas, e, lang));
        }
    }
    return APP_EXIT_OK;
}

/* Loads and checks one lesson; prints its problems and a summary line. Counts into *errors and
 * *warnings. Returns the lesson (for the translation coverage), or NULL. */
static Lesson *check_lesson(const Atlas *atlas, const char *path, size_t *errors, size_t *warnings)
{
    WkDiag diag;
    wk_diag_init(&diag);
    Lesson *l = lesson_load(path, &diag);
    if (l)
        lesson_check(l, atlas, &diag);
    for (size_t i = 0; i < diag.count; i++)
        printf("%s: %s\n", diag.entries[i].severity == WK_SEV_ERROR ? "error" : "warning",
               diag.entries[i].text);
    *errors += wk_diag_count(&diag, WK_SEV_ERROR) + (l ? 0 : !diag.count);
    *warnings += wk_diag_count(&diag, WK_SEV_WARNING);
    if (l)
        printf("%s: lesson \"%s\", %d stops\n", path, l->title, l->nstops);
    wk_diag_free(&diag);
    return l;
}

/* One line per language: how much of the atlas its lang/CODE.json translates. Missing
 * translations fall back to English, so this is information, not an error. */
static void print_coverage(const Atlas *atlas, const Lesson *const *lessons, int nlessons)
{
    for (int lang = WK_LANG_EN + 1; lang < WK_LANG_COUNT; lang++) {
        AtlasCoverage c;
        atlas_language_coverage(atlas, (WkLang)lang, lessons, nlessons, &c);
        printf("%s translation:", wk_lang_code((WkLang)lang));
        for (int k = 0; k < ATLAS_COVER_COUNT; k++) {
            printf("%s %s %d of %d (%.0f%%", k ? "," : "", atlas_coverage_kind_name(k), c.have[k],
                   c.total[k], c.total[k] ? 100.0 * c.have[k] / c.total[k] : 100.0);
            /* Names made from a polity's translated name are counted, and said to be. */
            if (k == ATLAS_COVER_OVERLAY_NAMES && c.derived_names)
                printf("; %d from polity names", c.derived_names);
            printf(")");
        }
        printf("%s\n", atlas_language_loaded(atlas, (WkLang)lang) ? "" : " (no translation file)");
    }
}

int app_check(Atlas *atlas, const WkDiag *load_diag, const AppOptions *opt)
{
    WkDiag diag;
    wk_diag_init(&diag);
    atlas_validate(atlas, &diag);
    app_check_fonts(atlas, &diag, WK_SEV_ERROR);
    size_t errors = wk_diag_count(load_diag, WK_SEV_ERROR) + wk_diag_count(&diag, WK_SEV_ERROR);
    size_t warnings =
        wk_diag_count(load_diag, WK_SEV_WARNING) + wk_diag_count(&diag, WK_SEV_WARNING);
    const WkDiag *lists[2] = {load_diag, &diag};
    for (int l = 0; l < 2; l++)
        for (size_t i = 0; i < lists[l]->count; i++)
            printf("%s: %s\n", lists[l]->entries[i].severity == WK_SEV_ERROR ? "error" : "warning",
                   lists[l]->entries[i].text);
    printf("%s: %d layers, %d places, %d events, %d overlays, %d eras, %d polities\n",
           atlas->manifest, atlas->nlayers, atlas->nplaces, atlas->nevents, atlas->noverlays,
           atlas->neras, atlas->npolities);
    for (int i = 0; i < atlas->neras; i++) {
        int count = 0;
        for (int e = 0; e < atlas->nevents; e++)
            count += atlas_era_at(atlas, atlas->events[e].start) == i;
        char a[32], b[32];
        printf("  %-40s %s to %s: %d events\n", atlas->eras[i].name,
               wk_time_format_year(atlas->eras[i].start, a, sizeof a),
               wk_time_format_year(atlas->eras[i].end, b, sizeof b), count);
    }
    /* The lessons bundled with the atlas, then those named on the command line. */
    char *dir = lesson_bundled_dir(atlas);
    char **paths;
    int n = lesson_list_dir(dir, &paths), nlessons = 0;
    Lesson **lessons = calloc((size_t)(n + opt->nlessons + 1), sizeof *lessons);
    for (int i = 0; i < n; i++) {
        Lesson *l = check_lesson(atlas, paths[i], &errors, &warnings);
        if (l && lessons)
            lessons[nlessons++] = l;
        else
            lesson_free(l);
        free(paths[i]);
    }
    free(paths);
    free(dir);
    for (int i = 0; i < opt->nlessons; i++) {
        Lesson *l = check_lesson(atlas, opt->lessons[i], &errors, &warnings);
        if (l && lessons)
            lessons[nlessons++] = l;
        else
            lesson_free(l);
    }
    WkDiag ids;
    wk_diag_init(&ids);
    errors += (size_t)lesson_check_ids(lessons, nlessons, &ids);
    for (size_t i = 0; i < ids.count; i++)
        printf("error: %s\n", ids.entries[i].text);
    wk_diag_free(&ids);
    print_coverage(atlas, (const Lesson *const *)lessons, nlessons);
    for (int i = 0; i < nlessons; i++)
        lesson_free(lessons[i]);
    free(lessons);
    printf("%zu errors, %zu warnings\n", errors, warnings);
    wk_diag_free(&diag);
    return errors ? APP_EXIT_USAGE : APP_EXIT_OK;
}
