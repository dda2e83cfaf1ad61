/* dev.c - sash dev: the dev server (beforeDevCommand), a debug build of
 * the C side without embedded assets (so the runtime loads build.devUrl),
 * and a watch on src-c/, sash.json and CMakeLists.txt.  When src-c/ holds
 * commands besides main.c (and CMakeLists.txt uses sash_app()), they are
 * built as a module the running app swaps in on save (hotswap.c); other
 * changes rebuild and relaunch the app.  Ctrl-C / SIGTERM stop every
 * process group it started. */
#include <errno.h>
#include <limits.h>
#include <netdb.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <dirent.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

static volatile sig_atomic_t stop_signal;
static volatile pid_t server_pid, app_pid;
static int control_fd = -1; /* the app's control socket (hot swap), or -1 */
static char *config_text;   /* sash.json as the running app has it */
static int wake_pipe[2] = {-1, -1};

static void on_signal(int sig)
{
    int saved = errno;
    stop_signal = sig;
    /* A build in progress stops at once; the rest is stopped in order by
     * the main loop. */
    if (cli_fg_child > 0)
        kill(-cli_fg_child, SIGTERM);
    if (wake_pipe[1] >= 0) {
        ssize_t w = write(wake_pipe[1], "x", 1);
        (void)w;
    }
    errno = saved;
}

static void usage(FILE *f)
{
    fputs("usage: sash dev [--timeout SECONDS]\n"
          "\n"
          "Starts build.beforeDevCommand (e.g. npm run dev) and waits until\n"
          "build.devUrl answers, builds the C side (debug, no assets embedded,\n"
          "so the app loads devUrl), runs the app, and rebuilds and relaunches\n"
          "it when a file under src-c/, sash.json or CMakeLists.txt changes.\n"
          "Commands in src-c/ files other than main.c are rebuilt alone and\n"
          "swapped into the running app on save: the page keeps its state.\n"
          "Ctrl-C stops the app, the dev server and everything they started.\n"
          "\n"
          "  --timeout S   how long to wait for devUrl (default 60)\n",
          f);
}

/* host and port of an http(s) URL. */
static int parse_url(const char *url, char *host, size_t hsize, char *port, size_t psize)
{
    const char *p;
    const char *defport;
    if (!strncmp(url, "http://", 7)) {
        p = url + 7;
        defport = "80";
    } else if (!strncmp(url, "https://", 8)) {
        p = url + 8;
        defport = "443";
    } else {
        return -1;
    }
    size_t hl;
    if (*p == '[') {
        const char *end = strchr(p, ']');
        if (!end)
            return -1;
        hl = (size_t)(end - p - 1);
        if (hl >= hsize)
            return -1;
        memcpy(host, p + 1, hl);
        host[hl] = '\0';
        p = end + 1;
    } else {
        hl = strcspn(p, ":/?#");
        if (hl == 0 || hl >= hsize)
            return -1;
        memcpy(host, p, hl);
        host[hl] = '\0';
        p += hl;
    }
    if (*p == ':') {
        size_t pl = strcspn(p + 1, "/?#");
        if (pl == 0 || pl >= psize)
            return -1;
        memcpy(port, p + 1, pl);
        port[pl] = '\0';
    } else {
        snprintf(port, psize, "%s", defport);
    }
    return 0;
}

/* 0: nothing listens; 1: something accepts connections; with `http`, 2 if
 * it also answered an HTTP request. */
