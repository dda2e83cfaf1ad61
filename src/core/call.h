/*
 * call.h - the call object, shared by call.c and ipc.c.
 */
#ifndef SASH_CALL_H
#define SASH_CALL_H

#include "internal.h"

struct sash_call {
    sash__task task; /* first: a call is queued on the pool as itself */
    sash_app *app;
    sash_window *window; /* referenced */
    void *handle;        /* the backend's reply handle */
    char *command;
    json_t *args;        /* owned; NULL = none */
    sash_command_fn fn;
    void *user_data;
    atomic_int refs;
    atomic_int done;
};

sash_call *sash__call_new(sash_window *w, void *handle, const char *command,
                          json_t *args, const sash__command *cmd);
void sash__call_run(sash_call *c);
void sash__call_unref(sash_call *c);
/* Posts a reply text (owned) for a handle; any thread. */
void sash__reply_post(sash_window *w, void *handle, char *text);
/* {"err":{"code":..,"message":..}} as a new string. */
char *sash__reply_error_text(const char *code, const char *message);

#endif
