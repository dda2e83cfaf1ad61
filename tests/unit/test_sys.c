/* Unit tests: the system layer (threads, locks, clock, random bytes, known
 * folders) and the path rules of both styles, plus scopes matched on this
 * OS's own paths.  Run natively and, for Windows, under Wine. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/core/security/capability.h"
#include "../../src/core/security/config.h"
#include "internal.h"

typedef struct path_case {
    const char *in, *out; /* out NULL: refused */
} path_case;

static void check_paths(const path_case *cases, size_t n, sash__path_style st)
{
    for (size_t i = 0; i < n; i++) {
        char *got = sash__path_canonical(cases[i].in, st);
        if (!cases[i].out) {
            if (got)
                fail_msg("'%s' should be refused, got '%s'", cases[i].in, got);
            assert_false(sash__path_is_absolute(cases[i].in, st));
            continue;
        }
        if (!got || strcmp(got, cases[i].out) != 0)
            fail_msg("'%s' -> '%s', expected '%s'", cases[i].in,
                     got ? got : "(null)", cases[i].out);
        assert_true(sash__path_is_absolute(cases[i].in, st));
        free(got);
    }
}

static void posix_paths(void **state)
{
    (void)state;
    static const path_case cases[] = {
        {"/", "/"}, {"//", "/"}, {"/a/b/", "/a/b"}, {"/a/./b", "/a/b"},
        {"/a/../b", "/b"}, {"/../..", "/"}, {"/a/b/../../../c", "/c"},
        {"/a//b", "/a/b"}, {"/a/...", "/a/..."}, {"/Case/Kept", "/Case/Kept"},
        {"/a\\b", "/a\\b"}, /* a backslash is a file name character here */
        {"relative/x", NULL}, {"", NULL}, {"C:\\x", NULL},
    };
    check_paths(cases, sizeof cases / sizeof cases[0], SASH__PATH_POSIX);
    assert_null(sash__path_canonical(NULL, SASH__PATH_POSIX));
}

static void windows_paths(void **state)
{
    (void)state;
    static const path_case cases[] = {
        {"C:\\", "c:/"}, {"c:/", "c:/"}, {"C:\\..", "c:/"},
        {"C:\\Users\\Ada\\..\\Bob", "c:/users/bob"},
        {"C:/Users/Ada/./Documents/", "c:/users/ada/documents"},
        {"D:\\a\\\\b\\.\\c", "d:/a/b/c"}, {"C:\\a/b\\c", "c:/a/b/c"},
        {"\\\\Server\\Share\\x\\..\\y", "//server/share/y"},
        {"//server/share", "//server/share/"},
        {"//server/share/..", "//server/share/"},
        {"\\x", NULL},         /* no drive: depends on the current one */
        {"C:x", NULL},         /* drive-relative */
        {"//server", NULL}, {"\\\\server\\", NULL}, {"x\\y", NULL}, {"", NULL},
    };
    check_paths(cases, sizeof cases / sizeof cases[0], SASH__PATH_WINDOWS);
}

/* Scopes matched on this OS's own paths, through the capability API. */
static void add_cap(sash__caps *caps, const sash__vars *vars, const char *json)
{
    json_t *obj = json_loads(json, 0, NULL);
    assert_non_null(obj);
    sash__capability cap;
    char err[512];
    int rc = sash__config_capability(obj, "t", vars, &cap, err, sizeof err);
    json_decref(obj);
    if (rc != 0)
        fail_msg("%s", err);
    assert_int_equal(sash__caps_add(caps, &cap), 0);
}

static void scopes_on_native_paths(void **state)
{
    (void)state;
    sash__caps caps;
    sash__caps_init(&caps);
    sash__vars v = {0};
#ifdef _WIN32
    v.value[SASH__VAR_APPDATA] =
        sash__path_canonical("C:\\Users\\Ada\\AppData\\Roaming\\org.x",
                             SASH__PATH_NATIVE);
    add_cap(&caps, &v, "{\"identifier\":\"w\",\"windows\":[\"main\"],"
                       "\"scopes\":{\"fs\":{\"allow\":[\"$APPDATA/**\","
                       "\"D:/Data/**\"],\"deny\":[\"D:/Data/Secret/**\"]}}}");
    static const struct { const char *path; int ok; } cases[] = {
        {"C:\\Users\\Ada\\AppData\\Roaming\\org.x\\notes.json", 1},
        {"c:/users/ada/appdata/roaming/ORG.X/notes.json", 1},
        {"D:\\Data\\report.txt", 1},
        {"D:\\Data\\Secret\\key", 0},
        {"d:\\DATA\\secret\\KEY", 0},   /* case cannot dodge the deny */
        {"D:\\Data\\..\\Windows\\system.ini", 0},
        {"D:\\Data\\x\\..\\Secret\\key", 0},
        {"\\\\evil\\share\\x", 0},
        {"Data\\report.txt", 0},
    };
#else
    v.value[SASH__VAR_APPDATA] = strdup("/home/ada/.local/share/org.x");
    add_cap(&caps, &v, "{\"identifier\":\"p\",\"windows\":[\"main\"],"
                       "\"scopes\":{\"fs\":{\"allow\":[\"$APPDATA/**\","
                       "\"/data/**\"],\"deny\":[\"/data/secret/**\"]}}}");
    static const struct { const char *path; int ok; } cases[] = {
        {"/home/ada/.local/share/org.x/notes.json", 1},
        {"/home/ada/.local/share/ORG.X/notes.json", 0}, /* case matters */
        {"/data/report.txt", 1},
        {"/data/secret/key", 0},
        {"/data/../etc/passwd", 0},
        {"/data/x/../secret/key", 0},
        {"C:\\data\\report.txt", 0},
        {"data/report.txt", 0},
    };
#endif
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (sash__caps_scope_allows(&caps, "main", "fs", cases[i].path) !=
            cases[i].ok)
            fail_msg("scope: '%s' should be %s", cases[i].path,
                     cases[i].ok ? "allowed" : "refused");
    sash__vars_free(&v);
    sash__caps_free(&caps);
}

