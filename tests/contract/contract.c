/*
 * contract.c - what every backend must do, checked through the backend
 * table itself and through a page driven by the driver (contract.h).
 * Each test names the table entries it holds to their documented contract
 * (src/core/platform.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifndef _WIN32
#include <sys/stat.h>
#include <unistd.h>
#endif

#include "contract.h"

static const contract_driver *drv;

static const char config[] =
    "{\"app\":{\"identifier\":\"org.sash.contract\"},"
    "\"security\":{\"capabilities\":[{\"identifier\":\"c\",\"windows\":[\"main\"],"
    "\"permissions\":[\"contract_echo\",\"contract_park\",\"core:event:emit\"]}]}}";

static void contract_echo(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    sash_resolve(call, json_deep_copy(args));
}

static sash_call *_Atomic parked;
static atomic_int parked_flag;

static void contract_park(sash_call *call, const json_t *args, void *ud)
{
    (void)args;
    (void)ud;
    sash_call_ref(call);
    atomic_store(&parked, call);
    atomic_store(&parked_flag, 1);
}

static int setup(void **state)
{
    sash_app *app = drv->app_new(config, 2);
    if (!app)
        return -1;
    sash_command(app, "contract_echo", contract_echo, NULL, 0);
    sash_command(app, "contract_park", contract_park, NULL, 0);
    atomic_store(&parked, NULL);
    atomic_store(&parked_flag, 0);
    *state = app;
    return 0;
}

static int teardown(void **state)
{
    sash_app_free(*state);
    return 0;
}

static sash_window *main_window(void **state)
{
    sash_window *w = sash_app_get_window(state[0], "main");
    assert_non_null(w);
    return w;
}

/* window_create + window_show: the page painted and the window is shown
 * before the driver hands the app over. */
static void window_is_shown_after_first_paint(void **state)
{
    assert_int_equal(sash_window_is_shown(main_window(state)), 1);
}

/* wake(): any thread may ask for a drain; tasks run on the UI thread, in
 * the order one thread queued them. */
typedef struct wake_state {
    sash_app *app;
    int seen[100];
    atomic_int count, wrong_thread;
} wake_state;

static void record_task(sash_app *app, void *data)
{
    wake_state *s = sash_app_get_user_data(app);
    if (!sash__is_ui_thread(app))
        atomic_store(&s->wrong_thread, 1);
    int n = atomic_load(&s->count);
    if (n < 100)
        s->seen[n] = (int)(intptr_t)data;
    atomic_fetch_add(&s->count, 1);
}

static void queue_from_thread(void *arg)
{
    wake_state *s = arg;
    for (intptr_t i = 0; i < 100; i++)
        sash_app_dispatch(s->app, record_task, (void *)i);
}

static void wake_drains_on_the_ui_thread_in_order(void **state)
{
    wake_state s = {.app = state[0]};
    sash_app_set_user_data(s.app, &s);
    sash__thread t;
    assert_int_equal(sash__thread_start(&t, queue_from_thread, &s), 0);
    sash__thread_join(t);
    atomic_int done = 0;
    for (int i = 0; i < 200 && atomic_load(&s.count) < 100; i++)
        drv->pump_until(s.app, &done, 20);
    assert_int_equal(atomic_load(&s.count), 100);
    assert_int_equal(atomic_load(&s.wrong_thread), 0);
    for (int i = 0; i < 100; i++)
        assert_int_equal(s.seen[i], i);
    sash_app_set_user_data(s.app, NULL);
}

/* timer(): one timer; a new call replaces the pending one; it fires once,
 * on the UI thread, no earlier than asked. */
static atomic_int fired_a, fired_b, timer_wrong_thread;
static uint64_t timer_set_ns, fired_b_ns;

static void timer_a(sash_app *app)
{
    (void)app;
    atomic_fetch_add(&fired_a, 1);
}

static void timer_b(sash_app *app)
{
    if (!sash__is_ui_thread(app))
        atomic_store(&timer_wrong_thread, 1);
    fired_b_ns = sash__now_ns();
    atomic_fetch_add(&fired_b, 1);
}

static void timer_is_single_and_fires_once(void **state)
{
    sash_app *app = state[0];
    atomic_store(&fired_a, 0);
    atomic_store(&fired_b, 0);
    timer_set_ns = sash__now_ns();
    app->platform->timer(app, 150, timer_a);
    app->platform->timer(app, 30, timer_b);
    assert_true(drv->pump_until(app, &fired_b, 2000));
    atomic_int never = 0;
    drv->pump_until(app, &never, 300); /* past when timer_a was due */
    assert_int_equal(atomic_load(&fired_b), 1);
    assert_int_equal(atomic_load(&fired_a), 0);
    assert_int_equal(atomic_load(&timer_wrong_thread), 0);
    assert_true(fired_b_ns - timer_set_ns >= 25000000u);
}

