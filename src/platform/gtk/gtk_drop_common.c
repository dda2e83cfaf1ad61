/*
 * gtk_drop_common.c - what the file drops of GTK3 (gtk_drop.c) and GTK4
 * (../gtk4/gtk4_drop.c) share: the per-view state, the window_drag_drop
 * entry of platform.h, and the leave reported from an idle callback (GTK
 * reports a leave before a drop too, and a drag may come back).  Compiled
 * into each backend (SASH_GTK4 on GTK4).
 */
#include "gtk_drop_common.h"

const char sash__platform_drop_anchor = 0; /* see platform.h */

gtk_drop_state *sash__gtk_drop_state_of(GtkWidget *view)
{
    return g_object_get_data(G_OBJECT(view), "sash-drop");
}

sash_window *sash__gtk_drop_window_of(GtkWidget *view)
{
    return g_object_get_data(G_OBJECT(view), "sash-window");
}

static gboolean leave_now(gpointer view)
{
    gtk_drop_state *st = sash__gtk_drop_state_of(view);
    sash_window *w = sash__gtk_drop_window_of(view);
    if (!st)
        return G_SOURCE_REMOVE;
    st->leave_idle = 0;
    if (sash__gtk_drop_left(st) && w)
        sash__window_drop(w, SASH__DROP_LEAVE, 0, 0, NULL, 0);
    return G_SOURCE_REMOVE;
}

void sash__gtk_drop_leave_later(GtkWidget *view, gtk_drop_state *st)
{
    if (!st->leave_idle) /* the view stays alive until it runs */
        st->leave_idle = g_idle_add_full(G_PRIORITY_DEFAULT, leave_now,
                                         g_object_ref(view), g_object_unref);
}

void sash__gtk_drop_leave_cancel(GtkWidget *view, gtk_drop_state *st,
                                 int report)
{
    if (!st->leave_idle)
        return;
    g_source_remove(st->leave_idle);
    st->leave_idle = 0;
    if (report)
        leave_now(view);
}

static void state_free(gpointer p)
{
    gtk_drop_state *st = p;
    sash__gtk_drop_clear(st); /* a pending leave idle holds the view: none here */
    g_free(st);
}

void sash__gtk_window_drag_drop(sash_window *w, int enabled)
{
    gtk_window_data *d = sash__window_native(w);
    if (!d)
        return;
    GtkWidget *view = GTK_WIDGET(d->view);
    gtk_drop_state *st = sash__gtk_drop_state_of(view);
    if (!st) {
        if (!enabled)
            return;
        st = g_new0(gtk_drop_state, 1);
        g_object_set_data_full(G_OBJECT(view), "sash-drop", st, state_free);
        sash__gtk_drop_connect(view, w);
    }
    st->enabled = enabled;
    sash__gtk_drop_set(st, enabled);
}
