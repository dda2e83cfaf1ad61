/*
 * platform_support.c - what a backend does not support.
 *
 * The backend table grows as features arrive (windows, menus, tray,
 * dialogs...), and not every backend gets every entry at once: the GTK4
 * backend, WebView2 and WKWebView leave the entries they lack NULL.  A
 * NULL entry means "not supported on this backend": the core reports it
 * to the caller (SASH_EPLATFORM from C, the "unsupported" code to a page),
 * never calls through NULL and never does nothing silently.  The entries
 * every backend must have are checked once, when the app is made.
 */
#include <stddef.h>

#include "../internal.h"

/* The entries the core calls without checking: every backend has them. */
#define REQUIRED(X)                                                          \
    X(init) X(terminate) X(run) X(quit) X(wake) X(window_create)             \
    X(window_show) X(window_destroy) X(window_set_title) X(window_eval)      \
    X(reply) X(reply_bytes) X(reply_drop) X(timer)         \
    X(open_external)

int sash__platform_check(const sash__platform *p)
{
    if (!p || !p->name)
        return sash__fail(SASH_EPLATFORM, "sash_app_new: no backend");
    if (!p->app_origin || !p->transport_js || !p->raw_path || !p->raw_url ||
        !p->csp_ipc_sources)
        return sash__fail(SASH_EPLATFORM, "sash_app_new: the %s backend "
                          "lacks its origin, paths or transport", p->name);
#define CHECK(entry)                                                         \
    if (!p->entry)                                                           \
        return sash__fail(SASH_EPLATFORM, "sash_app_new: the %s backend "    \
                          "lacks the required entry %s", p->name, #entry);
    REQUIRED(CHECK)
#undef CHECK
    /* Deliveries: by pull (answered like any reply), or window_deliver. */
    if (p->pull_deliveries ? p->oneway : !p->window_deliver)
        return sash__fail(SASH_EPLATFORM, "sash_app_new: the %s backend "
                          "delivers by pull over a one-way transport, or "
                          "lacks window_deliver", p->name);
    return 0;
}

int sash__unsupported(const sash_app *app, const char *what)
{
    const char *name = app && app->platform ? app->platform->name : "?";
    return sash__fail(SASH_EPLATFORM, "%s is not supported on the %s backend",
                      what ? what : "this", name);
}

int sash__reject_unsupported(sash_call *call, const char *what)
{
    const sash_app *app = sash_call_app(call);
    const char *name = app && app->platform ? app->platform->name : "?";
    return sash_reject(call, SASH_CODE_UNSUPPORTED,
                       "%s is not supported on the %s backend",
                       what ? what : "this", name);
}
