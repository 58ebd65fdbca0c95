/*
 * The diagnostics list: a growable array of formatted messages. Adding never fails from the
 * caller's point of view; when memory runs out or the list is full the message is counted in
 * `dropped` instead, so that reporting an error can never itself become an error path.
 */
#include "diag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void wk_diag_init(WkDiag *diag)
{
    memset(diag, 0, sizeof *diag);
}

void wk_diag_free(WkDiag *diag)
{
    if (!diag)
        return;
    for (size_t i = 0; i < diag->count; i++)
        free(diag->entries[i].text);
    free(diag->entries);
    wk_diag_init(diag);
}

void wk_diag_vadd(WkDiag *diag, WkSeverity sev, WkStatus code, const char *fmt, va_list ap)
{
    if (!diag)
        return;
    if (diag->count >= WK_DIAG_MAX) {
        diag->dropped++;
        return;
    }
    if (diag->count == diag->capacity) {
        size_t cap = diag->capacity ? diag->capacity * 2 : 16;
        WkDiagEntry *grown = realloc(diag->entries, cap * sizeof *grown);
        if (!grown) {
            diag->dropped++;
            return;
        }
        diag->entries = grown;
        diag->capacity = cap;
    }
    va_list copy;
    va_copy(copy, ap);
    int len = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    char *text = len >= 0 ? malloc((size_t)len + 1) : NULL;
    if (!text) {
        diag->dropped++;
        return;
    }
    vsnprintf(text, (size_t)len + 1, fmt, ap);
    diag->entries[diag->count++] = (WkDiagEntry){sev, code, text};
}

WkStatus wk_diag_error(WkDiag *diag, WkStatus code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    wk_diag_vadd(diag, WK_SEV_ERROR, code, fmt, ap);
    va_end(ap);
    return code;
}

void wk_diag_warn(WkDiag *diag, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    wk_diag_vadd(diag, WK_SEV_WARNING, WK_OK, fmt, ap);
    va_end(ap);
}

size_t wk_diag_count(const WkDiag *diag, WkSeverity sev)
{
    size_t n = 0;
    for (size_t i = 0; diag && i < diag->count; i++)
        n += diag->entries[i].severity == sev;
    return n;
}

const WkDiagEntry *wk_diag_find(const WkDiag *diag, const char *needle)
{
    for (size_t i = 0; diag && i < diag->count; i++)
        if (strstr(diag->entries[i].text, needle))
            return &diag->entries[i];
    return NULL;
}

const char *wk_status_name(WkStatus status)
{
    switch (status) {
    case WK_OK:
        return "ok";
    case WK_ERR_IO:
        return "cannot read";
    case WK_ERR_PARSE:
        return "malformed";
    case WK_ERR_INVALID:
        return "invalid";
    case WK_ERR_NOMEM:
        return "out of memory";
    case WK_ERR_PROJ:
        return "projection error";
    case WK_ERR_GEOM:
        return "geometry error";
    }
    return "unknown error";
}
