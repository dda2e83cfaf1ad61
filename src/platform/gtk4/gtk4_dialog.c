/*
 * gtk4_dialog.c - the table's dialog entry on GTK4: GtkFileChooserNative
 * (through the XDG desktop portal when one runs, a GTK dialog otherwise)
 * for open and save, GtkMessageDialog for messages.  GTK4 has no
 * gtk_dialog_run(): both are shown without blocking and answer through
 * "response".  A dialog still open when its window is destroyed is closed
 * and completed as cancelled from the window's "destroy" signal, that is,
 * inside window_destroy(), as on GTK3 (../gtk/gtk_dialog.c); what the two
 * share is in ../gtk/gtk_dialog_common.c.
 *
 * GTK 4.10 deprecates both classes for GtkFileDialog / GtkAlertDialog
 * (4.10+, Debian 12 has 4.8); they still work through GTK 4, so they are
 * used on every 4.x with the deprecation warnings silenced here.
 */
#include <string.h>

#include "gtk4_desk.h"
#include "../gtk/gtk_dialog_common.h"

G_GNUC_BEGIN_IGNORE_DEPRECATIONS

/* Linked only when the core's desktop code uses it (platform.h). */
const char sash__platform_dialog_anchor = 0;

typedef gtk_pending_dialog pending;

static void on_file_response(GtkNativeDialog *dlg, gint response, gpointer data)
{
    GListModel *files = response == GTK_RESPONSE_ACCEPT
                            ? gtk_file_chooser_get_files(GTK_FILE_CHOOSER(dlg))
                            : NULL;
    if (files && g_list_model_get_n_items(files) == 0)
        g_clear_object(&files);
    g_signal_handlers_disconnect_by_data(dlg, data);
    GPtrArray *a = g_ptr_array_new_with_free_func(g_object_unref);
    for (guint i = 0; files && i < g_list_model_get_n_items(files); i++)
        g_ptr_array_add(a, g_list_model_get_item(files, i));
    sash__gtk_dialog_finish(data, files == NULL, files != NULL,
                            (GFile *const *)a->pdata, a->len);
    g_ptr_array_free(a, TRUE);
    if (files)
        g_object_unref(files);
}

static void on_message_response(GtkDialog *dlg, gint response, gpointer data)
{
    g_signal_handlers_disconnect_by_data(dlg, data);
    gtk_window_destroy(GTK_WINDOW(dlg));
    sash__gtk_dialog_message_done(data, response);
}

/* The window goes away with the dialog still open. */
static void on_parent_destroy(GtkWidget *parent, gpointer data)
{
    (void)parent;
    pending *p = data;
    g_signal_handler_disconnect(p->parent, p->destroy_id);
    p->destroy_id = 0;
    g_signal_handlers_disconnect_by_data(p->dialog, p);
    if (GTK_IS_NATIVE_DIALOG(p->dialog))
        gtk_native_dialog_destroy(GTK_NATIVE_DIALOG(p->dialog));
    else
        gtk_window_destroy(GTK_WINDOW(p->dialog));
    sash__gtk_dialog_finish(p, 1, 0, NULL, 0);
}

/* GTK4 suffixes match case-insensitively: "PNG" files too. */
static void add_suffix(GtkFileFilter *ff, const char *ext)
{
    if (strcmp(ext, "*") == 0)
        gtk_file_filter_add_pattern(ff, "*");
    else
        gtk_file_filter_add_suffix(ff, ext);
}

static void set_folder(GtkFileChooser *fc, const char *dir)
{
    GFile *f = g_file_new_for_path(dir);
    gtk_file_chooser_set_current_folder(fc, f, NULL);
    g_object_unref(f);
}

static GObject *file_dialog(GtkWindow *parent, const sash_dialog_options *o)
{
    int save = o->kind == SASH_DIALOG_SAVE;
    GtkFileChooserNative *n = sash__gtk_dialog_chooser(parent, o);
    GtkFileChooser *fc = GTK_FILE_CHOOSER(n);
    /* GTK4 always confirms overwriting a file in a save dialog. */
    sash__gtk_dialog_filters(fc, o, add_suffix);
    const char *dp = o->default_path;
    if (dp && g_path_is_absolute(dp)) {
        if (g_file_test(dp, G_FILE_TEST_IS_DIR)) {
            set_folder(fc, dp);
        } else if (save) {
            char *dir = g_path_get_dirname(dp), *base = g_path_get_basename(dp);
            set_folder(fc, dir);
            gtk_file_chooser_set_current_name(fc, base);
            g_free(dir);
            g_free(base);
        } else {
            GFile *f = g_file_new_for_path(dp);
            gtk_file_chooser_set_file(fc, f, NULL);
            g_object_unref(f);
        }
    } else if (dp && save) {
        gtk_file_chooser_set_current_name(fc, dp); /* a bare name */
    }
    return G_OBJECT(n);
}

static GObject *message_dialog(GtkWindow *parent, const sash_dialog_options *o)
{
    /* The title as the bold primary text, the message below it. */
    GtkWidget *m = gtk_message_dialog_new(
        parent, GTK_DIALOG_MODAL, sash__gtk_dialog_message_type(o),
        GTK_BUTTONS_NONE, "%s", o->title ? o->title : o->message);
    sash__gtk_dialog_message_fill(m, o);
    return G_OBJECT(m);
}

void sash__gtk4_dialog(sash_window *w, sash__dialog *d)
{
    gtk_window_data *wd = sash__window_native(w);
    GtkWindow *parent = wd ? GTK_WINDOW(wd->window) : NULL;
    pending *p = g_new0(pending, 1);
    p->d = d;
    if (d->o.kind == SASH_DIALOG_MESSAGE) {
        /* A GtkWindow is owned by GTK's toplevel list: our own ref keeps
         * it until the dialog completes. */
        p->dialog = g_object_ref(message_dialog(parent, &d->o));
        g_signal_connect(p->dialog, "response",
                         G_CALLBACK(on_message_response), p);
        gtk_window_present(GTK_WINDOW(p->dialog));
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

G_GNUC_END_IGNORE_DEPRECATIONS
