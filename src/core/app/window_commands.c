/*
 * window_commands.c - the built-in window:* commands a page calls through
 * @sash/api/window, and their permission sets (docs/windows.md).
 *
 * Registered by sash_window_enable(app), so an app that does not use them
 * (a hello world) does not link them (12 KB); denied until a capability
 * grants them: window:default for
 * the read-only ones, window:allow-<verb> for each that changes something,
 * and window:allow-other-windows to aim any of them at a window other than
 * the caller's own.  All run on the UI thread.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calls/call.h"
#include "security/security.h"

#define OTHER_WINDOWS "window:allow-other-windows"
#define MAX_SIZE 100000
#define MAX_POS 1000000

/* -- Arguments -------------------------------------------------------------- */

static const char *type_of(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER: case JSON_REAL: return "a number";
    case JSON_TRUE: case JSON_FALSE: return "a boolean";
    default: return "null";
    }
}

/* Integer `key` of args within lo..hi (required, or default *out when
 * absent and !required).  0, or rejects the call with bad_args and
 * returns -1. */
static int arg_int(sash_call *call, const json_t *args, const char *key,
                   long lo, long hi, int required, int *out)
{
    const json_t *v = json_object_get(args, key);
    if (!v || json_is_null(v)) {
        if (!required)
            return 0;
        sash_reject(call, SASH_CODE_BAD_ARGS, "%s: '%s' is required (a "
                    "number)", sash_call_command(call), key);
        return -1;
    }
    if (!json_is_number(v)) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "%s: '%s' must be a number, "
                    "got %s", sash_call_command(call), key, type_of(v));
        return -1;
    }
    double d = json_number_value(v);
    if (!isfinite(d) || d < (double)lo || d > (double)hi) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "%s: '%s' = %g is out of range "
                    "(%ld..%ld)", sash_call_command(call), key, d, lo, hi);
        return -1;
    }
    *out = (int)(d < 0 ? d - 0.5 : d + 0.5);
    return 0;
}

static int arg_bool(sash_call *call, const json_t *args, const char *key,
                    int required, int *out)
{
    const json_t *v = json_object_get(args, key);
    if (!v && !required)
        return 0;
    if (!v || !json_is_boolean(v)) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "%s: '%s' must be a boolean%s%s",
                    sash_call_command(call), key, v ? ", got " : "",
                    v ? type_of(v) : " (required)");
        return -1;
    }
    *out = json_is_true(v);
    return 0;
}

static int arg_string(sash_call *call, const json_t *args, const char *key,
                      const char **out)
{
    const json_t *v = json_object_get(args, key);
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_string(v)) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "%s: '%s' must be a string, "
                    "got %s", sash_call_command(call), key, type_of(v));
        return -1;
    }
    *out = json_string_value(v);
    return 0;
}

/* The window a call aims at: args.label, or the caller's own.  NULL after
 * rejecting the call (bad_args, forbidden, not_found). */
static sash_window *target(sash_call *call, const json_t *args)
{
    if (args && !json_is_object(args) && !json_is_null(args)) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "%s: args must be an object, "
                    "got %s", sash_call_command(call), type_of(args));
        return NULL;
    }
    const char *own = sash_call_window_label(call);
    const char *label = own;
    if (arg_string(call, args, "label", &label) != 0)
        return NULL;
    if (strcmp(label, own) != 0 &&
        !sash_call_has_permission(call, OTHER_WINDOWS)) {
        sash_reject(call, SASH_CODE_FORBIDDEN, "%s on window '%.100s' from "
                    "window '%.100s': missing permission '" OTHER_WINDOWS "'",
                    sash_call_command(call), label, own);
        return NULL;
    }
    sash_window *w = sash_app_get_window(sash_call_app(call), label);
    if (!w || w->closed) {
        sash_reject(call, SASH_CODE_NOT_FOUND, "%s: no window labelled "
                    "'%.100s'", sash_call_command(call), label);
        return NULL;
    }
    return w;
}

