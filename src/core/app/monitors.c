/*
 * monitors.c - sash_app_monitors() and sash_window_current_monitor(), in a
 * file of their own: they reference the backend's monitors anchor
 * (platform.h), so only an app that asks for monitors links the backend's
 * monitor code (window_state.c is in every app).
 */
#include <string.h>

#include "window_checks.h"

/* Pulls the backend's monitor code in (platform.h, anchors). */
static void monitors_anchor(void)
{
    static const char *volatile sink;
    sink = &sash__platform_monitors_anchor;
    (void)sink;
}

int sash_app_monitors(sash_app *app, sash_monitor *out, int max)
{
    monitors_anchor();
    if (!app || max < 0 || (max > 0 && !out))
        return SASH_EINVAL;
    if (!sash__is_ui_thread(app))
        return SASH_ETHREAD;
    if (max > 0)
        memset(out, 0, sizeof *out * (size_t)max);
    NEED(app, monitors, "sash_app_monitors");
    return app->platform->monitors(app, out, max);
}

int sash_window_current_monitor(sash_window *window, sash_monitor *out)
{
    UI_CHECK(window);
    if (!out)
        return SASH_EINVAL;
    monitors_anchor();
    NEED(window->app, window_monitor, "sash_window_current_monitor");
    int i = window->app->platform->window_monitor(window);
    sash_monitor list[16];
    int n = sash_app_monitors(window->app, list, 16);
    if (i < 0 || i >= n || i >= 16)
        return SASH_ENOENT;
    *out = list[i];
    return 0;
}
