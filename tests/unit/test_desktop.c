/* Unit tests (fake backend): the desktop surface's core side.  Permission
 * sets deny until granted, a dialog pick grants that path to the window's
 * fs scope (deny patterns still win) until the window closes, the
 * SASH_TEST_DIALOG hook, the clipboard's checks, the opener's scheme
 * allow-list from sash.json. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fake_platform.h"
#include "calls/call.h"
#include "security/grants.h"

static const char config[] =
    "{\"app\":{\"identifier\":\"org.sash.desk\"},"
    "\"security\":{\"opener\":{\"schemes\":[\"https\",\"x-app\"]},"
    "\"capabilities\":[{\"identifier\":\"c\",\"windows\":[\"main\",\"aux\"],"
    "\"permissions\":[\"dialog:default\",\"clipboard:write\","
    "\"opener:default\",\"probe\"],"
    "\"scopes\":{\"fs\":{\"allow\":[],\"deny\":[\"" TEST_ROOT "/data/secret*\"]}}}]}}";

static sash_app *app;
static sash_window *win;
static int handle = 1;

/* probe {path}: what sash_call_scope_allows says for the caller. */
static void probe(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    const char *p = json_string_value(json_object_get(args, "path"));
    sash_resolve(call, json_boolean(sash_call_scope_allows(call, "fs", p)));
}

static int setup(void **state)
{
    (void)state;
    sash_app_options o = {.config_json = config};
    app = fake_app_new(&o, &win);
    if (!app || !win)
        return -1;
    if (sash_dialog_enable(app) || sash_clipboard_enable(app) ||
        sash_notification_enable(app) || sash_opener_enable(app) ||
        sash_command(app, "probe", probe, NULL, 0))
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    sash_app_free(app);
    unsetenv("SASH_TEST_DIALOG");
    return 0;
}

/* Sends cmd(args) from window w; returns the reply text (static). */
static const char *call_from(sash_window *w, const char *cmd, const char *args)
{
    static char out[2048];
    char msg[1024];
    int h = handle++;
    snprintf(msg, sizeof msg, "{\"cmd\":\"%s\",\"args\":%s}", cmd, args);
    fake_send(w, h, msg);
    for (int i = 0; i < 400 && !fake_reply_for(h); i++)
        fake_pump_once(app, 5);
    fake_reply *r = fake_reply_for(h);
    snprintf(out, sizeof out, "%s", r && r->text ? r->text : "(none)");
    return out;
}

static const char *call(const char *cmd, const char *args)
{
    return call_from(win, cmd, args);
}

static void reads_are_denied_until_granted(void **state)
{
    (void)state;
    const char *r = call("clipboard:read_text", "null");
    assert_non_null(strstr(r, "forbidden"));
    assert_non_null(strstr(r, "clipboard:read")); /* names its set */
    assert_non_null(strstr(call("notification:notify", "{\"title\":\"x\"}"),
                           "forbidden"));
    assert_null(strstr(call("clipboard:write_text", "{\"text\":\"ok\"}"),
                       "forbidden"));
}

