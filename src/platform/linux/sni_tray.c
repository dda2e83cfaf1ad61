/*
 * sni_tray.c - tray icons without GTK: each tray is a freedesktop
 * StatusNotifierItem (org.kde.StatusNotifierItem) with its menu exported
 * as com.canonical.dbusmenu, both served here over GDBus on the session
 * bus, and registered with org.kde.StatusNotifierWatcher (again whenever
 * the watcher reappears, e.g. after the panel restarts).  The GTK4
 * backend's tray (libayatana-appindicator links GTK3); GIO and GdkPixbuf
 * only.
 *
 * The icon travels as IconPixmap (ARGB32, network byte order) decoded
 * from the PNG: no files.  dbusmenu item ids are the core's item keys
 * (0 is the root), so an Event names the item directly.  UI thread only:
 * the objects are served on the default main context.
 */
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gio.h>
#include <stdint.h>
#include <string.h>

#include "sni_tray.h"

/* Referenced by the core's tray code: see platform.h. */
const char sash__platform_tray_anchor = 0;

#define WATCHER "org.kde.StatusNotifierWatcher"
#define ITEM_IFACE "org.kde.StatusNotifierItem"
#define MENU_IFACE "com.canonical.dbusmenu"

static const char item_xml[] =
    "<node><interface name='" ITEM_IFACE "'>"
    "<property name='Category' type='s' access='read'/>"
    "<property name='Id' type='s' access='read'/>"
    "<property name='Title' type='s' access='read'/>"
    "<property name='Status' type='s' access='read'/>"
    "<property name='WindowId' type='i' access='read'/>"
    "<property name='IconName' type='s' access='read'/>"
    "<property name='IconPixmap' type='a(iiay)' access='read'/>"
    "<property name='OverlayIconName' type='s' access='read'/>"
    "<property name='OverlayIconPixmap' type='a(iiay)' access='read'/>"
    "<property name='AttentionIconName' type='s' access='read'/>"
    "<property name='AttentionIconPixmap' type='a(iiay)' access='read'/>"
    "<property name='AttentionMovieName' type='s' access='read'/>"
    "<property name='ToolTip' type='(sa(iiay)ss)' access='read'/>"
    "<property name='ItemIsMenu' type='b' access='read'/>"
    "<property name='Menu' type='o' access='read'/>"
    "<method name='ContextMenu'><arg name='x' type='i' direction='in'/>"
    "<arg name='y' type='i' direction='in'/></method>"
    "<method name='Activate'><arg name='x' type='i' direction='in'/>"
    "<arg name='y' type='i' direction='in'/></method>"
    "<method name='SecondaryActivate'><arg name='x' type='i' direction='in'/>"
    "<arg name='y' type='i' direction='in'/></method>"
    "<method name='Scroll'><arg name='delta' type='i' direction='in'/>"
    "<arg name='orientation' type='s' direction='in'/></method>"
    "<signal name='NewTitle'/><signal name='NewIcon'/>"
    "<signal name='NewAttentionIcon'/><signal name='NewOverlayIcon'/>"
    "<signal name='NewToolTip'/>"
    "<signal name='NewStatus'><arg name='status' type='s'/></signal>"
    "</interface>"
    "<interface name='" MENU_IFACE "'>"
    "<property name='Version' type='u' access='read'/>"
    "<property name='TextDirection' type='s' access='read'/>"
    "<property name='Status' type='s' access='read'/>"
    "<property name='IconThemePath' type='as' access='read'/>"
    "<method name='GetLayout'><arg type='i' name='parentId' direction='in'/>"
    "<arg type='i' name='recursionDepth' direction='in'/>"
    "<arg type='as' name='propertyNames' direction='in'/>"
    "<arg type='u' name='revision' direction='out'/>"
    "<arg type='(ia{sv}av)' name='layout' direction='out'/></method>"
    "<method name='GetGroupProperties'><arg type='ai' name='ids' direction='in'/>"
    "<arg type='as' name='propertyNames' direction='in'/>"
    "<arg type='a(ia{sv})' name='properties' direction='out'/></method>"
    "<method name='GetProperty'><arg type='i' name='id' direction='in'/>"
    "<arg type='s' name='name' direction='in'/>"
    "<arg type='v' name='value' direction='out'/></method>"
    "<method name='Event'><arg type='i' name='id' direction='in'/>"
    "<arg type='s' name='eventId' direction='in'/>"
    "<arg type='v' name='data' direction='in'/>"
    "<arg type='u' name='timestamp' direction='in'/></method>"
    "<method name='EventGroup'><arg type='a(isvu)' name='events' direction='in'/>"
    "<arg type='ai' name='idErrors' direction='out'/></method>"
    "<method name='AboutToShow'><arg type='i' name='id' direction='in'/>"
    "<arg type='b' name='needUpdate' direction='out'/></method>"
    "<method name='AboutToShowGroup'><arg type='ai' name='ids' direction='in'/>"
    "<arg type='ai' name='updatesNeeded' direction='out'/>"
    "<arg type='ai' name='idErrors' direction='out'/></method>"
    "<signal name='ItemsPropertiesUpdated'>"
    "<arg type='a(ia{sv})' name='updatedProps'/>"
    "<arg type='a(ias)' name='removedProps'/></signal>"
    "<signal name='LayoutUpdated'><arg type='u' name='revision'/>"
    "<arg type='i' name='parent'/></signal>"
    "<signal name='ItemActivationRequested'><arg type='i' name='id'/>"
    "<arg type='u' name='timestamp'/></signal>"
    "</interface></node>";

