/*
 * tray_watcher - a minimal StatusNotifierWatcher (org.kde.StatusNotifierWatcher)
 * for the tray test: it owns the watcher name on the session bus, waits for
 * an item to register, checks what the item exports (id, title, icon file,
 * menu), scrolls on it, then clicks the menu item labelled LABEL through the
 * item's com.canonical.dbusmenu interface (Event "clicked") as a panel would.
 * Exit 0 once the click was delivered; 1 on any failure; 3 on timeout.
 *
 * It also checks the item's NewTitle and new Title after the scroll, the
 * menu's check and radio items, separator, submenu and disabled item, and
 * clicks "Mute" and "Beta" first, waiting for the menu to show them
 * checked (and "Alpha" unchecked).  With --once it leaves
 * as soon as an item registered (for the re-registration test).
 *
 *   tray_watcher [--once] LABEL
 */
#include <gio/gio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char xml[] =
    "<node><interface name='org.kde.StatusNotifierWatcher'>"
    "<method name='RegisterStatusNotifierItem'><arg type='s' direction='in'/></method>"
    "<method name='RegisterStatusNotifierHost'><arg type='s' direction='in'/></method>"
    "<property name='RegisteredStatusNotifierItems' type='as' access='read'/>"
    "<property name='IsStatusNotifierHostRegistered' type='b' access='read'/>"
    "<property name='ProtocolVersion' type='i' access='read'/>"
    "<signal name='StatusNotifierItemRegistered'><arg type='s'/></signal>"
    "<signal name='StatusNotifierItemUnregistered'><arg type='s'/></signal>"
    "<signal name='StatusNotifierHostRegistered'/>"
    "</interface></node>";

static const char *label;
static int once; /* --once: leave after the first registration */
static char *item_bus, *item_path;
static GMainLoop *loop;
static int status = 1;

static GVariant *item_prop(GDBusConnection *c, const char *name)
{
    GError *err = NULL;
    GVariant *r = g_dbus_connection_call_sync(
        c, item_bus, item_path, "org.freedesktop.DBus.Properties", "Get",
        g_variant_new("(ss)", "org.kde.StatusNotifierItem", name),
        G_VARIANT_TYPE("(v)"), G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &err);
    if (!r) {
        fprintf(stderr, "tray_watcher: Get %s: %s\n", name, err->message);
        g_error_free(err);
        return NULL;
    }
    GVariant *v;
    g_variant_get(r, "(v)", &v);
    g_variant_unref(r);
    return v;
}

/* Finds the dbusmenu id of the first item whose string property `key` is
 * `value` in a layout (ia{sv}av); its properties in *props_out (a new
 * reference) if asked.  -1 if none. */
static gint32 find_item(GVariant *layout, const char *key, const char *value,
                        GVariant **props_out)
{
    gint32 id;
    GVariant *props, *kids;
    g_variant_get(layout, "(i@a{sv}@av)", &id, &props, &kids);
    gint32 found = -1;
    const char *l = NULL;
    if (g_variant_lookup(props, key, "&s", &l) && g_strcmp0(l, value) == 0) {
        found = id;
        if (props_out)
            *props_out = g_variant_ref(props);
    }
    for (gsize i = 0; found < 0 && i < g_variant_n_children(kids); i++) {
        GVariant *boxed = g_variant_get_child_value(kids, i);
        GVariant *child = g_variant_get_variant(boxed);
        found = find_item(child, key, value, props_out);
        g_variant_unref(child);
        g_variant_unref(boxed);
    }
    g_variant_unref(props);
    g_variant_unref(kids);
    return found;
}

/* The whole menu layout (ia{sv}av), or NULL with *err set.  The item may
 * register before its menu object is exported (the menu server gets its
 * bus asynchronously): a host waits for it, as panels do on
 * LayoutUpdated; here, poll for up to 10 s. */
static GVariant *get_layout(GDBusConnection *c, const char *menu_path,
                            GError **err)
{
    const char *none[] = {NULL};
    GVariant *r;
    for (int tries = 0;; tries++) {
        r = g_dbus_connection_call_sync(
            c, item_bus, menu_path, "com.canonical.dbusmenu", "GetLayout",
            g_variant_new("(ii^as)", 0, -1, none),
            G_VARIANT_TYPE("(u(ia{sv}av))"), G_DBUS_CALL_FLAGS_NONE, 5000,
            NULL, err);
        if (r || tries >= 100 ||
            !(g_error_matches(*err, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD) ||
              g_error_matches(*err, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_OBJECT)))
            break;
        g_clear_error(err);
        g_usleep(100000);
    }
    if (!r)
        return NULL;
    GVariant *layout = g_variant_get_child_value(r, 1);
    g_variant_unref(r);
    return layout;
}