static void known_folders(void **state)
{
    (void)state;
    char *home = sash__known_folder(SASH__FOLDER_HOME, NULL);
    assert_non_null(home);
    assert_true(sash__path_is_absolute(home, SASH__PATH_NATIVE));
    char *data = sash__known_folder(SASH__FOLDER_APPDATA, "org.example.t");
    assert_non_null(data);
    size_t n = strlen(data), id = strlen("org.example.t");
    assert_true(n > id && strcmp(data + n - id, "org.example.t") == 0);
    char *tmp = sash__known_folder(SASH__FOLDER_TEMP, NULL);
    assert_non_null(tmp);
    assert_true(sash__path_is_absolute(tmp, SASH__PATH_NATIVE));
    assert_null(sash__known_folder(SASH__FOLDER_COUNT, NULL));
    /* An identifier that could climb out of its folder is not used. */
    sash__vars v;
    sash__vars_init(&v, "../../evil");
    assert_non_null(v.value[SASH__VAR_APPDATA]);
    assert_null(strstr(v.value[SASH__VAR_APPDATA], "evil"));
    sash__vars_free(&v);
    free(home);
    free(data);
    free(tmp);
}

static void clock_random_cpus(void **state)
{
    (void)state;
    uint64_t a = sash__now_ns();
    sash__sleep_ms(20);
    uint64_t b = sash__now_ns();
    assert_true(b > a && b - a >= 15000000u);
    unsigned char x[32] = {0}, y[32] = {0};
    assert_int_equal(sash__random_bytes(x, sizeof x), 0);
    assert_int_equal(sash__random_bytes(y, sizeof y), 0);
    assert_memory_not_equal(x, y, sizeof x);
    assert_true(sash__cpu_count() >= 1);
    assert_true(sash__process_id() > 0);
}

typedef struct counter {
    sash__mutex lock;
    sash__cond cond;
    int value, done;
} counter;

static void count_up(void *arg)
{
    counter *c = arg;
    for (int i = 0; i < 10000; i++) {
        sash__mutex_lock(&c->lock);
        c->value++;
        sash__mutex_unlock(&c->lock);
    }
    sash__mutex_lock(&c->lock);
    c->done++;
    sash__cond_broadcast(&c->cond);
    sash__mutex_unlock(&c->lock);
}

static void threads_locks_conditions(void **state)
{
    (void)state;
    counter c = {.value = 0};
    sash__mutex_init(&c.lock);
    sash__cond_init(&c.cond);
    sash__thread t[4];
    for (int i = 0; i < 4; i++)
        assert_int_equal(sash__thread_start(&t[i], count_up, &c), 0);
    sash__mutex_lock(&c.lock);
    while (c.done < 4)
        sash__cond_wait(&c.cond, &c.lock);
    sash__mutex_unlock(&c.lock);
    for (int i = 0; i < 4; i++)
        sash__thread_join(t[i]);
    assert_int_equal(c.value, 40000);
    /* A timed wait nobody signals times out. */
    sash__mutex_lock(&c.lock);
    uint64_t t0 = sash__now_ns();
    int timed_out = 0;
    while (!timed_out)
        timed_out = sash__cond_timedwait_ms(&c.cond, &c.lock, 30);
    assert_true(sash__now_ns() - t0 >= 25000000u);
    sash__mutex_unlock(&c.lock);
    sash__cond_destroy(&c.cond);
    sash__mutex_destroy(&c.lock);
    assert_true(sash__thread_same(sash__thread_self(), sash__thread_self()));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(posix_paths),
        cmocka_unit_test(windows_paths),
        cmocka_unit_test(scopes_on_native_paths),
        cmocka_unit_test(known_folders),
        cmocka_unit_test(clock_random_cpus),
        cmocka_unit_test(threads_locks_conditions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
