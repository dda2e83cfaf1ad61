/*
 * delivery.c - what reaches a page from C without a request: events and
 * channel messages.
 *
 * The emitting thread serialises "[name,payload]" once and queues
 * it for the UI thread, which appends it to each target window's delivery
 * buffer (shared with channel messages); at most once a frame, each window
 * gets everything pending in one script.  One queue for replies, events and
 * channel messages keeps per-thread order; a reply first flushes what was
 * queued before it.
 *
 * How a batch reaches the page is the backend's: by pull (the bridge's
 * parked message with reply is answered with it, so no script runs on
 * the app's behalf and nothing counts as a user gesture; see the end of
 * this file), or through window_deliver() (one-way transports).
 */
#include <stdlib.h>
#include <string.h>

#include "ipc/json_fast.h"
#include "calls/call.h"
#include "bridge/channel.h"
#include "bridge/profiler.h"

/* Bytes of deliveries that may wait in the UI process (queued or buffered
 * per window) before emitters on other threads wait for the page: without
 * a bound, a thread emitting faster than the page consumes grows memory
 * without limit (a known Tauri failure). */
#define BACKLOG_LIMIT (512u << 10)

/* One entry for the delivery buffer of one window, or of every window
 * (window == NULL) whose label matches (label == NULL: all). */
typedef struct deliver_task {
    sash__task task;
    sash_window *window; /* referenced; NULL = by label */
    int page_gen;        /* with window: only for this page */
    char *label;
    char *name;          /* event name, for the profiler; NULL = channel */
    uint64_t t0;
    size_t len;
    char text[];         /* "[...]" */
} deliver_task;

void sash__backlog_add(sash_app *app, long delta)
{
    sash__mutex_lock(&app->ui_lock);
    app->backlog = delta < 0 && (size_t)-delta > app->backlog
                       ? 0 : app->backlog + (size_t)delta;
    if (app->backlog <= BACKLOG_LIMIT)
        sash__cond_broadcast(&app->backlog_cond);
    sash__mutex_unlock(&app->ui_lock);
}

/* Waits until the page has caught up; the UI thread never waits (it is
 * what drains the backlog). */
static void backlog_wait(sash_app *app)
{
    if (sash__is_ui_thread(app))
        return;
    sash__mutex_lock(&app->ui_lock);
    while (app->backlog > BACKLOG_LIMIT && !app->closing)
        sash__cond_wait(&app->backlog_cond, &app->ui_lock);
    sash__mutex_unlock(&app->ui_lock);
}

/* What a queued delivery costs the backlog: its text and the task itself,
 * which is most of it for small events (a flood of 20-byte events would
 * otherwise hold five times the limit). */
static long task_cost(const deliver_task *d)
{
    return (long)(d->len + sizeof *d);
}

static void append(sash_window *w, const deliver_task *d)
{
    if (w->closed)
        return;
    if (sash__buf_append(&w->events, d->text, d->len) != 0 ||
        sash__buf_append(&w->events, ",", 1) != 0) {
        sash__error("out of memory: event dropped for window '%s'", w->label);
        return;
    }
    sash__backlog_add(w->app, (long)d->len + 1);
    w->app->events_dirty = 1;
}

static void deliver_free(deliver_task *d)
{
    if (d->window)
        sash__window_unref(d->window);
    free(d->label);
    free(d->name);
    free(d);
}

static void deliver_run(sash_app *app, sash__task *t)
{
    deliver_task *d = (deliver_task *)t;
    if (d->window) {
        if (atomic_load(&d->window->page_gen) == d->page_gen)
            append(d->window, d);
    } else {
        for (sash_window *w = app->windows; w; w = w->next)
            if (!d->label || strcmp(d->label, w->label) == 0)
                append(w, d);
    }
    sash__backlog_add(app, -task_cost(d));
    if (d->name && app->profiler)
        sash__profile_event(app, d->name, d->len, sash__now_ns() - d->t0);
    deliver_free(d);
}

/* A task with room for `len` bytes of text. */
static deliver_task *deliver_new(size_t len)
{
    deliver_task *d = calloc(1, sizeof *d + len + 1);
    if (d) {
        d->task.run = deliver_run;
        d->len = len;
    }
    return d;
}

