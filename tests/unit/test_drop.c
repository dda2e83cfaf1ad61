/*
 * test_drop.c - the core side of file drag-and-drop (app/drop.c) on the
 * fake backend: which dragged items count (file: URIs of existing local
 * files and folders, canonical, bounded), the window option in its three
 * forms (C, sash.json, window:create), the permission that gates the page
 * and the fs grant of a drop.
 */
#define _DEFAULT_SOURCE /* mkdtemp, realpath */
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

#include "../temp_dir.h"
#include "fake_platform.h"
#include "internal.h"
#include "security/grants.h"

static char dir[PATH_MAX];

static void uri_paths(void **state)
{
    (void)state;
    struct { const char *uri, *want; } cases[] = {
        {"file:///tmp/a.log", "/tmp/a.log"},
        {"FILE:///tmp/a.log", "/tmp/a.log"},
        {"file://localhost/tmp/a%20b.log", "/tmp/a b.log"},
        {"file:///tmp/%C3%A9t%c3%a9", "/tmp/\xc3\xa9t\xc3\xa9"},
        {"file:///tmp/x?query#frag", "/tmp/x"},
        {"file://evil.example/etc/passwd", NULL},
        {"http://example.com/a.log", NULL},
        {"file:/tmp/a", NULL},
        {"file://", NULL},
        {"file:///tmp/%00.log", NULL},
        {"file:///tmp/%zz", NULL},
        {"file:///tmp/%4", NULL},
        {"", NULL},
        {NULL, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *p = sash__drop_uri_path(cases[i].uri);
        if (!cases[i].want)
            assert_null(p);
        else
            assert_string_equal(p ? p : "(null)", cases[i].want);
        free(p);
    }
    /* a URI longer than any path */
    size_t n = 20000;
    char *big = malloc(n + 1);
    memcpy(big, "file:///", 8);
    memset(big + 8, 'a', n - 8);
    big[n] = '\0';
    assert_null(sash__drop_uri_path(big));
    free(big);
}

static int drops, enters, leaves, overs;
static json_t *last;

static void on_drop(sash_app *app, const char *label, const char *name,
                    const json_t *p, void *ud)
{
    (void)app, (void)label, (void)name, (void)ud;
    const char *t = json_string_value(json_object_get(p, "type"));
    if (!strcmp(t, "drop"))
        drops++;
    else if (!strcmp(t, "enter"))
        enters++;
    else if (!strcmp(t, "over"))
        overs++;
    else
        leaves++;
    json_decref(last);
    last = json_deep_copy(p);
}

static sash_app *app_with(const char *config, sash_window **w)
{
    sash_app_options o = {.config_json = config};
    sash_app *app = fake_app_new(&o, w);
    assert_non_null(app);
    assert_false(fake_drop_enabled(*w)); /* off until enabled */
    assert_int_equal(sash_drag_drop_enable(app), 0);
    assert_int_equal(sash_drag_drop_enable(app), 0); /* again: nothing */
    sash_listen(app, SASH_EVENT_WINDOW_DRAG_DROP, on_drop, NULL, NULL);
    drops = enters = leaves = overs = 0;
    return app;
}

static const char granted[] =
    "{\"app\":{\"identifier\":\"dev.sash.test\"},"
    "\"security\":{\"capabilities\":[{\"identifier\":\"c\",\"windows\":[\"main\"],"
    "\"permissions\":[\"window:allow-drag-drop\"]}]}}";

/* What counts, canonicalised and deduplicated; grants on drop only. */
static void items_and_grants(void **state)
{
    (void)state;
    sash_window *w;
    sash_app *app = app_with(granted, &w);
    assert_true(fake_drop_enabled(w));
    char a[PATH_MAX + 32], sub[PATH_MAX + 32], u1[PATH_MAX + 64],
        u2[PATH_MAX + 64], u3[PATH_MAX + 64], u4[PATH_MAX + 64];
    snprintf(a, sizeof a, "%s/a.log", dir);
    snprintf(sub, sizeof sub, "%s/sub", dir);
    snprintf(u1, sizeof u1, "file://%s/sub/../a.log", dir);
    snprintf(u2, sizeof u2, "file://%s", a);
    snprintf(u3, sizeof u3, "file://%s/missing", dir);
    snprintf(u4, sizeof u4, "file://%s/sub", dir);
    const char *items[] = {u1, u2, u3, "https://example.com/", u4, "file:///dev/null"};
    sash__window_drop(w, SASH__DROP_ENTER, 1, 2, items, 6);
    assert_int_equal(enters, 1);
    json_t *paths = json_object_get(last, "paths");
    assert_int_equal(json_array_size(paths), 2);
    assert_string_equal(json_string_value(json_array_get(paths, 0)), a);
    assert_string_equal(json_string_value(json_array_get(paths, 1)), sub);
    assert_false(sash__window_scope_granted(w, "fs", a)); /* not yet */
    sash__window_drop(w, SASH__DROP_OVER, 3, 4, NULL, 0);
    assert_int_equal(overs, 1);
    assert_true(json_real_value(json_object_get(json_object_get(last, "position"), "x")) == 3.0);
    sash__window_drop(w, SASH__DROP_DROP, 5, 6, items, 6);
    assert_int_equal(drops, 1);
    assert_true(sash__window_scope_granted(w, "fs", a));
    char below[PATH_MAX + 40];
    snprintf(below, sizeof below, "%s/sub/deep/x", dir);
    assert_true(sash__window_scope_granted(w, "fs", below)); /* a folder: below it too */
    char sibling[PATH_MAX + 32];
    snprintf(sibling, sizeof sibling, "%s/b.log", dir);
    assert_false(sash__window_scope_granted(w, "fs", sibling));
    /* a leave with no drag over the window is not reported */
    sash__window_drop(w, SASH__DROP_LEAVE, 0, 0, NULL, 0);
    assert_int_equal(leaves, 0);
    /* nothing that counts: no enter, no over, no leave, no drop */
    const char *bad[] = {"http://x/", "file://host/etc/passwd"};
    sash__window_drop(w, SASH__DROP_ENTER, 0, 0, bad, 2);
    sash__window_drop(w, SASH__DROP_OVER, 0, 0, NULL, 0);
    sash__window_drop(w, SASH__DROP_LEAVE, 0, 0, NULL, 0);
    sash__window_drop(w, SASH__DROP_DROP, 0, 0, bad, 2);
    assert_int_equal(enters + overs + leaves + drops, 1 + 1 + 0 + 1);
    sash_app_free(app);
}

/* Without window:allow-drag-drop: C hears, the page's scope gains nothing. */
static void no_permission_no_grant(void **state)
{
    (void)state;
    sash_window *w;
    sash_app *app = app_with("{\"app\":{\"identifier\":\"dev.sash.test\"}}", &w);
    char a[PATH_MAX + 32], u[PATH_MAX + 64];
    snprintf(a, sizeof a, "%s/a.log", dir);
    snprintf(u, sizeof u, "file://%s", a);
    const char *items[] = {u};
    sash__window_drop(w, SASH__DROP_DROP, 0, 0, items, 1);
    assert_int_equal(drops, 1);
    assert_false(sash__window_scope_granted(w, "fs", a));
    sash_app_free(app);
}

/* More than SASH_DROP_MAX_PATHS existing files: cut there. */
static void bounded(void **state)
{
    (void)state;
    sash_window *w;
    sash_app *app = app_with(granted, &w);
    size_t n = 5000;
    char **uris = calloc(n, sizeof *uris);
    char a[PATH_MAX + 64];
    snprintf(a, sizeof a, "file://%s/many/", dir);
    for (size_t i = 0; i < n; i++) {
        uris[i] = malloc(strlen(a) + 16);
        sprintf(uris[i], "%s%zu", a, i);
        if (i < SASH_DROP_MAX_PATHS + 10) {
            FILE *f = fopen(uris[i] + 7, "w");
            if (f)
                fclose(f);
        }
    }
    sash__window_drop(w, SASH__DROP_DROP, 0, 0, (const char *const *)uris, n);
    assert_int_equal(drops, 1);
    assert_int_equal(json_array_size(json_object_get(last, "paths")),
                     SASH_DROP_MAX_PATHS);
    for (size_t i = 0; i < n; i++) {
        if (i < SASH_DROP_MAX_PATHS + 10)
            unlink(uris[i] + 7);
        free(uris[i]);
    }
    free(uris);
    sash_app_free(app);
}

/* The option: C, sash.json, window:create. */
static void the_option(void **state)
{
    (void)state;
    sash_window *w;
    sash_app *app = app_with(
        "{\"app\":{\"identifier\":\"dev.sash.test\",\"windows\":["
        "{\"label\":\"off\",\"dragDrop\":false},{\"label\":\"on\"}]}}", &w);
    assert_true(fake_drop_enabled(w));
    sash_window_options o = {.label = "c-off", .no_drag_drop = 1};
    sash_window *c = sash_window_new(app, &o);
    assert_non_null(c);
    assert_false(fake_drop_enabled(c));
    assert_true(sash_app_create_windows(app) == 2);
    assert_false(fake_drop_enabled(sash_app_get_window(app, "off")));
    assert_true(fake_drop_enabled(sash_app_get_window(app, "on")));
    sash_app_free(app);
    char err[256];
    assert_int_equal(sash_config_check("{\"app\":{\"identifier\":\"a.b\",\"windows\":"
                                       "[{\"label\":\"m\",\"dragDrop\":1}]}}",
                                       err, sizeof err), SASH_ECONFIG);
    assert_non_null(strstr(err, "dragDrop"));
}

static const char *const files[] = {"a.log", "b.log", "sub/", "many/"};

static int setup(void **state)
{
    (void)state;
    return temp_dir_make(dir, "/tmp/sash-test-drop-XXXXXX", files, 4);
}

static int teardown(void **state)
{
    (void)state;
    json_decref(last);
    temp_dir_remove(dir, files, 4);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(uri_paths),
        cmocka_unit_test(items_and_grants),
        cmocka_unit_test(no_permission_no_grant),
        cmocka_unit_test(bounded),
        cmocka_unit_test(the_option),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
