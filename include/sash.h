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
    size_t size;
    const char *mime; /* e.g. "text/html; charset=utf-8" */
} sash_asset;

/* Declares a table written by sash_embed_assets(target DIR SYMBOL):
 *     SASH_EMBEDDED_ASSETS(hello_assets);
 *     opts.assets = hello_assets; opts.asset_count = hello_assets_count; */
#define SASH_EMBEDDED_ASSETS(sym)                                            \
    extern const sash_asset sym[];                                           \
    extern const size_t sym##_count

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
 * not apply to it.  @thread_safety UI thread only.  @errors SASH_EINVAL,
 * SASH_ETHREAD. */
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
 * bytes are then parked and fetched by the page over the raw path).
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
 * 8 MB of events wait for pages to consume them (so a fast emitter cannot
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
 * resolved: a plugin should pass realpath() of existing files.  Returns 0
 * for NULL or relative paths.  @thread_safety Any thread while the call is
 * valid. */
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

/* -- Backends -------------------------------------------------------------
 * Sash builds on one backend per libsash: GTK3 + WebKitGTK 4.1 ("gtk", the
 * default) or GTK4 + WebKitGTK 6.0 ("gtk4"), chosen when Sash is built
 * (cmake -DSASH_BACKEND=gtk4).  A feature a backend does not have yet
 * fails, never silently: its C function returns SASH_EPLATFORM (with
 * sash_last_error() naming the feature and the backend) and its command
 * rejects a page's call with this code.  docs/porting.md lists them. */
#define SASH_CODE_UNSUPPORTED "unsupported"

#ifdef __cplusplus
}
#endif

#endif /* SASH_H */