/* The JSON transport and reply(): what the page sends reaches the
 * command, and the reply reaches the page, exactly as sent. */
static void invoke_round_trips_through_the_transport(void **state)
{
    char out[512];
    sash_window *w = main_window(state);
    assert_int_equal(drv->invoke(state[0], w, "contract_echo",
                                 "{\"s\":\"h\\u00e9llo \\u2603\",\"n\":[1,2.5,null,true],"
                                 "\"o\":{\"k\":\"v\"}}", out, sizeof out), 0);
    json_t *got = json_loads(out, 0, NULL);
    json_t *want = json_loads("{\"ok\":{\"s\":\"h\\u00e9llo \\u2603\","
                              "\"n\":[1,2.5,null,true],\"o\":{\"k\":\"v\"}}}",
                              0, NULL);
    if (!json_equal(got, want))
        fail_msg("the page saw %s", out);
    json_decref(got);
    json_decref(want);
    assert_int_equal(drv->invoke(state[0], w, "not_granted", "{}", out,
                                 sizeof out), 0);
    assert_string_equal(out, "{\"err\":\"forbidden\"}");
}

/* window_deliver() and sash__window_delivered(): a burst of events
 * arrives complete and in order, which needs every batch's completion to
 * be reported (flow control sends the next batch only then). */
static void emit_burst(void *app)
{
    for (int i = 0; i < 3000; i++)
        sash_emit(app, "contract_seq", json_integer(i));
}

static void deliveries_arrive_in_order(void **state)
{
    sash_app *app = state[0];
    sash_window *w = main_window(state);
    sash__thread t;
    assert_int_equal(sash__thread_start(&t, emit_burst, app), 0);
    char last[64] = "";
    int n = 0;
    atomic_int never = 0;
    for (int i = 0; i < 500 && n < 3000; i++) {
        drv->pump_until(app, &never, 20);
        n = drv->events_seen(app, w, "contract_seq", last, sizeof last);
    }
    sash__thread_join(t);
    assert_int_equal(n, 3000);
    assert_string_equal(last, "2999");
}

/* The page invokes contract_park; returns the call, referenced. */
static sash_call *park_a_call(sash_app *app, sash_window *w)
{
    assert_int_equal(drv->invoke(app, w, "contract_park", NULL, NULL, 0), 0);
    assert_true(drv->pump_until(app, &parked_flag, 5000));
    return atomic_load(&parked);
}

/* reply_drop(): a call whose window closed completes safely and says the
 * reply was dropped. */
static void a_closed_window_drops_the_reply(void **state)
{
    sash_app *app = state[0];
    sash_window *w = main_window(state);
    sash_call *c = park_a_call(app, w);
    assert_int_equal(sash_window_close(w), 0);
    assert_int_equal(sash_resolve(c, json_true()), SASH_ECANCELLED);
    sash_call_unref(c);
    atomic_int never = 0;
    drv->pump_until(app, &never, 50); /* the dropped reply is released */
    assert_null(sash_app_get_window(app, "main"));
}

/* sash__window_page_changed(): a reload cancels the old page's calls. */
static void a_reload_cancels_the_old_pages_calls(void **state)
{
    sash_app *app = state[0];
    sash_window *w = main_window(state);
    char out[64];
    sash_call *c = park_a_call(app, w);
    assert_false(sash_call_cancelled(c));
    drv->reload(app, w);
    for (int i = 0; i < 250 && !sash_call_cancelled(c); i++) {
        atomic_int never = 0;
        drv->pump_until(app, &never, 20);
    }
    assert_true(sash_call_cancelled(c));
    assert_int_equal(sash_resolve(c, json_true()), SASH_ECANCELLED);
    sash_call_unref(c);
    /* The new page works. */
    assert_int_equal(drv->invoke(app, w, "contract_echo", "{\"again\":1}",
                                 out, sizeof out), 0);
    assert_string_equal(out, "{\"ok\":{\"again\":1}}");
}

/* -- Desktop surface: dialog, clipboard_*, notify, open ----------------- */

typedef struct desk_seen {
    atomic_int count, cancelled, confirmed;
    char data[256];
    size_t len;
    int has_data;
    long id;
    int error;
} desk_seen;

static void on_dialog(sash_app *app, const char *label,
                      const sash_dialog_result *r, void *ud)
{
    (void)app;
    (void)label;
    desk_seen *s = ud;
    atomic_store(&s->cancelled, r->cancelled);
    atomic_store(&s->confirmed, r->confirmed);
    atomic_fetch_add(&s->count, 1);
}

