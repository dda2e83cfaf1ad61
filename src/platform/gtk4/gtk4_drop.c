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

#include "../gtk/gtk_drop_common.h"

typedef gtk_drop_state drop_state;

typedef struct read_ctx {
    GtkWidget *view; /* ref */
    unsigned gen;
} read_ctx;

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
    drop_state *st = sash__gtk_drop_state_of(view);
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
    drop_state *st = sash__gtk_drop_state_of(c->view);
    sash_window *w = sash__gtk_drop_window_of(c->view);
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

int sash__gtk_drop_left(drop_state *st)
{
    int was = st->entered && !st->dropped;
    st->entered = 0;
    return was;
}

static GdkDragAction on_enter(GtkDropTarget *t, double x, double y, gpointer p)
{
    (void)p;
    GtkWidget *view = gtk_event_controller_get_widget(GTK_EVENT_CONTROLLER(t));
    drop_state *st = sash__gtk_drop_state_of(view);
    if (st) {
        /* the drag before left: say so first */
        sash__gtk_drop_leave_cancel(view, st, 1);
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
    drop_state *st = sash__gtk_drop_state_of(view);
    sash_window *w = sash__gtk_drop_window_of(view);
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
    drop_state *st = sash__gtk_drop_state_of(view);
    if (st && !st->entered)
        st->left_gen = st->gen; /* its list is still being read */
    if (st)
        sash__gtk_drop_leave_later(view, st);
}

static gboolean on_drop(GtkDropTarget *t, const GValue *v, double x, double y,
                        gpointer p)
{
    (void)p;
    GtkWidget *view = gtk_event_controller_get_widget(GTK_EVENT_CONTROLLER(t));
    drop_state *st = sash__gtk_drop_state_of(view);
    sash_window *w = sash__gtk_drop_window_of(view);
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

void sash__gtk_drop_connect(GtkWidget *view, sash_window *w)
{
    (void)w;
    GtkDropTarget *t = gtk_drop_target_new(GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
    gtk_event_controller_set_propagation_phase(GTK_EVENT_CONTROLLER(t),
                                               GTK_PHASE_CAPTURE);
    g_signal_connect(t, "accept", G_CALLBACK(on_accept), NULL);
    g_signal_connect(t, "enter", G_CALLBACK(on_enter), NULL);
    g_signal_connect(t, "motion", G_CALLBACK(on_motion), NULL);
    g_signal_connect(t, "leave", G_CALLBACK(on_leave), NULL);
    g_signal_connect(t, "drop", G_CALLBACK(on_drop), NULL);
    gtk_widget_add_controller(view, GTK_EVENT_CONTROLLER(t));
}

void sash__gtk_drop_set(drop_state *st, int enabled)
{
    (void)enabled;
    st->entered = 0;
}

void sash__gtk_drop_clear(drop_state *st)
{
    (void)st; /* holds nothing */
}
