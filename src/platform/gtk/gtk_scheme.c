/*
 * gtk_scheme.c - serves the embedded front end from sash://app/.
 */
#include "gtk_internal.h"

static void finish_status(WebKitURISchemeRequest *req, int status,
                          const char *reason)
{
    GInputStream *s = g_memory_input_stream_new_from_data(reason,
                                                          (gssize)strlen(reason), NULL);
    WebKitURISchemeResponse *r =
        webkit_uri_scheme_response_new(s, (gint64)strlen(reason));
    webkit_uri_scheme_response_set_status(r, (guint)status, reason);
    webkit_uri_scheme_response_set_content_type(r, "text/plain; charset=utf-8");
    webkit_uri_scheme_request_finish_with_response(req, r);
    g_object_unref(r);
    g_object_unref(s);
}

static void on_request(WebKitURISchemeRequest *req, gpointer data)
{
    sash_app *app = data;
    const char *uri = webkit_uri_scheme_request_get_uri(req);
    /* Only the app's own host: sash://anything-else/ is not ours. */
    if (!g_str_has_prefix(uri, SASH_GTK_SCHEME "://app/")) {
        finish_status(req, 404, "Not Found");
        return;
    }
    const char *path = uri + sizeof(SASH_GTK_SCHEME "://app") - 1;
    const sash_asset *a = NULL;
    int status = sash__app_asset(app, path, &a);
    sash__debug(app, "asset %s -> %d", path, status);
    if (status != 200) {
        finish_status(req, status, status == 400 ? "Bad Request" : "Not Found");
        return;
    }
    /* Embedded data is static: no copy, no free. */
    GInputStream *s = g_memory_input_stream_new_from_data(a->data,
                                                          (gssize)a->size, NULL);
    WebKitURISchemeResponse *r = webkit_uri_scheme_response_new(s, (gint64)a->size);
    webkit_uri_scheme_response_set_content_type(r, a->mime);
    webkit_uri_scheme_request_finish_with_response(req, r);
    g_object_unref(r);
    g_object_unref(s);
}

void sash__gtk_scheme_register(sash_app *app, WebKitWebContext *context)
{
    webkit_web_context_register_uri_scheme(context, SASH_GTK_SCHEME, on_request,
                                           app, NULL);
    WebKitSecurityManager *sm = webkit_web_context_get_security_manager(context);
    /* A secure context, so fetch/crypto/etc. behave as on https. */
    webkit_security_manager_register_uri_scheme_as_secure(sm, SASH_GTK_SCHEME);
    webkit_security_manager_register_uri_scheme_as_cors_enabled(sm, SASH_GTK_SCHEME);
}
