/*
 * gtk_raw.c - the raw-bytes path: fetch() POSTs to sash-ipc://app/<cmd>
 * whose body goes to the command untouched (no JSON, no base64), and GETs
 * of sash-ipc://app/__take/<token> that return bytes a JSON call resolved
 * with.  Bodies are read asynchronously so a 100 MB upload never blocks the
 * UI thread.
 *
 * Pages served by the app reach the same handler same-origin, under
 * sash://app/__sash_ipc/ (gtk_scheme.c): a cross-origin (CORS) response
 * costs WebKit extra copies, about 30% of raw throughput in our
 * measurements.  The separate scheme remains for dev-server pages.
 *
 * A body is read only when the request carries the key only the bridge
 * knows and declares a length within the limit: page script can build
 * bodies (a Blob, some streams) that crash WebKit's own
 * webkit_uri_scheme_request_get_http_body(), so anything else is refused
 * before that call.  Reading stops at the declared length.
 */
#include <stdlib.h>
#include <string.h>

#include "gtk_internal.h"

#define RAW_PREFIX SASH_GTK_RAW_SCHEME "://app/"

/* Per-frame origin, when gtk_frames.c is linked (gtk_ipc.c says more). */
#pragma weak sash__gtk_frame_check
#define CHUNK (256 * 1024)

typedef struct body_read {
    gtk_reply_handle *h;
    sash_window *w;
    char *cmd;
    GInputStream *in;
    unsigned char *buf;
    size_t len, cap;
    size_t declared; /* X-Sash-Length: never read past it */
    int subframe;    /* sent by a same-origin iframe (frames) */
} body_read;

static sash_window *window_of(WebKitURISchemeRequest *req)
{
    WebKitWebView *view = webkit_uri_scheme_request_get_web_view(req);
    return view ? g_object_get_data(G_OBJECT(view), "sash-window") : NULL;
}

/* The page origin, echoed in Access-Control-Allow-Origin: the raw scheme
 * is another origin than the page's, so CORS must let the page read it. */
static char *origin_of(WebKitURISchemeRequest *req)
{
    WebKitWebView *view = webkit_uri_scheme_request_get_web_view(req);
    const char *uri = view ? webkit_web_view_get_uri(view) : NULL;
    char origin[512];
    return sash__url_origin(uri, origin, sizeof origin) == 0 ? g_strdup(origin)
                                                             : NULL;
}

/* Answers a rejection (code, message) in the core's wire format. */
static void respond_error(gtk_reply_handle *h, const char *code,
                          const char *message)
{
    char *text = sash__error_reply(code, message);
    if (text) {
        sash__gtk_raw_respond(h, text, strlen(text), free, "json");
        return;
    }
    GError *e = g_error_new_literal(G_IO_ERROR, G_IO_ERROR_FAILED, "out of memory");
    webkit_uri_scheme_request_finish_error(h->request, e);
    g_error_free(e);
}

void sash__gtk_raw_respond(gtk_reply_handle *h, const void *data, size_t len,
                           void (*free_fn)(void *), const char *kind)
{
    GInputStream *s;
    if (free_fn) /* the stream frees the bytes when WebKit is done */
        s = g_memory_input_stream_new_from_data((void *)data, (gssize)len, free_fn);
    else
        s = g_memory_input_stream_new_from_data(g_memdup2(data, len),
                                                (gssize)len, g_free);
    WebKitURISchemeResponse *r = webkit_uri_scheme_response_new(s, (gint64)len);
    SoupMessageHeaders *hd = soup_message_headers_new(SOUP_MESSAGE_HEADERS_RESPONSE);
    const char *mime = g_strcmp0(kind, "bytes") == 0 ? "application/octet-stream"
                                                     : "application/json";
    soup_message_headers_append(hd, "Content-Type", mime);
    soup_message_headers_append(hd, "X-Sash-Reply", kind);
    soup_message_headers_append(hd, "Access-Control-Allow-Origin",
                                h->origin ? h->origin : "null");
    soup_message_headers_append(hd, "Access-Control-Expose-Headers", "X-Sash-Reply");
    soup_message_headers_append(hd, "Cache-Control", "no-store");
    webkit_uri_scheme_response_set_http_headers(r, hd);
    webkit_uri_scheme_response_set_content_type(r, mime);
    webkit_uri_scheme_request_finish_with_response(h->request, r);
    g_object_unref(r);
    g_object_unref(s);
}

