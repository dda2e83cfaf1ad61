/*
 * ipc.c - the dispatcher: turns a message from the page into a command
 * call, an event for C listeners, or a bridge notice.
 *
 * JSON messages (a JSON text sent by the bridge over the message handler):
 *   {"cmd": "name", "args": {...} | null, "id": n?} -> {"ok":v} | {"err":{...}}
 *   {"event": "name", "payload": any}              -> {"ok":null}
 *   {"cancel": n}        the page aborted call n
 *   {"channel_ack": id, "n": k}  the page consumed k messages of channel id
 *   {"channel_close": id}        the page closed channel id
 *   {"ready": true}      the page painted once
 *   {"pull": true}       the bridge parks it: answered with the next batch
 *                        of deliveries, "[...]" (pull_deliveries backends)
 * Raw messages (a POST to the raw scheme, path = command name):
 *   body = u32 little-endian length L, L bytes of {"args":..,"id":..}, then
 *   the raw bytes handed to the command untouched.
 * Every message gets exactly one reply, whatever it holds.
 */
#include <stdlib.h>
#include <string.h>

#include "ipc/envelope_head.h"
#include "ipc/json_fast.h"
#include "calls/call.h"
#include "bridge/channel.h"
#include "bridge/profiler.h"
#include "security/security.h"

static void reply_error(sash_window *w, void *handle,
                        const char *code, const char *message)
{
    sash__reply_text(w, handle, sash__error_reply(code, message));
}

static void reply_null(sash_window *w, void *handle)
{
    sash__reply_text(w, handle, sash__strdup("{\"ok\":null}"));
}

static long envelope_id(json_t *env);
static const char *name_of(json_t *env, const char *key, int *bad);

/* A late-parsed message's envelope must be the one its head claimed: the
 * guard saw the head's command.  NULL, or why not. */
static const char *envelope_mismatch(const sash_call *c, json_t *env)
{
    int bad = 0;
    const char *cmd = name_of(env, "cmd", &bad);
    if (!cmd || strcmp(cmd, c->command) != 0 || envelope_id(env) != c->js_id)
        return "malformed message: its head and its body disagree "
               "(a repeated \"cmd\" or \"id\" key?)";
    json_t *args = json_object_get(env, "args");
    if (args && !json_is_object(args) && !json_is_null(args))
        return "arguments must be an object or null";
    return NULL;
}

/* Parses a large message's text (the call's `bytes`) into its arguments,
 * where the call runs: on a worker for a pool command, so the UI thread
 * never reads a large message.  0, or the call is answered (an error) and
 * must not run. */
static int late_parse(sash_call *c)
{
    size_t error_at = 0;
    int too_deep = 0;
    /* Bytes with a free function may be shared with the web process (a
     * memfd it still holds): the parser reads a private copy, so text it
     * validated cannot change under it. */
    const unsigned char *text = c->bytes + c->bytes_off;
    unsigned char *copy = NULL;
    if (c->bytes_free && c->bytes_len) {
        copy = malloc(c->bytes_len);
        if (copy)
            memcpy(copy, text, c->bytes_len);
        text = copy;
    }
    json_t *env = text ? sash__json_read_limited((const char *)text, c->bytes_len,
                                                 sash__message_max_depth(c->window),
                                                 &too_deep, &error_at)
                       : NULL;
    free(copy);
    sash__bytes_release(c->bytes, c->bytes_free);
    c->bytes = NULL;
    c->bytes_free = NULL;
    c->bytes_off = 0;
    c->bytes_len = 0;
    c->late_args = 0;
    char msg[300];
    const char *code = SASH_CODE_BAD_ARGS;
    if (too_deep) {
        code = SASH_CODE_TOO_DEEP;
        sash__too_deep_text(c->window, msg, sizeof msg);
    } else if (!env || !json_is_object(env)) {
        snprintf(msg, sizeof msg, "malformed message: %s (at character %zu)",
                 env ? "not a JSON object" : "not valid JSON", error_at);
    } else {
        const char *why = envelope_mismatch(c, env);
        json_t *args = json_object_get(env, "args");
        if (why)
            snprintf(msg, sizeof msg, "%s", why);
        else if (c->use->args_schema &&
                 c->use->schema_ops->check(c->use->args_schema,
                                           json_is_object(args) ? args : NULL,
                                           "args", msg, sizeof msg) != 0)
            why = msg;
        if (!why) {
            c->args = json_is_object(args) ? json_incref(args) : NULL;
            json_decref(env);
            return 0;
        }
    }
    json_decref(env);
    sash_reject(c, code, "%s", msg);
    return -1;
}

