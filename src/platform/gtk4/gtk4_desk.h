/*
 * gtk4_desk.h - menus and the desktop surface of the GTK4 backend
 * (gtk4_menu.c, gtk4_dialog.c, gtk4_clipboard.c; notifications and the
 * opener are GIO code shared with GTK3: ../gtk/gtk_notify.c, gtk_open.c).
 */
#ifndef SASH_GTK4_DESK_H
#define SASH_GTK4_DESK_H

#include "gtk4_internal.h"

/* Hidden even where only declared: gtk4_app.c refers to the table entries
 * weakly (platform.h), and a weak hidden reference left unresolved is
 * simply NULL, with no dynamic symbol for the loader to look up. */
#pragma GCC visibility push(hidden)

int sash__gtk4_menu_bar_set(sash_window *w, const sash_menu *m);
int sash__gtk4_menu_popup(sash_window *w, const sash_menu *m, int x, int y);
void sash__gtk4_menu_changed(sash_app *app, const sash_menu *m,
                             const sash__menu_item *item);
void sash__gtk4_menu_destroyed(sash_app *app, const sash_menu *m);

void sash__gtk4_dialog(sash_window *w, sash__dialog *d);
int sash__gtk4_clipboard_write(sash_app *app, sash_clipboard_format format,
                               const void *data, size_t len);
void sash__gtk4_clipboard_read(sash_app *app, sash__clip_read *r);
/* sash__gtk_notify and sash__gtk_open: shared with GTK3, declared in
 * ../gtk/gtk_internal.h. */

#pragma GCC visibility pop

#endif
