/*
 * origin.c - which pages may use IPC and where frames may navigate: URL
 * origins, the app's own origin (sash://app) and the dev server's, and
 * links that leave the app (the system browser or the app's handler).
 */
#include <ctype.h>
#include <string.h>

#include "security/security.h"

#define APP_ORIGIN "sash://app"

int sash__url_origin(const char *url, char *out, size_t size)
{
    if (!url)
        return -1;
    const char *sep = strstr(url, "://");
    if (!sep || sep == url)
        return -1;
    for (const char *p = url; p < sep; p++)
        if (!isalnum((unsigned char)*p) && *p != '+' && *p != '-' && *p != '.')
            return -1;
    size_t auth = strcspn(sep + 3, "/?#");
    size_t n = (size_t)(sep - url) + 3 + auth;
    if (auth == 0 || n >= size || memchr(sep + 3, '@', auth))
        return -1; /* no host, too long, or user info (a spoofing trick) */
    for (size_t i = 0; i < n; i++)
        out[i] = (char)tolower((unsigned char)url[i]);
    out[n] = '\0';
    return 0;
}

int sash__app_origin_allowed(const sash_app *app, const char *url)
{
    char origin[512];
    if (sash__url_origin(url, origin, sizeof origin) != 0)
        return 0;
    if (strcmp(origin, APP_ORIGIN) == 0)
        return 1;
    const char *dev = app->security->dev_origin;
    return dev && strcmp(origin, dev) == 0;
}

int sash__app_navigation_allowed(const sash_app *app, const char *url)
{
    if (!url)
        return 0;
    if (strcmp(url, "about:blank") == 0 || strcmp(url, "about:srcdoc") == 0)
        return 1;
    return sash__app_origin_allowed(app, url);
}

int sash__app_open_external(sash_window *w, const char *url)
{
    if (!url || (strncmp(url, "http://", 7) != 0 &&
                 strncmp(url, "https://", 8) != 0))
        return -1;
    sash__security *s = w->app->security;
    if (!s->open_url)
        return 0;
    s->open_url(w->app, w->label, url, s->open_url_data);
    return 1;
}

int sash_app_on_open_url(sash_app *app, sash_open_url_fn fn, void *user_data)
{
    if (!app)
        return SASH_EINVAL;
    if (!sash__is_ui_thread(app))
        return SASH_ETHREAD;
    app->security->open_url = fn;
    app->security->open_url_data = user_data;
    return 0;
}