typedef struct sni {
    sash_tray *t;
    GDBusConnection *bus;
    char *path, *menu_path;  /* /org/sash/tray/<rid>, .../menu */
    guint item_id, menu_id;  /* object registrations */
    guint watch_id;          /* the watcher's name */
    GVariant *pixmap;        /* a(iiay), sunk */
    guint32 revision;        /* of the menu layout */
} sni;

static GDBusNodeInfo *node_info; /* parsed once, kept */
static GList *live;              /* sni*, for menu_changed */

/* -- the icon ------------------------------------------------------------- */

/* The PNG as a(iiay): one ARGB32 image in network byte order; NULL with
 * a message when it does not decode. */
static GVariant *pixmap_of(const sash_tray *t)
{
    GError *err = NULL;
    GdkPixbufLoader *l = gdk_pixbuf_loader_new_with_type("png", &err);
    if (l && gdk_pixbuf_loader_write(l, t->icon, t->icon_len, &err) &&
        gdk_pixbuf_loader_close(l, &err)) {
        GdkPixbuf *pb = gdk_pixbuf_loader_get_pixbuf(l);
        GdkPixbuf *rgba = pb ? gdk_pixbuf_add_alpha(pb, FALSE, 0, 0, 0) : NULL;
        g_object_unref(l);
        if (!rgba || gdk_pixbuf_get_bits_per_sample(rgba) != 8 ||
            gdk_pixbuf_get_n_channels(rgba) != 4) {
            if (rgba)
                g_object_unref(rgba);
            sash__fail(SASH_EPLATFORM, "tray: the icon did not decode");
            return NULL;
        }
        int w = gdk_pixbuf_get_width(rgba), h = gdk_pixbuf_get_height(rgba);
        int stride = gdk_pixbuf_get_rowstride(rgba);
        const guchar *px = gdk_pixbuf_read_pixels(rgba);
        gsize size = (gsize)w * (gsize)h * 4;
        guchar *out = g_malloc(size);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                const guchar *s = px + (gsize)y * (gsize)stride + (gsize)x * 4;
                guchar *d = out + ((gsize)y * (gsize)w + (gsize)x) * 4;
                d[0] = s[3], d[1] = s[0], d[2] = s[1], d[3] = s[2];
            }
        g_object_unref(rgba);
        GVariant *bytes = g_variant_new_from_data(G_VARIANT_TYPE_BYTESTRING,
                                                  out, size, TRUE, g_free, out);
        GVariantBuilder b;
        g_variant_builder_init(&b, G_VARIANT_TYPE("a(iiay)"));
        g_variant_builder_add(&b, "(ii@ay)", w, h, bytes);
        return g_variant_ref_sink(g_variant_builder_end(&b));
    }
    sash__fail(SASH_EPLATFORM, "tray: the icon did not decode: %s",
               err ? err->message : "?");
    g_clear_error(&err);
    if (l) {
        gdk_pixbuf_loader_close(l, NULL);
        g_object_unref(l);
    }
    return NULL;
}

