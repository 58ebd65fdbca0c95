#include "xdg.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util.h"

char *wk_xdg_dir(const char *var, const char *fallback)
{
    const char *base = getenv(var);
    if (base && base[0] == '/')
        return wk_path_join(base, "wakhan");
    const char *home = getenv("HOME");
    if (!home || home[0] != '/')
        return NULL;
    return wk_strfmt("%s/%s/wakhan", home, fallback);
}

char *wk_user_data_dir(void)
{
    return wk_xdg_dir("XDG_DATA_HOME", ".local/share");
}

bool wk_mkdirs(const char *path, WkDiag *diag)
{
    char *copy = wk_strdup(path);
    if (!copy) {
        wk_diag_error(diag, WK_ERR_NOMEM, "%s: out of memory", path);
        return false;
    }
    /* Walk down the path, making each missing folder; an existing one is fine. */
    for (char *p = copy + 1;; p++) {
        bool end = *p == '\0';
        if (*p != '/' && !end)
            continue;
        *p = '\0';
        struct stat st;
        if (mkdir(copy, 0700) != 0 && errno != EEXIST) {
            wk_diag_error(diag, WK_ERR_IO, "%s: cannot create the folder: %s", copy,
                          strerror(errno));
            free(copy);
            return false;
        }
        if (stat(copy, &st) != 0 || !S_ISDIR(st.st_mode)) {
            wk_diag_error(diag, WK_ERR_IO, "%s: is not a folder", copy);
            free(copy);
            return false;
        }
        if (end)
            break;
        *p = '/';
    }
    free(copy);
    return true;
}
