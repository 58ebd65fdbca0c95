/*
 * The text cache. Fonts are opened lazily per (face, pixel size). Rendered strings are kept in
 * a hash table keyed by (string, style); when it passes its capacity the least recently used
 * entries are freed at the end of a frame, never during one, so a texture handed out stays
 * valid until the frame is drawn.
 */
#include "text.h"

#include <SDL_ttf.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bidi.h"
#include "core/util.h"

#define CACHE_SLOTS 2048 /* hash table size, a power of two */
#define CACHE_KEEP 1200  /* entries kept after eviction */
#define MAX_SIZES 24     /* distinct pixel sizes per face */
#define HALO_PX(size) ((size) >= 28 ? 3 : 2)

typedef struct Entry {
    char *text;
    TextStyle style;
    SDL_Texture *texture;
    int w, h;
    uint64_t used; /* frame number of last use */
    uint32_t hash;
} Entry;

typedef struct SizedFont {
    int size;
    TTF_Font *font, *outline;
    uint64_t used; /* frame number of last use */
} SizedFont;

struct TextCache {
    SDL_Renderer *renderer;
    char *paths[TEXT_FONT_COUNT];
    SizedFont fonts[TEXT_FONT_COUNT][MAX_SIZES];
    Entry slots[CACHE_SLOTS];
    int count;
    uint64_t frame;
    bool ttf_started;
};

static bool readable_font(const char *path, WkDiag *diag, const char *what)
{
    if (!path)
        return false;
    TTF_Font *probe = TTF_OpenFont(path, 12);
    if (!probe) {
        wk_diag_error(diag, WK_ERR_IO, "%s: cannot use this %s font (%s); using another", path,
                      what, TTF_GetError());
        return false;
    }
    TTF_CloseFont(probe);
    return true;
}

TextCache *text_create(SDL_Renderer *renderer, const char *const paths[TEXT_FONT_COUNT],
                       WkDiag *diag)
{
    static const char *const what[TEXT_FONT_COUNT] = {"Latin", "Chinese", "Arabic-script", "bold"};
    if (!TTF_WasInit() && TTF_Init() != 0) {
        wk_diag_error(diag, WK_ERR_IO, "SDL_ttf cannot start: %s", TTF_GetError());
        return NULL;
    }
    TextCache *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->ttf_started = true;
    c->renderer = renderer;
    for (int i = 0; i < TEXT_FONT_COUNT; i++)
        if (readable_font(paths[i], diag, what[i]))
            c->paths[i] = wk_strdup(paths[i]);
    /* Stand-ins: any readable face draws at least the Latin text. */
    for (int i = 0; i < TEXT_FONT_COUNT; i++) {
        for (int k = 0; !c->paths[i] && k < TEXT_FONT_COUNT; k++) {
            int j = (i == TEXT_BOLD && k == 0) ? TEXT_LATIN : k;
            if (j != i && c->paths[j])
                c->paths[i] = wk_strdup(c->paths[j]);
        }
    }
    if (!c->paths[TEXT_LATIN])
        wk_diag_error(diag, WK_ERR_IO, "no font could be opened: the map is drawn without text");
    return c;
}

static void free_entry(Entry *e)
{
    if (e->texture)
        SDL_DestroyTexture(e->texture);
    free(e->text);
    memset(e, 0, sizeof *e);
}

void text_destroy(TextCache *c)
{
    if (!c)
        return;
    for (int i = 0; i < CACHE_SLOTS; i++)
        if (c->slots[i].text)
            free_entry(&c->slots[i]);
    for (int f = 0; f < TEXT_FONT_COUNT; f++) {
        for (int s = 0; s < MAX_SIZES; s++) {
            if (c->fonts[f][s].font)
                TTF_CloseFont(c->fonts[f][s].font);
            if (c->fonts[f][s].outline)
                TTF_CloseFont(c->fonts[f][s].outline);
        }
        free(c->paths[f]);
    }
    free(c);
    /* TTF_Quit is left to the program's end: other caches may share SDL_ttf. */
}

bool text_available(const TextCache *c)
{
    return c && c->paths[TEXT_LATIN];
}

