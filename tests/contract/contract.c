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
    };
    int failed = cmocka_run_group_tests_name(d->name, tests, NULL, NULL);
    return failed | contract_window_run(d); /* contract_window.c */
}
