/*
 * gtk_open.c - the table's open entry: the desktop's xdg-open for URLs
 * and files (GIO's default handler when xdg-open is missing), and the
 * file manager's org.freedesktop.FileManager1.ShowItems to reveal a path
 * (opening its folder when no file manager answers).
 */
#include <string.h>

#include "gtk_internal.h"

/* Linked only when the core's desktop code uses it (platform.h). */
const char sash__platform_open_anchor = 0;

static void launched(GObject *src, GAsyncResult *res, gpointer o)
{
    (void)src;
    GError *err = NULL;
    g_app_info_launch_default_for_uri_finish(res, &err);
    sash__open_done(o, err ? err->message : NULL);
    g_clear_error(&err);
}

static void reaped(GPid pid, gint status, gpointer data)
{
    (void)data;
    if (!g_spawn_check_wait_status(status, NULL))
        sash__warn("opener: xdg-open exited with status %d", status);
    g_spawn_close_pid(pid);
}

/* Hands `target` to xdg-open (found on PATH), or GIO. */
static void launch(sash__open *o, const char *target)
{
    char *xdg = g_find_program_in_path("xdg-open");
    if (xdg) {
        char *argv[] = {xdg, (char *)target, NULL};
        GError *err = NULL;
        GPid pid;
        gboolean ok = g_spawn_async(NULL, argv, NULL,
                                    G_SPAWN_DO_NOT_REAP_CHILD |
                                        G_SPAWN_STDOUT_TO_DEV_NULL,
                                    NULL, NULL, &pid, &err);
        if (ok)
            g_child_watch_add(pid, reaped, NULL);
        g_free(xdg);
        sash__open_done(o, ok ? NULL : err->message);
        g_clear_error(&err);
        return;
    }
    char *uri = g_path_is_absolute(target)
                    ? g_filename_to_uri(target, NULL, NULL)
                    : g_strdup(target);
    if (!uri) {
        sash__open_done(o, "the path cannot be made a file URI");
        return;
    }
    g_app_info_launch_default_for_uri_async(uri, NULL, NULL, launched, o);
    g_free(uri);
}

static void on_shown(GObject *src, GAsyncResult *res, gpointer data)
{
    sash__open *o = data;
    GError *err = NULL;
    GVariant *ret = g_dbus_connection_call_finish(G_DBUS_CONNECTION(src), res,
                                                  &err);
    if (ret) {
        g_variant_unref(ret);
        sash__open_done(o, NULL);
        return;
    }
    g_clear_error(&err);
    char *dir = g_path_get_dirname(o->target); /* no file manager service */
    launch(o, dir);
    g_free(dir);
}

static void on_bus(GObject *src, GAsyncResult *res, gpointer data)
{
    (void)src;
    sash__open *o = data;
    GDBusConnection *bus = g_bus_get_finish(res, NULL);
    char *uri = bus ? g_filename_to_uri(o->target, NULL, NULL) : NULL;
    if (!uri) {
        char *dir = g_path_get_dirname(o->target);
        launch(o, dir);
        g_free(dir);
        if (bus)
            g_object_unref(bus);
        return;
    }
    const char *uris[] = {uri, NULL};
    g_dbus_connection_call(
        bus, "org.freedesktop.FileManager1", "/org/freedesktop/FileManager1",
        "org.freedesktop.FileManager1", "ShowItems",
        g_variant_new("(^ass)", uris, ""), NULL,
        G_DBUS_CALL_FLAGS_NONE, 10000, NULL, on_shown, o);
    g_free(uri);
    g_object_unref(bus);
}

void sash__gtk_open(sash_app *app, sash__open *o)
{
    (void)app;
    if (o->reveal)
        g_bus_get(G_BUS_TYPE_SESSION, NULL, on_bus, o);
    else
        launch(o, o->target);
}
