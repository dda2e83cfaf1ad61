/*
 * gtk4_app.c - the GTK4 backend's table: display, main loop, wake-ups.
 */
#include <stdlib.h>
#include <string.h>

#include "gtk4_internal.h"

/* Bytes through shared memory and per-frame tokens (../gtk/gtk_shm.c,
 * ../gtk/gtk_frames.c, with the web-process extension built against
 * WebKitGTK 6.0): linked only into apps that move bytes, as on GTK3
 * (gtk_shm.c defines the anchor); until then this is NULL. */
#pragma weak sash__gtk_shm_context

/* Menus and the desktop surface (gtk4_menu.c, gtk4_dialog.c,
 * gtk4_clipboard.c, ../gtk/gtk_notify.c, ../gtk/gtk_open.c) are linked
 * only into apps that use them: those files define the other anchors
 * (platform.h), and until the core's code pulls them in these weak table
 * entries are NULL. */
#include "gtk4_desk.h"
#pragma weak sash__gtk4_menu_bar_set
#pragma weak sash__gtk_window_drag_drop /* gtk4_drop.c: drag-and-drop */
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
/* Monitors (../gtk/gtk_monitors.c), pulled in by their anchor. */
#pragma weak sash__gtk_ws_monitors
#pragma weak sash__gtk_ws_window_monitor

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
    if (sash__gtk_shm_context) /* before any web process starts */
        sash__gtk_shm_context(app, d->context);
    sash__gtk_tune_context(app, d->context);
    sash__gtk_automation_context(app, d->context); /* SASH_AUTOMATION=1 */
    sash__app_set_platform_data(app, d);
    return 0;
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

/* Same schemes, paths and transport as GTK3: pages and the bridge cannot
 * tell the two backends apart. */
static const sash__platform sash__gtk4_platform = {
    .name = "gtk4",
    SASH_GTK_PLATFORM_COMMON,
    .init = gtk4_backend_init,
    .run = gtk4_backend_run,
    .quit = gtk4_backend_quit,
    /* Menus and the desktop surface (gtk4desk): weak, see above. */
    .menu_bar_set = sash__gtk4_menu_bar_set,
    .menu_popup = sash__gtk4_menu_popup,
    .menu_changed = sash__gtk4_menu_changed,
    .menu_destroyed = sash__gtk4_menu_destroyed,
    .dialog = sash__gtk4_dialog,
    .clipboard_write = sash__gtk4_clipboard_write,
    .clipboard_read = sash__gtk4_clipboard_read,
    /* File drag-and-drop (gtk4_drop.c) */
    .window_drag_drop = sash__gtk_window_drag_drop,
    /* Entries added later for GTK3 only stay NULL here: the core reports
     * them as not supported on this backend (docs/porting.md).  Window
     * state (gtk4_window_state.c): positions and always-on-top through
     * X11, unsupported on Wayland (docs/windows.md). */
    /* Tray (sni): weak, see above */
    .tray_create = sash__sni_tray_create,
    .tray_update = sash__sni_tray_update,
    .tray_destroy = sash__sni_tray_destroy,
    /* Deliveries without a user gesture: answers to the bridge's pull. */
    .pull_deliveries = 1,
};

/* The constructor (../gtk/gtk_app_common.c): this backend's table. */
sash_app *sash_app_new_v(const sash_app_options *options, size_t size)
{
    return sash__gtk_app_new(options, size, &sash__gtk4_platform);
}
