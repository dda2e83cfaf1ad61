/*
 * registry.c - command names to functions.  A sorted array behind a
 * read-write lock: lookups happen on every call, changes almost never.
 * Each entry shares a small use record with the calls made from it, so a
 * removal can wait until no call is inside the function any more.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

void sash__registry_init(sash__registry *r)
{
    sash__rwlock_init(&r->lock);
    sash__mutex_init(&r->use_lock);
    sash__cond_init(&r->use_done);
    sash__cond_init(&r->gate_cond);
    r->gate_closed = 0;
    r->running_total = 0;
    r->parked = NULL;
    r->items = NULL;
    r->count = r->cap = 0;
    r->event_types = NULL;
    r->event_check = NULL;
}

void sash__command_release(sash__command_use *use)
{
    if (use && atomic_fetch_sub(&use->refs, 1) == 1) {
        if (use->schema_ops) {
            use->schema_ops->free(use->args_schema);
            use->schema_ops->free(use->result_schema);
        }
        free(use);
    }
}

static void entry_free(sash__command *c)
{
    free(c->name);
    if (c->free_user_data)
        c->free_user_data(c->user_data);
    sash__command_release(c->use);
}

void sash__registry_free(sash__registry *r)
{
    for (size_t i = 0; i < r->count; i++)
        entry_free(&r->items[i]);
    free(r->items);
    r->items = NULL;
    r->count = r->cap = 0;
    sash__event_types_free(r);
    sash__cond_destroy(&r->gate_cond);
    sash__cond_destroy(&r->use_done);
    sash__mutex_destroy(&r->use_lock);
    sash__rwlock_destroy(&r->lock);
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

static int grow(sash__registry *r)
{
    if (r->count < r->cap)
        return 0;
    size_t cap = r->cap ? r->cap * 2 : 16;
    sash__command *items = realloc(r->items, cap * sizeof *items);
    if (!items)
        return SASH_ENOMEM;
    r->items = items;
    r->cap = cap;
    return 0;
}

int sash__registry_add(sash__registry *r, const char *name, sash_command_fn fn,
                       void *user_data, unsigned flags,
                       void (*free_user_data)(void *))
{
    return sash__registry_add_typed(r, name, fn, user_data, flags,
                                    free_user_data, NULL, NULL, NULL);
}

int sash__registry_add_typed(sash__registry *r, const char *name,
                             sash_command_fn fn, void *user_data,
                             unsigned flags, void (*free_user_data)(void *),
                             struct sash__schema *args,
                             struct sash__schema *result,
                             const sash__schema_ops *ops)
{
    if (!name || !*name || !fn) {
        if (ops) {
            ops->free(args);
            ops->free(result);
        }
        return SASH_EINVAL;
    }
    char *copy = sash__strdup(name);
    sash__command_use *use = calloc(1, sizeof *use);
    if (!copy || !use) {
        free(copy);
        free(use);
        if (ops) {
            ops->free(args);
            ops->free(result);
        }
        return SASH_ENOMEM;
    }
    atomic_init(&use->refs, 1);
    use->args_schema = args;
    use->result_schema = result;
    use->schema_ops = ops;
    int found;
    sash__rwlock_wrlock(&r->lock);
    size_t at = locate(r, name, &found);
    int rc = found ? SASH_EEXIST : grow(r);
    if (rc == 0) {
        memmove(&r->items[at + 1], &r->items[at],
                (r->count - at) * sizeof *r->items);
        r->items[at] = (sash__command){copy, fn, user_data, flags,
                                       free_user_data, use};
        r->count++;
    }
    sash__rwlock_wrunlock(&r->lock);
    if (rc != 0) {
        free(copy);
        sash__command_release(use); /* and its schemas */
    }
    return rc;
}

/* Whether the calling thread is inside a call of `use` (a command removing
 * itself must not wait for itself). */
static SASH__THREAD_LOCAL sash__command_use *current_use;

int sash__registry_remove(sash__registry *r, const char *name)
{
    if (!name)
        return SASH_EINVAL;
    int found;
    sash__rwlock_wrlock(&r->lock);
    size_t at = locate(r, name, &found);
    sash__command gone = {0};
    if (found) {
        gone = r->items[at];
        memmove(&r->items[at], &r->items[at + 1],
                (r->count - at - 1) * sizeof *r->items);
        r->count--;
    }
    sash__rwlock_wrunlock(&r->lock);
    if (!found)
        return SASH_ENOENT;
    int self = current_use == gone.use;
    sash__mutex_lock(&r->use_lock);
    gone.use->removed = 1;
    while (gone.use->running > self)
        sash__cond_wait(&r->use_done, &r->use_lock);
    sash__mutex_unlock(&r->use_lock);
    /* No call is inside fn (but maybe the caller) and none will enter:
     * an owned user_data (a rows source) can go now. */
    entry_free(&gone);
    return 0;
}

