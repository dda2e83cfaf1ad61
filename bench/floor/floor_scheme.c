/*
 * floor_scheme.c - the floor:// custom scheme: embedded page and raw bytes.
 *
 * A POST to floor://app/echo answers its own body as application/
 * octet-stream: the raw-bytes path (fetch with an ArrayBuffer, no base64,
 * no JSON), which needs webkit_uri_scheme_request_get_http_body (2.40).
 */
#include <string.h>

#include "bench_assets.h"
#include "floor.h"

static void finish_not_found(WebKitURISchemeRequest *request)
{
    GError *error = g_error_new_literal(G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                        "not found");
    webkit_uri_scheme_request_finish_error(request, error);
    g_error_free(error);
}

/* The body is already in the UI process's memory, so reading it here does
 * not wait on I/O. */
static void echo_body(WebKitURISchemeRequest *request)
{
    GInputStream *body = webkit_uri_scheme_request_get_http_body(request);
    GByteArray *bytes = g_byte_array_new();
    if (body) {
        guint8 chunk[65536];
        gssize got;
        while ((got = g_input_stream_read(body, chunk, sizeof chunk, NULL,
                                          NULL)) > 0)
            g_byte_array_append(bytes, chunk, (guint)got);
        g_object_unref(body);
    }
    gsize size = bytes->len;
    GBytes *data = g_byte_array_free_to_bytes(bytes);
    GInputStream *stream = g_memory_input_stream_new_from_bytes(data);
    g_bytes_unref(data);
    WebKitURISchemeResponse *response =
        webkit_uri_scheme_response_new(stream, (gint64)size);
    webkit_uri_scheme_response_set_content_type(response,
                                                "application/octet-stream");
    webkit_uri_scheme_request_finish_with_response(request, response);
    g_object_unref(response);
    g_object_unref(stream);
}

/* Shared-memory rows (bench mode shm), the floor's side: the custom
 * scheme one way at a time.  POST /sink answers the body's length as text;
 * GET /make?n=N answers N bytes of a buffer made once. */
static void sink_body(WebKitURISchemeRequest *request)
{
    GInputStream *body = webkit_uri_scheme_request_get_http_body(request);
    gsize total = 0;
    if (body) {
        static guint8 chunk[1 << 20];
        gssize got;
        while ((got = g_input_stream_read(body, chunk, sizeof chunk, NULL, NULL)) > 0)
            total += (gsize)got;
        g_object_unref(body);
    }
    char *text = g_strdup_printf("%" G_GSIZE_FORMAT, total);
    GInputStream *stream = g_memory_input_stream_new_from_data(text, -1, g_free);
    webkit_uri_scheme_request_finish(request, stream, (gint64)strlen(text), "text/plain");
    g_object_unref(stream);
}

static void make_bytes(WebKitURISchemeRequest *request)
{
    static guint8 *made;
    static gsize made_len;
    const char *q = strstr(webkit_uri_scheme_request_get_uri(request), "n=");
    gsize n = q ? (gsize)g_ascii_strtoull(q + 2, NULL, 10) : 0;
    if (n > made_len) {
        g_free(made);
        made = g_malloc0(n);
        made_len = n;
    }
    GBytes *bytes = g_bytes_new_static(made, n);
    GInputStream *stream = g_memory_input_stream_new_from_bytes(bytes);
    g_bytes_unref(bytes);
    webkit_uri_scheme_request_finish(request, stream, (gint64)n,
                                     "application/octet-stream");
    g_object_unref(stream);
}

static void on_request(WebKitURISchemeRequest *request, gpointer data)
{
    (void)data;
    const char *path = webkit_uri_scheme_request_get_path(request);
    const char *method = webkit_uri_scheme_request_get_http_method(request);
    if (strcmp(path, "/echo") == 0 && method && strcmp(method, "POST") == 0) {
        echo_body(request);
        return;
    }
    if (strcmp(path, "/sink") == 0 && method && strcmp(method, "POST") == 0) {
        sink_body(request);
        return;
    }
    if (strcmp(path, "/make") == 0) {
        make_bytes(request);
        return;
    }
    const bench_asset *asset =
        bench_asset_find(bench_web_assets, bench_web_assets_count, path);
    if (!asset) {
        finish_not_found(request);
        return;
    }
    GInputStream *stream =
        g_memory_input_stream_new_from_data(asset->data, (gssize)asset->size,
                                            NULL);
    webkit_uri_scheme_request_finish(request, stream, (gint64)asset->size,
                                     asset->mime);
    g_object_unref(stream);
}

void floor_scheme_register(WebKitWebContext *context)
{
    webkit_web_context_register_uri_scheme(context, "floor", on_request, NULL,
                                           NULL);
    /* Secure: the page is a secure context like an https app would be.
     * CORS-enabled: fetch() may use the scheme at all. */
    WebKitSecurityManager *security =
        webkit_web_context_get_security_manager(context);
    webkit_security_manager_register_uri_scheme_as_secure(security, "floor");
    webkit_security_manager_register_uri_scheme_as_cors_enabled(security,
                                                                "floor");
}
