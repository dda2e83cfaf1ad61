/*
 * sash.h - the one public header of Sash.
 *
 * Sash is a framework for desktop apps whose backend is C and whose interface
 * is a web page drawn by the operating system's own webview.
 *
 * Conventions (read once, they hold for every function below; each
 * function's doc says where it differs, in GLFW's style):
 *
 *  - @errors.  Functions that can fail return 0 (or a count) on success or
 *    a negative SASH_E* code from the table below; sash_strerror() gives
 *    its text.  Functions that return a pointer return NULL on failure and
 *    record why: sash_last_error().  Nothing aborts on bad input, and a
 *    NULL handle is SASH_EINVAL (or ignored, for the free functions).
 *  - @thread_safety.  "UI thread" is the thread that called sash_app_new()
 *    and runs sash_app_run().  A function marked "UI thread only" returns
 *    SASH_ETHREAD (or NULL with that last error) when called elsewhere; it
 *    never does nothing silently.  Command functions run on a worker thread
 *    unless registered with SASH_COMMAND_UI_THREAD.
 *  - @pointer_lifetime.  Strings and structs passed in are copied before
 *    the function returns, unless stated.  A json_t passed to a function
 *    whose doc says "steals" is owned by Sash afterwards, even when the
 *    function fails.  json_t values passed to your callbacks are borrowed:
 *    valid during the callback only (json_incref() to keep one).  Strings
 *    returned by Sash are owned by Sash; their lifetime is stated.
 *  - Blocking.  Only the functions that say "blocks" can wait: none of them
 *    may be called on the UI thread in a way that waits for the UI thread.
 */
#ifndef SASH_H
#define SASH_H

#include <stdarg.h>
#include <stddef.h>

#include <jansson.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SASH_VERSION_MAJOR 0
#define SASH_VERSION_MINOR 1
#define SASH_VERSION_PATCH 0
#define SASH_VERSION_STRING "0.1.0"

/* SASH_API marks what the library exports; everything else in libsash is
 * hidden (-fvisibility=hidden), so no internal symbol can be linked to. */
#if defined(_WIN32) && defined(SASH_SHARED_BUILD)
#define SASH_API __declspec(dllexport)
#elif defined(_WIN32) && defined(SASH_SHARED)
#define SASH_API __declspec(dllimport)
#elif defined(__GNUC__) || defined(__clang__)
#define SASH_API __attribute__((visibility("default")))
#else
#define SASH_API
#endif

#if defined(__GNUC__) || defined(__clang__)
#if defined(__MINGW32__) /* Sash formats with a C99 printf (%zu) everywhere */
#define SASH__PRINTF(f, a) __attribute__((format(gnu_printf, f, a)))
#else
#define SASH__PRINTF(f, a) __attribute__((format(printf, f, a)))
#endif
#define SASH__UNUSED __attribute__((unused))
#define SASH__CONSTRUCTOR __attribute__((constructor))
#define SASH__DESTRUCTOR __attribute__((destructor))
#else
#define SASH__PRINTF(f, a)
#define SASH__UNUSED
#define SASH__CONSTRUCTOR
#define SASH__DESTRUCTOR
#endif

/* ------------------------------------------------------------------------ */
/* Errors                                                                   */
/* ------------------------------------------------------------------------ */

/* The error table, one row per code: X(NAME, value, description).  Every
 * SASH_E* constant, sash_strerror() and sash_err_name() come from it, so a
 * code and its text cannot drift apart (libuv's UV_ERRNO_MAP is the model).
 * Values are negative and stable; new codes are only appended. */
#define SASH_ERRNO_MAP(X)                                                    \
    X(EINVAL, -1, "invalid argument (NULL, empty or out of range)")          \
    X(ENOMEM, -2, "out of memory")                                           \
    X(EEXIST, -3, "the name is already registered")                          \
    X(ENOENT, -4, "no such command, window or listener")                     \
    X(EDONE, -5, "the call was already completed")                           \
    X(ECLOSED, -6, "the window or app is closing or closed")                 \
    X(EPLATFORM, -7, "the platform backend failed")                          \
    X(ETHREAD, -8, "called from a thread that may not call this function")   \
    X(EFULL, -9, "the channel is full; the message was dropped")             \
    X(ECANCELLED, -10,                                                       \
      "completed, but the reply was dropped: the page cancelled the call, "  \
      "reloaded or closed")                                                  \
    X(ECONFIG, -11, "the app's sash.json is invalid")

/* SASH_OK (0) and one SASH_E<NAME> constant per row of the table. */
typedef enum sash_error {
    SASH_OK = 0,
#define SASH__ERRNO_ENUM(name, value, text) SASH_##name = (value),
    SASH_ERRNO_MAP(SASH__ERRNO_ENUM)
#undef SASH__ERRNO_ENUM
    SASH__ERRNO_END
} sash_error;

/* A static English description of `err` ("success" for 0, "unknown error
 * code" for a value not in the table); never NULL.
 * @thread_safety Any thread.  @errors None. */
SASH_API const char *sash_strerror(int err);

/* The constant's name, e.g. "SASH_EFULL" ("SASH_OK" for 0), or
 * "SASH_E?" for a value not in the table; static, never NULL.
 * @thread_safety Any thread.  @errors None. */
SASH_API const char *sash_err_name(int err);

/* The last failure reported on the calling thread by a Sash function that
 * returns NULL or a negative code (sash_app_new() and sash_window_new()
 * included: this is how they say why).  Returns its SASH_E* code, or 0 if
 * nothing failed on this thread since the last call; the message (e.g.
 * "cannot open a display: is DISPLAY or WAYLAND_DISPLAY set?") is stored
 * in *message when `message` is not NULL.  Reading it clears it.
 * @pointer_lifetime *message is valid on this thread until the next Sash
 * call that fails.  @thread_safety Any thread (the state is per thread).
 * @errors None. */
SASH_API int sash_last_error(const char **message);

/* Where Sash's own messages go.  Levels, most to least severe. */
typedef enum sash_log_level {
    SASH_LOG_ERROR = 0,   /* something failed; the app goes on */
    SASH_LOG_WARNING = 1, /* a likely mistake (e.g. a payload too big) */
    SASH_LOG_INFO = 2,    /* one-off facts (sandbox state, dev URL) */
    SASH_LOG_DEBUG = 3    /* only when debug is on (options or SASH_DEBUG) */
} sash_log_level;

/* Receives one message (one line, no newline).  May be called from any
 * thread, concurrently: make it thread-safe and quick, and do not call
 * Sash from it.  @pointer_lifetime `message` is valid during the call. */
typedef void (*sash_log_fn)(sash_log_level level, const char *message,
                            void *user_data);

/* Routes every message Sash prints to `fn` (process-wide, like GLFW's
 * error callback); NULL restores the default, which writes
 * "sash: <level>: <message>" to stderr.  Set it before sash_app_new() so
 * creation errors reach it too.
 * @thread_safety Any thread; a call to the previous function already under
 * way on another thread may still finish after this returns, so keep its
 * user_data alive until the app is freed.  @errors None. */
SASH_API void sash_set_log_fn(sash_log_fn fn, void *user_data);

/* Stable rejection codes that JS receives in error.code. */
#define SASH_CODE_NOT_FOUND "not_found"
#define SASH_CODE_FORBIDDEN "forbidden"
#define SASH_CODE_BAD_ARGS "bad_args"
#define SASH_CODE_TOO_LARGE "too_large"
#define SASH_CODE_INTERNAL "internal"
#define SASH_CODE_CANCELLED "cancelled"
#define SASH_CODE_TOO_DEEP "too_deep" /* args nest deeper than the limit */
#define SASH_CODE_BUSY "busy"         /* too many calls in flight */

/* ------------------------------------------------------------------------ */
/* Types                                                                    */
/* ------------------------------------------------------------------------ */

typedef struct sash_app sash_app;       /* one per process */
typedef struct sash_window sash_window; /* a native window with a webview */
typedef struct sash_call sash_call;     /* one invoke() waiting for a reply */

/* One embedded front-end file.  Tables of these are written by the
 * sash-embed build tool (see sash_embed_assets() in SashEmbed.cmake);
 * `path` starts with '/', the table is sorted by path (strcmp order). */
typedef struct sash_asset {
    const char *path;
    const unsigned char *data;
    size_t size;      /* the file's size, as served */
    const char *mime; /* e.g. "text/html; charset=utf-8" */
    /* 0: `data` is the file.  Otherwise `data` holds `packed` bytes of raw
     * deflate (sash-embed --deflate, the default where libsash has zlib),
     * inflated to `size` bytes when the file is served.  A table written
     * by hand may leave it 0. */
    size_t packed;
} sash_asset;

/* Declares a table written by sash_embed_assets(target DIR SYMBOL):
 *     SASH_EMBEDDED_ASSETS(hello_assets);
 *     opts.assets = hello_assets; opts.asset_count = hello_assets_count; */
#define SASH_EMBEDDED_ASSETS(sym)                                            \
    extern const sash_asset sym[];                                           \
    extern const size_t sym##_count

/* The bytes of an embedded file, a->size of them, for code that serves a
 * table itself (a test server, another webview): a->data when the file is
 * stored as is, else a new buffer inflated from it.
 * @pointer_lifetime *owned is set to what the caller must free() when done
 * (NULL when nothing: the bytes are a->data, static).
 * @thread_safety Any thread.
 * @errors NULL (and *owned NULL) when `a` or `owned` is NULL, a deflated
 * file does not inflate to a->size bytes, this libsash has no zlib, or
 * memory runs out; sash_last_error() says which. */
SASH_API const unsigned char *sash_asset_data(const sash_asset *a, void **owned);

typedef struct sash_app_options {
    /* Reverse-DNS id, e.g. "org.example.hello".  Used for the data
     * directory of the webview.  Optional. */
    const char *identifier;
    /* Embedded front end (from sash-embed).  May be NULL/0 in dev mode. */
    const sash_asset *assets;
    size_t asset_count;
    /* Serve /index.html for a missing path that has no file extension
     * (single-page apps with client-side routing). */
    int spa_fallback;
    /* Load this URL instead of the embedded assets (e.g. a Vite dev server).
     * The environment variable SASH_DEV_URL overrides it.  When neither is
     * set and no assets are embedded (a dev build), sash.json's
     * build.devUrl is used; a build with embedded assets never uses it. */
    const char *dev_url;
    /* Worker threads for commands; 0 = number of online cores. */
    int worker_threads;
    /* Keep running after the last window closed (tray apps); quit with
     * sash_app_quit(). */
    int keep_running;
    /* Send debug messages to the log function (sash_set_log_fn(); stderr
     * by default).  Also: environment SASH_DEBUG=1. */
    int debug;
    /* The app's sash.json text, usually embedded at build time with
     * sash_embed_config() (see "Security" below).  NULL = no config: no
     * command or event is granted to any page until sash_capability_add(). */
    const char *config_json;
    /* How the webview renders: NULL or "auto" = chosen from the machine
     * (no GPU render node or a virtual machine: software; NVIDIA's
     * proprietary driver: GPU without the DMABUF renderer; else the
     * engine's GPU default), or one of "gpu", "no-dmabuf", "software",
     * "engine" (decide nothing).  The environment variable SASH_RENDERING
     * overrides it, so a user can always force a mode.  The choice and its
     * reason are logged once at start (info). */
    const char *rendering;
} sash_app_options;

