/*
 * floor4_hello.c - the hello world of the size comparison on GTK4 +
 * WebKitGTK 6.0 with no framework: a window, a webview, the embedded page
 * on a custom scheme and one call with a reply (floor_hello.c's jobs).
 */
#include <gtk/gtk.h>
#include <webkit/webkit.h>

#include "bench_assets.h"

static void on_request(WebKitURISchemeRequest *request, gpointer data)
{
    (void)data;
    const bench_asset *asset =
        bench_asset_find(bench_hello_assets, bench_hello_assets_count,
                         webkit_uri_scheme_request_get_path(request));
    if (!asset) {
        GError *e = g_error_new_literal(G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                        "not found");
        webkit_uri_scheme_request_finish_error(request, e);
        g_error_free(e);
        return;
    }
    GInputStream *s = g_memory_input_stream_new_from_data(
        asset->data, (gssize)asset->size, NULL);
    webkit_uri_scheme_request_finish(request, s, (gint64)asset->size,
                                     asset->mime);
    g_object_unref(s);
}

static gboolean on_greet(WebKitUserContentManager *m, JSCValue *msg,
                         WebKitScriptMessageReply *reply, gpointer data)
{
    (void)m;
    (void)data;
    JSCValue *name = jsc_value_object_get_property(msg, "name");
    char *s = jsc_value_to_string(name);
    char *text = g_strdup_printf("Hello, %s!", s);
    JSCValue *answer = jsc_value_new_string(jsc_value_get_context(msg), text);
    webkit_script_message_reply_return_value(reply, answer);
    g_object_unref(answer);
    g_free(text);
    g_free(s);
    g_object_unref(name);
    return TRUE;
}

static void on_destroy(GtkWidget *window, gpointer loop)
{
    (void)window;
    g_main_loop_quit(loop);
}

int main(void)
{
    gtk_init();
    GMainLoop *loop = g_main_loop_new(NULL, FALSE);
    WebKitWebContext *context = webkit_web_context_get_default();
    webkit_web_context_register_uri_scheme(context, "hello", on_request, NULL,
                                           NULL);
    WebKitUserContentManager *ucm = webkit_user_content_manager_new();
    webkit_user_content_manager_register_script_message_handler_with_reply(
        ucm, "hello", NULL);
    g_signal_connect(ucm, "script-message-with-reply-received::hello",
                     G_CALLBACK(on_greet), NULL);
    GtkWidget *view = GTK_WIDGET(g_object_new(
        WEBKIT_TYPE_WEB_VIEW, "user-content-manager", ucm, NULL));
    GtkWidget *window = gtk_window_new();
    gtk_window_set_default_size(GTK_WINDOW(window), 800, 600);
    gtk_window_set_child(GTK_WINDOW(window), view);
    g_signal_connect(window, "destroy", G_CALLBACK(on_destroy), loop);
    webkit_web_view_load_uri(WEBKIT_WEB_VIEW(view), "hello://app/");
    gtk_window_present(GTK_WINDOW(window));
    g_main_loop_run(loop);
    return 0;
}