/* -- the item ------------------------------------------------------------- */

static const char *title_of(const sash_tray *t)
{
    return t->tooltip ? t->tooltip : t->id;
}

static GVariant *item_get(GDBusConnection *c, const gchar *sender,
                          const gchar *path, const gchar *iface,
                          const gchar *prop, GError **error, gpointer ud);
static GVariant *menu_get(sni *n, const gchar *prop);

static GVariant *empty_pixmaps(void)
{
    return g_variant_new_array(G_VARIANT_TYPE("(iiay)"), NULL, 0);
}

static GVariant *item_get(GDBusConnection *c, const gchar *sender,
                          const gchar *path, const gchar *iface,
                          const gchar *prop, GError **error, gpointer ud)
{
    (void)c, (void)sender, (void)path;
    sni *n = ud;
    sash_tray *t = n->t;
    if (strcmp(iface, MENU_IFACE) == 0)
        return menu_get(n, prop);
    if (strcmp(prop, "Category") == 0)
        return g_variant_new_string("ApplicationStatus");
    if (strcmp(prop, "Id") == 0) {
        const char *app_id = sash__app_identifier(t->app);
        char *id = g_strdup_printf("%s-%s", app_id && *app_id ? app_id : "sash",
                                   t->id);
        GVariant *v = g_variant_new_string(id);
        g_free(id);
        return v;
    }
    if (strcmp(prop, "Title") == 0)
        return g_variant_new_string(title_of(t));
    if (strcmp(prop, "Status") == 0)
        return g_variant_new_string("Active");
    if (strcmp(prop, "WindowId") == 0)
        return g_variant_new_int32(0);
    if (strcmp(prop, "IconPixmap") == 0)
        return n->pixmap ? g_variant_ref(n->pixmap) : empty_pixmaps();
    if (strcmp(prop, "OverlayIconPixmap") == 0 ||
        strcmp(prop, "AttentionIconPixmap") == 0)
        return empty_pixmaps();
    if (strcmp(prop, "IconName") == 0 || strcmp(prop, "OverlayIconName") == 0 ||
        strcmp(prop, "AttentionIconName") == 0 ||
        strcmp(prop, "AttentionMovieName") == 0)
        return g_variant_new_string("");
    if (strcmp(prop, "ToolTip") == 0)
        return g_variant_new("(s@a(iiay)ss)", "", empty_pixmaps(),
                             t->tooltip ? t->tooltip : "", "");
    if (strcmp(prop, "ItemIsMenu") == 0) /* a click opens the menu */
        return g_variant_new_boolean(TRUE);
    if (strcmp(prop, "Menu") == 0)
        return g_variant_new_object_path(n->menu_path);
    g_set_error(error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_PROPERTY,
                "no property %s", prop);
    return NULL;
}

static void item_call(GDBusConnection *c, const gchar *sender,
                      const gchar *path, const gchar *iface,
                      const gchar *method, GVariant *params,
                      GDBusMethodInvocation *inv, gpointer ud);

/* -- the menu (com.canonical.dbusmenu) ------------------------------------- */

static GVariant *menu_get(sni *n, const gchar *prop)
{
    (void)n;
    if (strcmp(prop, "Version") == 0)
        return g_variant_new_uint32(3);
    if (strcmp(prop, "TextDirection") == 0)
        return g_variant_new_string("ltr");
    if (strcmp(prop, "Status") == 0)
        return g_variant_new_string("normal");
    if (strcmp(prop, "IconThemePath") == 0)
        return g_variant_new_strv(NULL, 0);
    return NULL;
}

/* The item whose dbusmenu id is `id` (0: the root), or NULL. */
static const sash__menu_item *item_of(const sni *n, gint32 id)
{
    const sash_menu *m = n->t->menu;
    if (!m || id < 0)
        return NULL;
    if (id == 0)
        return &m->root;
    return sash__menu_item_by_key(m, (unsigned long)id);
}

static gint32 id_of(const sash__menu_item *it)
{
    if (!it->parent && it == &it->menu->root)
        return 0;
    return it->key <= INT32_MAX ? (gint32)it->key : -1;
}

