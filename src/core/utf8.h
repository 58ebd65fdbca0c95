/*
 * UTF-8 text measured and cut by character. Every limit a teacher meets ("4000 characters")
 * counts code points, so a Chinese or Dari text holds as many characters as an English one,
 * and every place that shortens text cuts between two characters, never inside one.
 *
 * The functions take NUL-terminated strings that are valid UTF-8 (the loaders check this with
 * wk_utf8_valid); on invalid input they still stay inside the string and never step past its
 * end, treating each stray byte as one character.
 */
#ifndef WK_UTF8_H
#define WK_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* True when s[0..len) is valid UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF). */
bool wk_utf8_valid(const char *s, size_t len);

/* The number of characters (code points) in s. */
size_t wk_utf8_length(const char *s);

/* True when s has more than `max` characters; reads no further than it must, so a 100 MB
 * string costs no more than a short one. */
bool wk_utf8_longer_than(const char *s, size_t max);

/* The length in bytes of s's first `chars` characters (all of s when it is shorter). */
size_t wk_utf8_prefix(const char *s, size_t chars);

/* The length in bytes of the longest start of s that is at most `bytes` long and ends between
 * two characters. */
size_t wk_utf8_clip(const char *s, size_t bytes);

/* Copies as much of src into dst (of `size` bytes, at least 1) as fits, cut between two
 * characters, and NUL-terminates it. Returns true when all of src fitted. */
bool wk_utf8_copy(char *dst, size_t size, const char *src);

/* The length of s[0..len) without a last character that was cut short (a lead byte whose
 * continuation bytes are missing at the end). */
size_t wk_utf8_complete(const char *s, size_t len);

/* snprintf into buf (of `size` bytes, at least 1) that never leaves half a character: when the
 * text does not fit, it ends after the last whole character that does. Returns true when all
 * of it fitted. */
bool wk_utf8_format(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* For quoting a user's text in a message, cut to `chars` characters: printf("\"%.*s\"",
 * WK_UTF8_QUOTE(id, 40)). */
#define WK_UTF8_QUOTE(s, chars) (int)wk_utf8_prefix((s), (chars)), (s)

#endif
