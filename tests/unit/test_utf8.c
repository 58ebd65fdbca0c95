/*
 * core/utf8: counting by character and cutting between characters, in the three scripts the
 * atlas writes (Latin, Chinese, Arabic script for Dari and Pashto) and with four-byte
 * characters.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"

/* One, two, three and four bytes a character: "a", "ن", "瓦", U+1F30D. */
static const char *const mixed = "a\xD9\x86\xE7\x93\xA6\xF0\x9F\x8C\x8D"
                                 "b";

static void length_should_count_characters_not_bytes(void **state)
{
    (void)state;
    assert_int_equal(wk_utf8_length(""), 0);
    assert_int_equal(wk_utf8_length("Wakhan"), 6);
    assert_int_equal(wk_utf8_length("瓦罕走廊"), 4); /* 12 bytes */
    assert_int_equal(wk_utf8_length("واخان"), 5);    /* 10 bytes */
    assert_int_equal(wk_utf8_length(mixed), 5);      /* 11 bytes */
    assert_int_equal(strlen(mixed), 11);
}

static void longer_than_should_compare_characters(void **state)
{
    (void)state;
    assert_false(wk_utf8_longer_than("瓦罕走廊", 4));
    assert_true(wk_utf8_longer_than("瓦罕走廊", 3));
    assert_false(wk_utf8_longer_than("واخان", 5));
    assert_true(wk_utf8_longer_than("واخان", 4));
    assert_false(wk_utf8_longer_than("", 0));
    assert_true(wk_utf8_longer_than("a", 0));
}

static void prefix_should_end_after_whole_characters(void **state)
{
    (void)state;
    static const size_t bytes[] = {0, 1, 3, 6, 10, 11, 11};
    for (size_t chars = 0; chars < sizeof bytes / sizeof *bytes; chars++)
        assert_int_equal(wk_utf8_prefix(mixed, chars), bytes[chars]);
}

static void clip_should_never_cut_a_character_at_any_byte_limit(void **state)
{
    (void)state;
    /* For every limit: a start of the text, no longer than the limit, ending between two
     * characters, and the longest such. */
    static const size_t best[] = {0, 1, 1, 3, 3, 3, 6, 6, 6, 6, 10, 11, 11, 11};
    for (size_t limit = 0; limit < sizeof best / sizeof *best; limit++) {
        size_t n = wk_utf8_clip(mixed, limit);
        assert_true(n <= limit);
        assert_true(wk_utf8_valid(mixed, n));
        assert_int_equal(n, best[limit]);
    }
}

static void copy_should_fit_the_buffer_and_say_whether_all_fitted(void **state)
{
    (void)state;
    char buf[8];
    assert_false(wk_utf8_copy(buf, sizeof buf, "瓦罕走廊")); /* 12 bytes into 7 */
    assert_string_equal(buf, "瓦罕");
    assert_true(wk_utf8_copy(buf, sizeof buf, "واخ"));
    assert_string_equal(buf, "واخ");
    assert_false(wk_utf8_copy(buf, 3, "瓦"));
    assert_string_equal(buf, "");
    assert_true(wk_utf8_copy(buf, 1, ""));
}

static void format_should_end_after_the_last_whole_character(void **state)
{
    (void)state;
    char buf[8];
    /* "Note: 瓦罕" is 12 bytes: snprintf alone would keep "Note: " and one byte of 瓦. */
    assert_false(wk_utf8_format(buf, sizeof buf, "Note: %s", "瓦罕"));
    assert_string_equal(buf, "Note: ");
    assert_false(wk_utf8_format(buf, sizeof buf, "%s", "ab\xD9\x86\xD9\x86\xD9\x86"));
    assert_string_equal(buf, "ab\xD9\x86\xD9\x86"); /* 6 bytes: the third ن would be cut */
    assert_true(wk_utf8_format(buf, sizeof buf, "%s", "瓦罕"));
    assert_string_equal(buf, "瓦罕");
    for (size_t size = 1; size <= sizeof buf; size++) {
        wk_utf8_format(buf, size, "%s", mixed);
        assert_true(wk_utf8_valid(buf, strlen(buf)));
    }
}

static void complete_should_drop_only_a_cut_last_character(void **state)
{
    (void)state;
    assert_int_equal(wk_utf8_complete(mixed, 11), 11);
    assert_int_equal(wk_utf8_complete(mixed, 9), 6); /* the globe cut after three bytes */
    assert_int_equal(wk_utf8_complete(mixed, 5), 3); /* 瓦 cut after two */
    assert_int_equal(wk_utf8_complete(mixed, 6), 6);
    assert_int_equal(wk_utf8_complete("\x80\x80", 2), 2);
}

static void quote_should_cut_a_message_at_a_character(void **state)
{
    (void)state;
    char out[64];
    snprintf(out, sizeof out, "\"%.*s\"", WK_UTF8_QUOTE("瓦罕走廊", 3));
    assert_string_equal(out, "\"瓦罕走\"");
}

static void valid_should_refuse_cut_and_overlong_sequences(void **state)
{
    (void)state;
    assert_true(wk_utf8_valid(mixed, strlen(mixed)));
    assert_false(wk_utf8_valid(mixed, 2));              /* ن cut after its first byte */
    assert_false(wk_utf8_valid("\xC0\xAF", 2));         /* overlong '/' */
    assert_false(wk_utf8_valid("\xED\xA0\x80", 3));     /* a lone surrogate */
    assert_false(wk_utf8_valid("\xF4\x90\x80\x80", 4)); /* past U+10FFFF */
    /* Long ASCII runs are read eight bytes at a time: a bad byte is found at any offset, and a
     * good character after the run is read whole. */
    char run[40];
    for (size_t at = 0; at < 32; at++) {
        memset(run, '7', sizeof run);
        run[at] = '\xC0';
        assert_false(wk_utf8_valid(run, sizeof run));
        memcpy(run + at, "\xE7\x93\xA6", 3); /* 瓦 */
        assert_true(wk_utf8_valid(run, sizeof run));
        assert_false(wk_utf8_valid(run, at + 2)); /* cut inside it */
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(length_should_count_characters_not_bytes),
        cmocka_unit_test(longer_than_should_compare_characters),
        cmocka_unit_test(prefix_should_end_after_whole_characters),
        cmocka_unit_test(clip_should_never_cut_a_character_at_any_byte_limit),
        cmocka_unit_test(copy_should_fit_the_buffer_and_say_whether_all_fitted),
        cmocka_unit_test(format_should_end_after_the_last_whole_character),
        cmocka_unit_test(complete_should_drop_only_a_cut_last_character),
        cmocka_unit_test(quote_should_cut_a_message_at_a_character),
        cmocka_unit_test(valid_should_refuse_cut_and_overlong_sequences),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
