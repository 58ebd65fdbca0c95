/*
 * .dbf text to UTF-8 through the declared code page (see dbf_text.h).
 */
#include "dbf_text.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"

/* The dBASE language driver ids a .cpg may give as "LDID/N", and their code pages. */
static const struct {
    int ldid;
    const char *name;
} LDIDS[] = {
    {1, "CP437"},    {2, "CP850"},    {3, "CP1252"},   {87, "CP1252"},
    {77, "CP936"},   {78, "CP949"},   {79, "CP950"},   {80, "CP874"},
    {124, "CP874"},  {125, "CP1255"}, {126, "CP1256"}, {200, "CP1250"},
    {201, "CP1251"}, {202, "CP1254"}, {203, "CP1253"}, {204, "CP1257"},
};

static bool all_digits(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (!isdigit((unsigned char)*s))
            return false;
    return true;
}

void dbf_code_page_name(const char *code_page, char *out, int size)
{
    char up[64] = "";
    int n = 0;
    for (const char *p = code_page ? code_page : ""; *p && n < (int)sizeof up - 1; p++)
        if (!isspace((unsigned char)*p) || (n > 0 && p[1] && !isspace((unsigned char)p[1])))
            up[n++] = (char)toupper((unsigned char)*p);
    up[n] = '\0';
    const char *digits = up + strcspn(up, "0123456789");
    const char *iso = strstr(up, "8859");
    if (!strcmp(up, "UTF-8") || !strcmp(up, "UTF8") || !strcmp(up, "65001") || !*up) {
        snprintf(out, (size_t)size, "%s", "");
    } else if (!strncmp(up, "LDID/", 5)) {
        int id = atoi(up + 5);
        const char *name = "";
        for (size_t i = 0; i < sizeof LDIDS / sizeof *LDIDS; i++)
            if (LDIDS[i].ldid == id)
                name = LDIDS[i].name;
        snprintf(out, (size_t)size, "%s", *name ? name : up);
    } else if (iso && all_digits(iso + 4 + (iso[4] == '-' || iso[4] == '_' || iso[4] == ' '))) {
        iso += 4 + (iso[4] == '-' || iso[4] == '_' || iso[4] == ' ');
        snprintf(out, (size_t)size, "ISO-8859-%s", iso);
    } else if (all_digits(up) ||
               ((!strncmp(up, "ANSI", 4) || !strncmp(up, "WINDOWS", 7) || !strncmp(up, "CP", 2)) &&
                all_digits(digits))) {
        snprintf(out, (size_t)size, "CP%s", digits);
    } else {
        snprintf(out, (size_t)size, "%s", up);
    }
}

void dbf_text_open(DbfText *t, const char *code_page)
{
    memset(t, 0, sizeof *t);
    t->first_record = t->first_field = -1;
    t->declared = code_page && *code_page;
    if (!t->declared)
        return;
    dbf_code_page_name(code_page, t->name, sizeof t->name);
    if (!*t->name)
        return; /* UTF-8 */
    iconv_t cd = iconv_open("UTF-8", t->name);
    if (cd == (iconv_t)-1)
        t->unknown = true;
    else
        t->cd = cd;
}

void dbf_text_close(DbfText *t)
{
    if (t->cd)
        iconv_close((iconv_t)t->cd);
    t->cd = NULL;
}

static void note_bad(DbfText *t, int record, int field)
{
    if (t->bad++ == 0) {
        t->first_record = record;
        t->first_field = field;
    }
}

/* Appends U+FFFD, the replacement character. */
static char *put_replacement(char *o)
{
    memcpy(o, "\xEF\xBF\xBD", 3);
    return o + 3;
}

char *dbf_text_utf8(DbfText *t, const char *raw, int record, int field)
{
    size_t n = strlen(raw);
    bool ascii = true;
    for (size_t i = 0; i < n && ascii; i++)
        ascii = (unsigned char)raw[i] < 0x80;
    if (ascii)
        return wk_strdup(raw);
    /* Every input byte becomes at most 3 UTF-8 bytes (a replacement character included). */
    char *out = malloc(3 * n + 4), *o = out;
    if (!out)
        return NULL;
    if (t->cd) {
        iconv((iconv_t)t->cd, NULL, NULL, NULL, NULL);
        char *in = (char *)raw;
        size_t left = n, room = 3 * n + 3;
        bool bad = false;
        while (left > 0) {
            if (iconv((iconv_t)t->cd, &in, &left, &o, &room) != (size_t)-1)
                break;
            if (errno == E2BIG)
                break; /* cannot happen with 3 bytes a byte; stop rather than loop */
            /* EILSEQ or EINVAL (cut short): one replacement for the byte, then go on. */
            bad = true;
            o = put_replacement(o);
            room = room >= 3 ? room - 3 : 0;
            in++;
            left--;
        }
        if (bad)
            note_bad(t, record, field);
        *o = '\0';
        return out;
    }
    if (wk_utf8_valid(raw, n)) {
        free(out);
        return wk_strdup(raw);
    }
    note_bad(t, record, field);
    const unsigned char *p = (const unsigned char *)raw, *end = p + n;
    if (t->declared && !t->unknown) {
        /* Declared UTF-8: the valid sequences stay, each bad byte is replaced. */
        while (p < end) {
            size_t len = 1;
            if (*p >= 0x80) {
                len = *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : 2;
                if ((size_t)(end - p) < len || !wk_utf8_valid((const char *)p, len)) {
                    o = put_replacement(o);
                    p++;
                    continue;
                }
            }
            memcpy(o, p, len);
            o += len;
            p += len;
        }
    } else {
        /* No (usable) code page: Latin-1. */
        for (; p < end; p++) {
            if (*p < 0x80) {
                *o++ = (char)*p;
            } else {
                *o++ = (char)(0xC0 | (*p >> 6));
                *o++ = (char)(0x80 | (*p & 0x3F));
            }
        }
    }
    *o = '\0';
    return out;
}
