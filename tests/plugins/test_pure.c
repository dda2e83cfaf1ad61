/*
 * test_pure.c - the plugins' pure parts: fs path checks and resolution
 * (symbolic links, loops, dangling links), sql names and binding, log line
 * cleaning, locale tags, .desktop quoting, single-instance messages.
 */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include <sash.h>

#include "../unit/fake_platform.h"
#include "../../src/plugins/autostart/autostart_internal.h"
#include "../../src/plugins/deep_link/deep_link_internal.h"
#include "../../src/plugins/fs/fs_path.h"
#include "../../src/plugins/log/log_internal.h"
#include "../../src/plugins/os/os_internal.h"
#include "../../src/plugins/single_instance/single_instance_internal.h"
#include "../../src/plugins/sql/sql_internal.h"
#include "../../src/plugins/window_state/window_state_internal.h"

static void fs_check(void **state)
{
    (void)state;
    assert_null(sash__fs_path_check("/a/b", 4));
    assert_non_null(strstr(sash__fs_path_check("/a\0b", 4), "NUL"));
    assert_non_null(strstr(sash__fs_path_check("a/b", 3), "absolute"));
    assert_non_null(sash__fs_path_check("", 0));
    assert_non_null(sash__fs_path_check(NULL, 0));
    char *big = malloc(70000);
    memset(big, 'n', 69999);
    big[0] = '/';
    big[69999] = '\0';
    assert_non_null(strstr(sash__fs_path_check(big, 69999), "too long"));
    memset(big, 0, 300);
    big[0] = '/';
    memset(big + 1, 'x', 256);
    assert_non_null(strstr(sash__fs_path_check(big, 257), "255"));
    free(big);
}

static void fs_normalize(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"/", "/"}, {"//", "/"}, {"/a/./b/", "/a/b"}, {"/a/../../b", "/b"},
        {"/..", "/"}, {"/a/b/..", "/a"}, {"/a//b///c", "/a/b/c"}, {"/.../x", "/.../x"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *n = sash__fs_path_normalize(cases[i][0]);
        assert_string_equal(n, cases[i][1]);
        free(n);
    }
}

static void fs_resolve_links(void **state)
{
    (void)state;
    char root[] = "/tmp/sash-fspath-XXXXXX";
    assert_non_null(mkdtemp(root));
    char real_root[4096];
    assert_non_null(realpath(root, real_root));
    char a[4200], b[4200], out[4200], *r = NULL;
    snprintf(a, sizeof a, "%s/in", root);
    mkdir(a, 0700);
    snprintf(a, sizeof a, "%s/in/link", root);
    assert_int_equal(symlink("/etc", a), 0);
    /* existing prefix through a link: resolved to where it leads */
    snprintf(a, sizeof a, "%s/in/link/not-there/x", root);
    assert_int_equal(sash__fs_path_resolve(a, &r), 0);
    assert_string_equal(r, "/etc/not-there/x");
    free(r);
    /* a missing tail is kept as written */
    snprintf(a, sizeof a, "%s/in/new/deeper", root);
    assert_int_equal(sash__fs_path_resolve(a, &r), 0);
    snprintf(out, sizeof out, "%s/in/new/deeper", real_root);
    assert_string_equal(r, out);
    free(r);
    /* a loop is ELOOP, a dangling link EXDEV */
    snprintf(a, sizeof a, "%s/in/l1", root);
    snprintf(b, sizeof b, "%s/in/l2", root);
    assert_int_equal(symlink(b, a), 0);
    assert_int_equal(symlink(a, b), 0);
    assert_int_equal(sash__fs_path_resolve(a, &r), ELOOP);
    snprintf(a, sizeof a, "%s/in/dangling", root);
    assert_int_equal(symlink("/nonexistent/target", a), 0);
    assert_int_equal(sash__fs_path_resolve(a, &r), EXDEV);
    snprintf(a, sizeof a, "%s/in/dangling/below", root);
    assert_int_equal(sash__fs_path_resolve(a, &r), EXDEV);
    assert_int_equal(sash__fs_path_resolve("/", &r), 0);
    assert_string_equal(r, "/");
    free(r);
    char cmd[4300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    assert_int_equal(system(cmd), 0);
}

static void sql_parts(void **state)
{
    (void)state;
    assert_true(sash__sql_name_ok("notes.db", 8));
    assert_false(sash__sql_name_ok("../x.db", 7));
    assert_false(sash__sql_name_ok(".x", 2));
    assert_false(sash__sql_name_ok("a b", 3));
    sqlite3 *db;
    assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT ? AS s, ? AS n, ? AS b, ? AS z", -1, &st, NULL),
                     SQLITE_OK);
    char err[256];
    json_t *p = json_loads("[\"x'); DROP TABLE t; --\", 2.5, true, null]", 0, NULL);
    assert_int_equal(sash__sql_bind(st, p, err, sizeof err), 0);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    json_t *row = sash__sql_row(st);
    char *t = json_dumps(row, JSON_COMPACT);
    assert_string_equal(t, "{\"s\":\"x'); DROP TABLE t; --\",\"n\":2.5,\"b\":1,\"z\":null}");
    free(t);
    json_decref(row);
    json_decref(p);
    sqlite3_reset(st);
    p = json_loads("[1]", 0, NULL);
    assert_int_equal(sash__sql_bind(st, p, err, sizeof err), -1);
    assert_non_null(strstr(err, "4 parameter"));
    json_decref(p);
    p = json_loads("[1, [2], 3, 4]", 0, NULL);
    assert_int_equal(sash__sql_bind(st, p, err, sizeof err), -1);
    json_decref(p);
    sqlite3_finalize(st);
    sqlite3_close(db);
}