static void a_pick_grants_that_path_until_the_window_closes(void **state)
{
    (void)state;
    const char *picked = "\"" TEST_ROOT "/data/report.csv\"";
    char args[256];
    snprintf(args, sizeof args, "{\"path\":%s}", picked);
    assert_string_equal(call("probe", args), "{\"ok\":false}");
    /* The page opens a dialog; the backend has it; the user picks. */
    fake_send(win, 900, "{\"cmd\":\"dialog:open\",\"args\":{\"title\":\"t\","
              "\"filters\":[{\"name\":\"CSV\",\"extensions\":[\"csv\"]}]}}");
    for (int i = 0; i < 100 && fake_dialog_count() == 0; i++)
        fake_pump_once(app, 5);
    assert_int_equal(fake_dialog_count(), 1);
    const sash_dialog_options *o = fake_dialog_options(0);
    assert_int_equal(o->kind, SASH_DIALOG_OPEN);
    assert_string_equal(o->title, "t");
    assert_int_equal(o->filter_count, 1);
    assert_string_equal(o->filters[0].extensions[0], "csv");
    const char *paths[] = {TEST_ROOT "/data/report.csv"};
    assert_int_equal(fake_dialog_answer(0, 0, 1, paths, 1), 0);
    fake_pump_replies(app, fake_reply_count() + 1);
    assert_non_null(fake_reply_for(900));
    assert_non_null(strstr(fake_reply_for(900)->text, "report.csv"));
    assert_string_equal(call("probe", args), "{\"ok\":true}");
    /* Only that path: not its neighbour, not a climb out of it. */
    assert_string_equal(call("probe", "{\"path\":\"" TEST_ROOT "/data/other.csv\"}"),
                        "{\"ok\":false}");
    assert_string_equal(call("probe", "{\"path\":\"" TEST_ROOT
                             "/data/report.csv/../other.csv\"}"),
                        "{\"ok\":false}");
    /* Not for another window. */
    sash_window_options wo = {.label = "main2"};
    sash_window *w2 = sash_window_new(app, &wo);
    assert_non_null(w2);
    assert_true(sash__window_scope_granted(win, "fs", TEST_ROOT "/data/report.csv"));
    assert_false(sash__window_scope_granted(w2, "fs", TEST_ROOT "/data/report.csv"));
    /* Gone with the window. */
    sash__window_ref(win);
    sash_window_close(win);
    assert_false(sash__window_scope_granted(win, "fs", TEST_ROOT "/data/report.csv"));
    sash__window_unref(win);
    win = w2;
}

static void deny_wins_over_a_pick(void **state)
{
    (void)state;
    assert_int_equal(sash_window_scope_grant(win, "fs", TEST_ROOT "/data/secret.txt", 0), 0);
    assert_string_equal(call("probe", "{\"path\":\"" TEST_ROOT "/data/secret.txt\"}"),
                        "{\"ok\":false}");
    assert_int_equal(sash_window_scope_grant(win, "fs", "relative", 0), SASH_EINVAL);
    assert_int_equal(sash_window_scope_grant(win, "fs", TEST_ROOT "/tree", 1), 0);
    assert_string_equal(call("probe", "{\"path\":\"" TEST_ROOT "/tree/a/b\"}"),
                        "{\"ok\":true}");
    assert_string_equal(call("probe", "{\"path\":\"" TEST_ROOT "/treetop\"}"),
                        "{\"ok\":false}");
}

static void the_test_hook_answers_in_order(void **state)
{
    (void)state;
    setenv("SASH_TEST_DIALOG", "[\"" TEST_ROOT "/h/a.txt\", null, true]", 1);
    assert_non_null(strstr(call("dialog:save", "{}"), "a.txt"));
    assert_string_equal(call("dialog:open", "{}"), "{\"ok\":null}");
    assert_string_equal(call("dialog:confirm", "{\"message\":\"m\"}"),
                        "{\"ok\":true}");
    assert_string_equal(call("dialog:ask", "{\"message\":\"m\"}"),
                        "{\"ok\":true}"); /* the last answer repeats */
    assert_int_equal(fake_dialog_count(), 0); /* nothing was shown */
    /* A page may attach its dialog to another window: the pick still
     * opens the asking window's scope, not that window's. */
    sash_window_options wo = {.label = "aux"};
    sash_window *aux = sash_window_new(app, &wo);
    assert_non_null(aux);
    setenv("SASH_TEST_DIALOG", "[\"" TEST_ROOT "/h/b.txt\"]", 1);
    assert_non_null(strstr(call("dialog:open", "{\"window\":\"aux\"}"), "b.txt"));
    assert_true(sash__window_scope_granted(win, "fs", TEST_ROOT "/h/b.txt"));
    assert_false(sash__window_scope_granted(aux, "fs", TEST_ROOT "/h/b.txt"));
    assert_non_null(strstr(call("dialog:open", "{\"window\":\"nope\"}"), "not_found"));
}

