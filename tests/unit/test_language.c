/* Translations of the content (lang/CODE.json), language codes and locale names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "atlas/language.h"
#include "fixture.h"

static int setup(void **state)
{
    return fixture_setup_atlas(state, "language-atlas");
}

static Atlas *load_with(Fixture *f, const char *code, const char *json)
{
    char dir[128], name[64];
    snprintf(dir, sizeof dir, "%s/lang", f->dir);
    mkdir(dir, 0755);
    snprintf(name, sizeof name, "lang/%s.json", code);
    fixture_put(f, name, json);
    return fixture_load(f);
}

static void translations_should_replace_english_and_fall_back(void **state)
{
    Fixture *f = *state;
    Atlas *a = load_with(f, "zh_CN",
                         "{\"language\": \"zh_CN\", \"name\": \"中文\",\n"
                         " \"events\": {\"founding\": {\"title\": \"都护府建立\"},\n"
                         "            \"treaty\": {\"title\": \"边界条约\", \"summary\": \"\"}},\n"
                         " \"eras\": {\"two\": \"第二时代\"},\n"
                         " \"polities\": {\"tang\": \"唐朝\"},\n"
                         " \"overlays\": {\"test-rail\": {\"name\": \"测试铁路\"}},\n"
                         " \"lessons\": {}, \"interface\": {}}\n");
    assert_non_null(a);
    assert_int_equal(wk_diag_count(&f->diag, WK_SEV_ERROR), 0);
    assert_true(atlas_language_loaded(a, WK_LANG_ZH));
    assert_false(atlas_language_loaded(a, WK_LANG_FA));
    int founding = atlas_event_find(a, "founding"), treaty = atlas_event_find(a, "treaty");
    assert_string_equal(atlas_event_title(a, founding, WK_LANG_ZH), "都护府建立");
    assert_string_equal(atlas_event_title(a, founding, WK_LANG_EN), "Protectorate founded");
    /* Not translated, or translated as "": English. */
    assert_string_equal(atlas_event_summary(a, founding, WK_LANG_ZH), "A test event.");
    assert_string_equal(atlas_event_summary(a, treaty, WK_LANG_ZH), "Another test event.");
    /* A language without a file: English throughout. */
    assert_string_equal(atlas_event_title(a, founding, WK_LANG_FA), "Protectorate founded");
    assert_string_equal(atlas_era_name(a, 1, WK_LANG_ZH), "第二时代");
    assert_string_equal(atlas_era_name(a, 0, WK_LANG_ZH), "Test era one");
    assert_string_equal(atlas_polity_name(a, atlas_polity_find(a, "tang"), WK_LANG_ZH), "唐朝");
    assert_string_equal(atlas_polity_name(a, atlas_polity_find(a, "local"), WK_LANG_ZH),
                        "Local rulers");
    assert_string_equal(atlas_overlay_name(a, atlas_overlay_find(a, "test-rail"), WK_LANG_ZH),
                        "测试铁路");
    assert_null(atlas_overlay_note(a, atlas_overlay_find(a, "test-rail"), WK_LANG_ZH));
    /* Out of range never reads outside the arrays. */
    assert_string_equal(atlas_event_title(a, -1, WK_LANG_ZH), "");
    assert_string_equal(atlas_era_name(a, a->neras, WK_LANG_ZH), "");

    AtlasCoverage c;
    atlas_language_coverage(a, WK_LANG_ZH, NULL, 0, &c);
    assert_int_equal(c.total[ATLAS_COVER_EVENTS], 3);
    assert_int_equal(c.have[ATLAS_COVER_EVENTS], 0); /* no event has a summary translated */
    assert_int_equal(c.have[ATLAS_COVER_ERAS], 1);
    assert_int_equal(c.have[ATLAS_COVER_POLITIES], 1);
    assert_int_equal(c.have[ATLAS_COVER_OVERLAYS], 1);
    assert_int_equal(c.total[ATLAS_COVER_OVERLAYS], 4);
    atlas_language_coverage(a, WK_LANG_EN, NULL, 0, &c);
    assert_int_equal(c.have[ATLAS_COVER_EVENTS], 3);
}

