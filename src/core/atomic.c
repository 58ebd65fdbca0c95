/*
 * Atomic file writing (see atomic.h): a temporary file beside the target, every step of
 * closing it checked, a rename over the target only when all of it is on disk.
 */
#include "atomic.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

#define SUFFIX ".wktmp"
/* The target's name is cut to this many bytes in the temporary's, so that a target whose name
 * is near the file system's limit (255 bytes) still gets a temporary. */
#define BASE_KEEP 160

static atomic_uint counter;

/* The folder part of `path` and where its last component starts. */
static char *folder_of(const char *path, const char **base)
{
    const char *slash = strrchr(path, '/');
    *base = slash ? slash + 1 : path;
    return wk_path_folder(path);
}

static void release(WkAtomicFile *af)
{
    free(af->target);
    free(af->tmp);
    af->target = af->tmp = NULL;
    af->f = NULL;
}

WkStatus wk_atomic_open(WkAtomicFile *af, const char *path, WkDiag *diag)
{
    memset(af, 0, sizeof *af);
    af->mode = -1;
    if (!path || !*path)
        return wk_diag_error(diag, WK_ERR_IO, "(empty path): cannot write a file without a name");
    struct stat st;
    char *target = NULL;
    if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
        /* Replace what the link names, not the link. */
        target = realpath(path, NULL);
        if (!target)
            return wk_diag_error(diag, WK_ERR_IO, "%s: cannot follow the link: %s", path,
                                 strerror(errno));
    } else {
        target = wk_strdup(path);
    }
    if (!target)
        return wk_diag_error(diag, WK_ERR_NOMEM, "%s: out of memory", path);
    if (stat(target, &st) == 0) {
        if (!S_ISREG(st.st_mode)) {
            free(target);
            return wk_diag_error(diag, WK_ERR_IO,
                                 "%s: not a regular file (a folder, device or pipe); give the "
                                 "path of a file to write",
                                 path);
        }
        af->mode = (int)(st.st_mode & 07777);
    } else if (errno != ENOENT) {
        WkStatus s = wk_diag_error(diag, WK_ERR_IO, "%s: cannot write: %s", path, strerror(errno));
        free(target);
        return s;
    }
    const char *base;
    char *dir = folder_of(target, &base);
    if (!*base) {
        free(dir);
        free(target);
        return wk_diag_error(diag, WK_ERR_IO, "%s: names a folder, not a file", path);
    }
    size_t keep = wk_utf8_clip(base, BASE_KEEP); /* a Chinese file name keeps whole characters */
    char *tmp = dir ? wk_strfmt("%s%s.%.*s.%ld-%u" SUFFIX, dir, strcmp(dir, "/") ? "/" : "",
                                (int)keep, base, (long)getpid(), atomic_fetch_add(&counter, 1))
                    : NULL;
    free(dir);
    if (!tmp) {
        free(target);
        return wk_diag_error(diag, WK_ERR_NOMEM, "%s: out of memory", path);
    }
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
    if (!f) {
        int err = errno;
        if (fd >= 0) {
            close(fd);
            unlink(tmp);
        }
        free(tmp);
        free(target);
        return wk_diag_error(diag, WK_ERR_IO, "%s: cannot write: %s", path, strerror(err));
    }
    af->f = f;
    af->target = target;
    af->tmp = tmp;
    return WK_OK;
}

/* Makes the rename itself durable. Not every file system can sync a folder; that is no error. */
static void sync_folder(const char *target)
{
    const char *base;
    char *dir = folder_of(target, &base);
    int fd = dir ? open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
    free(dir);
}

WkStatus wk_atomic_commit(WkAtomicFile *af, WkDiag *diag)
{
    if (!af->f) {
        release(af);
        return wk_diag_error(diag, WK_ERR_IO, "internal: commit of a file that is not open");
    }
    int err = 0;
    const char *step = "cannot write";
    if (fflush(af->f) != 0)
        err = errno;
    else if (ferror(af->f))
        err = EIO; /* an earlier fwrite failed; its errno is gone */
    else if (fsync(fileno(af->f)) != 0)
        err = errno, step = "cannot save to disk";
    else if (af->mode >= 0 && fchmod(fileno(af->f), (mode_t)af->mode) != 0)
        err = errno, step = "cannot keep the file's permissions";
    if (fclose(af->f) != 0 && !err)
        err = errno;
    af->f = NULL;
    if (!err && rename(af->tmp, af->target) != 0)
        err = errno, step = "cannot replace";
    if (err) {
        unlink(af->tmp);
        WkStatus s = wk_diag_error(diag, WK_ERR_IO, "%s: %s: %s", af->target, step, strerror(err));
        release(af);
        return s;
    }
    sync_folder(af->target);
    release(af);
    return WK_OK;
}

void wk_atomic_abort(WkAtomicFile *af)
{
    if (af->f) {
        fclose(af->f);
        unlink(af->tmp);
    }
    release(af);
}

WkStatus wk_atomic_write(const char *path, WkAtomicFill fill, void *user, WkDiag *diag)
{
    WkAtomicFile af;
    WkStatus s = wk_atomic_open(&af, path, diag);
    if (s != WK_OK)
        return s;
    size_t before = diag ? diag->count + diag->dropped : 0;
    errno = 0;
    if (!fill(af.f, user, diag)) {
        int err = ferror(af.f) ? (errno ? errno : EIO) : 0;
        wk_atomic_abort(&af);
        if (diag && diag->count + diag->dropped != before)
            return WK_ERR_IO;
        return wk_diag_error(diag, WK_ERR_IO, "%s: cannot write%s%s", path, err ? ": " : "",
                             err ? strerror(err) : "");
    }
    return wk_atomic_commit(&af, diag);
}

bool wk_atomic_temp_name(const char *name, long *pid)
{
    size_t n = strlen(name), s = strlen(SUFFIX);
    if (name[0] != '.' || n <= s + 1 || strcmp(name + n - s, SUFFIX) != 0)
        return false;
    /* ".BASE.PID-N.wktmp": the PID is between the last '.' before the suffix and the '-'. */
    const char *end = name + n - s, *p = end;
    while (p > name && p[-1] != '.')
        p--;
    if (p <= name + 1)
        return false;
    char *stop;
    errno = 0;
    long v = strtol(p, &stop, 10);
    if (stop == p || *stop != '-' || errno || v <= 0)
        return false;
    for (const char *q = stop + 1; q < end; q++)
        if (*q < '0' || *q > '9')
            return false;
    if (stop + 1 == end)
        return false;
    *pid = v;
    return true;
}

int wk_atomic_clean_stale(const char *dir)
{
    DIR *d = dir ? opendir(dir) : NULL;
    if (!d)
        return 0;
    int removed = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        long pid;
        if (!wk_atomic_temp_name(e->d_name, &pid) || pid == (long)getpid())
            continue;
        if (pid <= INT_MAX && kill((pid_t)pid, 0) == 0)
            continue; /* still running (or a process of another user: EPERM) */
        if (pid <= INT_MAX && errno != ESRCH)
            continue;
        if (unlinkat(dirfd(d), e->d_name, 0) == 0)
            removed++;
    }
    closedir(d);
    return removed;
}
