/*
 * capability.c - see capability.h.  The rules are small on purpose so that
 * an app author can predict them:
 *   - a capability applies to a window if one of its window globs matches
 *     the label;
 *   - a call is allowed if an applying capability lists the command (or a
 *     glob matching it, or a permission set holding it);
 *   - a path is in scope if an applying capability allows it and no
 *     applying capability denies it: deny wins.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "security/capability.h"
#include "security/glob.h"
#include "internal.h"

int sash__strv_push(sash__strv *sv, const char *s)
{
    char *d = sash__strdup(s);
    char **v = d ? realloc(sv->v, (sv->n + 1) * sizeof *v) : NULL;
    if (!v) {
        free(d);
        return SASH_ENOMEM;
    }
    v[sv->n++] = d;
    sv->v = v;
    return 0;
}

static int strv_has(const sash__strv *sv, const char *s)
{
    for (size_t i = 0; i < sv->n; i++)
        if (strcmp(sv->v[i], s) == 0)
            return 1;
    return 0;
}

void sash__strv_free(sash__strv *sv)
{
    for (size_t i = 0; i < sv->n; i++)
        free(sv->v[i]);
    free(sv->v);
    sv->v = NULL;
    sv->n = 0;
}

void sash__capability_free(sash__capability *c)
{
    if (!c)
        return;
    free(c->id);
    sash__strv_free(&c->windows);
    sash__strv_free(&c->permissions);
    for (size_t i = 0; i < c->nscopes; i++) {
        free(c->scopes[i].name);
        sash__strv_free(&c->scopes[i].allow);
        sash__strv_free(&c->scopes[i].deny);
    }
    free(c->scopes);
    memset(c, 0, sizeof *c);
}

sash__scope *sash__capability_scope(sash__capability *c, const char *name)
{
    for (size_t i = 0; i < c->nscopes; i++)
        if (strcmp(c->scopes[i].name, name) == 0)
            return &c->scopes[i];
    char *n = sash__strdup(name);
    sash__scope *s = n ? realloc(c->scopes, (c->nscopes + 1) * sizeof *s) : NULL;
    if (!s) {
        free(n);
        return NULL;
    }
    c->scopes = s;
    s = &c->scopes[c->nscopes++];
    memset(s, 0, sizeof *s);
    s->name = n;
    return s;
}

void sash__caps_init(sash__caps *c)
{
    memset(c, 0, sizeof *c);
    sash__rwlock_init(&c->lock);
}

void sash__caps_free(sash__caps *c)
{
    for (size_t i = 0; i < c->count; i++)
        sash__capability_free(&c->items[i]);
    for (size_t i = 0; i < c->nsets; i++) {
        free(c->sets[i].name);
        sash__strv_free(&c->sets[i].commands);
    }
    free(c->items);
    free(c->sets);
    sash__rwlock_destroy(&c->lock);
}

int sash__caps_add(sash__caps *c, sash__capability *cap)
{
    int rc = 0;
    sash__rwlock_wrlock(&c->lock);
    for (size_t i = 0; i < c->count && cap->id; i++)
        if (c->items[i].id && strcmp(c->items[i].id, cap->id) == 0)
            rc = SASH_EEXIST;
    sash__capability *items = NULL;
    if (rc == 0) {
        items = realloc(c->items, (c->count + 1) * sizeof *items);
        rc = items ? 0 : SASH_ENOMEM;
    }
    if (rc == 0) {
        c->items = items;
        c->items[c->count++] = *cap;
        memset(cap, 0, sizeof *cap);
    }
    sash__rwlock_wrunlock(&c->lock);
    sash__capability_free(cap);
    return rc;
}

static sash__permset *find_set(sash__caps *c, const char *name)
{
    for (size_t i = 0; i < c->nsets; i++)
        if (strcmp(c->sets[i].name, name) == 0)
            return &c->sets[i];
    return NULL;
}

static sash__permset *add_set(sash__caps *c, const char *name)
{
    char *n = sash__strdup(name);
    sash__permset *s = n ? realloc(c->sets, (c->nsets + 1) * sizeof *s) : NULL;
    if (!s) {
        free(n);
        return NULL;
    }
    c->sets = s;
    s = &c->sets[c->nsets++];
    memset(s, 0, sizeof *s);
    s->name = n;
    return s;
}

int sash__caps_define(sash__caps *c, const char *name,
                      const char *const *commands)
{
    int rc = 0;
    sash__rwlock_wrlock(&c->lock);
    sash__permset *s = find_set(c, name);
    if (!s)
        s = add_set(c, name);
    if (!s)
        rc = SASH_ENOMEM;
    for (size_t i = 0; rc == 0 && commands && commands[i]; i++)
        if (!strv_has(&s->commands, commands[i]))
            rc = sash__strv_push(&s->commands, commands[i]);
    sash__rwlock_wrunlock(&c->lock);
    return rc;
}

int sash__caps_replace_front(sash__caps *c, size_t old_n, sash__capability *caps,
                             size_t n)
{
    int rc = 0;
    sash__rwlock_wrlock(&c->lock);
    if (old_n > c->count)
        old_n = c->count;
    size_t rest = c->count - old_n;
    for (size_t i = 0; i < n && rc == 0; i++) /* identifiers stay unique */
        for (size_t j = old_n; j < c->count && rc == 0; j++)
            if (caps[i].id && c->items[j].id && strcmp(caps[i].id, c->items[j].id) == 0)
                rc = SASH_EEXIST;
    sash__capability *items = NULL;
    if (rc == 0 && !(items = malloc((n + rest ? n + rest : 1) * sizeof *items)))
        rc = SASH_ENOMEM;
    if (rc == 0) {
        for (size_t i = 0; i < old_n; i++)
            sash__capability_free(&c->items[i]);
        memcpy(items, caps, n * sizeof *items);
        if (rest)
            memcpy(items + n, c->items + old_n, rest * sizeof *items);
        free(c->items);
        c->items = items;
        c->count = n + rest;
        memset(caps, 0, n * sizeof *caps);
    }
    sash__rwlock_wrunlock(&c->lock);
    return rc;
}

