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

typedef enum shown_kind { SHOWN_BAR, SHOWN_POPUP, SHOWN_TRAY } shown_kind;

typedef struct shown {
    shown_kind kind;
    const sash_menu *menu;  /* NULL: shows nothing (a tray without menu) */
    sash_window *w;         /* bar and popup */
    sash_tray *tray;        /* tray */
    GtkWidget *widget;      /* the GtkMenuBar or GtkMenu */
    GtkAccelGroup *accel;   /* bar only */
    GtkWidget *toplevel;    /* bar and popup: the window's GtkWindow */
    guint serial;           /* names it to an idle callback */
    gulong destroy_id;      /* on toplevel */
} shown;

/* Referenced by the core's menu code: see platform.h. */
const char sash__platform_menus_anchor = 0;

static GList *shown_list;
/* Set while the model is copied into widgets: GTK reports a programmatic
 * gtk_check_menu_item_set_active() as an activation, which is not one. */
static int updating;

#define KEY_DATA "sash-menu-key"

/* -- accelerators ---------------------------------------------------------- */

static guint keyval_of(const char *key)
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

static GdkModifierType mods_of(unsigned m)
{
    GdkModifierType g = 0;
    if (m & (SASH__MOD_PRIMARY | SASH__MOD_CTRL))
        g |= GDK_CONTROL_MASK;
    if (m & SASH__MOD_SHIFT)
        g |= GDK_SHIFT_MASK;
    if (m & SASH__MOD_ALT)
        g |= GDK_MOD1_MASK;
    if (m & SASH__MOD_SUPER)
        g |= GDK_SUPER_MASK;
    return g;
}

/* -- activation ------------------------------------------------------------- */

static shown *shown_of(GtkWidget *item)
{
    return g_object_get_data(G_OBJECT(item), "sash-shown");
}

