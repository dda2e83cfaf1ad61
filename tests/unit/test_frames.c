/* Unit tests: per-frame origin (docs/security.md "Frames") - the
 * capability key "frames", security.frameOrigins, the CSP's frame-src,
 * and the permission checks for a message of a same-origin subframe. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/core/security/config.h"
#include "../../src/core/security/security.h"
#include "fake_platform.h"
#include "sash.h"

static int parse(const char *security, sash__config *c, char *err, size_t n)
{
    char text[2048];
    snprintf(text, sizeof text, "{\"app\": {\"identifier\": \"dev.sash.f\"},"
             " \"security\": %s}", security);
    sash__vars v = {0};
    return sash__config_parse(text, strlen(text), &v, c, err, n);
}

static void parses_frames_keys(void **state)
{
    (void)state;
    sash__config c;
    char err[512];
    if (parse("{\"frameOrigins\": [\"https://www.youtube-nocookie.com\","
              " \"http://127.0.0.1:8080\"],"
              " \"capabilities\": ["
              "  {\"identifier\": \"a\", \"windows\": [\"*\"], \"permissions\": [\"x\"]},"
              "  {\"identifier\": \"b\", \"windows\": [\"*\"], \"frames\": \"top\","
              "   \"permissions\": [\"x\"]},"
              "  {\"identifier\": \"c\", \"windows\": [\"*\"],"
              "   \"frames\": \"same-origin\", \"permissions\": [\"y\"]}]}",
              &c, err, sizeof err) != 0)
        fail_msg("%s", err);
    assert_int_equal(c.frame_origins.n, 2);
    assert_string_equal(c.frame_origins.v[0], "https://www.youtube-nocookie.com");
    assert_string_equal(c.frame_origins.v[1], "http://127.0.0.1:8080");
    assert_int_equal(c.ncaps, 3);
    assert_int_equal(c.caps[0].frames, 0); /* default: the top frame only */
    assert_int_equal(c.caps[1].frames, 0);
    assert_int_equal(c.caps[2].frames, 1);
    sash__config_free(&c);
    /* Nothing by default. */
    assert_int_equal(parse("{}", &c, err, sizeof err), 0);
    assert_int_equal(c.frame_origins.n, 0);
    sash__config_free(&c);
}