int sash__registry_find(sash__registry *r, const char *name, sash__command *out)
{
    int found;
    sash__rwlock_rdlock(&r->lock);
    size_t at = locate(r, name, &found);
    if (found) {
        *out = r->items[at];
        out->name = NULL; /* not owned by the caller */
        out->free_user_data = NULL;
        atomic_fetch_add(&out->use->refs, 1);
    }
    sash__rwlock_rdunlock(&r->lock);
    return found ? 0 : SASH_ENOENT;
}

int sash__registry_has(sash__registry *r, const char *name)
{
    int found;
    sash__rwlock_rdlock(&r->lock);
    locate(r, name, &found);
    sash__rwlock_rdunlock(&r->lock);
    return found;
}

int sash__command_enter(sash__registry *r, sash__command_use *use)
{
    return sash__command_enter_gated(r, use, NULL, 0);
}

int sash__command_enter_gated(sash__registry *r, sash__command_use *use,
                              sash__task *park, unsigned wait_ms)
{
    sash__mutex_lock(&r->use_lock);
    if (r->gate_closed && park) {
        /* The UI thread never blocks: the call waits in the gate's list. */
        park->next = NULL;
        sash__task **tail = &r->parked;
        while (*tail)
            tail = &(*tail)->next;
        *tail = park;
        sash__mutex_unlock(&r->use_lock);
        return SASH__GATE_PARKED;
    }
    if (r->gate_closed) {
        uint64_t until = sash__now_ns() + (uint64_t)wait_ms * 1000000u;
        while (r->gate_closed) {
            uint64_t now = sash__now_ns();
            if (now >= until)
                break;
            sash__cond_timedwait_ms(&r->gate_cond, &r->use_lock,
                                    (unsigned)((until - now) / 1000000u) + 1);
        }
        if (r->gate_closed) {
            sash__mutex_unlock(&r->use_lock);
            return SASH__GATE_BUSY;
        }
    }
    int removed = use->removed;
    if (!removed) {
        use->running++;
        r->running_total++;
    }
    sash__mutex_unlock(&r->use_lock);
    if (removed)
        return SASH_ENOENT;
    current_use = use;
    return 0;
}

void sash__command_leave(sash__registry *r, sash__command_use *use)
{
    current_use = NULL;
    sash__mutex_lock(&r->use_lock);
    if (--use->running == 0 && use->removed)
        sash__cond_broadcast(&r->use_done);
    if (--r->running_total == 0 && r->gate_closed)
        sash__cond_broadcast(&r->use_done);
    sash__mutex_unlock(&r->use_lock);
}

void sash__gate_close(sash__registry *r)
{
    sash__mutex_lock(&r->use_lock);
    r->gate_closed = 1;
    sash__mutex_unlock(&r->use_lock);
}

long sash__gate_drain(sash__registry *r, unsigned ms)
{
    uint64_t until = sash__now_ns() + (uint64_t)ms * 1000000u;
    sash__mutex_lock(&r->use_lock);
    while (r->running_total > 0) {
        uint64_t now = sash__now_ns();
        if (now >= until)
            break;
        sash__cond_timedwait_ms(&r->use_done, &r->use_lock,
                                (unsigned)((until - now) / 1000000u) + 1);
    }
    long left = r->running_total;
    sash__mutex_unlock(&r->use_lock);
    return left;
}

