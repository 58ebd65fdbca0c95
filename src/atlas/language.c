/*
 * Translations of the atlas's content: lang/CODE.json beside the manifest.
 *
 *   { "language": "fa", "name": "دری",
 *     "events":   { "EVENT-ID": { "title": "…", "summary": "…", "note": "…" } },
 *     "eras":     { "ERA-ID": "…" },
 *     "eras_short": { "ERA-ID": "…" },   (the slider's short names; optional)
 *     "polities": { "POLITY-ID": "…" },
 *     "overlays": { "FEATURE-ID": { "name": "…", "note": "…" } },
 *     "lessons":  { "LESSON-ID": { "title": "…", "stops": [ { "caption": "…", "note": "…" } ] } },
 *     "interface": {} }
 *
 * Records are keyed by id and resolved to the model's indices once, at load, so reading a
 * translation is an array lookup. Lessons are not part of the model, so their translations
 * stay keyed by lesson id.
 */
#include "language.h"
#include "atlas_internal.h"
#include "json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Room for "section.ID" with an id quoted to 80 characters of up to four bytes each. */
#define WHERE_SIZE (16 + 80 * 4 + 1)

typedef struct LangEvent {
    char *title, *summary, *note;
} LangEvent;

typedef struct LangOverlay {
    char *name, *note;
    char *derived; /* the name made from the polity's translated name, when name is NULL */
} LangOverlay;

typedef struct LangLesson {
    char *id, *title, *description;
    char **captions, **notes; /* nstops entries each, NULL where not translated */
    int nstops;
} LangLesson;

struct AtlasLanguage {
    LangEvent *events;     /* atlas->nevents */
    char **eras;           /* atlas->neras */
    char **eras_short;     /* atlas->neras */
    char **polities;       /* atlas->npolities */
    LangOverlay *overlays; /* atlas->noverlays */
    LangLesson *lessons;
    int nlessons;
};

static void language_free(struct AtlasLanguage *l, const Atlas *atlas)
{
    if (!l)
        return;
    for (int i = 0; l->events && i < atlas->nevents; i++)
        free(l->events[i].title), free(l->events[i].summary), free(l->events[i].note);
    for (int i = 0; l->eras && i < atlas->neras; i++)
        free(l->eras[i]);
    for (int i = 0; l->eras_short && i < atlas->neras; i++)
        free(l->eras_short[i]);
    for (int i = 0; l->polities && i < atlas->npolities; i++)
        free(l->polities[i]);
    for (int i = 0; l->overlays && i < atlas->noverlays; i++)
        free(l->overlays[i].name), free(l->overlays[i].note), free(l->overlays[i].derived);
    for (int i = 0; i < l->nlessons; i++) {
        LangLesson *s = &l->lessons[i];
        for (int k = 0; k < s->nstops; k++)
            free(s->captions[k]), free(s->notes[k]);
        free(s->id), free(s->title), free(s->description), free(s->captions), free(s->notes);
    }
    free(l->events), free(l->eras), free(l->eras_short), free(l->polities), free(l->overlays),
        free(l->lessons);
    free(l);
}

void atlas_free_languages(Atlas *atlas)
{
    for (int i = 0; i < WK_LANG_COUNT; i++) {
        language_free(atlas->languages[i], atlas);
        atlas->languages[i] = NULL;
    }
}

/* The members of a section, which must be an object if present. */
static const cJSON *section(const JsonFile *f, const char *key)
{
    const cJSON *s = cJSON_GetObjectItemCaseSensitive(f->root, key);
    if (s && !cJSON_IsObject(s)) {
        json_error(f, "", key, "should be an object of translations by id");
        return NULL;
    }
    return s;
}

static void unknown_id(const JsonFile *f, const char *what, const char *id)
{
    wk_diag_warn(f->diag, "%s: %s: no %s has the id \"%.*s\"", f->path, what,
                 !strcmp(what, "events")     ? "event"
                 : !strncmp(what, "eras", 4) ? "era"
                 : !strcmp(what, "polities") ? "polity"
                                             : "overlay",
                 WK_UTF8_QUOTE(id, 60));
}

/* A translated string member; empty strings count as missing, so a teacher can leave
 * placeholders in a file. */
static char *text(const JsonFile *f, const cJSON *obj, const char *key, const char *where)
{
    const char *s = json_string(f, obj, key, false, where);
    return s && *s ? wk_strdup(s) : NULL;
}

