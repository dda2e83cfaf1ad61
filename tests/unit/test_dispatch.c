/* Unit tests: dispatcher, calls, completion, UI-thread tasks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "fake_platform.h"
#include "ipc/envelope_head.h"

static atomic_int second_resolve_rc, second_reject_rc;

static void echo(sash_call *c, const json_t *args, void *u)
{
    (void)u;
    sash_resolve(c, json_deep_copy(args));
}

static void fail_cmd(sash_call *c, const json_t *args, void *u)
{
    (void)args;
    (void)u;
    sash_reject(c, "my_code", "failed %d", 42);
}

static void where(sash_call *c, const json_t *args, void *u)
{
    (void)args;
    (void)u;
    sash_resolve(c, json_boolean(sash__is_ui_thread(sash_call_app(c))));
}

static void twice(sash_call *c, const json_t *args, void *u)
{
    (void)args;
    (void)u;
    sash_resolve(c, json_integer(1));
    atomic_store(&second_resolve_rc, sash_resolve(c, json_integer(2)));
    atomic_store(&second_reject_rc, sash_reject(c, "x", "y"));
}

static void later_thread(void *c)
{
    fake_sleep_ms(50);
    sash_resolve(c, json_string("later"));
    return;
}

static void later(sash_call *c, const json_t *args, void *u)
{
    (void)args;
    (void)u;
    sash__thread t;
    sash__thread_start(&t, later_thread, c);
    sash__thread_detach(t);
}

static void slow(sash_call *c, const json_t *args, void *u)
{
    (void)args;
    (void)u;
    fake_sleep_ms(200);
    sash_resolve(c, json_true());
}

static int setup(void **state)
{
    sash_window *w;
    sash_app *app = fake_app_new(NULL, &w);
    if (!app || !w)
        return -1;
    sash_command(app, "echo", echo, NULL, 0);
    sash_command(app, "fail", fail_cmd, NULL, 0);
    sash_command(app, "where", where, NULL, 0);
    sash_command(app, "where_ui", where, NULL, SASH_COMMAND_UI_THREAD);
    sash_command(app, "twice", twice, NULL, 0);
    sash_command(app, "later", later, NULL, 0);
    sash_command(app, "slow", slow, NULL, 0);
    sash_command(app, "secret", echo, NULL, 0); /* registered, not granted */
    sash_command_typed(app, "typed", echo, NULL, 0, "{s: string, n: int}", "any");
    /* Deny by default: grant what these tests call ("nope" is granted but
     * not registered, so it must come back not_found). */
    if (sash_capability_add(app, "{\"identifier\":\"t\",\"windows\":"
            "[\"main\",\"second\"],\"permissions\":[\"echo\",\"fail\","
            "\"where\",\"where_ui\",\"twice\",\"later\",\"slow\",\"nope\","
            "\"typed\"]}",
            NULL, 0) != 0)
        return -1;
    state[0] = app;
    return 0;
}

static int teardown(void **state)
{
    sash_app_free(state[0]);
    return 0;
}

static sash_window *main_window(void **state)
{
    return sash_app_get_window(state[0], "main");
}

/* Sends one message and returns the reply text (owned by the fake). */
static const char *roundtrip(void **state, const char *msg)
{
    int before = fake_reply_count();
    fake_send(main_window(state), 1000 + before, msg);
    assert_int_equal(fake_pump_replies(state[0], before + 1), before + 1);
    fake_reply *r = fake_reply_get(before);
    assert_int_equal(r->handle, 1000 + before);
    assert_false(r->dropped);
    return r->text;
}

static void resolves_with_json(void **state)
{
    assert_string_equal(roundtrip(state, "{\"cmd\":\"echo\",\"args\":{\"a\":[1,2.5,\"x\"]}}"),
                        "{\"ok\":{\"a\":[1,2.5,\"x\"]}}");
    assert_string_equal(roundtrip(state, "{\"cmd\":\"echo\"}"), "{\"ok\":null}");
    assert_string_equal(roundtrip(state, "{\"cmd\":\"echo\",\"args\":null}"), "{\"ok\":null}");
    /* U+0000 inside a string arrives and returns whole. */
    assert_string_equal(roundtrip(state, "{\"cmd\":\"echo\",\"args\":{\"s\":\"a\\u0000b\"}}"),
                        "{\"ok\":{\"s\":\"a\\u0000b\"}}");
}

