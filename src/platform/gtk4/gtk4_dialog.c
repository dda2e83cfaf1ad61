/*
 * gtk4_dialog.c - the table's dialog entry on GTK4: GtkFileChooserNative
 * (through the XDG desktop portal when one runs, a GTK dialog otherwise)
 * for open and save, GtkMessageDialog for messages.  GTK4 has no
 * gtk_dialog_run(): both are shown without blocking and answer through
 * "response".  A dialog still open when its window is destroyed is closed
 * and completed as cancelled from the window's "destroy" signal, that is,
 * inside window_destroy(), as on GTK3 (../gtk/gtk_dialog.c).
 *
 * GTK 4.10 deprecates both classes for GtkFileDialog / GtkAlertDialog
 * (4.10+, Debian 12 has 4.8); they still work through GTK 4, so they are
 * used on every 4.x with the deprecation warnings silenced here.
 */
#define _DEFAULT_SOURCE /* realpath() */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "gtk4_desk.h"

G_GNUC_BEGIN_IGNORE_DEPRECATIONS

/* Linked only when the core's desktop code uses it (platform.h). */
const char sash__platform_dialog_anchor = 0;

typedef struct pending {
    sash__dialog *d;
    GtkWidget *parent;
    gulong destroy_id;
    GObject *dialog; /* GtkFileChooserNative or GtkMessageDialog */
} pending;

/* Symbolic links resolved: what a plugin's realpath() check will see.  A
 * save target may not exist yet: its folder is resolved then. */
static char *resolve(const char *path)
{
    char *real = realpath(path, NULL);
    if (real) {
        char *out = g_strdup(real);
        free(real);
        return out;
    }
    char *dir = g_path_get_dirname(path), *base = g_path_get_basename(path);
    char *rdir = realpath(dir, NULL);
    char *out = rdir ? g_build_filename(rdir, base, NULL) : g_strdup(path);
    free(rdir);
    g_free(dir);
    g_free(base);
    return out;
}

/* Completes the dialog once and forgets it.  `files`: a list of GFile. */
static void finish(pending *p, int cancelled, int confirmed, GListModel *files)
{
    if (p->destroy_id)
        g_signal_handler_disconnect(p->parent, p->destroy_id);
    p->destroy_id = 0;
    guint n = files ? g_list_model_get_n_items(files) : 0, m = 0;
    char **paths = g_new0(char *, n + 1);
    for (guint i = 0; i < n; i++) {
        GFile *f = g_list_model_get_item(files, i);
        char *path = f ? g_file_get_path(f) : NULL;
        if (path)
            paths[m++] = resolve(path);
        g_free(path);
        if (f)
            g_object_unref(f);
    }
    sash__dialog_done(p->d, cancelled, confirmed, (const char *const *)paths,
                      m);
    g_strfreev(paths);
    g_object_unref(p->dialog);
    g_free(p);
}

static void on_file_response(GtkNativeDialog *dlg, gint response, gpointer data)
{
    GListModel *files = response == GTK_RESPONSE_ACCEPT
                            ? gtk_file_chooser_get_files(GTK_FILE_CHOOSER(dlg))
                            : NULL;
    if (files && g_list_model_get_n_items(files) == 0)
        g_clear_object(&files);
    g_signal_handlers_disconnect_by_data(dlg, data);
    finish(data, files == NULL, files != NULL, files);
    if (files)
        g_object_unref(files);
}

static void on_message_response(GtkDialog *dlg, gint response, gpointer data)
{
    g_signal_handlers_disconnect_by_data(dlg, data);
    gtk_window_destroy(GTK_WINDOW(dlg));
    int yes = response == GTK_RESPONSE_OK || response == GTK_RESPONSE_YES ||
              response == GTK_RESPONSE_ACCEPT;
    pending *p = data;
    /* A plain message has one button: closing it is the answer. */
    int cancelled = p->d->o.buttons == SASH_DIALOG_BUTTONS_OK ? 0 : !yes;
    finish(p, cancelled, yes, NULL);
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
    finish(p, 1, 0, NULL);
}

