/*
 * The atlas in other languages. The data files are written in English; a translation of their
 * content lives beside them in lang/CODE.json (zh_CN.json, fa.json, ps.json), and everything
 * a translation leaves out falls back to the English text. These accessors are what the map,
 * the panel, the exporter and `wakhan query` read text through, so a language switch is one
 * argument.
 */
#ifndef WK_ATLAS_LANGUAGE_H
#define WK_ATLAS_LANGUAGE_H

#include "atlas.h"
#include "core/lang.h"
#include "lesson.h"

/* Loads lang/CODE.json beside the manifest for every language but English. A missing file is
 * no problem (everything falls back); a broken one is reported in diag with the file and the
 * place, and what is valid in it still loads. Ids that name nothing in the atlas are warnings.
 * Called once by atlas_load, after events, eras, polities and overlays are in place. */
void atlas_load_languages(Atlas *atlas, WkDiag *diag);
void atlas_free_languages(Atlas *atlas);

/* Loads one translation file for `lang` (replacing any loaded before). For tests and for a
 * teacher's own file; atlas_load_languages calls it for the bundled ones. */
void atlas_load_language_file(Atlas *atlas, WkLang lang, const char *path, WkDiag *diag);

/* Text in a language, falling back to English. Never NULL, except the notes: NULL when there
 * is none in English either. Indices as in Atlas. */
const char *atlas_event_title(const Atlas *atlas, int event, WkLang lang);
const char *atlas_event_summary(const Atlas *atlas, int event, WkLang lang);
const char *atlas_event_note(const Atlas *atlas, int event, WkLang lang);
const char *atlas_era_name(const Atlas *atlas, int era, WkLang lang);
/* The era's short name for the slider ("Sui–Tang"), in `lang` when translated; NULL when the
 * atlas gives none in that language (the caller then shortens the name itself). Borrowed. */
const char *atlas_era_short_name(const Atlas *atlas, int era, WkLang lang);
const char *atlas_polity_name(const Atlas *atlas, int polity, WkLang lang);
const char *atlas_overlay_name(const Atlas *atlas, int overlay, WkLang lang);
const char *atlas_overlay_note(const Atlas *atlas, int overlay, WkLang lang);

/* A lesson's title and a stop's caption and note in a language. The fallback is the lesson's
 * own text, in whatever language it was written. Matched by the lesson's id. */
const char *atlas_lesson_title(const Atlas *atlas, const Lesson *lesson, WkLang lang);
const char *atlas_lesson_description(const Atlas *atlas, const Lesson *lesson, WkLang lang);
const char *atlas_lesson_caption(const Atlas *atlas, const Lesson *lesson, int stop, WkLang lang);
const char *atlas_lesson_note(const Atlas *atlas, const Lesson *lesson, int stop, WkLang lang);

/* Whether a language has a translation file loaded, and its name for itself from that file. */
bool atlas_language_loaded(const Atlas *atlas, WkLang lang);

/* How much of the atlas a language covers. An event counts when its title and summary are
 * translated (and its note, when it has one); an overlay when its name is (and its note); a
 * lesson when its title and every caption are. Overlay names count apart as well, since the
 * map shows names and not notes; a name made from the polity's translated name (a territory
 * named as its polity, perhaps with "(tributary)" and the like) counts as translated, and
 * `derived_names` says how many of them were made so. */
typedef enum AtlasCoverageKind {
    ATLAS_COVER_EVENTS,
    ATLAS_COVER_ERAS,
    ATLAS_COVER_POLITIES,
    ATLAS_COVER_OVERLAYS,
    ATLAS_COVER_OVERLAY_NAMES,
    ATLAS_COVER_LESSONS,
    ATLAS_COVER_COUNT
} AtlasCoverageKind;

typedef struct AtlasCoverage {
    int have[ATLAS_COVER_COUNT], total[ATLAS_COVER_COUNT];
    int derived_names; /* of have[ATLAS_COVER_OVERLAY_NAMES] */
} AtlasCoverage;

void atlas_language_coverage(const Atlas *atlas, WkLang lang, const Lesson *const *lessons,
                             int nlessons, AtlasCoverage *out);
const char *atlas_coverage_kind_name(AtlasCoverageKind kind);

#endif
