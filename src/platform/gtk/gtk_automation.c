/*
 * gtk_automation.c - WebDriver automation on WebKitGTK (4.1 and 6.0).
 *
 * With SASH_AUTOMATION=1 (core/app/automation.c decides), the app's web
 * context allows automation and every view is made "controlled by
 * automation".  WebKitWebDriver starts the app with WEBKIT_INSPECTOR_SERVER
 * in its environment, connects to it and asks for a session: the context
 * emits automation-started, and the session's create-web-view gets the
 * app's main window's view instead of a new one, so tests drive the page
 * the app shows.  Built with SASH_NO_AUTOMATION, none of this exists.
 */
#include <stdio.h>

#include "gtk_internal.h"

#ifdef SASH_NO_AUTOMATION

void sash__gtk_automation_context(sash_app *app, WebKitWebContext *context)
{
    (void)app;
    (void)context;
}

void sash__gtk_automation_view(sash_window *w, WebKitWebView *view)
{
    (void)w;
    (void)view;
}

int sash__gtk_automation_on(void)
{
    return 0;
}

#else

static int automation_on = -1; /* -1 = not asked yet (UI thread only) */

int sash__gtk_automation_on(void)
{
    if (automation_on < 0)
        automation_on = sash__automation_wanted();
    return automation_on;
}

static WebKitWebView *on_create_web_view(WebKitAutomationSession *session,
                                         gpointer app)
{
    (void)session;
    sash_window *w = sash__automation_window(app);
    gtk_window_data *d = w ? sash__window_native(w) : NULL;
    if (!d || !d->view) {
        sash__warn("automation: the app has no window for the session");
        return NULL;
    }
    if (!webkit_web_view_is_controlled_by_automation(d->view)) {
        sash__warn("automation: window '%s' was made before automation was on",
                   sash_window_label(w));
        return NULL;
    }
    return d->view; /* transfer none: the window keeps it */
}

static void on_automation_started(WebKitWebContext *context,
                                  WebKitAutomationSession *session, gpointer app)
{
    (void)context;
    const char *name, *version;
    sash__app_about(app, &name, &version);
    WebKitApplicationInfo *info = webkit_application_info_new();
    webkit_application_info_set_name(info, name ? name : "sash");
    unsigned major = 0, minor = 0, micro = 0;
    if (version)
        sscanf(version, "%u.%u.%u", &major, &minor, &micro);
    webkit_application_info_set_version(info, major, minor, micro);
    webkit_automation_session_set_application_info(session, info);
    webkit_application_info_unref(info);
    g_signal_connect(session, "create-web-view", G_CALLBACK(on_create_web_view),
                     app);
    sash__info("automation: a WebDriver session started (%s)",
               webkit_automation_session_get_id(session));
}

static gboolean close_later(gpointer w)
{
    if (sash__window_native(w)) /* not closed meanwhile */
        sash_window_close(w);
    sash__window_unref(w);
    return G_SOURCE_REMOVE;
}

/* The session closes a browsing context (WebDriver "close window", the
 * end of a session): the window closes, without the page's veto; the
 * last one ends the app unless it keeps running.  From the main loop, not
 * inside WebKit's signal. */
static void on_view_close(WebKitWebView *view, gpointer w)
{
    (void)view;
    sash__window_ref(w);
    /* = g_idle_add(), through the one the backend imports anyway (size) */
    g_idle_add_full(G_PRIORITY_DEFAULT_IDLE, close_later, w, NULL);
}

void sash__gtk_automation_view(sash_window *w, WebKitWebView *view)
{
    if (sash__gtk_automation_on())
        g_signal_connect(view, "close", G_CALLBACK(on_view_close), w);
}

void sash__gtk_automation_context(sash_app *app, WebKitWebContext *context)
{
    if (!sash__gtk_automation_on())
        return;
    webkit_web_context_set_automation_allowed(context, TRUE);
    g_signal_connect(context, "automation-started",
                     G_CALLBACK(on_automation_started), app);
    sash__info("automation: on (SASH_AUTOMATION=1): a WebDriver client can "
               "drive this app's pages");
}

#endif
