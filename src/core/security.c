/*
 * security.c - the app's security state and the public API around it:
 * config loading, capabilities granted from C, permission and scope
 * queries for commands, origins, CSP.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "call.h"
#include "security.h"

/* Strict, and compatible with the IPC paths: the bridge is a user script
 * (not subject to the page's CSP), replies and events arrive through the
 * message handler and evaluate_javascript (not subject either), and raw
 * bytes are fetched from the sash-ipc: scheme (connect-src).  Inline
 * styles stay allowed: UI libraries inject <style> at run time and the
 * risk (CSS-based exfiltration) is far below that of script.
 * 'wasm-unsafe-eval' lets pages compile WebAssembly (codecs, SQLite-wasm)
 * and nothing else: eval() and new Function() stay blocked. */
static const char default_csp[] =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "font-src 'self' data:; media-src 'self' blob:; "
    "connect-src 'self' sash: sash-ipc:; worker-src 'self' blob:; "
    "frame-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'self'";

#define APP_ORIGIN "sash://app"

static int install_config(sash_app *app, const sash_app_options *o,
                          sash__security *s)
{
    for (size_t i = 0; i < s->config.ncaps; i++)
        if (sash__caps_add(&s->caps, &s->config.caps[i]) != 0)
            return SASH_ENOMEM;
    if (s->config.identifier && !o->identifier) {
        char *id = sash__strdup(s->config.identifier);
        if (!id)
            return SASH_ENOMEM;
        free(app->identifier);
        app->identifier = id;
    }
    return 0;
}

int sash__security_init(sash_app *app, const sash_app_options *o)
{
    sash__security *s = calloc(1, sizeof *s);
    if (!s)
        return SASH_ENOMEM;
    app->security = s;
    sash__caps_init(&s->caps);
    sash__config_defaults(&s->config);
    if (o->config_json) {
        char err[1024];
        if (sash__config_parse(o->config_json, strlen(o->config_json), NULL,
                               &s->config, err, sizeof err) != 0) {
            return sash__fail(SASH_ECONFIG, "%s", err);
        }
        if (install_config(app, o, s) != 0)
            return SASH_ENOMEM;
    }
    if (!s->config.csp_off) {
        s->csp = sash__strdup(s->config.csp ? s->config.csp : default_csp);
        if (!s->csp)
            return SASH_ENOMEM;
    }
    char origin[512];
    if (app->dev_url && sash__url_origin(app->dev_url, origin, sizeof origin) == 0 &&
        !(s->dev_origin = sash__strdup(origin)))
        return SASH_ENOMEM;
    sash__debug(app, "security: %zu capabilities, CSP %s, limits %zu bytes / "
                "depth %d / %d in flight per window",
                s->caps.count, s->csp ? "on" : "OFF", s->config.limits.max_message,
                s->config.limits.max_depth, s->config.limits.max_in_flight);
    return 0;
}

void sash__security_free(sash_app *app)
{
    sash__security *s = app->security;
    if (!s)
        return;
    sash__caps_free(&s->caps);
    sash__config_free(&s->config);
    free(s->csp);
    free(s->dev_origin);
    free(s);
    app->security = NULL;
}

/* -- Permission checks -------------------------------------------------- */

static int command_exists(const char *name, void *app)
{
    return strcmp(name, SASH__PERMISSION_EMIT) == 0 ||
           sash__registry_has(&((sash_app *)app)->registry, name);
}

static void report_unknown(const char *name, const char *cap, void *app)
{
    (void)app;
    sash__warn("capability '%s' grants '%s', which is "
            "neither a registered command nor a permission set (a typo?)",
            cap, name);
}

/* Once, at the first message: by then the app has registered its
 * commands and plugins their permission sets. */
static void lint_once(sash_app *app)
{
    if (!atomic_exchange(&app->security->linted, 1))
        sash__caps_lint(&app->security->caps, command_exists, report_unknown,
                        app);
}

void sash__refuse(sash_window *w, void *handle, int raw, const char *code,
                  const char *message)
{
    sash__debug(w->app, "window '%s': %s: %s", w->label, code, message);
    sash__reply_text(w, handle, raw, sash__reply_error_text(code, message));
}

int sash__guard_command(sash_window *w, const char *name, void *handle, int raw)
{
    sash__security *s = w->app->security;
    lint_once(w->app);
    if (sash__caps_allows(&s->caps, w->label, name))
        return 1;
    char set[128], msg[900];
    sash__caps_set_for(&s->caps, name, set, sizeof set);
    snprintf(msg, sizeof msg, "command '%.200s' is not allowed in window "
             "'%.100s' (missing permission '%.200s'%s%s%s; add it to a "
             "capability in sash.json)", name, w->label, name,
             *set ? " or '" : "", set, *set ? "'" : "");
    sash__refuse(w, handle, raw, SASH_CODE_FORBIDDEN, msg);
    return 0;
}

