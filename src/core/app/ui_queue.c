/*
 * ui_queue.c - the one queue of work for the UI thread: replies, events,
 * channel messages and sash_app_dispatch() tasks, drained one batch per
 * wake-up in FIFO order (per-thread order is kept), with events paced to
 * at most one delivery per window per frame.
 */
#include <stdlib.h>

#include "bridge/profiler.h"
#include "calls/call.h"

typedef struct dispatch_task {
    sash__task task;
    sash_task_fn fn;
    void *data;
} dispatch_task;

int sash__is_ui_thread(const sash_app *app)
{
    return sash__thread_same(sash__thread_self(), app->ui_thread);
}

static void ui_enqueue(sash_app *app, sash__task *task, int *wake)
{
    sash__queue_push(&app->ui_queue, task);
    if (!app->wake_pending) {
        app->wake_pending = 1;
        *wake = 1;
    }
}

void sash__ui_post_always(sash_app *app, sash__task *task)
{
    int wake = 0;
    sash__mutex_lock(&app->ui_lock);
    ui_enqueue(app, task, &wake);
    sash__mutex_unlock(&app->ui_lock);
    if (wake)
        app->platform->wake(app);
}

int sash__ui_post_or_refuse(sash_app *app, sash__task *task)
{
    int wake = 0;
    sash__mutex_lock(&app->ui_lock);
    int closing = app->closing;
    if (!closing)
        ui_enqueue(app, task, &wake);
    sash__mutex_unlock(&app->ui_lock);
    if (wake)
        app->platform->wake(app);
    return closing ? SASH_ECLOSED : 0;
}

#define FRAME_NS 16000000u

static void flush_due(sash_app *app)
{
    app->flush_scheduled = 0;
    app->last_flush_ns = sash__now_ns();
    sash__events_flush(app);
}

/* Events go out at most once a frame: a burst of thousands becomes one
 * script per window per frame, not thousands of scripts. */
static void pace_events(sash_app *app)
{
    if (!app->events_dirty || app->flush_scheduled)
        return;
    uint64_t since = sash__now_ns() - app->last_flush_ns;
    if (since >= FRAME_NS || app->closing) {
        flush_due(app);
        return;
    }
    app->flush_scheduled = 1;
    app->platform->timer(app, (unsigned)((FRAME_NS - since) / 1000000u) + 1,
                         flush_due);
}

/* One batch per wake: tasks queued while it runs get a new wake, so a
 * flood from workers cannot starve input and painting. */
void sash__app_drain(sash_app *app)
{
    sash__mutex_lock(&app->ui_lock);
    sash__task *t = sash__queue_take_all(&app->ui_queue);
    app->wake_pending = 0;
    sash__mutex_unlock(&app->ui_lock);
    while (t) {
        sash__task *next = t->next;
        t->run(app, t);
        t = next;
    }
    pace_events(app);
}

static void dispatch_run(sash_app *app, sash__task *t)
{
    dispatch_task *d = (dispatch_task *)t;
    uint64_t t0 = app->profiler ? sash__now_ns() : 0;
    d->fn(app, d->data);
    if (app->profiler)
        sash__profile_ui_block(app, "a sash_app_dispatch() task",
                               sash__now_ns() - t0);
    free(d);
}

int sash_app_dispatch(sash_app *app, sash_task_fn fn, void *data)
{
    if (!app || !fn)
        return SASH_EINVAL;
    dispatch_task *d = malloc(sizeof *d);
    if (!d)
        return SASH_ENOMEM;
    d->task.run = dispatch_run;
    d->fn = fn;
    d->data = data;
    int rc = sash__ui_post_or_refuse(app, &d->task);
    if (rc != 0)
        free(d);
    return rc;
}
