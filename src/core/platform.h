/*
 * platform.h - the backend interface between the portable core and one
 * platform's webview (GTK/WebKitGTK now; WebView2 and WKWebView later).
 *
 * The core never includes a platform header; a backend never touches core
 * structures except through the sash__ functions declared at the bottom.
 * Every function in the table is called on the UI thread, except wake().
 */
#ifndef SASH_PLATFORM_H
#define SASH_PLATFORM_H

#include <stddef.h>

#include "sash.h"

typedef struct sash__platform {
    const char *name;
    /* The origin the app's own pages are served from, e.g. "sash://app"
     * (a WebView2 backend would use "https://sash.localhost"): the only
     * origin, with the dev server's, that may use IPC. */
    const char *app_origin;
    /* Where the bridge POSTs raw bytes: a path under app_origin for the
     * app's own pages (same origin, fast), and a full URL for pages of
     * another origin (a dev server), e.g. "/__sash_ipc/" and
     * "sash-ipc://app/". */
    const char *raw_path;
    const char *raw_url;
    /* The sources the page's fetch() needs for IPC, as CSP connect-src
     * entries, e.g. "sash: sash-ipc:" (they replace those two words in the
     * default policy, csp.c). */
    const char *csp_ipc_sources;
    /* The JS transport the bridge uses: an expression evaluating to a
     * function (string) -> Promise<string> that posts one message and
     * resolves with the reply.  A webview whose postMessage answers
     * nothing (WebView2) wraps its one-way post in the bridge's
     * oneWay(send), e.g. "oneWay((t)=>chrome.webview.postMessage(t))", and
     * sets `oneway`. */
    const char *transport_js;
    /* 1: the JSON transport is one-way.  The backend passes a NULL handle
     * to sash__ipc_receive(); the bridge puts a reply id first in each
     * message ({"rid":N,...}) and the core answers through the window's
     * deliveries as [0,N,reply], in order with events. */
    int oneway;
    /* Connects to the display.  Returns 0 or SASH_EPLATFORM. */
    int (*init)(sash_app *app);
    /* Frees what init() made; windows are already destroyed. */
    void (*terminate)(sash_app *app);
    /* Runs the main loop until quit() is called. */
    void (*run)(sash_app *app);
    /* Makes run() return.  UI thread. */
    void (*quit)(sash_app *app);
    /* Any thread: arrange for sash__app_drain(app) to run on the UI thread
     * soon.  Must be async-safe with respect to the core's own locks. */
    void (*wake)(sash_app *app);

    /* Creates the native window and starts loading `url`; the window stays
     * invisible until window_show().  Stores its handle with
     * sash__window_set_native().  `bridge_js` is the init script to inject at
     * document start, top frame only.  Calls sash__window_view_ready() when
     * the view takes scripts (at once, or later for an asynchronous view);
     * the core sends no eval or delivery before.  Returns 0 or
     * SASH_EPLATFORM (the core then frees the window). */
    int (*window_create)(sash_window *w, const sash_window_options *o,
                         const char *url, const char *bridge_js);
    void (*window_show)(sash_window *w);
    void (*window_destroy)(sash_window *w);
    void (*window_set_title)(sash_window *w, const char *title);
    /* Evaluates script in the page, fire and forget. */
    void (*window_eval)(sash_window *w, const char *js, size_t len);
    /* Hands a batch of deliveries (events, channel messages; a JSON array
     * text) to the page's window.__SASH__._ev, and calls
     * sash__window_delivered(w) when the page has run it, so the core sends
     * the next batch only then: flow control that keeps a flood of events
     * from piling up inside the web process. */
    void (*window_deliver)(sash_window *w, const char *batch, size_t len);

    /* Completes a JSON call: hands `reply` (a JSON text, len bytes) to the
     * page through the reply handle the backend gave sash__ipc_receive(),
     * and releases the handle. */
    void (*reply)(sash_window *w, void *handle, const char *reply, size_t len);
    /* Completes a call with bytes (only for handles from the raw path):
     * the backend owns `data` and calls free_fn(data) (if not NULL) when
     * done with it. */
    void (*reply_bytes)(sash_window *w, void *handle, void *data, size_t len,
                        void (*free_fn)(void *));
    /* Releases a reply handle without answering (the window is gone). */
    void (*reply_drop)(void *handle);
    /* Runs fn(app) on the UI thread after `ms` milliseconds.  There is one
     * timer: a new call replaces the pending one. */
    void (*timer)(sash_app *app, unsigned ms, void (*fn)(sash_app *app));
    /* Opens an http(s) URL in the user's browser, asynchronously; failures
     * are logged, never reported back.  Called only for links the user
     * clicked (sash__navigation_decide). */
    void (*open_external)(sash_app *app, const char *url);
} sash__platform;

