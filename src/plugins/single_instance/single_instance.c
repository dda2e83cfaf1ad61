/*
 * single_instance.c - the single-instance plugin: the first process of an
 * app listens on a UNIX socket in $XDG_RUNTIME_DIR (private to the user);
 * a later launch connects, hands over {argv, cwd} as one JSON line, waits
 * for "ok" and exits.  The first gets event "single-instance" in every
 * window and the app's callback on the UI thread.
 * docs/plugins/single-instance.md.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <sash_plugins.h>

#include "single_instance_internal.h"

#define MAX_MESSAGE (1 << 20)

static int listen_fd = -1;
static int stop_pipe[2] = {-1, -1};
static pthread_t thread;
static int thread_started;
static char sock_path[sizeof(((struct sockaddr_un *)0)->sun_path)];
static sash_second_instance_fn on_second;
static void *on_second_data;
static char focus_label[128] = "main";
static sash_app *the_app;

int sash__single_instance_path(const char *runtime_dir, const char *id, long uid,
                               char *out, size_t size)
{
    int n;
    if (runtime_dir && runtime_dir[0] == '/')
        n = snprintf(out, size, "%s/%s.instance", runtime_dir, id);
    else /* no runtime folder: /tmp, with the user in the name */
        n = snprintf(out, size, "/tmp/%s-%ld.instance", id, uid);
    return n > 0 && (size_t)n < size ? 0 : -1;
}

json_t *sash__single_instance_parse(const char *text, size_t len)
{
    json_t *j = json_loadb(text, len, JSON_REJECT_DUPLICATES, NULL);
    json_t *argv = json_object_get(j, "argv");
    json_t *cwd = json_object_get(j, "cwd");
    int ok = json_is_array(argv) && json_is_string(cwd) && json_array_size(argv) <= 4096;
    size_t i;
    json_t *a;
    json_array_foreach(argv, i, a) ok &= json_is_string(a);
    if (!ok) {
        json_decref(j);
        return NULL;
    }
    return j;
}

typedef struct launch {
    json_t *msg;
} launch;

static void deliver(sash_app *app, void *data)
{
    launch *l = data;
    json_t *argv = json_object_get(l->msg, "argv");
    const char *cwd = json_string_value(json_object_get(l->msg, "cwd"));
    if (on_second) {
        size_t n = json_array_size(argv);
        const char **v = calloc(n + 1, sizeof *v);
        if (v) {
            for (size_t i = 0; i < n; i++)
                v[i] = json_string_value(json_array_get(argv, i));
            on_second(app, (int)n, v, cwd, on_second_data);
            free(v);
        }
    }
#ifdef SASH_EVENT_WINDOW_FOCUSED /* the window API (sash.h, issue 13) */
    sash_window *w = sash_app_get_window(app, focus_label);
    if (w)
        sash_window_show(w); /* shows, raises and asks for the focus */
#endif
    sash_emit(app, "single-instance", l->msg); /* steals it */
    free(l);
}

static void serve(int fd)
{
    /* One JSON line from the new launch, within 5 s, at most 1 MiB. */
    char *buf = malloc(MAX_MESSAGE);
    size_t n = 0;
    while (buf && n < MAX_MESSAGE) {
        struct pollfd p = {fd, POLLIN, 0};
        if (poll(&p, 1, 5000) <= 0)
            break;
        ssize_t r = read(fd, buf + n, MAX_MESSAGE - n);
        if (r <= 0)
            break;
        n += (size_t)r;
        if (memchr(buf + n - (size_t)r, '\n', (size_t)r))
            break;
    }
    json_t *msg = buf ? sash__single_instance_parse(buf, n) : NULL;
    free(buf);
    if (!msg) {
        sash_log(SASH_LOG_WARNING, "single-instance: ignored a malformed message");
        return;
    }
    launch *l = malloc(sizeof *l);
    if (!l) {
        json_decref(msg);
        return;
    }
    l->msg = msg;
    if (sash_app_dispatch(the_app, deliver, l) != 0) {
        json_decref(msg);
        free(l);
        return;
    }
    ssize_t w = write(fd, "ok\n", 3);
    (void)w;
}

static void *listener(void *arg)
{
    (void)arg;
    for (;;) {
        struct pollfd p[2] = {{listen_fd, POLLIN, 0}, {stop_pipe[0], POLLIN, 0}};
        if (poll(p, 2, -1) < 0 && errno != EINTR)
            break;
        if (p[1].revents)
            break;
        if (!(p[0].revents & POLLIN))
            continue;
        int fd = accept4(listen_fd, NULL, NULL, SOCK_CLOEXEC);
        if (fd < 0)
            continue;
        /* Only the same user may hand over a launch. */
        struct ucred cred;
        socklen_t cl = sizeof cred;
        if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &cl) == 0 &&
            cred.uid == getuid())
            serve(fd);
        close(fd);
    }
    return NULL;
}

