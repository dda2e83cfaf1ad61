/*
 * internal.h - structures shared by the core's files.  Not installed.
 */
#ifndef SASH_INTERNAL_H
#define SASH_INTERNAL_H

#include <stdint.h>
#include <stdio.h>

#include "platform.h"
#include "sash.h"
#include "sys/sys.h"

/* -- Tasks: intrusive FIFO items run on the UI thread or a worker -------- */

typedef struct sash__task sash__task;
struct sash__task {
    /* Runs the task and frees it.  `app` is never NULL. */
    void (*run)(sash_app *app, sash__task *task);
    sash__task *next;
};

typedef struct sash__queue {
    sash__task *head, *tail;
} sash__queue;

void sash__queue_push(sash__queue *q, sash__task *t);
/* Detaches the whole queue and returns its head (FIFO order). */
sash__task *sash__queue_take_all(sash__queue *q);

/* -- Worker pool ------------------------------------------------------------ */

typedef struct sash__pool {
    sash__mutex lock;
    sash__cond cond;
    sash__queue jobs;
    sash__thread *threads;
    int nthreads;
    int stopping;
    sash_app *app;
} sash__pool;

int sash__pool_start(sash__pool *pool, sash_app *app, int nthreads);
/* Returns SASH_ECLOSED if the pool is stopping (the task is not queued). */
int sash__pool_submit(sash__pool *pool, sash__task *task);
/* Stops accepting work, lets running jobs finish, joins the threads and
 * runs `discard` on every job never started. */
void sash__pool_stop(sash__pool *pool, void (*discard)(sash_app *, sash__task *));
int sash__pool_is_worker(const sash__pool *pool);

/* -- Command registry --------------------------------------------------- */

/* What the registry entry of a command and every call made from it share:
 * how many calls are inside its function, and whether it was removed.  A
 * removal waits for `running` to reach zero, and no call enters after it,
 * so sash_command_remove() is synchronous. */
typedef struct sash__command_use {
    atomic_int refs;
    int running; /* guarded by the registry's use_lock */
    int removed; /* guarded by the registry's use_lock */
    /* Typed commands (schema.c): checked before the call; NULL = none.
     * Reached only through schema_ops, so an app without typed commands
     * links none of the schema code. */
    struct sash__schema *args_schema, *result_schema;
    const struct sash__schema_ops *schema_ops;
} sash__command_use;
typedef struct sash__schema_ops {
    int (*check)(const struct sash__schema *s, const json_t *v,
                 const char *root, char *err, size_t err_size);
    void (*free)(struct sash__schema *s);
    /* Debug mode: warns when a result does not match its schema. */
    void (*result_check)(const sash_call *c, const json_t *result);
} sash__schema_ops;

typedef struct sash__command {
    char *name;
    sash_command_fn fn;
    void *user_data;
    unsigned flags;
    void (*free_user_data)(void *); /* NULL: the user owns user_data */
    sash__command_use *use;
} sash__command;

typedef struct sash__registry {
    sash__rwlock lock;
    sash__command *items; /* sorted by name */
    size_t count, cap;
    sash__mutex use_lock;
    sash__cond use_done;
    struct sash__event_type *event_types; /* typed events (types.c), lock */
    /* Set by sash_event_declare (under lock): debug mode checks emitted
     * payloads through it, so untyped apps link no schema code. */
    void (*event_check)(sash_app *app, const char *name, const json_t *payload);
    /* The gate (sash dev's hot swap, src/core/dev/): while closed, no call
     * enters a command.  Guarded by use_lock. */
    int gate_closed;
    long running_total;  /* calls inside any command */
    sash__cond gate_cond; /* the gate opened */
    sash__task *parked;  /* UI-thread calls that met the closed gate */
} sash__registry;

void sash__registry_init(sash__registry *r);
void sash__registry_free(sash__registry *r);
int sash__registry_add(sash__registry *r, const char *name, sash_command_fn fn,
                       void *user_data, unsigned flags,
                       void (*free_user_data)(void *));
/* Removes `name` and returns once no call is inside its function (other
 * than the caller's own); owned user_data is freed then.  0 or ENOENT. */
int sash__registry_remove(sash__registry *r, const char *name);
/* Copies the entry for `name` into *out (name not copied) with a reference
 * on out->use: pass it to a call, or drop it with sash__command_release().
 * 0 or SASH_ENOENT. */
int sash__registry_find(sash__registry *r, const char *name, sash__command *out);
int sash__registry_has(sash__registry *r, const char *name);
void sash__command_release(sash__command_use *use);
/* Typed commands: as sash__registry_add, with argument and result schemas
 * (taken, even on error, and freed with ops; NULL = none).  types.c. */