static SizedFont *font_at(TextCache *c, TextFont face, int size)
{
    if (!c->paths[face] || size <= 0)
        return NULL;
    SizedFont *slots = c->fonts[face];
    for (int i = 0; i < MAX_SIZES; i++)
        if (slots[i].font && slots[i].size == size) {
            slots[i].used = c->frame;
            return &slots[i];
        }
    /* The table is full: close the size used longest ago. Drawing that size with another
     * would make the date or a title shrink to whatever size happened to come first. */
    int oldest = 0;
    for (int i = 1; i < MAX_SIZES && slots[oldest].font; i++)
        if (!slots[i].font || slots[i].used < slots[oldest].used)
            oldest = i;
    if (slots[oldest].font) {
        TTF_CloseFont(slots[oldest].font);
        TTF_CloseFont(slots[oldest].outline);
        slots[oldest].font = slots[oldest].outline = NULL;
    }
    for (int i = oldest; i < MAX_SIZES; i++) {
        if (slots[i].font)
            continue;
        slots[i].used = c->frame;
        slots[i].font = TTF_OpenFont(c->paths[face], size);
        slots[i].outline = TTF_OpenFont(c->paths[face], size);
        if (!slots[i].font || !slots[i].outline) {
            if (slots[i].font)
                TTF_CloseFont(slots[i].font);
            if (slots[i].outline)
                TTF_CloseFont(slots[i].outline);
            slots[i].font = slots[i].outline = NULL;
            return NULL;
        }
        slots[i].size = size;
        TTF_SetFontOutline(slots[i].outline, HALO_PX(size));
        TTF_SetFontHinting(slots[i].font, TTF_HINTING_LIGHT);
        TTF_SetFontHinting(slots[i].outline, TTF_HINTING_LIGHT);
        return &slots[i];
    }
    return NULL;
}

static uint32_t hash_of(const char *s, const TextStyle *st)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    uint32_t parts[4] = {(uint32_t)st->size | (uint32_t)st->bold << 16 | (uint32_t)st->halo << 17,
                         (uint32_t)st->color.r | st->color.g << 8 | st->color.b << 16 |
                             (uint32_t)st->color.a << 24,
                         (uint32_t)st->halo_color.r | st->halo_color.g << 8 |
                             st->halo_color.b << 16 | (uint32_t)st->halo_color.a << 24,
                         0};
    for (int i = 0; i < 3; i++)
        h = (h ^ parts[i]) * 16777619u;
    return h;
}

static bool same_style(const TextStyle *a, const TextStyle *b)
{
    return a->size == b->size && a->bold == b->bold && a->halo == b->halo &&
           !memcmp(&a->color, &b->color, sizeof a->color) &&
           (!a->halo || !memcmp(&a->halo_color, &b->halo_color, sizeof a->halo_color));
}

/* The face a run of a script needs. */
static TextFont face_for(BidiScript script, bool bold)
{
    return script == BIDI_ARABIC ? TEXT_ARABIC
           : script == BIDI_CJK  ? TEXT_CJK
           : bold                ? TEXT_BOLD
                                 : TEXT_LATIN;
}

/* The string cut into runs of one direction and one face, in visual order, each with its
 * font set up for HarfBuzz: right to left for odd levels, and the script's name. */
typedef struct TextRuns {
    BidiRun runs[BIDI_MAX_RUNS];
    SizedFont *fonts[BIDI_MAX_RUNS];
    int n;
} TextRuns;

typedef struct CoverQuery {
    TextCache *c;
    const TextStyle *st;
} CoverQuery;

static bool face_covers(void *user, BidiScript script, unsigned cp)
{
    const CoverQuery *q = user;
    SizedFont *f = font_at(q->c, face_for(script, q->st->bold), q->st->size);
    return f && TTF_GlyphIsProvided32(f->font, cp);
}

static bool text_runs(TextCache *c, const char *s, const TextStyle *st, TextRuns *out)
{
    CoverQuery q = {c, st};
    out->n = bidi_runs(s, false, face_covers, &q, out->runs, BIDI_MAX_RUNS);
    for (int i = 0; i < out->n; i++) {
        out->fonts[i] = font_at(c, face_for(out->runs[i].script, st->bold), st->size);
        if (!out->fonts[i])
            return false;
    }
    return out->n > 0;
}