/* "eras" and "polities": id -> string. */
static void load_names(const JsonFile *f, const char *key, char **names, const Atlas *atlas,
                       int (*find)(const Atlas *, const char *))
{
    const cJSON *names_obj = section(f, key), *item;
    cJSON_ArrayForEach(item, names_obj)
    {
        int i = find(atlas, item->string);
        if (i < 0) {
            unknown_id(f, key, item->string);
            continue;
        }
        if (!cJSON_IsString(item)) {
            json_error(f, key, item->string, "should be a string");
            continue;
        }
        free(names[i]);
        names[i] = text(f, names_obj, item->string, key);
    }
}

static int era_find(const Atlas *atlas, const char *id)
{
    for (int i = 0; id && i < atlas->neras; i++)
        if (!strcmp(atlas->eras[i].id, id))
            return i;
    return -1;
}

/* The index of the record an object member translates, or -1 when its id names nothing
 * (a warning) or it is not an object (an error). */
static int record_index(const JsonFile *f, const char *key, const cJSON *item, const Atlas *atlas,
                        int (*find)(const Atlas *, const char *), char *where, size_t size)
{
    snprintf(where, size, "%s.%.*s", key, WK_UTF8_QUOTE(item->string, 80));
    int i = find(atlas, item->string);
    if (i < 0)
        unknown_id(f, key, item->string);
    else if (!cJSON_IsObject(item))
        return json_error(f, key, item->string, "should be an object"), -1;
    return i;
}

static void load_events(const JsonFile *f, struct AtlasLanguage *l, const Atlas *atlas)
{
    const cJSON *item;
    cJSON_ArrayForEach(item, section(f, "events"))
    {
        char where[WHERE_SIZE];
        int i = record_index(f, "events", item, atlas, atlas_event_find, where, sizeof where);
        if (i < 0)
            continue;
        LangEvent *e = &l->events[i];
        free(e->title), free(e->summary), free(e->note);
        e->title = text(f, item, "title", where);
        e->summary = text(f, item, "summary", where);
        e->note = text(f, item, "note", where);
    }
}

static void load_overlays(const JsonFile *f, struct AtlasLanguage *l, const Atlas *atlas)
{
    const cJSON *item;
    cJSON_ArrayForEach(item, section(f, "overlays"))
    {
        char where[WHERE_SIZE];
        int i = record_index(f, "overlays", item, atlas, atlas_overlay_find, where, sizeof where);
        if (i < 0)
            continue;
        LangOverlay *o = &l->overlays[i];
        free(o->name), free(o->note);
        o->name = text(f, item, "name", where);
        o->note = text(f, item, "note", where);
    }
}

static void load_lessons(const JsonFile *f, struct AtlasLanguage *l)
{
    const cJSON *lessons = section(f, "lessons");
    int n = cJSON_GetArraySize(lessons);
    l->lessons = calloc((size_t)(n ? n : 1), sizeof *l->lessons);
    if (!l->lessons)
        return;
    const cJSON *item;
    cJSON_ArrayForEach(item, lessons)
    {
        char where[WHERE_SIZE];
        snprintf(where, sizeof where, "lessons.%.*s", WK_UTF8_QUOTE(item->string, 80));
        if (!cJSON_IsObject(item)) {
            json_error(f, "lessons", item->string, "should be an object");
            continue;
        }
        const cJSON *stops = json_array(f, item, "stops", false, where);
        int nstops = cJSON_GetArraySize(stops);
        if (nstops > LESSON_MAX_STOPS) {
            json_error(f, where, "stops", "has more than %d stops", LESSON_MAX_STOPS);
            nstops = LESSON_MAX_STOPS;
        }
        LangLesson *s = &l->lessons[l->nlessons];
        s->id = wk_strdup(item->string);
        s->title = text(f, item, "title", where);
        s->description = text(f, item, "description", where);
        s->captions = calloc((size_t)(nstops ? nstops : 1), sizeof *s->captions);
        s->notes = calloc((size_t)(nstops ? nstops : 1), sizeof *s->notes);
        if (!s->id || !s->captions || !s->notes) {
            free(s->id), free(s->title), free(s->description), free(s->captions), free(s->notes);
            memset(s, 0, sizeof *s);
            continue;
        }
        s->nstops = nstops;
        for (int k = 0; k < nstops; k++) {
            char stop_where[WHERE_SIZE + 32];
            snprintf(stop_where, sizeof stop_where, "%s.stops[%d]", where, k);
            const cJSON *stop = cJSON_GetArrayItem(stops, k);
            if (!cJSON_IsObject(stop)) {
                json_error(f, stop_where, "", "should be an object");
                continue;
            }
            s->captions[k] = text(f, stop, "caption", stop_where);
            s->notes[k] = text(f, stop, "note", stop_where);
        }
        l->nlessons++;
    }
}

