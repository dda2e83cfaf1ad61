/*
 * The hot-swap test app's module: built as v1 and v2 (HS_VERSION) from
 * this one file.  State that survives a swap: `gen` counts the modules
 * that held it (init: 1, each restore: +1).
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <sash.h>

#ifndef HS_VERSION
#define HS_VERSION 1
#endif

typedef struct hs_state {
    int gen;
} hs_state;

static hs_state *state;

/* invoke('version') -> "v<N> gen=<G>" */
SASH_COMMAND(version)
{
    sash_resolve(call, json_sprintf("v%d gen=%d", HS_VERSION, state ? state->gen : 0));
}

/* invoke('slow', {ms}) -> "slow-v<N>" after ms milliseconds. */
SASH_COMMAND(slow)
{
    json_int_t ms = 1000;
    json_unpack((json_t *)args, "{s?I}", "ms", &ms);
    printf("hs-slow-started v%d\n", HS_VERSION);
    fflush(stdout);
    struct timespec ts = {(time_t)(ms / 1000), (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
    sash_resolve(call, json_sprintf("slow-v%d", HS_VERSION));
}

/* The page emits "ping"; this module answers "pong" with its version.  A
 * listener left behind by an unloaded module would crash or answer twice. */
static void on_ping(sash_app *app, const char *window, const char *name,
                    const json_t *payload, void *user_data)
{
    (void)window, (void)name, (void)payload, (void)user_data;
    sash_emit(app, "pong", json_sprintf("v%d", HS_VERSION));
}

static const char *const hs_commands[] = {"version", "slow", NULL};

static int setup(sash_app *app)
{
    int rc = sash_permission_define(app, "hs:default", hs_commands);
    return rc ? rc : sash_listen(app, "ping", on_ping, NULL, NULL);
}

SASH_MODULE_EXPORT int sash_module_init(sash_app *app)
{
    state = calloc(1, sizeof *state);
    if (!state)
        return -1;
    state->gen = 1;
    printf("hs-init v%d\n", HS_VERSION);
    fflush(stdout);
    return setup(app);
}

SASH_MODULE_EXPORT void *sash_module_save(sash_app *app)
{
    (void)app;
    hs_state *s = state;
    state = NULL;
    return s;
}

SASH_MODULE_EXPORT int sash_module_restore(sash_app *app, void *saved)
{
    state = saved;
    state->gen++;
    return setup(app);
}

SASH_MODULE_EXPORT void sash_module_fini(sash_app *app)
{
    (void)app;
    if (state) {
        printf("hs-fini v%d gen=%d\n", HS_VERSION, state->gen);
        fflush(stdout);
    }
    free(state);
    state = NULL;
}