static void unknown_ids_should_warn_and_bad_types_should_be_named(void **state)
{
    Fixture *f = *state;
    Atlas *a = load_with(f, "fa",
                         "{\"language\": \"ps\",\n"
                         " \"events\": {\"no-such-event\": {\"title\": \"x\"},\n"
                         "            \"war\": \"not an object\",\n"
                         "            \"founding\": {\"title\": 7, \"summary\": \"خلاصه\"}},\n"
                         " \"eras\": {\"one\": 12, \"two\": \"دوره\"},\n"
                         " \"polities\": [\"wrong\"]}\n");
    assert_non_null(a);
    fixture_expect_message(&f->diag, "lang/fa.json: events: no event has the id \"no-such-event\"");
    fixture_expect_message(&f->diag, "lang/fa.json: events.war: should be an object");
    fixture_expect_message(&f->diag, "events.founding.title");
    fixture_expect_message(&f->diag, "eras.one: should be a string");
    fixture_expect_message(&f->diag, "polities: should be an object");
    fixture_expect_message(&f->diag, "language: \"ps\" is not fa");
    /* What is valid still loads. */
    int founding = atlas_event_find(a, "founding");
    assert_string_equal(atlas_event_summary(a, founding, WK_LANG_FA), "خلاصه");
    assert_string_equal(atlas_event_title(a, founding, WK_LANG_FA), "Protectorate founded");
    assert_string_equal(atlas_era_name(a, 1, WK_LANG_FA), "دوره");
}

static void broken_json_should_leave_english(void **state)
{
    Fixture *f = *state;
    Atlas *a = load_with(f, "ps", "{\"events\": {\"founding\": {\"title\": \"x\"}");
    assert_non_null(a);
    fixture_expect_message(&f->diag, "lang/ps.json: line");
    assert_false(atlas_language_loaded(a, WK_LANG_PS));
    assert_string_equal(atlas_event_title(a, atlas_event_find(a, "founding"), WK_LANG_PS),
                        "Protectorate founded");
}

static void lesson_translations_should_follow_ids_and_the_lessons_language(void **state)
{
    Fixture *f = *state;
    Atlas *a = load_with(
        f, "zh_CN",
        "{\"lessons\": {\"tour\": {\"title\": \"游览\", \"description\": \"两站\", \"stops\": [\n"
        "  {\"caption\": \"第一站\"}, {\"note\": \"只给老师\"}]}}}\n");
    assert_non_null(a);
    LessonStop stops[2] = {{.caption = "First stop"}, {.caption = "Second", .note = "Teacher"}};
    Lesson l = {.id = "tour", .title = "Tour", .language = "en", .stops = stops, .nstops = 2};
    assert_string_equal(atlas_lesson_title(a, &l, WK_LANG_ZH), "游览");
    assert_string_equal(atlas_lesson_description(a, &l, WK_LANG_ZH), "两站");
    assert_null(atlas_lesson_description(a, &l, WK_LANG_FA)); /* none in English either */
    assert_string_equal(atlas_lesson_caption(a, &l, 0, WK_LANG_ZH), "第一站");
    assert_string_equal(atlas_lesson_caption(a, &l, 1, WK_LANG_ZH), "Second");
    assert_string_equal(atlas_lesson_note(a, &l, 1, WK_LANG_ZH), "只给老师");
    assert_null(atlas_lesson_caption(a, &l, 2, WK_LANG_ZH));
    const Lesson *list[1] = {&l};
    AtlasCoverage c;
    atlas_language_coverage(a, WK_LANG_ZH, list, 1, &c);
    assert_int_equal(c.have[ATLAS_COVER_LESSONS], 0); /* stop 2's caption is missing */
    l.language = "zh_CN";                             /* written in Chinese: nothing to translate */
    atlas_language_coverage(a, WK_LANG_ZH, list, 1, &c);
    assert_int_equal(c.have[ATLAS_COVER_LESSONS], 1);
    assert_string_equal(atlas_lesson_title(a, &l, WK_LANG_ZH), "Tour");

    /* A copy with a stop more than the translation (an edited lesson keeps its id): the
     * translated captions would fall on the wrong stops, so the lesson's own text shows. */
    LessonStop three[3] = {
        {.caption = "New first stop"}, {.caption = "First stop"}, {.caption = "Second"}};
    Lesson edited = {.id = "tour", .title = "Tour", .language = "en", .stops = three, .nstops = 3};
    assert_string_equal(atlas_lesson_caption(a, &edited, 0, WK_LANG_ZH), "New first stop");
    assert_string_equal(atlas_lesson_caption(a, &edited, 1, WK_LANG_ZH), "First stop");
    const Lesson *edited_list[1] = {&edited};
    atlas_language_coverage(a, WK_LANG_ZH, edited_list, 1, &c);
    assert_int_equal(c.have[ATLAS_COVER_LESSONS], 0);
}