static void add_filters(GtkFileChooser *fc, const sash_dialog_options *o)
{
    for (size_t i = 0; i < o->filter_count; i++) {
        const sash_dialog_filter *f = &o->filters[i];
        GtkFileFilter *ff = gtk_file_filter_new();
        GString *label = g_string_new(f->name && *f->name ? f->name : "");
        g_string_append(label, label->len ? " (" : "(");
        for (size_t k = 0; f->extensions[k]; k++) {
            const char *e = f->extensions[k];
            /* GTK4 suffixes match case-insensitively: "PNG" files too. */
            if (strcmp(e, "*") == 0)
                gtk_file_filter_add_pattern(ff, "*");
            else
                gtk_file_filter_add_suffix(ff, e);
            g_string_append_printf(label, "%s%s%s", k ? ", " : "",
                                   strcmp(e, "*") == 0 ? "" : "*.", e);
        }
        g_string_append(label, ")");
        gtk_file_filter_set_name(ff, label->str);
        g_string_free(label, TRUE);
        gtk_file_chooser_add_filter(fc, ff);
        g_object_unref(ff);
    }
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
    GtkFileChooserAction action =
        save ? GTK_FILE_CHOOSER_ACTION_SAVE
        : o->directory ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                       : GTK_FILE_CHOOSER_ACTION_OPEN;
    const char *title = o->title ? o->title
                        : save   ? "Save File"
                        : o->directory ? "Open Folder" : "Open File";
    GtkFileChooserNative *n = gtk_file_chooser_native_new(
        title, parent, action, save ? "_Save" : "_Open", "_Cancel");
    GtkFileChooser *fc = GTK_FILE_CHOOSER(n);
    gtk_native_dialog_set_modal(GTK_NATIVE_DIALOG(n), TRUE);
    gtk_file_chooser_set_select_multiple(fc, !save && o->multiple);
    /* GTK4 always confirms overwriting a file in a save dialog. */
    add_filters(fc, o);
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
    GtkMessageType type = o->level == SASH_DIALOG_ERROR     ? GTK_MESSAGE_ERROR
                          : o->level == SASH_DIALOG_WARNING ? GTK_MESSAGE_WARNING
                          : o->buttons == SASH_DIALOG_BUTTONS_OK
                              ? GTK_MESSAGE_INFO
                              : GTK_MESSAGE_QUESTION;
    /* The title as the bold primary text, the message below it. */
    GtkWidget *m = gtk_message_dialog_new(
        parent, GTK_DIALOG_MODAL, type,
        GTK_BUTTONS_NONE, "%s", o->title ? o->title : o->message);
    if (o->title) {
        gtk_message_dialog_format_secondary_text(GTK_MESSAGE_DIALOG(m), "%s",
                                                 o->message);
        gtk_window_set_title(GTK_WINDOW(m), o->title);
    }
    switch (o->buttons) {
    case SASH_DIALOG_BUTTONS_OK:
        gtk_dialog_add_button(GTK_DIALOG(m), o->ok_label ? o->ok_label : "_OK",
                              GTK_RESPONSE_OK);
        break;
    case SASH_DIALOG_BUTTONS_OK_CANCEL:
        gtk_dialog_add_button(GTK_DIALOG(m),
                              o->cancel_label ? o->cancel_label : "_Cancel",
                              GTK_RESPONSE_CANCEL);
        gtk_dialog_add_button(GTK_DIALOG(m), o->ok_label ? o->ok_label : "_OK",
                              GTK_RESPONSE_OK);
        break;
    case SASH_DIALOG_BUTTONS_YES_NO:
        gtk_dialog_add_button(GTK_DIALOG(m),
                              o->cancel_label ? o->cancel_label : "_No",
                              GTK_RESPONSE_NO);
        gtk_dialog_add_button(GTK_DIALOG(m), o->ok_label ? o->ok_label : "_Yes",
                              GTK_RESPONSE_YES);
        break;
    }
    /* Enter takes the safe answer: OK alone, else No / Cancel. */
    gtk_dialog_set_default_response(
        GTK_DIALOG(m), o->buttons == SASH_DIALOG_BUTTONS_OK       ? GTK_RESPONSE_OK
                       : o->buttons == SASH_DIALOG_BUTTONS_YES_NO ? GTK_RESPONSE_NO
                                                                  : GTK_RESPONSE_CANCEL);
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
         * it until finish(). */
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
