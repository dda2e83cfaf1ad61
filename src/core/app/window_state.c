/*
 * window_state.c - the core side of window state: size, position, limits,
 * attributes and theme (through the backend table; monitors: monitors.c),
 * the events
 * a backend reports (resized, moved, focused, ...) and the close request
 * the app and the page may veto.
 */
#include <stdlib.h>
#include <string.h>

#include "window_checks.h"

/* How long a page may take to answer a close request before the window
 * closes anyway (a hung page must not make a window unclosable). */
#define CLOSE_ANSWER_MS 3000

/* A request entry that returns nothing may still refuse: the backend
 * records sash__unsupported() (e.g. positions on Wayland, platform.h);
 * the caller gets SASH_EPLATFORM then, not a silent no-op. */
#define REFUSED() (sash__failed() == SASH_EPLATFORM ? SASH_EPLATFORM : 0)

#define MAX_SIZE 100000
#define MAX_POS 1000000

static int size_ok(int v) { return v >= 1 && v <= MAX_SIZE; }
static int limit_ok(int v) { return v >= 0 && v <= MAX_SIZE; }
static int pos_ok(int v) { return v >= -MAX_POS && v <= MAX_POS; }

int sash__window_options_check(sash_app *app, const sash_window_options *o)
{
    if (o->width < 0 || o->width > MAX_SIZE || o->height < 0 ||
        o->height > MAX_SIZE)
        return sash__fail(SASH_EINVAL, "sash_window_new: width and height "
                          "must be 1..%d (0 = default)", MAX_SIZE);
    if (!limit_ok(o->min_width) || !limit_ok(o->min_height) ||
        !limit_ok(o->max_width) || !limit_ok(o->max_height))
        return sash__fail(SASH_EINVAL, "sash_window_new: min/max sizes must "
                          "be 0..%d (0 = no limit)", MAX_SIZE);
    if ((o->max_width && o->min_width > o->max_width) ||
        (o->max_height && o->min_height > o->max_height))
        return sash__fail(SASH_EINVAL, "sash_window_new: a minimum size is "
                          "over its maximum");
    if (o->has_position && (!pos_ok(o->x) || !pos_ok(o->y)))
        return sash__fail(SASH_EINVAL, "sash_window_new: x and y must be "
                          "within +-%d", MAX_POS);
    if (o->parent && !sash_app_get_window(app, o->parent))
        return sash__fail(SASH_ENOENT, "sash_window_new: no parent window "
                          "labelled '%s'", o->parent);
    if (o->modal && !o->parent)
        return sash__fail(SASH_EINVAL, "sash_window_new: modal needs a parent");
    if (o->url && !sash__app_origin_allowed(app, o->url))
        return sash__fail(SASH_EINVAL, "sash_window_new: url '%.200s' is not "
                          "of the app's own origin", o->url);
    return 0;
}

void sash__window_state_app_init(sash_app *app)
{
    app->theme = app->platform->theme ? app->platform->theme(app)
                                      : SASH_THEME_LIGHT;
}

int sash__window_state_init(sash_window *w, const sash_window_options *o)
{
    const sash__platform *p = w->app->platform;
    w->title = sash__strdup(o->title ? o->title : "");
    w->min_w = o->min_width;
    w->min_h = o->min_height;
    w->max_w = o->max_width;
    w->max_h = o->max_height;
    w->start_hidden = o->hidden;
    w->scale = 1.0;
    sash_window *parent = o->parent ? sash_app_get_window(w->app, o->parent)
                                    : NULL;
    if (p->window_apply_options)
        p->window_apply_options(w, o, parent);
    if (p->window_scale)
        w->scale = p->window_scale(w);
    return 0;
}

/* An event to the window's page and to C listeners. */
static void window_event(sash_window *w, const char *name, json_t *payload)
{
    sash__events_from_js(w->app, w->label, name, payload);
    sash_emit_to(w->app, w->label, name, payload);
}

void sash__window_state_closed(sash_window *w)
{
    sash_app *app = w->app;
    if (app->closing) /* sash_app_free(): listeners' data may be gone */
        return;
    json_t *p = json_pack("{s:s}", "label", w->label);
    sash__events_from_js(app, w->label, SASH_EVENT_WINDOW_DESTROYED, p);
    for (sash_window *o = app->windows; o; o = o->next)
        if (o != w && !o->closed)
            sash_emit_to(app, o->label, SASH_EVENT_WINDOW_DESTROYED,
                         json_incref(p));
    json_decref(p);
}

void sash__window_geometry_changed(sash_window *w, int x, int y, int width,
                                   int height)
{
    if (w->closed)
        return;
    int known = w->geometry_known;
    int moved = !known || x != w->x || y != w->y;
    int resized = !known || width != w->width || height != w->height;
    w->x = x;
    w->y = y;
    w->width = width;
    w->height = height;
    w->geometry_known = 1;
    if (!known) /* the first report is where it starts, not a change */
        return;
    if (resized)
        window_event(w, SASH_EVENT_WINDOW_RESIZED,
                     json_pack("{s:i,s:i}", "width", width, "height", height));
    if (moved)
        window_event(w, SASH_EVENT_WINDOW_MOVED,
                     json_pack("{s:i,s:i}", "x", x, "y", y));
}