int sash__caps_undefine(sash__caps *c, const char *name)
{
    int rc = SASH_ENOENT;
    sash__rwlock_wrlock(&c->lock);
    sash__permset *s = find_set(c, name);
    if (s) {
        free(s->name);
        sash__strv_free(&s->commands);
        *s = c->sets[--c->nsets];
        rc = 0;
    }
    sash__rwlock_wrunlock(&c->lock);
    return rc;
}

static int applies(const sash__capability *cap, const char *label)
{
    for (size_t i = 0; i < cap->windows.n; i++)
        if (sash__glob_match(cap->windows.v[i], label, 0))
            return 1;
    return 0;
}

/* Does granted name `perm` cover `want`: the name itself, a glob over it,
 * or (a glob over) a permission set that holds it. */
static int grants(sash__caps *c, const char *perm, const char *want)
{
    if (sash__glob_match(perm, want, 0))
        return 1;
    for (size_t i = 0; i < c->nsets; i++)
        if (sash__glob_match(perm, c->sets[i].name, 0) &&
            strv_has(&c->sets[i].commands, want))
            return 1;
    return 0;
}

int sash__caps_allows(sash__caps *c, const char *label, const char *permission)
{
    return sash__caps_allows_frame(c, label, permission, 0);
}

int sash__caps_allows_frame(sash__caps *c, const char *label,
                            const char *permission, int subframe)
{
    if (!label || !permission)
        return 0;
    int ok = 0;
    sash__rwlock_rdlock(&c->lock);
    for (size_t i = 0; i < c->count && !ok; i++) {
        const sash__capability *cap = &c->items[i];
        if (!applies(cap, label) || (subframe && !cap->frames))
            continue;
        for (size_t j = 0; j < cap->permissions.n && !ok; j++)
            ok = grants(c, cap->permissions.v[j], permission);
    }
    sash__rwlock_rdunlock(&c->lock);
    return ok;
}

static int any_match(const sash__strv *globs, const char *path)
{
    for (size_t i = 0; i < globs->n; i++)
        if (sash__glob_match(globs->v[i], path, SASH__GLOB_PATH))
            return 1;
    return 0;
}

int sash__caps_scope_allows(sash__caps *c, const char *label,
                            const char *scope, const char *path)
{
    if (!label || !scope || !path)
        return 0;
    char *norm = sash__path_normalize(path);
    if (!norm)
        return 0;
    int allowed = 0, denied = 0;
    sash__rwlock_rdlock(&c->lock);
    for (size_t i = 0; i < c->count && !denied; i++) {
        const sash__capability *cap = &c->items[i];
        if (!applies(cap, label))
            continue;
        for (size_t j = 0; j < cap->nscopes; j++) {
            const sash__scope *s = &cap->scopes[j];
            if (strcmp(s->name, scope) != 0)
                continue;
            denied = denied || any_match(&s->deny, norm);
            allowed = allowed || any_match(&s->allow, norm);
        }
    }
    sash__rwlock_rdunlock(&c->lock);
    free(norm);
    return allowed && !denied;
}

void sash__caps_set_for(sash__caps *c, const char *command, char *out,
                        size_t size)
{
    out[0] = '\0';
    sash__rwlock_rdlock(&c->lock);
    for (size_t i = 0; i < c->nsets; i++) {
        if (strv_has(&c->sets[i].commands, command)) {
            snprintf(out, size, "%s", c->sets[i].name);
            break;
        }
    }
    sash__rwlock_rdunlock(&c->lock);
}

void sash__caps_lint(sash__caps *c, int (*exists)(const char *name, void *ctx),
                     void (*report)(const char *name, const char *cap,
                                    void *ctx),
                     void *ctx)
{
    sash__rwlock_rdlock(&c->lock);
    for (size_t i = 0; i < c->count; i++) {
        const sash__capability *cap = &c->items[i];
        for (size_t j = 0; j < cap->permissions.n; j++) {
            const char *p = cap->permissions.v[j];
            if (strpbrk(p, "*?[\\") || find_set(c, p) || exists(p, ctx))
                continue;
            report(p, cap->id ? cap->id : "(unnamed)", ctx);
        }
    }
    sash__rwlock_rdunlock(&c->lock);
}

/* Session grants (grants.c) add paths at run time; a capability's deny
 * pattern still wins over them. */
int sash__caps_scope_denies(sash__caps *c, const char *label,
                            const char *scope, const char *path)
{
    if (!label || !scope || !path)
        return 1;
    char *norm = sash__path_normalize(path);
    if (!norm)
        return 1;
    int denied = 0;
    sash__rwlock_rdlock(&c->lock);
    for (size_t i = 0; i < c->count && !denied; i++) {
        const sash__capability *cap = &c->items[i];
        if (!applies(cap, label))
            continue;
        for (size_t j = 0; j < cap->nscopes && !denied; j++)
            if (strcmp(cap->scopes[j].name, scope) == 0)
                denied = any_match(&cap->scopes[j].deny, norm);
    }
    sash__rwlock_rdunlock(&c->lock);
    free(norm);
    return denied;
}
