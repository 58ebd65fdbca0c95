/*
 * Dates: parsing, time values and readers' formatting.
 *
 * The calendar is the proleptic Gregorian one, as ISO 8601 and OpenHistoricalMap use. A time
 * value is the decimal year: year + (day of year - 1) / days in that year. This keeps every
 * year the same length on the slider, which is what a reader expects of a timeline, and makes
 * wk_time_year a plain floor().
 */
#include "date.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const month_names[12] = {"January",   "February", "March",    "April",
                                            "May",       "June",     "July",     "August",
                                            "September", "October",  "November", "December"};

static bool is_leap(int year)
{
    /* Astronomical years make the rule uniform across the era boundary: year 0 is leap. */
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

static int days_in_year(int year)
{
    return is_leap(year) ? 366 : 365;
}

/* Reads exactly `n` digits at *p; advances *p. */
static bool read_digits(const char **p, int n, int *value)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)(*p)[i]))
            return false;
        v = v * 10 + ((*p)[i] - '0');
    }
    *p += n;
    *value = v;
    return true;
}

/* Parses a date at the start of `text`, stopping at `stop` (NUL or '/'); sets *end. */
static bool parse_date_prefix(const char *text, WkDate *out, const char **end)
{
    const char *p = text;
    WkDate d = {0};
    bool negative = false;
    if (*p == '-' || *p == '+') {
        negative = *p == '-';
        p++;
    }
    int year;
    if (!read_digits(&p, 4, &year))
        return false;
    if (negative && year == 0)
        return false; /* "-0000" has no meaning; 1 BC is "0000" */
    d.year = negative ? -year : year;
    d.precision = WK_PREC_YEAR;
    if (*p == '-' && isdigit((unsigned char)p[1])) {
        p++;
        if (!read_digits(&p, 2, &d.month) || d.month < 1 || d.month > 12)
            return false;
        d.precision = WK_PREC_MONTH;
        if (*p == '-') {
            p++;
            if (!read_digits(&p, 2, &d.day) || d.day < 1 || d.day > days_in_month(d.year, d.month))
                return false;
            d.precision = WK_PREC_DAY;
        }
    }
    while (*p == '~' || *p == '?' || *p == '%') {
        d.flags |= *p == '~'   ? WK_DATE_APPROX
                   : *p == '?' ? WK_DATE_UNCERTAIN
                               : WK_DATE_APPROX | WK_DATE_UNCERTAIN;
        p++;
    }
    *out = d;
    *end = p;
    return true;
}

bool wk_date_parse(const char *text, WkDate *out)
{
    const char *end;
    WkDate d;
    if (!text || !parse_date_prefix(text, &d, &end) || *end != '\0')
        return false;
    *out = d;
    return true;
}

bool wk_span_parse(const char *text, WkSpan *out)
{
    const char *end;
    WkSpan s = {0};
    if (!text || !parse_date_prefix(text, &s.first, &end))
        return false;
    if (*end == '\0') {
        s.last = s.first;
    } else if (*end == '/') {
        if (!parse_date_prefix(end + 1, &s.last, &end) || *end != '\0')
            return false;
        if (wk_date_end_time(&s.last) <= wk_date_time(&s.first))
            return false;
        s.is_interval = true;
    } else {
        return false;
    }
    *out = s;
    return true;
}

double wk_time_from_ymd(int year, int month, int day)
{
    int doy = 0;
    for (int m = 1; m < month; m++)
        doy += days_in_month(year, m);
    doy += day - 1;
    return year + (double)doy / days_in_year(year);
}

void wk_time_to_ymd(double t, int *year, int *month, int *day)
{
    int y = (int)floor(t);
    int doy = (int)floor((t - y) * days_in_year(y) + 1e-6);
    int m = 1;
    while (m < 12 && doy >= days_in_month(y, m))
        doy -= days_in_month(y, m++);
    *year = y;
    *month = m;
    *day = doy + 1;
}

double wk_date_time(const WkDate *date)
{
    return wk_time_from_ymd(date->year, date->month ? date->month : 1, date->day ? date->day : 1);
}

double wk_date_end_time(const WkDate *date)
{
    switch (date->precision) {
    case WK_PREC_YEAR:
        return date->year + 1.0;
    case WK_PREC_MONTH:
        return date->month == 12 ? date->year + 1.0
                                 : wk_time_from_ymd(date->year, date->month + 1, 1);
    case WK_PREC_DAY:
        break;
    }
    return wk_date_time(date) + 1.0 / days_in_year(date->year);
}

double wk_span_start(const WkSpan *span)
{
    return wk_date_time(&span->first);
}

double wk_span_end(const WkSpan *span)
{
    return wk_date_end_time(&span->last);
}

int wk_date_compare(const WkDate *a, const WkDate *b)
{
    double ta = wk_date_time(a), tb = wk_date_time(b);
    return ta < tb ? -1 : ta > tb ? 1 : 0;
}

