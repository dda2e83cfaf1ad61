/*
 * origin.c - which pages may use IPC and where frames may navigate: URL
 * origins, the app's own origin (the backend's, e.g. sash://app) and the
 * dev server's, and the navigation decision every backend asks for.
 */
#include <ctype.h>
#include <string.h>

#include "security/security.h"

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
    if (strcmp(origin, app->platform->app_origin) == 0)
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

int sash__navigation_decide(sash_window *w, const char *url, int new_window,
                            int user_gesture)
{
    sash_app *app = w->app;
    if (!new_window && sash__app_navigation_allowed(app, url))
        return 1;
    /* Leaving the app: only a user's click goes on, and then to the
     * browser or the app's handler, never in this window.  Script
     * redirects and pop-ups simply stop. */
    const char *why;
    int web = url && (strncmp(url, "http://", 7) == 0 ||
                      strncmp(url, "https://", 8) == 0);
    if (!user_gesture) {
        why = "not a user's click";
    } else if (!web) {
        why = "not an http(s) URL";
    } else if (app->security->open_url) {
        app->security->open_url(app, w->label, url,
                                app->security->open_url_data);
        why = "given to the app's open-URL handler";
    } else {
        app->platform->open_external(app, url);
        why = "opened in the browser";
    }
    sash__debug(app, "window '%s': navigation to %.300s blocked (%s)",
                w->label, url ? url : "(none)", why);
    return 0;
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
