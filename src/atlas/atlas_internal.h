/* Private to atlas/: the loaders of the files a manifest names. */
#ifndef WK_ATLAS_INTERNAL_H
#define WK_ATLAS_INTERNAL_H

#include "atlas.h"

/* Each loader appends what is valid in the file to the atlas and reports the rest. */
void atlas_load_timeline(Atlas *atlas, const char *path, WkDiag *diag);
void atlas_load_events(Atlas *atlas, const char *path, WkDiag *diag);
void atlas_load_overlays(Atlas *atlas, const char *path, WkDiag *diag);

/* Grows *array (of *count elements of `size` bytes) to hold at least `need`; false on OOM. */
bool atlas_grow(void **array, int *capacity, int need, size_t size);

/* Sorts events by date and fills each place's list of events. */
bool atlas_link_events(Atlas *atlas, WkDiag *diag);

#endif
