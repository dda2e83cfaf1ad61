/*
 * window.c - the core side of a window: label, lifetime, show-on-paint.
 *
 * A window is referenced by the app's list and by every call made from it,
 * so a worker can finish a call after the window closed: its reply is then
 * dropped on the UI thread instead of touching freed memory.
 */
#include <stdlib.h>
#include <string.h>

#include "calls/call.h"
#include "bridge/channel.h"
#include "security/grants.h"

#define DEFAULT_WIDTH 800
#define DEFAULT_HEIGHT 600

void sash__window_ref(sash_window *w)
{
    atomic_fetch_add(&w->refs, 1);
}

void sash__window_unref(sash_window *w)
{
    if (atomic_fetch_sub(&w->refs, 1) != 1)
        return;
    sash__buf_free(&w->events);
    sash__buf_free(&w->pending_evals);
    sash__mutex_destroy(&w->calls_lock);
    free(w->title);
    sash__window_grants_clear(w);
    sash__mutex_destroy(&w->grant_lock);
    free(w->label);
    free(w);
}

/* Ends what belonged to the current page of `w`. */
static void end_page(sash_window *w)
{
    atomic_fetch_add(&w->page_gen, 1); /* calls now read as cancelled */
    sash__channels_close_window(w->app, w);
    sash__blobs_drop_window(w->app, w);
    sash__backlog_add(w->app, -(long)w->events.len);
    w->events.len = 0;
    w->delivering = 0; /* the new page has nothing in flight */
    sash__deliveries_page_ended(w); /* its parked pull, held replies */
    w->close_watch = 0; /* the new page has not asked about closes (a
                         * request pending still ends at its bound) */
    if (w->app->menus_page_ended) /* menus and trays the page made */
        w->app->menus_page_ended(w);
}

void sash__window_page_changed(sash_window *w)
{
    sash__debug(w->app, "window '%s' committed a new page", w->label);
    end_page(w);
}

/* The page URL: the dev server's, or the app's own scheme. */
static char *window_url(const sash_app *app, const char *path)
{
    const char *base = app->dev_url ? app->dev_url : app->platform->app_origin;
    size_t blen = strlen(base);
    while (blen > 0 && base[blen - 1] == '/')
        blen--;
    if (!path || !*path)
        path = "/";
    size_t plen = strlen(path);
    char *url = malloc(blen + plen + 2);
    if (!url)
        return NULL;
    memcpy(url, base, blen);
    size_t at = blen;
    if (path[0] != '/')
        url[at++] = '/';
    memcpy(url + at, path, plen + 1);
    return url;
}

sash_window *sash_window_new_v(sash_app *app,
                               const sash_window_options *options,
                               size_t size)
{
    sash_window_options o = {0};
    sash__fail_clear();
    if (options)
        memcpy(&o, options, size < sizeof o ? size : sizeof o);
    if (!app || !options || !o.label || !*o.label) {
        sash__fail(SASH_EINVAL, "sash_window_new: %s", !app ? "app is NULL"
                   : "options.label is required");
        return NULL;
    }
    if (!sash__is_ui_thread(app)) {
        sash__fail(SASH_ETHREAD, "sash_window_new: call it on the UI thread "
                   "(use sash_app_dispatch() from a worker)");
        return NULL;
    }
    if (sash__window_options_check(app, &o) != 0)
        return NULL;
    if (sash_app_get_window(app, o.label)) {
        sash__fail(SASH_EEXIST, "sash_window_new: a window labelled '%s' "
                   "already exists", o.label);
        return NULL;
    }
    sash_window *w = calloc(1, sizeof *w);
    if (!w || !(w->label = sash__strdup(o.label))) {
        free(w);
        sash__fail(SASH_ENOMEM, "sash_window_new: out of memory");
        return NULL;
    }
    w->app = app;
    atomic_init(&w->refs, 1);
    atomic_init(&w->page_gen, 0);
    sash__mutex_init(&w->calls_lock);
    sash__mutex_init(&w->grant_lock);
    if (o.width <= 0)
        o.width = DEFAULT_WIDTH;
    if (o.height <= 0)
        o.height = DEFAULT_HEIGHT;
    char *url = o.url ? sash__strdup(o.url) : window_url(app, o.path);
    int rc = url ? app->platform->window_create(w, &o, url, app->bridge_js)
                 : SASH_ENOMEM;
    free(url);
    if (rc != 0) {
        sash__window_unref(w);
        if (!sash__failed())
            sash__fail(rc, "sash_window_new: the backend could not create "
                       "window '%s': %s", o.label, sash_strerror(rc));
        return NULL;
    }
    w->next = app->windows;
    app->windows = w;
    sash__window_state_init(w, &o);
    w->no_drag_drop = o.no_drag_drop;
    if (app->drop_window_created) /* file drops, if enabled (drop.c) */
        app->drop_window_created(w);
    if (app->menus_window_created) /* the app menu, if any (menu/) */
        app->menus_window_created(w);
    sash__debug(app, "window '%s' created", w->label);
    return w;
}

