/*
 * JSON reading with located messages. cJSON reports only the position where parsing stopped;
 * we turn that into a line and column so a teacher can find it in any editor.
 */
#include "json.h"
#include "atlas_internal.h"

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

/* The path from the root to a value, one link per level, kept on the stack while walking. */
typedef struct JsonPath {
    const struct JsonPath *up;
    const char *key; /* the member's name, or NULL for an array element */
    int index;       /* the element's index, or the member's position in its object */
} JsonPath;

static size_t path_put(char *buf, size_t size, size_t n, const char *piece)
{
    size_t k = wk_utf8_clip(piece, size - 1 - n);
    memcpy(buf + n, piece, k);
    buf[n + k] = '\0';
    return n + k;
}

/* "events[3].places", cut (between characters) to fit buf. */
static size_t path_write(const JsonPath *p, char *buf, size_t size)
{
    if (!p)
        return buf[0] = '\0', 0;
    size_t n = path_write(p->up, buf, size);
    char index[24];
    if (p->key && n)
        n = path_put(buf, size, n, ".");
    if (!p->key)
        snprintf(index, sizeof index, "[%d]", p->index);
    return path_put(buf, size, n, p->key ? p->key : index);
}

typedef struct Member {
    cJSON *item;
    int position;
} Member;

static int by_key_then_position(const void *a, const void *b)
{
    const Member *x = a, *y = b;
    int c = strcmp(x->item->string, y->item->string);
    return c ? c : x->position - y->position;
}

/* Names a member given again in the same object and takes it out of the tree, so that every
 * loader, whether it looks members up or walks them, sees only the first. */
static void drop_repeated(const JsonFile *f, cJSON *obj, const JsonPath *at, const Member *first,
                          const Member *again)
{
    char where[512];
    path_write(at, where, sizeof where);
    json_error(f, where, again->item->string,
               "is given twice in one object (members %d and %d, counting from 0); the first "
               "is used",
               first->position, again->position);
    cJSON_Delete(cJSON_DetachItemViaPointer(obj, again->item));
}

/* Objects this small are checked pair by pair; larger ones are sorted. */
#define SMALL_OBJECT 8

static void check_keys(const JsonFile *f, cJSON *obj, const JsonPath *at)
{
    int n = cJSON_GetArraySize(obj), k = 0;
    if (n < 2)
        return;
    Member small[SMALL_OBJECT];
    Member *m = n <= SMALL_OBJECT ? small : malloc(sizeof *m * (size_t)n);
    if (!m)
        return;
    for (cJSON *c = obj->child; c && k < n; c = c->next, k++)
        m[k] = (Member){c, k};
    if (n <= SMALL_OBJECT) {
        for (int j = 1; j < n; j++)
            for (int i = 0; i < j; i++)
                if (m[i].item && m[j].item && !strcmp(m[i].item->string, m[j].item->string)) {
                    drop_repeated(f, obj, at, &m[i], &m[j]);
                    m[j].item = NULL;
                }
    } else {
        qsort(m, (size_t)n, sizeof *m, by_key_then_position);
        for (int i = 0, j = 1; j < n; j++) {
            if (strcmp(m[i].item->string, m[j].item->string))
                i = j;
            else
                drop_repeated(f, obj, at, &m[i], &m[j]);
        }
    }
    if (m != small)
        free(m);
}

/* Walks the whole tree once, checking every object's keys. Depth is bounded by cJSON's
 * nesting limit, which the parser has already enforced. */
static void check_tree(const JsonFile *f, cJSON *item, const JsonPath *at)
{
    if (cJSON_IsObject(item))
        check_keys(f, item, at);
    if (!cJSON_IsObject(item) && !cJSON_IsArray(item))
        return;
    int i = 0;
    for (cJSON *c = item->child; c; c = c->next, i++) {
        JsonPath here = {at, cJSON_IsObject(item) ? c->string : NULL, i};
        check_tree(f, c, &here);
    }
}

const char *json_skip_string(const char *p, const char *end)
{
    for (p++; p < end; p++) {
        if (*p == '\\')
            p++;
        else if (*p == '"')
            return p + 1;
    }
    return NULL;
}

/* Returns the character after the array starting at `p` (a '['), or NULL when it does not
 * close (cJSON then reports the file's syntax). */
static const char *skip_array(const char *p, const char *end)
{
    /* The characters that matter inside an array, looked up rather than compared three times
     * per byte: coordinates are megabytes of digits. */
    static const bool special[256] = {['"'] = true, ['['] = true, [']'] = true};
    int depth = 0;
    while (p < end) {
        while (p < end && !special[(unsigned char)*p])
            p++;
        if (p == end)
            break;
        if (*p == '"') {
            if (!(p = json_skip_string(p, end)))
                return NULL;
            continue;
        }
        if (*p == '[')
            depth++;
        else if (--depth == 0)
            return p + 1;
        p++;
    }
    return NULL;
}

const char *json_skip_space(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
        p++;
    return p;
}

/* Writes into `parse` the text with a stand-in number for each array under `key` (its index,
 * followed by the line breaks it held, so that cJSON's error lines stay right) and sets
 * *parse_len. The arrays are left out rather than blanked: megabytes of spaces were a third of
 * cJSON's parse. An array too short to hold its index stays (a reader refuses it). */
