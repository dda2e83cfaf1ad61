/*
 * gtk_theme.c - the desktop's light or dark preference, read from
 * GtkSettings the same way on GTK 3 and GTK 4 (shared by both backends'
 * window-state files).
 */
#include <string.h>

#include "gtk_internal.h"

int sash__gtk_theme_now(void)
{
    GtkSettings *s = gtk_settings_get_default();
    gboolean dark = FALSE;
    gchar *name = NULL;
    if (!s)
        return SASH_THEME_LIGHT;
    g_object_get(s, "gtk-application-prefer-dark-theme", &dark,
                 "gtk-theme-name", &name, NULL);
    if (name && (g_str_has_suffix(name, "-dark") ||
                 g_str_has_suffix(name, "-Dark") || strstr(name, ":dark")))
        dark = TRUE;
    g_free(name);
    return dark ? SASH_THEME_DARK : SASH_THEME_LIGHT;
}
