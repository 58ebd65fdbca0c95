#include "search.h"

#include <stdlib.h>
#include <string.h>

#include "language.h"

/* The base letter of U+00C0..U+017F, lower case (the Latin-1 Supplement and Latin Extended-A
 * letters that place names use: Ürümqi, Kāshgar, Ţarāz...). */
static const char latin_base[] = "aaaaaaaceeeeiiiidnoooooxouuuuytsaaaaaaaceeeeiiiidnooooo/ouuuuyty"
                                 "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllll"
                                 "llnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

/* The base letter of U+1E00..U+1EFF (Latin Extended Additional: ḥ, ṣ, ẓ, ạ...). */
static const char latin_extended[] =
    "aabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmmmmmm"
    "nnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvvwwwwwwww"
    "wwxxxxyyzzzzzzhtwyassssdaaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeiiii"
    "oooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyyllvvyy";

/* Decodes one UTF-8 character at *p (advancing it); invalid bytes come back as themselves. */
static unsigned next_char(const unsigned char **p)
{
    const unsigned char *s = *p;
    unsigned c = s[0];
    int n = c < 0x80             ? 0
            : (c & 0xe0) == 0xc0 ? 1
            : (c & 0xf0) == 0xe0 ? 2
            : (c & 0xf8) == 0xf0 ? 3
                                 : -1;
    if (n < 0) {
        *p = s + 1;
        return c;
    }
    c = n == 0 ? c : n == 1 ? c & 0x1f : n == 2 ? c & 0x0f : c & 0x07;
    for (int i = 1; i <= n; i++) {
        if ((s[i] & 0xc0) != 0x80) {
            *p = s + 1;
            return s[0];
        }
        c = (c << 6) | (s[i] & 0x3f);
    }
    *p = s + n + 1;
    return c;
}

static size_t put_char(unsigned c, char *out)
{
    if (c < 0x80)
        return out[0] = (char)c, 1;
    if (c < 0x800)
        return out[0] = (char)(0xc0 | c >> 6), out[1] = (char)(0x80 | (c & 0x3f)), 2;
    if (c < 0x10000)
        return out[0] = (char)(0xe0 | c >> 12), out[1] = (char)(0x80 | ((c >> 6) & 0x3f)),
               out[2] = (char)(0x80 | (c & 0x3f)), 3;
    return out[0] = (char)(0xf0 | c >> 18), out[1] = (char)(0x80 | ((c >> 12) & 0x3f)),
           out[2] = (char)(0x80 | ((c >> 6) & 0x3f)), out[3] = (char)(0x80 | (c & 0x3f)), 4;
}

/* The folded form of one character: itself, another, or 0 to drop it. */
static unsigned fold_char(unsigned c)
{
    if (c >= 'A' && c <= 'Z')
        return c + ('a' - 'A');
    if (c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02bc || c == 0x02bb || c == 0x02be ||
        c == 0x02bf || c == '`')
        return 0; /* Xi'an, Ma'mun, ʿAbbasid */
    if (c == '-' || c == '_' || c == 0x2010 || c == 0x2013 || c == 0x2014 || c == 0x00a0)
        return ' ';
    if (c >= 0xc0 && c < 0x180)
        return (unsigned char)latin_base[c - 0xc0];
    if (c >= 0x1e00 && c <= 0x1eff)
        return fold_char(latin_extended[c - 0x1e00]);
    switch (c) {
    case 0x064a:       /* ARABIC YEH */
    case 0x0649:       /* ALEF MAKSURA */
        return 0x06cc; /* FARSI YEH */
    case 0x0643:       /* ARABIC KAF */
        return 0x06a9; /* KEHEH */
    case 0x0629:       /* TEH MARBUTA */
        return 0x0647;
    case 0x0622: /* alef with madda or hamza */
    case 0x0623:
    case 0x0625:
        return 0x0627;
    case 0x0640: /* tatweel */
    case 0x200c: /* zero-width non-joiner */
    case 0x200d:
        return 0;
    default:
        break;
    }
    if ((c >= 0x064b && c <= 0x065f) || c == 0x0670) /* vowel marks */
        return 0;
    return c;
}