static int wanted(const char *const *names, const char *name)
{
    if (!names || !names[0])
        return 1;
    for (; *names; names++)
        if (strcmp(*names, name) == 0)
            return 1;
    return 0;
}

static void put(GVariantBuilder *b, const char *const *names,
                const char *name, GVariant *v)
{
    g_variant_ref_sink(v);
    if (wanted(names, name))
        g_variant_builder_add(b, "{sv}", name, v);
    g_variant_unref(v);
}

/* dbusmenu labels mark mnemonics with '_': a literal one is doubled. */
static char *label_of(const char *text)
{
    GString *s = g_string_new(NULL);
    for (const char *p = text ? text : ""; *p; p++) {
        if (*p == '_')
            g_string_append_c(s, '_');
        g_string_append_c(s, *p);
    }
    return g_string_free(s, FALSE);
}

static GVariant *shortcut_of(const sash__menu_item *it)
{
    GVariantBuilder one;
    g_variant_builder_init(&one, G_VARIANT_TYPE("as"));
    if (it->accel_mods & (SASH__MOD_PRIMARY | SASH__MOD_CTRL))
        g_variant_builder_add(&one, "s", "Control");
    if (it->accel_mods & SASH__MOD_ALT)
        g_variant_builder_add(&one, "s", "Alt");
    if (it->accel_mods & SASH__MOD_SHIFT)
        g_variant_builder_add(&one, "s", "Shift");
    if (it->accel_mods & SASH__MOD_SUPER)
        g_variant_builder_add(&one, "s", "Super");
    g_variant_builder_add(&one, "s", it->accel_key);
    GVariantBuilder all;
    g_variant_builder_init(&all, G_VARIANT_TYPE("aas"));
    g_variant_builder_add_value(&all, g_variant_builder_end(&one));
    return g_variant_builder_end(&all);
}

static GVariant *props_of(const sash__menu_item *it, const char *const *names)
{
    GVariantBuilder b;
    g_variant_builder_init(&b, G_VARIANT_TYPE("a{sv}"));
    if (id_of(it) == 0) {
        put(&b, names, "children-display", g_variant_new_string("submenu"));
        return g_variant_builder_end(&b);
    }
    if (it->kind == SASH__ITEM_SEPARATOR) {
        put(&b, names, "type", g_variant_new_string("separator"));
        put(&b, names, "visible", g_variant_new_boolean(TRUE));
        return g_variant_builder_end(&b);
    }
    char *label = label_of(it->text);
    put(&b, names, "label", g_variant_new_string(label));
    g_free(label);
    put(&b, names, "enabled", g_variant_new_boolean(it->enabled != 0));
    put(&b, names, "visible", g_variant_new_boolean(TRUE));
    if (it->kind == SASH__ITEM_CHECK || it->kind == SASH__ITEM_RADIO) {
        put(&b, names, "toggle-type", g_variant_new_string(
                it->kind == SASH__ITEM_CHECK ? "checkmark" : "radio"));
        put(&b, names, "toggle-state", g_variant_new_int32(it->checked ? 1 : 0));
    }
    if (it->kind == SASH__ITEM_SUBMENU)
        put(&b, names, "children-display", g_variant_new_string("submenu"));
    if (it->accel_key && it->kind != SASH__ITEM_SUBMENU)
        put(&b, names, "shortcut", shortcut_of(it));
    return g_variant_builder_end(&b);
}

/* (ia{sv}av) of `it` and `depth` levels below it (-1: all). */
static GVariant *layout_of(const sash__menu_item *it, int depth,
                           const char *const *names)
{
    GVariantBuilder kids;
    g_variant_builder_init(&kids, G_VARIANT_TYPE("av"));
    if (depth != 0 && (it->kind == SASH__ITEM_SUBMENU || id_of(it) == 0))
        for (size_t i = 0; i < it->count; i++) {
            if (id_of(it->items[i]) < 0)
                continue;
            g_variant_builder_add(&kids, "v",
                                  layout_of(it->items[i], depth - 1, names));
        }
    return g_variant_new("(i@a{sv}av)", id_of(it), props_of(it, names), &kids);
}

