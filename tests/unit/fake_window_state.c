/*
 * fake_window_state.c - the fake backend's window state (see the "Window
 * state" entries of platform.h): a window manager that complies at once,
 * two monitors, a theme the test sets, and per-window timers fired by the
 * fake's pump.
 */
#include <string.h>

#include "fake_platform.h"

typedef struct fake_win {
    sash_window *w;
    int x, y, width, height;
    int attrib[SASH_WINDOW_SKIP_TASKBAR + 1];
    int min_w, min_h, max_w, max_h;
    void (*timer_fn)(sash_window *);
    uint64_t timer_due;
} fake_win;

static fake_win wins[64];
static int theme;

static fake_win *find(sash_window *w)
{
    for (int i = 0; i < 64; i++)
        if (wins[i].w == w)
            return &wins[i];
    return NULL;
}

/* What a window manager reports after a change; a window whose x is on
 * the second monitor (x >= 1920, scale 2) reports its new scale too. */
static void report(fake_win *f)
{
    sash__window_geometry_changed(f->w, f->x, f->y, f->width, f->height);
    sash__window_scale_changed(f->w, f->x >= 1920 ? 2.0 : 1.0);
}

void fake_ws_apply_options(sash_window *w, const sash_window_options *o,
                            sash_window *parent)
{
    (void)parent;
    fake_win *f = find(NULL);
    if (!f)
        return;
    memset(f, 0, sizeof *f);
    f->w = w;
    f->width = o->width;
    f->height = o->height;
    f->x = o->has_position ? o->x : (1920 - o->width) / 2;
    f->y = o->has_position ? o->y : (1080 - o->height) / 2;
    f->min_w = o->min_width;
    f->min_h = o->min_height;
    f->max_w = o->max_width;
    f->max_h = o->max_height;
    f->attrib[SASH_WINDOW_RESIZABLE] = !o->fixed_size;
    f->attrib[SASH_WINDOW_DECORATED] = !o->no_decorations;
    f->attrib[SASH_WINDOW_ALWAYS_ON_TOP] = o->always_on_top;
    f->attrib[SASH_WINDOW_FULLSCREEN] = o->fullscreen;
    f->attrib[SASH_WINDOW_MAXIMIZED] = o->maximized;
    f->attrib[SASH_WINDOW_MINIMIZED] = o->minimized;
    f->attrib[SASH_WINDOW_VISIBLE] = !o->hidden;
    f->attrib[SASH_WINDOW_SKIP_TASKBAR] = o->skip_taskbar;
    report(f);
}

void fake_ws_set_size(sash_window *w, int width, int height)
{
    fake_win *f = find(w);
    f->width = width;
    f->height = height;
    report(f);
}

/* fake_no_placement(1): a backend that cannot place windows (GTK4 on
 * Wayland) records "unsupported" in set_position, center and the
 * window-manager attributes, and does nothing. */
static int no_placement;

void fake_no_placement(int on)
{
    no_placement = on;
}

void fake_ws_set_position(sash_window *w, int x, int y)
{
    if (no_placement) {
        sash__unsupported(sash__window_app(w), "window positions on this display");
        return;
    }
    fake_win *f = find(w);
    f->x = x;
    f->y = y;
    report(f);
}

void fake_ws_set_size_limits(sash_window *w, int min_w, int min_h, int max_w,
                              int max_h)
{
    fake_win *f = find(w);
    f->min_w = min_w;
    f->min_h = min_h;
    f->max_w = max_w;
    f->max_h = max_h;
}

void fake_ws_set_attrib(sash_window *w, int attrib, int value)
{
    fake_win *f = find(w);
    if (attrib == SASH_WINDOW_FOCUSED) { /* the others lose it */
        for (int i = 0; i < 64; i++)
            if (wins[i].w && wins[i].w != w &&
                wins[i].attrib[SASH_WINDOW_FOCUSED]) {
                wins[i].attrib[SASH_WINDOW_FOCUSED] = 0;
                sash__window_focus_changed(wins[i].w, 0);
            }
        f->attrib[attrib] = 1;
        sash__window_focus_changed(w, 1);
        return;
    }
    f->attrib[attrib] = value;
}

int fake_ws_get_attrib(sash_window *w, int attrib)
{
    return find(w)->attrib[attrib];
}

void fake_ws_get_geometry(sash_window *w, int *x, int *y, int *width,
                           int *height)
{
    fake_win *f = find(w);
    *x = f->x;
    *y = f->y;
    *width = f->width;
    *height = f->height;
}

void fake_ws_center(sash_window *w)
{
    fake_win *f = find(w);
    f->x = (1920 - f->width) / 2;
    f->y = (1080 - f->height) / 2;
    report(f);
}

double fake_ws_scale(sash_window *w)
{
    return find(w)->x >= 1920 ? 2.0 : 1.0;
}

int fake_ws_window_monitor(sash_window *w)
{
    return find(w)->x >= 1920 ? 1 : 0;
}

int fake_ws_monitors(sash_app *app, sash_monitor *out, int max)
{
    (void)app;
    static const sash_monitor m[2] = {
        {"FAKE-1", 0, 0, 1920, 1080, 0, 32, 1920, 1048, 1.0, 1},
        {"FAKE-2", 1920, 0, 2560, 1440, 1920, 0, 2560, 1440, 2.0, 0}};
    for (int i = 0; i < 2 && i < max; i++)
        out[i] = m[i];
    return 2;
}

int fake_ws_theme(sash_app *app)
{
    (void)app;
    return theme;
}

void fake_ws_window_timer(sash_window *w, unsigned ms, void (*fn)(sash_window *))
{
    fake_win *f = find(w);
    f->timer_fn = fn;
    f->timer_due = sash__now_ns() + (uint64_t)ms * 1000000u;
}

void fake_window_timers_fire(void)
{
    for (int i = 0; i < 64; i++) {
        fake_win *f = &wins[i];
        if (f->w && f->timer_fn && sash__now_ns() >= f->timer_due) {
            void (*fn)(sash_window *) = f->timer_fn;
            f->timer_fn = NULL;
            fn(f->w);
        }
    }
}

void fake_window_forget(sash_window *w)
{
    fake_win *f = find(w);
    if (f)
        memset(f, 0, sizeof *f);
}

void fake_set_theme(sash_app *app, int t)
{
    theme = t;
    sash__app_theme_changed(app, t);
}