static int deliver_queue(sash_app *app, deliver_task *d)
{
    sash__backlog_add(app, task_cost(d));
    int rc = sash__ui_post_or_refuse(app, &d->task);
    if (rc != 0) {
        sash__backlog_add(app, -task_cost(d));
        d->window = NULL; /* the caller keeps its reference */
        deliver_free(d);
    }
    return rc;
}

int sash__deliver_post(sash_window *w, int page_gen, char *text)
{
    size_t len = strlen(text);
    deliver_task *d = deliver_new(len);
    if (!d) {
        free(text);
        return SASH_ENOMEM;
    }
    memcpy(d->text, text, len + 1);
    free(text);
    d->page_gen = page_gen;
    sash__window_ref(w);
    d->window = w;
    int rc = deliver_queue(w->app, d);
    if (rc != 0)
        sash__window_unref(w);
    return rc;
}

int sash__deliver_event(sash_app *app, const char *label, const char *name,
                        json_t *pair)
{
    size_t len = 0;
    char *text = sash__json_write(pair, &len);
    deliver_task *d = text ? deliver_new(len) : NULL;
    if (d)
        memcpy(d->text, text, len);
    free(text);
    json_decref(pair);
    if (!d || (label && !(d->label = sash__strdup(label))) ||
        (app->profiler && !(d->name = sash__strdup(name)))) {
        if (d)
            deliver_free(d);
        return len ? SASH_ENOMEM : SASH_EINVAL;
    }
    d->t0 = app->profiler ? sash__now_ns() : 0;
    backlog_wait(app);
    return deliver_queue(app, d);
}

static void pull_flush(sash_window *w);

void sash__events_flush_window(sash_window *w, int force)
{
    if (w->app->platform->pull_deliveries) {
        pull_flush(w); /* without a parked pull, the next one takes them */
        return;
    }
    if (w->events.len == 0 || w->closed || !w->view_ready)
        return; /* a view not ready yet gets them from view_ready() */
    if (w->delivering && !force) { /* sent when the page is done */
        w->app->events_dirty = 1;
        return;
    }
    sash__buf script = {0};
    w->events.len--; /* the trailing comma */
    if (sash__buf_append(&script, "[", 1) == 0 &&
        sash__buf_append(&script, w->events.data, w->events.len) == 0 &&
        sash__buf_append(&script, "]", 1) == 0)
        w->app->platform->window_deliver(w, script.data, script.len);
    else
        sash__error("out of memory: events dropped for '%s'", w->label);
    sash__buf_free(&script);
    w->delivering = 1;
    sash__backlog_add(w->app, -(long)w->events.len - 1);
    w->events.len = 0;
    /* Give back the memory of a burst; keep a small buffer warm. */
    if (w->events.cap > 1 << 20)
        sash__buf_free(&w->events);
}

void sash__deliver_reply(sash_window *w, long rid, const char *reply)
{
    char head[40];
    int n = snprintf(head, sizeof head, "[0,%ld,", rid);
    size_t len = (size_t)n + strlen(reply) + 1;
    if (sash__buf_append(&w->events, head, (size_t)n) != 0 ||
        sash__buf_append(&w->events, reply, strlen(reply)) != 0 ||
        sash__buf_append(&w->events, "],", 2) != 0) {
        sash__error("out of memory: a reply for window '%s' is lost", w->label);
        return;
    }
    sash__backlog_add(w->app, (long)len + 1);
    /* A reply does not wait for the previous delivery (as with a reply
     * handle): order is kept, since everything queued before it goes in
     * the same batch. */
    sash__events_flush_window(w, 1);
}

void sash__events_flush(sash_app *app)
{
    app->events_dirty = 0;
    for (sash_window *w = app->windows; w; w = w->next)
        sash__events_flush_window(w, 0);
}

void sash__window_delivered(sash_window *w)
{
    w->delivering = 0;
    if (w->events.len)
        sash__events_flush_window(w, 0);
}

/* -- Deliveries by pull ------------------------------------------------------
 * The page keeps one pull parked (w->pull); a batch is its answer.  Without
 * one (the page is running the last batch, loading, or hung), entries wait
 * in w->events under the same backlog bound, and so does a reply that must
 * not overtake them: it is held with the buffer length at that moment (its
 * mark) and sent right after the pull that carries the bytes before the
 * mark.  Answers go through the same channel in order, so the page runs a
 * batch before it sees the reply that followed it. */
