/*
 * Status codes and the diagnostics list.
 *
 * Everything that reads user files reports problems here instead of printing them: each message
 * names the file and the place inside it ("data/events.json: events[12].date: ..."). The window
 * shows them as a warning, the command line prints them, and tests inspect them.
 */
#ifndef WK_DIAG_H
#define WK_DIAG_H

#include <stdarg.h>
#include <stddef.h>

typedef enum WkStatus {
    WK_OK = 0,
    WK_ERR_IO,      /* a file could not be opened or read */
    WK_ERR_PARSE,   /* a file was read but its content is malformed */
    WK_ERR_INVALID, /* well-formed but wrong: a bad reference, a date out of range */
    WK_ERR_NOMEM,
    WK_ERR_PROJ, /* a projection could not be set up or applied */
    WK_ERR_GEOM  /* a geometry operation failed */
} WkStatus;

typedef enum WkSeverity { WK_SEV_WARNING, WK_SEV_ERROR } WkSeverity;

typedef struct WkDiagEntry {
    WkSeverity severity;
    WkStatus code;
    char *text; /* "file: place: what is wrong", owned by the list */
} WkDiagEntry;

typedef struct WkDiag {
    WkDiagEntry *entries;
    size_t count, capacity;
    size_t dropped; /* messages not stored once the list is full */
} WkDiag;

/* Most messages a list keeps; a file with a million bad records should not fill memory. */
#define WK_DIAG_MAX 1000

void wk_diag_init(WkDiag *diag);
void wk_diag_free(WkDiag *diag);

/* Adds an error and returns `code`, so callers can write `return wk_diag_error(...)`.
 * `diag` may be NULL, in which case the message is dropped. */
WkStatus wk_diag_error(WkDiag *diag, WkStatus code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Adds a warning: something was skipped but loading went on. */
void wk_diag_warn(WkDiag *diag, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void wk_diag_vadd(WkDiag *diag, WkSeverity sev, WkStatus code, const char *fmt, va_list ap);

size_t wk_diag_count(const WkDiag *diag, WkSeverity sev);
/* Returns the first entry whose text contains `needle`, or NULL. */
const WkDiagEntry *wk_diag_find(const WkDiag *diag, const char *needle);

const char *wk_status_name(WkStatus status);

#endif
