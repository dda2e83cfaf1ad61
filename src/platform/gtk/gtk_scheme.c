/*
 * gtk_scheme.c - serves the embedded front end from sash://app/.
 */
#include "gtk_internal.h"

/* Answers with static bytes.  Headers are set explicitly: without them
 * fetch() sees no Content-Type on a custom scheme. */
static void respond(WebKitURISchemeRequest *req, int status, const char *reason,
                    const void *data, size_t size, const char *mime,
                    const char *csp, void *owned)
{
    /* Static bytes are not copied; `owned` (an inflated file) is freed
     * with the stream. */
    GInputStream *s = g_memory_input_stream_new_from_data(data, (gssize)size,
                                                          owned ? free : NULL);
    WebKitURISchemeResponse *r = webkit_uri_scheme_response_new(s, (gint64)size);
    SoupMessageHeaders *h = soup_message_headers_new(SOUP_MESSAGE_HEADERS_RESPONSE);
    soup_message_headers_append(h, "Content-Type", mime);
    soup_message_headers_append(h, "X-Content-Type-Options", "nosniff");
    if (csp) /* security.csp; NULL when the app turned it off */
        soup_message_headers_append(h, "Content-Security-Policy", csp);
    webkit_uri_scheme_response_set_http_headers(r, h); /* takes h */
    webkit_uri_scheme_response_set_status(r, (guint)status, reason);
    webkit_uri_scheme_response_set_content_type(r, mime);
    webkit_uri_scheme_request_finish_with_response(req, r);
    g_object_unref(r);
    g_object_unref(s);
}

static void finish_status(WebKitURISchemeRequest *req, int status,
                          const char *reason)
{
    respond(req, status, reason, reason, strlen(reason),
            "text/plain; charset=utf-8", NULL, NULL);
}

/* The app a context serves, as object data of the context rather than
 * the handler's user data: WebKit may keep a context (and a view of it)
 * alive after sash_app_free(), and there is no unregistering a scheme, so
 * the backend's terminate detaches it (sash__gtk_scheme_detach) and a late
 * request finds no app instead of a freed one. */
#define SASH_GTK_APP_KEY "sash-app"

static void on_request(WebKitURISchemeRequest *req, gpointer context)
{
    sash_app *app = g_object_get_data(context, SASH_GTK_APP_KEY);
    const char *uri = webkit_uri_scheme_request_get_uri(req);
    if (!app) {
        finish_status(req, 503, "Service Unavailable");
        return;
    }
    /* Only the app's own host: sash://anything-else/ is not ours. */
    if (!g_str_has_prefix(uri, SASH_GTK_SCHEME "://app/")) {
        finish_status(req, 404, "Not Found");
        return;
    }
    const char *path = uri + sizeof(SASH_GTK_SCHEME "://app") - 1;
    if (g_str_has_prefix(path, SASH_GTK_IPC_PATH)) {
        sash__gtk_raw_request(req, path + sizeof SASH_GTK_IPC_PATH - 1);
        return;
    }
    const sash_asset *a = NULL;
    int status = sash__app_asset(app, path, &a);
    sash__debug(app, "asset %s -> %d", path, status);
    if (status != 200) {
        finish_status(req, status, status == 400 ? "Bad Request" : "Not Found");
        return;
    }
    void *owned;
    const unsigned char *bytes = sash_asset_data(a, &owned);
    if (!bytes) {
        finish_status(req, 500, "Internal Server Error");
        return;
    }
    respond(req, 200, "OK", bytes, a->size, a->mime, sash__app_csp(app), owned);
}

void sash__gtk_scheme_register(sash_app *app, WebKitWebContext *context)
{
    g_object_set_data(G_OBJECT(context), SASH_GTK_APP_KEY, app);
    webkit_web_context_register_uri_scheme(context, SASH_GTK_SCHEME, on_request,
                                           context, NULL);
    WebKitSecurityManager *sm = webkit_web_context_get_security_manager(context);
    /* A secure context, so fetch/crypto/etc. behave as on https. */
    webkit_security_manager_register_uri_scheme_as_secure(sm, SASH_GTK_SCHEME);
    webkit_security_manager_register_uri_scheme_as_cors_enabled(sm, SASH_GTK_SCHEME);
}

void sash__gtk_scheme_detach(sash_app *app, WebKitWebContext *context)
{
    g_object_set_data(G_OBJECT(context), SASH_GTK_APP_KEY, NULL);
    g_signal_handlers_disconnect_by_data(context, app); /* automation */
}
