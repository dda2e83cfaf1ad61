/*
 * window_state.c - the window-state plugin: remembers each window's size,
 * position and maximized state by label (from the window events) in
 * $XDG_DATA_HOME/<id>/window-state.json, and restores them; a saved
 * position off every current monitor is pulled back on screen.
 * docs/plugins/window-state.md.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sash_plugins.h>

#include "window_state_internal.h"

static json_t *state;      /* {label: {...}}; UI thread only */
static char *file;         /* the state file */
static int dirty;
static long listener_ids[2];
static sash_app *the_app;

/* -- the file -------------------------------------------------------------------- */

static void save(void)
{
    if (!dirty || !file || !state)
        return;
    char *text = json_dumps(state, JSON_INDENT(1) | JSON_SORT_KEYS);
    if (!text)
        return;
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp-XXXXXX", file);
    int fd = mkostemp(tmp, O_CLOEXEC);
    int ok = fd >= 0;
    size_t len = strlen(text), off = 0;
    while (ok && off < len) {
        ssize_t w = write(fd, text + off, len - off);
        ok = w > 0;
        off += ok ? (size_t)w : 0;
    }
    if (fd >= 0) {
        ok = ok && fsync(fd) == 0;
        ok = close(fd) == 0 && ok;
    }
    if (ok && rename(tmp, file) == 0)
        dirty = 0;
    else {
        if (fd >= 0)
            unlink(tmp);
        sash_log(SASH_LOG_WARNING, "window-state: cannot save '%s': %s", file, strerror(errno));
    }
    free(text);
}

/* Records the window's current geometry (UI thread: window events). */
static void record(sash_app *app, const char *label)
{
    sash_window *w = sash_app_get_window(app, label);
    if (!w || !state)
        return;
    int max = sash_window_get_attrib(w, SASH_WINDOW_MAXIMIZED) == 1;
    json_t *e = json_object_get(state, label);
    if (!json_is_object(e)) {
        e = json_object();
        json_object_set_new(state, label, e);
    }
    json_object_set_new(e, "maximized", json_boolean(max));
    if (!max) { /* keep the normal geometry to return to */
        int x = 0, y = 0, width = 0, height = 0;
        if (sash_window_get_position(w, &x, &y) == 0 &&
            sash_window_get_size(w, &width, &height) == 0 && width > 0 && height > 0) {
            json_object_set_new(e, "x", json_integer(x));
            json_object_set_new(e, "y", json_integer(y));
            json_object_set_new(e, "width", json_integer(width));
            json_object_set_new(e, "height", json_integer(height));
        }
    }
    dirty = 1;
}

static void on_event(sash_app *app, const char *label, const char *name,
                     const json_t *payload, void *ud)
{
    (void)name;
    (void)payload;
    (void)ud;
    if (label)
        record(app, label);
    /* Saved when the app is freed; also now and then, so a crash loses
     * little: at most once per second of events. */
    static long long last;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    long long now = (long long)ts.tv_sec;
    if (now != last) {
        last = now;
        save();
    }
}

int sash_window_state_restore(sash_app *app, const char *label)
{
    if (!app || !label)
        return SASH_EINVAL;
    sash_window *w = sash_app_get_window(app, label);
    if (!w)
        return SASH_ENOENT;
    sash__ws_rect r;
    int max = 0;
    if (!state || sash__ws_entry(state, label, &r, &max) != 0)
        return 0; /* nothing saved: the window keeps its defaults */
    sash_monitor mons[16];
    int n = sash_app_monitors(app, mons, 16);
    if (n > 16)
        n = 16;
    sash__ws_rect areas[16];
    for (int i = 0; i < n; i++) {
        areas[i].x = mons[i].work_width > 0 ? mons[i].work_x : mons[i].x;
        areas[i].y = mons[i].work_height > 0 ? mons[i].work_y : mons[i].y;
        areas[i].width = mons[i].work_width > 0 ? mons[i].work_width : mons[i].width;
        areas[i].height = mons[i].work_height > 0 ? mons[i].work_height : mons[i].height;
    }
    /* The primary monitor first: the fallback of a window on none. */
    for (int i = 1; i < n; i++) {
        if (mons[i].primary) {
            sash__ws_rect t = areas[0];
            areas[0] = areas[i];
            areas[i] = t;
            break;
        }
    }
    if (n > 0 && sash__ws_fit(&r, areas, n))
        sash_log(SASH_LOG_INFO, "window-state: '%s' was off screen; moved to %d,%d", label,
                 r.x, r.y);
    int rc = sash_window_set_size(w, r.width, r.height);
    if (rc == 0)
        rc = sash_window_set_position(w, r.x, r.y);
    if (rc == 0 && max)
        rc = sash_window_set_attrib(w, SASH_WINDOW_MAXIMIZED, 1);
    return rc == 0 ? 1 : rc;
}

static void ws_free(sash_app *app, void *ud)
{
    (void)ud;
    for (int i = 0; i < 2; i++) {
        if (listener_ids[i])
            sash_unlisten(app, listener_ids[i]);
        listener_ids[i] = 0;
    }
    save();
    json_decref(state);
    state = NULL;
    free(file);
    file = NULL;
    the_app = NULL;
}

int sash_plugin_window_state(sash_app *app, const void *options)
{
    (void)options;
    if (!app)
        return SASH_EINVAL;
    if (the_app)
        return SASH_EEXIST;
    char dir[4096];
    int n = sash_app_folder(app, SASH_FOLDER_APP_DATA, dir, sizeof dir);
    if (n < 0 || n >= (int)sizeof dir)
        return n < 0 ? n : SASH_EINVAL;
    for (char *p = dir + 1;; p++) { /* mkdir -p */
        if (*p == '/' || !*p) {
            char c = *p;
            *p = '\0';
            mkdir(dir, 0700);
            *p = c;
            if (!c)
                break;
        }
    }
    size_t fl = strlen(dir) + 32;
    file = malloc(fl);
    if (!file)
        return SASH_ENOMEM;
    snprintf(file, fl, "%s/window-state.json", dir);
    state = json_load_file(file, JSON_REJECT_DUPLICATES, NULL);
    if (!json_is_object(state)) { /* none, or unreadable: start over */
        json_decref(state);
        state = json_object();
    }
    the_app = app;
    /* Maximizing resizes, so these two see every change. */
    static const char *const events[] = {SASH_EVENT_WINDOW_RESIZED, SASH_EVENT_WINDOW_MOVED};
    int rc = 0;
    for (int i = 0; i < 2 && rc == 0; i++)
        rc = sash_listen(app, events[i], on_event, NULL, &listener_ids[i]);
    if (rc == 0)
        rc = sash_app_on_free(app, ws_free, NULL);
    if (rc)
        ws_free(app, NULL);
    return rc;
}