/* Copies run i into buf (NUL-terminated) and sets its font's direction and script. */
static const char *run_text(const TextRuns *r, int i, const char *s, char *buf, size_t size)
{
    static const char *const script_names[] = {"Latn", "Hani", "Arab"};
    const BidiRun *run = &r->runs[i];
    size_t len = (size_t)run->len < size - 1 ? (size_t)run->len : size - 1;
    memcpy(buf, s + run->start, len);
    buf[len] = '\0';
    TTF_Direction dir = run->level & 1 ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR;
    TTF_Font *fonts[2] = {r->fonts[i]->font, r->fonts[i]->outline};
    for (int k = 0; k < 2; k++) {
        TTF_SetFontDirection(fonts[k], dir);
        TTF_SetFontScriptName(fonts[k], script_names[run->script]);
    }
    return buf;
}

/* Draws src over dst at (x, y), both ARGB8888 with straight alpha. */
static void composite_over(SDL_Surface *dst, SDL_Surface *src, int x, int y)
{
    SDL_Surface *conv = src->format->format == SDL_PIXELFORMAT_ARGB8888
                            ? src
                            : SDL_ConvertSurfaceFormat(src, SDL_PIXELFORMAT_ARGB8888, 0);
    if (!conv)
        return;
    for (int row = 0; row < conv->h; row++) {
        int dy = y + row;
        if (dy < 0 || dy >= dst->h)
            continue;
        const Uint32 *sp = (const Uint32 *)((const Uint8 *)conv->pixels + row * conv->pitch);
        Uint32 *dp = (Uint32 *)((Uint8 *)dst->pixels + dy * dst->pitch);
        for (int col = 0; col < conv->w; col++) {
            int dx = x + col;
            Uint32 a = sp[col] >> 24;
            if (dx < 0 || dx >= dst->w || a == 0)
                continue;
            Uint32 d = dp[dx], da = d >> 24;
            Uint32 oa = a + da * (255 - a) / 255;
            Uint32 px = oa << 24;
            for (int shift = 0; shift < 24; shift += 8) {
                Uint32 sc = (sp[col] >> shift) & 255, dc = (d >> shift) & 255;
                Uint32 v = (sc * a + dc * da * (255 - a) / 255) / (oa ? oa : 1);
                px |= (v > 255 ? 255 : v) << shift;
            }
            dp[dx] = px;
        }
    }
    if (conv != src)
        SDL_FreeSurface(conv);
}

static SDL_Surface *render_run(TTF_Font *font, const char *text, SDL_Color color)
{
    return TTF_RenderUTF8_Blended(font, text, color);
}

static SDL_Surface *render_surface(TextCache *c, const char *s, const TextStyle *st)
{
    TextRuns r;
    if (!text_runs(c, s, st, &r))
        return NULL;
    char buf[1024];
    int o = st->halo ? HALO_PX(st->size) : 0;
    if (r.n == 1) {
        /* One run: SDL_ttf draws it whole, halo under the text. */
        run_text(&r, 0, s, buf, sizeof buf);
        SDL_Surface *fg = render_run(r.fonts[0]->font, buf, st->color);
        if (!fg || !st->halo)
            return fg;
        SDL_Surface *bg = render_run(r.fonts[0]->outline, buf, st->halo_color);
        if (!bg)
            return fg;
        SDL_Rect at = {o, o, fg->w, fg->h};
        SDL_SetSurfaceBlendMode(fg, SDL_BLENDMODE_BLEND);
        SDL_BlitSurface(fg, NULL, bg, &at);
        SDL_FreeSurface(fg);
        return bg;
    }
    /* Several runs, side by side in visual order, on a common baseline. */
    int width = 0, ascent = 0, descent = 0, x[BIDI_MAX_RUNS];
    for (int i = 0; i < r.n; i++) {
        int w = 0, h = 0;
        TTF_SizeUTF8(r.fonts[i]->font, run_text(&r, i, s, buf, sizeof buf), &w, &h);
        x[i] = width;
        width += w;
        TTF_Font *f = r.fonts[i]->font;
        ascent = TTF_FontAscent(f) > ascent ? TTF_FontAscent(f) : ascent;
        descent = -TTF_FontDescent(f) > descent ? -TTF_FontDescent(f) : descent;
    }
    SDL_Surface *out = SDL_CreateRGBSurfaceWithFormat(0, width + 2 * o, ascent + descent + 2 * o,
                                                      32, SDL_PIXELFORMAT_ARGB8888);
    if (!out)
        return NULL;
    SDL_FillRect(out, NULL, 0);
    for (int pass = st->halo ? 0 : 1; pass < 2; pass++) {
        for (int i = 0; i < r.n; i++) {
            run_text(&r, i, s, buf, sizeof buf);
            SDL_Surface *part = pass ? render_run(r.fonts[i]->font, buf, st->color)
                                     : render_run(r.fonts[i]->outline, buf, st->halo_color);
            if (!part)
                continue;
            int top = ascent - TTF_FontAscent(r.fonts[i]->font);
            composite_over(out, part, x[i] + (pass ? o : 0), top + (pass ? o : 0));
            SDL_FreeSurface(part);
        }
    }
    return out;
}