/* dialog(): a dialog still open when its window is destroyed completes,
 * once, as cancelled, before window_destroy() returns. */
static void a_dialog_ends_cancelled_with_its_window(void **state)
{
    sash_app *app = state[0];
    CONTRACT_NEEDS(app, dialog);
    desk_seen s = {0};
    sash_dialog_options o = {.kind = SASH_DIALOG_MESSAGE,
                             .message = "contract: pending",
                             .buttons = SASH_DIALOG_BUTTONS_OK_CANCEL};
    assert_int_equal(sash_dialog_show(main_window(state), &o, on_dialog, &s),
                     0);
    atomic_int never = 0;
    drv->pump_until(app, &never, 100); /* the dialog is up */
    assert_int_equal(atomic_load(&s.count), 0);
    assert_int_equal(sash_window_close(main_window(state)), 0);
    assert_int_equal(atomic_load(&s.count), 1);
    assert_int_equal(atomic_load(&s.cancelled), 1);
    assert_int_equal(atomic_load(&s.confirmed), 0);
    drv->pump_until(app, &never, 100);
    assert_int_equal(atomic_load(&s.count), 1); /* exactly once */
}

static void on_clip(sash_app *app, const void *data, size_t len, void *ud)
{
    (void)app;
    desk_seen *s = ud;
    s->has_data = data != NULL;
    s->len = len;
    memcpy(s->data, data ? data : "", len < sizeof s->data ? len : 0);
    atomic_fetch_add(&s->count, 1);
}

static void clip_read(sash_app *app, sash_clipboard_format f, desk_seen *s)
{
    memset(s, 0, sizeof *s);
    assert_int_equal(sash_clipboard_read(app, f, on_clip, s), 0);
    drv->pump_until(app, &s->count, 5000);
    assert_int_equal(atomic_load(&s->count), 1);
}

/* 2 x 1 pixels, RGB. */
static const unsigned char tiny_png[] = {
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d,
    0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x01,
    0x08, 0x02, 0x00, 0x00, 0x00, 0x7b, 0x40, 0xe8, 0xdd, 0x00, 0x00, 0x00,
    0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0x00, 0x04,
    0xff, 0x01, 0x07, 0x00, 0x01, 0xff, 0xe2, 0x23, 0x9e, 0x59, 0x00, 0x00,
    0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};

/* clipboard_write() then clipboard_read(): what was written is read, in
 * each format (an image as a PNG of the same size); a format not on the
 * clipboard reads as nothing. */
static void the_clipboard_reads_what_was_written(void **state)
{
    sash_app *app = state[0];
    CONTRACT_NEEDS(app, clipboard_write);
    desk_seen s;
    const char *text = "contract \xe2\x9c\x93 text";
    assert_int_equal(sash_clipboard_write(app, SASH_CLIPBOARD_TEXT, text,
                                          strlen(text)), 0);
    clip_read(app, SASH_CLIPBOARD_TEXT, &s);
    assert_true(s.has_data);
    assert_int_equal(s.len, strlen(text));
    assert_memory_equal(s.data, text, s.len);
    clip_read(app, SASH_CLIPBOARD_HTML, &s);
    assert_false(s.has_data);

    const char *html = "<p>contract <b>html</b></p>";
    assert_int_equal(sash_clipboard_write(app, SASH_CLIPBOARD_HTML, html,
                                          strlen(html)), 0);
    clip_read(app, SASH_CLIPBOARD_HTML, &s);
    assert_true(s.has_data);
    assert_int_equal(s.len, strlen(html));
    assert_memory_equal(s.data, html, s.len);

    assert_int_equal(sash_clipboard_write(app, SASH_CLIPBOARD_PNG, tiny_png,
                                          sizeof tiny_png), 0);
    clip_read(app, SASH_CLIPBOARD_PNG, &s);
    assert_true(s.has_data);
    assert_true(s.len >= 24);
    assert_memory_equal(s.data, tiny_png, 16); /* signature, IHDR */
    assert_memory_equal(s.data + 16, tiny_png + 16, 8); /* 2 x 1 */
}

static void on_sent(sash_app *app, long id, const char *error, void *ud)
{
    (void)app;
    desk_seen *s = ud;
    s->id = id;
    s->error = error != NULL;
    atomic_fetch_add(&s->count, 1);
}

/* Without a session bus, GLib would autolaunch one (dbus-launch) and
 * leave it running: point it at none for this test (and only this one:
 * WebKit's sandbox proxies the bus named there for each new web process,
 * and gives up on one that does not exist). */