static void done(sash_call *call, int rc)
{
    if (rc == 0) {
        sash_resolve(call, NULL);
        return;
    }
    const char *msg = NULL;
    sash_last_error(&msg);
    sash_reject(call, rc == SASH_ENOENT ? SASH_CODE_NOT_FOUND
                      : rc == SASH_EPLATFORM ? SASH_CODE_UNSUPPORTED
                      : rc == SASH_EINVAL ? SASH_CODE_BAD_ARGS
                                          : SASH_CODE_INTERNAL,
                "%s: %s", sash_call_command(call),
                msg && *msg ? msg : sash_strerror(rc));
}

/* -- Read-only (window:default) -------------------------------------------- */

static json_t *state_json(sash_window *w)
{
    int x, y, wd, ht;
    sash_window_get_position(w, &x, &y);
    sash_window_get_size(w, &wd, &ht);
    json_t *o = json_pack(
        "{s:s,s:s,s:i,s:i,s:i,s:i,s:i,s:i,s:i,s:i,s:f}",
        "label", w->label, "title", sash_window_get_title(w), "x", x, "y", y,
        "width", wd, "height", ht, "minWidth", w->min_w, "minHeight", w->min_h,
        "maxWidth", w->max_w, "maxHeight", w->max_h,
        "scale", sash_window_scale_factor(w));
    static const struct { const char *key; int attrib; } attrs[] = {
        {"resizable", SASH_WINDOW_RESIZABLE},
        {"decorated", SASH_WINDOW_DECORATED},
        {"alwaysOnTop", SASH_WINDOW_ALWAYS_ON_TOP},
        {"fullscreen", SASH_WINDOW_FULLSCREEN},
        {"maximized", SASH_WINDOW_MAXIMIZED},
        {"minimized", SASH_WINDOW_MINIMIZED},
        {"visible", SASH_WINDOW_VISIBLE},
        {"focused", SASH_WINDOW_FOCUSED},
        {"skipTaskbar", SASH_WINDOW_SKIP_TASKBAR}};
    for (size_t i = 0; o && i < sizeof attrs / sizeof *attrs; i++)
        json_object_set_new(o, attrs[i].key,
                            json_boolean(sash_window_get_attrib(w, attrs[i].attrib) == 1));
    return o;
}

static void cmd_state(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    sash_window *w = target(call, args);
    if (w)
        sash_resolve(call, state_json(w));
}

static void cmd_list(sash_call *call, const json_t *args, void *ud)
{
    (void)args;
    (void)ud;
    json_t *a = json_array();
    for (sash_window *w = sash_call_app(call)->windows; w; w = w->next)
        if (!w->closed)
            json_array_append_new(a, json_string(w->label));
    sash_resolve(call, a);
}

static json_t *monitor_json(const sash_monitor *m)
{
    return json_pack("{s:s,s:i,s:i,s:i,s:i,s:{s:i,s:i,s:i,s:i},s:f,s:b}",
                     "name", m->name, "x", m->x, "y", m->y, "width", m->width,
                     "height", m->height, "workArea", "x", m->work_x, "y",
                     m->work_y, "width", m->work_width, "height",
                     m->work_height, "scale", m->scale, "primary", m->primary);
}

static void cmd_monitors(sash_call *call, const json_t *args, void *ud)
{
    (void)args;
    (void)ud;
    sash_monitor list[16];
    int n = sash_app_monitors(sash_call_app(call), list, 16);
    json_t *a = json_array();
    for (int i = 0; i < n && i < 16; i++)
        json_array_append_new(a, monitor_json(&list[i]));
    sash_resolve(call, a);
}

static void cmd_current_monitor(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    sash_window *w = target(call, args);
    if (!w)
        return;
    sash_monitor m;
    if (sash_window_current_monitor(w, &m) != 0)
        sash_resolve(call, json_null());
    else
        sash_resolve(call, monitor_json(&m));
}