typedef struct sash_window_options {
    const char *label;  /* unique, e.g. "main"; required */
    const char *title;  /* NULL = "" */
    int width, height;  /* 0 = 800 x 600 */
    int min_width, min_height; /* 0 = none */
    int fixed_size;     /* 1 = not resizable (C's zero default = resizable) */
    int no_center;      /* 1 = let the window manager place it (always so
                         * on the gtk4 backend: GTK4 cannot place windows) */
    /* Path inside the app ("/" = index.html) or, in dev mode, appended to the
     * dev URL.  NULL = "/". */
    const char *path;
    /* -- Appended (docs/windows.md); zero = the behaviour before them. -- */
    int has_position;   /* 1 = place the window at x, y (desktop pixels) */
    int x, y;
    int max_width, max_height; /* 0 = none */
    int no_decorations; /* 1 = no title bar or border */
    int always_on_top;
    int fullscreen;
    int maximized;
    int minimized;
    int hidden;         /* 1 = stays hidden until sash_window_show() */
    int no_focus;       /* 1 = do not take the focus when shown */
    int skip_taskbar;   /* 1 = not in the taskbar / window switcher */
    const char *parent; /* label of the owner window (on top of it), or NULL */
    int modal;          /* with parent: blocks input to the parent */
    /* A URL of the app's own origin (or the dev URL's); overrides `path`.
     * Any other origin is refused (SASH_EINVAL). */
    const char *url;
    /* -- File drag-and-drop (docs/drag-drop.md) -------------------------- */
    int no_drag_drop;   /* 1 = leave desktop file drops to the webview (the
                         * page's own HTML5 drop, a File without a path);
                         * 0 = Sash takes them: SASH_EVENT_WINDOW_DRAG_DROP */
} sash_window_options;

/* ------------------------------------------------------------------------ */
/* App                                                                      */
/* ------------------------------------------------------------------------ */

/* Creates the app, initialises the platform backend (connects to the
 * display) and registers every command declared with SASH_COMMAND.  The
 * calling thread becomes the UI thread.  Only one app may exist at a time.
 *
 * sash_app_new() is a macro that passes the size of sash_app_options as
 * your program saw it, so a program built against an older sash.h keeps
 * working when fields are appended (fields it did not know stay at their
 * zero defaults).  Call sash_app_new_v() only from bindings.
 * @pointer_lifetime `options` and its strings are copied; NULL means all
 * defaults.  `assets` and `config_json` are NOT copied: they must outlive
 * the app (embedded tables and strings do).
 * @thread_safety Any thread; that thread becomes the UI thread.
 * @errors NULL, with sash_last_error() saying why: SASH_EEXIST (an app
 * already exists), SASH_ECONFIG (sash.json invalid: the message names the
 * key), SASH_EPLATFORM (e.g. no display), SASH_ENOMEM.  Also logged. */
SASH_API sash_app *sash_app_new_v(const sash_app_options *options,
                                  size_t options_size);
#define sash_app_new(options)                                                \
    sash_app_new_v((options), sizeof(sash_app_options))

/* Runs the main loop until sash_app_quit() or the last window closes
 * (unless keep_running).  Blocks (it is the main loop).
 * @thread_safety UI thread only.
 * @errors Returns the code given to sash_app_quit(), 0 when the last
 * window closed, SASH_EINVAL for NULL, SASH_ETHREAD off the UI thread. */
SASH_API int sash_app_run(sash_app *app);

/* Asks the main loop to stop; sash_app_run() then returns `code`.  Calls
 * still running are finished by their workers, their replies dropped.
 * Does not block.  @thread_safety Any thread.  @errors None; NULL is
 * ignored. */
SASH_API void sash_app_quit(sash_app *app, int code);

/* Destroys the app: closes windows, stops the worker pool and waits for
 * the commands still running (blocks until they return), frees
 * everything.  Every window, call, channel and string Sash gave you is
 * invalid afterwards (channels you hold: free them before).
 * @thread_safety UI thread only, after sash_app_run() returned (or
 * instead of it); not from a command or callback.  @errors None; NULL is
 * ignored. */
SASH_API void sash_app_free(sash_app *app);

/* Runs fn(app, data) on the UI thread, soon (the way a worker touches
 * windows).  Calls made from one thread run in the order they were made.
 * @pointer_lifetime `data` is yours: fn receives it; on an error fn will
 * not run, so free it yourself.  @thread_safety Any thread.  Does not
 * block.  @errors SASH_EINVAL, SASH_ENOMEM, SASH_ECLOSED once the app is
 * shutting down. */
typedef void (*sash_task_fn)(sash_app *app, void *data);
SASH_API int sash_app_dispatch(sash_app *app, sash_task_fn fn, void *data);

/* The app's user pointer, for your own state (Sash never touches it).
 * @thread_safety Any thread, but not concurrently with a set: set it
 * before sash_app_run().  @errors None; NULL app is ignored / gives NULL. */
SASH_API void sash_app_set_user_data(sash_app *app, void *user_data);
SASH_API void *sash_app_get_user_data(const sash_app *app);

/* ------------------------------------------------------------------------ */
/* Windows                                                                  */
/* ------------------------------------------------------------------------ */

/* Creates a window and starts loading its page.  The window is shown
 * after the page's first paint, so no blank frame is ever seen.  Like
 * sash_app_new(), a macro that passes the options' size (fields appended
 * later stay zero for old programs).
 * @pointer_lifetime `options` and its strings are copied.  The window is
 * valid until it closes (the user, sash_window_close() or the app): keep
 * its label, not the pointer, across that (sash_app_get_window()).
 * @thread_safety UI thread only.
 * @errors NULL, with sash_last_error(): SASH_EINVAL (no label),
 * SASH_EEXIST (label taken), SASH_ETHREAD, SASH_ENOMEM, SASH_EPLATFORM. */
SASH_API sash_window *sash_window_new_v(sash_app *app,
                                        const sash_window_options *options,
                                        size_t options_size);
#define sash_window_new(app, options)                                        \
    sash_window_new_v((app), (options), sizeof(sash_window_options))

/* Closes and frees the window at once (no veto).  Calls from it still
 * running finish on their workers; their completions return
 * SASH_ECANCELLED and the replies are dropped.  If it was the last window
 * and keep_running is off, the app quits.
 * @pointer_lifetime `window` is invalid after this returns 0.
 * @thread_safety UI thread only (a command may call it if it runs on the
 * UI thread).  @errors SASH_EINVAL, SASH_ETHREAD. */
SASH_API int sash_window_close(sash_window *window);

/* Looks a window up by label.  @pointer_lifetime The window is valid
 * until it closes.  @thread_safety UI thread only (NULL with SASH_ETHREAD
 * as last error elsewhere).  @errors NULL if no window has that label. */
SASH_API sash_window *sash_app_get_window(sash_app *app, const char *label);

/* The window's label.  @pointer_lifetime Owned by the window; valid while
 * the window lives.  @thread_safety Any thread while the window lives.
 * @errors NULL for NULL. */
SASH_API const char *sash_window_label(const sash_window *window);

/* Sets the title (copied; NULL = "").  @thread_safety UI thread only.
 * @errors SASH_EINVAL, SASH_ETHREAD. */
SASH_API int sash_window_set_title(sash_window *window, const char *title);

/* Runs a script in the window's page, fire and forget (no result; errors
 * go to the page's console).  The script is copied.  The page's CSP does
 * not apply to it.  The engine runs it as a user gesture (WebKitGTK's
 * evaluate_javascript): page code it calls may open a URL in the browser
 * (window.open, location.href), never in the app (docs/security.md).
 * Events and channel messages are no gesture.  @thread_safety UI thread
 * only.  @errors SASH_EINVAL, SASH_ETHREAD. */
SASH_API int sash_window_eval(sash_window *window, const char *script);

/* 1 once the window has been shown (its page painted once), else 0.
 * @thread_safety UI thread only (0 with SASH_ETHREAD as last error
 * elsewhere).  @errors 0 for NULL. */
SASH_API int sash_window_is_shown(const sash_window *window);

/* ------------------------------------------------------------------------ */
/* Commands                                                                 */
/* ------------------------------------------------------------------------ */

/* A command.  `args` is the JSON value JS passed (an object, or null when
 * none); borrowed for the duration of the function.  The command must
 * complete `call` exactly once with sash_resolve(), sash_reject() or
 * sash_resolve_bytes(), now or later, from any thread.  Returning without
 * completing is fine if a completion follows later (take a reference with
 * sash_call_ref() if that code must still look at the call afterwards).
 * A call never completed leaves the page's promise pending until the page
 * goes away.  JS strings may hold U+0000 and arrive whole:
 * json_string_value() then stops at the first NUL, json_string_length()
 * gives the full length (command and event names never hold one). */
typedef void (*sash_command_fn)(sash_call *call, const json_t *args,
                                void *user_data);

/* Flags for sash_command(). */
#define SASH_COMMAND_UI_THREAD 0x1u /* run on the UI thread, not a worker */

/* Registers `fn` under `name` so JS can `invoke(name, args)` (once a
 * capability grants it).  @pointer_lifetime `name` is copied; `user_data`
 * is passed to every call and must stay valid until the command is removed
 * or the app freed.  @thread_safety Any thread.
 * @errors SASH_EINVAL (NULL app, NULL/empty name, NULL fn), SASH_EEXIST
 * (name taken), SASH_ENOMEM. */
SASH_API int sash_command(sash_app *app, const char *name, sash_command_fn fn,
                 void *user_data, unsigned flags);

/* Removes a command.  Synchronous: when it returns, no call is inside
 * `fn` (other than the caller's own, if a command removes itself) and none
 * will enter it: calls already queued are rejected with "not_found".  So
 * `user_data` may be freed right after.  Blocks while calls of it run:
 * don't call it from code those calls wait for.
 * @thread_safety Any thread.  @errors SASH_EINVAL, SASH_ENOENT. */
SASH_API int sash_command_remove(sash_app *app, const char *name);

/* Keeps `call` valid until the matching sash_call_unref(), past its
 * completion and past the return of its command function.  Without a
 * reference of your own, a call may be used until it has been completed
 * AND its command function has returned; after both, it is freed.  Take a
 * reference before handing a call to code that may complete it and then
 * still look at it (sash_call_cancelled(), a second completion that must
 * safely get SASH_EDONE).
 * @thread_safety Any thread, while you hold a valid reference.
 * @errors None; NULL is ignored. */
