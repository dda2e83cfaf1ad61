/*
 * contract_window.c - the "Window state" entries of the backend table
 * (platform.h) held to their contract on every backend: geometry requests
 * come back as the core's resized/moved reports, attributes read back,
 * monitors and theme answer, the per-window timer is single and cancelled
 * by a close, apply_options keeps a hidden window hidden, and a close
 * request from the page can be vetoed through the real transport.
 *
 * Runs without a window manager (plain Xvfb): only what X itself does is
 * asserted (no maximize, no focus).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "contract.h"

static const contract_driver *drv;

/* SASH_CONTRACT_NO_PLACEMENT=1 (the GTK4 backend on Wayland, set by its
 * test): the backend cannot place windows nor set window-manager states,
 * and must say so (SASH_EPLATFORM naming the feature), never do nothing. */
static int no_placement(void)
{
    const char *e = getenv("SASH_CONTRACT_NO_PLACEMENT");
    return e && strcmp(e, "1") == 0;
}

static void assert_unsupported(int rc, const char *what)
{
    const char *msg = NULL;
    assert_int_equal(rc, SASH_EPLATFORM);
    assert_int_equal(sash_last_error(&msg), SASH_EPLATFORM);
    assert_non_null(msg);
    assert_non_null(strstr(msg, what));
    assert_non_null(strstr(msg, "not supported"));
}

static const char config[] =
    "{\"app\":{\"identifier\":\"org.sash.contract\"},"
    "\"security\":{\"capabilities\":[{\"identifier\":\"c\",\"windows\":[\"main\"],"
    "\"permissions\":[\"core:event:emit\",\"window:default\","
    "\"window:allow-close\",\"window:allow-set-size\",\"window:allow-set-position\"]}]}}";

static int setup(void **state)
{
    sash_app *app = drv->app_new(config, 2);
    *state = app;
    return app && sash_window_enable(app) == 0 ? 0 : -1;
}

static int teardown(void **state)
{
    sash_app_free(*state);
    return 0;
}

static atomic_int resized, moved, destroyed;

static void on_window_event(sash_app *app, const char *label, const char *name,
                            const json_t *payload, void *ud)
{
    (void)app, (void)label, (void)ud;
    /* counted only once they report what the test asked for (a window
     * manager may pass through other sizes on the way) */
    json_int_t a = json_integer_value(json_object_get(payload, "width"));
    json_int_t b = json_integer_value(json_object_get(payload, "height"));
    json_int_t x = json_integer_value(json_object_get(payload, "x"));
    json_int_t y = json_integer_value(json_object_get(payload, "y"));
    if (strcmp(name, SASH_EVENT_WINDOW_RESIZED) == 0 && a == 431 && b == 327)
        atomic_fetch_add(&resized, 1);
    else if (strcmp(name, SASH_EVENT_WINDOW_MOVED) == 0 && x == 37 && y == 53)
        atomic_fetch_add(&moved, 1);
    else if (strcmp(name, SASH_EVENT_WINDOW_DESTROYED) == 0)
        atomic_fetch_add(&destroyed, 1);
}

/* window_set_size / window_set_position / window_get_geometry: a request
 * comes back through sash__window_geometry_changed() and reads back. */
static void geometry_requests_come_back(void **state)
{
    sash_app *app = *state;
    CONTRACT_NEEDS(app, window_set_size);
    sash_window *w = sash_app_get_window(app, "main");
    atomic_store(&resized, 0);
    atomic_store(&moved, 0);
    sash_listen(app, SASH_EVENT_WINDOW_RESIZED, on_window_event, NULL, NULL);
    sash_listen(app, SASH_EVENT_WINDOW_MOVED, on_window_event, NULL, NULL);
    assert_int_equal(sash_window_set_size(w, 431, 327), 0);
    assert_true(drv->pump_until(app, &resized, 10000));
    int a = 0, b = 0;
    assert_int_equal(sash_window_get_size(w, &a, &b), 0);
    assert_int_equal(a, 431);
    assert_int_equal(b, 327);
    if (no_placement()) {
        assert_unsupported(sash_window_set_position(w, 37, 53), "set_position");
        assert_unsupported(sash_window_center(w), "center");
        char out[256];
        assert_int_equal(drv->invoke(app, w, "window:set_position",
                                     "{\"x\":37,\"y\":53}", out, sizeof out), 0);
        assert_non_null(strstr(out, "\"unsupported\""));
        return;
    }
    assert_int_equal(sash_window_set_position(w, 37, 53), 0);
    assert_true(drv->pump_until(app, &moved, 10000));
    assert_int_equal(sash_window_get_position(w, &a, &b), 0);
    assert_int_equal(a, 37);
    assert_int_equal(b, 53);
}

/* window_set_attrib / window_get_attrib for what needs no window manager,
 * monitors(), window_monitor(), window_scale(), theme(). */
