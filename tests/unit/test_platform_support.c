/* Unit tests: a backend table with entries missing (platform_support.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "fake_platform.h"

/* A table that lacks a required entry is refused with SASH_EPLATFORM
 * naming the entry, and the process can still make an app afterwards. */
static void required_entry_missing_is_refused(void **state)
{
    (void)state;
    static const char *entries[] = {"window_eval", "timer", "open_external"};
    for (size_t i = 0; i < sizeof entries / sizeof *entries; i++) {
        sash__platform p = fake_platform;
        if (i == 0)
            p.window_eval = NULL;
        else if (i == 1)
            p.timer = NULL;
        else
            p.open_external = NULL;
        sash_app_options o = {0};
        assert_null(sash__app_new_with(&o, sizeof o, &p));
        const char *msg = NULL;
        assert_int_equal(sash_last_error(&msg), SASH_EPLATFORM);
        assert_non_null(msg);
        assert_non_null(strstr(msg, entries[i]));
        assert_non_null(strstr(msg, "fake"));
    }
    sash__platform p = fake_platform;
    p.transport_js = NULL;
    sash_app_options o = {0};
    assert_null(sash__app_new_with(&o, sizeof o, &p));
    assert_int_equal(sash_last_error(NULL), SASH_EPLATFORM);
    assert_null(sash__app_new_with(&o, sizeof o, NULL));
    assert_int_equal(sash_last_error(NULL), SASH_EPLATFORM);
    /* Nothing was left half made: a complete table still works. */
    sash_window *w = NULL;
    sash_app *app = fake_app_new(NULL, &w);
    assert_non_null(app);
    assert_non_null(w);
    sash_app_free(app);
}

/* An optional feature missing: C gets SASH_EPLATFORM naming the feature
 * and the backend. */
static void unsupported_names_feature_and_backend(void **state)
{
    (void)state;
    sash_window *w = NULL;
    sash_app *app = fake_app_new(NULL, &w);
    assert_non_null(app);
    assert_int_equal(sash__unsupported(app, "sash_window_set_size"),
                     SASH_EPLATFORM);
    const char *msg = NULL;
    assert_int_equal(sash_last_error(&msg), SASH_EPLATFORM);
    assert_string_equal(msg, "sash_window_set_size is not supported on the "
                             "fake backend");
    sash_app_free(app);
}

static void needs_missing_entry(sash_call *c, const json_t *args, void *u)
{
    (void)args;
    (void)u;
    sash__reject_unsupported(c, "window:set_size");
}

/* ... and a page's call gets the code "unsupported". */
static void command_rejects_unsupported(void **state)
{
    (void)state;
    sash_window *w = NULL;
    sash_app *app = fake_app_new(NULL, &w);
    assert_non_null(app);
    assert_int_equal(sash_command(app, "window:set_size", needs_missing_entry,
                                  NULL, 0), 0);
    assert_int_equal(sash_capability_add(app, "{\"identifier\":\"t\","
        "\"windows\":[\"main\"],\"permissions\":[\"window:set_size\"]}",
        NULL, 0), 0);
    int before = fake_reply_count();
    fake_send(w, 7, "{\"cmd\":\"window:set_size\",\"args\":{}}");
    assert_int_equal(fake_pump_replies(app, before + 1), before + 1);
    fake_reply *r = fake_reply_for(7);
    assert_non_null(r);
    assert_false(r->dropped);
    assert_string_equal(r->text, "{\"err\":{\"code\":\"unsupported\",\"message\":"
                        "\"window:set_size is not supported on the fake "
                        "backend\"}}");
    sash_app_free(app);
}

/* A backend without a tray (GTK4): sash_tray_new says so, naming itself
 * and the backend. */
static void tray_new_without_a_tray(void **state)
{
    (void)state;
    sash__platform p = fake_platform;
    p.tray_create = NULL;
    sash_app_options o = {0};
    sash_app *app = sash__app_new_with(&o, sizeof o, &p);
    assert_non_null(app);
    static const unsigned char png[8] = {0x89, 'P', 'N', 'G', 13, 10, 26, 10};
    assert_null(sash_tray_new(app, "t", png, sizeof png));
    const char *msg = NULL;
    assert_int_equal(sash_last_error(&msg), SASH_EPLATFORM);
    assert_string_equal(msg, "sash_tray_new is not supported on the fake "
                             "backend");
    sash_app_free(app);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tray_new_without_a_tray),
        cmocka_unit_test(required_entry_missing_is_refused),
        cmocka_unit_test(unsupported_names_feature_and_backend),
        cmocka_unit_test(command_rejects_unsupported),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
