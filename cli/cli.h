/* cli.h - the sash command: what its files share. */
#ifndef SASH_CLI_H
#define SASH_CLI_H

#include <stddef.h>
#include <sys/types.h>

#define CLI_PATH_MAX 4096

/* -- fsutil.c -------------------------------------------------------------- */
/* Reads a whole file; NULL (errno set) on failure.  Free with free(). */
char *cli_read_file(const char *path, size_t *len);
int cli_write_file(const char *path, const char *data, size_t len);
int cli_is_dir(const char *path);
int cli_exists(const char *path);
/* 1 if the folder holds nothing but "." and "..", 0 if not, -1 if absent. */
int cli_dir_empty(const char *path);
int cli_mkdirs(const char *path);
/* snprintf that reports truncation: 0, or -1 when the result did not fit. */
int cli_fmt(char *dst, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* dst = a "/" b, truncation is an error (-1). */
int cli_join(char *dst, size_t size, const char *a, const char *b);
/* The install prefix, from /proc/self/exe (<prefix>/bin/sash). */
const char *cli_prefix(void);
/* <prefix>/share/sash/<sub>, or NULL if it does not exist. */
int cli_share(char *dst, size_t size, const char *sub);
/* Finds a program on PATH; 1 if found (full path into out when given). */
int cli_which(const char *prog, char *out, size_t size);

/* -- project.c ------------------------------------------------------------- */
/* An app: the folder holding sash.json and its build section. */
typedef struct cli_app {
    char root[CLI_PATH_MAX];
    char config[CLI_PATH_MAX]; /* root/sash.json */
    char *dev_url;             /* NULL when absent */
    char *frontend_dist;       /* default "dist" */
    char *before_dev;
    char *before_build;
    char *name;                /* the binary's name: the folder's name */
    char *title;               /* app.name, or name */
    char *identifier;          /* app.identifier */
    char *version;             /* app.version, or "0.1.0" */
} cli_app;

/* Finds sash.json from the working folder upwards and checks it with
 * sash_config_check().  Prints the error and returns -1 on failure. */
int cli_app_load(cli_app *app);
void cli_app_free(cli_app *app);
/* Configures and builds the app's C side into root/build/<kind>
 * (kind "dev": Debug, no embedded assets; "release": MinSizeRel, embedded).
 * Writes the binary's path into exe.  Returns 0 or -1 (printed). */
int cli_app_build(const cli_app *app, const char *kind, char *exe, size_t size,
                  int quiet);

/* -- proc.c ---------------------------------------------------------------- */
/* Starts `sh -c cmd` in `dir` as the leader of a new process group;
 * returns its pid or -1.  With quiet, its stdout goes to /dev/null. */
pid_t cli_spawn_shell(const char *cmd, const char *dir, int quiet);
/* Starts argv in its own process group (cwd dir, NULL = same). */
pid_t cli_spawn(char *const argv[], const char *dir, int quiet);
/* Waits for pid; returns its exit code, 128+signal, or -1. */
int cli_wait(pid_t pid);
/* Runs argv to completion (own group); returns its exit code or -1. */
int cli_run(char *const argv[], const char *dir, int quiet);
/* Runs `sh -c cmd` to completion; returns its exit code or -1. */
int cli_run_shell(const char *cmd, const char *dir);
/* SIGTERM to the group, then SIGKILL after `grace_ms` if still there;
 * reaps the leader. */
void cli_kill_group(pid_t pgid, int grace_ms);
/* Runs argv and captures the first line of its stdout (and stderr). */
int cli_capture(char *const argv[], char *out, size_t size);
/* The child cli_run()/cli_run_shell() waits for (0 when none): a signal
 * handler stops its group. */
extern volatile pid_t cli_fg_child;
/* Milliseconds on the monotonic clock. */
long long cli_now_ms(void);

/* -- hotswap.c: sash dev's hot swap ------------------------------------------ */
/* 1 if src-c/ holds a .c file besides main.c (the commands: a module). */
int cli_hot_sources(const char *root);
/* 1 if the app's CMakeLists.txt uses sash_app() (which builds the module). */
int cli_hot_uses_sash_app(const char *root);
/* Configures build/dev with SASH_DEV_HOTSWAP on or off.  0 or -1. */
int cli_hot_configure(const cli_app *app, int hot);
/* The module's file and target from build/dev/sash-module-path.txt; -1 if
 * the build made no module. */
int cli_hot_module(const cli_app *app, char *module, size_t msize, char *target,
                   size_t tsize);
/* Builds build/dev (one target, or all for NULL) capturing its output;
 * *status is the exit code.  Returns the output (free it) or NULL. */
char *cli_hot_build(const cli_app *app, const char *target, int *status);
/* Sends `error "TEXT"` (the compiler's lines of a failed build). */
int cli_hot_send_error(int fd, const char *build_output);
/* Sends `swap MODULE` and reads the answer line.  0 if "swapped ...". */
int cli_hot_swap(int fd, const char *module, char *answer, size_t size, int timeout_ms);
/* Compares two sash.json texts: 0 the same, 1 only
 * security.capabilities differs, -1 something else does (or unreadable). */
int cli_hot_config_only(const char *before, const char *after);
/* Sends `config "TEXT"` (the new sash.json); 0 if the app applied it. */
int cli_hot_send_config(int fd, const char *text, char *answer, size_t size);
/* A socket pair: *parent close-on-exec, *child for the app. */
int cli_hot_pair(int *parent, int *child);
/* A file's modification time in ns, -1 if absent. */
long long cli_mtime_ns(const char *path);

/* -- subcommands ----------------------------------------------------------- */
int cli_create(int argc, char **argv);
int cli_build(int argc, char **argv);
int cli_dev(int argc, char **argv);
int cli_doctor(int argc, char **argv);
int cli_bundle(int argc, char **argv);
/* sash build's steps for an loaded app: beforeBuildCommand, the release
 * build, strip.  Writes the binary's path; 0 or -1 (printed). */
int cli_build_release(const cli_app *app, char *exe, size_t size);

/* -- types.c: sash types ------------------------------------------------- */
int cli_types(int argc, char **argv);
/* Runs the app binary `exe` (cwd `dir`) with SASH_PRINT_SCHEMA and writes
 * the TypeScript declarations of its schemas to `out` (untouched when
 * unchanged).  0 or -1 (printed). */
int cli_types_write(const char *exe, const char *out, const char *dir, int quiet);
/* cli_types_write() for the binary of the app's build/dev: when sash dev
 * configured that folder for the hot swap, the binary is a host whose
 * commands are in the module, so it runs with SASH_DEV_MODULE naming it. */
int cli_types_write_dev(const cli_app *app, const char *exe, const char *out, int quiet);
/* The default .d.ts path: <root>/src/sash-types.d.ts (or <root>/ without src). */
int cli_types_default_out(const cli_app *app, char *out, size_t size);

/* -- test.c: sash test e2e (WebDriver specs, docs/testing.md) ------------ */
int cli_test(int argc, char **argv);

/* 1 if argv holds -h or --help (then the caller prints its usage). */
int cli_wants_help(int argc, char **argv);

#endif
