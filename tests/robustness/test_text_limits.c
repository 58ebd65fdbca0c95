/*
 * Text limits count characters, not bytes: a Chinese or Dari text as long as the limit loads
 * in every kind of file (events, overlays, the manifest, translations, lessons), one character
 * more is refused with the file, the place and both counts. Chinese characters are three bytes
 * in UTF-8 and Dari letters two, so a limit that counted bytes fails the first half of each
 * case.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "atlas/atlas.h"
#include "atlas/language.h"
#include "atlas/lesson.h"
#include "fixture.h"

#define ZH "\xE7\x93\xA6" /* 瓦, three bytes */
#define FA "\xD9\x86"     /* ن, two bytes */

static int setup(void **state)
{
    return fixture_setup_atlas(state, "limits");
}

/* `count` copies of one character, owned by the caller. */
static char *repeat(const char *ch, int count)
{
    size_t n = strlen(ch);
    char *s = malloc(n * (size_t)count + 1);
    assert_non_null(s);
    for (int i = 0; i < count; i++)
        memcpy(s + n * (size_t)i, ch, n);
    s[n * (size_t)count] = '\0';
    return s;
}

/* An events.json whose one event (the one the fixture's protectorate names) has the given
 * title and summary. */
static void put_event(Fixture *f, const char *title, const char *summary)
{
    char *json = malloc(strlen(title) + strlen(summary) + 256);
    assert_non_null(json);
    sprintf(
        json,
        "{\"events\": [{\"id\": \"founding\", \"date\": \"0659\", \"title\": \"%s\", \"summary\": "
        "\"%s\", \"places\": [\"alpha\"], \"source\": \"S\"}]}",
        title, summary);
    fixture_put(f, "events.json", json);
    free(json);
}

static size_t errors(const Fixture *f)
{
    return wk_diag_count(&f->diag, WK_SEV_ERROR);
}

static void chinese_and_dari_event_text_at_the_limit_should_load(void **state)
{
    Fixture *f = *state;
    char *title = repeat(FA, ATLAS_TEXT_MAX), *summary = repeat(ZH, ATLAS_TEXT_MAX);
    put_event(f, title, summary);
    Atlas *a = fixture_load(f);
    assert_non_null(a);
    assert_int_equal(errors(f), 0);
    int e = atlas_event_find(a, "founding");
    assert_true(e >= 0);
    assert_string_equal(a->events[e].summary, summary); /* whole: 12,000 bytes */
    assert_string_equal(a->events[e].title, title);
    free(title), free(summary);
}

static void one_character_over_the_limit_should_be_named_with_both_counts(void **state)
{
    Fixture *f = *state;
    char *title = repeat(FA, ATLAS_TEXT_MAX + 1), *summary = repeat(ZH, ATLAS_TEXT_MAX + 1);
    put_event(f, title, summary);
    Atlas *a = fixture_load(f);
    assert_non_null(a);
    fixture_expect_message(&f->diag, "events.json: events[0].title: is longer than 4000 characters "
                                     "(it has 4001)");
    fixture_expect_message(&f->diag,
                           "events.json: events[0].summary: is longer than 4000 characters "
                           "(it has 4001)");
    assert_int_equal(atlas_event_find(a, "founding"), -1);
    free(title), free(summary);
}

static void manifest_title_and_overlay_name_should_count_characters(void **state)
{
    Fixture *f = *state;
    char *ok = repeat(ZH, ATLAS_TEXT_MAX), *over = repeat(FA, ATLAS_TEXT_MAX + 1);
    char *manifest = malloc(strlen(ok) + 512), *overlays = malloc(strlen(over) + 512);
    assert_non_null(manifest);
    assert_non_null(overlays);
    sprintf(manifest,
            "{\"title\": \"%s\", \"time\": {\"start\": \"-0250\", \"end\": \"2027\"}, "
            "\"overlays\": \"overlays.geojson\"}",
            ok);
    sprintf(overlays,
            "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", "
            "\"properties\": {\"id\": \"o\", \"kind\": \"site\", \"start\": \"0659\", \"end\": "
            "\"0700\", \"source\": \"S\", \"name\": \"%s\"}, \"geometry\": {\"type\": "
            "\"Point\", \"coordinates\": [70, 35]}}]}",
            over);
    fixture_put(f, "atlas.json", manifest);
    fixture_put(f, "overlays.geojson", overlays);
    Atlas *a = fixture_load(f);
    assert_non_null(a);
    assert_string_equal(a->title, ok);
    fixture_expect_message(&f->diag, "overlays.geojson: features[0].name: is longer than 4000 "
                                     "characters (it has 4001)");
    assert_int_equal(a->noverlays, 0);
    free(ok), free(over), free(manifest), free(overlays);
}