/* The toggle-state of the item labelled `name`, or -1 if it is not of
 * toggle-type `type` ("checkmark", "radio"). */
static int toggle_state(GVariant *layout, const char *name, const char *type)
{
    GVariant *props = NULL;
    int state = -1;
    if (find_item(layout, "label", name, &props) < 0)
        return -1;
    const char *t = NULL;
    gint32 v = 0;
    if (g_variant_lookup(props, "toggle-type", "&s", &t) && strcmp(t, type) == 0 &&
        g_variant_lookup(props, "toggle-state", "i", &v))
        state = v;
    g_variant_unref(props);
    return state;
}

/* 1 if the item labelled `name` has the boolean `key` set to `want`,
 * or the string `key` equal to `swant`. */
static int has_prop(GVariant *layout, const char *name, const char *key,
                    int want, const char *swant)
{
    GVariant *props = NULL;
    if (find_item(layout, "label", name, &props) < 0)
        return 0;
    gboolean b = !want;
    const char *str = NULL;
    int ok = swant ? g_variant_lookup(props, key, "&s", &str) &&
                         strcmp(str, swant) == 0
                   : g_variant_lookup(props, key, "b", &b) && b == want;
    g_variant_unref(props);
    return ok;
}

static int title_changes;

static void on_new_title(GDBusConnection *c, const gchar *sender,
                         const gchar *path, const gchar *iface,
                         const gchar *signal, GVariant *params, gpointer ud)
{
    (void)c, (void)sender, (void)path, (void)iface, (void)signal, (void)params,
        (void)ud;
    title_changes++;
}

static int click(GDBusConnection *c, const char *menu_path, gint32 id)
{
    GError *err = NULL;
    GVariant *r = g_dbus_connection_call_sync(
        c, item_bus, menu_path, "com.canonical.dbusmenu", "Event",
        g_variant_new("(isvu)", id, "clicked", g_variant_new_int32(0), 0u),
        NULL, G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &err);
    if (r) {
        g_variant_unref(r);
        return 0;
    }
    /* The app may quit on the click before answering: delivered all the
     * same (the app's own exit status says whether it heard it). */
    char *remote = g_dbus_error_get_remote_error(err);
    int gone = g_strcmp0(remote, "org.freedesktop.DBus.Error.NoReply") == 0;
    g_free(remote);
    if (!gone) {
        fprintf(stderr, "tray_watcher: Event: %s\n", err->message);
        g_clear_error(&err);
        return -1;
    }
    printf("tray_watcher: the app left without answering the click\n");
    g_clear_error(&err);
    return 0;
}

