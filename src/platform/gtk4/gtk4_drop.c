/*
 * gtk4_drop.c - files dragged from other applications onto a window's
 * WebKitWebView on GTK4 (docs/drag-drop.md; the window_drag_drop entry of
 * platform.h; GTK3: ../gtk/gtk_drop.c).
 *
 * A GtkDropTarget for GDK_TYPE_FILE_LIST on the view, in the capture phase
 * so it runs before WebKit's own drop target, with the file list read
 * on enter by a read of our own that outlives a quick drag (ENTER once it
 * is there; LEAVE right after it if the drag left meanwhile).  Drags that start in this process
 * (gdk_drop_get_drag() is not NULL: an element dragged inside the page),
 * drags without files, and every drag while drops are turned off are
 * refused here and stay WebKit's.  A leave is reported from an idle, and
 * not after a drop.
 */
#include <stdlib.h>

#include "../gtk/gtk_internal.h"

const char sash__platform_drop_anchor = 0; /* see platform.h */

typedef struct drop_state {
    int enabled;
    int entered;   /* a drag is over the view and ENTER was reported */
    int dropped;   /* the drag ended in a drop: its leave is not reported */
    double x, y;
    guint leave_idle;
    unsigned gen;      /* +1 per drag that enters */
    unsigned left_gen; /* the drag that left before its list was read */
} drop_state;

typedef struct read_ctx {
    GtkWidget *view; /* ref */
    unsigned gen;
} read_ctx;

static drop_state *state_of(GtkWidget *view)
{
    return g_object_get_data(G_OBJECT(view), "sash-drop");
}

static sash_window *window_of(GtkWidget *view)
{
    return g_object_get_data(G_OBJECT(view), "sash-window");
}

/* The URIs of a GdkFileList value (g_strfreev). */
static gchar **uris_of(const GValue *v, guint *n)
{
    *n = 0;
    if (!v || !G_VALUE_HOLDS(v, GDK_TYPE_FILE_LIST))
        return NULL;
    GSList *files = gdk_file_list_get_files(g_value_get_boxed(v));
    guint len = g_slist_length(files), i = 0;
    gchar **uris = g_new0(gchar *, len + 1);
    for (GSList *f = files; f; f = f->next)
        uris[i++] = g_file_get_uri(f->data);
    g_slist_free(files);
    *n = i;
    return uris;
}

static gboolean on_accept(GtkDropTarget *t, GdkDrop *drop, gpointer p)
{
    (void)p;
    GtkWidget *view = gtk_event_controller_get_widget(GTK_EVENT_CONTROLLER(t));
    drop_state *st = state_of(view);
    return st && st->enabled && !gdk_drop_get_drag(drop) &&
           gdk_content_formats_contain_gtype(gdk_drop_get_formats(drop),
                                             GDK_TYPE_FILE_LIST);
}

/* The list of the drag that entered arrived: ENTER (and its LEAVE at
 * once if the pointer already left: the read outlives the drag). */
static void on_read(GObject *src, GAsyncResult *res, gpointer p)
{
    read_ctx *c = p;
    const GValue *v = gdk_drop_read_value_finish(GDK_DROP(src), res, NULL);
    drop_state *st = state_of(c->view);
    sash_window *w = window_of(c->view);
    if (v && st && w && st->enabled && c->gen == st->gen && !st->dropped &&
        !st->entered) {
        guint n;
        gchar **uris = uris_of(v, &n);
        st->entered = 1;
        sash__window_drop(w, SASH__DROP_ENTER, st->x, st->y,
                          (const char *const *)uris, n);
        g_strfreev(uris);
        if (st->left_gen == c->gen) {
            st->entered = 0;
            sash__window_drop(w, SASH__DROP_LEAVE, 0, 0, NULL, 0);
        }
    }
    g_object_unref(c->view);
    g_free(c);
}

static gboolean leave_later(gpointer view)
{
    drop_state *st = state_of(view);
    sash_window *w = window_of(view);
    if (!st)
        return G_SOURCE_REMOVE;
    st->leave_idle = 0;
    int was = st->entered && !st->dropped;
    st->entered = 0;
    if (was && w)
        sash__window_drop(w, SASH__DROP_LEAVE, 0, 0, NULL, 0);
    return G_SOURCE_REMOVE;
}