/* -- Called by backends (UI thread) ------------------------------------- */

/* Runs every queued UI task (replies, events, dispatches). */
void sash__app_drain(sash_app *app);

/* A JSON message arrived from the page of `w`.  `handle` is the backend's
 * reply handle; the core completes it exactly once via reply()/reply_drop()
 * (NULL with a one-way transport: the core answers by reply id).  `msg`
 * is borrowed. */
void sash__ipc_receive(sash_window *w, const char *msg, size_t len,
                       void *handle);

/* A raw-bytes request for command `cmd` arrived (body framing: see
 * ipc.c).  The core takes `body` (malloc'd) and completes `handle` once. */
void sash__ipc_receive_raw(sash_window *w, const char *cmd,
                           unsigned char *body, size_t len, void *handle);

/* The page fetches bytes a JSON call resolved with.  On success the caller
 * owns *data and releases it with *free_fn (may be NULL).  SASH_ENOENT for
 * an unknown token or one of another window. */
int sash__ipc_take(sash_window *w, const char *token, void **data, size_t *len,
                   void (**free_fn)(void *));

/* The last window_deliver() script has run (or failed).  UI thread. */
void sash__window_delivered(sash_window *w);

/* A new page was committed in the window (navigation or reload): what
 * belonged to the old page (channels, parked bytes, pending events, calls'
 * cancelled state) is released. */
void sash__window_page_changed(sash_window *w);

/* The user or the window manager closed the window: the core marks it
 * closed and calls window_destroy() (which must not call back). */
void sash__window_finish_close(sash_window *w);

/* The native view of `w` can take scripts now.  Until a backend calls
 * this (WebView2 creates its controller asynchronously), the core keeps
 * sash_window_eval() scripts and event deliveries, and sends them in order
 * then.  A backend whose view is usable at once calls it at the end of
 * window_create(). */
void sash__window_view_ready(sash_window *w);

/* The page of `w` painted once (or the backend gave up waiting): show it. */
void sash__window_ready(sash_window *w);

/* -- Security (security.c): what pages may do ---------------------------- */

/* The origin ("scheme://host[:port]") of a URL, lower-cased, into out.
 * 0, or -1 if the URL has no such origin (about:, data:, garbage). */
int sash__url_origin(const char *url, char *out, size_t size);
/* Whether a page at `url` may use IPC: the app's own origin (sash://app)
 * or, in dev mode, the dev URL's origin. */
int sash__app_origin_allowed(const sash_app *app, const char *url);
/* Whether a frame may navigate to `url`: an allowed origin, or about:blank
 * / about:srcdoc (they inherit the parent's origin). */
int sash__app_navigation_allowed(const sash_app *app, const char *url);
/* Decides a navigation of any frame of `w` to `url` (new_window: the page
 * asked for a new window; user_gesture: a user's click caused it).
 * Returns 1 if the frame may go there.  Otherwise 0, and the core has
 * already routed what deserves it: a clicked http(s) link goes to the
 * app's open-URL handler or to the backend's open_external(); anything
 * else is dropped (and logged in debug mode).  Windows are never made by
 * page script. */
int sash__navigation_decide(sash_window *w, const char *url, int new_window,
                            int user_gesture);
/* The Content-Security-Policy header for served assets, or NULL. */
const char *sash__app_csp(const sash_app *app);
/* security.sandbox from the config (1 unless turned off). */
int sash__app_sandbox_wanted(const sash_app *app);
/* Replies "forbidden" to a message from a page whose origin (url) may not
 * use IPC, and logs it in debug mode.  `raw` as for the raw path. */
void sash__ipc_forbid_origin(sash_window *w, const char *url, void *handle);

/* Logging (log.c): every message of Sash goes through sash_set_log_fn()'s
 * function.  sash__debug prints only when the app's debug is on. */
