/*
 * drop.c - files dragged from the desktop onto a window (docs/drag-drop.md).
 *
 * The backend reports the drag (sash__window_drop, platform.h) with the
 * URIs it carries; the core decides everything else, the same on every
 * backend: which items count (existing local files and folders, as
 * canonical paths; bounded, since the drag source is another program and
 * may send anything), who hears of it (C listeners always, the page only
 * with window:allow-drag-drop) and what a drop grants (the paths, in the
 * window's "fs" scope, as a file picked in the open dialog).
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "security/grants.h"
#include "security/security.h"

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

/* Items looked at in one drag (a 10,000-file drag is cut here, not in the
 * listeners), and the longest URI taken. */
#define MAX_ITEMS (4 * SASH_DROP_MAX_PATHS)
#define MAX_URI (3 * PATH_MAX + 64)

/* The local path of a file: URI ("file:///p", "file://localhost/p"), a
 * new string, or NULL for anything else (another scheme or host, a bad or
 * NUL escape, a relative path, too long). */
char *sash__drop_uri_path(const char *uri)
{
    if (!uri)
        return NULL;
    size_t len = strnlen(uri, MAX_URI + 1);
    if (len > MAX_URI || len < 8)
        return NULL;
    static const char scheme[] = "file://";
    for (size_t i = 0; i < sizeof scheme - 1; i++)
        if ((uri[i] | 0x20) != scheme[i] && uri[i] != scheme[i])
            return NULL;
    const char *p = uri + sizeof scheme - 1;
    if (strncmp(p, "localhost/", 10) == 0)
        p += 9;
    if (*p != '/')
        return NULL; /* another host, or no path */
    char *out = malloc(len + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    while (*p && *p != '?' && *p != '#') { /* no file path has a query */
        int c = sash__url_byte(&p);
        if (c <= 0) { /* a bad or NUL escape */
            free(out);
            return NULL;
        }
        out[o++] = (char)c;
    }
    out[o] = '\0';
    if (o == 0 || o >= PATH_MAX) {
        free(out);
        return NULL;
    }
    return out;
}

/* The items that count, as a JSON array of paths (and, when `dirs` is
 * given, which are folders: a parallel array of 0/1), never longer than
 * SASH_DROP_MAX_PATHS; duplicates removed. */
static json_t *paths_of(sash_app *app, const char *const *items, size_t n,
                        json_t *dirs)
{
    json_t *paths = json_array();
    if (!paths)
        return NULL;
    size_t skipped = 0;
    for (size_t i = 0; i < n && i < MAX_ITEMS; i++) {
        if (json_array_size(paths) >= SASH_DROP_MAX_PATHS) {
            skipped += n - i;
            break;
        }
        char *p = sash__drop_uri_path(items[i]);
        int is_dir = 0;
        char *real = p ? sash__file_real(p, &is_dir) : NULL;
        free(p);
        if (!real) {
            skipped++;
            continue;
        }
        int dup = 0;
        size_t k;
        json_t *v;
        json_array_foreach(paths, k, v)
            if (strcmp(json_string_value(v), real) == 0)
                dup = 1;
        json_t *s = dup ? NULL : json_string(real); /* NULL: not UTF-8 */
        free(real);
        if (!s)
            continue;
        json_array_append_new(paths, s);
        if (dirs)
            json_array_append_new(dirs, json_integer(is_dir));
    }
    if (n > MAX_ITEMS)
        skipped += n - MAX_ITEMS;
    if (skipped)
        sash__debug(app, "drag-drop: %zu of %zu dragged item(s) ignored (not "
                    "an existing local file or folder, or over %d)", skipped,
                    n, SASH_DROP_MAX_PATHS);
    return paths;
}

static json_t *position(double x, double y)
{
    return json_pack("{s:f,s:f}", "x", x, "y", y);
}

static int page_may_hear(sash_window *w)
{
    return sash__caps_allows(&w->app->security->caps, w->label,
                             SASH_PERMISSION_DRAG_DROP);
}

/* To the C listeners always, to the page when it may hear it.  Steals p. */
static void send(sash_window *w, json_t *p)
{
    if (!p)
        return;
    sash__events_from_js(w->app, w->label, SASH_EVENT_WINDOW_DRAG_DROP, p);
    if (page_may_hear(w))
        sash_emit_to(w->app, w->label, SASH_EVENT_WINDOW_DRAG_DROP, p);
    else
        json_decref(p);
}

void sash__window_drop(sash_window *w, sash__drop_kind kind, double x,
                       double y, const char *const *items, size_t n)
{
    if (!w || w->closed || w->app->closing)
        return;
    if (!items)
        n = 0;
    switch (kind) {
    case SASH__DROP_ENTER: {
        json_t *paths = paths_of(w->app, items, n, NULL);
        if (!paths || json_array_size(paths) == 0) {
            json_decref(paths); /* nothing Sash reports: not our drag */
            w->drop_entered = 0;
            return;
        }
        w->drop_entered = 1;
        send(w, json_pack("{s:s,s:o,s:o}", "type", "enter", "paths", paths,
                          "position", position(x, y)));
        return;
    }
    case SASH__DROP_OVER:
        if (w->drop_entered)
            send(w, json_pack("{s:s,s:o}", "type", "over", "position",
                              position(x, y)));
        return;
    case SASH__DROP_LEAVE:
        if (w->drop_entered)
            send(w, json_pack("{s:s}", "type", "leave"));
        w->drop_entered = 0;
        return;
    case SASH__DROP_DROP: {
        w->drop_entered = 0;
        json_t *dirs = json_array();
        json_t *paths = dirs ? paths_of(w->app, items, n, dirs) : NULL;
        if (!paths || json_array_size(paths) == 0) {
            json_decref(paths);
            json_decref(dirs);
            return;
        }
        /* The user chose these, as in the open dialog; only a page that
         * hears of the drop gets them in its scope. */
        if (page_may_hear(w)) {
            size_t i;
            json_t *v;
            json_array_foreach(paths, i, v)
                sash__window_scope_grant(w, "fs", json_string_value(v),
                    (int)json_integer_value(json_array_get(dirs, i)));
        }
        json_decref(dirs);
        send(w, json_pack("{s:s,s:o,s:o}", "type", "drop", "paths", paths,
                          "position", position(x, y)));
        return;
    }
    }
}

/* A window: the backend takes drops unless its options say not. */
static void drop_window_created(sash_window *w)
{
    if (!w->no_drag_drop && !w->closed && w->app->platform->window_drag_drop)
        w->app->platform->window_drag_drop(w, 1);
}

/* The backend's drop code is linked only with this file (platform.h). */
static const char *volatile drop_anchor;

int sash_drag_drop_enable(sash_app *app)
{
    if (!app)
        return SASH_EINVAL;
    if (!sash__is_ui_thread(app))
        return SASH_ETHREAD;
    if (app->drop_window_created)
        return 0;
    drop_anchor = &sash__platform_drop_anchor;
    /* The permission set the page needs (no command: the core checks it by
     * name), so capabilities may name it and the config lint knows it. */
    const char *none[] = {NULL};
    int rc = sash_permission_define(app, SASH_PERMISSION_DRAG_DROP, none);
    if (rc != 0)
        return rc;
    app->drop_window_created = drop_window_created;
    for (sash_window *w = app->windows; w; w = w->next)
        drop_window_created(w);
    return 0;
}
