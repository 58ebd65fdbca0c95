/*
 * Text from a .dbf, as UTF-8. The code page comes from the .cpg beside the shapefile (shapelib
 * reads it, or the language driver byte of the .dbf header, as DBFGetCodePage): "UTF-8",
 * "1256", "CP1256", "GBK", "936", "ISO-8859-6", "LDID/87" and the like are converted through
 * iconv. Bytes not valid in the declared code page become U+FFFD and are counted, so the loader
 * warns once per layer instead of showing mojibake without a word. Without a .cpg, UTF-8 is
 * taken as is and anything else as Latin-1 (the usual older encoding), also with a warning.
 */
#ifndef WK_GEO_DBF_TEXT_H
#define WK_GEO_DBF_TEXT_H

#include <stdbool.h>

typedef struct DbfText {
    void *cd;         /* the iconv descriptor; NULL for UTF-8 or no code page */
    char name[32];    /* the iconv name of the code page, "" when none was declared */
    bool declared;    /* a code page was declared (.cpg or header) */
    bool unknown;     /* ... but iconv does not know it */
    int bad;          /* values with bytes not valid in the code page */
    int first_record; /* where the first of them is */
    int first_field;
} DbfText;

/* Sets up for the code page shapelib reports (NULL or "" when none). */
void dbf_text_open(DbfText *t, const char *code_page);
void dbf_text_close(DbfText *t);

/* The UTF-8 of raw .dbf text, owned by the caller; NULL when out of memory. `record` and
 * `field` say where it came from, for the warning. */
char *dbf_text_utf8(DbfText *t, const char *raw, int record, int field);

/* The iconv name for a code page as a .cpg writes it ("1256" -> "CP1256", "88591" ->
 * "ISO-8859-1", "LDID/87" -> "CP1252"); "" for UTF-8. Exposed for tests. */
void dbf_code_page_name(const char *code_page, char *out, int size);

#endif
