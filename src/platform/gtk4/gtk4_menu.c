/*
 * gtk4_menu.c - the core's menus on GTK4: a window's menu bar is a
 * GtkPopoverMenuBar and a context menu a GtkPopoverMenu, both built from a
 * GMenuModel made from the core's tree.  Each item with something to do is
 * an action "i<key>" in a GSimpleActionGroup inserted on the widget that
 * shows it ("sash" on the window for a bar, "sashpop" on the popover for a
 * context menu); check items are boolean-stateful actions and radio items
 * string-stateful ones with target "on", so GTK draws the marks.  A bar's
 * accelerators are a GtkShortcutController on the window, in the capture
 * phase (before the webview, as GTK3's accel groups were), each shortcut a
 * named action: no GtkApplication needed.
 *
 * A window's webview is the GtkWindow's child until it gets a menu bar:
 * then both go into a vertical box (once; the box stays), as on GTK3.
 * Each place that shows a menu is a `shown` record; a change of the model
 * updates its actions (enabled, checked) or, for a new label or tree,
 * rebuilds its model.
 */
#include <stdlib.h>
#include <string.h>

#include "gtk4_internal.h"
#include "gtk4_desk.h"
#include "../gtk/gtk_menu_common.h"

/* Referenced by the core's menu code: see platform.h. */
const char sash__platform_menus_anchor = 0;

typedef gtk_shown shown;

#define KEY_DATA "sash-menu-key"
#define TEXT_DATA "sash-menu-text"

static void on_activate(GSimpleAction *action, GVariant *param, gpointer data)
{
    (void)param;
    sash__gtk_menu_activate(data, (unsigned long)(uintptr_t)g_object_get_data(
                                      G_OBJECT(action), KEY_DATA));
}

/* -- building ------------------------------------------------------------------ */

/* GTK4 menu labels take "_" as a mnemonic mark: the app's text is shown as
 * it is, as on GTK3. */
static char *label_of(const char *text)
{
    GString *g = g_string_new(NULL);
    for (const char *c = text; *c; c++) {
        if (*c == '_')
            g_string_append_c(g, '_');
        g_string_append_c(g, *c);
    }
    return g_string_free(g, FALSE);
}

static void action_name(char *out, size_t size, unsigned long key)
{
    g_snprintf(out, size, "i%lu", key);
}

static GVariant *state_of(const sash__menu_item *it)
{
    if (it->kind == SASH__ITEM_RADIO)
        return g_variant_new_string(it->checked ? "on" : "off");
    return g_variant_new_boolean(it->checked != 0);
}

static void apply(shown *s, const sash__menu_item *it)
{
    char name[32];
    action_name(name, sizeof name, it->key);
    GAction *a = g_action_map_lookup_action(G_ACTION_MAP(s->actions), name);
    if (!a)
        return;
    g_simple_action_set_enabled(G_SIMPLE_ACTION(a), it->enabled);
    if (it->kind == SASH__ITEM_CHECK || it->kind == SASH__ITEM_RADIO)
        g_simple_action_set_state(G_SIMPLE_ACTION(a), state_of(it));
}

static void add_shortcut(shown *s, const sash__menu_item *it, const char *name)
{
    guint kv = sash__gtk_menu_keyval(it->accel_key);
    if (!kv || !s->keys)
        return;
    char *full = g_strdup_printf("%s.%s", s->prefix, name);
    GtkShortcut *sc = gtk_shortcut_new(
        gtk_keyval_trigger_new(kv, sash__gtk_menu_mods(it->accel_mods)),
        gtk_named_action_new(full));
    if (it->kind == SASH__ITEM_RADIO)
        gtk_shortcut_set_arguments(sc, g_variant_new_string("on"));
    gtk_shortcut_controller_add_shortcut(GTK_SHORTCUT_CONTROLLER(s->keys), sc);
    g_free(full);
}

static GMenu *build_menu(shown *s, const sash__menu_item *parent, int top);

