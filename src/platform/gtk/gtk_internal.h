/*
 * gtk_internal.h - shared by the files of the GTK/WebKitGTK backend.
 */
#ifndef SASH_GTK_INTERNAL_H
#define SASH_GTK_INTERNAL_H

/* The GTK4 backend (src/platform/gtk4/, SASH_GTK4 defined) compiles the
 * version-free files of this directory against WebKitGTK 6.0. */
#ifdef SASH_GTK4
#include <webkit/webkit.h>
#else
#include <webkit2/webkit2.h>
#endif

#include "../../core/platform.h"

/* The native side of one window. */
typedef struct gtk_window_data {
    GtkWidget *window;
    WebKitWebView *view;
    WebKitUserContentManager *ucm;
    guint show_fallback; /* timeout source id, 0 = none */
    GCancellable *cancel; /* cancels pending deliveries at destroy */
    guint dev_retry;      /* timeout retrying a dev server, 0 = none */
    char *dev_target;     /* the dev URL being retried (g_free) */
    struct gtk_window_state *state; /* gtk_window_state.c */
    guint timer;          /* window_timer source, 0 = none */
    void (*timer_fn)(sash_window *w);
} gtk_window_data;
typedef struct gtk_window_state gtk_window_state;

/* The backend's per-app state. */
typedef struct gtk_app_data {
    WebKitWebContext *context;       /* schemes, cache model, processes */
    guint timer_id;      /* pending core timer, 0 = none (UI thread) */
#ifdef SASH_GTK4
    WebKitNetworkSession *session;   /* storage, cookies, network */
    GMainLoop *loop;                 /* run() until quit() */
#endif
} gtk_app_data;

/* gtk_app_common.c (GTK3 and GTK4): the tables' terminate, wake and timer
 * entries, and the constructor (SASH_GTK_ONEWAY=1: one-way transport). */
void sash__gtk_app_terminate(sash_app *app);
void sash__gtk_wake(sash_app *app);
void sash__gtk_timer(sash_app *app, unsigned ms, void (*fn)(sash_app *));
sash_app *sash__gtk_app_new(const sash_app_options *options, size_t size,
                            const sash__platform *platform);
/* The entries both backends' tables share (same schemes, paths and
 * transport: pages and the bridge cannot tell the two apart). */
#define SASH_GTK_PLATFORM_COMMON                                              \
    .app_origin = SASH_GTK_SCHEME "://app", .raw_path = SASH_GTK_IPC_PATH,    \
    .raw_url = SASH_GTK_RAW_SCHEME "://app/",                                 \
    .csp_ipc_sources = SASH_GTK_SCHEME ": " SASH_GTK_RAW_SCHEME ":",          \
    .transport_js = "(t)=>window.webkit.messageHandlers." SASH_GTK_HANDLER    \
                    ".postMessage(t)",                                        \
    .terminate = sash__gtk_app_terminate, .wake = sash__gtk_wake,             \
    .timer = sash__gtk_timer,                                                 \
    .window_create = sash__gtk_window_create,                                 \
    .window_show = sash__gtk_window_show,                                     \
    .window_destroy = sash__gtk_window_destroy,                               \
    .window_set_title = sash__gtk_window_set_title,                           \
    .window_eval = sash__gtk_window_eval,                                     \
    .window_deliver = sash__gtk_window_deliver, .reply = sash__gtk_ipc_reply, \
    .reply_bytes = sash__gtk_ipc_reply_bytes,                                 \
    .reply_drop = sash__gtk_ipc_reply_drop,                                   \
    .open_external = sash__gtk_open_external,                                 \
    /* Window state (gtk_window_state.c, ../gtk4/gtk4_window_state.c) */      \
    .window_apply_options = sash__gtk_window_apply_options,                   \
    .window_set_size = sash__gtk_ws_set_size,                                 \
    .window_set_position = sash__gtk_ws_set_position,                         \
    .window_set_size_limits = sash__gtk_ws_set_size_limits,                   \
    .window_set_attrib = sash__gtk_ws_set_attrib,                             \
    .window_get_attrib = sash__gtk_ws_get_attrib,                             \
    .window_get_geometry = sash__gtk_ws_get_geometry,                         \
    .window_center = sash__gtk_ws_center, .window_scale = sash__gtk_ws_scale, \
    .window_monitor = sash__gtk_ws_window_monitor,                            \
    .monitors = sash__gtk_ws_monitors, .theme = sash__gtk_ws_theme,           \
    .window_timer = sash__gtk_ws_window_timer,                                \
    /* Notifications and the opener (GIO: gtk_notify.c, gtk_open.c) */       \
    .notify = sash__gtk_notify, .open = sash__gtk_open

