/*
 * channel.c - ordered streams from C to one page, with backpressure.
 *
 * Messages ride the same per-window delivery buffer as events (so they keep
 * order with events and replies) as entries [id, "msg", payload] (JSON) or
 * [id, "bytes", "token"] (bytes, fetched by the page from the raw scheme),
 * and [id, "end"] once C released it.  The
 * page acknowledges what it consumed; a sender has at most `capacity`
 * messages unacknowledged, so a slow page slows the producer down instead
 * of growing memory without bound.  A channel belongs to the page that made
 * it: a reload or a closed window closes it and wakes blocked senders.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipc/json_fast.h"
#include "calls/call.h"
#include "bridge/channel.h"
#include "bridge/profiler.h"

#define DEFAULT_CAPACITY 256

struct sash_channel {
    sash_app *app;
    sash_window *window; /* referenced */
    long id;
    int page_gen;
    atomic_int refs;     /* the registry while open + each user reference */
    sash__mutex lock;
    sash__cond cond;
    size_t capacity, pending;
    sash_channel_full when_full;
    int closed;          /* under lock */
    sash_channel *next;  /* in app->channels, under app->chan_lock */
};

static void channel_unref(sash_channel *ch)
{
    if (atomic_fetch_sub(&ch->refs, 1) != 1)
        return;
    sash__cond_destroy(&ch->cond);
    sash__mutex_destroy(&ch->lock);
    sash__window_unref(ch->window);
    free(ch);
}

/* Marks closed and wakes senders; returns 1 if this call closed it. */
static int mark_closed(sash_channel *ch)
{
    sash__mutex_lock(&ch->lock);
    int was = ch->closed;
    ch->closed = 1;
    sash__cond_broadcast(&ch->cond);
    sash__mutex_unlock(&ch->lock);
    return !was;
}

/* Removes from the registry (dropping its reference) if still there. */
static void unregister(sash_channel *ch)
{
    sash_app *app = ch->app;
    int found = 0;
    sash__mutex_lock(&app->chan_lock);
    for (sash_channel **p = &app->channels; *p; p = &(*p)->next) {
        if (*p == ch) {
            *p = ch->next;
            found = 1;
            break;
        }
    }
    sash__mutex_unlock(&app->chan_lock);
    if (found)
        channel_unref(ch);
}

/* Finds an open channel by (window, id) and references it. */
static sash_channel *find(sash_app *app, const sash_window *w, long id)
{
    sash__mutex_lock(&app->chan_lock);
    sash_channel *ch = app->channels;
    while (ch && !(ch->window == w && ch->id == id))
        ch = ch->next;
    if (ch)
        atomic_fetch_add(&ch->refs, 1);
    sash__mutex_unlock(&app->chan_lock);
    return ch;
}

sash_channel *sash_call_channel(sash_call *call, const char *key)
{
    if (!call || !key || !call->args)
        return NULL;
    json_t *v = json_object_get(json_object_get(call->args, key),
                                "__sash_channel__");
    if (!json_is_integer(v) || json_integer_value(v) <= 0)
        return NULL;
    long id = (long)json_integer_value(v);
    sash_app *app = call->app;
    sash_channel *ch = find(app, call->window, id);
    if (ch)
        return ch;
    ch = calloc(1, sizeof *ch);
    if (!ch)
        return NULL;
    ch->app = app;
    ch->window = call->window;
    sash__window_ref(ch->window);
    ch->id = id;
    ch->page_gen = call->page_gen;
    ch->capacity = DEFAULT_CAPACITY;
    ch->when_full = SASH_CHANNEL_BLOCK;
    sash__mutex_init(&ch->lock);
    sash__cond_init(&ch->cond);
    atomic_init(&ch->refs, 2); /* registry + caller */
    /* The page may have gone while the call ran: then born closed. */
    ch->closed = atomic_load(&call->window->page_gen) != call->page_gen;
    sash__mutex_lock(&app->chan_lock);
    ch->next = app->channels;
    app->channels = ch;
    sash__mutex_unlock(&app->chan_lock);
    return ch;
}

int sash_channel_set_capacity(sash_channel *ch, size_t capacity,
                              sash_channel_full when_full)
{
    if (!ch || capacity == 0)
        return SASH_EINVAL;
    sash__mutex_lock(&ch->lock);
    ch->capacity = capacity;
    ch->when_full = when_full;
    sash__cond_broadcast(&ch->cond);
    sash__mutex_unlock(&ch->lock);
    return 0;
}

