/* Dates in Chinese, Dari and Pashto; the Solar Hijri calendar. See date_lang.h. */
#include "date_lang.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Floor division: the calendars run before their epochs too. */
static long floor_div(long a, long b)
{
    return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* Days since 1 January of year 1 (proleptic Gregorian, day 0), for any astronomical year. */
static long gregorian_days(int year, int month, int day)
{
    /* Years counted from March, so the leap day ends the year. */
    long y = year - (month <= 2);
    long m = month <= 2 ? month + 9 : month - 3; /* March = 0 */
    long era = floor_div(y, 400);
    long yoe = y - era * 400;
    long doy = (153 * m + 2) / 5 + day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 306; /* 1 January of year 1 is day 0 */
}

static void gregorian_from_days(long days, int *year, int *month, int *day)
{
    long z = days + 306;
    long era = floor_div(z, 146097);
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *day = (int)(doy - (153 * mp + 2) / 5 + 1);
    *month = (int)(mp < 10 ? mp + 3 : mp - 9);
    *year = (int)(yoe + era * 400 + (*month <= 2));
}

/* Day number (as gregorian_days) of 1 Hamal of Solar Hijri year 1: 21 March 622. */
#define SOLAR_HIJRI_EPOCH 226894L

bool wk_solar_hijri_leap(int year)
{
    long r = (25L * year + 11) % 33;
    return (r < 0 ? r + 33 : r) < 8;
}

/* Day number of 1 Hamal of Solar Hijri year y: 365 days a year plus the leap days before it
 * (floor((8y + 21) / 33) of them counted from year 1). */
static long solar_hijri_new_year(long y)
{
    return SOLAR_HIJRI_EPOCH + 365 * (y - 1) + floor_div(8 * y + 21, 33);
}

void wk_gregorian_to_solar_hijri(int year, int month, int day, int *sh_year, int *sh_month,
                                 int *sh_day)
{
    long days = gregorian_days(year, month, day);
    /* 12053 days in 33 years; the estimate is off by at most one either way. */
    long y = floor_div((days - SOLAR_HIJRI_EPOCH) * 33, 12053) + 1;
    while (solar_hijri_new_year(y) > days)
        y--;
    while (solar_hijri_new_year(y + 1) <= days)
        y++;
    long doy = days - solar_hijri_new_year(y);
    if (doy < 186) {
        *sh_month = (int)(doy / 31 + 1);
        *sh_day = (int)(doy % 31 + 1);
    } else {
        *sh_month = (int)((doy - 186) / 30 + 7);
        *sh_day = (int)((doy - 186) % 30 + 1);
    }
    *sh_year = (int)y;
}

void wk_solar_hijri_to_gregorian(int sh_year, int sh_month, int sh_day, int *year, int *month,
                                 int *day)
{
    long doy = sh_month <= 6 ? (sh_month - 1) * 31L : 186 + (sh_month - 7) * 30L;
    gregorian_from_days(solar_hijri_new_year(sh_year) + doy + sh_day - 1, year, month, day);
}

/* The words each language dates with. */
typedef struct DateWords {
    const char *months[12];
    const char *sh_months[12];
    const char *bc;        /* after a BC year: " ق.م" */
    const char *ad;        /* after a Gregorian year when the Solar Hijri one follows: " م" */
    const char *sh;        /* after a Solar Hijri year: " ه‍.ش" */
    const char *approx;    /* before an approximate date */
    const char *uncertain; /* after an uncertain date */
    const char *century;   /* "قرن %s" */
} DateWords;

static const DateWords fa_words = {
    {"جنوری", "فبروری", "مارچ", "اپریل", "می", "جون", "جولای", "اگست", "سپتمبر", "اکتوبر", "نومبر",
     "دسمبر"},
    {"حمل", "ثور", "جوزا", "سرطان", "اسد", "سنبله", "میزان", "عقرب", "قوس", "جدی", "دلو", "حوت"},
    " ق.م",
    " م",
    " ه\u200d.ش",
    "حدود ",
    "؟",
    "قرن %s",
};

static const DateWords ps_words = {
    {"جنوري", "فبروري", "مارچ", "اپرېل", "مۍ", "جون", "جولای", "اګست", "سپتمبر", "اکتوبر", "نومبر",
     "دسمبر"},
    {"وری", "غویی", "غبرگولی", "چنگاښ", "زمری", "وږی", "تله", "لړم", "لیندۍ", "مرغومی", "سلواغه",
     "کب"},
    " ق.م",
    " ز",
    " ل",
    "شاوخوا ",
    "؟",
    "%sمه پېړۍ",
};

static const DateWords *arabic_words(WkLang lang)
{
    return lang == WK_LANG_PS ? &ps_words : lang == WK_LANG_FA ? &fa_words : NULL;
}

const char *wk_solar_hijri_month_name(WkLang lang, int month)
{
    const DateWords *w = arabic_words(lang);
    if (!w)
        w = &fa_words;
    return month >= 1 && month <= 12 ? w->sh_months[month - 1] : "";
}

char *wk_digits_localize(const char *text, WkLang lang, char *buf, size_t size)
{
    if (size == 0)
        return buf;
    bool eastern = arabic_words(lang) != NULL;
    size_t n = 0;
    for (const char *p = text; *p; p++) {
        if (eastern && *p >= '0' && *p <= '9') {
            /* U+06F0 + digit: 0xDB 0xB0.. in UTF-8 */
            if (n + 2 >= size)
                break;
            buf[n++] = (char)0xDB;
            buf[n++] = (char)(0xB0 + (*p - '0'));
            continue;
        }
        /* Copy one whole UTF-8 character or stop. */
        size_t len = 1;
        unsigned char c = (unsigned char)*p;
        if (c >= 0xF0)
            len = 4;
        else if (c >= 0xE0)
            len = 3;
        else if (c >= 0xC0)
            len = 2;
        if (n + len >= size || strnlen(p, len) < len)
            break;
        memcpy(buf + n, p, len);
        n += len;
        p += len - 1;
    }
    buf[n] = '\0';
    return buf;
}

/* The year a reader counts: astronomical 0 is 1 BC. */
static int reader_year(int year, bool *bc)
{
    *bc = year <= 0;
    return *bc ? 1 - year : year;
}

/* Solar Hijri of the dates date.h can hold: exact for days; for months, the years of the
 * first and last day; for years, Y − 621. False before the calendar's first day. */
static bool solar_hijri_years(const WkDate *d, int *first, int *last, int *month, int *day)
{
    *month = *day = 0;
    if (d->precision == WK_PREC_DAY) {
        wk_gregorian_to_solar_hijri(d->year, d->month, d->day, first, month, day);
        *last = *first;
    } else if (d->precision == WK_PREC_MONTH) {
        static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        int m, dd;
        wk_gregorian_to_solar_hijri(d->year, d->month, 1, first, &m, &dd);
        wk_gregorian_to_solar_hijri(d->year, d->month, mdays[d->month - 1], last, &m, &dd);
    } else {
        *first = *last = d->year - 621;
    }
    return *first >= 1;
}

static void format_zh(const WkDate *d, char *buf, size_t size)
{
    bool bc;
    int y = reader_year(d->year, &bc);
    const char *pre = d->flags & WK_DATE_APPROX ? "约" : "";
    const char *post = d->flags & WK_DATE_UNCERTAIN ? "？" : "";
    const char *era = bc ? "公元前" : "";
    if (d->precision == WK_PREC_YEAR)
        snprintf(buf, size, "%s%s%d年%s", pre, era, y, post);
    else if (d->precision == WK_PREC_MONTH)
        snprintf(buf, size, "%s%s%d年%d月%s", pre, era, y, d->month, post);
    else
        snprintf(buf, size, "%s%s%d年%d月%d日%s", pre, era, y, d->month, d->day, post);
}

/* The Gregorian part in Dari or Pashto, in ASCII digits (localized by the caller). */
static void format_arabic_gregorian(const WkDate *d, const DateWords *w, bool with_ad, char *buf,
                                    size_t size)
{
    bool bc;
    int y = reader_year(d->year, &bc);
    const char *era = bc ? w->bc : with_ad ? w->ad : "";
    if (d->precision == WK_PREC_YEAR)
        snprintf(buf, size, "%d%s", y, era);
    else if (d->precision == WK_PREC_MONTH)
        snprintf(buf, size, "%s %d%s", w->months[d->month - 1], y, era);
    else
        snprintf(buf, size, "%d %s %d%s", d->day, w->months[d->month - 1], y, era);
}

static void format_arabic(const WkDate *d, const DateWords *w, char *buf, size_t size)
{
    char greg[96], sh[96] = "";
    int first, last, month, day;
    bool has_sh = solar_hijri_years(d, &first, &last, &month, &day);
    format_arabic_gregorian(d, w, has_sh, greg, sizeof greg);
    if (has_sh && month)
        snprintf(sh, sizeof sh, " (%d %s %d%s)", day, w->sh_months[month - 1], first, w->sh);
    else if (has_sh && first != last)
        snprintf(sh, sizeof sh, " (%d\u2013%d%s)", first, last, w->sh);
    else if (has_sh)
        snprintf(sh, sizeof sh, " (%d%s)", first, w->sh);
    snprintf(buf, size, "%s%s%s%s", d->flags & WK_DATE_APPROX ? w->approx : "", greg, sh,
             d->flags & WK_DATE_UNCERTAIN ? w->uncertain : "");
}

char *wk_date_format_in(const WkDate *date, WkLang lang, char *buf, size_t size)
{
    const DateWords *w = arabic_words(lang);
    if (size == 0)
        return buf;
    if (lang == WK_LANG_ZH) {
        format_zh(date, buf, size);
    } else if (w) {
        char ascii[256];
        format_arabic(date, w, ascii, sizeof ascii);
        wk_digits_localize(ascii, lang, buf, size);
    } else {
        wk_date_format(date, buf, size);
    }
    return buf;
}

/* Whole centuries ("0401/0500"): the century's number and whether it is BC, or 0. */
static int whole_century(const WkSpan *s, bool *bc)
{
    if (s->first.precision != WK_PREC_YEAR || s->last.precision != WK_PREC_YEAR || s->first.flags ||
        s->last.flags)
        return 0;
    bool bc_last;
    int a = reader_year(s->first.year, bc), b = reader_year(s->last.year, &bc_last);
    if (*bc != bc_last)
        return 0;
    if (!*bc && a % 100 == 1 && b == a + 99)
        return b / 100;
    if (*bc && b % 100 == 1 && a == b + 99)
        return a / 100;
    return 0;
}

static void span_zh(const WkSpan *s, char *buf, size_t size)
{
    bool bc, bc_b;
    int century = whole_century(s, &bc);
    if (century) {
        snprintf(buf, size, "%s%d世纪", bc ? "公元前" : "", century);
        return;
    }
    int ya = reader_year(s->first.year, &bc), yb = reader_year(s->last.year, &bc_b);
    if (s->first.precision == WK_PREC_YEAR && s->last.precision == WK_PREC_YEAR &&
        !s->first.flags && !s->last.flags) {
        /* 424—428年, 公元前104—前101年, 公元前206—公元220年 */
        snprintf(buf, size, "%s%d—%s%d年", bc ? "公元前" : "", ya,
                 bc_b ? "前"
                 : bc ? "公元"
                      : "",
                 yb);
        return;
    }
    char a[96], b[96];
    format_zh(&s->first, a, sizeof a);
    format_zh(&s->last, b, sizeof b);
    snprintf(buf, size, "%s—%s", a, b);
}

static void span_arabic(const WkSpan *s, const DateWords *w, char *buf, size_t size)
{
    bool bc, bc_b;
    int century = whole_century(s, &bc);
    if (century) {
        char n[16];
        snprintf(n, sizeof n, "%d", century);
        int k = snprintf(buf, size, w->century, n);
        if (bc && k >= 0 && (size_t)k < size)
            snprintf(buf + k, size - (size_t)k, "%s", w->bc);
        return;
    }
    int ya = reader_year(s->first.year, &bc), yb = reader_year(s->last.year, &bc_b);
    if (s->first.precision == WK_PREC_YEAR && s->last.precision == WK_PREC_YEAR && bc == bc_b &&
        !s->first.flags && !s->last.flags) {
        /* ۱۸۳۸–۱۸۴۲ م (۱۲۱۷–۱۲۲۱ ه‍.ش); ۱۰۴–۱۰۱ ق.م */
        int sha = s->first.year - 621, shb = s->last.year - 621;
        if (sha >= 1)
            snprintf(buf, size, "%d\u2013%d%s (%d\u2013%d%s)", ya, yb, w->ad, sha, shb, w->sh);
        else
            snprintf(buf, size, "%d\u2013%d%s", ya, yb, bc ? w->bc : "");
        return;
    }
    char a[128], b[128];
    format_arabic(&s->first, w, a, sizeof a);
    format_arabic(&s->last, w, b, sizeof b);
    snprintf(buf, size, "%s \u2013 %s", a, b);
}

char *wk_span_format_in(const WkSpan *span, WkLang lang, char *buf, size_t size)
{
    const DateWords *w = arabic_words(lang);
    if (size == 0)
        return buf;
    if (!span->is_interval)
        return wk_date_format_in(&span->first, lang, buf, size);
    if (lang == WK_LANG_ZH) {
        span_zh(span, buf, size);
    } else if (w) {
        char ascii[320];
        span_arabic(span, w, ascii, sizeof ascii);
        wk_digits_localize(ascii, lang, buf, size);
    } else {
        wk_span_format(span, buf, size);
    }
    return buf;
}

char *wk_time_format_year_in(double t, WkLang lang, char *buf, size_t size)
{
    const DateWords *w = arabic_words(lang);
    if (size == 0)
        return buf;
    bool bc;
    int y = reader_year(wk_time_year(t), &bc);
    if (lang == WK_LANG_ZH) {
        snprintf(buf, size, "%s%d年", bc ? "公元前" : "", y);
    } else if (w) {
        char ascii[48];
        snprintf(ascii, sizeof ascii, "%d%s", y, bc ? w->bc : "");
        wk_digits_localize(ascii, lang, buf, size);
    } else {
        wk_time_format_year(t, buf, size);
    }
    return buf;
}
