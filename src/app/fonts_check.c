/*
 * The fonts an atlas names, checked the way the window will open them: the file is there (a
 * symbolic link loop or a missing file named with the system's reason), it is a regular file,
 * and FreeType reads it as a font (a PNG renamed .ttf is not). `check` reports them as errors,
 * `query` as warnings, since both used to say nothing while the window drew without text.
 */
#include "app.h"

#include <SDL_ttf.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

static const char *const ROLES[ATLAS_FONT_COUNT] = {"latin", "cjk", "arabic", "bold"};

static void report(WkDiag *diag, WkSeverity sev, const char *fmt, const char *path,
                   const char *role, const char *why)
{
    if (sev == WK_SEV_ERROR)
        wk_diag_error(diag, WK_ERR_IO, fmt, path, role, why);
    else
        wk_diag_warn(diag, fmt, path, role, why);
}

int app_check_fonts(const Atlas *atlas, WkDiag *diag, WkSeverity sev)
{
    int problems = 0;
    bool started = false;
    for (int i = 0; i < ATLAS_FONT_COUNT; i++) {
        const char *path = atlas->fonts[i];
        if (!path)
            continue;
        struct stat st;
        const char *fmt = "%s: the %s font cannot be opened: %s";
        if (stat(path, &st) != 0) {
            report(diag, sev, fmt, path, ROLES[i], strerror(errno));
            problems++;
            continue;
        }
        if (!S_ISREG(st.st_mode)) {
            report(diag, sev, fmt, path, ROLES[i], "not a regular file");
            problems++;
            continue;
        }
        if (!started && !TTF_WasInit()) {
            if (TTF_Init() != 0) {
                report(diag, sev, "%s: the %s font cannot be checked: %s", path, ROLES[i],
                       TTF_GetError());
                return problems + 1;
            }
            started = true;
        }
        TTF_Font *font = TTF_OpenFont(path, 12);
        if (!font) {
            report(diag, sev, "%s: the %s font is not a font FreeType can read (%s)", path,
                   ROLES[i], TTF_GetError());
            problems++;
            continue;
        }
        TTF_CloseFont(font);
    }
    if (started)
        TTF_Quit();
    return problems;
}
