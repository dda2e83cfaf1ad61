/*
 * gtk_menu.c - the core's menus as GtkMenuBar / GtkMenu: window menu bars
 * (accelerators through a GtkAccelGroup on the window), context menus, and
 * the GtkMenu a tray icon exports.  Each place that shows a menu is a
 * `shown` record; a change of the model updates or rebuilds them.
 *
 * A window's webview is a direct child of its GtkWindow until it gets a
 * menu bar: then both go into a vertical box (once; the box stays).
 */
#include <stdlib.h>
#include <string.h>

#include "gtk_menu.h"
#include "gtk_menu_common.h"

typedef gtk_shown shown;

/* Referenced by the core's menu code: see platform.h. */
const char sash__platform_menus_anchor = 0;

/* Set while the model is copied into widgets: GTK reports a programmatic
 * gtk_check_menu_item_set_active() as an activation, which is not one. */
static int updating;

#define KEY_DATA "sash-menu-key"

static void on_activate(GtkMenuItem *item, gpointer data)
{
    (void)data;
    if (updating)
        return;
    sash__gtk_menu_activate(
        g_object_get_data(G_OBJECT(item), "sash-shown"),
        (unsigned long)(uintptr_t)g_object_get_data(G_OBJECT(item), KEY_DATA));
}

/* -- building ------------------------------------------------------------------ */

static void set_label(GtkWidget *item, const char *text)
{
    gtk_menu_item_set_label(GTK_MENU_ITEM(item), text);
}

static void apply(GtkWidget *item, const sash__menu_item *it)
{
    updating++;
    if (it->kind != SASH__ITEM_SEPARATOR)
        set_label(item, it->text);
    gtk_widget_set_sensitive(item, it->enabled);
    if (GTK_IS_CHECK_MENU_ITEM(item))
        gtk_check_menu_item_set_active(GTK_CHECK_MENU_ITEM(item), it->checked);
    updating--;
}

static void fill(shown *s, GtkMenuShell *shell, const sash__menu_item *parent);

static GtkWidget *build_item(shown *s, const sash__menu_item *it)
{
    GtkWidget *item;
    switch (it->kind) {
    case SASH__ITEM_SEPARATOR:
        item = gtk_separator_menu_item_new();
        break;
    case SASH__ITEM_CHECK:
    case SASH__ITEM_RADIO:
        item = gtk_check_menu_item_new_with_label(it->text);
        /* the core keeps radio groups exclusive */
        gtk_check_menu_item_set_draw_as_radio(GTK_CHECK_MENU_ITEM(item),
                                              it->kind == SASH__ITEM_RADIO);
        break;
    default:
        item = gtk_menu_item_new_with_label(it->text);
        break;
    }
    g_object_set_data(G_OBJECT(item), KEY_DATA, (gpointer)(uintptr_t)it->key);
    g_object_set_data(G_OBJECT(item), "sash-shown", s);
    apply(item, it);
    if (it->kind == SASH__ITEM_SUBMENU) {
        GtkWidget *sub = gtk_menu_new();
        if (s->accel)
            gtk_menu_set_accel_group(GTK_MENU(sub), s->accel);
        fill(s, GTK_MENU_SHELL(sub), it);
        gtk_menu_item_set_submenu(GTK_MENU_ITEM(item), sub);
    } else if (it->kind != SASH__ITEM_SEPARATOR) {
        g_signal_connect(item, "activate", G_CALLBACK(on_activate), NULL);
        if (it->accel_key) {
            guint kv = sash__gtk_menu_keyval(it->accel_key);
            GdkModifierType mods = sash__gtk_menu_mods(it->accel_mods);
            if (s->accel && kv)
                gtk_widget_add_accelerator(item, "activate", s->accel, kv, mods,
                                           GTK_ACCEL_VISIBLE);
            else if (kv) /* shown, not bound (popups, tray) */
                gtk_accel_label_set_accel(
                    GTK_ACCEL_LABEL(gtk_bin_get_child(GTK_BIN(item))), kv, mods);
        }
    }
    return item;
}

