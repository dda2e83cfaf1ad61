/*
 * gtk_monitors.c - monitors on GTK 3 (the table's monitors and
 * window_monitor entries).  Linked only into apps that ask for monitors:
 * gtk_app.c refers to these weakly and the core's sash_app_monitors() and
 * sash_window_current_monitor() reference the anchor (platform.h).
 */
#include "gtk_internal.h"

const char sash__platform_monitors_anchor = 0;

int sash__gtk_ws_window_monitor(sash_window *w)
{
    GdkDisplay *display = gtk_widget_get_display(
        ((gtk_window_data *)sash__window_native(w))->window);
    GdkMonitor *m = sash__gtk_ws_monitor_of(w);
    int n = gdk_display_get_n_monitors(display);
    for (int i = 0; i < n; i++)
        if (gdk_display_get_monitor(display, i) == m)
            return i;
    return -1;
}

int sash__gtk_ws_monitors(sash_app *app, sash_monitor *out, int max)
{
    (void)app;
    GdkDisplay *display = gdk_display_get_default();
    if (!display)
        return 0;
    int n = gdk_display_get_n_monitors(display);
    for (int i = 0; i < n && i < max; i++) {
        GdkMonitor *m = gdk_display_get_monitor(display, i);
        GdkRectangle g, wa;
        gdk_monitor_get_geometry(m, &g);
        gdk_monitor_get_workarea(m, &wa);
        const char *model = gdk_monitor_get_model(m);
        g_strlcpy(out[i].name, model ? model : "", sizeof out[i].name);
        out[i].x = g.x;
        out[i].y = g.y;
        out[i].width = g.width;
        out[i].height = g.height;
        out[i].work_x = wa.x;
        out[i].work_y = wa.y;
        out[i].work_width = wa.width;
        out[i].work_height = wa.height;
        out[i].scale = gdk_monitor_get_scale_factor(m);
        out[i].primary = gdk_monitor_is_primary(m);
    }
    return n;
}