static GMenuItem *build_item(shown *s, const sash__menu_item *it)
{
    char *label = label_of(it->text ? it->text : "");
    GMenuItem *mi = g_menu_item_new(label, NULL);
    g_free(label);
    if (it->kind == SASH__ITEM_SUBMENU) {
        GMenu *sub = build_menu(s, it, 0);
        g_menu_item_set_submenu(mi, G_MENU_MODEL(sub));
        g_object_unref(sub);
        return mi;
    }
    char name[32];
    action_name(name, sizeof name, it->key);
    GSimpleAction *a;
    if (it->kind == SASH__ITEM_RADIO)
        a = g_simple_action_new_stateful(name, G_VARIANT_TYPE_STRING,
                                         state_of(it));
    else if (it->kind == SASH__ITEM_CHECK)
        a = g_simple_action_new_stateful(name, NULL, state_of(it));
    else
        a = g_simple_action_new(name, NULL);
    g_object_set_data(G_OBJECT(a), KEY_DATA, (gpointer)(uintptr_t)it->key);
    g_object_set_data_full(G_OBJECT(a), TEXT_DATA, g_strdup(it->text), g_free);
    g_simple_action_set_enabled(a, it->enabled);
    g_signal_connect(a, "activate", G_CALLBACK(on_activate), s);
    g_action_map_add_action(G_ACTION_MAP(s->actions), G_ACTION(a));
    g_object_unref(a);
    char *full = g_strdup_printf("%s.%s", s->prefix, name);
    if (it->kind == SASH__ITEM_RADIO)
        g_menu_item_set_action_and_target_value(mi, full,
                                                g_variant_new_string("on"));
    else
        g_menu_item_set_action_and_target_value(mi, full, NULL);
    g_free(full);
    if (it->accel_key) {
        guint kv = sash__gtk_menu_keyval(it->accel_key);
        if (kv) { /* shown in every menu, bound in a bar */
            char *accel = gtk_accelerator_name(kv, sash__gtk_menu_mods(it->accel_mods));
            g_menu_item_set_attribute(mi, "accel", "s", accel);
            g_free(accel);
        }
        add_shortcut(s, it, name);
    }
    return mi;
}

/* Separators split a menu into sections (GMenuModel has no separator
 * item); a bar's top level has none. */
static GMenu *build_menu(shown *s, const sash__menu_item *parent, int top)
{
    GMenu *menu = g_menu_new(), *section = top ? NULL : g_menu_new();
    for (size_t i = 0; i < parent->count; i++) {
        const sash__menu_item *it = parent->items[i];
        if (it->kind == SASH__ITEM_SEPARATOR) {
            if (section && g_menu_model_get_n_items(G_MENU_MODEL(section))) {
                g_menu_append_section(menu, NULL, G_MENU_MODEL(section));
                g_object_unref(section);
                section = g_menu_new();
            }
            continue;
        }
        GMenuItem *mi = build_item(s, it);
        g_menu_append_item(section ? section : menu, mi);
        g_object_unref(mi);
    }
    if (section) {
        if (g_menu_model_get_n_items(G_MENU_MODEL(section)))
            g_menu_append_section(menu, NULL, G_MENU_MODEL(section));
        g_object_unref(section);
    }
    return menu;
}

static void drop_actions(shown *s)
{
    if (!s->actions)
        return;
    gchar **names = g_action_group_list_actions(G_ACTION_GROUP(s->actions));
    for (gchar **n = names; n && *n; n++) {
        GAction *a = g_action_map_lookup_action(G_ACTION_MAP(s->actions), *n);
        if (a)
            g_signal_handlers_disconnect_by_data(a, s);
        g_action_map_remove_action(G_ACTION_MAP(s->actions), *n);
    }
    g_strfreev(names);
}

static void drop_keys(shown *s)
{
    if (s->keys && s->toplevel)
        gtk_widget_remove_controller(s->toplevel, s->keys);
    s->keys = NULL;
}

