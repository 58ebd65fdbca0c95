/*
 * Dates of history: ISO 8601 with astronomical year numbering plus EDTF markers.
 *
 * "-0103" is 104 BC, "0659" is 659, "2016-09" is September 2016, "1955-01-20" a day. A trailing
 * "~" marks an approximate date and "?" an uncertain one; "0424/0428" is an interval. Readers
 * never see astronomical years: year 0 prints as "1 BC". Ordering and the time slider use a
 * continuous time value, the decimal year (see wk_date_time).
 */
#ifndef WK_DATE_H
#define WK_DATE_H

#include <stdbool.h>
#include <stddef.h>

typedef enum WkDatePrecision { WK_PREC_YEAR, WK_PREC_MONTH, WK_PREC_DAY } WkDatePrecision;

enum { WK_DATE_APPROX = 1, WK_DATE_UNCERTAIN = 2 };

#define WK_YEAR_MIN (-9999)
#define WK_YEAR_MAX 9999

typedef struct WkDate {
    int year;  /* astronomical: 0 is 1 BC, -1 is 2 BC */
    int month; /* 1..12, or 0 when the precision is the year */
    int day;   /* 1..31, or 0 when the precision is coarser than the day */
    WkDatePrecision precision;
    int flags; /* WK_DATE_APPROX | WK_DATE_UNCERTAIN */
} WkDate;

/* A date or an interval of dates ("0424/0428"); a single date has first == last. */
typedef struct WkSpan {
    WkDate first, last;
    bool is_interval;
} WkSpan;

/* Parses one date. Returns false for anything that is not exactly a date in the format above,
 * including impossible days ("1955-02-30"), "-0000", and missing digits. */
bool wk_date_parse(const char *text, WkDate *out);

/* Parses a date or an interval "A/B"; false when either side is not a date or B is before A. */
bool wk_span_parse(const char *text, WkSpan *out);

/* The instant a date begins, as a decimal year: 659.0 is 1 January 659, 2016.67 is about
 * 1 September 2016. Strictly increasing with the calendar. */
double wk_date_time(const WkDate *date);

/* The instant just after a date ends: the start of the next year, month or day, depending on
 * the precision. Used for the end of an interval. */
double wk_date_end_time(const WkDate *date);

/* The first and the end (exclusive) instants of a span. */
double wk_span_start(const WkSpan *span);
double wk_span_end(const WkSpan *span);

/* -1, 0 or 1 as a begins before, with or after b. */
int wk_date_compare(const WkDate *a, const WkDate *b);

/* Writes a reader's form of the date ("104 BC", "659", "September 2016", "20 January 1955",
 * "c. 659", "1764?") into buf; always NUL-terminates when size > 0. Returns buf. */
char *wk_date_format(const WkDate *date, char *buf, size_t size);

/* Like wk_date_format for spans: "424–428", "104–101 BC", "5th century", "2nd century BC". */
char *wk_span_format(const WkSpan *span, char *buf, size_t size);

/* Writes the data-file form back ("-0103", "2016-09", "0424/0428", "0659~"). Returns buf. */
char *wk_span_iso(const WkSpan *span, char *buf, size_t size);

/* A reader's year for a continuous time value: 1-based, with era: "104 BC" for -103.4. */
char *wk_time_format_year(double t, char *buf, size_t size);

/* The astronomical year containing time t (floor). */
int wk_time_year(double t);

/* Decimal year of a calendar day; month and day 1-based. */
double wk_time_from_ymd(int year, int month, int day);

/* Calendar month (1..12) and day (1..31) of time t, on the proleptic Gregorian calendar. */
void wk_time_to_ymd(double t, int *year, int *month, int *day);

#endif
