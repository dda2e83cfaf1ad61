/*
 * gtk4_app.c - the GTK4 backend's table: display, main loop, wake-ups.
 */
#include <stdlib.h>
#include <string.h>

#include "gtk4_internal.h"

/* No shared-memory bytes path on this backend yet (docs/porting.md). */
const char sash__platform_shm_anchor = 0;

/* Menus and the desktop surface (gtk4_menu.c, gtk4_dialog.c,
 * gtk4_clipboard.c, ../gtk/gtk_notify.c, ../gtk/gtk_open.c) are linked
 * only into apps that use them: those files define the other anchors
 * (platform.h), and until the core's code pulls them in these weak table
 * entries are NULL. */
#include "gtk4_desk.h"
#pragma weak sash__gtk4_menu_bar_set
#pragma weak sash__gtk4_menu_popup
#pragma weak sash__gtk4_menu_changed
#pragma weak sash__gtk4_menu_destroyed
#pragma weak sash__gtk4_dialog
#pragma weak sash__gtk4_clipboard_write
#pragma weak sash__gtk4_clipboard_read
#pragma weak sash__gtk_notify
#pragma weak sash__gtk_open
/* The tray (sni): a StatusNotifierItem over GDBus, no GTK
 * (../linux/sni_tray.c, which defines the tray anchor). */
#include "../linux/sni_tray.h"
#pragma weak sash__sni_tray_create
#pragma weak sash__sni_tray_update
#pragma weak sash__sni_tray_destroy

static int gtk4_backend_init(sash_app *app)
{
    g_set_prgname(sash__app_identifier(app));
    if (!gtk_init_check()) {
        return sash__fail(SASH_EPLATFORM, "cannot open a display: is "
                          "DISPLAY or WAYLAND_DISPLAY set?");
    }
    gtk4_app_data *d = calloc(1, sizeof *d);
    if (!d)
        return SASH_ENOMEM;
    /* Per app, like the GTK3 backend's context: scheme handlers point at
     * this app.  The network session keeps storage and cookies in the
     * default folders named after the program (the app identifier), as
     * WebKitGTK 4.1's context does. */
    d->context = webkit_web_context_new();
    d->session = webkit_network_session_new(NULL, NULL);
    d->loop = g_main_loop_new(NULL, FALSE);
    sash__gtk_security_context(app, d->context);
    sash__gtk_scheme_register(app, d->context);
    sash__gtk_raw_register(app, d->context);
    sash__gtk_tune_context(app, d->context);
    sash__gtk_automation_context(app, d->context); /* SASH_AUTOMATION=1 */
    sash__app_set_platform_data(app, d);
    return 0;
}

/* Sources still pending would call into a freed app. */
static void gtk4_backend_terminate(sash_app *app)
{
    gtk4_app_data *d = sash__app_platform_data(app);
    while (g_idle_remove_by_data(app))
        ;
    if (d) {
        if (d->timer_id)
            g_source_remove(d->timer_id);
        g_clear_object(&d->session);
        g_clear_object(&d->context);
        if (d->loop)
            g_main_loop_unref(d->loop);
    }
    free(d);
    sash__app_set_platform_data(app, NULL);
}

static void gtk4_backend_run(sash_app *app)
{
    gtk4_app_data *d = sash__app_platform_data(app);
    g_main_loop_run(d->loop);
}

static void gtk4_backend_quit(sash_app *app)
{
    gtk4_app_data *d = sash__app_platform_data(app);
    g_main_loop_quit(d->loop);
}

static gboolean drain_cb(gpointer app)
{
    sash__app_drain(app);
    return G_SOURCE_REMOVE;
}

/* Below input and redraw, as on GTK3 (gtk_app.c). */
static void gtk4_backend_wake(sash_app *app)
{
    g_idle_add_full(G_PRIORITY_DEFAULT_IDLE, drain_cb, app, NULL);
}

typedef struct timer_data {
    sash_app *app;
    void (*fn)(sash_app *);
} timer_data;

static gboolean timer_cb(gpointer data)
{
    timer_data *t = data;
    gtk4_app_data *d = sash__app_platform_data(t->app);
    d->timer_id = 0;
    t->fn(t->app);
    return G_SOURCE_REMOVE;
}

