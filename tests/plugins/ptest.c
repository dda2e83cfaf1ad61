/*
 * ptest - the plugin integration test app: real GTK window, real
 * WebKitGTK page, every built-in plugin registered, calls made with a real
 * invoke().  `ptest PAGE` loads pages/PAGE.html; its tests report through
 * invoke('__report') and the exit code is 0 only if all passed.
 */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sash_plugins.h>

#include "../integration/harness.h"

SASH_EMBEDDED_ASSETS(ptest_assets);
SASH_EMBEDDED_CONFIG(ptest_config);

static char appdata[4096];
#ifdef PTEST_WINDOW_STATE
int ptest_window_state(sash_app *app, int second_run);
#endif

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static void rm_rf(const char *path)
{
    char cmd[8300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", path);
    if (system(cmd) != 0)
        fprintf(stderr, "ptest: %s failed\n", cmd);
}

/* The fs fixture, made by C because the fs plugin makes no symbolic
 * links: a scope folder with a file, a denied corner, a folder outside the
 * scope, links that lead out of the scope, and a link loop. */
static void setup(sash_call *call, const json_t *args, void *ud)
{
    (void)args;
    (void)ud;
    char fs[4200], p[4300], out[4200];
    snprintf(fs, sizeof fs, "%s/fs", appdata);
    snprintf(out, sizeof out, "%s/outside", appdata);
    rm_rf(fs);
    rm_rf(out);
    mkdir(appdata, 0700);
    mkdir(fs, 0700);
    mkdir(out, 0700);
    snprintf(p, sizeof p, "%s/secret", fs);
    mkdir(p, 0700);
    snprintf(p, sizeof p, "%s/secret/key.txt", fs);
    write_file(p, "hidden");
    snprintf(p, sizeof p, "%s/hello.txt", fs);
    write_file(p, "hello, world");
    snprintf(p, sizeof p, "%s/outside.txt", out);
    write_file(p, "outside");
    snprintf(p, sizeof p, "%s/escape", fs);         /* folder link */
    int bad = symlink(out, p);
    snprintf(p, sizeof p, "%s/escape.txt", fs);     /* file link */
    char t[4300];
    snprintf(t, sizeof t, "%s/outside.txt", out);
    bad |= symlink(t, p);
    snprintf(p, sizeof p, "%s/loop1", fs);
    snprintf(t, sizeof t, "%s/loop2", fs);
    bad |= symlink(t, p);
    bad |= symlink(p, t);
    snprintf(p, sizeof p, "%s/dangling", fs);
    snprintf(t, sizeof t, "%s/nothing-here", out);
    bad |= symlink(t, p);
    if (bad) {
        sash_reject(call, "setup", "symlink: %s", strerror(errno));
        return;
    }
    sash_resolve(call, json_pack("{s:s,s:s,s:s}", "appdata", appdata, "fs", fs,
                                 "outside", out));
}

/* Changes a denied name inside the watched folder (as another program would). */
static void touch_secret(sash_call *call, const json_t *args, void *ud)
{
    (void)args;
    (void)ud;
    char p[4200];
    snprintf(p, sizeof p, "%s/fs/secret/key.txt", appdata);
    write_file(p, "changed");
    snprintf(p, sizeof p, "%s/fs/secret", appdata);
    chmod(p, 0701);
    sash_resolve(call, NULL);
}

static void log_from_c(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    sash_log(SASH_LOG_WARNING, "%s", json_string_value(json_object_get(args, "text")));
    sash_resolve(call, NULL);
}

/* The log page reads the log files (outside any fs scope). */
static void read_text(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    FILE *f = fopen(json_string_value(json_object_get(args, "path")), "r");
    if (!f) {
        sash_resolve(call, json_pack("{s:n}", "text"));
        return;
    }
    static char buf[1 << 20];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    sash_resolve(call, json_pack("{s:s%}", "text", buf, n));
}

/* -- single-instance: a second real process --------------------------------- */

static char self_exe[4096];
static int second_seen;

static void on_second(sash_app *app, int argc, const char *const *argv, const char *cwd,
                      void *ud)
{
    (void)ud;
    sash_deep_link_open(app, argc, argv); /* myapp:// URLs of the new launch */
    second_seen = argc >= 4 && strcmp(argv[1], "single-second") == 0 &&
                  strcmp(argv[3], "two words") == 0 && cwd[0] == '/';
}

/* Starts `ptest single-second one "two words"` in args.cwd and resolves
 * its exit code (0: it handed over and exited). */
static void launch_second(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    const char *cwd = json_string_value(json_object_get(args, "cwd"));
    pid_t pid = fork();
    if (pid == 0) {
        if (cwd && chdir(cwd) != 0)
            _exit(7);
        const char *x1 = json_string_value(json_array_get(json_object_get(args, "extra"), 0));
        const char *x2 = json_string_value(json_array_get(json_object_get(args, "extra"), 1));
        execl(self_exe, self_exe, "single-second", "one", "two words", x1, x2, (char *)NULL);
        _exit(127);
    }
    int status = 0;
    if (pid < 0 || waitpid(pid, &status, 0) != pid) {
        sash_reject(call, "launch", "fork/wait failed");
        return;
    }
    sash_resolve(call, json_integer(WIFEXITED(status) ? WEXITSTATUS(status) : 128));
}

static void second_flag(sash_call *call, const json_t *args, void *ud)
{
    (void)args;
    (void)ud;
    sash_resolve(call, json_boolean(second_seen));
}

/* A socket file left by a crashed first instance: bound, never listened
 * on, not removed.  The plugin must see it is stale and take over. */
static void leave_stale_socket(void)
{
    const char *rt = getenv("XDG_RUNTIME_DIR");
    if (!rt)
        return;
    struct sockaddr_un a = {.sun_family = AF_UNIX};
    snprintf(a.sun_path, sizeof a.sun_path, "%s/dev.sash.ptest.instance", rt);
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd >= 0 && bind(fd, (struct sockaddr *)&a, sizeof a) != 0)
        fprintf(stderr, "ptest: stale socket: %s\n", strerror(errno));
    if (fd >= 0)
        close(fd);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: ptest PAGE\n");
        return 2;
    }
    const char *page = argv[1];
    harness_watchdog("ptest", 120);
    sash_app_options o = {.config_json = ptest_config, .assets = ptest_assets,
                          .asset_count = ptest_assets_count};
    ssize_t sl = readlink("/proc/self/exe", self_exe, sizeof self_exe - 1);
    if (sl > 0)
        self_exe[sl] = '\0';
    if (strcmp(page, "single") == 0)
        leave_stale_socket();
    /* run-winstate.sh keeps one data folder across two displays. */
    if (getenv("PTEST_DATA_HOME"))
        setenv("XDG_DATA_HOME", getenv("PTEST_DATA_HOME"), 1);
    sash_app *app = sash_app_new(&o);
    if (!app)
        return 1;
    static const char *const schemes[] = {"sash-ptest", NULL};
    sash_deep_link_options dl = {.schemes = schemes, .argc = argc,
                                 .argv = (const char *const *)argv};
    if (sash_plugin_deep_link(app, &dl) != 0)
        return 1;
    if (strcmp(page, "single") == 0 || strcmp(page, "single-second") == 0 ||
        strcmp(page, "deeplink") == 0) {
        sash_single_instance_options so = {.argc = argc, .argv = (const char *const *)argv,
                                           .on_second = on_second};
        int r = sash_plugin_single_instance(app, &so);
        if (r == 1) { /* handed over to the running one */
            sash_app_free(app);
            return 0;
        }
        if (r != 0 || strcmp(page, "single-second") == 0) {
            fprintf(stderr, "ptest: single-instance: %d (%s)\n", r, sash_strerror(r));
            sash_app_free(app);
            return 5; /* the second launch must not become an instance */
        }
    }
    if (sash_app_folder(app, SASH_FOLDER_APP_DATA, appdata, sizeof appdata) >=
        (int)sizeof appdata)
        return 1;
    int rc = sash_plugin_fs(app, NULL);
    if (!rc)
        rc = sash_plugin_sql(app, NULL);
    if (!rc)
        rc = sash_plugin_store(app, NULL);
    if (!rc)
        rc = sash_plugin_os(app, NULL);
    if (!rc)
        rc = sash_plugin_autostart(app, NULL);
    sash_log_options lo = {.max_bytes = 4096, .keep = 2};
    if (!rc && strcmp(page, "log") == 0) /* the others keep stderr as it is */
        rc = sash_plugin_log(app, &lo);
    if (rc) {
        fprintf(stderr, "ptest: plugins: %s\n", sash_strerror(rc));
        return 1;
    }
    sash_command(app, "ptest:setup", setup, NULL, 0);
    sash_command(app, "ptest:log_from_c", log_from_c, NULL, 0);
    sash_command(app, "ptest:touch_secret", touch_secret, NULL, 0);
    sash_command(app, "ptest:read_text", read_text, NULL, 0);
    sash_command(app, "ptest:launch_second", launch_second, NULL, 0);
    sash_command(app, "ptest:second_flag", second_flag, NULL, SASH_COMMAND_UI_THREAD);
    sash_command(app, "__report", harness_report, NULL, SASH_COMMAND_UI_THREAD);
    char path[256];
    snprintf(path, sizeof path, "/%s.html", page);
    sash_window_options wo = {.label = "main", .title = page, .path = path};
    if (!sash_window_new(app, &wo))
        return 1;
#ifdef PTEST_WINDOW_STATE
    if (strncmp(page, "winstate", 8) == 0) {
        int second = strcmp(page, "winstate2") == 0;
        if (ptest_window_state(app, second) != 0)
            return 1;
        if (sash_window_state_restore(app, "main") != second)
            return 1;
    }
#endif
    int code = sash_app_run(app);
    sash_app_free(app);
    return code;
}
