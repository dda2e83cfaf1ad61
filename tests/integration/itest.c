/*
 * itest - the integration test app: real GTK window, real WebKitGTK page,
 * real IPC.  `itest PAGE` loads pages/PAGE.html, whose harness runs its
 * tests and reports through invoke('__report'); the exit code is 0 only if
 * everything passed.  A watchdog ends a hung run.
 */
#define _DEFAULT_SOURCE
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sash.h>

#include "harness.h"

SASH_EMBEDDED_ASSETS(itest_assets);
SASH_EMBEDDED_CONFIG(itest_config); /* itest.json: grants, CSP */
void itest_bridge_register(sash_app *app);

#define WATCHDOG_S 120

static atomic_int calls;
/* 1 until complete_twice's second completion returned (it returns 0 or
 * a negative code). */
static atomic_int second_rc = 1;
static atomic_int slow_started, slow_done, slow_rc = 99;
static int c_failures;

static void sleep_ms(long ms)
{
    struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&t, NULL);
}

SASH_COMMAND(echo)
{
    sash_resolve(call, json_deep_copy(args));
}

SASH_COMMAND(greet)
{
    const char *name = "world";
    if (json_unpack((json_t *)args, "{s?s}", "name", &name) != 0) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "name must be a string");
        return;
    }
    if (!*name) {
        sash_reject(call, "empty_name", "tell me your name first");
        return;
    }
    sash_resolve(call, json_sprintf("Hello, %s!", name));
}

/* Jitter so replies come back out of order. */
SASH_COMMAND(echo_slowly)
{
    atomic_fetch_add(&calls, 1);
    if (rand() % 4 == 0)
        sleep_ms(rand() % 3);
    sash_resolve(call, json_deep_copy(args));
}

/* What C sees of a string holding U+0000: the whole length through
 * json_string_length(), a C string that stops at the first NUL. */
SASH_COMMAND(string_length)
{
    json_t *s = json_object_get(args, "s");
    sash_resolve(call, json_pack("{s:I,s:I}", "length",
                                 (json_int_t)json_string_length(s),
                                 "c_string_length",
                                 (json_int_t)strlen(json_string_value(s))));
}

SASH_COMMAND(counter)
{
    sash_resolve(call, json_integer(atomic_load(&calls)));
}

SASH_COMMAND(complete_twice)
{
    sash_resolve(call, json_string("first"));
    atomic_store(&second_rc, sash_resolve(call, json_string("second")));
}

/* The page asks as soon as the first completion reached it, which can be
 * before complete_twice's worker got to its second line on a loaded
 * machine: wait for that (up to 10 s), never for a fixed time. */
SASH_COMMAND(last_second_rc)
{
    struct timespec tick = {0, 1000000};
    for (int i = 0; i < 10000 && atomic_load(&second_rc) == 1; i++)
        nanosleep(&tick, NULL);
    sash_resolve(call, json_integer(atomic_load(&second_rc)));
}

static pthread_t ui_thread;

static void thread_info(sash_call *call, const json_t *args, void *ud)
{
    (void)args;
    (void)ud;
    sash_resolve(call, json_boolean(pthread_equal(pthread_self(), ui_thread)));
}