static GVariant *empty_root(void)
{
    GVariantBuilder kids, props;
    g_variant_builder_init(&kids, G_VARIANT_TYPE("av"));
    g_variant_builder_init(&props, G_VARIANT_TYPE("a{sv}"));
    g_variant_builder_add(&props, "{sv}", "children-display",
                          g_variant_new_string("submenu"));
    return g_variant_new("(ia{sv}av)", 0, &props, &kids);
}

static void menu_call(sni *n, const gchar *method, GVariant *params,
                      GDBusMethodInvocation *inv)
{
    if (strcmp(method, "GetLayout") == 0) {
        gint32 parent, depth;
        const char **names = NULL;
        g_variant_get(params, "(ii^a&s)", &parent, &depth, &names);
        const sash__menu_item *it = item_of(n, parent);
        GVariant *layout = it ? layout_of(it, depth < 0 ? -1 : depth, names)
                              : parent == 0 ? empty_root() : NULL;
        g_free(names);
        if (!layout) {
            g_dbus_method_invocation_return_error(
                inv, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS,
                "no menu item %d", parent);
            return;
        }
        g_dbus_method_invocation_return_value(
            inv, g_variant_new("(u@(ia{sv}av))", n->revision, layout));
    } else if (strcmp(method, "GetGroupProperties") == 0) {
        GVariant *ids;
        const char **names = NULL;
        g_variant_get(params, "(@ai^a&s)", &ids, &names);
        GVariantBuilder b;
        g_variant_builder_init(&b, G_VARIANT_TYPE("a(ia{sv})"));
        gsize count = 0;
        const gint32 *v = g_variant_get_fixed_array(ids, &count, sizeof(gint32));
        for (gsize i = 0; i < count; i++) {
            const sash__menu_item *it = item_of(n, v[i]);
            if (it)
                g_variant_builder_add(&b, "(i@a{sv})", v[i], props_of(it, names));
        }
        g_variant_unref(ids);
        g_free(names);
        g_dbus_method_invocation_return_value(inv, g_variant_new("(a(ia{sv}))", &b));
    } else if (strcmp(method, "GetProperty") == 0) {
        gint32 id;
        const char *name;
        g_variant_get(params, "(i&s)", &id, &name);
        const sash__menu_item *it = item_of(n, id);
        GVariant *props = it ? g_variant_ref_sink(props_of(it, NULL)) : NULL;
        GVariant *value = props ? g_variant_lookup_value(props, name, NULL) : NULL;
        if (props)
            g_variant_unref(props);
        if (!value) {
            g_dbus_method_invocation_return_error(
                inv, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS,
                "no property %s on menu item %d", name, id);
            return;
        }
        g_dbus_method_invocation_return_value(inv, g_variant_new("(v)", value));
        g_variant_unref(value);
    } else if (strcmp(method, "Event") == 0 || strcmp(method, "EventGroup") == 0) {
        /* Answer first: a pick may quit the app or free this tray. */
        int group = strcmp(method, "EventGroup") == 0;
        GVariantIter *iter = NULL;
        gint32 single = 0;
        const char *event = NULL;
        GArray *keys = g_array_new(FALSE, FALSE, sizeof(unsigned long));
        GVariantBuilder errors;
        g_variant_builder_init(&errors, G_VARIANT_TYPE("ai"));
        if (group)
            g_variant_get(params, "(a(isvu))", &iter);
        else
            g_variant_get(params, "(i&svu)", &single, &event, NULL, NULL);
        for (;;) {
            gint32 id = single;
            GVariant *data = NULL;
            if (group && !g_variant_iter_next(iter, "(i&svu)", &id, &event,
                                              &data, NULL))
                break;
            if (data)
                g_variant_unref(data);
            const sash__menu_item *it = id > 0 ? item_of(n, id) : NULL;
            if (id != 0 && !it)
                g_variant_builder_add(&errors, "i", id);
            else if (it && strcmp(event, "clicked") == 0 && it->enabled &&
                     it->kind != SASH__ITEM_SEPARATOR &&
                     it->kind != SASH__ITEM_SUBMENU)
                g_array_append_val(keys, it->key);
            if (!group)
                break;
        }
        if (iter)
            g_variant_iter_free(iter);
        if (group)
            g_dbus_method_invocation_return_value(inv, g_variant_new("(ai)", &errors));
        else {
            g_variant_builder_clear(&errors);
            g_dbus_method_invocation_return_value(inv, NULL);
        }
        sash_app *app = n->t->app;
        for (guint i = 0; i < keys->len; i++)
            sash__menu_activated(app, g_array_index(keys, unsigned long, i),
                                 NULL);
        g_array_free(keys, TRUE);
    } else if (strcmp(method, "AboutToShow") == 0) {
        g_dbus_method_invocation_return_value(inv, g_variant_new("(b)", FALSE));
    } else if (strcmp(method, "AboutToShowGroup") == 0) {
        g_dbus_method_invocation_return_value(
            inv, g_variant_new("(@ai@ai)",
                               g_variant_new_array(G_VARIANT_TYPE_INT32, NULL, 0),
                               g_variant_new_array(G_VARIANT_TYPE_INT32, NULL, 0)));
    } else {
        g_dbus_method_invocation_return_error(
            inv, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD, "no method %s", method);
    }
}

