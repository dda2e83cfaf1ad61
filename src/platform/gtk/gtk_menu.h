/*
 * gtk_menu.h - menus and tray of the GTK backend (gtk_menu.c, gtk_tray.c).
 */
#ifndef SASH_GTK_MENU_H
#define SASH_GTK_MENU_H

#include "gtk_internal.h"

/* Hidden even where only declared: gtk_app.c refers to the table entries
 * weakly (platform.h), and a weak hidden reference left unresolved is
 * simply NULL, with no dynamic symbol for the loader to look up. */
#pragma GCC visibility push(hidden)

int sash__gtk_menu_bar_set(sash_window *w, const sash_menu *m);
int sash__gtk_menu_popup(sash_window *w, const sash_menu *m, int x, int y);
void sash__gtk_menu_changed(sash_app *app, const sash_menu *m,
                            const sash__menu_item *item);
void sash__gtk_menu_destroyed(sash_app *app, const sash_menu *m);

/* A GtkMenu that shows tray t's menu (empty when it has none) and follows
 * its changes until sash__gtk_tray_menu_release(); the menu is owned by
 * the caller (a floating ref sunk by who packs it). */
GtkWidget *sash__gtk_tray_menu(sash_tray *t);
/* t->menu changed: refill. */
void sash__gtk_tray_menu_refill(sash_tray *t);
void sash__gtk_tray_menu_release(sash_tray *t);

int sash__gtk_tray_create(sash_tray *t);
void sash__gtk_tray_update(sash_tray *t);
void sash__gtk_tray_destroy(sash_tray *t);

#pragma GCC visibility pop

#endif
