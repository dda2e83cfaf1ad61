/* API contract tests: the error table, the log function and last error,
 * option structs that can grow, explicit and module registration, call
 * references, and synchronous command removal.  In-memory backend. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#ifdef SASH_TEST_MODULE_PATH
#include <dlfcn.h>
#endif
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "../unit/fake_platform.h"
#include "modules.h"

static void grant(sash_app *app, const char *cmd)
{
    char cap[256];
    static int n;
    snprintf(cap, sizeof cap, "{\"identifier\":\"c%d\",\"windows\":[\"main\"],"
             "\"permissions\":[\"%s\"]}", ++n, cmd);
    assert_int_equal(sash_capability_add(app, cap, NULL, 0), 0);
}

/* Sends {"cmd": cmd} and returns the reply text (owned by the fake). */
static const char *invoke(sash_app *app, sash_window *w, int handle,
                          const char *cmd)
{
    char msg[128];
    snprintf(msg, sizeof msg, "{\"cmd\":\"%s\"}", cmd);
    int before = fake_reply_count();
    fake_send(w, handle, msg);
    fake_pump_replies(app, before + 1);
    fake_reply *r = fake_reply_for(handle);
    return r ? r->text : "(no reply)";
}

/* -- errors and logging --------------------------------------------------- */

static void error_table_is_complete(void **state)
{
    (void)state;
    assert_string_equal(sash_strerror(SASH_OK), "success");
    assert_string_equal(sash_err_name(SASH_OK), "SASH_OK");
    for (int e = -1; e > SASH__ERRNO_END - 12; e--) {
        if (e < -11)
            break;
        assert_string_not_equal(sash_strerror(e), "unknown error code");
        assert_true(strncmp(sash_err_name(e), "SASH_E", 6) == 0);
        for (int f = e - 1; f >= -11; f--)
            assert_string_not_equal(sash_strerror(e), sash_strerror(f));
    }
    assert_string_equal(sash_err_name(SASH_EFULL), "SASH_EFULL");
    assert_string_equal(sash_strerror(SASH_EFULL),
                        "the channel is full; the message was dropped");
    assert_string_equal(sash_strerror(-999), "unknown error code");
    assert_string_equal(sash_err_name(-999), "SASH_E?");
}

typedef struct captured {
    int count;
    sash_log_level level;
    char last[512];
} captured;

static void capture(sash_log_level level, const char *message, void *ud)
{
    captured *c = ud;
    c->count++;
    c->level = level;
    snprintf(c->last, sizeof c->last, "%s", message);
}

static void creation_failures_say_why(void **state)
{
    (void)state;
    captured log = {0};
    sash_set_log_fn(capture, &log);
    const char *msg;

    /* A broken sash.json: code, message naming the key, and the log. */
    sash_app_options o = {.config_json = "{\"app\":{\"widows\":[]}}"};
    assert_null(sash_app_new(&o));
    assert_int_equal(sash_last_error(&msg), SASH_ECONFIG);
    assert_non_null(strstr(msg, "app.widows"));
    assert_int_equal(log.level, SASH_LOG_ERROR);
    assert_non_null(strstr(log.last, "app.widows"));
    assert_int_equal(sash_last_error(NULL), 0); /* reading cleared it */

    /* Only one app per process. */
    sash_window *w;
    sash_app *app = fake_app_new(NULL, &w);
    assert_non_null(app);
    assert_null(sash_app_new(NULL));
    assert_int_equal(sash_last_error(&msg), SASH_EEXIST);
    assert_non_null(strstr(msg, "already exists"));

    /* Windows: a taken label, a missing label. */
    sash_window_options wo = {.label = "main"};
    assert_null(sash_window_new(app, &wo));
    assert_int_equal(sash_last_error(&msg), SASH_EEXIST);
    assert_non_null(strstr(msg, "'main'"));
    wo.label = NULL;
    assert_null(sash_window_new(app, &wo));
    assert_int_equal(sash_last_error(NULL), SASH_EINVAL);

    sash_set_log_fn(NULL, NULL);
    sash_app_free(app);
}

