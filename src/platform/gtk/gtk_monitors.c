/*
 * gtk_monitors.c - monitors on GTK 3 and GTK 4 (the table's monitors and
 * window_monitor entries; compiled into each backend, SASH_GTK4 on GTK4).
 * Linked only into apps that ask for monitors: gtk_app.c and gtk4_app.c
 * refer to these weakly and the core's sash_app_monitors() and
 * sash_window_current_monitor() reference the anchor (platform.h).
 */
#include "gtk_internal.h"

#ifdef SASH_GTK4
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif
#define workarea sash__gtk_ws_workarea /* gtk4_window_state.c */
#else
#define workarea gdk_monitor_get_workarea
#endif

const char sash__platform_monitors_anchor = 0;

static int count(GdkDisplay *display)
{
#ifdef SASH_GTK4
    return (int)g_list_model_get_n_items(gdk_display_get_monitors(display));
#else
    return gdk_display_get_n_monitors(display);
#endif
}

/* Monitor i of display (the display keeps it). */
static GdkMonitor *nth(GdkDisplay *display, int i)
{
#ifdef SASH_GTK4
    GdkMonitor *m =
        g_list_model_get_item(gdk_display_get_monitors(display), (unsigned)i);
    g_object_unref(m); /* the list keeps it */
    return m;
#else
    return gdk_display_get_monitor(display, i);
#endif
}

int sash__gtk_ws_window_monitor(sash_window *w)
{
    GdkDisplay *display = gtk_widget_get_display(
        ((gtk_window_data *)sash__window_native(w))->window);
    GdkMonitor *m = sash__gtk_ws_monitor_of(w);
    int n = count(display);
    for (int i = 0; i < n; i++)
        if (nth(display, i) == m)
            return i;
    return -1;
}

int sash__gtk_ws_monitors(sash_app *app, sash_monitor *out, int max)
{
    (void)app;
    GdkDisplay *display = gdk_display_get_default();
    if (!display)
        return 0;
#ifdef SASH_GTK4
    GdkMonitor *primary = NULL;
#ifdef GDK_WINDOWING_X11
    if (GDK_IS_X11_DISPLAY(display))
        primary = gdk_x11_display_get_primary_monitor(display);
#endif
#endif
    int n = count(display);
    for (int i = 0; i < n && i < max; i++) {
        GdkMonitor *m = nth(display, i);
        GdkRectangle g, wa;
        gdk_monitor_get_geometry(m, &g);
        workarea(m, &wa);
        const char *model = gdk_monitor_get_model(m);
#ifdef SASH_GTK4
        if (!model)
            model = gdk_monitor_get_connector(m);
#endif
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
#ifdef SASH_GTK4
        /* no primary monitor on Wayland: the first one */
        out[i].primary = primary ? m == primary : i == 0;
#else
        out[i].primary = gdk_monitor_is_primary(m);
#endif
    }
    return n;
}
