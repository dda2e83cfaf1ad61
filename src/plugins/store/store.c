/*
 * store.c - the store plugin: key-value stores kept in memory and saved as
 * JSON files in the app data folder.  A change marks the store dirty; a
 * saver thread writes it `autosave_ms` after the last change (debounce),
 * atomically (temp file in the same folder, fsync, rename), so a crash at
 * any moment leaves the old file or the new one, never half of one.  A
 * file that does not parse is moved aside (<name>.corrupt-<time>), logged,
 * reported as event "store:corrupt", never silently replaced.  Every change
 * is emitted to every window as "store:changed".  docs/plugins/store.md.
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

#include "store_internal.h"

typedef struct store {
    char *name;
    char *path;
    json_t *data;          /* an object; guarded by lock */
    json_t *recovered;     /* {movedTo, reason} if the file was corrupt */
    unsigned long gen;     /* bumped by every change */
    unsigned long saved;   /* the generation on disk */
    int save_error;        /* errno of the last failed save */
    struct timespec due;   /* when the saver should write it */
    pthread_mutex_t lock;
    pthread_mutex_t save_lock; /* one writer of the file at a time */
    struct store *next;
} store;

static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t saver_cond;
static store *stores;
static int autosave_ms = 100;
static pthread_t saver;
static int saver_started, saver_stop;
static char *folder; /* the app data folder */

/* -- files ------------------------------------------------------------------ */

static int write_full(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0)
            return errno;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

int sash__store_write_atomic(const char *path, const char *text, size_t len)
{
    size_t pl = strlen(path);
    char *tmp = malloc(pl + 16);
    if (!tmp)
        return ENOMEM;
    snprintf(tmp, pl + 16, "%s.tmp-XXXXXX", path);
    int fd = mkostemp(tmp, O_CLOEXEC);
    if (fd < 0) {
        int e = errno;
        free(tmp);
        return e;
    }
    int e = write_full(fd, text, len);
    if (!e && fchmod(fd, 0600) != 0)
        e = errno;
    if (!e && fsync(fd) != 0)
        e = errno;
    if (close(fd) != 0 && !e)
        e = errno;
    if (!e && rename(tmp, path) != 0)
        e = errno;
    if (e) {
        unlink(tmp);
    } else {
        char *dir = strdup(path);
        char *slash = dir ? strrchr(dir, '/') : NULL;
        if (slash) {
            *slash = '\0';
            int dfd = open(*dir ? dir : "/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
            if (dfd >= 0) {
                fsync(dfd);
                close(dfd);
            }
        }
        free(dir);
    }
    free(tmp);
    return e;
}

json_t *sash__store_load_file(const char *path, json_t **recovered)
{
    *recovered = NULL;
    json_error_t err;
    FILE *f = fopen(path, "rb");
    if (!f)
        return json_object(); /* new store (or unreadable: the save will say) */
    json_t *data = json_loadf(f, JSON_REJECT_DUPLICATES, &err);
    fclose(f);
    if (data && json_is_object(data))
        return data;
    char reason[256];
    if (data)
        snprintf(reason, sizeof reason, "the file holds a %s, not an object",
                 json_is_array(data) ? "array" : "scalar");
    else
        snprintf(reason, sizeof reason, "line %d: %s", err.line, err.text);
    json_decref(data);
    char aside[4400];
    int moved = -1;
    long t = (long)time(NULL);
    for (int i = 0; i < 100 && moved != 0; i++) {
        if (i == 0)
            snprintf(aside, sizeof aside, "%s.corrupt-%ld", path, t);
        else
            snprintf(aside, sizeof aside, "%s.corrupt-%ld-%d", path, t, i);
        struct stat st;
        if (lstat(aside, &st) == 0)
            continue;
        moved = rename(path, aside);
        if (moved != 0)
            break;
    }
    *recovered = json_pack("{s:s?,s:s}", "movedTo", moved == 0 ? aside : NULL,
                           "reason", reason);
    return json_object();
}

/* -- the table ------------------------------------------------------------------ */

static void due_in(struct timespec *t, int ms)
{
    clock_gettime(CLOCK_MONOTONIC, t);
    t->tv_sec += ms / 1000;
    t->tv_nsec += (long)(ms % 1000) * 1000000L;
    if (t->tv_nsec >= 1000000000L) {
        t->tv_sec++;
        t->tv_nsec -= 1000000000L;
    }
}

/* Writes `s` if it changed since its last save: 0 or an errno. */
static int save(store *s)
{
    pthread_mutex_lock(&s->save_lock);
    pthread_mutex_lock(&s->lock);
    unsigned long gen = s->gen;
    char *text = gen != s->saved ? json_dumps(s->data, JSON_INDENT(1)) : NULL;
    int need = gen != s->saved;
    pthread_mutex_unlock(&s->lock);
    int e = 0;
    if (need)
        e = text ? sash__store_write_atomic(s->path, text, strlen(text)) : ENOMEM;
    free(text);
    pthread_mutex_lock(&s->lock);
    if (need && !e && s->saved < gen)
        s->saved = gen;
    s->save_error = e;
    pthread_mutex_unlock(&s->lock);
    pthread_mutex_unlock(&s->save_lock);
    if (e)
        sash_log(SASH_LOG_ERROR, "store: saving '%s' failed: %s", s->path, strerror(e));
    return e;
}

static int before(const struct timespec *a, const struct timespec *b)
{
    return a->tv_sec < b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec < b->tv_nsec);
}

