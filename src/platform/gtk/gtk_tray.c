/*
 * gtk_tray.c - tray icons as StatusNotifierItems through
 * libayatana-appindicator3, opened with GModule on the first tray: an app
 * that never makes one neither links nor loads it, and a system without it
 * gets a clear error instead of a missing-library failure at start.
 *
 * The indicator takes icons by name from a theme path, so each icon's PNG
 * is written to a private temporary folder under a new name (hosts cache
 * icons by name).
 */
#include <gmodule.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gtk_menu.h"

#define INDICATOR_LIB "libayatana-appindicator3.so.1"
/* From app-indicator.h (not included: no build dependency). */
#define CATEGORY_APPLICATION_STATUS 0
#define STATUS_ACTIVE 1

/* Referenced by the core's tray code: see platform.h. */
const char sash__platform_tray_anchor = 0;

static struct {
    GModule *module;
    void *(*new_)(const gchar *id, const gchar *icon, int category);
    void (*set_status)(void *self, int status);
    void (*set_menu)(void *self, GtkMenu *menu);
    void (*set_icon_full)(void *self, const gchar *name, const gchar *desc);
    void (*set_icon_theme_path)(void *self, const gchar *path);
    void (*set_title)(void *self, const gchar *title);
} ind;

typedef struct tray_native {
    void *indicator;  /* AppIndicator (a GObject) */
    GtkWidget *menu;  /* GtkMenu it exports, sunk and owned here */
    char *dir;        /* private icon folder */
    char *icon_path;  /* the current icon file */
    unsigned serial;  /* icon names: <rid>-<serial> */
    gulong scroll_id;
    GDBusConnection *bus; /* the session bus, held while the tray lives */
} tray_native;

