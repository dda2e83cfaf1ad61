/*
 * gtk_security.c - the GTK backend's part of the security model:
 *   - IPC only from pages of the app's origin (checked per message against
 *     the view's URI; with the web extension also per frame: gtk_frames.c);
 *   - navigation of any frame stays on the app's origin, because WebKit
 *     exposes the message handler to every frame of the page; only with
 *     the extension (every message names its frame) may iframes load the
 *     remote origins of security.frameOrigins; clicked http(s) links open
 *     in the browser;
 *   - WebKit's web-process sandbox (bubblewrap) where the system can run it.
 */
#define _GNU_SOURCE /* clone flags */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "gtk_internal.h"

/* Per-frame origin (gtk_frames.c): with the shm code linked only. */
#pragma weak sash__gtk_frames_ext

/* security.frameOrigins: a remote origin may load in an iframe only when
 * every IPC message names its frame (the extension is loaded for this
 * view); otherwise it stays blocked, and one line says why. */
static int frame_origin_ok(sash_window *w, WebKitWebView *view, const char *uri)
{
    sash_app *app = sash__window_app(w);
    if (!sash__app_frame_origin_listed(app, uri))
        return 0;
    if (sash__gtk_frames_ext && sash__gtk_frames_ext(view))
        return 1;
    static int said;
    if (!said) {
        said = 1;
        sash__warn("security.frameOrigins: cross-origin frames stay blocked: "
                   "no web-process extension to name each message's frame "
                   "(SASH_SHM=0, no bytes code linked, or see the "
                   "shared-memory line)");
    }
    return 0;
}

int sash__gtk_origin_ok(sash_window *w, WebKitWebView *view, const char **uri)
{
    *uri = view ? webkit_web_view_get_uri(view) : NULL;
    return sash__app_origin_allowed(sash__window_app(w), *uri);
}

static void launched(GObject *src, GAsyncResult *res, gpointer uri)
{
    (void)src;
    GError *err = NULL;
    if (!g_app_info_launch_default_for_uri_finish(res, &err)) {
        sash__error("could not open %s in the browser: %s", (char *)uri,
                    err->message);
        g_error_free(err);
    }
    g_free(uri);
}

void sash__gtk_open_external(sash_app *app, const char *url)
{
    (void)app;
    g_app_info_launch_default_for_uri_async(url, NULL, NULL, launched,
                                            g_strdup(url));
}

/* The core decides (sash__navigation_decide); WebKit carries it out. */
static gboolean on_decide_policy(WebKitWebView *view, WebKitPolicyDecision *d,
                                 WebKitPolicyDecisionType type, gpointer w)
{
    if (type != WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION &&
        type != WEBKIT_POLICY_DECISION_TYPE_NEW_WINDOW_ACTION)
        return FALSE;
    WebKitNavigationAction *a = webkit_navigation_policy_decision_get_navigation_action(
        WEBKIT_NAVIGATION_POLICY_DECISION(d));
    const char *uri = webkit_uri_request_get_uri(webkit_navigation_action_get_request(a));
    int new_window = type == WEBKIT_POLICY_DECISION_TYPE_NEW_WINDOW_ACTION;
    /* An iframe of a listed remote origin (the top frame is stopped from
     * going there in gtk_frames.c). */
    if (!new_window && frame_origin_ok(w, view, uri))
        return FALSE;
    /* With a user gesture, a clicked link or a script navigation
     * (location.href = ... in a click handler) goes to the browser; a form
     * submission never does (its body would be lost).  Deliveries run no
     * script in the page (they are answers to the bridge's pull), so a
     * listener is no gesture; sash_window_eval() still is.  The one-way
     * test mode delivers by script: only clicked links there. */
    WebKitNavigationType kind = webkit_navigation_action_get_navigation_type(a);
    int gesture = webkit_navigation_action_is_user_gesture(a) &&
                  (new_window || kind == WEBKIT_NAVIGATION_TYPE_LINK_CLICKED ||
                   (kind == WEBKIT_NAVIGATION_TYPE_OTHER && !sash__gtk_oneway));
    if (sash__navigation_decide(w, uri, new_window, gesture))
        return FALSE;
    webkit_policy_decision_ignore(d);
    return TRUE;
}

