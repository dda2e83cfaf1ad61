/*
 * call.h - the call object and replies, shared by call.c, ipc.c, bytes.c.
 */
#ifndef SASH_CALL_H
#define SASH_CALL_H

#include <stdint.h>

#include "internal.h"

struct sash_call {
    sash__task task; /* first: a call is queued on the pool as itself */
    sash_app *app;
    sash_window *window;  /* referenced */
    void *handle;         /* the backend's reply handle */
    int raw;              /* came by the raw-bytes scheme: reply in kind */
    char *command;
    json_t *args;         /* owned; NULL = none */
    unsigned char *bytes; /* owned raw request body; NULL = none */
    size_t bytes_off;     /* where the command's bytes start in it */
    size_t bytes_len;
    void (*bytes_free)(void *); /* releases `bytes`; NULL = free() */
    long js_id;           /* the page's id for cancel(); 0 = none */
    /* A large JSON message whose arguments a worker parses before the
     * call runs: `bytes` holds the whole message text (bytes_len bytes)
     * until then (dispatch.c, late_parse). */
    int late_args;
    int page_gen;         /* the window's page generation at dispatch */
    atomic_int cancelled;
    sash_command_fn fn;
    void *user_data;
    sash__command_use *use; /* referenced: lets removal wait for fn */
    uint64_t started_ns;  /* for the profiler */
    size_t in_size;
    atomic_int refs;
    atomic_int done;
    sash_call *next_tracked; /* in the window's cancellable list */
    int subframe;         /* sent by a same-origin subframe (frames) */
};

/* What a call answers: a JSON text, or bytes with their release function. */
typedef struct sash__payload {
    char *text;
    void *data;
    size_t len;
    void (*free_fn)(void *);
} sash__payload;

void sash__payload_free(sash__payload *p);
/* Makes *p own bytes: takes `data` if free_fn, else copies it.  0 or
 * SASH_ENOMEM (then *p is empty and `data` untouched). */
int sash__payload_bytes(sash__payload *p, void *data, size_t len,
                        void (*free_fn)(void *));

typedef struct sash__call_init {
    const char *command;
    json_t *args;          /* taken */
    unsigned char *bytes;  /* taken */
    size_t bytes_off;
    size_t bytes_len;
    void (*bytes_free)(void *); /* releases `bytes`; NULL = free() */
    size_t in_size;
    long js_id;
    int raw;
    int late_args;
} sash__call_init;

/* call.c's completion steps, for bytes.c. */
int sash__call_claim(sash_call *c);
int sash__call_finish(sash_call *c, sash__payload *p, int failed);

/* Releases a request body with its release function. */
void sash__bytes_release(unsigned char *bytes, void (*bytes_free)(void *));

/* Takes cmd->use's reference on success. */
sash_call *sash__call_new(sash_window *w, void *handle,
                          const sash__call_init *init,
                          const sash__command *cmd);
void sash__call_run(sash_call *c);
void sash__call_unref(sash_call *c);

/* Where a reply goes: the backend's handle (a message with reply, a raw
 * request), or, for a one-way transport, the page's reply id: the core
 * then answers through the window's deliveries.  Every handle the core
 * passes around internally is one of these; backends see only theirs. */
typedef struct sash__reply_to {
    void *backend; /* the backend's handle (unused when oneway) */
    long rid;      /* oneway: the page's reply id (> 0); 0 = none */
    int oneway;    /* answered through the deliveries, by rid */
    int page_gen;  /* oneway: a reply never reaches a later page */
} sash__reply_to;

/* Wraps a backend handle; for a one-way backend, reads the reply id the
 * bridge put first in `msg` ({"rid":N,...}).  NULL if out of memory (the
 * backend handle has then been dropped). */
sash__reply_to *sash__reply_to_new(sash_window *w, void *backend,
                                   const char *msg, size_t len);

/* Posts a reply for a handle; takes the payload.  Any thread. */
void sash__reply_post(sash_window *w, void *handle, sash__payload *p);
/* Posts a JSON text reply (owned). */
void sash__reply_text(sash_window *w, void *handle, char *text);

/* Cancellable calls (those the page gave an id), per window. */
void sash__calls_track(sash_call *c);
void sash__calls_untrack(sash_call *c);
void sash__calls_cancel(sash_window *w, long js_id);

/* Parked byte results of JSON calls, fetched by the page with a token.
 * Put takes `p` whatever it returns; it parks nothing and returns
 * SASH_ECANCELLED when the page of `page_gen` has gone (its successor would
 * never take the bytes: they would sit until the window closed). */
int sash__blob_put(sash_window *w, int page_gen, sash__payload *p, char token[33]);
int sash__blob_take(sash_app *app, const sash_window *w, const char *token,
                    sash__payload *out);
void sash__blobs_drop_window(sash_app *app, const sash_window *w);


#endif
