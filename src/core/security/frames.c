/*
 * frames.c - per-frame origin (docs/security.md "Frames"): which frame sent
 * a message, remote origins that may load in iframes (security.frameOrigins,
 * never given IPC), and the CSP's frame-src for them.  The backend says
 * which frame a message came from (it knows it from its web-process code);
 * the checks here use it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calls/call.h"
#include "security/security.h"

void sash__window_set_ipc_subframe(sash_window *w, int subframe)
{
    if (w)
        w->ipc_subframe = subframe ? 1 : 0;
}

void sash__ipc_forbid(sash_window *w, const char *why, void *backend_handle)
{
    void *handle = sash__reply_to_new(w, backend_handle, "", 0);
    if (!handle)
        return;
    char msg[512];
    snprintf(msg, sizeof msg, "IPC refused in window '%.100s': %.280s",
             w->label, why);
    sash__refuse(w, handle, SASH_CODE_FORBIDDEN, msg);
}

int sash__app_frame_origin_listed(const sash_app *app, const char *url)
{
    char origin[512];
    if (!app || !app->security || sash__url_origin(url, origin, sizeof origin) != 0)
        return 0;
    const sash__strv *o = &app->security->config.frame_origins;
    for (size_t i = 0; i < o->n; i++)
        if (strcmp(o->v[i], origin) == 0)
            return 1;
    return 0;
}

size_t sash__app_frame_origins(const sash_app *app)
{
    return app && app->security ? app->security->config.frame_origins.n : 0;
}

char *sash__csp_with_frames(const char *csp, const sash__strv *origins)
{
    static const char word[] = "frame-src 'self'";
    const char *at = csp ? strstr(csp, word) : NULL;
    if (!at || !origins || origins->n == 0)
        return csp ? sash__strdup(csp) : NULL;
    size_t extra = 0;
    for (size_t i = 0; i < origins->n; i++)
        extra += 1 + strlen(origins->v[i]);
    size_t head = (size_t)(at - csp) + sizeof word - 1;
    char *s = malloc(strlen(csp) + extra + 1);
    if (!s)
        return NULL;
    memcpy(s, csp, head);
    char *p = s + head;
    for (size_t i = 0; i < origins->n; i++) {
        *p++ = ' ';
        size_t n = strlen(origins->v[i]);
        memcpy(p, origins->v[i], n);
        p += n;
    }
    strcpy(p, csp + head);
    return s;
}
