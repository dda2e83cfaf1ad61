/*
 * gtk_ipc.c - JSON messages over WebKit's script message handler *with
 * reply*: the reply object is kept (referenced) until a worker finishes,
 * then completed on the UI thread.  No eval-based replies, no id table.
 */
#include <stdlib.h>

#include "gtk_internal.h"

typedef struct reply_handle {
    WebKitScriptMessageReply *reply;
    JSCContext *context; /* to build the reply value in */
} reply_handle;

static gboolean on_message(WebKitUserContentManager *ucm, JSCValue *value,
                           WebKitScriptMessageReply *reply, gpointer data)
{
    (void)ucm;
    sash_window *w = data;
    reply_handle *h = malloc(sizeof *h);
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
    sash__ipc_receive(w, text, text ? strlen(text) : 0, h);
    g_free(text);
    return TRUE;
}

void sash__gtk_ipc_connect(sash_window *w, WebKitUserContentManager *ucm)
{
    g_signal_connect(ucm, "script-message-with-reply-received::" SASH_GTK_HANDLER,
                     G_CALLBACK(on_message), w);
    webkit_user_content_manager_register_script_message_handler_with_reply(
        ucm, SASH_GTK_HANDLER, NULL);
}

static void handle_free(reply_handle *h)
{
    webkit_script_message_reply_unref(h->reply);
    g_object_unref(h->context);
    free(h);
}

void sash__gtk_ipc_reply(sash_window *w, void *handle, const char *text,
                         size_t len)
{
    (void)w;
    (void)len;
    reply_handle *h = handle;
    JSCValue *v = jsc_value_new_string(h->context, text);
    webkit_script_message_reply_return_value(h->reply, v);
    g_object_unref(v);
    handle_free(h);
}

void sash__gtk_ipc_reply_drop(void *handle)
{
    handle_free(handle);
}