#define SASH_GTK_HANDLER "sash"
/* 1 when the message handler is used one-way (SASH_GTK_ONEWAY=1, a test
 * mode standing in for WebView2's transport): gtk_ipc.c. */
extern int sash__gtk_oneway;
#define SASH_GTK_SCHEME "sash"
#define SASH_GTK_RAW_SCHEME "sash-ipc"
/* The raw path under the app's own origin (see gtk_raw.c). */
#define SASH_GTK_IPC_PATH "/__sash_ipc/"

/* A reply handle of either IPC path: a script message reply (JSON path)
 * or a URI scheme request (raw path). */
typedef struct gtk_reply_handle {
    WebKitScriptMessageReply *reply;
    JSCContext *context;
    WebKitURISchemeRequest *request;
    char *origin; /* raw path: the page origin for CORS */
    WebKitUserMessage *message; /* shared-memory path (gtk_shm.c) */
} gtk_reply_handle;

void sash__gtk_handle_free(gtk_reply_handle *h);
void sash__gtk_raw_register(sash_app *app, WebKitWebContext *context);
/* Lighter defaults (gtk_tuning.c). */
void sash__gtk_tune_context(sash_app *app, WebKitWebContext *context);
void sash__gtk_tune_settings(WebKitSettings *settings);
/* Serves a raw request; `rest` is the path after the raw prefix. */
void sash__gtk_raw_request(WebKitURISchemeRequest *req, const char *rest);
/* Finishes a raw request with `data` (taken if free_fn) as kind "json" or
 * "bytes"; does not free the handle. */
void sash__gtk_raw_respond(gtk_reply_handle *h, const void *data, size_t len,
                           void (*free_fn)(void *), const char *kind);

void sash__gtk_scheme_register(sash_app *app, WebKitWebContext *context);
/* At terminate: the context may outlive the app (WebKit holds it); its
 * handlers then reach no app. */
void sash__gtk_scheme_detach(sash_app *app, WebKitWebContext *context);
void sash__gtk_ipc_connect(sash_window *w, WebKitUserContentManager *ucm);
void sash__gtk_ipc_reply(sash_window *w, void *handle, const char *text,
                         size_t len);
void sash__gtk_ipc_reply_bytes(sash_window *w, void *handle, void *data,
                               size_t len, void (*free_fn)(void *));
void sash__gtk_ipc_reply_drop(void *handle);

/* gtk_security.c: sandbox, navigation policy, origin of a view's page. */
void sash__gtk_security_context(sash_app *app, WebKitWebContext *context);
void sash__gtk_security_view(sash_window *w, WebKitWebView *view);
/* window.open() (refused by the caller): a click to an http(s) URL outside
 * the app goes to the browser. */
void sash__gtk_security_new_window(sash_window *w, WebKitNavigationAction *a);
/* The table's open_external: the desktop's default browser. */
void sash__gtk_open_external(sash_app *app, const char *url);
/* 1 if the page in `view` may use IPC; *uri is set to its URI. */
int sash__gtk_origin_ok(sash_window *w, WebKitWebView *view, const char **uri);

/* gtk_view.c (GTK3 and GTK4): the content manager with the bridge script
 * and message handler, and the view's load, crash and window.open
 * signals.  Window eval and deliver are there too. */
WebKitUserContentManager *sash__gtk_view_ucm(sash_window *w, const char *bridge_js);
void sash__gtk_view_connect(sash_window *w, WebKitWebView *view);

/* gtk_window_common.c (GTK3 and GTK4): the native data with its view
 * (NULL: out of memory); start() connects it, loads `url` and sets it as
 * the window's native side once the toolkit made d->window; unveil() is
 * the first step of showing (opacity 1), release() of destroying (sources,
 * signals, state: what is left is the toolkit's to destroy). */
gtk_window_data *sash__gtk_window_data_new(sash_window *w, const char *bridge_js);
void sash__gtk_window_start(sash_window *w, gtk_window_data *d, const char *url);
void sash__gtk_window_unveil(gtk_window_data *d);
void sash__gtk_window_release(sash_window *w, gtk_window_data *d);
int sash__gtk_window_create(sash_window *w, const sash_window_options *o,
                            const char *url, const char *bridge_js);
void sash__gtk_window_show(sash_window *w);
void sash__gtk_window_destroy(sash_window *w);
void sash__gtk_window_set_title(sash_window *w, const char *title);
void sash__gtk_window_eval(sash_window *w, const char *js, size_t len);
void sash__gtk_window_deliver(sash_window *w, const char *js, size_t len);

/* gtk_window_state.c: window state, monitors, theme (platform.h's "Window
 * state" entries).  apply_options maps the window (unless hidden). */
void sash__gtk_window_apply_options(sash_window *w, const sash_window_options *o,
                                    sash_window *parent);
