/* The names the interface gives to the model's kinds, statuses, symbols and certainties, in
 * the interface language. The data files keep their English keywords. */
#include "ui.h"

#include <string.h>

#include "core/i18n.h"

const char *ui_kind_label(AtlasKind kind)
{
    static const char *const labels[ATLAS_KIND_COUNT] = {[ATLAS_CONTROL] = N_("control"),
                                                         [ATLAS_PROTECTORATE] = N_("protectorate"),
                                                         [ATLAS_TRIBUTARY] = N_("tributary"),
                                                         [ATLAS_CLAIM] = N_("claim"),
                                                         [ATLAS_OCCUPATION] = N_("occupation"),
                                                         [ATLAS_CONTESTED] = N_("contested"),
                                                         [ATLAS_UNCLAIMED] = N_("unclaimed"),
                                                         [ATLAS_ROUTE] = N_("route"),
                                                         [ATLAS_RAIL] = N_("railway"),
                                                         [ATLAS_CORRIDOR] = N_("corridor"),
                                                         [ATLAS_AIR] = N_("air route"),
                                                         [ATLAS_CABLE] = N_("cable"),
                                                         [ATLAS_SITE] = N_("site")};
    if (kind < 0 || kind >= ATLAS_KIND_COUNT)
        return "";
    return labels[kind] ? _(labels[kind]) : atlas_kind_name(kind); /* a kind added later */
}

/* Looks a keyword up in a table of {keyword, label} pairs; unknown keywords are shown as
 * they are written. */
static const char *lookup(const char *const (*table)[2], int n, const char *key)
{
    for (int i = 0; key && i < n; i++)
        if (!strcmp(table[i][0], key))
            return _(table[i][1]);
    return key ? key : "";
}

const char *ui_status_label(const char *status)
{
    static const char *const table[][2] = {{"planned", N_("planned")},
                                           {"construction", N_("under construction")},
                                           {"service", N_("in service")}};
    return lookup(table, 3, status);
}

const char *ui_symbol_label(const char *symbol)
{
    static const char *const table[][2] = {{"mine", N_("mine")},
                                           {"oil", N_("oil field")},
                                           {"railhead", N_("railhead")},
                                           {"base", N_("base")},
                                           {"incident", N_("incident")},
                                           {"embassy", N_("embassy")},
                                           {"earthquake", N_("earthquake")},
                                           {"border", N_("border crossing")}};
    return symbol ? lookup(table, 8, symbol) : _("site");
}

const char *ui_place_kind_label(const char *kind)
{
    static const char *const table[][2] = {{"capital", N_("Capital")},    {"city", N_("City")},
                                           {"town", N_("Town")},          {"site", N_("Site")},
                                           {"pass", N_("Mountain pass")}, {"region", N_("Region")}};
    return lookup(table, 6, kind);
}

const char *ui_certainty_label(AtlasCertainty c)
{
    return c == ATLAS_CERTAIN_HIGH  ? _("high certainty")
           : c == ATLAS_CERTAIN_LOW ? _("low certainty")
                                    : _("medium certainty");
}
