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
#include "menu/menu.h" /* menus and tray: the model backends render */

/* Desktop surface (dialogs, clipboard, notifications, opener): the
 * requests the core hands the backend; defined at the end of this file. */
struct sash__dialog;
struct sash__clip_read;
struct sash__notify;
struct sash__open;

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

    /* -- Window state, monitors, theme (docs/windows.md) --------------------
     * All UI thread.  Sizes are the content area and positions the frame's
     * top-left, in desktop (logical) pixels.  Requests to the window
     * manager may complete later; the backend then reports what happened
     * with the sash__window_*_changed() calls below.  A backend that
     * cannot do one request where it runs (GTK4 on Wayland: positions,
     * always on top) records sash__unsupported() in set_position,
     * set_attrib or center: the core returns SASH_EPLATFORM then. */
    /* Applies what window_create() does not read from the options:
     * position, max size, decorations, always on top, fullscreen,
     * maximized, minimized, focus on show, skip taskbar, and the owner
     * window (parent, modal).  Called once, right after window_create(). */
    void (*window_apply_options)(sash_window *w, const sash_window_options *o,
                                 sash_window *parent);
    void (*window_set_size)(sash_window *w, int width, int height);
    void (*window_set_position)(sash_window *w, int x, int y);
    /* 0 = no limit. */
    void (*window_set_size_limits)(sash_window *w, int min_w, int min_h,
                                   int max_w, int max_h);
    /* attrib: a sash_window_attrib; value 0 or 1 (FOCUSED: 1 only). */
    void (*window_set_attrib)(sash_window *w, int attrib, int value);
    /* The current value (0/1) of a sash_window_attrib. */
    int (*window_get_attrib)(sash_window *w, int attrib);
    void (*window_get_geometry)(sash_window *w, int *x, int *y, int *width,
                                int *height);
    void (*window_center)(sash_window *w);
    double (*window_scale)(sash_window *w);
    /* The index in monitors() of the monitor the window is mostly on, or
     * -1. */
    int (*window_monitor)(sash_window *w);
    /* Fills up to max monitors; returns how many exist. */
    int (*monitors)(sash_app *app, sash_monitor *out, int max);
    /* SASH_THEME_LIGHT or SASH_THEME_DARK; changes are reported with
     * sash__app_theme_changed(). */
    int (*theme)(sash_app *app);
    /* Runs fn(w) after `ms` milliseconds; one timer per window: a new call
     * replaces the pending one; window_destroy() cancels it. */
    void (*window_timer)(sash_window *w, unsigned ms, void (*fn)(sash_window *w));
    /* -- Menus and tray (src/core/menu/menu.h, docs/menus.md) ------------
     * The backend renders the core's model and reports activations with
     * sash__menu_activated(); it never changes the model.  Any of these may
     * be NULL: the public call then fails with SASH_EPLATFORM. */
    /* Shows `m` as the menu bar of `w`, replacing the one it had; NULL
     * removes it.  The backend keeps no pointer to `m` past
     * menu_destroyed(m).  Returns 0 or SASH_EPLATFORM. */
    int (*menu_bar_set)(sash_window *w, const sash_menu *m);
    /* Shows `m` as a context menu of `w` at (x, y) in the window's
     * coordinates, or at the pointer when x or y is negative.  Returns at
     * once (the menu stays open until the user picks or dismisses). */
    int (*menu_popup)(sash_window *w, const sash_menu *m, int x, int y);
    /* The model of `m` changed: `item`'s text, enabled or checked state
     * (item != NULL), or its tree (item == NULL: rebuild what shows it).
     * Updating a native check item must not report an activation. */
    void (*menu_changed)(sash_app *app, const sash_menu *m,
                         const sash__menu_item *item);
    /* `m` is about to be freed: remove it from every bar, popup and tray
     * menu that shows it. */
    void (*menu_destroyed)(sash_app *app, const sash_menu *m);
    /* Shows tray icon `t` (t->icon is a checked PNG, t->tooltip and
     * t->menu may be NULL); stores its handle in t->native.  0 or
     * SASH_EPLATFORM (with sash__fail() saying why: no tray library...). */
    int (*tray_create)(sash_tray *t);
    /* t's icon, tooltip or menu changed. */
    void (*tray_update)(sash_tray *t);
    /* Removes the icon and frees t->native. */
    void (*tray_destroy)(sash_tray *t);
    /* -- Desktop surface: dialogs, clipboard, notifications, opener -----
     * Each request is the core's until the backend completes it with its
     * sash__*_done(); the completion may come before the entry returns
     * (the core does not touch a request after handing it over). */
    /* Shows the native dialog d->o for window `w` (attached to it) without
     * blocking, and calls sash__dialog_done(d, ...) exactly once on the UI
     * thread: with the answer, or cancelled when the user dismissed it or
     * the window is destroyed (a dialog still open then is closed and
     * completed before window_destroy() returns). */
    void (*dialog)(sash_window *w, struct sash__dialog *d);
    /* Replaces the clipboard's content with a copy of `len` bytes in
     * `format` (the core already checked: UTF-8 text, or a PNG within the
     * limits).  0, SASH_EINVAL (the PNG does not decode) or
     * SASH_EPLATFORM.  Synchronous. */
    int (*clipboard_write)(sash_app *app, sash_clipboard_format format,
                           const void *data, size_t len);
    /* Reads the clipboard in r->format without blocking; calls
     * sash__clipboard_done(r, data, len) exactly once on the UI thread
     * (data NULL when there is nothing in that format; PNG: any image,
     * encoded as PNG). */
    void (*clipboard_read)(sash_app *app, struct sash__clip_read *r);
    /* Shows notification n->n; calls sash__notify_done(n, id, error)
     * exactly once (id > 0, or error text), then, for each click or
     * action later, sash__notify_action(app, id, action).  With n NULL
     * (at sash_app_free(), after terminate()): stop reporting actions. */
    void (*notify)(sash_app *app, struct sash__notify *n);
    /* Opens o->target (a URL, or an absolute path) with the default app, or
     * (o->reveal) shows the path in the file manager; calls
     * sash__open_done(o, error) exactly once (error NULL on success).
     * Nothing to wait for: done may come before the app appears. */
    void (*open)(sash_app *app, struct sash__open *o);
    /* -- File drag-and-drop (drop branch, docs/drag-drop.md) -----------
     * UI thread.  enabled 1: from now on the window's view takes drags of
     * files from other applications before the webview's own handling
     * (drags inside the page stay the webview's), and reports each with
     * sash__window_drop(): ENTER (with the dragged items) once the items
     * are known, OVER as the pointer moves, then DROP (with the items; the
     * drop is accepted) or LEAVE.  enabled 0: leaves drops to the webview
     * again.  The core calls it right after window_create() for a window
     * whose options do not say no_drag_drop.  NULL: the webview keeps all
     * drops (the app gets no drag-drop events). */
    void (*window_drag_drop)(sash_window *w, int enabled);

    /* -- Deliveries without a user gesture (docs/ipc.md) -------------------
     * 1: deliveries travel as replies.  The bridge keeps one "pull"
     * message ({"pull":true}) parked per page; the core answers it through
     * reply() with the batch (a JSON array text), and the bridge parks the
     * next one before it runs the batch.  window_deliver() is then never
     * called (it may be NULL): no script runs in the page on the app's
     * behalf, so nothing there counts as a user gesture.  Needs a
     * transport that replies (not `oneway`); WebKitGTK: the message
     * handler with reply; WKWebView: a WKScriptMessageHandlerWithReply.
     * 0: the core calls window_deliver() (a one-way transport: WebView2's
     * PostWebMessageAsJson, which carries no gesture either). */
    int pull_deliveries;
} sash__platform;

