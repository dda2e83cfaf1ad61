/*
 * hello - the smallest useful Sash app: a button that invokes a C command,
 * and a counter that a C background thread updates through events.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <time.h>

#include <sash.h>

SASH_EMBEDDED_ASSETS(hello_assets);
/* sash.json: the window, and the capability that lets it call greet. */
SASH_EMBEDDED_CONFIG(hello_config);

/* invoke('greet', {name}) -> "Hello, <name>!" (runs on a worker thread). */
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
    sash_resolve(call, json_sprintf("Hello, %s! (from C)", name));
}

static atomic_int running = 1;

/* Ticks once a second; events may be emitted from any thread. */
static void *ticker(void *arg)
{
    sash_app *app = arg;
    struct timespec tenth = {0, 100000000L};
    for (long n = 1; atomic_load(&running); n++) {
        for (int i = 0; i < 10 && atomic_load(&running); i++)
            nanosleep(&tenth, NULL);
        sash_emit(app, "tick", json_integer(n));
    }
    return NULL;
}

int main(void)
{
    sash_app_options opts = {
        .config_json = hello_config,
        .assets = hello_assets,
        .asset_count = hello_assets_count,
    };
    sash_app *app = sash_app_new(&opts);
    if (!app)
        return 1;
    if (sash_app_create_windows(app) <= 0) {
        sash_app_free(app);
        return 1;
    }
    pthread_t t;
    int ticking = pthread_create(&t, NULL, ticker, app) == 0;
    int code = sash_app_run(app);
    /* Stop the thread before the app it emits to is freed. */
    atomic_store(&running, 0);
    if (ticking)
        pthread_join(t, NULL);
    sash_app_free(app);
    return code;
}
