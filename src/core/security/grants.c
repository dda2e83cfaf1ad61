/*
 * grants.c - session grants of a window's scopes (grants.h).
 */
#include <stdlib.h>
#include <string.h>

#include "calls/call.h"
#include "security/capability.h"
#include "security/glob.h"
#include "security/grants.h"

#define MAX_GRANTS 4096

/* The path with the glob's special characters escaped, so a file named
 * "[a]*.txt" grants that file only. */
static char *escape(const char *path, int recursive)
{
    size_t n = strlen(path);
    char *s = malloc(2 * n + 4);
    if (!s)
        return NULL;
    size_t o = 0;
    for (const char *p = path; *p; p++) {
        if (strchr("*?[]\\", *p))
            s[o++] = '\\';
        s[o++] = *p;
    }
    if (recursive) {
        if (o == 0 || s[o - 1] != '/')
            s[o++] = '/';
        s[o++] = '*';
        s[o++] = '*';
    }
    s[o] = '\0';
    return s;
}

static int add_one(sash_window *w, const char *scope, const char *norm,
                   int recursive)
{
    sash__grant *g = calloc(1, sizeof *g);
    if (!g || !(g->scope = sash__strdup(scope)) ||
        !(g->pattern = escape(norm, recursive))) {
        if (g)
            free(g->scope);
        free(g);
        return SASH_ENOMEM;
    }
    sash__mutex_lock(&w->grant_lock);
    size_t count = 0;
    sash__grant **last = &w->grants;
    for (sash__grant *it = w->grants; it; it = it->next) {
        if (strcmp(it->scope, g->scope) == 0 &&
            strcmp(it->pattern, g->pattern) == 0) { /* already there */
            sash__mutex_unlock(&w->grant_lock);
            free(g->scope);
            free(g->pattern);
            free(g);
            return 0;
        }
        count++;
    }
    /* Newest first; past the bound, the oldest (the tail) goes. */
    g->next = w->grants;
    w->grants = g;
    if (count + 1 > MAX_GRANTS) {
        for (last = &w->grants; (*last)->next; last = &(*last)->next)
            ;
        sash__grant *old = *last;
        *last = NULL;
        free(old->scope);
        free(old->pattern);
        free(old);
    }
    sash__mutex_unlock(&w->grant_lock);
    return 0;
}

int sash__window_scope_grant(sash_window *w, const char *scope,
                             const char *path, int recursive)
{
    if (!w || !scope || !*scope || !path)
        return SASH_EINVAL;
    char *norm = sash__path_normalize(path);
    if (!norm)
        return SASH_EINVAL;
    int rc = add_one(w, scope, norm, recursive);
    free(norm);
    return rc;
}

int sash__window_scope_granted(sash_window *w, const char *scope,
                               const char *path)
{
    if (!w || !scope || !path)
        return 0;
    char *norm = sash__path_normalize(path);
    if (!norm)
        return 0;
    int hit = 0;
    sash__mutex_lock(&w->grant_lock);
    for (sash__grant *g = w->grants; g && !hit; g = g->next)
        hit = strcmp(g->scope, scope) == 0 &&
              sash__glob_match(g->pattern, norm, SASH__GLOB_PATH);
    sash__mutex_unlock(&w->grant_lock);
    free(norm);
    return hit;
}

void sash__window_grants_clear(sash_window *w)
{
    sash__mutex_lock(&w->grant_lock);
    sash__grant *g = w->grants;
    w->grants = NULL;
    sash__mutex_unlock(&w->grant_lock);
    while (g) {
        sash__grant *next = g->next;
        free(g->scope);
        free(g->pattern);
        free(g);
        g = next;
    }
}

int sash_window_scope_grant(sash_window *window, const char *scope,
                            const char *path, int recursive)
{
    if (!window || !path || !sash__path_is_absolute(path, SASH__PATH_NATIVE))
        return SASH_EINVAL;
    return sash__window_scope_grant(window, scope, path, recursive);
}