static void rejects_with_code_and_message(void **state)
{
    assert_string_equal(roundtrip(state, "{\"cmd\":\"fail\",\"args\":{}}"),
                        "{\"err\":{\"code\":\"my_code\",\"message\":\"failed 42\"}}");
}

static void unknown_command_is_not_found(void **state)
{
    const char *r = roundtrip(state, "{\"cmd\":\"nope\",\"args\":{}}");
    assert_non_null(strstr(r, "\"code\":\"not_found\""));
    assert_non_null(strstr(r, "nope"));
}

static void malformed_messages_are_bad_args(void **state)
{
    static const char *bad[] = {
        "", "not json", "[1,2]", "\"str\"", "{}", "{\"cmd\":5}", "{\"cmd\":\"\"}",
        "{\"cmd\":\"echo\",\"args\":[1]}", "{\"cmd\":\"echo\",\"args\":\"s\"}",
        "{\"cmd\":\"echo\",\"args\":3}", "{\"event\":7}", "{\"cmd\":\"echo\"",
        "{\"cmd\":\"echo\",\"args\":{\"a\":\"\\ud800\"}}",
        "{\"cmd\":\"ec\\u0000ho\"}", "{\"event\":\"e\\u0000x\"}",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        const char *r = roundtrip(state, bad[i]);
        if (!strstr(r, "\"code\":\"bad_args\""))
            fail_msg("message %zu (%s) got %s", i, bad[i], r);
        /* Sash's words, not the JSON parser's. */
        if (strstr(r, "expected") || strstr(r, "JSON_ALLOW_NUL") || strstr(r, "near"))
            fail_msg("message %zu (%s) quotes the parser: %s", i, bad[i], r);
    }
}

static void commands_run_off_the_ui_thread(void **state)
{
    assert_string_equal(roundtrip(state, "{\"cmd\":\"where\"}"), "{\"ok\":false}");
    assert_string_equal(roundtrip(state, "{\"cmd\":\"where_ui\"}"), "{\"ok\":true}");
}

static void thousand_calls_each_answered_once(void **state)
{
    fake_reset();
    char msg[64];
    for (int i = 0; i < 1000; i++) {
        snprintf(msg, sizeof msg, "{\"cmd\":\"echo\",\"args\":{\"i\":%d}}", i);
        fake_send(main_window(state), i, msg);
    }
    assert_int_equal(fake_pump_replies(state[0], 1000), 1000);
    fake_sleep_ms(20);
    sash__app_drain(state[0]);
    assert_int_equal(fake_reply_count(), 1000);
    static char seen[1000];
    memset(seen, 0, sizeof seen);
    for (int i = 0; i < 1000; i++) {
        fake_reply *r = fake_reply_get(i);
        assert_true(r->handle >= 0 && r->handle < 1000);
        assert_false(seen[r->handle]);
        seen[r->handle] = 1;
        snprintf(msg, sizeof msg, "{\"ok\":{\"i\":%d}}", r->handle);
        assert_string_equal(r->text, msg);
    }
}

static void second_completion_is_refused(void **state)
{
    int before = fake_reply_count();
    assert_string_equal(roundtrip(state, "{\"cmd\":\"twice\"}"), "{\"ok\":1}");
    fake_sleep_ms(20);
    sash__app_drain(state[0]);
    assert_int_equal(fake_reply_count(), before + 1);
    assert_int_equal(atomic_load(&second_resolve_rc), SASH_EDONE);
    assert_int_equal(atomic_load(&second_reject_rc), SASH_EDONE);
}

static void completes_after_returning(void **state)
{
    assert_string_equal(roundtrip(state, "{\"cmd\":\"later\"}"), "{\"ok\":\"later\"}");
}

static void completion_api_rejects_null(void **state)
{
    (void)state;
    assert_int_equal(sash_resolve(NULL, json_true()), SASH_EINVAL);
    assert_int_equal(sash_reject(NULL, "x", "y"), SASH_EINVAL);
}

static void reply_dropped_when_window_closed(void **state)
{
    sash_app *app = state[0];
    sash_window_options wo = {.label = "second"};
    sash_window *w = sash_window_new(app, &wo);
    assert_non_null(w);
    int before = fake_reply_count();
    fake_send(w, 77, "{\"cmd\":\"slow\"}");
    sash_window_close(w); /* while the call runs on a worker */
    assert_null(sash_app_get_window(app, "second"));
    assert_int_equal(fake_pump_replies(app, before + 1), before + 1);
    fake_reply *r = fake_reply_for(77);
    assert_non_null(r);
    assert_true(r->dropped);
}