SASH_API void sash_call_ref(sash_call *call);
SASH_API void sash_call_unref(sash_call *call);

/* Resolves the JS promise with `result`.  The reply is serialised on the
 * calling thread and sent from the UI thread.  Does not block.
 * @pointer_lifetime Steals `result` (NULL is sent as null), even on error.
 * `call` may be freed by this completion if the command function has
 * already returned and you hold no reference (sash_call_ref()).
 * @thread_safety Any thread, while the call is valid.
 * @errors 0: sent.  SASH_ECANCELLED: completed, but nobody will see it
 * (the page aborted the call, reloaded or its window closed) - not a
 * failure, just news.  SASH_EDONE: the call was already completed (logged;
 * safe only while the call is valid).  SASH_EINVAL for NULL. */
SASH_API int sash_resolve(sash_call *call, json_t *result);

/* Rejects the JS promise with an Error whose .code is `code` (e.g.
 * SASH_CODE_NOT_FOUND, or your own; NULL/"" = "internal") and whose
 * .message is the printf-formatted text (cut at 1023 bytes).
 * @thread_safety Any thread, while the call is valid.
 * @errors As sash_resolve(). */
SASH_API int sash_reject(sash_call *call, const char *code, const char *fmt, ...)
    SASH__PRINTF(3, 4);
SASH_API int sash_rejectv(sash_call *call, const char *code, const char *fmt,
                 va_list ap);

/* The command's name, the label of the window that invoked it, and the
 * app.  @pointer_lifetime Strings owned by the call, valid while it is.
 * @thread_safety Any thread while the call is valid.  @errors NULL for
 * NULL. */
SASH_API const char *sash_call_command(const sash_call *call);
SASH_API const char *sash_call_window_label(const sash_call *call);
SASH_API sash_app *sash_call_app(const sash_call *call);

/* A command's name, function and flags: what SASH_COMMAND() declares and
 * what a module hands to sash_commands_add(). */
typedef struct sash_command_def {
    const char *name;
    sash_command_fn fn;
    unsigned flags;
} sash_command_def;

/* Registers every definition of `defs` (an array of `count` pointers) with
 * the app, all or none: on failure the ones added by this call are removed
 * again.  A definition already registered with the same function (for
 * example by SASH_COMMAND's automatic path) counts as added.  This is the
 * explicit path that works everywhere: static libraries (whose automatic
 * registrations the linker drops unless something references them), MSVC
 * (no constructors), and modules loaded with dlopen().
 * @pointer_lifetime The definitions and their names are copied.
 * @thread_safety Any thread.
 * @errors SASH_EINVAL (NULL app, a NULL entry, empty name or NULL fn),
 * SASH_EEXIST (a name taken by another function), SASH_ENOMEM. */
SASH_API int sash_commands_add(sash_app *app,
                               const sash_command_def *const *defs,
                               size_t count);

/* SASH_COMMAND(name) { ... } defines a command function `name`, a
 * definition SASH_COMMAND_DEF(name) for sash_commands_add(), and (with GCC
 * or Clang) an automatic registration run when the program or module loads:
 *
 *     SASH_COMMAND(greet) {
 *         const char *name = "world";
 *         if (json_unpack((json_t *)args, "{s?s}", "name", &name) != 0) {
 *             sash_reject(call, SASH_CODE_BAD_ARGS, "name must be a string");
 *             return;
 *         }
 *         sash_resolve(call, json_sprintf("Hello, %s!", name));
 *     }
 *
 * The body sees `call`, `args` and `user_data` (NULL).  Automatic
 * registrations made before sash_app_new() are added by it; those of a
 * module dlopen()ed later are added to the live app at load.  A module or
 * static library should still export a registration function, which is
 * portable and makes the linker keep its commands:
 *
 *     static const sash_command_def *const my_commands[] = {
 *         SASH_COMMAND_DEF(greet), SASH_COMMAND_DEF(add)};
 *     int my_module_register(sash_app *app) {
 *         return sash_commands_add(app, my_commands, 2);
 *     }
 *
 * SASH_COMMAND_FLAGS(name, SASH_COMMAND_UI_THREAD) does the same for a
 * command that runs on the UI thread. */
#define SASH_COMMAND_DEF(fname) (&sash_command_def_##fname)

/* Used by SASH_COMMAND's automatic registration when a program or module
 * loads and unloads; not for direct use.  Unregistering also removes the
 * command from the live app if it still has this function, so dlclose()
 * of a module cannot leave a dangling command behind.
 * @pointer_lifetime `def` must stay valid until it is unregistered.
 * @thread_safety Any thread.  @errors Logged. */
SASH_API void sash_command_def_register(const sash_command_def *def);
SASH_API void sash_command_def_unregister(const sash_command_def *def);