void sash__window_focus_changed(sash_window *w, int focused)
{
    focused = !!focused;
    if (w->closed || w->focused == focused)
        return;
    w->focused = focused;
    window_event(w, focused ? SASH_EVENT_WINDOW_FOCUSED
                            : SASH_EVENT_WINDOW_BLURRED, json_object());
}

void sash__window_scale_changed(sash_window *w, double scale)
{
    if (w->closed || scale == w->scale || !(scale > 0))
        return;
    w->scale = scale;
    window_event(w, SASH_EVENT_WINDOW_SCALE_CHANGED,
                 json_pack("{s:f}", "scale", scale));
}

void sash__app_theme_changed(sash_app *app, int theme)
{
    if (theme == app->theme)
        return;
    app->theme = theme;
    for (sash_window *w = app->windows; w; w = w->next)
        if (!w->closed)
            window_event(w, SASH_EVENT_WINDOW_THEME_CHANGED,
                         json_pack("{s:s}", "theme",
                                   theme == SASH_THEME_DARK ? "dark" : "light"));
}

/* -- Close requests -------------------------------------------------------- */

static void close_timeout(sash_window *w)
{
    if (w->closed || !w->close_pending)
        return;
    sash__warn("window '%s': the page did not answer the close request "
               "within %d ms; closing", w->label, CLOSE_ANSWER_MS);
    w->close_pending = 0;
    sash__window_finish_close(w);
}

void sash__window_close_requested(sash_window *w)
{
    sash_app *app = w->app;
    if (w->closed)
        return;
    if (app->close_fn && app->close_fn(app, w->label, app->close_ud)) {
        sash__debug(app, "close of window '%s' vetoed by the app", w->label);
        return;
    }
    if (w->closed) /* the hook closed it */
        return;
    if (!w->close_watch || !w->view_ready) {
        sash__window_finish_close(w);
        return;
    }
    if (w->close_pending) /* already asking the page */
        return;
    w->close_pending = ++app->close_serial;
    window_event(w, SASH_EVENT_WINDOW_CLOSE_REQUESTED,
                 json_pack("{s:I}", "id", (json_int_t)w->close_pending));
    if (app->platform->window_timer)
        app->platform->window_timer(w, CLOSE_ANSWER_MS, close_timeout);
}

/* The page answered close request `id`: close (1) or keep (0).  Returns 0,
 * or SASH_ENOENT if no such request is pending (already answered, timed
 * out, or a stale id). */
int sash__window_close_answer(sash_window *w, long id, int close)
{
    if (!w->close_pending || id != w->close_pending)
        return SASH_ENOENT;
    w->close_pending = 0;
    if (close)
        sash__window_finish_close(w);
    else
        sash__debug(w->app, "close of window '%s' vetoed by the page",
                    w->label);
    return 0;
}

int sash_app_on_close_requested(sash_app *app, sash_close_requested_fn fn,
                                void *user_data)
{
    if (!app)
        return SASH_EINVAL;
    if (!sash__is_ui_thread(app))
        return SASH_ETHREAD;
    app->close_fn = fn;
    app->close_ud = user_data;
    return 0;
}

int sash_window_request_close(sash_window *window)
{
    UI_CHECK(window);
    sash__window_close_requested(window);
    return 0;
}

/* -- Getters and setters ------------------------------------------------- */

int sash_window_set_size(sash_window *window, int width, int height)
{
    UI_CHECK(window);
    if (!size_ok(width) || !size_ok(height))
        return sash__fail(SASH_EINVAL, "sash_window_set_size: %d x %d: "
                          "width and height must be 1..%d", width, height,
                          MAX_SIZE);
    if (width < window->min_w || height < window->min_h ||
        (window->max_w && width > window->max_w) ||
        (window->max_h && height > window->max_h))
        return sash__fail(SASH_EINVAL, "sash_window_set_size: %d x %d is "
                          "outside the window's min/max size", width, height);
    NEED(window->app, window_set_size, "sash_window_set_size");
    window->app->platform->window_set_size(window, width, height);
    return 0;
}

int sash_window_get_size(sash_window *window, int *width, int *height)
{
    int x, y, wd = 0, ht = 0;
    if (window && sash__is_ui_thread(window->app) && !window->closed &&
        window->app->platform->window_get_geometry)
        window->app->platform->window_get_geometry(window, &x, &y, &wd, &ht);
    if (width)
        *width = wd;
    if (height)
        *height = ht;
    UI_CHECK(window);
    NEED(window->app, window_get_geometry, "sash_window_get_size");
    return 0;
}