/* Territory names a translation need not spell out. A feature named exactly as its polity
 * ("Tang China"), or as its polity with the kind of hold in brackets ("Qing China
 * (tributary)"), is named from the polity's translated name. The bracketed words are in this
 * table rather than in the gettext catalogue because every language is derived here at load,
 * while gettext speaks one language at a time. The words are the legend's (po/ msgids
 * "control", "tributary"...), so the map and the legend agree. */
typedef struct HoldWord {
    const char *english;
    const char *word[WK_LANG_COUNT];
} HoldWord;

static const HoldWord hold_words[] = {
    {"control", {"control", "控制", "فرمانروایی", "واک"}},
    {"protectorate", {"protectorate", "保护领地", "تحت‌الحمایه", "تر ساتنې لاندې"}},
    {"tributary", {"tributary", "朝贡", "خراج‌گزار", "باج ورکوونکی"}},
    {"claim", {"claim", "声索", "ادعا", "ادعا"}},
    {"occupation", {"occupation", "占领", "اشغال", "اشغال"}},
    {"contested", {"contested", "争议", "مورد منازعه", "شخړه ییز"}},
};

/* Brackets around the kind of hold: Chinese writes full-width ones, without a space. */
static const char *const bracket_open[WK_LANG_COUNT] = {" (", "（", " (", " ("};
static const char *const bracket_close[WK_LANG_COUNT] = {")", "）", ")", ")"};

/* The name of overlay i made from its polity's translated name, or NULL when the English name
 * is not the polity's name (with or without a known bracket). Owned by the caller. */
static char *derived_name(const struct AtlasLanguage *l, const Atlas *atlas, WkLang lang, int i)
{
    const AtlasOverlay *o = &atlas->overlays[i];
    if (o->polity < 0 || o->polity >= atlas->npolities || !l->polities[o->polity] || !o->name)
        return NULL;
    const char *english = atlas->polities[o->polity].name, *translated = l->polities[o->polity];
    size_t n = english ? strlen(english) : 0;
    if (!english || strncmp(o->name, english, n) != 0)
        return NULL;
    const char *rest = o->name + n;
    if (!*rest)
        return wk_strdup(translated);
    size_t k = strlen(rest);
    if (k < 4 || strncmp(rest, " (", 2) != 0 || rest[k - 1] != ')')
        return NULL;
    for (size_t w = 0; w < sizeof hold_words / sizeof *hold_words; w++) {
        const HoldWord *h = &hold_words[w];
        if (strlen(h->english) == k - 3 && strncmp(rest + 2, h->english, k - 3) == 0)
            return wk_strfmt("%s%s%s%s", translated, bracket_open[lang], h->word[lang],
                             bracket_close[lang]);
    }
    return NULL;
}

static void derive_overlay_names(struct AtlasLanguage *l, const Atlas *atlas, WkLang lang)
{
    for (int i = 0; i < atlas->noverlays; i++)
        if (!l->overlays[i].name)
            l->overlays[i].derived = derived_name(l, atlas, lang, i);
}

void atlas_load_language_file(Atlas *atlas, WkLang lang, const char *path, WkDiag *diag)
{
    if (lang <= WK_LANG_EN || lang >= WK_LANG_COUNT)
        return;
    JsonFile f;
    if (!json_file_open(&f, path, diag))
        return;
    if (!cJSON_IsObject(f.root)) {
        json_error(&f, "", "", "should be an object");
        json_file_close(&f);
        return;
    }
    const char *code = json_string(&f, f.root, "language", false, "");
    WkLang named;
    if (code && (!wk_lang_parse(code, &named) || named != lang))
        wk_diag_warn(diag, "%s: language: \"%.*s\" is not %s, the language of the file's name",
                     path, WK_UTF8_QUOTE(code, 20), wk_lang_code(lang));
    struct AtlasLanguage *l = calloc(1, sizeof *l);
    if (l) {
        l->events = calloc((size_t)atlas->nevents + 1, sizeof *l->events);
        l->eras = calloc((size_t)atlas->neras + 1, sizeof *l->eras);
        l->eras_short = calloc((size_t)atlas->neras + 1, sizeof *l->eras_short);
        l->polities = calloc((size_t)atlas->npolities + 1, sizeof *l->polities);
        l->overlays = calloc((size_t)atlas->noverlays + 1, sizeof *l->overlays);
    }
    if (!l || !l->events || !l->eras || !l->eras_short || !l->polities || !l->overlays) {
        language_free(l, atlas);
        wk_diag_error(diag, WK_ERR_NOMEM, "%s: out of memory", path);
        json_file_close(&f);
        return;
    }
    load_events(&f, l, atlas);
    load_names(&f, "eras", l->eras, atlas, era_find);
    load_names(&f, "eras_short", l->eras_short, atlas, era_find);
    load_names(&f, "polities", l->polities, atlas, atlas_polity_find);
    load_overlays(&f, l, atlas);
    derive_overlay_names(l, atlas, lang);
    load_lessons(&f, l);
    json_file_close(&f);
    language_free(atlas->languages[lang], atlas);
    atlas->languages[lang] = l;
}