static int close_rc;
static void close_from_thread(void *w)
{
    close_rc = sash_window_close(w);
}

static void window_close_off_thread_is_refused(void **state)
{
    (void)state;
    sash_window *w;
    sash_app *app = fake_app_new(NULL, &w);
    sash__thread t;
    assert_int_equal(sash__thread_start(&t, close_from_thread, w), 0);
    sash__thread_join(t);
    assert_int_equal(close_rc, SASH_ETHREAD);
    assert_ptr_equal(sash_app_get_window(app, "main"), w); /* still open */
    assert_int_equal(sash_window_close(w), 0);
    assert_null(sash_app_get_window(app, "main"));
    assert_int_equal(sash_window_close(NULL), SASH_EINVAL);
    sash_app_free(app);
}

/* A binary built against an older, shorter sash_app_options passes its
 * own size: fields past it are not read, so garbage there is harmless. */
static void options_past_the_callers_size_are_not_read(void **state)
{
    (void)state;
    sash_app_options o = {.identifier = "org.example.old",
                          .config_json = "not json at all"};
    sash_app *app = sash_app_new_v(&o, offsetof(sash_app_options, config_json));
    assert_non_null(app);
    sash_app_free(app);
    assert_null(sash_app_new_v(&o, sizeof o)); /* the whole struct: read */
    assert_int_equal(sash_last_error(NULL), SASH_ECONFIG);
}

/* build.devUrl is used by a dev build (no embedded assets) only. */
static void dev_url_comes_from_the_config_in_dev_builds(void **state)
{
    (void)state;
    static const char cfg[] = "{\"app\":{\"identifier\":\"a.b\"},"
                              "\"build\":{\"devUrl\":\"http://localhost:5173\"}}";
    static const sash_asset page[] = {{"/index.html", (const unsigned char *)"x",
                                       1, "text/html", 0}};
    sash_app_options dev = {.config_json = cfg};
    sash_app *app = sash_app_new(&dev);
    assert_non_null(app);
    assert_true(sash__app_origin_allowed(app, "http://localhost:5173/x"));
    sash_app_free(app);
    sash_app_options release = {.config_json = cfg, .assets = page,
                                .asset_count = 1};
    app = sash_app_new(&release);
    assert_non_null(app);
    assert_false(sash__app_origin_allowed(app, "http://localhost:5173/x"));
    assert_true(sash__app_origin_allowed(app, "sash://app/index.html"));
    sash_app_free(app);
}

/* Navigation: the core decides; clicked http(s) links go out through the
 * backend's open_external() (or the app's handler), nothing else does. */
static int handled;
static void on_open(sash_app *app, const char *label, const char *url, void *ud)
{
    (void)app, (void)label, (void)url, (void)ud;
    handled++;
}

static void navigation_is_decided_in_the_core(void **state)
{
    (void)state;
    sash_window *w;
    sash_app *app = fake_app_new(NULL, &w);
    assert_true(sash__navigation_decide(w, "sash://app/next.html", 0, 0));
    assert_true(sash__navigation_decide(w, "about:blank", 0, 0));
    assert_false(sash__navigation_decide(w, "https://example.org/", 0, 0));
    assert_int_equal(fake_opened_count(), 0); /* a script redirect: dropped */
    assert_false(sash__navigation_decide(w, "https://example.org/", 0, 1));
    assert_int_equal(fake_opened_count(), 1); /* a click: the browser */
    assert_string_equal(fake_opened_get(0), "https://example.org/");
    assert_false(sash__navigation_decide(w, "file:///etc/passwd", 0, 1));
    assert_false(sash__navigation_decide(w, "sash://app/popup.html", 1, 1));
    assert_int_equal(fake_opened_count(), 1); /* neither goes out */
    assert_int_equal(sash_app_on_open_url(app, on_open, NULL), 0);
    assert_false(sash__navigation_decide(w, "http://example.org/", 1, 1));
    assert_int_equal(handled, 1);
    assert_int_equal(fake_opened_count(), 1);
    sash_app_free(app);
}

