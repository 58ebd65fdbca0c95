/*
 * Writing a file so that it is never seen half written.
 *
 * Every file the program writes (PNG and PDF exports, lessons, user data, the geometry cache)
 * goes through here: the content is written to a temporary file in the target's own folder,
 * flushed, synced to disk and closed with every return value checked, and only then renamed
 * over the target. A crash, a kill or a full disk at any moment leaves either the old file or
 * the new one, never a torn one; on failure the temporary file is removed and the message names
 * the path and the system's reason.
 *
 * The temporary file is ".NAME.PID-N.wktmp" beside NAME, so the temporaries of a process that
 * died can be recognised by their process id and removed (wk_atomic_clean_stale).
 *
 * Two ways to use it:
 *   - wk_atomic_write(path, fill, user, diag): `fill` writes into a FILE*; or
 *   - wk_atomic_open / wk_atomic_commit / wk_atomic_abort, for a writer that wants the stream
 *     itself (SDL_RWFromFP for IMG_SavePNG_RW, a cairo stream surface's write callback,
 *     fputs of cJSON_Print's output).
 */
#ifndef WK_ATOMIC_H
#define WK_ATOMIC_H

#include <stdbool.h>
#include <stdio.h>

#include "diag.h"

typedef struct WkAtomicFile {
    FILE *f;      /* the stream to write to; NULL once committed or aborted */
    char *target; /* the path the content will have */
    char *tmp;    /* the temporary file beside it */
    int mode;     /* the target's permission bits to keep, or -1 */
} WkAtomicFile;

/* Opens a temporary file beside `path`. Refused (with a message naming the path) when the
 * path exists and is not a regular file (a device such as /dev/full, a FIFO, a folder), when
 * its folder cannot be written, or when the path is too long. A symbolic link to a regular
 * file is followed: the file it names is replaced, the link stays. */
WkStatus wk_atomic_open(WkAtomicFile *af, const char *path, WkDiag *diag);

/* Flushes, syncs and closes the stream, checking each step, and renames the temporary file
 * over the target. On any failure (including an error flagged on the stream by an earlier
 * fwrite) the temporary file is removed and the target is left as it was. Frees `af`'s
 * strings either way. */
WkStatus wk_atomic_commit(WkAtomicFile *af, WkDiag *diag);

/* Gives up: closes and removes the temporary file, frees `af`'s strings. Safe to call twice
 * and after a commit. */
void wk_atomic_abort(WkAtomicFile *af);

/* Writes `path` with `fill`, which returns false on a failure of its own (after adding its
 * message to `diag`, if it has one); the file is then not replaced. */
typedef bool (*WkAtomicFill)(FILE *f, void *user, WkDiag *diag);
WkStatus wk_atomic_write(const char *path, WkAtomicFill fill, void *user, WkDiag *diag);

/* Removes the temporaries left in `dir` by processes that no longer run. Returns how many
 * were removed. Files that are not ours, and temporaries of live processes, are left alone. */
int wk_atomic_clean_stale(const char *dir);

/* True when `name` (a file name, not a path) is one of our temporaries; *pid gets its
 * process id. Exposed for tests. */
bool wk_atomic_temp_name(const char *name, long *pid);

#endif