void atlas_load_languages(Atlas *atlas, WkDiag *diag)
{
    for (int lang = WK_LANG_EN + 1; lang < WK_LANG_COUNT; lang++) {
        char *rel = wk_strfmt("lang/%s.json", wk_lang_code((WkLang)lang));
        char *path = rel ? wk_path_relative_to(atlas->manifest, rel) : NULL;
        /* Only whether it exists: opening a FIFO here would wait for a writer forever, and
         * the loader refuses anything that is not a regular file by name. */
        struct stat st;
        if (path && lstat(path, &st) == 0)
            atlas_load_language_file(atlas, (WkLang)lang, path, diag);
        free(rel);
        free(path);
    }
}

bool atlas_language_loaded(const Atlas *atlas, WkLang lang)
{
    return lang > WK_LANG_EN && lang < WK_LANG_COUNT && atlas->languages[lang];
}

static const struct AtlasLanguage *language(const Atlas *atlas, WkLang lang)
{
    return lang > WK_LANG_EN && lang < WK_LANG_COUNT ? atlas->languages[lang] : NULL;
}

/* Every accessor: the translation when there is one, else the English text. */
#define TRANSLATED(atlas, lang, index, count, field, english)                                      \
    do {                                                                                           \
        const struct AtlasLanguage *l_ = language(atlas, lang);                                    \
        if ((index) < 0 || (index) >= (count))                                                     \
            return "";                                                                             \
        return l_ && l_->field ? l_->field : (english);                                            \
    } while (0)

const char *atlas_event_title(const Atlas *atlas, int event, WkLang lang)
{
    TRANSLATED(atlas, lang, event, atlas->nevents, events[event].title, atlas->events[event].title);
}

const char *atlas_event_summary(const Atlas *atlas, int event, WkLang lang)
{
    TRANSLATED(atlas, lang, event, atlas->nevents, events[event].summary,
               atlas->events[event].summary);
}

const char *atlas_event_note(const Atlas *atlas, int event, WkLang lang)
{
    if (event < 0 || event >= atlas->nevents || !atlas->events[event].note)
        return NULL;
    TRANSLATED(atlas, lang, event, atlas->nevents, events[event].note, atlas->events[event].note);
}

const char *atlas_era_name(const Atlas *atlas, int era, WkLang lang)
{
    TRANSLATED(atlas, lang, era, atlas->neras, eras[era], atlas->eras[era].name);
}

const char *atlas_era_short_name(const Atlas *atlas, int era, WkLang lang)
{
    const struct AtlasLanguage *l = language(atlas, lang);
    if (era < 0 || era >= atlas->neras)
        return NULL;
    if (l && l->eras_short[era])
        return l->eras_short[era];
    /* A translated name without a short one: no English short beside it. */
    return l && l->eras[era] ? NULL : atlas->eras[era].short_name;
}

const char *atlas_polity_name(const Atlas *atlas, int polity, WkLang lang)
{
    TRANSLATED(atlas, lang, polity, atlas->npolities, polities[polity],
               atlas->polities[polity].name);
}

const char *atlas_overlay_name(const Atlas *atlas, int overlay, WkLang lang)
{
    const struct AtlasLanguage *l = language(atlas, lang);
    if (overlay < 0 || overlay >= atlas->noverlays)
        return "";
    const LangOverlay *t = l ? &l->overlays[overlay] : NULL;
    return t && t->name ? t->name : t && t->derived ? t->derived : atlas->overlays[overlay].name;
}

const char *atlas_overlay_note(const Atlas *atlas, int overlay, WkLang lang)
{
    if (overlay < 0 || overlay >= atlas->noverlays || !atlas->overlays[overlay].note)
        return NULL;
    TRANSLATED(atlas, lang, overlay, atlas->noverlays, overlays[overlay].note,
               atlas->overlays[overlay].note);
}

