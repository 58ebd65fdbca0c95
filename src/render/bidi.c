/* Runs of one direction and one script, in visual order, through GNU FriBidi. */
#include "bidi.h"

#include <fribidi.h>
#include <stdlib.h>
#include <string.h>

BidiScript bidi_script_of(unsigned cp)
{
    if ((cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
        (cp >= 0xFF00 && cp <= 0xFFEF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
        (cp >= 0x20000 && cp <= 0x3FFFF))
        return BIDI_CJK;
    if ((cp >= 0x0600 && cp <= 0x06FF) || (cp >= 0x0750 && cp <= 0x077F) ||
        (cp >= 0x08A0 && cp <= 0x08FF) || (cp >= 0xFB50 && cp <= 0xFDFF) ||
        (cp >= 0xFE70 && cp <= 0xFEFF))
        return BIDI_ARABIC;
    return BIDI_LATIN;
}

bool bidi_is_neutral(unsigned cp)
{
    /* ASCII digits, spaces and punctuation, general punctuation (dashes, quotes, ZWJ/ZWNJ),
     * the degree sign and friends: they take the script around them. */
    if (cp < 0x80)
        return !((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
    return (cp >= 0x80 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 || (cp >= 0x2000 && cp <= 0x206F);
}

/* Decodes UTF-8 (already validated by the loaders; a bad byte is read as itself). */
static int decode(const char *s, FriBidiChar *cps, int *offsets, int max)
{
    const unsigned char *p = (const unsigned char *)s, *begin = p;
    int n = 0;
    while (*p && n < max) {
        unsigned cp = *p;
        int len = cp >= 0xF0 ? 4 : cp >= 0xE0 ? 3 : cp >= 0xC0 ? 2 : 1;
        if (len > 1)
            cp &= 0x3F >> (len - 1);
        for (int i = 1; i < len; i++) {
            if ((p[i] & 0xC0) != 0x80) {
                len = i;
                break;
            }
            cp = (cp << 6) | (p[i] & 0x3F);
        }
        offsets[n] = (int)(p - begin);
        cps[n++] = cp;
        p += len;
    }
    offsets[n] = (int)(p - begin);
    return n;
}

int bidi_runs(const char *utf8, bool rtl, BidiCovers covers, void *user, BidiRun *runs, int max)
{
    size_t bytes = strlen(utf8);
    if (!bytes || max <= 0)
        return 0;
    int cap = (int)bytes;
    FriBidiChar *cps = calloc((size_t)cap, sizeof *cps);
    int *offsets = malloc(sizeof *offsets * (size_t)(cap + 1));
    FriBidiCharType *types = malloc(sizeof *types * (size_t)cap);
    FriBidiBracketType *brackets = malloc(sizeof *brackets * (size_t)cap);
    FriBidiLevel *levels = malloc(sizeof *levels * (size_t)cap);
    BidiScript *scripts = malloc(sizeof *scripts * (size_t)cap);
    int nruns = 0;
    if (!cps || !offsets || !types || !brackets || !levels || !scripts)
        goto fallback;
    int n = decode(utf8, cps, offsets, cap);
    fribidi_get_bidi_types(cps, n, types);
    fribidi_get_bracket_types(cps, n, types, brackets);
    FriBidiParType base = rtl ? FRIBIDI_PAR_WRTL : FRIBIDI_PAR_WLTR;
    if (!fribidi_get_par_embedding_levels_ex(types, brackets, n, &base, levels))
        goto fallback;
    /* Scripts: a neutral character takes the script before it in its level, or, at the start,
     * the first one after it. */
    int first_strong = -1;
    for (int i = 0; i < n; i++) {
        if (bidi_is_neutral(cps[i]))
            continue;
        scripts[i] = bidi_script_of(cps[i]);
        if (first_strong < 0)
            first_strong = i;
    }
    for (int i = 0; i < n; i++) {
        if (!bidi_is_neutral(cps[i]))
            continue;
        if (i > 0 && levels[i - 1] == levels[i]) {
            scripts[i] = scripts[i - 1];
        } else {
            int k = i + 1;
            while (k < n && (bidi_is_neutral(cps[k]) || levels[k] != levels[i]))
                k++;
            scripts[i] = k < n               ? scripts[k]
                         : first_strong >= 0 ? scripts[first_strong]
                                             : BIDI_LATIN;
        }
    }
    /* A face without the glyph (Chinese fonts without Latin digits, Arabic ones without
     * brackets) hands the character to the Latin face. */
    for (int i = 0; covers && i < n; i++)
        if (scripts[i] != BIDI_LATIN && bidi_is_neutral(cps[i]) &&
            !covers(user, scripts[i], cps[i]))
            scripts[i] = BIDI_LATIN;
    /* Runs in logical order. */
    for (int i = 0; i < n;) {
        int j = i + 1;
        while (j < n && levels[j] == levels[i] && scripts[j] == scripts[i])
            j++;
        if (nruns == max - 1)
            j = n; /* the rest in one run */
        runs[nruns++] = (BidiRun){offsets[i], offsets[j] - offsets[i], levels[i], scripts[i]};
        i = j;
    }
    /* Rule L2: from the highest level down to the lowest odd one, reverse every sequence of
     * runs at that level or above. */
    int high = 0, low_odd = 255;
    for (int i = 0; i < nruns; i++) {
        if (runs[i].level > high)
            high = runs[i].level;
        if ((runs[i].level & 1) && runs[i].level < low_odd)
            low_odd = runs[i].level;
    }
    for (int level = high; level >= low_odd && level > 0; level--) {
        for (int i = 0; i < nruns;) {
            if (runs[i].level < level) {
                i++;
                continue;
            }
            int j = i;
            while (j < nruns && runs[j].level >= level)
                j++;
            for (int a = i, b = j - 1; a < b; a++, b--) {
                BidiRun t = runs[a];
                runs[a] = runs[b];
                runs[b] = t;
            }
            i = j;
        }
    }
    goto done;
fallback:
    /* Out of memory or a FriBidi failure: the string as one run in its first script. */
    nruns = 1;
    runs[0] = (BidiRun){0, (int)bytes, rtl, BIDI_LATIN};
done:
    free(cps), free(offsets), free(types), free(brackets), free(levels), free(scripts);
    return nruns;
}
