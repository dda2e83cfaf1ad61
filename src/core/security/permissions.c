/*
 * permissions.c - the public security API: checking sash.json, granting
 * capabilities and defining permission sets from C, and the permission
 * and scope queries a command makes about its caller.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calls/call.h"
#include "security/grants.h"
#include "security/security.h"

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
        return SASH_ECONFIG;
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
    int rc = sash__caps_define(&app->security->caps, permission, commands);
    if (rc == 0 && sash__dev && sash__dev->added) /* sash dev's hot swap */
        sash__dev->added(app, SASH__DEV_PERMISSION, permission, 0, NULL);
    return rc;
}

int sash_call_has_permission(const sash_call *call, const char *permission)
{
    if (!call || !permission)
        return 0;
    return sash__caps_allows_frame(&call->app->security->caps,
                                   call->window->label, permission,
                                   call->subframe);
}

int sash_call_scope_allows(const sash_call *call, const char *scope,
                           const char *path)
{
    if (!call || !scope || !path)
        return 0;
    if (sash__caps_scope_allows(&call->app->security->caps,
                                call->window->label, scope, path))
        return 1;
    /* What the user picked in a dialog of this window (grants.c). */
    return sash__window_scope_granted(call->window, scope, path) &&
           !sash__caps_scope_denies(&call->app->security->caps,
                                    call->window->label, scope, path);
}