int sash__gtk_window_no_focus(sash_window *w);
/* gtk_window_state_common.c (GTK3 and GTK4): the focus, scale and theme
 * signals of a window (connected by apply_options, disconnected with the
 * window timer by state_free). */
void sash__gtk_ws_connect(sash_window *w);
void sash__gtk_ws_disconnect(sash_window *w);
void sash__gtk_window_state_free(sash_window *w);
void sash__gtk_ws_set_size(sash_window *w, int width, int height);
void sash__gtk_ws_set_position(sash_window *w, int x, int y);
void sash__gtk_ws_set_size_limits(sash_window *w, int min_w, int min_h,
                                  int max_w, int max_h);
void sash__gtk_ws_set_attrib(sash_window *w, int attrib, int value);
int sash__gtk_ws_get_attrib(sash_window *w, int attrib);
void sash__gtk_ws_get_geometry(sash_window *w, int *x, int *y, int *width,
                               int *height);
void sash__gtk_ws_center(sash_window *w);
double sash__gtk_ws_scale(sash_window *w);
/* Monitors (gtk_monitors.c): hidden and referred to weakly by the table,
 * like the desktop surface below (size). */
#pragma GCC visibility push(hidden)
int sash__gtk_ws_window_monitor(sash_window *w);
int sash__gtk_ws_monitors(sash_app *app, sash_monitor *out, int max);
GdkMonitor *sash__gtk_ws_monitor_of(sash_window *w);
#ifdef SASH_GTK4 /* GTK 4 has no work area but on X11 (gtk4_window_state.c) */
void sash__gtk_ws_workarea(GdkMonitor *m, GdkRectangle *wa);
#endif
#pragma GCC visibility pop
int sash__gtk_ws_theme(sash_app *app);
void sash__gtk_ws_window_timer(sash_window *w, unsigned ms,
                               void (*fn)(sash_window *w));
/* gtk_theme.c (GTK3 and GTK4): SASH_THEME_LIGHT or SASH_THEME_DARK from
 * GtkSettings. */
int sash__gtk_theme_now(void);
/* Desktop surface (gtk_dialog.c, gtk_clipboard.c, gtk_notify.c,
 * gtk_open.c): the table's dialog, clipboard, notify and open entries.
 * Hidden even where only declared (size): they are referred to weakly, and
 * a weak hidden reference left unresolved is NULL without a dynamic
 * symbol (an import) for the loader to look up. */
#pragma GCC visibility push(hidden)
void sash__gtk_dialog(sash_window *w, sash__dialog *d);
int sash__gtk_clipboard_write(sash_app *app, sash_clipboard_format format,
                              const void *data, size_t len);
void sash__gtk_clipboard_read(sash_app *app, sash__clip_read *r);
void sash__gtk_notify(sash_app *app, sash__notify *n);
void sash__gtk_open(sash_app *app, sash__open *o);
#pragma GCC visibility pop

/* WebDriver automation (gtk_automation.c): with SASH_AUTOMATION=1 the
 * context allows automation and hands the main window's view to a
 * session; views are then made controlled by automation (1 here). */
void sash__gtk_automation_context(sash_app *app, WebKitWebContext *context);
int sash__gtk_automation_on(void);
/* A window's view under automation: the session may close it. */
void sash__gtk_automation_view(sash_window *w, WebKitWebView *view);

/* gtk_shm.c (GTK3 and GTK4): bytes through shared memory and the web-process
 * extension.  Linked only into apps that move bytes: the other files
 * declare these weak and skip them when absent. */
#pragma GCC visibility push(hidden) /* weak: as above */
void sash__gtk_shm_context(sash_app *app, WebKitWebContext *context);
void sash__gtk_shm_view(sash_window *w, WebKitWebView *view);
void sash__gtk_shm_reply_text(gtk_reply_handle *h, const char *text);
void sash__gtk_shm_reply_bytes(sash_window *w, gtk_reply_handle *h, void *data,
                               size_t len, void (*free_fn)(void *));
#pragma GCC visibility pop

/* File drag-and-drop (gtk_drop.c; GTK4: gtk4_drop.c): the table's
 * window_drag_drop. */
void sash__gtk_window_drag_drop(sash_window *w, int enabled);
/* gtk_frames.c (GTK3 and GTK4, linked with gtk_shm.c): per-frame origin.  NULL
 * if the message may go on (*subframe: 1 from a same-origin iframe), else
 * why it is forbidden.  `token` is the frame token the message carried
 * (NULL = none).  Without the extension: the per-window origin check. */
const char *sash__gtk_frame_check(sash_window *w, WebKitWebView *view,
                                  const char *token, int *subframe);
/* 1 once the extension spoke for the view (tokens are then required). */
int sash__gtk_frames_ext(WebKitWebView *view);
void sash__gtk_frames_view(sash_window *w, WebKitWebView *view);

#endif
