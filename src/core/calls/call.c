/*
 * call.c - one invoke() from the page: its lifetime and its completion.
 *
 * A call is reference counted: the running command function holds one,
 * "not yet completed" holds one, and sash_call_ref() adds more.  It is freed
 * when all are gone, so a command may complete before or after it returns,
 * from any thread, and code that keeps a reference may still ask
 * sash_call_cancelled() or try a second completion (SASH_EDONE) safely.  The reply is
 * built on the completing thread (serialisation stays off the UI thread)
 * and handed to the UI thread through the app's task queue, which keeps
 * replies and events from one thread in order.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipc/json_fast.h"
#include "calls/call.h"
#include "bridge/profiler.h"

typedef struct reply_task {
    sash__task task;
    sash_window *window; /* referenced */
    void *handle;
    sash__payload payload;
} reply_task;

void sash__bytes_release(unsigned char *bytes, void (*bytes_free)(void *))
{
    if (bytes && bytes_free)
        bytes_free(bytes);
    else
        free(bytes);
}

void sash__payload_free(sash__payload *p)
{
    free(p->text);
    if (p->data && p->free_fn)
        p->free_fn(p->data);
    memset(p, 0, sizeof *p);
}

int sash__payload_bytes(sash__payload *p, void *data, size_t len,
                        void (*free_fn)(void *))
{
    memset(p, 0, sizeof *p);
    if (free_fn) { /* given: the payload frees it */
        *p = (sash__payload){.data = data, .len = len, .free_fn = free_fn};
        return 0;
    }
    /* Borrowed: copied now, so the caller may reuse its buffer. */
    p->data = malloc(len ? len : 1);
    if (!p->data)
        return SASH_ENOMEM;
    if (len)
        memcpy(p->data, data, len);
    p->len = len;
    p->free_fn = free;
    return 0;
}

sash__reply_to *sash__reply_to_new(sash_window *w, void *backend,
                                   const char *msg, size_t len)
{
    sash_app *app = w->app;
    int oneway = app->platform->oneway && msg; /* raw requests have handles */
    sash__reply_to *to = malloc(sizeof *to);
    if (!to) {
        if (!oneway)
            app->platform->reply_drop(backend);
        return NULL;
    }
    to->backend = backend;
    to->rid = 0;
    to->oneway = oneway;
    to->page_gen = atomic_load(&w->page_gen);
    static const char head[] = "{\"rid\":";
    if (oneway && len > sizeof head &&
        memcmp(msg, head, sizeof head - 1) == 0) {
        long rid = 0;
        for (size_t i = sizeof head - 1; i < len && i < sizeof head + 15 &&
                                          msg[i] >= '0' && msg[i] <= '9'; i++)
            rid = rid * 10 + (msg[i] - '0');
        to->rid = rid;
    }
    return to;
}

static void reply_drop(sash_app *app, sash__reply_to *to)
{
    if (!to->oneway)
        app->platform->reply_drop(to->backend);
    free(to);
}

static void reply_run(sash_app *app, sash__task *t)
{
    reply_task *r = (reply_task *)t;
    sash_window *w = r->window;
    sash__reply_to *to = r->handle;
    /* A one-way reply carries only an id, which the next page reuses: a
     * reply for an earlier page must never reach a later one. */
    if (w->closed || (to->oneway && (!to->rid || !r->payload.text ||
                                     to->page_gen != atomic_load(&w->page_gen)))) {
        reply_drop(app, to); /* gone, or nowhere to send it */
        sash__payload_free(&r->payload);
    } else if (to->oneway) { /* among the deliveries, in order */
        sash__deliver_reply(w, to->rid, r->payload.text);
        free(r->payload.text);
        free(to);
    } else if (sash__deliver_hold(w, t)) {
        return; /* runs again once what was queued before it is delivered */
    } else {
        /* Order beats flow control: what was emitted before the reply
         * goes first, even while a delivery is still running. */
        sash__events_flush_window(w, 1);
        if (r->payload.text) {
            app->platform->reply(w, to->backend, r->payload.text,
                                 strlen(r->payload.text));
            free(r->payload.text);
        } else { /* the backend takes the bytes */
            app->platform->reply_bytes(w, to->backend, r->payload.data,
                                       r->payload.len, r->payload.free_fn);
        }
        free(to);
    }
    sash__window_unref(w);
    free(r);
}

