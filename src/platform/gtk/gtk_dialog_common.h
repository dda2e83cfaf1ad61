/*
 * gtk_dialog_common.h - shared by the GTK3 and GTK4 dialog entries
 * (gtk_dialog_common.c).
 */
#ifndef SASH_GTK_DIALOG_COMMON_H
#define SASH_GTK_DIALOG_COMMON_H

#include "gtk_internal.h"

/* Hidden: linked only with the dialog entry that uses it (platform.h). */
#pragma GCC visibility push(hidden)

/* A dialog on screen, until it answers or its window goes. */
typedef struct gtk_pending_dialog {
    sash__dialog *d;
    GtkWidget *parent;
    gulong destroy_id; /* the parent's "destroy" handler, 0 = none */
    GObject *dialog;   /* GtkFileChooserNative or GtkMessageDialog (ref) */
} gtk_pending_dialog;

/* Completes the dialog once with `files` (n GFiles, paths resolved) and
 * frees p, dropping its dialog reference and the parent's handler. */
void sash__gtk_dialog_finish(gtk_pending_dialog *p, int cancelled,
                             int confirmed, GFile *const *files, size_t n);
/* A message dialog answered `response`: completes p. */
void sash__gtk_dialog_message_done(gtk_pending_dialog *p, int response);
GtkMessageType sash__gtk_dialog_message_type(const sash_dialog_options *o);
/* The secondary text, title, buttons and default answer of message `m`. */
void sash__gtk_dialog_message_fill(GtkWidget *m, const sash_dialog_options *o);
/* A modal native chooser for open / save / folder, its title and buttons. */
GtkFileChooserNative *sash__gtk_dialog_chooser(GtkWindow *parent,
                                               const sash_dialog_options *o);
/* The options' filters, named "Name (*.a, *.b)"; `add` adds the toolkit's
 * pattern for one extension ("*" = any file). */
void sash__gtk_dialog_filters(GtkFileChooser *fc, const sash_dialog_options *o,
                              void (*add)(GtkFileFilter *ff, const char *ext));

#pragma GCC visibility pop

#endif