static void translation_at_the_limit_should_load_and_one_over_be_named(void **state)
{
    Fixture *f = *state;
    char *ok = repeat(ZH, ATLAS_TEXT_MAX), *over = repeat(ZH, ATLAS_TEXT_MAX + 1);
    char *json = malloc(strlen(ok) + strlen(over) + 256), dir[128];
    assert_non_null(json);
    sprintf(json,
            "{\"events\": {\"founding\": {\"title\": \"%s\"}, \"treaty\": {\"summary\": "
            "\"%s\"}}}",
            ok, over);
    snprintf(dir, sizeof dir, "%s/lang", f->dir);
    mkdir(dir, 0755);
    fixture_put(f, "lang/zh_CN.json", json);
    Atlas *a = fixture_load(f);
    assert_non_null(a);
    assert_string_equal(atlas_event_title(a, atlas_event_find(a, "founding"), WK_LANG_ZH), ok);
    fixture_expect_message(&f->diag, "zh_CN.json: events.treaty.summary: is longer than 4000 "
                                     "characters (it has 4001)");
    free(ok), free(over), free(json);
}

static void lesson_caption_at_the_limit_should_load_and_one_over_be_named(void **state)
{
    Fixture *f = *state;
    char *ok = repeat(FA, ATLAS_TEXT_MAX), *over = repeat(ZH, ATLAS_TEXT_MAX + 1);
    char *json = malloc(strlen(ok) + strlen(over) + 256), path[128];
    assert_non_null(json);
    sprintf(json,
            "{\"title\": \"L\", \"stops\": [{\"year\": \"0659\", \"caption\": \"%s\"}, "
            "{\"year\": \"0700\", \"caption\": \"%s\"}]}",
            ok, over);
    fixture_put(f, "lesson.json", json);
    snprintf(path, sizeof path, "%s/lesson.json", f->dir);
    Lesson *l = lesson_load(path, &f->diag);
    assert_non_null(l);
    assert_string_equal(l->stops[0].caption, ok);
    fixture_expect_message(&f->diag, "lesson.json: stops[1].caption: is longer than 4000 "
                                     "characters (it has 4001)");
    lesson_free(l);
    free(ok), free(over), free(json);
}

static void quoted_text_in_a_message_should_never_end_mid_character(void **state)
{
    Fixture *f = *state;
    /* An unknown Chinese place id, longer than the 40 characters a message quotes. */
    char *id = repeat(ZH, 60);
    char *json = malloc(2 * strlen(id) + 256);
    assert_non_null(json);
    sprintf(json,
            "{\"events\": [{\"id\": \"e\", \"date\": \"0659\", \"title\": \"t\", \"summary\": "
            "\"s\", \"places\": [\"%s\"], \"source\": \"S\", \"tags\": [\"%s\"]}]}",
            id, id);
    fixture_put(f, "events.json", json);
    assert_non_null(fixture_load(f));
    assert_true(f->diag.count >= 2);
    for (size_t i = 0; i < f->diag.count; i++)
        assert_true(wk_utf8_valid(f->diag.entries[i].text, strlen(f->diag.entries[i].text)));
    fixture_expect_message(&f->diag, "no place has the id");
    free(id), free(json);
}

static void member_name_of_any_length_should_be_quoted_short(void **state)
{
    Fixture *f = *state;
    /* Member names are not bounded by the text limit: a 10,000-character name given twice
     * must not make a 30,000-byte message. */
    char *key = repeat(ZH, 10000);
    char *json = malloc(2 * strlen(key) + 64), dir[128];
    assert_non_null(json);
    sprintf(json, "{\"events\": {\"%s\": {}, \"%s\": {}}}", key, key);
    snprintf(dir, sizeof dir, "%s/lang", f->dir);
    mkdir(dir, 0755);
    fixture_put(f, "lang/fa.json", json);
    assert_non_null(fixture_load(f));
    fixture_expect_message(&f->diag, "is given twice in one object");
    for (size_t i = 0; i < f->diag.count; i++) {
        assert_true(strlen(f->diag.entries[i].text) < 2000);
        assert_true(wk_utf8_valid(f->diag.entries[i].text, strlen(f->diag.entries[i].text)));
    }
    free(key), free(json);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, fixture_teardown)
    const struct CMUnitTest tests[] = {
        T(chinese_and_dari_event_text_at_the_limit_should_load),
        T(one_character_over_the_limit_should_be_named_with_both_counts),
        T(manifest_title_and_overlay_name_should_count_characters),
        T(translation_at_the_limit_should_load_and_one_over_be_named),
        T(lesson_caption_at_the_limit_should_load_and_one_over_be_named),
        T(quoted_text_in_a_message_should_never_end_mid_character),
        T(member_name_of_any_length_should_be_quoted_short),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