static gboolean inspect_and_click(gpointer conn)
{
    GDBusConnection *c = conn;
    GError *err = NULL;
    GVariant *v;
    if ((v = item_prop(c, "Id"))) {
        printf("tray_watcher: item Id %s\n", g_variant_get_string(v, NULL));
        g_variant_unref(v);
        if (once) {
            status = 0;
            g_main_loop_quit(loop);
            return G_SOURCE_REMOVE;
        }
    }
    if ((v = item_prop(c, "Title"))) {
        printf("tray_watcher: item Title %s\n", g_variant_get_string(v, NULL));
        g_variant_unref(v);
    }
    /* the icon: a PNG file named IconName in IconThemePath (GTK3's
     * appindicator), or IconPixmap (GTK4's own item): the test's 22 x 22
     * PNG as ARGB32 in network byte order, its centre opaque blue */
    GVariant *theme = NULL;
    GVariant *icon = item_prop(c, "IconName");
    if (icon && !*g_variant_get_string(icon, NULL)) {
        GVariant *pix = item_prop(c, "IconPixmap");
        int ok = 0;
        if (pix && g_variant_is_of_type(pix, G_VARIANT_TYPE("a(iiay)")) &&
            g_variant_n_children(pix) > 0) {
            gint32 w, h;
            GVariant *bytes;
            g_variant_get_child(pix, 0, "(ii@ay)", &w, &h, &bytes);
            gsize len = 0;
            const guchar *px = g_variant_get_fixed_array(bytes, &len, 1);
            static const guchar none[4];
            int sized = w == 22 && h == 22 && len == (gsize)w * (gsize)h * 4;
            const guchar *mid = sized ? px + ((gsize)(h / 2) * (gsize)w +
                                              (gsize)(w / 2)) * 4 : none;
            ok = sized && mid[0] == 0xff && mid[3] > mid[1] && mid[3] > mid[2];
            printf("tray_watcher: icon pixmap %dx%d, %zu bytes, centre ARGB "
                   "%02x%02x%02x%02x: %s\n", w, h, (size_t)len,
                   mid[0], mid[1], mid[2], mid[3], ok ? "ARGB32 of the PNG" : "WRONG");
            g_variant_unref(bytes);
        }
        if (pix)
            g_variant_unref(pix);
        if (!ok)
            goto out;
    } else if (icon && (theme = item_prop(c, "IconThemePath"))) {
        char *file = g_strdup_printf("%s/%s.png", g_variant_get_string(theme, NULL),
                                     g_variant_get_string(icon, NULL));
        char *data = NULL;
        gsize len = 0;
        int png = g_file_get_contents(file, &data, &len, NULL) && len > 8 &&
                  memcmp(data, "\x89PNG", 4) == 0;
        printf("tray_watcher: icon %s: %s (%zu bytes)\n", file,
               png ? "a PNG" : "MISSING", (size_t)len);
        g_free(data);
        g_free(file);
        if (!png)
            goto out;
    } else {
        goto out;
    }
    GVariant *menu = item_prop(c, "Menu");
    if (!menu)
        goto out;
    const char *menu_path = g_variant_get_string(menu, NULL);
    printf("tray_watcher: menu at %s\n", menu_path);
    /* a scroll on the icon first (the app hears "sash:tray" and renames
     * the item: NewTitle, then the new Title) */
    guint sub = g_dbus_connection_signal_subscribe(
        c, item_bus, "org.kde.StatusNotifierItem", "NewTitle", item_path, NULL,
        G_DBUS_SIGNAL_FLAGS_NONE, on_new_title, NULL, NULL);
    GVariant *r = g_dbus_connection_call_sync(
        c, item_bus, item_path, "org.kde.StatusNotifierItem", "Scroll",
        g_variant_new("(is)", 1, "vertical"), NULL, G_DBUS_CALL_FLAGS_NONE,
        5000, NULL, &err);
    if (!r) {
        fprintf(stderr, "tray_watcher: Scroll: %s\n", err->message);
        g_clear_error(&err);
        goto out_menu;
    }
    g_variant_unref(r);
    for (int tries = 0; !title_changes && tries < 100; tries++) {
        while (g_main_context_iteration(NULL, FALSE))
            ;
        if (!title_changes)
            g_usleep(100000);
    }
    g_dbus_connection_signal_unsubscribe(c, sub);
    if ((v = item_prop(c, "Title"))) {
        printf("tray_watcher: NewTitle %s; Title now %s\n",
               title_changes ? "seen" : "NOT SEEN", g_variant_get_string(v, NULL));
        int renamed = strcmp(g_variant_get_string(v, NULL),
                             "Sash tray test: scrolled") == 0;
        g_variant_unref(v);
        if (!renamed || !title_changes)
            goto out_menu;
    }
    g_dbus_connection_call_sync(c, item_bus, menu_path, "com.canonical.dbusmenu",
                                "AboutToShow", g_variant_new("(i)", 0), NULL,
                                G_DBUS_CALL_FLAGS_NONE, 5000, NULL, NULL);
    GVariant *layout = get_layout(c, menu_path, &err);
    if (!layout) {
        fprintf(stderr, "tray_watcher: GetLayout: %s\n", err->message);
        g_clear_error(&err);
        goto out_menu;
    }
    gint32 id = find_item(layout, "label", label, NULL);
    gint32 mute = find_item(layout, "label", "Mute", NULL);
    gint32 sep = find_item(layout, "type", "separator", NULL);
    gint32 beta = find_item(layout, "label", "Beta", NULL);
    int muted = toggle_state(layout, "Mute", "checkmark");
    int alpha = toggle_state(layout, "Alpha", "radio");
    int beta_on = toggle_state(layout, "Beta", "radio");
    int submenu = has_prop(layout, "More", "children-display", 0, "submenu");
    int disabled = has_prop(layout, "Not now", "enabled", FALSE, NULL);
    g_variant_unref(layout);
    printf("tray_watcher: \"%s\" is dbusmenu item %d; \"Mute\" %d "
           "(checkmark, state %d); a separator %d; submenu \"More\" %s: radio "
           "Alpha %d, Beta %d (%d), \"Not now\" %s\n", label, id, mute, muted,
           sep, submenu ? "yes" : "NO", alpha, beta, beta_on,
           disabled ? "disabled" : "NOT DISABLED");
    if (id < 0 || mute < 0 || muted != 0 || sep < 0 || beta < 0 ||
        alpha != 1 || beta_on != 0 || !submenu || !disabled)
        goto out_menu;
    /* a check and a radio item: a click checks them (and unchecks the
     * other radio), and the menu shows that */
    if (click(c, menu_path, mute) != 0 || click(c, menu_path, beta) != 0)
        goto out_menu;
    for (int tries = 0; !(muted == 1 && alpha == 0 && beta_on == 1) &&
                        tries < 100; tries++) {
        g_usleep(100000);
        if ((layout = get_layout(c, menu_path, &err))) {
            muted = toggle_state(layout, "Mute", "checkmark");
            alpha = toggle_state(layout, "Alpha", "radio");
            beta_on = toggle_state(layout, "Beta", "radio");
            g_variant_unref(layout);
        } else {
            g_clear_error(&err);
        }
    }
    printf("tray_watcher: after clicks: Mute %d, Alpha %d, Beta %d\n", muted,
           alpha, beta_on);
    if (muted != 1 || alpha != 0 || beta_on != 1)
        goto out_menu;
    if (click(c, menu_path, id) != 0)
        goto out_menu;
    printf("tray_watcher: clicked\n");
    status = 0;
out_menu:
    g_variant_unref(menu);
out:
    if (theme)
        g_variant_unref(theme);
    if (icon)
        g_variant_unref(icon);
    g_main_loop_quit(loop);
    return G_SOURCE_REMOVE;
}

