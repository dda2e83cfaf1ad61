/*
 * ptest_window_state.c - ptest's window-state page commands: move/resize
 * the window (as the user would), read its geometry.  Built only with the
 * window API (see CMakeLists.txt).
 */
#include <sash_plugins.h>

static void win_set(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    sash_window *w = sash_app_get_window(sash_call_app(call),
                                         json_string_value(json_object_get(args, "label")));
    json_int_t x = 0, y = 0, wd = 0, h = 0;
    if (!w || json_unpack((json_t *)args, "{s:I,s:I,s:I,s:I}", "x", &x, "y", &y,
                          "width", &wd, "height", &h) != 0) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "win_set {label, x, y, width, height}");
        return;
    }
    int rc = sash_window_set_size(w, (int)wd, (int)h);
    if (rc == 0)
        rc = sash_window_set_position(w, (int)x, (int)y);
    if (rc)
        sash_reject(call, "window", "%s", sash_strerror(rc));
    else
        sash_resolve(call, NULL);
}

static void win_get(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    sash_window *w = sash_app_get_window(sash_call_app(call),
                                         json_string_value(json_object_get(args, "label")));
    int x = 0, y = 0, wd = 0, h = 0;
    if (!w || sash_window_get_position(w, &x, &y) != 0 || sash_window_get_size(w, &wd, &h) != 0) {
        sash_reject(call, SASH_CODE_NOT_FOUND, "no such window");
        return;
    }
    sash_resolve(call, json_pack("{s:i,s:i,s:i,s:i}", "x", x, "y", y, "width", wd, "height", h));
}

int ptest_window_state(sash_app *app, int second_run);
int ptest_window_state(sash_app *app, int second_run)
{
    int rc = sash_plugin_window_state(app, NULL);
    if (rc == 0)
        rc = sash_command(app, "ptest:win_set", win_set, NULL, SASH_COMMAND_UI_THREAD);
    if (rc == 0)
        rc = sash_command(app, "ptest:win_get", win_get, NULL, SASH_COMMAND_UI_THREAD);
    if (rc == 0 && second_run) {
        /* A second window whose saved place is on no monitor. */
        sash_window_options far = {.label = "far", .title = "far", .path = "/blank.html"};
        if (!sash_window_new(app, &far))
            return SASH_EPLATFORM;
        if (sash_window_state_restore(app, "far") != 1)
            return SASH_EINVAL;
    }
    return rc;
}