static void *saver_main(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&table_lock);
    while (!saver_stop) {
        struct timespec now, next = {0, 0};
        int any = 0;
        clock_gettime(CLOCK_MONOTONIC, &now);
        store *todo = NULL;
        for (store *s = stores; s; s = s->next) {
            pthread_mutex_lock(&s->lock);
            int dirty = s->gen != s->saved && !s->save_error;
            struct timespec due = s->due;
            pthread_mutex_unlock(&s->lock);
            if (!dirty)
                continue;
            if (!before(&now, &due)) {
                todo = s;
                break;
            }
            if (!any || before(&due, &next))
                next = due;
            any = 1;
        }
        if (todo) {
            /* Stores are never freed before the saver stopped. */
            pthread_mutex_unlock(&table_lock);
            save(todo);
            pthread_mutex_lock(&table_lock);
            continue;
        }
        if (any)
            pthread_cond_timedwait(&saver_cond, &table_lock, &next);
        else
            pthread_cond_wait(&saver_cond, &table_lock);
    }
    pthread_mutex_unlock(&table_lock);
    return NULL;
}

/* The store named args.store, loaded on first use, or NULL after
 * rejecting. */
static store *store_get(sash_call *call, const json_t *args)
{
    json_t *v = json_object_get(args, "store");
    if (!json_is_string(v) || !sash__store_name_ok(json_string_value(v), json_string_length(v))) {
        sash_reject(call, SASH_CODE_BAD_ARGS,
                    "'store' must be a file name (letters, digits, '.', '_', '-'; up to "
                    "128; not starting with '.'), e.g. \"settings.json\"");
        return NULL;
    }
    const char *name = json_string_value(v);
    pthread_mutex_lock(&table_lock);
    store *s = stores;
    while (s && strcmp(s->name, name) != 0)
        s = s->next;
    if (s) {
        pthread_mutex_unlock(&table_lock);
        return s;
    }
    s = calloc(1, sizeof *s);
    size_t pl = strlen(folder) + strlen(name) + 2;
    if (s) {
        s->name = strdup(name);
        s->path = malloc(pl);
    }
    if (!s || !s->name || !s->path) {
        pthread_mutex_unlock(&table_lock);
        if (s)
            free(s->name), free(s->path), free(s);
        sash_reject(call, SASH_CODE_INTERNAL, "out of memory");
        return NULL;
    }
    snprintf(s->path, pl, "%s/%s", folder, name);
    /* mkdir -p of the data folder */
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", folder);
    for (char *p = dir + 1;; p++) {
        if (*p == '/' || !*p) {
            char c = *p;
            *p = '\0';
            mkdir(dir, 0700);
            *p = c;
            if (!c)
                break;
        }
    }
    s->data = sash__store_load_file(s->path, &s->recovered);
    pthread_mutex_init(&s->lock, NULL);
    pthread_mutex_init(&s->save_lock, NULL);
    s->next = stores;
    stores = s;
    pthread_mutex_unlock(&table_lock);
    if (s->recovered) {
        const char *to = json_string_value(json_object_get(s->recovered, "movedTo"));
        sash_log(SASH_LOG_ERROR, "store: '%s' did not parse (%s); moved to '%s', starting empty",
                 s->path, json_string_value(json_object_get(s->recovered, "reason")),
                 to ? to : "(could not move it)");
        json_t *ev = json_deep_copy(s->recovered);
        json_object_set_new(ev, "store", json_string(name));
        sash_emit(sash_call_app(call), "store:corrupt", ev);
    }
    return s;
}

