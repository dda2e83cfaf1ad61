/*
 * test_store.c - the store plugin on the in-memory backend: commands,
 * debounced autosave, corrupt files moved aside, and crash safety (a child
 * SIGKILLed during 1,000 writes always leaves a file that parses).
 */
#define _DEFAULT_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include <sash_plugins.h>

#include "../unit/fake_platform.h"
#include "../../src/plugins/store/store_internal.h"

static char tmpdir[256];
static char datadir[512]; /* $XDG_DATA_HOME/<id> */

static sash_app *new_app(int autosave_ms)
{
    sash_window *w;
    sash_app_options o = {.identifier = "dev.sash.storetest"};
    sash_app *app = fake_app_new(&o, &w);
    assert_non_null(app);
    sash_store_options so = {.autosave_ms = autosave_ms};
    assert_int_equal(sash_plugin_store(app, &so), 0);
    assert_int_equal(sash_capability_add(app, "{\"identifier\":\"t\",\"windows\":[\"main\"],"
                                         "\"permissions\":[\"store:default\"]}", NULL, 0), 0);
    return app;
}

/* Sends a message, returns the reply text (a new string). */
static char *call(sash_app *app, const char *fmt, ...)
{
    char msg[65536];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    int before = fake_reply_count();
    fake_send(sash_app_get_window(app, "main"), 1000 + before, msg);
    assert_int_equal(fake_pump_replies(app, before + 1), before + 1);
    return strdup(fake_reply_get(before)->text);
}

static void expect(sash_app *app, const char *want, const char *msg)
{
    char *got = call(app, "%s", msg);
    assert_string_equal(got, want);
    free(got);
}

static json_t *load(const char *path)
{
    return json_load_file(path, 0, NULL);
}

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/sash-store-XXXXXX");
    if (!mkdtemp(tmpdir))
        return -1;
    setenv("XDG_DATA_HOME", tmpdir, 1);
    snprintf(datadir, sizeof datadir, "%s/dev.sash.storetest", tmpdir);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static void commands(void **state)
{
    (void)state;
    sash_app *app = new_app(0);
    const char *S = "\"store\":\"a.json\"";
    expect(app, "{\"ok\":{\"found\":false}}",
           "{\"cmd\":\"store:get\",\"args\":{\"store\":\"a.json\",\"key\":\"k\"}}");
    char *r = call(app, "{\"cmd\":\"store:set\",\"args\":{%s,\"key\":\"k\",\"value\":{\"x\":[1,2]}}}", S);
    assert_string_equal(r, "{\"ok\":null}");
    free(r);
    expect(app, "{\"ok\":{\"found\":true,\"value\":{\"x\":[1,2]}}}",
           "{\"cmd\":\"store:get\",\"args\":{\"store\":\"a.json\",\"key\":\"k\"}}");
    free(call(app, "{\"cmd\":\"store:set\",\"args\":{%s,\"key\":\"n\",\"value\":3}}", S));
    expect(app, "{\"ok\":[\"k\",\"n\"]}", "{\"cmd\":\"store:keys\",\"args\":{\"store\":\"a.json\"}}");
    expect(app, "{\"ok\":true}", "{\"cmd\":\"store:delete\",\"args\":{\"store\":\"a.json\",\"key\":\"k\"}}");
    expect(app, "{\"ok\":false}", "{\"cmd\":\"store:delete\",\"args\":{\"store\":\"a.json\",\"key\":\"k\"}}");
    expect(app, "{\"ok\":{\"n\":3}}", "{\"cmd\":\"store:entries\",\"args\":{\"store\":\"a.json\"}}");
    expect(app, "{\"ok\":null}", "{\"cmd\":\"store:save\",\"args\":{\"store\":\"a.json\"}}");
    char path[700];
    snprintf(path, sizeof path, "%s/a.json", datadir);
    json_t *f = load(path);
    assert_non_null(f);
    assert_int_equal(json_integer_value(json_object_get(f, "n")), 3);
    json_decref(f);
    /* bad input: clear errors, no crash */
    r = call(app, "{\"cmd\":\"store:get\",\"args\":{\"store\":\"../x\",\"key\":\"k\"}}");
    assert_non_null(strstr(r, "bad_args"));
    free(r);
    r = call(app, "{\"cmd\":\"store:get\",\"args\":{\"store\":\"a.json\",\"key\":7}}");
    assert_non_null(strstr(r, "bad_args"));
    free(r);
    r = call(app, "{\"cmd\":\"store:set\",\"args\":{\"store\":\"a.json\",\"key\":\"k\"}}");
    assert_non_null(strstr(r, "bad_args"));
    free(r);
    r = call(app, "{\"cmd\":\"store:keys\",\"args\":null}");
    assert_non_null(strstr(r, "bad_args"));
    free(r);
    /* changes are emitted to the pages */
    int evals = fake_eval_count();
    free(call(app, "{\"cmd\":\"store:clear\",\"args\":{%s}}", S));
    fake_pump_evals(app, evals + 1);
    int seen = 0;
    for (int i = evals; i < fake_eval_count(); i++)
        seen |= strstr(fake_eval_get(i), "store:changed") != NULL;
    assert_true(seen);
    sash_app_free(app);
    /* the clear was saved when the app was freed */
    f = load(path);
    assert_non_null(f);
    assert_int_equal(json_object_size(f), 0);
    json_decref(f);
}