static void on_call(GDBusConnection *c, const gchar *sender, const gchar *path,
                    const gchar *iface, const gchar *method, GVariant *params,
                    GDBusMethodInvocation *inv, gpointer ud)
{
    (void)path, (void)iface, (void)ud;
    const char *arg = NULL;
    g_variant_get(params, "(&s)", &arg);
    if (strcmp(method, "RegisterStatusNotifierItem") == 0 && !item_bus) {
        /* a bus name (path /StatusNotifierItem) or an object path */
        if (arg[0] == '/') {
            item_bus = g_strdup(sender);
            item_path = g_strdup(arg);
        } else {
            item_bus = g_strdup(arg);
            item_path = g_strdup("/StatusNotifierItem");
        }
        printf("tray_watcher: registered %s %s\n", item_bus, item_path);
        g_dbus_connection_emit_signal(c, NULL, "/StatusNotifierWatcher",
                                      "org.kde.StatusNotifierWatcher",
                                      "StatusNotifierItemRegistered",
                                      g_variant_new("(s)", arg), NULL);
        g_idle_add(inspect_and_click, c); /* after answering */
    }
    g_dbus_method_invocation_return_value(inv, NULL);
}

static GVariant *on_get(GDBusConnection *c, const gchar *sender,
                        const gchar *path, const gchar *iface,
                        const gchar *prop, GError **err, gpointer ud)
{
    (void)c, (void)sender, (void)path, (void)iface, (void)err, (void)ud;
    if (strcmp(prop, "IsStatusNotifierHostRegistered") == 0)
        return g_variant_new_boolean(TRUE);
    if (strcmp(prop, "ProtocolVersion") == 0)
        return g_variant_new_int32(0);
    const char *items[] = {NULL};
    return g_variant_new_strv(items, -1);
}

static const GDBusInterfaceVTable vtable = {on_call, on_get, NULL, {0}};

static void on_bus(GDBusConnection *c, const gchar *name, gpointer ud)
{
    (void)name, (void)ud;
    GDBusNodeInfo *info = g_dbus_node_info_new_for_xml(xml, NULL);
    g_dbus_connection_register_object(c, "/StatusNotifierWatcher",
                                      info->interfaces[0], &vtable, NULL, NULL,
                                      NULL);
    g_dbus_node_info_unref(info);
}

static void on_name(GDBusConnection *c, const gchar *name, gpointer ud)
{
    (void)c, (void)ud;
    printf("tray_watcher: owns %s\n", name);
    fflush(stdout);
}

static void on_lost(GDBusConnection *c, const gchar *name, gpointer ud)
{
    (void)c, (void)ud;
    fprintf(stderr, "tray_watcher: could not own %s\n", name);
    g_main_loop_quit(loop);
}

static gboolean on_timeout(gpointer ud)
{
    (void)ud;
    fprintf(stderr, "tray_watcher: TIMEOUT: no item registered\n");
    status = 3;
    g_main_loop_quit(loop);
    return G_SOURCE_REMOVE;
}

int main(int argc, char **argv)
{
    once = argc > 1 && strcmp(argv[1], "--once") == 0;
    if (once)
        argc--, argv++;
    label = argc > 1 ? argv[1] : "Show";
    setvbuf(stdout, NULL, _IOLBF, 0);
    loop = g_main_loop_new(NULL, FALSE);
    g_bus_own_name(G_BUS_TYPE_SESSION, "org.kde.StatusNotifierWatcher",
                   G_BUS_NAME_OWNER_FLAGS_NONE, on_bus, on_name, on_lost, NULL,
                   NULL);
    g_timeout_add_seconds(30, on_timeout, NULL);
    g_main_loop_run(loop);
    return status;
}
