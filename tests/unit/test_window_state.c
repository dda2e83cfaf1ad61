/*
 * test_window_state.c - windows on the fake backend: options, getters and
 * setters, bad input, window:* commands and their permissions, events to C
 * listeners, and the close request with its vetoes and its bounded wait.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fake_platform.h"

static int handle = 1;

static int setup(void **state)
{
    sash_window *w;
    state[0] = fake_app_new(NULL, &w);
    return state[0] && w && sash_window_enable(state[0]) == 0 &&
           sash_window_enable(state[0]) == 0 ? 0 : -1;
}

static int teardown(void **state)
{
    sash_app_free(state[0]);
    return 0;
}

static void grant(sash_app *app, const char *id, const char *window,
                  const char *perms)
{
    char json[1024], err[256];
    snprintf(json, sizeof json, "{\"identifier\":\"%s\",\"windows\":[\"%s\"],"
             "\"permissions\":[%s]}", id, window, perms);
    assert_int_equal(sash_capability_add(app, json, err, sizeof err), 0);
}

/* Invokes cmd from window w and returns the reply text (static). */
static const char *call(sash_app *app, sash_window *w, const char *cmd,
                        const char *args)
{
    static char out[4096];
    char msg[2048];
    int h = handle++;
    snprintf(msg, sizeof msg, "{\"cmd\":\"%s\",\"args\":%s}", cmd,
             args ? args : "null");
    fake_send(w, h, msg);
    for (int i = 0; i < 1000 && !fake_reply_for(h); i++)
        fake_pump_once(app, 5);
    fake_reply *r = fake_reply_for(h);
    snprintf(out, sizeof out, "%s", r && r->text ? r->text : "(none)");
    return out;
}

#define ASSERT_HAS(text, part)                                               \
    do {                                                                     \
        const char *t_ = (text);                                             \
        if (!strstr(t_, part))                                               \
            fail_msg("'%s' lacks '%s'", t_, part);                           \
    } while (0)

static void c_getters_and_setters(void **state)
{
    sash_app *app = state[0];
    sash_window *w = sash_app_get_window(app, "main");
    int a, b;
    assert_int_equal(sash_window_get_size(w, &a, &b), 0);
    assert_int_equal(a, 800);
    assert_int_equal(b, 600);
    assert_int_equal(sash_window_set_size(w, 640, 480), 0);
    assert_int_equal(sash_window_get_size(w, &a, &b), 0);
    assert_int_equal(a * 1000 + b, 640480);
    assert_int_equal(sash_window_set_position(w, -20, 35), 0);
    assert_int_equal(sash_window_get_position(w, &a, &b), 0);
    assert_int_equal(a, -20);
    assert_int_equal(b, 35);
    assert_int_equal(sash_window_set_attrib(w, SASH_WINDOW_MAXIMIZED, 1), 0);
    assert_int_equal(sash_window_get_attrib(w, SASH_WINDOW_MAXIMIZED), 1);
    assert_int_equal(sash_window_set_attrib(w, SASH_WINDOW_MAXIMIZED, 0), 0);
    assert_int_equal(sash_window_get_attrib(w, SASH_WINDOW_MAXIMIZED), 0);
    assert_int_equal(sash_window_get_attrib(w, SASH_WINDOW_DECORATED), 1);
    assert_int_equal(sash_window_set_title(w, "Hi"), 0);
    assert_string_equal(sash_window_get_title(w), "Hi");
    assert_int_equal(sash_window_center(w), 0);
    assert_int_equal(sash_window_get_position(w, &a, &b), 0);
    assert_int_equal(a, (1920 - 640) / 2);
    sash_monitor m[4];
    assert_int_equal(sash_app_monitors(app, m, 4), 2);
    assert_string_equal(m[1].name, "FAKE-2");
    assert_int_equal(sash_app_monitors(app, NULL, 0), 2);
    assert_int_equal(sash_window_set_position(w, 2000, 0), 0);
    assert_int_equal(sash_window_current_monitor(w, m), 0);
    assert_string_equal(m[0].name, "FAKE-2");
    assert_true(sash_window_scale_factor(w) == 2.0);
}