static const LangLesson *lesson_translation(const Atlas *atlas, const Lesson *lesson, WkLang lang)
{
    const struct AtlasLanguage *l = language(atlas, lang);
    if (!l || !lesson || !lesson->id)
        return NULL;
    /* A lesson written in this language needs no translation. */
    WkLang own;
    if (lesson->language && wk_lang_parse(lesson->language, &own) && own == lang)
        return NULL;
    /* Stops are translated by position: when the lesson has gained or lost stops since it was
     * translated (a teacher's edited copy keeps the id), the captions would land on the wrong
     * stops, so the lesson's own text is shown instead. */
    for (int i = 0; i < l->nlessons; i++)
        if (!strcmp(l->lessons[i].id, lesson->id))
            return l->lessons[i].nstops == lesson->nstops ? &l->lessons[i] : NULL;
    return NULL;
}

const char *atlas_lesson_title(const Atlas *atlas, const Lesson *lesson, WkLang lang)
{
    const LangLesson *t = lesson_translation(atlas, lesson, lang);
    return t && t->title ? t->title : lesson->title;
}

const char *atlas_lesson_description(const Atlas *atlas, const Lesson *lesson, WkLang lang)
{
    const LangLesson *t = lesson_translation(atlas, lesson, lang);
    return t && t->description ? t->description : lesson->description;
}

const char *atlas_lesson_caption(const Atlas *atlas, const Lesson *lesson, int stop, WkLang lang)
{
    if (stop < 0 || stop >= lesson->nstops)
        return NULL;
    const LangLesson *t = lesson_translation(atlas, lesson, lang);
    return t && stop < t->nstops && t->captions[stop] ? t->captions[stop]
                                                      : lesson->stops[stop].caption;
}

const char *atlas_lesson_note(const Atlas *atlas, const Lesson *lesson, int stop, WkLang lang)
{
    if (stop < 0 || stop >= lesson->nstops)
        return NULL;
    const LangLesson *t = lesson_translation(atlas, lesson, lang);
    return t && stop < t->nstops && t->notes[stop] ? t->notes[stop] : lesson->stops[stop].note;
}

static bool lesson_covered(const Atlas *atlas, const Lesson *lesson, WkLang lang)
{
    WkLang own;
    if (lesson->language && wk_lang_parse(lesson->language, &own) && own == lang)
        return true;
    const LangLesson *t = lesson_translation(atlas, lesson, lang);
    if (!t || !t->title)
        return false;
    for (int k = 0; k < lesson->nstops; k++)
        if (lesson->stops[k].caption && !t->captions[k])
            return false;
    return true;
}

void atlas_language_coverage(const Atlas *atlas, WkLang lang, const Lesson *const *lessons,
                             int nlessons, AtlasCoverage *out)
{
    memset(out, 0, sizeof *out);
    const struct AtlasLanguage *l = language(atlas, lang);
    bool all = lang == WK_LANG_EN;
    out->total[ATLAS_COVER_EVENTS] = atlas->nevents;
    out->total[ATLAS_COVER_ERAS] = atlas->neras;
    out->total[ATLAS_COVER_POLITIES] = atlas->npolities;
    out->total[ATLAS_COVER_OVERLAYS] = atlas->noverlays;
    out->total[ATLAS_COVER_OVERLAY_NAMES] = atlas->noverlays;
    out->total[ATLAS_COVER_LESSONS] = nlessons;
    for (int i = 0; i < atlas->nevents; i++)
        out->have[ATLAS_COVER_EVENTS] += all || (l && l->events[i].title && l->events[i].summary &&
                                                 (!atlas->events[i].note || l->events[i].note));
    for (int i = 0; i < atlas->neras; i++)
        out->have[ATLAS_COVER_ERAS] += all || (l && l->eras[i]);
    for (int i = 0; i < atlas->npolities; i++)
        out->have[ATLAS_COVER_POLITIES] += all || (l && l->polities[i]);
    for (int i = 0; i < atlas->noverlays; i++) {
        const LangOverlay *t = l ? &l->overlays[i] : NULL;
        bool named = all || (t && (t->name || t->derived));
        out->have[ATLAS_COVER_OVERLAYS] += named && (all || !atlas->overlays[i].note || t->note);
        out->have[ATLAS_COVER_OVERLAY_NAMES] += named;
        out->derived_names += !all && t && !t->name && t->derived;
    }
    for (int i = 0; i < nlessons; i++)
        out->have[ATLAS_COVER_LESSONS] += all || lesson_covered(atlas, lessons[i], lang);
}

const char *atlas_coverage_kind_name(AtlasCoverageKind kind)
{
    static const char *const names[ATLAS_COVER_COUNT] = {"events",   "eras",          "polities",
                                                         "overlays", "overlay names", "lessons"};
    return kind >= 0 && kind < ATLAS_COVER_COUNT ? names[kind] : "";
}
