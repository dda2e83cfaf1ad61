/*
 * events.c - events both ways.
 *
 * C -> JS: the emitting thread serialises "[name,payload]" once and queues
 * it for the UI thread, which appends it to each target window's buffer;
 * after a drain, each window gets all its pending events in one script.
 * One queue for replies and events keeps per-thread order.
 * JS -> C: listeners run on the UI thread, called outside the lock so a
 * listener may add or remove listeners.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

typedef struct emit_task {
    sash__task task;
    char *label; /* NULL = every window */
    size_t len;
    char text[]; /* "[name,payload]" */
} emit_task;

static void deliver(sash_window *w, const emit_task *e)
{
    if (w->closed)
        return;
    if (sash__buf_append(&w->events, e->text, e->len) != 0 ||
        sash__buf_append(&w->events, ",", 1) != 0) {
        sash__error("out of memory: event dropped for window '%s'", w->label);
        return;
    }
    w->app->events_dirty = 1;
}

static void emit_run(sash_app *app, sash__task *t)
{
    emit_task *e = (emit_task *)t;
    for (sash_window *w = app->windows; w; w = w->next)
        if (!e->label || strcmp(e->label, w->label) == 0)
            deliver(w, e);
    free(e->label);
    free(e);
}

int sash_emit_to(sash_app *app, const char *label, const char *name,
                 json_t *payload)
{
    if (!app || !name || !*name) {
        json_decref(payload);
        return SASH_EINVAL;
    }
    json_t *pair = json_pack("[s,o]", name, payload ? payload : json_null());
    if (!pair)
        return SASH_EINVAL; /* name not UTF-8; json_pack freed payload */
    char *text = json_dumps(pair, JSON_COMPACT);
    json_decref(pair);
    if (!text)
        return SASH_ENOMEM;
    size_t len = strlen(text);
    emit_task *e = malloc(sizeof *e + len + 1);
    if (!e) {
        free(text);
        return SASH_ENOMEM;
    }
    memcpy(e->text, text, len + 1);
    free(text);
    e->len = len;
    e->task.run = emit_run;
    e->label = sash__strdup(label);
    if (label && !e->label) {
        free(e);
        return SASH_ENOMEM;
    }
    int rc = sash__ui_post(app, &e->task);
    if (rc != 0) {
        free(e->label);
        free(e);
    }
    return rc;
}

int sash_emit(sash_app *app, const char *name, json_t *payload)
{
    return sash_emit_to(app, NULL, name, payload);
}

int sash_window_emit(sash_window *window, const char *name, json_t *payload)
{
    if (!window) {
        json_decref(payload);
        return SASH_EINVAL;
    }
    return sash_emit_to(window->app, window->label, name, payload);
}

void sash__events_flush_window(sash_window *w)
{
    static const char head[] = "window.__SASH__&&window.__SASH__._ev([";
    if (w->events.len == 0 || w->closed)
        return;
    sash__buf script = {0};
    w->events.len--; /* the trailing comma */
    if (sash__buf_append(&script, head, sizeof head - 1) == 0 &&
        sash__buf_append(&script, w->events.data, w->events.len) == 0 &&
        sash__buf_append(&script, "])", 2) == 0)
        w->app->platform->window_eval(w, script.data, script.len);
    else
        sash__error("out of memory: events dropped for '%s'", w->label);
    sash__buf_free(&script);
    w->events.len = 0;
    /* Give back the memory of a burst; keep a small buffer warm. */
    if (w->events.cap > 1 << 20)
        sash__buf_free(&w->events);
}

void sash__events_flush(sash_app *app)
{
    app->events_dirty = 0;
    for (sash_window *w = app->windows; w; w = w->next)
        sash__events_flush_window(w);
}

long sash_listen(sash_app *app, const char *name, sash_listener_fn fn,
                 void *user_data)
{
    if (!app || !name || !*name || !fn)
        return SASH_EINVAL;
    sash__listener *l = calloc(1, sizeof *l);
    if (!l || !(l->name = sash__strdup(name))) {
        free(l);
        return SASH_ENOMEM;
    }
    l->fn = fn;
    l->user_data = user_data;
    pthread_mutex_lock(&app->listen_lock);
    l->id = ++app->next_listener_id;
    sash__listener **tail = &app->listeners;
    while (*tail) /* append: listeners run in the order they were added */
        tail = &(*tail)->next;
    *tail = l;
    pthread_mutex_unlock(&app->listen_lock);
    return l->id;
}

int sash_unlisten(sash_app *app, long id)
{
    if (!app)
        return SASH_EINVAL;
    sash__listener *found = NULL;
    pthread_mutex_lock(&app->listen_lock);
    for (sash__listener **p = &app->listeners; *p; p = &(*p)->next) {
        if ((*p)->id == id) {
            found = *p;
            *p = found->next;
            break;
        }
    }
    pthread_mutex_unlock(&app->listen_lock);
    if (!found)
        return SASH_ENOENT;
    free(found->name);
    free(found);
    return 0;
}

void sash__events_from_js(sash_app *app, const char *label, const char *name,
                          const json_t *payload)
{
    enum { MAX_BATCH = 32 };
    struct { sash_listener_fn fn; void *ud; } hit[MAX_BATCH];
    long after = 0;
    /* Snapshot in batches of ids so the lock is never held across a call. */
    for (;;) {
        int n = 0;
        pthread_mutex_lock(&app->listen_lock);
        for (sash__listener *l = app->listeners; l && n < MAX_BATCH; l = l->next) {
            if (l->id <= after)
                continue;
            after = l->id;
            if (strcmp(l->name, name) == 0 || strcmp(l->name, "*") == 0) {
                hit[n].fn = l->fn;
                hit[n].ud = l->user_data;
                n++;
            }
        }
        pthread_mutex_unlock(&app->listen_lock);
        if (n == 0)
            break;
        for (int i = 0; i < n; i++)
            hit[i].fn(app, label, name, payload ? payload : json_null(),
                      hit[i].ud);
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
