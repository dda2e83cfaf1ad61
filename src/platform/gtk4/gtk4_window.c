/*
 * gtk4_window.c - a GtkWindow (GTK4) holding one WebKitWebView (6.0).
 *
 * As on GTK3 (gtk_window.c): no white flash, the window is mapped at
 * opacity 0 and raised to 1 when the bridge reports the first frame.
 * What GTK4 changed: "close-request" instead of "delete-event", a child
 * instead of a container, no window positioning (the window manager
 * places windows; `no_center` has no effect), minimum sizes as the view's
 * size request, and the view takes a WebKitNetworkSession.
 */
#include <stdlib.h>

#include "gtk4_internal.h"

#define SHOW_FALLBACK_MS 1000

static gtk_window_data *data_of(sash_window *w)
{
    return sash__window_native(w);
}

static gboolean on_close_request(GtkWindow *win, gpointer w)
{
    (void)win;
    sash__window_finish_close(w); /* calls back into window_destroy */
    return TRUE;
}

static gboolean show_fallback(gpointer w)
{
    data_of(w)->show_fallback = 0;
    sash__window_ready(w);
    return G_SOURCE_REMOVE;
}

static void on_load_changed(WebKitWebView *view, WebKitLoadEvent ev, gpointer w)
{
    (void)view;
    gtk_window_data *d = data_of(w);
    if (ev == WEBKIT_LOAD_COMMITTED)
        sash__window_page_changed(w);
    if (ev == WEBKIT_LOAD_FINISHED && !d->show_fallback &&
        !sash_window_is_shown(w))
        d->show_fallback = g_timeout_add(SHOW_FALLBACK_MS, show_fallback, w);
}

static gboolean retry_dev(gpointer w)
{
    gtk_window_data *d = sash__window_native(w);
    d->dev_retry = 0;
    webkit_web_view_load_uri(d->view, d->dev_target);
    return G_SOURCE_REMOVE;
}

/* A dev server that is not up yet: as gtk_window.c. */
static int wait_for_dev_server(sash_window *w, WebKitWebView *view,
                               const char *uri, const GError *err)
{
    const char *dev = sash__app_dev_url(sash__window_app(w));
    gtk_window_data *d = sash__window_native(w);
    if (!dev || !d || !uri || !err || !g_str_has_prefix(uri, dev) ||
        g_error_matches(err, WEBKIT_NETWORK_ERROR, WEBKIT_NETWORK_ERROR_CANCELLED))
        return 0;
    if (!d->dev_target) {
        sash__warn("window '%s': waiting for the dev server at %s (%s)",
                   sash_window_label(w), dev, err->message);
        d->dev_target = g_strdup(uri);
        char *page = sash__dev_waiting_page(sash__window_app(w), err->message);
        if (page)
            webkit_web_view_load_alternate_html(view, page, uri, NULL);
        free(page);
        sash__window_ready(w);
    }
    if (!d->dev_retry)
        d->dev_retry = g_timeout_add(500, retry_dev, w);
    return 1;
}

static gboolean on_load_failed(WebKitWebView *view, WebKitLoadEvent ev,
                               gchar *uri, GError *err, gpointer w)
{
    (void)ev;
    if (wait_for_dev_server(w, view, uri, err))
        return TRUE;
    sash__error("window '%s' failed to load %s: %s", sash_window_label(w),
                uri, err ? err->message : "unknown error");
    sash__window_ready(w);
    return FALSE;
}

static void on_crashed(WebKitWebView *view, WebKitWebProcessTerminationReason r,
                       gpointer w)
{
    (void)view;
    sash__error("the web process of window '%s' ended (%s)",
                sash_window_label(w),
                r == WEBKIT_WEB_PROCESS_CRASHED ? "crashed" : "out of memory");
}

/* Page JS may not open windows (6.0's "create" returns a WebKitWebView). */
static WebKitWebView *on_create(WebKitWebView *view, WebKitNavigationAction *a,
                                gpointer w)
{
    (void)view;
    sash__debug(sash__window_app(w), "window.open from '%s' blocked",
                sash_window_label(w));
    sash__gtk_security_new_window(w, a);
    return NULL;
}

static WebKitUserContentManager *make_ucm(sash_window *w, const char *bridge_js)
{
    WebKitUserContentManager *ucm = webkit_user_content_manager_new();
    WebKitUserScript *s = webkit_user_script_new(
        bridge_js, WEBKIT_USER_CONTENT_INJECT_TOP_FRAME,
        WEBKIT_USER_SCRIPT_INJECT_AT_DOCUMENT_START, NULL, NULL);
    webkit_user_content_manager_add_script(ucm, s);
    webkit_user_script_unref(s);
    sash__gtk_ipc_connect(w, ucm);
    return ucm;
}

static void apply_geometry(GtkWindow *win, GtkWidget *view,
                           const sash_window_options *o)
{
    gtk_window_set_default_size(win, o->width, o->height);
    gtk_window_set_resizable(win, !o->fixed_size);
    if (o->min_width > 0 || o->min_height > 0)
        gtk_widget_set_size_request(view, o->min_width > 0 ? o->min_width : -1,
                                    o->min_height > 0 ? o->min_height : -1);
}

