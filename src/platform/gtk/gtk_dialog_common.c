/*
 * gtk_dialog_common.c - what the dialog entries of GTK3 (gtk_dialog.c)
 * and GTK4 (../gtk4/gtk4_dialog.c) share: the pending dialog's completion
 * (paths resolved, the window's "destroy" handler dropped), the message
 * dialog's answer, type and buttons, and the file chooser's action, title
 * and filter names.  Compiled into each backend (SASH_GTK4 on GTK4); the
 * calls that differ between the toolkits stay in each file.
 */
#define _DEFAULT_SOURCE /* realpath() */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "gtk_dialog_common.h"

G_GNUC_BEGIN_IGNORE_DEPRECATIONS /* GtkMessageDialog, GtkFileChooser on GTK4 */

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

void sash__gtk_dialog_finish(gtk_pending_dialog *p, int cancelled,
                             int confirmed, GFile *const *files, size_t n)
{
    if (p->destroy_id)
        g_signal_handler_disconnect(p->parent, p->destroy_id);
    p->destroy_id = 0;
    size_t m = 0;
    char **paths = g_new0(char *, n + 1);
    for (size_t i = 0; i < n; i++) {
        char *path = files[i] ? g_file_get_path(files[i]) : NULL;
        if (path)
            paths[m++] = resolve(path);
        g_free(path);
    }
    sash__dialog_done(p->d, cancelled, confirmed, (const char *const *)paths,
                      m);
    g_strfreev(paths);
    g_object_unref(p->dialog);
    g_free(p);
}

void sash__gtk_dialog_message_done(gtk_pending_dialog *p, int response)
{
    int yes = response == GTK_RESPONSE_OK || response == GTK_RESPONSE_YES ||
              response == GTK_RESPONSE_ACCEPT;
    /* A plain message has one button: closing it is the answer. */
    int cancelled = p->d->o.buttons == SASH_DIALOG_BUTTONS_OK ? 0 : !yes;
    sash__gtk_dialog_finish(p, cancelled, yes, NULL, 0);
}

GtkMessageType sash__gtk_dialog_message_type(const sash_dialog_options *o)
{
    return o->level == SASH_DIALOG_ERROR     ? GTK_MESSAGE_ERROR
           : o->level == SASH_DIALOG_WARNING ? GTK_MESSAGE_WARNING
           : o->buttons == SASH_DIALOG_BUTTONS_OK ? GTK_MESSAGE_INFO
                                                  : GTK_MESSAGE_QUESTION;
}

void sash__gtk_dialog_message_fill(GtkWidget *m, const sash_dialog_options *o)
{
    /* The title as the bold primary text (the caller's), the message
     * below it. */
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
}

GtkFileChooserNative *sash__gtk_dialog_chooser(GtkWindow *parent,
                                               const sash_dialog_options *o)
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
    gtk_native_dialog_set_modal(GTK_NATIVE_DIALOG(n), TRUE);
    gtk_file_chooser_set_select_multiple(GTK_FILE_CHOOSER(n),
                                         !save && o->multiple);
    return n;
}

void sash__gtk_dialog_filters(GtkFileChooser *fc, const sash_dialog_options *o,
                              void (*add)(GtkFileFilter *ff, const char *ext))
{
    for (size_t i = 0; i < o->filter_count; i++) {
        const sash_dialog_filter *f = &o->filters[i];
        GtkFileFilter *ff = gtk_file_filter_new();
        GString *label = g_string_new(f->name && *f->name ? f->name : "");
        g_string_append(label, label->len ? " (" : "(");
        for (size_t k = 0; f->extensions[k]; k++) {
            const char *e = f->extensions[k];
            add(ff, e);
            g_string_append_printf(label, "%s%s%s", k ? ", " : "",
                                   strcmp(e, "*") == 0 ? "" : "*.", e);
        }
        g_string_append(label, ")");
        gtk_file_filter_set_name(ff, label->str);
        g_string_free(label, TRUE);
        gtk_file_chooser_add_filter(fc, ff);
#ifdef SASH_GTK4
        g_object_unref(ff); /* GTK4's chooser takes its own reference */
#endif
    }
}

G_GNUC_END_IGNORE_DEPRECATIONS
