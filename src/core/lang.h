/*
 * The languages the atlas speaks: English (the language of the data files), Simplified
 * Chinese, Dari and Pashto. Interface strings go through gettext; content (event titles, era
 * and polity names...) comes from data/lang/CODE.json; dates are formatted per language by
 * date.c. This header only names the languages and reads a locale name.
 */
#ifndef WK_LANG_H
#define WK_LANG_H

#include <stdbool.h>

typedef enum WkLang { WK_LANG_EN, WK_LANG_ZH, WK_LANG_FA, WK_LANG_PS, WK_LANG_COUNT } WkLang;

/* The code used for file names and gettext catalogues: "en", "zh_CN", "fa", "ps". */
const char *wk_lang_code(WkLang lang);

/* The language's name in itself: "English", "中文", "دری", "پښتو". */
const char *wk_lang_native_name(WkLang lang);

/* Reads a language code or a locale name as LANG, LANGUAGE and --lang write them: "zh",
 * "zh_CN", "zh-CN.UTF-8", "fa_AF", "prs" (Dari's ISO 639-3 code), "ps_AF.utf8", "en_GB".
 * False (and *out unchanged) for anything else, including "C" and "POSIX". */
bool wk_lang_parse(const char *text, WkLang *out);

/* The interface language from the environment, in gettext's order: the first usable entry of
 * LANGUAGE (a colon-separated list), then LC_ALL, LC_MESSAGES, LANG; English when none names
 * a language the atlas has. LANGUAGE is only consulted when the locale is not "C", as gettext
 * does. */
WkLang wk_lang_from_env(void);

/* True for languages written right to left (Dari, Pashto). */
bool wk_lang_rtl(WkLang lang);

#endif