static void c_bad_input(void **state)
{
    sash_app *app = state[0];
    sash_window *w = sash_app_get_window(app, "main");
    assert_int_equal(sash_window_set_size(w, -1, 10), SASH_EINVAL);
    assert_int_equal(sash_window_set_size(w, 10, 200000), SASH_EINVAL);
    assert_int_equal(sash_window_set_position(w, 2000000, 0), SASH_EINVAL);
    assert_int_equal(sash_window_set_size_limits(w, 500, 500, 400, 0), SASH_EINVAL);
    assert_int_equal(sash_window_set_size_limits(w, -1, 0, 0, 0), SASH_EINVAL);
    assert_int_equal(sash_window_set_size_limits(w, 300, 200, 900, 700), 0);
    int l[4];
    assert_int_equal(sash_window_get_size_limits(w, &l[0], &l[1], &l[2], &l[3]), 0);
    assert_int_equal(l[0] + l[1] * 10 + l[2] * 100 + l[3] * 1000, 300 + 2000 + 90000 + 700000);
    assert_int_equal(sash_window_set_size(w, 1000, 500), SASH_EINVAL);
    assert_int_equal(sash_window_set_attrib(w, 99, 1), SASH_EINVAL);
    assert_int_equal(sash_window_set_attrib(w, SASH_WINDOW_FOCUSED, 0), SASH_EINVAL);
    assert_int_equal(sash_window_set_attrib(w, SASH_WINDOW_RESIZABLE, 2), SASH_EINVAL);
    assert_int_equal(sash_window_get_attrib(w, 0), SASH_EINVAL);
    assert_int_equal(sash_window_set_size(NULL, 1, 1), SASH_EINVAL);
    assert_int_equal(sash_app_monitors(app, NULL, 3), SASH_EINVAL);
    sash_window_options o = {.label = "x", .min_width = 900, .max_width = 100};
    assert_null(sash_window_new(app, &o));
    sash_window_options p = {.label = "y", .parent = "ghost"};
    assert_null(sash_window_new(app, &p));
    assert_int_equal(sash_last_error(NULL), SASH_ENOENT);
    sash_window_options u = {.label = "z", .url = "https://evil.example/"};
    assert_null(sash_window_new(app, &u));
    sash_window_options ok = {.label = "z", .url = "sash://app/second.html",
                              .has_position = 1, .x = 10, .y = 20,
                              .hidden = 1, .parent = "main"};
    sash_window *z = sash_window_new(app, &ok);
    assert_non_null(z);
    int x, y;
    sash_window_get_position(z, &x, &y);
    assert_int_equal(x * 100 + y, 1020);
    assert_int_equal(sash_window_get_attrib(z, SASH_WINDOW_VISIBLE), 0);
    fake_send(z, handle++, "{\"ready\":true}");
    assert_int_equal(sash_window_get_attrib(z, SASH_WINDOW_VISIBLE), 0);
}

/* A program built before the appended fields passes the old size: what
 * follows is not read, whatever the memory holds. */
static void old_programs_get_zero_defaults(void **state)
{
    sash_app *app = state[0];
    sash_window_options o;
    memset(&o, 0xff, sizeof o); /* garbage in every appended field */
    o.label = "old";
    o.title = NULL;
    o.width = 300;
    o.height = 200;
    o.min_width = o.min_height = 0;
    o.fixed_size = o.no_center = 0;
    o.path = NULL;
    sash_window *w = sash_window_new_v(app, &o,
                                       offsetof(sash_window_options, has_position));
    assert_non_null(w);
    assert_int_equal(sash_window_get_attrib(w, SASH_WINDOW_DECORATED), 1);
    assert_int_equal(sash_window_get_attrib(w, SASH_WINDOW_VISIBLE), 1);
    assert_int_equal(sash_window_get_attrib(w, SASH_WINDOW_ALWAYS_ON_TOP), 0);
    assert_int_equal(sash_window_get_attrib(w, SASH_WINDOW_FULLSCREEN), 0);
    int x, y;
    sash_window_get_position(w, &x, &y);
    assert_int_equal(x, (1920 - 300) / 2); /* centered, as before */
}