int sash__registry_add_typed(sash__registry *r, const char *name,
                             sash_command_fn fn, void *user_data,
                             unsigned flags, void (*free_user_data)(void *),
                             struct sash__schema *args,
                             struct sash__schema *result,
                             const sash__schema_ops *ops);
/* Frees the declared event types (registry_free). */
void sash__event_types_free(sash__registry *r);
/* SASH_PRINT_SCHEMA=<file>: writes every command's and event's schema as
 * JSON to the file; 1 if it did (sash_app_run then returns at once). */
int sash__schema_dump(sash_app *app);
/* Enters a command's function: 0, or SASH_ENOENT once it was removed (the
 * function must not be called).  Every 0 is paired with a leave. */
int sash__command_enter(sash__registry *r, sash__command_use *use);
void sash__command_leave(sash__registry *r, sash__command_use *use);
/* sash__command_enter() behind the gate.  Gate open: as enter.  Closed: on
 * a worker (park == NULL) waits up to `wait_ms` for it to open, then
 * SASH__GATE_BUSY; on the UI thread queues `park` (run again when the gate
 * opens) and returns SASH__GATE_PARKED. */
#define SASH__GATE_PARKED 1
#define SASH__GATE_BUSY 2
int sash__command_enter_gated(sash__registry *r, sash__command_use *use,
                              sash__task *park, unsigned wait_ms);
/* Closes the gate; calls already inside commands go on. */
void sash__gate_close(sash__registry *r);
/* Waits up to `ms` until no call is inside any command; returns how many
 * still are (0: drained). */
long sash__gate_drain(sash__registry *r, unsigned ms);
/* Opens the gate, wakes the waiting workers and returns the parked
 * UI-thread calls (FIFO list by next) for the caller to run. */
sash__task *sash__gate_open(sash__registry *r);

/* -- sash dev's hot swap (src/core/dev/hotswap.c) ---------------------------
 * Set by the dev host's constructor, only in a host linked with the whole
 * library (sash dev); NULL in every other program, which then never
 * contains the hot-swap code. */
typedef struct sash__dev_hooks {
    void (*app_created)(sash_app *app); /* end of sash_app_new() */
    void (*app_freeing)(sash_app *app); /* start of sash_app_free() */
    /* A listener (id, code = its function), a rows source (name, code = its
     * count function) or a permission set (name) was added: the host
     * removes what the module it unloads added. */
    void (*added)(sash_app *app, int kind, const char *name, long id,
                  const void *code);
} sash__dev_hooks;
#define SASH__DEV_LISTENER 1
#define SASH__DEV_ROWS 2
#define SASH__DEV_PERMISSION 3
/* Without the dev host: calls the program's own sash_module_init() /
 * sash_module_fini() when it defines them (module_hooks.c). */
void sash__module_hooks_init(sash_app *app);
void sash__module_hooks_fini(sash_app *app);
extern const sash__dev_hooks *sash__dev;

/* Commands app_new() adds: SASH_COMMAND's automatic registrations.  Also
 * remembers the live app, so modules loaded later register into it. */
void sash__static_commands_attach(sash_app *app);
void sash__static_commands_detach(sash_app *app);

/* -- Listeners ------------------------------------------------------------ */

typedef struct sash__listener {
    long id;
    char *name;
    sash_listener_fn fn;
    void *user_data;
    struct sash__listener *next;
} sash__listener;

/* -- Windows ---------------------------------------------------------------- */

typedef struct sash__buf {
    char *data;
    size_t len, cap;
} sash__buf;

int sash__buf_append(sash__buf *b, const char *s, size_t n);
void sash__buf_free(sash__buf *b);

