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

/* An array taken out of the text before parsing (json_file_open_lifting): where it lies in
 * `text`, and whether a reader has taken it. */
typedef struct JsonLifted {
    size_t at, length;             /* in the file's text */
    size_t parse_at, parse_length; /* its stand-in in the text cJSON parses */
    bool taken;
} JsonLifted;

typedef struct JsonFile {
    const char *path;
    WkDiag *diag;
    cJSON *root;
    char *text; /* the file as read */
    JsonLifted *lifted;
    int nlifted;
} JsonFile;

/* Reads and parses a file whole; on failure reports "file: line L, column C: ..." and
 * returns false. */
bool json_file_open(JsonFile *file, const char *path, WkDiag *diag);
/* The same, but every array that is the value of a member named `key` is left out of the
 * parse: cJSON sees a number in its place, and json_lifted gives back its text. GeoJSON's
 * "coordinates" are most of an overlay file: a node and a malloc per number cost the start-up
 * more than everything else the atlas loads. */
bool json_file_open_lifting(JsonFile *file, const char *path, const char *key, WkDiag *diag);
/* The text of the array lifted out where `value` stands, from its "[" to its "]" (not
 * terminated there); NULL when `value` is not such a stand-in or its array was taken before. */
const char *json_lifted(JsonFile *file, const cJSON *value, size_t *length);
/* The character after the JSON string starting at `p` (a '"'); NULL when it does not end
 * before `end`. */
const char *json_skip_string(const char *p, const char *end);
/* The first character at or after `p` that is not JSON white space, or `end`. */
const char *json_skip_space(const char *p, const char *end);
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