static void cmd_theme(sash_call *call, const json_t *args, void *ud)
{
    (void)args;
    (void)ud;
    sash_resolve(call, json_string(sash_app_theme(sash_call_app(call)) ==
                                   SASH_THEME_DARK ? "dark" : "light"));
}

/* The page says it listens for close requests (onCloseRequested).  Its
 * own window only: a page must not delay another window's close. */
static void cmd_watch_close(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    sash_window *w = call->window;
    int on = 1;
    if (w->closed) {
        sash_reject(call, SASH_CODE_NOT_FOUND, "window:watch_close: the "
                    "window is closing");
        return;
    }
    if (arg_bool(call, args, "on", 0, &on) != 0)
        return;
    w->close_watch = on;
    sash_resolve(call, NULL);
}

static void cmd_close_answer(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    sash_window *w = call->window; /* its own window only, as watch_close */
    int id = 0, close = 1;
    if (w->closed) {
        sash_reject(call, SASH_CODE_NOT_FOUND, "window:close_answer: the "
                    "window is closing");
        return;
    }
    if (arg_int(call, args, "id", 1, 2147483647L, 1, &id) != 0 ||
        arg_bool(call, args, "close", 1, &close) != 0)
        return;
    int rc = sash__window_close_answer(w, id, close);
    if (rc != 0) {
        sash_reject(call, SASH_CODE_NOT_FOUND, "%s: no close request %d is "
                    "pending (answered already or timed out)",
                    sash_call_command(call), id);
        return;
    }
    sash_resolve(call, NULL);
}

/* -- Setters --------------------------------------------------------------- */

static void cmd_set_size(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    int wd, ht;
    sash_window *w = target(call, args);
    if (!w || arg_int(call, args, "width", 1, MAX_SIZE, 1, &wd) != 0 ||
        arg_int(call, args, "height", 1, MAX_SIZE, 1, &ht) != 0)
        return;
    done(call, sash_window_set_size(w, wd, ht));
}

static void cmd_set_position(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    int x, y;
    sash_window *w = target(call, args);
    if (!w || arg_int(call, args, "x", -MAX_POS, MAX_POS, 1, &x) != 0 ||
        arg_int(call, args, "y", -MAX_POS, MAX_POS, 1, &y) != 0)
        return;
    done(call, sash_window_set_position(w, x, y));
}

/* set_min_size / set_max_size: {width, height}, or null/{} to clear. */
static void set_limit(sash_call *call, const json_t *args, int max)
{
    sash_window *w = target(call, args);
    int wd = 0, ht = 0;
    if (!w || arg_int(call, args, "width", 0, MAX_SIZE, 0, &wd) != 0 ||
        arg_int(call, args, "height", 0, MAX_SIZE, 0, &ht) != 0)
        return;
    int min_w = max ? w->min_w : wd, min_h = max ? w->min_h : ht;
    int max_w = max ? wd : w->max_w, max_h = max ? ht : w->max_h;
    if ((max_w && min_w > max_w) || (max_h && min_h > max_h)) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "%s: the minimum size (%d x %d) "
                    "would be over the maximum (%d x %d)",
                    sash_call_command(call), min_w, min_h, max_w, max_h);
        return;
    }
    done(call, sash_window_set_size_limits(w, min_w, min_h, max_w, max_h));
}

static void cmd_set_min_size(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    set_limit(call, args, 0);
}

static void cmd_set_max_size(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    set_limit(call, args, 1);
}

/* A boolean attribute: {value: bool}. */
static void set_attrib(sash_call *call, const json_t *args, int attrib)
{
    int v;
    sash_window *w = target(call, args);
    if (!w || arg_bool(call, args, "value", 1, &v) != 0)
        return;
    done(call, sash_window_set_attrib(w, attrib, v));
}

/* An action: a fixed attribute value. */
static void act(sash_call *call, const json_t *args, int attrib, int value)
{
    sash_window *w = target(call, args);
    if (w)
        done(call, sash_window_set_attrib(w, attrib, value));
}