/* A backend whose view comes later (WebView2): scripts and events wait in
 * the core and go out in order when the view is ready. */
static void scripts_wait_for_the_view(void **state)
{
    (void)state;
    fake_view_ready_later = 1;
    sash_window *w;
    sash_app *app = fake_app_new(NULL, &w);
    fake_view_ready_later = 0;
    assert_non_null(w);
    assert_int_equal(sash_window_eval(w, "first()"), 0);
    assert_int_equal(sash_window_emit(w, "ev", json_integer(1)), 0);
    assert_int_equal(sash_window_eval(w, "second()"), 0);
    sash__app_drain(app);
    sash__events_flush(app);
    assert_int_equal(fake_eval_count(), 0); /* nothing reached the view */
    sash__window_view_ready(w);
    assert_true(fake_eval_count() >= 3);
    assert_string_equal(fake_eval_get(0), "first()");
    assert_string_equal(fake_eval_get(1), "second()");
    assert_non_null(strstr(fake_eval_get(2), "[\"ev\",1]"));
    sash_app_free(app);
}

/* -- registration --------------------------------------------------------- */

static void static_library_module_registers(void **state)
{
    (void)state;
    sash_window *w;
    sash_app *app = fake_app_new(NULL, &w);
    /* Its automatic registrations already ran (the link kept the object
     * because of module_static_register): explicit registration is
     * idempotent for the same functions. */
    assert_int_equal(module_static_register(app), 0);
    assert_int_equal(module_static_register(app), 0);
    grant(app, "static_ping");
    grant(app, "static_on_ui");
    assert_string_equal(invoke(app, w, 1, "static_ping"),
                        "{\"ok\":\"pong from a static library\"}");
    assert_string_equal(invoke(app, w, 2, "static_on_ui"),
                        "{\"ok\":\"ran on the UI thread\"}");
    sash_app_free(app);
}

static void cmd_x(sash_call *call, const json_t *args, void *ud)
{
    (void)args;
    (void)ud;
    sash_resolve(call, NULL);
}

static void cmd_y(sash_call *call, const json_t *args, void *ud)
{
    (void)args;
    (void)ud;
    sash_resolve(call, json_true());
}

static void commands_add_is_all_or_none(void **state)
{
    (void)state;
    sash_app *app = fake_app_new(NULL, NULL);
    assert_int_equal(sash_command(app, "taken", cmd_x, NULL, 0), 0);
    static const sash_command_def fresh = {"fresh", cmd_x, 0};
    static const sash_command_def clash = {"taken", cmd_y, 0};
    static const sash_command_def empty = {"", cmd_x, 0};
    const sash_command_def *defs[] = {&fresh, &clash};
    assert_int_equal(sash_commands_add(app, defs, 2), SASH_EEXIST);
    assert_int_equal(sash_command_remove(app, "fresh"), SASH_ENOENT);
    const sash_command_def *bad[] = {&fresh, &empty};
    assert_int_equal(sash_commands_add(app, bad, 2), SASH_EINVAL);
    assert_int_equal(sash_command_remove(app, "fresh"), SASH_ENOENT);
    const sash_command_def *null_entry[] = {NULL};
    assert_int_equal(sash_commands_add(app, null_entry, 1), SASH_EINVAL);
    assert_int_equal(sash_commands_add(app, defs, 1), 0);
    assert_int_equal(sash_command_remove(app, "fresh"), 0);
    assert_int_equal(sash_commands_add(NULL, defs, 1), SASH_EINVAL);
    sash_app_free(app);
}