static void log_parts(void **state)
{
    (void)state;
    char out[16];
    assert_int_equal(sash__log_clean(out, sizeof out, "a\nb\tc\x1b", 6), 6);
    assert_string_equal(out, "a b c ");
    assert_int_equal(sash__log_clean(out, sizeof out, "0123456789abcdefXYZ", 19), 15);
    assert_int_equal(sash__log_level_parse("warn"), 1);
    assert_int_equal(sash__log_level_parse("trace"), 3);
    assert_int_equal(sash__log_level_parse("loud"), -1);
    assert_int_equal(sash__log_level_parse(NULL), -1);
}

static void os_locale(void **state)
{
    (void)state;
    char t[32];
    sash__os_locale_tag("de_DE.UTF-8", t, sizeof t);
    assert_string_equal(t, "de-DE");
    sash__os_locale_tag("C.UTF-8", t, sizeof t);
    assert_string_equal(t, "en-US");
    sash__os_locale_tag("sr_RS@latin", t, sizeof t);
    assert_string_equal(t, "sr-RS");
    sash__os_locale_tag(NULL, t, sizeof t);
    assert_string_equal(t, "en-US");
}

static void autostart_parts(void **state)
{
    (void)state;
    char q[256];
    sash__autostart_quote("/usr/bin/app", q, sizeof q);
    assert_string_equal(q, "/usr/bin/app");
    sash__autostart_quote("/opt/My App/a$b\"c%", q, sizeof q);
    assert_string_equal(q, "\"/opt/My App/a\\\\$b\\\\\"c%%\"");
    sash__autostart_quote("/x\\y", q, sizeof q);
    assert_string_equal(q, "\"/x\\\\\\\\y\"");
    assert_true(sash__autostart_entry_enabled("[Desktop Entry]\nExec=x\n"));
    assert_false(sash__autostart_entry_enabled("[Desktop Entry]\nHidden=true\n"));
    assert_false(sash__autostart_entry_enabled("X-GNOME-Autostart-enabled=false"));
}

static void single_instance_parts(void **state)
{
    (void)state;
    char p[108];
    assert_int_equal(sash__single_instance_path("/run/user/1", "org.x", 1, p, sizeof p), 0);
    assert_string_equal(p, "/run/user/1/org.x.instance");
    assert_int_equal(sash__single_instance_path(NULL, "org.x", 42, p, sizeof p), 0);
    assert_string_equal(p, "/tmp/org.x-42.instance");
    char big[200];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    assert_int_equal(sash__single_instance_path("/run", big, 1, p, sizeof p), -1);
    const char *ok = "{\"argv\":[\"a\",\"b\"],\"cwd\":\"/\"}\n";
    json_t *m = sash__single_instance_parse(ok, strlen(ok));
    assert_non_null(m);
    json_decref(m);
    const char *bad[] = {"{\"argv\":[1],\"cwd\":\"/\"}", "{\"argv\":[]}", "[]", "{"};
    for (size_t i = 0; i < 4; i++)
        assert_null(sash__single_instance_parse(bad[i], strlen(bad[i])));
}

