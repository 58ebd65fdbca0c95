/* gettext set-up and the run-time language switch. */
#include "i18n.h"

#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The process's interface language, as gettext has one catalogue state per process. */
static WkLang current = WK_LANG_EN;
static char locale_dir[PATH_MAX];

/* GNU gettext caches translations; bumping this counter (documented in the gettext manual,
 * "Being a gettext grok") makes it look the language up again after LANGUAGE changes. */
extern int _nl_msg_cat_cntr;

static bool has_catalogue(const char *dir)
{
    char probe[PATH_MAX + 64];
    snprintf(probe, sizeof probe, "%s/fa/LC_MESSAGES/" WK_TEXT_DOMAIN ".mo", dir);
    return access(probe, R_OK) == 0;
}

/* The build tree puts catalogues in locale/ beside the executable; an installed program
 * finds them in ../share/locale. */
static void find_locale_dir(const char *exe)
{
    char self[PATH_MAX];
    if (!exe) {
        ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
        if (n <= 0)
            return;
        self[n] = '\0';
        exe = self;
    }
    const char *slash = strrchr(exe, '/');
    int dirlen = slash ? (int)(slash - exe) : 1;
    const char *dir = slash ? exe : ".";
    const char *candidates[] = {"locale", "../share/locale"};
    for (size_t i = 0; i < sizeof candidates / sizeof *candidates; i++) {
        char path[PATH_MAX];
        int n = snprintf(path, sizeof path, "%.*s/%s", dirlen, dir, candidates[i]);
        if (n > 0 && n < (int)sizeof path && has_catalogue(path) && realpath(path, locale_dir))
            return;
    }
    locale_dir[0] = '\0';
}

WkLang wk_i18n_init(const char *exe)
{
    /* gettext ignores LANGUAGE in the "C" locale; C.UTF-8 is always there and is not "C". */
    const char *loc = setlocale(LC_ALL, "");
    if (!loc || !strcmp(loc, "C") || !strcmp(loc, "POSIX"))
        setlocale(LC_ALL, "C.UTF-8");
    /* Numbers are printed and parsed with '.', whatever the locale. */
    setlocale(LC_NUMERIC, "C");
    /* Character classes stay "C": in a UTF-8 LC_CTYPE, Xlib labels the window title's WM_NAME
     * with the encoding "UTF-8", which window tools (xdotool, and with it every GUI test) cannot
     * read. Messages still come out in UTF-8 (bind_textdomain_codeset below), and all text is
     * handled as UTF-8 by the program itself. */
    setlocale(LC_CTYPE, "C");
    WkLang lang = wk_lang_from_env();
    find_locale_dir(exe);
    if (locale_dir[0])
        bindtextdomain(WK_TEXT_DOMAIN, locale_dir);
    bind_textdomain_codeset(WK_TEXT_DOMAIN, "UTF-8");
    textdomain(WK_TEXT_DOMAIN);
    wk_i18n_set(lang);
    return lang;
}

void wk_i18n_set(WkLang lang)
{
    current = lang >= 0 && lang < WK_LANG_COUNT ? lang : WK_LANG_EN;
    /* LANGUAGE outranks every LC_ variable for messages; "en" has no catalogue, so English
     * is the msgids themselves. */
    setenv("LANGUAGE", wk_lang_code(current), 1);
    ++_nl_msg_cat_cntr;
}

WkLang wk_i18n_lang(void)
{
    return current;
}

const char *wk_i18n_dir(void)
{
    return locale_dir;
}
