/*
 * notify.c - desktop notifications: sent from C or pages
 * (notification:notify), clicks and actions back to C
 * (sash_notification_on_action) and to every page ("notification:action").
 */
#include <stdlib.h>
#include <string.h>

#include "calls/call.h"
#include "desktop/desktop.h"

#define MAX_ACTIONS 16
#define MAX_TEXT 65536

typedef struct notify_req {
    sash__notify pub;
    sash__desktop *desk;
    sash_notification_sent_fn fn;
    void *user_data;
    char *title, *body, *icon;
    char **actions; /* NULL-terminated copy */
} notify_req;

static void req_free(notify_req *r)
{
    free(r->title);
    free(r->body);
    free(r->icon);
    for (size_t i = 0; r->actions && r->actions[i]; i++)
        free(r->actions[i]);
    free(r->actions);
    sash__desktop_unref(r->desk);
    free(r);
}

static int text_ok(const char *s)
{
    return !s || (strlen(s) <= MAX_TEXT && sash__utf8_text_ok(s, strlen(s)));
}

static int copy(char **dst, const char *s)
{
    return !s || (*dst = sash__strdup(s)) ? 0 : SASH_ENOMEM;
}

void sash__notify_done(sash__notify *n, long id, const char *error)
{
    notify_req *r = n->core;
    if (r->fn && r->desk->app)
        r->fn(r->desk->app, id > 0 ? id : SASH_EPLATFORM,
              id > 0 ? NULL : (error ? error : "not shown"), r->user_data);
    req_free(r);
}

void sash__notify_action(sash_app *app, long id, const char *action)
{
    if (!app || !app->desktop || !action)
        return;
    sash__desktop *d = app->desktop;
    if (d->action_fn)
        d->action_fn(app, id, action, d->action_data);
    sash_emit(app, "notification:action",
              json_pack("{s:I,s:s}", "id", (json_int_t)id, "action", action));
}

int sash_notification_send(sash_app *app, const sash_notification *n,
                           sash_notification_sent_fn fn, void *user_data)
{
    sash__desktop_anchor(&sash__platform_notify_anchor); /* links the backend's code */
    if (!app || !n || !n->title || !*n->title || !text_ok(n->title) ||
        !text_ok(n->body) || !text_ok(n->icon))
        return SASH_EINVAL;
    if (!sash__is_ui_thread(app))
        return SASH_ETHREAD;
    size_t na = 0;
    while (n->actions && n->actions[na] && na <= 2 * MAX_ACTIONS) {
        if (!text_ok(n->actions[na]) || !*n->actions[na])
            return SASH_EINVAL;
        na++;
    }
    if (na % 2 || na > 2 * MAX_ACTIONS)
        return SASH_EINVAL;
    if (!app->platform->notify)
        return sash__fail(SASH_EPLATFORM, "notifications: the %s backend has "
                          "none", app->platform->name);
    sash__desktop *desk = sash__desktop_get(app);
    notify_req *r = desk ? calloc(1, sizeof *r) : NULL;
    if (!r)
        return SASH_ENOMEM;
    r->desk = sash__desktop_ref(desk);
    r->fn = fn;
    r->user_data = user_data;
    r->actions = calloc(na + 1, sizeof *r->actions);
    int rc = r->actions ? 0 : SASH_ENOMEM;
    for (size_t i = 0; !rc && i < na; i++)
        rc = copy(&r->actions[i], n->actions[i]);
    if (!rc)
        rc = copy(&r->title, n->title) || copy(&r->body, n->body) ||
                     copy(&r->icon, n->icon) ? SASH_ENOMEM : 0;
    if (rc) {
        req_free(r);
        return rc;
    }
    r->pub.n.title = r->title;
    r->pub.n.body = r->body;
    r->pub.n.icon = r->icon;
    r->pub.n.actions = (const char *const *)r->actions;
    r->pub.app_name = app->identifier ? app->identifier : "sash";
    r->pub.core = r;
    app->platform->notify(app, &r->pub);
    return 0;
}