static GdkDragAction on_enter(GtkDropTarget *t, double x, double y, gpointer p)
{
    (void)p;
    GtkWidget *view = gtk_event_controller_get_widget(GTK_EVENT_CONTROLLER(t));
    drop_state *st = state_of(view);
    if (st) {
        if (st->leave_idle) { /* the drag before left: say so first */
            g_source_remove(st->leave_idle);
            st->leave_idle = 0;
            leave_later(view);
        }
        st->x = x;
        st->y = y;
        st->dropped = 0;
        st->entered = 0; /* ENTER once this drag's list is read */
        st->gen++;
        GdkDrop *drop = gtk_drop_target_get_current_drop(t);
        if (drop) {
            read_ctx *c = g_new0(read_ctx, 1);
            c->view = g_object_ref(view);
            c->gen = st->gen;
            gdk_drop_read_value_async(drop, GDK_TYPE_FILE_LIST,
                                      G_PRIORITY_DEFAULT, NULL, on_read, c);
        }
    }
    return GDK_ACTION_COPY;
}

static GdkDragAction on_motion(GtkDropTarget *t, double x, double y, gpointer p)
{
    (void)p;
    GtkWidget *view = gtk_event_controller_get_widget(GTK_EVENT_CONTROLLER(t));
    drop_state *st = state_of(view);
    sash_window *w = window_of(view);
    if (st) {
        st->x = x;
        st->y = y;
        if (st->entered && w)
            sash__window_drop(w, SASH__DROP_OVER, x, y, NULL, 0);
    }
    return GDK_ACTION_COPY;
}

static void on_leave(GtkDropTarget *t, gpointer p)
{
    (void)p;
    GtkWidget *view = gtk_event_controller_get_widget(GTK_EVENT_CONTROLLER(t));
    drop_state *st = state_of(view);
    if (st && !st->entered)
        st->left_gen = st->gen; /* its list is still being read */
    if (st && !st->leave_idle) /* the view stays alive until it runs */
        st->leave_idle = g_idle_add_full(G_PRIORITY_DEFAULT, leave_later,
                                         g_object_ref(view), g_object_unref);
}

static gboolean on_drop(GtkDropTarget *t, const GValue *v, double x, double y,
                        gpointer p)
{
    (void)p;
    GtkWidget *view = gtk_event_controller_get_widget(GTK_EVENT_CONTROLLER(t));
    drop_state *st = state_of(view);
    sash_window *w = window_of(view);
    if (!st || !w)
        return FALSE;
    guint n;
    gchar **uris = uris_of(v, &n);
    st->dropped = 1;
    st->entered = 0;
    sash__window_drop(w, SASH__DROP_DROP, x, y, (const char *const *)uris, n);
    g_strfreev(uris);
    return TRUE;
}

void sash__gtk_window_drag_drop(sash_window *w, int enabled)
{
    gtk_window_data *d = sash__window_native(w);
    if (!d)
        return;
    GtkWidget *view = GTK_WIDGET(d->view);
    drop_state *st = state_of(view);
    if (!st) {
        if (!enabled)
            return;
        st = g_new0(drop_state, 1);
        g_object_set_data_full(G_OBJECT(view), "sash-drop", st, g_free);
        GtkDropTarget *t = gtk_drop_target_new(GDK_TYPE_FILE_LIST,
                                               GDK_ACTION_COPY);
        gtk_event_controller_set_propagation_phase(GTK_EVENT_CONTROLLER(t),
                                                   GTK_PHASE_CAPTURE);
        g_signal_connect(t, "accept", G_CALLBACK(on_accept), NULL);
        g_signal_connect(t, "enter", G_CALLBACK(on_enter), NULL);
        g_signal_connect(t, "motion", G_CALLBACK(on_motion), NULL);
        g_signal_connect(t, "leave", G_CALLBACK(on_leave), NULL);
        g_signal_connect(t, "drop", G_CALLBACK(on_drop), NULL);
        gtk_widget_add_controller(view, GTK_EVENT_CONTROLLER(t));
    }
    st->enabled = enabled;
    st->entered = 0;
}