static void changed(sash_call *call, store *s, const char *key, json_t *value)
{
    pthread_mutex_lock(&table_lock);
    if (!saver_started && !saver_stop) {
        saver_started = pthread_create(&saver, NULL, saver_main, NULL) == 0;
    }
    pthread_cond_signal(&saver_cond);
    pthread_mutex_unlock(&table_lock);
    sash_emit(sash_call_app(call), "store:changed",
              json_pack("{s:s,s:s?,s:o}", "store", s->name, "key", key, "value",
                        value ? value : json_null()));
}

/* -- commands -------------------------------------------------------------------- */

static const char *key_arg(sash_call *call, const json_t *args)
{
    json_t *k = json_object_get(args, "key");
    if (!json_is_string(k) || strlen(json_string_value(k)) != json_string_length(k)) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "'key' must be a string without NUL");
        return NULL;
    }
    return json_string_value(k);
}

static void mark_dirty_locked(store *s)
{
    s->gen++;
    s->save_error = 0;
    due_in(&s->due, autosave_ms);
}

static void store_load(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    store *s = store_get(call, args);
    if (!s)
        return;
    pthread_mutex_lock(&s->lock);
    json_t *r = json_pack("{s:s,s:I,s:O?}", "path", s->path, "size",
                          (json_int_t)json_object_size(s->data), "recovered", s->recovered);
    pthread_mutex_unlock(&s->lock);
    sash_resolve(call, r);
}

static void store_get_cmd(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    store *s = store_get(call, args);
    const char *key = s ? key_arg(call, args) : NULL;
    if (!key)
        return;
    pthread_mutex_lock(&s->lock);
    json_t *v = json_object_get(s->data, key);
    json_t *r = v ? json_pack("{s:b,s:O}", "found", 1, "value", v)
                  : json_pack("{s:b}", "found", 0);
    pthread_mutex_unlock(&s->lock);
    sash_resolve(call, r);
}

static void store_set(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    store *s = store_get(call, args);
    const char *key = s ? key_arg(call, args) : NULL;
    if (!key)
        return;
    json_t *v = json_object_get(args, "value");
    if (!v) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "'value' is missing (use store:delete to remove a key)");
        return;
    }
    pthread_mutex_lock(&s->lock);
    json_object_set_new(s->data, key, json_deep_copy(v));
    mark_dirty_locked(s);
    pthread_mutex_unlock(&s->lock);
    changed(call, s, key, json_deep_copy(v));
    sash_resolve(call, NULL);
}

static void store_delete(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    store *s = store_get(call, args);
    const char *key = s ? key_arg(call, args) : NULL;
    if (!key)
        return;
    pthread_mutex_lock(&s->lock);
    int had = json_object_del(s->data, key) == 0;
    if (had)
        mark_dirty_locked(s);
    pthread_mutex_unlock(&s->lock);
    if (had)
        changed(call, s, key, NULL);
    sash_resolve(call, json_boolean(had));
}

