/*
 * gtk_frames.c - per-frame origin on the GTK backends (docs/security.md
 * "Frames"): which frame sent each IPC message, unforgeably.  GTK3 and
 * GTK4 (compiled with SASH_GTK4: the same WebKit calls in 6.0).
 *
 * Sash's web-process extension (ext/sash_ext.c) gives each frame that may
 * use IPC (the top frame and same-origin iframes) its own random token
 * before any of its script runs, and tells the app here (sash-frame user
 * messages, which page script cannot send).  The bridge puts the token on
 * every message: JSON ('#' + token before the text), raw bytes (the
 * X-Sash-Frame header), shared memory (the extension's own functions
 * carry it).  A message with no token or an unknown one is refused, so a
 * frame of another origin, which never gets a token, cannot use IPC by
 * any path.  Tokens die with their document (a new document of the frame,
 * the frame's end, a new top page, the view's end).
 *
 * Without the extension (it did not load, SASH_SHM=0, an app that links
 * no bytes code) no view is marked and the old per-window check
 * stands: messages count as the top frame's, and cross-origin frames are
 * never loaded (gtk_security.c).
 *
 * Linked with gtk_shm.c (which calls sash__gtk_frames_view); the other
 * files declare these weak.
 */
#include <string.h>

#include "gtk_internal.h"

typedef struct frame_info {
    char *origin;
    int main;
} frame_info;

typedef struct frames_state {
    GHashTable *tokens; /* token -> frame_info */
    int ext;            /* the extension spoke for this view */
} frames_state;

static void info_free(gpointer p)
{
    frame_info *f = p;
    g_free(f->origin);
    g_free(f);
}

static void state_free(gpointer p)
{
    frames_state *s = p;
    g_hash_table_destroy(s->tokens);
    g_free(s);
}

static frames_state *state_of(WebKitWebView *view, int create)
{
    if (!view)
        return NULL;
    frames_state *s = g_object_get_data(G_OBJECT(view), "sash-frames");
    if (!s && create) {
        s = g_new0(frames_state, 1);
        s->tokens = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, info_free);
        g_object_set_data_full(G_OBJECT(view), "sash-frames", s, state_free);
    }
    return s;
}

int sash__gtk_frames_ext(WebKitWebView *view)
{
    frames_state *s = state_of(view, 0);
    return s && s->ext;
}

const char *sash__gtk_frame_check(sash_window *w, WebKitWebView *view,
                                  const char *token, int *subframe)
{
    *subframe = 0;
    const char *page;
    if (!sash__gtk_origin_ok(w, view, &page))
        return "IPC is not available to this page: only the app's own origin "
               "may call it";
    frames_state *s = state_of(view, 0);
    if (!s || !s->ext)
        return NULL; /* no extension: the per-window check above */
    if (!token || !*token)
        return "the message names no frame (only the bridge of a frame "
               "allowed IPC can send one; frames of other origins never can)";
    frame_info *f = g_hash_table_lookup(s->tokens, token);
    if (!f)
        return "the message's frame token is unknown or expired (its "
               "document is gone, or it was never given)";
    if (!sash__app_origin_allowed(sash__window_app(w), f->origin))
        return "the frame's origin may not use IPC";
    *subframe = !f->main;
    return NULL;
}

/* The top frame's document may be only of an allowed origin: a remote
 * origin of security.frameOrigins is for iframes.  WebKitGTK's navigation
 * decision does not say which frame navigates, so the navigation is let
 * through (gtk_security.c) and the top frame's response is refused here,
 * before anything of it is shown or run. */
static gboolean on_decide_policy(WebKitWebView *view, WebKitPolicyDecision *d,
                                 WebKitPolicyDecisionType type, gpointer w)
{
    (void)view;
    if (type != WEBKIT_POLICY_DECISION_TYPE_RESPONSE)
        return FALSE;
    WebKitResponsePolicyDecision *r = WEBKIT_RESPONSE_POLICY_DECISION(d);
    if (!webkit_response_policy_decision_is_main_frame_main_resource(r))
        return FALSE;
    const char *uri = webkit_uri_response_get_uri(
        webkit_response_policy_decision_get_response(r));
    sash_app *app = sash__window_app(w);
    if (!uri || !sash__app_frame_origin_listed(app, uri) ||
        sash__app_navigation_allowed(app, uri))
        return FALSE;
    webkit_policy_decision_ignore(d);
    sash__debug(app, "window '%s': top frame to %.300s stopped (a frame "
                "origin loads in iframes only)", sash_window_label(w), uri);
    return TRUE;
}

static gboolean on_message(WebKitWebView *view, WebKitUserMessage *msg,
                           gpointer w)
{
    (void)w;
    const char *name = webkit_user_message_get_name(msg);
    if (g_strcmp0(name, "sash-shm-hello") == 0) { /* the extension is here */
        state_of(view, 1)->ext = 1;
        return FALSE; /* gtk_shm.c's too */
    }
    if (g_strcmp0(name, "sash-frame") != 0)
        return FALSE;
    GVariant *v = webkit_user_message_get_parameters(msg);
    frames_state *s = state_of(view, 1);
    s->ext = 1;
    if (!v || !g_variant_is_of_type(v, G_VARIANT_TYPE("(ssssb)")))
        return TRUE;
    const char *token, *old, *uri, *origin;
    gboolean main;
    g_variant_get(v, "(&s&s&s&sb)", &token, &old, &uri, &origin, &main);
    if (*old)
        g_hash_table_remove(s->tokens, old);
    if (main) /* a new top document: every frame of the old one is gone */
        g_hash_table_remove_all(s->tokens);
    if (*token && strlen(token) == 32) {
        frame_info *f = g_new0(frame_info, 1);
        f->origin = g_strdup(origin);
        f->main = main;
        g_hash_table_replace(s->tokens, g_strdup(token), f);
    }
    return TRUE;
}

static void on_crashed(WebKitWebView *view, WebKitWebProcessTerminationReason r,
                       gpointer w)
{
    (void)r;
    (void)w;
    frames_state *s = state_of(view, 0);
    if (s)
        g_hash_table_remove_all(s->tokens);
}

void sash__gtk_frames_view(sash_window *w, WebKitWebView *view)
{
    g_signal_connect(view, "user-message-received", G_CALLBACK(on_message), w);
    g_signal_connect(view, "decide-policy", G_CALLBACK(on_decide_policy), w);
    g_signal_connect(view, "web-process-terminated", G_CALLBACK(on_crashed), w);
}