static void do_predefined(sash_window *w, sash__predefined p)
{
    gtk_window_data *d = w ? sash__window_native(w) : NULL;
    if (!d) { /* a tray menu: no window, no page to edit */
        if (p == SASH__PRE_ABOUT)
            gtk_show_about_dialog(NULL, "program-name", g_get_prgname(), NULL);
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
        gtk_window_iconify(GTK_WINDOW(d->window));
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

static void on_activate(GtkMenuItem *item, gpointer data)
{
    (void)data;
    if (updating)
        return;
    shown *s = shown_of(GTK_WIDGET(item));
    if (!s || !s->menu)
        return;
    unsigned long key = (unsigned long)(uintptr_t)g_object_get_data(
        G_OBJECT(item), KEY_DATA);
    sash_app *app = s->menu->app;
    sash_window *w = s->w;
    const sash__menu_item *it = sash__menu_item_by_key(s->menu, key);
    if (it && it->predefined && it->enabled)
        do_predefined(w, it->predefined);
    /* may free the menu, the window (later), even this widget */
    sash__menu_activated(app, key, w);
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
            guint kv = keyval_of(it->accel_key);
            GdkModifierType mods = mods_of(it->accel_mods);
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

static void refill(shown *s)
{
    clear(s->widget);
    if (s->menu)
        fill(s, GTK_MENU_SHELL(s->widget), &s->menu->root);
    gtk_widget_show_all(s->widget);
}

/* -- records ------------------------------------------------------------------- */

static void shown_free(shown *s)
{
    shown_list = g_list_remove(shown_list, s);
    if (s->toplevel && s->destroy_id)
        g_signal_handler_disconnect(s->toplevel, s->destroy_id);
    if (s->accel) {
        if (s->toplevel)
            gtk_window_remove_accel_group(GTK_WINDOW(s->toplevel), s->accel);
        g_object_unref(s->accel);
    }
    GtkWidget *widget = s->widget;
    s->widget = NULL;
    if (widget && s->kind != SHOWN_TRAY)
        gtk_widget_destroy(widget);
    g_free(s);
}

/* The window is going away: its bar and popups with it. */
static void on_toplevel_destroy(GtkWidget *win, gpointer data)
{
    (void)win;
    shown *s = data;
    s->destroy_id = 0;
    s->toplevel = NULL;
    if (s->accel) {
        g_object_unref(s->accel);
        s->accel = NULL;
    }
    if (s->kind == SHOWN_BAR)
        s->widget = NULL; /* destroyed with the window */
    shown_free(s);
}

static shown *shown_new(shown_kind kind, const sash_menu *m, sash_window *w)
{
    static guint serials;
    shown *s = g_new0(shown, 1);
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
    shown_list = g_list_prepend(shown_list, s);
    return s;
}

static shown *bar_of(sash_window *w)
{
    for (GList *l = shown_list; l; l = l->next) {
        shown *s = l->data;
        if (s->kind == SHOWN_BAR && s->w == w)
            return s;
    }
    return NULL;
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
    shown *old = bar_of(w);
    if (old)
        shown_free(old);
    if (!m)
        return 0;
    GtkWidget *box = box_of(d);
    shown *s = shown_new(SHOWN_BAR, m, w);
    s->accel = gtk_accel_group_new();
    gtk_window_add_accel_group(GTK_WINDOW(d->window), s->accel);
    s->widget = gtk_menu_bar_new();
    gtk_widget_set_name(s->widget, "sash-menubar");
    gtk_box_pack_start(GTK_BOX(box), s->widget, FALSE, FALSE, 0);
    refill(s);
    return 0;
}

static gboolean free_popup(gpointer serial)
{
    for (GList *l = shown_list; l; l = l->next) {
        shown *s = l->data;
        if (s->serial == GPOINTER_TO_UINT(serial)) {
            shown_free(s);
            break;
        }
    }
    return G_SOURCE_REMOVE;
}

static void on_popup_hidden(GtkWidget *menu, gpointer data)
{
    (void)menu;
    shown *s = data;
    /* The activation (if any) runs after "deactivate": free later, by
     * serial (the window may be gone by then, and the record with it). */
    g_idle_add(free_popup, GUINT_TO_POINTER(s->serial));
}

int sash__gtk_menu_popup(sash_window *w, const sash_menu *m, int x, int y)
{
    gtk_window_data *d = sash__window_native(w);
    GdkWindow *gw = d ? gtk_widget_get_window(d->window) : NULL;
    if (!gw)
        return sash__fail(SASH_EPLATFORM, "menu popup: the window is not "
                          "shown yet");
    shown *s = shown_new(SHOWN_POPUP, m, w);
    s->widget = gtk_menu_new();
    gtk_menu_attach_to_widget(GTK_MENU(s->widget), d->window, NULL);
    refill(s);
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
    g_signal_connect(s->widget, "deactivate", G_CALLBACK(on_popup_hidden), s);
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

void sash__gtk_menu_changed(sash_app *app, const sash_menu *m,
                            const sash__menu_item *item)
{
    (void)app;
    GList *copy = g_list_copy(shown_list);
    for (GList *l = copy; l; l = l->next) {
        shown *s = l->data;
        if (s->menu != m || !s->widget)
            continue;
        if (item)
            update_under(s->widget, item);
        else if (s->kind == SHOWN_POPUP)
            shown_free(s); /* an open context menu of an old tree closes */
        else
            refill(s);
    }
    g_list_free(copy);
}

void sash__gtk_menu_destroyed(sash_app *app, const sash_menu *m)
{
    (void)app;
    GList *copy = g_list_copy(shown_list);
    for (GList *l = copy; l; l = l->next) {
        shown *s = l->data;
        if (s->menu != m)
            continue;
        s->menu = NULL;
        if (s->kind == SHOWN_TRAY)
            refill(s);
        else
            shown_free(s);
    }
    g_list_free(copy);
}

/* -- tray menus ------------------------------------------------------------------ */

static shown *tray_shown(sash_tray *t)
{
    for (GList *l = shown_list; l; l = l->next) {
        shown *s = l->data;
        if (s->kind == SHOWN_TRAY && s->tray == t)
            return s;
    }
    return NULL;
}

GtkWidget *sash__gtk_tray_menu(sash_tray *t)
{
    shown *s = shown_new(SHOWN_TRAY, t->menu, NULL);
    s->tray = t;
    s->widget = gtk_menu_new();
    refill(s);
    return s->widget;
}

void sash__gtk_tray_menu_refill(sash_tray *t)
{
    shown *s = tray_shown(t);
    if (s) {
        s->menu = t->menu;
        refill(s);
    }
}

void sash__gtk_tray_menu_release(sash_tray *t)
{
    shown *s = tray_shown(t);
    if (s)
        shown_free(s);
}