struct sash_window {
    sash_app *app;
    char *label;
    atomic_int refs;     /* the app's list + every call from this window */
    atomic_int page_gen; /* +1 on every new page and on close */
    atomic_int in_flight; /* calls awaiting their reply (limits.c) */
    int closed;          /* UI thread only */
    int shown;           /* UI thread only */
    int delivering;      /* UI thread only: a delivery script is running */
    int view_ready;      /* UI thread only: the backend can take scripts */
    sash__buf pending_evals; /* scripts before view_ready, NUL-separated */
    void *native;        /* the backend's handle */
    sash__buf events;    /* pending C->JS deliveries "[...]," (UI thread) */
    sash__mutex calls_lock;
    sash_call *tracked;  /* calls the page may cancel by id */
    /* Window state (window_state.c), UI thread only. */
    char *title;         /* last title set */
    int x, y, width, height; /* last geometry reported by the backend */
    int geometry_known;
    int focused;
    double scale;
    int min_w, min_h, max_w, max_h; /* 0 = no limit */
    int start_hidden;    /* options.hidden: not shown on first paint */
    int close_watch;     /* the page listens for close-requested */
    long close_pending;  /* id of the close the page is asked about, or 0 */
    sash_window *next;   /* in app->windows */
    /* Desktop surface: paths the user picked in a dialog, granted to this
     * window's scopes until it closes (security/grants.c). */
    sash__mutex grant_lock;
    struct sash__grant *grants;
    /* File drag-and-drop (app/drop.c): a drag of files is over the window
     * (UI thread). */
    int drop_entered;
    int no_drag_drop; /* options.no_drag_drop */
    /* Deliveries by pull (delivery.c, UI thread only): the page's parked
     * pull (a reply handle, or NULL), and replies held until what was
     * queued before them has reached the page. */
    void *pull;
    struct sash__held *held, *held_tail;
    int held_sending; /* releasing held replies: they go out now */
    /* Per-frame origin (frames): the frame of the message being received,
     * set by the backend around sash__ipc_receive*() (UI thread only):
     * 0 the top frame, 1 a same-origin subframe. */
    int ipc_subframe;
};


/* -- App -------------------------------------------------------------------- */

struct sash_app {
    const sash__platform *platform;
    void *platform_data;
    sash__thread_id ui_thread;

    char *identifier;
    char *dev_url;
    char *rendering; /* forced rendering mode, or NULL (auto) */
    const sash_asset *assets;
    size_t asset_count;
    int spa_fallback;
    int keep_running;
    int debug;
    char *bridge_js;
    /* 128 random bits, hex: the raw path reads a request body only when it
     * carries this key, which only the bridge knows (page script can make
     * WebKit crash on some bodies it builds, e.g. Blobs). */
    char raw_key[33];

    sash__registry registry;
    sash__pool pool;

    sash__mutex ui_lock;  /* guards ui_queue, wake_pending, closing */
    sash__queue ui_queue;
    int wake_pending;
    int closing;
    size_t backlog;            /* event bytes waiting in this process */
    sash__cond backlog_cond;

    sash__mutex listen_lock; /* listeners.c */
    sash__cond listen_cond;  /* a listener call returned */
    sash__listener *listeners;
    long next_listener_id;
    long listener_running;       /* id of the one being called, or 0 */

    sash_window *windows;     /* UI thread only */
    int events_dirty;         /* UI thread only: some window has events */
    uint64_t last_flush_ns;   /* UI thread only: frame pacing of events */
    int flush_scheduled;      /* UI thread only */

    sash__mutex blob_lock; /* parked byte results (bytes.c) */
    struct blob *blobs;
    uint64_t blob_counter, blob_secret;

    sash__mutex chan_lock; /* live channels (channel.c) */
    struct sash_channel *channels;

    struct sash__profiler *profiler; /* NULL unless profiling */
    struct sash__security *security; /* config, capabilities (security.c) */
    atomic_int exit_code;
    atomic_int quit_requested;
    int running;              /* UI thread only */
    void *user_data;
    /* Window state (window_state.c), UI thread only. */
    sash_close_requested_fn close_fn;
    void *close_ud;
    long close_serial;
    int theme;                /* last theme reported, -1 = not yet */

    /* Menus and tray (menu/): made on first use; menus_free frees them
     * (a pointer, so an app without menus links none of that code). */
    struct sash__menus *menus;
    void (*menus_free)(sash_app *app);
    /* A window's page ended (reload, close): the menus and trays that page
     * made go with it. */
    void (*menus_page_ended)(sash_window *w);
    /* A window was made: it gets the app menu. */
    void (*menus_window_created)(sash_window *w);
    /* File drag-and-drop (app/drop.c): set by sash_drag_drop_enable(). */
    void (*drop_window_created)(sash_window *w);
    /* Desktop surface: dialogs, clipboard, notifications, opener state
     * (desktop/desktop.c); NULL until first used. */
    struct sash__desktop *desktop;
};

/* window_state.c: the app's window state (at app creation), a new
 * window's state from its options (after window_create), the close of `w`
 * is final (emits destroyed).  The window:* commands are window_commands.c
 * (sash_window_enable). */
void sash__window_state_app_init(sash_app *app);
int sash__window_state_init(sash_window *w, const sash_window_options *o);
void sash__window_state_closed(sash_window *w);
/* Checks the appended options of sash_window_new() (ranges, min <= max,
 * parent, url); 0 or a code already reported with sash__fail(). */