static void si_free(sash_app *app, void *ud)
{
    (void)app;
    (void)ud;
    if (thread_started) {
        ssize_t w = write(stop_pipe[1], "x", 1);
        (void)w;
        pthread_join(thread, NULL);
        thread_started = 0;
    }
    if (listen_fd >= 0) {
        close(listen_fd);
        unlink(sock_path);
        listen_fd = -1;
    }
    for (int i = 0; i < 2; i++) {
        if (stop_pipe[i] >= 0)
            close(stop_pipe[i]);
        stop_pipe[i] = -1;
    }
    the_app = NULL;
}

/* Hands argv and cwd to the running instance: 1 if it took them, 0 if
 * nobody listens (ECONNREFUSED/ENOENT), negative on other errors. */
static int hand_over(const struct sockaddr_un *addr, const sash_single_instance_options *o)
{
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return SASH_EPLATFORM;
    if (connect(fd, (const struct sockaddr *)addr, sizeof *addr) != 0) {
        int e = errno;
        close(fd);
        return e == ECONNREFUSED || e == ENOENT ? 0 : SASH_EPLATFORM;
    }
    json_t *argv = json_array();
    for (int i = 0; o && i < o->argc && o->argv && o->argv[i]; i++) {
        json_t *s = json_string(o->argv[i]);
        json_array_append_new(argv, s ? s : json_stringn_nocheck(o->argv[i], strlen(o->argv[i])));
    }
    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof cwd))
        snprintf(cwd, sizeof cwd, "/");
    json_t *cwdj = json_string(cwd);
    json_t *msg = json_pack("{s:o,s:o}", "argv", argv, "cwd",
                            cwdj ? cwdj : json_string("/"));
    char *text = json_dumps(msg, JSON_COMPACT);
    json_decref(msg);
    int rc = SASH_EPLATFORM;
    if (text) {
        size_t len = strlen(text);
        text[len] = '\n';
        size_t off = 0;
        while (off < len + 1) {
            ssize_t w = write(fd, text + off, len + 1 - off);
            if (w <= 0)
                break;
            off += (size_t)w;
        }
        char ack[4] = "";
        struct pollfd p = {fd, POLLIN, 0};
        if (off == len + 1 && poll(&p, 1, 10000) > 0 && read(fd, ack, 3) == 3 &&
            memcmp(ack, "ok\n", 3) == 0)
            rc = 1;
        free(text);
    }
    close(fd);
    return rc;
}

int sash_plugin_single_instance(sash_app *app, const sash_single_instance_options *o)
{
    if (!app)
        return SASH_EINVAL;
    if (the_app)
        return SASH_EEXIST;
    struct sockaddr_un addr;
    memset(&addr, 0, sizeof addr);
    addr.sun_family = AF_UNIX;
    if (sash__single_instance_path(getenv("XDG_RUNTIME_DIR"), sash_app_identifier(app),
                                   (long)getuid(), addr.sun_path, sizeof addr.sun_path) != 0)
        return SASH_EINVAL;
    for (int attempt = 0; attempt < 5; attempt++) {
        int rc = hand_over(&addr, o);
        if (rc != 0)
            return rc; /* 1: handed over; negative: error */
        int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0)
            return SASH_EPLATFORM;
        if (bind(fd, (struct sockaddr *)&addr, sizeof addr) != 0) {
            int e = errno;
            close(fd);
            if (e != EADDRINUSE)
                return SASH_EPLATFORM;
            /* A socket file nobody listens on (a crashed first instance)
             * is stale: the next connect says so, and it is removed.  If
             * another launch bound it meanwhile, the next hand_over()
             * reaches that one. */
            struct sockaddr_un probe = addr;
            int pfd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
            if (pfd >= 0 && connect(pfd, (struct sockaddr *)&probe, sizeof probe) != 0 &&
                errno == ECONNREFUSED)
                unlink(addr.sun_path);
            if (pfd >= 0)
                close(pfd);
            continue;
        }
        if (listen(fd, 16) != 0 || pipe2(stop_pipe, O_CLOEXEC) != 0) {
            close(fd);
            unlink(addr.sun_path);
            return SASH_EPLATFORM;
        }
        listen_fd = fd;
        snprintf(sock_path, sizeof sock_path, "%s", addr.sun_path);
        the_app = app;
        on_second = o ? o->on_second : NULL;
        snprintf(focus_label, sizeof focus_label, "%s",
                 o && o->focus_label ? o->focus_label : "main");
        on_second_data = o ? o->user_data : NULL;
        if (pthread_create(&thread, NULL, listener, NULL) != 0) {
            si_free(app, NULL);
            return SASH_EPLATFORM;
        }
        thread_started = 1;
        int r = sash_app_on_free(app, si_free, NULL);
        if (r) {
            si_free(app, NULL);
            return r;
        }
        return 0;
    }
    return SASH_EPLATFORM;
}
