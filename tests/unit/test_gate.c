/* Unit tests: the registry's gate (sash dev's hot swap): new calls wait
 * while it is closed, with a bound; UI-thread calls are parked, not
 * blocked; the swap waits until no call is inside a command; a call whose
 * command was replaced while it waited runs the replacement. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "fake_platform.h"

static void worker_busy_after_bound(void **state)
{
    (void)state;
    sash__registry r;
    sash__registry_init(&r);
    sash__command_use use = {0};
    atomic_init(&use.refs, 1);
    sash__gate_close(&r);
    uint64_t t0 = sash__now_ns();
    assert_int_equal(sash__command_enter_gated(&r, &use, NULL, 50), SASH__GATE_BUSY);
    assert_true(sash__now_ns() - t0 >= 50u * 1000000u); /* it did wait */
    assert_int_equal(use.running, 0);
    assert_int_equal(r.running_total, 0);
    assert_null(sash__gate_open(&r));
    assert_int_equal(sash__command_enter_gated(&r, &use, NULL, 50), 0);
    assert_int_equal(r.running_total, 1);
    sash__command_leave(&r, &use);
    assert_int_equal(r.running_total, 0);
    sash__registry_free(&r);
}

static void ui_calls_are_parked_in_order(void **state)
{
    (void)state;
    sash__registry r;
    sash__registry_init(&r);
    sash__command_use use = {0};
    atomic_init(&use.refs, 1);
    sash__task a = {0}, b = {0};
    sash__gate_close(&r);
    assert_int_equal(sash__command_enter_gated(&r, &use, &a, 5000), SASH__GATE_PARKED);
    assert_int_equal(sash__command_enter_gated(&r, &use, &b, 5000), SASH__GATE_PARKED);
    assert_int_equal(r.running_total, 0);
    sash__task *parked = sash__gate_open(&r);
    assert_ptr_equal(parked, &a);
    assert_ptr_equal(parked->next, &b);
    assert_null(b.next);
    assert_int_equal(sash__command_enter_gated(&r, &use, &a, 5000), 0); /* open: runs */
    sash__command_leave(&r, &use);
    sash__registry_free(&r);
}

typedef struct leaver {
    sash__registry *r;
    sash__command_use *use;
} leaver;

static void leave_later(void *arg)
{
    leaver *l = arg;
    fake_sleep_ms(100);
    sash__command_leave(l->r, l->use);
}

static void drain_waits_for_calls_inside(void **state)
{
    (void)state;
    sash__registry r;
    sash__registry_init(&r);
    sash__command_use use = {0};
    atomic_init(&use.refs, 1);
    assert_int_equal(sash__command_enter_gated(&r, &use, NULL, 0), 0);
    sash__gate_close(&r);
    assert_int_equal(sash__gate_drain(&r, 20), 1); /* still inside */
    leaver l = {&r, &use};
    sash__thread t;
    assert_int_equal(sash__thread_start(&t, leave_later, &l), 0);
    assert_int_equal(sash__gate_drain(&r, 5000), 0); /* woken by the leave */
    sash__thread_join(t);
    sash__gate_open(&r);
    sash__registry_free(&r);
}

static void v1(sash_call *c, const json_t *args, void *u)
{
    (void)args, (void)u;
    sash_resolve(c, json_integer(1));
}

static void v2(sash_call *c, const json_t *args, void *u)
{
    (void)args, (void)u;
    sash_resolve(c, json_integer(2));
}

/* A swap as the dev host does it, on the fake backend. */
static void waiting_calls_run_the_replacement(void **state)
{
    (void)state;
    fake_reset();
    sash_window *w;
    sash_app *app = fake_app_new(NULL, &w);
    assert_non_null(app);
    assert_int_equal(sash_command(app, "v", v1, NULL, 0), 0);
    assert_int_equal(sash_command(app, "u", v1, NULL, SASH_COMMAND_UI_THREAD), 0);
    assert_int_equal(sash_capability_add(app, "{\"identifier\":\"t\",\"windows\":"
                                         "[\"main\"],\"permissions\":[\"v\",\"u\"]}",
                                         NULL, 0), 0);
    sash__gate_close(&app->registry);
    fake_send(w, 1, "{\"cmd\":\"v\"}"); /* a worker: waits at the gate */
    fake_send(w, 2, "{\"cmd\":\"u\"}"); /* UI thread: parked */
    fake_pump_once(app, 50);
    assert_int_equal(fake_reply_count(), 0); /* nobody got through */
    assert_int_equal(sash__gate_drain(&app->registry, 1000), 0);
    /* The module swap: the old functions go, new ones of the same names. */
    assert_int_equal(sash_command_remove(app, "v"), 0);
    assert_int_equal(sash_command_remove(app, "u"), 0);
    assert_int_equal(sash_command(app, "v", v2, NULL, 0), 0);
    assert_int_equal(sash_command(app, "u", v2, NULL, SASH_COMMAND_UI_THREAD), 0);
    sash__task *parked = sash__gate_open(&app->registry);
    while (parked) {
        sash__task *t = parked;
        parked = t->next;
        t->next = NULL;
        sash__ui_post_always(app, t);
    }
    assert_int_equal(fake_pump_replies(app, 2), 2);
    assert_string_equal(fake_reply_for(1)->text, "{\"ok\":2}");
    assert_string_equal(fake_reply_for(2)->text, "{\"ok\":2}");
    sash_app_free(app);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(worker_busy_after_bound),
        cmocka_unit_test(ui_calls_are_parked_in_order),
        cmocka_unit_test(drain_waits_for_calls_inside),
        cmocka_unit_test(waiting_calls_run_the_replacement),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
