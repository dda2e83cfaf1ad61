/*
 * gtk_menu_common.c - what the menus of GTK3 (gtk_menu.c) and GTK4
 * (../gtk4/gtk4_menu.c) share: the `shown` records, accelerator names,
 * activation and predefined items, and the walks that follow a change of
 * the model.  Compiled into each backend (SASH_GTK4 on GTK4).
 */
#include <string.h>

#include "gtk_menu_common.h"

GList *sash__gtk_shown_list;

/* -- accelerators ---------------------------------------------------------- */

guint sash__gtk_menu_keyval(const char *key)
{
    static const struct { const char *name, *gdk; } names[] = {
        {"Enter", "Return"},      {"Escape", "Escape"},   {"Space", "space"},
        {"Tab", "Tab"},           {"Backspace", "BackSpace"},
        {"Delete", "Delete"},     {"Insert", "Insert"},   {"Home", "Home"},
        {"End", "End"},           {"PageUp", "Page_Up"},  {"PageDown", "Page_Down"},
        {"Up", "Up"},             {"Down", "Down"},       {"Left", "Left"},
        {"Right", "Right"},       {"Plus", "plus"},       {"Minus", "minus"},
        {"Equal", "equal"},       {"Comma", "comma"},     {"Period", "period"},
        {"Slash", "slash"},       {"Backslash", "backslash"},
        {"Semicolon", "semicolon"}, {"Quote", "apostrophe"},
        {"Backquote", "grave"},   {"BracketLeft", "bracketleft"},
        {"BracketRight", "bracketright"},
    };
    if (key[0] && !key[1]) {
        char s[2] = {(char)g_ascii_tolower(key[0]), 0};
        return gdk_keyval_from_name(s);
    }
    for (size_t i = 0; i < G_N_ELEMENTS(names); i++)
        if (strcmp(key, names[i].name) == 0)
            return gdk_keyval_from_name(names[i].gdk);
    return gdk_keyval_from_name(key); /* F1..F24 */
}

GdkModifierType sash__gtk_menu_mods(unsigned m)
{
    GdkModifierType g = 0;
    if (m & (SASH__MOD_PRIMARY | SASH__MOD_CTRL))
        g |= GDK_CONTROL_MASK;
    if (m & SASH__MOD_SHIFT)
        g |= GDK_SHIFT_MASK;
    if (m & SASH__MOD_ALT)
#ifdef SASH_GTK4
        g |= GDK_ALT_MASK;
#else
        g |= GDK_MOD1_MASK;
#endif
    if (m & SASH__MOD_SUPER)
        g |= GDK_SUPER_MASK;
    return g;
}

/* -- activation ------------------------------------------------------------- */

static void do_predefined(sash_window *w, sash__predefined p)
{
    gtk_window_data *d = w ? sash__window_native(w) : NULL;
    if (!d) { /* a tray menu: no window, no page to edit */
#ifndef SASH_GTK4 /* (GTK4 has no tray GtkMenu: ../linux/sni_tray.c) */
        if (p == SASH__PRE_ABOUT)
            gtk_show_about_dialog(NULL, "program-name", g_get_prgname(), NULL);
#endif
        return;
    }
    const char *edit = NULL;
    switch (p) {
    case SASH__PRE_COPY: edit = WEBKIT_EDITING_COMMAND_COPY; break;
    case SASH__PRE_CUT: edit = WEBKIT_EDITING_COMMAND_CUT; break;
    case SASH__PRE_PASTE: edit = WEBKIT_EDITING_COMMAND_PASTE; break;
    case SASH__PRE_SELECT_ALL: edit = WEBKIT_EDITING_COMMAND_SELECT_ALL; break;
    case SASH__PRE_UNDO: edit = WEBKIT_EDITING_COMMAND_UNDO; break;
    case SASH__PRE_REDO: edit = WEBKIT_EDITING_COMMAND_REDO; break;
    case SASH__PRE_MINIMIZE:
#ifdef SASH_GTK4
        gtk_window_minimize(GTK_WINDOW(d->window));
#else
        gtk_window_iconify(GTK_WINDOW(d->window));
#endif
        break;
    case SASH__PRE_ABOUT:
        gtk_show_about_dialog(GTK_WINDOW(d->window), "program-name",
                              g_get_prgname(), NULL);
        break;
    default: /* quit, close_window: the core */
        break;
    }
    if (edit)
        webkit_web_view_execute_editing_command(d->view, edit);
}