void sash__log(sash_log_level level, const char *fmt, ...) SASH__PRINTF(2, 3);
void sash__debug(const sash_app *app, const char *fmt, ...) SASH__PRINTF(2, 3);
#define sash__error(...) sash__log(SASH_LOG_ERROR, __VA_ARGS__)
#define sash__warn(...) sash__log(SASH_LOG_WARNING, __VA_ARGS__)
#define sash__info(...) sash__log(SASH_LOG_INFO, __VA_ARGS__)
/* Records `code` and the message as the calling thread's last error
 * (sash_last_error()), logs it as an error and returns `code`. */
int sash__fail(int code, const char *fmt, ...) SASH__PRINTF(2, 3);
void sash__fail_clear(void);
/* The calling thread's last error code, without clearing it. */
int sash__failed(void);

/* Keeps a window's memory alive across an async operation (any thread). */
void sash__window_ref(sash_window *w);
void sash__window_unref(sash_window *w);

void sash__window_set_native(sash_window *w, void *native);
void *sash__window_native(const sash_window *w);
sash_app *sash__window_app(const sash_window *w);
void sash__app_set_platform_data(sash_app *app, void *data);
void *sash__app_platform_data(const sash_app *app);
const char *sash__app_identifier(const sash_app *app);
int sash__app_debug(const sash_app *app);

/* The raw path: 1 if `key` (the request's X-Sash-Key header) is the key
 * only the bridge knows.  A backend reads a request body only then:
 * WebKit itself can crash on bodies page script builds (a Blob), and it
 * buffers whole bodies.  And the most bytes one message may carry. */
int sash__app_raw_key_ok(const sash_app *app, const char *key);
size_t sash__app_max_message(const sash_app *app);

/* Dev mode: the dev server's URL (NULL without one), and the page a
 * backend shows while that server does not answer yet, retrying about
 * twice a second (a new string, HTML; `why` is the load error). */
const char *sash__app_dev_url(const sash_app *app);
/* The rendering mode the app or user forced (SASH_RENDERING, then
 * sash_app_options.rendering), or NULL: the backend decides. */
const char *sash__app_rendering(const sash_app *app);
char *sash__dev_waiting_page(const sash_app *app, const char *why);

/* The wire text of a rejection, {"err":{"code":..,"message":..}}, for a
 * backend that must answer a request itself (a new string; free()).  A
 * backend never writes wire JSON by hand. */
char *sash__error_reply(const char *code, const char *message);

/* Looks up an embedded asset for a URL path (percent-encoded, with or
 * without query).  Returns 200 and sets *out, 404 when missing, 400 when the
 * path is refused (traversal, NUL, malformed escapes). */
int sash__app_asset(sash_app *app, const char *url_path,
                    const sash_asset **out);

/* Creates the app on a backend.  Each backend defines sash_app_new() as a
 * call to this with its own table; tests pass theirs. */
sash_app *sash__app_new_with(const sash_app_options *options, size_t size,
                             const sash__platform *platform);

/* -- Entries a backend does not have (platform_support.c) ---------------
 * A backend may leave NULL any entry added after open_external (features
 * it does not have yet): that means "not supported on this backend".  A
 * core call site of such an entry checks it first, e.g.
 *
 *     if (!SASH__PLATFORM_HAS(app, window_set_size))
 *         return sash__unsupported(app, "sash_window_set_size");
 *
 * and a built-in command rejects with sash__reject_unsupported(call,
 * "window:set_size"), so C gets SASH_EPLATFORM and a page the error code
 * "unsupported", both naming the feature and the backend.  The entries
 * the core calls unchecked (init ... open_external) are required:
 * sash__app_new_with() refuses a table that lacks one. */
#define SASH__PLATFORM_HAS(app, entry) ((app)->platform->entry != NULL)
/* 0, or SASH_EPLATFORM naming the missing required entry. */
int sash__platform_check(const sash__platform *p);
/* Records and returns SASH_EPLATFORM: "<what> is not supported on the
 * <name> backend". */
int sash__unsupported(const sash_app *app, const char *what);
/* Rejects `call` with SASH_CODE_UNSUPPORTED and the same message. */
int sash__reject_unsupported(sash_call *call, const char *what);
extern const sash__platform sash__gtk_platform;

#endif
