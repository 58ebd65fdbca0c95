/*
 * Fixture writers. Paths are relative to the test's working directory, which CTest sets to a
 * scratch folder per test program.
 */
#include "fixture.h"

#include <iconv.h>
#include <shapefil.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

/* `utf8` in the code page `to` (an iconv name), owned by the caller; NULL when it cannot be. */
static char *encode(const char *utf8, const char *to)
{
    iconv_t cd = iconv_open(to, "UTF-8");
    if (cd == (iconv_t)-1)
        return NULL;
    size_t n = strlen(utf8), left = n, room = 4 * n + 4;
    char *out = malloc(room + 1), *o = out, *in = (char *)utf8;
    bool ok = out && iconv(cd, &in, &left, &o, &room) != (size_t)-1;
    iconv_close(cd);
    if (!ok) {
        free(out);
        return NULL;
    }
    *o = '\0';
    return out;
}

bool fixture_write_shapefile(const char *path, int shp_type, const FixtureRecord *records, int n,
                             const char *const *fields, int nfields)
{
    return fixture_write_shapefile_cp(path, shp_type, records, n, fields, nfields, "UTF-8", NULL);
}

bool fixture_write_shapefile_cp(const char *path, int shp_type, const FixtureRecord *records, int n,
                                const char *const *fields, int nfields, const char *code_page,
                                const char *iconv_name)
{
    SHPHandle shp = SHPCreate(path, shp_type);
    DBFHandle dbf = nfields ? DBFCreateEx(path, code_page) : NULL;
    bool ok = shp && (!nfields || dbf);
    for (int f = 0; ok && f < nfields; f++)
        ok = DBFAddField(dbf, fields[f], FTString, 40, 0) >= 0;
    for (int i = 0; ok && i < n; i++) {
        const FixtureRecord *r = &records[i];
        SHPObject *obj = SHPCreateObject(shp_type, -1, r->nparts, r->parts, NULL, r->nvertices,
                                         r->x, r->y, NULL, NULL);
        ok = obj && SHPWriteObject(shp, -1, obj) >= 0;
        SHPDestroyObject(obj);
        for (int f = 0; ok && f < nfields; f++) {
            const char *value = r->values ? r->values[f] : "";
            char *coded = iconv_name ? encode(value, iconv_name) : NULL;
            ok =
                (!iconv_name || coded) && DBFWriteStringAttribute(dbf, i, f, coded ? coded : value);
            free(coded);
        }
    }
    if (shp)
        SHPClose(shp);
    if (dbf)
        DBFClose(dbf);
    return ok;
}

bool fixture_write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return false;
    bool ok = fputs(text, f) >= 0;
    return fclose(f) == 0 && ok;
}

bool fixture_patch_int32(const char *path, long offset, int value)
{
    FILE *f = fopen(path, "r+b");
    if (!f)
        return false;
    unsigned char b[4] = {(unsigned char)value, (unsigned char)(value >> 8),
                          (unsigned char)(value >> 16), (unsigned char)(value >> 24)};
    bool ok = fseek(f, offset, SEEK_SET) == 0 && fwrite(b, 1, 4, f) == 4;
    return fclose(f) == 0 && ok;
}

static const char wgs84_prj[] =
    "GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,"
    "298.257223563]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]";

static bool write_in(const char *dir, const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return fixture_write_text(path, text);
}