/* A request entry that cannot be done where the backend runs (GTK4 on
 * Wayland: positions) records "unsupported": C gets SASH_EPLATFORM naming
 * it, a page the code "unsupported"; an earlier, unrelated error does not
 * make a later request look refused. */
static void a_refused_request_is_reported(void **state)
{
    sash_app *app = state[0];
    sash_window *w = sash_app_get_window(app, "main");
    const char *msg = NULL;
    assert_int_equal(sash_window_set_size(w, -1, 10), SASH_EINVAL);
    assert_int_equal(sash_window_set_position(w, 10, 20), 0);
    fake_no_placement(1);
    assert_int_equal(sash_window_set_position(w, 30, 40), SASH_EPLATFORM);
    assert_int_equal(sash_last_error(&msg), SASH_EPLATFORM);
    ASSERT_HAS(msg, "window positions on this display is not supported");
    int x, y;
    sash_window_get_position(w, &x, &y);
    assert_int_equal(x * 100 + y, 1020);
    grant(app, "p", "main", "\"window:allow-set-position\"");
    const char *r = call(app, w, "window:set_position", "{\"x\":1,\"y\":2}");
    ASSERT_HAS(r, "\"unsupported\"");
    ASSERT_HAS(r, "window positions on this display");
    assert_int_equal(sash_window_set_size(w, 300, 200), 0);
    fake_no_placement(0);
    assert_int_equal(sash_window_set_position(w, 30, 40), 0);
}

