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
    /* "...-dark" or "...-Dark" (not g_str_has_suffix: one import fewer) */
    size_t n = name ? strlen(name) : 0;
    if (name && ((n >= 5 && (strcmp(name + n - 5, "-dark") == 0 ||
                             strcmp(name + n - 5, "-Dark") == 0)) ||
                 strstr(name, ":dark")))
        dark = TRUE;
    g_free(name);
    return dark ? SASH_THEME_DARK : SASH_THEME_LIGHT;
}