static void run_job(sash_app *app, sash__task *t)
{
    (void)app;
    sash_call *c = (sash_call *)t;
    if (c->late_args && late_parse(c) != 0) {
        sash__call_unref(c);
        return;
    }
    sash__call_run(c);
}

/* Runs the call now (UI-thread command) or on the pool. */
static void start_call(sash_app *app, sash_call *call, unsigned flags)
{
    if (flags & SASH_COMMAND_UI_THREAD) {
        if (call->late_args && late_parse(call) != 0) {
            sash__call_unref(call);
            return;
        }
        uint64_t t0 = app->profiler ? sash__now_ns() : 0;
        char *name = app->profiler ? sash__strdup(call->command) : NULL;
        sash__call_run(call);
        if (app->profiler)
            sash__profile_ui_block(app, name ? name : "?", sash__now_ns() - t0);
        free(name);
        return;
    }
    call->task.run = run_job;
    if (sash__pool_submit(&app->pool, &call->task) != 0) {
        sash_reject(call, SASH_CODE_CANCELLED, "the app is shutting down");
        sash__call_unref(call);
    }
}

/* Takes `init->args` and `init->bytes` whatever happens. */
static void dispatch_command(sash_window *w, void *handle,
                             sash__call_init *init)
{
    sash_app *app = w->app;
    const char *name = init->command;
    const char *err_code = NULL;
    char msg[300];
    sash__command cmd;
    if (init->args && !json_is_object(init->args) && !json_is_null(init->args)) {
        err_code = SASH_CODE_BAD_ARGS;
        snprintf(msg, sizeof msg, "arguments must be an object or null");
    } else if (strcmp(name, "__sash_stats") == 0 && app->profiler) {
        json_decref(init->args);
        sash__bytes_release(init->bytes, init->bytes_free);
        json_t *stats = sash__profiler_stats(app); /* profiler on: linked */
        json_t *env = json_pack("{s:o}", "ok", stats ? stats : json_null());
        sash__reply_text(w, handle, json_dumps(env, JSON_COMPACT));
        json_decref(env);
        return;
    } else if (!sash__guard_command(w, name, handle) ||
               !sash__guard_in_flight(w, handle)) {
        json_decref(init->args); /* refused before the lookup, so a window */
        sash__bytes_release(init->bytes, init->bytes_free); /* cannot probe */
        return;
    } else if (sash__registry_find(&app->registry, name, &cmd) != 0) {
        err_code = SASH_CODE_NOT_FOUND;
        snprintf(msg, sizeof msg, "command '%.200s' not found", name);
    }
    /* Typed commands: the arguments are checked before the call (a late
     * parse checks them where it parses). */
    if (!err_code && !init->late_args && cmd.use->args_schema &&
        cmd.use->schema_ops->check(cmd.use->args_schema,
                           json_is_null(init->args) ? NULL : init->args,
                           "args", msg, sizeof msg) != 0) {
        sash__command_release(cmd.use);
        err_code = SASH_CODE_BAD_ARGS;
    }
    if (!err_code && json_is_null(init->args)) {
        json_decref(init->args);
        init->args = NULL;
    }
    sash_call *call = err_code ? NULL : sash__call_new(w, handle, init, &cmd);
    if (!call && !err_code)
        sash__command_release(cmd.use);
    if (!call) {
        json_decref(init->args);
        sash__bytes_release(init->bytes, init->bytes_free);
        if (!err_code) {
            err_code = SASH_CODE_INTERNAL;
            snprintf(msg, sizeof msg, "out of memory");
        }
        reply_error(w, handle, err_code, msg);
        return;
    }
    start_call(app, call, cmd.flags);
}