static Entry *lookup(TextCache *c, const char *s, const TextStyle *st, uint32_t h, bool *found)
{
    for (int probe = 0; probe < CACHE_SLOTS; probe++) {
        Entry *e = &c->slots[(h + (uint32_t)probe) & (CACHE_SLOTS - 1)];
        if (!e->text) {
            *found = false;
            return e;
        }
        if (e->hash == h && same_style(&e->style, st) && !strcmp(e->text, s)) {
            *found = true;
            return e;
        }
    }
    *found = false;
    return NULL;
}

SDL_Texture *text_get(TextCache *c, const char *s, const TextStyle *st, int *w, int *h)
{
    if (!c || !s || !*s)
        return NULL;
    uint32_t hash = hash_of(s, st);
    bool found;
    Entry *e = lookup(c, s, st, hash, &found);
    if (!e)
        return NULL;
    if (!found) {
        SDL_Surface *surf = render_surface(c, s, st);
        if (!surf)
            return NULL;
        SDL_Texture *tex = SDL_CreateTextureFromSurface(c->renderer, surf);
        int sw = surf->w, sh = surf->h;
        SDL_FreeSurface(surf);
        if (!tex)
            return NULL;
        e->text = wk_strdup(s);
        if (!e->text) {
            SDL_DestroyTexture(tex);
            return NULL;
        }
        e->style = *st;
        e->texture = tex;
        e->w = sw;
        e->h = sh;
        e->hash = hash;
        c->count++;
    }
    e->used = c->frame;
    if (w)
        *w = e->w;
    if (h)
        *h = e->h;
    return e->texture;
}

bool text_measure(TextCache *c, const char *s, const TextStyle *st, int *w, int *h)
{
    TextRuns r;
    if (!c || !s || !text_runs(c, s, st, &r))
        return false;
    char buf[1024];
    *w = *h = 0;
    int ascent = 0, descent = 0;
    for (int i = 0; i < r.n; i++) {
        int rw = 0, rh = 0;
        if (TTF_SizeUTF8(r.fonts[i]->font, run_text(&r, i, s, buf, sizeof buf), &rw, &rh) != 0)
            return false;
        *w += rw;
        *h = rh > *h ? rh : *h;
        TTF_Font *f = r.fonts[i]->font;
        ascent = TTF_FontAscent(f) > ascent ? TTF_FontAscent(f) : ascent;
        descent = -TTF_FontDescent(f) > descent ? -TTF_FontDescent(f) : descent;
    }
    if (r.n > 1)
        *h = ascent + descent; /* as render_surface stacks them */
    if (st->halo) {
        *w += 2 * HALO_PX(st->size);
        *h += 2 * HALO_PX(st->size);
    }
    return true;
}

int text_draw(TextCache *c, const char *s, const TextStyle *st, float x, float y)
{
    int w = 0, h = 0;
    SDL_Texture *t = text_get(c, s, st, &w, &h);
    if (!t)
        return 0;
    SDL_FRect dst = {x, y, (float)w, (float)h};
    SDL_RenderCopyF(c->renderer, t, NULL, &dst);
    return w;
}