/* Menus and tray cost nothing to apps that do not use them: each backend
 * defines these two anchors in the files that hold its menu and its tray
 * code, and may declare those table entries weak.  The core's menu code
 * (menu.c) references the first and its tray code (tray.c) the second, so
 * a static link pulls the backend's menu and tray code in exactly when
 * the app uses menus or a tray; otherwise the weak entries stay NULL. */
extern const char sash__platform_menus_anchor;
extern const char sash__platform_tray_anchor;
/* The same for the desktop surface's entries (dialog, clipboard_write and
 * clipboard_read, notify, open): the core's desktop/ code references these
 * anchors (sash__desktop_anchor()), so an app that shows no dialog, uses no
 * clipboard, sends no notification and opens nothing links none of the
 * backend's code for them. */
extern const char sash__platform_dialog_anchor;
extern const char sash__platform_clipboard_anchor;
extern const char sash__platform_notify_anchor;
extern const char sash__platform_open_anchor;
/* And for file drag-and-drop (window_drag_drop): referenced by
 * sash_drag_drop_enable() (app/drop.c). */
extern const char sash__platform_drop_anchor;
/* The same for monitors (the monitors and window_monitor entries): the
 * core's sash_app_monitors() and sash_window_current_monitor() reference
 * this anchor. */
extern const char sash__platform_monitors_anchor;

/* -- Called by backends (UI thread) ------------------------------------- */

/* Runs every queued UI task (replies, events, dispatches). */
void sash__app_drain(sash_app *app);

/* A JSON message arrived from the page of `w`.  `handle` is the backend's
 * reply handle; the core completes it exactly once via reply()/reply_drop()
 * (NULL with a one-way transport: the core answers by reply id).  `msg`
 * is borrowed. */
void sash__ipc_receive(sash_window *w, const char *msg, size_t len,
                       void *handle);
/* The same, taking `msg` (free()d by the core; a GLib string qualifies:
 * g_malloc is the system malloc since GLib 2.46).  A large message in the
 * bridge's layout is then parsed on a worker, not the UI thread: the UI
 * thread reads only its head (envelope_head.c).  Use it when the backend
 * has the text in a buffer of its own anyway. */
void sash__ipc_receive_owned(sash_window *w, char *msg, size_t len,
                             void *backend_handle);

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

/* Window state (window_state.c), reported by backends (UI thread).  The
 * user or window manager asked to close `w` (close button, Alt+F4): the
 * core asks the app's hook and the page, then closes it or not.  The
 * backend must not close the window itself. */