static void gtk4_backend_timer(sash_app *app, unsigned ms,
                               void (*fn)(sash_app *))
{
    timer_data *t = g_new(timer_data, 1);
    t->app = app;
    t->fn = fn;
    gtk4_app_data *d = sash__app_platform_data(app);
    if (d->timer_id)
        g_source_remove(d->timer_id);
    d->timer_id = g_timeout_add_full(G_PRIORITY_DEFAULT_IDLE, ms, timer_cb, t,
                                     g_free);
}

int sash__gtk_oneway;

/* Same schemes, paths and transport as GTK3: pages and the bridge cannot
 * tell the two backends apart. */
static const sash__platform sash__gtk4_platform = {
    .name = "gtk4",
    .app_origin = SASH_GTK_SCHEME "://app",
    .raw_path = SASH_GTK_IPC_PATH,
    .raw_url = SASH_GTK_RAW_SCHEME "://app/",
    .csp_ipc_sources = SASH_GTK_SCHEME ": " SASH_GTK_RAW_SCHEME ":",
    .transport_js =
        "(t)=>window.webkit.messageHandlers." SASH_GTK_HANDLER ".postMessage(t)",
    .init = gtk4_backend_init,
    .terminate = gtk4_backend_terminate,
    .run = gtk4_backend_run,
    .quit = gtk4_backend_quit,
    .wake = gtk4_backend_wake,
    .window_create = sash__gtk_window_create,
    .window_show = sash__gtk_window_show,
    .window_destroy = sash__gtk_window_destroy,
    .window_set_title = sash__gtk_window_set_title,
    .window_eval = sash__gtk_window_eval,
    .window_deliver = sash__gtk_window_deliver,
    .reply = sash__gtk_ipc_reply,
    .reply_bytes = sash__gtk_ipc_reply_bytes,
    .reply_drop = sash__gtk_ipc_reply_drop,
    .timer = gtk4_backend_timer,
    .open_external = sash__gtk_open_external,
    /* Menus and the desktop surface (gtk4desk): weak, see above. */
    .menu_bar_set = sash__gtk4_menu_bar_set,
    .menu_popup = sash__gtk4_menu_popup,
    .menu_changed = sash__gtk4_menu_changed,
    .menu_destroyed = sash__gtk4_menu_destroyed,
    .dialog = sash__gtk4_dialog,
    .clipboard_write = sash__gtk4_clipboard_write,
    .clipboard_read = sash__gtk4_clipboard_read,
    .notify = sash__gtk_notify,
    .open = sash__gtk_open,
    /* Entries added later for GTK3 only stay NULL here: the core reports
     * them as not supported on this backend (docs/porting.md). */
    /* Window state, monitors, theme (gtk4_window_state.c; positions and
     * always-on-top through X11, unsupported on Wayland: docs/windows.md) */
    .window_apply_options = sash__gtk_window_apply_options,
    .window_set_size = sash__gtk_ws_set_size,
    .window_set_position = sash__gtk_ws_set_position,
    .window_set_size_limits = sash__gtk_ws_set_size_limits,
    .window_set_attrib = sash__gtk_ws_set_attrib,
    .window_get_attrib = sash__gtk_ws_get_attrib,
    .window_get_geometry = sash__gtk_ws_get_geometry,
    .window_center = sash__gtk_ws_center,
    .window_scale = sash__gtk_ws_scale,
    .window_monitor = sash__gtk_ws_window_monitor,
    .monitors = sash__gtk_ws_monitors,
    .theme = sash__gtk_ws_theme,
    .window_timer = sash__gtk_ws_window_timer,
    /* Tray (sni): weak, see above */
    .tray_create = sash__sni_tray_create,
    .tray_update = sash__sni_tray_update,
    .tray_destroy = sash__sni_tray_destroy,
    /* Deliveries without a user gesture: answers to the bridge's pull. */
    .pull_deliveries = 1,
};

sash_app *sash_app_new_v(const sash_app_options *options, size_t size)
{
    /* SASH_GTK_ONEWAY=1: the one-way transport test mode (gtk_app.c). */
    static sash__platform oneway;
    const char *env = getenv("SASH_GTK_ONEWAY");
    sash__gtk_oneway = env && strcmp(env, "1") == 0;
    if (!sash__gtk_oneway)
        return sash__app_new_with(options, size, &sash__gtk4_platform);
    oneway = sash__gtk4_platform;
    oneway.transport_js = "oneWay((t)=>window.webkit.messageHandlers."
                          SASH_GTK_HANDLER ".postMessage(t))";
    oneway.oneway = 1;
    oneway.pull_deliveries = 0; /* a one-way post has no answer to pull */
    return sash__app_new_with(options, size, &oneway);
}
