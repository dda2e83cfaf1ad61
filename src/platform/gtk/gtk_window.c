/*
 * gtk_window.c - a GtkWindow holding one WebKitWebView.
 *
 * No white flash: the window is mapped at opacity 0 (WebKit does not paint
 * a page whose view is unmapped, so hiding it would never produce the first
 * frame) and raised to opacity 1 when the bridge reports the first frame.
 * Without a compositor opacity is ignored and the window shows at once.
 */
#include <stdlib.h>

#include "gtk_internal.h"

static gtk_window_data *data_of(sash_window *w)
{
    return sash__window_native(w);
}

static gboolean on_delete(GtkWidget *widget, GdkEvent *ev, gpointer w)
{
    (void)widget;
    (void)ev;
    sash__window_close_requested(w); /* the app and the page may veto */
    return TRUE;
}

static void apply_geometry(GtkWindow *win, const sash_window_options *o)
{
    gtk_window_set_default_size(win, o->width, o->height);
    gtk_window_set_resizable(win, !o->fixed_size);
    if (o->min_width > 0 || o->min_height > 0) {
        GdkGeometry g = {.min_width = o->min_width, .min_height = o->min_height};
        gtk_window_set_geometry_hints(win, NULL, &g, GDK_HINT_MIN_SIZE);
    }
    if (!o->no_center)
        gtk_window_set_position(win, GTK_WIN_POS_CENTER);
}

int sash__gtk_window_create(sash_window *w, const sash_window_options *o,
                            const char *url, const char *bridge_js)
{
    sash_app *app = sash__window_app(w);
    gtk_app_data *ad = sash__app_platform_data(app);
    gtk_window_data *d = calloc(1, sizeof *d);
    if (!d)
        return SASH_ENOMEM;
    d->ucm = sash__gtk_view_ucm(w, bridge_js);
    d->view = WEBKIT_WEB_VIEW(g_object_new(WEBKIT_TYPE_WEB_VIEW,
                                           "web-context", ad->context,
                                           "user-content-manager", d->ucm,
                                           "is-controlled-by-automation",
                                           (gboolean)sash__gtk_automation_on(),
                                           NULL));
    WebKitSettings *st = webkit_web_view_get_settings(d->view);
    webkit_settings_set_enable_developer_extras(st, sash__app_debug(app));
    sash__gtk_tune_settings(st);
    d->window = gtk_window_new(GTK_WINDOW_TOPLEVEL);
    GtkWindow *win = GTK_WINDOW(d->window);
    gtk_window_set_title(win, o->title ? o->title : "");
    apply_geometry(win, o);
    gtk_container_add(GTK_CONTAINER(d->window), GTK_WIDGET(d->view));
    g_signal_connect(d->window, "delete-event", G_CALLBACK(on_delete), w);
    sash__gtk_view_connect(w, d->view);
    d->cancel = g_cancellable_new();
    sash__window_set_native(w, d);
    g_object_set_data(G_OBJECT(d->view), "sash-window", w);
    gtk_widget_set_opacity(d->window, 0.0);
    /* Mapped by window_apply_options(), right after this. */
    webkit_web_view_load_uri(d->view, url);
    sash__window_view_ready(w); /* a WebKitWebView takes scripts at once */
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
    if (sash__gtk_window_no_focus(w))
        gtk_widget_show(d->window);
    else
        gtk_window_present(GTK_WINDOW(d->window));
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
    g_cancellable_cancel(d->cancel); /* pending deliveries end as cancelled */
    g_object_unref(d->cancel);
    /* No callback may reach a closed window. */
    g_signal_handlers_disconnect_by_data(d->ucm, w);
    g_signal_handlers_disconnect_by_data(d->view, w);
    g_signal_handlers_disconnect_by_data(d->window, w);
    g_object_set_data(G_OBJECT(d->view), "sash-window", NULL);
    webkit_user_content_manager_unregister_script_message_handler(
        d->ucm, SASH_GTK_HANDLER);
    gtk_widget_destroy(d->window);
    g_object_unref(d->ucm);
    sash__window_set_native(w, NULL);
    free(d);
}

void sash__gtk_window_set_title(sash_window *w, const char *title)
{
    gtk_window_set_title(GTK_WINDOW(data_of(w)->window), title);
}
