/*
 * widget_find.h - finding the backend's widgets from a test (mtest.c,
 * ../contract/driver_gtk.c): the one named `name` (gtk_widget_set_name:
 * "sash-menubar", "sash-popup") below `w`, and on GTK3 a menu item by
 * label.  GTK4 when SASH_GTK4 is defined.
 */
#ifndef SASH_TEST_WIDGET_FIND_H
#define SASH_TEST_WIDGET_FIND_H

#include <gtk/gtk.h>

static inline GtkWidget *find_named(GtkWidget *w, const char *name)
{
    if (g_strcmp0(gtk_widget_get_name(w), name) == 0)
        return w;
    GtkWidget *found = NULL;
#ifdef SASH_GTK4
    for (GtkWidget *c = gtk_widget_get_first_child(w); c && !found;
         c = gtk_widget_get_next_sibling(c))
        found = find_named(c, name);
#else
    if (GTK_IS_CONTAINER(w)) {
        GList *kids = gtk_container_get_children(GTK_CONTAINER(w));
        for (GList *k = kids; k && !found; k = k->next)
            found = find_named(k->data, name);
        g_list_free(kids);
    }
#endif
    return found;
}

#ifndef SASH_GTK4
/* The menu item labelled `label` under a menu shell, submenus included. */
static inline GtkWidget *find_item(GtkWidget *shell, const char *label)
{
    GtkWidget *found = NULL;
    GList *kids = gtk_container_get_children(GTK_CONTAINER(shell));
    for (GList *k = kids; k && !found; k = k->next) {
        if (!GTK_IS_MENU_ITEM(k->data))
            continue;
        if (g_strcmp0(gtk_menu_item_get_label(k->data), label) == 0)
            found = k->data;
        GtkWidget *sub = gtk_menu_item_get_submenu(k->data);
        if (!found && sub)
            found = find_item(sub, label);
    }
    g_list_free(kids);
    return found;
}
#endif

#endif