void sash__window_close_requested(sash_window *w);
/* The window's frame moved or its content was resized (any of them; the
 * core sends only what changed). */
void sash__window_geometry_changed(sash_window *w, int x, int y, int width,
                                   int height);
void sash__window_focus_changed(sash_window *w, int focused);
void sash__window_scale_changed(sash_window *w, double scale);
void sash__app_theme_changed(sash_app *app, int theme);

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

/* Per-frame origin (frames.c, docs/security.md "Frames").  The backend
 * names the frame of the message it is about to hand to
 * sash__ipc_receive*(): 0 the top frame, 1 a same-origin subframe (then
 * only capabilities with "frames": "same-origin" grant it); it resets it
 * to 0 after.  UI thread. */
void sash__window_set_ipc_subframe(sash_window *w, int subframe);
/* 1 if url's origin is in security.frameOrigins (remote origins that may
 * load in iframes, never given IPC); how many there are. */
int sash__app_frame_origin_listed(const sash_app *app, const char *url);
size_t sash__app_frame_origins(const sash_app *app);
/* Replies "forbidden" to a message whose frame may not use IPC (`why`
 * says so), and logs it in debug mode.  Handles as for forbid_origin. */
void sash__ipc_forbid(sash_window *w, const char *why, void *handle);

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

/* -- Shared-memory bytes (docs/ipc.md) -----------------------------------
 * sash__ipc_receive_raw() for a body the backend did not malloc (a mapping
 * of shared memory): the core releases it with body_free(body). */
void sash__ipc_receive_raw_ex(sash_window *w, const char *cmd,
                              unsigned char *body, size_t len,
                              void (*body_free)(void *), void *handle);
/* Defined by the backend's shared-memory code (a backend without one
 * defines it anywhere): the core's bytes functions (sash_resolve_bytes,
 * sash_call_bytes, sash_channel_send_bytes, sash_bytes_alloc) reference
 * it, so a static link pulls that code in only for apps that move bytes;
 * its table hooks are weak. */
extern const char sash__platform_shm_anchor;

/* -- Desktop surface (dialog branch): requests and their completions ----- */

/* A dialog: the backend reads `o` (strings owned by the core; paths
 * absolute, filters checked) and may keep its own state in `native`. */
typedef struct sash__dialog {
    sash_dialog_options o;
    void *native;
    void *core; /* the core's side; the backend leaves it alone */
} sash__dialog;
/* UI thread, once.  `paths` (n of them, absolute, symbolic links
 * resolved where the file exists) are copied.  Frees d. */
void sash__dialog_done(sash__dialog *d, int cancelled, int confirmed,
                       const char *const *paths, size_t n);

typedef struct sash__clip_read {
    sash_clipboard_format format;
    void *core;
} sash__clip_read;
/* UI thread, once.  `data` is copied.  Frees r. */
void sash__clipboard_done(sash__clip_read *r, const void *data, size_t len);

typedef struct sash__notify {
    sash_notification n; /* checked: UTF-8, actions paired */
    const char *app_name; /* the app's identifier or "sash" */
    void *core;
} sash__notify;
/* UI thread, once: id > 0, or error (text).  Frees n. */
void sash__notify_done(sash__notify *n, long id, const char *error);
/* UI thread: the user clicked notification `id` or one of its actions. */
void sash__notify_action(sash_app *app, long id, const char *action);

typedef struct sash__open {
    const char *target; /* a URL or an absolute path */
    int reveal;
    int is_url;
    void *core;
} sash__open;
/* UI thread, once.  Frees o. */
void sash__open_done(sash__open *o, const char *error);

/* -- WebDriver automation (app/automation.c, docs/testing.md) ------------
 * 1 if this process may be driven by WebDriver: SASH_AUTOMATION=1 in the
 * environment (never page content or sash.json), and Sash not built with
 * SASH_NO_AUTOMATION.  A backend that can be automated checks it at init. */
int sash__automation_wanted(void);
/* The app's name and version for the automation session (app.name, else
 * the identifier; app.version, else NULL). */
void sash__app_about(const sash_app *app, const char **name,
                     const char **version);
/* UI thread: the window a WebDriver session drives (the one labelled
 * "main", else the oldest open one), or NULL. */
sash_window *sash__automation_window(sash_app *app);

/* -- File drag-and-drop (drop branch, app/drop.c) -----------------------
 * A backend reports a drag of files over `w` (window_drag_drop above).
 * `items` (n of them, borrowed) are what the drag carries, as URIs
 * ("file:///home/a%20b.log"), for ENTER and DROP (NULL, 0 otherwise); the
 * core keeps existing local files and folders, canonicalised, and ignores
 * the rest (bounded: a hostile source may send anything).  x, y: the
 * pointer in the window's content, logical pixels.  UI thread. */
typedef enum sash__drop_kind {
    SASH__DROP_ENTER,
    SASH__DROP_OVER,
    SASH__DROP_DROP,
    SASH__DROP_LEAVE
} sash__drop_kind;
void sash__window_drop(sash_window *w, sash__drop_kind kind, double x,
                       double y, const char *const *items, size_t n);

#endif
