/*
 * Dates in the reader's language, and the Solar Hijri calendar.
 *
 * English is date.c's own form. Chinese writes 公元前104年, 659年, 2016年9月, 1955年1月20日,
 * 约659年, 5世纪. Dari and Pashto write Eastern Arabic-Indic digits (۰۱۲۳۴۵۶۷۸۹) and put the
 * Solar Hijri year, the calendar of Afghanistan's schools and offices, beside the Gregorian
 * one:
 *   - a day gives the exact Solar Hijri day: ۲۰ جنوری ۱۹۵۵ م (۳۰ جدی ۱۳۳۳
 * ه‍.ش);
 *   - a bare year Y gives the Solar Hijri year that begins at its Nowruz, Y − 621, which holds
 *     nine and a half of Y's months: ۲۰۲۴ م (۱۴۰۳ ه‍.ش);
 *   - a month gives the Solar Hijri year of its days, both when Nowruz falls inside it
 *     (March): مارچ ۲۰۲۴ م (۱۴۰۲–۱۴۰۳ ه‍.ش).
 * Dates before 1 Hamal of year 1 (21 March 622) have no Solar Hijri year and are written in
 * the Gregorian calendar alone, with ق.م for BC.
 *
 * The Solar Hijri calendar here is the arithmetic one: a year is leap when
 * (25·y + 11) mod 33 < 8 (eight leap years in every 33), Hamal 1 of year 1 is 21 March 622
 * (proleptic Gregorian), the first six months have 31 days, the next five 30, and Hut 29 (30
 * in a leap year). For modern years it gives the published calendar (the tests check Nowruz of
 * 1399 to 1405 and days of Afghan history); centuries away from today the arithmetic and the
 * astronomical calendar (Nowruz on the day of the equinox before noon) may differ by a day.
 */
#ifndef WK_DATE_LANG_H
#define WK_DATE_LANG_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"
#include "lang.h"

/* True when Solar Hijri year y has 366 days (Hut has 30). */
bool wk_solar_hijri_leap(int year);

/* Converts a proleptic Gregorian date (astronomical year) to Solar Hijri and back. Months and
 * days are 1-based; Solar Hijri years before 1 are counted astronomically (0, −1...). */
void wk_gregorian_to_solar_hijri(int year, int month, int day, int *sh_year, int *sh_month,
                                 int *sh_day);
void wk_solar_hijri_to_gregorian(int sh_year, int sh_month, int sh_day, int *year, int *month,
                                 int *day);

/* The names of the Solar Hijri months as Afghanistan uses them (Hamal, Sawr...), 1..12. */
const char *wk_solar_hijri_month_name(WkLang lang, int month);

/* Copies `text`, writing its ASCII digits as the language writes digits: Eastern
 * Arabic-Indic for Dari and Pashto, unchanged for English and Chinese. Returns buf, always
 * NUL-terminated when size > 0; never cuts a character in half. */
char *wk_digits_localize(const char *text, WkLang lang, char *buf, size_t size);

/* wk_date_format, wk_span_format and wk_time_format_year in a language (English: the same
 * as those). The year of wk_time_format_year_in is the short form for the slider: the
 * Gregorian year alone. */
char *wk_date_format_in(const WkDate *date, WkLang lang, char *buf, size_t size);
char *wk_span_format_in(const WkSpan *span, WkLang lang, char *buf, size_t size);
char *wk_time_format_year_in(double t, WkLang lang, char *buf, size_t size);

#endif
