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

/* Which face a string needs: the first CJK or Arabic-script code point decides. */
static TextFont face_for(const char *s, bool bold)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        uint32_t cp;
        int n;
        if (*p < 0x80)
            cp = *p, n = 1;
        else if ((*p & 0xE0) == 0xC0)
            cp = *p & 0x1F, n = 2;
        else if ((*p & 0xF0) == 0xE0)
            cp = *p & 0x0F, n = 3;
        else
            cp = *p & 0x07, n = 4;
        for (int i = 1; i < n && p[i]; i++)
            cp = (cp << 6) | (p[i] & 0x3F);
        if ((cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF))
            return TEXT_CJK;
        if ((cp >= 0x0600 && cp <= 0x06FF) || (cp >= 0xFB50 && cp <= 0xFEFF))
            return TEXT_ARABIC;
        for (int i = 0; i < n && *p; i++)
            p++;
    }
    return bold ? TEXT_BOLD : TEXT_LATIN;
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
        if (face == TEXT_ARABIC) {
            /* Right-to-left shaping with HarfBuzz. */
            TTF_SetFontDirection(slots[i].font, TTF_DIRECTION_RTL);
            TTF_SetFontDirection(slots[i].outline, TTF_DIRECTION_RTL);
            TTF_SetFontScriptName(slots[i].font, "Arab");
            TTF_SetFontScriptName(slots[i].outline, "Arab");
        }
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

static SDL_Surface *render_surface(TextCache *c, const char *s, const TextStyle *st)
{
    SizedFont *f = font_at(c, face_for(s, st->bold), st->size);
    if (!f)
        return NULL;
    SDL_Surface *fg = TTF_RenderUTF8_Blended(f->font, s, st->color);
    if (!fg || !st->halo)
        return fg;
    SDL_Surface *bg = TTF_RenderUTF8_Blended(f->outline, s, st->halo_color);
    if (!bg)
        return fg;
    int o = HALO_PX(st->size);
    SDL_Rect at = {o, o, fg->w, fg->h};
    SDL_SetSurfaceBlendMode(fg, SDL_BLENDMODE_BLEND);
    SDL_BlitSurface(fg, NULL, bg, &at);
    SDL_FreeSurface(fg);
    return bg;
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
    SizedFont *f = c ? font_at(c, face_for(s, st->bold), st->size) : NULL;
    if (!f || TTF_SizeUTF8(f->font, s, w, h) != 0)
        return false;
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
            while (*next && *next != ' ' && *next != '\n')
                next++;
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
        if (!best) /* one word longer than the line or the buffer: cut it */
            best = s + (strlen(s) < sizeof buf / 2 ? strlen(s) : sizeof buf / 2);
        line(user, s, (int)(best - s));
        lines++;
        s = best;
        while (*s == ' ' || *s == '\n')
            s++;
    }
    return lines;
}
