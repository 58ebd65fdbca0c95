/*
 * The user's own folders, as the XDG Base Directory specification places them: the data
 * folder ($XDG_DATA_HOME/wakhan, else ~/.local/share/wakhan) holds the teacher's events,
 * overlays, layers and lessons; the cache folder the prepared geometry.
 */
#ifndef WK_XDG_H
#define WK_XDG_H

#include <stdbool.h>

#include "diag.h"

/* $VAR/wakhan when VAR holds an absolute path (the specification says to ignore a relative
 * one), else $HOME/FALLBACK/wakhan. NULL when neither is usable. Owned by the caller. */
char *wk_xdg_dir(const char *var, const char *fallback);

/* The user's data folder for the atlas (see above). Owned by the caller; NULL without HOME. */
char *wk_user_data_dir(void);

/* Creates `path` and the folders above it that are missing (mode 0700 for new ones, as the
 * specification asks). False, with the path and the system's reason in diag, on failure. */
bool wk_mkdirs(const char *path, WkDiag *diag);

#endif
