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
/* Monitors (gtk_monitors.c), pulled in by their anchor. */
#pragma weak sash__gtk_ws_monitors
#pragma weak sash__gtk_ws_window_monitor

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

const sash__platform sash__gtk_platform = {
    .name = "gtk",
    SASH_GTK_PLATFORM_COMMON,
    .init = gtk_backend_init,
    .run = gtk_backend_run,
    .quit = gtk_backend_quit,
    /* menus and tray (gtk_menu.c, gtk_tray.c) */
    .menu_bar_set = sash__gtk_menu_bar_set,
    .menu_popup = sash__gtk_menu_popup,
    .menu_changed = sash__gtk_menu_changed,
    .menu_destroyed = sash__gtk_menu_destroyed,
    .tray_create = sash__gtk_tray_create,
    .tray_update = sash__gtk_tray_update,
    .tray_destroy = sash__gtk_tray_destroy,
    /* Desktop surface: dialogs, clipboard (notifications, opener: common) */
    .dialog = sash__gtk_dialog,
    .clipboard_write = sash__gtk_clipboard_write,
    .clipboard_read = sash__gtk_clipboard_read,
};

/* The constructor (gtk_app_common.c): this backend's table. */
sash_app *sash_app_new_v(const sash_app_options *options, size_t size)
{
    return sash__gtk_app_new(options, size, &sash__gtk_platform);
}
