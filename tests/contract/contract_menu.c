/*
 * contract_menu.c - the menu entries of the backend table (menu_bar_set,
 * menu_popup, menu_changed, menu_destroyed; src/core/platform.h) held to
 * their contract on every backend: what the bar shows follows the model,
 * a pick reaches C and the page as "sash:menu" with the item's id and the
 * window, a model update is never reported as a pick, and a freed menu
 * leaves nothing behind that a pick could reach.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "contract.h"

static const contract_driver *drv;

static const char config[] =
    "{\"app\":{\"identifier\":\"org.sash.contract\"},"
    "\"security\":{\"capabilities\":[{\"identifier\":\"c\",\"windows\":[\"main\"],"
    "\"permissions\":[\"core:event:emit\"]}]}}";

static const char menu_json[] =
    "[{\"text\":\"File\",\"items\":["
    "  {\"id\":\"save\",\"text\":\"Save\",\"accelerator\":\"CmdOrCtrl+S\"},"
    "  {\"kind\":\"check\",\"id\":\"wrap\",\"text\":\"Wrap\"},"
    "  {\"kind\":\"separator\"},"
    "  {\"text\":\"More\",\"items\":[{\"id\":\"deep\",\"text\":\"Deep\"}]}]}]";

static atomic_int picks;
static char last[256];

static void on_menu(sash_app *app, const char *label, const char *name,
                    const json_t *p, void *ud)
{
    (void)app, (void)label, (void)name, (void)ud;
    char *t = json_dumps(p, JSON_COMPACT | JSON_SORT_KEYS);
    snprintf(last, sizeof last, "%s", t ? t : "");
    free(t);
    atomic_fetch_add(&picks, 1);
}

static int setup(void **state)
{
    sash_app *app = drv->app_new(config, 2);
    if (!app)
        return -1;
    sash_listen(app, "sash:menu", on_menu, NULL, NULL);
    atomic_store(&picks, 0);
    last[0] = '\0';
    *state = app;
    return 0;
}

static int teardown(void **state)
{
    sash_app_free(*state);
    return 0;
}

static sash_window *main_window(void **state)
{
    sash_window *w = sash_app_get_window(state[0], "main");
    assert_non_null(w);
    return w;
}

static void pump(sash_app *app, int ms)
{
    atomic_int never = 0;
    drv->pump_until(app, &never, ms);
}

/* menu_bar_set + a pick: C and the page hear of it, with id and window. */
static void a_pick_in_the_bar_reaches_c_and_the_page(void **state)
{
    sash_app *app = state[0];
    CONTRACT_NEEDS(app, menu_bar_set);
    sash_window *w = main_window(state);
    sash_menu *m = sash_menu_new(app, menu_json);
    assert_non_null(m);
    assert_int_equal(sash_window_set_menu(w, m), 0);
    assert_int_equal(drv->menu_pick(app, w, "Save"), 0);
    assert_int_equal(atomic_load(&picks), 1);
    assert_string_equal(last, "{\"id\":\"save\",\"menu\":\"menu-1\",\"window\":\"main\"}");
    /* in a submenu too */
    assert_int_equal(drv->menu_pick(app, w, "Deep"), 0);
    assert_non_null(strstr(last, "\"deep\""));
    char buf[512];
    int n = -1;
    for (int i = 0; i < 200 && n < 2; i++) {
        n = drv->events_seen(app, w, "sash:menu", buf, sizeof buf);
        if (n < 2)
            pump(app, 20);
    }
    assert_int_equal(n, 2);
}

/* menu_changed: text, enabled, checked and the tree follow the model; an
 * update is not a pick. */