/* (Re)makes the model, the actions and (bar) the shortcuts from s->menu. */
void sash__gtk_menu_refill(shown *s)
{
    drop_actions(s);
    if (s->kind == SHOWN_BAR) {
        drop_keys(s);
        if (s->toplevel) {
            s->keys = gtk_shortcut_controller_new();
            gtk_event_controller_set_propagation_phase(s->keys,
                                                       GTK_PHASE_CAPTURE);
            gtk_shortcut_controller_set_scope(
                GTK_SHORTCUT_CONTROLLER(s->keys), GTK_SHORTCUT_SCOPE_GLOBAL);
            gtk_widget_add_controller(s->toplevel, s->keys);
        }
    }
    static const sash__menu_item empty;
    GMenu *model = build_menu(s, s->menu ? &s->menu->root : &empty,
                              s->kind == SHOWN_BAR);
    if (s->kind == SHOWN_BAR)
        gtk_popover_menu_bar_set_menu_model(GTK_POPOVER_MENU_BAR(s->widget),
                                            G_MENU_MODEL(model));
    else
        gtk_popover_menu_set_menu_model(GTK_POPOVER_MENU(s->widget),
                                        G_MENU_MODEL(model));
    g_object_unref(model);
}

/* -- records ------------------------------------------------------------------- */

void sash__gtk_menu_unshow(shown *s)
{
    drop_actions(s);
    GtkWidget *widget = s->widget;
    s->widget = NULL;
    if (s->kind == SHOWN_BAR) {
        drop_keys(s);
        if (s->toplevel)
            gtk_widget_insert_action_group(s->toplevel, s->prefix, NULL);
        if (widget) {
            GtkWidget *box = gtk_widget_get_parent(widget);
            if (GTK_IS_BOX(box))
                gtk_box_remove(GTK_BOX(box), widget);
        }
    } else if (widget) {
        g_signal_handlers_disconnect_by_data(widget, s);
        gtk_popover_popdown(GTK_POPOVER(widget));
        gtk_widget_unparent(widget);
    }
    g_clear_object(&s->actions);
}

static shown *shown_new(gtk_shown_kind kind, const sash_menu *m, sash_window *w)
{
    shown *s = sash__gtk_shown_new(kind, m, w);
    s->prefix = kind == SHOWN_BAR ? "sash" : "sashpop";
    s->actions = g_simple_action_group_new();
    return s;
}

/* Puts the view in a box under the bar (once). */
static GtkWidget *box_of(gtk_window_data *d)
{
    GtkWindow *win = GTK_WINDOW(d->window);
    GtkWidget *child = gtk_window_get_child(win);
    if (GTK_IS_BOX(child))
        return child;
    GtkWidget *box = gtk_box_new(GTK_ORIENTATION_VERTICAL, 0);
    GtkWidget *view = GTK_WIDGET(d->view);
    g_object_ref(view);
    gtk_window_set_child(win, NULL);
    gtk_widget_set_vexpand(view, TRUE);
    gtk_widget_set_hexpand(view, TRUE);
    gtk_box_append(GTK_BOX(box), view);
    g_object_unref(view);
    gtk_window_set_child(win, box);
    return box;
}

int sash__gtk4_menu_bar_set(sash_window *w, const sash_menu *m)
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
    shown *s = shown_new(SHOWN_BAR, m, w);
    GMenu *empty = g_menu_new(); /* refill() sets the real one */
    s->widget = gtk_popover_menu_bar_new_from_model(G_MENU_MODEL(empty));
    g_object_unref(empty);
    gtk_widget_set_name(s->widget, "sash-menubar");
    gtk_box_prepend(GTK_BOX(box), s->widget);
    gtk_widget_insert_action_group(d->window, s->prefix,
                                   G_ACTION_GROUP(s->actions));
    sash__gtk_menu_refill(s);
    return 0;
}