#define ATTRIB_CMD(fname, attrib)                                            \
    static void fname(sash_call *call, const json_t *args, void *ud)         \
    {                                                                        \
        (void)ud;                                                            \
        set_attrib(call, args, attrib);                                      \
    }
#define ACT_CMD(fname, attrib, value)                                        \
    static void fname(sash_call *call, const json_t *args, void *ud)         \
    {                                                                        \
        (void)ud;                                                            \
        act(call, args, attrib, value);                                      \
    }
ATTRIB_CMD(cmd_set_resizable, SASH_WINDOW_RESIZABLE)
ATTRIB_CMD(cmd_set_decorations, SASH_WINDOW_DECORATED)
ATTRIB_CMD(cmd_set_always_on_top, SASH_WINDOW_ALWAYS_ON_TOP)
ATTRIB_CMD(cmd_set_fullscreen, SASH_WINDOW_FULLSCREEN)
ATTRIB_CMD(cmd_set_skip_taskbar, SASH_WINDOW_SKIP_TASKBAR)
ACT_CMD(cmd_maximize, SASH_WINDOW_MAXIMIZED, 1)
ACT_CMD(cmd_unmaximize, SASH_WINDOW_MAXIMIZED, 0)
ACT_CMD(cmd_minimize, SASH_WINDOW_MINIMIZED, 1)
ACT_CMD(cmd_unminimize, SASH_WINDOW_MINIMIZED, 0)
ACT_CMD(cmd_show, SASH_WINDOW_VISIBLE, 1)
ACT_CMD(cmd_hide, SASH_WINDOW_VISIBLE, 0)
ACT_CMD(cmd_set_focus, SASH_WINDOW_FOCUSED, 1)

static void cmd_center(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    sash_window *w = target(call, args);
    if (w)
        done(call, sash_window_center(w));
}

static void cmd_set_title(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    const char *title = NULL;
    sash_window *w = target(call, args);
    if (!w || arg_string(call, args, "title", &title) != 0)
        return;
    if (!title) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "%s: 'title' is required (a "
                    "string)", sash_call_command(call));
        return;
    }
    done(call, sash_window_set_title(w, title));
}

/* window:close asks (the app's hook and the page may veto); window:destroy
 * closes at once.  The reply is sent before the window goes. */
static void cmd_close(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    sash_window *w = target(call, args);
    if (!w)
        return;
    sash_resolve(call, NULL);
    sash__window_close_requested(w);
}

static void cmd_destroy(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    sash_window *w = target(call, args);
    if (!w)
        return;
    sash_resolve(call, NULL);
    sash_window_close(w);
}

/* window:emit_to {label, event, payload}: an event to the page(s) of
 * another window (JS emitTo()).  Names starting "sash:" are the
 * framework's own and refused, so a page cannot forge window events. */
static void cmd_emit_to(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    const char *label = NULL, *event = NULL;
    if (!json_is_object(args)) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "window:emit_to: args must be "
                    "an object {label, event, payload}");
        return;
    }
    if (arg_string(call, args, "label", &label) ||
        arg_string(call, args, "event", &event))
        return;
    if (!label || !event || !*event || strncmp(event, "sash:", 5) == 0) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "window:emit_to: 'label' and "
                    "'event' are required; event names starting \"sash:\" "
                    "are reserved");
        return;
    }
    sash_window *w = sash_app_get_window(sash_call_app(call), label);
    if (!w || w->closed) {
        sash_reject(call, SASH_CODE_NOT_FOUND, "window:emit_to: no window "
                    "labelled '%.100s'", label);
        return;
    }
    json_t *payload = json_object_get(args, "payload");
    int rc = sash_emit_to(sash_call_app(call), label, event,
                          json_incref(payload ? payload : json_null()));
    done(call, rc);
}

/* -- Create ------------------------------------------------------------------ */

/* Fills `o` from the page's options; 0, or rejects and returns -1.  The
 * strings point into args. */
