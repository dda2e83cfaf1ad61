/*
 * fs_watch.c - fs:watch: inotify on one file or folder (not recursive),
 * changes streamed to the page through a channel as {kind, path}.  One
 * thread per app reads the inotify descriptor; a watch ends with
 * fs:unwatch, when its channel closes (page closed it, reloaded, window
 * closed), or when the app is freed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

#include "fs_internal.h"

typedef struct watch {
    long id;
    int wd;
    char *path;
    char *window; /* the label of the window that made it */
    sash_call *call; /* its fs:watch call, referenced: scope checks of events */
    sash_channel *ch;
    struct watch *next;
} watch;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int ifd = -1;
static int stop_pipe[2] = {-1, -1};
static pthread_t thread;
static int thread_started;
static watch *watches;
static long next_id = 1;

/* With the lock held: removes `w`, and its inotify watch when no other
 * watch shares the descriptor (inotify gives one wd per inode). */
static void drop_locked(watch *w)
{
    for (watch **pp = &watches; *pp; pp = &(*pp)->next) {
        if (*pp == w) {
            *pp = w->next;
            break;
        }
    }
    int shared = 0;
    for (watch *o = watches; o; o = o->next)
        shared |= o->wd == w->wd;
    if (!shared && w->wd >= 0)
        inotify_rm_watch(ifd, w->wd);
    sash_channel_free(w->ch);
    sash_call_unref(w->call);
    free(w->path);
    free(w->window);
    free(w);
}

static const char *kind_of(uint32_t mask)
{
    if (mask & (IN_CREATE)) return "create";
    if (mask & (IN_DELETE | IN_DELETE_SELF)) return "remove";
    if (mask & (IN_MOVED_FROM)) return "rename_from";
    if (mask & (IN_MOVED_TO)) return "rename_to";
    if (mask & (IN_MOVE_SELF)) return "rename";
    if (mask & (IN_MODIFY | IN_CLOSE_WRITE)) return "modify";
    if (mask & IN_ATTRIB) return "attrib";
    return NULL;
}

static void handle(const struct inotify_event *ev)
{
    const char *kind = kind_of(ev->mask);
    pthread_mutex_lock(&lock);
    watch *w = watches;
    while (w) {
        watch *next = w->next;
        if (w->wd == ev->wd) {
            if (ev->mask & IN_IGNORED) {
                w->wd = -1; /* the kernel dropped it (file removed) */
                sash_channel_send(w->ch, json_pack("{s:s,s:s}", "kind", "gone",
                                                   "path", w->path));
            } else if (kind) {
                char *full = NULL;
                if (ev->len && ev->name[0]) {
                    size_t n = strlen(w->path) + strlen(ev->name) + 2;
                    full = malloc(n);
                    if (full)
                        snprintf(full, n, "%s/%s", w->path, ev->name);
                }
                /* A name the scope denies is not reported (deny wins). */
                if (full && !sash_call_scope_allows(w->call, "fs", full)) {
                    free(full);
                    w = next;
                    continue;
                }
                json_t *msg = json_pack("{s:s,s:s}", "kind", kind, "path",
                                        full ? full : w->path);
                free(full);
                /* DROP mode: a slow page loses events, never stalls the
                 * other watches. */
                int rc = sash_channel_send(w->ch, msg);
                if (rc == SASH_ECLOSED)
                    drop_locked(w);
            }
        }
        w = next;
    }
    pthread_mutex_unlock(&lock);
}

