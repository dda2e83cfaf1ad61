/* Unit tests: events C -> JS (batched, ordered) and JS -> C listeners. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

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

static void *emitter(void *app)
{
    for (int i = 0; i < 500; i++)
        sash_emit(app, "n", json_integer(i));
    return NULL;
}

static void emits_arrive_in_order_and_batched(void **state)
{
    sash_app *app = state[0];
    pthread_t t;
    pthread_create(&t, NULL, emitter, app);
    pthread_join(t, NULL);
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
    long ida = sash_listen(app, "clicked", on_event, &a);
    long idall = sash_listen(app, "*", on_event, &all);
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
    assert_int_equal(sash_listen(app, "", on_event, NULL), SASH_EINVAL);
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
    self_id = sash_listen(app, "e", unlisten_self, &n);
    fake_send(w, 1, "{\"event\":\"e\"}");
    fake_send(w, 2, "{\"event\":\"e\"}");
    assert_int_equal(n, 1);
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
        cmocka_unit_test_setup_teardown(ready_shows_window_once, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