static int no_autolaunched_bus(void)
{
#ifndef _WIN32
    if (!getenv("DBUS_SESSION_BUS_ADDRESS")) {
        setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/sash-no-bus", 1);
        return 1;
    }
#endif
    return 0;
}

static void restore_bus(int set)
{
#ifndef _WIN32
    if (set)
        unsetenv("DBUS_SESSION_BUS_ADDRESS");
#else
    (void)set;
#endif
}

/* notify(): completes exactly once, with an id or (no notification
 * server, as on a bare test machine) an error. */
static void a_notification_completes_once(void **state)
{
    sash_app *app = state[0];
    CONTRACT_NEEDS(app, notify);
    int bus_set = no_autolaunched_bus();
    desk_seen s = {0};
    sash_notification n = {.title = "contract", .body = "body"};
    assert_int_equal(sash_notification_send(app, &n, on_sent, &s), 0);
    assert_true(drv->pump_until(app, &s.count, 15000));
    atomic_int never = 0;
    drv->pump_until(app, &never, 50);
    restore_bus(bus_set);
    assert_int_equal(atomic_load(&s.count), 1);
    assert_true(s.id > 0 ? !s.error : s.error);
}

static void on_open(sash_app *app, const char *error, void *ud)
{
    (void)app;
    desk_seen *s = ud;
    s->error = error != NULL;
    atomic_fetch_add(&s->count, 1);
}

/* open(): completes exactly once.  A fake xdg-open goes first on PATH so
 * nothing real is launched. */
static void open_completes_once(void **state)
{
    sash_app *app = state[0];
    CONTRACT_NEEDS(app, open);
    int bus_set = no_autolaunched_bus();
#ifndef _WIN32
    char dir[] = "/tmp/sash-contract-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char tool[64], path[4096];
    snprintf(tool, sizeof tool, "%s/xdg-open", dir);
    FILE *f = fopen(tool, "w");
    assert_non_null(f);
    fprintf(f, "#!/bin/sh\nexit 0\n");
    fclose(f);
    chmod(tool, 0755);
    const char *old = getenv("PATH");
    char *saved = old ? strdup(old) : NULL;
    snprintf(path, sizeof path, "%s:%s", dir, old ? old : "/usr/bin:/bin");
    setenv("PATH", path, 1);
    const char *target = tool;
#else
    const char *target = "C:/Windows/notepad.exe";
#endif
    desk_seen s = {0};
    assert_int_equal(sash_open(app, "https://example.invalid/contract", 0,
                               on_open, &s), 0);
    assert_true(drv->pump_until(app, &s.count, 10000));
    assert_false(s.error);
    desk_seen r = {0};
    assert_int_equal(sash_open(app, target, SASH_OPEN_REVEAL, on_open, &r), 0);
    assert_true(drv->pump_until(app, &r.count, 15000));
    atomic_int never = 0;
    drv->pump_until(app, &never, 50);
    assert_int_equal(atomic_load(&s.count), 1);
    restore_bus(bus_set);
    assert_int_equal(atomic_load(&r.count), 1);
#ifndef _WIN32
    setenv("PATH", saved ? saved : "/usr/bin:/bin", 1);
    free(saved);
    unlink(tool);
    rmdir(dir);
#endif
}

int contract_run(const contract_driver *d)
{
    drv = d;
    printf("backend contract suite: %s backend\n", d->name);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(window_is_shown_after_first_paint, setup, teardown),
        cmocka_unit_test_setup_teardown(wake_drains_on_the_ui_thread_in_order, setup, teardown),
        cmocka_unit_test_setup_teardown(timer_is_single_and_fires_once, setup, teardown),
        cmocka_unit_test_setup_teardown(invoke_round_trips_through_the_transport, setup, teardown),
        cmocka_unit_test_setup_teardown(deliveries_arrive_in_order, setup, teardown),
        cmocka_unit_test_setup_teardown(a_closed_window_drops_the_reply, setup, teardown),
        cmocka_unit_test_setup_teardown(a_reload_cancels_the_old_pages_calls, setup, teardown),
        /* Desktop surface */
        cmocka_unit_test_setup_teardown(a_dialog_ends_cancelled_with_its_window, setup, teardown),
        cmocka_unit_test_setup_teardown(the_clipboard_reads_what_was_written, setup, teardown),
        cmocka_unit_test_setup_teardown(a_notification_completes_once, setup, teardown),
        cmocka_unit_test_setup_teardown(open_completes_once, setup, teardown),
    };
    int failed = cmocka_run_group_tests_name(d->name, tests, NULL, NULL);
    failed |= contract_window_run(d); /* contract_window.c */
    return failed | contract_menu_run(d); /* menus and tray */
}
