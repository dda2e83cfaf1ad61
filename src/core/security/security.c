/*
 * security.c - the app's security state (config, capabilities, CSP, dev
 * origin) and the guards the dispatcher asks before running anything.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calls/call.h"
#include "security/security.h"

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
        s->csp = s->config.csp ? sash__strdup(s->config.csp)
                               : sash__csp_default(app->platform->csp_ipc_sources);
        if (!s->csp)
            return SASH_ENOMEM;
        if (!s->config.csp && s->config.frame_origins.n) { /* frames */
            char *with = sash__csp_with_frames(s->csp, &s->config.frame_origins);
            free(s->csp);
            if (!(s->csp = with))
                return SASH_ENOMEM;
        }
    }
    if (s->config.spa_fallback)
        app->spa_fallback = 1;
    /* A dev build (no embedded front end) loads build.devUrl; a build with
     * its front end embedded never does, unless SASH_DEV_URL or the
     * dev_url option asks for it. */
    if (!app->dev_url && !o->assets && s->config.dev_url &&
        !(app->dev_url = sash__strdup(s->config.dev_url)))
        return SASH_ENOMEM;
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

void sash__refuse(sash_window *w, void *handle, const char *code,
                  const char *message)
{
    sash__debug(w->app, "window '%s': %s: %s", w->label, code, message);
    sash__reply_text(w, handle, sash__error_reply(code, message));
}

int sash__guard_command(sash_window *w, const char *name, void *handle)
{
    sash__security *s = w->app->security;
    lint_once(w->app);
    if (sash__caps_allows_frame(&s->caps, w->label, name, w->ipc_subframe))
        return 1;
    char set[128], msg[900];
    sash__caps_set_for(&s->caps, name, set, sizeof set);
    snprintf(msg, sizeof msg, "command '%.200s' is not allowed in window "
             "'%.100s'%s (missing permission '%.200s'%s%s%s; add it to a "
             "capability in sash.json)", name, w->label,
             w->ipc_subframe ? " from a subframe (frames: only capabilities "
                               "with \"frames\": \"same-origin\")" : "",
             name, *set ? " or '" : "", set, *set ? "'" : "");
    sash__refuse(w, handle, SASH_CODE_FORBIDDEN, msg);
    return 0;
}

void sash__ipc_forbid_origin(sash_window *w, const char *url,
                             void *backend_handle)
{
    /* JSON path: with a one-way transport the reply id is unknown here,
     * so a foreign page gets no answer at all (its call never resolves). */
    void *handle = sash__reply_to_new(w, backend_handle, "", 0);
    if (!handle)
        return;
    char origin[200], msg[400];
    if (sash__url_origin(url, origin, sizeof origin) != 0)
        snprintf(origin, sizeof origin, "%.60s", url ? url : "(none)");
    snprintf(msg, sizeof msg, "IPC is not available to pages from %s in "
             "window '%.100s': only the app's own origin may call it", origin,
             w->label);
    sash__refuse(w, handle, SASH_CODE_FORBIDDEN, msg);
}

int sash__guard_event(sash_window *w, void *handle)
{
    lint_once(w->app);
    if (sash__caps_allows_frame(&w->app->security->caps, w->label,
                                SASH__PERMISSION_EMIT, w->ipc_subframe))
        return 1;
    char msg[300];
    snprintf(msg, sizeof msg, "events to the app are not allowed in window "
             "'%.100s' (missing permission '" SASH__PERMISSION_EMIT "'; add "
             "it to a capability in sash.json)", w->label);
    sash__refuse(w, handle, SASH_CODE_FORBIDDEN, msg);
    return 0;
}

int sash__app_sandbox_wanted(const sash_app *app)
{
    return app->security ? app->security->config.sandbox : 1;
}