static void codes_and_locales_should_parse(void **state)
{
    (void)state;
    WkLang l = WK_LANG_COUNT;
    assert_true(wk_lang_parse("zh_CN.UTF-8", &l) && l == WK_LANG_ZH);
    assert_true(wk_lang_parse("zh-TW", &l) && l == WK_LANG_ZH);
    assert_true(wk_lang_parse("fa_AF.utf8", &l) && l == WK_LANG_FA);
    assert_true(wk_lang_parse("prs", &l) && l == WK_LANG_FA);
    assert_true(wk_lang_parse("ps", &l) && l == WK_LANG_PS);
    assert_true(wk_lang_parse("PS_AF", &l) && l == WK_LANG_PS);
    assert_true(wk_lang_parse("en_GB.UTF-8", &l) && l == WK_LANG_EN);
    l = WK_LANG_FA;
    assert_false(wk_lang_parse("C", &l));
    assert_false(wk_lang_parse("POSIX", &l));
    assert_false(wk_lang_parse("de_DE", &l));
    assert_false(wk_lang_parse("", &l));
    assert_false(wk_lang_parse(NULL, &l));
    assert_int_equal(l, WK_LANG_FA);
    assert_string_equal(wk_lang_code(WK_LANG_ZH), "zh_CN");
    assert_true(wk_lang_rtl(WK_LANG_PS) && wk_lang_rtl(WK_LANG_FA));
    assert_false(wk_lang_rtl(WK_LANG_ZH) || wk_lang_rtl(WK_LANG_EN));
}

static void environment_should_follow_gettexts_order(void **state)
{
    (void)state;
    unsetenv("LC_ALL"), unsetenv("LC_MESSAGES");
    setenv("LANG", "fa_AF.UTF-8", 1);
    unsetenv("LANGUAGE");
    assert_int_equal(wk_lang_from_env(), WK_LANG_FA);
    setenv("LANGUAGE", "de:ps:zh", 1); /* the first entry the atlas has */
    assert_int_equal(wk_lang_from_env(), WK_LANG_PS);
    setenv("LC_ALL", "zh_CN.UTF-8", 1);
    assert_int_equal(wk_lang_from_env(), WK_LANG_PS); /* LANGUAGE still comes first */
    unsetenv("LANGUAGE");
    assert_int_equal(wk_lang_from_env(), WK_LANG_ZH);
    setenv("LC_ALL", "C", 1);
    setenv("LANGUAGE", "fa", 1); /* ignored in the C locale, as gettext does */
    assert_int_equal(wk_lang_from_env(), WK_LANG_EN);
    unsetenv("LC_ALL"), unsetenv("LANGUAGE"), unsetenv("LANG");
    assert_int_equal(wk_lang_from_env(), WK_LANG_EN);
}

