/* Private to atlas/: the loaders of the files a manifest names. */
#ifndef WK_ATLAS_INTERNAL_H
#define WK_ATLAS_INTERNAL_H

#include "atlas.h"

/* Each loader appends what is valid in the file to the atlas and reports the rest. */
void atlas_load_timeline(Atlas *atlas, const char *path, WkDiag *diag);
void atlas_load_events(Atlas *atlas, const char *path, WkDiag *diag);
void atlas_load_overlays(Atlas *atlas, const char *path, WkDiag *diag);


/* Loads only the polities of a timeline file (the user's own timeline.json). */
void atlas_load_polities(Atlas *atlas, const char *path, WkDiag *diag);

/* True when `found` (an index from a lookup, or -1) means the id is already taken: any
 * earlier record, except, while merging, a bundled one (below `user_start`) that the user's
 * record is about to replace. */
bool atlas_id_taken(const Atlas *atlas, int found, int user_start);

/* Drops the bundled records (below `user_start`) whose id a user record (from `user_start` to
 * `n`) reuses, clearing each with `clear`, closes the gaps and rebuilds the array's id index;
 * returns the new count. Every record type of the atlas begins with its `char *id`. */
int atlas_drop_overridden(Atlas *atlas, void *array, int n, int user_start, size_t size,
                          void (*clear)(Atlas *, void *), AtlasIndex *ids);

/* Free what one record owns (for atlas_free and atlas_drop_overridden). */
void atlas_layer_clear(Atlas *atlas, void *layer);
void atlas_polity_clear(Atlas *atlas, void *polity);
void atlas_event_clear(Atlas *atlas, void *event);
void atlas_overlay_clear(Atlas *atlas, void *overlay);

/* A lasting copy of `path`, kept in Atlas.files (one per distinct path) for AtlasOrigin.file;
 * NULL when out of memory. */
const char *atlas_file_keep(Atlas *atlas, const char *path);

/* Reports an id read a second time: "FILE: LIST[I].id: [WHAT ]"ID" is used twice; the first,
 * at [FILE: ]LIST[J], is kept" (with `list` NULL, a shapefile's "record I"; `what` may be
 * NULL). The first copy
 * stays in the atlas and the second is dropped by the caller. Returns WK_ERR_INVALID. */
WkStatus atlas_repeated_id(WkDiag *diag, AtlasOrigin again, const char *list, const char *what,
                           const char *id, AtlasOrigin first);

/* Sorts events by date and fills each place's list of events. */
bool atlas_link_events(Atlas *atlas, WkDiag *diag);

#endif