static gtk_reply_handle *handle_new(WebKitURISchemeRequest *req)
{
    gtk_reply_handle *h = calloc(1, sizeof *h);
    if (h) {
        h->request = g_object_ref(req);
        h->origin = origin_of(req);
    }
    return h;
}

static void read_next(body_read *b);

static void body_read_free(body_read *b)
{
    sash__window_unref(b->w);
    g_object_unref(b->in);
    free(b->buf);
    g_free(b->cmd);
    free(b);
}

static void on_read(GObject *src, GAsyncResult *res, gpointer data)
{
    body_read *b = data;
    GError *err = NULL;
    gssize n = g_input_stream_read_finish(G_INPUT_STREAM(src), res, &err);
    if (n > 0) {
        b->len += (size_t)n;
        read_next(b);
        return;
    }
    if (n == 0 && b->len != b->declared) {
        respond_error(b->h, SASH_CODE_BAD_ARGS, "the request body is shorter "
                      "than its X-Sash-Length");
        sash__gtk_handle_free(b->h);
    } else if (n == 0) { /* end of body: the core takes buf */
        sash__window_set_ipc_subframe(b->w, b->subframe);
        sash__ipc_receive_raw(b->w, b->cmd, b->buf, b->len, b->h);
        sash__window_set_ipc_subframe(b->w, 0);
        b->buf = NULL;
    } else {
        sash__error("raw IPC body read failed: %s", err->message);
        g_error_free(err);
        respond_error(b->h, SASH_CODE_INTERNAL, "the request body could not be read");
        sash__gtk_handle_free(b->h);
    }
    body_read_free(b);
}

static void read_next(body_read *b)
{
    if (b->len > b->declared) { /* the body is longer than it said */
        respond_error(b->h, SASH_CODE_BAD_ARGS, "the request body is longer "
                      "than its X-Sash-Length");
        sash__gtk_handle_free(b->h);
        body_read_free(b);
        return;
    }
    if (b->cap - b->len < CHUNK) {
        size_t cap = b->cap ? b->cap * 2 : CHUNK * 2;
        unsigned char *buf = realloc(b->buf, cap);
        if (!buf) {
            GError *e = g_error_new_literal(G_IO_ERROR, G_IO_ERROR_FAILED, "no memory");
            webkit_uri_scheme_request_finish_error(b->h->request, e);
            g_error_free(e);
            sash__gtk_handle_free(b->h);
            body_read_free(b);
            return;
        }
        b->buf = buf;
        b->cap = cap;
    }
    /* One byte past the declared length shows a body that lies. */
    size_t room = b->cap - b->len, want = b->declared + 1 - b->len;
    g_input_stream_read_async(b->in, b->buf + b->len, room < want ? room : want,
                              G_PRIORITY_DEFAULT, NULL, on_read, b);
}

/* The bridge's key and a declared length within the limit, or the reason
 * the body will not be read (code and message for the page). */
static const char *refuse_body(WebKitURISchemeRequest *req, sash_window *w,
                               size_t *declared, const char **code)
{
    sash_app *app = sash__window_app(w);
    SoupMessageHeaders *hd = webkit_uri_scheme_request_get_http_headers(req);
    const char *key = hd ? soup_message_headers_get_one(hd, "X-Sash-Key") : NULL;
    const char *len = hd ? soup_message_headers_get_one(hd, "X-Sash-Length") : NULL;
    *code = SASH_CODE_FORBIDDEN;
    if (g_strcmp0(webkit_uri_scheme_request_get_http_method(req), "POST") != 0)
        return "the raw path takes POST requests from the bridge only";
    if (!sash__app_raw_key_ok(app, key))
        return "the raw path takes requests from the bridge only (use "
               "invoke(cmd, bytes)); the request was not read";
    char *end = NULL;
    guint64 n = len ? g_ascii_strtoull(len, &end, 10) : 0;
    *code = SASH_CODE_BAD_ARGS;
    if (!len || !*len || *end || n < 4)
        return "the request has no valid X-Sash-Length";
    *code = SASH_CODE_TOO_LARGE;
    if (n > sash__app_max_message(app))
        return "the request body exceeds security.limits.maxMessageBytes";
    *declared = (size_t)n;
    return NULL;
}