/* Bridge notices that carry a number: cancel, channel_ack, channel_close. */
static int bridge_notice(sash_window *w, json_t *env)
{
    json_t *v;
    if ((v = json_object_get(env, "cancel")) && json_is_integer(v)) {
        sash__calls_cancel(w, (long)json_integer_value(v));
        return 1;
    }
    if ((v = json_object_get(env, "channel_ack")) && json_is_integer(v)) {
        json_int_t n = json_integer_value(json_object_get(env, "n"));
        sash__channel_ack(w, (long)json_integer_value(v), n > 0 ? (size_t)n : 0);
        return 1;
    }
    if ((v = json_object_get(env, "channel_close")) && json_is_integer(v)) {
        sash__channel_closed_by_page(w, (long)json_integer_value(v));
        return 1;
    }
    return 0;
}

static long envelope_id(json_t *env)
{
    json_t *id = json_object_get(env, "id");
    return json_is_integer(id) ? (long)json_integer_value(id) : 0;
}

/* A command or event name: a non-empty string without U+0000 (C reads
 * names as C strings, so "ab\u0000cd" would silently be "ab"). */
static const char *name_of(json_t *env, const char *key, int *bad)
{
    json_t *v = json_object_get(env, key);
    const char *s = json_string_value(v);
    if (s && strlen(s) != json_string_length(v)) {
        *bad = 1;
        return NULL;
    }
    return s;
}

void sash__ipc_receive(sash_window *w, const char *msg, size_t len,
                       void *backend_handle)
{
    void *handle = sash__reply_to_new(w, backend_handle, msg, len);
    if (!handle)
        return;
    /* The nesting limit is enforced by the reader: one pass. */
    if (!sash__guard_message(w, NULL, 0, len, handle))
        return;
    /* JS strings may hold U+0000: they reach commands whole (read them
     * with json_string_length()). */
    size_t error_at = 0;
    int too_deep = 0;
    json_t *env = msg ? sash__json_read_limited(msg, len, sash__message_max_depth(w),
                                                &too_deep, &error_at)
                      : NULL;
    if (too_deep) {
        sash__refuse_too_deep(w, handle);
        return;
    }
    if (!env || !json_is_object(env)) {
        char text[200];
        if (env || !msg)
            snprintf(text, sizeof text, "malformed message: %s",
                     env ? "not a JSON object" : "empty");
        else /* in Sash's words, not the parser's */
            snprintf(text, sizeof text, "malformed message: not valid JSON "
                     "(at character %zu)", error_at);
        json_decref(env);
        reply_error(w, handle, SASH_CODE_BAD_ARGS, text);
        return;
    }
    int bad_name = 0;
    const char *cmd = name_of(env, "cmd", &bad_name);
    const char *event = name_of(env, "event", &bad_name);
    if (bad_name) {
        reply_error(w, handle, SASH_CODE_BAD_ARGS,
                    "malformed message: a command or event name holds U+0000");
    } else if (cmd && *cmd) {
        json_t *args = json_object_get(env, "args");
        sash__call_init init = {.command = cmd, .args = json_incref(args),
                                .in_size = len, .js_id = envelope_id(env)};
        dispatch_command(w, handle, &init);
    } else if (event && *event) {
        if (sash__guard_event(w, handle)) {
            sash__events_from_js(w->app, w->label, event,
                                 json_object_get(env, "payload"));
            reply_null(w, handle);
        }
    } else if (bridge_notice(w, env)) {
        reply_null(w, handle);
    } else if (json_is_true(json_object_get(env, "pull")) && w->ipc_subframe) {
        /* Deliveries are the top frame's: a subframe's pull would end the
         * top frame's loop (one pull is parked per window). */
        reply_error(w, handle, SASH_CODE_FORBIDDEN,
                    "deliveries go to the top frame: a subframe cannot pull them");
    } else if (json_is_true(json_object_get(env, "pull"))) {
        sash__deliver_pull(w, handle); /* answered with the next batch */
    } else if (json_is_true(json_object_get(env, "ready"))) {
        if (!w->ipc_subframe) /* a frame's paint says nothing of the window */
            sash__window_ready(w);
        reply_null(w, handle);
    } else {
        reply_error(w, handle, SASH_CODE_BAD_ARGS,
                    "malformed message: no \"cmd\" or \"event\" string");
    }
    json_decref(env);
}

