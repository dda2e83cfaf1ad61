/*
 * fake_platform.h - an in-memory backend for unit tests: no display, the
 * test thread is the UI thread, replies and scripts are recorded.
 */
#ifndef SASH_FAKE_PLATFORM_H
#define SASH_FAKE_PLATFORM_H

#include <stdint.h>

#include "../../src/core/internal.h"

typedef struct fake_reply {
    int handle;   /* the number the test passed to sash__ipc_receive */
    int dropped;  /* reply_drop() instead of reply() */
    char *text;
} fake_reply;

extern const sash__platform fake_platform;

/* What an absolute path starts with on this OS, as written and in the
 * canonical form scopes use: tests write ROOT "/data/x" and compare with
 * CANON_ROOT "/data/x". */
#ifdef _WIN32
#define TEST_ROOT "C:"
#define TEST_CANON_ROOT "c:"
#else
#define TEST_ROOT ""
#define TEST_CANON_ROOT ""
#endif

/* Creates an app on the fake backend with one window labelled "main". */
sash_app *fake_app_new(const sash_app_options *o, sash_window **main_window);

/* Sends `msg` from window w with reply handle number `handle`. */
void fake_send(sash_window *w, int handle, const char *msg);

/* Runs UI tasks until `count` replies were recorded or 5 s passed.
 * Returns the number recorded. */
int fake_pump_replies(sash_app *app, int count);
/* Waits up to `ms` for a wake, then runs UI tasks, due timers and
 * delivery completions once. */
void fake_pump_once(sash_app *app, int ms);
/* Runs UI tasks until at least `count` eval()s happened or 5 s passed. */
int fake_pump_evals(sash_app *app, int count);

/* Recorded data, reset by fake_reset(). */
fake_reply *fake_reply_get(int index);
fake_reply *fake_reply_for(int handle);
int fake_reply_count(void);
const char *fake_eval_get(int index);
int fake_eval_count(void);
int fake_shown_count(void);
/* Nonzero: windows wait for sash__window_view_ready() (as WebView2's
 * asynchronous controller does) instead of being ready at creation. */
extern int fake_view_ready_later;
/* URLs handed to open_external(). */
const char *fake_opened_get(int index);
int fake_opened_count(void);
void fake_reset(void);

/* Menus and tray: what the core asked the backend to show (UI thread). */
typedef struct fake_menu_state {
    const sash_menu *bar, *popup;
    sash_window *bar_window, *popup_window;
    int popup_x, popup_y;
    int bar_sets, popups, item_changes, rebuilds, destroyed;
    int trays, tray_updates;
    int tray_fail; /* set: tray_create fails */
} fake_menu_state;
extern fake_menu_state fake_menu;
/* Desktop surface: dialogs shown and not yet answered (oldest first), and
 * answering the i-th; targets handed to open() ("reveal:" + path for a
 * reveal). */
int fake_dialog_count(void);
const sash_dialog_options *fake_dialog_options(int i);
int fake_dialog_answer(int i, int cancelled, int confirmed,
                       const char *const *paths, size_t n);
const char *fake_open_get(int i);
void fake_sleep_ms(int ms);

/* Window state (fake_window_state.c): the backend entries, a timer pump,
 * forgetting a destroyed window, and the desktop theme a test sets. */
void fake_ws_apply_options(sash_window *w, const sash_window_options *o,
                           sash_window *parent);
void fake_ws_set_size(sash_window *w, int width, int height);
void fake_ws_set_position(sash_window *w, int x, int y);
void fake_ws_set_size_limits(sash_window *w, int min_w, int min_h, int max_w,
                             int max_h);
void fake_ws_set_attrib(sash_window *w, int attrib, int value);
int fake_ws_get_attrib(sash_window *w, int attrib);
void fake_ws_get_geometry(sash_window *w, int *x, int *y, int *width,
                          int *height);
void fake_ws_center(sash_window *w);
double fake_ws_scale(sash_window *w);
int fake_ws_window_monitor(sash_window *w);
int fake_ws_monitors(sash_app *app, sash_monitor *out, int max);
int fake_ws_theme(sash_app *app);
void fake_ws_window_timer(sash_window *w, unsigned ms,
                          void (*fn)(sash_window *w));
void fake_window_timers_fire(void);
void fake_window_forget(sash_window *w);
void fake_set_theme(sash_app *app, int theme);
/* 1: set_position refuses with sash__unsupported() (GTK4 on Wayland). */
void fake_no_placement(int on);

/* File drag-and-drop: the window_drag_drop entry, and whether `w` takes
 * drops now (windows are taken by default, as the core asks). */
void fake_window_drag_drop(sash_window *w, int enabled);
int fake_drop_enabled(const sash_window *w);

#endif
