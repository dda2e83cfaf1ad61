/*
 * gtk_drop.c - files dragged from other applications onto a window's
 * WebKitWebView (GTK3; docs/drag-drop.md, the window_drag_drop entry of
 * platform.h).
 *
 * WebKit is a drag destination with no GTK defaults: it answers motions
 * and asks for the data itself.  Sash's handlers run before its class
 * handlers, and take an external drag that offers text/uri-list: on the
 * first motion they ask for the list (ENTER once it arrives), answer
 * every motion (OVER), and on the drop take the list and finish the drag
 * (DROP).  WebKit never sees such a drag (the page gets no HTML5 drop for
 * it).  Drags that start in this process (an element dragged inside the
 * page) and drags without files stay WebKit's.  GTK emits drag-leave
 * before drag-drop too, so a leave is reported from an idle callback
 * unless a drop came first.
 */
#include <stdlib.h>
#include <string.h>

#include "gtk_drop_common.h"

typedef gtk_drop_state drop_state;

static GdkAtom uri_list_atom(void)
{
    return gdk_atom_intern_static_string("text/uri-list");
}

void sash__gtk_drop_clear(drop_state *st)
{
    if (st->ctx)
        g_object_unref(st->ctx);
    st->ctx = NULL;
    g_strfreev(st->uris);
    st->uris = NULL;
    st->requested = st->dropping = 0;
}

void sash__gtk_drop_set(drop_state *st, int enabled)
{
    if (!enabled)
        sash__gtk_drop_clear(st);
}

int sash__gtk_drop_left(drop_state *st)
{
    if (!st->ctx || st->dropping)
        return 0;
    sash__gtk_drop_clear(st);
    return 1;
}

/* An external drag that carries files. */
static int ours(GdkDragContext *ctx)
{
    if (gtk_drag_get_source_widget(ctx))
        return 0; /* started in this process: the page's own drag */
    for (GList *t = gdk_drag_context_list_targets(ctx); t; t = t->next)
        if (GDK_POINTER_TO_ATOM(t->data) == uri_list_atom())
            return 1;
    return 0;
}

static GdkDragAction action_for(GdkDragContext *ctx)
{
    GdkDragAction a = gdk_drag_context_get_actions(ctx);
    if (a & GDK_ACTION_COPY)
        return GDK_ACTION_COPY;
    return gdk_drag_context_get_suggested_action(ctx);
}

/* Finishes the drag, then reports (a listener may close the window). */
static void finish_drop(GtkWidget *view, drop_state *st, sash_window *w)
{
    gchar **uris = st->uris;
    st->uris = NULL;
    double x = st->x, y = st->y;
    gtk_drag_finish(st->ctx, TRUE, FALSE, st->drop_time);
    sash__gtk_drop_clear(st);
    (void)view;
    sash__window_drop(w, SASH__DROP_DROP, x, y, (const char *const *)uris,
                      uris ? g_strv_length(uris) : 0);
    g_strfreev(uris);
}

static gboolean on_motion(GtkWidget *view, GdkDragContext *ctx, gint x,
                          gint y, guint time, gpointer w)
{
    drop_state *st = sash__gtk_drop_state_of(view);
    if (!st || !st->enabled || !ours(ctx))
        return FALSE;
    sash__gtk_drop_leave_cancel(view, st, 0); /* left and came back */
    st->x = x;
    st->y = y;
    if (st->ctx != ctx) {
        sash__gtk_drop_clear(st);
        st->ctx = g_object_ref(ctx);
    }
    if (!st->requested) {
        st->requested = 1;
        gtk_drag_get_data(view, ctx, uri_list_atom(), time);
    } else if (st->uris) {
        sash__window_drop(w, SASH__DROP_OVER, x, y, NULL, 0);
    }
    gdk_drag_status(ctx, action_for(ctx), time);
    return TRUE;
}

static void on_data(GtkWidget *view, GdkDragContext *ctx, gint x, gint y,
                    GtkSelectionData *data, guint info, guint time, gpointer w)
{
    (void)x, (void)y, (void)info, (void)time;
    drop_state *st = sash__gtk_drop_state_of(view);
    if (!st || !st->enabled || ctx != st->ctx)
        return; /* WebKit's own request */
    g_signal_stop_emission_by_name(view, "drag-data-received");
    if (st->uris)
        return;
    gchar **uris = gtk_selection_data_get_uris(data);
    st->uris = uris ? uris : g_new0(gchar *, 1);
    if (st->dropping) {
        finish_drop(view, st, w);
        return;
    }
    sash__window_drop(w, SASH__DROP_ENTER, st->x, st->y,
                      (const char *const *)st->uris, g_strv_length(st->uris));
}

static void on_leave(GtkWidget *view, GdkDragContext *ctx, guint time,
                     gpointer w)
{
    (void)time, (void)w;
    drop_state *st = sash__gtk_drop_state_of(view);
    if (!st || !st->enabled || ctx != st->ctx)
        return;
    g_signal_stop_emission_by_name(view, "drag-leave");
    sash__gtk_drop_leave_later(view, st);
}

static gboolean on_drop(GtkWidget *view, GdkDragContext *ctx, gint x, gint y,
                        guint time, gpointer w)
{
    drop_state *st = sash__gtk_drop_state_of(view);
    if (!st || !st->enabled || ctx != st->ctx)
        return FALSE;
    sash__gtk_drop_leave_cancel(view, st, 0); /* GTK's leave before the drop */
    st->x = x;
    st->y = y;
    st->drop_time = time;
    if (st->uris) {
        finish_drop(view, st, w);
        return TRUE;
    }
    st->dropping = 1;
    if (!st->requested) {
        st->requested = 1;
        gtk_drag_get_data(view, ctx, uri_list_atom(), time);
    }
    return TRUE;
}

/* Connected with w: window_destroy() disconnects them. */
void sash__gtk_drop_connect(GtkWidget *view, sash_window *w)
{
    g_signal_connect(view, "drag-motion", G_CALLBACK(on_motion), w);
    g_signal_connect(view, "drag-data-received", G_CALLBACK(on_data), w);
    g_signal_connect(view, "drag-leave", G_CALLBACK(on_leave), w);
    g_signal_connect(view, "drag-drop", G_CALLBACK(on_drop), w);
}
