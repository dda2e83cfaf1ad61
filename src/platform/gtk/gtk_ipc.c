/*
 * gtk_ipc.c - JSON messages over WebKit's script message handler *with
 * reply*: the reply object is kept (referenced) until a worker finishes,
 * then completed on the UI thread.  No eval-based replies, no id table.
 * Reply handles of both IPC paths (this one and the raw scheme in
 * gtk_raw.c) share one tagged type so the core can treat them alike.
 */
#include <stdlib.h>
#include <string.h>

#include "gtk_internal.h"

/* Shared-memory handles exist only when gtk_shm.c is linked. */
#pragma weak sash__gtk_shm_reply_text
#pragma weak sash__gtk_shm_reply_bytes
/* Per-frame origin exists only when gtk_frames.c is linked (with shm). */
#pragma weak sash__gtk_frame_check

/* Per-frame origin: the bridge ends its text with '#' and the frame's
 * token (cut off here, O(1)); the frame is then checked.  1 if the message
 * may go on (*subframe set), else it has been refused. */
static int frame_ok(sash_window *w, char *text, size_t *len, int *subframe,
                    gtk_reply_handle *h)
{
    gtk_window_data *d = sash__window_native(w);
    WebKitWebView *view = d ? d->view : NULL;
    const char *page;
    char token[33] = "";
    if (text && *len > 33 && text[*len - 33] == '#') {
        memcpy(token, text + *len - 32, 32);
        *len -= 33;
        text[*len] = 0;
    }
    *subframe = 0;
    if (!sash__gtk_frame_check) {
        if (sash__gtk_origin_ok(w, view, &page))
            return 1;
        sash__ipc_forbid_origin(w, page, h);
        return 0;
    }
    const char *why = sash__gtk_frame_check(w, view, token, subframe);
    if (!why)
        return 1;
    sash__ipc_forbid(w, why, h);
    return 0;
}

static void receive(sash_window *w, char *text, gtk_reply_handle *h)
{
    size_t len = text ? strlen(text) : 0;
    int subframe;
    if (!frame_ok(w, text, &len, &subframe, h)) {
        g_free(text);
        return;
    }
    sash__window_set_ipc_subframe(w, subframe);
    sash__ipc_receive_owned(w, text, len, h);
    sash__window_set_ipc_subframe(w, 0);
}

static gboolean on_message(WebKitUserContentManager *ucm, JSCValue *value,
                           WebKitScriptMessageReply *reply, gpointer data)
{
    (void)ucm;
    sash_window *w = data;
    gtk_reply_handle *h = calloc(1, sizeof *h);
    if (!h) {
        webkit_script_message_reply_return_error_message(reply, "out of memory");
        return TRUE;
    }
    h->reply = webkit_script_message_reply_ref(reply);
    h->context = g_object_ref(jsc_value_get_context(value));
    /* The bridge sends text; anything else (a page calling the handler
     * directly) is turned into JSON so the dispatcher can reject it. */
    char *text = jsc_value_is_string(value) ? jsc_value_to_string(value)
                                            : jsc_value_to_json(value, 0);
    receive(w, text, h);
    return TRUE;
}

/* One-way mode: the page's post answers nothing; the core replies by id
 * through the deliveries. */
#ifdef SASH_GTK4 /* WebKitGTK 6.0 passes the value itself */
static void on_message_oneway(WebKitUserContentManager *ucm, JSCValue *value,
                              gpointer data)
{
    (void)ucm;
    sash_window *w = data;
#else
static void on_message_oneway(WebKitUserContentManager *ucm,
                              WebKitJavascriptResult *result, gpointer data)
{
    (void)ucm;
    sash_window *w = data;
    JSCValue *value = webkit_javascript_result_get_js_value(result);
#endif
    char *text = jsc_value_is_string(value) ? jsc_value_to_string(value)
                                            : jsc_value_to_json(value, 0);
    receive(w, text, NULL);
}

void sash__gtk_ipc_connect(sash_window *w, WebKitUserContentManager *ucm)
{
    if (sash__gtk_oneway) {
        g_signal_connect(ucm, "script-message-received::" SASH_GTK_HANDLER,
                         G_CALLBACK(on_message_oneway), w);
#ifdef SASH_GTK4
        webkit_user_content_manager_register_script_message_handler(
            ucm, SASH_GTK_HANDLER, NULL);
#else
        webkit_user_content_manager_register_script_message_handler(
            ucm, SASH_GTK_HANDLER);
#endif
        return;
    }
    g_signal_connect(ucm, "script-message-with-reply-received::" SASH_GTK_HANDLER,
                     G_CALLBACK(on_message), w);
    webkit_user_content_manager_register_script_message_handler_with_reply(
        ucm, SASH_GTK_HANDLER, NULL);
}

void sash__gtk_handle_free(gtk_reply_handle *h)
{
    if (h->reply)
        webkit_script_message_reply_unref(h->reply);
    if (h->context)
        g_object_unref(h->context);
    if (h->request)
        g_object_unref(h->request);
    if (h->message)
        g_object_unref(h->message);
    g_free(h->origin);
    free(h);
}

void sash__gtk_ipc_reply(sash_window *w, void *handle, const char *text,
                         size_t len)
{
    (void)w;
    gtk_reply_handle *h = handle;
    if (h->message) {
        sash__gtk_shm_reply_text(h, text);
    } else if (h->request) {
        sash__gtk_raw_respond(h, text, len, NULL, "json");
    } else {
        JSCValue *v = jsc_value_new_string(h->context, text);
        webkit_script_message_reply_return_value(h->reply, v);
        g_object_unref(v);
    }
    sash__gtk_handle_free(h);
}

void sash__gtk_ipc_reply_bytes(sash_window *w, void *handle, void *data,
                               size_t len, void (*free_fn)(void *))
{
    (void)w;
    gtk_reply_handle *h = handle;
    if (h->message)
        sash__gtk_shm_reply_bytes(w, h, data, len, free_fn);
    else
        sash__gtk_raw_respond(h, data, len, free_fn, "bytes");
    sash__gtk_handle_free(h);
}

void sash__gtk_ipc_reply_drop(void *handle)
{
    gtk_reply_handle *h = handle;
    if (h->message) { /* so the page's promise settles */
        char *text = sash__error_reply(SASH_CODE_CANCELLED, "the window closed");
        if (text)
            sash__gtk_shm_reply_text(h, text);
        free(text);
    }
    if (h->request) { /* a request must be finished, even for a gone page */
        GError *e = g_error_new_literal(G_IO_ERROR, G_IO_ERROR_CLOSED,
                                        "the window closed");
        webkit_uri_scheme_request_finish_error(h->request, e);
        g_error_free(e);
    }
    sash__gtk_handle_free(h);
}
