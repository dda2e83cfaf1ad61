/*
 * gtk_dialog.c - the table's dialog entry: GtkFileChooserNative (which
 * goes through the XDG desktop portal when one runs, and is a GTK dialog
 * otherwise) for open and save, GtkMessageDialog for messages.  Both are
 * shown without blocking; a dialog still open when its window is destroyed
 * is closed and completed as cancelled from the window's "destroy" signal,
 * that is, inside window_destroy().  What GTK4 shares is in
 * gtk_dialog_common.c.
 */
#include <string.h>

#include "gtk_dialog_common.h"

/* Linked only when the core's desktop code uses it (platform.h). */
const char sash__platform_dialog_anchor = 0;

typedef gtk_pending_dialog pending;

static void on_file_response(GtkNativeDialog *dlg, gint response, gpointer data)
{
    GSList *files = response == GTK_RESPONSE_ACCEPT
                        ? gtk_file_chooser_get_files(GTK_FILE_CHOOSER(dlg))
                        : NULL;
    g_signal_handlers_disconnect_by_data(dlg, data);
    GPtrArray *a = g_ptr_array_new();
    for (GSList *l = files; l; l = l->next)
        g_ptr_array_add(a, l->data);
    sash__gtk_dialog_finish(data, files == NULL, files != NULL,
                            (GFile *const *)a->pdata, a->len);
    g_ptr_array_free(a, TRUE);
    g_slist_free_full(files, g_object_unref);
}

static void on_message_response(GtkDialog *dlg, gint response, gpointer data)
{
    g_signal_handlers_disconnect_by_data(dlg, data);
    gtk_widget_destroy(GTK_WIDGET(dlg));
    sash__gtk_dialog_message_done(data, response);
}

/* The window goes away with the dialog still open. */
static void on_parent_destroy(GtkWidget *parent, gpointer data)
{
    (void)parent;
    pending *p = data;
    p->destroy_id = 0; /* the widget drops its handlers itself */
    g_signal_handlers_disconnect_by_data(p->dialog, p);
    if (GTK_IS_NATIVE_DIALOG(p->dialog))
        gtk_native_dialog_hide(GTK_NATIVE_DIALOG(p->dialog));
    else
        gtk_widget_destroy(GTK_WIDGET(p->dialog));
    sash__gtk_dialog_finish(p, 1, 0, NULL, 0);
}

/* GTK 3 patterns are case-sensitive: "PNG" files count too. */
static void add_pattern(GtkFileFilter *ff, const char *ext)
{
    char *pat = strcmp(ext, "*") == 0 ? g_strdup("*")
                                      : g_strdup_printf("*.%s", ext);
    gtk_file_filter_add_pattern(ff, pat);
    char *up = g_ascii_strup(pat, -1);
    if (strcmp(up, pat) != 0)
        gtk_file_filter_add_pattern(ff, up);
    g_free(up);
    g_free(pat);
}

static GObject *file_dialog(GtkWindow *parent, const sash_dialog_options *o)
{
    int save = o->kind == SASH_DIALOG_SAVE;
    GtkFileChooserNative *n = sash__gtk_dialog_chooser(parent, o);
    GtkFileChooser *fc = GTK_FILE_CHOOSER(n);
    gtk_file_chooser_set_local_only(fc, TRUE);
    if (save)
        gtk_file_chooser_set_do_overwrite_confirmation(fc, TRUE);
    sash__gtk_dialog_filters(fc, o, add_pattern);
    const char *dp = o->default_path;
    if (dp && g_path_is_absolute(dp)) {
        if (g_file_test(dp, G_FILE_TEST_IS_DIR)) {
            gtk_file_chooser_set_current_folder(fc, dp);
        } else if (save) {
            char *dir = g_path_get_dirname(dp), *base = g_path_get_basename(dp);
            gtk_file_chooser_set_current_folder(fc, dir);
            gtk_file_chooser_set_current_name(fc, base);
            g_free(dir);
            g_free(base);
        } else {
            gtk_file_chooser_set_filename(fc, dp);
        }
    } else if (dp && save) {
        gtk_file_chooser_set_current_name(fc, dp); /* a bare name */
    }
    return G_OBJECT(n);
}

static GObject *message_dialog(GtkWindow *parent, const sash_dialog_options *o)
{
    /* The title as the bold primary text, the message below it (GNOME's
     * message dialogs show no title bar). */
    GtkWidget *m = gtk_message_dialog_new(
        parent, GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
        sash__gtk_dialog_message_type(o), GTK_BUTTONS_NONE, "%s",
        o->title ? o->title : o->message);
    sash__gtk_dialog_message_fill(m, o);
    return G_OBJECT(m);
}

void sash__gtk_dialog(sash_window *w, sash__dialog *d)
{
    gtk_window_data *wd = sash__window_native(w);
    GtkWindow *parent = wd ? GTK_WINDOW(wd->window) : NULL;
    pending *p = g_new0(pending, 1);
    p->d = d;
    if (d->o.kind == SASH_DIALOG_MESSAGE) {
        p->dialog = g_object_ref_sink(message_dialog(parent, &d->o));
        g_signal_connect(p->dialog, "response",
                         G_CALLBACK(on_message_response), p);
        gtk_widget_show_all(GTK_WIDGET(p->dialog));
    } else {
        p->dialog = file_dialog(parent, &d->o);
        g_signal_connect(p->dialog, "response", G_CALLBACK(on_file_response),
                         p);
        gtk_native_dialog_show(GTK_NATIVE_DIALOG(p->dialog));
    }
    if (parent) {
        p->parent = GTK_WIDGET(parent);
        p->destroy_id = g_signal_connect(parent, "destroy",
                                         G_CALLBACK(on_parent_destroy), p);
    }
}
