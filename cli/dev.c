/* dev.c - sash dev: the dev server (beforeDevCommand), a debug build of
 * the C side without embedded assets (so the runtime loads build.devUrl),
 * and a watch on src-c/, sash.json and CMakeLists.txt that rebuilds and
 * relaunches the app.  Ctrl-C / SIGTERM stop every process group it
 * started. */
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

/* 1 if the events in buf touch a file the build depends on. */
static int relevant(const char *buf, ssize_t len, int root_wd)
{
    int hit = 0;
    for (const char *p = buf; p < buf + len;) {
        const struct inotify_event *ev = (const struct inotify_event *)p;
        const char *name = ev->len ? ev->name : "";
        if (ev->wd == root_wd) {
            hit |= !strcmp(name, "sash.json") || !strcmp(name, "CMakeLists.txt");
        } else if (name[0] != '.' && !strchr(name, '~') &&
                   !(strlen(name) > 4 && !strcmp(name + strlen(name) - 4, ".swp"))) {
            hit = 1; /* under src-c/ (editor temp files aside) */
        }
        p += sizeof *ev + ev->len;
    }
    return hit;
}

static pid_t launch(const char *exe, const cli_app *app)
{
    char *argv[] = {(char *)exe, NULL};
    if (app->dev_url)
        setenv("SASH_DEV_URL", app->dev_url, 1);
    return cli_spawn(argv, app->root, 0);
}

static void stop_all(void)
{
    cli_kill_group(app_pid, 2000);
    app_pid = 0;
    cli_kill_group(server_pid, 3000);
    server_pid = 0;
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

    char exe[CLI_PATH_MAX];
    printf("sash dev: building the C side (debug)\n");
    if (cli_app_build(&app, "dev", exe, sizeof exe, 1) != 0 || stop_signal)
        goto out;
    char types_out[CLI_PATH_MAX]; /* typed commands -> TypeScript; not fatal */
    if (cli_types_default_out(&app, types_out, sizeof types_out) == 0)
        cli_types_write(exe, types_out, app.root, 0);
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
    app_pid = launch(exe, &app);
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
        if (len <= 0 || !relevant(buf, len, root_wd))
            continue;
        long long t0 = cli_now_ms();
        /* Let an editor finish its burst of writes, then take them all. */
        sleep_ms(60);
        while (read(ifd, buf, sizeof buf) > 0)
            ;
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
        printf("sash dev: change seen; rebuilding\n");
        if (cli_app_build(&app, "dev", exe, sizeof exe, 1) != 0) {
            if (stop_signal)
                break;
            printf("sash dev: build failed; the running app is unchanged\n");
            continue;
        }
        if (cli_types_default_out(&app, types_out, sizeof types_out) == 0)
            cli_types_write(exe, types_out, app.root, 1);
        cli_kill_group(app_pid, 2000);
        app_pid = launch(exe, &app);
        printf("sash dev: relaunched in %lld ms (save -> new app process, pid %d)\n",
               cli_now_ms() - t0, (int)app_pid);
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
