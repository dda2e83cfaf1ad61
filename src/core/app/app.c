/*
 * app.c - the app object: creation from options, run, quit, free.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calls/call.h"
#include "security/security.h"
#include "bridge/channel.h"
#include "bridge/profiler.h"
#include "desktop/desktop.h"

/* GTK and friends are process-global, so only one app may exist. */
static atomic_int app_alive;

/* The app's secrets, from one read of OS randomness: the secret mixed
 * into byte-result tokens (parked.c) and the raw path's key (hex).
 * Without OS randomness they are weaker, not absent: clock and pid. */
static void make_secrets(sash_app *app)
{
    unsigned char r[24];
    if (sash__random_bytes(r, sizeof r) != 0) {
        uint64_t a = sash__now_ns(), b = (uint64_t)sash__process_id();
        for (size_t i = 0; i < sizeof r; i++)
            r[i] = (unsigned char)((a >> (8 * (i % 8))) ^ (b * (i + 1)));
    }
    memcpy(&app->blob_secret, r, sizeof app->blob_secret);
    for (int i = 0; i < 16; i++)
        snprintf(app->raw_key + 2 * i, 3, "%02x", r[8 + i]);
}

static int copy_options(sash_app *app, const sash_app_options *o)
{
    const char *dev = getenv("SASH_DEV_URL");
    const char *dbg = getenv("SASH_DEBUG");
    app->identifier = sash__strdup(o->identifier ? o->identifier : "app.sash");
    app->dev_url = sash__strdup(dev && *dev ? dev : o->dev_url);
    const char *render = getenv("SASH_RENDERING");
    render = render && *render ? render : o->rendering;
    app->rendering = render ? sash__strdup(render) : NULL;
    app->assets = o->assets;
    app->asset_count = o->asset_count;
    app->spa_fallback = o->spa_fallback;
    app->keep_running = o->keep_running;
    app->debug = o->debug || (dbg && *dbg && strcmp(dbg, "0") != 0);
    const char *prof = getenv("SASH_PROFILE");
    int profile = prof && *prof ? strcmp(prof, "0") != 0
                                : app->debug || app->dev_url;
    if (profile && !SASH__PROFILER_LINKED) {
        if (prof && *prof)
            sash__warn("SASH_PROFILE: the profiler is not linked into this "
                       "binary (link it with -Wl,-u,sash_app_stats: docs/ipc.md)");
    } else if (profile && !(app->profiler = sash__profiler_new())) {
        return SASH_ENOMEM;
    }
    if (!app->identifier || ((dev || o->dev_url) && !app->dev_url) ||
        (render && !app->rendering))
        return SASH_ENOMEM;
    return 0;
}

sash_app *sash__app_new_with(const sash_app_options *options, size_t size,
                             const sash__platform *platform)
{
    /* Fields past what the caller's header knew stay zero (defaults): old
     * binaries keep working when options are appended. */
    sash_app_options opts = {0};
    if (options)
        memcpy(&opts, options, size < sizeof opts ? size : sizeof opts);
    const sash_app_options *o = &opts;
    sash__fail_clear();
    if (sash__platform_check(platform) != 0) /* a table missing an entry */
        return NULL;
    if (atomic_exchange(&app_alive, 1)) {
        sash__fail(SASH_EEXIST, "sash_app_new: an app already exists in "
                   "this process (only one may)");
        return NULL;
    }
    sash_app *app = calloc(1, sizeof *app);
    if (!app) {
        atomic_store(&app_alive, 0);
        sash__fail(SASH_ENOMEM, "sash_app_new: out of memory");
        return NULL;
    }
    app->platform = platform;
    app->ui_thread = sash__thread_self();
    sash__mutex_init(&app->ui_lock);
    sash__cond_init(&app->backlog_cond);
    sash__mutex_init(&app->listen_lock);
    sash__cond_init(&app->listen_cond);
    sash__mutex_init(&app->blob_lock);
    sash__mutex_init(&app->chan_lock);
    make_secrets(app);
    sash__registry_init(&app->registry);
    int workers = o->worker_threads > 0 ? o->worker_threads : sash__cpu_count();
    int rc = copy_options(app, o);
    if (rc != 0 || (rc = sash__security_init(app, o)) != 0) {
        /* security_init reported what is wrong with sash.json */
        if (rc == SASH_ENOMEM)
            sash__fail(SASH_ENOMEM, "sash_app_new: out of memory");
        app->platform = NULL;
        sash_app_free(app);
        return NULL;
    }
    if (!(app->bridge_js = sash__bridge_script(
              platform, app->raw_key,
              app->security->config.limits.max_message)) ||
        sash__pool_start(&app->pool, app, workers) != 0 ||
        platform->init(app) != 0) {
        if (!sash__failed()) /* the backend may have said why already */
            sash__fail(SASH_EPLATFORM, "sash_app_new: the %s backend could "
                       "not start", platform->name);
        app->platform = NULL; /* init failed or never ran */
        sash_app_free(app);
        return NULL;
    }
    sash__static_commands_attach(app);
    sash__window_state_app_init(app);
    /* The app's module hooks: sash dev's host loads the module now; a
     * release binary calls its own sash_module_init(), if it has one. */
    if (sash__dev)
        sash__dev->app_created(app);
    else
        sash__module_hooks_init(app);
    sash__debug(app, "app '%s' started: %s backend, %d workers%s%s",
                app->identifier, platform->name, app->pool.nthreads,
                app->dev_url ? ", dev URL " : "",
                app->dev_url ? app->dev_url : "");
    return app;
}