void sash__reply_post(sash_window *w, void *handle, sash__payload *p)
{
    reply_task *r = malloc(sizeof *r);
    if (!r) {
        /* Nothing can be sent without memory; the page's promise stays
         * pending, which beats crashing the app. */
        sash__error("out of memory while replying; the reply is lost");
        sash__payload_free(p);
        reply_drop(w->app, handle);
        return;
    }
    sash__window_ref(w);
    r->task.run = reply_run;
    r->window = w;
    r->handle = handle;
    r->payload = *p;
    sash__ui_post_always(w->app, &r->task);
}

void sash__reply_text(sash_window *w, void *handle, char *text)
{
    sash__payload p = {.text = text};
    if (text)
        sash__reply_post(w, handle, &p);
    else /* out of memory: nothing to say, but the handle is released */
        reply_drop(w->app, handle);
}

/* The one reply written by hand: what is sent when jansson itself could
 * not build a rejection (out of memory, or a code that is not UTF-8). */
static const char reply_internal_error[] =
    "{\"err\":{\"code\":\"internal\",\"message\":"
    "\"the reply could not be encoded\"}}";

char *sash__error_reply(const char *code, const char *message)
{
    json_t *msg = json_string(message);
    if (!msg) /* not UTF-8: say so rather than lose the rejection */
        msg = json_string("(the error message was not valid UTF-8)");
    json_t *env = json_pack("{s:{s:s,s:o}}", "err", "code",
                            code && *code ? code : SASH_CODE_INTERNAL,
                            "message", msg);
    if (!env)
        return sash__strdup(reply_internal_error);
    char *text = json_dumps(env, JSON_COMPACT);
    json_decref(env);
    return text;
}

sash_call *sash__call_new(sash_window *w, void *handle,
                          const sash__call_init *init,
                          const sash__command *cmd)
{
    sash_call *c = calloc(1, sizeof *c);
    if (!c || !(c->command = sash__strdup(init->command))) {
        free(c);
        return NULL;
    }
    sash__window_ref(w);
    c->app = w->app;
    c->window = w;
    c->handle = handle;
    c->raw = init->raw;
    c->args = init->args;
    c->bytes = init->bytes;
    c->bytes_off = init->bytes_off;
    c->bytes_len = init->bytes_len;
    c->bytes_free = init->bytes_free;
    c->in_size = init->in_size;
    c->js_id = init->js_id;
    c->late_args = init->late_args;
    c->page_gen = atomic_load(&w->page_gen);
    c->subframe = w->ipc_subframe;
    atomic_fetch_add(&w->in_flight, 1); /* until finish(): limits.c */
    c->fn = cmd->fn;
    c->user_data = cmd->user_data;
    c->use = cmd->use;
    c->started_ns = w->app->profiler ? sash__now_ns() : 0;
    atomic_init(&c->refs, 2);
    atomic_init(&c->done, 0);
    atomic_init(&c->cancelled, 0);
    if (c->js_id)
        sash__calls_track(c);
    return c;
}

void sash__call_unref(sash_call *c)
{
    if (atomic_fetch_sub(&c->refs, 1) != 1)
        return;
    json_decref(c->args);
    sash__bytes_release(c->bytes, c->bytes_free);
    sash__command_release(c->use);
    sash__window_unref(c->window);
    free(c->command);
    free(c);
}

/* How long a worker's call waits at the closed gate of a hot swap before
 * it is rejected with "busy". */
#define GATE_WAIT_MS 10000

static void run_parked(sash_app *app, sash__task *t)
{
    (void)app;
    sash__call_run((sash_call *)t);
}