static void start_call(WebKitURISchemeRequest *req, sash_window *w,
                       const char *cmd_escaped, int subframe)
{
    size_t declared = 0;
    const char *code, *why = refuse_body(req, w, &declared, &code);
    gtk_reply_handle *h = handle_new(req);
    body_read *b = calloc(1, sizeof *b);
    if (!h || !b) {
        free(b);
        if (h)
            sash__gtk_ipc_reply_drop(h);
        return;
    }
    if (why) { /* refused before WebKit's body is touched */
        free(b);
        respond_error(h, code, why);
        sash__gtk_handle_free(h);
        return;
    }
    b->h = h;
    b->w = w;
    b->declared = declared;
    b->subframe = subframe;
    sash__window_ref(w);
    b->cmd = g_uri_unescape_string(cmd_escaped, NULL);
    b->in = webkit_uri_scheme_request_get_http_body(req);
    if (!b->in) /* no body at all: same as an empty one */
        b->in = g_memory_input_stream_new();
    read_next(b);
}

static void take(WebKitURISchemeRequest *req, sash_window *w, const char *token)
{
    gtk_reply_handle *h = handle_new(req);
    if (!h)
        return;
    void *data;
    size_t len;
    void (*free_fn)(void *);
    if (sash__ipc_take(w, token, &data, &len, &free_fn) == 0) {
        sash__gtk_raw_respond(h, data, len, free_fn, "bytes");
    } else {
        respond_error(h, SASH_CODE_NOT_FOUND, "no such result (already taken?)");
    }
    sash__gtk_handle_free(h);
}

static void fail_request(WebKitURISchemeRequest *req, int code, const char *msg)
{
    GError *e = g_error_new_literal(G_IO_ERROR, code, msg);
    webkit_uri_scheme_request_finish_error(req, e);
    g_error_free(e);
}

void sash__gtk_raw_request(WebKitURISchemeRequest *req, const char *rest)
{
    sash_window *w = window_of(req);
    if (!w) {
        fail_request(req, G_IO_ERROR_NOT_FOUND, "not a Sash window");
        return;
    }
    const char *page;
    WebKitWebView *view = webkit_uri_scheme_request_get_web_view(req);
    if (!sash__gtk_origin_ok(w, view, &page)) {
        fail_request(req, G_IO_ERROR_PERMISSION_DENIED,
                     "forbidden: not the app's origin");
        return;
    }
    /* Per-frame origin: the frame's token (the bridge's header). */
    int subframe = 0;
    SoupMessageHeaders *hd = webkit_uri_scheme_request_get_http_headers(req);
    const char *token = hd ? soup_message_headers_get_one(hd, "X-Sash-Frame") : NULL;
    const char *why = sash__gtk_frame_check
                          ? sash__gtk_frame_check(w, view, token, &subframe)
                          : NULL;
    if (why) { /* refused before the body is touched */
        gtk_reply_handle *h = handle_new(req);
        if (h) {
            respond_error(h, SASH_CODE_FORBIDDEN, why);
            sash__gtk_handle_free(h);
        }
        return;
    }
    if (g_str_has_prefix(rest, "__take/"))
        take(req, w, rest + 7);
    else
        start_call(req, w, rest, subframe);
}

static void on_raw_request(WebKitURISchemeRequest *req, gpointer data)
{
    (void)data;
    const char *uri = webkit_uri_scheme_request_get_uri(req);
    if (!g_str_has_prefix(uri, RAW_PREFIX)) {
        fail_request(req, G_IO_ERROR_NOT_FOUND, "not the app host");
        return;
    }
    sash__gtk_raw_request(req, uri + sizeof RAW_PREFIX - 1);
}

void sash__gtk_raw_register(sash_app *app, WebKitWebContext *context)
{
    webkit_web_context_register_uri_scheme(context, SASH_GTK_RAW_SCHEME,
                                           on_raw_request, app, NULL);
    WebKitSecurityManager *sm = webkit_web_context_get_security_manager(context);
    webkit_security_manager_register_uri_scheme_as_secure(sm, SASH_GTK_RAW_SCHEME);
    webkit_security_manager_register_uri_scheme_as_cors_enabled(sm, SASH_GTK_RAW_SCHEME);
}