static void attributes_monitors_theme(void **state)
{
    sash_app *app = *state;
    CONTRACT_NEEDS(app, window_set_size);
    sash_window *w = sash_app_get_window(app, "main");
    assert_int_equal(sash_window_get_attrib(w, SASH_WINDOW_RESIZABLE), 1);
    assert_int_equal(sash_window_set_attrib(w, SASH_WINDOW_RESIZABLE, 0), 0);
    assert_int_equal(sash_window_get_attrib(w, SASH_WINDOW_RESIZABLE), 0);
    assert_int_equal(sash_window_get_attrib(w, SASH_WINDOW_DECORATED), 1);
    assert_int_equal(sash_window_set_attrib(w, SASH_WINDOW_DECORATED, 0), 0);
    assert_int_equal(sash_window_get_attrib(w, SASH_WINDOW_DECORATED), 0);
    if (no_placement()) {
        assert_unsupported(sash_window_set_attrib(w, SASH_WINDOW_SKIP_TASKBAR, 1),
                           "skip taskbar");
        assert_unsupported(sash_window_set_attrib(w, SASH_WINDOW_ALWAYS_ON_TOP, 1),
                           "always on top");
        assert_int_equal(sash_window_get_attrib(w, SASH_WINDOW_SKIP_TASKBAR), 0);
        assert_int_equal(sash_window_get_attrib(w, SASH_WINDOW_ALWAYS_ON_TOP), 0);
    } else {
        assert_int_equal(sash_window_set_attrib(w, SASH_WINDOW_SKIP_TASKBAR, 1), 0);
        assert_int_equal(sash_window_get_attrib(w, SASH_WINDOW_SKIP_TASKBAR), 1);
    }
    assert_int_equal(sash_window_get_attrib(w, SASH_WINDOW_VISIBLE), 1);
    sash_monitor m[8];
    int n = sash_app_monitors(app, m, 8);
    assert_true(n >= 1);
    assert_true(m[0].width > 0 && m[0].height > 0 && m[0].scale >= 1);
    assert_true(m[0].work_width > 0 && m[0].work_width <= m[0].width);
    sash_monitor cur;
    assert_int_equal(sash_window_current_monitor(w, &cur), 0);
    assert_true(cur.width > 0);
    assert_true(sash_window_scale_factor(w) >= 1);
    int t = sash_app_theme(app);
    assert_true(t == SASH_THEME_LIGHT || t == SASH_THEME_DARK);
}

static atomic_int timer_a_runs, timer_b_runs;
static void timer_a(sash_window *w) { (void)w; atomic_fetch_add(&timer_a_runs, 1); }
static void timer_b(sash_window *w) { (void)w; atomic_fetch_add(&timer_b_runs, 1); }

/* window_timer: one per window, a new call replaces the pending one, and
 * window_destroy cancels it. */
static void window_timer_is_single_and_cancelled_by_close(void **state)
{
    sash_app *app = *state;
    CONTRACT_NEEDS(app, window_set_size);
    sash_window *w = sash_app_get_window(app, "main");
    atomic_store(&timer_a_runs, 0);
    atomic_store(&timer_b_runs, 0);
    app->platform->window_timer(w, 5, timer_a);
    app->platform->window_timer(w, 10, timer_b);
    assert_true(drv->pump_until(app, &timer_b_runs, 5000));
    atomic_int never = 0;
    drv->pump_until(app, &never, 50);
    assert_int_equal(atomic_load(&timer_a_runs), 0);
    assert_int_equal(atomic_load(&timer_b_runs), 1);
    sash_window_options o = {.label = "t"};
    sash_window *t = sash_window_new(app, &o);
    assert_non_null(t);
    app->platform->window_timer(t, 20, timer_a);
    sash_window_close(t);
    drv->pump_until(app, &never, 100);
    assert_int_equal(atomic_load(&timer_a_runs), 0);
}

/* window_apply_options: a hidden window stays hidden after its first
 * paint until shown; showing it makes it visible. */
static void hidden_window_stays_hidden_until_shown(void **state)
{
    sash_app *app = *state;
    CONTRACT_NEEDS(app, window_set_size);
    sash_window_options o = {.label = "h", .hidden = 1, .width = 200,
                             .height = 150};
    sash_window *h = sash_window_new(app, &o);
    assert_non_null(h);
    atomic_int never = 0;
    drv->pump_until(app, &never, 300);
    assert_int_equal(sash_window_get_attrib(h, SASH_WINDOW_VISIBLE), 0);
    assert_int_equal(sash_window_show(h), 0);
    assert_int_equal(sash_window_get_attrib(h, SASH_WINDOW_VISIBLE), 1);
    assert_int_equal(sash_window_hide(h), 0);
    assert_int_equal(sash_window_get_attrib(h, SASH_WINDOW_VISIBLE), 0);
}