static int by_used_desc(const void *a, const void *b)
{
    const Entry *x = *(Entry *const *)a, *y = *(Entry *const *)b;
    return x->used < y->used ? 1 : x->used > y->used ? -1 : 0;
}

void text_frame_end(TextCache *c)
{
    if (!c)
        return;
    c->frame++;
    if (c->count < CACHE_SLOTS * 3 / 4)
        return;
    /* Rebuild the table with the most recently used entries only (linear probing cannot
     * delete in place). */
    Entry **live = malloc(sizeof *live * (size_t)c->count);
    Entry *old = malloc(sizeof *old * CACHE_SLOTS);
    if (!live || !old) {
        free(live);
        free(old);
        return;
    }
    memcpy(old, c->slots, sizeof *old * CACHE_SLOTS);
    int n = 0;
    for (int i = 0; i < CACHE_SLOTS; i++)
        if (old[i].text)
            live[n++] = &old[i];
    qsort(live, (size_t)n, sizeof *live, by_used_desc);
    memset(c->slots, 0, sizeof c->slots);
    c->count = 0;
    for (int i = 0; i < n; i++) {
        if (i >= CACHE_KEEP) {
            free_entry(live[i]);
            continue;
        }
        bool found;
        Entry *slot = lookup(c, live[i]->text, &live[i]->style, live[i]->hash, &found);
        *slot = *live[i];
        c->count++;
    }
    free(live);
    free(old);
}

/* The code point at p and its length in bytes. */
static unsigned utf8_at(const char *p, int *len)
{
    const unsigned char *u = (const unsigned char *)p;
    *len = *u >= 0xF0 ? 4 : *u >= 0xE0 ? 3 : *u >= 0xC0 ? 2 : 1;
    unsigned cp = *len == 1 ? *u : *u & (0x3F >> (*len - 1));
    for (int i = 1; i < *len; i++) {
        if ((u[i] & 0xC0) != 0x80) {
            *len = i;
            break;
        }
        cp = (cp << 6) | (u[i] & 0x3F);
    }
    return cp;
}

/* Chinese punctuation that may not begin a line: it stays with the character before it. */
static bool closing_cjk(unsigned cp)
{
    return cp == 0x3001 || cp == 0x3002 || (cp >= 0x3009 && cp <= 0x3011 && cp % 2 == 1) ||
           cp == 0xFF01 || cp == 0xFF09 || cp == 0xFF0C || cp == 0xFF1A || cp == 0xFF1B ||
           cp == 0xFF1F || cp == 0x201D || cp == 0x2019;
}

/* The end of the word starting at p: at a space or a new line, and, since Chinese is written
 * without spaces, after every Chinese character (with the punctuation that closes on it) and
 * before one. */
static const char *word_end(const char *p)
{
    int len;
    if (*p && bidi_script_of(utf8_at(p, &len)) == BIDI_CJK) {
        p += len;
        while (*p && closing_cjk(utf8_at(p, &len)))
            p += len;
        return p;
    }
    while (*p && *p != ' ' && *p != '\n' && bidi_script_of(utf8_at(p, &len)) != BIDI_CJK)
        p += len;
    return p;
}

int text_wrap(TextCache *c, const char *s, const TextStyle *st, int width,
              void (*line)(void *user, const char *start, int len), void *user)
{
    int lines = 0;
    char buf[1024];
    while (*s) {
        /* Take words while the line fits. */
        const char *end = s, *best = NULL;
        while (*end) {
            const char *next = end;
            while (*next == ' ')
                next++;
            next = word_end(next);
            int len = (int)(next - s);
            if (len >= (int)sizeof buf)
                break;
            memcpy(buf, s, (size_t)len);
            buf[len] = '\0';
            int w = 0, h = 0;
            if (best && text_measure(c, buf, st, &w, &h) && w > width)
                break;
            best = next;
            end = next;
            if (*end == '\n')
                break;
        }
        if (!best) { /* one word longer than the line or the buffer: cut it, between two
                        characters, and always move on */
            size_t cut = wk_utf8_clip(s, sizeof buf / 2);
            best = s + (cut ? cut : 1);
        }
        line(user, s, (int)(best - s));
        lines++;
        s = best;
        while (*s == ' ' || *s == '\n')
            s++;
    }
    return lines;
}
