/* Unit tests: events C -> JS (batched, ordered) and JS -> C listeners. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fake_platform.h"

static int setup(void **state)
{
    sash_window *w;
    state[0] = fake_app_new(NULL, &w);
    /* Deny by default: events to C need their permission. */
    return state[0] && sash_capability_add(state[0], "{\"identifier\":\"t\","
               "\"windows\":[\"main\"],\"permissions\":[\""
               SASH_PERMISSION_EMIT "\"]}", NULL, 0) == 0 ? 0 : -1;
}

static int teardown(void **state)
{
    sash_app_free(state[0]);
    return 0;
}

/* Concatenates every eval()ed script. */
static char *all_scripts(void)
{
    sash__buf b = {0};
    for (int i = 0; i < fake_eval_count(); i++)
        sash__buf_append(&b, fake_eval_get(i), strlen(fake_eval_get(i)));
    return b.data ? b.data : strdup("");
}

static void emitter(void *app)
{
    for (int i = 0; i < 500; i++)
        sash_emit(app, "n", json_integer(i));
    return;
}

static void emits_arrive_in_order_and_batched(void **state)
{
    sash_app *app = state[0];
    sash__thread t;
    sash__thread_start(&t, emitter, app);
    sash__thread_join(t);
    assert_true(fake_pump_evals(app, 1) >= 1);
    sash__app_drain(app);
    /* 500 events in far fewer scripts: they were batched. */
    assert_true(fake_eval_count() < 50);
    char *s = all_scripts();
    const char *p = s;
    char want[32];
    for (int i = 0; i < 500; i++) {
        snprintf(want, sizeof want, "[\"n\",%d]", i);
        const char *q = strstr(p, want);
        if (!q)
            fail_msg("event %d missing or out of order", i);
        p = q + strlen(want);
    }
    free(s);
}

static void emit_to_one_window(void **state)
{
    sash_app *app = state[0];
    sash_window_options wo = {.label = "other"};
    assert_non_null(sash_window_new(app, &wo));
    assert_int_equal(sash_emit_to(app, "other", "only", json_string("x")), 0);
    assert_int_equal(sash_emit_to(app, "ghost", "lost", NULL), 0);
    assert_int_equal(fake_pump_evals(app, 1), 1);
    sash__app_drain(app);
    assert_int_equal(fake_eval_count(), 1);
    assert_non_null(strstr(fake_eval_get(0), "[\"only\",\"x\"]"));
}

static void emit_rejects_bad_names(void **state)
{
    sash_app *app = state[0];
    assert_int_equal(sash_emit(app, NULL, json_true()), SASH_EINVAL);
    assert_int_equal(sash_emit(app, "", NULL), SASH_EINVAL);
    assert_int_equal(sash_emit(app, "\xff\xfe", NULL), SASH_EINVAL);
    assert_int_equal(sash_emit(NULL, "x", NULL), SASH_EINVAL);
}

typedef struct seen {
    int count;
    char last[64];
    char from[16];
} seen;

static void on_event(sash_app *app, const char *label, const char *name,
                     const json_t *payload, void *ud)
{
    (void)app;
    seen *s = ud;
    s->count++;
    snprintf(s->from, sizeof s->from, "%s", label);
    char *p = json_dumps(payload, JSON_ENCODE_ANY | JSON_COMPACT);
    snprintf(s->last, sizeof s->last, "%s=%s", name, p);
    free(p);
}

static void js_events_reach_listeners(void **state)
{
    sash_app *app = state[0];
    sash_window *w = sash_app_get_window(app, "main");
    seen a = {0}, all = {0};
    long ida = 0, idall = 0;
    assert_int_equal(sash_listen(app, "clicked", on_event, &a, &ida), 0);
    assert_int_equal(sash_listen(app, "*", on_event, &all, &idall), 0);
    assert_true(ida > 0 && idall > ida);
    fake_send(w, 1, "{\"event\":\"clicked\",\"payload\":{\"x\":1}}");
    fake_send(w, 2, "{\"event\":\"other\"}");
    assert_int_equal(fake_pump_replies(app, 2), 2);
    assert_string_equal(fake_reply_get(0)->text, "{\"ok\":null}");
    assert_int_equal(a.count, 1);
    assert_string_equal(a.last, "clicked={\"x\":1}");
    assert_string_equal(a.from, "main");
    assert_int_equal(all.count, 2);
    assert_string_equal(all.last, "other=null");
    assert_int_equal(sash_unlisten(app, ida), 0);
    assert_int_equal(sash_unlisten(app, ida), SASH_ENOENT);
    fake_send(w, 3, "{\"event\":\"clicked\"}");
    assert_int_equal(a.count, 1);
    assert_int_equal(all.count, 3);
    long bad = 7;
    assert_int_equal(sash_listen(app, "", on_event, NULL, &bad), SASH_EINVAL);
    assert_int_equal(bad, 0);
    assert_int_equal(sash_unlisten(app, 0), SASH_EINVAL);
}