void sash__ipc_forbid_origin(sash_window *w, const char *url, void *handle,
                             int raw)
{
    char origin[200], msg[400];
    if (sash__url_origin(url, origin, sizeof origin) != 0)
        snprintf(origin, sizeof origin, "%.60s", url ? url : "(none)");
    snprintf(msg, sizeof msg, "IPC is not available to pages from %s in "
             "window '%.100s': only the app's own origin may call it", origin,
             w->label);
    sash__refuse(w, handle, raw, SASH_CODE_FORBIDDEN, msg);
}

int sash__guard_event(sash_window *w, void *handle)
{
    lint_once(w->app);
    if (sash__caps_allows(&w->app->security->caps, w->label,
                          SASH__PERMISSION_EMIT))
        return 1;
    char msg[300];
    snprintf(msg, sizeof msg, "events to the app are not allowed in window "
             "'%.100s' (missing permission '" SASH__PERMISSION_EMIT "'; add "
             "it to a capability in sash.json)", w->label);
    sash__refuse(w, handle, 0, SASH_CODE_FORBIDDEN, msg);
    return 0;
}

/* -- Public API --------------------------------------------------------- */

int sash_config_check(const char *json_text, char *error, size_t error_size)
{
    char local[8];
    if (!error || !error_size) {
        error = local;
        error_size = sizeof local;
    }
    error[0] = '\0';
    if (!json_text) {
        snprintf(error, error_size, "sash.json: no text");
        return SASH_EINVAL;
    }
    sash__config c;
    if (sash__config_parse(json_text, strlen(json_text), NULL, &c, error,
                           error_size) != 0)
        return SASH_EINVAL;
    sash__config_free(&c);
    return 0;
}

int sash_capability_add(sash_app *app, const char *json_text, char *error,
                        size_t error_size)
{
    char local[1024];
    if (!error || !error_size) {
        error = local;
        error_size = sizeof local;
    }
    error[0] = '\0';
    if (!app || !json_text) {
        snprintf(error, error_size, "capability: no app or no text");
        return SASH_EINVAL;
    }
    json_error_t jerr;
    json_t *obj = json_loads(json_text, JSON_REJECT_DUPLICATES, &jerr);
    if (!obj) {
        snprintf(error, error_size, "capability:%d:%d: %s", jerr.line,
                 jerr.column, jerr.text);
        return SASH_EINVAL;
    }
    sash__vars vars;
    sash__vars_init(&vars, app->identifier);
    sash__capability cap;
    int rc = sash__config_capability(obj, "capability", &vars, &cap, error,
                                     error_size);
    sash__vars_free(&vars);
    json_decref(obj);
    if (rc != 0)
        return SASH_EINVAL;
    rc = sash__caps_add(&app->security->caps, &cap);
    if (rc == SASH_EEXIST)
        snprintf(error, error_size, "capability: its identifier is already "
                 "used by another capability");
    return rc;
}

int sash_permission_define(sash_app *app, const char *permission,
                           const char *const *commands)
{
    if (!app || !permission || !*permission || !commands)
        return SASH_EINVAL;
    return sash__caps_define(&app->security->caps, permission, commands);
}

int sash_call_has_permission(const sash_call *call, const char *permission)
{
    if (!call || !permission)
        return 0;
    return sash__caps_allows(&call->app->security->caps, call->window->label,
                             permission);
}

int sash_call_scope_allows(const sash_call *call, const char *scope,
                           const char *path)
{
    if (!call || !scope || !path)
        return 0;
    return sash__caps_scope_allows(&call->app->security->caps,
                                   call->window->label, scope, path);
}

void sash_app_on_open_url(sash_app *app, sash_open_url_fn fn, void *user_data)
{
    if (!app)
        return;
    app->security->open_url = fn;
    app->security->open_url_data = user_data;
}

int sash_app_create_windows(sash_app *app)
{
    if (!app)
        return SASH_EINVAL;
    if (!sash__is_ui_thread(app))
        return SASH_ETHREAD;
    const sash__config *c = &app->security->config;
    int made = 0;
    for (size_t i = 0; i < c->nwindows; i++) {
        const sash__window_conf *wc = &c->windows[i];
        if (!wc->create)
            continue;
        sash_window_options o = {
            .label = wc->label, .title = wc->title, .path = wc->path,
            .width = wc->width, .height = wc->height,
            .min_width = wc->min_width, .min_height = wc->min_height,
            .fixed_size = !wc->resizable, .no_center = !wc->center};
        if (!sash_window_new(app, &o))
            return SASH_EPLATFORM;
        made++;
    }
    return made;
}

/* -- Origins ------------------------------------------------------------ */

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

const char *sash__app_csp(const sash_app *app)
{
    return app->security ? app->security->csp : NULL;
}

int sash__app_sandbox_wanted(const sash_app *app)
{
    return app->security ? app->security->config.sandbox : 1;
}
