/*
 * contract_pull.c - deliveries and replies in order, whatever path
 * deliveries take (pull_deliveries: answers to the bridge's parked pull;
 * else window_deliver).  A command emits a burst of events, then
 * resolves: when its reply reaches the page, the page has seen every
 * event of the burst (docs/ipc.md, "How deliveries travel").
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>

#include "contract.h"

#define BURST 2000

static const contract_driver *drv;

static const char config[] =
    "{\"app\":{\"identifier\":\"org.sash.contract\"},"
    "\"security\":{\"capabilities\":[{\"identifier\":\"c\",\"windows\":[\"main\"],"
    "\"permissions\":[\"contract_burst\",\"core:event:emit\"]}]}}";

/* On a worker: BURST events, then the reply. */
static void contract_burst(sash_call *call, const json_t *args, void *ud)
{
    (void)args, (void)ud;
    sash_app *app = sash_call_app(call);
    for (int i = 0; i < BURST; i++)
        sash_emit(app, "contract_seq", json_integer(i));
    sash_resolve(call, json_integer(BURST));
}

static int setup(void **state)
{
    sash_app *app = drv->app_new(config, 2);
    if (!app)
        return -1;
    sash_command(app, "contract_burst", contract_burst, NULL, 0);
    *state = app;
    return 0;
}

static int teardown(void **state)
{
    sash_app_free(*state);
    return 0;
}

/* reply() after the batches of what was emitted before it: on a pull
 * backend a reply that finds no pull parked waits for the next one. */
static void a_reply_follows_the_events_before_it(void **state)
{
    sash_app *app = state[0];
    sash_window *w = sash_app_get_window(app, "main");
    assert_non_null(w);
    if (!drv->seen_at_reply) {
        printf("  (the %s driver cannot see order at reply time: skipped)\n",
               drv->name);
        skip();
    }
    char last[64];
    for (int round = 1; round <= 3; round++) {
        int seen = drv->seen_at_reply(app, w, "contract_burst", "contract_seq");
        if (seen != round * BURST)
            fail_msg("round %d: the page had seen %d events at the reply, "
                     "want %d", round, seen, round * BURST);
    }
    assert_int_equal(drv->events_seen(app, w, "contract_seq", last, sizeof last),
                     3 * BURST);
    char want[16];
    snprintf(want, sizeof want, "%d", BURST - 1);
    assert_string_equal(last, want);
}

int contract_pull_run(const contract_driver *d)
{
    drv = d;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(a_reply_follows_the_events_before_it, setup, teardown),
    };
    char name[64];
    snprintf(name, sizeof name, "%s: order", d->name);
    return cmocka_run_group_tests_name(name, tests, NULL, NULL);
}
