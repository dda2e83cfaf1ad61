/*
 * plugin_support.c - what plugins (src/plugins/) need from the core beyond
 * commands and scopes: the app's folders and the shared log sink.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* As folders.c: an identifier that could climb out of its parent is
 * replaced, never used. */
static const char *plugin_identifier(const sash_app *app)
{
    const char *id = app ? app->identifier : NULL;
    if (!id || !*id || strchr(id, '/') || strchr(id, '\\') ||
        strcmp(id, ".") == 0 || strcmp(id, "..") == 0)
        return "app.sash";
    return id;
}

const char *sash_app_identifier(const sash_app *app)
{
    return app ? plugin_identifier(app) : NULL;
}

/* $XDG_STATE_HOME/<id>/logs (~/.local/state/<id>/logs); on Windows the
 * per-app local data folder's "logs". */
static char *log_folder(const char *id)
{
#ifdef _WIN32
    char *base = sash__known_folder(SASH__FOLDER_APPCACHE, id);
    char *out = base ? malloc(strlen(base) + 6) : NULL;
    if (out)
        sprintf(out, "%s/logs", base);
    free(base);
    return out;
#else
    const char *state = getenv("XDG_STATE_HOME");
    char *home = NULL;
    char *out = NULL;
    size_t n;
    if (state && state[0] == '/') {
        n = strlen(state) + strlen(id) + 8;
        out = malloc(n);
        if (out)
            snprintf(out, n, "%s/%s/logs", state, id);
    } else if ((home = sash__known_folder(SASH__FOLDER_HOME, id)) != NULL) {
        n = strlen(home) + strlen(id) + 22;
        out = malloc(n);
        if (out)
            snprintf(out, n, "%s/.local/state/%s/logs", home, id);
    }
    free(home);
    if (out) {
        char *c = sash__path_canonical(out, SASH__PATH_NATIVE);
        free(out);
        out = c;
    }
    return out;
#endif
}

int sash_app_folder(const sash_app *app, sash_folder folder, char *buf,
                    size_t size)
{
    if (!app || (!buf && size) || (int)folder < 0 ||
        (int)folder > (int)SASH_FOLDER_TEMP)
        return SASH_EINVAL;
    static const sash__folder map[] = {
        [SASH_FOLDER_HOME] = SASH__FOLDER_HOME,
        [SASH_FOLDER_APP_DATA] = SASH__FOLDER_APPDATA,
        [SASH_FOLDER_APP_CONFIG] = SASH__FOLDER_APPCONFIG,
        [SASH_FOLDER_APP_CACHE] = SASH__FOLDER_APPCACHE,
        [SASH_FOLDER_APP_LOG] = SASH__FOLDER_COUNT, /* not a scope variable */
        [SASH_FOLDER_DOCUMENTS] = SASH__FOLDER_DOCUMENTS,
        [SASH_FOLDER_DOWNLOADS] = SASH__FOLDER_DOWNLOADS,
        [SASH_FOLDER_DESKTOP] = SASH__FOLDER_DESKTOP,
        [SASH_FOLDER_PICTURES] = SASH__FOLDER_PICTURES,
        [SASH_FOLDER_MUSIC] = SASH__FOLDER_MUSIC,
        [SASH_FOLDER_VIDEOS] = SASH__FOLDER_VIDEOS,
        [SASH_FOLDER_TEMP] = SASH__FOLDER_TEMP,
    };
    const char *id = plugin_identifier(app);
    char *path = folder == SASH_FOLDER_APP_LOG ? log_folder(id)
                                               : sash__known_folder(map[folder], id);
    if (!path)
        return SASH_ENOENT;
    size_t len = strlen(path);
    if (size)
        snprintf(buf, size, "%s", len < size ? path : "");
    free(path);
    return (int)len;
}

void sash_log(sash_log_level level, const char *fmt, ...)
{
    if (!fmt || (int)level < SASH_LOG_ERROR || (int)level > SASH_LOG_DEBUG)
        return;
    va_list ap;
    va_start(ap, fmt);
    char msg[1024];
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    sash__log(level, "%s", msg);
}

/* -- cleanups run by sash_app_free() ---------------------------------------
 * Only one app exists at a time, so the list is the process's. */
typedef struct cleanup {
    void (*fn)(sash_app *, void *);
    void *data;
    struct cleanup *next;
} cleanup;

static sash__mutex cleanup_lock = SASH__MUTEX_INIT;
static cleanup *cleanups;

int sash_app_on_free(sash_app *app, void (*fn)(sash_app *app, void *user_data),
                     void *user_data)
{
    if (!app || !fn)
        return SASH_EINVAL;
    cleanup *c = malloc(sizeof *c);
    if (!c)
        return SASH_ENOMEM;
    c->fn = fn;
    c->data = user_data;
    sash__mutex_lock(&cleanup_lock);
    c->next = cleanups; /* newest first: reverse order of registration */
    cleanups = c;
    sash__mutex_unlock(&cleanup_lock);
    return SASH_OK;
}

void sash__plugins_cleanup(sash_app *app)
{
    for (;;) {
        sash__mutex_lock(&cleanup_lock);
        cleanup *c = cleanups;
        if (c)
            cleanups = c->next;
        sash__mutex_unlock(&cleanup_lock);
        if (!c)
            break;
        c->fn(app, c->data);
        free(c);
    }
}