SASH_COMMAND(spin)
{
    json_int_t ms = 0;
    json_unpack((json_t *)args, "{s:I}", "ms", &ms);
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    volatile unsigned long x = 0;
    long spun;
    do { /* CPU-bound on purpose: no sleeping */
        for (int i = 0; i < 100000; i++)
            x += (unsigned long)i;
        clock_gettime(CLOCK_MONOTONIC, &b);
        spun = (b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000;
    } while (spun < ms);
    sash_resolve(call, json_pack("{s:I}", "spun_ms", (json_int_t)spun));
}

/* Emits n events (name: "seq" unless args.name) from a worker, as fast as
 * it can. */
SASH_COMMAND(emit_burst)
{
    json_int_t n = 0;
    const char *name = "seq";
    json_unpack((json_t *)args, "{s:I,s?s}", "n", &n, "name", &name);
    sash_app *app = sash_call_app(call);
    for (json_int_t i = 0; i < n; i++)
        sash_emit(app, name, json_integer(i));
    sash_resolve(call, json_integer(n));
}

SASH_COMMAND(emit_both)
{
    sash_app *app = sash_call_app(call);
    sash_emit(app, "hello", json_pack("{s:s}", "to", "everyone"));
    sash_emit_to(app, "nobody", "only_main", json_integer(1));
    sash_emit_to(app, sash_call_window_label(call), "only_main", json_integer(7));
    sash_resolve(call, NULL);
}

SASH_COMMAND(slow)
{
    json_int_t ms = 100;
    json_unpack((json_t *)args, "{s?I}", "ms", &ms);
    atomic_store(&slow_started, 1);
    sleep_ms((long)ms);
    atomic_store(&slow_rc, sash_resolve(call, json_true()));
    atomic_store(&slow_done, 1);
}

SASH_COMMAND_FLAGS(close_me, SASH_COMMAND_UI_THREAD)
{
    /* Close while `slow` runs, not before it started (a loaded machine
     * may start it late; the app would then quit and drop it unrun). */
    for (int i = 0; i < 5000 && !atomic_load(&slow_started); i++)
        sleep_ms(1);
    sash_app *app = sash_call_app(call);
    sash_window *w = sash_app_get_window(app, sash_call_window_label(call));
    sash_resolve(call, NULL);
    sash_window_close(w);
}

SASH_COMMAND_FLAGS(__report, SASH_COMMAND_UI_THREAD)
{
    json_int_t passed, failed;
    if (harness_read_report(args, &passed, &failed) != 0) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "bad report");
        return;
    }
    sash_app *app = sash_call_app(call);
    sash_window *w = sash_app_get_window(app, sash_call_window_label(call));
    if (sash_window_is_shown(w)) {
        passed++;
        printf("  PASS window shown after first paint\n");
    } else {
        failed++;
        printf("  FAIL window shown after first paint\n");
    }
    passed += 1 - c_failures;
    failed += c_failures;
    printf("%lld passed, %lld failed\n", (long long)passed, (long long)failed);
    fflush(stdout);
    sash_resolve(call, NULL);
    sash_app_quit(app, failed ? 1 : 0);
}

static void on_ping(sash_app *app, const char *label, const char *name,
                    const json_t *payload, void *ud)
{
    (void)name;
    (void)ud;
    json_int_t n = json_integer_value(json_object_get(payload, "n"));
    sash_emit_to(app, label, "pong", json_pack("{s:I,s:s}", "n", n + 1, "from", label));
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: itest PAGE\n");
        return 2;
    }
    const char *page = argv[1];
    harness_watchdog("itest", WATCHDOG_S);
    ui_thread = pthread_self();
    srand((unsigned)time(NULL));

    sash_app_options o = {.config_json = itest_config,
                          .assets = itest_assets,
                          .asset_count = itest_assets_count};
    sash_app *app = sash_app_new(&o);
    if (!app)
        return 1;
    sash_command(app, "on_ui_thread", thread_info, NULL, 0);
    sash_command(app, "on_ui_thread_flagged", thread_info, NULL,
                 SASH_COMMAND_UI_THREAD);
    sash_listen(app, "ping", on_ping, NULL, NULL);
    itest_bridge_register(app);

    char path[256];
    snprintf(path, sizeof path, "/%s.html", page);
    sash_window_options wo = {.label = "main", .title = page, .path = path};
    sash_window *w = sash_window_new(app, &wo);
    if (!w)
        return 1;
    /* Not shown before the page painted. */
    c_failures += sash_window_is_shown(w) != 0;
    int code = sash_app_run(app);
    sash_app_free(app); /* joins the workers: a late call has finished */

    if (strcmp(page, "close") == 0) {
        /* The window closed while `slow` ran: its completion must tell it
         * that nobody will see the reply (SASH_ECANCELLED: dropped, not
         * sent to a dead page) and the app must have quit because its
         * last window closed. */
        int ok = code == 0 && atomic_load(&slow_done) &&
                 atomic_load(&slow_rc) == SASH_ECANCELLED;
        printf("  %s late reply dropped after close, app quit\n", ok ? "PASS" : "FAIL");
        printf("%d passed, %d failed\n", ok, !ok);
        return ok ? 0 : 1;
    }
    return code;
}