#define SASH_COMMAND_FLAGS(fname, fflags)                                     \
    static void fname(sash_call *call, const json_t *args, void *user_data); \
    static const sash_command_def sash_command_def_##fname = {               \
        #fname, fname, (fflags)};                                            \
    SASH__CONSTRUCTOR static void sash__register_##fname(void)               \
    {                                                                        \
        sash_command_def_register(&sash_command_def_##fname);                \
    }                                                                        \
    SASH__DESTRUCTOR static void sash__unregister_##fname(void)              \
    {                                                                        \
        sash_command_def_unregister(&sash_command_def_##fname);              \
    }                                                                        \
    static void fname(sash_call *call SASH__UNUSED,                           \
                      const json_t *args SASH__UNUSED,                        \
                      void *user_data SASH__UNUSED)
#define SASH_COMMAND(fname) SASH_COMMAND_FLAGS(fname, 0u)

/* ------------------------------------------------------------------------ */
/* Big data: raw bytes, cancellation, channels, windowed rows               */
/* ------------------------------------------------------------------------ */

/* The raw bytes JS passed with invoke(cmd, Uint8Array | ArrayBuffer, args)
 * (no JSON, no base64), or NULL with *len = 0 when the call carried none.
 * @pointer_lifetime Owned by the call; valid while the call is (until it
 * is completed and its function returned, or your last sash_call_unref()).
 * @thread_safety Any thread while the call is valid.  @errors NULL. */
SASH_API const void *sash_call_bytes(const sash_call *call, size_t *len);

/* Resolves the promise with an ArrayBuffer holding `len` bytes of `data`
 * (no JSON, no base64).  Works for calls made with JSON args too (the
 * bytes are then parked and fetched by the page over the raw path, or
 * through shared memory where the backend has it: docs/ipc.md; until
 * fetched they count towards security.limits.maxInFlight, and a page that
 * has gone never gets them: they are freed at once).
 * @pointer_lifetime With `free_fn`, Sash takes `data` (even on error) and
 * calls free_fn(data) once it has been sent or dropped, on any thread;
 * with NULL, the bytes are copied before this returns.
 * @thread_safety Any thread, while the call is valid.  Does not block.
 * @errors As sash_resolve(), plus SASH_ENOMEM if a copy failed (the call
 * is then rejected with "internal"). */
SASH_API int sash_resolve_bytes(sash_call *call, void *data, size_t len,
                       void (*free_fn)(void *));

/* 1 once the page aborted the call (AbortSignal), reloaded or its window
 * closed; the page's promise has then already rejected with "cancelled".
 * Poll it in long loops and stop early; the call must still be completed
 * (the completion returns SASH_ECANCELLED).
 * @thread_safety Any thread while the call is valid.  @errors 0 for NULL. */
SASH_API int sash_call_cancelled(const sash_call *call);

/* A channel streams ordered messages from C to one page: JS creates
 * `new Channel(onmessage)` and passes it inside invoke() args. */
typedef struct sash_channel sash_channel;

/* What sash_channel_send() does when the page has not yet consumed
 * `capacity` messages. */
typedef enum sash_channel_full {
    SASH_CHANNEL_BLOCK = 0, /* wait until the page catches up (default) */
    SASH_CHANNEL_DROP = 1   /* drop the message and return SASH_EFULL */
} sash_channel_full;

/* Takes the channel that JS passed as args[key].
 * @pointer_lifetime A new reference that outlives the call: release it
 * with sash_channel_free() before sash_app_free().
 * @thread_safety Any thread while the call is valid.
 * @errors NULL if args[key] is not a channel (or out of memory). */
SASH_API sash_channel *sash_call_channel(sash_call *call, const char *key);

/* Bounds the messages sent but not yet consumed by the page (default 256)
 * and chooses what happens when that many are pending.  The page counts a
 * message consumed when its handler returned, or when the promise its
 * async handler returned settled.  @thread_safety Any thread.
 * @errors SASH_EINVAL (NULL, capacity 0). */
SASH_API int sash_channel_set_capacity(sash_channel *ch, size_t capacity,
                              sash_channel_full when_full);

/* Sends a JSON message; messages arrive in the order sent.  In BLOCK mode
 * it blocks while `capacity` messages are unconsumed (a slow page slows
 * the producer); the UI thread never waits (it is what drains the page):
 * there it returns SASH_ETHREAD instead.
 * @pointer_lifetime Steals `msg` (NULL = null), even on error.
 * @thread_safety Any thread.
 * @errors SASH_ECLOSED once the page closed the channel, reloaded or its
 * window closed (stop producing), SASH_EFULL (DROP mode, full),
 * SASH_ETHREAD (BLOCK mode, full, UI thread), SASH_EINVAL (NULL channel,
 * or msg not encodable), SASH_ENOMEM. */
SASH_API int sash_channel_send(sash_channel *ch, json_t *msg);

/* Sends raw bytes; the page receives an ArrayBuffer, in order with the
 * JSON messages.  Blocks as sash_channel_send().
 * @pointer_lifetime `data` as in sash_resolve_bytes().
 * @thread_safety Any thread.  @errors As sash_channel_send(). */
SASH_API int sash_channel_send_bytes(sash_channel *ch, void *data, size_t len,
                            void (*free_fn)(void *));

/* 1 once the page can no longer receive (1 for NULL).
 * @thread_safety Any thread.  @errors None. */
SASH_API int sash_channel_closed(const sash_channel *ch);

/* Releases your reference; the page sees the channel end (onclose) after
 * the messages already sent.  A sender blocked on it is woken.
 * @pointer_lifetime `ch` is invalid afterwards.  @thread_safety Any
 * thread, once per reference.  @errors None; NULL is ignored. */
SASH_API void sash_channel_free(sash_channel *ch);

/* Windowed data: the C side keeps a huge list, the page asks for the rows
 * it renders.  `rows` appends rows [from, to) to `out` (a JSON array), with
 * to - from <= 1000 and to <= count(); it runs on a worker thread and must
 * be thread-safe; return 0 or a negative code (rejected as "internal").
 * `count` returns the current number of rows. */
typedef size_t (*sash_rows_count_fn)(void *user_data);
typedef int (*sash_rows_fn)(size_t from, size_t to, json_t *out,
                            void *user_data);

/* Registers command `name` answering {from, to} with
 * {total, from, rows: [...]} (clamped to the data and to 1000 rows).
 * In JS: `const src = __SASH__.rows(name); await src.get(from, to)`.
 * Remove it with sash_command_remove(name): when that returns, neither
 * callback runs or will run, so `user_data` may be freed.
 * @pointer_lifetime `user_data` must stay valid until then.
 * @thread_safety Any thread.  @errors As sash_command(). */
SASH_API int sash_rows_register(sash_app *app, const char *name,
                       sash_rows_count_fn count, sash_rows_fn rows,
                       void *user_data);

/* Bridge profiler: per-command counts, bytes and p50/p99 latency as JSON
 * (the same object JS gets from __SASH__.stats()).  On when debug is on,
 * a dev URL is in use, or SASH_PROFILE=1.
 * @pointer_lifetime A new reference: json_decref() it.
 * @thread_safety Any thread.  @errors NULL when profiling is off. */
SASH_API json_t *sash_app_stats(sash_app *app);

/* ------------------------------------------------------------------------ */
/* Events                                                                   */
/* ------------------------------------------------------------------------ */

/* Sends an event to the JS listeners (listen(name, cb)) of every window.
 * Events from one thread arrive in the order they were emitted, at most
 * one batch per window per frame.  Blocks a worker thread while more than
 * 512 KB of events wait for pages to consume them (so a fast emitter cannot
 * grow memory without bound); never blocks the UI thread.
 * @pointer_lifetime Steals `payload` (NULL = null), even on error; `name`
 * is copied.  @thread_safety Any thread.
 * @errors SASH_EINVAL (NULL app, empty or non-UTF-8 name), SASH_ENOMEM,
 * SASH_ECLOSED (app shutting down). */
SASH_API int sash_emit(sash_app *app, const char *name, json_t *payload);

/* As sash_emit(), to the window(s) labelled `label` only: a label, not a
 * pointer, so a worker may emit safely while windows come and go.  The
 * event is dropped if no window has that label when it is delivered.
 * Blocks as sash_emit().  @thread_safety Any thread.
 * @errors As sash_emit(). */
SASH_API int sash_emit_to(sash_app *app, const char *label, const char *name,
                 json_t *payload);

/* As sash_emit_to() with the window's label.  @thread_safety Any thread
 * while the window lives (the UI thread, usually).  @errors As
 * sash_emit(). */
SASH_API int sash_window_emit(sash_window *window, const char *name, json_t *payload);

/* A C listener for events that JS sends with emit(name, payload) (the
 * window needs the SASH_PERMISSION_EMIT grant).  Runs on the UI thread;
 * keep it short (hand heavy work to a thread).  It may add and remove
 * listeners, itself included.  @pointer_lifetime `payload`, `name` and
 * `window_label` (the sender) are borrowed for the call. */
typedef void (*sash_listener_fn)(sash_app *app, const char *window_label,
                                 const char *name, const json_t *payload,
                                 void *user_data);

/* Adds a listener for `name` ("*" = every event); listeners run in the
 * order they were added.  Stores its id (> 0) in *id for sash_unlisten()
 * (id may be NULL if you never remove it; it is set to 0 on error).
 * @pointer_lifetime `name` is copied; `user_data` must stay valid until
 * the listener is removed.  @thread_safety Any thread.
 * @errors SASH_EINVAL (NULL app or fn, empty name), SASH_ENOMEM. */
SASH_API int sash_listen(sash_app *app, const char *name, sash_listener_fn fn,
                void *user_data, long *id);

/* Removes a listener.  Synchronous: once it returns, the listener is
 * never called again, even for an event being dispatched right now; from a
 * thread other than the UI thread it blocks until a call of it already
 * under way has returned (don't hold a lock that listener takes).
 * @thread_safety Any thread.  @errors SASH_EINVAL, SASH_ENOENT. */
SASH_API int sash_unlisten(sash_app *app, long id);

/* ------------------------------------------------------------------------ */
/* Security: config, capabilities, scopes (docs/security.md)                */
/* ------------------------------------------------------------------------ */

/* Deny by default.  A page may call a command (the app's own included) or
 * emit an event to C only if a capability grants it to the page's window;
 * otherwise the call rejects with "forbidden", naming the missing
 * permission and the window.  Capabilities come from sash.json
 * (security.capabilities) and from sash_capability_add().  Only pages of the
 * app's own origin (sash://app, or the dev URL in dev mode) reach IPC at
 * all. */

/* Declares a config embedded by sash_embed_config(target FILE SYMBOL):
 *     SASH_EMBEDDED_CONFIG(hello_config);
 *     opts.config_json = hello_config; */
#define SASH_EMBEDDED_CONFIG(sym) extern const char sym[]

/* The permission that lets a page emit() events to C listeners. */
#define SASH_PERMISSION_EMIT "core:event:emit"

/* Checks sash.json text without creating an app (tools, tests): 0, or
 * SASH_ECONFIG with a one-line message in `error` naming the key and the
 * reason, e.g.
 *   sash.json: app.windows[0].widht: unknown key (did you mean "width"?)
 * @pointer_lifetime `error` (may be NULL) receives at most error_size
 * bytes, always terminated.  @thread_safety Any thread.
 * @errors SASH_ECONFIG, SASH_EINVAL (NULL text). */
SASH_API int sash_config_check(const char *json_text, char *error, size_t error_size);

/* Creates every window declared in sash.json app.windows (except those
 * with "create": false).  @thread_safety UI thread only.
 * @errors The number created, or a negative SASH_E* code if one could not
 * be (those before it stay; sash_last_error() says why). */
SASH_API int sash_app_create_windows(sash_app *app);

/* Grants a capability from C: `json_text` is one object with the schema of
 * an element of security.capabilities, e.g.
 *   {"identifier": "main", "windows": ["main"], "permissions": ["greet"]}
 * It takes effect for the next message.  @pointer_lifetime Copied;
 * `error` (may be NULL) as in sash_config_check().  @thread_safety Any
 * thread.  @errors SASH_EINVAL (bad text: the message says what),
 * SASH_EEXIST (identifier taken), SASH_ENOMEM. */
SASH_API int sash_capability_add(sash_app *app, const char *json_text, char *error,
                        size_t error_size);

/* Defines a permission set (for plugins): granting `permission` (e.g.
 * "fs:read") grants every command of the NULL-terminated `commands`.
 * Calling it again adds commands.  @pointer_lifetime Copied.
 * @thread_safety Any thread.  @errors SASH_EINVAL, SASH_ENOMEM. */
SASH_API int sash_permission_define(sash_app *app, const char *permission,
                           const char *const *commands);

/* 1 if a capability for the calling window grants `permission` (a command
 * name or a permission set), else 0 (also for NULL).
 * @thread_safety Any thread while the call is valid. */
SASH_API int sash_call_has_permission(const sash_call *call, const char *permission);

/* 1 if `path` is inside scope `scope` (e.g. "fs") for the calling window:
 * an allow pattern matches and no deny pattern does (deny wins).  The path
 * must be absolute; it is normalised lexically first, so "/a/../b" is "/b"
 * and ".." cannot climb out of an allowed folder.  Symbolic links are not
 * resolved: a plugin should pass realpath() of existing files.  Paths the
 * user picked in a dialog of the calling window are allowed too, for that
 * window's life (sash_dialog_show(), sash_window_scope_grant()), unless a
 * deny pattern matches.  Returns 0 for NULL or relative paths.
 * @thread_safety Any thread while the call is valid. */
SASH_API int sash_call_scope_allows(const sash_call *call, const char *scope,
                           const char *path);

/* Called instead of the system browser when the user clicks a link (or a
 * window.open) to an http(s) URL outside the app.  Runs on the UI thread;
 * `window_label` and `url` are borrowed for the call. */
typedef void (*sash_open_url_fn)(sash_app *app, const char *window_label,
                                 const char *url, void *user_data);

/* Sets the handler above; NULL restores the system browser.
 * @thread_safety UI thread only (usually before sash_app_run()).
 * @errors SASH_EINVAL, SASH_ETHREAD. */
SASH_API int sash_app_on_open_url(sash_app *app, sash_open_url_fn fn, void *user_data);

/* -- Module hooks (sash dev's hot swap) -----------------------------------
 * Under `sash dev`, an app whose src-c/ holds more than main.c is built as
 * a host (main.c: the app and its windows) and a module (every other file:
 * the commands).  When a module file is saved, sash dev rebuilds the
 * module and the host swaps it in without a relaunch: calls already inside
 * the old code finish, new calls wait (a worker's call up to 10 s, then
 * "busy"), the old module's commands, listeners, rows sources and
 * permission sets are removed, the new module is loaded, and every window
 * gets the event "sash:reloaded" (the page keeps its DOM and JS state).
 * A release build (`sash build`) links the same files into one binary and
 * never loads anything.
 *
 * A module may define these four functions (all optional), with
 * SASH_MODULE_EXPORT so the host finds them:
 *
 *     static sqlite3 *db;
 *     SASH_MODULE_EXPORT int sash_module_init(sash_app *app) {
 *         return sqlite3_open("app.db", &db) == SQLITE_OK ? 0 : -1;
 *     }
 *     SASH_MODULE_EXPORT void *sash_module_save(sash_app *app) {
 *         sqlite3 *keep = db; db = NULL; return keep;  // survives the swap
 *     }
 *     SASH_MODULE_EXPORT int sash_module_restore(sash_app *app, void *state) {
 *         db = state; return 0;
 *     }
 *     SASH_MODULE_EXPORT void sash_module_fini(sash_app *app) {
 *         if (db) sqlite3_close(db);
 *     }
 *
 * - sash_module_init(app): after sash_app_new() (before windows are made)
 *   and, in dev, after a swap when the old module saved nothing.  Nonzero
 *   is logged (and shown in dev's overlay).  Register listeners, rows
 *   sources and permission sets here.
 * - sash_module_save(app): before a swap, on the old module.  What it
 *   returns (NULL = nothing) is handed to the new module's restore.  The
 *   state's layout is the module's: change it and the new code must cope
 *   (or return NULL and let init start over).
 * - sash_module_restore(app, state): on the new module instead of init
 *   when save returned non-NULL; without it, init runs (and `state` is
 *   passed to nobody: it leaks).
 * - sash_module_fini(app): after save, before the old module is unloaded,
 *   and when the app is freed.  Threads the module started must stop here:
 *   their code is about to be unmapped.  App-wide handlers (log function,
 *   sash_app_on_*) are not removed for the module: set them in main.c or
 *   clear them here.
 * All four run on the UI thread while no command runs.  In a release
 * binary (GCC/Clang), sash_app_new() calls init and sash_app_free() calls
 * fini; save and restore are never called. */
#if defined(_WIN32)
#define SASH_MODULE_EXPORT __declspec(dllexport)
#elif defined(__GNUC__) || defined(__clang__)
#define SASH_MODULE_EXPORT __attribute__((visibility("default")))
#else
#define SASH_MODULE_EXPORT
#endif
int sash_module_init(sash_app *app);
void *sash_module_save(sash_app *app);
int sash_module_restore(sash_app *app, void *state);
void sash_module_fini(sash_app *app);

/* ------------------------------------------------------------------------ */
/* Plugin support: the app's folders, the shared log (docs/plugins/)        */
/* ------------------------------------------------------------------------ */

/* Folders for sash_app_folder().  The per-app ones end in the app's
 * identifier (sash.json app.identifier; "app.sash" when none). */
typedef enum sash_folder {
    SASH_FOLDER_HOME = 0,
    SASH_FOLDER_APP_DATA,   /* $XDG_DATA_HOME/<id> */
    SASH_FOLDER_APP_CONFIG, /* $XDG_CONFIG_HOME/<id> */
    SASH_FOLDER_APP_CACHE,  /* $XDG_CACHE_HOME/<id> */
    SASH_FOLDER_APP_LOG,    /* $XDG_STATE_HOME/<id>/logs */
    SASH_FOLDER_DOCUMENTS,  /* XDG user dirs (user-dirs.dirs), then ~/Documents... */
    SASH_FOLDER_DOWNLOADS,
    SASH_FOLDER_DESKTOP,
    SASH_FOLDER_PICTURES,
    SASH_FOLDER_MUSIC,
    SASH_FOLDER_VIDEOS,
    SASH_FOLDER_TEMP
} sash_folder;

/* Writes the absolute path of `folder` (not created; no trailing '/') to
 * `buf`.  Returns its length, as snprintf(): a result >= `size` means the
 * buffer was too small (it then holds ""); size 0 just measures.
 * @pointer_lifetime `buf` is yours.  @thread_safety Any thread.
 * @errors SASH_EINVAL (NULL app, unknown folder, NULL buf with size > 0),
 * SASH_ENOENT (the system knows no such folder, e.g. no $HOME). */
SASH_API int sash_app_folder(const sash_app *app, sash_folder folder, char *buf,
                             size_t size);

/* The app's identifier as folders use it ("app.sash" when sash.json has
 * none or it could name a parent folder).  @pointer_lifetime Owned by the
 * app.  @thread_safety Any thread.  @errors NULL for NULL. */
SASH_API const char *sash_app_identifier(const sash_app *app);

/* Logs a printf-formatted message (cut at 1023 bytes) through the same
 * sink as Sash's own messages: the function of sash_set_log_fn() (the log
 * plugin installs one that writes stderr and a rotating file), else
 * stderr.  @thread_safety Any thread.  @errors None; a NULL fmt or an
 * unknown level is ignored. */
SASH_API void sash_log(sash_log_level level, const char *fmt, ...)
    SASH__PRINTF(2, 3);

/* Runs fn(app, user_data) when sash_app_free() frees the app: after the
 * windows closed and the workers stopped (no command runs any more), while
 * channels and the app are still valid; the last registered runs first.
 * Plugins flush and release here.  @pointer_lifetime `user_data` must stay
 * valid until then.  @thread_safety Any thread.
 * @errors SASH_EINVAL (NULL app or fn), SASH_ENOMEM. */
SASH_API int sash_app_on_free(sash_app *app,
                              void (*fn)(sash_app *app, void *user_data),
                              void *user_data);

/* ------------------------------------------------------------------------ */
/* Window state, monitors and window events (docs/windows.md)               */
/* ------------------------------------------------------------------------ */

/* Registers the built-in window:* commands (@sash/api/window) and their
 * permission sets (window:default, window:allow-<verb>, ...; see
 * docs/windows.md).  Opt-in, so apps that do not use them do not link them.
 * Calling it again does nothing.  @thread_safety Any thread, usually before
 * sash_app_run().  @errors SASH_EINVAL (NULL), SASH_ENOMEM. */
SASH_API int sash_window_enable(sash_app *app);

/* Sizes are the content area in desktop (logical) pixels; positions are
 * the window frame's top-left corner on the desktop.  Sizes must be
 * 1..100000 and positions -1000000..1000000 (SASH_EINVAL otherwise).
 * Besides the @errors each lists, the functions below that return an int
 * code return SASH_ECLOSED for a window that is closing or closed, and
 * SASH_EPLATFORM where the backend cannot do it (sash_last_error() names
 * the function and the backend: e.g. positions and always-on-top on
 * Wayland with gtk4; docs/porting.md). */

/* Sets the content size.  @thread_safety UI thread only.
 * @errors SASH_EINVAL (NULL, out of range, outside the min/max limits),
 * SASH_ETHREAD. */
SASH_API int sash_window_set_size(sash_window *window, int width, int height);

/* The content size.  Either pointer may be NULL.  @thread_safety UI
 * thread only.  @errors SASH_EINVAL, SASH_ETHREAD (outputs set to 0). */
SASH_API int sash_window_get_size(sash_window *window, int *width, int *height);

/* Moves the window (the window manager may adjust it).
 * @thread_safety UI thread only.  @errors SASH_EINVAL, SASH_ETHREAD. */
SASH_API int sash_window_set_position(sash_window *window, int x, int y);

/* The window's position.  @thread_safety UI thread only.
 * @errors SASH_EINVAL, SASH_ETHREAD (outputs set to 0). */
SASH_API int sash_window_get_position(sash_window *window, int *x, int *y);

/* Sets the smallest and largest content size (0 = no limit), as
 * glfwSetWindowSizeLimits.  @thread_safety UI thread only.
 * @errors SASH_EINVAL (negative, over 100000, or a minimum over its
 * maximum), SASH_ETHREAD. */
SASH_API int sash_window_set_size_limits(sash_window *window, int min_width,
                                         int min_height, int max_width,
                                         int max_height);

/* The limits last set (0 = none); any pointer may be NULL.
 * @thread_safety UI thread only.  @errors SASH_EINVAL, SASH_ETHREAD. */
SASH_API int sash_window_get_size_limits(sash_window *window, int *min_width,
                                         int *min_height, int *max_width,
                                         int *max_height);

/* What sash_window_set_attrib() / sash_window_get_attrib() read and
 * change (values are 0 or 1). */
typedef enum sash_window_attrib {
    SASH_WINDOW_RESIZABLE = 1,
    SASH_WINDOW_DECORATED,     /* title bar and border */
    SASH_WINDOW_ALWAYS_ON_TOP,
    SASH_WINDOW_FULLSCREEN,
    SASH_WINDOW_MAXIMIZED,     /* 0 = unmaximize */
    SASH_WINDOW_MINIMIZED,     /* 0 = restore from the taskbar */
    SASH_WINDOW_VISIBLE,       /* 0 = hide, 1 = show */
    SASH_WINDOW_FOCUSED,       /* set: 1 only (asks for the focus) */
    SASH_WINDOW_SKIP_TASKBAR
} sash_window_attrib;

/* Changes one attribute.  Window-manager requests (maximize, focus, ...)
 * are asynchronous: the getter and the events follow when the window
 * manager complies.  @thread_safety UI thread only.
 * @errors SASH_EINVAL (NULL, unknown attribute, value not 0/1, FOCUSED
 * 0), SASH_ETHREAD. */
SASH_API int sash_window_set_attrib(sash_window *window, int attrib, int value);

/* One attribute: 0 or 1, or a negative SASH_E* code (SASH_EINVAL,
 * SASH_ETHREAD).  @thread_safety UI thread only. */
SASH_API int sash_window_get_attrib(sash_window *window, int attrib);

/* Shows / hides the window (as SASH_WINDOW_VISIBLE).  Showing also
 * raises it and asks for the focus.  @thread_safety UI thread only.
 * @errors SASH_EINVAL, SASH_ETHREAD. */
SASH_API int sash_window_show(sash_window *window);
SASH_API int sash_window_hide(sash_window *window);

/* Centers the window on its monitor.  @thread_safety UI thread only.
 * @errors SASH_EINVAL, SASH_ETHREAD. */
SASH_API int sash_window_center(sash_window *window);

/* The title last set (by the options or sash_window_set_title()).
 * @pointer_lifetime Owned by the window; valid until the next set or the
 * close.  @thread_safety UI thread only.  @errors NULL for NULL. */
SASH_API const char *sash_window_get_title(const sash_window *window);

/* Device pixels per desktop pixel of the window's monitor (1, 2, ...).
 * @thread_safety UI thread only.  @errors 0 for NULL or off the UI
 * thread. */
SASH_API double sash_window_scale_factor(sash_window *window);

/* A monitor.  Positions and sizes in desktop pixels; the work area is
 * what panels and docks leave free. */
typedef struct sash_monitor {
    char name[64];    /* connector or model name, "" if unknown */
    int x, y, width, height;
    int work_x, work_y, work_width, work_height;
    double scale;
    int primary;      /* 1 for the primary monitor */
} sash_monitor;

/* Fills out[0..max-1] with the monitors.  Returns how many there are
 * (may exceed max), or a negative SASH_E* code.  out may be NULL with max
 * 0 to count.  @thread_safety UI thread only.
 * @errors SASH_EINVAL (NULL app, negative max, NULL out with max > 0),
 * SASH_ETHREAD. */
SASH_API int sash_app_monitors(sash_app *app, sash_monitor *out, int max);

/* The monitor the window is mostly on.  @thread_safety UI thread only.
 * @errors SASH_EINVAL, SASH_ETHREAD, SASH_ENOENT (not known yet). */
SASH_API int sash_window_current_monitor(sash_window *window, sash_monitor *out);

/* The desktop's theme preference. */
typedef enum sash_theme { SASH_THEME_LIGHT = 0, SASH_THEME_DARK = 1 } sash_theme;

/* SASH_THEME_LIGHT or SASH_THEME_DARK, or a negative SASH_E* code.
 * @thread_safety UI thread only. */
SASH_API int sash_app_theme(sash_app *app);

/* Window events go to JS listeners of the window (listen(name, cb)) and to
 * C listeners (sash_listen(); `window_label` is the window's label):
 *   sash:window:resized         {"width":w,"height":h}
 *   sash:window:moved           {"x":x,"y":y}
 *   sash:window:focused         {}        sash:window:blurred  {}
 *   sash:window:scale-changed   {"scale":s}
 *   sash:window:theme-changed   {"theme":"light"|"dark"}  (every window)
 *   sash:window:close-requested {"id":n}  (only to a page that asked)
 *   sash:window:destroyed       {"label":l}  (every other window) */
#define SASH_EVENT_WINDOW_RESIZED "sash:window:resized"
#define SASH_EVENT_WINDOW_MOVED "sash:window:moved"
#define SASH_EVENT_WINDOW_FOCUSED "sash:window:focused"
#define SASH_EVENT_WINDOW_BLURRED "sash:window:blurred"
#define SASH_EVENT_WINDOW_SCALE_CHANGED "sash:window:scale-changed"
#define SASH_EVENT_WINDOW_THEME_CHANGED "sash:window:theme-changed"
#define SASH_EVENT_WINDOW_CLOSE_REQUESTED "sash:window:close-requested"
#define SASH_EVENT_WINDOW_DESTROYED "sash:window:destroyed"

/* Decides whether a close the user, the window manager or a page asked
 * for goes ahead: return nonzero to veto it (the window stays, fully
 * working).  Runs on the UI thread; `window_label` is borrowed. */
typedef int (*sash_close_requested_fn)(sash_app *app, const char *window_label,
                                       void *user_data);

/* Sets the close hook (NULL removes it).  The hook runs first; if it lets
 * the close go ahead and the page listens (onCloseRequested() in
 * @sash/api/window), the page decides next, within 3 seconds: a page that
 * does not answer by then (hung, busy) is closed anyway.
 * sash_window_close() never asks.  @thread_safety UI thread only.
 * @errors SASH_EINVAL, SASH_ETHREAD. */
SASH_API int sash_app_on_close_requested(sash_app *app,
                                         sash_close_requested_fn fn,
                                         void *user_data);

/* Asks to close the window as the user's close button does (the hook and
 * the page may veto).  @thread_safety UI thread only.
 * @errors SASH_EINVAL, SASH_ETHREAD. */
SASH_API int sash_window_request_close(sash_window *window);

/* ------------------------------------------------------------------------ */
/* Typed commands: argument, result and event schemas                       */
/* ------------------------------------------------------------------------ */

/* A schema is a short string in the TypeScript-like notation the page
 * sees, parsed once when the command is registered:
 *
 *     "{path: string, limit?: int >= 0, tags: string[], mode: 'fast'|'full'}"
 *
 * Types: string, int, number (double), bool, null, any, object (any
 * object), channel or channel<T> (a Channel passed by the page), 'lit' (a
 * string literal), T[] (array), A|B (union), (T), and {name: T, opt?: T}.
 * int and number take bounds: int >= 1, number > 0 <= 1.  An object
 * rejects fields it does not list unless its last entry is '...'.
 *
 * Why a string and not a macro list: it reads as what the page writes,
 * fits on the line of the command, is checked with a column number, and
 * is printed unchanged in error messages and (translated) in the .d.ts
 * that `sash types` generates.
 *
 * Before a typed command runs, the dispatcher checks the call's arguments
 * against its schema and rejects a mismatch with "bad_args" and a message
 * naming the JSON path and the expectation:
 *     args.limit: expected int >= 0, got "10"
 *     args.name: missing, expected string
 *     args.nme: unexpected field (expected name, times)
 * The command then reads checked values with the sash_arg_*() accessors,
 * which cannot fail.  The result schema and event schemas type the
 * generated TypeScript; in debug mode (SASH_DEBUG=1) a result or an
 * emitted payload that does not match its schema is logged as a warning. */

/* Set in sash_command_def.flags by SASH_COMMAND_TYPED: the definition is
 * the `def` member of a sash_command_schema_def.  Not for direct use. */
#define SASH__COMMAND_HAS_SCHEMA 0x40000000u

/* A command definition with schemas (what SASH_COMMAND_TYPED declares).
 * Pass &d.def (SASH_COMMAND_TYPED_DEF(name)) to sash_commands_add(). */
typedef struct sash_command_schema_def {
    sash_command_def def; /* def.flags includes SASH__COMMAND_HAS_SCHEMA */
    const char *args;     /* argument schema (an object type), or NULL */
    const char *result;   /* result schema, or NULL (not declared) */
    /* sash_command_schema_def_add: reached through the definition, so an
     * app without typed commands links none of the schema code. */
    int (*add)(sash_app *app, const sash_command_def *def);
} sash_command_schema_def;

/* Registers a definition made by SASH_COMMAND_TYPED (`def` is the `def`
 * member of a sash_command_schema_def); what sash_commands_add() calls
 * for it.  Not for direct use.  @thread_safety Any thread.
 * @errors As sash_command_typed(). */
SASH_API int sash_command_schema_def_add(sash_app *app,
                                         const sash_command_def *def);

/* Registers a typed command: as sash_command(), with the schema of its
 * arguments (`args`, an object type, or NULL for unchecked) and of its
 * result (`result`, or NULL).
 * @pointer_lifetime The schemas are parsed and copied.
 * @thread_safety Any thread.
 * @errors As sash_command(), plus SASH_EINVAL for a bad schema: the
 * message (sash_last_error(), and logged) names the command and the
 * column, e.g. "command 'greet': args schema: column 8: unknown type
 * 'strng' (...)". */
SASH_API int sash_command_typed(sash_app *app, const char *name,
                                sash_command_fn fn, void *user_data,
                                unsigned flags, const char *args,
                                const char *result);

/* Declares the payload type of event `name` (emitted by C), for the
 * generated TypeScript (`listen('name', e => e.payload)` is typed).  In
 * debug mode, sash_emit() of a payload that does not match logs a warning
 * (the event is still sent).  Declaring it again replaces the schema.
 * @pointer_lifetime Copied.  @thread_safety Any thread.
 * @errors SASH_EINVAL (NULL/empty, or a bad schema: the message names the
 * event and the column), SASH_ENOMEM. */
SASH_API int sash_event_declare(sash_app *app, const char *name,
                                const char *schema);

/* Checks a schema's syntax without registering anything (tools, tests).
 * Returns 0, or SASH_EINVAL with "column N: what" in `error` (if not
 * NULL; cut to error_size).  @thread_safety Any thread. */
SASH_API int sash_schema_check(const char *schema, char *error,
                               size_t error_size);

/* Checks `value` (NULL = absent) against `schema` as the dispatcher does.
 * Returns 0 if it matches, SASH_EINVAL for a bad schema, or 1 with
 * "<root>.path: expected T, got V" in `error`.  `root` names the value in
 * messages (NULL = "value").  Parses the schema on every call: for
 * commands, prefer sash_command_typed().  @thread_safety Any thread. */
SASH_API int sash_schema_validate(const char *schema, const json_t *value,
                                  const char *root, char *error,
                                  size_t error_size);

/* Typed accessors: the argument at `path` ("name", or "opts.mode" for a
 * field of an object field), or `def` when it is absent (an optional
 * field) or not of the asked type (only possible for an unchecked command
 * or a schema that disagrees with the code).  Never fail.
 * sash_arg_int() reads integers (and numbers with no fraction);
 * sash_arg_double() reads any number; sash_arg_str() returns the string
 * up to its first U+0000 (sash_arg_json() gives the whole value).
 * @pointer_lifetime Strings and JSON values are owned by the call and
 * valid while it is.  @thread_safety Any thread while the call is valid. */
SASH_API const char *sash_arg_str(const sash_call *call, const char *path,
                                  const char *def);
SASH_API long long sash_arg_int(const sash_call *call, const char *path,
                                long long def);
SASH_API double sash_arg_double(const sash_call *call, const char *path,
                                double def);
SASH_API int sash_arg_bool(const sash_call *call, const char *path, int def);
/* The value at `path` (any type; NULL if absent), borrowed; "" = all. */
SASH_API const json_t *sash_arg_json(const sash_call *call, const char *path);
/* 1 if the argument at `path` is present (also when it is null), else 0. */
SASH_API int sash_arg_has(const sash_call *call, const char *path);

/* SASH_COMMAND_TYPED(name, args, result) { ... } is SASH_COMMAND with
 * schemas (NULL for none):
 *
 *     SASH_COMMAND_TYPED(greet, "{name: string, times?: int >= 1}", "string")
 *     {
 *         const char *name = sash_arg_str(call, "name", "");
 *         long long times = sash_arg_int(call, "times", 1);
 *         ...
 *     }
 *
 * SASH_COMMAND_TYPED_FLAGS(name, flags, args, result) adds flags, and
 * SASH_COMMAND_TYPED_DEF(name) is its definition for sash_commands_add(). */
#define SASH_COMMAND_TYPED_DEF(fname) (&sash_command_sdef_##fname.def)

#define SASH_COMMAND_TYPED_FLAGS(fname, fflags, fargs, fresult)               \
    static void fname(sash_call *call, const json_t *args, void *user_data); \
    static const sash_command_schema_def sash_command_sdef_##fname = {       \
        {#fname, fname, (fflags) | SASH__COMMAND_HAS_SCHEMA}, (fargs),       \
        (fresult), sash_command_schema_def_add};                             \
    SASH__CONSTRUCTOR static void sash__register_##fname(void)               \
    {                                                                        \
        sash_command_def_register(&sash_command_sdef_##fname.def);           \
    }                                                                        \
    SASH__DESTRUCTOR static void sash__unregister_##fname(void)              \
    {                                                                        \
        sash_command_def_unregister(&sash_command_sdef_##fname.def);         \
    }                                                                        \
    static void fname(sash_call *call SASH__UNUSED,                           \
                      const json_t *args SASH__UNUSED,                        \
                      void *user_data SASH__UNUSED)
#define SASH_COMMAND_TYPED(fname, fargs, fresult)                             \
    SASH_COMMAND_TYPED_FLAGS(fname, 0u, fargs, fresult)

/* ------------------------------------------------------------------------ */
/* Menus and tray (docs/menus.md)                                           */
/* ------------------------------------------------------------------------ */

/* A menu: a tree of items described in JSON (the same description a page
 * passes to Menu.new() in @sash/api/menu, so C and JS share one schema and
 * one validator):
 *
 *   {"items": [
 *     {"text": "File", "items": [
 *       {"id": "save", "text": "Save", "accelerator": "CmdOrCtrl+S"},
 *       {"kind": "separator"},
 *       {"kind": "predefined", "item": "quit"}]},
 *     {"text": "View", "items": [
 *       {"kind": "check", "id": "wrap", "text": "Word wrap", "checked": true},
 *       {"kind": "radio", "group": "theme", "id": "light", "text": "Light"},
 *       {"kind": "radio", "group": "theme", "id": "dark", "text": "Dark"}]}]}
 *
 * Item keys: "id" (unique in the menu; generated when absent), "text",
 * "kind" ("normal" (default; "submenu" when "items" is present), "check",
 * "radio", "separator", "submenu", "predefined"), "enabled" (default true),
 * "checked", "group" (radio), "accelerator" (modifiers CmdOrCtrl, Ctrl,
 * Shift, Alt, Super joined by '+' to one key: A-Z, 0-9, F1-F24, Enter,
 * Escape, Space, Tab, Backspace, Delete, Insert, Home, End, PageUp,
 * PageDown, Up, Down, Left, Right, Plus, Minus...), "items" (submenu) and
 * "item" (predefined: copy, cut, paste, select_all, undo, redo, quit,
 * about, close_window, minimize).  Limits: 16 levels, 5,000 items per menu,
 * 256 menus per app.
 *
 * Activation: every listener of "sash:menu" (sash_listen()) and the page's
 * listen('sash:menu') get {"id", "menu", "window", "checked"} (window: the
 * label, null for a tray menu; checked: the new state of a check or radio
 * item, else absent).  Check and radio items toggle themselves; predefined
 * items do their job (editing commands on the window's page, quit,
 * close_window, minimize, about) and are reported too. */
typedef struct sash_menu sash_menu;

/* Creates a menu from its JSON description (above).
 * @pointer_lifetime `json_text` is copied.  The menu is yours until
 * sash_menu_free() or sash_app_free().
 * @thread_safety UI thread only.
 * @errors NULL, with sash_last_error(): SASH_EINVAL and a message naming
 * the item and the reason (bad JSON, unknown kind, bad accelerator,
 * duplicate id, too deep, too many items), SASH_ETHREAD, SASH_ENOMEM. */
SASH_API sash_menu *sash_menu_new(sash_app *app, const char *json_text);

/* Frees the menu and removes it from every window and tray showing it.
 * @thread_safety UI thread only.  @errors None; NULL is ignored. */
SASH_API void sash_menu_free(sash_menu *menu);

/* Run-time changes of the item `id`; what shows the menu is updated.
 * @thread_safety UI thread only.  @errors SASH_EINVAL (NULL, a text too
 * long, checked on an item that is not check/radio), SASH_ENOENT (no such
 * id), SASH_ETHREAD. */
SASH_API int sash_menu_set_text(sash_menu *menu, const char *id, const char *text);
SASH_API int sash_menu_set_enabled(sash_menu *menu, const char *id, int enabled);
SASH_API int sash_menu_set_checked(sash_menu *menu, const char *id, int checked);

/* 1 if the check/radio item `id` is checked, 0 if not.
 * @thread_safety UI thread only.  @errors SASH_EINVAL, SASH_ENOENT,
 * SASH_ETHREAD. */
SASH_API int sash_menu_is_checked(const sash_menu *menu, const char *id);

/* Inserts items (`json_text`: one item object or an array of them) into
 * the submenu `parent_id` (NULL = top level) before position `index`
 * (negative or past the end = at the end).  All or nothing.
 * @thread_safety UI thread only.  @errors As sash_menu_new() (the message
 * says why), SASH_ENOENT (no such parent; or it is not a submenu). */
SASH_API int sash_menu_insert(sash_menu *menu, const char *parent_id, int index,
                              const char *json_text);

/* Removes item `id` (and its subtree).  @thread_safety UI thread only.
 * @errors SASH_EINVAL, SASH_ENOENT, SASH_ETHREAD. */
SASH_API int sash_menu_remove(sash_menu *menu, const char *id);

/* Makes `menu` the menu bar of `window` (NULL removes it).  One menu may
 * be the bar of several windows.  @pointer_lifetime The menu must outlive
 * its use (sash_menu_free() removes it).  @thread_safety UI thread only.
 * @errors SASH_EINVAL, SASH_ETHREAD, SASH_EPLATFORM (no menus on this
 * backend). */
SASH_API int sash_window_set_menu(sash_window *window, sash_menu *menu);

/* Makes `menu` the menu bar of every window open now (replacing their
 * own) and of every window made later (NULL: no app menu, and every bar
 * is removed).  sash_window_set_menu() afterwards replaces it on one
 * window.
 * @pointer_lifetime As sash_window_set_menu().  @thread_safety UI thread
 * only.  @errors SASH_EINVAL, SASH_ETHREAD, SASH_EPLATFORM. */
SASH_API int sash_app_set_menu(sash_app *app, sash_menu *menu);

/* Opens `menu` as a context menu of `window` at (x, y) in window
 * coordinates, or at the pointer when x or y is negative.  Returns at
 * once; the choice arrives as a "sash:menu" event.
 * @thread_safety UI thread only.  @errors SASH_EINVAL, SASH_ETHREAD,
 * SASH_EPLATFORM. */
SASH_API int sash_menu_popup(sash_menu *menu, sash_window *window, int x, int y);

/* Registers the menu:* commands for pages (@sash/api/menu) and their
 * permission sets: menu:default (all of them) and menu:allow-<verb> for
 * each (new, close, set_text, set_enabled, set_checked, is_checked,
 * insert, remove, popup, set_window_menu, set_app_menu).  Denied until a
 * capability grants one.  Explicit, so apps without menus link none of
 * this.
 * @thread_safety Any thread.  @errors SASH_EINVAL, SASH_ENOMEM,
 * SASH_EEXIST (already enabled). */
SASH_API int sash_menu_enable(sash_app *app);

/* A tray (status area) icon: a PNG icon, a tooltip and a menu.  On Linux
 * it is a StatusNotifierItem through libayatana-appindicator3, loaded
 * with dlopen() on first use: an app without a tray does not load it, and
 * a system without it gets SASH_EPLATFORM and a message naming the
 * package.  A click on an item of its menu is a "sash:menu" event (window
 * null); a scroll on the icon is a "sash:tray" event {"id", "tray",
 * "button": "scroll"} (StatusNotifier hosts open the menu on a click; there
 * is no click event of its own).  The tooltip is the item's title there.
 * With keep_running the app lives on with no window (docs/menus.md). */
typedef struct sash_tray sash_tray;

/* Creates a tray icon.  `id` is the app's name for it (sent with events;
 * NULL = "tray"); `png` must be a PNG of at most 4 MB and 1024 x 1024.
 * @pointer_lifetime Copied.  Yours until sash_tray_free() or
 * sash_app_free().  @thread_safety UI thread only.
 * @errors NULL with sash_last_error(): SASH_EINVAL (not a PNG, too big:
 * the message says which), SASH_ETHREAD, SASH_EPLATFORM (no tray library
 * or no status area service), SASH_ENOMEM. */
SASH_API sash_tray *sash_tray_new(sash_app *app, const char *id,
                                  const void *png, size_t len);

/* Changes the icon (checked as in sash_tray_new()), the tooltip (NULL =
 * none) or the menu (NULL = none; the menu must outlive its use).
 * @thread_safety UI thread only.  @errors SASH_EINVAL, SASH_ETHREAD. */
SASH_API int sash_tray_set_icon(sash_tray *tray, const void *png, size_t len);
SASH_API int sash_tray_set_tooltip(sash_tray *tray, const char *tooltip);
SASH_API int sash_tray_set_menu(sash_tray *tray, sash_menu *menu);

/* Removes the icon.  @thread_safety UI thread only.  @errors None; NULL
 * is ignored. */
SASH_API void sash_tray_free(sash_tray *tray);

/* Registers the tray:* commands (@sash/api/tray) and their permission
 * sets: tray:default and tray:allow-<verb> (new, set_icon, set_tooltip,
 * set_menu, close).  @thread_safety Any thread.  @errors As
 * sash_menu_enable(). */
SASH_API int sash_tray_enable(sash_app *app);

/* ------------------------------------------------------------------------ */
/* Desktop: dialogs, clipboard, notifications, opener (docs/desktop.md)     */
/* ------------------------------------------------------------------------ */

/* Each module's page commands are registered by its sash_<module>_enable()
 * (so an app that never calls it links none of that code); the C functions
 * work without it.  The commands, like every command, are denied until a
 * capability grants them: see docs/desktop.md for the permission sets. */

/* -- Dialogs -------------------------------------------------------------- */

/* One file-type filter of an open or save dialog. */
typedef struct sash_dialog_filter {
    const char *name;              /* shown to the user, e.g. "Images" */
    const char *const *extensions; /* NULL-terminated, no dot: {"png", NULL} */
} sash_dialog_filter;

typedef enum sash_dialog_kind {
    SASH_DIALOG_OPEN = 0,   /* pick existing file(s), or folder(s) */
    SASH_DIALOG_SAVE = 1,   /* choose the name of a file to write */
    SASH_DIALOG_MESSAGE = 2 /* a message with one or two buttons */
} sash_dialog_kind;

typedef enum sash_dialog_level {
    SASH_DIALOG_INFO = 0,
    SASH_DIALOG_WARNING = 1,
    SASH_DIALOG_ERROR = 2
} sash_dialog_level;

typedef enum sash_dialog_buttons {
    SASH_DIALOG_BUTTONS_OK = 0,        /* message() */
    SASH_DIALOG_BUTTONS_OK_CANCEL = 1, /* confirm() */
    SASH_DIALOG_BUTTONS_YES_NO = 2     /* ask() */
} sash_dialog_buttons;

typedef struct sash_dialog_options {
    sash_dialog_kind kind;
    const char *title; /* NULL = a default for the kind */
    /* OPEN and SAVE.  default_path: the folder to start in, or (SAVE) a
     * path or bare file name to propose. */
    const char *default_path;
    int multiple;  /* OPEN: several items may be picked */
    int directory; /* OPEN: pick folders instead of files */
    const sash_dialog_filter *filters;
    size_t filter_count; /* at most 256 */
    /* MESSAGE */
    const char *message;
    sash_dialog_level level;
    sash_dialog_buttons buttons;
    const char *ok_label, *cancel_label; /* NULL = the stock words */
} sash_dialog_options;

typedef struct sash_dialog_result {
    int cancelled; /* 1: dismissed (Cancel, Escape, the window closed) */
    int confirmed; /* MESSAGE: 1 for OK / Yes */
    const char *const *paths; /* OPEN, SAVE: absolute paths picked */
    size_t path_count;
} sash_dialog_result;

/* Receives a dialog's outcome on the UI thread.  `window_label` names the
 * dialog's window (which may be closing).  @pointer_lifetime `result`
 * and its strings are valid during the call only. */
typedef void (*sash_dialog_fn)(sash_app *app, const char *window_label,
                               const sash_dialog_result *result,
                               void *user_data);

/* Shows a native dialog attached to `window` and returns at once; `fn`
 * runs exactly once, when the user answered or the window closed.  Paths
 * picked in an OPEN or SAVE dialog are added to the window's "fs" scope
 * for the rest of its life (sash_call_scope_allows() honours them, deny
 * patterns still win), so the page can use the file the user chose and
 * nothing else.  Test hook: when the environment variable
 * SASH_TEST_DIALOG holds a JSON array, no dialog is shown; each dialog
 * takes the next answer in order (null = cancelled, true/false = the
 * button, a string or an array of strings = the paths picked).  Tests
 * only.
 * @pointer_lifetime `options` and its strings are copied; `user_data`
 * must stay valid until `fn` ran.  @thread_safety UI thread only.
 * @errors SASH_EINVAL (NULL window/options/fn, an unknown kind, level or
 * buttons, MESSAGE without message, more than 256 filters, a filter
 * without extensions or with one holding '/', text that is not UTF-8 or
 * over 64 KB), SASH_ETHREAD, SASH_ECLOSED (the window is closing),
 * SASH_EPLATFORM (the backend has no dialogs), SASH_ENOMEM. */
SASH_API int sash_dialog_show(sash_window *window,
                              const sash_dialog_options *options,
                              sash_dialog_fn fn, void *user_data);

/* Registers the page commands dialog:open, dialog:save, dialog:message,
 * dialog:ask, dialog:confirm and their permission sets.
 * @thread_safety Any thread.  @errors As sash_command(). */
SASH_API int sash_dialog_enable(sash_app *app);

/* Adds `path` (absolute) to scope `scope` of `window` until it closes, as
 * a dialog pick does: `recursive` also grants everything below it.  For
 * plugins that let the user choose a path by other means.
 * @pointer_lifetime Copied.  @thread_safety Any thread while the window
 * lives.  @errors SASH_EINVAL (NULL window, scope or path, or a relative
 * path), SASH_ENOMEM. */
SASH_API int sash_window_scope_grant(sash_window *window, const char *scope,
                                     const char *path, int recursive);

/* -- Clipboard ------------------------------------------------------------ */

typedef enum sash_clipboard_format {
    SASH_CLIPBOARD_TEXT = 0, /* UTF-8 text */
    SASH_CLIPBOARD_HTML = 1, /* UTF-8 HTML markup */
    SASH_CLIPBOARD_PNG = 2   /* a PNG file's bytes */
} sash_clipboard_format;

/* The largest content accepted (bytes) and the largest image (pixels). */
#define SASH_CLIPBOARD_MAX_BYTES (32u * 1024u * 1024u)
#define SASH_CLIPBOARD_MAX_PIXELS (64u * 1024u * 1024u)

/* Replaces the system clipboard's content with `len` bytes of `data`.
 * @pointer_lifetime Copied.  @thread_safety UI thread only.
 * @errors SASH_EINVAL (NULL, text not UTF-8 or holding NUL, not a PNG, an
 * image or content over the limits), SASH_ETHREAD, SASH_EPLATFORM. */
SASH_API int sash_clipboard_write(sash_app *app, sash_clipboard_format format,
                                  const void *data, size_t len);

/* Receives the clipboard's content: `data` is NULL (len 0) when it holds
 * nothing in the format asked for.  UI thread.  @pointer_lifetime `data`
 * is valid during the call only. */
typedef void (*sash_clipboard_fn)(sash_app *app, const void *data, size_t len,
                                  void *user_data);

/* Reads the clipboard asynchronously (another program may own it); `fn`
 * runs exactly once on the UI thread.  PNG: an image in any format on the
 * clipboard arrives encoded as PNG.
 * @thread_safety UI thread only.  @errors SASH_EINVAL, SASH_ETHREAD,
 * SASH_EPLATFORM (the backend has no clipboard), SASH_ENOMEM. */
SASH_API int sash_clipboard_read(sash_app *app, sash_clipboard_format format,
                                 sash_clipboard_fn fn, void *user_data);

/* Registers clipboard:read_text, write_text, read_html, write_html,
 * read_image, write_image and their permission sets (reads and writes are
 * granted separately).  @thread_safety Any thread.  @errors As
 * sash_command(). */
SASH_API int sash_clipboard_enable(sash_app *app);

/* -- Notifications -------------------------------------------------------- */

typedef struct sash_notification {
    const char *title; /* required */
    const char *body;  /* NULL = none */
    const char *icon;  /* an icon name or an absolute file path; NULL */
    /* NULL-terminated pairs: action id, button label, ..., NULL. */
    const char *const *actions;
} sash_notification;

/* The notification was shown (id > 0) or could not be (id is a negative
 * SASH_E* code, `error` says why).  UI thread. */
typedef void (*sash_notification_sent_fn)(sash_app *app, long id,
                                          const char *error, void *user_data);

/* The user clicked notification `id` ("default" = its body) or one of its
 * actions (the action's id).  UI thread.  The same arrives in every page
 * as the event "notification:action" {id, action}. */
typedef void (*sash_notification_action_fn)(sash_app *app, long id,
                                            const char *action,
                                            void *user_data);

/* Shows a desktop notification (org.freedesktop.Notifications on Linux).
 * `fn` (may be NULL) runs once with its id.
 * @pointer_lifetime Copied.  @thread_safety UI thread only.
 * @errors SASH_EINVAL (NULL, no title, non-UTF-8 text, odd action list,
 * more than 16 actions), SASH_ETHREAD, SASH_EPLATFORM (the backend has
 * no notifications), SASH_ENOMEM.  Failures of the desktop (no
 * notification server) reach `fn`. */
SASH_API int sash_notification_send(sash_app *app, const sash_notification *n,
                                    sash_notification_sent_fn fn,
                                    void *user_data);

/* Sets the C handler of clicks and actions (NULL removes it).
 * @thread_safety UI thread only.  @errors SASH_EINVAL, SASH_ETHREAD. */
SASH_API int sash_notification_on_action(sash_app *app,
                                         sash_notification_action_fn fn,
                                         void *user_data);

/* Registers notification:is_permission_granted, request_permission and
 * notify (permission set notification:default).
 * @thread_safety Any thread.  @errors As sash_command(). */
SASH_API int sash_notification_enable(sash_app *app);

/* -- Opener --------------------------------------------------------------- */

/* Flags of sash_open(). */
#define SASH_OPEN_REVEAL 0x1u /* show the path in the file manager */

/* The open request finished: error NULL, or why it failed.  UI thread. */
typedef void (*sash_open_fn)(sash_app *app, const char *error,
                             void *user_data);

/* Opens `target`, a URL or an absolute path, with the desktop's default
 * app, or with SASH_OPEN_REVEAL shows the path selected in the file
 * manager.  C is trusted: the URL-scheme allow-list of sash.json
 * (security.opener.schemes) applies to pages only.  `fn` may be NULL.
 * @pointer_lifetime Copied.  @thread_safety UI thread only.
 * @errors SASH_EINVAL (NULL, empty, control characters, a relative path,
 * REVEAL of a URL), SASH_ETHREAD, SASH_EPLATFORM, SASH_ENOMEM.  What
 * the desktop reports later (no handler) reaches `fn`. */
SASH_API int sash_open(sash_app *app, const char *target, unsigned flags,
                       sash_open_fn fn, void *user_data);

/* Registers opener:open_url, opener:open_path, opener:reveal_item_in_dir
 * and their permission sets.  @thread_safety Any thread.
 * @errors As sash_command(). */
SASH_API int sash_opener_enable(sash_app *app);

/* -- Backends -------------------------------------------------------------
 * Sash builds on one backend per libsash: GTK3 + WebKitGTK 4.1 ("gtk", the
 * default) or GTK4 + WebKitGTK 6.0 ("gtk4"), chosen when Sash is built
 * (cmake -DSASH_BACKEND=gtk4).  A feature a backend does not have yet
 * fails, never silently: its C function returns SASH_EPLATFORM (with
 * sash_last_error() naming the feature and the backend) and its command
 * rejects a page's call with this code.  docs/porting.md lists them. */
#define SASH_CODE_UNSUPPORTED "unsupported"

/* -- Bytes in shared memory ----------------------------------------------
 * Big bytes reach the page through shared memory when the backend can
 * (Linux: sealed memfds and Sash's web-process extension; docs/ipc.md),
 * copied once, inside the web process.  A buffer from sash_bytes_alloc()
 * is that shared memory already: fill it and hand it to
 * sash_resolve_bytes() or sash_channel_send_bytes() with sash_bytes_free
 * as the free function, and C copies nothing.  Any other buffer works too,
 * at the cost of one copy in the app. */

/* Returns a writable buffer of `size` bytes in pooled shared memory (or,
 * where there is none, ordinary memory).  Release it with
 * sash_bytes_free(), or pass it with sash_bytes_free to
 * sash_resolve_bytes() / sash_channel_send_bytes(), which take it over.
 * Buffers are reused: fresh pages cost more than the copy they save.
 * @pointer_lifetime Until sash_bytes_free() (by you, or by the call or
 * channel you gave it to).  @thread_safety Any thread.
 * @errors NULL, with sash_last_error(): SASH_EINVAL (NULL app, or `size`
 * over security.limits.maxMessageBytes), SASH_ENOMEM. */
SASH_API void *sash_bytes_alloc(sash_app *app, size_t size);

/* Releases a buffer of sash_bytes_alloc() (back to the pool).  NULL is
 * ignored.  @thread_safety Any thread.  @errors None. */
SASH_API void sash_bytes_free(void *data);

/* ------------------------------------------------------------------------ */
/* File drag-and-drop from the desktop (docs/drag-drop.md)                  */
/* ------------------------------------------------------------------------ */

/* Files the user drags from the desktop (a file manager) onto a window are
 * reported as one event, to C listeners (sash_listen(); `window_label` is
 * the window's) and to the window's page (listen(), or onDragDrop() in
 * @sash/api/window) when a capability grants the window
 * SASH_PERMISSION_DRAG_DROP:
 *   sash:window:drag-drop {"type":"enter","paths":[...],"position":{x,y}}
 *                         {"type":"over","position":{x,y}}
 *                         {"type":"drop","paths":[...],"position":{x,y}}
 *                         {"type":"leave"}
 * `position` is in the window's content, in logical pixels.  `paths` are
 * absolute and canonical (symbolic links and ".." resolved), existing
 * regular files and folders only, at most SASH_DROP_MAX_PATHS (the rest
 * are left out); anything else dragged (a URL, text, a file that does not
 * exist) is ignored, and a drag that carries no such path reports nothing.
 * On "drop", each path is granted to the window's "fs" scope until the
 * window closes (a folder with everything below it), as a file picked in
 * the open dialog is — only when the page receives the event.
 * A window takes drops unless its options say no_drag_drop (sash.json
 * window key "dragDrop": false): then the webview handles them as a
 * browser does (the page's HTML5 drop gets a File without a path).
 * Drops are the backend's: one without them (porting.md) reports none.
 * All of this after sash_drag_drop_enable(app) only. */
#define SASH_EVENT_WINDOW_DRAG_DROP "sash:window:drag-drop"
/* The permission that lets a window's page receive drag-drop events. */
#define SASH_PERMISSION_DRAG_DROP "window:allow-drag-drop"
#define SASH_DROP_MAX_PATHS 1024

/* Turns file drops on for the app: every window, existing and future,
 * takes them unless its options say no_drag_drop, and defines
 * SASH_PERMISSION_DRAG_DROP for capabilities to grant.  Without this call
 * the webview keeps all drops and the app links none of this code (a
 * hello world stays small).  Calling it again does nothing.
 * @thread_safety UI thread only.
 * @errors SASH_EINVAL (NULL), SASH_ETHREAD, SASH_ENOMEM. */
SASH_API int sash_drag_drop_enable(sash_app *app);

#ifdef __cplusplus
}
#endif

#endif /* SASH_H */
