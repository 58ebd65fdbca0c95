/*
 * Private to the atlas loaders: reading cJSON values with messages that name the file and the
 * path inside it ("data/events.json: events[12].date: ..."). Only loaders include cJSON.h.
 */
#ifndef WK_ATLAS_JSON_H
#define WK_ATLAS_JSON_H

#include <cJSON.h>
#include <stdbool.h>

#include "core/date.h"
#include "core/diag.h"
#include "core/util.h"
#include "atlas.h"

/* Deepest nesting a loader accepts; cJSON's own limit guards the parser, this one the reader. */
#define ATLAS_JSON_MAX_DEPTH 64

typedef struct JsonFile {
    const char *path;
    WkDiag *diag;
    cJSON *root;
    char *text;
} JsonFile;

/* Reads and parses a file whole; on failure reports "file: line L, column C: ..." and
 * returns false. */
bool json_file_open(JsonFile *file, const char *path, WkDiag *diag);
void json_file_close(JsonFile *file);

/* A string member. Missing: NULL, with an error when `required`. Wrong type, invalid UTF-8 or
 * longer than ATLAS_TEXT_MAX characters: NULL and an error. `where` is the path of obj, e.g.
 * "events[3]".
 */
const char *json_string(const JsonFile *f, const cJSON *obj, const char *key, bool required,
                        const char *where);
/* A copy of a string member, owned by the caller; NULL as for json_string. */
char *json_string_dup(const JsonFile *f, const cJSON *obj, const char *key, bool required,
                      const char *where);
/* A finite number; false with an error when present but not a finite number, or missing and
 * `required`. `*out` is left unchanged when missing. */
bool json_number(const JsonFile *f, const cJSON *obj, const char *key, bool required,
                 const char *where, double *out);
/* A date or interval member ("0659", "0424/0428"); false with an error when malformed. */
bool json_span(const JsonFile *f, const cJSON *obj, const char *key, bool required,
               const char *where, WkSpan *out);
/* A colour member "#rrggbb[aa]". */
bool json_color(const JsonFile *f, const cJSON *obj, const char *key, bool required,
                const char *where, WkColor *out);
/* An array member; NULL (with an error when required) when missing or not an array. */
const cJSON *json_array(const JsonFile *f, const cJSON *obj, const char *key, bool required,
                        const char *where);

/* Adds an error "file: where.key: message". Returns WK_ERR_INVALID. */
WkStatus json_error(const JsonFile *f, const char *where, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif
