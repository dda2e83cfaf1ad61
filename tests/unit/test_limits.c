/* Unit tests: the dispatcher's security checks on the in-memory backend:
 * permissions (forbidden, no not_found leak), events, message size, depth,
 * calls in flight, and the app still working after each refusal. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "fake_platform.h"
#include "../../src/core/security/security.h"

static const char config[] =
    "{\"app\":{\"identifier\":\"dev.sash.limits\"},"
    " \"security\":{\"limits\":{\"maxMessageBytes\":1024,\"maxDepth\":4,"
    "   \"maxInFlight\":3},"
    "  \"capabilities\":[{\"identifier\":\"main\",\"windows\":[\"main\"],"
    "   \"permissions\":[\"echo\",\"hold\",\"ghost\",\"probe\",\"bytes\",\"fs:read\"],"
    "   \"scopes\":{\"fs\":{\"allow\":[\"" TEST_ROOT "/data/**\"],\"deny\":[\"" TEST_ROOT "/data/private/**\"]}}}]}}";

static sash_call *held[16];
static int nheld;

static void echo(sash_call *c, const json_t *args, void *u)
{
    (void)u;
    sash_resolve(c, json_deep_copy(args));
}

static void bytes(sash_call *c, const json_t *args, void *u)
{
    (void)args;
    (void)u;
    sash_resolve_bytes(c, (void *)"abc", 3, NULL); /* copied */
}

/* Completes later, from the test: keeps calls in flight. */
static void hold(sash_call *c, const json_t *args, void *u)
{
    (void)args;
    (void)u;
    held[nheld++] = c;
}

static void secret(sash_call *c, const json_t *args, void *u)
{
    (void)args;
    (void)u;
    sash_resolve(c, json_string("leaked"));
}

/* Answers what the permission and scope queries say for this call. */
static void probe(sash_call *c, const json_t *args, void *u)
{
    (void)u;
    const char *path = json_string_value(json_object_get(args, "path"));
    sash_resolve(c, json_pack("{s:b,s:b,s:b}",
                              "scope", sash_call_scope_allows(c, "fs", path),
                              "read", sash_call_has_permission(c, "fs:read"),
                              "write", sash_call_has_permission(c, "fs:write")));
}

static int setup(void **state)
{
    sash_window *w;
    sash_app_options o = {.config_json = config};
    sash_app *app = fake_app_new(&o, &w);
    if (!app || !w)
        return -1;
    sash_command(app, "echo", echo, NULL, 0);
    sash_command(app, "hold", hold, NULL, SASH_COMMAND_UI_THREAD);
    sash_command(app, "secret", secret, NULL, 0);
    sash_command(app, "bytes", bytes, NULL, 0);
    sash_command(app, "probe", probe, NULL, SASH_COMMAND_UI_THREAD);
    nheld = 0;
    state[0] = app;
    state[1] = w;
    return 0;
}

static int teardown(void **state)
{
    sash_app_free(state[0]);
    return 0;
}

/* Sends one message and returns its reply text. */
static const char *send(void **state, int handle, const char *msg)
{
    int before = fake_reply_count();
    fake_send(state[1], handle, msg);
    assert_int_equal(fake_pump_replies(state[0], before + 1), before + 1);
    fake_reply *r = fake_reply_for(handle);
    assert_non_null(r);
    assert_non_null(r->text);
    return r->text;
}

static void assert_code(const char *reply, const char *code)
{
    char want[64];
    snprintf(want, sizeof want, "\"code\":\"%s\"", code);
    if (!strstr(reply, want))
        fail_msg("want %s, got %s", code, reply);
}

static void forbidden_names_permission_and_window(void **state)
{
    const char *r = send(state, 1, "{\"cmd\":\"secret\",\"args\":{}}");
    assert_string_equal(r, "{\"err\":{\"code\":\"forbidden\",\"message\":"
        "\"command 'secret' is not allowed in window 'main' (missing permission "
        "'secret'; add it to a capability in sash.json)\"}}");
    /* Not registered and not granted: forbidden too, so a window cannot
     * probe which commands exist. */
    assert_code(send(state, 2, "{\"cmd\":\"no_such\"}"), "forbidden");
    /* Granted but not registered: now not_found is fair. */
    assert_code(send(state, 3, "{\"cmd\":\"ghost\"}"), "not_found");
    /* A permission set is named in the message when one holds the command. */
    const char *cmds[] = {"fs:write_file", NULL};
    assert_int_equal(sash_permission_define(state[0], "fs:write", cmds), 0);
    r = send(state, 4, "{\"cmd\":\"fs:write_file\"}");
    assert_non_null(strstr(r, "missing permission 'fs:write_file' or 'fs:write'"));
    assert_string_equal(send(state, 5, "{\"cmd\":\"echo\",\"args\":{\"a\":1}}"),
                        "{\"ok\":{\"a\":1}}");
}

static void other_windows_get_nothing(void **state)
{
    sash_window_options wo = {.label = "popup"};
    sash_window *popup = sash_window_new(state[0], &wo);
    assert_non_null(popup);
    fake_send(popup, 9, "{\"cmd\":\"echo\"}");
    assert_int_equal(fake_pump_replies(state[0], 1), 1);
    assert_code(fake_reply_for(9)->text, "forbidden");
    assert_non_null(strstr(fake_reply_for(9)->text, "window 'popup'"));
    /* Granting from C opens it, for that window only. */
    char err[256];
    assert_int_equal(sash_capability_add(state[0], "{\"identifier\":\"popup\","
                     "\"windows\":[\"pop*\"],\"permissions\":[\"echo\"]}", err,
                     sizeof err), 0);
    fake_send(popup, 10, "{\"cmd\":\"echo\"}");
    assert_int_equal(fake_pump_replies(state[0], 2), 2);
    assert_string_equal(fake_reply_for(10)->text, "{\"ok\":null}");
    assert_int_equal(sash_capability_add(state[0], "{\"identifier\":\"popup\","
                     "\"windows\":[\"x\"],\"permissions\":[\"y\"]}", err,
                     sizeof err), SASH_EEXIST);
    assert_int_equal(sash_capability_add(state[0], "{\"identifier\":\"q\","
                     "\"windows\":[\"x\"],\"permisions\":[\"y\"]}", err,
                     sizeof err), SASH_EINVAL);
    assert_string_equal(err, "sash.json: capability.permisions: unknown key "
                             "(did you mean \"permissions\"?)");
    assert_int_equal(sash_capability_add(state[0], "{", NULL, 0), SASH_EINVAL);
    assert_int_equal(sash_capability_add(NULL, "{}", NULL, 0), SASH_EINVAL);
}

static void events_need_their_permission(void **state)
{
    const char *r = send(state, 1, "{\"event\":\"clicked\",\"payload\":1}");
    assert_code(r, "forbidden");
    assert_non_null(strstr(r, "'" SASH_PERMISSION_EMIT "'"));
}

static void too_large_before_parsing(void **state)
{
    char msg[2048];
    int n = snprintf(msg, sizeof msg, "{\"cmd\":\"echo\",\"args\":{\"s\":\"");
    memset(msg + n, 'x', 1100);
    strcpy(msg + n + 1100, "\"}}");
    const char *r = send(state, 1, msg);
    assert_code(r, "too_large");
    assert_non_null(strstr(r, "maxMessageBytes"));
    /* Garbage that is too large is too_large, not bad_args: no parsing. */
    memset(msg, '{', 2000);
    msg[2000] = '\0';
    assert_code(send(state, 2, msg), "too_large");
    assert_string_equal(send(state, 3, "{\"cmd\":\"echo\"}"), "{\"ok\":null}");
}

static void too_deep(void **state)
{
    /* maxDepth 4: args may nest 4 levels, the envelope is not counted. */
    assert_string_equal(send(state, 1, "{\"cmd\":\"echo\",\"args\":{\"a\":[[[1]]]}}"),
                        "{\"ok\":{\"a\":[[[1]]]}}");
    const char *r = send(state, 2, "{\"cmd\":\"echo\",\"args\":{\"a\":[[[[1]]]]}}");
    assert_code(r, "too_deep");
    /* Brackets inside strings do not count. */
    assert_string_equal(send(state, 3, "{\"cmd\":\"echo\",\"args\":{\"s\":\"[[[[[[\\\"[[\"}}"),
                        "{\"ok\":{\"s\":\"[[[[[[\\\"[[\"}}");
    assert_code(send(state, 4, "{\"event\":\"e\",\"payload\":[[[[[1]]]]]}"), "too_deep");
    assert_code(send(state, 5, "[[[[[[[[[[[[[[[["), "too_deep");
}

static void depth_scanner(void **state)
{
    (void)state;
    assert_false(sash__json_too_deep("[[]]", 4, 2));
    assert_true(sash__json_too_deep("[[[]]]", 6, 2));
    assert_false(sash__json_too_deep("\"[[[[\"", 6, 1));
    assert_false(sash__json_too_deep("\"\\\"[[[[\"", 8, 1));
    assert_false(sash__json_too_deep("]]]]][[", 7, 2)); /* malformed: parser's job */
    assert_false(sash__json_too_deep("[\"\\", 3, 1)); /* escape at the end */
}

static void busy_when_too_many_in_flight(void **state)
{
    assert_int_equal(atomic_load(&((sash_window *)state[1])->in_flight), 0);
    for (int i = 0; i < 3; i++)
        fake_send(state[1], 100 + i, "{\"cmd\":\"hold\"}");
    assert_int_equal(nheld, 3);
    const char *r = send(state, 200, "{\"cmd\":\"echo\"}");
    assert_code(r, "busy");
    assert_non_null(strstr(r, "maxInFlight"));
    assert_code(send(state, 201, "{\"cmd\":\"hold\"}"), "busy");
    assert_int_equal(nheld, 3);
    /* Refusals are cheap and do not count; events are not calls. */
    assert_code(send(state, 202, "{\"cmd\":\"secret\"}"), "forbidden");
    int replies = fake_reply_count();
    for (int i = 0; i < 3; i++)
        sash_resolve(held[i], json_integer(i));
    assert_int_equal(fake_pump_replies(state[0], replies + 3), replies + 3);
    assert_int_equal(atomic_load(&((sash_window *)state[1])->in_flight), 0);
    assert_string_equal(send(state, 300, "{\"cmd\":\"echo\"}"), "{\"ok\":null}");
}

/* Bytes a JSON call answered wait, parked, for the page to fetch them: a
 * page that never does gets `busy` once maxInFlight of them wait, instead
 * of growing the app; fetching one (or a new page) frees room. */
static void untaken_bytes_count_as_in_flight(void **state)
{
    sash_window *w = state[1];
    char token[33] = "";
    for (int i = 0; i < 3; i++) {
        const char *r = send(state, 400 + i, "{\"cmd\":\"bytes\"}");
        const char *t = strstr(r, "\"bytes\":\"");
        assert_non_null(t);
        memcpy(token, t + 9, 32);
        token[32] = 0;
    }
    assert_int_equal(atomic_load(&w->in_flight), 3);
    assert_code(send(state, 410, "{\"cmd\":\"echo\"}"), "busy");
    void *data;
    size_t len;
    void (*free_fn)(void *);
    assert_int_equal(sash__ipc_take(w, token, &data, &len, &free_fn), 0);
    assert_memory_equal(data, "abc", 3);
    free_fn(data);
    assert_string_equal(send(state, 411, "{\"cmd\":\"echo\"}"), "{\"ok\":null}");
    sash__window_page_changed(w);
    assert_int_equal(atomic_load(&w->in_flight), 0);
}

static void scope_queries_from_a_command(void **state)
{
    assert_string_equal(send(state, 1, "{\"cmd\":\"probe\",\"args\":{\"path\":\"" TEST_ROOT "/data/a\"}}"),
                        "{\"ok\":{\"scope\":true,\"read\":true,\"write\":false}}");
    assert_string_equal(send(state, 2, "{\"cmd\":\"probe\",\"args\":{\"path\":\"" TEST_ROOT "/data/private/k\"}}"),
                        "{\"ok\":{\"scope\":false,\"read\":true,\"write\":false}}");
    assert_string_equal(send(state, 3, "{\"cmd\":\"probe\",\"args\":{\"path\":\"" TEST_ROOT "/data/../etc/passwd\"}}"),
                        "{\"ok\":{\"scope\":false,\"read\":true,\"write\":false}}");
    assert_string_equal(send(state, 4, "{\"cmd\":\"probe\",\"args\":{\"path\":\"data/a\"}}"),
                        "{\"ok\":{\"scope\":false,\"read\":true,\"write\":false}}");
    assert_false(sash_call_scope_allows(NULL, "fs", "/data/a"));
    assert_false(sash_call_has_permission(NULL, "fs:read"));
}

static void no_config_grants_nothing(void **state)
{
    (void)state;
    sash_window *w;
    sash_app *app = fake_app_new(NULL, &w);
    assert_non_null(app);
    sash_command(app, "echo", echo, NULL, 0);
    fake_send(w, 1, "{\"cmd\":\"echo\"}");
    assert_int_equal(fake_pump_replies(app, 1), 1);
    assert_code(fake_reply_for(1)->text, "forbidden");
    sash_app_free(app);
}

static void bad_config_fails_to_start(void **state)
{
    (void)state;
    sash_app_options o = {.config_json = "{\"app\":{\"identifier\":\"a.b\",\"nmae\":\"x\"}}"};
    sash_app *app = fake_app_new(&o, NULL);
    assert_null(app);
    /* The app slot is free again: a good config starts. */
    o.config_json = "{\"app\":{\"identifier\":\"a.b\",\"windows\":[{\"label\":\"w1\"},"
                    "{\"label\":\"w2\",\"create\":false}]}}";
    app = fake_app_new(&o, NULL);
    assert_non_null(app);
    assert_int_equal(sash_app_create_windows(app), 1);
    assert_non_null(sash_app_get_window(app, "w1"));
    assert_null(sash_app_get_window(app, "w2"));
    sash_app_free(app);
}

static void origins(void **state)
{
    (void)state;
    char o[64];
    assert_int_equal(sash__url_origin("HTTP://LocalHost:5173/a?b#c", o, sizeof o), 0);
    assert_string_equal(o, "http://localhost:5173");
    assert_int_equal(sash__url_origin("about:blank", o, sizeof o), -1);
    assert_int_equal(sash__url_origin("data:text/html,x", o, sizeof o), -1);
    assert_int_equal(sash__url_origin("http://user@evil/", o, sizeof o), -1);
    assert_int_equal(sash__url_origin("://x", o, sizeof o), -1);
    assert_int_equal(sash__url_origin("sash:///x", o, sizeof o), -1);
    assert_int_equal(sash__url_origin(NULL, o, sizeof o), -1);

    sash_app_options opt = {.dev_url = "http://localhost:5173/"};
    sash_app *app = fake_app_new(&opt, NULL);
    assert_non_null(app);
    assert_true(sash__app_origin_allowed(app, "sash://app/index.html"));
    assert_true(sash__app_origin_allowed(app, "SASH://APP/x"));
    assert_true(sash__app_origin_allowed(app, "http://localhost:5173/src/main.ts"));
    assert_false(sash__app_origin_allowed(app, "http://localhost:5174/"));
    assert_false(sash__app_origin_allowed(app, "https://localhost:5173/"));
    assert_false(sash__app_origin_allowed(app, "http://localhost:5173.evil.com/"));
    assert_false(sash__app_origin_allowed(app, "sash://app.evil/"));
    assert_false(sash__app_origin_allowed(app, "sash://evil/"));
    assert_false(sash__app_origin_allowed(app, "about:blank"));
    assert_false(sash__app_origin_allowed(app, NULL));
    assert_true(sash__app_navigation_allowed(app, "about:blank"));
    assert_true(sash__app_navigation_allowed(app, "about:srcdoc"));
    assert_false(sash__app_navigation_allowed(app, "data:text/html,<script>"));
    assert_false(sash__app_navigation_allowed(app, "https://example.org/"));
    assert_false(sash__app_navigation_allowed(app, "javascript:alert(1)"));
    sash_app_free(app);
    /* Without a dev URL only the app's own origin. */
    app = fake_app_new(NULL, NULL);
    assert_false(sash__app_origin_allowed(app, "http://localhost:5173/"));
    assert_non_null(sash__app_csp(app));
    assert_non_null(strstr(sash__app_csp(app), "script-src 'self' 'wasm-unsafe-eval';"));
    sash_app_free(app);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(forbidden_names_permission_and_window, setup, teardown),
        cmocka_unit_test_setup_teardown(other_windows_get_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(events_need_their_permission, setup, teardown),
        cmocka_unit_test_setup_teardown(too_large_before_parsing, setup, teardown),
        cmocka_unit_test_setup_teardown(too_deep, setup, teardown),
        cmocka_unit_test(depth_scanner),
        cmocka_unit_test_setup_teardown(busy_when_too_many_in_flight, setup, teardown),
        cmocka_unit_test_setup_teardown(untaken_bytes_count_as_in_flight, setup, teardown),
        cmocka_unit_test_setup_teardown(scope_queries_from_a_command, setup, teardown),
        cmocka_unit_test(no_config_grants_nothing),
        cmocka_unit_test(bad_config_fails_to_start),
        cmocka_unit_test(origins),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