static int probe(const char *host, const char *port, int http)
{
    struct addrinfo hints = {0}, *res = NULL;
    hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(host, port, &hints, &res) != 0)
        return 0;
    int result = 0;
    for (struct addrinfo *ai = res; ai && result == 0; ai = ai->ai_next) {
        int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
        if (fd < 0)
            continue;
        if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) {
            result = 1;
            if (http) {
                char req[512];
                int n = snprintf(req, sizeof req,
                                 "GET / HTTP/1.0\r\nHost: %s:%s\r\n\r\n", host, port);
                struct timeval tv = {2, 0};
                setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
                char buf[16] = {0};
                if (send(fd, req, (size_t)n, MSG_NOSIGNAL) == n &&
                    recv(fd, buf, 5, MSG_WAITALL) == 5 && !memcmp(buf, "HTTP/", 5))
                    result = 2;
            }
        }
        close(fd);
    }
    freeaddrinfo(res);
    return result;
}

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* Watches every folder under `dir` (src-c/ and its subfolders). */
static void watch_tree(int ifd, const char *dir)
{
    if (inotify_add_watch(ifd, dir, IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE |
                                        IN_DELETE | IN_MOVED_FROM) < 0)
        return;
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char sub[CLI_PATH_MAX];
        if (cli_join(sub, sizeof sub, dir, e->d_name) == 0 && cli_is_dir(sub))
            watch_tree(ifd, sub);
    }
    closedir(d);
}

/* What the events in buf touch (0: nothing the build depends on). */
enum { CH_CONFIG = 1, CH_CMAKE = 2, CH_MAIN = 4, CH_MODULE = 8, CH_OTHER = 16 };

static int relevant(const char *buf, ssize_t len, int root_wd)
{
    int hit = 0;
    for (const char *p = buf; p < buf + len;) {
        const struct inotify_event *ev = (const struct inotify_event *)p;
        const char *name = ev->len ? ev->name : "";
        size_t n = strlen(name);
        if (ev->wd == root_wd) {
            hit |= !strcmp(name, "sash.json") ? CH_CONFIG : 0;
            hit |= !strcmp(name, "CMakeLists.txt") ? CH_CMAKE : 0;
        } else if (name[0] != '.' && !strchr(name, '~') &&
                   !(n > 4 && !strcmp(name + n - 4, ".swp"))) {
            /* under src-c/ (editor temp files aside) */
            if (!strcmp(name, "main.c"))
                hit |= CH_MAIN;
            else if (n > 2 && !strcmp(name + n - 2, ".c"))
                hit |= CH_MODULE;
            else if (strchr(name, '.')) /* a header...; not sed's or vim's */
                hit |= CH_OTHER;        /* temp files (sedXXXXXX, 4913) */
        }
        p += sizeof *ev + ev->len;
    }
    return hit;
}

/* Starts the app; with a module, as a hot-swap host with a fresh control
 * socket (control_fd). */
static pid_t launch(const char *exe, const cli_app *app, const char *module)
{
    char *argv[] = {(char *)exe, NULL};
    if (app->dev_url)
        setenv("SASH_DEV_URL", app->dev_url, 1);
    if (control_fd >= 0)
        close(control_fd);
    control_fd = -1;
    int child = -1;
    if (module && *module && cli_hot_pair(&control_fd, &child) == 0) {
        char fd[16];
        snprintf(fd, sizeof fd, "%d", child);
        setenv("SASH_DEV_MODULE", module, 1);
        setenv("SASH_DEV_CONTROL_FD", fd, 1);
    }
    pid_t pid = cli_spawn(argv, app->root, 0);
    /* For the app only: not for the builds (or anything else) run later. */
    unsetenv("SASH_DEV_MODULE");
    unsetenv("SASH_DEV_CONTROL_FD");
    if (child >= 0)
        close(child);
    free(config_text);
    config_text = cli_read_file(app->config, NULL);
    return pid;
}

/* Sets up the hot swap for the dev build: configures build/dev with
 * SASH_DEV_HOTSWAP as the project asks.  Returns 1 (hot), 0 (relaunch
 * only) or -1 (cmake failed). */
static int hot_setup(const cli_app *app)
{
    int hot = cli_hot_sources(app->root) && cli_hot_uses_sash_app(app->root);
    return cli_hot_configure(app, hot) != 0 ? -1 : hot;
}

static void stop_all(void)
{
    if (control_fd >= 0)
        close(control_fd);
    control_fd = -1;
    free(config_text);
    config_text = NULL;
    cli_kill_group(app_pid, 2000);
    app_pid = 0;
    cli_kill_group(server_pid, 3000);
    server_pid = 0;
}

/* Regenerates src/sash-types.d.ts from the app's typed commands (not fatal;
 * left alone when unchanged).  In hot-swap mode the commands live in the
 * module, so the host runs with it loaded. */