#ifdef SASH_TEST_MODULE_PATH
static void dlopened_module_registers_into_the_live_app(void **state)
{
    (void)state;
    sash_window *w;
    sash_app *app = fake_app_new(NULL, &w);
    grant(app, "dl_hello");
    assert_string_equal(invoke(app, w, 1, "dl_hello"),
                        "{\"err\":{\"code\":\"not_found\",\"message\":"
                        "\"command 'dl_hello' not found\"}}");
    void *mod = dlopen(SASH_TEST_MODULE_PATH, RTLD_NOW | RTLD_LOCAL);
    if (!mod)
        fail_msg("dlopen: %s", dlerror());
    /* Loading it registered its SASH_COMMAND into the running app. */
    assert_string_equal(invoke(app, w, 2, "dl_hello"),
                        "{\"ok\":\"hello from a loaded module\"}");
    int (*reg)(sash_app *) =
        (int (*)(sash_app *))dlsym(mod, "module_dl_register");
    assert_non_null(reg);
    assert_int_equal(reg(app), 0);
    /* Unloading takes its commands out of the app: no dangling function. */
    dlclose(mod);
    assert_non_null(strstr(invoke(app, w, 3, "dl_hello"), "not_found"));
    sash_app_free(app);
}
#endif

/* -- command removal is synchronous ------------------------------------- */

static atomic_int slow_inside, slow_finished, victim_ran;

static void slow_cmd(sash_call *call, const json_t *args, void *ud)
{
    (void)args;
    (void)ud;
    atomic_store(&slow_inside, 1);
    fake_sleep_ms(200);
    atomic_store(&slow_finished, 1);
    sash_resolve(call, NULL);
}

static void victim_cmd(sash_call *call, const json_t *args, void *ud)
{
    (void)args;
    (void)ud;
    atomic_store(&victim_ran, 1);
    sash_resolve(call, NULL);
}

static void command_remove_waits_and_stops_queued_calls(void **state)
{
    (void)state;
    sash_window *w;
    sash_app_options o = {.worker_threads = 1};
    sash_app *app = fake_app_new(&o, &w);
    assert_int_equal(sash_command(app, "slow", slow_cmd, NULL, 0), 0);
    assert_int_equal(sash_command(app, "victim", victim_cmd, NULL, 0), 0);
    grant(app, "slow");
    grant(app, "victim");
    fake_send(w, 1, "{\"cmd\":\"slow\"}");
    while (!atomic_load(&slow_inside))
        fake_sleep_ms(1);
    /* The only worker is busy: this call waits in the queue. */
    fake_send(w, 2, "{\"cmd\":\"victim\"}");
    assert_int_equal(sash_command_remove(app, "victim"), 0);
    assert_int_equal(sash_command_remove(app, "slow"), 0);
    assert_int_equal(atomic_load(&slow_finished), 1); /* waited for it */
    fake_pump_replies(app, 2);
    assert_string_equal(fake_reply_for(1)->text, "{\"ok\":null}");
    assert_non_null(strstr(fake_reply_for(2)->text, "was removed"));
    assert_int_equal(atomic_load(&victim_ran), 0);
    sash_app_free(app);
}

/* A command removing itself must not wait for itself. */
static void remove_self(sash_call *call, const json_t *args, void *ud)
{
    (void)args;
    (void)ud;
    int rc = sash_command_remove(sash_call_app(call), "self_remover");
    sash_resolve(call, json_integer(rc));
}

static void a_command_may_remove_itself(void **state)
{
    (void)state;
    sash_window *w;
    sash_app *app = fake_app_new(NULL, &w);
    assert_int_equal(sash_command(app, "self_remover", remove_self, NULL, 0), 0);
    grant(app, "self_remover");
    assert_string_equal(invoke(app, w, 1, "self_remover"), "{\"ok\":0}");
    assert_non_null(strstr(invoke(app, w, 2, "self_remover"), "not_found"));
    sash_app_free(app);
}

/* -- call lifetime --------------------------------------------------------- */

static sash_call *_Atomic kept;