int sash__gtk_window_create(sash_window *w, const sash_window_options *o,
                            const char *url, const char *bridge_js)
{
    sash_app *app = sash__window_app(w);
    gtk4_app_data *ad = sash__app_platform_data(app);
    gtk_window_data *d = calloc(1, sizeof *d);
    if (!d)
        return SASH_ENOMEM;
    d->ucm = make_ucm(w, bridge_js);
    d->view = WEBKIT_WEB_VIEW(g_object_new(WEBKIT_TYPE_WEB_VIEW,
                                           "web-context", ad->context,
                                           "network-session", ad->session,
                                           "user-content-manager", d->ucm,
                                           NULL));
    /* The window owns the view; keep one reference of our own so the
     * view outlives the window's disposal until we are done with it. */
    g_object_ref_sink(d->view);
    WebKitSettings *st = webkit_web_view_get_settings(d->view);
    webkit_settings_set_enable_developer_extras(st, sash__app_debug(app));
    sash__gtk_tune_settings(st);
    d->window = gtk_window_new();
    GtkWindow *win = GTK_WINDOW(d->window);
    gtk_window_set_title(win, o->title ? o->title : "");
    apply_geometry(win, GTK_WIDGET(d->view), o);
    gtk_window_set_child(win, GTK_WIDGET(d->view));
    g_signal_connect(d->window, "close-request", G_CALLBACK(on_close_request), w);
    g_signal_connect(d->view, "load-changed", G_CALLBACK(on_load_changed), w);
    g_signal_connect(d->view, "load-failed", G_CALLBACK(on_load_failed), w);
    g_signal_connect(d->view, "web-process-terminated", G_CALLBACK(on_crashed), w);
    g_signal_connect(d->view, "create", G_CALLBACK(on_create), w);
    sash__gtk_security_view(w, d->view);
    d->cancel = g_cancellable_new();
    sash__window_set_native(w, d);
    g_object_set_data(G_OBJECT(d->view), "sash-window", w);
    gtk_widget_set_opacity(d->window, 0.0);
    gtk_widget_set_visible(d->window, TRUE);
    webkit_web_view_load_uri(d->view, url);
    sash__window_view_ready(w);
    return 0;
}

void sash__gtk_window_show(sash_window *w)
{
    gtk_window_data *d = data_of(w);
    if (d->show_fallback) {
        g_source_remove(d->show_fallback);
        d->show_fallback = 0;
    }
    gtk_widget_set_opacity(d->window, 1.0);
    gtk_window_present(GTK_WINDOW(d->window));
}

void sash__gtk_window_destroy(sash_window *w)
{
    gtk_window_data *d = data_of(w);
    if (!d)
        return;
    if (d->show_fallback)
        g_source_remove(d->show_fallback);
    if (d->dev_retry)
        g_source_remove(d->dev_retry);
    g_free(d->dev_target);
    g_cancellable_cancel(d->cancel);
    g_object_unref(d->cancel);
    g_signal_handlers_disconnect_by_data(d->ucm, w);
    g_signal_handlers_disconnect_by_data(d->view, w);
    g_signal_handlers_disconnect_by_data(d->window, w);
    g_object_set_data(G_OBJECT(d->view), "sash-window", NULL);
    webkit_user_content_manager_unregister_script_message_handler(
        d->ucm, SASH_GTK_HANDLER, NULL);
    gtk_window_destroy(GTK_WINDOW(d->window));
    g_object_unref(d->view);
    g_object_unref(d->ucm);
    sash__window_set_native(w, NULL);
    free(d);
}

void sash__gtk_window_set_title(sash_window *w, const char *title)
{
    gtk_window_set_title(GTK_WINDOW(data_of(w)->window), title);
}

static void on_delivered(GObject *view, GAsyncResult *res, gpointer w)
{
    GError *err = NULL;
    JSCValue *v = webkit_web_view_call_async_javascript_function_finish(
        WEBKIT_WEB_VIEW(view), res, &err);
    if (v)
        g_object_unref(v);
    int gone = err && g_error_matches(err, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    if (err)
        g_error_free(err);
    if (!gone)
        sash__window_delivered(w);
    sash__window_unref(w);
}

/* One compiled function, the batch as its argument (gtk_window.c). */
void sash__gtk_window_deliver(sash_window *w, const char *batch, size_t len)
{
    static const char body[] =
        "if (window.__SASH__) window.__SASH__._ev(JSON.parse(b));";
    gtk_window_data *d = data_of(w);
    GVariantDict args;
    g_variant_dict_init(&args, NULL);
    g_variant_dict_insert_value(&args, "b",
        g_variant_new_take_string(g_strndup(batch, len)));
    GVariant *argv = g_variant_ref_sink(g_variant_dict_end(&args));
    sash__window_ref(w);
    webkit_web_view_call_async_javascript_function(
        d->view, body, sizeof body - 1, argv, NULL, NULL, d->cancel,
        on_delivered, w);
    g_variant_unref(argv);
}

void sash__gtk_window_eval(sash_window *w, const char *js, size_t len)
{
    webkit_web_view_evaluate_javascript(data_of(w)->view, js, (gssize)len,
                                        NULL, NULL, NULL, NULL, NULL);
}
