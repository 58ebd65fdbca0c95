/* Language codes and locale names. */
#include "lang.h"

#include <stdlib.h>
#include <string.h>

static const struct {
    const char *code, *native;
    bool rtl;
} langs[WK_LANG_COUNT] = {
    [WK_LANG_EN] = {"en", "English", false},
    [WK_LANG_ZH] = {"zh_CN", "中文", false},
    [WK_LANG_FA] = {"fa", "دری", true},
    [WK_LANG_PS] = {"ps", "پښتو", true},
};

const char *wk_lang_code(WkLang lang)
{
    return lang >= 0 && lang < WK_LANG_COUNT ? langs[lang].code : "en";
}

const char *wk_lang_native_name(WkLang lang)
{
    return lang >= 0 && lang < WK_LANG_COUNT ? langs[lang].native : "English";
}

bool wk_lang_rtl(WkLang lang)
{
    return lang >= 0 && lang < WK_LANG_COUNT && langs[lang].rtl;
}

bool wk_lang_parse(const char *text, WkLang *out)
{
    if (!text)
        return false;
    /* The language part: letters up to '_', '-', '.', '@' or the end. */
    size_t n = strcspn(text, "_-.@");
    char head[4];
    if (n < 2 || n > 3)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = text[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c < 'a' || c > 'z')
            return false;
        head[i] = c;
    }
    head[n] = '\0';
    static const struct {
        const char *code;
        WkLang lang;
    } names[] = {{"en", WK_LANG_EN},  {"eng", WK_LANG_EN}, {"zh", WK_LANG_ZH},
                 {"zho", WK_LANG_ZH}, {"chi", WK_LANG_ZH}, {"fa", WK_LANG_FA},
                 {"fas", WK_LANG_FA}, {"per", WK_LANG_FA}, {"prs", WK_LANG_FA},
                 {"ps", WK_LANG_PS},  {"pus", WK_LANG_PS}, {"pbt", WK_LANG_PS}};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        if (!strcmp(head, names[i].code)) {
            *out = names[i].lang;
            return true;
        }
    }
    return false;
}

static bool usable(const char *value)
{
    return value && *value;
}

WkLang wk_lang_from_env(void)
{
    const char *locale = NULL;
    const char *vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (int i = 0; i < 3 && !locale; i++)
        if (usable(getenv(vars[i])))
            locale = getenv(vars[i]);
    WkLang lang = WK_LANG_EN;
    bool c_locale = !locale || !strcmp(locale, "C") || !strcmp(locale, "POSIX");
    const char *list = getenv("LANGUAGE");
    if (!c_locale && usable(list)) {
        /* "fa:ps:en": the first entry the atlas has wins. */
        for (const char *p = list; *p;) {
            size_t n = strcspn(p, ":");
            char entry[64];
            if (n < sizeof entry) {
                memcpy(entry, p, n);
                entry[n] = '\0';
                if (wk_lang_parse(entry, &lang))
                    return lang;
            }
            p += n + (p[n] == ':');
        }
    }
    if (!c_locale)
        wk_lang_parse(locale, &lang);
    return lang;
}
