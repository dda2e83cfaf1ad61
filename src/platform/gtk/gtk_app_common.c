/*
 * gtk_app_common.c - what the GTK3 and GTK4 backends' tables share
 * (gtk_app.c, ../gtk4/gtk4_app.c): wake-ups, the core's timer, the end of
 * an app, and the constructor with its one-way test mode.  Display and
 * main loop differ and stay in each.
 */
#include <stdlib.h>
#include <string.h>

#include "gtk_internal.h"

/* Sources still pending would call into a freed app, and the context may
 * outlive it (WebKit holds it while a view it made lives on). */
void sash__gtk_app_terminate(sash_app *app)
{
    gtk_app_data *d = sash__app_platform_data(app);
    while (g_idle_remove_by_data(app))
        ;
    if (d) {
        if (d->timer_id)
            g_source_remove(d->timer_id);
#ifdef SASH_GTK4
        g_clear_object(&d->session);
#endif
        if (d->context) {
            sash__gtk_scheme_detach(app, d->context);
            g_object_unref(d->context);
        }
#ifdef SASH_GTK4
        if (d->loop)
            g_main_loop_unref(d->loop);
#endif
    }
    free(d);
    sash__app_set_platform_data(app, NULL);
}

static gboolean drain_cb(gpointer app)
{
    sash__app_drain(app);
    return G_SOURCE_REMOVE;
}

/* Default-idle priority: below input and redraw, so a flood of replies or
 * events from workers never starves painting; on an idle loop it runs at
 * once. */
void sash__gtk_wake(sash_app *app)
{
    g_idle_add_full(G_PRIORITY_DEFAULT_IDLE, drain_cb, app, NULL);
}

typedef struct timer_data {
    sash_app *app;
    void (*fn)(sash_app *);
} timer_data;

static gboolean timer_cb(gpointer data)
{
    timer_data *t = data;
    gtk_app_data *d = sash__app_platform_data(t->app);
    d->timer_id = 0;
    t->fn(t->app);
    return G_SOURCE_REMOVE;
}

void sash__gtk_timer(sash_app *app, unsigned ms, void (*fn)(sash_app *))
{
    timer_data *t = g_new(timer_data, 1);
    t->app = app;
    t->fn = fn;
    gtk_app_data *d = sash__app_platform_data(app);
    if (d->timer_id) /* one pending timer is all the core ever needs */
        g_source_remove(d->timer_id);
    d->timer_id = g_timeout_add_full(G_PRIORITY_DEFAULT_IDLE, ms, timer_cb, t,
                                     g_free);
}

int sash__gtk_oneway;

/* The public constructor lives with the backend that a build links, so the
 * core never names a platform.  SASH_GTK_ONEWAY=1: the same backend with
 * WebKit's message handler used one-way, as WebView2's postMessage is
 * (replies travel by id among the deliveries), so the core's one-way
 * transport runs, and passes the contract suite, on a real engine here. */
sash_app *sash__gtk_app_new(const sash_app_options *options, size_t size,
                            const sash__platform *platform)
{
    static sash__platform oneway;
    const char *env = getenv("SASH_GTK_ONEWAY");
    sash__gtk_oneway = env && strcmp(env, "1") == 0;
    if (!sash__gtk_oneway)
        return sash__app_new_with(options, size, platform);
    oneway = *platform;
    oneway.transport_js = "oneWay((t)=>window.webkit.messageHandlers."
                          SASH_GTK_HANDLER ".postMessage(t))";
    oneway.oneway = 1;
    return sash__app_new_with(options, size, &oneway);
}
