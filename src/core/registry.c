/*
 * registry.c - command names to functions.  A sorted array behind a
 * read-write lock: lookups happen on every call, changes almost never.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

void sash__registry_init(sash__registry *r)
{
    pthread_rwlock_init(&r->lock, NULL);
    r->items = NULL;
    r->count = r->cap = 0;
    r->retired = NULL;
}

void sash__registry_free(sash__registry *r)
{
    for (size_t i = 0; i < r->count; i++) {
        free(r->items[i].name);
        if (r->items[i].free_user_data)
            r->items[i].free_user_data(r->items[i].user_data);
    }
    free(r->items);
    r->items = NULL;
    r->count = r->cap = 0;
    while (r->retired) {
        sash__retired *t = r->retired;
        r->retired = t->next;
        t->free_fn(t->data);
        free(t);
    }
    pthread_rwlock_destroy(&r->lock);
}

/* Index of `name`, or of where it would go (*found = 0). */
static size_t locate(const sash__registry *r, const char *name, int *found)
{
    size_t lo = 0, hi = r->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(r->items[mid].name, name);
        if (c == 0) {
            *found = 1;
            return mid;
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    *found = 0;
    return lo;
}

int sash__registry_add(sash__registry *r, const char *name, sash_command_fn fn,
                       void *user_data, unsigned flags,
                       void (*free_user_data)(void *))
{
    if (!name || !*name || !fn)
        return SASH_EINVAL;
    char *copy = sash__strdup(name);
    if (!copy)
        return SASH_ENOMEM;
    int rc = 0, found;
    pthread_rwlock_wrlock(&r->lock);
    size_t at = locate(r, name, &found);
    if (found) {
        rc = SASH_EEXIST;
    } else if (r->count == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 16;
        sash__command *items = realloc(r->items, cap * sizeof *items);
        if (!items)
            rc = SASH_ENOMEM;
        else {
            r->items = items;
            r->cap = cap;
        }
    }
    if (rc == 0) {
        memmove(&r->items[at + 1], &r->items[at],
                (r->count - at) * sizeof *r->items);
        r->items[at] = (sash__command){copy, fn, user_data, flags,
                                       free_user_data};
        r->count++;
    }
    pthread_rwlock_unlock(&r->lock);
    if (rc != 0)
        free(copy);
    return rc;
}

int sash__registry_remove(sash__registry *r, const char *name)
{
    if (!name)
        return SASH_EINVAL;
    int found;
    pthread_rwlock_wrlock(&r->lock);
    size_t at = locate(r, name, &found);
    sash__command gone = {0};
    if (found) {
        gone = r->items[at];
        memmove(&r->items[at], &r->items[at + 1],
                (r->count - at - 1) * sizeof *r->items);
        r->count--;
    }
    pthread_rwlock_unlock(&r->lock);
    /* A call already dispatched may still use user_data: commands with an
     * owned user_data (rows sources) are only freed with the app. */
    free(gone.name);
    if (gone.free_user_data)
        sash__registry_retire(r, gone.user_data, gone.free_user_data);
    return found ? 0 : SASH_ENOENT;
}

int sash__registry_find(sash__registry *r, const char *name, sash__command *out)
{
    int found;
    pthread_rwlock_rdlock(&r->lock);
    size_t at = locate(r, name, &found);
    if (found) {
        *out = r->items[at];
        out->name = NULL; /* not owned by the caller */
    }
    pthread_rwlock_unlock(&r->lock);
    return found ? 0 : SASH_ENOENT;
}

/* Filled by constructors before main(), read by sash_app_new(): no lock is
 * needed because both happen on one thread before any other exists (a
 * dlopen()ed plugin registers on the loading thread, also before use). */
static sash_static_command *static_head;

void sash_static_command_add(sash_static_command *command)
{
    if (!command || !command->name || !command->fn)
        return;
    command->next = static_head;
    static_head = command;
}

sash_static_command *sash__static_commands(void)
{
    return static_head;
}

int sash_command(sash_app *app, const char *name, sash_command_fn fn,
                 void *user_data, unsigned flags)
{
    if (!app)
        return SASH_EINVAL;
    return sash__registry_add(&app->registry, name, fn, user_data, flags, NULL);
}

int sash_command_remove(sash_app *app, const char *name)
{
    if (!app)
        return SASH_EINVAL;
    return sash__registry_remove(&app->registry, name);
}

void sash__registry_retire(sash__registry *r, void *data, void (*free_fn)(void *))
{
    sash__retired *t = malloc(sizeof *t);
    if (!t) /* leak rather than free what a running call may use */
        return;
    t->data = data;
    t->free_fn = free_fn;
    pthread_rwlock_wrlock(&r->lock);
    t->next = r->retired;
    r->retired = t;
    pthread_rwlock_unlock(&r->lock);
}
