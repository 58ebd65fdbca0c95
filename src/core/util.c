/*
 * Helpers shared by the loaders. wk_file_read refuses directories and oversized files before
 * allocating, so a hostile path cannot make the atlas read a device or fill memory.
 */
#include "util.h"

#include <errno.h>
#include <math.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *wk_file_read(const char *path, size_t *length, WkDiag *diag)
{
    char *buf = NULL;
    /* Opened without blocking and checked before reading: a FIFO in place of events.json
     * would otherwise wait forever for a writer, a device never end. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat st;
    if (fd >= 0 && fstat(fd, &st) == 0 && !S_ISREG(st.st_mode)) {
        close(fd);
        wk_diag_error(diag, WK_ERR_IO, "%s: not a regular file (a %s); refused", path,
                      S_ISDIR(st.st_mode)    ? "folder"
                      : S_ISFIFO(st.st_mode) ? "pipe"
                      : S_ISSOCK(st.st_mode) ? "socket"
                                             : "device");
        return NULL;
    }
    FILE *f = NULL;
    if (fd >= 0 && fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) == 0)
        f = fdopen(fd, "rb");
    if (!f) {
        int err = errno;
        if (fd >= 0)
            close(fd);
        wk_diag_error(diag, WK_ERR_IO, "%s: cannot open: %s", path, strerror(err));
        return NULL;
    }
    if (fstat(fileno(f), &st) != 0) {
        wk_diag_error(diag, WK_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
        goto fail;
    }
    if ((size_t)st.st_size > WK_FILE_MAX) {
        wk_diag_error(diag, WK_ERR_IO, "%s: too large (%lld bytes; the limit is %zu)", path,
                      (long long)st.st_size, WK_FILE_MAX);
        goto fail;
    }
    size_t size = (size_t)st.st_size;
    buf = malloc(size + 1);
    if (!buf) {
        wk_diag_error(diag, WK_ERR_NOMEM, "%s: out of memory reading %zu bytes", path, size);
        goto fail;
    }
    size_t got = fread(buf, 1, size, f);
    if (got != size || ferror(f)) {
        wk_diag_error(diag, WK_ERR_IO, "%s: read error", path);
        goto fail;
    }
    buf[size] = '\0';
    fclose(f);
    if (length)
        *length = size;
    return buf;
fail:
    free(buf);
    fclose(f);
    return NULL;
}

char *wk_strdup(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *copy = malloc(n);
    if (copy)
        memcpy(copy, s, n);
    return copy;
}

char *wk_strfmt_v(const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int len = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    char *s = len >= 0 ? malloc((size_t)len + 1) : NULL;
    if (s)
        vsnprintf(s, (size_t)len + 1, fmt, ap);
    return s;
}

char *wk_strfmt(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = wk_strfmt_v(fmt, ap);
    va_end(ap);
    return s;
}

char *wk_path_join(const char *dir, const char *name)
{
    size_t n = strlen(dir);
    if (n == 0)
        return wk_strdup(name);
    return wk_strfmt("%s%s%s", dir, dir[n - 1] == '/' ? "" : "/", name);
}

bool wk_grow(void **array, int *capacity, int need, size_t size)
{
    if (need <= *capacity)
        return true;
    int cap = *capacity ? *capacity : 16;
    while (cap < need)
        cap *= 2;
    void *grown = realloc(*array, size * (size_t)cap);
    if (!grown)
        return false;
    *array = grown;
    *capacity = cap;
    return true;
}

char *wk_path_folder(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return wk_strdup(".");
    if (slash == path)
        return wk_strdup("/");
    return wk_strfmt("%.*s", (int)(slash - path), path);
}

const char *wk_path_base(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

char *wk_path_relative_to(const char *base_file, const char *rel)
{
    if (rel[0] == '/')
        return wk_strdup(rel);
    const char *slash = strrchr(base_file, '/');
    if (!slash)
        return wk_strdup(rel);
    return wk_strfmt("%.*s/%s", (int)(slash - base_file), base_file, rel);
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool wk_color_parse(const char *text, WkColor *out)
{
    if (!text || text[0] != '#')
        return false;
    size_t n = strlen(text + 1);
    if (n != 6 && n != 8)
        return false;
    uint8_t v[4] = {0, 0, 0, 255};
    for (size_t i = 0; i < n / 2; i++) {
        int hi = hex_value(text[1 + 2 * i]), lo = hex_value(text[2 + 2 * i]);
        if (hi < 0 || lo < 0)
            return false;
        v[i] = (uint8_t)(hi * 16 + lo);
    }
    *out = (WkColor){v[0], v[1], v[2], v[3]};
    return true;
}

bool wk_parse_long(const char *text, long min, long max, long *out)
{
    if (!text || !*text)
        return false;
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (end == text || *end || errno == ERANGE || v < min || v > max)
        return false;
    *out = v;
    return true;
}

bool wk_parse_numbers(const char *text, char sep, double *out, int n)
{
    const char *p = text;
    for (int i = 0; i < n; i++) {
        char *end;
        errno = 0;
        double v = p ? strtod(p, &end) : NAN;
        if (!p || end == p || errno == ERANGE || !isfinite(v))
            return false;
        if (*end != (i + 1 < n ? sep : '\0'))
            return false;
        out[i] = v;
        p = end + 1;
    }
    return true;
}

/* The value of the decimal number from `p` to `q` (JSON syntax, already checked). Most coordinates
 * have a few digits and no exponent: their digits as an integer below 2^53 and a power of ten up to
 * 10^22 are both exact doubles, so one division rounds correctly, as strtod would (Clinger's fast
 * path) at a tenth of its cost. Anything else goes to strtod. */
double wk_decimal(const char *p, const char *q)
{
    static const double ten[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                 1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    bool negative = *p == '-';
    uint64_t digits = 0;
    int ndigits = 0, fraction = 0;
    bool in_fraction = false;
    const char *r = p + negative;
    for (; r < q && *r != 'e' && *r != 'E'; r++) {
        if (*r == '.') {
            in_fraction = true;
            continue;
        }
        digits = digits * 10 + (uint64_t)(*r - '0');
        fraction += in_fraction;
        if (digits && ++ndigits > 15)
            break;
    }
    if (r == q && fraction <= 22) {
        double v = (double)digits / ten[fraction];
        return negative ? -v : v;
    }
    char small[64], *buf = (size_t)(q - p) < sizeof small ? small : malloc((size_t)(q - p) + 1);
    if (!buf)
        return NAN;
    memcpy(buf, p, (size_t)(q - p));
    buf[q - p] = '\0';
    double v = strtod(buf, NULL);
    if (buf != small)
        free(buf);
    return v;
}