static void keeper(sash_call *call, const json_t *args, void *ud)
{
    (void)args;
    (void)ud;
    sash_call_ref(call);
    assert_int_equal(sash_resolve(call, json_string("first")), 0);
    atomic_store(&kept, call);
}

static void parker(sash_call *call, const json_t *args, void *ud)
{
    (void)args;
    (void)ud;
    sash_call_ref(call);
    atomic_store(&kept, call); /* completed later by the test */
}

static void a_reference_outlives_completion(void **state)
{
    (void)state;
    sash_window *w;
    sash_app *app = fake_app_new(NULL, &w);
    assert_int_equal(sash_command(app, "keeper", keeper, NULL, 0), 0);
    grant(app, "keeper");
    atomic_store(&kept, NULL);
    assert_string_equal(invoke(app, w, 1, "keeper"), "{\"ok\":\"first\"}");
    while (!atomic_load(&kept))
        fake_sleep_ms(1);
    sash_call *c = atomic_load(&kept);
    /* Completed and returned, but referenced: still valid (ASan checks). */
    assert_int_equal(sash_resolve(c, json_string("second")), SASH_EDONE);
    assert_int_equal(sash_reject(c, "x", "third"), SASH_EDONE);
    assert_int_equal(sash_resolve_bytes(c, "ab", 2, NULL), SASH_EDONE);
    assert_false(sash_call_cancelled(c));
    assert_string_equal(sash_call_command(c), "keeper");
    sash_call_unref(c);
    sash_call_ref(NULL);
    sash_call_unref(NULL);
    sash_app_free(app);
}

static void completion_reports_a_dropped_reply(void **state)
{
    (void)state;
    sash_window *w;
    sash_app *app = fake_app_new(NULL, &w);
    assert_int_equal(sash_command(app, "parker", parker, NULL, 0), 0);
    grant(app, "parker");
    /* Cancelled by the page (AbortSignal): the completion says so. */
    atomic_store(&kept, NULL);
    fake_send(w, 1, "{\"cmd\":\"parker\",\"id\":5}");
    while (!atomic_load(&kept))
        fake_sleep_ms(1);
    fake_send(w, 2, "{\"cancel\":5}");
    sash_call *c = atomic_load(&kept);
    assert_true(sash_call_cancelled(c));
    assert_int_equal(sash_resolve(c, json_true()), SASH_ECANCELLED);
    assert_int_equal(sash_resolve(c, json_true()), SASH_EDONE);
    sash_call_unref(c);
    /* Window closed while the call was parked. */
    atomic_store(&kept, NULL);
    fake_send(w, 3, "{\"cmd\":\"parker\"}");
    while (!atomic_load(&kept))
        fake_sleep_ms(1);
    c = atomic_load(&kept);
    assert_int_equal(sash_window_close(w), 0);
    assert_int_equal(sash_reject(c, "late", "nobody listens"), SASH_ECANCELLED);
    sash_call_unref(c);
    sash_app_free(app);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(error_table_is_complete),
        cmocka_unit_test(creation_failures_say_why),
        cmocka_unit_test(window_close_off_thread_is_refused),
        cmocka_unit_test(options_past_the_callers_size_are_not_read),
        cmocka_unit_test(dev_url_comes_from_the_config_in_dev_builds),
        cmocka_unit_test(navigation_is_decided_in_the_core),
        cmocka_unit_test(scripts_wait_for_the_view),
        cmocka_unit_test(static_library_module_registers),
        cmocka_unit_test(commands_add_is_all_or_none),
#ifdef SASH_TEST_MODULE_PATH
        cmocka_unit_test(dlopened_module_registers_into_the_live_app),
#endif
        cmocka_unit_test(command_remove_waits_and_stops_queued_calls),
        cmocka_unit_test(a_command_may_remove_itself),
        cmocka_unit_test(a_reference_outlives_completion),
        cmocka_unit_test(completion_reports_a_dropped_reply),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
