/*
 * events.c - the public emit functions: C to the pages' listen()
 * listeners (the delivery itself: delivery.c; pages' emit() to C:
 * listeners.c).
 */
#include "internal.h"

int sash_emit_to(sash_app *app, const char *label, const char *name,
                 json_t *payload)
{
    if (!app || !name || !*name) {
        json_decref(payload);
        return SASH_EINVAL;
    }
    if (app->debug) { /* declared event types: warn on a wrong payload */
        sash__rwlock_rdlock(&app->registry.lock);
        void (*check)(sash_app *, const char *, const json_t *) =
            app->registry.event_check;
        sash__rwlock_rdunlock(&app->registry.lock);
        if (check)
            check(app, name, payload);
    }
    json_t *pair = json_pack("[s,o]", name, payload ? payload : json_null());
    if (!pair)
        return SASH_EINVAL; /* name not UTF-8; json_pack freed payload */
    return sash__deliver_event(app, label, name, pair);
}

int sash_emit(sash_app *app, const char *name, json_t *payload)
{
    return sash_emit_to(app, NULL, name, payload);
}

int sash_window_emit(sash_window *window, const char *name, json_t *payload)
{
    if (!window) {
        json_decref(payload);
        return SASH_EINVAL;
    }
    return sash_emit_to(window->app, window->label, name, payload);
}
