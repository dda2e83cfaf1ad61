/*
 * assets.c - finding an embedded file for a URL path, safely.
 *
 * Every path from the page is untrusted: it is decoded once, and refused
 * (400) if it holds a NUL or control byte, a backslash, an empty, "." or
 * ".." segment, or a malformed %-escape.  Decoding happens before the check
 * so "%2e%2e" is caught like "..".
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Refuses "", "." and ".." segments; the path starts with '/'. */
static int segments_ok(const char *p)
{
    while (*p == '/') {
        const char *seg = p + 1;
        const char *end = strchr(seg, '/');
        size_t n = end ? (size_t)(end - seg) : strlen(seg);
        if (end && n == 0)
            return 0; /* "//": an absolute path smuggled in */
        if ((n == 1 && seg[0] == '.') ||
            (n == 2 && seg[0] == '.' && seg[1] == '.'))
            return 0;
        p = seg + n;
    }
    return 1;
}

int sash__url_byte(const char **p)
{
    const char *s = *p;
    if (*s != '%') {
        *p = s + 1;
        return (unsigned char)*s;
    }
    int hi = hexval(s[1]), lo = hi < 0 ? -1 : hexval(s[2]);
    if (hi < 0 || lo < 0)
        return -1;
    *p = s + 3;
    return hi * 16 + lo;
}

int sash__asset_normalize(const char *url_path, char *out, size_t out_size)
{
    if (!url_path || url_path[0] != '/' || out_size < 2)
        return -1;
    size_t o = 0;
    for (const char *p = url_path; *p && *p != '?' && *p != '#';) {
        int c = sash__url_byte(&p);
        if (c < 0x20 || c == 0x7f || c == '\\')
            return -1; /* a malformed escape (-1) too */
        if (o + 1 >= out_size)
            return -1;
        out[o++] = (char)c;
    }
    out[o] = '\0';
    return segments_ok(out) ? 0 : -1;
}

static int cmp_asset(const void *key, const void *elem)
{
    return strcmp((const char *)key, ((const sash_asset *)elem)->path);
}

const sash_asset *sash__asset_find(const sash_asset *assets, size_t count,
                                   const char *path)
{
    if (!assets || !count || !path)
        return NULL;
    return bsearch(path, assets, count, sizeof *assets, cmp_asset);
}

/* The last segment has no '.': a client-side route, not a file. */
static int looks_like_route(const char *path)
{
    const char *last = strrchr(path, '/');
    return !strchr(last ? last : path, '.');
}

int sash__app_asset(sash_app *app, const char *url_path,
                    const sash_asset **out)
{
    char path[1024];
    *out = NULL;
    if (sash__asset_normalize(url_path, path, sizeof path - 16) != 0)
        return 400;
    size_t n = strlen(path);
    if (path[n - 1] == '/')
        memcpy(path + n, "index.html", sizeof "index.html");
    *out = sash__asset_find(app->assets, app->asset_count, path);
    if (!*out && app->spa_fallback && looks_like_route(path))
        *out = sash__asset_find(app->assets, app->asset_count, "/index.html");
    /* Said without SASH_DEBUG: a blank window with no word is the worst
     * way to learn the front end was not built in. */
    if (!*out && strcmp(path, "/favicon.ico") != 0)
        sash__warn("no embedded file for %.300s%s", path, app->asset_count == 0
                   ? ": this app embeds no front end (build it into "
                     "build.frontendDist, or run with a dev URL)"
                   : app->spa_fallback ? ""
                   : " (a client-side route? set spaFallback in sash.json)");
    return *out ? 200 : 404;
}