void atlas_search_fold(const char *in, char *out, size_t size)
{
    size_t n = 0;
    const unsigned char *p = (const unsigned char *)(in ? in : "");
    while (*p) {
        unsigned c = fold_char(next_char(&p));
        char buf[4];
        size_t len = c ? put_char(c, buf) : 0;
        if (c == ' ' && (n == 0 || out[n - 1] == ' '))
            continue; /* one space between words, none in front */
        if (n + len >= size)
            break;
        memcpy(out + n, buf, len);
        n += len;
    }
    while (n > 0 && out[n - 1] == ' ')
        n--;
    if (size > 0)
        out[n] = '\0';
}

int atlas_search_score(const char *name, const char *query)
{
    if (!*query)
        return -1;
    const char *at = strstr(name, query);
    if (!at)
        return -1;
    if (at == name)
        return strlen(name) == strlen(query) ? 0 : 1;
    for (; at; at = strstr(at + 1, query))
        if (at[-1] == ' ' || at[-1] == '(')
            return 2;
    return 3;
}

/* The best score of a record over the names it has in every language. */
static int best_of(const char *const *names, int n, const char *query)
{
    int best = -1;
    for (int i = 0; i < n; i++) {
        if (!names[i] || !*names[i])
            continue;
        char folded[512];
        atlas_search_fold(names[i], folded, sizeof folded);
        int s = atlas_search_score(folded, query);
        if (s >= 0 && (best < 0 || s < best))
            best = s;
    }
    return best;
}

typedef struct Ranked {
    AtlasHit hit;
    double order; /* within a kind: rank for places, date for the rest */
} Ranked;

static int by_rank(const void *a, const void *b)
{
    const Ranked *x = a, *y = b;
    if (x->hit.score != y->hit.score)
        return x->hit.score - y->hit.score;
    if (x->hit.kind != y->hit.kind)
        return (int)x->hit.kind - (int)y->hit.kind;
    return x->order < y->order ? -1 : x->order > y->order;
}

int atlas_search(const Atlas *atlas, const char *query, AtlasHit *hits, int max)
{
    char q[256];
    atlas_search_fold(query, q, sizeof q);
    if (!*q || max <= 0)
        return 0;
    int cap = atlas->nplaces + atlas->npolities + atlas->noverlays + atlas->nevents;
    Ranked *all = cap > 0 ? malloc(sizeof *all * (size_t)cap) : NULL;
    if (!all)
        return 0;
    int n = 0;
    for (int i = 0; i < atlas->nplaces; i++) {
        const AtlasPlace *p = &atlas->places[i];
        const char *names[] = {p->name, p->name_zh, p->name_fa, p->id};
        int s = best_of(names, 4, q);
        if (s >= 0)
            all[n++] = (Ranked){{ATLAS_HIT_PLACE, i, s}, p->rank};
    }
    for (int i = 0; i < atlas->npolities; i++) {
        const char *names[WK_LANG_COUNT + 1];
        for (int l = 0; l < WK_LANG_COUNT; l++)
            names[l] = atlas_polity_name(atlas, i, (WkLang)l);
        names[WK_LANG_COUNT] = atlas->polities[i].id;
        int s = best_of(names, WK_LANG_COUNT + 1, q);
        if (s >= 0)
            all[n++] = (Ranked){{ATLAS_HIT_POLITY, i, s}, i};
    }
    for (int i = 0; i < atlas->noverlays; i++) {
        const char *names[WK_LANG_COUNT];
        for (int l = 0; l < WK_LANG_COUNT; l++)
            names[l] = atlas_overlay_name(atlas, i, (WkLang)l);
        int s = best_of(names, WK_LANG_COUNT, q);
        if (s >= 0)
            all[n++] = (Ranked){{ATLAS_HIT_OVERLAY, i, s}, atlas->overlays[i].start};
    }
    for (int i = 0; i < atlas->nevents; i++) {
        const char *names[WK_LANG_COUNT];
        for (int l = 0; l < WK_LANG_COUNT; l++)
            names[l] = atlas_event_title(atlas, i, (WkLang)l);
        int s = best_of(names, WK_LANG_COUNT, q);
        if (s >= 0)
            all[n++] = (Ranked){{ATLAS_HIT_EVENT, i, s}, atlas->events[i].start};
    }
    qsort(all, (size_t)n, sizeof *all, by_rank);
    int out = n < max ? n : max;
    for (int i = 0; i < out; i++)
        hits[i] = all[i].hit;
    free(all);
    return out;
}