int sash_notification_on_action(sash_app *app, sash_notification_action_fn fn,
                                void *user_data)
{
    if (!app)
        return SASH_EINVAL;
    if (!sash__is_ui_thread(app))
        return SASH_ETHREAD;
    sash__desktop *d = sash__desktop_get(app);
    if (!d)
        return SASH_ENOMEM;
    d->action_fn = fn;
    d->action_data = user_data;
    return 0;
}

/* -- Page commands --------------------------------------------------------- */

static void on_sent(sash_app *app, long id, const char *error, void *ud)
{
    (void)app;
    sash_call *call = ud;
    if (id > 0)
        sash_resolve(call, json_integer(id));
    else
        sash_reject(call, SASH_CODE_INTERNAL, "notification not shown: %s",
                    error);
    sash_call_unref(call);
}

static void cmd_notify(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    sash_notification n = {0};
    if (!json_is_object(args)) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "expected {title, body?, icon?, "
                    "actions?}");
        return;
    }
    if (sash__arg_string(call, args, "title", MAX_TEXT, &n.title) ||
        sash__arg_string(call, args, "body", MAX_TEXT, &n.body) ||
        sash__arg_string(call, args, "icon", 4096, &n.icon))
        return;
    if (!n.title || !*n.title) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "title is required");
        return;
    }
    const json_t *acts = json_object_get(args, "actions");
    if (acts && !json_is_null(acts) &&
        (!json_is_array(acts) || json_array_size(acts) > MAX_ACTIONS)) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "actions must be an array of at "
                    "most %d {id, title} objects", MAX_ACTIONS);
        return;
    }
    const char *list[2 * MAX_ACTIONS + 1] = {0};
    size_t i, k = 0;
    const json_t *a;
    json_array_foreach(acts, i, a) {
        const json_t *id = json_object_get(a, "id");
        const json_t *title = json_object_get(a, "title");
        if (!json_is_string(id) || !json_is_string(title) ||
            !*json_string_value(id) ||
            json_string_length(id) != strlen(json_string_value(id)) ||
            json_string_length(title) != strlen(json_string_value(title))) {
            sash_reject(call, SASH_CODE_BAD_ARGS, "actions[%zu] must be {id: "
                        "string, title: string}", i);
            return;
        }
        list[k++] = json_string_value(id);
        list[k++] = json_string_value(title);
    }
    n.actions = list;
    sash_call_ref(call);
    int rc = sash_notification_send(call->app, &n, on_sent, call);
    if (rc) {
        sash_call_unref(call);
        sash_reject(call, rc == SASH_EINVAL ? SASH_CODE_BAD_ARGS
                                            : SASH_CODE_INTERNAL,
                    "notification: %s", sash_strerror(rc));
    }
}

static void cmd_granted(sash_call *call, const json_t *args, void *ud)
{
    (void)args;
    (void)ud;
    /* The desktop asks no consent: the capability is the permission. */
    sash_resolve(call, json_boolean(sash_call_has_permission(
                           call, "notification:notify")));
}

static void cmd_request(sash_call *call, const json_t *args, void *ud)
{
    (void)args;
    (void)ud;
    sash_resolve(call, json_string(sash_call_has_permission(
                                       call, "notification:notify")
                                       ? "granted" : "denied"));
}

static const sash_command_def defs[] = {
    {"notification:notify", cmd_notify, SASH_COMMAND_UI_THREAD},
    {"notification:is_permission_granted", cmd_granted, 0},
    {"notification:request_permission", cmd_request, 0}};

int sash_notification_enable(sash_app *app)
{
    static const sash_command_def *const list[] = {&defs[0], &defs[1],
                                                   &defs[2]};
    static const char *const all[] = {
        "notification:default", "notification:notify",
        "notification:is_permission_granted",
        "notification:request_permission", NULL};
    static const char *const *const sets[] = {all, NULL};
    return sash__desktop_register(app, list, 3, sets);
}
