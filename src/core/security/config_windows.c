/*
 * config_windows.c - creates the windows that sash.json app.windows
 * declares.
 */
#include "security/security.h"

int sash_app_create_windows(sash_app *app)
{
    if (!app)
        return SASH_EINVAL;
    if (!sash__is_ui_thread(app))
        return SASH_ETHREAD;
    const sash__config *c = &app->security->config;
    int made = 0;
    for (size_t i = 0; i < c->nwindows; i++) {
        const sash__window_conf *wc = &c->windows[i];
        if (!wc->create)
            continue;
        sash_window_options o = {
            .label = wc->label, .title = wc->title, .path = wc->path,
            .width = wc->width, .height = wc->height,
            .min_width = wc->min_width, .min_height = wc->min_height,
            .fixed_size = !wc->resizable, .no_center = !wc->center,
            .has_position = wc->has_position, .x = wc->x, .y = wc->y,
            .max_width = wc->max_width, .max_height = wc->max_height,
            .no_decorations = !wc->decorations,
            .always_on_top = wc->always_on_top, .fullscreen = wc->fullscreen,
            .maximized = wc->maximized, .minimized = wc->minimized,
            .hidden = !wc->visible, .no_focus = !wc->focus,
            .skip_taskbar = wc->skip_taskbar, .parent = wc->parent,
            .modal = wc->modal, .no_drag_drop = !wc->drag_drop};
        if (!sash_window_new(app, &o))
            return SASH_EPLATFORM;
        made++;
    }
    return made;
}