static int create_options(sash_call *call, const json_t *args,
                          sash_window_options *o)
{
    static const char *const keys[] = {
        "label", "title", "url", "width", "height", "x", "y", "minWidth",
        "minHeight", "maxWidth", "maxHeight", "resizable", "decorations",
        "alwaysOnTop", "fullscreen", "maximized", "minimized", "visible",
        "focus", "skipTaskbar", "center", "parent", "modal",
        "dragDrop", /* docs/drag-drop.md */
        NULL};
    const char *key;
    json_t *v;
    if (!json_is_object(args)) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "window:create: args must be an "
                    "object with a 'label'");
        return -1;
    }
    json_object_foreach((json_t *)args, key, v) {
        size_t i = 0;
        while (keys[i] && strcmp(keys[i], key) != 0)
            i++;
        if (!keys[i]) {
            sash_reject(call, SASH_CODE_BAD_ARGS, "window:create: unknown "
                        "option '%.100s'", key);
            return -1;
        }
    }
    int resizable = 1, decorations = 1, visible = 1, focus = 1, center = 1;
    int drag_drop = 1; /* docs/drag-drop.md */
    const char *url = NULL;
    if (arg_string(call, args, "label", &o->label) ||
        arg_string(call, args, "title", &o->title) ||
        arg_string(call, args, "url", &url) ||
        arg_string(call, args, "parent", &o->parent) ||
        arg_int(call, args, "width", 1, MAX_SIZE, 0, &o->width) ||
        arg_int(call, args, "height", 1, MAX_SIZE, 0, &o->height) ||
        arg_int(call, args, "minWidth", 0, MAX_SIZE, 0, &o->min_width) ||
        arg_int(call, args, "minHeight", 0, MAX_SIZE, 0, &o->min_height) ||
        arg_int(call, args, "maxWidth", 0, MAX_SIZE, 0, &o->max_width) ||
        arg_int(call, args, "maxHeight", 0, MAX_SIZE, 0, &o->max_height) ||
        arg_int(call, args, "x", -MAX_POS, MAX_POS, 0, &o->x) ||
        arg_int(call, args, "y", -MAX_POS, MAX_POS, 0, &o->y) ||
        arg_bool(call, args, "resizable", 0, &resizable) ||
        arg_bool(call, args, "decorations", 0, &decorations) ||
        arg_bool(call, args, "alwaysOnTop", 0, &o->always_on_top) ||
        arg_bool(call, args, "fullscreen", 0, &o->fullscreen) ||
        arg_bool(call, args, "maximized", 0, &o->maximized) ||
        arg_bool(call, args, "minimized", 0, &o->minimized) ||
        arg_bool(call, args, "visible", 0, &visible) ||
        arg_bool(call, args, "focus", 0, &focus) ||
        arg_bool(call, args, "skipTaskbar", 0, &o->skip_taskbar) ||
        arg_bool(call, args, "center", 0, &center) ||
        arg_bool(call, args, "modal", 0, &o->modal) ||
        arg_bool(call, args, "dragDrop", 0, &drag_drop))
        return -1;
    if (!o->label || !*o->label || strlen(o->label) > 100 ||
        strpbrk(o->label, "*?[\\")) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "window:create: 'label' must be "
                    "a non-empty string of at most 100 characters without "
                    "glob characters");
        return -1;
    }
    const json_t *jx = json_object_get(args, "x"), *jy = json_object_get(args, "y");
    int has_x = jx && !json_is_null(jx);
    if (has_x != (jy && !json_is_null(jy))) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "window:create: give both 'x' "
                    "and 'y', or neither");
        return -1;
    }
    if ((o->max_width && o->min_width > o->max_width) ||
        (o->max_height && o->min_height > o->max_height)) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "window:create: minWidth/"
                    "minHeight over maxWidth/maxHeight");
        return -1;
    }
    if (url && url[0] == '/')
        o->path = url;
    else
        o->url = url;
    o->has_position = has_x;
    o->fixed_size = !resizable;
    o->no_decorations = !decorations;
    o->hidden = !visible;
    o->no_focus = !focus;
    o->no_center = !center;
    o->no_drag_drop = !drag_drop;
    return 0;
}

