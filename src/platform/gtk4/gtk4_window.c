/*
 * gtk4_window.c - a GtkWindow (GTK4) holding one WebKitWebView (6.0).
 *
 * As on GTK3 (gtk_window.c): no white flash, the window is mapped at
 * opacity 0 and raised to 1 when the bridge reports the first frame.
 * What GTK4 changed: "close-request" instead of "delete-event", a child
 * instead of a container, no window positioning (the window manager
 * places windows: on X11 gtk4_window_state.c moves them through Xlib),
 * minimum sizes as the view's size request, and the view takes a WebKitNetworkSession.  The view's
 * own signals, eval and deliveries are shared with GTK3 (gtk/gtk_view.c).
 */
#include <stdlib.h>

#include "gtk4_internal.h"

static gtk_window_data *data_of(sash_window *w)
{
    return sash__window_native(w);
}

static gboolean on_close_request(GtkWindow *win, gpointer w)
{
    (void)win;
    sash__window_close_requested(w); /* the app and the page may veto */
    return TRUE;
}

static void apply_geometry(GtkWindow *win, GtkWidget *view,
                           const sash_window_options *o)
{
    gtk_window_set_default_size(win, o->width, o->height);
    gtk_window_set_resizable(win, !o->fixed_size);
    if (o->min_width > 0 || o->min_height > 0)
        gtk_widget_set_size_request(view, o->min_width > 0 ? o->min_width : -1,
                                    o->min_height > 0 ? o->min_height : -1);
}

int sash__gtk_window_create(sash_window *w, const sash_window_options *o,
                            const char *url, const char *bridge_js)
{
    sash_app *app = sash__window_app(w);
    gtk4_app_data *ad = sash__app_platform_data(app);
    gtk_window_data *d = calloc(1, sizeof *d);
    if (!d)
        return SASH_ENOMEM;
    d->ucm = sash__gtk_view_ucm(w, bridge_js);
    d->view = WEBKIT_WEB_VIEW(g_object_new(WEBKIT_TYPE_WEB_VIEW,
                                           "web-context", ad->context,
                                           "network-session", ad->session,
                                           "user-content-manager", d->ucm,
                                           "is-controlled-by-automation",
                                           (gboolean)sash__gtk_automation_on(),
                                           NULL));
    /* The window owns the view; keep one reference of our own so the
     * view outlives the window's disposal until we are done with it. */
    g_object_ref_sink(d->view);
    WebKitSettings *st = webkit_web_view_get_settings(d->view);
    webkit_settings_set_enable_developer_extras(st, sash__app_debug(app));
    sash__gtk_tune_settings(st);
    d->window = gtk_window_new();
    GtkWindow *win = GTK_WINDOW(d->window);
    gtk_window_set_title(win, o->title ? o->title : "");
    apply_geometry(win, GTK_WIDGET(d->view), o);
    gtk_window_set_child(win, GTK_WIDGET(d->view));
    g_signal_connect(d->window, "close-request", G_CALLBACK(on_close_request), w);
    sash__gtk_view_connect(w, d->view);
    d->cancel = g_cancellable_new();
    sash__window_set_native(w, d);
    g_object_set_data(G_OBJECT(d->view), "sash-window", w);
    gtk_widget_set_opacity(d->window, 0.0);
    /* Mapped by window_apply_options() (gtk4_window_state.c), right after
     * this, unless it starts hidden. */
    webkit_web_view_load_uri(d->view, url);
    sash__window_view_ready(w);
    return 0;
}

void sash__gtk_window_show(sash_window *w)
{
    gtk_window_data *d = data_of(w);
    if (d->show_fallback) {
        g_source_remove(d->show_fallback);
        d->show_fallback = 0;
    }
    gtk_widget_set_opacity(d->window, 1.0);
    if (sash__gtk_window_no_focus(w)) {
        gtk_widget_set_visible(d->window, TRUE);
    } else {
        gtk_window_present(GTK_WINDOW(d->window));
        /* GTK4 leaves the focus on the window itself: keys would reach the
         * page only after a click (GTK3 focuses the view). */
        gtk_widget_grab_focus(GTK_WIDGET(d->view));
    }
}

void sash__gtk_window_destroy(sash_window *w)
{
    gtk_window_data *d = data_of(w);
    if (!d)
        return;
    if (d->show_fallback)
        g_source_remove(d->show_fallback);
    if (d->dev_retry)
        g_source_remove(d->dev_retry);
    sash__gtk_window_state_free(w);
    g_free(d->dev_target);
    g_cancellable_cancel(d->cancel);
    g_object_unref(d->cancel);
    g_signal_handlers_disconnect_by_data(d->ucm, w);
    g_signal_handlers_disconnect_by_data(d->view, w);
    g_signal_handlers_disconnect_by_data(d->window, w);
    g_object_set_data(G_OBJECT(d->view), "sash-window", NULL);
    webkit_user_content_manager_unregister_script_message_handler(
        d->ucm, SASH_GTK_HANDLER, NULL);
    gtk_window_destroy(GTK_WINDOW(d->window));
    /* Close the page now, as GTK3's gtk_widget_destroy() does: WebKit can
     * still hold the view (a first load not answered yet, an eval in
     * flight), and a page left open would go on loading from the app's
     * schemes after sash_app_free(), into the freed app (the crash in the
     * next app's setup after the close-veto test). */
    g_object_run_dispose(G_OBJECT(d->view));
    g_object_unref(d->view);
    g_object_unref(d->ucm);
    sash__window_set_native(w, NULL);
    free(d);
}

void sash__gtk_window_set_title(sash_window *w, const char *title)
{
    gtk_window_set_title(GTK_WINDOW(data_of(w)->window), title);
}