static void closing_a_window_cancels_its_dialog(void **state)
{
    (void)state;
    sash_window_options wo = {.label = "aux"};
    sash_window *aux = sash_window_new(app, &wo);
    assert_non_null(aux);
    fake_send(aux, 901, "{\"cmd\":\"dialog:ask\",\"args\":{\"message\":\"?\"}}");
    for (int i = 0; i < 100 && fake_dialog_count() == 0; i++)
        fake_pump_once(app, 5);
    assert_int_equal(fake_dialog_count(), 1);
    sash_window_close(aux);
    assert_int_equal(fake_dialog_count(), 0);
}

static void clipboard_checks_what_pages_send(void **state)
{
    (void)state;
    assert_non_null(strstr(call("clipboard:write_text", "{\"text\":\"a\\u0000b\"}"),
                           "bad_args"));
    assert_non_null(strstr(call("clipboard:write_text", "{\"text\":5}"), "bad_args"));
    assert_non_null(strstr(call("clipboard:write_image", "{}"), "bad_args"));
    static const unsigned char gif[] = "GIF89a..........................";
    assert_int_equal(sash_clipboard_write(app, SASH_CLIPBOARD_PNG, gif, sizeof gif),
                     SASH_EINVAL);
    assert_int_equal(sash_clipboard_write(app, SASH_CLIPBOARD_TEXT, "\xff\xfe", 2),
                     SASH_EINVAL);
    assert_int_equal(sash_clipboard_write(app, (sash_clipboard_format)9, "a", 1),
                     SASH_EINVAL);
    assert_int_equal(sash_clipboard_write(app, SASH_CLIPBOARD_TEXT, "ok", 2), 0);
}

static void opener_schemes_come_from_the_config(void **state)
{
    (void)state;
    assert_non_null(strstr(call("opener:open_url", "{\"url\":\"x-app://go\"}"), "\"ok\""));
    assert_non_null(strstr(call("opener:open_url", "{\"url\":\"HTTPS://e.test/\"}"), "\"ok\""));
    assert_non_null(strstr(call("opener:open_url", "{\"url\":\"http://e.test/\"}"), "forbidden"));
    assert_non_null(strstr(call("opener:open_url", "{\"url\":\"mailto:a@b\"}"), "forbidden"));
    assert_string_equal(fake_open_get(0), "x-app://go");
    assert_string_equal(fake_open_get(1), "HTTPS://e.test/");
    assert_null(fake_open_get(2));
    char err[256];
    assert_int_equal(sash_config_check("{\"app\":{\"identifier\":\"a.b\"},\"security\":"
                                       "{\"opener\":{\"schemes\":[\"HTTP:\"]}}}",
                                       err, sizeof err), SASH_ECONFIG);
    assert_non_null(strstr(err, "security.opener.schemes[0]"));
    assert_int_equal(sash_config_check("{\"app\":{\"identifier\":\"a.b\"},\"security\":"
                                       "{\"opener\":{\"scheme\":[]}}}",
                                       err, sizeof err), SASH_ECONFIG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(reads_are_denied_until_granted, setup, teardown),
        cmocka_unit_test_setup_teardown(a_pick_grants_that_path_until_the_window_closes, setup, teardown),
        cmocka_unit_test_setup_teardown(deny_wins_over_a_pick, setup, teardown),
        cmocka_unit_test_setup_teardown(the_test_hook_answers_in_order, setup, teardown),
        cmocka_unit_test_setup_teardown(closing_a_window_cancels_its_dialog, setup, teardown),
        cmocka_unit_test_setup_teardown(clipboard_checks_what_pages_send, setup, teardown),
        cmocka_unit_test_setup_teardown(opener_schemes_come_from_the_config, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
