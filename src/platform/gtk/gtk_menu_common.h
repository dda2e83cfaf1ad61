/*
 * gtk_menu_common.h - what the menus of GTK3 (gtk_menu.c) and GTK4
 * (../gtk4/gtk4_menu.c) share (gtk_menu_common.c): the `shown` records,
 * accelerator names, activation and predefined items, and the walk that
 * follows a change of the model.  Each version file builds and updates its
 * own widgets through the three hooks at the end.
 */
#ifndef SASH_GTK_MENU_COMMON_H
#define SASH_GTK_MENU_COMMON_H

#include "gtk_internal.h"

/* Hidden: linked only with the menu entries that use it (platform.h). */
#pragma GCC visibility push(hidden)

/* Each place that shows a menu. */
typedef enum gtk_shown_kind { SHOWN_BAR, SHOWN_POPUP, SHOWN_TRAY } gtk_shown_kind;

typedef struct gtk_shown {
    gtk_shown_kind kind;
    const sash_menu *menu;  /* NULL: shows nothing (a tray without menu) */
    sash_window *w;         /* bar and popup */
    GtkWidget *widget;      /* what shows it (menu bar, menu, popover) */
    GtkWidget *toplevel;    /* bar and popup: the window's GtkWindow */
    guint serial;           /* names it to an idle callback */
    gulong destroy_id;      /* on toplevel */
#ifdef SASH_GTK4
    GSimpleActionGroup *actions;
    GtkEventController *keys; /* bar only: accelerators */
    const char *prefix;       /* "sash" (bar) or "sashpop" (popup) */
#else
    sash_tray *tray;        /* tray */
    GtkAccelGroup *accel;   /* bar only */
#endif
} gtk_shown;

/* Every record, newest first. */
extern GList *sash__gtk_shown_list;

/* A record of `kind` for menu m in window w (NULL: none, a tray), freed
 * with the window's GtkWindow at the latest. */
gtk_shown *sash__gtk_shown_new(gtk_shown_kind kind, const sash_menu *m,
                               sash_window *w);
/* Unlinks s, takes down what it shows (sash__gtk_menu_unshow) and frees it. */
void sash__gtk_shown_free(gtk_shown *s);
/* The menu bar of window w, or NULL. */
gtk_shown *sash__gtk_shown_bar(sash_window *w);
/* A signal handler for a context menu that closed: frees the record from
 * an idle callback (the activation may still come), by serial (the window
 * may be gone by then, and the record with it). */
void sash__gtk_shown_closed(gpointer widget, gpointer s);

/* The GDK keyval and modifiers of an accelerator of the core's model
 * ("A", "F5", "PageUp"; SASH__MOD_*), 0 if it has none. */
guint sash__gtk_menu_keyval(const char *key);
GdkModifierType sash__gtk_menu_mods(unsigned mods);

/* Item `key` of s was chosen: runs its predefined action, then tells the
 * core (which may free the menu, the window later, even s). */
void sash__gtk_menu_activate(gtk_shown *s, unsigned long key);

/* The menu_changed and menu_destroyed entries of the backend table. */
void sash__gtk_menus_changed(const sash_menu *m, const sash__menu_item *item);
void sash__gtk_menus_destroyed(const sash_menu *m);

/* -- per version (gtk_menu.c, gtk4_menu.c) -- */

/* Rebuilds what s shows from s->menu. */
void sash__gtk_menu_refill(gtk_shown *s);
/* Shows the new state of item `it` in s; 0 if only a refill can. */
int sash__gtk_menu_update(gtk_shown *s, const sash__menu_item *it);
/* Takes down s->widget and what goes with it (s is unlinked already; its
 * toplevel is NULL when the window went first). */
void sash__gtk_menu_unshow(gtk_shown *s);

#pragma GCC visibility pop

#endif