static void fill(shown *s, GtkMenuShell *shell, const sash__menu_item *parent)
{
    for (size_t i = 0; i < parent->count; i++)
        gtk_menu_shell_append(shell, build_item(s, parent->items[i]));
}

static void clear(GtkWidget *shell)
{
    GList *kids = gtk_container_get_children(GTK_CONTAINER(shell));
    for (GList *k = kids; k; k = k->next)
        gtk_widget_destroy(k->data);
    g_list_free(kids);
}

void sash__gtk_menu_refill(shown *s)
{
    clear(s->widget);
    if (s->menu)
        fill(s, GTK_MENU_SHELL(s->widget), &s->menu->root);
    gtk_widget_show_all(s->widget);
}

/* -- records ------------------------------------------------------------------- */

void sash__gtk_menu_unshow(shown *s)
{
    if (s->accel) {
        if (s->toplevel)
            gtk_window_remove_accel_group(GTK_WINDOW(s->toplevel), s->accel);
        g_object_unref(s->accel);
        s->accel = NULL;
    }
    GtkWidget *widget = s->widget;
    s->widget = NULL;
    if (widget && s->kind != SHOWN_TRAY)
        gtk_widget_destroy(widget);
}

/* Puts the view in a box under the bar (once). */
static GtkWidget *box_of(gtk_window_data *d)
{
    GtkWidget *child = gtk_bin_get_child(GTK_BIN(d->window));
    if (GTK_IS_BOX(child))
        return child;
    GtkWidget *box = gtk_box_new(GTK_ORIENTATION_VERTICAL, 0);
    /* Removing the view drops the window's focus: keys that went to the
     * page must still go there (integration.menu types into it). */
    GtkWidget *focus = gtk_window_get_focus(GTK_WINDOW(d->window));
    int had_focus = focus == GTK_WIDGET(d->view);
    g_object_ref(d->view);
    gtk_container_remove(GTK_CONTAINER(d->window), GTK_WIDGET(d->view));
    gtk_box_pack_end(GTK_BOX(box), GTK_WIDGET(d->view), TRUE, TRUE, 0);
    g_object_unref(d->view);
    gtk_container_add(GTK_CONTAINER(d->window), box);
    gtk_widget_show(box);
    if (had_focus)
        gtk_widget_grab_focus(GTK_WIDGET(d->view));
    return box;
}

int sash__gtk_menu_bar_set(sash_window *w, const sash_menu *m)
{
    gtk_window_data *d = sash__window_native(w);
    if (!d)
        return SASH_EPLATFORM;
    shown *old = sash__gtk_shown_bar(w);
    if (old)
        sash__gtk_shown_free(old);
    if (!m)
        return 0;
    GtkWidget *box = box_of(d);
    shown *s = sash__gtk_shown_new(SHOWN_BAR, m, w);
    s->accel = gtk_accel_group_new();
    gtk_window_add_accel_group(GTK_WINDOW(d->window), s->accel);
    s->widget = gtk_menu_bar_new();
    gtk_widget_set_name(s->widget, "sash-menubar");
    gtk_box_pack_start(GTK_BOX(box), s->widget, FALSE, FALSE, 0);
    sash__gtk_menu_refill(s);
    return 0;
}