void sash__gtk_menu_activate(gtk_shown *s, unsigned long key)
{
    if (!s || !s->menu)
        return;
    sash_app *app = s->menu->app;
    sash_window *w = s->w;
    const sash__menu_item *it = sash__menu_item_by_key(s->menu, key);
    if (it && it->predefined && it->enabled)
        do_predefined(w, it->predefined);
    /* may free the menu, the window (later), even s and its widget */
    sash__menu_activated(app, key, w);
}

/* -- records ------------------------------------------------------------------- */

void sash__gtk_shown_free(gtk_shown *s)
{
    sash__gtk_shown_list = g_list_remove(sash__gtk_shown_list, s);
    if (s->toplevel && s->destroy_id)
        g_signal_handler_disconnect(s->toplevel, s->destroy_id);
    sash__gtk_menu_unshow(s);
    g_free(s);
}

/* The window is going away: its bar and popups with it. */
static void on_toplevel_destroy(GtkWidget *win, gpointer data)
{
    (void)win;
    gtk_shown *s = data;
    s->destroy_id = 0;
    s->toplevel = NULL;
    if (s->kind == SHOWN_BAR)
        s->widget = NULL; /* destroyed with the window */
    sash__gtk_shown_free(s);
}

gtk_shown *sash__gtk_shown_new(gtk_shown_kind kind, const sash_menu *m,
                               sash_window *w)
{
    static guint serials;
    gtk_shown *s = g_new0(gtk_shown, 1);
    s->serial = ++serials;
    s->kind = kind;
    s->menu = m;
    s->w = w;
    gtk_window_data *d = w ? sash__window_native(w) : NULL;
    if (d) {
        s->toplevel = d->window;
        s->destroy_id = g_signal_connect(d->window, "destroy",
                                         G_CALLBACK(on_toplevel_destroy), s);
    }
    sash__gtk_shown_list = g_list_prepend(sash__gtk_shown_list, s);
    return s;
}

gtk_shown *sash__gtk_shown_bar(sash_window *w)
{
    for (GList *l = sash__gtk_shown_list; l; l = l->next) {
        gtk_shown *s = l->data;
        if (s->kind == SHOWN_BAR && s->w == w)
            return s;
    }
    return NULL;
}

static gboolean free_popup(gpointer serial)
{
    for (GList *l = sash__gtk_shown_list; l; l = l->next) {
        gtk_shown *s = l->data;
        if (s->serial == GPOINTER_TO_UINT(serial)) {
            sash__gtk_shown_free(s);
            break;
        }
    }
    return G_SOURCE_REMOVE;
}

void sash__gtk_shown_closed(gpointer widget, gpointer data)
{
    (void)widget;
    gtk_shown *s = data;
    g_idle_add(free_popup, GUINT_TO_POINTER(s->serial));
}

/* -- changes of the model ------------------------------------------------------ */

void sash__gtk_menus_changed(const sash_menu *m, const sash__menu_item *item)
{
    GList *copy = g_list_copy(sash__gtk_shown_list);
    for (GList *l = copy; l; l = l->next) {
        gtk_shown *s = l->data;
        if (s->menu != m || !s->widget)
            continue;
        if (!item && s->kind == SHOWN_POPUP)
            sash__gtk_shown_free(s); /* an open context menu of an old tree closes */
        else if (!item || !sash__gtk_menu_update(s, item))
            sash__gtk_menu_refill(s);
    }
    g_list_free(copy);
}

void sash__gtk_menus_destroyed(const sash_menu *m)
{
    GList *copy = g_list_copy(sash__gtk_shown_list);
    for (GList *l = copy; l; l = l->next) {
        gtk_shown *s = l->data;
        if (s->menu != m)
            continue;
        s->menu = NULL;
        if (s->kind == SHOWN_TRAY)
            sash__gtk_menu_refill(s);
        else
            sash__gtk_shown_free(s);
    }
    g_list_free(copy);
}
