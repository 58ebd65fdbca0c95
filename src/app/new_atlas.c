/*
 * `wakhan new-atlas DIR`: an empty atlas for a class project. It draws on the bundled maps,
 * fonts, eras and polities (referred to where they are installed, not copied), and starts with
 * an empty events file, an empty territory file and a lessons folder for the class to fill.
 */
#include "app.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/util.h"
#include "core/xdg.h"

/* Replaces a relative file name under `key` of `obj` by its absolute path beside `manifest`. */
static bool absolutize(cJSON *obj, const char *key, const char *manifest)
{
    cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!cJSON_IsString(item))
        return true;
    char *joined = wk_path_relative_to(manifest, item->valuestring);
    char real[PATH_MAX];
    bool ok = joined && realpath(joined, real) && cJSON_SetValuestring(item, real);
    free(joined);
    return ok;
}

static bool write_text(const char *dir, const char *name, const char *text)
{
    char *path = wk_path_join(dir, name);
    FILE *fp = path ? fopen(path, "wx") : NULL;
    bool ok = fp && fputs(text, fp) >= 0;
    if (fp && fclose(fp) != 0)
        ok = false;
    if (!ok)
        fprintf(stderr, "wakhan: %s: cannot write: %s\n", path ? path : name, strerror(errno));
    free(path);
    return ok;
}

/* The bundled manifest, with every file it names made absolute, retitled, and pointing at the
 * new atlas's own events and overlays. NULL (with a message) when it cannot be read. */
static cJSON *derived_manifest(const char *bundled_dir)
{
    char *manifest = wk_path_join(bundled_dir, "atlas.json");
    WkDiag diag;
    wk_diag_init(&diag);
    char *text = manifest ? wk_file_read(manifest, NULL, &diag) : NULL;
    cJSON *root = text ? cJSON_Parse(text) : NULL;
    free(text);
    bool ok = cJSON_IsObject(root);
    if (ok) {
        cJSON *title = cJSON_CreateString("A class atlas on Wakhan's maps");
        ok = title && cJSON_ReplaceItemInObjectCaseSensitive(root, "title", title);
    }
    ok = ok && absolutize(root, "timeline", manifest);
    cJSON *fonts = ok ? cJSON_GetObjectItemCaseSensitive(root, "fonts") : NULL;
    for (cJSON *font = fonts ? fonts->child : NULL; ok && font; font = font->next)
        ok = absolutize(fonts, font->string, manifest);
    cJSON *layers = ok ? cJSON_GetObjectItemCaseSensitive(root, "layers") : NULL;
    cJSON *layer;
    cJSON_ArrayForEach(layer, layers)
    {
        if (ok)
            ok = absolutize(layer, "file", manifest);
    }
    if (ok) {
        cJSON *events = cJSON_CreateStringArray((const char *[]){"events.json"}, 1);
        cJSON *overlays =
            cJSON_CreateStringArray((const char *[]){"overlays/territories.geojson"}, 1);
        ok = events && overlays && cJSON_ReplaceItemInObjectCaseSensitive(root, "events", events) &&
             cJSON_ReplaceItemInObjectCaseSensitive(root, "overlays", overlays);
    }
    if (!ok) {
        for (size_t i = 0; i < diag.count; i++)
            fprintf(stderr, "wakhan: %s\n", diag.entries[i].text);
        fprintf(stderr, "wakhan: cannot use the bundled atlas in %s\n", bundled_dir);
        cJSON_Delete(root);
        root = NULL;
    }
    wk_diag_free(&diag);
    free(manifest);
    return root;
}

int app_new_atlas(const char *bundled_dir, const char *dir)
{
    char *existing = wk_path_join(dir, "atlas.json");
    struct stat st;
    bool taken = existing && stat(existing, &st) == 0;
    free(existing);
    if (taken) {
        fprintf(stderr, "wakhan: %s already holds an atlas; choose another folder\n", dir);
        return APP_EXIT_USAGE;
    }
    cJSON *root = derived_manifest(bundled_dir);
    if (!root)
        return APP_EXIT_FAIL;
    WkDiag diag;
    wk_diag_init(&diag);
    char *overlays = wk_path_join(dir, "overlays");
    char *lessons = wk_path_join(dir, "lessons");
    char *manifest = cJSON_Print(root);
    bool ok =
        overlays && lessons && manifest && wk_mkdirs(overlays, &diag) && wk_mkdirs(lessons, &diag);
    for (size_t i = 0; i < diag.count; i++)
        fprintf(stderr, "wakhan: %s\n", diag.entries[i].text);
    ok = ok && write_text(dir, "atlas.json", manifest) &&
         write_text(dir, "events.json", "{\n  \"events\": []\n}\n") &&
         write_text(dir, "overlays/territories.geojson",
                    "{\n  \"type\": \"FeatureCollection\",\n  \"features\": []\n}\n");
    if (ok)
        printf("A new atlas is in %s: add events to events.json and territories to "
               "overlays/territories.geojson, then open it with wakhan --atlas %s\n",
               dir, dir);
    free(manifest);
    free(overlays);
    free(lessons);
    wk_diag_free(&diag);
    cJSON_Delete(root);
    return ok ? APP_EXIT_OK : APP_EXIT_FAIL;
}