static void item_call(GDBusConnection *c, const gchar *sender,
                      const gchar *path, const gchar *iface,
                      const gchar *method, GVariant *params,
                      GDBusMethodInvocation *inv, gpointer ud)
{
    (void)c, (void)sender, (void)path;
    sni *n = ud;
    if (strcmp(iface, MENU_IFACE) == 0) {
        menu_call(n, method, params, inv);
        return;
    }
    const char *button = strcmp(method, "Activate") == 0 ? "left"
                       : strcmp(method, "SecondaryActivate") == 0 ? "middle"
                       : strcmp(method, "ContextMenu") == 0 ? "right"
                       : strcmp(method, "Scroll") == 0 ? "scroll" : NULL;
    sash_tray *t = n->t;
    g_dbus_method_invocation_return_value(inv, NULL);
    if (button)
        sash__tray_clicked(t, button);
}

static const GDBusInterfaceVTable vtable = {item_call, item_get, NULL, {0}};

/* -- signals --------------------------------------------------------------- */

static void emit(sni *n, const char *path, const char *iface,
                 const char *name, GVariant *args)
{
    g_dbus_connection_emit_signal(n->bus, NULL, path, iface, name, args, NULL);
}

static void layout_updated(sni *n)
{
    emit(n, n->menu_path, MENU_IFACE, "LayoutUpdated",
         g_variant_new("(ui)", ++n->revision, 0));
}

void sash__sni_menu_changed(sash_app *app, const sash_menu *m,
                            const sash__menu_item *item)
{
    (void)app;
    for (GList *l = live; l; l = l->next) {
        sni *n = l->data;
        if (n->t->menu != m)
            continue;
        if (!item || id_of(item) <= 0) {
            layout_updated(n);
            continue;
        }
        GVariantBuilder up, rm;
        g_variant_builder_init(&up, G_VARIANT_TYPE("a(ia{sv})"));
        g_variant_builder_init(&rm, G_VARIANT_TYPE("a(ias)"));
        g_variant_builder_add(&up, "(i@a{sv})", id_of(item), props_of(item, NULL));
        emit(n, n->menu_path, MENU_IFACE, "ItemsPropertiesUpdated",
             g_variant_new("(a(ia{sv})a(ias))", &up, &rm));
    }
}

/* -- the watcher ----------------------------------------------------------- */

static void watcher_appeared(GDBusConnection *c, const gchar *name,
                             const gchar *owner, gpointer ud)
{
    (void)name, (void)owner;
    sni *n = ud;
    /* Fire and forget: nothing to do if it refuses. */
    g_dbus_connection_call(c, WATCHER, "/StatusNotifierWatcher", WATCHER,
                           "RegisterStatusNotifierItem",
                           g_variant_new("(s)", n->path), NULL,
                           G_DBUS_CALL_FLAGS_NO_AUTO_START, 5000, NULL, NULL,
                           NULL);
}

/* -- the table entries ----------------------------------------------------- */

