/*
 * contract_drop.c - the window_drag_drop entry of the backend table
 * (src/core/platform.h) held to its contract on every backend: with drops
 * taken, a drag of files from another application reaches C listeners and
 * the page as enter / over / drop (or leave) with the canonical paths of
 * the existing files only, and the drop grants them to the window's fs
 * scope; with drops turned off (entry called with 0) the backend reports
 * nothing, and turned on again it does.
 */
#define _DEFAULT_SOURCE /* realpath, mkdtemp */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "contract.h"
#include "security/grants.h"

#ifdef _WIN32
/* No Windows backend takes drops yet (docs/porting.md), and the test's
 * files are made with POSIX calls (mkdtemp, realpath). */
int contract_drop_run(const contract_driver *d)
{
    (void)d;
    return 0;
}
#else
#include "../temp_dir.h"

static const contract_driver *drv;

static const char config[] =
    "{\"app\":{\"identifier\":\"org.sash.contract\"},"
    "\"security\":{\"capabilities\":[{\"identifier\":\"c\",\"windows\":[\"main\"],"
    "\"permissions\":[\"core:event:emit\",\"window:allow-drag-drop\"]}]}}";

static atomic_int enters, overs, drops, leaves;
static char last_paths[1024];
static char order[256]; /* E, O, D, L in the order they came */
static char dir[PATH_MAX];
static const char *const files[] = {"a.log", "b.log"};

static void on_drop(sash_app *app, const char *label, const char *name,
                    const json_t *p, void *ud)
{
    (void)app, (void)label, (void)name, (void)ud;
    const char *t = json_string_value(json_object_get(p, "type"));
    if (!t)
        return;
    if (json_object_get(p, "paths")) {
        char *s = json_dumps(json_object_get(p, "paths"), JSON_COMPACT);
        snprintf(last_paths, sizeof last_paths, "%s", s ? s : "");
        free(s);
    }
    size_t len = strlen(order);
    if (len + 1 < sizeof order) {
        order[len] = (char)(t[0] == 'd' ? 'D' : t[0] == 'l' ? 'L'
                            : t[0] == 'e' ? 'E' : 'O');
        order[len + 1] = '\0';
    }
    atomic_fetch_add(strcmp(t, "enter") == 0  ? &enters
                     : strcmp(t, "over") == 0 ? &overs
                     : strcmp(t, "drop") == 0 ? &drops
                                              : &leaves,
                     1);
}

static int setup(void **state)
{
    sash_app *app = drv->app_new(config, 2);
    if (!app)
        return -1;
    if (sash_drag_drop_enable(app) != 0)
        return -1;
    sash_listen(app, SASH_EVENT_WINDOW_DRAG_DROP, on_drop, NULL, NULL);
    atomic_store(&enters, 0);
    atomic_store(&overs, 0);
    atomic_store(&drops, 0);
    atomic_store(&leaves, 0);
    last_paths[0] = '\0';
    order[0] = '\0';
    if (temp_dir_make(dir, "/tmp/sash-contract-drop-XXXXXX", files, 2) != 0)
        return -1;
    *state = app;
    return 0;
}

static int teardown(void **state)
{
    sash_app_free(*state);
    temp_dir_remove(dir, files, 2);
    return 0;
}

static sash_window *main_window(void **state)
{
    sash_window *w = sash_app_get_window(state[0], "main");
    assert_non_null(w);
    return w;
}

/* A driver that cannot drag here (GTK4 under weston: no XDND) skips. */
#define NEEDS_DRAGS(app)                                                     \
    do {                                                                     \
        if (!drv->drag_files ||                                              \
            drv->drag_files((app), main_window(state), "", 0) == 1) {        \
            printf("  (the %s driver cannot drag here: skipped)\n",          \
                   drv->name);                                               \
            skip();                                                          \
        }                                                                    \
    } while (0)

/* The page's count of drag-drop events (its last payload in `last`),
 * waiting up to 10 s for at least `want`. */
static int page_seen(sash_app *app, sash_window *w, int want, char *last,
                     size_t size)
{
    int n = 0;
    for (int i = 0; i < 200 && (n = drv->events_seen(app, w,
                                    SASH_EVENT_WINDOW_DRAG_DROP, last, size)) < want;
         i++) {
        atomic_int never = 0;
        drv->pump_until(app, &never, 50);
    }
    return n;
}

/* A drop of an existing file, a missing one and a URL: the file only, to
 * C and the page, in order, and granted to the window's fs scope. */