int sash_app_run(sash_app *app)
{
    if (!app)
        return SASH_EINVAL;
    if (!sash__is_ui_thread(app))
        return SASH_ETHREAD;
    if (sash__schema_dump(app)) /* SASH_PRINT_SCHEMA: for `sash types` */
        return atomic_load(&app->exit_code);
    if (!atomic_load(&app->quit_requested)) {
        app->running = 1;
        app->platform->run(app);
        app->running = 0;
    }
    return atomic_load(&app->exit_code);
}

static void quit_run(sash_app *app, sash__task *t)
{
    free(t);
    if (app->running)
        app->platform->quit(app);
}

void sash_app_quit(sash_app *app, int code)
{
    if (!app)
        return;
    atomic_store(&app->exit_code, code);
    atomic_store(&app->quit_requested, 1);
    if (sash__is_ui_thread(app)) {
        if (app->running)
            app->platform->quit(app);
        return;
    }
    sash__task *t = malloc(sizeof *t);
    if (t) {
        t->run = quit_run;
        sash__ui_post_always(app, t);
    }
}

static void discard_job(sash_app *app, sash__task *t)
{
    (void)app;
    /* A queued call never started: reject it so its reply (dropped, as its
     * window is closed by now) and memory are released. */
    sash_call *call = (sash_call *)t;
    sash_reject(call, SASH_CODE_CANCELLED, "the app is shutting down");
    sash__call_unref(call);
}

void sash_app_free(sash_app *app)
{
    if (!app)
        return;
    sash__mutex_lock(&app->ui_lock);
    app->closing = 1;
    sash__cond_broadcast(&app->backlog_cond); /* release waiting emitters */
    sash__mutex_unlock(&app->ui_lock);
    sash__static_commands_detach(app);
    while (app->windows)
        sash__window_finish_close(app->windows);
    if (app->menus_free) /* menus and trays, while the backend still runs */
        app->menus_free(app);
    sash__pool_stop(&app->pool, discard_job);
    sash__plugins_cleanup(app); /* plugin_support.c: sash_app_on_free() */
    /* Replies and events queued by the last workers: windows are closed, so
     * this only releases their handles and memory. */
    if (app->platform)
        sash__app_drain(app);
    /* The module's fini, once no command runs and no window is left. */
    if (sash__dev)
        sash__dev->app_freeing(app);
    else
        sash__module_hooks_fini(app);
    if (app->platform)
        app->platform->terminate(app);
    sash__channels_close_window(app, NULL);
    sash__blobs_drop_window(app, NULL);
    sash__listeners_free(app);
    sash__registry_free(&app->registry);
    sash__security_free(app);
    sash__desktop_free(app);
    if (app->profiler)
        sash__profiler_free(app->profiler);
    sash__mutex_destroy(&app->chan_lock);
    sash__mutex_destroy(&app->blob_lock);
    sash__cond_destroy(&app->listen_cond);
    sash__mutex_destroy(&app->listen_lock);
    sash__cond_destroy(&app->backlog_cond);
    sash__mutex_destroy(&app->ui_lock);
    free(app->bridge_js);
    free(app->dev_url);
    free(app->rendering);
    free(app->identifier);
    free(app);
    atomic_store(&app_alive, 0);
}

void sash_app_set_user_data(sash_app *app, void *user_data)
{
    if (app)
        app->user_data = user_data;
}

void *sash_app_get_user_data(const sash_app *app)
{
    return app ? app->user_data : NULL;
}

void sash__app_set_platform_data(sash_app *app, void *d) { app->platform_data = d; }
void *sash__app_platform_data(const sash_app *app) { return app->platform_data; }
const char *sash__app_identifier(const sash_app *app) { return app->identifier; }
int sash__app_debug(const sash_app *app) { return app->debug; }

int sash__app_raw_key_ok(const sash_app *app, const char *key)
{
    if (!key || strlen(key) != sizeof app->raw_key - 1)
        return 0;
    unsigned char diff = 0; /* constant time: no early exit on a mismatch */
    for (size_t i = 0; i < sizeof app->raw_key - 1; i++)
        diff |= (unsigned char)(key[i] ^ app->raw_key[i]);
    return diff == 0;
}

const char *sash__app_rendering(const sash_app *app)
{
    return app->rendering;
}

const char *sash__app_dev_url(const sash_app *app)
{
    return app->dev_url;
}

char *sash__dev_waiting_page(const sash_app *app, const char *why)
{
    static const char fmt[] =
        "<!doctype html><meta charset=utf-8><title>Waiting for the dev server"
        "</title><body style=\"font:15px/1.5 system-ui,sans-serif;margin:3em;"
        "color:#333\"><h2>Waiting for the dev server</h2><p>%s is not "
        "answering yet (%s). Start it (<code>npm run dev</code>, or "
        "<code>sash dev</code> does it for you); this window loads it as soon "
        "as it answers.</p>";
    size_t n = sizeof fmt + strlen(app->dev_url) + strlen(why);
    char *s = malloc(n);
    if (s)
        snprintf(s, n, fmt, app->dev_url, why);
    return s;
}

size_t sash__app_max_message(const sash_app *app)
{
    return app->security->config.limits.max_message;
}
