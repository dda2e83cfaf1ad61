/*
 * gtk_window_state_common.c - what the window-state files of GTK3
 * (gtk_window_state.c) and GTK4 (../gtk4/gtk4_window_state.c) share: the
 * focus, scale and desktop-theme signals, the theme entry, and the
 * per-window timer that bounds a close request.  Compiled into each
 * backend (SASH_GTK4 on GTK4).
 */
#include "gtk_internal.h"

static void on_active(GObject *obj, GParamSpec *ps, gpointer w)
{
    (void)ps;
    sash__window_focus_changed(w, gtk_window_is_active(GTK_WINDOW(obj)));
}

static void on_scale(GObject *obj, GParamSpec *ps, gpointer w)
{
    (void)ps;
    sash__window_scale_changed(w, gtk_widget_get_scale_factor(GTK_WIDGET(obj)));
}

static void on_theme(GObject *obj, GParamSpec *ps, gpointer w)
{
    (void)obj;
    (void)ps;
    sash__app_theme_changed(sash__window_app(w), sash__gtk_theme_now());
}

void sash__gtk_ws_connect(sash_window *w)
{
    gtk_window_data *d = sash__window_native(w);
    g_signal_connect(d->window, "notify::is-active", G_CALLBACK(on_active), w);
    g_signal_connect(d->window, "notify::scale-factor", G_CALLBACK(on_scale), w);
    GtkSettings *s = gtk_settings_get_default();
    if (s) {
        g_signal_connect(s, "notify::gtk-application-prefer-dark-theme",
                         G_CALLBACK(on_theme), w);
        g_signal_connect(s, "notify::gtk-theme-name", G_CALLBACK(on_theme), w);
    }
    sash__app_theme_changed(sash__window_app(w), sash__gtk_theme_now());
}

void sash__gtk_ws_disconnect(sash_window *w)
{
    gtk_window_data *d = sash__window_native(w);
    GtkSettings *s = gtk_settings_get_default();
    if (s)
        g_signal_handlers_disconnect_by_data(s, w);
    if (d->timer)
        g_source_remove(d->timer);
    d->timer = 0;
    d->timer_fn = NULL;
}

int sash__gtk_ws_theme(sash_app *app)
{
    (void)app;
    return sash__gtk_theme_now();
}

static gboolean timer_cb(gpointer w)
{
    gtk_window_data *d = sash__window_native(w);
    void (*fn)(sash_window *) = d->timer_fn;
    d->timer = 0;
    d->timer_fn = NULL;
    if (fn)
        fn(w);
    return G_SOURCE_REMOVE;
}

void sash__gtk_ws_window_timer(sash_window *w, unsigned ms,
                               void (*fn)(sash_window *))
{
    gtk_window_data *d = sash__window_native(w);
    if (d->timer)
        g_source_remove(d->timer);
    d->timer_fn = fn;
    d->timer = g_timeout_add(ms, timer_cb, w);
}