static void deep_links(void **state)
{
    (void)state;
    static const char *const sch[] = {"myapp", "x-other", NULL};
#define V(u) sash__deep_link_valid(u, strlen(u), sch)
    assert_true(V("myapp://open/note?id=1"));
    assert_true(V("MyApp://x"));
    assert_true(V("x-other:thing"));
    assert_true(V("myapp://caf\xc3\xa9/%41"));
    assert_false(V("https://evil.example/"));
    assert_false(V("myapp:"));
    assert_false(V("myapp"));
    assert_false(V("myapp://a b"));
    assert_false(V("myapp://a\nb"));
    assert_false(V("myapp://%4"));
    assert_false(V("myapp://%zz"));
    assert_false(V("myapp://\xc0\xaf"));     /* overlong '/' */
    assert_false(V("myapp://\xed\xa0\x80")); /* surrogate */
    assert_false(V("myappx://a"));
#undef V
    assert_false(sash__deep_link_valid("myapp://a\0b", 10, sch));
    char big[3000];
    memcpy(big, "myapp://", 8);
    memset(big + 8, 'a', sizeof big - 9);
    big[sizeof big - 1] = '\0';
    assert_false(sash__deep_link_valid(big, strlen(big), sch));
    assert_true(sash__deep_link_scheme_ok("myapp"));
    assert_true(sash__deep_link_scheme_ok("my.app+x-1"));
    assert_false(sash__deep_link_scheme_ok("HTTP"));
    assert_false(sash__deep_link_scheme_ok("sash"));
    assert_false(sash__deep_link_scheme_ok("1app"));
    assert_false(sash__deep_link_scheme_ok("my app"));
    /* sash.json bundle.deepLinks is checked the same way */
    char err[300];
    assert_int_equal(sash_config_check("{\"app\":{\"identifier\":\"org.x.y\"},"
                                       "\"bundle\":{\"deepLinks\":[\"myapp\"]}}", err, sizeof err), 0);
    assert_int_equal(sash_config_check("{\"app\":{\"identifier\":\"org.x.y\"},"
                                       "\"bundle\":{\"deepLinks\":[\"https\"]}}", err, sizeof err),
                     SASH_ECONFIG);
    assert_non_null(strstr(err, "bundle.deepLinks[0]"));
    assert_int_equal(sash_config_check("{\"app\":{\"identifier\":\"org.x.y\"},"
                                       "\"bundle\":{\"deepLinks\":\"myapp\"}}", err, sizeof err),
                     SASH_ECONFIG);
}

/* -- the core's plugin support (sash.h "Plugin support") -------------------- */

static int order[4], norder;
static void on_free(sash_app *app, void *ud)
{
    (void)app;
    order[norder++] = (int)(intptr_t)ud;
}

static char logged[256];
static int logged_level = -1;
static void log_fn(sash_log_level level, const char *msg, void *ud)
{
    (void)ud;
    logged_level = (int)level;
    snprintf(logged, sizeof logged, "%s", msg);
}

static void core_support(void **state)
{
    (void)state;
    setenv("HOME", "/home/tester", 1);
    setenv("XDG_DATA_HOME", "/xdg/data", 1);
    unsetenv("XDG_STATE_HOME");
    sash_app_options o = {.identifier = "org.example.notes"};
    sash_window *w;
    sash_app *app = fake_app_new(&o, &w);
    assert_non_null(app);
    char buf[256];
    assert_int_equal(sash_app_folder(app, SASH_FOLDER_APP_DATA, buf, sizeof buf),
                     (int)strlen("/xdg/data/org.example.notes"));
    assert_string_equal(buf, "/xdg/data/org.example.notes");
    sash_app_folder(app, SASH_FOLDER_APP_LOG, buf, sizeof buf);
    assert_string_equal(buf, "/home/tester/.local/state/org.example.notes/logs");
    setenv("XDG_STATE_HOME", "/xdg/state", 1);
    sash_app_folder(app, SASH_FOLDER_APP_LOG, buf, sizeof buf);
    assert_string_equal(buf, "/xdg/state/org.example.notes/logs");
    /* snprintf-like: measure, too small gives "" and the length */
    int n = sash_app_folder(app, SASH_FOLDER_HOME, NULL, 0);
    assert_int_equal(n, (int)strlen("/home/tester"));
    char tiny[4] = "xyz";
    assert_int_equal(sash_app_folder(app, SASH_FOLDER_HOME, tiny, sizeof tiny), n);
    assert_string_equal(tiny, "");
    assert_int_equal(sash_app_folder(app, (sash_folder)99, buf, sizeof buf), SASH_EINVAL);
    assert_int_equal(sash_app_folder(NULL, SASH_FOLDER_HOME, buf, sizeof buf), SASH_EINVAL);
    assert_string_equal(sash_app_identifier(app), "org.example.notes");
    assert_null(sash_app_identifier(NULL));
    /* sash_log goes through the app's log function */
    sash_set_log_fn(log_fn, NULL);
    sash_log(SASH_LOG_WARNING, "n=%d", 7);
    assert_int_equal(logged_level, SASH_LOG_WARNING);
    assert_string_equal(logged, "n=7");
    sash_log((sash_log_level)9, "ignored");
    assert_string_equal(logged, "n=7");
    sash_set_log_fn(NULL, NULL);
    /* on_free: last registered first, once */
    norder = 0;
    assert_int_equal(sash_app_on_free(app, on_free, (void *)1), 0);
    assert_int_equal(sash_app_on_free(app, on_free, (void *)2), 0);
    assert_int_equal(sash_app_on_free(app, NULL, NULL), SASH_EINVAL);
    sash_app_free(app);
    assert_int_equal(norder, 2);
    assert_int_equal(order[0], 2);
    assert_int_equal(order[1], 1);
    /* an identifier that could name a parent folder is never used */
    sash_app_options bad = {.identifier = ".."};
    app = fake_app_new(&bad, &w);
    if (app) { /* the config may refuse it first */
        assert_string_equal(sash_app_identifier(app), "app.sash");
        sash_app_free(app);
    }
    assert_int_equal(norder, 2);
}

