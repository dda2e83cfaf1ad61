/*
 * deep_link.c - the deep-link plugin: URLs of the app's own schemes
 * (myapp://...) that started the app (argv), or that a later launch handed
 * over through the single-instance plugin, reach the page once validated:
 * deep-link:get_current for the launch URLs, event "deep-link" {url} for
 * later ones.  The bundle's .desktop file registers the schemes
 * (sash.json bundle.deepLinks; `sash bundle`).  docs/plugins/deep-link.md.
 */
#define _DEFAULT_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sash_plugins.h>

#include "deep_link_internal.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static char **schemes; /* NULL-terminated copies */
static json_t *current; /* the launch's URLs */

int sash__deep_link_scheme_ok(const char *s)
{
    static const char *const taken[] = {"http", "https", "file", "ftp", "data",
                                        "javascript", "about", "blob", "mailto",
                                        "sash", "sash-ipc", NULL};
    if (!s || !((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
        return 0;
    size_t n = strlen(s);
    if (n > 64)
        return 0;
    for (const char *p = s; *p; p++) {
        char c = *p;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'))
            return 0;
    }
    for (size_t i = 0; taken[i]; i++)
        if (strcasecmp(s, taken[i]) == 0)
            return 0;
    return 1;
}

static int hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

int sash__deep_link_valid(const char *url, size_t len, const char *const *list)
{
    if (!url || !list || len == 0 || len > SASH__DEEP_LINK_MAX)
        return 0;
    const char *colon = memchr(url, ':', len);
    if (!colon || colon == url || (size_t)(colon - url) + 1 >= len)
        return 0;
    size_t sl = (size_t)(colon - url);
    int known = 0;
    for (size_t i = 0; list[i] && !known; i++)
        known = strlen(list[i]) == sl && strncasecmp(url, list[i], sl) == 0;
    if (!known)
        return 0;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)url[i];
        if (c <= 0x20 || c == 0x7f)
            return 0; /* controls, NUL, space */
        if (c == '%') {
            if (i + 2 >= len || !hex(url[i + 1]) || !hex(url[i + 2]))
                return 0;
            i += 3;
            continue;
        }
        if (c < 0x80) {
            i++;
            continue;
        }
        /* UTF-8: the shortest form, no surrogates, at most U+10FFFF */
        size_t n = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 ? 2 : 0;
        if (n == 0 || c > 0xf4 || i + n > len)
            return 0;
        for (size_t k = 1; k < n; k++)
            if (((unsigned char)url[i + k] & 0xc0) != 0x80)
                return 0;
        unsigned char d = (unsigned char)url[i + 1];
        if ((c == 0xe0 && d < 0xa0) || (c == 0xed && d >= 0xa0) ||
            (c == 0xf0 && d < 0x90) || (c == 0xf4 && d >= 0x90))
            return 0;
        i += n;
    }
    return 1;
}

/* The valid URLs among argv[1..] (a new array). */
static json_t *urls_of(int argc, const char *const *argv)
{
    json_t *out = json_array();
    pthread_mutex_lock(&lock);
    for (int i = 1; argv && i < argc && argv[i] && schemes; i++) {
        size_t len = strlen(argv[i]);
        if (sash__deep_link_valid(argv[i], len, (const char *const *)schemes))
            json_array_append_new(out, json_stringn(argv[i], len));
        else if (memchr(argv[i], ':', len) && strncmp(argv[i], "--", 2) != 0)
            sash_log(SASH_LOG_WARNING, "deep-link: ignored argument %d: not a valid "
                     "URL of the app's schemes", i);
    }
    pthread_mutex_unlock(&lock);
    return out;
}

int sash_deep_link_open(sash_app *app, int argc, const char *const *argv)
{
    if (!app)
        return SASH_EINVAL;
    json_t *urls = urls_of(argc, argv);
    size_t i;
    json_t *u;
    int n = 0;
    json_array_foreach(urls, i, u) {
        if (sash_emit(app, "deep-link", json_pack("{s:O}", "url", u)) == 0)
            n++;
    }
    json_decref(urls);
    return n;
}

static void get_current(sash_call *call, const json_t *args, void *ud)
{
    (void)args;
    (void)ud;
    pthread_mutex_lock(&lock);
    json_t *c = json_deep_copy(current);
    pthread_mutex_unlock(&lock);
    sash_resolve(call, c);
}

static void deep_link_free(sash_app *app, void *ud)
{
    (void)app;
    (void)ud;
    pthread_mutex_lock(&lock);
    for (size_t i = 0; schemes && schemes[i]; i++)
        free(schemes[i]);
    free(schemes);
    schemes = NULL;
    json_decref(current);
    current = NULL;
    pthread_mutex_unlock(&lock);
}

static const sash_command_def def = {"deep-link:get_current", get_current, 0};

int sash_plugin_deep_link(sash_app *app, const sash_deep_link_options *o)
{
    if (!app || !o || !o->schemes || !o->schemes[0])
        return SASH_EINVAL;
    if (schemes)
        return SASH_EEXIST;
    size_t n = 0;
    while (o->schemes[n])
        if (!sash__deep_link_scheme_ok(o->schemes[n++]))
            return SASH_EINVAL;
    char **copy = calloc(n + 1, sizeof *copy);
    if (!copy)
        return SASH_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        if (!(copy[i] = strdup(o->schemes[i]))) {
            for (size_t k = 0; k < i; k++)
                free(copy[k]);
            free(copy);
            return SASH_ENOMEM;
        }
    }
    pthread_mutex_lock(&lock);
    schemes = copy;
    pthread_mutex_unlock(&lock);
    json_t *urls = urls_of(o->argc, o->argv);
    pthread_mutex_lock(&lock);
    current = urls;
    pthread_mutex_unlock(&lock);
    const sash_command_def *p[] = {&def};
    int rc = sash_commands_add(app, p, 1);
    static const char *const names[] = {"deep-link:get_current", NULL};
    if (rc == 0)
        rc = sash_permission_define(app, "deep-link:default", names);
    if (rc == 0)
        rc = sash_app_on_free(app, deep_link_free, NULL);
    if (rc)
        deep_link_free(app, NULL);
    return rc;
}