static void commands_need_permissions(void **state)
{
    sash_app *app = state[0];
    sash_window *w = sash_app_get_window(app, "main");
    ASSERT_HAS(call(app, w, "window:state", NULL), "window:default");
    grant(app, "d", "main", "\"window:default\"");
    const char *r = call(app, w, "window:state", NULL);
    ASSERT_HAS(r, "\"width\":800");
    ASSERT_HAS(r, "\"label\":\"main\"");
    ASSERT_HAS(call(app, w, "window:set_size", "{\"width\":300,\"height\":200}"),
               "window:allow-set-size");
    grant(app, "s", "main", "\"window:allow-set-size\",\"window:allow-create\"");
    assert_string_equal(call(app, w, "window:set_size",
                             "{\"width\":300,\"height\":200}"), "{\"ok\":null}");
    int a, b;
    sash_window_get_size(w, &a, &b);
    assert_int_equal(a * 1000 + b, 300200);
    /* bad input */
    ASSERT_HAS(call(app, w, "window:set_size", "{\"width\":-5,\"height\":200}"),
               "bad_args");
    ASSERT_HAS(call(app, w, "window:set_size", "{\"width\":\"big\",\"height\":2}"),
               "must be a number");
    ASSERT_HAS(call(app, w, "window:set_size", "{\"width\":1e300,\"height\":2}"),
               "out of range");
    ASSERT_HAS(call(app, w, "window:set_size", "[1,2]"), "bad_args");
    ASSERT_HAS(call(app, w, "window:set_size", "{\"height\":2}"), "required");
    /* another window: not_found, then forbidden without other-windows */
    ASSERT_HAS(call(app, w, "window:state", "{\"label\":\"ghost\"}"),
               "forbidden");
    grant(app, "o", "main", "\"window:allow-other-windows\"");
    ASSERT_HAS(call(app, w, "window:state", "{\"label\":\"ghost\"}"),
               "not_found");
    /* create from the page: the new window has no grants of its own */
    r = call(app, w, "window:create", "{\"label\":\"kid\",\"url\":\"/kid.html\","
             "\"width\":320,\"height\":240,\"x\":5,\"y\":6}");
    assert_string_equal(r, "{\"ok\":{\"label\":\"kid\"}}");
    sash_window *kid = sash_app_get_window(app, "kid");
    assert_non_null(kid);
    ASSERT_HAS(call(app, kid, "window:state", NULL), "forbidden");
    ASSERT_HAS(call(app, w, "window:state", "{\"label\":\"kid\"}"),
               "\"width\":320");
    ASSERT_HAS(call(app, w, "window:create", "{\"label\":\"kid\"}"),
               "already exists");
    ASSERT_HAS(call(app, w, "window:create", "{\"label\":\"k2\",\"wdth\":3}"),
               "unknown option 'wdth'");
    ASSERT_HAS(call(app, w, "window:create", "{\"label\":\"k2\",\"url\":"
                    "\"https://evil.example/\"}"), "bad_args");
    ASSERT_HAS(call(app, w, "window:create", "{\"label\":\"k2\",\"minWidth\":500,"
                    "\"maxWidth\":100}"), "bad_args");
    ASSERT_HAS(call(app, w, "window:create", "{\"label\":\"k2\",\"parent\":"
                    "\"ghost\"}"), "not_found");
    ASSERT_HAS(call(app, w, "window:create", "{\"label\":\"\"}"), "bad_args");
    ASSERT_HAS(call(app, w, "window:create", "{\"label\":\"k3\",\"x\":5}"),
               "give both 'x' and 'y'");
    ASSERT_HAS(call(app, w, "window:create", "{\"label\":\"k3\",\"x\":5,"
                    "\"y\":null}"), "give both 'x' and 'y'");
    ASSERT_HAS(call(app, w, "window:create", "{\"label\":\"k3\",\"modal\":true}"),
               "modal needs a parent");
    ASSERT_HAS(call(app, w, "window:set_resizable", "{\"value\":1}"), "forbidden");
    grant(app, "r", "main", "\"window:allow-set-resizable\"");
    ASSERT_HAS(call(app, w, "window:set_resizable", "{\"value\":1}"),
               "must be a boolean, got a number");
    /* watch_close acts on the caller's own window, whatever label it names */
    assert_string_equal(call(app, w, "window:watch_close", "{\"label\":\"kid\"}"),
                        "{\"ok\":null}");
    assert_int_equal(kid->close_watch, 0);
    assert_int_equal(w->close_watch, 1);
    assert_null(sash_app_get_window(app, "k2"));
    /* emitTo: another window's page gets the event; sash: names refused */
    ASSERT_HAS(call(app, w, "window:emit_to", "{\"label\":\"kid\","
                    "\"event\":\"hi\"}"), "window:allow-emit-to");
    grant(app, "e", "main", "\"window:allow-emit-to\"");
    int before = fake_eval_count();
    assert_string_equal(call(app, w, "window:emit_to", "{\"label\":\"kid\","
                             "\"event\":\"hi\",\"payload\":{\"n\":1}}"),
                        "{\"ok\":null}");
    fake_pump_evals(app, before + 1);
    ASSERT_HAS(fake_eval_get(fake_eval_count() - 1), "[\"hi\",{\"n\":1}]");
    ASSERT_HAS(call(app, w, "window:emit_to", "{\"label\":\"kid\","
                    "\"event\":\"sash:window:moved\"}"), "reserved");
    ASSERT_HAS(call(app, w, "window:emit_to", "{\"label\":\"nope\","
                    "\"event\":\"hi\"}"), "not_found");
}

