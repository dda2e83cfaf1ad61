/*
 * desktop.c - shared state and helpers of the desktop surface (desktop.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desktop/desktop.h"

sash__desktop *sash__desktop_get(sash_app *app)
{
    if (!app->desktop) {
        sash__desktop *d = calloc(1, sizeof *d);
        if (!d)
            return NULL;
        atomic_init(&d->refs, 1);
        d->app = app;
        app->desktop = d;
    }
    return app->desktop;
}

sash__desktop *sash__desktop_ref(sash__desktop *d)
{
    atomic_fetch_add(&d->refs, 1);
    return d;
}

void sash__desktop_unref(sash__desktop *d)
{
    if (d && atomic_fetch_sub(&d->refs, 1) == 1)
        free(d);
}

void sash__desktop_free(sash_app *app)
{
    sash__desktop *d = app->desktop;
    if (!d)
        return;
    if (app->platform && app->platform->notify)
        app->platform->notify(app, NULL); /* no actions after this */
    d->app = NULL;
    app->desktop = NULL;
    sash__desktop_unref(d);
}

int sash__utf8_text_ok(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        unsigned c = p[i];
        size_t n;
        if (c == 0)
            return 0;
        if (c < 0x80) {
            i++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
        } else {
            return 0;
        }
        if (len - i <= n)
            return 0;
        for (size_t k = 1; k <= n; k++)
            if ((p[i + k] & 0xC0) != 0x80)
                return 0;
        /* overlongs and surrogates */
        if ((c == 0xE0 && p[i + 1] < 0xA0) || (c == 0xED && p[i + 1] > 0x9F) ||
            (c == 0xF0 && p[i + 1] < 0x90) || (c == 0xF4 && p[i + 1] > 0x8F))
            return 0;
        i += n + 1;
    }
    return 1;
}

int sash__arg_string(sash_call *call, const json_t *args, const char *key,
                     size_t max, const char **out)
{
    const json_t *v = json_object_get(args, key);
    *out = NULL;
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_string(v)) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "%s must be a string", key);
        return -1;
    }
    size_t len = json_string_length(v);
    if (len != strlen(json_string_value(v))) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "%s holds a NUL character", key);
        return -1;
    }
    if (len > max) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "%s is longer than %zu bytes",
                    key, max);
        return -1;
    }
    *out = json_string_value(v);
    return 0;
}

int sash__desktop_register(sash_app *app, const sash_command_def *const *defs,
                           size_t n, const char *const *const *sets)
{
    if (!app)
        return SASH_EINVAL;
    int rc = sash_commands_add(app, defs, n);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        const char *name = defs[i]->name, *colon = strchr(name, ':');
        char set[128];
        snprintf(set, sizeof set, "%.*s:allow-%s", (int)(colon - name), name,
                 colon + 1);
        for (char *c = set; *c; c++)
            if (*c == '_')
                *c = '-';
        const char *cmds[] = {name, NULL};
        rc = sash_permission_define(app, set, cmds);
    }
    for (size_t i = 0; rc == 0 && sets && sets[i]; i++)
        rc = sash_permission_define(app, sets[i][0], sets[i] + 1);
    return rc;
}

void sash__desktop_anchor(const char *anchor)
{
    static const char *volatile sink;
    sink = anchor;
    (void)sink; /* a volatile read: the store above stays */
}