int sash_window_set_position(sash_window *window, int x, int y)
{
    UI_CHECK(window);
    if (!pos_ok(x) || !pos_ok(y))
        return sash__fail(SASH_EINVAL, "sash_window_set_position: %d, %d: "
                          "must be within +-%d", x, y, MAX_POS);
    NEED(window->app, window_set_position, "sash_window_set_position");
    sash__fail_clear();
    window->app->platform->window_set_position(window, x, y);
    return REFUSED();
}

int sash_window_get_position(sash_window *window, int *x, int *y)
{
    int px = 0, py = 0, wd, ht;
    if (window && sash__is_ui_thread(window->app) && !window->closed &&
        window->app->platform->window_get_geometry)
        window->app->platform->window_get_geometry(window, &px, &py, &wd, &ht);
    if (x)
        *x = px;
    if (y)
        *y = py;
    UI_CHECK(window);
    NEED(window->app, window_get_geometry, "sash_window_get_position");
    return 0;
}

int sash_window_set_size_limits(sash_window *window, int min_width,
                                int min_height, int max_width, int max_height)
{
    UI_CHECK(window);
    if (!limit_ok(min_width) || !limit_ok(min_height) ||
        !limit_ok(max_width) || !limit_ok(max_height))
        return sash__fail(SASH_EINVAL, "sash_window_set_size_limits: sizes "
                          "must be 0..%d (0 = no limit)", MAX_SIZE);
    if ((max_width && min_width > max_width) ||
        (max_height && min_height > max_height))
        return sash__fail(SASH_EINVAL, "sash_window_set_size_limits: minimum "
                          "%d x %d is over maximum %d x %d", min_width,
                          min_height, max_width, max_height);
    NEED(window->app, window_set_size_limits, "sash_window_set_size_limits");
    window->min_w = min_width;
    window->min_h = min_height;
    window->max_w = max_width;
    window->max_h = max_height;
    window->app->platform->window_set_size_limits(window, min_width, min_height,
                                                  max_width, max_height);
    return 0;
}

int sash_window_get_size_limits(sash_window *window, int *min_width,
                                int *min_height, int *max_width, int *max_height)
{
    UI_CHECK(window);
    if (min_width)
        *min_width = window->min_w;
    if (min_height)
        *min_height = window->min_h;
    if (max_width)
        *max_width = window->max_w;
    if (max_height)
        *max_height = window->max_h;
    return 0;
}

static int attrib_ok(int attrib)
{
    return attrib >= SASH_WINDOW_RESIZABLE && attrib <= SASH_WINDOW_SKIP_TASKBAR;
}

int sash_window_set_attrib(sash_window *window, int attrib, int value)
{
    UI_CHECK(window);
    if (!attrib_ok(attrib) || (value != 0 && value != 1) ||
        (attrib == SASH_WINDOW_FOCUSED && value != 1))
        return sash__fail(SASH_EINVAL, "sash_window_set_attrib: attribute %d "
                          "value %d not allowed", attrib, value);
    NEED(window->app, window_set_attrib, "sash_window_set_attrib");
    if (attrib == SASH_WINDOW_VISIBLE && value)
        window->start_hidden = 0;
    sash__fail_clear();
    window->app->platform->window_set_attrib(window, attrib, value);
    return REFUSED();
}

int sash_window_get_attrib(sash_window *window, int attrib)
{
    UI_CHECK(window);
    if (!attrib_ok(attrib))
        return sash__fail(SASH_EINVAL, "sash_window_get_attrib: unknown "
                          "attribute %d", attrib);
    NEED(window->app, window_get_attrib, "sash_window_get_attrib");
    return !!window->app->platform->window_get_attrib(window, attrib);
}

int sash_window_show(sash_window *window)
{
    return sash_window_set_attrib(window, SASH_WINDOW_VISIBLE, 1);
}

int sash_window_hide(sash_window *window)
{
    return sash_window_set_attrib(window, SASH_WINDOW_VISIBLE, 0);
}

int sash_window_center(sash_window *window)
{
    UI_CHECK(window);
    NEED(window->app, window_center, "sash_window_center");
    sash__fail_clear();
    window->app->platform->window_center(window);
    return REFUSED();
}

const char *sash_window_get_title(const sash_window *window)
{
    if (!window || !sash__is_ui_thread(window->app))
        return NULL;
    return window->title ? window->title : "";
}

double sash_window_scale_factor(sash_window *window)
{
    if (!window || !sash__is_ui_thread(window->app) || window->closed)
        return 0;
    if (!window->app->platform->window_scale) {
        sash__unsupported(window->app, "sash_window_scale_factor");
        return 0;
    }
    return window->app->platform->window_scale(window);
}

int sash_app_theme(sash_app *app)
{
    if (!app)
        return SASH_EINVAL;
    if (!sash__is_ui_thread(app))
        return SASH_ETHREAD;
    NEED(app, theme, "sash_app_theme");
    return app->platform->theme(app) == SASH_THEME_DARK ? SASH_THEME_DARK
                                                        : SASH_THEME_LIGHT;
}
