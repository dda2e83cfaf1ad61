/*
 * listeners.c - C listeners for events that pages emit().
 *
 * Listeners run on the UI thread, one at a time and outside the lock, so a
 * listener may add or remove listeners.  Removal is synchronous: after
 * sash_unlisten() returns, the listener is never called again.  The
 * dispatcher re-checks the list before every call (no stale snapshot), and
 * an unlisten from another thread waits for a call already under way.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int sash_listen(sash_app *app, const char *name, sash_listener_fn fn,
                void *user_data, long *id)
{
    if (id)
        *id = 0;
    if (!app || !name || !*name || !fn)
        return SASH_EINVAL;
    sash__listener *l = calloc(1, sizeof *l);
    if (!l || !(l->name = sash__strdup(name))) {
        free(l);
        return SASH_ENOMEM;
    }
    l->fn = fn;
    l->user_data = user_data;
    sash__mutex_lock(&app->listen_lock);
    l->id = ++app->next_listener_id;
    sash__listener **tail = &app->listeners;
    while (*tail) /* append: ids ascend, and listeners run in that order */
        tail = &(*tail)->next;
    *tail = l;
    long new_id = l->id;
    sash__mutex_unlock(&app->listen_lock);
    if (id)
        *id = new_id;
    if (sash__dev && sash__dev->added) /* sash dev's hot swap */
        sash__dev->added(app, SASH__DEV_LISTENER, name, new_id, (const void *)(uintptr_t)fn);
    return 0;
}

int sash_unlisten(sash_app *app, long id)
{
    if (!app || id <= 0)
        return SASH_EINVAL;
    sash__listener *found = NULL;
    sash__mutex_lock(&app->listen_lock);
    for (sash__listener **p = &app->listeners; *p; p = &(*p)->next) {
        if ((*p)->id == id) {
            found = *p;
            *p = found->next;
            break;
        }
    }
    /* Listeners run on the UI thread: from there, the one running is the
     * caller's own (removing itself) or another one, so nothing to wait
     * for.  From elsewhere, wait until a running call of it returned. */
    if (found && !sash__is_ui_thread(app))
        while (app->listener_running == id)
            sash__cond_wait(&app->listen_cond, &app->listen_lock);
    sash__mutex_unlock(&app->listen_lock);
    if (!found)
        return SASH_ENOENT;
    free(found->name);
    free(found);
    return 0;
}

static int matches(const sash__listener *l, const char *name)
{
    return strcmp(l->name, name) == 0 || strcmp(l->name, "*") == 0;
}

void sash__events_from_js(sash_app *app, const char *label, const char *name,
                          const json_t *payload)
{
    long after = 0;
    for (;;) {
        sash__listener *next = NULL;
        sash__mutex_lock(&app->listen_lock);
        for (sash__listener *l = app->listeners; l && !next; l = l->next)
            if (l->id > after && matches(l, name))
                next = l;
        sash_listener_fn fn = next ? next->fn : NULL;
        void *ud = next ? next->user_data : NULL;
        if (next)
            app->listener_running = after = next->id;
        sash__mutex_unlock(&app->listen_lock);
        if (!fn)
            break;
        fn(app, label, name, payload ? payload : json_null(), ud);
        sash__mutex_lock(&app->listen_lock);
        app->listener_running = 0;
        sash__cond_broadcast(&app->listen_cond);
        sash__mutex_unlock(&app->listen_lock);
    }
}

void sash__listeners_free(sash_app *app)
{
    sash__listener *l = app->listeners;
    while (l) {
        sash__listener *next = l->next;
        free(l->name);
        free(l);
        l = next;
    }
    app->listeners = NULL;
}
