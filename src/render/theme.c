/* The themes. Colours chosen for contrast ratios of at least 4.5:1 for text on its background
 * (WCAG AA); the contrast theme reaches 7:1 and thickens every stroke. */
#include "theme.h"

#include "core/i18n.h"

#include <string.h>

static const Theme themes[] = {
    {
        .name = N_("light"),
        .sea = {206, 222, 232, 255},
        .text = {34, 34, 34, 255},
        .halo = {255, 255, 255, 230},
        .muted = {90, 90, 90, 255},
        .panel = {250, 248, 243, 245},
        .panel_text = {30, 30, 30, 255},
        .panel_muted = {96, 92, 84, 255},
        .panel_border = {180, 172, 158, 255},
        .accent = {160, 60, 20, 255},
        .accent_text = {255, 255, 255, 255},
        .track = {52, 50, 46, 235},
        .track_text = {250, 250, 250, 255},
        .warning = {250, 210, 120, 245},
        .warning_text = {40, 30, 0, 255},
        .highlight = {255, 200, 0, 255},
        .stroke_scale = 1.0f,
        .area_alpha = 0.42f,
        .hatch_alpha = 0.14f,
    },
    {
        .name = N_("contrast"),
        .sea = {255, 255, 255, 255},
        .text = {0, 0, 0, 255},
        .halo = {255, 255, 255, 255},
        .muted = {0, 0, 0, 255},
        .panel = {255, 255, 255, 255},
        .panel_text = {0, 0, 0, 255},
        .panel_muted = {40, 40, 40, 255},
        .panel_border = {0, 0, 0, 255},
        .accent = {0, 0, 170, 255}, /* dark blue: reads on white and stands out on the black bar */
        .accent_text = {255, 255, 0, 255},
        .track = {0, 0, 0, 255},
        .track_text = {255, 255, 255, 255},
        .warning = {255, 255, 0, 255},
        .warning_text = {0, 0, 0, 255},
        .highlight = {0, 90, 255, 255},
        .stroke_scale = 1.6f,
        .area_alpha = 0.55f,
        .hatch_alpha = 0.10f,
        .desaturate_base = true,
    },
};

#define THEME_COUNT (int)(sizeof themes / sizeof *themes)

const Theme *theme_find(const char *name)
{
    for (int i = 0; name && i < THEME_COUNT; i++)
        if (!strcmp(themes[i].name, name))
            return &themes[i];
    return NULL;
}

const Theme *theme_default(void)
{
    return &themes[0];
}

const Theme *theme_next(const Theme *t)
{
    int i = (int)(t - themes);
    return &themes[(i + 1) % THEME_COUNT];
}