/* The pointer, in the view's coordinates; 0 if not over the window. */
static int pointer_in_view(gtk_window_data *d, double *vx, double *vy)
{
    GtkNative *native = gtk_widget_get_native(GTK_WIDGET(d->view));
    GdkSurface *surface = native ? gtk_native_get_surface(native) : NULL;
    if (!surface)
        return 0;
    GdkSeat *seat = gdk_display_get_default_seat(gdk_surface_get_display(surface));
    GdkDevice *pointer = seat ? gdk_seat_get_pointer(seat) : NULL;
    double sx, sy, tx = 0, ty = 0;
    if (!pointer ||
        !gdk_surface_get_device_position(surface, pointer, &sx, &sy, NULL))
        return 0;
    gtk_native_get_surface_transform(native, &tx, &ty);
    return gtk_widget_translate_coordinates(GTK_WIDGET(native),
                                            GTK_WIDGET(d->view), sx - tx,
                                            sy - ty, vx, vy);
}

int sash__gtk4_menu_popup(sash_window *w, const sash_menu *m, int x, int y)
{
    gtk_window_data *d = sash__window_native(w);
    if (!d || !gtk_widget_get_mapped(GTK_WIDGET(d->view)))
        return sash__fail(SASH_EPLATFORM, "menu popup: the window is not "
                          "shown yet");
    double vx = x, vy = y;
    if ((x < 0 || y < 0) && !pointer_in_view(d, &vx, &vy)) {
        vx = gtk_widget_get_width(GTK_WIDGET(d->view)) / 2.0;
        vy = gtk_widget_get_height(GTK_WIDGET(d->view)) / 2.0;
    }
    shown *s = shown_new(SHOWN_POPUP, m, w);
    GMenu *empty = g_menu_new(); /* refill() sets the real one */
    s->widget = gtk_popover_menu_new_from_model(G_MENU_MODEL(empty));
    g_object_unref(empty);
    gtk_widget_set_name(s->widget, "sash-popup");
    gtk_widget_insert_action_group(s->widget, s->prefix,
                                   G_ACTION_GROUP(s->actions));
    sash__gtk_menu_refill(s);
    gtk_widget_set_parent(s->widget, GTK_WIDGET(d->view));
    gtk_popover_set_has_arrow(GTK_POPOVER(s->widget), FALSE);
    gtk_popover_set_position(GTK_POPOVER(s->widget), GTK_POS_BOTTOM);
    gtk_widget_set_halign(s->widget, GTK_ALIGN_START);
    GdkRectangle r = {(int)vx, (int)vy, 1, 1};
    gtk_popover_set_pointing_to(GTK_POPOVER(s->widget), &r);
    g_signal_connect(s->widget, "closed", G_CALLBACK(sash__gtk_shown_closed), s);
    gtk_popover_popup(GTK_POPOVER(s->widget));
    return 0;
}

/* The item's label changed: only a new model shows it. */
static int text_changed(shown *s, const sash__menu_item *it)
{
    if (it->kind == SASH__ITEM_SUBMENU)
        return 1; /* its label is in the model only */
    char name[32];
    action_name(name, sizeof name, it->key);
    GAction *a = g_action_map_lookup_action(G_ACTION_MAP(s->actions), name);
    const char *was = a ? g_object_get_data(G_OBJECT(a), TEXT_DATA) : NULL;
    return a && g_strcmp0(was, it->text) != 0;
}

int sash__gtk_menu_update(shown *s, const sash__menu_item *it)
{
    if (text_changed(s, it))
        return 0;
    apply(s, it);
    return 1;
}

/* Tray menus are served by ../linux/sni_tray.c, linked only with a tray. */
#include "../linux/sni_tray.h"
#pragma weak sash__sni_menu_changed

void sash__gtk4_menu_changed(sash_app *app, const sash_menu *m,
                             const sash__menu_item *item)
{
    if (sash__sni_menu_changed)
        sash__sni_menu_changed(app, m, item);
    sash__gtk_menus_changed(m, item);
}

void sash__gtk4_menu_destroyed(sash_app *app, const sash_menu *m)
{
    (void)app;
    sash__gtk_menus_destroyed(m);
}