static int load(void)
{
    if (ind.module)
        return 0;
    GModule *m = g_module_open(INDICATOR_LIB, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
    if (!m)
        return sash__fail(SASH_EPLATFORM, "tray: cannot load %s (%s); on "
                          "Debian/Ubuntu install libayatana-appindicator3-1",
                          INDICATOR_LIB, g_module_error());
    static const char *const names[] = {
        "app_indicator_new", "app_indicator_set_status", "app_indicator_set_menu",
        "app_indicator_set_icon_full", "app_indicator_set_icon_theme_path",
        "app_indicator_set_title"};
    gpointer syms[G_N_ELEMENTS(names)];
    for (size_t i = 0; i < G_N_ELEMENTS(names); i++)
        if (!g_module_symbol(m, names[i], &syms[i]) || !syms[i]) {
            g_module_close(m);
            return sash__fail(SASH_EPLATFORM, "tray: %s lacks %s",
                              INDICATOR_LIB, names[i]);
        }
    /* Function pointers from data pointers: what GModule hands out. */
    memcpy(&ind.new_, &syms[0], sizeof syms[0]);
    memcpy(&ind.set_status, &syms[1], sizeof syms[1]);
    memcpy(&ind.set_menu, &syms[2], sizeof syms[2]);
    memcpy(&ind.set_icon_full, &syms[3], sizeof syms[3]);
    memcpy(&ind.set_icon_theme_path, &syms[4], sizeof syms[4]);
    memcpy(&ind.set_title, &syms[5], sizeof syms[5]);
    g_module_make_resident(m); /* its GTypes cannot be unregistered */
    ind.module = m;
    return 0;
}

/* Writes t's icon under a new name and points the indicator at it. */
static int write_icon(sash_tray *t, tray_native *n)
{
    char name[64];
    snprintf(name, sizeof name, "%s-%u", t->rid, ++n->serial);
    char *file = g_strdup_printf("%s.png", name);
    char *path = g_build_filename(n->dir, file, NULL);
    g_free(file);
    GError *err = NULL;
    if (!g_file_set_contents(path, (const char *)t->icon, (gssize)t->icon_len,
                             &err)) {
        int rc = sash__fail(SASH_EPLATFORM, "tray: cannot write the icon: %s",
                            err->message);
        g_error_free(err);
        g_free(path);
        return rc;
    }
    if (n->icon_path)
        unlink(n->icon_path);
    g_free(n->icon_path);
    n->icon_path = path;
    ind.set_icon_full(n->indicator, name, t->tooltip ? t->tooltip : t->id);
    return 0;
}

static void on_scroll(GObject *indicator, gint delta, guint direction,
                      gpointer t)
{
    (void)indicator;
    (void)delta;
    (void)direction;
    sash__tray_clicked(t, "scroll");
}

int sash__gtk_tray_create(sash_tray *t)
{
    if (load() != 0)
        return SASH_EPLATFORM;
    GError *err = NULL;
    /* The session bus first, synchronously: a clear error without one, and
     * the indicator then has its connection before it sees a watcher
     * appear (it creates the watcher's proxy on that connection; when the
     * name showed up first, it never registered: a race seen under load). */
    GDBusConnection *bus = g_bus_get_sync(G_BUS_TYPE_SESSION, NULL, &err);
    if (!bus) {
        int rc = sash__fail(SASH_EPLATFORM, "tray: no D-Bus session bus (%s)",
                            err->message);
        g_error_free(err);
        return rc;
    }
    tray_native *n = g_new0(tray_native, 1);
    n->bus = bus;
    /* Icons in the user's runtime folder (private to the user; snaps
     * cannot read /tmp), else the temporary folder. */
    n->dir = g_build_filename(g_get_user_runtime_dir(), "sash-tray-XXXXXX", NULL);
    if (!g_mkdtemp(n->dir)) {
        g_free(n->dir);
        n->dir = g_dir_make_tmp("sash-tray-XXXXXX", &err);
    }
    if (!n->dir) {
        int rc = sash__fail(SASH_EPLATFORM, "tray: no folder for icons: %s",
                            err ? err->message : "?");
        g_clear_error(&err);
        g_object_unref(n->bus);
        g_free(n);
        return rc;
    }
    /* The indicator's id names the item on the bus: app id + tray id. */
    const char *app_id = sash__app_identifier(t->app);
    char *id = g_strdup_printf("%s-%s", app_id && *app_id ? app_id : "sash",
                               t->id);
    n->indicator = ind.new_(id, "", CATEGORY_APPLICATION_STATUS);
    g_free(id);
    if (!n->indicator) {
        rmdir(n->dir);
        g_free(n->dir);
        g_object_unref(n->bus);
        g_free(n);
        return sash__fail(SASH_EPLATFORM, "tray: app_indicator_new failed");
    }
    ind.set_icon_theme_path(n->indicator, n->dir);
    t->native = n;
    if (write_icon(t, n) != 0) {
        sash__gtk_tray_destroy(t);
        return SASH_EPLATFORM;
    }
    n->menu = sash__gtk_tray_menu(t);
    g_object_ref_sink(n->menu);
    ind.set_menu(n->indicator, GTK_MENU(n->menu));
    if (t->tooltip)
        ind.set_title(n->indicator, t->tooltip);
    n->scroll_id = g_signal_connect(n->indicator, "scroll-event",
                                    G_CALLBACK(on_scroll), t);
    ind.set_status(n->indicator, STATUS_ACTIVE);
    return 0;
}

void sash__gtk_tray_update(sash_tray *t)
{
    tray_native *n = t->native;
    if (!n)
        return;
    /* Cheap enough to redo all three: an update is a user's action. */
    write_icon(t, n);
    ind.set_title(n->indicator, t->tooltip ? t->tooltip : "");
    sash__gtk_tray_menu_refill(t);
}

void sash__gtk_tray_destroy(sash_tray *t)
{
    tray_native *n = t->native;
    if (!n)
        return;
    if (n->scroll_id)
        g_signal_handler_disconnect(n->indicator, n->scroll_id);
    sash__gtk_tray_menu_release(t);
    g_object_unref(n->indicator); /* unregisters from the bus */
    if (n->menu) {
        gtk_widget_destroy(n->menu);
        g_object_unref(n->menu);
    }
    if (n->icon_path)
        unlink(n->icon_path);
    rmdir(n->dir);
    g_free(n->icon_path);
    g_free(n->dir);
    g_object_unref(n->bus);
    g_free(n);
    t->native = NULL;
}
