/*
 * call.c - one invoke() from the page: its lifetime and its completion.
 *
 * A call holds two references: one for the running command function and
 * one for "not yet completed".  It is freed when both are gone, so a command
 * may complete before or after it returns, from any thread.  The reply text
 * is built on the completing thread (serialisation stays off the UI thread)
 * and handed to the UI thread through the app's task queue, which keeps
 * replies and events from one thread in order.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "call.h"

typedef struct reply_task {
    sash__task task;
    sash_window *window; /* referenced */
    void *handle;
    char *text;
} reply_task;

static void reply_run(sash_app *app, sash__task *t)
{
    reply_task *r = (reply_task *)t;
    if (r->window->closed) {
        app->platform->reply_drop(r->handle);
    } else {
        sash__events_flush_window(r->window);
        app->platform->reply(r->window, r->handle, r->text, strlen(r->text));
    }
    sash__window_unref(r->window);
    free(r->text);
    free(r);
}

/* Sends `text` (owned) as the reply of a message from `w`.  Any thread. */
void sash__reply_post(sash_window *w, void *handle, char *text)
{
    sash_app *app = w->app;
    reply_task *r = malloc(sizeof *r);
    if (!r) {
        /* Nothing can be sent without memory; the page's promise stays
         * pending, which beats crashing the app. */
        sash__error("out of memory while replying; the reply is lost");
        free(text);
        return;
    }
    sash__window_ref(w);
    r->task.run = reply_run;
    r->window = w;
    r->handle = handle;
    r->text = text;
    sash__ui_push(app, &r->task);
}

char *sash__reply_error_text(const char *code, const char *message)
{
    json_t *msg = json_string(message);
    if (!msg) /* not UTF-8: say so rather than lose the rejection */
        msg = json_string("(the error message was not valid UTF-8)");
    json_t *env = json_pack("{s:{s:s,s:o}}", "err", "code",
                            code && *code ? code : SASH_CODE_INTERNAL,
                            "message", msg);
    if (!env)
        return sash__strdup("{\"err\":{\"code\":\"internal\",\"message\":"
                            "\"invalid error code\"}}");
    char *text = json_dumps(env, JSON_COMPACT);
    json_decref(env);
    return text;
}

sash_call *sash__call_new(sash_window *w, void *handle, const char *command,
                          json_t *args, const sash__command *cmd)
{
    sash_call *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->command = sash__strdup(command);
    if (!c->command) {
        free(c);
        return NULL;
    }
    sash__window_ref(w);
    c->app = w->app;
    c->window = w;
    c->handle = handle;
    c->args = args;
    c->fn = cmd->fn;
    c->user_data = cmd->user_data;
    atomic_init(&c->refs, 2);
    atomic_init(&c->done, 0);
    return c;
}

void sash__call_unref(sash_call *c)
{
    if (atomic_fetch_sub(&c->refs, 1) != 1)
        return;
    json_decref(c->args);
    sash__window_unref(c->window);
    free(c->command);
    free(c);
}

void sash__call_run(sash_call *c)
{
    c->fn(c, c->args ? c->args : json_null(), c->user_data);
    sash__call_unref(c);
}

/* Claims the single completion; logs and refuses a second one. */
static int claim(sash_call *c)
{
    if (atomic_exchange(&c->done, 1)) {
        sash__error("command '%s' was completed twice; the second "
                    "completion is ignored", c->command);
        return SASH_EDONE;
    }
    return 0;
}

static void finish(sash_call *c, char *text)
{
    if (!text)
        text = sash__strdup("{\"err\":{\"code\":\"internal\",\"message\":"
                            "\"out of memory while encoding the reply\"}}");
    if (text)
        sash__reply_post(c->window, c->handle, text);
    sash__call_unref(c);
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
    json_t *env = json_pack("{s:o}", "ok", result ? result : json_null());
    char *text = env ? json_dumps(env, JSON_COMPACT) : NULL;
    json_decref(env);
    if (!text)
        text = sash__reply_error_text(SASH_CODE_INTERNAL,
                                      "the result could not be encoded");
    finish(call, text);
    return 0;
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
    finish(call, sash__reply_error_text(code, msg));
    return 0;
}

int sash_reject(sash_call *call, const char *code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = sash_rejectv(call, code, fmt, ap);
    va_end(ap);
    return rc;
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