struct sash__held {
    sash__task *task;
    size_t mark;
    struct sash__held *next;
};

/* Answers the parked pull with the first n bytes of w->events (whole
 * entries, each followed by its comma) and keeps the rest. */
static void pull_answer(sash_window *w, size_t n)
{
    sash__reply_to *to = w->pull;
    w->pull = NULL;
    sash__buf batch = {0};
    if (sash__buf_append(&batch, "[", 1) != 0 ||
        (n && sash__buf_append(&batch, w->events.data, n - 1) != 0) ||
        sash__buf_append(&batch, "]", 1) != 0) {
        sash__error("out of memory: events dropped for '%s'", w->label);
        sash__buf_free(&batch);
        w->app->platform->reply_drop(to->backend);
    } else {
        w->app->platform->reply(w, to->backend, batch.data, batch.len);
        sash__buf_free(&batch);
    }
    free(to);
    memmove(w->events.data, w->events.data + n, w->events.len - n);
    w->events.len -= n;
    sash__backlog_add(w->app, -(long)n);
    for (struct sash__held *h = w->held; h; h = h->next)
        h->mark = h->mark > n ? h->mark - n : 0;
    /* Give back the memory of a burst; keep a small buffer warm. */
    if (w->events.len == 0 && w->events.cap > 1 << 20)
        sash__buf_free(&w->events);
}

static void pull_flush(sash_window *w)
{
    if (w->pull && w->events.len && !w->closed)
        pull_answer(w, w->events.len);
}

/* Runs the held replies whose turn it is (mark 0), in order. */
static void held_release(sash_window *w, int all)
{
    w->held_sending = 1;
    while (w->held && (all || w->held->mark == 0)) {
        struct sash__held *h = w->held;
        w->held = h->next;
        if (!w->held)
            w->held_tail = NULL;
        sash__task *t = h->task;
        free(h);
        t->run(w->app, t);
    }
    w->held_sending = 0;
}

void sash__deliver_pull(sash_window *w, void *handle)
{
    sash_app *app = w->app;
    sash__reply_to *to = handle;
    if (!app->platform->pull_deliveries || to->oneway) {
        sash__reply_text(w, handle, sash__error_reply(SASH_CODE_BAD_ARGS,
                         "this backend does not deliver by pull"));
        return;
    }
    if (w->closed || to->page_gen != atomic_load(&w->page_gen)) {
        app->platform->reply_drop(to->backend); /* an earlier page's */
        free(to);
        return;
    }
    if (w->pull) { /* only one is parked: the older one's loop ends */
        sash__reply_to *old = w->pull;
        w->pull = NULL;
        app->platform->reply(w, old->backend, "null", 4);
        free(old);
    }
    w->pull = to;
    if (w->held && w->held->mark) {
        pull_answer(w, w->held->mark);
        held_release(w, 0);
    } else if (w->held) {
        held_release(w, 0);
        pull_flush(w);
    } else {
        pull_flush(w); /* what waited for it, at once (as a delivered batch) */
    }
}

int sash__deliver_hold(sash_window *w, sash__task *t)
{
    if (!w->app->platform->pull_deliveries || w->held_sending || w->closed)
        return 0;
    if (!w->held && (w->events.len == 0 || w->pull)) {
        pull_flush(w); /* what was queued before the reply goes first */
        return 0;
    }
    struct sash__held *h = malloc(sizeof *h);
    if (!h) { /* sent now: its order may slip, but nothing is lost */
        sash__error("out of memory: a reply for '%s' may pass events", w->label);
        return 0;
    }
    h->task = t;
    h->mark = w->events.len;
    h->next = NULL;
    if (w->held_tail)
        w->held_tail->next = h;
    else
        w->held = h;
    w->held_tail = h;
    return 1;
}

void sash__deliveries_page_ended(sash_window *w)
{
    if (w->pull) {
        sash__reply_to *to = w->pull;
        w->pull = NULL;
        w->app->platform->reply_drop(to->backend);
        free(to);
    }
    held_release(w, 1); /* to the old page, or dropped if w closed */
}