static void *reader(void *arg)
{
    (void)arg;
    char buf[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
    for (;;) {
        struct pollfd p[2] = {{ifd, POLLIN, 0}, {stop_pipe[0], POLLIN, 0}};
        int r = poll(p, 2, 1000);
        if (r < 0 && errno != EINTR)
            break;
        if (p[1].revents)
            break;
        if (r > 0 && (p[0].revents & POLLIN)) {
            ssize_t n = read(ifd, buf, sizeof buf);
            for (ssize_t off = 0; n > 0 && off < n;) {
                const struct inotify_event *ev = (const void *)(buf + off);
                handle(ev);
                off += (ssize_t)(sizeof *ev + ev->len);
            }
        }
        /* Watches whose page went away without a change to report. */
        pthread_mutex_lock(&lock);
        for (watch *w = watches, *next; w; w = next) {
            next = w->next;
            if (sash_channel_closed(w->ch))
                drop_locked(w);
        }
        pthread_mutex_unlock(&lock);
    }
    return NULL;
}

static void watch_free_all(sash_app *app, void *ud)
{
    (void)app;
    (void)ud;
    if (thread_started) {
        ssize_t w = write(stop_pipe[1], "x", 1);
        (void)w;
        pthread_join(thread, NULL);
        thread_started = 0;
    }
    pthread_mutex_lock(&lock);
    while (watches)
        drop_locked(watches);
    pthread_mutex_unlock(&lock);
    for (int i = 0; i < 2; i++) {
        if (stop_pipe[i] >= 0)
            close(stop_pipe[i]);
        stop_pipe[i] = -1;
    }
    if (ifd >= 0)
        close(ifd);
    ifd = -1;
}

int sash__fs_watch_init(sash_app *app)
{
    return sash_app_on_free(app, watch_free_all, NULL);
}

/* Started by the first watch: an app that never watches has no thread. */
static int start_locked(void)
{
    if (thread_started)
        return 0;
    if (ifd < 0)
        ifd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (ifd < 0)
        return errno;
    if (stop_pipe[0] < 0 && pipe2(stop_pipe, O_CLOEXEC) != 0)
        return errno;
    if (pthread_create(&thread, NULL, reader, NULL) != 0)
        return EAGAIN;
    thread_started = 1;
    return 0;
}

void sash__fs_watch(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    char *path = sash__fs_scoped_path(call, args, "path", "watch");
    if (!path)
        return;
    sash_channel *ch = sash_call_channel(call, "channel");
    if (!ch) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "watch: 'channel' must be a Channel");
        free(path);
        return;
    }
    sash_channel_set_capacity(ch, 1024, SASH_CHANNEL_DROP);
    pthread_mutex_lock(&lock);
    int e = start_locked();
    int wd = -1;
    if (!e) {
        wd = inotify_add_watch(ifd, path,
                               IN_CREATE | IN_DELETE | IN_DELETE_SELF | IN_MODIFY |
                               IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO |
                               IN_MOVE_SELF | IN_ATTRIB | IN_DONT_FOLLOW);
        if (wd < 0)
            e = errno;
    }
    watch *w = e ? NULL : calloc(1, sizeof *w);
    if (w && !(w->window = strdup(sash_call_window_label(call)))) {
        free(w);
        w = NULL;
    }
    if (!e && !w)
        e = ENOMEM;
    if (e) {
        pthread_mutex_unlock(&lock);
        sash_channel_free(ch);
        sash__fs_reject_errno(call, e == ENOSPC ? EMFILE : e, "watch", path);
        free(path);
        return;
    }
    sash_call_ref(call);
    w->call = call;
    w->id = next_id++;
    w->wd = wd;
    w->path = path;
    w->ch = ch;
    w->next = watches;
    watches = w;
    long id = w->id;
    pthread_mutex_unlock(&lock);
    sash_resolve(call, json_integer(id));
}

void sash__fs_unwatch(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    json_t *id = json_object_get(args, "id");
    if (!json_is_integer(id)) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "unwatch: 'id' must be a watch id");
        return;
    }
    pthread_mutex_lock(&lock);
    watch *w = watches;
    const char *label = sash_call_window_label(call);
    while (w && (w->id != json_integer_value(id) || strcmp(w->window, label) != 0))
        w = w->next;
    if (w)
        drop_locked(w);
    pthread_mutex_unlock(&lock);
    if (w)
        sash_resolve(call, NULL);
    else
        sash_reject(call, SASH_CODE_NOT_FOUND, "unwatch: no watch %lld",
                    (long long)json_integer_value(id));
}