static void a_drop_reaches_c_and_the_page_and_grants_the_file(void **state)
{
    sash_app *app = state[0];
    CONTRACT_NEEDS(app, window_drag_drop);
    NEEDS_DRAGS(app);
    sash_window *w = main_window(state);
    char list[3 * PATH_MAX], a[PATH_MAX + 16], b[PATH_MAX + 16];
    snprintf(a, sizeof a, "%s/a.log", dir);
    snprintf(b, sizeof b, "%s/b.log", dir);
    snprintf(list, sizeof list, "file://%s\r\nfile://%s/missing\r\n"
             "https://example.com/a.log\r\n", a, dir);
    assert_int_equal(drv->drag_files(app, w, list, 1), 0);
    drv->pump_until(app, &drops, 10000);
    /* ENTER, OVER as the pointer moves once the items are known (none if
     * it stopped before: GTK4 loads the list asynchronously), DROP. */
    size_t n = strlen(order);
    assert_true(n >= 2 && order[0] == 'E' && order[n - 1] == 'D');
    assert_int_equal(strspn(order + 1, "O"), n - 2);
    assert_int_equal(atomic_load(&enters), 1);
    assert_int_equal(atomic_load(&drops), 1);
    assert_int_equal(atomic_load(&leaves), 0);
    char want[sizeof a + 8];
    snprintf(want, sizeof want, "[\"%s\"]", a);
    assert_string_equal(last_paths, want);
    char last[1024] = "";
    assert_true(page_seen(app, w, (int)n, last, sizeof last) >= (int)n);
    json_t *p = json_loads(last, 0, NULL);
    const char *type = json_string_value(json_object_get(p, "type"));
    const char *first = json_string_value(json_array_get(
        json_object_get(p, "paths"), 0));
    assert_string_equal(type ? type : "(none)", "drop");
    assert_string_equal(first ? first : "(none)", a);
    json_decref(p);
    assert_true(sash__window_scope_granted(w, "fs", a));
    assert_false(sash__window_scope_granted(w, "fs", b));
}

/* A drag that leaves: enter, then leave; no drop, no grant. */
static void a_drag_that_leaves_reports_leave(void **state)
{
    sash_app *app = state[0];
    CONTRACT_NEEDS(app, window_drag_drop);
    NEEDS_DRAGS(app);
    sash_window *w = main_window(state);
    char list[PATH_MAX + 32], a[PATH_MAX + 16];
    snprintf(a, sizeof a, "%s/a.log", dir);
    snprintf(list, sizeof list, "file://%s\r\n", a);
    assert_int_equal(drv->drag_files(app, w, list, 0), 0);
    drv->pump_until(app, &leaves, 10000);
    assert_int_equal(atomic_load(&enters), 1);
    assert_int_equal(atomic_load(&leaves), 1);
    assert_int_equal(atomic_load(&drops), 0);
    assert_false(sash__window_scope_granted(w, "fs", a));
}

/* window_drag_drop(w, 0): the webview's drag, nothing reported; (w, 1)
 * again: reported again. */
static void turned_off_reports_nothing_and_on_again_reports(void **state)
{
    sash_app *app = state[0];
    CONTRACT_NEEDS(app, window_drag_drop);
    NEEDS_DRAGS(app);
    sash_window *w = main_window(state);
    char list[PATH_MAX + 32];
    snprintf(list, sizeof list, "file://%s/a.log\r\n", dir);
    app->platform->window_drag_drop(w, 0);
    assert_int_equal(drv->drag_files(app, w, list, 0), 0);
    atomic_int never = 0;
    drv->pump_until(app, &never, 100); /* anything queued runs */
    assert_int_equal(atomic_load(&enters) + atomic_load(&overs) +
                     atomic_load(&leaves), 0);
    app->platform->window_drag_drop(w, 1);
    assert_int_equal(drv->drag_files(app, w, list, 1), 0);
    drv->pump_until(app, &drops, 10000);
    assert_int_equal(atomic_load(&drops), 1);
}

int contract_drop_run(const contract_driver *d)
{
    drv = d;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(a_drop_reaches_c_and_the_page_and_grants_the_file, setup, teardown),
        cmocka_unit_test_setup_teardown(a_drag_that_leaves_reports_leave, setup, teardown),
        cmocka_unit_test_setup_teardown(turned_off_reports_nothing_and_on_again_reports, setup, teardown),
    };
    char name[64];
    snprintf(name, sizeof name, "%s drag-and-drop", d->name);
    return cmocka_run_group_tests_name(name, tests, NULL, NULL);
}
#endif /* _WIN32 */