int sash__gtk_menu_popup(sash_window *w, const sash_menu *m, int x, int y)
{
    gtk_window_data *d = sash__window_native(w);
    GdkWindow *gw = d ? gtk_widget_get_window(d->window) : NULL;
    if (!gw)
        return sash__fail(SASH_EPLATFORM, "menu popup: the window is not "
                          "shown yet");
    shown *s = sash__gtk_shown_new(SHOWN_POPUP, m, w);
    s->widget = gtk_menu_new();
    gtk_menu_attach_to_widget(GTK_MENU(s->widget), d->window, NULL);
    sash__gtk_menu_refill(s);
    int wx, wy;
    if (x < 0 || y < 0) {
        GdkSeat *seat = gdk_display_get_default_seat(gdk_window_get_display(gw));
        gdk_window_get_device_position(gw, gdk_seat_get_pointer(seat), &wx, &wy,
                                       NULL);
    } else if (!gtk_widget_translate_coordinates(GTK_WIDGET(d->view), d->window,
                                                 x, y, &wx, &wy)) {
        wx = x;
        wy = y;
    }
    g_signal_connect(s->widget, "deactivate", G_CALLBACK(sash__gtk_shown_closed), s);
    GdkRectangle r = {wx, wy, 1, 1};
    /* GTK grabs the seat for the device of a trigger event; a call from
     * the page has none (IPC arrives after the click), and without one GTK
     * warns and guesses the device: name the pointer ourselves. */
    GdkEvent *trigger = gtk_get_current_event();
    if (!trigger) {
        GdkSeat *seat = gdk_display_get_default_seat(gdk_window_get_display(gw));
        trigger = gdk_event_new(GDK_BUTTON_PRESS);
        trigger->button.window = g_object_ref(gw);
        trigger->button.send_event = TRUE;
        trigger->button.time = GDK_CURRENT_TIME;
        trigger->button.button = 3;
        trigger->button.x = wx;
        trigger->button.y = wy;
        gdk_event_set_device(trigger, gdk_seat_get_pointer(seat));
    }
    gtk_menu_popup_at_rect(GTK_MENU(s->widget), gw, &r, GDK_GRAVITY_NORTH_WEST,
                           GDK_GRAVITY_NORTH_WEST, trigger);
    gdk_event_free(trigger);
    return 0;
}

/* Finds the widget of item `key` under `shell`. */
static void update_under(GtkWidget *shell, const sash__menu_item *it)
{
    GList *kids = gtk_container_get_children(GTK_CONTAINER(shell));
    for (GList *k = kids; k; k = k->next) {
        GtkWidget *c = k->data;
        if ((unsigned long)(uintptr_t)g_object_get_data(G_OBJECT(c), KEY_DATA) ==
            it->key)
            apply(c, it);
        GtkWidget *sub = GTK_IS_MENU_ITEM(c)
                             ? gtk_menu_item_get_submenu(GTK_MENU_ITEM(c))
                             : NULL;
        if (sub)
            update_under(sub, it);
    }
    g_list_free(kids);
}

int sash__gtk_menu_update(shown *s, const sash__menu_item *it)
{
    update_under(s->widget, it);
    return 1;
}

void sash__gtk_menu_changed(sash_app *app, const sash_menu *m,
                            const sash__menu_item *item)
{
    (void)app;
    sash__gtk_menus_changed(m, item);
}

void sash__gtk_menu_destroyed(sash_app *app, const sash_menu *m)
{
    (void)app;
    sash__gtk_menus_destroyed(m);
}

/* -- tray menus ------------------------------------------------------------------ */

static shown *tray_shown(sash_tray *t)
{
    for (GList *l = sash__gtk_shown_list; l; l = l->next) {
        shown *s = l->data;
        if (s->kind == SHOWN_TRAY && s->tray == t)
            return s;
    }
    return NULL;
}

GtkWidget *sash__gtk_tray_menu(sash_tray *t)
{
    shown *s = sash__gtk_shown_new(SHOWN_TRAY, t->menu, NULL);
    s->tray = t;
    s->widget = gtk_menu_new();
    sash__gtk_menu_refill(s);
    return s->widget;
}

void sash__gtk_tray_menu_refill(sash_tray *t)
{
    shown *s = tray_shown(t);
    if (s) {
        s->menu = t->menu;
        sash__gtk_menu_refill(s);
    }
}

void sash__gtk_tray_menu_release(sash_tray *t)
{
    shown *s = tray_shown(t);
    if (s)
        sash__gtk_shown_free(s);
}