int sash__window_options_check(sash_app *app, const sash_window_options *o);
/* The page's answer to close request `id`: 0 or SASH_ENOENT (stale). */
int sash__window_close_answer(sash_window *w, long id, int close);

int sash__is_ui_thread(const sash_app *app);
/* Queues a task for the UI thread.  SASH_ECLOSED once the app is closing
 * (the task is not queued and the caller still owns it). */
int sash__ui_post_or_refuse(sash_app *app, sash__task *task);
/* Queues an internal task (reply, event) even while closing: the final
 * drain in sash_app_free() still runs it.  Any thread. */
void sash__ui_post_always(sash_app *app, sash__task *task);
/* Queues event ["name", payload] (`pair`, stolen) for every window, or
 * those labelled `label`; waits first if the backlog is over its bound
 * (worker threads only).  0 or a negative SASH_E* code (delivery.c). */
int sash__deliver_event(sash_app *app, const char *label, const char *name,
                        json_t *pair);
/* One-way transports: appends the reply `reply` (a JSON text) for the
 * page's reply id `rid` to the window's deliveries as [0,rid,reply] and
 * sends them at once (UI thread). */
void sash__deliver_reply(sash_window *w, long rid, const char *reply);
/* Sends a window's pending events as one script (UI thread).  Replies
 * call it first, so events emitted before a resolve arrive before it. */
void sash__events_flush_window(sash_window *w, int force);
/* Deliveries by pull (delivery.c, UI thread): the page parked a pull
 * message (`handle`, a reply handle the core owns now); a reply task `t`
 * for w is held (1, it runs again later) until what was queued before it
 * reached the page, or may go now (0); a page ended (navigation, close):
 * its pull is dropped and held replies run. */
void sash__deliver_pull(sash_window *w, void *handle);
int sash__deliver_hold(sash_window *w, sash__task *t);
void sash__deliveries_page_ended(sash_window *w);
/* Adjusts the event backlog (see events.c); any thread. */
void sash__backlog_add(sash_app *app, long delta);
/* Flushes every window's pending events in one script each. */
void sash__events_flush(sash_app *app);
/* Delivers a JS emit() to the C listeners (UI thread). */
void sash__events_from_js(sash_app *app, const char *label, const char *name,
                          const json_t *payload);
void sash__listeners_free(sash_app *app);


/* The bridge script (bridge.js, embedded at build time by sash-embed js):
 * _size bytes of text, or _packed bytes of raw deflate when _packed != 0. */
extern const unsigned char sash__bridge_js[];
extern const size_t sash__bridge_js_size, sash__bridge_js_packed;
/* Inflates `in` (raw deflate) into exactly `out_size` bytes at `out`.
 * 0, or -1 when the data is corrupt, of another size, or this build has no
 * zlib (sash-embed then stores nothing deflated).  Any thread. */
int sash__inflate(const unsigned char *in, size_t in_size, unsigned char *out,
                  size_t out_size);
/* Builds the per-app init script: transport, the raw path's key and the
 * message limit, then the bridge.  Caller frees. */
char *sash__bridge_script(const sash__platform *platform, const char *raw_key,
                          size_t max_message);

/* Duplicates a string; NULL stays NULL. */
char *sash__strdup(const char *s);

/* -- Assets ------------------------------------------------------------------ */

/* Decodes and checks a URL path: strips query/fragment, decodes %XX,
 * refuses NUL, '\\', '..' segments and malformed escapes.  Writes the clean
 * path (starting with '/') to out.  Returns 0 or -1 (refused). */
int sash__asset_normalize(const char *url_path, char *out, size_t out_size);
/* The byte at *p of a URL, a %XX escape decoded, and *p moved past it; -1
 * for a '%' without two hex digits.  The one URL decoder of the core
 * (asset paths; file: URIs of drops, app/drop.c). */
int sash__url_byte(const char **p);
const sash_asset *sash__asset_find(const sash_asset *assets, size_t count,
                                   const char *path);
/* MIME type for a file name by extension; never NULL. */
const char *sash__mime_for(const char *path);

/* -- plugin support (app/plugin_support.c) -------------------------------- */
/* Runs and forgets the sash_app_on_free() functions (sash_app_free()). */
void sash__plugins_cleanup(sash_app *app);

/* -- File drag-and-drop (app/drop.c) ---------------------------------- */
/* The local path of a file: URI (a new string), or NULL. */
char *sash__drop_uri_path(const char *uri);

#endif
