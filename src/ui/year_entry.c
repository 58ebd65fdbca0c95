/*
 * Reading a year the way a teacher types it: "1895", "104 BC", "104bce", "-104" (a minus sign
 * means BC, as people write it, not the astronomical numbering of the data files), "AD 659",
 * "659 CE". Pure, so it is tested without a window.
 */
#include "ui.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

static const char *skip_space(const char *p)
{
    while (*p == ' ' || *p == '\t')
        p++;
    return p;
}

/* Matches one of the era words at p (case-insensitive, an optional dot after each letter);
 * returns the text after it, or NULL. */
static const char *era_word(const char *p, bool *bc)
{
    static const struct {
        const char *word;
        bool bc;
    } words[] = {{"bce", true}, {"bc", true}, {"ad", false}, {"ce", false}};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        const char *q = p, *w = words[i].word;
        while (*w && tolower((unsigned char)*q) == *w) {
            q++, w++;
            if (*q == '.')
                q++;
        }
        if (!*w && !isalpha((unsigned char)*q)) {
            *bc = words[i].bc;
            return q;
        }
    }
    return NULL;
}

bool ui_year_parse(const char *text, int *year)
{
    if (!text)
        return false;
    const char *p = skip_space(text);
    bool minus = false, bc = false, has_era = false;
    const char *after = era_word(p, &bc);
    if (after && !bc) { /* "AD 659": the only era word that may come first */
        has_era = true;
        p = skip_space(after);
    } else if (after) {
        return false;
    }
    if (*p == '-' || (unsigned char)p[0] == 0xE2) { /* '-' or U+2212 MINUS SIGN */
        if (*p != '-' && !((unsigned char)p[1] == 0x88 && (unsigned char)p[2] == 0x92))
            return false;
        minus = true;
        p += *p == '-' ? 1 : 3;
    }
    long n = 0;
    int digits = 0;
    for (; isdigit((unsigned char)*p); p++, digits++)
        if ((n = n * 10 + (*p - '0')) > -WK_YEAR_MIN)
            return false;
    if (digits == 0 || n == 0)
        return false;
    p = skip_space(p);
    if (*p && !has_era) {
        if (!(p = era_word(p, &bc)))
            return false;
        has_era = true;
        p = skip_space(p);
    }
    if (*p || (minus && has_era))
        return false;
    /* n BC is astronomical year 1 - n: 1 BC is year 0. */
    *year = minus || bc ? (int)(1 - n) : (int)n;
    return true;
}
