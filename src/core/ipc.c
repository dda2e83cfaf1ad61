/*
 * ipc.c - the dispatcher: turns a message from the page into a command
 * call, an event for C listeners, or a window-ready notice.
 *
 * Envelope (a JSON text sent by the bridge):
 *   {"cmd": "name", "args": {...} | null}   -> reply {"ok":v} | {"err":{...}}
 *   {"event": "name", "payload": any}       -> reply {"ok":null}
 *   {"ready": true}                         -> the page painted once
 * Every message gets exactly one reply, whatever it holds.
 */
#include <stdlib.h>
#include <string.h>

#include "call.h"

static void reply_error(sash_window *w, void *handle, const char *code,
                        const char *message)
{
    char *text = sash__reply_error_text(code, message);
    if (text)
        sash__reply_post(w, handle, text);
}

static void reply_null(sash_window *w, void *handle)
{
    char *text = sash__strdup("{\"ok\":null}");
    if (text)
        sash__reply_post(w, handle, text);
}

static void run_job(sash_app *app, sash__task *t)
{
    (void)app;
    sash__call_run((sash_call *)t);
}

static void dispatch_command(sash_window *w, void *handle, json_t *env,
                             const char *name)
{
    sash_app *app = w->app;
    json_t *args = json_object_get(env, "args");
    if (args && !json_is_object(args) && !json_is_null(args)) {
        reply_error(w, handle, SASH_CODE_BAD_ARGS,
                    "arguments must be an object or null");
        return;
    }
    sash__command cmd;
    if (sash__registry_find(&app->registry, name, &cmd) != 0) {
        char msg[300];
        snprintf(msg, sizeof msg, "command '%.200s' not found", name);
        reply_error(w, handle, SASH_CODE_NOT_FOUND, msg);
        return;
    }
    sash_call *call = sash__call_new(w, handle, name,
                                     json_is_object(args) ? json_incref(args)
                                                          : NULL,
                                     &cmd);
    if (!call) {
        json_decref(args && json_is_object(args) ? args : NULL);
        reply_error(w, handle, SASH_CODE_INTERNAL, "out of memory");
        return;
    }
    if (cmd.flags & SASH_COMMAND_UI_THREAD) {
        sash__call_run(call);
        return;
    }
    call->task.run = run_job;
    if (sash__pool_submit(&app->pool, &call->task) != 0) {
        sash_reject(call, SASH_CODE_CANCELLED, "the app is shutting down");
        sash__call_unref(call);
    }
}

void sash__ipc_receive(sash_window *w, const char *msg, size_t len,
                       void *handle)
{
    json_error_t jerr;
    json_t *env = msg ? json_loadb(msg, len, 0, &jerr) : NULL;
    if (!env || !json_is_object(env)) {
        char text[300];
        if (env)
            snprintf(text, sizeof text, "malformed message: not an object");
        else
            snprintf(text, sizeof text, "malformed message: %.200s",
                     msg ? jerr.text : "empty");
        json_decref(env);
        reply_error(w, handle, SASH_CODE_BAD_ARGS, text);
        return;
    }
    const char *cmd = json_string_value(json_object_get(env, "cmd"));
    const char *event = json_string_value(json_object_get(env, "event"));
    if (cmd && *cmd) {
        dispatch_command(w, handle, env, cmd);
    } else if (event && *event) {
        sash__events_from_js(w->app, w->label, event,
                             json_object_get(env, "payload"));
        reply_null(w, handle);
    } else if (json_is_true(json_object_get(env, "ready"))) {
        sash__window_ready(w);
        reply_null(w, handle);
    } else {
        reply_error(w, handle, SASH_CODE_BAD_ARGS,
                    "malformed message: no \"cmd\" or \"event\" string");
    }
    json_decref(env);
}