void sash__gtk_security_new_window(sash_window *w, WebKitNavigationAction *a)
{
    const char *uri = webkit_uri_request_get_uri(webkit_navigation_action_get_request(a));
    if (uri)
        sash__navigation_decide(w, uri, 1,
                                webkit_navigation_action_is_user_gesture(a));
}

void sash__gtk_security_view(sash_window *w, WebKitWebView *view)
{
    g_signal_connect(view, "decide-policy", G_CALLBACK(on_decide_policy), w);
}

/* bubblewrap needs new namespaces: a child cloned into them (and gone at
 * once, ~0.2 ms) proves that the kernel, seccomp and the LSM allow it,
 * which a container or a hardened distribution may not. */
static int can_unshare(int flags)
{
    pid_t pid = (pid_t)syscall(SYS_clone, flags | SIGCHLD, NULL, NULL, NULL, NULL);
    if (pid == 0)
        _exit(0);
    if (pid < 0)
        return 0;
    int status = 0;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return 0;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* NULL when the sandbox can run here, else why not. */
static const char *sandbox_obstacle(void)
{
    if (g_file_test("/.flatpak-info", G_FILE_TEST_EXISTS))
        return NULL; /* WebKit sandboxes through the Flatpak portal */
    char *bwrap = g_find_program_in_path("bwrap");
    char *proxy = g_find_program_in_path("xdg-dbus-proxy");
    const char *why = !bwrap ? "bubblewrap (bwrap) is not installed"
                    : !proxy ? "xdg-dbus-proxy is not installed"
                    : NULL;
    g_free(bwrap);
    g_free(proxy);
    if (why)
        return why;
    if (!can_unshare(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID) &&
        !(geteuid() == 0 && can_unshare(CLONE_NEWNS | CLONE_NEWPID)))
        return "namespaces are not allowed here (a container, or "
               "unprivileged user namespaces are off)";
    return NULL;
}

#ifdef SASH_GTK4
/* WebKitGTK 6.0 always sandboxes its web processes, and a web process
 * that cannot start bubblewrap dies: where the sandbox is turned off or
 * cannot run, the engine is told so before its first process starts. */
static void sandbox_off(sash_app *app, const char *why)
{
    sash__debug(app, "web-process sandbox: off (%s)", why);
    g_setenv("WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS", "1", TRUE);
}

void sash__gtk_security_context(sash_app *app, WebKitWebContext *context)
{
    (void)context;
    if (!sash__app_sandbox_wanted(app)) {
        sandbox_off(app, "security.sandbox is false");
        return;
    }
    if (getenv("WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS")) {
        sash__debug(app, "web-process sandbox: off "
                    "(WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS is set)");
        return;
    }
    const char *why = sandbox_obstacle();
    if (why) {
        sash__debug(app, "web-process sandbox: unavailable, running without "
                    "it: %s", why);
        g_setenv("WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS", "1", TRUE);
        return;
    }
    sash__debug(app, "web-process sandbox: on (bubblewrap)");
}
#else
void sash__gtk_security_context(sash_app *app, WebKitWebContext *context)
{
    if (!sash__app_sandbox_wanted(app)) {
        sash__debug(app, "web-process sandbox: off (security.sandbox is false)");
        return;
    }
    if (getenv("WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS")) {
        sash__debug(app, "web-process sandbox: off "
                    "(WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS is set)");
        return;
    }
    const char *why = sandbox_obstacle();
    if (why) {
        sash__debug(app, "web-process sandbox: unavailable, running without "
                    "it: %s", why);
        return;
    }
    webkit_web_context_set_sandbox_enabled(context, TRUE);
    sash__debug(app, "web-process sandbox: on (bubblewrap)");
}
#endif
