/*
 * sash_plugins.h - the built-in plugins (docs/plugins/).  Each lives in
 * its own static library (sash_plugin_fs, sash_plugin_store, ...), so an app
 * carries only the plugins it registers.  Register a plugin once, after
 * sash_app_new() and before the page calls it; its commands (`fs:...`)
 * stay denied until a capability in sash.json grants one of its
 * permission sets (`fs:read`, ...).  Link: Sash::plugin_fs etc.
 */
#ifndef SASH_PLUGINS_H
#define SASH_PLUGINS_H

#include <sash.h>

#ifdef __cplusplus
extern "C" {
#endif

/* -- fs: files and folders, checked against the window's "fs" scope -------
 * Commands fs:read_text_file, fs:read_file (bytes), fs:write_text_file,
 * fs:write_file (bytes), fs:read_dir, fs:stat, fs:exists, fs:mkdir,
 * fs:remove, fs:rename, fs:copy_file, fs:watch, fs:unwatch.
 * Permission sets: fs:read, fs:write, fs:watch (docs/plugins/fs.md). */
typedef struct sash_fs_options {
    size_t max_read; /* biggest file fs:read_* returns; 0 = 256 MiB */
} sash_fs_options;
/* Every sash_plugin_*() below: registers the plugin's commands and
 * permission sets with `app`, and a cleanup with sash_app_on_free().
 * @pointer_lifetime `options` (NULL = defaults, where allowed) and its
 * strings are copied.  @thread_safety The UI thread, after sash_app_new(),
 * once per app (a later app in the same process may register again).
 * @errors 0, or SASH_EINVAL (NULL app, bad options), SASH_EEXIST (already
 * registered), SASH_ENOMEM, SASH_ENOENT (a folder the plugin needs is
 * unknown, e.g. no $HOME). */
int sash_plugin_fs(sash_app *app, const sash_fs_options *options);

/* -- store: key-value JSON files in the app data folder -------------------
 * Commands store:get, store:set, store:delete, store:keys, store:entries,
 * store:clear, store:save.  Permission set: store:default.  Every change is
 * emitted to every window as event "store:changed". */
typedef struct sash_store_options {
    int autosave_ms; /* debounce of saves after a change; 0 = 100 ms */
} sash_store_options;
int sash_plugin_store(sash_app *app, const sash_store_options *options);

/* -- sql: SQLite databases ---------------------------------------------------
 * Commands sql:open, sql:close, sql:execute, sql:select, sql:batch,
 * sql:migrate, sql:query (windowed rows).  Permission set: sql:default. */
int sash_plugin_sql(sash_app *app, const void *options /* NULL */);

/* -- log: levels, stderr and a rotating file -------------------------------- */
typedef struct sash_log_options {
    const char *file_name; /* in SASH_FOLDER_APP_LOG; NULL = "<id>.log" */
    long max_bytes;        /* rotate beyond this; 0 = 1 MiB */
    int keep;              /* rotated files kept (.1 ... .keep); 0 = 3 */
    sash_log_level level;  /* lowest level written; 0 = SASH_LOG_ERROR... */
    int level_set;         /* 1 = use `level`, 0 = SASH_LOG_INFO */
    int no_stderr;         /* 1 = file only */
} sash_log_options;
/* Installs the sink with sash_set_log_fn(): sash_log() from C and log:write
 * (JS log.info() ...) both reach it.  Permission set: log:default. */
int sash_plugin_log(sash_app *app, const sash_log_options *options);

/* -- os: platform facts and folders ------------------------------------------
 * Commands os:info, os:folders.  Permission set: os:default. */
int sash_plugin_os(sash_app *app, const void *options /* NULL */);

/* -- autostart: start the app at login (XDG autostart) ---------------------- */
typedef struct sash_autostart_options {
    const char *exec; /* command line; NULL = this executable (/proc/self/exe) */
    const char *name; /* Name= of the entry; NULL = the identifier */
} sash_autostart_options;
/* Commands autostart:enable, autostart:disable, autostart:is_enabled;
 * permission set autostart:default. */
int sash_plugin_autostart(sash_app *app, const sash_autostart_options *options);

/* -- single-instance: one running copy per user --------------------------------
 * Call right after sash_app_new(), before creating windows.  Returns 0 when
 * this process is the first (it then listens; a later launch's argv and
 * working folder arrive as event "single-instance" {argv, cwd} to every
 * window, `on_second` if set runs on the UI thread, and the window
 * `focus_label` is shown and focused where sash.h has the window API), 1
 * when another
 * instance was running and got this process's argv (free the app and exit),
 * or a negative SASH_E* code. */
typedef void (*sash_second_instance_fn)(sash_app *app, int argc,
                                        const char *const *argv,
                                        const char *cwd, void *user_data);
typedef struct sash_single_instance_options {
    int argc;
    const char *const *argv;
    sash_second_instance_fn on_second; /* optional */
    void *user_data;
    /* The window shown and focused when a later launch arrives (with the
     * window API: sash_window_show()); NULL = "main". */
    const char *focus_label;
} sash_single_instance_options;
int sash_plugin_single_instance(sash_app *app,
                                const sash_single_instance_options *options);

/* -- deep-link: URLs of the app's own schemes (myapp://...) -------------------
 * The launch's URLs (argv) are kept for deep-link:get_current (set
 * deep-link:default); sash_deep_link_open() sends those of a later launch
 * (call it from the single-instance callback) to every window as event
 * "deep-link" {url}.  Only URLs of `schemes` that pass validation reach the
 * page.  The bundle registers the schemes: sash.json bundle.deepLinks. */
typedef struct sash_deep_link_options {
    const char *const *schemes; /* NULL-terminated, e.g. {"myapp", NULL} */
    int argc;                   /* this launch's arguments */
    const char *const *argv;
} sash_deep_link_options;
/* @errors SASH_EINVAL (no schemes, or one that is not a valid scheme name
 * or belongs to the browser or system: http, file, ...), SASH_EEXIST. */
int sash_plugin_deep_link(sash_app *app, const sash_deep_link_options *options);
/* Emits each valid URL of argv[1..argc) as "deep-link"; returns how many.
 * @thread_safety Any thread. */
int sash_deep_link_open(sash_app *app, int argc, const char *const *argv);

/* -- window-state: size, position, maximized per window label ----------------
 * Built when sash.h has the window API (sash_window_get_size ...).  Records
 * each window's geometry from its resize/move events into
 * $XDG_DATA_HOME/<id>/window-state.json (saved at most once a second and
 * when the app is freed).  No commands: nothing for the page to grant. */
int sash_plugin_window_state(sash_app *app, const void *options /* NULL */);
/* Gives window `label` its saved size, position and maximized state; a
 * position on no current monitor is pulled back onto one.  Call it right
 * after creating the window.  Returns 1 if restored, 0 if nothing was
 * saved for it, or SASH_EINVAL, SASH_ENOENT (no such window), or the
 * window API's error.  @thread_safety UI thread only. */
int sash_window_state_restore(sash_app *app, const char *label);

#ifdef __cplusplus
}
#endif

#endif /* SASH_PLUGINS_H */