static void rejects_bad_frames_keys(void **state)
{
    (void)state;
    static const struct {
        const char *security, *want;
    } cases[] = {
        {"{\"frameOrigins\": \"https://a.example\"}",
         "security.frameOrigins: expected an array of strings"},
        {"{\"frameOrigins\": [5]}", "security.frameOrigins[0]: expected a non-empty string"},
        {"{\"frameOrigins\": [\"https://a.example/\"]}",
         "security.frameOrigins[0]: expected an http(s) origin"},
        {"{\"frameOrigins\": [\"https://a.example/embed\"]}",
         "security.frameOrigins[0]: expected an http(s) origin"},
        {"{\"frameOrigins\": [\"https://A.example\"]}",
         "security.frameOrigins[0]: expected an http(s) origin"},
        {"{\"frameOrigins\": [\"https://*.example\"]}",
         "security.frameOrigins[0]: expected an http(s) origin"},
        {"{\"frameOrigins\": [\"*\"]}", "security.frameOrigins[0]: expected an http(s) origin"},
        {"{\"frameOrigins\": [\"sash://app\"]}",
         "security.frameOrigins[0]: expected an http(s) origin"},
        {"{\"frameOrigins\": [\"https://u@a.example\"]}",
         "security.frameOrigins[0]: expected an http(s) origin"},
        {"{\"frameOrigins\": [\"https://a.example; script-src *\"]}",
         "security.frameOrigins[0]: expected an http(s) origin"},
        {"{\"frameOrigin\": []}", "security.frameOrigin: unknown key"},
        {"{\"capabilities\": [{\"identifier\": \"a\", \"windows\": [\"*\"],"
         " \"frames\": \"all\", \"permissions\": [\"x\"]}]}",
         "security.capabilities[0].frames: expected \"top\" or \"same-origin\""},
        {"{\"capabilities\": [{\"identifier\": \"a\", \"windows\": [\"*\"],"
         " \"frames\": true, \"permissions\": [\"x\"]}]}",
         "security.capabilities[0].frames: expected a string"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        sash__config c;
        char err[512] = "";
        if (parse(cases[i].security, &c, err, sizeof err) == 0)
            fail_msg("accepted: %s", cases[i].security);
        if (!strstr(err, cases[i].want))
            fail_msg("%s\n  got:  %s\n  want: %s", cases[i].security, err,
                     cases[i].want);
    }
}

static void csp_frame_src(void **state)
{
    (void)state;
    sash__strv o = {0};
    char *same = sash__csp_with_frames(sash__default_csp, &o);
    assert_string_equal(same, sash__default_csp);
    free(same);
    sash__strv_push(&o, "https://a.example");
    sash__strv_push(&o, "http://127.0.0.1:9");
    char *csp = sash__csp_with_frames(sash__default_csp, &o);
    assert_non_null(strstr(csp, "; frame-src 'self' https://a.example "
                                "http://127.0.0.1:9; object-src 'none'"));
    assert_int_equal(strlen(csp), strlen(sash__default_csp) + 37);
    free(csp);
    /* A policy without that source (the app's own) is left alone. */
    char *own = sash__csp_with_frames("default-src 'none'", &o);
    assert_string_equal(own, "default-src 'none'");
    free(own);
    sash__strv_free(&o);
}

static void app_csp_and_listing(void **state)
{
    (void)state;
    sash_app_options opt = {
        .config_json = "{\"app\": {\"identifier\": \"dev.sash.f\"}, \"security\": {\"frameOrigins\": [\"https://v.example\"]}}"};
    sash_window *w;
    sash_app *app = fake_app_new(&opt, &w);
    assert_non_null(app);
    assert_non_null(strstr(sash__app_csp(app), "frame-src 'self' https://v.example;"));
    assert_int_equal(sash__app_frame_origins(app), 1);
    assert_true(sash__app_frame_origin_listed(app, "https://v.example/embed/x?y"));
    assert_true(sash__app_frame_origin_listed(app, "HTTPS://V.EXAMPLE/"));
    assert_false(sash__app_frame_origin_listed(app, "https://v.example:444/"));
    assert_false(sash__app_frame_origin_listed(app, "http://v.example/"));
    assert_false(sash__app_frame_origin_listed(app, "https://w.example/"));
    assert_false(sash__app_frame_origin_listed(app, NULL));
    /* Listed for iframes; never an origin allowed IPC or the top frame. */
    assert_false(sash__app_origin_allowed(app, "https://v.example/"));
    assert_false(sash__app_navigation_allowed(app, "https://v.example/"));
    sash_app_free(app);
    /* An app policy of its own is not rewritten. */
    opt.config_json = "{\"app\": {\"identifier\": \"dev.sash.f\"}, \"security\": {\"csp\": \"default-src 'self'\","
                      " \"frameOrigins\": [\"https://v.example\"]}}";
    app = fake_app_new(&opt, &w);
    assert_string_equal(sash__app_csp(app), "default-src 'self'");
    sash_app_free(app);
}

static void echo(sash_call *c, const json_t *args, void *u)
{
    (void)u;
    sash_resolve(c, json_deep_copy(args));
}

static void has_y(sash_call *c, const json_t *args, void *u)
{
    (void)args, (void)u;
    sash_resolve(c, json_pack("{s:b,s:b}", "x", sash_call_has_permission(c, "x"),
                              "y", sash_call_has_permission(c, "y")));
}

static const char *send(sash_app *app, sash_window *w, int subframe,
                        const char *msg)
{
    int before = fake_reply_count();
    sash__window_set_ipc_subframe(w, subframe);
    fake_send(w, 500 + before, msg);
    sash__window_set_ipc_subframe(w, 0);
    assert_int_equal(fake_pump_replies(app, before + 1), before + 1);
    return fake_reply_get(before)->text;
}

static void subframe_permissions(void **state)
{
    (void)state;
    sash_app_options opt = {.config_json =
        "{\"app\": {\"identifier\": \"dev.sash.f\"}, \"security\": {\"capabilities\": ["
        " {\"identifier\": \"top\", \"windows\": [\"main\"],"
        "  \"permissions\": [\"x\", \"has\", \"core:event:emit\"]},"
        " {\"identifier\": \"framed\", \"windows\": [\"main\"],"
        "  \"frames\": \"same-origin\", \"permissions\": [\"y\", \"has\"]}]}}"};
    sash_window *w;
    sash_app *app = fake_app_new(&opt, &w);
    assert_non_null(app);
    sash_command(app, "x", echo, NULL, 0);
    sash_command(app, "y", echo, NULL, 0);
    sash_command(app, "has", has_y, NULL, 0);
    fake_reset();
    /* The top frame: both capabilities. */
    assert_string_equal(send(app, w, 0, "{\"cmd\":\"x\",\"args\":{\"a\":1}}"),
                        "{\"ok\":{\"a\":1}}");
    assert_string_equal(send(app, w, 0, "{\"cmd\":\"y\",\"args\":{\"a\":2}}"),
                        "{\"ok\":{\"a\":2}}");
    assert_string_equal(send(app, w, 0, "{\"cmd\":\"has\"}"),
                        "{\"ok\":{\"x\":true,\"y\":true}}");
    /* A same-origin subframe: the "frames" capability only. */
    const char *r = send(app, w, 1, "{\"cmd\":\"x\",\"args\":{}}");
    assert_non_null(strstr(r, "\"code\":\"forbidden\""));
    assert_non_null(strstr(r, "from a subframe"));
    assert_string_equal(send(app, w, 1, "{\"cmd\":\"y\",\"args\":{\"a\":3}}"),
                        "{\"ok\":{\"a\":3}}");
    /* sash_call_has_permission() answers for the calling frame. */
    assert_string_equal(send(app, w, 1, "{\"cmd\":\"has\"}"),
                        "{\"ok\":{\"x\":false,\"y\":true}}");
    /* Events: core:event:emit is granted to the top frame only. */
    assert_non_null(strstr(send(app, w, 1, "{\"event\":\"e\",\"payload\":1}"),
                           "\"code\":\"forbidden\""));
    assert_string_equal(send(app, w, 0, "{\"event\":\"e\",\"payload\":1}"),
                        "{\"ok\":null}");
    /* The frame is per message: the next top-frame message is the top's. */
    assert_string_equal(send(app, w, 0, "{\"cmd\":\"x\",\"args\":{}}"), "{\"ok\":{}}");
    sash_app_free(app);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parses_frames_keys),
        cmocka_unit_test(rejects_bad_frames_keys),
        cmocka_unit_test(csp_frame_src),
        cmocka_unit_test(app_csp_and_listing),
        cmocka_unit_test(subframe_permissions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