int sash__sni_tray_create(sash_tray *t)
{
    GError *err = NULL;
    if (!node_info && !(node_info = g_dbus_node_info_new_for_xml(item_xml, &err))) {
        int rc = sash__fail(SASH_EPLATFORM, "tray: %s", err->message);
        g_error_free(err);
        return rc;
    }
    GDBusConnection *bus = g_bus_get_sync(G_BUS_TYPE_SESSION, NULL, &err);
    if (!bus) {
        int rc = sash__fail(SASH_EPLATFORM, "tray: no D-Bus session bus (%s)",
                            err->message);
        g_error_free(err);
        return rc;
    }
    /* No watcher: no panel shows StatusNotifierItems (plain GNOME without
     * the AppIndicator extension).  Say so instead of showing nothing. */
    GVariant *r = g_dbus_connection_call_sync(
        bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
        "org.freedesktop.DBus", "NameHasOwner", g_variant_new("(s)", WATCHER),
        G_VARIANT_TYPE("(b)"), G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &err);
    gboolean has = FALSE;
    if (r) {
        g_variant_get(r, "(b)", &has);
        g_variant_unref(r);
    }
    if (!has) {
        int rc = sash__fail(SASH_EPLATFORM, "tray: no StatusNotifierWatcher "
                            "on the session bus (%s): the desktop shows no "
                            "tray icons (on GNOME, enable the AppIndicator "
                            "extension)", err ? err->message : "not running");
        g_clear_error(&err);
        g_object_unref(bus);
        return rc;
    }
    sni *n = g_new0(sni, 1);
    n->t = t;
    n->bus = bus;
    n->pixmap = pixmap_of(t);
    if (!n->pixmap) {
        g_object_unref(bus);
        g_free(n);
        return SASH_EPLATFORM;
    }
    char *rid = g_strdup(t->rid);
    g_strcanon(rid, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
               "0123456789", '_');
    n->path = g_strdup_printf("/org/sash/tray/%s", rid);
    n->menu_path = g_strdup_printf("/org/sash/tray/%s/menu", rid);
    g_free(rid);
    n->item_id = g_dbus_connection_register_object(
        bus, n->path, node_info->interfaces[0], &vtable, n, NULL, &err);
    if (n->item_id)
        n->menu_id = g_dbus_connection_register_object(
            bus, n->menu_path, node_info->interfaces[1], &vtable, n, NULL, &err);
    if (!n->menu_id) {
        int rc = sash__fail(SASH_EPLATFORM, "tray: cannot export the item: %s",
                            err ? err->message : "?");
        g_clear_error(&err);
        t->native = n;
        sash__sni_tray_destroy(t);
        return rc;
    }
    t->native = n;
    live = g_list_prepend(live, n);
    /* Registers now (the watcher is there) and each time it comes back. */
    n->watch_id = g_bus_watch_name_on_connection(
        bus, WATCHER, G_BUS_NAME_WATCHER_FLAGS_NONE, watcher_appeared, NULL,
        n, NULL);
    return 0;
}

void sash__sni_tray_update(sash_tray *t)
{
    sni *n = t->native;
    if (!n)
        return;
    /* The icon, tooltip or menu changed: cheap enough to redo all. */
    GVariant *pixmap = pixmap_of(t);
    if (pixmap) {
        g_variant_unref(n->pixmap);
        n->pixmap = pixmap;
    }
    emit(n, n->path, ITEM_IFACE, "NewIcon", NULL);
    emit(n, n->path, ITEM_IFACE, "NewTitle", NULL);
    emit(n, n->path, ITEM_IFACE, "NewToolTip", NULL);
    layout_updated(n);
}

void sash__sni_tray_destroy(sash_tray *t)
{
    sni *n = t->native;
    if (!n)
        return;
    live = g_list_remove(live, n);
    if (n->watch_id)
        g_bus_unwatch_name(n->watch_id);
    if (n->item_id) {
        /* Hosts hide a passive item; the object then goes away. */
        emit(n, n->path, ITEM_IFACE, "NewStatus", g_variant_new("(s)", "Passive"));
        g_dbus_connection_unregister_object(n->bus, n->item_id);
    }
    if (n->menu_id)
        g_dbus_connection_unregister_object(n->bus, n->menu_id);
    if (n->pixmap)
        g_variant_unref(n->pixmap);
    g_free(n->path);
    g_free(n->menu_path);
    g_object_unref(n->bus);
    g_free(n);
    t->native = NULL;
}