static bool lift(JsonFile *file, char *parse, size_t len, const char *key, size_t *parse_len)
{
    const char *text = file->text, *end = text + len, *copied = text;
    size_t klen = strlen(key), out = 0;
    int cap = 0;
    for (const char *p = text; p < end;) {
        if (!(p = memchr(p, '"', (size_t)(end - p))))
            break;
        const char *q = json_skip_string(p, end);
        if (!q)
            break;
        bool named = (size_t)(q - p) == klen + 2 && !memcmp(p + 1, key, klen);
        p = q;
        if (!named || *(q = json_skip_space(q, end)) != ':' ||
            *(q = json_skip_space(q + 1, end)) != '[')
            continue;
        const char *e = skip_array(q, end);
        if (!e)
            break;
        char mark[16];
        int n = snprintf(mark, sizeof mark, "%d", file->nlifted);
        if (e - q >= n) {
            if (!wk_grow((void **)&file->lifted, &cap, file->nlifted + 1, sizeof *file->lifted))
                return false;
            memcpy(parse + out, copied, (size_t)(q - copied));
            out += (size_t)(q - copied);
            size_t from = out;
            memcpy(parse + out, mark, (size_t)n);
            out += (size_t)n;
            for (const char *nl = q + n; (nl = memchr(nl, '\n', (size_t)(e - nl))); nl++)
                parse[out++] = '\n';
            file->lifted[file->nlifted++] =
                (JsonLifted){(size_t)(q - text), (size_t)(e - q), from, out - from, false};
            copied = e;
        }
        p = e;
    }
    memcpy(parse + out, copied, (size_t)(end - copied));
    out += (size_t)(end - copied);
    parse[out] = '\0';
    *parse_len = out;
    return true;
}

/* Where in the file's text the parsed text's byte `at` came from. */
static size_t unlifted(const JsonFile *file, size_t at)
{
    size_t shift = 0; /* bytes the stand-ins before `at` took away */
    for (int i = 0; i < file->nlifted; i++) {
        const JsonLifted *l = &file->lifted[i];
        if (at < l->parse_at)
            break;
        if (at < l->parse_at + l->parse_length)
            return l->at + (at - l->parse_at); /* inside a stand-in: near its array's start */
        shift = l->at + l->length - (l->parse_at + l->parse_length);
    }
    return at + shift;
}

const char *json_lifted(JsonFile *file, const cJSON *value, size_t *length)
{
    if (!cJSON_IsNumber(value) || value->valuedouble < 0 || value->valuedouble >= file->nlifted ||
        value->valuedouble != (int)value->valuedouble)
        return NULL;
    JsonLifted *l = &file->lifted[(int)value->valuedouble];
    if (l->taken)
        return NULL;
    l->taken = true;
    *length = l->length;
    return file->text + l->at;
}

bool json_file_open(JsonFile *file, const char *path, WkDiag *diag)
{
    return json_file_open_lifting(file, path, NULL, diag);
}

bool json_file_open_lifting(JsonFile *file, const char *path, const char *key, WkDiag *diag)
{
    size_t len = 0;
    char *parse = NULL;
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
    size_t parse_len = len;
    if (key) {
        if (!(parse = malloc(len + 1)) || !lift(file, parse, len, key, &parse_len))
            goto fail;
    }
    const char *from = parse ? parse : file->text, *end = NULL;
    file->root = cJSON_ParseWithLengthOpts(from, parse_len, &end, false);
    if (!file->root) {
        int line, col;
        const char *at = end ? end : cJSON_GetErrorPtr();
        /* The position in the file as read. */
        at = at ? file->text + unlifted(file, (size_t)(at - from)) : file->text + len;
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
    check_tree(file, file->root, NULL);
    free(parse);
    return true;
fail:
    free(parse);
    json_file_close(file);
    return false;
}

void json_file_close(JsonFile *file)
{
    cJSON_Delete(file->root);
    free(file->text);
    free(file->lifted);
    file->root = NULL;
    file->text = NULL;
    file->lifted = NULL;
    file->nlifted = 0;
}

/* Characters of a member's name a message quotes. */
#define KEY_QUOTED 80

WkStatus json_error(const JsonFile *f, const char *where, const char *key, const char *fmt, ...)
{
    /* Formatted whole: a fixed buffer could cut a quoted Chinese or Dari text mid-character. */
    va_list ap;
    va_start(ap, fmt);
    char *msg = wk_strfmt_v(fmt, ap);
    va_end(ap);
    /* A key can be a member's name from the file, which no limit bounds: quoted short. */
    WkStatus code =
        wk_diag_error(f->diag, WK_ERR_INVALID, "%s: %s%s%.*s: %s", f->path, where ? where : "",
                      where && *where && key ? "." : "", WK_UTF8_QUOTE(key ? key : "", KEY_QUOTED),
                      msg ? msg : "(out of memory)");
    free(msg);
    return code;
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
    /* Characters, not bytes: a Chinese or Dari text may be as long as an English one. */
    if (wk_utf8_longer_than(item->valuestring, ATLAS_TEXT_MAX)) {
        json_error(f, where, key, "is longer than %d characters (it has %zu)", ATLAS_TEXT_MAX,
                   wk_utf8_length(item->valuestring));
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
                   "\"%.*s\" is not a date (write \"0659\", \"-0103\", "
                   "\"2016-09\", \"1955-01-20\" or \"0424/0428\")",
                   WK_UTF8_QUOTE(s, 40));
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
        json_error(f, where, key, "\"%.*s\" is not a colour (write \"#rrggbb\")",
                   WK_UTF8_QUOTE(s, 20));
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
