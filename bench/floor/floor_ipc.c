/*
 * floor_ipc.c - the floor's JSON-ish call path: one script message handler
 * with reply (WebKitGTK >= 2.40), the primitive Sash's invoke() is built on.
 *
 * Messages are {cmd, args}.  Values cross as JSCValue; the floor converts
 * what it uses into C data and back, the least a real program must do.
 */
#include <string.h>

#include "bench_clock.h"
#include "bench_out.h"
#include "cpu_spin.h"
#include "events_record.h"
#include "floor.h"
#include "ipc_record.h"
#include "proctree.h"
#include <unistd.h>

static char *string_prop(JSCValue *object, const char *name)
{
    if (!jsc_value_is_object(object))
        return NULL;
    JSCValue *v = jsc_value_object_get_property(object, name);
    char *s = jsc_value_is_string(v) ? jsc_value_to_string(v) : NULL;
    g_object_unref(v);
    return s;
}

static long number_prop(JSCValue *object, const char *name, long fallback)
{
    if (!jsc_value_is_object(object))
        return fallback;
    JSCValue *v = jsc_value_object_get_property(object, name);
    long n = jsc_value_is_number(v) ? (long)jsc_value_to_double(v) : fallback;
    g_object_unref(v);
    return n;
}

static void reply_with(WebKitScriptMessageReply *reply, JSCValue *value)
{
    webkit_script_message_reply_return_value(reply, value);
    g_object_unref(value);
}

/* -- spin: CPU-bound work off the UI thread, as any careful program does */

typedef struct spin_job {
    WebKitScriptMessageReply *reply;
    JSCContext *context;
    long ms;
} spin_job;

static void spin_thread(GTask *task, gpointer source, gpointer data,
                        GCancellable *cancellable)
{
    (void)source;
    (void)cancellable;
    const spin_job *job = data;
    g_task_return_int(task, (gssize)(bench_cpu_spin(job->ms) & 1));
}

static void spin_done(GObject *source, GAsyncResult *result, gpointer data)
{
    (void)source;
    (void)data;
    spin_job *job = g_task_get_task_data(G_TASK(result));
    reply_with(job->reply, jsc_value_new_number(job->context, (double)job->ms));
}

static void spin_job_free(gpointer data)
{
    spin_job *job = data;
    webkit_script_message_reply_unref(job->reply);
    g_object_unref(job->context);
    g_free(job);
}

static void start_spin(JSCContext *context, WebKitScriptMessageReply *reply,
                       long ms)
{
    spin_job *job = g_new(spin_job, 1);
    job->reply = webkit_script_message_reply_ref(reply);
    job->context = g_object_ref(context);
    job->ms = ms;
    GTask *task = g_task_new(NULL, NULL, spin_done, NULL);
    g_task_set_task_data(task, job, spin_job_free);
    g_task_run_in_thread(task, spin_thread);
    g_object_unref(task);
}

/* -- report: the page's figures, "k=v k=v", printed as BENCH lines ------ */

static void print_report(const char *line)
{
    char **pairs = g_strsplit(line ? line : "", " ", -1);
    for (char **p = pairs; *p; p++) {
        char *eq = strchr(*p, '=');
        if (eq && eq != *p) {
            *eq = '\0';
            bench_out_str(*p, eq + 1);
        }
    }
    g_strfreev(pairs);
}

static gboolean on_message(WebKitUserContentManager *manager, JSCValue *msg,
                           WebKitScriptMessageReply *reply, gpointer data)
{
    (void)manager;
    floor_app *app = data;
    JSCContext *context = jsc_value_get_context(msg);
    char *cmd = string_prop(msg, "cmd");
    JSCValue *args = jsc_value_is_object(msg)
                         ? jsc_value_object_get_property(msg, "args")
                         : jsc_value_new_null(context);

    if (!cmd) {
        webkit_script_message_reply_return_error_message(reply, "bad_args");
    } else if (strcmp(cmd, "ping") == 0 || strcmp(cmd, "tput") == 0) {
        if (cmd[0] == 'p')
            bench_ipc_ping();
        else
            bench_ipc_tput();
        reply_with(reply, jsc_value_new_number(context, 1));
    } else if (strcmp(cmd, "warm") == 0) {
        reply_with(reply, jsc_value_new_null(context));
    } else if (strcmp(cmd, "echo") == 0) {
        char *s = string_prop(args, "data");
        reply_with(reply, s ? jsc_value_new_string(context, s)
                            : jsc_value_new_null(context));
        g_free(s);
    } else if (strcmp(cmd, "spin") == 0) {
        start_spin(context, reply, number_prop(args, "ms", 2000));
    } else if (strcmp(cmd, "events") == 0) {
        long n = number_prop(args, "n", 0);
        bench_events_begin(n);
        floor_events_send(app, n);
        reply_with(reply, jsc_value_new_null(context));
    } else if (strcmp(cmd, "tree_mem") == 0) { /* bench mode shm */
        bench_tree_mem m;
        bench_tree_memory(getpid(), &m);
        JSCValue *o = jsc_value_new_object(context, NULL, NULL);
        JSCValue *pss = jsc_value_new_number(context, (double)m.pss_kb);
        JSCValue *maps = jsc_value_new_number(context, (double)m.maps);
        jsc_value_object_set_property(o, "pss_kb", pss);
        jsc_value_object_set_property(o, "maps", maps);
        g_object_unref(pss);
        g_object_unref(maps);
        reply_with(reply, o);
    } else if (strcmp(cmd, "events_done") == 0) {
        bench_events_done();
        reply_with(reply, jsc_value_new_null(context));
    } else if (strcmp(cmd, "paint") == 0) {
        bench_out_i64("paint_ns", bench_now_ns());
        reply_with(reply, jsc_value_new_null(context));
        if (strcmp(app->mode, "startup") == 0)
            floor_quit(app);
    } else if (strcmp(cmd, "report") == 0) {
        char *line = string_prop(args, "line");
        print_report(line);
        g_free(line);
        if (strcmp(app->mode, "ipc") == 0)
            bench_ipc_print();
        bench_out_str("done", "1");
        reply_with(reply, jsc_value_new_null(context));
        floor_quit(app);
    } else {
        webkit_script_message_reply_return_error_message(reply, "not_found");
    }
    g_free(cmd);
    g_object_unref(args);
    return TRUE;
}

void floor_ipc_register(WebKitUserContentManager *manager, floor_app *app)
{
    webkit_user_content_manager_register_script_message_handler_with_reply(
        manager, "floor", NULL);
    g_signal_connect(manager, "script-message-with-reply-received::floor",
                     G_CALLBACK(on_message), app);
}
