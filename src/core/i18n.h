/*
 * Interface strings through GNU gettext. Every string a user reads in the window or in the
 * command line's answers is written _("...") (or N_("...") where it must stay a constant and
 * is translated where it is used); po/wakhan.pot lists them and po/CODE.po translates them.
 * The catalogues are compiled at build time into build/locale/CODE/LC_MESSAGES/wakhan.mo and
 * installed under share/locale; the program finds them relative to its own executable, so a
 * build tree runs uncopied.
 *
 * The language can change while the program runs (wk_i18n_set): gettext then answers from
 * the new catalogue. There is one interface language per process, as gettext has one.
 */
#ifndef WK_I18N_H
#define WK_I18N_H

#include <libintl.h>

#include "lang.h"

#define WK_TEXT_DOMAIN "wakhan"

#define _(s) gettext(s)
#define N_(s) (s)

/* Sets up the locale (the environment's, or C.UTF-8 when it has none) and binds the text
 * domain to the catalogues found beside the executable `exe` (its path; NULL: look it up).
 * Returns the language the environment asks for (LANGUAGE, LC_ALL, LC_MESSAGES, LANG). */
WkLang wk_i18n_init(const char *exe);

/* Switches the interface language; later gettext calls answer in it. */
void wk_i18n_set(WkLang lang);

/* The interface language set last (English before wk_i18n_init). */
WkLang wk_i18n_lang(void);

/* Where the catalogues were found ("" when none): for messages and tests. */
const char *wk_i18n_dir(void);

#endif