static void write_types(cli_app *app, const char *exe, const char *module, int quiet)
{
    char out[CLI_PATH_MAX];
    if (cli_types_default_out(app, out, sizeof out) != 0)
        return;
    if (module)
        setenv("SASH_DEV_MODULE", module, 1);
    cli_types_write(exe, out, app->root, quiet);
    if (module)
        unsetenv("SASH_DEV_MODULE");
}

int cli_dev(int argc, char **argv)
{
    int timeout_s = 60;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(argv[i], "--timeout") && i + 1 < argc) {
            char *end;
            long v = strtol(argv[++i], &end, 10);
            if (*end || v <= 0 || v > 3600) {
                fprintf(stderr, "sash dev: --timeout takes seconds (1-3600)\n");
                return 2;
            }
            timeout_s = (int)v;
        } else {
            fprintf(stderr, "sash dev: unknown argument '%s'\n", argv[i]);
            usage(stderr);
            return 2;
        }
    }
    cli_app app;
    if (cli_app_load(&app) != 0)
        return 1;
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (pipe(wake_pipe) != 0)
        return 1;
    struct sigaction sa = {0};
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);

    int rc = 1, ifd = -1;
    char host[256] = "", port[16] = "";
    if (app.dev_url && parse_url(app.dev_url, host, sizeof host, port, sizeof port) != 0) {
        fprintf(stderr, "sash dev: build.devUrl '%s' is not an http(s) URL\n", app.dev_url);
        goto out;
    }
    if (app.before_dev && !app.dev_url) {
        fprintf(stderr, "sash dev: sash.json has build.beforeDevCommand but no "
                        "build.devUrl to wait for\n");
        goto out;
    }
    if (app.before_dev) {
        if (probe(host, port, 0)) {
            fprintf(stderr,
                    "sash dev: port %s on %s is already in use by another process, so "
                    "the dev server ('%s') cannot take it.\n"
                    "  Stop that process, or change build.devUrl (and the dev server's "
                    "port) in sash.json.\n",
                    port, host, app.before_dev);
            goto out;
        }
        printf("sash dev: starting the dev server: %s\n", app.before_dev);
        server_pid = cli_spawn_shell(app.before_dev, app.root, 0);
        if (server_pid < 0)
            goto out;
    }
    if (app.dev_url) {
        long long until = cli_now_ms() + timeout_s * 1000LL;
        for (;;) {
            if (stop_signal)
                goto out;
            if (probe(host, port, 1) == 2)
                break;
            if (server_pid > 0) {
                int st;
                if (waitpid(server_pid, &st, WNOHANG) == server_pid) {
                    server_pid = 0;
                    fprintf(stderr,
                            "sash dev: the dev server ('%s') exited (status %d) before "
                            "%s answered\n",
                            app.before_dev,
                            WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st),
                            app.dev_url);
                    goto out;
                }
            }
            if (cli_now_ms() > until) {
                fprintf(stderr,
                        "sash dev: the dev server at %s did not answer within %d s%s%s%s\n"
                        "  Check that build.devUrl matches the port the dev server "
                        "uses (sash dev --timeout S waits longer).\n",
                        app.dev_url, timeout_s, app.before_dev ? " (started with '" : "",
                        app.before_dev ? app.before_dev : "", app.before_dev ? "')" : "");
                goto out;
            }
            sleep_ms(100);
        }
        printf("sash dev: %s is up\n", app.dev_url);
    } else {
        printf("sash dev: no build.devUrl in sash.json; the app uses what it embeds\n");
    }

    char exe[CLI_PATH_MAX], module[CLI_PATH_MAX] = "", target[256] = "";
    int hot = hot_setup(&app);
    if (hot < 0)
        goto out;
    printf("sash dev: building the C side (debug%s)\n",
           hot ? "; commands as a module swapped on save" : "");
    if (cli_app_build(&app, "dev", exe, sizeof exe, 1) != 0 || stop_signal)
        goto out;
    if (hot && cli_hot_module(&app, module, sizeof module, target, sizeof target) != 0)
        hot = 0;
    if (!hot)
        printf("sash dev: C changes relaunch the app.  Hint: commands in src-c/ files "
               "other than main.c (with sash_app() in CMakeLists.txt) are swapped into "
               "the running app instead, page state kept.\n");
    write_types(&app, exe, hot ? module : NULL, 0);
    ifd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
    int root_wd = -1;
    if (ifd >= 0) {
        char srcc[CLI_PATH_MAX];
        root_wd = inotify_add_watch(ifd, app.root, IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE);
        if (cli_join(srcc, sizeof srcc, app.root, "src-c") == 0 && cli_is_dir(srcc))
            watch_tree(ifd, srcc);
    } else {
        fprintf(stderr, "sash dev: inotify unavailable (%s); not watching for changes\n",
                strerror(errno));
    }
    app_pid = launch(exe, &app, hot ? module : NULL);
    printf("sash dev: app started (pid %d); watching src-c/, sash.json, CMakeLists.txt\n",
           (int)app_pid);

    for (;;) {
        struct pollfd fds[2] = {{wake_pipe[0], POLLIN, 0}, {ifd, POLLIN, 0}};
        int n = poll(fds, ifd >= 0 ? 2 : 1, 200);
        if (stop_signal)
            break;
        if (app_pid > 0) {
            int st;
            if (waitpid(app_pid, &st, WNOHANG) == app_pid) {
                /* Its helpers (WebKit's processes) go with its group. */
                cli_kill_group(app_pid, 1000);
                app_pid = 0;
                printf("sash dev: the app exited (status %d); save a C file or sash.json "
                       "to start it again, Ctrl-C to stop\n",
                       WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
            }
        }
        if (server_pid > 0) {
            int st;
            if (waitpid(server_pid, &st, WNOHANG) == server_pid) {
                server_pid = 0;
                fprintf(stderr, "sash dev: the dev server ('%s') exited; stopping\n",
                        app.before_dev);
                goto out;
            }
        }
        if (n <= 0 || ifd < 0 || !(fds[1].revents & POLLIN))
            continue;
        _Alignas(struct inotify_event) char buf[8192];
        ssize_t len = read(ifd, buf, sizeof buf);
        int what = len > 0 ? relevant(buf, len, root_wd) : 0;
        if (!what)
            continue;
        long long t0 = cli_now_ms();
        /* Let an editor finish its burst of writes, then take them all. */
        sleep_ms(60);
        while ((len = read(ifd, buf, sizeof buf)) > 0)
            what |= relevant(buf, len, root_wd);
        char srcc[CLI_PATH_MAX];
        if (cli_join(srcc, sizeof srcc, app.root, "src-c") == 0 && cli_is_dir(srcc))
            watch_tree(ifd, srcc); /* new subfolders; existing ones are no-ops */
        cli_app fresh;
        char saved[CLI_PATH_MAX];
        if (!getcwd(saved, sizeof saved) || chdir(app.root) != 0)
            continue;
        int ok = cli_app_load(&fresh) == 0;
        if (chdir(saved) != 0)
            break;
        if (!ok) {
            printf("sash dev: sash.json has an error (above); fix it and save again\n");
            continue;
        }
        cli_app_free(&fresh);
        /* Hot swap: the module alone changed (a command's file). */
        int want_hot = cli_hot_sources(app.root) && cli_hot_uses_sash_app(app.root);
        if (hot && want_hot && what == CH_MODULE && app_pid > 0 && control_fd >= 0) {
            printf("sash dev: change seen; rebuilding the module\n");
            int status;
            char *out = cli_hot_build(&app, target, &status);
            if (stop_signal) {
                free(out);
                break;
            }
            if (out && *out)
                fputs(out, stdout);
            if (status != 0) {
                cli_hot_send_error(control_fd, out);
                printf("sash dev: build failed; the app keeps the previous code (and "
                       "shows the error)\n");
                free(out);
                continue;
            }
            free(out);
            char answer[1024];
            if (cli_hot_swap(control_fd, module, answer, sizeof answer, 60000) == 0)
                printf("sash dev: swapped in %lld ms (save -> new code answering; the "
                       "swap itself %s ms)\n",
                       cli_now_ms() - t0, answer + 8);
            else
                printf("sash dev: the swap failed: %s\n",
                       !strncmp(answer, "failed ", 7) ? answer + 7 : answer);
            continue;
        }
        /* sash.json alone, and only its capabilities: applied live. */
        if (hot && want_hot && what == CH_CONFIG && app_pid > 0 && control_fd >= 0 &&
            config_text) {
            char *now = cli_read_file(app.config, NULL);
            int diff = now ? cli_hot_config_only(config_text, now) : -1;
            char answer[1200];
            if (diff == 0) {
                free(now);
                continue; /* saved without a change */
            }
            if (diff == 1 && cli_hot_send_config(control_fd, now, answer, sizeof answer) == 0) {
                free(config_text);
                config_text = now;
                printf("sash dev: capabilities applied without a relaunch in %lld ms "
                       "(%s)\n", cli_now_ms() - t0, answer);
                continue;
            }
            if (diff == 1)
                printf("sash dev: the app refused the new capabilities (%s); "
                       "relaunching\n", !strncmp(answer, "failed ", 7) ? answer + 7 : answer);
            free(now);
        }
        /* Anything else: the whole build, then a relaunch if the host
         * changed (or a swap if only the module did). */
        const char *why = (what & CH_MAIN) ? "src-c/main.c (the host) changed"
                          : (what & CH_CMAKE) ? "CMakeLists.txt changed"
                          : (what & CH_CONFIG) ? "sash.json changed beyond its "
                                                 "capabilities (windows, CSP, ...)"
                          : "a file the host may include changed";
        if (app_pid <= 0)
            why = "the app was not running";
        if (want_hot != hot) {
            why = want_hot ? "src-c/ now has commands besides main.c: switching to "
                             "hot-swap mode"
                           : "src-c/ has no commands besides main.c any more";
            if (hot_setup(&app) < 0)
                continue;
        }
        long long host_before = cli_mtime_ns(exe);
        long long module_before = hot ? cli_mtime_ns(module) : -1;
        printf("sash dev: change seen; rebuilding\n");
        int status;
        char *out = cli_hot_build(&app, NULL, &status);
        if (stop_signal) {
            free(out);
            break;
        }
        if (out && *out)
            fputs(out, stdout);
        if (status != 0) {
            if (hot && control_fd >= 0)
                cli_hot_send_error(control_fd, out);
            free(out);
            printf("sash dev: build failed; the running app is unchanged\n");
            continue;
        }
        free(out);
        if (cli_app_build(&app, "dev", exe, sizeof exe, 1) != 0) /* reads the paths */
            continue;
        int was_hot = hot;
        hot = want_hot &&
              cli_hot_module(&app, module, sizeof module, target, sizeof target) == 0;
        if (hot && was_hot && app_pid > 0 && control_fd >= 0 &&
            cli_mtime_ns(exe) == host_before) {
            if (cli_mtime_ns(module) == module_before) {
                printf("sash dev: nothing the app runs changed\n");
                continue;
            }
            char answer[1024];
            if (cli_hot_swap(control_fd, module, answer, sizeof answer, 60000) == 0)
                printf("sash dev: swapped in %lld ms (the host did not change)\n",
                       cli_now_ms() - t0);
            else
                printf("sash dev: the swap failed: %s\n", answer);
            /* After the swap, so the new code answers first. */
            write_types(&app, exe, module, 1);
            continue;
        }
        write_types(&app, exe, hot ? module : NULL, 1);
        cli_kill_group(app_pid, 2000);
        app_pid = launch(exe, &app, hot ? module : NULL);
        printf("sash dev: relaunched in %lld ms (save -> new app process, pid %d): %s\n",
               cli_now_ms() - t0, (int)app_pid, why);
    }
    rc = 0;
out:
    if (stop_signal) {
        printf("sash dev: stopping\n");
        rc = 0;
    }
    stop_all();
    if (ifd >= 0)
        close(ifd);
    cli_app_free(&app);
    return rc;
}