static void store_keys(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    store *s = store_get(call, args);
    if (!s)
        return;
    json_t *keys = json_array();
    const char *k;
    json_t *v;
    pthread_mutex_lock(&s->lock);
    json_object_foreach(s->data, k, v)
        json_array_append_new(keys, json_string(k));
    pthread_mutex_unlock(&s->lock);
    sash_resolve(call, keys);
}

static void store_entries(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    store *s = store_get(call, args);
    if (!s)
        return;
    pthread_mutex_lock(&s->lock);
    json_t *copy = json_deep_copy(s->data);
    pthread_mutex_unlock(&s->lock);
    sash_resolve(call, copy);
}

static void store_clear(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    store *s = store_get(call, args);
    if (!s)
        return;
    pthread_mutex_lock(&s->lock);
    json_object_clear(s->data);
    mark_dirty_locked(s);
    pthread_mutex_unlock(&s->lock);
    changed(call, s, NULL, NULL);
    sash_resolve(call, NULL);
}

static void store_save(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    store *s = store_get(call, args);
    if (!s)
        return;
    int e = save(s);
    if (e)
        sash_reject(call, "io_error", "saving '%s': %s", s->path, strerror(e));
    else
        sash_resolve(call, NULL);
}

/* -- registration -------------------------------------------------------------------- */

static void store_free_all(sash_app *app, void *ud)
{
    (void)app;
    (void)ud;
    pthread_mutex_lock(&table_lock);
    saver_stop = 1;
    pthread_cond_signal(&saver_cond);
    int started = saver_started;
    pthread_mutex_unlock(&table_lock);
    if (started)
        pthread_join(saver, NULL);
    /* Unsaved changes are written now, not lost with the debounce. */
    while (stores) {
        store *s = stores;
        stores = s->next;
        pthread_mutex_lock(&s->lock);
        s->save_error = 0;
        pthread_mutex_unlock(&s->lock);
        save(s);
        json_decref(s->data);
        json_decref(s->recovered);
        pthread_mutex_destroy(&s->lock);
        pthread_mutex_destroy(&s->save_lock);
        free(s->name);
        free(s->path);
        free(s);
    }
    free(folder);
    folder = NULL;
    saver_started = saver_stop = 0;
    pthread_cond_destroy(&saver_cond);
}

static const sash_command_def defs[] = {
    {"store:load", store_load, 0},       {"store:get", store_get_cmd, 0},
    {"store:set", store_set, 0},         {"store:delete", store_delete, 0},
    {"store:keys", store_keys, 0},       {"store:entries", store_entries, 0},
    {"store:clear", store_clear, 0},     {"store:save", store_save, 0},
};

int sash_plugin_store(sash_app *app, const sash_store_options *options)
{
    if (!app)
        return SASH_EINVAL;
    if (folder)
        return SASH_EEXIST;
    autosave_ms = options && options->autosave_ms > 0 ? options->autosave_ms : 100;
    int n = sash_app_folder(app, SASH_FOLDER_APP_DATA, NULL, 0);
    if (n < 0)
        return n;
    folder = malloc((size_t)n + 1);
    if (!folder)
        return SASH_ENOMEM;
    sash_app_folder(app, SASH_FOLDER_APP_DATA, folder, (size_t)n + 1);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&saver_cond, &ca);
    pthread_condattr_destroy(&ca);
    const size_t count = sizeof defs / sizeof defs[0];
    const sash_command_def *p[sizeof defs / sizeof defs[0]];
    const char *names[sizeof defs / sizeof defs[0] + 1];
    for (size_t i = 0; i < count; i++) {
        p[i] = &defs[i];
        names[i] = defs[i].name;
    }
    names[count] = NULL;
    int rc = sash_commands_add(app, p, count);
    if (rc == 0)
        rc = sash_permission_define(app, "store:default", names);
    if (rc == 0)
        rc = sash_app_on_free(app, store_free_all, NULL);
    if (rc) {
        free(folder);
        folder = NULL;
    }
    return rc;
}