/* Both ways a window ends (the user closed it, or the app did) meet here:
 * mark it closed first so replies racing with the close are dropped, free
 * the native side, unlink, and quit if it was the last window. */
void sash__window_finish_close(sash_window *w)
{
    sash_app *app = w->app;
    if (w->closed)
        return;
    w->closed = 1;
    sash__debug(app, "window '%s' closed", w->label);
    end_page(w);
    sash__window_state_closed(w);
    app->platform->window_destroy(w);
    sash__window_grants_clear(w); /* session grants die with the window */
    for (sash_window **p = &app->windows; *p; p = &(*p)->next) {
        if (*p == w) {
            *p = w->next;
            break;
        }
    }
    sash__window_unref(w);
    if (!app->windows && !app->keep_running && app->running)
        sash_app_quit(app, 0);
}

int sash_window_close(sash_window *window)
{
    if (!window)
        return SASH_EINVAL;
    if (!sash__is_ui_thread(window->app))
        return SASH_ETHREAD;
    sash__window_finish_close(window);
    return 0;
}

void sash__window_ready(sash_window *w)
{
    if (w->shown || w->closed)
        return;
    w->shown = 1;
    if (w->start_hidden) /* sash_window_show() shows it */
        return;
    w->app->platform->window_show(w);
    sash__debug(w->app, "window '%s' painted; shown", w->label);
}

sash_window *sash_app_get_window(sash_app *app, const char *label)
{
    if (!app || !label)
        return NULL;
    if (!sash__is_ui_thread(app)) {
        sash__fail(SASH_ETHREAD, "sash_app_get_window: UI thread only (a "
                   "worker names windows by label: sash_emit_to())");
        return NULL;
    }
    for (sash_window *w = app->windows; w; w = w->next)
        if (strcmp(w->label, label) == 0)
            return w;
    return NULL;
}

const char *sash_window_label(const sash_window *window)
{
    return window ? window->label : NULL;
}

int sash_window_set_title(sash_window *window, const char *title)
{
    if (!window)
        return SASH_EINVAL;
    if (!sash__is_ui_thread(window->app))
        return SASH_ETHREAD;
    char *copy = sash__strdup(title ? title : "");
    if (!copy)
        return SASH_ENOMEM;
    free(window->title);
    window->title = copy;
    window->app->platform->window_set_title(window, copy);
    return 0;
}

int sash_window_eval(sash_window *window, const char *script)
{
    if (!window || !script)
        return SASH_EINVAL;
    if (!sash__is_ui_thread(window->app))
        return SASH_ETHREAD;
    if (!window->view_ready) /* sent in order once the view exists */
        return sash__buf_append(&window->pending_evals, script,
                                strlen(script) + 1);
    window->app->platform->window_eval(window, script, strlen(script));
    return 0;
}

void sash__window_view_ready(sash_window *w)
{
    if (w->view_ready)
        return;
    w->view_ready = 1;
    for (size_t at = 0; at < w->pending_evals.len;) {
        const char *s = w->pending_evals.data + at;
        size_t n = strlen(s);
        w->app->platform->window_eval(w, s, n);
        at += n + 1;
    }
    sash__buf_free(&w->pending_evals);
    sash__events_flush_window(w, 0);
}

int sash_window_is_shown(const sash_window *window)
{
    if (!window)
        return 0;
    if (!sash__is_ui_thread(window->app)) {
        sash__fail(SASH_ETHREAD, "sash_window_is_shown: UI thread only");
        return 0;
    }
    return window->shown;
}

void sash__window_set_native(sash_window *w, void *native) { w->native = native; }
void *sash__window_native(const sash_window *w) { return w->native; }
sash_app *sash__window_app(const sash_window *w) { return w->app; }
