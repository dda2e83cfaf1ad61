/* Unit tests: command registry and static registration. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "fake_platform.h"

static void cmd_a(sash_call *c, const json_t *a, void *u) { (void)c; (void)a; (void)u; }
static void cmd_b(sash_call *c, const json_t *a, void *u) { (void)c; (void)a; (void)u; }

SASH_COMMAND(static_cmd)
{
    sash_resolve(call, json_string("static"));
}

static void add_find_remove(void **state)
{
    (void)state;
    sash__registry r;
    sash__registry_init(&r);
    int tag = 7;
    assert_int_equal(sash__registry_add(&r, "b", cmd_b, NULL, 0, NULL), 0);
    assert_int_equal(sash__registry_add(&r, "a", cmd_a, &tag, 1, NULL), 0);
    assert_int_equal(sash__registry_add(&r, "a", cmd_b, NULL, 0, NULL), SASH_EEXIST);
    sash__command c;
    assert_int_equal(sash__registry_find(&r, "a", &c), 0);
    assert_ptr_equal(c.fn, cmd_a);
    assert_ptr_equal(c.user_data, &tag);
    assert_int_equal(c.flags, 1);
    sash__command_release(c.use);
    assert_int_equal(sash__registry_find(&r, "zz", &c), SASH_ENOENT);
    assert_int_equal(sash__registry_remove(&r, "a"), 0);
    assert_int_equal(sash__registry_remove(&r, "a"), SASH_ENOENT);
    assert_int_equal(sash__registry_find(&r, "a", &c), SASH_ENOENT);
    assert_int_equal(sash__registry_find(&r, "b", &c), 0);
    sash__command_release(c.use);
    sash__registry_free(&r);
}

static void rejects_bad_input(void **state)
{
    (void)state;
    sash__registry r;
    sash__registry_init(&r);
    assert_int_equal(sash__registry_add(&r, NULL, cmd_a, NULL, 0, NULL), SASH_EINVAL);
    assert_int_equal(sash__registry_add(&r, "", cmd_a, NULL, 0, NULL), SASH_EINVAL);
    assert_int_equal(sash__registry_add(&r, "x", NULL, NULL, 0, NULL), SASH_EINVAL);
    assert_int_equal(sash_command(NULL, "x", cmd_a, NULL, 0), SASH_EINVAL);
    sash__registry_free(&r);
}

/* Many names, inserted out of order, all found (the array stays sorted). */
static void many_names(void **state)
{
    (void)state;
    sash__registry r;
    sash__registry_init(&r);
    char name[32];
    for (int i = 0; i < 500; i++) {
        snprintf(name, sizeof name, "cmd%d", (i * 7919) % 500);
        assert_int_equal(sash__registry_add(&r, name, cmd_a, NULL, 0, NULL), 0);
    }
    sash__command c;
    for (int i = 0; i < 500; i++) {
        snprintf(name, sizeof name, "cmd%d", i);
        assert_int_equal(sash__registry_find(&r, name, &c), 0);
        sash__command_release(c.use);
    }
    for (size_t i = 1; i < r.count; i++)
        assert_true(strcmp(r.items[i - 1].name, r.items[i].name) < 0);
    sash__registry_free(&r);
}

static void static_commands_registered(void **state)
{
    (void)state;
    sash_window *w;
    sash_app *app = fake_app_new(NULL, &w);
    assert_non_null(app);
    assert_int_equal(sash_capability_add(app, "{\"identifier\":\"t\","
                     "\"windows\":[\"main\"],\"permissions\":[\"static_cmd\"]}",
                     NULL, 0), 0);
    fake_send(w, 1, "{\"cmd\":\"static_cmd\"}");
    assert_int_equal(fake_pump_replies(app, 1), 1);
    assert_string_equal(fake_reply_get(0)->text, "{\"ok\":\"static\"}");
    assert_int_equal(sash_command(app, "static_cmd", cmd_a, NULL, 0), SASH_EEXIST);
    sash_app_free(app);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(add_find_remove),
        cmocka_unit_test(rejects_bad_input),
        cmocka_unit_test(many_names),
        cmocka_unit_test(static_commands_registered),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