static void ordered(sash_app *app, void *data)
{
    int *log = sash_app_get_user_data(app);
    log[++log[0]] = (int)(intptr_t)data;
    assert_true(sash__is_ui_thread(app));
}

static void dispatcher(void *app)
{
    for (intptr_t i = 1; i <= 100; i++)
        sash_app_dispatch(app, ordered, (void *)i);
    return;
}

static void dispatch_runs_in_order_on_ui_thread(void **state)
{
    sash_app *app = state[0];
    static int log[102];
    log[0] = 0;
    sash_app_set_user_data(app, log);
    sash__thread t;
    sash__thread_start(&t, dispatcher, app);
    sash__thread_join(t);
    sash__app_drain(app);
    assert_int_equal(log[0], 100);
    for (int i = 1; i <= 100; i++)
        assert_int_equal(log[i], i);
    assert_int_equal(sash_app_dispatch(app, NULL, NULL), SASH_EINVAL);
}

static void quitter(void *app)
{
    fake_sleep_ms(50);
    sash_app_quit(app, 7);
    return;
}

static void quit_from_another_thread(void **state)
{
    sash_app *app = state[0];
    sash__thread t;
    sash__thread_start(&t, quitter, app);
    assert_int_equal(sash_app_run(app), 7);
    sash__thread_join(t);
}

static void only_one_app(void **state)
{
    assert_null(sash__app_new_with(NULL, 0, &fake_platform));
    (void)state;
}

/* -- Large messages: parsed where the call runs (envelope_head.c) -------- */

/* {"cmd":"<cmd>",<mid>"args":{"s":"xxx...(n)"<tail>}<after>} */
static char *big_message(const char *cmd, const char *mid, size_t n,
                         const char *tail, const char *after)
{
    size_t cap = n + 256;
    char *m = malloc(cap);
    assert_non_null(m);
    int h = snprintf(m, cap, "{\"cmd\":\"%s\",%s\"args\":{\"s\":\"", cmd, mid);
    memset(m + h, 'x', n);
    snprintf(m + h + n, cap - (size_t)h - n, "\"%s}%s}", tail, after);
    return m;
}

static void envelope_head_reads_only_the_bridge_layout(void **state)
{
    (void)state;
    char name[16];
    long id = -1;
    static const char *const good[] = {
        "{\"cmd\":\"a:b\",\"args\":", "{\"cmd\":\"echo\",\"id\":7,\"args\":null}",
        "{\"rid\":3,\"cmd\":\"echo\",\"id\":0,\"args\":{}}",
    };
    static const long ids[] = {0, 7, 0};
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        assert_int_equal(sash__envelope_head(good[i], strlen(good[i]), name,
                                             sizeof name, &id), 0);
        assert_int_equal(id, ids[i]);
    }
    assert_string_equal(name, "echo");
    static const char *const bad[] = {
        "", "{", "{\"cmd\":\"\",\"args\":", "{\"cmd\":\"e\\\"x\",\"args\":",
        "{\"cmd\":\"e\\u0041\",\"args\":", "{ \"cmd\":\"echo\",\"args\":",
        "{\"cmd\":\"echo\",\"id\":07,\"args\":", "{\"cmd\":\"echo\",\"id\":-1,\"args\":",
        "{\"cmd\":\"echo\",\"id\":1234567890123456,\"args\":",
        "{\"cmd\":\"echo\",\"id\":1}", "{\"args\":{},\"cmd\":\"echo\"}",
        "{\"cmd\":\"averyveryverylongname\",\"args\":", "{\"cmd\":\"a\tb\",\"args\":",
        "{\"rid\":,\"cmd\":\"echo\",\"args\":", "{\"cmd\":\"echo\",\"args\"",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        if (sash__envelope_head(bad[i], strlen(bad[i]), name, sizeof name, &id) == 0)
            fail_msg("read a head from '%s'", bad[i]);
    /* Never reads past len. */
    assert_int_equal(sash__envelope_head("{\"cmd\":\"echo\",\"args\":", 10, name,
                                         sizeof name, &id), -1);
}