static void debounced_autosave(void **state)
{
    (void)state;
    sash_app *app = new_app(50);
    char path[700];
    snprintf(path, sizeof path, "%s/auto.json", datadir);
    for (int i = 0; i < 20; i++)
        free(call(app, "{\"cmd\":\"store:set\",\"args\":{\"store\":\"auto.json\",\"key\":\"i\",\"value\":%d}}", i));
    /* Written by the saver thread without any explicit save: wait for it. */
    json_t *f = NULL;
    for (int i = 0; i < 1000; i++) {
        f = load(path);
        if (f && json_integer_value(json_object_get(f, "i")) == 19)
            break;
        json_decref(f);
        f = NULL;
        fake_sleep_ms(10);
    }
    assert_non_null(f);
    json_decref(f);
    sash_app_free(app);
}

static void corrupt_file_moved_aside(void **state)
{
    (void)state;
    mkdir(datadir, 0700);
    char path[700];
    snprintf(path, sizeof path, "%s/bad.json", datadir);
    FILE *fp = fopen(path, "w");
    fputs("{\"half\": [1, 2", fp);
    fclose(fp);
    sash_app *app = new_app(0);
    char *r = call(app, "{\"cmd\":\"store:load\",\"args\":{\"store\":\"bad.json\"}}");
    json_t *j = json_loads(r, 0, NULL);
    free(r);
    json_t *rec = json_object_get(json_object_get(j, "ok"), "recovered");
    assert_non_null(rec);
    const char *to = json_string_value(json_object_get(rec, "movedTo"));
    assert_non_null(to);
    assert_non_null(strstr(to, "bad.json.corrupt-"));
    /* the bad text is kept, byte for byte */
    FILE *aside = fopen(to, "r");
    assert_non_null(aside);
    char buf[64] = "";
    assert_non_null(fgets(buf, sizeof buf, aside));
    fclose(aside);
    assert_string_equal(buf, "{\"half\": [1, 2");
    json_decref(j);
    sash_app_free(app);
}

/* The child: 1,000 writes of a growing store, each saved at once, and a
 * byte on `progress` after each. */
static void crash_child(int progress)
{
    sash_app *app = new_app(1);
    static char value[16384];
    memset(value, 'v', sizeof value - 1);
    value[sizeof value - 1] = '\0';
    for (int i = 0; i < 1000; i++) {
        free(call(app, "{\"cmd\":\"store:set\",\"args\":{\"store\":\"crash.json\",\"key\":\"k%d\",\"value\":\"%s\"}}",
                  i % 64, value));
        free(call(app, "{\"cmd\":\"store:save\",\"args\":{\"store\":\"crash.json\"}}"));
        if (write(progress, "x", 1) != 1)
            _exit(1);
    }
    sash_app_free(app);
    _exit(0);
}

static void sigkill_during_writes_leaves_a_parsable_file(void **state)
{
    (void)state;
    char path[700];
    snprintf(path, sizeof path, "%s/crash.json", datadir);
    unlink(path);
    srand((unsigned)getpid());
    int kills = 0;
    for (int round = 0; round < 16; round++) {
        int p[2];
        assert_int_equal(pipe(p), 0);
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            close(p[0]);
            crash_child(p[1]);
        }
        close(p[1]);
        /* Kill after a random number of completed writes (1..40: fsync
         * makes each slow), at a random moment of the next. */
        int target = 1 + rand() % 40, n = 0;
        char c;
        while (n < target && read(p[0], &c, 1) == 1)
            n++;
        /* A random moment within the next write (its position is what
         * varies; nothing waits on it). */
        usleep((useconds_t)(rand() % 10000));
        kill(pid, SIGKILL);
        int status;
        waitpid(pid, &status, 0);
        close(p[0]);
        kills += WIFSIGNALED(status);
        json_error_t err;
        json_t *f = json_load_file(path, 0, &err);
        if (!f)
            fail_msg("round %d (killed after %d writes): %s does not parse: %s", round, n,
                     path, err.text);
        assert_true(json_is_object(f));
        json_decref(f);
    }
    assert_true(kills >= 14); /* the test killed writers, it did not just wait */
}

static void names(void **state)
{
    (void)state;
    assert_true(sash__store_name_ok("settings.json", 13));
    assert_false(sash__store_name_ok("..", 2));
    assert_false(sash__store_name_ok(".hidden", 7));
    assert_false(sash__store_name_ok("a/b", 3));
    assert_false(sash__store_name_ok("a\0b", 3));
    assert_false(sash__store_name_ok("", 0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(names),
        cmocka_unit_test(commands),
        cmocka_unit_test(debounced_autosave),
        cmocka_unit_test(corrupt_file_moved_aside),
        cmocka_unit_test(sigkill_during_writes_leaves_a_parsable_file),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