static void window_fit(void **state)
{
    (void)state;
    sash__ws_rect mon[2] = {{0, 0, 1920, 1050}, {1920, 0, 1280, 1024}};
    sash__ws_rect r = {100, 100, 800, 600};
    assert_int_equal(sash__ws_fit(&r, mon, 2), 0); /* on screen: unchanged */
    r = (sash__ws_rect){1900, 50, 800, 600};        /* across two: unchanged */
    assert_int_equal(sash__ws_fit(&r, mon, 2), 0);
    r = (sash__ws_rect){5000, 5000, 800, 600};      /* on none: centered on the first */
    assert_int_equal(sash__ws_fit(&r, mon, 2), 1);
    assert_int_equal(r.x, (1920 - 800) / 2);
    assert_int_equal(r.y, (1050 - 600) / 2);
    r = (sash__ws_rect){3170, 500, 800, 600};       /* 30 px visible: clamped in */
    assert_int_equal(sash__ws_fit(&r, mon, 2), 1);
    assert_int_equal(r.x, 1920 + 1280 - 800);
    assert_int_equal(r.y, 424);
    r = (sash__ws_rect){-100, -100, 4000, 3000};    /* larger than any: shrunk */
    assert_int_equal(sash__ws_fit(&r, mon, 2), 0);  /* but well visible: left */
    r = (sash__ws_rect){-9000, -9000, 4000, 3000};
    assert_int_equal(sash__ws_fit(&r, mon, 2), 1);
    assert_true(r.width <= 1920 && r.height <= 1050 && r.x >= 0 && r.y >= 0);
    r = (sash__ws_rect){1, 2, 3, 4};
    assert_int_equal(sash__ws_fit(&r, NULL, 0), 0);
    json_t *f = json_loads("{\"main\":{\"x\":-20,\"y\":30,\"width\":640,\"height\":480,"
                           "\"maximized\":true},\"bad\":{\"x\":0,\"y\":0,\"width\":0,"
                           "\"height\":5},\"str\":{\"x\":\"1\"},\"arr\":[]}", 0, NULL);
    int max = 0;
    assert_int_equal(sash__ws_entry(f, "main", &r, &max), 0);
    assert_int_equal(r.x, -20);
    assert_int_equal(r.height, 480);
    assert_int_equal(max, 1);
    assert_int_equal(sash__ws_entry(f, "bad", &r, &max), -1);
    assert_int_equal(sash__ws_entry(f, "str", &r, &max), -1);
    assert_int_equal(sash__ws_entry(f, "arr", &r, &max), -1);
    assert_int_equal(sash__ws_entry(f, "none", &r, &max), -1);
    json_decref(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fs_check),        cmocka_unit_test(fs_normalize),
        cmocka_unit_test(fs_resolve_links), cmocka_unit_test(sql_parts),
        cmocka_unit_test(log_parts),       cmocka_unit_test(os_locale),
        cmocka_unit_test(autostart_parts), cmocka_unit_test(single_instance_parts),
        cmocka_unit_test(deep_links),      cmocka_unit_test(core_support),
        cmocka_unit_test(window_fit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