static long self_id;
static void unlisten_self(sash_app *app, const char *label, const char *name,
                          const json_t *payload, void *ud)
{
    (void)label;
    (void)name;
    (void)payload;
    (*(int *)ud)++;
    sash_unlisten(app, self_id);
}

static void listener_may_unlisten_itself(void **state)
{
    sash_app *app = state[0];
    sash_window *w = sash_app_get_window(app, "main");
    int n = 0;
    assert_int_equal(sash_listen(app, "e", unlisten_self, &n, &self_id), 0);
    fake_send(w, 1, "{\"event\":\"e\"}");
    fake_send(w, 2, "{\"event\":\"e\"}");
    assert_int_equal(n, 1);
}

/* A listener removing a later one during the same event: the later one
 * must not run (no stale snapshot). */
static long victim_id;
static void remove_victim(sash_app *app, const char *label, const char *name,
                          const json_t *payload, void *ud)
{
    (void)label;
    (void)name;
    (void)payload;
    (void)ud;
    assert_int_equal(sash_unlisten(app, victim_id), 0);
}

static void count_call(sash_app *app, const char *label, const char *name,
                       const json_t *payload, void *ud)
{
    (void)app;
    (void)label;
    (void)name;
    (void)payload;
    (*(int *)ud)++;
}

static void unlisten_is_immediate_within_a_dispatch(void **state)
{
    sash_app *app = state[0];
    sash_window *w = sash_app_get_window(app, "main");
    int victim_calls = 0;
    long first;
    assert_int_equal(sash_listen(app, "e", remove_victim, NULL, &first), 0);
    assert_int_equal(sash_listen(app, "e", count_call, &victim_calls,
                                 &victim_id), 0);
    fake_send(w, 1, "{\"event\":\"e\"}");
    assert_int_equal(victim_calls, 0);
    assert_int_equal(sash_unlisten(app, first), 0);
}

/* sash_unlisten() from another thread while the listener runs on the UI
 * thread returns only after that call finished. */
typedef struct slow_state {
    atomic_int inside, finished;
    sash_app *app;
    long id;
    int finished_seen_by_remover;
    int remove_rc;
} slow_state;

static void slow_listener(sash_app *app, const char *label, const char *name,
                          const json_t *payload, void *ud)
{
    (void)app;
    (void)label;
    (void)name;
    (void)payload;
    slow_state *s = ud;
    atomic_store(&s->inside, 1);
    sash__sleep_ms(200);
    atomic_store(&s->finished, 1);
}

static void remover(void *arg)
{
    slow_state *s = arg;
    while (!atomic_load(&s->inside)) {
        sash__sleep_ms(1);
    }
    s->remove_rc = sash_unlisten(s->app, s->id);
    s->finished_seen_by_remover = atomic_load(&s->finished);
    return;
}

static void unlisten_waits_for_a_running_listener(void **state)
{
    sash_app *app = state[0];
    sash_window *w = sash_app_get_window(app, "main");
    slow_state s = {.app = app};
    assert_int_equal(sash_listen(app, "slow", slow_listener, &s, &s.id), 0);
    sash__thread t;
    sash__thread_start(&t, remover, &s);
    fake_send(w, 1, "{\"event\":\"slow\"}");
    sash__thread_join(t);
    assert_int_equal(s.remove_rc, 0);
    assert_int_equal(s.finished_seen_by_remover, 1);
    atomic_store(&s.finished, 0);
    fake_send(w, 2, "{\"event\":\"slow\"}"); /* gone: not called again */
    assert_int_equal(atomic_load(&s.finished), 0);
}

static void ready_shows_window_once(void **state)
{
    sash_app *app = state[0];
    sash_window *w = sash_app_get_window(app, "main");
    assert_false(sash_window_is_shown(w));
    fake_send(w, 1, "{\"ready\":true}");
    fake_send(w, 2, "{\"ready\":true}");
    assert_true(sash_window_is_shown(w));
    assert_int_equal(fake_shown_count(), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(emits_arrive_in_order_and_batched, setup, teardown),
        cmocka_unit_test_setup_teardown(emit_to_one_window, setup, teardown),
        cmocka_unit_test_setup_teardown(emit_rejects_bad_names, setup, teardown),
        cmocka_unit_test_setup_teardown(js_events_reach_listeners, setup, teardown),
        cmocka_unit_test_setup_teardown(listener_may_unlisten_itself, setup, teardown),
        cmocka_unit_test_setup_teardown(unlisten_is_immediate_within_a_dispatch, setup, teardown),
        cmocka_unit_test_setup_teardown(unlisten_waits_for_a_running_listener, setup, teardown),
        cmocka_unit_test_setup_teardown(ready_shows_window_once, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