void sash__ipc_receive_owned(sash_window *w, char *msg, size_t len,
                             void *backend_handle)
{
    char name[256];
    long id;
    if (!msg || len < SASH__LATE_PARSE_MIN ||
        sash__envelope_head(msg, len, name, sizeof name, &id) != 0) {
        sash__ipc_receive(w, msg, len, backend_handle);
        free(msg);
        return;
    }
    void *handle = sash__reply_to_new(w, backend_handle, msg, len);
    if (!handle || !sash__guard_message(w, NULL, 0, len, handle)) {
        free(msg);
        return;
    }
    /* The call owns the text until a worker parses it (late_parse). */
    sash__call_init init = {.command = name, .bytes = (unsigned char *)msg,
                            .bytes_len = len, .in_size = len, .js_id = id,
                            .late_args = 1};
    dispatch_command(w, handle, &init);
}

void sash__ipc_receive_raw(sash_window *w, const char *cmd,
                           unsigned char *body, size_t len,
                           void *backend_handle)
{
    sash__ipc_receive_raw_ex(w, cmd, body, len, NULL, backend_handle);
}

void sash__ipc_receive_raw_ex(sash_window *w, const char *cmd,
                              unsigned char *body, size_t len,
                              void (*body_free)(void *), void *backend_handle)
{
    void *handle = sash__reply_to_new(w, backend_handle, NULL, 0);
    if (!handle) {
        sash__bytes_release(body, body_free);
        return;
    }
    uint32_t hlen = 0;
    if (len >= 4)
        hlen = (uint32_t)body[0] | (uint32_t)body[1] << 8 |
               (uint32_t)body[2] << 16 | (uint32_t)body[3] << 24;
    size_t jlen = len >= 4 && hlen <= len - 4 ? hlen : 0;
    if (!sash__guard_message(w, jlen ? (const char *)body + 4 : NULL, jlen,
                             len, handle)) {
        sash__bytes_release(body, body_free);
        return;
    }
    json_t *env = NULL;
    if (len >= 4 && hlen <= len - 4)
        env = json_loadb((const char *)body + 4, hlen, JSON_ALLOW_NUL, NULL);
    if (!cmd || !*cmd || !env || !json_is_object(env)) {
        json_decref(env);
        sash__bytes_release(body, body_free);
        reply_error(w, handle, SASH_CODE_BAD_ARGS,
                    "malformed raw message: bad command or header");
        return;
    }
    /* The bytes stay where they are: the call frees the whole body. */
    size_t off = 4 + (size_t)hlen;
    sash__call_init init = {.command = cmd,
                            .args = json_incref(json_object_get(env, "args")),
                            .bytes = body, .bytes_off = off,
                            .bytes_free = body_free,
                            .bytes_len = len - off, .in_size = len,
                            .js_id = envelope_id(env), .raw = 1};
    if (json_is_true(json_object_get(env, "text"))) {
        /* A long JSON call sent as its UTF-8 text (bridge.js, sendText):
         * the engine copies bytes far faster than it converts a string,
         * and the envelope is parsed where the call runs (late_parse). */
        json_decref(init.args);
        init.args = NULL;
        init.raw = 0;
        init.late_args = 1;
    }
    dispatch_command(w, handle, &init);
    json_decref(env);
}

int sash__ipc_take(sash_window *w, const char *token, void **data, size_t *len,
                   void (**free_fn)(void *))
{
    sash__payload p;
    if (!token || sash__blob_take(w->app, w, token, &p) != 0)
        return SASH_ENOENT;
    *data = p.data;
    *len = p.len;
    *free_fn = p.free_fn;
    return 0;
}