static void cmd_create(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    sash_window_options o = {0};
    if (create_options(call, args, &o) != 0)
        return;
    sash_app *app = sash_call_app(call);
    if (sash_app_get_window(app, o.label)) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "window:create: a window "
                    "labelled '%.100s' already exists", o.label);
        return;
    }
    sash_window *w = sash_window_new(app, &o);
    if (!w) {
        const char *msg = NULL;
        int rc = sash_last_error(&msg);
        sash_reject(call, rc == SASH_ENOENT ? SASH_CODE_NOT_FOUND
                          : rc == SASH_EINVAL ? SASH_CODE_BAD_ARGS
                                              : SASH_CODE_INTERNAL,
                    "window:create: %s", msg ? msg : sash_strerror(rc));
        return;
    }
    sash_resolve(call, json_pack("{s:s}", "label", w->label));
}

/* -- Registration ------------------------------------------------------------ */

static const struct {
    const char *name;
    sash_command_fn fn;
} commands[] = {
    /* window:default */
    {"window:state", cmd_state},
    {"window:list", cmd_list},
    {"window:monitors", cmd_monitors},
    {"window:current_monitor", cmd_current_monitor},
    {"window:theme", cmd_theme},
    {"window:watch_close", cmd_watch_close},
    {"window:close_answer", cmd_close_answer},
    /* one window:allow-<verb> each */
    {"window:create", cmd_create},
    {"window:close", cmd_close},
    {"window:destroy", cmd_destroy},
    {"window:set_size", cmd_set_size},
    {"window:set_position", cmd_set_position},
    {"window:set_min_size", cmd_set_min_size},
    {"window:set_max_size", cmd_set_max_size},
    {"window:set_resizable", cmd_set_resizable},
    {"window:set_decorations", cmd_set_decorations},
    {"window:set_always_on_top", cmd_set_always_on_top},
    {"window:set_fullscreen", cmd_set_fullscreen},
    {"window:set_skip_taskbar", cmd_set_skip_taskbar},
    {"window:maximize", cmd_maximize},
    {"window:unmaximize", cmd_unmaximize},
    {"window:minimize", cmd_minimize},
    {"window:unminimize", cmd_unminimize},
    {"window:show", cmd_show},
    {"window:hide", cmd_hide},
    {"window:set_focus", cmd_set_focus},
    {"window:center", cmd_center},
    {"window:set_title", cmd_set_title},
    {"window:emit_to", cmd_emit_to},
};
#define NDEFAULT 7

int sash_window_enable(sash_app *app)
{
    if (!app)
        return SASH_EINVAL;
    if (sash__registry_has(&app->registry, commands[0].name))
        return 0; /* enabled already */
    size_t n = sizeof commands / sizeof *commands;
    const char *defaults[NDEFAULT + 1];
    for (size_t i = 0; i < n; i++) {
        int rc = sash_command(app, commands[i].name, commands[i].fn, NULL,
                              SASH_COMMAND_UI_THREAD);
        if (rc != 0)
            return rc;
        if (i < NDEFAULT) {
            defaults[i] = commands[i].name;
            continue;
        }
        /* "window:set_size" -> "window:allow-set-size" */
        char perm[64];
        snprintf(perm, sizeof perm, "window:allow-%s",
                 commands[i].name + strlen("window:"));
        for (char *p = perm; *p; p++)
            if (*p == '_')
                *p = '-';
        const char *one[] = {commands[i].name, NULL};
        if ((rc = sash_permission_define(app, perm, one)) != 0)
            return rc;
    }
    defaults[NDEFAULT] = NULL;
    const char *none[] = {NULL}; /* checked by name in target() */
    int rc = sash_permission_define(app, OTHER_WINDOWS, none);
    return rc ? rc : sash_permission_define(app, "window:default", defaults);
}
