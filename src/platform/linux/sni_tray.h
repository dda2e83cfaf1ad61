/*
 * sni_tray.h - a tray icon without GTK: a StatusNotifierItem and its
 * com.canonical.dbusmenu menu served over GDBus (sni_tray.c).  The GTK4
 * backend's tray entries; linked only into apps that make a tray
 * (platform.h anchors).
 */
#ifndef SASH_SNI_TRAY_H
#define SASH_SNI_TRAY_H

#include "../../core/platform.h"

/* Hidden even where only declared: referred to weakly (gtk4_app.c,
 * gtk4_menu.c), and a weak hidden reference left unresolved is NULL. */
#pragma GCC visibility push(hidden)

int sash__sni_tray_create(sash_tray *t);
void sash__sni_tray_update(sash_tray *t);
void sash__sni_tray_destroy(sash_tray *t);
/* The menu backend forwards menu_changed here: trays showing `m` tell
 * their hosts (ItemsPropertiesUpdated, or LayoutUpdated when item is
 * NULL). */
void sash__sni_menu_changed(sash_app *app, const sash_menu *m,
                            const sash__menu_item *item);

#pragma GCC visibility pop

#endif
