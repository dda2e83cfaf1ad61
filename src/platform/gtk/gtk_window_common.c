/*
 * gtk_window_common.c - what the GTK3 and GTK4 windows (gtk_window.c,
 * ../gtk4/gtk4_window.c) share: the view with its settings, the native
 * data, the first steps of showing and of destroying, and the title.
 * Compiled into each backend (SASH_GTK4 on GTK4).
 */
#include <stdlib.h>

#include "gtk_internal.h"

gtk_window_data *sash__gtk_window_data_new(sash_window *w, const char *bridge_js)
{
    sash_app *app = sash__window_app(w);
    gtk_app_data *ad = sash__app_platform_data(app);
    gtk_window_data *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->ucm = sash__gtk_view_ucm(w, bridge_js);
    d->view = WEBKIT_WEB_VIEW(g_object_new(WEBKIT_TYPE_WEB_VIEW,
                                           "web-context", ad->context,
#ifdef SASH_GTK4
                                           "network-session", ad->session,
#endif
                                           "user-content-manager", d->ucm,
                                           "is-controlled-by-automation",
                                           (gboolean)sash__gtk_automation_on(),
                                           NULL));
    WebKitSettings *st = webkit_web_view_get_settings(d->view);
    webkit_settings_set_enable_developer_extras(st, sash__app_debug(app));
    sash__gtk_tune_settings(st);
    return d;
}

/* After the toolkit made the window and put the view in it. */
void sash__gtk_window_start(sash_window *w, gtk_window_data *d,
                            const char *url)
{
    sash__gtk_view_connect(w, d->view);
    d->cancel = g_cancellable_new();
    sash__window_set_native(w, d);
    g_object_set_data(G_OBJECT(d->view), "sash-window", w);
    gtk_widget_set_opacity(d->window, 0.0);
    /* Mapped by window_apply_options(), right after this, unless it
     * starts hidden. */
    webkit_web_view_load_uri(d->view, url);
    sash__window_view_ready(w); /* a WebKitWebView takes scripts at once */
}

void sash__gtk_window_unveil(gtk_window_data *d)
{
    if (d->show_fallback) {
        g_source_remove(d->show_fallback);
        d->show_fallback = 0;
    }
    gtk_widget_set_opacity(d->window, 1.0);
}

void sash__gtk_window_release(sash_window *w, gtk_window_data *d)
{
    if (d->show_fallback)
        g_source_remove(d->show_fallback);
    if (d->dev_retry)
        g_source_remove(d->dev_retry);
    sash__gtk_window_state_free(w);
    g_free(d->dev_target);
    g_cancellable_cancel(d->cancel); /* pending deliveries end as cancelled */
    g_object_unref(d->cancel);
    /* No callback may reach a closed window. */
    g_signal_handlers_disconnect_by_data(d->ucm, w);
    g_signal_handlers_disconnect_by_data(d->view, w);
    g_signal_handlers_disconnect_by_data(d->window, w);
    g_object_set_data(G_OBJECT(d->view), "sash-window", NULL);
}

void sash__gtk_window_set_title(sash_window *w, const char *title)
{
    gtk_window_data *d = sash__window_native(w);
    gtk_window_set_title(GTK_WINDOW(d->window), title);
}