/* Waits for room and reserves a slot. */
static int reserve(sash_channel *ch)
{
    int ui = sash__is_ui_thread(ch->app);
    int rc = 0;
    sash__mutex_lock(&ch->lock);
    while (!ch->closed && ch->pending >= ch->capacity) {
        if (ch->when_full == SASH_CHANNEL_DROP) {
            rc = SASH_EFULL;
            break;
        }
        if (ui) { /* the UI thread is who would drain it */
            rc = SASH_ETHREAD;
            break;
        }
        sash__cond_wait(&ch->cond, &ch->lock);
    }
    if (rc == 0 && ch->closed)
        rc = SASH_ECLOSED;
    if (rc == 0)
        ch->pending++;
    sash__mutex_unlock(&ch->lock);
    return rc;
}

static void release_slot(sash_channel *ch)
{
    sash__mutex_lock(&ch->lock);
    if (ch->pending)
        ch->pending--;
    sash__cond_broadcast(&ch->cond);
    sash__mutex_unlock(&ch->lock);
}

/* Builds [id,"msg",<json>] or [id,"bytes","<token>"] and queues it. */
static int post_entry(sash_channel *ch, const char *json, const char *token)
{
    size_t n = (json ? strlen(json) : 0) + 64;
    char *text = malloc(n);
    if (!text)
        return SASH_ENOMEM;
    if (token)
        snprintf(text, n, "[%ld,\"bytes\",\"%s\"]", ch->id, token);
    else
        snprintf(text, n, "[%ld,\"msg\",%s]", ch->id, json);
    return sash__deliver_post(ch->window, ch->page_gen, text);
}

int sash_channel_send(sash_channel *ch, json_t *msg)
{
    if (!ch) {
        json_decref(msg);
        return SASH_EINVAL;
    }
    char *json = sash__json_write(msg ? msg : json_null(), NULL);
    json_decref(msg);
    if (!json)
        return SASH_EINVAL;
    int rc = reserve(ch);
    if (rc == 0) {
        if (ch->app->profiler)
            sash__profile_channel(ch->app, strlen(json));
        rc = post_entry(ch, json, NULL);
        if (rc != 0)
            release_slot(ch);
    }
    free(json);
    return rc;
}

int sash_channel_closed(const sash_channel *ch)
{
    if (!ch)
        return 1;
    sash__mutex_lock((sash__mutex *)&ch->lock);
    int closed = ch->closed;
    sash__mutex_unlock((sash__mutex *)&ch->lock);
    return closed;
}

void sash_channel_free(sash_channel *ch)
{
    if (!ch)
        return;
    if (mark_closed(ch)) {
        /* Tell the page: its onclose runs after the messages before it. */
        char *text = malloc(64);
        if (text) {
            snprintf(text, 64, "[%ld,\"end\"]", ch->id);
            sash__deliver_post(ch->window, ch->page_gen, text);
        }
        unregister(ch);
    }
    channel_unref(ch);
}

void sash__channel_ack(sash_window *w, long id, size_t n)
{
    sash_channel *ch = find(w->app, w, id);
    if (!ch)
        return;
    sash__mutex_lock(&ch->lock);
    ch->pending = n > ch->pending ? 0 : ch->pending - n;
    sash__cond_broadcast(&ch->cond);
    sash__mutex_unlock(&ch->lock);
    channel_unref(ch);
}

void sash__channel_closed_by_page(sash_window *w, long id)
{
    sash_channel *ch = find(w->app, w, id);
    if (!ch)
        return;
    mark_closed(ch);
    unregister(ch);
    channel_unref(ch);
}

void sash__channels_close_window(sash_app *app, const sash_window *w)
{
    for (;;) {
        sash__mutex_lock(&app->chan_lock);
        sash_channel *ch = app->channels;
        while (ch && w && ch->window != w)
            ch = ch->next;
        if (ch)
            atomic_fetch_add(&ch->refs, 1);
        sash__mutex_unlock(&app->chan_lock);
        if (!ch)
            return;
        mark_closed(ch);
        unregister(ch);
        channel_unref(ch);
    }
}

/* sash_channel_send_bytes() (channel_bytes.c, apart so that only apps
 * sending bytes link the backend's shared-memory path: platform.h). */
int sash__channel_send_bytes(sash_channel *ch, void *data, size_t len,
                             void (*free_fn)(void *))
{
    if (!ch || (!data && len)) {
        if (data && free_fn)
            free_fn(data);
        return SASH_EINVAL;
    }
    int rc = reserve(ch);
    if (rc != 0) {
        if (data && free_fn)
            free_fn(data);
        return rc;
    }
    sash__payload p;
    rc = sash__payload_bytes(&p, data, len, free_fn);
    char token[33];
    if (rc == 0)
        rc = sash__blob_put(ch->window, ch->page_gen, &p, token); /* takes p */
    if (rc == SASH_ECANCELLED) /* its page ended: as a closed channel */
        rc = SASH_ECLOSED;
    if (rc == 0) {
        if (ch->app->profiler)
            sash__profile_channel(ch->app, len);
        rc = post_entry(ch, NULL, token);
    }
    if (rc != 0)
        release_slot(ch);
    return rc;
}

