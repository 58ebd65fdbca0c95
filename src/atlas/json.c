/*
 * JSON reading with located messages. cJSON reports only the position where parsing stopped;
 * we turn that into a line and column so a teacher can find it in any editor.
 */
#include "json.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void line_col(const char *text, const char *at, int *line, int *col)
{
    *line = 1;
    *col = 1;
    for (const char *p = text; p < at && *p; p++) {
        if (*p == '\n') {
            (*line)++;
            *col = 1;
        } else {
            (*col)++;
        }
    }
}

bool json_file_open(JsonFile *file, const char *path, WkDiag *diag)
{
    size_t len = 0;
    memset(file, 0, sizeof *file);
    file->path = path;
    file->diag = diag;
    file->text = wk_file_read(path, &len, diag);
    if (!file->text)
        return false;
    if (!wk_utf8_valid(file->text, len)) {
        wk_diag_error(diag, WK_ERR_PARSE, "%s: not valid UTF-8 text", path);
        goto fail;
    }
    const char *end = NULL;
    file->root = cJSON_ParseWithLengthOpts(file->text, len, &end, false);
    if (!file->root) {
        int line, col;
        const char *at = end ? end : cJSON_GetErrorPtr();
        if (!at)
            at = file->text + len;
        line_col(file->text, at, &line, &col);
        /* cJSON stops at the start of the token it could not finish; when nothing but that
         * token follows, the file was cut short. */
        const char *last = file->text + len;
        while (last > file->text &&
               (last[-1] == ' ' || last[-1] == '\n' || last[-1] == '\r' || last[-1] == '\t'))
            last--;
        bool early = at >= last || !strpbrk(at, ",:{}[]") || at + 1 >= last;
        wk_diag_error(diag, WK_ERR_PARSE, "%s: line %d, column %d: not valid JSON%s", path, line,
                      col, early ? " (the file ends too early)" : "");
        goto fail;
    }
    return true;
fail:
    json_file_close(file);
    return false;
}

void json_file_close(JsonFile *file)
{
    cJSON_Delete(file->root);
    free(file->text);
    file->root = NULL;
    file->text = NULL;
}

WkStatus json_error(const JsonFile *f, const char *where, const char *key, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return wk_diag_error(f->diag, WK_ERR_INVALID, "%s: %s%s%s: %s", f->path, where ? where : "",
                         where && *where && key ? "." : "", key ? key : "", msg);
}

static const cJSON *member(const JsonFile *f, const cJSON *obj, const char *key, bool required,
                           const char *where)
{
    const cJSON *item = cJSON_IsObject(obj) ? cJSON_GetObjectItemCaseSensitive(obj, key) : NULL;
    if (!item && required)
        json_error(f, where, key, "missing");
    return item;
}

const char *json_string(const JsonFile *f, const cJSON *obj, const char *key, bool required,
                        const char *where)
{
    const cJSON *item = member(f, obj, key, required, where);
    if (!item)
        return NULL;
    if (!cJSON_IsString(item) || !item->valuestring) {
        json_error(f, where, key, "should be a string");
        return NULL;
    }
    if (strlen(item->valuestring) > ATLAS_JSON_MAX_TEXT) {
        json_error(f, where, key, "is longer than %d characters", ATLAS_JSON_MAX_TEXT);
        return NULL;
    }
    return item->valuestring;
}

char *json_string_dup(const JsonFile *f, const cJSON *obj, const char *key, bool required,
                      const char *where)
{
    const char *s = json_string(f, obj, key, required, where);
    return s ? wk_strdup(s) : NULL;
}

bool json_number(const JsonFile *f, const cJSON *obj, const char *key, bool required,
                 const char *where, double *out)
{
    const cJSON *item = member(f, obj, key, required, where);
    if (!item)
        return !required;
    if (!cJSON_IsNumber(item) || !isfinite(item->valuedouble)) {
        json_error(f, where, key, "should be a finite number");
        return false;
    }
    *out = item->valuedouble;
    return true;
}

bool json_span(const JsonFile *f, const cJSON *obj, const char *key, bool required,
               const char *where, WkSpan *out)
{
    const char *s = json_string(f, obj, key, required, where);
    if (!s)
        return false;
    if (!wk_span_parse(s, out)) {
        json_error(f, where, key,
                   "\"%.40s\" is not a date (write \"0659\", \"-0103\", "
                   "\"2016-09\", \"1955-01-20\" or \"0424/0428\")",
                   s);
        return false;
    }
    return true;
}

bool json_color(const JsonFile *f, const cJSON *obj, const char *key, bool required,
                const char *where, WkColor *out)
{
    const char *s = json_string(f, obj, key, required, where);
    if (!s)
        return false;
    if (!wk_color_parse(s, out)) {
        json_error(f, where, key, "\"%.20s\" is not a colour (write \"#rrggbb\")", s);
        return false;
    }
    return true;
}

const cJSON *json_array(const JsonFile *f, const cJSON *obj, const char *key, bool required,
                        const char *where)
{
    const cJSON *item = member(f, obj, key, required, where);
    if (item && !cJSON_IsArray(item)) {
        json_error(f, where, key, "should be an array");
        return NULL;
    }
    return item;
}
