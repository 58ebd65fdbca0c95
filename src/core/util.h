/*
 * Small helpers every layer needs: reading a whole file, joining paths, copying strings,
 * parsing colours. None of them touches global state.
 */
#ifndef WK_UTIL_H
#define WK_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "utf8.h"

/* Largest file the loaders read whole; larger ones are refused with a message. */
#define WK_FILE_MAX ((size_t)256 << 20)

/* Reads the whole file into a NUL-terminated buffer, owned by the caller (free()).
 * On failure returns NULL and adds a message naming the file to `diag`. */
char *wk_file_read(const char *path, size_t *length, WkDiag *diag);

/* Joins `rel` to the directory of `base_file` unless `rel` is absolute. Owned by the caller. */
char *wk_path_relative_to(const char *base_file, const char *rel);

/* The folder part of a path: "." when it has none, "/" for a file in the root. Owned by the
 * caller. */
/* Makes room for `need` elements of `size` bytes in *array (capacity doubling from 16);
 * false, leaving the array as it was, when memory ran out. */
bool wk_grow(void **array, int *capacity, int need, size_t size);
char *wk_path_folder(const char *path);
/* The part of a path after its last slash (borrowed from `path`). */
const char *wk_path_base(const char *path);

/* Joins a directory and a file name. Owned by the caller. */
char *wk_path_join(const char *dir, const char *name);

/* A copy of s, or NULL for NULL or when out of memory; owned by the caller. */
char *wk_strdup(const char *s);

/* Formats into a new string owned by the caller. */
char *wk_strfmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *wk_strfmt_v(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* Parses the whole of `text` as a decimal integer from min to max: no trailing characters
 * ("2abc"), no overflow ("4294967298" is not 2), nothing empty. */
bool wk_parse_long(const char *text, long min, long max, long *out);

/* Parses the whole of `text` as exactly `n` finite numbers separated by `sep` ("69.2,34.5"
 * with ','; "1920x1080" with 'x'): NaN, infinities, empty parts and trailing characters are
 * refused. Ranges are the caller's. */
bool wk_parse_numbers(const char *text, char sep, double *out, int n);

/* An RGBA colour, 0..255 each. */
typedef struct WkColor {
    uint8_t r, g, b, a;
} WkColor;

/* Parses "#rrggbb" or "#rrggbbaa". */
bool wk_color_parse(const char *text, WkColor *out);

/* The value of the number from `p` to `q`, already checked to be in JSON's syntax: what strtod
 * gives, at a tenth of its cost for the short decimals of coordinates. */
double wk_decimal(const char *p, const char *q);

#endif