static void the_bar_follows_the_model(void **state)
{
    sash_app *app = state[0];
    CONTRACT_NEEDS(app, menu_bar_set);
    sash_window *w = main_window(state);
    sash_menu *m = sash_menu_new(app, menu_json);
    assert_int_equal(sash_window_set_menu(w, m), 0);
    assert_int_equal(sash_menu_set_text(m, "save", "Save All"), 0);
    assert_int_equal(drv->menu_pick(app, w, "Save"), -1);
    assert_int_equal(drv->menu_pick(app, w, "Save All"), 0);
    assert_non_null(strstr(last, "\"save\""));
    /* a check item: the pick toggles it, a set_checked is silent */
    assert_int_equal(sash_menu_set_checked(m, "wrap", 1), 0);
    pump(app, 20);
    assert_int_equal(atomic_load(&picks), 1);
    assert_int_equal(drv->menu_pick(app, w, "Wrap"), 0);
    assert_int_equal(sash_menu_is_checked(m, "wrap"), 0);
    assert_non_null(strstr(last, "\"checked\":false"));
    /* the tree: inserted items can be picked, removed ones cannot */
    assert_int_equal(sash_menu_insert(m, NULL, -1,
        "{\"text\":\"Help\",\"items\":[{\"id\":\"docs\",\"text\":\"Docs\"}]}"), 0);
    assert_int_equal(drv->menu_pick(app, w, "Docs"), 0);
    assert_non_null(strstr(last, "\"docs\""));
    assert_int_equal(sash_menu_remove(m, "save"), 0);
    assert_int_equal(drv->menu_pick(app, w, "Save All"), -1);
    /* a disabled item is not reported */
    int before = atomic_load(&picks);
    assert_int_equal(sash_menu_set_enabled(m, "docs", 0), 0);
    drv->menu_pick(app, w, "Docs");
    pump(app, 20);
    assert_int_equal(atomic_load(&picks), before);
}

/* menu_destroyed: a freed menu leaves the bar (and an open popup) */
static void a_freed_menu_leaves_bar_and_popup(void **state)
{
    sash_app *app = state[0];
    CONTRACT_NEEDS(app, menu_bar_set);
    sash_window *w = main_window(state);
    sash_menu *m = sash_menu_new(app, menu_json);
    sash_menu *ctx = sash_menu_new(app, "[{\"id\":\"x\",\"text\":\"X\"}]");
    assert_int_equal(sash_window_set_menu(w, m), 0);
    assert_int_equal(sash_menu_popup(ctx, w, 10, 10), 0);
    assert_int_equal(sash_menu_popup(ctx, w, -1, -1), 0); /* at the pointer */
    pump(app, 50);
    sash_menu_free(ctx);
    sash_menu_free(m);
    pump(app, 50);
    assert_int_equal(drv->menu_pick(app, w, "Save"), -1);
    /* a new bar, and then none */
    m = sash_menu_new(app, menu_json);
    assert_int_equal(sash_window_set_menu(w, m), 0);
    assert_int_equal(drv->menu_pick(app, w, "Save"), 0);
    assert_int_equal(sash_window_set_menu(w, NULL), 0);
    assert_int_equal(drv->menu_pick(app, w, "Save"), -1);
    assert_int_equal(atomic_load(&picks), 1);
    /* the window closes with a bar: nothing dangles (the app frees m) */
    assert_int_equal(sash_window_set_menu(w, m), 0);
    assert_int_equal(sash_window_close(w), 0);
    pump(app, 50);
}

static sash_menu *to_free;
static void free_on_pick(sash_app *app, const char *label, const char *name,
                         const json_t *p, void *ud)
{
    (void)app, (void)label, (void)name, (void)p, (void)ud;
    sash_menu_free(to_free); /* from inside the toolkit's activation */
    to_free = NULL;
}

/* menu_destroyed from inside the pick's own signal: nothing dangles. */
static void a_listener_may_free_the_menu_it_was_picked_from(void **state)
{
    sash_app *app = state[0];
    CONTRACT_NEEDS(app, menu_bar_set);
    sash_window *w = main_window(state);
    to_free = sash_menu_new(app, menu_json);
    assert_int_equal(sash_window_set_menu(w, to_free), 0);
    long id;
    assert_int_equal(sash_listen(app, "sash:menu", free_on_pick, NULL, &id), 0);
    assert_int_equal(drv->menu_pick(app, w, "Deep"), 0);
    assert_null(to_free);
    pump(app, 50);
    assert_int_equal(drv->menu_pick(app, w, "Save"), -1);
    sash_unlisten(app, id);
    /* the window still works */
    sash_menu *m = sash_menu_new(app, menu_json);
    assert_int_equal(sash_window_set_menu(w, m), 0);
    assert_int_equal(drv->menu_pick(app, w, "Save"), 0);
}

int contract_menu_run(const contract_driver *d)
{
    drv = d;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(a_pick_in_the_bar_reaches_c_and_the_page, setup, teardown),
        cmocka_unit_test_setup_teardown(the_bar_follows_the_model, setup, teardown),
        cmocka_unit_test_setup_teardown(a_freed_menu_leaves_bar_and_popup, setup, teardown),
        cmocka_unit_test_setup_teardown(a_listener_may_free_the_menu_it_was_picked_from, setup, teardown),
    };
    char name[64];
    snprintf(name, sizeof name, "%s menus", d->name);
    return cmocka_run_group_tests_name(name, tests, NULL, NULL);
}