static void large_message_reaches_its_command_whole(void **state)
{
    size_t n = SASH__LATE_PARSE_MIN + 1000;
    char *m = big_message("echo", "\"id\":9,", n, "", "");
    const char *r = roundtrip(state, m);
    assert_int_equal(strlen(r), n + strlen("{\"ok\":{\"s\":\"\"}}"));
    assert_memory_equal(r, "{\"ok\":{\"s\":\"xxx", 14);
    free(m);
    /* A UI-thread command parses it on the UI thread, where it runs. */
    m = big_message("where_ui", "", n, "", "");
    assert_string_equal(roundtrip(state, m), "{\"ok\":true}");
    free(m);
}

/* The guard saw the head's command: a body that names another one (a
 * repeated key, which the parser takes last) must not run it. */
static void large_message_whose_body_disagrees_is_refused(void **state)
{
    size_t n = SASH__LATE_PARSE_MIN;
    char *m = big_message("echo", "", n, "", ",\"cmd\":\"fail\"");
    const char *r = roundtrip(state, m);
    assert_non_null(strstr(r, "\"bad_args\""));
    assert_non_null(strstr(r, "disagree"));
    assert_null(strstr(r, "my_code")); /* fail never ran */
    free(m);
    m = big_message("echo", "\"id\":4,", n, "", ",\"id\":5");
    assert_non_null(strstr(roundtrip(state, m), "disagree"));
    free(m);
}

static void large_message_is_guarded_before_it_is_parsed(void **state)
{
    size_t n = SASH__LATE_PARSE_MIN;
    /* Not granted: refused from the head, whatever follows. */
    char *m = big_message("secret", "", n, "", "");
    m[strlen(m) - 1] = '!';
    assert_non_null(strstr(roundtrip(state, m), "\"forbidden\""));
    free(m);
    /* Granted, broken after the head: bad_args from the worker's parse. */
    m = big_message("echo", "", n, "", "");
    m[strlen(m) - 1] = '\0';
    const char *r = roundtrip(state, m);
    assert_non_null(strstr(r, "\"bad_args\""));
    assert_non_null(strstr(r, "not valid JSON"));
    free(m);
    /* Arguments that are not an object. */
    m = big_message("echo", "", n, "", "");
    char *args = strstr(m, "\"args\":") + 7;
    *args = '['; /* {"s":"..."} -> ["s":...: invalid, still bad_args */
    assert_non_null(strstr(roundtrip(state, m), "\"bad_args\""));
    free(m);
}

static void large_message_to_a_typed_command_is_checked(void **state)
{
    size_t n = SASH__LATE_PARSE_MIN;
    char *m = big_message("typed", "", n, ",\"n\":\"1\"", "");
    const char *r = roundtrip(state, m);
    assert_non_null(strstr(r, "\"bad_args\""));
    assert_non_null(strstr(r, "args.n"));
    free(m);
    m = big_message("typed", "", n, ",\"n\":1", "");
    r = roundtrip(state, m);
    assert_memory_equal(r, "{\"ok\":{\"s\":\"xxx", 14);
    free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(resolves_with_json, setup, teardown),
        cmocka_unit_test_setup_teardown(rejects_with_code_and_message, setup, teardown),
        cmocka_unit_test_setup_teardown(unknown_command_is_not_found, setup, teardown),
        cmocka_unit_test_setup_teardown(malformed_messages_are_bad_args, setup, teardown),
        cmocka_unit_test_setup_teardown(commands_run_off_the_ui_thread, setup, teardown),
        cmocka_unit_test_setup_teardown(thousand_calls_each_answered_once, setup, teardown),
        cmocka_unit_test_setup_teardown(second_completion_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(completes_after_returning, setup, teardown),
        cmocka_unit_test_setup_teardown(completion_api_rejects_null, setup, teardown),
        cmocka_unit_test_setup_teardown(reply_dropped_when_window_closed, setup, teardown),
        cmocka_unit_test_setup_teardown(dispatch_runs_in_order_on_ui_thread, setup, teardown),
        cmocka_unit_test_setup_teardown(quit_from_another_thread, setup, teardown),
        cmocka_unit_test_setup_teardown(only_one_app, setup, teardown),
        cmocka_unit_test(envelope_head_reads_only_the_bridge_layout),
        cmocka_unit_test_setup_teardown(large_message_reaches_its_command_whole, setup, teardown),
        cmocka_unit_test_setup_teardown(large_message_whose_body_disagrees_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(large_message_is_guarded_before_it_is_parsed, setup, teardown),
        cmocka_unit_test_setup_teardown(large_message_to_a_typed_command_is_checked, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