/* The close request through the backend's transport: the page watches,
 * window:close asks it, the page's "no" keeps the window, its "yes"
 * closes it. */
static void page_can_veto_a_close(void **state)
{
    sash_app *app = *state;
    CONTRACT_NEEDS(app, window_set_size);
    sash_window *w = sash_app_get_window(app, "main");
    char out[512], args[128];
    atomic_store(&destroyed, 0);
    sash_listen(app, SASH_EVENT_WINDOW_DESTROYED, on_window_event, NULL, NULL);
    assert_int_equal(drv->invoke(app, w, "window:watch_close", NULL, out,
                                 sizeof out), 0);
    assert_string_equal(out, "{\"ok\":null}");
    assert_int_equal(drv->invoke(app, w, "window:close", NULL, out,
                                 sizeof out), 0);
    assert_string_equal(out, "{\"ok\":null}");
    long id = w->close_pending;
    assert_true(id > 0);
    snprintf(args, sizeof args, "{\"id\":%ld,\"close\":false}", id);
    assert_int_equal(drv->invoke(app, w, "window:close_answer", args, out,
                                 sizeof out), 0);
    assert_string_equal(out, "{\"ok\":null}");
    assert_ptr_equal(sash_app_get_window(app, "main"), w);
    assert_int_equal(drv->invoke(app, w, "window:set_size",
                                 "{\"width\":300,\"height\":200}", out,
                                 sizeof out), 0);
    assert_string_equal(out, "{\"ok\":null}");
    /* keep the app alive once main closes */
    sash_window_options o = {.label = "spare"};
    assert_non_null(sash_window_new(app, &o));
    sash__window_close_requested(w); /* the close button */
    id = w->close_pending;
    assert_true(id > 0);
    snprintf(args, sizeof args, "{\"id\":%ld,\"close\":true}", id);
    drv->invoke(app, w, "window:close_answer", args, out, 0);
    assert_true(drv->pump_until(app, &destroyed, 10000));
    assert_null(sash_app_get_window(app, "main"));
}

/* sash_app_free() with windows closed through the page (vetoed, then
 * granted) and one still loading, then a new app, a few times: nothing of
 * a freed app may reach it afterwards (on GTK4 a view WebKit still held
 * loaded from the freed app's scheme handler: a crash in the next app's
 * setup).  The driver holds the views across the free, so a page left
 * open is seen every time, not only when the engine happens to. */
static void freed_apps_leave_nothing_for_the_next(void **state)
{
    (void)state;
    for (int round = 0; round < 2; round++) {
        sash_app *app = drv->app_new(config, 2);
        assert_non_null(app);
        assert_int_equal(sash_window_enable(app), 0);
        sash_window *w = sash_app_get_window(app, "main");
        char out[512], args[128];
        atomic_store(&destroyed, 0);
        sash_listen(app, SASH_EVENT_WINDOW_DESTROYED, on_window_event, NULL,
                    NULL);
        assert_int_equal(drv->invoke(app, w, "window:watch_close", NULL, out,
                                     sizeof out), 0);
        sash_window_options o = {.label = "spare"};
        assert_non_null(sash_window_new(app, &o));
        sash__window_close_requested(w);
        long id = w->close_pending;
        if (id > 0) { /* the page is asked: no, then yes */
            snprintf(args, sizeof args, "{\"id\":%ld,\"close\":false}", id);
            assert_int_equal(drv->invoke(app, w, "window:close_answer", args,
                                         out, sizeof out), 0);
            sash__window_close_requested(w);
            snprintf(args, sizeof args, "{\"id\":%ld,\"close\":true}",
                     w->close_pending);
            drv->invoke(app, w, "window:close_answer", args, out, 0);
            assert_true(drv->pump_until(app, &destroyed, 10000));
        }
        assert_null(sash_app_get_window(app, "main"));
        /* one more, freed before its page could load */
        sash_window_options l = {.label = "late"};
        assert_non_null(sash_window_new(app, &l));
        if (drv->free_app_holding_views)
            assert_true(drv->free_app_holding_views(app));
        else
            sash_app_free(app);
    }
}

int contract_window_run(const contract_driver *d)
{
    drv = d;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(geometry_requests_come_back, setup, teardown),
        cmocka_unit_test_setup_teardown(attributes_monitors_theme, setup, teardown),
        cmocka_unit_test_setup_teardown(window_timer_is_single_and_cancelled_by_close, setup, teardown),
        cmocka_unit_test_setup_teardown(hidden_window_stays_hidden_until_shown, setup, teardown),
        cmocka_unit_test_setup_teardown(page_can_veto_a_close, setup, teardown),
        cmocka_unit_test(freed_apps_leave_nothing_for_the_next),
    };
    return cmocka_run_group_tests_name("window state", tests, NULL, NULL);
}