/* Writes the test atlas's overlays as square territories, each {id, polity, English name}. */
static void put_territories(Fixture *f, const char *const (*features)[3], int n)
{
    char json[4096];
    int len = snprintf(json, sizeof json, "{\"type\": \"FeatureCollection\", \"features\": [\n");
    for (int i = 0; i < n && len > 0 && len < (int)sizeof json; i++)
        len += snprintf(
            json + len, sizeof json - (size_t)len,
            "%s{\"type\": \"Feature\", \"properties\": {\"id\": \"%s\", \"kind\": "
            "\"control\", \"polity\": \"%s\", \"name\": \"%s\", \"start\": \"0600\", "
            "\"end\": \"0700\", \"source\": \"Test\"}, \"geometry\": {\"type\": "
            "\"Polygon\", \"coordinates\": [[[69,34],[70,34],[70,35],[69,35],[69,34]]]}}\n",
            i ? "," : "", features[i][0], features[i][1], features[i][2]);
    assert_true(len > 0 && len + 3 < (int)sizeof json);
    snprintf(json + len, sizeof json - (size_t)len, "]}\n");
    fixture_put(f, "overlays.geojson", json);
}

static void territories_named_as_their_polity_should_take_its_translated_name(void **state)
{
    Fixture *f = *state;
    static const char *const features[][3] = {
        {"same", "tang", "Tang"},
        {"tributary", "tang", "Tang (tributary)"},
        {"other-bracket", "tang", "Tang (Janids)"},
        {"longer", "tang", "Tang heartland"},
        {"own", "tang", "Tang"},
        {"untranslated-polity", "local", "Local rulers (claim)"},
    };
    put_territories(f, features, (int)(sizeof features / sizeof *features));
    const char *lang = "{\"polities\": {\"tang\": \"%s\"},\n"
                       " \"overlays\": {\"own\": {\"name\": \"%s\"}}}\n";
    char json[256];
    snprintf(json, sizeof json, lang, "唐朝", "唐朝本土");
    Atlas *a = load_with(f, "zh_CN", json);
    assert_non_null(a);
    snprintf(json, sizeof json, lang, "چین تانگ", "سرزمین تانگ");
    char path[160];
    snprintf(path, sizeof path, "%s/lang/fa.json", f->dir);
    assert_true(fixture_write_text(path, json));
    atlas_load_language_file(a, WK_LANG_FA, path, &f->diag);
    assert_int_equal(wk_diag_count(&f->diag, WK_SEV_ERROR), 0);
#define NAME(id, lang) atlas_overlay_name(a, atlas_overlay_find(a, id), lang)
    assert_string_equal(NAME("same", WK_LANG_ZH), "唐朝");
    assert_string_equal(NAME("tributary", WK_LANG_ZH), "唐朝（朝贡）");
    assert_string_equal(NAME("tributary", WK_LANG_FA), "چین تانگ (خراج‌گزار)");
    assert_string_equal(NAME("tributary", WK_LANG_EN), "Tang (tributary)");
    /* A bracket the table does not know, or a longer name: not guessed. */
    assert_string_equal(NAME("other-bracket", WK_LANG_ZH), "Tang (Janids)");
    assert_string_equal(NAME("longer", WK_LANG_ZH), "Tang heartland");
    /* The file's own translation wins; a polity without one gives nothing to derive from. */
    assert_string_equal(NAME("own", WK_LANG_ZH), "唐朝本土");
    assert_string_equal(NAME("untranslated-polity", WK_LANG_ZH), "Local rulers (claim)");
    assert_string_equal(NAME("same", WK_LANG_PS), "Tang"); /* no Pashto file */
#undef NAME
    AtlasCoverage c;
    atlas_language_coverage(a, WK_LANG_ZH, NULL, 0, &c);
    assert_int_equal(c.total[ATLAS_COVER_OVERLAY_NAMES], 6);
    assert_int_equal(c.have[ATLAS_COVER_OVERLAY_NAMES], 3); /* same, tributary, own */
    assert_int_equal(c.derived_names, 2);
    assert_int_equal(c.have[ATLAS_COVER_OVERLAYS], 3); /* none has a note to translate */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(translations_should_replace_english_and_fall_back, setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(unknown_ids_should_warn_and_bad_types_should_be_named,
                                        setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(broken_json_should_leave_english, setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(
            lesson_translations_should_follow_ids_and_the_lessons_language, setup,
            fixture_teardown),
        cmocka_unit_test_setup_teardown(
            territories_named_as_their_polity_should_take_its_translated_name, setup,
            fixture_teardown),
        cmocka_unit_test(codes_and_locales_should_parse),
        cmocka_unit_test(environment_should_follow_gettexts_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