sash__task *sash__gate_open(sash__registry *r)
{
    sash__mutex_lock(&r->use_lock);
    r->gate_closed = 0;
    sash__task *parked = r->parked;
    r->parked = NULL;
    sash__cond_broadcast(&r->gate_cond);
    sash__mutex_unlock(&r->use_lock);
    return parked;
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

/* Adds one definition; the same name with the same function is already
 * there (an automatic registration) and counts as added. */
static int add_def(sash_app *app, const sash_command_def *d, int *added)
{
    *added = 0;
    if (!d || !d->name || !*d->name || !d->fn)
        return SASH_EINVAL;
    /* A typed definition brings its own add function (types.c): untyped
     * apps link no schema code. */
    const sash_command_schema_def *sd = (const sash_command_schema_def *)d;
    if ((d->flags & SASH__COMMAND_HAS_SCHEMA) && !sd->add)
        return SASH_EINVAL;
    int rc = (d->flags & SASH__COMMAND_HAS_SCHEMA)
                 ? sd->add(app, d)
                 : sash__registry_add(&app->registry, d->name, d->fn, NULL,
                                      d->flags, NULL);
    if (rc == SASH_EEXIST) {
        sash__command have;
        if (sash__registry_find(&app->registry, d->name, &have) == 0) {
            rc = have.fn == d->fn ? 0 : SASH_EEXIST;
            sash__command_release(have.use);
        }
        return rc;
    }
    *added = rc == 0;
    return rc;
}

int sash_commands_add(sash_app *app, const sash_command_def *const *defs,
                      size_t count)
{
    if (!app || (!defs && count))
        return SASH_EINVAL;
    unsigned char *added = calloc(count ? count : 1, 1);
    if (!added)
        return SASH_ENOMEM;
    int rc = 0;
    size_t i = 0;
    for (; i < count && rc == 0; i++) {
        int a;
        rc = add_def(app, defs[i], &a);
        added[i] = (unsigned char)a;
    }
    /* All or none: take back what this call added. */
    for (size_t j = 0; rc != 0 && j < i; j++)
        if (added[j])
            sash__registry_remove(&app->registry, defs[j]->name);
    free(added);
    return rc;
}

/* -- SASH_COMMAND's automatic registrations ---------------------------------
 * Constructors run before main() for the program and at dlopen() for a
 * module, on whatever thread loads it: a lock guards the list and the live
 * app, and a module loaded while an app exists registers into it at once. */

static sash__mutex defs_lock = SASH__MUTEX_INIT;
static const sash_command_def **defs_list;
static size_t defs_count, defs_cap, defs_lost;
static sash_app *defs_app;

static void remember(const sash_command_def *def)
{
    if (defs_count == defs_cap) {
        size_t cap = defs_cap ? defs_cap * 2 : 32;
        const sash_command_def **l = realloc(defs_list, cap * sizeof *l);
        if (!l) {
            defs_lost++;
            return;
        }
        defs_list = l;
        defs_cap = cap;
    }
    defs_list[defs_count++] = def;
}

void sash_command_def_register(const sash_command_def *def)
{
    if (!def || !def->name || !*def->name || !def->fn)
        return;
    sash__mutex_lock(&defs_lock);
    remember(def);
    sash_app *app = defs_app;
    int rc = app ? sash_commands_add(app, &def, 1) : 0;
    sash__mutex_unlock(&defs_lock);
    if (rc != 0)
        sash__error("command '%s' (loaded after the app started) not "
                    "registered: %s", def->name, sash_strerror(rc));
}

void sash_command_def_unregister(const sash_command_def *def)
{
    if (!def)
        return;
    sash__mutex_lock(&defs_lock);
    for (size_t i = 0; i < defs_count; i++) {
        if (defs_list[i] == def) {
            defs_list[i] = defs_list[--defs_count];
            break;
        }
    }
    sash_app *app = defs_app;
    sash__mutex_unlock(&defs_lock);
    sash__command have;
    if (!app || sash__registry_find(&app->registry, def->name, &have) != 0)
        return;
    int same = have.fn == def->fn;
    sash__command_release(have.use);
    if (same) /* the module's code is going away: no call may use it */
        sash__registry_remove(&app->registry, def->name);
}

void sash__static_commands_attach(sash_app *app)
{
    sash__mutex_lock(&defs_lock);
    defs_app = app;
    for (size_t i = 0; i < defs_count; i++) {
        int rc = sash_commands_add(app, &defs_list[i], 1);
        if (rc != 0)
            sash__error("command '%s' not registered: %s", defs_list[i]->name,
                        sash_strerror(rc));
    }
    if (defs_lost)
        sash__error("%zu SASH_COMMAND registrations were lost (out of "
                    "memory at load time)", defs_lost);
    sash__mutex_unlock(&defs_lock);
}

void sash__static_commands_detach(sash_app *app)
{
    sash__mutex_lock(&defs_lock);
    if (defs_app == app)
        defs_app = NULL;
    sash__mutex_unlock(&defs_lock);
}
