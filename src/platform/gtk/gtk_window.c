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
    gtk_window_data *d = sash__gtk_window_data_new(w, bridge_js);
    if (!d)
        return SASH_ENOMEM;
    d->window = gtk_window_new(GTK_WINDOW_TOPLEVEL);
    GtkWindow *win = GTK_WINDOW(d->window);
    gtk_window_set_title(win, o->title ? o->title : "");
    apply_geometry(win, o);
    gtk_container_add(GTK_CONTAINER(d->window), GTK_WIDGET(d->view));
    g_signal_connect(d->window, "delete-event", G_CALLBACK(on_delete), w);
    sash__gtk_window_start(w, d, url); /* gtk_window_common.c */
    return 0;
}

void sash__gtk_window_show(sash_window *w)
{
    gtk_window_data *d = data_of(w);
    sash__gtk_window_unveil(d);
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
    sash__gtk_window_release(w, d);
    webkit_user_content_manager_unregister_script_message_handler(
        d->ucm, SASH_GTK_HANDLER);
    gtk_widget_destroy(d->window);
    g_object_unref(d->ucm);
    sash__window_set_native(w, NULL);
    free(d);
}
