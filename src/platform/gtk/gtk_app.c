/*
 * gtk_app.c - the GTK backend's table: display, main loop, wake-ups.
 */
#include <stdlib.h>
#include <string.h>

#include "gtk_internal.h"
#include "gtk_menu.h" /* menus and tray */

/* Menus and tray are linked only into apps that use them (platform.h):
 * until the core's menu code pulls gtk_menu.c / gtk_tray.c in, these
 * table entries are NULL. */
#pragma weak sash__gtk_menu_bar_set
#pragma weak sash__gtk_menu_popup
#pragma weak sash__gtk_menu_changed
#pragma weak sash__gtk_menu_destroyed
#pragma weak sash__gtk_tray_create
#pragma weak sash__gtk_tray_update
#pragma weak sash__gtk_tray_destroy
/* ...and the desktop surface's (gtk_dialog.c, gtk_clipboard.c,
 * gtk_notify.c, gtk_open.c), pulled in by their anchors. */
#pragma weak sash__gtk_dialog
#pragma weak sash__gtk_clipboard_write
#pragma weak sash__gtk_clipboard_read
#pragma weak sash__gtk_notify
#pragma weak sash__gtk_open
/* Bytes through shared memory (gtk_shm.c). */
#pragma weak sash__gtk_shm_context

static int gtk_backend_init(sash_app *app)
{
    if (!gtk_init_check(NULL, NULL)) {
        return sash__fail(SASH_EPLATFORM, "cannot open a display: is "
                          "DISPLAY or WAYLAND_DISPLAY set?");
    }
    g_set_prgname(sash__app_identifier(app));
    gtk_app_data *d = calloc(1, sizeof *d);
    if (!d)
        return SASH_ENOMEM;
    /* A context of its own, not the process-wide default: scheme handlers
     * point at this app and the sandbox can only be set before a context
     * spawns processes, so an app freed and created again (tests, tools)
     * would otherwise abort in WebKit or call into the freed app. */
    d->context = webkit_web_context_new();
    sash__gtk_security_context(app, d->context);
    sash__gtk_scheme_register(app, d->context);
    sash__gtk_raw_register(app, d->context);
    if (sash__gtk_shm_context)
        sash__gtk_shm_context(app, d->context);
    sash__gtk_tune_context(app, d->context);
    sash__gtk_automation_context(app, d->context); /* SASH_AUTOMATION=1 */
    sash__app_set_platform_data(app, d);
    return 0;
}

/* Sources still pending would call into a freed app. */
static void gtk_backend_terminate(sash_app *app)
{
    gtk_app_data *d = sash__app_platform_data(app);
    while (g_idle_remove_by_data(app))
        ;
    if (d && d->timer_id)
        g_source_remove(d->timer_id);
    if (d && d->context)
        g_object_unref(d->context);
    free(d);
    sash__app_set_platform_data(app, NULL);
}

static void gtk_backend_run(sash_app *app)
{
    (void)app;
    gtk_main();
}

static void gtk_backend_quit(sash_app *app)
{
    (void)app;
    gtk_main_quit();
}

static gboolean drain_cb(gpointer app)
{
    sash__app_drain(app);
    return G_SOURCE_REMOVE;
}

/* Default-idle priority: below input and redraw, so a flood of replies or
 * events from workers never starves painting; on an idle loop it runs at
 * once. */
static void gtk_backend_wake(sash_app *app)
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
    gtk_app_data *d = sash__app_platform_data(t->app);
    d->timer_id = 0;
    t->fn(t->app);
    return G_SOURCE_REMOVE;
}

static void gtk_backend_timer(sash_app *app, unsigned ms, void (*fn)(sash_app *))
{
    timer_data *t = g_new(timer_data, 1);
    t->app = app;
    t->fn = fn;
    gtk_app_data *d = sash__app_platform_data(app);
    if (d->timer_id) /* one pending timer is all the core ever needs */
        g_source_remove(d->timer_id);
    d->timer_id = g_timeout_add_full(G_PRIORITY_DEFAULT_IDLE, ms, timer_cb, t,
                                     g_free);
}

int sash__gtk_oneway;

const sash__platform sash__gtk_platform = {
    .name = "gtk",
    .app_origin = SASH_GTK_SCHEME "://app",
    .raw_path = SASH_GTK_IPC_PATH,
    .raw_url = SASH_GTK_RAW_SCHEME "://app/",
    .csp_ipc_sources = SASH_GTK_SCHEME ": " SASH_GTK_RAW_SCHEME ":",
    .transport_js =
        "(t)=>window.webkit.messageHandlers." SASH_GTK_HANDLER ".postMessage(t)",
    .init = gtk_backend_init,
    .terminate = gtk_backend_terminate,
    .run = gtk_backend_run,
    .quit = gtk_backend_quit,
    .wake = gtk_backend_wake,
    .window_create = sash__gtk_window_create,
    .window_show = sash__gtk_window_show,
    .window_destroy = sash__gtk_window_destroy,
    .window_set_title = sash__gtk_window_set_title,
    .window_eval = sash__gtk_window_eval,
    .window_deliver = sash__gtk_window_deliver,
    .reply = sash__gtk_ipc_reply,
    .reply_bytes = sash__gtk_ipc_reply_bytes,
    .reply_drop = sash__gtk_ipc_reply_drop,
    .timer = gtk_backend_timer,
    .open_external = sash__gtk_open_external,
    /* Window state (gtk_window_state.c) */
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
    /* menus and tray (gtk_menu.c, gtk_tray.c) */
    .menu_bar_set = sash__gtk_menu_bar_set,
    .menu_popup = sash__gtk_menu_popup,
    .menu_changed = sash__gtk_menu_changed,
    .menu_destroyed = sash__gtk_menu_destroyed,
    .tray_create = sash__gtk_tray_create,
    .tray_update = sash__gtk_tray_update,
    .tray_destroy = sash__gtk_tray_destroy,
    /* Desktop surface: dialogs, clipboard, notifications, opener */
    .dialog = sash__gtk_dialog,
    .clipboard_write = sash__gtk_clipboard_write,
    .clipboard_read = sash__gtk_clipboard_read,
    .notify = sash__gtk_notify,
    .open = sash__gtk_open,
    /* Deliveries without a user gesture: answers to the bridge's pull. */
    .pull_deliveries = 1,
};

/* The public constructor lives with the backend that a build links, so the
 * core never names a platform. */
sash_app *sash_app_new_v(const sash_app_options *options, size_t size)
{
    /* SASH_GTK_ONEWAY=1: the same backend with WebKit's message handler
     * used one-way, as WebView2's postMessage is (replies travel by id
     * among the deliveries), so the core's one-way transport runs, and
     * passes the contract suite, on a real engine here. */
    static sash__platform oneway;
    const char *env = getenv("SASH_GTK_ONEWAY");
    sash__gtk_oneway = env && strcmp(env, "1") == 0;
    if (!sash__gtk_oneway)
        return sash__app_new_with(options, size, &sash__gtk_platform);
    oneway = sash__gtk_platform;
    oneway.transport_js = "oneWay((t)=>window.webkit.messageHandlers."
                          SASH_GTK_HANDLER ".postMessage(t))";
    oneway.oneway = 1;
    oneway.pull_deliveries = 0; /* a one-way post has no answer to pull */
    return sash__app_new_with(options, size, &oneway);
}