bool fixture_test_atlas(const char *dir)
{
    char path[512];
    mkdir(dir, 0755);
    static const double px[] = {70.0, 75.0, 66.0}, py[] = {35.0, 39.0, 37.0};
    static const char *const fields[] = {"id", "name", "name_zh", "name_fa", "rank", "kind"};
    static const char *const v[3][6] = {{"alpha", "Alpha", "阿", "الف", "1", "capital"},
                                        {"beta", "Beta", "", "", "2", "city"},
                                        {"gamma", "Gamma", "", "", "3", "town"}};
    FixtureRecord places[3];
    for (int i = 0; i < 3; i++)
        places[i] = (FixtureRecord){0, NULL, 1, &px[i], &py[i], v[i]};
    snprintf(path, sizeof path, "%s/places", dir);
    if (!fixture_write_shapefile(path, SHPT_POINT, places, 3, fields, 6) ||
        !write_in(dir, "places.prj", wgs84_prj))
        return false;
    static const double lx[] = {60, 60, 80, 80, 60}, ly[] = {30, 42, 42, 30, 30};
    static const int part0[] = {0};
    static const char *const land_fields[] = {"id", "name"};
    static const char *const land_values[] = {"LD", "Testland"};
    FixtureRecord land = {1, part0, 5, lx, ly, land_values};
    snprintf(path, sizeof path, "%s/land", dir);
    if (!fixture_write_shapefile(path, SHPT_POLYGON, &land, 1, land_fields, 2) ||
        !write_in(dir, "land.prj", wgs84_prj))
        return false;
    return write_in(
               dir, "atlas.json",
               "{\"title\": \"Test atlas\", \"time\": {\"start\": \"-0250\", \"end\": \"2027\"},\n"
               " \"region\": [55, 25, 90, 48],\n"
               " \"view\": {\"center\": [70, 36], \"span_km\": 2000},\n"
               " \"layers\": [\n"
               "  {\"id\": \"land\", \"file\": \"land.shp\", \"label\": \"name\",\n"
               "   \"style\": {\"fill\": \"#eeeeee\", \"stroke\": \"#888888\", \"width\": 1}},\n"
               "  {\"id\": \"places\", \"file\": \"places.shp\", \"label\": \"name\"}],\n"
               " \"places\": {\"layer\": \"places\"},\n"
               " \"timeline\": \"timeline.json\", \"events\": [\"events.json\"],\n"
               " \"overlays\": [\"overlays.geojson\"]}\n") &&
           write_in(dir, "timeline.json",
                    "{\"eras\": [\n"
                    "  {\"id\": \"one\", \"name\": \"Test era one\", \"start\": \"-0250\", "
                    "\"end\": \"0600\", \"color\": \"#ddccbb\"},\n"
                    "  {\"id\": \"two\", \"name\": \"Test era two\", \"start\": \"0600\", \"end\": "
                    "\"2027\", \"color\": \"#bbccdd\"}],\n"
                    " \"polities\": [\n"
                    "  {\"id\": \"tang\", \"name\": \"Tang\", \"color\": \"#d55e00\", \"side\": "
                    "\"china\"},\n"
                    "  {\"id\": \"local\", \"name\": \"Local rulers\", \"color\": \"#009e73\", "
                    "\"side\": \"afghanistan\"}]}\n") &&
           write_in(
               dir, "events.json",
               "{\"events\": [\n"
               "  {\"id\": \"founding\", \"date\": \"0659\", \"title\": \"Protectorate founded\",\n"
               "   \"summary\": \"A test event.\", \"places\": [\"alpha\"], \"tags\": "
               "[\"military\"], \"source\": \"Test\"},\n"
               "  {\"id\": \"treaty\", \"date\": \"1963-11-22\", \"title\": \"Border treaty\",\n"
               "   \"summary\": \"Another test event.\", \"places\": [\"alpha\", \"beta\"], "
               "\"tags\": [\"diplomacy\"], \"source\": \"Test\"},\n"
               "  {\"id\": \"war\", \"date\": \"-0103/-0100\", \"title\": \"An early war\",\n"
               "   \"summary\": \"An interval.\", \"places\": [\"gamma\"], \"tags\": "
               "[\"military\"], \"source\": \"Test\"}]}\n") &&
           write_in(
               dir, "overlays.geojson",
               "{\"type\": \"FeatureCollection\", \"features\": [\n"
               "  {\"type\": \"Feature\", \"properties\": {\"id\": \"test-protectorate\", "
               "\"kind\": \"protectorate\",\n"
               "    \"polity\": \"tang\", \"name\": \"Test protectorate\", \"start\": \"0659\", "
               "\"end\": \"0751\",\n"
               "    \"certainty\": \"low\", \"events\": [\"founding\"], \"source\": \"Test\"},\n"
               "   \"geometry\": {\"type\": \"Polygon\", \"coordinates\": "
               "[[[69,34],[71,34],[71,36],[69,36],[69,34]]]}},\n"
               "  {\"type\": \"Feature\", \"properties\": {\"id\": \"test-control\", \"kind\": "
               "\"control\",\n"
               "    \"polity\": \"local\", \"name\": \"Local control\", \"start\": \"0600\", "
               "\"end\": \"2027\", \"source\": \"Test\"},\n"
               "   \"geometry\": {\"type\": \"MultiPolygon\", \"coordinates\": "
               "[[[[65,33],[73,33],[73,38],[65,38],[65,33]],\n"
               "      [[66,36.5],[67,36.5],[67,37.5],[66,37.5],[66,36.5]]]]}},\n"
               "  {\"type\": \"Feature\", \"properties\": {\"id\": \"test-rail\", \"kind\": "
               "\"rail\", \"status\": \"planned\",\n"
               "    \"name\": \"Test railway\", \"start\": \"2016\", \"end\": \"2027\", "
               "\"source\": \"Test\"},\n"
               "   \"geometry\": {\"type\": \"LineString\", \"coordinates\": "
               "[[66,37],[70,35],[75,39]]}},\n"
               "  {\"type\": \"Feature\", \"properties\": {\"id\": \"test-site\", \"kind\": "
               "\"site\", \"symbol\": \"mine\",\n"
               "    \"name\": \"Test mine\", \"start\": \"2008\", \"end\": \"2027\", \"place\": "
               "\"alpha\", \"source\": \"Test\"},\n"
               "   \"geometry\": {\"type\": \"Point\", \"coordinates\": [70.2, 35.1]}}]}\n");
}
