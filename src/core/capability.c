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

#include "capability.h"
#include "glob.h"
#include "sash.h"

static char *dup_str(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

int sash__strv_push(sash__strv *sv, const char *s)
{
    char *d = dup_str(s);
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
    char *n = dup_str(name);
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
    pthread_rwlock_init(&c->lock, NULL);
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
    pthread_rwlock_destroy(&c->lock);
}

int sash__caps_add(sash__caps *c, sash__capability *cap)
{
    int rc = 0;
    pthread_rwlock_wrlock(&c->lock);
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
    pthread_rwlock_unlock(&c->lock);
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
    char *n = dup_str(name);
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
    pthread_rwlock_wrlock(&c->lock);
    sash__permset *s = find_set(c, name);
    if (!s)
        s = add_set(c, name);
    if (!s)
        rc = SASH_ENOMEM;
    for (size_t i = 0; rc == 0 && commands && commands[i]; i++)
        if (!strv_has(&s->commands, commands[i]))
            rc = sash__strv_push(&s->commands, commands[i]);
    pthread_rwlock_unlock(&c->lock);
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
    if (!label || !permission)
        return 0;
    int ok = 0;
    pthread_rwlock_rdlock(&c->lock);
    for (size_t i = 0; i < c->count && !ok; i++) {
        const sash__capability *cap = &c->items[i];
        if (!applies(cap, label))
            continue;
        for (size_t j = 0; j < cap->permissions.n && !ok; j++)
            ok = grants(c, cap->permissions.v[j], permission);
    }
    pthread_rwlock_unlock(&c->lock);
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
    pthread_rwlock_rdlock(&c->lock);
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
    pthread_rwlock_unlock(&c->lock);
    free(norm);
    return allowed && !denied;
}

void sash__caps_set_for(sash__caps *c, const char *command, char *out,
                        size_t size)
{
    out[0] = '\0';
    pthread_rwlock_rdlock(&c->lock);
    for (size_t i = 0; i < c->nsets; i++) {
        if (strv_has(&c->sets[i].commands, command)) {
            snprintf(out, size, "%s", c->sets[i].name);
            break;
        }
    }
    pthread_rwlock_unlock(&c->lock);
}

void sash__caps_lint(sash__caps *c, int (*exists)(const char *name, void *ctx),
                     void (*report)(const char *name, const char *cap,
                                    void *ctx),
                     void *ctx)
{
    pthread_rwlock_rdlock(&c->lock);
    for (size_t i = 0; i < c->count; i++) {
        const sash__capability *cap = &c->items[i];
        for (size_t j = 0; j < cap->permissions.n; j++) {
            const char *p = cap->permissions.v[j];
            if (strpbrk(p, "*?[\\") || find_set(c, p) || exists(p, ctx))
                continue;
            report(p, cap->id ? cap->id : "(unnamed)", ctx);
        }
    }
    pthread_rwlock_unlock(&c->lock);
}

/* -- Scope variables ------------------------------------------------------ */

static const char *const var_names[SASH__VAR_COUNT] = {
    "HOME", "APPDATA", "APPCONFIG", "APPCACHE", "DOCUMENTS", "DOWNLOADS",
    "DESKTOP", "PICTURES", "MUSIC", "VIDEOS", "TEMP"};

/* user-dirs.dirs keys, in the order of the variables from DOCUMENTS on. */
static const char *const user_dir_keys[] = {
    "XDG_DOCUMENTS_DIR", "XDG_DOWNLOAD_DIR", "XDG_DESKTOP_DIR",
    "XDG_PICTURES_DIR", "XDG_MUSIC_DIR", "XDG_VIDEOS_DIR"};
static const char *const user_dir_defaults[] = {
    "Documents", "Downloads", "Desktop", "Pictures", "Music", "Videos"};

static char *join(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    char *s = malloc(na + nb + 2);
    if (!s)
        return NULL;
    memcpy(s, a, na);
    s[na] = '/';
    memcpy(s + na + 1, b, nb + 1);
    char *norm = sash__path_normalize(s);
    free(s);
    return norm;
}

/* An XDG base folder: $ENV if absolute, else $HOME/fallback. */
static char *xdg_base(const char *env, const char *home, const char *fallback)
{
    const char *v = getenv(env);
    if (v && v[0] == '/')
        return sash__path_normalize(v);
    return home ? join(home, fallback) : NULL;
}

/* One XDG_*_DIR="..." line of user-dirs.dirs; "$HOME/" prefixes expand.
 * Returns NULL when the key is absent or points at $HOME itself (which
 * the spec uses to say "disabled"). */
static char *user_dir(const char *config, const char *home, const char *key)
{
    char file[4096];
    snprintf(file, sizeof file, "%s/user-dirs.dirs", config);
    FILE *f = fopen(file, "r");
    if (!f)
        return NULL;
    char line[4096], *found = NULL;
    size_t klen = strlen(key);
    while (!found && fgets(line, sizeof line, f)) {
        if (strncmp(line, key, klen) != 0 || strncmp(line + klen, "=\"", 2))
            continue;
        char *v = line + klen + 2, *end = strrchr(v, '"');
        if (!end)
            continue;
        *end = '\0';
        if (strncmp(v, "$HOME", 5) == 0 && home)
            found = join(home, v + 5);
        else if (v[0] == '/')
            found = sash__path_normalize(v);
        if (found && home && strcmp(found, home) == 0) {
            free(found);
            found = NULL;
            break;
        }
    }
    fclose(f);
    return found;
}

void sash__vars_init(sash__vars *v, const char *identifier)
{
    memset(v, 0, sizeof *v);
    const char *home_env = getenv("HOME");
    char *home = home_env && home_env[0] == '/' ? sash__path_normalize(home_env)
                                                : NULL;
    char *data = xdg_base("XDG_DATA_HOME", home, ".local/share");
    char *config = xdg_base("XDG_CONFIG_HOME", home, ".config");
    char *cache = xdg_base("XDG_CACHE_HOME", home, ".cache");
    const char *id = identifier && *identifier && !strchr(identifier, '/')
                         ? identifier : "app.sash";
    v->value[SASH__VAR_HOME] = home;
    v->value[SASH__VAR_APPDATA] = data ? join(data, id) : NULL;
    v->value[SASH__VAR_APPCONFIG] = config ? join(config, id) : NULL;
    v->value[SASH__VAR_APPCACHE] = cache ? join(cache, id) : NULL;
    for (int i = 0; i < 6; i++) {
        char *d = config ? user_dir(config, home, user_dir_keys[i]) : NULL;
        if (!d && home)
            d = join(home, user_dir_defaults[i]);
        v->value[SASH__VAR_DOCUMENTS + i] = d;
    }
    const char *tmp = getenv("TMPDIR");
    v->value[SASH__VAR_TEMP] = sash__path_normalize(tmp && tmp[0] == '/' ? tmp
                                                                        : "/tmp");
    free(data);
    free(config);
    free(cache);
}

void sash__vars_free(sash__vars *v)
{
    for (int i = 0; i < SASH__VAR_COUNT; i++) {
        free(v->value[i]);
        v->value[i] = NULL;
    }
}

/* Copies s, putting '\' before every glob character. */
static size_t escape_into(char *out, const char *s)
{
    size_t o = 0;
    for (; *s; s++) {
        if (strchr("*?[]\\", *s))
            out[o++] = '\\';
        out[o++] = *s;
    }
    return o;
}

/* Refuses "." and ".." segments: paths are normalised before matching, so
 * a pattern holding them could never match (a deny that silently denies
 * nothing). */
static int has_dot_segment(const char *p)
{
    for (const char *s = p; s; s = strchr(s, '/') ? strchr(s, '/') + 1 : NULL) {
        size_t n = strcspn(s, "/");
        if ((n == 1 && s[0] == '.') || (n == 2 && s[0] == '.' && s[1] == '.'))
            return 1;
    }
    return 0;
}

int sash__scope_expand(const char *pattern, const sash__vars *v, char **out,
                       char *err, size_t err_size)
{
    *out = NULL;
    const char *rest = pattern, *value = "";
    if (pattern[0] == '$') {
        size_t n = 1;
        while ((pattern[n] >= 'A' && pattern[n] <= 'Z') || pattern[n] == '_')
            n++;
        int idx = -1;
        for (int i = 0; i < SASH__VAR_COUNT; i++)
            if (strlen(var_names[i]) == n - 1 &&
                strncmp(var_names[i], pattern + 1, n - 1) == 0)
                idx = i;
        if (idx < 0) {
            snprintf(err, err_size, "unknown variable $%.*s (known: $HOME, "
                     "$APPDATA, $APPCONFIG, $APPCACHE, $DOCUMENTS, $DOWNLOADS, "
                     "$DESKTOP, $PICTURES, $MUSIC, $VIDEOS, $TEMP)",
                     (int)(n - 1 > 40 ? 40 : n - 1), pattern + 1);
            return -1;
        }
        if (!v->value[idx]) {
            snprintf(err, err_size, "$%s is not available here (HOME is not "
                     "set)", var_names[idx]);
            return -1;
        }
        if (pattern[n] != '\0' && pattern[n] != '/') {
            snprintf(err, err_size, "$%s must be followed by '/' or end the "
                     "pattern", var_names[idx]);
            return -1;
        }
        value = v->value[idx];
        rest = pattern + n;
    } else if (pattern[0] != '/' && strncmp(pattern, "**/", 3) != 0) {
        snprintf(err, err_size, "a scope path must be absolute, start with "
                 "\"**/\" or with a variable such as $APPDATA");
        return -1;
    }
    if (sash__glob_check(rest) != 0 || has_dot_segment(rest)) {
        snprintf(err, err_size, "malformed pattern (an unclosed '[', a "
                 "trailing '\\', or a '.' or '..' segment)");
        return -1;
    }
    size_t vlen = strlen(value), rlen = strlen(rest);
    char *s = malloc(2 * vlen + rlen + 1);
    if (!s) {
        snprintf(err, err_size, "out of memory");
        return -1;
    }
    size_t o = escape_into(s, value);
    memcpy(s + o, rest, rlen + 1);
    if (strcmp(value, "/") == 0 && rest[0] == '/') /* "$X/..." with X = "/" */
        memmove(s, s + 1, o + rlen);
    *out = s;
    return 0;
}

char *sash__path_normalize(const char *path)
{
    if (!path || path[0] != '/')
        return NULL;
    size_t n = strlen(path);
    char *out = malloc(n + 2);
    if (!out)
        return NULL;
    size_t o = 0;
    const char *p = path;
    while (*p) {
        while (*p == '/')
            p++;
        if (!*p)
            break;
        size_t len = strcspn(p, "/");
        if (len == 2 && p[0] == '.' && p[1] == '.') {
            while (o > 0 && out[o - 1] != '/')
                o--;
            if (o > 0)
                o--;
        } else if (!(len == 1 && p[0] == '.')) {
            out[o++] = '/';
            memcpy(out + o, p, len);
            o += len;
        }
        p += len;
    }
    if (o == 0)
        out[o++] = '/';
    out[o] = '\0';
    return out;
}
