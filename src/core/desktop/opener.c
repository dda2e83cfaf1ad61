/*
 * opener.c - open a URL or a file with the desktop's default app, or show
 * a file in the file manager: from C (sash_open) and from pages
 * (opener:* commands).  Pages may open only URLs whose scheme sash.json
 * allows (security.opener.schemes; default http, https, mailto) and only
 * paths in their "opener" or "fs" scope (a file the user picked in a
 * dialog is in the latter).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "calls/call.h"
#include "desktop/desktop.h"
#include "security/security.h"

#define MAX_TARGET 8192

typedef struct open_req {
    sash__open pub;
    sash__desktop *desk;
    sash_open_fn fn;
    void *user_data;
    char *target;
} open_req;

/* The scheme of a URL ("scheme:" with RFC 3986 characters), lower-cased
 * into out; 0, or -1 if `s` has none. */
static int url_scheme(const char *s, char *out, size_t size)
{
    size_t n = 0;
    if (!isalpha((unsigned char)s[0]))
        return -1;
    while (s[n] && s[n] != ':') {
        if (!isalnum((unsigned char)s[n]) && !strchr("+-.", s[n]))
            return -1;
        n++;
    }
    if (s[n] != ':' || n + 1 > size || n < 2) /* "c:" is a drive */
        return -1;
    for (size_t i = 0; i < n; i++)
        out[i] = (char)tolower((unsigned char)s[i]);
    out[n] = '\0';
    return 0;
}

void sash__open_done(sash__open *o, const char *error)
{
    open_req *r = o->core;
    if (r->fn && r->desk->app)
        r->fn(r->desk->app, error, r->user_data);
    else if (error)
        sash__warn("open %s: %s", r->target, error);
    sash__desktop_unref(r->desk);
    free(r->target);
    free(r);
}

int sash_open(sash_app *app, const char *target, unsigned flags,
              sash_open_fn fn, void *user_data)
{
    sash__desktop_anchor(&sash__platform_open_anchor); /* links the backend's code */
    if (!app || !target || !*target || strlen(target) > MAX_TARGET)
        return SASH_EINVAL;
    if (!sash__is_ui_thread(app))
        return SASH_ETHREAD;
    for (const unsigned char *c = (const unsigned char *)target; *c; c++)
        if (*c < 0x20 || *c == 0x7f)
            return SASH_EINVAL;
    if (!sash__utf8_text_ok(target, strlen(target)))
        return SASH_EINVAL;
    char scheme[32];
    int is_url = url_scheme(target, scheme, sizeof scheme) == 0;
    if (!is_url && !sash__path_is_absolute(target, SASH__PATH_NATIVE))
        return SASH_EINVAL;
    if (is_url && (flags & SASH_OPEN_REVEAL))
        return SASH_EINVAL;
    if (!app->platform->open)
        return sash__fail(SASH_EPLATFORM, "opener: the %s backend has none",
                          app->platform->name);
    sash__desktop *desk = sash__desktop_get(app);
    open_req *r = desk ? calloc(1, sizeof *r) : NULL;
    if (!r || !(r->target = sash__strdup(target))) {
        free(r);
        return SASH_ENOMEM;
    }
    r->desk = sash__desktop_ref(desk);
    r->fn = fn;
    r->user_data = user_data;
    r->pub.target = r->target;
    r->pub.reveal = (flags & SASH_OPEN_REVEAL) != 0;
    r->pub.is_url = is_url;
    r->pub.core = r;
    app->platform->open(app, &r->pub);
    return 0;
}

/* -- Page commands --------------------------------------------------------- */

static int scheme_allowed(sash_app *app, const char *scheme)
{
    const sash__strv *s = &app->security->config.opener_schemes;
    if (!app->security->config.opener_schemes_set) {
        static const char *const def[] = {"http", "https", "mailto"};
        for (size_t i = 0; i < 3; i++)
            if (strcmp(def[i], scheme) == 0)
                return 1;
        return 0;
    }
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->v[i], scheme) == 0)
            return 1;
    return 0;
}

static void on_opened(sash_app *app, const char *error, void *ud)
{
    (void)app;
    sash_call *call = ud;
    if (error)
        sash_reject(call, SASH_CODE_INTERNAL, "%s", error);
    else
        sash_resolve(call, json_null());
    sash_call_unref(call);
}

static void cmd_open(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    const char *cmd = sash_call_command(call);
    int url = strcmp(cmd, "opener:open_url") == 0;
    const char *target;
    if (sash__arg_string(call, args, url ? "url" : "path", MAX_TARGET,
                         &target))
        return;
    if (!target || !*target) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "%s is required",
                    url ? "url" : "path");
        return;
    }
    char scheme[32];
    if (url) {
        if (url_scheme(target, scheme, sizeof scheme) != 0) {
            sash_reject(call, SASH_CODE_BAD_ARGS, "not a URL: expected "
                        "scheme:...");
            return;
        }
        if (!scheme_allowed(call->app, scheme)) {
            sash_reject(call, SASH_CODE_FORBIDDEN, "the URL scheme \"%s\" is "
                        "not allowed: add it to security.opener.schemes in "
                        "sash.json", scheme);
            return;
        }
    } else {
        if (!sash__path_is_absolute(target, SASH__PATH_NATIVE)) {
            sash_reject(call, SASH_CODE_BAD_ARGS, "path must be absolute");
            return;
        }
        /* Lexical check: a plugin-style realpath() needs the system
         * layer, and the backend opens exactly this path. */
        int ok = sash_call_scope_allows(call, "opener", target) ||
                 sash_call_scope_allows(call, "fs", target);
        if (!ok) {
            sash_reject(call, SASH_CODE_FORBIDDEN, "the path is outside the "
                        "window's \"opener\" and \"fs\" scopes");
            return;
        }
    }
    sash_call_ref(call);
    int rc = sash_open(call->app, target,
                       strcmp(cmd, "opener:reveal_item_in_dir") == 0
                           ? SASH_OPEN_REVEAL : 0,
                       on_opened, call);
    if (rc) {
        sash_call_unref(call);
        sash_reject(call, rc == SASH_EINVAL ? SASH_CODE_BAD_ARGS
                                            : SASH_CODE_INTERNAL,
                    "%s: %s", cmd, sash_strerror(rc));
    }
}

static const sash_command_def defs[] = {
    {"opener:open_url", cmd_open, SASH_COMMAND_UI_THREAD},
    {"opener:open_path", cmd_open, SASH_COMMAND_UI_THREAD},
    {"opener:reveal_item_in_dir", cmd_open, SASH_COMMAND_UI_THREAD}};

int sash_opener_enable(sash_app *app)
{
    static const sash_command_def *const list[] = {&defs[0], &defs[1],
                                                   &defs[2]};
    static const char *const def[] = {"opener:default", "opener:open_url",
                                      "opener:reveal_item_in_dir", NULL};
    static const char *const *const sets[] = {def, NULL};
    return sash__desktop_register(app, list, 3, sets);
}
