/*
 * gtk_view.c - the WebKitWebView side of a window, the same on GTK3
 * (WebKitGTK 4.1) and GTK4 (WebKitGTK 6.0, compiled with SASH_GTK4): the
 * bridge script and message handler, page loads (show fallback, commit,
 * the dev server that is not up yet), crashes, refused window.open, and
 * the script paths into the page (eval, deliveries).  The windows around
 * it are gtk_window.c and ../gtk4/gtk4_window.c.
 */
#include <stdlib.h>

#include "gtk_internal.h"

/* The shared-memory bytes path, when linked (gtk_shm.c). */
#pragma weak sash__gtk_shm_view

/* If the page never reports a frame (no bridge, broken page), show the
 * window anyway this long after the load finished. */
#define SHOW_FALLBACK_MS 1000

static gtk_window_data *data_of(sash_window *w)
{
    return sash__window_native(w);
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
    /* Still loading (the waiting page, on a loaded machine): a load asked
     * for now could be dropped without any load-failed once the waiting
     * page commits (seen on WebKitGTK 6.0), leaving the window waiting
     * forever; ask again later instead. */
    if (webkit_web_view_is_loading(d->view))
        return G_SOURCE_CONTINUE;
    d->dev_retry = 0;
    webkit_web_view_load_uri(d->view, d->dev_target);
    return G_SOURCE_REMOVE;
}

/* A dev server that is not up yet: say what the window waits for, and
 * try again twice a second until it answers. */
static int wait_for_dev_server(sash_window *w, WebKitWebView *view,
                               const char *uri, const GError *err)
{
    const char *dev = sash__app_dev_url(sash__window_app(w));
    gtk_window_data *d = sash__window_native(w);
    /* Any failure to reach it (refused, no route...).  A cancelled load is
     * a navigation replacing this one, except while waiting: then it is
     * the waiting page's own load (it can start after a retry on a loaded
     * machine), and without a new retry the window would wait forever. */
    int cancelled = err && g_error_matches(err, WEBKIT_NETWORK_ERROR,
                                           WEBKIT_NETWORK_ERROR_CANCELLED);
    if (!dev || !d || !uri || !err || !g_str_has_prefix(uri, dev) ||
        (cancelled && !d->dev_target))
        return 0;
    if (!d->dev_target) { /* first failure: said once, then quietly retried */
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
        return TRUE; /* our page, not WebKit's error page */
    sash__error("window '%s' failed to load %s: %s", sash_window_label(w),
                uri, err ? err->message : "unknown error");
    sash__window_ready(w); /* show WebKit's error page rather than nothing */
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

/* Page JS may not open windows; the app does that from C. */
#ifdef SASH_GTK4 /* 6.0's "create" returns a WebKitWebView */
static WebKitWebView *on_create(WebKitWebView *view, WebKitNavigationAction *a,
                                gpointer w)
#else
static GtkWidget *on_create(WebKitWebView *view, WebKitNavigationAction *a,
                            gpointer w)
#endif
{
    (void)view;
    sash__debug(sash__window_app(w), "window.open from '%s' blocked",
                sash_window_label(w));
    sash__gtk_security_new_window(w, a); /* a click may go to the browser */
    return NULL;
}

WebKitUserContentManager *sash__gtk_view_ucm(sash_window *w, const char *bridge_js)
{
    WebKitUserContentManager *ucm = webkit_user_content_manager_new();
    WebKitUserScript *s = webkit_user_script_new(
        /* Every frame: the bridge ends at once in a subframe that the
         * extension gave no frame token (docs/security.md "Frames"). */
        bridge_js, WEBKIT_USER_CONTENT_INJECT_ALL_FRAMES,
        WEBKIT_USER_SCRIPT_INJECT_AT_DOCUMENT_START, NULL, NULL);
    webkit_user_content_manager_add_script(ucm, s);
    webkit_user_script_unref(s);
    sash__gtk_ipc_connect(w, ucm);
    return ucm;
}

void sash__gtk_view_connect(sash_window *w, WebKitWebView *view)
{
    g_signal_connect(view, "load-changed", G_CALLBACK(on_load_changed), w);
    g_signal_connect(view, "load-failed", G_CALLBACK(on_load_failed), w);
    g_signal_connect(view, "web-process-terminated", G_CALLBACK(on_crashed), w);
    g_signal_connect(view, "create", G_CALLBACK(on_create), w);
    sash__gtk_security_view(w, view);
    sash__gtk_automation_view(w, view); /* SASH_AUTOMATION=1 */
    if (sash__gtk_shm_view)
        sash__gtk_shm_view(w, view);
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

/* The function body never changes, so the engine compiles it once; the
 * batch travels as an argument and is parsed with JSON.parse.  (A script
 * per batch made the web process keep growing under floods of events.) */
void sash__gtk_window_deliver(sash_window *w, const char *batch, size_t len)
{
    static const char body[] =
        "if (window.__SASH__) window.__SASH__._ev(JSON.parse(b));";
    gtk_window_data *d = data_of(w);
    GVariantDict args;
    g_variant_dict_init(&args, NULL);
    g_variant_dict_insert_value(&args, "b",
        g_variant_new_take_string(g_strndup(batch, len)));
    /* Own the arguments: WebKit only borrows them. */
    GVariant *argv = g_variant_ref_sink(g_variant_dict_end(&args));
    sash__window_ref(w); /* until the callback, even if the window closes */
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
