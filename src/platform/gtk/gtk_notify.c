/*
 * gtk_notify.c - the table's notify entry: org.freedesktop.Notifications
 * over GDBus on the session bus, asynchronously.  Clicks and actions come
 * back as the server's ActionInvoked signal, for the ids this process was
 * given only.
 */
#include <string.h>

#include "gtk_internal.h"

/* Linked only when the core's desktop code uses it (platform.h). */
const char sash__platform_notify_anchor = 0;

#define NOTIFY_NAME "org.freedesktop.Notifications"
#define NOTIFY_PATH "/org/freedesktop/Notifications"

/* One app at a time (sash_app_new()): the subscription reports to it. */
static sash_app *action_app;
static GDBusConnection *action_bus;
static guint action_sub;
static GHashTable *our_ids; /* ids the server gave this process */

static void on_action(GDBusConnection *bus, const gchar *sender,
                      const gchar *path, const gchar *iface,
                      const gchar *signal, GVariant *params, gpointer data)
{
    (void)bus;
    (void)sender;
    (void)path;
    (void)iface;
    (void)signal;
    (void)data;
    guint32 id = 0;
    const gchar *action = NULL;
    if (!action_app || !g_variant_is_of_type(params, G_VARIANT_TYPE("(us)")))
        return;
    g_variant_get(params, "(u&s)", &id, &action);
    if (!g_hash_table_contains(our_ids, GUINT_TO_POINTER(id)))
        return;
    sash__notify_action(action_app, (long)id, action);
}

static void subscribe(sash_app *app, GDBusConnection *bus)
{
    action_app = app;
    if (action_bus == bus)
        return;
    if (action_bus) {
        g_dbus_connection_signal_unsubscribe(action_bus, action_sub);
        g_object_unref(action_bus);
    }
    action_bus = g_object_ref(bus);
    if (!our_ids)
        our_ids = g_hash_table_new(NULL, NULL);
    action_sub = g_dbus_connection_signal_subscribe(
        bus, NULL, NOTIFY_NAME, "ActionInvoked", NOTIFY_PATH, NULL,
        G_DBUS_SIGNAL_FLAGS_NONE, on_action, NULL, NULL);
}

static void on_notified(GObject *src, GAsyncResult *res, gpointer data)
{
    sash__notify *n = data;
    GError *err = NULL;
    GVariant *ret = g_dbus_connection_call_finish(G_DBUS_CONNECTION(src), res,
                                                  &err);
    guint32 id = 0;
    if (ret) {
        g_variant_get(ret, "(u)", &id);
        g_variant_unref(ret);
        if (our_ids)
            g_hash_table_add(our_ids, GUINT_TO_POINTER(id));
    }
    sash__notify_done(n, ret && id ? (long)id : 0,
                      err ? err->message : "the server gave no id");
    if (err)
        g_error_free(err);
}

static void on_bus(GObject *src, GAsyncResult *res, gpointer data)
{
    (void)src;
    sash__notify *n = data;
    GError *err = NULL;
    GDBusConnection *bus = g_bus_get_finish(res, &err);
    if (!bus) {
        sash__notify_done(n, 0, err ? err->message : "no session bus");
        g_clear_error(&err);
        return;
    }
    if (!action_app) { /* the app went away meanwhile */
        sash__notify_done(n, 0, "the app is closing");
        g_object_unref(bus);
        return;
    }
    subscribe(action_app, bus);
    GVariantBuilder acts;
    g_variant_builder_init(&acts, G_VARIANT_TYPE("as"));
    /* "default" is what a click on the body invokes. */
    g_variant_builder_add(&acts, "s", "default");
    g_variant_builder_add(&acts, "s", "");
    for (size_t i = 0; n->n.actions && n->n.actions[i]; i++)
        g_variant_builder_add(&acts, "s", n->n.actions[i]);
    GVariantBuilder hints;
    g_variant_builder_init(&hints, G_VARIANT_TYPE("a{sv}"));
    char *icon = NULL;
    if (n->n.icon && g_path_is_absolute(n->n.icon))
        icon = g_filename_to_uri(n->n.icon, NULL, NULL);
    g_dbus_connection_call(
        bus, NOTIFY_NAME, NOTIFY_PATH, NOTIFY_NAME, "Notify",
        g_variant_new("(susssasa{sv}i)", n->app_name, 0u,
                      icon ? icon : n->n.icon ? n->n.icon : "", n->n.title,
                      n->n.body ? n->n.body : "", &acts, &hints, -1),
        G_VARIANT_TYPE("(u)"), G_DBUS_CALL_FLAGS_NONE, 10000, NULL,
        on_notified, n);
    g_free(icon);
    g_object_unref(bus);
}

void sash__gtk_notify(sash_app *app, sash__notify *n)
{
    if (!n) { /* the app is being freed: no more actions to it */
        action_app = NULL;
        if (action_bus) {
            g_dbus_connection_signal_unsubscribe(action_bus, action_sub);
            g_clear_object(&action_bus);
        }
        if (our_ids)
            g_hash_table_remove_all(our_ids);
        return;
    }
    action_app = app;
    g_bus_get(G_BUS_TYPE_SESSION, NULL, on_bus, n);
}
