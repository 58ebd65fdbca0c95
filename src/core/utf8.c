/*
 * UTF-8 by character. A character starts at every byte that is not a continuation byte
 * (10xxxxxx), so counting and cutting need no decoding: a cut is safe wherever the next byte
 * is not a continuation byte.
 */
#include "utf8.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static bool continuation(char c)
{
    return ((unsigned char)c & 0xC0) == 0x80;
}

bool wk_utf8_valid(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    while (p < end) {
        unsigned c = *p;
        size_t n;
        unsigned min;
        if (c < 0x80) {
            /* Mostly ASCII (GeoJSON coordinates): eight bytes at a time while none has its high
             * bit set. */
            uint64_t word;
            while ((size_t)(end - p) >= sizeof word &&
                   (memcpy(&word, p, sizeof word), !(word & 0x8080808080808080ull)))
                p += sizeof word;
            if (p < end && *p < 0x80)
                p++;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            n = 1, min = 0x80, c &= 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            n = 2, min = 0x800, c &= 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            n = 3, min = 0x10000, c &= 0x07;
        } else {
            return false;
        }
        if ((size_t)(end - p) <= n)
            return false;
        for (size_t i = 1; i <= n; i++) {
            if ((p[i] & 0xC0) != 0x80)
                return false;
            c = (c << 6) | (p[i] & 0x3F);
        }
        if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
            return false;
        p += n + 1;
    }
    return true;
}

size_t wk_utf8_length(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += !continuation(*s);
    return n;
}

bool wk_utf8_longer_than(const char *s, size_t max)
{
    return s[wk_utf8_prefix(s, max)] != '\0';
}

size_t wk_utf8_prefix(const char *s, size_t chars)
{
    const char *p = s;
    /* A stray continuation byte at the start counts as a character of its own. */
    while (*p && chars > 0) {
        p++;
        while (continuation(*p))
            p++;
        chars--;
    }
    return (size_t)(p - s);
}

size_t wk_utf8_clip(const char *s, size_t bytes)
{
    size_t n = strnlen(s, bytes);
    if (n < bytes || !s[n])
        return n;
    /* s goes on past `bytes`: step back to the start of the character that would be cut. */
    while (n > 0 && continuation(s[n]))
        n--;
    return n;
}

size_t wk_utf8_complete(const char *s, size_t len)
{
    size_t p = len;
    while (p > 0 && len - p < 3 && continuation(s[p - 1]))
        p--;
    if (p == 0)
        return len; /* only continuation bytes: nothing to cut back to */
    unsigned char lead = (unsigned char)s[p - 1];
    size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    return len - (p - 1) < need ? p - 1 : len;
}

bool wk_utf8_format(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    if (n < 0) {
        buf[0] = '\0';
        return false;
    }
    if ((size_t)n < size)
        return true;
    buf[wk_utf8_complete(buf, size - 1)] = '\0';
    return false;
}

bool wk_utf8_copy(char *dst, size_t size, const char *src)
{
    size_t n = wk_utf8_clip(src, size - 1);
    memmove(dst, src, n);
    dst[n] = '\0';
    return !src[n];
}