typedef struct seen {
    int count;
    char last[256];
    char from[64];
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

static void events_reach_c_and_js(void **state)
{
    sash_app *app = state[0];
    sash_window *w = sash_app_get_window(app, "main");
    seen resized = {0}, moved = {0}, focus = {0}, theme = {0}, gone = {0};
    sash_listen(app, SASH_EVENT_WINDOW_RESIZED, on_event, &resized, NULL);
    sash_listen(app, SASH_EVENT_WINDOW_MOVED, on_event, &moved, NULL);
    sash_listen(app, SASH_EVENT_WINDOW_FOCUSED, on_event, &focus, NULL);
    sash_listen(app, SASH_EVENT_WINDOW_THEME_CHANGED, on_event, &theme, NULL);
    sash_listen(app, SASH_EVENT_WINDOW_DESTROYED, on_event, &gone, NULL);
    sash_window_set_size(w, 500, 400);
    assert_int_equal(resized.count, 1);
    assert_string_equal(resized.last, "sash:window:resized={\"width\":500,\"height\":400}");
    assert_string_equal(resized.from, "main");
    assert_int_equal(moved.count, 0);
    sash_window_set_size(w, 500, 400); /* no change, no event */
    assert_int_equal(resized.count, 1);
    sash_window_set_position(w, 7, 8);
    assert_int_equal(moved.count, 1);
    seen scale = {0};
    sash_listen(app, SASH_EVENT_WINDOW_SCALE_CHANGED, on_event, &scale, NULL);
    sash_window_set_position(w, 2000, 8); /* onto the scale-2 monitor */
    assert_int_equal(scale.count, 1);
    assert_string_equal(scale.last, "sash:window:scale-changed={\"scale\":2.0}");
    sash_window_set_position(w, 2100, 8); /* same monitor: no event */
    assert_int_equal(scale.count, 1);
    sash_window_set_position(w, 7, 8);
    assert_int_equal(scale.count, 2);
    sash_window_set_attrib(w, SASH_WINDOW_FOCUSED, 1);
    assert_int_equal(focus.count, 1);
    fake_set_theme(app, SASH_THEME_DARK);
    assert_string_equal(theme.last, "sash:window:theme-changed={\"theme\":\"dark\"}");
    assert_int_equal(sash_app_theme(app), SASH_THEME_DARK);
    fake_set_theme(app, SASH_THEME_LIGHT);
    /* the page got them too */
    fake_pump_evals(app, 1);
    char *all = NULL;
    size_t n = 0;
    for (int i = 0; i < fake_eval_count(); i++) {
        const char *e = fake_eval_get(i);
        all = realloc(all, n + strlen(e) + 1);
        memcpy(all + n, e, strlen(e) + 1);
        n += strlen(e);
    }
    assert_non_null(all);
    ASSERT_HAS(all, "[\"sash:window:resized\",{\"width\":500,\"height\":400}]");
    ASSERT_HAS(all, "sash:window:theme-changed");
    free(all);
    sash_window_options o = {.label = "two"};
    sash_window *two = sash_window_new(app, &o);
    sash_window_close(two);
    assert_int_equal(gone.count, 1);
    assert_string_equal(gone.from, "two");
}

static int veto_all;
static int hook_calls;
static int hook(sash_app *app, const char *label, void *ud)
{
    (void)app;
    (void)label;
    (void)ud;
    hook_calls++;
    return veto_all;
}

static void close_requested_vetoes(void **state)
{
    sash_app *app = state[0];
    sash_window_options o = {.label = "two"};
    assert_non_null(sash_window_new(app, &o));
    sash_window *w = sash_app_get_window(app, "main");
    grant(app, "d", "main", "\"window:default\",\"window:allow-close\"");
    /* the C hook vetoes */
    assert_int_equal(sash_app_on_close_requested(app, hook, NULL), 0);
    veto_all = 1;
    sash__window_close_requested(w);
    assert_int_equal(hook_calls, 1);
    assert_ptr_equal(sash_app_get_window(app, "main"), w);
    /* the page vetoes: it watches, gets the request and says no */
    veto_all = 0;
    assert_string_equal(call(app, w, "window:watch_close", NULL), "{\"ok\":null}");
    assert_string_equal(call(app, w, "window:close", NULL), "{\"ok\":null}");
    assert_int_equal(hook_calls, 2);
    assert_true(w->close_pending > 0);
    char args[64];
    snprintf(args, sizeof args, "{\"id\":%ld,\"close\":false}", w->close_pending);
    assert_string_equal(call(app, w, "window:close_answer", args), "{\"ok\":null}");
    ASSERT_HAS(call(app, w, "window:close_answer", args), "not_found");
    /* still fully working */
    ASSERT_HAS(call(app, w, "window:state", NULL), "\"label\":\"main\"");
    /* a page that never answers: closed after the bound */
    sash__window_close_requested(w);
    assert_non_null(sash_app_get_window(app, "main"));
    for (int i = 0; i < 800 && sash_app_get_window(app, "main"); i++)
        fake_pump_once(app, 10);
    assert_null(sash_app_get_window(app, "main"));
    /* no watcher: closes at once; sash_window_request_close is the C way */
    sash_window *two = sash_app_get_window(app, "two");
    assert_int_equal(sash_window_request_close(two), 0);
    assert_null(sash_app_get_window(app, "two"));
}

static void config_window_keys(void **state)
{
    (void)state;
    static const struct { const char *json, *error; } cases[] = {
        {"{\"app\":{\"identifier\":\"a.b\",\"windows\":[{\"label\":\"m\",\"x\":1,\"y\":2,"
         "\"maxWidth\":900,\"maxHeight\":700,\"decorations\":false,"
         "\"alwaysOnTop\":true,\"fullscreen\":false,\"maximized\":true,"
         "\"minimized\":false,\"visible\":false,\"focus\":false,"
         "\"skipTaskbar\":true},{\"label\":\"s\",\"parent\":\"m\","
         "\"modal\":true}]}}", NULL},
        {"{\"app\":{\"identifier\":\"a.b\",\"windows\":[{\"label\":\"m\",\"x\":1}]}}",
         "sash.json: app.windows[0]: give both \"x\" and \"y\", or neither"},
        {"{\"app\":{\"identifier\":\"a.b\",\"windows\":[{\"label\":\"m\",\"minWidth\":500,"
         "\"maxWidth\":100}]}}",
         "sash.json: app.windows[0]: minWidth/minHeight is over maxWidth/maxHeight"},
        {"{\"app\":{\"identifier\":\"a.b\",\"windows\":[{\"label\":\"m\",\"alwaysOnTop\":1}]}}",
         "sash.json: app.windows[0].alwaysOnTop: expected true or false, got an integer"},
        {"{\"app\":{\"identifier\":\"a.b\",\"windows\":[{\"label\":\"m\",\"x\":1e9,\"y\":0}]}}",
         "app.windows[0].x"},
        {"{\"app\":{\"identifier\":\"a.b\",\"windows\":[{\"label\":\"m\",\"parent\":\"s\"},"
         "{\"label\":\"s\"}]}}",
         "sash.json: app.windows[0]: parent \"s\" is not the label of an earlier window"},
        {"{\"app\":{\"identifier\":\"a.b\",\"windows\":[{\"label\":\"m\",\"modal\":true}]}}",
         "sash.json: app.windows[0]: \"modal\" needs a \"parent\""},
        {"{\"app\":{\"identifier\":\"a.b\",\"windows\":[{\"label\":\"m\",\"alwaysOnTp\":true}]}}",
         "(did you mean \"alwaysOnTop\"?)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char err[512];
        int rc = sash_config_check(cases[i].json, err, sizeof err);
        if (!cases[i].error) {
            if (rc != 0)
                fail_msg("case %zu: %s", i, err);
            continue;
        }
        assert_int_equal(rc, SASH_ECONFIG);
        ASSERT_HAS(err, cases[i].error);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(c_getters_and_setters, setup, teardown),
        cmocka_unit_test_setup_teardown(c_bad_input, setup, teardown),
        cmocka_unit_test_setup_teardown(a_refused_request_is_reported, setup, teardown),
        cmocka_unit_test_setup_teardown(old_programs_get_zero_defaults, setup, teardown),
        cmocka_unit_test_setup_teardown(commands_need_permissions, setup, teardown),
        cmocka_unit_test_setup_teardown(events_reach_c_and_js, setup, teardown),
        cmocka_unit_test_setup_teardown(close_requested_vetoes, setup, teardown),
        cmocka_unit_test(config_window_keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