/* The year a reader counts: astronomical 0 is 1 BC, -103 is 104 BC. */
static int reader_year(int year, bool *bc)
{
    *bc = year <= 0;
    return *bc ? 1 - year : year;
}

char *wk_date_format(const WkDate *date, char *buf, size_t size)
{
    if (size == 0)
        return buf;
    bool bc;
    int y = reader_year(date->year, &bc);
    const char *pre = date->flags & WK_DATE_APPROX ? "c. " : "";
    const char *post = date->flags & WK_DATE_UNCERTAIN ? "?" : "";
    const char *era = bc ? " BC" : "";
    switch (date->precision) {
    case WK_PREC_YEAR:
        snprintf(buf, size, "%s%d%s%s", pre, y, era, post);
        break;
    case WK_PREC_MONTH:
        snprintf(buf, size, "%s%s %d%s%s", pre, month_names[date->month - 1], y, era, post);
        break;
    case WK_PREC_DAY:
        snprintf(buf, size, "%s%d %s %d%s%s", pre, date->day, month_names[date->month - 1], y, era,
                 post);
        break;
    }
    return buf;
}

static const char *ordinal_suffix(int n)
{
    if (n % 100 >= 11 && n % 100 <= 13)
        return "th";
    switch (n % 10) {
    case 1:
        return "st";
    case 2:
        return "nd";
    case 3:
        return "rd";
    }
    return "th";
}

/* Whole centuries, as "0401/0500" (5th century) or "-0199/-0100" (2nd century BC). */
static bool format_century(const WkSpan *s, char *buf, size_t size)
{
    if (s->first.precision != WK_PREC_YEAR || s->last.precision != WK_PREC_YEAR)
        return false;
    bool bc_first, bc_last;
    int a = reader_year(s->first.year, &bc_first), b = reader_year(s->last.year, &bc_last);
    if (bc_first != bc_last)
        return false;
    int century;
    if (!bc_first && a % 100 == 1 && b == a + 99)
        century = b / 100;
    else if (bc_first && b % 100 == 1 && a == b + 99)
        century = a / 100;
    else
        return false;
    snprintf(buf, size, "%d%s century%s", century, ordinal_suffix(century), bc_first ? " BC" : "");
    return true;
}

char *wk_span_format(const WkSpan *span, char *buf, size_t size)
{
    if (size == 0)
        return buf;
    if (!span->is_interval)
        return wk_date_format(&span->first, buf, size);
    if (format_century(span, buf, size))
        return buf;
    char a[48], b[48];
    bool bc_a, bc_b;
    int ya = reader_year(span->first.year, &bc_a);
    int yb = reader_year(span->last.year, &bc_b);
    if (span->first.precision == WK_PREC_YEAR && span->last.precision == WK_PREC_YEAR &&
        bc_a == bc_b && !span->first.flags && !span->last.flags) {
        /* "104–101 BC" reads better than "104 BC–101 BC". */
        snprintf(buf, size, "%d\u2013%d%s", ya, yb, bc_a ? " BC" : "");
        return buf;
    }
    wk_date_format(&span->first, a, sizeof a);
    wk_date_format(&span->last, b, sizeof b);
    snprintf(buf, size, "%s\u2013%s", a, b);
    return buf;
}

static int date_iso(const WkDate *d, char *buf, size_t size)
{
    const char *mark = (d->flags & WK_DATE_APPROX) && (d->flags & WK_DATE_UNCERTAIN) ? "%"
                       : d->flags & WK_DATE_APPROX                                   ? "~"
                       : d->flags & WK_DATE_UNCERTAIN                                ? "?"
                                                                                     : "";
    const char *sign = d->year < 0 ? "-" : "";
    int y = d->year < 0 ? -d->year : d->year;
    switch (d->precision) {
    case WK_PREC_YEAR:
        return snprintf(buf, size, "%s%04d%s", sign, y, mark);
    case WK_PREC_MONTH:
        return snprintf(buf, size, "%s%04d-%02d%s", sign, y, d->month, mark);
    case WK_PREC_DAY:
        break;
    }
    return snprintf(buf, size, "%s%04d-%02d-%02d%s", sign, y, d->month, d->day, mark);
}

char *wk_span_iso(const WkSpan *span, char *buf, size_t size)
{
    if (size == 0)
        return buf;
    int n = date_iso(&span->first, buf, size);
    if (span->is_interval && n >= 0 && (size_t)n + 1 < size) {
        buf[n] = '/';
        date_iso(&span->last, buf + n + 1, size - (size_t)n - 1);
    }
    return buf;
}

int wk_time_year(double t)
{
    return (int)floor(t);
}

char *wk_time_format_year(double t, char *buf, size_t size)
{
    bool bc;
    int y = reader_year(wk_time_year(t), &bc);
    if (size)
        snprintf(buf, size, "%d%s", y, bc ? " BC" : "");
    return buf;
}
