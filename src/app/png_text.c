#include "png_text.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* The signature (8 bytes) and the IHDR chunk (4 length, 4 type, 13 data, 4 CRC) come first in
 * every PNG; text chunks may follow anywhere after IHDR, so they go right after it. */
enum { PNG_HEADER_BYTES = 8 + 4 + 4 + 13 + 4 };

typedef struct PngTextState {
    FILE *f;
    Sint64 written;        /* bytes of the image's own stream passed through so far */
    unsigned char *chunks; /* the text chunks, ready to write */
    size_t nchunks;
    int failed;
} PngTextState;

static void put_u32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24), p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8), p[3] = (unsigned char)v;
}

/* The UTF-8 text in Latin-1, as tEXt chunks hold it; NULL when a character has no Latin-1
 * form (or out of memory). Owned by the caller. */
static char *latin1_of(const char *utf8, size_t *len)
{
    char *out = malloc(strlen(utf8) + 1);
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)utf8; out && *p; p++) {
        if (*p < 0x80) {
            out[n++] = (char)*p;
        } else if ((*p == 0xc2 || *p == 0xc3) && (p[1] & 0xc0) == 0x80) {
            out[n++] = (char)(((*p & 0x03) << 6) | (p[1] & 0x3f));
            p++;
        } else {
            free(out);
            return NULL;
        }
    }
    *len = n;
    return out;
}

/* Appends one text chunk: tEXt (keyword, NUL, Latin-1 text), which every reader shows, when
 * the text has a Latin-1 form; else iTXt (keyword, NUL, no compression (0, 0), empty language
 * tag and translated keyword (two NULs), then the UTF-8 text). */
static bool add_chunk(PngTextState *st, const PngText *t)
{
    size_t kl = strlen(t->keyword), tl;
    char *latin1 = latin1_of(t->text, &tl);
    const char *text = latin1 ? latin1 : t->text;
    size_t sep = latin1 ? 1 : 5;
    if (!latin1)
        tl = strlen(t->text);
    size_t data = kl + sep + tl;
    unsigned char *grown = kl >= 1 && kl <= 79 && data <= 0x7fffffffu
                               ? realloc(st->chunks, st->nchunks + 12 + data)
                               : NULL;
    if (!grown) {
        free(latin1);
        return false;
    }
    st->chunks = grown;
    unsigned char *c = grown + st->nchunks;
    put_u32(c, (uint32_t)data);
    memcpy(c + 4, latin1 ? "tEXt" : "iTXt", 4);
    unsigned char *d = c + 8;
    memcpy(d, t->keyword, kl);
    memset(d + kl, 0, sep);
    memcpy(d + kl + sep, text, tl);
    put_u32(d + data, (uint32_t)crc32(crc32(0, Z_NULL, 0), c + 4, (uInt)(4 + data)));
    st->nchunks += 12 + data;
    free(latin1);
    return true;
}

static size_t SDLCALL text_write(SDL_RWops *ops, const void *ptr, size_t size, size_t num)
{
    PngTextState *st = ops->hidden.unknown.data1;
    const unsigned char *p = ptr;
    size_t total = size * num, done = 0;
    while (done < total && !st->failed) {
        size_t n = total - done;
        if (st->written < PNG_HEADER_BYTES && st->written + (Sint64)n > PNG_HEADER_BYTES)
            n = (size_t)(PNG_HEADER_BYTES - st->written); /* stop at the end of IHDR */
        if (fwrite(p + done, 1, n, st->f) != n)
            st->failed = 1;
        done += n;
        st->written += (Sint64)n;
        if (st->written == PNG_HEADER_BYTES && st->nchunks &&
            fwrite(st->chunks, 1, st->nchunks, st->f) != st->nchunks)
            st->failed = 1;
    }
    return st->failed ? 0 : num;
}

static Sint64 SDLCALL text_size(SDL_RWops *ops)
{
    (void)ops;
    return -1;
}

static Sint64 SDLCALL text_seek(SDL_RWops *ops, Sint64 offset, int whence)
{
    PngTextState *st = ops->hidden.unknown.data1;
    /* libpng only ever asks where it is; the stream cannot go back. */
    return offset == 0 && whence != RW_SEEK_SET ? st->written : -1;
}

static size_t SDLCALL text_read(SDL_RWops *ops, void *ptr, size_t size, size_t num)
{
    (void)ops, (void)ptr, (void)size, (void)num;
    return 0;
}

static int SDLCALL text_close(SDL_RWops *ops)
{
    PngTextState *st = ops->hidden.unknown.data1;
    int failed = st->failed;
    free(st->chunks);
    free(st);
    SDL_FreeRW(ops);
    return failed ? -1 : 0;
}

SDL_RWops *png_text_writer(FILE *f, const PngText *texts, int count)
{
    PngTextState *st = calloc(1, sizeof *st);
    SDL_RWops *ops = st ? SDL_AllocRW() : NULL;
    bool ok = ops != NULL;
    for (int i = 0; ok && i < count; i++)
        ok = add_chunk(st, &texts[i]);
    if (!ok) {
        if (st)
            free(st->chunks);
        free(st);
        if (ops)
            SDL_FreeRW(ops);
        return NULL;
    }
    st->f = f;
    ops->type = SDL_RWOPS_UNKNOWN;
    ops->size = text_size;
    ops->seek = text_seek;
    ops->read = text_read;
    ops->write = text_write;
    ops->close = text_close;
    ops->hidden.unknown.data1 = st;
    return ops;
}