void sash__call_run(sash_call *c)
{
    sash__registry *r = &c->app->registry;
    int ui = sash__is_ui_thread(c->app);
    if (ui)
        c->task.run = run_parked;
    int rc = sash__command_enter_gated(r, c->use, ui ? &c->task : NULL,
                                       GATE_WAIT_MS);
    if (rc == SASH__GATE_PARKED)
        return; /* runs again when the gate opens; the call keeps its ref */
    if (rc == SASH_ENOENT) {
        /* Removed after dispatch.  A command of the same name registered
         * since (a hot swap's new module) takes the call. */
        sash__command now;
        if (sash__registry_find(r, c->command, &now) == 0) {
            sash__command_release(c->use);
            c->fn = now.fn;
            c->user_data = now.user_data;
            c->use = now.use;
            rc = sash__command_enter_gated(r, c->use, ui ? &c->task : NULL,
                                           GATE_WAIT_MS);
            if (rc == SASH__GATE_PARKED)
                return;
        }
    }
    if (rc == SASH__GATE_BUSY) {
        sash_reject(c, SASH_CODE_BUSY, "the backend is being reloaded "
                    "(command '%s' waited %d s)", c->command, GATE_WAIT_MS / 1000);
    } else if (rc != 0) {
        /* Removed after dispatch: its function (and user_data) may be
         * gone, so it is not called. */
        sash_reject(c, SASH_CODE_NOT_FOUND, "command '%s' was removed",
                    c->command);
    } else {
        c->fn(c, c->args ? c->args : json_null(), c->user_data);
        sash__command_leave(r, c->use);
    }
    sash__call_unref(c);
}

void sash_call_ref(sash_call *call)
{
    if (call)
        atomic_fetch_add(&call->refs, 1);
}

void sash_call_unref(sash_call *call)
{
    if (call)
        sash__call_unref(call);
}

/* Claims the single completion; logs and refuses a second one. */
static int claim(sash_call *c)
{
    if (atomic_exchange(&c->done, 1)) {
        sash__error("command '%s' was completed twice; the second "
                    "completion is ignored", c->command);
        return SASH_EDONE;
    }
    if (c->js_id)
        sash__calls_untrack(c);
    return 0;
}

/* 0, or SASH_ECANCELLED when nobody will see the reply: the page aborted
 * the call, reloaded or closed.  (It may still close after this.) */
static int finish(sash_call *c, sash__payload *p, int failed)
{
    int rc = sash_call_cancelled(c) ? SASH_ECANCELLED : 0;
    if (!p->text && !p->data)
        p->text = sash__strdup(reply_internal_error);
    if (c->app->profiler)
        sash__profile_call(c->app, c->command, c->started_ns, c->in_size,
                           p->text ? strlen(p->text) : p->len, failed, !c->raw,
                           p->text != NULL);
    atomic_fetch_sub(&c->window->in_flight, 1);
    sash__reply_post(c->window, c->handle, p);
    sash__call_unref(c);
    return rc;
}

int sash_resolve(sash_call *call, json_t *result)
{
    if (!call) {
        json_decref(result);
        return SASH_EINVAL;
    }
    if (claim(call) != 0) {
        json_decref(result);
        return SASH_EDONE;
    }
    if (call->use && call->use->schema_ops) /* typed: debug-mode check */
        call->use->schema_ops->result_check(call, result);
    json_t *env = json_pack("{s:o}", "ok", result ? result : json_null());
    sash__payload p = {0};
    p.text = env ? sash__json_write(env, NULL) : NULL;
    json_decref(env);
    int failed = !p.text;
    if (!p.text)
        p.text = sash__error_reply(SASH_CODE_INTERNAL,
                                        "the result could not be encoded");
    return finish(call, &p, failed);
}

int sash_rejectv(sash_call *call, const char *code, const char *fmt,
                 va_list ap)
{
    if (!call)
        return SASH_EINVAL;
    if (claim(call) != 0)
        return SASH_EDONE;
    char msg[1024];
    vsnprintf(msg, sizeof msg, fmt ? fmt : "", ap);
    sash__payload p = {.text = sash__error_reply(code, msg)};
    return finish(call, &p, 1);
}

int sash_reject(sash_call *call, const char *code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = sash_rejectv(call, code, fmt, ap);
    va_end(ap);
    return rc;
}

int sash_call_cancelled(const sash_call *call)
{
    if (!call)
        return 0;
    return atomic_load(&call->cancelled) ||
           atomic_load(&call->window->page_gen) != call->page_gen;
}

const char *sash_call_command(const sash_call *call)
{
    return call ? call->command : NULL;
}

const char *sash_call_window_label(const sash_call *call)
{
    return call ? call->window->label : NULL;
}

sash_app *sash_call_app(const sash_call *call)
{
    return call ? call->app : NULL;
}

/* For bytes.c: the bytes functions live apart, so an app that moves no
 * bytes links none of the backend's shared-memory code. */
int sash__call_claim(sash_call *c)
{
    return claim(c);
}

int sash__call_finish(sash_call *c, sash__payload *p, int failed)
{
    return finish(c, p, failed);
}
